/* test_notation.c - symbol names, markup rendering, matching keys; formula lines; the check's verdicts (widths: test_utf8.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "formula.h"
#include "net.h"
#include "notation.h"
#include "rng.h"
#include "scenario.h"
#include "stepper.h"
#include "testutil.h"

/* ---- rendering ------------------------------------------------------------ */

static void render_is(const char *markup, const char *unicode, const char *ascii)
{
    char out[NOTATION_MAX];
    notation_render(markup, true, out, sizeof out);
    if (strcmp(out, unicode))
        fail_msg("render('%s', unicode) = '%s', expected '%s'", markup, out, unicode);
    notation_render(markup, false, out, sizeof out);
    if (strcmp(out, ascii))
        fail_msg("render('%s', ascii) = '%s', expected '%s'", markup, out, ascii);
    for (const unsigned char *p = (const unsigned char *)out; *p; p++)
        if (*p >= 0x80)
            fail_msg("render('%s', ascii) = '%s' is not ASCII", markup, out);
}

static void test_render(void **state)
{
    (void)state;
    /* FORMAT.md's example and document 000's symbols. */
    render_is("w^2_{11}", "w²₁₁", "w^2_11");
    render_is("δ^{(1)}_1", "δ⁽¹⁾₁", "d^(1)_1");
    render_is("v_{11}^{(1)}", "v₁₁⁽¹⁾", "v_11^(1)");
    render_is("net_{11}", "net₁₁", "net_11");
    render_is("ŷ_2", "ŷ₂", "y^_2");
    render_is("∇_{1}v_{11}", "∇₁v₁₁", "grad_1v_11");
    render_is("∂C/∂w^2_{12}", "∂C/∂w²₁₂", "dC/dw^2_12");
    render_is("η_b", "η_b", "eta_b"); /* no subscript b in Unicode */
    render_is("Δw′", "Δw′", "Dw'");
    /* A single-character script takes one character: the rest is plain. */
    render_is("w^12", "w¹2", "w^12");
    render_is("v_11^(1)", "v₁1⁽1)", "v_11^(1)");
    /* Multi-character superscripts are parenthesised in the ASCII form. */
    render_is("w^{12}", "w¹²", "w^(12)");
    render_is("x^{-1}", "x⁻¹", "x^(-1)");
    render_is("a^{l−1}_k", "aˡ⁻¹ₖ", "a^(l-1)_k");
    /* Letters with sub/superscript forms, and fallbacks where one is missing:
     * the whole group falls back, never half of it. */
    render_is("a_{jk}", "aⱼₖ", "a_jk");
    render_is("w^{T}", "wᵀ", "w^T");
    render_is("h^{(n)}", "h⁽ⁿ⁾", "h^(n)");
    render_is("x_{b}", "x_b", "x_b");
    render_is("a^{q}", "a^q", "a^q");
    render_is("x_{bc}", "x_bc", "x_bc");
    render_is("x_{jb}", "x_jb", "x_jb");
    render_is("a^{qq}", "a^(qq)", "a^(qq)");
    render_is("x_{β}", "x_β", "x_beta");
    /* Braces alone vanish; a marker with nothing after it stays. */
    render_is("{ab}", "ab", "ab");
    render_is("x_", "x_", "x_");
    render_is("x^", "x^", "x^");
    /* CJK has no ASCII stand-in. */
    render_is("文档000", "文档000", "??000");
    /* Bounded output: truncated, still terminated. */
    char small[6];
    notation_render("w^2_{11}w^2_{11}", false, small, sizeof small);
    assert_string_equal(small, "w^2_1");
}

static void key_is(const char *markup, const char *key)
{
    char out[NOTATION_MAX];
    notation_key(markup, out, sizeof out);
    if (strcmp(out, key))
        fail_msg("key('%s') = '%s', expected '%s'", markup, out, key);
}

static void test_keys(void **state)
{
    (void)state;
    /* notation.h's example: braces and blanks do not matter. */
    key_is("v_{11}^{(1)}", "v_11^(1)");
    key_is("v_11^(1)", "v_11^(1)");
    key_is("v_{11} ^{(1)}", "v_11^(1)");
    key_is("w^{12}", "w^12");
    key_is("w^12", "w^12");
    key_is("δ^{(1)}_2", "δ^(1)_2");
    key_is("δ^{(1)}_{2}", "δ^(1)_2");
    key_is("∇_{1}w_{11}", "∇_1w_11");
    key_is("E", "E");
    key_is("E_ 1", "E_1");
    /* Different symbols keep different keys. */
    char a[NOTATION_MAX], b[NOTATION_MAX];
    notation_key("w_{12}", a, sizeof a);
    notation_key("w_{21}", b, sizeof b);
    assert_string_not_equal(a, b);
    notation_key("δ_1", a, sizeof a);
    notation_key("d_1", b, sizeof b);
    assert_string_not_equal(a, b);
    notation_key("w^2_1", a, sizeof a);
    notation_key("w_2^1", b, sizeof b);
    assert_string_not_equal(a, b);
}

/* ---- symbols ------------------------------------------------------------- */

/* 2-3-2-1 with per-neuron biases except a shared one in layer 2. */
static net_spec spec2321(void)
{
    net_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.nlayers = 4;
    sp.size[0] = 2;
    sp.size[1] = 3;
    sp.size[2] = 2;
    sp.size[3] = 1;
    for (int l = 1; l < 4; l++)
        sp.layer[l] = (net_layer_spec){NET_ACT_SIGMOID, 1, 1, NET_BIAS_NEURON, false};
    sp.layer[2].bias = NET_BIAS_SHARED;
    return sp;
}

static void sym_is(const notation *nt, const net_spec *sp, nt_sym sym, int l, int j, int k, long it, int s,
                   const char *param, const char *want)
{
    char out[NOTATION_MAX];
    notation_symbol(nt, sp, sym, l, j, k, it, s, param, out, sizeof out);
    if (strcmp(out, want))
        fail_msg("symbol %d (l %d j %d k %d it %ld s %d p %s) = '%s', expected '%s'", sym, l, j, k, it, s,
                 param ? param : "-", out, want);
}

/* Nielsen's defaults (notation.h): l counts the input layer as 1, j and k from 1. */
static void test_default_symbols(void **state)
{
    (void)state;
    net_spec sp = spec2321();
    notation nt;
    memset(&nt, 0, sizeof nt);
    sym_is(&nt, &sp, NT_X, 0, 1, 0, 0, 0, NULL, "x_2");
    sym_is(&nt, &sp, NT_T, 3, 0, 0, 0, 0, NULL, "y_1");
    sym_is(&nt, &sp, NT_Z, 1, 2, 0, 0, 0, NULL, "z^2_3");
    sym_is(&nt, &sp, NT_A, 3, 0, 0, 0, 0, NULL, "a^4_1");
    sym_is(&nt, &sp, NT_W, 1, 0, 1, 0, 0, NULL, "w^2_{12}");
    sym_is(&nt, &sp, NT_W, 2, 1, 2, 0, 0, NULL, "w^3_{23}");
    sym_is(&nt, &sp, NT_B, 1, 2, 0, 0, 0, NULL, "b^2_3");
    sym_is(&nt, &sp, NT_B, 2, 0, 0, 0, 0, NULL, "b^3"); /* shared */
    sym_is(&nt, &sp, NT_DELTA, 2, 1, 0, 0, 0, NULL, "δ^3_2");
    sym_is(&nt, &sp, NT_LOSS, 0, 0, 0, 0, 0, NULL, "C");
    sym_is(&nt, &sp, NT_ERR, 3, 0, 0, 0, 0, NULL, "C_1");
    sym_is(&nt, &sp, NT_GRAD, 1, 0, 0, 0, 0, "w^2_{11}", "∂C/∂w^2_{11}");
    sym_is(&nt, &sp, NT_UPD, 1, 0, 0, 0, 0, "w^2_{11}", "w^2_{11}′");
    sym_is(&nt, &sp, NT_VEL, 1, 0, 0, 0, 0, "b^3", "Δb^3");
    sym_is(&nt, &sp, NT_ETA, 0, 0, 0, 0, 0, NULL, "η");
    sym_is(&nt, &sp, NT_ETAB, 0, 0, 0, 0, 0, NULL, "η_b");
    sym_is(&nt, &sp, NT_MOM, 0, 0, 0, 0, 0, NULL, "β");
    sym_is(NULL, &sp, NT_Z, 2, 0, 0, 0, 0, NULL, "z^3_1"); /* no notation at all */
    /* Numbers of two digits after '_' or '^' are braced: x₁₀, not x₁0. */
    sym_is(&nt, &sp, NT_X, 0, 9, 0, 0, 0, NULL, "x_{10}");
    sym_is(&nt, &sp, NT_A, 3, 11, 0, 0, 0, NULL, "a^4_{12}");
    char wide[NOTATION_MAX];
    notation_symbol(&nt, &sp, NT_X, 0, 9, 0, 0, 0, NULL, wide, sizeof wide);
    char shown[NOTATION_MAX];
    notation_render(wide, true, shown, sizeof shown);
    assert_string_equal(shown, "x₁₀");

    /* Parameter names in net order: w of layer 1 (6), its biases (3), w of
     * layer 2 (6), its shared bias, w of layer 3 (2), its bias. */
    const char *names[] = {"w^2_{11}", "w^2_{12}", "w^2_{21}", "w^2_{22}", "w^2_{31}", "w^2_{32}", "b^2_1", "b^2_2",
                           "b^2_3",    "w^3_{11}", "w^3_{12}", "w^3_{13}", "w^3_{21}", "w^3_{22}", "w^3_{23}", "b^3",
                           "w^4_{11}", "w^4_{12}", "b^4_1"};
    for (int i = 0; i < 19; i++) {
        char out[NOTATION_MAX];
        notation_param(&nt, &sp, i, 0, out, sizeof out);
        if (strcmp(out, names[i]))
            fail_msg("param %d is '%s', expected '%s'", i, out, names[i]);
    }
    char out[NOTATION_MAX];
    notation_param(&nt, &sp, 19, 0, out, sizeof out);
    assert_string_equal(out, "?");
}

static void test_templates(void **state)
{
    (void)state;
    net_spec sp = spec2321();
    notation nt;
    memset(&nt, 0, sizeof nt);
    /* Every placeholder once: l = 2 (third layer), j = 1, k = 2, it = 4, s = 2. */
    nt.global[NT_GRAD] = strdup("j$j k$k l$l m$m u$u v$v n$n s$s p$p L$L $$");
    nt.global[NT_LOSS] = strdup("E");
    nt.layer[1][NT_Z] = strdup("net_{1$j}");
    nt.layer[2][NT_A] = strdup("ŷ_$j^{($n)}");
    nt.layer[1][NT_W] = strdup("w_{$k$j}");
    nt.global[NT_ERR] = strdup("$L_$j");
    nt.global[NT_UPD] = strdup("$p^{($n)}");
    nt.global[NT_X] = strdup("x$u");
    /* $u counts neurons across computing layers: layer 2 neuron 2 is the
     * fifth (3 in layer 1); $v the weight's source, here layer 1's third. */
    sym_is(&nt, &sp, NT_GRAD, 2, 1, 2, 4, 2, "w", "j2 k3 l3 m2 u5 v3 n5 s3 pw LE $");
    sym_is(&nt, &sp, NT_GRAD, 1, 0, 1, 0, 0, "q", "j1 k2 l2 m1 u1 v2 n1 s1 pq LE $"); /* an input source */
    sym_is(&nt, &sp, NT_Z, 1, 1, 0, 0, 0, NULL, "net_{12}");
    sym_is(&nt, &sp, NT_Z, 2, 1, 0, 0, 0, NULL, "z^3_2"); /* layer 2 keeps the default */
    sym_is(&nt, &sp, NT_A, 2, 0, 0, 6, 0, NULL, "ŷ_1^{(7)}");
    sym_is(&nt, &sp, NT_W, 1, 0, 1, 0, 0, NULL, "w_{21}");
    sym_is(&nt, &sp, NT_ERR, 3, 0, 0, 0, 0, NULL, "E_1");
    sym_is(&nt, &sp, NT_UPD, 1, 0, 0, 0, 0, "v_{11}", "v_{11}^{(1)}");
    sym_is(&nt, &sp, NT_X, 0, 1, 0, 0, 0, NULL, "x2");
    /* Explicit weight names win over the template, in net order [j*nin + k]. */
    nt.wnames[2] = calloc(7, sizeof(char *));
    const char *wn[] = {"w7", "w8", "w9", "w10", "w11", "w12"};
    for (int i = 0; i < 6; i++)
        nt.wnames[2][i] = strdup(wn[i]);
    sym_is(&nt, &sp, NT_W, 2, 1, 0, 0, 0, NULL, "w10");
    sym_is(&nt, &sp, NT_W, 2, 0, 2, 0, 0, NULL, "w9");
    char out[NOTATION_MAX];
    notation_param(&nt, &sp, 9 + 4, 0, out, sizeof out);
    assert_string_equal(out, "w11");
    notation_free(&nt);
    for (int i = 0; i < NT_COUNT; i++)
        assert_null(nt.global[i]);
    assert_null(nt.wnames[2]);

    /* Template checks: the offset of the first bad '$'. */
    assert_int_equal(notation_check_template("x_$j"), -1);
    assert_int_equal(notation_check_template("$j$k$l$m$u$v$n$s$p$L$$"), -1);
    assert_int_equal(notation_check_template("$q"), 0);
    assert_int_equal(notation_check_template("net_$x"), 4);
    assert_int_equal(notation_check_template("ab$"), 2);
    assert_int_equal(notation_check_template("a$$$"), 3);
    assert_int_equal(notation_check_template("$$j"), -1);
    assert_int_equal(notation_check_template("δ$J"), 2); /* placeholders are case-sensitive; δ is two bytes */
}

/* ---- formulas ----------------------------------------------------------- */

static void test_formula_doc000(void **state)
{
    (void)state;
    err e;
    const char *text = tu_doc000();
    scenario *sc = scenario_parse("doc000.bp", text, (long)strlen(text), &e);
    if (!sc)
        fail_msg("%s", e.msg);
    stepper *s = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    assert_non_null(s);
    assert_true(stepper_finish_iteration(s));
    const step_event *ev = tu_events(s);
    formula f;
    /* The z event of document 000's net_11 (formula.h's example). */
    assert_int_equal(ev[0].kind, EV_Z);
    formula_build(&sc->nt, &sc->spec, &ev[0], tu_events_ops(), 6, &f);
    assert_string_equal(f.symbol, "net_{11}");
    assert_string_equal(f.general, "z^l_j = Σ_k w^l_{jk}·a^{l−1}_k + b^l_j");
    assert_string_equal(f.symbolic, "net_{11} = w_{11}·x_1 + w_{21}·x_2 + b_{11}");
    assert_string_equal(f.numeric, "net_{11} = 0.15·0.05 + 0.25·0.1 + 0.1 = 0.1325");
    /* net_12 uses the other column of the from-to matrix. */
    formula_build(&sc->nt, &sc->spec, &ev[2], tu_events_ops(), 6, &f);
    assert_string_equal(f.numeric, "net_{12} = 0.2·0.05 + 0.3·0.1 + 0.1 = 0.14");
    /* The activation: σ(0.1325) = 0.533077 to 6 digits. */
    formula_build(&sc->nt, &sc->spec, &ev[1], tu_events_ops(), 6, &f);
    assert_string_equal(f.symbol, "h_1");
    assert_string_equal(f.numeric, "h_1 = 1/(1 + e^{−0.1325}) = 0.533077");
    /* Fewer digits change only the numbers. */
    formula_build(&sc->nt, &sc->spec, &ev[1], tu_events_ops(), 3, &f);
    assert_string_equal(f.numeric, "h_1 = 1/(1 + e^{−0.133}) = 0.533");
    /* A negative operand is parenthesised in a product: δ^(1)_2 < 0 in the hidden delta. */
    int hidden = -1;
    for (int i = 0; i < stepper_count(s); i++)
        if (ev[i].kind == EV_DELTA && ev[i].layer == 1 && ev[i].j == 0)
            hidden = i;
    assert_true(hidden >= 0);
    formula_build(&sc->nt, &sc->spec, &ev[hidden], tu_events_ops(), 6, &f);
    assert_non_null(strstr(f.numeric, "0.45·(−0.071062)")); /* the true minus (formula_num_markup) */
    assert_non_null(strstr(f.symbolic, "v_{12}·δ^{(1)}_2"));
    /* The numbers of every formula end with the event's own value. */
    for (int i = 0; i < stepper_count(s); i++) {
        char v[64], tail[80];
        formula_build(&sc->nt, &sc->spec, &ev[i], tu_events_ops(), 6, &f);
        snprintf(tail, sizeof tail, " = %s", formula_num_markup(ev[i].value, 6, false, v, sizeof v));
        size_t nl = strlen(f.numeric), tl = strlen(tail);
        if (nl < tl || strcmp(f.numeric + nl - tl, tail))
            fail_msg("event %d: '%s' does not end with '%s'", i, f.numeric, tail);
    }
    stepper_free(s);
    scenario_free(sc);
}

static void test_formula_num(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(formula_num(0.1325, 6, b, sizeof b), "0.1325");
    assert_string_equal(formula_num(-0.0710624, 4, b, sizeof b), "-0.07106");
    assert_string_equal(formula_num(1.364e-6, 4, b, sizeof b), "1.364e-06");
    assert_string_equal(formula_num(-0.0, 6, b, sizeof b), "0");
    assert_string_equal(formula_num(2.0 / 3.0, 0, b, sizeof b), "0.7");                  /* at least one digit */
    assert_string_equal(formula_num(0.1, 40, b, sizeof b), "0.10000000000000001");       /* at most 17 */
}

/* formula_num_width_max never under-measures, and is exact unless %g strips
 * zeros: across signs, exponents from 1e-300 to 1e300, every precision, the
 * values next to powers of ten and next to a carry (9.9999996 at 7 digits). */
static void test_formula_num_width(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 31);
    char b[64];
    int exact = 0, total = 0;
    for (int i = 0; i < 200000; i++) {
        const int digits = 1 + (int)rng_below(&r, 17);
        double v;
        const uint64_t pick = rng_below(&r, 4);
        const int e = (int)rng_below(&r, 601) - 300;
        if (pick == 0) /* anywhere */
            v = tu_uniform(&r, 1.0, 10.0) * pow(10.0, e);
        else if (pick == 1) /* a power of ten, or a neighbour */
            v = nextafter(pow(10.0, e), rng_below(&r, 2) ? INFINITY : 0.0);
        else if (pick == 2) /* just under a carry at this precision */
            v = (10.0 - 0.5 * pow(10.0, 1 - digits)) * pow(10.0, e) * (1.0 + tu_uniform(&r, -1e-15, 1e-15));
        else /* the numbers of a network */
            v = tu_uniform(&r, -2.0, 2.0);
        if (rng_below(&r, 2))
            v = -v;
        const int got = formula_num_width_max(v, digits), want = (int)strlen(formula_num(v, digits, b, sizeof b));
        if (got < want)
            fail_msg("%.17g at %d digits is \"%s\" (%d), bound %d", v, digits, b, want, got);
        if (pick == 0 || pick == 3) { /* away from the edges: a bound, but a tight one */
            exact += got == want;
            total++;
        }
    }
    assert_true(exact > total * 85 / 100); /* 90 % when measured: %g strips zeros from the rest */
    assert_int_equal(formula_num_width_max(0.0, 6), 1);
    assert_int_equal(formula_num_width_max(-1.364e-6, 4), 10); /* -1.364e-06 */
    assert_int_equal(formula_num_width_max(INFINITY, 6), 3);   /* inf */
    assert_int_equal(formula_num_width_max(-INFINITY, 6), 4);  /* -inf */
    assert_int_equal(formula_num_width_max(-NAN, 6), (int)strlen(formula_num(-NAN, 6, b, sizeof b)));
    assert_int_equal(formula_num_width_max(NAN, 6), (int)strlen(formula_num(NAN, 6, b, sizeof b)));
}

/* A span's width is the widest value's bound, from its ends alone: random
 * sets of mixed signs and magnitudes (and zeros, infinities, NaNs). */
static void test_formula_span(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 32);
    formula_span empty = FORMULA_SPAN_EMPTY;
    assert_int_equal(formula_span_width(&empty, 6), 0);
    for (int rep = 0; rep < 3000; rep++) {
        formula_span sp = FORMULA_SPAN_EMPTY;
        const int n = 1 + (int)rng_below(&r, 40), digits = 1 + (int)rng_below(&r, 9);
        const int lo = (int)rng_below(&r, 40) - 30, hi = lo + (int)rng_below(&r, 20);
        int want = 0;
        for (int i = 0; i < n; i++) {
            double v = tu_uniform(&r, 1.0, 10.0) * pow(10.0, lo + (int)rng_below(&r, (uint64_t)(hi - lo + 1)));
            const uint64_t pick = rng_below(&r, 40);
            v = pick == 0 ? 0.0 : pick == 1 ? INFINITY : pick == 2 ? NAN : pick == 3 ? -NAN : v;
            if (rng_below(&r, 2))
                v = -v;
            formula_span_add(&sp, v);
            const int w = formula_num_width_max(v, digits);
            want = w > want ? w : want;
        }
        /* Never narrower; wider only with one digit, where -4 is counted when spanned. */
        const int got = formula_span_width(&sp, digits);
        if (got < want || (digits > 1 && got != want))
            fail_msg("set %d: span width %d, widest value %d (%d digits)", rep, got, want, digits);
    }
}

/* ---- the check ---------------------------------------------------------------- */

static void verdict_is(const char *printed, double computed, check_verdict want)
{
    check_verdict got = check_compare(printed, computed);
    if (got != want)
        fail_msg("check_compare(\"%s\", %.17g) = %s, expected %s", printed, computed, check_verdict_name(got),
                 check_verdict_name(want));
}

static void test_check_compare(void **state)
{
    (void)state;
    /* Rounded to the printed digits it equals: ok. */
    verdict_is("0.1325", 0.1325, CHECK_OK);
    verdict_is("0.1325", 0.13250000001, CHECK_OK);
    verdict_is("0.1325", 0.132450001, CHECK_OK);  /* just above the lower half-unit */
    verdict_is("0.1325", 0.132549999, CHECK_OK);  /* just below the upper one */
    verdict_is("0.1325", 0.132449999, CHECK_NEAR); /* rounds to 0.1324 */
    verdict_is("0.1325", 0.132550001, CHECK_NEAR); /* rounds to 0.1326 */
    verdict_is("0.1325", 0.1327, CHECK_DIFF);
    verdict_is("0.1325", 0.1323, CHECK_DIFF);
    verdict_is("0.13", 0.125, CHECK_OK);           /* an exact half may be rounded up … */
    verdict_is("0.12", 0.125, CHECK_OK);           /* … or down (tests/unit/test_scenario_input.c) */
    /* Trailing zeros are printed digits. */
    verdict_is("0.1400", 0.14, CHECK_OK);
    verdict_is("0.1400", 0.14006, CHECK_NEAR);
    verdict_is("0.14", 0.14006, CHECK_OK);
    /* Scientific notation: 1.364e-3 has its last digit at 1e-6. */
    verdict_is("1.364e-3", 0.0013641, CHECK_OK);
    verdict_is("1.364e-3", 0.00136449, CHECK_OK);
    verdict_is("1.364e-3", 0.00136451, CHECK_NEAR);
    verdict_is("1.364e-3", 0.001366, CHECK_DIFF);
    verdict_is("1.364E-3", 0.0013641, CHECK_OK);
    verdict_is("1.750e-3", 0.00175, CHECK_OK);
    verdict_is("1.750e-3", 0.001749, CHECK_NEAR);
    verdict_is("1364e-6", 0.0013641, CHECK_OK);
    verdict_is("-7.106e-2", -0.0710624, CHECK_OK);
    verdict_is("1.0e2", 104, CHECK_OK);
    verdict_is("1.0e2", 106, CHECK_NEAR);
    /* Negative numbers: rounding is symmetric. */
    verdict_is("-0.07106", -0.0710624, CHECK_OK);
    verdict_is("-0.07106", -0.071055001, CHECK_OK);
    verdict_is("-0.07106", -0.0710549, CHECK_NEAR);
    verdict_is("-0.07106", -0.0710651, CHECK_NEAR);
    verdict_is("-0.07106", -0.0711, CHECK_DIFF);
    verdict_is("-0.07106", 0.07106, CHECK_DIFF);   /* the sign is a digit too */
    verdict_is("-0.007106", -0.0710624, CHECK_DIFF); /* document 000's typo */
    /* Whole numbers and other spellings. */
    verdict_is("3", 3.4, CHECK_OK);
    verdict_is("3", 3.6, CHECK_NEAR);
    verdict_is("3", 5, CHECK_DIFF);
    verdict_is("5.", 5.2, CHECK_OK);
    verdict_is(".5", 0.54, CHECK_OK);
    verdict_is("+0.5", 0.5, CHECK_OK);
    verdict_is(" 0.5", 0.5, CHECK_OK);
    /* Not a number, or nothing to compare with: DIFF. */
    verdict_is("abc", 0.5, CHECK_DIFF);
    verdict_is("", 0.0, CHECK_DIFF);
    verdict_is("nan", NAN, CHECK_DIFF);
    verdict_is("inf", INFINITY, CHECK_DIFF);
    verdict_is("0.5", NAN, CHECK_DIFF);
    verdict_is("0.5", INFINITY, CHECK_DIFF);
    assert_string_equal(check_verdict_name(CHECK_OK), "ok");
    assert_string_equal(check_verdict_name(CHECK_NEAR), "near");
    assert_string_equal(check_verdict_name(CHECK_DIFF), "DIFF");
    assert_string_equal(check_verdict_name(CHECK_UNKNOWN), "UNKNOWN");
    /* check.h: DIFF also "when printed is not a number"; trailing junk makes it none. */
    verdict_is("0.5x", 0.5, CHECK_DIFF);
    verdict_is("0.1325 0.2", 0.1325, CHECK_DIFF);
}

/* check_run over a small scenario: symbols matched by key, repeats, unknowns. */
static void test_check_run(void **state)
{
    (void)state;
    /* 1-1 identity net, w = 2, b = 0.5, x = 3, t = 1: z = a = 6.5, E = ½·5.5² = 15.125,
     * δ = 5.5, ∂E/∂w = 16.5, ∂E/∂b = 5.5, w' = 2 − 0.1·16.5 = 0.35, b' = 0.5 − 0.1·5.5 = −0.05. */
    const char *text = "[scenario]\ntitle = t\n[network]\nlayers = 1 1\n[layer 1]\nactivation = identity\n"
                       "weights = 2\nbiases = 0.5\n[training]\neta = 0.1\n[data]\nsample = 3 -> 1\n"
                       "[expected]\n"
                       "z^{2}_{1} = 6.5\n"     /* ok, braces differ */
                       "a^2_1 = 6.6\n"         /* near */
                       "C = 15.13\n"           /* ok */
                       "C = 15.3\n"            /* DIFF (repeats are checked each) */
                       "δ^2_1 = 5.5\n"         /* ok */
                       "∂C/∂w^2_{11} = 16.5\n" /* ok */
                       "∂C/∂b^2_1 = 5.5\n"     /* ok */
                       "w^2_{11}′ = 0.35\n"    /* ok */
                       "b^2_1′ = -0.05\n"      /* ok */
                       "q_1 = 1\n";            /* UNKNOWN */
    err e;
    scenario *sc = scenario_parse("t.bp", text, (long)strlen(text), &e);
    if (!sc)
        fail_msg("%s", e.msg);
    assert_int_equal(sc->nexpect, 10);
    check_result res[10];
    int bad = check_run(sc, res, &e);
    const check_verdict want[] = {CHECK_OK, CHECK_NEAR, CHECK_OK, CHECK_DIFF, CHECK_OK,
                                  CHECK_OK, CHECK_OK,   CHECK_OK, CHECK_OK,   CHECK_UNKNOWN};
    const double value[] = {6.5, 6.5, 15.125, 15.125, 5.5, 16.5, 5.5, 0.35, -0.05, NAN};
    for (int i = 0; i < 10; i++) {
        if (res[i].verdict != want[i])
            fail_msg("expected value %d (%s = %s): %s, expected %s", i, sc->expect[i].symbol, sc->expect[i].printed,
                     check_verdict_name(res[i].verdict), check_verdict_name(want[i]));
        assert_ptr_equal(res[i].ex, &sc->expect[i]);
        if (want[i] != CHECK_UNKNOWN) {
            assert_close(res[i].computed, value[i], 1e-14);
            assert_int_equal(res[i].iteration, 0);
        } else {
            assert_string_equal(res[i].symbol, "");
        }
    }
    assert_string_equal(res[0].symbol, "z^2_1");
    assert_int_equal(bad, 2); /* one DIFF, one UNKNOWN */
    scenario_free(sc);
}


/* A long sum shows FORMULA_MAX_TERMS - 1 terms, the count of those left out,
 * and the last term: 11 + 8 + 1 = 20 inputs. */
static void test_formula_elision(void **state)
{
    (void)state;
    net_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.nlayers = 2;
    sp.size[0] = 20;
    sp.size[1] = 1;
    sp.layer[1] = (net_layer_spec){NET_ACT_IDENTITY, 1, 1, NET_BIAS_NONE, false};
    net *n = net_new(&sp, NULL);
    assert_non_null(n);
    data_set d;
    memset(&d, 0, sizeof d);
    d.nin = 20;
    d.nout = 1;
    double x[20], t = 0;
    for (int i = 0; i < 20; i++)
        x[i] = i + 1;
    assert_true(data_append(&d, x, &t, NULL));
    const net_hyper h = {.eta_w = 0.1, .eta_b = 0.1};
    stepper *s = stepper_new(n, &d, &h, NULL);
    assert_non_null(s);
    formula f;
    formula_build(NULL, &sp, stepper_event(s, 0), stepper_operands(s), 6, &f);
    assert_non_null(strstr(f.symbolic, " + … (8 terms) + "));
    assert_non_null(strstr(f.numeric, "(8 terms) + 0·20 = 0"));
    int products = 0;
    for (const char *p = f.symbolic; (p = strstr(p, "·")); p++)
        products++;
    assert_int_equal(products, 12);
    stepper_free(s);
    data_free(&d);
    net_free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_default_symbols),
        cmocka_unit_test(test_templates),
        cmocka_unit_test(test_formula_doc000),
        cmocka_unit_test(test_formula_num),
        cmocka_unit_test(test_formula_num_width),
        cmocka_unit_test(test_formula_span),
        cmocka_unit_test(test_formula_elision),
        cmocka_unit_test(test_check_compare),
        cmocka_unit_test(test_check_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
