/* formula.c - writes each event's rule in general form, in the document's symbols, and with numbers. */
#include "formula.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

char *formula_num(double v, int digits, char *out, size_t outsz)
{
    if (digits < 1)
        digits = 1;
    if (digits > 17)
        digits = 17;
    if (v == 0.0)
        v = 0.0; /* no "-0" */
    if (isnan(v))
        v = NAN; /* no "-nan": a NaN has no sign worth showing */
    snprintf(out, outsz, "%.*g", digits, v);
    return out;
}

char *formula_num_markup(double v, int digits, bool bracket, char *out, size_t outsz)
{
    if (outsz == 0)
        return out;
    if (isnan(v)) {
        snprintf(out, outsz, "NaN");
        return out;
    }
    const bool neg = v < 0; /* -0 is not: formula_num writes it "0" */
    char mag[64];
    if (isinf(v))
        snprintf(mag, sizeof mag, "∞");
    else
        formula_num(neg ? -v : v, digits, mag, sizeof mag);
    if (!neg)
        snprintf(out, outsz, "%s", mag);
    else if (bracket)
        snprintf(out, outsz, "(−%s)", mag);
    else
        snprintf(out, outsz, "−%s", mag);
    return out;
}

/* strlen of %.{d}g for a value of decimal exponent x (after rounding), no
 * trailing zeros stripped. */
static int formula_num_width_exp(int x, int d, bool neg)
{
    int w;
    if (x < -4 || x >= d) { /* d.ddde±XX */
        const int ax = x < 0 ? -x : x;
        w = (d > 1 ? d + 1 : 1) + 2 + (ax >= 100 ? 3 : 2);
    } else if (x >= 0) { /* ddd.ddd */
        w = d + (d - x - 1 > 0 ? 1 : 0);
    } else { /* 0.000ddd */
        w = 2 + (-x - 1) + d;
    }
    return w + (neg ? 1 : 0);
}

/* 10^k for k in [-FORMULA_P10, FORMULA_P10], correctly rounded (strtod), made once. */
#define FORMULA_P10 307
static double formula_p10[2 * FORMULA_P10 + 1];

static void formula_p10_init(void)
{
    if (formula_p10[FORMULA_P10] == 1.0)
        return;
    for (int k = -FORMULA_P10; k <= FORMULA_P10; k++) {
        char b[16];
        snprintf(b, sizeof b, "1e%d", k);
        formula_p10[k + FORMULA_P10] = strtod(b, NULL);
    }
}

int formula_num_width_max(double v, int digits)
{
    if (digits < 1)
        digits = 1;
    if (digits > 17)
        digits = 17;
    if (v == 0.0)
        return 1;
    if (!isfinite(v))
        return isnan(v) ? 3 : (v < 0 ? 4 : 3);
    formula_p10_init();
    /* The decimal exponent x and the mantissa r in [1, 10): from the binary
     * exponent and the table (no log10 or pow per value). */
    const double a = fabs(v);
    int x;
    double r;
    if (a >= 1e-306 && a < 1e306) {
        int e2;
        frexp(a, &e2);
        x = (int)floor((e2 - 1) * 0.30102999566398119521); /* log10(2) */
        while (a >= formula_p10[x + 1 + FORMULA_P10])
            x++;
        while (a < formula_p10[x + FORMULA_P10])
            x--;
        r = a / formula_p10[x + FORMULA_P10];
    } else { /* the extremes (and subnormals): the slow way */
        x = (int)floor(log10(a));
        r = a / pow(10.0, x);
    }
    if (r < 1.0) {
        x--;
        r *= 10.0;
    } else if (r >= 10.0) {
        x++;
        r /= 10.0;
    }
    int w = formula_num_width_exp(x, digits, v < 0);
    /* Close to a carry (9.9999995 -> 10.00000) or to a power of ten, where
     * the last bits decide: the wider of the two. */
    const double carry = 10.0 - 0.5 * formula_p10[1 - digits + FORMULA_P10];
    if (r >= carry * (1.0 - 1e-12)) {
        const int c = formula_num_width_exp(x + 1, digits, v < 0);
        w = c > w ? c : w;
    }
    if (r < 1.0 + 1e-12) {
        const int c = formula_num_width_exp(x - 1, digits, v < 0);
        w = c > w ? c : w;
    }
    return w;
}

void formula_span_add(formula_span *sp, double v)
{
    if (v > 0.0 && v < HUGE_VAL) {
        sp->pos_lo = v < sp->pos_lo ? v : sp->pos_lo;
        sp->pos_hi = v > sp->pos_hi ? v : sp->pos_hi;
    } else if (v < 0.0 && v > -HUGE_VAL) {
        sp->neg_lo = -v < sp->neg_lo ? -v : sp->neg_lo;
        sp->neg_hi = -v > sp->neg_hi ? -v : sp->neg_hi;
    } else if (v == 0.0) {
        sp->zero = true;
    } else {
        sp->special[isnan(v) ? 2 + (signbit(v) != 0) : (v < 0)] = v;
    }
}

int formula_span_width(const formula_span *sp, int digits)
{
    int w = sp->zero ? formula_num_width_max(0.0, digits) : 0;
    const double ends[4] = {sp->pos_lo, sp->pos_hi, -sp->neg_lo, -sp->neg_hi};
    for (int i = 0; i < 4; i++) {
        const bool have = i < 2 ? sp->pos_lo <= sp->pos_hi : sp->neg_lo <= sp->neg_hi;
        const int c = have ? formula_num_width_max(ends[i], digits) : 0;
        w = c > w ? c : w;
    }
    /* One digit is the exception: "0.0006" (exponent -4) is wider than the
     * "6e-05" on either side of it, so a set spanning it counts it. */
    for (int i = 0; digits == 1 && i < 2; i++) {
        const double lo = i == 0 ? sp->pos_lo : sp->neg_lo, hi = i == 0 ? sp->pos_hi : sp->neg_hi;
        if (lo <= hi && lo < 1e-3 && hi >= 1e-4) {
            const int c = formula_num_width_exp(-4, 1, i == 1);
            w = c > w ? c : w;
        }
    }
    for (int i = 0; i < 4; i++) {
        const int c = sp->special[i] != 0.0 || isnan(sp->special[i]) ? formula_num_width_max(sp->special[i], digits) : 0;
        w = c > w ? c : w;
    }
    return w;
}

/* A bounded string builder. */
typedef struct fbuf {
    char *s;
    size_t cap, len;
} fbuf;

static void fb_init(fbuf *b, char *s, size_t cap)
{
    b->s = s;
    b->cap = cap;
    b->len = 0;
    s[0] = '\0';
}

static void fb_add(fbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fb_add(fbuf *b, const char *fmt, ...)
{
    if (b->len + 1 >= b->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        b->len = (size_t)n < b->cap - b->len ? b->len + (size_t)n : b->cap - 1;
}

/* Context shared by the builders of one event. */
typedef struct fctx {
    const notation *nt;
    const net_spec *spec;
    const step_event *ev;
    const step_operand *ops; /* this event's operands */
    int nops;
    int digits;
} fctx;

static void fc_sym(const fctx *c, nt_sym sym, int l, int j, int k, const char *param, char *out, size_t n)
{
    notation_symbol(c->nt, c->spec, sym, l, j, k, c->ev->iteration, c->ev->sample, param, out, n);
}

/* Markup name of an operand. */
static void fc_opname(const fctx *c, const step_operand *o, char *out, size_t n)
{
    switch (o->role) {
    case OP_X: fc_sym(c, NT_X, 0, o->j, 0, NULL, out, n); break;
    case OP_Z: fc_sym(c, NT_Z, o->layer, o->j, 0, NULL, out, n); break;
    case OP_A: fc_sym(c, o->layer == 0 ? NT_X : NT_A, o->layer, o->j, 0, NULL, out, n); break;
    case OP_T: fc_sym(c, NT_T, o->layer, o->j, 0, NULL, out, n); break;
    case OP_W: fc_sym(c, NT_W, o->layer, o->j, o->k, NULL, out, n); break;
    case OP_B: fc_sym(c, NT_B, o->layer, o->j, 0, NULL, out, n); break;
    case OP_ERR: fc_sym(c, NT_ERR, o->layer, o->j, 0, NULL, out, n); break;
    case OP_DELTA: fc_sym(c, NT_DELTA, o->layer, o->j, 0, NULL, out, n); break;
    default: snprintf(out, n, "?"); break;
    }
}

/* A number substituted for a symbol after an operator, as a factor or under
 * an exponent: negatives bracketed, "+ (−0.038)", "·(−0.2)", "(−0.3)²", so
 * that no operator meets a minus sign. */
static const char *fc_num(const fctx *c, double v, char *out, size_t n)
{
    return formula_num_markup(v, c->digits, true, out, n);
}

/* A number that opens an expression or is a function's whole argument,
 * "w′ = −0.4 − …", "(−0.2 − 1)", "tanh(−0.5)": no brackets needed. */
static const char *fc_lead(const fctx *c, double v, char *out, size_t n)
{
    return formula_num_markup(v, c->digits, false, out, n);
}

/* The operand of a role (the first one), or NULL. */
static const step_operand *fc_op(const fctx *c, step_role role)
{
    for (int i = 0; i < c->nops; i++)
        if (c->ops[i].role == role)
            return &c->ops[i];
    return NULL;
}

/* The activation's derivative in symbols of a (the activation's name) and z. */
static void fc_dfdz_sym(const net_layer_spec *ls, const char *a, const char *z, fbuf *b)
{
    switch (ls->act) {
    case NET_ACT_SIGMOID: fb_add(b, "%s(1 − %s)", a, a); break;
    case NET_ACT_GSIGMOID: fb_add(b, "%s(A − %s)/(AB)", a, a); break;
    case NET_ACT_TANH: fb_add(b, "(1 − %s²)", a); break;
    case NET_ACT_RELU: fb_add(b, "[%s > 0]", z); break;
    default: fb_add(b, "1"); break;
    }
}

static void fc_dfdz_num(const fctx *c, const net_layer_spec *ls, double a, double z, fbuf *b)
{
    char na[64], nA[64], nB[64];
    switch (ls->act) {
    case NET_ACT_SIGMOID: fb_add(b, "%s·(1 − %s)", fc_num(c, a, na, sizeof na), na); break;
    case NET_ACT_GSIGMOID: /* one buffer per value: the arguments are all formatted before fb_add reads them */
        fc_num(c, a, na, sizeof na);
        fc_num(c, ls->act_a, nA, sizeof nA);
        fc_num(c, ls->act_b, nB, sizeof nB);
        fb_add(b, "%s·(%s − %s)/(%s·%s)", na, nA, na, nA, nB);
        break;
    case NET_ACT_TANH: fb_add(b, "(1 − %s²)", fc_num(c, a, na, sizeof na)); break;
    case NET_ACT_RELU: fb_add(b, "[%s > 0]", fc_lead(c, z, na, sizeof na)); break;
    default: fb_add(b, "1"); break;
    }
}

static const char *fc_act_general(net_act act)
{
    switch (act) {
    case NET_ACT_SIGMOID: return "a^l_j = σ(z^l_j) = 1/(1 + e^{−z^l_j})";
    case NET_ACT_GSIGMOID: return "a^l_j = f(z^l_j) = A/(1 + e^{−z^l_j/B})";
    case NET_ACT_TANH: return "a^l_j = tanh(z^l_j)";
    case NET_ACT_RELU: return "a^l_j = max(0, z^l_j)";
    default: return "a^l_j = z^l_j";
    }
}

/* f'(z) in general form for layer letter L (output) or l (hidden). */
static void fc_dfdz_general(net_act act, char L, fbuf *b)
{
    switch (act) {
    case NET_ACT_SIGMOID: fb_add(b, "σ′(z^%c_j) = a^%c_j(1 − a^%c_j)", L, L, L); break;
    case NET_ACT_GSIGMOID: fb_add(b, "f′(z^%c_j) = a^%c_j(A − a^%c_j)/(AB)", L, L, L); break;
    case NET_ACT_TANH: fb_add(b, "f′(z^%c_j) = 1 − (a^%c_j)²", L, L); break;
    case NET_ACT_RELU: fb_add(b, "f′(z^%c_j) = [z^%c_j > 0]", L, L); break;
    default: fb_add(b, "f′(z^%c_j) = 1", L); break;
    }
}

/* Marks the terms left out of a long sum: "+ … (n terms)" in both lines. */
static void fc_elide(fbuf *s, fbuf *n, int left)
{
    const char *fmt = ngettext(" + … (%d term)", " + … (%d terms)", (unsigned long)left);
    fb_add(s, fmt, left);
    fb_add(n, fmt, left);
}

/* Every operand summed: names in s, values in n (the loss, a shared bias's gradient). */
static void fc_sum(const fctx *c, fbuf *s, fbuf *n)
{
    for (int i = 0; i < c->nops; i++) {
        if (i == FORMULA_MAX_TERMS - 1 && c->nops > FORMULA_MAX_TERMS) {
            fc_elide(s, n, c->nops - i - 1); /* the last term is shown after the marker */
            i = c->nops - 1;
        }
        char name[NOTATION_MAX], val[64];
        fc_opname(c, &c->ops[i], name, sizeof name);
        fb_add(s, "%s%s", i ? " + " : "", name);
        fb_add(n, "%s%s", i ? " + " : "", (i ? fc_num : fc_lead)(c, c->ops[i].value, val, sizeof val));
    }
}

/* The leading (weight, operand) pairs as a sum of products: z's Σ w·a and a
 * hidden δ's Σ w·δ. Names in s, values in n; long sums elided like fc_sum. */
static void fc_products(const fctx *c, fbuf *s, fbuf *n)
{
    int total = 0;
    for (int i = 0; i + 1 < c->nops && c->ops[i].role == OP_W; i += 2)
        total++;
    for (int i = 0, terms = 0; i + 1 < c->nops && c->ops[i].role == OP_W; i += 2, terms++) {
        if (terms == FORMULA_MAX_TERMS - 1 && total > FORMULA_MAX_TERMS) {
            fc_elide(s, n, total - terms - 1); /* the last term is shown after the marker */
            i = (total - 1) * 2;                /* jump to the last term */
        }
        char wn[NOTATION_MAX], on[NOTATION_MAX], wv[64], ov[64];
        fc_opname(c, &c->ops[i], wn, sizeof wn);
        fc_opname(c, &c->ops[i + 1], on, sizeof on);
        fb_add(s, "%s%s·%s", terms ? " + " : "", wn, on);
        fb_add(n, "%s%s·%s", terms ? " + " : "", fc_num(c, c->ops[i].value, wv, sizeof wv),
               fc_num(c, c->ops[i + 1].value, ov, sizeof ov));
    }
}

static void fc_z(const fctx *c, formula *f, fbuf *g, fbuf *s, fbuf *n)
{
    const int l = c->ev->layer;
    const net_layer_spec *ls = &c->spec->layer[l];
    fb_add(g, "z^l_j = Σ_k w^l_{jk}·a^{l−1}_k%s", ls->bias == NET_BIAS_NONE ? "" : ls->bias == NET_BIAS_SHARED ? " + b^l" : " + b^l_j");
    fb_add(s, "%s = ", f->symbol);
    fb_add(n, "%s = ", f->symbol);
    fc_products(c, s, n);
    const step_operand *b = fc_op(c, OP_B);
    if (b) {
        char bn[NOTATION_MAX], bv[64];
        fc_opname(c, b, bn, sizeof bn);
        fb_add(s, " + %s", bn);
        fb_add(n, " + %s", fc_num(c, b->value, bv, sizeof bv));
    }
}

static void fc_a(const fctx *c, formula *f, fbuf *g, fbuf *s, fbuf *n)
{
    const net_layer_spec *ls = &c->spec->layer[c->ev->layer];
    const step_operand *z = fc_op(c, OP_Z);
    char zn[NOTATION_MAX], zv[64], za[64], A[64], B[64];
    fc_opname(c, z, zn, sizeof zn);
    fc_num(c, z->value, zv, sizeof zv); /* an operand of the exponent's minus */
    fc_lead(c, z->value, za, sizeof za); /* the whole argument of tanh, max, the identity */
    fb_add(g, "%s", fc_act_general(ls->act));
    switch (ls->act) {
    case NET_ACT_SIGMOID:
        fb_add(s, "%s = σ(%s) = 1/(1 + e^{−%s})", f->symbol, zn, zn);
        fb_add(n, "%s = 1/(1 + e^{−%s})", f->symbol, zv);
        break;
    case NET_ACT_GSIGMOID:
        fc_num(c, ls->act_a, A, sizeof A);
        fc_num(c, ls->act_b, B, sizeof B);
        fb_add(s, "%s = %s/(1 + e^{−%s/%s})", f->symbol, A, zn, B);
        fb_add(n, "%s = %s/(1 + e^{−%s/%s})", f->symbol, A, zv, B);
        break;
    case NET_ACT_TANH:
        fb_add(s, "%s = tanh(%s)", f->symbol, zn);
        fb_add(n, "%s = tanh(%s)", f->symbol, za);
        break;
    case NET_ACT_RELU:
        fb_add(s, "%s = max(0, %s)", f->symbol, zn);
        fb_add(n, "%s = max(0, %s)", f->symbol, za);
        break;
    default:
        fb_add(s, "%s = %s", f->symbol, zn);
        fb_add(n, "%s = %s", f->symbol, za);
        break;
    }
}

static void fc_err(const fctx *c, formula *f, fbuf *g, fbuf *s, fbuf *n)
{
    const step_operand *t = fc_op(c, OP_T), *a = fc_op(c, OP_A);
    char tn[NOTATION_MAX], an[NOTATION_MAX], tv[64], av[64];
    fc_opname(c, t, tn, sizeof tn);
    fc_opname(c, a, an, sizeof an);
    fc_lead(c, t->value, tv, sizeof tv);
    fc_num(c, a->value, av, sizeof av);
    if (c->spec->loss == NET_LOSS_MSE) {
        int no = c->spec->size[c->spec->nlayers - 1];
        fb_add(g, "C_j = (1/n)(y_j − a^L_j)²");
        fb_add(s, "%s = (1/%d)(%s − %s)²", f->symbol, no, tn, an);
        fb_add(n, "%s = (1/%d)(%s − %s)²", f->symbol, no, tv, av);
    } else {
        fb_add(g, "C_j = ½(y_j − a^L_j)²");
        fb_add(s, "%s = ½(%s − %s)²", f->symbol, tn, an);
        fb_add(n, "%s = ½(%s − %s)²", f->symbol, tv, av);
    }
}

static void fc_loss(const fctx *c, formula *f, fbuf *g, fbuf *s, fbuf *n)
{
    fb_add(g, "C = Σ_j C_j");
    fb_add(s, "%s = ", f->symbol);
    fb_add(n, "%s = ", f->symbol);
    fc_sum(c, s, n);
}

static void fc_delta(const fctx *c, formula *f, fbuf *g, fbuf *s, fbuf *n)
{
    const int l = c->ev->layer, L = c->spec->nlayers - 1;
    const net_layer_spec *ls = &c->spec->layer[l];
    const step_operand *z = fc_op(c, OP_Z), *a = fc_op(c, OP_A);
    char zn[NOTATION_MAX], an[NOTATION_MAX];
    fc_opname(c, z, zn, sizeof zn);
    fc_opname(c, a, an, sizeof an);
    fb_add(s, "%s = ", f->symbol);
    fb_add(n, "%s = ", f->symbol);
    if (l == L) {
        const step_operand *t = fc_op(c, OP_T);
        char tn[NOTATION_MAX], av[64], tv[64];
        fc_opname(c, t, tn, sizeof tn);
        fb_add(g, "δ^L_j = ∂C/∂a^L_j · ");
        fc_dfdz_general(ls->act, 'L', g);
        if (c->spec->loss == NET_LOSS_MSE) {
            int no = c->spec->size[L];
            fb_add(s, "(2/%d)(%s − %s)", no, an, tn);
            fb_add(n, "(2/%d)(%s − %s)", no, fc_lead(c, a->value, av, sizeof av), fc_num(c, t->value, tv, sizeof tv));
        } else {
            fb_add(s, "(%s − %s)", an, tn);
            fb_add(n, "(%s − %s)", fc_lead(c, a->value, av, sizeof av), fc_num(c, t->value, tv, sizeof tv));
        }
    } else {
        fb_add(g, "δ^l_j = (Σ_q w^{l+1}_{qj}·δ^{l+1}_q) · ");
        fc_dfdz_general(ls->act, 'l', g);
        fb_add(s, "(");
        fb_add(n, "(");
        fc_products(c, s, n);
        fb_add(s, ")");
        fb_add(n, ")");
    }
    if (ls->act != NET_ACT_IDENTITY) {
        fb_add(s, "·");
        fb_add(n, "·");
        fc_dfdz_sym(ls, an, zn, s);
        fc_dfdz_num(c, ls, a->value, z->value, n);
    }
}

static void fc_grad(const fctx *c, formula *f, fbuf *g, fbuf *s, fbuf *n)
{
    fb_add(s, "%s = ", f->symbol);
    fb_add(n, "%s = ", f->symbol);
    if (c->ev->kind == EV_GRAD_W) {
        fb_add(g, "∂C/∂w^l_{jk} = a^{l−1}_k·δ^l_j");
        const step_operand *d = fc_op(c, OP_DELTA), *a = &c->ops[1];
        char dn[NOTATION_MAX], an[NOTATION_MAX], dv[64], av[64];
        fc_opname(c, d, dn, sizeof dn);
        fc_opname(c, a, an, sizeof an);
        fb_add(s, "%s·%s", an, dn);
        fb_add(n, "%s·%s", fc_num(c, a->value, av, sizeof av), fc_num(c, d->value, dv, sizeof dv));
        return;
    }
    bool shared = c->spec->layer[c->ev->layer].bias == NET_BIAS_SHARED;
    fb_add(g, shared ? "∂C/∂b^l = Σ_j δ^l_j" : "∂C/∂b^l_j = δ^l_j");
    fc_sum(c, s, n);
}

static void fc_update(const fctx *c, formula *f, const char *pname, fbuf *g, fbuf *s, fbuf *n)
{
    bool bias = c->ev->kind == EV_UPD_B;
    const step_operand *eta = fc_op(c, OP_ETA), *gr = fc_op(c, OP_GRAD), *mom = fc_op(c, OP_MOM), *vel = fc_op(c, OP_VEL);
    char etan[NOTATION_MAX], gn[NOTATION_MAX], mn[NOTATION_MAX], vn[NOTATION_MAX];
    char old[64], ev[64], gv[64], mv[64], vv[64];
    fc_sym(c, bias ? NT_ETAB : NT_ETA, 0, 0, 0, NULL, etan, sizeof etan);
    fc_sym(c, NT_GRAD, 0, 0, 0, pname, gn, sizeof gn);
    fc_lead(c, c->ev->old, old, sizeof old);
    fc_num(c, eta->value, ev, sizeof ev);
    fc_num(c, gr->value, gv, sizeof gv);
    if (mom) {
        fc_sym(c, NT_MOM, 0, 0, 0, NULL, mn, sizeof mn);
        fc_sym(c, NT_VEL, 0, 0, 0, pname, vn, sizeof vn);
        fb_add(g, bias ? "Δb = β·Δb − η_b·∂C/∂b;  b ← b + Δb" : "Δw = β·Δw − η·∂C/∂w;  w ← w + Δw");
        fb_add(s, "%s = %s + %s·%s − %s·%s", f->symbol, pname, mn, vn, etan, gn);
        fb_add(n, "%s = %s + %s·%s − %s·%s", f->symbol, old, fc_num(c, mom->value, mv, sizeof mv),
               fc_num(c, vel->value, vv, sizeof vv), ev, gv);
    } else {
        fb_add(g, bias ? "b ← b − η_b·∂C/∂b" : "w ← w − η·∂C/∂w");
        fb_add(s, "%s = %s − %s·%s", f->symbol, pname, etan, gn);
        fb_add(n, "%s = %s − %s·%s", f->symbol, old, ev, gv);
    }
}

void formula_build(const notation *nt, const net_spec *spec, const step_event *ev,
                   const step_operand *ops, int digits, formula *out)
{
    fctx c = {nt, spec, ev, ops + ev->op_first, ev->op_count, digits};
    fbuf g, s, n;
    fb_init(&g, out->general, sizeof out->general);
    fb_init(&s, out->symbolic, sizeof out->symbolic);
    fb_init(&n, out->numeric, sizeof out->numeric);
    char pname[NOTATION_MAX] = "";
    if (ev->param >= 0)
        notation_param(nt, spec, ev->param, ev->iteration, pname, sizeof pname);
    switch (ev->kind) {
    case EV_Z: fc_sym(&c, NT_Z, ev->layer, ev->j, 0, NULL, out->symbol, sizeof out->symbol); break;
    case EV_A: fc_sym(&c, NT_A, ev->layer, ev->j, 0, NULL, out->symbol, sizeof out->symbol); break;
    case EV_ERR: fc_sym(&c, NT_ERR, ev->layer, ev->j, 0, NULL, out->symbol, sizeof out->symbol); break;
    case EV_LOSS: fc_sym(&c, NT_LOSS, 0, 0, 0, NULL, out->symbol, sizeof out->symbol); break;
    case EV_DELTA: fc_sym(&c, NT_DELTA, ev->layer, ev->j, 0, NULL, out->symbol, sizeof out->symbol); break;
    case EV_GRAD_W:
    case EV_GRAD_B: fc_sym(&c, NT_GRAD, ev->layer, ev->j, ev->k, pname, out->symbol, sizeof out->symbol); break;
    default: fc_sym(&c, NT_UPD, ev->layer, ev->j, ev->k, pname, out->symbol, sizeof out->symbol); break;
    }
    switch (ev->kind) {
    case EV_Z: fc_z(&c, out, &g, &s, &n); break;
    case EV_A: fc_a(&c, out, &g, &s, &n); break;
    case EV_ERR: fc_err(&c, out, &g, &s, &n); break;
    case EV_LOSS: fc_loss(&c, out, &g, &s, &n); break;
    case EV_DELTA: fc_delta(&c, out, &g, &s, &n); break;
    case EV_GRAD_W:
    case EV_GRAD_B: fc_grad(&c, out, &g, &s, &n); break;
    default: fc_update(&c, out, pname, &g, &s, &n); break;
    }
    char v[64];
    fb_add(&n, " = %s", formula_num_markup(ev->value, digits, false, v, sizeof v)); /* the result: no brackets */
}
