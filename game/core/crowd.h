/* crowd.h - everyone plays from their phone: the players, the phases and the
 * scoring of a game for up to [network] max_players. No SDL, no clock, no
 * network, no random source: the caller passes the time (ms on one steady
 * clock) and each new player's token, so every rule is unit-tested. The
 * server (game/net/net_server.h) keeps a crowd under its mutex.
 *
 * Phases: LOBBY (players join) -> ASKING (answers come in) -> REVEAL (the
 *   right answer, each player's points, the ranks) -> ASKING ... -> DONE.
 *   The host starts (crowd_start), moves on (crowd_next) and may end at
 *   once (crowd_end). ASKING turns to REVEAL when time is up (crowd_tick)
 *   or when every connected player still in the game has answered.
 * Players: a name (cleaned by crowd_clean_name; two players never share
 *   one), a token (32 hex digits, the caller's random), connected or
 *   reconnecting since a time (their seat, name and score stay: the token
 *   brings them back, crowd_resume), removed by the host (the token stops
 *   working until crowd_readmit).
 * Answers: one per player per question; a second one is not counted (the
 *   first one's choice is given back); an answer after time, for another
 *   question, or outside ASKING is refused. Each answer is scored by the
 *   round rules (round.h: round_score_answer), each player with their own
 *   streak; a player who did not answer scores a timeout (streak ends,
 *   wrong_penalty taken) but no line in the log.
 * Ranks: 1 + the players with more points (equal scores share a place),
 *   removed players not ranked.
 *
 * Ownership: crowd_new() borrows the items (they must outlive the crowd)
 * and copies the options; crowd_free() frees it all. Not thread-safe: one
 * caller at a time (the server's mutex).
 */
#ifndef QUIZMILL_CROWD_H
#define QUIZMILL_CROWD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "item.h"
#include "round.h"

#define CROWD_NAME_CHARS 24 /* characters of a name, at most */
#define CROWD_NAME_MAX (CROWD_NAME_CHARS * 4) /* its bytes, at most */
#define CROWD_TOKEN_HEX 32  /* a token: 128 bits as lowercase hex */
#define CROWD_GRACE_MS 120000 /* a lost player shows "reconnecting" this long */

typedef enum crowd_phase { CROWD_LOBBY, CROWD_ASKING, CROWD_REVEAL, CROWD_DONE } crowd_phase;

typedef enum crowd_err {
    CROWD_OK = 0,
    CROWD_ERR_NAME,    /* empty after cleaning, or taken */
    CROWD_ERR_FULL,    /* max_players joined */
    CROWD_ERR_BANNED,  /* the host removed this player */
    CROWD_ERR_TOKEN,   /* no player has this token */
    CROWD_ERR_CLOSED,  /* the game is over: no one joins */
    CROWD_ERR_LATE,    /* an answer after time or for a question gone by */
    CROWD_ERR_NOT_PLAYING /* no question is asked, a choice out of range */
} crowd_err;

typedef struct crowd_options {
    size_t max_players;    /* 1.. */
    round_options scoring; /* time_limit_ms: time to answer; practice ignored */
} crowd_options;

typedef struct crowd_player {
    char name[CROWD_NAME_MAX + 1];
    char token[CROWD_TOKEN_HEX + 1];
    bool connected;
    uint64_t away_since;  /* when the connection was lost (valid when !connected) */
    bool removed;
    int score, streak, best_streak;
    size_t right, answered;
    int rank;             /* after each reveal: 1 + players with more points */
    /* the current question: the choice counted (-1: none) and its ms */
    int choice;
    uint32_t ms;
    /* the last revealed question: valid when has_last */
    bool has_last;
    round_answer_info last; /* chosen ROUND_TIMEOUT when the player did not answer */
} crowd_player;

/* One line of the answer log (for the results database). */
typedef struct crowd_event {
    size_t player;
    size_t item;            /* index into the items */
    round_answer_info info; /* choice, ms, correct, points */
} crowd_event;

typedef struct crowd crowd;

/* A crowd in the lobby over items[0..n) (borrowed). Never NULL (allocation
 * dies); max_players 0 counts as 1. */
crowd *crowd_new(const item *items, size_t n, const crowd_options *opt);
void crowd_free(crowd *c);

/* A name as players see it: trimmed of spaces, control characters removed
 * (C0, DEL, C1, line and paragraph separators), at most CROWD_NAME_CHARS
 * characters, into out (CROWD_NAME_MAX + 1 bytes). Returns false when the
 * input is not UTF-8 or nothing is left. */
bool crowd_clean_name(const char *in, char *out);

/* A new player (name cleaned here) with token (32 hex digits, unique: the
 * caller's random); *player gets its number. Joining is open in the lobby
 * and during play (a latecomer starts at 0), closed when DONE. */
crowd_err crowd_join(crowd *c, const char *name, const char *token, uint64_t now,
                     size_t *player);
/* The player of a token, connected again. */
crowd_err crowd_resume(crowd *c, const char *token, size_t *player);
/* The player's connection was lost at now (resume brings them back). */
void crowd_disconnect(crowd *c, size_t player, uint64_t now);

/* The host: from the lobby to question 1 at now; the next question (from
 * REVEAL; after the last, DONE); the end at once (DONE, the question asked
 * is revealed first so its answers count). No effect in other phases. */
void crowd_start(crowd *c, uint64_t now);
void crowd_next(crowd *c, uint64_t now);
void crowd_end(crowd *c);
/* The host closes the question now: ASKING reveals. */
void crowd_reveal(crowd *c);
/* Time is up: ASKING reveals. Returns the ms until it would (-1: never). */
int64_t crowd_tick(crowd *c, uint64_t now);
/* The host removes a player (their answers stay in the log; their token
 * stops working; they leave the ranking) or lets them back. */
void crowd_remove(crowd *c, size_t player);
void crowd_readmit(crowd *c, size_t player);

/* A player answers question q (1-based) with choice at now. CROWD_OK when
 * counted now or before (*counted gets the choice that counts: the first
 * one), else CROWD_ERR_LATE or CROWD_ERR_NOT_PLAYING (also for a removed
 * player or a choice out of range). */
crowd_err crowd_answer(crowd *c, size_t player, size_t q, int choice, uint64_t now,
                       int *counted);

crowd_phase crowd_get_phase(const crowd *c);
const item *crowd_current(const crowd *c); /* NULL in the lobby and when DONE */
size_t crowd_number(const crowd *c);       /* 1-based question number, 0 in the lobby */
size_t crowd_total(const crowd *c);
uint32_t crowd_limit_ms(const crowd *c);
/* Ms left to answer at now (0 outside ASKING; the limit itself without one). */
uint32_t crowd_ms_left(const crowd *c, uint64_t now);

size_t crowd_players(const crowd *c);       /* every player who ever joined */
size_t crowd_active(const crowd *c);        /* not removed */
size_t crowd_connected(const crowd *c);     /* connected and not removed */
const crowd_player *crowd_player_get(const crowd *c, size_t player); /* NULL out of range */
/* The current question: how many answered, and per choice (counts[0..n)). */
size_t crowd_answered(const crowd *c);
void crowd_counts(const crowd *c, size_t *counts, size_t n);
/* The best players by score (ties: the one who joined first), not removed:
 * fills order[0..max), returns how many. */
size_t crowd_top(const crowd *c, size_t *order, size_t max);
/* The players ranked (not removed): the N of "rank R of N". */
size_t crowd_ranked(const crowd *c);
/* A counter that grows whenever something a screen or a phone shows
 * changes (joins, answers, phases, removals). */
uint64_t crowd_version(const crowd *c);
/* A counter that grows with each phase change (every phone is told). */
uint64_t crowd_phase_version(const crowd *c);

/* The answer log, in order (valid until the next crowd call that changes c). */
const crowd_event *crowd_events(const crowd *c, size_t *n);

#endif
