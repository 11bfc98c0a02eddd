/* axis.h - a chart's value axis: its range and round ticks, one rule for the SVG and the terminal chart. */
#ifndef BPVIZ_AXIS_H
#define BPVIZ_AXIS_H

#include <stdbool.h>

/* An axis has at most this many intervals between ticks, so at most
 * AXIS_MAX_TICKS ticks: whatever the data, every loop over ticks is short. */
#define AXIS_MAX_INTERVALS 5
#define AXIS_MAX_TICKS (AXIS_MAX_INTERVALS + 1)

/* The values an axis must show: the least and the greatest usable value
 * added (min > max while none was). */
typedef struct axis_span {
    double min; /* least usable value added */
    double max; /* greatest usable value added */
} axis_span;

/* A value axis. Plain data, no pointers. */
typedef struct axis {
    bool log;                    /* logarithmic: lo, hi and tick[] are decimal exponents (log10 of values) */
    double lo, hi;               /* the range in axis units (values, or exponents when log); lo < hi, both finite */
    int nticks;                  /* ticks in tick[], 1 .. AXIS_MAX_TICKS */
    double tick[AXIS_MAX_TICKS]; /* strictly ascending, in axis units, within [lo, hi]; whole numbers when log */
    int digits;                  /* significant digits that write every tick of a linear axis
                                  * exactly with "%.*g" (1 .. 17; 1 when log) */
} axis;

/* Whether v can be drawn: finite, and positive on a log axis. */
bool axis_usable(bool log, double v);

/* An empty span. */
axis_span axis_span_none(void);

/* Widens s to include v when v is usable (axis_usable); ignores it otherwise
 * (NaN, ±inf, and zero or negative values on a log axis). */
void axis_span_add(axis_span *s, bool log, double v);

/* The tick rule: the smallest of 1, 2 and 5 times a power of ten that is at
 * least raw (up to a relative 1e-9), as a double; 1 when raw is not a
 * positive finite number, DBL_MAX when the step would overflow. */
double axis_step(double raw);

/* Builds the axis of the data in s with at most `intervals` intervals
 * (clamped to 1 .. AXIS_MAX_INTERVALS). Linear: the range includes 0 and
 * steps by axis_step; its ends are ticks unless rounding out would pass
 * ±DBL_MAX, where the end is ±DBL_MAX. Log: ticks at powers of ten, every
 * axis_step-th decade, the ends ticks too. No usable data gives [0, 1]
 * (linear, also when all the data are 0) or [10⁻¹, 10⁰] (log). */
void axis_make(axis *a, axis_span s, bool log, int intervals);

/* Where a usable value sits: 0 at the bottom of the range, 1 at its top. */
double axis_pos(const axis *a, double v);

/* Where tick i sits, as axis_pos. */
double axis_tick_pos(const axis *a, int i);

#endif
