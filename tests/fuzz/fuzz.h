/* fuzz.h - shared bits of the libFuzzer targets (tests/fuzz/fuzz_*.c).
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with clang and
 * -fsanitize=fuzzer it is a libFuzzer binary; linked with replay.c (any
 * compiler) it replays the corpus and the regression inputs under CTest.
 * A broken invariant calls fuzz_fail(), which aborts: libFuzzer saves the
 * input as a crash and the replay test fails.
 */
#ifndef QUIZMILL_FUZZ_H
#define QUIZMILL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fuzz_fail(...)                                                                   \
    do {                                                                                 \
        fprintf(stderr, "%s:%d: invariant broken: ", __FILE__, __LINE__);                \
        fprintf(stderr, __VA_ARGS__);                                                    \
        fputc('\n', stderr);                                                             \
        abort();                                                                         \
    } while (0)

#define fuzz_check(cond, ...)                                                            \
    do {                                                                                 \
        if (!(cond))                                                                     \
            fuzz_fail(__VA_ARGS__);                                                      \
    } while (0)

/* Inputs above this size return at once: runs stay fast and the parsers'
 * behaviour on big inputs is the benchmarks' business. */
#define FUZZ_MAX_INPUT (64u * 1024u)

#endif
