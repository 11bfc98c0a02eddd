/* session.h - a person's session with a scenario: the stepper, the document's checks, the value history, the
 * training run over epochs, and every action a user can take; what a front end draws from and acts on. */
#ifndef BPVIZ_SESSION_H
#define BPVIZ_SESSION_H

#include <stdbool.h>

#include "check.h"
#include "err.h"
#include "history.h"
#include "marks.h"
#include "net.h"
#include "scenario.h"
#include "stepper.h"
#include "train.h"

/* Milliseconds of training per tick at most: a front end's keys never wait longer. */
#define SESSION_BUDGET_MS 12

/* Training speeds: 1, 2, 5 … 1000 epochs per second, then flat out. */
#define SESSION_SPEEDS 11

/* How a session is set up. */
typedef struct session_options {
    /* The clock that paces training: milliseconds, never going back, and moving on between calls (a tick
     * at the top speed runs until SESSION_BUDGET_MS have passed on it). NULL: CLOCK_MONOTONIC. */
    double (*now_ms)(void *ctx);
    void *clock_ctx; /* borrowed: now_ms's argument */
} session_options;

/* The session. Opaque; the caller owns it (session_free). */
typedef struct session session;

/* Starts a session on sc (borrowed: it must outlive the session): the stepper before iteration 1, the
 * document's printed numbers checked as --check does, the training run at epoch 0 (measured), paused at
 * the default speed. opt may be NULL. NULL with e set on failure. */
session *session_new(const scenario *sc, const session_options *opt, err *e);
void session_free(session *s);

/* ---- actions: what a user can do. Each sets the session's message (session_message), "" when it has
 * nothing to say. ---- */

/* The cursor moves of the stepping keys. */
typedef enum session_move {
    SESSION_NEXT,       /* one event forward (into the next iteration after the last) */
    SESSION_PREV,       /* one event back, also into earlier iterations */
    SESSION_NEXT_PHASE, /* to the end of the phase, or of the next one */
    SESSION_PREV_PHASE, /* to the end of the previous phase */
    SESSION_FINISH      /* to the end of the iteration */
} session_move;

/* A stepping key: pauses training (its note is dropped), prepares the stepper (session_prepare_step) and
 * moves. False when the cursor could not move (before iteration 1 going back: the message says so). */
bool session_step(session *s, session_move m);

/* Pauses training (its note becomes the message) and, in batch mode, starts the stepper again from the
 * batch run's weights when they changed: what stepping does first, and what the go-to prompt does when
 * it opens. */
void session_prepare_step(session *s);

/* Pauses training (its note becomes the message) and moves the cursor to position pos (0 .. the
 * iteration's events) of the iteration shown; false when pos is out of range. */
bool session_goto(session *s, int pos);

/* r: pauses training, back to the initial weights before iteration 1; the chart's points are cleared and
 * a divergence forgotten. */
void session_reset(session *s);

/* t: starts training, or pauses it (the note of why becomes the message). After a divergence it refuses,
 * with the divergence's note as an error message, until session_reset. */
void session_train_toggle(session *s);

/* Pauses training (no effect when it is not running); its note becomes the message. */
void session_pause(session *s);

/* Changes the speed by delta steps (clamped); any call, 0 too, restarts the pacing from now, so time
 * spent away (a stopped program) is not caught up. */
void session_speed(session *s, int delta);

/* Runs the epochs due now at the speed, within SESSION_BUDGET_MS; stops (with a note as the message) on
 * divergence, the scenario's threshold or its epochs. Nothing when training is paused. */
void session_tick(session *s);

/* Milliseconds until the next tick is due, -1 when training is paused, 0 flat out. */
int session_timeout_ms(const session *s);

/* The message of the last action ("" when none) and whether it reports an error. */
const char *session_message(const session *s, bool *error);

/* ---- reading ---- */

/* The scenario (borrowed). */
const scenario *session_scenario(const session *s);

/* The stepper at the cursor: read it, never move it (the actions above do). Replaced by the session
 * in batch mode (session_generation changes), so not to be kept across actions. */
const stepper *session_stepper(const session *s);

/* Counts the replacements of the stepper: what a front end caches about it is stale when this changed. */
unsigned long session_generation(const session *s);

/* The marks of the event at the cursor, updated by every action that moves it. */
const marks *session_marks(const session *s);

/* The values kept of the stepper's past iterations (for history_value and history_rows with
 * session_stepper()). */
const history *session_history(const session *s);

/* The checks of the document's numbers that belong to the event at the cursor: the first at or after
 * index *i, *i moved past it; NULL when no more. None while the stepper walks from batch-trained
 * weights (they belong to other iterations). */
const check_result *session_check_next(const session *s, int *i);

/* True while training runs. */
bool session_training(const session *s);

/* Epochs per second of the speed; 0 means as fast as the machine goes. */
long session_rate(const session *s);

/* Iterations run since training last started (sgd). */
long session_run_iterations(const session *s);

/* The measured points, in epoch order (thinned to every other one on long runs); *n gets their number. */
const train_point *session_points(const session *s, int *n);

/* The last point at or before epoch, NULL when none. */
const train_point *session_point_at(const session *s, long epoch);

/* Epochs completed by the state shown (sgd: the stepper's; batch: the batch run's). */
long session_epoch(const session *s);

/* Iterations (samples) of one epoch. */
int session_ntrain(const session *s);

/* The network whose weights training shows, and the hyper-parameters in force for it. */
const net *session_train_net(const session *s);
const net_hyper *session_train_hyper(const session *s);

/* True for a full-batch scenario (a trainer trains; the stepper narrates per-sample SGD). */
bool session_batch(const session *s);

/* Batch mode: the epoch whose weights the stepper started from (0: the initial weights). */
long session_excursion(const session *s);

/* True after a divergence, until session_reset. */
bool session_diverged(const session *s);

/* Why training stopped last ("" while it runs or when it never stopped). */
const char *session_note(const session *s);

#endif
