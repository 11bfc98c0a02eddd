/* testutil.h - what the cmocka unit tests (tests/unit/test_*.c) share: tolerance asserts, network specs,
 * an engine-free reference loss, fixture files, the stepper's events copied out, skipping (testutil.c).
 * Include after <stdarg.h>, <stddef.h>, <setjmp.h> and <cmocka.h>: the macros below use cmocka's. */
#ifndef BPVIZ_TESTUTIL_H
#define BPVIZ_TESTUTIL_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "net.h"
#include "rng.h"
#include "stepper.h"

/* ---- comparing doubles ---------------------------------------------------------------------------- */

/* True when a and b agree to rel relative to the larger magnitude (exactly
 * equal values always agree; NaN never does). */
bool tu_close(double a, double b, double rel);

/* Fails the test, printing both values and the expressions, unless
 * tu_close(a, b, rel). */
#define assert_close(a, b, rel)                                                     \
    do {                                                                            \
        double tu_a_ = (a), tu_b_ = (b);                                            \
        if (!tu_close(tu_a_, tu_b_, (rel))) {                                       \
            print_error("%s = %.17g but %s = %.17g (relative tolerance %g)\n", #a,  \
                        tu_a_, #b, tu_b_, (double)(rel));                           \
            fail();                                                                 \
        }                                                                           \
    } while (0)

/* Same, with a message naming the quantity compared (a printf format). */
#define assert_close_msg(a, b, rel, ...)                                            \
    do {                                                                            \
        double tu_a_ = (a), tu_b_ = (b);                                            \
        if (!tu_close(tu_a_, tu_b_, (rel))) {                                       \
            char tu_m_[256];                                                        \
            snprintf(tu_m_, sizeof tu_m_, __VA_ARGS__);                             \
            print_error("%s: got %.17g, expected %.17g (relative tolerance %g)\n",  \
                        tu_m_, tu_a_, tu_b_, (double)(rel));                        \
            fail();                                                                 \
        }                                                                           \
    } while (0)

/* Mixed tolerance of a gradient check: relative 1e-6, absolute 1e-8 scaled by
 * the loss (the rounding error of (E(p+h) - E(p-h)) / 2h grows with E). */
bool tu_grad_agrees(double g, double fd, double E);

/* ---- network specs -------------------------------------------------------------------------------- */

/* The spec of layers written as a scenario's `layers =` line ("2 3 1": two
 * inputs, three hidden neurons, one output), every computing layer with
 * activation act (A = B = 1) and biases bias, none frozen, loss half-SSE.
 * Callers change single layers afterwards. Fails the test on a bad string. */
net_spec tu_spec(const char *layers, net_act act, net_bias bias);

/* Bias modes of the random specs: the three of net.h plus "neuron, frozen". */
enum { TU_BIAS_NONE, TU_BIAS_NEURON, TU_BIAS_SHARED, TU_BIAS_FROZEN, TU_BIAS_COUNT };

/* Uniform double in [lo, hi). */
double tu_uniform(rng *r, double lo, double hi);

/* A random spec of 2..maxlayers layers of 1..maxwidth neurons; act, bias (a
 * TU_BIAS_*) and loss < 0 mean "random per layer / per net", else that value
 * for every layer. A generalized sigmoid gets random A and B in [0.5, 2). */
void tu_random_spec(rng *r, int maxlayers, int maxwidth, int act, int bias, int loss, net_spec *sp);

/* Biases of layer l under spec sp, counted independently of net.c. */
int tu_nbias(const net_spec *sp, int l);

/* Parameters of a spec, counted independently. */
int tu_nparams(const net_spec *sp);

/* Offset in params of layer l's first weight (the layout net.h documents:
 * per layer, weights w[j*size[l-1]+k], then its biases). */
int tu_woff(const net_spec *sp, int l);

/* ---- an independent reference --------------------------------------------------------------------- */

/* The logistic function, written out for tests that compute values by hand. */
double tu_sigmoid(double x);

/* Layer ls's activation at x, written out again (not net_act_f). */
double tu_act(const net_layer_spec *ls, double x);

/* The loss of one sample for parameters p of spec sp (layers of at most 64
 * neurons), computed without the engine. *relu_margin (may be NULL) gets the
 * smallest |z| of a relu neuron (HUGE_VAL when none), so callers can keep
 * away from the kink. */
double tu_ref_loss(const net_spec *sp, const double *p, const double *x, const double *t, double *relu_margin);

/* Central differences of tu_ref_loss with step h for every parameter of n
 * (at n's params, at most 4096) into fd[nparams]; returns the largest |fd|. */
double tu_fd_grad(const net *n, const double *x, const double *t, double h, double *fd);

/* ---- fixtures ------------------------------------------------------------------------------------- */

/* The contents of tests/unit/fixtures/name, NUL-terminated, its length in
 * *len (may be NULL); fails the test when the file cannot be read. The
 * caller frees it. The folder is TU_FIXTURES, which the Makefile defines. */
char *tu_fixture(const char *name, long *len);

/* ---- the stepper's events ------------------------------------------------------------------------- */

/* Every event of the stepper's current iteration copied into one array
 * (stepper_event() builds them on demand into a few rotating slots); their
 * operands are copied into the pool tu_events_ops() returns, op_first
 * rebased. Both arrays belong to testutil and are reused by the next call. */
const step_event *tu_events(const stepper *s);
const step_operand *tu_events_ops(void);

/* Whether two events are the same event (all fields but where their operands live). */
bool tu_same_event(const step_event *a, const step_event *b);

/* ---- scenario parser cases ------------------------------------------------------------------------ */

/* A small valid scenario the parser tests edit (a string literal, so sizeof works). Lines:
 *  1 [scenario]          6 weights = 0.1 0.2     11           0.7 0.8
 *  2 title = t           7           0.3 0.4     12 biases = 0.2 0.2
 *  3 [network]           8 biases = 0.1 0.1      13 [data]
 *  4 layers = 2 2 2      9 [layer 2]             14 sample = 0.05 0.1 -> 0 1
 *  5 [layer 1]          10 weights = 0.5 0.6 */
#define TU_BASE_SCENARIO \
    "[scenario]\n" \
    "title = t\n" \
    "[network]\n" \
    "layers = 2 2 2\n" \
    "[layer 1]\n" \
    "weights = 0.1 0.2\n" \
    "          0.3 0.4\n" \
    "biases = 0.1 0.1\n" \
    "[layer 2]\n" \
    "weights = 0.5 0.6\n" \
    "          0.7 0.8\n" \
    "biases = 0.2 0.2\n" \
    "[data]\n" \
    "sample = 0.05 0.1 -> 0 1\n"

/* TU_BASE_SCENARIO with the first `old` replaced by `new` ("" old: append). Caller frees. */
char *tu_base_edit(const char *old, const char *new);

/* The line and column a message's "path:L:C: " prefix names (0 when absent). */
void tu_msg_pos(const char *msg, const char *path, int *line, int *col);

/* Parses text as path (len bytes); the message (in e), "" when it parsed. */
const char *tu_parse_msg(const char *path, const char *text, long len, err *e);

/* One case: edit TU_BASE_SCENARIO, expect this message ("" = parses). */
typedef struct tu_case {
    const char *old, *new, *msg;
} tu_case;

/* Runs every case, parsed as "t.bp"; reports each mismatch (and an err whose
 * line and column disagree with its message), then fails if any. */
void tu_run_cases(const tu_case *cs, int n);
#define TU_RUN_CASES(cs) tu_run_cases(cs, (int)(sizeof cs / sizeof *cs))

/* ---- skipping ------------------------------------------------------------------------------------- */

/* Skips the running test, printing why (a printf format), for a test that
 * cannot run here (no /dev/full). cmocka counts a skipped test as no failure,
 * so its exit status would say PASS: a file that skips ends main() with
 * `return tu_exit(cmocka_run_group_tests(...))`, which turns it into 77
 * (tests/run.sh's SKIP). Never call cmocka's skip() directly. */
#define tu_skip(...)                                                                \
    do {                                                                            \
        tu_skipped(__VA_ARGS__);                                                    \
        skip();                                                                     \
    } while (0)
void tu_skipped(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The exit status of a test binary whose cmocka run had `failed` failures:
 * 1 when something failed, else 77 when a test was skipped, else 0. */
int tu_exit(int failed);

#endif
