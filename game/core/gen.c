/* gen.c - build multiple-choice items from a parsed article.
 *
 * Start reading at gen_build(). It works in three passes, each linear in the
 * article's size:
 *   1. collect: split every section into sentences, remember each normalised
 *      sentence in a hash map (which section holds it), and collect the key
 *      terms of each kind (names, enumeration items, numbers) into pools;
 *   2. keywords: per section, the words frequent there and rare elsewhere
 *      (term frequency times inverse section frequency) form the keyword pool;
 *   3. items: per sentence a section item, a "says" item and cloze items,
 *      per section list items, per FAQ pair an faq item. Wrong choices come
 *      from a bounded set of candidates of the answer's kind (the whole pool
 *      when it is small, else the same section, the same topic and a sample
 *      of similar length), are checked against the article with hash
 *      lookups, judged by the rules of gen_rules.c (which also rank them by
 *      closeness to the answer) and picked from the far end (easy), the
 *      middle (medium) or the near end (hard).
 * As the items are joined in order, repeats are dropped and the right
 * answers' positions are dealt from a balanced bag.
 *
 * Long articles use one worker per core (par_for): pass 1 reads sections
 * side by side while the calling thread adds what each found in article
 * order; pass 2 scores sections side by side; pass 3 makes items in chunks
 * of sections and FAQ pairs while the calling thread joins them in order.
 * The calling thread runs tasks itself while it waits for one (par_wait), so
 * every core works. Workers only read what is shared and write their own
 * scratch, so the items never depend on how many there are (test_gen checks
 * it, and CI runs the generator under ThreadSanitizer). Strings that live
 * as long as the generator (sentences, terms) sit in arenas, freed in a few
 * blocks, and pass 1's scratch is freed once the scanners stop (freeing
 * memory of a thread that is still allocating contends for its allocator's
 * lock).
  *
 * long: the generator's machinery is one unit: its three passes share the
 * pools, the hash sets and the workers, and the rules it applies are
 * already in gen_rules.c; a split would pass a dozen structures through a
 * private header for no reader's gain.
 */
#include "gen.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "gen_rules.h"
#include "rng.h"
#include "text.h"
#include "util.h"

enum { TERM_NAME, TERM_ENUM, TERM_NUMBER, TERM_KEYWORD, TERM_KINDS };

#define MIN_WORDS GEN_MIN_WORDS  /* shorter sentences make no cloze or section item */
#define MIN_CHOICES GEN_MIN_CHOICES /* fewer choices than asked, never fewer than this */
#define MAX_WORDS GEN_MAX_WORDS  /* longer ones neither: the prompt would not fit */
#define MAX_NAME_WORDS 5        /* longer capitalised runs are titles, not names */
#define SAYS_MAX_WORDS 30       /* longer sentences are no choices of a "says" item */
#define KEYWORDS_PER_SECTION 5  /* top keywords kept per section */
#define SMALL_POOL 512          /* pools up to this size are searched whole */
#define NEAR_CAP 48             /* candidates from the same section, and topic */
#define SAMPLE_CAP 96           /* candidates sampled among similar lengths */
#define CAND_MAX (2 * NEAR_CAP + SAMPLE_CAP)
#define CAND_SLOTS 512          /* > 2 * CAND_MAX, a power of 2 */
#define GEN_MAX_THREADS 8      /* workers of pass 3, at most */
#define CHUNKS_PER 16           /* pieces of pass 3 per worker */
#define PAR_BYTES 65536         /* less text is read by one worker */
#define NONE ((size_t)-1)
#define MULTI ((size_t)-2)

typedef struct sent {
    char *text;
    char *norm;
    size_t topic, section;
    size_t nwords;
    uint64_t key;
    uint64_t poly; /* poly_hash(norm), for ctx.sentpoly */
    uint64_t mh;   /* text_map_hash(norm), for ctx.sentset */
} sent;

/* Hot fields first: a candidate is mostly judged by them and its norm,
 * which shares one allocation with text (norm first). h, sig, multi, cls
 * and ws are filled in by pool_hot(), side by side, after pass 2. */
typedef struct term {
    char *norm;
    size_t len; /* bytes of norm */
    size_t topic, section;
    uint64_t h;     /* poly_hash(norm) */
    text_dupsig sig;
    bool multi;     /* norm holds ' ' or '-' */
    int cls;        /* word-ending class, for keywords */
    uint8_t hint;   /* names: rules_name_hint() where first found with one */
    bool instr;     /* says: an instruction (rules_instruction()), by finish_pools() */
    uint32_t nwords; /* its words, by finish_pools() */
    uint32_t unit;  /* numbers: rules_number_unit() where first found */
    char *text;     /* as first written */
    size_t ltext;   /* its bytes */
    text_wordset ws; /* words of text, for closeness */
    text_stems stems; /* titles and sentences (the title and says pools): the stems of
                       * text, by finish_pools(), for the give-away check */
} term;

/* A polynomial hash: poly(x || y) == poly(x) * POLY_B^|y| + poly(y), so a
 * filled-in sentence's hash comes from its parts without building it. */
#define POLY_B 0x100000001b3ULL

static uint64_t poly_hash(const char *s, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * POLY_B + (unsigned char)s[i];
    return h;
}

static uint64_t poly_pow(size_t n)
{
    uint64_t r = 1, b = POLY_B;
    for (; n; n >>= 1, b *= b)
        if (n & 1)
            r *= b;
    return r;
}

static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

/* A set of normal forms by their 64-bit hashes (open addressing); the
 * strings are the caller's. */
typedef struct hslot {
    uint64_t h;
    const char *src;
    size_t len;
} hslot;

typedef struct hset {
    hslot *v;
    size_t cap, n;
} hset;

static void hset_clear(hset *s)
{
    if (s->n)
        memset(s->v, 0, s->cap * sizeof *s->v);
    s->n = 0;
}

static void hset_grow(hset *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 256;
    hslot *nv = xcalloc(ncap, sizeof *nv);
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->v[i].h)
            continue;
        size_t j = (size_t)mix64(s->v[i].h) & (ncap - 1);
        while (nv[j].h)
            j = (j + 1) & (ncap - 1);
        nv[j] = s->v[i];
    }
    free(s->v);
    s->v = nv;
    s->cap = ncap;
}

/* h must not be 0 (callers map 0 to 1). */
static void hset_add(hset *s, uint64_t h, const char *src, size_t len)
{
    if ((s->n + 1) * 2 > s->cap)
        hset_grow(s);
    size_t j = (size_t)mix64(h) & (s->cap - 1);
    while (s->v[j].h)
        j = (j + 1) & (s->cap - 1);
    s->v[j] = (hslot){h, src, len};
    s->n++;
}

/* A bare set of 64-bit hashes (0 means free; callers map 0 to 1). */
typedef struct u64set {
    uint64_t *v;
    size_t cap, n;
} u64set;

static void u64set_add(u64set *s, uint64_t h)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        uint64_t *nv = xcalloc(ncap, sizeof *nv);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->v[i])
                continue;
            size_t j = (size_t)mix64(s->v[i]) & (ncap - 1);
            while (nv[j])
                j = (j + 1) & (ncap - 1);
            nv[j] = s->v[i];
        }
        free(s->v);
        s->v = nv;
        s->cap = ncap;
    }
    size_t j = (size_t)mix64(h) & (s->cap - 1);
    while (s->v[j]) {
        if (s->v[j] == h)
            return;
        j = (j + 1) & (s->cap - 1);
    }
    s->v[j] = h;
    s->n++;
}

static void hset_release(hset *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}

static uint64_t nz(uint64_t h)
{
    return h ? h : 1;
}

/* Normal form of s[0..n) in a reused buffer (*buf, *cap); *len its length. */
static char *norm_into(char **buf, size_t *cap, const char *s, size_t n, size_t *len)
{
    if (n + 1 > *cap)
        xgrow((void **)buf, cap, n + 1, 1);
    *len = text_normalize_to(*buf, s, n);
    return *buf;
}

/* A small set of strings: each term once per sentence. */
typedef struct strset {
    strbuf b; /* the strings, each NUL-terminated */
    size_t n;
} strset;

static bool strset_add(strset *s, const char *str, size_t len)
{
    const char *p = s->b.buf;
    for (size_t i = 0; i < s->n; i++) {
        size_t l = strlen(p);
        if (l == len && memcmp(p, str, len) == 0)
            return false;
        p += l + 1;
    }
    strbuf_add(&s->b, str, len);
    strbuf_addc(&s->b, '\0');
    s->n++;
    return true;
}

/* What pick() reads of every candidate, one cache line each: most are
 * judged without touching the term or its strings. */
typedef struct hot {
    uint64_t h;         /* poly_hash(norm) */
    text_dupsig sig;
    uint32_t len, topic, section; /* section NONE as UINT32_MAX */
    uint16_t tk[4];     /* bloom bits of norm's first and last token, two each */
    uint8_t first, last; /* bytes of norm */
    bool multi, ntk;    /* ntk: tk holds something (norm has a token) */
    uint64_t wsbloom;   /* the term's ws_bloom: no common bit, no common word */
    char pad[6];
} hot;
_Static_assert(sizeof(hot) == 64, "one cache line per hot record");

typedef struct pool {
    term *v;
    hot *hot;           /* built by finish_pools() */
    rule_term *rt;      /* the terms as the rules see them (term pools only): finish_pools() */
    size_t n, cap;
    text_map index; /* norm -> position in v */
    arena strs;     /* the terms' norm and text */
    char *nbuf;     /* scratch */
    size_t capnbuf;
    size_t *by_sec, *by_topic, *by_len; /* positions sorted by those keys */
    size_t *sec_at, *topic_at, *len_at;  /* where each key starts in those */
    size_t maxlen;
} pool;

typedef struct occ {
    size_t sent;
    size_t off, len;
    int kind;
} occ;

typedef struct wstat {
    char *word; /* lower case, in ctx.wordstrs */
    size_t df, last_sec, tf;
} wstat;

typedef struct sec_info {
    const article_section *s;
    size_t topic;
    size_t first_sent, nsent;
    size_t kw[KEYWORDS_PER_SECTION]; /* wstat ids */
    size_t nkw;
    size_t tf_first, tf_n; /* range in ctx.tf_ids */
} sec_info;

typedef struct ctx {
    const article *a;
    item_difficulty diff;
    size_t nchoices;
    bool russian; /* the article is in Russian: its prompts too, and no word blanks */
    const lex *lx; /* the lexicon the rules read; NULL: words are never asked for */
    item_set *out;
    sent *sents;
    size_t nsents, capsents;
    arena sentstrs; /* the sentences' text and norm */
    sec_info *secs;
    size_t nsecs;
    text_map sentset; /* normalised sentence -> section, MULTI or NONE */
    pool pools[TERM_KINDS];
    pool titles, faqs;
    pool says; /* sentences short enough to be choices (SAYS_MAX_WORDS), by section */
    u64set sentpoly; /* poly_hash of every key of sentset */
    char *wbuf;    /* scratch for text_normalize_to in pass 1 */
    size_t capwbuf;
    occ *occs;
    size_t nocc, capocc;
    text_map words; /* lower-case word -> wstat id */
    text_map same;  /* "hull\x1fpericarp": words the article gives as one thing */
    text_map common; /* stems of the article's title and of words in a third of its
                      * sections or more (find_common()) */
    bool *summary;   /* per section: a summary's (rules_summary_title()), left out */
    arena wordstrs; /* the wstats' words */
    wstat *ws;
    size_t nws, capws;
    size_t *tf_ids, *tf_vals;
    size_t ntf, captf, captfv;
} ctx;

/* A piece of pass 3's work, in article order: one FAQ pair (index q of
 * topic t's FAQ) or one section (index sec of ctx.secs); a topic's FAQ
 * pairs come before its sections. */
typedef struct unit {
    size_t t, q, sec; /* q NONE: a section; else sec NONE */
} unit;

/* A piece of pass 3: a run of units and the items made from it, in order. */
typedef struct chunk {
    const unit *u;   /* units [0, nu) */
    size_t nu;
    size_t occ0;     /* the first occurrence in a sentence of the first section */
    item_set items;
    uint64_t *keys;  /* keys[i]: hash of items[i]'s prompt and answer */
    size_t capkeys;
} chunk;

/* One worker of pass 3 and its scratch. Workers only read the ctx, so they
 * run side by side; gen_build() then appends the chunks' items in order,
 * dropping repeats. */
typedef struct work {
    const ctx *c;
    chunk *out;      /* the chunk at hand */
    size_t nchoices; /* choices of the item being made: c->nchoices, fewer for a small FAQ */
    text_stemmer *stemmer;         /* made when first needed (key_clangs) */
    text_stems stems_q, stems_a;   /* a question's stems, a choice's */
    text_stems stems_c;            /* a candidate's, in check_ok() */
    const char *quoted;            /* the last quote quote_names_key() read, and its */
    text_stems quote_stems;        /* stems with base forms and families */
    rule_term key;   /* the answer at hand, as the rules see it */
    char *wbuf;      /* another, outside pick() */
    size_t capwbuf;
    char *abuf;      /* another: the answer's normal form, in pick() */
    size_t capabuf;
    char *pbuf;      /* another: a cloze prompt's normal form */
    char *sm;        /* the sentence at hand by text_normalize_map() */
    size_t capsm;
    size_t *sat;     /* its positions (capsat) */
    size_t capsat;
    uint64_t *sh;    /* its prefix poly hashes (capsat + 1) */
    size_t cappbuf;
    strbuf fill;     /* a cloze filled with a candidate */
    strbuf prompt;   /* an item's prompt */
    strset done;     /* make_clozes(): the sentence's terms so far */
    text_spans words; /* make_clozes(): the sentence's words */
    strbuf ids[4];   /* set_ids() scratch */
    size_t *cand;    /* pick's scratch */
    size_t capcand;
    struct ranked *rk;
    size_t caprk;
    hset grams;      /* list: word n-grams of the section at hand */
    char *secnorm;   /* their normal forms: the section's paragraphs normalised */
    size_t capsecnorm;
    size_t *at;      /* text_normalize_map's positions, for a paragraph */
    size_t capat;
    uint64_t *ph;    /* prefix poly hashes of a normalised paragraph (capat + 1) */
} work;

/* ---- small helpers ---- */

static bool ends_with(const char *w, size_t n, const char *suf)
{
    size_t l = strlen(suf);
    return n > l && strcmp(w + n - l, suf) == 0;
}

/* A rough word class from the ending, so a keyword's distractors fit the
 * blank: 1 -ing, 2 -ly, 3 -ed, 4 plural, 5 noun ending, 6 adjective ending,
 * 7 hyphenated compound, 8 verb ending (-en, -ize, -ify, -ate), 0 anything
 * else. */
static int suffix_class(const char *w)
{
    static const char *const nouns[] = {"tion", "sion", "ment", "ness", "ity", "ance", "ence",
                                        "ship", "ism", "ure", "ogy", "ist", "hood", "dom"};
    static const char *const adjs[] = {"al", "ic", "ive", "ous", "ful", "able", "ible", "ary",
                                       "less", "ish"};
    static const char *const verbs[] = {"en", "ize", "ise", "ify", "ate"};
    size_t n = strlen(w);
    if (strchr(w, '-'))
        return 7; /* compounds: "high-level", "modern-day" */
    if (ends_with(w, n, "ing"))
        return 1;
    if (ends_with(w, n, "ly"))
        return 2;
    if (ends_with(w, n, "ed"))
        return 3;
    if (n > 3 && w[n - 1] == 's' && !ends_with(w, n, "ss") && !ends_with(w, n, "ous") &&
        !ends_with(w, n, "is") && !ends_with(w, n, "us"))
        return 4;
    for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
        if (ends_with(w, n, nouns[i]))
            return 5;
    for (size_t i = 0; i < sizeof adjs / sizeof *adjs; i++)
        if (ends_with(w, n, adjs[i]))
            return 6;
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        if (ends_with(w, n, verbs[i]))
            return 8;
    return 0;
}

/* Common verbs that make poor blanks however rare they are in an article. */
static bool weak_keyword(const char *w)
{
    static const char *const weak[] = {
        "allow", "allows", "become", "becomes", "bring", "brings", "called", "continue",
        "continues", "include", "includes", "provide", "provides", "remain", "remains",
        "seems", "should", "through", "thereby", "within", "where", "would", "which",
        "number", "others", "another", "because", "whose",
    };
    for (size_t i = 0; i < sizeof weak / sizeof *weak; i++)
        if (w[0] == weak[i][0] && strcmp(w, weak[i]) == 0)
            return true;
    return false;
}

static uint64_t ws_bloom(const text_wordset *ws)
{
    uint64_t b = 0;
    const uint64_t *h = text_wordset_hashes(ws);
    for (size_t i = 0; i < ws->n; i++)
        b |= 1ULL << (h[i] >> 58);
    return b;
}


/* False when text_near_duplicate_sig() of the term and the answer is
 * surely false (equal, one inside the other, or within the edit limit),
 * judged from the hot record alone. */
static bool maybe_dup(const struct hot *h, size_t la, text_dupsig sa, uint8_t fa, uint8_t lsa)
{
    size_t lb = h->len;
    text_dupsig sb = h->sig;
    if (la == lb && sa.grams == sb.grams)
        return true;
    if (la <= lb && (sa.grams & ~sb.grams) == 0)
        return true;
    if (lb <= la && (sb.grams & ~sa.grams) == 0)
        return true;
    size_t shorter = la < lb ? la : lb;
    size_t limit = shorter / 5 > 1 ? shorter / 5 : 1;
    size_t diff = la > lb ? la - lb : lb - la;
    bool ends_differ = la > 1 && lb > 1 && fa != h->first && lsa != h->last;
    return diff <= limit && la <= 64 && lb <= 64 && !(limit == 1 && ends_differ) &&
           text_hist_bound(sa.hist, sb.hist) <= limit;
}

static bool similar_length(size_t a, size_t b)
{
    return 2 * a >= b && 2 * b >= a;
}

static uint64_t hash_str(const char *s, uint64_t seed)
{
    return hash64(s, strlen(s), seed);
}

/* ---- sentences that make no prompt ---- */

/* ---- pools ---- */

/* Adds a term (text[0..len), its normal form nf[0..nl) whose
 * text_map_hash() is mh) to p unless there; returns its position, NONE
 * when its normal form is empty. */
static size_t pool_add_norm(pool *p, const char *text, size_t len, const char *nf, size_t nl,
                            uint64_t mh, size_t topic, size_t section, uint8_t hint,
                            uint32_t unit_h)
{
    if (!nl)
        return NONE;
    bool added;
    size_t *slot = text_map_put_hashed(&p->index, nf, mh, p->n, &added);
    if (!added) {
        if (!p->v[*slot].hint)
            p->v[*slot].hint = hint;
        return *slot;
    }
    /* norm, then text, in one block */
    char *norm = arena_alloc(&p->strs, nl + len + 2);
    memcpy(norm, nf, nl + 1);
    xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
    term *t = &p->v[p->n];
    t->norm = norm;
    t->text = norm + nl + 1;
    memcpy(t->text, text, len);
    t->text[len] = '\0';
    t->ltext = len;
    t->len = nl;
    t->hint = hint;
    t->unit = unit_h;
    t->topic = topic;
    t->section = section;
    t->ws = (text_wordset){NULL, 0};
    t->stems = (text_stems)TEXT_STEMS_INIT;
    return p->n++;
}

static size_t pool_add(pool *p, const char *text, size_t len, size_t topic, size_t section)
{
    size_t nl;
    const char *norm = norm_into(&p->nbuf, &p->capnbuf, text, len, &nl);
    return pool_add_norm(p, text, len, norm, nl, text_map_hash(norm, nl), topic, section, 0, 0);
}


/* A token is a run of word bytes (a-z, 0-9, and every byte of a UTF-8
 * sequence) of a normal form, the unit norm_has_word() matches on: every
 * token of a term found there is a token of the sentence. */
static bool tok_byte(unsigned char b)
{
    return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
}

/* The two bloom bits (0..511 each) of the token s[0..n). */
static void tok_bits(const char *s, size_t n, uint16_t *bits)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    h = mix64(h);
    bits[0] = (uint16_t)(h >> 55);
    bits[1] = (uint16_t)((h >> 23) & 511);
}

/* Finds the next token of s[0..n) at or after *at: sets *at to its start
 * and returns its length, 0 when there is none. */
static size_t next_token(const char *s, size_t n, size_t *at)
{
    size_t i = *at;
    while (i < n && !tok_byte((unsigned char)s[i]))
        i++;
    size_t e = i;
    while (e < n && tok_byte((unsigned char)s[e]))
        e++;
    *at = i;
    return e - i;
}

/* The bloom of a sentence's tokens for cloze_maybe(). */
static void tok_bloom(const char *norm, uint64_t bloom[8])
{
    size_t n = strlen(norm), at = 0, l;
    memset(bloom, 0, 8 * sizeof *bloom);
    while ((l = next_token(norm, n, &at)) > 0) {
        uint16_t b[2];
        tok_bits(norm + at, l, b);
        bloom[b[0] >> 6] |= 1ULL << (b[0] & 63);
        bloom[b[1] >> 6] |= 1ULL << (b[1] & 63);
        at += l;
    }
}


/* The key of a hot record: 0 section (NONE as nsecs), 1 topic, 2 length. */
static size_t hot_key(const hot *t, int which, size_t nsecs)
{
    return which == 0 ? (t->section == UINT32_MAX ? nsecs : t->section)
           : which == 1 ? t->topic
                        : t->len;
}

/* The positions of p sorted by key which (in 0..nkeys-1), in position
 * order within a key (a counting sort), into *ix; (*at)[k] is where key k
 * starts, for k in 0..nkeys. */
static void sort_by_key(const pool *p, int which, size_t nkeys, size_t nsecs, size_t **ix,
                        size_t **at)
{
    size_t *v = xmalloc((p->n ? p->n : 1) * sizeof *v);
    size_t *start = xcalloc(nkeys + 1, sizeof *start);
    for (size_t i = 0; i < p->n; i++)
        start[hot_key(&p->hot[i], which, nsecs) + 1]++;
    for (size_t k = 0; k < nkeys; k++)
        start[k + 1] += start[k];
    size_t *fill = xmalloc((nkeys ? nkeys : 1) * sizeof *fill);
    memcpy(fill, start, nkeys * sizeof *fill);
    for (size_t i = 0; i < p->n; i++)
        v[fill[hot_key(&p->hot[i], which, nsecs)]++] = i;
    free(fill);
    *ix = v;
    *at = start;
}

/* The hot records (and word sets) of the terms [i0, i1) of p. */
static void pool_hot(pool *p, size_t i0, size_t i1)
{
    for (size_t i = i0; i < i1; i++) {
        term *t = &p->v[i];
        t->h = poly_hash(t->norm, t->len);
        t->sig = text_dupsig_of(t->norm, t->len);
        t->multi = strpbrk(t->norm, " -") != NULL;
        t->cls = suffix_class(t->norm);
        hot *h = &p->hot[i];
        memset(h, 0, sizeof *h);
        h->h = t->h;
        h->sig = t->sig;
        h->len = (uint32_t)t->len;
        h->topic = (uint32_t)t->topic;
        h->section = t->section == NONE ? UINT32_MAX : (uint32_t)t->section;
        h->first = (uint8_t)t->norm[0];
        h->last = (uint8_t)t->norm[t->len - 1];
        h->multi = t->multi;
        text_wordset_of(p->v[i].text, &p->v[i].ws);
        h->wsbloom = ws_bloom(&p->v[i].ws);
        size_t at = 0, l = next_token(t->norm, t->len, &at);
        if (l > 0) {
            h->ntk = true;
            tok_bits(t->norm + at, l, h->tk);
            size_t last = at, ll = l; /* the last token */
            for (at += l; (l = next_token(t->norm, t->len, &at)) > 0; at += l) {
                last = at;
                ll = l;
            }
            tok_bits(t->norm + last, ll, h->tk + 2);
        }
    }
}

/* The positions sorted by one key (0 section, 1 topic, 2 length) and its
 * start table, once every hot record is made, for an article of nsecs
 * sections in ntopics topics; the three keys may be sorted side by side. */
static void pool_sort(pool *p, int key, size_t nsecs, size_t ntopics)
{
    if (key == 0) {
        sort_by_key(p, 0, nsecs + 1, nsecs, &p->by_sec, &p->sec_at);
    } else if (key == 1) {
        sort_by_key(p, 1, ntopics, nsecs, &p->by_topic, &p->topic_at);
    } else {
        size_t maxlen = 0;
        for (size_t i = 0; i < p->n; i++)
            maxlen = p->hot[i].len > maxlen ? p->hot[i].len : maxlen;
        sort_by_key(p, 2, maxlen + 1, nsecs, &p->by_len, &p->len_at);
        p->maxlen = maxlen;
    }
}

static void pool_release(pool *p)
{
    for (size_t i = 0; i < p->n; i++) {
        text_wordset_release(&p->v[i].ws);
        text_stems_release(&p->v[i].stems);
    }
    arena_release(&p->strs);
    free(p->v);
    free(p->hot);
    free(p->rt);
    free(p->nbuf);
    text_map_release(&p->index);
    free(p->by_sec);
    free(p->by_topic);
    free(p->by_len);
    free(p->sec_at);
    free(p->topic_at);
    free(p->len_at);
    memset(p, 0, sizeof *p);
}

/* ---- running side by side ---- */

/* par_for() runs fn(arg, task, worker) for every task in 0..ntasks-1 on nw
 * workers (worker 0 is the calling thread); each worker takes the next task
 * as it frees up. A thread that cannot be started leaves its share to the
 * others. The tasks must only share what none of them writes.
 * par_beside() runs side(side_arg, p) on the calling thread, worker 0, while
 * workers 1..nw-1 take the tasks; side waits for a task with par_wait(),
 * which meanwhile runs the next tasks on worker 0, so no core idles (and one
 * worker alone runs them in order as they are waited for). Tasks left when
 * side returns run before par_beside() does. */
typedef void par_fn(void *arg, size_t task, size_t worker);

typedef struct par {
    par_fn *fn;
    void *arg;
    size_t ntasks;
    atomic_size_t next;
    atomic_bool *done;      /* par_beside(): per task */
    atomic_size_t sleepers; /* side threads asleep on cv (at most one) */
    pthread_mutex_t mu;     /* for cv */
    pthread_cond_t cv;
} par;

typedef struct par_worker {
    par *p;
    size_t id;
} par_worker;

/* Runs the next untaken task on worker w; false when none is left. */
static bool par_step(par *p, size_t w)
{
    size_t k = atomic_fetch_add(&p->next, 1);
    if (k >= p->ntasks)
        return false;
    p->fn(p->arg, k, w);
    if (p->done) {
        /* seq_cst both sides: either par_wait() sees the flag or this sees
         * it asleep and wakes it */
        atomic_store(&p->done[k], true);
        if (atomic_load(&p->sleepers)) {
            pthread_mutex_lock(&p->mu);
            pthread_cond_broadcast(&p->cv);
            pthread_mutex_unlock(&p->mu);
        }
    }
    return true;
}

static void *par_run(void *x)
{
    par_worker *w = x;
    while (par_step(w->p, w->id))
        ;
    return NULL;
}

/* Waits until task k is done (par_beside's side only), running tasks meanwhile. */
static void par_wait(par *p, size_t k)
{
    while (!atomic_load(&p->done[k])) {
        if (par_step(p, 0))
            continue;
        pthread_mutex_lock(&p->mu);
        atomic_fetch_add(&p->sleepers, 1);
        while (!atomic_load(&p->done[k]))
            pthread_cond_wait(&p->cv, &p->mu);
        atomic_fetch_sub(&p->sleepers, 1);
        pthread_mutex_unlock(&p->mu);
    }
}

static void par_go(size_t nw, size_t ntasks, par_fn *fn, void *arg,
                   void (*side)(void *, par *), void *side_arg)
{
    par p = {fn, arg, ntasks, 0, NULL, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    if (side) {
        p.done = xmalloc((ntasks ? ntasks : 1) * sizeof *p.done);
        for (size_t k = 0; k < ntasks; k++)
            atomic_init(&p.done[k], false);
    }
    if (nw > ntasks)
        nw = ntasks ? ntasks : 1;
    par_worker *ws = xcalloc(nw, sizeof *ws);
    pthread_t *tid = xcalloc(nw, sizeof *tid);
    bool *started = xcalloc(nw, sizeof *started);
    for (size_t k = 0; k < nw; k++)
        ws[k] = (par_worker){&p, k};
    for (size_t k = 1; k < nw; k++)
        started[k] = pthread_create(&tid[k], NULL, par_run, &ws[k]) == 0;
    if (side)
        side(side_arg, &p);
    par_run(&ws[0]);
    for (size_t k = 0; k < nw; k++)
        if (started[k])
            pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    free(p.done);
    free(started);
    free(tid);
    free(ws);
}

static void par_for(size_t nw, size_t ntasks, par_fn *fn, void *arg)
{
    par_go(nw, ntasks, fn, arg, NULL, NULL);
}

static void par_beside(size_t nw, size_t ntasks, par_fn *fn, void *arg,
                       void (*side)(void *, par *), void *side_arg)
{
    par_go(nw, ntasks, fn, arg, side, side_arg);
}

/* ---- pass 1: sentences and terms ---- */

/* Pass 1 reads each section side by side (scan_section: sentences, their
 * normal forms, terms and keyword-shaped words), then adds what it found to
 * the maps and pools in article order (add_section), so that positions in
 * the pools do not depend on the workers. */

/* A term found in a sentence, for a pool. */
typedef struct sterm {
    int kind;
    bool occ;       /* also a cloze candidate of its sentence */
    size_t off, len; /* in the sentence */
    size_t text_at; /* NONE: the sentence's bytes; else a lowered copy in buf */
    size_t norm_at, nl; /* its normal form in buf */
    uint64_t mh;        /* text_map_hash() of it */
    uint8_t hint;       /* names: rules_name_hint() */
    uint32_t unit;      /* numbers: rules_number_unit() */
} sterm;

/* A keyword-shaped word of a scan: its lower-case form in buf. */
typedef struct sword {
    size_t at;
    uint64_t mh; /* text_map_hash() of it */
} sword;

/* What scan_section() found in one section. */
typedef struct scan {
    sent *sents;
    size_t nsents;
    size_t *term_end, *word_end; /* per sentence: where its terms, words end */
    sterm *terms;
    size_t nterms, capterms;
    sword *words; /* keyword-shaped words */
    size_t nwords, capwords;
    strbuf buf; /* NUL-terminated strings */
    arena strs; /* the sentences' text and norm */
} scan;

static void scan_release(scan *sc)
{
    arena_release(&sc->strs); /* unless taken over */
    free(sc->sents);
    free(sc->term_end);
    free(sc->word_end);
    free(sc->terms);
    free(sc->words);
    strbuf_release(&sc->buf);
    memset(sc, 0, sizeof *sc);
}

/* Appends the normal form of s[0..n) to sc->buf; returns its offset. */
static size_t scan_norm(scan *sc, const char *s, size_t n, size_t *nl)
{
    size_t at = sc->buf.len;
    strbuf_reserve(&sc->buf, n + 1);
    *nl = text_normalize_to(sc->buf.buf + at, s, n);
    sc->buf.len += *nl + 1;
    return at;
}

static void scan_term(scan *sc, int kind, bool is_occ, const char *s, size_t off, size_t len,
                      size_t text_at)
{
    xgrow((void **)&sc->terms, &sc->capterms, sc->nterms + 1, sizeof *sc->terms);
    sterm *t = &sc->terms[sc->nterms++];
    *t = (sterm){kind, is_occ, off, len, text_at, 0, 0, 0, 0, 0};
    if (kind == TERM_NAME)
        t->hint = rules_name_hint(s, off, len);
    else if (kind == TERM_NUMBER) {
        t->unit = rules_number_unit(s, off, len);
        t->hint = rules_number_ranged(s, off, len);
    }
    strbuf_reserve(&sc->buf, len + 1); /* buf stays put while read from */
    t->norm_at = scan_norm(sc, text_at == NONE ? s + off : sc->buf.buf + text_at, len, &t->nl);
    t->mh = text_map_hash(sc->buf.buf + t->norm_at, t->nl);
}

/* The names, enumeration items and numbers of s; with usable they are also
 * cloze candidates (enumeration items not at the start). */
static void scan_terms(scan *sc, const char *s, const text_spans *words, bool usable)
{
    text_spans sp = TEXT_SPANS_INIT, w = TEXT_SPANS_INIT;
    text_names_in(s, words, &sp);
    for (size_t i = 0; i < sp.n; i++) {
        w.n = 0;
        text_words(s + sp.v[i].off, sp.v[i].len, &w);
        if (w.n <= MAX_NAME_WORDS) /* longer capitalised runs are titles */
            scan_term(sc, TERM_NAME, usable, s, sp.v[i].off, sp.v[i].len, NONE);
    }
    text_spans_release(&w);
    sp.n = 0;
    text_enumerations_in(s, words, &sp, 0);
    for (size_t i = 0; i < sp.n; i++) {
        /* "Art, music and dance are...": the pool keeps "art" */
        size_t off = sp.v[i].off, len = sp.v[i].len, text_at = NONE;
        if (off == 0 && len > 1 && s[1] >= 'a' && s[1] <= 'z') {
            text_at = sc->buf.len;
            strbuf_add(&sc->buf, s, len);
            strbuf_addc(&sc->buf, '\0');
            sc->buf.buf[text_at] = (char)ascii_lower((unsigned char)s[0]);
        }
        scan_term(sc, TERM_ENUM, usable && off > 0, s, off, len, text_at);
    }
    for (size_t i = 0; i < words->n; i++)
        if (text_is_number(s + words->v[i].off, words->v[i].len))
            scan_term(sc, TERM_NUMBER, usable, s, words->v[i].off, words->v[i].len, NONE);
    text_spans_release(&sp);
}

/* The keyword-shaped words of s, lower case. */
static void scan_words(scan *sc, const char *s, const text_spans *w)
{
    for (size_t i = 0; i < w->n; i++) {
        const char *p = s + w->v[i].off;
        size_t l = w->v[i].len, ll;
        if (l < 6 || text_is_capitalised(p, l) || text_is_stopword(p, l) ||
            text_is_number(p, l) || text_possessive_len(p, l))
            continue;
        xgrow((void **)&sc->words, &sc->capwords, sc->nwords + 1, sizeof *sc->words);
        size_t at = scan_norm(sc, p, l, &ll);
        sc->words[sc->nwords++] = (sword){at, text_map_hash(sc->buf.buf + at, ll)};
    }
}

/* The items of a list paragraph ("a; b; c") as enumeration items. */
static void scan_list(scan *sc, const char *s)
{
    for (size_t off = 0; s[off];) {
        const char *e = strstr(s + off, "; ");
        size_t len = e ? (size_t)(e - (s + off)) : strlen(s + off);
        if (len)
            scan_term(sc, TERM_ENUM, true, s, off, len, NONE);
        off += len + (e ? 2 : 0);
    }
}

/* Is the article in Russian: more Cyrillic letters than Latin ones in the
 * first 64 KB of its sections? */
static bool in_russian(const article *a)
{
    size_t cyr = 0, lat = 0, seen = 0;
    for (size_t t = 0; t < a->ntopics && seen < 65536; t++)
        for (size_t k = 0; k < a->topics[t].nsections && seen < 65536; k++)
            for (size_t p = 0; p < a->topics[t].sections[k].npara && seen < 65536; p++) {
                const unsigned char *x = (const unsigned char *)a->topics[t].sections[k].paras[p].text;
                for (; *x && seen < 65536; x++, seen++) {
                    if ((*x >= 'a' && *x <= 'z') || (*x >= 'A' && *x <= 'Z'))
                        lat++;
                    else if (*x == 0xD0 || *x == 0xD1)
                        cyr++;
                }
            }
    return cyr > lat;
}

static void scan_section(const article_section *s, scan *sc)
{
    size_t cap = 0;
    text_spans w = TEXT_SPANS_INIT; /* a sentence's words */
    for (size_t p = 0; p < s->npara; p++) {
        const char *text = s->paras[p].text;
        text_spans ss = TEXT_SPANS_INIT;
        if (s->paras[p].list) { /* one "sentence" of items */
            xgrow((void **)&ss.v, &ss.cap, 1, sizeof *ss.v);
            ss.v[ss.n++] = (text_span){0, strlen(text), 0};
        } else {
            text_sentences(text, &ss);
        }
        for (size_t k = 0; k < ss.n; k++) {
            if (sc->nsents == cap) {
                cap = cap ? 2 * cap : 16;
                sc->sents = xrealloc(sc->sents, cap * sizeof *sc->sents);
                sc->term_end = xrealloc(sc->term_end, cap * sizeof *sc->term_end);
                sc->word_end = xrealloc(sc->word_end, cap * sizeof *sc->word_end);
            }
            sent *st = &sc->sents[sc->nsents];
            size_t lt = ss.v[k].len;
            st->text = arena_strndup(&sc->strs, text + ss.v[k].off, lt);
            st->norm = arena_alloc(&sc->strs, lt + 1);
            size_t ln = text_normalize_to(st->norm, st->text, lt);
            st->key = hash64(st->norm, ln, 0x50c7ce5ULL);
            st->poly = poly_hash(st->norm, ln);
            st->mh = text_map_hash(st->norm, ln);
            w.n = 0;
            text_words(st->text, lt, &w);
            st->nwords = w.n;
            if (s->paras[p].list) {
                /* a list: its items are listed things; no cloze or section
                 * item is made of the list itself (nwords 0) */
                st->nwords = 0;
                scan_list(sc, st->text);
            } else {
                /* a sentence with an address in it is no prompt */
                if (text_has_url(st->text))
                    st->nwords = 0;
                scan_terms(sc, st->text, &w, st->nwords >= MIN_WORDS && st->nwords <= MAX_WORDS);
            }
            scan_words(sc, st->text, &w);
            sc->term_end[sc->nsents] = sc->nterms;
            sc->word_end[sc->nsents] = sc->nwords;
            sc->nsents++;
        }
        text_spans_release(&ss);
    }
    text_spans_release(&w);
}

static void add_occ(ctx *c, size_t si, size_t off, size_t len, int kind)
{
    xgrow((void **)&c->occs, &c->capocc, c->nocc + 1, sizeof *c->occs);
    c->occs[c->nocc++] = (occ){si, off, len, kind};
}

/* Adds the terms [t0, t1) of sc, found in text s, to the pools; with si !=
 * NONE records the cloze candidates among them for sentence si. */
static void add_terms(ctx *c, const scan *sc, size_t t0, size_t t1, const char *s, size_t topic,
                      size_t section, size_t si)
{
    for (size_t i = t0; i < t1; i++) {
        const sterm *t = &sc->terms[i];
        const char *text = t->text_at == NONE ? s + t->off : sc->buf.buf + t->text_at;
        pool_add_norm(&c->pools[t->kind], text, t->len, sc->buf.buf + t->norm_at, t->nl, t->mh,
                      topic, section, t->hint, t->unit);
        if (si != NONE && t->occ)
            add_occ(c, si, t->off, t->len, t->kind);
    }
}

/* Counts the keyword-shaped word low (lower case, text_map_hash() mh) for
 * section sec. */
static void count_word(ctx *c, const char *low, uint64_t mh, size_t sec)
{
    bool added;
    size_t id = *text_map_put_hashed(&c->words, low, mh, c->nws, &added);
    if (added) {
        xgrow((void **)&c->ws, &c->capws, c->nws + 1, sizeof *c->ws);
        c->ws[c->nws++] = (wstat){arena_strndup(&c->wordstrs, low, strlen(low)), 0, NONE, 0};
    }
    wstat *st = &c->ws[id];
    if (st->last_sec != sec) {
        st->last_sec = sec;
        st->df++;
        st->tf = 0;
        xgrow((void **)&c->tf_ids, &c->captf, c->ntf + 1, sizeof *c->tf_ids);
        c->tf_ids[c->ntf++] = id;
    }
    st->tf++;
}

/* Adds what scan_section() found in section sec (of topic t), taking over
 * its sentences. */
static void add_section(ctx *c, size_t t, size_t sec, scan *sc)
{
    sec_info *si = &c->secs[sec];
    si->topic = t;
    si->first_sent = c->nsents;
    si->tf_first = c->ntf;
    pool_add(&c->titles, si->s->title, strlen(si->s->title), t, sec);
    xgrow((void **)&c->sents, &c->capsents, c->nsents + sc->nsents, sizeof *c->sents);
    size_t t0 = 0, w0 = 0;
    for (size_t k = 0; k < sc->nsents; k++) {
        size_t idx = c->nsents++;
        sent *st = &c->sents[idx];
        *st = sc->sents[k];
        st->topic = t;
        st->section = sec;
        bool added;
        size_t *v = text_map_put_hashed(&c->sentset, st->norm, st->mh, sec, &added);
        if (added)
            u64set_add(&c->sentpoly, nz(st->poly));
        else if (*v != sec)
            *v = MULTI;
        bool usable = st->nwords >= MIN_WORDS && st->nwords <= MAX_WORDS;
        add_terms(c, sc, t0, sc->term_end[k], st->text, t, sec, usable ? idx : NONE);
        if (usable && st->nwords <= SAYS_MAX_WORDS && !rules_lead_in(st->text) &&
            !rules_list_line(st->text) && rules_plain_sentence(st->text))
            pool_add(&c->says, st->text, strlen(st->text), t, sec);
        t0 = sc->term_end[k];
        for (; w0 < sc->word_end[k]; w0++)
            count_word(c, sc->buf.buf + sc->words[w0].at, sc->words[w0].mh, sec);
    }
    sc->nsents = 0; /* taken over, with their strings */
    arena_take(&c->sentstrs, &sc->strs);
    si->nsent = c->nsents - si->first_sent;
    si->tf_n = c->ntf - si->tf_first;
    /* keep this section's term frequencies: the next one resets them */
    xgrow((void **)&c->tf_vals, &c->captfv, c->ntf + 1, sizeof *c->tf_vals);
    for (size_t k = si->tf_first; k < c->ntf; k++)
        c->tf_vals[k] = c->ws[c->tf_ids[k]].tf;
}

/* Appends the normal forms of the sentences of text to sc->sents (text NULL). */
static void scan_sentence_set(scan *sc, const char *text)
{
    text_spans ss = TEXT_SPANS_INIT;
    text_sentences(text, &ss);
    sc->sents = xrealloc(sc->sents, (sc->nsents + ss.n + 1) * sizeof *sc->sents);
    for (size_t i = 0; i < ss.n; i++) {
        char *norm = arena_alloc(&sc->strs, ss.v[i].len + 1);
        size_t ln = text_normalize_to(norm, text + ss.v[i].off, ss.v[i].len);
        sc->sents[sc->nsents++] =
            (sent){NULL, norm, 0, 0, 0, 0, poly_hash(norm, ln), text_map_hash(norm, ln)};
    }
    text_spans_release(&ss);
}

/* FAQ pair q of topic t: its sentences (known, but of no section) and the
 * terms of its answer. */
static void scan_faq(const article_faq *f, scan *sc)
{
    scan_sentence_set(sc, f->question);
    scan_sentence_set(sc, f->answer);
    text_spans w = TEXT_SPANS_INIT;
    text_words(f->answer, strlen(f->answer), &w);
    scan_terms(sc, f->answer, &w, false);
    text_spans_release(&w);
}

/* Adds the normal forms of sc's sentences to the sentence set, of no section. */
static void add_sentence_norms(ctx *c, const scan *sc)
{
    for (size_t i = 0; i < sc->nsents; i++) {
        bool added;
        text_map_put_hashed(&c->sentset, sc->sents[i].norm, sc->sents[i].mh, NONE, &added);
        if (added)
            u64set_add(&c->sentpoly, nz(sc->sents[i].poly));
    }
}

/* Adds what scan_faq() found for FAQ pair f of topic t. */
static void add_faq(ctx *c, size_t t, const article_faq *f, scan *sc)
{
    add_sentence_norms(c, sc);
    add_terms(c, sc, 0, sc->nterms, f->answer, t, NONE, NONE);
    pool_add(&c->faqs, f->answer, strlen(f->answer), t, NONE);
}

typedef struct pass1 {
    ctx *c;
    scan *scans; /* one per section, then one per FAQ pair */
    const article_faq **faqs;
} pass1;

static void scan_task(void *arg, size_t task, size_t worker)
{
    (void)worker;
    pass1 *p = arg;
    if (task < p->c->nsecs)
        scan_section(p->c->secs[task].s, &p->scans[task]);
    else
        scan_faq(p->faqs[task - p->c->nsecs], &p->scans[task]);
}

/* Waits until scan k is done. */
static scan *scan_wait(pass1 *p, par *pp, size_t k)
{
    par_wait(pp, k);
    return &p->scans[k];
}

/* Adds the scans in article order as they are done (beside the scanners). */
static void add_scans(void *arg, par *pp)
{
    pass1 *p = arg;
    ctx *c = p->c;
    const article *a = c->a;
    for (size_t t = 0, sec = 0; t < a->ntopics; t++)
        for (size_t s = 0; s < a->topics[t].nsections; s++, sec++) {
            scan *sc = scan_wait(p, pp, sec);
            add_section(c, t, sec, sc);
        }
    for (size_t t = 0, q = c->nsecs; t < a->ntopics; t++)
        for (size_t f = 0; f < a->topics[t].nfaq; f++, q++) {
            scan *sc = scan_wait(p, pp, q);
            add_faq(c, t, &a->topics[t].faq[f], sc);
        }
}

/* Pass 1 on nw workers. */
static void collect(ctx *c, size_t nw)
{
    const article *a = c->a;
    size_t nfaq = 0;
    for (size_t t = 0; t < a->ntopics; t++) {
        c->nsecs += a->topics[t].nsections;
        nfaq += a->topics[t].nfaq;
    }
    c->secs = xcalloc(c->nsecs ? c->nsecs : 1, sizeof *c->secs);
    pass1 p = {c, xcalloc(c->nsecs + nfaq + 1, sizeof(scan)),
               xcalloc(nfaq + 1, sizeof(const article_faq *))};
    for (size_t t = 0, k = 0, q = 0; t < a->ntopics; t++) {
        for (size_t s = 0; s < a->topics[t].nsections; s++)
            c->secs[k++].s = &a->topics[t].sections[s];
        for (size_t f = 0; f < a->topics[t].nfaq; f++)
            p.faqs[q++] = &a->topics[t].faq[f];
    }
    par_beside(nw, c->nsecs + nfaq, scan_task, &p, add_scans, &p);
    /* freed here, not as they are added: freeing what another thread
     * allocated takes its malloc arena's lock, which stalled the scanners */
    for (size_t k = 0; k < c->nsecs + nfaq; k++)
        scan_release(&p.scans[k]);
    free(p.scans);
    free(p.faqs);
    if (a->intro && *a->intro) {
        scan sc = {0};
        scan_sentence_set(&sc, a->intro);
        add_sentence_norms(c, &sc);
        scan_release(&sc);
    }
}

/* The lower-case word of s[b..e) into buf (cap n); its length, 0 if none. */
static size_t lower_word(const char *s, size_t b, size_t e, char *buf, size_t n)
{
    if (e <= b || e - b >= n)
        return 0;
    for (size_t i = b; i < e; i++)
        buf[i - b] = (char)ascii_lower((unsigned char)s[i]);
    buf[e - b] = '\0';
    return e - b;
}

static void same_add(ctx *c, const char *a, const char *b)
{
    char *k = xasprintf("%s\x1f%s", a, b);
    bool added;
    text_map_put(&c->same, k, 0, &added);
    free(k);
}

/* Words the article gives as names of one thing: "the hull (pericarp)",
 * "the hull, or pericarp,", "the hull, also called the pericarp", "the
 * pericarp, the hard outer hull": the word before the mark and the last of
 * the (short) phrase after it, both ways round. */
static void find_same(ctx *c)
{
    static const char *const marks[] = {" (", ", or ", ", also called ", ", also known as ",
                                        " or simply ", ", the ", ", a ", ", an ", NULL};
    char x[64], y[64];
    for (size_t i = 0; i < c->nsents; i++) {
        const char *t = c->sents[i].text;
        for (const char *const *m = marks; *m; m++)
            for (const char *p = strstr(t, *m); p; p = strstr(p + 1, *m)) {
                size_t at = (size_t)(p - t), b = at, e = at + strlen(*m);
                while (b > 0 && (isalpha((unsigned char)t[b - 1]) || (unsigned char)t[b - 1] >= 0x80))
                    b--;
                if (!strncmp(t + e, "the ", 4))
                    e += 4;
                /* the phrase inside, up to a mark or "of": its last word
                 * ("the hard outer hull of the kernel": hull), four at most */
                size_t f = e, last = e, lend = e, words = 0;
                while (words < 5) {
                    size_t g = f;
                    while (isalpha((unsigned char)t[g]) || (unsigned char)t[g] >= 0x80 || t[g] == '-')
                        g++;
                    if (g == f || (g - f == 2 && !strncmp(t + f, "of", 2)))
                        break;
                    last = f;
                    lend = g;
                    words++;
                    if (t[g] != ' ')
                        break;
                    f = g + 1;
                }
                if (words && words <= 4 && lower_word(t, b, at, x, sizeof x) &&
                    lower_word(t, last, lend, y, sizeof y)) {
                    same_add(c, x, y);
                    same_add(c, y, x);
                }
            }
    }
}

/* Does the article give a and b (terms) as names of one thing? Compared
 * by their last words. */
static bool article_same(const ctx *c, const char *a, const char *b)
{
    if (!c->same.n)
        return false;
    const char *la = strrchr(a, ' '), *lb = strrchr(b, ' ');
    la = la ? la + 1 : a;
    lb = lb ? lb + 1 : b;
    char k[130];
    size_t na = strlen(la), nb = strlen(lb);
    if (na + nb + 2 > sizeof k)
        return false; /* longer than any word find_same() keeps */
    for (size_t i = 0; i < na; i++)
        k[i] = (char)ascii_lower((unsigned char)la[i]);
    k[na] = '\x1f';
    for (size_t i = 0; i < nb; i++)
        k[na + 1 + i] = (char)ascii_lower((unsigned char)lb[i]);
    k[na + 1 + nb] = '\0';
    return text_map_get(&c->same, k) != NULL;
}

/* The article's common stems (ctx.common): its title's, and those found in
 * a third of its sections or more (two at least). */
static void find_common(ctx *c)
{
    text_stemmer *st = text_stemmer_new();
    text_stems ss = TEXT_STEMS_INIT;
    text_map df = TEXT_MAP_INIT, seen = TEXT_MAP_INIT;
    bool added;
    for (size_t k = 0; k < c->nsecs; k++) {
        const sec_info *si = &c->secs[k];
        text_map_release(&seen);
        seen = (text_map)TEXT_MAP_INIT;
        for (size_t i = 0; i <= si->nsent; i++) {
            text_stems_of(st, i < si->nsent ? c->sents[si->first_sent + i].text : si->s->title,
                          &ss);
            const char *x = ss.buf.buf;
            for (size_t j = 0; j < ss.n; j++, x += strlen(x) + 1) {
                text_map_put(&seen, x, 0, &added);
                if (added)
                    (*text_map_put(&df, x, 0, &added))++;
            }
        }
    }
    size_t least = c->nsecs / 3 > 2 ? c->nsecs / 3 : 2;
    for (size_t i = 0; i < df.cap; i++)
        if (df.slots[i].key && df.slots[i].val >= least && c->nsecs >= 3)
            text_map_put(&c->common, df.slots[i].key, 0, &added);
    text_stems_of(st, c->a->title ? c->a->title : "", &ss);
    const char *x = ss.buf.buf;
    for (size_t j = 0; j < ss.n; j++, x += strlen(x) + 1)
        text_map_put(&c->common, x, 0, &added);
    text_map_release(&df);
    text_map_release(&seen);
    text_stems_release(&ss);
    text_stemmer_free(st);
}

/* Is the stem no common one of the article (text_stems_keep's test)? */
static bool distinctive(const char *stem, void *arg)
{
    const ctx *c = arg;
    return text_map_get(&c->common, stem) == NULL;
}

/* ---- pass 2: keywords ---- */

typedef struct scored {
    size_t id;
    double score;
} scored;

static int cmp_scored(const void *x, const void *y)
{
    const scored *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* The keywords of section s into its kw[]: its words by tf-idf times the
 * log of their length, those in over a third of the sections or weak left
 * out. Reads only what pass 1 made, so sections go side by side. */
static void section_keywords(void *arg, size_t s, size_t worker)
{
    (void)worker;
    ctx *c = arg;
    double nsec = (double)c->nsecs;
    size_t maxdf = c->nsecs / 3 > 1 ? c->nsecs / 3 : 1;
    sec_info *si = &c->secs[s];
    scored *sc = xmalloc((si->tf_n + 1) * sizeof *sc);
    size_t nsc = 0;
    for (size_t k = 0; k < si->tf_n; k++) {
        size_t id = c->tf_ids[si->tf_first + k];
        if (c->ws[id].df > maxdf || weak_keyword(c->ws[id].word))
            continue;
        double idf = log((nsec + 1.0) / (double)c->ws[id].df);
        double len = (double)strlen(c->ws[id].word);
        sc[nsc++] = (scored){id, (double)c->tf_vals[si->tf_first + k] * idf * log(len)};
    }
    qsort(sc, nsc, sizeof *sc, cmp_scored);
    for (size_t k = 0; k < nsc && si->nkw < KEYWORDS_PER_SECTION; k++)
        si->kw[si->nkw++] = sc[k].id;
    free(sc);
}

/* Pass 2 on nw workers; the keyword pool gets them in section order. */
static void pick_keywords(ctx *c, size_t nw)
{
    par_for(nw, c->nsecs, section_keywords, c);
    for (size_t s = 0; s < c->nsecs; s++)
        for (size_t k = 0; k < c->secs[s].nkw; k++) {
            const char *w = c->ws[c->secs[s].kw[k]].word;
            pool_add(&c->pools[TERM_KEYWORD], w, strlen(w), c->secs[s].topic, s);
        }
}

/* ---- pass 3: distractors ---- */

/* What a candidate must satisfy besides kind, length and distinctness. */
typedef struct check {
    int what;              /* CHECK_* */
    int article;           /* cloze: ARTICLE_A or ARTICLE_AN before the blank, else 0 */
    const char *sent;      /* cloze: the sentence, normalised */
    const char *pre, *post; /* cloze: the normalised sentence around the blank */
    strbuf *buf;           /* cloze: scratch for the filled sentence */
    uint64_t hpre, hpost, pwpost; /* cloze: poly hashes of pre and post, B^|post| */
    uint64_t sent_seed;    /* cloze: hash_str(sent, 1) */
    uint64_t bloom[8];     /* cloze: tok_bloom() of sent */
    size_t skip;           /* title: the section whose title is no wrong choice;
                            * says: the section whose sentences are none */
    size_t skip_topic;     /* says: a topic whose sentences are none (NONE: no such) */
    const text_stems *meet; /* title, says: each wrong choice shares a stem with these */
    int mood;              /* says: 1 a statement, 2 an instruction: wrong choices alike */
    size_t words;          /* title, says: the key's words; wrong choices of about as many */
    bool asks;             /* title: the key title is a question; wrong ones alike */
} check;

enum { CHECK_NONE, CHECK_CLOZE, CHECK_LIST, CHECK_TITLE, CHECK_SAYS };
enum { ARTICLE_A = 1, ARTICLE_AN };

/* The English article a word takes: "an" before a vowel sound. Written
 * forms that sound otherwise: "a university", "a one-off", "an hour". */
static int article_for(const char *w)
{
    static const char *const a_vowels[] = {"uni", "use", "usu", "uti", "eu", "one", "once", "ur",
                                           NULL};
    static const char *const an_h[] = {"hour", "honest", "honor", "honour", "heir", NULL};
    char c = (char)ascii_lower((unsigned char)w[0]);
    for (size_t i = 0; an_h[i]; i++)
        if (str_icmp_n(w, an_h[i], strlen(an_h[i])) == 0)
            return ARTICLE_AN;
    if (!strchr("aeiou", c) || !c)
        return ARTICLE_A;
    for (size_t i = 0; a_vowels[i]; i++)
        if (str_icmp_n(w, a_vowels[i], strlen(a_vowels[i])) == 0)
            return ARTICLE_A;
    return ARTICLE_AN;
}

/* The article just before text[off] ("a " or "an ", any case), or 0. */
static int article_before(const char *text, size_t off)
{
    size_t e = off;
    while (e > 0 && text[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > 0 && text[b - 1] != ' ')
        b--;
    if (e - b == 1 && (text[b] == 'a' || text[b] == 'A'))
        return ARTICLE_A;
    if (e - b == 2 && str_icmp_n(text + b, "an", 2) == 0)
        return ARTICLE_AN;
    return 0;
}

/* Whether the normalised word(s) w occur in the normalised text s, not
 * inside a longer word. */
static bool norm_has_word(const char *s, const char *w)
{
    size_t m = strlen(w);
    for (const char *p = strstr(s, w); p; p = strstr(p + 1, w)) {
        unsigned char before = p == s ? ' ' : (unsigned char)p[-1];
        unsigned char after = (unsigned char)p[m];
        bool wb = (before >= 'a' && before <= 'z') || (before >= '0' && before <= '9') ||
                  before >= 0x80;
        bool wa = (after >= 'a' && after <= 'z') || (after >= '0' && after <= '9') ||
                  (after >= 0x80);
        if (!wb && !wa)
            return true;
    }
    return false;
}

/* Whether the set s holds term t, whose normal form hashes to h (the term
 * is read only on a hit). */
static bool hset_has(const hset *s, uint64_t h, const term *t)
{
    if (!s->cap)
        return false;
    h = nz(h);
    for (size_t j = (size_t)mix64(h) & (s->cap - 1); s->v[j].h; j = (j + 1) & (s->cap - 1))
        if (s->v[j].h == h && s->v[j].len == t->len && memcmp(s->v[j].src, t->norm, t->len) == 0)
            return true;
    return false;
}

static bool u64set_has(const u64set *s, uint64_t h)
{
    if (!s->cap)
        return false;
    h = nz(h);
    for (size_t j = (size_t)mix64(h) & (s->cap - 1); s->v[j]; j = (j + 1) & (s->cap - 1))
        if (s->v[j] == h)
            return true;
    return false;
}

static uint64_t pow_of_len(size_t n)
{
    static uint64_t tab[256];
    static bool ready;
    if (!ready) {
        tab[0] = 1;
        for (size_t i = 1; i < 256; i++)
            tab[i] = tab[i - 1] * POLY_B;
        ready = true;
    }
    return n < 256 ? tab[n] : poly_pow(n);
}

/* Whether the cloze check may read the candidate's term (its byte pairs
 * are all in the sentence). */
static bool cloze_maybe(const check *k, const hot *hh)
{
    if (!hh->ntk)
        return true;
    for (int b = 0; b < 4; b++)
        if (!((k->bloom[hh->tk[b] >> 6] >> (hh->tk[b] & 63)) & 1))
            return false;
    return true;
}

static uint64_t cloze_hash(const check *k, const hot *hh)
{
    return (k->hpre * pow_of_len(hh->len) + hh->h) * k->pwpost + k->hpost;
}

/* Starts fetching what check_ok() and the ranking will read of candidate i
 * (a hash slot, the term), so that the candidates' fetches overlap. */
static void check_prefetch(const work *w, const check *k, const pool *p, size_t i, bool amulti)
{
    const ctx *c = w->c;
    const hot *hh = &p->hot[i];
    if (k->what == CHECK_CLOZE) {
        if (c->sentpoly.cap) {
            uint64_t h = nz(cloze_hash(k, hh));
            __builtin_prefetch(&c->sentpoly.v[(size_t)mix64(h) & (c->sentpoly.cap - 1)]);
        }
        if (cloze_maybe(k, hh))
            __builtin_prefetch(&p->v[i]);
    }
    if (k->what == CHECK_LIST && w->grams.cap)
        __builtin_prefetch(&w->grams.v[(size_t)mix64(nz(hh->h)) & (w->grams.cap - 1)]);
    if (amulti || hh->multi)
        __builtin_prefetch(&p->v[i]);
}

static bool check_ok(work *w, const check *k, const pool *p, size_t i)
{
    const ctx *c = w->c;
    const hot *hh = &p->hot[i];
    if (k->what == CHECK_CLOZE) {
        /* a word of the sentence has all its byte pairs there */
        const term *t = &p->v[i];
        if (cloze_maybe(k, hh) && norm_has_word(k->sent, t->norm))
            return false;
        /* normalising is local, so the filled sentence's normal form is the
         * blanked one's with the candidate's normal form in the blank; its
         * hash comes from the parts', and only a hit builds it */
        if (!u64set_has(&c->sentpoly, cloze_hash(k, hh)))
            return true;
        k->buf->len = 0;
        strbuf_adds(k->buf, k->pre);
        strbuf_adds(k->buf, t->norm);
        strbuf_adds(k->buf, k->post);
        return text_map_get(&c->sentset, k->buf->buf) == NULL;
    }
    if (k->what == CHECK_LIST) {
        if (hset_has(&w->grams, hh->h, &p->v[i]))
            return false;
        /* nor a synonym of a thing the section names ("fiddle" where it
         * names the violin) */
        for (size_t x = p->sec_at[k->skip]; x < p->sec_at[k->skip + 1]; x++)
            if (rules_same(&p->rt[i], &p->rt[p->by_sec[x]]))
                return false;
        return true;
    }
    if (k->what == CHECK_TITLE && p->v[i].section == k->skip)
        return false;
    if ((k->what == CHECK_TITLE || k->what == CHECK_SAYS) && p->v[i].section != NONE &&
        c->summary[p->v[i].section])
        return false;
    if (k->what == CHECK_SAYS) {
        const term *t = &p->v[i];
        if (t->section == k->skip || t->topic == k->skip_topic)
            return false;
        const size_t *where = text_map_get(&c->sentset, t->norm);
        if (!where || *where != t->section) /* said in one section only */
            return false;
        if (k->mood && (t->instr ? 2 : 1) != k->mood)
            return false;
    }
    if ((k->what == CHECK_SAYS || k->what == CHECK_TITLE) &&
        !rules_alike_in_length(k->words, p->v[i].nwords))
        return false;
    if (k->what == CHECK_TITLE && rules_asks(p->v[i].text) != k->asks)
        return false;
    if (k->meet) /* a telling stem (quote_names_key()) */
        return text_stems_meet(&p->v[i].stems, k->meet);
    return true;
}

/* Adds position i of p to cand[0..*n) unless there, and starts fetching
 * its hot record; seen is a small open addressing set of positions (NONE:
 * free) with CAND_SLOTS slots. */
static void consider(const pool *p, size_t *seen, size_t i, size_t *cand, size_t *n)
{
    size_t j = (size_t)mix64(i) & (CAND_SLOTS - 1);
    for (; seen[j] != NONE; j = (j + 1) & (CAND_SLOTS - 1))
        if (seen[j] == i)
            return;
    seen[j] = i;
    cand[(*n)++] = i;
    __builtin_prefetch(&p->hot[i]); /* read next, by pick() */
}

/* Bounded candidate positions for an answer of length len in (topic,
 * section), each once, into w->cand; returns how many. */
static size_t gather(work *w, const pool *p, size_t len, size_t topic, size_t section,
                     uint64_t seed)
{
    size_t want = p->n <= SMALL_POOL ? p->n : CAND_MAX;
    if (w->capcand < want)
        xgrow((void **)&w->cand, &w->capcand, want, sizeof *w->cand);
    size_t *cand = w->cand, n = 0;
    if (p->n <= SMALL_POOL) {
        for (size_t i = 0; i < p->n; i++)
            cand[n++] = i;
        return n;
    }
    size_t seen[CAND_SLOTS];
    memset(seen, 0xff, sizeof seen);
    rng r;
    rng_seed(&r, seed);
    if (section != NONE) {
        for (size_t k = p->sec_at[section], m = 0; k < p->sec_at[section + 1] && m < NEAR_CAP;
             k++, m++)
            consider(p, seen, p->by_sec[k], cand, &n);
    }
    size_t lo = p->topic_at[topic], hi = p->topic_at[topic + 1];
    if (hi > lo) {
        size_t span = hi - lo, start = (size_t)rng_below(&r, span);
        for (size_t m = 0; m < NEAR_CAP && m < span; m++)
            consider(p, seen, p->by_topic[lo + (start + m) % span], cand, &n);
    }
    size_t a = (len + 1) / 2, b = 2 * len + 1;
    lo = a > p->maxlen ? p->n : p->len_at[a];
    hi = b > p->maxlen ? p->n : p->len_at[b];
    if (hi > lo) {
        uint64_t at[SAMPLE_CAP];
        rng_below_many(&r, hi - lo, at, SAMPLE_CAP);
        for (size_t m = 0; m < SAMPLE_CAP; m++) {
            at[m] += lo;
            __builtin_prefetch(&p->by_len[at[m]]);
        }
        for (size_t m = 0; m < SAMPLE_CAP; m++)
            consider(p, seen, p->by_len[at[m]], cand, &n);
    }
    return n;
}

struct ranked {
    size_t pos;
    uint64_t far; /* ~bits of the closeness (>= 0): the closest is the smallest */
    uint64_t tie; /* equal closeness: a per-item order, so items vary */
};
typedef struct ranked ranked;

/* Whether a ranks before b: closer, then by tie (a bijection of the
 * position, so two candidates never tie). */
static bool ranks_before(const ranked *a, const ranked *b)
{
    return a->far != b->far ? a->far < b->far : a->tie < b->tie;
}

/* The bits of a non-negative double order as the doubles do. */
static uint64_t far_of(double close)
{
    uint64_t bits;
    memcpy(&bits, &close, sizeof bits);
    return ~bits;
}

/* Picks want distractors from rk[0..n) (closest first) in the order the
 * difficulty asks for; returns how many it found. */
static size_t choose(const ctx *c, const pool *p, const ranked *rk, size_t n, int cls,
                     size_t want, const term **out)
{
    size_t got = 0;
    for (size_t step = 0; step < n && got < want; step++) {
        size_t i;
        if (c->diff == ITEM_HARD) {
            i = step;
        } else if (c->diff == ITEM_EASY) {
            i = n - 1 - step;
        } else { /* medium: outward from the middle of the ranking */
            size_t mid = (n - 1) / 2, d = (step + 1) / 2;
            i = step % 2 ? mid + d : mid - d;
            if (i >= n || (step % 2 == 0 && d > mid))
                continue;
        }
        const term *t = &p->v[rk[i].pos];
        if (cls >= 0 && t->cls != cls)
            continue;
        bool dup = false;
        for (size_t k = 0; k < got && !dup; k++)
            dup = text_near_duplicate_sig(out[k]->norm, out[k]->len, out[k]->sig, t->norm, t->len,
                                          t->sig);
        if (!dup)
            out[got++] = t;
    }
    if (c->diff == ITEM_MEDIUM && got < want) {
        /* the outward walk skips nothing when n is odd; when even it may miss the last */
        for (size_t i = 0; i < n && got < want; i++) {
            const term *t = &p->v[rk[i].pos];
            bool dup = cls >= 0 && t->cls != cls;
            for (size_t k = 0; k < got && !dup; k++)
                dup = out[k] == t || text_near_duplicate_sig(out[k]->norm, out[k]->len,
                                                             out[k]->sig, t->norm, t->len, t->sig);
            if (!dup)
                out[got++] = t;
        }
    }
    return got;
}

/* The shape of a number: its integer digits, its decimals, whether it
 * groups thousands with a comma, and whether it reads as a year. */
typedef struct num_shape {
    int digits, decimals;
    bool comma, year;
} num_shape;

static num_shape number_shape(const char *s)
{
    num_shape sh = {0, 0, false, false};
    bool frac = false;
    long v = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (frac) {
                sh.decimals++;
            } else {
                sh.digits++;
                v = v < 100000 ? v * 10 + (*s - '0') : v;
            }
        } else if (*s == '.') {
            frac = true;
        } else if (*s == ',') {
            sh.comma = true;
        }
    }
    sh.year = sh.digits == 4 && !sh.comma && !frac && v >= 1000 && v <= 2099;
    return sh;
}

/* Are a and b numbers of one shape: years with years, the same decimals
 * and thousands marks, and digits within one of each other ("87" is no
 * wrong choice for "1887", nor "3" for "3.5")? */
static bool same_number_shape(const char *a, const char *b)
{
    num_shape x = number_shape(a), y = number_shape(b);
    if (x.year != y.year || x.decimals != y.decimals || x.comma != y.comma)
        return false;
    return x.digits - y.digits <= 1 && y.digits - x.digits <= 1;
}

/* Finds nchoices-1 distractors for answer among pool p; 0 when impossible.
 * With key (the answer as the rules see it; p a term pool), only the
 * candidates rules_fit() finds fair, ranked by its closeness. */
static bool pick(work *w, const pool *p, const char *answer, size_t topic, size_t section,
                 bool use_cls, const check *k, const rule_term *key, const term **out)
{
    size_t want = w->nchoices - 1;
    size_t alen;
    const char *anorm = norm_into(&w->abuf, &w->capabuf, answer, strlen(answer), &alen);
    text_dupsig asig = text_dupsig_of(anorm, alen);
    uint64_t abloom = 0;
    uint64_t seed = hash64(anorm, alen, topic) ^ (k->sent ? k->sent_seed : 0);
    size_t n = gather(w, p, alen, topic, section, seed);
    const size_t *cand = w->cand;
    if (n + 1 > w->caprk)
        xgrow((void **)&w->rk, &w->caprk, n + 1, sizeof *w->rk);
    ranked *rk = w->rk;
    size_t nr = 0;
    bool amulti = strpbrk(anorm, " -") != NULL, has_aws = false;
    bool anumber = text_is_number(answer, strlen(answer));
    text_wordset aws = {NULL, 0};
    const text_wordset *awp = &aws; /* the answer's words: its term's when in p */
    uint8_t afirst = alen ? (uint8_t)anorm[0] : 0, alast = alen ? (uint8_t)anorm[alen - 1] : 0;
    /* first what the hot records tell, fetching what the rest will read */
    size_t *keep = w->cand, nkeep = 0;
    for (size_t i = 0; i < n; i++) {
        const hot *hh = &p->hot[cand[i]];
        if (!similar_length(hh->len, alen))
            continue;
        if (maybe_dup(hh, alen, asig, afirst, alast)) {
            const term *t = &p->v[cand[i]];
            if ((t->len == alen && memcmp(t->norm, anorm, alen) == 0) ||
                text_near_duplicate_sig(t->norm, t->len, t->sig, anorm, alen, asig))
                continue;
        }
        check_prefetch(w, k, p, cand[i], amulti);
        keep[nkeep++] = cand[i];
    }
    n = nkeep;
    for (size_t i = 0; i < n; i++) {
        const hot *hh = &p->hot[cand[i]];
        if (!check_ok(w, k, p, cand[i]))
            continue;
        /* "an _____": every choice must take the article the blank has */
        if (k->article && article_for(p->v[cand[i]].text) != k->article)
            continue;
        /* a number takes numbers of its shape: a year a year, "3.5" a
         * number with one decimal, "1,200" one with a thousands comma */
        if (anumber && !same_number_shape(answer, p->v[cand[i]].text))
            continue;
        double close = 0.0;
        if (key) {
            int fit = rules_fit(key, &p->rt[cand[i]]);
            if (fit < 0 || article_same(w->c, answer, p->v[cand[i]].text))
                continue;
            close = fit / 50.0;
        }
        /* one word each: no shared word, as they differ */
        bool multi = amulti || hh->multi;
        if (multi && !key) { /* text_overlap(answer, t->text), each side's words found once */
            if (!has_aws) {
                /* a text with the same normal form has the same word set */
                const size_t *at = text_map_get(&p->index, anorm);
                if (at) {
                    awp = &p->v[*at].ws;
                    abloom = p->hot[*at].wsbloom;
                } else {
                    text_wordset_of(answer, &aws);
                    abloom = ws_bloom(&aws);
                }
                has_aws = true;
            }
            if (abloom & hh->wsbloom)
                close += text_wordset_overlap(awp, &p->v[cand[i]].ws);
        }
        if (hh->topic == topic)
            close += 0.5;
        if (section != NONE && hh->section == section)
            close += 0.25;
        uint64_t tie = (seed ^ cand[i]) * 0x9e3779b97f4a7c15ULL;
        rk[nr++] = (ranked){cand[i], far_of(close), tie ^ (tie >> 29)};
    }
    text_wordset_release(&aws);
    /* a few dozen entries, all distinct: an insertion sort gives qsort's order */
    for (size_t i = 1; i < nr; i++) {
        ranked x = rk[i];
        size_t j = i;
        for (; j > 0 && ranks_before(&x, &rk[j - 1]); j--)
            rk[j] = rk[j - 1];
        rk[j] = x;
    }
    /* A keyword's distractors must fit the blank: the same word ending
     * (-ing for -ing, plural for plural...), or the item is dropped. */
    size_t got = choose(w->c, p, rk, nr, use_cls ? suffix_class(anorm) : -1, want, out);
    return got == want;
}

/* ---- between passes: the pools' hot records and indexes ---- */

#define HOT_TASK 4096 /* terms per task of finish_pools() */

typedef struct finish {
    pool *pools[TERM_KINDS + 3];
    size_t first[TERM_KINDS + 4]; /* the first task of each pool */
    size_t nsecs, ntopics;
    const lex *lx;
    const pool *says; /* whose terms are sentences: rules_instruction() marks them */
} finish;

/* The shape the rules give a pool's terms. */
static int rule_shape(int kind)
{
    return kind == TERM_NAME ? RULE_NAME : kind == TERM_NUMBER ? RULE_NUMBER : RULE_WORD;
}

static void hot_task(void *arg, size_t task, size_t worker)
{
    (void)worker;
    finish *f = arg;
    size_t k = 0;
    while (task >= f->first[k + 1])
        k++;
    size_t i0 = (task - f->first[k]) * HOT_TASK, i1 = i0 + HOT_TASK;
    pool *p = f->pools[k];
    if (i1 > p->n)
        i1 = p->n;
    pool_hot(p, i0, i1);
    /* the title and says pools' terms are the choices the give-away check
     * reads: their stems once here, not once for each item they stand in */
    bool choices = k == TERM_KINDS || p == f->says;
    text_stemmer *st = choices ? text_stemmer_new() : NULL;
    for (size_t i = i0; i < i1; i++) {
        p->v[i].nwords = (uint32_t)doc_count_words(p->v[i].text, p->v[i].ltext);
        p->v[i].instr = p == f->says && rules_instruction(f->lx, p->v[i].text);
        if (choices)
            text_stems_of(st, p->v[i].text, &p->v[i].stems);
    }
    text_stemmer_free(st);
    if (k < TERM_KINDS)
        for (size_t i = i0; i < i1; i++)
            rules_describe(f->lx, p->v[i].text, p->v[i].ltext, rule_shape((int)k), p->v[i].hint,
                           p->v[i].unit, &p->rt[i]);
}

static void sort_task(void *arg, size_t task, size_t worker)
{
    (void)worker;
    finish *f = arg;
    pool_sort(f->pools[task / 3], (int)(task % 3), f->nsecs, f->ntopics);
}

/* Makes every pool's hot records (in pieces of HOT_TASK terms), then sorts
 * each pool by each key, on nw workers. */
static void finish_pools(ctx *c, size_t nw)
{
    finish f = {{&c->pools[0], &c->pools[1], &c->pools[2], &c->pools[3], &c->titles, &c->faqs,
                 &c->says},
                {0}, c->nsecs, c->a->ntopics, c->lx, &c->says};
    _Static_assert(TERM_KINDS == 4, "finish_pools lists every pool");
    size_t np = TERM_KINDS + 3;
    for (size_t k = 0; k < np; k++) {
        pool *p = f.pools[k];
        p->hot = aligned_alloc(64, (p->n ? p->n : 1) * sizeof *p->hot);
        if (!p->hot) {
            fputs("quizmill: out of memory\n", stderr);
            exit(3);
        }
        if (k < TERM_KINDS)
            p->rt = xmalloc((p->n ? p->n : 1) * sizeof *p->rt);
        f.first[k + 1] = f.first[k] + (p->n + HOT_TASK - 1) / HOT_TASK;
    }
    par_for(nw, f.first[np], hot_task, &f);
    par_for(nw, 3 * np, sort_task, &f);
}

/* ---- pass 3: items ---- */


/* The string an item's id hashes: its kind, topic, prompt, answer and
 * choices (in byte order), joined by \x1f, into sb. */
static void id_text(const item *it, strbuf *sb)
{
    const char *sorted[ITEM_MAX_CHOICES];
    for (size_t i = 0; i < it->nchoices; i++) { /* a handful: insertion sort */
        size_t j = i;
        for (; j > 0 && strcmp(sorted[j - 1], it->choices[i]) > 0; j--)
            sorted[j] = sorted[j - 1];
        sorted[j] = it->choices[i];
    }
    sb->len = 0;
    const char *head[] = {item_kind_name(it->kind), it->topic, it->prompt, it->choices[it->answer]};
    for (size_t i = 0; i < 4; i++) {
        if (i)
            strbuf_addc(sb, '\x1f');
        strbuf_adds(sb, head[i]);
    }
    for (size_t i = 0; i < it->nchoices; i++) {
        strbuf_addc(sb, '\x1f');
        strbuf_adds(sb, sorted[i]);
    }
}

/* Gives items[0..n) their ids: hash64 of id_text() as 16 hex digits,
 * hashed four at a time; sb[0..4) is scratch. */
static void set_ids(item *items, size_t n, strbuf *sb)
{
    for (size_t i = 0; i < n; i += 4) {
        size_t k = n - i < 4 ? n - i : 4, len[4];
        const char *str[4];
        uint64_t h[4];
        for (size_t j = 0; j < k; j++) {
            id_text(&items[i + j], &sb[j]);
            str[j] = sb[j].buf;
            len[j] = sb[j].len;
        }
        hash64_many(str, len, k, 0, h);
        for (size_t j = 0; j < k; j++) {
            char *id = items[i + j].id;
            for (int d = 15; d >= 0; d--, h[j] >>= 4)
                id[d] = "0123456789abcdef"[h[j] & 15];
            id[16] = '\0';
        }
    }
}

/* Copies s[0..n) and a NUL to *at, returning the copy; moves *at past it. */
static char *put_str(char **at, const char *s, size_t n)
{
    char *r = *at;
    memcpy(r, s, n);
    r[n] = '\0';
    *at += n + 1;
    return r;
}

/* Adds an item to the worker's list, its strings copied into one block
 * (prompt[0..lp)); the answer goes first for now, the id comes when the
 * chunk is done. Repeats are dropped when the lists are joined. */
static void add_item(work *w, item_kind kind, size_t topic, const char *section, const char *prompt,
                     size_t lp, const char *answer, const term **dis, const char *source,
                     uint64_t key)
{
    const ctx *c = w->c;
    item_set *o = &w->out->items;
    const char *slug = c->a->topics[topic].slug;
    size_t la = strlen(answer), lslug = strlen(slug), lsec = strlen(section),
           lsrc = strlen(source);
    xgrow((void **)&w->out->keys, &w->out->capkeys, o->n + 1, sizeof *w->out->keys);
    w->out->keys[o->n] = hash_table(answer, la, hash_table(prompt, lp, 0x1f));
    xgrow((void **)&o->items, &o->cap, o->n + 1, sizeof *o->items);
    item *it = &o->items[o->n++];
    memset(it, 0, sizeof *it);
    size_t total = lslug + lsec + lp + la + lsrc + 5;
    for (size_t i = 1; i < w->nchoices; i++)
        total += dis[i - 1]->ltext + 1;
    char *at = it->block = xmalloc(total);
    it->topic = put_str(&at, slug, lslug);
    it->section = put_str(&at, section, lsec);
    it->kind = kind;
    it->prompt = put_str(&at, prompt, lp);
    it->nchoices = w->nchoices;
    it->choices[0] = put_str(&at, answer, la);
    for (size_t i = 1; i < w->nchoices; i++)
        it->choices[i] = put_str(&at, dis[i - 1]->text, dis[i - 1]->ltext);
    it->answer = 0;
    it->source = put_str(&at, source, lsrc);
    it->topic_index = topic;
    it->source_key = key;
}

/* Would the right choice stand out by repeating a word of the question (by
 * its stem: "Hungary" under "the Great Hungarian Plain") that no wrong
 * choice repeats? Then the item gives itself away. */
static bool key_clangs(work *w, const char *answer, const char *question,
                       const term *const *dis)
{
    if (!w->stemmer)
        w->stemmer = text_stemmer_new();
    text_stems_of(w->stemmer, answer, &w->stems_a);
    if (!w->stems_a.n)
        return false;
    text_stems_of(w->stemmer, question, &w->stems_q);
    if (!text_stems_meet(&w->stems_a, &w->stems_q))
        return false;
    for (size_t i = 0; i + 1 < w->nchoices; i++) {
        text_stems_of(w->stemmer, dis[i]->text, &w->stems_a);
        if (text_stems_meet(&w->stems_a, &w->stems_q))
            return false;
    }
    return true;
}


/* The prompts that frame a quote, a title or an answer: for each, the
 * opening and the close in English, then in Russian (an article in Russian
 * gets Russian prompts). */
enum { FRAME_SECTION, FRAME_SAYS, FRAME_LIST, FRAME_QUESTION, FRAMES };
static const char *const frames[FRAMES][2][2] = {
    [FRAME_SECTION] = {{"Which section says: \"", "\"?"},
                       /* В каком разделе сказано: «...»? */
                       {"\xD0\x92 \xD0\xBA\xD0\xB0\xD0\xBA\xD0\xBE\xD0\xBC "
                        "\xD1\x80\xD0\xB0\xD0\xB7\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB5 "
                        "\xD1\x81\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBD\xD0\xBE: \xC2\xAB",
                        "\xC2\xBB?"}},
    [FRAME_SAYS] = {{"Which of these does \"", "\" say?"},
                    /* Что из этого сказано в разделе «...»? */
                    {"\xD0\xA7\xD1\x82\xD0\xBE \xD0\xB8\xD0\xB7 \xD1\x8D\xD1\x82\xD0\xBE\xD0\xB3\xD0\xBE "
                     "\xD1\x81\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBD\xD0\xBE \xD0\xB2 "
                     "\xD1\x80\xD0\xB0\xD0\xB7\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB5 \xC2\xAB",
                     "\xC2\xBB?"}},
    [FRAME_LIST] = {{"According to \"", "\", which of these is named?"},
                    /* Что из этого названо в разделе «...»? */
                    {"\xD0\xA7\xD1\x82\xD0\xBE \xD0\xB8\xD0\xB7 \xD1\x8D\xD1\x82\xD0\xBE\xD0\xB3\xD0\xBE "
                     "\xD0\xBD\xD0\xB0\xD0\xB7\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xBE \xD0\xB2 "
                     "\xD1\x80\xD0\xB0\xD0\xB7\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB5 \xC2\xAB",
                     "\xC2\xBB?"}},
    [FRAME_QUESTION] = {{"Which question does this answer: \"", "\"?"},
                        /* На какой вопрос это ответ: «...»? */
                        {"\xD0\x9D\xD0\xB0 \xD0\xBA\xD0\xB0\xD0\xBA\xD0\xBE\xD0\xB9 "
                         "\xD0\xB2\xD0\xBE\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81 \xD1\x8D\xD1\x82\xD0\xBE "
                         "\xD0\xBE\xD1\x82\xD0\xB2\xD0\xB5\xD1\x82: \xC2\xAB",
                         "\xC2\xBB?"}},
};

/* w->prompt = the frame's opening, inner[0..n), its close; returns it. */
static strbuf *frame_prompt(work *w, int which, const char *inner, size_t n)
{
    const char *const *f = frames[which][w->c->russian];
    strbuf *pr = &w->prompt;
    pr->len = 0;
    strbuf_adds(pr, f[0]);
    strbuf_add(pr, inner, n);
    strbuf_adds(pr, f[1]);
    return pr;
}

/* pick(), and when too few wrong choices are found, pick() for the
 * fewest choices an item may have (w->nchoices stays at what was found;
 * the caller restores it). */
static bool pick_or_fewer(work *w, const pool *p, const char *answer, size_t topic,
                          size_t section, bool use_cls, const check *k, const rule_term *key,
                          const term **out)
{
    if (pick(w, p, answer, topic, section, use_cls, k, key, out))
        return true;
    if (w->nchoices <= MIN_CHOICES)
        return false;
    w->nchoices = MIN_CHOICES;
    return pick(w, p, answer, topic, section, use_cls, k, key, out);
}

/* The section whose heading holds section sec's: the head of its topic
 * (the topic's own title over an introduction), NONE when sec is that head
 * or its topic has none. */
static size_t head_section(const ctx *c, size_t sec)
{
    size_t first = sec;
    while (first > 0 && c->secs[first - 1].topic == c->secs[sec].topic)
        first--;
    if (first == sec ||
        strcmp(c->secs[first].s->title, c->a->topics[c->secs[sec].topic].title) != 0)
        return NONE;
    return first;
}

/* Keeps the stems that meet one of *arg (text_stems_keep's test). */
static bool meets(const char *stem, void *arg)
{
    text_stems one = {{(char *)stem, strlen(stem) + 1, 0}, 1};
    return text_stems_meet(&one, arg);
}

/* Does the quote repeat a word (by its stem) of the key title? Then the
 * words they share are left in w->stems_q (the quote's forms) and
 * w->stems_a (the title's), only the distinctive ones (not common in the
 * article) when any is shared: a wrong title must repeat one of the
 * quote's, a wrong sentence one of the title's, or the key stands out.
 * Readers judged another shared word no cover, even a distinctive one
 * ("movable metal type" for "Movable type in Asia" beside a wrong title
 * sharing "metal"), nor a word every section uses. */
/* The stems of text, of the base forms WordNet gives its inflected words
 * ("mouse" for "mice", which no stemmer joins) and of the words of their
 * families ("erode" for "erosion", "France" for "French"), into out. */
static void stems_and_lemmas(work *w, const char *text, text_stems *out)
{
    strbuf *sb = &w->fill;
    sb->len = 0;
    strbuf_adds(sb, text);
    text_spans words = TEXT_SPANS_INIT, *ws = &words; /* its own: callers walk w->words */
    text_words(text, strlen(text), ws);
    for (size_t i = 0; i < ws->n; i++) {
        lex_word lw;
        if (!lex_lookup(w->c->lx, text + ws->v[i].off, ws->v[i].len, &lw))
            continue;
        if (lw.lemma[0]) { /* "mice": "mouse", and the base form's family */
            strbuf_addc(sb, ' ');
            strbuf_adds(sb, lw.lemma);
            if (!lw.nkin)
                lex_lookup(w->c->lx, lw.lemma, strlen(lw.lemma), &lw);
        }
        for (size_t k = 0; k < lw.nkin; k++) { /* "erosion": "erode" */
            strbuf_addc(sb, ' ');
            strbuf_adds(sb, lw.kin[k]);
        }
    }
    text_spans_release(&words);
    text_stems_of(w->stemmer, sb->buf, out);
}

/* Does the prompt hold a word of the name's family ("French" for France,
 * by WordNet's pertainyms)? */
static bool family_in(work *w, const char *name, const char *prompt)
{
    if (!w->stemmer)
        w->stemmer = text_stemmer_new();
    text_stems_of(w->stemmer, name, &w->stems_a);
    stems_and_lemmas(w, prompt, &w->stems_c);
    return text_stems_meet(&w->stems_a, &w->stems_c);
}

static bool quote_names_key(work *w, const char *key, const char *quote)
{
    if (!w->stemmer)
        w->stemmer = text_stemmer_new();
    /* the quote's words with their base forms and families, the key's as
     * they stand: "erosion" in a quote tells "Erode", "French" tells
     * "France" */
    text_stems_of(w->stemmer, key, &w->stems_a);
    if (w->quoted != quote) { /* a sentence's section and says items read it alike */
        stems_and_lemmas(w, quote, &w->quote_stems);
        w->quoted = quote;
    }
    text_stems_copy(&w->stems_q, &w->quote_stems);
    if (!text_stems_meet(&w->stems_a, &w->stems_q))
        return false;
    text_stems_keep(&w->stems_a, meets, &w->stems_q);
    text_stems_keep(&w->stems_q, meets, &w->stems_a);
    /* of the shared words, the distinctive ones tell when there are any
     * ("glide" of "glide zones" where every section speaks of zones) */
    text_stems_copy(&w->stems_c, &w->stems_a);
    text_stems_keep(&w->stems_c, distinctive, (void *)w->c);
    if (w->stems_c.n) {
        text_stems_keep(&w->stems_a, distinctive, (void *)w->c);
        text_stems_keep(&w->stems_q, meets, &w->stems_a);
    }
    return true;
}

static void make_section_item(work *w, const sent *st)
{
    const ctx *c = w->c;
    size_t *where = text_map_get(&c->sentset, st->norm);
    /* a quote is a sentence: no list line ("a holder of a card"), and no
     * instruction ("Work in groups of three": only an activity's heading
     * fits it) */
    unsigned char f = (unsigned char)st->text[0];
    if (!where || *where != st->section || c->titles.n < MIN_CHOICES || (f >= 'a' && f <= 'z') ||
        rules_instruction(c->lx, st->text) || !rules_sentence_ends(st->text) ||
        rules_opens_yes_no(st->text) || c->summary[st->section] || rules_box_label(st->text))
        return;
    const sec_info *si = &c->secs[st->section];
    const term *dis[ITEM_MAX_CHOICES];
    /* the heading over the quote's own is no wrong choice: it holds it too */
    size_t skip = head_section(c, st->section);
    /* No give-away: when the right title repeats a word of the quote (by
     * its stem), every wrong title must repeat one too (readers judged one
     * wrong title sharing a word not enough to hide it) */
    bool clangs = quote_names_key(w, si->s->title, st->text);
    bool ok = pick_or_fewer(w, &c->titles, si->s->title, st->topic, st->section, false,
                            &(check){.what = CHECK_TITLE, .skip = skip,
                                     .meet = clangs ? &w->stems_q : NULL,
                                     .words = doc_count_words(si->s->title, strlen(si->s->title)),
                                     .asks = rules_asks(si->s->title)},
                            NULL, dis);
    if (!ok) {
        w->nchoices = c->nchoices;
        return;
    }
    size_t l = strlen(st->text);
    if (l > 0 && st->text[l - 1] == '.')
        l--;
    strbuf *pr = frame_prompt(w, FRAME_SECTION, st->text, l);
    add_item(w, ITEM_SECTION, st->topic, si->s->title, pr->buf, pr->len, si->s->title, dis,
             st->text, st->key);
    w->nchoices = c->nchoices;
}

/* "Which of these does <section> say?": the sentence right; sentences
 * of other sections (said there only) wrong. When the sentence repeats a
 * word of its section's title, so must every wrong one (else it stands
 * out), and when its section heads a topic with sub-sections, no wrong
 * sentence comes from that topic (the heading holds them too). */
static void make_says_item(work *w, const sent *st)
{
    const ctx *c = w->c;
    const size_t *where = text_map_get(&c->sentset, st->norm);
    if (!where || *where != st->section || st->nwords > SAYS_MAX_WORDS || rules_list_line(st->text) ||
        !rules_plain_sentence(st->text) || rules_opens_yes_no(st->text) ||
        c->summary[st->section])
        return;
    const sec_info *si = &c->secs[st->section];
    const article_topic *tp = &c->a->topics[st->topic];
    /* under a heading that asks ("How much does a licence cost?") the one
     * sentence that answers it would stand out among the others */
    if (rules_asks(si->s->title))
        return;
    bool heads = tp->nsections > 1 &&
                 si->s == &tp->sections[0] && strcmp(si->s->title, tp->title) == 0;
    /* a sentence repeating a word of the title: every wrong one must too */
    bool clangs = quote_names_key(w, si->s->title, st->text);
    const term *dis[ITEM_MAX_CHOICES];
    check k = {.what = CHECK_SAYS, .skip = st->section, .skip_topic = heads ? st->topic : NONE,
               .meet = clangs ? &w->stems_a : NULL,
               .mood = rules_instruction(c->lx, st->text) ? 2 : 1,
               .words = st->nwords};
    if (pick_or_fewer(w, &c->says, st->text, st->topic, st->section, false, &k, NULL, dis)) {
        strbuf *pr = frame_prompt(w, FRAME_SAYS, si->s->title, strlen(si->s->title));
        add_item(w, ITEM_SAYS, st->topic, si->s->title, pr->buf, pr->len, st->text, dis, st->text,
                 st->key);
    }
    w->nchoices = c->nchoices;
}

/* What the cloze checks need of a sentence, the same for each of its blanks. */
typedef struct sent_marks {
    uint64_t seed;     /* hash_str(norm, 1) */
    uint64_t bloom[8]; /* tok_bloom() of norm */
    const char *m;     /* the sentence by text_normalize_map(), untrimmed */
    const size_t *at;  /* its positions */
    const uint64_t *h; /* prefix poly hashes of m */
    size_t lm;
} sent_marks;

/* The normal form of the sentence with text[off..off+len) blanked, into
 * w->pbuf, read off the normalised sentence (normalising is local: the
 * bytes before the blank normalise as they did in the sentence, and so do
 * those after it); returns its length, and in *pre where the blank starts.
 * NONE when the span starts or ends with white space (then normalise the
 * prompt itself). */
static size_t blanked_norm(work *w, const sent_marks *sm, const char *text, size_t off, size_t len,
                           size_t *pre)
{
    size_t end = off + len;
    if (!len || text_space_len(text, end, off) || text_space_len(text, end, end - 1) ||
        (len >= 2 && text_space_len(text, end, end - 2) == 2))
        return NONE;
    size_t a = sm->at[off], e = sm->at[off + len], lb = strlen(GEN_BLANK);
    *pre = a + (a < sm->lm && sm->m[a] == ' '); /* the space before the blank */
    size_t n = *pre + lb + (sm->lm - e);
    if (n + 1 > w->cappbuf)
        xgrow((void **)&w->pbuf, &w->cappbuf, n + 1, 1);
    memcpy(w->pbuf, sm->m, *pre);
    memcpy(w->pbuf + *pre, GEN_BLANK, lb);
    memcpy(w->pbuf + *pre + lb, sm->m + e, sm->lm - e);
    while (n > 0 && strchr(".,;:!?\" ", w->pbuf[n - 1]))
        n--;
    w->pbuf[n] = '\0';
    return n;
}

/* The answer (a term of pool kind) as the rules see it, into w->key, read
 * in its use at s[off..off+len) when s is given; false when the rules do
 * not ask for it. */
static bool key_in_use(work *w, int kind, const char *answer, const char *s, size_t off,
                       size_t len)
{
    const ctx *c = w->c;
    const pool *p = &c->pools[kind];
    size_t nl;
    const char *norm = norm_into(&w->wbuf, &w->capwbuf, answer, strlen(answer), &nl);
    const size_t *at = text_map_get(&p->index, norm);
    if (at)
        w->key = p->rt[*at];
    else
        rules_describe(c->lx, answer, strlen(answer), rule_shape(kind),
                       !s                 ? 0
                       : kind == TERM_NAME ? rules_name_hint(s, off, len)
                       : kind == TERM_NUMBER ? rules_number_ranged(s, off, len)
                                             : 0,
                       s && kind == TERM_NUMBER ? rules_number_unit(s, off, len) : 0, &w->key);
    if (s)
        rules_in_use(c->lx, s, off, len, &w->key);
    return rules_askable(&w->key);
}

static void make_cloze(work *w, const sent *st, const sent_marks *sm, size_t off, size_t len,
                       int kind)
{
    const ctx *c = w->c;
    size_t lt = strlen(st->text), lb = strlen(GEN_BLANK);
    strbuf *pr = &w->prompt;
    pr->len = 0;
    strbuf_add(pr, st->text + off, len); /* the answer, then the prompt */
    strbuf_addc(pr, '\0');
    strbuf_add(pr, st->text, off);
    strbuf_adds(pr, GEN_BLANK);
    strbuf_add(pr, st->text + off + len, lt - off - len);
    const char *answer = pr->buf, *prompt = pr->buf + len + 1;
    size_t lp = pr->len - len - 1;
    const term *dis[ITEM_MAX_CHOICES];
    bool ok = false;
    char *np = NULL, *blank = NULL;
    size_t lnp = 0, pre = NONE;
    if (!str_icasestr(prompt, answer)) {
        lnp = blanked_norm(w, sm, st->text, off, len, &pre);
        if (lnp == NONE)
            norm_into(&w->pbuf, &w->cappbuf, prompt, lp, &lnp);
        np = w->pbuf;
        blank = strstr(np, GEN_BLANK);
    }
    if (blank) {
        *blank = '\0';
        const char *post = blank + lb;
        size_t lpre = (size_t)(blank - np), lpost = lnp - (size_t)(post - np);
        uint64_t hpre, hpost;
        if (lpre == pre) { /* the blank where it was put: the hashes from m's */
            size_t e = sm->at[off + len];
            hpre = sm->h[lpre];
            hpost = sm->h[e + lpost] - sm->h[e] * pow_of_len(lpost);
        } else {
            hpre = poly_hash(np, lpre);
            hpost = poly_hash(post, lpost);
        }
        check k = {.what = CHECK_CLOZE,
                   .article = article_before(st->text, off),
                   .sent = st->norm,
                   .pre = np,
                   .post = post,
                   .buf = &w->fill,
                   .hpre = hpre,
                   .hpost = hpost,
                   .pwpost = pow_of_len(lpost),
                   .sent_seed = sm->seed};
        memcpy(k.bloom, sm->bloom, sizeof k.bloom);
        ok = key_in_use(w, kind, answer, st->text, off, len) &&
             pick_or_fewer(w, &c->pools[kind], answer, st->topic, st->section,
                           kind == TERM_KEYWORD, &k, &w->key, dis);
    }
    if (ok && (key_clangs(w, answer, prompt, dis) ||
               (kind == TERM_NAME && (rules_kin_word(answer, prompt) ||
                                      family_in(w, answer, prompt)))))
        ok = false;
    if (ok)
        add_item(w, ITEM_CLOZE, st->topic, c->secs[st->section].s->title, prompt, lp, answer, dis,
                 st->text, st->key);
    w->nchoices = c->nchoices;
}

static void make_clozes(work *w, size_t si, size_t *occ_at)
{
    const ctx *c = w->c;
    const sent *st = &c->sents[si];
    if (st->nwords < MIN_WORDS || st->nwords > MAX_WORDS || rules_lead_in(st->text) ||
        rules_list_line(st->text) || rules_about_someone(st->text) ||
        !rules_sentence_ends(st->text) || rules_opens_yes_no(st->text) ||
        c->summary[st->section])
        return;
    strset *done = &w->done; /* each term once per sentence */
    done->b.len = 0;
    done->n = 0;
    sent_marks sm = {hash_str(st->norm, 1), {0}, NULL, NULL, NULL, 0};
    tok_bloom(st->norm, sm.bloom);
    size_t lt = strlen(st->text);
    if (lt + 1 > w->capsm)
        xgrow((void **)&w->sm, &w->capsm, lt + 1, 1);
    if (lt + 1 > w->capsat) {
        xgrow((void **)&w->sat, &w->capsat, lt + 1, sizeof *w->sat);
        free(w->sh);
        w->sh = xmalloc((w->capsat + 1) * sizeof *w->sh);
    }
    sm.lm = text_normalize_map(w->sm, st->text, lt, w->sat);
    w->sh[0] = 0;
    for (size_t i = 0; i < sm.lm; i++)
        w->sh[i + 1] = w->sh[i] * POLY_B + (unsigned char)w->sm[i];
    sm.m = w->sm;
    sm.at = w->sat;
    sm.h = w->sh;
    for (; *occ_at < c->nocc && c->occs[*occ_at].sent == si; (*occ_at)++) {
        const occ *o = &c->occs[*occ_at];
        size_t nl;
        const char *norm = norm_into(&w->wbuf, &w->capwbuf, st->text + o->off, o->len, &nl);
        /* Russian inflects names and listed things by case: a wrong choice
         * from another sentence would not fit the blank; numbers do */
        if (c->russian && o->kind != TERM_NUMBER)
            continue;
        if (strset_add(done, norm, nl))
            make_cloze(w, st, &sm, o->off, o->len, o->kind);
    }
    const sec_info *sec = &c->secs[st->section];
    if (!sec->nkw || c->russian)
        return;
    /* a keyword's first byte: a word's normal form starts with its first
     * byte in lower case, so only words starting so are normalised */
    uint64_t firsts[4] = {0};
    for (size_t k = 0; k < sec->nkw; k++) {
        unsigned char f = (unsigned char)c->ws[sec->kw[k]].word[0];
        firsts[f >> 6] |= 1ULL << (f & 63);
    }
    text_spans *ws = &w->words;
    ws->n = 0;
    text_words(st->text, lt, ws);
    for (size_t i = 0; i < ws->n; i++) {
        const char *p = st->text + ws->v[i].off;
        unsigned char f = (unsigned char)ascii_lower((unsigned char)p[0]);
        if (ws->v[i].len < 6 || !((firsts[f >> 6] >> (f & 63)) & 1) ||
            text_is_capitalised(p, ws->v[i].len))
            continue;
        size_t ll;
        const char *low = norm_into(&w->wbuf, &w->capwbuf, p, ws->v[i].len, &ll);
        bool kw = false; /* the section's keywords are few: no map needed */
        for (size_t k = 0; k < sec->nkw && !kw; k++)
            kw = strcmp(c->ws[sec->kw[k]].word, low) == 0;
        if (kw && strset_add(done, low, ll))
            make_cloze(w, st, &sm, ws->v[i].off, ws->v[i].len, TERM_KEYWORD);
    }
}

/* Adds the normal form g[0..l) (which stays put while the set is used) to
 * the gram set unless present; h is its poly_hash. */
static void gram_add(work *w, const char *g, size_t l, uint64_t h)
{
    h = nz(h);
    hset *s = &w->grams;
    for (size_t j = s->cap ? (size_t)mix64(h) & (s->cap - 1) : 0; s->cap && s->v[j].h;
         j = (j + 1) & (s->cap - 1))
        if (s->v[j].h == h && s->v[j].len == l && memcmp(s->v[j].src, g, l) == 0)
            return;
    hset_add(s, h, g, l);
}

/* Adds the gram whose normal form is P[a..e) (P the normalised paragraph,
 * H its prefix poly hashes), trimmed at the end as text_normalize_to()
 * trims. */
static void gram_span(work *w, const char *P, const uint64_t *H, size_t a, size_t e)
{
    if (e > a && P[a] == ' ')
        a++;
    while (e > a && strchr(".,;:!?\" ", P[e - 1]))
        e--;
    gram_add(w, P + a, e - a, H[e] - H[a] * pow_of_len(e - a));
}

/* Word n-grams (1..5 words, lower case) of a section, for "does it name X":
 * their hashes, each with its normal form (in w->secnorm) to confirm a hit.
 * Each paragraph is normalised once; a gram's normal form is a piece of it. */
static void section_grams(work *w, const sec_info *si)
{
    size_t total = 1, most = 0;
    for (size_t p = 0; p < si->s->npara; p++) {
        size_t n = strlen(si->s->paras[p].text);
        total += n + 1;
        most = n > most ? n : most;
    }
    if (total > w->capsecnorm)
        xgrow((void **)&w->secnorm, &w->capsecnorm, total, 1);
    if (most + 1 > w->capat) {
        xgrow((void **)&w->at, &w->capat, most + 1, sizeof *w->at);
        free(w->ph);
        w->ph = xmalloc((w->capat + 1) * sizeof *w->ph);
    }
    text_spans ws = TEXT_SPANS_INIT;
    char *P = w->secnorm;
    for (size_t p = 0; p < si->s->npara; p++) {
        const char *txt = si->s->paras[p].text;
        size_t n = strlen(txt), lp = text_normalize_map(P, txt, n, w->at);
        uint64_t *H = w->ph;
        H[0] = 0;
        for (size_t i = 0; i < lp; i++)
            H[i + 1] = H[i] * POLY_B + (unsigned char)P[i];
        ws.n = 0;
        text_words(txt, n, &ws);
        for (size_t i = 0; i < ws.n; i++) {
            size_t a = w->at[ws.v[i].off];
            for (size_t k = i; k < ws.n && k < i + 5; k++) {
                size_t end = ws.v[k].off + ws.v[k].len;
                size_t pl = text_possessive_len(txt + ws.v[k].off, ws.v[k].len);
                gram_span(w, P, H, a, w->at[end]);
                if (pl)
                    gram_span(w, P, H, a, w->at[end - pl]);
            }
        }
        P += lp + 1;
    }
    text_spans_release(&ws);
}

static void make_lists(work *w, size_t sec, size_t occ_from, size_t occ_to)
{
    const ctx *c = w->c;
    const sec_info *si = &c->secs[sec];
    if (c->summary[sec]) /* a summary names again what others name */
        return;
    text_map done = TEXT_MAP_INIT;
    bool built = false;
    for (size_t k = occ_from; k < occ_to; k++) {
        const occ *o = &c->occs[k];
        if (o->kind != TERM_ENUM)
            continue;
        const sent *st = &c->sents[o->sent];
        char *answer = xstrndup(st->text + o->off, o->len);
        char *norm = text_normalize(answer, o->len);
        bool added;
        text_map_put(&done, norm, 0, &added);
        /* "which of these is named" asks for things: a lone word that reads
         * as a quality or an action ("small", "reused", "crumbly") is none */
        int cls = strchr(norm, ' ') ? 0 : suffix_class(norm);
        if (cls == 1 || cls == 2 || cls == 3 || cls == 6 || text_is_stopword(norm, strlen(norm)))
            added = false;
        free(norm);
        if (added) {
            if (!built) {
                hset_clear(&w->grams);
                section_grams(w, si);
                built = true;
            }
            const term *dis[ITEM_MAX_CHOICES];
            if (key_in_use(w, TERM_ENUM, answer, NULL, 0, 0) &&
                pick_or_fewer(w, &c->pools[TERM_ENUM], answer, si->topic, sec, true,
                              &(check){.what = CHECK_LIST, .skip = sec}, &w->key, dis) &&
                !key_clangs(w, answer, si->s->title, dis)) {
                strbuf *pr = frame_prompt(w, FRAME_LIST, si->s->title, strlen(si->s->title));
                add_item(w, ITEM_LIST, si->topic, si->s->title, pr->buf, pr->len, answer, dis,
                         st->text, st->key);
            }
            w->nchoices = c->nchoices;
        }
        free(answer);
    }
    text_map_release(&done);
}

/* One wrong FAQ choice in the making: the key's opening with the slot
 * [off, off+len) holding pool term cand instead. */
typedef struct swap {
    size_t off, len;
    const term *cand;
    int fit;
} swap;

/* The opening of an FAQ answer that answers it: whole sentences up to
 * FAQ_KEY_WORDS words at least ("Yes." alone says too little), at most
 * FAQ_KEY_MAX_WORDS; its length, or 0 when the first sentences are longer.
 * An opening longer than FAQ_KEY_CHARS ends at a clause instead (a comma,
 * semicolon, colon or dash outside brackets and quotes) that keeps
 * FAQ_KEY_WORDS words: the longest within FAQ_KEY_CHARS_MOST, else the
 * shortest. A choice is read on a screen from across a room. */
#define FAQ_KEY_WORDS 8
#define FAQ_KEY_MAX_WORDS 45
#define FAQ_KEY_CHARS 90
#define FAQ_KEY_CHARS_MOST 100

/* Where the clause of s[0..n) ending at i (a clause mark) ends, trailing
 * spaces left out; 0 when i is not a clause's end. */
static size_t clause_end(const char *s, size_t n, size_t i)
{
    bool dash = i + 4 < n && s[i] == ' ' && (unsigned char)s[i + 1] == 0xE2 &&
                (unsigned char)s[i + 2] == 0x80 &&
                ((unsigned char)s[i + 3] == 0x93 || (unsigned char)s[i + 3] == 0x94) &&
                s[i + 4] == ' ';
    bool mark = i + 1 < n && strchr(",;:", s[i]) && s[i + 1] == ' ';
    if (!dash && !mark)
        return 0;
    /* not inside brackets or quotation marks */
    int depth = 0;
    size_t quotes = 0;
    for (size_t k = 0; k < i; k++) {
        depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
        quotes += s[k] == '"' || (k + 2 < i && (unsigned char)s[k] == 0xE2 &&
                                  (unsigned char)s[k + 1] == 0x80 &&
                                  ((unsigned char)s[k + 2] == 0x9C || (unsigned char)s[k + 2] == 0x9D));
    }
    return depth == 0 && quotes % 2 == 0 ? i : 0;
}

static size_t faq_clause(const char *ans, size_t end, text_spans *ws)
{
    size_t best = 0, shortest = 0;
    for (size_t i = 1; i < end; i++) {
        size_t e = clause_end(ans, end, i);
        if (!e)
            continue;
        ws->n = 0;
        text_words(ans, e, ws);
        if (ws->n < FAQ_KEY_WORDS)
            continue;
        if (!shortest)
            shortest = e;
        if (e <= FAQ_KEY_CHARS_MOST)
            best = e;
    }
    return best ? best : shortest ? shortest : end;
}

static size_t faq_opening(const char *ans, text_spans *ss, text_spans *ws)
{
    ss->n = 0;
    text_sentences(ans, ss);
    size_t end = 0, words = 0;
    for (size_t i = 0; i < ss->n && words < FAQ_KEY_WORDS; i++) {
        ws->n = 0;
        text_words(ans + ss->v[i].off, ss->v[i].len, ws);
        words += ws->n;
        end = ss->v[i].off + ss->v[i].len;
    }
    if (words > FAQ_KEY_MAX_WORDS)
        return 0;
    return end > FAQ_KEY_CHARS ? faq_clause(ans, end, ws) : end;
}

/* The slots of key[0..n) a wrong choice may swap, each with the pool its
 * stand-ins come from, described into w->key one at a time by the caller:
 * numbers, names (not the first word), and nouns the lexicon knows. */
typedef struct slot {
    size_t off, len;
    int kind; /* TERM_NUMBER, TERM_NAME or TERM_KEYWORD (keywords and list items) */
} slot;

static size_t faq_slots(const ctx *c, const char *key, size_t n, slot *out, size_t cap)
{
    text_spans ws = TEXT_SPANS_INIT, names = TEXT_SPANS_INIT;
    text_words(key, n, &ws);
    text_names_in(key, &ws, &names);
    size_t k = 0, ni = 0;
    for (size_t i = 0; i < ws.n && k < cap; i++) {
        const char *p = key + ws.v[i].off;
        size_t l = ws.v[i].len;
        while (ni < names.n && names.v[ni].off + names.v[ni].len <= ws.v[i].off)
            ni++;
        /* what follows the word: a noun makes it a modifier ("floor
         * sanders"), a dash or a word joined by one a part of a range */
        size_t e = ws.v[i].off + l;
        bool joined = (e < n && (key[e] == '-' || (unsigned char)key[e] == 0xE2)) ||
                      (ws.v[i].off > 0 && (key[ws.v[i].off - 1] == '-' ||
                                           (unsigned char)key[ws.v[i].off - 1] == 0x93));
        bool first = ws.v[i].off == 0 || (ws.v[i].off >= 2 && strchr(".!?:", key[ws.v[i].off - 2]));
        /* inside quotation marks: a name for something ("old maids"), kept */
        size_t quotes = 0;
        for (size_t q = 0; q < ws.v[i].off; q++)
            quotes += key[q] == '"' || (q + 2 < n && !memcmp(key + q, "\xE2\x80\x9C", 3)) ||
                      (q + 2 < n && !memcmp(key + q, "\xE2\x80\x9D", 3));
        if (quotes % 2)
            continue;
        if (ni < names.n && names.v[ni].off <= ws.v[i].off) {
            const text_span *nm = &names.v[ni];
            /* a sentence's first word is a name when it has more words
             * ("Mauna Loa is...") or WordNet knows it as one; else it is
             * only capitalised ("Truffles are...") */
            lex_word nw;
            bool named = !first || memchr(key + nm->off, ' ', nm->len) ||
                         (lex_lookup(c->lx, key + nm->off, nm->len, &nw) && nw.nsenses &&
                          lex_instance(c->lx, nw.senses[0]));
            if (named && nm->off == ws.v[i].off && !c->russian)
                out[k++] = (slot){nm->off, nm->len, TERM_NAME};
            continue;
        }
        if (joined)
            continue;
        if (text_is_number(p, l)) {
            out[k++] = (slot){ws.v[i].off, l, TERM_NUMBER};
            continue;
        }
        if (i + 1 < ws.n && ws.v[i + 1].off == e + 1 && key[e] == ' ') {
            lex_word nx;
            const char *q = key + ws.v[i + 1].off;
            size_t lq = ws.v[i + 1].len;
            if (!text_is_stopword(q, lq) && lex_lookup(c->lx, q, lq, &nx) && nx.r[0].pos == 'n')
                continue;
        }
        lex_word lw;
        if (!c->russian && l >= 4 && !text_is_stopword(p, l) && !text_is_capitalised(p, l) &&
            lex_lookup(c->lx, p, l, &lw) && lw.r[0].pos == 'n')
            out[k++] = (slot){ws.v[i].off, l, TERM_KEYWORD};
    }
    text_spans_release(&ws);
    text_spans_release(&names);
    return k;
}

/* Whether the order of difficulty puts swap a before b: hard the closest
 * first, easy the farthest, medium the middle of the scale. */
static bool swap_before(item_difficulty d, const swap *a, const swap *b)
{
    int ka = d == ITEM_HARD ? -a->fit : d == ITEM_EASY ? a->fit : abs(a->fit - 50);
    int kb = d == ITEM_HARD ? -b->fit : d == ITEM_EASY ? b->fit : abs(b->fit - 50);
    if (ka != kb)
        return ka < kb;
    return strcmp(a->cand->norm, b->cand->norm) < 0;
}

#define FAQ_SLOTS 24
#define FAQ_SWAPS 256

/* Adds an FAQ item for topic t, pair q: the key, its wrong choices (texts
 * in w->fill at at[]), the prompt. */
static void add_faq_item(work *w, size_t t, size_t q, const char *prompt, size_t lp,
                         const char *key, const size_t *at, size_t got)
{
    const ctx *c = w->c;
    const article_topic *tp = &c->a->topics[t];
    term fake[ITEM_MAX_CHOICES];
    const term *dis[ITEM_MAX_CHOICES];
    for (size_t k = 0; k < got; k++) {
        memset(&fake[k], 0, sizeof fake[k]);
        fake[k].text = w->fill.buf + at[k];
        fake[k].ltext = strlen(fake[k].text);
        dis[k] = &fake[k];
    }
    const char *ans = tp->faq[q].answer;
    char *norm = text_normalize(ans, strlen(ans));
    uint64_t hk = hash_str(norm, 0xfa9ULL);
    free(norm);
    w->nchoices = got + 1;
    add_item(w, ITEM_FAQ, t, tp->title, prompt, lp, key, dis, ans, hk);
    w->nchoices = c->nchoices;
}

/* An FAQ item that swaps: the question; the right choice the answer's
 * opening; each wrong choice the same opening with the same term (a
 * number, a name, a thing: what the question asks for) swapped for a fair
 * stand-in from the article (rules_fit), so every choice answers the same
 * question, no choice stands out by sharing more with the others, and only
 * the article tells them apart. False when too few swaps are found. */
static bool make_faq_swap(work *w, size_t t, size_t q)
{
    const ctx *c = w->c;
    const article_topic *tp = &c->a->topics[t];
    const char *ans = tp->faq[q].answer, *question = tp->faq[q].question;
    int asks = rules_question_asks(question);
    if (asks == RULE_ASK_OTHER || asks == RULE_ASK_YESNO || c->russian)
        return false;
    text_spans ss = TEXT_SPANS_INIT, ws = TEXT_SPANS_INIT;
    size_t n = faq_opening(ans, &ss, &ws);
    text_spans_release(&ss);
    text_spans_release(&ws);
    if (n < 2)
        return false;
    char *key = xstrndup(ans, n);
    if (!w->stemmer)
        w->stemmer = text_stemmer_new();
    text_stems_of(w->stemmer, question, &w->stems_q);
    slot slots[FAQ_SLOTS];
    size_t nslots = faq_slots(c, key, n, slots, FAQ_SLOTS);
    swap *sw = xmalloc(FAQ_SWAPS * sizeof *sw);
    bool made = false;
    for (size_t i = 0; i < nslots && !made; i++) {
        char *word = xstrndup(key + slots[i].off, slots[i].len);
        /* the word the question asks about would stand out in the key */
        text_stems_of(w->stemmer, word, &w->stems_a);
        bool ok = !text_stems_meet(&w->stems_a, &w->stems_q) &&
                  key_in_use(w, slots[i].kind, word, key, slots[i].off, slots[i].len) &&
                  rules_slot_answers(asks, &w->key);
        int kinds[2] = {slots[i].kind, slots[i].kind == TERM_KEYWORD ? TERM_ENUM : -1};
        size_t nsw = 0;
        for (int k = 0; k < 2 && ok; k++) {
            if (kinds[k] < 0)
                continue;
            const pool *p = &c->pools[kinds[k]];
            for (size_t j = 0; j < p->n && nsw < FAQ_SWAPS; j++) {
                const term *cand = &p->v[j];
                if (kinds[k] == TERM_ENUM && cand->multi)
                    continue;
                /* a stand-in the answer already names would not make it false */
                if (text_contains_word(ans, cand->text) || text_contains_word(question, cand->text))
                    continue;
                int fit = rules_fit(&w->key, &p->rt[j]);
                if (article_same(c, word, cand->text))
                    fit = -1;
                /* "a chainsaw": the stand-in takes the article there */
                int art = article_before(key, slots[i].off);
                if (art && article_for(cand->text) != art)
                    fit = -1;
                if (fit >= 0)
                    sw[nsw++] = (swap){slots[i].off, slots[i].len, cand, fit};
            }
        }
        free(word);
        for (size_t a = 1; a < nsw; a++) { /* the order the difficulty asks for */
            swap x = sw[a];
            size_t j = a;
            for (; j > 0 && swap_before(c->diff, &x, &sw[j - 1]); j--)
                sw[j] = sw[j - 1];
            sw[j] = x;
        }
        size_t want = c->nchoices - 1, got = 0, at[ITEM_MAX_CHOICES];
        const swap *chosen[ITEM_MAX_CHOICES];
        for (size_t a = 0; a < nsw && got < want; a++) {
            bool clash = false;
            for (size_t k = 0; k < got && !clash; k++)
                clash = chosen[k]->cand->len == sw[a].cand->len &&
                        !strcmp(chosen[k]->cand->norm, sw[a].cand->norm);
            if (!clash)
                chosen[got++] = &sw[a];
        }
        if (got + 1 < MIN_CHOICES)
            continue;
        w->fill.len = 0;
        for (size_t k = 0; k < got; k++) {
            const swap *x = chosen[k];
            at[k] = w->fill.len;
            strbuf_add(&w->fill, key, x->off);
            strbuf_adds(&w->fill, x->cand->text);
            strbuf_add(&w->fill, key + x->off + x->len, n - x->off - x->len);
            strbuf_addc(&w->fill, '\0');
        }
        add_faq_item(w, t, q, question, strlen(question), key, at, got);
        made = true;
    }
    free(sw);
    free(key);
    return made;
}

/* An FAQ item the other way round: "Which question does this answer:
 * '<the answer's opening>'?", the pair's question right, the topic's other
 * questions of its form wrong (rules_same_form()). An opening "Yes" or "No"
 * takes yes/no questions only; every wrong question asks about something
 * the opening names (a distinctive word of it: else the answer fits only
 * its own question), and when the opening repeats words of its own
 * question, every wrong question must repeat the same words (two of them
 * when it repeats two or more). */
static bool make_faq_reverse(work *w, size_t t, size_t q)
{
    const ctx *c = w->c;
    const article_topic *tp = &c->a->topics[t];
    const char *ans = tp->faq[q].answer, *question = tp->faq[q].question;
    text_spans ss = TEXT_SPANS_INIT, ws = TEXT_SPANS_INIT;
    size_t n = faq_opening(ans, &ss, &ws);
    text_spans_release(&ss);
    text_spans_release(&ws);
    if (n < 2 || tp->nfaq < MIN_CHOICES)
        return false;
    while (n > 0 && strchr(".!? ", ans[n - 1]))
        n--;
    char *opening = xstrndup(ans, n);
    if (!w->stemmer)
        w->stemmer = text_stemmer_new();
    text_stems_of(w->stemmer, opening, &w->stems_q);
    text_stems_of(w->stemmer, question, &w->stems_a);
    /* the words the question shares with the opening: each wrong question
     * must share as many of the same (two at most asked) */
    text_stems_keep(&w->stems_q, meets, &w->stems_a);
    size_t shared = w->stems_q.n;
    bool clangs = shared > 0;
    /* and every wrong question must ask about something the opening names
     * (a distinctive word of it): else the answer fits only its own */
    text_stems_of(w->stemmer, opening, &w->stems_a);
    /* an answer opening "Yes" or "No" only answers a yes/no question */
    bool yesno = rules_opens_yes_no(opening);
    /* the other questions, in an order the difficulty takes: hard the
     * most alike the key in words first, easy the least */
    size_t cand[64], nc = 0;
    double close[64];
    text_wordset kw = {NULL, 0}, ow = {NULL, 0};
    text_wordset_of(question, &kw);
    for (size_t j = 0; j < tp->nfaq && nc < 64; j++) {
        const char *o = tp->faq[j].question;
        if (j == q || (yesno && rules_question_asks(o) != RULE_ASK_YESNO) || !rules_same_form(question, o, opening) ||
            text_near_duplicate(o, question) || !similar_length(strlen(o), strlen(question)))
            continue;
        text_stems_of(w->stemmer, o, &w->stems_c);
        if (clangs && text_stems_common(&w->stems_q, &w->stems_c) < (shared < 2 ? shared : 2))
            continue;
        if (!text_stems_meet(&w->stems_c, &w->stems_a))
            continue;
        text_wordset_of(o, &ow);
        close[nc] = text_wordset_overlap(&kw, &ow);
        text_wordset_release(&ow);
        cand[nc++] = j;
    }
    text_wordset_release(&kw);
    text_wordset_release(&ow);
    for (size_t a = 1; a < nc; a++) {
        size_t x = cand[a];
        double cx = close[a];
        size_t j = a;
        for (; j > 0 && (c->diff == ITEM_EASY ? cx < close[j - 1] : cx > close[j - 1]); j--) {
            cand[j] = cand[j - 1];
            close[j] = close[j - 1];
        }
        cand[j] = x;
        close[j] = cx;
    }
    size_t want = c->nchoices - 1, got = nc < want ? nc : want, at[ITEM_MAX_CHOICES];
    bool made = got + 1 >= MIN_CHOICES;
    if (made) {
        w->fill.len = 0;
        for (size_t k = 0; k < got; k++) {
            at[k] = w->fill.len;
            strbuf_adds(&w->fill, tp->faq[cand[k]].question);
            strbuf_addc(&w->fill, '\0');
        }
        strbuf *pr = frame_prompt(w, FRAME_QUESTION, opening, strlen(opening));
        add_faq_item(w, t, q, pr->buf, pr->len, question, at, got);
    }
    free(opening);
    return made;
}

/* An FAQ pair's item: swapped answers when the question asks for a
 * number, a name or a thing the article has others of, else the question
 * for its answer. */
static void make_faq(work *w, size_t t, size_t q)
{
    if (!make_faq_swap(w, t, q))
        make_faq_reverse(w, t, q);
}

/* Pass 3 for the chunk's units. */
static void run_chunk(work *w, chunk *ch)
{
    const ctx *c = w->c;
    size_t occ_at = ch->occ0;
    w->out = ch;
    for (size_t u = 0; u < ch->nu; u++) {
        if (ch->u[u].q != NONE) {
            make_faq(w, ch->u[u].t, ch->u[u].q);
            continue;
        }
        size_t sec = ch->u[u].sec;
        const sec_info *si = &c->secs[sec];
        size_t occ_from = occ_at;
        for (size_t k = 0; k < si->nsent; k++) {
            size_t idx = si->first_sent + k;
            const sent *st = &c->sents[idx];
            if (st->nwords >= MIN_WORDS && st->nwords <= MAX_WORDS && !rules_lead_in(st->text) &&
                !rules_list_line(st->text)) {
                make_section_item(w, st);
                make_says_item(w, st);
            }
            while (occ_at < c->nocc && c->occs[occ_at].sent < idx)
                occ_at++;
            make_clozes(w, idx, &occ_at);
        }
        make_lists(w, sec, occ_from, occ_at);
    }
    set_ids(ch->items.items, ch->items.n, w->ids);
}


static void work_release(work *w)
{
    text_stemmer_free(w->stemmer);
    text_stems_release(&w->stems_q);
    text_stems_release(&w->stems_a);
    text_stems_release(&w->stems_c);
    text_stems_release(&w->quote_stems);
    free(w->wbuf);
    free(w->pbuf);
    free(w->sm);
    free(w->sat);
    free(w->sh);
    free(w->abuf);
    strbuf_release(&w->fill);
    strbuf_release(&w->prompt);
    strbuf_release(&w->done.b);
    text_spans_release(&w->words);
    for (size_t k = 0; k < 4; k++)
        strbuf_release(&w->ids[k]);
    free(w->cand);
    free(w->rk);
    hset_release(&w->grams);
    free(w->secnorm);
    free(w->at);
    free(w->ph);
}

/* The chunks of pass 3, in order. */
typedef struct chunks {
    chunk *v;
    size_t n;
} chunks;

/* The items joined so far, by their keys (open addressing), and the deal of
 * answer positions: from a balanced bag per choice count, so that every run
 * of m items with m choices uses each position once, in an order seeded by
 * the article's title. */
typedef struct joined {
    struct jslot {
        uint64_t h;
        size_t at; /* in out->items; NONE: free */
    } *tab;
    size_t cap, n;
    rng r;
    size_t bag[ITEM_MAX_CHOICES + 1][ITEM_MAX_CHOICES];
    size_t dealt[ITEM_MAX_CHOICES + 1]; /* items dealt with that many choices */
} joined;

static void joined_grow(joined *jn)
{
    size_t cap = jn->cap ? 2 * jn->cap : 1024;
    struct jslot *tab = xmalloc(cap * sizeof *tab);
    for (size_t j = 0; j < cap; j++)
        tab[j].at = NONE;
    for (size_t i = 0; i < jn->cap; i++) {
        if (jn->tab[i].at == NONE)
            continue;
        size_t j = (size_t)mix64(jn->tab[i].h) & (cap - 1);
        while (tab[j].at != NONE)
            j = (j + 1) & (cap - 1);
        tab[j] = jn->tab[i];
    }
    free(jn->tab);
    jn->tab = tab;
    jn->cap = cap;
}

/* Appends the chunk's items to out, each prompt and answer once (the first
 * kept), and releases its list. */
static void join_chunk(item_set *out, joined *jn, chunk *ch)
{
    xgrow((void **)&out->items, &out->cap, out->n + ch->items.n, sizeof *out->items);
    for (size_t i = 0; i < ch->items.n; i++) {
        if ((jn->n + 1) * 2 > jn->cap)
            joined_grow(jn);
        item *it = &ch->items.items[i];
        uint64_t h = ch->keys[i];
        size_t j = (size_t)mix64(h) & (jn->cap - 1);
        bool dup = false;
        for (; jn->tab[j].at != NONE && !dup; j = (j + 1) & (jn->cap - 1)) {
            const item *o = &out->items[jn->tab[j].at];
            dup = jn->tab[j].h == h && strcmp(o->prompt, it->prompt) == 0 &&
                  strcmp(o->choices[o->answer], it->choices[0]) == 0;
        }
        if (dup) {
            item_release(it);
            continue;
        }
        jn->tab[j] = (struct jslot){h, out->n};
        jn->n++;
        size_t m = it->nchoices;
        if (jn->dealt[m] % m == 0) {
            for (size_t k = 0; k < m; k++)
                jn->bag[m][k] = k;
            rng_shuffle(&jn->r, jn->bag[m], m, sizeof *jn->bag[m]);
        }
        size_t pos = jn->bag[m][jn->dealt[m]++ % m];
        char *t = it->choices[0];
        it->choices[0] = it->choices[pos];
        it->choices[pos] = t;
        it->answer = pos;
        out->items[out->n++] = *it;
    }
    ch->items.n = 0; /* moved out or released */
    item_set_release(&ch->items);
    free(ch->keys);
}

/* How many workers: threads if given, else one per core (at most
 * GEN_MAX_THREADS), and one for an article too small to gain from more
 * (under PAR_BYTES of section text). */
static size_t worker_count(const article *a, int threads)
{
    size_t n = 1, bytes = 0;
    for (size_t t = 0; t < a->ntopics && threads <= 0 && bytes < PAR_BYTES; t++)
        for (size_t s = 0; s < a->topics[t].nsections; s++)
            for (size_t p = 0; p < a->topics[t].sections[s].npara; p++)
                bytes += strlen(a->topics[t].sections[s].paras[p].text);
    if (threads > 0) {
        n = (size_t)threads;
    } else if (bytes >= PAR_BYTES) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        n = cpus > 1 ? (size_t)cpus : 1;
    }
    return n > GEN_MAX_THREADS ? GEN_MAX_THREADS : n;
}

typedef struct pass3 {
    ctx *c;
    chunks jobs;
    work *ws; /* one per worker */
} pass3;

static void pass3_task(void *arg, size_t task, size_t worker)
{
    pass3 *p = arg;
    run_chunk(&p->ws[worker], &p->jobs.v[task]);
}

/* Joins the chunks' items in order as they are done (beside the workers). */
static void join_chunks(void *arg, par *pp)
{
    pass3 *p = arg;
    joined jn;
    memset(&jn, 0, sizeof jn);
    rng_seed(&jn.r, hash_str(p->c->a->title ? p->c->a->title : "", 0xba9ULL));
    for (size_t k = 0; k < p->jobs.n; k++) {
        par_wait(pp, k);
        join_chunk(p->c->out, &jn, &p->jobs.v[k]);
    }
    free(jn.tab);
}

/* Pass 3: lists the units (FAQ pairs and sections) in article order, cuts
 * them into chunks of about equal work (a section weighs its sentences, a
 * FAQ pair one; CHUNKS_PER worker, so that a slow one does not hold the
 * rest up), runs them on nw workers and joins the chunks' items in order as
 * they are done. */
static void run_pass3(ctx *c, size_t nw)
{
    const article *a = c->a;
    size_t nu = c->nsecs, weight = c->nsents;
    for (size_t t = 0; t < a->ntopics; t++) {
        nu += a->topics[t].nfaq;
        weight += a->topics[t].nfaq;
    }
    unit *units = xmalloc((nu ? nu : 1) * sizeof *units);
    for (size_t t = 0, k = 0, sec = 0; t < a->ntopics; t++) {
        for (size_t q = 0; q < a->topics[t].nfaq; q++)
            units[k++] = (unit){t, q, NONE};
        for (size_t s = 0; s < a->topics[t].nsections; s++)
            units[k++] = (unit){t, NONE, sec++};
    }
    size_t n = nw > 1 ? nw * CHUNKS_PER : 1;
    if (n > nu)
        n = nu ? nu : 1;
    chunks jobs = {xcalloc(n, sizeof(chunk)), n};
    size_t u = 0, acc = 0, oc = 0;
    for (size_t k = 0; k < n; k++) {
        chunk *ch = &jobs.v[k];
        ch->u = units + u;
        size_t goal = weight / n * (k + 1), first = NONE;
        while (u < nu && (k + 1 == n || acc < goal)) {
            if (units[u].q != NONE) {
                acc++;
            } else {
                acc += c->secs[units[u].sec].nsent;
                if (first == NONE)
                    first = c->secs[units[u].sec].first_sent;
            }
            u++;
        }
        ch->nu = (size_t)(units + u - ch->u);
        while (first != NONE && oc < c->nocc && c->occs[oc].sent < first)
            oc++;
        ch->occ0 = oc;
    }
    pass3 p = {c, jobs, xcalloc(nw, sizeof(work))};
    for (size_t k = 0; k < nw; k++) {
        p.ws[k].c = c;
        p.ws[k].nchoices = c->nchoices;
    }
    par_beside(nw, n, pass3_task, &p, join_chunks, &p);
    for (size_t k = 0; k < nw; k++)
        work_release(&p.ws[k]);
    free(p.ws);
    free(jobs.v);
    free(units);
}

/* Frees what gen_build() made, in pieces that go side by side. */
enum { CLEANUP_TASKS = 8 };

static void cleanup_task(void *arg, size_t task, size_t worker)
{
    (void)worker;
    ctx *c = arg;
    switch (task) {
    case 0:
        arena_release(&c->sentstrs);
        free(c->sents);
        free(c->secs);
        break;
    case 1:
        text_map_release(&c->sentset);
        free(c->sentpoly.v);
        break;
    case 2:
    case 3:
    case 4:
    case 5:
        pool_release(&c->pools[task - 2]);
        break;
    case 6:
        pool_release(&c->titles);
        pool_release(&c->faqs);
        pool_release(&c->says);
        free(c->occs);
        free(c->wbuf);
        break;
    default:
        text_map_release(&c->words);
        text_map_release(&c->same);
        text_map_release(&c->common);
        free(c->summary);
        arena_release(&c->wordstrs);
        free(c->ws);
        free(c->tf_ids);
        free(c->tf_vals);
    }
}
void gen_build(const article *a, const gen_options *opt, item_set *out)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.diff = opt->difficulty;
    c.nchoices = gen_choice_count(opt);
    c.russian = in_russian(a);
    c.lx = opt->lex;
    c.out = out;
    size_t nw = worker_count(a, opt->threads);
    collect(&c, nw);
    find_same(&c);
    find_common(&c);
    c.summary = xcalloc(c.nsecs ? c.nsecs : 1, sizeof *c.summary);
    for (size_t k = 0; k < c.nsecs; k++)
        c.summary[k] = rules_summary_title(c.secs[k].s->title);
    pick_keywords(&c, nw);
    finish_pools(&c, nw);
    pow_of_len(0); /* fills its table before the workers read it */
    run_pass3(&c, nw);
    par_for(nw, CLEANUP_TASKS, cleanup_task, &c);
}

/* ---- the rest of the contract ---- */

size_t gen_choice_count(const gen_options *opt)
{
    if (opt->choices >= 2 && opt->choices <= ITEM_MAX_CHOICES)
        return (size_t)opt->choices;
    if (opt->choices > ITEM_MAX_CHOICES)
        return ITEM_MAX_CHOICES;
    return opt->difficulty == ITEM_EASY ? 3 : 4;
}

/* Items of set whose topic is in play. */
static size_t in_play(const item_set *set, const bool *mask)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n; i++)
        n += mask[set->items[i].topic_index];
    return n;
}

char *gen_empty_message(const article *a, const bool *mask, const gen_options *opt,
                        const item_set *made, const item_set *per_level)
{
    if (in_play(made, mask))
        return NULL;
    strbuf other = STRBUF_INIT;
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
        if (d == (int)opt->difficulty)
            continue;
        size_t n;
        if (per_level) {
            n = in_play(&per_level[d], mask);
        } else {
            gen_options o = *opt;
            o.difficulty = (item_difficulty)d;
            item_set s = {0};
            gen_build(a, &o, &s);
            n = in_play(&s, mask);
            item_set_release(&s);
        }
        if (n)
            strbuf_addf(&other, "%s%s gives %zu", other.len ? ", " : "", item_difficulty_name((item_difficulty)d), n);
    }
    char *msg;
    if (other.len)
        msg = xasprintf("%s: no question can be made from the topics in play at difficulty %s "
                        "(%s: change difficulty in the config, or choose other topics)",
                        a->name, item_difficulty_name(opt->difficulty), strbuf_str(&other));
    else
        msg = xasprintf("%s: no question can be made from the topics in play at any difficulty "
                        "(questions need sentences of %d to %d words under headings, or FAQ "
                        "answers with a number, a name or a thing to swap: quizmill-gen --check "
                        "shows what was found)",
                        a->name, MIN_WORDS, MAX_WORDS);
    strbuf_release(&other);
    return msg;
}

/* The term an FAQ wrong choice swapped in: the words where it differs
 * from the key, into out (cap n). */
static void swapped_span(const char *key, const char *d, char *out, size_t n)
{
    size_t ld = strlen(d), la = strlen(key), pre = 0, post = 0;
    while (pre < ld && pre < la && d[pre] == key[pre])
        pre++;
    while (post < ld - pre && post < la - pre && d[ld - 1 - post] == key[la - 1 - post])
        post++;
    while (pre > 0 && d[pre - 1] != ' ')
        pre--;
    while (post > 0 && d[ld - post] != ' ' && !strchr(".,;:!?", d[ld - post]))
        post--;
    size_t l = ld - pre - post;
    if (l >= n)
        l = n - 1;
    memcpy(out, d + pre, l);
    out[l] = '\0';
}

/* A choice as the rules see it, by its look: a number, a name, a word. */
static void describe_choice(const lex *lx, const char *t, rule_term *rt)
{
    size_t l = strlen(t);
    int shape = text_is_number(t, l) ? RULE_NUMBER
                : text_is_capitalised(t, l) ? RULE_NAME
                                            : RULE_WORD;
    rules_describe(lx, t, l, shape, 0, 0, rt);
}

double gen_mean_closeness(const item_set *s, const lex *lx)
{
    double sum = 0;
    size_t n = 0;
    rule_term *k = xmalloc(sizeof *k), *c = xmalloc(sizeof *c);
    char a[256], d[256];
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        if (it->kind == ITEM_SECTION)
            continue;
        const char *key = it->choices[it->answer];
        for (size_t j = 0; j < it->nchoices; j++) {
            if (j == it->answer)
                continue;
            if (it->kind == ITEM_FAQ) {
                swapped_span(it->choices[j], key, a, sizeof a);
                swapped_span(key, it->choices[j], d, sizeof d);
            } else {
                snprintf(a, sizeof a, "%s", key);
                snprintf(d, sizeof d, "%s", it->choices[j]);
            }
            describe_choice(lx, a, k);
            describe_choice(lx, d, c);
            int fit = rules_fit(k, c);
            if (fit >= 0) {
                sum += fit;
                n++;
            }
        }
    }
    free(k);
    free(c);
    return n ? sum / (double)n : -1.0;
}
