/* history.h - every neuron's activation and error term in the iterations a stepper has built, for a value history. */
#ifndef BPVIZ_HISTORY_H
#define BPVIZ_HISTORY_H

#include <stdbool.h>

#include "stepper.h"

/* Iterations whose values are kept at most (the latest noted), and no more than 16 MiB of them. */
#define HISTORY_KEEP 4096

/* What of a neuron. */
typedef enum history_what { HISTORY_A, HISTORY_DELTA } history_what;

/* The values kept, for one stepper at a time. Opaque; the caller owns it (history_free). */
typedef struct history history;

/* An empty history; NULL when memory runs out. */
history *history_new(void);
void history_free(history *h);

/* Forgets every value: the stepper they came from was replaced. */
void history_clear(history *h);

/* Keeps the values of the iteration st has built (its frame), once per iteration; cheap when it is
 * already kept. When memory runs out nothing is kept (the history then has parameters only). */
void history_note(history *h, const stepper *st);

/* The activation or error term of neuron (l, j) (l >= 1) in iteration it, into out: for st's current
 * iteration from its view (false until the cursor computed it), else from what was kept (false when not). */
bool history_value(const history *h, const stepper *st, long it, int l, int j, history_what what, double *out);

/* The latest iterations at or before cur, newest first, at most max, into out: those whose parameters
 * st keeps (looked for among the last 4096), and with units also those whose values h keeps. */
int history_rows(const history *h, const stepper *st, long cur, bool units, int max, long *out);

#endif
