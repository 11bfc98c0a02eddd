/* ui_events.c - the event list: number, phase, symbol and value of every event; future values hidden. */
#include "ui_events.h"

#include <stdio.h>
#include <string.h>

#include "formula.h"
#include "i18n.h"
#include "notation.h"
#include "ui_formula.h"
#include "ui_keys.h"
#include "ui_text.h"

static ui_role ui_events_phase_role(step_phase p)
{
    switch (marks_group_of(p)) {
    case MARKS_FORWARD: return UI_ROLE_READ_F;
    case MARKS_BACKWARD: return UI_ROLE_READ_B;
    case MARKS_UPDATE: return UI_ROLE_READ_U;
    default: return UI_ROLE_NORMAL;
    }
}

void ui_events_draw(ui_state *u, int y, int x, int h, int w)
{
    const stepper *st = session_stepper(u->s);
    const int count = stepper_count(st), pos = stepper_pos(st);
    const int rows = h - 1;
    if (rows < 1)
        return;
    /* Follow the cursor unless the user scrolled away. */
    int cur = pos - 1;
    if (!u->list_free) {
        if (cur < u->list_top + 1 || cur > u->list_top + rows - 2)
            u->list_top = cur - rows / 2;
    }
    if (u->list_top > count - rows)
        u->list_top = count - rows;
    if (u->list_top < 0)
        u->list_top = 0;

    char numw_s[16];
    int numw = snprintf(numw_s, sizeof numw_s, "%d", count);
    int phw = 0;
    for (int p = 0; p < STEP_PHASE_COUNT; p++) {
        int pw = ui_text_width(_(stepper_phase_name((step_phase)p)));
        phw = pw > phw ? pw : phw;
    }
    char head[256];
    snprintf(head, sizeof head, _("iteration %ld: %d events, %d done"), stepper_iteration(st) + 1, count, pos);
    ui_text_put(y, x + 1, w - 2, head, ui_color_attr(UI_ROLE_CAPTION));

    char sym[NOTATION_MAX], num[64], old[64], line[NOTATION_MAX + 256];
    for (int r = 0; r < rows; r++) {
        int i = u->list_top + r;
        int yy = y + 1 + r;
        if (i >= count)
            break;
        const step_event *ev = stepper_event(st, i);
        bool done = i < pos, current = i == cur;
        attr_t base = ui_color_attr(current ? ui_state_role(u, MARKS_WRITE, UI_ROLE_NORMAL)
                                            : done ? UI_ROLE_NORMAL : UI_ROLE_DIM);
        if (current)
            ui_text_fill(yy, x, w, base);
        int xx = x + 1;
        ui_text_put(yy, xx, 1, current ? ui_text_glyph(UI_G_WRITE) : " ", base);
        xx += 2;
        char nb[16];
        snprintf(nb, sizeof nb, "%*d", numw, i + 1);
        xx += ui_text_put(yy, xx, numw, nb, base) + 2;
        ui_text_put(yy, xx, phw, _(stepper_phase_name(ev->phase)),
                    current ? base : ui_color_attr(done ? ui_events_phase_role(ev->phase) : UI_ROLE_DIM));
        xx += phw + 2;
        char markup[NOTATION_MAX];
        ui_state_symbol(u, ev, markup, sizeof markup);
        ui_text_render(markup, sym, sizeof sym);
        /* Values of events still to come stay hidden: the class works them out first. */
        if (done) {
            ui_text_num(ev->value, 6, num, sizeof num);
            if (ev->kind == EV_UPD_W || ev->kind == EV_UPD_B) {
                ui_text_num(ev->old, 6, old, sizeof old);
                snprintf(line, sizeof line, "%s = %s   (%s %s)", sym, num, _("was"), old);
            } else {
                snprintf(line, sizeof line, "%s = %s", sym, num);
            }
        } else {
            snprintf(line, sizeof line, "%s = %s", sym, ui_text_glyph(UI_G_UNKNOWN));
        }
        int lw = ui_text_put_ellipsis(yy, xx, w - (xx - x) - 1, line, base);
        char kind[96];
        snprintf(kind, sizeof kind, "%s", _(ui_formula_kind(ev->kind)));
        int kw = ui_text_width(kind);
        if (xx + lw + 4 + kw < x + w)
            ui_text_put_right(yy, x + w - 1, kw, kind, current ? base : ui_color_attr(UI_ROLE_DIM));
        ui_state_hit(u, yy, x, w, (ui_sel){UI_SEL_EVENT, ev->layer, ev->j, i});
    }
    if (u->list_top > 0)
        ui_text_put(y, x + w - 2, 1, ui_text_glyph(UI_G_VDOTS), ui_color_attr(UI_ROLE_DIM));
}

bool ui_events_key(ui_state *u, int key, int rows)
{
    int page = rows > 3 ? rows - 2 : 1;
    switch (ui_keys_action(key)) {
    case UI_ACT_UP: u->list_top--; break;
    case UI_ACT_DOWN: u->list_top++; break;
    case UI_ACT_PAGE_UP: u->list_top -= page; break;
    case UI_ACT_PAGE_DOWN: u->list_top += page; break;
    case UI_ACT_HOME: u->list_top = 0; break;
    case UI_ACT_END: u->list_top = stepper_count(session_stepper(u->s)); break;
    default: return false;
    }
    u->list_free = true;
    return true;
}
