/* test_csv_input.c - what the CSV loader (csv.c) takes and refuses: RFC 4180
 * quoted fields (commas and doubled quotes inside, blanks around), a BOM
 * before the first header name, plain decimals only (no hex, inf, nan, "1e",
 * blanks inside quotes), errors at path:line:col, a class found only in the
 * validation rows (a warning in the loaded data, not a print), and min-max
 * scaling of a column whose range overflows (an error naming the column).
 * Files are written to a fresh directory under /tmp, removed at the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "data.h"
#include "err.h"
#include "scenario.h"
#include "testutil.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/bpviz-test-csvin-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes body to dir/t.csv; returns the path (static). */
static const char *put(const char *body)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/t.csv", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(body, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Loads body; true when it loaded (d filled, the caller frees it), else e set and d empty. */
static bool load(const char *body, const char *label, int nin, int nout, int train, bool normalize, data_set *d,
                 err *e)
{
    const char *path = put(body);
    csv_opts opt = {.file = (char *)path, .label = (char *)label, .normalize = normalize, .train_rows = train};
    memset(d, 0, sizeof *d);
    err_clear(e);
    bool ok = csv_load(path, &opt, nin, nout, d, e);
    if (!ok) {
        assert_int_equal(d->n, 0);
        assert_null(d->x);
        assert_int_equal(d->nwarnings, 0);
    }
    return ok;
}

/* Loads body, which must load; fails with the loader's message otherwise. */
static void load_ok(const char *body, const char *label, int nin, int nout, int train, bool normalize, data_set *d)
{
    err e;
    if (!load(body, label, nin, nout, train, normalize, d, &e)) {
        print_error("'%s' did not load: %s\n", body, e.msg);
        fail();
    }
}

/* Loads body, which must fail with exactly "<path>" want; counts a mismatch. */
static int refused(const char *body, const char *label, int nin, int nout, int train, bool normalize, const char *want)
{
    data_set d;
    err e;
    if (load(body, label, nin, nout, train, normalize, &d, &e)) {
        print_error("'%s' loaded; expected the error '%s'\n", body, want);
        data_free(&d);
        return 1;
    }
    char full[600];
    snprintf(full, sizeof full, "%s/t.csv%s", dir, want);
    if (strcmp(e.msg, full)) {
        print_error("'%s':\n    got      '%s'\n    expected '%s'\n", body, e.msg, full);
        return 1;
    }
    return 0;
}

static void expect_x(const data_set *d, const double *want, int count)
{
    assert_int_equal(d->n * d->nin, count);
    for (int i = 0; i < count; i++)
        assert_close_msg(d->x[i], want[i], 0.0, "x[%d]", i);
}

/* ---- quoted fields ------------------------------------------------------------ */

static void test_quoted_fields(void **state)
{
    (void)state;
    data_set d;
    /* A header name and labels with commas, a doubled quote, a quoted number,
     * blanks around fields (quoted or not), a CRLF line. */
    load_ok("x,\"y, z\",label\n"
            "1,2,\"cat, black\"\n"
            "3,\"4\",dog\r\n"
            "  5 , \"6\" ,\"say \"\"hi\"\"\"  \n"
            "7,8,\"cat, black\"\n",
            "label", 2, 3, 0, false, &d);
    const double x[] = {1, 2, 3, 4, 5, 6, 7, 8};
    expect_x(&d, x, 8);
    assert_int_equal(d.nclasses, 3);
    assert_string_equal(d.class_names[0], "cat, black");
    assert_string_equal(d.class_names[1], "dog");
    assert_string_equal(d.class_names[2], "say \"hi\"");
    const int cls[4] = {0, 1, 2, 0};
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 3; k++)
            assert_close_msg(d.t[i * 3 + k], k == cls[i] ? 1.0 : 0.0, 0.0, "row %d target %d", i, k);
    assert_int_equal(d.nwarnings, 0);
    data_free(&d);

    /* The label column itself named with a comma and a quote. */
    load_ok("\"a,\"\"b\"\"\",c\np,1\nq,2\n", "a,\"b\"", 1, 2, 0, false, &d);
    const double c[] = {1, 2};
    expect_x(&d, c, 2);
    assert_string_equal(d.class_names[1], "q");
    data_free(&d);

    /* An empty quoted field is empty: no label, no number. */
    int bad = 0;
    bad += refused("a,y\n1,p\n2,\"\"\n", "y", 1, 2, 0, false, ":3:3: empty label");
    bad += refused("a,b,y\n1,\"\",p\n", "y", 2, 1, 0, false, ":2:3: '' in column 'b' is not a number");
    /* Malformed quoting, at the byte where it goes wrong. A record is one
     * line: a quote still open at its end is reported at the opening quote. */
    bad += refused("a,y\n1,\"p\n2,q\n", "y", 1, 2, 0, false,
                   ":2:3: the quoted field has no closing '\"' on its line (a field cannot span lines)");
    bad += refused("a,y\n1,\"p\nq\"\n", "y", 1, 2, 0, false,
                   ":2:3: the quoted field has no closing '\"' on its line (a field cannot span lines)");
    bad += refused("a,y\n1,\"p\"x\n", "y", 1, 2, 0, false,
                   ":2:6: text after the closing '\"' of a quoted field (a '\"' inside quotes is written '\"\"')");
    bad += refused("a,y\n1,\"p\" \"q\"\n", "y", 1, 2, 0, false,
                   ":2:7: text after the closing '\"' of a quoted field (a '\"' inside quotes is written '\"\"')");
    bad += refused("a,y\n1,p\"q\n", "y", 1, 2, 0, false,
                   ":2:4: a '\"' in an unquoted field (quote the whole field and write the '\"' as '\"\"')");
    bad += refused("a,\"y\n1,p\n", "y", 1, 2, 0, false,
                   ":1:3: the quoted field has no closing '\"' on its line (a field cannot span lines)");
    assert_int_equal(bad, 0);
}

/* ---- a byte order mark ---------------------------------------------------------- */

/* CR-only line endings (old Mac, some exports) made one long header line
 * whose "names" ran into the rows: now named where the first CR stands. CR LF
 * and LF load alike. */
static void test_cr_only(void **state)
{
    (void)state;
    static const char cr_msg[] = "a carriage return without a line feed (CR-only line endings?): save the file with LF "
                                 "or CR LF line endings";
    char want[256];
    int bad = 0;
    snprintf(want, sizeof want, ":1:4: %s", cr_msg);
    bad += refused("a,y\r0,p\r1,q\r", "y", 1, 2, 0, false, want);
    snprintf(want, sizeof want, ":2:4: %s", cr_msg);
    bad += refused("a,y\n0,p\r1,q\n", "y", 1, 2, 0, false, want);
    assert_int_equal(bad, 0);
    data_set d;
    load_ok("a,y\r\n0,p\r\n1,q\r\n", "y", 1, 2, 0, false, &d);
    assert_int_equal(d.n, 2);
    assert_true(d.x[0] == 0.0 && d.x[1] == 1.0);
    data_free(&d);
}

static void test_bom(void **state)
{
    (void)state;
    data_set d;
    /* The label is the first column: its name must not carry the BOM. */
    load_ok("\xEF\xBB\xBFspecies,a\nx,1\ny,2\n", "species", 1, 2, 0, false, &d);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.class_names[0], "x");
    data_free(&d);
    /* The same with the name quoted. */
    load_ok("\xEF\xBB\xBF\"species\",a\nx,1\ny,2\n", "species", 1, 2, 0, false, &d);
    assert_int_equal(d.n, 2);
    data_free(&d);
    /* Columns are bytes from the start of the line, the BOM's three included
     * (as the scenario parser counts them); the BOM is only skipped on line 1. */
    int bad = 0;
    bad += refused("\xEF\xBB\xBF" "a,\"y\n", "y", 1, 2, 0, false,
                   ":1:6: the quoted field has no closing '\"' on its line (a field cannot span lines)");
    bad += refused("\xEF\xBB\xBF" "a,y\n0x1,p\n", "y", 1, 2, 0, false, ":2:1: '0x1' in column 'a' is not a number");
    bad += refused("a,y\n\xEF\xBB\xBF" "1,p\n", "y", 1, 2, 0, false,
                   ":2:1: '\xEF\xBB\xBF" "1' in column 'a' is not a number");
    /* A file of a BOM and a newline has no header. */
    bad += refused("\xEF\xBB\xBF\n", "y", 1, 2, 0, false, ": empty file");
    assert_int_equal(bad, 0);
}

/* ---- plain decimals only --------------------------------------------------------- */

static void test_plain_decimals(void **state)
{
    (void)state;
    /* Accepted: what a decimal number may look like, and its value. */
    static const struct {
        const char *text;
        double value;
    } good[] = {
        {"-1.5", -1.5}, {".5", 0.5}, {"5.", 5.0}, {"+2e-3", 0.002}, {"1E2", 100.0},
        {"007", 7.0},   {"-0", 0.0}, {"1e-400", 0.0}, {"\"2.5\"", 2.5}, {"1.5e+3", 1500.0},
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        char body[64];
        snprintf(body, sizeof body, "a,y\n%s,p\n", good[i].text);
        data_set d;
        load_ok(body, "y", 1, 1, 0, false, &d);
        assert_close_msg(d.x[0], good[i].value, 0.0, "'%s'", good[i].text);
        data_free(&d);
    }
    /* Refused: what strtod would take (hex, blanks, inf, nan) and what is no number at all. */
    static const struct {
        const char *field, *shown;
        bool finite; /* "not a number" rather than "not a finite number" */
    } bad[] = {
        {"0x10", "0x10", true},     {"0x1p3", "0x1p3", true}, {"0X1A", "0X1A", true},  {"1e", "1e", true},
        {"1e+", "1e+", true},       {"e5", "e5", true},       {".", ".", true},        {"-", "-", true},
        {"1.2.3", "1.2.3", true},   {"\" 2\"", " 2", true},   {"\"2 \"", "2 ", true},  {"\"\t2\"", "\t2", true},
        {"1_000", "1_000", true},   {"inf", "inf", false},    {"-inf", "-inf", false}, {"nan", "nan", false},
        {"NaN", "NaN", false},      {"infinity", "infinity", false}, {"1e999", "1e999", false},
        {"-1e400", "-1e400", false},
    };
    int wrong = 0;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char body[64], want[128];
        snprintf(body, sizeof body, "a,b,y\n1,%s,p\n", bad[i].field);
        snprintf(want, sizeof want, ":2:3: '%s' in column 'b' is %s", bad[i].shown,
                 bad[i].finite ? "not a number" : "not a finite number");
        wrong += refused(body, "y", 2, 1, 0, false, want);
    }
    /* A numeric label column holds plain decimals too. */
    wrong += refused("a,y\n1,2\n1,0x1\n", "y", 1, 1, 0, false,
                     ":3:3: label '0x1' is not a number, but the rows above have numeric labels");
    assert_int_equal(wrong, 0);
}

/* ---- classes found only in validation rows -------------------------------------- */

static void test_validation_only_class(void **state)
{
    (void)state;
    char want[600];
    data_set d;
    /* train = 3 (no shuffle): p p q train, r r validate; r first on line 5. */
    static const char *const rows = "a,y\n1,p\n2,p\n3,q\n4,r\n\n5,r\n";
    load_ok(rows, "y", 1, 3, 3, false, &d);
    assert_int_equal(d.n, 5);
    assert_int_equal(d.ntrain, 3);
    assert_int_equal(d.nwarnings, 1);
    snprintf(want, sizeof want,
             "%s/t.csv:5: warning: class 'r' is only in the validation rows (train = 3): the network never learns it", dir);
    assert_string_equal(d.warnings[0].msg, want);
    assert_int_equal(d.warnings[0].line, 5);
    data_free(&d);
    assert_null(d.warnings);
    assert_int_equal(d.nwarnings, 0);

    /* Every row trains (train = 0), or r has a training row: nothing to say. */
    load_ok(rows, "y", 1, 3, 0, false, &d);
    assert_int_equal(d.nwarnings, 0);
    assert_null(d.warnings);
    data_free(&d);
    load_ok(rows, "y", 1, 3, 4, false, &d);
    assert_int_equal(d.nwarnings, 0);
    data_free(&d);
    /* Numeric labels are no classes. */
    load_ok("a,y\n1,0.5\n2,0.7\n3,9\n", "y", 1, 1, 2, false, &d);
    assert_int_equal(d.nwarnings, 0);
    data_free(&d);

    /* Twelve classes, two of them train: eight are named, the other two counted. */
    char body[512];
    size_t len = (size_t)snprintf(body, sizeof body, "a,y\n");
    for (int c = 0; c < 12; c++)
        len += (size_t)snprintf(body + len, sizeof body - len, "%d,c%d\n", c, c);
    load_ok(body, "y", 1, 12, 2, false, &d);
    assert_int_equal(d.nwarnings, 9);
    for (int k = 0; k < 8; k++) {
        snprintf(want, sizeof want,
                 "%s/t.csv:%d: warning: class 'c%d' is only in the validation rows (train = 2): the network never learns it",
                 dir, k + 4, k + 2);
        assert_string_equal(d.warnings[k].msg, want);
    }
    snprintf(want, sizeof want, "%s/t.csv:12: warning: 2 more classes are only in the validation rows", dir);
    assert_string_equal(d.warnings[8].msg, want);
    data_free(&d);
}

/* The warnings reach the scenario's data, with the CSV's path beside the scenario. */
static void test_scenario_warning(void **state)
{
    (void)state;
    put("a,b,y\n1,2,p\n3,4,p\n5,6,q\n");
    char bp[128], want[600];
    snprintf(bp, sizeof bp, "%s/s.bp", dir);
    static const char text[] = "[scenario]\ntitle = t\n[network]\nlayers = 2 2 2\n"
                               "[init]\nrandom = uniform -0.5 0.5\n"
                               "[data]\nfile = t.csv\nlabel = y\ntrain = 2\n";
    err e;
    err_clear(&e);
    scenario *sc = scenario_parse(bp, text, (long)strlen(text), &e);
    if (!sc)
        print_error("scenario_parse: %s\n", e.msg);
    assert_non_null(sc);
    assert_int_equal(sc->data.nwarnings, 1);
    snprintf(want, sizeof want,
             "%s/t.csv:4: warning: class 'q' is only in the validation rows (train = 2): the network never learns it", dir);
    assert_string_equal(sc->data.warnings[0].msg, want);
    scenario_free(sc);
}

/* ---- min-max scaling of a range that overflows ------------------------------------ */

static void test_minmax_overflow(void **state)
{
    (void)state;
    /* 1e308 - (-1e308) is inf: the scaled 1e308 would be inf/inf = NaN. */
    static const char *const wide = "a,b,y\n1e308,0,p\n0,1,p\n-1e308,2,p\n";
    int bad = refused(wide, "y", 2, 1, 0, true,
                      ":4: column 'a' goes from -1e+308 (line 4) to 1e+308 (line 2): too wide a range to scale to "
                      "[0, 1] (normalize = minmax)");
    /* The second feature column, after the label, is named right. */
    bad += refused("y,a,b\np,0,-1.7e308\np,1,1.7e308\n", "y", 2, 1, 0, true,
                   ":3: column 'b' goes from -1.7e+308 (line 2) to 1.7e+308 (line 3): too wide a range to scale to "
                   "[0, 1] (normalize = minmax)");
    assert_int_equal(bad, 0);
    /* Unscaled, the same numbers are loaded as written. */
    data_set d;
    load_ok(wide, "y", 2, 1, 0, false, &d);
    const double raw[] = {1e308, 0, 0, 1, -1e308, 2};
    expect_x(&d, raw, 6);
    data_free(&d);
    /* A range just inside the largest double still scales: 1.6e308 = 2 * 8e307 exactly. */
    load_ok("a,y\n8e307,p\n0,p\n-8e307,p\n", "y", 1, 1, 0, true, &d);
    const double scaled[] = {1.0, 0.5, 0.0};
    expect_x(&d, scaled, 3);
    data_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_cr_only),
        cmocka_unit_test(test_plain_decimals),
        cmocka_unit_test(test_validation_only_class),
        cmocka_unit_test(test_scenario_warning),
        cmocka_unit_test(test_minmax_overflow),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
