/* harness.h - a tiny test harness: checks print got/expected and count.
 *
 * Each test program includes this once, writes functions that use the
 * checks, and ends main() with `return test_summary();`, which prints
 * "N passed, N failed" and returns 0 only when nothing failed.
 * TEST_DATA_DIR (set by CMake) is the tests/data folder.
 */
#ifndef QUIZMILL_HARNESS_H
#define QUIZMILL_HARNESS_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#ifdef QUIZMILL_UTIL_H
#include <stdint.h>
#include <sys/stat.h>
/* A whole file without a cap (tests read their own data files): the game
 * itself always reads with a cap (read_file_max()). */
static inline int read_file(const char *path, char **out, size_t *len)
{
    return read_file_max(path, SIZE_MAX, out, len);
}

/* A file's bytes, "" when it cannot be read (test_exists() tells); free it. */
static inline char *test_slurp(const char *path, size_t *len)
{
    char *buf;
    size_t n;
    if (read_file(path, &buf, &n) != 0) {
        buf = xstrdup("");
        n = 0;
    }
    if (len)
        *len = n;
    return buf;
}

static inline bool test_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}
#endif

#ifdef QUIZMILL_LEX_H
#include <stdlib.h>
/* The build tree's lexicon (the tests run beside it), opened once; a test
 * that needs it stops when it is missing. */
static inline const lex *test_lex(void)
{
    static lex *lx;
    if (!lx) {
        char *err = NULL;
        lx = lex_open_default(&err);
        if (!lx) {
            fprintf(stderr, "%s\n", err);
            exit(1);
        }
    }
    return lx;
}
#endif

#define OK(cond, ...)                                                                              \
    do {                                                                                           \
        if (cond) {                                                                                \
            test_passed++;                                                                         \
        } else {                                                                                   \
            test_failed++;                                                                         \
            fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond);                       \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

#define INT_EQ(got, want, ...)                                                                     \
    do {                                                                                           \
        long long got_ = (long long)(got), want_ = (long long)(want);                              \
        if (got_ == want_) {                                                                       \
            test_passed++;                                                                         \
        } else {                                                                                   \
            test_failed++;                                                                         \
            fprintf(stderr, "%s:%d: FAIL: %s: got %lld, expected %lld: ", __FILE__, __LINE__,      \
                    #got, got_, want_);                                                            \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

#define STR_EQ(got, want, ...)                                                                     \
    do {                                                                                           \
        const char *got_ = (got), *want_ = (want);                                                 \
        if (got_ && want_ && strcmp(got_, want_) == 0) {                                           \
            test_passed++;                                                                         \
        } else {                                                                                   \
            test_failed++;                                                                         \
            fprintf(stderr, "%s:%d: FAIL: %s:\n  got      \"%s\"\n  expected \"%s\"\n  ",          \
                    __FILE__, __LINE__, #got, got_ ? got_ : "(null)", want_ ? want_ : "(null)");   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

static inline int test_summary(void)
{
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed == 0 ? 0 : 1;
}

#endif
