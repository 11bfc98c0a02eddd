/* ui_chart.h - line charts over epochs: braille dots (2×4 per cell) in UTF-8, ASCII characters otherwise. */
#ifndef BPVIZ_UI_CHART_H
#define BPVIZ_UI_CHART_H

#include <stdbool.h>

#include "axis.h"
#include "train.h"
#include "ui_color.h"

/* What a curve plots of each point. */
typedef enum ui_chart_field { UI_CHART_LOSS, UI_CHART_TRAIN_ACC, UI_CHART_VAL_ACC } ui_chart_field;

/* How a curve is drawn, so that curves differ without colour: every dot of the
 * line, or every other one (braille); in ASCII each curve has its own character. */
typedef enum ui_chart_style { UI_CHART_SOLID, UI_CHART_DOTTED } ui_chart_style;

typedef struct ui_chart_series {
    const char *label;    /* legend text */
    ui_chart_field field;
    ui_chart_style style;
    char ascii;           /* the curve's character in ASCII */
    ui_role role;         /* its colour (the monochrome column is plain) */
} ui_chart_series;

#define UI_CHART_SERIES 3

typedef struct ui_chart {
    const char *title;         /* first row, before the legend */
    const train_point *pts;    /* points in epoch order */
    int npts;
    int nseries;
    ui_chart_series series[UI_CHART_SERIES];
    bool log;                  /* logarithmic value axis (positive values only) */
    bool percent;              /* a fixed 0..1 axis labelled in percent */
    long x_max;                /* the epoch axis runs from 0 to x_max */
    long cursor;               /* epoch marked on the axis (the state shown), -1 for none */
    bool x_labels;             /* epoch numbers under the axis (the lowest chart of a stack) */
    int ylabw;                 /* width of the value labels; 0: measured (stacked charts pass the same) */
} ui_chart;

/* Rows a chart needs besides its plot rows: title, axis, and the epoch labels when drawn. */
int ui_chart_overhead(const ui_chart *c);

/* Width of the value labels the chart would draw at height h (to align stacked charts). */
int ui_chart_label_width(const ui_chart *c, int h);

/* The value axis the chart draws at height h: axis.c's for the chart's
 * usable values (0..1 when percent), with fewer intervals on short charts
 * (a tick at most every third row); from 16 plot rows up the same axis as
 * svg_loss_axis for the same points. */
void ui_chart_axis(const ui_chart *c, int h, axis *a);

/* Draws the chart in the rectangle (y, x, h, w). */
void ui_chart_draw(const ui_chart *c, int y, int x, int h, int w);

/* The epoch axis's end for a run at epoch e: a round number at or above it, at least 10. */
long ui_chart_nice_epochs(long e);

#endif
