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

check_verdict check_compare(const char *printed, double computed)
{
    /* Digits shown: count the decimals of the mantissa, minus the exponent. */
    const char *p = printed;
    while (isspace((unsigned char)*p))
        p++;
    char *end;
    double v = strtod(p, &end);
    const char *rest = end;
    while (isspace((unsigned char)*rest))
        rest++;
    if (end == p || *rest || !isfinite(v) || !isfinite(computed))
        return CHECK_DIFF;
    const char *dot = NULL, *e = NULL;
    for (const char *q = p; q < end; q++) {
        if (*q == '.')
            dot = q;
        else if (*q == 'e' || *q == 'E') {
            e = q;
            break;
        }
    }
    const char *mant_end = e ? e : end;
    int decimals = dot ? (int)(mant_end - dot - 1) : 0;
    int expo = e ? atoi(e + 1) : 0;
    int places = decimals - expo; /* the unit of the last digit is 10^-places */
    double unit = pow(10.0, -places);
    double a = round(computed / unit), b = round(v / unit);
    double d = fabs(a - b);
    if (d == 0)
        return CHECK_OK;
    if (d == 1)
        return CHECK_NEAR;
    return CHECK_DIFF;
}

int check_run(const scenario *sc, check_result *out, err *e)
{
    for (int i = 0; i < sc->nexpect; i++) {
        out[i].ex = &sc->expect[i];
        out[i].verdict = CHECK_UNKNOWN;
        out[i].computed = NAN;
        out[i].iteration = -1;
        out[i].event = -1;
        out[i].symbol[0] = '\0';
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
    long iters = sc->iterations > 0 ? sc->iterations : 1;
    int left = sc->nexpect;
    for (long it = 0; it < iters && left > 0; it++) {
        if (it > 0 && !stepper_next(st)) /* into the next iteration */
            break;
        stepper_finish_iteration(st);
        for (int k = 0; k < stepper_count(st) && left > 0; k++) {
            const step_event *ev = stepper_event(st, k);
            formula f;
            char key[NOTATION_MAX];
            /* Only the symbol is needed; formula_build gives the same name the UI shows. */
            formula_build(&sc->nt, &sc->spec, ev, stepper_operands(st), 6, &f);
            notation_key(f.symbol, key, sizeof key);
            for (int i = 0; i < sc->nexpect; i++) {
                if (out[i].iteration >= 0 || strcmp(keys[i], key) != 0)
                    continue;
                out[i].computed = ev->value;
                out[i].iteration = it;
                out[i].event = k;
                snprintf(out[i].symbol, sizeof out[i].symbol, "%s", f.symbol);
                out[i].verdict = check_compare(sc->expect[i].printed, ev->value);
                left--;
            }
        }
    }
    stepper_free(st);
    free(keys);
    int bad = 0;
    for (int i = 0; i < sc->nexpect; i++)
        bad += out[i].verdict == CHECK_DIFF || out[i].verdict == CHECK_UNKNOWN;
    return bad;
}
