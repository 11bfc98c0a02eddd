/* stepper.c - narrates SGD iterations as events; exact rewind from per-iteration checkpoints. */
#include "stepper.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fault.h"
#include "formula.h"
#include "i18n.h"

/* A checkpoint: the state at the start of one iteration. Layout of state:
 * params[nparams], vel[nparams] (only with momentum: without it nothing reads
 * a velocity), eta_w, eta_b, the epoch loss before it. */
typedef struct step_ckpt {
    long it;
    double *state;
    bool sparse; /* stepper_ck_sparse(it), kept: the sweeps would divide per entry */
} step_ckpt;

/* A run of events of one kind (the order of an iteration is a list of these). */
typedef struct step_seg {
    step_kind kind;
    step_phase phase;
    int layer;
    int first; /* index of its first event */
    int count; /* events in it */
} step_seg;

/* The view and the cursor's event are a cache, brought up to date when they
 * are read (stepper_view, stepper_current) rather than on every cursor move:
 * moving costs nothing, and reading after a move costs what changed. It
 * lives behind a pointer so that the const accessors may fill it. */
typedef struct step_cache {
    long built;      /* iteration the known flags describe, -1 for none */
    int pos;         /* events the known flags include */
    long mix_built;  /* iteration whose parameters mix holds, -1 for none */
    int mix_pos;     /* events applied in mix (updates from upd0 on) */
    int next_slot;   /* stepper_event()'s rotation over slots 1.. */
    long cur_built;  /* slot 0 holds event cur_pos - 1 of iteration cur_built */
    int cur_pos;
    bool *known;     /* z_known, a_known, d_known (nunits each), g_known, p_changed (nparams each), e_known
                      * (outputs), for positions within an iteration */
    bool *known0;    /* the same at position 0 (the inputs known), then at the end (every event applied) */
    size_t nknown;   /* flags in known (and in each half of known0) */
    double *mix;     /* [nparams] parameters part-way through the update phase */
    net vnet;        /* the view's network: the frame's arrays, params re-pointed */
    step_view view;
} step_cache;

struct stepper {
    const data_set *d; /* borrowed samples */
    int ntrain;        /* samples cycled through */
    net_hyper hyper0;  /* hyper-parameters at iteration 0 */
    net *work;         /* scratch network that trains flat out */
    net *frame;        /* the built iteration: z, a, δ (its grad array is not used: net_param_grad);
                        * its params point at the iteration's checkpoint (pinned while built), and so
                        * does its vel with momentum (without, its own zeros) */
    bool hasvel;       /* momentum is on: checkpoints keep velocities */
    size_t stride;     /* doubles per checkpoint */
    size_t off_eta;    /* index of eta_w in a checkpoint */

    step_ckpt *ck;     /* checkpoints sorted by it */
    long nck, capck;
    long most;         /* checkpoints kept at most (memory bound) */
    long ndense;       /* checkpoints that are not sparse (see stepper_ck_sparse) */
    long dense;        /* dense checkpoints kept at most */
    double **pool;     /* released checkpoint buffers, reused before malloc */
    long npool, maxpool;
    long every;        /* flat-out runs keep one checkpoint per this many iterations */

    long it;           /* current iteration */
    int pos;           /* events applied, 0..nev */
    long built;        /* iteration held by frame, -1 for none */
    net_hyper hyper;   /* hyper-parameters of the current iteration */
    double loss;       /* the built iteration's loss */
    int nev;           /* events of an iteration */
    int upd0;          /* index of the first update event (nev when none) */
    int loss_ev;       /* index of the loss event */
    step_seg seg[5 * NET_MAX_LAYERS + 4];
    int nseg;

    /* Events are made on demand into slots: slot 0 is the cursor's, 1.. rotate. */
    step_event *slot;  /* [STEPPER_SLOTS + 1] */
    step_operand *ops; /* [(STEPPER_SLOTS + 1) * maxops] */
    int maxops;        /* operands one event can have */

    int unit0[NET_MAX_LAYERS]; /* first unit index of each layer */
    step_cache *vc;    /* the view, filled when read */
    double *scratch;   /* one state's worth of doubles */
};

static const char *const stepper_phase_names[STEP_PHASE_COUNT] = {
    N_("forward"), N_("loss"), N_("delta"), N_("gradient"), N_("update"),
};

const char *stepper_phase_name(step_phase p) { return p < STEP_PHASE_COUNT ? stepper_phase_names[p] : "?"; }

/* ---- checkpoints ---- */

static long stepper_ck_find(const stepper *s, long it)
{
    /* Stepping asks for the newest two most of the time. */
    if (s->nck > 0 && s->ck[s->nck - 1].it <= it)
        return s->nck - 1;
    if (s->nck > 1 && s->ck[s->nck - 2].it <= it)
        return s->nck - 2;
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
/* Dense checkpoints (one per stepped iteration) kept around the cursor, at
 * most STEPPER_DENSE (stepper.h) and this many bytes of them (but at least STEPPER_MIN_DENSE):
 * a rewind further back replays at most `every` iterations from a sparse one.
 * The byte bound keeps a large network's stepping in recycled buffers: fresh
 * memory for every stepped iteration costs more in page faults than the
 * iteration's arithmetic. */
#define STEPPER_MIN_DENSE 4
#define STEPPER_DENSE_BYTES (2L * 1024 * 1024)

/* Sparse checkpoints are the ones flat-out runs keep (iteration 0 and every
 * `every`-th): they bound any replay. The others are dense. */
static bool stepper_ck_sparse(const stepper *s, long it) { return it % s->every == 0; }

/* The frame's iteration, its successor and the cursor's are never dropped:
 * the view and the next move read them. */
static bool stepper_ck_in_use(const stepper *s, long it) { return it == s->it || it == s->built || it == s->built + 1; }

/* A state of a page or more is page-aligned, so that the state an
 * iteration reads and the one it writes (net_step_into) sit at the same
 * offset within their pages: at some other offsets the loads running ahead
 * alias the stores just made (4K aliasing), and the speed of stepping would
 * depend on where malloc happened to put the two buffers. */
#define STEPPER_PAGE 4096

static double *stepper_ck_alloc(stepper *s)
{
    if (s->npool > 0)
        return s->pool[--s->npool];
    const size_t bytes = s->stride * sizeof(double);
    if (bytes < STEPPER_PAGE)
        return malloc(bytes);
    return aligned_alloc(STEPPER_PAGE, (bytes + STEPPER_PAGE - 1) / STEPPER_PAGE * STEPPER_PAGE);
}

/* Keeps a dropped checkpoint's buffer for the next one: no page faults and
 * no allocator traffic per stepped iteration. */
static void stepper_ck_release(stepper *s, double *state)
{
    if (s->npool < s->maxpool)
        s->pool[s->npool++] = state;
    else
        free(state);
}

/* Drops the checkpoints drop() selects, keeping iteration 0 and those in use. */
static void stepper_ck_filter(stepper *s, bool (*drop)(const stepper *, long r))
{
    long w = 1;
    for (long r = 1; r < s->nck; r++) {
        if (!stepper_ck_in_use(s, s->ck[r].it) && drop(s, r)) {
            stepper_ck_release(s, s->ck[r].state);
            continue;
        }
        s->ck[w++] = s->ck[r];
    }
    s->nck = w;
    s->ndense = 0;
    for (long r = 0; r < s->nck; r++)
        s->ndense += !s->ck[r].sparse;
}

/* Every other checkpoint of the older half: memory stays bounded however
 * long training runs, while recent iterations, where rewinding happens, stay dense. */
static bool stepper_ck_drop_thin(const stepper *s, long r) { return r < s->nck / 2 && r % 2 == 1; }

/* Dense checkpoints far from the cursor. */
static bool stepper_ck_drop_far(const stepper *s, long r)
{
    long it = s->ck[r].it;
    return !s->ck[r].sparse && labs(it - s->it) > s->dense / 2;
}

/* Files state (a buffer from stepper_ck_alloc, now owned here) as the
 * checkpoint of iteration it, which is not stored yet (callers check). */
static bool stepper_ck_insert(stepper *s, long it, double *state)
{
    if (s->ndense >= s->dense)
        stepper_ck_filter(s, stepper_ck_drop_far);
    if (s->nck >= s->most)
        stepper_ck_filter(s, stepper_ck_drop_thin);
    if (s->nck == s->capck) {
        long cap = s->capck ? s->capck * 2 : 64;
        step_ckpt *n = realloc(s->ck, (size_t)cap * sizeof *n);
        if (!n) {
            free(state);
            return false;
        }
        s->ck = n;
        s->capck = cap;
    }
    long ins = stepper_ck_find(s, it) + 1;
    memmove(s->ck + ins + 1, s->ck + ins, (size_t)(s->nck - ins) * sizeof *s->ck);
    s->ck[ins].it = it;
    s->ck[ins].state = state;
    s->ck[ins].sparse = stepper_ck_sparse(s, it);
    s->nck++;
    s->ndense += !s->ck[ins].sparse;
    return true;
}

static bool stepper_ck_put(stepper *s, long it, const double *state)
{
    if (stepper_params_at(s, it))
        return true;
    double *copy = stepper_ck_alloc(s);
    if (!copy)
        return false;
    memcpy(copy, state, s->stride * sizeof(double));
    return stepper_ck_insert(s, it, copy);
}

/* Loads a state into the scratch network and the hyper-parameters. */
static void stepper_load(stepper *s, const double *state, net_hyper *h, double *epoch_loss)
{
    const int np = s->work->nparams;
    memcpy(s->work->params, state, (size_t)np * sizeof(double));
    if (s->hasvel)
        memcpy(s->work->vel, state + np, (size_t)np * sizeof(double));
    *h = s->hyper0;
    h->eta_w = state[s->off_eta];
    h->eta_b = state[s->off_eta + 1];
    *epoch_loss = state[s->off_eta + 2];
}

static void stepper_save(const stepper *s, const net_hyper *h, double epoch_loss, double *state)
{
    const int np = s->work->nparams;
    memcpy(state, s->work->params, (size_t)np * sizeof(double));
    if (s->hasvel)
        memcpy(state + np, s->work->vel, (size_t)np * sizeof(double));
    state[s->off_eta] = h->eta_w;
    state[s->off_eta + 1] = h->eta_b;
    state[s->off_eta + 2] = epoch_loss;
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

/* Trains work flat out over iterations [k, end) with net_train_rows, in runs
 * that end at each epoch's end (the adaptive rule) and, when keep, at each
 * sparse checkpoint (saved). With check, stops at the first run that leaves
 * a non-finite loss or parameter (non-finite values stay so, so the run's end
 * shows it) and returns 0 with *bad = that run's first iteration; 1 when done,
 * -1 when memory runs out. */
static int stepper_flat(stepper *s, long k, long end, net_hyper *h, double *eloss, bool keep, bool check, long *bad)
{
    while (k < end) {
        if (keep && stepper_ck_sparse(s, k)) {
            stepper_save(s, h, *eloss, s->scratch);
            if (!stepper_ck_put(s, k, s->scratch))
                return -1;
        }
        long stop = (k / s->ntrain + 1) * s->ntrain;
        if (keep && (k / s->every + 1) * s->every < stop)
            stop = (k / s->every + 1) * s->every;
        stop = stop < end ? stop : end;
        double sum = net_train_rows(s->work, stepper_sample_x(s, k), stepper_sample_t(s, k), (int)(stop - k), h);
        if (check && (!isfinite(sum) || !net_params_finite(s->work))) {
            *bad = k;
            return 0;
        }
        k = stop;
        stepper_after_update(s, k - 1, h, eloss);
    }
    return 1;
}

/* Produces the state at the start of iteration it into s->scratch, replaying
 * flat out from the nearest checkpoint (at most `every` iterations). */
static bool stepper_state_at(stepper *s, long it)
{
    long c = stepper_ck_find(s, it);
    if (c < 0)
        return false;
    net_hyper h;
    double eloss;
    long bad;
    stepper_load(s, s->ck[c].state, &h, &eloss);
    stepper_flat(s, s->ck[c].it, it, &h, &eloss, false, false, &bad);
    stepper_save(s, &h, eloss, s->scratch);
    return true;
}

/* The first iteration from `from` on whose loss or update is not finite,
 * found one iteration at a time (the rare path after stepper_flat failed);
 * its loss in *loss. */
static long stepper_first_bad(stepper *s, long from, double *loss)
{
    net_hyper h;
    double eloss;
    stepper_state_at(s, from);
    stepper_load(s, s->scratch, &h, &eloss);
    for (long k = from;; k++) {
        double E = net_train_sample(s->work, stepper_sample_x(s, k), stepper_sample_t(s, k), &h);
        if (!isfinite(E) || !net_params_finite(s->work) || k >= from + s->ntrain + s->every) {
            *loss = E;
            return k;
        }
        stepper_after_update(s, k, &h, &eloss);
    }
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

/* Forward pass, event r of layer l's run: z_j (its weights, inputs and bias)
 * at even r, then a_j = f(z_j). */
static void stepper_make_forward(const net *n, int l, int r, step_event *e, step_operand *ops)
{
    const int nin = n->spec.size[l - 1];
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
}

/* The loss: output r's error term (EV_ERR) from its target and output, or
 * the loss of the sample (EV_LOSS) from every error term. */
static void stepper_make_loss(const stepper *s, step_kind kind, int r, const double *t, step_event *e,
                              step_operand *ops)
{
    const net *n = s->frame;
    const int L = n->spec.nlayers - 1;
    e->kind = kind;
    if (kind == EV_ERR) {
        e->j = r;
        e->value = n->err_terms[r];
        stepper_op(e, ops, OP_T, L, r, 0, t[r]);
        stepper_op(e, ops, OP_A, L, r, 0, n->a[L][r]);
    } else {
        e->value = s->loss;
        for (int j = 0; j < n->spec.size[L]; j++)
            stepper_op(e, ops, OP_ERR, L, j, 0, n->err_terms[j]);
    }
}

/* delta_j of layer l: at the output from the output, target and dE/da; in a
 * hidden layer from the next layer's weights and deltas; then z, a and f'(z). */
static void stepper_make_delta(const net *n, int l, int j, const double *t, step_event *e, step_operand *ops)
{
    const net_spec *sp = &n->spec;
    const net_layer_spec *ls = &sp->layer[l];
    e->kind = EV_DELTA;
    e->j = j;
    e->value = n->delta[l][j];
    if (l == sp->nlayers - 1) {
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
}

/* The gradient of layer l's parameter r of the run: a weight's from its
 * delta and input, a bias's from its delta (a shared bias: every delta). */
static void stepper_make_grad(const net *n, step_kind kind, int l, int r, step_event *e, step_operand *ops)
{
    e->kind = kind;
    if (kind == EV_GRAD_W) {
        const int nin = n->spec.size[l - 1];
        const int j = r / nin, k = r % nin;
        e->j = j;
        e->k = k;
        e->param = net_windex(n, l, j, k);
        e->value = net_param_grad(n, e->param);
        stepper_op(e, ops, OP_DELTA, l, j, 0, n->delta[l][j]);
        stepper_op(e, ops, l == 1 ? OP_X : OP_A, l - 1, k, 0, n->a[l - 1][k]);
        return;
    }
    e->j = r;
    e->param = net_bindex(n, l, r);
    e->value = net_param_grad(n, e->param);
    if (n->nbias[l] == 1)
        for (int q = 0; q < n->spec.size[l]; q++)
            stepper_op(e, ops, OP_DELTA, l, q, 0, n->delta[l][q]);
    else
        stepper_op(e, ops, OP_DELTA, l, r, 0, n->delta[l][r]);
}

/* The update of layer l's parameter r of the run: old value, rate, gradient
 * (and momentum and velocity); the new value is the next checkpoint's. */
static void stepper_make_update(const stepper *s, step_kind kind, int l, int r, step_event *e, step_operand *ops)
{
    const net *n = s->frame;
    const int nin = n->spec.size[l - 1];
    const bool w = kind == EV_UPD_W;
    e->kind = kind;
    e->j = w ? r / nin : r;
    e->k = w ? r % nin : 0;
    e->param = w ? net_windex(n, l, e->j, e->k) : net_bindex(n, l, r);
    e->value = stepper_params_at(s, s->built + 1)[e->param]; /* kept while built */
    e->old = n->params[e->param];
    stepper_op(e, ops, w ? OP_W : OP_B, l, e->j, e->k, e->old);
    stepper_op(e, ops, OP_ETA, l, e->j, e->k, w ? s->hyper.eta_w : s->hyper.eta_b);
    stepper_op(e, ops, OP_GRAD, l, e->j, e->k, net_param_grad(n, e->param));
    if (s->hyper.momentum != 0.0) {
        stepper_op(e, ops, OP_MOM, l, e->j, e->k, s->hyper.momentum);
        stepper_op(e, ops, OP_VEL, l, e->j, e->k, n->vel[e->param]);
    }
}

/* Fills e (and its operands) with event i of the built iteration. The values
 * are read from the frame computed by the same net_* code training uses, and
 * an update's new value from the next checkpoint, which is what training
 * goes on from: they match to the bit by construction. */
static void stepper_make(const stepper *s, int i, step_event *e, step_operand *ops, int op_first)
{
    const net *n = s->frame;
    const step_seg *g = stepper_seg_of(s, i);
    const int r = i - g->first, l = g->layer;
    const double *t = stepper_sample_t(s, s->built);
    memset(e, 0, sizeof *e);
    e->phase = g->phase;
    e->layer = l;
    e->param = -1;
    e->op_first = op_first;
    e->iteration = s->built;
    e->sample = (int)(s->built % s->ntrain);
    switch (g->kind) {
    case EV_Z: stepper_make_forward(n, l, r, e, ops); break; /* z_j then a_j */
    case EV_ERR:
    case EV_LOSS: stepper_make_loss(s, g->kind, r, t, e, ops); break;
    case EV_DELTA: stepper_make_delta(n, l, r, t, e, ops); break;
    case EV_GRAD_W:
    case EV_GRAD_B: stepper_make_grad(n, g->kind, l, r, e, ops); break;
    case EV_UPD_W:
    case EV_UPD_B: stepper_make_update(s, g->kind, l, r, e, ops); break;
    default: break;
    }
}

/* Computes iteration it from the state at its start: the frame narrated by
 * the events, and the checkpoint of it + 1 (the update applied to the frame,
 * bit-identical to training's). */
static bool stepper_build(stepper *s, long it)
{
    s->built = it; /* pins the checkpoints of it and it + 1 (stepper_ck_in_use) */
    if (!stepper_params_at(s, it) && (!stepper_state_at(s, it) || !stepper_ck_put(s, it, s->scratch)))
        goto fail;
    /* The frame reads the state at its start in place: no copy. */
    double *st0 = (double *)stepper_params_at(s, it);
    net *f = s->frame;
    const int np = f->nparams;
    f->params = st0;
    for (int l = 1; l < f->spec.nlayers; l++) {
        f->w[l] = st0 + (s->work->w[l] - s->work->params);
        f->b[l] = s->work->b[l] ? st0 + (s->work->b[l] - s->work->params) : NULL;
    }
    if (s->hasvel)
        f->vel = st0 + np;
    s->hyper = s->hyper0;
    s->hyper.eta_w = st0[s->off_eta];
    s->hyper.eta_b = st0[s->off_eta + 1];
    double eloss = st0[s->off_eta + 2];
    const double *x = stepper_sample_x(s, it), *t = stepper_sample_t(s, it);
    net_forward(f, x);
    s->loss = net_loss_eval(f, t);
    net_deltas(f); /* no gradient array: each gradient is δ·a when asked for (net_param_grad) */
    if (!stepper_params_at(s, it + 1)) {
        double *next = stepper_ck_alloc(s);
        if (!next)
            goto fail;
        net_step_into(f, &s->hyper, next, s->hasvel ? next + np : NULL);
        net_hyper h = s->hyper;
        if (h.adaptive && (it + 1) % s->ntrain == 0) {
            memcpy(s->work->params, next, (size_t)np * sizeof(double));
            stepper_after_update(s, it, &h, &eloss);
        }
        next[s->off_eta] = h.eta_w;
        next[s->off_eta + 1] = h.eta_b;
        next[s->off_eta + 2] = eloss;
        if (!stepper_ck_insert(s, it + 1, next))
            goto fail;
    }
    return true;
fail:
    s->built = -1;
    return false;
}

/* ---- the view, filled when read ---- */

/* Sets (on) or clears the known flags of events [from, to) of an iteration. */
static void stepper_flags(const stepper *s, int from, int to, bool on)
{
    step_cache *c = s->vc;
    if (from == 0 && to == s->nev) { /* the whole iteration: the flags at one end */
        memcpy(c->known, c->known0 + (on ? c->nknown : 0), c->nknown * sizeof(bool));
        return;
    }
    const net *f = s->frame;
    const int nu = f->nunits, np = f->nparams;
    bool *zk = c->known, *ak = zk + nu, *dk = ak + nu, *gk = dk + nu, *pc = gk + np, *ek = pc + np;
    for (int q = 0; q < s->nseg; q++) {
        const step_seg *g = &s->seg[q];
        const int a = from > g->first ? from - g->first : 0;
        const int b = to < g->first + g->count ? to - g->first : g->count;
        if (a >= b)
            continue;
        const int l = g->layer, u0 = s->unit0[l];
        switch (g->kind) {
        case EV_Z: /* z_j and a_j alternate */
            for (int r = a; r < b; r++)
                (r % 2 == 0 ? zk : ak)[u0 + r / 2] = on;
            break;
        case EV_ERR: memset(ek + a, on, (size_t)(b - a) * sizeof(bool)); break;
        case EV_LOSS: break; /* loss_known follows from the position */
        case EV_DELTA: memset(dk + u0 + a, on, (size_t)(b - a) * sizeof(bool)); break;
        case EV_GRAD_W:
        case EV_UPD_W: {
            bool *fl = g->kind == EV_GRAD_W ? gk : pc;
            memset(fl + net_windex(f, l, 0, 0) + a, on, (size_t)(b - a) * sizeof(bool));
            break;
        }
        case EV_GRAD_B:
        case EV_UPD_B: {
            bool *fl = g->kind == EV_GRAD_B ? gk : pc;
            memset(fl + net_bindex(f, l, 0) + a, on, (size_t)(b - a) * sizeof(bool));
            break;
        }
        default: break;
        }
    }
}

/* Brings mix (the parameters part-way through the update phase) to the
 * cursor: the updates of events [upd0, pos) applied, the rest as before. */
static void stepper_mix(const stepper *s)
{
    step_cache *c = s->vc;
    const net *f = s->frame;
    const double *after = stepper_params_at(s, s->built + 1);
    if (c->mix_built != s->built) {
        memcpy(c->mix, f->params, (size_t)f->nparams * sizeof(double));
        c->mix_built = s->built;
        c->mix_pos = s->upd0;
    }
    const int lo = c->mix_pos < s->pos ? c->mix_pos : s->pos, hi = c->mix_pos < s->pos ? s->pos : c->mix_pos;
    for (int q = 0; q < s->nseg && lo < hi; q++) {
        const step_seg *g = &s->seg[q];
        if (g->kind != EV_UPD_W && g->kind != EV_UPD_B)
            continue;
        const int a = lo > g->first ? lo - g->first : 0;
        const int b = hi < g->first + g->count ? hi - g->first : g->count;
        if (a >= b)
            continue;
        const bool w = g->kind == EV_UPD_W;
        const int p = (w ? net_windex(f, g->layer, 0, 0) : net_bindex(f, g->layer, 0)) + a;
        /* Forward: the values after the update (the next checkpoint); back: before. */
        memcpy(c->mix + p, (s->pos > c->mix_pos ? after : f->params) + p, (size_t)(b - a) * sizeof(double));
    }
    c->mix_pos = s->pos;
}

/* Points the view's network at the parameters of the cursor: the frame's
 * before the update phase, the next checkpoint's after it, mix within it. */
static void stepper_point(const stepper *s, double *params)
{
    net *v = &s->vc->vnet;
    const net *f = s->frame;
    v->params = params;
    for (int l = 1; l < f->spec.nlayers; l++) {
        v->w[l] = params + (f->w[l] - f->params);
        v->b[l] = f->b[l] ? params + (f->b[l] - f->params) : NULL;
    }
}

/* Points the view's flags at an array laid out like known. */
static void stepper_point_flags(const stepper *s, const bool *k)
{
    step_view *v = &s->vc->view;
    const int nu = s->frame->nunits, np = s->frame->nparams;
    v->z_known = k;
    v->a_known = k + nu;
    v->d_known = k + 2 * nu;
    v->g_known = k + 3 * nu;
    v->p_changed = k + 3 * nu + np;
    v->e_known = k + 3 * nu + 2 * np;
}

static void stepper_sync(const stepper *s)
{
    step_cache *c = s->vc;
    if (s->pos == 0 || s->pos == s->nev) {
        /* The ends of an iteration have fixed flags: no copy. */
        stepper_point_flags(s, c->known0 + (s->pos == 0 ? 0 : c->nknown));
    } else {
        /* Within it, known is brought from where it was to the cursor. */
        if (c->built != s->built) {
            stepper_flags(s, 0, c->pos, false);
            c->built = s->built;
            c->pos = 0;
        }
        if (s->pos > c->pos)
            stepper_flags(s, c->pos, s->pos, true);
        else if (s->pos < c->pos)
            stepper_flags(s, s->pos, c->pos, false);
        c->pos = s->pos;
        stepper_point_flags(s, c->known);
    }
    c->view.loss_known = s->pos > s->loss_ev;
    c->vnet.vel = s->frame->vel;
    const double *after = s->pos == s->nev ? stepper_params_at(s, s->built + 1) : NULL;
    if (s->pos <= s->upd0) {
        stepper_point(s, s->frame->params);
    } else if (after) {
        stepper_point(s, (double *)after); /* read only: the view's net is const */
    } else {
        stepper_mix(s);
        stepper_point(s, c->mix);
    }
    c->view.loss = c->view.loss_known ? s->loss : 0.0;
    c->view.x = stepper_sample_x(s, s->it);
    c->view.t = stepper_sample_t(s, s->it);
}

/* Makes iteration it current with its events built; pos is set by the caller. */
static bool stepper_enter(stepper *s, long it)
{
    const long was = s->built;
    if (was != it && !stepper_build(s, it)) {
        /* Out of memory: the cursor stays, so its iteration is built again
         * (its checkpoints are kept: nothing to allocate). */
        if (was >= 0)
            stepper_build(s, was);
        return false;
    }
    s->it = it;
    return true;
}

/* ---- making a stepper ---- */

/* The data set has samples, as many inputs and targets as the network. */
static bool stepper_fits(const net *init, const data_set *d, err *e)
{
    if (!d || d->n < 1) {
        err_set(e, NULL, 0, 0, _("no samples to train on"));
        return false;
    }
    if (d->nin != init->spec.size[0] || d->nout != init->spec.size[init->spec.nlayers - 1]) {
        err_set(e, NULL, 0, 0, _("samples have %d input(s) and %d target(s); the network takes %d and gives %d"), d->nin,
                d->nout, init->spec.size[0], init->spec.size[init->spec.nlayers - 1]);
        return false;
    }
    return true;
}

/* The events of an iteration: their runs, where the updates and the loss
 * are, and the slots events are made into. False when memory runs out. */
static bool stepper_events_init(stepper *s, const net *init)
{
    stepper_segments(s, init);
    s->upd0 = s->nev;
    for (int q = s->nseg - 1; q >= 0; q--) {
        if (s->seg[q].kind == EV_UPD_W || s->seg[q].kind == EV_UPD_B)
            s->upd0 = s->seg[q].first;
        if (s->seg[q].kind == EV_LOSS)
            s->loss_ev = s->seg[q].first;
    }
    s->slot = calloc(STEPPER_SLOTS + 1, sizeof *s->slot);
    s->ops = calloc((size_t)(STEPPER_SLOTS + 1) * (size_t)s->maxops, sizeof *s->ops);
    return s->slot && s->ops;
}

static long stepper_clamp(long v, long lo, long hi) { return v < lo ? lo : v > hi ? hi : v; }

/* A checkpoint's layout and how many are kept (memory bounds). Sets s->pool
 * (NULL when memory runs out). */
static void stepper_ckpt_init(stepper *s, int np, const net_hyper *h)
{
    s->hasvel = h->momentum != 0.0;
    s->off_eta = (size_t)np * (s->hasvel ? 2 : 1);
    s->stride = s->off_eta + 3;
    s->most = stepper_clamp(STEPPER_CKPT_BYTES / (long)(s->stride * sizeof(double)), STEPPER_MIN_CKPTS, STEPPER_MAX_CKPTS);
    s->dense = stepper_clamp(STEPPER_DENSE_BYTES / (long)(s->stride * sizeof(double)), STEPPER_MIN_DENSE, STEPPER_DENSE);
    s->maxpool = STEPPER_POOL(s->dense);
    s->pool = calloc((size_t)s->maxpool + 1, sizeof *s->pool);
    /* One sparse checkpoint per epoch, but no more than one per STEPPER_EVERY_MIN
     * iterations, so long runs on tiny data sets keep memory flat; a rewind
     * replays at most max(epoch, STEPPER_EVERY_MIN) iterations. */
    s->every = s->ntrain > STEPPER_EVERY_MIN ? s->ntrain : STEPPER_EVERY_MIN;
}

/* The view's cache: the flags of what is known at both ends of an
 * iteration, and the view's network over the frame's arrays. False when
 * memory runs out. */
static bool stepper_view_init(stepper *s, const net *init)
{
    const int np = init->nparams, nu = init->nunits, no = init->spec.size[init->spec.nlayers - 1];
    int u = 0;
    for (int l = 0; l < init->spec.nlayers; l++) {
        s->unit0[l] = u;
        u += init->spec.size[l];
    }
    step_cache *c = s->vc;
    c->nknown = (size_t)(3 * nu + 2 * np + no);
    c->known = calloc(c->nknown, sizeof(bool));
    c->known0 = calloc(2 * c->nknown, sizeof(bool));
    c->mix = malloc((size_t)np * sizeof(double));
    s->scratch = malloc(s->stride * sizeof(double));
    if (!s->pool || !c->known || !c->known0 || !c->mix || !s->scratch)
        return false;
    /* The input layer is known from the start of every iteration. */
    for (int j = 0; j < init->spec.size[0]; j++)
        c->known[j] = c->known[nu + j] = true;
    c->built = c->mix_built = c->cur_built = -1;
    /* The two ends' flags, for moves across a whole iteration. */
    memcpy(c->known0, c->known, c->nknown * sizeof(bool));
    stepper_flags(s, 1, s->nev, true); /* in two parts: the whole would take the fast path */
    stepper_flags(s, 0, 1, true);
    memcpy(c->known0 + c->nknown, c->known, c->nknown * sizeof(bool));
    memcpy(c->known, c->known0, c->nknown * sizeof(bool));
    c->vnet = *s->frame; /* the frame's arrays; params re-pointed by stepper_point */
    c->vnet.grad = NULL; /* not kept: stepper_grad() */
    for (int l = 0; l < init->spec.nlayers; l++)
        c->vnet.gw[l] = c->vnet.gb[l] = NULL;
    c->view.net = &c->vnet;
    return true;
}

/* ---- public ---- */

stepper *stepper_new(const net *init, const data_set *d, const net_hyper *h, err *e)
{
    if (!stepper_fits(init, d, e))
        return NULL;
    const int np = init->nparams;
    stepper *s = calloc(1, sizeof *s);
    if (!s)
        goto oom;
    s->d = d;
    s->ntrain = data_ntrain(d);
    s->hyper0 = *h;
    s->built = -1;
    s->work = net_clone(init);
    s->frame = net_clone(init);
    s->vc = calloc(1, sizeof *s->vc);
    if (!s->work || !s->frame || !s->vc)
        goto oom;
    memset(s->work->vel, 0, (size_t)np * sizeof(double));
    memset(s->frame->vel, 0, (size_t)np * sizeof(double));
    if (!stepper_events_init(s, init))
        goto oom;
    stepper_ckpt_init(s, np, h);
    if (!stepper_view_init(s, init))
        goto oom;
    /* Iteration 0's checkpoint, and the cursor at its start. */
    net_hyper h0 = *h;
    double eloss = h->adaptive ? stepper_epoch_loss(s) : 0.0;
    stepper_save(s, &h0, eloss, s->scratch);
    if (!stepper_ck_put(s, 0, s->scratch) || !stepper_enter(s, 0))
        goto oom;
    s->pos = 0;
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
    for (long i = 0; i < s->npool; i++)
        free(s->pool[i]);
    free(s->pool);
    free(s->slot);
    free(s->ops);
    if (s->vc) {
        free(s->vc->known);
        free(s->vc->known0);
        free(s->vc->mix);
        free(s->vc);
    }
    free(s->scratch);
    net_free(s->work);
    net_free(s->frame);
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
    return true;
}

bool stepper_finish_iteration(stepper *s)
{
    if (s->pos == s->nev) {
        if (!stepper_enter(s, s->it + 1))
            return false;
    }
    s->pos = s->nev;
    return true;
}

bool stepper_goto(stepper *s, int pos)
{
    if (pos < 0 || pos > s->nev)
        return false;
    s->pos = pos;
    return true;
}

void stepper_reset(stepper *s)
{
    if (stepper_enter(s, 0))
        s->pos = 0;
}

/* True when every parameter of a checkpoint state is finite. */
static bool stepper_state_finite(const stepper *s, const double *state)
{
    for (int i = 0; i < s->work->nparams; i++)
        if (!isfinite(state[i]))
            return false;
    return true;
}

/* The first value of iteration k that is not finite, from the state at its
 * start (s->work and s->scratch are used). */
static bool stepper_fault_at(stepper *s, long k, fault *f)
{
    memset(f, 0, sizeof *f);
    if (!stepper_state_at(s, k))
        return false;
    net_hyper h;
    double eloss;
    stepper_load(s, s->scratch, &h, &eloss);
    return fault_find(s->work, stepper_sample_x(s, k), stepper_sample_t(s, k), &h, f);
}

bool stepper_fault(stepper *s, fault *f) { return stepper_fault_at(s, s->it, f); }

/* Reports that iteration k (0-based) has a value that is not finite, with
 * the engine's diagnosis (what, and whether the learning rate is the
 * suspect), and puts the cursor at the last finite state: the end of
 * iteration k - 1, or the start of iteration k. */
static bool stepper_diverged(stepper *s, long k, double loss, err *e)
{
    fault f;
    char what[ERR_MSG_MAX - 64], num[64];
    if (stepper_fault_at(s, k, &f)) {
        fault_describe(&f, &s->work->spec, k == 0, what, sizeof what);
        if (fault_diverged(&f, k == 0))
            err_set(e, NULL, 0, 0, _("training diverged at iteration %ld: %s"), k + 1, what);
        else
            err_set(e, NULL, 0, 0, _("training stopped at iteration %ld: %s"), k + 1, what);
    } else { /* nothing in iteration k itself: the run's own check saw it */
        err_set(e, NULL, 0, 0, _("training diverged at iteration %ld: the loss is %s (is the learning rate too large?)"),
                k + 1, formula_num(loss, 6, num, sizeof num));
    }
    if (k - 1 >= 0 && stepper_enter(s, k - 1)) {
        s->pos = s->nev;
    } else if (stepper_enter(s, k)) {
        s->pos = 0;
    }
    return false;
}

bool stepper_run(stepper *s, long iterations, err *e)
{
    if (iterations < 1)
        return true;
    long from = s->it + 1, target = s->it + iterations, bad;
    /* Flat out from the checkpoint after the current iteration, keeping the
     * sparse checkpoints so that a later rewind replays few iterations. */
    if (!stepper_state_at(s, from))
        goto oom;
    if (!stepper_state_finite(s, s->scratch))
        return stepper_diverged(s, s->it, s->loss, e); /* the current iteration's update overflowed */
    net_hyper h;
    double eloss;
    stepper_load(s, s->scratch, &h, &eloss);
    int r = stepper_flat(s, from, target, &h, &eloss, true, true, &bad);
    if (r < 0)
        goto oom;
    if (r == 0) {
        double loss;
        long k = stepper_first_bad(s, bad, &loss);
        return stepper_diverged(s, k, loss, e);
    }
    stepper_save(s, &h, eloss, s->scratch);
    if (!stepper_ck_put(s, target, s->scratch) || !stepper_enter(s, target))
        goto oom;
    s->pos = s->nev;
    const double *next = stepper_params_at(s, target + 1);
    if (!isfinite(s->loss) || !next || !stepper_state_finite(s, next))
        return stepper_diverged(s, target, s->loss, e);
    return true;
oom:
    err_set(e, NULL, 0, 0, _("out of memory"));
    return false;
}

int stepper_pos(const stepper *s) { return s->pos; }
int stepper_count(const stepper *s) { return s->nev; }
long stepper_iteration(const stepper *s) { return s->it; }
const step_operand *stepper_operands(const stepper *s) { return s->ops; }

const step_event *stepper_current(const stepper *s)
{
    if (s->pos == 0)
        return NULL;
    step_cache *c = s->vc;
    if (c->cur_built != s->built || c->cur_pos != s->pos) {
        stepper_make(s, s->pos - 1, &s->slot[0], s->ops, 0);
        c->cur_built = s->built;
        c->cur_pos = s->pos;
    }
    return &s->slot[0];
}

const step_event *stepper_event(const stepper *s, int i)
{
    if (i < 0 || i >= s->nev)
        return NULL;
    int k = 1 + s->vc->next_slot;
    s->vc->next_slot = (s->vc->next_slot + 1) % STEPPER_SLOTS;
    stepper_make(s, i, &s->slot[k], s->ops, k * s->maxops);
    return &s->slot[k];
}

const step_view *stepper_view(const stepper *s)
{
    stepper_sync(s);
    return &s->vc->view;
}

const net_hyper *stepper_hyper(const stepper *s) { return &s->hyper; }
int stepper_sample(const stepper *s) { return (int)(s->it % s->ntrain); }
int stepper_unit(const stepper *s, int l, int j) { return s->unit0[l] + j; }

double stepper_grad(const stepper *s, int i) { return net_param_grad(s->frame, i); }
const net *stepper_frame(const stepper *s) { return s->frame; }
double stepper_loss(const stepper *s) { return s->loss; }

size_t stepper_memory(const stepper *s)
{
    return (size_t)(s->nck + s->npool) * s->stride * sizeof(double);
}

const double *stepper_params_at(const stepper *s, long it)
{
    long c = stepper_ck_find(s, it);
    return c >= 0 && s->ck[c].it == it ? s->ck[c].state : NULL;
}
