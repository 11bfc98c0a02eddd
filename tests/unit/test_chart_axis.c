/* test_chart_axis.c - one run, one value axis: the SVG chart (svg.c) and the
 * terminal chart (ui_chart.c) ask axis.c for the same axis of the same points,
 * so a chart of 16 plot rows or more has exactly the SVG's ticks; shorter
 * terminal charts take fewer intervals by the same rule. The SVG document's
 * labels are read back to check that svg_chart draws that axis. Expected
 * ticks are worked out by hand (the 1-2-5 rule, at most 5 intervals).
 *
 * Links the terminal chart's object (mk/chart_axis.mk); nothing here draws,
 * so no terminal is needed. */
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
#include "train.h"
#include "ui_chart.h"

#define NPTS 5

/* Points of epochs 0..n-1 with these losses (accuracies NaN). */
static void pts_of(train_point *p, const double *loss, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (train_point){.epoch = i, .loss = loss[i], .train_acc = NAN, .val_acc = NAN, .eta = 0.5};
}

/* The training view's loss chart over p (as ui_trainview.c builds it). */
static ui_chart loss_chart(const train_point *p, int n, bool log)
{
    ui_chart c;
    memset(&c, 0, sizeof c);
    c.title = "loss";
    c.pts = p;
    c.npts = n;
    c.nseries = 1;
    c.series[0] = (ui_chart_series){"mean", UI_CHART_LOSS, UI_CHART_SOLID, '*', UI_ROLE_CURVE_LOSS};
    c.log = log;
    c.x_max = 10;
    c.cursor = n - 1;
    c.x_labels = true;
    return c;
}

/* Fails unless a and b are the same axis, bit for bit. */
static void same_axis(const axis *a, const axis *b, const char *what)
{
    bool same = a->log == b->log && a->lo == b->lo && a->hi == b->hi && a->nticks == b->nticks && a->digits == b->digits;
    for (int i = 0; same && i < a->nticks; i++)
        same = a->tick[i] == b->tick[i];
    if (!same) {
        print_error("%s: the SVG's axis [%.17g, %.17g] (%d ticks) differs from the terminal's [%.17g, %.17g] (%d ticks)\n",
                    what, a->lo, a->hi, a->nticks, b->lo, b->hi, b->nticks);
        fail();
    }
}

/* The left-axis labels of an SVG document, bottom tick first, blank-separated. */
static void svg_labels(const char *doc, const char *anchor_x, char *out, size_t outsz)
{
    char key[64];
    snprintf(key, sizeof key, "<text x=\"%s\" y=\"", anchor_x);
    out[0] = '\0';
    /* Ticks are written bottom first (ascending). */
    for (const char *p = strstr(doc, key); p; p = strstr(p + 1, key)) {
        const char *gt = strchr(p, '>'), *lt = gt ? strchr(gt, '<') : NULL;
        if (!lt)
            break;
        size_t o = strlen(out);
        snprintf(out + o, outsz - o, "%s%.*s", o ? " " : "", (int)(lt - gt - 1), gt + 1);
    }
}

static void test_same_ticks(void **state)
{
    (void)state;
    static const double sets[][NPTS] = {
        {0.29, 0.2, 0.1, 0.05, 0.0283},         /* document 000's fall */
        {0, 0, 0, 0, 0},                        /* a perfect fit */
        {1.62e308, 1.62e308, 1.7e308, 1e308, 5}, /* near DBL_MAX */
        {5e-324, 5e-324, 1e-310, 0, 0},         /* denormals */
        {NAN, INFINITY, 0.7, -INFINITY, 0.02},  /* non-finite points are skipped */
        {1.1, 0.8, 0.4, 0.03, 0.0187},          /* iris-like */
    };
    for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++)
        for (int log = 0; log < 2; log++)
            for (int h = 19; h <= 60; h += 41) { /* 16 and 57 plot rows */
                train_point p[NPTS];
                pts_of(p, sets[s], NPTS);
                axis a, b;
                svg_loss_axis(p, NPTS, log, &a);
                ui_chart c = loss_chart(p, NPTS, log);
                ui_chart_axis(&c, h, &b);
                char what[64];
                snprintf(what, sizeof what, "set %zu, %s, height %d", s, log ? "log" : "linear", h);
                same_axis(&a, &b, what);
            }
}

static void test_document_000(void **state)
{
    (void)state;
    const double loss[NPTS] = {0.29, 0.2, 0.1, 0.05, 0.0283};
    train_point p[NPTS];
    pts_of(p, loss, NPTS);
    /* 0.29/5 = 0.058 -> step 0.1: 0 .. 0.3. */
    axis a;
    ui_chart c = loss_chart(p, NPTS, false);
    ui_chart_axis(&c, 19, &a);
    assert_int_equal(a.nticks, 4);
    assert_true(a.lo == 0 && a.hi == 0.3 && a.tick[1] == 0.1 && a.tick[2] == 0.2 && a.tick[3] == 0.3);
    /* 9 plot rows: (9 - 1)/3 = 2 intervals; 0.29/2 = 0.145 -> 0.2: 0 .. 0.4. */
    ui_chart_axis(&c, 12, &a);
    assert_int_equal(a.nticks, 3);
    assert_true(a.lo == 0 && a.hi == 0.4 && a.tick[1] == 0.2 && a.tick[2] == 0.4);
    /* 3 plot rows: one interval, 0.5. */
    ui_chart_axis(&c, 6, &a);
    assert_int_equal(a.nticks, 2);
    assert_true(a.hi == 0.5);

    /* The SVG draws the same labels: value axis right-aligned at x = 74. */
    char *doc = svg_chart("t", p, NPTS, false, false), labels[256];
    assert_non_null(doc);
    svg_labels(doc, "74", labels, sizeof labels);
    assert_string_equal(labels, "0 0.1 0.2 0.3");
    free(doc);
    doc = svg_chart("t", p, NPTS, false, true);
    assert_non_null(doc);
    svg_labels(doc, "74", labels, sizeof labels);
    assert_string_equal(labels, "0.01 0.1 1");
    free(doc);
}

static void test_accuracy_axes(void **state)
{
    (void)state;
    const double loss[NPTS] = {1.1, 0.8, 0.4, 0.03, 0.0187};
    train_point p[NPTS];
    pts_of(p, loss, NPTS);
    for (int i = 0; i < NPTS; i++)
        p[i].train_acc = p[i].val_acc = i / 4.0;
    /* The terminal's accuracy chart: a 0..1 percent axis, by 0.2 from 16 rows. */
    ui_chart c = loss_chart(p, NPTS, false);
    c.percent = true;
    c.nseries = 2;
    c.series[0] = (ui_chart_series){"training", UI_CHART_TRAIN_ACC, UI_CHART_SOLID, '+', UI_ROLE_CURVE_TRAIN};
    c.series[1] = (ui_chart_series){"validation", UI_CHART_VAL_ACC, UI_CHART_DOTTED, 'o', UI_ROLE_CURVE_VAL};
    axis a;
    ui_chart_axis(&c, 19, &a);
    assert_int_equal(a.nticks, 6);
    assert_true(a.lo == 0 && a.hi == 1 && a.tick[1] == 0.2 && a.tick[4] == 0.8);
    /* The SVG's right axis: the same ticks (left-aligned at x = 736.0). */
    char *doc = svg_chart("t", p, NPTS, true, false), labels[256];
    assert_non_null(doc);
    svg_labels(doc, "736.0", labels, sizeof labels);
    assert_string_equal(labels, "0 0.2 0.4 0.6 0.8 1");
    /* Its loss axis: 1.1/5 = 0.22 -> 0.5: 0 .. 1.5. */
    svg_labels(doc, "74", labels, sizeof labels);
    assert_string_equal(labels, "0 0.5 1 1.5");
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_ticks),
        cmocka_unit_test(test_document_000),
        cmocka_unit_test(test_accuracy_axes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
