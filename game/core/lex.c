/* lex.c - the WordNet lexicon file: mapped, searched, walked. */
#include "lex.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define HEAD 64 /* the header line */
#define REC 26  /* one synset record */
#define WALK LEX_MAX_ANC /* ancestors kept per synset (depths rarely pass 18) */
#define WORD_MAX 128

struct lex {
    const char *map;
    size_t size;
    size_t nsyn;
    const char *words, *end; /* the sorted word lines */
};

lex *lex_open(const char *path, char **err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *err = xasprintf("%s: cannot open the lexicon: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < HEAD) {
        close(fd);
        *err = xasprintf("%s: not a lexicon file (too short)", path);
        return NULL;
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        *err = xasprintf("%s: cannot map the lexicon: %s", path, strerror(errno));
        return NULL;
    }
    const char *s = m;
    unsigned long nsyn = 0;
    char head[HEAD + 1];
    memcpy(head, s, HEAD);
    head[HEAD] = '\0';
    if (sscanf(head, "quizmill-lexicon 2 %lu", &nsyn) != 1 || head[HEAD - 1] != '\n' ||
        HEAD + nsyn * REC > (size_t)st.st_size) {
        munmap(m, (size_t)st.st_size);
        *err = xasprintf("%s:1: not a quizmill lexicon (version 2)", path);
        return NULL;
    }
    lex *lx = xcalloc(1, sizeof *lx);
    lx->map = s;
    lx->size = (size_t)st.st_size;
    lx->nsyn = nsyn;
    lx->words = s + HEAD + nsyn * REC;
    lx->end = s + lx->size;
    return lx;
}

lex *lex_open_default(char **err)
{
    char *dir = exe_dir();
    /* a build tree: beside the program, or one folder up (bench/, tests/) */
    for (int up = 0; dir && up < 2; up++) {
        char *p = xasprintf(up ? "%s/../%s" : "%s/%s", dir, LEX_FILE);
        if (access(p, R_OK) == 0) {
            free(dir);
            lex *lx = lex_open(p, err);
            free(p);
            return lx;
        }
        free(p);
    }
    free(dir);
    char *data = installed_data_dir();
    char *p = xasprintf("%s/%s", data ? data : ".", LEX_FILE);
    free(data);
    lex *lx = lex_open(p, err);
    free(p);
    return lx;
}

void lex_close(lex *lx)
{
    if (!lx)
        return;
    munmap((void *)lx->map, lx->size);
    free(lx);
}

/* The line holding byte at (which is inside the word lines). */
static const char *line_start(const lex *lx, const char *at)
{
    while (at > lx->words && at[-1] != '\n')
        at--;
    return at;
}

/* Compares key (lower case, length n) with the form that starts line. */
static int cmp_form(const char *key, size_t n, const char *line, const char *end)
{
    size_t i = 0;
    for (; i < n && line + i < end && line[i] != '\t' && line[i] != '\n'; i++)
        if (key[i] != line[i])
            return (unsigned char)key[i] - (unsigned char)line[i];
    if (i < n)
        return 1; /* the form is a prefix of the key */
    return line + i < end && line[i] != '\t' ? -1 : 0;
}

/* The analyses of the form key, or NULL. */
static const char *find(const lex *lx, const char *key, size_t n)
{
    const char *lo = lx->words, *hi = lx->end;
    while (lo < hi) {
        const char *line = line_start(lx, lo + (hi - lo) / 2);
        int c = cmp_form(key, n, line, lx->end);
        if (c == 0)
            return line + n + 1;
        const char *next = memchr(line, '\n', (size_t)(lx->end - line));
        next = next ? next + 1 : lx->end;
        if (c < 0)
            hi = line;
        else
            lo = next;
    }
    return NULL;
}

/* Reads "#N,N,N" at p into w's senses. */
static void read_senses(const char *p, lex_word *w)
{
    while (*p == '#' || *p == ',') {
        p++;
        unsigned v = 0;
        while (*p >= '0' && *p <= '9')
            v = v * 10 + (unsigned)(*p++ - '0');
        if (w->nsenses < LEX_MAX_SENSES)
            w->senses[w->nsenses++] = v;
    }
}

bool lex_lookup(const lex *lx, const char *word, size_t len, lex_word *w)
{
    w->n = w->nsenses = w->nkin = 0;
    w->lemma[0] = '\0';
    if (!lx || !len || len >= WORD_MAX)
        return false;
    char key[WORD_MAX];
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)word[i];
        key[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    const char *p = find(lx, key, len);
    if (!p)
        return false;
    char lemma[WORD_MAX];
    size_t llemma = 0;
    bool want_lemma = false;
    while (*p && *p != '\n') {
        if (*p == ' ')
            p++;
        if (*p == '~') { /* a word of its family */
            const char *q = ++p;
            while (*p && *p != ' ' && *p != '\n')
                p++;
            if (w->nkin < LEX_MAX_KIN && (size_t)(p - q) < sizeof w->kin[0]) {
                for (size_t i = 0; i < (size_t)(p - q); i++)
                    w->kin[w->nkin][i] = q[i] == '_' ? ' ' : q[i];
                w->kin[w->nkin++][p - q] = '\0';
            }
            continue;
        }
        char pos = p[0], infl = p[1];
        p += 2;
        if (w->n < LEX_MAX_ANALYSES)
            w->r[w->n++] = (lex_reading){pos, infl};
        if (*p == '=') { /* an inflected form: its lemma */
            const char *q = ++p;
            while (*p && *p != ' ' && *p != '\n')
                p++;
            if (!w->lemma[0] && (size_t)(p - q) < sizeof w->lemma) {
                for (size_t i = 0; i < (size_t)(p - q); i++)
                    w->lemma[i] = q[i] == '_' ? ' ' : q[i];
                w->lemma[p - q] = '\0';
            }
            if (pos == 'n' && !w->nsenses && !want_lemma && (size_t)(p - q) < WORD_MAX) {
                llemma = (size_t)(p - q);
                for (size_t i = 0; i < llemma; i++)
                    lemma[i] = q[i] == '_' ? ' ' : q[i];
                want_lemma = true;
            }
        } else if (*p == '#') {
            if (pos == 'n' && !want_lemma && !w->nsenses)
                read_senses(p, w);
            while (*p && *p != ' ' && *p != '\n')
                p++;
        }
    }
    if (want_lemma) {
        const char *q = find(lx, lemma, llemma);
        for (; q && *q && *q != '\n'; q++)
            if (q[0] == 'n' && q[1] == '-' && q[2] == '#') {
                read_senses(q + 2, w);
                break;
            }
    }
    return w->n > 0;
}

bool lex_can_be(const lex_word *w, char pos, char infl)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->r[i].pos == pos && (infl == '?' || w->r[i].infl == infl))
            return true;
    return false;
}

static const char *rec(const lex *lx, unsigned s)
{
    return lx->map + HEAD + (size_t)s * REC;
}

static unsigned num6(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 6; i++)
        v = v * 10 + (unsigned)(p[i] - '0');
    return v;
}

int lex_class(const lex *lx, unsigned s)
{
    if (!lx || s >= lx->nsyn)
        return -1;
    const char *r = rec(lx, s);
    return (r[21] - '0') * 10 + (r[22] - '0');
}

bool lex_instance(const lex *lx, unsigned s)
{
    return lx && s < lx->nsyn && rec(lx, s)[24] == 'i';
}

size_t lex_wholes(const lex *lx, unsigned s, unsigned *out, size_t max)
{
    size_t n = 0;
    if (!lx || s >= lx->nsyn)
        return 0;
    /* up the part holonyms: Westminster, London, England, ... (a chain
     * has no loops in WordNet; max bounds it anyway) */
    for (unsigned w = num6(rec(lx, s) + 14); w && w - 1 < lx->nsyn && n < max;
         w = num6(rec(lx, w - 1) + 14))
        out[n++] = w - 1;
    return n;
}

typedef struct anc {
    unsigned s;
    int d;
} anc;

/* The synset and its ancestors with their distances (breadth first, each
 * once at its least distance); returns how many. */
static size_t ancestors(const lex *lx, unsigned s, anc *out)
{
    size_t n = 0;
    out[n++] = (anc){s, 0};
    for (size_t i = 0; i < n; i++) {
        const char *r = rec(lx, out[i].s);
        unsigned par[2] = {num6(r), num6(r + 7)};
        for (int k = 0; k < 2; k++) {
            if (!par[k] || par[k] - 1 >= lx->nsyn)
                continue;
            bool seen = false;
            for (size_t j = 0; j < n && !seen; j++)
                seen = out[j].s == par[k] - 1;
            if (!seen && n < WALK)
                out[n++] = (anc){par[k] - 1, out[i].d + 1};
        }
    }
    return n;
}

int lex_depth(const lex *lx, unsigned s)
{
    if (!lx || s >= lx->nsyn)
        return -1;
    anc x[WALK];
    size_t n = ancestors(lx, s, x);
    int deepest = 0; /* the longest way up is the synset's depth by its first parent */
    for (size_t i = 0; i < n; i++)
        if (x[i].d > deepest)
            deepest = x[i].d;
    return deepest;
}

static int cmp_anc(const void *x, const void *y)
{
    const lex_anc *a = x, *b = y;
    return a->s < b->s ? -1 : a->s > b->s;
}

size_t lex_ancestors(const lex *lx, unsigned s, lex_anc *out)
{
    if (!lx || s >= lx->nsyn)
        return 0;
    anc x[WALK];
    size_t n = ancestors(lx, s, x);
    for (size_t i = 0; i < n; i++) {
        int d = lex_depth(lx, x[i].s);
        out[i] = (lex_anc){x[i].s, (unsigned char)x[i].d, (unsigned char)(d > 255 ? 255 : d)};
    }
    qsort(out, n, sizeof *out, cmp_anc);
    return n;
}
