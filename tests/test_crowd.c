/* test_crowd.c - the phones game's core: joining and names, tokens and
 * resuming, one answer per player per question, late answers refused,
 * per-player scoring and streaks, shared ranks, counts, the top, removal
 * and readmission, the answer log and its rows for the store. */
#include <stdio.h>
#include <string.h>

#include "crowd.h"
#include "results.h"

#include "harness.h"

/* Three questions; the right choice is 1, 2 and 0. */
static item items[3] = {
    {"0000000000000001", "t", "S", ITEM_CLOZE, "Q1 _____", 4, {"a", "b", "c", "d"}, 1, "s1", 0, 1,
     NULL},
    {"0000000000000002", "t", "S", ITEM_CLOZE, "Q2 _____", 4, {"a", "b", "c", "d"}, 2, "s2", 0, 2,
     NULL},
    {"0000000000000003", "t", "S", ITEM_FAQ, "Q3?", 3, {"a", "b", "c"}, 0, "s3", 0, 3, NULL},
};

static crowd_options options(size_t max)
{
    crowd_options o = {max, {1000, true, true, 100, 500, 0, false, 20000}};
    return o;
}

static void token(int i, char *out)
{
    snprintf(out, CROWD_TOKEN_HEX + 1, "%032x", i);
}

static size_t join(crowd *c, const char *name, int i)
{
    char t[CROWD_TOKEN_HEX + 1];
    token(i, t);
    size_t p = 99;
    INT_EQ(crowd_join(c, name, t, 0, &p), CROWD_OK, "join %s", name);
    return p;
}

static void test_names(void)
{
    char out[CROWD_NAME_MAX + 1];
    OK(crowd_clean_name("  Zoë \t", out) && strcmp(out, "Zoë") == 0, "trimmed: '%s'", out);
    OK(crowd_clean_name("a\x01" "b\x7f" "c\xc2\x85" "d", out) && strcmp(out, "abcd") == 0,
       "control characters removed: '%s'", out);
    OK(!crowd_clean_name("   ", out), "blank");
    OK(!crowd_clean_name("", out), "empty");
    OK(!crowd_clean_name("a\xff", out), "not UTF-8");
    OK(crowd_clean_name("Жжжжжжжжжжжжжжжжжжжжжжжжжжжжжж", out) && strlen(out) == 48,
       "24 characters at most: %zu bytes", strlen(out));
    OK(crowd_clean_name("<script>alert(1)</script>", out) &&
           strcmp(out, "<script>alert(1)</script") == 0,
       "kept as text (escaped where shown): '%s'", out);
    OK(crowd_clean_name("a\xe2\x80\xae" "b", out) && strcmp(out, "ab") == 0, "bidi override removed");
}

static void test_join(void)
{
    crowd_options o = options(3);
    crowd *c = crowd_new(items, 3, &o);
    INT_EQ(crowd_get_phase(c), CROWD_LOBBY, "lobby");
    INT_EQ(join(c, "Ann", 1), 0, "first player 0");
    INT_EQ(join(c, "Bob", 2), 1, "second player 1");
    char t[CROWD_TOKEN_HEX + 1];
    token(3, t);
    size_t p;
    INT_EQ(crowd_join(c, " Ann ", t, 0, &p), CROWD_ERR_NAME, "a name taken");
    INT_EQ(crowd_join(c, "\x02", t, 0, &p), CROWD_ERR_NAME, "nothing left of the name");
    INT_EQ(join(c, "Cy", 3), 2, "third");
    token(4, t);
    INT_EQ(crowd_join(c, "Dee", t, 0, &p), CROWD_ERR_FULL, "max_players");
    INT_EQ(crowd_players(c), 3, "three players");

    /* a lost connection and a resume */
    crowd_disconnect(c, 1, 500);
    OK(!crowd_player_get(c, 1)->connected && crowd_player_get(c, 1)->away_since == 500,
       "reconnecting since 500");
    INT_EQ(crowd_connected(c), 2, "two connected");
    token(2, t);
    INT_EQ(crowd_resume(c, t, &p), CROWD_OK, "resume");
    INT_EQ(p, 1, "the same seat");
    OK(crowd_player_get(c, 1)->connected, "connected again");
    INT_EQ(crowd_resume(c, "ffffffffffffffffffffffffffffffff", &p), CROWD_ERR_TOKEN, "unknown token");

    /* removal: the token stops working until readmitted */
    crowd_remove(c, 2);
    token(3, t);
    INT_EQ(crowd_resume(c, t, &p), CROWD_ERR_BANNED, "removed");
    INT_EQ(crowd_active(c), 2, "two active");
    crowd_readmit(c, 2);
    INT_EQ(crowd_resume(c, t, &p), CROWD_OK, "let back");
    crowd_end(c);
    token(9, t);
    INT_EQ(crowd_join(c, "Late", t, 0, &p), CROWD_ERR_CLOSED, "closed when done");
    crowd_free(c);
}

static void test_play(void)
{
    crowd_options o = options(1000);
    crowd *c = crowd_new(items, 3, &o);
    size_t a = join(c, "Ann", 1), b = join(c, "Bob", 2), d = join(c, "Cy", 3), e = join(c, "Dee", 4);
    int got;
    INT_EQ(crowd_answer(c, a, 1, 1, 0, &got), CROWD_ERR_NOT_PLAYING, "no question in the lobby");
    uint64_t v0 = crowd_phase_version(c);
    crowd_start(c, 1000);
    OK(crowd_phase_version(c) > v0, "a phase change");
    INT_EQ(crowd_get_phase(c), CROWD_ASKING, "asking");
    INT_EQ(crowd_number(c), 1, "question 1");
    INT_EQ(crowd_ms_left(c, 6000), 15000, "15 s left");

    INT_EQ(crowd_answer(c, a, 1, 1, 1000, &got), CROWD_OK, "ann right at once");
    INT_EQ(got, 1, "ann's choice");
    INT_EQ(crowd_answer(c, a, 1, 3, 1200, &got), CROWD_OK, "a second tap is acked");
    INT_EQ(got, 1, "with the first tap's choice");
    INT_EQ(crowd_answered(c), 1, "counted once");
    INT_EQ(crowd_answer(c, b, 1, 9, 2000, &got), CROWD_ERR_NOT_PLAYING, "choice out of range");
    INT_EQ(crowd_answer(c, b, 2, 1, 2000, &got), CROWD_ERR_NOT_PLAYING, "a question not asked");
    INT_EQ(crowd_answer(c, b, 1, 1, 11000, &got), CROWD_OK, "bob right at half time");
    INT_EQ(crowd_answer(c, d, 1, 0, 3000, &got), CROWD_OK, "cy wrong");
    INT_EQ(crowd_answer(c, e, 1, 1, 21000, &got), CROWD_ERR_LATE, "dee after time");
    size_t counts[4];
    crowd_counts(c, counts, 4);
    OK(counts[0] == 1 && counts[1] == 2 && counts[2] == 0 && counts[3] == 0, "counts 1 2 0 0");
    INT_EQ(crowd_get_phase(c), CROWD_ASKING, "dee still may (clock not ticked)");
    OK(crowd_tick(c, 20999) == 1, "1 ms to go");
    crowd_tick(c, 21000);
    INT_EQ(crowd_get_phase(c), CROWD_REVEAL, "time up reveals");
    INT_EQ(crowd_answer(c, e, 1, 1, 21001, &got), CROWD_ERR_LATE, "late in the reveal");
    INT_EQ(crowd_player_get(c, a)->score, 1000, "ann 1000");
    INT_EQ(crowd_player_get(c, b)->score, 750, "bob 750");
    INT_EQ(crowd_player_get(c, d)->score, 0, "cy 0");
    OK(crowd_player_get(c, e)->has_last && crowd_player_get(c, e)->last.chosen == ROUND_TIMEOUT,
       "dee: no answer");
    INT_EQ(crowd_player_get(c, a)->rank, 1, "ann 1st");
    INT_EQ(crowd_player_get(c, b)->rank, 2, "bob 2nd");
    INT_EQ(crowd_player_get(c, d)->rank, 3, "cy 3rd (tied)");
    INT_EQ(crowd_player_get(c, e)->rank, 3, "dee 3rd (tied)");
    size_t top[10];
    INT_EQ(crowd_top(c, top, 10), 4, "four in the top");
    OK(top[0] == a && top[1] == b && top[2] == d && top[3] == e, "top order");

    /* question 2: all answer, the reveal comes at once; streaks per player */
    crowd_next(c, 30000);
    INT_EQ(crowd_number(c), 2, "question 2");
    INT_EQ(crowd_answer(c, a, 1, 1, 30001, &got), CROWD_ERR_LATE, "question 1 is gone");
    INT_EQ(crowd_answer(c, a, 2, 2, 30000, &got), CROWD_OK, "ann right");
    INT_EQ(crowd_answer(c, b, 2, 0, 30000, &got), CROWD_OK, "bob wrong");
    INT_EQ(crowd_answer(c, d, 2, 2, 30000, &got), CROWD_OK, "cy right");
    crowd_disconnect(c, e, 31000);
    INT_EQ(crowd_get_phase(c), CROWD_REVEAL, "everyone connected answered: revealed");
    INT_EQ(crowd_player_get(c, a)->score, 2100, "ann 1000 + 1000 + streak 100");
    INT_EQ(crowd_player_get(c, d)->score, 1000, "cy 1000, no streak");
    INT_EQ(crowd_player_get(c, b)->streak, 0, "bob's streak ended");

    /* removal leaves the ranking */
    crowd_remove(c, a);
    INT_EQ(crowd_player_get(c, d)->rank, 1, "cy first without ann");
    INT_EQ(crowd_top(c, top, 10), 3, "three ranked");
    crowd_readmit(c, a);
    INT_EQ(crowd_player_get(c, a)->rank, 1, "ann back on top");

    /* the log: every counted answer, in order, with its points */
    size_t n;
    const crowd_event *ev = crowd_events(c, &n);
    INT_EQ(n, 6, "six answers logged");
    OK(ev[0].player == a && ev[0].info.chosen == 1 && ev[0].info.points == 1000, "first: ann");
    OK(ev[5].player == d && ev[5].info.correct && ev[5].info.points == 1000, "last: cy");
    db_answer rows[8];
    results_context ctx = {"r1", "Article", ITEM_MEDIUM, 1};
    INT_EQ(results_of_crowd(c, items, 3, 0, &ctx, rows, 8), 6, "six rows");
    STR_EQ(rows[0].player, "Ann", "a row under the player's name");
    STR_EQ(rows[2].chosen, "a", "cy chose a");
    OK(!rows[0].schedule, "no trainer cards");
    INT_EQ(results_of_crowd(c, items, 3, 4, &ctx, rows, 8), 2, "from the fifth");

    /* question 3 (3 choices), then done; crowd_end mid-question reveals */
    crowd_next(c, 40000);
    INT_EQ(crowd_answer(c, a, 3, 3, 40000, &got), CROWD_ERR_NOT_PLAYING, "3 choices only");
    INT_EQ(crowd_answer(c, a, 3, 0, 40000, &got), CROWD_OK, "ann right");
    crowd_end(c);
    INT_EQ(crowd_get_phase(c), CROWD_DONE, "done");
    INT_EQ(crowd_player_get(c, a)->score, 3300, "ann's answer counted before the end");
    INT_EQ(crowd_answer(c, b, 3, 0, 40000, &got), CROWD_ERR_NOT_PLAYING, "no answers when done");
    crowd_free(c);
}

static void test_many(void)
{
    crowd_options o = options(1000);
    crowd *c = crowd_new(items, 3, &o);
    char name[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "P%d", i);
        join(c, name, i + 1);
    }
    char t[CROWD_TOKEN_HEX + 1];
    token(5000, t);
    size_t p;
    INT_EQ(crowd_join(c, "one more", t, 0, &p), CROWD_ERR_FULL, "1000 at most");
    crowd_start(c, 0);
    int got;
    for (size_t i = 0; i < 1000; i++)
        crowd_answer(c, i, 1, (int)(i % 4), 100, &got);
    INT_EQ(crowd_get_phase(c), CROWD_REVEAL, "1000 answers reveal");
    size_t counts[4];
    crowd_counts(c, counts, 4);
    OK(counts[0] == 250 && counts[1] == 250, "250 each");
    INT_EQ(crowd_player_get(c, 1)->rank, 1, "250 share 1st");
    INT_EQ(crowd_player_get(c, 0)->rank, 251, "the rest 251st");
    crowd_free(c);
}

int main(void)
{
    test_names();
    test_join();
    test_play();
    test_many();
    return test_summary();
}
