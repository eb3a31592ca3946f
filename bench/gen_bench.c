/* gen_bench.c - time article_parse() + gen_build() on an article of a given
 * size. Start reading at main().
 *
 *   gen_bench SIZE            synthesise an article of about SIZE bytes
 *   gen_bench -f FILE         use FILE (the bundled article for the 6 KB row)
 *   gen_bench -w OUT SIZE     also write the synthesised article to OUT
 *   gen_bench -t N ...        generate with N workers (default: one per core)
 *
 * Prints one CSV line: size_bytes,parse_ms,gen_ms,total_ms,peak_kib,items,
 * topics,digest (digest: a hash of every item's text, which must not change
 * with the number of workers)
 * (peak_kib is the process's ru_maxrss, so run each size in a fresh process;
 * it includes the article buffer itself). Exit status 0, 1 on a parse error,
 * 2 on bad usage.
 *
 * The synthetic article has the bundled one's shape: a title and an
 * introduction; many topics, some a group heading with two to four section
 * headings, some a single heading with its text; one heading per 400-1200
 * bytes of text; sentences of seeded random words from a large generated
 * vocabulary with multi-word capitalised names, enumerations "A, B, and C"
 * and numbers; a FAQ block at the end. Every sentence is drawn afresh, so the
 * generator's duplicate checks do not collapse the text. The same size gives
 * the same article on every machine (fixed seed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "article.h"
#include "gen.h"
#include "rng.h"
#include "util.h"

#define VOCAB_WORDS 40000 /* lower-case words */
#define NAME_PARTS 6000   /* capitalised words names are made of */
#define SEED 0x9e3779b9ULL

/* ---- vocabulary ---- */

static const char *const onsets[] = {"b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p",
                                     "r", "s", "t", "v", "w", "br", "cr", "dr", "gr", "pl",
                                     "st", "tr", "sh", "ch", "th", "sp", "fl", "gl", "pr"};
static const char *const vowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ee"};
static const char *const codas[] = {"", "", "", "n", "r", "l", "s", "t", "m", "nd", "rt", "st"};
/* endings the generator sorts keywords by, and plain ones */
static const char *const endings[] = {"", "", "", "", "", "ing", "ly", "ed", "s", "tion",
                                      "ment", "ness", "ity", "al", "ive", "ous", "ful", "ize",
                                      "ate", "ism", "ure", "er", "or", "ance"};
/* function words between the content words, as real prose has */
static const char *const links[] = {"the", "of", "in", "for", "with", "to", "by", "on",
                                    "from", "at", "into", "through", "across", "within"};
static const char *const verbs[] = {"shapes", "supports", "connects", "improves", "follows",
                                    "describes", "reaches", "strengthens", "protects",
                                    "changes", "extends", "explains", "builds", "links"};

typedef struct vocab {
    char **words;
    size_t nwords;
    char **parts;
    size_t nparts;
} vocab;

static char *make_word(rng *r, bool cap, bool ending)
{
    strbuf sb = STRBUF_INIT;
    size_t syll = 1 + (size_t)rng_below(r, 3);
    for (size_t i = 0; i < syll; i++) {
        strbuf_adds(&sb, onsets[rng_below(r, sizeof onsets / sizeof *onsets)]);
        strbuf_adds(&sb, vowels[rng_below(r, sizeof vowels / sizeof *vowels)]);
        if (i + 1 == syll)
            strbuf_adds(&sb, codas[rng_below(r, sizeof codas / sizeof *codas)]);
    }
    if (ending)
        strbuf_adds(&sb, endings[rng_below(r, sizeof endings / sizeof *endings)]);
    if (cap)
        sb.buf[0] = (char)(sb.buf[0] - 'a' + 'A');
    return strbuf_detach(&sb);
}

static void vocab_init(vocab *v, rng *r)
{
    v->nwords = VOCAB_WORDS;
    v->words = xmalloc(v->nwords * sizeof *v->words);
    for (size_t i = 0; i < v->nwords; i++)
        v->words[i] = make_word(r, false, true);
    v->nparts = NAME_PARTS;
    v->parts = xmalloc(v->nparts * sizeof *v->parts);
    for (size_t i = 0; i < v->nparts; i++)
        v->parts[i] = make_word(r, true, false);
}

static void vocab_release(vocab *v)
{
    for (size_t i = 0; i < v->nwords; i++)
        free(v->words[i]);
    for (size_t i = 0; i < v->nparts; i++)
        free(v->parts[i]);
    free(v->words);
    free(v->parts);
}

/* A word drawn with a skew towards the frequent end (as in real text). */
static const char *word(const vocab *v, rng *r)
{
    uint64_t a = rng_below(r, v->nwords), b = rng_below(r, v->nwords);
    return v->words[rng_below(r, 4) == 0 ? (a < b ? a : b) : a];
}

static void add_name(strbuf *sb, const vocab *v, rng *r)
{
    size_t n = 1 + (size_t)rng_below(r, 3);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_addc(sb, ' ');
        strbuf_adds(sb, v->parts[rng_below(r, v->nparts)]);
    }
}

static void add_number(strbuf *sb, rng *r)
{
    switch (rng_below(r, 3)) {
    case 0:
        strbuf_addf(sb, "%u", (unsigned)(1800 + rng_below(r, 230)));
        break;
    case 1:
        strbuf_addf(sb, "%u,%03u", (unsigned)(1 + rng_below(r, 99)), (unsigned)rng_below(r, 1000));
        break;
    default:
        strbuf_addf(sb, "%u.%u", (unsigned)rng_below(r, 100), (unsigned)rng_below(r, 10));
    }
}

/* "word word of Name": a noun phrase. */
static void add_phrase(strbuf *sb, const vocab *v, rng *r)
{
    strbuf_addf(sb, "%s %s", word(v, r), word(v, r));
    if (rng_below(r, 3) == 0) {
        strbuf_addf(sb, " %s ", links[rng_below(r, sizeof links / sizeof *links)]);
        add_name(sb, v, r);
    }
}

/* One sentence of 8 to 40 words, ending in ". " */
static void add_sentence(strbuf *sb, const vocab *v, rng *r)
{
    static const char *const starts[] = {"The", "This", "Each", "Their", "Most", "Every"};
    strbuf_addf(sb, "%s ", starts[rng_below(r, sizeof starts / sizeof *starts)]);
    add_phrase(sb, v, r);
    strbuf_addf(sb, " %s ", verbs[rng_below(r, sizeof verbs / sizeof *verbs)]);
    size_t parts = 1 + (size_t)rng_below(r, 4);
    for (size_t i = 0; i < parts; i++) {
        switch (rng_below(r, 6)) {
        case 0: /* an enumeration: "A, B, and C" */
        {
            size_t n = 3 + (size_t)rng_below(r, 3);
            for (size_t k = 0; k < n; k++) {
                if (k)
                    strbuf_adds(sb, k + 1 == n ? (rng_below(r, 2) ? ", and " : " and ") : ", ");
                strbuf_adds(sb, word(v, r));
                if (rng_below(r, 4) == 0)
                    strbuf_addf(sb, " %s", word(v, r));
            }
            break;
        }
        case 1:
            strbuf_adds(sb, "the ");
            add_name(sb, v, r);
            break;
        case 2:
            strbuf_adds(sb, "in ");
            add_number(sb, r);
            break;
        default:
            add_phrase(sb, v, r);
        }
        if (i + 1 < parts)
            strbuf_addf(sb, " %s ", links[rng_below(r, sizeof links / sizeof *links)]);
    }
    strbuf_adds(sb, ". ");
}

/* A paragraph of 2 to 5 sentences followed by a blank line. */
static void add_paragraph(strbuf *sb, const vocab *v, rng *r)
{
    size_t n = 2 + (size_t)rng_below(r, 4);
    for (size_t i = 0; i < n; i++)
        add_sentence(sb, v, r);
    sb->len--; /* the last space */
    sb->buf[sb->len] = '\0';
    strbuf_adds(sb, "\n\n");
}

/* A heading of 2 to 6 capitalised words, never ending in punctuation. */
static void add_heading(strbuf *sb, const vocab *v, rng *r)
{
    size_t n = 2 + (size_t)rng_below(r, 5);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_addc(sb, ' ');
        if (i == 0 || rng_below(r, 2)) {
            strbuf_adds(sb, v->parts[rng_below(r, v->nparts)]);
        } else {
            const char *w = word(v, r);
            strbuf_addc(sb, (char)(w[0] - 'a' + 'A'));
            strbuf_adds(sb, w + 1);
        }
    }
    strbuf_addc(sb, '\n');
}

/* The text of one section: 400 to 1200 bytes in 1 to 3 paragraphs. */
static void add_section_text(strbuf *sb, const vocab *v, rng *r)
{
    size_t goal = sb->len + 400 + (size_t)rng_below(r, 800);
    do
        add_paragraph(sb, v, r);
    while (sb->len < goal);
}

static char *synthesise(size_t size, size_t *len)
{
    rng r;
    rng_seed(&r, SEED);
    vocab v;
    vocab_init(&v, &r);
    strbuf sb = STRBUF_INIT;
    size_t faqs = size / 2000 + 3; /* the bundled article: 3 in 6 KB */
    size_t body = size - (size < 4000 ? size : faqs * 300 > size / 2 ? size / 2 : faqs * 300);
    add_heading(&sb, &v, &r);
    strbuf_adds(&sb, "\n\n");
    add_paragraph(&sb, &v, &r);
    strbuf_adds(&sb, "\n");
    while (sb.len < body) {
        add_heading(&sb, &v, &r);
        strbuf_addc(&sb, '\n');
        if (rng_below(&r, 5) < 3) { /* a group of two to four sections */
            size_t n = 2 + (size_t)rng_below(&r, 3);
            for (size_t i = 0; i < n; i++) {
                add_heading(&sb, &v, &r);
                strbuf_addc(&sb, '\n');
                add_section_text(&sb, &v, &r);
            }
        } else {
            add_section_text(&sb, &v, &r);
        }
        strbuf_addc(&sb, '\n'); /* two blank lines end a group */
    }
    strbuf_adds(&sb, "Frequently Asked Questions\n\n");
    for (size_t i = 0; i < faqs && sb.len < size; i++) {
        strbuf_addf(&sb, "What %s the %s %s of ", verbs[rng_below(&r, sizeof verbs / sizeof *verbs)],
                    word(&v, &r), word(&v, &r));
        add_name(&sb, &v, &r);
        strbuf_adds(&sb, "?\n\n");
        add_paragraph(&sb, &v, &r);
    }
    vocab_release(&v);
    *len = sb.len;
    return strbuf_detach(&sb);
}

/* ---- measuring ---- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A hash of every item's strings and answer, in order. */
static uint64_t digest(const item_set *set)
{
    uint64_t h = 0;
    for (size_t i = 0; i < set->n; i++) {
        const item *it = &set->items[i];
        const char *parts[4 + ITEM_MAX_CHOICES] = {it->id, it->prompt, it->source, it->section};
        for (size_t k = 0; k < it->nchoices; k++)
            parts[4 + k] = it->choices[k];
        for (size_t k = 0; k < 4 + it->nchoices; k++)
            h = hash64(parts[k], strlen(parts[k]) + 1, h);
        h = hash64(&it->answer, sizeof it->answer, h);
    }
    return h;
}

static int usage(void)
{
    fputs("usage: gen_bench [-t N] [-w OUT] SIZE | gen_bench [-t N] -f FILE\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    uint64_t threads = 0;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "-f") && i + 1 < argc)
            file = argv[++i];
        else if (!strcmp(argv[i], "-w") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "-t") && i + 1 < argc &&
                 parse_whole(argv[i + 1], 1, 64, &threads) == 0)
            i++;
        else
            return usage();
    }
    char *buf;
    size_t len;
    if (file) {
        if (i != argc)
            return usage();
        if (read_file_max(file, SIZE_MAX, &buf, &len) != 0) {
            fprintf(stderr, "gen_bench: cannot read '%s': %s\n", file, strerror(errno));
            return 1;
        }
    } else {
        uint64_t size;
        if (i + 1 != argc || parse_whole(argv[i], 1000, (uint64_t)1 << 32, &size) != 0)
            return usage();
        buf = synthesise((size_t)size, &len);
        if (out) {
            FILE *f = fopen(out, "wb");
            if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
                fprintf(stderr, "gen_bench: cannot write '%s': %s\n", out, strerror(errno));
                return 1;
            }
        }
    }

    double t0 = now_ms();
    article *a;
    char *err;
    if (article_parse(file ? file : "synthetic", buf, len, &a, &err) != 0) {
        fprintf(stderr, "gen_bench: %s\n", err);
        free(err);
        free(buf);
        return 1;
    }
    double t1 = now_ms();
    item_set set = {0};
    char *lerr = NULL;
    lex *lx = lex_open_default(&lerr); /* mapped, not read: its pages count as they are used */
    if (!lx) {
        fprintf(stderr, "gen_bench: %s\n", lerr);
        free(lerr);
        return 1;
    }
    gen_options opt = {ITEM_MEDIUM, 0, (int)threads, lx};
    gen_build(a, &opt, &set);
    double t2 = now_ms();

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%zu,%.2f,%.2f,%.2f,%ld,%zu,%zu,%016llx\n", len, t1 - t0, t2 - t1, t2 - t0,
           ru.ru_maxrss, set.n, a->ntopics, (unsigned long long)digest(&set));
    item_set_release(&set);
    lex_close(lx);
    article_free(a);
    free(buf);
    return 0;
}
