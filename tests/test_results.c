/* test_results.c - a round's answers and a match's events as the store's
 * rows: each field, the place in the round, the player, the trainer flag,
 * host actions, and only the rows after those already saved. */
#include <string.h>

#include "results.h"

#include "harness.h"

/* Two questions; the right choice is 1 and 2. */
static item items[2] = {
    {"0000000000000001",
     "t",
     "S",
     ITEM_CLOZE,
     "Q1 _____",
     4,
     {"a", "b", "c", "d"},
     1,
     "s1",
     0,
     1,
     NULL},
    {"0000000000000002",
     "t",
     "S",
     ITEM_CLOZE,
     "Q2 _____",
     4,
     {"a", "b", "c", "d"},
     2,
     "s2",
     0,
     2,
     NULL},
};

static const results_context ctx = {"R1", "Art", ITEM_HARD, 1700000000123};

static void test_round(void)
{
    round_options o = {1000, false, false, 0, 0, 0, false, 0};
    round_play *r = round_new(items, 2, &o);
    round_answer_info info;
    INT_EQ(round_answer(r, 1, 1500, &info), 0, "right");
    db_answer rows[4];
    memset(rows, 0, sizeof rows);
    INT_EQ(results_of_round(r, items, 0, "Ann", &ctx, rows, 4), 1, "one row");
    STR_EQ(rows[0].round, "R1", "round");
    INT_EQ(rows[0].seq, 0, "its place in the round");
    STR_EQ(rows[0].player, "Ann", "player");
    STR_EQ(rows[0].article, "Art", "article");
    OK(rows[0].item == &items[0], "the item asked");
    INT_EQ(rows[0].difficulty, ITEM_HARD, "difficulty");
    STR_EQ(rows[0].chosen, "b", "the chosen text");
    OK(rows[0].correct, "right");
    INT_EQ(rows[0].ms, 1500, "ms");
    INT_EQ(rows[0].points, 1000, "points");
    OK(rows[0].at == ctx.at, "the moment given");
    OK(rows[0].schedule, "a named player's answer moves a card");
    round_next(r);
    INT_EQ(round_answer(r, ROUND_TIMEOUT, 20000, &info), 0, "a time-out");
    INT_EQ(results_of_round(r, items, 1, "", &ctx, rows, 4), 1, "only the new one");
    INT_EQ(rows[0].seq, 1, "the second answer");
    STR_EQ(rows[0].chosen, "", "a time-out chose nothing");
    OK(!rows[0].correct, "wrong");
    OK(!rows[0].schedule, "an unnamed player has no cards");
    INT_EQ(results_of_round(r, items, 2, "Ann", &ctx, rows, 4), 0, "nothing new");
    round_free(r);
}

static void test_match(void)
{
    match_options o = {MATCH_TEAMS, 2, {1000, false, false, 0, 0, 0, false, 20000}, 10000, 5000};
    const char *names[] = {"Red", "Blue"};
    match *m = match_new(items, 2, &o, names);
    INT_EQ(match_answer(m, 0, 1, 700), 0, "red right");
    INT_EQ(match_answer(m, 1, 3, 900), 0, "blue wrong");
    match_points(m, 0, -300);
    match_skip(m);
    db_answer rows[8];
    size_t n = results_of_match(m, items, 2, 0, &ctx, rows, 8);
    OK(n >= 4, "answers and host actions: %zu rows", n);
    STR_EQ(rows[0].player, "Red", "a team's answer under its name");
    STR_EQ(rows[0].chosen, "b", "its choice");
    OK(rows[0].correct && rows[0].ms == 700, "right, 700 ms");
    OK(!rows[0].schedule, "a team moves no card");
    STR_EQ(rows[1].player, "Blue", "blue");
    OK(!rows[1].correct, "wrong");
    bool removed = false, skipped = false;
    for (size_t i = 0; i < n; i++) {
        INT_EQ(rows[i].seq, i, "row %zu: its place", i);
        if (strcmp(rows[i].chosen, "host: remove") == 0)
            removed = strcmp(rows[i].player, "Red") == 0 && rows[i].points == -300;
        if (strcmp(rows[i].chosen, "host: skip") == 0)
            skipped = strcmp(rows[i].player, "host") == 0 && !rows[i].correct;
    }
    OK(removed, "the host's -300 for Red");
    OK(skipped, "the host's skip");
    INT_EQ(results_of_match(m, items, 2, n, &ctx, rows, 8), 0, "nothing new");
    match_free(m);
}

int main(void)
{
    test_round();
    test_match();
    return test_summary();
}
