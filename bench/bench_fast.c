/* bench_fast.c - a prototype of a faster net_train_sample(), bit-identical to src/net.c's, to prove the gain. */
#include "bench_fast.h"

#include <math.h>
#include <string.h>

/* Bias and activation of layer l once z holds the weighted sums. */
static void bench_fast_activate(net *n, int l)
{
    const net_layer_spec *ls = &n->spec.layer[l];
    const int nout = n->spec.size[l];
    double *z = n->z[l], *a = n->a[l];
    if (n->nbias[l] == 1) {
        for (int j = 0; j < nout; j++)
            z[j] += n->b[l][0];
    } else if (n->nbias[l]) {
        for (int j = 0; j < nout; j++)
            z[j] += n->b[l][j];
    }
    if (ls->act == NET_ACT_SIGMOID) {
        for (int j = 0; j < nout; j++)
            a[j] = 1.0 / (1.0 + exp(-z[j]));
    } else {
        for (int j = 0; j < nout; j++)
            a[j] = net_act_f(ls->act, ls->act_a, ls->act_b, z[j]);
    }
}

/* Forward pass of layers from..L: as net_forward(), rows of each weight matrix four at a time. */
static void bench_fast_forward_from(net *n, int from)
{
    const net_spec *spec = &n->spec;
    for (int l = from; l < spec->nlayers; l++) {
        const int nin = spec->size[l - 1], nout = spec->size[l];
        const double *in = n->a[l - 1];
        const double *w = n->w[l];
        double *z = n->z[l];
        int j = 0;
        for (; j + 4 <= nout; j += 4) {
            const double *w0 = w + (size_t)j * nin, *w1 = w0 + nin, *w2 = w1 + nin, *w3 = w2 + nin;
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            for (int k = 0; k < nin; k++) {
                const double v = in[k];
                s0 += w0[k] * v;
                s1 += w1[k] * v;
                s2 += w2[k] * v;
                s3 += w3[k] * v;
            }
            z[j] = s0;
            z[j + 1] = s1;
            z[j + 2] = s2;
            z[j + 3] = s3;
        }
        for (; j < nout; j++) {
            const double *wj = w + (size_t)j * nin;
            double s = 0.0;
            for (int k = 0; k < nin; k++)
                s += wj[k] * in[k];
            z[j] = s;
        }
        bench_fast_activate(n, l);
    }
}

static void bench_fast_forward(net *n, const double *x)
{
    memcpy(n->a[0], x, sizeof(double) * (size_t)n->spec.size[0]);
    memcpy(n->z[0], x, sizeof(double) * (size_t)n->spec.size[0]);
    bench_fast_forward_from(n, 1);
}

/* Updates layer l's biases from the deltas d, as net_update() does. */
static void bench_fast_bias(net *n, int l, const double *d, const net_hyper *h)
{
    if (!n->nbias[l] || n->spec.layer[l].bias_frozen)
        return;
    const int nout = n->spec.size[l];
    double *b = n->b[l], *bv = n->vel + (b - n->params);
    const double eb = h->eta_b, beta = h->momentum;
    for (int j = 0; j < n->nbias[l]; j++) {
        double g;
        if (n->nbias[l] == 1) {
            g = 0.0;
            for (int q = 0; q < nout; q++)
                g += d[q];
        } else {
            g = d[j];
        }
        if (beta != 0.0) {
            bv[j] = beta * bv[j] - eb * g;
            b[j] = b[j] + bv[j];
        } else {
            b[j] = b[j] - eb * g;
        }
    }
}

/* One pass over layer l's weights: the hidden deltas of layer l-1 (from the
 * weights before the update), and the update itself. */
static void bench_fast_layer(net *n, int l, const net_hyper *h)
{
    const net_spec *spec = &n->spec;
    const int nin = spec->size[l - 1], nout = spec->size[l];
    const double *d = n->delta[l], *in = n->a[l - 1];
    double *w = n->w[l];
    double *vw = n->vel + (w - n->params);
    double *acc = l > 1 ? n->delta[l - 1] : NULL;
    const double eta = h->eta_w, beta = h->momentum;
    if (acc)
        memset(acc, 0, (size_t)nin * sizeof(double));
    for (int j = 0; j < nout; j++) {
        double *wj = w + (size_t)j * nin, *vj = vw + (size_t)j * nin;
        const double dj = d[j];
        if (acc && beta != 0.0) {
            for (int k = 0; k < nin; k++) {
                const double old = wj[k];
                acc[k] += old * dj;
                vj[k] = beta * vj[k] - eta * (dj * in[k]);
                wj[k] = old + vj[k];
            }
        } else if (acc) {
            for (int k = 0; k < nin; k++) {
                const double old = wj[k];
                acc[k] += old * dj;
                wj[k] = old - eta * (dj * in[k]);
            }
        } else if (beta != 0.0) {
            for (int k = 0; k < nin; k++) {
                vj[k] = beta * vj[k] - eta * (dj * in[k]);
                wj[k] = wj[k] + vj[k];
            }
        } else {
            for (int k = 0; k < nin; k++)
                wj[k] = wj[k] - eta * (dj * in[k]);
        }
    }
    bench_fast_bias(n, l, d, h);
    if (acc) {
        const net_layer_spec *ls = &spec->layer[l - 1];
        const double *z = n->z[l - 1], *a = n->a[l - 1];
        if (ls->act == NET_ACT_SIGMOID) {
            for (int k = 0; k < nin; k++)
                acc[k] *= a[k] * (1.0 - a[k]);
        } else {
            for (int k = 0; k < nin; k++)
                acc[k] *= net_act_df(ls->act, ls->act_a, ls->act_b, z[k], a[k]);
        }
    }
}

double bench_fast_train_sample(net *n, const double *x, const double *t, const net_hyper *h)
{
    const net_spec *spec = &n->spec;
    const int L = spec->nlayers - 1;
    bench_fast_forward(n, x);
    double E = net_loss_eval(n, t);
    const net_layer_spec *ls = &spec->layer[L];
    for (int j = 0; j < spec->size[L]; j++)
        n->delta[L][j] = n->dE_da[j] * net_act_df(ls->act, ls->act_a, ls->act_b, n->z[L][j], n->a[L][j]);
    for (int l = L; l >= 1; l--)
        bench_fast_layer(n, l, h);
    return E;
}

/* Forward pass of layer 1 for input x while applying the pending update of
 * the last sample (its input px, its deltas still in n->delta[1]). */
static void bench_fast_forward1_pending(net *n, const double *x, const double *px, const net_hyper *h)
{
    const int nin = n->spec.size[0], nout = n->spec.size[1];
    double *w = n->w[1], *vw = n->vel + (w - n->params), *z = n->z[1];
    const double *d = n->delta[1];
    const double eta = h->eta_w, beta = h->momentum;
    int j = 0;
    if (beta == 0.0) {
        for (; j + 4 <= nout; j += 4) {
            double *w0 = w + (size_t)j * nin, *w1 = w0 + nin, *w2 = w1 + nin, *w3 = w2 + nin;
            const double d0 = d[j], d1 = d[j + 1], d2 = d[j + 2], d3 = d[j + 3];
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            for (int k = 0; k < nin; k++) {
                const double v = x[k], u = px[k];
                const double n0 = w0[k] - eta * (d0 * u), n1 = w1[k] - eta * (d1 * u);
                const double n2 = w2[k] - eta * (d2 * u), n3 = w3[k] - eta * (d3 * u);
                w0[k] = n0;
                w1[k] = n1;
                w2[k] = n2;
                w3[k] = n3;
                s0 += n0 * v;
                s1 += n1 * v;
                s2 += n2 * v;
                s3 += n3 * v;
            }
            z[j] = s0;
            z[j + 1] = s1;
            z[j + 2] = s2;
            z[j + 3] = s3;
        }
    }
    for (; j < nout; j++) {
        double *wj = w + (size_t)j * nin, *vj = vw + (size_t)j * nin;
        const double dj = d[j];
        double s = 0.0;
        for (int k = 0; k < nin; k++) {
            double nw;
            if (beta != 0.0) {
                vj[k] = beta * vj[k] - eta * (dj * px[k]);
                nw = wj[k] + vj[k];
            } else {
                nw = wj[k] - eta * (dj * px[k]);
            }
            wj[k] = nw;
            s += nw * x[k];
        }
        z[j] = s;
    }
    bench_fast_bias(n, 1, d, h);
    bench_fast_activate(n, 1);
}

double bench_fast_train_rows(net *n, const double *x, const double *t, int rows, const net_hyper *h)
{
    const net_spec *spec = &n->spec;
    const int L = spec->nlayers - 1, nin = spec->size[0], nout = spec->size[L];
    const double *px = NULL;
    double sum = 0.0;
    for (int i = 0; i < rows; i++) {
        const double *xi = x + (size_t)i * nin;
        memcpy(n->a[0], xi, sizeof(double) * (size_t)nin);
        memcpy(n->z[0], xi, sizeof(double) * (size_t)nin);
        if (px) {
            bench_fast_forward1_pending(n, xi, px, h);
            bench_fast_forward_from(n, 2);
        } else {
            bench_fast_forward_from(n, 1);
        }
        sum += net_loss_eval(n, t + (size_t)i * nout);
        const net_layer_spec *ls = &spec->layer[L];
        for (int j = 0; j < nout; j++)
            n->delta[L][j] = n->dE_da[j] * net_act_df(ls->act, ls->act_a, ls->act_b, n->z[L][j], n->a[L][j]);
        for (int l = L; l >= 2; l--)
            bench_fast_layer(n, l, h);
        px = xi; /* layer 1's update waits for the next forward pass */
    }
    if (px) {
        memcpy(n->a[0], px, sizeof(double) * (size_t)nin);
        bench_fast_layer(n, 1, h);
    }
    return sum;
}
