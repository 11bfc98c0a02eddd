/* testutil.h - helpers shared by the cmocka unit tests (tests/unit/test_*.c).
 * Include after <stdarg.h>, <stddef.h>, <setjmp.h> and <cmocka.h>. */
#ifndef BPVIZ_TESTUTIL_H
#define BPVIZ_TESTUTIL_H

#include <math.h>
#include <stdio.h>

/* True when a and b agree to rel relative to the larger magnitude (exactly
 * equal values always agree; NaN never does). */
static inline int tu_close(double a, double b, double rel)
{
    if (a == b)
        return 1;
    if (isnan(a) || isnan(b))
        return 0;
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= rel * m;
}

/* Fails the test, printing both values and the expressions, unless
 * tu_close(a, b, rel). */
#define assert_close(a, b, rel)                                                     \
    do {                                                                            \
        double tu_a_ = (a), tu_b_ = (b);                                            \
        if (!tu_close(tu_a_, tu_b_, (rel))) {                                       \
            print_error("%s = %.17g but %s = %.17g (relative tolerance %g)\n", #a,  \
                        tu_a_, #b, tu_b_, (double)(rel));                           \
            fail();                                                                 \
        }                                                                           \
    } while (0)

/* Same, with a message naming the quantity compared (a printf format). */
#define assert_close_msg(a, b, rel, ...)                                            \
    do {                                                                            \
        double tu_a_ = (a), tu_b_ = (b);                                            \
        if (!tu_close(tu_a_, tu_b_, (rel))) {                                       \
            char tu_m_[256];                                                        \
            snprintf(tu_m_, sizeof tu_m_, __VA_ARGS__);                             \
            print_error("%s: got %.17g, expected %.17g (relative tolerance %g)\n",  \
                        tu_m_, tu_a_, tu_b_, (double)(rel));                        \
            fail();                                                                 \
        }                                                                           \
    } while (0)

/* The logistic function, written out for tests that compute values by hand. */
static inline double tu_sigmoid(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

/* ---- random networks and an independent reference (test_net, test_stepper,
 * test_property) ---------------------------------------------------------- */

#include <stdbool.h>
#include <string.h>

#include "net.h"
#include "rng.h"

/* Uniform double in [lo, hi). */
static inline double tu_uniform(rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_uniform(r);
}

/* Bias modes of the tests: the three of net.h plus "neuron, frozen". */
enum { TU_BIAS_NONE, TU_BIAS_NEURON, TU_BIAS_SHARED, TU_BIAS_FROZEN, TU_BIAS_COUNT };

/* Sets layer l's activation (gsigmoid with random A, B) and bias mode. */
static inline void tu_layer(rng *r, net_spec *sp, int l, int act, int bias)
{
    net_layer_spec *ls = &sp->layer[l];
    ls->act = (net_act)act;
    ls->act_a = act == NET_ACT_GSIGMOID ? tu_uniform(r, 0.5, 2.0) : 1.0;
    ls->act_b = act == NET_ACT_GSIGMOID ? tu_uniform(r, 0.5, 2.0) : 1.0;
    ls->bias = bias == TU_BIAS_FROZEN ? NET_BIAS_NEURON : (net_bias)bias;
    ls->bias_frozen = bias == TU_BIAS_FROZEN;
}

/* A random spec of 2..maxlayers layers of 1..maxwidth neurons; act, bias and
 * loss < 0 mean "random per layer / per net", else that value for every layer. */
static inline void tu_random_spec(rng *r, int maxlayers, int maxwidth, int act, int bias, int loss, net_spec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->nlayers = 2 + (int)rng_below(r, (uint64_t)maxlayers - 1);
    for (int l = 0; l < sp->nlayers; l++)
        sp->size[l] = 1 + (int)rng_below(r, (uint64_t)maxwidth);
    for (int l = 1; l < sp->nlayers; l++)
        tu_layer(r, sp, l, act >= 0 ? act : (int)rng_below(r, NET_ACT_COUNT),
                 bias >= 0 ? bias : (int)rng_below(r, TU_BIAS_COUNT));
    sp->loss = (net_loss)(loss >= 0 ? loss : (int)rng_below(r, NET_LOSS_COUNT));
}

/* Biases of layer l under spec sp, counted independently of net.c. */
static inline int tu_nbias(const net_spec *sp, int l)
{
    return sp->layer[l].bias == NET_BIAS_NEURON ? sp->size[l] : sp->layer[l].bias == NET_BIAS_SHARED ? 1 : 0;
}

/* Parameters of a spec, counted independently. */
static inline int tu_nparams(const net_spec *sp)
{
    int n = 0;
    for (int l = 1; l < sp->nlayers; l++)
        n += sp->size[l] * sp->size[l - 1] + tu_nbias(sp, l);
    return n;
}

/* Offset in params of layer l's first weight (the layout net.h documents:
 * per layer, weights w[j*size[l-1]+k], then its biases). */
static inline int tu_woff(const net_spec *sp, int l)
{
    int off = 0;
    for (int q = 1; q < l; q++)
        off += sp->size[q] * sp->size[q - 1] + tu_nbias(sp, q);
    return off;
}

/* The activations, written out again (not net_act_f). */
static inline double tu_act(const net_layer_spec *ls, double x)
{
    switch (ls->act) {
    case NET_ACT_SIGMOID: return 1.0 / (1.0 + exp(-x));
    case NET_ACT_GSIGMOID: return ls->act_a / (1.0 + exp(-x / ls->act_b));
    case NET_ACT_TANH: return tanh(x);
    case NET_ACT_RELU: return x > 0 ? x : 0.0;
    default: return x;
    }
}

/* The loss of one sample for parameters p of spec sp (layers of at most 64
 * neurons), computed without the engine. *relu_margin (may be NULL) gets the smallest |z| of a relu neuron
 * (HUGE_VAL when none), so callers can keep away from the kink. */
static inline double tu_ref_loss(const net_spec *sp, const double *p, const double *x, const double *t,
                                 double *relu_margin)
{
    double in[64], out[64];
    double margin = HUGE_VAL;
    memcpy(in, x, sizeof(double) * (size_t)sp->size[0]);
    for (int l = 1; l < sp->nlayers; l++) {
        const int nin = sp->size[l - 1], nout = sp->size[l], nb = tu_nbias(sp, l);
        const double *w = p + tu_woff(sp, l), *b = w + nout * nin;
        for (int j = 0; j < nout; j++) {
            double z = 0.0;
            for (int k = 0; k < nin; k++)
                z += w[j * nin + k] * in[k];
            if (nb)
                z += b[nb == 1 ? 0 : j];
            if (sp->layer[l].act == NET_ACT_RELU && fabs(z) < margin)
                margin = fabs(z);
            out[j] = tu_act(&sp->layer[l], z);
        }
        memcpy(in, out, sizeof(double) * (size_t)nout);
    }
    const int no = sp->size[sp->nlayers - 1];
    double E = 0.0;
    for (int j = 0; j < no; j++) {
        double d = t[j] - in[j];
        E += sp->loss == NET_LOSS_MSE ? d * d / no : 0.5 * d * d;
    }
    if (relu_margin)
        *relu_margin = margin;
    return E;
}

/* Central differences of tu_ref_loss with step h for every parameter of n
 * (at n's params, at most 4096) into fd[nparams]; returns the largest |fd|. */
static inline double tu_fd_grad(const net *n, const double *x, const double *t, double h, double *fd)
{
    double p[4096];
    double big = 0.0;
    memcpy(p, n->params, sizeof(double) * (size_t)n->nparams);
    for (int i = 0; i < n->nparams; i++) {
        const double keep = p[i];
        p[i] = keep + h;
        const double ep = tu_ref_loss(&n->spec, p, x, t, NULL);
        p[i] = keep - h;
        const double em = tu_ref_loss(&n->spec, p, x, t, NULL);
        p[i] = keep;
        fd[i] = (ep - em) / (2 * h);
        if (fabs(fd[i]) > big)
            big = fabs(fd[i]);
    }
    return big;
}

/* Mixed tolerance of a gradient check: relative 1e-6, absolute 1e-8 scaled by
 * the loss (the rounding error of (E(p+h) - E(p-h)) / 2h grows with E). */
static inline bool tu_grad_agrees(double g, double fd, double E)
{
    double m = fabs(g) > fabs(fd) ? fabs(g) : fabs(fd);
    return fabs(g - fd) <= 1e-6 * m + 1e-8 * (E > 1.0 ? E : 1.0);
}

#endif
