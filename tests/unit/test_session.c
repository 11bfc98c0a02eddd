/* test_session.c - the session (session.c) without a terminal: a whole iteration forward and back against a
 * fresh stepper, training paced by a fake clock (no sleeping) to the threshold, the scenario's epochs and a
 * divergence, pause and step, the batch run's excursion, reset, the speeds' pacing arithmetic, the marks of
 * a few events of document 000 against the formulas, and the checks at the cursor.
 *
 * The expected epochs and weights come from the trainer (train.c, tested against a reference of its own in
 * test_train.c) run here epoch by epoch; the expected messages are written out. Run from the repository
 * root (scenarios/). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "err.h"
#include "history.h"
#include "marks.h"
#include "scenario.h"
#include "session.h"
#include "stepper.h"
#include "testutil.h"
#include "train.h"

/* ---- helpers ---- */

/* A clock the test moves: each reading returns t, then adds step (0: frozen). */
typedef struct fake_clock {
    double t, step;
    long reads;
} fake_clock;

static double fake_now(void *ctx)
{
    fake_clock *c = ctx;
    double v = c->t;
    c->t += c->step;
    c->reads++;
    return v;
}

static scenario *load(const char *path)
{
    err e;
    err_clear(&e);
    scenario *sc = scenario_load(path, &e);
    if (!sc)
        print_error("%s: %s\n", path, e.msg);
    assert_non_null(sc);
    return sc;
}

/* A scenario file with extra lines put at the start of its [training] section. */
static scenario *load_with(const char *path, const char *training)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[8192], out[9000];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    const char *at = strstr(text, "[training]\n");
    assert_non_null(at);
    size_t head = (size_t)(at - text) + strlen("[training]\n");
    snprintf(out, sizeof out, "%.*s%s%s", (int)head, text, training, text + head);
    err e;
    err_clear(&e);
    scenario *sc = scenario_parse(path, out, (long)strlen(out), &e);
    if (!sc)
        print_error("%s\n", e.msg);
    assert_non_null(sc);
    return sc;
}

static session *open_session(const scenario *sc, fake_clock *clk)
{
    session_options opt = {fake_now, clk};
    err e;
    err_clear(&e);
    session *s = session_new(sc, clk ? &opt : NULL, &e);
    if (!s)
        print_error("session_new: %s\n", e.msg);
    assert_non_null(s);
    return s;
}

static const char *message(const session *s, bool *error)
{
    bool dummy;
    return session_message(s, error ? error : &dummy);
}

/* The stepper's whole visible state equals ref's: position, iteration, event, and every known value. */
static void same_state(const stepper *got, const stepper *ref)
{
    assert_int_equal(stepper_iteration(got), stepper_iteration(ref));
    assert_int_equal(stepper_pos(got), stepper_pos(ref));
    const step_event *eg = stepper_current(got), *er = stepper_current(ref);
    assert_int_equal(eg == NULL, er == NULL);
    if (eg) {
        assert_int_equal(eg->kind, er->kind);
        assert_int_equal(eg->param, er->param);
        assert_memory_equal(&eg->value, &er->value, sizeof(double));
    }
    const step_view *vg = stepper_view(got), *vr = stepper_view(ref);
    const net *ng = vg->net, *nr = vr->net;
    assert_memory_equal(ng->params, nr->params, sizeof(double) * (size_t)ng->nparams);
    for (int l = 1; l < ng->spec.nlayers; l++)
        for (int j = 0; j < ng->spec.size[l]; j++) {
            const int u = stepper_unit(got, l, j);
            assert_int_equal(vg->a_known[u], vr->a_known[u]);
            if (vg->a_known[u])
                assert_memory_equal(&ng->a[l][j], &nr->a[l][j], sizeof(double));
            assert_int_equal(vg->d_known[u], vr->d_known[u]);
            if (vg->d_known[u])
                assert_memory_equal(&ng->delta[l][j], &nr->delta[l][j], sizeof(double));
        }
}

/* Ticks as the viewer's loop does, the clock moved on by the wait each time, until training stops
 * (at most max ticks). Returns the ticks. */
static long train_until_stopped(session *s, fake_clock *clk, long max)
{
    long ticks = 0;
    while (session_training(s) && ticks < max) {
        int wait = session_timeout_ms(s);
        assert_true(wait >= 0);
        clk->t += wait;
        session_tick(s);
        ticks++;
    }
    assert_false(session_training(s));
    return ticks;
}

/* ---- stepping ---- */

/* A whole iteration forward, into the next, and back to the start: at every position the session's
 * stepper is where a fresh stepper moved the same way is; going back past the start says so. */
static void test_iteration_forward_back(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/xor.bp");
    session *s = open_session(sc, NULL);
    err e;
    stepper *ref = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    assert_non_null(ref);
    const int count = stepper_count(ref);
    assert_true(count > 0);
    same_state(session_stepper(s), ref);
    for (int i = 0; i < count + 3; i++) {
        assert_true(session_step(s, SESSION_NEXT));
        assert_true(stepper_next(ref));
        same_state(session_stepper(s), ref);
        assert_string_equal(message(s, NULL), "");
    }
    /* count events, the next iteration's start (position 0), two events of it */
    assert_int_equal(stepper_iteration(session_stepper(s)), 1);
    assert_int_equal(stepper_pos(session_stepper(s)), 2);
    for (int i = 0; i < count + 3; i++) {
        assert_true(session_step(s, SESSION_PREV));
        /* Independently: the fresh stepper goes to the same place from the start. */
        stepper_reset(ref);
        for (int k = 0; k < count + 2 - i; k++)
            stepper_next(ref);
        same_state(session_stepper(s), ref);
    }
    assert_int_equal(stepper_pos(session_stepper(s)), 0);
    assert_int_equal(stepper_iteration(session_stepper(s)), 0);
    bool error = true;
    assert_false(session_step(s, SESSION_PREV));
    assert_string_equal(message(s, &error), "this is the start: the initial weights, before iteration 1");
    assert_false(error);
    assert_false(session_step(s, SESSION_PREV_PHASE));
    assert_string_equal(message(s, NULL), "this is the start: the initial weights, before iteration 1");
    /* Phase moves and the end of the iteration, as the stepper makes them. */
    assert_true(session_step(s, SESSION_NEXT_PHASE));
    assert_true(stepper_next_phase(ref));
    same_state(session_stepper(s), ref);
    assert_true(session_step(s, SESSION_FINISH));
    assert_int_equal(stepper_pos(session_stepper(s)), count);
    assert_true(session_step(s, SESSION_PREV_PHASE));
    stepper_finish_iteration(ref);
    assert_true(stepper_prev_phase(ref));
    same_state(session_stepper(s), ref);
    /* Go to: in range moves, out of range does not. */
    assert_true(session_goto(s, 5));
    assert_int_equal(stepper_pos(session_stepper(s)), 5);
    assert_false(session_goto(s, count + 1));
    assert_false(session_goto(s, -1));
    assert_int_equal(stepper_pos(session_stepper(s)), 5);
    assert_int_equal(session_generation(s), 0); /* sgd: the stepper is never replaced */
    stepper_free(ref);
    session_free(s);
    scenario_free(sc);
}

/* Document 000's printed numbers at their events: net₁₁ = 0.1325 (ok) at the first, ŷ₂ printed 0.6575
 * where the engine computes 0.675705 (DIFF) at the eighth; none before the first event. */
static void test_checks_at_cursor(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/doc000.bp");
    session *s = open_session(sc, NULL);
    int i = 0;
    assert_null(session_check_next(s, &i));
    assert_true(session_step(s, SESSION_NEXT));
    i = 0;
    const check_result *r = session_check_next(s, &i);
    assert_non_null(r);
    assert_string_equal(r->ex->printed, "0.1325");
    assert_int_equal(r->verdict, CHECK_OK);
    assert_null(session_check_next(s, &i));
    assert_true(session_goto(s, 8));
    i = 0;
    r = session_check_next(s, &i);
    assert_non_null(r);
    assert_string_equal(r->ex->printed, "0.6575");
    assert_int_equal(r->verdict, CHECK_DIFF);
    assert_close(r->computed, 0.675705023, 1e-9);
    session_free(s);
    scenario_free(sc);
}

/* Document 000 in batch mode: its printed numbers belong to the iteration from the initial weights, so
 * they show there, and not on the same event of an iteration walked from batch-trained weights. */
static void test_checks_not_on_excursion(void **state)
{
    (void)state;
    scenario *sc = load_with("scenarios/doc000.bp", "mode = batch\n");
    fake_clock clk = {0, 0, 0};
    session *s = open_session(sc, &clk);
    assert_true(session_step(s, SESSION_NEXT));
    int i = 0;
    const check_result *r = session_check_next(s, &i);
    assert_non_null(r);
    assert_string_equal(r->ex->printed, "0.1325");
    session_train_toggle(s);
    clk.t += 20;
    session_tick(s);
    assert_int_equal(session_epoch(s), 1);
    assert_true(session_step(s, SESSION_NEXT));
    assert_int_equal(session_excursion(s), 1);
    assert_int_equal(stepper_iteration(session_stepper(s)), 0);
    assert_int_equal(stepper_pos(session_stepper(s)), 1);
    i = 0;
    assert_null(session_check_next(s, &i));
    session_free(s);
    scenario_free(sc);
}

/* ---- marks ---- */

/* Values marked read and written, over every mark of m for network n. */
static void count_marks(const marks *m, const net *n, int *reads, int *writes)
{
    const int nout = n->spec.size[n->spec.nlayers - 1];
    const struct {
        const unsigned char *v;
        int len;
    } all[] = {{m->z, n->nunits},     {m->a, n->nunits},   {m->delta, n->nunits},  {m->target, nout},
               {m->err, nout},        {m->param, n->nparams}, {m->grad, n->nparams}, {&m->loss, 1},
               {&m->eta, 1}};
    *reads = *writes = 0;
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        for (int k = 0; k < all[i].len; k++) {
            *reads += all[i].v[k] == MARKS_READ;
            *writes += all[i].v[k] == MARKS_WRITE;
        }
}

/* Document 000 (2-2-2, from-to layout: w_kj is input k to hidden j): each event marks what its formula
 * reads and the one value it computes, nothing else. */
static void test_marks(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/doc000.bp");
    session *s = open_session(sc, NULL);
    const stepper *st = session_stepper(s);
    const marks *m = session_marks(s);
    const net *n = sc->init;
    int reads, writes;
    /* Before the first event: nothing. */
    count_marks(m, n, &reads, &writes);
    assert_int_equal(reads + writes, 0);
    assert_int_equal(m->group, MARKS_START);

    /* 1: net₁₁ = w₁₁·x₁ + w₂₁·x₂ + b₁₁ */
    assert_true(session_goto(s, 1));
    assert_int_equal(m->group, MARKS_FORWARD);
    assert_int_equal(m->z[stepper_unit(st, 1, 0)], MARKS_WRITE);
    assert_int_equal(m->a[stepper_unit(st, 0, 0)], MARKS_READ);
    assert_int_equal(m->a[stepper_unit(st, 0, 1)], MARKS_READ);
    assert_int_equal(m->param[net_windex(n, 1, 0, 0)], MARKS_READ);
    assert_int_equal(m->param[net_windex(n, 1, 0, 1)], MARKS_READ);
    assert_int_equal(m->param[net_bindex(n, 1, 0)], MARKS_READ);
    count_marks(m, n, &reads, &writes);
    assert_int_equal(reads, 5);
    assert_int_equal(writes, 1);

    /* 11: E = E₁ + E₂ */
    assert_true(session_goto(s, 11));
    assert_int_equal(m->group, MARKS_FORWARD);
    assert_int_equal(m->loss, MARKS_WRITE);
    assert_int_equal(m->err[0], MARKS_READ);
    assert_int_equal(m->err[1], MARKS_READ);
    count_marks(m, n, &reads, &writes);
    assert_int_equal(reads, 2);
    assert_int_equal(writes, 1);

    /* 14: δh₁ = (v₁₁·δ₁ + v₁₂·δ₂)·f′(net₁₁), f′ written with h₁: h₁·(1 − h₁) */
    assert_true(session_goto(s, 14));
    assert_int_equal(m->group, MARKS_BACKWARD);
    assert_int_equal(m->delta[stepper_unit(st, 1, 0)], MARKS_WRITE);
    assert_int_equal(m->delta[stepper_unit(st, 2, 0)], MARKS_READ);
    assert_int_equal(m->delta[stepper_unit(st, 2, 1)], MARKS_READ);
    assert_int_equal(m->param[net_windex(n, 2, 0, 0)], MARKS_READ);
    assert_int_equal(m->param[net_windex(n, 2, 1, 0)], MARKS_READ);
    assert_int_equal(m->z[stepper_unit(st, 1, 0)], MARKS_READ);
    assert_int_equal(m->a[stepper_unit(st, 1, 0)], MARKS_READ);
    count_marks(m, n, &reads, &writes);
    assert_int_equal(reads, 6);
    assert_int_equal(writes, 1);

    /* 28: v₁₁⁽¹⁾ = v₁₁ − η·∇₁v₁₁: the weight both read and written shows as written */
    assert_true(session_goto(s, 28));
    const int v11 = net_windex(n, 2, 0, 0);
    assert_int_equal(m->group, MARKS_UPDATE);
    assert_int_equal(m->param[v11], MARKS_WRITE);
    assert_int_equal(m->grad[v11], MARKS_READ);
    assert_int_equal(m->eta, MARKS_READ);
    count_marks(m, n, &reads, &writes);
    assert_int_equal(reads, 2);
    assert_int_equal(writes, 1);

    /* Back to the start by reset: nothing again. */
    session_reset(s);
    count_marks(m, n, &reads, &writes);
    assert_int_equal(reads + writes, 0);
    assert_int_equal(m->group, MARKS_START);
    session_free(s);
    scenario_free(sc);
}

/* ---- training ---- */

/* The sgd trainer's epoch whose mean loss first falls below thr, and its weights (nparams into w). */
static long ref_threshold_epoch(const scenario *sc, double thr, double *w, double *loss)
{
    err e;
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, TRAIN_MODE_SGD, &e);
    assert_non_null(t);
    train_point p;
    do
        assert_true(train_epoch(t, &p, &e));
    while (p.loss >= thr && p.epoch < 100000);
    memcpy(w, t->n->params, sizeof(double) * (size_t)t->n->nparams);
    *loss = p.loss;
    train_free(t);
    return p.epoch;
}

/* XOR with threshold 0.1: training stops at the first epoch whose mean loss is below it, with the
 * stepper at that epoch's end holding the trainer's weights bit for bit; t trains on past it. */
static void test_train_threshold(void **state)
{
    (void)state;
    scenario *sc = load_with("scenarios/xor.bp", "threshold = 0.1\n");
    fake_clock clk = {1000, 0, 0};
    session *s = open_session(sc, &clk);
    double w[64], loss;
    assert_true(sc->init->nparams <= 64);
    const long want = ref_threshold_epoch(sc, 0.1, w, &loss);
    assert_true(want > 100 && want < 300); /* --train: 0.1153 at epoch 100, 0.0641 at 300 */

    session_train_toggle(s);
    assert_true(session_training(s));
    train_until_stopped(s, &clk, 100000);
    assert_int_equal(session_epoch(s), want);
    const stepper *st = session_stepper(s);
    assert_int_equal(stepper_iteration(st), want * 4 - 1);
    assert_int_equal(stepper_pos(st), stepper_count(st));
    assert_memory_equal(stepper_view(st)->net->params, w, sizeof(double) * (size_t)sc->init->nparams);
    char note[256];
    snprintf(note, sizeof note,
             "epoch %ld: the loss %g is below the scenario's threshold 0.1; training stopped (t trains on)", want,
             loss);
    assert_string_equal(session_note(s), note);
    bool error = true;
    assert_string_equal(message(s, &error), note);
    assert_false(error);
    /* Every epoch was measured on the way: points 0 .. want. */
    int npts;
    const train_point *pts = session_points(s, &npts);
    assert_int_equal(npts, want + 1);
    assert_int_equal(pts[npts - 1].epoch, want);
    assert_close(pts[npts - 1].loss, loss, 0.0);
    assert_close(session_point_at(s, want)->loss, loss, 0.0);
    /* t again trains on past the threshold. */
    session_train_toggle(s);
    assert_true(session_training(s));
    clk.t += 100;
    session_tick(s);
    assert_true(session_training(s));
    assert_int_equal(session_epoch(s), want + 5);
    session_free(s);
    scenario_free(sc);
}

/* The speeds' arithmetic with a frozen clock: epochs due = elapsed × rate, a backlog beyond a quarter
 * second forgotten, the wait to the next epoch clamped to 10 ms … 1 s, flat out 0, paused -1. */
static void test_pacing(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/xor.bp");
    fake_clock clk = {1000, 0, 0};
    session *s = open_session(sc, &clk);
    assert_int_equal(session_timeout_ms(s), -1);
    assert_int_equal(session_rate(s), 50); /* the default speed */
    session_train_toggle(s);
    assert_int_equal(session_timeout_ms(s), 20); /* the first epoch is due after 1/50 s */
    clk.t = 1100;
    session_tick(s);
    assert_int_equal(session_epoch(s), 5); /* 100 ms at 50 epochs per second */
    assert_int_equal(session_timeout_ms(s), 20);
    clk.t = 1110;
    assert_int_equal(session_timeout_ms(s), 10);
    clk.t = 11100; /* ten seconds later: 500 due, a quarter second's worth (13) run */
    session_tick(s);
    assert_int_equal(session_epoch(s), 5 + 13);
    assert_int_equal(session_timeout_ms(s), 20);
    session_speed(s, 1);
    assert_int_equal(session_rate(s), 100);
    assert_int_equal(session_timeout_ms(s), 10);
    session_speed(s, 3);
    assert_int_equal(session_rate(s), 1000);
    assert_int_equal(session_timeout_ms(s), 10); /* 1 ms to the next epoch, but 100 ticks a second at most */
    session_speed(s, -6);
    assert_int_equal(session_rate(s), 10);
    assert_int_equal(session_timeout_ms(s), 100);
    clk.t += 250;
    session_tick(s);
    assert_int_equal(session_epoch(s), 18 + 2);
    session_speed(s, -100);
    assert_int_equal(session_rate(s), 1);
    assert_int_equal(session_timeout_ms(s), 1000);
    clk.t += 5000; /* at one epoch per second the backlog cap is one epoch */
    session_tick(s);
    assert_int_equal(session_epoch(s), 21);
    session_speed(s, 100);
    assert_int_equal(session_rate(s), 0);
    assert_int_equal(session_timeout_ms(s), 0);
    session_pause(s);
    assert_int_equal(session_timeout_ms(s), -1);
    session_free(s);
    scenario_free(sc);
}

/* Flat out (the clock moving 1 ms a reading, so each tick spends its budget): the scenario's 1000 epochs
 * stop training exactly there, at the trainer's weights; at a set speed too, the last slice cut short. */
static void test_train_epochs_cap(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/xor.bp");
    fake_clock clk = {0, 1, 0};
    session *s = open_session(sc, &clk);
    session_speed(s, 100);
    session_train_toggle(s);
    long ticks = train_until_stopped(s, &clk, 100000);
    assert_true(ticks > 1); /* the budget split the run over several ticks */
    assert_int_equal(session_epoch(s), 1000);
    assert_string_equal(session_note(s),
                        "epoch 1000: the scenario's 1000 epochs are done; training stopped (t trains on)");
    err e;
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    for (int i = 0; i < 1000; i++)
        assert_true(train_epoch(t, &p, &e));
    assert_memory_equal(stepper_view(session_stepper(s))->net->params, t->n->params,
                        sizeof(double) * (size_t)t->n->nparams);
    assert_close(session_point_at(s, 1000)->loss, p.loss, 0.0);
    train_free(t);
    session_free(s);

    /* 1000 epochs a second, a frozen clock, 300 ms between ticks: a quarter second's worth each (251),
     * until the last tick, cut to the 247 left. */
    fake_clock frozen = {0, 0, 0};
    s = open_session(sc, &frozen);
    session_speed(s, 4);
    assert_int_equal(session_rate(s), 1000);
    session_train_toggle(s);
    static const long want[] = {251, 502, 753, 1000};
    for (int i = 0; i < 4; i++) {
        frozen.t += 300;
        session_tick(s);
        assert_int_equal(session_epoch(s), want[i]);
    }
    assert_false(session_training(s));
    assert_string_equal(session_note(s),
                        "epoch 1000: the scenario's 1000 epochs are done; training stopped (t trains on)");
    session_free(s);
    scenario_free(sc);
}

/* Pause and step: pausing says where, and the next key walks the next iteration from the trained weights
 * exactly as a stepper run that far does; the note is not repeated by the step. */
static void test_pause_and_step(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/xor.bp");
    fake_clock clk = {0, 0, 0};
    session *s = open_session(sc, &clk);
    session_train_toggle(s);
    clk.t = 100;
    session_tick(s);
    assert_int_equal(session_epoch(s), 5);
    session_train_toggle(s);
    assert_false(session_training(s));
    const char *note = "training stopped after epoch 5, iteration 20: step on from here, t resumes, r resets";
    assert_string_equal(session_note(s), note);
    assert_string_equal(message(s, NULL), note);
    assert_int_equal(session_run_iterations(s), 19);
    assert_true(session_step(s, SESSION_NEXT));
    assert_string_equal(message(s, NULL), "");
    err e;
    stepper *ref = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    assert_non_null(ref);
    assert_true(stepper_run(ref, 19, &e));
    assert_true(stepper_next(ref));
    assert_int_equal(stepper_iteration(ref), 20);
    same_state(session_stepper(s), ref);
    /* Training again from the middle of iteration 21, then a stepping key pauses it. */
    session_train_toggle(s);
    clk.t += 20;
    session_tick(s);
    assert_int_equal(session_epoch(s), 6);
    assert_true(session_step(s, SESSION_NEXT));
    assert_false(session_training(s));
    assert_string_equal(message(s, NULL), "");
    assert_int_equal(stepper_iteration(session_stepper(s)), 24); /* 0-based: epoch 6 ended with 23 */
    assert_int_equal(stepper_pos(session_stepper(s)), 0);
    stepper_free(ref);
    session_free(s);
    scenario_free(sc);
}

/* Batch mode: the trainer trains; the first stepping key starts a new stepper from its weights (the
 * excursion, a new generation), which walks per-sample SGD and has no document checks; reset goes back
 * to the initial weights with a new stepper again. */
static void test_batch_excursion(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/xor-batch.bp");
    fake_clock clk = {0, 0, 0};
    session *s = open_session(sc, &clk);
    assert_true(session_batch(s));
    session_train_toggle(s);
    clk.t = 100;
    session_tick(s);
    assert_int_equal(session_epoch(s), 5);
    session_pause(s);
    assert_string_equal(message(s, NULL),
                        "batch training stopped after epoch 5: stepping walks one per-sample SGD iteration from "
                        "these weights; t resumes the batch run");
    /* The trainer's weights after 5 batch epochs, independently. */
    err e;
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    for (int i = 0; i < 5; i++)
        assert_true(train_epoch(t, &p, &e));
    const size_t psize = sizeof(double) * (size_t)t->n->nparams;
    assert_memory_equal(session_train_net(s)->params, t->n->params, psize);
    assert_int_equal(session_excursion(s), 0);
    assert_int_equal(session_generation(s), 0);
    const double *before = stepper_view(session_stepper(s))->net->params;
    assert_memory_equal(before, sc->init->params, psize);

    assert_true(session_step(s, SESSION_NEXT));
    assert_int_equal(session_excursion(s), 5);
    assert_int_equal(session_generation(s), 1);
    const stepper *st = session_stepper(s);
    assert_int_equal(stepper_iteration(st), 0);
    assert_int_equal(stepper_pos(st), 1);
    assert_memory_equal(stepper_params_at(st, 0), t->n->params, psize);
    int i = 0;
    assert_null(session_check_next(s, &i));
    /* Another key walks on in the same excursion. */
    assert_true(session_step(s, SESSION_NEXT));
    assert_int_equal(session_generation(s), 1);
    assert_int_equal(stepper_pos(session_stepper(s)), 2);

    session_reset(s);
    assert_string_equal(message(s, NULL), "reset: the initial weights, before iteration 1");
    assert_int_equal(session_excursion(s), 0);
    assert_int_equal(session_generation(s), 2);
    assert_int_equal(session_epoch(s), 0);
    assert_memory_equal(stepper_view(session_stepper(s))->net->params, sc->init->params, psize);
    assert_memory_equal(session_train_net(s)->params, sc->init->params, psize);
    int npts;
    session_points(s, &npts);
    assert_int_equal(npts, 1);
    train_free(t);
    session_free(s);
    scenario_free(sc);
}

/* Reset after stepping and training: the initial weights before iteration 1, the chart back to epoch 0. */
static void test_reset(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/xor.bp");
    fake_clock clk = {0, 0, 0};
    session *s = open_session(sc, &clk);
    int npts;
    const train_point *pts = session_points(s, &npts);
    assert_int_equal(npts, 1);
    const double loss0 = pts[0].loss;
    assert_close(loss0, 0.12219724980794214, 1e-15); /* --train's epoch 0 */
    for (int i = 0; i < 40; i++)
        assert_true(session_step(s, SESSION_NEXT));
    session_train_toggle(s);
    clk.t = 200;
    session_tick(s);
    assert_true(session_epoch(s) > 1);
    session_reset(s);
    assert_false(session_training(s));
    bool error = true;
    assert_string_equal(message(s, &error), "reset: the initial weights, before iteration 1");
    assert_false(error);
    assert_string_equal(session_note(s), "");
    const stepper *st = session_stepper(s);
    assert_int_equal(stepper_iteration(st), 0);
    assert_int_equal(stepper_pos(st), 0);
    assert_int_equal(session_epoch(s), 0);
    assert_memory_equal(stepper_view(st)->net->params, sc->init->params,
                        sizeof(double) * (size_t)sc->init->nparams);
    pts = session_points(s, &npts);
    assert_int_equal(npts, 1);
    assert_close(pts[0].loss, loss0, 0.0);
    session_free(s);
    scenario_free(sc);
}

/* scenarios/diverge.bp: epoch 5's loss is infinite (--train: "training diverged in epoch 5"); training
 * stops with the weights after epoch 4 (the last finite), t refuses until r. */
static void test_diverge(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/diverge.bp");
    fake_clock clk = {0, 0, 0};
    session *s = open_session(sc, &clk);
    session_train_toggle(s);
    train_until_stopped(s, &clk, 1000);
    assert_true(session_diverged(s));
    assert_int_equal(session_epoch(s), 4);
    bool error = false;
    const char *msg = message(s, &error);
    assert_true(error);
    assert_string_equal(msg, session_note(s));
    assert_string_equal(msg, "training diverged in epoch 5: the mean loss is not finite (is the learning rate too "
                             "large?); kept: the weights after epoch 4, r resets");
    /* The weights after epoch 4, as the trainer leaves them. */
    err e;
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    for (int i = 0; i < 4; i++)
        assert_true(train_epoch(t, &p, &e));
    assert_false(train_epoch(t, &p, &e));
    const double *w = stepper_view(session_stepper(s))->net->params;
    assert_memory_equal(w, t->n->params, sizeof(double) * (size_t)t->n->nparams);
    /* t refuses, saying why again. */
    session_train_toggle(s);
    assert_false(session_training(s));
    assert_string_equal(message(s, &error), session_note(s));
    assert_true(error);
    session_reset(s);
    assert_false(session_diverged(s));
    session_train_toggle(s);
    assert_true(session_training(s));
    train_free(t);
    session_free(s);
    scenario_free(sc);
}

/* The value history: a neuron's activation in an earlier iteration is kept once the cursor passed it, and
 * rows list the iterations with values, newest first. */
static void test_history(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/xor.bp");
    session *s = open_session(sc, NULL);
    err e;
    stepper *ref = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    assert_non_null(ref);
    assert_true(stepper_finish_iteration(ref));
    const double a0 = stepper_view(ref)->net->a[1][0];
    const history *h = session_history(s);
    double v = 0;
    assert_false(history_value(h, session_stepper(s), 0, 1, 0, HISTORY_A, &v)); /* not computed yet */
    assert_true(session_step(s, SESSION_FINISH));
    for (int i = 0; i < 3; i++)
        assert_true(session_step(s, SESSION_NEXT));
    assert_int_equal(stepper_iteration(session_stepper(s)), 1);
    assert_true(history_value(h, session_stepper(s), 0, 1, 0, HISTORY_A, &v));
    assert_memory_equal(&v, &a0, sizeof v);
    long rows[8];
    int n = history_rows(h, session_stepper(s), 1, true, 8, rows);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0], 1);
    assert_int_equal(rows[1], 0);
    stepper_free(ref);
    session_free(s);
    scenario_free(sc);
}

/* After training, the rows merge the iterations whose parameters the stepper keeps with those whose
 * values were kept at the end of every tick (most of which have no parameters kept): newest first,
 * no repeats, the latest 64, as a plain sort of the union says. */
static void test_history_rows_merge(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/xor.bp");
    fake_clock clk = {0, 0, 0};
    session *s = open_session(sc, &clk);
    enum { TICKS = 200, MAX = 64 };
    long noted[TICKS + 1];
    int nn = 0;
    assert_true(session_step(s, SESSION_FINISH));
    noted[nn++] = 0;
    session_train_toggle(s); /* 50 epochs per second: one epoch (4 iterations) per 20 ms tick */
    for (int i = 0; i < TICKS; i++) {
        clk.t += 20;
        session_tick(s);
        noted[nn++] = stepper_iteration(session_stepper(s));
    }
    const stepper *st = session_stepper(s);
    const long cur = stepper_iteration(st);
    assert_int_equal(cur, TICKS * 4 - 1);
    /* Expected: the union, sorted newest first, no repeats. */
    long all[4096 + TICKS + 1];
    int na = 0;
    for (long it = cur; it >= 0 && it > cur - 4096; it--)
        if (stepper_params_at(st, it))
            all[na++] = it;
    int only_values = 0;
    for (int i = 0; i < nn; i++) {
        bool dup = false;
        for (int k = 0; k < na; k++)
            dup = dup || all[k] == noted[i];
        if (!dup) {
            all[na++] = noted[i];
            only_values++;
        }
    }
    assert_true(only_values > 100); /* dense checkpoints stay near the cursor only: 183 of 217 here */
    for (int i = 0; i < na; i++) /* selection sort, descending */
        for (int k = i + 1; k < na; k++)
            if (all[k] > all[i]) {
                long t = all[i];
                all[i] = all[k];
                all[k] = t;
            }
    long rows[MAX];
    int n = history_rows(session_history(s), st, cur, true, MAX, rows);
    assert_int_equal(n, MAX);
    int values_only = 0;
    for (int i = 0; i < n; i++) {
        assert_int_equal(rows[i], all[i]);
        values_only += stepper_params_at(st, rows[i]) == NULL;
    }
    assert_true(values_only > 0);
    /* Without the neurons' values: the parameters' iterations only. */
    n = history_rows(session_history(s), st, cur, false, MAX, rows);
    for (int i = 0; i < n; i++)
        assert_non_null(stepper_params_at(st, rows[i]));
    session_free(s);
    scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iteration_forward_back),
        cmocka_unit_test(test_checks_at_cursor),
        cmocka_unit_test(test_checks_not_on_excursion),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_train_threshold),
        cmocka_unit_test(test_pacing),
        cmocka_unit_test(test_train_epochs_cap),
        cmocka_unit_test(test_pause_and_step),
        cmocka_unit_test(test_batch_excursion),
        cmocka_unit_test(test_reset),
        cmocka_unit_test(test_diverge),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_history_rows_merge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
