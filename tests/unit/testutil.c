/* testutil.c - the helpers every unit test links (testutil.h): specs, a reference loss, fixtures, events, skips. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "scenario.h"

/* The Makefile passes the absolute folder; from the repository root the relative one works too. */
#ifndef TU_FIXTURES
#define TU_FIXTURES "tests/unit/fixtures"
#endif

bool tu_close(double a, double b, double rel)
{
    if (a == b)
        return true;
    if (isnan(a) || isnan(b))
        return false;
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= rel * m;
}

bool tu_grad_agrees(double g, double fd, double E)
{
    double m = fabs(g) > fabs(fd) ? fabs(g) : fabs(fd);
    return fabs(g - fd) <= 1e-6 * m + 1e-8 * (E > 1.0 ? E : 1.0);
}

/* ---- network specs ------------------------------------------------------------------------------ */

net_spec tu_spec(const char *layers, net_act act, net_bias bias)
{
    net_spec sp;
    memset(&sp, 0, sizeof sp);
    const char *p = layers;
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        char *end;
        errno = 0;
        long n = strtol(p, &end, 10);
        if (end == p || errno || n < 1 || n > NET_MAX_WIDTH || (*end && *end != ' ') || sp.nlayers == NET_MAX_LAYERS)
            fail_msg("tu_spec: bad layers \"%s\" at \"%s\"", layers, p);
        sp.size[sp.nlayers++] = (int)n;
        p = end;
    }
    if (sp.nlayers < 2)
        fail_msg("tu_spec: \"%s\" has fewer than two layers", layers);
    for (int l = 1; l < sp.nlayers; l++)
        sp.layer[l] = (net_layer_spec){.act = act, .act_a = 1.0, .act_b = 1.0, .bias = bias, .bias_frozen = false};
    sp.loss = NET_LOSS_HALF_SSE;
    return sp;
}

double tu_uniform(rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_uniform(r);
}

/* Sets layer l's activation (gsigmoid with random A, B) and bias mode (a TU_BIAS_*). */
static void tu_layer(rng *r, net_spec *sp, int l, int act, int bias)
{
    net_layer_spec *ls = &sp->layer[l];
    ls->act = (net_act)act;
    ls->act_a = act == NET_ACT_GSIGMOID ? tu_uniform(r, 0.5, 2.0) : 1.0;
    ls->act_b = act == NET_ACT_GSIGMOID ? tu_uniform(r, 0.5, 2.0) : 1.0;
    ls->bias = bias == TU_BIAS_FROZEN ? NET_BIAS_NEURON : (net_bias)bias;
    ls->bias_frozen = bias == TU_BIAS_FROZEN;
}

void tu_random_spec(rng *r, int maxlayers, int maxwidth, int act, int bias, int loss, net_spec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->nlayers = 2 + (int)rng_below(r, (uint64_t)maxlayers - 1);
    for (int l = 0; l < sp->nlayers; l++)
        sp->size[l] = 1 + (int)rng_below(r, (uint64_t)maxwidth);
    for (int l = 1; l < sp->nlayers; l++)
        tu_layer(r, sp, l, act >= 0 ? act : (int)rng_below(r, NET_ACT_COUNT),
                 bias >= 0 ? bias : (int)rng_below(r, TU_BIAS_COUNT));
    sp->loss = (net_loss)(loss >= 0 ? loss : (int)rng_below(r, NET_LOSS_COUNT));
}

int tu_nbias(const net_spec *sp, int l)
{
    return sp->layer[l].bias == NET_BIAS_NEURON ? sp->size[l] : sp->layer[l].bias == NET_BIAS_SHARED ? 1 : 0;
}

int tu_nparams(const net_spec *sp)
{
    int n = 0;
    for (int l = 1; l < sp->nlayers; l++)
        n += sp->size[l] * sp->size[l - 1] + tu_nbias(sp, l);
    return n;
}

int tu_woff(const net_spec *sp, int l)
{
    int off = 0;
    for (int q = 1; q < l; q++)
        off += sp->size[q] * sp->size[q - 1] + tu_nbias(sp, q);
    return off;
}

/* ---- an independent reference ------------------------------------------------------------------- */

double tu_sigmoid(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

double tu_act(const net_layer_spec *ls, double x)
{
    switch (ls->act) {
    case NET_ACT_SIGMOID: return 1.0 / (1.0 + exp(-x));
    case NET_ACT_GSIGMOID: return ls->act_a / (1.0 + exp(-x / ls->act_b));
    case NET_ACT_TANH: return tanh(x);
    case NET_ACT_RELU: return x > 0 ? x : 0.0;
    default: return x;
    }
}

double tu_ref_loss(const net_spec *sp, const double *p, const double *x, const double *t, double *relu_margin)
{
    double in[64], out[64];
    double margin = HUGE_VAL;
    memcpy(in, x, sizeof(double) * (size_t)sp->size[0]);
    for (int l = 1; l < sp->nlayers; l++) {
        const int nin = sp->size[l - 1], nout = sp->size[l], nb = tu_nbias(sp, l);
        const double *w = p + tu_woff(sp, l), *b = w + nout * nin;
        for (int j = 0; j < nout; j++) {
            double z = 0.0;
            for (int k = 0; k < nin; k++)
                z += w[j * nin + k] * in[k];
            if (nb)
                z += b[nb == 1 ? 0 : j];
            if (sp->layer[l].act == NET_ACT_RELU && fabs(z) < margin)
                margin = fabs(z);
            out[j] = tu_act(&sp->layer[l], z);
        }
        memcpy(in, out, sizeof(double) * (size_t)nout);
    }
    const int no = sp->size[sp->nlayers - 1];
    double E = 0.0;
    for (int j = 0; j < no; j++) {
        double d = t[j] - in[j];
        E += sp->loss == NET_LOSS_MSE ? d * d / no : 0.5 * d * d;
    }
    if (relu_margin)
        *relu_margin = margin;
    return E;
}

double tu_fd_grad(const net *n, const double *x, const double *t, double h, double *fd)
{
    double p[4096];
    double big = 0.0;
    memcpy(p, n->params, sizeof(double) * (size_t)n->nparams);
    for (int i = 0; i < n->nparams; i++) {
        const double keep = p[i];
        p[i] = keep + h;
        const double ep = tu_ref_loss(&n->spec, p, x, t, NULL);
        p[i] = keep - h;
        const double em = tu_ref_loss(&n->spec, p, x, t, NULL);
        p[i] = keep;
        fd[i] = (ep - em) / (2 * h);
        if (fabs(fd[i]) > big)
            big = fabs(fd[i]);
    }
    return big;
}

/* ---- fixtures ----------------------------------------------------------------------------------- */

char *tu_fixture(const char *name, long *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", TU_FIXTURES, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("fixture %s: %s", path, strerror(errno));
    size_t cap = 4096, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t got; (got = fread(text + n, 1, cap - n - 1, f)) > 0;) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            text = realloc(text, cap);
            assert_non_null(text);
        }
    }
    if (ferror(f))
        fail_msg("fixture %s: read error", path);
    fclose(f);
    text[n] = '\0';
    if (len)
        *len = (long)n;
    return text;
}

/* ---- the stepper's events ----------------------------------------------------------------------- */

static step_event *tu_ev_buf;
static step_operand *tu_op_buf;

const step_operand *tu_events_ops(void) { return tu_op_buf; }

const step_event *tu_events(const stepper *s)
{
    const int n = stepper_count(s);
    int nops = 0;
    for (int i = 0; i < n; i++)
        nops += stepper_event(s, i)->op_count;
    free(tu_ev_buf);
    free(tu_op_buf);
    tu_ev_buf = calloc((size_t)n + 1, sizeof *tu_ev_buf);
    tu_op_buf = calloc((size_t)nops + 1, sizeof *tu_op_buf);
    assert_true(tu_ev_buf && tu_op_buf);
    int at = 0;
    for (int i = 0; i < n; i++) {
        const step_event *e = stepper_event(s, i);
        tu_ev_buf[i] = *e;
        memcpy(tu_op_buf + at, stepper_operands(s) + e->op_first, (size_t)e->op_count * sizeof *tu_op_buf);
        tu_ev_buf[i].op_first = at;
        at += e->op_count;
    }
    return tu_ev_buf;
}

bool tu_same_event(const step_event *a, const step_event *b)
{
    return a && b && a->kind == b->kind && a->phase == b->phase && a->layer == b->layer && a->j == b->j &&
           a->k == b->k && a->param == b->param && a->iteration == b->iteration && a->sample == b->sample &&
           a->op_count == b->op_count && memcmp(&a->value, &b->value, sizeof a->value) == 0 &&
           memcmp(&a->old, &b->old, sizeof a->old) == 0;
}

/* ---- skipping ----------------------------------------------------------------------------------- */

static int tu_nskipped;

void tu_skipped(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("skipped: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    tu_nskipped++;
}

int tu_exit(int failed)
{
    return failed ? 1 : tu_nskipped ? 77 : 0;
}

/* ---- scenario parser cases ---- */

char *tu_base_edit(const char *old, const char *new)
{
    const char *at = *old ? strstr(TU_BASE_SCENARIO, old) : TU_BASE_SCENARIO + strlen(TU_BASE_SCENARIO);
    if (!at)
        fail_msg("'%s' is not in the base scenario", old);
    size_t pre = (size_t)(at - TU_BASE_SCENARIO), ol = strlen(old), nl = strlen(new);
    char *s = malloc(sizeof TU_BASE_SCENARIO + nl);
    memcpy(s, TU_BASE_SCENARIO, pre);
    memcpy(s + pre, new, nl);
    strcpy(s + pre + nl, at + ol);
    return s;
}

void tu_msg_pos(const char *msg, const char *path, int *line, int *col)
{
    *line = *col = 0;
    size_t pl = strlen(path);
    if (strncmp(msg, path, pl) || msg[pl] != ':' || !(msg[pl + 1] >= '0' && msg[pl + 1] <= '9'))
        return;
    char *p;
    *line = (int)strtol(msg + pl + 1, &p, 10);
    if (p[0] == ':' && p[1] >= '0' && p[1] <= '9')
        *col = (int)strtol(p + 1, NULL, 10);
}

const char *tu_parse_msg(const char *path, const char *text, long len, err *e)
{
    err_clear(e);
    scenario *sc = scenario_parse(path, text, len, e);
    if (sc) {
        scenario_free(sc);
        e->msg[0] = '\0';
        return "";
    }
    if (!e->msg[0])
        fail_msg("scenario_parse failed without a message");
    return e->msg;
}

void tu_run_cases(const tu_case *cs, int n)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        char *text = tu_base_edit(cs[i].old, cs[i].new);
        err e;
        const char *got = tu_parse_msg("t.bp", text, (long)strlen(text), &e);
        if (strcmp(got, cs[i].msg)) {
            print_error("case %d ('%s' -> '%s'):\n    got      '%s'\n    expected '%s'\n", i, cs[i].old, cs[i].new, got,
                        cs[i].msg);
            bad++;
        } else if (*got) {
            int line, col;
            tu_msg_pos(cs[i].msg, "t.bp", &line, &col);
            if (e.line != line || e.col != col) {
                print_error("case %d: err.line %d col %d, but the message says %d:%d\n", i, e.line, e.col, line, col);
                bad++;
            }
        }
        free(text);
    }
    if (bad)
        fail_msg("%d of %d cases gave another message", bad, n);
}
