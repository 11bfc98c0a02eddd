/* ui_keys.c - the key table (bindings, help rows, hint words) and the hint line drawn from it. */
#include "ui_keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui_text.h"

#define UI_KEY_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ESC 27

/* Order matters: it is the help screen's order and the hint line's priority
 * (earlier hints stay when the line is short). */
static const ui_binding ui_keys_bindings[] = {
    {UI_ACT_NEXT, UI_SEC_STEP, {KEY_RIGHT, 'l', ' ', 'n'}, N_("next"), NULL, UI_HINT_STEP | UI_HINT_PAUSED,
     N_("next event: compute one value")},
    {UI_ACT_PREV, UI_SEC_STEP, {KEY_LEFT, 'h', 'p', KEY_BACKSPACE}, N_("back"), NULL, UI_HINT_STEP | UI_HINT_PAUSED,
     N_("previous event (exact rewind, also into earlier iterations)")},
    {UI_ACT_NEXT_PHASE, UI_SEC_STEP, {']'}, N_("phase"), "] [", UI_HINT_STEP,
     N_("to the end of the phase (forward, loss, delta, gradient, update)")},
    {UI_ACT_PREV_PHASE, UI_SEC_STEP, {'['}, NULL, NULL, 0,
     N_("back to the end of the previous phase")},
    {UI_ACT_FINISH, UI_SEC_STEP, {'\n', '\r', KEY_ENTER}, N_("finish"), NULL, UI_HINT_STEP,
     N_("finish the iteration (again: the next one)")},
    {UI_ACT_GOTO, UI_SEC_STEP, {'g'}, N_("go to"), NULL, UI_HINT_STEP,
     N_("go to event number … of this iteration (Enter goes, Esc cancels)")},
    {UI_ACT_RESET, UI_SEC_STEP, {'r'}, N_("reset"), NULL, UI_HINT_ALL,
     N_("reset to the initial weights, before iteration 1 (and clear the training chart)")},
    {UI_ACT_VIEW, UI_SEC_VIEW, {'\t'}, N_("view"), NULL, UI_HINT_ALL,
     N_("next view: diagram, weight matrices, event list, training")},
    {UI_ACT_VIEW_BACK, UI_SEC_VIEW, {KEY_BTAB}, NULL, NULL, 0,
     N_("previous view")},
    {UI_ACT_DETAIL, UI_SEC_VIEW, {'f'}, N_("formula"), NULL, UI_HINT_STEP,
     N_("formula detail: rule + symbols + numbers, symbols + numbers, numbers")},
    {UI_ACT_UP, UI_SEC_VIEW, {KEY_UP, 'k'}, NULL, NULL, 0,
     N_("scroll the event list or the help up")},
    {UI_ACT_DOWN, UI_SEC_VIEW, {KEY_DOWN, 'j'}, NULL, NULL, 0,
     N_("scroll down")},
    {UI_ACT_PAGE_UP, UI_SEC_VIEW, {KEY_PPAGE}, NULL, NULL, 0,
     N_("one page up")},
    {UI_ACT_PAGE_DOWN, UI_SEC_VIEW, {KEY_NPAGE}, NULL, NULL, 0,
     N_("one page down")},
    {UI_ACT_HOME, UI_SEC_VIEW, {KEY_HOME}, NULL, NULL, 0,
     N_("to the first event of the list")},
    {UI_ACT_END, UI_SEC_VIEW, {KEY_END}, NULL, NULL, 0,
     N_("to the last event of the list")},
    {UI_ACT_CANCEL, UI_SEC_VIEW, {UI_KEY_ESC}, NULL, NULL, 0,
     N_("close the help, the prompt or the value history")},
    {UI_ACT_TRAIN, UI_SEC_TRAIN, {'t'}, N_("train"), NULL, UI_HINT_ALL,
     N_("start or stop training over epochs (shows the training view); a stepping key pauses it too")},
    {UI_ACT_FASTER, UI_SEC_TRAIN, {'+', '='}, N_("speed"), "+ -", UI_HINT_TRAINING | UI_HINT_PAUSED,
     N_("train faster: 1, 2, 5 … 1000 epochs per second, then as fast as the machine goes")},
    {UI_ACT_SLOWER, UI_SEC_TRAIN, {'-', '_'}, NULL, NULL, 0,
     N_("train slower")},
    {UI_ACT_LOG, UI_SEC_TRAIN, {'L'}, N_("log"), NULL, UI_HINT_TRAINING | UI_HINT_PAUSED,
     N_("the loss chart's axis: linear or logarithmic")},
    {UI_ACT_HELP, UI_SEC_OTHER, {'?', KEY_F(1)}, N_("help"), NULL, UI_HINT_ALL,
     N_("help: every key and what the marks mean")},
    {UI_ACT_REDRAW, UI_SEC_OTHER, {UI_KEY_CTRL('l')}, NULL, NULL, 0,
     N_("redraw the screen")},
    {UI_ACT_SUSPEND, UI_SEC_OTHER, {UI_KEY_CTRL('z')}, NULL, NULL, 0,
     N_("suspend: back to the shell, fg returns")},
    {UI_ACT_QUIT, UI_SEC_OTHER, {'q', UI_KEY_CTRL('c')}, N_("quit"), NULL, UI_HINT_ALL,
     N_("quit (the terminal is restored)")},
};

/* What ui.c's ui_mouse does with a click and the wheel. */
static const ui_mouse_row ui_keys_mouse_rows[] = {
    {UI_SEC_VIEW, N_("click"), N_("a neuron or weight: its value at the start of every iteration")},
    {UI_SEC_VIEW, N_("click"), N_("an event in the event list: go to it")},
    {UI_SEC_VIEW, N_("click"), N_("with the help open: close it")},
    {UI_SEC_VIEW, N_("wheel"), N_("scroll the help, or the event list in its view, three lines a notch")},
};

static const char *const ui_keys_sections[UI_SEC_COUNT] = {
    N_("Stepping through an iteration"), N_("Views"), N_("Training"), N_("Other"),
};

const ui_binding *ui_keys_table(int *n)
{
    *n = (int)(sizeof ui_keys_bindings / sizeof ui_keys_bindings[0]);
    return ui_keys_bindings;
}

const ui_mouse_row *ui_keys_mouse(int *n)
{
    *n = (int)(sizeof ui_keys_mouse_rows / sizeof ui_keys_mouse_rows[0]);
    return ui_keys_mouse_rows;
}

ui_action ui_keys_action(int key)
{
    int n;
    const ui_binding *t = ui_keys_table(&n);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < UI_KEYS_PER_ACTION && t[i].keys[k]; k++)
            if (t[i].keys[k] == key)
                return t[i].act;
    return UI_ACT_NONE;
}

const char *ui_keys_section_title(ui_keys_section s) { return s < UI_SEC_COUNT ? ui_keys_sections[s] : ""; }

void ui_keys_name(int key, char *out, size_t outsz)
{
    bool uni = ui_text_unicode();
    const char *s = NULL;
    switch (key) {
    case KEY_RIGHT: s = uni ? "→" : _("Right"); break;
    case KEY_LEFT: s = uni ? "←" : _("Left"); break;
    case KEY_UP: s = uni ? "↑" : _("Up"); break;
    case KEY_DOWN: s = uni ? "↓" : _("Down"); break;
    case KEY_PPAGE: s = _("PgUp"); break;
    case KEY_NPAGE: s = _("PgDn"); break;
    case KEY_HOME: s = _("Home"); break;
    case KEY_END: s = _("End"); break;
    case KEY_BACKSPACE: s = _("Backspace"); break;
    case KEY_BTAB: s = _("Shift-Tab"); break;
    case KEY_ENTER: s = NULL; break;
    case '\n': s = _("Enter"); break;
    case '\r': s = NULL; break;
    case '\t': s = _("Tab"); break;
    case ' ': s = _("Space"); break;
    case UI_KEY_ESC: s = _("Esc"); break;
    default: break;
    }
    if (s) {
        snprintf(out, outsz, "%s", s);
    } else if (key == KEY_ENTER || key == '\r') {
        snprintf(out, outsz, "%s", ""); /* same as Enter: not listed twice */
    } else if (key >= KEY_F(1) && key <= KEY_F(12)) {
        snprintf(out, outsz, "F%d", key - KEY_F(0));
    } else if (key > 0 && key < 32) {
        snprintf(out, outsz, "Ctrl-%c", key + 'A' - 1);
    } else if (key >= 32 && key < 127) {
        snprintf(out, outsz, "%c", key);
    } else {
        snprintf(out, outsz, "#%d", key);
    }
}

void ui_keys_names(const ui_binding *b, char *out, size_t outsz)
{
    size_t o = 0;
    out[0] = '\0';
    for (int k = 0; k < UI_KEYS_PER_ACTION && b->keys[k]; k++) {
        char name[24];
        ui_keys_name(b->keys[k], name, sizeof name);
        if (!name[0])
            continue;
        int w = snprintf(out + o, outsz - o, "%s%s", o ? " " : "", name);
        if (w < 0 || (size_t)w >= outsz - o)
            break;
        o += (size_t)w;
    }
}

/* One hint: the keys in the key role, the word after them. Returns its width
 * (drawn only when draw is set). */
static int ui_keys_hint(int y, int x, const char *keys, const char *word, bool draw)
{
    int kw = ui_text_width(keys), ww = ui_text_width(word);
    if (draw) {
        ui_text_put(y, x, kw + 2, " ", ui_color_attr(UI_ROLE_KEY));
        ui_text_put(y, x + 1, kw, keys, ui_color_attr(UI_ROLE_KEY));
        ui_text_put(y, x + 1 + kw, 1, " ", ui_color_attr(UI_ROLE_KEY));
        ui_text_put(y, x + 2 + kw + 1, ww, word, ui_color_attr(UI_ROLE_NORMAL));
    }
    return kw + 2 + 1 + ww + 2;
}

void ui_keys_draw_hints(const ui_state *u, int y, int w)
{
    ui_text_fill(y, 0, w, ui_color_attr(UI_ROLE_NORMAL));
    int n;
    const ui_binding *t = ui_keys_table(&n);
    /* While training the stepping keys pause it first; the training view shows what it needs. */
    const bool training = session_training(u->s);
    unsigned ctx = training ? UI_HINT_TRAINING : u->view == UI_VIEW_TRAIN ? UI_HINT_PAUSED : UI_HINT_STEP;
    int x = 0;
    for (int i = 0; i < n; i++) {
        const ui_binding *b = &t[i];
        if (!b->hint || !(b->when & ctx))
            continue;
        char keys[32];
        if (b->hint_keys)
            snprintf(keys, sizeof keys, "%s", b->hint_keys);
        else
            ui_keys_name(b->keys[0], keys, sizeof keys);
        const char *word = _(b->hint);
        if (training && b->act == UI_ACT_TRAIN)
            word = _("pause");
        int hw = ui_keys_hint(y, x, keys, word, false);
        if (x + hw - 2 > w)
            continue; /* a later, shorter hint may still fit */
        ui_keys_hint(y, x, keys, word, true);
        x += hw;
    }
}
