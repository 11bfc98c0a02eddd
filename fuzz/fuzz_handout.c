/* fuzz_handout.c - libFuzzer target: any scenario that parses gives a whole handout, in Markdown and LaTeX, or an error with a message. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "handout.h"
#include "out.h"
#include "scenario.h"

#include "fuzz_target.h"

/* Beyond these sizes a scenario is only parsed (the handout would be slow, not different). */
#define FUZZ_HANDOUT_MAX_PARAMS 400
#define FUZZ_HANDOUT_MAX_ROWS 300

/* Writes the handout of sc in format fmt to /dev/null through a checked stream. */
static void fuzz_handout_one(const scenario *sc, handout_format fmt, long iterations, int digits)
{
    FILE *f = fopen("/dev/null", "w");
    if (!f)
        return;
    out_stream o;
    out_init(&o, f, "/dev/null");
    err e;
    err_clear(&e);
    bool ok = handout_write(&o, sc, fmt, iterations, digits, &e);
    fuzz_target_expect(ok || e.msg[0] != '\0', "a failed handout without a message");
    fuzz_target_expect(!ok || out_ok(&o), "a handout that says it was written after a failed write");
    out_close(&o);
}

/* The options (iterations, digits) come from the input's length, so every
 * byte of the input is scenario text. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err e;
    err_clear(&e);
    scenario *sc = scenario_parse("scenarios/fuzz.bp", (const char *)data, (long)size, &e);
    if (!sc) {
        fuzz_target_expect(e.msg[0] != '\0', "a failed parse without a message");
        return 0;
    }
    if (sc->init->nparams <= FUZZ_HANDOUT_MAX_PARAMS && sc->data.n <= FUZZ_HANDOUT_MAX_ROWS) {
        long iterations = 1 + (long)(size % 2);
        int digits = 1 + (int)(size % 17);
        fuzz_handout_one(sc, HANDOUT_MD, iterations, digits);
        fuzz_handout_one(sc, HANDOUT_TEX, iterations, digits);
    }
    scenario_free(sc);
    return 0;
}
