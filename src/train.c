/* train.c - epochs of per-sample SGD or full-batch descent, measured; no events built. */
#include "train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* A loss this many times the starting one (and above 1) counts as exploding. */
#define TRAIN_EXPLODE_RATIO 1e6

trainer *train_new(const net *init, const data_set *d, const net_hyper *h, scenario_mode mode, err *e)
{
    trainer *t = calloc(1, sizeof *t);
    if (!t)
        goto oom;
    t->n = net_clone(init);
    t->keep = malloc((size_t)init->nparams * 2 * sizeof(double));
    t->gsum = mode == SCENARIO_MODE_BATCH ? malloc((size_t)init->nparams * sizeof(double)) : NULL;
    if (!t->n || !t->keep || (mode == SCENARIO_MODE_BATCH && !t->gsum))
        goto oom;
    memset(t->n->vel, 0, (size_t)init->nparams * sizeof(double));
    t->data = d;
    t->hyper = *h;
    t->mode = mode;
    train_point p;
    train_measure(t, &p);
    t->last_loss = p.loss;
    return t;
oom:
    train_free(t);
    err_set(e, NULL, 0, 0, _("out of memory"));
    return NULL;
}

void train_free(trainer *t)
{
    if (!t)
        return;
    net_free(t->n);
    free(t->gsum);
    free(t->keep);
    free(t);
}

void train_measure(trainer *t, train_point *p)
{
    const data_set *d = t->data;
    const int rows = data_ntrain(t->data), L = t->n->spec.nlayers - 1;
    const bool cls = d->nclasses > 0;
    double sum = 0.0;
    int right = 0, vright = 0;
    /* One forward pass per row gives both the loss and the class. */
    for (int i = 0; i < rows; i++) {
        const double *ti = d->t + (size_t)i * d->nout;
        sum += net_eval_sample(t->n, d->x + (size_t)i * d->nin, ti);
        if (cls)
            right += data_argmax(t->n->a[L], d->nout) == data_argmax(ti, d->nout);
    }
    for (int i = rows; cls && i < d->n; i++) {
        net_forward(t->n, d->x + (size_t)i * d->nin);
        vright += data_argmax(t->n->a[L], d->nout) == data_argmax(d->t + (size_t)i * d->nout, d->nout);
    }
    p->epoch = t->epoch;
    p->loss = sum / rows;
    p->eta = t->hyper.eta_w;
    p->train_acc = cls ? (double)right / rows : NAN;
    p->val_acc = cls && d->n > rows ? (double)vright / (d->n - rows) : NAN;
}

bool train_epoch(trainer *t, train_point *p, err *e)
{
    const data_set *d = t->data;
    const int rows = data_ntrain(t->data), np = t->n->nparams;
    double *keep = t->keep, *keepvel = t->keep + np; /* the state before the epoch */
    memcpy(keep, t->n->params, (size_t)np * sizeof(double));
    memcpy(keepvel, t->n->vel, (size_t)np * sizeof(double));
    if (t->mode == SCENARIO_MODE_BATCH) {
        memset(t->gsum, 0, (size_t)np * sizeof(double));
        for (int i = 0; i < rows; i++) {
            net_forward(t->n, d->x + (size_t)i * d->nin);
            net_loss_eval(t->n, d->t + (size_t)i * d->nout);
            net_backward(t->n);
            for (int q = 0; q < np; q++)
                t->gsum[q] += t->n->grad[q];
        }
        /* The mean gradient: descent on the mean loss that is reported. */
        for (int q = 0; q < np; q++)
            t->n->grad[q] = t->gsum[q] / rows;
        net_update(t->n, &t->hyper);
    } else {
        net_train_rows(t->n, d->x, d->t, rows, &t->hyper);
    }
    t->epoch++;
    train_point m;
    train_measure(t, &m);
    bool exploded = m.loss > 1.0 && m.loss > t->last_loss * TRAIN_EXPLODE_RATIO;
    if (!isfinite(m.loss) || !net_params_finite(t->n) || exploded) {
        err_set(e, NULL, 0, 0,
                _("training diverged in epoch %ld: the loss is %g (was %g); is the learning rate too large?"),
                t->epoch, m.loss, t->last_loss);
        memcpy(t->n->params, keep, (size_t)np * sizeof(double));
        memcpy(t->n->vel, keepvel, (size_t)np * sizeof(double));
        t->epoch--; /* the hyper-parameters only change below, after a good epoch */
        return false;
    }
    net_hyper_adapt(&t->hyper, t->last_loss, m.loss);
    t->last_loss = m.loss;
    m.eta = t->hyper.eta_w;
    *p = m;
    return true;
}
