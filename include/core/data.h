/* data.h - the samples a scenario trains on: inline patterns or a CSV dataset. */
#ifndef BPVIZ_DATA_H
#define BPVIZ_DATA_H

#include <stdbool.h>

#include "err.h"

/* A set of samples. x and t are row-major: sample i's input is
 * x[i*nin .. i*nin+nin-1], its target t[i*nout ..]. The first ntrain samples
 * (in order) are the training set, the rest the validation set. The struct
 * owns x, t, class_names and warnings (free with data_free). */
typedef struct data_set {
    int n;        /* samples */
    int nin;      /* input values per sample */
    int nout;     /* target values per sample */
    int ntrain;   /* samples 0..ntrain-1 train; ntrain..n-1 validate (0: all train; see data_ntrain) */
    double *x;    /* [n*nin] inputs */
    double *t;    /* [n*nout] targets */
    int nclasses; /* > 0 when targets are one-hot classes (accuracy is defined) */
    char **class_names; /* [nclasses] label of each class, or NULL */
    err *warnings;      /* [nwarnings] what the loader accepted but the user should know,
                         * each msg "path:line: warning: ..." (main prints them); NULL when none */
    int nwarnings;
} data_set;

/* Frees what d owns and zeroes it (d itself is the caller's). */
void data_free(data_set *d);

/* The training samples in force: ntrain when it is in 1..n, else all n. */
int data_ntrain(const data_set *d);

/* Appends one sample (copies x and t); false and e set when memory runs out. */
bool data_append(data_set *d, const double *x, const double *t, err *e);

/* Appends the warning "path:line: warning: fmt..." to d->warnings (line <= 0
 * leaves the line out); false when memory runs out. */
bool data_warn(data_set *d, const char *path, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Index of the largest of n values (the predicted class); -1 when n <= 0. */
int data_argmax(const double *v, int n);

#endif
