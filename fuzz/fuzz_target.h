/* fuzz_target.h - what every fuzz target shares: the libFuzzer entry point and a fatal check. */
#ifndef BPVIZ_FUZZ_TARGET_H
#define BPVIZ_FUZZ_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The entry point libFuzzer calls, and fuzz_replay.c for regression runs. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (a crash the fuzzer records) when an invariant does not hold. */
static inline void fuzz_target_expect(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz: invariant broken: %s\n", what);
        abort();
    }
}

#endif
