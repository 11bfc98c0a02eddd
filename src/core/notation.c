/* notation.c - symbol names from templates; markup to Unicode or ASCII. */
#include "notation.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static const char *const notation_defaults[NT_COUNT] = {
    [NT_X] = "x_$j",        [NT_T] = "y_$j",          [NT_Z] = "z^$l_$j",
    [NT_A] = "a^$l_$j",     [NT_W] = "w^$l_{$j$k}",   [NT_B] = "b^$l_$j",
    [NT_DELTA] = "δ^$l_$j", [NT_LOSS] = "C",          [NT_ERR] = "$L_$j",
    [NT_GRAD] = "∂$L/∂$p",  [NT_UPD] = "$p′",         [NT_ETA] = "η",
    [NT_ETAB] = "η_b",      [NT_MOM] = "β",           [NT_VEL] = "Δ$p",
};

void notation_free(notation *nt)
{
    for (int i = 0; i < NT_COUNT; i++)
        free(nt->global[i]);
    for (int l = 0; l < NET_MAX_LAYERS; l++) {
        for (int i = 0; i < NT_COUNT; i++)
            free(nt->layer[l][i]);
        if (nt->wnames[l]) {
            for (char **p = nt->wnames[l]; *p; p++)
                free(*p);
            free(nt->wnames[l]);
        }
    }
    memset(nt, 0, sizeof *nt);
}

int notation_check_template(const char *tmpl)
{
    for (const char *p = tmpl; *p; p++) {
        if (*p != '$')
            continue;
        if (!p[1] || !strchr("jklmnspuvL$", p[1]))
            return (int)(p - tmpl);
        p++;
    }
    return -1;
}

/* Appends s to out (bounded). */
static void notation_cat(char *out, size_t outsz, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len + n >= outsz)
        n = *len + 1 < outsz ? outsz - 1 - *len : 0;
    memcpy(out + *len, s, n);
    *len += n;
    out[*len] = '\0';
}

/* Appends a placeholder's number; right after '_' or '^' a number of two or
 * more digits is braced, so that "x_$j" gives x₁₀ and not x₁0. */
static void notation_num(char *out, size_t outsz, size_t *len, const char *num)
{
    bool script = *len > 0 && (out[*len - 1] == '_' || out[*len - 1] == '^');
    if (script && num[1]) {
        notation_cat(out, outsz, len, "{");
        notation_cat(out, outsz, len, num);
        notation_cat(out, outsz, len, "}");
    } else {
        notation_cat(out, outsz, len, num);
    }
}

static bool notation_is_layer_sym(nt_sym sym)
{
    return sym == NT_Z || sym == NT_A || sym == NT_W || sym == NT_B || sym == NT_DELTA;
}

/* Neuron j of layer l counted across the computing layers from 1 (document
 * 001's z1…z6); an input neuron counts among the inputs. */
static int notation_global(const net_spec *spec, int l, int j)
{
    if (l <= 0)
        return j + 1;
    int n = 0;
    for (int q = 1; q < l && q < spec->nlayers; q++)
        n += spec->size[q];
    return n + j + 1;
}

void notation_symbol(const notation *nt, const net_spec *spec, nt_sym sym, int l, int j, int k,
                     long it, int s, const char *param, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    if (sym == NT_W && l > 0 && l < NET_MAX_LAYERS && nt && nt->wnames[l]) {
        notation_cat(out, outsz, &len, nt->wnames[l][(size_t)j * spec->size[l - 1] + k]);
        return;
    }
    const char *tmpl = NULL;
    if (nt && notation_is_layer_sym(sym) && l >= 0 && l < NET_MAX_LAYERS)
        tmpl = nt->layer[l][sym];
    else if (nt)
        tmpl = nt->global[sym];
    if (!tmpl) {
        tmpl = notation_defaults[sym];
        if (sym == NT_B && l > 0 && spec->layer[l].bias == NET_BIAS_SHARED)
            tmpl = "b^$l";
    }
    char num[32];
    for (const char *p = tmpl; *p; p++) {
        if (*p != '$' || !p[1]) {
            char c[2] = {*p, 0};
            notation_cat(out, outsz, &len, c);
            continue;
        }
        p++;
        switch (*p) {
        case 'j': snprintf(num, sizeof num, "%d", j + 1); notation_num(out, outsz, &len, num); break;
        case 'k': snprintf(num, sizeof num, "%d", k + 1); notation_num(out, outsz, &len, num); break;
        case 'l': snprintf(num, sizeof num, "%d", l + 1); notation_num(out, outsz, &len, num); break;
        case 'm': snprintf(num, sizeof num, "%d", l); notation_num(out, outsz, &len, num); break;
        case 'u': snprintf(num, sizeof num, "%d", notation_global(spec, l, j)); notation_num(out, outsz, &len, num); break;
        case 'v': snprintf(num, sizeof num, "%d", l > 0 ? notation_global(spec, l - 1, k) : k + 1);
            notation_num(out, outsz, &len, num);
            break;
        case 'n': snprintf(num, sizeof num, "%ld", it + 1); notation_num(out, outsz, &len, num); break;
        case 's': snprintf(num, sizeof num, "%d", s + 1); notation_num(out, outsz, &len, num); break;
        case 'p': notation_cat(out, outsz, &len, param ? param : "?"); break;
        case 'L': {
            if (sym == NT_LOSS) { /* the loss named after itself: no recursion */
                notation_cat(out, outsz, &len, "?");
                break;
            }
            char loss[NOTATION_MAX];
            notation_symbol(nt, spec, NT_LOSS, 0, 0, 0, it, s, NULL, loss, sizeof loss);
            notation_cat(out, outsz, &len, loss);
            break;
        }
        case '$': notation_cat(out, outsz, &len, "$"); break;
        default: {
            char c[3] = {'$', *p, 0};
            notation_cat(out, outsz, &len, c);
        }
        }
    }
}

void notation_param(const notation *nt, const net_spec *spec, int i, long it, char *out, size_t outsz)
{
    int off = 0;
    for (int l = 1; l < spec->nlayers; l++) {
        int nin = spec->size[l - 1], nw = spec->size[l] * nin;
        int nb = spec->layer[l].bias == NET_BIAS_NEURON ? spec->size[l] : spec->layer[l].bias == NET_BIAS_SHARED;
        if (i < off + nw) {
            notation_symbol(nt, spec, NT_W, l, (i - off) / nin, (i - off) % nin, it, 0, NULL, out, outsz);
            return;
        }
        if (i < off + nw + nb) {
            notation_symbol(nt, spec, NT_B, l, i - off - nw, 0, it, 0, NULL, out, outsz);
            return;
        }
        off += nw + nb;
    }
    snprintf(out, outsz, "?");
}

static void notation_put_cp(char *out, size_t outsz, size_t *len, uint32_t c)
{
    char b[UTF8_MAX + 1];
    utf8_encode(c, b);
    notation_cat(out, outsz, len, b);
}

/* Unicode sub- and superscript forms; 0 where none exists. */
static uint32_t notation_sub(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return 0x2080 + (c - '0');
    switch (c) {
    case '+': return 0x208A;
    case '-': case 0x2212: return 0x208B;
    case '=': return 0x208C;
    case '(': return 0x208D;
    case ')': return 0x208E;
    case 'a': return 0x2090;
    case 'e': return 0x2091;
    case 'o': return 0x2092;
    case 'x': return 0x2093;
    case 'h': return 0x2095;
    case 'k': return 0x2096;
    case 'l': return 0x2097;
    case 'm': return 0x2098;
    case 'n': return 0x2099;
    case 'p': return 0x209A;
    case 's': return 0x209B;
    case 't': return 0x209C;
    case 'i': return 0x1D62;
    case 'r': return 0x1D63;
    case 'u': return 0x1D64;
    case 'v': return 0x1D65;
    case 'j': return 0x2C7C;
    default: return 0;
    }
}

static uint32_t notation_sup(uint32_t c)
{
    static const uint32_t lower[26] = {
        0x1D43, 0x1D47, 0x1D9C, 0x1D48, 0x1D49, 0x1DA0, 0x1D4D, 0x02B0, 0x2071, 0x02B2, 0x1D4F, 0x02E1, 0x1D50,
        0x207F, 0x1D52, 0x1D56, 0,      0x02B3, 0x02E2, 0x1D57, 0x1D58, 0x1D5B, 0x02B7, 0x02E3, 0x02B8, 0x1DBB,
    };
    if (c >= 'a' && c <= 'z')
        return lower[c - 'a'];
    switch (c) {
    case '0': return 0x2070;
    case '1': return 0x00B9;
    case '2': return 0x00B2;
    case '3': return 0x00B3;
    case '4': case '5': case '6': case '7': case '8': case '9': return 0x2070 + (c - '0');
    case '+': return 0x207A;
    case '-': case 0x2212: return 0x207B;
    case '=': return 0x207C;
    case '(': return 0x207D;
    case ')': return 0x207E;
    case 'T': return 0x1D40;
    case 'L': return 0x1D38;
    case 'A': return 0x1D2C;
    case 'B': return 0x1D2E;
    case 'D': return 0x1D30;
    case 'E': return 0x1D31;
    case 'H': return 0x1D34;
    case 'K': return 0x1D37;
    case 'M': return 0x1D39;
    case 'N': return 0x1D3A;
    case 'W': return 0x1D42;
    case 0x03B4: return 0x1D5F; /* δ */
    case 0x03B2: return 0x1D5D; /* β */
    case 0x03B8: return 0x1DBF; /* θ */
    default: return 0;
    }
}

/* ASCII stand-ins for the symbols formulas use. */
static const char *notation_ascii(uint32_t c)
{
    switch (c) {
    case 0x03B4: return "d";      /* δ */
    case 0x0394: return "D";      /* Δ */
    case 0x03B7: return "eta";
    case 0x03C3: return "sig";
    case 0x2202: return "d";      /* ∂ */
    case 0x2207: return "grad";   /* ∇ */
    case 0x03B2: return "beta";
    case 0x03B1: return "alpha";
    case 0x03B8: return "theta";
    case 0x03B5: return "eps";
    case 0x03BB: return "lambda";
    case 0x03BC: return "mu";
    case 0x03A3: case 0x2211: return "sum";
    case 0x00B7: case 0x22C5: return "*";
    case 0x2299: return "(.)";    /* ⊙ */
    case 0x2212: return "-";
    case 0x221E: return "inf";    /* ∞: formula_num_markup's infinity */
    case 0x00D7: return "x";
    case 0x2190: return "<-";
    case 0x2192: return "->";
    case 0x2032: return "'";
    case 0x00BD: return "1/2";
    case 0x2713: return "[ok]";
    case 0x2717: return "[x]";
    case 0x2026: return "...";
    case 0x2248: return "~";
    case 0x2260: return "!=";
    case 0x2264: return "<=";
    case 0x2265: return ">=";
    case 0x221A: return "sqrt";
    case 0x1D40: return "^T";
    case 0x00B2: return "^2";
    case 0x0177: return "y^";     /* ŷ */
    case 0x0302: return "^";      /* combining circumflex */
    case 0x00A0: return " ";
    case 0x2014: case 0x2013: return "-";
    case 0x201C: case 0x201D: return "\"";
    case 0x2018: case 0x2019: return "'";
    default: return NULL;
    }
}

/* Length of the group after '_' or '^' at p (p points after the marker):
 * "{...}" with nesting, or one UTF-8 character. Sets *inner, *innerlen. */
static int notation_group(const char *p, const char **inner, int *innerlen)
{
    if (*p == '{') {
        int depth = 1, i = 1;
        while (p[i] && depth) {
            if (p[i] == '{')
                depth++;
            else if (p[i] == '}')
                depth--;
            i++;
        }
        *inner = p + 1;
        *innerlen = depth ? i - 1 : i - 2;
        return i;
    }
    uint32_t cp;
    int n = utf8_next(p, &cp);
    *inner = p;
    *innerlen = n;
    return n;
}

typedef enum { MODE_UNICODE, MODE_ASCII, MODE_KEY } notation_mode;

static void notation_emit(const char *s, int n, notation_mode mode, char *out, size_t outsz, size_t *len);

/* Renders a sub/superscript group. */
static void notation_script(bool sup, const char *g, int glen, notation_mode mode, char *out, size_t outsz, size_t *len)
{
    char plain[NOTATION_MAX];
    size_t plen = 0;
    plain[0] = '\0';
    notation_emit(g, glen, mode == MODE_UNICODE ? MODE_KEY : mode, plain, sizeof plain, &plen);
    if (mode == MODE_UNICODE) {
        /* All characters must have a form, else fall back to a marker. */
        char conv[NOTATION_MAX];
        size_t clen = 0;
        conv[0] = '\0';
        bool ok = plen > 0;
        for (const char *p = plain; *p && ok;) {
            uint32_t cp;
            p += utf8_next(p, &cp);
            uint32_t m = sup ? notation_sup(cp) : notation_sub(cp);
            if (!m)
                ok = false;
            else
                notation_put_cp(conv, sizeof conv, &clen, m);
        }
        if (ok) {
            notation_cat(out, outsz, len, conv);
            return;
        }
    }
    notation_cat(out, outsz, len, sup ? "^" : "_");
    /* Keys stay unwrapped so "w^{12}" and "w^12" match. */
    bool wrap = sup && mode != MODE_KEY && plen > 1 && plain[0] != '(';
    if (wrap)
        notation_cat(out, outsz, len, "(");
    notation_cat(out, outsz, len, plain);
    if (wrap)
        notation_cat(out, outsz, len, ")");
}

static void notation_emit(const char *s, int n, notation_mode mode, char *out, size_t outsz, size_t *len)
{
    int i = 0;
    while (i < n && s[i]) {
        char c = s[i];
        if ((c == '_' || c == '^') && i + 1 < n && s[i + 1]) {
            const char *g;
            int glen;
            int used = notation_group(s + i + 1, &g, &glen);
            if (glen > 0) {
                notation_script(c == '^', g, glen, mode, out, outsz, len);
                i += 1 + used;
                continue;
            }
        }
        if (c == '{' || c == '}') {
            i++;
            continue;
        }
        if (mode == MODE_KEY && (c == ' ' || c == '\t')) {
            i++;
            continue;
        }
        uint32_t cp;
        int cl = utf8_next(s + i, &cp);
        if (mode == MODE_ASCII && cp >= 0x80) {
            const char *a = notation_ascii(cp);
            notation_cat(out, outsz, len, a ? a : "?");
        } else {
            char b[UTF8_MAX + 1] = {0};
            memcpy(b, s + i, (size_t)cl);
            notation_cat(out, outsz, len, b);
        }
        i += cl;
    }
}

void notation_render(const char *markup, bool unicode, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    notation_emit(markup, (int)strlen(markup), unicode ? MODE_UNICODE : MODE_ASCII, out, outsz, &len);
}

void notation_key(const char *markup, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    notation_emit(markup, (int)strlen(markup), MODE_KEY, out, outsz, &len);
}
