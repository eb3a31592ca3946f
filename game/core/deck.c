/* deck.c - deal the items of one round. Start reading at deck_deal().
 *
 * Each included topic's items are put in a seeded order; the round takes one
 * item from each topic in turn (skipping items whose source sentence is
 * already in the round, and items whose right choice is written in a
 * question already in the round, or the other way round) until it has
 * `count` items or every topic ran dry. deck_again() deals a round's missed
 * items once more, in a new order.
 */
#include "deck.h"

#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "text.h"
#include "util.h"

/* Answers up to this long are looked for in the other questions of a
 * round; longer ones (an FAQ's) are sentences, not give-aways. */
#define GIVEAWAY_MAX 60

/* A set of 64-bit keys: open addressing, 0 stored aside. */
typedef struct keyset {
    uint64_t *slots;
    size_t cap, n;
    bool has_zero;
} keyset;

static bool keyset_has(const keyset *k, uint64_t key)
{
    if (key == 0)
        return k->has_zero;
    if (k->cap == 0)
        return false;
    for (size_t i = (size_t)(key * 0x9e3779b97f4a7c15ULL) & (k->cap - 1);;
         i = (i + 1) & (k->cap - 1)) {
        if (k->slots[i] == key)
            return true;
        if (k->slots[i] == 0)
            return false;
    }
}

static void keyset_raw_add(uint64_t *slots, size_t cap, uint64_t key)
{
    size_t i = (size_t)(key * 0x9e3779b97f4a7c15ULL) & (cap - 1);
    while (slots[i] != 0 && slots[i] != key)
        i = (i + 1) & (cap - 1);
    slots[i] = key;
}

static void keyset_add(keyset *k, uint64_t key)
{
    if (key == 0) {
        k->has_zero = true;
        return;
    }
    if (keyset_has(k, key))
        return;
    if ((k->n + 1) * 2 > k->cap) {
        size_t ncap = k->cap ? k->cap * 2 : 64;
        uint64_t *ns = xcalloc(ncap, sizeof *ns);
        for (size_t i = 0; i < k->cap; i++)
            if (k->slots[i])
                keyset_raw_add(ns, ncap, k->slots[i]);
        free(k->slots);
        k->slots = ns;
        k->cap = ncap;
    }
    keyset_raw_add(k->slots, k->cap, key);
    k->n++;
}

static bool included(const bool *mask, size_t ntopics, size_t topic)
{
    return !mask || (topic < ntopics && mask[topic]);
}

void deck_filter(const item_set *all, const bool *topic_mask, size_t ntopics, item_set *out)
{
    for (size_t i = 0; i < all->n; i++) {
        if (!included(topic_mask, ntopics, all->items[i].topic_index))
            continue;
        xgrow((void **)&out->items, &out->cap, out->n + 1, sizeof *out->items);
        item_copy(&out->items[out->n++], &all->items[i]);
    }
}

/* A byte of a word: an ASCII letter or digit, or part of a UTF-8 letter. */
static bool word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Does text hold word (a short answer) as whole words, any case? */
static bool holds_words(const char *text, const char *word)
{
    size_t n = strlen(word);
    if (n == 0 || n > GIVEAWAY_MAX)
        return false;
    for (const char *p = text; (p = str_icasestr(p, word)) != NULL; p++) {
        bool before = p == text || !word_byte((unsigned char)p[-1]);
        bool after = !word_byte((unsigned char)p[n]);
        if (before && after)
            return true;
    }
    return false;
}

/* Would item a, shown in one round with b, give b's answer away (or b
 * a's): one's right choice written in the other's question? */
static bool gives_away(const item *a, const item *b)
{
    /* a section's title in a "says" prompt gives no section item away: the
     * section items show every title among their choices anyway */
    bool a_names_b = !(a->kind == ITEM_SAYS && b->kind == ITEM_SECTION) &&
                     holds_words(a->prompt, b->choices[b->answer]);
    bool b_names_a = !(b->kind == ITEM_SAYS && a->kind == ITEM_SECTION) &&
                     holds_words(b->prompt, a->choices[a->answer]);
    return a_names_b || b_names_a;
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

/* Shuffles the choices of it and puts its answer at position pos. */
static void place_answer(item *it, size_t pos, rng *r)
{
    char *answer = it->choices[it->answer];
    char *others[ITEM_MAX_CHOICES];
    size_t n = 0;
    for (size_t i = 0; i < it->nchoices; i++)
        if (i != it->answer)
            others[n++] = it->choices[i];
    rng_shuffle(r, others, n, sizeof *others);
    for (size_t i = 0, k = 0; i < it->nchoices; i++)
        it->choices[i] = i == pos ? answer : others[k++];
    it->answer = pos;
}

/* Drops wrong choices of it until it has max: each time the one sharing the
 * fewest words with the right choice, the last of equals. */
static void limit_choices(item *it, size_t max)
{
    while (it->nchoices > max && it->nchoices > 1) {
        size_t drop = 0;
        double least = 2.0; /* overlaps are 0..1 */
        for (size_t i = 0; i < it->nchoices; i++) {
            if (i == it->answer)
                continue;
            double o = text_overlap(it->choices[i], it->choices[it->answer]);
            if (o <= least) {
                least = o;
                drop = i;
            }
        }
        free(it->choices[drop]);
        memmove(&it->choices[drop], &it->choices[drop + 1],
                (it->nchoices - drop - 1) * sizeof *it->choices);
        it->choices[--it->nchoices] = NULL;
        if (it->answer > drop)
            it->answer--;
    }
}

/* Insertion sort of n item indices by tier, stable (a topic has few items). */
static void stable_by_tier(size_t *v, size_t n, const uint8_t *tier)
{
    for (size_t i = 1; i < n; i++) {
        size_t x = v[i], j = i;
        for (; j > 0 && tier[v[j - 1]] > tier[x]; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Copies picked[0..n) of all into out in that order, each limited to
 * max_choices (0: all) and, when shuffle, its choices shuffled with the
 * right answer's positions dealt from a balanced bag for each number of
 * choices, so they spread evenly over the round. */
static void copy_dealt(const item_set *all, const size_t *picked, size_t n, size_t max_choices,
                       bool shuffle, rng *r, item_set *out)
{
    size_t bag[ITEM_MAX_CHOICES + 1][ITEM_MAX_CHOICES], left[ITEM_MAX_CHOICES + 1] = {0};
    for (size_t k = 0; k < n; k++) {
        xgrow((void **)&out->items, &out->cap, out->n + 1, sizeof *out->items);
        item *it = &out->items[out->n++];
        item_copy(it, &all->items[picked[k]]);
        if (max_choices >= 2)
            limit_choices(it, max_choices);
        if (!shuffle || it->nchoices < 2 || it->nchoices > ITEM_MAX_CHOICES)
            continue;
        size_t c = it->nchoices;
        if (left[c] == 0) {
            for (size_t p = 0; p < c; p++)
                bag[c][p] = p;
            rng_shuffle(r, bag[c], c, sizeof bag[c][0]);
            left[c] = c;
        }
        place_answer(it, bag[c][--left[c]], r);
    }
}

size_t deck_deal(const item_set *all, const deck_options *opt, item_set *out)
{
    return deck_deal_why(all, opt, out, NULL);
}

size_t deck_deal_why(const item_set *all, const deck_options *opt, item_set *out,
                     deck_left_out *why)
{
    deck_left_out none;
    if (!why)
        why = &none;
    memset(why, 0, sizeof *why);
    rng r;
    rng_seed(&r, opt->seed);
    /* topics in order of first appearance, each with its items' indices */
    size_t maxtopic = 0;
    for (size_t i = 0; i < all->n; i++)
        if (all->items[i].topic_index + 1 > maxtopic)
            maxtopic = all->items[i].topic_index + 1;
    size_t *count = xcalloc(maxtopic + 1, sizeof *count);
    for (size_t i = 0; i < all->n; i++)
        if (included(opt->topic_mask, opt->ntopics, all->items[i].topic_index))
            count[all->items[i].topic_index]++;
    size_t *start = xcalloc(maxtopic + 1, sizeof *start);
    for (size_t t = 1; t <= maxtopic; t++)
        start[t] = start[t - 1] + count[t - 1];
    size_t total = start[maxtopic];
    why->in_play = total;
    size_t *order = xmalloc((total ? total : 1) * sizeof *order);
    size_t *fill = xcalloc(maxtopic + 1, sizeof *fill);
    for (size_t i = 0; i < all->n; i++) {
        size_t t = all->items[i].topic_index;
        if (included(opt->topic_mask, opt->ntopics, t))
            order[start[t] + fill[t]++] = i;
    }
    for (size_t t = 0; t < maxtopic; t++) {
        rng_shuffle(&r, order + start[t], count[t], sizeof *order);
        if (opt->tier) /* lowest tier first, the seeded order kept within one */
            stable_by_tier(order + start[t], count[t], opt->tier);
    }
    unsigned maxtier = 0;
    for (size_t i = 0; opt->tier && i < total; i++)
        if (opt->tier[order[i]] > maxtier)
            maxtier = opt->tier[order[i]];

    /* round-robin over topics */
    size_t *picked = xmalloc((opt->count ? opt->count : 1) * sizeof *picked);
    size_t npicked = 0;
    keyset used = {NULL, 0, 0, false};
    memset(fill, 0, (maxtopic + 1) * sizeof *fill);
    for (unsigned tier = 0; tier <= maxtier; tier++) {
        bool any = true;
        while (npicked < opt->count && any) {
            any = false;
            for (size_t t = 0; t < maxtopic && npicked < opt->count; t++) {
                while (fill[t] < count[t]) {
                    size_t i = order[start[t] + fill[t]];
                    if (opt->tier && opt->tier[i] > tier)
                        break; /* this topic's next item waits for its tier */
                    fill[t]++;
                    if (keyset_has(&used, all->items[i].source_key)) {
                        why->same_source++;
                        continue;
                    }
                    /* nor the same question twice ("Which of these does
                     * 'Habitat' say?" with other choices) */
                    bool same = false, away = false;
                    for (size_t k = 0; k < npicked && !same; k++)
                        same = strcmp(all->items[i].prompt, all->items[picked[k]].prompt) == 0;
                    for (size_t k = 0; k < npicked && !same && !away; k++)
                        away = gives_away(&all->items[i], &all->items[picked[k]]);
                    if (same || away) {
                        why->same_prompt += same;
                        why->gives_away += away;
                        continue;
                    }
                    keyset_add(&used, all->items[i].source_key);
                    picked[npicked++] = i;
                    any = true;
                    break;
                }
            }
        }
    }
    if (opt->shuffle_questions)
        rng_shuffle(&r, picked, npicked, sizeof *picked);
    else
        qsort(picked, npicked, sizeof *picked, cmp_size);

    copy_dealt(all, picked, npicked, opt->max_choices, opt->shuffle_choices, &r, out);
    free(used.slots);
    free(picked);
    free(order);
    free(fill);
    free(start);
    free(count);
    return npicked;
}

size_t deck_again(const item_set *from, const size_t *again, size_t n, uint64_t seed,
                  bool shuffle_choices, item_set *out)
{
    rng r;
    rng_seed(&r, seed);
    size_t *order = xmalloc((n ? n : 1) * sizeof *order);
    memcpy(order, again, n * sizeof *order);
    rng_shuffle(&r, order, n, sizeof *order);
    if (n >= 2 && memcmp(order, again, n * sizeof *order) == 0) {
        /* the same order again: move the first to the end */
        size_t first = order[0];
        memmove(order, order + 1, (n - 1) * sizeof *order);
        order[n - 1] = first;
    }
    copy_dealt(from, order, n, 0, shuffle_choices, &r, out);
    free(order);
    return n;
}
