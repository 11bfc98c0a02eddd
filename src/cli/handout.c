/* handout.c - streams iterations out as Markdown or LaTeX for the class, with the document check. */
#include "handout.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "formula.h"
#include "i18n.h"
#include "stepper.h"
#include "utf8.h"

/* ---- LaTeX ---- */

static const char *handout_tex_symbol(uint32_t c)
{
    switch (c) {
    case 0x03B4: return "\\delta ";
    case 0x0394: return "\\Delta ";
    case 0x03B7: return "\\eta ";
    case 0x03C3: return "\\sigma ";
    case 0x2202: return "\\partial ";
    case 0x2207: return "\\nabla ";
    case 0x03B2: return "\\beta ";
    case 0x03B1: return "\\alpha ";
    case 0x03B8: return "\\theta ";
    case 0x03A3: case 0x2211: return "\\sum ";
    case 0x00B7: case 0x22C5: return "\\cdot ";
    case 0x2299: return "\\odot ";
    case 0x2212: return "-";
    case 0x221E: return "\\infty ";
    case 0x00D7: return "\\times ";
    case 0x2190: return "\\leftarrow ";
    case 0x2192: return "\\rightarrow ";
    case 0x2032: return "'";
    case 0x00BD: return "\\tfrac{1}{2}";
    case 0x00B2: return "^{2}";
    case 0x2026: return "\\dots ";
    case 0x0177: return "\\hat{y}";
    case 0x2713: return "\\checkmark ";
    default: return NULL;
    }
}

void handout_tex_math(const char *markup, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
#define HT_ADD(str)                                                   \
    do {                                                              \
        const char *s_ = (str);                                       \
        size_t n_ = strlen(s_);                                       \
        if (len + n_ < outsz) {                                       \
            memcpy(out + len, s_, n_ + 1);                            \
            len += n_;                                                \
        }                                                             \
    } while (0)
    for (const char *p = markup; *p;) {
        uint32_t c;
        int n = utf8_next(p, &c);
        if (c >= 0x80) {
            const char *t = handout_tex_symbol(c);
            if (t) {
                HT_ADD(t);
            } else {
                char tmp[16] = "\\text{";
                memcpy(tmp + 6, p, (size_t)n);
                tmp[6 + n] = '}';
                tmp[7 + n] = '\0';
                HT_ADD(tmp);
            }
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
            /* Words of two letters or more are names, upright (out_h1, net, tanh). */
            const char *q = p;
            while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))
                q++;
            char word[128];
            size_t wl = (size_t)(q - p) < sizeof word - 1 ? (size_t)(q - p) : sizeof word - 1;
            memcpy(word, p, wl);
            word[wl] = '\0';
            if (wl > 1) {
                HT_ADD("\\mathrm{");
                HT_ADD(word);
                HT_ADD("}");
            } else {
                HT_ADD(word);
            }
            p = q;
            continue;
        } else if (*p == '%' || *p == '#' || *p == '&') {
            char tmp[3] = {'\\', *p, 0};
            HT_ADD(tmp);
        } else if (*p == '$') {
            HT_ADD("\\$");
        } else {
            char tmp[2] = {*p, 0};
            HT_ADD(tmp);
        }
        p += n;
    }
#undef HT_ADD
}

/* Escapes text for LaTeX (outside math). */
static void handout_tex_text(out_stream *o, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\': out_printf(o, "\\textbackslash{}"); break;
        case '{': case '}': case '%': case '#': case '&': case '_': case '$': out_printf(o, "\\%c", *s); break;
        case '^': out_printf(o, "\\^{}"); break;
        case '~': out_printf(o, "\\~{}"); break;
        default: out_printf(o, "%c", *s); break;
        }
    }
}

/* Adds markup as display text: Unicode for Markdown, $math$ for TeX. */
static void handout_formula(out_stream *o, handout_format fmt, const char *markup)
{
    char text[FORMULA_MAX * 2];
    if (fmt == HANDOUT_TEX) {
        handout_tex_math(markup, text, sizeof text);
        out_printf(o, "$%s$", text);
    } else {
        notation_render(markup, true, text, sizeof text);
        out_printf(o, "%s", text);
    }
}

static const char *const handout_phase_titles[STEP_PHASE_COUNT] = {
    N_("Forward pass"), N_("Loss"), N_("Error terms δ (backward pass)"), N_("Gradients"), N_("Updates"),
};

static void handout_heading(out_stream *o, handout_format fmt, int level, const char *text)
{
    if (fmt == HANDOUT_TEX) {
        out_printf(o, "\\%ssection*{", level == 1 ? "" : level == 2 ? "sub" : "subsub");
        handout_tex_text(o, text);
        out_printf(o, "}\n\n");
    } else {
        out_printf(o, "%.*s %s\n\n", level + 1, "####", text);
    }
}

static void handout_vector(out_stream *o, const double *v, int n, int digits)
{
    char num[64];
    out_printf(o, "(");
    for (int i = 0; i < n; i++)
        out_printf(o, "%s%s", i ? ", " : "", formula_num(v[i], digits, num, sizeof num));
    out_printf(o, ")");
}

/* The preamble: what network, which sample, which settings. */
static void handout_intro(out_stream *o, const scenario *sc, handout_format fmt, int digits)
{
    const net_spec *sp = &sc->spec;
    char num[64];
    if (fmt == HANDOUT_TEX) {
        out_printf(o, "\\documentclass[11pt]{article}\n\\usepackage{amsmath,amssymb}\n\\usepackage{xeCJK}\n"
                  "\\usepackage[margin=2cm]{geometry}\n\\begin{document}\n\\section*{");
        handout_tex_text(o, sc->title);
        out_printf(o, "}\n\n");
        if (sc->source) {
            out_printf(o, "%s: ", _("Source"));
            handout_tex_text(o, sc->source);
            out_printf(o, "\n\n");
        }
    } else {
        out_printf(o, "# %s\n\n", sc->title);
        if (sc->source)
            out_printf(o, "%s: %s\n\n", _("Source"), sc->source);
    }
    out_printf(o, "%s: ", _("Network"));
    for (int l = 0; l < sp->nlayers; l++)
        out_printf(o, "%s%d", l ? "-" : "", sp->size[l]);
    out_printf(o, "; ");
    for (int l = 1; l < sp->nlayers; l++)
        out_printf(o, "%s%s %d: %s, %s %s%s", l > 1 ? "; " : "", _("layer"), l, net_act_name(sp->layer[l].act), _("bias"),
               net_bias_name(sp->layer[l].bias), sp->layer[l].bias_frozen ? _(" (frozen)") : "");
    /* The settings as formulas, so that LaTeX sets η_b in math. */
    char set[256];
    snprintf(set, sizeof set, "η = %s", formula_num(sc->hyper.eta_w, digits, num, sizeof num));
    if (sc->hyper.eta_b != sc->hyper.eta_w)
        snprintf(set + strlen(set), sizeof set - strlen(set), ", η_b = %s",
                 formula_num(sc->hyper.eta_b, digits, num, sizeof num));
    if (sc->hyper.momentum != 0)
        snprintf(set + strlen(set), sizeof set - strlen(set), ", β = %s",
                 formula_num(sc->hyper.momentum, digits, num, sizeof num));
    out_printf(o, "; %s %s; ", _("loss"), net_loss_name(sp->loss));
    handout_formula(o, fmt, set);
    out_printf(o, ".\n\n");
}

/* One iteration: its heading, the sample, every event with its formulas and
 * the document's numbers that match it (res: sc->nexpect verdicts). */
static void handout_iteration(out_stream *o, const scenario *sc, handout_format fmt, stepper *st, const check_result *res,
                              long it, int digits)
{
    const step_view *v = stepper_view(st);
    char title[128];
    snprintf(title, sizeof title, _("Iteration %ld (sample %d)"), it + 1, stepper_sample(st) + 1);
    handout_heading(o, fmt, 1, title);
    out_printf(o, "%s x = ", _("Input"));
    handout_vector(o, v->x, sc->spec.size[0], digits);
    out_printf(o, ", %s y = ", _("target"));
    handout_vector(o, v->t, sc->spec.size[sc->spec.nlayers - 1], digits);
    out_printf(o, ".\n\n");
    int phase = -1;
    /* A failed write ends the loop: the rest would be dropped anyway. */
    for (int k = 0; k < stepper_count(st) && out_ok(o); k++) {
        const step_event *ev = stepper_event(st, k);
        if ((int)ev->phase != phase) {
            if (phase >= 0 && fmt == HANDOUT_TEX)
                out_printf(o, "\\end{enumerate}\n\n");
            phase = (int)ev->phase;
            handout_heading(o, fmt, 2, _(handout_phase_titles[phase]));
            if (fmt == HANDOUT_TEX)
                out_printf(o, "\\begin{enumerate}\n");
        }
        formula f;
        formula_build(&sc->nt, &sc->spec, ev, stepper_operands(st), digits, &f);
        out_printf(o, fmt == HANDOUT_TEX ? "\\item " : "%d. ", k + 1);
        handout_formula(o, fmt, f.symbolic);
        out_printf(o, fmt == HANDOUT_TEX ? "\\\\\n" : "  \n   ");
        handout_formula(o, fmt, f.numeric);
        for (int i = 0; i < sc->nexpect; i++) {
            if (res[i].iteration != it || res[i].event != k)
                continue;
            const char *mark = res[i].verdict == CHECK_OK ? "✓" : res[i].verdict == CHECK_NEAR ? "≈" : "✗";
            if (fmt == HANDOUT_TEX)
                mark = res[i].verdict == CHECK_OK ? "$\\checkmark$" : res[i].verdict == CHECK_NEAR ? "$\\approx$" : "$\\times$";
            out_printf(o, fmt == HANDOUT_TEX ? " \\quad %s %s %s" : " — %s %s %s", mark, _("document prints"), res[i].ex->printed);
        }
        out_printf(o, "\n%s", fmt == HANDOUT_TEX ? "" : "\n");
    }
    if (phase >= 0 && fmt == HANDOUT_TEX)
        out_printf(o, "\\end{enumerate}\n\n");
}

/* The closing table: every number the document prints, computed, with its verdict. */
static void handout_check_table(out_stream *o, const scenario *sc, handout_format fmt, const check_result *res, int digits)
{
    handout_heading(o, fmt, 1, _("Checking the document's numbers"));
    int wrong = 0;
    for (int i = 0; i < sc->nexpect; i++)
        wrong += res[i].verdict == CHECK_DIFF || res[i].verdict == CHECK_UNKNOWN;
    char num[64];
    if (fmt == HANDOUT_TEX)
        out_printf(o, "\\begin{tabular}{llll}\n%s & %s & %s & %s\\\\\\hline\n", _("symbol"), _("document prints"),
                   _("computed"), _("verdict"));
    else
        out_printf(o, "%d %s, %d %s.\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n", sc->nexpect, _("printed numbers"),
                   wrong, _("wrong"), _("symbol"), _("document prints"), _("computed"), _("verdict"));
    for (int i = 0; i < sc->nexpect; i++) {
        const char *verdict = res[i].verdict == CHECK_OK ? _("right")
                              : res[i].verdict == CHECK_NEAR ? _("last digit off by one (rounding)")
                              : res[i].verdict == CHECK_DIFF ? _("WRONG")
                                                             : _("no such symbol");
        out_printf(o, fmt == HANDOUT_TEX ? "" : "| ");
        handout_formula(o, fmt, res[i].symbol[0] ? res[i].symbol : res[i].ex->symbol);
        if (res[i].verdict == CHECK_UNKNOWN)
            out_printf(o, fmt == HANDOUT_TEX ? " & %s & -- & %s\\\\\n" : " | %s | – | %s |\n", res[i].ex->printed, verdict);
        else
            out_printf(o, fmt == HANDOUT_TEX ? " & %s & %s & %s\\\\\n" : " | %s | %s | %s |\n", res[i].ex->printed,
                       formula_num(res[i].computed, digits, num, sizeof num), verdict);
    }
    out_printf(o, fmt == HANDOUT_TEX ? "\\end{tabular}\n\n" : "\n");
}

bool handout_write(out_stream *o, const scenario *sc, handout_format fmt, long iterations, int digits, err *e)
{
    check_result *res = sc->nexpect > 0 ? calloc((size_t)sc->nexpect, sizeof *res) : NULL;
    stepper *st = NULL;
    bool ok = false;
    if (sc->nexpect > 0 && !res) {
        err_set(e, sc->path, 0, 0, _("out of memory"));
        goto done;
    }
    if (sc->nexpect > 0 && check_run(sc, res, e) < 0)
        goto done;
    st = stepper_new(sc->init, &sc->data, &sc->hyper, e);
    if (!st)
        goto done;
    handout_intro(o, sc, fmt, digits);
    for (long it = 0; it < iterations && out_ok(o); it++) {
        if (it > 0)
            stepper_next(st);
        stepper_finish_iteration(st);
        handout_iteration(o, sc, fmt, st, res, it, digits);
    }
    if (sc->nexpect > 0)
        handout_check_table(o, sc, fmt, res, digits);
    if (fmt == HANDOUT_TEX)
        out_printf(o, "\\end{document}\n");
    ok = out_ok(o);
    if (!ok)
        out_error(o, e);
done:
    stepper_free(st);
    free(res);
    return ok;
}
