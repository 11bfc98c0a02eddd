/* ui_chart.c - a line chart over epochs drawn in the terminal: braille dots in UTF-8, characters in ASCII. */
#include "ui_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_text.h"

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
    unsigned cp = 0x2800u + bits;
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    out[3] = '\0';
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

static bool ch_usable(const ui_chart *c, double v) { return isfinite(v) && (!c->log || v > 0); }

/* The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten at or above v (> 0). */
static double ch_nice_ceil(double v)
{
    static const double f[] = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
    double m = pow(10, floor(log10(v)));
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (f[i] * m >= v * (1 - 1e-12))
            return f[i] * m;
    return 10 * m;
}

/* A step of 1, 2, 2.5 or 5 times a power of ten giving about n steps over span. */
static double ch_nice_step(double span, int n)
{
    if (n < 1)
        n = 1;
    double raw = span / n, m = pow(10, floor(log10(raw))), f = raw / m;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * m;
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

/* The value axis: [lo, hi]. */
static void ch_range(const ui_chart *c, double *lo, double *hi)
{
    if (c->percent) {
        *lo = 0;
        *hi = 1;
        return;
    }
    double mn = INFINITY, mx = -INFINITY;
    for (int s = 0; s < c->nseries; s++)
        for (int i = 0; i < c->npts; i++) {
            double v = ch_value(&c->pts[i], c->series[s].field);
            if (!ch_usable(c, v))
                continue;
            mn = v < mn ? v : mn;
            mx = v > mx ? v : mx;
        }
    if (!isfinite(mn)) {
        *lo = c->log ? 0.1 : 0;
        *hi = 1;
        return;
    }
    if (c->log) {
        *lo = pow(10, floor(log10(mn)));
        *hi = pow(10, ceil(log10(mx)));
        if (*hi <= *lo)
            *hi = *lo * 10;
        return;
    }
    *lo = mn >= 0 ? 0 : -ch_nice_ceil(-mn);
    *hi = mx > 0 ? ch_nice_ceil(mx) : 0;
    if (*hi <= *lo)
        *hi = *lo + 1;
}

/* 0 at the bottom of the axis, 1 at its top. */
static double ch_norm(const ui_chart *c, double lo, double hi, double v)
{
    if (c->log)
        return (log10(v) - log10(lo)) / (log10(hi) - log10(lo));
    return (v - lo) / (hi - lo);
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

static void ch_value_label(const ui_chart *c, double v, char *out, size_t outsz)
{
    if (c->percent)
        snprintf(out, outsz, "%d%%", (int)lround(v * 100));
    else if (c->log)
        ch_power_label((int)lround(log10(v)), out, outsz);
    else
        ui_text_num(fabs(v) < 1e-12 ? 0.0 : v, 3, out, outsz);
}

/* The labelled values of the axis and their rows (0 = top plot row); returns how many. */
#define CH_TICKS 32
static int ch_ticks(const ui_chart *c, double lo, double hi, int rows, double *val, int *row)
{
    int n = 0;
    if (rows < 1)
        return 0;
    if (c->log) {
        int k0 = (int)lround(log10(lo)), k1 = (int)lround(log10(hi));
        int every = 1;
        while ((k1 - k0) / every + 1 > (rows + 1) / 2 && every < 64)
            every *= 2;
        for (int k = k1; k >= k0 && n < CH_TICKS; k -= every)
            val[n++] = pow(10, k);
    } else {
        int want = rows >= 12 ? 4 : rows >= 6 ? 2 : 1;
        if (c->percent)
            want = rows >= 8 ? 4 : rows >= 4 ? 2 : 1;
        double st = c->percent ? 1.0 / want : ch_nice_step(hi - lo, want);
        int steps = (int)floor((hi - lo) / st + 1e-9);
        for (int i = steps; i >= 0 && n < CH_TICKS; i--)
            val[n++] = lo + i * st;
        if (n > 0 && val[0] < hi - st * 1e-9 && n < CH_TICKS) {
            /* The top of the axis gets its label when the first tick is far enough below it. */
            int r0 = (int)lround((1 - ch_norm(c, lo, hi, val[0])) * (rows - 1));
            if (r0 >= 2) {
                memmove(val + 1, val, (size_t)n * sizeof *val);
                val[0] = hi;
                n++;
            }
        }
    }
    for (int i = 0; i < n; i++)
        row[i] = (int)lround((1 - ch_norm(c, lo, hi, val[i])) * (rows - 1));
    return n;
}

int ui_chart_overhead(const ui_chart *c) { return 2 + (c->x_labels ? 1 : 0); }

static int ch_rows(const ui_chart *c, int h) { return h - ui_chart_overhead(c); }

int ui_chart_label_width(const ui_chart *c, int h)
{
    double lo, hi, val[CH_TICKS];
    int row[CH_TICKS];
    ch_range(c, &lo, &hi);
    int n = ch_ticks(c, lo, hi, ch_rows(c, h), val, row), w = 1;
    for (int i = 0; i < n; i++) {
        char buf[32];
        ch_value_label(c, val[i], buf, sizeof buf);
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

void ui_chart_draw(const ui_chart *c, int y, int x, int h, int w)
{
    const int rows = ch_rows(c, h);
    if (rows < 2 || w < 16)
        return;
    double lo, hi, val[CH_TICKS];
    int row[CH_TICKS];
    ch_range(c, &lo, &hi);
    int nt = ch_ticks(c, lo, hi, rows, val, row);
    int labw = c->ylabw > 0 ? c->ylabw : ui_chart_label_width(c, h);
    const int ax = x + labw + 1; /* the value axis */
    const int px0 = ax + 1;
    int cw = x + w - px0 - 1, chh = rows;
    if (cw > CH_MAXW)
        cw = CH_MAXW;
    if (chh > CH_MAXH)
        chh = CH_MAXH;
    if (cw < 4)
        return;

    ch_legend(c, y, x, w);

    /* The value axis and its labels. */
    const bool uni = ui_text_unicode();
    attr_t fr = ui_color_attr(UI_ROLE_FRAME), dim = ui_color_attr(UI_ROLE_DIM);
    for (int r = 0; r < chh; r++)
        ui_text_put(y + 1 + r, ax, 1, ui_text_glyph(UI_G_VLINE), fr);
    for (int i = 0; i < nt; i++) {
        if (row[i] < 0 || row[i] >= chh)
            continue;
        char buf[32];
        ch_value_label(c, val[i], buf, sizeof buf);
        ui_text_put_right(y + 1 + row[i], x + labw, labw, buf, dim);
        ui_text_put(y + 1 + row[i], ax, 1, uni ? "┤" : "+", fr);
    }

    /* The curves. */
    ch_canvas *cv = &ch_cv;
    cv->braille = uni;
    cv->pw = uni ? 2 * cw : cw;
    cv->ph = uni ? 4 * chh : chh;
    for (int r = 0; r < chh; r++) {
        memset(cv->bits[r], 0, (size_t)cw);
        memset(cv->owner[r], -1, (size_t)cw);
    }
    const double xm = c->x_max > 0 ? (double)c->x_max : 1.0;
    for (int s = 0; s < c->nseries; s++) {
        const ui_chart_series *se = &c->series[s];
        int count = 0, lx = 0, ly = 0;
        bool pen = false;
        for (int i = 0; i < c->npts; i++) {
            double v = ch_value(&c->pts[i], se->field);
            if (!ch_usable(c, v)) {
                pen = false;
                continue;
            }
            double nv = ch_norm(c, lo, hi, v);
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
    for (int r = 0; r < chh; r++)
        for (int col = 0; col < cw; col++) {
            int s = cv->owner[r][col];
            if (s < 0)
                continue;
            char g[8];
            if (uni) {
                ch_braille(cv->bits[r][col], g);
            } else {
                g[0] = c->series[s].ascii;
                g[1] = '\0';
            }
            ui_text_put(y + 1 + r, px0 + col, 1, g, ui_color_attr(c->series[s].role));
        }

    /* The epoch axis: ticks at round epochs, the state shown marked under it. */
    const int ya = y + 1 + chh;
    ui_text_put(ya, ax, 1, uni ? "└" : "+", fr);
    ui_text_hline(ya, px0, cw, fr);
    long st = (long)ch_nice_step(xm, cw / 7 > 1 ? cw / 7 : 1);
    if (st < 1)
        st = 1;
    int last_end = -1000;
    for (long e = 0; e <= c->x_max; e += st) {
        int col = (int)lround((double)e / xm * (cv->pw - 1)) / (uni ? 2 : 1);
        ui_text_put(ya, px0 + col, 1, uni ? "┴" : "+", fr);
        if (!c->x_labels)
            continue;
        char buf[32];
        snprintf(buf, sizeof buf, "%ld", e);
        int lw = (int)strlen(buf), lx = px0 + col - lw / 2;
        if (lx + lw > px0 + cw)
            lx = px0 + cw - lw;
        if (lx <= last_end + 1)
            continue;
        ui_text_put(ya + 1, lx, lw, buf, dim);
        last_end = lx + lw - 1;
    }
    if (c->x_labels) {
        const char *ep = _("epoch");
        int ew = ui_text_width(ep);
        if (px0 - ew - 1 >= x)
            ui_text_put(ya + 1, px0 - ew - 1, ew, ep, dim);
    }
    if (c->cursor >= 0 && c->cursor <= c->x_max) {
        int col = (int)lround((double)c->cursor / xm * (cv->pw - 1)) / (uni ? 2 : 1);
        ui_text_put(ya, px0 + col, 1, uni ? "▲" : "^", ui_color_attr(UI_ROLE_CAPTION));
    }
}
