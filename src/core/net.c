/* net.c - forward pass, loss, backpropagation and updates of a double-precision network. */
#include "net.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *const net_act_names[NET_ACT_COUNT] = {"sigmoid", "gsigmoid", "tanh", "relu", "identity"};
static const char *const net_bias_names[NET_BIAS_COUNT] = {"none", "neuron", "shared"};
static const char *const net_loss_names[NET_LOSS_COUNT] = {"half-sse", "mse"};

const char *net_act_name(net_act act) { return act < NET_ACT_COUNT ? net_act_names[act] : "?"; }
const char *net_bias_name(net_bias b) { return b < NET_BIAS_COUNT ? net_bias_names[b] : "?"; }
const char *net_loss_name(net_loss l) { return l < NET_LOSS_COUNT ? net_loss_names[l] : "?"; }

static int net_layer_nbias(const net_spec *spec, int l)
{
    switch (spec->layer[l].bias) {
    case NET_BIAS_NEURON: return spec->size[l];
    case NET_BIAS_SHARED: return 1;
    default: return 0;
    }
}

int net_spec_nparams(const net_spec *spec)
{
    long total = 0;
    for (int l = 1; l < spec->nlayers; l++)
        total += (long)spec->size[l] * spec->size[l - 1] + net_layer_nbias(spec, l);
    return total > NET_MAX_PARAMS ? NET_MAX_PARAMS + 1 : (int)total;
}

bool net_spec_check(const net_spec *spec, err *e)
{
    if (spec->nlayers < 2 || spec->nlayers > NET_MAX_LAYERS) {
        err_set(e, NULL, 0, 0, _("a network needs 2 to %d layers, not %d"), NET_MAX_LAYERS, spec->nlayers);
        return false;
    }
    for (int l = 0; l < spec->nlayers; l++) {
        if (spec->size[l] < 1 || spec->size[l] > NET_MAX_WIDTH) {
            err_set(e, NULL, 0, 0, _("layer %d has %d neurons; 1 to %d are allowed"), l, spec->size[l], NET_MAX_WIDTH);
            return false;
        }
    }
    for (int l = 1; l < spec->nlayers; l++) {
        const net_layer_spec *ls = &spec->layer[l];
        if (ls->act >= NET_ACT_COUNT || ls->bias >= NET_BIAS_COUNT) {
            err_set(e, NULL, 0, 0, _("layer %d: unknown activation or bias mode"), l);
            return false;
        }
        if (ls->act == NET_ACT_GSIGMOID && (!(ls->act_a > 0) || !(ls->act_b > 0) || !isfinite(ls->act_a) || !isfinite(ls->act_b))) {
            err_set(e, NULL, 0, 0, _("layer %d: gsigmoid needs A > 0 and B > 0"), l);
            return false;
        }
    }
    if (spec->loss >= NET_LOSS_COUNT) {
        err_set(e, NULL, 0, 0, _("unknown loss"));
        return false;
    }
    if (net_spec_nparams(spec) > NET_MAX_PARAMS) {
        err_set(e, NULL, 0, 0, _("the network has more than %d parameters"), NET_MAX_PARAMS);
        return false;
    }
    return true;
}

/* Sizes of the one block: struct, then doubles, then nothing else. */
static size_t net_block_doubles(const net_spec *spec, int nparams, int nunits)
{
    /* params, grad, vel + z, a, delta per unit + dE_da, err_terms */
    return (size_t)nparams * 3 + (size_t)nunits * 3 + (size_t)spec->size[spec->nlayers - 1] * 2;
}

/* Points every array of n into the block that follows the struct. */
static void net_wire(net *n)
{
    const net_spec *spec = &n->spec;
    double *p = (double *)(n + 1);
    n->params = p;
    n->grad = p + n->nparams;
    n->vel = p + 2 * (size_t)n->nparams;
    double *u = p + 3 * (size_t)n->nparams;
    size_t off = 0;
    for (int l = 0; l < spec->nlayers; l++) {
        n->nbias[l] = l == 0 ? 0 : net_layer_nbias(spec, l);
        if (l == 0) {
            n->w[0] = n->b[0] = n->gw[0] = n->gb[0] = NULL;
        } else {
            n->w[l] = n->params + off;
            n->gw[l] = n->grad + off;
            off += (size_t)spec->size[l] * spec->size[l - 1];
            n->b[l] = n->nbias[l] ? n->params + off : NULL;
            n->gb[l] = n->nbias[l] ? n->grad + off : NULL;
            off += (size_t)n->nbias[l];
        }
    }
    size_t uo = 0;
    for (int l = 0; l < spec->nlayers; l++) {
        n->z[l] = u + uo;
        n->a[l] = u + n->nunits + uo;
        n->delta[l] = u + 2 * (size_t)n->nunits + uo;
        uo += (size_t)spec->size[l];
    }
    n->dE_da = u + 3 * (size_t)n->nunits;
    n->err_terms = n->dE_da + spec->size[spec->nlayers - 1];
}

net *net_new(const net_spec *spec, err *e)
{
    if (!net_spec_check(spec, e))
        return NULL;
    int nparams = net_spec_nparams(spec);
    int nunits = 0;
    for (int l = 0; l < spec->nlayers; l++)
        nunits += spec->size[l];
    size_t bytes = sizeof(net) + net_block_doubles(spec, nparams, nunits) * sizeof(double);
    net *n = calloc(1, bytes);
    if (!n) {
        err_set(e, NULL, 0, 0, _("out of memory"));
        return NULL;
    }
    n->spec = *spec;
    n->nparams = nparams;
    n->nunits = nunits;
    net_wire(n);
    return n;
}

void net_free(net *n) { free(n); }

net *net_clone(const net *n)
{
    size_t bytes = sizeof(net) + net_block_doubles(&n->spec, n->nparams, n->nunits) * sizeof(double);
    net *c = malloc(bytes);
    if (!c)
        return NULL;
    *c = *n;
    net_wire(c);
    /* Array by array, through n's pointers: a view's network may point
     * into other blocks (stepper.h), so n's own block is not copied whole. */
    const size_t np = (size_t)n->nparams, no = (size_t)n->spec.size[n->spec.nlayers - 1];
    memcpy(c->params, n->params, np * sizeof(double));
    memcpy(c->grad, n->grad, np * sizeof(double));
    memcpy(c->vel, n->vel, np * sizeof(double));
    for (int l = 0; l < n->spec.nlayers; l++) {
        const size_t sz = (size_t)n->spec.size[l] * sizeof(double);
        memcpy(c->z[l], n->z[l], sz);
        memcpy(c->a[l], n->a[l], sz);
        memcpy(c->delta[l], n->delta[l], sz);
    }
    memcpy(c->dE_da, n->dE_da, no * sizeof(double));
    memcpy(c->err_terms, n->err_terms, no * sizeof(double));
    return c;
}

int net_windex(const net *n, int l, int j, int k)
{
    return (int)(n->w[l] - n->params) + j * n->spec.size[l - 1] + k;
}

int net_bindex(const net *n, int l, int j)
{
    if (!n->b[l])
        return -1;
    return (int)(n->b[l] - n->params) + (n->nbias[l] == 1 ? 0 : j);
}

double net_act_f(net_act act, double A, double B, double x)
{
    switch (act) {
    case NET_ACT_SIGMOID: return 1.0 / (1.0 + exp(-x));
    case NET_ACT_GSIGMOID: return A / (1.0 + exp(-x / B));
    case NET_ACT_TANH: return tanh(x);
    case NET_ACT_RELU: return x > 0 ? x : 0.0;
    default: return x;
    }
}

double net_act_df(net_act act, double A, double B, double x, double fx)
{
    switch (act) {
    case NET_ACT_SIGMOID: return fx * (1.0 - fx);
    case NET_ACT_GSIGMOID: return fx * (A - fx) / (A * B);
    case NET_ACT_TANH: return 1.0 - fx * fx;
    case NET_ACT_RELU: return x > 0 ? 1.0 : 0.0;
    default: return 1.0;
    }
}

/* Layer l's bias and activation, once z[l] holds the weighted sums. */
static void net_activate(net *n, int l)
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

/* The forward pass of layers from..L, a[from-1] being set. */
static void net_forward_from(net *n, int from)
{
    const net_spec *spec = &n->spec;
    for (int l = from; l < spec->nlayers; l++) {
        const int nin = spec->size[l - 1], nout = spec->size[l];
        const double *in = n->a[l - 1];
        const double *w = n->w[l];
        double *z = n->z[l];
        int j = 0;
        /* Four rows at a time share each load of the input; every row still
         * sums in k order, so the result is the same to the bit. */
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
        net_activate(n, l);
    }
}

static void net_set_input(net *n, const double *x)
{
    memcpy(n->a[0], x, sizeof(double) * (size_t)n->spec.size[0]);
    memcpy(n->z[0], x, sizeof(double) * (size_t)n->spec.size[0]);
}

void net_forward(net *n, const double *x)
{
    net_set_input(n, x);
    net_forward_from(n, 1);
}

double net_loss_eval(net *n, const double *t)
{
    const int L = n->spec.nlayers - 1;
    const int no = n->spec.size[L];
    const double *a = n->a[L];
    double E = 0.0;
    double *et = n->err_terms, *g = n->dE_da;
    if (n->spec.loss == NET_LOSS_MSE) {
        for (int j = 0; j < no; j++) {
            const double d = t[j] - a[j];
            et[j] = d * d / no;
            g[j] = 2.0 * (a[j] - t[j]) / no;
            E += et[j];
        }
    } else {
        for (int j = 0; j < no; j++) {
            const double d = t[j] - a[j];
            et[j] = 0.5 * d * d;
            g[j] = a[j] - t[j];
            E += et[j];
        }
    }
    return E;
}

/* d[j] *= f'(z^l_j) for the neurons of layer l; the sigmoid's a(1-a) written
 * out (net_act_df's expression, so the same bits). */
static void net_times_df(const net *n, int l, double *d)
{
    const net_layer_spec *ls = &n->spec.layer[l];
    const int size = n->spec.size[l];
    const double *z = n->z[l], *a = n->a[l];
    if (ls->act == NET_ACT_SIGMOID)
        for (int j = 0; j < size; j++)
            d[j] *= a[j] * (1.0 - a[j]);
    else
        for (int j = 0; j < size; j++)
            d[j] *= net_act_df(ls->act, ls->act_a, ls->act_b, z[j], a[j]);
}

/* delta of the output layer from dE/da (after net_loss_eval()). */
static void net_output_delta(net *n)
{
    const int L = n->spec.nlayers - 1;
    double *d = n->delta[L];
    for (int j = 0; j < n->spec.size[L]; j++)
        d[j] = n->dE_da[j];
    net_times_df(n, L, d);
}

void net_deltas(net *n)
{
    const net_spec *spec = &n->spec;
    const int L = spec->nlayers - 1;
    net_output_delta(n);
    for (int l = L - 1; l >= 1; l--) {
        const int nout = spec->size[l], nnext = spec->size[l + 1];
        const double *wn = n->w[l + 1], *dn = n->delta[l + 1];
        double *d = n->delta[l];
        for (int j = 0; j < nout; j++) {
            double s = 0.0;
            for (int q = 0; q < nnext; q++)
                s += wn[(size_t)q * nout + j] * dn[q];
            d[j] = s;
        }
        net_times_df(n, l, d);
    }
}

/* dE/db of layer l's bias j from the deltas (a shared bias sums them in j order). */
static double net_bias_grad(const net *n, int l, int j)
{
    const double *d = n->delta[l];
    if (n->nbias[l] != 1)
        return d[j];
    double s = 0.0;
    for (int q = 0; q < n->spec.size[l]; q++)
        s += d[q];
    return s;
}

void net_grads(net *n)
{
    const net_spec *spec = &n->spec;
    for (int l = 1; l < spec->nlayers; l++) {
        const int nout = spec->size[l], nin = spec->size[l - 1];
        const double *in = n->a[l - 1], *d = n->delta[l];
        double *gw = n->gw[l];
        for (int j = 0; j < nout; j++) {
            double *g = gw + (size_t)j * nin;
            const double dj = d[j];
            for (int k = 0; k < nin; k++)
                g[k] = dj * in[k];
        }
        for (int j = 0; j < n->nbias[l]; j++)
            n->gb[l][j] = net_bias_grad(n, l, j);
    }
}

void net_backward(net *n)
{
    net_deltas(n);
    net_grads(n);
}

/* The computing layer holding parameter i. */
static int net_param_layer(const net *n, int i)
{
    int l = 1;
    while (l < n->spec.nlayers - 1 && i >= (int)(n->w[l + 1] - n->params))
        l++;
    return l;
}

bool net_param_frozen(const net *n, int i)
{
    const int l = net_param_layer(n, i);
    return n->nbias[l] && i >= (int)(n->b[l] - n->params) && n->spec.layer[l].bias_frozen;
}

double net_param_grad(const net *n, int i)
{
    const int l = net_param_layer(n, i), nin = n->spec.size[l - 1];
    const int r = i - (int)(n->w[l] - n->params);
    if (r < n->spec.size[l] * nin)
        return n->delta[l][r / nin] * n->a[l - 1][r % nin];
    return net_bias_grad(n, l, r - n->spec.size[l] * nin);
}

/* The one update rule, for one parameter p with gradient g: with momentum
 * v <- beta v - eta g, p <- p + v; without, p <- p - eta g and v is left
 * alone (net.h: velocities mean something only with momentum). The weight
 * loops write the same expressions out, for speed. */
static inline double net_step_one(double p, double *v, double g, double eta, double beta)
{
    if (beta != 0.0) {
        *v = beta * *v - eta * g;
        return p + *v;
    }
    return p - eta * g;
}

/* Layer l's biases from params/vel into out/outvel (which may be the same
 * arrays; outvel may be NULL), their gradients from the deltas; frozen ones
 * copied. */
static void net_bias_into(const net *n, int l, const net_hyper *h, const double *params, const double *vel,
                          double *out, double *outvel)
{
    if (!n->nbias[l])
        return;
    const size_t bo = (size_t)(n->b[l] - n->params);
    for (int j = 0; j < n->nbias[l]; j++) {
        double v = vel[bo + j];
        out[bo + j] = n->spec.layer[l].bias_frozen
                          ? params[bo + j]
                          : net_step_one(params[bo + j], &v, net_bias_grad(n, l, j), h->eta_b, h->momentum);
        if (outvel)
            outvel[bo + j] = v;
    }
}

void net_update(net *n, const net_hyper *h)
{
    const net_spec *spec = &n->spec;
    const double beta = h->momentum, eta = h->eta_w;
    for (int l = 1; l < spec->nlayers; l++) {
        const size_t nw = (size_t)spec->size[l] * spec->size[l - 1];
        const size_t off = (size_t)(n->w[l] - n->params);
        double *p = n->params + off, *v = n->vel + off;
        const double *g = n->grad + off;
        if (beta != 0.0) {
            for (size_t i = 0; i < nw; i++) {
                v[i] = beta * v[i] - eta * g[i];
                p[i] = p[i] + v[i];
            }
        } else {
            for (size_t i = 0; i < nw; i++)
                p[i] = p[i] - eta * g[i];
        }
        if (n->nbias[l] && !spec->layer[l].bias_frozen) {
            const size_t bo = (size_t)(n->b[l] - n->params);
            for (int j = 0; j < n->nbias[l]; j++)
                n->params[bo + j] = net_step_one(n->params[bo + j], &n->vel[bo + j], n->grad[bo + j], h->eta_b, beta);
        }
    }
}

void net_step_into(const net *n, const net_hyper *h, double *params, double *vel)
{
    const net_spec *spec = &n->spec;
    const double beta = h->momentum, eta = h->eta_w;
    for (int l = 1; l < spec->nlayers; l++) {
        const int nout = spec->size[l], nin = spec->size[l - 1];
        const size_t off = (size_t)(n->w[l] - n->params);
        const double *in = n->a[l - 1], *d = n->delta[l], *p = n->params + off, *v = n->vel + off;
        double *po = params + off, *vo = vel ? vel + off : NULL;
        /* g = d[j] * in[k] is the very product net_grads() stores. */
        if (beta != 0.0) {
            for (int j = 0; j < nout; j++, p += nin, v += nin, po += nin, vo = vo ? vo + nin : NULL)
                for (int k = 0; k < nin; k++) {
                    const double nv = beta * v[k] - eta * (d[j] * in[k]);
                    if (vo)
                        vo[k] = nv;
                    po[k] = p[k] + nv;
                }
        } else {
            for (int j = 0; j < nout; j++, p += nin, po += nin) {
                const double dj = d[j];
                for (int k = 0; k < nin; k++)
                    po[k] = p[k] - eta * (dj * in[k]);
            }
            if (vo) /* without momentum velocities stay as they were */
                memcpy(vo, n->vel + off, (size_t)nout * (size_t)nin * sizeof(double));
        }
        net_bias_into(n, l, h, n->params, n->vel, params, vel);
    }
}

/* One pass over layer l's weights: the deltas of layer l-1 from the weights
 * before the update, and the update itself. The same arithmetic, in the same
 * order, as net_backward() then net_update(); only the passes are fused. */
static void net_layer_step(net *n, int l, const net_hyper *h)
{
    const net_spec *spec = &n->spec;
    const int nin = spec->size[l - 1], nout = spec->size[l];
    const double *d = n->delta[l], *in = n->a[l - 1];
    double *w = n->w[l], *vw = n->vel + (w - n->params);
    double *acc = l > 1 ? n->delta[l - 1] : NULL;
    const double eta = h->eta_w, beta = h->momentum;
    if (acc)
        memset(acc, 0, (size_t)nin * sizeof(double));
    for (int j = 0; j < nout; j++) {
        double *wj = w + (size_t)j * nin, *vj = vw + (size_t)j * nin;
        const double dj = d[j];
        if (beta != 0.0) {
            for (int k = 0; k < nin; k++) {
                const double old = wj[k];
                if (acc)
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
        } else {
            for (int k = 0; k < nin; k++)
                wj[k] = wj[k] - eta * (dj * in[k]);
        }
    }
    net_bias_into(n, l, h, n->params, n->vel, n->params, n->vel);
    if (acc)
        net_times_df(n, l - 1, acc);
}

/* Layer 1's forward pass for the input in a[0] while applying the update
 * still pending from the previous sample (its input px, its deltas still in
 * delta[1]): each weight is read and written once for both. The new weight
 * is the expression net_layer_step() writes, and each z sums in k order. */
static void net_forward1_pending(net *n, const double *px, const net_hyper *h)
{
    const int nin = n->spec.size[0], nout = n->spec.size[1];
    double *w = n->w[1], *vw = n->vel + (w - n->params), *z = n->z[1];
    const double *d = n->delta[1], *x = n->a[0];
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
    net_bias_into(n, 1, h, n->params, n->vel, n->params, n->vel);
    net_activate(n, 1);
}

double net_train_rows(net *n, const double *x, const double *t, int rows, const net_hyper *h)
{
    const int L = n->spec.nlayers - 1, nin = n->spec.size[0], nout = n->spec.size[L];
    const double *px = NULL;
    double sum = 0.0;
    /* During the run a[0] points at the row itself (nothing writes it): no
     * copy per sample. The network's own input arrays get the last row. */
    double *own = n->a[0];
    for (int i = 0; i < rows; i++) {
        const double *xi = x + (size_t)i * nin;
        n->a[0] = (double *)xi;
        if (px) {
            net_forward1_pending(n, px, h);
            net_forward_from(n, 2);
        } else {
            net_forward_from(n, 1);
        }
        sum += net_loss_eval(n, t + (size_t)i * nout);
        net_output_delta(n);
        for (int l = L; l >= 2; l--)
            net_layer_step(n, l, h);
        px = xi; /* layer 1's update waits for the next forward pass */
    }
    n->a[0] = own;
    if (px) {
        /* The last sample's pending update; a[0] is what its gradient reads. */
        net_set_input(n, px);
        net_layer_step(n, 1, h);
    }
    return sum;
}

double net_train_sample(net *n, const double *x, const double *t, const net_hyper *h)
{
    return net_train_rows(n, x, t, 1, h);
}

double net_eval_sample(net *n, const double *x, const double *t)
{
    net_forward(n, x);
    return net_loss_eval(n, t);
}

void net_hyper_adapt(net_hyper *h, double old_loss, double new_loss)
{
    if (!h->adaptive || !isfinite(old_loss) || !isfinite(new_loss))
        return;
    if (new_loss < old_loss) {
        h->eta_w *= h->lr_inc;
        h->eta_b *= h->lr_inc;
    } else if (new_loss > old_loss * h->max_ratio) {
        h->eta_w *= h->lr_dec;
        h->eta_b *= h->lr_dec;
    }
}

bool net_params_finite(const net *n)
{
    for (int i = 0; i < n->nparams; i++)
        if (!isfinite(n->params[i]))
            return false;
    return true;
}
