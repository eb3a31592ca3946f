/* store.c - atomic file saves and the old high-score file.
 *
 * Start reading at store_write_atomic(): the one way a whole file reaches
 * the disk. The high-score parser, parse_scores(), rejects anything it did
 * not write itself (the caller then sets the file aside).
 */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define SCORES_MAGIC "quizmill-scores 1"
#define SCORES_FIELDS 6

const char store_results_header[] =
    "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points";

/* Hands msg (malloc'd) to *err, or frees it when err is NULL; returns -1. */
static int fail(char **err, char *msg)
{
    if (err)
        *err = msg;
    else
        free(msg);
    return -1;
}

/* ---- atomic writes ---- */

int store_write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* The folder of path, malloc'd: "." without a '/', "/" for a file at the
 * root. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* fsyncs the folder holding path, so the rename itself is on disk. */
static int sync_folder(const char *path)
{
    char *dir = folder_of(path);
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    free(dir);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    if (rc != 0 && e == EINVAL) /* this file system cannot sync folders */
        rc = 0;
    errno = e;
    return rc;
}

enum { SYMLINK_HOPS = 40 }; /* Linux's own limit (ELOOP past it) */

/* The file a save of path really replaces, malloc'd: path itself, or where
 * its symlink (or chain of them) ends, a missing file included (a dangling
 * link saves to the path it names). A relative link is read from its own
 * folder. NULL with errno ELOOP for a loop. Other lstat() errors end the
 * walk there: the save itself then fails with them. */
static char *save_target(const char *path)
{
    char *cur = xstrdup(path);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        if (hops == SYMLINK_HOPS) {
            free(cur);
            errno = ELOOP;
            return NULL;
        }
        size_t cap = st.st_size > 0 && st.st_size < PATH_MAX ? (size_t)st.st_size + 1 : PATH_MAX;
        char *link = xmalloc(cap);
        ssize_t n = readlink(cur, link, cap);
        if (n < 0 || (size_t)n >= cap) { /* gone or changed meanwhile: save to cur */
            free(link);
            return cur;
        }
        link[n] = '\0';
        char *next;
        if (link[0] == '/' || !strchr(cur, '/')) {
            next = xstrdup(link);
        } else {
            char *dir = folder_of(cur);
            next = xasprintf("%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", link);
            free(dir);
        }
        free(link);
        free(cur);
        cur = next;
    }
}

/* The mode of a new file: 0666 less the umask, as open() would give it.
 * umask() can only be read by setting it: the probe value 077 means a file
 * another thread creates in between gets fewer rights, never more. */
static mode_t new_file_mode(void)
{
    mode_t mask = umask(077);
    umask(mask);
    return 0666 & ~mask;
}

typedef struct buffer {
    const char *data;
    size_t len;
} buffer;

static int write_buffer(int fd, void *ctx)
{
    const buffer *b = ctx;
    return store_write_all(fd, b->data, b->len);
}

int store_write_atomic(const char *path, const char *data, size_t len, char **err)
{
    buffer b = {data, len};
    return store_write_atomic_with(path, write_buffer, &b, err);
}

int store_write_atomic_with(const char *path, int (*fill)(int fd, void *ctx), void *ctx,
                            char **err)
{
    char *target = save_target(path);
    if (!target)
        return fail(err, xasprintf("%s: cannot save: %s", path, strerror(errno)));
    struct stat st;
    mode_t mode;
    if (stat(target, &st) == 0 && S_ISREG(st.st_mode)) {
        if ((st.st_mode & 0222) == 0) { /* root could write it: refuse ourselves */
            free(target);
            return fail(err, xasprintf("%s: cannot save: the file is read-only", path));
        }
        mode = st.st_mode & 07777;
    } else {
        mode = new_file_mode();
    }
    char *tmp = xasprintf("%s%s", target, STORE_TEMP_SUFFIX "XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        free(target);
        return fail(err, xasprintf("%s: cannot save: %s", path, strerror(e)));
    }
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC); /* mkstemp() has no O_CLOEXEC */
    /* mkstemp() made it 0600; a file system without modes (FAT) refuses
     * the change, which loses nothing there */
    (void)fchmod(fd, mode);
    int e = 0;
    errno = EIO; /* for a fill() that fails without saying why */
    if (fill(fd, ctx) != 0 || fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e == 0 && rename(tmp, target) != 0)
        e = errno;
    if (e != 0) {
        unlink(tmp);
        free(tmp);
        free(target);
        return fail(err, xasprintf("%s: cannot save: %s", path, strerror(e)));
    }
    free(tmp);
    int rc = sync_folder(target);
    e = errno;
    free(target);
    if (rc != 0)
        return fail(err, xasprintf("%s: cannot save: %s", path, strerror(e)));
    return 0;
}

/* Whether name is base, STORE_TEMP_SUFFIX and 1 to 32 letters or digits:
 * "scores.txt.tmp-a8ZkQ0" (mkstemp()) or "scores.txt.tmp-4711" (a PID, as
 * Quizmill 0.1 named them). */
static bool is_temp_of(const char *name, const char *base)
{
    size_t n = strlen(base), k = strlen(STORE_TEMP_SUFFIX);
    if (strncmp(name, base, n) != 0 || strncmp(name + n, STORE_TEMP_SUFFIX, k) != 0)
        return false;
    const char *p = name + n + k;
    size_t i = 0;
    for (; p[i]; i++)
        if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'z') ||
              (p[i] >= 'A' && p[i] <= 'Z')))
            return false;
    return i >= 1 && i <= 32;
}

/* Removes the old temporary files of one file (path, not a symlink). */
static void clean_temps_of(const char *path, time_t before)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = folder_of(path);
    DIR *d = base[0] ? opendir(dir) : NULL;
    free(dir);
    if (!d)
        return;
    int dfd = dirfd(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (!is_temp_of(e->d_name, base) || fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISREG(st.st_mode) && st.st_mtime < before) /* never a link, a folder ... */
            unlinkat(dfd, e->d_name, 0);
    }
    closedir(d);
}

void store_clean_temps(const char *path)
{
    time_t before = time(NULL) - STORE_TEMP_MAX_AGE;
    clean_temps_of(path, before);
    char *target = save_target(path);
    if (target && strcmp(target, path) != 0)
        clean_temps_of(target, before);
    free(target);
}

/* ---- names ---- */

/* Length of the valid UTF-8 sequence at s (a multibyte one), or 0. Never
 * reads past a NUL: a NUL is not a continuation byte. */
static size_t utf8_seq(const unsigned char *s)
{
    size_t k = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
    if (k == 0)
        return 0;
    for (size_t j = 1; j < k; j++)
        if ((s[j] & 0xc0) != 0x80)
            return 0;
    return utf8_check((const char *)s, k) == k ? k : 0;
}

void store_name_clean(char *out, const char *name)
{
    const unsigned char *s = (const unsigned char *)name;
    size_t o = 0;
    while (*s) {
        char unit[4];
        size_t k = utf8_seq(s);
        if (k > 0) {
            if (k == 2 && s[0] == 0xc2 && s[1] < 0xa0) { /* C1 control */
                unit[0] = ' ';
                k = 1;
                s += 2;
            } else {
                memcpy(unit, s, k);
                s += k;
            }
        } else {
            unit[0] = *s < 0x20 || *s == 0x7f ? ' ' : *s < 0x80 ? (char)*s : '?';
            k = 1;
            s++;
        }
        if (o == 0 && unit[0] == ' ')
            continue; /* leading space */
        if (o + k > STORE_NAME_MAX)
            break;
        memcpy(out + o, unit, k);
        o += k;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    if (o == 0)
        strcpy(out, "Player");
}

/* ---- high scores ---- */

static void sort_scores(store_score *v, size_t n)
{
    for (size_t i = 1; i < n; i++) { /* stable insertion sort, best first */
        store_score x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1].score < x.score; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Parses s[0..n) as a decimal int64 ("-" allowed). Returns 0 or -1. */
static int parse_i64(const char *s, size_t n, int64_t *out)
{
    bool neg = n > 0 && s[0] == '-';
    size_t i = neg ? 1 : 0;
    if (i == n)
        return -1;
    uint64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > ((uint64_t)INT64_MAX + 1 - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (!neg && v > (uint64_t)INT64_MAX)
        return -1;
    *out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return 0;
}

typedef struct field {
    const char *s;
    size_t n;
} field;

static bool field_is(field f, const char *word)
{
    return f.n == strlen(word) && memcmp(f.s, word, f.n) == 0;
}

/* Parses one entry line into its table; returns NULL or why it is bad. */
static char *parse_entry(const char *line, size_t len, store_scores *t)
{
    field f[SCORES_FIELDS];
    size_t nf = 0;
    const char *p = line, *end = line + len;
    for (;;) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        const char *stop = tab ? tab : end;
        if (nf < SCORES_FIELDS)
            f[nf] = (field){p, (size_t)(stop - p)};
        nf++;
        if (!tab)
            break;
        p = tab + 1;
    }
    if (nf != SCORES_FIELDS)
        return xasprintf("%zu fields, expected %d", nf, SCORES_FIELDS);

    int d = -1;
    for (int i = 0; i < ITEM_DIFFICULTY_COUNT; i++)
        if (field_is(f[0], item_difficulty_name((item_difficulty)i)))
            d = i;
    if (d < 0)
        return xasprintf("unknown difficulty '%.*s'", (int)(f[0].n > 20 ? 20 : f[0].n), f[0].s);

    static const char *const names[] = {NULL, "score", "right", "total", "time"};
    int64_t v[5];
    for (int i = 1; i <= 4; i++)
        if (parse_i64(f[i].s, f[i].n, &v[i]) != 0)
            return xasprintf("%s is not a number", names[i]);
    for (int i = 1; i <= 3; i++)
        if (v[i] < 0 || v[i] > INT_MAX)
            return xasprintf("%s out of range (%" PRId64 ")", names[i], v[i]);
    if (v[2] > v[3])
        return xasprintf("right (%" PRId64 ") above total (%" PRId64 ")", v[2], v[3]);

    if (f[5].n == 0 || f[5].n > STORE_NAME_MAX)
        return xasprintf("name of %zu bytes, expected 1 to %d", f[5].n, STORE_NAME_MAX);
    for (size_t i = 0; i < f[5].n; i++) {
        unsigned char c = (unsigned char)f[5].s[i];
        if (c < 0x20 || c == 0x7f)
            return xasprintf("control character 0x%02x in the name", c);
    }

    if (t->n[d] >= STORE_TOP)
        return xasprintf("more than %d %s entries", STORE_TOP,
                         item_difficulty_name((item_difficulty)d));
    store_score *s = &t->top[d][t->n[d]++];
    memcpy(s->name, f[5].s, f[5].n);
    s->name[f[5].n] = '\0';
    s->score = (int)v[1];
    s->right = (int)v[2];
    s->total = (int)v[3];
    s->when = v[4];
    return NULL;
}

/* The 1-based line number of byte offset off. */
static int line_of(const char *buf, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

/* Parses a whole file; returns NULL or why it is corrupt. */
static char *parse_scores(const char *buf, size_t len, store_scores *t)
{
    const char *nul = memchr(buf, '\0', len);
    if (nul)
        return xasprintf("line %d: NUL byte", line_of(buf, (size_t)(nul - buf)));
    size_t bad = utf8_check(buf, len);
    if (bad != len)
        return xasprintf("line %d: invalid UTF-8", line_of(buf, bad));
    const char *p = buf, *end = buf + len;
    for (int lineno = 1; p < end; lineno++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (lineno == 1) {
            if (n != strlen(SCORES_MAGIC) || memcmp(p, SCORES_MAGIC, n) != 0)
                return xasprintf("line 1: not \"%s\"", SCORES_MAGIC);
        } else {
            char *why = parse_entry(p, n, t);
            if (why) {
                char *msg = xasprintf("line %d: %s", lineno, why);
                free(why);
                return msg;
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (len == 0)
        return xstrdup("empty file");
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++)
        sort_scores(t->top[d], t->n[d]);
    return NULL;
}

int store_scores_load(const char *path, store_scores *t, char **warning, char **err)
{
    memset(t, 0, sizeof *t);
    if (warning)
        *warning = NULL;
    if (err)
        *err = NULL;
    store_clean_temps(path);
    char *buf;
    size_t len;
    char *why;
    if (read_file_max(path, STORE_SCORES_MAX_BYTES, &buf, &len) == 0) {
        why = parse_scores(buf, len, t);
        free(buf);
        if (!why)
            return 0;
    } else if (errno == EFBIG) { /* not one of ours: set aside like any corrupt file */
        why = xstrdup(STORE_SCORES_TOO_LARGE);
    } else if (errno == ENOENT) {
        return 0;
    } else {
        return fail(err, xasprintf("%s: cannot read: %s", path, read_file_strerror(errno)));
    }

    memset(t, 0, sizeof *t);
    char *aside = xasprintf("%s.corrupt", path);
    char *msg;
    if (rename(path, aside) == 0)
        msg = xasprintf("%s: corrupt high-score file set aside as %s: %s", path, aside, why);
    else
        msg = xasprintf("%s: corrupt high-score file (%s) cannot be set aside as %s: %s", path, why,
                        aside, strerror(errno));
    free(aside);
    free(why);
    if (warning)
        *warning = msg;
    else
        free(msg);
    return 0;
}

int store_scores_save(const char *path, const store_scores *t, char **err)
{
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, SCORES_MAGIC "\n");
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
        store_score v[STORE_TOP];
        size_t n = 0;
        for (size_t i = 0; i < t->n[d] && i < STORE_TOP; i++) {
            const store_score *s = &t->top[d][i];
            if (s->score < 0 || s->right < 0 || s->total < 0 || s->right > s->total)
                continue;
            v[n] = *s;
            char raw[STORE_NAME_MAX + 2];
            memcpy(raw, s->name, sizeof s->name);
            raw[sizeof s->name] = '\0';
            store_name_clean(v[n].name, raw);
            n++;
        }
        sort_scores(v, n);
        for (size_t i = 0; i < n; i++)
            strbuf_addf(&sb, "%s\t%d\t%d\t%d\t%" PRId64 "\t%s\n",
                        item_difficulty_name((item_difficulty)d), v[i].score, v[i].right, v[i].total,
                        v[i].when, v[i].name);
    }
    int rc = store_write_atomic(path, sb.buf, sb.len, err);
    strbuf_release(&sb);
    return rc;
}

int store_scores_rank(const store_scores *t, item_difficulty d, int score)
{
    if ((unsigned)d >= ITEM_DIFFICULTY_COUNT || score <= 0)
        return -1;
    size_t place = 0;
    while (place < t->n[d] && place < STORE_TOP && t->top[d][place].score >= score)
        place++;
    return place < STORE_TOP ? (int)place : -1;
}

int store_scores_insert(store_scores *t, item_difficulty d, const store_score *s)
{
    int place = store_scores_rank(t, d, s->score);
    if (place < 0)
        return -1;
    size_t n = t->n[d] < STORE_TOP ? t->n[d] : STORE_TOP;
    size_t last = n < STORE_TOP ? n : STORE_TOP - 1; /* the slot that falls off or fills */
    memmove(&t->top[d][place + 1], &t->top[d][place], (last - (size_t)place) * sizeof t->top[d][0]);
    store_score *e = &t->top[d][place];
    *e = *s;
    char raw[STORE_NAME_MAX + 2];
    memcpy(raw, s->name, sizeof s->name);
    raw[sizeof s->name] = '\0';
    store_name_clean(e->name, raw);
    t->n[d] = n < STORE_TOP ? n + 1 : STORE_TOP;
    return place;
}
