/* ui_prompt.h - the "go to event" prompt on the hint line. */
#ifndef BPVIZ_UI_PROMPT_H
#define BPVIZ_UI_PROMPT_H

#include "ui_state.h"

/* Opens the prompt. */
void ui_prompt_open(ui_state *u);

/* Draws the prompt at row y. */
void ui_prompt_draw(const ui_state *u, int y, int w);

/* Handles a key while the prompt is open; returns true when the cursor moved. */
bool ui_prompt_key(ui_state *u, int key);

#endif
