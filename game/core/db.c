/* db.c - the SQLite store: opening and migrating, the write queue and its
 * writer thread, the reads and the CSV export. Start reading at db_open(),
 * then writer(): the one place anything is written. The imports of old
 * files are db_import.c's.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "db_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "text.h"
#include "util.h"


/* ---- the schema and its migrations ---- */

/* migrations[v] takes a database of version v to v + 1. */
static const char *const migrations[DB_SCHEMA] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE players(name TEXT PRIMARY KEY, first_seen INTEGER, last_seen INTEGER);"
    "CREATE TABLE items(article TEXT NOT NULL, item TEXT NOT NULL, difficulty TEXT,"
    "  topic TEXT, kind TEXT, prompt TEXT, choices TEXT, answer TEXT, source TEXT,"
    "  PRIMARY KEY(article, item));"
    "CREATE TABLE rounds(code TEXT PRIMARY KEY, mode TEXT, difficulty TEXT, article TEXT,"
    "  started INTEGER);"
    "CREATE TABLE answers(id INTEGER PRIMARY KEY, key TEXT UNIQUE, round TEXT NOT NULL,"
    "  player TEXT NOT NULL, article TEXT, item TEXT, difficulty TEXT, topic TEXT,"
    "  chosen TEXT, right TEXT, correct INTEGER, ms INTEGER, points INTEGER, at INTEGER);"
    "CREATE INDEX answers_round ON answers(round, player);"
    "CREATE INDEX answers_at ON answers(at);"
    "CREATE TABLE standings(round TEXT NOT NULL, player TEXT NOT NULL, difficulty TEXT,"
    "  score INTEGER, right INTEGER, total INTEGER, at INTEGER, PRIMARY KEY(round, player));"
    "CREATE INDEX standings_top ON standings(difficulty, score DESC, at);"
    "CREATE TABLE schedule(player TEXT NOT NULL, article TEXT NOT NULL, item TEXT NOT NULL,"
    "  box INTEGER, due INTEGER, PRIMARY KEY(player, article, item));"
    "CREATE TABLE imports(path TEXT PRIMARY KEY, at INTEGER, rows INTEGER);",
};

/* ---- the write queue ---- */


static const char *const stmt_sql[ST_COUNT] = {
    [ST_ROUND] = "INSERT OR IGNORE INTO rounds(code, mode, difficulty, article, started)"
                 " VALUES(?1, ?2, ?3, ?4, ?5)",
    [ST_PLAYER] = "INSERT INTO players(name, first_seen, last_seen) VALUES(?1, ?2, ?2)"
                  " ON CONFLICT(name) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)",
    [ST_ITEM] = "INSERT OR REPLACE INTO items(article, item, difficulty, topic, kind, prompt,"
                " choices, answer, source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [ST_ANSWER] = "INSERT OR IGNORE INTO answers(key, round, player, article, item, difficulty,"
                  " topic, chosen, right, correct, ms, points, at)"
                  " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    [ST_CARD_GET] = "SELECT box, due FROM schedule WHERE player = ?1 AND article = ?2"
                    " AND item = ?3",
    [ST_CARD_PUT] = "INSERT OR REPLACE INTO schedule(player, article, item, box, due)"
                    " VALUES(?1, ?2, ?3, ?4, ?5)",
    [ST_STANDING] = "INSERT OR REPLACE INTO standings(round, player, difficulty, score, right,"
                    " total, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_RENAME] = "UPDATE answers SET player = ?3 WHERE round = ?1 AND player = ?2",
    [ST_RENAME_STANDING] = "UPDATE OR IGNORE standings SET player = ?3 WHERE round = ?1"
                           " AND player = ?2",
    [ST_REPLAY] = "SELECT article, item, correct, at FROM answers WHERE round = ?1"
                  " AND player = ?2 ORDER BY at, id",
    [ST_ROUND_MODE] = "SELECT mode FROM rounds WHERE code = ?1",
};

/* How long the writer waits before it tries a failed write again. */
#define RETRY_MS 1000

int db_fail(char **err, char *msg)
{
    if (err)
        *err = msg;
    else
        free(msg);
    return -1;
}

static char *dup_or_empty(const char *s)
{
    return xstrdup(s ? s : "");
}

static void op_free(op *o)
{
    char **s[] = {&o->round,      &o->player, &o->to,     &o->article,   &o->mode,
                  &o->difficulty, &o->topic,  &o->item,   &o->kind_name, &o->prompt,
                  &o->choices,    &o->answer, &o->source, &o->chosen};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(*s[i]);
}

/* ---- statements ---- */

static sqlite3_stmt *stmt(conn *c, enum stmt_id id)
{
    if (!c->st[id] && sqlite3_prepare_v3(c->h, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                         &c->st[id], NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(c->st[id]);
    sqlite3_clear_bindings(c->st[id]);
    return c->st[id];
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

/* Steps s to its end; returns SQLITE_DONE or the error code. */
int db_step_all(sqlite3_stmt *s)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ;
    sqlite3_reset(s);
    return rc;
}

int db_exec_on(conn *c, const char *sql)
{
    return sqlite3_exec(c->h, sql, NULL, NULL, NULL);
}

static int exec(db *d, const char *sql)
{
    return db_exec_on(&d->rd, sql);
}

static void conn_close(conn *c)
{
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(c->st[i]);
    sqlite3_close(c->h);
    memset(c, 0, sizeof *c);
}

/* Another game holds the write lock: wait a little and try again, for up
 * to DB_BUSY_MS in all. Short, even steps (SQLite's own handler sleeps up to
 * 100 ms a step), so games that write at once take turns quickly. */
static int on_busy(void *ctx, int tries)
{
    (void)ctx;
    int step_us = tries < 20 ? 500 : 2000;
    long waited_ms = tries < 20 ? tries / 2 : 10 + (long)(tries - 20) * 2;
    if (waited_ms >= DB_BUSY_MS)
        return 0;
    struct timespec ts = {0, (long)step_us * 1000};
    nanosleep(&ts, NULL);
    return 1;
}

/* ---- writing: one transaction for what is queued ---- */

static int card_step(conn *c, const char *player, const char *art, const char *key, bool correct,
                     int64_t at_ms)
{
    sqlite3_stmt *s = stmt(c, ST_CARD_GET);
    if (!s)
        return SQLITE_ERROR;
    bind_text(s, 1, player);
    bind_text(s, 2, art);
    bind_text(s, 3, key);
    trainer_card card = {0, 0};
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        card.box = sqlite3_column_int(s, 0);
        card.due = sqlite3_column_int64(s, 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rc;
    card = trainer_answer(card, correct, at_ms / 1000);
    s = stmt(c, ST_CARD_PUT);
    if (!s)
        return SQLITE_ERROR;
    bind_text(s, 1, player);
    bind_text(s, 2, art);
    bind_text(s, 3, key);
    sqlite3_bind_int(s, 4, card.box);
    sqlite3_bind_int64(s, 5, card.due);
    rc = db_step_all(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int touch_player(conn *c, const char *name, int64_t at_s)
{
    if (!name[0] || strcmp(name, "host") == 0)
        return SQLITE_OK;
    sqlite3_stmt *s = stmt(c, ST_PLAYER);
    if (!s)
        return SQLITE_ERROR;
    bind_text(s, 1, name);
    sqlite3_bind_int64(s, 2, at_s);
    int rc = db_step_all(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int write_answer(conn *c, const op *o)
{
    sqlite3_stmt *s = stmt(c, ST_ITEM);
    if (!s)
        return SQLITE_ERROR;
    bind_text(s, 1, o->article);
    bind_text(s, 2, o->item);
    bind_text(s, 3, o->difficulty);
    bind_text(s, 4, o->topic);
    bind_text(s, 5, o->kind_name);
    bind_text(s, 6, o->prompt);
    bind_text(s, 7, o->choices);
    bind_text(s, 8, o->answer);
    bind_text(s, 9, o->source);
    int rc = db_step_all(s);
    if (rc != SQLITE_DONE)
        return rc;
    char *key = xasprintf("%s#%lld", o->round, (long long)o->seq);
    s = stmt(c, ST_ANSWER);
    if (!s) {
        free(key);
        return SQLITE_ERROR;
    }
    bind_text(s, 1, key);
    free(key);
    bind_text(s, 2, o->round);
    bind_text(s, 3, o->player);
    bind_text(s, 4, o->article);
    bind_text(s, 5, o->item);
    bind_text(s, 6, o->difficulty);
    bind_text(s, 7, o->topic);
    bind_text(s, 8, o->chosen);
    bind_text(s, 9, o->answer);
    sqlite3_bind_int(s, 10, o->correct);
    sqlite3_bind_int64(s, 11, o->ms);
    sqlite3_bind_int64(s, 12, o->points);
    sqlite3_bind_int64(s, 13, o->at);
    rc = db_step_all(s);
    if (rc != SQLITE_DONE)
        return rc;
    if (sqlite3_changes(c->h) == 0)
        return SQLITE_OK; /* written before: a retry */
    if ((rc = touch_player(c, o->player, o->at / 1000)) != SQLITE_OK)
        return rc;
    if (o->schedule && o->player[0])
        return card_step(c, o->player, o->article, o->item, o->correct, o->at);
    return SQLITE_OK;
}

static int write_rename(conn *c, const op *o)
{
    sqlite3_stmt *s = stmt(c, ST_RENAME);
    if (!s)
        return SQLITE_ERROR;
    bind_text(s, 1, o->round);
    bind_text(s, 2, o->player);
    bind_text(s, 3, o->to);
    int rc = db_step_all(s);
    if (rc != SQLITE_DONE)
        return rc;
    if (!(s = stmt(c, ST_RENAME_STANDING)))
        return SQLITE_ERROR;
    bind_text(s, 1, o->round);
    bind_text(s, 2, o->player);
    bind_text(s, 3, o->to);
    if ((rc = db_step_all(s)) != SQLITE_DONE)
        return rc;
    if ((rc = touch_player(c, o->to, o->at / 1000)) != SQLITE_OK)
        return rc;
    /* a solo round's answers now count for the named student's cards */
    if (!(s = stmt(c, ST_ROUND_MODE)))
        return SQLITE_ERROR;
    bind_text(s, 1, o->round);
    bool solo = sqlite3_step(s) == SQLITE_ROW &&
                strcmp((const char *)sqlite3_column_text(s, 0), "solo") == 0;
    sqlite3_reset(s);
    if (!solo || o->player[0] || !o->to[0])
        return SQLITE_OK;
    /* the replay reads while it writes: collect first */
    typedef struct replay_row {
        char *article, *item;
        bool correct;
        int64_t at;
    } replay_row;
    replay_row *rows = NULL;
    size_t n = 0, cap = 0;
    if (!(s = stmt(c, ST_REPLAY)))
        return SQLITE_ERROR;
    bind_text(s, 1, o->round);
    bind_text(s, 2, o->to);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        xgrow((void **)&rows, &cap, n + 1, sizeof *rows);
        rows[n].article = xstrdup((const char *)sqlite3_column_text(s, 0));
        rows[n].item = xstrdup((const char *)sqlite3_column_text(s, 1));
        rows[n].correct = sqlite3_column_int(s, 2) != 0;
        rows[n].at = sqlite3_column_int64(s, 3);
        n++;
    }
    sqlite3_reset(s);
    rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    for (size_t i = 0; i < n; i++) {
        if (rc == SQLITE_OK)
            rc = card_step(c, o->to, rows[i].article, rows[i].item, rows[i].correct, rows[i].at);
        free(rows[i].article);
        free(rows[i].item);
    }
    free(rows);
    return rc;
}

int db_write_op(conn *c, const op *o)
{
    sqlite3_stmt *s;
    int rc;
    switch (o->kind) {
    case OP_ROUND:
        if (!(s = stmt(c, ST_ROUND)))
            return SQLITE_ERROR;
        bind_text(s, 1, o->round);
        bind_text(s, 2, o->mode);
        bind_text(s, 3, o->difficulty);
        bind_text(s, 4, o->article);
        sqlite3_bind_int64(s, 5, o->at);
        rc = db_step_all(s);
        return rc == SQLITE_DONE ? SQLITE_OK : rc;
    case OP_ANSWER:
        return write_answer(c, o);
    case OP_STANDING:
        if (!(s = stmt(c, ST_STANDING)))
            return SQLITE_ERROR;
        bind_text(s, 1, o->round);
        bind_text(s, 2, o->player);
        bind_text(s, 3, o->difficulty);
        sqlite3_bind_int(s, 4, o->score);
        sqlite3_bind_int(s, 5, o->right);
        sqlite3_bind_int(s, 6, o->total);
        sqlite3_bind_int64(s, 7, o->at);
        rc = db_step_all(s);
        if (rc != SQLITE_DONE)
            return rc;
        return touch_player(c, o->player, o->at);
    case OP_RENAME:
        return write_rename(c, o);
    }
    return SQLITE_MISUSE;
}

/* Writes n ops in one transaction; NULL, or why it failed (malloc'd). */
static char *write_batch(db *d, const op *ops, size_t n)
{
    conn *c = &d->wr;
    pthread_mutex_lock(&d->wmu);
    char *why = NULL;
    int rc = db_exec_on(c, "BEGIN IMMEDIATE");
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = db_write_op(c, &ops[i]);
    if (rc == SQLITE_OK)
        rc = db_exec_on(c, "COMMIT");
    if (rc != SQLITE_OK) {
        why = xstrdup(sqlite3_errmsg(c->h));
        if (!sqlite3_get_autocommit(c->h))
            db_exec_on(c, "ROLLBACK");
    }
    pthread_mutex_unlock(&d->wmu);
    return why;
}

static int export_with(conn *c, const char *dbpath, const char *path, char **err);

/* The writer thread: takes everything queued, writes it in one transaction,
 * and on failure puts it back in front and tries again after RETRY_MS (or
 * when nudged). Asked to stop, it makes one more attempt at what is left. */
static void *writer(void *arg)
{
    db *d = arg;
    pthread_mutex_lock(&d->mu);
    for (;;) {
        struct timespec until;
        bool timed = false, timed_out = false, gave_up = false;
        while (!d->stop && !d->export_path && !(d->nq && (!d->last_error || d->nudged))) {
            if (d->nq && d->last_error) {
                if (!timed) {
                    clock_gettime(CLOCK_MONOTONIC, &until);
                    until.tv_sec += RETRY_MS / 1000;
                    timed = true;
                }
                if (pthread_cond_timedwait(&d->wake, &d->mu, &until) == ETIMEDOUT) {
                    timed_out = true; /* time to retry */
                    break;
                }
            } else {
                pthread_cond_wait(&d->wake, &d->mu);
            }
        }
        if (d->nq && (!d->last_error || d->nudged || timed_out || d->stop)) {
            d->nudged = false;
            op *batch = d->q;
            size_t n = d->nq;
            d->q = NULL;
            d->nq = d->cap = 0;
            d->inflight = n;
            void (*hook)(void *, const char *, size_t) = d->hook;
            void *hook_ctx = d->hook_ctx;
            pthread_mutex_unlock(&d->mu);

            char *why = write_batch(d, batch, n);
            if (!why) { /* the batch is the writer's alone: freed before locking */
                for (size_t i = 0; i < n; i++) {
                    if (hook && batch[i].kind == OP_ANSWER)
                        hook(hook_ctx, batch[i].round, (size_t)batch[i].seq);
                    op_free(&batch[i]);
                }
                free(batch);
                batch = NULL;
            }

            pthread_mutex_lock(&d->mu);
            d->inflight = 0;
            if (!why) {
                free(d->last_error);
                d->last_error = NULL;
            } else {
                /* back in front of what was queued meanwhile, in order */
                size_t cap = n;
                xgrow((void **)&batch, &cap, n + d->nq, sizeof *batch);
                if (d->nq)
                    memcpy(batch + n, d->q, d->nq * sizeof *batch);
                free(d->q);
                d->q = batch;
                d->nq += n;
                d->cap = cap;
                free(d->last_error);
                d->last_error = why;
                gave_up = d->stop; /* that was the last attempt */
            }
            pthread_cond_broadcast(&d->idle);
        }
        /* the export, once what was queued before it is written (or cannot
         * be: then it shows what is on disk) */
        if (d->export_path && (d->nq == 0 || d->last_error)) {
            char *path = d->export_path, *err = NULL;
            d->export_path = NULL;
            d->exporting = true;
            pthread_mutex_unlock(&d->mu);
            pthread_mutex_lock(&d->wmu);
            /* the game's own export is never taken for an old version's file
             * by a game starting meanwhile: marked before it is written (the
             * game imported what was there before it asks for an export) */
            db_mark_imported(d->wr.h, path, 0, false);
            int rc = export_with(&d->wr, d->path, path, &err);
            pthread_mutex_unlock(&d->wmu);
            pthread_mutex_lock(&d->mu);
            d->exporting = false;
            free(path);
            if (rc != 0) {
                free(d->export_error);
                d->export_error = err;
            }
            pthread_cond_broadcast(&d->idle);
        }
        if (d->stop && (d->nq == 0 || gave_up) && !d->export_path)
            break;
    }
    pthread_mutex_unlock(&d->mu);
    return NULL;
}

/* Queues an op (filled by the caller under the lock) and wakes the writer. */
static op *push(db *d, op_kind kind)
{
    xgrow((void **)&d->q, &d->cap, d->nq + 1, sizeof *d->q);
    op *o = &d->q[d->nq++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    return o;
}

/* After a push: wakes the writer; reports a failure that is still waiting
 * to be retried. Unlocks. */
static int pushed(db *d, char **err)
{
    pthread_cond_signal(&d->wake);
    int rc = 0;
    if (d->last_error && d->nq + d->inflight) {
        size_t n = d->nq + d->inflight;
        rc = db_fail(err, xasprintf("%s: cannot save %zu write%s yet (kept, retried): %s", d->path, n,
                                 n == 1 ? "" : "s", d->last_error));
    }
    pthread_mutex_unlock(&d->mu);
    return rc;
}

int db_flush(db *d, char **err)
{
    pthread_mutex_lock(&d->mu);
    if (d->nq)
        d->nudged = true;
    return pushed(d, err);
}

int db_sync(db *d, int timeout_ms, char **err)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&d->mu);
    if (d->nq)
        d->nudged = true;
    pthread_cond_signal(&d->wake);
    /* done when nothing waits, or when the last attempt failed and nothing
     * is being written (waiting longer would wait for the retry) */
    while (d->running && (d->nq || d->inflight) && !(d->last_error && !d->inflight && !d->nudged))
        if (pthread_cond_timedwait(&d->idle, &d->mu, &until) == ETIMEDOUT)
            break;
    size_t n = d->nq + d->inflight;
    int rc = 0;
    if (n)
        rc = db_fail(err,
                  xasprintf("%s: cannot save %zu write%s yet (kept, retried): %s", d->path, n,
                            n == 1 ? "" : "s", d->last_error ? d->last_error : "still writing"));
    pthread_mutex_unlock(&d->mu);
    return rc;
}

size_t db_pending(const db *d)
{
    if (!d)
        return 0;
    pthread_mutex_lock((pthread_mutex_t *)&d->mu);
    size_t n = d->nq + d->inflight;
    pthread_mutex_unlock((pthread_mutex_t *)&d->mu);
    return n;
}

void db_on_commit(db *d, void (*hook)(void *ctx, const char *round, size_t seq), void *ctx)
{
    pthread_mutex_lock(&d->mu);
    d->hook = hook;
    d->hook_ctx = ctx;
    while (d->inflight) /* a batch being written may still call the old hook */
        pthread_cond_wait(&d->idle, &d->mu);
    pthread_mutex_unlock(&d->mu);
}

int db_begin_round(db *d, const db_round *r, char **err)
{
    pthread_mutex_lock(&d->mu);
    op *o = push(d, OP_ROUND);
    o->round = dup_or_empty(r->code);
    o->mode = dup_or_empty(r->mode);
    o->difficulty = xstrdup(item_difficulty_name(r->difficulty));
    o->article = dup_or_empty(r->article);
    o->at = r->started;
    return pushed(d, err);
}

int db_answer_add(db *d, const db_answer *a, char **err)
{
    const item *it = a->item;
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < it->nchoices; i++)
        strbuf_addf(&sb, "%s%s", i ? "\n" : "", it->choices[i]);
    pthread_mutex_lock(&d->mu);
    op *o = push(d, OP_ANSWER);
    o->round = dup_or_empty(a->round);
    o->seq = (int64_t)a->seq;
    o->player = dup_or_empty(a->player);
    o->article = dup_or_empty(a->article);
    o->difficulty = xstrdup(item_difficulty_name(a->difficulty));
    o->topic = dup_or_empty(it->topic);
    o->item = dup_or_empty(it->id);
    o->kind_name = xstrdup(item_kind_name(it->kind));
    o->prompt = dup_or_empty(it->prompt);
    o->choices = strbuf_detach(&sb);
    o->answer = dup_or_empty(it->answer < it->nchoices ? it->choices[it->answer] : "");
    o->source = dup_or_empty(it->source);
    o->chosen = dup_or_empty(a->chosen);
    o->correct = a->correct;
    o->ms = a->ms;
    o->points = a->points;
    o->at = a->at;
    o->schedule = a->schedule;
    return pushed(d, err);
}

int db_standing_add(db *d, const db_standing *st, char **err)
{
    pthread_mutex_lock(&d->mu);
    op *o = push(d, OP_STANDING);
    o->round = dup_or_empty(st->round);
    o->player = dup_or_empty(st->player);
    o->difficulty = xstrdup(item_difficulty_name(st->difficulty));
    o->score = st->score;
    o->right = st->right;
    o->total = st->total;
    o->at = st->at;
    return pushed(d, err);
}

int db_rename(db *d, const char *round, const char *from, const char *to, char **err)
{
    pthread_mutex_lock(&d->mu);
    op *o = push(d, OP_RENAME);
    o->round = dup_or_empty(round);
    o->player = dup_or_empty(from);
    o->to = dup_or_empty(to);
    o->at = (int64_t)time(NULL) * 1000;
    return pushed(d, err);
}

/* ---- opening ---- */

static int migrate(db *d, char **err)
{
    sqlite3 *h = d->rd.h;
    sqlite3_stmt *s = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (version < 0)
        return db_fail(err, xasprintf("%s: cannot open the database: %s", d->path, sqlite3_errmsg(h)));
    if (version > DB_SCHEMA)
        return db_fail(err, xasprintf("%s: cannot open the database: it was made by a newer "
                                   "Quizmill (schema %d, this one reads up to %d)",
                                   d->path, version, DB_SCHEMA));
    if (d->read_only && version < DB_SCHEMA)
        return db_fail(err, xasprintf("%s: not a Quizmill database (schema %d)", d->path, version));
    while (version < DB_SCHEMA) {
        /* one transaction a step: a step either happens whole or not at all,
         * and two games opening a new file at once migrate it once */
        int rc = exec(d, "BEGIN IMMEDIATE");
        int now = -1;
        if (rc == SQLITE_OK &&
            sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW)
            now = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
        s = NULL;
        if (rc == SQLITE_OK && now == version) {
            rc = exec(d, migrations[version]);
            char pragma[48];
            snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
            if (rc == SQLITE_OK)
                rc = exec(d, pragma);
        }
        if (rc == SQLITE_OK)
            rc = exec(d, "COMMIT");
        if (rc != SQLITE_OK) {
            char *msg = xasprintf("%s: cannot set up the database (schema %d to %d): %s", d->path,
                                  version, version + 1, sqlite3_errmsg(h));
            if (!sqlite3_get_autocommit(h))
                exec(d, "ROLLBACK");
            return db_fail(err, msg);
        }
        version = now == version ? version + 1 : now;
    }
    return 0;
}

/* Switches to WAL. Games opening a new file at once race for the switch,
 * and SQLite answers "locked" at once instead of waiting (the busy handler
 * is not called for it): try again in short steps, up to DB_BUSY_MS. */
static int switch_to_wal(conn *c)
{
    int rc = SQLITE_BUSY;
    for (int tries = 0; tries < DB_BUSY_MS / 2; tries++) {
        rc = db_exec_on(c, "PRAGMA journal_mode = WAL");
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        struct timespec ts = {0, 2000000L};
        nanosleep(&ts, NULL);
    }
    return rc;
}

/* Opens one connection; 0, or the SQLite code with *why set. */
static int conn_open(conn *c, const char *path, int flags, bool set_wal, const char **why)
{
    int rc = sqlite3_open_v2(path, &c->h, flags, NULL);
    if (rc == SQLITE_OK)
        sqlite3_busy_handler(c->h, on_busy, NULL);
    /* a newer Quizmill's file is refused before anything is changed in it */
    sqlite3_stmt *v = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c->h, "PRAGMA user_version", -1, &v, NULL);
    int version =
        rc == SQLITE_OK && (rc = sqlite3_step(v)) == SQLITE_ROW ? sqlite3_column_int(v, 0) : 0;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_finalize(v);
    /* WAL: readers never wait for the writer; FULL: a commit is on disk */
    if (rc == SQLITE_OK && set_wal && version <= DB_SCHEMA)
        rc = switch_to_wal(c);
    if (rc == SQLITE_OK)
        rc = db_exec_on(c, "PRAGMA synchronous = FULL");
    /* a page cache of at most 1 MiB a connection (SQLite's default is 2):
     * the game's memory stays flat while the database grows */
    if (rc == SQLITE_OK)
        rc = db_exec_on(c, "PRAGMA cache_size = -1024");
    if (rc != SQLITE_OK) {
        int sys = c->h ? sqlite3_system_errno(c->h) : 0;
        *why = c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc);
        if (rc == SQLITE_NOTADB)
            *why = "not a database";
        else if (sys) /* the reason the system gave: "Permission denied" */
            *why = strerror(sys);
    }
    return rc;
}

static int open_with(const char *path, bool read_only, db **out, char **err)
{
    *out = NULL;
    db *d = xcalloc(1, sizeof *d);
    d->path = xstrdup(path);
    d->read_only = read_only;
    pthread_mutex_init(&d->mu, NULL);
    pthread_mutex_init(&d->wmu, NULL);
    /* waits measured on the monotonic clock: a clock set at boot (NTP)
     * neither cuts a wait short nor stretches it */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&d->wake, &ca);
    pthread_cond_init(&d->idle, &ca);
    pthread_condattr_destroy(&ca);
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const char *why = NULL;
    char *msg = NULL;
    int e;
    struct stat st;
    /* SQLite would open a FIFO or a device and wait on it */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        msg = xasprintf("%s: cannot open the database: %s", path,
                        read_file_strerror(S_ISDIR(st.st_mode) ? EISDIR : ENOTSUP));
    } else if (conn_open(&d->rd, path, flags | SQLITE_OPEN_NOMUTEX, !read_only, &why) !=
               SQLITE_OK) {
        msg = xasprintf("%s: cannot open the database: %s", path, why);
    } else if (migrate(d, &msg) == 0) {
        if (read_only) {
            *out = d;
            return 0;
        }
        /* the writer's own connection, serialized: db_exec() may use it
         * from the caller's thread */
        if (conn_open(&d->wr, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, false, &why) !=
            SQLITE_OK)
            msg = xasprintf("%s: cannot open the database: %s", path, why);
        else if ((e = pthread_create(&d->thread, NULL, writer, d)) != 0)
            msg = xasprintf("%s: cannot start the writer: %s", path, strerror(e));
        else {
            d->running = true;
            *out = d;
            return 0;
        }
    }
    db_close(d, NULL);
    return db_fail(err, msg);
}

int db_open(const char *path, db **out, char **err)
{
    return open_with(path, false, out, err);
}

int db_open_read(const char *path, db **out, char **err)
{
    return open_with(path, true, out, err);
}

static char *keep_unsaved(db *d);

size_t db_close(db *d, char **err)
{
    if (!d)
        return 0;
    if (d->running) {
        pthread_mutex_lock(&d->mu);
        d->stop = true;
        pthread_cond_signal(&d->wake);
        pthread_mutex_unlock(&d->mu);
        pthread_join(d->thread, NULL);
    }
    size_t lost = d->nq;
    char *kept = lost ? keep_unsaved(d) : NULL;
    if (lost)
        db_fail(err, xasprintf("%s: cannot save %zu write%s: %s%s%s%s", d->path, lost,
                            lost == 1 ? "" : "s", d->last_error ? d->last_error : "not written",
                            kept ? "; the answers are kept in " : "", kept ? kept : "",
                            kept ? " and saved at the next start" : ""));
    else if (d->export_error && err)
        *err = xstrdup(d->export_error);
    free(kept);
    free(d->export_path);
    free(d->export_error);
    for (size_t i = 0; i < d->nq; i++)
        op_free(&d->q[i]);
    free(d->q);
    free(d->last_error);
    conn_close(&d->wr);
    conn_close(&d->rd);
    pthread_cond_destroy(&d->idle);
    pthread_cond_destroy(&d->wake);
    pthread_mutex_destroy(&d->wmu);
    pthread_mutex_destroy(&d->mu);
    free(d->path);
    free(d);
    return lost;
}

char *db_default_folder(void)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/quizmill", xdg);
    if (home && home[0])
        return xasprintf("%s/.local/share/quizmill", home);
    return NULL;
}

const char *db_path(const db *d)
{
    return d->path;
}

bool db_is_database(const char *path)
{
    static const char magic[16] = "SQLite format 3";
    char head[16];
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool yes = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
               read(fd, head, sizeof head) == (ssize_t)sizeof head && memcmp(head, magic, 16) == 0;
    close(fd);
    return yes;
}

int db_exec(db *d, const char *sql, char **err)
{
    conn *c = d->wr.h ? &d->wr : &d->rd;
    pthread_mutex_lock(&d->wmu);
    int rc = db_exec_on(c, sql) == SQLITE_OK
                 ? 0
                 : db_fail(err, xasprintf("%s: %s", d->path, sqlite3_errmsg(c->h)));
    pthread_mutex_unlock(&d->wmu);
    return rc;
}

/* ---- reading ---- */

int db_scores(db *d, store_scores *t, char **err)
{
    memset(t, 0, sizeof *t);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(d->rd.h,
                           "SELECT player, score, right, total, at FROM standings"
                           " WHERE difficulty = ?1 AND score > 0"
                           " ORDER BY score DESC, at ASC, rowid ASC LIMIT ?2",
                           -1, &s, NULL) != SQLITE_OK)
        return db_fail(err, xasprintf("%s: cannot read the high scores: %s", d->path,
                                   sqlite3_errmsg(d->rd.h)));
    int rc = SQLITE_DONE;
    for (int k = 0; k < ITEM_DIFFICULTY_COUNT && rc == SQLITE_DONE; k++) {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, item_difficulty_name((item_difficulty)k), -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 2, STORE_TOP);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW && t->n[k] < STORE_TOP) {
            store_score *e = &t->top[k][t->n[k]++];
            store_name_clean(e->name, (const char *)sqlite3_column_text(s, 0));
            e->score = sqlite3_column_int(s, 1);
            e->right = sqlite3_column_int(s, 2);
            e->total = sqlite3_column_int(s, 3);
            e->when = sqlite3_column_int64(s, 4);
        }
    }
    char *why = rc == SQLITE_DONE ? NULL : xstrdup(sqlite3_errmsg(d->rd.h));
    sqlite3_finalize(s);
    if (why) {
        memset(t, 0, sizeof *t);
        int r = db_fail(err, xasprintf("%s: cannot read the high scores: %s", d->path, why));
        free(why);
        return r;
    }
    return 0;
}

int db_cards(db *d, const char *player, const char *art,
             void (*each)(void *ctx, const char *item, trainer_card c), void *ctx, char **err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(d->rd.h,
                           "SELECT item, box, due FROM schedule WHERE player = ?1 AND article = ?2",
                           -1, &s, NULL) != SQLITE_OK)
        return db_fail(
            err, xasprintf("%s: cannot read the schedule: %s", d->path, sqlite3_errmsg(d->rd.h)));
    bind_text(s, 1, player);
    bind_text(s, 2, art);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        trainer_card c = {sqlite3_column_int(s, 1), sqlite3_column_int64(s, 2)};
        each(ctx, (const char *)sqlite3_column_text(s, 0), c);
    }
    char *why = rc == SQLITE_DONE ? NULL : xstrdup(sqlite3_errmsg(d->rd.h));
    sqlite3_finalize(s);
    if (why) {
        int r = db_fail(err, xasprintf("%s: cannot read the schedule: %s", d->path, why));
        free(why);
        return r;
    }
    return 0;
}

static const char *col(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : NULL;
}

static int each_answer(conn *c, const char *path, int (*each)(void *ctx, const db_row *r),
                       void *ctx, char **err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(
            c->h,
            "SELECT a.at, a.round, a.player, r.mode, a.difficulty, a.topic, a.item, a.chosen,"
            " a.right, a.correct, a.ms, a.points, i.kind, i.prompt, i.choices"
            " FROM answers a LEFT JOIN rounds r ON r.code = a.round"
            " LEFT JOIN items i ON i.article = a.article AND i.item = a.item"
            " ORDER BY a.at, a.id",
            -1, &s, NULL) != SQLITE_OK)
        return db_fail(err, xasprintf("%s: cannot read the answers: %s", path, sqlite3_errmsg(c->h)));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        db_row r;
        r.at = sqlite3_column_int64(s, 0);
        r.round = col(s, 1) ? col(s, 1) : "";
        r.player = col(s, 2) ? col(s, 2) : "";
        r.mode = col(s, 3) ? col(s, 3) : "";
        r.difficulty = col(s, 4) ? col(s, 4) : "";
        r.topic = col(s, 5) ? col(s, 5) : "";
        r.item = col(s, 6) ? col(s, 6) : "";
        r.chosen = col(s, 7) ? col(s, 7) : "";
        r.right = col(s, 8) ? col(s, 8) : "";
        r.correct = sqlite3_column_int(s, 9) != 0;
        r.ms = (uint32_t)sqlite3_column_int64(s, 10);
        r.points = sqlite3_column_int(s, 11);
        r.kind = col(s, 12);
        r.prompt = col(s, 13);
        r.choices = col(s, 14);
        if (each(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    char *why = rc == SQLITE_DONE ? NULL : xstrdup(sqlite3_errmsg(c->h));
    sqlite3_finalize(s);
    if (why) {
        int r = db_fail(err, xasprintf("%s: cannot read the answers: %s", path, why));
        free(why);
        return r;
    }
    return 0;
}

int db_each_answer(db *d, int (*each)(void *ctx, const db_row *r), void *ctx, char **err)
{
    return each_answer(&d->rd, d->path, each, ctx, err);
}

size_t db_count_answers(db *d)
{
    sqlite3_stmt *s = NULL;
    size_t n = 0;
    if (sqlite3_prepare_v2(d->rd.h, "SELECT count(*) FROM answers", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        n = (size_t)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* ---- the CSV export ---- */

/* Rows are written out 64 KiB at a time: the export of a school year of
 * answers never sits in memory whole. */
#define EXPORT_CHUNK ((size_t)64 << 10)

typedef struct export_job {
    conn *c;
    const char *dbpath;
    strbuf sb;
    int fd;
    int write_errno; /* a write to the file failed: its errno */
    char *read_err;  /* reading the database failed: why */
} export_job;

static int export_put(export_job *j)
{
    if (j->sb.len && store_write_all(j->fd, j->sb.buf, j->sb.len) != 0) {
        j->write_errno = errno;
        return -1;
    }
    j->sb.len = 0;
    return 0;
}

void db_csv_row(strbuf *sb, const db_row *r)
{
    char when[32], num[32];
    csv_format_time(when, sizeof when, r->at);
    csv_put(sb, when, false);
    const char *text[] = {r->round, r->player, r->difficulty, r->topic,
                          r->item,  r->chosen, r->right};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        strbuf_add(sb, ",", 1);
        csv_put(sb, text[i], true);
    }
    snprintf(num, sizeof num, ",%d,%u,%d", r->correct, (unsigned)r->ms, r->points);
    strbuf_add(sb, num, strlen(num));
    csv_end_row(sb);
}

static int export_row(void *ctx, const db_row *r)
{
    export_job *j = ctx;
    db_csv_row(&j->sb, r);
    return j->sb.len >= EXPORT_CHUNK ? export_put(j) : 0;
}

static int export_fill(int fd, void *ctx)
{
    export_job *j = ctx;
    j->fd = fd;
    strbuf_add(&j->sb, store_results_header, strlen(store_results_header));
    csv_end_row(&j->sb);
    /* one read transaction: a consistent snapshot while other games write */
    db_exec_on(j->c, "BEGIN");
    int rc = each_answer(j->c, j->dbpath, export_row, j, &j->read_err);
    db_exec_on(j->c, "COMMIT");
    if (rc == 0 && !j->write_errno)
        export_put(j);
    if (j->write_errno) {
        errno = j->write_errno;
        return -1;
    }
    if (rc != 0)
        errno = EIO;
    return rc;
}

static int export_with(conn *c, const char *dbpath, const char *path, char **err)
{
    export_job j = {c, dbpath, STRBUF_INIT, -1, 0, NULL};
    int rc = store_write_atomic_with(path, export_fill, &j, err);
    if (rc != 0 && j.read_err && err) { /* the database's reason, not EIO */
        free(*err);
        *err = j.read_err;
        j.read_err = NULL;
    }
    free(j.read_err);
    strbuf_release(&j.sb);
    return rc;
}

int db_export_csv(db *d, const char *path, char **err)
{
    return export_with(&d->rd, d->path, path, err);
}

void db_export_later(db *d, const char *path)
{
    pthread_mutex_lock(&d->mu);
    free(d->export_path);
    d->export_path = xstrdup(path);
    pthread_cond_signal(&d->wake);
    pthread_mutex_unlock(&d->mu);
}

char *db_export_error(db *d)
{
    pthread_mutex_lock(&d->mu);
    char *e = d->export_error;
    d->export_error = NULL;
    pthread_mutex_unlock(&d->mu);
    return e;
}

/* ---- what a close could not save, and the record of imports ---- */

char *db_import_key(const char *path)
{
    char *real = realpath(path, NULL);
    return real ? real : xstrdup(path);
}

/* Records path as imported with rows; replace false keeps an earlier
 * record (the export marks its file, which may have been imported). */
int db_mark_imported(sqlite3 *h, const char *path, size_t rows, bool replace)
{
    char *key = db_import_key(path);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(h,
                                replace ? "INSERT OR REPLACE INTO imports(path, at, rows)"
                                          " VALUES(?1, ?2, ?3)"
                                        : "INSERT OR IGNORE INTO imports(path, at, rows)"
                                          " VALUES(?1, ?2, ?3)",
                                -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
        sqlite3_bind_int64(s, 3, (int64_t)rows);
        rc = db_step_all(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(s);
    free(key);
    return rc;
}

/* The queue's answers, as results CSV rows, in a file beside the database
 * ("quizmill.db.unsaved-TIME-PID.csv") that the next db_open() imports:
 * the last resort when the database cannot take them at close. Returns
 * the file's name (malloc'd), or NULL when it could not be written either
 * (a full disk). Rounds, scores and renames are not kept. */
static char *keep_unsaved(db *d)
{
    strbuf sb = STRBUF_INIT;
    strbuf_add(&sb, store_results_header, strlen(store_results_header));
    csv_end_row(&sb);
    size_t n = 0;
    for (size_t i = 0; i < d->nq; i++) {
        const op *o = &d->q[i];
        if (o->kind != OP_ANSWER)
            continue;
        db_row r = {o->at,           o->round,       o->player, "",        o->difficulty,
                    o->topic,        o->item,        o->chosen, o->answer, o->correct,
                    (uint32_t)o->ms, (int)o->points, NULL,      NULL,      NULL};
        db_csv_row(&sb, &r);
        n++;
    }
    char *name = NULL;
    if (n) {
        name = xasprintf("%s%s%lld-%ld.csv", d->path, DB_UNSAVED_SUFFIX, (long long)time(NULL),
                         (long)getpid());
        if (store_write_atomic(name, sb.buf, sb.len, NULL) != 0) {
            free(name);
            name = NULL;
        }
    }
    strbuf_release(&sb);
    return name;
}
