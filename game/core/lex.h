/* lex.h - what English words are: parts of speech, inflection, and the
 * kinds of thing a noun names, from WordNet.
 *
 * The lexicon file is built from WordNet at build time (tools/make_lexicon.c
 * describes its layout) and installed as share/quizmill/quizmill.lex. It is
 * mapped, not loaded: a look-up is a binary search over its sorted lines.
 *
 * lex_open() returns NULL and a malloc'd one-line message in *err when the
 * file is missing or not a lexicon; callers then generate without lexical
 * checks (gen.h says what that leaves out). A lex is read-only after
 * lex_open(), so threads may share it. Nothing else fails.
 */
#ifndef QUIZMILL_LEX_H
#define QUIZMILL_LEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lex lex;

#define LEX_MAX_ANALYSES 6
#define LEX_MAX_SENSES 3
#define LEX_MAX_KIN 6
#define LEX_FILE "quizmill.lex"

/* One reading of a word form: its part of speech ('n' noun, 'v' verb, 'a'
 * adjective, 'r' adverb) and inflection ('-' base, 'p' plural, 's' third
 * person, 'd' past, 'g' -ing, 'c' comparative). */
typedef struct lex_reading {
    char pos, infl;
} lex_reading;

/* A word form as WordNet knows it: its readings, likeliest first, and the
 * noun senses (synset numbers, commonest first) of its noun reading. */
typedef struct lex_word {
    size_t n;
    lex_reading r[LEX_MAX_ANALYSES];
    size_t nsenses;
    unsigned senses[LEX_MAX_SENSES];
    char lemma[48]; /* the base form of its first inflected reading ("mouse" for
                     * "mice"), "" when it has none */
    size_t nkin;
    char kin[LEX_MAX_KIN][32]; /* words of its family, when it is a lemma: "erode" for
                                * "erosion", "france" for "french" */
} lex_word;

/* Maps the file at path. NULL on failure, with *err set (malloc'd). */
lex *lex_open(const char *path, char **err);
/* The lexicon beside the program or one folder up (a build tree), else in
 * the installed data folder; NULL with *err when none opens. */
lex *lex_open_default(char **err);
void lex_close(lex *lx);

/* Looks up a word or phrase (any case; "Silk Road" finds "silk road").
 * False, with w->n == 0, when WordNet does not know it. */
bool lex_lookup(const lex *lx, const char *word, size_t len, lex_word *w);

/* Whether w can be read as pos with inflection infl ('?' any). */
bool lex_can_be(const lex_word *w, char pos, char infl);

/* The lexicographer file (WordNet's coarse class: 15 location, 18 person,
 * 14 group...) of a noun synset; -1 for a bad number. */
int lex_class(const lex *lx, unsigned synset);
/* Whether the synset is an instance (a named thing: Kazakhstan, Mozart). */
bool lex_instance(const lex *lx, unsigned synset);

/* The wholes the synset is part of, nearest first (WordNet's part
 * holonyms: Westminster is part of London, London of England...), into
 * out (max); returns how many. */
size_t lex_wholes(const lex *lx, unsigned synset, unsigned *out, size_t max);

/* A hypernym of a synset (or the synset itself, dist 0): its number, how
 * many links up, and its own depth below the top. */
typedef struct lex_anc {
    unsigned s;
    unsigned char dist, depth;
} lex_anc;

#define LEX_MAX_ANC 40
/* The synset and its hypernyms (each once, at its fewest links), sorted by
 * number, into out (LEX_MAX_ANC entries); returns how many. */
size_t lex_ancestors(const lex *lx, unsigned s, lex_anc *out);

/* Depth of a synset below the top ("entity" 0). */
int lex_depth(const lex *lx, unsigned synset);

#endif
