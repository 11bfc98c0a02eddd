/* bench_work.c - the benchmark's workloads: a network, its initial weights, its data, eta and epochs. */
#include "bench_work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

/* A sigmoid network with a bias per neuron and half-SSE, weights uniform in [-r, r). */
static net *bench_work_net(const int *sizes, int nlayers, double r, unsigned long seed, err *e)
{
    net_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.nlayers = nlayers;
    for (int l = 0; l < nlayers; l++) {
        sp.size[l] = sizes[l];
        sp.layer[l] = (net_layer_spec){.act = NET_ACT_SIGMOID, .act_a = 1.0, .act_b = 1.0, .bias = NET_BIAS_NEURON};
    }
    sp.loss = NET_LOSS_HALF_SSE;
    net *n = net_new(&sp, e);
    if (!n)
        return NULL;
    rng g;
    rng_seed(&g, seed);
    for (int i = 0; i < n->nparams; i++)
        n->params[i] = -r + 2.0 * r * rng_uniform(&g);
    return n;
}

bool bench_work_scenario(bench_work *w, const char *label, const char *scenario_path, int epochs, long step_iters,
                         err *e)
{
    memset(w, 0, sizeof *w);
    w->sc = scenario_load(scenario_path, e);
    if (!w->sc)
        return false;
    w->init = net_clone(w->sc->init);
    if (!w->init) {
        err_set(e, NULL, 0, 0, "out of memory");
        return false;
    }
    w->d = &w->sc->data;
    w->rows = w->d->ntrain > 0 ? w->d->ntrain : w->d->n;
    w->eta = w->sc->hyper.eta_w;
    w->epochs = epochs;
    w->step_iters = step_iters;
    const net_spec *sp = &w->init->spec;
    int len = snprintf(w->name, sizeof w->name, "%s ", label);
    for (int l = 0; l < sp->nlayers && len > 0 && len < (int)sizeof w->name; l++)
        len += snprintf(w->name + len, sizeof w->name - (size_t)len, "%s%d", l ? "-" : "", sp->size[l]);
    snprintf(w->what, sizeof w->what, "%s, %d rows x %d epochs, eta %g", scenario_path, w->rows, epochs, w->eta);
    return true;
}

bool bench_work_wide(bench_work *w, int rows, int epochs, err *e)
{
    memset(w, 0, sizeof *w);
    enum { NIN = 784, NOUT = 10 };
    double *teacher = malloc((size_t)NIN * NOUT * sizeof(double));
    double *x = malloc((size_t)NIN * sizeof(double));
    if (!teacher || !x) {
        free(teacher);
        free(x);
        err_set(e, NULL, 0, 0, "out of memory");
        return false;
    }
    rng g;
    rng_seed(&g, 784256);
    for (int i = 0; i < NIN * NOUT; i++)
        teacher[i] = rng_uniform(&g) - 0.5;
    w->own = (data_set){.nin = NIN, .nout = NOUT};
    bool ok = true;
    for (int i = 0; i < rows && ok; i++) {
        for (int k = 0; k < NIN; k++)
            x[k] = rng_uniform(&g);
        double t[NOUT], s[NOUT];
        for (int c = 0; c < NOUT; c++) {
            s[c] = 0.0;
            for (int k = 0; k < NIN; k++)
                s[c] += teacher[c * NIN + k] * x[k];
        }
        int best = data_argmax(s, NOUT);
        for (int c = 0; c < NOUT; c++)
            t[c] = c == best ? 1.0 : 0.0;
        ok = data_append(&w->own, x, t, e);
    }
    free(teacher);
    free(x);
    if (!ok)
        return false;
    w->own.ntrain = w->own.n;
    w->own.nclasses = NOUT;
    static const int sizes[] = {NIN, 256, NOUT};
    w->init = bench_work_net(sizes, 3, 0.05, 11, e);
    if (!w->init)
        return false;
    w->d = &w->own;
    w->rows = rows;
    w->eta = 0.05;
    w->epochs = epochs;
    w->step_iters = 100; /* the first few fill the checkpoint ring (fresh pages); the rest recycle it */
    snprintf(w->name, sizeof w->name, "wide 784-256-10");
    snprintf(w->what, sizeof w->what, "synthetic, %d rows x %d epochs, eta %g", rows, epochs, w->eta);
    return true;
}

void bench_work_free(bench_work *w)
{
    net_free(w->init);
    scenario_free(w->sc);
    data_free(&w->own);
    memset(w, 0, sizeof *w);
}
