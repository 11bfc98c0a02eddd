/* ui_train.c - training over epochs in time-budgeted slices: stepper_run for sgd (so pausing leaves the
 * stepper at the trained weights, exact), train_epoch for batch; each epoch end measured with train_measure. */
#include "ui_train.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "ui_history.h"
#include "ui_names.h"

/* Measured slices per frame at most: each is one point of the chart, and in
 * sgd mode one stepper_run (which keeps two checkpoints), so memory stays flat
 * at the top speed however small an epoch is. */
#define TR_CALLS 4
/* Slices per frame when every epoch must be measured (up to TR_RATE_EXACT epochs per second, or while
 * the threshold can stop training): one epoch each, as --train measures them. */
#define TR_CALLS_EXACT 64
#define TR_RATE_EXACT 100
/* Points kept; a longer run keeps every other one (the chart has fewer columns anyway). */
#define TR_POINTS 4096
/* Frames per second at most while training at a set speed. */
#define TR_MIN_WAIT_MS 10

/* Epochs per second of each speed; 0 is as fast as the machine goes. */
static const double tr_rates[UI_SPEEDS] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0};
#define TR_DEFAULT_SPEED 5 /* 50 epochs per second: a few seconds for the documents' hundreds of epochs */

struct ui_run {
    bool batch;        /* mode = batch: tr trains; else the stepper trains and tr only measures */
    int ntrain;        /* iterations per epoch */
    trainer *tr;
    train_point *pts;  /* [TR_POINTS] */
    int npts;
    long rec;          /* highest epoch recorded, -1 before any */
    double t0;         /* pacing: when this speed started (ms) */
    long done0;        /* epochs run since t0 */
    double ips;        /* iterations per millisecond measured, 0 before the first slice */
    bool diverged;
    bool thr_done;     /* the threshold stopped training once (t trains on past it) */
    bool cap_done;     /* the scenario's epochs stopped training once */
    long excursion;    /* batch: the epoch whose weights the stepper starts from */
    char note[ERR_MSG_MAX + 160];
};

static double tr_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- points ---- */

static void tr_add(struct ui_run *r, const train_point *p)
{
    if (p->epoch <= r->rec)
        return; /* iterations are deterministic: a point measured before is the same */
    if (r->npts == TR_POINTS) {
        for (int i = 0; i < TR_POINTS / 2; i++)
            r->pts[i] = r->pts[2 * i];
        r->npts = TR_POINTS / 2;
    }
    r->pts[r->npts++] = *p;
    r->rec = p->epoch;
}

/* sgd: measures the parameters params (the stepper's, at the end of epoch) with the trainer. */
static void tr_measure(ui_state *u, const double *params, long epoch, train_point *p)
{
    struct ui_run *r = u->run;
    memcpy(r->tr->n->params, params, (size_t)r->tr->n->nparams * sizeof(double));
    train_measure(r->tr, p);
    p->epoch = epoch;
    p->eta = stepper_hyper(u->st)->eta_w;
}

/* The point of epoch 0: the initial weights. */
static void tr_start_point(ui_state *u)
{
    struct ui_run *r = u->run;
    train_point p;
    if (r->batch) {
        train_measure(r->tr, &p);
    } else {
        const double *p0 = stepper_params_at(u->st, 0);
        if (!p0)
            return;
        tr_measure(u, p0, 0, &p);
    }
    tr_add(r, &p);
}

/* ---- life ---- */

bool ui_train_init(ui_state *u, err *e)
{
    const scenario *sc = u->sc;
    struct ui_run *r = calloc(1, sizeof *r);
    if (!r || !(r->pts = malloc(TR_POINTS * sizeof *r->pts))) {
        free(r);
        err_set(e, NULL, 0, 0, "%s", _("out of memory"));
        return false;
    }
    r->batch = sc->mode == TRAIN_MODE_BATCH;
    const data_set *d = &sc->data;
    r->ntrain = data_ntrain(d);
    if (r->ntrain < 1)
        r->ntrain = 1;
    r->tr = train_new(sc->init, d, &sc->hyper, sc->mode, e);
    if (!r->tr) {
        free(r->pts);
        free(r);
        return false;
    }
    r->rec = -1;
    u->run = r;
    u->speed = TR_DEFAULT_SPEED;
    tr_start_point(u);
    return true;
}

void ui_train_free(ui_state *u)
{
    struct ui_run *r = u->run;
    if (!r)
        return;
    train_free(r->tr);
    free(r->pts);
    free(r);
    u->run = NULL;
}

/* ---- reading ---- */

const train_point *ui_train_points(const ui_state *u, int *n)
{
    *n = u->run ? u->run->npts : 0;
    return u->run ? u->run->pts : NULL;
}

const train_point *ui_train_point_at(const ui_state *u, long epoch)
{
    const struct ui_run *r = u->run;
    if (!r || r->npts == 0 || r->pts[0].epoch > epoch)
        return NULL;
    int lo = 0, hi = r->npts - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (r->pts[mid].epoch <= epoch)
            lo = mid;
        else
            hi = mid - 1;
    }
    return &r->pts[lo];
}

int ui_train_ntrain(const ui_state *u) { return u->run ? u->run->ntrain : 1; }

long ui_train_epoch(const ui_state *u)
{
    const struct ui_run *r = u->run;
    if (r->batch)
        return r->tr->epoch;
    /* Iterations done: the current one counts once its last event is applied. */
    long done = stepper_iteration(u->st) + (stepper_count(u->st) > 0 && stepper_pos(u->st) == stepper_count(u->st));
    return done / r->ntrain;
}

const net *ui_train_net(const ui_state *u) { return u->run->batch ? u->run->tr->n : stepper_view(u->st)->net; }

const net_hyper *ui_train_hyper(const ui_state *u)
{
    return u->run->batch ? &u->run->tr->hyper : stepper_hyper(u->st);
}

bool ui_train_batch(const ui_state *u) { return u->run && u->run->batch; }

long ui_train_excursion(const ui_state *u) { return u->run ? u->run->excursion : 0; }

bool ui_train_diverged(const ui_state *u) { return u->run && u->run->diverged; }

const char *ui_train_note(const ui_state *u) { return u->run ? u->run->note : ""; }

/* ---- control ---- */

/* Ends training with a note that also goes to the message line. */
static void tr_halt(ui_state *u, bool error)
{
    u->training = false;
    ui_state_msg(u, error, "%s", u->run->note);
    ui_state_refresh(u);
}

static void tr_pace(struct ui_run *r)
{
    r->t0 = tr_now();
    r->done0 = 0;
}

void ui_train_toggle(ui_state *u)
{
    struct ui_run *r = u->run;
    if (u->training) {
        ui_train_stop(u);
        return;
    }
    if (u->view != UI_VIEW_TRAIN) {
        u->back_view = u->view;
        u->view = UI_VIEW_TRAIN;
    }
    if (r->diverged) {
        ui_state_msg(u, true, "%s", r->note);
        return;
    }
    u->training = true;
    u->train_from = stepper_iteration(u->st);
    r->note[0] = '\0';
    tr_pace(r);
    ui_state_msg(u, false, "%s", "");
}

void ui_train_stop(ui_state *u)
{
    struct ui_run *r = u->run;
    if (!u->training)
        return;
    if (r->batch)
        snprintf(r->note, sizeof r->note,
                 _("batch training stopped after epoch %ld: stepping walks one per-sample SGD iteration from these "
                   "weights; t resumes the batch run"),
                 r->tr->epoch);
    else
        snprintf(r->note, sizeof r->note,
                 _("training stopped after epoch %ld, iteration %ld: step on from here, t resumes, r resets"),
                 ui_train_epoch(u), stepper_iteration(u->st) + 1);
    tr_halt(u, false);
}

void ui_train_speed(ui_state *u, int delta)
{
    int s = u->speed + delta;
    u->speed = s < 0 ? 0 : s >= UI_SPEEDS ? UI_SPEEDS - 1 : s;
    if (u->run)
        tr_pace(u->run);
}

long ui_train_rate(const ui_state *u) { return (long)tr_rates[u->speed]; }

int ui_train_timeout(const ui_state *u)
{
    const struct ui_run *r = u->run;
    if (!u->training)
        return -1;
    double rate = tr_rates[u->speed];
    if (rate <= 0)
        return 0; /* flat out: the tick's budget paces the frames */
    double wait = r->t0 + (double)(r->done0 + 1) * 1000.0 / rate - tr_now();
    if (wait < TR_MIN_WAIT_MS)
        wait = TR_MIN_WAIT_MS;
    if (wait > 1000)
        wait = 1000;
    return (int)wait;
}

void ui_train_reset(ui_state *u)
{
    struct ui_run *r = u->run;
    u->training = false;
    r->diverged = r->thr_done = r->cap_done = false;
    r->note[0] = '\0';
    if (r->batch) {
        err e;
        trainer *t = train_new(u->sc->init, &u->sc->data, &u->sc->hyper, u->sc->mode, &e);
        if (t) {
            train_free(r->tr);
            r->tr = t;
        }
        if (r->excursion != 0) {
            stepper *s = stepper_new(u->sc->init, &u->sc->data, &u->sc->hyper, &e);
            if (s) {
                stepper_free(u->st);
                u->st = s;
                r->excursion = 0;
                ui_names_forget();
                ui_history_forget();
            }
        }
    }
    stepper_reset(u->st);
    r->npts = 0;
    r->rec = -1;
    tr_start_point(u);
}

void ui_train_sync(ui_state *u)
{
    struct ui_run *r = u->run;
    if (!r || r->batch)
        return;
    long e = ui_train_epoch(u);
    if (e <= r->rec)
        return;
    const double *p = stepper_params_at(u->st, e * r->ntrain);
    if (!p)
        return;
    train_point pt;
    tr_measure(u, p, e, &pt);
    tr_add(r, &pt);
}

void ui_train_before_step(ui_state *u)
{
    struct ui_run *r = u->run;
    if (!r->batch || r->tr->epoch == r->excursion)
        return;
    err e;
    stepper *s = stepper_new(r->tr->n, &u->sc->data, &r->tr->hyper, &e);
    if (!s) {
        ui_state_msg(u, true, "%s", e.msg);
        return;
    }
    stepper_free(u->st);
    u->st = s;
    r->excursion = r->tr->epoch;
    ui_names_forget();
    ui_history_forget();
    ui_state_refresh(u);
}

/* ---- ticks ---- */

/* sgd: the stepper back to the end of epoch e (exact: it rebuilds each iteration from a checkpoint). */
static void tr_back_to(ui_state *u, long e)
{
    stepper *s = u->st;
    long last = e * u->run->ntrain - 1;
    if (last < 0) {
        stepper_reset(s);
        return;
    }
    while (stepper_iteration(s) > last) {
        stepper_goto(s, 0);
        if (!stepper_prev(s))
            break;
    }
    if (stepper_pos(s) < stepper_count(s))
        stepper_finish_iteration(s);
}

/* sgd: true when the mean loss at the end of epoch e is known (its weights are kept) and not finite. */
static bool tr_epoch_bad(ui_state *u, long e)
{
    const double *params = stepper_params_at(u->st, e * u->run->ntrain);
    if (!params)
        return false;
    train_point p;
    tr_measure(u, params, e, &p);
    return !isfinite(p.loss);
}

/* Training diverged: e is the engine's report (NULL when the mean loss of an
 * epoch end was not finite). The state kept, at any speed: as --train does,
 * an epoch whose mean loss is not finite is undone, back to the last epoch end
 * whose mean loss is finite; else the stepper's last finite iteration. */
static void tr_diverged(ui_state *u, const err *e)
{
    struct ui_run *r = u->run;
    r->diverged = true;
    long bad = -1;
    if (!r->batch) {
        long ep = ui_train_epoch(u);
        while (ep > 0 && tr_epoch_bad(u, ep)) {
            bad = ep--;
            tr_back_to(u, ep);
        }
    }
    if (bad > 0 || !e)
        snprintf(r->note, sizeof r->note,
                 _("training diverged in epoch %ld: the mean loss is not finite (is the learning rate too large?); "
                   "kept: the weights after epoch %ld, r resets"),
                 bad > 0 ? bad : ui_train_epoch(u) + 1, bad > 0 ? bad - 1 : ui_train_epoch(u));
    else
        /* TRANSLATORS: the engine's message; what the viewer kept. */
        snprintf(r->note, sizeof r->note, _("%s; %s"),
                 e && e->msg[0] ? e->msg : _("training stopped: the engine refused to go on"),
                 _("the last finite state is kept, r resets"));
    tr_halt(u, true);
}

/* A measured point's consequences: a loss that is not finite, the threshold,
 * the scenario's epochs. False when training stopped. */
static bool tr_check(ui_state *u, const train_point *p)
{
    struct ui_run *r = u->run;
    const scenario *sc = u->sc;
    if (!isfinite(p->loss)) {
        tr_diverged(u, NULL);
        return false;
    }
    if (sc->threshold > 0 && p->loss < sc->threshold && !r->thr_done) {
        r->thr_done = true;
        snprintf(r->note, sizeof r->note,
                 _("epoch %ld: the loss %g is below the scenario's threshold %g; training stopped (t trains on)"),
                 p->epoch, p->loss, sc->threshold);
        tr_halt(u, false);
        return false;
    }
    if (sc->epochs > 0 && p->epoch >= sc->epochs && !r->cap_done) {
        r->cap_done = true;
        snprintf(r->note, sizeof r->note,
                 _("epoch %ld: the scenario's %ld epochs are done; training stopped (t trains on)"), p->epoch,
                 sc->epochs);
        tr_halt(u, false);
        return false;
    }
    return true;
}


/* Epochs due now at the speed (LONG_MAX flat out); a backlog beyond a quarter second is forgotten. */
static long tr_due(struct ui_run *r, double rate, double now)
{
    if (rate <= 0)
        return LONG_MAX;
    long due = (long)((now - r->t0) * rate / 1000.0) - r->done0;
    long cap = (long)(rate / 4) + 1;
    if (due > cap) {
        r->done0 += due - cap;
        due = cap;
    }
    return due;
}

/* Epochs to run in one slice of about ms milliseconds. */
static long tr_slice(const struct ui_run *r, double ms)
{
    if (r->ips <= 0)
        return 1;
    long k = (long)(ms * r->ips / r->ntrain);
    return k < 1 ? 1 : k;
}

static void tr_learn_speed(struct ui_run *r, double iterations, double ms)
{
    if (ms < 0.01)
        ms = 0.01;
    double ips = iterations / ms;
    r->ips = r->ips > 0 ? 0.7 * r->ips + 0.3 * ips : ips;
}

/* Epochs left before the scenario's epochs stop training (LONG_MAX when they do not). */
static long tr_until_cap(const ui_state *u, long cur)
{
    const scenario *sc = u->sc;
    if (u->run->cap_done || sc->epochs <= 0 || cur >= sc->epochs)
        return LONG_MAX;
    return sc->epochs - cur;
}

static void tr_tick_batch(ui_state *u, double start, double rate)
{
    struct ui_run *r = u->run;
    while (u->training) {
        double now = tr_now();
        if (now - start >= UI_TRAIN_BUDGET_MS)
            break;
        if (tr_due(r, rate, now) <= 0)
            break;
        train_point p;
        err e;
        err_clear(&e);
        if (!train_epoch(r->tr, &p, &e)) {
            tr_diverged(u, &e);
            return;
        }
        r->done0++;
        tr_add(r, &p);
        if (!tr_check(u, &p))
            return;
    }
}

static void tr_tick_sgd(ui_state *u, double start, double rate)
{
    struct ui_run *r = u->run;
    stepper *s = u->st;
    for (int call = 0; call < TR_CALLS_EXACT && u->training; call++) {
        /* Every epoch is measured up to 100 epochs per second, and at any speed while the threshold
         * can still stop training (as --train checks it); faster, a slice spans several epochs. */
        const bool exact = (u->sc->threshold > 0 && !r->thr_done) || (rate > 0 && rate <= TR_RATE_EXACT);
        const int calls = exact ? TR_CALLS_EXACT : TR_CALLS;
        if (call >= calls)
            break;
        double now = tr_now(), left = UI_TRAIN_BUDGET_MS - (now - start);
        if (left <= 0)
            break;
        long due = tr_due(r, rate, now);
        if (due <= 0)
            break;
        long cur = ui_train_epoch(u);
        long k = exact ? 1 : tr_slice(r, left / (calls - call));
        if (k > due)
            k = due;
        long cap = tr_until_cap(u, cur);
        if (k > cap)
            k = cap;
        long to = cur + k;
        /* The iterations to the end of epoch `to`; stepper_run(n) ends at the end of iteration it + n.
         * An epoch longer than the budget runs in pieces, measured when its last piece ends. */
        long it = stepper_iteration(s), last = to * r->ntrain - 1, n = last - it;
        long most = r->ips > 0 ? (long)(left * r->ips) + 1 : LONG_MAX;
        bool arrived = n <= most;
        if (!arrived)
            n = most;
        double t1 = tr_now();
        err e;
        err_clear(&e);
        if (n >= 1) {
            if (!stepper_run(s, n, &e)) {
                tr_diverged(u, &e);
                break;
            }
        } else if (stepper_pos(s) < stepper_count(s)) {
            stepper_finish_iteration(s);
        }
        if (arrived) {
            const double *params = stepper_params_at(s, to * r->ntrain);
            train_point p;
            tr_measure(u, params ? params : stepper_view(s)->net->params, to, &p);
            if (isfinite(p.loss))
                tr_add(r, &p);
            r->done0 += k;
            tr_learn_speed(r, (double)(n > 0 ? n : 1), tr_now() - t1);
            if (!tr_check(u, &p))
                break;
        } else {
            tr_learn_speed(r, (double)n, tr_now() - t1);
            break; /* the budget is spent inside one long epoch */
        }
    }
    ui_train_sync(u);
}

void ui_train_tick(ui_state *u)
{
    if (!u->training || !u->run)
        return;
    double start = tr_now(), rate = tr_rates[u->speed];
    if (u->run->batch)
        tr_tick_batch(u, start, rate);
    else
        tr_tick_sgd(u, start, rate);
    ui_state_refresh(u);
}
