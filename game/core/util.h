/* util.h - small helpers shared by every core module.
 *
 * Allocation: the x* functions never return NULL; when memory runs out they
 * print "quizmill: out of memory" and exit with status 3 (nothing can be saved
 * by going on). Everything they return is freed with free().
 *
 * Strings: a strbuf is a growable, always NUL-terminated byte string owned by
 * its holder; strbuf_release() frees it, strbuf_detach() hands the bytes over.
 * An arena holds many strings freed together by arena_release().
 */
#ifndef QUIZMILL_UTIL_H
#define QUIZMILL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (an array of *cap elements of size elem) so it holds at least need. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* s[0..n) without the ASCII white space at both ends, as a new string. */
char *xstrndup_trimmed(const char *s, size_t n);
/* printf-style checks on the callers (and no -Wformat-nonliteral inside). */
#if defined(__GNUC__) || defined(__clang__)
#define QUIZMILL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define QUIZMILL_PRINTF(f, a)
#endif

char *xasprintf(const char *fmt, ...) QUIZMILL_PRINTF(1, 2);
/* The same with a va_list (ap is used up). */
char *xvasprintf(const char *fmt, va_list ap) QUIZMILL_PRINTF(1, 0);

typedef struct strbuf {
    char *buf; /* always NUL-terminated once anything was added; NULL when empty and new */
    size_t len;
    size_t cap;
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}
void strbuf_add(strbuf *sb, const char *s, size_t n);
void strbuf_adds(strbuf *sb, const char *s);
void strbuf_addc(strbuf *sb, char c);
void strbuf_addf(strbuf *sb, const char *fmt, ...) QUIZMILL_PRINTF(2, 3);
/* Returns the string (never NULL, "" when empty) and leaves sb empty. */
char *strbuf_detach(strbuf *sb);
void strbuf_release(strbuf *sb);
/* Makes room for extra more bytes and a NUL after len (buf may move). */
void strbuf_reserve(strbuf *sb, size_t extra);
/* The current string, "" when empty; stays owned by sb. */
const char *strbuf_str(const strbuf *sb);

/* An arena: many small strings allocated one after the other in blocks and
 * freed together by arena_release() (never one by one). A zeroed arena is
 * empty and ready. Blocks grow with use, so small arenas stay small. */
typedef struct arena {
    char *at, *end; /* free room in the newest block */
    struct arena_block *blocks;
    size_t next;    /* size of the next block */
} arena;

#define ARENA_INIT {NULL, NULL, NULL, 0}
/* n bytes (no alignment); lasts until arena_release(). */
char *arena_alloc(arena *a, size_t n);
/* A copy of s[0..n) and a NUL. */
char *arena_strndup(arena *a, const char *s, size_t n);
/* Moves src's blocks into dst (src is left empty): they are freed with dst. */
void arena_take(arena *dst, arena *src);
void arena_release(arena *a);

/* The folder of the running program (Linux: /proc/self/exe), malloc'd, or
 * NULL when it cannot be known. */
char *exe_dir(void);

/* The installed data folder (config.ini, questions/, assets/), malloc'd:
 * QUIZMILL_DATADIR when it exists, else share/quizmill beside the program's
 * folder (a package unpacked anywhere); NULL when neither exists. */
char *installed_data_dir(void);

/* Reads a whole regular file of at most max bytes into a NUL-terminated
 * buffer (the NUL is not counted in *len). Returns 0, or -1 with errno set
 * (ENOMEM never: allocation dies). Only regular files are read, and none of
 * them hangs: a folder fails with EISDIR, a FIFO, device or socket with
 * ENOTSUP, without waiting for a writer and without reading a byte (the
 * path is stat'ed first, and the file opened with O_NONBLOCK and O_NOCTTY
 * and fstat'ed again, in case it was swapped in between). Symlinks are
 * followed. A file of more than max bytes fails with EFBIG (at once when
 * its size says so, else after reading at most max + 64 KiB, for a file
 * that grows while it is read). Every reader names its cap in its module's
 * header (CONFIG_MAX_BYTES, ...). */
int read_file_max(const char *path, size_t max, char **out, size_t *len);
/* Why read_file_max() failed, for messages "file: cannot read: why": "is a
 * folder" (EISDIR), "not a regular file (a FIFO, device or socket)"
 * (ENOTSUP), "larger than the limit for this file" (EFBIG: callers that
 * know their limit say it themselves, e.g. CONFIG_TOO_LARGE), else
 * strerror(err). Static strings; never NULL. */
const char *read_file_strerror(int err);

/* Checks that s[0..n) is valid UTF-8 (no overlongs, no surrogates).
 * Returns the offset of the first bad byte, or n when all is valid. */
size_t utf8_check(const char *s, size_t n);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s);

/* ASCII helpers that ignore the locale (inline: the text scanners call
 * them for every byte). */
static inline bool is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline int ascii_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}
/* Case-insensitive compare of ASCII letters; other bytes compared as they are. */
int str_icmp(const char *a, const char *b);
/* The same on at most n bytes. */
int str_icmp_n(const char *a, const char *b, size_t n);
bool str_iendswith(const char *s, const char *suffix);
/* Finds needle in s ignoring ASCII case; NULL when absent. */
const char *str_icasestr(const char *s, const char *needle);

/* Parses s as a whole decimal number in [lo, hi] (no sign, no spaces).
 * Returns 0, or -1 when s is anything else. */
int parse_whole(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

/* The GNU-style --version text of a program of Quizmill's. */
void print_version(FILE *out, const char *program);

/* Levenshtein distance between two short ASCII strings (for "did you mean"). */
size_t edit_distance(const char *a, const char *b);

/* 64-bit FNV-1a hash, for stable ids. */
/* A faster hash, eight bytes at a time, for in-memory tables only: its
 * values may change between versions, so nothing saved may depend on them. */
uint64_t hash_table(const void *data, size_t n, uint64_t seed);
uint64_t hash64(const void *data, size_t n, uint64_t seed);
/* hash64 of k (at most 4) strings at once, side by side (each byte of one
 * waits for the previous one's multiply, so four chains go about four
 * times as fast as one): out[i] = hash64(s[i], n[i], seed). */
void hash64_many(const char *const *s, const size_t *n, size_t k, uint64_t seed, uint64_t *out);

#endif
