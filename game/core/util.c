/* util.c - allocation that never returns NULL, strbuf, files, UTF-8. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void oom(void)
{
    fputs("quizmill: out of memory\n", stderr);
    exit(3);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

void xgrow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            oom();
        n *= 2;
    }
    if (n > SIZE_MAX / elem)
        oom();
    *p = xrealloc(*p, n * elem);
    *cap = n;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *xstrndup_trimmed(const char *s, size_t n)
{
    while (n && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    return xstrndup(s, n);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xvasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0) {
        va_end(ap2);
        return xstrdup("");
    }
    char *s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void strbuf_reserve(strbuf *sb, size_t extra)
{
    if (extra > SIZE_MAX - sb->len - 1)
        oom();
    xgrow((void **)&sb->buf, &sb->cap, sb->len + extra + 1, 1);
}

void strbuf_add(strbuf *sb, const char *s, size_t n)
{
    strbuf_reserve(sb, n);
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void strbuf_adds(strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_addc(strbuf *sb, char c)
{
    strbuf_add(sb, &c, 1);
}

void strbuf_addf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    strbuf_reserve(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

char *strbuf_detach(strbuf *sb)
{
    char *s = sb->buf ? sb->buf : xstrdup("");
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return s;
}

void strbuf_release(strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

const char *strbuf_str(const strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

struct arena_block {
    struct arena_block *next;
    char data[];
};

enum { ARENA_FIRST = 256, ARENA_MAX = 1 << 16 };

char *arena_alloc(arena *a, size_t n)
{
    if (!a->at || (size_t)(a->end - a->at) < n) {
        size_t size = a->next < ARENA_FIRST ? ARENA_FIRST : a->next;
        if (size < n)
            size = n;
        struct arena_block *b = xmalloc(sizeof *b + size);
        b->next = a->blocks;
        a->blocks = b;
        a->at = b->data;
        a->end = b->data + size;
        a->next = size * 2 < ARENA_MAX ? size * 2 : ARENA_MAX;
    }
    char *r = a->at;
    a->at += n;
    return r;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *r = arena_alloc(a, n + 1);
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

void arena_take(arena *dst, arena *src)
{
    struct arena_block **tail = &src->blocks;
    while (*tail)
        tail = &(*tail)->next;
    *tail = dst->blocks;
    dst->blocks = src->blocks;
    if (!dst->at) { /* dst had no room: use src's */
        dst->at = src->at;
        dst->end = src->end;
        dst->next = src->next;
    }
    memset(src, 0, sizeof *src);
}

void arena_release(arena *a)
{
    for (struct arena_block *b = a->blocks, *nx; b; b = nx) {
        nx = b->next;
        free(b);
    }
    memset(a, 0, sizeof *a);
}

char *exe_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return xstrdup(buf[0] ? buf : "/");
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *installed_data_dir(void)
{
#ifdef QUIZMILL_DATADIR
    if (is_dir(QUIZMILL_DATADIR))
        return xstrdup(QUIZMILL_DATADIR);
#endif
    char *dir = exe_dir();
    if (!dir)
        return NULL;
    char *rel = xasprintf("%s/../share/quizmill", dir);
    free(dir);
    char *real = is_dir(rel) ? realpath(rel, NULL) : NULL;
    free(rel);
    if (!real)
        return NULL;
    char *out = xstrdup(real); /* ours to free like every other string */
    free(real);
    return out;
}

/* 0 when st is a regular file, else -1 with errno EISDIR or ENOTSUP. */
static int regular_only(const struct stat *st)
{
    if (S_ISREG(st->st_mode))
        return 0;
    errno = S_ISDIR(st->st_mode) ? EISDIR : ENOTSUP;
    return -1;
}

/* Closes fd keeping errno; returns -1. */
static int close_failing(int fd)
{
    int e = errno;
    close(fd);
    errno = e;
    return -1;
}

enum { READ_CHUNK = 65536 };

int read_file_max(const char *path, size_t max, char **out, size_t *len)
{
    /* stat first: a device is never opened (opening one may do things) */
    struct stat st;
    if (stat(path, &st) != 0 || regular_only(&st) != 0)
        return -1;
    if ((uintmax_t)st.st_size > max) {
        errno = EFBIG;
        return -1;
    }
    /* O_NONBLOCK: a FIFO swapped in since the stat opens at once (and is
     * refused below) instead of waiting for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || regular_only(&st) != 0)
        return close_failing(fd);
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
        return close_failing(fd);
    strbuf sb = STRBUF_INIT;
    for (;;) {
        strbuf_reserve(&sb, READ_CHUNK);
        ssize_t n = read(fd, sb.buf + sb.len, READ_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || (size_t)n > max - sb.len) {
            if (n >= 0)
                errno = EFBIG;
            strbuf_release(&sb);
            return close_failing(fd);
        }
        if (n == 0)
            break;
        sb.len += (size_t)n;
    }
    close(fd);
    sb.buf[sb.len] = '\0';
    *len = sb.len;
    *out = strbuf_detach(&sb);
    return 0;
}

const char *read_file_strerror(int err)
{
    switch (err) {
    case EISDIR: return "is a folder";
    case ENOTSUP: return "not a regular file (a FIFO, device or socket)";
    case EFBIG: return "larger than the limit for this file";
    default: return strerror(err);
    }
}

size_t utf8_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (n - i <= need)
            return i;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return n;
}

size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

int str_icmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = ascii_lower((unsigned char)*a), cb = ascii_lower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

int str_icmp_n(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int ca = ascii_lower((unsigned char)*a), cb = ascii_lower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
    return 0;
}

bool str_iendswith(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return m <= n && str_icmp(s + n - m, suffix) == 0;
}

const char *str_icasestr(const char *s, const char *needle)
{
    size_t m = strlen(needle);
    if (!m)
        return s;
    /* jump between bytes that can start a match (strpbrk scans fast) */
    char first[3] = {needle[0], 0, 0};
    int lo = ascii_lower((unsigned char)needle[0]);
    if (lo >= 'a' && lo <= 'z') {
        first[0] = (char)lo;
        first[1] = (char)(lo - 'a' + 'A');
    }
    for (; (s = strpbrk(s, first)) != NULL; s++) {
        size_t k = 1;
        while (k < m && s[k] &&
               ascii_lower((unsigned char)s[k]) == ascii_lower((unsigned char)needle[k]))
            k++;
        if (k == m)
            return s;
    }
    return NULL;
}

int parse_whole(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (!s || !*s)
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

void print_version(FILE *out, const char *program)
{
    fprintf(out,
            "%s (Quizmill) %s\n"
            "Copyright (C) 2026 The Quizmill developers.\n"
            "License MIT: the LICENSE file that comes with it.\n"
            "This is free software: you are free to change and redistribute it.\n"
            "There is NO WARRANTY, to the extent permitted by law.\n",
            program, QUIZMILL_VERSION);
}

size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64)
        return n > m ? n : m;
    size_t row[65];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t cost = ascii_lower((unsigned char)a[i - 1]) ==
                                  ascii_lower((unsigned char)b[j - 1])
                              ? 0
                              : 1;
            size_t best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

uint64_t hash_table(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = (0x9e3779b97f4a7c15ULL ^ seed) ^ n;
    for (; n >= 8; n -= 8, p += 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, p, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
}

/* One byte of FNV-1a 64. */
#define FNV_STEP(h, c) ((h) = ((h) ^ (c)) * 0x100000001b3ULL)

uint64_t hash64(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (size_t i = 0; i < n; i++)
        FNV_STEP(h, p[i]);
    return h;
}

void hash64_many(const char *const *s, const size_t *n, size_t k, uint64_t seed, uint64_t *out)
{
    if (k != 4) {
        for (size_t i = 0; i < k; i++)
            out[i] = hash64(s[i], n[i], seed);
        return;
    }
    size_t o[4] = {0, 1, 2, 3}; /* by length: o[0] the shortest */
    for (size_t i = 1; i < 4; i++)
        for (size_t j = i; j > 0 && n[o[j]] < n[o[j - 1]]; j--) {
            size_t t = o[j];
            o[j] = o[j - 1];
            o[j - 1] = t;
        }
    const unsigned char *a = (const unsigned char *)s[o[0]], *b = (const unsigned char *)s[o[1]],
                        *c = (const unsigned char *)s[o[2]], *d = (const unsigned char *)s[o[3]];
    uint64_t ha = 0xcbf29ce484222325ULL ^ seed, hb = ha, hc = ha, hd = ha;
    size_t i = 0;
    for (; i < n[o[0]]; i++) {
        FNV_STEP(ha, a[i]);
        FNV_STEP(hb, b[i]);
        FNV_STEP(hc, c[i]);
        FNV_STEP(hd, d[i]);
    }
    for (; i < n[o[1]]; i++) {
        FNV_STEP(hb, b[i]);
        FNV_STEP(hc, c[i]);
        FNV_STEP(hd, d[i]);
    }
    for (; i < n[o[2]]; i++) {
        FNV_STEP(hc, c[i]);
        FNV_STEP(hd, d[i]);
    }
    for (; i < n[o[3]]; i++)
        FNV_STEP(hd, d[i]);
    out[o[0]] = ha;
    out[o[1]] = hb;
    out[o[2]] = hc;
    out[o[3]] = hd;
}
