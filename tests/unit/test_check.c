/* test_check.c - check.c: a printed number against a computed one (ok, near, DIFF by the printed
 * digits), and check_run over a small scenario (symbols matched by key, repeats, unknowns). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "check.h"
#include "scenario.h"
#include "testutil.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_compare),
        cmocka_unit_test(test_check_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
