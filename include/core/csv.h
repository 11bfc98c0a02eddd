/* csv.h - CSV datasets: header, label column, one-hot classes, min-max, seeded shuffle, split. */
#ifndef BPVIZ_CSV_H
#define BPVIZ_CSV_H

#include <stdbool.h>

#include "data.h"
#include "err.h"

/* Longest CSV line accepted, and the largest file. */
#define CSV_LINE_MAX 65536
#define CSV_MAX_BYTES (256L * 1024 * 1024)

/* How to load a CSV file: the [data] section's settings (scenario.h keeps
 * them in scenario.csv). */
typedef struct csv_opts {
    char *file;        /* path as written, relative to the scenario file (owned), NULL if inline */
    char *label;       /* name of the label column (owned) */
    bool normalize;    /* min-max normalise every feature to [0,1] */
    bool shuffle;      /* shuffle rows (seeded) before splitting */
    int train_rows;    /* rows in the training set; 0 = all */
    unsigned long seed;/* seed of the shuffle */
    int line;          /* line of "file =" for error messages */
} csv_opts;

/* Loads opt->file (relative to the directory of scenario_path) into out,
 * which must be empty with nin and nout set: every column but the label is a
 * feature (nin of them); a numeric label is the target (nout must be 1),
 * string labels become one-hot classes (nout of them, in order of first
 * appearance). Then min-max normalisation, a shuffle seeded by opt->seed, and
 * the split (out->ntrain). Fields follow RFC 4180 (quotes, "" inside), one
 * record per line; numbers are plain decimals. What loads but deserves a word
 * (a class only in validation rows) goes to out->warnings. Errors:
 * "path:line:col: message" (col or line left out where none applies); false
 * and out left empty. */
bool csv_load_for(const char *scenario_path, const csv_opts *opt, int nin, int nout, data_set *out, err *e);

/* The order the seeded shuffle puts n rows in: order[i] is the row (0-based,
 * in file order) that ends up at position i. csv_load's shuffle is this
 * order (a Fisher-Yates shuffle driven by splitmix64 from seed). */
void csv_shuffle_order(unsigned long seed, int n, int *order);

/* The same with a path used as is. */
bool csv_load(const char *path, const csv_opts *opt, int nin, int nout, data_set *out, err *e);

#endif
