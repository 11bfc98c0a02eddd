/* train.h - training over epochs without events: per-sample SGD or full batch. */
#ifndef BPVIZ_TRAIN_H
#define BPVIZ_TRAIN_H

#include <stdbool.h>

#include "data.h"
#include "err.h"
#include "net.h"

/* Gradient-descent mode over a data set. */
typedef enum train_mode {
    TRAIN_MODE_SGD,  /* one update per sample (the documents) */
    TRAIN_MODE_BATCH /* one update per epoch with the summed gradient */
} train_mode;

/* Numbers of one epoch, as printed by --train and drawn by the chart. */
typedef struct train_point {
    long epoch;       /* 0 = before training */
    double loss;      /* mean over training samples of the loss at the epoch's end weights */
    double train_acc; /* fraction 0..1 of training samples classified right (classification data) */
    double val_acc;   /* same over the validation samples (NaN when there are none) */
    double eta;       /* weights' learning rate in force after the epoch */
} train_point;

/* A training run in progress. The caller owns it (train_free). */
typedef struct trainer {
    net *n;               /* the network being trained (owned) */
    const data_set *data; /* borrowed; must outlive the trainer */
    net_hyper hyper;      /* current hyper-parameters (eta changes if adaptive) */
    train_mode mode;      /* sgd or batch */
    long epoch;           /* epochs done */
    double last_loss;     /* loss at the end of the last epoch */
    double *gsum;         /* [nparams] owned: the batch gradient accumulator (batch mode only, else NULL) */
    double *keep;         /* [2*nparams] owned: parameters, then velocities, before the epoch
                           * (restored when it diverges) */
} trainer;

/* Starts a run from a copy of init. NULL with e set when memory runs out. */
trainer *train_new(const net *init, const data_set *d, const net_hyper *h, train_mode mode, err *e);
void train_free(trainer *t);

/* Measures the current state (loss over the training set, accuracies) into p. */
void train_measure(trainer *t, train_point *p);

/* Runs one epoch and measures it into p. Returns false with e set when the
 * loss or a parameter stops being finite or the loss explodes; the network
 * is then left at the last finite state (the epoch is undone). The message
 * names the first value of the epoch that is not finite and why (the epoch
 * replayed with fault_find): "training stopped in epoch E at iteration I:
 * …", or "training diverged in epoch E: the loss is L (was P); …" when it
 * overflowed after training began or the loss exploded. */
bool train_epoch(trainer *t, train_point *p, err *e);

#endif
