/* test_scenario_input.c - input that could be misread is refused with its exact message; --check's decimal ties and "after N"; every prefix of the shipped scenarios.
 * Run from the repository root (the sweep reads the .bp files in scenarios/). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "err.h"
#include "scenario.h"
#include "testutil.h"

#define RUN(cs) TU_RUN_CASES(cs)
#define SEP "; separate numbers with blanks or ', '"
#define NEITHER "a comma between digits is neither a decimal point nor a separator" SEP

/* FORMAT.md: a comma directly between two digits is an error, in every number. */
static void test_decimal_comma(void **state)
{
    (void)state;
    static const tu_case cs[] = {
        /* Weights, first row and a continuation row; biases; the column is the word's. */
        {"weights = 0.1 0.2", "weights = 0,1 0.2", "t.bp:6:11: '0,1': decimal comma? write 0.1" SEP},
        {"          0.3 0.4", "          0.3 0,4", "t.bp:7:15: '0,4': decimal comma? write 0.4" SEP},
        {"biases = 0.1 0.1", "biases = 0.1 -0,1", "t.bp:8:14: '-0,1': decimal comma? write -0.1" SEP},
        {"biases = 0.2 0.2", "biases = +0,25 0.2", "t.bp:12:10: '+0,25': decimal comma? write +0.25" SEP},
        {"weights = 0.5 0.6", "weights = 0.5 1,5e-3", "t.bp:10:15: '1,5e-3': decimal comma? write 1.5e-3" SEP},
        /* Samples: inputs and targets ("0,1" for the targets 0 and 1 is refused alike). */
        {"sample = 0.05 0.1 -> 0 1", "sample = 0,05 0.1 -> 0 1", "t.bp:14:10: '0,05': decimal comma? write 0.05" SEP},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 -> 0,1", "t.bp:14:22: '0,1': decimal comma? write 0.1" SEP},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05,0.1 -> 0 1", "t.bp:14:10: '0.05,0.1': " NEITHER},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0,05->0 0.1 -> 0 1", "t.bp:14:10: '0,05->0': " NEITHER},
        {"weights = 0.5 0.6", "weights = 1,2,3", "t.bp:10:11: '1,2,3': " NEITHER},
        {"weights = 0.5 0.6", "weights = 1,5e", "t.bp:10:11: '1,5e': " NEITHER},
        /* Whole numbers: a list, and one number (a thousands separator). */
        {"layers = 2 2 2", "layers = 2,2,2", "t.bp:4:10: '2,2,2': " NEITHER},
        {"[data]\n", "[training]\niterations = 10,000\n[data]\n",
         "t.bp:14:14: '10,000': write whole numbers without separators (10000)"},
        {"[data]\n", "[training]\nepochs = 1,000,000\n[data]\n",
         "t.bp:14:10: '1,000,000': write whole numbers without separators (1000000)"},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 -> 0 1\nseed = 1,2",
         "t.bp:15:8: '1,2': write whole numbers without separators (12)"},
        /* Keys of one number, and the numbers inside a setting. */
        {"[data]\n", "[training]\neta = 0,5\n[data]\n", "t.bp:14:7: '0,5': decimal comma? write 0.5" SEP},
        {"[data]\n", "[training]\nmomentum = 0,9\n[data]\n", "t.bp:14:12: '0,9': decimal comma? write 0.9" SEP},
        {"biases = 0.2 0.2", "biases = 0.2 0.2\nactivation = gsigmoid 1,716 0.5",
         "t.bp:13:23: '1,716': decimal comma? write 1.716" SEP},
        {"[data]\n", "[init]\nrandom = uniform -0,5 0.5\n[data]\n",
         "t.bp:14:18: '-0,5': decimal comma? write -0.5" SEP},
        {"", "[expected]\nz^2_1 = 0,1325\n", "t.bp:16:9: '0,1325': decimal comma? write 0.1325" SEP},
        /* A comma followed by a blank separates; commas elsewhere are no numbers. */
        {"weights = 0.5 0.6", "weights = 0.5, 0.6", ""},
        {"weights = 0.5 0.6", "weights = 0.5 ,0.6", ""},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05, 0.1 -> 0, 1", ""},
        {"layers = 2 2 2", "layers = 2, 2, 2", ""},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 -> 0 1 # x = (0,05, 0,1)", ""},
        {"title = t", "title = 0,5 and 1,000", ""},
        {"biases = 0.2 0.2\n", "biases = 0.2 0.2\nw.names = w_{1,1} w_{1,2}\n   w_{2,1} w_{2,2}\n", ""},
        {"", "[expected]\nw_{(1,1)} = 0.5\n", ""},
    };
    RUN(cs);
}

#define NOT_INDENTED(key) "this line is not indented: rows of '" key "' continue on lines that start with blanks"
#define CR_ONLY "a carriage return without a line feed (CR-only line endings?): save the file with LF or CR LF line endings"

/* [layer2], an unindented matrix row, an empty file name. */
static void test_misread_structure(void **state)
{
    (void)state;
    static const tu_case cs[] = {
        {"[layer 2]", "[layer2]", "t.bp:9:2: unknown section [layer2]; did you mean [layer 2]?"},
        {"[layer 2]", "[layer  2]", "t.bp:9:2: unknown section [layer  2]; did you mean [layer 2]?"},
        {"[layer 2]", "[layer\t2]", "t.bp:9:2: unknown section [layer\t2]; did you mean [layer 2]?"},
        {"[layer 2]", "[layer 2 ]", "t.bp:9:2: unknown section [layer 2 ]; did you mean [layer 2]?"},
        {"[layer 1]", "[layer1]   # hidden", "t.bp:5:2: unknown section [layer1]; did you mean [layer 1]?"},
        {"[layer 2]", "[layer 99999999999]", "t.bp:9:2: layer number 99999999999 out of range (1 to 15)"},
        {"[layer 2]", "[layer -1]", "t.bp:9:2: layer number -1 out of range (1 to 15)"},
        /* A matrix row at the start of its line. */
        {"          0.3 0.4\n", "0.3 0.4\n", "t.bp:7:1: " NOT_INDENTED("weights")},
        {"          0.7 0.8\n", "# the second row:\n0.7 0.8\n", "t.bp:12:1: " NOT_INDENTED("weights")},
        {"weights = 0.5 0.6\n          0.7 0.8\n", "weights =\n0.5 0.6\n0.7 0.8\n", "t.bp:11:1: " NOT_INDENTED("weights")},
        {"biases = 0.1 0.1\n", "biases = 0.1\n0.1\n", "t.bp:9:1: " NOT_INDENTED("biases")},
        {"biases = 0.2 0.2\n", "biases = 0.2 0.2\nw.names = a b\nc d\n", "t.bp:14:1: " NOT_INDENTED("w.names")},
        /* Not after a matrix (or after a new section): inih's own words. */
        {"title = t\n", "title = t\nmore\n", "t.bp:3: expected 'key = value', '[section]' or a comment"},
        {"[layer 2]\n", "[layer 2]\n0.5 0.6\n", "t.bp:10: expected 'key = value', '[section]' or a comment"},
        /* An empty file name or label. */
        {"sample = 0.05 0.1 -> 0 1", "file =\nlabel = y",
         "t.bp:14:7: 'file =' names no file (write the CSV file's path after '=')"},
        {"sample = 0.05 0.1 -> 0 1", "file =    # to do\nlabel = y",
         "t.bp:14:7: 'file =' names no file (write the CSV file's path after '=')"},
        {"sample = 0.05 0.1 -> 0 1", "file = x.csv\nlabel =",
         "t.bp:15:8: 'label =' names no column (write the label column's name after '=')"},
        /* A carriage return must end a line (CR LF); alone it is refused where it is. */
        {"title = t", "title = a\rb", "t.bp:2:10: " CR_ONLY},
        {"[scenario]\n", "[scenario]\r\n", ""},
        {"sample = 0.05 0.1 -> 0 1\n", "sample = 0.05 0.1 -> 0 1\r\n\r", ""},
    };
    RUN(cs);
    /* The whole file with old Mac line endings: named at the first CR. */
    char *text = tu_base_edit("", "");
    for (char *q = text; *q; q++)
        if (*q == '\n')
            *q = '\r';
    err e;
    assert_string_equal(tu_parse_msg("t.bp", text, (long)strlen(text), &e), "t.bp:1:11: " CR_ONLY);
    free(text);
}

/* "SYMBOL after N" in [expected]: parsed, and its errors. */
static void test_after_syntax(void **state)
{
    (void)state;
#define RANGE "'after' takes the number of updates, a whole number from 0 to 10000000, not "
    static const tu_case cs[] = {
        {"", "[expected]\nC after 3 = 0.5\nC  after\t10000000 = 1\nafter = 2\nC_after_3 = 1\n", ""},
        {"", "[expected]\nC after = 0.5\n", "t.bp:16:3: 'after' needs the number of updates: 'E after 10000 = …'"},
        {"", "[expected]\nC after x = 0.5\n", "t.bp:16:9: " RANGE "'x'"},
        {"", "[expected]\nC after -1 = 0.5\n", "t.bp:16:9: " RANGE "'-1'"},
        {"", "[expected]\nC after 10000001 = 0.5\n", "t.bp:16:9: " RANGE "'10000001'"},
        {"", "[expected]\nC after 1e4 = 0.5\n", "t.bp:16:9: " RANGE "'1e4'"},
        {"", "[expected]\nC after 10,000 = 0.5\n", "t.bp:16:9: '10,000': write whole numbers without separators (10000)"},
        {"", "[expected]\nafter 3 = 0.5\n", "t.bp:16:1: the symbol is missing before 'after'"},
    };
    RUN(cs);
    char *text = tu_base_edit("", "[expected]\nC after 3 = 0.5\nw^2_{11}′   after  0 = 1\nC = 2\n");
    err e;
    scenario *sc = scenario_parse("t.bp", text, (long)strlen(text), &e);
    free(text);
    if (!sc)
        fail_msg("%s", e.msg);
    assert_int_equal(sc->nexpect, 3);
    assert_string_equal(sc->expect[0].symbol, "C");
    assert_int_equal(sc->expect[0].after, 3);
    assert_string_equal(sc->expect[0].printed, "0.5");
    assert_string_equal(sc->expect[1].symbol, "w^2_{11}′");
    assert_int_equal(sc->expect[1].after, 0);
    assert_string_equal(sc->expect[2].symbol, "C");
    assert_int_equal(sc->expect[2].after, -1);
    scenario_free(sc);
#undef RANGE
}

/* ---- --check: decimal ties ---------------------------------------------------- */

static int verdicts_bad;

static void verdict_is(const char *printed, double computed, check_verdict want)
{
    check_verdict got = check_compare(printed, computed);
    if (got != want) {
        print_error("check_compare(\"%s\", %.25g) = %s, expected %s\n", printed, computed, check_verdict_name(got),
                    check_verdict_name(want));
        verdicts_bad++;
    }
}

static void test_check_ties(void **state)
{
    (void)state;
    verdicts_bad = 0;
    /* Exact ties (the double is k + ½ units exactly): either rounding is right. */
    verdict_is("0.13", 0.125, CHECK_OK);
    verdict_is("0.12", 0.125, CHECK_OK);
    verdict_is("0.14", 0.125, CHECK_NEAR);
    verdict_is("0.11", 0.125, CHECK_NEAR);
    verdict_is("0.38", 0.375, CHECK_OK);
    verdict_is("0.37", 0.375, CHECK_OK);
    verdict_is("3", 2.5, CHECK_OK);
    verdict_is("2", 2.5, CHECK_OK);
    verdict_is("4", 2.5, CHECK_NEAR);
    verdict_is("-0.13", -0.125, CHECK_OK);
    verdict_is("-0.12", -0.125, CHECK_OK);
    verdict_is("-0.11", -0.125, CHECK_NEAR);
    verdict_is("0.12", -0.125, CHECK_DIFF);
    verdict_is("1.2e-3", 0.00125, CHECK_OK); /* 0.00125 is no exact double: the nearest is a tie too */
    verdict_is("1.3e-3", 0.00125, CHECK_OK);
    verdict_is("12e2", 1250, CHECK_OK);
    verdict_is("13e2", 1250, CHECK_OK);
    verdict_is("0.5", 0.25 + 0.25, CHECK_OK);
    /* Values a double holds only nearly, "exactly 0.3925" as a handout means it. */
    verdict_is("0.393", 0.3925, CHECK_OK);
    verdict_is("0.392", 0.3925, CHECK_OK);
    verdict_is("0.394", 0.3925, CHECK_NEAR);
    verdict_is("0.391", 0.3925, CHECK_NEAR);
    verdict_is("2.68", 2.675, CHECK_OK);
    verdict_is("2.67", 2.675, CHECK_OK);
    verdict_is("1.01", 1.005, CHECK_OK);
    verdict_is("1.00", 1.005, CHECK_OK);
    verdict_is("0.000002", 1.5e-6, CHECK_OK);
    verdict_is("0.000001", 1.5e-6, CHECK_OK);
    /* One double off a tie is no tie: one right rounding, decided on its exact
     * decimal value (0.39249999999999996003197111349436454474925994873046875 …). */
    verdict_is("0.392", nextafter(0.3925, 0), CHECK_OK);
    verdict_is("0.393", nextafter(0.3925, 0), CHECK_NEAR);
    verdict_is("0.393", nextafter(0.3925, 1), CHECK_OK);
    verdict_is("0.392", nextafter(0.3925, 1), CHECK_NEAR);
    verdict_is("0.13", nextafter(0.125, 1), CHECK_OK);
    verdict_is("0.12", nextafter(0.125, 1), CHECK_NEAR);
    verdict_is("0.12", nextafter(0.125, 0), CHECK_OK);
    verdict_is("0.13", nextafter(0.125, 0), CHECK_NEAR);
    /* … where dividing by 10^-6 in binary gives 1.5 and rounds it up: the exact
     * value is 0.0000014999999999999998262…, so 0.000001. */
    verdict_is("0.000001", nextafter(1.5e-6, 0), CHECK_OK);
    verdict_is("0.000002", nextafter(1.5e-6, 0), CHECK_NEAR);
    verdict_is("1e-6", nextafter(1.5e-6, 0), CHECK_OK);
    verdict_is("0.0000015", nextafter(1.5e-6, 0), CHECK_OK);
    /* Far ends: huge, tiny, zero, and more digits than a double holds. */
    verdict_is("1e300", 1e300, CHECK_OK);
    verdict_is("2e300", 1e300, CHECK_NEAR);
    verdict_is("3e300", 1e300, CHECK_DIFF);
    verdict_is("5e-324", 4.9406564584124654e-324, CHECK_OK);
    verdict_is("0.000", -0.0, CHECK_OK);
    verdict_is("-0.000", 0.0, CHECK_OK);
    verdict_is("-0.001", 0.0004, CHECK_NEAR);
    verdict_is("0.001", -0.0004, CHECK_NEAR);
    verdict_is("0.10000000000000001", 0.1, CHECK_OK);
    verdict_is("0.10000000000000000", 0.1, CHECK_OK); /* the double nearest to 0.100000000000000005 */
    verdict_is("0.1000000000000000055511151231257827", 0.1, CHECK_OK);
    verdict_is("0.1000000000000000055511151231257827", nextafter(0.1, 1), CHECK_DIFF);
    verdict_is("123456789012345678901234567890", 123456789012345678901234567890.0, CHECK_OK);
    verdict_is("1.5", 123456789012345678901234567890.0, CHECK_DIFF);
    /* Not decimal numbers. */
    verdict_is("0x1p-3", 0.125, CHECK_DIFF);
    verdict_is("1e", 1, CHECK_DIFF);
    verdict_is(".", 0, CHECK_DIFF);
    verdict_is("1e99999999999", 1, CHECK_DIFF);
    if (verdicts_bad)
        fail_msg("%d verdicts differ", verdicts_bad);
}

/* ---- --check: "after N" --------------------------------------------------------- */

/* A 2-1 sigmoid network, one sample, η = 0.5: E, ∂E/∂w11 and w11 after n
 * updates, written out here without the engine. */
static void ref_after(long n, double *E, double *w11_after, double *g11)
{
    double w1 = 0.3, w2 = -0.2, b = 0.1;
    const double x1 = 1, x2 = 0.5, t = 1, eta = 0.5;
    for (long i = 0;; i++) {
        double a = tu_sigmoid(w1 * x1 + w2 * x2 + b);
        double d = (a - t) * a * (1 - a);
        if (i == n) {
            *E = 0.5 * (t - a) * (t - a);
            *g11 = d * x1;
            return;
        }
        w1 -= eta * d * x1;
        w2 -= eta * d * x2;
        b -= eta * d;
        *w11_after = w1;
    }
}

static void test_check_after(void **state)
{
    (void)state;
    double E0 = 0, E1 = 0, E1000 = 0, E999 = 0, w1 = 0, w1000 = 0, g1000 = 0, unused = 0;
    ref_after(0, &E0, &unused, &unused);
    ref_after(1, &E1, &w1, &unused);
    ref_after(1000, &E1000, &w1000, &g1000);
    ref_after(999, &E999, &unused, &unused);
    char text[2048];
    snprintf(text, sizeof text,
             "[scenario]\ntitle = t\n[network]\nlayers = 2 1\n[layer 1]\nweights = 0.3 -0.2\nbiases = 0.1\n"
             "[training]\neta = 0.5\niterations = 2\n[data]\nsample = 1 0.5 -> 1\n[expected]\n"
             "C after 1000 = %.6g\n" /* 0: ok */
             "C after 999 = %.6g\n"  /* 1: the value after 1000 is not the one after 999 */
             "C after 0 = %.6g\n"    /* 2: the first iteration's loss */
             "C = %.6g\n"            /* 3: the same, plain */
             "C after 1 = %.6g\n"    /* 4: the second iteration's */
             "w^2_{11}′ after 1 = %.6g\n"    /* 5: the first update, in iteration 1 */
             "w^2_{11}′ after 1000 = %.6g\n" /* 6 */
             "w^2_{11}′ after 0 = 0.3\n"     /* 7: no update makes the initial weight */
             "∂C/∂w^2_{11} after 1000 = 0.5\n", /* 8: a gradient: iteration 1001 */
             E1000, E1000, E0, E0, E1, w1, w1000);
    err e;
    scenario *sc = scenario_parse("t.bp", text, (long)strlen(text), &e);
    if (!sc)
        fail_msg("%s", e.msg);
    assert_int_equal(sc->nexpect, 9);
    check_result res[9];
    int bad = check_run(sc, res, &e);
    const check_verdict want[] = {CHECK_OK, CHECK_DIFF, CHECK_OK, CHECK_OK,     CHECK_OK,
                                  CHECK_OK, CHECK_OK,   CHECK_UNKNOWN, CHECK_DIFF};
    const long iter[] = {1000, 999, 0, 0, 1, 0, 999, -1, 1000};
    const double value[] = {E1000, E999, E0, E0, E1, w1, w1000, NAN, g1000};
    for (int i = 0; i < 9; i++) {
        if (res[i].verdict != want[i] || res[i].iteration != iter[i])
            fail_msg("expected value %d (%s after %ld = %s): %s in iteration %ld, expected %s in %ld", i,
                     sc->expect[i].symbol, sc->expect[i].after, sc->expect[i].printed,
                     check_verdict_name(res[i].verdict), res[i].iteration, check_verdict_name(want[i]), iter[i]);
        if (!isnan(value[i]))
            assert_close_msg(res[i].computed, value[i], 1e-12, "expected value %d", i);
    }
    assert_int_equal(bad, 3);
    /* The --check line says which iteration a value came from. */
    char label[NOTATION_MAX + 64];
    check_label(&res[0], false, label, sizeof label);
    assert_string_equal(label, "C (after 1000 updates: iteration 1001)");
    check_label(&res[5], false, label, sizeof label);
    assert_string_equal(label, "w^2_11' (after 1 update: iteration 1)");
    check_label(&res[7], false, label, sizeof label);
    assert_string_equal(label, "w^2_11' (after 0 updates)");
    check_label(&res[3], false, label, sizeof label);
    assert_string_equal(label, "C");
    scenario_free(sc);
}

/* A run that diverges before N: DIFF with no finite value, not an error. */
static void test_check_after_diverged(void **state)
{
    (void)state;
    const char *text = "[scenario]\ntitle = t\n[network]\nlayers = 1 1\n[layer 1]\nactivation = identity\n"
                       "weights = 1\nbiases = 0\n[training]\neta = 1000\n[data]\nsample = 10 -> 1\n[expected]\n"
                       "C after 2000 = 0.5\nC after 0 = 40.5\n";
    err e;
    scenario *sc = scenario_parse("t.bp", text, (long)strlen(text), &e);
    if (!sc)
        fail_msg("%s", e.msg);
    check_result res[2];
    assert_int_equal(check_run(sc, res, &e), 1);
    assert_int_equal(res[0].verdict, CHECK_DIFF);
    assert_true(isnan(res[0].computed));
    assert_int_equal(res[1].verdict, CHECK_OK); /* ½(1 − 10)² */
    assert_close(res[1].computed, 40.5, 1e-15);
    scenario_free(sc);
}

/* ---- every prefix of the shipped scenarios ------------------------------------- */

static char *read_all(const char *path, long *len)
{
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = (long)fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

/* Every cut of every scenarios/NAME.bp parses, or fails with a message that
 * names the scenario (or its CSV file) and a line of the text that is left
 * (the column with it where there is one). Under `make asan` this is the
 * truncation sweep with AddressSanitizer watching. */
static void test_prefix_sweep(void **state)
{
    (void)state;
    DIR *dir = opendir("scenarios");
    if (!dir)
        fail_msg("no folder scenarios/: run from the repository root");
    struct dirent *de;
    int files = 0, parsed = 0, bad = 0;
    clock_t t0 = clock();
    while ((de = readdir(dir))) {
        size_t nl = strlen(de->d_name);
        if (nl < 4 || strcmp(de->d_name + nl - 3, ".bp"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "scenarios/%s", de->d_name);
        long n;
        char *doc = read_all(path, &n);
        assert_non_null(doc);
        files++;
        for (long len = 0; len <= n && bad < 10; len++) {
            err e;
            const char *m = tu_parse_msg(path, doc, len, &e);
            if (!*m) {
                parsed++;
                continue;
            }
            int lines = 1;
            for (long i = 0; i < len; i++)
                lines += doc[i] == '\n' && i + 1 < len;
            int line, col;
            tu_msg_pos(m, path, &line, &col);
            bool ours = !strncmp(m, path, strlen(path)) && m[strlen(path)] == ':';
            bool csv = !strncmp(m, "scenarios/data/", 15); /* the CSV's own line */
            if (len == 0 ? e.line != 0 : ours ? (line < 1 || line > lines || e.line != line || e.col != col) : !csv) {
                print_error("%s cut at byte %ld: badly placed message '%s' (err line %d col %d; %d lines)\n", path, len, m,
                            e.line, e.col, lines);
                bad++;
            }
        }
        assert_string_equal(tu_parse_msg(path, doc, n, &(err){0}), ""); /* the whole file parses */
        free(doc);
    }
    closedir(dir);
    if (bad)
        fail_msg("%d cuts gave badly placed messages", bad);
    assert_true(files >= 14);
    assert_true(parsed > 500);
    print_message("    %d scenarios, %d cuts parsed, %.1f s\n", files, parsed, (double)(clock() - t0) / CLOCKS_PER_SEC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_comma),
        cmocka_unit_test(test_misread_structure),
        cmocka_unit_test(test_after_syntax),
        cmocka_unit_test(test_check_ties),
        cmocka_unit_test(test_check_after),
        cmocka_unit_test(test_check_after_diverged),
        cmocka_unit_test(test_prefix_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
