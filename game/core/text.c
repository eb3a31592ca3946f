/* text.c - sentences, words, names, enumerations, normalising, overlap and a
 * string hash map. Start reading at text_sentences().
 *
 * long: the word and sentence scanners share their byte classes and
 * abbreviation tables; the hash map at the end could stand alone and will
 * when a second user needs it. */
#include "text.h"

#include <ctype.h>
#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void text_spans_release(text_spans *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static void spans_push(text_spans *s, size_t off, size_t len, unsigned group)
{
    xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
    s->v[s->n].off = off;
    s->v[s->n].len = len;
    s->v[s->n].group = group;
    s->n++;
}

/* ---- characters ---- */

static bool is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Decodes the code point at s[i] (i < n); sets *len to its byte length. Bad
 * bytes count as one-byte code points of their own value. */
static unsigned long decode(const char *s, size_t n, size_t i, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t left = n - i;
    if (p[0] < 0x80) {
        *len = 1;
        return p[0];
    }
    if (p[0] >= 0xc2 && p[0] < 0xe0 && left >= 2) {
        *len = 2;
        return ((unsigned long)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
    }
    if (p[0] >= 0xe0 && p[0] < 0xf0 && left >= 3) {
        *len = 3;
        return ((unsigned long)(p[0] & 0x0f) << 12) | ((unsigned long)(p[1] & 0x3f) << 6) |
               (p[2] & 0x3f);
    }
    if (p[0] >= 0xf0 && left >= 4) {
        *len = 4;
        return ((unsigned long)(p[0] & 0x07) << 18) | ((unsigned long)(p[1] & 0x3f) << 12) |
               ((unsigned long)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
    }
    *len = 1;
    return p[0];
}

/* A letter or digit (any script), as opposed to punctuation and space. */
static bool cp_is_word(unsigned long cp)
{
    if (cp < 0x80)
        return is_alnum((int)cp);
    if (cp >= 0xa0 && cp <= 0xbf)
        return false;
    if (cp == 0xd7 || cp == 0xf7)
        return false;
    if (cp >= 0x2000 && cp <= 0x206f)
        return false;
    if (cp >= 0x3000 && cp <= 0x303f)
        return false;
    if (cp >= 0xfe30 && cp <= 0xfe4f)
        return false;
    return true;
}

static bool word_at(const char *s, size_t n, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { /* most text: no decoding */
        *len = 1;
        return is_alnum(c);
    }
    unsigned long cp = decode(s, n, i, len);
    return cp_is_word(cp);
}

static bool apostrophe_at(const char *s, size_t n, size_t i, size_t *len)
{
    if (s[i] == '\'') {
        *len = 1;
        return true;
    }
    if (i + 2 < n && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x99) {
        *len = 3;
        return true;
    }
    return false;
}

/* ---- sentences ---- */

static const char *const abbreviations[] = {
    "apr", "aug", "capt", "cf", "co", "col", "corp", "dec", "dept", "dr", "est", "feb",
    "fig", "gen", "gov", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "mar", "messrs",
    "mr", "mrs", "ms", "mt", "no", "nov", "oct", "prof", "rep", "rev", "sen", "sep",
    "sept", "sgt", "sr", "st", "vol", "vs",
};

static bool is_abbreviation(const char *w, size_t n)
{
    char low[8];
    if (n == 0 || n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)ascii_lower((unsigned char)w[i]);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++)
        if (strcmp(low, abbreviations[i]) == 0)
            return true;
    return false;
}

/* Length of a closing quote or bracket at s[i], 0 if none. */
static size_t closer_at(const char *s, size_t n, size_t i)
{
    if (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']')
        return 1;
    if (i + 2 < n && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x9d))
        return 3;
    return 0;
}

/* Whether a sentence may start at s[i]: a capital, digit, opening quote or
 * bracket, or a letter outside ASCII. */
static bool starter_at(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'A' && c <= 'Z') || is_digit(c) || c == '"' || c == '(' || c == '\'' || c == '[')
        return true;
    if (c >= 0x80) {
        size_t l;
        unsigned long cp = decode(s, n, i, &l);
        return cp == 0x201c || cp == 0x2018 || cp_is_word(cp);
    }
    return false;
}

/* Whether the '.' at s[i] closes an initial, an abbreviation or a dotted
 * word such as "e.g.". */
static bool period_is_abbreviation(const char *s, size_t i)
{
    size_t b = i;
    while (b > 0 && !is_space((unsigned char)s[b - 1]))
        b--;
    while (b < i && (s[b] == '(' || s[b] == '"' || s[b] == '\''))
        b++;
    size_t wl = i - b;
    if (wl == 0)
        return false;
    if (wl == 1 && s[b] >= 'A' && s[b] <= 'Z')
        return true;
    if (memchr(s + b, '.', wl))
        return true;
    return is_abbreviation(s + b, wl);
}

static void push_trimmed(text_spans *out, const char *s, size_t a, size_t b)
{
    while (a < b && is_space((unsigned char)s[a]))
        a++;
    while (b > a && is_space((unsigned char)s[b - 1]))
        b--;
    if (b > a)
        spans_push(out, a, b - a, 0);
}

void text_sentences(const char *s, text_spans *out)
{
    size_t n = strlen(s), start = 0, i = 0;
    while (i < n) {
        char c = s[i];
        if (c != '.' && c != '!' && c != '?') {
            i++;
            continue;
        }
        size_t j = i + 1;
        for (;;) {
            size_t cl;
            if (j < n && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
                j++;
            else if (j < n && (cl = closer_at(s, n, j)) > 0)
                j += cl;
            else
                break;
        }
        if (j >= n)
            break;
        if (!is_space((unsigned char)s[j])) {
            i = j;
            continue;
        }
        size_t k = j;
        while (k < n && is_space((unsigned char)s[k]))
            k++;
        bool split = k < n && starter_at(s, n, k);
        if (split && c == '.' && j == i + 1 && period_is_abbreviation(s, i))
            split = false;
        if (split) {
            push_trimmed(out, s, start, j);
            start = k;
        }
        i = k;
    }
    push_trimmed(out, s, start, n);
}

/* ---- words ---- */

void text_words(const char *s, size_t n, text_spans *out)
{
    size_t i = 0;
    while (i < n) {
        size_t l;
        if (!word_at(s, n, i, &l)) {
            i += l;
            continue;
        }
        size_t start = i;
        i += l;
        for (;;) {
            while (i < n && is_alnum((unsigned char)s[i])) /* ASCII letters and digits */
                i++;
            if (i >= n)
                break;
            if (word_at(s, n, i, &l)) {
                i += l;
                continue;
            }
            /* joiners between two word characters */
            size_t jl = 0;
            bool join = false;
            if (s[i] == '-')
                jl = 1, join = true;
            else if (apostrophe_at(s, n, i, &jl))
                join = true;
            else if ((s[i] == ',' || s[i] == '.') && is_digit((unsigned char)s[i - 1]))
                jl = 1, join = i + 1 < n && is_digit((unsigned char)s[i + 1]);
            if (join && i + jl < n && word_at(s, n, i + jl, &l)) {
                i += jl + l;
                continue;
            }
            break;
        }
        spans_push(out, start, i - start, 0);
    }
}

bool text_is_number(const char *w, size_t n)
{
    if (n == 0 || !is_digit((unsigned char)w[0]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_digit((unsigned char)w[i]) && w[i] != ',' && w[i] != '.')
            return false;
    return true;
}

/* Sorted for bsearch. */
static const char *const stopwords[] = {
    "a", "about", "above", "across", "after", "again", "against", "all", "along", "also",
    "although", "am", "amid", "among", "an", "and", "any", "are", "around", "as", "at", "be",
    "because", "been", "before", "being", "below", "between", "beyond", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else",
    "especially", "even", "ever", "every", "few", "for", "from", "further", "had", "has",
    "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
    "however", "i", "if", "in", "including", "into", "is", "it", "its", "itself", "just",
    "least", "less", "like", "lot", "lots", "many", "may", "me", "might", "more", "most",
    "much", "must", "my", "myself", "neither", "no", "nor", "not", "now", "of", "off", "often",
    "on", "once", "one", "ones", "only", "onto", "or", "other", "others", "our", "ours",
    "ourselves", "out", "over", "own", "particularly", "per", "same", "several", "shall", "she",
    "should", "since", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "though", "through",
    "thus", "to", "together", "too", "toward", "towards", "under", "until", "up", "upon",
    "various", "very", "via", "was", "we", "well", "were", "what", "when", "where", "whether",
    "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
    "would", "yet", "you", "your", "yours",
};

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Bit l of stop_lens[c - 'a']: a stopword of l bytes starts with c; most
 * words are turned away by it before the search. */
static uint16_t stop_lens[26];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static void stop_lens_init(void)
{
    for (size_t i = 0; i < sizeof stopwords / sizeof *stopwords; i++)
        stop_lens[stopwords[i][0] - 'a'] |= (uint16_t)(1u << strlen(stopwords[i]));
}

bool text_is_stopword(const char *w, size_t n)
{
    char low[16];
    if (n == 0 || n >= sizeof low)
        return false;
    int first = ascii_lower((unsigned char)w[0]);
    if (first < 'a' || first > 'z')
        return false;
    pthread_once(&stop_once, stop_lens_init);
    if (!((stop_lens[first - 'a'] >> n) & 1))
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)ascii_lower((unsigned char)w[i]);
    low[n] = '\0';
    const char *key = low;
    return bsearch(&key, stopwords, sizeof stopwords / sizeof *stopwords, sizeof *stopwords,
                   cmp_cstr) != NULL;
}

bool text_is_capitalised(const char *w, size_t n)
{
    if (n > 0 && w[0] >= 'A' && w[0] <= 'Z')
        return true;
    /* Latin-1 capitals U+00C0..U+00DE but U+00D7 */
    return n > 1 && (unsigned char)w[0] == 0xc3 && (unsigned char)w[1] >= 0x80 &&
           (unsigned char)w[1] <= 0x9e && (unsigned char)w[1] != 0x97;
}

size_t text_possessive_len(const char *w, size_t n)
{
    if (n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S'))
        return 2;
    if (n > 4 && (w[n - 1] == 's' || w[n - 1] == 'S') && memcmp(w + n - 4, "\xe2\x80\x99", 3) == 0)
        return 4;
    return 0;
}

/* True when s[a..b) holds only spaces. */
static bool gap_plain(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!is_space((unsigned char)s[i]))
            return false;
    return true;
}

static bool gap_comma(const char *s, size_t a, size_t b)
{
    bool comma = false;
    for (size_t i = a; i < b; i++) {
        if (s[i] == ',')
            comma = true;
        else if (!is_space((unsigned char)s[i]))
            return false;
    }
    return comma;
}

static bool word_is(const char *s, const text_span *w, const char *lit)
{
    size_t l = strlen(lit);
    if (w->len != l)
        return false;
    for (size_t i = 0; i < l; i++)
        if (ascii_lower((unsigned char)s[w->off + i]) != lit[i])
            return false;
    return true;
}

static bool is_name_joiner(const char *s, const text_span *w)
{
    static const char *const joiners[] = {"of", "de", "van", "von", "da", "del", "la"};
    if (text_is_capitalised(s + w->off, w->len))
        return false;
    for (size_t i = 0; i < sizeof joiners / sizeof *joiners; i++)
        if (word_is(s, w, joiners[i]))
            return true;
    return false;
}

/* A gap inside a name: spaces, or ". " after an initial or "St", "Mt", "Dr"... */
static bool name_gap(const char *s, const text_span *prev, size_t next)
{
    size_t a = prev->off + prev->len;
    if (gap_plain(s, a, next))
        return true;
    if (s[a] != '.' || !gap_plain(s, a + 1, next) || next == a + 1)
        return false;
    if (prev->len == 1 && s[prev->off] >= 'A' && s[prev->off] <= 'Z')
        return true;
    static const char *const abbr[] = {"st", "ste", "mt", "dr", "mr", "mrs", "ms", "ft"};
    for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++)
        if (word_is(s, prev, abbr[i]))
            return true;
    return false;
}

static bool is_name_word(const char *s, const text_span *w)
{
    const char *p = s + w->off;
    return text_is_capitalised(p, w->len) && !text_is_stopword(p, w->len);
}

void text_names_in(const char *s, const text_spans *w, text_spans *out)
{
    size_t i = 0;
    while (i < w->n) {
        if (!is_name_word(s, &w->v[i])) {
            i++;
            continue;
        }
        size_t first = i, last = i;
        size_t j = i + 1;
        while (j < w->n) {
            if (is_name_word(s, &w->v[j]) && name_gap(s, &w->v[j - 1], w->v[j].off)) {
                last = j++;
                continue;
            }
            /* "Gulf of Mexico": a joiner between two name words */
            if (j + 1 < w->n && is_name_joiner(s, &w->v[j]) && is_name_word(s, &w->v[j + 1]) &&
                gap_plain(s, w->v[j - 1].off + w->v[j - 1].len, w->v[j].off) &&
                gap_plain(s, w->v[j].off + w->v[j].len, w->v[j + 1].off)) {
                last = j + 1;
                j += 2;
                continue;
            }
            break;
        }
        i = last + 1;
        if (first == 0)
            continue;
        /* a word after an opening quote or colon is capitalised anyway */
        size_t off = w->v[first].off, end = w->v[last].off + w->v[last].len;
        end -= text_possessive_len(s + w->v[last].off, w->v[last].len);
        if (end > off)
            spans_push(out, off, end - off, 0);
    }
}

void text_names(const char *s, size_t n, text_spans *out)
{
    text_spans w = TEXT_SPANS_INIT;
    text_words(s, n, &w);
    text_names_in(s, &w, out);
    text_spans_release(&w);
}

/* ---- enumerations ---- */

#define ENUM_MAX_WORDS 4

/* Words that open an introductory clause ("As they work together, ..."). */
static bool opens_clause(const char *s, const text_span *w)
{
    static const char *const openers[] = {"as", "when", "while", "if", "although", "though",
                                          "because", "since", "after", "before", "once", "until",
                                          "whereas", "in", "on", "at", "for", "with", "by",
                                          "during", "despite", "unless", "to"};
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
        if (word_is(s, w, openers[i]))
            return true;
    return false;
}

/* "fostering stronger ties": a participle phrase, not a listed thing. */
static bool participle_phrase(const char *s, size_t off, size_t end)
{
    const char *sp = memchr(s + off, ' ', end - off);
    if (!sp)
        return false;
    size_t l = (size_t)(sp - (s + off));
    return l > 5 && memcmp(sp - 3, "ing", 3) == 0;
}

static bool words_plain_free(const char *s, const text_spans *w, size_t a, size_t b)
{
    for (size_t k = a; k <= b; k++)
        if (text_is_stopword(s + w->v[k].off, w->v[k].len))
            return false;
    return true;
}

unsigned text_enumerations_in(const char *s, const text_spans *w, text_spans *out,
                              unsigned first_group)
{
    unsigned found = 0;
    size_t item_off[32], item_end[32];
    for (size_t c = 1; c + 1 < w->n; c++) {
        if (!word_is(s, &w->v[c], "and") && !word_is(s, &w->v[c], "or"))
            continue;
        size_t ce = w->v[c].off + w->v[c].len;
        if (!gap_plain(s, ce, w->v[c + 1].off))
            continue;
        /* the last item: up to punctuation or a function word */
        size_t k = c + 1, lastw = c;
        while (k < w->n && k - c <= ENUM_MAX_WORDS &&
               !text_is_stopword(s + w->v[k].off, w->v[k].len) &&
               (k == c + 1 || gap_plain(s, w->v[k - 1].off + w->v[k - 1].len, w->v[k].off)))
            lastw = k++;
        if (lastw == c)
            continue;
        /* ended by a function word or the length limit, not by punctuation:
         * "and coastal wetlands line the shores" - trimmed below */
        bool open_end = k < w->n && gap_plain(s, w->v[k - 1].off + w->v[k - 1].len, w->v[k].off);
        size_t nitems = 0;
        item_off[nitems] = w->v[c + 1].off;
        item_end[nitems] = w->v[lastw].off + w->v[lastw].len;
        nitems++;
        size_t maxwords = lastw - c, nfull = 0;
        /* middle items, walking back over comma-separated segments */
        size_t cur = c; /* the word after the segment */
        bool ok = true, head_done = false;
        while (!head_done && cur > 0 && nitems < 30) {
            size_t gb = w->v[cur - 1].off + w->v[cur - 1].len;
            if (cur == c) {
                if (!gap_plain(s, gb, w->v[cur].off) && !gap_comma(s, gb, w->v[cur].off)) {
                    ok = false;
                    break;
                }
            } else if (!gap_comma(s, gb, w->v[cur].off)) {
                break;
            }
            size_t end = cur - 1, st = end;
            while (st > 0 && gap_plain(s, w->v[st - 1].off + w->v[st - 1].len, w->v[st].off))
                st--;
            bool comma_before =
                st > 0 && gap_comma(s, w->v[st - 1].off + w->v[st - 1].len, w->v[st].off);
            size_t nw = end - st + 1;
            if (comma_before && nw <= ENUM_MAX_WORDS && words_plain_free(s, w, st, end)) {
                item_off[nitems] = w->v[st].off;
                item_end[nitems] = w->v[end].off + w->v[end].len;
                nitems++;
                nfull++;
                if (nw > maxwords)
                    maxwords = nw;
                cur = st;
                continue;
            }
            /* the head segment: its tail is the first item */
            if (nfull == 0) {
                ok = false;
                break;
            }
            size_t hs = end + 1;
            while (hs > st && end + 1 - hs < maxwords &&
                   !text_is_stopword(s + w->v[hs - 1].off, w->v[hs - 1].len) &&
                   !text_is_number(s + w->v[hs - 1].off, w->v[hs - 1].len))
                hs--;
            if (hs > end) {
                ok = false;
                break;
            }
            /* "As they work together, A and B": an opening clause, not an item */
            if (nfull == 1 && st == 0 && hs > st && opens_clause(s, &w->v[0])) {
                ok = false;
                break;
            }
            item_off[nitems] = w->v[hs].off;
            item_end[nitems] = w->v[end].off + w->v[end].len;
            nitems++;
            head_done = true;
        }
        if (!ok || !head_done || nitems < 3)
            continue;
        if (open_end) {
            size_t midmax = 1;
            for (size_t t = 1; t + 1 < nitems; t++) {
                text_spans iw = TEXT_SPANS_INIT;
                text_words(s + item_off[t], item_end[t] - item_off[t], &iw);
                if (iw.n > midmax)
                    midmax = iw.n;
                text_spans_release(&iw);
            }
            if (lastw - c > midmax) {
                lastw = c + midmax;
                item_end[0] = w->v[lastw].off + w->v[lastw].len;
            }
        }
        /* items of one list share their case: "together, Turkmenistan and X" is no list */
        size_t ncap = 0;
        for (size_t t = 0; t < nitems; t++)
            ncap += text_is_capitalised(s + item_off[t], item_end[t] - item_off[t]);
        if (ncap != 0 && ncap != nitems && !(ncap == 1 && item_off[nitems - 1] == w->v[0].off))
            continue;
        bool participle = false;
        for (size_t t = 0; t < nitems; t++)
            participle = participle || participle_phrase(s, item_off[t], item_end[t]);
        if (participle)
            continue;
        for (size_t t = nitems; t-- > 0;) {
            size_t len = item_end[t] - item_off[t];
            len -= text_possessive_len(s + item_off[t], len);
            spans_push(out, item_off[t], len, first_group + found);
        }
        found++;
        c = lastw;
    }
    return found;
}

unsigned text_enumerations(const char *s, size_t n, text_spans *out, unsigned first_group)
{
    text_spans w = TEXT_SPANS_INIT;
    text_words(s, n, &w);
    unsigned found = text_enumerations_in(s, &w, out, first_group);
    text_spans_release(&w);
    return found;
}

/* ---- comparing ---- */

char *text_normalize(const char *s, size_t n)
{
    char *o = xmalloc(n + 1);
    text_normalize_to(o, s, n);
    return o;
}

size_t text_space_len(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (is_space(c))
        return 1;
    return c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xa0 ? 2 : 0;
}

/* text_normalize_map() with at optional and the end trimmed or not. */
static size_t normalize(char *o, const char *s, size_t n, size_t *at, bool trim)
{
    size_t k = 0, i = 0;
    bool space = false;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t l = 1;
        if (at)
            at[i] = k;
        size_t sl = text_space_len(s, n, i);
        if (sl) {
            space = true;
            if (sl == 2 && at)
                at[i + 1] = k;
            i += sl;
            continue;
        }
        if (space && k > 0)
            o[k++] = ' ';
        space = false;
        if (c >= 0x80) {
            unsigned long cp = decode(s, n, i, &l);
            if (at)
                for (size_t j = 1; j < l; j++)
                    at[i + j] = at[i];
            if (cp == 0x2018 || cp == 0x2019) {
                o[k++] = '\'';
            } else if (cp == 0x201c || cp == 0x201d) {
                o[k++] = '"';
            } else {
                memcpy(o + k, s + i, l);
                k += l;
            }
            i += l;
            continue;
        }
        o[k++] = (char)ascii_lower(c);
        i++;
    }
    if (at)
        at[n] = k;
    while (trim && k > 0 && strchr(".,;:!?\" ", o[k - 1]))
        k--;
    o[k] = '\0';
    return k;
}

size_t text_normalize_to(char *o, const char *s, size_t n)
{
    return normalize(o, s, n, NULL, true);
}

size_t text_normalize_map(char *o, const char *s, size_t n, size_t *at)
{
    return normalize(o, s, n, at, false);
}

typedef struct hword {
    uint64_t h;
    const char *w;
    size_t len;
} hword;

static int cmp_hword(const void *a, const void *b)
{
    const hword *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return strcmp(x->w, y->w);
}

/* The words of a wordset: where word i starts, and the words. */
static const uint32_t *ws_at(const text_wordset *s)
{
    return (const uint32_t *)(const void *)(s->buf + s->n * sizeof(uint64_t));
}

static const char *ws_words(const text_wordset *s)
{
    return s->buf + s->n * (sizeof(uint64_t) + sizeof(uint32_t));
}

void text_wordset_of(const char *s, text_wordset *out)
{
    text_spans w = TEXT_SPANS_INIT;
    size_t n = strlen(s);
    text_words(s, n, &w);
    out->buf = NULL;
    out->n = 0;
    if (w.n == 0) {
        text_spans_release(&w);
        return;
    }
    /* every word's normal form in one block, sorted by hash through records */
    char *all = xmalloc(n + w.n), *q = all;
    hword *v = xmalloc(w.n * sizeof *v);
    for (size_t i = 0; i < w.n; i++) {
        size_t l = text_normalize_to(q, s + w.v[i].off, w.v[i].len);
        v[i] = (hword){hash_table(q, l, 0), q, l};
        q += l + 1;
    }
    qsort(v, w.n, sizeof *v, cmp_hword);
    size_t m = 0, bytes = 0;
    for (size_t i = 0; i < w.n; i++) {
        if (i == 0 || v[i].h != v[m - 1].h || strcmp(v[i].w, v[m - 1].w) != 0) {
            v[m++] = v[i];
            bytes += v[i].len + 1;
        }
    }
    out->n = m;
    out->buf = xmalloc(m * (sizeof(uint64_t) + sizeof(uint32_t)) + bytes);
    uint64_t *h = (uint64_t *)(void *)out->buf;
    uint32_t *at = (uint32_t *)(void *)(out->buf + m * sizeof(uint64_t));
    char *words = out->buf + m * (sizeof(uint64_t) + sizeof(uint32_t)), *p = words;
    for (size_t i = 0; i < m; i++) {
        h[i] = v[i].h;
        at[i] = (uint32_t)(p - words);
        memcpy(p, v[i].w, v[i].len + 1);
        p += v[i].len + 1;
    }
    free(v);
    free(all);
    text_spans_release(&w);
}

double text_wordset_overlap(const text_wordset *a, const text_wordset *b)
{
    if (a->n == 0 || b->n == 0)
        return 0;
    const uint64_t *ha = text_wordset_hashes(a), *hb = text_wordset_hashes(b);
    size_t i = 0, j = 0, common = 0;
    while (i < a->n && j < b->n) {
        uint64_t x = ha[i], y = hb[j];
        if (x != y) { /* the usual case, stepped without a branch to mispredict */
            i += x < y;
            j += y < x;
            continue;
        }
        int d = strcmp(ws_words(a) + ws_at(a)[i], ws_words(b) + ws_at(b)[j]);
        i += d <= 0;
        j += d >= 0;
        common += d == 0;
    }
    return (double)common / (double)(a->n + b->n - common);
}

void text_wordset_release(text_wordset *s)
{
    free(s->buf);
    s->buf = NULL;
    s->n = 0;
}

double text_overlap(const char *a, const char *b)
{
    text_wordset sa, sb;
    text_wordset_of(a, &sa);
    text_wordset_of(b, &sb);
    double r = text_wordset_overlap(&sa, &sb);
    text_wordset_release(&sa);
    text_wordset_release(&sb);
    return r;
}

/* Whether a word boundary lies at s[i] (looking forward). */
static bool boundary_after(const char *s, size_t n, size_t i)
{
    size_t l;
    if (i >= n)
        return true;
    if (apostrophe_at(s, n, i, &l))
        return true;
    return !word_at(s, n, i, &l);
}

static bool boundary_before(const char *s, size_t i)
{
    if (i == 0)
        return true;
    size_t b = i - 1;
    while (b > 0 && ((unsigned char)s[b] & 0xc0) == 0x80)
        b--;
    size_t l;
    return !word_at(s, i, b, &l);
}

bool text_contains_word(const char *hay, const char *needle)
{
    size_t n = strlen(hay), m = strlen(needle);
    if (m == 0)
        return false;
    const char *p = hay;
    while ((p = str_icasestr(p, needle)) != NULL) {
        size_t at = (size_t)(p - hay);
        if (boundary_before(hay, at) && boundary_after(hay, n, at + m))
            return true;
        p++;
    }
    return false;
}

static bool starts_a_word_of(const char *small, const char *big)
{
    size_t m = strlen(small);
    if (m == 0)
        return false;
    for (const char *p = strstr(big, small); p; p = strstr(p + 1, small))
        if (p == big || !is_alnum((unsigned char)p[-1]))
            return true;
    return false;
}

bool text_near_duplicate(const char *a, const char *b)
{
    char *na = text_normalize(a, strlen(a)), *nb = text_normalize(b, strlen(b));
    bool dup = text_near_duplicate_norm(na, nb);
    free(na);
    free(nb);
    return dup;
}

/* Whether edit_distance(a, b) <= limit for strings of at most 64 bytes:
 * the same cost model (ASCII case ignored), but only the cells within limit
 * of the diagonal are computed and it stops once a whole row exceeds limit. */
static bool within_edits(const char *a, size_t n, const char *b, size_t m, size_t limit)
{
    const size_t big = limit + 1; /* any cost above limit */
    size_t row[65];
    for (size_t j = 0; j <= m; j++)
        row[j] = j <= limit ? j : big;
    for (size_t i = 1; i <= n; i++) {
        size_t jlo = i > limit ? i - limit : 1, jhi = i + limit < m ? i + limit : m;
        if (jlo > jhi)
            return false;
        size_t diag = row[jlo - 1];
        row[jlo - 1] = jlo == 1 && i <= limit ? i : big;
        size_t best_row = row[jlo - 1];
        int ca = ascii_lower((unsigned char)a[i - 1]);
        for (size_t j = jlo; j <= jhi; j++) {
            size_t up = row[j];
            size_t best = diag + (ca == ascii_lower((unsigned char)b[j - 1]) ? 0 : 1);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best < big ? best : big;
            if (row[j] < best_row)
                best_row = row[j];
            diag = up;
        }
        if (jhi < m)
            row[jhi + 1] = big; /* outside the band in this row */
        if (best_row > limit)
            return false;
    }
    return row[m] <= limit;
}

bool text_near_duplicate_norm(const char *na, const char *nb)
{
    return text_near_duplicate_normlen(na, strlen(na), nb, strlen(nb));
}

bool text_near_duplicate_normlen(const char *na, size_t la, const char *nb, size_t lb)
{
    /* a longer string never occurs in a shorter one */
    bool dup = (la == lb && memcmp(na, nb, la) == 0) || (la <= lb && starts_a_word_of(na, nb)) ||
               (lb <= la && starts_a_word_of(nb, na));
    if (!dup) {
        size_t shorter = la < lb ? la : lb;
        size_t limit = shorter / 5 > 1 ? shorter / 5 : 1;
        size_t diff = la > lb ? la - lb : lb - la;
        /* one edit cannot change both the first and the last byte */
        bool ends_differ = la > 1 && lb > 1 && na[0] != nb[0] && na[la - 1] != nb[lb - 1];
        if (diff <= limit && la <= 64 && lb <= 64 && !(limit == 1 && ends_differ))
            dup = within_edits(na, la, nb, lb, limit);
    }
    return dup;
}

static uint64_t sig_bit(unsigned x)
{
    return 1ULL << ((x * 0x9e3779b1u) >> 26);
}

text_dupsig text_dupsig_of(const char *n, size_t len)
{
    text_dupsig d = {0, 0};
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)n[i];
        d.grams |= sig_bit(c);
        if (i + 1 < len)
            d.grams |= sig_bit(0x100u + ((unsigned)c << 8 | (unsigned char)n[i + 1]));
        unsigned b = (unsigned)ascii_lower(c) & 15, sh = 4 * b;
        if (((d.hist >> sh) & 15) != 15)
            d.hist += 1ULL << sh;
    }
    return d;
}

/* A lower bound of the edit distance from the byte histograms: a
 * substitution removes one byte and adds one, an insertion or deletion one
 * of the two, so the distance is at least the larger of the surplus of
 * either side (merging bytes into 16 buckets, or capping counts at 15,
 * only lowers both). */
/* The sum of the 8 bytes of v (each at most 31). */
static unsigned byte_sum(uint64_t v)
{
    return (unsigned)((v * 0x0101010101010101ULL) >> 56);
}

/* The bytewise maximum of x and y, whose bytes are 0..15. */
static uint64_t byte_max15(uint64_t x, uint64_t y)
{
    const uint64_t ones = 0x0101010101010101ULL;
    uint64_t t = (x | ones * 0x10) - y;    /* 16 + x - y in each byte: no borrow */
    uint64_t ge = ((t >> 4) & ones) * 0xff; /* 0xff where x >= y */
    return (x & ge) | (y & ~ge);
}

size_t text_hist_bound(uint64_t a, uint64_t b)
{
    /* the larger of the excesses either way, max(sum (x-y)+, sum (y-x)+),
     * is sum max(x, y) - min(sum x, sum y); the 16 counts as bytes */
    const uint64_t low = 0x0f0f0f0f0f0f0f0fULL;
    uint64_t a0 = a & low, a1 = (a >> 4) & low, b0 = b & low, b1 = (b >> 4) & low;
    unsigned sa = byte_sum(a0) + byte_sum(a1), sb = byte_sum(b0) + byte_sum(b1);
    unsigned mx = byte_sum(byte_max15(a0, b0)) + byte_sum(byte_max15(a1, b1));
    return mx - (sa < sb ? sa : sb);
}

bool text_near_duplicate_sig(const char *na, size_t la, text_dupsig sa, const char *nb, size_t lb,
                             text_dupsig sb)
{
    /* a substring's bytes and byte pairs are among the longer string's */
    if (la == lb && memcmp(na, nb, la) == 0)
        return true;
    if (la <= lb && (sa.grams & ~sb.grams) == 0 && starts_a_word_of(na, nb))
        return true;
    if (lb <= la && (sb.grams & ~sa.grams) == 0 && starts_a_word_of(nb, na))
        return true;
    size_t shorter = la < lb ? la : lb;
    size_t limit = shorter / 5 > 1 ? shorter / 5 : 1;
    size_t diff = la > lb ? la - lb : lb - la;
    bool ends_differ = la > 1 && lb > 1 && na[0] != nb[0] && na[la - 1] != nb[lb - 1];
    if (diff <= limit && la <= 64 && lb <= 64 && !(limit == 1 && ends_differ) &&
        text_hist_bound(sa.hist, sb.hist) <= limit)
        return within_edits(na, la, nb, lb, limit);
    return false;
}

/* ---- hash map ---- */

/* Eight bytes at a time, then mixed so that the low bits (the slot) depend
 * on every byte: the map's cost is mostly hashing its keys. Slots only, never
 * stored or shown, so it may change freely. */

size_t *text_map_get(const text_map *m, const char *key)
{
    if (m->cap == 0)
        return NULL;
    uint64_t h = text_map_hash(key, strlen(key));
    for (size_t i = (size_t)h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        text_map_slot *sl = &m->slots[i];
        if (!sl->key)
            return NULL;
        if (sl->hash == h && strcmp(sl->key, key) == 0)
            return &sl->val;
    }
}

/* Puts item in the first free slot from its hash on; returns where. */
static size_t map_insert_slot(text_map_slot *slots, size_t cap, text_map_slot item)
{
    size_t i = (size_t)item.hash & (cap - 1);
    while (slots[i].key)
        i = (i + 1) & (cap - 1);
    slots[i] = item;
    return i;
}

uint64_t text_map_hash(const char *key, size_t len)
{
    return hash_table(key, len, 0);
}

size_t *text_map_put(text_map *m, const char *key, size_t val, bool *added)
{
    return text_map_put_hashed(m, key, text_map_hash(key, strlen(key)), val, added);
}

size_t *text_map_put_hashed(text_map *m, const char *key, uint64_t h, size_t val, bool *added)
{
    size_t i = 0;
    if (m->cap) {
        for (i = (size_t)h & (m->cap - 1); m->slots[i].key; i = (i + 1) & (m->cap - 1)) {
            if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0) {
                if (added)
                    *added = false;
                return &m->slots[i].val;
            }
        }
    }
    if (added)
        *added = true;
    text_map_slot item = {arena_strndup(&m->keys, key, strlen(key)), h, val};
    if ((m->n + 1) * 4 > m->cap * 3) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        text_map_slot *ns = xcalloc(ncap, sizeof *ns);
        for (size_t j = 0; j < m->cap; j++)
            if (m->slots[j].key)
                map_insert_slot(ns, ncap, m->slots[j]);
        free(m->slots);
        m->slots = ns;
        m->cap = ncap;
        i = map_insert_slot(ns, ncap, item);
    } else {
        m->slots[i] = item;
    }
    m->n++;
    return &m->slots[i].val;
}

void text_map_release(text_map *m)
{
    free(m->slots);
    arena_release(&m->keys);
    m->slots = NULL;
    m->cap = m->n = 0;
}

bool text_has_url(const char *s)
{
    if (str_icasestr(s, "http://") || str_icasestr(s, "https://") || str_icasestr(s, "www.") ||
        str_icasestr(s, "ftp://"))
        return true;
    /* name@host.tld: letters or digits on both sides of '@' and a dot after */
    for (const char *p = s; (p = strchr(p, '@')) != NULL; p++) {
        if (p == s || !isalnum((unsigned char)p[-1]) || !isalnum((unsigned char)p[1]))
            continue;
        const char *q = p + 1;
        while (isalnum((unsigned char)*q) || *q == '-' || *q == '.')
            q++;
        const char *dot = memchr(p + 1, '.', (size_t)(q - p - 1));
        if (dot && dot + 1 < q && isalnum((unsigned char)dot[1]))
            return true;
    }
    return false;
}

struct text_stemmer {
    struct sb_stemmer *en, *ru; /* NULL when libstemmer lacks the language */
};

text_stemmer *text_stemmer_new(void)
{
    text_stemmer *st = xmalloc(sizeof *st);
    st->en = sb_stemmer_new("english", NULL);
    st->ru = sb_stemmer_new("russian", NULL);
    return st;
}

void text_stemmer_free(text_stemmer *st)
{
    if (!st)
        return;
    if (st->en)
        sb_stemmer_delete(st->en);
    if (st->ru)
        sb_stemmer_delete(st->ru);
    free(st);
}

/* Cyrillic capitals to small letters, in place ("Дымоход" to "дымоход"):
 * the stemmers take small letters. */
static void lower_cyrillic(char *s)
{
    for (unsigned char *p = (unsigned char *)s; p[0] && p[1]; p++) {
        if (p[0] != 0xD0)
            continue;
        if (p[1] >= 0x90 && p[1] <= 0x9F) { /* А..П */
            p[1] = (unsigned char)(p[1] + 0x20);
        } else if (p[1] >= 0xA0 && p[1] <= 0xAF) { /* Р..Я */
            p[0] = 0xD1;
            p[1] = (unsigned char)(p[1] - 0x20);
        } else if (p[1] == 0x81) { /* Ё */
            p[0] = 0xD1;
            p[1] = 0x91;
        }
        p++;
    }
}

void text_stems_of(text_stemmer *st, const char *s, text_stems *out)
{
    out->buf.len = 0;
    out->n = 0;
    text_spans w = TEXT_SPANS_INIT;
    text_words(s, strlen(s), &w);
    for (size_t i = 0; i < w.n; i++) {
        const char *p = s + w.v[i].off;
        size_t len = w.v[i].len;
        /* numbers count too ("30 to 1"): two digits or more */
        bool number = text_is_number(p, len);
        if ((len < 3 && !(number && len == 2)) || text_is_stopword(p, len))
            continue;
        char *low = text_normalize(p, len);
        lower_cyrillic(low);
        bool cyr = (unsigned char)low[0] == 0xD0 || (unsigned char)low[0] == 0xD1;
        struct sb_stemmer *sb = cyr ? st->ru : st->en;
        const sb_symbol *stem =
            sb ? sb_stemmer_stem(sb, (const sb_symbol *)low, (int)strlen(low)) : NULL;
        if (stem)
            strbuf_add(&out->buf, (const char *)stem, (size_t)sb_stemmer_length(sb));
        else
            strbuf_adds(&out->buf, low);
        strbuf_addc(&out->buf, '\0');
        free(low);
        out->n++;
    }
    text_spans_release(&w);
}

/* Do stems x and y name one word: equal, one the start of the other
 * ("ship" in "shipwreck", four letters at least, three in Cyrillic),
 * sharing their first six letters ("dissolv" and "dissolut", two forms the
 * stemmer left apart), or one inside the other (six letters at least)? */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool stems_alike(const char *x, const char *y)
{
    size_t chars = 0, i = 0;
    for (; x[i] && x[i] == y[i]; i++)
        chars += ((unsigned char)x[i] & 0xC0) != 0x80;
    if (!x[i] && !y[i])
        return true;
    /* a Cyrillic root is often three letters ("дым" in "дымоход") */
    if ((!x[i] || !y[i]) && (chars >= 4 || (chars == 3 && (unsigned char)x[0] >= 0x80)))
        return true;
    if (chars >= 6) /* "dissolv" and "dissolut" */
        return true;
    /* one inside the other, six letters at least ("байкал" in
     * "кругобайкальск"; not "river" in "driver"), or at the end of the
     * other, four ("cycl" in "bicycl") */
    const char *shorter = strlen(x) < strlen(y) ? x : y, *longer = shorter == x ? y : x;
    size_t ls = strlen(shorter), ll = strlen(longer), cs = utf8_chars(shorter);
    if (cs >= 4 && ll > ls && strcmp(longer + ll - ls, shorter) == 0)
        return true;
    return cs >= 6 && strstr(longer, shorter) != NULL;
}

bool text_stems_meet(const text_stems *a, const text_stems *b)
{
    const char *x = a->buf.buf;
    for (size_t i = 0; i < a->n; i++, x += strlen(x) + 1) {
        const char *y = b->buf.buf;
        for (size_t j = 0; j < b->n; j++, y += strlen(y) + 1)
            if (stems_alike(x, y))
                return true;
    }
    return false;
}

void text_stems_copy(text_stems *dst, const text_stems *src)
{
    dst->buf.len = 0;
    if (src->buf.len)
        strbuf_add(&dst->buf, src->buf.buf, src->buf.len);
    dst->n = src->n;
}

void text_stems_keep(text_stems *s, bool (*keep)(const char *stem, void *arg), void *arg)
{
    size_t r = 0, w = 0, n = 0;
    for (size_t i = 0; i < s->n; i++) {
        size_t l = strlen(s->buf.buf + r) + 1;
        if (keep(s->buf.buf + r, arg)) {
            memmove(s->buf.buf + w, s->buf.buf + r, l); /* w <= r: moves down */
            w += l;
            n++;
        }
        r += l;
    }
    s->buf.len = w;
    s->n = n;
}

size_t text_stems_common(const text_stems *a, const text_stems *b)
{
    size_t n = 0;
    const char *x = a->buf.buf;
    for (size_t i = 0; i < a->n; i++, x += strlen(x) + 1) {
        const char *y = b->buf.buf;
        bool hit = false;
        for (size_t j = 0; j < b->n && !hit; j++, y += strlen(y) + 1)
            hit = stems_alike(x, y);
        n += hit;
    }
    return n;
}

void text_stems_release(text_stems *s)
{
    strbuf_release(&s->buf);
    s->n = 0;
}
