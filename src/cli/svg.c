/* svg.c - writes a training chart as a self-contained SVG document (no printing). */
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axis.h"
#include "i18n.h"
#include "strbuf.h"

#define SVG_W 800
#define SVG_H 480
#define SVG_L 80  /* plot margins */
#define SVG_R 70
#define SVG_T 50
#define SVG_B 60

static void svg_text_escaped(strbuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': strbuf_add(b, "&lt;"); break;
        case '>': strbuf_add(b, "&gt;"); break;
        case '&': strbuf_add(b, "&amp;"); break;
        case '"': strbuf_add(b, "&quot;"); break;
        default: strbuf_add(b, "%c", *s); break;
        }
    }
}

/* The label of a power of ten 10^k, as %g writes it (0.001, 100000, 1e+06)
 * but from the exponent, so that 10^-400 or 10^400 on a wide log axis reads
 * right instead of as 0 or inf. */
static void svg_pow10_label(strbuf *b, int k)
{
    if (k >= -4 && k <= 5)
        strbuf_add(b, "%g", pow(10, k));
    else
        strbuf_add(b, "1e%c%02d", k < 0 ? '-' : '+', k < 0 ? -k : k);
}

void svg_loss_axis(const train_point *pts, int n, bool log_scale, axis *a)
{
    axis_span s = axis_span_none();
    for (int i = 0; i < n; i++)
        axis_span_add(&s, log_scale, pts[i].loss);
    axis_make(a, s, log_scale, AXIS_MAX_INTERVALS);
}

/* The plot area and the data drawn in it. */
typedef struct svg_plot {
    const train_point *pts; /* [n] the epochs, in order (borrowed) */
    int n;
    bool log_scale;         /* the loss axis is logarithmic */
    double pw, ph;          /* width and height of the plot area */
    long e0, e1;            /* the epochs at the left and right edge (e1 > e0) */
    axis ax;                /* the loss axis */
} svg_plot;

/* x of an epoch, given as its distance from the left edge's (de = e - e0). */
static double svg_x(const svg_plot *p, double de) { return SVG_L + p->pw * de / (double)(p->e1 - p->e0); }

/* y of a loss on the loss axis. */
static double svg_y(const svg_plot *p, double v) { return SVG_T + p->ph * (1 - axis_pos(&p->ax, v)); }

/* The document's start, the title and the two axis lines. */
static void svg_frame(strbuf *b, const svg_plot *p, const char *title)
{
    strbuf_add(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                "font-family=\"sans-serif\" font-size=\"13\">\n",
            SVG_W, SVG_H, SVG_W, SVG_H);
    strbuf_add(b, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n<text x=\"%d\" y=\"28\" font-size=\"16\">",
            SVG_L);
    svg_text_escaped(b, title ? title : "");
    strbuf_add(b, "</text>\n");
    strbuf_add(b, "<g stroke=\"#999\" stroke-width=\"1\">\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n</g>\n",
            SVG_L, SVG_T, SVG_L, SVG_T + (int)p->ph, SVG_L, SVG_T + (int)p->ph, SVG_L + (int)p->pw, SVG_T + (int)p->ph);
}

/* The value axis: the ticks of axis.c, as the terminal chart has them, with grid lines. */
static void svg_loss_ticks(strbuf *b, const svg_plot *p)
{
    const axis *ax = &p->ax;
    for (int i = 0; i < ax->nticks; i++) {
        double y = SVG_T + p->ph * (1 - axis_tick_pos(ax, i));
        strbuf_add(b, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
                SVG_L, SVG_L + p->pw, y, y, SVG_L - 6, y + 4);
        if (ax->log)
            svg_pow10_label(b, (int)ax->tick[i]);
        else
            strbuf_add(b, "%.*g", ax->digits, ax->tick[i]);
        strbuf_add(b, "</text>\n");
    }
}

/* The epoch axis (whole epochs by the same 1-2-5 rule, about ten steps) and the axes' names. */
static void svg_epoch_ticks(strbuf *b, const svg_plot *p)
{
    double est = axis_step((double)(p->e1 - p->e0) / 10);
    est = est < 1 ? 1 : est;
    long nest = (long)floor((double)(p->e1 - p->e0) / est + 1e-9);
    for (long k = 0; k <= nest; k++) {
        double e = (double)p->e0 + (double)k * est; /* a whole number: "%.0f" writes 2000000, not 2e+06 */
        strbuf_add(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f</text>\n", svg_x(p, e - (double)p->e0),
                SVG_T + p->ph + 18, e);
    }
    strbuf_add(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", SVG_L + p->pw / 2, SVG_H - 15, _("epoch"));
    strbuf_add(b, "<text x=\"18\" y=\"%.1f\" transform=\"rotate(-90 18 %.1f)\" text-anchor=\"middle\" fill=\"#0060b0\">%s%s</text>\n",
            SVG_T + p->ph / 2, SVG_T + p->ph / 2, _("loss"), p->log_scale ? _(" (log scale)") : "");
}

/* The loss curve (blue); losses the axis cannot place (log scale: 0) are left out. */
static void svg_loss_curve(strbuf *b, const svg_plot *p)
{
    strbuf_add(b, "<polyline fill=\"none\" stroke=\"#0060b0\" stroke-width=\"2\" points=\"");
    for (int i = 0; i < p->n; i++)
        if (axis_usable(p->log_scale, p->pts[i].loss))
            strbuf_add(b, "%.1f,%.1f ", svg_x(p, (double)(p->pts[i].epoch - p->e0)), svg_y(p, p->pts[i].loss));
    strbuf_add(b, "\"/>\n");
}

/* The 0-1 right axis of the accuracies, its ticks by the same rule as the terminal's accuracy chart. */
static void svg_accuracy_axis(strbuf *b, const svg_plot *p)
{
    axis acc;
    axis_span s01 = axis_span_none();
    axis_span_add(&s01, false, 0);
    axis_span_add(&s01, false, 1);
    axis_make(&acc, s01, false, AXIS_MAX_INTERVALS);
    for (int t = 0; t < acc.nticks; t++) {
        double y = SVG_T + p->ph * (1 - acc.tick[t]);
        strbuf_add(b, "<text x=\"%.1f\" y=\"%.1f\">%.*g</text>\n", SVG_L + p->pw + 6, y + 4, acc.digits, acc.tick[t]);
    }
    strbuf_add(b, "<text x=\"%d\" y=\"%.1f\" transform=\"rotate(90 %d %.1f)\" text-anchor=\"middle\" fill=\"#d06000\">%s</text>\n",
            SVG_W - 18, SVG_T + p->ph / 2, SVG_W - 18, SVG_T + p->ph / 2, _("accuracy"));
}

/* The training accuracy (orange) and, with val, the validation accuracy (dashed black). */
static void svg_accuracy_curves(strbuf *b, const svg_plot *p, bool val)
{
    for (int which = 0; which < 1 + val; which++) {
        strbuf_add(b, which ? "<polyline fill=\"none\" stroke=\"#333\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\" points=\""
                          : "<polyline fill=\"none\" stroke=\"#d06000\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < p->n; i++) {
            double v = which ? p->pts[i].val_acc : p->pts[i].train_acc;
            if (v >= 0 && v <= 1) /* a fraction, or no point (NaN: no such rows) */
                strbuf_add(b, "%.1f,%.1f ", svg_x(p, (double)(p->pts[i].epoch - p->e0)), SVG_T + p->ph * (1 - v));
        }
        strbuf_add(b, "\"/>\n");
    }
}

/* One line of the legend, dy below its top: a sample of the curve (its
 * stroke attributes) and the curve's name. */
static void svg_legend_entry(strbuf *b, const svg_plot *p, int dy, const char *stroke, const char *name)
{
    const double pw = p->pw;
    strbuf_add(b, "<line x1=\"%.0f\" y1=\"%d\" x2=\"%.0f\" y2=\"%d\" %s/>"
                "<text x=\"%.0f\" y=\"%d\">%s</text>",
            SVG_L + pw - 220, SVG_T + dy, SVG_L + pw - 195, SVG_T + dy, stroke, SVG_L + pw - 190, SVG_T + dy + 4, name);
}

/* The legend of the three curves (two without validation rows); it sits
 * mid-height, where the falling loss and rising accuracy leave room. */
static void svg_legend(strbuf *b, const svg_plot *p, bool val)
{
    strbuf_add(b, "<g font-size=\"12\" transform=\"translate(0 %.0f)\"><rect x=\"%.0f\" y=\"%d\" width=\"200\" height=\"%d\" fill=\"white\" stroke=\"#ccc\"/>",
            p->ph * 0.4, SVG_L + p->pw - 228, SVG_T, val ? 60 : 42);
    svg_legend_entry(b, p, 12, "stroke=\"#0060b0\" stroke-width=\"2\"", _("loss"));
    svg_legend_entry(b, p, 30, "stroke=\"#d06000\" stroke-width=\"2\"", _("training accuracy"));
    if (val)
        svg_legend_entry(b, p, 48, "stroke=\"#333\" stroke-dasharray=\"6 4\"", _("validation accuracy"));
    strbuf_add(b, "</g>\n");
}

char *svg_chart(const char *title, const train_point *pts, int n, bool accuracy, bool log_scale)
{
    if (n < 1)
        return NULL;
    strbuf b = {0};
    svg_plot p = {.pts = pts, .n = n, .log_scale = log_scale, .pw = SVG_W - SVG_L - SVG_R, .ph = SVG_H - SVG_T - SVG_B};
    p.e0 = pts[0].epoch;
    p.e1 = pts[n - 1].epoch > p.e0 ? pts[n - 1].epoch : p.e0 + 1;
    svg_loss_axis(pts, n, log_scale, &p.ax);
    svg_frame(&b, &p, title);
    svg_loss_ticks(&b, &p);
    svg_epoch_ticks(&b, &p);
    svg_loss_curve(&b, &p);
    if (accuracy) {
        /* No validation rows: every val_acc is NaN, and the chart draws no
         * empty line for them nor names one in the legend. */
        bool val = false;
        for (int i = 0; i < n && !val; i++)
            val = pts[i].val_acc >= 0 && pts[i].val_acc <= 1;
        svg_accuracy_axis(&b, &p);
        svg_accuracy_curves(&b, &p, val);
        svg_legend(&b, &p, val);
    }
    strbuf_add(&b, "</svg>\n");
    return strbuf_take(&b);
}
