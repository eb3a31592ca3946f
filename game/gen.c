/* gen.c - build multiple-choice items from a parsed article.
 *
 * Start reading at gen_build(). It works in three passes, each linear in the
 * article's size:
 *   1. collect: split every section into sentences, remember each normalised
 *      sentence in a hash map (which section holds it), and collect the key
 *      terms of each kind (names, enumeration items, numbers) into pools;
 *   2. keywords: per section, the words frequent there and rare elsewhere
 *      (term frequency times inverse section frequency) form the keyword pool;
 *   3. items: per sentence a section item and cloze items, per section list
 *      items, per FAQ pair an faq item. Distractors come from a bounded set
 *      of candidates of the answer's kind (the whole pool when it is small,
 *      else the same section, the same topic and a sample of similar length),
 *      are checked against the article with hash lookups, ranked by closeness
 *      to the answer (shared words, same topic, same section) and picked from
 *      the far end (easy), the middle (medium) or the near end (hard).
 * Finally the right answers' positions are dealt from a balanced bag.
 */
#include "gen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "text.h"
#include "util.h"

enum { TERM_NAME, TERM_ENUM, TERM_NUMBER, TERM_KEYWORD, TERM_KINDS };

#define MIN_WORDS 5             /* shorter sentences make no cloze or section item */
#define MAX_WORDS 60            /* longer ones neither: the prompt would not fit */
#define MAX_NAME_WORDS 5        /* longer capitalised runs are titles, not names */
#define KEYWORDS_PER_SECTION 5  /* top keywords kept per section */
#define SMALL_POOL 64           /* pools up to this size are searched whole */
#define NEAR_CAP 12             /* candidates from the same section, and topic */
#define SAMPLE_CAP 24           /* candidates sampled among similar lengths */
#define NONE ((size_t)-1)
#define MULTI ((size_t)-2)

typedef struct sent {
    char *text;
    char *norm;
    size_t topic, section;
    size_t nwords;
    uint64_t key;
} sent;

typedef struct term {
    char *text; /* as first written */
    char *norm;
    size_t len; /* bytes of norm */
    size_t topic, section;
    int cls; /* word-ending class, for keywords */
    bool has_ws;       /* ws computed (on first use) */
    text_wordset ws;   /* words of text, for closeness */
} term;

typedef struct pool {
    term *v;
    size_t n, cap;
    text_map index; /* norm -> position in v */
    size_t *by_sec, *by_topic, *by_len; /* positions sorted by those keys */
} pool;

typedef struct occ {
    size_t sent;
    size_t off, len;
    int kind;
} occ;

typedef struct wstat {
    char *word; /* lower case, owned */
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
    gen_difficulty diff;
    size_t nchoices;
    gen_set *out;
    sent *sents;
    size_t nsents, capsents;
    sec_info *secs;
    size_t nsecs;
    text_map sentset; /* normalised sentence -> section, MULTI or NONE */
    pool pools[TERM_KINDS];
    pool titles, faqs;
    occ *occs;
    size_t nocc, capocc;
    text_map words; /* lower-case word -> wstat id */
    wstat *ws;
    size_t nws, capws;
    size_t *tf_ids, *tf_vals;
    size_t ntf, captf, captfv;
    text_map seen; /* prompt and answer of items made */
    size_t *stamp; /* candidate dedupe, one slot per pool entry */
    size_t stamp_cap, stamp_no;
} ctx;

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
        if (strcmp(w, weak[i]) == 0)
            return true;
    return false;
}

static bool similar_length(size_t a, size_t b)
{
    return 2 * a >= b && 2 * b >= a;
}

static uint64_t hash_str(const char *s, uint64_t seed)
{
    return hash64(s, strlen(s), seed);
}

/* ---- pools ---- */

static size_t pool_add(pool *p, const char *text, size_t len, size_t topic, size_t section)
{
    char *norm = text_normalize(text, len);
    if (!*norm) {
        free(norm);
        return NONE;
    }
    bool added;
    size_t *slot = text_map_put(&p->index, norm, p->n, &added);
    if (!added) {
        free(norm);
        return *slot;
    }
    xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
    term *t = &p->v[p->n];
    t->text = xstrndup(text, len);
    t->norm = norm;
    t->len = strlen(norm);
    t->topic = topic;
    t->section = section;
    t->cls = suffix_class(norm);
    t->has_ws = false;
    t->ws = (text_wordset){NULL, 0};
    return p->n++;
}

static const pool *sort_pool; /* qsort has no context argument */

static int cmp_sec(const void *x, const void *y)
{
    const term *a = &sort_pool->v[*(const size_t *)x], *b = &sort_pool->v[*(const size_t *)y];
    if (a->section != b->section)
        return a->section < b->section ? -1 : 1;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

static int cmp_topic(const void *x, const void *y)
{
    const term *a = &sort_pool->v[*(const size_t *)x], *b = &sort_pool->v[*(const size_t *)y];
    if (a->topic != b->topic)
        return a->topic < b->topic ? -1 : 1;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

static int cmp_len(const void *x, const void *y)
{
    const term *a = &sort_pool->v[*(const size_t *)x], *b = &sort_pool->v[*(const size_t *)y];
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

static size_t *sorted_positions(const pool *p, int (*cmp)(const void *, const void *))
{
    size_t *v = xmalloc((p->n ? p->n : 1) * sizeof *v);
    for (size_t i = 0; i < p->n; i++)
        v[i] = i;
    sort_pool = p;
    qsort(v, p->n, sizeof *v, cmp);
    sort_pool = NULL;
    return v;
}

static void pool_finish(pool *p)
{
    p->by_sec = sorted_positions(p, cmp_sec);
    p->by_topic = sorted_positions(p, cmp_topic);
    p->by_len = sorted_positions(p, cmp_len);
}

static void pool_release(pool *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].text);
        free(p->v[i].norm);
        text_wordset_release(&p->v[i].ws);
    }
    free(p->v);
    text_map_release(&p->index);
    free(p->by_sec);
    free(p->by_topic);
    free(p->by_len);
    memset(p, 0, sizeof *p);
}

/* First position in the sorted array ix whose key is >= want. */
static size_t lower_bound(const pool *p, const size_t *ix, size_t want, int which)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const term *t = &p->v[ix[mid]];
        size_t key = which == 0 ? t->section : which == 1 ? t->topic : t->len;
        if (key < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- pass 1: sentences and terms ---- */

static void add_occ(ctx *c, size_t si, size_t off, size_t len, int kind)
{
    xgrow((void **)&c->occs, &c->capocc, c->nocc + 1, sizeof *c->occs);
    c->occs[c->nocc++] = (occ){si, off, len, kind};
}

/* Adds the names, numbers and enumeration items of s to the pools; with
 * si != NONE also records them as cloze candidates of sentence si. */
static void collect_terms(ctx *c, const char *s, size_t topic, size_t section, size_t si)
{
    size_t n = strlen(s);
    text_spans sp = TEXT_SPANS_INIT;
    text_names(s, n, &sp);
    for (size_t i = 0; i < sp.n; i++) {
        text_spans w = TEXT_SPANS_INIT;
        text_words(s + sp.v[i].off, sp.v[i].len, &w);
        bool ok = w.n <= MAX_NAME_WORDS;
        text_spans_release(&w);
        if (!ok)
            continue;
        pool_add(&c->pools[TERM_NAME], s + sp.v[i].off, sp.v[i].len, topic, section);
        if (si != NONE)
            add_occ(c, si, sp.v[i].off, sp.v[i].len, TERM_NAME);
    }
    sp.n = 0;
    text_enumerations(s, n, &sp, 0);
    for (size_t i = 0; i < sp.n; i++) {
        /* "Art, music and dance are...": the pool keeps "art" */
        char *item = xstrndup(s + sp.v[i].off, sp.v[i].len);
        if (sp.v[i].off == 0 && sp.v[i].len > 1 && item[1] >= 'a' && item[1] <= 'z')
            item[0] = (char)ascii_lower((unsigned char)item[0]);
        pool_add(&c->pools[TERM_ENUM], item, sp.v[i].len, topic, section);
        free(item);
        if (si != NONE && sp.v[i].off > 0)
            add_occ(c, si, sp.v[i].off, sp.v[i].len, TERM_ENUM);
    }
    sp.n = 0;
    text_words(s, n, &sp);
    for (size_t i = 0; i < sp.n; i++) {
        if (!text_is_number(s + sp.v[i].off, sp.v[i].len))
            continue;
        pool_add(&c->pools[TERM_NUMBER], s + sp.v[i].off, sp.v[i].len, topic, section);
        if (si != NONE)
            add_occ(c, si, sp.v[i].off, sp.v[i].len, TERM_NUMBER);
    }
    text_spans_release(&sp);
}

/* Counts the keyword-shaped words of sentence s for section sec. */
static void count_words(ctx *c, const char *s, size_t sec)
{
    text_spans w = TEXT_SPANS_INIT;
    text_words(s, strlen(s), &w);
    for (size_t i = 0; i < w.n; i++) {
        const char *p = s + w.v[i].off;
        size_t l = w.v[i].len;
        if (l < 6 || text_is_capitalised(p, l) || text_is_stopword(p, l) ||
            text_is_number(p, l) || text_possessive_len(p, l))
            continue;
        char *low = text_normalize(p, l);
        bool added;
        size_t id = *text_map_put(&c->words, low, c->nws, &added);
        if (added) {
            xgrow((void **)&c->ws, &c->capws, c->nws + 1, sizeof *c->ws);
            c->ws[c->nws++] = (wstat){low, 0, NONE, 0};
        } else {
            free(low);
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
    text_spans_release(&w);
}

static void add_sentence_set(ctx *c, const char *text, size_t section)
{
    text_spans ss = TEXT_SPANS_INIT;
    text_sentences(text, &ss);
    for (size_t i = 0; i < ss.n; i++) {
        char *norm = text_normalize(text + ss.v[i].off, ss.v[i].len);
        text_map_put(&c->sentset, norm, section, NULL);
        free(norm);
    }
    text_spans_release(&ss);
}

static void collect(ctx *c)
{
    const article *a = c->a;
    size_t nsec = 0;
    for (size_t t = 0; t < a->ntopics; t++)
        nsec += a->topics[t].nsections;
    c->secs = xcalloc(nsec ? nsec : 1, sizeof *c->secs);
    for (size_t t = 0; t < a->ntopics; t++) {
        const article_topic *tp = &a->topics[t];
        for (size_t s = 0; s < tp->nsections; s++) {
            size_t sec = c->nsecs++;
            sec_info *si = &c->secs[sec];
            si->s = &tp->sections[s];
            si->topic = t;
            si->first_sent = c->nsents;
            si->tf_first = c->ntf;
            pool_add(&c->titles, si->s->title, strlen(si->s->title), t, sec);
            for (size_t p = 0; p < si->s->npara; p++) {
                const char *text = si->s->paras[p].text;
                text_spans ss = TEXT_SPANS_INIT;
                text_sentences(text, &ss);
                for (size_t k = 0; k < ss.n; k++) {
                    xgrow((void **)&c->sents, &c->capsents, c->nsents + 1, sizeof *c->sents);
                    size_t idx = c->nsents++;
                    sent *st = &c->sents[idx];
                    st->text = xstrndup(text + ss.v[k].off, ss.v[k].len);
                    st->norm = text_normalize(st->text, strlen(st->text));
                    st->topic = t;
                    st->section = sec;
                    st->key = hash_str(st->norm, 0x50c7ce5ULL);
                    text_spans w = TEXT_SPANS_INIT;
                    text_words(st->text, strlen(st->text), &w);
                    st->nwords = w.n;
                    text_spans_release(&w);
                    bool added;
                    size_t *v = text_map_put(&c->sentset, st->norm, sec, &added);
                    if (!added && *v != sec)
                        *v = MULTI;
                    bool usable = st->nwords >= MIN_WORDS && st->nwords <= MAX_WORDS;
                    collect_terms(c, st->text, t, sec, usable ? idx : NONE);
                    count_words(c, st->text, sec);
                }
                text_spans_release(&ss);
            }
            si->nsent = c->nsents - si->first_sent;
            si->tf_n = c->ntf - si->tf_first;
            /* keep this section's term frequencies: the next one resets them */
            xgrow((void **)&c->tf_vals, &c->captfv, c->ntf + 1, sizeof *c->tf_vals);
            for (size_t k = si->tf_first; k < c->ntf; k++)
                c->tf_vals[k] = c->ws[c->tf_ids[k]].tf;
        }
    }
    for (size_t t = 0; t < a->ntopics; t++) {
        const article_topic *tp = &a->topics[t];
        for (size_t q = 0; q < tp->nfaq; q++) {
            add_sentence_set(c, tp->faq[q].question, NONE);
            add_sentence_set(c, tp->faq[q].answer, NONE);
            collect_terms(c, tp->faq[q].answer, t, NONE, NONE);
            pool_add(&c->faqs, tp->faq[q].answer, strlen(tp->faq[q].answer), t, NONE);
        }
    }
    if (a->intro && *a->intro)
        add_sentence_set(c, a->intro, NONE);
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

static void pick_keywords(ctx *c)
{
    double nsec = (double)c->nsecs;
    size_t maxdf = c->nsecs / 3 > 1 ? c->nsecs / 3 : 1;
    scored *sc = NULL;
    size_t capsc = 0;
    for (size_t s = 0; s < c->nsecs; s++) {
        sec_info *si = &c->secs[s];
        size_t nsc = 0;
        xgrow((void **)&sc, &capsc, si->tf_n + 1, sizeof *sc);
        for (size_t k = 0; k < si->tf_n; k++) {
            size_t id = c->tf_ids[si->tf_first + k];
            if (c->ws[id].df > maxdf || weak_keyword(c->ws[id].word))
                continue;
            double idf = log((nsec + 1.0) / (double)c->ws[id].df);
            double len = (double)strlen(c->ws[id].word);
            sc[nsc++] = (scored){id, (double)c->tf_vals[si->tf_first + k] * idf * log(len)};
        }
        qsort(sc, nsc, sizeof *sc, cmp_scored);
        for (size_t k = 0; k < nsc && si->nkw < KEYWORDS_PER_SECTION; k++) {
            si->kw[si->nkw++] = sc[k].id;
            const char *w = c->ws[sc[k].id].word;
            pool_add(&c->pools[TERM_KEYWORD], w, strlen(w), si->topic, s);
        }
    }
    free(sc);
}

/* ---- pass 3: distractors ---- */

/* What a candidate must satisfy besides kind, length and distinctness. */
typedef struct check {
    int what;              /* CHECK_* */
    const char *sent;      /* cloze: the sentence, normalised */
    const char *pre, *post; /* cloze: the normalised sentence around the blank */
    strbuf *buf;           /* cloze: scratch for the filled sentence */
    const text_map *grams; /* list: word n-grams of the named section */
} check;

enum { CHECK_NONE, CHECK_CLOZE, CHECK_LIST };

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

static bool check_ok(ctx *c, const check *k, const term *t)
{
    if (k->what == CHECK_CLOZE) {
        if (norm_has_word(k->sent, t->norm))
            return false;
        /* normalising is local, so the filled sentence's normal form is the
         * blanked one's with the candidate's normal form in the blank */
        k->buf->len = 0;
        strbuf_adds(k->buf, k->pre);
        strbuf_adds(k->buf, t->norm);
        strbuf_adds(k->buf, k->post);
        return text_map_get(&c->sentset, k->buf->buf) == NULL;
    }
    if (k->what == CHECK_LIST)
        return text_map_get(k->grams, t->norm) == NULL;
    return true;
}

static void consider(ctx *c, size_t i, size_t **cand, size_t *ncand,
                     size_t *capcand)
{
    if (c->stamp[i] == c->stamp_no)
        return;
    c->stamp[i] = c->stamp_no;
    xgrow((void **)cand, capcand, *ncand + 1, sizeof **cand);
    (*cand)[(*ncand)++] = i;
}

/* Bounded candidate positions for an answer of length len in (topic, section). */
static size_t gather(ctx *c, const pool *p, size_t len, size_t topic, size_t section,
                     uint64_t seed, size_t **cand, size_t *capcand)
{
    size_t n = 0;
    if (c->stamp_cap < p->n) {
        free(c->stamp);
        c->stamp_cap = p->n;
        c->stamp = xcalloc(p->n, sizeof *c->stamp);
        c->stamp_no = 0;
    }
    c->stamp_no++;
    if (p->n <= SMALL_POOL) {
        for (size_t i = 0; i < p->n; i++)
            consider(c, i, cand, &n, capcand);
        return n;
    }
    rng r;
    rng_seed(&r, seed);
    if (section != NONE) {
        size_t lo = lower_bound(p, p->by_sec, section, 0);
        for (size_t k = lo, m = 0; k < p->n && m < NEAR_CAP; k++, m++) {
            if (p->v[p->by_sec[k]].section != section)
                break;
            consider(c, p->by_sec[k], cand, &n, capcand);
        }
    }
    size_t lo = lower_bound(p, p->by_topic, topic, 1), hi = lower_bound(p, p->by_topic, topic + 1, 1);
    if (hi > lo) {
        size_t span = hi - lo, start = (size_t)rng_below(&r, span);
        for (size_t m = 0; m < NEAR_CAP && m < span; m++)
            consider(c, p->by_topic[lo + (start + m) % span], cand, &n, capcand);
    }
    lo = lower_bound(p, p->by_len, (len + 1) / 2, 2);
    hi = lower_bound(p, p->by_len, 2 * len + 1, 2);
    if (hi > lo)
        for (size_t m = 0; m < SAMPLE_CAP; m++)
            consider(c, p->by_len[lo + (size_t)rng_below(&r, hi - lo)], cand, &n, capcand);
    return n;
}

typedef struct ranked {
    size_t pos;
    double close;
    uint64_t tie; /* equal closeness: a per-item order, so items vary */
} ranked;

static int cmp_ranked(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->close != b->close)
        return a->close > b->close ? -1 : 1;
    if (a->tie != b->tie)
        return a->tie < b->tie ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Picks want distractors from rk[0..n) (closest first) in the order the
 * difficulty asks for; returns how many it found. */
static size_t choose(const ctx *c, const pool *p, const ranked *rk, size_t n, int cls,
                     size_t want, const term **out)
{
    size_t got = 0;
    for (size_t step = 0; step < n && got < want; step++) {
        size_t i;
        if (c->diff == GEN_HARD) {
            i = step;
        } else if (c->diff == GEN_EASY) {
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
            dup = text_near_duplicate_norm(out[k]->norm, t->norm);
        if (!dup)
            out[got++] = t;
    }
    if (c->diff == GEN_MEDIUM && got < want) {
        /* the outward walk skips nothing when n is odd; when even it may miss the last */
        for (size_t i = 0; i < n && got < want; i++) {
            const term *t = &p->v[rk[i].pos];
            bool dup = cls >= 0 && t->cls != cls;
            for (size_t k = 0; k < got && !dup; k++)
                dup = out[k] == t || text_near_duplicate_norm(out[k]->norm, t->norm);
            if (!dup)
                out[got++] = t;
        }
    }
    return got;
}

/* Finds nchoices-1 distractors for answer among pool p; 0 when impossible. */
static bool pick(ctx *c, pool *p, const char *answer, size_t topic, size_t section,
                 bool use_cls, const check *k, const term **out)
{
    size_t want = c->nchoices - 1;
    char *anorm = text_normalize(answer, strlen(answer));
    size_t alen = strlen(anorm);
    size_t *cand = NULL, capcand = 0;
    uint64_t seed = hash_str(anorm, topic) ^ (k->sent ? hash_str(k->sent, 1) : 0);
    size_t n = gather(c, p, alen, topic, section, seed, &cand, &capcand);
    ranked *rk = xmalloc((n ? n : 1) * sizeof *rk);
    size_t nr = 0;
    bool amulti = strpbrk(anorm, " -") != NULL, has_aws = false;
    text_wordset aws = {NULL, 0};
    for (size_t i = 0; i < n; i++) {
        term *t = &p->v[cand[i]];
        if (!similar_length(t->len, alen) || strcmp(t->norm, anorm) == 0 ||
            text_near_duplicate_norm(t->norm, anorm) || !check_ok(c, k, t))
            continue;
        /* one word each: no shared word, as they differ */
        bool multi = amulti || strpbrk(t->norm, " -");
        double close = 0.0;
        if (multi) { /* text_overlap(answer, t->text), each side's words found once */
            if (!has_aws)
                text_wordset_of(answer, &aws);
            if (!t->has_ws)
                text_wordset_of(t->text, &t->ws);
            has_aws = t->has_ws = true;
            close = text_wordset_overlap(&aws, &t->ws);
        }
        if (t->topic == topic)
            close += 0.5;
        if (section != NONE && t->section == section)
            close += 0.25;
        uint64_t tie = (seed ^ cand[i]) * 0x9e3779b97f4a7c15ULL;
        rk[nr++] = (ranked){cand[i], close, tie ^ (tie >> 29)};
    }
    text_wordset_release(&aws);
    /* a few dozen entries, all distinct: an insertion sort gives qsort's order */
    for (size_t i = 1; i < nr; i++) {
        ranked x = rk[i];
        size_t j = i;
        for (; j > 0 && cmp_ranked(&rk[j - 1], &x) > 0; j--)
            rk[j] = rk[j - 1];
        rk[j] = x;
    }
    /* A keyword's distractors must fit the blank: the same word ending
     * (-ing for -ing, plural for plural...), or the item is dropped. */
    size_t got = choose(c, p, rk, nr, use_cls ? suffix_class(anorm) : -1, want, out);
    free(rk);
    free(cand);
    free(anorm);
    return got == want;
}

/* ---- pass 3: items ---- */

static const char *const kind_names[GEN_KIND_COUNT] = {"faq", "cloze", "section", "list"};
static const char *const diff_names[GEN_DIFFICULTY_COUNT] = {"easy", "medium", "hard"};

static int cmp_cstr(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void item_id(gen_item *it)
{
    const char *sorted[GEN_MAX_CHOICES];
    for (size_t i = 0; i < it->nchoices; i++)
        sorted[i] = it->choices[i];
    qsort(sorted, it->nchoices, sizeof *sorted, cmp_cstr);
    strbuf sb = STRBUF_INIT;
    const char *head[] = {kind_names[it->kind], it->topic, it->prompt, it->choices[it->answer]};
    for (size_t i = 0; i < 4; i++) {
        if (i)
            strbuf_addc(&sb, '\x1f');
        strbuf_adds(&sb, head[i]);
    }
    for (size_t i = 0; i < it->nchoices; i++) {
        strbuf_addc(&sb, '\x1f');
        strbuf_adds(&sb, sorted[i]);
    }
    uint64_t h = hash64(sb.buf, sb.len, 0);
    strbuf_release(&sb);
    snprintf(it->id, sizeof it->id, "%016llx", (unsigned long long)h);
}

/* Adds an item (prompt is taken over); the answer goes first for now. */
static void add_item(ctx *c, gen_kind kind, size_t topic, const char *section, char *prompt,
                     const char *answer, const term **dis, const char *source, uint64_t key)
{
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, prompt);
    strbuf_addc(&sb, '\x1f');
    strbuf_adds(&sb, answer);
    bool added;
    text_map_put(&c->seen, strbuf_str(&sb), 0, &added);
    strbuf_release(&sb);
    if (!added) {
        free(prompt);
        return;
    }
    gen_set *o = c->out;
    xgrow((void **)&o->items, &o->cap, o->n + 1, sizeof *o->items);
    gen_item *it = &o->items[o->n++];
    memset(it, 0, sizeof *it);
    it->topic = xstrdup(c->a->topics[topic].slug);
    it->section = xstrdup(section);
    it->kind = kind;
    it->prompt = prompt;
    it->nchoices = c->nchoices;
    it->choices[0] = xstrdup(answer);
    for (size_t i = 1; i < c->nchoices; i++)
        it->choices[i] = xstrdup(dis[i - 1]->text);
    it->answer = 0;
    it->source = xstrdup(source);
    it->topic_index = topic;
    it->source_key = key;
    item_id(it);
}

static void make_section_item(ctx *c, const sent *st)
{
    size_t *where = text_map_get(&c->sentset, st->norm);
    if (!where || *where != st->section || c->titles.n < c->nchoices)
        return;
    const sec_info *si = &c->secs[st->section];
    const term *dis[GEN_MAX_CHOICES];
    if (!pick(c, &c->titles, si->s->title, st->topic, st->section, false,
              &(check){CHECK_NONE, NULL, NULL, NULL, NULL, NULL}, dis))
        return;
    size_t l = strlen(st->text);
    if (l > 0 && st->text[l - 1] == '.')
        l--;
    char *prompt = xasprintf("Which section says: \"%.*s\"?", (int)l, st->text);
    add_item(c, GEN_SECTION, st->topic, si->s->title, prompt, si->s->title, dis, st->text,
             st->key);
}

static void make_cloze(ctx *c, const sent *st, size_t off, size_t len, int kind)
{
    char *answer = xstrndup(st->text + off, len);
    char *prompt = xasprintf("%.*s%s%s", (int)off, st->text, GEN_BLANK, st->text + off + len);
    const term *dis[GEN_MAX_CHOICES];
    char *np = text_normalize(prompt, strlen(prompt));
    char *blank = strstr(np, GEN_BLANK);
    bool ok = false;
    if (blank && !str_icasestr(prompt, answer)) {
        *blank = '\0';
        strbuf buf = STRBUF_INIT;
        ok = pick(c, &c->pools[kind], answer, st->topic, st->section, kind == TERM_KEYWORD,
                  &(check){CHECK_CLOZE, st->norm, np, blank + strlen(GEN_BLANK), &buf, NULL},
                  dis);
        strbuf_release(&buf);
    }
    free(np);
    if (!ok) {
        free(prompt);
        free(answer);
        return;
    }
    add_item(c, GEN_CLOZE, st->topic, c->secs[st->section].s->title, prompt, answer, dis,
             st->text, st->key);
    free(answer);
}

static void make_clozes(ctx *c, size_t si, size_t *occ_at)
{
    const sent *st = &c->sents[si];
    if (st->nwords < MIN_WORDS || st->nwords > MAX_WORDS)
        return;
    text_map done = TEXT_MAP_INIT; /* each term once per sentence */
    for (; *occ_at < c->nocc && c->occs[*occ_at].sent == si; (*occ_at)++) {
        const occ *o = &c->occs[*occ_at];
        char *norm = text_normalize(st->text + o->off, o->len);
        bool added;
        text_map_put(&done, norm, 0, &added);
        free(norm);
        if (added)
            make_cloze(c, st, o->off, o->len, o->kind);
    }
    const sec_info *sec = &c->secs[st->section];
    text_spans w = TEXT_SPANS_INIT;
    text_words(st->text, strlen(st->text), &w);
    for (size_t i = 0; i < w.n; i++) {
        const char *p = st->text + w.v[i].off;
        if (w.v[i].len < 6 || text_is_capitalised(p, w.v[i].len))
            continue;
        char *low = text_normalize(p, w.v[i].len);
        size_t *id = text_map_get(&c->words, low);
        bool kw = false;
        for (size_t k = 0; id && k < sec->nkw; k++)
            kw = kw || sec->kw[k] == *id;
        bool added = false;
        if (kw)
            text_map_put(&done, low, 0, &added);
        free(low);
        if (added)
            make_cloze(c, st, w.v[i].off, w.v[i].len, TERM_KEYWORD);
    }
    text_spans_release(&w);
    text_map_release(&done);
}

/* Word n-grams (1..5 words, lower case) of a section, for "does it name X". */
static void section_grams(const sec_info *si, text_map *grams)
{
    for (size_t p = 0; p < si->s->npara; p++) {
        const char *txt = si->s->paras[p].text;
        text_spans w = TEXT_SPANS_INIT;
        text_words(txt, strlen(txt), &w);
        for (size_t i = 0; i < w.n; i++) {
            for (size_t k = i; k < w.n && k < i + 5; k++) {
                size_t end = w.v[k].off + w.v[k].len;
                size_t pl = text_possessive_len(txt + w.v[k].off, w.v[k].len);
                char *g = text_normalize(txt + w.v[i].off, end - w.v[i].off);
                text_map_put(grams, g, 0, NULL);
                free(g);
                if (pl) {
                    g = text_normalize(txt + w.v[i].off, end - pl - w.v[i].off);
                    text_map_put(grams, g, 0, NULL);
                    free(g);
                }
            }
        }
        text_spans_release(&w);
    }
}

static void make_lists(ctx *c, size_t sec, size_t occ_from, size_t occ_to)
{
    const sec_info *si = &c->secs[sec];
    text_map grams = TEXT_MAP_INIT, done = TEXT_MAP_INIT;
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
        free(norm);
        if (added) {
            if (!built) {
                section_grams(si, &grams);
                built = true;
            }
            const term *dis[GEN_MAX_CHOICES];
            if (pick(c, &c->pools[TERM_ENUM], answer, si->topic, sec, false,
                     &(check){CHECK_LIST, NULL, NULL, NULL, NULL, &grams}, dis)) {
                char *prompt = xasprintf("According to \"%s\", which of these is named?",
                                         si->s->title);
                add_item(c, GEN_LIST, si->topic, si->s->title, prompt, answer, dis, st->text,
                         st->key);
            }
        }
        free(answer);
    }
    text_map_release(&grams);
    text_map_release(&done);
}

static void make_faqs(ctx *c, size_t t)
{
    const article_topic *tp = &c->a->topics[t];
    for (size_t q = 0; q < tp->nfaq; q++) {
        const term *dis[GEN_MAX_CHOICES];
        const char *ans = tp->faq[q].answer;
        if (c->faqs.n < c->nchoices ||
            !pick(c, &c->faqs, ans, t, NONE, false, &(check){CHECK_NONE, NULL, NULL, NULL, NULL, NULL}, dis))
            continue;
        char *norm = text_normalize(ans, strlen(ans));
        uint64_t key = hash_str(norm, 0xfa9ULL);
        free(norm);
        add_item(c, GEN_FAQ, t, tp->title, xstrdup(tp->faq[q].question), ans, dis, ans, key);
    }
}

/* Deals the answer positions from a balanced bag: every run of nchoices
 * items uses each position once, in a seeded order. */
static void spread_answers(ctx *c)
{
    rng r;
    rng_seed(&r, hash_str(c->a->title ? c->a->title : "", 0xba9ULL));
    size_t bag[GEN_MAX_CHOICES], n = c->nchoices;
    for (size_t i = 0; i < c->out->n; i++) {
        if (i % n == 0) {
            for (size_t k = 0; k < n; k++)
                bag[k] = k;
            rng_shuffle(&r, bag, n, sizeof *bag);
        }
        gen_item *it = &c->out->items[i];
        size_t p = bag[i % n];
        char *t = it->choices[0];
        it->choices[0] = it->choices[p];
        it->choices[p] = t;
        it->answer = p;
    }
}

void gen_build(const article *a, const gen_options *opt, gen_set *out)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.diff = opt->difficulty;
    c.nchoices = gen_choice_count(opt);
    c.out = out;
    collect(&c);
    pick_keywords(&c);
    for (int k = 0; k < TERM_KINDS; k++)
        pool_finish(&c.pools[k]);
    pool_finish(&c.titles);
    pool_finish(&c.faqs);
    size_t occ_at = 0, sec = 0;
    for (size_t t = 0; t < a->ntopics; t++) {
        if (a->topics[t].is_faq || a->topics[t].nfaq > 0)
            make_faqs(&c, t);
        for (size_t s = 0; s < a->topics[t].nsections; s++, sec++) {
            const sec_info *si = &c.secs[sec];
            size_t occ_from = occ_at;
            for (size_t k = 0; k < si->nsent; k++) {
                size_t idx = si->first_sent + k;
                const sent *st = &c.sents[idx];
                if (st->nwords >= MIN_WORDS && st->nwords <= MAX_WORDS)
                    make_section_item(&c, st);
                while (occ_at < c.nocc && c.occs[occ_at].sent < idx)
                    occ_at++;
                make_clozes(&c, idx, &occ_at);
            }
            make_lists(&c, sec, occ_from, occ_at);
        }
    }
    spread_answers(&c);

    for (size_t i = 0; i < c.nsents; i++) {
        free(c.sents[i].text);
        free(c.sents[i].norm);
    }
    free(c.sents);
    free(c.secs);
    text_map_release(&c.sentset);
    for (int k = 0; k < TERM_KINDS; k++)
        pool_release(&c.pools[k]);
    pool_release(&c.titles);
    pool_release(&c.faqs);
    free(c.occs);
    text_map_release(&c.words);
    for (size_t i = 0; i < c.nws; i++)
        free(c.ws[i].word);
    free(c.ws);
    free(c.tf_ids);
    free(c.tf_vals);
    text_map_release(&c.seen);
    free(c.stamp);
}

/* ---- the rest of the contract ---- */

void gen_item_release(gen_item *it)
{
    free(it->topic);
    free(it->section);
    free(it->prompt);
    for (size_t i = 0; i < it->nchoices; i++)
        free(it->choices[i]);
    free(it->source);
    memset(it, 0, sizeof *it);
}

void gen_set_release(gen_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        gen_item_release(&s->items[i]);
    free(s->items);
    s->items = NULL;
    s->n = s->cap = 0;
}

void gen_item_copy(gen_item *dst, const gen_item *src)
{
    *dst = *src;
    dst->topic = xstrdup(src->topic);
    dst->section = xstrdup(src->section);
    dst->prompt = xstrdup(src->prompt);
    for (size_t i = 0; i < src->nchoices; i++)
        dst->choices[i] = xstrdup(src->choices[i]);
    dst->source = xstrdup(src->source);
}

size_t gen_choice_count(const gen_options *opt)
{
    if (opt->choices >= 2 && opt->choices <= GEN_MAX_CHOICES)
        return (size_t)opt->choices;
    if (opt->choices > GEN_MAX_CHOICES)
        return GEN_MAX_CHOICES;
    return opt->difficulty == GEN_EASY ? 3 : 4;
}

const char *gen_kind_name(gen_kind k)
{
    return (unsigned)k < GEN_KIND_COUNT ? kind_names[k] : "unknown";
}

const char *gen_difficulty_name(gen_difficulty d)
{
    return (unsigned)d < GEN_DIFFICULTY_COUNT ? diff_names[d] : "unknown";
}

int gen_difficulty_parse(const char *s, gen_difficulty *out)
{
    for (int i = 0; i < GEN_DIFFICULTY_COUNT; i++)
        if (str_icmp(s, diff_names[i]) == 0) {
            *out = (gen_difficulty)i;
            return 0;
        }
    return -1;
}

double gen_mean_overlap(const gen_set *s)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        const gen_item *it = &s->items[i];
        for (size_t k = 0; k < it->nchoices; k++) {
            if (k == it->answer)
                continue;
            sum += text_overlap(it->choices[k], it->choices[it->answer]);
            n++;
        }
    }
    return n ? sum / (double)n : 0.0;
}
