/* ui_trainview.h - the training view: the loss (and accuracy) chart over epochs beside the numbers of the
 * run and a compact diagram of the weights as they change. */
#ifndef BPVIZ_UI_TRAINVIEW_H
#define BPVIZ_UI_TRAINVIEW_H

#include <stdbool.h>

#include "ui_keys.h"
#include "ui_state.h"

/* Draws the view in the rectangle (y, x, h, w). */
void ui_trainview_draw(ui_state *u, int y, int x, int h, int w);

/* The view's own keys (the log-scale toggle); returns true when used. */
bool ui_trainview_key(ui_state *u, ui_action a);

/* The compact weights: per layer, one row per neuron, each incoming weight and
 * its bias as a sign, digits and a bar (to the scale of the largest |w|).
 * Returns the rows used. */
int ui_trainview_weights(ui_state *u, int y, int x, int h, int w);

#endif
