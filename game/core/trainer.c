/* trainer.c - Leitner boxes (trainer.h says the rules). */
#include "trainer.h"

#define DAY 86400
#define SLACK (4 * 3600)

int64_t trainer_wait(int box)
{
    static const int days[TRAINER_BOXES + 1] = {0, 0, 1, 3, 7, 21};
    if (box < 1 || box > TRAINER_BOXES)
        return 0;
    return days[box] ? (int64_t)days[box] * DAY - SLACK : 0;
}

bool trainer_due(trainer_card c, int64_t now)
{
    return c.box >= 1 && now >= c.due;
}

bool trainer_mastered(trainer_card c)
{
    return c.box >= TRAINER_BOXES;
}

trainer_card trainer_answer(trainer_card c, bool correct, int64_t now)
{
    if (!correct) {
        c.box = 1;
    } else if (c.box == 0) {
        c.box = 2; /* known at first sight: skips the box of the missed ones */
    } else if (trainer_due(c, now)) {
        if (c.box < TRAINER_BOXES)
            c.box++;
    } else {
        return c; /* early: no credit, no change */
    }
    c.due = now + trainer_wait(c.box);
    return c;
}

int trainer_tier(trainer_card c, int64_t now)
{
    if (c.box == 0)
        return TRAINER_TIER_NEW;
    return trainer_due(c, now) ? TRAINER_TIER_DUE : TRAINER_TIER_WAITING;
}

void trainer_count(trainer_progress *p, trainer_card c, int64_t now)
{
    p->items++;
    if (c.box == 0)
        return;
    p->seen++;
    if (trainer_mastered(c))
        p->mastered++;
    if (trainer_due(c, now))
        p->due_now++;
    else if (c.due < now + DAY)
        p->due_tomorrow++;
}
