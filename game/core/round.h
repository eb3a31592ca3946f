/* round.h - one round of play: the state machine and the scoring.
 *
 * A round asks its items in order. Each answer (or a timeout) is scored and
 * recorded; then the round waits in FEEDBACK until round_next(). No SDL, no
 * clock: the caller passes the time taken, so every rule is unit-tested.
 *
 * Scoring (documented in the README and shown on the feedback screen):
 *   right answer: base points; with the time bonus on, base/2 is sure and the
 *     other base/2 falls linearly with the time taken, so
 *     points = base * (1 - (t / T) / 2) (Kahoot's rule; no time bonus when the
 *     round has no time limit: then the full base is paid);
 *   streak bonus (on/off): streak_step * (streak - 1), capped at streak_max,
 *     where streak counts consecutive right answers including this one;
 *   wrong answer or timeout: the streak ends; wrong_penalty points are taken
 *     (0 by default); the round score never falls below 0.
 *   practice mode: a missed item comes back later in the same round (three
 *     questions later, or at the end) until it is answered right; repeats
 *     earn no points and take none.
 *
 * In integers: with a limit T and the time bonus on, a right answer after t ms
 * (t capped at T) gets base - base/2 sure and round(base/2 * (1 - t/T)) as time
 * bonus (halves rounded up), so exactly base at t = 0 and base - base/2 at T.
 * Practice repeats: a missed item is put back so that it is asked as the third
 * question after this one (two others in between), or last when fewer than
 * two remain. Repeats neither continue nor break the streak, are not counted
 * by round_right() nor listed by round_missed(), but are counted by
 * round_asked() and round_total_ms().
 *
 * Ownership: round_new() borrows the items (they must outlive the round) and
 * copies the options. round_free() frees the round.
 */
#ifndef QUIZMILL_ROUND_H
#define QUIZMILL_ROUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "item.h"

typedef struct round_options {
    int base_points;   /* > 0 */
    bool time_bonus;
    bool streak_bonus;
    int streak_step;
    int streak_max;
    int wrong_penalty; /* >= 0 */
    bool practice;
    uint32_t time_limit_ms; /* 0: no limit (and no time bonus) */
} round_options;

typedef enum round_state { ROUND_ASKING, ROUND_FEEDBACK, ROUND_DONE } round_state;

#define ROUND_TIMEOUT (-1) /* the choice of an answer that never came */

typedef struct round_answer_info {
    size_t item;       /* index into the round's items */
    int chosen;        /* choice index, or ROUND_TIMEOUT */
    bool correct;
    uint32_t ms;       /* time taken, capped at the limit when there is one */
    int base;          /* points before bonuses (0 when wrong) */
    int time_bonus;
    int streak_bonus;
    int penalty;       /* points taken (>= 0) */
    int points;        /* base + time_bonus + streak_bonus - penalty, as applied */
    int streak;        /* consecutive right answers after this one */
    bool repeat;       /* a practice repeat: scored as 0 */
} round_answer_info;

/* The points of one answer by the rules above, for a player whose streak
 * (right answers in a row before this one) and score are given: fills
 * correct, ms (capped at the limit), base, time_bonus, streak_bonus,
 * penalty, points and streak of *a. The match module scores each player of
 * a team or buzzer round with it. */
void round_score_answer(const round_options *o, bool correct, uint32_t ms, int streak_before,
                        int score_before, round_answer_info *a);

typedef struct round_play round_play;

/* A new round over items[0..n) (borrowed). Never NULL (allocation dies).
 * With n == 0 the round is DONE at once. */
round_play *round_new(const item *items, size_t n, const round_options *opt);
void round_free(round_play *r);

round_state round_get_state(const round_play *r);
/* The item being asked or just answered; NULL when DONE. */
const item *round_current(const round_play *r);
/* Index of the current item in the round's items; SIZE_MAX when DONE. */
size_t round_current_index(const round_play *r);
/* Question number being asked (1-based) and the number of questions
 * planned (it grows when practice mode brings an item back). When DONE,
 * round_number() equals round_planned(). */
size_t round_number(const round_play *r);
size_t round_planned(const round_play *r);

/* Answers the current question with choice (0-based) or ROUND_TIMEOUT,
 * after ms milliseconds. Returns 0 and fills *info (may be NULL), or -1
 * when the round is not ASKING or the choice is out of range. */
int round_answer(round_play *r, int choice, uint32_t ms, round_answer_info *info);
/* From FEEDBACK to the next question, or to DONE. No effect otherwise. */
void round_next(round_play *r);

int round_score(const round_play *r);
size_t round_right(const round_play *r);     /* right first answers (repeats not counted) */
size_t round_asked(const round_play *r);     /* answers given, repeats included */
int round_best_streak(const round_play *r);
uint64_t round_total_ms(const round_play *r); /* sum of the (capped) times of every answer */

/* Every answer so far, in order; *n gets their number. The array belongs to
 * the round and is valid until the next round_answer() or round_free(). */
const round_answer_info *round_answers(const round_play *r, size_t *n);
/* Items missed at their first asking (for the review list), in order,
 * without repeats; returns their number and fills idx[0..max) with the first
 * of them (idx may be NULL when max is 0). */
size_t round_missed(const round_play *r, size_t *idx, size_t max);

#endif
