/* ui_help.h - the help overlay: every key from the key table, the mouse, and the legend of marks. */
#ifndef BPVIZ_UI_HELP_H
#define BPVIZ_UI_HELP_H

#include <stdbool.h>

#include "ui_state.h"

/* Draws the overlay over the whole screen (h × w). */
void ui_help_draw(ui_state *u, int h, int w);

/* Handles a key while the overlay is shown; returns true when it was used. */
bool ui_help_key(ui_state *u, int key);

#endif
