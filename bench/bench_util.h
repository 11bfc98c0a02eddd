/* bench_util.h - the benchmarks' clock, statistics, and per-child peak-memory probe. */
#ifndef BPVIZ_BENCH_UTIL_H
#define BPVIZ_BENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Monotonic time in nanoseconds. */
int64_t bench_util_now_ns(void);

/* Median of n values (sorts v in place); 0 when n is 0. */
double bench_util_median(double *v, int n);

/* Smallest of n values; 0 when n is 0. */
double bench_util_min(const double *v, int n);

/* Resident set size and its high-water mark of this process, in KiB (-1 when unknown). */
long bench_util_rss_kib(void);
long bench_util_hwm_kib(void);

/* Resets this process's high-water mark of RSS to the current RSS (Linux
 * /proc/self/clear_refs "5"); false when the kernel does not allow it. */
bool bench_util_reset_hwm(void);

/* Runs fn(arg, out) in a child process and copies the outsz bytes it writes
 * into out back to the parent; before fn the child's RSS high-water mark is
 * reset, and *peak_kib receives the growth of the peak over the RSS at the
 * start (-1 when it cannot be measured). false when the child failed. */
bool bench_util_in_child(void (*fn)(void *arg, void *out), void *arg, void *out, size_t outsz, long *peak_kib);

/* Keeps the compiler from discarding a computed value. */
void bench_util_sink(double v);

#endif
