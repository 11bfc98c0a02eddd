/* ui_state.c - the UI's shared state: stepper ownership and the current event's read/write marks. */
#include "ui_state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formula.h"
#include "i18n.h"
#include "ui_history.h"
#include "ui_train.h"

bool ui_state_init(ui_state *u, const scenario *sc, err *e)
{
    memset(u, 0, sizeof *u);
    u->sc = sc;
    u->back_view = UI_VIEW_DIAGRAM;
    u->st = stepper_new(sc->init, &sc->data, &sc->hyper, e);
    if (!u->st)
        return false;
    const net *n = sc->init;
    int nout = n->spec.size[n->spec.nlayers - 1];
    size_t nu = (size_t)n->nunits, np = (size_t)n->nparams;
    u->mz = calloc(nu, 1);
    u->ma = calloc(nu, 1);
    u->md = calloc(nu, 1);
    u->mt = calloc((size_t)nout, 1);
    u->merr = calloc((size_t)nout, 1);
    u->mp = calloc(np ? np : 1, 1);
    u->mg = calloc(np ? np : 1, 1);
    u->checks = sc->nexpect > 0 ? calloc((size_t)sc->nexpect, sizeof *u->checks) : NULL;
    if (!u->mz || !u->ma || !u->md || !u->mt || !u->merr || !u->mp || !u->mg || (sc->nexpect > 0 && !u->checks)) {
        ui_state_free(u);
        err_set(e, NULL, 0, 0, "%s", _("out of memory"));
        return false;
    }
    /* The document's numbers, matched to their events once, as --check does. */
    if (sc->nexpect > 0 && check_run(sc, u->checks, e) < 0) {
        ui_state_free(u);
        return false;
    }
    if (!ui_train_init(u, e)) {
        ui_state_free(u);
        return false;
    }
    ui_state_refresh(u);
    return true;
}

void ui_state_free(ui_state *u)
{
    ui_history_forget();
    ui_train_free(u);
    stepper_free(u->st);
    free(u->checks);
    u->checks = NULL;
    free(u->mz);
    free(u->ma);
    free(u->md);
    free(u->mt);
    free(u->merr);
    free(u->mp);
    free(u->mg);
    u->st = NULL;
    u->mz = u->ma = u->md = u->mt = u->merr = u->mp = u->mg = NULL;
}

ui_group ui_state_group(step_phase p)
{
    switch (p) {
    case STEP_FORWARD:
    case STEP_LOSS: return UI_GROUP_FORWARD;
    case STEP_DELTA:
    case STEP_GRADIENT: return UI_GROUP_BACKWARD;
    case STEP_UPDATE: return UI_GROUP_UPDATE;
    default: return UI_GROUP_START;
    }
}


/* Marks keep the strongest touch: a value both read and written shows as written. */
static void ui_state_mark(unsigned char *slot, ui_mark m)
{
    if (*slot < m)
        *slot = (unsigned char)m;
}

/* Index of a parameter, or -1 when the layer has no such bias. */
static int ui_state_param(const net *n, step_role role, int l, int j, int k)
{
    if (l < 1 || l >= n->spec.nlayers)
        return -1;
    if (role == OP_W)
        return net_windex(n, l, j, k);
    if (n->nbias[l] == 0)
        return -1;
    return net_bindex(n, l, j);
}

void ui_state_refresh(ui_state *u)
{
    const step_view *v = stepper_view(u->st);
    const net *n = v->net;
    const int L = n->spec.nlayers - 1, nout = n->spec.size[L];
    memset(u->mz, 0, (size_t)n->nunits);
    memset(u->ma, 0, (size_t)n->nunits);
    memset(u->md, 0, (size_t)n->nunits);
    memset(u->mt, 0, (size_t)nout);
    memset(u->merr, 0, (size_t)nout);
    memset(u->mp, 0, (size_t)n->nparams);
    memset(u->mg, 0, (size_t)n->nparams);
    u->mloss = u->meta = 0;

    ui_history_note(u);
    const step_event *ev = stepper_current(u->st);
    u->group = ev ? ui_state_group(ev->phase) : UI_GROUP_START;
    if (!ev)
        return;
    const step_operand *ops = stepper_operands(u->st);
    for (int i = 0; i < ev->op_count; i++) {
        const step_operand *o = &ops[ev->op_first + i];
        if (o->layer < 0 || o->layer > L || o->j < 0 || o->j >= n->spec.size[o->layer])
            continue;
        int unit = stepper_unit(u->st, o->layer, o->j);
        int p;
        switch (o->role) {
        case OP_X:
        case OP_A: ui_state_mark(&u->ma[unit], UI_MARK_READ); break;
        case OP_Z: ui_state_mark(&u->mz[unit], UI_MARK_READ); break;
        case OP_T:
            if (o->layer == L)
                ui_state_mark(&u->mt[o->j], UI_MARK_READ);
            break;
        case OP_W:
        case OP_B:
            p = ui_state_param(n, o->role, o->layer, o->j, o->k);
            if (p >= 0)
                ui_state_mark(&u->mp[p], UI_MARK_READ);
            break;
        case OP_ERR:
            if (o->layer == L)
                ui_state_mark(&u->merr[o->j], UI_MARK_READ);
            break;
        case OP_DELTA: ui_state_mark(&u->md[unit], UI_MARK_READ); break;
        case OP_GRAD:
            if (ev->param >= 0)
                ui_state_mark(&u->mg[ev->param], UI_MARK_READ);
            break;
        case OP_ETA:
        case OP_MOM: ui_state_mark(&u->meta, UI_MARK_READ); break;
        case OP_DFDZ: ui_state_mark(&u->ma[unit], UI_MARK_READ); break; /* f' is written with a, as the documents do */
        case OP_DEDA:
            ui_state_mark(&u->ma[unit], UI_MARK_READ);
            if (o->layer == L)
                ui_state_mark(&u->mt[o->j], UI_MARK_READ);
            break;
        default: break;
        }
    }
    if (ev->layer < 0 || ev->layer > L)
        return;
    int unit = ev->j >= 0 && ev->j < n->spec.size[ev->layer] ? stepper_unit(u->st, ev->layer, ev->j) : -1;
    switch (ev->kind) {
    case EV_Z:
        if (unit >= 0)
            u->mz[unit] = UI_MARK_WRITE;
        break;
    case EV_A:
        if (unit >= 0)
            u->ma[unit] = UI_MARK_WRITE;
        break;
    case EV_DELTA:
        if (unit >= 0)
            u->md[unit] = UI_MARK_WRITE;
        break;
    case EV_ERR:
        if (ev->j >= 0 && ev->j < nout)
            u->merr[ev->j] = UI_MARK_WRITE;
        break;
    case EV_LOSS: u->mloss = UI_MARK_WRITE; break;
    case EV_GRAD_W:
    case EV_GRAD_B:
        if (ev->param >= 0 && ev->param < n->nparams)
            u->mg[ev->param] = UI_MARK_WRITE;
        break;
    case EV_UPD_W:
    case EV_UPD_B:
        if (ev->param >= 0 && ev->param < n->nparams)
            u->mp[ev->param] = UI_MARK_WRITE;
        break;
    default: break;
    }
}

ui_role ui_state_role(const ui_state *u, unsigned char m, ui_role base)
{
    static const ui_role writes[] = {UI_ROLE_WRITE_F, UI_ROLE_WRITE_F, UI_ROLE_WRITE_B, UI_ROLE_WRITE_U};
    static const ui_role reads[] = {UI_ROLE_READ_F, UI_ROLE_READ_F, UI_ROLE_READ_B, UI_ROLE_READ_U};
    if (m == UI_MARK_WRITE)
        return writes[u->group];
    if (m == UI_MARK_READ)
        return reads[u->group];
    return base;
}

void ui_state_hit(ui_state *u, int y, int x, int w, ui_sel what)
{
    if (u->nhits >= UI_HITS_MAX || w <= 0)
        return;
    u->hits[u->nhits++] = (ui_hit){y, x, w, what};
}

void ui_state_msg(ui_state *u, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->msg, sizeof u->msg, fmt, ap);
    va_end(ap);
    u->msg_error = error;
}

void ui_state_symbol(const ui_state *u, const step_event *ev, char *out, size_t outsz)
{
    /* formula_build names the event exactly as the panel and the checks do. */
    static formula f;
    formula_build(&u->sc->nt, &u->sc->spec, ev, stepper_operands(u->st), 6, &f);
    snprintf(out, outsz, "%s", f.symbol);
}
