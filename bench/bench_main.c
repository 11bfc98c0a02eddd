/* bench_main.c - `make bench`: bpviz's engine against FANN 2.2 and a plain C loop on identical work. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_fann.h"
#include "bench_plain.h"
#include "bench_util.h"
#include "bench_work.h"
#include "stepper.h"
#include "train.h"

#ifndef BENCH_CFLAGS
#define BENCH_CFLAGS "?"
#endif

/* The implementations timed on each workload. */
typedef enum bench_kind {
    BENCH_ENGINE,  /* net_train_rows(), the engine's flat-out path (--train, stepper_run) */
    BENCH_FANN,    /* FANN 2.2 double, fann_train_epoch incremental */
    BENCH_PLAIN,   /* the plain hand-written loop */
    BENCH_SAMPLE,  /* net_train_sample() once per sample: the engine without the fused first layer */
    BENCH_RUN,     /* stepper_run(): what the UI's training view calls */
    BENCH_EPOCH,   /* train_epoch(): what --train calls (with its per-epoch measurement) */
    BENCH_KINDS
} bench_kind;

static const char *const bench_kind_names[BENCH_KINDS] = {
    "engine flat out: net_train_rows", "FANN 2.2 double", "plain C loop", "engine: net_train_sample per sample",
    "engine via stepper_run (UI training)",
    "engine via train_epoch (--train)",
};

/* The workload's hyper-parameters: its eta for weights and biases, no momentum. */
static net_hyper bench_hyper(const bench_work *w)
{
    return (net_hyper){.eta_w = w->eta, .eta_b = w->eta, .lr_inc = 1, .lr_dec = 1, .max_ratio = 1};
}

/* A stepper on the workload from its initial weights; NULL when it cannot be made. */
static stepper *bench_stepper(const bench_work *w)
{
    err e;
    const net_hyper h = bench_hyper(w);
    return stepper_new(w->init, w->d, &h, &e);
}

/* One implementation's state on one workload. */
typedef struct bench_impl {
    bench_kind kind;
    const bench_work *w;
    net *n;               /* engine, fast, and the export target of the others */
    net_hyper h;
    bench_plain *plain;
    bench_fann *fann;
} bench_impl;

static bool bench_impl_make(bench_impl *im, bench_kind kind, const bench_work *w, bench_plain_rules rules)
{
    memset(im, 0, sizeof *im);
    im->kind = kind;
    im->w = w;
    im->h = bench_hyper(w);
    im->n = net_clone(w->init);
    if (!im->n)
        return false;
    memset(im->n->vel, 0, (size_t)im->n->nparams * sizeof(double));
    if (kind == BENCH_PLAIN)
        im->plain = bench_plain_new(w->init, w->eta, rules);
    if (kind == BENCH_FANN)
        im->fann = bench_fann_new(w->init, w->d, w->rows, w->eta);
    return (kind != BENCH_PLAIN || im->plain) && (kind != BENCH_FANN || im->fann);
}

static void bench_impl_drop(bench_impl *im)
{
    net_free(im->n);
    bench_plain_free(im->plain);
    bench_fann_free(im->fann);
    memset(im, 0, sizeof *im);
}

static void bench_impl_reset(bench_impl *im)
{
    memcpy(im->n->params, im->w->init->params, (size_t)im->n->nparams * sizeof(double));
    memset(im->n->vel, 0, (size_t)im->n->nparams * sizeof(double));
    if (im->plain)
        bench_plain_load(im->plain, im->w->init);
    if (im->fann)
        bench_fann_load(im->fann, im->w->init);
}

static void bench_impl_epoch(bench_impl *im)
{
    const data_set *d = im->w->d;
    const int rows = im->w->rows;
    switch (im->kind) {
    case BENCH_ENGINE:
        net_train_rows(im->n, d->x, d->t, rows, &im->h);
        break;
    case BENCH_SAMPLE:
        for (int i = 0; i < rows; i++)
            net_train_sample(im->n, d->x + (size_t)i * d->nin, d->t + (size_t)i * d->nout, &im->h);
        break;
    case BENCH_PLAIN:
        for (int i = 0; i < rows; i++)
            bench_plain_train(im->plain, d->x + (size_t)i * d->nin, d->t + (size_t)i * d->nout);
        break;
    case BENCH_FANN:
        bench_fann_epoch(im->fann);
        break;
    default:
        break;
    }
}

/* Mean loss over the training rows at the current weights. */
static double bench_impl_loss(bench_impl *im)
{
    const data_set *d = im->w->d;
    if (im->fann)
        return bench_fann_loss(im->fann);
    double sum = 0.0;
    for (int i = 0; i < im->w->rows; i++) {
        const double *x = d->x + (size_t)i * d->nin, *t = d->t + (size_t)i * d->nout;
        sum += im->plain ? bench_plain_loss(im->plain, x, t) : net_eval_sample(im->n, x, t);
    }
    return sum / im->w->rows;
}

/* The current parameters in the engine's layout (im->n). */
static const net *bench_impl_params(bench_impl *im)
{
    if (im->plain)
        bench_plain_export(im->plain, im->n);
    if (im->fann)
        bench_fann_export(im->fann, im->n);
    return im->n;
}

/* ---- fairness: the same maths ---- */

/* Trains a and b side by side for the workload's epochs; the largest
 * difference of their epoch losses (relative to a's) and of their parameters. */
typedef struct bench_agree {
    double loss_rel;  /* max over epochs |La - Lb| / La */
    double param_abs; /* max |pa - pb| at the end */
    bool identical;   /* every loss and parameter bit for bit the same */
    double first, last; /* a's loss before and after */
} bench_agree;

static bool bench_agree_run(const bench_work *w, bench_kind ka, bench_plain_rules ra, bench_kind kb,
                            bench_plain_rules rb, bench_agree *out)
{
    bench_impl a, b;
    if (!bench_impl_make(&a, ka, w, ra) || !bench_impl_make(&b, kb, w, rb)) {
        bench_impl_drop(&a);
        bench_impl_drop(&b);
        return false;
    }
    memset(out, 0, sizeof *out);
    out->identical = true;
    for (int ep = 0; ep <= w->epochs; ep++) {
        if (ep > 0) {
            bench_impl_epoch(&a);
            bench_impl_epoch(&b);
        }
        double la = bench_impl_loss(&a), lb = bench_impl_loss(&b);
        out->loss_rel = fmax(out->loss_rel, fabs(la - lb) / fabs(la));
        out->identical = out->identical && la == lb;
        if (ep == 0)
            out->first = la;
        out->last = la;
    }
    const net *pa = bench_impl_params(&a), *pb = bench_impl_params(&b);
    for (int i = 0; i < pa->nparams; i++) {
        out->param_abs = fmax(out->param_abs, fabs(pa->params[i] - pb->params[i]));
        out->identical = out->identical && pa->params[i] == pb->params[i];
    }
    bench_impl_drop(&a);
    bench_impl_drop(&b);
    return true;
}

/* ---- timing ---- */

/* ns per sample-step of one full run (epochs x rows) from the initial weights. */
static double bench_time_run(bench_impl *im)
{
    const bench_work *w = im->w;
    const long steps = (long)w->epochs * w->rows;
    bench_impl_reset(im);
    if (im->kind == BENCH_EPOCH) {
        err e;
        data_set d = *w->d;
        d.ntrain = w->rows;
        trainer *t = train_new(w->init, &d, &im->h, TRAIN_MODE_SGD, &e);
        if (!t)
            return NAN;
        train_point p;
        bool ok = true;
        int64_t t0 = bench_util_now_ns();
        for (int ep = 0; ep < w->epochs && ok; ep++)
            ok = train_epoch(t, &p, &e);
        int64_t t1 = bench_util_now_ns();
        train_free(t);
        return ok ? (double)(t1 - t0) / steps : NAN;
    }
    if (im->kind == BENCH_RUN) {
        err e;
        stepper *s = stepper_new(w->init, w->d, &im->h, &e);
        if (!s)
            return NAN;
        int64_t t0 = bench_util_now_ns();
        bool ok = stepper_run(s, steps, &e);
        int64_t t1 = bench_util_now_ns();
        stepper_free(s);
        return ok ? (double)(t1 - t0) / steps : NAN;
    }
    int64_t t0 = bench_util_now_ns();
    for (int ep = 0; ep < w->epochs; ep++)
        bench_impl_epoch(im);
    int64_t t1 = bench_util_now_ns();
    bench_util_sink(im->n->params[0]);
    return (double)(t1 - t0) / steps;
}

/* How a stepping run reads the stepper after each move. */
typedef enum bench_read {
    BENCH_READ_NONE, /* moves only */
    BENCH_READ_VIEW, /* the view and the cursor's event after each move: what a viewer's frame reads */
} bench_read;

/* Stepping mode: each iteration entered and finished (stepper_next into it,
 * stepper_finish_iteration), no UI: its events can all be read, the view at
 * its end. ns per iteration. */
static double bench_time_stepping(const bench_work *w, long iters, bench_read rd, size_t *mem)
{
    stepper *s = bench_stepper(w);
    if (!s)
        return NAN;
    double sink = 0.0;
    int64_t t0 = bench_util_now_ns();
    for (long i = 0; i < iters; i++) {
        stepper_next(s);
        if (rd == BENCH_READ_VIEW)
            sink += stepper_view(s)->net->params[0];
        stepper_finish_iteration(s);
        if (rd == BENCH_READ_VIEW)
            sink += stepper_view(s)->net->params[0] + stepper_current(s)->value;
    }
    int64_t t1 = bench_util_now_ns();
    bench_util_sink(sink);
    if (mem)
        *mem = stepper_memory(s);
    stepper_free(s);
    return (double)(t1 - t0) / iters;
}

/* Every event of an iteration visited one at a time, each read
 * (stepper_next, stepper_current, the view at the end). ns per event. */
static double bench_time_events(const bench_work *w, long iters, int *nev)
{
    stepper *s = bench_stepper(w);
    if (!s)
        return NAN;
    double sink = 0.0;
    long events = 0;
    int64_t t0 = bench_util_now_ns();
    for (long i = 0; i < iters; i++) {
        while (stepper_pos(s) < stepper_count(s)) {
            stepper_next(s);
            sink += stepper_current(s)->value;
            events++;
        }
        sink += stepper_view(s)->net->params[0];
        stepper_next(s);
    }
    int64_t t1 = bench_util_now_ns();
    bench_util_sink(sink);
    *nev = stepper_count(s);
    stepper_free(s);
    return (double)(t1 - t0) / (double)events;
}

/* The fixed cost of one stepper_run() call (a UI tick): median of calls of 1 iteration, ns. */
static double bench_time_run_call(const bench_work *w)
{
    stepper *s = bench_stepper(w);
    if (!s)
        return NAN;
    double v[15];
    err e;
    for (int i = 0; i < 15; i++) {
        int64_t t0 = bench_util_now_ns();
        stepper_run(s, 1, &e);
        v[i] = (double)(bench_util_now_ns() - t0);
    }
    stepper_free(s);
    return bench_util_median(v, 15);
}

/* ---- peak memory, each in a child process ---- */

typedef struct bench_mem_arg {
    const bench_work *w;
    bench_kind kind;
    long iters; /* stepping: iterations to build */
} bench_mem_arg;

static void bench_mem_child(void *arg, void *out)
{
    const bench_mem_arg *m = arg;
    double ok = 1.0;
    if (m->kind == BENCH_RUN) {
        stepper *s = bench_stepper(m->w);
        if (!s)
            ok = 0.0;
        for (long i = 0; s && i < m->iters; i++) {
            stepper_next(s);
            stepper_finish_iteration(s);
        }
        stepper_free(s);
    } else {
        bench_impl im;
        bench_plain_rules none = {false, false, false};
        if (bench_impl_make(&im, m->kind, m->w, none)) {
            bench_impl_reset(&im);
            bench_impl_epoch(&im);
        } else {
            ok = 0.0;
        }
        /* Measured before freeing: the peak is what was held. */
        bench_impl_drop(&im);
    }
    memcpy(out, &ok, sizeof ok);
}

static long bench_mem(const bench_work *w, bench_kind kind, long iters)
{
    bench_mem_arg a = {w, kind, iters};
    double ok = 0.0;
    long peak = -1;
    if (!bench_util_in_child(bench_mem_child, &a, &ok, sizeof ok, &peak) || ok != 1.0)
        return -1;
    return peak;
}

/* ---- one workload ---- */

typedef struct bench_result {
    double ns[BENCH_KINDS];
    long kib[BENCH_KINDS];
    double step_ns, stepview_ns, event_ns, run_call_ns;
    int nev;
    size_t step_mem;
    long step_kib;
} bench_result;

static double bench_worst = 0.0, bench_worst_step = 0.0;
static bool bench_all_fair = true;

static void bench_fmt_kib(char *buf, size_t n, long kib)
{
    if (kib < 0)
        snprintf(buf, n, "?");
    else
        snprintf(buf, n, "%ld", kib);
}

static bool bench_workload(const bench_work *w, int reps)
{
    printf("\n## %s\n%s\n", w->name, w->what);
    printf("parameters %d; FANN weights set %s\n\n", w->init->nparams,
           w->init->nparams <= 40000 ? "with fann_set_weight_array"
                                     : "in fann_get_connection_array order (fann_set_weight_array is quadratic)");

    /* Fairness: same maths. */
    bench_plain_rules none = {false, false, false};
    bench_plain_rules fann_all = {true, true, true};
    bench_plain_rules fann_two = {true, true, false};
    bench_agree ep, pf, pf2, ef, es;
    if (!bench_agree_run(w, BENCH_ENGINE, none, BENCH_PLAIN, none, &ep) ||
        !bench_agree_run(w, BENCH_FANN, none, BENCH_PLAIN, fann_all, &pf) ||
        !bench_agree_run(w, BENCH_FANN, none, BENCH_PLAIN, fann_two, &pf2) ||
        !bench_agree_run(w, BENCH_ENGINE, none, BENCH_FANN, none, &ef) ||
        !bench_agree_run(w, BENCH_ENGINE, none, BENCH_SAMPLE, none, &es)) {
        fprintf(stderr, "bench: %s: cannot build the implementations\n", w->name);
        return false;
    }
    bool fair = ep.loss_rel <= 1e-12 && ep.param_abs <= 1e-12 && pf.identical && es.identical;
    bench_all_fair = bench_all_fair && fair;
    printf("loss over the %d epochs: %.6g -> %.6g\n", w->epochs, ep.first, ep.last);
    printf("fairness (max over epochs of the relative loss difference; max |parameter difference| at the end):\n");
    printf("  engine vs plain loop                              %9.2e  %9.2e  %s\n", ep.loss_rel, ep.param_abs,
           ep.loss_rel <= 1e-12 && ep.param_abs <= 1e-12 ? "ok (<= 1e-12)" : "FAIL (> 1e-12)");
    printf("  FANN vs plain loop + clip + float eta + FANN order %9.2e  %9.2e  %s\n", pf.loss_rel, pf.param_abs,
           pf.identical ? "ok (bit for bit)" : "FAIL (not identical)");
    printf("  FANN vs plain loop + clip + float eta             %9.2e  %9.2e  (rounding order only)\n", pf2.loss_rel,
           pf2.param_abs);
    printf("  engine vs FANN                                    %9.2e  %9.2e  (FANN's clip and float eta)\n",
           ef.loss_rel, ef.param_abs);
    printf("  net_train_rows vs net_train_sample per sample     %9.2e  %9.2e  %s\n", es.loss_rel, es.param_abs,
           es.identical ? "ok (bit for bit)" : "FAIL (not identical)");

    /* Timing, the implementations interleaved in each repetition. */
    bench_result r;
    memset(&r, 0, sizeof r);
    bench_impl im[BENCH_KINDS];
    for (int k = 0; k < BENCH_KINDS; k++) {
        if (!bench_impl_make(&im[k], (bench_kind)k, w, none)) {
            fprintf(stderr, "bench: %s: cannot build %s\n", w->name, bench_kind_names[k]);
            return false;
        }
    }
    double samples[BENCH_KINDS][16];
    for (int rep = 0; rep < reps; rep++)
        for (int k = 0; k < BENCH_KINDS; k++)
            samples[k][rep] = bench_time_run(&im[k]);
    /* The best of the repetitions: on a shared machine the minimum is the steadiest estimate. */
    for (int k = 0; k < BENCH_KINDS; k++) {
        r.ns[k] = bench_util_min(samples[k], reps);
        bench_impl_drop(&im[k]);
    }
    double st[16], sv[16], se[16];
    const long ev_iters = w->step_iters / 50 > 2 ? w->step_iters / 50 : 2;
    for (int rep = 0; rep < reps; rep++) {
        st[rep] = bench_time_stepping(w, w->step_iters, BENCH_READ_NONE, NULL);
        sv[rep] = bench_time_stepping(w, w->step_iters, BENCH_READ_VIEW, &r.step_mem);
        se[rep] = rep < 3 ? bench_time_events(w, ev_iters, &r.nev) : se[0];
    }
    r.step_ns = bench_util_min(st, reps);
    r.stepview_ns = bench_util_min(sv, reps);
    r.event_ns = bench_util_min(se, reps < 3 ? reps : 3);
    r.run_call_ns = bench_time_run_call(w);

    /* Peak memory of each, in a child process. */
    for (int k = 0; k < BENCH_KINDS; k++)
        r.kib[k] = k == BENCH_RUN || k == BENCH_EPOCH ? -1 : bench_mem(w, (bench_kind)k, 0);
    r.step_kib = bench_mem(w, BENCH_RUN, w->step_iters);

    const double fann = r.ns[BENCH_FANN], plain = r.ns[BENCH_PLAIN], eng = r.ns[BENCH_ENGINE];
    printf("\n| implementation | ns/sample-step | x FANN | x plain | peak KiB |\n");
    printf("|---|---:|---:|---:|---:|\n");
    for (int k = 0; k < BENCH_KINDS; k++) {
        char kib[32];
        bench_fmt_kib(kib, sizeof kib, r.kib[k]);
        printf("| %s | %.1f | %.2f | %.2f | %s |\n", bench_kind_names[k], r.ns[k], r.ns[k] / fann, r.ns[k] / plain,
               r.kib[k] < 0 ? "-" : kib);
    }
    char kib[32];
    bench_fmt_kib(kib, sizeof kib, r.step_kib);
    printf("| stepping mode, per iteration: entered and finished (its %d events readable), no reads | %.1f | %.2f | %.2f | %s after %ld iterations |\n",
           r.nev, r.step_ns, r.step_ns / fann, r.step_ns / plain, kib, w->step_iters);
    printf("| stepping mode, per iteration, reading the view and the event after each move | %.1f | %.2f | %.2f | checkpoints %.0f KiB |\n",
           r.stepview_ns, r.stepview_ns / fann, r.stepview_ns / plain, (double)r.step_mem / 1024.0);
    printf("\nstepping visiting every event (stepper_next, then the event read): %.1f ns per event, %.0f us per iteration of %d events\n",
           r.event_ns, r.event_ns * r.nev / 1000.0, r.nev);
    const double sratio = fmax(r.step_ns, r.stepview_ns) / eng;
    printf("\nratios: engine/FANN %.2f (target <= 0.70), engine/plain %.2f (target <= 1.20), "
           "stepping/flat-out %.2f (target <= 3; without reads %.2f)\n",
           eng / fann, eng / plain, sratio, r.step_ns / eng);
    printf("        net_train_sample per sample: /FANN %.2f; net_train_rows is %.2fx faster\n",
           r.ns[BENCH_SAMPLE] / fann, r.ns[BENCH_SAMPLE] / eng);
    printf("one stepper_run() call (a UI tick) costs at least %.1f us (it builds the last iteration)\n",
           r.run_call_ns / 1000.0);
    bench_worst_step = fmax(bench_worst_step, sratio);
    bench_worst = fmax(bench_worst, eng / fann);
    return true;
}

static void bench_cpu(char *buf, size_t n)
{
    snprintf(buf, n, "?");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "model name", 10)) {
            char *c = strchr(line, ':');
            if (c) {
                c += c[1] == ' ' ? 2 : 1;
                c[strcspn(c, "\n")] = '\0';
                snprintf(buf, n, "%s", c);
            }
            break;
        }
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    bool quick = false;
    const char *root = ".", *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick"))
            quick = true;
        else if (!strcmp(argv[i], "--root") && i + 1 < argc)
            root = argv[++i];
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--quick] [--root DIR] [--only iris|digits|wide]\n", argv[0]);
            return 2;
        }
    }
    char cpu[128], path[1024];
    bench_cpu(cpu, sizeof cpu);
    printf("# bpviz engine benchmark%s\n", quick ? " (quick: fewer epochs, not the reference numbers)" : "");
    printf("cpu: %s; compiler: %s; flags: %s\n", cpu, __VERSION__, BENCH_CFLAGS);
    printf("all implementations: same network, same initial weights, same data order, same eta, no momentum\n");
    printf("times: the best of several runs, the implementations interleaved in each\n");

    bench_work w;
    memset(&w, 0, sizeof w);
    err e;
    bool ok = true;
    snprintf(path, sizeof path, "%s/scenarios/doc001-iris.bp", root);
    if (only && strcmp(only, "iris")) {
        /* skipped */
    } else if (bench_work_scenario(&w, "iris", path, quick ? 30 : 300, 20L * 130, &e)) {
        ok = bench_workload(&w, quick ? 3 : 9) && ok;
    } else {
        fprintf(stderr, "bench: %s\n", e.msg);
        ok = false;
    }
    bench_work_free(&w);
    snprintf(path, sizeof path, "%s/scenarios/digits.bp", root);
    if (only && strcmp(only, "digits")) {
        /* skipped */
    } else if (bench_work_scenario(&w, "digits", path, quick ? 3 : 50, 3000, &e)) {
        ok = bench_workload(&w, quick ? 3 : 5) && ok;
    } else {
        fprintf(stderr, "bench: %s\n", e.msg);
        ok = false;
    }
    bench_work_free(&w);
    if (only && strcmp(only, "wide")) {
        /* skipped */
    } else if (bench_work_wide(&w, quick ? 200 : 1000, quick ? 1 : 3, &e)) {
        ok = bench_workload(&w, 3) && ok;
    } else {
        fprintf(stderr, "bench: %s\n", e.msg);
        ok = false;
    }
    bench_work_free(&w);
    printf("\nfairness checks: %s\n", bench_all_fair ? "all passed" : "SOME FAILED (see above)");
    printf("worst stepping/flat-out time ratio: %.2f\n", bench_worst_step);
    printf("worst engine/FANN time ratio: %.2f\n", bench_worst);
    return ok && bench_all_fair ? 0 : 1;
}
