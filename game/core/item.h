/* item.h - a multiple-choice item and a set of them: what the generator
 * makes (gen.h), a round deals (deck.h), the game asks, the store saves
 * (db.h) and the exports write (export.h). Modules that need an item
 * include this, not the generator.
 *
 * An item's kind says how it was made (gen.h describes each): faq, cloze,
 * section, list, says. A difficulty is easy, medium or hard, and
 * item_difficulty_words is the one list of its words (config.ini reads it).
 *
 * Ownership: an item_set owns its items and their strings; release it with
 * item_set_release(). The generator's items share one allocation each
 * (block); item_copy() makes an item whose strings are each their own.
 * Allocation failure exits (util.h); nothing here fails otherwise.
 */
#ifndef QUIZMILL_ITEM_H
#define QUIZMILL_ITEM_H

#include <stddef.h>
#include <stdint.h>

#define ITEM_MAX_CHOICES 5

typedef enum item_kind {
    ITEM_FAQ,
    ITEM_CLOZE,
    ITEM_SECTION,
    ITEM_LIST,
    ITEM_SAYS,
    ITEM_KIND_COUNT
} item_kind;

typedef enum item_difficulty {
    ITEM_EASY,
    ITEM_MEDIUM,
    ITEM_HARD,
    ITEM_DIFFICULTY_COUNT
} item_difficulty;

typedef struct item {
    char id[17];   /* 16 lowercase hex digits, stable for the same article and options */
    char *topic;   /* topic slug */
    char *section; /* section title (the FAQ topic's title for faq items) */
    item_kind kind;
    char *prompt;
    size_t nchoices;
    char *choices[ITEM_MAX_CHOICES];
    size_t answer;       /* index of the right choice */
    char *source;        /* the sentence or FAQ answer the item was built from */
    size_t topic_index;  /* index into article.topics */
    uint64_t source_key; /* same value for items built from the same sentence */
    char *block;         /* gen_build()'s items: all the strings above share this
                          * one allocation (none is freed alone); NULL: each its own */
} item;

typedef struct item_set {
    item *items;
    size_t n;
    size_t cap;
} item_set;

void item_set_release(item_set *s);

/* Deep copy of one item, each string its own allocation (block NULL), so a
 * caller may free or replace one; free with item_release(). */
void item_copy(item *dst, const item *src);
void item_release(item *it);

/* "faq", "cloze", ...; "easy", "medium", "hard"; "unknown" out of range. */
const char *item_kind_name(item_kind k);
const char *item_difficulty_name(item_difficulty d);
/* The difficulty words in order, NULL-terminated. */
extern const char *const item_difficulty_words[ITEM_DIFFICULTY_COUNT + 1];

#endif
