/* cli.c - the batch modes: --list, --trace, --check, --train (with its SVG chart), --handout, --export. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "export.h"
#include "fault.h"
#include "formula.h"
#include "i18n.h"
#include "locate.h"
#include "stepper.h"
#include "svg.h"
#include "train.h"

/* --list: every scenario found, with its title. */
int cli_list(out_stream *so)
{
    char dirs[4][LOCATE_PATH_MAX];
    int nd = locate_dirs(dirs, 4);
    int shown = 0;
    for (int i = 0; i < nd; i++) {
        struct dirent **names;
        int n = scandir(dirs[i], &names, NULL, alphasort);
        if (n < 0)
            continue;
        for (int k = 0; k < n; k++) {
            const char *nm = names[k]->d_name;
            size_t len = strlen(nm);
            if (len > 3 && !strcmp(nm + len - 3, ".bp")) {
                char path[LOCATE_PATH_MAX * 2];
                if (!locate_join(dirs[i], nm, "", path, sizeof path))
                    continue;
                err e;
                scenario *sc = scenario_load(path, &e);
                out_printf(so, "%-16.*s %s\n", (int)(len - 3), nm, sc ? sc->title : e.msg);
                scenario_free(sc);
                shown++;
            }
            free(names[k]);
        }
        free(names);
        if (shown)
            break; /* the first folder that has scenarios is the one names resolve to */
    }
    if (!shown) {
        fprintf(stderr, _("bpviz: no scenarios found (set BPVIZ_SCENARIOS to a folder of .bp files)\n"));
        return CLI_EXIT_BAD;
    }
    return CLI_EXIT_OK;
}

/* --trace stops at the first value that is not finite (event index, its
 * event ev named sym): what it is, where, and why, the engine's diagnosis. */
static int cli_trace_stop(out_stream *so, const scenario *sc, stepper *st, const step_event *ev, const char *sym,
                           long index)
{
    fault f;
    char why[ERR_MSG_MAX], v[64];
    if (stepper_fault(st, &f))
        fault_reason(&f, &sc->spec, ev->iteration == 0, why, sizeof why);
    else /* cannot be: the event is the iteration's own value */
        snprintf(why, sizeof why, "%s", _("the engine finds no cause"));
    out_flush(so);
    fprintf(stderr, _("bpviz: %s: %s is %s at event %ld (iteration %ld, %s): %s\n"), sc->path, sym,
            formula_num(ev->value, 6, v, sizeof v), index, ev->iteration + 1, _(stepper_phase_name(ev->phase)), why);
    return CLI_EXIT_DIFF;
}

int cli_trace(out_stream *so, const scenario *sc, long iterations, int digits, bool utf8)
{
    err e;
    stepper *st = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    if (!st) {
        fprintf(stderr, "bpviz: %s: %s\n", sc->path, e.msg);
        return CLI_EXIT_BAD;
    }
    long index = 0;
    int status = CLI_EXIT_OK;
    for (long it = 0; it < iterations && status == CLI_EXIT_OK && out_ok(so); it++) {
        if (it > 0)
            stepper_next(st);
        stepper_finish_iteration(st);
        for (int k = 0; k < stepper_count(st) && status == CLI_EXIT_OK; k++) {
            const step_event *ev = stepper_event(st, k);
            formula f;
            char sym[NOTATION_MAX], num[FORMULA_MAX];
            formula_build(&sc->nt, &sc->spec, ev, stepper_operands(st), digits, &f);
            notation_render(f.symbol, utf8, sym, sizeof sym);
            if (!isfinite(ev->value)) {
                status = cli_trace_stop(so, sc, st, ev, sym, ++index);
                break;
            }
            notation_render(f.numeric, utf8, num, sizeof num);
            double v = ev->value == 0.0 ? 0.0 : ev->value; /* no "-0" */
            /* The phase column stays untranslated: scripts read it. The value
             * has 10 digits, or more when --digits asks (17: every bit). */
            out_printf(so, "%ld\t%s\t%s\t%.*g\t%s\n", ++index, stepper_phase_name(ev->phase), sym, digits > 10 ? digits : 10,
                       v, num);
        }
    }
    stepper_free(st);
    return status;
}

int cli_check(out_stream *so, const scenario *sc, bool utf8)
{
    if (sc->nexpect == 0) {
        fprintf(stderr, _("bpviz: %s: the scenario has no [expected] values to check\n"), sc->path);
        return CLI_EXIT_OK;
    }
    check_result *res = calloc((size_t)sc->nexpect, sizeof *res);
    if (!res) {
        fprintf(stderr, "bpviz: %s\n", _("out of memory"));
        return CLI_EXIT_BAD;
    }
    err e;
    int bad = check_run(sc, res, &e);
    if (bad < 0) {
        fprintf(stderr, "bpviz: %s: %s\n", sc->path, e.msg);
        free(res);
        return CLI_EXIT_BAD;
    }
    for (int i = 0; i < sc->nexpect; i++) {
        char sym[NOTATION_MAX + 64];
        check_label(&res[i], utf8, sym, sizeof sym);
        if (res[i].verdict == CHECK_UNKNOWN)
            out_printf(so, "%s\t%s\t%s\t-\n", check_verdict_name(res[i].verdict), sym, res[i].ex->printed);
        else
            out_printf(so, "%s\t%s\t%s\t%.10g\n", check_verdict_name(res[i].verdict), sym, res[i].ex->printed, res[i].computed);
    }
    for (int i = 0; i < sc->nexpect; i++)
        if (res[i].verdict == CHECK_UNKNOWN && res[i].ex->after >= 0)
            fprintf(stderr, _("bpviz: %s:%d: no event is named '%s' after %ld updates (is the notation right?)\n"),
                    sc->path, res[i].ex->line, res[i].ex->symbol, res[i].ex->after);
        else if (res[i].verdict == CHECK_UNKNOWN)
            fprintf(stderr, _("bpviz: %s:%d: no event is named '%s' (is the notation right?)\n"), sc->path,
                    res[i].ex->line, res[i].ex->symbol);
    free(res);
    return bad ? CLI_EXIT_DIFF : CLI_EXIT_OK;
}

/* One row: val_acc only when there are validation rows (it would be NaN). */
static void cli_train_row(out_stream *so, const train_point *p, bool classes, bool validation)
{
    if (validation)
        out_printf(so, "%ld,%.17g,%.6g,%.6g\n", p->epoch, p->loss, p->train_acc, p->val_acc);
    else if (classes)
        out_printf(so, "%ld,%.17g,%.6g\n", p->epoch, p->loss, p->train_acc);
    else
        out_printf(so, "%ld,%.17g\n", p->epoch, p->loss);
}

/* A signal that ends bpviz while a file is being written: the temporary
 * file goes, then the signal does what it would have done. */
static void cli_on_signal(int sig)
{
    out_file_remove_pending();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Before a file is written: the signals that end a program remove its
 * temporary file first. Those ignored when bpviz started (nohup, a shell's
 * trap '' PIPE) stay ignored. */
static void cli_catch_signals(void)
{
    static const int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGXFSZ};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction sa, old;
        if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = cli_on_signal;
        sigfillset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

/* The points of a run, kept only when a chart needs them. */
typedef struct cli_points {
    train_point *p; /* [cap] owned */
    long n;         /* points kept */
    long cap;       /* points allocated */
} cli_points;

static bool cli_points_add(cli_points *ps, const train_point *p)
{
    if (ps->n == ps->cap) {
        long cap = ps->cap ? ps->cap * 2 : 1024;
        train_point *np = realloc(ps->p, (size_t)cap * sizeof *np);
        if (!np)
            return false;
        ps->p = np;
        ps->cap = cap;
    }
    ps->p[ps->n++] = *p;
    return true;
}

/* Writes the chart of the run into svg and puts it in place; false (and a message) on failure. */
static bool cli_write_svg(const scenario *sc, out_file *svg, const cli_points *ps, bool log_scale)
{
    char *doc = svg_chart(sc->title, ps->p, (int)ps->n, sc->data.nclasses > 0, log_scale);
    if (!doc) {
        out_file_abort(svg);
        fprintf(stderr, "bpviz: %s\n", _("out of memory"));
        return false;
    }
    out_puts(&svg->o, doc);
    free(doc);
    err e;
    if (!out_file_commit(svg, true, &e)) {
        fprintf(stderr, "bpviz: %s\n", e.msg);
        return false;
    }
    return true;
}

/* Rows go out as they are made: without --svg nothing is kept per epoch. */
int cli_train(out_stream *so, const scenario *sc, long epochs, const char *svg_path, bool log_scale)
{
    err e;
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    if (!t) {
        fprintf(stderr, "bpviz: %s: %s\n", sc->path, e.msg);
        return CLI_EXIT_BAD;
    }
    /* The chart's file is created first (as a temporary file beside it): a
     * path that cannot be written fails before any CSV. */
    out_file svg;
    if (svg_path) {
        cli_catch_signals();
        if (!out_file_open(&svg, svg_path, &e)) {
            fprintf(stderr, "bpviz: %s\n", e.msg);
            train_free(t);
            return CLI_EXIT_BAD;
        }
    }
    cli_points pts = {NULL, 0, 0};
    bool classes = sc->data.nclasses > 0, validation = classes && data_ntrain(&sc->data) < sc->data.n;
    out_printf(so, "%s\n", validation ? "epoch,loss,train_acc,val_acc" : classes ? "epoch,loss,train_acc" : "epoch,loss");
    train_point p;
    train_measure(t, &p);
    int status = CLI_EXIT_OK;
    for (long ep = 0;; ep++) {
        cli_train_row(so, &p, classes, validation);
        if (svg_path && !cli_points_add(&pts, &p)) {
            fprintf(stderr, "bpviz: %s\n", _("out of memory"));
            status = CLI_EXIT_BAD;
            break;
        }
        /* Stops when stdout is gone (cli_finish says so), at the end, or
         * below the threshold (document 000 step 5). */
        if (!out_ok(so) || ep == epochs || (sc->threshold > 0 && p.loss < sc->threshold))
            break;
        if (!train_epoch(t, &p, &e)) {
            out_flush(so);
            fprintf(stderr, "bpviz: %s: %s\n", sc->path, e.msg);
            status = CLI_EXIT_DIFF;
            break;
        }
    }
    /* A run whose CSV was lost or cut short gets no chart: the old one stays. */
    if (svg_path && (status == CLI_EXIT_BAD || !out_flush(so)))
        out_file_abort(&svg);
    else if (svg_path && !cli_write_svg(sc, &svg, &pts, log_scale))
        status = CLI_EXIT_BAD;
    train_free(t);
    free(pts.p);
    return status;
}

/* Flushes and closes standard output: a write that failed, now or earlier,
 * is one message and exit status 2, whatever the mode said. */
int cli_finish(out_stream *so, int status)
{
    if (out_close(so))
        return status;
    err e;
    out_error(so, &e);
    fprintf(stderr, "bpviz: %s\n", e.msg);
    return CLI_EXIT_BAD;
}

/* --export torch: the script on standard output (a write error is cli_finish's to report). */
int cli_export(out_stream *so, const scenario *sc, bool train, long iterations, long epochs, int digits,
                       bool utf8)
{
    export_options o = {train ? EXPORT_TRAIN : EXPORT_TRACE, iterations ? iterations : sc->iterations,
                        epochs >= 0 ? epochs : sc->epochs, digits > 10 ? digits : 10, utf8};
    err e;
    int errnum;
    switch (export_torch(sc, &o, so->f, &e, &errnum)) {
    case EXPORT_OK: return CLI_EXIT_OK;
    case EXPORT_REFUSED: fprintf(stderr, "bpviz: %s\n", e.msg); return CLI_EXIT_BAD;
    default: so->errnum = errnum ? errnum : EIO; return CLI_EXIT_BAD;
    }
}

int cli_handout(out_stream *so, const scenario *sc, handout_format fmt, long iterations, int digits)
{
    err e;
    if (handout_write(so, sc, fmt, iterations, digits, &e))
        return CLI_EXIT_OK;
    if (out_ok(so)) /* a write error is cli_finish's to report */
        fprintf(stderr, "bpviz: %s\n", e.msg);
    return CLI_EXIT_BAD;
}
