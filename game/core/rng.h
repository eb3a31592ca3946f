/* rng.h - a small seeded random generator (splitmix64 seeding xoshiro256**).
 *
 * The state is caller-owned and passed explicitly, so the same seed gives the
 * same sequence on every machine: rounds, shuffles and the game's autoplay are
 * reproducible from one number. Not for cryptography.
 */
#ifndef QUIZMILL_RNG_H
#define QUIZMILL_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct rng {
    uint64_t s[4];
} rng;

void rng_seed(rng *r, uint64_t seed);
uint64_t rng_next(rng *r);
/* Uniform integer in [0, n); n must be > 0. */
uint64_t rng_below(rng *r, uint64_t n);
/* k such integers into out: the same as k calls of rng_below(r, n). */
void rng_below_many(rng *r, uint64_t n, uint64_t *out, size_t k);
/* Fisher-Yates shuffle of n elements of the given size. */
void rng_shuffle(rng *r, void *base, size_t n, size_t size);
/* A seed from the clock and the process, for seed = 0 ("fresh each round"). */
uint64_t rng_fresh_seed(void);

#endif
