/* scenario.h - scenario files: a network, its exact weights, its data, training settings. */
#ifndef BPVIZ_SCENARIO_H
#define BPVIZ_SCENARIO_H

#include <stdbool.h>

#include "csv.h"
#include "data.h"
#include "err.h"
#include "net.h"
#include "notation.h"
#include "train.h"

/* Documented limits of the format. */
#define SCENARIO_MAX_BYTES (16L * 1024 * 1024) /* file size */
#define SCENARIO_MAX_SAMPLES 100000            /* inline samples */
#define SCENARIO_MAX_EXPECTED 4096             /* expected values */
#define SCENARIO_MAX_AFTER 10000000L           /* N of "SYMBOL after N" in [expected] */

/* One number as the source document prints it. */
typedef struct scenario_expect {
    char *symbol;  /* markup key as written in the file, without " after N" (owned) */
    char *printed; /* the number exactly as written (owned) */
    double value;  /* its value */
    int line;      /* line in the scenario file */
    long after;    /* N of "SYMBOL after N": the value as N updates left the
                    * parameters (FORMAT.md); -1 when not given (the first
                    * event of that name in the scenario's iterations) */
} scenario_expect;

/* How initial weights are chosen when not written out. */
typedef enum scenario_init {
    SCENARIO_INIT_GIVEN,   /* every weight and bias written in the file */
    SCENARIO_INIT_UNIFORM  /* uniform in [init_lo, init_hi) from seed */
} scenario_init;

/* A parsed scenario. Everything is owned by it (scenario_free). */
typedef struct scenario {
    char *path;           /* the file's path as given */
    char *title;          /* one-line title */
    char *source;         /* document and section the numbers come from */
    net_spec spec;        /* shape, activations, biases, loss */
    net *init;            /* the initial network (weights and biases set) */
    scenario_init init_mode; /* how init was filled */
    double init_lo, init_hi; /* range of uniform init */
    unsigned long init_seed; /* seed of uniform init */
    notation nt;          /* symbol names */
    data_set data;        /* inline samples, or the loaded CSV data */
    csv_opts csv;         /* CSV settings when the data is a file */
    net_hyper hyper;      /* learning rates, momentum, adaptive rule */
    train_mode mode;      /* sgd or batch */
    long iterations;      /* iterations to trace/check (default 1) */
    long epochs;          /* epochs for --train (default 100) */
    double threshold;     /* stop when the epoch loss falls below it (0 = never) */
    scenario_expect *expect; /* [nexpect] the document's printed numbers */
    int nexpect;
    int layout[NET_MAX_LAYERS]; /* how each layer's weights were written: 0 to-from (rows = target), 1 from-to */
} scenario;

/* Reads and checks a scenario file. On any error returns NULL with e set to
 * "path:line:col: message" (path alone for an empty file); nothing is left
 * allocated. The caller owns the result. */
scenario *scenario_load(const char *path, err *e);

/* Parses scenario text already in memory; path is used in messages and to
 * resolve a CSV file relative to it. */
scenario *scenario_parse(const char *path, const char *text, long len, err *e);

/* Frees a scenario (NULL is fine). */
void scenario_free(scenario *sc);

#endif
