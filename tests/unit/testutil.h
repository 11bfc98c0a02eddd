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

/* scenarios/doc000.bp as it was when these tests were written (that file is
 * the scenario helper's; the tests keep their own copy). */
static inline const char *tu_doc000(void)
{
    static const char *const lines[] = {
        "# Document 000 §2.4: one SGD step of a 2-2-2 sigmoid network.\n",
        "# Source: 000_d7663b1214c669e4.txt, §2.4 实例运用, equations (4-1)…(4-6)\n",
        "# and the update step 4). Every number the document prints for the example is in\n",
        "# [expected] below, exactly as printed, including the ones that are wrong; run\n",
        "# `bpviz --check scenarios/doc000.bp` to see which.\n",
        "[scenario]\n",
        "title  = 文档000 §2.4: 2-2-2 sigmoid network, one SGD step (biases frozen)\n",
        "source = 000_d7663b1214c669e4.txt §2.4 实例运用\n",
        "\n",
        "[network]\n",
        "layers = 2 2 2            # x (2) -> h (2) -> ŷ (2)\n",
        "loss   = half-sse         # E = ½ Σ (y − ŷ)²  (3-4)\n",
        "\n",
        "[layer 1]                 # input -> hidden: net1 = wᵀx + b1, h = sigmoid(net1)\n",
        "activation  = sigmoid\n",
        "bias        = neuron\n",
        "bias.frozen = yes         # \"一般情况下，不会对偏置项更新\"\n",
        "layout      = from-to     # row i = input x_i, column j = hidden h_j\n",
        "weights     = 0.15 0.20\n",
        "              0.25 0.30\n",
        "biases      = 0.1 0.1\n",
        "z     = net_{1$j}\n",
        "a     = h_$j\n",
        "w     = w_{$k$j}\n",
        "b     = b_{1$j}\n",
        "# δh: the hidden error term h⊙(1−h)⊙(v·δ) of (3-23), which the document does not name\n",
        "delta = δh^{($n)}_$j\n",
        "\n",
        "[layer 2]                 # hidden -> output: net2 = vᵀh + b2, ŷ = sigmoid(net2)\n",
        "activation  = sigmoid\n",
        "bias        = neuron\n",
        "bias.frozen = yes\n",
        "layout      = from-to\n",
        "weights     = 0.40 0.45\n",
        "              0.50 0.55\n",
        "biases      = 0.2 0.2\n",
        "z     = net_{2$j}\n",
        "a     = ŷ_$j\n",
        "w     = v_{$k$j}\n",
        "b     = b_{2$j}\n",
        "# δ^(k) of (3-18), with components δ_1^(1), δ_2^(1) in the element-wise lines\n",
        "delta = δ^{($n)}_$j\n",
        "\n",
        "[notation]\n",
        "x      = x_$j\n",
        "t      = y_$j\n",
        "loss   = E\n",
        "error  = E_$j\n",
        "# ∇_1 v_11 … as in the element-wise lines; v^(1), w^(1) after the update\n",
        "grad   = ∇_{$n}$p\n",
        "update = $p^{($n)}\n",
        "\n",
        "[training]\n",
        "eta        = 0.5\n",
        "iterations = 1\n",
        "\n",
        "[data]\n",
        "sample = 0.05 0.10 -> 0 1\n",
        "\n",
        "[expected]\n",
        "# (4-2) net1 = wᵀx + b1\n",
        "net_11 = 0.1325\n",
        "net_12 = 0.1400\n",
        "# (4-3) h = sigmoid(net1); the same h is substituted in (4-4), in ∇_1 v and in ∇_1 w\n",
        "h_1    = 0.5331\n",
        "h_2    = 0.5349\n",
        "# (4-4) net2 = vᵀh + b2\n",
        "net_21 = 0.6807\n",
        "net_22 = 0.7341\n",
        "# (4-5) ŷ = sigmoid(net2)\n",
        "ŷ_1    = 0.6639\n",
        "ŷ_2    = 0.6575           # printed so in the forward pass …\n",
        "# (4-6) E = ½ (Y − Ŷ)ᵀ(Y − Ŷ), substituted with ŷ = (0.6639, 0.6757); the same ŷ in the δ line\n",
        "ŷ_1    = 0.6639\n",
        "ŷ_2    = 0.6757           # … and so in the loss\n",
        "E      = 0.2796\n",
        "# δ^(1) = Ŷ⊙(1−Ŷ)⊙(Ŷ−Y)\n",
        "δ^{(1)}_1 = 0.14814\n",
        "δ^{(1)}_2 = -0.07106\n",
        "# ∇_1 v = h·δ^(1)ᵀ, printed as a matrix and again element by element (same numbers)\n",
        "∇_{1}v_{11} = 0.07897\n",
        "∇_{1}v_{12} = -0.03788\n",
        "∇_{1}v_{21} = 0.07924\n",
        "∇_{1}v_{22} = -0.03801\n",
        "# ∇_1 w = x·(h⊙(1−h)⊙(v·δ^(1)))ᵀ: the substitution line writes δ^(1)_2 as −0.007106 …\n",
        "δ^{(1)}_2 = -0.007106\n",
        "# … and the vector it multiplies x by is v·δ^(1) without the h⊙(1−h) factor\n",
        "δh^{(1)}_1 = 0.02728\n",
        "δh^{(1)}_2 = 0.03499\n",
        "# ∇_1 w = x·(0.02728, 0.03499)ᵀ, printed as a matrix and again element by element (same numbers)\n",
        "∇_{1}w_{11} = 1.364e-3\n",
        "∇_{1}w_{12} = 1.750e-3\n",
        "∇_{1}w_{21} = 2.728e-3\n",
        "∇_{1}w_{22} = 3.500e-3\n",
        "# 4) v^(1) = v^(0) − η·∇_1 v\n",
        "v_{11}^{(1)} = 0.36051\n",
        "v_{12}^{(1)} = 0.46894\n",
        "v_{21}^{(1)} = 0.46038\n",
        "v_{22}^{(1)} = 0.56901\n",
        "# w^(1) = w^(0) − η·∇_1 w (right, although the ∇_1 w printed above would not give it)\n",
        "w_{11}^{(1)} = 0.14983\n",
        "w_{12}^{(1)} = 0.19978\n",
        "w_{21}^{(1)} = 0.24966\n",
        "w_{22}^{(1)} = 0.29956\n",
        NULL,
    };
    static char text[8192];
    if (!text[0]) {
        size_t len = 0;
        for (int i = 0; lines[i]; i++) {
            size_t n = strlen(lines[i]);
            memcpy(text + len, lines[i], n);
            len += n;
        }
        text[len] = '\0';
    }
    return text;
}


#include <stdlib.h>

#include "stepper.h"

/* Every event of the stepper's current iteration copied into one array
 * (stepper_event() builds them on demand into a few rotating slots); their
 * operands are copied into the pool tu_events_ops() returns, op_first
 * rebased. The arrays are reused by the next call. */
static step_event *tu_ev_buf;
static step_operand *tu_op_buf;

static inline const step_operand *tu_events_ops(void) { return tu_op_buf; }

static inline const step_event *tu_events(const stepper *s)
{
    const int n = stepper_count(s);
    int nops = 0;
    for (int i = 0; i < n; i++)
        nops += stepper_event(s, i)->op_count;
    free(tu_ev_buf);
    free(tu_op_buf);
    tu_ev_buf = calloc((size_t)n + 1, sizeof *tu_ev_buf);
    tu_op_buf = calloc((size_t)nops + 1, sizeof *tu_op_buf);
    int at = 0;
    for (int i = 0; i < n; i++) {
        const step_event *e = stepper_event(s, i);
        tu_ev_buf[i] = *e;
        memcpy(tu_op_buf + at, stepper_operands(s) + e->op_first, (size_t)e->op_count * sizeof *tu_op_buf);
        tu_ev_buf[i].op_first = at;
        at += e->op_count;
    }
    return tu_ev_buf;
}

/* Whether two events are the same event (all fields but where their operands live). */
static inline bool tu_same_event(const step_event *a, const step_event *b)
{
    return a && b && a->kind == b->kind && a->phase == b->phase && a->layer == b->layer && a->j == b->j &&
           a->k == b->k && a->param == b->param && a->iteration == b->iteration && a->sample == b->sample &&
           a->op_count == b->op_count && memcmp(&a->value, &b->value, sizeof a->value) == 0 &&
           memcmp(&a->old, &b->old, sizeof a->old) == 0;
}

#endif
