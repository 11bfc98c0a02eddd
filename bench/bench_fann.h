/* bench_fann.h - the same network and data in FANN 2.2 (double precision), configured for plain incremental SGD. */
#ifndef BPVIZ_BENCH_FANN_H
#define BPVIZ_BENCH_FANN_H

#include <stdbool.h>

#include "data.h"
#include "net.h"

/* Opaque: a FANN network and its training data. */
typedef struct bench_fann bench_fann;

/* Builds init's network in FANN (sigmoid, steepness 0.5, incremental, linear
 * error, momentum 0, learning rate eta) with init's weights set through
 * fann_set_weight_array, and copies the first rows samples of d. NULL on failure. */
bench_fann *bench_fann_new(const net *init, const data_set *d, int rows, double eta);
void bench_fann_free(bench_fann *f);

/* Sets the weights back to init's (fann_set_weight_array). */
void bench_fann_load(bench_fann *f, const net *init);

/* One incremental epoch over the rows in order (fann_train_epoch). */
void bench_fann_epoch(bench_fann *f);

/* Mean over the rows of 1/2 sum (t-y)^2 with y from fann_run. */
double bench_fann_loss(bench_fann *f);

/* Writes FANN's current weights into out (a network of init's shape). */
void bench_fann_export(bench_fann *f, net *out);

/* How the weights were set: true when through fann_set_weight_array (small
 * networks), false when written to ann->weights in fann_get_connection_array's order. */
bool bench_fann_set_by_api(const bench_fann *f);

#endif
