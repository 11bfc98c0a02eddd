/* bench_util.c - the benchmarks' clock, statistics, and per-child peak-memory probe. */
#include "bench_util.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile double bench_util_sunk;

void bench_util_sink(double v) { bench_util_sunk += v; }

int64_t bench_util_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int bench_util_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_util_median(double *v, int n)
{
    if (n <= 0)
        return 0.0;
    qsort(v, (size_t)n, sizeof *v, bench_util_cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double bench_util_min(const double *v, int n)
{
    double m = n > 0 ? v[0] : 0.0;
    for (int i = 1; i < n; i++)
        m = v[i] < m ? v[i] : m;
    return m;
}

/* The value of one "Key:   123 kB" line of /proc/self/status. */
static long bench_util_status(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long v = -1;
    size_t kl = strlen(key);
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, key, kl) && line[kl] == ':') {
            v = strtol(line + kl + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return v;
}

long bench_util_rss_kib(void) { return bench_util_status("VmRSS"); }
long bench_util_hwm_kib(void) { return bench_util_status("VmHWM"); }

bool bench_util_reset_hwm(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (!f)
        return false;
    bool ok = fputs("5", f) >= 0;
    ok = fclose(f) == 0 && ok;
    return ok;
}

bool bench_util_in_child(void (*fn)(void *arg, void *out), void *arg, void *out, size_t outsz, long *peak_kib)
{
    int fd[2];
    if (pipe(fd) != 0)
        return false;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return false;
    }
    if (pid == 0) {
        close(fd[0]);
        /* Free heap pages inherited from the parent would be reused without
         * growing the RSS: hand them back first, so that what fn allocates shows. */
        malloc_trim(0);
        bool reset = bench_util_reset_hwm();
        long base = bench_util_rss_kib();
        fn(arg, out);
        long hwm = bench_util_hwm_kib();
        long peak = reset && base >= 0 && hwm >= 0 ? hwm - base : -1;
        size_t done = 0;
        while (done < outsz) {
            ssize_t w = write(fd[1], (const char *)out + done, outsz - done);
            if (w <= 0)
                _exit(1);
            done += (size_t)w;
        }
        if (write(fd[1], &peak, sizeof peak) != (ssize_t)sizeof peak)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    size_t got = 0;
    bool ok = true;
    while (got < outsz) {
        ssize_t r = read(fd[0], (char *)out + got, outsz - got);
        if (r <= 0) {
            ok = false;
            break;
        }
        got += (size_t)r;
    }
    long peak = -1;
    if (ok && read(fd[0], &peak, sizeof peak) != (ssize_t)sizeof peak)
        ok = false;
    close(fd[0]);
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        ok = false;
    if (peak_kib)
        *peak_kib = peak;
    return ok;
}
