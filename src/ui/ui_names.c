/* ui_names.c - rendered symbol names and the widths of names and numbers the views lay out with. */
#include "ui_names.h"

#include <string.h>

#include "formula.h"
#include "ui_text.h"

/* Indices sampled when measuring a long layer: names only grow with the index's digits. */
static bool ui_names_sampled(int j, int n) { return n <= 40 || j < 10 || j >= n - 2 || j == 99 || j == 999; }

void ui_names_symbol(const ui_state *u, nt_sym sym, int l, int j, int k, char *out, size_t outsz)
{
    char m[NOTATION_MAX];
    notation_symbol(&u->sc->nt, &u->sc->spec, sym, l, j, k, stepper_iteration(u->st), stepper_sample(u->st), NULL,
                    m, sizeof m);
    ui_text_render(m, out, outsz);
}

void ui_names_param(const ui_state *u, int i, char *out, size_t outsz)
{
    char m[NOTATION_MAX];
    notation_param(&u->sc->nt, &u->sc->spec, i, stepper_iteration(u->st), m, sizeof m);
    ui_text_render(m, out, outsz);
}

void ui_names_unit(const ui_state *u, int l, int j, char *out, size_t outsz)
{
    ui_names_symbol(u, l == 0 ? NT_X : NT_A, l, j, 0, out, outsz);
}

int ui_names_width(const ui_state *u, nt_sym sym, int l)
{
    const int n = u->sc->spec.size[l];
    int best = 0;
    char buf[NOTATION_MAX];
    for (int j = 0; j < n; j++) {
        if (!ui_names_sampled(j, n))
            continue;
        ui_names_symbol(u, sym, l, j, 0, buf, sizeof buf);
        int w = ui_text_width(buf);
        best = w > best ? w : best;
    }
    return best;
}

int ui_names_param_width(const ui_state *u, int l)
{
    const net *n = stepper_view(u->st)->net;
    const int nin = n->spec.size[l - 1], nout = n->spec.size[l];
    int best = 0;
    char buf[NOTATION_MAX];
    for (int j = 0; j < nout; j++) {
        if (!ui_names_sampled(j, nout))
            continue;
        for (int k = 0; k < nin; k++) {
            if (!ui_names_sampled(k, nin))
                continue;
            ui_names_param(u, net_windex(n, l, j, k), buf, sizeof buf);
            int w = ui_text_width(buf);
            best = w > best ? w : best;
        }
    }
    for (int j = 0; j < n->nbias[l]; j++) {
        if (!ui_names_sampled(j, n->nbias[l]))
            continue;
        ui_names_param(u, net_bindex(n, l, j), buf, sizeof buf);
        int w = ui_text_width(buf);
        best = w > best ? w : best;
    }
    return best;
}

/* Events of an iteration up to which number widths are measured exactly,
 * each value formatted (about 20 ms at this size). */
#define UI_NAMES_EXACT 100000

/* Cache of number widths: the iteration, the stepper (batch mode may start a new one) and the state it was
 * measured for. */
static struct {
    const ui_state *u;
    const stepper *st;
    long it;
    int width[10][UI_NUM_KINDS];
    bool spans;                     /* span holds the iteration's values (large networks) */
    formula_span span[UI_NUM_KINDS];
} ui_names_cache;

void ui_names_forget(void) { memset(&ui_names_cache, 0, sizeof ui_names_cache); }

static void ui_names_numw(double v, int digits, int *best)
{
    char buf[64];
    ui_text_num(v, digits, buf, sizeof buf);
    int w = ui_text_width(buf);
    if (w > *best)
        *best = w;
}

static ui_numkind ui_names_kind_of(step_kind k)
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
static void ui_names_spans(const ui_state *u, long it, formula_span *sp)
{
    const net *f = stepper_frame(u->st);
    const step_view *v = stepper_view(u->st);
    const int L = f->spec.nlayers - 1;
    const double *p0 = stepper_params_at(u->st, it), *p1 = stepper_params_at(u->st, it + 1);
    for (int i = 0; i < f->nparams; i++) {
        formula_span_add(&sp[UI_NUM_PARAM], p0 ? p0[i] : f->params[i]);
        formula_span_add(&sp[UI_NUM_PARAM], p1 ? p1[i] : f->params[i]);
        formula_span_add(&sp[UI_NUM_GRAD], stepper_grad(u->st, i));
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
    formula_span_add(&sp[UI_NUM_OUT], stepper_loss(u->st));
}

int ui_names_num_width(const ui_state *u, int digits, ui_numkind kind)
{
    if (digits < 1)
        digits = 1;
    if (digits > 9)
        digits = 9;
    long it = stepper_iteration(u->st);
    if (ui_names_cache.u != u || ui_names_cache.st != u->st || ui_names_cache.it != it) {
        memset(&ui_names_cache, 0, sizeof ui_names_cache);
        ui_names_cache.u = u;
        ui_names_cache.st = u->st;
        ui_names_cache.it = it;
    }
    int *wd = ui_names_cache.width[digits];
    if (wd[kind])
        return wd[kind];
    const step_view *v = stepper_view(u->st);
    const net *n = v->net;
    const int L = n->spec.nlayers - 1;
    for (int k = 0; k < UI_NUM_KINDS; k++)
        wd[k] = 1;
    const int count = stepper_count(u->st);
    if (count > UI_NAMES_EXACT) {
        formula_span *sp = ui_names_cache.span;
        if (!ui_names_cache.spans) {
            for (int k = 0; k < UI_NUM_KINDS; k++)
                sp[k] = (formula_span)FORMULA_SPAN_EMPTY;
            ui_names_spans(u, it, sp);
            ui_names_cache.spans = true;
        }
        for (int k = 0; k < UI_NUM_ALL; k++) {
            const int w = formula_span_width(&sp[k], digits);
            wd[k] = w > wd[k] ? w : wd[k];
        }
    } else {
        const double *p0 = stepper_params_at(u->st, it);
        for (int i = 0; i < n->nparams; i++)
            ui_names_numw(p0 ? p0[i] : n->params[i], digits, &wd[UI_NUM_PARAM]);
        for (int j = 0; j < n->spec.size[0]; j++)
            ui_names_numw(v->x[j], digits, &wd[UI_NUM_UNIT]);
        for (int j = 0; j < n->spec.size[L]; j++)
            ui_names_numw(v->t[j], digits, &wd[UI_NUM_OUT]);
        for (int i = 0; i < count; i++) {
            const step_event *ev = stepper_event(u->st, i);
            ui_names_numw(ev->value, digits, &wd[ui_names_kind_of(ev->kind)]);
        }
        if (count == 0) /* flat-out training builds no events: measure what the view holds */
            for (int i = 0; i < n->nparams; i++)
                ui_names_numw(n->params[i], digits, &wd[UI_NUM_PARAM]);
    }
    for (int k = 0; k < UI_NUM_ALL; k++)
        if (wd[k] > wd[UI_NUM_ALL])
            wd[UI_NUM_ALL] = wd[k];
    return wd[kind];
}
