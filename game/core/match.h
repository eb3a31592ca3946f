/* match.h - a quiz show for 2 to 4 players or teams on one screen: the
 * state machine and the scoring of the team and buzzer modes. No SDL, no
 * clock: the caller passes the time, so every rule is unit-tested.
 *
 * teams:  every player answers every question on their own device; answers
 *         stay hidden until all have answered or time is up (match_timeout);
 *         then each is scored by the round rules (round.h:
 *         round_score_answer, each player with their own streak) and the
 *         match shows the reveal and the scoreboard until match_next().
 * buzzer: the first unlocked player to buzz answers (answer_ms to do it);
 *         a right answer is scored and reveals; a wrong one (or no answer in
 *         time) locks that player out for the rest of the question and the
 *         others may buzz again; when nobody may buzz any more, or buzz_ms
 *         passes with no buzz, the question is revealed unanswered.
 *         The time bonus counts from the buzz, against answer_ms.
 * host:   skip a question, replay it, award or remove points by hand, pause,
 *         end the match; every action is logged like an answer.
 *
 * Ownership: match_new() borrows the items (they must outlive the match)
 * and copies the options; match_free() frees the match.
 */
#ifndef QUIZMILL_MATCH_H
#define QUIZMILL_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "item.h"
#include "round.h"

#define MATCH_MAX_PLAYERS 4
#define MATCH_NAME_MAX 24

typedef enum match_mode { MATCH_TEAMS, MATCH_BUZZER } match_mode;

typedef enum match_phase {
    MATCH_ASKING,    /* teams: collecting answers; buzzer: waiting for a buzz */
    MATCH_ANSWERING, /* buzzer: the player who buzzed answers */
    MATCH_REVEAL,    /* the right answer, the points and the scoreboard */
    MATCH_DONE
} match_phase;

typedef struct match_options {
    match_mode mode;
    size_t nplayers;         /* 2..MATCH_MAX_PLAYERS */
    round_options scoring;   /* time_limit_ms: teams' time to answer */
    uint32_t buzz_ms;        /* buzzer: time to buzz, 0 = none */
    uint32_t answer_ms;      /* buzzer: time to answer after a buzz, > 0 */
} match_options;

typedef struct match_player {
    char name[MATCH_NAME_MAX + 1];
    int score;   /* earned + awarded, never below 0 */
    int earned;  /* the points of the player's answers (penalties included) */
    int awarded; /* the host's points, net of what the host took away */
    int streak, best_streak;
    size_t right, answered;
} match_player;

/* One line of the match's log: an answer, or a host action. */
typedef enum match_event_kind { MATCH_EV_ANSWER, MATCH_EV_SKIP, MATCH_EV_REPLAY, MATCH_EV_POINTS,
                                MATCH_EV_PAUSE, MATCH_EV_END } match_event_kind;

typedef struct match_event {
    match_event_kind kind;
    int player;             /* -1 for skip, replay, pause, end */
    size_t item;            /* index into the items */
    round_answer_info info; /* answers: the choice, ms and points; POINTS: points */
} match_event;

typedef struct match match;

/* A new match over items[0..n) (borrowed); names may be NULL ("Team 1"...).
 * Never NULL (allocation dies); an out-of-range nplayers is clamped. */
match *match_new(const item *items, size_t n, const match_options *opt,
                 const char *const *names);
void match_free(match *m);

match_phase match_get_phase(const match *m);
const item *match_current(const match *m); /* NULL when DONE */
size_t match_number(const match *m);           /* 1-based question number */
size_t match_total(const match *m);
size_t match_players(const match *m);
const match_player *match_player_get(const match *m, size_t player);

/* teams: whether a player has answered the current question (hidden). */
bool match_has_answered(const match *m, size_t player);
/* teams, after the reveal: the player's choice (ROUND_TIMEOUT if none) and
 * points for the current question. Returns false when there is none. */
bool match_result(const match *m, size_t player, round_answer_info *out);
/* buzzer: the player answering (-1 when none) and whether one is locked out. */
int match_buzzed(const match *m);
bool match_locked(const match *m, size_t player);

/* teams: the player answers choice after ms since the question appeared.
 * buzzer: the player who buzzed answers, ms since the buzz.
 * Returns 0, or -1 when that answer is not allowed now (wrong phase, a
 * second answer, a locked or a different player, a choice out of range). */
int match_answer(match *m, size_t player, int choice, uint32_t ms);
/* buzzer: a player buzzes; returns 0 when they now answer, -1 otherwise. */
int match_buzz(match *m, size_t player);
/* Time is up for the current phase: teams reveal with the missing answers
 * as timeouts; a buzzed player who did not answer is locked out; no buzz in
 * time reveals. No effect in other phases. */
void match_timeout(match *m);
/* From the reveal to the next question, or to DONE. */
void match_next(match *m);

/* Host actions, each logged. skip: reveal nothing, no points, next question.
 * replay: ask the current question again from the start (answers of it not
 * yet revealed are forgotten; revealed points stay). points: add delta to a
 * player's score (never below 0) and to its awarded points; returns the
 * delta actually applied (0 for a player out of range). pause: only logged (the clock is the
 * caller's; nothing else changes). end: the match is DONE. */
void match_skip(match *m);
void match_replay(match *m);
int match_points(match *m, size_t player, int delta);
void match_pause(match *m);
void match_end(match *m);

/* Every event so far, in order (valid until the next call that changes m). */
const match_event *match_events(const match *m, size_t *n);
/* Players ranked by score (best first; ties: more right answers, then the
 * lower number); fills order[0..nplayers). */
void match_ranking(const match *m, size_t *order);
/* A player's place by score alone: 1 + the players with more points, so
 * equal scores share a place and the next place is skipped (974, 974, 900:
 * 1st, 1st, 3rd). 0 for a player out of range. */
int match_place(const match *m, size_t player);

#endif
