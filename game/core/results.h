/* results.h - a round's answers and a match's events as the store's rows
 * (db.h's db_answer), one function each, so the game only hands them over.
 *
 * A row's strings point into the items, the match's players and the
 * context (borrowed: db_answer_add() copies them). Each row takes the time
 * given: the caller hands the answers over the moment they are given, so it
 * is each answer's own time. Nothing here fails.
 */
#ifndef QUIZMILL_RESULTS_H
#define QUIZMILL_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "item.h"
#include "crowd.h"
#include "match.h"
#include "round.h"

typedef struct results_context {
    const char *round;   /* the round's code */
    const char *article; /* the article's key in the store */
    item_difficulty difficulty;
    int64_t at; /* unix ms: when the new answers were given */
} results_context;

/* The rows of a solo round's answers from index from on (at most max) into
 * out, under player ("" until a player who played unnamed types a name; a
 * named player's answers move their trainer cards). Returns the count. */
size_t results_of_round(const round_play *r, const item *items, size_t from, const char *player,
                        const results_context *ctx, db_answer *out, size_t max);
/* The rows of a match's events from index from on: answers under the
 * team's name, host actions as rows of the player "host" whose chosen is
 * "host: skip", "host: replay", "host: pause", "host: end", "host: award"
 * or "host: remove" (with the points). Returns the count. */
size_t results_of_match(const match *m, const item *items, size_t nitems, size_t from,
                        const results_context *ctx, db_answer *out, size_t max);

/* The rows of a phones game's answers (crowd_events()) from index from on,
 * each under its player's name (a phone's answers move no trainer cards:
 * a name typed on a phone is nobody's account). Returns the count. */
size_t results_of_crowd(const crowd *c, const item *items, size_t nitems, size_t from,
                        const results_context *ctx, db_answer *out, size_t max);

#endif
