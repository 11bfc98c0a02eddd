/* test_formula_signs.c - the numbers of formulas: a negative operand in brackets with the true minus
 * (U+2212; '-' in ASCII), "+ (−0.038)", never "+ -0.038"; a non-finite one as NaN, ∞, −∞ (nan, inf,
 * -inf in ASCII), never "-nan"; the same in UTF-8 and ASCII. Expected values worked out by hand (see
 * each scenario's comment), to the 6 digits formulas print. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "formula.h"
#include "notation.h"
#include "scenario.h"
#include "stepper.h"
#include "testutil.h"

/* The numbers line of every event of a scenario's first iteration, rendered. */
typedef struct lines {
    int n;
    char utf8[64][FORMULA_MAX * 2];
    char ascii[64][FORMULA_MAX * 2];
} lines;

static lines L;

static void numbers_of(const char *text)
{
    err e;
    scenario *sc = scenario_parse("signs.bp", text, (long)strlen(text), &e);
    if (!sc)
        fail_msg("%s", e.msg);
    stepper *s = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    assert_non_null(s);
    assert_true(stepper_finish_iteration(s));
    L.n = stepper_count(s);
    assert_true(L.n <= 64);
    for (int i = 0; i < L.n; i++) {
        formula f;
        formula_build(&sc->nt, &sc->spec, stepper_event(s, i), stepper_operands(s), 6, &f);
        notation_render(f.numeric, true, L.utf8[i], sizeof L.utf8[i]);
        notation_render(f.numeric, false, L.ascii[i], sizeof L.ascii[i]);
    }
    stepper_free(s);
    scenario_free(sc);
}

/* Event i (1-based, as --trace counts) reads want in UTF-8 and want_ascii in ASCII. */
static void line_is(int i, const char *want, const char *want_ascii)
{
    assert_true(i >= 1 && i <= L.n);
    if (strcmp(L.utf8[i - 1], want))
        fail_msg("event %d: got   \"%s\"\n            want  \"%s\"", i, L.utf8[i - 1], want);
    if (strcmp(L.ascii[i - 1], want_ascii))
        fail_msg("event %d (ASCII): got   \"%s\"\n                    want  \"%s\"", i, L.ascii[i - 1], want_ascii);
}

/* The helper every formula's numbers go through. */
static void test_markup_helper(void **state)
{
    (void)state;
    char b[64], r[64];
    assert_string_equal(formula_num_markup(-0.038, 6, true, b, sizeof b), "(−0.038)");
    assert_string_equal(formula_num_markup(-0.038, 6, false, b, sizeof b), "−0.038");
    assert_string_equal(formula_num_markup(0.038, 6, true, b, sizeof b), "0.038");
    assert_string_equal(formula_num_markup(-0.0, 6, true, b, sizeof b), "0");
    assert_string_equal(formula_num_markup(-1.364e-6, 4, true, b, sizeof b), "(−1.364e-06)");
    assert_string_equal(formula_num_markup(NAN, 6, true, b, sizeof b), "NaN");
    assert_string_equal(formula_num_markup(-NAN, 6, true, b, sizeof b), "NaN");
    assert_string_equal(formula_num_markup(INFINITY, 6, true, b, sizeof b), "∞");
    assert_string_equal(formula_num_markup(-INFINITY, 6, true, b, sizeof b), "(−∞)");
    assert_string_equal(formula_num_markup(-INFINITY, 6, false, b, sizeof b), "−∞");
    /* ASCII: the hyphen, and inf */
    notation_render(formula_num_markup(-0.038, 6, true, b, sizeof b), false, r, sizeof r);
    assert_string_equal(r, "(-0.038)");
    notation_render(formula_num_markup(-INFINITY, 6, true, b, sizeof b), false, r, sizeof r);
    assert_string_equal(r, "(-inf)");
    notation_render(formula_num_markup(INFINITY, 6, true, b, sizeof b), false, r, sizeof r);
    assert_string_equal(r, "inf");
    notation_render(formula_num_markup(-NAN, 6, true, b, sizeof b), false, r, sizeof r);
    assert_string_equal(r, "NaN");
    /* The plain form (cells, tables, messages) has no sign on a NaN either. */
    assert_string_equal(formula_num(-NAN, 6, b, sizeof b), "nan");
    assert_string_equal(formula_num(-INFINITY, 6, b, sizeof b), "-inf");
    assert_int_equal(formula_num_width_max(-NAN, 6), 3);
}

/* 2-1 tanh, bias -0.1, w = (0.5, -0.3), x = (-0.2, 0.4), t = -1, η = 0.1, half-sse:
 * z = -0.1 - 0.12 - 0.1 = -0.32, a = tanh(-0.32) = -0.309507, C = ½(0.690493)² = 0.23839,
 * δ = (a - t)(1 - a²) = 0.690493·0.904205 = 0.624348; ∂C/∂w = x·δ = -0.12487, 0.249739;
 * w′ = 0.5 + 0.012487 = 0.512487, -0.3 - 0.0249739 = -0.324974, b′ = -0.1 - 0.0624348 = -0.162435. */
static const char tanh_net[] = "[scenario]\ntitle = signs\n[network]\nlayers = 2 1\n"
                               "[layer 1]\nactivation = tanh\nweights = 0.5 -0.3\nbiases = -0.1\n"
                               "[training]\neta = 0.1\n[data]\nsample = -0.2 0.4 -> -1\n";

static void test_negative_operands(void **state)
{
    (void)state;
    numbers_of(tanh_net);
    assert_int_equal(L.n, 11);
    line_is(1, "z²₁ = 0.5·(−0.2) + (−0.3)·0.4 + (−0.1) = −0.32", "z^2_1 = 0.5*(-0.2) + (-0.3)*0.4 + (-0.1) = -0.32");
    line_is(2, "a²₁ = tanh(−0.32) = −0.309507", "a^2_1 = tanh(-0.32) = -0.309507");
    line_is(3, "C₁ = ½(−1 − (−0.309507))² = 0.23839", "C_1 = 1/2(-1 - (-0.309507))^2 = 0.23839");
    line_is(4, "C = 0.23839 = 0.23839", "C = 0.23839 = 0.23839");
    line_is(5, "δ²₁ = (−0.309507 − (−1))·(1 − (−0.309507)²) = 0.624348",
            "d^2_1 = (-0.309507 - (-1))*(1 - (-0.309507)^2) = 0.624348");
    line_is(6, "∂C/∂w²₁₁ = (−0.2)·0.624348 = −0.12487", "dC/dw^2_11 = (-0.2)*0.624348 = -0.12487");
    line_is(7, "∂C/∂w²₁₂ = 0.4·0.624348 = 0.249739", "dC/dw^2_12 = 0.4*0.624348 = 0.249739");
    line_is(8, "∂C/∂b²₁ = 0.624348 = 0.624348", "dC/db^2_1 = 0.624348 = 0.624348");
    line_is(9, "w²₁₁′ = 0.5 − 0.1·(−0.12487) = 0.512487", "w^2_11' = 0.5 - 0.1*(-0.12487) = 0.512487");
    line_is(10, "w²₁₂′ = −0.3 − 0.1·0.249739 = −0.324974", "w^2_12' = -0.3 - 0.1*0.249739 = -0.324974");
    line_is(11, "b²₁′ = −0.1 − 0.1·0.624348 = −0.162435", "b^2_1' = -0.1 - 0.1*0.624348 = -0.162435");
}

/* 1-2 sigmoid with a shared bias 0.5, w = (2, -1), x = 1, t = (1, 0), η = 0.5:
 * z = (2.5, -0.5), a = (0.924142, 0.377541), δ₁ = (a₁ - 1)a₁(1 - a₁) = -0.00531794,
 * δ₂ = a₂·a₂(1 - a₂) = 0.0887235; the shared bias's gradient δ₁ + δ₂ = 0.0834055,
 * b′ = 0.5 - 0.5·0.0834055 = 0.458297. */
static const char sigmoid_net[] = "[scenario]\ntitle = signs\n[network]\nlayers = 1 2\n"
                                  "[layer 1]\nbias = shared\nweights = 2\n -1\nbiases = 0.5\n"
                                  "[training]\neta = 0.5\n[data]\nsample = 1 -> 1 0\n";

static void test_sums_and_exponents(void **state)
{
    (void)state;
    numbers_of(sigmoid_net);
    assert_int_equal(L.n, 15);
    line_is(1, "z²₁ = 2·1 + 0.5 = 2.5", "z^2_1 = 2*1 + 0.5 = 2.5");
    line_is(2, "a²₁ = 1/(1 + e^(−2.5)) = 0.924142", "a^2_1 = 1/(1 + e^(-2.5)) = 0.924142");
    line_is(3, "z²₂ = (−1)·1 + 0.5 = −0.5", "z^2_2 = (-1)*1 + 0.5 = -0.5");
    line_is(4, "a²₂ = 1/(1 + e^(−(−0.5))) = 0.377541", "a^2_2 = 1/(1 + e^(-(-0.5))) = 0.377541");
    line_is(8, "δ²₁ = (0.924142 − 1)·0.924142·(1 − 0.924142) = −0.00531794",
            "d^2_1 = (0.924142 - 1)*0.924142*(1 - 0.924142) = -0.00531794");
    line_is(12, "∂C/∂b² = −0.00531794 + 0.0887235 = 0.0834055", "dC/db^2 = -0.00531794 + 0.0887235 = 0.0834055");
    line_is(15, "b²′ = 0.5 − 0.5·0.0834055 = 0.458297", "b^2' = 0.5 - 0.5*0.0834055 = 0.458297");
}

/* gsigmoid with A = B = 1e-200: z = 0.5, a = A exactly (e^(-z/B) = 0), and f′ = a(A - a)/(AB)
 * = 0/0 because A·B underflows: the error term is NaN, and so is all that follows. */
static const char nan_net[] = "[scenario]\ntitle = nan\n[network]\nlayers = 1 1\n"
                              "[layer 1]\nactivation = gsigmoid 1e-200 1e-200\nbias = none\nweights = 0.5\n"
                              "[training]\neta = 0.5\n[data]\nsample = 1 -> 1\n";

static void test_nan_operands(void **state)
{
    (void)state;
    numbers_of(nan_net);
    assert_int_equal(L.n, 7);
    line_is(5, "δ²₁ = (1e-200 − 1)·1e-200·(1e-200 − 1e-200)/(1e-200·1e-200) = NaN",
            "d^2_1 = (1e-200 - 1)*1e-200*(1e-200 - 1e-200)/(1e-200*1e-200) = NaN");
    line_is(6, "∂C/∂w²₁₁ = 1·NaN = NaN", "dC/dw^2_11 = 1*NaN = NaN");
    line_is(7, "w²₁₁′ = 0.5 − 0.5·NaN = NaN", "w^2_11' = 0.5 - 0.5*NaN = NaN");
    for (int i = 0; i < L.n; i++)
        if (strstr(L.utf8[i], "nan") || strstr(L.ascii[i], "nan"))
            fail_msg("event %d prints nan: %s", i + 1, L.utf8[i]);
}

/* identity, w = -1e308, x = 10: z = -1e309 = -∞; a = -∞; C₁ = ½(3 + ∞)² = ∞, δ = a - t = -∞,
 * ∂C/∂w = 10·(-∞) = -∞, w′ = -1e308 - 0.1·(-∞) = ∞. */
static const char inf_net[] = "[scenario]\ntitle = inf\n[network]\nlayers = 1 1\n"
                              "[layer 1]\nactivation = identity\nbias = none\nweights = -1e308\n"
                              "[training]\neta = 0.1\n[data]\nsample = 10 -> 3\n";

static void test_infinite_operands(void **state)
{
    (void)state;
    numbers_of(inf_net);
    assert_int_equal(L.n, 7);
    line_is(1, "z²₁ = (−1e+308)·10 = −∞", "z^2_1 = (-1e+308)*10 = -inf");
    line_is(2, "a²₁ = −∞ = −∞", "a^2_1 = -inf = -inf");
    line_is(3, "C₁ = ½(3 − (−∞))² = ∞", "C_1 = 1/2(3 - (-inf))^2 = inf");
    line_is(5, "δ²₁ = (−∞ − 3) = −∞", "d^2_1 = (-inf - 3) = -inf");
    line_is(6, "∂C/∂w²₁₁ = 10·(−∞) = −∞", "dC/dw^2_11 = 10*(-inf) = -inf");
    line_is(7, "w²₁₁′ = −1e+308 − 0.1·(−∞) = ∞", "w^2_11' = -1e+308 - 0.1*(-inf) = inf");
}

/* No formula of any event puts an operator straight before a minus sign. */
static void test_no_operator_before_minus(void **state)
{
    (void)state;
    const char *const nets[] = {tanh_net, sigmoid_net, nan_net, inf_net};
    const char *const bad[] = {"+ −", "− −", "·−", "+ -", "- -", "*-", "-nan", "−nan"};
    for (size_t q = 0; q < sizeof nets / sizeof *nets; q++) {
        numbers_of(nets[q]);
        for (int i = 0; i < L.n; i++)
            for (size_t b = 0; b < sizeof bad / sizeof *bad; b++)
                if (strstr(L.utf8[i], bad[b]) || strstr(L.ascii[i], bad[b]))
                    fail_msg("scenario %zu event %d has \"%s\": %s | %s", q, i + 1, bad[b], L.utf8[i], L.ascii[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markup_helper),
        cmocka_unit_test(test_negative_operands),
        cmocka_unit_test(test_sums_and_exponents),
        cmocka_unit_test(test_nan_operands),
        cmocka_unit_test(test_infinite_operands),
        cmocka_unit_test(test_no_operator_before_minus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
