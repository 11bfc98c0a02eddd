/* test_net.c - net.c against finite differences and hand-written update rules: gradients, updates, limits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "net.h"
#include "rng.h"
#include "testutil.h"

#define FD_STEP 1e-6
/* A network whose gradient is all below this cannot tell a right backward
 * pass from one that writes zeros; such draws are redrawn, and the engine's
 * gradient must reach it. */
#define GRAD_FLOOR 1e-5
/* Keep relu pre-activations this far from the kink (FD_STEP moves z by far less). */
#define RELU_MARGIN 1e-3

/* Draws params, input and target for spec sp into a new net until the relu
 * neurons are off the kink and the reference gradient is not vanishing. */
static net *draw_net(rng *r, const net_spec *sp, double *x, double *t, double *fd)
{
    err e;
    net *n = net_new(sp, &e);
    assert_non_null(n);
    for (int tries = 0; tries < 1000; tries++) {
        for (int i = 0; i < n->nparams; i++)
            n->params[i] = tu_uniform(r, -1.0, 1.0);
        for (int k = 0; k < sp->size[0]; k++)
            x[k] = tu_uniform(r, -1.0, 1.0);
        for (int j = 0; j < sp->size[sp->nlayers - 1]; j++)
            t[j] = tu_uniform(r, -1.0, 1.0);
        double margin;
        tu_ref_loss(sp, n->params, x, t, &margin);
        if (margin < RELU_MARGIN)
            continue;
        if (tu_fd_grad(n, x, t, FD_STEP, fd) > GRAD_FLOOR)
            return n;
    }
    fail_msg("no usable draw for a %d-layer network", sp->nlayers);
    return NULL;
}

/* One gradient check; returns the number of parameters compared. */
static int gradcheck(rng *r, const net_spec *sp)
{
    double x[8], t[8], fd[4096];
    net *n = draw_net(r, sp, x, t, fd);
    const double Eref = tu_ref_loss(sp, n->params, x, t, NULL);
    net_forward(n, x);
    const double E = net_loss_eval(n, t);
    assert_close(E, Eref, 1e-13);
    /* Stale values must not leak into the gradient. */
    for (int i = 0; i < n->nparams; i++)
        n->grad[i] = 12345.0;
    net_backward(n);
    double big = 0.0;
    for (int i = 0; i < n->nparams; i++) {
        if (!tu_grad_agrees(n->grad[i], fd[i], E)) {
            print_error("net of %d layers (sizes %d %d %d %d %d), loss %s: param %d of %d: grad %.17g, "
                        "central difference %.17g\n",
                        sp->nlayers, sp->size[0], sp->size[1], sp->size[2], sp->size[3], sp->size[4],
                        net_loss_name(sp->loss), i, n->nparams, n->grad[i], fd[i]);
            fail();
        }
        if (fabs(n->grad[i]) > big)
            big = fabs(n->grad[i]);
    }
    assert_true(big > GRAD_FLOOR);
    int count = n->nparams;
    net_free(n);
    return count;
}

/* Every activation x loss x bias mode, that choice in every layer. */
static void test_gradient_every_combination(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 20240601);
    int checked = 0;
    for (int act = 0; act < NET_ACT_COUNT; act++)
        for (int loss = 0; loss < NET_LOSS_COUNT; loss++)
            for (int bias = 0; bias < TU_BIAS_COUNT; bias++)
                for (int rep = 0; rep < 8; rep++) {
                    net_spec sp;
                    tu_random_spec(&r, 5, 6, act, bias, loss, &sp);
                    checked += gradcheck(&r, &sp);
                }
    assert_true(checked > 5000); /* the loops really ran */
}

/* Activations and bias modes mixed layer by layer. */
static void test_gradient_mixed(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 77);
    int checked = 0;
    for (int rep = 0; rep < 400; rep++) {
        net_spec sp;
        tu_random_spec(&r, 5, 6, -1, -1, -1, &sp);
        checked += gradcheck(&r, &sp);
    }
    assert_true(checked > 5000);
}

/* A hand-sized case: 1-1-1 sigmoid/identity, gradient written out. */
static void test_gradient_by_hand(void **state)
{
    (void)state;
    net_spec sp = tu_spec("1 1 1", NET_ACT_SIGMOID, NET_BIAS_NEURON);
    sp.layer[2] = (net_layer_spec){NET_ACT_IDENTITY, 1, 1, NET_BIAS_SHARED, false};
    err e;
    net *n = net_new(&sp, &e);
    assert_non_null(n);
    assert_int_equal(n->nparams, 4); /* w1, b1, w2, b2 */
    const double w1 = 0.3, b1 = -0.2, w2 = -0.7, b2 = 0.4, x = 0.9, t = 0.25;
    n->params[0] = w1;
    n->params[1] = b1;
    n->params[2] = w2;
    n->params[3] = b2;
    net_forward(n, &x);
    double E = net_loss_eval(n, &t);
    net_backward(n);
    const double h = tu_sigmoid(w1 * x + b1), y = w2 * h + b2;
    const double d2 = y - t, d1 = d2 * w2 * h * (1 - h);
    assert_close(E, 0.5 * (t - y) * (t - y), 1e-15);
    assert_close(n->grad[0], d1 * x, 1e-14);
    assert_close(n->grad[1], d1, 1e-14);
    assert_close(n->grad[2], d2 * h, 1e-14);
    assert_close(n->grad[3], d2, 1e-14);
    assert_close(n->delta[2][0], d2, 1e-15);
    assert_close(n->delta[1][0], d1, 1e-14);
    net_free(n);
}

/* The parameter layout, pointers and counts against net.h's description. */
static void test_layout(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 5);
    for (int rep = 0; rep < 200; rep++) {
        net_spec sp;
        tu_random_spec(&r, 6, 6, -1, -1, -1, &sp);
        err e;
        net *n = net_new(&sp, &e);
        assert_non_null(n);
        assert_int_equal(n->nparams, tu_nparams(&sp));
        assert_int_equal(net_spec_nparams(&sp), tu_nparams(&sp));
        int units = 0;
        for (int l = 0; l < sp.nlayers; l++)
            units += sp.size[l];
        assert_int_equal(n->nunits, units);
        for (int i = 0; i < n->nparams; i++)
            assert_true(n->params[i] == 0.0); /* net_new zeroes */
        assert_null(n->w[0]);
        for (int l = 1; l < sp.nlayers; l++) {
            const int off = tu_woff(&sp, l), nw = sp.size[l] * sp.size[l - 1];
            assert_ptr_equal(n->w[l], n->params + off);
            assert_ptr_equal(n->gw[l], n->grad + off);
            assert_int_equal(n->nbias[l], tu_nbias(&sp, l));
            for (int j = 0; j < sp.size[l]; j++) {
                for (int k = 0; k < sp.size[l - 1]; k++)
                    assert_int_equal(net_windex(n, l, j, k), off + j * sp.size[l - 1] + k);
                if (tu_nbias(&sp, l) == 0) {
                    assert_int_equal(net_bindex(n, l, j), -1);
                } else {
                    assert_int_equal(net_bindex(n, l, j), off + nw + (tu_nbias(&sp, l) == 1 ? 0 : j));
                    assert_true(net_param_frozen(n, net_bindex(n, l, j)) == sp.layer[l].bias_frozen);
                }
            }
            if (tu_nbias(&sp, l)) {
                assert_ptr_equal(n->b[l], n->params + off + nw);
                assert_ptr_equal(n->gb[l], n->grad + off + nw);
            } else {
                assert_null(n->b[l]);
            }
            for (int i = off; i < off + nw; i++)
                assert_false(net_param_frozen(n, i));
        }
        /* A clone is deep and wired to its own block. */
        for (int i = 0; i < n->nparams; i++)
            n->params[i] = i + 0.5;
        net *c = net_clone(n);
        assert_non_null(c);
        assert_true(c->params != n->params);
        for (int l = 1; l < sp.nlayers; l++)
            assert_ptr_equal(c->w[l], c->params + tu_woff(&sp, l));
        n->params[0] = -1.0;
        assert_true(c->params[0] == 0.5);
        net_free(c);
        net_free(n);
    }
}

/* net_act_f against the definitions, net_act_df against central differences. */
static void test_activation_derivatives(void **state)
{
    (void)state;
    const double AB[][2] = {{1, 1}, {2, 0.5}, {0.7, 1.9}, {1.716, 1.5}};
    int checked = 0;
    for (int act = 0; act < NET_ACT_COUNT; act++) {
        for (int ab = 0; ab < 4; ab++) {
            const double A = AB[ab][0], B = AB[ab][1];
            const net_layer_spec ls = {(net_act)act, A, B, NET_BIAS_NONE, false};
            for (double x = -6.0; x <= 6.0; x += 0.37) {
                const double f = net_act_f((net_act)act, A, B, x);
                assert_close(f, tu_act(&ls, x), 1e-15);
                if (act == NET_ACT_RELU && fabs(x) < 1e-3)
                    continue;
                const double h = 1e-6;
                const double fd = (net_act_f((net_act)act, A, B, x + h) - net_act_f((net_act)act, A, B, x - h)) / (2 * h);
                const double df = net_act_df((net_act)act, A, B, x, f);
                if (!(fabs(df - fd) <= 1e-7 * fabs(fd) + 1e-9)) {
                    print_error("%s (A=%g B=%g) at x=%g: f' = %.17g, central difference %.17g\n",
                                net_act_name((net_act)act), A, B, x, df, fd);
                    fail();
                }
                checked++;
            }
        }
    }
    assert_true(checked > 150);
    /* Exact values that a formula slip would change. */
    assert_close(net_act_df(NET_ACT_SIGMOID, 1, 1, 0.0, 0.5), 0.25, 0);
    assert_close(net_act_df(NET_ACT_GSIGMOID, 2, 0.5, 0.0, 1.0), 1.0, 0); /* f(A-f)/(AB) = 1*1/1 */
    assert_close(net_act_df(NET_ACT_TANH, 1, 1, 0.0, 0.0), 1.0, 0);
    assert_true(net_act_df(NET_ACT_RELU, 1, 1, -0.5, 0.0) == 0.0);
    assert_true(net_act_df(NET_ACT_RELU, 1, 1, 0.5, 0.5) == 1.0);
    assert_true(net_act_df(NET_ACT_IDENTITY, 1, 1, -3.0, -3.0) == 1.0);
    assert_string_equal(net_act_name(NET_ACT_GSIGMOID), "gsigmoid");
    assert_string_equal(net_bias_name(NET_BIAS_SHARED), "shared");
    assert_string_equal(net_loss_name(NET_LOSS_MSE), "mse");
}

/* A random net after forward/loss/backward, with a copy of params and grad. */
typedef struct fixture {
    net *n;
    double x[8], t[8];
    double p0[4096], g0[4096];
} fixture;

static void fixture_make(rng *r, const net_spec *sp, fixture *f)
{
    double fd[4096];
    f->n = draw_net(r, sp, f->x, f->t, fd);
    net_forward(f->n, f->x);
    net_loss_eval(f->n, f->t);
    net_backward(f->n);
    memcpy(f->p0, f->n->params, sizeof(double) * (size_t)f->n->nparams);
    memcpy(f->g0, f->n->grad, sizeof(double) * (size_t)f->n->nparams);
}

/* Whether parameter i of spec sp is a bias, and whether it is frozen (from the layout). */
static void param_kind(const net_spec *sp, int i, bool *bias, bool *frozen)
{
    *bias = *frozen = false;
    for (int l = 1; l < sp->nlayers; l++) {
        int off = tu_woff(sp, l), nw = sp->size[l] * sp->size[l - 1];
        if (i >= off + nw && i < off + nw + tu_nbias(sp, l)) {
            *bias = true;
            *frozen = sp->layer[l].bias_frozen;
        }
    }
}

/* Plain SGD: p - eta*g, eta_b for biases, frozen biases and their velocity untouched. */
static void test_update_sgd(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 11);
    int frozen_seen = 0, bias_seen = 0;
    for (int rep = 0; rep < 100; rep++) {
        net_spec sp;
        tu_random_spec(&r, 5, 6, -1, -1, -1, &sp);
        fixture f;
        fixture_make(&r, &sp, &f);
        net_hyper h = {.eta_w = 0.37, .eta_b = 0.11};
        for (int i = 0; i < f.n->nparams; i++)
            f.n->vel[i] = 7.0; /* without momentum velocities play no part and stay */
        net_update(f.n, &h);
        for (int i = 0; i < f.n->nparams; i++) {
            bool bias, frozen;
            param_kind(&sp, i, &bias, &frozen);
            if (frozen) {
                assert_true(f.n->params[i] == f.p0[i]);
                assert_true(f.n->vel[i] == 7.0);
                frozen_seen++;
                continue;
            }
            const double eta = bias ? 0.11 : 0.37;
            bias_seen += bias;
            assert_true(f.n->params[i] == f.p0[i] - eta * f.g0[i]);
            assert_true(f.n->vel[i] == 7.0);
        }
        net_free(f.n);
    }
    assert_true(frozen_seen > 0 && bias_seen > 0);
}

/* Momentum over two steps: v1 = -eta g1, p1 = p0 + v1; v2 = beta v1 - eta g2, p2 = p1 + v2. */
static void test_update_momentum(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 12);
    for (int rep = 0; rep < 100; rep++) {
        net_spec sp;
        tu_random_spec(&r, 5, 6, -1, -1, -1, &sp);
        fixture f;
        fixture_make(&r, &sp, &f);
        const double beta = 0.9, ew = 0.3, eb = 0.05;
        net_hyper h = {.eta_w = ew, .eta_b = eb, .momentum = beta};
        const int np = f.n->nparams;
        double v1[4096], p1[4096], g2[4096];
        net_update(f.n, &h);
        for (int i = 0; i < np; i++) {
            bool bias, frozen;
            param_kind(&sp, i, &bias, &frozen);
            const double eta = bias ? eb : ew;
            v1[i] = frozen ? 0.0 : beta * 0.0 - eta * f.g0[i];
            p1[i] = frozen ? f.p0[i] : f.p0[i] + v1[i];
            assert_true(f.n->vel[i] == v1[i]);
            assert_true(f.n->params[i] == p1[i]);
        }
        net_forward(f.n, f.x);
        net_loss_eval(f.n, f.t);
        net_backward(f.n);
        memcpy(g2, f.n->grad, sizeof(double) * (size_t)np);
        net_update(f.n, &h);
        for (int i = 0; i < np; i++) {
            bool bias, frozen;
            param_kind(&sp, i, &bias, &frozen);
            const double eta = bias ? eb : ew;
            if (frozen) {
                assert_true(f.n->params[i] == f.p0[i]);
                assert_true(f.n->vel[i] == 0.0);
                continue;
            }
            const double v2 = beta * v1[i] - eta * g2[i];
            assert_true(f.n->vel[i] == v2);
            assert_true(f.n->params[i] == p1[i] + v2);
        }
        net_free(f.n);
    }
}

/* net_train_sample = forward + loss + backward + update, returning the loss before. */
static void test_train_sample(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 15);
    for (int rep = 0; rep < 50; rep++) {
        net_spec sp;
        tu_random_spec(&r, 5, 6, -1, -1, -1, &sp);
        fixture f;
        fixture_make(&r, &sp, &f);
        net_hyper h = {.eta_w = 0.2, .eta_b = 0.1, .momentum = 0.5};
        net *c = net_clone(f.n);
        memcpy(c->params, f.p0, sizeof(double) * (size_t)c->nparams);
        memset(c->vel, 0, sizeof(double) * (size_t)c->nparams);
        memset(f.n->vel, 0, sizeof(double) * (size_t)c->nparams);
        const double E = net_train_sample(c, f.x, f.t, &h);
        assert_close(E, tu_ref_loss(&sp, f.p0, f.x, f.t, NULL), 1e-13);
        net_update(f.n, &h); /* f.n holds the gradient at p0 */
        assert_memory_equal(c->params, f.n->params, sizeof(double) * (size_t)c->nparams);
        assert_close(net_eval_sample(c, f.x, f.t), tu_ref_loss(&sp, c->params, f.x, f.t, NULL), 1e-13);
        net_free(c);
        net_free(f.n);
    }
}

/* net_train_rows = net_train_sample row after row, to the bit: parameters,
 * velocities and the sum of the losses, with and without momentum, for every
 * activation and bias mode, widths on and off the four-row blocks, 1..9 rows. */
static void test_train_rows(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 16);
    int trained = 0;
    for (int rep = 0; rep < 400; rep++) {
        net_spec sp;
        tu_random_spec(&r, 4, 10, -1, -1, -1, &sp);
        err e;
        net *a = net_new(&sp, &e), *b = net_new(&sp, &e);
        assert_non_null(a);
        assert_non_null(b);
        const int rows = 1 + (int)rng_below(&r, 9), nin = sp.size[0], nout = sp.size[sp.nlayers - 1];
        double x[9 * 10], t[9 * 10];
        for (int i = 0; i < rows * nin; i++)
            x[i] = tu_uniform(&r, -1.0, 1.0);
        for (int i = 0; i < rows * nout; i++)
            t[i] = tu_uniform(&r, 0.0, 1.0);
        double p0[4096];
        assert_true(a->nparams <= 4096);
        for (int i = 0; i < a->nparams; i++) {
            a->params[i] = b->params[i] = p0[i] = tu_uniform(&r, -1.0, 1.0);
            a->vel[i] = b->vel[i] = tu_uniform(&r, -0.1, 0.1);
        }
        const net_hyper h = {.eta_w = 0.3, .eta_b = 0.2, .momentum = rep % 2 ? 0.6 : 0.0};
        double sum = 0.0;
        for (int i = 0; i < rows; i++)
            sum += net_train_sample(a, x + i * nin, t + i * nout, &h);
        const double got = net_train_rows(b, x, t, rows, &h);
        /* Bits, not ==: an identity stack may overflow, and then both must give the same NaN. */
        assert_memory_equal(&got, &sum, sizeof got);
        assert_true(!(sum <= 0.0));
        assert_memory_equal(a->params, b->params, sizeof(double) * (size_t)a->nparams);
        assert_memory_equal(a->vel, b->vel, sizeof(double) * (size_t)a->nparams);
        /* The rows trained (a dead relu network may not move, hence the count). */
        bool moved = false;
        for (int i = 0; i < b->nparams; i++)
            moved = moved || b->params[i] != p0[i];
        trained += moved && isfinite(sum);
        net_free(a);
        net_free(b);
    }
    assert_true(trained > 350);
}

/* net_step_into writes elsewhere, from the deltas alone, exactly what
 * net_grads then net_update write in place: parameters (frozen biases kept)
 * and, with momentum, velocities; without momentum the velocities stay. The
 * network it reads is left alone, and grad is never read. */
static void test_step_into(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 17);
    int frozen = 0, moved = 0;
    for (int rep = 0; rep < 300; rep++) {
        net_spec sp;
        tu_random_spec(&r, 4, 6, -1, -1, -1, &sp);
        err e;
        net *n = net_new(&sp, &e);
        assert_non_null(n);
        const int np = n->nparams;
        assert_true(np <= 4096);
        for (int i = 0; i < np; i++) {
            n->params[i] = tu_uniform(&r, -1.0, 1.0);
            n->vel[i] = tu_uniform(&r, -0.1, 0.1);
        }
        double x[8], t[8], p[4096], v[4096];
        for (int k = 0; k < sp.size[0]; k++)
            x[k] = tu_uniform(&r, -1.0, 1.0);
        for (int j = 0; j < sp.size[sp.nlayers - 1]; j++)
            t[j] = tu_uniform(&r, 0.0, 1.0);
        const net_hyper h = {.eta_w = 0.3, .eta_b = 0.2, .momentum = rep % 2 ? 0.7 : 0.0};
        net_forward(n, x);
        net_loss_eval(n, t);
        net_deltas(n);
        for (int i = 0; i < np; i++)
            n->grad[i] = NAN; /* must not be read */
        net *c = net_clone(n);
        net_step_into(n, &h, p, rep % 4 == 3 ? NULL : v);
        assert_memory_equal(n->params, c->params, sizeof(double) * (size_t)np); /* untouched */
        net_grads(c);
        for (int i = 0; i < np; i++)
            frozen += net_param_frozen(c, i);
        const double *v0 = n->vel;
        net_update(c, &h);
        assert_memory_equal(p, c->params, sizeof(double) * (size_t)np);
        if (rep % 4 != 3)
            assert_memory_equal(v, h.momentum != 0.0 ? c->vel : v0, sizeof(double) * (size_t)np);
        if (h.momentum == 0.0)
            assert_memory_equal(c->vel, v0, sizeof(double) * (size_t)np); /* net_update leaves them too */
        moved += memcmp(p, n->params, sizeof(double) * (size_t)np) != 0;
        net_free(c);
        net_free(n);
    }
    assert_true(frozen > 0);   /* frozen biases were among them */
    assert_true(moved > 250); /* and the steps did move (a dead relu network may not) */
}

/* The adaptive rule of net.h: grow on a fall, shrink past max_ratio, else keep. */
static void test_hyper_adapt(void **state)
{
    (void)state;
    const net_hyper base = {.eta_w = 0.5, .eta_b = 0.2, .adaptive = true, .lr_inc = 1.05, .lr_dec = 0.7, .max_ratio = 1.04};
    net_hyper h = base;
    net_hyper_adapt(&h, 1.0, 0.9); /* fell */
    assert_true(h.eta_w == 0.5 * 1.05 && h.eta_b == 0.2 * 1.05);
    h = base;
    net_hyper_adapt(&h, 1.0, 1.05); /* rose past 4 % */
    assert_true(h.eta_w == 0.5 * 0.7 && h.eta_b == 0.2 * 0.7);
    h = base;
    net_hyper_adapt(&h, 1.0, 1.03); /* rose within 4 % */
    assert_true(h.eta_w == 0.5 && h.eta_b == 0.2);
    h = base;
    net_hyper_adapt(&h, 1.0, 1.0); /* level */
    assert_true(h.eta_w == 0.5 && h.eta_b == 0.2);
    h = base;
    net_hyper_adapt(&h, 2.0, 2.0 * 1.04); /* exactly the ratio: not "more than" */
    assert_true(h.eta_w == 0.5 && h.eta_b == 0.2);
    h = base;
    h.adaptive = false;
    net_hyper_adapt(&h, 1.0, 0.5);
    net_hyper_adapt(&h, 1.0, 5.0);
    assert_true(h.eta_w == 0.5 && h.eta_b == 0.2);
    h = base;
    net_hyper_adapt(&h, 1.0, NAN);
    net_hyper_adapt(&h, INFINITY, 1.0);
    assert_true(h.eta_w == 0.5 && h.eta_b == 0.2);
    /* Other factors are used as given. */
    h = base;
    h.lr_inc = 2.0;
    h.lr_dec = 0.25;
    h.max_ratio = 1.5;
    net_hyper_adapt(&h, 1.0, 0.1);
    assert_true(h.eta_w == 1.0 && h.eta_b == 0.4);
    net_hyper_adapt(&h, 1.0, 1.4);
    assert_true(h.eta_w == 1.0);
    net_hyper_adapt(&h, 1.0, 1.6);
    assert_true(h.eta_w == 0.25 && h.eta_b == 0.1);
}

/* Expects net_spec_check and net_new to refuse sp with exactly msg. */
static void refuse(const net_spec *sp, const char *msg)
{
    err e;
    err_clear(&e);
    assert_false(net_spec_check(sp, &e));
    assert_string_equal(e.msg, msg);
    err_clear(&e);
    assert_null(net_new(sp, &e));
    assert_string_equal(e.msg, msg);
}

static void test_spec_check(void **state)
{
    (void)state;
    err e;
    const net_spec good = tu_spec("2 3 1", NET_ACT_SIGMOID, NET_BIAS_NEURON);
    net_spec sp = good;
    assert_true(net_spec_check(&sp, &e));
    sp.nlayers = 1;
    refuse(&sp, "a network needs 2 to 16 layers, not 1");
    sp.nlayers = 17;
    refuse(&sp, "a network needs 2 to 16 layers, not 17");
    sp = good;
    sp.size[1] = 0;
    refuse(&sp, "layer 1 has 0 neurons; 1 to 4096 are allowed");
    sp.size[1] = 4097;
    refuse(&sp, "layer 1 has 4097 neurons; 1 to 4096 are allowed");
    sp = good;
    sp.size[0] = -3;
    refuse(&sp, "layer 0 has -3 neurons; 1 to 4096 are allowed");
    sp = good;
    sp.layer[2].act = NET_ACT_COUNT;
    refuse(&sp, "layer 2: unknown activation or bias mode");
    sp = good;
    sp.layer[1].bias = NET_BIAS_COUNT;
    refuse(&sp, "layer 1: unknown activation or bias mode");
    const double badab[][2] = {{0, 1}, {1, 0}, {-1, 1}, {1, -2}, {NAN, 1}, {1, NAN}, {INFINITY, 1}, {1, INFINITY}};
    for (int i = 0; i < 8; i++) {
        sp = good;
        sp.layer[2] = (net_layer_spec){NET_ACT_GSIGMOID, badab[i][0], badab[i][1], NET_BIAS_NEURON, false};
        refuse(&sp, "layer 2: gsigmoid needs A > 0 and B > 0");
    }
    sp = good;
    sp.loss = NET_LOSS_COUNT;
    refuse(&sp, "unknown loss");
    /* 4096 x 1000 + 1000 biases + 1000 x 1 + 1 = 4,098,001 > 4,000,000. */
    sp = good;
    sp.size[0] = 4096;
    sp.size[1] = 1000;
    refuse(&sp, "the network has more than 4000000 parameters");
    /* The limits themselves are allowed: 16 layers, a layer of 4096. */
    sp = tu_spec("1 1 1 1 1 1 1 4096 1 1 1 1 1 1 1 1", NET_ACT_TANH, NET_BIAS_SHARED);
    assert_true(net_spec_check(&sp, &e));
    net *n = net_new(&sp, &e);
    assert_non_null(n);
    assert_int_equal(n->nparams, 4096 * 2 + 13 + 15); /* two wide weight blocks, 13 single weights, 15 shared biases */
    net_free(n);
    /* A gsigmoid with positive A and B is fine. */
    sp = good;
    sp.layer[1] = (net_layer_spec){NET_ACT_GSIGMOID, 1.716, 0.5, NET_BIAS_NONE, false};
    assert_true(net_spec_check(&sp, &e));
}

/* net_params_finite looks at every parameter. */
static void test_params_finite(void **state)
{
    (void)state;
    net_spec sp = tu_spec("2 3 1", NET_ACT_SIGMOID, NET_BIAS_NEURON);
    err e;
    net *n = net_new(&sp, &e);
    assert_true(net_params_finite(n));
    for (int i = 0; i < n->nparams; i++) {
        n->params[i] = i % 2 ? NAN : -INFINITY;
        assert_false(net_params_finite(n));
        n->params[i] = 1e308;
        assert_true(net_params_finite(n));
    }
    net_free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gradient_by_hand),
        cmocka_unit_test(test_gradient_every_combination),
        cmocka_unit_test(test_gradient_mixed),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_activation_derivatives),
        cmocka_unit_test(test_update_sgd),
        cmocka_unit_test(test_update_momentum),
        cmocka_unit_test(test_train_sample),
        cmocka_unit_test(test_train_rows),
        cmocka_unit_test(test_step_into),
        cmocka_unit_test(test_hyper_adapt),
        cmocka_unit_test(test_spec_check),
        cmocka_unit_test(test_params_finite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
