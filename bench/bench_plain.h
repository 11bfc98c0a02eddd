/* bench_plain.h - a plain hand-written SGD loop for sigmoid networks: the benchmark's baseline and fairness reference. */
#ifndef BPVIZ_BENCH_PLAIN_H
#define BPVIZ_BENCH_PLAIN_H

#include <stdbool.h>

#include "net.h"

/* FANN 2.2's arithmetic, each switchable, so the plain loop can reproduce FANN. */
typedef struct bench_plain_rules {
    bool clip;       /* f'(a) = c(1-c) with c = a clipped to [0.01f, 0.99f] (fann_activation_derived) */
    bool float_eta;  /* eta rounded to a float (struct fann's learning_rate is a float) */
    bool fann_order; /* FANN's order of additions: the bias as the last input, sums unrolled by 4 (fann_run) */
} bench_plain_rules;

/* A sigmoid network with a bias per neuron and E = 1/2 sum (t-a)^2, trained by
 * per-sample SGD without momentum; one allocation. */
typedef struct bench_plain {
    int nlayers;
    int size[NET_MAX_LAYERS];
    double *w[NET_MAX_LAYERS]; /* w[l][j*size[l-1]+k], as the engine's */
    double *b[NET_MAX_LAYERS]; /* b[l][j] */
    double *a[NET_MAX_LAYERS]; /* activations; a[0] points at the input */
    double *d[NET_MAX_LAYERS]; /* deltas */
    double eta;                /* learning rate as used */
    bench_plain_rules rules;
} bench_plain;

/* A copy of init's shape and parameters (it must be all sigmoid, biases per
 * neuron, half-SSE); NULL when it is not or memory runs out. */
bench_plain *bench_plain_new(const net *init, double eta, bench_plain_rules rules);
void bench_plain_free(bench_plain *p);

/* Sets the parameters back to init's. */
void bench_plain_load(bench_plain *p, const net *init);

/* One SGD step on sample (x, t). */
void bench_plain_train(bench_plain *p, const double *x, const double *t);

/* Loss 1/2 sum (t-a)^2 of one sample (forward only). */
double bench_plain_loss(bench_plain *p, const double *x, const double *t);

/* Writes p's parameters into out (a network of init's shape). */
void bench_plain_export(const bench_plain *p, net *out);

#endif
