/* quiz.h - one pipeline from config.ini to a dealt round, shared by the game
 * and quizmill-gen: read and parse the article, mark the topics in play,
 * build the items, deal a round. The promise that quizmill-gen -s N prints
 * the answer key of the game's round with seed N rests on quiz_seed() and
 * quiz_deal() being the one way both deal.
 *
 * Ownership: a quiz owns its article, mask and items; it borrows the config
 * (and the lexicon) for its life. Failure: quiz_open() and quiz_topics()
 * return -1 with *err a malloc'd one-line message "file:line: what failed"
 * (the config's line where the config named the article or the topics).
 */
#ifndef QUIZMILL_QUIZ_H
#define QUIZMILL_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "config.h"
#include "deck.h"
#include "gen.h"
#include "item.h"

typedef struct quiz {
    const config *cfg; /* borrowed */
    char *path;        /* the article's file */
    article *art;      /* its outline; its warnings are the caller's to show */
    bool *mask;        /* art->ntopics flags: the topics in play */
    gen_options gen;   /* what quiz_build() built with */
    item_set all;      /* every item of the config's difficulty */
} quiz;

/* Reads and parses the article: path, or the config's [quiz] article when
 * NULL. Every topic is in play until quiz_topics() says otherwise. */
int quiz_open(quiz *q, const config *c, const char *path, char **err);
/* The topics in play from the config's [topics] include and exclude: names
 * are slugs or titles found by article_find_topic(); "all" is every topic
 * (in either list); empty items and repeats are fine. -1 with *err
 * "file:line: unknown topic 'x' (valid: all, slug, ...)" or "file:line: no
 * topic left after include and exclude" (the line of the include or exclude
 * concerned, the later one for "no topic left"; the file alone for a
 * default). */
int quiz_topics(quiz *q, char **err);
/* Builds every item at the config's difficulty and choices (lx may be NULL:
 * then no word is asked, gen.h). */
void quiz_build(quiz *q, const lex *lx);
void quiz_close(quiz *q);

/* Items of the topics in play. */
size_t quiz_in_play(const quiz *q);

/* The seed of a round: the given one when have_seed, else the config's
 * [quiz] seed when not 0, else a fresh one. */
uint64_t quiz_seed(const config *c, bool have_seed, uint64_t given);
/* Deals a round of count items (0: the config's [quiz] questions) with the
 * config's shuffles, the topics in play, and the mode's choices: solo keeps
 * each item's own, teams and buzzer at most four (DECK_TEAM_CHOICES, a
 * handset's buttons). tier: a practice round's order (deck.h), or NULL.
 * Returns the number dealt. */
size_t quiz_deal(const quiz *q, uint64_t seed, size_t count, config_mode mode, const uint8_t *tier,
                 item_set *out);
/* The most questions a round with this seed can deal in mode: a round
 * holds one item of a sentence or FAQ answer, never the same question
 * twice, and no question whose right choice another shows; *why (may be
 * NULL) says how many items each rule left out of quiz_in_play()'s. The
 * number can differ by a few between seeds (which items meet first). */
size_t quiz_dealable(const quiz *q, uint64_t seed, config_mode mode, deck_left_out *why);
/* Why a round has fewer questions than wanted, for people: "the article
 * gives 83 items but a round can hold 26 of them: 52 repeat a sentence
 * another question is made from, 5 would give another's answer away";
 * malloc'd, or NULL when dealt >= wanted. */
char *quiz_short_message(const deck_left_out *why, size_t dealt, size_t wanted);

#endif
