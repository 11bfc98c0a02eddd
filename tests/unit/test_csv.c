/* test_csv.c - the CSV loader (csv.c) on small files this test writes: min-max
 * normalisation against hand-computed values, numeric labels, string labels as
 * one-hot classes in order of first appearance, the seeded shuffle and the
 * train/validation split, and a CSV named by a scenario relative to its file.
 * The error messages are tested elsewhere (tests/unit/test_scenario_errors.c,
 * tests/cli/errors.sh). The files live in a fresh directory under /tmp
 * (mkdtemp), removed at the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "data.h"
#include "err.h"
#include "scenario.h"
#include "testutil.h"

static char tmpdir[64];

/* Writes text to tmpdir/name; the full path goes to path. */
static void write_file(const char *name, const char *text, char *path, size_t pathsz)
{
    snprintf(path, pathsz, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/bpviz-test-csv-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Loads path with these options into d (which the test frees); fails the test
 * with the loader's message on an error. */
static void load(const char *path, const char *label, bool normalize, bool shuffle, unsigned long seed, int train,
                 int nin, int nout, data_set *d)
{
    csv_opts opt = {.file = (char *)path, .label = (char *)label, .normalize = normalize,
                        .shuffle = shuffle, .train_rows = train, .seed = seed};
    err e;
    err_clear(&e);
    memset(d, 0, sizeof *d);
    bool ok = csv_load(path, &opt, nin, nout, d, &e);
    if (!ok)
        print_error("csv_load(%s): %s\n", path, e.msg);
    assert_true(ok);
}

/* ---- min-max normalisation and string labels -------------------------------- */

/* The label is the second column; features a, b, c are the others in order.
 * a: 1 3 2 5 0.2 -> lo 0.2, hi 5; b is constant; c: -2 0 6 2 -1.
 * A quoted label, a CRLF line and a blank line are read as plain ones. */
static const char *const ANIMALS = "a,label,b,c\n"
                                   "1,cat,10,-2\n"
                                   "3,\"dog\",10,0\r\n"
                                   "\n"
                                   "2,cat,10,6\n"
                                   "5,bird,10,2\n"
                                   "0.2,dog,10,-1\n";

static void test_minmax_and_classes(void **state)
{
    (void)state;
    char path[256];
    write_file("animals.csv", ANIMALS, path, sizeof path);
    data_set d;
    load(path, "label", true, false, 1, 0, 3, 3, &d);
    assert_int_equal(d.n, 5);
    assert_int_equal(d.nin, 3);
    assert_int_equal(d.nout, 3);
    assert_int_equal(d.ntrain, 5); /* no train = ...: every row trains */

    /* (v - lo) / (hi - lo) per column over all rows, worked out by hand */
    const double a[5] = {(1 - 0.2) / 4.8, (3 - 0.2) / 4.8, (2 - 0.2) / 4.8, 1.0, 0.0};
    const double c[5] = {0.0, 0.25, 1.0, 0.5, 0.125}; /* (c + 2) / 8 */
    for (int i = 0; i < 5; i++) {
        assert_close_msg(d.x[i * 3 + 0], a[i], 1e-15, "row %d feature a", i);
        assert_close_msg(d.x[i * 3 + 1], 0.0, 0.0, "row %d feature b (constant column)", i);
        assert_close_msg(d.x[i * 3 + 2], c[i], 0.0, "row %d feature c", i);
    }
    assert_close(d.x[0], 0.16666666666666666, 1e-15); /* 0.8 / 4.8 */

    /* one-hot in order of first appearance: cat 0, dog 1, bird 2 */
    assert_int_equal(d.nclasses, 3);
    assert_non_null(d.class_names);
    assert_string_equal(d.class_names[0], "cat");
    assert_string_equal(d.class_names[1], "dog");
    assert_string_equal(d.class_names[2], "bird");
    const int cls[5] = {0, 1, 0, 2, 1};
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 3; k++)
            assert_close_msg(d.t[i * 3 + k], k == cls[i] ? 1.0 : 0.0, 0.0, "row %d target %d", i, k);
    data_free(&d);

    /* normalize = none: the numbers as written */
    load(path, "label", false, false, 1, 0, 3, 3, &d);
    const double raw[5][3] = {{1, 10, -2}, {3, 10, 0}, {2, 10, 6}, {5, 10, 2}, {0.2, 10, -1}};
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 3; k++)
            assert_close_msg(d.x[i * 3 + k], raw[i][k], 0.0, "raw row %d feature %d", i, k);
    data_free(&d);
    assert_null(d.x);
    assert_int_equal(d.n, 0);
}

/* ---- numeric labels ---------------------------------------------------------- */

static void test_numeric_label(void **state)
{
    (void)state;
    char path[256];
    write_file("line.csv",
               "y,x1,x2\n"
               "3,1,0.5\n"
               "-2.5,2,-1\n"
               "1e2,4,0\n"
               "0,8,2\n",
               path, sizeof path);
    data_set d;
    load(path, "y", true, false, 1, 3, 2, 1, &d);
    assert_int_equal(d.n, 4);
    assert_int_equal(d.ntrain, 3);
    assert_int_equal(d.nclasses, 0); /* a regression target: no accuracy */
    assert_null(d.class_names);
    /* the targets are the numbers, never normalised */
    const double y[4] = {3, -2.5, 100, 0};
    for (int i = 0; i < 4; i++)
        assert_close_msg(d.t[i], y[i], 0.0, "target of row %d", i);
    /* x1: (x - 1) / 7; x2: (x + 1) / 3 */
    const double x1[4] = {0.0, 1.0 / 7, 3.0 / 7, 1.0}, x2[4] = {0.5, 0.0, 1.0 / 3, 1.0};
    for (int i = 0; i < 4; i++) {
        assert_close_msg(d.x[i * 2], x1[i], 1e-15, "row %d x1", i);
        assert_close_msg(d.x[i * 2 + 1], x2[i], 1e-15, "row %d x2", i);
    }
    data_free(&d);
}

/* ---- shuffle and split ------------------------------------------------------- */

#define NROWS 23

/* Rows i = 0..22: id = i, a second feature 100 - 3i, and the label "c(i % 4)",
 * so every loaded row says which file row it is and what its target must be. */
static void write_rows(char *path, size_t pathsz)
{
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, "id,g,label\n");
    for (int i = 0; i < NROWS; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%d,%d,c%d\n", i, 100 - 3 * i, i % 4);
    write_file("rows.csv", text, path, pathsz);
}

/* The file row each loaded row came from, checking that it is intact: its
 * second feature and its one-hot target belong to the same file row. */
static void row_order(const data_set *d, int *order)
{
    assert_int_equal(d->n, NROWS);
    bool seen[NROWS] = {false};
    for (int i = 0; i < d->n; i++) {
        double id = d->x[i * 2];
        int r = (int)id;
        assert_true(id == (double)r && r >= 0 && r < NROWS);
        assert_false(seen[r]); /* each file row exactly once */
        seen[r] = true;
        order[i] = r;
        assert_close_msg(d->x[i * 2 + 1], 100.0 - 3 * r, 0.0, "feature g of loaded row %d (file row %d)", i, r);
        for (int k = 0; k < 4; k++)
            assert_close_msg(d->t[i * 4 + k], k == r % 4 ? 1.0 : 0.0, 0.0, "target %d of file row %d", k, r);
    }
    /* classes still in order of first appearance in the FILE, not the shuffle */
    assert_int_equal(d->nclasses, 4);
    for (int k = 0; k < 4; k++) {
        char want[16];
        snprintf(want, sizeof want, "c%d", k);
        assert_string_equal(d->class_names[k], want);
    }
}

/* splitmix64 (Steele, Lea, Flood 2014; Vigna's reference code), written out
 * again here, checked against its published test vector below. */
static uint64_t sm64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* The shuffle bpviz documents (README: splitmix64, so a seed gives the same
 * shuffle on every machine): Fisher-Yates from the last row down, row i
 * swapped with j uniform in [0, i] by rejection (no modulo bias). */
static void ref_shuffle(uint64_t seed, int n, int *order)
{
    for (int i = 0; i < n; i++)
        order[i] = i;
    uint64_t s = seed;
    for (int i = n - 1; i > 0; i--) {
        uint64_t m = (uint64_t)i + 1, limit = UINT64_MAX - UINT64_MAX % m, v;
        do
            v = sm64(&s);
        while (v >= limit);
        int j = (int)(v % m), tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
}

static void test_shuffle_split(void **state)
{
    (void)state;
    /* the reference generator is splitmix64: seed 1234567's published outputs */
    uint64_t s = 1234567;
    assert_true(sm64(&s) == 6457827717110365317ULL);
    assert_true(sm64(&s) == 3203168211198807973ULL);
    assert_true(sm64(&s) == 9817491932198370423ULL);

    char path[256];
    write_rows(path, sizeof path);
    int plain[NROWS], a[NROWS], b[NROWS], c[NROWS], ref[NROWS];
    data_set d1, d2, d3, d0;

    /* shuffle = no: file order, and train = 17 splits 17 / 6 */
    load(path, "label", false, false, 7, 17, 2, 4, &d0);
    row_order(&d0, plain);
    for (int i = 0; i < NROWS; i++)
        assert_int_equal(plain[i], i);
    assert_int_equal(d0.ntrain, 17);

    /* seed 7 twice: the same order, every byte the same */
    load(path, "label", false, true, 7, 17, 2, 4, &d1);
    load(path, "label", false, true, 7, 17, 2, 4, &d2);
    row_order(&d1, a);
    row_order(&d2, b);
    assert_memory_equal(a, b, sizeof a);
    assert_memory_equal(d1.x, d2.x, sizeof(double) * NROWS * 2);
    assert_memory_equal(d1.t, d2.t, sizeof(double) * NROWS * 4);
    assert_int_equal(d1.ntrain, 17);
    assert_int_equal(d1.n - d1.ntrain, 6);

    /* it is shuffled: most rows moved */
    int fixed = 0;
    for (int i = 0; i < NROWS; i++)
        fixed += a[i] == i;
    assert_true(fixed < NROWS / 2);

    /* the documented algorithm, so the same order on every machine */
    ref_shuffle(7, NROWS, ref);
    for (int i = 0; i < NROWS; i++)
        assert_int_equal(a[i], ref[i]);

    /* another seed: another order (and again the documented one) */
    load(path, "label", false, true, 8, 0, 2, 4, &d3);
    row_order(&d3, c);
    assert_memory_not_equal(a, c, sizeof a);
    ref_shuffle(8, NROWS, ref);
    for (int i = 0; i < NROWS; i++)
        assert_int_equal(c[i], ref[i]);
    assert_int_equal(d3.ntrain, NROWS); /* train = 0: all rows */

    /* and a few more seeds, so every swap of the algorithm is exercised */
    for (unsigned long seed = 100; seed < 112; seed++) {
        data_set ds;
        int o[NROWS];
        load(path, "label", false, true, seed, 0, 2, 4, &ds);
        row_order(&ds, o);
        ref_shuffle(seed, NROWS, ref);
        for (int i = 0; i < NROWS; i++)
            assert_int_equal(o[i], ref[i]);
        data_free(&ds);
    }

    /* min-max before the shuffle, over all rows: id/22 and (g - 34)/66 travel with their row */
    data_set dn;
    load(path, "label", true, true, 7, 17, 2, 4, &dn);
    for (int i = 0; i < NROWS; i++) {
        assert_close_msg(dn.x[i * 2], a[i] / 22.0, 1e-15, "normalised id of loaded row %d", i);
        assert_close_msg(dn.x[i * 2 + 1], (100.0 - 3 * a[i] - 34.0) / 66.0, 1e-15, "normalised g of loaded row %d", i);
    }
    data_free(&dn);
    data_free(&d0);
    data_free(&d1);
    data_free(&d2);
    data_free(&d3);
}

/* ---- a scenario's [data] file, relative to the scenario ----------------------- */

static void test_scenario_csv(void **state)
{
    (void)state;
    char path[256], bp[256];
    write_rows(path, sizeof path);
    /* the scenario is given by a path in tmpdir; its file = names a sibling */
    snprintf(bp, sizeof bp, "%s/s.bp", tmpdir);
    static const char text[] = "[scenario]\ntitle = csv\n"
                               "[network]\nlayers = 2 3 4\n"
                               "[init]\nrandom = uniform -0.5 0.5\nseed = 3\n"
                               "[data]\nfile = rows.csv\nlabel = label\nnormalize = minmax\n"
                               "shuffle = yes\nseed = 7\ntrain = 20\n";
    err e;
    err_clear(&e);
    scenario *sc = scenario_parse(bp, text, (long)strlen(text), &e);
    if (!sc)
        print_error("scenario_parse: %s\n", e.msg);
    assert_non_null(sc);
    assert_int_equal(sc->data.n, NROWS);
    assert_int_equal(sc->data.ntrain, 20);
    assert_int_equal(sc->data.nclasses, 4);
    int order[NROWS], ref[NROWS];
    ref_shuffle(7, NROWS, ref);
    for (int i = 0; i < NROWS; i++) {
        order[i] = (int)lround(sc->data.x[i * 2] * 22.0);
        assert_int_equal(order[i], ref[i]);
    }
    scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minmax_and_classes),
        cmocka_unit_test(test_numeric_label),
        cmocka_unit_test(test_shuffle_split),
        cmocka_unit_test(test_scenario_csv),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
