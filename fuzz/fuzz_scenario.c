/* fuzz_scenario.c - libFuzzer target: any bytes as a scenario file must fail with a message or give a scenario --trace, --check and --train can run. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "formula.h"
#include "scenario.h"
#include "stepper.h"
#include "train.h"

#include "fuzz_target.h"

/* Beyond these sizes a parsed scenario is only parsed (the rest would be slow, not wrong). */
#define FUZZ_SCENARIO_MAX_PARAMS 2000
#define FUZZ_SCENARIO_MAX_ROWS 300

/* What --trace does with iteration 0: every event's formula, rendered both ways. */
static void fuzz_scenario_trace(const scenario *sc)
{
    err e;
    stepper *st = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    if (!st)
        return;
    stepper_finish_iteration(st);
    const step_event *ev = stepper_events(st);
    for (int k = 0; k < stepper_count(st); k++) {
        static formula f;
        char sym[NOTATION_MAX], num[FORMULA_MAX];
        formula_build(&sc->nt, &sc->spec, &ev[k], stepper_operands(st), 6, &f);
        notation_render(f.symbol, k % 2 == 0, sym, sizeof sym);
        notation_render(f.numeric, k % 2 == 1, num, sizeof num);
        (void)notation_width(sym);
    }
    stepper_prev_phase(st);
    stepper_next(st);
    stepper_prev(st);
    stepper_free(st);
}

/* What --check does. */
static void fuzz_scenario_check(const scenario *sc)
{
    static check_result res[SCENARIO_MAX_EXPECTED];
    err e;
    if (sc->nexpect > 0 && sc->iterations <= 4)
        check_run(sc, res, &e);
}

/* What --train does, for two epochs. */
static void fuzz_scenario_train(const scenario *sc)
{
    err e;
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    if (!t)
        return;
    train_point p;
    for (int i = 0; i < 2 && train_epoch(t, &p, &e); i++)
        ;
    train_free(t);
}

/* Open bugs that `make fuzz` steps around (BPVIZ_FUZZ_SKIP_OPEN set) so that it
 * finds new ones; the replay in `make test` does not, and fails until they are
 * fixed. Delete an entry with its fix. */
static bool fuzz_scenario_open_bug_input(const uint8_t *data, size_t size)
{
    static int skip = -1;
    if (skip < 0)
        skip = getenv("BPVIZ_FUZZ_SKIP_OPEN") != NULL;
    if (!skip)
        return false;
    /* fuzz/regress/scenario/hang-csv-file-dev-zero.bp: a data file that is a device or a FIFO. */
    static const char dev[] = "/dev/";
    for (size_t i = 0; i + sizeof dev - 1 <= size; i++)
        if (!memcmp(data + i, dev, sizeof dev - 1))
            return true;
    return false;
}

/* fuzz/regress/scenario/crash-loss-names-itself.bp: the loss's template names the loss ($L). */
static bool fuzz_scenario_open_bug_scenario(const scenario *sc)
{
    const char *loss = sc->nt.global[NT_LOSS];
    return getenv("BPVIZ_FUZZ_SKIP_OPEN") && loss && strstr(loss, "$L");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err e;
    err_clear(&e);
    if (fuzz_scenario_open_bug_input(data, size))
        return 0;
    /* A CSV named in the input is looked up next to this path: scenarios/data/ holds iris.csv and digits.csv. */
    scenario *sc = scenario_parse("scenarios/fuzz.bp", (const char *)data, (long)size, &e);
    if (!sc) {
        fuzz_target_expect(e.msg[0] != '\0' && memchr(e.msg, '\0', sizeof e.msg) != NULL, "a failed parse without a message");
        return 0;
    }
    if (sc->init->nparams <= FUZZ_SCENARIO_MAX_PARAMS && sc->data.n <= FUZZ_SCENARIO_MAX_ROWS &&
        !fuzz_scenario_open_bug_scenario(sc)) {
        fuzz_scenario_trace(sc);
        fuzz_scenario_check(sc);
        fuzz_scenario_train(sc);
    }
    scenario_free(sc);
    return 0;
}
