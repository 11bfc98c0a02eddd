/* bench_fast.h - a prototype of a faster net_train_sample(), bit-identical to src/net.c's, to prove the gain. */
#ifndef BPVIZ_BENCH_FAST_H
#define BPVIZ_BENCH_FAST_H

#include "net.h"

/* The same as net_train_sample() (same parameters and velocities bit for bit,
 * same returned loss) but: the forward pass sums four neurons at a time
 * (four independent chains of additions, each in the engine's order), and the
 * backward pass, gradient and update are one pass over each weight matrix,
 * so the gradient array is not written (n->grad is left as it was). */
double bench_fast_train_sample(net *n, const double *x, const double *t, const net_hyper *h);

/* net_train_sample() over rows samples in order (x and t row-major), the
 * same bits again, with one more saving: the update of the first layer's
 * weights is applied during the next sample's forward pass, which reads those
 * weights anyway (one pass over the largest matrix per sample instead of two).
 * Every update is applied before it returns. Returns the sum of the losses. */
double bench_fast_train_rows(net *n, const double *x, const double *t, int rows, const net_hyper *h);

#endif
