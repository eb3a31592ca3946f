/* test_round.c - the round state machine and every scoring rule. */
#include "round.h"

#include "harness.h"

#include <stdint.h>

#define NITEMS 8

static char choice_text[4][8] = {"alpha", "beta", "gamma", "delta"};
static item items[NITEMS];

/* NITEMS items of 4 choices; item i's answer is choice i % 4. */
static void make_items(void)
{
    for (size_t i = 0; i < NITEMS; i++) {
        item *it = &items[i];
        it->id[0] = (char)('a' + i);
        it->nchoices = 4;
        for (size_t k = 0; k < 4; k++)
            it->choices[k] = choice_text[k];
        it->answer = i % 4;
    }
}

static int right_of(const round_play *r)
{
    return (int)round_current(r)->answer;
}

static int wrong_of(const round_play *r)
{
    return (int)((round_current(r)->answer + 1) % 4);
}

static round_options plain(void)
{
    round_options o = {1000, false, false, 0, 0, 0, false, 0};
    return o;
}

/* Answers the current question and moves on; returns the info. */
static round_answer_info step(round_play *r, int choice, uint32_t ms)
{
    round_answer_info a = {0};
    INT_EQ(round_answer(r, choice, ms, &a), 0, "answer accepted");
    round_next(r);
    return a;
}

/* One right answer after ms with the given options, from a fresh round. */
static round_answer_info one_right(const round_options *o, uint32_t ms)
{
    round_play *r = round_new(items, NITEMS, o);
    round_answer_info a = step(r, right_of(r), ms);
    round_free(r);
    return a;
}

static void test_time_bonus(void)
{
    round_options o = plain();
    o.time_bonus = true;
    o.time_limit_ms = 10000;

    round_answer_info a = one_right(&o, 0);
    INT_EQ(a.base, 500, "t=0 base part");
    INT_EQ(a.time_bonus, 500, "t=0 bonus");
    INT_EQ(a.points, 1000, "t=0 pays base exactly");
    OK(a.correct && !a.repeat, "right first answer");

    a = one_right(&o, 5000);
    INT_EQ(a.time_bonus, 250, "t=T/2 bonus");
    INT_EQ(a.points, 750, "t=T/2 points");

    a = one_right(&o, 10000);
    INT_EQ(a.time_bonus, 0, "t=T bonus");
    INT_EQ(a.points, 500, "t=T points");

    a = one_right(&o, 25000);
    INT_EQ(a.ms, 10000, "t>T capped");
    INT_EQ(a.points, 500, "t>T points as at T");

    /* Odd base: the sure part takes the extra point; halves round up. */
    o.base_points = 101;
    a = one_right(&o, 0);
    INT_EQ(a.base, 51, "odd base: sure part");
    INT_EQ(a.points, 101, "odd base at t=0");
    a = one_right(&o, 10000);
    INT_EQ(a.points, 51, "odd base at t=T");
    a = one_right(&o, 2500); /* 50 * 0.75 = 37.5 -> 38 */
    INT_EQ(a.time_bonus, 38, "half rounded up");
    a = one_right(&o, 7000); /* 50 * 0.3 = 15 */
    INT_EQ(a.time_bonus, 15, "t=0.7T bonus");

    /* No limit: full base, no bonus, ms not capped. */
    o = plain();
    o.time_bonus = true;
    a = one_right(&o, 99999);
    INT_EQ(a.base, 1000, "no limit: full base");
    INT_EQ(a.time_bonus, 0, "no limit: no bonus");
    INT_EQ(a.ms, 99999, "no limit: ms as given");

    /* Bonus off with a limit: full base at any time, ms still capped. */
    o = plain();
    o.time_limit_ms = 8000;
    a = one_right(&o, 0);
    INT_EQ(a.points, 1000, "bonus off at t=0");
    a = one_right(&o, 9000);
    INT_EQ(a.points, 1000, "bonus off at t>T");
    INT_EQ(a.ms, 8000, "bonus off: ms capped");
    INT_EQ(a.time_bonus, 0, "bonus off: no bonus");
}

static void test_streak(void)
{
    round_options o = plain();
    o.streak_bonus = true;
    o.streak_step = 100;
    o.streak_max = 300;
    round_play *r = round_new(items, NITEMS, &o);
    static const int want[] = {0, 100, 200, 300, 300};
    int total = 0;
    for (int i = 0; i < 5; i++) {
        round_answer_info a = step(r, right_of(r), 10);
        INT_EQ(a.streak, i + 1, "streak grows at answer %d", i);
        INT_EQ(a.streak_bonus, want[i], "streak bonus at answer %d", i);
        INT_EQ(a.points, 1000 + want[i], "points at answer %d", i);
        total += a.points;
    }
    round_answer_info a = step(r, wrong_of(r), 10);
    INT_EQ(a.streak, 0, "wrong ends the streak");
    INT_EQ(a.streak_bonus, 0, "wrong: no streak bonus");
    a = step(r, right_of(r), 10);
    INT_EQ(a.streak, 1, "new streak");
    INT_EQ(a.streak_bonus, 0, "new streak: no bonus");
    a = step(r, ROUND_TIMEOUT, 10);
    INT_EQ(a.streak, 0, "timeout ends the streak");
    OK(!a.correct, "timeout is not right");
    INT_EQ(a.chosen, ROUND_TIMEOUT, "timeout recorded");
    INT_EQ(round_best_streak(r), 5, "best streak");
    INT_EQ(round_score(r), total + 1000, "score");
    INT_EQ(round_right(r), 6, "right answers");
    INT_EQ(round_asked(r), 8, "asked");
    INT_EQ(round_get_state(r), ROUND_DONE, "done after the last");
    round_free(r);

    /* Bonus off: streak counted, no bonus. */
    o.streak_bonus = false;
    r = round_new(items, NITEMS, &o);
    step(r, right_of(r), 0);
    a = step(r, right_of(r), 0);
    INT_EQ(a.streak, 2, "streak counted with bonus off");
    INT_EQ(a.streak_bonus, 0, "no bonus when off");
    round_free(r);
}

static void test_penalty(void)
{
    round_options o = plain();
    o.wrong_penalty = 300;
    round_play *r = round_new(items, NITEMS, &o);
    round_answer_info a = step(r, wrong_of(r), 0);
    INT_EQ(a.penalty, 0, "nothing to take at 0");
    INT_EQ(a.points, 0, "points at the floor");
    INT_EQ(a.base, 0, "wrong: no base");
    INT_EQ(round_score(r), 0, "score stays 0");
    step(r, right_of(r), 0);
    a = step(r, ROUND_TIMEOUT, 0);
    INT_EQ(a.penalty, 300, "full penalty");
    INT_EQ(a.points, -300, "points taken");
    INT_EQ(round_score(r), 700, "score after penalty");
    step(r, wrong_of(r), 0);
    step(r, wrong_of(r), 0);
    a = step(r, wrong_of(r), 0);
    INT_EQ(a.penalty, 100, "only what is left is taken");
    INT_EQ(round_score(r), 0, "never below 0");
    a = step(r, wrong_of(r), 0);
    INT_EQ(a.penalty, 0, "at the floor again");
    round_free(r);

    /* Default: no penalty. */
    o.wrong_penalty = 0;
    r = round_new(items, NITEMS, &o);
    step(r, right_of(r), 0);
    a = step(r, wrong_of(r), 0);
    INT_EQ(a.penalty, 0, "no penalty by default");
    INT_EQ(round_score(r), 1000, "score kept");
    round_free(r);
}

/* The item indices asked, in order, answering per the plan string:
 * 'r' right, 'w' wrong, 't' timeout. */
static void test_practice(void)
{
    round_options o = plain();
    o.practice = true;
    o.wrong_penalty = 100;
    o.streak_bonus = true;
    o.streak_step = 10;
    o.streak_max = 100;
    round_play *r = round_new(items, 6, &o);
    INT_EQ(round_planned(r), 6, "planned at start");

    /* Item 0 wrong: comes back as question 4 (0 1 2 R0 3 4 5). */
    INT_EQ(round_current_index(r), 0, "first item");
    round_answer_info a = step(r, wrong_of(r), 100);
    INT_EQ(round_planned(r), 7, "planned grows");
    OK(!a.repeat, "first asking is no repeat");
    step(r, right_of(r), 100);     /* 1 */
    a = step(r, right_of(r), 100); /* 2 */
    INT_EQ(a.streak, 2, "streak before the repeat");
    INT_EQ(round_number(r), 4, "question 4");
    INT_EQ(round_current_index(r), 0, "item 0 back three questions later");

    /* The repeat answered wrong: no points, no penalty, streak kept, back again. */
    int before = round_score(r);
    a = step(r, wrong_of(r), 100);
    OK(a.repeat, "repeat flagged");
    INT_EQ(a.points, 0, "wrong repeat: 0 points");
    INT_EQ(a.penalty, 0, "wrong repeat: no penalty");
    INT_EQ(a.streak, 2, "wrong repeat keeps the streak");
    INT_EQ(round_score(r), before, "score unchanged");
    INT_EQ(round_planned(r), 8, "planned grows again");
    /* Queue now: 0 1 2 R0 | 3 4 R0 5 */
    a = step(r, right_of(r), 100); /* 3 */
    INT_EQ(a.streak, 3, "streak continues past the repeat");
    INT_EQ(a.streak_bonus, 20, "streak bonus continues");
    step(r, right_of(r), 100); /* 4 */
    INT_EQ(round_current_index(r), 0, "item 0 back again");
    a = step(r, right_of(r), 100);
    OK(a.repeat && a.correct, "right repeat");
    INT_EQ(a.base + a.time_bonus + a.streak_bonus + a.penalty + a.points, 0, "right repeat: all 0");
    INT_EQ(a.streak, 4, "right repeat does not grow the streak");
    INT_EQ(round_planned(r), 8, "right repeat: nothing added");

    /* Item 5 is last: a miss comes back at once, at the end. */
    INT_EQ(round_current_index(r), 5, "item 5 last");
    step(r, ROUND_TIMEOUT, 100);
    INT_EQ(round_planned(r), 9, "timeout requeues too");
    INT_EQ(round_get_state(r), ROUND_ASKING, "not done: a repeat is left");
    INT_EQ(round_current_index(r), 5, "item 5 again at the end");
    step(r, right_of(r), 100);
    INT_EQ(round_get_state(r), ROUND_DONE, "done");
    INT_EQ(round_number(r), 9, "number when done");

    INT_EQ(round_right(r), 4, "repeats not counted as right");
    INT_EQ(round_asked(r), 9, "asked counts repeats");
    INT_EQ(round_total_ms(r), 900, "total ms counts repeats");
    INT_EQ(round_best_streak(r), 4, "best streak");
    size_t idx[4] = {99, 99, 99, 99};
    INT_EQ(round_missed(r, idx, 4), 2, "two missed at first asking");
    INT_EQ(idx[0], 0, "missed item 0");
    INT_EQ(idx[1], 5, "missed item 5");
    INT_EQ(idx[2], 99, "nothing more written");
    INT_EQ(round_missed(r, NULL, 0), 2, "count only");
    size_t one[1];
    INT_EQ(round_missed(r, one, 1), 2, "count when idx is short");
    INT_EQ(one[0], 0, "first missed when short");
    round_free(r);

    /* Second to last missed: one remains, so the repeat goes last. */
    r = round_new(items, 3, &o);
    step(r, right_of(r), 0);
    step(r, wrong_of(r), 0); /* item 1, pos 1: pos + 3 = 4 > 3 -> end */
    INT_EQ(round_current_index(r), 2, "item 2 next");
    step(r, right_of(r), 0);
    INT_EQ(round_current_index(r), 1, "item 1 at the end");
    step(r, right_of(r), 0);
    INT_EQ(round_get_state(r), ROUND_DONE, "done");
    round_free(r);

    /* Exactly two remain after the miss: the repeat goes after both. */
    r = round_new(items, 3, &o);
    step(r, wrong_of(r), 0);
    INT_EQ(round_planned(r), 4, "planned 4");
    step(r, right_of(r), 0);
    step(r, right_of(r), 0);
    INT_EQ(round_current_index(r), 0, "item 0 fourth");
    round_free(r);

    /* Without practice nothing comes back. */
    o.practice = false;
    r = round_new(items, 2, &o);
    step(r, wrong_of(r), 0);
    step(r, wrong_of(r), 0);
    INT_EQ(round_get_state(r), ROUND_DONE, "no practice: done");
    INT_EQ(round_planned(r), 2, "no practice: planned fixed");
    round_free(r);
}

static void test_states(void)
{
    round_options o = plain();
    round_play *r = round_new(items, 0, &o);
    INT_EQ(round_get_state(r), ROUND_DONE, "n == 0 is done");
    OK(round_current(r) == NULL, "no current item");
    OK(round_current_index(r) == SIZE_MAX, "no current index");
    INT_EQ(round_planned(r), 0, "nothing planned");
    INT_EQ(round_number(r), 0, "number 0");
    INT_EQ(round_answer(r, 0, 0, NULL), -1, "no answer when done");
    round_next(r);
    INT_EQ(round_get_state(r), ROUND_DONE, "still done");
    size_t n = 99;
    round_answers(r, &n);
    INT_EQ(n, 0, "no answers");
    INT_EQ(round_missed(r, NULL, 0), 0, "none missed");
    round_free(r);

    r = round_new(items, 2, &o);
    INT_EQ(round_get_state(r), ROUND_ASKING, "asking at start");
    OK(round_current(r) == &items[0], "current is item 0");
    INT_EQ(round_number(r), 1, "question 1");
    round_next(r);
    INT_EQ(round_get_state(r), ROUND_ASKING, "next while asking: no effect");
    INT_EQ(round_number(r), 1, "still question 1");
    INT_EQ(round_answer(r, 4, 0, NULL), -1, "choice past the end");
    INT_EQ(round_answer(r, -2, 0, NULL), -1, "negative choice");
    INT_EQ(round_get_state(r), ROUND_ASKING, "bad choice: still asking");
    INT_EQ(round_asked(r), 0, "bad choice not recorded");
    INT_EQ(round_answer(r, right_of(r), 1234, NULL), 0, "info may be NULL");
    INT_EQ(round_get_state(r), ROUND_FEEDBACK, "feedback");
    OK(round_current(r) == &items[0], "feedback shows the answered item");
    INT_EQ(round_answer(r, 0, 0, NULL), -1, "no answer in feedback");
    round_next(r);
    INT_EQ(round_number(r), 2, "question 2");
    OK(round_current(r) == &items[1], "current is item 1");
    INT_EQ(round_answer(r, 3, 66, NULL), 0, "wrong answer accepted");
    round_next(r);
    INT_EQ(round_get_state(r), ROUND_DONE, "done");
    round_next(r);
    INT_EQ(round_get_state(r), ROUND_DONE, "next when done: no effect");

    const round_answer_info *a = round_answers(r, &n);
    INT_EQ(n, 2, "two answers");
    INT_EQ(a[0].item, 0, "first answer item");
    INT_EQ(a[0].ms, 1234, "first answer ms");
    OK(a[0].correct, "first right");
    INT_EQ(a[1].item, 1, "second answer item");
    INT_EQ(a[1].chosen, 3, "second answer chosen");
    OK(!a[1].correct, "second wrong");
    INT_EQ(round_total_ms(r), 1300, "total ms");
    INT_EQ(round_score(r), 1000, "score");
    round_free(r);
    round_free(NULL);
}

int main(void)
{
    make_items();
    test_time_bonus();
    test_streak();
    test_penalty();
    test_practice();
    test_states();
    return test_summary();
}
