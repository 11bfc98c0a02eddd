/* bench_work.h - the benchmark's workloads: a network, its initial weights, its data, eta and epochs. */
#ifndef BPVIZ_BENCH_WORK_H
#define BPVIZ_BENCH_WORK_H

#include <stdbool.h>

#include "data.h"
#include "err.h"
#include "net.h"
#include "scenario.h"

/* One workload. Everything is owned by it (bench_work_free). */
typedef struct bench_work {
    char name[64];      /* e.g. "iris 4-5-3" */
    char what[128];     /* where the data comes from */
    net *init;          /* the initial network */
    scenario *sc;       /* the scenario it was loaded from, or NULL */
    data_set own;       /* data built here (when sc is NULL) */
    const data_set *d;  /* the data: &sc->data or &own */
    int rows;           /* training rows, in order */
    int epochs;         /* epochs timed */
    double eta;         /* learning rate of weights and biases */
    long step_iters;    /* iterations timed in stepping mode */
} bench_work;

/* A scenario's network, initial weights, training rows and eta, as
 * scenario_load gives them (Iris: scenarios/doc001-iris.bp; digits:
 * scenarios/digits.bp); label names the workload ("iris"). */
bool bench_work_scenario(bench_work *w, const char *label, const char *scenario_path, int epochs, long step_iters,
                         err *e);

/* A wide 784-256-10 network on synthetic data (rows random inputs, labels from a random linear teacher). */
bool bench_work_wide(bench_work *w, int rows, int epochs, err *e);

void bench_work_free(bench_work *w);

#endif
