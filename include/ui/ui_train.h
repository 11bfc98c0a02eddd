/* ui_train.h - training over epochs: the stepper (sgd: exact pause and step) or the trainer (batch) runs in
 * time-budgeted slices between key presses; every measured epoch becomes a point of the chart. */
#ifndef BPVIZ_UI_TRAIN_H
#define BPVIZ_UI_TRAIN_H

#include <stdbool.h>

#include "train.h"
#include "ui_state.h"

/* Milliseconds of training per frame at most: keys never wait longer. */
#define UI_TRAIN_BUDGET_MS 12

/* Sets up the run (epoch 0 measured) after the stepper exists; false with e set on failure. */
bool ui_train_init(ui_state *u, err *e);
void ui_train_free(ui_state *u);

/* t: starts training (and shows the training view), or pauses it. */
void ui_train_toggle(ui_state *u);

/* Pauses training (no effect when not training). */
void ui_train_stop(ui_state *u);

/* Runs the epochs due now, within UI_TRAIN_BUDGET_MS; stops on divergence, the threshold, or the scenario's epochs. */
void ui_train_tick(ui_state *u);

/* Milliseconds to wait for a key before the next tick, -1 when not training. */
int ui_train_timeout(const ui_state *u);

/* Changes the speed by delta steps. */
void ui_train_speed(ui_state *u, int delta);

/* Epochs per second of the current speed; 0 means as fast as the machine goes. */
long ui_train_rate(const ui_state *u);

/* r: the initial weights, before iteration 1; the chart is cleared. */
void ui_train_reset(ui_state *u);

/* After the cursor moved: an epoch completed by stepping becomes a point too (sgd). */
void ui_train_sync(ui_state *u);

/* Before a stepping key (batch mode): the stepper starts again from the batch run's current weights. */
void ui_train_before_step(ui_state *u);

/* The measured points, in epoch order (thinned to every other one on long runs). */
const train_point *ui_train_points(const ui_state *u, int *n);

/* The last point at or before epoch, NULL when none. */
const train_point *ui_train_point_at(const ui_state *u, long epoch);

/* Epochs completed by the state shown (sgd: the stepper's; batch: the trainer's). */
long ui_train_epoch(const ui_state *u);

/* Iterations (samples) of one epoch. */
int ui_train_ntrain(const ui_state *u);

/* The network whose weights the training view shows, and the hyper-parameters in force for it. */
const net *ui_train_net(const ui_state *u);
const net_hyper *ui_train_hyper(const ui_state *u);

/* True for a full-batch scenario (the trainer trains; the stepper narrates per-sample SGD). */
bool ui_train_batch(const ui_state *u);

/* Batch mode: the epoch whose weights the stepper started from (0: the initial weights). */
long ui_train_excursion(const ui_state *u);

/* True after a divergence, until r. */
bool ui_train_diverged(const ui_state *u);

/* Why training stopped last ("" when it runs or never stopped). */
const char *ui_train_note(const ui_state *u);

#endif
