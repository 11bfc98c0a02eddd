/* ui_help.c - the help overlay, written from the key table so it never disagrees with the bindings. */
#include "ui_help.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui_keys.h"
#include "ui_text.h"

#define HL_MAX 96   /* lines of the help */
#define HL_LEN 512

/* One line of the help: keys (may be empty), text, and whether it is a heading. */
typedef struct hl_line {
    char keys[64];
    char text[HL_LEN];
    bool heading;
    ui_role role; /* role of a legend sample in keys */
} hl_line;

static int hl_add(hl_line *ls, int n, const char *keys, const char *text, bool heading, ui_role role)
{
    if (n >= HL_MAX)
        return n;
    snprintf(ls[n].keys, sizeof ls[n].keys, "%s", keys);
    snprintf(ls[n].text, sizeof ls[n].text, "%s", text);
    ls[n].heading = heading;
    ls[n].role = role;
    return n + 1;
}

static int hl_build(hl_line *ls)
{
    int n = 0, nb;
    const ui_binding *t = ui_keys_table(&nb);
    for (int s = 0; s < UI_SEC_COUNT; s++) {
        n = hl_add(ls, n, "", _(ui_keys_section_title((ui_keys_section)s)), true, UI_ROLE_KEY);
        for (int i = 0; i < nb; i++) {
            if (t[i].section != (ui_keys_section)s)
                continue;
            char keys[64];
            ui_keys_names(&t[i], keys, sizeof keys);
            n = hl_add(ls, n, keys, _(t[i].help), false, UI_ROLE_KEY);
        }
        int nm;
        const ui_mouse_row *m = ui_keys_mouse(&nm);
        for (int i = 0; i < nm; i++)
            if (m[i].section == (ui_keys_section)s)
                n = hl_add(ls, n, _(m[i].name), _(m[i].help), false, UI_ROLE_KEY);
    }
    n = hl_add(ls, n, "", _("What the marks mean"), true, UI_ROLE_KEY);
    char k[64];
    snprintf(k, sizeof k, "%s", ui_text_glyph(UI_G_WRITE));
    n = hl_add(ls, n, k, _("the value this event computes (reverse video)"), false, UI_ROLE_WRITE_F);
    snprintf(k, sizeof k, "%s", ui_text_glyph(UI_G_READ));
    n = hl_add(ls, n, k, _("a value this event reads (underlined)"), false, UI_ROLE_READ_F);
    snprintf(k, sizeof k, "%s", ui_text_glyph(UI_G_CHANGED));
    n = hl_add(ls, n, k, _("a parameter already updated in this iteration (bold)"), false, UI_ROLE_CHANGED);
    snprintf(k, sizeof k, "%s", ui_text_glyph(UI_G_UNKNOWN));
    n = hl_add(ls, n, k, _("not computed yet in this iteration"), false, UI_ROLE_DIM);
    snprintf(k, sizeof k, "%s", ui_text_glyph(UI_G_ARROW_R));
    n = hl_add(ls, n, k, _("FORWARD phase: values flow from the inputs to the outputs, then the loss"), false,
               UI_ROLE_FORWARD);
    snprintf(k, sizeof k, "%s", ui_text_glyph(UI_G_ARROW_L));
    n = hl_add(ls, n, k, _("BACKWARD phase: error terms flow back, then every gradient"), false, UI_ROLE_BACKWARD);
    snprintf(k, sizeof k, "%s", ui_text_glyph(UI_G_CYCLE));
    n = hl_add(ls, n, k, _("UPDATE phase: every weight takes a step against its gradient"), false, UI_ROLE_UPDATE);
    n = hl_add(ls, n, "-0.5 0.5", _("negative numbers blue, positive orange (the sign is always written)"), false,
               UI_ROLE_NORMAL);
    snprintf(k, sizeof k, "%s %s", ui_text_glyph(UI_G_OK), ui_text_glyph(UI_G_BAD));
    n = hl_add(ls, n, k, _("the number matches / differs from the one the document prints"), false, UI_ROLE_OK);
    n = hl_add(ls, n, "", _("The training view"), true, UI_ROLE_KEY);
    bool uni = ui_text_unicode();
    n = hl_add(ls, n, uni ? "⠒⠒⠒" : "***", _("the mean loss over the training samples after each epoch (solid)"), false,
               UI_ROLE_CURVE_LOSS);
    n = hl_add(ls, n, uni ? "⠒⠒⠒" : "+++", _("classification: the training accuracy (solid)"), false,
               UI_ROLE_CURVE_TRAIN);
    n = hl_add(ls, n, uni ? "⠂⠂⠂" : "ooo", _("classification: the validation accuracy (dotted)"), false,
               UI_ROLE_CURVE_VAL);
    n = hl_add(ls, n, uni ? "▲" : "^", _("on the epoch axis: the epoch of the weights shown"), false, UI_ROLE_CAPTION);
    n = hl_add(ls, n, uni ? "-1.23▍" : "-1.23#", _("a weight: its sign, |w|, and a bar to the scale of the largest"),
               false, UI_ROLE_NEG);
    return n;
}

void ui_help_draw(ui_state *u, int h, int w)
{
    static hl_line ls[HL_MAX];
    int n = hl_build(ls);
    int keyw = 0;
    for (int i = 0; i < n; i++) {
        int kw = ls[i].heading ? 0 : ui_text_width(ls[i].keys);
        keyw = kw > keyw ? kw : keyw;
    }
    int bw = w - 4 < 96 ? w - 4 : 96;
    int bh = h - 2;
    if (bh > n + 4)
        bh = n + 4;
    int by = (h - bh) / 2, bx = (w - bw) / 2;
    int body = bh - 4; /* title, blank, ..., blank/footer */
    if (u->help_top > n - body)
        u->help_top = n - body;
    if (u->help_top < 0)
        u->help_top = 0;
    attr_t fr = ui_color_attr(UI_ROLE_FRAME);
    for (int r = 0; r < bh; r++)
        ui_text_fill(by + r, bx, bw, ui_color_attr(UI_ROLE_NORMAL));
    /* A plain frame: box characters in UTF-8, ASCII otherwise. */
    const char *tl = ui_text_unicode() ? "┌" : "+", *tr = ui_text_unicode() ? "┐" : "+";
    const char *bl = ui_text_unicode() ? "└" : "+", *br = ui_text_unicode() ? "┘" : "+";
    ui_text_put(by, bx, 1, tl, fr);
    ui_text_hline(by, bx + 1, bw - 2, fr);
    ui_text_put(by, bx + bw - 1, 1, tr, fr);
    ui_text_put(by + bh - 1, bx, 1, bl, fr);
    ui_text_hline(by + bh - 1, bx + 1, bw - 2, fr);
    ui_text_put(by + bh - 1, bx + bw - 1, 1, br, fr);
    for (int r = 1; r < bh - 1; r++) {
        ui_text_put(by + r, bx, 1, ui_text_glyph(UI_G_VLINE), fr);
        ui_text_put(by + r, bx + bw - 1, 1, ui_text_glyph(UI_G_VLINE), fr);
    }
    char title[128];
    snprintf(title, sizeof title, " %s ", _("bpviz help: keys and marks"));
    ui_text_put(by, bx + 2, bw - 4, title, ui_color_attr(UI_ROLE_CAPTION));
    const char *foot = _(" ? or Esc closes · ↑ ↓ scroll ");
    if (!ui_text_unicode())
        foot = _(" ? or Esc closes, Up/Down scroll ");
    ui_text_put_right(by + bh - 1, bx + bw - 2, bw - 4, foot, ui_color_attr(UI_ROLE_DIM));
    int y = by + 2;
    for (int i = u->help_top; i < n && y < by + bh - 2; i++, y++) {
        const hl_line *l = &ls[i];
        if (l->heading) {
            ui_text_put(y, bx + 2, bw - 4, l->text, ui_color_attr(UI_ROLE_CAPTION));
            continue;
        }
        ui_text_put(y, bx + 4, keyw, l->keys, ui_color_attr(l->role == UI_ROLE_KEY ? UI_ROLE_CAPTION : l->role));
        ui_text_put_ellipsis(y, bx + 4 + keyw + 3, bw - keyw - 9, l->text, ui_color_attr(UI_ROLE_NORMAL));
    }
    if (u->help_top > 0)
        ui_text_put(by + 1, bx + bw - 4, 1, ui_text_glyph(UI_G_VDOTS), ui_color_attr(UI_ROLE_DIM));
    if (u->help_top + body < n)
        ui_text_put(by + bh - 2, bx + bw - 4, 1, ui_text_glyph(UI_G_VDOTS), ui_color_attr(UI_ROLE_DIM));
}

bool ui_help_key(ui_state *u, int key)
{
    switch (ui_keys_action(key)) {
    case UI_ACT_UP: u->help_top--; return true;
    case UI_ACT_DOWN: u->help_top++; return true;
    case UI_ACT_PAGE_UP: u->help_top -= 10; return true;
    case UI_ACT_PAGE_DOWN: u->help_top += 10; return true;
    case UI_ACT_HOME: u->help_top = 0; return true;
    case UI_ACT_QUIT:
        if (key != 'q')
            return false; /* Ctrl-C quits even here */
        u->help = false;
        return true;
    case UI_ACT_REDRAW: return false;
    default:
        /* Any other key closes the help, as in ncdu. */
        u->help = false;
        return true;
    }
}
