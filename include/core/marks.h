/* marks.h - how the stepper's current event touches each value (read, written, untouched), and its phase group. */
#ifndef BPVIZ_MARKS_H
#define BPVIZ_MARKS_H

#include <stdbool.h>

#include "err.h"
#include "net.h"
#include "stepper.h"

/* How the current event touches a value; a value both read and written is written. */
typedef enum marks_touch { MARKS_NONE, MARKS_READ, MARKS_WRITE } marks_touch;

/* The three phases a class sees: forward (+ loss), backward (delta + gradient), update; start before any. */
typedef enum marks_group { MARKS_START, MARKS_FORWARD, MARKS_BACKWARD, MARKS_UPDATE } marks_group;

/* The marks of one event: a marks_touch per value. The arrays are owned (marks_init, marks_free). */
typedef struct marks {
    unsigned char *z, *a, *delta; /* [nunits] per neuron, unit index as in stepper_unit(); a also marks inputs */
    unsigned char *target, *err;  /* [size of the output layer] targets, error terms */
    unsigned char *param, *grad;  /* [nparams] parameter values, gradients */
    unsigned char loss, eta;      /* the loss; a learning rate (or the momentum) */
    marks_group group;            /* the group of the event (MARKS_START before the first) */
} marks;

/* Allocates the arrays for networks shaped as n, all unmarked; false with e set when memory runs out. */
bool marks_init(marks *m, const net *n, err *e);
void marks_free(marks *m);

/* Recomputes m for the event at st's cursor (none before the first): its operands read, its result written. */
void marks_update(marks *m, const stepper *st);

/* The group of a phase. */
marks_group marks_group_of(step_phase p);

#endif
