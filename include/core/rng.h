/* rng.h - a small seeded generator (splitmix64) so runs reproduce on every machine. */
#ifndef BPVIZ_RNG_H
#define BPVIZ_RNG_H

#include <stdint.h>

/* Generator state; the caller owns it (usually on the stack). */
typedef struct rng {
    uint64_t s; /* the state */
} rng;

/* Seeds the generator. */
void rng_seed(rng *r, uint64_t seed);
/* Next 64 random bits. */
uint64_t rng_next(rng *r);
/* Uniform double in [0, 1) with 53 random bits. */
double rng_uniform(rng *r);
/* Uniform integer in [0, n) without modulo bias; n > 0. */
uint64_t rng_below(rng *r, uint64_t n);

#endif
