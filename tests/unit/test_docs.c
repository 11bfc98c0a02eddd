/* test_docs.c - the document scenarios (scenarios/docNNN.bp, xor.bp) against hand arithmetic.
 *
 * Each test loads a scenario with scenario_load(), runs its first SGD iteration
 * through the stepper and through the net_* functions, and compares every
 * forward value, loss term, δ, gradient and updated parameter with values this
 * file computes itself: scalar arithmetic written out for that one network, with
 * the weights as the document prints them (so the scenario's layouts are checked
 * too). No engine function takes part in computing an expected value.
 * Run from the repository root (the paths are scenarios/...). */
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
#include "notation.h"
#include "scenario.h"
#include "stepper.h"
#include "testutil.h"
#include "train.h"

#define REL 1e-12

static double sg(double x) { return 1.0 / (1.0 + exp(-x)); }

/* ---- expectations ---------------------------------------------------------- */

/* One quantity of an iteration: the event kind and net indices (0-based; l = 0
 * is the input layer; weights w^l_jk with j the neuron fed, k the source) with
 * its value and, for updates, the value before. */
typedef struct xp {
    step_kind kind;
    int l, j, k;
    double value;
    double old;
    const char *what; /* the document's name, for messages */
} xp;

typedef struct xplist {
    xp v[256];
    int n;
} xplist;

static void add(xplist *x, step_kind kind, int l, int j, int k, double value, const char *what)
{
    assert_true(x->n < (int)(sizeof x->v / sizeof x->v[0]));
    x->v[x->n++] = (xp){kind, l, j, k, value, 0.0, what};
}

static void add_upd(xplist *x, step_kind kind, int l, int j, int k, double old, double value,
                    const char *what)
{
    assert_true(x->n < (int)(sizeof x->v / sizeof x->v[0]));
    x->v[x->n++] = (xp){kind, l, j, k, value, old, what};
}

static const char *kind_name(step_kind k)
{
    static const char *names[] = {"z", "a", "err", "loss", "delta", "grad_w", "grad_b", "upd_w", "upd_b"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

static scenario *load(const char *path)
{
    err e;
    err_clear(&e);
    scenario *sc = scenario_load(path, &e);
    if (!sc)
        print_error("scenario_load(%s) failed: %s\n", path, e.msg);
    assert_non_null(sc);
    return sc;
}

/* The events of the stepper's current iteration must hold every expectation
 * exactly once (same kind and indices, value to REL, old value for updates),
 * and nothing more of the kinds listed: for each kind the number of events
 * equals the number of expectations of that kind. */
static void verify_events(const stepper *s, const xplist *x)
{
    const step_event *ev = tu_events(s);
    int nev = stepper_count(s);
    int want[EV_KIND_COUNT] = {0}, have[EV_KIND_COUNT] = {0};
    assert_non_null(ev);
    for (int i = 0; i < nev; i++) {
        assert_true((unsigned)ev[i].kind < EV_KIND_COUNT);
        have[ev[i].kind]++;
        if (i > 0)
            assert_true(ev[i].phase >= ev[i - 1].phase); /* phases in order */
        assert_int_equal(ev[i].iteration, stepper_iteration(s));
    }
    for (int q = 0; q < x->n; q++) {
        const xp *p = &x->v[q];
        want[p->kind]++;
        int found = -1, count = 0;
        for (int i = 0; i < nev; i++) {
            if (ev[i].kind != p->kind)
                continue;
            if (p->kind != EV_LOSS && (ev[i].layer != p->l || ev[i].j != p->j))
                continue;
            if ((p->kind == EV_GRAD_W || p->kind == EV_UPD_W) && ev[i].k != p->k)
                continue;
            found = i;
            count++;
        }
        if (count != 1)
            print_error("%s (%s l=%d j=%d k=%d): %d events\n", p->what, kind_name(p->kind), p->l,
                        p->j, p->k, count);
        assert_int_equal(count, 1);
        assert_close_msg(ev[found].value, p->value, REL, "event %s (%s l=%d j=%d k=%d)", p->what,
                         kind_name(p->kind), p->l, p->j, p->k);
        if (p->kind == EV_UPD_W || p->kind == EV_UPD_B)
            assert_close_msg(ev[found].old, p->old, REL, "old value of %s", p->what);
    }
    for (int k = 0; k < EV_KIND_COUNT; k++) {
        if (want[k] != have[k])
            print_error("%s events: %d, expected %d\n", kind_name((step_kind)k), have[k], want[k]);
        assert_int_equal(have[k], want[k]);
    }
}

/* The same expectations against the flat path: net_forward, net_loss_eval,
 * net_backward, net_update on a copy of the initial network. */
static void verify_net(const scenario *sc, int sample, const xplist *x)
{
    net *n = net_clone(sc->init);
    assert_non_null(n);
    const data_set *d = &sc->data;
    net_forward(n, d->x + (size_t)sample * d->nin);
    double loss = net_loss_eval(n, d->t + (size_t)sample * d->nout);
    net_backward(n);
    for (int q = 0; q < x->n; q++) {
        const xp *p = &x->v[q];
        double got;
        switch (p->kind) {
        case EV_Z: got = n->z[p->l][p->j]; break;
        case EV_A: got = n->a[p->l][p->j]; break;
        case EV_ERR: got = n->err_terms[p->j]; break;
        case EV_LOSS: got = loss; break;
        case EV_DELTA: got = n->delta[p->l][p->j]; break;
        case EV_GRAD_W: got = n->grad[net_windex(n, p->l, p->j, p->k)]; break;
        case EV_GRAD_B: got = n->grad[net_bindex(n, p->l, p->j)]; break;
        default: continue;
        }
        assert_close_msg(got, p->value, REL, "net_* %s (%s l=%d j=%d k=%d)", p->what,
                         kind_name(p->kind), p->l, p->j, p->k);
    }
    net_update(n, &sc->hyper);
    for (int q = 0; q < x->n; q++) {
        const xp *p = &x->v[q];
        if (p->kind == EV_UPD_W)
            assert_close_msg(n->params[net_windex(n, p->l, p->j, p->k)], p->value, REL,
                             "net_update %s", p->what);
        else if (p->kind == EV_UPD_B)
            assert_close_msg(n->params[net_bindex(n, p->l, p->j)], p->value, REL,
                             "net_update %s", p->what);
    }
    net_free(n);
}

/* Steps through iteration 0 of the scenario and checks its events, the view
 * at its end and the net_* path. Returns the stepper (caller frees). */
static stepper *run_first(const scenario *sc, const xplist *x)
{
    err e;
    err_clear(&e);
    stepper *s = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    if (!s)
        print_error("stepper_new: %s\n", e.msg);
    assert_non_null(s);
    assert_int_equal(stepper_iteration(s), 0);
    assert_int_equal(stepper_pos(s), 0);
    assert_true(stepper_finish_iteration(s));
    assert_int_equal(stepper_iteration(s), 0);
    assert_int_equal(stepper_pos(s), stepper_count(s));
    assert_int_equal(stepper_sample(s), 0);
    verify_events(s, x);
    /* the view at the end of the iteration holds the updated parameters */
    const step_view *v = stepper_view(s);
    assert_true(v->loss_known);
    for (int q = 0; q < x->n; q++) {
        const xp *p = &x->v[q];
        if (p->kind == EV_LOSS)
            assert_close_msg(v->loss, p->value, REL, "view loss");
        else if (p->kind == EV_UPD_W)
            assert_close_msg(v->net->params[net_windex(v->net, p->l, p->j, p->k)], p->value, REL,
                             "view %s", p->what);
        else if (p->kind == EV_UPD_B)
            assert_close_msg(v->net->params[net_bindex(v->net, p->l, p->j)], p->value, REL,
                             "view %s", p->what);
    }
    verify_net(sc, 0, x);
    return s;
}

/* Initial weight w^l_jk (net indices) as loaded. */
static void expect_w(const scenario *sc, int l, int j, int k, double v)
{
    assert_close_msg(sc->init->params[net_windex(sc->init, l, j, k)], v, 0.0, "initial w l=%d j=%d k=%d",
                     l, j, k);
}

static void expect_b(const scenario *sc, int l, int j, double v)
{
    assert_close_msg(sc->init->params[net_bindex(sc->init, l, j)], v, 0.0, "initial b l=%d j=%d", l, j);
}

/* The scenario's name of a symbol, compared as a key (braces and blanks dropped). */
static void expect_name(const scenario *sc, nt_sym sym, int l, int j, int k, const char *param,
                        const char *want)
{
    char got[NOTATION_MAX], kg[NOTATION_MAX], kw[NOTATION_MAX];
    notation_symbol(&sc->nt, &sc->spec, sym, l, j, k, 0, 0, param, got, sizeof got);
    notation_key(got, kg, sizeof kg);
    notation_key(want, kw, sizeof kw);
    if (strcmp(kg, kw) != 0)
        print_error("symbol %d l=%d j=%d k=%d is \"%s\", expected \"%s\"\n", (int)sym, l, j, k, got, want);
    assert_string_equal(kg, kw);
}

/* ---- document 000 §2.4 -------------------------------------------------------- */

/* The 2-2-2 network of document 000 (w, v in the document's from-to layout:
 * w[i][j] from input i to hidden j), one sample; fills x with one iteration. */
static void doc000_iteration(xplist *x, double y1, double y2)
{
    const double x1 = 0.05, x2 = 0.10, eta = 0.5;
    const double w11 = 0.15, w12 = 0.20, w21 = 0.25, w22 = 0.30, b11 = 0.1, b12 = 0.1;
    const double v11 = 0.40, v12 = 0.45, v21 = 0.50, v22 = 0.55, b21 = 0.2, b22 = 0.2;

    double net11 = w11 * x1 + w21 * x2 + b11; /* net1 = wᵀx + b1 */
    double net12 = w12 * x1 + w22 * x2 + b12;
    double h1 = sg(net11), h2 = sg(net12);
    double net21 = v11 * h1 + v21 * h2 + b21; /* net2 = vᵀh + b2 */
    double net22 = v12 * h1 + v22 * h2 + b22;
    double yh1 = sg(net21), yh2 = sg(net22);
    double E1 = 0.5 * (y1 - yh1) * (y1 - yh1);
    double E2 = 0.5 * (y2 - yh2) * (y2 - yh2);
    double E = E1 + E2;
    double d1 = yh1 * (1 - yh1) * (yh1 - y1); /* δ = ŷ⊙(1−ŷ)⊙(ŷ−y) (3-18) */
    double d2 = yh2 * (1 - yh2) * (yh2 - y2);
    double gv11 = h1 * d1, gv12 = h1 * d2, gv21 = h2 * d1, gv22 = h2 * d2; /* h·δᵀ (3-19) */
    double dh1 = h1 * (1 - h1) * (v11 * d1 + v12 * d2); /* h⊙(1−h)⊙(v·δ) */
    double dh2 = h2 * (1 - h2) * (v21 * d1 + v22 * d2);
    double gw11 = x1 * dh1, gw12 = x1 * dh2, gw21 = x2 * dh1, gw22 = x2 * dh2; /* (3-23) */

    add(x, EV_Z, 1, 0, 0, net11, "net_11");
    add(x, EV_Z, 1, 1, 0, net12, "net_12");
    add(x, EV_A, 1, 0, 0, h1, "h_1");
    add(x, EV_A, 1, 1, 0, h2, "h_2");
    add(x, EV_Z, 2, 0, 0, net21, "net_21");
    add(x, EV_Z, 2, 1, 0, net22, "net_22");
    add(x, EV_A, 2, 0, 0, yh1, "ŷ_1");
    add(x, EV_A, 2, 1, 0, yh2, "ŷ_2");
    add(x, EV_ERR, 2, 0, 0, E1, "E_1");
    add(x, EV_ERR, 2, 1, 0, E2, "E_2");
    add(x, EV_LOSS, 0, 0, 0, E, "E");
    add(x, EV_DELTA, 2, 0, 0, d1, "δ_1");
    add(x, EV_DELTA, 2, 1, 0, d2, "δ_2");
    add(x, EV_DELTA, 1, 0, 0, dh1, "δh_1");
    add(x, EV_DELTA, 1, 1, 0, dh2, "δh_2");
    /* v_kj: from hidden k to output j = net w^2_{j,k} */
    add(x, EV_GRAD_W, 2, 0, 0, gv11, "∇v_11");
    add(x, EV_GRAD_W, 2, 1, 0, gv12, "∇v_12");
    add(x, EV_GRAD_W, 2, 0, 1, gv21, "∇v_21");
    add(x, EV_GRAD_W, 2, 1, 1, gv22, "∇v_22");
    add(x, EV_GRAD_B, 2, 0, 0, d1, "∇b_21");
    add(x, EV_GRAD_B, 2, 1, 0, d2, "∇b_22");
    add(x, EV_GRAD_W, 1, 0, 0, gw11, "∇w_11");
    add(x, EV_GRAD_W, 1, 1, 0, gw12, "∇w_12");
    add(x, EV_GRAD_W, 1, 0, 1, gw21, "∇w_21");
    add(x, EV_GRAD_W, 1, 1, 1, gw22, "∇w_22");
    add(x, EV_GRAD_B, 1, 0, 0, dh1, "∇b_11");
    add(x, EV_GRAD_B, 1, 1, 0, dh2, "∇b_12");
    add_upd(x, EV_UPD_W, 2, 0, 0, v11, v11 - eta * gv11, "v_11^(1)");
    add_upd(x, EV_UPD_W, 2, 1, 0, v12, v12 - eta * gv12, "v_12^(1)");
    add_upd(x, EV_UPD_W, 2, 0, 1, v21, v21 - eta * gv21, "v_21^(1)");
    add_upd(x, EV_UPD_W, 2, 1, 1, v22, v22 - eta * gv22, "v_22^(1)");
    add_upd(x, EV_UPD_W, 1, 0, 0, w11, w11 - eta * gw11, "w_11^(1)");
    add_upd(x, EV_UPD_W, 1, 1, 0, w12, w12 - eta * gw12, "w_12^(1)");
    add_upd(x, EV_UPD_W, 1, 0, 1, w21, w21 - eta * gw21, "w_21^(1)");
    add_upd(x, EV_UPD_W, 1, 1, 1, w22, w22 - eta * gw22, "w_22^(1)");
    /* biases frozen: no EV_UPD_B at all */
}

static void check_doc000_shape(const scenario *sc)
{
    assert_int_equal(sc->spec.nlayers, 3);
    assert_int_equal(sc->spec.size[0], 2);
    assert_int_equal(sc->spec.size[1], 2);
    assert_int_equal(sc->spec.size[2], 2);
    assert_int_equal(sc->spec.loss, NET_LOSS_HALF_SSE);
    for (int l = 1; l <= 2; l++) {
        assert_int_equal(sc->spec.layer[l].act, NET_ACT_SIGMOID);
        assert_int_equal(sc->spec.layer[l].bias, NET_BIAS_NEURON);
        assert_true(sc->spec.layer[l].bias_frozen);
        assert_int_equal(sc->layout[l], 1); /* from-to */
    }
    assert_close(sc->hyper.eta_w, 0.5, 0.0);
    assert_close(sc->hyper.eta_b, 0.5, 0.0);
    assert_close(sc->hyper.momentum, 0.0, 0.0);
    assert_int_equal(sc->mode, TRAIN_MODE_SGD);
    assert_int_equal(sc->data.n, 1);
    assert_int_equal(sc->data.nin, 2);
    assert_int_equal(sc->data.nout, 2);
    assert_close(sc->data.x[0], 0.05, 0.0);
    assert_close(sc->data.x[1], 0.10, 0.0);
    /* w as printed: row i = input x_i, column j = hidden h_j */
    expect_w(sc, 1, 0, 0, 0.15); /* w_11 */
    expect_w(sc, 1, 1, 0, 0.20); /* w_12: x_1 -> h_2 */
    expect_w(sc, 1, 0, 1, 0.25); /* w_21: x_2 -> h_1 */
    expect_w(sc, 1, 1, 1, 0.30);
    expect_w(sc, 2, 0, 0, 0.40); /* v_11 */
    expect_w(sc, 2, 1, 0, 0.45); /* v_12: h_1 -> ŷ_2 */
    expect_w(sc, 2, 0, 1, 0.50); /* v_21: h_2 -> ŷ_1 */
    expect_w(sc, 2, 1, 1, 0.55);
    expect_b(sc, 1, 0, 0.1);
    expect_b(sc, 1, 1, 0.1);
    expect_b(sc, 2, 0, 0.2);
    expect_b(sc, 2, 1, 0.2);
    /* the document's names: v_12 goes from h_1 to ŷ_2 */
    expect_name(sc, NT_W, 2, 1, 0, NULL, "v_{12}");
    expect_name(sc, NT_W, 1, 0, 1, NULL, "w_{21}");
    expect_name(sc, NT_Z, 2, 1, 0, NULL, "net_{22}");
    expect_name(sc, NT_A, 2, 0, 0, NULL, "ŷ_1");
    expect_name(sc, NT_DELTA, 1, 1, 0, NULL, "δh^{(1)}_2");
    expect_name(sc, NT_GRAD, 2, 1, 0, "v_{12}", "∇_{1}v_{12}");
    expect_name(sc, NT_UPD, 1, 0, 1, "w_{21}", "w_{21}^{(1)}");
}

static void test_doc000(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/doc000.bp");
    check_doc000_shape(sc);
    assert_int_equal(sc->iterations, 1);
    assert_close(sc->data.t[0], 0.0, 0.0);
    assert_close(sc->data.t[1], 1.0, 0.0);
    assert_int_equal(sc->nexpect, 32);

    xplist x = {.n = 0};
    doc000_iteration(&x, 0.0, 1.0);
    /* sanity of this file's arithmetic against numbers the document got right */
    assert_true(fabs(x.v[2].value - 0.5331) < 5e-5);    /* h_1 */
    assert_true(fabs(x.v[6].value - 0.6639) < 5e-5);    /* ŷ_1 */
    assert_true(fabs(x.v[11].value - 0.14814) < 5e-6);  /* δ_1 */
    assert_true(fabs(x.v[27].value - 0.36051) < 5e-6);  /* v_11^(1) */
    assert_true(fabs(x.v[31].value - 0.14983) < 5e-6);  /* w_11^(1) */
    assert_true(fabs(x.v[10].value - 0.27296) < 1e-5);  /* E (the document prints 0.2796) */

    stepper *s = run_first(sc, &x);
    /* frozen biases keep their values */
    const step_view *v = stepper_view(s);
    assert_close(v->net->params[net_bindex(v->net, 1, 0)], 0.1, 0.0);
    assert_close(v->net->params[net_bindex(v->net, 2, 1)], 0.2, 0.0);
    stepper_free(s);
    scenario_free(sc);
}

/* 100 epochs of document 000's example by this file's own arithmetic (the
 * formulas of doc000_iteration, in a loop; biases frozen): the loss the
 * viewer's training screens show after epoch 100 ("mean E = 0.0283497" in
 * tests/e2e/golden/doc000-*-train-100.txt and tests/e2e/ui_zh.sh) and what
 * the trainer computes. */
static void test_doc000_hundred_epochs(void **state)
{
    (void)state;
    const double x1 = 0.05, x2 = 0.10, y1 = 0.0, y2 = 1.0, eta = 0.5, b1 = 0.1, b2 = 0.2;
    double w11 = 0.15, w12 = 0.20, w21 = 0.25, w22 = 0.30, v11 = 0.40, v12 = 0.45, v21 = 0.50, v22 = 0.55;
    double E = 0.0;
    for (int ep = 1; ep <= 100; ep++) {
        double h1 = sg(w11 * x1 + w21 * x2 + b1), h2 = sg(w12 * x1 + w22 * x2 + b1);
        double yh1 = sg(v11 * h1 + v21 * h2 + b2), yh2 = sg(v12 * h1 + v22 * h2 + b2);
        double d1 = yh1 * (1 - yh1) * (yh1 - y1), d2 = yh2 * (1 - yh2) * (yh2 - y2);
        double dh1 = h1 * (1 - h1) * (v11 * d1 + v12 * d2), dh2 = h2 * (1 - h2) * (v21 * d1 + v22 * d2);
        v11 -= eta * h1 * d1, v12 -= eta * h1 * d2, v21 -= eta * h2 * d1, v22 -= eta * h2 * d2;
        w11 -= eta * x1 * dh1, w12 -= eta * x1 * dh2, w21 -= eta * x2 * dh1, w22 -= eta * x2 * dh2;
        /* the epoch's loss: at the weights it ends with */
        h1 = sg(w11 * x1 + w21 * x2 + b1), h2 = sg(w12 * x1 + w22 * x2 + b1);
        yh1 = sg(v11 * h1 + v21 * h2 + b2), yh2 = sg(v12 * h1 + v22 * h2 + b2);
        E = 0.5 * (y1 - yh1) * (y1 - yh1) + 0.5 * (y2 - yh2) * (y2 - yh2);
    }
    char shown[32];
    snprintf(shown, sizeof shown, "%.6g", E);
    assert_string_equal(shown, "0.0283497");

    scenario *sc = load("scenarios/doc000.bp");
    err e;
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    for (int ep = 0; ep < 100; ep++)
        assert_true(train_epoch(t, &p, &e));
    assert_int_equal(p.epoch, 100);
    assert_close(p.loss, E, 1e-12);
    train_free(t);
    scenario_free(sc);
}

/* ---- document 000 §2.5: the program (targets 0.01/0.99, 10 iterations) ------ */

static void test_doc000_code(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/doc000-code.bp");
    check_doc000_shape(sc);
    assert_int_equal(sc->iterations, 10);
    assert_close(sc->data.t[0], 0.01, 0.0);
    assert_close(sc->data.t[1], 0.99, 0.0);
    assert_int_equal(sc->nexpect, 0);

    xplist x = {.n = 0};
    doc000_iteration(&x, 0.01, 0.99);
    stepper *s = run_first(sc, &x);

    /* ten iterations of the program, written out: W, V updated, B1, B2 never */
    double W[2][2] = {{0.15, 0.20}, {0.25, 0.30}}, V[2][2] = {{0.40, 0.45}, {0.50, 0.55}};
    double loss[11];
    const double X1 = 0.05, X2 = 0.10, Y1 = 0.01, Y2 = 0.99, B1 = 0.1, B2 = 0.2, aph = 0.5;
    for (int it = 0; it <= 10; it++) {
        double n11 = W[0][0] * X1 + W[1][0] * X2 + B1, n12 = W[0][1] * X1 + W[1][1] * X2 + B1;
        double H1 = sg(n11), H2 = sg(n12);
        double p1 = sg(V[0][0] * H1 + V[1][0] * H2 + B2), p2 = sg(V[0][1] * H1 + V[1][1] * H2 + B2);
        loss[it] = 0.5 * ((Y1 - p1) * (Y1 - p1) + (Y2 - p2) * (Y2 - p2));
        if (it == 10)
            break;
        double a21 = (p1 - Y1) * p1 * (1 - p1), a22 = (p2 - Y2) * p2 * (1 - p2);
        double e1 = H1 * (1 - H1) * (V[0][0] * a21 + V[0][1] * a22);
        double e2 = H2 * (1 - H2) * (V[1][0] * a21 + V[1][1] * a22);
        double Vn[2][2] = {{V[0][0] - aph * H1 * a21, V[0][1] - aph * H1 * a22},
                           {V[1][0] - aph * H2 * a21, V[1][1] - aph * H2 * a22}};
        double Wn[2][2] = {{W[0][0] - aph * X1 * e1, W[0][1] - aph * X1 * e2},
                           {W[1][0] - aph * X2 * e1, W[1][1] - aph * X2 * e2}};
        memcpy(V, Vn, sizeof V);
        memcpy(W, Wn, sizeof W);
    }
    /* the stepper, flat out to the end of iteration 9 */
    err e;
    err_clear(&e);
    assert_true(stepper_run(s, 9, &e));
    assert_int_equal(stepper_iteration(s), 9);
    const net *n = stepper_view(s)->net;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            assert_close_msg(n->params[net_windex(n, 1, j, i)], W[i][j], REL, "w_%d%d^(10)", i + 1, j + 1);
            assert_close_msg(n->params[net_windex(n, 2, j, i)], V[i][j], REL, "v_%d%d^(10)", i + 1, j + 1);
        }
    assert_close(n->params[net_bindex(n, 1, 0)], 0.1, 0.0);
    assert_close(n->params[net_bindex(n, 2, 1)], 0.2, 0.0);
    assert_true(loss[10] < loss[0]);

    /* the trainer: one sample, so an epoch is one iteration; the epoch's loss is
     * measured at the weights after it */
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    train_measure(t, &p);
    assert_int_equal(p.epoch, 0);
    assert_close(p.loss, loss[0], REL);
    for (int ep = 1; ep <= 10; ep++) {
        assert_true(train_epoch(t, &p, &e));
        assert_int_equal(p.epoch, ep);
        assert_close_msg(p.loss, loss[ep], REL, "loss after epoch %d", ep);
    }
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            assert_close(t->n->params[net_windex(t->n, 1, j, i)], W[i][j], REL);
            assert_close(t->n->params[net_windex(t->n, 2, j, i)], V[i][j], REL);
        }
    train_free(t);
    stepper_free(s);
    scenario_free(sc);
}

/* ---- document 001 part 1: 2-3-2-1 (illustrative numbers) --------------------- */

static void test_doc001(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/doc001.bp");
    assert_int_equal(sc->spec.nlayers, 4);
    assert_int_equal(sc->spec.size[1], 3);
    assert_int_equal(sc->spec.size[2], 2);
    assert_int_equal(sc->spec.size[3], 1);
    assert_close(sc->hyper.eta_w, 0.1, 0.0);
    assert_close(sc->hyper.eta_b, 0.1, 0.0);
    for (int l = 1; l <= 3; l++) {
        assert_int_equal(sc->spec.layer[l].act, NET_ACT_SIGMOID);
        assert_int_equal(sc->spec.layer[l].bias, NET_BIAS_NEURON);
        assert_false(sc->spec.layer[l].bias_frozen);
    }
    /* W^(k) rows are the neurons of layer k (to-from) */
    expect_w(sc, 1, 0, 1, -0.3); /* w_(x2,1) */
    expect_w(sc, 1, 2, 0, -0.5); /* w_(x1,3) */
    expect_w(sc, 2, 1, 0, -0.4); /* w_(1,5) */
    expect_w(sc, 3, 0, 1, -0.6); /* w_(5,6) */
    expect_b(sc, 1, 1, -0.2);
    /* the document's names: neurons numbered 1…6 across the layers (z_1…z_6,
     * f_1(z_1)…f_6(z_6), b_1…b_6), weights w_(x_k,u) from the inputs and
     * w_(v,u) between neurons (document 003's W^(1), W^(2), W^(3)) */
    expect_name(sc, NT_W, 1, 0, 0, NULL, "w_{(x1,1)}");
    expect_name(sc, NT_W, 1, 0, 1, NULL, "w_{(x2,1)}");
    expect_name(sc, NT_W, 1, 2, 1, NULL, "w_{(x2,3)}");
    expect_name(sc, NT_W, 2, 0, 0, NULL, "w_{(1,4)}");
    expect_name(sc, NT_W, 2, 1, 2, NULL, "w_{(3,5)}");
    expect_name(sc, NT_W, 3, 0, 0, NULL, "w_{(4,6)}");
    expect_name(sc, NT_W, 3, 0, 1, NULL, "w_{(5,6)}");
    expect_name(sc, NT_Z, 1, 0, 0, NULL, "z_1");
    expect_name(sc, NT_Z, 1, 2, 0, NULL, "z_3");
    expect_name(sc, NT_Z, 2, 0, 0, NULL, "z_4");
    expect_name(sc, NT_Z, 2, 1, 0, NULL, "z_5");
    expect_name(sc, NT_Z, 3, 0, 0, NULL, "z_6");
    expect_name(sc, NT_A, 1, 1, 0, NULL, "f_2(z_2)");
    expect_name(sc, NT_A, 2, 0, 0, NULL, "f_4(z_4)");
    expect_name(sc, NT_A, 3, 0, 0, NULL, "f_6(z_6)");
    expect_name(sc, NT_B, 1, 2, 0, NULL, "b_3");
    expect_name(sc, NT_B, 2, 1, 0, NULL, "b_5");
    expect_name(sc, NT_B, 3, 0, 0, NULL, "b_6");
    expect_name(sc, NT_DELTA, 1, 0, 0, NULL, "δ_1");
    expect_name(sc, NT_DELTA, 2, 1, 0, NULL, "δ_5");
    expect_name(sc, NT_DELTA, 3, 0, 0, NULL, "δ_6");
    expect_name(sc, NT_LOSS, 0, 0, 0, NULL, "L");
    expect_name(sc, NT_T, 3, 0, 0, NULL, "y");
    /* a parameter's name in a gradient and an update, as the trace prints them */
    {
        char pn[NOTATION_MAX];
        notation_param(&sc->nt, &sc->spec, net_windex(sc->init, 2, 1, 0), 0, pn, sizeof pn);
        expect_name(sc, NT_GRAD, 2, 1, 0, pn, "∂L/∂w_{(1,5)}");
        notation_param(&sc->nt, &sc->spec, net_bindex(sc->init, 3, 0), 0, pn, sizeof pn);
        expect_name(sc, NT_UPD, 3, 0, 0, pn, "b_6′");
    }

    const double x1 = 1.0, x2 = 0.5, y = 1.0, eta = 0.1;
    /* first hidden layer: z_j = w_(x1,j)·x1 + w_(x2,j)·x2 + b_j */
    double z1 = 0.2 * x1 + -0.3 * x2 + 0.1, z2 = 0.4 * x1 + 0.1 * x2 + -0.2, z3 = -0.5 * x1 + 0.2 * x2 + 0.3;
    double f1 = sg(z1), f2 = sg(z2), f3 = sg(z3);
    /* second hidden layer */
    double z4 = 0.3 * f1 + -0.1 * f2 + 0.2 * f3 + 0.05, z5 = -0.4 * f1 + 0.5 * f2 + 0.1 * f3 + -0.05;
    double f4 = sg(z4), f5 = sg(z5);
    /* output */
    double z6 = 0.7 * f4 + -0.6 * f5 + 0.1, f6 = sg(z6);
    double L = 0.5 * (y - f6) * (y - f6);
    double d6 = (f6 - y) * f6 * (1 - f6);
    double d4 = f4 * (1 - f4) * (0.7 * d6), d5 = f5 * (1 - f5) * (-0.6 * d6);
    double d1 = f1 * (1 - f1) * (0.3 * d4 + -0.4 * d5);
    double d2 = f2 * (1 - f2) * (-0.1 * d4 + 0.5 * d5);
    double d3 = f3 * (1 - f3) * (0.2 * d4 + 0.1 * d5);
    assert_true(fabs(L - 0.10311823) < 1e-8); /* sanity of the hand arithmetic */

    xplist x = {.n = 0};
    add(&x, EV_Z, 1, 0, 0, z1, "z1");
    add(&x, EV_Z, 1, 1, 0, z2, "z2");
    add(&x, EV_Z, 1, 2, 0, z3, "z3");
    add(&x, EV_A, 1, 0, 0, f1, "f1");
    add(&x, EV_A, 1, 1, 0, f2, "f2");
    add(&x, EV_A, 1, 2, 0, f3, "f3");
    add(&x, EV_Z, 2, 0, 0, z4, "z4");
    add(&x, EV_Z, 2, 1, 0, z5, "z5");
    add(&x, EV_A, 2, 0, 0, f4, "f4");
    add(&x, EV_A, 2, 1, 0, f5, "f5");
    add(&x, EV_Z, 3, 0, 0, z6, "z6");
    add(&x, EV_A, 3, 0, 0, f6, "ŷ");
    add(&x, EV_ERR, 3, 0, 0, L, "L_1");
    add(&x, EV_LOSS, 0, 0, 0, L, "L");
    add(&x, EV_DELTA, 3, 0, 0, d6, "δ6");
    add(&x, EV_DELTA, 2, 0, 0, d4, "δ4");
    add(&x, EV_DELTA, 2, 1, 0, d5, "δ5");
    add(&x, EV_DELTA, 1, 0, 0, d1, "δ1");
    add(&x, EV_DELTA, 1, 1, 0, d2, "δ2");
    add(&x, EV_DELTA, 1, 2, 0, d3, "δ3");
    /* gradients δ_j·(input k) and updates p − η·g */
    const double W1[3][2] = {{0.2, -0.3}, {0.4, 0.1}, {-0.5, 0.2}}, B1[3] = {0.1, -0.2, 0.3};
    const double W2[2][3] = {{0.3, -0.1, 0.2}, {-0.4, 0.5, 0.1}}, B2[2] = {0.05, -0.05};
    const double W3[2] = {0.7, -0.6}, B3 = 0.1;
    const double in1[2] = {x1, x2}, d1v[3] = {d1, d2, d3}, f1v[3] = {f1, f2, f3}, d2v[2] = {d4, d5},
                 f2v[2] = {f4, f5};
    for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 2; k++) {
            add(&x, EV_GRAD_W, 1, j, k, d1v[j] * in1[k], "∂L/∂W^(1)");
            add_upd(&x, EV_UPD_W, 1, j, k, W1[j][k], W1[j][k] - eta * d1v[j] * in1[k], "W^(1)′");
        }
        add(&x, EV_GRAD_B, 1, j, 0, d1v[j], "∂L/∂b^(1)");
        add_upd(&x, EV_UPD_B, 1, j, 0, B1[j], B1[j] - eta * d1v[j], "b^(1)′");
    }
    for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 3; k++) {
            add(&x, EV_GRAD_W, 2, j, k, d2v[j] * f1v[k], "∂L/∂W^(2)");
            add_upd(&x, EV_UPD_W, 2, j, k, W2[j][k], W2[j][k] - eta * d2v[j] * f1v[k], "W^(2)′");
        }
        add(&x, EV_GRAD_B, 2, j, 0, d2v[j], "∂L/∂b^(2)");
        add_upd(&x, EV_UPD_B, 2, j, 0, B2[j], B2[j] - eta * d2v[j], "b^(2)′");
    }
    for (int k = 0; k < 2; k++) {
        add(&x, EV_GRAD_W, 3, 0, k, d6 * f2v[k], "∂L/∂W^(3)");
        add_upd(&x, EV_UPD_W, 3, 0, k, W3[k], W3[k] - eta * d6 * f2v[k], "W^(3)′");
    }
    add(&x, EV_GRAD_B, 3, 0, 0, d6, "∂L/∂b_6");
    add_upd(&x, EV_UPD_B, 3, 0, 0, B3, B3 - eta * d6, "b_6′");

    stepper *s = run_first(sc, &x);
    stepper_free(s);
    scenario_free(sc);
}

/* ---- document 001 part 2: Iris (data set loading, initial weights) ----------- */

typedef struct iris_row {
    double f[4];
    char species[32];
    bool used;
} iris_row;

static void test_doc001_iris(void **state)
{
    (void)state;
    /* the CSV, read and min-max normalised here */
    static iris_row rows[200];
    int nrows = 0;
    FILE *fp = fopen("scenarios/data/iris.csv", "r");
    assert_non_null(fp);
    char line[256];
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    while (fgets(line, sizeof line, fp) && nrows < 200) {
        iris_row *r = &rows[nrows];
        if (sscanf(line, "%lf,%lf,%lf,%lf,%31[^,\r\n]", &r->f[0], &r->f[1], &r->f[2], &r->f[3],
                   r->species) == 5)
            nrows++;
    }
    fclose(fp);
    assert_int_equal(nrows, 150);
    for (int c = 0; c < 4; c++) {
        double lo = rows[0].f[c], hi = rows[0].f[c];
        for (int i = 1; i < nrows; i++) {
            lo = fmin(lo, rows[i].f[c]);
            hi = fmax(hi, rows[i].f[c]);
        }
        for (int i = 0; i < nrows; i++)
            rows[i].f[c] = (rows[i].f[c] - lo) / (hi - lo);
    }

    scenario *sc = load("scenarios/doc001-iris.bp");
    assert_int_equal(sc->spec.nlayers, 3);
    assert_int_equal(sc->spec.size[0], 4);
    assert_int_equal(sc->spec.size[1], 5);
    assert_int_equal(sc->spec.size[2], 3);
    assert_close(sc->hyper.eta_w, 0.2, 0.0);
    assert_int_equal(sc->epochs, 300);
    assert_int_equal(sc->mode, TRAIN_MODE_SGD);
    assert_int_equal(sc->init_mode, SCENARIO_INIT_UNIFORM);
    assert_close(sc->init_lo, 0.0, 0.0);
    assert_close(sc->init_hi, 1.0, 0.0);
    assert_true(sc->csv.shuffle);
    assert_true(sc->csv.normalize);
    assert_int_equal(sc->csv.train_rows, 130);

    /* every weight and bias in [0, 1), and not all the same */
    assert_int_equal(sc->init->nparams, 5 * 4 + 5 + 3 * 5 + 3);
    bool differ = false;
    for (int i = 0; i < sc->init->nparams; i++) {
        assert_true(sc->init->params[i] >= 0.0 && sc->init->params[i] < 1.0);
        if (sc->init->params[i] != sc->init->params[0])
            differ = true;
    }
    assert_true(differ);

    const data_set *d = &sc->data;
    assert_int_equal(d->n, 150);
    assert_int_equal(d->ntrain, 130);
    assert_int_equal(d->nin, 4);
    assert_int_equal(d->nout, 3);
    assert_int_equal(d->nclasses, 3);
    assert_non_null(d->class_names);
    /* each loaded row is a distinct CSV row, normalised, with its class one-hot */
    int in_file_order = 0, per_class[3] = {0, 0, 0};
    for (int i = 0; i < d->n; i++) {
        const double *xi = d->x + (size_t)i * 4, *ti = d->t + (size_t)i * 3;
        int cls = -1, ones = 0;
        for (int c = 0; c < 3; c++) {
            assert_true(ti[c] == 0.0 || ti[c] == 1.0);
            if (ti[c] == 1.0) {
                cls = c;
                ones++;
            }
        }
        assert_int_equal(ones, 1); /* so cls is set */
        per_class[cls]++;
        int match = -1;
        for (int r = 0; r < nrows && match < 0; r++) {
            if (rows[r].used || strcmp(rows[r].species, d->class_names[cls]) != 0)
                continue;
            bool same = true;
            for (int c = 0; c < 4; c++)
                if (!tu_close(xi[c], rows[r].f[c], REL) && fabs(xi[c] - rows[r].f[c]) > 1e-15)
                    same = false;
            if (same)
                match = r;
        }
        if (match < 0) {
            print_error("loaded row %d (%g %g %g %g, %s) is not a row of iris.csv\n", i, xi[0], xi[1],
                        xi[2], xi[3], d->class_names[cls]);
            fail();
            continue;
        }
        rows[match].used = true;
        if (match == i)
            in_file_order++;
    }
    assert_int_equal(per_class[0], 50);
    assert_int_equal(per_class[1], 50);
    assert_int_equal(per_class[2], 50);
    assert_true(in_file_order < 50); /* shuffled */

    /* the seeds make it reproducible */
    scenario *again = load("scenarios/doc001-iris.bp");
    assert_memory_equal(again->data.x, d->x, sizeof(double) * 150 * 4);
    assert_memory_equal(again->init->params, sc->init->params, sizeof(double) * (size_t)sc->init->nparams);
    scenario_free(again);
    scenario_free(sc);
}

/* ---- document 002: 3-2-2 without biases (illustrative numbers) --------------- */

static void test_doc002(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/doc002.bp");
    assert_int_equal(sc->spec.nlayers, 3);
    assert_int_equal(sc->spec.size[0], 3);
    for (int l = 1; l <= 2; l++) {
        assert_int_equal(sc->spec.layer[l].bias, NET_BIAS_NONE);
        assert_int_equal(sc->spec.layer[l].act, NET_ACT_SIGMOID);
        assert_int_equal(sc->layout[l], 1);
    }
    assert_int_equal(sc->init->nparams, 3 * 2 + 2 * 2);
    /* z_1^2 = x_1·w_11^2 + x_2·w_21^2 + x_3·w_31^2: w_kj^l from k to j */
    expect_w(sc, 1, 0, 2, 0.3); /* w_31^2 */
    expect_w(sc, 1, 1, 0, 0.4); /* w_12^2 */
    expect_w(sc, 2, 0, 1, 0.8); /* w_21^3 */
    expect_name(sc, NT_W, 1, 0, 2, NULL, "w_{31}^2");
    expect_name(sc, NT_W, 2, 1, 0, NULL, "w_{12}^3");
    expect_name(sc, NT_Z, 2, 1, 0, NULL, "z_2^3");
    expect_name(sc, NT_A, 1, 0, 0, NULL, "a_1^2");
    expect_name(sc, NT_DELTA, 2, 0, 0, NULL, "∂E/∂z_1^3");

    const double x1 = 1.0, x2 = 0.5, x3 = 0.2, Yh1 = 0.0, Yh2 = 1.0, eta = 0.5;
    const double w11_2 = 0.1, w12_2 = 0.4, w21_2 = 0.2, w22_2 = 0.5, w31_2 = 0.3, w32_2 = 0.6;
    const double w11_3 = 0.7, w12_3 = 0.9, w21_3 = 0.8, w22_3 = 1.0;
    double z1_2 = x1 * w11_2 + x2 * w21_2 + x3 * w31_2;
    double z2_2 = x1 * w12_2 + x2 * w22_2 + x3 * w32_2;
    double a1_2 = sg(z1_2), a2_2 = sg(z2_2);
    double z1_3 = a1_2 * w11_3 + a2_2 * w21_3;
    double z2_3 = a1_2 * w12_3 + a2_2 * w22_3;
    double Y1 = sg(z1_3), Y2 = sg(z2_3);
    double E1 = 0.5 * (Y1 - Yh1) * (Y1 - Yh1), E2 = 0.5 * (Y2 - Yh2) * (Y2 - Yh2);
    /* 二、∂E/∂z_j^3 = (Y_j − Ŷ_j)·(a_j^3 − (a_j^3)²) */
    double dz1_3 = (Y1 - Yh1) * (Y1 - Y1 * Y1), dz2_3 = (Y2 - Yh2) * (Y2 - Y2 * Y2);
    /* 五、∂E/∂z_j^2 = [∂E/∂z_1^3·w_j1^3 + ∂E/∂z_2^3·w_j2^3]·(a_j^2 − (a_j^2)²) */
    double dz1_2 = (dz1_3 * w11_3 + dz2_3 * w12_3) * (a1_2 - a1_2 * a1_2);
    double dz2_2 = (dz1_3 * w21_3 + dz2_3 * w22_3) * (a2_2 - a2_2 * a2_2);

    xplist x = {.n = 0};
    add(&x, EV_Z, 1, 0, 0, z1_2, "z_1^2");
    add(&x, EV_Z, 1, 1, 0, z2_2, "z_2^2");
    add(&x, EV_A, 1, 0, 0, a1_2, "a_1^2");
    add(&x, EV_A, 1, 1, 0, a2_2, "a_2^2");
    add(&x, EV_Z, 2, 0, 0, z1_3, "z_1^3");
    add(&x, EV_Z, 2, 1, 0, z2_3, "z_2^3");
    add(&x, EV_A, 2, 0, 0, Y1, "a_1^3");
    add(&x, EV_A, 2, 1, 0, Y2, "a_2^3");
    add(&x, EV_ERR, 2, 0, 0, E1, "E_1");
    add(&x, EV_ERR, 2, 1, 0, E2, "E_2");
    add(&x, EV_LOSS, 0, 0, 0, E1 + E2, "E");
    add(&x, EV_DELTA, 2, 0, 0, dz1_3, "∂E/∂z_1^3");
    add(&x, EV_DELTA, 2, 1, 0, dz2_3, "∂E/∂z_2^3");
    add(&x, EV_DELTA, 1, 0, 0, dz1_2, "∂E/∂z_1^2");
    add(&x, EV_DELTA, 1, 1, 0, dz2_2, "∂E/∂z_2^2");
    /* 三、∂E/∂w_kj^3 = ∂E/∂z_j^3·a_k^2 */
    add(&x, EV_GRAD_W, 2, 0, 0, dz1_3 * a1_2, "∂E/∂w_11^3");
    add(&x, EV_GRAD_W, 2, 0, 1, dz1_3 * a2_2, "∂E/∂w_21^3");
    add(&x, EV_GRAD_W, 2, 1, 0, dz2_3 * a1_2, "∂E/∂w_12^3");
    add(&x, EV_GRAD_W, 2, 1, 1, dz2_3 * a2_2, "∂E/∂w_22^3");
    /* 六、∂E/∂w_kj^2 = ∂E/∂z_j^2·x_k */
    add(&x, EV_GRAD_W, 1, 0, 0, dz1_2 * x1, "∂E/∂w_11^2");
    add(&x, EV_GRAD_W, 1, 0, 1, dz1_2 * x2, "∂E/∂w_21^2");
    add(&x, EV_GRAD_W, 1, 0, 2, dz1_2 * x3, "∂E/∂w_31^2");
    add(&x, EV_GRAD_W, 1, 1, 0, dz2_2 * x1, "∂E/∂w_12^2");
    add(&x, EV_GRAD_W, 1, 1, 1, dz2_2 * x2, "∂E/∂w_22^2");
    add(&x, EV_GRAD_W, 1, 1, 2, dz2_2 * x3, "∂E/∂w_32^2");
    add_upd(&x, EV_UPD_W, 2, 0, 0, w11_3, w11_3 - eta * dz1_3 * a1_2, "w_11^3′");
    add_upd(&x, EV_UPD_W, 2, 0, 1, w21_3, w21_3 - eta * dz1_3 * a2_2, "w_21^3′");
    add_upd(&x, EV_UPD_W, 2, 1, 0, w12_3, w12_3 - eta * dz2_3 * a1_2, "w_12^3′");
    add_upd(&x, EV_UPD_W, 2, 1, 1, w22_3, w22_3 - eta * dz2_3 * a2_2, "w_22^3′");
    add_upd(&x, EV_UPD_W, 1, 0, 0, w11_2, w11_2 - eta * dz1_2 * x1, "w_11^2′");
    add_upd(&x, EV_UPD_W, 1, 0, 1, w21_2, w21_2 - eta * dz1_2 * x2, "w_21^2′");
    add_upd(&x, EV_UPD_W, 1, 0, 2, w31_2, w31_2 - eta * dz1_2 * x3, "w_31^2′");
    add_upd(&x, EV_UPD_W, 1, 1, 0, w12_2, w12_2 - eta * dz2_2 * x1, "w_12^2′");
    add_upd(&x, EV_UPD_W, 1, 1, 1, w22_2, w22_2 - eta * dz2_2 * x2, "w_22^2′");
    add_upd(&x, EV_UPD_W, 1, 1, 2, w32_2, w32_2 - eta * dz2_2 * x3, "w_32^2′");
    /* no biases: no EV_GRAD_B, no EV_UPD_B */

    stepper *s = run_first(sc, &x);
    stepper_free(s);
    scenario_free(sc);
}

/* ---- document 003: 2-3-2, w1…w12, shared biases ------------------------------ */

static void test_doc003(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/doc003.bp");
    assert_int_equal(sc->spec.nlayers, 3);
    assert_int_equal(sc->spec.size[1], 3);
    assert_int_equal(sc->spec.layer[1].bias, NET_BIAS_SHARED);
    assert_int_equal(sc->spec.layer[2].bias, NET_BIAS_SHARED);
    assert_false(sc->spec.layer[1].bias_frozen);
    assert_int_equal(sc->init->nparams, 6 + 1 + 6 + 1);
    assert_close(sc->hyper.eta_w, 0.5, 0.0);
    assert_close(sc->hyper.eta_b, 0.5, 0.0);
    /* w1, w2 feed h1; w7, w9, w11 feed o1 */
    expect_w(sc, 1, 0, 1, 0.15); /* w2: i2 -> h1 */
    expect_w(sc, 1, 1, 0, 0.20); /* w3: i1 -> h2 */
    expect_w(sc, 2, 0, 1, 0.50); /* w9: h2 -> o1 */
    expect_w(sc, 2, 1, 0, 0.45); /* w8: h1 -> o2 */
    expect_w(sc, 2, 1, 2, 0.65); /* w12: h3 -> o2 */
    expect_b(sc, 1, 0, 0.35);
    expect_b(sc, 2, 0, 0.65);
    expect_name(sc, NT_W, 1, 0, 1, NULL, "w2");
    expect_name(sc, NT_W, 1, 2, 0, NULL, "w5");
    expect_name(sc, NT_W, 2, 0, 1, NULL, "w9");
    expect_name(sc, NT_W, 2, 1, 2, NULL, "w12");
    expect_name(sc, NT_A, 1, 2, 0, NULL, "out_{h3}");
    expect_name(sc, NT_Z, 2, 1, 0, NULL, "net_{o2}");
    expect_name(sc, NT_LOSS, 0, 0, 0, NULL, "E_{total}");

    const double i1 = 5, i2 = 10, t1 = 0.01, t2 = 0.99, b1 = 0.35, b2 = 0.65, eta1 = 0.5, eta2 = 0.5;
    const double w1 = 0.1, w2 = 0.15, w3 = 0.2, w4 = 0.25, w5 = 0.3, w6 = 0.35;
    const double w7 = 0.4, w8 = 0.45, w9 = 0.5, w10 = 0.55, w11 = 0.6, w12 = 0.65;
    double h1 = w1 * i1 + w2 * i2 + b1 * 1, h2 = w3 * i1 + w4 * i2 + b1 * 1, h3 = w5 * i1 + w6 * i2 + b1 * 1;
    double oh1 = sg(h1), oh2 = sg(h2), oh3 = sg(h3);
    double no1 = oh1 * w7 + oh2 * w9 + oh3 * w11 + b2 * 1;
    double no2 = oh1 * w8 + oh2 * w10 + oh3 * w12 + b2 * 1;
    double oo1 = sg(no1), oo2 = sg(no2);
    double Eo1 = 0.5 * (t1 - oo1) * (t1 - oo1), Eo2 = 0.5 * (t2 - oo2) * (t2 - oo2);
    /* ∂E_total/∂w7 = −(target_o1 − out_o1)·out_o1·(1 − out_o1)·out_h1 */
    double do1 = -(t1 - oo1) * oo1 * (1 - oo1), do2 = -(t2 - oo2) * oo2 * (1 - oo2);
    double dh1 = (do1 * w7 + do2 * w8) * oh1 * (1 - oh1);
    double dh2 = (do1 * w9 + do2 * w10) * oh2 * (1 - oh2);
    double dh3 = (do1 * w11 + do2 * w12) * oh3 * (1 - oh3);
    /* the numbers the document gets right */
    assert_true(fabs(oh1 - 0.9129342) < 5e-8);
    assert_true(fabs(no1 - 2.10192) < 5e-6);
    assert_true(fabs(no2 - 2.24629) < 5e-6);
    assert_true(fabs(Eo1 + Eo2 - 0.391829) < 5e-7);

    xplist x = {.n = 0};
    add(&x, EV_Z, 1, 0, 0, h1, "h1");
    add(&x, EV_Z, 1, 1, 0, h2, "h2");
    add(&x, EV_Z, 1, 2, 0, h3, "h3");
    add(&x, EV_A, 1, 0, 0, oh1, "out_h1");
    add(&x, EV_A, 1, 1, 0, oh2, "out_h2");
    add(&x, EV_A, 1, 2, 0, oh3, "out_h3");
    add(&x, EV_Z, 2, 0, 0, no1, "net_o1");
    add(&x, EV_Z, 2, 1, 0, no2, "net_o2");
    add(&x, EV_A, 2, 0, 0, oo1, "out_o1");
    add(&x, EV_A, 2, 1, 0, oo2, "out_o2");
    add(&x, EV_ERR, 2, 0, 0, Eo1, "E_o1");
    add(&x, EV_ERR, 2, 1, 0, Eo2, "E_o2");
    add(&x, EV_LOSS, 0, 0, 0, Eo1 + Eo2, "E_total");
    add(&x, EV_DELTA, 2, 0, 0, do1, "δ_o1");
    add(&x, EV_DELTA, 2, 1, 0, do2, "δ_o2");
    add(&x, EV_DELTA, 1, 0, 0, dh1, "δ_h1");
    add(&x, EV_DELTA, 1, 1, 0, dh2, "δ_h2");
    add(&x, EV_DELTA, 1, 2, 0, dh3, "δ_h3");
    add(&x, EV_GRAD_W, 1, 0, 0, dh1 * i1, "∂E/∂w1");
    add(&x, EV_GRAD_W, 1, 0, 1, dh1 * i2, "∂E/∂w2");
    add(&x, EV_GRAD_W, 1, 1, 0, dh2 * i1, "∂E/∂w3");
    add(&x, EV_GRAD_W, 1, 1, 1, dh2 * i2, "∂E/∂w4");
    add(&x, EV_GRAD_W, 1, 2, 0, dh3 * i1, "∂E/∂w5");
    add(&x, EV_GRAD_W, 1, 2, 1, dh3 * i2, "∂E/∂w6");
    add(&x, EV_GRAD_B, 1, 0, 0, dh1 + dh2 + dh3, "∂E/∂b1"); /* shared: sum over the layer */
    add(&x, EV_GRAD_W, 2, 0, 0, do1 * oh1, "∂E/∂w7");
    add(&x, EV_GRAD_W, 2, 1, 0, do2 * oh1, "∂E/∂w8");
    add(&x, EV_GRAD_W, 2, 0, 1, do1 * oh2, "∂E/∂w9");
    add(&x, EV_GRAD_W, 2, 1, 1, do2 * oh2, "∂E/∂w10");
    add(&x, EV_GRAD_W, 2, 0, 2, do1 * oh3, "∂E/∂w11");
    add(&x, EV_GRAD_W, 2, 1, 2, do2 * oh3, "∂E/∂w12");
    add(&x, EV_GRAD_B, 2, 0, 0, do1 + do2, "∂E/∂b2");
    add_upd(&x, EV_UPD_W, 1, 0, 0, w1, w1 - eta1 * dh1 * i1, "w1′");
    add_upd(&x, EV_UPD_W, 1, 0, 1, w2, w2 - eta1 * dh1 * i2, "w2′");
    add_upd(&x, EV_UPD_W, 1, 1, 0, w3, w3 - eta1 * dh2 * i1, "w3′");
    add_upd(&x, EV_UPD_W, 1, 1, 1, w4, w4 - eta1 * dh2 * i2, "w4′");
    add_upd(&x, EV_UPD_W, 1, 2, 0, w5, w5 - eta1 * dh3 * i1, "w5′");
    add_upd(&x, EV_UPD_W, 1, 2, 1, w6, w6 - eta1 * dh3 * i2, "w6′");
    add_upd(&x, EV_UPD_B, 1, 0, 0, b1, b1 - eta2 * (dh1 + dh2 + dh3), "b1′");
    add_upd(&x, EV_UPD_W, 2, 0, 0, w7, w7 - eta1 * do1 * oh1, "w7′");
    add_upd(&x, EV_UPD_W, 2, 1, 0, w8, w8 - eta1 * do2 * oh1, "w8′");
    add_upd(&x, EV_UPD_W, 2, 0, 1, w9, w9 - eta1 * do1 * oh2, "w9′");
    add_upd(&x, EV_UPD_W, 2, 1, 1, w10, w10 - eta1 * do2 * oh2, "w10′");
    add_upd(&x, EV_UPD_W, 2, 0, 2, w11, w11 - eta1 * do1 * oh3, "w11′");
    add_upd(&x, EV_UPD_W, 2, 1, 2, w12, w12 - eta1 * do2 * oh3, "w12′");
    add_upd(&x, EV_UPD_B, 2, 0, 0, b2, b2 - eta2 * (do1 + do2), "b2′");

    stepper *s = run_first(sc, &x);
    stepper_free(s);
    scenario_free(sc);
}

/* ---- document 004: 2-2-2-1, no biases, identity (illustrative numbers) ------- */

static void test_doc004(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/doc004.bp");
    assert_int_equal(sc->spec.nlayers, 4);
    assert_int_equal(sc->spec.size[3], 1);
    for (int l = 1; l <= 3; l++) {
        assert_int_equal(sc->spec.layer[l].act, NET_ACT_IDENTITY);
        assert_int_equal(sc->spec.layer[l].bias, NET_BIAS_NONE);
        assert_int_equal(sc->layout[l], 0);
    }
    expect_w(sc, 1, 0, 1, -0.25); /* w^2_{1,2} */
    expect_w(sc, 2, 1, 0, -0.5);  /* w^3_{2,1} */
    expect_name(sc, NT_W, 2, 1, 0, NULL, "w^3_{2,1}");
    expect_name(sc, NT_A, 3, 0, 0, NULL, "a^4_1");
    expect_name(sc, NT_DELTA, 1, 1, 0, NULL, "δ^2_2");
    expect_name(sc, NT_LOSS, 0, 0, 0, NULL, "C");

    /* a^4 = w^4·(w^3·(w^2·a^1)), every product exact in binary */
    const double a1_1 = 1.0, a1_2 = 0.5, y = 1.0, eta = 0.1;
    const double w2_11 = 0.5, w2_12 = -0.25, w2_21 = 0.25, w2_22 = 0.75;
    const double w3_11 = 1.0, w3_12 = 0.5, w3_21 = -0.5, w3_22 = 1.0;
    const double w4_11 = 0.5, w4_12 = 0.25;
    double a2_1 = w2_11 * a1_1 + w2_12 * a1_2; /* 0.375 */
    double a2_2 = w2_21 * a1_1 + w2_22 * a1_2; /* 0.625 */
    double a3_1 = w3_11 * a2_1 + w3_12 * a2_2; /* 0.6875 */
    double a3_2 = w3_21 * a2_1 + w3_22 * a2_2; /* 0.4375 */
    double a4_1 = w4_11 * a3_1 + w4_12 * a3_2; /* 0.453125 */
    double C = 0.5 * (y - a4_1) * (y - a4_1);
    double d4_1 = a4_1 - y;                            /* (16) */
    double d3_1 = d4_1 * w4_11, d3_2 = d4_1 * w4_12;   /* (17) */
    double d2_1 = d3_1 * w3_11 + d3_2 * w3_21;         /* (18) */
    double d2_2 = d3_1 * w3_12 + d3_2 * w3_22;         /* (19) */
    assert_true(a4_1 == 0.453125);
    assert_true(d2_1 == -0.205078125);

    xplist x = {.n = 0};
    add(&x, EV_Z, 1, 0, 0, a2_1, "z^2_1");
    add(&x, EV_Z, 1, 1, 0, a2_2, "z^2_2");
    add(&x, EV_A, 1, 0, 0, a2_1, "a^2_1");
    add(&x, EV_A, 1, 1, 0, a2_2, "a^2_2");
    add(&x, EV_Z, 2, 0, 0, a3_1, "z^3_1");
    add(&x, EV_Z, 2, 1, 0, a3_2, "z^3_2");
    add(&x, EV_A, 2, 0, 0, a3_1, "a^3_1");
    add(&x, EV_A, 2, 1, 0, a3_2, "a^3_2");
    add(&x, EV_Z, 3, 0, 0, a4_1, "z^4_1");
    add(&x, EV_A, 3, 0, 0, a4_1, "a^4_1");
    add(&x, EV_ERR, 3, 0, 0, C, "C_1");
    add(&x, EV_LOSS, 0, 0, 0, C, "C");
    add(&x, EV_DELTA, 3, 0, 0, d4_1, "δ^4_1");
    add(&x, EV_DELTA, 2, 0, 0, d3_1, "δ^3_1");
    add(&x, EV_DELTA, 2, 1, 0, d3_2, "δ^3_2");
    add(&x, EV_DELTA, 1, 0, 0, d2_1, "δ^2_1");
    add(&x, EV_DELTA, 1, 1, 0, d2_2, "δ^2_2");
    /* (BP4) ∂C/∂w^l_{j,k} = a^{l−1}_k δ^l_j */
    add(&x, EV_GRAD_W, 3, 0, 0, a3_1 * d4_1, "∂C/∂w^4_{1,1}");
    add(&x, EV_GRAD_W, 3, 0, 1, a3_2 * d4_1, "∂C/∂w^4_{1,2}");
    add(&x, EV_GRAD_W, 2, 0, 0, a2_1 * d3_1, "∂C/∂w^3_{1,1}");
    add(&x, EV_GRAD_W, 2, 0, 1, a2_2 * d3_1, "∂C/∂w^3_{1,2}");
    add(&x, EV_GRAD_W, 2, 1, 0, a2_1 * d3_2, "∂C/∂w^3_{2,1}");
    add(&x, EV_GRAD_W, 2, 1, 1, a2_2 * d3_2, "∂C/∂w^3_{2,2}");
    add(&x, EV_GRAD_W, 1, 0, 0, a1_1 * d2_1, "∂C/∂w^2_{1,1}");
    add(&x, EV_GRAD_W, 1, 0, 1, a1_2 * d2_1, "∂C/∂w^2_{1,2}");
    add(&x, EV_GRAD_W, 1, 1, 0, a1_1 * d2_2, "∂C/∂w^2_{2,1}");
    add(&x, EV_GRAD_W, 1, 1, 1, a1_2 * d2_2, "∂C/∂w^2_{2,2}");
    add_upd(&x, EV_UPD_W, 3, 0, 0, w4_11, w4_11 - eta * a3_1 * d4_1, "w^4_{1,1}′");
    add_upd(&x, EV_UPD_W, 3, 0, 1, w4_12, w4_12 - eta * a3_2 * d4_1, "w^4_{1,2}′");
    add_upd(&x, EV_UPD_W, 2, 0, 0, w3_11, w3_11 - eta * a2_1 * d3_1, "w^3_{1,1}′");
    add_upd(&x, EV_UPD_W, 2, 0, 1, w3_12, w3_12 - eta * a2_2 * d3_1, "w^3_{1,2}′");
    add_upd(&x, EV_UPD_W, 2, 1, 0, w3_21, w3_21 - eta * a2_1 * d3_2, "w^3_{2,1}′");
    add_upd(&x, EV_UPD_W, 2, 1, 1, w3_22, w3_22 - eta * a2_2 * d3_2, "w^3_{2,2}′");
    add_upd(&x, EV_UPD_W, 1, 0, 0, w2_11, w2_11 - eta * a1_1 * d2_1, "w^2_{1,1}′");
    add_upd(&x, EV_UPD_W, 1, 0, 1, w2_12, w2_12 - eta * a1_2 * d2_1, "w^2_{1,2}′");
    add_upd(&x, EV_UPD_W, 1, 1, 0, w2_21, w2_21 - eta * a1_1 * d2_2, "w^2_{2,1}′");
    add_upd(&x, EV_UPD_W, 1, 1, 1, w2_22, w2_22 - eta * a1_2 * d2_2, "w^2_{2,2}′");

    stepper *s = run_first(sc, &x);
    stepper_free(s);
    scenario_free(sc);
}

/* ---- XOR: 2-2-1, per-neuron biases, the four samples in order ---------------- */

/* The XOR network's parameters in the scenario's from-to terms. */
typedef struct xorp {
    double W1[2][2]; /* W1[i][j]: input i -> hidden j */
    double b1[2];
    double W2[2];    /* hidden i -> output */
    double b2;
} xorp;

/* One SGD step on sample (x1, x2) -> t, written out; fills x and updates p. */
static void xor_step(xorp *p, double x1, double x2, double t, xplist *x)
{
    const double eta = 0.5;
    double z1 = p->W1[0][0] * x1 + p->W1[1][0] * x2 + p->b1[0];
    double z2 = p->W1[0][1] * x1 + p->W1[1][1] * x2 + p->b1[1];
    double h1 = sg(z1), h2 = sg(z2);
    double zo = p->W2[0] * h1 + p->W2[1] * h2 + p->b2, o = sg(zo);
    double E = 0.5 * (o - t) * (o - t);
    double dout = (o - t) * o * (1 - o);
    double dh1 = h1 * (1 - h1) * p->W2[0] * dout, dh2 = h2 * (1 - h2) * p->W2[1] * dout;
    x->n = 0;
    add(x, EV_Z, 1, 0, 0, z1, "z^2_1");
    add(x, EV_Z, 1, 1, 0, z2, "z^2_2");
    add(x, EV_A, 1, 0, 0, h1, "a^2_1");
    add(x, EV_A, 1, 1, 0, h2, "a^2_2");
    add(x, EV_Z, 2, 0, 0, zo, "z^3_1");
    add(x, EV_A, 2, 0, 0, o, "a^3_1");
    add(x, EV_ERR, 2, 0, 0, E, "C_1");
    add(x, EV_LOSS, 0, 0, 0, E, "C");
    add(x, EV_DELTA, 2, 0, 0, dout, "δ^3_1");
    add(x, EV_DELTA, 1, 0, 0, dh1, "δ^2_1");
    add(x, EV_DELTA, 1, 1, 0, dh2, "δ^2_2");
    const double in[2] = {x1, x2}, hv[2] = {h1, h2}, dh[2] = {dh1, dh2};
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
            add(x, EV_GRAD_W, 1, j, i, dh[j] * in[i], "∂C/∂w^2");
            add_upd(x, EV_UPD_W, 1, j, i, p->W1[i][j], p->W1[i][j] - eta * dh[j] * in[i], "w^2′");
        }
        add(x, EV_GRAD_B, 1, i, 0, dh[i], "∂C/∂b^2");
        add_upd(x, EV_UPD_B, 1, i, 0, p->b1[i], p->b1[i] - eta * dh[i], "b^2′");
        add(x, EV_GRAD_W, 2, 0, i, dout * hv[i], "∂C/∂w^3");
        add_upd(x, EV_UPD_W, 2, 0, i, p->W2[i], p->W2[i] - eta * dout * hv[i], "w^3′");
    }
    add(x, EV_GRAD_B, 2, 0, 0, dout, "∂C/∂b^3");
    add_upd(x, EV_UPD_B, 2, 0, 0, p->b2, p->b2 - eta * dout, "b^3′");
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++)
            p->W1[i][j] -= eta * dh[j] * in[i];
        p->b1[i] -= eta * dh[i];
        p->W2[i] -= eta * dout * hv[i];
    }
    p->b2 -= eta * dout;
}

static void test_xor(void **state)
{
    (void)state;
    scenario *sc = load("scenarios/xor.bp");
    assert_int_equal(sc->spec.nlayers, 3);
    assert_int_equal(sc->data.n, 4);
    assert_int_equal(sc->epochs, 1000);
    expect_w(sc, 1, 1, 0, 0.9);  /* W1[0][1]: x_1 -> h_2 */
    expect_w(sc, 1, 0, 1, 0.4);  /* W1[1][0]: x_2 -> h_1 */
    expect_w(sc, 2, 0, 1, 1.1);  /* W2[1][0]: h_2 -> out */
    expect_b(sc, 1, 0, -0.8);
    expect_b(sc, 2, 0, -0.3);

    xorp p = {{{0.5, 0.9}, {0.4, 1.0}}, {-0.8, 0.1}, {-1.2, 1.1}, -0.3};
    static const double X[4][3] = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    static xplist x;
    xor_step(&p, X[0][0], X[0][1], X[0][2], &x);
    stepper *s = run_first(sc, &x); /* iteration 0: sample 00 */
    /* iterations 1-3: samples 01, 10, 11, each from the weights the last left */
    for (int it = 1; it < 4; it++) {
        xor_step(&p, X[it][0], X[it][1], X[it][2], &x);
        assert_true(stepper_next(s));
        assert_int_equal(stepper_iteration(s), it);
        assert_int_equal(stepper_sample(s), it);
        assert_true(stepper_finish_iteration(s));
        verify_events(s, &x);
        assert_int_equal(stepper_event(s, 0)->sample, it);
    }
    stepper_free(s);
    scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_doc000),     cmocka_unit_test(test_doc000_hundred_epochs),
        cmocka_unit_test(test_doc000_code),
        cmocka_unit_test(test_doc001),     cmocka_unit_test(test_doc001_iris),
        cmocka_unit_test(test_doc002),     cmocka_unit_test(test_doc003),
        cmocka_unit_test(test_doc004),     cmocka_unit_test(test_xor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
