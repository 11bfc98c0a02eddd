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
    const stepper *st = session_stepper(u->s);
    const history *hist = session_history(u->s);
    const step_view *v = stepper_view(st);
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
    int numw = ui_numwidth_get(u->numw, u->s, 6, UI_NUM_ALL);
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
    long cur = stepper_iteration(st);
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
    nk = history_rows(hist, st, cur, nu > 0, rows < 64 ? rows : 64, kept);
    char buf[64];
    if (nk == rows && rows > 0) {
        ui_text_put(yy++, bx + 2, labw, ui_text_glyph(UI_G_VDOTS), ui_color_attr(UI_ROLE_DIM));
        nk--;
    }
    for (int r = nk - 1; r >= 0; r--, yy++) {
        const double *p = stepper_params_at(st, kept[r]);
        snprintf(buf, sizeof buf, _("start of %ld"), kept[r] + 1);
        ui_text_put(yy, bx + 2, labw, buf, ui_color_attr(UI_ROLE_DIM));
        for (int c = 0; c < nu; c++) {
            double val = 0;
            bool known = history_value(hist, st, kept[r], l, j, c == 0 ? HISTORY_A : HISTORY_DELTA, &val);
            hi_num(yy, bx + 2 + labw + (c + 1) * colw, colw - 1, known, val);
        }
        for (int i = 0; i < np; i++)
            hi_num(yy, bx + 2 + labw + (nu + i + 1) * colw, colw - 1, p != NULL, p ? p[params[i]] : 0);
    }
    ui_text_put(yy, bx + 2, labw, _("now"), ui_color_attr(UI_ROLE_CAPTION));
    for (int c = 0; c < nu; c++) {
        double val = 0;
        bool known = history_value(hist, st, cur, l, j, c == 0 ? HISTORY_A : HISTORY_DELTA, &val);
        hi_num(yy, bx + 2 + labw + (c + 1) * colw, colw - 1, known, val);
    }
    for (int i = 0; i < np; i++) {
        double val = n->params[params[i]];
        ui_text_num(val, 6, buf, sizeof buf);
        ui_text_put_right(yy, bx + 2 + labw + (nu + i + 1) * colw, colw - 1, buf,
                          ui_color_attr(v->p_changed[params[i]] ? UI_ROLE_CHANGED : ui_text_sign_role(val)));
    }
}
