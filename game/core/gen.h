/* gen.h - build multiple-choice items from a parsed article.
 *
 * gen_build() makes every item the article allows at one difficulty. Each
 * item keeps the passage it came from (its explanation). The kinds:
 *   faq     an FAQ question, its answer's opening right, the same opening
 *           with the term the question asks for (a number, a name, a thing)
 *           swapped wrong; or "Which question does this answer: ...?", the
 *           pair's question right, the FAQ's questions of its form wrong
 *   cloze   a sentence with a name, a number or a thing blanked as "_____";
 *           the term right; terms of its kind whose filled-in sentence the
 *           article does not hold wrong
 *   section "Which section says: \"...\"?"; the only section holding that
 *           sentence right; other section titles wrong
 *   list    "According to <section>, which of these is named?"; an item of
 *           an enumeration in that section right; enumeration items of its
 *           kind that the section does not name (nor their synonyms) wrong
 *   says    "Which of these does <section> say?"; one of its sentences
 *           right; sentences of other sections wrong
 * Which wrong choices are fair (grammar, kind, one right answer,
 * plausibility) is gen_rules.c's to say; it reads the lexicon (lex.h), and
 * without one asks no word, only names, numbers, sections and FAQ. Choices
 * are distinct and of similar length; an item that cannot get enough wrong
 * choices gets fewer (GEN_MIN_CHOICES at least), else it is dropped, never
 * padded. Difficulty is closeness (gen_mean_closeness()): easy takes the
 * farthest fair wrong choices (3 choices), hard the closest (4), medium
 * those in between (4). Answer positions are spread evenly over the choices.
 *
 * The item type is item.h's. The items and their strings are owned by the
 * item_set; release it with item_set_release(). Allocation failure exits
 * (see util.h); nothing else fails.
 */
#ifndef QUIZMILL_GEN_H
#define QUIZMILL_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "item.h"
#include "lex.h"

#define GEN_BLANK "_____"
/* Sentences of GEN_MIN_WORDS to GEN_MAX_WORDS words make cloze and section
 * items; an item has at least GEN_MIN_CHOICES choices (fewer than the
 * difficulty asks rather than none). */
#define GEN_MIN_WORDS 5
#define GEN_MAX_WORDS 60
#define GEN_MIN_CHOICES 3

typedef struct gen_options {
    item_difficulty difficulty;
    int choices; /* 0: the difficulty's count (easy 3, medium and hard 4); else 2..5 */
    int threads; /* 0: one per core for a long article (at most 8); else that many.
                  * The items do not depend on it. */
    const lex *lex; /* the lexicon the rules read (lex_open_default()), or NULL: then no
                     * word is asked for, only names, numbers, sections and FAQ */
} gen_options;

/* Builds every item of the article (all topics) into *out, which must be
 * zeroed or released. Items come grouped by topic in article order. */
void gen_build(const article *a, const gen_options *opt, item_set *out);

/* Number of choices an item gets with these options. */
size_t gen_choice_count(const gen_options *opt);

/* NULL when made (gen_build's items for opt) has an item of a topic in
 * mask; else a malloc'd one-line message "article: no question can be made
 * ..." that says what to change, naming the difficulties that do give
 * items: counted in per_level (every difficulty's items, as --check has
 * them) or, when it is NULL, built to count them. */
char *gen_empty_message(const article *a, const bool *mask, const gen_options *opt,
                        const item_set *made, const item_set *per_level);

/* The difficulty measure: the mean closeness (gen_rules.h: 0 far to 100
 * close; for nouns the depth of the hypernym the key and the wrong choice
 * share, for numbers how near their values are) of every wrong choice to
 * its key, over the set's cloze, list and FAQ items (for an FAQ item, the
 * term swapped in against the key's). Section, says and reverse FAQ items
 * are left out; -1 when the set has no other. */
double gen_mean_closeness(const item_set *s, const lex *lx);

#endif
