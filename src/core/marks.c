/* marks.c - the read and write marks of the stepper's current event, for highlighting what it uses and sets. */
#include "marks.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

bool marks_init(marks *m, const net *n, err *e)
{
    memset(m, 0, sizeof *m);
    const int nout = n->spec.size[n->spec.nlayers - 1];
    const size_t nu = (size_t)n->nunits, np = (size_t)n->nparams;
    m->z = calloc(nu, 1);
    m->a = calloc(nu, 1);
    m->delta = calloc(nu, 1);
    m->target = calloc((size_t)nout, 1);
    m->err = calloc((size_t)nout, 1);
    m->param = calloc(np ? np : 1, 1);
    m->grad = calloc(np ? np : 1, 1);
    if (!m->z || !m->a || !m->delta || !m->target || !m->err || !m->param || !m->grad) {
        marks_free(m);
        err_set(e, NULL, 0, 0, "%s", _("out of memory"));
        return false;
    }
    return true;
}

void marks_free(marks *m)
{
    free(m->z);
    free(m->a);
    free(m->delta);
    free(m->target);
    free(m->err);
    free(m->param);
    free(m->grad);
    memset(m, 0, sizeof *m);
}

marks_group marks_group_of(step_phase p)
{
    switch (p) {
    case STEP_FORWARD:
    case STEP_LOSS: return MARKS_FORWARD;
    case STEP_DELTA:
    case STEP_GRADIENT: return MARKS_BACKWARD;
    case STEP_UPDATE: return MARKS_UPDATE;
    default: return MARKS_START;
    }
}

/* Marks keep the strongest touch: a value both read and written shows as written. */
static void marks_touch_slot(unsigned char *slot, marks_touch t)
{
    if (*slot < t)
        *slot = (unsigned char)t;
}

/* Index of a parameter, or -1 when the layer has no such bias. */
static int marks_param(const net *n, step_role role, int l, int j, int k)
{
    if (l < 1 || l >= n->spec.nlayers)
        return -1;
    if (role == OP_W)
        return net_windex(n, l, j, k);
    if (n->nbias[l] == 0)
        return -1;
    return net_bindex(n, l, j);
}

/* One operand of ev read: its value marked MARKS_READ (operands outside the network are ignored). */
static void marks_operand(marks *m, const stepper *st, const net *n, const step_event *ev, const step_operand *o)
{
    const int L = n->spec.nlayers - 1;
    if (o->layer < 0 || o->layer > L || o->j < 0 || o->j >= n->spec.size[o->layer])
        return;
    const int unit = stepper_unit(st, o->layer, o->j);
    int p;
    switch (o->role) {
    case OP_X:
    case OP_A: marks_touch_slot(&m->a[unit], MARKS_READ); break;
    case OP_Z: marks_touch_slot(&m->z[unit], MARKS_READ); break;
    case OP_T:
        if (o->layer == L)
            marks_touch_slot(&m->target[o->j], MARKS_READ);
        break;
    case OP_W:
    case OP_B:
        p = marks_param(n, o->role, o->layer, o->j, o->k);
        if (p >= 0)
            marks_touch_slot(&m->param[p], MARKS_READ);
        break;
    case OP_ERR:
        if (o->layer == L)
            marks_touch_slot(&m->err[o->j], MARKS_READ);
        break;
    case OP_DELTA: marks_touch_slot(&m->delta[unit], MARKS_READ); break;
    case OP_GRAD:
        if (ev->param >= 0)
            marks_touch_slot(&m->grad[ev->param], MARKS_READ);
        break;
    case OP_ETA:
    case OP_MOM: marks_touch_slot(&m->eta, MARKS_READ); break;
    case OP_DFDZ: marks_touch_slot(&m->a[unit], MARKS_READ); break; /* f' is written with a, as the documents do */
    case OP_DEDA:
        marks_touch_slot(&m->a[unit], MARKS_READ);
        if (o->layer == L)
            marks_touch_slot(&m->target[o->j], MARKS_READ);
        break;
    default: break;
    }
}

/* What ev computes, marked MARKS_WRITE. */
static void marks_result(marks *m, const stepper *st, const net *n, const step_event *ev)
{
    const int L = n->spec.nlayers - 1, nout = n->spec.size[L];
    if (ev->layer < 0 || ev->layer > L)
        return;
    const int unit = ev->j >= 0 && ev->j < n->spec.size[ev->layer] ? stepper_unit(st, ev->layer, ev->j) : -1;
    switch (ev->kind) {
    case EV_Z:
        if (unit >= 0)
            m->z[unit] = MARKS_WRITE;
        break;
    case EV_A:
        if (unit >= 0)
            m->a[unit] = MARKS_WRITE;
        break;
    case EV_DELTA:
        if (unit >= 0)
            m->delta[unit] = MARKS_WRITE;
        break;
    case EV_ERR:
        if (ev->j >= 0 && ev->j < nout)
            m->err[ev->j] = MARKS_WRITE;
        break;
    case EV_LOSS: m->loss = MARKS_WRITE; break;
    case EV_GRAD_W:
    case EV_GRAD_B:
        if (ev->param >= 0 && ev->param < n->nparams)
            m->grad[ev->param] = MARKS_WRITE;
        break;
    case EV_UPD_W:
    case EV_UPD_B:
        if (ev->param >= 0 && ev->param < n->nparams)
            m->param[ev->param] = MARKS_WRITE;
        break;
    default: break;
    }
}

void marks_update(marks *m, const stepper *st)
{
    const net *n = stepper_view(st)->net;
    const int nout = n->spec.size[n->spec.nlayers - 1];
    memset(m->z, 0, (size_t)n->nunits);
    memset(m->a, 0, (size_t)n->nunits);
    memset(m->delta, 0, (size_t)n->nunits);
    memset(m->target, 0, (size_t)nout);
    memset(m->err, 0, (size_t)nout);
    memset(m->param, 0, (size_t)n->nparams);
    memset(m->grad, 0, (size_t)n->nparams);
    m->loss = m->eta = MARKS_NONE;
    const step_event *ev = stepper_current(st);
    m->group = ev ? marks_group_of(ev->phase) : MARKS_START;
    if (!ev)
        return;
    const step_operand *ops = stepper_operands(st);
    for (int i = 0; i < ev->op_count; i++)
        marks_operand(m, st, n, ev, &ops[ev->op_first + i]);
    marks_result(m, st, n, ev);
}
