/* check.c - verdicts on a document's printed numbers against the engine's values. */
#include "check.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formula.h"
#include "i18n.h"
#include "stepper.h"

static const char *const check_names[] = {"ok", "near", "DIFF", "UNKNOWN"};

const char *check_verdict_name(check_verdict v) { return v <= CHECK_UNKNOWN ? check_names[v] : "?"; }

/* Whole numbers of units are compared as long long: up to 18 digits. */
#define CHECK_MAX_DIGITS 18
/* Significant digits that hold the exact decimal expansion of any double
 * (at most 767, for subnormals), with room to spare. */
#define CHECK_EXACT_DIGITS 770

/* A printed number split as sign · m · 10^-places (m whole). */
typedef struct check_dec {
    bool neg;         /* a minus sign */
    long long m;      /* the digits as a whole number */
    int places;       /* the unit of the last digit is 10^-places */
    bool long_digits; /* more than CHECK_MAX_DIGITS significant digits: m is not set */
} check_dec;

/* Parses [+-]digits[.digits][(e|E)[+-]digits] (at least one digit) with blanks
 * around; false for anything else. */
static bool check_parse(const char *s, check_dec *d)
{
    while (isspace((unsigned char)*s))
        s++;
    memset(d, 0, sizeof *d);
    d->neg = *s == '-';
    s += *s == '-' || *s == '+';
    int digits = 0, decimals = 0, sig = 0;
    bool dot = false;
    for (; isdigit((unsigned char)*s) || (*s == '.' && !dot); s++) {
        if (*s == '.') {
            dot = true;
            continue;
        }
        digits++;
        decimals += dot;
        if (sig > 0 || *s != '0') {
            if (++sig <= CHECK_MAX_DIGITS)
                d->m = d->m * 10 + (*s - '0');
        }
    }
    if (digits == 0)
        return false;
    long expo = 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        bool eneg = *s == '-';
        s += *s == '-' || *s == '+';
        if (!isdigit((unsigned char)*s))
            return false;
        for (; isdigit((unsigned char)*s); s++)
            expo = expo < 100000 ? expo * 10 + (*s - '0') : expo; /* far past any double */
        expo = eneg ? -expo : expo;
    }
    while (isspace((unsigned char)*s))
        s++;
    if (*s)
        return false;
    d->places = decimals - (int)expo;
    d->long_digits = sig > CHECK_MAX_DIGITS;
    return true;
}

/* The whole numbers of units 10^-places that |c| may be printed as: [*lo, *hi],
 * one number when |c| lies off a tie, both neighbours at a tie. Decides in
 * decimal, on the exact expansion of c (glibc prints it exactly), so that
 * 2.675 (the double 2.67499999999999982…) is not halved in binary. A tie is
 * a value that is the double nearest to a half unit (k + ½)·10^-places: the
 * exact ties 0.125 and 2.5, and the "exactly 0.3925" that a double can only
 * hold as 0.39250000000000001554…: either rounding of a tie is right.
 * False when |c| holds more than CHECK_MAX_DIGITS whole units. */
static bool check_units(double c, int places, long long *lo, long long *hi)
{
    char exact[CHECK_EXACT_DIGITS + 16];
    snprintf(exact, sizeof exact, "%.*e", CHECK_EXACT_DIGITS, fabs(c));
    /* exact = "d.ddd…e±x": the digits without the point, and the exponent. */
    char *e = strchr(exact, 'e');
    int e10 = atoi(e + 1);
    *e = '\0';
    memmove(exact + 1, exact + 2, strlen(exact + 2) + 1);
    const int ndig = (int)strlen(exact);
    /* |c| / 10^-places = 0.exact · 10^(e10 + 1 + places): whole digits first. */
    const int whole = e10 + 1 + places;
    if (whole > CHECK_MAX_DIGITS)
        return false;
    long long k = 0;
    for (int i = 0; i < whole; i++)
        k = k * 10 + (i < ndig ? exact[i] - '0' : 0);
    /* The fraction against ½: over it when its first digit is over 5, or 5
     * with any other digit after it (whole < 0: below a tenth of a unit). */
    bool up = false;
    if (whole >= 0 && whole < ndig) {
        const char *f = exact + whole;
        up = *f > '5' || (*f == '5' && f[1 + strspn(f + 1, "0")] != '\0');
    }
    *lo = *hi = up ? k + 1 : k;
    /* The tie k + ½, as the double nearest to it: strtod rounds correctly. */
    char tie[48];
    snprintf(tie, sizeof tie, "%lld5e%d", k, -(places + 1));
    if (strtod(tie, NULL) == fabs(c)) {
        *lo = k;
        *hi = k + 1;
    }
    return true;
}

check_verdict check_compare(const char *printed, double computed)
{
    check_dec d;
    if (!check_parse(printed, &d) || !isfinite(computed) || !isfinite(strtod(printed, NULL)))
        return CHECK_DIFF;
    long long lo, hi;
    if (d.long_digits || !check_units(computed, d.places, &lo, &hi)) {
        /* More digits than a double holds: right when it reads as the same double. */
        return strtod(printed, NULL) == computed ? CHECK_OK : CHECK_DIFF;
    }
    /* Signed units: the printed m against [lo, hi] on the side of c's sign. */
    long long m = d.neg ? -d.m : d.m;
    if (computed < 0) {
        long long t = lo;
        lo = -hi;
        hi = -t;
    }
    if (m >= lo && m <= hi)
        return CHECK_OK;
    if (m == lo - 1 || m == hi + 1)
        return CHECK_NEAR;
    return CHECK_DIFF;
}

/* Whether an event of this kind is a parameter's new value (an update). */
static bool check_is_update(step_kind k) { return k == EV_UPD_W || k == EV_UPD_B; }

/* Matches the events of the stepper's current iteration (it) with the
 * expected values still open: plain ones (after < 0) when plain, those
 * with "after N" otherwise (an update in iteration N - 1, anything else in
 * iteration N, 0-based). Returns how many it matched. */
static int check_match(const scenario *sc, stepper *st, long it, char (*keys)[NOTATION_MAX], bool plain,
                       check_result *out)
{
    int found = 0;
    for (int k = 0; k < stepper_count(st); k++) {
        const step_event *ev = stepper_event(st, k);
        formula f;
        char key[NOTATION_MAX];
        /* Only the symbol is needed; formula_build gives the same name the UI shows. */
        formula_build(&sc->nt, &sc->spec, ev, stepper_operands(st), 6, &f);
        notation_key(f.symbol, key, sizeof key);
        for (int i = 0; i < sc->nexpect; i++) {
            const long after = sc->expect[i].after;
            if (out[i].iteration >= 0 || (after < 0) != plain || strcmp(keys[i], key) != 0)
                continue;
            if (!plain && it != (check_is_update(ev->kind) ? after - 1 : after))
                continue;
            out[i].computed = ev->value;
            out[i].iteration = it;
            out[i].event = k;
            snprintf(out[i].symbol, sizeof out[i].symbol, "%s", f.symbol);
            out[i].verdict = check_compare(sc->expect[i].printed, ev->value);
            found++;
        }
    }
    return found;
}

static int check_long_cmp(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The values given "after N": to each iteration they may come from, in
 * order, flat out in between. Should training diverge on the way, what lies
 * beyond has no finite value: DIFF, computed NaN. */
static bool check_after(const scenario *sc, stepper *st, char (*keys)[NOTATION_MAX], check_result *out, err *e)
{
    long *its = malloc((size_t)sc->nexpect * 2 * sizeof *its);
    if (!its) {
        err_set(e, sc->path, 0, 0, _("out of memory"));
        return false;
    }
    int n = 0;
    for (int i = 0; i < sc->nexpect; i++) {
        if (sc->expect[i].after < 0)
            continue;
        its[n++] = sc->expect[i].after;
        if (sc->expect[i].after > 0)
            its[n++] = sc->expect[i].after - 1;
    }
    qsort(its, (size_t)n, sizeof *its, check_long_cmp);
    if (n > 0 && stepper_iteration(st) > its[0])
        stepper_reset(st);
    for (int i = 0; i < n; i++) {
        if (i > 0 && its[i] == its[i - 1])
            continue;
        long cur = stepper_iteration(st);
        stepper_goto(st, stepper_count(st)); /* the end of it (stepper_finish_iteration would move on) */
        err de;
        if (its[i] > cur && !stepper_run(st, its[i] - cur, &de)) {
            if (!strcmp(de.msg, _("out of memory"))) {
                *e = de;
                free(its);
                return false;
            }
            for (int k = 0; k < sc->nexpect; k++)
                if (sc->expect[k].after >= 0 && out[k].iteration < 0)
                    out[k].verdict = CHECK_DIFF;
            break;
        }
        check_match(sc, st, its[i], keys, false, out);
    }
    free(its);
    return true;
}

int check_run(const scenario *sc, check_result *out, err *e)
{
    int left = 0;
    for (int i = 0; i < sc->nexpect; i++) {
        out[i].ex = &sc->expect[i];
        out[i].verdict = CHECK_UNKNOWN;
        out[i].computed = NAN;
        out[i].iteration = -1;
        out[i].event = -1;
        out[i].symbol[0] = '\0';
        left += sc->expect[i].after < 0;
    }
    if (sc->nexpect <= 0)
        return 0;
    char (*keys)[NOTATION_MAX] = malloc((size_t)sc->nexpect * sizeof *keys);
    if (!keys) {
        err_set(e, sc->path, 0, 0, _("out of memory"));
        return -1;
    }
    for (int i = 0; i < sc->nexpect; i++)
        notation_key(sc->expect[i].symbol, keys[i], sizeof keys[i]);
    stepper *st = stepper_new(sc->init, &sc->data, &sc->hyper, e);
    if (!st) {
        free(keys);
        return -1;
    }
    /* Plain symbols: the first event of that name in the scenario's iterations. */
    long iters = sc->iterations > 0 ? sc->iterations : 1;
    for (long it = 0; it < iters && left > 0; it++) {
        if (it > 0 && !stepper_next(st)) /* into the next iteration */
            break;
        stepper_finish_iteration(st);
        left -= check_match(sc, st, it, keys, true, out);
    }
    bool ok = check_after(sc, st, keys, out, e);
    stepper_free(st);
    free(keys);
    if (!ok)
        return -1;
    int bad = 0;
    for (int i = 0; i < sc->nexpect; i++)
        bad += out[i].verdict == CHECK_DIFF || out[i].verdict == CHECK_UNKNOWN;
    return bad;
}

void check_label(const check_result *r, bool utf8, char *out, size_t outsz)
{
    notation_render(r->symbol[0] ? r->symbol : r->ex->symbol, utf8, out, outsz);
    const long n = r->ex->after;
    if (n < 0)
        return;
    size_t used = strlen(out);
    if (r->iteration >= 0)
        snprintf(out + used, outsz - used,
                 ngettext(" (after %ld update: iteration %ld)", " (after %ld updates: iteration %ld)", (unsigned long)n), n,
                 r->iteration + 1);
    else
        snprintf(out + used, outsz - used, ngettext(" (after %ld update)", " (after %ld updates)", (unsigned long)n), n);
}
