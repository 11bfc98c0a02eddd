/* test_stepper.c - the stepper against net_* run directly: events, exact rewind, cursor moves, flat-out runs, divergence. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "err.h"
#include "net.h"
#include "rng.h"
#include "stepper.h"
#include "testutil.h"
#include "train.h"

#define MAXP 512 /* parameters of the networks of this file */
#define MAXU 64  /* neurons */

/* ---- networks and data ------------------------------------------------------ */

static net *mk_net(const net_spec *sp, const double *params)
{
    err e;
    net *n = net_new(sp, &e);
    assert_non_null(n);
    memcpy(n->params, params, sizeof(double) * (size_t)n->nparams);
    return n;
}

/* Document 000's 2-2-2 sigmoid net with frozen biases (weights in net order). */
static net *doc000_net(void)
{
    net_spec sp = tu_spec("2 2 2", NET_ACT_SIGMOID, NET_BIAS_NEURON);
    sp.layer[1].bias_frozen = sp.layer[2].bias_frozen = true;
    const double p[] = {0.15, 0.25, 0.20, 0.30, 0.1, 0.1, 0.40, 0.50, 0.45, 0.55, 0.2, 0.2};
    return mk_net(&sp, p);
}

/* Document 003's 2-3-2 net with shared biases 0.35 and 0.65. */
static net *doc003_net(void)
{
    net_spec sp = tu_spec("2 3 2", NET_ACT_SIGMOID, NET_BIAS_SHARED);
    const double p[] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.35, 0.7, 0.8, 0.9, 0.1, 0.2, 0.3, 0.65};
    return mk_net(&sp, p);
}

/* Document 004's 2-2-2-1 identity net without biases, mse loss. */
static net *doc004_net(void)
{
    net_spec sp = tu_spec("2 2 2 1", NET_ACT_IDENTITY, NET_BIAS_NONE);
    sp.loss = NET_LOSS_MSE;
    const double p[] = {0.1, -0.2, 0.3, 0.4, 0.5, 0.6, -0.7, 0.8, 0.9, -1.0};
    return mk_net(&sp, p);
}

/* A random net (random params in [-1, 1)). */
static net *random_net(rng *r, int maxlayers, int maxwidth)
{
    net_spec sp;
    tu_random_spec(r, maxlayers, maxwidth, -1, -1, -1, &sp);
    err e;
    net *n = net_new(&sp, &e);
    assert_non_null(n);
    for (int i = 0; i < n->nparams; i++)
        n->params[i] = tu_uniform(r, -1, 1);
    return n;
}

/* nsamples random samples for n, the first ntrain of them training. */
static void random_data(rng *r, const net *n, int nsamples, int ntrain, data_set *d)
{
    memset(d, 0, sizeof *d);
    d->nin = n->spec.size[0];
    d->nout = n->spec.size[n->spec.nlayers - 1];
    err e;
    for (int i = 0; i < nsamples; i++) {
        double x[MAXU], t[MAXU];
        for (int k = 0; k < d->nin; k++)
            x[k] = tu_uniform(r, -1, 1);
        for (int j = 0; j < d->nout; j++)
            t[j] = tu_uniform(r, 0, 1);
        assert_true(data_append(d, x, t, &e));
    }
    d->ntrain = ntrain;
}

static void one_sample(data_set *d, int nin, int nout, const double *x, const double *t)
{
    memset(d, 0, sizeof *d);
    d->nin = nin;
    d->nout = nout;
    err e;
    assert_true(data_append(d, x, t, &e));
    d->ntrain = 1;
}

static stepper *mk_stepper(const net *n, const data_set *d, const net_hyper *h)
{
    err e;
    err_clear(&e);
    stepper *s = stepper_new(n, d, h, &e);
    if (!s)
        fail_msg("stepper_new: %s", e.msg);
    return s;
}

static const net_hyper H_PLAIN = {.eta_w = 0.5, .eta_b = 0.5};
static const net_hyper H_MOM = {.eta_w = 0.3, .eta_b = 0.1, .momentum = 0.9};
static const net_hyper H_ADAPT = {.eta_w = 0.8, .eta_b = 0.4, .momentum = 0.5, .adaptive = true,
                                  .lr_inc = 1.05, .lr_dec = 0.7, .max_ratio = 1.04};

/* ---- the direct computation --------------------------------------------- */

/* SGD run with net_* directly, in the order stepper.h describes: sample
 * k % ntrain at iteration k; adaptive rule after each epoch on the mean loss
 * over the training samples. */
typedef struct direct {
    net *n;
    net_hyper h;
    double eloss;
    const data_set *d;
    int ntrain;
    long k;
} direct;

static double direct_mean_loss(direct *dr)
{
    double sum = 0.0;
    for (int i = 0; i < dr->ntrain; i++)
        sum += net_eval_sample(dr->n, dr->d->x + (size_t)i * dr->d->nin, dr->d->t + (size_t)i * dr->d->nout);
    return sum / dr->ntrain;
}

static void direct_init(direct *dr, const net *init, const data_set *d, const net_hyper *h)
{
    dr->n = net_clone(init);
    memset(dr->n->vel, 0, sizeof(double) * (size_t)init->nparams);
    dr->h = *h;
    dr->d = d;
    dr->ntrain = d->ntrain > 0 && d->ntrain <= d->n ? d->ntrain : d->n;
    dr->k = 0;
    dr->eloss = h->adaptive ? direct_mean_loss(dr) : 0.0;
}

static const double *direct_x(const direct *dr) { return dr->d->x + (size_t)(dr->k % dr->ntrain) * dr->d->nin; }
static const double *direct_t(const direct *dr) { return dr->d->t + (size_t)(dr->k % dr->ntrain) * dr->d->nout; }

static void direct_step(direct *dr)
{
    net_train_sample(dr->n, direct_x(dr), direct_t(dr), &dr->h);
    if (dr->h.adaptive && (dr->k + 1) % dr->ntrain == 0) {
        double now = direct_mean_loss(dr);
        net_hyper_adapt(&dr->h, dr->eloss, now);
        dr->eloss = now;
    }
    dr->k++;
}

/* ---- snapshots of the view ------------------------------------------------- */

typedef struct snap {
    long it;
    int pos, count, sample;
    double eta_w, eta_b;
    double params[MAXP], grad[MAXP], vel[MAXP];
    double z[MAXU], a[MAXU], delta[MAXU], err_terms[MAXU];
    bool known[3 * MAXU + 2 * MAXP];
    bool loss_known;
    double loss;
    double x[MAXU], t[MAXU];
} snap;

static void take(const stepper *s, snap *o)
{
    memset(o, 0, sizeof *o); /* padding too, so memcmp compares values only */
    const step_view *v = stepper_view(s);
    const net *n = v->net;
    const int np = n->nparams, nu = n->nunits, L = n->spec.nlayers - 1;
    assert_true(np <= MAXP && nu <= MAXU);
    o->it = stepper_iteration(s);
    o->pos = stepper_pos(s);
    o->count = stepper_count(s);
    o->sample = stepper_sample(s);
    o->eta_w = stepper_hyper(s)->eta_w;
    o->eta_b = stepper_hyper(s)->eta_b;
    /* Values the flags call unknown are unspecified (stepper.h): left 0 here. */
    memcpy(o->params, n->params, sizeof(double) * (size_t)np);
    for (int i = 0; i < np; i++)
        o->grad[i] = v->g_known[i] ? stepper_grad(s, i) : 0.0;
    memcpy(o->vel, n->vel, sizeof(double) * (size_t)np);
    for (int l = 0, u = 0; l <= L; l++)
        for (int j = 0; j < n->spec.size[l]; j++, u++) {
            o->z[u] = v->z_known[u] ? n->z[l][j] : 0.0;
            o->a[u] = v->a_known[u] ? n->a[l][j] : 0.0;
            o->delta[u] = v->d_known[u] ? n->delta[l][j] : 0.0;
        }
    for (int j = 0; j < n->spec.size[L]; j++)
        o->err_terms[j] = v->e_known[j] ? n->err_terms[j] : 0.0;
    memcpy(o->known, v->z_known, sizeof(bool) * (size_t)nu);
    memcpy(o->known + nu, v->a_known, sizeof(bool) * (size_t)nu);
    memcpy(o->known + 2 * nu, v->d_known, sizeof(bool) * (size_t)nu);
    memcpy(o->known + 3 * nu, v->g_known, sizeof(bool) * (size_t)np);
    memcpy(o->known + 3 * nu + np, v->p_changed, sizeof(bool) * (size_t)np);
    o->loss_known = v->loss_known;
    o->loss = v->loss;
    memcpy(o->x, v->x, sizeof(double) * (size_t)n->spec.size[0]);
    memcpy(o->t, v->t, sizeof(double) * (size_t)n->spec.size[L]);
}

/* Fails naming the first field where two snapshots differ (bit for bit). */
static void same(const snap *a, const snap *b, const char *what)
{
    if (!memcmp(a, b, sizeof *a))
        return;
    const char *field = "?";
#define SNAP_FIELD(f)                                   \
    if (field[0] == '?' && memcmp(&a->f, &b->f, sizeof a->f)) \
        field = #f;
    SNAP_FIELD(it) SNAP_FIELD(pos) SNAP_FIELD(count) SNAP_FIELD(sample) SNAP_FIELD(eta_w) SNAP_FIELD(eta_b)
    SNAP_FIELD(params) SNAP_FIELD(grad) SNAP_FIELD(vel) SNAP_FIELD(z) SNAP_FIELD(a) SNAP_FIELD(delta)
    SNAP_FIELD(err_terms) SNAP_FIELD(known) SNAP_FIELD(loss_known) SNAP_FIELD(loss) SNAP_FIELD(x) SNAP_FIELD(t)
#undef SNAP_FIELD
    fail_msg("%s: the view differs in '%s' (iteration %ld pos %d vs iteration %ld pos %d)", what, field, a->it, a->pos,
             b->it, b->pos);
}

/* Moves a fresh or used stepper to (it, pos) by reset and single steps. */
static void walk_to(stepper *s, long it, int pos)
{
    stepper_reset(s);
    while (stepper_iteration(s) < it)
        assert_true(stepper_next(s));
    while (stepper_pos(s) < pos)
        assert_true(stepper_next(s));
    assert_int_equal(stepper_iteration(s), it);
    assert_int_equal(stepper_pos(s), pos);
}

/* ---- (a) rewind ------------------------------------------------------------- */

/* K events forward then K back restores the view bit for bit, from several
 * starting points, across iteration boundaries. */
static void rewind_check(const net *n, const data_set *d, const net_hyper *h)
{
    stepper *s = mk_stepper(n, d, h);
    const int c = stepper_count(s);
    const int Ks[] = {1, 2, 3, 7, c - 1, c, c + 1, 2 * c + 3, 3 * c};
    const long starts[][2] = {{0, 0}, {0, c / 2}, {1, c - 1}, {2, 0}, {2, c}, {3, 1}};
    static snap before, after, mid, mid2;
    for (size_t si = 0; si < sizeof starts / sizeof *starts; si++) {
        for (size_t ki = 0; ki < sizeof Ks / sizeof *Ks; ki++) {
            const int K = Ks[ki];
            if (K < 1)
                continue;
            walk_to(s, starts[si][0], (int)starts[si][1]);
            take(s, &before);
            for (int i = 0; i < K; i++)
                assert_true(stepper_next(s));
            take(s, &mid);
            for (int i = 0; i < K; i++)
                assert_true(stepper_prev(s));
            take(s, &after);
            char what[96];
            snprintf(what, sizeof what, "%d forward and back from iteration %ld pos %ld", K, starts[si][0], starts[si][1]);
            same(&before, &after, what);
            /* And forward again lands on the same state as the first time. */
            for (int i = 0; i < K; i++)
                assert_true(stepper_next(s));
            take(s, &mid2);
            same(&mid, &mid2, what);
        }
    }
    /* Before the first event of iteration 0 there is nothing to undo. */
    stepper_reset(s);
    take(s, &before);
    assert_false(stepper_prev(s));
    take(s, &after);
    same(&before, &after, "prev at the very start");
    stepper_free(s);
}

static void test_rewind(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 3);
    net *docs[] = {doc000_net(), doc003_net(), doc004_net()};
    for (int i = 0; i < 3; i++) {
        data_set d;
        random_data(&r, docs[i], 3, 3, &d);
        rewind_check(docs[i], &d, i == 0 ? &H_PLAIN : i == 1 ? &H_MOM : &H_ADAPT);
        data_free(&d);
        net_free(docs[i]);
    }
    for (int rep = 0; rep < 12; rep++) {
        net *n = random_net(&r, 5, 5);
        data_set d;
        random_data(&r, n, 2 + rep % 3, 2 + rep % 2, &d);
        rewind_check(n, &d, rep % 3 == 0 ? &H_PLAIN : rep % 3 == 1 ? &H_MOM : &H_ADAPT);
        data_free(&d);
        net_free(n);
    }
}

/* Far back: rewinding over many iterations (past checkpoints kept by a
 * flat-out run) gives the states seen on the way forward. */
static void test_rewind_long(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 4);
    net *n = random_net(&r, 4, 4);
    data_set d;
    random_data(&r, n, 5, 4, &d);
    stepper *s = mk_stepper(n, &d, &H_ADAPT);
    enum { ITS = 13 };
    static snap ends[ITS], back;
    for (int it = 0; it < ITS; it++) {
        assert_true(stepper_finish_iteration(s));
        take(s, &ends[it]);
        if (it + 1 < ITS)
            assert_true(stepper_next(s));
    }
    for (int it = ITS - 1; it >= 0; it--) {
        take(s, &back);
        same(&ends[it], &back, "end of an iteration, reached backwards");
        for (int i = 0; i <= stepper_count(s); i++)
            assert_true(stepper_prev(s) || it == 0);
    }
    /* After a flat-out run, step back into iterations never built as events. */
    err e;
    stepper_reset(s);
    assert_true(stepper_run(s, 40, &e));
    assert_int_equal(stepper_iteration(s), 40);
    for (int i = 0; i < 6 * stepper_count(s) + 3; i++)
        assert_true(stepper_prev(s));
    take(s, &back);
    stepper *t = mk_stepper(n, &d, &H_ADAPT);
    walk_to(t, back.it, back.pos);
    static snap fresh;
    take(t, &fresh);
    same(&fresh, &back, "rewound after a run vs walked there");
    stepper_free(t);
    stepper_free(s);
    data_free(&d);
    net_free(n);
}

/* The view is filled when read: whatever moves came between two reads (single
 * steps, jumps, phase moves, runs, resets), it equals the view of a stepper
 * walked to the same place one step at a time, and so does the cursor's event. */
static void test_view_filled_when_read(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 41);
    static snap got, want;
    int compared = 0, jumps = 0;
    for (int rep = 0; rep < 24; rep++) {
        net *n = random_net(&r, 4, 5);
        data_set d;
        random_data(&r, n, 3 + rep % 3, 2 + rep % 3, &d);
        const net_hyper *h = rep % 3 == 0 ? &H_PLAIN : rep % 3 == 1 ? &H_MOM : &H_ADAPT;
        stepper *s = mk_stepper(n, &d, h);
        const int c = stepper_count(s);
        int upd0 = 0; /* the update phase: [upd0, c) */
        while (stepper_event(s, upd0)->phase != STEP_UPDATE)
            upd0++;
        for (int step = 0; step < 80; step++) {
            const uint64_t op = rng_below(&r, 100);
            err e;
            if (op < 30)
                stepper_next(s);
            else if (op < 50)
                stepper_prev(s);
            else if (op < 60)
                jumps += stepper_goto(s, (int)rng_below(&r, (uint64_t)c + 1));
            else if (op < 70) /* within the update phase, where parameters change one by one */
                jumps += stepper_goto(s, upd0 + 1 + (int)rng_below(&r, (uint64_t)(c - upd0)));
            else if (op < 78)
                stepper_next_phase(s);
            else if (op < 86)
                stepper_prev_phase(s);
            else if (op < 92)
                stepper_finish_iteration(s);
            else if (op < 98)
                assert_true(stepper_run(s, 1 + (long)rng_below(&r, 4), &e));
            else
                stepper_reset(s);
            if (stepper_iteration(s) > 12 || rng_below(&r, 100) >= 40)
                continue; /* most moves are not followed by a read */
            take(s, &got);
            /* A new stepper each time: a used one could share a stale cache's mistake. */
            stepper *t = mk_stepper(n, &d, h);
            walk_to(t, got.it, got.pos);
            take(t, &want);
            same(&want, &got, "read after several moves vs walked there");
            const step_event *a = stepper_current(s), *b = stepper_current(t);
            assert_true(got.pos == 0 ? a == NULL && b == NULL : tu_same_event(a, b));
            stepper_free(t);
            compared++;
        }
        stepper_free(s);
        data_free(&d);
        net_free(n);
    }
    assert_true(compared > 200 && jumps > 50);
}

/* Stepping thousands of iterations keeps dense checkpoints only near the
 * cursor: memory stays bounded, and stepping back far (replaying from a
 * sparse checkpoint) still gives each iteration's parameters to the bit. */
static void test_stepping_memory_bounded(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 42);
    net *n = random_net(&r, 3, 4);
    data_set d;
    random_data(&r, n, 7, 7, &d);
    stepper *s = mk_stepper(n, &d, &H_MOM);
    enum { ITS = 3000, BACK = 700 };
    const int np = n->nparams;
    double *ends = malloc(sizeof(double) * (size_t)np * ITS);
    assert_non_null(ends);
    size_t most = 0;
    for (long it = 0; it < ITS; it++) {
        assert_true(stepper_finish_iteration(s));
        memcpy(ends + (size_t)it * np, stepper_view(s)->net->params, sizeof(double) * (size_t)np);
        const size_t m = stepper_memory(s);
        most = m > most ? m : most;
        if (it + 1 < ITS)
            assert_true(stepper_next(s));
    }
    /* A state is 2 * np + 3 doubles with momentum. A net this small keeps
     * STEPPER_DENSE dense ones: the window of ±STEPPER_DENSE / 2 iterations
     * around the cursor holds one more. Besides them, the recycled buffers and
     * the sparse ones, one per STEPPER_EVERY_MIN iterations (longer than the
     * 7-sample epoch) from iteration 0. */
    const size_t one = (2 * (size_t)np + 3) * sizeof(double);
    const size_t sparse = (ITS - 1) / STEPPER_EVERY_MIN + 1;
    const size_t bound = (STEPPER_DENSE + 1 + STEPPER_POOL(STEPPER_DENSE) + sparse) * one;
    assert_true(most <= bound);
    assert_true(most >= STEPPER_DENSE * one); /* dense ones were kept near the cursor */
    for (long it = ITS - 1; it >= ITS - BACK; it--) {
        assert_int_equal(stepper_iteration(s), it);
        assert_int_equal(stepper_pos(s), stepper_count(s));
        assert_memory_equal(stepper_view(s)->net->params, ends + (size_t)it * np, sizeof(double) * (size_t)np);
        /* Back over the whole iteration into the end of the previous one. */
        assert_true(stepper_goto(s, 0));
        assert_true(stepper_prev(s));
    }
    assert_true(stepper_memory(s) <= bound);
    free(ends);
    stepper_free(s);
    data_free(&d);
    net_free(n);
}

/* ---- (b) events against net_* run directly --------------------------------- */

/* Expected operand list of one event. */
typedef struct opl {
    step_operand v[4 * MAXU + 8];
    int n;
} opl;

static void op(opl *o, step_role role, int l, int j, int k, double value)
{
    o->v[o->n++] = (step_operand){role, l, j, k, value};
}

/* One expected event. */
typedef struct xev {
    step_kind kind;
    step_phase phase;
    int layer, j, k, param;
    double value, old;
    opl ops;
} xev;

/* Checks event e (with the stepper's operand pool) against x. */
static void check_event(const step_event *e, const step_operand *pool, const xev *x, long it, int sample, int idx)
{
    /* EV_LOSS's layer has a test of its own (test_loss_event_layer). */
    const bool layer_ok = e->layer == x->layer || x->kind == EV_LOSS;
    if (e->kind != x->kind || e->phase != x->phase || !layer_ok || e->j != x->j || e->k != x->k ||
        e->param != x->param)
        fail_msg("iteration %ld event %d: kind %d phase %d layer %d j %d k %d param %d; expected kind %d phase %d "
                 "layer %d j %d k %d param %d",
                 it, idx, e->kind, e->phase, e->layer, e->j, e->k, e->param, x->kind, x->phase, x->layer, x->j, x->k,
                 x->param);
    if (memcmp(&e->value, &x->value, sizeof(double)) || memcmp(&e->old, &x->old, sizeof(double)))
        fail_msg("iteration %ld event %d (kind %d layer %d j %d k %d): value %.17g old %.17g, expected %.17g and %.17g",
                 it, idx, e->kind, e->layer, e->j, e->k, e->value, e->old, x->value, x->old);
    assert_int_equal(e->iteration, it);
    assert_int_equal(e->sample, sample);
    if (e->op_count != x->ops.n)
        fail_msg("iteration %ld event %d (kind %d layer %d j %d): %d operands, expected %d", it, idx, e->kind, e->layer,
                 e->j, e->op_count, x->ops.n);
    for (int i = 0; i < x->ops.n; i++) {
        const step_operand *g = &pool[e->op_first + i], *w = &x->ops.v[i];
        if (g->role != w->role || g->layer != w->layer || g->j != w->j || g->k != w->k ||
            memcmp(&g->value, &w->value, sizeof(double)))
            fail_msg("iteration %ld event %d (kind %d layer %d j %d) operand %d: role %d l %d j %d k %d value %.17g; "
                     "expected role %d l %d j %d k %d value %.17g",
                     it, idx, e->kind, e->layer, e->j, i, g->role, g->layer, g->j, g->k, g->value, w->role, w->layer,
                     w->j, w->k, w->value);
    }
}

/* The events stepper.h describes for one iteration of m (forward, loss and
 * backward already run on m, params and velocity as at the iteration's start),
 * with target t and hyper-parameters h. Returns the count. */
static int expected_events(const net *m, const double *t, const net_hyper *h, double E, xev *out)
{
    const net_spec *sp = &m->spec;
    const int L = sp->nlayers - 1;
    int n = 0;
    xev *x;
#define NEW(K, P, L_, J, K_) (x = &out[n++], memset(x, 0, sizeof *x), x->kind = (K), x->phase = (P), x->layer = (L_), \
                             x->j = (J), x->k = (K_), x->param = -1)
    for (int l = 1; l <= L; l++) {
        const int nin = sp->size[l - 1], nb = tu_nbias(sp, l);
        for (int j = 0; j < sp->size[l]; j++) {
            NEW(EV_Z, STEP_FORWARD, l, j, 0);
            x->value = m->z[l][j];
            for (int k = 0; k < nin; k++) {
                op(&x->ops, OP_W, l, j, k, m->params[tu_woff(sp, l) + j * nin + k]);
                op(&x->ops, l == 1 ? OP_X : OP_A, l - 1, k, 0, m->a[l - 1][k]);
            }
            if (nb)
                op(&x->ops, OP_B, l, nb == 1 ? 0 : j, 0, m->params[tu_woff(sp, l) + sp->size[l] * nin + (nb == 1 ? 0 : j)]);
            NEW(EV_A, STEP_FORWARD, l, j, 0);
            x->value = m->a[l][j];
            op(&x->ops, OP_Z, l, j, 0, m->z[l][j]);
        }
    }
    for (int j = 0; j < sp->size[L]; j++) {
        NEW(EV_ERR, STEP_LOSS, L, j, 0);
        x->value = m->err_terms[j];
        op(&x->ops, OP_T, L, j, 0, t[j]);
        op(&x->ops, OP_A, L, j, 0, m->a[L][j]);
    }
    NEW(EV_LOSS, STEP_LOSS, 0, 0, 0); /* stepper.h: layer 0 for EV_LOSS */
    x->value = E;
    for (int j = 0; j < sp->size[L]; j++)
        op(&x->ops, OP_ERR, L, j, 0, m->err_terms[j]);
    for (int l = L; l >= 1; l--) {
        const net_layer_spec *ls = &sp->layer[l];
        for (int j = 0; j < sp->size[l]; j++) {
            NEW(EV_DELTA, STEP_DELTA, l, j, 0);
            x->value = m->delta[l][j];
            if (l == L) {
                op(&x->ops, OP_A, l, j, 0, m->a[l][j]);
                op(&x->ops, OP_T, l, j, 0, t[j]);
                op(&x->ops, OP_DEDA, l, j, 0, m->dE_da[j]);
            } else {
                for (int q = 0; q < sp->size[l + 1]; q++) {
                    op(&x->ops, OP_W, l + 1, q, j, m->params[tu_woff(sp, l + 1) + q * sp->size[l] + j]);
                    op(&x->ops, OP_DELTA, l + 1, q, 0, m->delta[l + 1][q]);
                }
            }
            op(&x->ops, OP_Z, l, j, 0, m->z[l][j]);
            op(&x->ops, OP_A, l, j, 0, m->a[l][j]);
            op(&x->ops, OP_DFDZ, l, j, 0, net_act_df(ls->act, ls->act_a, ls->act_b, m->z[l][j], m->a[l][j]));
        }
    }
    for (int l = L; l >= 1; l--) {
        const int nin = sp->size[l - 1], nb = tu_nbias(sp, l), off = tu_woff(sp, l);
        for (int j = 0; j < sp->size[l]; j++)
            for (int k = 0; k < nin; k++) {
                NEW(EV_GRAD_W, STEP_GRADIENT, l, j, k);
                x->param = off + j * nin + k;
                x->value = m->grad[x->param];
                op(&x->ops, OP_DELTA, l, j, 0, m->delta[l][j]);
                op(&x->ops, l == 1 ? OP_X : OP_A, l - 1, k, 0, m->a[l - 1][k]);
            }
        for (int j = 0; j < nb; j++) {
            NEW(EV_GRAD_B, STEP_GRADIENT, l, j, 0);
            x->param = off + sp->size[l] * nin + j;
            x->value = m->grad[x->param];
            if (nb == 1)
                for (int q = 0; q < sp->size[l]; q++)
                    op(&x->ops, OP_DELTA, l, q, 0, m->delta[l][q]);
            else
                op(&x->ops, OP_DELTA, l, j, 0, m->delta[l][j]);
        }
    }
    for (int l = L; l >= 1; l--) {
        const int nin = sp->size[l - 1], nb = tu_nbias(sp, l), off = tu_woff(sp, l);
        for (int q = 0; q < sp->size[l] * nin + (sp->layer[l].bias_frozen ? 0 : nb); q++) {
            const bool bias = q >= sp->size[l] * nin;
            const int j = bias ? q - sp->size[l] * nin : q / nin, k = bias ? 0 : q % nin, pi = off + q;
            const double eta = bias ? h->eta_b : h->eta_w, p = m->params[pi], g = m->grad[pi];
            NEW(bias ? EV_UPD_B : EV_UPD_W, STEP_UPDATE, l, j, k);
            x->param = pi;
            x->old = p;
            x->value = h->momentum != 0.0 ? p + (h->momentum * m->vel[pi] - eta * g) : p - eta * g;
            op(&x->ops, bias ? OP_B : OP_W, l, j, k, p);
            op(&x->ops, OP_ETA, l, j, k, eta);
            op(&x->ops, OP_GRAD, l, j, k, g);
            if (h->momentum != 0.0) {
                op(&x->ops, OP_MOM, l, j, k, h->momentum);
                op(&x->ops, OP_VEL, l, j, k, m->vel[pi]);
            }
        }
    }
#undef NEW
    return n;
}

/* Iterations 0..iters-1: the events equal the direct computation, the view at
 * the end equals the updated network. */
static void events_check(const net *n, const data_set *d, const net_hyper *h, int iters)
{
    stepper *s = mk_stepper(n, d, h);
    direct dr;
    direct_init(&dr, n, d, h);
    const net_spec *sp = &n->spec;
    static xev want[4 * MAXP + 4 * MAXU];
    for (int it = 0; it < iters; it++) {
        if (it > 0)
            assert_true(stepper_next(s));
        assert_int_equal(stepper_iteration(s), it);
        assert_int_equal(stepper_pos(s), 0);
        assert_int_equal(stepper_sample(s), (int)(it % dr.ntrain));
        const double *p0 = stepper_params_at(s, it);
        assert_non_null(p0);
        assert_memory_equal(p0, dr.n->params, sizeof(double) * (size_t)n->nparams);
        assert_memory_equal(stepper_view(s)->net->params, dr.n->params, sizeof(double) * (size_t)n->nparams);
        assert_true(stepper_hyper(s)->eta_w == dr.h.eta_w && stepper_hyper(s)->eta_b == dr.h.eta_b);

        net *m = net_clone(dr.n);
        net_forward(m, direct_x(&dr));
        const double E = net_loss_eval(m, direct_t(&dr));
        net_backward(m);
        const int cnt = expected_events(m, direct_t(&dr), &dr.h, E, want);
        assert_int_equal(stepper_count(s), cnt);
        const step_event *ev = tu_events(s);
        for (int i = 0; i < cnt; i++)
            check_event(&ev[i], tu_events_ops(), &want[i], it, (int)(it % dr.ntrain), i);
        /* The phases: in order, with the sizes stepper.h implies. */
        int per[STEP_PHASE_COUNT] = {0}, units = 0, frozen = 0;
        for (int i = 0; i < cnt; i++) {
            per[ev[i].phase]++;
            if (i > 0)
                assert_true(ev[i].phase >= ev[i - 1].phase);
        }
        for (int l = 1; l < sp->nlayers; l++) {
            units += sp->size[l];
            frozen += sp->layer[l].bias_frozen ? tu_nbias(sp, l) : 0;
        }
        assert_int_equal(per[STEP_FORWARD], 2 * units);
        assert_int_equal(per[STEP_LOSS], sp->size[sp->nlayers - 1] + 1);
        assert_int_equal(per[STEP_DELTA], units);
        assert_int_equal(per[STEP_GRADIENT], tu_nparams(sp));
        assert_int_equal(per[STEP_UPDATE], tu_nparams(sp) - frozen);

        /* Step through: the current event and the view follow. */
        for (int i = 0; i < cnt; i++) {
            assert_true(stepper_next(s));
            assert_true(tu_same_event(stepper_current(s), stepper_event(s, i)));
        }
        const step_view *v = stepper_view(s);
        direct_step(&dr);
        assert_memory_equal(v->net->params, dr.n->params, sizeof(double) * (size_t)n->nparams);
        assert_null(v->net->grad); /* gradients come from stepper_grad() */
        for (int i = 0; i < n->nparams; i++) {
            const double g = stepper_grad(s, i);
            assert_true(v->g_known[i]);
            assert_memory_equal(&g, &m->grad[i], sizeof g);
        }
        assert_true(v->loss_known);
        assert_true(v->loss == E);
        for (int l = 1; l < sp->nlayers; l++)
            for (int j = 0; j < sp->size[l]; j++) {
                const int u = stepper_unit(s, l, j);
                assert_true(v->z_known[u] && v->a_known[u] && v->d_known[u]);
                assert_true(v->net->z[l][j] == m->z[l][j] && v->net->a[l][j] == m->a[l][j] &&
                            v->net->delta[l][j] == m->delta[l][j]);
            }
        for (int i = 0; i < n->nparams; i++) {
            assert_true(v->g_known[i]);
            assert_true(v->p_changed[i] == !net_param_frozen(n, i));
        }
        net_free(m);
    }
    stepper_free(s);
    net_free(dr.n);
}

static void test_events_match_direct(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 8);
    net *docs[] = {doc000_net(), doc003_net(), doc004_net()};
    const net_hyper *hs[] = {&H_PLAIN, &H_MOM, &H_ADAPT};
    for (int i = 0; i < 3; i++)
        for (int hi = 0; hi < 3; hi++) {
            data_set d;
            random_data(&r, docs[i], 3, 2, &d);
            events_check(docs[i], &d, hs[hi], 7);
            data_free(&d);
        }
    for (int i = 0; i < 3; i++)
        net_free(docs[i]);
    for (int rep = 0; rep < 30; rep++) {
        net *n = random_net(&r, 5, 6);
        data_set d;
        random_data(&r, n, 4, 3, &d);
        events_check(n, &d, hs[rep % 3], 5);
        data_free(&d);
        net_free(n);
    }
}

/* stepper.h: an EV_LOSS event has layer 0 (it belongs to no neuron). */
static void test_loss_event_layer(void **state)
{
    (void)state;
    net *n = doc000_net();
    const double x[] = {0.05, 0.10}, t[] = {0, 1};
    data_set d;
    one_sample(&d, 2, 2, x, t);
    stepper *s = mk_stepper(n, &d, &H_PLAIN);
    int seen = 0;
    for (int i = 0; i < stepper_count(s); i++) {
        const step_event *e = stepper_event(s, i);
        if (e->kind != EV_LOSS)
            continue;
        seen++;
        assert_int_equal(e->j, 0);
        assert_int_equal(e->k, 0);
        assert_int_equal(e->layer, 2); /* the output layer, as stepper.h says */
    }
    assert_int_equal(seen, 1);
    stepper_free(s);
    data_free(&d);
    net_free(n);
}

/* The view at each position knows exactly what the events so far computed. */
static void test_view_known(void **state)
{
    (void)state;
    net *n = doc000_net();
    const double x[] = {0.05, 0.10}, t[] = {0, 1};
    data_set d;
    one_sample(&d, 2, 2, x, t);
    stepper *s = mk_stepper(n, &d, &H_PLAIN);
    const step_view *v = stepper_view(s);
    assert_null(stepper_current(s));
    assert_false(v->loss_known);
    for (int j = 0; j < 2; j++) {
        assert_true(v->z_known[stepper_unit(s, 0, j)] && v->a_known[stepper_unit(s, 0, j)]); /* inputs */
        assert_true(v->x[j] == x[j] && v->t[j] == t[j]);
    }
    const int cnt = stepper_count(s);
    assert_int_equal(cnt, 35); /* 8 forward, 3 loss, 4 delta, 12 gradients, 8 updates (frozen biases) */
    bool z[8] = {0}, a[8] = {0}, dk[8] = {0}, g[12] = {0}, pc[12] = {0};
    double newv[12] = {0};
    bool loss = false;
    for (int i = 0; i < cnt; i++) {
        assert_true(stepper_next(s));
        v = stepper_view(s);
        const step_event *e = stepper_current(s);
        const int u = e->kind == EV_LOSS || e->kind == EV_ERR ? -1 : stepper_unit(s, e->layer, e->j);
        switch (e->kind) {
        case EV_Z: z[u] = true; break;
        case EV_A: a[u] = true; break;
        case EV_DELTA: dk[u] = true; break;
        case EV_LOSS: loss = true; break;
        case EV_GRAD_W:
        case EV_GRAD_B: g[e->param] = true; break;
        case EV_UPD_W:
        case EV_UPD_B:
            pc[e->param] = true;
            newv[e->param] = e->value;
            break;
        default: break;
        }
        for (int q = 2; q < 6; q++) {
            assert_true(v->z_known[q] == z[q]);
            assert_true(v->a_known[q] == a[q]);
            assert_true(v->d_known[q] == dk[q]);
        }
        for (int q = 0; q < 12; q++) {
            assert_true(v->g_known[q] == g[q]);
            assert_true(v->p_changed[q] == pc[q]);
            /* Parameters change exactly when their update event has been applied. */
            assert_true(v->net->params[q] == (pc[q] ? newv[q] : n->params[q]));
        }
        assert_true(v->loss_known == loss);
    }
    /* Document 000: net_11 = 0.1325 and the frozen biases stay 0.1 and 0.2. */
    assert_close(stepper_event(s, 0)->value, 0.1325, 1e-15);
    assert_true(v->net->params[4] == 0.1 && v->net->params[11] == 0.2);
    stepper_free(s);
    data_free(&d);
    net_free(n);
}

/* ---- (c) flat-out runs -------------------------------------------------------- */

/* Both views of "after N iterations": stepper_run and net_train_sample N times. */
static void run_check(const net *n, const data_set *d, const net_hyper *h, long N)
{
    direct dr;
    direct_init(&dr, n, d, h);
    for (long i = 0; i < N; i++)
        direct_step(&dr);
    err e;
    /* stepper.h: stepper_run runs from the end of the current iteration, so
     * after finishing iteration 0, N-1 more make N. */
    stepper *s = mk_stepper(n, d, h);
    assert_true(stepper_finish_iteration(s));
    if (!stepper_run(s, N - 1, &e))
        fail_msg("stepper_run: %s", e.msg);
    assert_int_equal(stepper_iteration(s), N - 1);
    assert_int_equal(stepper_pos(s), stepper_count(s));
    assert_memory_equal(stepper_view(s)->net->params, dr.n->params, sizeof(double) * (size_t)n->nparams);
    /* The next iteration starts from those parameters with the adapted rates
     * and the velocities (its end depends on them under momentum). */
    assert_true(stepper_next(s));
    assert_memory_equal(stepper_params_at(s, N), dr.n->params, sizeof(double) * (size_t)n->nparams);
    assert_true(stepper_hyper(s)->eta_w == dr.h.eta_w && stepper_hyper(s)->eta_b == dr.h.eta_b);
    assert_true(stepper_finish_iteration(s));
    direct_step(&dr);
    assert_memory_equal(stepper_view(s)->net->params, dr.n->params, sizeof(double) * (size_t)n->nparams);
    stepper_free(s);

    net_free(dr.n);
    direct_init(&dr, n, d, h);
    for (long i = 0; i < N; i++)
        direct_step(&dr);
    /* From position 0 of iteration 0 the current iteration counts as done too
     * (a run of 0 iterations does not move at all). */
    s = mk_stepper(n, d, h);
    assert_true(stepper_run(s, N - 1, &e));
    if (N > 1)
        assert_memory_equal(stepper_view(s)->net->params, dr.n->params, sizeof(double) * (size_t)n->nparams);
    else
        assert_int_equal(stepper_pos(s), 0);
    /* And in pieces, from the middle of an iteration. */
    stepper_free(s);
    s = mk_stepper(n, d, h);
    long done = 1;
    assert_true(stepper_goto(s, stepper_count(s) / 2));
    while (done < N) {
        long chunk = (done * 7 + 3) % 5 + 1;
        if (chunk > N - done)
            chunk = N - done;
        assert_true(stepper_run(s, chunk, &e));
        done += chunk;
        assert_true(stepper_goto(s, done % 3)); /* the cursor position within the iteration does not matter */
    }
    assert_true(stepper_finish_iteration(s));
    assert_int_equal(stepper_iteration(s), N - 1);
    assert_memory_equal(stepper_view(s)->net->params, dr.n->params, sizeof(double) * (size_t)n->nparams);
    stepper_free(s);
    net_free(dr.n);
}

/* Trainer epochs (sgd mode) = stepper iterations = direct SGD. */
static void trainer_check(const net *n, const data_set *d, const net_hyper *h, int epochs)
{
    err e;
    trainer *tr = train_new(n, d, h, TRAIN_MODE_SGD, &e);
    assert_non_null(tr);
    train_point p;
    for (int ep = 0; ep < epochs; ep++)
        if (!train_epoch(tr, &p, &e))
            fail_msg("train_epoch: %s", e.msg);
    const int ntrain = d->ntrain;
    direct dr;
    direct_init(&dr, n, d, h);
    for (long i = 0; i < (long)epochs * ntrain; i++)
        direct_step(&dr);
    assert_memory_equal(tr->n->params, dr.n->params, sizeof(double) * (size_t)n->nparams);
    assert_true(tr->hyper.eta_w == dr.h.eta_w && tr->hyper.eta_b == dr.h.eta_b);
    stepper *s = mk_stepper(n, d, h);
    assert_true(stepper_finish_iteration(s));
    assert_true(stepper_run(s, (long)epochs * ntrain - 1, &e));
    assert_memory_equal(stepper_view(s)->net->params, tr->n->params, sizeof(double) * (size_t)n->nparams);
    assert_true(stepper_next(s));
    assert_true(stepper_hyper(s)->eta_w == tr->hyper.eta_w && stepper_hyper(s)->eta_b == tr->hyper.eta_b);
    if (h->adaptive)
        assert_true(tr->hyper.eta_w != h->eta_w); /* the rule did act */
    stepper_free(s);
    train_free(tr);
    net_free(dr.n);
}

static void test_run_matches_direct_and_trainer(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 9);
    const net_hyper *hs[] = {&H_PLAIN, &H_MOM, &H_ADAPT};
    /* The linear doc004 net diverges under H_ADAPT's rates; a gentler adaptive run. */
    const net_hyper h_linear = {.eta_w = 0.05, .eta_b = 0.05, .momentum = 0.5, .adaptive = true, .lr_inc = 1.05,
                                .lr_dec = 0.7, .max_ratio = 1.04};
    const net_hyper h_fast = {.eta_w = 2.0, .eta_b = 2.0, .adaptive = true, .lr_inc = 1.1, .lr_dec = 0.5, .max_ratio = 1.01};
    for (int rep = 0; rep < 12; rep++) {
        /* rep 11: doc003's net at a rate fast enough that the rule cuts it too. */
        net *n = rep == 0 ? doc000_net() : rep == 1 || rep == 11 ? doc003_net() : rep == 2 ? doc004_net()
                                                                                    : random_net(&r, 4, 5);
        data_set d;
        random_data(&r, n, 5, 4, &d);
        const net_hyper *h = rep == 11 ? &h_fast : rep == 2 ? &h_linear : hs[rep % 3];
        run_check(n, &d, h, 1 + rep * 7);
        trainer_check(n, &d, h, 1 + rep % 4 * 3);
        data_free(&d);
        net_free(n);
    }
}

/* ---- (d) cursor moves --------------------------------------------------------- */

static void test_phase_moves(void **state)
{
    (void)state;
    net *n = doc000_net();
    const double x[] = {0.05, 0.10}, t[] = {0, 1};
    data_set d;
    one_sample(&d, 2, 2, x, t);
    stepper *s = mk_stepper(n, &d, &H_PLAIN);
    /* Phases of document 000's net: forward 8, loss 3, delta 4, gradient 12, update 8. */
    const int ends[] = {8, 11, 15, 27, 35};
    assert_int_equal(stepper_count(s), 35);
    for (int p = 0; p < 5; p++) {
        assert_true(stepper_next_phase(s));
        assert_int_equal(stepper_iteration(s), 0);
        assert_int_equal(stepper_pos(s), ends[p]);
        assert_int_equal(stepper_current(s)->phase, p);
    }
    /* At the end of the iteration: into the next one, before its first event
     * (prev_phase comes back here: the two are inverse). */
    assert_true(stepper_next_phase(s));
    assert_int_equal(stepper_iteration(s), 1);
    assert_int_equal(stepper_pos(s), 0);
    assert_true(stepper_next_phase(s));
    assert_int_equal(stepper_pos(s), 8);
    /* From inside a phase: to its end. */
    for (int p = 0; p < 5; p++) {
        const int from = p ? ends[p - 1] + 1 : 1;
        assert_true(stepper_goto(s, from));
        assert_true(stepper_next_phase(s));
        assert_int_equal(stepper_pos(s), ends[p]);
    }
    /* prev_phase: to the end of the phase before the current event's. */
    const int inside[] = {5, 9, 13, 20, 30};
    for (int p = 4; p >= 0; p--) {
        assert_true(stepper_goto(s, ends[p]));
        assert_true(stepper_prev_phase(s));
        assert_int_equal(stepper_pos(s), p ? ends[p - 1] : 0);
        assert_true(stepper_goto(s, inside[p]));
        assert_true(stepper_prev_phase(s));
        assert_int_equal(stepper_pos(s), p ? ends[p - 1] : 0);
    }
    assert_int_equal(stepper_iteration(s), 1);
    assert_true(stepper_prev_phase(s)); /* from position 0: the end of the iteration before */
    assert_int_equal(stepper_iteration(s), 0);
    assert_int_equal(stepper_pos(s), 35);
    static snap a, b;
    assert_true(stepper_goto(s, 0));
    take(s, &a);
    assert_false(stepper_prev_phase(s)); /* nothing before iteration 0 */
    take(s, &b);
    same(&a, &b, "prev_phase at the start");

    /* finish_iteration: to the end; at the end, to the end of the next. */
    assert_true(stepper_goto(s, 4));
    assert_true(stepper_finish_iteration(s));
    assert_int_equal(stepper_iteration(s), 0);
    assert_int_equal(stepper_pos(s), 35);
    assert_true(stepper_finish_iteration(s));
    assert_int_equal(stepper_iteration(s), 1);
    assert_int_equal(stepper_pos(s), 35);

    /* goto: 0..count, anything else refused without moving. */
    take(s, &a);
    assert_false(stepper_goto(s, -1));
    assert_false(stepper_goto(s, 36));
    take(s, &b);
    same(&a, &b, "refused goto");
    assert_true(stepper_goto(s, 0));
    assert_null(stepper_current(s));
    assert_true(stepper_goto(s, 35));
    assert_true(tu_same_event(stepper_current(s), stepper_event(s, 34)));
    assert_int_equal(stepper_iteration(s), 1);

    /* goto matches single steps. */
    for (int p = 0; p <= 35; p += 5) {
        walk_to(s, 1, p);
        take(s, &a);
        assert_true(stepper_goto(s, 35));
        assert_true(stepper_goto(s, p));
        take(s, &b);
        same(&a, &b, "goto vs steps");
    }

    /* reset: iteration 0, position 0, the initial weights. */
    assert_true(stepper_finish_iteration(s));
    assert_true(stepper_finish_iteration(s));
    assert_int_equal(stepper_iteration(s), 3);
    stepper_reset(s);
    assert_int_equal(stepper_iteration(s), 0);
    assert_int_equal(stepper_pos(s), 0);
    assert_memory_equal(stepper_view(s)->net->params, n->params, sizeof(double) * 12);
    assert_memory_equal(stepper_params_at(s, 0), n->params, sizeof(double) * 12);
    stepper *fresh = mk_stepper(n, &d, &H_PLAIN);
    take(s, &a);
    take(fresh, &b);
    same(&b, &a, "reset vs new");
    stepper_free(fresh);
    stepper_free(s);
    data_free(&d);
    net_free(n);
}

/* Samples cycle over the training part only; creation errors. */
static void test_samples_and_errors(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 10);
    net *n = doc003_net();
    data_set d;
    random_data(&r, n, 5, 3, &d);
    stepper *s = mk_stepper(n, &d, &H_PLAIN);
    for (int it = 0; it < 8; it++) {
        assert_int_equal(stepper_sample(s), it % 3);
        assert_true(stepper_finish_iteration(s));
        const step_view *v = stepper_view(s);
        assert_memory_equal(v->x, d.x + (it % 3) * 2, sizeof(double) * 2);
        assert_memory_equal(v->t, d.t + (it % 3) * 2, sizeof(double) * 2);
        assert_int_equal(stepper_event(s, 0)->sample, it % 3);
        assert_true(stepper_next(s));
    }
    stepper_free(s);
    err e;
    data_set empty = {.nin = 2, .nout = 2};
    assert_null(stepper_new(n, &empty, &H_PLAIN, &e));
    assert_string_equal(e.msg, "no samples to train on");
    data_set wrong;
    net *n4 = doc004_net();
    random_data(&r, n4, 2, 2, &wrong); /* 2 inputs, 1 target */
    assert_null(stepper_new(n, &wrong, &H_PLAIN, &e));
    assert_non_null(strstr(e.msg, "the network takes 2 and gives 2"));
    data_free(&wrong);
    net_free(n4);
    data_free(&d);
    net_free(n);
}

/* ---- (e) divergence ---------------------------------------------------------- */

/* 1-1 identity net without bias: w <- w (1 - eta x^2); eta = 10, x = 1 gives
 * w -> -9 w, so the loss overflows after about 160 iterations. */
static net *blowup_net(double w)
{
    const net_spec sp = tu_spec("1 1", NET_ACT_IDENTITY, NET_BIAS_NONE);
    return mk_net(&sp, &w);
}

/* The first iteration whose loss or updated parameters are not finite. */
static long first_bad(const net *n, const data_set *d, const net_hyper *h)
{
    direct dr;
    direct_init(&dr, n, d, h);
    long k;
    for (k = 0; k < 100000; k++) {
        double E = net_eval_sample(dr.n, direct_x(&dr), direct_t(&dr));
        direct_step(&dr);
        if (!isfinite(E) || !net_params_finite(dr.n))
            break;
    }
    net_free(dr.n);
    return k;
}

/* stepper_run stops with a message naming the iteration and the cursor at the
 * end of the last iteration whose loss and parameters are finite. */
static void diverge_check(const net *n, const data_set *d, const net_hyper *h, long run)
{
    const long bad = first_bad(n, d, h);
    assert_true(bad < 100000);
    stepper *s = mk_stepper(n, d, h);
    err e;
    err_clear(&e);
    assert_false(stepper_run(s, run, &e));
    if (!strstr(e.msg, "diverged"))
        fail_msg("message without 'diverged': %s", e.msg);
    char at[64];
    snprintf(at, sizeof at, "at iteration %ld", bad + 1);
    if (!strstr(e.msg, at))
        fail_msg("message '%s' does not say '%s'", e.msg, at);
    const step_view *v = stepper_view(s);
    if (!net_params_finite(v->net))
        fail_msg("after divergence in iteration %ld the view shows non-finite parameters (iteration %ld pos %d)", bad,
                 stepper_iteration(s), stepper_pos(s));
    if (bad > 0) {
        if (stepper_iteration(s) != bad - 1)
            fail_msg("run of %ld: the loss or parameters stop being finite in iteration %ld (0-based), so the cursor "
                     "belongs at the end of iteration %ld; it is at iteration %ld pos %d of %d",
                     run, bad, bad - 1, stepper_iteration(s), stepper_pos(s), stepper_count(s));
        assert_int_equal(stepper_pos(s), stepper_count(s));
        assert_true(isfinite(v->loss));
    } else {
        assert_int_equal(stepper_iteration(s), 0);
        assert_int_equal(stepper_pos(s), 0);
        assert_memory_equal(v->net->params, n->params, sizeof(double) * (size_t)n->nparams);
    }
    stepper_free(s);
}

static void test_divergence(void **state)
{
    (void)state;
    data_set d;
    const double x = 1.0, t = 0.0;
    one_sample(&d, 1, 1, &x, &t);
    const net_hyper big = {.eta_w = 10, .eta_b = 10};
    net *n = blowup_net(1.0);
    const long bad = first_bad(n, &d, &big);
    assert_true(bad > 100 && bad < 400);
    diverge_check(n, &d, &big, 1000); /* detected in the flat-out loop */
    net_free(n);
    data_free(&d);

    /* A relu hidden layer feeding an identity output, learning rate 1e100. */
    net_spec sp = tu_spec("2 3 1", NET_ACT_SIGMOID, NET_BIAS_NEURON);
    sp.layer[1].act = NET_ACT_RELU;
    sp.layer[2].act = NET_ACT_IDENTITY;
    const double p[] = {0.5, 0.4, 0.3, 0.6, 0.2, 0.7, 0.1, 0.1, 0.1, 0.9, 0.8, 0.7, 0.3};
    net *rn = mk_net(&sp, p);
    const double xs[] = {1.0, 2.0}, ts[] = {-50.0};
    one_sample(&d, 2, 1, xs, ts);
    const net_hyper huge = {.eta_w = 1e100, .eta_b = 1e100};
    diverge_check(rn, &d, &huge, 50);
    net_free(rn);
    data_free(&d);
}

/* The loss first overflows in the very iteration the run ends on. */
static void test_divergence_on_last_iteration(void **state)
{
    (void)state;
    data_set d;
    const double x = 1.0, t = 0.0;
    one_sample(&d, 1, 1, &x, &t);
    const net_hyper big = {.eta_w = 10, .eta_b = 10};
    net *n = blowup_net(1.0);
    diverge_check(n, &d, &big, first_bad(n, &d, &big));
    net_free(n);
    data_free(&d);
}

/* The very first update overflows: the last finite state is the start. */
static void test_divergence_first_iteration(void **state)
{
    (void)state;
    data_set d;
    const double x = 1.0, t = 0.0;
    one_sample(&d, 1, 1, &x, &t);
    const net_hyper h = {.eta_w = 1e300, .eta_b = 1e300};
    net *n = blowup_net(1e10); /* gradient 1e10: the step is 1e310 */
    assert_int_equal(first_bad(n, &d, &h), 0);
    diverge_check(n, &d, &h, 5);
    net_free(n);
    data_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rewind),
        cmocka_unit_test(test_rewind_long),
        cmocka_unit_test(test_view_filled_when_read),
        cmocka_unit_test(test_stepping_memory_bounded),
        cmocka_unit_test(test_events_match_direct),
        cmocka_unit_test(test_loss_event_layer),
        cmocka_unit_test(test_view_known),
        cmocka_unit_test(test_run_matches_direct_and_trainer),
        cmocka_unit_test(test_phase_moves),
        cmocka_unit_test(test_samples_and_errors),
        cmocka_unit_test(test_divergence),
        cmocka_unit_test(test_divergence_on_last_iteration),
        cmocka_unit_test(test_divergence_first_iteration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
