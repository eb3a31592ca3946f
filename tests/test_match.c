/* test_match.c - the team and buzzer modes: hidden answers, reveal, per
 * player scoring and streaks, lock-outs, timeouts, host actions, ranking. */
#include <string.h>

#include "match.h"

#include "harness.h"

/* Three questions; the right choice is 1, 2 and 0. */
static item items[3] = {
    {"0000000000000001", "t", "S", ITEM_CLOZE, "Q1 _____", 4, {"a", "b", "c", "d"}, 1, "s1", 0, 1,
     NULL},
    {"0000000000000002", "t", "S", ITEM_CLOZE, "Q2 _____", 4, {"a", "b", "c", "d"}, 2, "s2", 0, 2,
     NULL},
    {"0000000000000003", "t", "S", ITEM_FAQ, "Q3?", 4, {"a", "b", "c", "d"}, 0, "s3", 0, 3,
     NULL},
};

static match_options options(match_mode mode, size_t np)
{
    match_options o = {mode, np, {1000, true, true, 100, 500, 0, false, 20000}, 10000, 5000};
    return o;
}

static void test_teams(void)
{
    match_options o = options(MATCH_TEAMS, 4);
    const char *names[] = {"Red", "Blue", NULL, ""};
    match *m = match_new(items, 3, &o, names);
    INT_EQ(match_players(m), 4, "players");
    STR_EQ(match_player_get(m, 0)->name, "Red", "name");
    STR_EQ(match_player_get(m, 2)->name, "Team 3", "default name");
    STR_EQ(match_player_get(m, 3)->name, "Team 4", "empty name");
    INT_EQ(match_get_phase(m), MATCH_ASKING, "asking");

    /* answers stay hidden until everyone answered */
    INT_EQ(match_answer(m, 0, 1, 0), 0, "red right at once");
    INT_EQ(match_answer(m, 0, 2, 10), -1, "a second answer is refused");
    INT_EQ(match_answer(m, 1, 1, 10000), 0, "blue right at half time");
    INT_EQ(match_answer(m, 2, 3, 1000), 0, "team 3 wrong");
    OK(match_has_answered(m, 2) && !match_has_answered(m, 3), "who answered");
    OK(!match_result(m, 0, NULL), "hidden before the reveal");
    INT_EQ(match_get_phase(m), MATCH_ASKING, "still asking");
    INT_EQ(match_answer(m, 3, 9, 10), -1, "choice out of range");
    INT_EQ(match_answer(m, 3, 1, 20000), 0, "team 4 right at the buzzer");
    INT_EQ(match_get_phase(m), MATCH_REVEAL, "revealed when all answered");
    round_answer_info r;
    OK(match_result(m, 0, &r) && r.correct && r.points == 1000, "red 1000, got %d", r.points);
    OK(match_result(m, 1, &r) && r.points == 750, "blue 750, got %d", r.points);
    OK(match_result(m, 2, &r) && !r.correct && r.points == 0, "team 3 nothing");
    OK(match_result(m, 3, &r) && r.points == 500, "team 4 500, got %d", r.points);
    INT_EQ(match_answer(m, 0, 1, 0), -1, "no answer during the reveal");

    /* question 2: red right again (streak bonus), nobody else before time */
    match_next(m);
    INT_EQ(match_number(m), 2, "question 2");
    INT_EQ(match_answer(m, 0, 2, 0), 0, "red right");
    match_timeout(m);
    INT_EQ(match_get_phase(m), MATCH_REVEAL, "time up reveals");
    OK(match_result(m, 0, &r) && r.points == 1100 && r.streak == 2, "red 1000 + streak 100");
    OK(match_result(m, 1, &r) && r.chosen == ROUND_TIMEOUT && r.points == 0, "blue timed out");
    INT_EQ(match_player_get(m, 0)->score, 2100, "red total");
    INT_EQ(match_player_get(m, 1)->streak, 0, "blue's streak broken");
    INT_EQ(match_player_get(m, 0)->best_streak, 2, "red's best streak");

    size_t order[4];
    match_ranking(m, order);
    INT_EQ(order[0], 0, "red leads");
    INT_EQ(order[1], 1, "blue second (750 vs 500)");
    INT_EQ(order[2], 3, "team 4 third");
    INT_EQ(order[3], 2, "team 3 last");

    size_t n;
    const match_event *ev = match_events(m, &n);
    INT_EQ(n, 8, "one event per player per question");
    INT_EQ(ev[0].kind, MATCH_EV_ANSWER, "an answer");
    INT_EQ(ev[0].player, 0, "its player");
    INT_EQ(ev[4].item, 1, "question 2's events");

    match_next(m);
    match_next(m); /* no effect outside the reveal */
    INT_EQ(match_number(m), 3, "question 3");
    match_end(m);
    INT_EQ(match_get_phase(m), MATCH_DONE, "ended by the host");
    OK(match_current(m) == NULL, "no question when done");
    ev = match_events(m, &n);
    INT_EQ(ev[n - 1].kind, MATCH_EV_END, "the end is logged");
    size_t before = n;
    match_pause(m);
    match_events(m, &n);
    INT_EQ(n, before, "no pause logged after the end");
    match_free(m);
}

static void test_buzzer(void)
{
    match_options o = options(MATCH_BUZZER, 3);
    match *m = match_new(items, 3, &o, NULL);
    INT_EQ(match_answer(m, 0, 1, 0), -1, "no answer without a buzz");
    INT_EQ(match_buzz(m, 1), 0, "player 2 buzzes first");
    INT_EQ(match_buzz(m, 0), -1, "a second buzz waits");
    INT_EQ(match_get_phase(m), MATCH_ANSWERING, "answering");
    INT_EQ(match_buzzed(m), 1, "player 2 answers");
    INT_EQ(match_answer(m, 0, 1, 0), -1, "another player cannot answer");
    INT_EQ(match_answer(m, 1, 0, 1000), 0, "player 2 wrong");
    OK(match_locked(m, 1), "locked out");
    INT_EQ(match_get_phase(m), MATCH_ASKING, "the others may buzz");
    INT_EQ(match_buzz(m, 1), -1, "a locked player cannot buzz");
    INT_EQ(match_buzz(m, 2), 0, "player 3 buzzes");
    match_timeout(m);
    OK(match_locked(m, 2), "no answer in time: locked out");
    round_answer_info r;
    OK(match_result(m, 2, &r) && r.chosen == ROUND_TIMEOUT, "logged as a timeout");
    INT_EQ(match_buzz(m, 0), 0, "player 1 buzzes");
    INT_EQ(match_answer(m, 0, 1, 2500), 0, "player 1 right after 2.5 s");
    INT_EQ(match_get_phase(m), MATCH_REVEAL, "revealed");
    OK(match_result(m, 0, &r) && r.points == 750, "half of answer_ms used: got %d",
       r.points);
    INT_EQ(match_player_get(m, 1)->score, 0, "no penalty by default");

    /* question 2: everybody wrong reveals */
    match_next(m);
    for (size_t p = 0; p < 3; p++) {
        INT_EQ(match_buzz(m, p), 0, "buzz %zu", p);
        INT_EQ(match_answer(m, p, 0, 100), 0, "wrong %zu", p);
    }
    INT_EQ(match_get_phase(m), MATCH_REVEAL, "all locked out: revealed");

    /* question 3: no buzz in time */
    match_next(m);
    match_timeout(m);
    INT_EQ(match_get_phase(m), MATCH_REVEAL, "no buzz: revealed");
    OK(!match_result(m, 0, NULL), "nobody answered");
    match_next(m);
    INT_EQ(match_get_phase(m), MATCH_DONE, "done after the last question");
    match_free(m);
}

static void test_host(void)
{
    match_options o = options(MATCH_TEAMS, 2);
    o.scoring.wrong_penalty = 300;
    match *m = match_new(items, 3, &o, NULL);
    match_points(m, 0, 500);
    INT_EQ(match_player_get(m, 0)->score, 500, "awarded");
    match_points(m, 0, -800);
    INT_EQ(match_player_get(m, 0)->score, 0, "never below 0");
    match_answer(m, 0, 1, 0);
    match_replay(m);
    OK(!match_has_answered(m, 0), "a replay forgets unrevealed answers");
    INT_EQ(match_number(m), 1, "same question");
    match_skip(m);
    INT_EQ(match_number(m), 2, "skipped");
    INT_EQ(match_get_phase(m), MATCH_ASKING, "asking the next");
    match_points(m, 1, 200);
    match_answer(m, 0, 2, 0);
    match_pause(m);
    INT_EQ(match_get_phase(m), MATCH_ASKING, "a pause changes nothing but the log");
    OK(match_has_answered(m, 0), "a pause keeps the hidden answers");
    match_answer(m, 1, 0, 0);
    OK(match_player_get(m, 1)->score == 0, "a wrong answer costs the penalty, down to 0");
    size_t n;
    const match_event *ev = match_events(m, &n);
    INT_EQ(n, 8, "points, points, replay, skip, points, pause, two answers");
    INT_EQ(ev[0].kind, MATCH_EV_POINTS, "points logged");
    INT_EQ(ev[1].info.points, -500, "the points actually taken");
    INT_EQ(ev[2].kind, MATCH_EV_REPLAY, "replay logged");
    INT_EQ(ev[3].kind, MATCH_EV_SKIP, "skip logged");
    INT_EQ(ev[5].kind, MATCH_EV_PAUSE, "pause logged");
    INT_EQ(ev[5].player, -1, "by the host");
    INT_EQ(ev[7].info.penalty, 200, "penalty limited by the score");
    match_free(m);

    /* out-of-range player counts are clamped */
    o.nplayers = 9;
    m = match_new(items, 3, &o, NULL);
    INT_EQ(match_players(m), MATCH_MAX_PLAYERS, "at most four");
    match_free(m);
    o.nplayers = 0;
    m = match_new(items, 0, &o, NULL);
    INT_EQ(match_players(m), 2, "at least two");
    INT_EQ(match_get_phase(m), MATCH_DONE, "no items: done");
    match_free(m);
}

/* The scoreboard's columns add up: each player's answer points (the sum of
 * its answers' points in the log) plus the host's points (the sum of its
 * POINTS events) is its total, through awards, removals down to 0 and
 * penalties. */
static void check_sums(const match *m, const char *when)
{
    size_t n;
    const match_event *ev = match_events(m, &n);
    for (size_t p = 0; p < match_players(m); p++) {
        const match_player *pl = match_player_get(m, p);
        int answers = 0, host = 0;
        for (size_t i = 0; i < n; i++) {
            if (ev[i].player != (int)p)
                continue;
            if (ev[i].kind == MATCH_EV_ANSWER)
                answers += ev[i].info.points;
            else if (ev[i].kind == MATCH_EV_POINTS)
                host += ev[i].info.points;
        }
        INT_EQ(pl->earned, answers, "%s: player %zu's answer points", when, p + 1);
        INT_EQ(pl->awarded, host, "%s: player %zu's host points", when, p + 1);
        INT_EQ(pl->earned + pl->awarded, pl->score, "%s: player %zu's columns add up", when,
               p + 1);
    }
}

static void test_awards_and_places(void)
{
    match_options o = options(MATCH_TEAMS, 4);
    o.scoring.wrong_penalty = 300;
    match *m = match_new(items, 3, &o, NULL);
    /* question 1: players 1 and 2 right at once (1000 each), 3 wrong, 4 none */
    match_answer(m, 0, 1, 0);
    match_answer(m, 1, 1, 0);
    match_answer(m, 2, 0, 0);
    match_timeout(m);
    check_sums(m, "after question 1");
    for (size_t p = 0; p < 4; p++)
        INT_EQ(match_place(m, p), p < 2 ? 1 : 3, "tie at the top: player %zu's place", p + 1);
    size_t order[4];
    match_ranking(m, order);
    INT_EQ(order[0], 0, "a tie keeps the lower number first in the list");
    INT_EQ(order[1], 1, "its partner next");
    INT_EQ(match_place(m, 9), 0, "no place out of range");

    /* the host: +1000 to player 3, then takes 5000 from player 4 (has 0) */
    INT_EQ(match_points(m, 2, 1000), 1000, "awarded");
    INT_EQ(match_points(m, 3, -5000), 0, "nothing to take");
    INT_EQ(match_points(m, 7, 1000), 0, "no such player");
    check_sums(m, "after the awards");
    INT_EQ(match_player_get(m, 2)->awarded, 1000, "the award in its own column");
    INT_EQ(match_player_get(m, 2)->earned, 0, "not in the answers' column");
    INT_EQ(match_place(m, 2), 1, "three share the 1st place");
    INT_EQ(match_place(m, 3), 4, "the last is 4th");

    /* question 2: player 3 wrong with its awarded points: the penalty comes
     * out of its answers' column, which goes below 0 */
    match_next(m);
    match_answer(m, 2, 0, 0);
    match_answer(m, 0, 2, 0);
    match_timeout(m);
    check_sums(m, "after question 2");
    INT_EQ(match_player_get(m, 2)->earned, -300, "the penalty");
    INT_EQ(match_player_get(m, 2)->score, 700, "1000 - 300");
    /* the host takes more than player 1 has: clamped, and logged as taken */
    INT_EQ(match_points(m, 0, -5000), -2100, "all of it, no more");
    check_sums(m, "after a removal");
    INT_EQ(match_player_get(m, 0)->score, 0, "never below 0");
    INT_EQ(match_player_get(m, 1)->score, 700, "player 2's timeout costs the penalty too");
    INT_EQ(match_place(m, 1), 1, "players 2 and 3 share the 1st place");
    INT_EQ(match_place(m, 2), 1, "700 each");
    INT_EQ(match_place(m, 0), 3, "players 1 and 4 share the 3rd place");
    INT_EQ(match_place(m, 3), 3, "both at 0");
    match_free(m);
}

int main(void)
{
    test_teams();
    test_buzzer();
    test_host();
    test_awards_and_places();
    return test_summary();
}
