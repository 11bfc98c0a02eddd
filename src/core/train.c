/* train.c - epochs of per-sample SGD or full-batch descent, measured; no events built. */
#include "train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fault.h"
#include "formula.h"
#include "i18n.h"

/* A loss this many times the starting one (and above 1) counts as exploding. */
#define TRAIN_EXPLODE_RATIO 1e6

trainer *train_new(const net *init, const data_set *d, const net_hyper *h, train_mode mode, err *e)
{
    trainer *t = calloc(1, sizeof *t);
    if (!t)
        goto oom;
    t->n = net_clone(init);
    t->keep = malloc((size_t)init->nparams * 2 * sizeof(double));
    t->gsum = mode == TRAIN_MODE_BATCH ? malloc((size_t)init->nparams * sizeof(double)) : NULL;
    if (!t->n || !t->keep || (mode == TRAIN_MODE_BATCH && !t->gsum))
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

/* Replays the epoch that failed from its start (t->n, restored) on a copy:
 * the first value that is not finite, and in sgd mode the 0-based sample
 * whose step has it (-1 in batch mode, whose one step is the epoch). */
static bool train_diagnose(trainer *t, fault *f, int *step)
{
    const data_set *d = t->data;
    const int rows = data_ntrain(d), np = t->n->nparams;
    bool found = false;
    *step = -1;
    memset(f, 0, sizeof *f);
    net *w = net_clone(t->n);
    if (!w)
        return false;
    if (t->mode == TRAIN_MODE_BATCH) {
        memset(t->gsum, 0, (size_t)np * sizeof(double));
        for (int i = 0; i < rows && !found; i++) {
            found = fault_find(w, d->x + (size_t)i * d->nin, d->t + (size_t)i * d->nout, NULL, f);
            for (int q = 0; q < np; q++)
                t->gsum[q] += w->grad[q];
        }
        for (int q = 0; q < np && !found; q++)
            t->gsum[q] /= rows;
        found = found || fault_update(w, t->gsum, &t->hyper, f);
    } else {
        for (int i = 0; i < rows && !found; i++) {
            found = fault_find(w, d->x + (size_t)i * d->nin, d->t + (size_t)i * d->nout, &t->hyper, f);
            if (found)
                *step = i;
            else
                net_update(w, &t->hyper); /* fault_find left the gradient: the step net_train_rows takes */
        }
    }
    net_free(w);
    return found;
}

/* Sets e for the epoch that failed (t->epoch is its number, t->n its start):
 * the first value that is not finite and why, or the loss that exploded. */
static void train_failed(trainer *t, double loss, err *e)
{
    fault f;
    int step;
    char now[64], was[64], what[ERR_MSG_MAX - 160];
    formula_num(loss, 6, now, sizeof now);
    formula_num(t->last_loss, 6, was, sizeof was);
    if (!train_diagnose(t, &f, &step)) { /* every value finite: the loss grew a millionfold */
        err_set(e, NULL, 0, 0, _("training diverged in epoch %ld: the loss is %s (was %s); is the learning rate too large?"),
                t->epoch, now, was);
        return;
    }
    const bool first = t->epoch == 1 && step <= 0; /* still the initial weights */
    const long it = (t->epoch - 1) * (long)data_ntrain(t->data) + step + 1;
    fault_describe(&f, &t->n->spec, first, what, sizeof what);
    if (fault_diverged(&f, first)) {
        if (step >= 0)
            err_set(e, NULL, 0, 0, _("training diverged in epoch %ld: the loss is %s (was %s); at iteration %ld %s"),
                    t->epoch, now, was, it, what);
        else
            err_set(e, NULL, 0, 0, _("training diverged in epoch %ld: the loss is %s (was %s); %s"), t->epoch, now, was,
                    what);
    } else if (step >= 0) {
        err_set(e, NULL, 0, 0, _("training stopped in epoch %ld at iteration %ld: %s"), t->epoch, it, what);
    } else {
        err_set(e, NULL, 0, 0, _("training stopped in epoch %ld: %s"), t->epoch, what);
    }
}

bool train_epoch(trainer *t, train_point *p, err *e)
{
    const data_set *d = t->data;
    const int rows = data_ntrain(t->data), np = t->n->nparams;
    double *keep = t->keep, *keepvel = t->keep + np; /* the state before the epoch */
    memcpy(keep, t->n->params, (size_t)np * sizeof(double));
    memcpy(keepvel, t->n->vel, (size_t)np * sizeof(double));
    if (t->mode == TRAIN_MODE_BATCH) {
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
        memcpy(t->n->params, keep, (size_t)np * sizeof(double));
        memcpy(t->n->vel, keepvel, (size_t)np * sizeof(double));
        train_failed(t, m.loss, e);
        t->epoch--; /* the hyper-parameters only change below, after a good epoch */
        return false;
    }
    net_hyper_adapt(&t->hyper, t->last_loss, m.loss);
    t->last_loss = m.loss;
    m.eta = t->hyper.eta_w;
    *p = m;
    return true;
}
