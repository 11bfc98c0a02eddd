/* history.c - a ring of the activations and error terms of the iterations a stepper built, newest kept. */
#include "history.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_KEEP_DOUBLES (1L << 21) /* 16 MiB of activations and error terms at most */

/* Iterations before the cursor searched for kept parameters: after a long run most have none. */
#define HISTORY_PARAM_SPAN 4096

struct history {
    int nunits;    /* neurons per slot, 0 before the first note */
    int cap, n;    /* slots, slots used */
    int next;      /* the slot written next (the oldest once all are used) */
    long *its;     /* [cap] the iteration in each slot */
    double *a, *d; /* [cap * nunits] activations, error terms (NaN: the input layer) */
};

history *history_new(void) { return calloc(1, sizeof(history)); }

void history_clear(history *h)
{
    free(h->its);
    free(h->a);
    free(h->d);
    memset(h, 0, sizeof *h);
}

void history_free(history *h)
{
    if (!h)
        return;
    history_clear(h);
    free(h);
}

static int history_find(const history *h, long it)
{
    for (int i = 0; i < h->n; i++)
        if (h->its[i] == it)
            return i;
    return -1;
}

/* Slots for networks of nunits neurons; false (and empty) when memory runs out. */
static bool history_size(history *h, int nunits)
{
    history_clear(h);
    h->nunits = nunits;
    long cap = HISTORY_KEEP_DOUBLES / (2L * nunits);
    h->cap = cap > HISTORY_KEEP ? HISTORY_KEEP : cap < 1 ? 1 : (int)cap;
    h->its = malloc((size_t)h->cap * sizeof *h->its);
    h->a = malloc((size_t)h->cap * (size_t)nunits * sizeof(double));
    h->d = malloc((size_t)h->cap * (size_t)nunits * sizeof(double));
    if (!h->its || !h->a || !h->d) {
        history_clear(h);
        return false;
    }
    return true;
}

void history_note(history *h, const stepper *st)
{
    if (stepper_count(st) == 0)
        return;
    const net *n = stepper_view(st)->net;
    if (h->nunits != n->nunits && !history_size(h, n->nunits))
        return;
    const long it = stepper_iteration(st);
    if (history_find(h, it) >= 0)
        return;
    const int slot = h->next;
    h->next = (h->next + 1) % h->cap;
    if (h->n < h->cap)
        h->n++;
    h->its[slot] = it;
    double *a = h->a + (size_t)slot * (size_t)n->nunits, *d = h->d + (size_t)slot * (size_t)n->nunits;
    for (int i = 0; i < n->nunits; i++)
        a[i] = d[i] = NAN;
    /* What the iteration's EV_A and EV_DELTA events compute, read from its
     * frame (walking the events would build every one of them). */
    const net *f = stepper_frame(st);
    for (int l = 1; l < f->spec.nlayers; l++)
        for (int j = 0; j < f->spec.size[l]; j++) {
            const int unit = stepper_unit(st, l, j);
            a[unit] = f->a[l][j];
            d[unit] = f->delta[l][j];
        }
}

bool history_value(const history *h, const stepper *st, long it, int l, int j, history_what what, double *out)
{
    const step_view *v = stepper_view(st);
    const int unit = stepper_unit(st, l, j);
    if (it == stepper_iteration(st)) {
        if (what == HISTORY_A && v->a_known[unit]) {
            *out = v->net->a[l][j];
            return true;
        }
        if (what == HISTORY_DELTA && v->d_known[unit]) {
            *out = v->net->delta[l][j];
            return true;
        }
        return false;
    }
    const int i = history_find(h, it);
    if (i < 0)
        return false;
    const double x = (what == HISTORY_A ? h->a : h->d)[(size_t)i * (size_t)h->nunits + (size_t)unit];
    if (isnan(x))
        return false;
    *out = x;
    return true;
}

/* Adds it to out (newest first, k of at most max, no repeats); returns the new k. */
static int history_insert(long *out, int k, int max, long it)
{
    int i = 0;
    while (i < k && out[i] > it)
        i++;
    if (i < k && out[i] == it)
        return k;
    if (i >= max)
        return k;
    if (k == max)
        k--; /* the oldest goes */
    memmove(out + i + 1, out + i, (size_t)(k - i) * sizeof *out);
    out[i] = it;
    return k + 1;
}

int history_rows(const history *h, const stepper *st, long cur, bool units, int max, long *out)
{
    int k = 0;
    if (max <= 0)
        return 0;
    for (long it = cur; it >= 0 && it > cur - HISTORY_PARAM_SPAN && k < max; it--)
        if (stepper_params_at(st, it))
            out[k++] = it;
    if (units)
        for (int i = 0; i < h->n; i++)
            if (h->its[i] <= cur)
                k = history_insert(out, k, max, h->its[i]);
    return k;
}
