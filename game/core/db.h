/* db.h - the store of record: every round, answer, high score and trainer
 * schedule in one SQLite database, quizmill.db, in the data folder.
 *
 * Any number of games (and quizmill-gen) may use one database at once: it
 * runs in WAL mode (readers never wait for a writer) and a write waits for
 * another game's in short steps, up to DB_BUSY_MS.
 *
 * Writing never makes the caller wait: db_answer_add() and the others copy
 * the write into a queue and return; a writer thread with its own
 * connection commits everything queued in one IMMEDIATE transaction with
 * synchronous=FULL, within milliseconds, so a crash or power cut loses at
 * most the answers of the last moment. A write that fails (a full disk, a
 * lock held past DB_BUSY_MS) goes back to the front of the queue, in order,
 * and is tried again every second and whenever db_flush() asks; calls report
 * the failure while it lasts. Nothing queued is dropped until db_close(),
 * which makes one last attempt and returns what it could not save.
 *
 * Answers are keyed by round and their place in the round, so a retried
 * write never doubles a row.
 *
 * The schema carries its version in PRAGMA user_version; db_open() runs the
 * migrations from the file's version up to DB_SCHEMA, each in one
 * transaction, and refuses a file made by a newer Quizmill. The tables:
 *   players(name, first_seen, last_seen)
 *   items(article, item, difficulty, topic, kind, prompt, choices, answer,
 *         source): each item as it was last asked; choices joined by LF
 *   rounds(code, mode, difficulty, article, started)
 *   answers(id, key, round, player, article, item, difficulty, topic,
 *           chosen, right, correct, ms, points, at): one row per answer, at
 *           in unix milliseconds when it was given; host actions in a team
 *           match are rows whose chosen is "host: skip" and so on
 *   standings(round, player, difficulty, score, right, total, at): the
 *           scores that entered the high-score table (a query over it)
 *   schedule(player, article, item, box, due): trainer.h's Leitner boxes
 *   imports(path, at, rows): the files imported once
 *
 * Ownership: a db owns its connection and queue; strings passed in are
 * copied. Failure: functions that can fail return 0 or -1 with *err a
 * malloc'd one-line message "path: what failed: why" (free it; err may be
 * NULL).
 */
#ifndef QUIZMILL_DB_H
#define QUIZMILL_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "item.h"
#include "store.h"
#include "trainer.h"

#define DB_FILE "quizmill.db"
#define DB_SCHEMA 1
/* The busy timeout: how long a write waits for another game's (ms). */
#define DB_BUSY_MS 10000

typedef struct db db;

/* Opens (creating and migrating) the database at path and starts its
 * writer thread. */
int db_open(const char *path, db **out, char **err);
/* Opens an existing database only to read it (quizmill-gen --report). */
int db_open_read(const char *path, db **out, char **err);
/* Commits what is queued (one last try), finishes an export asked for,
 * stops the writer and closes. Returns the number of writes that could not
 * be saved (0 normally) with *err saying why; when all were saved but the
 * last export failed, returns 0 with *err saying that. */
size_t db_close(db *d, char **err);
const char *db_path(const db *d);
/* The user's data folder: $XDG_DATA_HOME/quizmill, else
 * ~/.local/share/quizmill (as SDL's pref path on Linux); NULL when neither
 * variable is set. Malloc'd. */
char *db_default_folder(void);
/* Does the file start with SQLite's magic? (false when it cannot be read) */
bool db_is_database(const char *path);

/* A round as it starts. */
typedef struct db_round {
    const char *code; /* unique: "20261127-101502-3f2a" */
    const char *mode; /* "solo", "teams" or "buzzer" */
    item_difficulty difficulty;
    const char *article; /* the article's key (its title) */
    int64_t started;     /* unix ms */
} db_round;

/* One answer (or host action) as it is given. */
typedef struct db_answer {
    const char *round;  /* the round's code */
    size_t seq;         /* its place among the round's answers, from 0 */
    const char *player; /* the student ("" until a solo player names
                         * themself, see db_rename()), a team, or "host" */
    const char *article;
    const item *item; /* as shown: its choices in the order on screen */
    item_difficulty difficulty;
    const char *chosen; /* the chosen text; "" on time-out */
    bool correct;
    uint32_t ms;
    int points;
    int64_t at;    /* unix ms when it was given */
    bool schedule; /* moves the player's trainer card for the item */
} db_answer;

/* A score that enters the high-score table. */
typedef struct db_standing {
    const char *round;
    const char *player;
    item_difficulty difficulty;
    int score, right, total;
    int64_t at; /* unix s */
} db_standing;

/* Each queues its write for the writer thread and returns at once: 0, or
 * -1 with *err while an earlier write is failing (every write stays queued
 * and is retried). */
int db_begin_round(db *d, const db_round *r, char **err);
int db_answer_add(db *d, const db_answer *a, char **err);
int db_standing_add(db *d, const db_standing *s, char **err);
/* Gives the answers of round that were saved under player from (a solo
 * player's "") to player to, and moves their trainer cards. */
int db_rename(db *d, const char *round, const char *from, const char *to, char **err);
/* Asks the writer to retry a failed write now, without waiting; 0, or -1
 * with *err when writes are waiting after a failure. */
int db_flush(db *d, char **err);
/* Waits up to timeout_ms until everything queued is committed (before a
 * read that must see it: the high scores after a round, the export). 0, or
 * -1 with *err saying how many writes wait and why (the last attempt
 * failed, or they are still being written). */
int db_sync(db *d, int timeout_ms, char **err);
/* Writes queued or being written. */
size_t db_pending(const db *d);
/* Calls hook(ctx, round, seq) on the writer thread for every answer once it
 * is committed (the game's trace for the crash tests; an answer handed over
 * twice is reported twice, stored once); NULL to stop. Returns once no call
 * of the old hook can follow. */
void db_on_commit(db *d, void (*hook)(void *ctx, const char *round, size_t seq), void *ctx);

/* The high-score table (store.h's shape) from the standings. */
int db_scores(db *d, store_scores *t, char **err);

/* Calls each() for every card of player in article. */
int db_cards(db *d, const char *player, const char *article,
             void (*each)(void *ctx, const char *item, trainer_card c), void *ctx, char **err);

/* One answer as read back. Strings are valid during the callback. */
typedef struct db_row {
    int64_t at; /* unix ms */
    const char *round, *player, *mode, *difficulty, *topic, *item, *chosen, *right;
    bool correct;
    uint32_t ms;
    int points;
    const char *kind, *prompt, *choices; /* from items; NULL when unknown */
} db_row;
/* Every answer, oldest first; each() returns nonzero to stop. */
int db_each_answer(db *d, int (*each)(void *ctx, const db_row *r), void *ctx, char **err);
size_t db_count_answers(db *d);

/* Writes every answer to path as the results CSV (store.h's header and
 * columns), atomically and 64 KiB at a time; text cells are neutralised
 * against spreadsheet formulas. Returns 0 or -1 with *err. */
int db_export_csv(db *d, const char *path, char **err);
/* The same, done by the writer thread once everything queued before it is
 * committed (the game after every round: a long export never holds up a
 * frame). A newer request replaces one not yet begun; db_close() finishes
 * it. */
void db_export_later(db *d, const char *path);
/* Why the last export by the writer failed (malloc'd; taking it clears it),
 * or NULL. */
char *db_export_error(db *d);

/* Imports a results CSV once (also one a spreadsheet re-saved: a BOM, ';'
 * or tab separators, quoted fields, columns added or reordered, CR line
 * ends): rows already in the database are skipped. A path imported before
 * (or written by db_export_later()) is not read again: returns 1 with
 * *rows 0. Returns 0 when imported now, or -1 with *err
 * "path:line: why" when the file is not a results file; nothing is then
 * imported. */
int db_import_results(db *d, const char *path, size_t *rows, char **err);
/* Imports a high-score file (store.h's scores.txt) once, the same way. A
 * corrupt file is set aside as store_scores_load() does, with *warning
 * (may be NULL) saying so, and counts as imported (with no rows). */
int db_import_scores(db *d, const char *path, size_t *rows, char **warning, char **err);
/* Has path been imported? */
bool db_imported(db *d, const char *path);
/* Imports, then removes, the answers that an earlier db_close() could not
 * save and kept beside the database ("quizmill.db.unsaved-*.csv"); the game
 * calls it after db_open(). A file that cannot be imported is left for the
 * next try. */
void db_import_unsaved(db *d);

/* Runs one SQL statement on the writer's connection (tests and benchmarks
 * only: page limits that make writes fail). */
int db_exec(db *d, const char *sql, char **err);

#endif
