/* test_formula.c - formula.c: the lines of document 000's events (rule, symbols, numbers), numbers
 * to a precision and the bound on their width, long sums elided. */
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
#include "formula.h"
#include "net.h"
#include "rng.h"
#include "scenario.h"
#include "stepper.h"
#include "testutil.h"

static void test_formula_doc000(void **state)
{
    (void)state;
    err e;
    long len;
    char *text = tu_fixture("doc000.bp", &len);
    scenario *sc = scenario_parse("doc000.bp", text, len, &e);
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
    free(text);
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

/* A long sum shows FORMULA_MAX_TERMS - 1 terms, the count of those left out,
 * and the last term: 11 + 8 + 1 = 20 inputs. */
static void test_formula_elision(void **state)
{
    (void)state;
    const net_spec sp = tu_spec("20 1", NET_ACT_IDENTITY, NET_BIAS_NONE);
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
        cmocka_unit_test(test_formula_doc000),
        cmocka_unit_test(test_formula_num),
        cmocka_unit_test(test_formula_num_width),
        cmocka_unit_test(test_formula_span),
        cmocka_unit_test(test_formula_elision),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
