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

/* A run of events of one kind (the order of an iteration is a list of these). */
typedef struct step_seg {
    step_kind kind;
    step_phase phase;
    int layer;
    int first; /* index of its first event */
    int count; /* events in it */
} step_seg;

struct stepper {
    const data_set *d; /* borrowed samples */
    int ntrain;        /* samples cycled through */
    net_hyper hyper0;  /* hyper-parameters at iteration 0 */
    net *work;         /* scratch network that computes */
    net *frame;        /* the built iteration: params before its update, z, a, δ, gradients */
    net *shown;        /* the network of the view */
    size_t stride;     /* doubles per checkpoint */

    step_ckpt *ck;     /* checkpoints sorted by it */
    long nck, capck;
    long every;        /* flat-out runs keep one checkpoint per this many iterations */

    long it;           /* current iteration */
    int pos;           /* events applied, 0..nev */
    long built;        /* iteration held by frame, -1 for none */
    net_hyper hyper;   /* hyper-parameters of the current iteration */
    double loss;       /* the built iteration's loss */
    int nev;           /* events of an iteration */
    step_seg seg[5 * NET_MAX_LAYERS + 4];
    int nseg;

    /* Events are made on demand into slots: slot 0 is the cursor's, 1.. rotate. */
    step_event *slot;  /* [STEPPER_SLOTS + 1] */
    step_operand *ops; /* [(STEPPER_SLOTS + 1) * maxops] */
    int maxops;        /* operands one event can have */
    int *next_slot;    /* rotation (a pointer, so that const accessors can turn it) */

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

/* Checkpoints kept at most (and at most STEPPER_CKPT_BYTES of them, at least
 * STEPPER_MIN_CKPTS); past it the older half is thinned. */
#define STEPPER_MAX_CKPTS 4096
#define STEPPER_MIN_CKPTS 16
#define STEPPER_CKPT_BYTES (64L * 1024 * 1024)

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
    long most = STEPPER_CKPT_BYTES / (long)(s->stride * sizeof(double));
    most = most < STEPPER_MIN_CKPTS ? STEPPER_MIN_CKPTS : most > STEPPER_MAX_CKPTS ? STEPPER_MAX_CKPTS : most;
    if (s->nck >= most) {
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

/* ---- events, made on demand ---- */

/* Lays out the runs of events of one iteration: forward (z, a per neuron),
 * the loss, deltas from the output back, gradients and updates output first. */
static void stepper_segments(stepper *s, const net *n)
{
    const net_spec *sp = &n->spec;
    const int L = sp->nlayers - 1;
    int at = 0;
    s->nseg = 0;
#define SEG(K, P, LAYER, COUNT)                                                              \
    do {                                                                                     \
        if ((COUNT) > 0) {                                                                   \
            s->seg[s->nseg++] = (step_seg){(K), (P), (LAYER), at, (COUNT)};                  \
            at += (COUNT);                                                                   \
        }                                                                                    \
    } while (0)
    for (int l = 1; l <= L; l++)
        SEG(EV_Z, STEP_FORWARD, l, 2 * sp->size[l]); /* z and a alternate */
    SEG(EV_ERR, STEP_LOSS, L, sp->size[L]);
    SEG(EV_LOSS, STEP_LOSS, L, 1);
    for (int l = L; l >= 1; l--)
        SEG(EV_DELTA, STEP_DELTA, l, sp->size[l]);
    for (int l = L; l >= 1; l--) {
        SEG(EV_GRAD_W, STEP_GRADIENT, l, sp->size[l] * sp->size[l - 1]);
        SEG(EV_GRAD_B, STEP_GRADIENT, l, n->nbias[l]);
    }
    for (int l = L; l >= 1; l--) {
        SEG(EV_UPD_W, STEP_UPDATE, l, sp->size[l] * sp->size[l - 1]);
        SEG(EV_UPD_B, STEP_UPDATE, l, sp->layer[l].bias_frozen ? 0 : n->nbias[l]);
    }
#undef SEG
    s->nev = at;
    int m = sp->size[L] + 4;
    for (int l = 1; l <= L; l++) {
        int z = 2 * sp->size[l - 1] + 2, d = (l < L ? 2 * sp->size[l + 1] : 3) + 4, b = sp->size[l] + 1;
        m = z > m ? z : m;
        m = d > m ? d : m;
        m = b > m ? b : m;
    }
    s->maxops = m;
}

/* The run holding event i. */
static const step_seg *stepper_seg_of(const stepper *s, int i)
{
    int lo = 0, hi = s->nseg - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (s->seg[mid].first <= i)
            lo = mid;
        else
            hi = mid - 1;
    }
    return &s->seg[lo];
}

static void stepper_op(step_event *e, step_operand *ops, step_role role, int l, int j, int k, double value)
{
    step_operand *o = &ops[e->op_first + e->op_count++];
    o->role = role;
    o->layer = l;
    o->j = j;
    o->k = k;
    o->value = value;
}

/* Fills e (and its operands) with event i of the built iteration. The values
 * are read from the frame computed by the same net_* code training uses, and
 * the updates come from net_param_step(), so they match training to the bit. */
static void stepper_make(const stepper *s, int i, step_event *e, step_operand *ops, int op_first)
{
    const net *n = s->frame;
    const net_spec *sp = &n->spec;
    const int L = sp->nlayers - 1;
    const step_seg *g = stepper_seg_of(s, i);
    const int r = i - g->first, l = g->layer;
    const int nin = l > 0 ? sp->size[l - 1] : 0;
    const double *t = stepper_sample_t(s, s->built);
    memset(e, 0, sizeof *e);
    e->phase = g->phase;
    e->layer = l;
    e->param = -1;
    e->op_first = op_first;
    e->iteration = s->built;
    e->sample = (int)(s->built % s->ntrain);
    switch (g->kind) {
    case EV_Z: { /* z_j then a_j */
        const int j = r / 2;
        e->j = j;
        if (r % 2 == 0) {
            e->kind = EV_Z;
            e->value = n->z[l][j];
            for (int k = 0; k < nin; k++) {
                stepper_op(e, ops, OP_W, l, j, k, n->w[l][(size_t)j * nin + k]);
                stepper_op(e, ops, l == 1 ? OP_X : OP_A, l - 1, k, 0, n->a[l - 1][k]);
            }
            if (n->nbias[l]) {
                const int bj = n->nbias[l] == 1 ? 0 : j;
                stepper_op(e, ops, OP_B, l, bj, 0, n->b[l][bj]);
            }
        } else {
            e->kind = EV_A;
            e->value = n->a[l][j];
            stepper_op(e, ops, OP_Z, l, j, 0, n->z[l][j]);
        }
        break;
    }
    case EV_ERR:
        e->kind = EV_ERR;
        e->j = r;
        e->value = n->err_terms[r];
        stepper_op(e, ops, OP_T, L, r, 0, t[r]);
        stepper_op(e, ops, OP_A, L, r, 0, n->a[L][r]);
        break;
    case EV_LOSS:
        e->kind = EV_LOSS;
        e->value = s->loss;
        for (int j = 0; j < sp->size[L]; j++)
            stepper_op(e, ops, OP_ERR, L, j, 0, n->err_terms[j]);
        break;
    case EV_DELTA: {
        const net_layer_spec *ls = &sp->layer[l];
        const int j = r;
        e->kind = EV_DELTA;
        e->j = j;
        e->value = n->delta[l][j];
        if (l == L) {
            stepper_op(e, ops, OP_A, l, j, 0, n->a[l][j]);
            stepper_op(e, ops, OP_T, l, j, 0, t[j]);
            stepper_op(e, ops, OP_DEDA, l, j, 0, n->dE_da[j]);
        } else {
            for (int q = 0; q < sp->size[l + 1]; q++) {
                stepper_op(e, ops, OP_W, l + 1, q, j, n->w[l + 1][(size_t)q * sp->size[l] + j]);
                stepper_op(e, ops, OP_DELTA, l + 1, q, 0, n->delta[l + 1][q]);
            }
        }
        stepper_op(e, ops, OP_Z, l, j, 0, n->z[l][j]);
        stepper_op(e, ops, OP_A, l, j, 0, n->a[l][j]);
        stepper_op(e, ops, OP_DFDZ, l, j, 0, net_act_df(ls->act, ls->act_a, ls->act_b, n->z[l][j], n->a[l][j]));
        break;
    }
    case EV_GRAD_W: {
        const int j = r / nin, k = r % nin;
        e->kind = EV_GRAD_W;
        e->j = j;
        e->k = k;
        e->param = net_windex(n, l, j, k);
        e->value = n->grad[e->param];
        stepper_op(e, ops, OP_DELTA, l, j, 0, n->delta[l][j]);
        stepper_op(e, ops, l == 1 ? OP_X : OP_A, l - 1, k, 0, n->a[l - 1][k]);
        break;
    }
    case EV_GRAD_B:
        e->kind = EV_GRAD_B;
        e->j = r;
        e->param = net_bindex(n, l, r);
        e->value = n->grad[e->param];
        if (n->nbias[l] == 1)
            for (int q = 0; q < sp->size[l]; q++)
                stepper_op(e, ops, OP_DELTA, l, q, 0, n->delta[l][q]);
        else
            stepper_op(e, ops, OP_DELTA, l, r, 0, n->delta[l][r]);
        break;
    case EV_UPD_W:
    case EV_UPD_B: {
        const bool w = g->kind == EV_UPD_W;
        e->kind = g->kind;
        e->j = w ? r / nin : r;
        e->k = w ? r % nin : 0;
        e->param = w ? net_windex(n, l, e->j, e->k) : net_bindex(n, l, r);
        double vel;
        e->value = net_param_step(n, &s->hyper, e->param, &vel);
        e->old = n->params[e->param];
        stepper_op(e, ops, w ? OP_W : OP_B, l, e->j, e->k, e->old);
        stepper_op(e, ops, OP_ETA, l, e->j, e->k, w ? s->hyper.eta_w : s->hyper.eta_b);
        stepper_op(e, ops, OP_GRAD, l, e->j, e->k, n->grad[e->param]);
        if (s->hyper.momentum != 0.0) {
            stepper_op(e, ops, OP_MOM, l, e->j, e->k, s->hyper.momentum);
            stepper_op(e, ops, OP_VEL, l, e->j, e->k, n->vel[e->param]);
        }
        break;
    }
    default:
        break;
    }
}

/* Computes iteration it from the state at its start: the frame narrated by
 * the events, and the checkpoint of it + 1 (flat out, bit-identical). */
static bool stepper_build(stepper *s, long it)
{
    /* The state at its start: its own checkpoint when kept (no copy), else replayed. */
    const double *st0;
    long c = stepper_ck_find(s, it);
    if (c >= 0 && s->ck[c].it == it) {
        st0 = s->ck[c].state;
    } else {
        bool finite;
        if (!stepper_state_at(s, it, &finite) || !stepper_ck_put(s, it, s->scratch))
            return false;
        st0 = s->scratch;
    }
    net_hyper h;
    double eloss;
    net *f = s->frame;
    const int np = f->nparams;
    memcpy(f->params, st0, (size_t)np * sizeof(double));
    memcpy(f->vel, st0 + np, (size_t)np * sizeof(double));
    const double *x = stepper_sample_x(s, it), *t = stepper_sample_t(s, it);
    net_forward(f, x);
    s->loss = net_loss_eval(f, t);
    net_backward(f);
    stepper_load(s, st0, &h, &eloss);
    s->hyper = h;
    s->built = it;
    net_train_sample(s->work, x, t, &h);
    stepper_after_update(s, it, &h, &eloss);
    stepper_save(s, &h, eloss, s->scratch);
    return stepper_ck_put(s, it + 1, s->scratch);
}

/* ---- the view ---- */

static void stepper_refresh(stepper *s)
{
    net *v = s->shown;
    const net *f = s->frame;
    const net_spec *sp = &v->spec;
    const int np = v->nparams, nu = v->nunits, L = sp->nlayers - 1, no = sp->size[L];
    memcpy(v->params, f->params, (size_t)np * sizeof(double));
    memcpy(v->vel, f->vel, (size_t)np * sizeof(double));
    memset(v->grad, 0, (size_t)np * sizeof(double));
    memset(s->known, 0, (size_t)(3 * nu + 2 * np + no) * sizeof(bool));
    for (int l = 1; l <= L; l++) {
        memset(v->z[l], 0, (size_t)sp->size[l] * sizeof(double));
        memset(v->a[l], 0, (size_t)sp->size[l] * sizeof(double));
        memset(v->delta[l], 0, (size_t)sp->size[l] * sizeof(double));
    }
    memset(v->err_terms, 0, (size_t)no * sizeof(double));
    memcpy(v->a[0], f->a[0], (size_t)sp->size[0] * sizeof(double));
    memcpy(v->z[0], f->z[0], (size_t)sp->size[0] * sizeof(double));
    bool *zk = s->known, *ak = zk + nu, *dk = ak + nu, *gk = dk + nu, *pc = gk + np, *ek = pc + np;
    for (int j = 0; j < sp->size[0]; j++)
        zk[j] = ak[j] = true;
    s->view.loss_known = false;
    s->view.loss = 0.0;
    /* Apply the runs the cursor has passed, straight from the frame. */
    for (int q = 0; q < s->nseg && s->seg[q].first < s->pos; q++) {
        const step_seg *g = &s->seg[q];
        const int done = s->pos - g->first < g->count ? s->pos - g->first : g->count, l = g->layer;
        const int u0 = s->unit0[l];
        for (int r = 0; r < done && g->kind <= EV_DELTA; r++) {
            switch (g->kind) {
            case EV_Z:
                if (r % 2 == 0) {
                    v->z[l][r / 2] = f->z[l][r / 2];
                    zk[u0 + r / 2] = true;
                } else {
                    v->a[l][r / 2] = f->a[l][r / 2];
                    ak[u0 + r / 2] = true;
                }
                break;
            case EV_ERR: v->err_terms[r] = f->err_terms[r]; ek[r] = true; break;
            case EV_LOSS: s->view.loss = s->loss; s->view.loss_known = true; break;
            case EV_DELTA: v->delta[l][r] = f->delta[l][r]; dk[u0 + r] = true; break;
            default: break;
            }
        }
        /* Parameters: a run covers consecutive parameters, done in bulk. */
        if (g->kind == EV_GRAD_W || g->kind == EV_GRAD_B || g->kind == EV_UPD_W || g->kind == EV_UPD_B) {
            const bool w = g->kind == EV_GRAD_W || g->kind == EV_UPD_W;
            const int p0 = w ? net_windex(f, l, 0, 0) : net_bindex(f, l, 0);
            if (g->kind == EV_GRAD_W || g->kind == EV_GRAD_B) {
                memcpy(v->grad + p0, f->grad + p0, (size_t)done * sizeof(double));
                memset(gk + p0, 1, (size_t)done * sizeof(bool));
            } else {
                net_param_steps(f, &s->hyper, p0, done, !w, v->params + p0);
                memset(pc + p0, 1, (size_t)done * sizeof(bool));
            }
        }
    }
    if (s->pos > 0)
        stepper_make(s, s->pos - 1, &s->slot[0], s->ops, 0);
    s->view.net = v;
    s->view.z_known = zk;
    s->view.a_known = ak;
    s->view.d_known = dk;
    s->view.g_known = gk;
    s->view.p_changed = pc;
    s->view.e_known = ek;
    s->view.x = stepper_sample_x(s, s->it);
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
    s->frame = net_clone(init);
    s->shown = net_clone(init);
    if (!s->work || !s->frame || !s->shown)
        goto oom;
    stepper_segments(s, init);
    s->slot = calloc(STEPPER_SLOTS + 1, sizeof *s->slot);
    s->ops = calloc((size_t)(STEPPER_SLOTS + 1) * (size_t)s->maxops, sizeof *s->ops);
    s->next_slot = calloc(1, sizeof *s->next_slot);
    if (!s->slot || !s->ops || !s->next_slot)
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
    free(s->slot);
    free(s->ops);
    free(s->next_slot);
    free(s->known);
    free(s->scratch);
    net_free(s->work);
    net_free(s->frame);
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
    step_phase ph = stepper_seg_of(s, s->pos)->phase;
    int p = s->pos;
    while (p < s->nev && stepper_seg_of(s, p)->phase == ph)
        p = stepper_seg_of(s, p)->first + stepper_seg_of(s, p)->count;
    s->pos = p;
    stepper_refresh(s);
    return true;
}

bool stepper_prev_phase(stepper *s)
{
    if (s->pos == 0)
        return stepper_prev(s);
    step_phase ph = stepper_seg_of(s, s->pos - 1)->phase;
    int p = s->pos - 1;
    /* At a phase's end: go to the end of the phase before it. */
    while (p > 0 && stepper_seg_of(s, p - 1)->phase == ph)
        p = stepper_seg_of(s, p - 1)->first;
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
const step_event *stepper_current(const stepper *s) { return s->pos > 0 ? &s->slot[0] : NULL; }
const step_operand *stepper_operands(const stepper *s) { return s->ops; }

const step_event *stepper_event(const stepper *s, int i)
{
    if (i < 0 || i >= s->nev)
        return NULL;
    int k = 1 + *s->next_slot;
    *s->next_slot = (*s->next_slot + 1) % STEPPER_SLOTS;
    stepper_make(s, i, &s->slot[k], s->ops, k * s->maxops);
    return &s->slot[k];
}
const step_view *stepper_view(const stepper *s) { return &s->view; }
const net_hyper *stepper_hyper(const stepper *s) { return &s->hyper; }
int stepper_sample(const stepper *s) { return (int)(s->it % s->ntrain); }
int stepper_unit(const stepper *s, int l, int j) { return s->unit0[l] + j; }

const double *stepper_params_at(const stepper *s, long it)
{
    long c = stepper_ck_find(s, it);
    return c >= 0 && s->ck[c].it == it ? s->ck[c].state : NULL;
}
