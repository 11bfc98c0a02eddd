/* csv.c - loads a CSV dataset for a scenario; every error as path:line: message. */
#include "csv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "rng.h"

#define CSV_MAX_COLUMNS 4096
#define CSV_MAX_CLASSES 1024

/* Splits line in place at commas; trims blanks and one pair of quotes. */
static int csv_split(char *line, char **fields, int max)
{
    int n = 0;
    char *s = line;
    for (;;) {
        char *end = strchr(s, ',');
        if (end)
            *end = '\0';
        while (*s == ' ' || *s == '\t')
            s++;
        size_t len = strlen(s);
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
            s[--len] = '\0';
        if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
            s[len - 1] = '\0';
            s++;
        }
        if (n < max)
            fields[n] = s;
        n++;
        if (!end)
            break;
        s = end + 1;
    }
    return n;
}

static bool csv_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end)
        return false;
    *out = v;
    return true;
}

void csv_shuffle_order(unsigned long seed, int n, int *order)
{
    for (int i = 0; i < n; i++)
        order[i] = i;
    rng r;
    rng_seed(&r, seed);
    for (int i = n - 1; i > 0; i--) {
        int j = (int)rng_below(&r, (uint64_t)i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
}

/* Puts d's rows in csv_shuffle_order()'s order; false when memory runs out (d unchanged). */
static bool csv_shuffle_rows(data_set *d, unsigned long seed)
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

bool csv_load(const char *path, const scenario_csv *opt, int nin, int nout, data_set *out, err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(e, path, 0, 0, "%s", strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        /* A device or fifo could feed bytes for ever. */
        fclose(f);
        err_set(e, path, 0, 0, _("not a regular file"));
        return false;
    }
    if (st.st_size > CSV_MAX_BYTES) {
        fclose(f);
        err_set(e, path, 0, 0, _("file larger than %ld bytes"), (long)CSV_MAX_BYTES);
        return false;
    }
    char *line = NULL;
    size_t linecap = 0;
    char **fields = malloc(CSV_MAX_COLUMNS * sizeof *fields);
    char **header = calloc(CSV_MAX_COLUMNS, sizeof *header);
    char **classes = calloc(CSV_MAX_CLASSES, sizeof *classes);
    double *x = malloc((size_t)(nin > 0 ? nin : 1) * sizeof(double));
    double *t = calloc((size_t)(nout > 0 ? nout : 1), sizeof(double));
    int ncols = 0, label = -1, nclasses = 0, lineno = 0;
    int numeric_label = -1; /* unknown until the first row */
    bool ok = false;
    data_set d = {.nin = nin, .nout = nout};
    if (!fields || !header || !classes || !x || !t) {
        err_set(e, path, 0, 0, _("out of memory"));
        goto done;
    }
    ssize_t got;
    while ((got = getline(&line, &linecap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)got;
        if (len > CSV_LINE_MAX) {
            err_set(e, path, lineno, 0, _("line longer than %d bytes"), CSV_LINE_MAX);
            goto done;
        }
        if (strlen(line) != len) {
            err_set(e, path, lineno, 0, _("binary data (a NUL byte) in a text file"));
            goto done;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        const char *q = line;
        while (*q == ' ' || *q == '\t')
            q++;
        if (!*q)
            continue; /* blank lines carry nothing */
        if (ncols == 0) {
            ncols = csv_split(line, fields, CSV_MAX_COLUMNS);
            if (ncols > CSV_MAX_COLUMNS) {
                err_set(e, path, lineno, 0, _("more than %d columns"), CSV_MAX_COLUMNS);
                goto done;
            }
            for (int i = 0; i < ncols; i++) {
                if (!(header[i] = strdup(fields[i]))) {
                    err_set(e, path, lineno, 0, _("out of memory"));
                    goto done;
                }
                if (!strcmp(fields[i], opt->label))
                    label = i;
            }
            if (label < 0) {
                char list[512] = "";
                for (int i = 0; i < ncols && strlen(list) < 400; i++)
                    snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", header[i]);
                err_set(e, path, lineno, 0, _("no column named '%s' (the header has: %s)"), opt->label, list);
                goto done;
            }
            if (ncols - 1 != nin) {
                err_set(e, path, lineno, 0,
                        ngettext("%d feature column besides '%s', but the network has %d inputs",
                                 "%d feature columns besides '%s', but the network has %d inputs", (unsigned long)(ncols - 1)),
                        ncols - 1, opt->label, nin);
                goto done;
            }
            continue;
        }
        int n = csv_split(line, fields, CSV_MAX_COLUMNS);
        if (n != ncols) {
            err_set(e, path, lineno, 0, _("%d fields, but the header has %d"), n, ncols);
            goto done;
        }
        for (int i = 0, k = 0; i < ncols; i++) {
            if (i == label)
                continue;
            double v;
            if (!csv_number(fields[i], &v)) {
                err_set(e, path, lineno, 0, _("'%s' in column '%s' is not a number"), fields[i], header[i]);
                goto done;
            }
            if (!isfinite(v)) {
                err_set(e, path, lineno, 0, _("'%s' in column '%s' is not a finite number"), fields[i], header[i]);
                goto done;
            }
            x[k++] = v;
        }
        double lv;
        bool num = csv_number(fields[label], &lv) && isfinite(lv);
        if (numeric_label < 0)
            numeric_label = num && nout == 1; /* with several outputs, numbers name classes (digits 0-9) */
        if (numeric_label) {
            if (!num) {
                err_set(e, path, lineno, 0, _("label '%s' is not a number, but the rows above have numeric labels"),
                        fields[label]);
                goto done;
            }
            t[0] = lv;
        } else {
            if (!*fields[label]) {
                err_set(e, path, lineno, 0, _("empty label"));
                goto done;
            }
            int c = 0;
            while (c < nclasses && strcmp(classes[c], fields[label]))
                c++;
            if (c == nclasses) {
                if (nclasses == CSV_MAX_CLASSES || !(classes[c] = strdup(fields[label]))) {
                    err_set(e, path, lineno, 0, _("too many classes (at most %d)"), CSV_MAX_CLASSES);
                    goto done;
                }
                nclasses++;
                if (nclasses > nout) {
                    err_set(e, path, lineno, 0, _("label '%s' is class %d, but the network has %d outputs"), fields[label],
                            nclasses, nout);
                    goto done;
                }
            }
            for (int i = 0; i < nout; i++)
                t[i] = i == c ? 1.0 : 0.0;
        }
        if (!data_append(&d, x, t, e)) {
            err_set(e, path, lineno, 0, _("out of memory"));
            goto done;
        }
    }
    if (ferror(f)) {
        err_set(e, path, 0, 0, "%s", strerror(errno ? errno : EIO));
        goto done;
    }
    if (ncols == 0) {
        err_set(e, path, 0, 0, _("empty file"));
        goto done;
    }
    if (d.n == 0) {
        err_set(e, path, lineno, 0, _("no data rows after the header"));
        goto done;
    }
    if (!numeric_label && nclasses != nout) {
        err_set(e, path, lineno, 0,
                ngettext("%d class in column '%s', but the network has %d outputs",
                         "%d classes in column '%s', but the network has %d outputs", (unsigned long)nclasses),
                nclasses, opt->label, nout);
        goto done;
    }
    if (opt->train_rows > 0 && opt->train_rows >= d.n && d.n > 0 && opt->train_rows > d.n) {
        err_set(e, path, 0, 0, _("train = %d, but the file has only %d rows"), opt->train_rows, d.n);
        goto done;
    }
    if (opt->normalize) {
        /* Min-max over every row, as document 001 does before splitting. */
        for (int k = 0; k < nin; k++) {
            double lo = INFINITY, hi = -INFINITY;
            for (int i = 0; i < d.n; i++) {
                double v = d.x[(size_t)i * nin + k];
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            for (int i = 0; i < d.n; i++) {
                double *v = &d.x[(size_t)i * nin + k];
                *v = hi > lo ? (*v - lo) / (hi - lo) : 0.0;
            }
        }
    }
    if (opt->shuffle && !csv_shuffle_rows(&d, opt->seed)) {
        err_set(e, path, 0, 0, _("out of memory"));
        goto done;
    }
    d.ntrain = opt->train_rows > 0 ? opt->train_rows : d.n;
    if (!numeric_label) {
        d.nclasses = nclasses;
        d.class_names = classes;
        classes = NULL;
    }
    *out = d;
    memset(&d, 0, sizeof d);
    ok = true;
done:
    fclose(f);
    if (classes)
        for (int i = 0; i < nclasses; i++)
            free(classes[i]);
    free(classes);
    if (header)
        for (int i = 0; i < ncols && i < CSV_MAX_COLUMNS; i++)
            free(header[i]);
    free(header);
    free(fields);
    free(line);
    free(x);
    free(t);
    data_free(&d);
    return ok;
}

bool csv_load_for(const char *scenario_path, const scenario_csv *opt, int nin, int nout, data_set *out, err *e)
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
