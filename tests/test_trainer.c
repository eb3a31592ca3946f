/* test_trainer.c - the Leitner boxes exactly as trainer.h states them.
 *
 * Fixed times only: no clock is read here, nor in trainer.c.
 */
#include "trainer.h"

#include "harness.h"

#define T0 1795774502LL /* 2026-11-27T10:15:02 UTC */
#define HOUR 3600LL
#define DAY 86400LL
#define SLACK (4 * HOUR)

static const trainer_card fresh = {0, 0};

static void test_wait(void)
{
    /* box 1 at once, then 1, 3, 7, 21 days, each less four hours */
    INT_EQ(trainer_wait(1), 0, "box 1 is due at once");
    INT_EQ(trainer_wait(2), 1 * DAY - SLACK, "box 2");
    INT_EQ(trainer_wait(3), 3 * DAY - SLACK, "box 3");
    INT_EQ(trainer_wait(4), 7 * DAY - SLACK, "box 4");
    INT_EQ(trainer_wait(5), 21 * DAY - SLACK, "box 5");
    INT_EQ(trainer_wait(0), 0, "no box 0 wait");
    INT_EQ(trainer_wait(6), 0, "no box 6");
    INT_EQ(trainer_wait(-1), 0, "no negative box");
}

static void test_new(void)
{
    trainer_card c = trainer_answer(fresh, false, T0);
    INT_EQ(c.box, 1, "a new item answered wrong goes to box 1");
    INT_EQ(c.due, T0, "box 1 is due at once");
    OK(trainer_due(c, T0), "due at the very time it was missed");
    OK(!trainer_mastered(c), "box 1 is not mastered");

    c = trainer_answer(fresh, true, T0);
    INT_EQ(c.box, 2, "a new item answered right skips box 1");
    INT_EQ(c.due, T0 + DAY - SLACK, "box 2 is due a day less four hours later");
    OK(!trainer_due(c, T0), "not due at once");
    OK(!trainer_due(c, T0 + DAY - SLACK - 1), "not due a second early");
    OK(trainer_due(c, T0 + DAY - SLACK), "due on the dot");
    /* the student who played at 10:15 finds it due at 08:00 the next morning */
    OK(trainer_due(c, T0 + 22 * HOUR), "due the next morning");

    OK(!trainer_due(fresh, T0), "a new card is never 'due'");
    OK(!trainer_mastered(fresh), "a new card is not mastered");
}

static void test_up_the_boxes(void)
{
    trainer_card c = trainer_answer(fresh, true, T0); /* box 2 */
    int64_t t = c.due;
    for (int box = 3; box <= TRAINER_BOXES; box++) {
        c = trainer_answer(c, true, t);
        INT_EQ(c.box, box, "a due item answered right moves up one box");
        INT_EQ(c.due, t + trainer_wait(box), "and waits its new box's time (box %d)", box);
        t = c.due + 5 * HOUR; /* answered a little late: still due */
    }
    OK(trainer_mastered(c), "box 5 is mastered");
    INT_EQ(c.box, 5, "box 5 reached");
    INT_EQ(trainer_wait(5), 21 * DAY - SLACK, "three weeks less four hours");

    /* box 5, due, right: stays mastered, waits three weeks again */
    c = trainer_answer(c, true, t);
    INT_EQ(c.box, 5, "box 5 answered right stays in box 5");
    INT_EQ(c.due, t + 21 * DAY - SLACK, "and is due three weeks later");
    OK(trainer_mastered(c), "still mastered");

    /* box 5 early right: nothing changes */
    trainer_card early = trainer_answer(c, true, t + HOUR);
    INT_EQ(early.box, 5, "early right in box 5 keeps the box");
    INT_EQ(early.due, c.due, "early right in box 5 keeps the date");

    /* box 5, wrong: back to box 1, due at once */
    trainer_card back = trainer_answer(c, false, t + 2 * DAY);
    INT_EQ(back.box, 1, "a wrong answer sends a mastered item back to box 1");
    INT_EQ(back.due, t + 2 * DAY, "due at once");
    OK(!trainer_mastered(back), "no longer mastered");
}

static void test_early(void)
{
    trainer_card c = trainer_answer(fresh, true, T0); /* box 2, due T0 + 20 h */
    /* the same item twice in one day: cramming does not count */
    trainer_card again = trainer_answer(c, true, T0 + HOUR);
    INT_EQ(again.box, 2, "early right keeps the box");
    INT_EQ(again.due, c.due, "early right keeps the date");
    again = trainer_answer(c, true, c.due - 1);
    INT_EQ(again.box, 2, "a second early still keeps the box");
    INT_EQ(again.due, c.due, "and the date");
    again = trainer_answer(c, true, c.due);
    INT_EQ(again.box, 3, "right on the dot moves up");

    /* box 3 waiting: early right changes nothing */
    trainer_card b3 = {3, T0 + 3 * DAY};
    trainer_card e3 = trainer_answer(b3, true, T0);
    INT_EQ(e3.box, 3, "box 3 early right keeps the box");
    INT_EQ(e3.due, T0 + 3 * DAY, "box 3 early right keeps the date");

    /* a wrong answer sends any item back, due or not */
    trainer_card w = trainer_answer(b3, false, T0);
    INT_EQ(w.box, 1, "early wrong still goes to box 1");
    INT_EQ(w.due, T0, "due at once");
    trainer_card w4 = trainer_answer((trainer_card){4, T0 - DAY}, false, T0);
    INT_EQ(w4.box, 1, "due wrong in box 4 goes to box 1");
    INT_EQ(w4.due, T0, "due at once");

    /* box 1 is due at once: right in the next round moves it to box 2 */
    trainer_card b1 = trainer_answer(fresh, false, T0);
    trainer_card up = trainer_answer(b1, true, T0 + 60);
    INT_EQ(up.box, 2, "box 1 right in the next round moves up");
    INT_EQ(up.due, T0 + 60 + DAY - SLACK, "to box 2's wait");
    /* wrong twice: still box 1 */
    trainer_card w2 = trainer_answer(b1, false, T0 + 60);
    INT_EQ(w2.box, 1, "wrong in box 1 stays in box 1");
    INT_EQ(w2.due, T0 + 60, "due at once");
}

static void test_tier(void)
{
    INT_EQ(trainer_tier(fresh, T0), TRAINER_TIER_NEW, "never answered: new");
    trainer_card c = {2, T0 + 100};
    INT_EQ(trainer_tier(c, T0 + 100), TRAINER_TIER_DUE, "due on the dot");
    INT_EQ(trainer_tier(c, T0 + 99), TRAINER_TIER_WAITING, "a second before: waiting");
    INT_EQ(trainer_tier(c, T0 + 5 * DAY), TRAINER_TIER_DUE, "long overdue: due");
    trainer_card b1 = trainer_answer(fresh, false, T0);
    INT_EQ(trainer_tier(b1, T0), TRAINER_TIER_DUE, "a missed item is due at once");
    trainer_card m = {5, T0 + DAY};
    INT_EQ(trainer_tier(m, T0), TRAINER_TIER_WAITING, "mastered and waiting");
    INT_EQ(trainer_tier(m, T0 + DAY), TRAINER_TIER_DUE, "mastered and due");
    OK(TRAINER_TIER_DUE < TRAINER_TIER_NEW && TRAINER_TIER_NEW < TRAINER_TIER_WAITING,
       "dealing order: due, new, waiting");
}

static void test_count(void)
{
    const int64_t now = T0;
    trainer_progress p = {0, 0, 0, 0, 0};
    trainer_count(&p, fresh, now);                             /* new */
    trainer_count(&p, (trainer_card){1, now}, now);            /* due now, on the dot */
    trainer_count(&p, (trainer_card){2, now - DAY}, now);      /* overdue: due now */
    trainer_count(&p, (trainer_card){2, now + 1}, now);        /* a second away: tomorrow */
    trainer_count(&p, (trainer_card){3, now + DAY - 1}, now);  /* last second of the day */
    trainer_count(&p, (trainer_card){3, now + DAY + 1}, now);  /* beyond the next day */
    trainer_count(&p, (trainer_card){4, now + 3 * DAY}, now);  /* waiting */
    trainer_count(&p, (trainer_card){5, now + 10 * DAY}, now); /* mastered, waiting */
    trainer_count(&p, (trainer_card){5, now - 1}, now);        /* mastered and due */
    trainer_count(&p, (trainer_card){5, now + 2 * HOUR}, now); /* mastered, due tomorrow */
    INT_EQ(p.items, 10, "every item counted, new ones too");
    INT_EQ(p.seen, 9, "all but the new one seen");
    INT_EQ(p.mastered, 3, "box 5 cards mastered");
    INT_EQ(p.due_now, 3, "due now: on the dot, overdue, mastered overdue");
    INT_EQ(p.due_tomorrow, 3, "due within the next day and not now");

    /* a new card is neither due now nor tomorrow */
    trainer_progress q = {0, 0, 0, 0, 0};
    trainer_count(&q, fresh, now);
    INT_EQ(q.items, 1, "one item");
    INT_EQ(q.seen + q.mastered + q.due_now + q.due_tomorrow, 0, "a new card counts nowhere else");

    /* the same card, a second apart: tomorrow, then now */
    trainer_progress r = {0, 0, 0, 0, 0};
    trainer_card c = trainer_answer(fresh, true, now); /* due now + 20 h */
    trainer_count(&r, c, c.due - 1);
    INT_EQ(r.due_tomorrow, 1, "a second before it is due: tomorrow");
    INT_EQ(r.due_now, 0, "not now");
    trainer_count(&r, c, c.due);
    INT_EQ(r.due_now, 1, "on the dot: now");
    INT_EQ(r.due_tomorrow, 1, "and not tomorrow as well");
    /* counting a day ahead of the answer: nothing due tomorrow yet */
    trainer_progress s = {0, 0, 0, 0, 0};
    trainer_count(&s, (trainer_card){4, now + 7 * DAY - SLACK}, now);
    INT_EQ(s.due_now + s.due_tomorrow, 0, "a week off: neither");
}

int main(void)
{
    test_wait();
    test_new();
    test_up_the_boxes();
    test_early();
    test_tier();
    test_count();
    return test_summary();
}
