/* deck.h - deal the items of one round from a generated set.
 *
 * A round takes `count` items from the included topics, spread across them
 * (round-robin over topics, each topic's items in a seeded order), never two
 * items built from the same source sentence, never an item whose right
 * choice another question of the round shows. With shuffle_questions the
 * order is shuffled, else items keep article order. With shuffle_choices the
 * choices are shuffled and the right answer's positions are dealt from a
 * balanced bag, so they spread evenly over the round. With max_choices an
 * item with more choices loses wrong ones first, before the shuffle: the
 * one sharing the fewest words with the right choice (text_overlap), the
 * last of equals, then the next. With tiers (a student's practice round), the
 * round fills from the lowest tier first, still spread across topics.
 * Everything depends only on the set and the
 * options: the same seed gives the same round.
 */
#ifndef QUIZMILL_DECK_H
#define QUIZMILL_DECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "item.h"

/* The team and buzzer modes' most choices: a keyboard zone, a gamepad and a
 * Buzz! handset each have four choice buttons (A-D). */
#define DECK_TEAM_CHOICES 4

typedef struct deck_options {
    size_t count;              /* items wanted; fewer if the topics have fewer */
    uint64_t seed;             /* already resolved: 0 is a seed like any other here */
    bool shuffle_questions;
    bool shuffle_choices;
    const bool *topic_mask;    /* ntopics flags, true = included; NULL = all */
    size_t ntopics;
    size_t max_choices;        /* 0 = the items' own; else 2.. the most an item keeps */
    const uint8_t *tier;       /* NULL, or a tier for each item of the set: the round
                                * takes every item it can of tier 0 (over all topics)
                                * before any of tier 1, and so on (trainer.h's
                                * practice order: due, new, waiting) */
} deck_options;

/* Why items of the topics in play were left out of a round (deck_deal_why()).
 * Each item looked at is dealt or left out for one of these reasons, the
 * first that applies; items never looked at (the round was full) are in
 * none. */
typedef struct deck_left_out {
    size_t in_play;     /* items of the topics in play */
    size_t same_source; /* built from a sentence or FAQ answer already in the round */
    size_t same_prompt; /* the same question as one in the round, other choices */
    size_t gives_away;  /* its right choice written in a question of the round,
                         * or a question of the round's answer in its own */
} deck_left_out;

/* Deals a round into *out (zeroed or released; items are deep copies owned by
 * *out). Returns the number of items dealt. */
size_t deck_deal(const item_set *all, const deck_options *opt, item_set *out);
/* deck_deal(), and in *why (may be NULL) what was left out and why. With
 * opt->count at least why->in_play it is the most a round can deal: how
 * many of the items a round can hold together, never more than the
 * distinct source sentences. */
size_t deck_deal_why(const item_set *all, const deck_options *opt, item_set *out,
                     deck_left_out *why);

/* A round of again[0..n) (indices into from, e.g. round_missed()'s) in a
 * new seeded order, each item a deep copy with its choices shuffled again
 * when shuffle_choices (the right answer's positions dealt from a balanced
 * bag, as deck_deal() does). With two items or more the order differs from
 * the given one. *out zeroed or released. Returns n. */
size_t deck_again(const item_set *from, const size_t *again, size_t n, uint64_t seed,
                  bool shuffle_choices, item_set *out);

/* Copies into *out (deep) the items whose topic is included by the mask. */
void deck_filter(const item_set *all, const bool *topic_mask, size_t ntopics, item_set *out);

#endif
