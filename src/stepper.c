/* stepper.c - narrates SGD iterations as events; exact rewind from per-iteration checkpoints. */
#include "stepper.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* A checkpoint: the state at the start of one iteration. Layout of state:
 * params[nparams], vel[nparams], eta_w, eta_b, epoch loss before it. */
typedef struct step_ckpt {
    long it;
    double *state;
} step_ckpt;

struct stepper {
    const data_set *d; /* borrowed samples */
    int ntrain;        /* samples cycled through */
    net_hyper hyper0;  /* hyper-parameters at iteration 0 */
    net *work;         /* scratch network that computes */
    net *shown;        /* the network of the view */
    size_t stride;     /* doubles per checkpoint */

    step_ckpt *ck;     /* checkpoints sorted by it */
    long nck, capck;
    long every;        /* flat-out runs keep one checkpoint per this many iterations */

    long it;           /* current iteration */
    int pos;           /* events applied, 0..nev */
    long built;        /* iteration whose events are in ev, -1 for none */
    net_hyper hyper;   /* hyper-parameters of the current iteration */
    step_event *ev;
    int nev, capev;
    step_operand *ops;
    int nops, capops;

    int unit0[NET_MAX_LAYERS]; /* first unit index of each layer */
    bool *known;      /* z_known, a_known, d_known (nunits each), g_known, p_changed (nparams each), e_known (outputs) */
    step_view view;
    double *scratch;  /* one state's worth of doubles */
};

static const char *const stepper_phase_names[STEP_PHASE_COUNT] = {
    N_("forward"), N_("loss"), N_("delta"), N_("gradient"), N_("update"),
};

const char *stepper_phase_name(step_phase p) { return p < STEP_PHASE_COUNT ? stepper_phase_names[p] : "?"; }

/* ---- checkpoints ---- */

static long stepper_ck_find(const stepper *s, long it)
{
    long lo = 0, hi = s->nck - 1, best = -1;
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        if (s->ck[mid].it <= it) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return best; /* index of the last checkpoint at or before it, -1 if none */
}

/* Checkpoints kept at most; past it the older half is thinned. */
#define STEPPER_MAX_CKPTS 4096

/* Drops every other checkpoint in the older half (never iteration 0), so
 * memory stays bounded however long training runs, while the recent
 * iterations, where rewinding happens, stay dense. */
static void stepper_ck_thin(stepper *s)
{
    long half = s->nck / 2, w = 1;
    for (long r = 1; r < s->nck; r++) {
        long cit = s->ck[r].it;
        bool in_use = cit == s->it || cit == s->built || cit == s->built + 1;
        if (r < half && r % 2 == 1 && !in_use) {
            free(s->ck[r].state);
            continue;
        }
        s->ck[w++] = s->ck[r];
    }
    s->nck = w;
}

static bool stepper_ck_put(stepper *s, long it, const double *state)
{
    long at = stepper_ck_find(s, it);
    if (at >= 0 && s->ck[at].it == it)
        return true; /* iterations are deterministic: the stored one is identical */
    if (s->nck >= STEPPER_MAX_CKPTS) {
        stepper_ck_thin(s);
        at = stepper_ck_find(s, it);
    }
    if (s->nck == s->capck) {
        long cap = s->capck ? s->capck * 2 : 64;
        step_ckpt *n = realloc(s->ck, (size_t)cap * sizeof *n);
        if (!n)
            return false;
        s->ck = n;
        s->capck = cap;
    }
    double *copy = malloc(s->stride * sizeof(double));
    if (!copy)
        return false;
    memcpy(copy, state, s->stride * sizeof(double));
    long ins = at + 1;
    memmove(s->ck + ins + 1, s->ck + ins, (size_t)(s->nck - ins) * sizeof *s->ck);
    s->ck[ins].it = it;
    s->ck[ins].state = copy;
    s->nck++;
    return true;
}

/* Loads a state into the scratch network and the hyper-parameters. */
static void stepper_load(stepper *s, const double *state, net_hyper *h, double *epoch_loss)
{
    const int np = s->work->nparams;
    memcpy(s->work->params, state, (size_t)np * sizeof(double));
    memcpy(s->work->vel, state + np, (size_t)np * sizeof(double));
    *h = s->hyper0;
    h->eta_w = state[2 * np];
    h->eta_b = state[2 * np + 1];
    *epoch_loss = state[2 * np + 2];
}

static void stepper_save(const stepper *s, const net_hyper *h, double epoch_loss, double *state)
{
    const int np = s->work->nparams;
    memcpy(state, s->work->params, (size_t)np * sizeof(double));
    memcpy(state + np, s->work->vel, (size_t)np * sizeof(double));
    state[2 * np] = h->eta_w;
    state[2 * np + 1] = h->eta_b;
    state[2 * np + 2] = epoch_loss;
}

/* Mean loss over the training samples at the scratch network's weights. */
static double stepper_epoch_loss(stepper *s)
{
    double sum = 0.0;
    for (int i = 0; i < s->ntrain; i++)
        sum += net_eval_sample(s->work, s->d->x + (size_t)i * s->d->nin, s->d->t + (size_t)i * s->d->nout);
    return sum / s->ntrain;
}

/* After iteration k's update in work: apply the per-epoch adaptive rule. */
static void stepper_after_update(stepper *s, long k, net_hyper *h, double *epoch_loss)
{
    if (h->adaptive && (k + 1) % s->ntrain == 0) {
        double now = stepper_epoch_loss(s);
        net_hyper_adapt(h, *epoch_loss, now);
        *epoch_loss = now;
    }
}

static const double *stepper_sample_x(const stepper *s, long k)
{
    return s->d->x + (size_t)(k % s->ntrain) * s->d->nin;
}

static const double *stepper_sample_t(const stepper *s, long k)
{
    return s->d->t + (size_t)(k % s->ntrain) * s->d->nout;
}

/* Produces the state at the start of iteration it into s->scratch, replaying
 * flat out from the nearest checkpoint (at most `every` iterations). */
static bool stepper_state_at(stepper *s, long it, bool *finite)
{
    long c = stepper_ck_find(s, it);
    if (c < 0)
        return false;
    net_hyper h;
    double eloss;
    stepper_load(s, s->ck[c].state, &h, &eloss);
    *finite = true;
    for (long k = s->ck[c].it; k < it; k++) {
        double E = net_train_sample(s->work, stepper_sample_x(s, k), stepper_sample_t(s, k), &h);
        stepper_after_update(s, k, &h, &eloss);
        if (!isfinite(E) || !net_params_finite(s->work))
            *finite = false;
    }
    stepper_save(s, &h, eloss, s->scratch);
    return true;
}

/* ---- event recording ---- */

static bool stepper_grow(stepper *s, int more_ev, int more_ops)
{
    if (s->nev + more_ev > s->capev) {
        int cap = s->capev ? s->capev : 64;
        while (cap < s->nev + more_ev)
            cap *= 2;
        step_event *n = realloc(s->ev, (size_t)cap * sizeof *n);
        if (!n)
            return false;
        s->ev = n;
        s->capev = cap;
    }
    if (s->nops + more_ops > s->capops) {
        int cap = s->capops ? s->capops : 256;
        while (cap < s->nops + more_ops)
            cap *= 2;
        step_operand *n = realloc(s->ops, (size_t)cap * sizeof *n);
        if (!n)
            return false;
        s->ops = n;
        s->capops = cap;
    }
    return true;
}

static step_event *stepper_emit(stepper *s, step_kind kind, step_phase ph, int l, int j, int k, double value)
{
    step_event *e = &s->ev[s->nev++];
    e->kind = kind;
    e->phase = ph;
    e->layer = l;
    e->j = j;
    e->k = k;
    e->param = -1;
    e->value = value;
    e->old = 0.0;
    e->op_first = s->nops;
    e->op_count = 0;
    e->iteration = s->built;
    e->sample = (int)(s->built % s->ntrain);
    return e;
}

static void stepper_op(stepper *s, step_event *e, step_role role, int l, int j, int k, double value)
{
    step_operand *o = &s->ops[s->nops++];
    o->role = role;
    o->layer = l;
    o->j = j;
    o->k = k;
    o->value = value;
    e->op_count++;
}

/* Upper bounds of events and operands of one iteration, to grow once. */
static void stepper_sizes(const net *n, int *nev, int *nops)
{
    const net_spec *sp = &n->spec;
    const int L = sp->nlayers - 1;
    long ev = 0, ops = 0;
    for (int l = 1; l <= L; l++) {
        long nw = (long)sp->size[l] * sp->size[l - 1];
        ev += 2L * sp->size[l];                             /* z, a */
        ops += 2 * nw + 2L * sp->size[l];                   /* z: w and a per source + bias; a: z */
        ev += sp->size[l];                                  /* delta */
        ops += 4L * sp->size[l] + (l < L ? 2L * sp->size[l] * sp->size[l + 1] : 2L * sp->size[l]);
        ev += 2 * nw + 2L * n->nbias[l];                    /* gradients and updates */
        ops += 2 * nw + sp->size[l] + 5 * (nw + n->nbias[l]);
    }
    ev += sp->size[L] + 1;                                  /* error terms, loss */
    ops += 2L * sp->size[L] + sp->size[L];
    *nev = (int)ev + 8;
    *nops = (int)ops + 16;
}

/* Builds the events of iteration it from the state at its start, and stores
 * the checkpoint of it + 1. */
static bool stepper_build(stepper *s, long it)
{
    bool finite;
    if (!stepper_state_at(s, it, &finite))
        return false;
    if (!stepper_ck_put(s, it, s->scratch))
        return false;
    net_hyper h;
    double eloss;
    stepper_load(s, s->scratch, &h, &eloss);
    net *n = s->work;
    const net_spec *sp = &n->spec;
    const int L = sp->nlayers - 1;
    const double *x = stepper_sample_x(s, it), *t = stepper_sample_t(s, it);

    int mev, mops;
    stepper_sizes(n, &mev, &mops);
    s->nev = 0;
    s->nops = 0;
    if (!stepper_grow(s, mev, mops))
        return false;
    s->built = it;
    s->hyper = h;

    net_forward(n, x);
    double E = net_loss_eval(n, t);
    net_backward(n);

    /* Forward: z then a of each neuron, layer by layer. */
    for (int l = 1; l <= L; l++) {
        const int nin = sp->size[l - 1];
        for (int j = 0; j < sp->size[l]; j++) {
            step_event *e = stepper_emit(s, EV_Z, STEP_FORWARD, l, j, 0, n->z[l][j]);
            for (int k = 0; k < nin; k++) {
                stepper_op(s, e, OP_W, l, j, k, n->w[l][(size_t)j * nin + k]);
                stepper_op(s, e, l == 1 ? OP_X : OP_A, l - 1, k, 0, n->a[l - 1][k]);
            }
            if (n->nbias[l])
                stepper_op(s, e, OP_B, l, n->nbias[l] == 1 ? 0 : j, 0, n->b[l][n->nbias[l] == 1 ? 0 : j]);
            e = stepper_emit(s, EV_A, STEP_FORWARD, l, j, 0, n->a[l][j]);
            stepper_op(s, e, OP_Z, l, j, 0, n->z[l][j]);
        }
    }
    /* Loss: each output's share, then the total. */
    for (int j = 0; j < sp->size[L]; j++) {
        step_event *e = stepper_emit(s, EV_ERR, STEP_LOSS, L, j, 0, n->err_terms[j]);
        stepper_op(s, e, OP_T, L, j, 0, t[j]);
        stepper_op(s, e, OP_A, L, j, 0, n->a[L][j]);
    }
    {
        step_event *e = stepper_emit(s, EV_LOSS, STEP_LOSS, L, 0, 0, E);
        for (int j = 0; j < sp->size[L]; j++)
            stepper_op(s, e, OP_ERR, L, j, 0, n->err_terms[j]);
    }
    /* Deltas: outputs, then hidden layers backwards. */
    for (int l = L; l >= 1; l--) {
        const net_layer_spec *ls = &sp->layer[l];
        for (int j = 0; j < sp->size[l]; j++) {
            step_event *e = stepper_emit(s, EV_DELTA, STEP_DELTA, l, j, 0, n->delta[l][j]);
            if (l == L) {
                stepper_op(s, e, OP_A, l, j, 0, n->a[l][j]);
                stepper_op(s, e, OP_T, l, j, 0, t[j]);
                stepper_op(s, e, OP_DEDA, l, j, 0, n->dE_da[j]);
            } else {
                const int nn = sp->size[l + 1];
                for (int q = 0; q < nn; q++) {
                    stepper_op(s, e, OP_W, l + 1, q, j, n->w[l + 1][(size_t)q * sp->size[l] + j]);
                    stepper_op(s, e, OP_DELTA, l + 1, q, 0, n->delta[l + 1][q]);
                }
            }
            stepper_op(s, e, OP_Z, l, j, 0, n->z[l][j]);
            stepper_op(s, e, OP_A, l, j, 0, n->a[l][j]);
            stepper_op(s, e, OP_DFDZ, l, j, 0, net_act_df(ls->act, ls->act_a, ls->act_b, n->z[l][j], n->a[l][j]));
        }
    }
    /* Gradients, output layer first (as the documents do). */
    for (int l = L; l >= 1; l--) {
        const int nin = sp->size[l - 1];
        for (int j = 0; j < sp->size[l]; j++) {
            for (int k = 0; k < nin; k++) {
                int pi = net_windex(n, l, j, k);
                step_event *e = stepper_emit(s, EV_GRAD_W, STEP_GRADIENT, l, j, k, n->grad[pi]);
                e->param = pi;
                stepper_op(s, e, OP_DELTA, l, j, 0, n->delta[l][j]);
                stepper_op(s, e, l == 1 ? OP_X : OP_A, l - 1, k, 0, n->a[l - 1][k]);
            }
        }
        for (int j = 0; j < n->nbias[l]; j++) {
            int pi = net_bindex(n, l, j);
            step_event *e = stepper_emit(s, EV_GRAD_B, STEP_GRADIENT, l, j, 0, n->grad[pi]);
            e->param = pi;
            if (n->nbias[l] == 1)
                for (int q = 0; q < sp->size[l]; q++)
                    stepper_op(s, e, OP_DELTA, l, q, 0, n->delta[l][q]);
            else
                stepper_op(s, e, OP_DELTA, l, j, 0, n->delta[l][j]);
        }
    }
    /* Updates, output layer first; frozen biases are not updated. */
    for (int l = L; l >= 1; l--) {
        const int nin = sp->size[l - 1];
        for (int j = 0; j < sp->size[l]; j++) {
            for (int k = 0; k < nin; k++) {
                int pi = net_windex(n, l, j, k);
                double vel;
                double nv = net_param_step(n, &h, pi, &vel);
                step_event *e = stepper_emit(s, EV_UPD_W, STEP_UPDATE, l, j, k, nv);
                e->param = pi;
                e->old = n->params[pi];
                stepper_op(s, e, OP_W, l, j, k, n->params[pi]);
                stepper_op(s, e, OP_ETA, l, j, k, h.eta_w);
                stepper_op(s, e, OP_GRAD, l, j, k, n->grad[pi]);
                if (h.momentum != 0.0) {
                    stepper_op(s, e, OP_MOM, l, j, k, h.momentum);
                    stepper_op(s, e, OP_VEL, l, j, k, n->vel[pi]);
                }
            }
        }
        if (sp->layer[l].bias_frozen)
            continue;
        for (int j = 0; j < n->nbias[l]; j++) {
            int pi = net_bindex(n, l, j);
            double vel;
            double nv = net_param_step(n, &h, pi, &vel);
            step_event *e = stepper_emit(s, EV_UPD_B, STEP_UPDATE, l, j, 0, nv);
            e->param = pi;
            e->old = n->params[pi];
            stepper_op(s, e, OP_B, l, j, 0, n->params[pi]);
            stepper_op(s, e, OP_ETA, l, j, 0, h.eta_b);
            stepper_op(s, e, OP_GRAD, l, j, 0, n->grad[pi]);
            if (h.momentum != 0.0) {
                stepper_op(s, e, OP_MOM, l, j, 0, h.momentum);
                stepper_op(s, e, OP_VEL, l, j, 0, n->vel[pi]);
            }
        }
    }
    net_update(n, &h);
    stepper_after_update(s, it, &h, &eloss);
    stepper_save(s, &h, eloss, s->scratch);
    return stepper_ck_put(s, it + 1, s->scratch);
}

/* ---- the view ---- */

static void stepper_refresh(stepper *s)
{
    net *v = s->shown;
    const net_spec *sp = &v->spec;
    const int np = v->nparams, nu = v->nunits;
    long c = stepper_ck_find(s, s->it);
    const double *state = s->ck[c].state; /* built iterations keep their own checkpoint */
    bool finite;
    if (s->ck[c].it != s->it && stepper_state_at(s, s->it, &finite))
        state = s->scratch;
    memcpy(v->params, state, (size_t)np * sizeof(double));
    memcpy(v->vel, state + np, (size_t)np * sizeof(double));
    memset(v->grad, 0, (size_t)np * sizeof(double));
    const int no = sp->size[sp->nlayers - 1];
    memset(s->known, 0, (size_t)(3 * nu + 2 * np + no) * sizeof(bool));
    for (int l = 1; l < sp->nlayers; l++) {
        memset(v->z[l], 0, (size_t)sp->size[l] * sizeof(double));
        memset(v->a[l], 0, (size_t)sp->size[l] * sizeof(double));
        memset(v->delta[l], 0, (size_t)sp->size[l] * sizeof(double));
    }
    const int L = sp->nlayers - 1;
    memset(v->err_terms, 0, (size_t)sp->size[L] * sizeof(double));
    const double *x = stepper_sample_x(s, s->it);
    memcpy(v->a[0], x, (size_t)sp->size[0] * sizeof(double));
    memcpy(v->z[0], x, (size_t)sp->size[0] * sizeof(double));
    bool *zk = s->known, *ak = zk + nu, *dk = ak + nu, *gk = dk + nu, *pc = gk + np, *ek = pc + np;
    for (int j = 0; j < sp->size[0]; j++)
        zk[j] = ak[j] = true;
    s->view.loss_known = false;
    s->view.loss = 0.0;
    for (int i = 0; i < s->pos; i++) {
        const step_event *e = &s->ev[i];
        int u = s->unit0[e->layer] + e->j;
        switch (e->kind) {
        case EV_Z: v->z[e->layer][e->j] = e->value; zk[u] = true; break;
        case EV_A: v->a[e->layer][e->j] = e->value; ak[u] = true; break;
        case EV_ERR: v->err_terms[e->j] = e->value; ek[e->j] = true; break;
        case EV_LOSS: s->view.loss = e->value; s->view.loss_known = true; break;
        case EV_DELTA: v->delta[e->layer][e->j] = e->value; dk[u] = true; break;
        case EV_GRAD_W:
        case EV_GRAD_B: v->grad[e->param] = e->value; gk[e->param] = true; break;
        case EV_UPD_W:
        case EV_UPD_B: v->params[e->param] = e->value; pc[e->param] = true; break;
        default: break;
        }
    }
    s->view.net = v;
    s->view.z_known = zk;
    s->view.a_known = ak;
    s->view.d_known = dk;
    s->view.g_known = gk;
    s->view.p_changed = pc;
    s->view.e_known = ek;
    s->view.x = x;
    s->view.t = stepper_sample_t(s, s->it);
}

/* Makes iteration it current with its events built; pos is set by the caller. */
static bool stepper_enter(stepper *s, long it)
{
    if (s->built != it && !stepper_build(s, it))
        return false;
    s->it = it;
    return true;
}

/* ---- public ---- */

stepper *stepper_new(const net *init, const data_set *d, const net_hyper *h, err *e)
{
    if (!d || d->n < 1) {
        err_set(e, NULL, 0, 0, _("no samples to train on"));
        return NULL;
    }
    if (d->nin != init->spec.size[0] || d->nout != init->spec.size[init->spec.nlayers - 1]) {
        err_set(e, NULL, 0, 0, _("samples have %d input(s) and %d target(s); the network takes %d and gives %d"), d->nin,
                d->nout, init->spec.size[0], init->spec.size[init->spec.nlayers - 1]);
        return NULL;
    }
    stepper *s = calloc(1, sizeof *s);
    if (!s)
        goto oom;
    s->d = d;
    s->ntrain = d->ntrain > 0 && d->ntrain <= d->n ? d->ntrain : d->n;
    s->hyper0 = *h;
    s->work = net_clone(init);
    s->shown = net_clone(init);
    if (!s->work || !s->shown)
        goto oom;
    s->stride = 2 * (size_t)init->nparams + 3;
    /* One checkpoint per epoch, but no more than one per 1024 iterations, so
     * long runs on tiny data sets keep memory flat; a rewind replays at most
     * max(epoch, 1024) iterations. */
    s->every = s->ntrain > 1024 ? s->ntrain : 1024;
    s->built = -1;
    int u = 0;
    for (int l = 0; l < init->spec.nlayers; l++) {
        s->unit0[l] = u;
        u += init->spec.size[l];
    }
    s->known = calloc((size_t)(3 * init->nunits + 2 * init->nparams + init->spec.size[init->spec.nlayers - 1]),
                      sizeof(bool));
    s->scratch = malloc(s->stride * sizeof(double));
    if (!s->known || !s->scratch)
        goto oom;
    memset(s->work->vel, 0, (size_t)init->nparams * sizeof(double));
    net_hyper h0 = *h;
    double eloss = h->adaptive ? stepper_epoch_loss(s) : 0.0;
    stepper_save(s, &h0, eloss, s->scratch);
    if (!stepper_ck_put(s, 0, s->scratch) || !stepper_enter(s, 0))
        goto oom;
    s->pos = 0;
    stepper_refresh(s);
    return s;
oom:
    stepper_free(s);
    err_set(e, NULL, 0, 0, _("out of memory"));
    return NULL;
}

void stepper_free(stepper *s)
{
    if (!s)
        return;
    for (long i = 0; i < s->nck; i++)
        free(s->ck[i].state);
    free(s->ck);
    free(s->ev);
    free(s->ops);
    free(s->known);
    free(s->scratch);
    net_free(s->work);
    net_free(s->shown);
    free(s);
}

bool stepper_next(stepper *s)
{
    if (s->pos < s->nev) {
        s->pos++;
    } else {
        if (!stepper_enter(s, s->it + 1))
            return false;
        s->pos = 0;
    }
    stepper_refresh(s);
    return true;
}

bool stepper_prev(stepper *s)
{
    if (s->pos > 0) {
        s->pos--;
    } else if (s->it > 0) {
        if (!stepper_enter(s, s->it - 1))
            return false;
        s->pos = s->nev;
    } else {
        return false;
    }
    stepper_refresh(s);
    return true;
}

bool stepper_next_phase(stepper *s)
{
    if (s->pos == s->nev)
        return stepper_next(s);
    /* To the end of the phase of the next event to apply. */
    step_phase ph = s->ev[s->pos].phase;
    int p = s->pos;
    while (p < s->nev && s->ev[p].phase == ph)
        p++;
    s->pos = p;
    stepper_refresh(s);
    return true;
}

bool stepper_prev_phase(stepper *s)
{
    if (s->pos == 0)
        return stepper_prev(s);
    step_phase ph = s->ev[s->pos - 1].phase;
    int p = s->pos - 1;
    /* At a phase's end: go to the end of the phase before it. */
    while (p > 0 && s->ev[p - 1].phase == ph)
        p--;
    s->pos = p;
    stepper_refresh(s);
    return true;
}

bool stepper_finish_iteration(stepper *s)
{
    if (s->pos == s->nev) {
        if (!stepper_enter(s, s->it + 1))
            return false;
    }
    s->pos = s->nev;
    stepper_refresh(s);
    return true;
}

bool stepper_goto(stepper *s, int pos)
{
    if (pos < 0 || pos > s->nev)
        return false;
    s->pos = pos;
    stepper_refresh(s);
    return true;
}

void stepper_reset(stepper *s)
{
    if (stepper_enter(s, 0))
        s->pos = 0;
    stepper_refresh(s);
}

/* True when every parameter of a checkpoint state is finite. */
static bool stepper_state_finite(const stepper *s, const double *state)
{
    for (int i = 0; i < s->work->nparams; i++)
        if (!isfinite(state[i]))
            return false;
    return true;
}

/* Reports divergence in iteration k (0-based) and puts the cursor at the last
 * finite state: the end of iteration k - 1, or the start of iteration k. */
static bool stepper_diverged(stepper *s, long k, double loss, err *e)
{
    err_set(e, NULL, 0, 0, _("training diverged at iteration %ld: the loss is %g (is the learning rate too large?)"), k + 1,
            loss);
    if (k - 1 >= 0 && stepper_enter(s, k - 1)) {
        s->pos = s->nev;
    } else if (stepper_enter(s, k)) {
        s->pos = 0;
    }
    stepper_refresh(s);
    return false;
}

bool stepper_run(stepper *s, long iterations, err *e)
{
    if (iterations < 1)
        return true;
    long from = s->it + 1, target = s->it + iterations;
    bool finite;
    /* Flat out from the checkpoint after the current iteration, keeping one
     * checkpoint per `every` iterations so that a later rewind replays few. */
    if (!stepper_state_at(s, from, &finite))
        goto oom;
    if (!stepper_state_finite(s, s->scratch)) {
        /* The update of the current iteration already overflowed. */
        double loss = s->view.loss_known ? s->view.loss : NAN;
        return stepper_diverged(s, s->it, loss, e);
    }
    net_hyper h;
    double eloss;
    stepper_load(s, s->scratch, &h, &eloss);
    long k = from;
    for (; k < target; k++) {
        if (k % s->every == 0) {
            stepper_save(s, &h, eloss, s->scratch);
            if (!stepper_ck_put(s, k, s->scratch))
                goto oom;
        }
        double E = net_train_sample(s->work, stepper_sample_x(s, k), stepper_sample_t(s, k), &h);
        if (!isfinite(E) || !net_params_finite(s->work))
            return stepper_diverged(s, k, E, e);
        stepper_after_update(s, k, &h, &eloss);
    }
    stepper_save(s, &h, eloss, s->scratch);
    if (!stepper_ck_put(s, target, s->scratch) || !stepper_enter(s, target))
        goto oom;
    s->pos = s->nev;
    stepper_refresh(s);
    const double *next = stepper_params_at(s, target + 1);
    if (!isfinite(s->view.loss) || !next || !stepper_state_finite(s, next))
        return stepper_diverged(s, target, s->view.loss, e);
    return true;
oom:
    err_set(e, NULL, 0, 0, _("out of memory"));
    return false;
}

int stepper_pos(const stepper *s) { return s->pos; }
int stepper_count(const stepper *s) { return s->nev; }
long stepper_iteration(const stepper *s) { return s->it; }
const step_event *stepper_current(const stepper *s) { return s->pos > 0 ? &s->ev[s->pos - 1] : NULL; }
const step_event *stepper_events(const stepper *s) { return s->ev; }
const step_operand *stepper_operands(const stepper *s) { return s->ops; }
const step_view *stepper_view(const stepper *s) { return &s->view; }
const net_hyper *stepper_hyper(const stepper *s) { return &s->hyper; }
int stepper_sample(const stepper *s) { return (int)(s->it % s->ntrain); }
int stepper_unit(const stepper *s, int l, int j) { return s->unit0[l] + j; }

const double *stepper_params_at(const stepper *s, long it)
{
    long c = stepper_ck_find(s, it);
    return c >= 0 && s->ck[c].it == it ? s->ck[c].state : NULL;
}
