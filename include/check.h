/* check.h - compare a document's printed numbers with what the engine computes. */
#ifndef BPVIZ_CHECK_H
#define BPVIZ_CHECK_H

#include <stdbool.h>

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
 * the computed value; CHECK_DIFF also when printed is not a number. */
check_verdict check_compare(const char *printed, double computed);

/* Runs the scenario's iterations (scenario->iterations) and gives a verdict
 * for every expected value, in file order. out must hold sc->nexpect results.
 * Returns the number of CHECK_DIFF and CHECK_UNKNOWN results, or -1 with e set. */
int check_run(const scenario *sc, check_result *out, err *e);

/* Short untranslated verdict word: "ok", "near", "DIFF", "UNKNOWN". */
const char *check_verdict_name(check_verdict v);

#endif
