/* ui_matrix.c - weight matrices in the document's own layout (to-from or from-to), read and written cells marked. */
#include "ui_matrix.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui_names.h"
#include "ui_text.h"

#define MX_NAME 192

/* One layer's section: which rows and columns are shown and how wide things are. */
typedef struct mx_sec {
    int l;
    bool from_to;        /* rows = source neurons (document 000), else rows = target neurons */
    int nrows, ncols;    /* of the weight matrix as written */
    int r0, rn, c0, cn;  /* shown window */
    int labw, cellw;     /* row label width, cell width */
    bool grads;          /* the gradient matrix is drawn beside */
    int width, height;
} mx_sec;

/* Weight index of the cell at row r, column c of the written matrix. */
static int mx_windex(const net *n, const mx_sec *s, int r, int c)
{
    return s->from_to ? net_windex(n, s->l, c, r) : net_windex(n, s->l, r, c);
}

/* Row and column of the cell the current event is about in layer l, -1 when none. */
static void mx_focus(const ui_state *u, const mx_sec *s, int *fr, int *fc)
{
    const marks *mk = session_marks(u->s);
    const net *n = stepper_view(session_stepper(u->s))->net;
    *fr = *fc = -1;
    for (int r = 0; r < s->nrows; r++)
        for (int c = 0; c < s->ncols; c++) {
            int pi = mx_windex(n, s, r, c);
            if (mk->param[pi] == MARKS_WRITE || mk->grad[pi] == MARKS_WRITE) {
                *fr = r;
                *fc = c;
                return;
            }
            if ((mk->param[pi] || mk->grad[pi]) && *fr < 0) {
                *fr = r;
                *fc = c;
            }
        }
}

static void mx_window(int n, int avail, int focus, int *first, int *count)
{
    if (n <= avail) {
        *first = 0;
        *count = n;
        return;
    }
    *count = avail < 1 ? 1 : avail;
    int f = focus < 0 ? 0 : focus - *count / 2;
    if (f > n - *count)
        f = n - *count;
    *first = f < 0 ? 0 : f;
}

/* Sizes a section to at most h × w. */
static void mx_size(const ui_state *u, mx_sec *s, int l, int h, int w, int digits)
{
    const net *n = stepper_view(session_stepper(u->s))->net;
    const int L = n->spec.nlayers - 1;
    memset(s, 0, sizeof *s);
    s->l = l;
    s->from_to = session_scenario(u->s)->layout[l] == 1;
    int nin = n->spec.size[l - 1], nout = n->spec.size[l];
    s->nrows = s->from_to ? nin : nout;
    s->ncols = s->from_to ? nout : nin;
    int rl = s->from_to ? l - 1 : l, cl = s->from_to ? l : l - 1;
    int rsym = rl == 0 ? NT_X : NT_A, csym = cl == 0 ? NT_X : NT_A;
    s->labw = ui_names_width(u, (nt_sym)rsym, rl);
    int bl = ui_text_width("b");
    s->labw = s->labw > bl ? s->labw : bl;
    const int pw = ui_numwidth_get(u->numw, u->s, digits, UI_NUM_PARAM);
    const int gw = ui_numwidth_get(u->numw, u->s, digits, UI_NUM_GRAD);
    s->cellw = (pw > gw ? pw : gw) + 1;
    int cw = ui_names_width(u, (nt_sym)csym, cl);
    if (cw + 1 > s->cellw)
        s->cellw = cw + 1;
    bool bias = n->nbias[l] > 0;
    /* Rows: header, column labels, matrix rows, a bias row when it is written as a row. */
    int fixed_h = 3 + (bias && s->from_to ? 1 : 0);
    int fr, fc;
    mx_focus(u, s, &fr, &fc);
    mx_window(s->nrows, h - fixed_h - (s->nrows > h - fixed_h ? 2 : 0), fr, &s->r0, &s->rn);
    /* Columns: label, cells, a bias column when rows are targets; then the same again for gradients. */
    int one = s->labw + 2 + (s->cellw + 1) * s->ncols + (bias && !s->from_to ? 2 + s->cellw + 1 : 0);
    s->grads = 2 * one + 4 <= w;
    int per = s->grads ? (w - 4) / 2 : w;
    int avail = (per - s->labw - 2 - (bias && !s->from_to ? s->cellw + 3 : 0) - 2) / (s->cellw + 1);
    mx_window(s->ncols, avail, fc, &s->c0, &s->cn);
    int mw = s->labw + 2 + (s->cellw + 1) * s->cn + (s->cn < s->ncols ? 2 : 0) +
             (bias && !s->from_to ? 2 + s->cellw + 1 : 0);
    s->width = s->grads ? 2 * mw + 4 : mw;
    s->height = fixed_h + s->rn + (s->rn < s->nrows ? 2 : 0);
    (void)L;
}

/* One cell: value right-aligned, mark and changed sign. */
static void mx_cell(ui_state *u, int y, int x, int w, double v, bool known, unsigned char mark, bool changed,
                    int digits, int pi)
{
    char buf[64];
    if (mark == MARKS_WRITE)
        ui_text_fill(y, x, w, ui_color_attr(ui_state_role(u, mark, UI_ROLE_NORMAL)));
    if (known) {
        ui_text_num(v, digits, buf, sizeof buf);
        ui_text_put_right(y, x + w - 1, w - 1, buf, ui_color_attr(ui_state_role(u, mark, ui_text_sign_role(v))));
    } else {
        ui_text_put_right(y, x + w - 1, w - 1, ui_text_glyph(UI_G_UNKNOWN), ui_color_attr(UI_ROLE_DIM));
    }
    if (changed)
        ui_text_put(y, x + w - 1, 1, ui_text_glyph(UI_G_CHANGED), ui_color_attr(UI_ROLE_CHANGED));
    if (u->sel.kind == UI_SEL_PARAM && u->sel.param == pi)
        ui_text_put(y, x, 1, "[", ui_color_attr(UI_ROLE_SELECTED));
    if (pi >= 0)
        ui_state_hit(u, y, x, w, (ui_sel){UI_SEL_PARAM, 0, 0, pi});
}

/* One matrix (values, or gradients when grad) with its labels at (y, x). */
static void mx_matrix(ui_state *u, const mx_sec *s, int y, int x, bool grad, int digits)
{
    const stepper *st = session_stepper(u->s);
    const marks *mk = session_marks(u->s);
    /* A caption over the matrix: the weights as they are now, or their gradients. */
    ui_text_put(y, x + s->labw + 2, s->width, grad ? _("gradients") : _("weights now"), ui_color_attr(UI_ROLE_DIM));
    y++;
    const step_view *v = stepper_view(st);
    const net *n = v->net;
    const int l = s->l;
    int rl = s->from_to ? l - 1 : l, cl = s->from_to ? l : l - 1;
    bool bias = n->nbias[l] > 0;
    char name[MX_NAME];
    int xc = x + s->labw + 2;
    /* Column labels. */
    for (int c = 0; c < s->cn; c++) {
        ui_names_unit(u, cl, s->c0 + c, name, sizeof name);
        ui_text_put_right(y, xc + (c + 1) * (s->cellw + 1) - 1, s->cellw, name, ui_color_attr(UI_ROLE_DIM));
    }
    int xb = xc + s->cn * (s->cellw + 1) + (s->cn < s->ncols ? 2 : 0) + 2;
    if (s->cn < s->ncols)
        ui_text_put(y + 1 + s->rn / 2 + (s->r0 > 0), xc + s->cn * (s->cellw + 1), 2, ui_text_glyph(UI_G_HDOTS),
                    ui_color_attr(UI_ROLE_DIM));
    if (bias && !s->from_to)
        ui_text_put_right(y, xb + s->cellw, s->cellw, "b", ui_color_attr(UI_ROLE_DIM));
    int yy = y + 1;
    if (s->r0 > 0) {
        ui_text_put(yy++, xc, s->cellw, ui_text_glyph(UI_G_VDOTS), ui_color_attr(UI_ROLE_DIM));
    }
    for (int r = 0; r < s->rn; r++, yy++) {
        int row = s->r0 + r;
        ui_names_unit(u, rl, row, name, sizeof name);
        ui_text_put_right(yy, x + s->labw, s->labw, name, ui_color_attr(UI_ROLE_DIM));
        ui_text_put(yy, x + s->labw + 1, 1, ui_text_glyph(UI_G_VLINE), ui_color_attr(UI_ROLE_FRAME));
        for (int c = 0; c < s->cn; c++) {
            int pi = mx_windex(n, s, row, s->c0 + c);
            int cx = xc + c * (s->cellw + 1);
            if (grad)
                mx_cell(u, yy, cx, s->cellw + 1, stepper_grad(st, pi), v->g_known[pi], mk->grad[pi], false, digits,
                        pi);
            else
                mx_cell(u, yy, cx, s->cellw + 1, n->params[pi], true, mk->param[pi], v->p_changed[pi], digits, pi);
        }
        if (bias && !s->from_to) {
            /* Rows are targets: the bias of row's neuron at the end of the row. */
            int pi = net_bindex(n, l, row);
            ui_text_put(yy, xb - 2, 1, ui_text_glyph(UI_G_VLINE), ui_color_attr(UI_ROLE_FRAME));
            if (grad)
                mx_cell(u, yy, xb, s->cellw + 1, stepper_grad(st, pi), v->g_known[pi], mk->grad[pi], false, digits,
                        pi);
            else
                mx_cell(u, yy, xb, s->cellw + 1, n->params[pi], true, mk->param[pi], v->p_changed[pi], digits, pi);
        }
    }
    if (s->r0 + s->rn < s->nrows)
        ui_text_put(yy++, xc, s->cellw, ui_text_glyph(UI_G_VDOTS), ui_color_attr(UI_ROLE_DIM));
    if (bias && s->from_to) {
        /* Columns are targets: the biases as one more row, as in net = wᵀx + b. */
        ui_text_put_right(yy, x + s->labw, s->labw, "b", ui_color_attr(UI_ROLE_DIM));
        ui_text_put(yy, x + s->labw + 1, 1, ui_text_glyph(UI_G_VLINE), ui_color_attr(UI_ROLE_FRAME));
        for (int c = 0; c < s->cn; c++) {
            int pi = net_bindex(n, l, s->c0 + c);
            int cx = xc + c * (s->cellw + 1);
            if (grad)
                mx_cell(u, yy, cx, s->cellw + 1, stepper_grad(st, pi), v->g_known[pi], mk->grad[pi], false, digits,
                        pi);
            else
                mx_cell(u, yy, cx, s->cellw + 1, n->params[pi], true, mk->param[pi], v->p_changed[pi], digits, pi);
        }
    }
}

/* The section's title: the layer, the names of its first and last weight, and the layout. */
static void mx_title(ui_state *u, const mx_sec *s, int y, int x, int w)
{
    const net *n = stepper_view(session_stepper(u->s))->net;
    char a[MX_NAME], b[MX_NAME], rn[MX_NAME], cn[MX_NAME], buf[4 * MX_NAME + 128];
    int last = net_windex(n, s->l, n->spec.size[s->l] - 1, n->spec.size[s->l - 1] - 1);
    ui_names_param(u, net_windex(n, s->l, 0, 0), a, sizeof a);
    ui_names_param(u, last, b, sizeof b);
    int rl = s->from_to ? s->l - 1 : s->l, cl = s->from_to ? s->l : s->l - 1;
    ui_names_unit(u, rl, 0, rn, sizeof rn);
    ui_names_unit(u, cl, 0, cn, sizeof cn);
    snprintf(buf, sizeof buf, _("layer %d: %s %s %s, rows %s%s, columns %s%s"), s->l, a, ui_text_glyph(UI_G_HDOTS), b,
             rn, ui_text_glyph(UI_G_HDOTS), cn, ui_text_glyph(UI_G_HDOTS));
    ui_text_put_ellipsis(y, x, w, buf, ui_color_attr(UI_ROLE_CAPTION));
}

/* True when every layer's matrices, with their gradients, fit whole in h × w at that many digits
 * (side by side, or stacked). */
static bool mx_fits(const ui_state *u, int h, int w, int digits)
{
    const int L = stepper_view(session_stepper(u->s))->net->spec.nlayers - 1;
    static mx_sec s;
    int side_w = 0, side_h = 0, stack_h = 0;
    bool whole_side = true, whole_stack = true;
    for (int l = 1; l <= L; l++) {
        mx_size(u, &s, l, h - 1, w, digits);
        side_w += s.width + 4;
        side_h = s.height > side_h ? s.height : side_h;
        whole_side = whole_side && s.grads && s.cn == s.ncols && s.rn == s.nrows;
        mx_size(u, &s, l, h - 1, w - 4, digits);
        stack_h += s.height + 1;
        whole_stack = whole_stack && s.grads && s.cn == s.ncols && s.rn == s.nrows;
    }
    return (L > 1 && whole_side && side_w <= w && side_h <= h) || (whole_stack && stack_h <= h);
}

/* Significant digits from the room there is: the most (6 down to 3) at which everything fits whole;
 * 4 when nothing does (the matrices are then windowed around the current event). */
static int mx_digits(const ui_state *u, int h, int w)
{
    for (int d = 6; d >= 3; d--)
        if (mx_fits(u, h, w, d))
            return d;
    return 4;
}

void ui_matrix_draw(ui_state *u, int y, int x, int h, int w)
{
    const stepper *st = session_stepper(u->s);
    const net *n = stepper_view(st)->net;
    const int L = n->spec.nlayers - 1;
    /* The heading says whose layout this is: the document's, rows and columns as it prints them. */
    ui_text_put_ellipsis(y, x + 2, w - 4, _("Weight matrices as the document writes them; cells read and written now are marked"),
                         ui_color_attr(UI_ROLE_CAPTION));
    y += 2;
    h -= 2;
    int digits = mx_digits(u, h, w);
    static mx_sec secs[NET_MAX_LAYERS];
    /* Side by side when every section fits the width, else stacked. */
    int total_w = 0, max_h = 0;
    for (int l = 1; l <= L; l++) {
        mx_size(u, &secs[l], l, h - 1, w, digits);
        total_w += secs[l].width + 4;
        max_h = secs[l].height > max_h ? secs[l].height : max_h;
    }
    bool side = total_w <= w && L > 1;
    if (side) {
        int xx = x + (w - total_w) / 2 + 2;
        for (int l = 1; l <= L; l++) {
            mx_sec *s = &secs[l];
            mx_title(u, s, y, xx, s->width + 2);
            mx_matrix(u, s, y + 1, xx, false, digits);
            if (s->grads)
                mx_matrix(u, s, y + 1, xx + s->width / 2 + 2, true, digits);
            xx += s->width + 4;
        }
        return;
    }
    /* Stacked in layer order; when they do not all fit, from the current event's layer on. */
    const step_event *ev = stepper_current(st);
    int fl = ev && ev->layer >= 1 ? ev->layer : 1;
    int need = 0;
    for (int l = 1; l <= L; l++)
        need += secs[l].height + 1;
    int from = need <= h ? 1 : fl;
    int yy = y;
    for (int l = from; l <= L; l++) {
        int left = y + h - yy;
        if (left < 6)
            break;
        mx_sec *s = &secs[l];
        mx_size(u, s, l, left - 1, w - 4, digits);
        mx_title(u, s, yy, x + 2, w - 4);
        mx_matrix(u, s, yy + 1, x + 2, false, digits);
        if (s->grads)
            mx_matrix(u, s, yy + 1, x + 2 + s->width / 2 + 2, true, digits);
        yy += s->height + 1;
    }
}
