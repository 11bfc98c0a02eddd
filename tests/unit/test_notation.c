/* test_notation.c - notation.c: symbol names (defaults and templates), markup rendering, matching keys (widths: test_utf8.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "notation.h"
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
    net_spec sp = tu_spec("2 3 2 1", NET_ACT_SIGMOID, NET_BIAS_NEURON);
    sp.layer[2].bias = NET_BIAS_SHARED;
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
    net_spec sp = tu_spec("2 3 2 1", NET_ACT_SIGMOID, NET_BIAS_NEURON);
    sp.layer[2].bias = NET_BIAS_SHARED;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_default_symbols),
        cmocka_unit_test(test_templates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
