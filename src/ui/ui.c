/* ui.c - ui_run: the terminal's setup and restore, the input loop (keys into session actions), the screen's layout. */
#include "ui.h"

#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "ui_color.h"
#include "ui_diagram.h"
#include "ui_events.h"
#include "ui_formula.h"
#include "ui_help.h"
#include "ui_history.h"
#include "ui_keys.h"
#include "ui_matrix.h"
#include "ui_prompt.h"
#include "ui_state.h"
#include "ui_status.h"
#include "ui_term.h"
#include "ui_text.h"
#include "ui_trainview.h"

/* Below this the layout cannot show a formula and a diagram together. */
#define UI_MIN_W 60
#define UI_MIN_H 16

/* The rows of the screen: status, main view, formula panel, hint line. */
typedef struct ui_frame {
    int main_y, main_h;
    int panel_y, panel_h;
    int hint_y;
} ui_frame;

static ui_frame ui_frame_of(int lines)
{
    ui_frame f;
    f.panel_h = ui_formula_height(lines);
    f.hint_y = lines - 1;
    f.panel_y = f.hint_y - f.panel_h;
    f.main_y = 1;
    f.main_h = f.panel_y - f.main_y;
    return f;
}

/* The screen shown below the minimum size; it goes away when the terminal grows. */
static void ui_small_draw(void)
{
    erase();
    char need[96], have[64];
    snprintf(need, sizeof need, _("terminal too small (need %d×%d)"), UI_MIN_W, UI_MIN_H);
    if (!ui_text_unicode())
        snprintf(need, sizeof need, _("terminal too small (need %dx%d)"), UI_MIN_W, UI_MIN_H);
    snprintf(have, sizeof have, _("now %d×%d"), COLS, LINES);
    if (!ui_text_unicode())
        snprintf(have, sizeof have, _("now %dx%d"), COLS, LINES);
    const char *lines[] = {need, have, _("enlarge it, or q quits")};
    int n = 3, y = (LINES - n) / 2;
    for (int i = 0; i < n; i++, y++) {
        int w = ui_text_width(lines[i]);
        /* Too narrow even for the message: wrap it at the screen's width. */
        const char *s = lines[i];
        while (w > COLS && COLS > 0 && y < LINES - 1) {
            /* At a blank, or between Chinese characters; never inside a number. */
            char row[256];
            const char *next = ui_text_wrap_row(s, COLS, false, row, sizeof row);
            if (!next)
                break;
            int rw = ui_text_width(row);
            ui_text_put(y++, (COLS - rw) / 2 > 0 ? (COLS - rw) / 2 : 0, COLS, row,
                        ui_color_attr(i == 0 ? UI_ROLE_CAPTION : UI_ROLE_NORMAL));
            s = next;
            w = ui_text_width(s);
        }
        ui_text_put(y, (COLS - w) / 2 > 0 ? (COLS - w) / 2 : 0, COLS, s,
                    ui_color_attr(i == 0 ? UI_ROLE_CAPTION : UI_ROLE_NORMAL));
    }
}

/* Tabs naming the views, on the main area's first row (tall screens only). */
static void ui_tabs_draw(const ui_state *u, int y, int w)
{
    static const char *const names[UI_VIEW_COUNT] = {N_("diagram"), N_("weight matrices"), N_("event list"),
                                                     N_("training")};
    int total = 0;
    for (int i = 0; i < UI_VIEW_COUNT; i++)
        total += ui_text_width(_(names[i])) + 3;
    int x = w - total - 1;
    if (x < 0)
        return;
    for (int i = 0; i < UI_VIEW_COUNT; i++) {
        char t[64];
        snprintf(t, sizeof t, " %s ", _(names[i]));
        x += ui_text_put(y, x, w - x, t, ui_color_attr(i == (int)u->view ? UI_ROLE_KEY : UI_ROLE_DIM)) + 1;
    }
}

void ui_draw_frame(ui_state *u)
{
    erase();
    u->nhits = 0;
    if (COLS < UI_MIN_W || LINES < UI_MIN_H) {
        ui_small_draw();
        return;
    }
    ui_frame f = ui_frame_of(LINES);
    ui_status_draw(u, 0, COLS);
    int my = f.main_y, mh = f.main_h;
    if (LINES >= 30) {
        ui_tabs_draw(u, my, COLS);
        my++;
        mh--;
    }
    switch (u->view) {
    case UI_VIEW_MATRIX: ui_matrix_draw(u, my, 0, mh, COLS); break;
    case UI_VIEW_EVENTS: ui_events_draw(u, my, 0, mh, COLS); break;
    case UI_VIEW_TRAIN: break;
    default: ui_diagram_draw(u, my, 0, mh, COLS); break;
    }
    if (u->view == UI_VIEW_TRAIN) {
        /* The chart takes the formula panel's rows too: stepping returns to the diagram and its panel. */
        ui_trainview_draw(u, my, 0, f.hint_y - my, COLS);
    } else {
        ui_history_draw(u, my, 0, mh, COLS);
        ui_formula_draw(u, f.panel_y, f.panel_h, COLS);
    }
    if (u->prompting)
        ui_prompt_draw(u, f.hint_y, COLS);
    else if (!ui_status_draw_msg(u, f.hint_y, COLS))
        ui_keys_draw_hints(u, f.hint_y, COLS);
    if (u->help)
        ui_help_draw(u, LINES, COLS);
}

/* After any cursor move: the event list follows it again. */
static void ui_moved(ui_state *u) { u->list_free = false; }

/* A click: pick a neuron or weight (again: drop it), or go to an event of the list. */
static void ui_click(ui_state *u, int y, int x)
{
    for (int i = u->nhits - 1; i >= 0; i--) {
        const ui_hit *h = &u->hits[i];
        if (h->y != y || x < h->x || x >= h->x + h->w)
            continue;
        if (h->what.kind == UI_SEL_EVENT) {
            if (session_goto(u->s, h->what.param + 1))
                ui_moved(u);
            ui_state_take_msg(u);
            return;
        }
        bool same = u->sel.kind == h->what.kind &&
                    (h->what.kind == UI_SEL_PARAM ? u->sel.param == h->what.param
                                                  : u->sel.layer == h->what.layer && u->sel.j == h->what.j);
        if (same)
            u->sel.kind = UI_SEL_NONE;
        else
            u->sel = h->what;
        return;
    }
    u->sel.kind = UI_SEL_NONE;
}

static void ui_mouse(ui_state *u)
{
    MEVENT me;
    if (getmouse(&me) != OK)
        return;
    if (me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
        if (u->help)
            u->help = false;
        else
            ui_click(u, me.y, me.x);
        return;
    }
    /* The wheel scrolls what scrolls: the help, or the event list. */
    int dir = 0;
    if (me.bstate & BUTTON4_PRESSED)
        dir = -1;
#ifdef BUTTON5_PRESSED
    if (me.bstate & BUTTON5_PRESSED)
        dir = 1;
#endif
    if (!dir)
        return;
    if (u->help) {
        u->help_top += 3 * dir;
    } else if (u->view == UI_VIEW_EVENTS) {
        u->list_top += 3 * dir;
        u->list_free = true;
    }
}

/* The session's move of a stepping key; false for any other action. */
static bool ui_move_of(ui_action a, session_move *m)
{
    switch (a) {
    case UI_ACT_NEXT: *m = SESSION_NEXT; return true;
    case UI_ACT_PREV: *m = SESSION_PREV; return true;
    case UI_ACT_NEXT_PHASE: *m = SESSION_NEXT_PHASE; return true;
    case UI_ACT_PREV_PHASE: *m = SESSION_PREV_PHASE; return true;
    case UI_ACT_FINISH: *m = SESSION_FINISH; return true;
    default: return false;
    }
}

/* From the training view back to the view training was started from. */
static void ui_leave_training_view(ui_state *u)
{
    if (u->view != UI_VIEW_TRAIN)
        return;
    u->view = u->back_view == UI_VIEW_TRAIN ? UI_VIEW_DIAGRAM : u->back_view;
}

static void ui_key(ui_state *u, int key)
{
    if (u->prompting) {
        if (ui_prompt_key(u, key))
            ui_moved(u);
        return;
    }
    ui_action a = ui_keys_action(key);
    if (u->help && a != UI_ACT_HELP && ui_help_key(u, key))
        return;
    u->msg[0] = '\0';
    switch (a) {
    case UI_ACT_QUIT: u->quit = true; return;
    case UI_ACT_HELP:
        u->help = !u->help;
        u->help_top = 0;
        return;
    case UI_ACT_REDRAW: clearok(curscr, TRUE); return;
    case UI_ACT_CANCEL:
        u->sel.kind = UI_SEL_NONE;
        return;
    case UI_ACT_TRAIN:
        if (!session_training(u->s) && u->view != UI_VIEW_TRAIN) {
            u->back_view = u->view;
            u->view = UI_VIEW_TRAIN;
        }
        session_train_toggle(u->s);
        ui_state_take_msg(u);
        return;
    case UI_ACT_FASTER: session_speed(u->s, 1); return;
    case UI_ACT_SLOWER: session_speed(u->s, -1); return;
    case UI_ACT_LOG: ui_trainview_key(u, a); return;
    case UI_ACT_VIEW: u->view = (ui_view)((u->view + 1) % UI_VIEW_COUNT); return;
    case UI_ACT_VIEW_BACK: u->view = (ui_view)((u->view + UI_VIEW_COUNT - 1) % UI_VIEW_COUNT); return;
    case UI_ACT_DETAIL: u->detail = (ui_detail)((u->detail + 1) % UI_DETAIL_COUNT); return;
    case UI_ACT_UP:
    case UI_ACT_DOWN:
    case UI_ACT_PAGE_UP:
    case UI_ACT_PAGE_DOWN:
    case UI_ACT_HOME:
    case UI_ACT_END:
        if (u->view == UI_VIEW_EVENTS)
            ui_events_key(u, key, ui_frame_of(LINES).main_h - 1);
        return;
    case UI_ACT_GOTO:
        ui_leave_training_view(u);
        session_prepare_step(u->s);
        ui_state_take_msg(u);
        ui_prompt_open(u);
        return;
    case UI_ACT_RESET:
        session_reset(u->s);
        ui_state_take_msg(u);
        ui_moved(u);
        return;
    case UI_ACT_NONE: return;
    default: break;
    }
    /* A stepping key: the session pauses training first, then steps from where it stopped
     * (in the diagram: the training view has no room for the iteration). */
    session_move m;
    if (!ui_move_of(a, &m))
        return;
    ui_leave_training_view(u);
    if (session_step(u->s, m))
        ui_moved(u);
    ui_state_take_msg(u);
}

/* True when the terminal speaks UTF-8 and the user did not ask for ASCII. */
static bool ui_utf8(const ui_options *opt)
{
    if (opt && opt->ascii)
        return false;
    const char *cs = nl_langinfo(CODESET);
    return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8") || !strcmp(cs, "utf-8"));
}

/* The curses screen, set up with our signal handlers installed first (so curses
 * leaves those signals alone); NULL, with the handlers gone again, on failure. */
static SCREEN *ui_curses_start(const ui_options *opt)
{
    ui_term_install();
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        ui_term_uninstall();
        return NULL;
    }
    set_term(scr);
    raw(); /* Ctrl-C arrives as a key: quitting is then an ordinary, clean exit; Ctrl-Z too (ui_term_suspend) */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    mmask_t mouse = mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
                                  | BUTTON5_PRESSED
#endif
                              ,
                              NULL);
    mouseinterval(0);
    ui_color_init(opt && opt->mono);
    ui_term_ready(mouse != 0);
    return scr;
}

int ui_run(const scenario *sc, const ui_options *opt, err *e)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        err_set(e, NULL, 0, 0, "%s", _("the viewer needs a terminal (try --trace or --check for text output)"));
        return 2;
    }
    if (!ui_term_check(e))
        return 2;
    static ui_state u;
    if (!ui_state_init(&u, sc, e))
        return 2;
    /* The data loader's first warning, until the first key (main prints them for the other modes). */
    if (sc->data.nwarnings > 0)
        ui_state_msg(&u, true, "%s", sc->data.warnings[0].msg);
    ui_text_init(ui_utf8(opt));

    SCREEN *scr = ui_curses_start(opt);
    if (!scr) {
        const char *term = getenv("TERM");
        err_set(e, NULL, 0, 0, _("cannot use the terminal '%s' (is TERM right?)"), term ? term : "");
        ui_state_free(&u);
        return 2;
    }

    bool lost = false;
    while (!u.quit) {
        if (ui_term_resumed()) {
            /* Back from a stop: the screen is the shell's, and the time stopped is not to be caught up. */
            clearok(curscr, TRUE);
            session_speed(u.s, 0);
        }
        ui_draw_frame(&u);
        refresh();
        timeout(session_timeout_ms(u.s));
        int ch = getch();
        if (ui_term_lost(ch)) {
            lost = true;
            break;
        }
        if (ch == ERR) {
            session_tick(u.s);
            ui_state_take_msg(&u);
            continue;
        }
        if (ch == KEY_RESIZE)
            continue; /* the next frame is laid out for the new size */
        if (ui_keys_action(ch) == UI_ACT_SUSPEND) {
            ui_term_suspend(); /* returns after fg; the next round repaints */
            continue;
        }
        if (ch == KEY_MOUSE) {
            ui_mouse(&u);
            continue;
        }
        if (COLS < UI_MIN_W || LINES < UI_MIN_H) {
            /* Only quitting makes sense on the "too small" screen. */
            ui_action a = ui_keys_action(ch);
            if (a == UI_ACT_QUIT)
                u.quit = true;
            continue;
        }
        ui_key(&u, ch);
    }
    ui_term_hold();
    endwin();
    delscreen(scr);
    ui_term_uninstall();
    ui_state_free(&u);
    if (lost) {
        err_set(e, NULL, 0, 0, "%s", _("the terminal went away"));
        return 2;
    }
    return 0;
}
