/* ui_trainview.c - the training view: chart(s) on the left; epoch, loss, η, accuracies, speed and the
 * weights as signs, digits and bars on the right. Only reads the session (session.h). */
#include "ui_trainview.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "notation.h"
#include "ui_chart.h"
#include "ui_names.h"
#include "ui_text.h"

#define TV_LINE 512

bool ui_trainview_key(ui_state *u, ui_action a)
{
    if (a != UI_ACT_LOG)
        return false;
    u->log_scale = !u->log_scale;
    return true;
}

/* ---- the weights ---- */

/* |v| in four columns: 4.12, 12.3, 123, 1234, then 2e05. */
static void tv_mag(double a, char *out, size_t outsz)
{
    if (a < 9.995)
        snprintf(out, outsz, "%.2f", a);
    else if (a < 99.95)
        snprintf(out, outsz, "%.1f", a);
    else if (a < 9999.5)
        snprintf(out, outsz, "%4.0f", a);
    else if (isfinite(a)) {
        int k = (int)floor(log10(a));
        int m = (int)lround(a / pow(10, k));
        if (m >= 10) {
            m = 1;
            k++;
        }
        snprintf(out, outsz, "%de%d", m % 10, k % 1000);
    } else
        snprintf(out, outsz, "%s", "inf");
}

/* A bar of |v|/scale of w columns: eighth blocks in UTF-8, '#' in ASCII. */
static void tv_bar(double frac, int w, char *out, size_t outsz)
{
    static const char *const part[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    size_t o = 0;
    out[0] = '\0';
    if (!(frac > 0) || w < 1)
        return;
    if (frac > 1)
        frac = 1;
    if (!ui_text_unicode()) {
        int n = (int)lround(frac * w);
        if (n < 1)
            n = 1; /* not zero: at least a mark */
        for (int i = 0; i < n && o + 1 < outsz; i++)
            out[o++] = '#';
        out[o] = '\0';
        return;
    }
    int eighths = (int)lround(frac * w * 8);
    if (eighths < 1)
        eighths = 1;
    for (int i = 0; i < eighths / 8 && o + 4 < outsz; i++)
        o += (size_t)snprintf(out + o, outsz - o, "%s", "█");
    if (eighths % 8 && o + 4 < outsz)
        snprintf(out + o, outsz - o, "%s", part[eighths % 8]);
}

/* One weight: sign, digits (when there is room) and bar, in w columns. */
static void tv_cell(int y, int x, int w, double v, double scale, bool digits)
{
    char buf[64], mag[16], bar[128];
    ui_role r = ui_text_sign_role(v);
    const char *sign = v > 0 ? "+" : v < 0 ? "-" : " ";
    int x0 = x;
    x += ui_text_put(y, x, 1, sign, ui_color_attr(r));
    if (digits) {
        tv_mag(fabs(v), mag, sizeof mag);
        snprintf(buf, sizeof buf, "%4s", mag);
        x += ui_text_put(y, x, 5, buf, ui_color_attr(r)) + 1;
    }
    int bw = x0 + w - x;
    if (bw >= 1 && scale > 0) {
        tv_bar(fabs(v) / scale, bw, bar, sizeof bar);
        ui_text_put(y, x, bw, bar, ui_color_attr(r));
    }
}

int ui_trainview_weights(ui_state *u, int y, int x, int h, int w)
{
    const net *n = session_train_net(u->s);
    const int L = n->spec.nlayers - 1;
    double scale = 0;
    for (int i = 0; i < n->nparams; i++)
        if (isfinite(n->params[i]) && fabs(n->params[i]) > scale)
            scale = fabs(n->params[i]);
    char buf[TV_LINE], num[64], name[NOTATION_MAX];
    int row = 0;
    if (h < 3)
        return 0;
    ui_text_num(scale, 3, num, sizeof num);
    snprintf(buf, sizeof buf, _("weights (longest bar: |w| = %s)"), num);
    if (ui_text_width(buf) > w)
        snprintf(buf, sizeof buf, _("weights (max |w| %s)"), num);
    ui_text_put_ellipsis(y + row++, x, w, buf, ui_color_attr(UI_ROLE_CAPTION));
    for (int l = 1; l <= L && row < h - 1; l++) {
        const int nin = n->spec.size[l - 1], nout = n->spec.size[l];
        const bool bias = n->nbias[l] > 0;
        const int ncells = nin + (bias ? 1 : 0);
        int namew = ui_names_width(u, NT_A, l);
        if (namew < 1)
            namew = 1;
        int avail = w - namew - 2;
        /* Cells: sign, digits and bar; sign and bar; or as many narrow cells as fit. */
        int cw = avail / ncells, shown = ncells;
        bool digits = cw >= 7;
        if (cw > 14)
            cw = 14;
        if (cw < 3) {
            cw = 3;
            shown = (avail - 2) / cw;
            if (shown < 1)
                shown = 1;
        }
        const int x0 = x + namew + 2;
        /* Column heads: the sources' names, b for the bias. */
        for (int c = 0; c < shown; c++) {
            const char *head = "b";
            if (c < nin) {
                ui_names_unit(u, l - 1, c, name, sizeof name);
                head = name;
            }
            if (ui_text_width(head) <= cw - 1)
                ui_text_put(y + row, x0 + c * cw + 1, cw - 1, head, ui_color_attr(UI_ROLE_DIM));
        }
        if (shown < ncells)
            ui_text_put(y + row, x0 + shown * cw, 2, ui_text_glyph(UI_G_HDOTS), ui_color_attr(UI_ROLE_DIM));
        row++;
        int left = h - row, rows = nout;
        if (rows > left) /* the rest is elided, with a marker */
            rows = left - 1 > 0 ? left - 1 : 0;
        for (int j = 0; j < rows; j++, row++) {
            ui_names_unit(u, l, j, name, sizeof name);
            ui_text_put_right(y + row, x + namew, namew, name, ui_color_attr(UI_ROLE_DIM));
            ui_text_put(y + row, x + namew + 1, 1, ui_text_glyph(UI_G_VLINE), ui_color_attr(UI_ROLE_FRAME));
            for (int c = 0; c < shown; c++) {
                int pi = c < nin ? net_windex(n, l, j, c) : net_bindex(n, l, j);
                tv_cell(y + row, x0 + c * cw, cw - 1, n->params[pi], scale, digits);
            }
            if (shown < ncells)
                ui_text_put(y + row, x0 + shown * cw, 2, ui_text_glyph(UI_G_HDOTS), ui_color_attr(UI_ROLE_DIM));
        }
        if (rows < nout && row < h) {
            /* TRANSLATORS: an elision mark ("⋮") and how many rows are not shown. */
            snprintf(buf, sizeof buf, ngettext("%s %d more", "%s %d more", (unsigned long)(nout - rows)),
                     ui_text_glyph(UI_G_VDOTS), nout - rows);
            ui_text_put(y + row++, x + 1, w - 1, buf, ui_color_attr(UI_ROLE_DIM));
        }
    }
    return row;
}

/* ---- the numbers ---- */

/* Splits s into rows of at most w columns at blanks; returns the rows drawn (at most maxrows). */
static int tv_wrap(int y, int x, int w, int maxrows, const char *s, attr_t a)
{
    int r = 0;
    while (s && *s && r < maxrows) {
        char cut[TV_LINE];
        const char *next = ui_text_wrap_row(s, w, false, cut, sizeof cut);
        if (r == maxrows - 1 && next && *next) { /* more than fits: the last row ends in "…" */
            ui_text_put_ellipsis(y + r, x, w, s, a);
            return r + 1;
        }
        ui_text_put(y + r++, x, w, cut, a);
        s = next;
    }
    return r;
}

/* "label ........ value": the value right-aligned; the short label when the long one leaves no room. */
static void tv_pair2(int y, int x, int w, const char *label, const char *shorter, const char *value, ui_role vr)
{
    if (shorter && ui_text_width(label) + 1 + ui_text_width(value) > w)
        label = shorter;
    ui_text_put(y, x, w, label, ui_color_attr(UI_ROLE_DIM));
    int lw = ui_text_width(label);
    ui_text_put_right(y, x + w, w - lw - 1, value, ui_color_attr(vr));
}

static void tv_pair(int y, int x, int w, const char *label, const char *value, ui_role vr)
{
    tv_pair2(y, x, w, label, NULL, value, vr);
}

static void tv_percent(double v, char *out, size_t outsz)
{
    if (isfinite(v))
        snprintf(out, outsz, "%.1f%%", v * 100);
    else
        snprintf(out, outsz, "%s", ui_text_glyph(UI_G_UNKNOWN));
}

/* "epoch": the epoch shown, and the scenario's epoch count when it fits. */
static void tv_epoch_row(ui_state *u, int y, int x, int w, long epoch)
{
    const scenario *sc = session_scenario(u->s);
    char buf[TV_LINE], val[TV_LINE];
    snprintf(val, sizeof val, "%ld", epoch);
    if (sc->epochs > 0) {
        snprintf(buf, sizeof buf, _("%ld (of %ld)"), epoch, sc->epochs);
        if (ui_text_width(buf) + 8 <= w)
            snprintf(val, sizeof val, "%s", buf);
    }
    tv_pair(y, x, w, _("epoch"), val, UI_ROLE_CAPTION);
}

/* "iteration" and the sample within the epoch, or "mode: full batch". */
static void tv_iteration_row(ui_state *u, int y, int x, int w)
{
    const stepper *st = session_stepper(u->s);
    char val[TV_LINE];
    if (session_batch(u->s))
        snprintf(val, sizeof val, "%s", _("full batch"));
    else {
        snprintf(val, sizeof val, _("%ld, sample %d of %d"), stepper_iteration(st) + 1, stepper_sample(st) + 1,
                 session_ntrain(u->s));
        if (ui_text_width(val) + ui_text_width(_("iteration")) + 1 > w)
            snprintf(val, sizeof val, "%ld", stepper_iteration(st) + 1);
    }
    tv_pair(y, x, w, session_batch(u->s) ? _("mode") : _("iteration"), val, UI_ROLE_NORMAL);
}

/* "mean loss E": the loss of the latest point at or before the epoch (naming that epoch when older). */
static void tv_loss_row(ui_state *u, int y, int x, int w, const train_point *p, long epoch)
{
    char buf[TV_LINE], val[TV_LINE], name[NOTATION_MAX];
    ui_names_symbol(u, NT_LOSS, 0, 0, 0, name, sizeof name);
    if (p) {
        ui_text_num(p->loss, 6, val, sizeof val);
        if (p->epoch != epoch) {
            snprintf(buf, sizeof buf, _("%s (epoch %ld)"), val, p->epoch);
            snprintf(val, sizeof val, "%s", buf);
        }
    } else {
        snprintf(val, sizeof val, "%s", ui_text_glyph(UI_G_UNKNOWN));
    }
    char sh[NOTATION_MAX + 16];
    snprintf(buf, sizeof buf, _("mean loss %s"), name);
    snprintf(sh, sizeof sh, "%s", name);
    tv_pair2(y, x, w, buf, sh, val, UI_ROLE_CAPTION);
}

/* "η": the learning rate, "(adaptive)", and the biases' own rate when it differs. */
static void tv_eta_row(ui_state *u, int y, int x, int w)
{
    const net_hyper *hp = session_train_hyper(u->s);
    char val[TV_LINE], name[NOTATION_MAX], num[64];
    ui_names_symbol(u, NT_ETA, 0, 0, 0, name, sizeof name);
    ui_text_num(hp->eta_w, 6, num, sizeof num);
    const char *ad = hp->adaptive ? _(" (adaptive)") : "";
    if (hp->eta_b != hp->eta_w) {
        char nb[NOTATION_MAX], vb[64];
        ui_names_symbol(u, NT_ETAB, 0, 0, 0, nb, sizeof nb);
        ui_text_num(hp->eta_b, 6, vb, sizeof vb);
        snprintf(val, sizeof val, "%.60s%.40s  %.120s %.60s", num, ad, nb, vb);
    } else {
        snprintf(val, sizeof val, "%.60s%.40s", num, ad);
    }
    tv_pair(y, x, w, name, val, UI_ROLE_NORMAL);
}

/* "speed (+ -)": epochs a second, or as fast as it goes. */
static void tv_speed_row(ui_state *u, int y, int x, int w)
{
    char val[TV_LINE];
    long rate = session_rate(u->s);
    if (rate > 0)
        snprintf(val, sizeof val, ngettext("%ld epoch/s", "%ld epochs/s", (unsigned long)rate), rate);
    else
        snprintf(val, sizeof val, "%s", _("as fast as it goes"));
    tv_pair2(y, x, w, _("speed (+ -)"), _("speed"), val, UI_ROLE_NORMAL);
}

/* What the run is doing, or why it stopped, in at most h rows (h >= 1); returns the rows used. */
static int tv_status(ui_state *u, int y, int x, int h, int w)
{
    char buf[TV_LINE];
    const char *note = session_note(u->s);
    if (session_training(u->s)) {
        snprintf(buf, sizeof buf, "%s %s", ui_text_glyph(UI_G_CYCLE), _("training: t pauses"));
        ui_text_put_ellipsis(y, x, w, buf, ui_color_attr(UI_ROLE_UPDATE));
    } else if (session_diverged(u->s)) {
        snprintf(buf, sizeof buf, "%s %s", ui_text_glyph(UI_G_BAD), _("DIVERGED: r resets"));
        ui_text_put_ellipsis(y, x, w, buf, ui_color_attr(UI_ROLE_ERROR));
    } else if (note[0]) {
        return tv_wrap(y, x, w, h < 3 ? h : 3, note, ui_color_attr(UI_ROLE_NORMAL));
    } else {
        ui_text_put_ellipsis(y, x, w, _("paused: t trains"), ui_color_attr(UI_ROLE_DIM));
    }
    return 1;
}

/* The run's numbers, a row each while they fit; returns the rows used. */
static int tv_numbers(ui_state *u, int y, int x, int h, int w)
{
    const long epoch = session_epoch(u->s);
    const train_point *p = session_point_at(u->s, epoch);
    const bool classes = session_scenario(u->s)->data.nclasses > 0;
    char val[TV_LINE];
    int r = 0;
    tv_epoch_row(u, y + r++, x, w, epoch);
    if (r < h)
        tv_iteration_row(u, y + r++, x, w);
    if (r < h)
        tv_loss_row(u, y + r++, x, w, p, epoch);
    if (r < h)
        tv_eta_row(u, y + r++, x, w);
    if (classes && r < h) {
        tv_percent(p ? p->train_acc : NAN, val, sizeof val);
        tv_pair2(y + r++, x, w, _("training accuracy"), _("train acc"), val, UI_ROLE_NORMAL);
    }
    if (classes && r < h) {
        tv_percent(p ? p->val_acc : NAN, val, sizeof val);
        tv_pair2(y + r++, x, w, _("validation accuracy"), _("val acc"), val, UI_ROLE_CAPTION);
    }
    if (r < h)
        tv_speed_row(u, y + r++, x, w);
    if (r < h)
        r += tv_status(u, y + r, x, h - r, w);
    return r;
}

/* ---- the view ---- */

/* The divergence message over the chart: framed, in the error role. */
static void tv_diverged(const ui_state *u, int y, int x, int h, int w)
{
    /* At the right of the plot: a diverging curve climbs at the left of the epoch shown. */
    int bw = w * 3 / 4 < 56 ? w * 3 / 4 : 56, bx = x + w - bw - 1;
    if (bw < 16 || h < 8)
        return;
    int by = y + h / 3;
    attr_t a = ui_color_attr(UI_ROLE_ERROR);
    for (int r = 0; r < 6 && by + r < y + h; r++)
        ui_text_fill(by + r, bx, bw, a);
    char buf[64];
    snprintf(buf, sizeof buf, "%s %s", ui_text_glyph(UI_G_BAD), _("TRAINING DIVERGED"));
    ui_text_put(by, bx + 1, bw - 2, buf, a);
    tv_wrap(by + 1, bx + 1, bw - 2, 5, session_note(u->s), a);
}

void ui_trainview_draw(ui_state *u, int y, int x, int h, int w)
{
    int rw = w * 2 / 5;
    rw = rw < 24 ? 24 : rw > 64 ? 64 : rw;
    int cw = w - rw - 2;
    if (cw < 30 || h < 8)
        return;
    int npts;
    const train_point *pts = session_points(u->s, &npts);
    const long epoch = session_epoch(u->s);
    long last = npts > 0 ? pts[npts - 1].epoch : 0;
    long xmax = ui_chart_nice_epochs(last > epoch ? last : epoch);
    const bool classes = session_scenario(u->s)->data.nclasses > 0;

    ui_chart loss;
    memset(&loss, 0, sizeof loss);
    loss.title = u->log_scale ? _("loss (log scale)") : _("loss");
    loss.pts = pts;
    loss.npts = npts;
    loss.nseries = 1;
    loss.series[0] = (ui_chart_series){_("mean over the training samples"), UI_CHART_LOSS, UI_CHART_SOLID, '*',
                                       UI_ROLE_CURVE_LOSS};
    loss.log = u->log_scale;
    loss.x_max = xmax;
    loss.cursor = epoch;
    loss.x_labels = !classes;
    int cx = x + 1, cy = y;
    if (classes) {
        ui_chart acc;
        memset(&acc, 0, sizeof acc);
        acc.title = _("accuracy");
        acc.pts = pts;
        acc.npts = npts;
        acc.nseries = 2;
        acc.series[0] = (ui_chart_series){_("training"), UI_CHART_TRAIN_ACC, UI_CHART_SOLID, '+', UI_ROLE_CURVE_TRAIN};
        acc.series[1] = (ui_chart_series){_("validation"), UI_CHART_VAL_ACC, UI_CHART_DOTTED, 'o', UI_ROLE_CURVE_VAL};
        acc.percent = true;
        acc.x_max = xmax;
        acc.cursor = epoch;
        acc.x_labels = true;
        int plot = h - ui_chart_overhead(&loss) - ui_chart_overhead(&acc);
        int lh = ui_chart_overhead(&loss) + (plot * 11 + 10) / 20;
        int ah = h - lh;
        int lw = ui_chart_label_width(&loss, lh), aw = ui_chart_label_width(&acc, ah);
        loss.ylabw = acc.ylabw = lw > aw ? lw : aw;
        ui_chart_draw(&loss, cy, cx, lh, cw);
        ui_chart_draw(&acc, cy + lh, cx, ah, cw);
    } else {
        ui_chart_draw(&loss, cy, cx, h, cw);
    }
    if (npts <= 1 && !session_training(u->s) && !session_diverged(u->s)) {
        const char *hint = _("t trains: each epoch's mean loss is drawn here");
        int hw = ui_text_width(hint);
        ui_text_put(y + h / 3, cx + (cw - hw) / 2 > cx ? cx + (cw - hw) / 2 : cx, cw, hint,
                    ui_color_attr(UI_ROLE_DIM));
    }
    if (session_diverged(u->s))
        tv_diverged(u, y, cx, h, cw);

    /* The right side: numbers, then the weights. */
    int rx = x + w - rw, r = 0;
    attr_t fr = ui_color_attr(UI_ROLE_FRAME);
    for (int i = 0; i < h; i++)
        ui_text_put(y + i, rx - 1, 1, ui_text_glyph(UI_G_VLINE), fr);
    r += tv_numbers(u, y, rx + 1, h, rw - 2);
    if (h - r >= 4) {
        r++;
        ui_trainview_weights(u, y + r, rx + 1, h - r, rw - 2);
    }
}
