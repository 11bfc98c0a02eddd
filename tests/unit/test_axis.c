/* test_axis.c - the value axis (axis.c): the 1-2-5 tick rule worked out by hand
 * on typical losses, and on the data that used to hang or garble the charts:
 * all 0, denormals, values near DBL_MAX, ±inf, NaN, min = max, zero and
 * negative values on a log axis; then invariants over a sweep of ranges
 * (bounded tick count, strictly increasing ticks, the range covering the data,
 * labels that write each tick exactly).
 *
 * The expected ticks are written as decimal literals: the compiler rounds them
 * to the nearest double, independently of axis.c's strtod. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axis.h"
#include "svg.h"
#include "testutil.h"

/* The axis of the values v[0..n-1] (any values: unusable ones are skipped). */
static axis ax_of(const double *v, int n, bool log, int intervals)
{
    axis_span s = axis_span_none();
    for (int i = 0; i < n; i++)
        axis_span_add(&s, log, v[i]);
    axis a;
    axis_make(&a, s, log, intervals);
    return a;
}

/* Fails unless a has exactly the range [lo, hi] and the ticks want[0..n-1] (bit for bit). */
static void ax_expect(const axis *a, double lo, double hi, const double *want, int n)
{
    if (a->lo != lo || a->hi != hi) {
        print_error("range [%.17g, %.17g], expected [%.17g, %.17g]\n", a->lo, a->hi, lo, hi);
        fail();
    }
    if (a->nticks != n) {
        print_error("%d ticks, expected %d\n", a->nticks, n);
        for (int i = 0; i < a->nticks; i++)
            print_error("  tick %d: %.17g\n", i, a->tick[i]);
        fail();
    }
    for (int i = 0; i < n; i++)
        if (a->tick[i] != want[i]) {
            print_error("tick %d is %.17g, expected %.17g\n", i, a->tick[i], want[i]);
            fail();
        }
}

#define EXPECT(a, lo, hi, ...)                                          \
    do {                                                                \
        const double want_[] = {__VA_ARGS__};                           \
        ax_expect(&(a), (lo), (hi), want_, (int)(sizeof want_ / sizeof want_[0])); \
    } while (0)

static void test_step_rule(void **state)
{
    (void)state;
    /* The smallest 1, 2 or 5 times a power of ten at or above raw. */
    assert_true(axis_step(0.058) == 0.1);
    assert_true(axis_step(0.1) == 0.1);
    assert_true(axis_step(0.11) == 0.2);
    assert_true(axis_step(2) == 2);
    assert_true(axis_step(2.01) == 5);
    assert_true(axis_step(25) == 50); /* no 2.5: 1-2-5 */
    assert_true(axis_step(5.5) == 10);
    assert_true(axis_step(1000) == 1000);
    assert_true(axis_step(999.9999999999999) == 1000);
    assert_true(axis_step(3e-5) == 5e-5);
    assert_true(axis_step(1e308) == 1e308);
    assert_true(axis_step(1.5e308) == DBL_MAX); /* 2e308 does not exist */
    assert_true(axis_step(5e-324) == 5e-324);   /* 5·10^-324 rounds to the least denormal */
    assert_true(axis_step(1e-310) == 1e-310);
    assert_true(axis_step(0) == 1);
    assert_true(axis_step(-3) == 1);
    assert_true(axis_step(NAN) == 1);
    assert_true(axis_step(INFINITY) == 1);
}

static void test_span(void **state)
{
    (void)state;
    axis_span s = axis_span_none();
    assert_true(s.min > s.max);
    axis_span_add(&s, false, NAN);
    axis_span_add(&s, false, INFINITY);
    axis_span_add(&s, false, -INFINITY);
    assert_true(s.min > s.max);
    axis_span_add(&s, false, 0.5);
    axis_span_add(&s, false, -2);
    axis_span_add(&s, false, NAN);
    assert_true(s.min == -2 && s.max == 0.5);
    axis_span l = axis_span_none();
    axis_span_add(&l, true, 0);
    axis_span_add(&l, true, -0.0);
    axis_span_add(&l, true, -1);
    axis_span_add(&l, true, NAN);
    axis_span_add(&l, true, INFINITY);
    assert_true(l.min > l.max);
    axis_span_add(&l, true, 5e-324);
    assert_true(l.min == 5e-324 && l.max == 5e-324);
    assert_true(axis_usable(false, 0) && !axis_usable(true, 0) && !axis_usable(false, NAN));
}

static void test_typical(void **state)
{
    (void)state;
    /* Document 000's losses over 100 epochs, 0.0283 .. 0.29: 0.29/5 = 0.058 -> step 0.1. */
    const double doc[] = {0.29, 0.2, 0.1, 0.0283};
    axis a = ax_of(doc, 4, false, 5);
    EXPECT(a, 0, 0.3, 0, 0.1, 0.2, 0.3);
    assert_int_equal(a.digits, 1);
    assert_false(a.log);
    /* 2 intervals: 0.29/2 = 0.145 -> 0.2, up to 0.4. */
    a = ax_of(doc, 4, false, 2);
    EXPECT(a, 0, 0.4, 0, 0.2, 0.4);
    /* Log: decades 10^-2 .. 10^0, every one. */
    a = ax_of(doc, 4, true, 5);
    EXPECT(a, -2, 0, -2, -1, 0);
    assert_true(a.log);
    /* 1.01/5 = 0.202 -> 0.5: three intervals up to 1.5; labels need 2 digits (1.5). */
    const double v101[] = {1.01};
    a = ax_of(v101, 1, false, 5);
    EXPECT(a, 0, 1.5, 0, 0.5, 1, 1.5);
    assert_int_equal(a.digits, 2);
    /* 10 .. 730 (whole numbers): 146 -> 200. */
    const double big[] = {730, 10};
    a = ax_of(big, 2, false, 5);
    EXPECT(a, 0, 800, 0, 200, 400, 600, 800);
    assert_int_equal(a.digits, 1);
    /* Log over 7 decades: 7/5 = 1.4 -> every 2nd decade, on multiples of 2: 10^-8 .. 10^0. */
    const double wide[] = {1e-7, 0.5, 1};
    a = ax_of(wide, 3, true, 5);
    EXPECT(a, -8, 0, -8, -6, -4, -2, 0);
    /* Negative values (a linear axis always includes 0): -0.5 .. 0.5 by 0.2 would be
     * 6 intervals (-0.6 .. 0.6), so the step grows to 0.5. */
    const double pm[] = {-0.5, 0.5};
    a = ax_of(pm, 2, false, 5);
    EXPECT(a, -0.5, 0.5, -0.5, 0, 0.5);
    /* One interval cannot hold 0 inside: two, -1 .. 1. */
    a = ax_of(pm, 2, false, 1);
    EXPECT(a, -1, 1, -1, 0, 1);
    /* All negative: -3 .. -0.2 -> 3/5 = 0.6 -> step 1. */
    const double neg[] = {-3, -0.2};
    a = ax_of(neg, 2, false, 5);
    EXPECT(a, -3, 0, -3, -2, -1, 0);
    /* Percent, as both charts' accuracy axes: 0 .. 1 by 0.2. */
    const double pc[] = {0, 1};
    a = ax_of(pc, 2, false, 5);
    EXPECT(a, 0, 1, 0, 0.2, 0.4, 0.6, 0.8, 1);
}

static void test_no_data(void **state)
{
    (void)state;
    /* Empty, all NaN, all ±inf: 0 .. 1 by 0.2 (linear), 10^-1 .. 10^0 (log). */
    const double junk[] = {NAN, INFINITY, -INFINITY, -NAN};
    for (int n = 0; n <= 4; n += 4) {
        axis a = ax_of(junk, n, false, 5);
        EXPECT(a, 0, 1, 0, 0.2, 0.4, 0.6, 0.8, 1);
        a = ax_of(junk, n, true, 5);
        EXPECT(a, -1, 0, -1, 0);
    }
    /* A perfect fit: every loss 0 (and -0). Linear: the same 0 .. 1; log: no
     * positive value, the same fallback (this hung the SVG: 0 · 10 = 0). */
    const double zero[] = {0, 0, -0.0, 0};
    axis a = ax_of(zero, 4, false, 5);
    EXPECT(a, 0, 1, 0, 0.2, 0.4, 0.6, 0.8, 1);
    a = ax_of(zero, 4, true, 5);
    EXPECT(a, -1, 0, -1, 0);
    /* Negative and zero values on a log axis are skipped: only 0.5 counts. */
    const double mixed[] = {-4, 0, 0.5, -0.0, NAN};
    a = ax_of(mixed, 5, true, 5);
    EXPECT(a, -1, 0, -1, 0);
    const double negonly[] = {-4, -1e-300, 0};
    a = ax_of(negonly, 3, true, 5);
    EXPECT(a, -1, 0, -1, 0);
    /* The ends are positive zeros (no "-0" label). */
    assert_false(signbit(a.hi));
    assert_false(signbit(a.tick[1]));
}

static void test_min_equals_max(void **state)
{
    (void)state;
    /* 2/5 = 0.4 -> 0.5. */
    const double two[] = {2, 2, 2};
    axis a = ax_of(two, 3, false, 5);
    EXPECT(a, 0, 2, 0, 0.5, 1, 1.5, 2);
    /* 0.3 on a tick: 0.3/5 = 0.06 -> 0.1; 0.3 is not rounded up to 0.4. */
    const double p3[] = {0.3};
    a = ax_of(p3, 1, false, 5);
    EXPECT(a, 0, 0.3, 0, 0.1, 0.2, 0.3);
    /* Log: a power of ten gets the decade above it; 3 lies in 10^0 .. 10^1. */
    const double one[] = {1};
    a = ax_of(one, 1, true, 5);
    EXPECT(a, 0, 1, 0, 1);
    const double milli[] = {0.001};
    a = ax_of(milli, 1, true, 5);
    EXPECT(a, -3, -2, -3, -2);
    const double three[] = {3};
    a = ax_of(three, 1, true, 5);
    EXPECT(a, 0, 1, 0, 1);
    /* A negative constant: -2 .. 0. */
    const double m2[] = {-2};
    a = ax_of(m2, 1, false, 5);
    EXPECT(a, -2, 0, -2, -1.5, -1, -0.5, 0);
}

static void test_denormals(void **state)
{
    (void)state;
    /* The least denormal, 4.94e-324: the step 1e-324 (4.94/5 -> 1 in units of
     * 1e-324) has multiples 1e-324 .. 5e-324 that round to 0 or to 4.94e-324:
     * two distinct ticks, the range 0 .. 4.94e-324. */
    const double d1[] = {5e-324};
    axis a = ax_of(d1, 1, false, 5);
    EXPECT(a, 0, 5e-324, 0, 5e-324);
    assert_int_equal(a.digits, 1); /* "5e-324" reads back as 4.94e-324 */
    /* 1e-310 (a denormal of some 46 bits): step 2e-311. */
    const double d2[] = {1e-310, 0};
    a = ax_of(d2, 2, false, 5);
    EXPECT(a, 0, 1e-310, 0, 2e-311, 4e-311, 6e-311, 8e-311, 1e-310);
    /* Log: log10(4.94e-324) = -323.3, in the decade 10^-324 .. 10^-323, which
     * exists only as exponents (10^-324 is 0 as a double). */
    a = ax_of(d1, 1, true, 5);
    EXPECT(a, -324, -323, -324, -323);
    /* 1e-310 .. 1e-300: 10 decades, every 2nd. */
    const double d3[] = {1e-310, 1e-300};
    a = ax_of(d3, 2, true, 5);
    EXPECT(a, -310, -300, -310, -308, -306, -304, -302, -300);
    /* Positions stay finite and in order. */
    a = ax_of(d1, 1, false, 5);
    assert_true(axis_pos(&a, 0) == 0);
    assert_true(axis_pos(&a, 5e-324) == 1);
}

static void test_huge(void **state)
{
    (void)state;
    /* 1.7e308: 1.7e308/5 = 3.4e307 -> 5e307; the tick 2e308 is beyond DBL_MAX,
     * so the axis ends at DBL_MAX and the last tick is 1.5e308 (this hung the
     * SVG: its axis rounded to inf and v += step never passed it). */
    const double h[] = {1.7e308, 1e300};
    axis a = ax_of(h, 2, false, 5);
    EXPECT(a, 0, DBL_MAX, 0, 5e307, 1e308, 1.5e308);
    assert_int_equal(a.digits, 2);
    assert_close(axis_pos(&a, 1.7e308), 1.7e308 / DBL_MAX, 1e-15);
    /* Exactly 1e308: 1e308/5 = 2e307, up to 1e308 itself. */
    const double h1[] = {1e308};
    a = ax_of(h1, 1, false, 5);
    EXPECT(a, 0, 1e308, 0, 2e307, 4e307, 6e307, 8e307, 1e308);
    /* DBL_MAX on one interval: step 2e308 overflows, one tick (0) and the range to DBL_MAX. */
    const double hm[] = {DBL_MAX};
    a = ax_of(hm, 1, false, 1);
    EXPECT(a, 0, DBL_MAX, 0);
    a = ax_of(hm, 1, false, 5);
    EXPECT(a, 0, DBL_MAX, 0, 5e307, 1e308, 1.5e308);
    /* -DBL_MAX .. DBL_MAX: the span overflows a double; scaled, 3.6/5 -> 1e308,
     * the ends ±2e308 overflow: ±DBL_MAX. */
    const double pm[] = {-DBL_MAX, DBL_MAX};
    a = ax_of(pm, 2, false, 5);
    EXPECT(a, -DBL_MAX, DBL_MAX, -1e308, 0, 1e308);
    assert_true(axis_pos(&a, 0) == 0.5);
    assert_true(axis_pos(&a, DBL_MAX) == 1);
    assert_true(axis_pos(&a, -DBL_MAX) == 0);
    assert_true(axis_tick_pos(&a, 1) == 0.5);
    /* Log: 10^308 .. 10^309 as exponents (10^309 is inf as a double). */
    a = ax_of(h, 1, true, 5);
    EXPECT(a, 308, 309, 308, 309);
    /* From the least denormal to DBL_MAX: exponents -324 .. 309, 633/5 -> every
     * 200th decade, on multiples of 200. */
    const double all[] = {5e-324, DBL_MAX};
    a = ax_of(all, 2, true, 5);
    EXPECT(a, -400, 400, -400, -200, 0, 200, 400);
    assert_close(axis_pos(&a, 1), 0.5, 1e-15);
}

static void test_interval_bounds(void **state)
{
    (void)state;
    const double doc[] = {0.29, 0.0283};
    /* Asked for 0 or 1000 intervals: clamped to 1 and AXIS_MAX_INTERVALS. */
    axis a = ax_of(doc, 2, false, 0);
    EXPECT(a, 0, 0.5, 0, 0.5);
    a = ax_of(doc, 2, false, 1000);
    EXPECT(a, 0, 0.3, 0, 0.1, 0.2, 0.3);
    a = ax_of(doc, 2, false, -7);
    EXPECT(a, 0, 0.5, 0, 0.5);
}

/* Checks what holds for every axis: bounds, order, coverage, labels. */
static void ax_invariants(const axis *a, double mn, double mx, bool log, int intervals, bool have)
{
    char what[128];
    snprintf(what, sizeof what, "[%.17g, %.17g] %s, %d intervals", mn, mx, log ? "log" : "linear", intervals);
    if (!(a->nticks >= 1 && a->nticks <= AXIS_MAX_TICKS) || !isfinite(a->lo) || !isfinite(a->hi) || !(a->lo < a->hi)) {
        print_error("%s: %d ticks, range [%g, %g]\n", what, a->nticks, a->lo, a->hi);
        fail();
    }
    /* At most the intervals asked (clamped), or 2 when 0 (10^0) must be inside. */
    int most = intervals < 1 ? 1 : intervals > AXIS_MAX_INTERVALS ? AXIS_MAX_INTERVALS : intervals;
    if (most < 2)
        most = 2;
    if (a->nticks - 1 > most) {
        print_error("%s: %d ticks\n", what, a->nticks);
        fail();
    }
    for (int i = 0; i < a->nticks; i++) {
        if (!isfinite(a->tick[i]) || a->tick[i] < a->lo || a->tick[i] > a->hi || (i > 0 && !(a->tick[i] > a->tick[i - 1]))) {
            print_error("%s: tick %d = %.17g\n", what, i, a->tick[i]);
            fail();
        }
        double p = axis_tick_pos(a, i);
        if (!(p >= 0 && p <= 1)) {
            print_error("%s: tick %d at %g\n", what, i, p);
            fail();
        }
        if (log) {
            if (a->tick[i] != floor(a->tick[i])) {
                print_error("%s: tick %d = %.17g is not a whole exponent\n", what, i, a->tick[i]);
                fail();
            }
        } else {
            char buf[40];
            snprintf(buf, sizeof buf, "%.*g", a->digits, a->tick[i]);
            if (strtod(buf, NULL) != a->tick[i] || a->digits > 3) {
                print_error("%s: tick %.17g written with %d digits is %s\n", what, a->tick[i], a->digits, buf);
                fail();
            }
        }
    }
    if (!have)
        return;
    /* The range covers the data, and the data's positions are within [0, 1]. */
    if (log ? !(a->lo <= log10(mn) + 1e-9 && a->hi >= log10(mx) - 1e-9)
            : !(a->lo <= mn && a->lo <= 0 && a->hi >= mx && a->hi >= 0)) {
        print_error("%s: range [%.17g, %.17g] misses the data\n", what, a->lo, a->hi);
        fail();
    }
    double p0 = axis_pos(a, mn), p1 = axis_pos(a, mx);
    if (!(p0 >= -1e-9 && p1 <= 1 + 1e-9 && p0 <= p1)) {
        print_error("%s: data at %g .. %g\n", what, p0, p1);
        fail();
    }
    /* Linear ends are ticks unless they had to stop at ±DBL_MAX. */
    if (!log && ((a->lo != -DBL_MAX && a->tick[0] != a->lo) || (a->hi != DBL_MAX && a->tick[a->nticks - 1] != a->hi))) {
        print_error("%s: the ends [%.17g, %.17g] are not ticks\n", what, a->lo, a->hi);
        fail();
    }
}

/* The SVG chart draws accuracies only where they are fractions: no
 * validation line (nor legend entry) without validation rows, and a value
 * outside [0, 1] (found by the chart fuzzer: 6.7e305 drew at -inf) is no point. */
static void test_svg_accuracy_lines(void **state)
{
    (void)state;
    train_point pts[3] = {{0, 0.5, 0.25, NAN, 0.1}, {1, 0.25, 0.5, NAN, 0.1}, {2, 0.125, 0.75, NAN, 0.1}};
    char *doc = svg_chart("t", pts, 3, true, false);
    assert_non_null(doc);
    assert_null(strstr(doc, "validation accuracy"));
    assert_null(strstr(doc, "stroke-dasharray=\"6 4\" stroke-width=\"1.5\""));
    free(doc);
    for (int i = 0; i < 3; i++)
        pts[i].val_acc = 0.5;
    pts[1].train_acc = 6.7e305;
    doc = svg_chart("t", pts, 3, true, false);
    assert_non_null(doc);
    assert_non_null(strstr(doc, "validation accuracy"));
    assert_null(strstr(doc, "inf"));
    /* The training line has the two fractions only: y = 40 + 380·(1 − acc) of the plot. */
    static const char start[] = "stroke=\"#d06000\" stroke-width=\"1.5\" points=\"";
    const char *line = strstr(doc, start);
    assert_non_null(line);
    line += sizeof start - 1;
    const char *end = strchr(line, '"');
    int commas = 0;
    for (const char *c = line; c < end; c++)
        commas += *c == ',';
    assert_int_equal(commas, 2);
    free(doc);
}

static void test_sweep(void **state)
{
    (void)state;
    const double vals[] = {0, 5e-324, 1e-320, 2.2250738585072014e-308, 1e-300, 1e-20, 1e-5, 0.0283, 0.1, 0.29, 0.3,
                           1, 1.01, 2.5, 7, 9.99, 10, 123.456, 1e6, 3e15, 1e16, 1e100, 1e300, 1e307, 8.9e307,
                           1e308, 1.7e308, DBL_MAX, NAN, INFINITY};
    const int nv = (int)(sizeof vals / sizeof vals[0]);
    int checked = 0;
    for (int i = 0; i < nv; i++)
        for (int j = 0; j < nv; j++)
            for (int sgn = 0; sgn < 3; sgn++)
                for (int log = 0; log < 2; log++)
                    for (int iv = 0; iv <= AXIS_MAX_INTERVALS + 1; iv++) {
                        /* sgn: both as given, the first negated, both negated. */
                        double v[2] = {sgn ? -vals[i] : vals[i], sgn == 2 ? -vals[j] : vals[j]};
                        axis_span s = axis_span_none();
                        axis_span_add(&s, log, v[0]);
                        axis_span_add(&s, log, v[1]);
                        axis a;
                        axis_make(&a, s, log, iv);
                        ax_invariants(&a, s.min, s.max, log, iv, s.min <= s.max);
                        checked++;
                    }
    assert_int_equal(checked, nv * nv * 3 * 2 * (AXIS_MAX_INTERVALS + 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step_rule),     cmocka_unit_test(test_span),
        cmocka_unit_test(test_typical),       cmocka_unit_test(test_no_data),
        cmocka_unit_test(test_min_equals_max), cmocka_unit_test(test_denormals),
        cmocka_unit_test(test_huge),          cmocka_unit_test(test_interval_bounds),
        cmocka_unit_test(test_sweep),         cmocka_unit_test(test_svg_accuracy_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
