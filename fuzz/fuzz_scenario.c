/* fuzz_scenario.c - libFuzzer target: any bytes as a scenario file must fail with a message or give a scenario --trace, --check and --train can run. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "formula.h"
#include "scenario.h"
#include "stepper.h"
#include "train.h"
#include "utf8.h"

#include "fuzz_target.h"

/* Beyond these sizes a parsed scenario is only parsed (the rest would be slow, not wrong). */
#define FUZZ_SCENARIO_MAX_PARAMS 2000
#define FUZZ_SCENARIO_MAX_ROWS 300

/* What the viewer reads at the cursor: the view, the cursor's event and every
 * gradient; the view's flags must agree with the position. */
static void fuzz_scenario_view(const stepper *st)
{
    const step_view *v = stepper_view(st);
    const net *n = v->net;
    double sink = 0.0;
    for (int i = 0; i < n->nparams; i++)
        sink += n->params[i] + (v->g_known[i] ? stepper_grad(st, i) : 0.0);
    const step_event *ev = stepper_current(st);
    fuzz_target_expect((ev == NULL) == (stepper_pos(st) == 0), "a cursor event exactly after position 0");
    fuzz_target_expect(v->loss_known == (stepper_pos(st) == stepper_count(st) ||
                                         (ev && ev->phase > STEP_LOSS) || (ev && ev->kind == EV_LOSS)),
                       "the loss known exactly after its event");
    (void)sink;
}

/* What --trace does with iteration 0: every event's formula, rendered both ways. */
static void fuzz_scenario_trace(const scenario *sc)
{
    err e;
    stepper *st = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    if (!st)
        return;
    stepper_finish_iteration(st);
    for (int k = 0; k < stepper_count(st); k++) {
        static formula f;
        char sym[NOTATION_MAX], num[FORMULA_MAX];
        const step_event *ev = stepper_event(st, k);
        fuzz_target_expect(ev != NULL, "no event inside the iteration");
        formula_build(&sc->nt, &sc->spec, ev, stepper_operands(st), 6, &f);
        notation_render(f.symbol, k % 2 == 0, sym, sizeof sym);
        notation_render(f.numeric, k % 2 == 1, num, sizeof num);
        (void)utf8_width(sym);
    }
    fuzz_scenario_view(st);
    stepper_prev_phase(st);
    stepper_next(st);
    fuzz_scenario_view(st);
    stepper_prev(st);
    stepper_goto(st, stepper_count(st) / 2);
    fuzz_scenario_view(st);
    /* What the viewer's training does, then a rewind across iterations. */
    stepper_run(st, 7, &e);
    fuzz_scenario_view(st);
    for (int k = 0; k < stepper_count(st) + 2; k++)
        stepper_prev(st);
    fuzz_scenario_view(st);
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err e;
    err_clear(&e);
    /* A CSV named in the input is looked up next to this path: scenarios/data/ holds iris.csv and digits.csv. */
    scenario *sc = scenario_parse("scenarios/fuzz.bp", (const char *)data, (long)size, &e);
    if (!sc) {
        fuzz_target_expect(e.msg[0] != '\0' && memchr(e.msg, '\0', sizeof e.msg) != NULL, "a failed parse without a message");
        return 0;
    }
    if (sc->init->nparams <= FUZZ_SCENARIO_MAX_PARAMS && sc->data.n <= FUZZ_SCENARIO_MAX_ROWS) {
        fuzz_scenario_trace(sc);
        fuzz_scenario_check(sc);
        fuzz_scenario_train(sc);
    }
    scenario_free(sc);
    return 0;
}
