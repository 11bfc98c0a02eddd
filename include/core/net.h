/* net.h - a fully connected double-precision network: forward, loss, backprop, update. */
#ifndef BPVIZ_NET_H
#define BPVIZ_NET_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Documented limits (the parser reports anything beyond them). */
#define NET_MAX_LAYERS 16      /* layers including the input layer */
#define NET_MAX_WIDTH 4096     /* neurons in one layer */
#define NET_MAX_PARAMS 4000000 /* weights + biases */

/* Activation functions. */
typedef enum net_act {
    NET_ACT_SIGMOID,  /* 1/(1+e^-x), f' = f(1-f) */
    NET_ACT_GSIGMOID, /* A/(1+e^(-x/B)), f' = f(A-f)/(AB)  (document 003) */
    NET_ACT_TANH,     /* tanh x, f' = 1-f^2 */
    NET_ACT_RELU,     /* max(0,x), f' = [x>0] */
    NET_ACT_IDENTITY, /* x, f' = 1 (document 004 ignores activations) */
    NET_ACT_COUNT
} net_act;

/* How a layer's biases are held. */
typedef enum net_bias {
    NET_BIAS_NONE,   /* no bias (documents 002, 004) */
    NET_BIAS_NEURON, /* one bias per neuron */
    NET_BIAS_SHARED, /* one scalar for the whole layer (document 003's b1, b2) */
    NET_BIAS_COUNT
} net_bias;

/* Loss functions over the n outputs of one sample. */
typedef enum net_loss {
    NET_LOSS_HALF_SSE, /* E = 1/2 sum (t-a)^2, dE/da = a-t */
    NET_LOSS_MSE,      /* E = 1/n sum (t-a)^2, dE/da = 2(a-t)/n (document 000 eq. 3-6-1) */
    NET_LOSS_COUNT
} net_loss;

/* One computing layer's description. */
typedef struct net_layer_spec {
    net_act act;      /* activation of this layer's neurons */
    double act_a;     /* A of the generalized sigmoid (1 otherwise) */
    double act_b;     /* B of the generalized sigmoid (1 otherwise) */
    net_bias bias;    /* bias mode */
    bool bias_frozen; /* used forward, gradient computed, never updated */
} net_layer_spec;

/* The shape of a network. Layer 0 is the input layer; layers 1..nlayers-1 compute. */
typedef struct net_spec {
    int nlayers;                         /* number of layers including the input, >= 2 */
    int size[NET_MAX_LAYERS];            /* neurons per layer */
    net_layer_spec layer[NET_MAX_LAYERS];/* [0] unused; [l] describes computing layer l */
    net_loss loss;                       /* loss function */
} net_spec;

/* A network. One allocation holds the struct and every array below (genann's
 * layout), so net_free() is a single free(). All pointers point into that
 * block and are owned by the net.
 *
 * Parameter layout: for each computing layer l = 1..L in order, first the
 * weights w[l][j*size[l-1] + k] (target neuron j, source neuron k, Nielsen's
 * w^l_jk), then its biases (size[l] of them, 1 if shared, 0 if none). */
typedef struct net {
    net_spec spec;                 /* copy of the shape */
    int nparams;                   /* weights + biases */
    int nunits;                    /* neurons in all layers */
    double *params;                /* [nparams] every weight and bias */
    double *grad;                  /* [nparams] dE/dparam of the last net_backward() */
    double *vel;                   /* [nparams] momentum velocity (the last change, with momentum only:
                                    * without momentum nothing writes or reads it) */
    double *w[NET_MAX_LAYERS];     /* w[l] = params + offset of layer l's weights; w[0] NULL */
    double *b[NET_MAX_LAYERS];     /* b[l] = layer l's biases, NULL when none */
    double *gw[NET_MAX_LAYERS];    /* gradient of w[l], same layout */
    double *gb[NET_MAX_LAYERS];    /* gradient of b[l] */
    int nbias[NET_MAX_LAYERS];     /* biases held by layer l: size[l], 1 or 0 */
    double *z[NET_MAX_LAYERS];     /* z[l][j] weighted input; z[0] = a[0] = the input */
    double *a[NET_MAX_LAYERS];     /* a[l][j] activation */
    double *delta[NET_MAX_LAYERS]; /* delta[l][j] = dE/dz^l_j */
    double *dE_da;                 /* [size[L]] dE/da of the outputs */
    double *err_terms;             /* [size[L]] per-output share of the loss */
} net;

/* Hyper-parameters of gradient descent. */
typedef struct net_hyper {
    double eta_w;     /* learning rate of the weights (document 003's eta1) */
    double eta_b;     /* learning rate of the biases (eta2) */
    double momentum;  /* classical momentum beta: v = beta*v - eta*g; p += v */
    bool adaptive;    /* adaptive learning rate (document 000 section 2.6.2), per epoch */
    double lr_inc;    /* adaptive: factor applied to both etas when the epoch loss fell */
    double lr_dec;    /* adaptive: factor applied when it rose by more than max_ratio */
    double max_ratio; /* adaptive: tolerated ratio new/old loss before cutting (1.04) */
} net_hyper;

/* Checks a spec against the limits; fills e (no path) and returns false if bad. */
bool net_spec_check(const net_spec *spec, err *e);

/* Allocates a network of that shape with all parameters zero. NULL and e set
 * on a bad spec or when memory runs out. The caller owns the result. */
net *net_new(const net_spec *spec, err *e);

/* Frees a network (NULL is fine). */
void net_free(net *n);

/* A deep copy (one allocation); NULL when memory runs out. Caller owns it. */
net *net_clone(const net *n);

/* Number of parameters a spec needs. */
int net_spec_nparams(const net_spec *spec);

/* Index in params of weight w^l_jk and of bias j of layer l (j ignored when shared). */
int net_windex(const net *n, int l, int j, int k);
int net_bindex(const net *n, int l, int j);

/* Activation f(x) and its derivative written in terms of x and f(x). */
double net_act_f(net_act act, double A, double B, double x);
double net_act_df(net_act act, double A, double B, double x, double fx);

/* Name of an activation / bias mode / loss as written in scenario files. */
const char *net_act_name(net_act act);
const char *net_bias_name(net_bias b);
const char *net_loss_name(net_loss l);

/* Forward pass of one input vector (size[0] values). Fills z and a. */
void net_forward(net *n, const double *x);

/* Loss of the last forward pass against target t (size[L] values); fills
 * err_terms and dE_da. Returns E. */
double net_loss_eval(net *n, const double *t);

/* Backward pass after net_loss_eval(): fills delta and grad (frozen biases
 * included). Hidden deltas use the weights as they are (before any update).
 * The same as net_deltas() then net_grads(). */
void net_backward(net *n);

/* The deltas alone, after net_loss_eval(). */
void net_deltas(net *n);

/* grad from the deltas and activations (after net_deltas()). */
void net_grads(net *n);

/* Applies one gradient step with grad: momentum, separate eta for biases;
 * frozen biases are left alone. */
void net_update(net *n, const net_hyper *h);

/* What net_update() would write after net_grads(), written to params (and,
 * when vel is not NULL, the velocities to vel: unchanged without momentum),
 * straight from the deltas and activations, without reading or needing
 * grad: each weight's gradient is formed as the product net_grads() stores,
 * so the result is the same to the bit. Frozen biases are copied. One pass
 * over the parameters; n is not changed. */
void net_step_into(const net *n, const net_hyper *h, double *params, double *vel);

/* dE/dparam i from the deltas and activations (after net_deltas()): the
 * value net_grads() would store at grad[i], without the array. */
double net_param_grad(const net *n, int i);

/* True when parameter i is a frozen bias. */
bool net_param_frozen(const net *n, int i);

/* Forward + loss + backward + update on one sample; returns the loss before
 * the update: net_train_rows() of one row. The flat-out path: builds no
 * events and writes no gradient array (grad is left as it was). */
double net_train_sample(net *n, const double *x, const double *t, const net_hyper *h);

/* net_train_sample() on rows samples in order (x and t row-major: rows x
 * size[0] and rows x size[L]); the same parameters and velocities bit for bit.
 * Faster: the first layer's update for sample i is applied during sample
 * i+1's forward pass, which reads those weights anyway, so the largest matrix
 * is read and written once per sample. Every update is applied before it
 * returns. Returns the sum of the rows' losses (each before its update); a
 * non-finite parameter stays non-finite, so checking the sum and the final
 * parameters finds any divergence inside the run. x must hold all rows at
 * once (the pending update reads the previous row). */
double net_train_rows(net *n, const double *x, const double *t, int rows, const net_hyper *h);

/* Forward + loss only (no gradient); returns E. */
double net_eval_sample(net *n, const double *x, const double *t);

/* The adaptive rule, applied once per epoch: when new_loss < old_loss both
 * etas grow by lr_inc; when new_loss > old_loss * max_ratio both shrink by
 * lr_dec; otherwise they stay. Does nothing unless h->adaptive. */
void net_hyper_adapt(net_hyper *h, double old_loss, double new_loss);

/* True when every parameter is finite. */
bool net_params_finite(const net *n);

#endif
