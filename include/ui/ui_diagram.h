/* ui_diagram.h - the layer diagram: neurons with their values, connections with their weights. */
#ifndef BPVIZ_UI_DIAGRAM_H
#define BPVIZ_UI_DIAGRAM_H

#include "ui_state.h"

/* Draws the diagram in the rectangle (y, x, h, w) and records clickable areas. */
void ui_diagram_draw(ui_state *u, int y, int x, int h, int w);

/* The smallest rectangle the diagram of any network can be drawn in. */
#define UI_DIAGRAM_MIN_W 40
#define UI_DIAGRAM_MIN_H 6

#endif
