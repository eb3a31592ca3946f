/* store.h - files written whole and atomically (the results export, the
 * copy of an imported file), and the high-score file of versions before the
 * database (db.h imports it once; store_scores_save() stays for tests and
 * for the format's round trip).
 *
 * Every save is atomic: the new contents go to a fresh temporary file
 * "path.tmp-XXXXXX" (mkstemp(): six random letters and digits, created
 * O_EXCL, so two writers never share one, not even two PID-1 containers on
 * one folder) in the same folder, are flushed and fsync'd, then renamed over
 * path (and the folder fsync'd), so a crash or power cut at any moment
 * leaves the old file or the new one whole, never a torn one. A named
 * temporary file rather than O_TMPFILE + linkat(): linkat() cannot replace
 * path, so a name was needed all the same, and O_TMPFILE is missing on some
 * file systems. A crash leaves the temporary file behind: store_clean_temps()
 * removes the old ones.
 *
 * When path is a symlink (or a chain of them) the save goes through it: the
 * file at its end is replaced, in that file's folder, and the link stays a
 * link; a dangling link gets the file it names. The new file keeps the old
 * one's permission bits (a new file: 0666 less the umask). A file without
 * any write bit (0444) is never replaced, even by root: "path: cannot save:
 * the file is read-only".
 *
 * High scores: a text file, first line "quizmill-scores 1", then one line
 * per entry: difficulty TAB score TAB right TAB total TAB unix-time TAB name.
 * The top STORE_TOP entries per difficulty are kept. A file that cannot be
 * parsed is set aside as "path.corrupt" (replacing an older one) with a
 * warning, and the table starts empty.
 *
 * Errors: functions that can fail return 0 or -1 with *err a malloc'd
 * one-line message "path: what failed: why" (free it); err may be NULL.
 */
#ifndef QUIZMILL_STORE_H
#define QUIZMILL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "item.h"

#define STORE_TOP 10
/* Bytes of a player's name, UTF-8, without the NUL: 24 characters of any
 * script (the name box's cap) fit, 4 bytes each at most. */
#define STORE_NAME_MAX 96
/* The largest high-score file read (a full table is some 1.5 KB), and the
 * reason it is set aside with when larger. */
#define STORE_SCORES_MAX_BYTES ((size_t)1 << 20)
#define STORE_SCORES_TOO_LARGE "larger than 1 MiB, the limit for a high-score file"
/* Temporary files are path + STORE_TEMP_SUFFIX + letters and digits. */
#define STORE_TEMP_SUFFIX ".tmp-"
/* store_clean_temps() leaves temporary files younger than this (seconds):
 * a live save's file is a few seconds old at most. */
#define STORE_TEMP_MAX_AGE 600

typedef struct store_score {
    char name[STORE_NAME_MAX + 1];
    int score;
    int right;
    int total;
    int64_t when; /* unix time */
} store_score;

typedef struct store_scores {
    store_score top[ITEM_DIFFICULTY_COUNT][STORE_TOP]; /* best first */
    size_t n[ITEM_DIFFICULTY_COUNT];
} store_scores;

/* Writes len bytes of data to path atomically (see above), through a
 * symlink, keeping the permission bits. On failure the temporary file is
 * removed, path is untouched and *err is "path: cannot save: why" (path as
 * given, not where its link leads; why "the file is read-only" for a file
 * without write bits). The one exception: when the rename succeeded but
 * syncing the folder failed, path already holds the new data (it may not
 * survive a power cut) and -1 is returned all the same. */
int store_write_atomic(const char *path, const char *data, size_t len, char **err);
/* The same for contents too large to hold at once: fill() writes them to fd
 * (store_write_all() helps) and returns 0, or -1 with errno set. */
int store_write_atomic_with(const char *path, int (*fill)(int fd, void *ctx), void *ctx,
                            char **err);
/* Writes all of data to fd, retrying short writes. Returns 0 or -1 (errno). */
int store_write_all(int fd, const char *data, size_t len);

/* Removes the temporary files a crashed save of path left behind: regular
 * files named path + STORE_TEMP_SUFFIX + 1 to 32 letters or digits (the
 * mkstemp() names and the "path.tmp-PID" ones of Quizmill 0.1) last
 * modified more than STORE_TEMP_MAX_AGE seconds ago, so a save running at
 * the same time in another process keeps its file. Looks beside path and,
 * when path is a symlink, beside the file it leads to. Never follows a
 * symlink named like a temporary file, nor removes one (only regular files
 * go). Errors are ignored: nothing depends on it. store_scores_load() calls
 * it for its path; call it for other saved files when starting. */
void store_clean_temps(const char *path);

/* Loads the table (after store_clean_temps(path)). The parse is strict:
 * the magic line, six fields a line, difficulty "easy", "medium" or "hard",
 * decimal numbers with score, right and total >= 0 and right <= total, a
 * name of 1..STORE_NAME_MAX bytes without ASCII control characters, at most
 * STORE_TOP entries per difficulty, valid UTF-8, no NUL byte; LF or CRLF
 * line ends. Entries are sorted on load (equal scores keep file order). A
 * missing file is an empty table (returns 0, no warning). A corrupt one,
 * or one of more than STORE_SCORES_MAX_BYTES (why: STORE_SCORES_TOO_LARGE),
 * is renamed to path.corrupt, *warning (may be NULL) gets "path: corrupt
 * high-score file set aside as path.corrupt: why", and the table is empty;
 * returns 0. Returns -1 with *err "path: cannot read: why" only when the
 * file exists but cannot be read, e.g. a folder ("is a folder"), a FIFO,
 * device or socket ("not a regular file (a FIFO, device or socket)", never
 * waited on) or a file without read permission; the table is empty then
 * too. */
int store_scores_load(const char *path, store_scores *t, char **warning, char **err);
/* Saves the table atomically, each difficulty best first (a stable sort).
 * Names are cleaned with store_name_clean(); entries that would not load
 * back (negative numbers, right > total) are left out. */
int store_scores_save(const char *path, const store_scores *t, char **err);

/* The place (0-based) a score would take in its difficulty's table, or -1
 * when it would not enter (a score of 0 never enters). */
int store_scores_rank(const store_scores *t, item_difficulty d, int score);
/* Inserts an entry (name cut to STORE_NAME_MAX bytes at a UTF-8 boundary,
 * control characters and tabs replaced by spaces, empty name -> "Player").
 * Returns its place, or -1 when it did not enter. Equal scores: the older
 * entry stays above. */
int store_scores_insert(store_scores *t, item_difficulty d, const store_score *s);

/* Cleans a player's name of any length into out (STORE_NAME_MAX + 1 bytes):
 * control characters (C0, DEL, C1) and tabs become spaces, bytes that are not
 * valid UTF-8 become '?', spaces at both ends are trimmed, the result is cut
 * to STORE_NAME_MAX bytes at a UTF-8 boundary, and an empty result is
 * "Player". store_scores_insert() applies it to s->name (read up to its NUL
 * or its STORE_NAME_MAX + 1 bytes, so a name cut mid-character loses the
 * partial character). */
void store_name_clean(char *out, const char *name);

/* The header line of the results CSV (db.h writes the rows), without its
 * line end. Rows: the answer's local time as "2026-11-27T10:15:02", round,
 * player, difficulty ("easy", ...), topic, item, chosen, right, correct ("1"
 * or "0"), ms, points. */
extern const char store_results_header[];

#endif
