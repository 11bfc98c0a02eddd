/* bench_ui.c - `make bench`'s UI part: the real ./bpviz in a 160x50 pseudo-terminal: start-up to first frame, frame latency, frames per second while training, peak RSS. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"

#define BENCH_UI_COLS 160
#define BENCH_UI_ROWS 50

/* A running bpviz on the master side of a pty. */
typedef struct bench_ui_proc {
    pid_t pid;
    int fd;
    int64_t started; /* ns, just before fork */
    long bytes;      /* read so far */
} bench_ui_proc;

static bool bench_ui_start(bench_ui_proc *p, const char *bpviz, const char *scenario)
{
    struct winsize ws = {.ws_row = BENCH_UI_ROWS, .ws_col = BENCH_UI_COLS};
    memset(p, 0, sizeof *p);
    fflush(NULL);
    p->started = bench_util_now_ns();
    p->pid = forkpty(&p->fd, NULL, NULL, &ws);
    if (p->pid < 0)
        return false;
    if (p->pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        unsetenv("LC_ALL");
        unsetenv("NO_COLOR");
        execl(bpviz, "bpviz", scenario, (char *)NULL);
        _exit(127);
    }
    fcntl(p->fd, F_SETFL, fcntl(p->fd, F_GETFL) | O_NONBLOCK);
    return true;
}

/* Reads until the terminal has been quiet for quiet_ms (or max_ms passed);
 * returns the time of the last byte read (ns, monotonic), 0 when none came. */
static int64_t bench_ui_burst(bench_ui_proc *p, int quiet_ms, int max_ms)
{
    int64_t last = 0, start = bench_util_now_ns();
    char buf[65536];
    for (;;) {
        int64_t now = bench_util_now_ns();
        if ((now - start) / 1000000 >= max_ms)
            break;
        struct pollfd pf = {.fd = p->fd, .events = POLLIN};
        int r = poll(&pf, 1, quiet_ms);
        if (r <= 0)
            break;
        ssize_t n = read(p->fd, buf, sizeof buf);
        if (n <= 0) {
            if (n < 0 && errno == EAGAIN)
                continue;
            break;
        }
        p->bytes += n;
        last = bench_util_now_ns();
    }
    return last;
}

static void bench_ui_key(bench_ui_proc *p, char c)
{
    if (write(p->fd, &c, 1) != 1)
        perror("bench_ui: write");
}

/* Peak RSS of the child (VmHWM of /proc/PID/status), KiB; -1 when unknown. */
static long bench_ui_hwm(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long v = -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM:", 6))
            v = strtol(line + 6, NULL, 10);
    fclose(f);
    return v;
}

static int bench_ui_stop(bench_ui_proc *p)
{
    bench_ui_key(p, 'q');
    bench_ui_burst(p, 50, 2000);
    int status = 0;
    for (int i = 0; i < 100; i++) {
        if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
            close(p->fd);
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        bench_ui_burst(p, 20, 20);
        usleep(20000); /* the pty may be closed already: reads no longer wait */
    }
    kill(p->pid, SIGKILL);
    waitpid(p->pid, &status, 0);
    close(p->fd);
    return -1;
}

/* A copy of a scenario that trains for ever (epochs = 1000000) with its data
 * file's path made absolute; the copy's path in out. */
static bool bench_ui_long_copy(const char *src, char *out, size_t outsz)
{
    char full[4096], line[1024];
    if (!realpath(src, full))
        return false;
    char *slash = strrchr(full, '/');
    if (!slash)
        return false;
    *slash = '\0';
    FILE *in = fopen(src, "r");
    snprintf(out, outsz, "%s/bpviz-bench-ui-%ld.bp", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    FILE *o = in ? fopen(out, "w") : NULL;
    if (!o) {
        if (in)
            fclose(in);
        return false;
    }
    while (fgets(line, sizeof line, in)) {
        char key[64] = "", val[512] = "";
        if (sscanf(line, " %63[a-z.] = %511s", key, val) == 2 && !strcmp(key, "epochs"))
            fprintf(o, "epochs = 1000000\n");
        else if (sscanf(line, " %63[a-z.] = %511s", key, val) == 2 && !strcmp(key, "file") && val[0] != '/')
            fprintf(o, "file = %s/%s\n", full, val);
        else
            fputs(line, o);
    }
    fclose(in);
    return fclose(o) == 0;
}

/* Start-up to the end of the first frame (ms), and the peak RSS after it;
 * *status is the exit status (0 when fine). */
static bool bench_ui_startup(const char *bpviz, const char *scenario, double *ms, long *kib, int *status)
{
    bench_ui_proc p;
    if (!bench_ui_start(&p, bpviz, scenario))
        return false;
    int64_t last = bench_ui_burst(&p, 150, 5000);
    *ms = last ? (double)(last - p.started) / 1e6 : -1.0;
    /* A few steps, so the RSS includes an iteration's events. */
    for (int i = 0; i < 20; i++) {
        bench_ui_key(&p, 'n');
        bench_ui_burst(&p, 10, 500);
    }
    *kib = bench_ui_hwm(p.pid);
    *status = bench_ui_stop(&p);
    if (!last && !*status)
        *status = -2;
    return *status == 0;
}

int main(int argc, char **argv)
{
    const char *bpviz = argc > 1 ? argv[1] : "./bpviz";
    const char *iris = argc > 2 ? argv[2] : "scenarios/doc001-iris.bp";
    if (access(bpviz, X_OK) != 0) {
        printf("\n# UI benchmark\n%s is not built: skipped\n", bpviz);
        return 0;
    }
    printf("\n# UI benchmark: %s in a %dx%d pseudo-terminal (TERM=xterm-256color), as a user runs it\n", bpviz,
           BENCH_UI_COLS, BENCH_UI_ROWS);

    /* Start-up and RSS on every document scenario. */
    printf("\n| scenario | start-up to first frame, ms | peak RSS, KiB |\n|---|---:|---:|\n");
    double worst_ms = 0.0;
    long worst_kib = 0;
    for (int i = 3; i <= argc; i++) {
        const char *sc = i < argc ? argv[i] : NULL;
        if (!sc)
            break;
        double ms[5];
        long kib = -1, k = -1;
        int ok = 0, bad = 0;
        for (int r = 0; r < 5; r++) {
            int st = 0;
            if (bench_ui_startup(bpviz, sc, &ms[r], &k, &st))
                ok++;
            else
                bad = st;
            kib = k > kib ? k : kib;
        }
        double med = bench_util_median(ms, 5);
        if (ok == 5)
            printf("| %s | %.1f | %ld |\n", sc, med, kib);
        else
            printf("| %s | %.1f | %ld | (%d of 5 runs ended badly: status %d)\n", sc, med, kib, 5 - ok, bad);
        /* The targets are for the document scenarios (doc*.bp). */
        const char *base = strrchr(sc, '/') ? strrchr(sc, '/') + 1 : sc;
        if (!strncmp(base, "doc", 3)) {
            worst_ms = med > worst_ms ? med : worst_ms;
            worst_kib = kib > worst_kib ? kib : worst_kib;
        }
    }

    /* Frame latency on Iris: a key, the frame it causes, its last byte. The
     * copy trains for ever, so that the frame rate is measured while training. */
    char longsc[4200];
    if (!bench_ui_long_copy(iris, longsc, sizeof longsc)) {
        fprintf(stderr, "bench_ui: cannot copy %s\n", iris);
        return 1;
    }
    bench_ui_proc p;
    if (!bench_ui_start(&p, bpviz, longsc))
        return 1;
    bench_ui_burst(&p, 150, 5000);
    enum { FRAMES = 150 };
    double lat[FRAMES];
    for (int i = 0; i < FRAMES; i++) {
        int64_t t0 = bench_util_now_ns();
        bench_ui_key(&p, i % 3 == 2 ? 'p' : 'n');
        int64_t last = bench_ui_burst(&p, 15, 1000);
        lat[i] = last ? (double)(last - t0) / 1e6 : 1000.0;
    }
    double lat_med = bench_util_median(lat, FRAMES), lat_p95 = lat[FRAMES * 95 / 100];

    /* Frames per second while training at the top speed: bursts of output. */
    bench_ui_key(&p, 't');
    bench_ui_burst(&p, 5, 200);
    for (int i = 0; i < 12; i++) {
        bench_ui_key(&p, '+');
        bench_ui_burst(&p, 5, 100);
    }
    bench_ui_burst(&p, 5, 300);
    int64_t t0 = bench_util_now_ns(), end = t0 + 3000000000LL;
    long frames = 0, bytes0 = p.bytes;
    while (bench_util_now_ns() < end) {
        if (bench_ui_burst(&p, 2, 200))
            frames++;
    }
    double secs = (double)(bench_util_now_ns() - t0) / 1e9;
    double fps = frames / secs;
    long train_bytes = p.bytes - bytes0;
    bench_ui_key(&p, 't');
    bench_ui_burst(&p, 50, 500);
    long kib = bench_ui_hwm(p.pid);
    int st = bench_ui_stop(&p);
    unlink(longsc);

    printf("\nIris (%s), %dx%d:\n", iris, BENCH_UI_COLS, BENCH_UI_ROWS);
    printf("  frame latency (key -> last byte of the frame, I/O included): median %.2f ms, p95 %.2f ms (target <= 1 ms "
           "median for the draw alone)\n",
           lat_med, lat_p95);
    printf("  training view at the top speed: %.1f frames/s (%ld bytes/s of output) (target >= 60)\n", fps,
           (long)(train_bytes / secs));
    printf("  peak RSS after stepping and training: %ld KiB\n", kib);
    printf("\nUI targets (document scenarios): start-up %s (worst %.1f ms, target <= 20 ms); RSS %s (worst %ld KiB, target <= 10240 KiB); "
           "fps %s\n",
           worst_ms <= 20.0 ? "met" : "NOT met", worst_ms, worst_kib <= 10240 ? "met" : "NOT met", worst_kib,
           fps >= 60.0 ? "met" : "NOT met");
    return st == 0 ? 0 : 1;
}
