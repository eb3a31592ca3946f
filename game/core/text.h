/* text.h - small text utilities for the generator: sentences, words, names,
 * enumerations, normalised comparison, word overlap and a string hash map.
 *
 * All functions work on UTF-8 bytes and ignore the locale. Letters outside
 * ASCII count as word characters; the right single quote ’ (U+2019) and the
 * ASCII apostrophe inside a word are part of it ("Kazakhstan’s" is one word);
 * general punctuation (U+2000..U+206F other than ’ inside a word, U+00A0..
 * U+00BF) separates words. Case folding is ASCII only.
 *
 * Spans point into the caller's string; the span arrays are owned by the
 * caller and freed with text_spans_release(). Functions returning char * give
 * a malloc'd string (free it). Allocation failure exits (see util.h); nothing
 * else fails.
 */
#ifndef QUIZMILL_TEXT_H
#define QUIZMILL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef struct text_span {
    size_t off, len; /* bytes s[off .. off+len) */
    unsigned group;  /* text_enumerations: which enumeration (0, 1, ...); else 0 */
} text_span;

typedef struct text_spans {
    text_span *v;
    size_t n, cap;
} text_spans;

#define TEXT_SPANS_INIT                                                                            \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }
void text_spans_release(text_spans *s);

/* Appends the sentences of the NUL-terminated s to out, trimmed of spaces.
 * A sentence ends at '.', '!' or '?' (with closing quotes or brackets after
 * it) followed by a space and an upper-case letter, digit or opening quote,
 * or at the end of s. A period does not end a sentence after a single
 * capital (initials "J. R. Tolkien"), after a word holding another period
 * ("e.g.", "U.S.") or after a known abbreviation ("Mr.", "Dr.", "No.", "St.",
 * "vs.", months...); decimals ("3.5") never split because no space follows. */
void text_sentences(const char *s, text_spans *out);

/* Words by their stems (Snowball: the Russian stemmer for a Cyrillic word,
 * else the English one), to see whether two texts share a content word
 * (not a stopword or a number, at least 3 letters): "diplomatic
 * relationship" and "Diplomatic Relations" do. A text_stemmer holds the
 * stemmers; it is for one thread at a time (libstemmer's are not shared).
 * text_stems holds one text's stems, reused from call to call. */
typedef struct text_stemmer text_stemmer;
text_stemmer *text_stemmer_new(void);
void text_stemmer_free(text_stemmer *st);

typedef struct text_stems {
    strbuf buf; /* the stems, each NUL-terminated */
    size_t n;
} text_stems;

#define TEXT_STEMS_INIT                                                                            \
    {                                                                                              \
        STRBUF_INIT, 0                                                                             \
    }
/* The stems of s's content words into out (its old ones dropped). */
void text_stems_of(text_stemmer *st, const char *s, text_stems *out);
/* Do a and b share a stem (or stems alike: "ship" and "shipwreck",
 * "dissolv" and "dissolut", "байкал" in "кругобайкальск")? */
bool text_stems_meet(const text_stems *a, const text_stems *b);
/* dst = src (dst's old stems dropped). */
void text_stems_copy(text_stems *dst, const text_stems *src);
/* Keeps only the stems for which keep(stem, arg) is true. */
void text_stems_keep(text_stems *s, bool (*keep)(const char *stem, void *arg), void *arg);
/* How many of a's stems meet one of b's. */
size_t text_stems_common(const text_stems *a, const text_stems *b);
void text_stems_release(text_stems *s);

/* Does s hold a web or mail address ("http://", "https://", "www.",
 * "name@host.tld")? */
bool text_has_url(const char *s);

/* Appends the words of s[0..n) to out. A word is a run of letters and digits;
 * '-', '\'' and ’ join two word characters ("well-known", "Kazakhstan’s"),
 * ',' and '.' join two digits ("1,200", "3.5"). */
void text_words(const char *s, size_t n, text_spans *out);

/* True when w[0..n) starts with a digit and holds only digits, ',' and '.'. */
bool text_is_number(const char *w, size_t n);
/* True for common English function words ("the", "and", "which"...), any case. */
bool text_is_stopword(const char *w, size_t n);
/* True when w starts with an ASCII capital. */
bool text_is_capitalised(const char *w, size_t n);
/* Length of a trailing possessive "'s" or "’s" of w[0..n) (2, 4 or 0). */
size_t text_possessive_len(const char *w, size_t n);

/* Names in the sentence s[0..n): runs of capitalised words (joined by single
 * spaces or by "of", "de", "van", "von", "da", "del", "la") that do not touch
 * the sentence's first word; a final possessive is left out of the span;
 * capitalised function words ("The") do not count. */
void text_names(const char *s, size_t n, text_spans *out);
/* The same given s's words (text_words of the whole sentence). */
void text_names_in(const char *s, const text_spans *words, text_spans *out);

/* Enumerations "A, B, and C", "A, B and C", "A, B, or C" in the sentence
 * s[0..n): appends each item as a span, items of one enumeration sharing a
 * group number (starting at first_group). An enumeration has at least three
 * items; middle items have at most 4 words and no function words; the first
 * item is the tail of its clause with at most as many words as the longest
 * middle item; the last item runs to the next punctuation or function word
 * (at most 4 words). Returns the number of enumerations found. */
unsigned text_enumerations(const char *s, size_t n, text_spans *out, unsigned first_group);
/* The same given s's words (text_words of the whole sentence). */
unsigned text_enumerations_in(const char *s, const text_spans *words, text_spans *out,
                              unsigned first_group);

/* Normalised copy of s[0..n) for comparisons: ASCII lower case, ’ and ‘ as
 * '\'', “ and ” as '"', every run of white space as one space, trimmed, and
 * trailing '.', ',', ';', ':', '!', '?' and '"' dropped. */
char *text_normalize(const char *s, size_t n);
/* The same into dst (room for n + 1 bytes); returns its length. */
size_t text_normalize_to(char *dst, const char *s, size_t n);
/* The same, untrimmed at the end, also filling at[0..n] (n + 1 entries):
 * at[i] is dst's length before s[i] was read, a space still pending not
 * counted. For a span s[a..e) from a word's first byte to the end of a
 * character, its normal form is then dst[a'..e') trimmed at the end, where
 * e' = at[e] and a' = at[a], plus one when dst[at[a]] is the pending space. */
size_t text_normalize_map(char *dst, const char *s, size_t n, size_t *at);
/* The bytes of the white space normalising collapses at s[i] (i < n): 1 for
 * ASCII white space, 2 for a no-break space, 0 for anything else. */
size_t text_space_len(const char *s, size_t n, size_t i);

/* Jaccard overlap of the sets of lower-case words of a and b, in [0, 1];
 * 0 when either has no word. */
double text_overlap(const char *a, const char *b);

/* The set of lower-case words of a string, for overlaps of one string with
 * many: text_wordset_overlap(of(a), of(b)) == text_overlap(a, b). buf holds
 * (NULL when n is 0) the n distinct words' hash_table(word, len, 0) values
 * ascending (text_wordset_hashes), then each word's offset (uint32_t) into
 * the words, then the words, each NUL-terminated, in the same order (equal
 * hashes in strcmp order), so two sets are merged on hashes and the words
 * are read only when hashes are equal. Release with text_wordset_release(). */
typedef struct text_wordset {
    char *buf;
    size_t n;
} text_wordset;

static inline const uint64_t *text_wordset_hashes(const text_wordset *s)
{
    return (const uint64_t *)(const void *)s->buf;
}

void text_wordset_of(const char *s, text_wordset *out);
double text_wordset_overlap(const text_wordset *a, const text_wordset *b);
void text_wordset_release(text_wordset *s);

/* True when needle occurs in hay ignoring ASCII case, not inside a longer
 * word (a following ’s still counts as a boundary). */
bool text_contains_word(const char *hay, const char *needle);

/* A lower bound of the edit distance of two strings from their byte
 * histograms (16 buckets of 4-bit counts, as in text_dupsig.hist). */
size_t text_hist_bound(uint64_t a, uint64_t b);

/* True when a and b are too alike to be two choices: equal once normalised,
 * one normalised string starting a word of the other ("Central Asia" /
 * "Central Asian"), or an edit distance of at most max(1, shorter/5) bytes. */
bool text_near_duplicate(const char *a, const char *b);
/* The same on strings already normalised by text_normalize (no allocation). */
bool text_near_duplicate_norm(const char *na, const char *nb);
/* The same with the lengths known (strlen of each). */
bool text_near_duplicate_normlen(const char *na, size_t la, const char *nb, size_t lb);
/* A normalised string's signature for fast rejections in
 * text_near_duplicate_sig(), which answers as text_near_duplicate_norm(). */
typedef struct text_dupsig {
    uint64_t grams; /* bits of its bytes and byte pairs */
    uint64_t hist;  /* counts of bytes (ASCII case ignored) by low 4 bits, capped at 15 */
} text_dupsig;
text_dupsig text_dupsig_of(const char *norm, size_t len);
bool text_near_duplicate_sig(const char *na, size_t la, text_dupsig sa, const char *nb, size_t lb,
                             text_dupsig sb);

/* A map from strings (copied) to size_t values: open addressing with linear
 * probing, so lookups cost O(1) whatever the article's size. */
typedef struct text_map_slot {
    char *key; /* NULL when free */
    uint64_t hash;
    size_t val;
} text_map_slot;

typedef struct text_map {
    text_map_slot *slots;
    size_t cap, n;
    arena keys; /* the keys' copies */
} text_map;

#define TEXT_MAP_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0, ARENA_INIT                                                                     \
    }
/* The value stored for key, or NULL. The pointer lasts until the next put. */
size_t *text_map_get(const text_map *m, const char *key);
/* Inserts key with val unless present; returns the stored value either way
 * and sets *added (may be NULL) to whether it was new. */
size_t *text_map_put(text_map *m, const char *key, size_t val, bool *added);
/* The hash the map keeps of a key of len bytes. */
uint64_t text_map_hash(const char *key, size_t len);
/* text_map_put() with h == text_map_hash(key, strlen(key)) made beforehand
 * (by another thread, say). */
size_t *text_map_put_hashed(text_map *m, const char *key, uint64_t h, size_t val, bool *added);
void text_map_release(text_map *m);

#endif
