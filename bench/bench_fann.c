/* bench_fann.c - the same network and data in FANN 2.2 (double precision), configured for plain incremental SGD. */
#include "bench_fann.h"

#include <doublefann.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

/* fann_set_weight searches every connection for each one it sets, so
 * fann_set_weight_array is quadratic: above this many connections the
 * weights are written in the order fann_get_connection_array reports. */
#define BENCH_FANN_API_MAX 40000

struct bench_fann {
    struct fann *ann;
    struct fann_train_data *data;
    struct fann_connection *conn; /* [nconn] from, to, weight */
    unsigned int nconn;
    int nlayers;
    int size[NET_MAX_LAYERS];
    int first[NET_MAX_LAYERS]; /* FANN's index of neuron 0 of each layer (bias neurons counted) */
    bool by_api;
};

/* The engine's value of the connection from FANN neuron `from` to `to`. */
static double *bench_fann_engine_param(const bench_fann *f, const net *n, unsigned int from, unsigned int to)
{
    for (int l = 1; l < f->nlayers; l++) {
        int j = (int)to - f->first[l];
        if (j < 0 || j >= f->size[l])
            continue;
        int k = (int)from - f->first[l - 1];
        if (k < 0 || k > f->size[l - 1])
            return NULL;
        return k == f->size[l - 1] ? &n->b[l][j] : &n->w[l][(size_t)j * f->size[l - 1] + k];
    }
    return NULL;
}

/* True when FANN's weights are exactly init's (the weights were set right). */
static bool bench_fann_same(bench_fann *f, const net *init)
{
    fann_get_connection_array(f->ann, f->conn);
    for (unsigned int i = 0; i < f->nconn; i++) {
        const double *p = bench_fann_engine_param(f, init, f->conn[i].from_neuron, f->conn[i].to_neuron);
        if (!p || *p != f->conn[i].weight)
            return false;
    }
    return true;
}

bench_fann *bench_fann_new(const net *init, const data_set *d, int rows, double eta)
{
    bench_fann *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    const net_spec *sp = &init->spec;
    unsigned int layers[NET_MAX_LAYERS];
    f->nlayers = sp->nlayers;
    int at = 0;
    for (int l = 0; l < sp->nlayers; l++) {
        layers[l] = (unsigned int)sp->size[l];
        f->size[l] = sp->size[l];
        f->first[l] = at;
        at += sp->size[l] + 1;
    }
    f->ann = fann_create_standard_array((unsigned int)sp->nlayers, layers);
    if (!f->ann)
        goto fail;
    fann_set_activation_function_hidden(f->ann, FANN_SIGMOID);
    fann_set_activation_function_output(f->ann, FANN_SIGMOID);
    fann_set_activation_steepness_hidden(f->ann, 0.5); /* 1/(1+e^(-2*0.5*x)): the logistic */
    fann_set_activation_steepness_output(f->ann, 0.5);
    fann_set_training_algorithm(f->ann, FANN_TRAIN_INCREMENTAL);
    fann_set_train_error_function(f->ann, FANN_ERRORFUNC_LINEAR);
    fann_set_learning_rate(f->ann, (float)eta);
    fann_set_learning_momentum(f->ann, 0.0f);
    f->nconn = fann_get_total_connections(f->ann);
    f->conn = malloc(f->nconn * sizeof *f->conn);
    if (!f->conn)
        goto fail;
    fann_get_connection_array(f->ann, f->conn);
    f->by_api = f->nconn <= BENCH_FANN_API_MAX;
    bench_fann_load(f, init);
    if (!bench_fann_same(f, init))
        goto fail;
    f->data = fann_create_train((unsigned int)rows, (unsigned int)d->nin, (unsigned int)d->nout);
    if (!f->data)
        goto fail;
    for (int i = 0; i < rows; i++) {
        for (int k = 0; k < d->nin; k++)
            f->data->input[i][k] = d->x[(size_t)i * d->nin + k];
        for (int k = 0; k < d->nout; k++)
            f->data->output[i][k] = d->t[(size_t)i * d->nout + k];
    }
    return f;
fail:
    bench_fann_free(f);
    return NULL;
}

void bench_fann_free(bench_fann *f)
{
    if (!f)
        return;
    if (f->data)
        fann_destroy_train(f->data);
    if (f->ann)
        fann_destroy(f->ann);
    free(f->conn);
    free(f);
}

void bench_fann_load(bench_fann *f, const net *init)
{
    for (unsigned int i = 0; i < f->nconn; i++) {
        const double *p = bench_fann_engine_param(f, init, f->conn[i].from_neuron, f->conn[i].to_neuron);
        f->conn[i].weight = p ? *p : NAN;
    }
    if (f->by_api) {
        fann_set_weight_array(f->ann, f->conn, f->nconn);
    } else {
        /* fann_get_connection_array lists ann->weights in order. */
        for (unsigned int i = 0; i < f->nconn; i++)
            f->ann->weights[i] = f->conn[i].weight;
    }
    /* Incremental training keeps the last weight changes for momentum. */
    if (f->ann->prev_weights_deltas)
        for (unsigned int i = 0; i < f->ann->total_connections_allocated; i++)
            f->ann->prev_weights_deltas[i] = 0.0;
}

void bench_fann_epoch(bench_fann *f) { fann_train_epoch(f->ann, f->data); }

double bench_fann_loss(bench_fann *f)
{
    double sum = 0.0;
    const unsigned int no = f->data->num_output;
    for (unsigned int i = 0; i < f->data->num_data; i++) {
        const fann_type *y = fann_run(f->ann, f->data->input[i]);
        double E = 0.0;
        for (unsigned int j = 0; j < no; j++) {
            double e = f->data->output[i][j] - y[j];
            E += 0.5 * e * e;
        }
        sum += E;
    }
    return sum / f->data->num_data;
}

void bench_fann_export(bench_fann *f, net *out)
{
    fann_get_connection_array(f->ann, f->conn);
    for (unsigned int i = 0; i < f->nconn; i++) {
        double *p = bench_fann_engine_param(f, out, f->conn[i].from_neuron, f->conn[i].to_neuron);
        if (p)
            *p = f->conn[i].weight;
    }
}

bool bench_fann_set_by_api(const bench_fann *f) { return f->by_api; }
