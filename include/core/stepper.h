/* stepper.h - one SGD iteration as an ordered list of discrete events, with exact rewind. */
#ifndef BPVIZ_STEPPER_H
#define BPVIZ_STEPPER_H

#include <stdbool.h>
#include <stddef.h>

#include "data.h"
#include "err.h"
#include "net.h"
#include "step.h"


/* The state shown at the cursor: what is known after the events up to it.
 * Arrays are laid out like net's (units per layer, params). Owned by the
 * stepper. net->vel holds the velocities before the iteration. */
typedef struct step_view {
    const net *net;        /* params = current values at the cursor; z, a, delta valid where known;
                            * grad is NULL (gradients come from stepper_grad()) */
    const bool *z_known;   /* [nunits] per neuron, unit index as in stepper_unit() */
    const bool *a_known;   /* [nunits] */
    const bool *d_known;   /* [nunits] delta known */
    const bool *g_known;   /* [nparams] gradient known (value from stepper_grad()) */
    const bool *p_changed; /* [nparams] parameter updated in this iteration up to the cursor */
    const bool *e_known;   /* [size[L]] output j's error term (net->err_terms[j]) known */
    bool loss_known;       /* loss computed */
    double loss;           /* loss of the sample (valid when loss_known) */
    const double *x;       /* input of the current sample */
    const double *t;       /* target of the current sample */
} step_view;

/* The stepper. Opaque; see the functions below. */
typedef struct stepper stepper;

/* Creates a stepper over a copy of init (its parameters are the scenario's
 * initial weights), the samples of d (training part, in order, cycling) and
 * hyper-parameters h. d is borrowed and must outlive the stepper. The cursor
 * starts before the first event of iteration 0. NULL and e set on failure. */
stepper *stepper_new(const net *init, const data_set *d, const net_hyper *h, err *e);
void stepper_free(stepper *s);

/* Cursor moves. Each returns false (and does nothing) when it cannot move. */
bool stepper_next(stepper *s);           /* one event forward (into the next iteration after the last) */
bool stepper_prev(stepper *s);           /* one event back, exact, also into earlier iterations */
bool stepper_next_phase(stepper *s);     /* to the last event of the current phase, or of the next if already there */
bool stepper_prev_phase(stepper *s);     /* to the last event of the previous phase */
bool stepper_finish_iteration(stepper *s); /* to the last event of the iteration */
bool stepper_goto(stepper *s, int pos);  /* to position pos (0..count) of the current iteration */
void stepper_reset(stepper *s);          /* back to the initial weights, before iteration 0 */

/* Runs whole iterations with no events built (flat out) from the end of the
 * current iteration; the cursor ends at the end of the last one. Returns
 * false and sets e when a parameter or the loss stops being finite (the state
 * is left at the last finite iteration): the message names the iteration, the
 * first value that is not finite and why (stepper_fault), "training diverged
 * at iteration N: …" when it overflowed after training began, else "training
 * stopped at iteration N: …". */
bool stepper_run(stepper *s, long iterations, err *e);

/* The engine's diagnosis of the current iteration (wherever the cursor is):
 * its first value, in event order, that is not finite, and why (fault.h);
 * false, f->cause FAULT_NONE, when every value is finite. Moves nothing. */
struct fault;
bool stepper_fault(stepper *s, struct fault *f);

/* Position: events applied in the current iteration (0..count). */
int stepper_pos(const stepper *s);
/* Number of events in the current iteration (the same for every iteration). */
int stepper_count(const stepper *s);
/* Current iteration (0-based). */
long stepper_iteration(const stepper *s);
/* The event at the cursor (the last applied), NULL at position 0. It has a
 * slot of its own, valid until the cursor moves. */
const step_event *stepper_current(const stepper *s);
/* Event i (0 <= i < stepper_count) of the current iteration. Events are
 * built on demand from the iteration's computed values (nothing is stored
 * per event, so stepping costs about one extra pass over the weights): the
 * result lives in one of STEPPER_SLOTS rotating slots, valid until that many
 * more stepper_event() calls or a cursor move. NULL when i is out of range. */
#define STEPPER_SLOTS 4
const step_event *stepper_event(const stepper *s, int i);
/* The operand pool that events' op_first index into. */
const step_operand *stepper_operands(const stepper *s);
/* The state at the cursor, valid until the cursor moves. It is filled when
 * asked for (moving the cursor costs nothing until then), so values where
 * the flags say "not known" are unspecified: read only the known ones. */
const step_view *stepper_view(const stepper *s);
/* Hyper-parameters in force for the current iteration. */
const net_hyper *stepper_hyper(const stepper *s);
/* Index of the sample of the current iteration. */
int stepper_sample(const stepper *s);
/* Unit index of neuron j of layer l in the view's *_known arrays. */
int stepper_unit(const stepper *s, int l, int j);
/* The checkpoint of iteration it, NULL if not kept: the parameters at its
 * start (nparams values, net's layout; the velocities and learning rates
 * follow, for the stepper's own use). The current iteration's successor is
 * always kept: its values are the parameters after the current update. */
const double *stepper_params_at(const stepper *s, long it);

/* The current iteration as computed, wherever the cursor is: z, a, delta
 * and err_terms of every neuron, params and vel before its update (grad is
 * not filled: stepper_grad()). For measuring and keeping values; what is
 * shown to a person goes through stepper_view(), which hides what the cursor
 * has not reached. */
const net *stepper_frame(const stepper *s);
/* The current iteration's loss (what its EV_LOSS event computes). */
double stepper_loss(const stepper *s);

/* dE/dparam i in the current iteration (shown where the view's g_known[i]):
 * δ·a of the frame, made when asked, so no gradient array is written. */
double stepper_grad(const stepper *s, int i);

/* Bytes held for rewinding: checkpoints and recycled checkpoint buffers.
 * Bounded: dense checkpoints (one per stepped iteration) are kept only near
 * the cursor, sparse ones (one per max(epoch, STEPPER_EVERY_MIN) iterations)
 * are thinned past 64 MiB. */
size_t stepper_memory(const stepper *s);

/* The bounds behind stepper_memory(), for callers that check them. At most
 * STEPPER_DENSE dense checkpoints are kept (fewer for a large network), the
 * ones within half that many iterations of the cursor once the limit is
 * reached; at most STEPPER_POOL(dense) buffers are kept for reuse when a
 * stepper keeps `dense` dense ones; iteration 0 and every
 * max(epoch, STEPPER_EVERY_MIN)-th are sparse checkpoints. */
#define STEPPER_DENSE 64
#define STEPPER_POOL(dense) ((dense) / 2 + 1)
#define STEPPER_EVERY_MIN 1024

/* Name of a phase for the command line (an untranslated key; use _()). */
const char *stepper_phase_name(step_phase p);

#endif
