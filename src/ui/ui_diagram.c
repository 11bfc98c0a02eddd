/* ui_diagram.c - lays out and draws the layer diagram, from wide screens down to 80×24 and nets of any size. */
#include "ui_diagram.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui_names.h"
#include "ui_text.h"

#define DG_MAXVIS 256 /* neurons shown per layer at most */
#define DG_NAME 192   /* rendered names */

/* Where the outputs' targets and error terms go. */
typedef enum dg_ext { DG_EXT_BESIDE, DG_EXT_BELOW, DG_EXT_NONE } dg_ext;

/* How much each label says; tried from the richest down until it fits. */
typedef struct dg_cfg {
    int digits;  /* significant digits of every number */
    bool src;    /* a connection label starts with its source neuron's name */
    bool grads;  /* a connection label ends with its gradient once known */
    bool sdelta; /* short neuron rows also show delta */
    bool names;  /* a connection label carries the weight's name */
    dg_ext ext;  /* targets and error terms: beside the outputs, below them (tall blocks), or not drawn */
    int gap;     /* least blanks between a column and the next labels */
    bool fans;   /* connection labels at all (deep nets on narrow screens go without) */
} dg_cfg;

static const dg_cfg dg_cfgs[] = {
    {6, true, true, true, true, DG_EXT_BESIDE, 3, true},    {6, true, false, true, true, DG_EXT_BESIDE, 3, true},
    {6, false, false, true, true, DG_EXT_BESIDE, 3, true},  {6, true, false, true, true, DG_EXT_BELOW, 3, true},
    {6, false, false, true, true, DG_EXT_BELOW, 3, true},   {4, true, false, true, true, DG_EXT_BESIDE, 3, true},
    {4, true, false, true, true, DG_EXT_BELOW, 3, true},    {4, false, false, true, true, DG_EXT_BELOW, 3, true},
    {4, false, false, false, true, DG_EXT_BELOW, 2, true},  {3, false, false, false, true, DG_EXT_BELOW, 1, true},
    {4, false, false, true, true, DG_EXT_BELOW, 3, false},  {3, false, false, false, true, DG_EXT_BELOW, 2, false},
    {3, false, false, false, true, DG_EXT_NONE, 1, false},
};
#define DG_NCFGS ((int)(sizeof dg_cfgs / sizeof dg_cfgs[0]))

/* One column of neurons and the connection labels on its left. */
typedef struct dg_col {
    int l;                 /* layer */
    int n;                 /* neurons in the layer */
    int first, count;      /* the neurons shown */
    int bh, gap;           /* rows of a neuron block, blank rows between blocks */
    int ys[DG_MAXVIS];     /* top row of each shown block */
    int more_top, more_bot;/* rows of the "n more" markers, -1 when none */
    int x_fan, w_fan;      /* connection labels; w_fan 0 for the first column */
    int x, w;              /* the neurons */
    int namew;             /* widest neuron name */
    int vw;                /* width of its numbers */
    int srcw, wnamew;      /* widest source name and weight name of the labels */
} dg_col;

/* The whole layout of one frame. */
typedef struct dg_layout {
    dg_cfg cfg;
    bool tall;     /* z, a and delta on rows of their own (else one row per neuron) */
    bool fullfan;  /* every neuron's connections listed (else only those of the focus) */
    int wu, wp, wo, wg; /* widths of numbers: neuron values, parameters, outputs' extras, gradients */
    dg_ext ext;    /* where the targets and error terms went */
    int ncols;
    dg_col col[NET_MAX_LAYERS];
    int l_first, l_last; /* layers shown */
    int x_ext, w_ext;    /* target and error term beside the outputs (w_ext 0 when not beside) */
    int extnamew;
    int y_head, top, body, y_foot;
} dg_layout;

/* ---- measuring ---- */

static int dg_fanrows(const net *n, int l) { return n->spec.size[l - 1] + (n->nbias[l] ? 1 : 0); }

static int dg_gw(void) { return ui_text_width(ui_text_glyph(UI_G_HLINE)); }

/* Widths of every column for cfg; returns the total width. */
static int dg_measure(const ui_state *u, dg_layout *lo, const dg_cfg *cfg)
{
    const net *n = stepper_view(session_stepper(u->s))->net;
    const int L = n->spec.nlayers - 1;
    lo->cfg = *cfg;
    lo->wu = ui_numwidth_get(u->numw, u->s, cfg->digits, UI_NUM_UNIT);
    lo->wp = ui_numwidth_get(u->numw, u->s, cfg->digits, UI_NUM_PARAM);
    lo->wo = ui_numwidth_get(u->numw, u->s, cfg->digits, UI_NUM_OUT);
    lo->wg = ui_numwidth_get(u->numw, u->s, cfg->digits, UI_NUM_GRAD);
    lo->ext = lo->l_last == L ? cfg->ext : DG_EXT_NONE;
    if (lo->ext == DG_EXT_BELOW && !lo->tall)
        lo->ext = DG_EXT_NONE;
    const char *dsym = ui_text_unicode() ? "δ" : "d";
    int total = 0;
    for (int c = 0; c < lo->ncols; c++) {
        dg_col *col = &lo->col[c];
        int l = col->l;
        if (l == 0) {
            col->namew = ui_names_width(u, NT_X, 0);
        } else if (lo->tall) {
            int a = ui_names_width(u, NT_A, l), z = ui_names_width(u, NT_Z, l), d = ui_names_width(u, NT_DELTA, l);
            col->namew = a > z ? a : z;
            col->namew = d > col->namew ? d : col->namew;
        } else {
            /* One row per neuron: a, and delta beside it or in its place during the backward pass. */
            col->namew = ui_names_width(u, NT_A, l);
            if (l > 0 && !cfg->sdelta) {
                int d = ui_names_width(u, NT_DELTA, l);
                col->namew = d > col->namew ? d : col->namew;
            }
        }
        int vw = lo->wu;
        if (l == L && lo->ext == DG_EXT_BELOW) {
            /* Targets and error terms share the output's rows and columns. */
            int t = ui_names_width(u, NT_T, L), e = ui_names_width(u, NT_ERR, L);
            col->namew = t > col->namew ? t : col->namew;
            col->namew = e > col->namew ? e : col->namew;
            vw = lo->wo > vw ? lo->wo : vw;
        }
        col->vw = vw;
        /* bar, mark, name, blank, number */
        col->w = (l > 0 ? 1 : 0) + 1 + col->namew + 1 + vw;
        if (l > 0 && !lo->tall && cfg->sdelta)
            col->w += 1 + 1 + ui_text_width(dsym) + 1 + lo->wu;
        col->w_fan = 0;
        if (c > 0 && !cfg->fans) {
            col->srcw = col->wnamew = 0;
            total += cfg->gap + 1;
        } else if (c > 0) {
            col->srcw = cfg->src ? ui_names_width(u, l - 1 == 0 ? NT_X : NT_A, l - 1) : 0;
            col->wnamew = cfg->names ? ui_names_param_width(u, l) : 0;
            /* [source ] [name ] number changed [ ∂number] blank rule */
            col->w_fan = (cfg->src ? col->srcw + 1 : 0) + (cfg->names ? col->wnamew + 1 : 0) + lo->wp + 1 +
                         (cfg->grads ? 3 + lo->wg : 0) + 1 + dg_gw();
            total += cfg->gap; /* blanks before the labels: columns must not run together */
        }
        total += col->w_fan + col->w;
    }
    lo->w_ext = 0;
    if (lo->ext == DG_EXT_BESIDE) {
        int t = ui_names_width(u, NT_T, L), e = lo->tall ? ui_names_width(u, NT_ERR, L) : 0;
        lo->extnamew = t > e ? t : e;
        lo->w_ext = 1 + lo->extnamew + 1 + lo->wo;
        total += 2 + lo->w_ext;
    }
    return total;
}

/* Spreads the slack over the gaps and places every column. */
static void dg_place_x(dg_layout *lo, int x0, int w, int total)
{
    int gaps = lo->ncols - 1 + (lo->w_ext ? 1 : 0);
    int slack = w - total;
    int per = gaps > 0 ? slack / (gaps + 1) : 0; /* keep as much again for the margins */
    if (per > 12)
        per = 12;
    int used = total + per * gaps;
    int x = x0 + (w - used) / 2;
    for (int c = 0; c < lo->ncols; c++) {
        dg_col *col = &lo->col[c];
        if (c > 0) {
            x += lo->cfg.gap + per;
            col->x_fan = x;
            x += col->w_fan;
        }
        col->x = x;
        x += col->w;
    }
    lo->x_ext = x + 2 + per;
}

/* Rows a column needs with blocks of bh rows and gap rows between them. */
static int dg_colh(int n, int bh, int gap) { return n * bh + (n - 1) * gap; }

/* The neuron of layer l the current event is about, or -1. */
static int dg_focus(const ui_state *u, int l)
{
    const stepper *st = session_stepper(u->s);
    const marks *mk = session_marks(u->s);
    const step_event *ev = stepper_current(st);
    const net_spec *sp = &session_scenario(u->s)->spec;
    if (ev && ev->layer == l && ev->kind != EV_LOSS && ev->j >= 0 && ev->j < sp->size[l])
        return ev->j;
    int best = -1;
    for (int j = 0; j < sp->size[l]; j++) {
        int unit = stepper_unit(st, l, j);
        int m = mk->z[unit] > mk->a[unit] ? mk->z[unit] : mk->a[unit];
        m = mk->delta[unit] > m ? mk->delta[unit] : m;
        if (m == MARKS_WRITE)
            return j;
        if (m == MARKS_READ && best < 0)
            best = j;
    }
    if (best < 0 && u->sel.kind == UI_SEL_NEURON && u->sel.layer == l)
        best = u->sel.j;
    return best;
}

/* Places the blocks of every column in the body rows. */
static void dg_place_y(const ui_state *u, dg_layout *lo)
{
    int D = 0;
    for (int c = 0; c < lo->ncols; c++) {
        dg_col *col = &lo->col[c];
        int h = dg_colh(col->n, col->bh, col->gap);
        col->first = 0;
        col->count = col->n;
        col->more_top = col->more_bot = -1;
        if (h > lo->body || col->n > DG_MAXVIS) {
            /* Elide: a window around the focus with a marker row at each cut end. */
            int m = (lo->body - 2 + col->gap) / (col->bh + col->gap);
            if (m > DG_MAXVIS)
                m = DG_MAXVIS;
            if (m < 1)
                m = 1;
            int f = dg_focus(u, col->l);
            int first = f < 0 ? 0 : f - m / 2;
            if (first > col->n - m)
                first = col->n - m;
            if (first < 0)
                first = 0;
            col->first = first;
            col->count = m;
            h = lo->body;
        }
        if (h > D)
            D = h;
    }
    int top = lo->top + (lo->body - D) / 2;
    for (int c = 0; c < lo->ncols; c++) {
        dg_col *col = &lo->col[c];
        int h = dg_colh(col->count, col->bh, col->gap);
        bool cut = col->count < col->n;
        if (cut) {
            int y = top + 1;
            if (col->first > 0)
                col->more_top = top;
            for (int i = 0; i < col->count; i++, y += col->bh + col->gap)
                col->ys[i] = y;
            if (col->first + col->count < col->n)
                col->more_bot = y - col->gap;
        } else if (h == D || col->count == 1) {
            int y = top + (D - h) / 2;
            for (int i = 0; i < col->count; i++, y += col->bh + col->gap)
                col->ys[i] = y;
        } else {
            /* Shorter layers sit at the centres of equal slots: a classic network picture. */
            for (int i = 0; i < col->count; i++) {
                int centre = top + (int)((2.0 * i + 1.0) * D / (2.0 * col->count));
                int y = centre - col->bh / 2;
                col->ys[i] = y < top ? top : y;
            }
        }
    }
}

/* Block height of a column for the mode and cfg in lo. */
static int dg_bh(const net *n, const dg_layout *lo, int l)
{
    if (l == 0)
        return 1;
    int bh = lo->tall ? 3 : 1;
    if (lo->fullfan && lo->cfg.fans && dg_fanrows(n, l) > bh)
        bh = dg_fanrows(n, l);
    if (l == n->spec.nlayers - 1 && lo->ext == DG_EXT_BELOW && bh < 5)
        bh = 5; /* z, a, target, error term, delta */
    return bh;
}

/* Chooses the richest layout that fits h × w. */
static void dg_layout_make(const ui_state *u, dg_layout *lo, int y0, int x0, int h, int w)
{
    const stepper *st = session_stepper(u->s);
    const net *n = stepper_view(st)->net;
    const int nl = n->spec.nlayers;
    memset(lo, 0, sizeof *lo);
    lo->y_head = y0;
    lo->top = y0 + 1;
    lo->body = h - 2;
    lo->y_foot = y0 + h - 1;

    /* Blocks: tall (z, a, delta rows) with every connection, tall with the
     * focus's connections, short (one row); the last mode elides neurons. */
    static const struct { bool tall, full; int gap; } modes[] = {
        {true, true, 2}, {true, true, 1}, {true, false, 1}, {false, false, 1}, {false, false, 0},
    };
    const int nmodes = (int)(sizeof modes / sizeof modes[0]);
    const step_event *ev = stepper_current(st);
    const int focus_l = ev ? ev->layer : 1;
    /* Every layer in any mode first; fewer layers (around the current event's) only when nothing else fits. */
    for (int count = nl; count >= 2; count--) {
        int first = focus_l - count / 2;
        if (first > nl - count)
            first = nl - count;
        if (first < 0)
            first = 0;
        lo->l_first = first;
        lo->l_last = first + count - 1;
        lo->ncols = count;
        for (int c = 0; c < count; c++) {
            lo->col[c].l = first + c;
            lo->col[c].n = n->spec.size[first + c];
        }
        for (int mi = 0; mi < nmodes; mi++) {
            bool last_mode = mi == nmodes - 1;
            lo->tall = modes[mi].tall;
            lo->fullfan = modes[mi].full;
            for (int ci = 0; ci < DG_NCFGS; ci++) {
                int total = dg_measure(u, lo, &dg_cfgs[ci]);
                bool fits_h = true;
                for (int c = 0; c < count; c++) {
                    dg_col *col = &lo->col[c];
                    col->bh = dg_bh(n, lo, col->l);
                    col->gap = modes[mi].gap;
                    if (col->l == 0 && lo->tall && col->gap < 1)
                        col->gap = 1;
                    if (dg_colh(col->n, col->bh, col->gap) > lo->body)
                        fits_h = false;
                }
                /* The last mode elides neurons, so any height fits it. */
                bool fits_w = total <= w;
                if ((fits_w && (fits_h || last_mode)) || (last_mode && count == 2 && ci == DG_NCFGS - 1)) {
                    dg_place_x(lo, x0, w, total);
                    dg_place_y(u, lo);
                    return;
                }
            }
        }
    }
}

/* ---- drawing ---- */

/* A number right-aligned in w columns: dim "·" when unknown, its mark's role when marked. */
static void dg_num(const ui_state *u, const dg_layout *lo, int y, int x, int w, double v, bool known,
                   unsigned char mark)
{
    if (!known) {
        ui_text_put_right(y, x + w, w, ui_text_glyph(UI_G_UNKNOWN), ui_color_attr(UI_ROLE_DIM));
        return;
    }
    char buf[64];
    ui_text_num(v, lo->cfg.digits, buf, sizeof buf);
    ui_role r = ui_state_role(u, mark, ui_text_sign_role(v));
    ui_text_put_right(y, x + w, w, buf, ui_color_attr(r));
}

/* The mark glyph before a value: written now, read now, or blank. */
static void dg_markglyph(const ui_state *u, int y, int x, unsigned char mark)
{
    if (mark == MARKS_NONE)
        return;
    ui_text_put(y, x, 1, ui_text_glyph(mark == MARKS_WRITE ? UI_G_WRITE : UI_G_READ),
                ui_color_attr(ui_state_role(u, mark, UI_ROLE_NORMAL)));
}

/* One labelled value: mark, name (padded to namew), blank, number. Returns nothing;
 * a written value gets its role across the whole field, so the eye finds it. */
static void dg_field(const ui_state *u, const dg_layout *lo, int y, int x, int namew, int vw, const char *name,
                     double v, bool known, unsigned char mark, bool selected)
{
    int w = 1 + namew + 1 + vw;
    if (mark == MARKS_WRITE)
        ui_text_fill(y, x, w, ui_color_attr(ui_state_role(u, mark, UI_ROLE_NORMAL)));
    dg_markglyph(u, y, x, mark);
    ui_role nr = selected ? UI_ROLE_SELECTED : ui_state_role(u, mark, known ? UI_ROLE_NORMAL : UI_ROLE_DIM);
    ui_text_put(y, x + 1, namew, name, ui_color_attr(nr));
    dg_num(u, lo, y, x + 1 + namew + 1, vw, v, known, mark);
}

static bool dg_sel_neuron(const ui_state *u, int l, int j)
{
    return u->sel.kind == UI_SEL_NEURON && u->sel.layer == l && u->sel.j == j;
}

/* Draws neuron j of column c, its block starting at row y; rows with a connection get a tee. */
static void dg_neuron(ui_state *u, const dg_layout *lo, const dg_col *col, int j, int y, int teerows)
{
    const stepper *st = session_stepper(u->s);
    const marks *mk = session_marks(u->s);
    const step_view *v = stepper_view(st);
    const net *n = v->net;
    const int l = col->l, L = n->spec.nlayers - 1;
    const int unit = stepper_unit(st, l, j);
    const bool sel = dg_sel_neuron(u, l, j);
    char name[DG_NAME];
    int x = col->x;
    ui_sel what = {UI_SEL_NEURON, l, j, -1};
    if (l == 0) {
        ui_names_symbol(u, NT_X, 0, j, 0, name, sizeof name);
        dg_field(u, lo, y, x, col->namew, col->vw, name, v->x[j], true, mk->a[unit], sel);
        ui_state_hit(u, y, x, col->w, what);
        return;
    }
    for (int r = 0; r < col->bh; r++) {
        ui_glyph g = r < teerows ? UI_G_TEE : UI_G_VLINE;
        ui_text_put(y + r, x, 1, ui_text_glyph(g), ui_color_attr(sel ? UI_ROLE_SELECTED : UI_ROLE_FRAME));
        ui_state_hit(u, y + r, x, col->w, what);
    }
    x += 1;
    const bool below = l == L && lo->ext == DG_EXT_BELOW;
    if (lo->tall) {
        ui_names_symbol(u, NT_Z, l, j, 0, name, sizeof name);
        dg_field(u, lo, y, x, col->namew, col->vw, name, n->z[l][j], v->z_known[unit], mk->z[unit], false);
        ui_names_symbol(u, NT_A, l, j, 0, name, sizeof name);
        dg_field(u, lo, y + 1, x, col->namew, col->vw, name, n->a[l][j], v->a_known[unit], mk->a[unit], sel);
        if (below) {
            /* The target under the output, then its share of the loss: the order they are used in. */
            ui_names_symbol(u, NT_T, L, j, 0, name, sizeof name);
            dg_field(u, lo, y + 2, x, col->namew, col->vw, name, v->t[j], true, mk->target[j], false);
            ui_names_symbol(u, NT_ERR, L, j, 0, name, sizeof name);
            dg_field(u, lo, y + 3, x, col->namew, col->vw, name, n->err_terms[j], v->e_known[j], mk->err[j],
                     false);
        }
        ui_names_symbol(u, NT_DELTA, l, j, 0, name, sizeof name);
        dg_field(u, lo, y + (below ? 4 : 2), x, col->namew, col->vw, name, n->delta[l][j], v->d_known[unit],
                 mk->delta[unit], false);
    } else {
        /* One row: the activation (z's marks show on it, since z is not drawn); without
         * room for delta beside it, delta takes its place once the backward pass begins. */
        unsigned char m = mk->a[unit] > mk->z[unit] ? mk->a[unit] : mk->z[unit];
        if (!lo->cfg.sdelta && (mk->group == MARKS_BACKWARD || mk->group == MARKS_UPDATE)) {
            ui_names_symbol(u, NT_DELTA, l, j, 0, name, sizeof name);
            dg_field(u, lo, y, x, col->namew, col->vw, name, n->delta[l][j], v->d_known[unit],
                     m > mk->delta[unit] ? m : mk->delta[unit], sel);
        } else {
            ui_names_symbol(u, NT_A, l, j, 0, name, sizeof name);
            dg_field(u, lo, y, x, col->namew, col->vw, name, n->a[l][j], v->a_known[unit], m, sel);
        }
        if (lo->cfg.sdelta) {
            const char *ds = ui_text_unicode() ? "δ" : "d";
            int xd = x + 1 + col->namew + 1 + col->vw + 1;
            dg_field(u, lo, y, xd, ui_text_width(ds), lo->wu, ds, n->delta[l][j], v->d_known[unit], mk->delta[unit],
                     false);
        }
    }
    if (l == L && lo->ext == DG_EXT_BESIDE) {
        /* The target beside the output, and its share of the loss below it. */
        int yt = lo->tall ? y + 1 : y;
        ui_names_symbol(u, NT_T, L, j, 0, name, sizeof name);
        dg_field(u, lo, yt, lo->x_ext, lo->extnamew, lo->wo, name, v->t[j], true, mk->target[j], false);
        if (lo->tall) {
            ui_names_symbol(u, NT_ERR, L, j, 0, name, sizeof name);
            dg_field(u, lo, y + 2, lo->x_ext, lo->extnamew, lo->wo, name, n->err_terms[j], v->e_known[j],
                     mk->err[j], false);
        }
    }
}

/* Layer, target neuron, source neuron of parameter pi of layer l; k = -1 for a bias. */
static void dg_param_pos(const net *n, int l, int pi, int *j, int *k)
{
    int off = pi - (int)(n->w[l] - n->params);
    int nin = n->spec.size[l - 1], nw = nin * n->spec.size[l];
    if (off < nw) {
        *j = off / nin;
        *k = off % nin;
    } else {
        *j = n->nbias[l] == 1 ? -1 : off - nw;
        *k = -1;
    }
}

/* One connection label ending at the column's bar: [source] [name] value [•] [∂ gradient] ─. */
static void dg_conn(ui_state *u, const dg_layout *lo, const dg_col *col, int y, int pi)
{
    const stepper *st = session_stepper(u->s);
    const marks *mk = session_marks(u->s);
    const step_view *v = stepper_view(st);
    const net *n = v->net;
    int j, k;
    dg_param_pos(n, col->l, pi, &j, &k);
    const bool sel = u->sel.kind == UI_SEL_PARAM && u->sel.param == pi;
    unsigned char mark = mk->param[pi];
    int x = col->x_fan;
    char name[DG_NAME];
    if (lo->cfg.src) {
        if (k >= 0) {
            ui_names_unit(u, col->l - 1, k, name, sizeof name);
            unsigned char sm = mk->a[stepper_unit(st, col->l - 1, k)];
            ui_text_put_right(y, x + col->srcw, col->srcw, name,
                              ui_color_attr(sm ? ui_state_role(u, MARKS_READ, UI_ROLE_DIM) : UI_ROLE_DIM));
        }
        x += col->srcw + 1;
    }
    int fieldw = (lo->cfg.names ? col->wnamew + 1 : 0) + lo->wp + 1;
    if (mark == MARKS_WRITE)
        ui_text_fill(y, x, fieldw, ui_color_attr(ui_state_role(u, mark, UI_ROLE_NORMAL)));
    if (lo->cfg.names) {
        ui_names_param(u, pi, name, sizeof name);
        ui_role nr = sel ? UI_ROLE_SELECTED : ui_state_role(u, mark, UI_ROLE_NORMAL);
        ui_text_put(y, x, col->wnamew, name, ui_color_attr(nr));
        x += col->wnamew + 1;
    }
    dg_num(u, lo, y, x, lo->wp, n->params[pi], true, mark);
    x += lo->wp;
    if (v->p_changed[pi])
        ui_text_put(y, x, 1, ui_text_glyph(UI_G_CHANGED), ui_color_attr(UI_ROLE_CHANGED));
    x += 1;
    if (lo->cfg.grads) {
        if (v->g_known[pi] || mk->grad[pi]) {
            ui_text_put(y, x + 1, 1, ui_text_unicode() ? "∂" : "g",
                        ui_color_attr(ui_state_role(u, mk->grad[pi], UI_ROLE_DIM)));
            dg_num(u, lo, y, x + 3, lo->wg, stepper_grad(st, pi), v->g_known[pi], mk->grad[pi]);
        }
        x += 3 + lo->wg;
    }
    const unsigned char lm = mark > mk->grad[pi] ? mark : mk->grad[pi];
    ui_text_put(y, x + 1, dg_gw(), ui_text_glyph(UI_G_HLINE), ui_color_attr(ui_state_role(u, lm, UI_ROLE_FRAME)));
    ui_state_hit(u, y, col->x_fan, col->w_fan, (ui_sel){UI_SEL_PARAM, col->l, j < 0 ? 0 : j, pi});
}

/* The parameters feeding neuron j of layer l, in label order: weights, then its bias. */
static int dg_fanin(const net *n, int l, int j, int *out)
{
    int c = 0;
    for (int k = 0; k < n->spec.size[l - 1]; k++)
        out[c++] = net_windex(n, l, j, k);
    if (n->nbias[l])
        out[c++] = net_bindex(n, l, j);
    return c;
}

/* A "⋮ n more" marker at row y over a column of width w. */
static void dg_more(int y, int x, int w, int count)
{
    char buf[64];
    /* TRANSLATORS: an elision mark ("⋮") and how many rows are not shown. */
    snprintf(buf, sizeof buf, ngettext("%s %d more", "%s %d more", (unsigned long)count), ui_text_glyph(UI_G_VDOTS), count);
    ui_text_put(y, x + (w - ui_text_width(buf)) / 2 > x ? x + (w - ui_text_width(buf)) / 2 : x, w, buf,
                ui_color_attr(UI_ROLE_DIM));
}

/* Focus mode: the connections that matter now, as one list beside the column. */
static void dg_focus_list(ui_state *u, const dg_layout *lo, const dg_col *col)
{
    const marks *mk = session_marks(u->s);
    const net *n = stepper_view(session_stepper(u->s))->net;
    const int l = col->l, nin = n->spec.size[l - 1];
    static int items[NET_MAX_WIDTH + 1];
    int count = 0, anchor = -1, firstmark = -1;
    /* Marked connections: all into one neuron means "its fan-in"; else list just them. */
    int target = -2;
    bool one_target = true;
    for (int j = 0; j < n->spec.size[l] && count <= NET_MAX_WIDTH; j++)
        for (int k = 0; k < nin && count <= NET_MAX_WIDTH; k++) {
            int pi = net_windex(n, l, j, k);
            if (mk->param[pi] || mk->grad[pi]) {
                if (target == -2)
                    target = j;
                else if (target != j)
                    one_target = false;
                items[count++] = pi;
            }
        }
    for (int j = 0; j < n->nbias[l] && count <= NET_MAX_WIDTH; j++) {
        int pi = net_bindex(n, l, j);
        if (mk->param[pi] || mk->grad[pi]) {
            if (n->nbias[l] > 1) {
                if (target == -2)
                    target = j;
                else if (target != j)
                    one_target = false;
            }
            items[count++] = pi;
        }
    }
    int focus = dg_focus(u, l);
    if (count > 0 && one_target && target >= 0)
        focus = target;
    if ((count == 0 || one_target) && focus >= 0) {
        count = dg_fanin(n, l, focus, items);
        anchor = focus;
    } else if (u->sel.kind == UI_SEL_PARAM && count == 0) {
        return;
    }
    if (count == 0) {
        char buf[64];
        snprintf(buf, sizeof buf, "%d×%d", n->spec.size[l], nin);
        int y = lo->top + lo->body / 2;
        ui_text_put_right(y, col->x_fan + col->w_fan, col->w_fan, buf, ui_color_attr(UI_ROLE_DIM));
        return;
    }
    for (int i = 0; i < count; i++)
        if (mk->param[items[i]] || mk->grad[items[i]]) {
            firstmark = i;
            break;
        }
    /* Rows: centred on the anchor neuron's block, inside the body. */
    int rows = lo->body, first = 0, shown = count;
    if (shown > rows) {
        shown = rows - 2;
        int f = firstmark >= 0 ? firstmark : 0;
        first = f - shown / 2 < 0 ? 0 : f - shown / 2;
        if (first > count - shown)
            first = count - shown;
    }
    int centre = lo->top + lo->body / 2;
    if (anchor >= 0 && anchor >= col->first && anchor < col->first + col->count)
        centre = col->ys[anchor - col->first] + col->bh / 2;
    int extra = (first > 0) + (first + shown < count);
    int y = centre - (shown + extra) / 2;
    if (y + shown + extra > lo->top + lo->body)
        y = lo->top + lo->body - shown - extra;
    if (y < lo->top)
        y = lo->top;
    if (first > 0)
        dg_more(y++, col->x_fan, col->w_fan, first);
    for (int i = first; i < first + shown; i++)
        dg_conn(u, lo, col, y++, items[i]);
    if (first + shown < count)
        dg_more(y, col->x_fan, col->w_fan, count - first - shown);
}

/* Captions over the columns and the direction of the pass over the labels. */
static void dg_header(const ui_state *u, const dg_layout *lo)
{
    const marks *mk = session_marks(u->s);
    const net_spec *sp = &session_scenario(u->s)->spec;
    const int L = sp->nlayers - 1;
    for (int c = 0; c < lo->ncols; c++) {
        const dg_col *col = &lo->col[c];
        char cap[96];
        int l = col->l;
        if (l == 0)
            snprintf(cap, sizeof cap, "%s", _("input"));
        else if (l == L)
            snprintf(cap, sizeof cap, "%s", _("output"));
        else if (L > 2)
            snprintf(cap, sizeof cap, _("hidden %d"), l);
        else
            snprintf(cap, sizeof cap, "%s", _("hidden"));
        if (l > 0) {
            char act[64];
            snprintf(act, sizeof act, " %s", net_act_name(sp->layer[l].act));
            if (ui_text_width(cap) + ui_text_width(act) <= col->w)
                strncat(cap, act, sizeof cap - strlen(cap) - 1);
        }
        if (c == 0 && lo->l_first > 0) {
            char more[32];
            snprintf(more, sizeof more, "%s ", ui_text_glyph(UI_G_HDOTS));
            ui_text_put(lo->y_head, col->x > 3 ? col->x - 4 : 0, 4, more, ui_color_attr(UI_ROLE_DIM));
        }
        ui_text_put(lo->y_head, col->x + (l > 0), col->w, cap, ui_color_attr(UI_ROLE_CAPTION));
        if (c > 0) {
            /* The direction values flow in this phase: → forward, ← backward. */
            int aw = col->w_fan - 2;
            if (aw >= 3 && (mk->group == MARKS_FORWARD || mk->group == MARKS_BACKWARD)) {
                bool fwd = mk->group == MARKS_FORWARD;
                ui_role r = fwd ? UI_ROLE_READ_F : UI_ROLE_READ_B;
                int ax = col->x_fan + 1;
                ui_text_hline(lo->y_head, ax, aw, ui_color_attr(UI_ROLE_FRAME));
                ui_text_put(lo->y_head, fwd ? ax + aw - 1 : ax, 1,
                            ui_text_glyph(fwd ? UI_G_ARROW_R : UI_G_ARROW_L), ui_color_attr(r));
            }
        }
    }
    if (lo->l_last < L) {
        const dg_col *col = &lo->col[lo->ncols - 1];
        ui_text_put(lo->y_head, col->x + col->w + 1, 3, ui_text_glyph(UI_G_HDOTS), ui_color_attr(UI_ROLE_DIM));
    }
    if (lo->w_ext) {
        ui_text_put(lo->y_head, lo->x_ext + 1, lo->w_ext, _("target"), ui_color_attr(UI_ROLE_CAPTION));
    }
}

/* The last row: learning rate (read by updates) and the loss. */
static void dg_footer(const ui_state *u, const dg_layout *lo, int x0, int w)
{
    const stepper *st = session_stepper(u->s);
    const marks *mk = session_marks(u->s);
    const step_view *v = stepper_view(st);
    const net_hyper *h = stepper_hyper(st);
    char name[DG_NAME], num[64], buf[DG_NAME + 80];
    int x = lo->col[0].x;
    ui_names_symbol(u, NT_ETA, 0, 0, 0, name, sizeof name);
    ui_text_num(h->eta_w, 6, num, sizeof num);
    snprintf(buf, sizeof buf, "%s = %s", name, num);
    ui_role r = ui_state_role(u, mk->eta, UI_ROLE_DIM);
    dg_markglyph(u, lo->y_foot, x, mk->eta);
    x += 1 + ui_text_put(lo->y_foot, x + 1, w, buf, ui_color_attr(r)) + 2;
    if (h->eta_b != h->eta_w) {
        ui_names_symbol(u, NT_ETAB, 0, 0, 0, name, sizeof name);
        ui_text_num(h->eta_b, 6, num, sizeof num);
        snprintf(buf, sizeof buf, "%s = %s", name, num);
        x += ui_text_put(lo->y_foot, x, w - (x - x0), buf, ui_color_attr(r)) + 2;
    }
    if (h->momentum != 0.0) {
        ui_names_symbol(u, NT_MOM, 0, 0, 0, name, sizeof name);
        ui_text_num(h->momentum, 6, num, sizeof num);
        snprintf(buf, sizeof buf, "%s = %s", name, num);
        x += ui_text_put(lo->y_foot, x, w - (x - x0), buf, ui_color_attr(r)) + 2;
    }
    const data_set *d = &session_scenario(u->s)->data;
    int ntrain = data_ntrain(d);
    if (ntrain > 1) {
        snprintf(buf, sizeof buf, _("sample %d of %d"), stepper_sample(st) + 1, ntrain);
        x += ui_text_put(lo->y_foot, x, w - (x - x0), buf, ui_color_attr(UI_ROLE_DIM)) + 2;
    }
    /* The loss, under the outputs. */
    ui_names_symbol(u, NT_LOSS, 0, 0, 0, name, sizeof name);
    if (v->loss_known)
        ui_text_num(v->loss, 6, num, sizeof num);
    else
        snprintf(num, sizeof num, "%s", ui_text_glyph(UI_G_UNKNOWN));
    snprintf(buf, sizeof buf, "%s = %s", name, num);
    const dg_col *last = &lo->col[lo->ncols - 1];
    int bw = ui_text_width(buf);
    int xl = (lo->w_ext ? lo->x_ext + lo->w_ext : last->x + last->w) - bw;
    if (xl < x + 1)
        xl = x + 1;
    if (xl + bw > x0 + w)
        xl = x0 + w - bw;
    if (mk->loss == MARKS_WRITE)
        ui_text_fill(lo->y_foot, xl - 1, bw + 1, ui_color_attr(ui_state_role(u, mk->loss, UI_ROLE_NORMAL)));
    dg_markglyph(u, lo->y_foot, xl - 1, mk->loss);
    ui_text_put(lo->y_foot, xl, bw, buf,
                ui_color_attr(ui_state_role(u, mk->loss, v->loss_known ? UI_ROLE_CAPTION : UI_ROLE_DIM)));
}

void ui_diagram_draw(ui_state *u, int y, int x, int h, int w)
{
    if (h < UI_DIAGRAM_MIN_H || w < UI_DIAGRAM_MIN_W)
        return;
    static dg_layout lo;
    dg_layout_make(u, &lo, y, x, h, w);
    const net *n = stepper_view(session_stepper(u->s))->net;
    static int fan[NET_MAX_WIDTH + 1];
    dg_header(u, &lo);
    for (int c = 0; c < lo.ncols; c++) {
        const dg_col *col = &lo.col[c];
        if (col->more_top >= 0)
            dg_more(col->more_top, col->x, col->w, col->first);
        if (col->more_bot >= 0)
            dg_more(col->more_bot, col->x, col->w, col->n - col->first - col->count);
        for (int i = 0; i < col->count; i++) {
            int j = col->first + i;
            int tees = 0;
            if (c > 0 && lo.fullfan && lo.cfg.fans) {
                int nf = dg_fanin(n, col->l, j, fan);
                for (int r = 0; r < nf; r++)
                    dg_conn(u, &lo, col, col->ys[i] + r, fan[r]);
                tees = nf;
            }
            dg_neuron(u, &lo, col, j, col->ys[i], tees);
        }
        if (c > 0 && !lo.fullfan && lo.cfg.fans)
            dg_focus_list(u, &lo, col);
    }
    dg_footer(u, &lo, x, w);
}
