/* ui_history.h - the value history of the neuron or weight picked with the mouse, across iterations. */
#ifndef BPVIZ_UI_HISTORY_H
#define BPVIZ_UI_HISTORY_H

#include "ui_state.h"

/* Draws the history box inside the rectangle (at its right side) when something is selected. */
void ui_history_draw(ui_state *u, int y, int x, int h, int w);

#endif
