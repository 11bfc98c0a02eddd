/* ui_train.h - training over iterations flat out, in small batches between key presses. */
#ifndef BPVIZ_UI_TRAIN_H
#define BPVIZ_UI_TRAIN_H

#include "ui_state.h"

/* Starts or stops training. */
void ui_train_toggle(ui_state *u);

/* Stops training (no effect when not training). */
void ui_train_stop(ui_state *u);

/* Runs one batch; stops with a message on an error. */
void ui_train_tick(ui_state *u);

/* Milliseconds to wait for a key before the next batch, -1 when not training. */
int ui_train_timeout(const ui_state *u);

/* Changes the speed by delta steps. */
void ui_train_speed(ui_state *u, int delta);

/* Iterations per second of the current speed, for the status. */
long ui_train_rate(const ui_state *u);

#endif
