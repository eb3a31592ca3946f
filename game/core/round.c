/* round.c - one round of play. Start reading at round_answer().
 *
 * The round keeps a queue of questions to ask: at first one per item, in
 * order. In practice mode a missed question puts a repeat of its item back
 * into the queue a few places later. `pos` is the question being asked (or
 * just answered, in FEEDBACK); the round is DONE when pos reaches the end.
 */
#include "round.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define REQUEUE_GAP 3 /* a missed item comes back this many questions later */

typedef struct question {
    size_t item;
    bool repeat;
} question;

struct round_play {
    const item *items; /* borrowed */
    size_t nitems;
    round_options opt;
    round_state state;

    question *queue;
    size_t nqueue, capqueue;
    size_t pos;

    round_answer_info *answers;
    size_t nanswers, capanswers;
    size_t *missed;
    size_t nmissed, capmissed;

    int score;
    size_t right;
    int streak, best_streak;
    uint64_t total_ms;
};

round_play *round_new(const item *items, size_t n, const round_options *opt)
{
    round_play *r = xcalloc(1, sizeof *r);
    r->items = items;
    r->nitems = n;
    r->opt = *opt;
    if (r->opt.wrong_penalty < 0)
        r->opt.wrong_penalty = 0;
    if (n > 0) {
        xgrow((void **)&r->queue, &r->capqueue, n, sizeof *r->queue);
        for (size_t i = 0; i < n; i++)
            r->queue[i] = (question){i, false};
        r->nqueue = n;
    }
    r->state = n > 0 ? ROUND_ASKING : ROUND_DONE;
    return r;
}

void round_free(round_play *r)
{
    if (!r)
        return;
    free(r->queue);
    free(r->answers);
    free(r->missed);
    free(r);
}

round_state round_get_state(const round_play *r)
{
    return r->state;
}

const item *round_current(const round_play *r)
{
    return r->state == ROUND_DONE ? NULL : &r->items[r->queue[r->pos].item];
}

size_t round_current_index(const round_play *r)
{
    return r->state == ROUND_DONE ? SIZE_MAX : r->queue[r->pos].item;
}

size_t round_number(const round_play *r)
{
    return r->state == ROUND_DONE ? r->nqueue : r->pos + 1;
}

size_t round_planned(const round_play *r)
{
    return r->nqueue;
}

/* round(half * (1 - ms / limit)) for ms <= limit, halves rounded up. */
static int time_bonus(int half, uint32_t ms, uint32_t limit)
{
    uint64_t num = (uint64_t)half * (uint64_t)(limit - ms); /* < 2^31 * 2^32 */
    return (int)((2 * num + limit) / (2 * (uint64_t)limit));
}

static int streak_bonus(const round_options *o, int streak)
{
    long long b = (long long)o->streak_step * (streak - 1);
    if (b > o->streak_max)
        b = o->streak_max;
    return b > 0 ? (int)b : 0;
}

/* Puts a repeat of the current item REQUEUE_GAP questions later, or last. */
static void requeue(round_play *r, size_t which)
{
    size_t at = r->pos + REQUEUE_GAP;
    if (at > r->nqueue)
        at = r->nqueue;
    xgrow((void **)&r->queue, &r->capqueue, r->nqueue + 1, sizeof *r->queue);
    memmove(&r->queue[at + 1], &r->queue[at], (r->nqueue - at) * sizeof *r->queue);
    r->queue[at] = (question){which, true};
    r->nqueue++;
}

void round_score_answer(const round_options *o, bool correct, uint32_t ms, int streak_before,
                        int score_before, round_answer_info *a)
{
    a->correct = correct;
    a->ms = o->time_limit_ms > 0 && ms > o->time_limit_ms ? o->time_limit_ms : ms;
    a->base = a->time_bonus = a->streak_bonus = a->penalty = 0;
    if (correct) {
        bool timed = o->time_bonus && o->time_limit_ms > 0;
        int half = o->base_points / 2;
        a->base = timed ? o->base_points - half : o->base_points;
        a->time_bonus = timed ? time_bonus(half, a->ms, o->time_limit_ms) : 0;
        a->streak = streak_before + 1;
        a->streak_bonus = o->streak_bonus ? streak_bonus(o, a->streak) : 0;
        a->points = a->base + a->time_bonus + a->streak_bonus;
    } else {
        a->streak = 0;
        a->penalty = o->wrong_penalty < score_before ? o->wrong_penalty : score_before;
        a->points = -a->penalty;
    }
}

/* Fills the points of a first-asked question and applies them. */
static void score_first(round_play *r, round_answer_info *a)
{
    round_score_answer(&r->opt, a->correct, a->ms, r->streak, r->score, a);
    r->streak = a->streak;
    if (a->correct) {
        if (r->streak > r->best_streak)
            r->best_streak = r->streak;
        r->right++;
    } else {
        xgrow((void **)&r->missed, &r->capmissed, r->nmissed + 1, sizeof *r->missed);
        r->missed[r->nmissed++] = a->item;
    }
    r->score += a->points;
}

int round_answer(round_play *r, int choice, uint32_t ms, round_answer_info *info)
{
    if (r->state != ROUND_ASKING)
        return -1;
    const question *q = &r->queue[r->pos];
    const item *it = &r->items[q->item];
    if (choice != ROUND_TIMEOUT && (choice < 0 || (size_t)choice >= it->nchoices))
        return -1;

    round_answer_info a = {0};
    a.item = q->item;
    a.chosen = choice;
    a.correct = choice != ROUND_TIMEOUT && (size_t)choice == it->answer;
    a.ms = r->opt.time_limit_ms > 0 && ms > r->opt.time_limit_ms ? r->opt.time_limit_ms : ms;
    a.repeat = q->repeat;
    if (!a.repeat)
        score_first(r, &a);
    a.streak = r->streak;
    if (!a.correct && r->opt.practice)
        requeue(r, a.item); /* may move the queue: q is not used after this */

    r->total_ms += a.ms;
    xgrow((void **)&r->answers, &r->capanswers, r->nanswers + 1, sizeof *r->answers);
    r->answers[r->nanswers++] = a;
    r->state = ROUND_FEEDBACK;
    if (info)
        *info = a;
    return 0;
}

void round_next(round_play *r)
{
    if (r->state != ROUND_FEEDBACK)
        return;
    r->pos++;
    r->state = r->pos < r->nqueue ? ROUND_ASKING : ROUND_DONE;
}

int round_score(const round_play *r)
{
    return r->score;
}

size_t round_right(const round_play *r)
{
    return r->right;
}

size_t round_asked(const round_play *r)
{
    return r->nanswers;
}

int round_best_streak(const round_play *r)
{
    return r->best_streak;
}

uint64_t round_total_ms(const round_play *r)
{
    return r->total_ms;
}

const round_answer_info *round_answers(const round_play *r, size_t *n)
{
    *n = r->nanswers;
    return r->answers;
}

size_t round_missed(const round_play *r, size_t *idx, size_t max)
{
    for (size_t i = 0; i < r->nmissed && i < max; i++)
        idx[i] = r->missed[i];
    return r->nmissed;
}
