/* ui_numwidth.c - the widths of the current iteration's numbers by kind and digits, exact or (large networks) bounded. */
#include "ui_numwidth.h"

#include <stdlib.h>
#include <string.h>

#include "formula.h"
#include "ui_text.h"

/* Events of an iteration up to which number widths are measured exactly,
 * each value formatted (about 20 ms at this size). */
#define UI_NUMWIDTH_EXACT 100000

struct ui_numwidth {
    bool valid;                     /* the fields below are measured */
    unsigned long generation;       /* of the session's stepper measured */
    long it;                        /* the iteration measured */
    int width[10][UI_NUM_KINDS];    /* by digits and kind, 0 until measured */
    bool spans;                     /* span holds the iteration's values (large networks) */
    formula_span span[UI_NUM_KINDS];
};

ui_numwidth *ui_numwidth_new(void) { return calloc(1, sizeof(ui_numwidth)); }

void ui_numwidth_free(ui_numwidth *c) { free(c); }

static void ui_numwidth_measure(double v, int digits, int *best)
{
    char buf[64];
    ui_text_num(v, digits, buf, sizeof buf);
    int w = ui_text_width(buf);
    if (w > *best)
        *best = w;
}

static ui_numkind ui_numwidth_kind_of(step_kind k)
{
    switch (k) {
    case EV_Z:
    case EV_A:
    case EV_DELTA: return UI_NUM_UNIT;
    case EV_ERR:
    case EV_LOSS: return UI_NUM_OUT;
    case EV_GRAD_W:
    case EV_GRAD_B: return UI_NUM_GRAD;
    default: return UI_NUM_PARAM;
    }
}

/* The spans of a large iteration's values by kind, once per iteration: the
 * same values its events compute, read from its frame (building millions of
 * events, or formatting millions of numbers, would hold up every new
 * iteration for seconds). Widths from spans are bounds (formula.h): a column
 * may come out a character wider than needed, never narrower. */
static void ui_numwidth_spans(const stepper *st, long it, formula_span *sp)
{
    const net *f = stepper_frame(st);
    const step_view *v = stepper_view(st);
    const int L = f->spec.nlayers - 1;
    const double *p0 = stepper_params_at(st, it), *p1 = stepper_params_at(st, it + 1);
    for (int i = 0; i < f->nparams; i++) {
        formula_span_add(&sp[UI_NUM_PARAM], p0 ? p0[i] : f->params[i]);
        formula_span_add(&sp[UI_NUM_PARAM], p1 ? p1[i] : f->params[i]);
        formula_span_add(&sp[UI_NUM_GRAD], stepper_grad(st, i));
    }
    for (int j = 0; j < f->spec.size[0]; j++)
        formula_span_add(&sp[UI_NUM_UNIT], v->x[j]);
    for (int l = 1; l <= L; l++)
        for (int j = 0; j < f->spec.size[l]; j++) {
            formula_span_add(&sp[UI_NUM_UNIT], f->z[l][j]);
            formula_span_add(&sp[UI_NUM_UNIT], f->a[l][j]);
            formula_span_add(&sp[UI_NUM_UNIT], f->delta[l][j]);
        }
    for (int j = 0; j < f->spec.size[L]; j++) {
        formula_span_add(&sp[UI_NUM_OUT], v->t[j]);
        formula_span_add(&sp[UI_NUM_OUT], f->err_terms[j]);
    }
    formula_span_add(&sp[UI_NUM_OUT], stepper_loss(st));
}

/* A large iteration's widths (into wd) from the spans of its values. */
static void ui_numwidth_bounded(ui_numwidth *c, const stepper *st, int digits, int *wd)
{
    formula_span *sp = c->span;
    if (!c->spans) {
        for (int k = 0; k < UI_NUM_KINDS; k++)
            sp[k] = (formula_span)FORMULA_SPAN_EMPTY;
        ui_numwidth_spans(st, c->it, sp);
        c->spans = true;
    }
    for (int k = 0; k < UI_NUM_ALL; k++) {
        const int w = formula_span_width(&sp[k], digits);
        wd[k] = w > wd[k] ? w : wd[k];
    }
}

/* An iteration's widths (into wd), every value formatted. */
static void ui_numwidth_exact(const stepper *st, long it, int digits, int *wd)
{
    const step_view *v = stepper_view(st);
    const net *n = v->net;
    const int L = n->spec.nlayers - 1, count = stepper_count(st);
    const double *p0 = stepper_params_at(st, it);
    for (int i = 0; i < n->nparams; i++)
        ui_numwidth_measure(p0 ? p0[i] : n->params[i], digits, &wd[UI_NUM_PARAM]);
    for (int j = 0; j < n->spec.size[0]; j++)
        ui_numwidth_measure(v->x[j], digits, &wd[UI_NUM_UNIT]);
    for (int j = 0; j < n->spec.size[L]; j++)
        ui_numwidth_measure(v->t[j], digits, &wd[UI_NUM_OUT]);
    for (int i = 0; i < count; i++) {
        const step_event *ev = stepper_event(st, i);
        ui_numwidth_measure(ev->value, digits, &wd[ui_numwidth_kind_of(ev->kind)]);
    }
    if (count == 0) /* flat-out training builds no events: measure what the view holds */
        for (int i = 0; i < n->nparams; i++)
            ui_numwidth_measure(n->params[i], digits, &wd[UI_NUM_PARAM]);
}

int ui_numwidth_get(ui_numwidth *c, const session *s, int digits, ui_numkind kind)
{
    if (digits < 1)
        digits = 1;
    if (digits > 9)
        digits = 9;
    const stepper *st = session_stepper(s);
    const long it = stepper_iteration(st);
    if (!c->valid || c->generation != session_generation(s) || c->it != it) {
        memset(c, 0, sizeof *c);
        c->valid = true;
        c->generation = session_generation(s);
        c->it = it;
    }
    int *wd = c->width[digits];
    if (wd[kind])
        return wd[kind];
    for (int k = 0; k < UI_NUM_KINDS; k++)
        wd[k] = 1;
    if (stepper_count(st) > UI_NUMWIDTH_EXACT)
        ui_numwidth_bounded(c, st, digits, wd);
    else
        ui_numwidth_exact(st, it, digits, wd);
    for (int k = 0; k < UI_NUM_ALL; k++)
        if (wd[k] > wd[UI_NUM_ALL])
            wd[UI_NUM_ALL] = wd[k];
    return wd[kind];
}
