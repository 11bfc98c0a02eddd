/* check.h - compare a document's printed numbers with what the engine computes. */
#ifndef BPVIZ_CHECK_H
#define BPVIZ_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "scenario.h"

/* Verdict on one printed number. */
typedef enum check_verdict {
    CHECK_OK,      /* the computed value rounded to the printed digits equals it */
    CHECK_NEAR,    /* off by one unit in the last printed digit */
    CHECK_DIFF,    /* anything else */
    CHECK_UNKNOWN  /* no event of the scenario has that symbol */
} check_verdict;

/* The result for one expected value. */
typedef struct check_result {
    const scenario_expect *ex; /* the expected value (borrowed from the scenario) */
    check_verdict verdict;     /* verdict */
    double computed;           /* the engine's value (when found) */
    long iteration;            /* 0-based iteration of the matching event */
    int event;                 /* index of the matching event in that iteration */
    char symbol[NOTATION_MAX]; /* markup name of the matching event ("" when unknown) */
} check_result;

/* Verdict of printed (as written: "0.1325", "-7.106e-2", "1.364E-3") against
 * the computed value, decided in decimal on the exact value of the double:
 * ok when it is the computed value rounded to the printed digits (at a tie,
 * either way: a value that is the double nearest to k + ½ units, such as
 * 0.125 or 0.3925, may be printed rounded up or down), near when one unit
 * off that, DIFF otherwise; also DIFF when printed is not a number. */
check_verdict check_compare(const char *printed, double computed);

/* Runs the scenario's iterations (scenario->iterations) and gives a verdict
 * for every expected value, in file order: a plain symbol is matched with the
 * first event of that name in those iterations; "SYMBOL after N" with the
 * event of that name computed from the parameters as N updates left them
 * (a parameter's new value: the N-th update, in iteration N; anything else:
 * iteration N + 1; 1-based), however far that is (a run that diverges before
 * it gives DIFF, computed NaN). out must hold sc->nexpect results.
 * Returns the number of CHECK_DIFF and CHECK_UNKNOWN results, or -1 with e set. */
int check_run(const scenario *sc, check_result *out, err *e);

/* The symbol column of --check for r: the event's name rendered (Unicode or
 * ASCII), and for "SYMBOL after N" the iteration it was taken from, e.g.
 * "E (after 10000 updates: iteration 10001)". */
void check_label(const check_result *r, bool utf8, char *out, size_t outsz);

/* Short untranslated verdict word: "ok", "near", "DIFF", "UNKNOWN". */
const char *check_verdict_name(check_verdict v);

#endif
