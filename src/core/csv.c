/* csv.c - loads a CSV dataset for a scenario (RFC 4180 fields, one record per line); every error as path:line:col: message. */
#include "csv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "i18n.h"
#include "rng.h"

#define CSV_MAX_COLUMNS 4096
#define CSV_MAX_CLASSES 1024
/* Classes named one by one in the "only in validation rows" warnings; the rest are counted. */
#define CSV_WARN_CLASSES 8

/* A feature column's smallest and largest value and the lines they are on. */
typedef struct csv_extent {
    double lo, hi;
    int lo_line, hi_line;
} csv_extent;

/* The loader's state from line to line. It owns every pointer (csv_reader_free). */
typedef struct csv_reader {
    const char *path;        /* the file, for messages (borrowed) */
    const csv_opts *opt; /* label column, normalisation, shuffle, split (borrowed) */
    char **field;            /* [CSV_MAX_COLUMNS] the current line's fields, pointing into the line */
    int *col;                /* [CSV_MAX_COLUMNS] 1-based byte column where each field starts */
    char **header;           /* [ncols] the header's names */
    int ncols;               /* columns of the header; 0 until it is read */
    int label;               /* index of the label column */
    int numeric_label;       /* -1 until the first row; then 1 (a regression target) or 0 (classes) */
    char **classes;          /* [CSV_MAX_CLASSES] class names in order of first appearance */
    int *class_line;         /* [CSV_MAX_CLASSES] the line where each class first appears */
    int nclasses;            /* classes seen so far */
    csv_extent *ext;         /* [nin] each feature's range, for min-max */
    double *x, *t;           /* [nin], [nout] the row being read */
    int lines;               /* lines read */
    data_set d;              /* the rows read so far */
} csv_reader;

static bool csv_blank(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

/* Splits line, from byte start on (after a BOM), into fields in place. A
 * field is bare text or "quoted text" where a quote is written "" (RFC 4180);
 * blanks around either are dropped. A record is one line: a quote left open
 * at the end of the line is an error, which also catches a forgotten closing
 * quote where it happens. The fields go to r->field and r->col, their number
 * (even above CSV_MAX_COLUMNS) to *n. */
static bool csv_split(csv_reader *r, char *line, size_t start, int lineno, int *n, err *e)
{
    size_t i = start;
    *n = 0;
    for (;;) {
        while (line[i] == ' ' || line[i] == '\t')
            i++;
        size_t at = i, w = i; /* the field is written over itself from at: w never passes i */
        if (line[i] == '"') {
            for (i++;; i++) {
                if (!line[i]) {
                    err_set(e, r->path, lineno, (int)at + 1,
                            _("the quoted field has no closing '\"' on its line (a field cannot span lines)"));
                    return false;
                }
                if (line[i] == '"' && line[i + 1] != '"')
                    break;
                i += line[i] == '"'; /* "" is one quote */
                line[w++] = line[i];
            }
            i++;
            while (line[i] == ' ' || line[i] == '\t')
                i++;
            if (line[i] && line[i] != ',') {
                err_set(e, r->path, lineno, (int)i + 1,
                        _("text after the closing '\"' of a quoted field (a '\"' inside quotes is written '\"\"')"));
                return false;
            }
        } else {
            for (; line[i] && line[i] != ','; i++) {
                if (line[i] == '"') {
                    err_set(e, r->path, lineno, (int)i + 1,
                            _("a '\"' in an unquoted field (quote the whole field and write the '\"' as '\"\"')"));
                    return false;
                }
                line[w++] = line[i];
            }
            while (w > at && (line[w - 1] == ' ' || line[w - 1] == '\t'))
                w--;
        }
        char sep = line[i];
        line[w] = '\0';
        if (*n < CSV_MAX_COLUMNS) {
            r->field[*n] = line + at;
            r->col[*n] = (int)at + 1;
        }
        (*n)++;
        if (!sep)
            return true;
        i++;
    }
}

typedef enum csv_num { CSV_NUM_OK, CSV_NUM_BAD, CSV_NUM_INFINITE } csv_num;

/* Reads a plain decimal: an optional sign, digits with an optional point,
 * an optional exponent ("-1.5", ".5", "2e-3"). strtod alone would also take
 * hex ("0x1p3"), "inf", "nan" and leading blanks, as scenario files refuse. */
static csv_num csv_number(const char *s, double *out)
{
    const char *p = s + (*s == '+' || *s == '-');
    size_t digits = strspn(p, "0123456789");
    p += digits;
    if (*p == '.') {
        size_t frac = strspn(p + 1, "0123456789");
        digits += frac;
        p += 1 + frac;
    }
    if (digits && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1 + (p[1] == '+' || p[1] == '-');
        size_t exp = strspn(q, "0123456789");
        if (exp)
            p = q + exp;
    }
    char *end;
    double v = strtod(s, &end);
    if (end != s && !*end && !isfinite(v))
        return CSV_NUM_INFINITE; /* inf, nan, 1e999 */
    if (!digits || *p)
        return CSV_NUM_BAD;
    *out = v;
    return CSV_NUM_OK;
}

/* The header: finds the label column; the others must be the network's inputs. */
static bool csv_header(csv_reader *r, int n, int lineno, int nin, err *e)
{
    if (n > CSV_MAX_COLUMNS) {
        err_set(e, r->path, lineno, 0, _("more than %d columns"), CSV_MAX_COLUMNS);
        return false;
    }
    if (!(r->header = calloc((size_t)n, sizeof *r->header))) {
        err_set(e, r->path, lineno, 0, _("out of memory"));
        return false;
    }
    r->ncols = n;
    for (int i = 0; i < n; i++) {
        if (!(r->header[i] = strdup(r->field[i]))) {
            err_set(e, r->path, lineno, 0, _("out of memory"));
            return false;
        }
        if (!strcmp(r->field[i], r->opt->label))
            r->label = i;
    }
    if (r->label < 0) {
        char list[512] = "";
        for (int i = 0; i < n && strlen(list) < 400; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", r->header[i]);
        err_set(e, r->path, lineno, 0, _("no column named '%s' (the header has: %s)"), r->opt->label, list);
        return false;
    }
    if (n - 1 != nin) {
        err_set(e, r->path, lineno, 0,
                ngettext("%d feature column besides '%s', but the network has %d inputs",
                         "%d feature columns besides '%s', but the network has %d inputs", (unsigned long)(n - 1)),
                n - 1, r->opt->label, nin);
        return false;
    }
    for (int k = 0; k < nin; k++)
        r->ext[k] = (csv_extent){INFINITY, -INFINITY, 0, 0};
    return true;
}

/* The label of the current row into r->t: a number, or a class (one-hot). */
static bool csv_target(csv_reader *r, int lineno, err *e)
{
    const char *s = r->field[r->label];
    const int col = r->col[r->label], nout = r->d.nout;
    double lv;
    bool num = csv_number(s, &lv) == CSV_NUM_OK;
    if (r->numeric_label < 0)
        r->numeric_label = num && nout == 1; /* with several outputs, numbers name classes (digits 0-9) */
    if (r->numeric_label) {
        if (!num) {
            err_set(e, r->path, lineno, col, _("label '%s' is not a number, but the rows above have numeric labels"), s);
            return false;
        }
        r->t[0] = lv;
        return true;
    }
    if (!*s) {
        err_set(e, r->path, lineno, col, _("empty label"));
        return false;
    }
    int c = 0;
    while (c < r->nclasses && strcmp(r->classes[c], s))
        c++;
    if (c == r->nclasses) {
        if (r->nclasses == CSV_MAX_CLASSES || !(r->classes[c] = strdup(s))) {
            err_set(e, r->path, lineno, col, _("too many classes (at most %d)"), CSV_MAX_CLASSES);
            return false;
        }
        r->class_line[c] = lineno;
        if (++r->nclasses > nout) {
            err_set(e, r->path, lineno, col, _("label '%s' is class %d, but the network has %d outputs"), s, r->nclasses,
                    nout);
            return false;
        }
    }
    for (int i = 0; i < nout; i++)
        r->t[i] = i == c ? 1.0 : 0.0;
    return true;
}

/* A data row of n fields: the features, the label, appended to r->d. */
static bool csv_row(csv_reader *r, int n, int lineno, err *e)
{
    if (n != r->ncols) {
        err_set(e, r->path, lineno, 0, _("%d fields, but the header has %d"), n, r->ncols);
        return false;
    }
    for (int i = 0, k = 0; i < n; i++) {
        if (i == r->label)
            continue;
        double v;
        csv_num how = csv_number(r->field[i], &v);
        if (how != CSV_NUM_OK) {
            err_set(e, r->path, lineno, r->col[i],
                    how == CSV_NUM_INFINITE ? _("'%s' in column '%s' is not a finite number")
                                            : _("'%s' in column '%s' is not a number"),
                    r->field[i], r->header[i]);
            return false;
        }
        csv_extent *x = &r->ext[k];
        if (v < x->lo) {
            x->lo = v;
            x->lo_line = lineno;
        }
        if (v > x->hi) {
            x->hi = v;
            x->hi_line = lineno;
        }
        r->x[k++] = v;
    }
    if (!csv_target(r, lineno, e))
        return false;
    if (!data_append(&r->d, r->x, r->t, e)) {
        err_set(e, r->path, lineno, 0, _("out of memory"));
        return false;
    }
    return true;
}

/* Every line of f: the header, then the rows. */
static bool csv_read(csv_reader *r, FILE *f, char **line, size_t *linecap, err *e)
{
    ssize_t got;
    while ((got = getline(line, linecap, f)) >= 0) {
        int lineno = ++r->lines;
        size_t len = (size_t)got;
        char *s = *line;
        if (len > CSV_LINE_MAX) {
            err_set(e, r->path, lineno, 0, _("line longer than %d bytes"), CSV_LINE_MAX);
            return false;
        }
        if (strlen(s) != len) {
            err_set(e, r->path, lineno, 0, _("binary data (a NUL byte) in a text file"));
            return false;
        }
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
            s[--len] = '\0';
        /* What is left of a CR is a line end getline did not see: the whole file would read as one line. */
        const char *cr = memchr(s, '\r', len);
        if (cr) {
            err_set(e, r->path, lineno, (int)(cr - s) + 1,
                    _("a carriage return without a line feed (CR-only line endings?): save the file with LF or CR LF "
                      "line endings"));
            return false;
        }
        /* A byte order mark (spreadsheets' "CSV UTF-8") is no part of the first name; columns still count it. */
        size_t start = lineno == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
        if (csv_blank(s + start))
            continue; /* blank lines carry nothing */
        int n;
        if (!csv_split(r, s, start, lineno, &n, e))
            return false;
        if (!(r->ncols ? csv_row(r, n, lineno, e) : csv_header(r, n, lineno, r->d.nin, e)))
            return false;
    }
    if (ferror(f)) {
        err_set(e, r->path, 0, 0, "%s", strerror(errno ? errno : EIO));
        return false;
    }
    return true;
}

/* Min-max over every row, as document 001 does before splitting. A range
 * that overflows (-1e308 to 1e308) would turn the largest value into NaN
 * and training would "diverge" later for no visible reason: refused here. */
static bool csv_scale(csv_reader *r, err *e)
{
    data_set *d = &r->d;
    for (int k = 0; k < d->nin; k++) {
        const csv_extent *x = &r->ext[k];
        const double lo = x->lo, hi = x->hi, range = hi - lo;
        if (!isfinite(range)) {
            err_set(e, r->path, x->lo_line > x->hi_line ? x->lo_line : x->hi_line, 0,
                    _("column '%s' goes from %g (line %d) to %g (line %d): too wide a range to scale to [0, 1] "
                      "(normalize = minmax)"),
                    r->header[k < r->label ? k : k + 1], lo, x->lo_line, hi, x->hi_line);
            return false;
        }
        for (int i = 0; i < d->n; i++) {
            double *v = &d->x[(size_t)i * d->nin + k];
            *v = hi > lo ? (*v - lo) / range : 0.0;
        }
    }
    return true;
}

void csv_shuffle_order(unsigned long seed, int n, int *order)
{
    for (int i = 0; i < n; i++)
        order[i] = i;
    rng r;
    rng_seed(&r, seed);
    for (int i = n - 1; i > 0; i--) { /* Fisher-Yates driven by the seeded splitmix64 */
        int j = (int)rng_below(&r, (uint64_t)i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
}

/* Puts d's rows (with their targets) in csv_shuffle_order()'s order, the one
 * order an exported script replays; false when memory runs out (d unchanged). */
static bool csv_shuffle(data_set *d, unsigned long seed)
{
    int *order = malloc((size_t)d->n * sizeof *order);
    double *x = malloc((size_t)d->n * (size_t)(d->nin ? d->nin : 1) * sizeof(double));
    double *t = malloc((size_t)d->n * (size_t)(d->nout ? d->nout : 1) * sizeof(double));
    if (!order || !x || !t) {
        free(order);
        free(x);
        free(t);
        return false;
    }
    csv_shuffle_order(seed, d->n, order);
    for (int i = 0; i < d->n; i++) {
        memcpy(x + (size_t)i * d->nin, d->x + (size_t)order[i] * d->nin, (size_t)d->nin * sizeof(double));
        memcpy(t + (size_t)i * d->nout, d->t + (size_t)order[i] * d->nout, (size_t)d->nout * sizeof(double));
    }
    free(d->x);
    free(d->t);
    d->x = x;
    d->t = t;
    free(order);
    return true;
}

/* After the split: a class with validation rows but no training row is never
 * learnt, and its validation rows can only count as wrong: warned. */
static bool csv_warn_unseen(csv_reader *r, err *e)
{
    data_set *d = &r->d;
    if (r->numeric_label || d->ntrain >= d->n)
        return true;
    int *train = calloc((size_t)r->nclasses, sizeof *train);
    if (!train) {
        err_set(e, r->path, 0, 0, _("out of memory"));
        return false;
    }
    for (int i = 0; i < d->ntrain; i++)
        train[data_argmax(d->t + (size_t)i * d->nout, d->nout)]++;
    int unseen = 0, first_more = 0;
    bool ok = true;
    for (int c = 0; c < r->nclasses && ok; c++) {
        if (train[c])
            continue;
        if (++unseen <= CSV_WARN_CLASSES)
            ok = data_warn(d, r->path, r->class_line[c],
                           _("class '%s' is only in the validation rows (train = %d): the network never learns it"),
                           d->class_names[c], d->ntrain);
        else if (!first_more)
            first_more = r->class_line[c];
    }
    if (ok && unseen > CSV_WARN_CLASSES)
        ok = data_warn(d, r->path, first_more,
                       ngettext("%d more class is only in the validation rows", "%d more classes are only in the validation rows",
                                (unsigned long)(unseen - CSV_WARN_CLASSES)),
                       unseen - CSV_WARN_CLASSES);
    free(train);
    if (!ok)
        err_set(e, r->path, 0, 0, _("out of memory"));
    return ok;
}

/* After the last line: the counts, then min-max, shuffle, split and the warnings. */
static bool csv_finish(csv_reader *r, err *e)
{
    data_set *d = &r->d;
    const csv_opts *opt = r->opt;
    if (r->ncols == 0) {
        err_set(e, r->path, 0, 0, _("empty file"));
        return false;
    }
    if (d->n == 0) {
        err_set(e, r->path, r->lines, 0, _("no data rows after the header"));
        return false;
    }
    if (!r->numeric_label && r->nclasses != d->nout) {
        err_set(e, r->path, r->lines, 0,
                ngettext("%d class in column '%s', but the network has %d outputs",
                         "%d classes in column '%s', but the network has %d outputs", (unsigned long)r->nclasses),
                r->nclasses, opt->label, d->nout);
        return false;
    }
    if (opt->train_rows > d->n) {
        err_set(e, r->path, 0, 0, _("train = %d, but the file has only %d rows"), opt->train_rows, d->n);
        return false;
    }
    if (opt->normalize && !csv_scale(r, e))
        return false;
    if (opt->shuffle && !csv_shuffle(d, opt->seed)) {
        err_set(e, r->path, 0, 0, "%s", _("out of memory"));
        return false;
    }
    d->ntrain = opt->train_rows > 0 ? opt->train_rows : d->n;
    if (!r->numeric_label) {
        d->nclasses = r->nclasses;
        d->class_names = r->classes;
        r->classes = NULL;
    }
    /* After the names moved: the warnings name classes through d. */
    return csv_warn_unseen(r, e);
}

static void csv_reader_free(csv_reader *r)
{
    if (r->classes)
        for (int i = 0; i < r->nclasses; i++)
            free(r->classes[i]);
    free(r->classes);
    if (r->header)
        for (int i = 0; i < r->ncols; i++)
            free(r->header[i]);
    free(r->header);
    free(r->class_line);
    free(r->field);
    free(r->col);
    free(r->ext);
    free(r->x);
    free(r->t);
    data_free(&r->d);
}

bool csv_load(const char *path, const csv_opts *opt, int nin, int nout, data_set *out, err *e)
{
    /* A device or fifo could feed bytes for ever, or block the open. */
    long long size;
    FILE *f = file_open_regular(path, &size, e);
    if (!f)
        return false;
    if (size > CSV_MAX_BYTES) {
        fclose(f);
        err_set(e, path, 0, 0, _("file larger than %ld bytes"), (long)CSV_MAX_BYTES);
        return false;
    }
    char *line = NULL;
    size_t linecap = 0;
    csv_reader r = {.path = path, .opt = opt, .label = -1, .numeric_label = -1, .d = {.nin = nin, .nout = nout}};
    r.field = malloc(CSV_MAX_COLUMNS * sizeof *r.field);
    r.col = malloc(CSV_MAX_COLUMNS * sizeof *r.col);
    r.classes = calloc(CSV_MAX_CLASSES, sizeof *r.classes);
    r.class_line = calloc(CSV_MAX_CLASSES, sizeof *r.class_line);
    r.ext = malloc((size_t)(nin > 0 ? nin : 1) * sizeof *r.ext);
    r.x = malloc((size_t)(nin > 0 ? nin : 1) * sizeof(double));
    r.t = calloc((size_t)(nout > 0 ? nout : 1), sizeof(double));
    bool ok = false;
    if (!r.field || !r.col || !r.classes || !r.class_line || !r.ext || !r.x || !r.t)
        err_set(e, path, 0, 0, _("out of memory"));
    else if (csv_read(&r, f, &line, &linecap, e) && csv_finish(&r, e)) {
        *out = r.d;
        memset(&r.d, 0, sizeof r.d);
        ok = true;
    }
    fclose(f);
    free(line);
    csv_reader_free(&r);
    return ok;
}

bool csv_load_for(const char *scenario_path, const csv_opts *opt, int nin, int nout, data_set *out, err *e)
{
    const char *slash = strrchr(scenario_path, '/');
    if (opt->file[0] == '/' || !slash)
        return csv_load(opt->file, opt, nin, nout, out, e);
    size_t dir = (size_t)(slash - scenario_path) + 1;
    char *full = malloc(dir + strlen(opt->file) + 1);
    if (!full) {
        err_set(e, opt->file, 0, 0, _("out of memory"));
        return false;
    }
    memcpy(full, scenario_path, dir);
    strcpy(full + dir, opt->file);
    bool ok = csv_load(full, opt, nin, nout, out, e);
    free(full);
    return ok;
}
