/* ui_formula.c - the formula panel: three lines of the current event, wrapped, with the document's verdict. */
#include "ui_formula.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "formula.h"
#include "i18n.h"
#include "notation.h"
#include "ui_names.h"
#include "ui_text.h"

#define FP_LINE (FORMULA_MAX * 2) /* a rendered formula line */
#define FP_MAXROWS 32

static const char *const ui_formula_kinds[EV_KIND_COUNT] = {
    [EV_Z] = N_("weighted input"),      [EV_A] = N_("activation"),
    [EV_ERR] = N_("error of output"),   [EV_LOSS] = N_("loss"),
    [EV_DELTA] = N_("error term"),      [EV_GRAD_W] = N_("gradient of a weight"),
    [EV_GRAD_B] = N_("gradient of a bias"), [EV_UPD_W] = N_("update of a weight"),
    [EV_UPD_B] = N_("update of a bias"),
};

const char *ui_formula_kind(step_kind k) { return k < EV_KIND_COUNT ? ui_formula_kinds[k] : "?"; }

int ui_formula_height(int lines)
{
    /* A rule line and at least the three formula lines; more rows for wrapping on tall screens. */
    int h = lines / 5;
    if (h < 5)
        h = 5;
    if (h > 12)
        h = 12;
    return h;
}

/* Splits s into rows of at most w columns, breaking at blanks where it can.
 * Returns the number of rows; each row is copied into rows[i]. */
static int fp_wrap(const char *s, int w, char rows[][FP_LINE], int maxrows)
{
    int n = 0;
    /* Break before an operator, after a blank, in the last part of the row (late). */
    while (s && *s && n < maxrows)
        s = ui_text_wrap_row(s, w, true, rows[n++], FP_LINE);
    return n;
}

/* The verdicts of the document's printed numbers for this event, into out. */
static void fp_verdicts(const ui_state *u, char *out, size_t outsz, bool *any_bad)
{
    size_t o = 0;
    out[0] = '\0';
    *any_bad = false;
    const check_result *r;
    int i = 0;
    while ((r = session_check_next(u->s, &i))) {
        const char *printed = r->ex->printed;
        char one[160];
        if (r->verdict == CHECK_OK)
            snprintf(one, sizeof one, "%s %s %s", ui_text_glyph(UI_G_OK), _("document:"), printed);
        else if (r->verdict == CHECK_NEAR)
            snprintf(one, sizeof one, "%s %s %s %s", ui_text_glyph(UI_G_OK), _("document:"), printed,
                     _("(near: last digit off by one)"));
        else {
            snprintf(one, sizeof one, "%s %s %s", ui_text_glyph(UI_G_BAD), _("document prints"), printed);
            *any_bad = true;
        }
        int w = snprintf(out + o, outsz - o, "%s%s", o ? "  " : "", one);
        if (w < 0 || (size_t)w >= outsz - o)
            break;
        o += (size_t)w;
    }
}

/* The rule line at the top: what the event computes, and the verdict at the right. */
static void fp_rule(const ui_state *u, int y, int w, const char *title, const char *verdict, bool bad)
{
    attr_t fr = ui_color_attr(UI_ROLE_FRAME);
    ui_text_hline(y, 0, w, fr);
    int vw = verdict && *verdict ? ui_text_width(verdict) : 0;
    if (vw > w - 12)
        vw = w - 12;
    int tw = w - 4 - (vw ? vw + 3 : 0);
    if (title && *title && tw > 4) {
        char t[FP_LINE];
        snprintf(t, sizeof t, " %s ", title);
        ui_text_put_ellipsis(y, 2, tw, t, ui_color_attr(UI_ROLE_CAPTION));
    }
    if (vw > 0) {
        char v[FP_LINE];
        snprintf(v, sizeof v, " %s ", verdict);
        ui_text_put_right(y, w - 1, vw + 2, v, ui_color_attr(bad ? UI_ROLE_BAD : UI_ROLE_OK));
    }
    (void)u;
}

/* Draws one formula line after its label; the result after the last " = " is
 * shown in the event's written role when result is set. Returns rows used. */
static int fp_line(const ui_state *u, int y, int rows, int w, int labw, const char *label, const char *markup,
                   bool result)
{
    if (rows <= 0)
        return 0;
    static char text[FP_LINE];
    static char wrapped[FP_MAXROWS][FP_LINE];
    ui_text_render(markup, text, sizeof text);
    int avail = w - labw - 2;
    if (avail < 10)
        return 0;
    int n = fp_wrap(text, avail, wrapped, FP_MAXROWS);
    ui_text_put(y, 1, labw, label, ui_color_attr(UI_ROLE_DIM));
    const char *eq = result ? strstr(text, " = ") : NULL;
    const char *res = NULL;
    for (const char *p = eq; p; p = strstr(p + 1, " = "))
        res = p + 3;
    size_t resoff = res ? (size_t)(res - text) : strlen(text) + 1;
    size_t off = 0;
    int used = 0;
    for (int i = 0; i < n && used < rows; i++, used++) {
        const char *row = wrapped[i];
        /* The source offset of this row: rows are consecutive pieces of text, blanks dropped between. */
        const char *at = strstr(text + off, row);
        off = at ? (size_t)(at - text) : off;
        if (used == rows - 1 && i < n - 1) {
            ui_text_put_ellipsis(y + used, labw + 2, avail, row, ui_color_attr(UI_ROLE_NORMAL));
            ui_text_put(y + used, labw + 2 + avail - 1, 1, ui_text_glyph(UI_G_HDOTS), ui_color_attr(UI_ROLE_DIM));
            used++;
            break;
        }
        if (resoff >= off && resoff < off + strlen(row)) {
            char head[FP_LINE];
            size_t hl = resoff - off;
            memcpy(head, row, hl);
            head[hl] = '\0';
            int hw = ui_text_put(y + used, labw + 2, avail, head, ui_color_attr(UI_ROLE_NORMAL));
            ui_text_put(y + used, labw + 2 + hw, avail - hw, row + hl,
                        ui_color_attr(ui_state_role(u, MARKS_WRITE, UI_ROLE_NORMAL)));
        } else {
            ui_text_put(y + used, labw + 2, avail, row, ui_color_attr(UI_ROLE_NORMAL));
        }
        off += strlen(row);
    }
    return used;
}

/* Before the first event: what this iteration works on. */
static void fp_start(const ui_state *u, int y, int h, int w)
{
    const scenario *sc = session_scenario(u->s);
    const stepper *st = session_stepper(u->s);
    char buf[FP_LINE], name[NOTATION_MAX], num[64];
    snprintf(buf, sizeof buf, _("iteration %ld: nothing computed yet"), stepper_iteration(st) + 1);
    fp_rule(u, y, w, buf, NULL, false);
    if (h < 2)
        return;
    /* The sample: inputs and targets, as the document names them. */
    const step_view *v = stepper_view(st);
    const net_spec *sp = &sc->spec;
    const int L = sp->nlayers - 1;
    size_t o = (size_t)snprintf(buf, sizeof buf, "%s %d:", _("sample"), stepper_sample(st) + 1);
    for (int j = 0; j < sp->size[0] && j < 16 && o < sizeof buf - 80; j++) {
        ui_names_symbol(u, NT_X, 0, j, 0, name, sizeof name);
        ui_text_num(v->x[j], 6, num, sizeof num);
        o += (size_t)snprintf(buf + o, sizeof buf - o, "  %s = %s", name, num);
    }
    if (sp->size[0] > 16 && o < sizeof buf - 8)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "  %s", ui_text_glyph(UI_G_HDOTS));
    for (int j = 0; j < sp->size[L] && j < 16 && o < sizeof buf - 80; j++) {
        ui_names_symbol(u, NT_T, L, j, 0, name, sizeof name);
        ui_text_num(v->t[j], 6, num, sizeof num);
        o += (size_t)snprintf(buf + o, sizeof buf - o, "  %s = %s", name, num);
    }
    ui_text_put_ellipsis(y + 1, 2, w - 3, buf, ui_color_attr(UI_ROLE_NORMAL));
    if (h >= 3) {
        snprintf(buf, sizeof buf, "%s", _("Press → (or Space) to compute the first value, ? for every key."));
        if (!ui_text_unicode())
            snprintf(buf, sizeof buf, "%s", _("Press Right (or Space) to compute the first value, ? for every key."));
        ui_text_put_ellipsis(y + 2, 2, w - 3, buf, ui_color_attr(UI_ROLE_DIM));
    }
    if (h >= 4 && sc->source && *sc->source) {
        snprintf(buf, sizeof buf, _("source: %s"), sc->source);
        ui_text_put_ellipsis(y + 3, 2, w - 3, buf, ui_color_attr(UI_ROLE_DIM));
    }
}

static void fp_training(const ui_state *u, int y, int h, int w)
{
    char buf[FP_LINE];
    fp_rule(u, y, w, _("training"), NULL, false);
    if (h < 2)
        return;
    if (session_batch(u->s))
        snprintf(buf, sizeof buf,
                 _("full-batch training at epoch %ld: the training view (Tab) shows its weights; this view "
                   "shows the stepper's."),
                 session_epoch(u->s));
    else
        snprintf(buf, sizeof buf,
                 _("epoch %ld: %ld iterations run since t was pressed; the diagram shows the end of the last one."),
                 session_epoch(u->s), session_run_iterations(u->s));
    ui_text_put_ellipsis(y + 1, 2, w - 3, buf, ui_color_attr(UI_ROLE_NORMAL));
    if (h >= 3)
        ui_text_put_ellipsis(y + 2, 2, w - 3, _("t pauses, + and - change the speed; stepping keys pause it too."),
                             ui_color_attr(UI_ROLE_DIM));
}

void ui_formula_draw(ui_state *u, int y, int h, int w)
{
    const scenario *sc = session_scenario(u->s);
    const stepper *st = session_stepper(u->s);
    for (int r = 0; r < h; r++)
        ui_text_fill(y + r, 0, w, ui_color_attr(UI_ROLE_NORMAL));
    if (session_training(u->s)) {
        fp_training(u, y, h, w);
        return;
    }
    const step_event *ev = stepper_current(st);
    if (!ev) {
        fp_start(u, y, h, w);
        return;
    }
    static formula f;
    formula_build(&sc->nt, &sc->spec, ev, stepper_operands(st), 6, &f);
    char sym[NOTATION_MAX], title[FP_LINE], verdict[1024];
    ui_text_render(f.symbol, sym, sizeof sym);
    snprintf(title, sizeof title, "%s %s %s  %s", _(stepper_phase_name(ev->phase)), ui_text_glyph(UI_G_SEP),
             _(ui_formula_kind(ev->kind)), sym);
    bool bad;
    fp_verdicts(u, verdict, sizeof verdict, &bad);

    const char *labels[3] = {_("rule"), _("symbols"), _("numbers")};
    const char *lines[3] = {f.general, f.symbolic, f.numeric};
    int from = u->detail == UI_DETAIL_ALL ? 0 : u->detail == UI_DETAIL_SYMBOLS ? 1 : 2;
    int labw = 0;
    for (int i = from; i < 3; i++) {
        int lw = ui_text_width(labels[i]);
        labw = lw > labw ? lw : labw;
    }
    /* The verdict gets a row of its own under the numbers when the formulas leave one. */
    static char text[FP_LINE];
    static char wrapped[FP_MAXROWS][FP_LINE];
    int need = 0;
    for (int i = from; i < 3; i++) {
        ui_text_render(lines[i], text, sizeof text);
        need += fp_wrap(text, w - labw - 4, wrapped, FP_MAXROWS);
    }
    bool own_row = verdict[0] && need + 1 <= h - 1;
    fp_rule(u, y, w, title, own_row ? NULL : verdict, bad);

    int row = y + 1, left = h - 1 - (own_row ? 1 : 0);
    for (int i = from; i < 3 && left > 0; i++) {
        /* Keep one row for each line still to come, so the numbers always show. */
        int reserve = 2 - i;
        int rows = left - reserve;
        if (rows < 1)
            rows = 1;
        if (i == 2)
            rows = left;
        int used = fp_line(u, row, rows, w, labw, labels[i], lines[i], i == 2);
        row += used;
        left -= used;
    }
    if (own_row) {
        char v[1100];
        snprintf(v, sizeof v, " %s ", verdict);
        ui_text_put_ellipsis(row, labw + 1, w - labw - 2, v, ui_color_attr(bad ? UI_ROLE_BAD : UI_ROLE_OK));
    }
}
