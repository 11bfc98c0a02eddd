/* ui_history.c - a box listing a selected parameter's value at the start of every iteration kept; for a
 * neuron also its activation and error term in every iteration the stepper narrated (session_history). */
#include "ui_history.h"

#include <stdio.h>

#include "history.h"
#include "i18n.h"
#include "ui_names.h"
#include "ui_text.h"

#define HI_COLS 6 /* parameters shown side by side for a neuron */
#define HI_NAME 160

/* What the box shows and where: filled by ui_history_columns, then ui_history_place. */
typedef struct {
    int l, j; /* the selected neuron (its a and delta columns) */
    int params[HI_COLS]; /* the parameters shown, as indexes into net.params */
    int np, nu, nc; /* parameter columns; the neuron's a and delta columns (2) or none; all columns */
    char title[HI_NAME * 2];
    char heads[HI_COLS][HI_NAME]; /* the column heads: a, delta, then the parameters */
    int labw, colw; /* the label column and each value column, in columns */
    int by, bx, bh, bw; /* the box on the screen */
} ui_history_box;

/* One value right-aligned in its column: its sign's role, or a dim "·". */
static void ui_history_num(int y, int xend, int w, bool known, double val)
{
    char buf[64];
    if (!known) {
        ui_text_put_right(y, xend, w, ui_text_glyph(UI_G_UNKNOWN), ui_color_attr(UI_ROLE_DIM));
        return;
    }
    ui_text_num(val, 6, buf, sizeof buf);
    ui_text_put_right(y, xend, w, buf, ui_color_attr(ui_text_sign_role(val)));
}

/* The right end of value column c (0: the first after the labels). */
static int ui_history_colx(const ui_history_box *b, int c)
{
    return b->bx + 2 + b->labw + (c + 1) * b->colw;
}

/* The title and the columns: a parameter alone; a neuron's a, delta and what feeds it. */
static void ui_history_columns(ui_state *u, const net *n, ui_history_box *b)
{
    char name[HI_NAME];
    b->l = u->sel.layer;
    b->j = u->sel.j;
    b->np = b->nu = 0;
    if (u->sel.kind == UI_SEL_PARAM) {
        b->params[b->np++] = u->sel.param;
        ui_names_param(u, u->sel.param, name, sizeof name);
        snprintf(b->title, sizeof b->title, "%s", name);
    } else {
        ui_names_unit(u, b->l, b->j, name, sizeof name);
        snprintf(b->title, sizeof b->title, _("%s: its values and what feeds it"), name);
        if (b->l >= 1) {
            b->nu = 2;
            if (n->nbias[b->l] && b->np < HI_COLS - b->nu)
                b->params[b->np++] = net_bindex(n, b->l, b->j);
            for (int k = 0; k < n->spec.size[b->l - 1] && b->np < HI_COLS - b->nu; k++)
                b->params[b->np++] = net_windex(n, b->l, b->j, k);
        }
    }
    b->nc = b->nu + b->np;
    for (int c = 0; c < b->nu; c++)
        ui_names_symbol(u, c == 0 ? NT_A : NT_DELTA, b->l, b->j, 0, b->heads[c], sizeof b->heads[c]);
    for (int i = 0; i < b->np; i++)
        ui_names_param(u, b->params[i], b->heads[b->nu + i], sizeof b->heads[b->nu + i]);
}

/* The box's size and place: wide enough for the numbers, the heads and the title; at the right. */
static void ui_history_place(ui_state *u, ui_history_box *b, int y, int x, int h, int w)
{
    b->colw = ui_numwidth_get(u->numw, u->s, 6, UI_NUM_ALL) + 2;
    for (int c = 0; c < b->nc; c++) {
        int hw = ui_text_width(b->heads[c]) + 2;
        b->colw = hw > b->colw ? hw : b->colw;
    }
    b->labw = 12;
    b->bw = b->labw + b->nc * b->colw + 4;
    int tw = ui_text_width(b->title) + 6;
    if (b->nc == 0)
        b->bw = 44;
    b->bw = tw > b->bw ? tw : b->bw;
    if (b->bw > w - 2)
        b->bw = w - 2;
    b->bh = h - 2 < 24 ? h - 2 : 24;
    b->bx = x + w - b->bw - 1;
    b->by = y + 1;
}

/* The frame over a cleared box, the title in it and "Esc closes" at the bottom. */
static void ui_history_frame(const ui_history_box *b)
{
    attr_t fr = ui_color_attr(UI_ROLE_FRAME);
    for (int r = 0; r < b->bh; r++) {
        ui_text_fill(b->by + r, b->bx, b->bw, ui_color_attr(UI_ROLE_NORMAL));
        ui_text_put(b->by + r, b->bx, 1, ui_text_glyph(UI_G_VLINE), fr);
        ui_text_put(b->by + r, b->bx + b->bw - 1, 1, ui_text_glyph(UI_G_VLINE), fr);
    }
    ui_text_hline(b->by, b->bx, b->bw, fr);
    ui_text_hline(b->by + b->bh - 1, b->bx, b->bw, fr);
    char t[HI_NAME * 2 + 8];
    snprintf(t, sizeof t, " %s ", b->title);
    ui_text_put_ellipsis(b->by, b->bx + 2, b->bw - 4, t, ui_color_attr(UI_ROLE_SELECTED));
    ui_text_put_right(b->by + b->bh - 1, b->bx + b->bw - 2, b->bw - 4, _(" Esc closes "),
                      ui_color_attr(UI_ROLE_DIM));
}

/* The header row: "iteration", then each column's head. */
static void ui_history_header(const ui_history_box *b, int yy)
{
    ui_text_put(yy, b->bx + 2, b->labw, _("iteration"), ui_color_attr(UI_ROLE_DIM));
    for (int c = 0; c < b->nc; c++)
        ui_text_put_right(yy, ui_history_colx(b, c), b->colw - 1, b->heads[c], ui_color_attr(UI_ROLE_CAPTION));
}

/* The neuron's a and delta in iteration it (when the stepper narrated it), on row yy. */
static void ui_history_unit_values(const ui_history_box *b, const history *hist, const stepper *st, long it,
                                   int yy)
{
    for (int c = 0; c < b->nu; c++) {
        double val = 0;
        bool known = history_value(hist, st, it, b->l, b->j, c == 0 ? HISTORY_A : HISTORY_DELTA, &val);
        ui_history_num(yy, ui_history_colx(b, c), b->colw - 1, known, val);
    }
}

/* One kept iteration's row: the parameters at its start, the neuron's values in it. */
static void ui_history_past_row(const ui_history_box *b, const history *hist, const stepper *st, long it, int yy)
{
    char buf[64];
    const double *p = stepper_params_at(st, it);
    snprintf(buf, sizeof buf, _("start of %ld"), it + 1);
    ui_text_put(yy, b->bx + 2, b->labw, buf, ui_color_attr(UI_ROLE_DIM));
    ui_history_unit_values(b, hist, st, it, yy);
    for (int i = 0; i < b->np; i++)
        ui_history_num(yy, ui_history_colx(b, b->nu + i), b->colw - 1, p != NULL, p ? p[b->params[i]] : 0);
}

/* The last row, "now": the values at the cursor, a parameter changed by this step in its role. */
static void ui_history_now_row(const ui_history_box *b, const history *hist, const stepper *st, int yy)
{
    const step_view *v = stepper_view(st);
    char buf[64];
    ui_text_put(yy, b->bx + 2, b->labw, _("now"), ui_color_attr(UI_ROLE_CAPTION));
    ui_history_unit_values(b, hist, st, stepper_iteration(st), yy);
    for (int i = 0; i < b->np; i++) {
        double val = v->net->params[b->params[i]];
        ui_text_num(val, 6, buf, sizeof buf);
        ui_text_put_right(yy, ui_history_colx(b, b->nu + i), b->colw - 1, buf,
                          ui_color_attr(v->p_changed[b->params[i]] ? UI_ROLE_CHANGED : ui_text_sign_role(val)));
    }
}

void ui_history_draw(ui_state *u, int y, int x, int h, int w)
{
    if (u->sel.kind != UI_SEL_NEURON && u->sel.kind != UI_SEL_PARAM)
        return;
    const stepper *st = session_stepper(u->s);
    const history *hist = session_history(u->s);
    ui_history_box b;
    ui_history_columns(u, stepper_view(st)->net, &b);
    ui_history_place(u, &b, y, x, h, w);
    ui_history_frame(&b);
    if (b.nc == 0) {
        ui_text_put_ellipsis(b.by + 2, b.bx + 2, b.bw - 4, _("an input: it does not change"),
                             ui_color_attr(UI_ROLE_DIM));
        return;
    }
    int yy = b.by + 1;
    ui_history_header(&b, yy++);
    /* The latest iterations that fit, then the value at the cursor. Parameters
     * at the start of each kept iteration; a neuron's a and delta computed in it. */
    int rows = b.bh - 4;
    long kept[64];
    int nk = history_rows(hist, st, stepper_iteration(st), b.nu > 0, rows < 64 ? rows : 64, kept);
    if (nk == rows && rows > 0) {
        ui_text_put(yy++, b.bx + 2, b.labw, ui_text_glyph(UI_G_VDOTS), ui_color_attr(UI_ROLE_DIM));
        nk--;
    }
    for (int r = nk - 1; r >= 0; r--, yy++)
        ui_history_past_row(&b, hist, st, kept[r], yy);
    ui_history_now_row(&b, hist, st, yy);
}
