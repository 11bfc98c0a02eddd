/* fault.c - finds the first value of a training step that is not finite and says why, honestly. */
#include "fault.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "formula.h"
#include "i18n.h"

static bool fault_set(fault *f, fault_cause cause, step_kind kind, int l, int j, int k, int param, double value)
{
    memset(f, 0, sizeof *f);
    f->cause = cause;
    f->kind = kind;
    f->layer = l;
    f->j = j;
    f->k = k;
    f->param = param;
    f->value = value;
    return true;
}

/* z^l_j is not finite: an input or parameter it reads, or the sum itself. */
static bool fault_at_z(const net *n, const double *x, int l, int j, fault *f)
{
    const int nin = n->spec.size[l - 1];
    fault_set(f, FAULT_OVERFLOW, EV_Z, l, j, 0, -1, n->z[l][j]);
    for (int k = 0; l == 1 && k < nin; k++)
        if (!isfinite(x[k])) {
            f->cause = FAULT_DATA;
            f->index = k;
            f->bad = x[k];
            return true;
        }
    const int w0 = net_windex(n, l, j, 0), b = net_bindex(n, l, j);
    for (int i = w0; i < w0 + nin; i++)
        if (!isfinite(n->params[i])) {
            f->cause = FAULT_START;
            f->index = i;
            f->bad = n->params[i];
            return true;
        }
    if (b >= 0 && !isfinite(n->params[b])) {
        f->cause = FAULT_START;
        f->index = b;
        f->bad = n->params[b];
    }
    return true;
}

/* δ^l_j is not finite: the activation's derivative, or the product or sum. */
static bool fault_at_delta(const net *n, int l, int j, fault *f)
{
    const net_layer_spec *ls = &n->spec.layer[l];
    const double z = n->z[l][j], a = n->a[l][j];
    fault_set(f, FAULT_OVERFLOW, EV_DELTA, l, j, 0, -1, n->delta[l][j]);
    const double df = net_act_df(ls->act, ls->act_a, ls->act_b, z, a);
    if (!isfinite(df)) {
        f->cause = FAULT_DERIVATIVE;
        f->z = z;
        f->a = a;
        /* net_act_df's own expression, split where it divides. */
        f->num = ls->act == NET_ACT_GSIGMOID ? a * (ls->act_a - a) : df;
        f->den = ls->act == NET_ACT_GSIGMOID ? ls->act_a * ls->act_b : 1.0;
    }
    return true;
}

bool fault_update(const net *n, const double *g, const net_hyper *h, fault *f)
{
    const net_spec *sp = &n->spec;
    const double beta = h->momentum;
    memset(f, 0, sizeof *f);
    for (int l = sp->nlayers - 1; l >= 1; l--) {
        const int nw = sp->size[l] * sp->size[l - 1], nb = sp->layer[l].bias_frozen ? 0 : n->nbias[l];
        for (int r = 0; r < nw + nb; r++) {
            const bool w = r < nw;
            const int i = w ? net_windex(n, l, 0, 0) + r : net_bindex(n, l, r - nw);
            const int j = w ? r / sp->size[l - 1] : r - nw, k = w ? r % sp->size[l - 1] : 0;
            const double eta = w ? h->eta_w : h->eta_b, p = n->params[i], v = beta != 0.0 ? n->vel[i] : 0.0;
            if (!isfinite(g[i]))
                return fault_set(f, FAULT_OVERFLOW, w ? EV_GRAD_W : EV_GRAD_B, l, j, k, i, g[i]);
            /* net_update's expressions */
            const double now = beta != 0.0 ? p + (beta * v - eta * g[i]) : p - eta * g[i];
            if (isfinite(now))
                continue;
            fault_set(f, FAULT_OVERFLOW, w ? EV_UPD_W : EV_UPD_B, l, j, k, i, now);
            if (!isfinite(p) || !isfinite(v)) {
                f->cause = FAULT_START;
                f->index = i;
                f->bad = isfinite(p) ? v : p;
            }
            return true;
        }
    }
    return false;
}

bool fault_find(net *n, const double *x, const double *t, const net_hyper *h, fault *f)
{
    const net_spec *sp = &n->spec;
    const int L = sp->nlayers - 1;
    memset(f, 0, sizeof *f);
    net_forward(n, x);
    for (int l = 1; l <= L; l++)
        for (int j = 0; j < sp->size[l]; j++) {
            if (!isfinite(n->z[l][j]))
                return fault_at_z(n, x, l, j, f);
            if (!isfinite(n->a[l][j]))
                return fault_set(f, FAULT_OVERFLOW, EV_A, l, j, 0, -1, n->a[l][j]);
        }
    const double E = net_loss_eval(n, t);
    for (int j = 0; j < sp->size[L]; j++)
        if (!isfinite(n->err_terms[j])) {
            fault_set(f, isfinite(t[j]) ? FAULT_OVERFLOW : FAULT_DATA, EV_ERR, L, j, 0, -1, n->err_terms[j]);
            f->index = j;
            f->bad = t[j];
            return true;
        }
    if (!isfinite(E))
        return fault_set(f, FAULT_OVERFLOW, EV_LOSS, L, 0, 0, -1, E);
    net_deltas(n);
    for (int l = L; l >= 1; l--)
        for (int j = 0; j < sp->size[l]; j++)
            if (!isfinite(n->delta[l][j]))
                return fault_at_delta(n, l, j, f);
    net_grads(n);
    for (int l = L; l >= 1; l--) {
        const int nw = sp->size[l] * sp->size[l - 1];
        for (int r = 0; r < nw + n->nbias[l]; r++) {
            const bool w = r < nw;
            const int i = w ? net_windex(n, l, 0, 0) + r : net_bindex(n, l, r - nw);
            if (!isfinite(n->grad[i]))
                return fault_set(f, FAULT_OVERFLOW, w ? EV_GRAD_W : EV_GRAD_B, l, w ? r / sp->size[l - 1] : r - nw,
                                 w ? r % sp->size[l - 1] : 0, i, n->grad[i]);
        }
    }
    return h ? fault_update(n, n->grad, h, f) : false;
}

bool fault_diverged(const fault *f, bool first_step)
{
    if (f->cause != FAULT_OVERFLOW)
        return false;
    return !first_step || f->kind == EV_UPD_W || f->kind == EV_UPD_B;
}

void fault_name(const fault *f, const net_spec *spec, char *out, size_t outsz)
{
    const int l = f->layer, j = f->j + 1, k = f->k + 1;
    const bool shared = l > 0 && l < spec->nlayers && spec->layer[l].bias == NET_BIAS_SHARED;
    switch (f->kind) {
    case EV_Z: snprintf(out, outsz, _("the weighted input of neuron %d in [layer %d]"), j, l); break;
    case EV_A: snprintf(out, outsz, _("the activation of neuron %d in [layer %d]"), j, l); break;
    case EV_ERR: snprintf(out, outsz, _("the error of output %d"), j); break;
    case EV_LOSS: snprintf(out, outsz, "%s", _("the loss")); break;
    case EV_DELTA: snprintf(out, outsz, _("the error term of neuron %d in [layer %d]"), j, l); break;
    case EV_GRAD_W: snprintf(out, outsz, _("the gradient of [layer %d]'s weight to neuron %d from neuron %d"), l, j, k); break;
    case EV_UPD_W: snprintf(out, outsz, _("the update of [layer %d]'s weight to neuron %d from neuron %d"), l, j, k); break;
    case EV_GRAD_B:
        if (shared)
            snprintf(out, outsz, _("the gradient of [layer %d]'s shared bias"), l);
        else
            snprintf(out, outsz, _("the gradient of the bias of neuron %d in [layer %d]"), j, l);
        break;
    default:
        if (shared)
            snprintf(out, outsz, _("the update of [layer %d]'s shared bias"), l);
        else
            snprintf(out, outsz, _("the update of the bias of neuron %d in [layer %d]"), j, l);
        break;
    }
}

/* What overflows in a quantity of that kind, for fault_reason. */
static const char *fault_operation(step_kind kind)
{
    switch (kind) {
    case EV_Z: return _("the weighted sum");
    case EV_A: return _("the activation");
    case EV_ERR: return _("the squared error");
    case EV_LOSS: return _("the sum of the outputs' errors");
    case EV_DELTA: return _("the backpropagated error");
    case EV_GRAD_W:
    case EV_GRAD_B: return _("the gradient");
    default: return _("the step");
    }
}

/* "<what> overflows" and whom to suspect. */
static void fault_overflows(const char *what, bool diverged, char *out, size_t outsz)
{
    if (diverged)
        snprintf(out, outsz, _("%s overflows (is the learning rate too large?)"), what);
    else
        snprintf(out, outsz, _("%s overflows: the data or the initial weights are too large for double precision"), what);
}

/* The derivative's clause: 0/0, x/0, inf/inf, and which product left the range. */
static void fault_derivative(const fault *f, const net_spec *spec, char *out, size_t outsz)
{
    const net_layer_spec *ls = &spec->layer[f->layer];
    char num[64], den[64], z[64], A[64], B[64], v[64];
    formula_num(f->num, 6, num, sizeof num);
    formula_num(f->den, 6, den, sizeof den);
    formula_num(f->z, 6, z, sizeof z);
    formula_num(ls->act_a, 6, A, sizeof A);
    formula_num(ls->act_b, 6, B, sizeof B);
    if (ls->act != NET_ACT_GSIGMOID) { /* no other activation gets here: f′ is bounded for a finite a */
        snprintf(out, outsz, _("the derivative of [layer %d]'s %s activation is %s at z = %s"), f->layer,
                 net_act_name(ls->act), formula_num(f->num, 6, v, sizeof v), z);
        return;
    }
    if (f->den == 0.0)
        snprintf(out, outsz,
                 _("the derivative a(A - a)/(AB) of [layer %d]'s gsigmoid is %s/%s at z = %s: A*B = %s*%s underflows to 0 "
                   "in double precision"),
                 f->layer, num, den, z, A, B);
    else if (!isfinite(f->den))
        snprintf(out, outsz,
                 _("the derivative a(A - a)/(AB) of [layer %d]'s gsigmoid is %s/%s at z = %s: A*B = %s*%s overflows in "
                   "double precision"),
                 f->layer, num, den, z, A, B);
    else
        snprintf(out, outsz,
                 _("the derivative a(A - a)/(AB) of [layer %d]'s gsigmoid is %s/%s at z = %s: a(A - a) overflows in double "
                   "precision (A = %s, B = %s)"),
                 f->layer, num, den, z, A, B);
}

void fault_reason(const fault *f, const net_spec *spec, bool first_step, char *out, size_t outsz)
{
    char v[64];
    switch (f->cause) {
    case FAULT_OVERFLOW: fault_overflows(fault_operation(f->kind), fault_diverged(f, first_step), out, outsz); break;
    case FAULT_DERIVATIVE: fault_derivative(f, spec, out, outsz); break;
    case FAULT_DATA:
        if (f->kind == EV_ERR)
            snprintf(out, outsz, _("target %d of the sample is %s"), f->index + 1, formula_num(f->bad, 6, v, sizeof v));
        else
            snprintf(out, outsz, _("input %d of the sample is %s"), f->index + 1, formula_num(f->bad, 6, v, sizeof v));
        break;
    case FAULT_START:
        snprintf(out, outsz, _("a weight, bias or velocity it reads is %s before the step"),
                 formula_num(f->bad, 6, v, sizeof v));
        break;
    default: snprintf(out, outsz, "%s", _("every value is finite")); break;
    }
}

void fault_describe(const fault *f, const net_spec *spec, bool first_step, char *out, size_t outsz)
{
    char name[256], why[512], v[64];
    fault_name(f, spec, name, sizeof name);
    if (f->cause == FAULT_OVERFLOW) {
        fault_overflows(name, fault_diverged(f, first_step), out, outsz);
        return;
    }
    fault_reason(f, spec, first_step, why, sizeof why);
    snprintf(out, outsz, _("%s is %s: %s"), name, formula_num(f->value, 6, v, sizeof v), why);
}
