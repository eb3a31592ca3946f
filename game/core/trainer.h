/* trainer.h - the spaced-repetition schedule of one student and one item:
 * Leitner boxes.
 *
 * Every item a named student has answered sits in one of five boxes. A new
 * item (box 0, never answered) goes to box 1 when answered wrong and to
 * box 2 when answered right. A right answer moves a due item up one box; a
 * wrong answer sends any item back to box 1. Each box waits longer before
 * its items are due again: box 1 at once (the next round), box 2 one day,
 * box 3 three days, box 4 a week, box 5 three weeks. An item in box 5 is
 * mastered; a wrong answer there still sends it back. A right answer to an
 * item that is not yet due (the same item twice in one day) keeps its box
 * and its date: cramming does not count.
 *
 * Leitner and not SM-2: SM-2 (Anki) schedules from a graded recall of 0-5
 * that the learner gives; a multiple-choice answer is only right or wrong,
 * which is what Leitner's boxes take. The boxes are also easy to explain
 * to a student and a teacher ("box 3 of 5").
 *
 * Days are counted loosely: an interval of d days is d days less four hours,
 * so a student who plays each morning finds yesterday's items due.
 *
 * Everything is a pure function of the answers and their times: the store
 * keeps each student's boxes, and the report replays the answers to show
 * progress over time. No clock is read here.
 */
#ifndef QUIZMILL_TRAINER_H
#define QUIZMILL_TRAINER_H

#include <stdbool.h>
#include <stdint.h>

#define TRAINER_BOXES 5 /* box 5 is mastered */

typedef struct trainer_card {
    int box;     /* 0 = new, 1..TRAINER_BOXES */
    int64_t due; /* unix time (s) from which it is due; 0 for a new card */
} trainer_card;

/* The card after an answer given at time now. */
trainer_card trainer_answer(trainer_card c, bool correct, int64_t now);
bool trainer_due(trainer_card c, int64_t now);
bool trainer_mastered(trainer_card c);
/* Seconds a card waits in box (1..TRAINER_BOXES) after it moved there. */
int64_t trainer_wait(int box);

/* Dealing order of an item for a practice round: 0 due, 1 new, 2 neither
 * (answered and waiting). */
enum { TRAINER_TIER_DUE, TRAINER_TIER_NEW, TRAINER_TIER_WAITING, TRAINER_TIERS };
int trainer_tier(trainer_card c, int64_t now);

/* A student's progress over n items (n counts new ones): how many are
 * mastered, due now, and due within the next day (and not now). */
typedef struct trainer_progress {
    unsigned items, seen, mastered, due_now, due_tomorrow;
} trainer_progress;
void trainer_count(trainer_progress *p, trainer_card c, int64_t now);

#endif
