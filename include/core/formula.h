/* formula.h - the three formula lines of an event: general rule, document symbols, numbers. */
#ifndef BPVIZ_FORMULA_H
#define BPVIZ_FORMULA_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "net.h"
#include "notation.h"
#include "step.h"

/* Longest formula line (markup). Terms beyond FORMULA_MAX_TERMS are elided with "…". */
#define FORMULA_MAX 2048
#define FORMULA_MAX_TERMS 12

/* The formula of one event, as markup (render with notation_render). */
typedef struct formula {
    char symbol[NOTATION_MAX];  /* the computed symbol in the scenario's notation, e.g. "net_{11}" */
    char general[FORMULA_MAX];  /* the general rule in Nielsen's notation, e.g. "z^l_j = Σ_k w^l_{jk} a^{l-1}_k + b^l_j" */
    char symbolic[FORMULA_MAX]; /* the rule in the scenario's symbols, e.g. "net_{11} = w_{11}·x_1 + w_{21}·x_2 + b_{11}" */
    char numeric[FORMULA_MAX];  /* numbers substituted with the result, e.g. "net_{11} = 0.15·0.05 + 0.25·0.1 + 0.1 = 0.1325";
                                 * each number as formula_num_markup() writes it: "0.45·(−0.071062)" */
} formula;

/* Builds the formula of event ev (operands in ops) for a network of shape
 * spec named by nt; digits = significant digits of the numbers (6 is usual). */
void formula_build(const notation *nt, const net_spec *spec, const step_event *ev,
                   const step_operand *ops, int digits, formula *out);

/* Formats a number with that many significant digits, shortest form
 * ("0.1325", "-0.07106", "1.364e-06", "inf", "nan": never "-0" or "-nan");
 * plain ASCII for cells and tables; returns out. */
char *formula_num(double v, int digits, char *out, size_t outsz);

/* The same number as formula markup, the one form every formula's numbers
 * take: the true minus U+2212 (notation_render writes '-' in ASCII), "∞"
 * ("inf" in ASCII) and "NaN" for the non-finite. With bracket, a negative
 * number is in brackets, "(−0.038)", as an operand of an operator must be;
 * without, "−0.038" (a result, a function's whole argument). Returns out. */
char *formula_num_markup(double v, int digits, bool bracket, char *out, size_t outsz);

/* An upper bound of strlen(formula_num(v, digits, ...)) found without
 * formatting (for measuring millions of values): equal to it unless the
 * rounded value ends in zeros that %g strips. */
int formula_num_width_max(double v, int digits);

/* The values of a set, as far as their formatted width is concerned: the
 * smallest and largest magnitude of each sign, and the special values. Start
 * from FORMULA_SPAN_EMPTY. */
typedef struct formula_span {
    double pos_lo, pos_hi; /* smallest and largest positive value (pos_lo > pos_hi: none) */
    double neg_lo, neg_hi; /* smallest and largest magnitude of the negative ones */
    bool zero;             /* a zero was added */
    double special[4];     /* inf, -inf, nan, -nan, when added (else 0) */
} formula_span;
#define FORMULA_SPAN_EMPTY {HUGE_VAL, 0.0, HUGE_VAL, 0.0, false, {0.0, 0.0, 0.0, 0.0}}

void formula_span_add(formula_span *sp, double v);

/* The largest formula_num_width_max() over the values added (0 when none),
 * from the extremes alone: the width of %g falls as the exponent rises to
 * digits - 1 and rises after, so a set's widest value is one of its ends.
 * (With one digit, exponent -4 is a bump of its own: it is counted whenever
 * a set spans it, so the result may then be one more than needed.) */
int formula_span_width(const formula_span *sp, int digits);

#endif
