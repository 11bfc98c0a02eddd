/* ui_chart.c - a line chart over epochs drawn in the terminal: braille dots in UTF-8, characters in ASCII. */
#include "ui_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_text.h"
#include "utf8.h"

#define CH_MAXW 400 /* plot cells at most (wider screens leave a margin) */
#define CH_MAXH 160

/* The plot's cells: braille dots and the curve each cell belongs to. */
typedef struct ch_canvas {
    bool braille;
    int pw, ph; /* dots */
    unsigned char bits[CH_MAXH][CH_MAXW];
    signed char owner[CH_MAXH][CH_MAXW];
} ch_canvas;

static ch_canvas ch_cv;

/* Braille dot bits by column (0, 1) and row (0..3) inside a cell: U+2800 + bits. */
static const unsigned char ch_bit[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

static void ch_braille(unsigned char bits, char *out)
{
    utf8_encode(0x2800u + bits, out);
}

static void ch_dot(ch_canvas *cv, int px, int py, int s)
{
    if (px < 0 || py < 0 || px >= cv->pw || py >= cv->ph)
        return;
    int cx = cv->braille ? px / 2 : px, cy = cv->braille ? py / 4 : py;
    if (cv->braille)
        cv->bits[cy][cx] |= ch_bit[px & 1][py & 3];
    cv->owner[cy][cx] = (signed char)s; /* the curve drawn last shows on top */
}

/* A line of dots from (x0, y0) to (x1, y1) (Bresenham); dotted lines set every
 * other dot, counting on across segments. The first dot is left out when skip. */
static void ch_line(ch_canvas *cv, int x0, int y0, int x1, int y1, int s, ui_chart_style st, int *count, bool skip)
{
    int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1, dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1, e = dx + dy;
    for (;;) {
        /* In ASCII each curve has its own character: dotting would only thin it. */
        if (!skip && (st == UI_CHART_SOLID || !cv->braille || (*count)++ % 2 == 0))
            ch_dot(cv, x0, y0, s);
        skip = false;
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * e;
        if (e2 >= dy) {
            e += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            e += dx;
            y0 += sy;
        }
    }
}

static double ch_value(const train_point *p, ui_chart_field f)
{
    switch (f) {
    case UI_CHART_TRAIN_ACC: return p->train_acc;
    case UI_CHART_VAL_ACC: return p->val_acc;
    default: return p->loss;
    }
}

long ui_chart_nice_epochs(long e)
{
    static const long f[] = {10, 15, 20, 30, 40, 50, 60, 80};
    if (e < 10)
        return 10;
    for (long m = 1; m <= 100000000000L; m *= 10)
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] * m >= e)
                return f[i] * m;
    return e;
}

int ui_chart_overhead(const ui_chart *c) { return 2 + (c->x_labels ? 1 : 0); }

static int ch_rows(const ui_chart *c, int h) { return h - ui_chart_overhead(c); }

/* Intervals the value axis may have on `rows` plot rows: a label at most every
 * third row, and no more than the SVG's (AXIS_MAX_INTERVALS), so a chart of 16
 * rows or more has the SVG's ticks. */
static int ch_intervals(int rows)
{
    int n = (rows - 1) / 3;
    return n < 1 ? 1 : n > AXIS_MAX_INTERVALS ? AXIS_MAX_INTERVALS : n;
}

void ui_chart_axis(const ui_chart *c, int h, axis *a)
{
    axis_span s = axis_span_none();
    bool log = c->log && !c->percent;
    if (c->percent) {
        axis_span_add(&s, false, 0);
        axis_span_add(&s, false, 1);
    }
    for (int k = 0; k < c->nseries && !c->percent; k++)
        for (int i = 0; i < c->npts; i++)
            axis_span_add(&s, log, ch_value(&c->pts[i], c->series[k].field));
    axis_make(a, s, log, ch_intervals(ch_rows(c, h)));
}

/* Exponent written with superscript digits (Unicode) or as 1e-3 (ASCII). */
static void ch_power_label(int k, char *out, size_t outsz)
{
    if (!ui_text_unicode()) {
        snprintf(out, outsz, "1e%d", k);
        return;
    }
    static const char *const sup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    char digits[16];
    snprintf(digits, sizeof digits, "%d", k < 0 ? -k : k);
    size_t o = (size_t)snprintf(out, outsz, "10%s", k < 0 ? "⁻" : "");
    for (const char *d = digits; *d && o + 4 < outsz; d++)
        o += (size_t)snprintf(out + o, outsz - o, "%s", sup[*d - '0']);
}

static void ch_value_label(const ui_chart *c, const axis *a, int i, char *out, size_t outsz)
{
    if (c->percent)
        snprintf(out, outsz, "%d%%", (int)lround(a->tick[i] * 100));
    else if (a->log)
        ch_power_label((int)a->tick[i], out, outsz);
    else
        ui_text_num(a->tick[i], a->digits, out, outsz);
}

/* The row of tick i: 0 is the top plot row. */
static int ch_tick_row(const axis *a, int i, int rows) { return (int)lround((1 - axis_tick_pos(a, i)) * (rows - 1)); }

int ui_chart_label_width(const ui_chart *c, int h)
{
    axis a;
    ui_chart_axis(c, h, &a);
    int w = 1;
    for (int i = 0; i < a.nticks; i++) {
        char buf[32];
        ch_value_label(c, &a, i, buf, sizeof buf);
        int lw = ui_text_width(buf);
        w = lw > w ? lw : w;
    }
    return w;
}

/* The legend: a sample of each curve as it is drawn, and its label. */
static void ch_legend(const ui_chart *c, int y, int x, int w)
{
    int xx = x;
    if (c->title && *c->title)
        xx += ui_text_put(y, xx, w, c->title, ui_color_attr(UI_ROLE_CAPTION)) + 3;
    for (int s = 0; s < c->nseries && xx < x + w; s++) {
        const ui_chart_series *se = &c->series[s];
        char sample[16];
        if (ui_text_unicode())
            snprintf(sample, sizeof sample, "%s", se->style == UI_CHART_SOLID ? "⠒⠒⠒" : "⠂⠂⠂");
        else
            snprintf(sample, sizeof sample, "%c%c%c", se->ascii, se->ascii, se->ascii);
        xx += ui_text_put(y, xx, x + w - xx, sample, ui_color_attr(se->role)) + 1;
        xx += ui_text_put(y, xx, x + w - xx, se->label, ui_color_attr(UI_ROLE_NORMAL)) + 3;
    }
}

/* Where a chart's parts go on the screen (ui_chart_draw's rectangle). */
typedef struct ch_geom {
    int y, x;     /* the rectangle's top left corner */
    int rows;     /* plot rows the axis is laid out for */
    int labw;     /* width of the value labels */
    int ax;       /* column of the value axis */
    int px0;      /* first plot column */
    int cw, chh;  /* plot cells drawn: columns and rows (at most CH_MAXW × CH_MAXH) */
    bool uni;     /* braille and box drawing (UTF-8), else ASCII */
    double xm;    /* the epoch at the right edge (x_max, at least 1) */
    attr_t fr;    /* the axes' attribute */
    attr_t dim;   /* the labels' */
} ch_geom;

/* The value axis and its labels. */
static void ch_value_axis(const ui_chart *c, const ch_geom *g, const axis *a)
{
    for (int r = 0; r < g->chh; r++)
        ui_text_put(g->y + 1 + r, g->ax, 1, ui_text_glyph(UI_G_VLINE), g->fr);
    for (int i = 0; i < a->nticks; i++) {
        int row = ch_tick_row(a, i, g->rows);
        if (row < 0 || row >= g->chh)
            continue;
        char buf[32];
        ch_value_label(c, a, i, buf, sizeof buf);
        ui_text_put_right(g->y + 1 + row, g->x + g->labw, g->labw, buf, g->dim);
        ui_text_put(g->y + 1 + row, g->ax, 1, g->uni ? "┤" : "+", g->fr);
    }
}

/* Curve s into the canvas: a line through its points, lifted where a value
 * has no place on the axis (NaN, or 0 on a log scale). */
static void ch_plot_series(ch_canvas *cv, const ui_chart *c, int s, const axis *a, double xm)
{
    const ui_chart_series *se = &c->series[s];
    int count = 0, lx = 0, ly = 0;
    bool pen = false;
    for (int i = 0; i < c->npts; i++) {
        double v = ch_value(&c->pts[i], se->field);
        if (!axis_usable(a->log, v)) {
            pen = false;
            continue;
        }
        double nv = axis_pos(a, v);
        nv = nv < 0 ? 0 : nv > 1 ? 1 : nv;
        int px = (int)lround((double)c->pts[i].epoch / xm * (cv->pw - 1));
        int py = (int)lround((1 - nv) * (cv->ph - 1));
        if (pen)
            ch_line(cv, lx, ly, px, py, s, se->style, &count, true);
        else
            ch_line(cv, px, py, px, py, s, UI_CHART_SOLID, &count, false);
        lx = px;
        ly = py;
        pen = true;
    }
}

/* The curves: every series into the canvas, then its cells onto the screen,
 * each in the colour of the curve drawn last there. */
static void ch_curves(const ui_chart *c, const ch_geom *g, const axis *a)
{
    ch_canvas *cv = &ch_cv;
    cv->braille = g->uni;
    cv->pw = g->uni ? 2 * g->cw : g->cw;
    cv->ph = g->uni ? 4 * g->chh : g->chh;
    for (int r = 0; r < g->chh; r++) {
        memset(cv->bits[r], 0, (size_t)g->cw);
        memset(cv->owner[r], -1, (size_t)g->cw);
    }
    for (int s = 0; s < c->nseries; s++)
        ch_plot_series(cv, c, s, a, g->xm);
    for (int r = 0; r < g->chh; r++)
        for (int col = 0; col < g->cw; col++) {
            int s = cv->owner[r][col];
            if (s < 0)
                continue;
            char glyph[8];
            if (g->uni) {
                ch_braille(cv->bits[r][col], glyph);
            } else {
                glyph[0] = c->series[s].ascii;
                glyph[1] = '\0';
            }
            ui_text_put(g->y + 1 + r, g->px0 + col, 1, glyph, ui_color_attr(c->series[s].role));
        }
}

/* The plot column of epoch e. */
static int ch_epoch_col(const ch_geom *g, long e)
{
    const int pw = g->uni ? 2 * g->cw : g->cw;
    return (int)lround((double)e / g->xm * (pw - 1)) / (g->uni ? 2 : 1);
}

/* Epoch e's number on row y, centred under its tick at plot column col but
 * inside the plot, unless it would touch the number before (ending at
 * *last_end, which it moves on). */
static void ch_epoch_number(const ch_geom *g, int y, int col, long e, int *last_end)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", e);
    int lw = (int)strlen(buf), lx = g->px0 + col - lw / 2;
    if (lx + lw > g->px0 + g->cw)
        lx = g->px0 + g->cw - lw;
    if (lx <= *last_end + 1)
        return;
    ui_text_put(y, lx, lw, buf, g->dim);
    *last_end = lx + lw - 1;
}

/* The epoch axis: ticks at round epochs (numbered when x_labels, never
 * overlapping), its name, and the state shown marked under it. */
static void ch_epoch_axis(const ui_chart *c, const ch_geom *g)
{
    const int ya = g->y + 1 + g->chh, px0 = g->px0, cw = g->cw;
    ui_text_put(ya, g->ax, 1, g->uni ? "└" : "+", g->fr);
    ui_text_hline(ya, px0, cw, g->fr);
    long st = (long)axis_step(g->xm / (cw / 7 > 1 ? cw / 7 : 1)); /* the value axis's 1-2-5 rule */
    if (st < 1)
        st = 1;
    int last_end = -1000;
    for (long e = 0; e <= c->x_max; e += st) {
        int col = ch_epoch_col(g, e);
        ui_text_put(ya, px0 + col, 1, g->uni ? "┴" : "+", g->fr);
        if (c->x_labels)
            ch_epoch_number(g, ya + 1, col, e, &last_end);
    }
    if (c->x_labels) {
        const char *ep = _("epoch");
        int ew = ui_text_width(ep);
        if (px0 - ew - 1 >= g->x)
            ui_text_put(ya + 1, px0 - ew - 1, ew, ep, g->dim);
    }
    if (c->cursor >= 0 && c->cursor <= c->x_max)
        ui_text_put(ya, px0 + ch_epoch_col(g, c->cursor), 1, g->uni ? "▲" : "^", ui_color_attr(UI_ROLE_CAPTION));
}

void ui_chart_draw(const ui_chart *c, int y, int x, int h, int w)
{
    ch_geom g = {.y = y, .x = x, .rows = ch_rows(c, h)};
    if (g.rows < 2 || w < 16)
        return;
    axis a;
    ui_chart_axis(c, h, &a);
    g.labw = c->ylabw > 0 ? c->ylabw : ui_chart_label_width(c, h);
    g.ax = x + g.labw + 1;
    g.px0 = g.ax + 1;
    g.cw = x + w - g.px0 - 1;
    g.chh = g.rows;
    if (g.cw > CH_MAXW)
        g.cw = CH_MAXW;
    if (g.chh > CH_MAXH)
        g.chh = CH_MAXH;
    if (g.cw < 4)
        return;
    ch_legend(c, y, x, w);
    g.uni = ui_text_unicode();
    g.fr = ui_color_attr(UI_ROLE_FRAME);
    g.dim = ui_color_attr(UI_ROLE_DIM);
    g.xm = c->x_max > 0 ? (double)c->x_max : 1.0;
    ch_value_axis(c, &g, &a);
    ch_curves(c, &g, &a);
    ch_epoch_axis(c, &g);
}
