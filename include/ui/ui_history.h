/* ui_history.h - the value history of the neuron or weight picked with the mouse, across iterations. */
#ifndef BPVIZ_UI_HISTORY_H
#define BPVIZ_UI_HISTORY_H

#include "ui_state.h"

/* Draws the history box inside the rectangle (at its right side) when something is selected. */
void ui_history_draw(ui_state *u, int y, int x, int h, int w);

/* Keeps every neuron's activation and error term of the iteration the stepper
 * has built (its events carry them), for a neuron's history. Called after
 * every cursor move; cheap when the iteration is already kept. */
void ui_history_note(const ui_state *u);

/* Forgets what was kept (the stepper was replaced). */
void ui_history_forget(void);

#endif
