/* ui_history.c - a box listing a selected parameter's value at the start of every iteration kept. */
#include "ui_history.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui_names.h"
#include "ui_text.h"

#define HI_COLS 6 /* parameters shown side by side for a neuron */
#define HI_NAME 160

void ui_history_draw(ui_state *u, int y, int x, int h, int w)
{
    if (u->sel.kind != UI_SEL_NEURON && u->sel.kind != UI_SEL_PARAM)
        return;
    const step_view *v = stepper_view(u->st);
    const net *n = v->net;
    int params[HI_COLS], np = 0;
    char title[HI_NAME * 2];
    char name[HI_NAME];
    if (u->sel.kind == UI_SEL_PARAM) {
        params[np++] = u->sel.param;
        ui_names_param(u, u->sel.param, name, sizeof name);
        snprintf(title, sizeof title, "%s", name);
    } else {
        int l = u->sel.layer, j = u->sel.j;
        ui_names_unit(u, l, j, name, sizeof name);
        snprintf(title, sizeof title, _("%s: what feeds it"), name);
        if (l >= 1) {
            if (n->nbias[l] && np < HI_COLS)
                params[np++] = net_bindex(n, l, n->nbias[l] == 1 ? 0 : j);
            for (int k = 0; k < n->spec.size[l - 1] && np < HI_COLS; k++)
                params[np++] = net_windex(n, l, j, k);
        }
    }
    int numw = ui_names_num_width(u, 6, UI_NUM_PARAM);
    int colw = numw + 2;
    for (int i = 0; i < np; i++) {
        ui_names_param(u, params[i], name, sizeof name);
        int nw = ui_text_width(name) + 2;
        colw = nw > colw ? nw : colw;
    }
    int labw = 12;
    int bw = labw + np * colw + 4;
    int tw = ui_text_width(title) + 6;
    if (np == 0)
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
    if (np == 0) {
        ui_text_put_ellipsis(by + 2, bx + 2, bw - 4, _("an input: it does not change"), ui_color_attr(UI_ROLE_DIM));
        return;
    }
    int yy = by + 1;
    ui_text_put(yy, bx + 2, labw, _("iteration"), ui_color_attr(UI_ROLE_DIM));
    for (int i = 0; i < np; i++) {
        ui_names_param(u, params[i], name, sizeof name);
        ui_text_put_right(yy, bx + 2 + labw + (i + 1) * colw, colw - 1, name, ui_color_attr(UI_ROLE_CAPTION));
    }
    yy++;
    /* The latest iterations that fit, then the value at the cursor. */
    int rows = bh - 4;
    long kept[64];
    int nk = 0;
    for (long it = cur; it >= 0 && nk < rows && nk < 64; it--)
        if (stepper_params_at(u->st, it))
            kept[nk++] = it;
    char buf[64];
    if (nk == rows && rows > 0) {
        ui_text_put(yy++, bx + 2, labw, ui_text_glyph(UI_G_VDOTS), ui_color_attr(UI_ROLE_DIM));
        nk--;
    }
    for (int r = nk - 1; r >= 0; r--, yy++) {
        const double *p = stepper_params_at(u->st, kept[r]);
        snprintf(buf, sizeof buf, _("start of %ld"), kept[r] + 1);
        ui_text_put(yy, bx + 2, labw, buf, ui_color_attr(UI_ROLE_DIM));
        for (int i = 0; i < np; i++) {
            ui_text_num(p[params[i]], 6, buf, sizeof buf);
            ui_text_put_right(yy, bx + 2 + labw + (i + 1) * colw, colw - 1, buf,
                              ui_color_attr(ui_text_sign_role(p[params[i]])));
        }
    }
    ui_text_put(yy, bx + 2, labw, _("now"), ui_color_attr(UI_ROLE_CAPTION));
    for (int i = 0; i < np; i++) {
        double val = n->params[params[i]];
        ui_text_num(val, 6, buf, sizeof buf);
        ui_text_put_right(yy, bx + 2 + labw + (i + 1) * colw, colw - 1, buf,
                          ui_color_attr(v->p_changed[params[i]] ? UI_ROLE_CHANGED : ui_text_sign_role(val)));
    }
}
