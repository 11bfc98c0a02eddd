/* session.c - the user's actions on a scenario's stepper, and training in paced, time-budgeted ticks (stepper_run
 * for sgd, so a pause leaves the stepper exact at the trained weights; train_epoch for batch), epochs measured. */
#include "session.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

/* Measured slices per tick at most: each is one point of the chart, and in
 * sgd mode one stepper_run (which keeps two checkpoints), so memory stays flat
 * at the top speed however small an epoch is. */
#define SESSION_CALLS 4
/* Slices per tick when every epoch must be measured (up to SESSION_RATE_EXACT epochs per second, or while
 * the threshold can stop training): one epoch each, as --train measures them. */
#define SESSION_CALLS_EXACT 64
#define SESSION_RATE_EXACT 100
/* Points kept; a longer run keeps every other one (the chart has fewer columns anyway). */
#define SESSION_POINTS 4096
/* Ticks per second at most while training at a set speed. */
#define SESSION_MIN_WAIT_MS 10
/* 50 epochs per second: a few seconds for the documents' hundreds of epochs. */
#define SESSION_DEFAULT_SPEED 5

/* Epochs per second of each speed; 0 is as fast as the machine goes. */
static const double session_rates[SESSION_SPEEDS] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0};

struct session {
    const scenario *sc;            /* borrowed */
    double (*now_ms)(void *ctx);   /* the clock (session_options) */
    void *clock_ctx;
    stepper *st;                   /* owned */
    unsigned long generation;      /* replacements of st */
    check_result *checks;          /* [sc->nexpect] owned: --check's verdicts and the events they belong to */
    marks marks;                   /* of the event at the cursor */
    history *hist;                 /* owned: values of st's past iterations */
    char msg[ERR_MSG_MAX + 160];   /* the last action's message */
    bool msg_error;
    /* The training run. */
    bool batch;                    /* mode = batch: tr trains; else the stepper trains and tr only measures */
    int ntrain;                    /* iterations per epoch */
    trainer *tr;                   /* owned */
    train_point *pts;              /* [SESSION_POINTS] owned */
    int npts;
    long rec;                      /* highest epoch recorded, -1 before any */
    bool training;
    int speed;                     /* 0 .. SESSION_SPEEDS-1 */
    long train_from;               /* iteration where this run started */
    double t0;                     /* pacing: when this speed started (ms) */
    long done0;                    /* epochs run since t0 */
    double ips;                    /* iterations per millisecond measured, 0 before the first slice */
    bool diverged;
    bool thr_done;                 /* the threshold stopped training once (t trains on past it) */
    bool cap_done;                 /* the scenario's epochs stopped training once */
    long excursion;                /* batch: the epoch whose weights the stepper starts from */
    char note[ERR_MSG_MAX + 160];  /* why training stopped last */
};

static double session_monotonic(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static double session_now(const session *s) { return s->now_ms(s->clock_ctx); }

static void session_say(session *s, bool error, const char *text)
{
    snprintf(s->msg, sizeof s->msg, "%s", text);
    s->msg_error = error;
}

/* ---- points ---- */

static void session_add_point(session *s, const train_point *p)
{
    if (p->epoch <= s->rec)
        return; /* iterations are deterministic: a point measured before is the same */
    if (s->npts == SESSION_POINTS) {
        for (int i = 0; i < SESSION_POINTS / 2; i++)
            s->pts[i] = s->pts[2 * i];
        s->npts = SESSION_POINTS / 2;
    }
    s->pts[s->npts++] = *p;
    s->rec = p->epoch;
}

/* sgd: measures the parameters params (the stepper's, at the end of epoch) with the trainer. */
static void session_measure(session *s, const double *params, long epoch, train_point *p)
{
    memcpy(s->tr->n->params, params, (size_t)s->tr->n->nparams * sizeof(double));
    train_measure(s->tr, p);
    p->epoch = epoch;
    p->eta = stepper_hyper(s->st)->eta_w;
}

/* The point of epoch 0: the initial weights. */
static void session_start_point(session *s)
{
    train_point p;
    if (s->batch) {
        train_measure(s->tr, &p);
    } else {
        const double *p0 = stepper_params_at(s->st, 0);
        if (!p0)
            return;
        session_measure(s, p0, 0, &p);
    }
    session_add_point(s, &p);
}

/* After the cursor moved: new marks, the iteration's values kept, and (sgd) an epoch completed by
 * stepping becomes a point too. */
static void session_moved(session *s)
{
    marks_update(&s->marks, s->st);
    history_note(s->hist, s->st);
    if (s->batch)
        return;
    const long e = session_epoch(s);
    if (e <= s->rec)
        return;
    const double *p = stepper_params_at(s->st, e * s->ntrain);
    if (!p)
        return;
    train_point pt;
    session_measure(s, p, e, &pt);
    session_add_point(s, &pt);
}

/* The stepper replaced by t (batch mode): what was kept of the old one goes. */
static void session_replace(session *s, stepper *t)
{
    stepper_free(s->st);
    s->st = t;
    s->generation++;
    history_clear(s->hist);
}

/* ---- life ---- */

/* The training run at epoch 0; false with e set on failure. */
static bool session_run_init(session *s, err *e)
{
    const scenario *sc = s->sc;
    s->pts = malloc(SESSION_POINTS * sizeof *s->pts);
    if (!s->pts) {
        err_set(e, NULL, 0, 0, "%s", _("out of memory"));
        return false;
    }
    s->batch = sc->mode == TRAIN_MODE_BATCH;
    s->ntrain = data_ntrain(&sc->data);
    if (s->ntrain < 1)
        s->ntrain = 1;
    s->tr = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, e);
    if (!s->tr)
        return false;
    s->rec = -1;
    s->speed = SESSION_DEFAULT_SPEED;
    session_start_point(s);
    return true;
}

session *session_new(const scenario *sc, const session_options *opt, err *e)
{
    session *s = calloc(1, sizeof *s);
    if (!s || !(s->hist = history_new())) {
        free(s);
        err_set(e, NULL, 0, 0, "%s", _("out of memory"));
        return NULL;
    }
    s->sc = sc;
    s->now_ms = opt && opt->now_ms ? opt->now_ms : session_monotonic;
    s->clock_ctx = opt && opt->now_ms ? opt->clock_ctx : NULL;
    s->st = stepper_new(sc->init, &sc->data, &sc->hyper, e);
    if (!s->st || !marks_init(&s->marks, sc->init, e)) {
        session_free(s);
        return NULL;
    }
    if (sc->nexpect > 0 && !(s->checks = calloc((size_t)sc->nexpect, sizeof *s->checks))) {
        session_free(s);
        err_set(e, NULL, 0, 0, "%s", _("out of memory"));
        return NULL;
    }
    /* The document's numbers, matched to their events once, as --check does. */
    if ((sc->nexpect > 0 && check_run(sc, s->checks, e) < 0) || !session_run_init(s, e)) {
        session_free(s);
        return NULL;
    }
    session_moved(s);
    return s;
}

void session_free(session *s)
{
    if (!s)
        return;
    train_free(s->tr);
    free(s->pts);
    history_free(s->hist);
    marks_free(&s->marks);
    free(s->checks);
    stepper_free(s->st);
    free(s);
}

/* ---- reading ---- */

const scenario *session_scenario(const session *s) { return s->sc; }

const stepper *session_stepper(const session *s) { return s->st; }

unsigned long session_generation(const session *s) { return s->generation; }

const marks *session_marks(const session *s) { return &s->marks; }

const history *session_history(const session *s) { return s->hist; }

const char *session_message(const session *s, bool *error)
{
    if (error)
        *error = s->msg_error;
    return s->msg;
}

const check_result *session_check_next(const session *s, int *i)
{
    /* The verdicts --check gives, on the very events it matched (a stepper
     * started from batch-trained weights walks other iterations). */
    if (s->excursion != 0)
        return NULL;
    const long it = stepper_iteration(s->st);
    const int cur = stepper_pos(s->st) - 1;
    for (; *i < s->sc->nexpect; (*i)++) {
        const check_result *r = &s->checks[*i];
        if (r->iteration == it && r->event == cur) {
            (*i)++;
            return r;
        }
    }
    return NULL;
}

bool session_training(const session *s) { return s->training; }

long session_rate(const session *s) { return (long)session_rates[s->speed]; }

long session_run_iterations(const session *s) { return stepper_iteration(s->st) - s->train_from; }

const train_point *session_points(const session *s, int *n)
{
    *n = s->npts;
    return s->pts;
}

const train_point *session_point_at(const session *s, long epoch)
{
    if (s->npts == 0 || s->pts[0].epoch > epoch)
        return NULL;
    int lo = 0, hi = s->npts - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (s->pts[mid].epoch <= epoch)
            lo = mid;
        else
            hi = mid - 1;
    }
    return &s->pts[lo];
}

int session_ntrain(const session *s) { return s->ntrain; }

long session_epoch(const session *s)
{
    if (s->batch)
        return s->tr->epoch;
    /* Iterations done: the current one counts once its last event is applied. */
    long done = stepper_iteration(s->st) + (stepper_count(s->st) > 0 && stepper_pos(s->st) == stepper_count(s->st));
    return done / s->ntrain;
}

const net *session_train_net(const session *s) { return s->batch ? s->tr->n : stepper_view(s->st)->net; }

const net_hyper *session_train_hyper(const session *s) { return s->batch ? &s->tr->hyper : stepper_hyper(s->st); }

bool session_batch(const session *s) { return s->batch; }

long session_excursion(const session *s) { return s->excursion; }

bool session_diverged(const session *s) { return s->diverged; }

const char *session_note(const session *s) { return s->note; }

/* ---- control ---- */

/* Ends training with a note that also becomes the message. */
static void session_halt(session *s, bool error)
{
    s->training = false;
    session_say(s, error, s->note);
    session_moved(s);
}

static void session_pace(session *s)
{
    s->t0 = session_now(s);
    s->done0 = 0;
}

/* Pauses, the note of where becoming the message; nothing when not training. */
static void session_stop(session *s)
{
    if (!s->training)
        return;
    if (s->batch)
        snprintf(s->note, sizeof s->note,
                 _("batch training stopped after epoch %ld: stepping walks one per-sample SGD iteration from these "
                   "weights; t resumes the batch run"),
                 s->tr->epoch);
    else
        snprintf(s->note, sizeof s->note,
                 _("training stopped after epoch %ld, iteration %ld: step on from here, t resumes, r resets"),
                 session_epoch(s), stepper_iteration(s->st) + 1);
    session_halt(s, false);
}

void session_pause(session *s)
{
    s->msg[0] = '\0';
    session_stop(s);
}

void session_train_toggle(session *s)
{
    s->msg[0] = '\0';
    if (s->training) {
        session_stop(s);
        return;
    }
    if (s->diverged) {
        session_say(s, true, s->note);
        return;
    }
    s->training = true;
    s->train_from = stepper_iteration(s->st);
    s->note[0] = '\0';
    session_pace(s);
}

void session_speed(session *s, int delta)
{
    s->msg[0] = '\0';
    int v = s->speed + delta;
    s->speed = v < 0 ? 0 : v >= SESSION_SPEEDS ? SESSION_SPEEDS - 1 : v;
    session_pace(s);
}

int session_timeout_ms(const session *s)
{
    if (!s->training)
        return -1;
    double rate = session_rates[s->speed];
    if (rate <= 0)
        return 0; /* flat out: the tick's budget paces the frames */
    double wait = s->t0 + (double)(s->done0 + 1) * 1000.0 / rate - session_now(s);
    if (wait < SESSION_MIN_WAIT_MS)
        wait = SESSION_MIN_WAIT_MS;
    if (wait > 1000)
        wait = 1000;
    return (int)wait;
}

void session_reset(session *s)
{
    session_stop(s);
    s->msg[0] = '\0';
    s->training = false;
    s->diverged = s->thr_done = s->cap_done = false;
    s->note[0] = '\0';
    if (s->batch) {
        err e;
        trainer *t = train_new(s->sc->init, &s->sc->data, &s->sc->hyper, s->sc->mode, &e);
        if (t) {
            train_free(s->tr);
            s->tr = t;
        }
        if (s->excursion != 0) {
            stepper *st = stepper_new(s->sc->init, &s->sc->data, &s->sc->hyper, &e);
            if (st) {
                session_replace(s, st);
                s->excursion = 0;
            }
        }
    }
    stepper_reset(s->st);
    s->npts = 0;
    s->rec = -1;
    session_start_point(s);
    session_say(s, false, _("reset: the initial weights, before iteration 1"));
    session_moved(s);
}

/* Batch mode: the stepper starts again from the batch run's current weights when they changed. */
static void session_follow_batch(session *s)
{
    if (!s->batch || s->tr->epoch == s->excursion)
        return;
    err e;
    stepper *st = stepper_new(s->tr->n, &s->sc->data, &s->tr->hyper, &e);
    if (!st) {
        session_say(s, true, e.msg);
        return;
    }
    session_replace(s, st);
    s->excursion = s->tr->epoch;
    session_moved(s);
}

void session_prepare_step(session *s)
{
    session_pause(s);
    session_follow_batch(s);
}

bool session_step(session *s, session_move m)
{
    session_pause(s);
    s->msg[0] = '\0'; /* stepping on from where training stopped answers its note */
    session_follow_batch(s);
    bool moved = false;
    switch (m) {
    case SESSION_NEXT: moved = stepper_next(s->st); break;
    case SESSION_NEXT_PHASE: moved = stepper_next_phase(s->st); break;
    case SESSION_PREV: moved = stepper_prev(s->st); break;
    case SESSION_PREV_PHASE: moved = stepper_prev_phase(s->st); break;
    case SESSION_FINISH: moved = stepper_finish_iteration(s->st); break;
    }
    if (!moved && (m == SESSION_PREV || m == SESSION_PREV_PHASE))
        session_say(s, false, _("this is the start: the initial weights, before iteration 1"));
    if (moved)
        session_moved(s);
    return moved;
}

bool session_goto(session *s, int pos)
{
    session_pause(s);
    if (!stepper_goto(s->st, pos))
        return false;
    session_moved(s);
    return true;
}

/* ---- ticks ---- */

/* sgd: the stepper back to the end of epoch e (exact: it rebuilds each iteration from a checkpoint). */
static void session_back_to(session *s, long e)
{
    stepper *st = s->st;
    long last = e * s->ntrain - 1;
    if (last < 0) {
        stepper_reset(st);
        return;
    }
    while (stepper_iteration(st) > last) {
        stepper_goto(st, 0);
        if (!stepper_prev(st))
            break;
    }
    if (stepper_pos(st) < stepper_count(st))
        stepper_finish_iteration(st);
}

/* sgd: true when the mean loss at the end of epoch e is known (its weights are kept) and not finite. */
static bool session_epoch_bad(session *s, long e)
{
    const double *params = stepper_params_at(s->st, e * s->ntrain);
    if (!params)
        return false;
    train_point p;
    session_measure(s, params, e, &p);
    return !isfinite(p.loss);
}

/* Training diverged: e is the engine's report (NULL when the mean loss of an
 * epoch end was not finite). The state kept, at any speed: as --train does,
 * an epoch whose mean loss is not finite is undone, back to the last epoch end
 * whose mean loss is finite; else the stepper's last finite iteration. */
static void session_diverge(session *s, const err *e)
{
    s->diverged = true;
    long bad = -1;
    if (!s->batch) {
        long ep = session_epoch(s);
        while (ep > 0 && session_epoch_bad(s, ep)) {
            bad = ep--;
            session_back_to(s, ep);
        }
    }
    if (bad > 0 || !e)
        snprintf(s->note, sizeof s->note,
                 _("training diverged in epoch %ld: the mean loss is not finite (is the learning rate too large?); "
                   "kept: the weights after epoch %ld, r resets"),
                 bad > 0 ? bad : session_epoch(s) + 1, bad > 0 ? bad - 1 : session_epoch(s));
    else
        /* TRANSLATORS: the engine's message; what the viewer kept. */
        snprintf(s->note, sizeof s->note, _("%s; %s"),
                 e && e->msg[0] ? e->msg : _("training stopped: the engine refused to go on"),
                 _("the last finite state is kept, r resets"));
    session_halt(s, true);
}

/* A measured point's consequences: a loss that is not finite, the threshold,
 * the scenario's epochs. False when training stopped. */
static bool session_check_point(session *s, const train_point *p)
{
    const scenario *sc = s->sc;
    if (!isfinite(p->loss)) {
        session_diverge(s, NULL);
        return false;
    }
    if (sc->threshold > 0 && p->loss < sc->threshold && !s->thr_done) {
        s->thr_done = true;
        snprintf(s->note, sizeof s->note,
                 _("epoch %ld: the loss %g is below the scenario's threshold %g; training stopped (t trains on)"),
                 p->epoch, p->loss, sc->threshold);
        session_halt(s, false);
        return false;
    }
    if (sc->epochs > 0 && p->epoch >= sc->epochs && !s->cap_done) {
        s->cap_done = true;
        snprintf(s->note, sizeof s->note,
                 _("epoch %ld: the scenario's %ld epochs are done; training stopped (t trains on)"), p->epoch,
                 sc->epochs);
        session_halt(s, false);
        return false;
    }
    return true;
}

/* Epochs due now at the speed (LONG_MAX flat out); a backlog beyond a quarter second is forgotten. */
static long session_due(session *s, double rate, double now)
{
    if (rate <= 0)
        return LONG_MAX;
    long due = (long)((now - s->t0) * rate / 1000.0) - s->done0;
    long cap = (long)(rate / 4) + 1;
    if (due > cap) {
        s->done0 += due - cap;
        due = cap;
    }
    return due;
}

/* Epochs to run in one slice of about ms milliseconds. */
static long session_slice(const session *s, double ms)
{
    if (s->ips <= 0)
        return 1;
    long k = (long)(ms * s->ips / s->ntrain);
    return k < 1 ? 1 : k;
}

static void session_learn_speed(session *s, double iterations, double ms)
{
    if (ms < 0.01)
        ms = 0.01;
    double ips = iterations / ms;
    s->ips = s->ips > 0 ? 0.7 * s->ips + 0.3 * ips : ips;
}

/* Epochs left before the scenario's epochs stop training (LONG_MAX when they do not). */
static long session_until_cap(const session *s, long cur)
{
    const scenario *sc = s->sc;
    if (s->cap_done || sc->epochs <= 0 || cur >= sc->epochs)
        return LONG_MAX;
    return sc->epochs - cur;
}

static void session_tick_batch(session *s, double start, double rate)
{
    while (s->training) {
        double now = session_now(s);
        if (now - start >= SESSION_BUDGET_MS)
            break;
        if (session_due(s, rate, now) <= 0)
            break;
        train_point p;
        err e;
        err_clear(&e);
        if (!train_epoch(s->tr, &p, &e)) {
            session_diverge(s, &e);
            return;
        }
        s->done0++;
        session_add_point(s, &p);
        if (!session_check_point(s, &p))
            return;
    }
}

/* sgd: runs the iterations to the end of epoch `to` from the cursor, at most `most` of them, and measures
 * the epoch's end when they get there. False when training stopped or the budget is spent. */
static bool session_slice_sgd(session *s, long to, long k, long most)
{
    stepper *st = s->st;
    /* The iterations to the end of epoch `to`; stepper_run(n) ends at the end of iteration it + n.
     * An epoch longer than the budget runs in pieces, measured when its last piece ends. */
    long it = stepper_iteration(st), last = to * s->ntrain - 1, n = last - it;
    bool arrived = n <= most;
    if (!arrived)
        n = most;
    double t1 = session_now(s);
    err e;
    err_clear(&e);
    if (n >= 1) {
        if (!stepper_run(st, n, &e)) {
            session_diverge(s, &e);
            return false;
        }
    } else if (stepper_pos(st) < stepper_count(st)) {
        stepper_finish_iteration(st);
    }
    if (!arrived) {
        session_learn_speed(s, (double)n, session_now(s) - t1);
        return false; /* the budget is spent inside one long epoch */
    }
    const double *params = stepper_params_at(st, to * s->ntrain);
    train_point p;
    session_measure(s, params ? params : stepper_view(st)->net->params, to, &p);
    if (isfinite(p.loss))
        session_add_point(s, &p);
    s->done0 += k;
    session_learn_speed(s, (double)(n > 0 ? n : 1), session_now(s) - t1);
    return session_check_point(s, &p);
}

static void session_tick_sgd(session *s, double start, double rate)
{
    for (int call = 0; call < SESSION_CALLS_EXACT && s->training; call++) {
        /* Every epoch is measured up to 100 epochs per second, and at any speed while the threshold
         * can still stop training (as --train checks it); faster, a slice spans several epochs. */
        const bool exact = (s->sc->threshold > 0 && !s->thr_done) || (rate > 0 && rate <= SESSION_RATE_EXACT);
        const int calls = exact ? SESSION_CALLS_EXACT : SESSION_CALLS;
        if (call >= calls)
            break;
        double now = session_now(s), left = SESSION_BUDGET_MS - (now - start);
        if (left <= 0)
            break;
        long due = session_due(s, rate, now);
        if (due <= 0)
            break;
        long cur = session_epoch(s);
        long k = exact ? 1 : session_slice(s, left / (calls - call));
        if (k > due)
            k = due;
        long cap = session_until_cap(s, cur);
        if (k > cap)
            k = cap;
        long most = s->ips > 0 ? (long)(left * s->ips) + 1 : LONG_MAX;
        if (!session_slice_sgd(s, cur + k, k, most))
            break;
    }
}

void session_tick(session *s)
{
    s->msg[0] = '\0';
    if (!s->training)
        return;
    double start = session_now(s), rate = session_rates[s->speed];
    if (s->batch)
        session_tick_batch(s, start, rate);
    else
        session_tick_sgd(s, start, rate);
    session_moved(s);
}
