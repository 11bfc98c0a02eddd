/* export.h - a scenario as a self-contained PyTorch script (bpviz --export torch). */
#ifndef BPVIZ_EXPORT_H
#define BPVIZ_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "scenario.h"

/* Most lines a trace script prints (iterations x events per iteration): its
 * table of event names grows with them. */
#define EXPORT_MAX_EVENTS 1000000L

/* Which script. */
typedef enum export_kind {
    EXPORT_TRACE, /* the events of the first iterations, as bpviz --trace prints them */
    EXPORT_TRAIN  /* training over epochs, the CSV of bpviz --train */
} export_kind;

/* What to write. */
typedef struct export_options {
    export_kind kind;   /* the trace script or the training script */
    long iterations;    /* EXPORT_TRACE: iterations it runs (>= 1) */
    long epochs;        /* EXPORT_TRAIN: epochs it trains by default (>= 0) */
    int digits;         /* EXPORT_TRACE: significant digits of its value column by default (10 to 17) */
    bool utf8;          /* event names in Unicode (true) or ASCII, as --trace renders them */
} export_options;

/* How an export ended. */
typedef enum export_result {
    EXPORT_OK,          /* the whole script was written and flushed */
    EXPORT_REFUSED,     /* nothing written: e says why (what PyTorch cannot express, a limit, a file) */
    EXPORT_WRITE_FAILED /* a write to out failed: *write_errno holds its errno */
} export_result;

/* Writes the PyTorch script of sc to out (borrowed; flushed, not closed).
 * Everything the script needs is checked and gathered first, so a refusal
 * writes nothing. The script computes every value with PyTorch (float64);
 * only the event names are bpviz's, rendered as --trace renders them. Never
 * prints anything else. */
export_result export_torch(const scenario *sc, const export_options *o, FILE *out, err *e, int *write_errno);

/* The check export_torch() makes first: false with e set when sc holds
 * something the script cannot reproduce exactly (named in the message). */
bool export_torch_check(const scenario *sc, const export_options *o, err *e);

#endif
