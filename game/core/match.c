/* match.c - the team and buzzer modes' state machine. Start reading at
 * match_answer(). */
#include "match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct match {
    const item *items;
    size_t n;
    match_options opt;
    size_t np;
    match_player players[MATCH_MAX_PLAYERS];
    size_t pos;
    match_phase phase;
    /* the current question */
    bool answered[MATCH_MAX_PLAYERS];
    round_answer_info pending[MATCH_MAX_PLAYERS]; /* teams: hidden answers */
    bool has_result[MATCH_MAX_PLAYERS];
    round_answer_info result[MATCH_MAX_PLAYERS];
    int buzzed;
    bool locked[MATCH_MAX_PLAYERS];
    match_event *events;
    size_t nevents, capevents;
};

static void log_event(match *m, match_event_kind kind, int player, const round_answer_info *info)
{
    xgrow((void **)&m->events, &m->capevents, m->nevents + 1, sizeof *m->events);
    match_event *e = &m->events[m->nevents++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->player = player;
    e->item = m->pos < m->n ? m->pos : m->n ? m->n - 1 : 0;
    if (info)
        e->info = *info;
}

static void reset_question(match *m)
{
    memset(m->answered, 0, sizeof m->answered);
    memset(m->has_result, 0, sizeof m->has_result);
    memset(m->locked, 0, sizeof m->locked);
    m->buzzed = -1;
    m->phase = m->pos < m->n ? MATCH_ASKING : MATCH_DONE;
}

match *match_new(const item *items, size_t n, const match_options *opt,
                 const char *const *names)
{
    match *m = xcalloc(1, sizeof *m);
    m->items = items;
    m->n = n;
    m->opt = *opt;
    if (opt->mode == MATCH_BUZZER) /* the time to answer runs from the buzz */
        m->opt.scoring.time_limit_ms = opt->answer_ms;
    m->np = opt->nplayers < 2 ? 2 : opt->nplayers > MATCH_MAX_PLAYERS ? MATCH_MAX_PLAYERS
                                                                       : opt->nplayers;
    m->opt.nplayers = m->np;
    for (size_t i = 0; i < m->np; i++) {
        if (names && names[i] && names[i][0])
            snprintf(m->players[i].name, sizeof m->players[i].name, "%s", names[i]);
        else
            snprintf(m->players[i].name, sizeof m->players[i].name, "Team %d", (int)i + 1);
    }
    reset_question(m);
    return m;
}

void match_free(match *m)
{
    if (!m)
        return;
    free(m->events);
    free(m);
}

match_phase match_get_phase(const match *m)
{
    return m->phase;
}

const item *match_current(const match *m)
{
    return m->phase == MATCH_DONE ? NULL : &m->items[m->pos];
}

size_t match_number(const match *m)
{
    return m->pos < m->n ? m->pos + 1 : m->n;
}

size_t match_total(const match *m)
{
    return m->n;
}

size_t match_players(const match *m)
{
    return m->np;
}

const match_player *match_player_get(const match *m, size_t player)
{
    return player < m->np ? &m->players[player] : NULL;
}

bool match_has_answered(const match *m, size_t player)
{
    return player < m->np && m->answered[player];
}

bool match_result(const match *m, size_t player, round_answer_info *out)
{
    if (player >= m->np || !m->has_result[player])
        return false;
    if (out)
        *out = m->result[player];
    return true;
}

int match_buzzed(const match *m)
{
    return m->buzzed;
}

bool match_locked(const match *m, size_t player)
{
    return player < m->np && m->locked[player];
}

/* Scores one player's answer (or timeout) by the round rules, applies and
 * logs it. */
static void score(match *m, size_t player, int choice, uint32_t ms)
{
    const item *it = &m->items[m->pos];
    match_player *p = &m->players[player];
    round_answer_info a = {0};
    a.item = m->pos;
    a.chosen = choice;
    bool correct = choice != ROUND_TIMEOUT && (size_t)choice == it->answer;
    round_score_answer(&m->opt.scoring, correct, ms, p->streak, p->score, &a);
    p->score += a.points;
    p->earned += a.points;
    p->streak = a.streak;
    if (p->streak > p->best_streak)
        p->best_streak = p->streak;
    p->right += correct;
    p->answered++;
    m->has_result[player] = true;
    m->result[player] = a;
    log_event(m, MATCH_EV_ANSWER, (int)player, &a);
}

static void reveal_teams(match *m)
{
    for (size_t i = 0; i < m->np; i++) {
        if (m->answered[i])
            score(m, i, m->pending[i].chosen, m->pending[i].ms);
        else
            score(m, i, ROUND_TIMEOUT, m->opt.scoring.time_limit_ms);
    }
    m->phase = MATCH_REVEAL;
}

static bool all_locked(const match *m)
{
    for (size_t i = 0; i < m->np; i++)
        if (!m->locked[i])
            return false;
    return true;
}

/* buzzer: the player who buzzed got it wrong (or ran out of time). */
static void lock_out(match *m, size_t player, int choice, uint32_t ms)
{
    score(m, player, choice, ms);
    m->locked[player] = true;
    m->buzzed = -1;
    m->phase = all_locked(m) ? MATCH_REVEAL : MATCH_ASKING;
}

int match_answer(match *m, size_t player, int choice, uint32_t ms)
{
    if (player >= m->np || m->phase == MATCH_DONE || m->phase == MATCH_REVEAL)
        return -1;
    const item *it = &m->items[m->pos];
    if (choice < 0 || (size_t)choice >= it->nchoices)
        return -1;
    if (m->opt.mode == MATCH_TEAMS) {
        if (m->phase != MATCH_ASKING || m->answered[player])
            return -1;
        m->answered[player] = true;
        m->pending[player] = (round_answer_info){.item = m->pos, .chosen = choice, .ms = ms};
        for (size_t i = 0; i < m->np; i++)
            if (!m->answered[i])
                return 0;
        reveal_teams(m);
        return 0;
    }
    if (m->phase != MATCH_ANSWERING || (int)player != m->buzzed)
        return -1;
    m->answered[player] = true;
    if ((size_t)choice == it->answer) {
        score(m, player, choice, ms);
        m->buzzed = -1;
        m->phase = MATCH_REVEAL;
    } else {
        lock_out(m, player, choice, ms);
    }
    return 0;
}

int match_buzz(match *m, size_t player)
{
    if (m->opt.mode != MATCH_BUZZER || m->phase != MATCH_ASKING || player >= m->np ||
        m->locked[player])
        return -1;
    m->buzzed = (int)player;
    m->phase = MATCH_ANSWERING;
    return 0;
}

void match_timeout(match *m)
{
    if (m->phase == MATCH_ASKING) {
        if (m->opt.mode == MATCH_TEAMS)
            reveal_teams(m);
        else
            m->phase = MATCH_REVEAL; /* nobody buzzed in time */
    } else if (m->phase == MATCH_ANSWERING && m->buzzed >= 0) {
        lock_out(m, (size_t)m->buzzed, ROUND_TIMEOUT, m->opt.answer_ms);
    }
}

void match_next(match *m)
{
    if (m->phase != MATCH_REVEAL)
        return;
    m->pos++;
    reset_question(m);
}

void match_skip(match *m)
{
    if (m->phase == MATCH_DONE)
        return;
    log_event(m, MATCH_EV_SKIP, -1, NULL);
    m->pos++;
    reset_question(m);
}

void match_replay(match *m)
{
    if (m->phase == MATCH_DONE)
        return;
    log_event(m, MATCH_EV_REPLAY, -1, NULL);
    reset_question(m);
}

int match_points(match *m, size_t player, int delta)
{
    if (player >= m->np)
        return 0;
    match_player *p = &m->players[player];
    if (delta < 0 && -delta > p->score)
        delta = -p->score;
    p->score += delta;
    p->awarded += delta;
    round_answer_info a = {0};
    a.item = m->pos;
    a.chosen = ROUND_TIMEOUT;
    a.points = delta;
    log_event(m, MATCH_EV_POINTS, (int)player, &a);
    return delta;
}

void match_pause(match *m)
{
    if (m->phase != MATCH_DONE)
        log_event(m, MATCH_EV_PAUSE, -1, NULL);
}

void match_end(match *m)
{
    if (m->phase == MATCH_DONE)
        return;
    log_event(m, MATCH_EV_END, -1, NULL);
    m->phase = MATCH_DONE;
}

const match_event *match_events(const match *m, size_t *n)
{
    *n = m->nevents;
    return m->events;
}

void match_ranking(const match *m, size_t *order)
{
    for (size_t i = 0; i < m->np; i++)
        order[i] = i;
    /* insertion sort: four players at the most */
    for (size_t i = 1; i < m->np; i++) {
        size_t k = order[i], j = i;
        while (j > 0) {
            const match_player *a = &m->players[k], *b = &m->players[order[j - 1]];
            bool before = a->score > b->score || (a->score == b->score && a->right > b->right);
            if (!before)
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
}

int match_place(const match *m, size_t player)
{
    if (player >= m->np)
        return 0;
    int place = 1;
    for (size_t i = 0; i < m->np; i++)
        place += m->players[i].score > m->players[player].score;
    return place;
}
