/* fault.h - the first value of a training step that is not finite, and why: the engine's diagnosis. */
#ifndef BPVIZ_FAULT_H
#define BPVIZ_FAULT_H

#include <stdbool.h>
#include <stddef.h>

#include "net.h"
#include "step.h"

/* Why a value is not finite. */
typedef enum fault_cause {
    FAULT_NONE,       /* every value of the step is finite */
    FAULT_DATA,       /* it reads an input or a target that is not finite */
    FAULT_START,      /* it reads a weight, bias or velocity that was not finite before the step */
    FAULT_OVERFLOW,   /* every number it reads is finite; the result leaves the range of a double */
    FAULT_DERIVATIVE, /* f′(z) is not finite although z and f(z) are (a gsigmoid's A and B) */
} fault_cause;

/* The first quantity of a step, in the order of the stepper's events, that
 * is not finite, and what it read. */
typedef struct fault {
    fault_cause cause; /* FAULT_NONE: nothing found (the other fields are 0) */
    step_kind kind;    /* the event that computes the quantity */
    int layer;         /* as in step_event: its layer (the output layer for EV_ERR, EV_LOSS) */
    int j;             /* neuron, or a weight's target neuron (0 for the loss, a shared bias) */
    int k;             /* a weight's source neuron, else 0 */
    int param;         /* the parameter of a gradient or update, else -1 */
    double value;      /* the quantity: NaN or ±inf */
    int index;         /* FAULT_DATA: the input (EV_Z) or target (EV_ERR) read; FAULT_START: the parameter */
    double bad;        /* FAULT_DATA, FAULT_START: the value read that is not finite */
    double z, a;       /* FAULT_DERIVATIVE: the neuron's z and f(z), both finite */
    double num, den;   /* FAULT_DERIVATIVE: f′ = num/den as computed (gsigmoid: a(A − a) and A·B) */
} fault;

/* One step of per-sample SGD on sample (x, t) from the state in n (params,
 * and vel with momentum), checked value by value in the order of the
 * stepper's events: forward, loss, deltas, gradients, and with h not NULL
 * the updates (full-batch training checks its update with fault_update).
 * Fills f with the first value that is not finite and returns true, or
 * returns false with f->cause FAULT_NONE. n's z, a, delta, dE_da, err_terms
 * and grad are overwritten; its params and vel are not. */
bool fault_find(net *n, const double *x, const double *t, const net_hyper *h, fault *f);

/* The update of every parameter of n with gradient g (nparams values) and
 * h, checked in the stepper's order: a gradient that is not finite (a batch
 * mean that overflowed) or a new value that is not finite. Fills f and
 * returns true at the first; n is not changed. */
bool fault_update(const net *n, const double *g, const net_hyper *h, fault *f);

/* True when f is training diverging: an overflow in an update, or anywhere
 * once the weights have been trained (first_step false). Then the learning
 * rate is the suspect; otherwise it is not (the data, the initial weights,
 * the activation's parameters). */
bool fault_diverged(const fault *f, bool first_step);

/* The quantity in words, for messages without the scenario's notation:
 * "the error term of neuron 1 in [layer 2]" (layers as the scenario's
 * sections, neurons from 1). */
void fault_name(const fault *f, const net_spec *spec, char *out, size_t outsz);

/* Why it is not finite, as a clause: "the squared error overflows (is the
 * learning rate too large?)", "the derivative a(A - a)/(AB) of [layer 2]'s
 * gsigmoid is 0/0 at z = 0.5: A*B = 1e-200*1e-200 underflows to 0 in double
 * precision". first_step as for fault_diverged. */
void fault_reason(const fault *f, const net_spec *spec, bool first_step, char *out, size_t outsz);

/* The quantity and the reason for an error message: "the error of output 1
 * overflows (is the learning rate too large?)", "the error term of neuron 1
 * in [layer 2] is nan: the derivative …". */
void fault_describe(const fault *f, const net_spec *spec, bool first_step, char *out, size_t outsz);

#endif
