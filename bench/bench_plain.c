/* bench_plain.c - a plain hand-written SGD loop for sigmoid networks: the benchmark's baseline and fairness reference. */
#include "bench_plain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bench_plain *bench_plain_new(const net *init, double eta, bench_plain_rules rules)
{
    const net_spec *sp = &init->spec;
    if (sp->loss != NET_LOSS_HALF_SSE)
        return NULL;
    size_t doubles = 0;
    for (int l = 1; l < sp->nlayers; l++) {
        if (sp->layer[l].act != NET_ACT_SIGMOID || sp->layer[l].bias != NET_BIAS_NEURON || sp->layer[l].bias_frozen)
            return NULL;
        doubles += (size_t)sp->size[l] * sp->size[l - 1] + 3 * (size_t)sp->size[l];
    }
    bench_plain *p = calloc(1, sizeof *p + doubles * sizeof(double));
    if (!p)
        return NULL;
    p->nlayers = sp->nlayers;
    double *m = (double *)(p + 1);
    for (int l = 0; l < sp->nlayers; l++) {
        p->size[l] = sp->size[l];
        if (l == 0)
            continue;
        p->w[l] = m;
        m += (size_t)sp->size[l] * sp->size[l - 1];
        p->b[l] = m;
        m += sp->size[l];
        p->a[l] = m;
        m += sp->size[l];
        p->d[l] = m;
        m += sp->size[l];
    }
    p->rules = rules;
    p->eta = rules.float_eta ? (double)(float)eta : eta;
    bench_plain_load(p, init);
    return p;
}

void bench_plain_free(bench_plain *p) { free(p); }

void bench_plain_load(bench_plain *p, const net *init)
{
    for (int l = 1; l < p->nlayers; l++) {
        memcpy(p->w[l], init->w[l], (size_t)p->size[l] * p->size[l - 1] * sizeof(double));
        memcpy(p->b[l], init->b[l], (size_t)p->size[l] * sizeof(double));
    }
}

/* w . in + b summed as fann_run does: the bias is connection n (its input is
 * 1), the n+1 products are added n+1 mod 4 first (backwards), then four at a time. */
static double bench_plain_fann_dot(const double *w, const double *in, int n, double b)
{
    const int nc = n + 1;
    double s = 0.0;
#define BENCH_PLAIN_X(i) ((i) == n ? b * 1.0 : w[i] * in[i])
    int i = nc & 3;
    switch (i) {
    case 3: s += BENCH_PLAIN_X(2); /* fall through */
    case 2: s += BENCH_PLAIN_X(1); /* fall through */
    case 1: s += BENCH_PLAIN_X(0); /* fall through */
    default: break;
    }
    for (; i != nc; i += 4)
        s += BENCH_PLAIN_X(i) + BENCH_PLAIN_X(i + 1) + BENCH_PLAIN_X(i + 2) + BENCH_PLAIN_X(i + 3);
#undef BENCH_PLAIN_X
    return s;
}

static void bench_plain_forward(bench_plain *p, const double *x)
{
    p->a[0] = (double *)x;
    for (int l = 1; l < p->nlayers; l++) {
        const int nin = p->size[l - 1], nout = p->size[l];
        const double *in = p->a[l - 1], *w = p->w[l], *b = p->b[l];
        double *a = p->a[l];
        for (int j = 0; j < nout; j++) {
            const double *wj = w + (size_t)j * nin;
            double s;
            if (p->rules.fann_order) {
                /* fann_run: sum * steepness 0.5, limited to +-150/0.5, then 1/(1+e^(-2 sum)) */
                s = 0.5 * bench_plain_fann_dot(wj, in, nin, b[j]);
                s = s > 300.0 ? 300.0 : s < -300.0 ? -300.0 : s;
                a[j] = 1.0 / (1.0 + exp(-2.0 * s));
            } else {
                s = 0.0;
                for (int k = 0; k < nin; k++)
                    s += wj[k] * in[k];
                a[j] = 1.0 / (1.0 + exp(-(s + b[j])));
            }
        }
    }
}

/* f'(z) of the sigmoid written with a = f(z). */
static inline double bench_plain_df(const bench_plain *p, double a)
{
    if (p->rules.clip)
        a = a < (double)0.01f ? (double)0.01f : a > (double)0.99f ? (double)0.99f : a;
    return a * (1.0 - a);
}

void bench_plain_train(bench_plain *p, const double *x, const double *t)
{
    const int L = p->nlayers - 1;
    bench_plain_forward(p, x);
    /* Deltas, all of them before any weight changes. */
    for (int j = 0; j < p->size[L]; j++)
        p->d[L][j] = (p->a[L][j] - t[j]) * bench_plain_df(p, p->a[L][j]);
    for (int l = L - 1; l >= 1; l--) {
        const int n = p->size[l], nn = p->size[l + 1];
        double *d = p->d[l];
        for (int j = 0; j < n; j++)
            d[j] = 0.0;
        for (int q = 0; q < nn; q++) {
            const double *wq = p->w[l + 1] + (size_t)q * n, dq = p->d[l + 1][q];
            for (int j = 0; j < n; j++)
                d[j] += wq[j] * dq;
        }
        for (int j = 0; j < n; j++)
            d[j] *= bench_plain_df(p, p->a[l][j]);
    }
    /* Updates: w -= (eta d_j) a_k. */
    for (int l = 1; l <= L; l++) {
        const int nin = p->size[l - 1], nout = p->size[l];
        const double *in = p->a[l - 1];
        for (int j = 0; j < nout; j++) {
            double *wj = p->w[l] + (size_t)j * nin;
            const double g = p->d[l][j] * p->eta;
            for (int k = 0; k < nin; k++)
                wj[k] -= g * in[k];
            p->b[l][j] -= g;
        }
    }
}

double bench_plain_loss(bench_plain *p, const double *x, const double *t)
{
    bench_plain_forward(p, x);
    const int L = p->nlayers - 1;
    double E = 0.0;
    for (int j = 0; j < p->size[L]; j++) {
        double e = t[j] - p->a[L][j];
        E += 0.5 * e * e;
    }
    return E;
}

void bench_plain_export(const bench_plain *p, net *out)
{
    for (int l = 1; l < p->nlayers; l++) {
        memcpy(out->w[l], p->w[l], (size_t)p->size[l] * p->size[l - 1] * sizeof(double));
        memcpy(out->b[l], p->b[l], (size_t)p->size[l] * sizeof(double));
    }
}
