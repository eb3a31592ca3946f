/* test_deck.c - dealing rounds: reproducible, masked, spread, no repeats. */
#include "article.h"
#include "deck.h"
#include "gen.h"
#include "text.h"
#include "util.h"

#include "harness.h"

#include <stdlib.h>

static article *load(const char *path)
{
    char *buf, *err;
    size_t len;
    article *a = NULL;
    if (read_file(path, &buf, &len) != 0)
        return NULL;
    if (article_parse(path, buf, len, &a, &err) != 0) {
        free(err);
        a = NULL;
    }
    free(buf);
    return a;
}

static bool same_round(const item_set *x, const item_set *y)
{
    if (x->n != y->n)
        return false;
    for (size_t i = 0; i < x->n; i++) {
        if (strcmp(x->items[i].id, y->items[i].id) != 0 || x->items[i].answer != y->items[i].answer)
            return false;
        for (size_t k = 0; k < x->items[i].nchoices; k++)
            if (strcmp(x->items[i].choices[k], y->items[i].choices[k]) != 0)
                return false;
    }
    return true;
}

/* The item of the set with that id, or NULL. */
static const item *find_item(const item_set *all, const char *id)
{
    for (size_t k = 0; k < all->n; k++)
        if (strcmp(all->items[k].id, id) == 0)
            return &all->items[k];
    return NULL;
}

/* The dealt item is one of the set's, choices permuted, answer kept. */
static void check_round(const item_set *all, const item_set *r, const deck_options *o,
                        const char *what)
{
    for (size_t i = 0; i < r->n; i++) {
        const item *it = &r->items[i];
        for (size_t j = i + 1; j < r->n; j++)
            OK(it->source_key != r->items[j].source_key, "%s: items %zu and %zu share a source",
               what, i, j);
        OK(!o->topic_mask || o->topic_mask[it->topic_index], "%s: topic %zu excluded", what,
           it->topic_index);
        const item *orig = find_item(all, it->id);
        OK(orig != NULL, "%s: item %s from the set", what, it->id);
        if (orig)
            STR_EQ(it->choices[it->answer], orig->choices[orig->answer], "%s: answer kept", what);
    }
}

static void test_deal(void)
{
    article *a = load(QUESTIONS_DIR "/turkmenistan-kazakhstan.txt");
    OK(a != NULL, "bundled article loads");
    if (!a)
        return;
    gen_options gopt = {ITEM_MEDIUM, 0, 0, test_lex()};
    item_set all = {0};
    gen_build(a, &gopt, &all);

    deck_options o = {10, 42, true, true, NULL, 0, 0, NULL};
    item_set r1 = {0}, r2 = {0}, r3 = {0};
    INT_EQ(deck_deal(&all, &o, &r1), 10, "ten dealt");
    INT_EQ(r1.n, 10, "ten in the round");
    deck_deal(&all, &o, &r2);
    OK(same_round(&r1, &r2), "same seed, same round");
    o.seed = 43;
    deck_deal(&all, &o, &r3);
    OK(!same_round(&r1, &r3), "another seed, another round");
    check_round(&all, &r1, &o, "seed 42");
    check_round(&all, &r3, &o, "seed 43");

    /* spread: 10 items over the topics that have items, at most 2 from one */
    size_t per[64] = {0}, has[64] = {0};
    for (size_t i = 0; i < r1.n; i++)
        per[r1.items[i].topic_index]++;
    for (size_t i = 0; i < all.n; i++)
        has[all.items[i].topic_index]++;
    for (size_t t = 0; t < a->ntopics; t++)
        if (has[t])
            OK(per[t] <= 2 && per[t] >= 1, "topic %zu has %zu items of 10", t, per[t]);

    /* balanced answer positions over a longer round */
    item_set big = {0};
    o.count = 40;
    deck_deal(&all, &o, &big);
    /* per choice count: items with m choices use each of the m places */
    for (size_t m = 3; m <= 4; m++) {
        size_t pos[ITEM_MAX_CHOICES] = {0}, n = 0;
        for (size_t i = 0; i < big.n; i++)
            if (big.items[i].nchoices == m) {
                pos[big.items[i].answer]++;
                n++;
            }
        for (size_t k = 0; k < m; k++)
            OK(pos[k] + 1 >= n / m && pos[k] <= n / m + 1, "%zu choices: position %zu used %zu of %zu",
               m, k, pos[k], n);
    }
    check_round(&all, &big, &o, "forty");

    /* topic mask */
    bool mask[64] = {false};
    mask[2] = true;
    mask[3] = true;
    deck_options m = {20, 7, true, true, mask, a->ntopics, 0, NULL};
    item_set rm = {0};
    deck_deal(&all, &m, &rm);
    OK(rm.n > 0, "masked round not empty");
    check_round(&all, &rm, &m, "masked");
    size_t n2 = 0, n3 = 0;
    for (size_t i = 0; i < rm.n; i++) {
        n2 += rm.items[i].topic_index == 2;
        n3 += rm.items[i].topic_index == 3;
    }
    OK(n2 > 0 && n3 > 0, "both masked topics dealt: %zu and %zu", n2, n3);

    /* count capped by the distinct sources available */
    deck_options huge = {100000, 1, false, false, NULL, 0, 0, NULL};
    item_set rh = {0};
    size_t got = deck_deal(&all, &huge, &rh);
    OK(got < all.n && got > 0, "capped: %zu of %zu", got, all.n);
    check_round(&all, &rh, &huge, "huge");
    for (size_t i = 1; i < rh.n; i++)
        OK(strcmp(rh.items[i - 1].id, rh.items[i].id) != 0, "distinct");
    /* without shuffles: article order, choices as generated */
    size_t last = 0;
    bool ordered = true;
    for (size_t i = 0; i < rh.n; i++) {
        size_t k = 0;
        while (k < all.n && strcmp(all.items[k].id, rh.items[i].id) != 0)
            k++;
        ordered = ordered && k >= last;
        last = k;
        if (k < all.n)
            OK(rh.items[i].answer == all.items[k].answer, "choices unshuffled");
    }
    OK(ordered, "article order without shuffle_questions");

    /* filter */
    item_set f = {0};
    deck_filter(&all, mask, a->ntopics, &f);
    size_t expect = 0;
    for (size_t i = 0; i < all.n; i++)
        expect += mask[all.items[i].topic_index];
    INT_EQ(f.n, expect, "filter keeps the masked topics' items");

    /* empty set */
    item_set none = {0}, rn = {0};
    INT_EQ(deck_deal(&none, &o, &rn), 0, "nothing to deal");

    item_set_release(&f);
    item_set_release(&rh);
    item_set_release(&rm);
    item_set_release(&big);
    item_set_release(&r1);
    item_set_release(&r2);
    item_set_release(&r3);
    item_set_release(&rn);
    item_set_release(&all);
    article_free(a);
}

/* The index of choice text in it, or -1. */
static int choice_index(const item *it, const char *text)
{
    for (size_t i = 0; i < it->nchoices; i++)
        if (strcmp(it->choices[i], text) == 0)
            return (int)i;
    return -1;
}

/* The team modes' four choices from a set of five: the wrong choice least
 * like the answer goes, the rest keep their order, answers spread over four
 * places, the same seed deals the same. */
static void test_max_choices(void)
{
    article *a = load(QUESTIONS_DIR "/turkmenistan-kazakhstan.txt");
    OK(a != NULL, "bundled article loads");
    if (!a)
        return;
    gen_options g = {.difficulty = ITEM_MEDIUM, .choices = 5, .lex = test_lex()};
    item_set all = {0};
    gen_build(a, &g, &all);
    size_t five = 0;
    for (size_t i = 0; i < all.n; i++)
        five += all.items[i].nchoices == 5;
    OK(five > 0, "five choices generated (where the article has four wrong ones)");

    deck_options o = {.count = 40,
                      .seed = 5,
                      .shuffle_questions = true,
                      .shuffle_choices = true,
                      .max_choices = DECK_TEAM_CHOICES};
    item_set r1 = {0}, r2 = {0}, r5 = {0}, plain = {0};
    deck_deal(&all, &o, &r1);
    deck_deal(&all, &o, &r2);
    OK(r1.n > 8, "a round of %zu", r1.n);
    OK(same_round(&r1, &r2), "same seed, same four choices");
    check_round(&all, &r1, &o, "four of five");
    size_t pos[ITEM_MAX_CHOICES] = {0};
    for (size_t i = 0; i < r1.n; i++) {
        const item *it = &r1.items[i];
        const item *orig = find_item(&all, it->id);
        if (!orig)
            continue;
        /* four of five; an item made with fewer keeps them */
        INT_EQ(it->nchoices, orig->nchoices < 4 ? orig->nchoices : 4, "item %s: choices", it->id);
        pos[it->answer < ITEM_MAX_CHOICES ? it->answer : 0]++;
        if (orig->nchoices < 5)
            continue;
        /* the dropped one: the original's choice missing here */
        int dropped = -1, missing = 0;
        for (size_t k = 0; k < orig->nchoices; k++)
            if (choice_index(it, orig->choices[k]) < 0) {
                dropped = (int)k;
                missing++;
            }
        INT_EQ(missing, 1, "item %s: one choice dropped", it->id);
        if (dropped < 0)
            continue;
        OK((size_t)dropped != orig->answer, "item %s: the answer stays", it->id);
        const char *right = orig->choices[orig->answer];
        double gone = text_overlap(orig->choices[dropped], right);
        for (size_t k = 0; k < it->nchoices; k++) {
            if (k == it->answer)
                continue;
            double kept = text_overlap(it->choices[k], right);
            OK(gone < kept || (gone == kept && choice_index(orig, it->choices[k]) < dropped),
               "item %s: '%s' dropped, '%s' kept, closer or earlier", it->id,
               orig->choices[dropped], it->choices[k]);
        }
    }
    OK(pos[4] == 0, "no answer at E");
    size_t four = 0;
    for (size_t i = 0; i < r1.n; i++)
        four += r1.items[i].nchoices == 4;
    size_t pos4[ITEM_MAX_CHOICES] = {0};
    for (size_t i = 0; i < r1.n; i++)
        if (r1.items[i].nchoices == 4)
            pos4[r1.items[i].answer]++;
    for (size_t k = 0; k < 4; k++)
        OK(pos4[k] + 1 >= four / 4 && pos4[k] <= four / 4 + 1, "position %zu used %zu of %zu", k,
           pos4[k], four);

    /* unshuffled: the generated order less the dropped choice */
    o.shuffle_choices = false;
    deck_deal(&all, &o, &plain);
    for (size_t i = 0; i < plain.n; i++) {
        const item *it = &plain.items[i];
        const item *orig = find_item(&all, it->id);
        int last = -1;
        bool ordered = orig != NULL;
        for (size_t k = 0; orig && k < it->nchoices; k++) {
            int at = choice_index(orig, it->choices[k]);
            ordered = ordered && at > last;
            last = at;
        }
        OK(ordered, "item %s: choices in the generated order", it->id);
    }
    check_round(&all, &plain, &o, "four of five, unshuffled");

    /* 0: every choice stays */
    o.max_choices = 0;
    deck_deal(&all, &o, &r5);
    for (size_t i = 0; i < r5.n; i++) {
        const item *orig = find_item(&all, r5.items[i].id);
        INT_EQ(r5.items[i].nchoices, orig ? orig->nchoices : 0, "item %s keeps its choices",
               r5.items[i].id);
    }

    item_set_release(&r1);
    item_set_release(&r2);
    item_set_release(&r5);
    item_set_release(&plain);
    item_set_release(&all);
    article_free(a);
}

/* A student's practice round: the items of tier 0 (due) first, over all
 * topics, then tier 1 (new), then the rest. The tier-0 items are a round
 * dealt with another seed, so they can all stand in one round together. */
static void test_tiers(void)
{
    article *a = load(QUESTIONS_DIR "/turkmenistan-kazakhstan.txt");
    OK(a != NULL, "bundled article loads");
    if (!a)
        return;
    gen_options gopt = {ITEM_MEDIUM, 0, 0, test_lex()};
    item_set all = {0}, due = {0}, r = {0}, more = {0};
    gen_build(a, &gopt, &all);
    deck_options o = {6, 99, true, true, NULL, 0, 0, NULL};
    deck_deal(&all, &o, &due);
    OK(due.n == 6, "six due items");
    uint8_t *tier = xcalloc(all.n, 1);
    size_t newer = SIZE_MAX;
    for (size_t i = 0; i < all.n; i++) {
        tier[i] = find_item(&due, all.items[i].id) ? 0 : 2;
        if (tier[i] == 2 && newer == SIZE_MAX)
            newer = i;
    }
    if (newer != SIZE_MAX)
        tier[newer] = 1; /* one new item */
    for (uint64_t seed = 1; seed <= 5; seed++) {
        deck_options t = {due.n, seed, true, true, NULL, 0, 0, tier};
        item_set_release(&r);
        INT_EQ(deck_deal(&all, &t, &r), due.n, "seed %llu: as many as due", (unsigned long long)seed);
        for (size_t i = 0; i < due.n; i++)
            OK(find_item(&r, due.items[i].id) != NULL, "seed %llu: due item %s dealt",
               (unsigned long long)seed, due.items[i].id);
        /* one more: the new item comes before any waiting one */
        deck_options t2 = {due.n + 1, seed, true, true, NULL, 0, 0, tier};
        item_set_release(&more);
        deck_deal(&all, &t2, &more);
        bool has_new = newer != SIZE_MAX && find_item(&more, all.items[newer].id) != NULL;
        size_t waiting = 0;
        for (size_t i = 0; i < more.n; i++) {
            const item *orig = find_item(&all, more.items[i].id);
            waiting += orig && tier[orig - all.items] == 2;
        }
        OK(has_new || waiting == 0, "seed %llu: the new item before a waiting one (%zu waiting)",
           (unsigned long long)seed, waiting);
        check_round(&all, &more, &t2, "tiers");
    }
    free(tier);
    item_set_release(&r);
    item_set_release(&more);
    item_set_release(&due);
    item_set_release(&all);
    article_free(a);
}

/* What a round leaves out adds up, and a round as large as the items is
 * what quizmill-gen --check says a round can deal; deck_again deals
 * exactly the given items in a new order. */
static void test_left_out_and_again(void)
{
    article *a = load(QUESTIONS_DIR "/turkmenistan-kazakhstan.txt");
    OK(a != NULL, "bundled article loads");
    if (!a)
        return;
    gen_options gopt = {ITEM_MEDIUM, 0, 0, test_lex()};
    item_set all = {0}, r = {0}, again = {0};
    gen_build(a, &gopt, &all);
    deck_options o = {all.n, 5, true, true, NULL, 0, 0, NULL};
    deck_left_out why;
    size_t n = deck_deal_why(&all, &o, &r, &why);
    INT_EQ((int)why.in_play, (int)all.n, "every item in play");
    INT_EQ((int)(n + why.same_source + why.same_prompt + why.gives_away), (int)all.n,
           "each item dealt or left out for one reason");
    OK(n < all.n, "the bundled article repeats sentences (%zu of %zu)", n, all.n);
    /* never more than the distinct sentences */
    size_t distinct = 0;
    for (size_t i = 0; i < all.n; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = all.items[k].source_key == all.items[i].source_key;
        distinct += !seen;
    }
    OK(n <= distinct, "%zu dealt, %zu distinct sentences", n, distinct);
    /* a larger count deals no more */
    item_set_release(&r);
    o.count = all.n * 2;
    INT_EQ((int)deck_deal(&all, &o, &r), (int)n, "no more with a larger count");

    size_t pick[4] = {1, 3, 5, 7};
    INT_EQ((int)deck_again(&r, pick, 4, 77, true, &again), 4, "four again");
    bool same_order = true;
    for (size_t k = 0; k < 4; k++) {
        const item *it = &again.items[k];
        size_t from = SIZE_MAX;
        for (size_t j = 0; j < 4; j++)
            if (strcmp(it->id, r.items[pick[j]].id) == 0)
                from = j;
        OK(from != SIZE_MAX, "again: item %zu is one of the given", k);
        if (from == SIZE_MAX)
            continue;
        same_order &= from == k;
        STR_EQ(it->choices[it->answer], r.items[pick[from]].choices[r.items[pick[from]].answer],
               "again: the right answer kept");
    }
    OK(!same_order, "again: a new order");
    item_set_release(&again);
    INT_EQ((int)deck_again(&r, pick, 1, 77, false, &again), 1, "one again");
    item_set_release(&again);
    item_set_release(&r);
    item_set_release(&all);
    article_free(a);
}

int main(void)
{
    test_deal();
    test_tiers();
    test_max_choices();
    test_left_out_and_again();
    return test_summary();
}
