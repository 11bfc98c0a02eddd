/* ui_history.c - a box listing a selected parameter's value at the start of every iteration kept; for a
 * neuron also its activation and error term in every iteration the stepper narrated. */
#include "ui_history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_names.h"
#include "ui_text.h"

#define HI_COLS 6 /* parameters shown side by side for a neuron */
#define HI_NAME 160
#define HI_KEEP 4096                 /* iterations whose activations are kept, the latest */
#define HI_KEEP_DOUBLES (1L << 21)   /* and no more than 16 MiB of them */

/* Activations and error terms of narrated iterations: a ring of slots. */
static struct {
    const stepper *st;
    int nunits, cap, n, next;
    long *its;
    double *a, *d; /* [cap * nunits] */
} hi_keep;

void ui_history_forget(void)
{
    free(hi_keep.its);
    free(hi_keep.a);
    free(hi_keep.d);
    memset(&hi_keep, 0, sizeof hi_keep);
}

static int hi_find(long it)
{
    for (int i = 0; i < hi_keep.n; i++)
        if (hi_keep.its[i] == it)
            return i;
    return -1;
}

void ui_history_note(const ui_state *u)
{
    const int count = stepper_count(u->st);
    if (count == 0)
        return;
    const net *n = stepper_view(u->st)->net;
    if (hi_keep.st != u->st || hi_keep.nunits != n->nunits) {
        ui_history_forget();
        hi_keep.st = u->st;
        hi_keep.nunits = n->nunits;
        long cap = HI_KEEP_DOUBLES / (2L * n->nunits);
        hi_keep.cap = cap > HI_KEEP ? HI_KEEP : cap < 1 ? 1 : (int)cap;
        hi_keep.its = malloc((size_t)hi_keep.cap * sizeof *hi_keep.its);
        hi_keep.a = malloc((size_t)hi_keep.cap * (size_t)n->nunits * sizeof(double));
        hi_keep.d = malloc((size_t)hi_keep.cap * (size_t)n->nunits * sizeof(double));
        if (!hi_keep.its || !hi_keep.a || !hi_keep.d) {
            ui_history_forget();
            return; /* the history then shows parameters only */
        }
    }
    const long it = stepper_iteration(u->st);
    if (hi_find(it) >= 0)
        return;
    int slot = hi_keep.next;
    hi_keep.next = (hi_keep.next + 1) % hi_keep.cap;
    if (hi_keep.n < hi_keep.cap)
        hi_keep.n++;
    hi_keep.its[slot] = it;
    double *a = hi_keep.a + (size_t)slot * (size_t)n->nunits, *d = hi_keep.d + (size_t)slot * (size_t)n->nunits;
    for (int i = 0; i < n->nunits; i++)
        a[i] = d[i] = NAN;
    /* What the iteration's EV_A and EV_DELTA events compute, read from its
     * frame (walking the events would build every one of them). */
    const net *f = stepper_frame(u->st);
    for (int l = 1; l < f->spec.nlayers; l++)
        for (int j = 0; j < f->spec.size[l]; j++) {
            const int unit = stepper_unit(u->st, l, j);
            a[unit] = f->a[l][j];
            d[unit] = f->delta[l][j];
        }
}

/* The activation (what = 0) or error term (1) of unit in iteration it: from the view for the current
 * iteration (hidden until computed), else from what was kept; false when unknown. */
static bool hi_unit_value(const ui_state *u, long it, int l, int j, int what, double *out)
{
    const step_view *v = stepper_view(u->st);
    const int unit = stepper_unit(u->st, l, j);
    if (it == stepper_iteration(u->st)) {
        if (what == 0 && v->a_known[unit]) {
            *out = v->net->a[l][j];
            return true;
        }
        if (what == 1 && v->d_known[unit]) {
            *out = v->net->delta[l][j];
            return true;
        }
        return false;
    }
    if (hi_keep.st != u->st)
        return false;
    int i = hi_find(it);
    if (i < 0)
        return false;
    double x = (what == 0 ? hi_keep.a : hi_keep.d)[(size_t)i * (size_t)hi_keep.nunits + (size_t)unit];
    if (isnan(x))
        return false;
    *out = x;
    return true;
}

static int hi_desc(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* The latest iterations at or before cur (at most max, newest first) with kept
 * parameters, or (units) kept activations. Parameters are looked for among the
 * last few thousand iterations: after a long run most have none. */
static int hi_rows(const ui_state *u, long cur, bool units, int max, long *out)
{
    static long cand[64 + HI_KEEP];
    int n = 0;
    for (long it = cur; it >= 0 && it > cur - 4096 && n < max; it--)
        if (stepper_params_at(u->st, it))
            cand[n++] = it;
    if (units && hi_keep.st == u->st)
        for (int i = 0; i < hi_keep.n; i++)
            if (hi_keep.its[i] <= cur)
                cand[n++] = hi_keep.its[i];
    qsort(cand, (size_t)n, sizeof *cand, hi_desc);
    int k = 0;
    for (int i = 0; i < n && k < max; i++)
        if (k == 0 || out[k - 1] != cand[i])
            out[k++] = cand[i];
    return k;
}

/* One value right-aligned in its column: its sign's role, or a dim "·". */
static void hi_num(int y, int xend, int w, bool known, double val)
{
    char buf[64];
    if (!known) {
        ui_text_put_right(y, xend, w, ui_text_glyph(UI_G_UNKNOWN), ui_color_attr(UI_ROLE_DIM));
        return;
    }
    ui_text_num(val, 6, buf, sizeof buf);
    ui_text_put_right(y, xend, w, buf, ui_color_attr(ui_text_sign_role(val)));
}

void ui_history_draw(ui_state *u, int y, int x, int h, int w)
{
    if (u->sel.kind != UI_SEL_NEURON && u->sel.kind != UI_SEL_PARAM)
        return;
    const step_view *v = stepper_view(u->st);
    const net *n = v->net;
    int params[HI_COLS], np = 0, nu = 0; /* nu: the neuron's a and delta columns (2) or none */
    int l = u->sel.layer, j = u->sel.j;
    char title[HI_NAME * 2];
    char name[HI_NAME];
    if (u->sel.kind == UI_SEL_PARAM) {
        params[np++] = u->sel.param;
        ui_names_param(u, u->sel.param, name, sizeof name);
        snprintf(title, sizeof title, "%s", name);
    } else {
        ui_names_unit(u, l, j, name, sizeof name);
        snprintf(title, sizeof title, _("%s: its values and what feeds it"), name);
        if (l >= 1) {
            nu = 2;
            if (n->nbias[l] && np < HI_COLS - nu)
                params[np++] = net_bindex(n, l, j);
            for (int k = 0; k < n->spec.size[l - 1] && np < HI_COLS - nu; k++)
                params[np++] = net_windex(n, l, j, k);
        }
    }
    const int nc = nu + np;
    char heads[HI_COLS][HI_NAME];
    for (int c = 0; c < nu; c++)
        ui_names_symbol(u, c == 0 ? NT_A : NT_DELTA, l, j, 0, heads[c], sizeof heads[c]);
    for (int i = 0; i < np; i++)
        ui_names_param(u, params[i], heads[nu + i], sizeof heads[nu + i]);
    int numw = ui_names_num_width(u, 6, UI_NUM_ALL);
    int colw = numw + 2;
    for (int c = 0; c < nc; c++) {
        int hw = ui_text_width(heads[c]) + 2;
        colw = hw > colw ? hw : colw;
    }
    int labw = 12;
    int bw = labw + nc * colw + 4;
    int tw = ui_text_width(title) + 6;
    if (nc == 0)
        bw = 44;
    bw = tw > bw ? tw : bw;
    if (bw > w - 2)
        bw = w - 2;
    long cur = stepper_iteration(u->st);
    int bh = h - 2 < 24 ? h - 2 : 24;
    int bx = x + w - bw - 1, by = y + 1;
    attr_t fr = ui_color_attr(UI_ROLE_FRAME);
    for (int r = 0; r < bh; r++) {
        ui_text_fill(by + r, bx, bw, ui_color_attr(UI_ROLE_NORMAL));
        ui_text_put(by + r, bx, 1, ui_text_glyph(UI_G_VLINE), fr);
        ui_text_put(by + r, bx + bw - 1, 1, ui_text_glyph(UI_G_VLINE), fr);
    }
    ui_text_hline(by, bx, bw, fr);
    ui_text_hline(by + bh - 1, bx, bw, fr);
    char t[HI_NAME * 2 + 8];
    snprintf(t, sizeof t, " %s ", title);
    ui_text_put_ellipsis(by, bx + 2, bw - 4, t, ui_color_attr(UI_ROLE_SELECTED));
    ui_text_put_right(by + bh - 1, bx + bw - 2, bw - 4, _(" Esc closes "), ui_color_attr(UI_ROLE_DIM));
    if (nc == 0) {
        ui_text_put_ellipsis(by + 2, bx + 2, bw - 4, _("an input: it does not change"), ui_color_attr(UI_ROLE_DIM));
        return;
    }
    int yy = by + 1;
    ui_text_put(yy, bx + 2, labw, _("iteration"), ui_color_attr(UI_ROLE_DIM));
    for (int c = 0; c < nc; c++)
        ui_text_put_right(yy, bx + 2 + labw + (c + 1) * colw, colw - 1, heads[c], ui_color_attr(UI_ROLE_CAPTION));
    yy++;
    /* The latest iterations that fit, then the value at the cursor. Parameters
     * at the start of each kept iteration; a neuron's a and delta computed in it. */
    int rows = bh - 4;
    long kept[64];
    int nk = 0;
    nk = hi_rows(u, cur, nu > 0, rows < 64 ? rows : 64, kept);
    char buf[64];
    if (nk == rows && rows > 0) {
        ui_text_put(yy++, bx + 2, labw, ui_text_glyph(UI_G_VDOTS), ui_color_attr(UI_ROLE_DIM));
        nk--;
    }
    for (int r = nk - 1; r >= 0; r--, yy++) {
        const double *p = stepper_params_at(u->st, kept[r]);
        snprintf(buf, sizeof buf, _("start of %ld"), kept[r] + 1);
        ui_text_put(yy, bx + 2, labw, buf, ui_color_attr(UI_ROLE_DIM));
        for (int c = 0; c < nu; c++) {
            double val = 0;
            bool known = hi_unit_value(u, kept[r], l, j, c, &val);
            hi_num(yy, bx + 2 + labw + (c + 1) * colw, colw - 1, known, val);
        }
        for (int i = 0; i < np; i++)
            hi_num(yy, bx + 2 + labw + (nu + i + 1) * colw, colw - 1, p != NULL, p ? p[params[i]] : 0);
    }
    ui_text_put(yy, bx + 2, labw, _("now"), ui_color_attr(UI_ROLE_CAPTION));
    for (int c = 0; c < nu; c++) {
        double val = 0;
        bool known = hi_unit_value(u, cur, l, j, c, &val);
        hi_num(yy, bx + 2 + labw + (c + 1) * colw, colw - 1, known, val);
    }
    for (int i = 0; i < np; i++) {
        double val = n->params[params[i]];
        ui_text_num(val, 6, buf, sizeof buf);
        ui_text_put_right(yy, bx + 2 + labw + (nu + i + 1) * colw, colw - 1, buf,
                          ui_color_attr(v->p_changed[params[i]] ? UI_ROLE_CHANGED : ui_text_sign_role(val)));
    }
}
