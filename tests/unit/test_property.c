/* test_property.c - 2000 random scenarios written as text: they parse to exactly the numbers written, their gradients pass a finite-difference check, and random cursor walks rewind exactly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "rng.h"
#include "scenario.h"
#include "stepper.h"
#include "testutil.h"

#define SCENARIOS 2000
#define MAXS 3 /* samples */

/* What a scenario was written from. */
typedef struct model {
    net_spec sp;
    int layout[NET_MAX_LAYERS]; /* 0 to-from, 1 from-to */
    double params[512];         /* net order */
    int np;
    double x[MAXS][8], t[MAXS][8];
    int ns;
    net_hyper h;
    bool eta_bias;
} model;

/* A growing text. */
typedef struct text {
    char s[32768];
    size_t n;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(t->s + t->n, sizeof t->s - t->n, fmt, ap);
    va_end(ap);
    assert_true(w >= 0 && (size_t)w < sizeof t->s - t->n);
    t->n += (size_t)w;
}

/* A parameter value: mostly random doubles, sometimes values whose text is special. */
static double draw_param(rng *r)
{
    static const double special[] = {0.0, -0.0, 1.0, -1.0, 0.1, 1e-300, 5e-324, 0.3333333333333333};
    if (rng_below(r, 20) == 0)
        return special[rng_below(r, sizeof special / sizeof *special)];
    return tu_uniform(r, -1, 1);
}

static const char *sep(rng *r) { return rng_below(r, 4) ? " " : rng_below(r, 2) ? ", " : "   "; }

/* Draws a model and writes it as scenario text. */
static void make(rng *r, model *m, text *t)
{
    memset(m, 0, sizeof *m);
    t->n = 0;
    t->s[0] = '\0';
    tu_random_spec(r, 5, 6, -1, -1, -1, &m->sp);
    const net_spec *sp = &m->sp;
    const int L = sp->nlayers - 1;
    m->np = tu_nparams(sp);
    for (int i = 0; i < m->np; i++)
        m->params[i] = draw_param(r);
    m->ns = 1 + (int)rng_below(r, MAXS);
    for (int s = 0; s < m->ns; s++) {
        /* Multiples of 1/8: short in %.17g, so a sample of 12 values fits in a line. */
        for (int k = 0; k < sp->size[0]; k++)
            m->x[s][k] = (double)((int)rng_below(r, 17) - 8) / 8;
        for (int j = 0; j < sp->size[L]; j++)
            m->t[s][j] = (double)rng_below(r, 9) / 8;
    }
    m->h.eta_w = tu_uniform(r, 0.01, 1);
    m->eta_bias = rng_below(r, 2);
    m->h.eta_b = m->eta_bias ? tu_uniform(r, 0, 1) : m->h.eta_w;
    m->h.momentum = rng_below(r, 2) ? tu_uniform(r, 0, 0.95) : 0.0;
    m->h.adaptive = rng_below(r, 3) == 0;

    put(t, "# random scenario\n[scenario]\ntitle = random %d-layer network\n\n[network]\nlayers =", sp->nlayers);
    for (int l = 0; l < sp->nlayers; l++)
        put(t, " %d", sp->size[l]);
    put(t, "\nloss = %s\n", net_loss_name(sp->loss));
    for (int l = 1; l <= L; l++) {
        const net_layer_spec *ls = &sp->layer[l];
        const int nin = sp->size[l - 1], nout = sp->size[l], off = tu_woff(sp, l), nb = tu_nbias(sp, l);
        m->layout[l] = (int)rng_below(r, 2);
        put(t, "\n[layer %d]%s\n", l, rng_below(r, 3) ? "" : "   # a comment");
        /* The keys in a random order. */
        int order[5] = {0, 1, 2, 3, 4};
        for (int i = 4; i > 0; i--) {
            int j = (int)rng_below(r, (uint64_t)i + 1), tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (int o = 0; o < 5; o++) {
            switch (order[o]) {
            case 0:
                if (ls->act == NET_ACT_GSIGMOID)
                    put(t, "activation = gsigmoid %.17g %.17g\n", ls->act_a, ls->act_b);
                else
                    put(t, "activation = %s\n", net_act_name(ls->act));
                break;
            case 1:
                put(t, "bias = %s\n", net_bias_name(ls->bias));
                if (ls->bias_frozen)
                    put(t, "bias.frozen = yes\n");
                break;
            case 2:
                if (m->layout[l] || rng_below(r, 2))
                    put(t, "layout = %s\n", m->layout[l] ? "from-to" : "to-from");
                break;
            case 3: {
                const int rows = m->layout[l] ? nin : nout, cols = m->layout[l] ? nout : nin;
                put(t, "weights =%s", rng_below(r, 4) ? " " : "\n    ");
                for (int a = 0; a < rows; a++) {
                    if (a)
                        put(t, "\n%s", rng_below(r, 2) ? "          " : "\t");
                    for (int b = 0; b < cols; b++) {
                        const int j = m->layout[l] ? b : a, k = m->layout[l] ? a : b;
                        put(t, "%s%.17g", b ? sep(r) : "", m->params[off + j * nin + k]);
                    }
                }
                put(t, "\n");
                break;
            }
            default:
                if (nb) {
                    put(t, "biases =");
                    for (int j = 0; j < nb; j++)
                        put(t, "%s%.17g", j ? sep(r) : " ", m->params[off + nout * nin + j]);
                    put(t, "\n");
                }
                break;
            }
        }
    }
    put(t, "\n[training]\neta = %.17g\n", m->h.eta_w);
    if (m->eta_bias)
        put(t, "eta.bias = %.17g\n", m->h.eta_b);
    if (m->h.momentum != 0.0)
        put(t, "momentum = %.17g\n", m->h.momentum);
    if (m->h.adaptive)
        put(t, "adaptive = yes\n");
    put(t, "\n[data]\n");
    for (int s = 0; s < m->ns; s++) {
        put(t, "sample =");
        for (int k = 0; k < sp->size[0]; k++)
            put(t, " %.17g", m->x[s][k]);
        put(t, " ->");
        for (int j = 0; j < sp->size[L]; j++)
            put(t, " %.17g", m->t[s][j]);
        put(t, "\n");
    }
}

/* The parsed scenario holds exactly what was written. */
static void same_as_written(const model *m, const scenario *sc, const char *txt)
{
    const net_spec *a = &m->sp, *b = &sc->spec;
    bool ok = a->nlayers == b->nlayers && a->loss == b->loss;
    for (int l = 0; ok && l < a->nlayers; l++)
        ok = a->size[l] == b->size[l];
    for (int l = 1; ok && l < a->nlayers; l++) {
        const net_layer_spec *x = &a->layer[l], *y = &b->layer[l];
        ok = x->act == y->act && x->bias == y->bias && x->bias_frozen == y->bias_frozen && sc->layout[l] == m->layout[l] &&
             (x->act != NET_ACT_GSIGMOID || (x->act_a == y->act_a && x->act_b == y->act_b));
    }
    if (!ok)
        fail_msg("the network's shape differs from the text:\n%s", txt);
    assert_int_equal(sc->init->nparams, m->np);
    for (int i = 0; i < m->np; i++)
        if (memcmp(&sc->init->params[i], &m->params[i], sizeof(double)))
            fail_msg("parameter %d is %.17g, the text says %.17g:\n%s", i, sc->init->params[i], m->params[i], txt);
    assert_true(sc->hyper.eta_w == m->h.eta_w && sc->hyper.eta_b == m->h.eta_b && sc->hyper.momentum == m->h.momentum &&
                sc->hyper.adaptive == m->h.adaptive);
    assert_int_equal(sc->data.n, m->ns);
    for (int s = 0; s < m->ns; s++) {
        assert_memory_equal(sc->data.x + s * a->size[0], m->x[s], sizeof(double) * (size_t)a->size[0]);
        assert_memory_equal(sc->data.t + s * a->size[a->nlayers - 1], m->t[s],
                            sizeof(double) * (size_t)a->size[a->nlayers - 1]);
    }
}

/* Gradient of the parsed net on its first sample against central differences.
 * Returns false when the check was skipped (a relu too near its kink) and
 * sets *live when the gradient is not vanishing. */
static bool grad_ok(const scenario *sc, const char *txt, bool *live)
{
    const double *x = sc->data.x, *t = sc->data.t;
    double margin, fd[512];
    tu_ref_loss(&sc->spec, sc->init->params, x, t, &margin);
    if (margin < 1e-3)
        return false;
    net *n = net_clone(sc->init);
    net_forward(n, x);
    const double E = net_loss_eval(n, t);
    assert_close(E, tu_ref_loss(&sc->spec, n->params, x, t, NULL), 1e-13);
    net_backward(n);
    const double big = tu_fd_grad(n, x, t, 1e-6, fd);
    double gbig = 0.0;
    for (int i = 0; i < n->nparams; i++) {
        if (!tu_grad_agrees(n->grad[i], fd[i], E))
            fail_msg("parameter %d: gradient %.17g, central difference %.17g:\n%s", i, n->grad[i], fd[i], txt);
        gbig = fabs(n->grad[i]) > gbig ? fabs(n->grad[i]) : gbig;
    }
    *live = big > 1e-5 && gbig > 1e-5;
    net_free(n);
    return true;
}

/* ---- random walks -------------------------------------------------------------- */

/* The view serialised: every value and flag the view documents. */
static size_t view_bytes(const stepper *s, unsigned char *out)
{
    const step_view *v = stepper_view(s);
    const net *n = v->net;
    const int np = n->nparams, nu = n->nunits, L = n->spec.nlayers - 1;
    size_t o = 0;
#define ADD(p, bytes) (memcpy(out + o, (p), (bytes)), o += (bytes))
    const long it = stepper_iteration(s);
    const int pos = stepper_pos(s), cnt = stepper_count(s);
    ADD(&it, sizeof it);
    ADD(&pos, sizeof pos);
    ADD(&cnt, sizeof cnt);
    ADD(n->params, sizeof(double) * (size_t)np);
    /* Values the flags call unknown are unspecified (stepper.h): written as 0. */
    const double zero = 0.0;
    for (int i = 0; i < np; i++) {
        const double g = v->g_known[i] ? stepper_grad(s, i) : 0.0;
        ADD(&g, sizeof(double));
    }
    for (int l = 0, u0 = 0; l <= L; u0 += n->spec.size[l], l++) {
        for (int j = 0; j < n->spec.size[l]; j++) {
            ADD(v->z_known[u0 + j] ? &n->z[l][j] : &zero, sizeof(double));
            ADD(v->a_known[u0 + j] ? &n->a[l][j] : &zero, sizeof(double));
            ADD(v->d_known[u0 + j] ? &n->delta[l][j] : &zero, sizeof(double));
        }
    }
    ADD(v->z_known, sizeof(bool) * (size_t)nu);
    ADD(v->a_known, sizeof(bool) * (size_t)nu);
    ADD(v->d_known, sizeof(bool) * (size_t)nu);
    ADD(v->g_known, sizeof(bool) * (size_t)np);
    ADD(v->p_changed, sizeof(bool) * (size_t)np);
    ADD(&v->loss_known, sizeof v->loss_known);
    const double loss = v->loss_known ? v->loss : 0.0;
    ADD(&loss, sizeof loss);
    ADD(v->x, sizeof(double) * (size_t)n->spec.size[0]);
    ADD(v->t, sizeof(double) * (size_t)n->spec.size[L]);
    ADD(&stepper_hyper(s)->eta_w, sizeof(double));
    ADD(&stepper_hyper(s)->eta_b, sizeof(double));
#undef ADD
    return o;
}

#define VIEW_MAX 16384
#define MEMO 160

typedef struct memo {
    long it;
    int pos;
    size_t len;
    unsigned char *bytes;
} memo;

/* A random walk of next/prev (and phase moves); every (iteration, position)
 * visited twice must show the same view, bit for bit. Returns the revisits;
 * *back counts moves that went back into an earlier iteration. */
static int walk(rng *r, const scenario *sc, const char *txt, int *back)
{
    err e;
    stepper *s = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    if (!s)
        fail_msg("stepper_new: %s", e.msg);
    static memo seen[MEMO];
    static unsigned char buf[VIEW_MAX];
    int nseen = 0, revisits = 0;
    for (int step = 0; step < 70; step++) {
        const uint64_t op = rng_below(r, 100);
        const long it0 = stepper_iteration(s);
        if (op < 50)
            stepper_next(s);
        else if (op < 88)
            stepper_prev(s);
        else if (op < 92)
            stepper_next_phase(s);
        else if (op < 96)
            stepper_prev_phase(s);
        else
            stepper_finish_iteration(s);
        const size_t len = view_bytes(s, buf);
        assert_true(len <= VIEW_MAX);
        const long it = stepper_iteration(s);
        const int pos = stepper_pos(s);
        *back += it < it0;
        int i = 0;
        while (i < nseen && (seen[i].it != it || seen[i].pos != pos))
            i++;
        if (i < nseen) {
            revisits++;
            if (seen[i].len != len || memcmp(seen[i].bytes, buf, len))
                fail_msg("iteration %ld position %d looks different on a second visit (step %d):\n%s", it, pos, step, txt);
        } else if (nseen < MEMO) {
            seen[nseen].it = it;
            seen[nseen].pos = pos;
            seen[nseen].len = len;
            seen[nseen].bytes = malloc(len);
            memcpy(seen[nseen].bytes, buf, len);
            nseen++;
        }
    }
    for (int i = 0; i < nseen; i++)
        free(seen[i].bytes);
    stepper_free(s);
    return revisits;
}

static void test_random_scenarios(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 424242);
    static model m;
    static text t;
    int checked = 0, live = 0, revisits = 0, crossed = 0;
    for (int rep = 0; rep < SCENARIOS; rep++) {
        make(&r, &m, &t);
        err e;
        scenario *sc = scenario_parse("random.bp", t.s, (long)t.n, &e);
        if (!sc)
            fail_msg("scenario %d does not parse: %s\n%s", rep, e.msg, t.s);
        same_as_written(&m, sc, t.s);
        bool lv = false;
        if (grad_ok(sc, t.s, &lv)) {
            checked++;
            live += lv;
        }
        rng walk_rng = r; /* the walk's own stream, so it does not shift the scenarios */
        rng_next(&r);
        revisits += walk(&walk_rng, sc, t.s, &crossed);
        scenario_free(sc);
    }
    /* The checks really ran: nearly every gradient was compared and not
     * vanishing, and the walks came back to places they had been. */
    assert_true(checked > SCENARIOS * 9 / 10);
    assert_true(live > checked * 8 / 10);
    assert_true(revisits > SCENARIOS * 10);
    assert_true(crossed > SCENARIOS / 4); /* walks went back across iteration boundaries */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_scenarios),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
