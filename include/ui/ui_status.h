/* ui_status.h - the status line: scenario title, iteration, phase badge, event k of N, loss. */
#ifndef BPVIZ_UI_STATUS_H
#define BPVIZ_UI_STATUS_H

#include "ui_state.h"

/* Draws the status line at row y, w columns wide. */
void ui_status_draw(const ui_state *u, int y, int w);

/* Draws the message line (an error or notice) at row y; false when there is none. */
bool ui_status_draw_msg(const ui_state *u, int y, int w);

#endif
