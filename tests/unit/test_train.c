/* test_train.c - the trainer (train.c) epoch by epoch against a trainer written
 * out here: the adaptive learning rate (README "The maths": per epoch, with E the
 * mean training loss at the end of the epoch, η ← η·inc if E fell, η ← η·dec if
 * it rose above max_ratio times the previous, else unchanged; both η and η_b),
 * momentum in full-batch mode, and divergence (train_epoch fails, the network
 * keeps the last finite state).
 *
 * The reference is the XOR network of scenarios/xor.bp (2-2-1 sigmoid, a bias
 * per neuron, ½(y − t)², samples 00, 01, 10, 11) in scalar code that shares
 * nothing with the engine; the scenarios are parsed from text here, with
 * the weights of xor.bp. Run from the repository root (scenarios/diverge.bp). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "err.h"
#include "net.h"
#include "scenario.h"
#include "testutil.h"
#include "train.h"

/* ---- the reference trainer --------------------------------------------------- */

static const double RX[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
static const double RT[4] = {0, 1, 1, 0};

/* Parameters (and, in the same shape, velocities and gradients). */
typedef struct xp {
    double W1[2][2]; /* input i -> hidden j */
    double B1[2];
    double W2[2];    /* hidden j -> output */
    double B2;
} xp;

typedef struct ref {
    xp p, v;
    double eta_w, eta_b, beta;
    bool batch;
    bool adaptive;
    double inc, dec, ratio;
    double last;  /* mean loss after the last epoch */
    int n_inc, n_dec, n_same; /* how often each branch of the rule ran */
} ref;

static double sig(double x) { return 1.0 / (1.0 + exp(-x)); }

static double out(const xp *p, const double *x, double *h)
{
    for (int j = 0; j < 2; j++)
        h[j] = sig(p->W1[0][j] * x[0] + p->W1[1][j] * x[1] + p->B1[j]);
    return sig(p->W2[0] * h[0] + p->W2[1] * h[1] + p->B2);
}

static double ref_loss(const ref *r)
{
    double s = 0.0, h[2];
    for (int i = 0; i < 4; i++) {
        double y = out(&r->p, RX[i], h);
        s += 0.5 * (y - RT[i]) * (y - RT[i]);
    }
    return s / 4;
}

/* g += dE/dp for sample i at r's parameters. The arithmetic is grouped as the
 * textbook writes it, δ = (Σ w·δ′)·f′ with f′ = a(1 − a), so its rounding
 * agrees with any implementation of those formulas; without that, the chaotic
 * phase of an adaptive run (η up to 25, the loss jumping from epoch to epoch)
 * amplifies last-bit differences past the tolerance. */
static void ref_grad(const ref *r, int i, xp *g)
{
    double h[2];
    double y = out(&r->p, RX[i], h);
    double dy = (y - RT[i]) * (y * (1 - y));
    for (int j = 0; j < 2; j++) {
        double dh = (r->p.W2[j] * dy) * (h[j] * (1 - h[j]));
        g->W2[j] += dy * h[j];
        g->B1[j] += dh;
        for (int k = 0; k < 2; k++)
            g->W1[k][j] += dh * RX[i][k];
    }
    g->B2 += dy;
}

/* Every component of g times f. */
static void scale(xp *g, double f)
{
    double *q = (double *)g;
    for (size_t i = 0; i < sizeof *g / sizeof(double); i++)
        q[i] *= f;
}

static void move(double *p, double *v, double g, double eta, double beta)
{
    *v = beta * *v - eta * g;
    *p += *v;
}

static void ref_apply(ref *r, const xp *g)
{
    for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 2; k++)
            move(&r->p.W1[k][j], &r->v.W1[k][j], g->W1[k][j], r->eta_w, r->beta);
        move(&r->p.B1[j], &r->v.B1[j], g->B1[j], r->eta_b, r->beta);
        move(&r->p.W2[j], &r->v.W2[j], g->W2[j], r->eta_w, r->beta);
    }
    move(&r->p.B2, &r->v.B2, g->B2, r->eta_b, r->beta);
}

static void ref_init(ref *r, double eta_w, double eta_b, double beta, bool batch)
{
    memset(r, 0, sizeof *r);
    r->p = (xp){{{0.5, 0.9}, {0.4, 1.0}}, {-0.8, 0.1}, {-1.2, 1.1}, -0.3};
    r->eta_w = eta_w;
    r->eta_b = eta_b;
    r->beta = beta;
    r->batch = batch;
    r->last = ref_loss(r);
}

/* One epoch, then the adaptive rule on the epoch's mean loss; returns it. */
static double ref_epoch(ref *r)
{
    if (r->batch) {
        xp g;
        memset(&g, 0, sizeof g);
        for (int i = 0; i < 4; i++)
            ref_grad(r, i, &g);
        scale(&g, 0.25); /* the mean of the four */
        ref_apply(r, &g);
    } else {
        for (int i = 0; i < 4; i++) {
            xp g;
            memset(&g, 0, sizeof g);
            ref_grad(r, i, &g);
            ref_apply(r, &g);
        }
    }
    double E = ref_loss(r);
    if (r->adaptive) {
        if (E < r->last) {
            r->eta_w *= r->inc;
            r->eta_b *= r->inc;
            r->n_inc++;
        } else if (E > r->ratio * r->last) {
            r->eta_w *= r->dec;
            r->eta_b *= r->dec;
            r->n_dec++;
        } else {
            r->n_same++;
        }
    }
    r->last = E;
    return E;
}

/* ---- scenarios from text ------------------------------------------------------- */

/* xor.bp's network and data with the given [training] lines. */
static scenario *xor_scenario(const char *training)
{
    char text[2048];
    snprintf(text, sizeof text,
             "[scenario]\ntitle = XOR\n"
             "[network]\nlayers = 2 2 1\n"
             "[layer 1]\nlayout = from-to\nweights = 0.5 0.9\n  0.4 1.0\nbiases = -0.8 0.1\n"
             "[layer 2]\nlayout = from-to\nweights = -1.2\n  1.1\nbiases = -0.3\n"
             "[training]\n%s"
             "[data]\nsample = 0 0 -> 0\nsample = 0 1 -> 1\nsample = 1 0 -> 1\nsample = 1 1 -> 0\n",
             training);
    err e;
    err_clear(&e);
    scenario *sc = scenario_parse("xor-test.bp", text, (long)strlen(text), &e);
    if (!sc)
        print_error("scenario_parse: %s\n", e.msg);
    assert_non_null(sc);
    return sc;
}

/* Trains sc and r side by side for epochs epochs: every epoch's loss to 1e-9,
 * and η (train_point.eta, the trainer's eta_w and eta_b) to 1e-12. */
static void side_by_side(scenario *sc, ref *r, int epochs)
{
    err e;
    err_clear(&e);
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    train_measure(t, &p);
    assert_int_equal(p.epoch, 0);
    assert_close(p.loss, r->last, 1e-12);
    assert_close(p.eta, r->eta_w, 0.0);
    for (int ep = 1; ep <= epochs; ep++) {
        double E = ref_epoch(r);
        bool ok = train_epoch(t, &p, &e);
        if (!ok)
            print_error("train_epoch %d: %s\n", ep, e.msg);
        assert_true(ok);
        assert_int_equal(p.epoch, ep);
        assert_int_equal(t->epoch, ep);
        assert_close_msg(p.loss, E, 1e-9, "loss after epoch %d", ep);
        assert_close_msg(p.eta, r->eta_w, 1e-12, "eta after epoch %d", ep);
        assert_close_msg(t->hyper.eta_w, r->eta_w, 1e-12, "trainer's eta_w after epoch %d", ep);
        assert_close_msg(t->hyper.eta_b, r->eta_b, 1e-12, "trainer's eta_b after epoch %d", ep);
        assert_false(isfinite(p.train_acc)); /* a regression target: no accuracy */
    }
    train_free(t);
}

/* ---- tests ------------------------------------------------------------------------ */

/* The default factors 1.05, 0.7, 1.04 with separate rates for weights and
 * biases; all three branches of the rule must have run. */
static void test_adaptive_default(void **state)
{
    (void)state;
    scenario *sc = xor_scenario("eta = 0.5\neta.bias = 0.25\nadaptive = yes\n");
    assert_true(sc->hyper.adaptive);
    assert_close(sc->hyper.lr_inc, 1.05, 0.0);
    assert_close(sc->hyper.lr_dec, 0.7, 0.0);
    assert_close(sc->hyper.max_ratio, 1.04, 0.0);
    ref r;
    ref_init(&r, 0.5, 0.25, 0.0, false);
    r.adaptive = true;
    r.inc = 1.05;
    r.dec = 0.7;
    r.ratio = 1.04;
    side_by_side(sc, &r, 120);
    /* the run went through every branch: grow, cut and keep */
    if (r.n_inc == 0 || r.n_dec == 0 || r.n_same == 0)
        print_error("branches: %d grow, %d cut, %d keep\n", r.n_inc, r.n_dec, r.n_same);
    assert_true(r.n_inc > 0 && r.n_dec > 0 && r.n_same > 0);
    scenario_free(sc);
}

/* The scenario's own factors, with momentum (the document's 动量-自适应 method). */
static void test_adaptive_factors_momentum(void **state)
{
    (void)state;
    scenario *sc = xor_scenario("eta = 0.3\nmomentum = 0.5\nadaptive = yes\n"
                                "adaptive.inc = 1.1\nadaptive.dec = 0.5\nadaptive.max_ratio = 1.01\n");
    assert_close(sc->hyper.lr_inc, 1.1, 0.0);
    assert_close(sc->hyper.lr_dec, 0.5, 0.0);
    assert_close(sc->hyper.max_ratio, 1.01, 0.0);
    ref r;
    ref_init(&r, 0.3, 0.3, 0.5, false);
    r.adaptive = true;
    r.inc = 1.1;
    r.dec = 0.5;
    r.ratio = 1.01;
    side_by_side(sc, &r, 200);
    if (r.n_inc == 0 || r.n_dec == 0)
        print_error("branches: %d grow, %d cut, %d keep\n", r.n_inc, r.n_dec, r.n_same);
    assert_true(r.n_inc > 0 && r.n_dec > 0);
    scenario_free(sc);
}

/* Without adaptive = yes η never changes. */
static void test_not_adaptive(void **state)
{
    (void)state;
    scenario *sc = xor_scenario("eta = 0.5\n");
    assert_false(sc->hyper.adaptive);
    ref r;
    ref_init(&r, 0.5, 0.5, 0.0, false);
    side_by_side(sc, &r, 50);
    scenario_free(sc);
}

/* Full batch (mean gradient) with momentum. */
static void test_batch_momentum(void **state)
{
    (void)state;
    scenario *sc = xor_scenario("eta = 2\neta.bias = 1\nmomentum = 0.8\nmode = batch\n");
    assert_int_equal(sc->mode, TRAIN_MODE_BATCH);
    ref r;
    ref_init(&r, 2.0, 1.0, 0.8, true);
    side_by_side(sc, &r, 300);
    assert_true(r.last < 0.01); /* and it learns */
    scenario_free(sc);
}

/* scenarios/diverge.bp: epoch 5's loss is infinite; train_epoch says so and
 * leaves the network as epoch 4 left it, bit for bit. */
static void test_diverge_keeps_state(void **state)
{
    (void)state;
    err e;
    err_clear(&e);
    scenario *sc = scenario_load("scenarios/diverge.bp", &e);
    if (!sc)
        print_error("%s\n", e.msg);
    assert_non_null(sc);
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    const int np = t->n->nparams;
    double *keep = malloc(sizeof(double) * (size_t)np * 2);
    assert_non_null(keep);
    train_point p, last;
    train_measure(t, &last);
    long ep = 0;
    while (train_epoch(t, &p, &e)) {
        assert_true(isfinite(p.loss));
        last = p;
        memcpy(keep, t->n->params, sizeof(double) * (size_t)np);
        memcpy(keep + np, t->n->vel, sizeof(double) * (size_t)np);
        assert_true(++ep < 100);
    }
    assert_int_equal(ep, 4);       /* epochs 1-4 finite, epoch 5 not */
    assert_int_equal(t->epoch, 4); /* the failed epoch is not counted */
    assert_non_null(strstr(e.msg, "diverged"));
    assert_non_null(strstr(e.msg, "epoch 5"));
    assert_memory_equal(t->n->params, keep, sizeof(double) * (size_t)np);
    assert_memory_equal(t->n->vel, keep + np, sizeof(double) * (size_t)np);
    assert_true(net_params_finite(t->n));
    assert_close(t->last_loss, last.loss, 0.0);
    train_point again;
    train_measure(t, &again);
    assert_close(again.loss, last.loss, 0.0);
    assert_true(last.loss > 1e7); /* it was on its way up: 2.3e7 */
    free(keep);
    train_free(t);
    scenario_free(sc);
}

/* A loss a million times the last one stops training although it is finite. */
static void test_explode_finite(void **state)
{
    (void)state;
    /* one linear neuron, x = 100, t = 0, w = 0.01: loss 0.5; one step of η = 1
     * moves w to 0.01 − 100·1 = −99.99, loss ½·9999² ≈ 5·10⁷ */
    static const char text[] = "[scenario]\ntitle = explode\n[network]\nlayers = 1 1\n"
                               "[layer 1]\nactivation = identity\nbias = none\nweights = 0.01\n"
                               "[training]\neta = 1\n[data]\nsample = 100 -> 0\n";
    err e;
    err_clear(&e);
    scenario *sc = scenario_parse("explode.bp", text, (long)strlen(text), &e);
    assert_non_null(sc);
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    train_measure(t, &p);
    assert_close(p.loss, 0.5, 1e-15);
    assert_false(train_epoch(t, &p, &e));
    assert_non_null(strstr(e.msg, "diverged"));
    assert_int_equal(t->epoch, 0);
    assert_close(t->n->params[0], 0.01, 0.0);
    scenario_free(sc);
    train_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_adaptive_default),   cmocka_unit_test(test_adaptive_factors_momentum),
        cmocka_unit_test(test_not_adaptive),       cmocka_unit_test(test_batch_momentum),
        cmocka_unit_test(test_diverge_keeps_state), cmocka_unit_test(test_explode_finite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
