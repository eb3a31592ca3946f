/* db_import.c - the files of versions before the database, imported once:
 * results CSVs (also as a spreadsheet re-saved them) and the high-score
 * file; and the answers a close could not save, kept beside the database
 * and imported by the next open. Start reading at db_import_results().
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "db_private.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "text.h"

/* The largest results file db_import_results() reads. */
#define IMPORT_MAX ((size_t)256 << 20)

/* ---- importing the files of older versions ---- */

bool db_imported(db *d, const char *path)
{
    char *key = db_import_key(path);
    sqlite3_stmt *s = NULL;
    bool yes = false;
    if (sqlite3_prepare_v2(d->rd.h, "SELECT 1 FROM imports WHERE path = ?1", -1, &s, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        yes = sqlite3_step(s) == SQLITE_ROW;
    }
    sqlite3_finalize(s);
    free(key);
    return yes;
}

static int mark_imported(db *d, const char *path, size_t rows)
{
    return db_mark_imported(d->rd.h, path, rows, true);
}

static bool parse_int(const char *s, long long lo, long long hi, long long *out)
{
    while (*s == ' ')
        s++;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s || errno)
        return false;
    /* a spreadsheet may write 12 as 12.0 */
    if (*end == '.' || *end == ',') {
        end++;
        while (*end == '0')
            end++;
    }
    while (*end == ' ')
        end++;
    if (*end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"1", "true", "yes", "wahr", "vrai"};
    static const char *const no[] = {"0", "false", "no", "falsch", "faux"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

enum {
    IC_TIME,
    IC_ROUND,
    IC_PLAYER,
    IC_DIFF,
    IC_TOPIC,
    IC_ITEM,
    IC_CHOSEN,
    IC_RIGHT,
    IC_CORRECT,
    IC_MS,
    IC_POINTS,
    IC_COUNT
};

static const char *const import_names[IC_COUNT] = {"timestamp", "round", "player", "difficulty",
                                                   "topic",     "item",  "chosen", "right",
                                                   "correct",   "ms",    "points"};

static int import_rows(db *d, const char *path, csv_reader *r, size_t *rows, char **err)
{
    char **f;
    size_t n;
    int line = 1;
    int got = csv_next(r, &f, &n, &line);
    if (got <= 0)
        return db_fail(err, xasprintf("%s:%d: not a Quizmill results file (%s)", path, line,
                                      got == 0 ? "empty" : "a quoted field is not closed"));
    int at[IC_COUNT];
    for (int c = 0; c < IC_COUNT; c++) {
        at[c] = csv_column(f, n, import_names[c]);
        if (at[c] < 0 && (c == IC_ROUND || c == IC_ITEM || c == IC_CORRECT))
            return db_fail(err, xasprintf("%s:%d: not a Quizmill results file (no '%s' column)",
                                          path, line, import_names[c]));
    }
    /* A row is the k-th of its kind in the file (a match's host may award
     * the same points twice in one second): it is new when the database held
     * fewer than k such answers before the import. The export writes local
     * time without its offset, so an hour the clocks went back matches
     * either of its two moments. */
    sqlite3_stmt *ins = NULL, *rnd = NULL, *seen = NULL;
    int64_t before = 0;
    int rc =
        sqlite3_prepare_v2(d->rd.h, "SELECT coalesce(max(id), 0) FROM answers", -1, &seen, NULL);
    if (rc == SQLITE_OK && sqlite3_step(seen) == SQLITE_ROW)
        before = sqlite3_column_int64(seen, 0);
    sqlite3_finalize(seen);
    seen = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->rd.h,
                                "SELECT count(*) FROM answers WHERE id <= ?1 AND round = ?2"
                                " AND player = ?3 AND item = ?4 AND chosen = ?5 AND ms = ?6"
                                " AND points = ?7 AND at / 1000 IN (?8, ?9)",
                                -1, &seen, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->rd.h,
                                "INSERT INTO answers(round, player, item, difficulty, topic,"
                                " chosen, right, correct, ms, points, at)"
                                " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                -1, &ins, NULL);
    text_map copies = TEXT_MAP_INIT;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->rd.h,
                                "INSERT OR IGNORE INTO rounds(code, mode, difficulty, started)"
                                " VALUES(?1, 'imported', ?2, ?3)",
                                -1, &rnd, NULL);
    char *msg = NULL;
    while (rc == SQLITE_OK && (got = csv_next(r, &f, &n, &line)) > 0) {
        const char *v[IC_COUNT];
        for (int c = 0; c < IC_COUNT; c++)
            v[c] = at[c] >= 0 && (size_t)at[c] < n ? csv_unneutral(f[at[c]]) : "";
        bool blank = true;
        for (size_t c = 0; c < n; c++)
            blank = blank && f[c][0] == '\0';
        if (blank)
            continue;
        bool correct = false;
        long long ms = 0, points = 0;
        int64_t other = 0;
        int64_t when = v[IC_TIME][0] ? csv_parse_time(v[IC_TIME], &other) : 0;
        if (!v[IC_ITEM][0] || !parse_bool(v[IC_CORRECT], &correct) ||
            (v[IC_MS][0] && !parse_int(v[IC_MS], 0, UINT32_MAX, &ms)) ||
            (v[IC_POINTS][0] && !parse_int(v[IC_POINTS], -1000000000, 1000000000, &points)) ||
            when < 0) {
            msg = xasprintf("%s:%d: a malformed row (item, a time like 2026-11-27T10:15:02, "
                            "correct 1 or 0, ms and points numbers)",
                            path, line);
            break;
        }
        char *kind = xasprintf("%s\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%lld\x1f%lld", v[IC_ROUND],
                               v[IC_PLAYER], v[IC_ITEM], v[IC_CHOSEN], ms, points, (long long)when);
        bool added;
        size_t *k = text_map_put(&copies, kind, 0, &added);
        size_t copy = ++*k;
        free(kind);
        sqlite3_reset(seen);
        sqlite3_bind_int64(seen, 1, before);
        sqlite3_bind_text(seen, 2, v[IC_ROUND], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(seen, 3, v[IC_PLAYER], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(seen, 4, v[IC_ITEM], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(seen, 5, v[IC_CHOSEN], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(seen, 6, ms);
        sqlite3_bind_int64(seen, 7, points);
        sqlite3_bind_int64(seen, 8, when);
        sqlite3_bind_int64(seen, 9, other);
        if (sqlite3_step(seen) != SQLITE_ROW) {
            rc = SQLITE_ERROR;
            break;
        }
        bool known = (size_t)sqlite3_column_int64(seen, 0) >= copy;
        sqlite3_reset(seen);
        if (known)
            continue;
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, v[IC_ROUND], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, v[IC_PLAYER], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, v[IC_ITEM], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, v[IC_DIFF], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 5, v[IC_TOPIC], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 6, v[IC_CHOSEN], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 7, v[IC_RIGHT], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 8, correct);
        sqlite3_bind_int64(ins, 9, ms);
        sqlite3_bind_int64(ins, 10, points);
        sqlite3_bind_int64(ins, 11, when * 1000);
        if (db_step_all(ins) != SQLITE_DONE) {
            rc = SQLITE_ERROR;
            break;
        }
        *rows += (size_t)sqlite3_changes(d->rd.h);
        sqlite3_reset(rnd);
        sqlite3_bind_text(rnd, 1, v[IC_ROUND], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(rnd, 2, v[IC_DIFF], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(rnd, 3, when * 1000);
        if (db_step_all(rnd) != SQLITE_DONE)
            rc = SQLITE_ERROR;
    }
    if (!msg && got < 0)
        msg = xasprintf("%s:%d: a quoted field is not closed", path, line);
    if (!msg && rc != SQLITE_OK)
        msg = xasprintf("%s: cannot import: %s", path, sqlite3_errmsg(d->rd.h));
    sqlite3_finalize(ins);
    sqlite3_finalize(rnd);
    sqlite3_finalize(seen);
    text_map_release(&copies);
    return msg ? db_fail(err, msg) : 0;
}

int db_import_results(db *d, const char *path, size_t *rows, char **err)
{
    *rows = 0;
    if (db_imported(d, path))
        return 1;
    char *buf = NULL;
    size_t len = 0;
    if (read_file_max(path, IMPORT_MAX, &buf, &len) != 0)
        return db_fail(err, xasprintf("%s: cannot import: %s", path, read_file_strerror(errno)));
    size_t blank = 0;
    while (blank < len && (buf[blank] == '\r' || buf[blank] == '\n' || buf[blank] == ' '))
        blank++;
    if (blank == len) { /* an empty file: nothing to import */
        free(buf);
        if (mark_imported(d, path, 0) != SQLITE_OK)
            return db_fail(err, xasprintf("%s: cannot import: %s", path, sqlite3_errmsg(d->rd.h)));
        return 0;
    }
    size_t bad = utf8_check(buf, len);
    if (memchr(buf, '\0', len) || bad < len) {
        free(buf);
        return db_fail(
            err, xasprintf("%s: not a Quizmill results file (binary data or not UTF-8)", path));
    }
    if (db_exec_on(&d->rd, "BEGIN IMMEDIATE") != SQLITE_OK) {
        free(buf);
        return db_fail(err, xasprintf("%s: cannot import: %s", path, sqlite3_errmsg(d->rd.h)));
    }
    if (db_imported(d, path)) { /* another game did, meanwhile, or exported there */
        db_exec_on(&d->rd, "ROLLBACK");
        free(buf);
        return 1;
    }
    csv_reader *r = csv_open(buf, len);
    int rc = import_rows(d, path, r, rows, err);
    csv_close(r);
    free(buf);
    if (rc == 0 && mark_imported(d, path, *rows) == SQLITE_OK &&
        db_exec_on(&d->rd, "COMMIT") == SQLITE_OK)
        return 0;
    if (rc == 0)
        rc = db_fail(err, xasprintf("%s: cannot import: %s", path, sqlite3_errmsg(d->rd.h)));
    db_exec_on(&d->rd, "ROLLBACK");
    *rows = 0;
    return rc;
}

int db_import_scores(db *d, const char *path, size_t *rows, char **warning, char **err)
{
    *rows = 0;
    if (warning)
        *warning = NULL;
    if (db_imported(d, path))
        return 0;
    store_scores t;
    if (store_scores_load(path, &t, warning, err) != 0)
        return -1;
    if (db_exec_on(&d->rd, "BEGIN IMMEDIATE") != SQLITE_OK)
        return db_fail(err, xasprintf("%s: cannot import: %s", path, sqlite3_errmsg(d->rd.h)));
    int rc = SQLITE_OK;
    for (int k = 0; k < ITEM_DIFFICULTY_COUNT && rc == SQLITE_OK; k++) {
        for (size_t i = 0; i < t.n[k] && rc == SQLITE_OK; i++) {
            const store_score *e = &t.top[k][i];
            char code[64];
            snprintf(code, sizeof code, "scores.txt-%s-%zu",
                     item_difficulty_name((item_difficulty)k), i + 1);
            op o;
            memset(&o, 0, sizeof o);
            o.kind = OP_STANDING;
            o.round = code;
            o.player = (char *)e->name;
            o.difficulty = (char *)item_difficulty_name((item_difficulty)k);
            o.score = e->score;
            o.right = e->right;
            o.total = e->total;
            o.at = e->when;
            rc = db_write_op(&d->rd, &o);
            *rows += rc == SQLITE_OK;
        }
    }
    if (rc == SQLITE_OK)
        rc = mark_imported(d, path, *rows);
    if (rc == SQLITE_OK)
        rc = db_exec_on(&d->rd, "COMMIT");
    if (rc != SQLITE_OK) {
        char *msg = xasprintf("%s: cannot import: %s", path, sqlite3_errmsg(d->rd.h));
        db_exec_on(&d->rd, "ROLLBACK");
        *rows = 0;
        return db_fail(err, msg);
    }
    return 0;
}

/* ---- answers a close could not save ---- */

/* Imports (and then removes) the answers an earlier close could not save. */
void db_import_unsaved(db *d)
{
    char *dir = xstrdup(d->path);
    char *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : d->path;
    char *prefix = xasprintf("%s%s", base, DB_UNSAVED_SUFFIX);
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    DIR *dh = opendir(slash ? dir : ".");
    struct dirent *e;
    while (dh && (e = readdir(dh)) != NULL) {
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || n < 4 ||
            strcmp(e->d_name + n - 4, ".csv") != 0)
            continue;
        char *file = slash ? xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir, e->d_name)
                           : xstrdup(e->d_name);
        size_t rows = 0;
        if (db_import_results(d, file, &rows, NULL) >= 0) /* now or before */
            unlink(file);
        free(file);
    }
    if (dh)
        closedir(dh);
    free(prefix);
    free(dir);
}
