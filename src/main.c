/* main.c - the command line: --trace, --check, --train, or the UI; the only place that prints. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "fault.h"
#include "export.h"
#include "formula.h"
#include "handout.h"
#include "i18n.h"
#include "locate.h"
#include "out.h"
#include "scenario.h"
#include "scenario_default.h"
#include "stepper.h"
#include "svg.h"
#include "train.h"
#include "ui.h"

/* Exit statuses, like diff(1): 0 fine, 1 differences or training stopped, 2 trouble. */
enum { EXIT_OK = 0, EXIT_DIFF = 1, EXIT_BAD = 2 };

/* The bounds of --iterations and --epochs: those of the scenario keys
 * [training] iterations and epochs (scenario.c, scen_training_key). */
#define MAIN_ITERATIONS_MAX 1000000L
#define MAIN_EPOCHS_MAX 10000000L

typedef enum main_mode { MODE_UI, MODE_TRACE, MODE_CHECK, MODE_TRAIN, MODE_HANDOUT } main_mode;

static void main_usage(out_stream *to)
{
    out_printf(to, "%s", _("Usage: bpviz [OPTION]... [FILE]\n"
                  "Make backpropagation visible: step through one SGD iteration of the\n"
                  "network in scenario FILE (default: document 000's worked example). FILE\n"
                  "may be a path or a scenario's name, e.g. doc003 (see --list).\n"
                  "\n"
                  "  (no option)         open the interactive viewer on FILE\n"
                  "      --trace         print every event of the first iteration(s)\n"
                  "      --iterations N  with --trace or --handout: N iterations (default: the\n"
                  "                      scenario's for --trace, 1 for --handout)\n"
                  "      --check         compare the document's printed numbers with computed ones\n"
                  "      --train         train and print CSV: epoch,loss[,train_acc[,val_acc]]\n"
                  "      --epochs N      with --train: train N epochs (default: the scenario's)\n"
                  "      --svg OUT.svg   with --train: also write the loss (and accuracy) chart\n"
                  "      --log           with --svg: loss on a logarithmic scale\n"
                  "      --handout       print a handout of the first iteration(s): every formula,\n"
                  "                      every number, and the check of the document's numbers\n"
                  "      --format F      with --handout: md (Markdown, default) or tex (LaTeX)\n"
                  "      --export torch  write a PyTorch script that computes what --trace prints\n"
                  "                      (with --train: what --train prints) to standard output\n"
                  "      --digits N      significant digits in --trace and --handout formulas\n"
                  "                      (default 6; the viewer does not use it); above 10, also\n"
                  "                      of --trace's value column\n"
                  "      --ascii         ASCII formulas even in a UTF-8 locale\n"
                  "      --mono          no colours in the viewer (also when NO_COLOR is set)\n"
                  "      --list          list the scenarios bpviz finds by name, with their titles\n"
                  "  -h, --help          show this help and exit\n"
                  "  -V, --version       show the version and exit\n"
                  "\n"
                  "Exit status: 0 if fine; 1 if --check found a DIFF, training diverged or\n"
                  "--trace met a value that is not finite; 2 if a file is missing or malformed,\n"
                  "the options are wrong, or output could not be written.\n"));
}

/* A UTF-8 locale that is not installed (zh_CN.UTF-8 on a fresh Debian has
 * only C.UTF-8): keep UTF-8 through C.UTF-8 and the language through
 * LANGUAGE, so that the class still gets Chinese and Unicode formulas. */
static void main_fallback_locale(void)
{
    const char *want = getenv("LC_ALL");
    if (!want || !*want)
        want = getenv("LC_MESSAGES");
    if (!want || !*want)
        want = getenv("LANG");
    if (!want || !(strstr(want, ".UTF-8") || strstr(want, ".utf8")) || !setlocale(LC_CTYPE, "C.UTF-8"))
        return;
    setlocale(LC_MESSAGES, "C.UTF-8"); /* in "C" itself gettext ignores LANGUAGE */
    const char *lang = getenv("LANGUAGE");
    if (!lang || !*lang) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.*s", (int)strcspn(want, ".@"), want);
        setenv("LANGUAGE", buf, 1);
    }
}

/* Translations: $BPVIZ_LOCALEDIR, else build/locale beside an in-tree
 * binary, else the installed ones. */
static void main_bind_locale(void)
{
    const char *dir = getenv("BPVIZ_LOCALEDIR");
    char tree[LOCATE_PATH_MAX];
    if (!dir || !*dir)
        dir = locate_beside_binary("build/locale", tree, sizeof tree) ? tree : BPVIZ_LOCALEDIR;
    bindtextdomain(I18N_DOMAIN, dir);
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
}

static bool main_utf8(bool force_ascii)
{
    if (force_ascii)
        return false;
    const char *cs = nl_langinfo(CODESET);
    return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

static long main_count(const char *arg, const char *opt, long lo, long hi)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || v < lo || v > hi) {
        fprintf(stderr, _("bpviz: %s takes a whole number from %ld to %ld, not '%s'\n"), opt, lo, hi, arg);
        exit(EXIT_BAD);
    }
    return v;
}

/* --list: every scenario found, with its title. */
static int main_list(out_stream *so)
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
        return EXIT_BAD;
    }
    return EXIT_OK;
}

/* --trace stops at the first value that is not finite (event index, its
 * event ev named sym): what it is, where, and why, the engine's diagnosis. */
static int main_trace_stop(out_stream *so, const scenario *sc, stepper *st, const step_event *ev, const char *sym,
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
    return EXIT_DIFF;
}

static int main_trace(out_stream *so, const scenario *sc, long iterations, int digits, bool utf8)
{
    err e;
    stepper *st = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    if (!st) {
        fprintf(stderr, "bpviz: %s: %s\n", sc->path, e.msg);
        return EXIT_BAD;
    }
    long index = 0;
    int status = EXIT_OK;
    for (long it = 0; it < iterations && status == EXIT_OK && out_ok(so); it++) {
        if (it > 0)
            stepper_next(st);
        stepper_finish_iteration(st);
        for (int k = 0; k < stepper_count(st) && status == EXIT_OK; k++) {
            const step_event *ev = stepper_event(st, k);
            formula f;
            char sym[NOTATION_MAX], num[FORMULA_MAX];
            formula_build(&sc->nt, &sc->spec, ev, stepper_operands(st), digits, &f);
            notation_render(f.symbol, utf8, sym, sizeof sym);
            if (!isfinite(ev->value)) {
                status = main_trace_stop(so, sc, st, ev, sym, ++index);
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

static int main_check(out_stream *so, const scenario *sc, bool utf8)
{
    if (sc->nexpect == 0) {
        fprintf(stderr, _("bpviz: %s: the scenario has no [expected] values to check\n"), sc->path);
        return EXIT_OK;
    }
    check_result *res = calloc((size_t)sc->nexpect, sizeof *res);
    if (!res) {
        fprintf(stderr, "bpviz: %s\n", _("out of memory"));
        return EXIT_BAD;
    }
    err e;
    int bad = check_run(sc, res, &e);
    if (bad < 0) {
        fprintf(stderr, "bpviz: %s: %s\n", sc->path, e.msg);
        free(res);
        return EXIT_BAD;
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
    return bad ? EXIT_DIFF : EXIT_OK;
}

/* One row: val_acc only when there are validation rows (it would be NaN). */
static void main_train_row(out_stream *so, const train_point *p, bool classes, bool validation)
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
static void main_on_signal(int sig)
{
    out_file_remove_pending();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Before a file is written: the signals that end a program remove its
 * temporary file first. Those ignored when bpviz started (nohup, a shell's
 * trap '' PIPE) stay ignored. */
static void main_catch_signals(void)
{
    static const int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGXFSZ};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction sa, old;
        if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = main_on_signal;
        sigfillset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

/* The points of a run, kept only when a chart needs them. */
typedef struct main_points {
    train_point *p; /* [cap] owned */
    long n;         /* points kept */
    long cap;       /* points allocated */
} main_points;

static bool main_points_add(main_points *ps, const train_point *p)
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
static bool main_write_svg(const scenario *sc, out_file *svg, const main_points *ps, bool log_scale)
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
static int main_train(out_stream *so, const scenario *sc, long epochs, const char *svg_path, bool log_scale)
{
    err e;
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    if (!t) {
        fprintf(stderr, "bpviz: %s: %s\n", sc->path, e.msg);
        return EXIT_BAD;
    }
    /* The chart's file is created first (as a temporary file beside it): a
     * path that cannot be written fails before any CSV. */
    out_file svg;
    if (svg_path) {
        main_catch_signals();
        if (!out_file_open(&svg, svg_path, &e)) {
            fprintf(stderr, "bpviz: %s\n", e.msg);
            train_free(t);
            return EXIT_BAD;
        }
    }
    main_points pts = {NULL, 0, 0};
    bool classes = sc->data.nclasses > 0, validation = classes && data_ntrain(&sc->data) < sc->data.n;
    out_printf(so, "%s\n", validation ? "epoch,loss,train_acc,val_acc" : classes ? "epoch,loss,train_acc" : "epoch,loss");
    train_point p;
    train_measure(t, &p);
    int status = EXIT_OK;
    for (long ep = 0;; ep++) {
        main_train_row(so, &p, classes, validation);
        if (svg_path && !main_points_add(&pts, &p)) {
            fprintf(stderr, "bpviz: %s\n", _("out of memory"));
            status = EXIT_BAD;
            break;
        }
        /* Stops when stdout is gone (main_finish says so), at the end, or
         * below the threshold (document 000 step 5). */
        if (!out_ok(so) || ep == epochs || (sc->threshold > 0 && p.loss < sc->threshold))
            break;
        if (!train_epoch(t, &p, &e)) {
            out_flush(so);
            fprintf(stderr, "bpviz: %s: %s\n", sc->path, e.msg);
            status = EXIT_DIFF;
            break;
        }
    }
    /* A run whose CSV was lost or cut short gets no chart: the old one stays. */
    if (svg_path && (status == EXIT_BAD || !out_flush(so)))
        out_file_abort(&svg);
    else if (svg_path && !main_write_svg(sc, &svg, &pts, log_scale))
        status = EXIT_BAD;
    train_free(t);
    free(pts.p);
    return status;
}

/* Flushes and closes standard output: a write that failed, now or earlier,
 * is one message and exit status 2, whatever the mode said. */
static int main_finish(out_stream *so, int status)
{
    if (out_close(so))
        return status;
    err e;
    out_error(so, &e);
    fprintf(stderr, "bpviz: %s\n", e.msg);
    return EXIT_BAD;
}

/* --export torch: the script on standard output (a write error is main_finish's to report). */
static int main_export(out_stream *so, const scenario *sc, bool train, long iterations, long epochs, int digits,
                       bool utf8)
{
    export_options o = {train ? EXPORT_TRAIN : EXPORT_TRACE, iterations ? iterations : sc->iterations,
                        epochs >= 0 ? epochs : sc->epochs, digits > 10 ? digits : 10, utf8};
    err e;
    int errnum;
    switch (export_torch(sc, &o, so->f, &e, &errnum)) {
    case EXPORT_OK: return EXIT_OK;
    case EXPORT_REFUSED: fprintf(stderr, "bpviz: %s\n", e.msg); return EXIT_BAD;
    default: so->errnum = errnum ? errnum : EIO; return EXIT_BAD;
    }
}

/* The long option whose val is that, or NULL. */
static const struct option *main_option_of(const struct option *opts, int val)
{
    for (const struct option *o = opts; o->name; o++)
        if (o->val == val)
            return o;
    return NULL;
}

/* getopt_long returned '?' or ':' (opterr is 0, so it printed nothing): one line in bpviz's own words. */
static void main_bad_option(int c, char **argv, const struct option *opts)
{
    const struct option *o = optopt ? main_option_of(opts, optopt) : NULL;
    char name[64];
    if (o)
        snprintf(name, sizeof name, "--%s", o->name);
    else
        snprintf(name, sizeof name, "-%c", optopt);
    if (c == ':') {
        fprintf(stderr, _("bpviz: %s needs a value\n"), name);
        return;
    }
    if (o) { /* --trace=1 */
        fprintf(stderr, _("bpviz: %s takes no value\n"), name);
        return;
    }
    if (!optopt) {
        /* A long option that is unknown, or the start of several: getopt_long has moved past it. */
        const char *arg = argv[optind - 1];
        const char *start = arg + strspn(arg, "-");
        size_t len = strcspn(start, "=");
        snprintf(name, sizeof name, "%.*s", len ? (int)((size_t)(start - arg) + len) : (int)strlen(arg), arg);
        char could[256] = "";
        int matches = 0;
        for (const struct option *p = opts; p->name; p++) {
            if (strncmp(p->name, start, len))
                continue;
            size_t used = strlen(could);
            snprintf(could + used, sizeof could - used, "%s--%s", matches ? " " : "", p->name);
            matches++;
        }
        if (matches > 1 && len > 0) {
            fprintf(stderr, _("bpviz: ambiguous option '%s' (could be: %s)\n"), name, could);
            return;
        }
    }
    fprintf(stderr, _("bpviz: unknown option '%s'; try 'bpviz --help' for more information\n"), name);
}

int main(int argc, char **argv)
{
    if (!setlocale(LC_ALL, ""))
        main_fallback_locale();
    /* Numbers in files and output are always written with a decimal point. */
    setlocale(LC_NUMERIC, "C");
    main_bind_locale();
    textdomain(I18N_DOMAIN);

    enum { OPT_TRACE = 256, OPT_CHECK, OPT_TRAIN, OPT_ITER, OPT_EPOCHS, OPT_DIGITS, OPT_ASCII, OPT_MONO, OPT_SVG, OPT_LOG, OPT_HANDOUT, OPT_FORMAT, OPT_LIST, OPT_EXPORT };
    static const struct option opts[] = {
        {"trace", no_argument, NULL, OPT_TRACE},
        {"check", no_argument, NULL, OPT_CHECK},
        {"train", no_argument, NULL, OPT_TRAIN},
        {"iterations", required_argument, NULL, OPT_ITER},
        {"epochs", required_argument, NULL, OPT_EPOCHS},
        {"digits", required_argument, NULL, OPT_DIGITS},
        {"ascii", no_argument, NULL, OPT_ASCII},
        {"mono", no_argument, NULL, OPT_MONO},
        {"svg", required_argument, NULL, OPT_SVG},
        {"handout", no_argument, NULL, OPT_HANDOUT},
        {"list", no_argument, NULL, OPT_LIST},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"log", no_argument, NULL, OPT_LOG},
        {"export", required_argument, NULL, OPT_EXPORT},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    main_mode mode = MODE_UI;
    long iterations = 0, epochs = -1;
    int digits = 6;
    const char *svg_path = NULL;
    bool log_scale = false;
    handout_format hformat = HANDOUT_MD;
    bool format_given = false;
    bool to_torch = false; /* --export torch */
    ui_options uo = {false, false};
    out_stream so; /* standard output, checked */
    out_init(&so, stdout, NULL);
    int c;
    opterr = 0; /* main_bad_option says it in bpviz's words */
    while ((c = getopt_long(argc, argv, ":hV", opts, NULL)) != -1) {
        switch (c) {
        case OPT_TRACE: mode = MODE_TRACE; break;
        case OPT_CHECK: mode = MODE_CHECK; break;
        case OPT_TRAIN: mode = MODE_TRAIN; break;
        case OPT_ITER: iterations = main_count(optarg, "--iterations", 1, MAIN_ITERATIONS_MAX); break;
        case OPT_EPOCHS: epochs = main_count(optarg, "--epochs", 0, MAIN_EPOCHS_MAX); break;
        case OPT_DIGITS: digits = (int)main_count(optarg, "--digits", 1, 17); break;
        case OPT_ASCII: uo.ascii = true; break;
        case OPT_MONO: uo.mono = true; break;
        case OPT_SVG: svg_path = optarg; break;
        case OPT_LOG: log_scale = true; break;
        case OPT_HANDOUT: mode = MODE_HANDOUT; break;
        case OPT_LIST: return main_finish(&so, main_list(&so));
        case OPT_FORMAT:
            format_given = true;
            if (!strcmp(optarg, "md"))
                hformat = HANDOUT_MD;
            else if (!strcmp(optarg, "tex"))
                hformat = HANDOUT_TEX;
            else {
                fprintf(stderr, _("bpviz: --format takes md or tex, not '%s'\n"), optarg);
                return EXIT_BAD;
            }
            break;
        case OPT_EXPORT:
            if (strcmp(optarg, "torch")) {
                fprintf(stderr, _("bpviz: --export takes torch, not '%s'\n"), optarg);
                return EXIT_BAD;
            }
            to_torch = true;
            break;
        case 'h': main_usage(&so); return main_finish(&so, EXIT_OK);
        case 'V': out_printf(&so, "bpviz %s\n", BPVIZ_VERSION); return main_finish(&so, EXIT_OK);
        default: /* '?' or ':' */
            main_bad_option(c, argv, opts);
            return EXIT_BAD;
        }
    }
    if (to_torch && (mode == MODE_TRACE || mode == MODE_CHECK || mode == MODE_HANDOUT || svg_path)) {
        fprintf(stderr, _("bpviz: --export goes alone or with --train (not with --trace, --check, --handout or --svg)\n"));
        return EXIT_BAD;
    }
    if (svg_path && mode != MODE_TRAIN) {
        fprintf(stderr, _("bpviz: --svg goes with --train\n"));
        return EXIT_BAD;
    }
    if (log_scale && !svg_path) {
        fprintf(stderr, _("bpviz: --log goes with --svg\n"));
        return EXIT_BAD;
    }
    if (format_given && mode != MODE_HANDOUT) {
        fprintf(stderr, _("bpviz: --format goes with --handout\n"));
        return EXIT_BAD;
    }
    if (argc - optind > 1) {
        fprintf(stderr, _("bpviz: one scenario file at a time (got %d)\n"), argc - optind);
        return EXIT_BAD;
    }
    err e;
    err_clear(&e);
    scenario *sc;
    if (optind < argc) {
        char path[LOCATE_PATH_MAX];
        if (!locate_scenario(argv[optind], path, sizeof path) && !strchr(argv[optind], '/')) {
            fprintf(stderr, _("bpviz: %s: no such file, nor a scenario of that name (see bpviz --list)\n"), argv[optind]);
            return EXIT_BAD;
        }
        sc = scenario_load(path, &e);
    }
    else
        sc = scenario_parse(_("(built-in doc000.bp)"), scenario_default_text, scenario_default_len, &e);
    if (!sc) {
        fprintf(stderr, "bpviz: %s\n", e.msg);
        return EXIT_BAD;
    }
    /* What the data loader accepted but noticed; the viewer shows it itself. */
    for (int i = 0; mode != MODE_UI && i < sc->data.nwarnings; i++)
        fprintf(stderr, "bpviz: %s\n", sc->data.warnings[i].msg);
    bool utf8 = main_utf8(uo.ascii);
    int status;
    if (to_torch)
        status = main_export(&so, sc, mode == MODE_TRAIN, iterations, epochs, digits, utf8);
    else switch (mode) {
    case MODE_TRACE: status = main_trace(&so, sc, iterations ? iterations : sc->iterations, digits, utf8); break;
    case MODE_CHECK: status = main_check(&so, sc, utf8); break;
    case MODE_HANDOUT:
        status = EXIT_OK;
        if (!handout_write(&so, sc, hformat, iterations ? iterations : 1, digits, &e)) {
            if (out_ok(&so)) /* a write error is main_finish's to report */
                fprintf(stderr, "bpviz: %s\n", e.msg);
            status = EXIT_BAD;
        }
        break;
    case MODE_TRAIN: status = main_train(&so, sc, epochs >= 0 ? epochs : sc->epochs, svg_path, log_scale); break;
    default:
        status = ui_run(sc, &uo, &e);
        if (status != EXIT_OK)
            fprintf(stderr, "bpviz: %s\n", e.msg);
        scenario_free(sc);
        return status; /* the terminal's output is ncurses' */
    }
    scenario_free(sc);
    return main_finish(&so, status);
}
