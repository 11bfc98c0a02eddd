/* ui_status.c - the status line with its phase badge, and the one-line message. */
#include "ui_status.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "notation.h"
#include "ui_names.h"
#include "ui_text.h"

/* Badge of a group: its glyph, its word, its role. */
static void ui_status_badge(const ui_state *u, char *out, size_t outsz, ui_role *role)
{
    const marks *mk = session_marks(u->s);
    const step_event *ev = stepper_current(session_stepper(u->s));
    if (session_training(u->s)) {
        snprintf(out, outsz, " %s %s ", ui_text_glyph(UI_G_CYCLE), _("TRAINING"));
        *role = UI_ROLE_UPDATE;
        return;
    }
    switch (mk->group) {
    case MARKS_FORWARD:
        snprintf(out, outsz, " %s %s %s ", ui_text_glyph(UI_G_ARROW_R), _("FORWARD"),
                 ev && ev->phase == STEP_LOSS ? _("loss") : "");
        *role = UI_ROLE_FORWARD;
        break;
    case MARKS_BACKWARD:
        snprintf(out, outsz, " %s %s %s ", ui_text_glyph(UI_G_ARROW_L), _("BACKWARD"),
                 ev && ev->phase == STEP_GRADIENT ? _("gradient") : _("delta"));
        *role = UI_ROLE_BACKWARD;
        break;
    case MARKS_UPDATE:
        snprintf(out, outsz, " %s %s ", ui_text_glyph(UI_G_CYCLE), _("UPDATE"));
        *role = UI_ROLE_UPDATE;
        break;
    default:
        snprintf(out, outsz, " %s ", _("READY"));
        *role = UI_ROLE_TITLE;
        break;
    }
    /* Trailing blank of an empty sub-phase: squeeze "FORWARD  " to "FORWARD ". */
    size_t n = strlen(out);
    if (n >= 2 && out[n - 1] == ' ' && out[n - 2] == ' ')
        out[n - 1] = '\0';
}

void ui_status_draw(const ui_state *u, int y, int w)
{
    const scenario *sc = session_scenario(u->s);
    attr_t st = ui_color_attr(UI_ROLE_STATUS);
    ui_text_fill(y, 0, w, st);
    const stepper *stp = session_stepper(u->s);
    const step_view *v = stepper_view(stp);
    char it[96], evs[64], loss[NOTATION_MAX + 80], badge[96], name[NOTATION_MAX], num[64];
    /* Over epochs (training, or its view) the epoch and the mean loss; else the event and the sample's loss. */
    const bool epochs = session_training(u->s) || u->view == UI_VIEW_TRAIN;
    const bool batch = session_batch(u->s);
    bool known = v->loss_known;
    if (batch && epochs)
        snprintf(it, sizeof it, _("epoch %ld"), session_epoch(u->s));
    else if (batch && session_excursion(u->s) > 0)
        snprintf(it, sizeof it, _("iteration %ld from epoch %ld"), stepper_iteration(stp) + 1,
                 session_excursion(u->s));
    else
        snprintf(it, sizeof it, _("iteration %ld"), stepper_iteration(stp) + 1);
    if (epochs)
        snprintf(evs, sizeof evs, _("epoch %ld"), session_epoch(u->s));
    else
        snprintf(evs, sizeof evs, _("event %d/%d"), stepper_pos(stp), stepper_count(stp));
    ui_names_symbol(u, NT_LOSS, 0, 0, 0, name, sizeof name);
    if (epochs) {
        const train_point *p = session_point_at(u->s, session_epoch(u->s));
        known = p != NULL;
        if (p)
            ui_text_num(p->loss, 6, num, sizeof num);
        else
            snprintf(num, sizeof num, "%s", ui_text_glyph(UI_G_UNKNOWN));
        snprintf(loss, sizeof loss, _("mean %s = %s"), name, num);
    } else {
        if (known)
            ui_text_num(v->loss, 6, num, sizeof num);
        else
            snprintf(num, sizeof num, "%s", ui_text_glyph(UI_G_UNKNOWN));
        snprintf(loss, sizeof loss, "%s = %s", name, num);
    }
    ui_role br;
    ui_status_badge(u, badge, sizeof badge, &br);

    /* Right part: iteration, badge, event, loss; the title gets what is left. */
    const char *sep = ui_text_glyph(UI_G_SEP);
    int sw = ui_text_width(sep) + 2;
    int wi = ui_text_width(it), wb = ui_text_width(badge), we = ui_text_width(evs), wl = ui_text_width(loss);
    bool show_ev = !(batch && epochs);
    int right = wi + sw + wb + (show_ev ? sw + we : 0) + sw + wl + 1;
    if (right > w) {
        show_ev = false;
        right = wi + sw + wb + sw + wl + 1;
    }
    int x = w - right;
    if (x < 0)
        x = 0;
    int tw = x - 2;
    if (tw > 3) {
        ui_text_put_ellipsis(y, 1, tw, sc->title ? sc->title : "", ui_color_attr(UI_ROLE_TITLE));
    }
    x += ui_text_put(y, x, w - x, it, st);
    x += ui_text_put(y, x + 1, w - x, sep, st) + 2;
    x += ui_text_put(y, x, w - x, badge, ui_color_attr(br));
    if (show_ev) {
        x += ui_text_put(y, x + 1, w - x, sep, st) + 2;
        x += ui_text_put(y, x, w - x, evs, st);
    }
    x += ui_text_put(y, x + 1, w - x, sep, st) + 2;
    ui_text_put(y, x, w - x, loss, known ? ui_color_attr(UI_ROLE_TITLE) : st);
}

bool ui_status_draw_msg(const ui_state *u, int y, int w)
{
    if (!u->msg[0])
        return false;
    attr_t a = ui_color_attr(u->msg_error ? UI_ROLE_ERROR : UI_ROLE_CAPTION);
    ui_text_fill(y, 0, w, a);
    ui_text_put_ellipsis(y, 1, w - 2, u->msg, a);
    return true;
}
