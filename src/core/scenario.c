/* scenario.c - reads scenario files with inih; every error as path:line:col: message. */
#include "scenario.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "file.h"
#include "i18n.h"
#include "rng.h"
#include "utf8.h"

/* inih's line buffer (Debian builds it with the default 200). */
#define SCEN_LINE_MAX 200

/* A matrix or list of numbers collected from one key (rows = lines). */
typedef struct scen_nums {
    double *v;   /* all numbers, row after row */
    int n, cap;  /* count and capacity */
    int rows;    /* lines */
    int cols;    /* numbers in the first row */
    int line;    /* line of the key, 0 when not given */
    int col;     /* column of the first value */
} scen_nums;

/* Names collected from w.names. */
typedef struct scen_names {
    char **v;
    int n, cap, rows, cols, line, col;
} scen_names;

/* One inline sample as written. */
typedef struct scen_sample {
    double *x, *t;
    int nx, nt, line, col;
} scen_sample;

/* Parser state shared by the inih reader and handler. */
typedef struct scen_parser {
    const char *path;
    const char *text;
    long len, off;
    int line;                 /* line last handed to inih */
    char raw[SCEN_LINE_MAX];  /* that line, comments stripped */
    bool cont;                /* it starts with blanks (a continuation) */
    err *e;
    bool failed;
    scenario *sc;

    char section[64];         /* current section as written */
    int sec_line;             /* its line */
    int layer;                /* N of [layer N], 0 elsewhere */
    char last_key[64];        /* last key of the current section, for continuations */
    int last_key_line;

    char (*seen)[96];         /* "section\x1fkey" seen once */
    int nseen, capseen;

    int sec_lines[8];         /* line of each fixed section header, 0 if absent */
    int layer_line[NET_MAX_LAYERS + 1]; /* line of [layer N] */
    int max_layer_seen;       /* largest N of [layer N] */
    int max_layer_line;

    bool has_layers;
    int layers_line, layers_col;
    scen_nums w[NET_MAX_LAYERS], b[NET_MAX_LAYERS];
    scen_names wn[NET_MAX_LAYERS];
    bool bias_set[NET_MAX_LAYERS];
    int bias_line[NET_MAX_LAYERS];
    scen_sample *samples;
    int nsamples, capsamples;
    bool has_init;
    int init_line;
    bool eta_bias_set;
    int csv_line;
} scen_parser;

enum { SEC_SCENARIO, SEC_NETWORK, SEC_NOTATION, SEC_TRAINING, SEC_INIT, SEC_DATA, SEC_EXPECTED, SEC_LAYER };
static const char *const scen_sections[] = {"scenario", "network", "notation", "training", "init", "data", "expected"};

/* Sets the error once (the first one wins). */
static void scen_fail(scen_parser *p, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void scen_fail(scen_parser *p, int line, int col, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    char msg[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(p->e, p->path, line, col, "%s", msg);
}

/* ---- the reader: lines for inih, checked and stripped ---- */

/* The N of "layer N" written so (one blank, then digits with an optional
 * sign), else NULL. */
static const char *scen_layer_number(const char *name)
{
    if (strncmp(name, "layer ", 6))
        return NULL;
    const char *d = name + 6 + (name[6] == '-' || name[6] == '+');
    size_t n = strspn(d, "0123456789");
    return n > 0 && !d[n] ? name + 6 : NULL;
}

static int scen_section_id(const char *name, int *layer)
{
    for (int i = 0; i < (int)(sizeof scen_sections / sizeof *scen_sections); i++)
        if (!strcmp(name, scen_sections[i]))
            return i;
    const char *num = scen_layer_number(name);
    if (num) {
        long v = strtol(num, NULL, 10); /* out-of-range N is reported by the caller */
        *layer = v < -1 ? -1 : v > NET_MAX_LAYERS ? NET_MAX_LAYERS : (int)v;
        return SEC_LAYER;
    }
    return -1;
}

/* For "[layer2]", "[layer  2]", "[layer 2 ]": the N meant, else NULL. */
static const char *scen_layer_meant(const char *name, char *num, size_t numsz)
{
    if (strncmp(name, "layer", 5))
        return NULL;
    const char *d = name + 5;
    while (*d == ' ' || *d == '\t')
        d++;
    size_t n = strspn(d, "0123456789");
    const char *t = d + n;
    while (*t == ' ' || *t == '\t')
        t++;
    if (n == 0 || *t || n >= numsz)
        return NULL;
    snprintf(num, numsz, "%.*s", (int)n, d);
    return num;
}

/* Checks a "[section]" line at the reader level, where inih gives no hook. */
static void scen_section_line(scen_parser *p, const char *s, int col0)
{
    const char *close = strchr(s, ']');
    if (!close) {
        scen_fail(p, p->line, col0, _("unterminated section header (missing ']')"));
        return;
    }
    for (const char *q = close + 1; *q; q++) {
        if (*q != ' ' && *q != '\t') {
            scen_fail(p, p->line, col0 + (int)(q - s), _("unexpected text after ']'"));
            return;
        }
    }
    char name[64];
    size_t n = (size_t)(close - s - 1);
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, s + 1, n);
    name[n] = '\0';
    int layer = 0, id = scen_section_id(name, &layer);
    char meant[16];
    if (id < 0 && scen_layer_meant(name, meant, sizeof meant)) {
        scen_fail(p, p->line, col0 + 1, _("unknown section [%s]; did you mean [layer %s]?"), name, meant);
        return;
    }
    if (id < 0) {
        scen_fail(p, p->line, col0 + 1,
                  _("unknown section [%s] (expected scenario, network, layer N, notation, training, init, data or expected)"), name);
        return;
    }
    if (id == SEC_LAYER) {
        if (layer < 1 || layer >= NET_MAX_LAYERS) {
            scen_fail(p, p->line, col0 + 1, _("layer number %s out of range (1 to %d)"), scen_layer_number(name),
                      NET_MAX_LAYERS - 1);
            return;
        }
        if (p->layer_line[layer]) {
            scen_fail(p, p->line, col0, _("[layer %d] given twice (first on line %d)"), layer, p->layer_line[layer]);
            return;
        }
        p->layer_line[layer] = p->line;
        if (layer > p->max_layer_seen) {
            p->max_layer_seen = layer;
            p->max_layer_line = p->line;
        }
    } else {
        if (p->sec_lines[id]) {
            scen_fail(p, p->line, col0, _("[%s] given twice (first on line %d)"), name, p->sec_lines[id]);
            return;
        }
        p->sec_lines[id] = p->line;
    }
}

static char *scen_reader(char *str, int num, void *stream)
{
    scen_parser *p = stream;
    if (p->failed || p->off >= p->len)
        return NULL;
    const char *s = p->text + p->off;
    long rest = p->len - p->off;
    const char *nl = memchr(s, '\n', (size_t)rest);
    long n = nl ? nl - s : rest;
    p->off += nl ? n + 1 : n;
    p->line++;
    /* Binary data and bad encodings stop the parse with their position. */
    for (long i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) {
            scen_fail(p, p->line, (int)i + 1, _("binary data (a NUL byte) in a text file"));
            return NULL;
        }
        uint32_t cp;
        int cl = utf8_decode(s + i, (size_t)(n - i), &cp);
        if (cp == UTF8_INVALID) {
            scen_fail(p, p->line, (int)i + 1, _("invalid UTF-8 (the file must be UTF-8 text)"));
            return NULL;
        }
        if (c == '\r' && i + 1 < n) {
            scen_fail(p, p->line, (int)i + 1,
                      _("a carriage return without a line feed (CR-only line endings?): save the file with LF or CR LF "
                        "line endings"));
            return NULL;
        }
        if (c < 0x20 && c != '\t' && c != '\r') {
            scen_fail(p, p->line, (int)i + 1, _("control character 0x%02x in a text file"), c);
            return NULL;
        }
        i += cl;
    }
    if (n > 0 && s[n - 1] == '\r')
        n--;
    /* Strip comments: '#' or ';' at the start or after a blank. */
    long keep = n;
    for (long i = 0; i < n; i++) {
        if ((s[i] == '#' || s[i] == ';') && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            keep = i;
            break;
        }
    }
    while (keep > 0 && (s[keep - 1] == ' ' || s[keep - 1] == '\t'))
        keep--;
    if (keep > num - 1 || keep > SCEN_LINE_MAX - 1) {
        scen_fail(p, p->line, SCEN_LINE_MAX, _("line longer than %d bytes (split the matrix or use [init])"), SCEN_LINE_MAX - 1);
        return NULL;
    }
    memcpy(p->raw, s, (size_t)keep);
    p->raw[keep] = '\0';
    p->cont = keep > 0 && (s[0] == ' ' || s[0] == '\t');
    long lead = 0;
    while (lead < keep && (s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    /* A BOM on the first line is inih's to skip. */
    long b = (p->line == 1 && keep >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) ? 3 : 0;
    if (lead + b < keep && s[lead + b] == '[') {
        scen_section_line(p, p->raw + lead + b, (int)(lead + b) + 1);
        p->last_key[0] = '\0';
    } else if (keep > 0 && !p->cont && !strpbrk(p->raw, "=:") && p->layer > 0 &&
               (!strcmp(p->last_key, "weights") || !strcmp(p->last_key, "biases") || !strcmp(p->last_key, "w.names"))) {
        /* inih would call it a syntax error: say what was meant. */
        scen_fail(p, p->line, 1, _("this line is not indented: rows of '%s' continue on lines that start with blanks"),
                  p->last_key);
    }
    if (p->failed)
        return NULL;
    /* inih needs no newline; leaving it out gives lines the full 199 bytes. */
    memcpy(str, p->raw, (size_t)keep);
    str[keep] = '\0';
    return str;
}

/* ---- value helpers ---- */

/* 1-based column of the value on the current line. */
static int scen_value_col(const scen_parser *p)
{
    const char *r = p->raw;
    if (!p->cont) {
        const char *eq = strpbrk(r, "=:");
        if (eq)
            r = eq + 1;
    }
    while (*r == ' ' || *r == '\t')
        r++;
    return (int)(r - p->raw) + 1;
}

static int scen_key_col(const scen_parser *p)
{
    const char *r = p->raw;
    while (*r == ' ' || *r == '\t')
        r++;
    return (int)(r - p->raw) + 1;
}

/* What a list of numbers holds, for the comma rule's message. */
typedef enum scen_numkind {
    SCEN_REALS,  /* decimals: weights, samples, [expected], eta … */
    SCEN_WHOLES, /* a list of whole numbers: layers */
    SCEN_WHOLE   /* one whole number: iterations, seed … */
} scen_numkind;

static bool scen_digit(char c) { return c >= '0' && c <= '9'; }

/* The comma rule (FORMAT.md): a comma directly between two digits is an
 * error, for a handout's decimal comma (0,5) would otherwise be read as two
 * numbers (0 and 5); numbers are separated by blanks or by ", ". Reports the
 * first such comma at the column of its word (value starts at col0). */
static bool scen_commas(scen_parser *p, const char *value, int col0, scen_numkind kind)
{
    const char *c = value;
    while ((c = strchr(c, ',')) && !(c > value && scen_digit(c[-1]) && scen_digit(c[1])))
        c++;
    if (!c)
        return true;
    const char *ws = c, *we = c; /* the word (between blanks) that holds it */
    while (ws > value && ws[-1] != ' ' && ws[-1] != '\t')
        ws--;
    while (*we && *we != ' ' && *we != '\t')
        we++;
    char word[SCEN_LINE_MAX], fix[SCEN_LINE_MAX];
    snprintf(word, sizeof word, "%.*s", (int)(we - ws), ws);
    int col = col0 + (int)(ws - value);
    if (kind == SCEN_WHOLE) {
        size_t n = 0;
        for (const char *q = ws; q < we; q++)
            if (*q != ',')
                fix[n++] = *q;
        fix[n] = '\0';
        scen_fail(p, p->line, col, _("'%s': write whole numbers without separators (%s)"), word, fix);
        return false;
    }
    /* A decimal comma when the word is [sign] digits, the comma, digits
     * [exponent]: then say what to write instead. */
    const char *q = ws + (*ws == '+' || *ws == '-');
    bool decimal = kind == SCEN_REALS && q < c;
    for (; q < c; q++)
        decimal = decimal && scen_digit(*q);
    for (q = c + 1; q < we && scen_digit(*q);)
        q++;
    if (q < we && (*q == 'e' || *q == 'E')) {
        q += 1 + (q + 1 < we && (q[1] == '+' || q[1] == '-'));
        const char *d = q;
        while (q < we && scen_digit(*q))
            q++;
        decimal = decimal && q > d;
    }
    if (decimal && q == we) {
        snprintf(fix, sizeof fix, "%.*s.%.*s", (int)(c - ws), ws, (int)(we - c - 1), c + 1);
        scen_fail(p, p->line, col, _("'%s': decimal comma? write %s; separate numbers with blanks or ', '"), word, fix);
    } else {
        scen_fail(p, p->line, col,
                  _("'%s': a comma between digits is neither a decimal point nor a separator; separate numbers with "
                    "blanks or ', '"),
                  word);
    }
    return false;
}

/* Splits value into tokens at blanks (and at commas, which may separate
 * numbers but belong to names like w_{(x1,1)}); calls fn with each column. */
typedef bool (*scen_tok_fn)(scen_parser *p, const char *tok, int col, void *ud);

static bool scen_tokens_sep(scen_parser *p, const char *value, int col0, scen_tok_fn fn, void *ud, bool commas)
{
    const char *s = value;
    while (*s) {
        while (*s == ' ' || *s == '\t' || (commas && *s == ','))
            s++;
        if (!*s)
            break;
        const char *st = s;
        while (*s && *s != ' ' && *s != '\t' && !(commas && *s == ','))
            s++;
        char tok[SCEN_LINE_MAX];
        size_t n = (size_t)(s - st);
        memcpy(tok, st, n);
        tok[n] = '\0';
        if (!fn(p, tok, col0 + (int)(st - value), ud))
            return false;
    }
    return true;
}

static bool scen_tokens(scen_parser *p, const char *value, int col0, scen_tok_fn fn, void *ud)
{
    return scen_commas(p, value, col0, SCEN_REALS) && scen_tokens_sep(p, value, col0, fn, ud, true);
}

/* Parses a finite number; reports at col. */
static bool scen_number(scen_parser *p, const char *tok, int col, double *out)
{
    char *end;
    errno = 0;
    if (!*tok) {
        scen_fail(p, p->line, col, _("missing value"));
        return false;
    }
    if (!scen_commas(p, tok, col, SCEN_REALS))
        return false;
    double v = strtod(tok, &end);
    if (end == tok || *end || (isfinite(v) && strspn(tok, "0123456789+-.eE") != strlen(tok))) {
        /* Decimal only: strtod would also take hex floats like 0x1p-2. */
        scen_fail(p, p->line, col, _("'%s' is not a number"), tok);
        return false;
    }
    if (!isfinite(v)) {
        scen_fail(p, p->line, col, _("'%s' is not a finite number"), tok);
        return false;
    }
    *out = v;
    return true;
}

static bool scen_nums_push(scen_parser *p, const char *tok, int col, void *ud)
{
    scen_nums *m = ud;
    double v;
    if (!scen_number(p, tok, col, &v))
        return false;
    if (m->n >= NET_MAX_PARAMS) {
        scen_fail(p, p->line, col, _("too many numbers (more than %d)"), NET_MAX_PARAMS);
        return false;
    }
    if (m->n == m->cap) {
        int cap = m->cap ? m->cap * 2 : 16;
        cap = cap > NET_MAX_PARAMS ? NET_MAX_PARAMS : cap;
        double *nv = realloc(m->v, (size_t)cap * sizeof *nv);
        if (!nv) {
            scen_fail(p, p->line, col, _("out of memory"));
            return false;
        }
        m->v = nv;
        m->cap = cap;
    }
    m->v[m->n++] = v;
    return true;
}

/* Adds one line of numbers as a row of m; checks the row length. */
static bool scen_nums_row(scen_parser *p, scen_nums *m, const char *value, bool first)
{
    int col = scen_value_col(p);
    if (first) {
        m->line = p->line;
        m->col = col;
    }
    int before = m->n;
    if (!scen_tokens(p, value, col, scen_nums_push, m))
        return false;
    int got = m->n - before;
    if (got == 0) {
        if (first)
            return true; /* "weights =" with the rows below */
        scen_fail(p, p->line, col, _("expected numbers"));
        return false;
    }
    if (m->rows == 0)
        m->cols = got;
    else if (got != m->cols) {
        scen_fail(p, p->line, col, ngettext("this row has %d number but the first row has %d",
                                            "this row has %d numbers but the first row has %d", (unsigned long)got),
                  got, m->cols);
        return false;
    }
    m->rows++;
    return true;
}

static bool scen_names_push(scen_parser *p, const char *tok, int col, void *ud)
{
    scen_names *m = ud;
    if (notation_check_template(tok) >= 0 || strchr(tok, '$')) {
        scen_fail(p, p->line, col, _("a weight name cannot hold placeholders: '%s'"), tok);
        return false;
    }
    if (m->n + 1 >= m->cap) {
        int cap = m->cap ? m->cap * 2 : 16;
        char **nv = realloc(m->v, (size_t)cap * sizeof *nv);
        if (!nv) {
            scen_fail(p, p->line, col, _("out of memory"));
            return false;
        }
        m->v = nv;
        m->cap = cap;
    }
    m->v[m->n] = strdup(tok);
    if (!m->v[m->n]) {
        scen_fail(p, p->line, col, _("out of memory"));
        return false;
    }
    m->n++;
    m->v[m->n] = NULL;
    return true;
}

static bool scen_names_row(scen_parser *p, scen_names *m, const char *value, bool first)
{
    int col = scen_value_col(p);
    if (first) {
        m->line = p->line;
        m->col = col;
    }
    int before = m->n;
    if (!scen_tokens_sep(p, value, col, scen_names_push, m, false))
        return false;
    int got = m->n - before;
    if (got == 0) {
        if (first)
            return true;
        scen_fail(p, p->line, col, _("expected names"));
        return false;
    }
    if (m->rows == 0)
        m->cols = got;
    else if (got != m->cols) {
        scen_fail(p, p->line, col, ngettext("this row has %d name but the first row has %d",
                                            "this row has %d names but the first row has %d", (unsigned long)got),
                  got, m->cols);
        return false;
    }
    m->rows++;
    return true;
}

static bool scen_strdup(scen_parser *p, char **dst, const char *value)
{
    free(*dst);
    *dst = strdup(value);
    if (!*dst) {
        scen_fail(p, p->line, 1, _("out of memory"));
        return false;
    }
    return true;
}

static bool scen_bool(scen_parser *p, const char *value, bool *out)
{
    if (!strcmp(value, "yes") || !strcmp(value, "true") || !strcmp(value, "on") || !strcmp(value, "1"))
        *out = true;
    else if (!strcmp(value, "no") || !strcmp(value, "false") || !strcmp(value, "off") || !strcmp(value, "0"))
        *out = false;
    else {
        scen_fail(p, p->line, scen_value_col(p), _("expected yes or no, not '%s'"), value);
        return false;
    }
    return true;
}

/* One number with bounds (lo <= v, v < hi or v <= hi when hi_incl). */
static bool scen_real(scen_parser *p, const char *value, double lo, double hi, bool lo_excl, double *out)
{
    int col = scen_value_col(p);
    char extra[SCEN_LINE_MAX];
    double v;
    if (sscanf(value, "%s %s", extra, extra) == 2) {
        scen_fail(p, p->line, col, _("expected one number"));
        return false;
    }
    if (!scen_number(p, value, col, &v))
        return false;
    if (v < lo || v > hi || (lo_excl && v == lo)) {
        if (lo_excl)
            scen_fail(p, p->line, col, _("%s is out of range (it must be more than %g and at most %g)"), value, lo, hi);
        else
            scen_fail(p, p->line, col, _("%s is out of range (%g to %g)"), value, lo, hi);
        return false;
    }
    *out = v;
    return true;
}

static bool scen_long(scen_parser *p, const char *value, long lo, long hi, long *out)
{
    int col = scen_value_col(p);
    if (!scen_commas(p, value, col, SCEN_WHOLE))
        return false;
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (end == value || *end) {
        scen_fail(p, p->line, col, _("'%s' is not a whole number"), value);
        return false;
    }
    if (errno == ERANGE || v < lo || v > hi) {
        scen_fail(p, p->line, col, _("%s is out of range (%ld to %ld)"), value, lo, hi);
        return false;
    }
    *out = v;
    return true;
}

static bool scen_template(scen_parser *p, char **dst, const char *value)
{
    int bad = notation_check_template(value);
    if (bad >= 0) {
        scen_fail(p, p->line, scen_value_col(p) + bad,
                  _("unknown placeholder in '%s' (use $j $k $l $m $u $v $n $s $p $L or $$)"), value);
        return false;
    }
    if (!*value) {
        scen_fail(p, p->line, scen_value_col(p), _("empty name"));
        return false;
    }
    return scen_strdup(p, dst, value);
}

static bool scen_unknown_key(scen_parser *p, const char *name)
{
    if (!*name) {
        scen_fail(p, p->line, scen_key_col(p), _("missing key name before '='"));
        return false;
    }
    scen_fail(p, p->line, scen_key_col(p), _("unknown key '%s' in [%s]"), name, p->section);
    return false;
}

/* ---- sections ---- */

static bool scen_scenario_key(scen_parser *p, const char *name, const char *value)
{
    if (!strcmp(name, "title")) {
        if (!*value) {
            scen_fail(p, p->line, scen_value_col(p), _("empty title"));
            return false;
        }
        return scen_strdup(p, &p->sc->title, value);
    }
    if (!strcmp(name, "source"))
        return scen_strdup(p, &p->sc->source, value);
    return scen_unknown_key(p, name);
}

static bool scen_layers_tok(scen_parser *p, const char *tok, int col, void *ud)
{
    (void)ud;
    net_spec *sp = &p->sc->spec;
    char *end;
    long v = strtol(tok, &end, 10);
    if (end == tok || *end) {
        scen_fail(p, p->line, col, _("'%s' is not a whole number of neurons"), tok);
        return false;
    }
    if (sp->nlayers >= NET_MAX_LAYERS) {
        scen_fail(p, p->line, col, _("too many layers (at most %d, input included)"), NET_MAX_LAYERS);
        return false;
    }
    if (v < 1 || v > NET_MAX_WIDTH) {
        scen_fail(p, p->line, col, _("a layer holds 1 to %d neurons, not %s"), NET_MAX_WIDTH, tok);
        return false;
    }
    sp->size[sp->nlayers++] = (int)v;
    return true;
}

static bool scen_network_key(scen_parser *p, const char *name, const char *value)
{
    net_spec *sp = &p->sc->spec;
    if (!strcmp(name, "layers")) {
        p->layers_line = p->line;
        p->layers_col = scen_value_col(p);
        sp->nlayers = 0;
        if (!scen_commas(p, value, p->layers_col, SCEN_WHOLES) || !scen_tokens(p, value, p->layers_col, scen_layers_tok, NULL))
            return false;
        if (sp->nlayers < 2) {
            scen_fail(p, p->line, p->layers_col, _("a network needs at least 2 layers (input and output)"));
            return false;
        }
        p->has_layers = true;
        return true;
    }
    if (!strcmp(name, "loss")) {
        for (int i = 0; i < NET_LOSS_COUNT; i++) {
            if (!strcmp(value, net_loss_name((net_loss)i))) {
                sp->loss = (net_loss)i;
                return true;
            }
        }
        scen_fail(p, p->line, scen_value_col(p), _("unknown loss '%s' (expected half-sse or mse)"), value);
        return false;
    }
    return scen_unknown_key(p, name);
}

/* gsigmoid's two numbers A and B after the word (rest points past it in value). */
static bool scen_gsigmoid_params(scen_parser *p, const char *value, const char *rest, int col, double *A, double *B)
{
    char a[64], b[64], c[64];
    int k = sscanf(rest, "%63s %63s %63s", a, b, c);
    if (k != 2) {
        scen_fail(p, p->line, col, _("gsigmoid takes two numbers, A and B: 'gsigmoid 1 1'"));
        return false;
    }
    if (!scen_number(p, a, col + (int)(strstr(value, a) - value), A) ||
        !scen_number(p, b, col + (int)(strstr(rest, b) - value), B))
        return false;
    if (!(*A > 0) || !(*B > 0)) {
        scen_fail(p, p->line, col, _("gsigmoid needs A > 0 and B > 0"));
        return false;
    }
    return true;
}

/* "activation = NAME [A B]": the function, with gsigmoid's parameters. */
static bool scen_layer_activation(scen_parser *p, net_layer_spec *ls, const char *value)
{
    char word[32] = "";
    double A = 1, B = 1;
    int col = scen_value_col(p);
    int used = 0;
    sscanf(value, "%31s%n", word, &used);
    for (int i = 0; i < NET_ACT_COUNT; i++) {
        if (strcmp(word, net_act_name((net_act)i)))
            continue;
        ls->act = (net_act)i;
        const char *rest = value + used;
        while (*rest == ' ' || *rest == '\t')
            rest++;
        if (i == NET_ACT_GSIGMOID) {
            if (!scen_gsigmoid_params(p, value, rest, col, &A, &B))
                return false;
        } else if (*rest) {
            scen_fail(p, p->line, col + (int)(rest - value), _("%s takes no parameters"), word);
            return false;
        }
        ls->act_a = A;
        ls->act_b = B;
        return true;
    }
    scen_fail(p, p->line, col, _("unknown activation '%s' (expected sigmoid, gsigmoid A B, tanh, relu or identity)"), word);
    return false;
}

/* "bias = none | neuron | shared" of layer l. */
static bool scen_layer_bias(scen_parser *p, int l, const char *value)
{
    for (int i = 0; i < NET_BIAS_COUNT; i++) {
        if (!strcmp(value, net_bias_name((net_bias)i))) {
            p->sc->spec.layer[l].bias = (net_bias)i;
            p->bias_set[l] = true;
            p->bias_line[l] = p->line;
            return true;
        }
    }
    scen_fail(p, p->line, scen_value_col(p), _("unknown bias mode '%s' (expected none, neuron or shared)"), value);
    return false;
}

/* "layout = to-from | from-to": how layer l's matrices are written. */
static bool scen_layer_layout(scen_parser *p, int l, const char *value)
{
    if (!strcmp(value, "to-from"))
        p->sc->layout[l] = 0;
    else if (!strcmp(value, "from-to"))
        p->sc->layout[l] = 1;
    else {
        scen_fail(p, p->line, scen_value_col(p), _("unknown layout '%s' (expected to-from or from-to)"), value);
        return false;
    }
    return true;
}

static bool scen_layer_key(scen_parser *p, const char *name, const char *value, bool cont)
{
    const int l = p->layer;
    net_layer_spec *ls = &p->sc->spec.layer[l];
    notation *nt = &p->sc->nt;
    if (!strcmp(name, "weights"))
        return scen_nums_row(p, &p->w[l], value, !cont);
    if (!strcmp(name, "biases"))
        return scen_nums_row(p, &p->b[l], value, !cont);
    if (!strcmp(name, "w.names"))
        return scen_names_row(p, &p->wn[l], value, !cont);
    if (!strcmp(name, "activation"))
        return scen_layer_activation(p, ls, value);
    if (!strcmp(name, "bias"))
        return scen_layer_bias(p, l, value);
    if (!strcmp(name, "bias.frozen"))
        return scen_bool(p, value, &ls->bias_frozen);
    if (!strcmp(name, "layout"))
        return scen_layer_layout(p, l, value);
    static const struct { const char *key; nt_sym sym; } names[] = {
        {"z", NT_Z}, {"a", NT_A}, {"w", NT_W}, {"b", NT_B}, {"delta", NT_DELTA},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(name, names[i].key))
            return scen_template(p, &nt->layer[l][names[i].sym], value);
    return scen_unknown_key(p, name);
}

static bool scen_notation_key(scen_parser *p, const char *name, const char *value)
{
    static const struct { const char *key; nt_sym sym; } names[] = {
        {"x", NT_X},       {"t", NT_T},       {"loss", NT_LOSS},         {"error", NT_ERR},
        {"grad", NT_GRAD}, {"update", NT_UPD}, {"eta", NT_ETA},          {"eta.bias", NT_ETAB},
        {"momentum", NT_MOM}, {"velocity", NT_VEL},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (strcmp(name, names[i].key))
            continue;
        /* $L in the loss's own name would name itself; $$ is a literal dollar. */
        const char *self = NULL;
        for (const char *q = value; names[i].sym == NT_LOSS && *q && !self; q++) {
            if (q[0] == '$' && q[1] == '$')
                q++;
            else if (q[0] == '$' && q[1] == 'L')
                self = q;
        }
        if (self) {
            scen_fail(p, p->line, scen_value_col(p) + (int)(self - value), _("the loss's name cannot contain $L (itself)"));
            return false;
        }
        return scen_template(p, &p->sc->nt.global[names[i].sym], value);
    }
    return scen_unknown_key(p, name);
}

static bool scen_training_key(scen_parser *p, const char *name, const char *value)
{
    scenario *sc = p->sc;
    net_hyper *h = &sc->hyper;
    if (!strcmp(name, "eta"))
        return scen_real(p, value, 0, 1e6, true, &h->eta_w);
    if (!strcmp(name, "eta.bias")) {
        p->eta_bias_set = true;
        return scen_real(p, value, 0, 1e6, false, &h->eta_b);
    }
    if (!strcmp(name, "momentum"))
        return scen_real(p, value, 0, 0.999999, false, &h->momentum);
    if (!strcmp(name, "adaptive"))
        return scen_bool(p, value, &h->adaptive);
    if (!strcmp(name, "adaptive.inc"))
        return scen_real(p, value, 1, 10, false, &h->lr_inc);
    if (!strcmp(name, "adaptive.dec"))
        return scen_real(p, value, 0, 1, true, &h->lr_dec);
    if (!strcmp(name, "adaptive.max_ratio"))
        return scen_real(p, value, 1, 100, false, &h->max_ratio);
    if (!strcmp(name, "mode")) {
        if (!strcmp(value, "sgd"))
            sc->mode = TRAIN_MODE_SGD;
        else if (!strcmp(value, "batch"))
            sc->mode = TRAIN_MODE_BATCH;
        else {
            scen_fail(p, p->line, scen_value_col(p), _("unknown mode '%s' (expected sgd or batch)"), value);
            return false;
        }
        return true;
    }
    if (!strcmp(name, "iterations"))
        return scen_long(p, value, 1, 1000000, &sc->iterations);
    if (!strcmp(name, "epochs"))
        return scen_long(p, value, 0, 10000000, &sc->epochs);
    if (!strcmp(name, "threshold"))
        return scen_real(p, value, 0, 1e300, false, &sc->threshold);
    return scen_unknown_key(p, name);
}

static bool scen_init_key(scen_parser *p, const char *name, const char *value)
{
    scenario *sc = p->sc;
    if (!strcmp(name, "random")) {
        char kind[32], a[64], b[64], c[8];
        int col = scen_value_col(p);
        int k = sscanf(value, "%31s %63s %63s %7s", kind, a, b, c);
        if (k < 1 || strcmp(kind, "uniform")) {
            scen_fail(p, p->line, col, _("expected 'uniform LO HI'"));
            return false;
        }
        if (k != 3) {
            scen_fail(p, p->line, col, _("uniform takes two numbers: 'uniform LO HI'"));
            return false;
        }
        if (!scen_number(p, a, col + (int)(strstr(value, a) - value), &sc->init_lo) ||
            !scen_number(p, b, col + (int)(strstr(value + strlen(kind), b) - value), &sc->init_hi))
            return false;
        if (!(sc->init_lo < sc->init_hi)) {
            scen_fail(p, p->line, col, _("uniform needs LO < HI"));
            return false;
        }
        sc->init_mode = SCENARIO_INIT_UNIFORM;
        p->has_init = true;
        p->init_line = p->line;
        return true;
    }
    if (!strcmp(name, "seed")) {
        long v;
        if (!scen_long(p, value, 0, 2147483647L, &v))
            return false;
        sc->init_seed = (unsigned long)v;
        return true;
    }
    return scen_unknown_key(p, name);
}

static bool scen_sample_tok(scen_parser *p, const char *tok, int col, void *ud)
{
    scen_sample *s = ud;
    if (!strcmp(tok, "->")) {
        if (s->nt >= 0) {
            scen_fail(p, p->line, col, _("'->' given twice in one sample"));
            return false;
        }
        s->nt = 0;
        return true;
    }
    double v;
    if (!scen_number(p, tok, col, &v))
        return false;
    double **arr = s->nt >= 0 ? &s->t : &s->x;
    int *cnt = s->nt >= 0 ? &s->nt : &s->nx;
    if (*cnt >= NET_MAX_WIDTH) {
        scen_fail(p, p->line, col, _("too many values in one sample"));
        return false;
    }
    double *nv = realloc(*arr, (size_t)(*cnt + 1) * sizeof *nv);
    if (!nv) {
        scen_fail(p, p->line, col, _("out of memory"));
        return false;
    }
    nv[(*cnt)++] = v;
    *arr = nv;
    return true;
}

/* One "sample = x1 x2 … -> t1 t2 …" line, kept until the network's size is known. */
static bool scen_data_sample(scen_parser *p, const char *value)
{
    if (p->nsamples >= SCENARIO_MAX_SAMPLES) {
        scen_fail(p, p->line, scen_key_col(p), _("too many samples (at most %d)"), SCENARIO_MAX_SAMPLES);
        return false;
    }
    if (p->nsamples == p->capsamples) {
        int cap = p->capsamples ? p->capsamples * 2 : 8;
        scen_sample *ns = realloc(p->samples, (size_t)cap * sizeof *ns);
        if (!ns) {
            scen_fail(p, p->line, 1, _("out of memory"));
            return false;
        }
        p->samples = ns;
        p->capsamples = cap;
    }
    scen_sample *s = &p->samples[p->nsamples++];
    memset(s, 0, sizeof *s);
    s->nt = -1;
    s->line = p->line;
    s->col = scen_value_col(p);
    if (!scen_tokens(p, value, s->col, scen_sample_tok, s))
        return false;
    if (s->nt < 0) {
        scen_fail(p, p->line, s->col, _("a sample is written 'x1 x2 … -> t1 t2 …' (missing '->')"));
        return false;
    }
    if (s->nx == 0 || s->nt == 0) {
        scen_fail(p, p->line, s->col, _("a sample needs inputs before '->' and targets after it"));
        return false;
    }
    return true;
}

/* "normalize = minmax | none". */
static bool scen_data_normalize(scen_parser *p, const char *value)
{
    if (!strcmp(value, "minmax"))
        p->sc->csv.normalize = true;
    else if (!strcmp(value, "none"))
        p->sc->csv.normalize = false;
    else {
        scen_fail(p, p->line, scen_value_col(p), _("unknown normalisation '%s' (expected minmax or none)"), value);
        return false;
    }
    return true;
}

static bool scen_data_key(scen_parser *p, const char *name, const char *value)
{
    csv_opts *c = &p->sc->csv;
    if (!strcmp(name, "sample"))
        return scen_data_sample(p, value);
    if (!strcmp(name, "file")) {
        p->csv_line = p->line;
        c->line = p->line;
        if (!*value) {
            scen_fail(p, p->line, scen_value_col(p), _("'file =' names no file (write the CSV file's path after '=')"));
            return false;
        }
        return scen_strdup(p, &c->file, value);
    }
    if (!strcmp(name, "label")) {
        if (!*value) {
            scen_fail(p, p->line, scen_value_col(p), _("'label =' names no column (write the label column's name after '=')"));
            return false;
        }
        return scen_strdup(p, &c->label, value);
    }
    if (!strcmp(name, "normalize"))
        return scen_data_normalize(p, value);
    if (!strcmp(name, "shuffle"))
        return scen_bool(p, value, &c->shuffle);
    if (!strcmp(name, "seed")) {
        long v;
        if (!scen_long(p, value, 0, 2147483647L, &v))
            return false;
        c->seed = (unsigned long)v;
        return true;
    }
    if (!strcmp(name, "train")) {
        long v;
        if (!scen_long(p, value, 1, 100000000L, &v))
            return false;
        c->train_rows = (int)v;
        return true;
    }
    return scen_unknown_key(p, name);
}

static bool scen_blank(char c) { return c == ' ' || c == '\t'; }

/* Splits "SYMBOL after N" (FORMAT.md): *after = N and *symlen = the length
 * of SYMBOL; without the suffix, -1 and the whole name. False (error set)
 * for an "after" that has no whole number of updates after it. */
static bool scen_after(scen_parser *p, const char *name, size_t *symlen, long *after)
{
    const int col0 = scen_key_col(p);
    const char *end = name + strlen(name);
    const char *w2 = end; /* the last word */
    while (w2 > name && !scen_blank(w2[-1]))
        w2--;
    const char *e1 = w2; /* the word before it */
    while (e1 > name && scen_blank(e1[-1]))
        e1--;
    const char *w1 = e1;
    while (w1 > name && !scen_blank(w1[-1]))
        w1--;
    *after = -1;
    *symlen = (size_t)(end - name);
    if (w2 > name && !strcmp(w2, "after")) {
        scen_fail(p, p->line, col0 + (int)(w2 - name), _("'after' needs the number of updates: 'E after 10000 = …'"));
        return false;
    }
    if (w1 == e1 || e1 - w1 != 5 || strncmp(w1, "after", 5))
        return true;
    if (w1 == name) {
        scen_fail(p, p->line, col0, _("the symbol is missing before 'after'"));
        return false;
    }
    const int col = col0 + (int)(w2 - name);
    if (!scen_commas(p, w2, col, SCEN_WHOLE))
        return false;
    size_t nd = strspn(w2, "0123456789");
    long v = nd > 0 && nd <= 9 && !w2[nd] ? strtol(w2, NULL, 10) : -1;
    if (v < 0 || v > SCENARIO_MAX_AFTER) {
        scen_fail(p, p->line, col, _("'after' takes the number of updates, a whole number from 0 to %ld, not '%s'"),
                  (long)SCENARIO_MAX_AFTER, w2);
        return false;
    }
    while (w1 > name && scen_blank(w1[-1]))
        w1--;
    *after = v;
    *symlen = (size_t)(w1 - name);
    return true;
}

static bool scen_expected_key(scen_parser *p, const char *name, const char *value)
{
    scenario *sc = p->sc;
    if (!*name)
        return scen_unknown_key(p, name); /* "= 1": missing key name */
    size_t symlen;
    long after;
    if (!scen_after(p, name, &symlen, &after))
        return false;
    if (sc->nexpect >= SCENARIO_MAX_EXPECTED) {
        scen_fail(p, p->line, scen_key_col(p), _("too many expected values (at most %d)"), SCENARIO_MAX_EXPECTED);
        return false;
    }
    double v;
    if (!scen_number(p, value, scen_value_col(p), &v))
        return false;
    if (sc->nexpect % 16 == 0) {
        scenario_expect *ne = realloc(sc->expect, (size_t)(sc->nexpect + 16) * sizeof *ne);
        if (!ne) {
            scen_fail(p, p->line, 1, _("out of memory"));
            return false;
        }
        sc->expect = ne;
    }
    scenario_expect *x = &sc->expect[sc->nexpect];
    x->symbol = strndup(name, symlen);
    x->printed = strdup(value);
    x->value = v;
    x->line = p->line;
    x->after = after;
    if (!x->symbol || !x->printed) {
        free(x->symbol);
        free(x->printed);
        scen_fail(p, p->line, 1, _("out of memory"));
        return false;
    }
    sc->nexpect++;
    return true;
}

/* Remembers section+key; false if it was seen before. */
static bool scen_seen(scen_parser *p, const char *name)
{
    char k[96];
    snprintf(k, sizeof k, "%s\x1f%s", p->section, name);
    for (int i = 0; i < p->nseen; i++)
        if (!strcmp(p->seen[i], k))
            return false;
    if (p->nseen == p->capseen) {
        int cap = p->capseen ? p->capseen * 2 : 32;
        char (*ns)[96] = realloc(p->seen, (size_t)cap * sizeof *ns);
        if (!ns)
            return true;
        p->seen = ns;
        p->capseen = cap;
    }
    memcpy(p->seen[p->nseen++], k, sizeof k);
    return true;
}

static int scen_handler(void *user, const char *section, const char *name, const char *value)
{
    scen_parser *p = user;
    if (p->failed)
        return 0;
    if (strcmp(section, p->section)) {
        snprintf(p->section, sizeof p->section, "%s", section);
        p->last_key[0] = '\0';
    }
    if (!*section) {
        scen_fail(p, p->line, scen_key_col(p), _("'%s' is outside any section (start with [scenario])"), name);
        return 0;
    }
    int layer = 0;
    int id = scen_section_id(section, &layer);
    p->layer = id == SEC_LAYER ? layer : 0;
    bool cont = p->cont && !strcmp(name, p->last_key);
    if (!cont) {
        bool repeatable = id == SEC_EXPECTED || (id == SEC_DATA && !strcmp(name, "sample"));
        if (!repeatable && !scen_seen(p, name)) {
            scen_fail(p, p->line, scen_key_col(p), _("'%s' given twice in [%s]"), name, section);
            return 0;
        }
        snprintf(p->last_key, sizeof p->last_key, "%s", name);
        p->last_key_line = p->line;
    } else if (id != SEC_LAYER || (strcmp(name, "weights") && strcmp(name, "biases") && strcmp(name, "w.names"))) {
        scen_fail(p, p->line, scen_value_col(p),
                  _("unexpected indented line (only matrices continue on indented lines)"));
        return 0;
    }
    bool ok;
    switch (id) {
    case SEC_SCENARIO: ok = scen_scenario_key(p, name, value); break;
    case SEC_NETWORK: ok = scen_network_key(p, name, value); break;
    case SEC_LAYER: ok = scen_layer_key(p, name, value, cont); break;
    case SEC_NOTATION: ok = scen_notation_key(p, name, value); break;
    case SEC_TRAINING: ok = scen_training_key(p, name, value); break;
    case SEC_INIT: ok = scen_init_key(p, name, value); break;
    case SEC_DATA: ok = scen_data_key(p, name, value); break;
    case SEC_EXPECTED: ok = scen_expected_key(p, name, value); break;
    default: ok = false; break;
    }
    return ok ? 1 : 0;
}

/* ---- after parsing: the whole must agree ---- */

/* Last line number of the text (for "missing ..." errors). */
static int scen_last_line(const scen_parser *p) { return p->line > 0 ? p->line : 1; }

/* A needed key is missing: at its section's header with lacks, or, when
 * the section itself is missing, at the end with missing. */
static void scen_lacks(scen_parser *p, int sec, const char *lacks, const char *missing)
{
    scen_fail(p, p->sec_lines[sec] ? p->sec_lines[sec] : scen_last_line(p), 0, "%s", p->sec_lines[sec] ? lacks : missing);
}

/* The sections the network needs are there, and it is small enough. */
static bool scen_check_sections(scen_parser *p)
{
    const scenario *sc = p->sc;
    if (!sc->title) {
        scen_lacks(p, SEC_SCENARIO, _("[scenario] has no title"), _("missing section [scenario] (with a title)"));
        return false;
    }
    if (!p->has_layers) {
        scen_lacks(p, SEC_NETWORK, _("[network] has no 'layers'"), _("missing section [network] (with 'layers')"));
        return false;
    }
    const int L = sc->spec.nlayers - 1;
    if (p->max_layer_seen > L) {
        scen_fail(p, p->max_layer_line, 0,
                  ngettext("there is no layer %d: [network] layers gives %d computing layer",
                           "there is no layer %d: [network] layers gives %d computing layers", (unsigned long)L),
                  p->max_layer_seen, L);
        return false;
    }
    for (int l = 1; l <= L; l++) {
        if (!p->layer_line[l] && !p->has_init) {
            scen_fail(p, scen_last_line(p), 0, _("missing section [layer %d] (its weights are needed)"), l);
            return false;
        }
    }
    if (net_spec_nparams(&sc->spec) > NET_MAX_PARAMS) {
        scen_fail(p, p->layers_line, p->layers_col, _("the network has more than %d parameters"), NET_MAX_PARAMS);
        return false;
    }
    return true;
}

/* Index in net->w[l] of the weight written at row r, column c of a layer's
 * matrix: to-from rows are the layer's neurons, from-to rows the inputs. */
static size_t scen_weight_index(bool from_to, int nin, int r, int c)
{
    return from_to ? (size_t)c * nin + r : (size_t)r * nin + c;
}

/* Layer l's weights as written into the network (none written: [init] draws them). */
static bool scen_layer_weights(scen_parser *p, int l)
{
    net *n = p->sc->init;
    const int nin = p->sc->spec.size[l - 1], nout = p->sc->spec.size[l];
    const bool ft = p->sc->layout[l] == 1;
    const int rows = ft ? nin : nout, cols = ft ? nout : nin;
    const scen_nums *w = &p->w[l];
    if (!w->line) {
        if (!p->has_init) {
            scen_fail(p, p->layer_line[l], 0, _("[layer %d] has no weights (or give [init] random = uniform LO HI)"), l);
            return false;
        }
        return true;
    }
    if (w->rows != rows || w->cols != cols) {
        scen_fail(p, w->line, w->col,
                  _("layer %d weights must be %d×%d (%s: rows are neurons of %s, %d of them; columns %d); got %d×%d"), l,
                  rows, cols, ft ? "from-to" : "to-from", ft ? _("the layer before") : _("this layer"), rows, cols,
                  w->rows, w->cols);
        return false;
    }
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            n->w[l][scen_weight_index(ft, nin, r, c)] = w->v[r * cols + c];
    return true;
}

/* Layer l's biases as written, as many as its bias mode has. */
static bool scen_layer_biases(scen_parser *p, int l)
{
    net *n = p->sc->init;
    const net_spec *sp = &p->sc->spec;
    const scen_nums *b = &p->b[l];
    const int nb = n->nbias[l];
    if (b->line) {
        if (nb == 0) {
            scen_fail(p, b->line, b->col, _("layer %d has bias = none but lists biases"), l);
            return false;
        }
        if (b->n != nb) {
            scen_fail(p, b->line, b->col,
                      ngettext("layer %d needs %d bias (bias = %s); got %d", "layer %d needs %d biases (bias = %s); got %d",
                               (unsigned long)nb),
                      l, nb, net_bias_name(sp->layer[l].bias), b->n);
            return false;
        }
        memcpy(n->b[l], b->v, (size_t)nb * sizeof(double));
    } else if (nb && !p->has_init) {
        scen_fail(p, p->layer_line[l], 0, _("[layer %d] has no biases (bias = %s needs %d)"), l,
                  net_bias_name(sp->layer[l].bias), nb);
        return false;
    }
    return true;
}

/* Layer l's w.names, moved into the notation in the network's weight order. */
static bool scen_layer_wnames(scen_parser *p, int l)
{
    const net_spec *sp = &p->sc->spec;
    const int nin = sp->size[l - 1], nout = sp->size[l];
    const bool ft = p->sc->layout[l] == 1;
    const int rows = ft ? nin : nout, cols = ft ? nout : nin;
    scen_names *wn = &p->wn[l];
    if (!wn->line)
        return true;
    if (wn->rows != rows || wn->cols != cols) {
        scen_fail(p, wn->line, wn->col, _("layer %d w.names must be laid out like its weights, %d×%d; got %d×%d"), l,
                  rows, cols, wn->rows, wn->cols);
        return false;
    }
    char **names = calloc((size_t)rows * cols + 1, sizeof *names);
    if (!names) {
        scen_fail(p, wn->line, 0, _("out of memory"));
        return false;
    }
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            names[scen_weight_index(ft, nin, r, c)] = wn->v[r * cols + c];
            wn->v[r * cols + c] = NULL;
        }
    p->sc->nt.wnames[l] = names;
    return true;
}

/* The initial network: its shape, and each layer's written weights, biases and weight names. */
static bool scen_build_layers(scen_parser *p)
{
    scenario *sc = p->sc;
    err e;
    sc->init = net_new(&sc->spec, &e);
    if (!sc->init) {
        scen_fail(p, p->layers_line, p->layers_col, "%s", e.msg);
        return false;
    }
    for (int l = 1; l < sc->spec.nlayers; l++)
        if (!scen_layer_weights(p, l) || !scen_layer_biases(p, l) || !scen_layer_wnames(p, l))
            return false;
    return true;
}

/* With [init]: the parameters not written, drawn from the seed. Given
 * weights win; the rest is drawn in parameter order (every parameter draws,
 * so a written one does not shift the others' numbers). */
static bool scen_fill_random(scen_parser *p)
{
    scenario *sc = p->sc;
    net *n = sc->init;
    const net_spec *sp = &sc->spec;
    if (!p->has_init)
        return true;
    rng r;
    rng_seed(&r, sc->init_seed);
    double *draw = malloc((size_t)n->nparams * sizeof(double));
    if (!draw) {
        scen_fail(p, p->init_line, 0, _("out of memory"));
        return false;
    }
    for (int i = 0; i < n->nparams; i++)
        draw[i] = sc->init_lo + (sc->init_hi - sc->init_lo) * rng_uniform(&r);
    for (int l = 1; l < sp->nlayers; l++) {
        if (!p->w[l].line)
            memcpy(n->w[l], draw + (n->w[l] - n->params), (size_t)sp->size[l] * sp->size[l - 1] * sizeof(double));
        if (n->nbias[l] && !p->b[l].line)
            memcpy(n->b[l], draw + (n->b[l] - n->params), (size_t)n->nbias[l] * sizeof(double));
    }
    free(draw);
    return true;
}

/* The inline samples into the data set, each the network's size. */
static bool scen_data_samples(scen_parser *p, data_set *d)
{
    err e;
    for (int i = 0; i < p->nsamples; i++) {
        scen_sample *s = &p->samples[i];
        if (s->nx != d->nin || s->nt != d->nout) {
            char ins[64], outs[64];
            snprintf(ins, sizeof ins, ngettext("%d input", "%d inputs", (unsigned long)s->nx), s->nx);
            snprintf(outs, sizeof outs, ngettext("%d target", "%d targets", (unsigned long)s->nt), s->nt);
            /* TRANSLATORS: the first two %s are "2 inputs" and "1 target". */
            scen_fail(p, s->line, s->col, _("the sample has %s and %s; the network takes %d and gives %d"), ins, outs,
                      d->nin, d->nout);
            return false;
        }
        if (!data_append(d, s->x, s->t, &e)) {
            scen_fail(p, s->line, 0, "%s", e.msg);
            return false;
        }
    }
    d->ntrain = d->n;
    return true;
}

/* The data set from the CSV file [data] names. */
static bool scen_data_file(scen_parser *p, data_set *d)
{
    scenario *sc = p->sc;
    if (!sc->csv.label) {
        scen_fail(p, p->csv_line, 0, _("a data 'file' needs 'label' (the name of the label column)"));
        return false;
    }
    if (!csv_load_for(sc->path, &sc->csv, d->nin, d->nout, d, p->e)) {
        if (p->e && p->e->line == 0) {
            /* The file itself is unusable: point at the line that names it. */
            char msg[ERR_MSG_MAX];
            snprintf(msg, sizeof msg, "%s", p->e->msg);
            err_set(p->e, p->path, p->csv_line, 0, "%s", msg);
        }
        p->failed = true;
        return false;
    }
    return true;
}

/* Data: inline samples or a CSV file, not both. */
static bool scen_build_data(scen_parser *p)
{
    scenario *sc = p->sc;
    data_set *d = &sc->data;
    d->nin = sc->spec.size[0];
    d->nout = sc->spec.size[sc->spec.nlayers - 1];
    if (p->nsamples && sc->csv.file) {
        scen_fail(p, p->csv_line, 0, _("give either 'sample' lines or a 'file', not both"));
        return false;
    }
    if (!p->nsamples && !sc->csv.file) {
        scen_lacks(p, SEC_DATA, _("[data] has no 'sample' and no 'file'"), _("missing section [data]"));
        return false;
    }
    if (!scen_data_samples(p, d))
        return false;
    return !sc->csv.file || scen_data_file(p, d);
}

/* The whole must agree once every line is read: the sections are there,
 * the layers are built from what they give, [init] draws the rest, the
 * data is read. */
static bool scen_finish(scen_parser *p)
{
    if (!scen_check_sections(p) || !scen_build_layers(p) || !scen_fill_random(p))
        return false;
    if (!p->eta_bias_set)
        p->sc->hyper.eta_b = p->sc->hyper.eta_w;
    return scen_build_data(p);
}

static void scen_parser_free(scen_parser *p)
{
    for (int l = 0; l < NET_MAX_LAYERS; l++) {
        free(p->w[l].v);
        free(p->b[l].v);
        for (int i = 0; i < p->wn[l].n; i++)
            free(p->wn[l].v[i]);
        free(p->wn[l].v);
    }
    for (int i = 0; i < p->nsamples; i++) {
        free(p->samples[i].x);
        free(p->samples[i].t);
    }
    free(p->samples);
    free(p->seen);
}

scenario *scenario_parse(const char *path, const char *text, long len, err *e)
{
    if (len == 0) {
        err_set(e, path, 0, 0, _("empty file"));
        return NULL;
    }
    scenario *sc = calloc(1, sizeof *sc);
    scen_parser p;
    memset(&p, 0, sizeof p);
    if (!sc || !(sc->path = strdup(path))) {
        free(sc);
        err_set(e, path, 0, 0, _("out of memory"));
        return NULL;
    }
    p.path = path;
    p.text = text;
    p.len = len;
    p.e = e;
    p.sc = sc;
    for (int l = 1; l < NET_MAX_LAYERS; l++) {
        sc->spec.layer[l].act = NET_ACT_SIGMOID;
        sc->spec.layer[l].act_a = sc->spec.layer[l].act_b = 1.0;
        sc->spec.layer[l].bias = NET_BIAS_NEURON;
    }
    sc->spec.loss = NET_LOSS_HALF_SSE;
    sc->hyper = (net_hyper){.eta_w = 0.5, .eta_b = 0.5, .momentum = 0.0, .adaptive = false,
                            .lr_inc = 1.05, .lr_dec = 0.7, .max_ratio = 1.04};
    sc->iterations = 1;
    sc->epochs = 100;
    sc->init_seed = 1;
    sc->csv.seed = 1;
    int r = ini_parse_stream(scen_reader, &p, scen_handler, &p);
    if (!p.failed && r > 0) {
        /* A syntax error inih found (the handler reports its own). */
        scen_fail(&p, r, 0, _("expected 'key = value', '[section]' or a comment"));
    } else if (!p.failed && r < 0) {
        scen_fail(&p, 0, 0, _("out of memory"));
    }
    if (!p.failed)
        scen_finish(&p);
    scen_parser_free(&p);
    if (p.failed) {
        scenario_free(sc);
        return NULL;
    }
    return sc;
}

scenario *scenario_load(const char *path, err *e)
{
    long long size;
    FILE *f = file_open_regular(path, &size, e); /* a FIFO would block the open */
    if (!f)
        return NULL;
    if (size > SCENARIO_MAX_BYTES) {
        fclose(f);
        err_set(e, path, 0, 0, _("file larger than %ld bytes"), SCENARIO_MAX_BYTES);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > (size_t)SCENARIO_MAX_BYTES + 1)
                cap = (size_t)SCENARIO_MAX_BYTES + 1;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                err_set(e, path, 0, 0, _("out of memory"));
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
        if (len > (size_t)SCENARIO_MAX_BYTES) {
            free(buf);
            fclose(f);
            err_set(e, path, 0, 0, _("file larger than %ld bytes"), SCENARIO_MAX_BYTES);
            return NULL;
        }
    }
    if (ferror(f)) {
        int er = errno;
        free(buf);
        fclose(f);
        err_set(e, path, 0, 0, "%s", strerror(er ? er : EIO));
        return NULL;
    }
    fclose(f);
    scenario *sc = scenario_parse(path, buf ? buf : "", (long)len, e);
    free(buf);
    return sc;
}

void scenario_free(scenario *sc)
{
    if (!sc)
        return;
    free(sc->path);
    free(sc->title);
    free(sc->source);
    net_free(sc->init);
    notation_free(&sc->nt);
    data_free(&sc->data);
    free(sc->csv.file);
    free(sc->csv.label);
    for (int i = 0; i < sc->nexpect; i++) {
        free(sc->expect[i].symbol);
        free(sc->expect[i].printed);
    }
    free(sc->expect);
    free(sc);
}
