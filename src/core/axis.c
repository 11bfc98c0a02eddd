/* axis.c - a chart's value axis: its range and 1-2-5 ticks, bounded on any data (0, denormals, DBL_MAX, NaN). */
#include "axis.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one tick rule is 1-2-5: steps of 1, 2 or 5 times a power of ten. A tick
 * is then k·m·10^e with m in {1, 2, 5} and |k| at most AXIS_MAX_INTERVALS, so
 * every label needs at most two significant digits (0.05, 0.15, 25). The
 * 1-2-2.5-5 rule the terminal chart had needs a third (0.075, 7.5), which a
 * narrow terminal column pays for in width, and gave the SVG (1-2-5) and the
 * terminal different axes for the same run. */

/* Tolerance for quotients that should be whole numbers but carry rounding. */
#define AXIS_TOL 1e-9

/* Growing a step to the next 1-2-5 value at least doubles it (×2, ×2.5, ×2):
 * from span/intervals, ten growths always reach a step that covers the span in
 * at most two intervals, the fewest a range around 0 can have. */
#define AXIS_TRIES 10

bool axis_usable(bool log, double v) { return isfinite(v) && (!log || v > 0); }

axis_span axis_span_none(void) { return (axis_span){INFINITY, -INFINITY}; }

void axis_span_add(axis_span *s, bool log, double v)
{
    if (!axis_usable(log, v))
        return;
    s->min = v < s->min ? v : s->min;
    s->max = v > s->max ? v : s->max;
}

/* m·10^e as the double nearest to it (strtod rounds correctly, unlike pow):
 * 0 below the denormals, ±inf beyond DBL_MAX. */
static double axis_dec(long m, int e)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%lde%d", m, e);
    return strtod(buf, NULL);
}

/* x·10^e in two factors, so that neither overflows or underflows on its own
 * when x is a denormal or near DBL_MAX and the result is about 1. */
static double axis_scale(double x, int e)
{
    int h = e / 2;
    return x * axis_dec(1, h) * axis_dec(1, e - h);
}

/* The tick rule on a positive finite raw: m (1, 2 or 5) and e such that
 * m·10^e is the smallest such number at least raw. */
static void axis_nice(double raw, int *m, int *e)
{
    int k = (int)floor(log10(raw));
    double f = axis_scale(raw, -k); /* in [1, 10), up to rounding */
    if (f <= 1 + AXIS_TOL) {
        *m = 1;
    } else if (f <= 2 * (1 + AXIS_TOL)) {
        *m = 2;
    } else if (f <= 5 * (1 + AXIS_TOL)) {
        *m = 5;
    } else {
        *m = 1;
        k++;
    }
    *e = k;
}

/* The next step of the rule above m·10^e. */
static void axis_grow(int *m, int *e)
{
    if (*m == 1) {
        *m = 2;
    } else if (*m == 2) {
        *m = 5;
    } else {
        *m = 1;
        (*e)++;
    }
}

double axis_step(double raw)
{
    if (!(raw > 0) || !isfinite(raw))
        return 1;
    int m, e;
    axis_nice(raw, &m, &e);
    double v = axis_dec(m, e);
    return isfinite(v) ? v : DBL_MAX;
}

/* The fewest significant digits that write v exactly with %.*g. */
static int axis_digits(double v)
{
    for (int d = 1; d < 17; d++) {
        char buf[40];
        snprintf(buf, sizeof buf, "%.*g", d, v);
        if (strtod(buf, NULL) == v)
            return d;
    }
    return 17;
}

/* A linear axis over [mn, mx] (finite, not both 0) and 0. The steps are
 * chosen on the data scaled to about 1 (by 10^-E), so that neither a
 * denormal span nor one near DBL_MAX overflows or vanishes; the ticks are
 * then written as decimals k·m·10^(e+E) and rounded once. */
static void axis_linear(axis *a, double mn, double mx, int intervals)
{
    const double lo_d = mn < 0 ? mn : 0, hi_d = mx > 0 ? mx : 0;
    const int E = (int)floor(log10(-lo_d > hi_d ? -lo_d : hi_d));
    const double as = axis_scale(lo_d, -E), bs = axis_scale(hi_d, -E); /* within about [-10, 10] */
    /* A range around 0 has 0 as a tick, so at least two intervals. */
    const int most = lo_d < 0 && hi_d > 0 && intervals < 2 ? 2 : intervals;
    int m, e;
    axis_nice((bs - as) / intervals, &m, &e);
    long klo = 0, khi = 0;
    for (int t = 0; t < AXIS_TRIES; t++) {
        double st = axis_dec(m, e);
        klo = (long)floor(as / st + AXIS_TOL);
        khi = (long)ceil(bs / st - AXIS_TOL);
        /* The scaled ends are rounded: the true ends decide (an infinite end covers anything). */
        if (axis_dec(klo * m, e + E) > lo_d)
            klo--;
        if (axis_dec(khi * m, e + E) < hi_d)
            khi++;
        if (khi - klo <= most)
            break;
        axis_grow(&m, &e);
    }
    double lo = axis_dec(klo * m, e + E), hi = axis_dec(khi * m, e + E);
    a->lo = isfinite(lo) ? lo : -DBL_MAX;
    a->hi = isfinite(hi) ? hi : DBL_MAX;
    a->nticks = 0;
    for (long k = klo; k <= khi && a->nticks < AXIS_MAX_TICKS; k++) {
        double v = axis_dec(k * m, e + E);
        /* Beyond DBL_MAX there is no tick; among denormals neighbours can round to one value. */
        if (!isfinite(v) || (a->nticks > 0 && v <= a->tick[a->nticks - 1]))
            continue;
        a->tick[a->nticks++] = v;
        int d = axis_digits(v);
        a->digits = d > a->digits ? d : a->digits;
    }
}

/* A log axis over [mn, mx] (positive, finite), on decimal exponents: whole
 * exponents from about -324 to 309, so nothing here can overflow. */
static void axis_logarithmic(axis *a, double mn, double mx, int intervals)
{
    /* The tolerance keeps log10(0.001) = -2.9999999999999996 from adding a decade. */
    const double k0 = floor(log10(mn) + AXIS_TOL);
    double k1 = ceil(log10(mx) - AXIS_TOL);
    if (k1 <= k0)
        k1 = k0 + 1;
    /* A range around 10⁰ has 10⁰ as a tick, so at least two intervals. */
    const int most = k0 < 0 && k1 > 0 && intervals < 2 ? 2 : intervals;
    double every = axis_step((k1 - k0) / intervals), lo = k0, hi = k1;
    for (int t = 0; t < AXIS_TRIES; t++) {
        every = every < 1 ? 1 : every; /* whole decades */
        lo = floor(k0 / every) * every;
        hi = ceil(k1 / every) * every;
        if ((hi - lo) / every <= most + AXIS_TOL)
            break;
        every = axis_step(every * 1.5);
    }
    /* + 0.0: no -0 (ceil(-1e-9) is -0). */
    a->lo = lo + 0.0;
    a->hi = hi + 0.0;
    a->nticks = 0;
    for (int i = 0; i < AXIS_MAX_TICKS && lo + i * every <= hi; i++)
        a->tick[a->nticks++] = lo + i * every + 0.0;
}

void axis_make(axis *a, axis_span s, bool log, int intervals)
{
    memset(a, 0, sizeof *a);
    a->log = log;
    a->digits = 1;
    intervals = intervals < 1 ? 1 : intervals > AXIS_MAX_INTERVALS ? AXIS_MAX_INTERVALS : intervals;
    bool none = !(s.min <= s.max) || !axis_usable(log, s.min) || !axis_usable(log, s.max);
    if (log)
        axis_logarithmic(a, none ? 0.1 : s.min, none ? 1 : s.max, intervals);
    else if (none || (s.min == 0 && s.max == 0))
        axis_linear(a, 0, 1, intervals);
    else
        axis_linear(a, s.min, s.max, intervals);
}

/* Position of u (axis units) in [lo, hi]; halves first when hi - lo overflows. */
static double axis_at(const axis *a, double u)
{
    double d = a->hi - a->lo;
    if (isfinite(d))
        return (u - a->lo) / d;
    return (u / 2 - a->lo / 2) / (a->hi / 2 - a->lo / 2);
}

double axis_pos(const axis *a, double v) { return axis_at(a, a->log ? log10(v) : v); }

double axis_tick_pos(const axis *a, int i) { return axis_at(a, a->tick[i]); }
