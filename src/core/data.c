/* data.c - sample sets: ownership, appending, warnings, argmax. */
#include "data.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void data_free(data_set *d)
{
    if (!d)
        return;
    free(d->x);
    free(d->t);
    for (int i = 0; i < d->nclasses && d->class_names; i++)
        free(d->class_names[i]);
    free(d->class_names);
    free(d->warnings);
    memset(d, 0, sizeof *d);
}

bool data_append(data_set *d, const double *x, const double *t, err *e)
{
    /* Grow by powers of two: capacity is the next power of two >= n. */
    int n = d->n;
    if ((n & (n - 1)) == 0) {
        size_t cap = n ? (size_t)n * 2 : 1;
        double *nx = realloc(d->x, cap * (size_t)(d->nin ? d->nin : 1) * sizeof(double));
        if (!nx) {
            err_set(e, NULL, 0, 0, _("out of memory"));
            return false;
        }
        d->x = nx;
        double *nt = realloc(d->t, cap * (size_t)(d->nout ? d->nout : 1) * sizeof(double));
        if (!nt) {
            err_set(e, NULL, 0, 0, _("out of memory"));
            return false;
        }
        d->t = nt;
    }
    memcpy(d->x + (size_t)n * d->nin, x, sizeof(double) * (size_t)d->nin);
    memcpy(d->t + (size_t)n * d->nout, t, sizeof(double) * (size_t)d->nout);
    d->n = n + 1;
    return true;
}

bool data_warn(data_set *d, const char *path, int line, const char *fmt, ...)
{
    char text[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    err *w = realloc(d->warnings, (size_t)(d->nwarnings + 1) * sizeof *w);
    if (!w)
        return false;
    d->warnings = w;
    /* TRANSLATORS: a warning after "path:line: "; %s is what the warning says. */
    err_set(&w[d->nwarnings++], path, line, 0, _("warning: %s"), text);
    return true;
}

int data_ntrain(const data_set *d) { return d->ntrain > 0 && d->ntrain <= d->n ? d->ntrain : d->n; }

int data_argmax(const double *v, int n)
{
    if (n <= 0)
        return -1;
    int best = 0;
    for (int i = 1; i < n; i++)
        if (v[i] > v[best])
            best = i;
    return best;
}
