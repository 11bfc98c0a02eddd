/* bench_frame.c - the UI's draw time without a terminal: ui.c's whole frame drawn by ncurses into /dev/null at 160x50. */

#include <curses.h>
#include <stdint.h>
#include <stdio.h>

#include "bench_util.h"
#include "scenario.h"
#include "session.h"
#include "ui.h"
#include "ui_color.h"
#include "ui_state.h"
#include "ui_text.h"

#define BENCH_FRAME_COLS 160
#define BENCH_FRAME_ROWS 50
#define BENCH_FRAME_N 300

/* Median and 95th percentile (ms) of n samples in ns (sorts them). */
static void bench_frame_stats(double *ns, int n, double *med, double *p95)
{
    *med = bench_util_median(ns, n) / 1e6;
    *p95 = ns[n * 95 / 100] / 1e6;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "scenarios/doc001-iris.bp";
    err e;
    scenario *sc = scenario_load(path, &e);
    if (!sc) {
        fprintf(stderr, "bench_frame: %s\n", e.msg);
        return 1;
    }
    static ui_state u;
    if (!ui_state_init(&u, sc, &e)) {
        fprintf(stderr, "bench_frame: %s\n", e.msg);
        return 1;
    }
    ui_text_init(true);
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    SCREEN *scr = out && in ? newterm("xterm-256color", out, in) : NULL;
    if (!scr) {
        fprintf(stderr, "bench_frame: no terminal description for xterm-256color\n");
        return 1;
    }
    set_term(scr);
    resizeterm(BENCH_FRAME_ROWS, BENCH_FRAME_COLS);
    ui_color_init(false);

    static const char *const view_names[] = {"diagram", "weight matrices", "event list", "training"};
    printf("\n# UI draw time, headless (ncurses into /dev/null), %s at %dx%d, %d frames each\n", path,
           BENCH_FRAME_COLS, BENCH_FRAME_ROWS, BENCH_FRAME_N);
    printf("\n| view | draw (ui_draw_frame), median ms | p95 ms | draw + refresh, median ms | p95 ms |\n|---|---:|---:|---:|---:|\n");
    double worst = 0.0;
    for (int v = 0; v < UI_VIEW_COUNT; v++) {
        u.view = (ui_view)v;
        double draw[BENCH_FRAME_N], full[BENCH_FRAME_N];
        for (int i = 0; i < BENCH_FRAME_N; i++) {
            /* A new event each frame, as when stepping (not timed). */
            if (!session_step(u.s, SESSION_NEXT))
                session_reset(u.s);
            int64_t t0 = bench_util_now_ns();
            ui_draw_frame(&u);
            int64_t t1 = bench_util_now_ns();
            refresh();
            int64_t t2 = bench_util_now_ns();
            draw[i] = (double)(t1 - t0);
            full[i] = (double)(t2 - t0);
        }
        double dm, dp, fm, fp;
        bench_frame_stats(draw, BENCH_FRAME_N, &dm, &dp);
        bench_frame_stats(full, BENCH_FRAME_N, &fm, &fp);
        if (v < (int)(sizeof view_names / sizeof *view_names))
            printf("| %s | %.3f | %.3f | %.3f | %.3f |\n", view_names[v], dm, dp, fm, fp);
        else
            printf("| view %d | %.3f | %.3f | %.3f | %.3f |\n", v, dm, dp, fm, fp);
        worst = fm > worst ? fm : worst;
    }

    printf("\nUI draw target (<= 1 ms median per frame): %s (worst view %.3f ms with refresh)\n",
           worst <= 1.0 ? "met" : "NOT met", worst);

    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
    ui_state_free(&u);
    scenario_free(sc);
    return 0;
}
