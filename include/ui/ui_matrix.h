/* ui_matrix.h - the weight matrices view: each layer's weights as the document writes them, with gradients. */
#ifndef BPVIZ_UI_MATRIX_H
#define BPVIZ_UI_MATRIX_H

#include "ui_state.h"

/* Draws every layer's matrices that fit in the rectangle; records cells as clickable. */
void ui_matrix_draw(ui_state *u, int y, int x, int h, int w);

#endif
