/* ui_prompt.c - reads an event number on the hint line and has the session move the cursor there. */
#include "ui_prompt.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_text.h"

void ui_prompt_open(ui_state *u)
{
    u->prompting = true;
    u->prompt[0] = '\0';
}

void ui_prompt_draw(const ui_state *u, int y, int w)
{
    char buf[160];
    snprintf(buf, sizeof buf, _("Go to event (0-%d), Enter to go, Esc to cancel: "),
             stepper_count(session_stepper(u->s)));
    attr_t a = ui_color_attr(UI_ROLE_CAPTION);
    ui_text_fill(y, 0, w, ui_color_attr(UI_ROLE_NORMAL));
    int x = ui_text_put(y, 1, w - 2, buf, a) + 1;
    x += ui_text_put(y, x, w - x, u->prompt, ui_color_attr(UI_ROLE_NORMAL));
    ui_text_put(y, x, 1, " ", ui_color_attr(UI_ROLE_KEY)); /* a block cursor: the real one is hidden */
}

bool ui_prompt_key(ui_state *u, int key)
{
    size_t n = strlen(u->prompt);
    if (key >= '0' && key <= '9') {
        if (n + 1 < sizeof u->prompt) {
            u->prompt[n] = (char)key;
            u->prompt[n + 1] = '\0';
        }
        return false;
    }
    if (key == KEY_BACKSPACE || key == 127 || key == 8) {
        if (n > 0)
            u->prompt[n - 1] = '\0';
        return false;
    }
    if (key == '\n' || key == '\r' || key == KEY_ENTER) {
        u->prompting = false;
        if (n == 0)
            return false;
        long pos = strtol(u->prompt, NULL, 10);
        const int count = stepper_count(session_stepper(u->s));
        if (pos < 0 || pos > count || !session_goto(u->s, (int)pos)) {
            ui_state_msg(u, true, _("no event %s: this iteration has events 0 to %d"), u->prompt, count);
            return false;
        }
        ui_state_take_msg(u);
        return true;
    }
    if (key == 27 || key == 'q' || key == 'g') {
        u->prompting = false;
        return false;
    }
    return false;
}
