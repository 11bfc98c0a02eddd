/* test_export.c - the PyTorch export (export.c) without PyTorch: what it refuses
 * (with the message naming it, and nothing written), a failed write reported
 * with its errno, and the literals of the script: the scenario's numbers as
 * the shortest decimals that read back to the same double, names escaped as
 * Python strings, the weights in the scenario's layout, the shuffle's order.
 * Whether the script computes what bpviz does is tests/cli/export_torch.sh's
 * question (it runs the scripts under PyTorch). Run from the repository root. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "err.h"
#include "export.h"
#include "scenario.h"
#include "testutil.h"

/* A 2-2-1 network in both layouts, with names that need escaping. */
static const char TEXT[] = "[scenario]\n"
                           "title = t\n"
                           "[network]\n"
                           "layers = 2 2 1\n"
                           "[layer 1]\n"
                           "layout = from-to\n"
                           "weights = 0.15 -2\n"
                           "          1e-7 0.1\n"
                           "biases = 0.35 1\n"
                           "z = q\"\\w_$j\n"
                           "[layer 2]\n"
                           "activation = gsigmoid 1.5 0.25\n"
                           "bias = shared\n"
                           "bias.frozen = yes\n"
                           "weights = 0.3 1234567.125\n"
                           "biases = -0.5\n"
                           "[training]\n"
                           "iterations = 2\n"
                           "[data]\n"
                           "sample = 0.05 0.1 -> 1\n";

static scenario *parse(void)
{
    err e;
    scenario *sc = scenario_parse("t.bp", TEXT, (long)strlen(TEXT), &e);
    if (!sc)
        print_error("%s\n", e.msg);
    assert_non_null(sc);
    return sc;
}

static const export_options TRACE = {EXPORT_TRACE, 2, 0, 10, true};

/* The script of sc into a string the caller frees. */
static char *script(const scenario *sc, const export_options *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    err e;
    int errnum = -1;
    export_result r = export_torch(sc, o, f, &e, &errnum);
    if (r != EXPORT_OK)
        print_error("%s\n", e.msg);
    assert_int_equal(r, EXPORT_OK);
    assert_int_equal(errnum, 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void has(const char *text, const char *want)
{
    if (!strstr(text, want)) {
        print_error("the script has no line with: %s\n", want);
        fail();
    }
}

/* Refused: EXPORT_REFUSED, the message, and not a byte written. */
static void refused(const scenario *sc, const export_options *o, const char *msg)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    err e;
    int errnum = -1;
    assert_int_equal(export_torch(sc, o, f, &e, &errnum), EXPORT_REFUSED);
    assert_string_equal(e.msg, msg);
    assert_int_equal(errnum, 0);
    assert_int_equal(ftell(f), 0);
    assert_false(export_torch_check(sc, o, &e));
    fclose(f);
}

/* An activation the exporter does not know (one added to the engine later,
 * say) is refused by name, not written as something else. */
static void test_unknown_activation(void **state)
{
    (void)state;
    scenario *sc = parse();
    sc->spec.layer[2].act = NET_ACT_COUNT;
    refused(sc, &TRACE, "t.bp: layer 2: the activation '?' has no exact PyTorch counterpart; not exported");
    scenario_free(sc);
}

static void test_unknown_loss_and_bias(void **state)
{
    (void)state;
    scenario *sc = parse();
    sc->spec.loss = NET_LOSS_COUNT;
    refused(sc, &TRACE, "t.bp: the loss '?' has no exact PyTorch counterpart; not exported");
    sc->spec.loss = NET_LOSS_HALF_SSE;
    sc->spec.layer[1].bias = NET_BIAS_COUNT;
    refused(sc, &TRACE, "t.bp: layer 1: the bias mode '?' has no exact PyTorch counterpart; not exported");
    scenario_free(sc);
}

/* 28 events an iteration (z and a: 6; the loss: 2; δ: 3; gradients: 6 + 3;
 * updates: 6 + 2, none of the frozen bias): 35714 iterations are 999992
 * lines, 35715 are over the limit. */
static void test_too_many_lines(void **state)
{
    (void)state;
    scenario *sc = parse();
    export_options o = TRACE;
    o.iterations = 35715;
    refused(sc, &o,
            "t.bp: 35715 iterations of 28 events would be 1000020 lines; a script traces at most 1000000 (use fewer "
            "--iterations)");
    o.kind = EXPORT_TRAIN; /* the training script has no such table */
    o.epochs = 10000000;
    err e;
    assert_true(export_torch_check(sc, &o, &e));
    o.kind = EXPORT_TRACE;
    o.iterations = 35714;
    assert_true(export_torch_check(sc, &o, &e));
    scenario_free(sc);
}

static void test_write_error(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        tu_skip("/dev/full: %s", strerror(errno));
    scenario *sc = parse();
    err e;
    int errnum = 0;
    assert_int_equal(export_torch(sc, &TRACE, f, &e, &errnum), EXPORT_WRITE_FAILED);
    assert_int_equal(errnum, ENOSPC);
    fclose(f);
    scenario_free(sc);
}

static void test_literals(void **state)
{
    (void)state;
    scenario *sc = parse();
    char *py = script(sc, &TRACE);
    has(py, "#!/usr/bin/python3\n");
    /* from-to as written: a row per source neuron; whole numbers as floats */
    has(py, "        [0.15, -2.0],\n        [1e-07, 0.1],\n");
    has(py, "    layout=\"from-to\",\n    biases=[0.35, 1.0],\n    bias=\"neuron\",\n    frozen=False,\n"
            "    activation=sigmoid,\n");
    /* to-from, the default: a row per neuron of this layer */
    has(py, "        [0.3, 1234567.125],\n    ],\n    layout=\"to-from\",\n    biases=-0.5,\n    bias=\"shared\",\n"
            "    frozen=True,\n    activation=gsigmoid(1.5, 0.25),\n");
    has(py, "    ([0.05, 0.1], [1.0]),\n");
    has(py, "ITERATIONS = 2  #");
    /* names: the quote and the backslash escaped; the same for both iterations */
    has(py, "EVENTS_1 = [\n    \"q\\\"\\\\w₁\", \"a²₁\", \"q\\\"\\\\w₂\",");
    has(py, "NAMES = [EVENTS_1] * 2  #");
    assert_null(strstr(py, "EVENTS_2"));
    free(py);
    export_options o = {EXPORT_TRAIN, 0, 77, 10, false};
    py = script(sc, &o);
    has(py, "EPOCHS = 77\n");
    assert_null(strstr(py, "EVENTS_1"));
    free(py);
    scenario_free(sc);
}

/* Names that change with the iteration ($n) get a list per iteration. */
static void test_names_per_iteration(void **state)
{
    (void)state;
    char text[sizeof TEXT + 32];
    snprintf(text, sizeof text, "%s", TEXT);
    char *z = strstr(text, "z = q");
    memcpy(z, "z = n$n", 7); /* z = q"\w_$j becomes z = n$nw_$j */
    err e;
    scenario *sc = scenario_parse("t.bp", text, (long)strlen(text), &e);
    assert_non_null(sc);
    char *py = script(sc, &TRACE);
    has(py, "EVENTS_1 = [\n    \"n1w₁\",");
    has(py, "EVENTS_2 = [\n    \"n2w₁\",");
    has(py, "    EVENTS_1, EVENTS_2,\n]");
    free(py);
    scenario_free(sc);
}

/* doc001-iris: the file's rows as read and the shuffle's order, here from
 * data/iris.csv's first row (5.1,3.5,1.4,0.2,setosa) and a second load
 * without the shuffle. */
static void test_csv_order(void **state)
{
    (void)state;
    err e;
    scenario *sc = scenario_load("scenarios/doc001-iris.bp", &e);
    assert_non_null(sc);
    export_options o = {EXPORT_TRAIN, 0, 300, 10, true};
    char *py = script(sc, &o);
    has(py, "CSV_ROWS = [\n    ([5.1, 3.5, 1.4, 0.2], \"setosa\"),\n");
    has(py, "NORMALIZE = True");
    has(py, "NTRAIN = 130  #");
    /* ORDER[0] is the file row that the shuffle put first: its scaled features are data.x[0..3]. */
    const char *ord = strstr(py, "ORDER = [");
    assert_non_null(ord);
    int first = atoi(ord + strlen("ORDER = ["));
    csv_opts plain = sc->csv;
    plain.shuffle = false;
    data_set d = {.nin = 4, .nout = 3};
    assert_true(csv_load_for(sc->path, &plain, 4, 3, &d, &e));
    assert_true(first >= 0 && first < d.n);
    for (int k = 0; k < 4; k++)
        assert_true(d.x[(size_t)first * 4 + k] == sc->data.x[k]);
    data_free(&d);
    free(py);
    scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_activation),
        cmocka_unit_test(test_unknown_loss_and_bias),
        cmocka_unit_test(test_too_many_lines),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_literals),
        cmocka_unit_test(test_names_per_iteration),
        cmocka_unit_test(test_csv_order),
    };
    return tu_exit(cmocka_run_group_tests(tests, NULL, NULL));
}
