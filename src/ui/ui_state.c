/* ui_state.c - the UI's shared state: the session's life, the roles of marked values, clickable areas, the message. */
#include "ui_state.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "formula.h"
#include "i18n.h"

bool ui_state_init(ui_state *u, const scenario *sc, err *e)
{
    memset(u, 0, sizeof *u);
    u->back_view = UI_VIEW_DIAGRAM;
    u->s = session_new(sc, NULL, e);
    if (!u->s)
        return false;
    u->numw = ui_numwidth_new();
    if (!u->numw) {
        ui_state_free(u);
        err_set(e, NULL, 0, 0, "%s", _("out of memory"));
        return false;
    }
    return true;
}

void ui_state_free(ui_state *u)
{
    ui_numwidth_free(u->numw);
    session_free(u->s);
    u->numw = NULL;
    u->s = NULL;
}

ui_role ui_state_role(const ui_state *u, unsigned char m, ui_role base)
{
    static const ui_role writes[] = {UI_ROLE_WRITE_F, UI_ROLE_WRITE_F, UI_ROLE_WRITE_B, UI_ROLE_WRITE_U};
    static const ui_role reads[] = {UI_ROLE_READ_F, UI_ROLE_READ_F, UI_ROLE_READ_B, UI_ROLE_READ_U};
    const marks_group g = session_marks(u->s)->group;
    if (m == MARKS_WRITE)
        return writes[g];
    if (m == MARKS_READ)
        return reads[g];
    return base;
}

void ui_state_hit(ui_state *u, int y, int x, int w, ui_sel what)
{
    if (u->nhits >= UI_HITS_MAX || w <= 0)
        return;
    u->hits[u->nhits++] = (ui_hit){y, x, w, what};
}

void ui_state_msg(ui_state *u, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->msg, sizeof u->msg, fmt, ap);
    va_end(ap);
    u->msg_error = error;
}

void ui_state_take_msg(ui_state *u)
{
    bool error;
    const char *m = session_message(u->s, &error);
    if (m[0])
        ui_state_msg(u, error, "%s", m);
}

void ui_state_symbol(const ui_state *u, const step_event *ev, char *out, size_t outsz)
{
    /* formula_build names the event exactly as the panel and the checks do. */
    static formula f;
    const scenario *sc = session_scenario(u->s);
    formula_build(&sc->nt, &sc->spec, ev, stepper_operands(session_stepper(u->s)), 6, &f);
    snprintf(out, outsz, "%s", f.symbol);
}
