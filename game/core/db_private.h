/* db_private.h - what db.c and db_import.c share: the connection, the
 * queued write, the store's struct and the helpers both call. Not for any
 * other file: the rest of the program sees db.h.
 */
#ifndef QUIZMILL_DB_PRIVATE_H
#define QUIZMILL_DB_PRIVATE_H

#include <pthread.h>
#include <sqlite3.h>

#include "db.h"
#include "util.h"

enum stmt_id {
    ST_ROUND,
    ST_PLAYER,
    ST_ITEM,
    ST_ANSWER,
    ST_CARD_GET,
    ST_CARD_PUT,
    ST_STANDING,
    ST_RENAME,
    ST_RENAME_STANDING,
    ST_REPLAY,
    ST_ROUND_MODE,
    ST_COUNT
};

typedef enum op_kind { OP_ROUND, OP_ANSWER, OP_STANDING, OP_RENAME } op_kind;

typedef struct op {
    op_kind kind;
    char *round, *player, *to, *article, *mode, *difficulty, *topic, *item, *kind_name, *prompt,
        *choices, *answer, *source, *chosen;
    int64_t at, seq, ms, points;
    int score, right, total;
    bool correct, schedule;
} op;

/* One connection and its prepared statements. */
typedef struct conn {
    sqlite3 *h;
    sqlite3_stmt *st[ST_COUNT];
} conn;

struct db {
    conn rd; /* the caller's: reads, migrations, imports */
    conn wr; /* the writer thread's (serialized: db_exec uses it too) */
    char *path;
    bool read_only;
    pthread_t thread;
    bool running;        /* the writer thread was started */
    pthread_mutex_t wmu; /* held while the writer's connection is in use */
    pthread_mutex_t mu;  /* guards what follows */
    pthread_cond_t wake, idle;
    op *q; /* waiting to be written, oldest first */
    size_t nq, cap;
    size_t inflight;  /* taken by the writer, not yet committed or put back */
    char *last_error; /* why the last attempt failed; NULL after a success */
    bool stop, nudged;
    void (*hook)(void *ctx, const char *round, size_t seq);
    void *hook_ctx;
    char *export_path; /* an export asked for and not yet begun */
    bool exporting;
    char *export_error; /* why the last export failed, until taken */
};

/* Hands msg (malloc'd) to *err, or frees it when err is NULL; returns -1. */
int db_fail(char **err, char *msg);
/* Steps s to its end; returns SQLITE_DONE or the error code. */
int db_step_all(sqlite3_stmt *s);
int db_exec_on(conn *c, const char *sql);
/* Writes one queued op on c (inside the caller's transaction). */
int db_write_op(conn *c, const op *o);
/* One answer as a results CSV row (the export's columns, neutralised). */
void db_csv_row(strbuf *sb, const db_row *r);

/* Records path as imported with rows (replace false keeps an earlier
 * record); the key a path is recorded under (its real path, malloc'd). */
int db_mark_imported(sqlite3 *h, const char *path, size_t rows, bool replace);
char *db_import_key(const char *path);
/* Beside the database: answers a close could not save (db_close() writes
 * them, db_import_unsaved() reads them back). */
#define DB_UNSAVED_SUFFIX ".unsaved-"

#endif
