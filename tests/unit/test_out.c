/* test_out.c - checked output (out.c): the sticky error of a stream on a full
 * device and its message; files replaced through a temporary file: the
 * contents arrive whole, the mode is the old file's or 0666 less the umask,
 * and an abort, a failed write (RLIMIT_FSIZE), a missing folder or a pending
 * signal leave the old file as it was and no temporary file behind. The
 * files live in a fresh directory under /tmp (mkdtemp), removed at the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "out.h"
#include "testutil.h"

static char tmpdir[64];

/* tmpdir/name into path. */
static void path_of(const char *name, char *path, size_t pathsz)
{
    snprintf(path, pathsz, "%s/%s", tmpdir, name);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
}

/* The whole file, NUL-terminated, into buf. */
static void read_file(const char *path, char *buf, size_t bufsz)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, bufsz - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Entries of tmpdir other than . and .. */
static int entries(void)
{
    DIR *d = opendir(tmpdir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *de; (de = readdir(d));)
        n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
    closedir(d);
    return n;
}

static void empty_tmpdir(void)
{
    DIR *d = opendir(tmpdir);
    assert_non_null(d);
    for (struct dirent *de; (de = readdir(d));) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char p[512];
        path_of(de->d_name, p, sizeof p);
        unlink(p);
    }
    closedir(d);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/bpviz-test-out-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    empty_tmpdir();
    return rmdir(tmpdir);
}

/* A write that fails is kept: later writes are dropped, the close fails, and
 * the message names the system's reason. */
static void test_stream_full_device(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        tu_skip("/dev/full: %s", strerror(errno));
    out_stream o;
    out_init(&o, f, NULL);
    assert_true(out_ok(&o));
    bool ok = true;
    /* More than any stdio buffer: some write must reach the device. */
    for (int i = 0; i < 100000 && ok; i++)
        ok = out_printf(&o, "%d,%s\n", i, "0.5");
    assert_false(ok);
    assert_int_equal(o.errnum, ENOSPC);
    assert_false(out_puts(&o, "more"));
    assert_false(out_close(&o));
    assert_int_equal(o.errnum, ENOSPC);
    err e;
    out_error(&o, &e);
    assert_string_equal(e.msg, "write error: No space left on device");
    o.name = "chart.svg";
    out_error(&o, &e);
    assert_string_equal(e.msg, "cannot write chart.svg: No space left on device");
}

/* Nothing fails until the buffer is flushed: out_close finds it. */
static void test_stream_fails_at_close(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        tu_skip("/dev/full: %s", strerror(errno));
    out_stream o;
    out_init(&o, f, NULL);
    assert_true(out_printf(&o, "bpviz %s\n", "0.1.0"));
    assert_false(out_close(&o));
    assert_int_equal(o.errnum, ENOSPC);
}

static void test_stream_ok(void **state)
{
    (void)state;
    char path[256], buf[256];
    path_of("plain.txt", path, sizeof path);
    out_stream o;
    out_init(&o, fopen(path, "w"), path);
    assert_non_null(o.f);
    assert_true(out_printf(&o, "%d,%.17g\n", 3, 0.25));
    assert_true(out_write(&o, "ab", 2));
    assert_true(out_puts(&o, "c\n"));
    assert_true(out_flush(&o));
    assert_true(out_close(&o));
    read_file(path, buf, sizeof buf);
    assert_string_equal(buf, "3,0.25\nabc\n");
    unlink(path);
}

/* The old contents stay until the commit; then the new ones are there whole,
 * with the old file's mode, and the temporary file is gone. */
static void test_file_commit_replaces(void **state)
{
    (void)state;
    char path[256], buf[256];
    path_of("chart.svg", path, sizeof path);
    write_file(path, "old\n", 0640);
    out_file of;
    err e;
    assert_true(out_file_open(&of, path, &e));
    assert_int_equal(entries(), 2); /* the target and .chart.svg.XXXXXX */
    assert_non_null(strstr(of.tmp, "/.chart.svg."));
    assert_true(out_puts(&of.o, "new\n"));
    read_file(path, buf, sizeof buf);
    assert_string_equal(buf, "old\n");
    assert_true(out_file_commit(&of, true, &e));
    read_file(path, buf, sizeof buf);
    assert_string_equal(buf, "new\n");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(entries(), 1);
    unlink(path);
}

/* A new file gets 0666 less the umask, as fopen gives it. */
static void test_file_new_mode(void **state)
{
    (void)state;
    static const mode_t masks[] = {022, 077, 002};
    for (int i = 0; i < 3; i++) {
        char path[256];
        path_of("new.svg", path, sizeof path);
        mode_t was = umask(masks[i]);
        out_file of;
        err e;
        bool ok = out_file_open(&of, path, &e) && out_puts(&of.o, "x") && out_file_commit(&of, false, &e);
        umask(was);
        assert_true(ok);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 07777, 0666 & ~masks[i]);
        unlink(path);
    }
}

static void test_file_abort_keeps_old(void **state)
{
    (void)state;
    char path[256], buf[256];
    path_of("keep.svg", path, sizeof path);
    write_file(path, "old\n", 0644);
    out_file of;
    err e;
    assert_true(out_file_open(&of, path, &e));
    assert_true(out_puts(&of.o, "half a ch"));
    out_file_abort(&of);
    read_file(path, buf, sizeof buf);
    assert_string_equal(buf, "old\n");
    assert_int_equal(entries(), 1);
    unlink(path);
}

/* A disk that fills up (a file size limit, SIGXFSZ ignored: EFBIG): the
 * commit fails with the reason, the old file is whole, no temporary file. */
static void test_file_too_large_keeps_old(void **state)
{
    (void)state;
    char path[256], buf[256];
    path_of("full.svg", path, sizeof path);
    write_file(path, "old\n", 0644);
    out_file of;
    err e;
    assert_true(out_file_open(&of, path, &e));
    struct rlimit was, small = {1000, 0};
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
    small.rlim_max = was.rlim_max;
    void (*old_xfsz)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    for (int i = 0; i < 1000; i++)
        out_printf(&of.o, "<line x1=\"%d\"/>\n", i);
    bool ok = out_file_commit(&of, true, &e);
    setrlimit(RLIMIT_FSIZE, &was);
    signal(SIGXFSZ, old_xfsz);
    assert_false(ok);
    char want[512];
    snprintf(want, sizeof want, "cannot write %s: File too large", path);
    assert_string_equal(e.msg, want);
    read_file(path, buf, sizeof buf);
    assert_string_equal(buf, "old\n");
    assert_int_equal(entries(), 1);
    unlink(path);
}

/* Paths that cannot be written fail at open, with fopen's reasons. */
static void test_file_open_errors(void **state)
{
    (void)state;
    char path[256], want[512];
    out_file of;
    err e;
    path_of("nodir/x.svg", path, sizeof path);
    assert_false(out_file_open(&of, path, &e));
    snprintf(want, sizeof want, "cannot write %s: No such file or directory", path);
    assert_string_equal(e.msg, want);
    assert_false(out_file_open(&of, tmpdir, &e));
    snprintf(want, sizeof want, "cannot write %s: Is a directory", tmpdir);
    assert_string_equal(e.msg, want);
    assert_int_equal(entries(), 0);
}

/* What a signal handler calls: every pending temporary file goes, and the
 * targets stay as they were. */
static void test_file_remove_pending(void **state)
{
    (void)state;
    char a[256], b[256], buf[256];
    path_of("a.svg", a, sizeof a);
    path_of("b.svg", b, sizeof b);
    write_file(a, "old a\n", 0644);
    out_file fa, fb;
    err e;
    assert_true(out_file_open(&fa, a, &e));
    assert_true(out_file_open(&fb, b, &e));
    assert_true(out_puts(&fa.o, "new a\n"));
    assert_true(out_flush(&fa.o));
    assert_int_equal(entries(), 3);
    out_file_remove_pending();
    assert_int_equal(entries(), 1);
    read_file(a, buf, sizeof buf);
    assert_string_equal(buf, "old a\n");
    out_file_abort(&fa);
    out_file_abort(&fb);
    /* Committed and aborted files are no longer pending. */
    assert_true(out_file_open(&fb, b, &e));
    assert_true(out_file_commit(&fb, false, &e));
    out_file_remove_pending();
    assert_int_equal(entries(), 2);
    unlink(a);
    unlink(b);
}

/* A symbolic link stays a link: the file it names gets the contents. */
static void test_file_symlink(void **state)
{
    (void)state;
    char real[256], link[256], buf[256];
    path_of("real.svg", real, sizeof real);
    path_of("link.svg", link, sizeof link);
    write_file(real, "old\n", 0644);
    assert_int_equal(symlink("real.svg", link), 0);
    out_file of;
    err e;
    assert_true(out_file_open(&of, link, &e));
    assert_true(out_puts(&of.o, "new\n"));
    assert_true(out_file_commit(&of, false, &e));
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    read_file(real, buf, sizeof buf);
    assert_string_equal(buf, "new\n");
    assert_int_equal(entries(), 2);
    unlink(link);
    unlink(real);
}

/* A device is written in place: there is nothing to rename over. */
static void test_file_device_in_place(void **state)
{
    (void)state;
    out_file of;
    err e;
    assert_true(out_file_open(&of, "/dev/null", &e));
    assert_string_equal(of.tmp, "");
    assert_true(out_puts(&of.o, "discarded\n"));
    assert_true(out_file_commit(&of, true, &e));
    struct stat st;
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_full_device),
        cmocka_unit_test(test_stream_fails_at_close),
        cmocka_unit_test(test_stream_ok),
        cmocka_unit_test(test_file_commit_replaces),
        cmocka_unit_test(test_file_new_mode),
        cmocka_unit_test(test_file_abort_keeps_old),
        cmocka_unit_test(test_file_too_large_keeps_old),
        cmocka_unit_test(test_file_open_errors),
        cmocka_unit_test(test_file_remove_pending),
        cmocka_unit_test(test_file_symlink),
        cmocka_unit_test(test_file_device_in_place),
    };
    return tu_exit(cmocka_run_group_tests(tests, setup, teardown));
}
