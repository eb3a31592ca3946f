/* item.c - an item's copy, release and names (item.h). */
#include "item.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const kind_names[ITEM_KIND_COUNT] = {"faq", "cloze", "section", "list", "says"};

const char *const item_difficulty_words[ITEM_DIFFICULTY_COUNT + 1] = {"easy", "medium", "hard",
                                                                      NULL};

const char *item_kind_name(item_kind k)
{
    return (unsigned)k < ITEM_KIND_COUNT ? kind_names[k] : "unknown";
}

const char *item_difficulty_name(item_difficulty d)
{
    return (unsigned)d < ITEM_DIFFICULTY_COUNT ? item_difficulty_words[d] : "unknown";
}

void item_release(item *it)
{
    if (it->block) {
        free(it->block);
    } else {
        free(it->topic);
        free(it->section);
        free(it->prompt);
        for (size_t i = 0; i < it->nchoices; i++)
            free(it->choices[i]);
        free(it->source);
    }
    memset(it, 0, sizeof *it);
}

void item_set_release(item_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        item_release(&s->items[i]);
    free(s->items);
    s->items = NULL;
    s->n = s->cap = 0;
}

void item_copy(item *dst, const item *src)
{
    *dst = *src;
    dst->topic = xstrdup(src->topic);
    dst->section = xstrdup(src->section);
    dst->prompt = xstrdup(src->prompt);
    for (size_t i = 0; i < src->nchoices; i++)
        dst->choices[i] = xstrdup(src->choices[i]);
    dst->source = xstrdup(src->source);
    dst->block = NULL;
}
