/* ui_events.h - the event list view: a scrollable log of the iteration's events, the current one highlighted. */
#ifndef BPVIZ_UI_EVENTS_H
#define BPVIZ_UI_EVENTS_H

#include <stdbool.h>

#include "ui_state.h"

/* Draws the list in the rectangle and records each row as clickable. */
void ui_events_draw(ui_state *u, int y, int x, int h, int w);

/* Scroll keys of the list; returns true when used. rows is the list's height. */
bool ui_events_key(ui_state *u, int key, int rows);

#endif
