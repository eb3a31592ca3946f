/* test_store.c - atomic saves, the high-score table, the results CSV.
 *
 * Files go to a fresh mkdtemp folder under /tmp, removed at the end. The
 * time zone is set to UTC so CSV timestamps are fixed.
 */
#include "store.h"
#include "util.h"

#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WHEN 1795774502 /* 2026-11-27T10:15:02 UTC */

static char tmpdir[] = "/tmp/quizmill-store-XXXXXX";

static char *in_dir(const char *name)
{
    return xasprintf("%s/%s", tmpdir, name);
}

static void put(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    OK(f != NULL, "cannot create %s", path);
    if (!f)
        return;
    fwrite(data, 1, len, f);
    fclose(f);
}

static void puts_file(const char *path, const char *data)
{
    put(path, data, strlen(data));
}

/* The file's contents ("" when absent: check exists() for that); free it. */
static char *get(const char *path, size_t *len)
{
    char *buf;
    size_t n;
    if (read_file(path, &buf, &n) != 0) {
        buf = xstrdup("");
        n = 0;
    }
    if (len)
        *len = n;
    return buf;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Number of leftover temporary files ("*.tmp-*") in a folder. */
static int tmp_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".tmp-"))
            n++;
    closedir(d);
    return n;
}

/* Removes a folder and everything in it (one level of subfolders). */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            chmod(p, 0700);
            remove_tree(p);
        } else {
            unlink(p);
        }
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- atomic writes ---- */

static void test_atomic(void)
{
    char *path = in_dir("a.txt");
    char *err = NULL;
    INT_EQ(store_write_atomic(path, "hello\n", 6, &err), 0, "first save");
    char *got = get(path, NULL);
    STR_EQ(got, "hello\n", "saved contents");
    free(got);
    INT_EQ(tmp_files(tmpdir), 0, "no tmp left after success");

    INT_EQ(store_write_atomic(path, "bye", 3, &err), 0, "overwrite");
    got = get(path, NULL);
    STR_EQ(got, "bye", "overwritten contents");
    free(got);

    INT_EQ(store_write_atomic(path, "", 0, NULL), 0, "empty save");
    size_t len = 99;
    free(get(path, &len));
    INT_EQ(len, 0, "empty file");
    OK(exists(path), "empty file exists");

    /* A stale tmp with our PID (a crashed run) is replaced, then gone. */
    char *stale = xasprintf("%s.tmp-%ld", path, (long)getpid());
    puts_file(stale, "junk junk junk");
    INT_EQ(store_write_atomic(path, "fresh", 5, &err), 0, "save over a stale tmp");
    got = get(path, NULL);
    STR_EQ(got, "fresh", "fresh contents");
    free(got);
    OK(!exists(stale), "stale tmp gone");
    free(stale);

    /* Missing folder: fails before anything is written. */
    char *nodir = in_dir("missing/a.txt");
    INT_EQ(store_write_atomic(nodir, "x", 1, &err), -1, "missing folder fails");
    char *want = xasprintf("%s: cannot save: %s", nodir, strerror(ENOENT));
    STR_EQ(err, want, "missing folder message");
    free(want);
    free(err);
    err = NULL;
    free(nodir);

    /* A folder at path: the rename fails, the tmp is removed. */
    char *sub = in_dir("sub");
    mkdir(sub, 0700);
    INT_EQ(store_write_atomic(sub, "x", 1, &err), -1, "folder at path fails");
    OK(starts_with(err, sub) && strstr(err, ": cannot save: ") != NULL, "folder message: %s",
       err ? err : "(null)");
    free(err);
    err = NULL;
    OK(exists(sub), "folder still there");
    INT_EQ(tmp_files(tmpdir), 0, "no tmp left after a failed rename");
    INT_EQ(store_write_atomic(sub, "x", 1, NULL), -1, "err may be NULL");
    INT_EQ(tmp_files(tmpdir), 0, "no tmp left (err NULL)");
    free(sub);

    /* An unwritable folder: the old file is left whole. Root writes anyway. */
    if (geteuid() == 0) {
        printf("skipped: unwritable-folder check (running as root, permissions do not apply)\n");
    } else {
        char *ro = in_dir("ro");
        char *file = in_dir("ro/scores.txt");
        mkdir(ro, 0700);
        puts_file(file, "old");
        chmod(ro, 0500);
        INT_EQ(store_write_atomic(file, "new", 3, &err), -1, "unwritable folder fails");
        want = xasprintf("%s: cannot save: %s", file, strerror(EACCES));
        STR_EQ(err, want, "unwritable folder message");
        free(want);
        free(err);
        err = NULL;
        got = get(file, NULL);
        STR_EQ(got, "old", "old file untouched");
        free(got);
        INT_EQ(tmp_files(ro), 0, "no tmp in the unwritable folder");
        chmod(ro, 0700);
        free(file);
        free(ro);
    }
    free(path);
}

/* ---- names ---- */

static void name_case(const char *in, const char *want, const char *what)
{
    char out[STORE_NAME_MAX + 1];
    memset(out, 'X', sizeof out);
    store_name_clean(out, in);
    STR_EQ(out, want, "%s", what);
    OK(strlen(out) <= STORE_NAME_MAX, "%s: fits", what);
    OK(utf8_check(out, strlen(out)) == strlen(out), "%s: valid UTF-8", what);
}

static void test_names(void)
{
    name_case("Ada", "Ada", "plain");
    name_case("", "Player", "empty");
    name_case("   \t ", "Player", "only blanks");
    name_case("  Bob  ", "Bob", "trimmed");
    name_case("a\tb\nc\rd", "a b c d", "tab, LF, CR replaced");
    name_case("a\x7f"
              "b\x01"
              "c",
              "a b c", "DEL and C0 replaced");
    name_case("a\xc2\x85"
              "b",
              "a b", "C1 replaced");
    name_case("x\xffy", "x?y", "invalid byte replaced");
    name_case("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
              "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
              "nine e-acute cut to 8");
    name_case("abcdefghijklmno\xc3\xa9", "abcdefghijklmno", "two-byte char at byte 16 dropped");
    name_case("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac",
              "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac",
              "euro signs cut to 15 bytes");
    name_case("abcdefghijklm\xf0\x9f\x98\x80", "abcdefghijklm", "emoji past 16 dropped");
    name_case("abcdefghijkl\xf0\x9f\x98\x80", "abcdefghijkl\xf0\x9f\x98\x80",
              "emoji ending at 16 kept");
    name_case("abc\xe2\x82", "abc??", "truncated sequence: bytes replaced");
    name_case("A very long player name indeed", "A very long play", "long ASCII cut");
    name_case("abcdefghijklmno   z", "abcdefghijklmno", "trailing spaces after the cut trimmed");
}

/* ---- high scores ---- */

static store_score entry(const char *name, int score, int64_t when)
{
    store_score s;
    memset(&s, 0, sizeof s);
    snprintf(s.name, sizeof s.name, "%s", name);
    s.score = score;
    s.right = 3;
    s.total = 5;
    s.when = when;
    return s;
}

static void test_insert(void)
{
    store_scores t;
    memset(&t, 0, sizeof t);
    INT_EQ(store_scores_rank(&t, GEN_EASY, 0), -1, "0 never enters");
    INT_EQ(store_scores_rank(&t, GEN_EASY, -3), -1, "negative never enters");
    INT_EQ(store_scores_rank(&t, GEN_EASY, 1), 0, "first place in an empty table");
    INT_EQ(store_scores_rank(&t, GEN_DIFFICULTY_COUNT, 10), -1, "bad difficulty");

    store_score s = entry("first500", 500, 1);
    INT_EQ(store_scores_insert(&t, GEN_EASY, &s), 0, "500 first");
    s = entry("700", 700, 2);
    INT_EQ(store_scores_insert(&t, GEN_EASY, &s), 0, "700 on top");
    s = entry("second500", 500, 3);
    INT_EQ(store_scores_rank(&t, GEN_EASY, 500), 2, "a tie ranks below the older entry");
    INT_EQ(store_scores_insert(&t, GEN_EASY, &s), 2, "second 500 below the first");
    s = entry("900", 900, 4);
    INT_EQ(store_scores_insert(&t, GEN_EASY, &s), 0, "900 on top");
    s = entry("zero", 0, 5);
    INT_EQ(store_scores_insert(&t, GEN_EASY, &s), -1, "0 not inserted");
    INT_EQ(t.n[GEN_EASY], 4, "four entries");
    STR_EQ(t.top[GEN_EASY][0].name, "900", "order 0");
    STR_EQ(t.top[GEN_EASY][1].name, "700", "order 1");
    STR_EQ(t.top[GEN_EASY][2].name, "first500", "order 2: older tie above");
    STR_EQ(t.top[GEN_EASY][3].name, "second500", "order 3");
    INT_EQ(t.n[GEN_MEDIUM] + t.n[GEN_HARD], 0, "other difficulties untouched");
    INT_EQ(store_scores_rank(&t, GEN_EASY, 600), 2, "rank of 600");

    for (int i = 0; i < 6; i++) {
        s = entry("filler", 100 + i, 10 + i);
        OK(store_scores_insert(&t, GEN_EASY, &s) >= 0, "filler %d enters", i);
    }
    INT_EQ(t.n[GEN_EASY], STORE_TOP, "table full");
    INT_EQ(t.top[GEN_EASY][STORE_TOP - 1].score, 100, "lowest last");
    INT_EQ(store_scores_rank(&t, GEN_EASY, 100), -1, "tie with the last: no room");
    INT_EQ(store_scores_rank(&t, GEN_EASY, 99), -1, "below the last: no room");
    INT_EQ(store_scores_rank(&t, GEN_EASY, 101), 9, "above the last: last place");
    s = entry("top", 1000, 20);
    INT_EQ(store_scores_insert(&t, GEN_EASY, &s), 0, "new best into a full table");
    INT_EQ(t.n[GEN_EASY], STORE_TOP, "still full");
    INT_EQ(t.top[GEN_EASY][STORE_TOP - 1].score, 101, "the lowest fell off");
    s = entry("last", 102, 21);
    INT_EQ(store_scores_insert(&t, GEN_EASY, &s), 9, "tie with 102 goes below it, last place");
    INT_EQ(t.top[GEN_EASY][8].when, 12, "older 102 stays above");
    STR_EQ(t.top[GEN_EASY][9].name, "last", "newer 102 last");

    /* Names are cleaned on insert, including one cut mid-character. */
    memset(&s, 0, sizeof s);
    s.score = 50;
    memcpy(s.name, "abcdefghijklmnop\xc3", sizeof s.name); /* 17 bytes, no NUL */
    INT_EQ(store_scores_insert(&t, GEN_HARD, &s), 0, "hard entry");
    STR_EQ(t.top[GEN_HARD][0].name, "abcdefghijklmnop", "unterminated name cut at 16");
    s = entry("\t\n", 40, 0);
    store_scores_insert(&t, GEN_HARD, &s);
    STR_EQ(t.top[GEN_HARD][1].name, "Player", "blank name becomes Player");
    s = entry("Jo\tAnn", 30, 0);
    store_scores_insert(&t, GEN_HARD, &s);
    STR_EQ(t.top[GEN_HARD][2].name, "Jo Ann", "tab replaced");
}

static bool same_scores(const store_scores *a, const store_scores *b)
{
    for (int d = 0; d < GEN_DIFFICULTY_COUNT; d++) {
        if (a->n[d] != b->n[d])
            return false;
        for (size_t i = 0; i < a->n[d]; i++) {
            const store_score *x = &a->top[d][i], *y = &b->top[d][i];
            if (strcmp(x->name, y->name) != 0 || x->score != y->score || x->right != y->right ||
                x->total != y->total || x->when != y->when)
                return false;
        }
    }
    return true;
}

static void test_scores_roundtrip(void)
{
    char *path = in_dir("scores.txt");
    char *err = NULL, *warn = NULL;
    store_scores t, u;
    memset(&t, 0, sizeof t);
    store_score s = entry("Ada", 1200, WHEN);
    store_scores_insert(&t, GEN_EASY, &s);
    s = entry("M\xc3\xa4rta", 3000, WHEN + 1);
    s.right = 10;
    s.total = 10;
    store_scores_insert(&t, GEN_HARD, &s);
    s = entry("Ken", 800, -5);
    store_scores_insert(&t, GEN_HARD, &s);
    INT_EQ(store_scores_save(path, &t, &err), 0, "save");
    INT_EQ(tmp_files(tmpdir), 0, "no tmp after save");
    char *text = get(path, NULL);
    STR_EQ(text,
           "quizmill-scores 1\n"
           "easy\t1200\t3\t5\t1795774502\tAda\n"
           "hard\t3000\t10\t10\t1795774503\tM\xc3\xa4rta\n"
           "hard\t800\t3\t5\t-5\tKen\n",
           "file format");
    free(text);
    memset(&u, 0xff, sizeof u);
    INT_EQ(store_scores_load(path, &u, &warn, &err), 0, "load");
    OK(warn == NULL, "no warning");
    OK(err == NULL, "no error");
    OK(same_scores(&t, &u), "round trip");

    /* A full table in every difficulty survives too. */
    memset(&t, 0, sizeof t);
    for (int d = 0; d < GEN_DIFFICULTY_COUNT; d++)
        for (int i = 0; i < STORE_TOP + 3; i++) {
            s = entry("p", 10 * (i % 5 + 1) + d, i);
            snprintf(s.name, sizeof s.name, "p%d-%d", d, i);
            store_scores_insert(&t, (gen_difficulty)d, &s);
        }
    INT_EQ(store_scores_save(path, &t, &err), 0, "save full");
    INT_EQ(store_scores_load(path, &u, &warn, &err), 0, "load full");
    OK(warn == NULL, "full: no warning");
    OK(same_scores(&t, &u), "full round trip");

    /* Saving sorts and cleans a table filled by hand, and skips bad entries. */
    memset(&t, 0, sizeof t);
    t.top[GEN_MEDIUM][0] = entry("low", 10, 1);
    t.top[GEN_MEDIUM][1] = entry("hi\tgh", 90, 2);
    t.top[GEN_MEDIUM][2] = entry("neg", -4, 3);
    t.top[GEN_MEDIUM][3] = entry("mid", 50, 4);
    t.n[GEN_MEDIUM] = 4;
    INT_EQ(store_scores_save(path, &t, &err), 0, "save unsorted");
    text = get(path, NULL);
    STR_EQ(text,
           "quizmill-scores 1\n"
           "medium\t90\t3\t5\t2\thi gh\n"
           "medium\t50\t3\t5\t4\tmid\n"
           "medium\t10\t3\t5\t1\tlow\n",
           "saved sorted and clean");
    free(text);

    /* A hand-written file: sorted on load, ties in file order. */
    INT_EQ(store_scores_load(TEST_DATA_DIR "/store/scores-good.txt", &u, &warn, &err), 0,
           "data file loads");
    OK(warn == NULL, "data file: no warning");
    INT_EQ(u.n[GEN_EASY], 1, "data: easy");
    INT_EQ(u.n[GEN_MEDIUM], 3, "data: medium");
    INT_EQ(u.n[GEN_HARD], 1, "data: hard");
    STR_EQ(u.top[GEN_MEDIUM][0].name, "Linus T", "data: best first");
    STR_EQ(u.top[GEN_MEDIUM][1].name, "Grace", "data: tie in file order");
    STR_EQ(u.top[GEN_MEDIUM][2].name, "Ken", "data: tie in file order 2");
    STR_EQ(u.top[GEN_HARD][0].name, "M\xc3\xa4rta \xc3\x98", "data: UTF-8 name");
    INT_EQ(u.top[GEN_EASY][0].when, 1795774502, "data: time");

    /* CRLF line ends and no final line end are accepted. */
    puts_file(path, "quizmill-scores 1\r\nhard\t7\t1\t2\t3\tZed\r\neasy\t5\t0\t0\t0\tY");
    INT_EQ(store_scores_load(path, &u, &warn, &err), 0, "CRLF loads");
    OK(warn == NULL, "CRLF: no warning");
    INT_EQ(u.n[GEN_HARD], 1, "CRLF: hard entry");
    STR_EQ(u.top[GEN_HARD][0].name, "Zed", "CRLF: name without CR");
    STR_EQ(u.top[GEN_EASY][0].name, "Y", "no final line end: last entry read");
    puts_file(path, "quizmill-scores 1\n");
    INT_EQ(store_scores_load(path, &u, &warn, &err), 0, "magic only loads");
    OK(warn == NULL && u.n[0] + u.n[1] + u.n[2] == 0, "magic only: empty, no warning");
    free(path);
}

static void corrupt_case(const char *data, size_t len, const char *why, const char *what)
{
    char *path = in_dir("hs.txt");
    char *aside = in_dir("hs.txt.corrupt");
    put(path, data, len);
    store_scores t;
    memset(&t, 0xff, sizeof t);
    char *warn = NULL, *err = NULL;
    INT_EQ(store_scores_load(path, &t, &warn, &err), 0, "%s: returns 0", what);
    OK(err == NULL, "%s: no error", what);
    char *want = xasprintf("%s: corrupt high-score file set aside as %s: %s", path, aside, why);
    STR_EQ(warn, want, "%s: warning", what);
    free(want);
    OK(t.n[0] == 0 && t.n[1] == 0 && t.n[2] == 0, "%s: table empty", what);
    OK(!exists(path), "%s: file moved away", what);
    size_t got_len = 0;
    char *got = get(aside, &got_len);
    OK(exists(aside) && got_len == len && memcmp(got, data, len) == 0,
       "%s: .corrupt holds the old bytes", what);
    free(got);
    free(warn);
    free(err);
    free(aside);
    free(path);
}

#define CORRUPT(data, why, what) corrupt_case(data, sizeof data - 1, why, what)
#define MAGIC "quizmill-scores 1\n"

static void test_scores_corrupt(void)
{
    CORRUPT("", "empty file", "empty file");
    CORRUPT("quizmill-scores 2\n", "line 1: not \"quizmill-scores 1\"", "wrong magic");
    CORRUPT("easy\t1\t1\t1\t1\tA\n", "line 1: not \"quizmill-scores 1\"", "no magic");
    CORRUPT(MAGIC "easy\t10\t1\t2\t0\n", "line 2: 5 fields, expected 6", "too few fields");
    CORRUPT(MAGIC "easy\t10\t1\t2\t0\tA\tB\n", "line 2: 7 fields, expected 6", "too many fields");
    CORRUPT(MAGIC "easy\t10\t1\t2\t0\tA\n\neasy\t10\t1\t2\t0\tB\n", "line 3: 1 fields, expected 6",
            "blank line");
    CORRUPT(MAGIC "easy\tten\t1\t2\t0\tA\n", "line 2: score is not a number", "word for score");
    CORRUPT(MAGIC "easy\t10x\t1\t2\t0\tA\n", "line 2: score is not a number", "trailing garbage");
    CORRUPT(MAGIC "easy\t\t1\t2\t0\tA\n", "line 2: score is not a number", "empty score");
    CORRUPT(MAGIC "easy\t 10\t1\t2\t0\tA\n", "line 2: score is not a number", "space in number");
    CORRUPT(MAGIC "easy\t10\t1\t2\tnow\tA\n", "line 2: time is not a number", "word for time");
    CORRUPT(MAGIC "easy\t99999999999\t1\t2\t0\tA\n", "line 2: score out of range (99999999999)",
            "score too big");
    CORRUPT(MAGIC "easy\t1\t1\t2\t99999999999999999999\tA\n", "line 2: time is not a number",
            "time overflows");
    CORRUPT(MAGIC "easy\t-5\t1\t2\t0\tA\n", "line 2: score out of range (-5)", "negative score");
    CORRUPT(MAGIC "easy\t5\t3\t2\t0\tA\n", "line 2: right (3) above total (2)",
            "right above total");
    CORRUPT(MAGIC "Easy\t5\t1\t2\t0\tA\n", "line 2: unknown difficulty 'Easy'", "capitalised word");
    CORRUPT(MAGIC "expert\t5\t1\t2\t0\tA\n", "line 2: unknown difficulty 'expert'", "unknown word");
    CORRUPT(MAGIC "easy\t5\t1\t2\t0\t\n", "line 2: name of 0 bytes, expected 1 to 16",
            "empty name");
    CORRUPT(MAGIC "easy\t5\t1\t2\t0\tabcdefghijklmnopq\n",
            "line 2: name of 17 bytes, expected 1 to 16", "long name");
    CORRUPT(MAGIC "easy\t5\t1\t2\t0\ta\x01z\n", "line 2: control character 0x01 in the name",
            "control character");
    CORRUPT(MAGIC "easy\t5\t1\t2\t0\tA\r\r\n", "line 2: control character 0x0d in the name",
            "stray CR");
    CORRUPT(MAGIC "easy\t5\t1\t2\t0\tA\xff\n", "line 2: invalid UTF-8", "invalid UTF-8");
    CORRUPT(MAGIC "easy\t5\t1\t2\t0\tA\0B\n", "line 2: NUL byte", "NUL byte");
    CORRUPT(MAGIC "easy\t5\t1\t2\t0\tA\n\xc3\n", "line 3: invalid UTF-8", "UTF-8 on line 3");
    CORRUPT("\xef\xbb\xbf" MAGIC, "line 1: not \"quizmill-scores 1\"", "byte order mark");

    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, MAGIC);
    for (int i = 0; i <= STORE_TOP; i++)
        strbuf_addf(&sb, "medium\t%d\t1\t2\t0\tP%d\n", 100 - i, i);
    corrupt_case(sb.buf, sb.len, "line 12: more than 10 medium entries", "eleven entries");
    strbuf_release(&sb);

    /* A second corrupt file replaces the older .corrupt (checked above: each
     * case compares the .corrupt bytes with its own data). Warning may be NULL. */
    char *path = in_dir("hs.txt");
    puts_file(path, "garbage");
    store_scores t;
    char *err = NULL;
    INT_EQ(store_scores_load(path, &t, NULL, &err), 0, "corrupt with warning NULL");
    OK(!exists(path), "set aside with warning NULL");
    INT_EQ(tmp_files(tmpdir), 0, "no tmp files");
    free(path);
}

static void test_scores_missing_and_dir(void)
{
    char *path = in_dir("none.txt");
    char *aside = in_dir("none.txt.corrupt");
    store_scores t;
    memset(&t, 0xff, sizeof t);
    char *warn = (char *)1, *err = (char *)1;
    INT_EQ(store_scores_load(path, &t, &warn, &err), 0, "missing file is fine");
    OK(warn == NULL, "missing: no warning");
    OK(err == NULL, "missing: no error");
    OK(t.n[0] == 0 && t.n[1] == 0 && t.n[2] == 0, "missing: empty table");
    OK(!exists(aside), "missing: nothing set aside");
    free(aside);
    free(path);

    path = in_dir("dir.txt");
    mkdir(path, 0700);
    memset(&t, 0xff, sizeof t);
    INT_EQ(store_scores_load(path, &t, &warn, &err), -1, "a folder at path fails");
    char *want = xasprintf("%s: cannot read: %s", path, strerror(EISDIR));
    STR_EQ(err, want, "folder message");
    free(want);
    OK(warn == NULL, "folder: no warning");
    OK(t.n[0] == 0 && t.n[1] == 0 && t.n[2] == 0, "folder: empty table");
    OK(exists(path), "folder left alone");
    free(err);
    err = NULL;
    INT_EQ(store_scores_save(path, &t, &err), -1, "saving over a folder fails");
    OK(starts_with(err, path), "save error names the path");
    free(err);
    INT_EQ(tmp_files(tmpdir), 0, "no tmp after failed save");
    free(path);
}

/* ---- results CSV ---- */

static void test_results(void)
{
    char *path = in_dir("results.csv");
    char *err = NULL;
    store_result rows[3] = {
        {WHEN, "20261127-101502-3f2a", "Ada, \"the\" first", GEN_MEDIUM, "coffee",
         "0123456789abcdef", "Arabica\nand more", "Caf\xc3\xa9 \xe2\x80\x94 Robusta", false, 4100,
         0},
        {WHEN + 7, "20261127-101502-3f2a", "Ada", GEN_HARD, "great-lakes", "fedcba9876543210", "",
         "Lake Superior", false, 15000, 0},
        {WHEN + 65, "r", "M\xc3\xa4rta", GEN_EASY, "a\rb", "x", "yes", "yes", true, 900, 975},
    };
    rows[1].chosen = NULL; /* a timeout written as an empty field */

    INT_EQ(store_results_append(path, rows, 0, &err), 0, "nothing to append");
    OK(!exists(path), "n == 0 creates nothing");

    INT_EQ(store_results_append(path, rows, 2, &err), 0, "create with two rows");
    const char *want1 =
        "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points\r\n"
        "2026-11-27T10:15:02,20261127-101502-3f2a,\"Ada, \"\"the\"\" first\",medium,"
        "coffee,0123456789abcdef,\"Arabica\nand more\","
        "Caf\xc3\xa9 \xe2\x80\x94 Robusta,0,4100,0\r\n"
        "2026-11-27T10:15:09,20261127-101502-3f2a,Ada,hard,great-lakes,"
        "fedcba9876543210,,Lake Superior,0,15000,0\r\n";
    char *got = get(path, NULL);
    STR_EQ(got, want1, "new file");
    free(got);
    INT_EQ(tmp_files(tmpdir), 0, "no tmp after append");

    INT_EQ(store_results_append(path, rows + 2, 1, &err), 0, "append one");
    char *want2 = xasprintf(
        "%s%s", want1, "2026-11-27T10:16:07,r,M\xc3\xa4rta,easy,\"a\rb\",x,yes,yes,1,900,975\r\n");
    got = get(path, NULL);
    STR_EQ(got, want2, "old rows kept, new row appended");
    free(got);
    free(want2);

    /* An LF file written by someone else: its bytes are kept exactly. */
    size_t oldlen;
    char *old = get(TEST_DATA_DIR "/store/results-lf.csv", &oldlen);
    OK(oldlen > 0, "LF data file read");
    char *lf = in_dir("lf.csv");
    put(lf, old, oldlen);
    INT_EQ(store_results_append(lf, rows + 2, 1, &err), 0, "append to an LF file");
    size_t len;
    got = get(lf, &len);
    OK(len > oldlen && memcmp(got, old, oldlen) == 0, "LF file: old bytes kept byte for byte");
    STR_EQ(got + oldlen, "2026-11-27T10:16:07,r,M\xc3\xa4rta,easy,\"a\rb\",x,yes,yes,1,900,975\r\n",
           "LF file: new row");
    free(got);

    /* No line end after the last old row: one is added first. */
    put(lf, old, oldlen - 1);
    INT_EQ(store_results_append(lf, rows + 2, 1, &err), 0, "append after a missing line end");
    got = get(lf, &len);
    OK(memcmp(got, old, oldlen - 1) == 0, "old bytes kept");
    OK(strcmp(got + oldlen - 1, "\r\n2026-11-27T10:16:07,r,M\xc3\xa4rta,easy,\"a\rb\",x,yes,yes,1,"
                                "900,975\r\n") == 0,
       "line end added before the new row");
    free(got);

    /* Header only, without a line end. */
    puts_file(lf, store_results_header);
    INT_EQ(store_results_append(lf, rows + 2, 1, &err), 0, "append to a bare header");
    got = get(lf, NULL);
    char *want3 =
        xasprintf("%s\r\n%s", store_results_header,
                  "2026-11-27T10:16:07,r,M\xc3\xa4rta,easy,\"a\rb\",x,yes,yes,1,900,975\r\n");
    STR_EQ(got, want3, "bare header");
    free(want3);
    free(got);

    /* An empty file is treated as a new one. */
    puts_file(lf, "");
    INT_EQ(store_results_append(lf, rows + 2, 1, &err), 0, "append to an empty file");
    got = get(lf, NULL);
    OK(starts_with(got, store_results_header) &&
           strncmp(got + strlen(store_results_header), "\r\n", 2) == 0,
       "empty file gets the header");
    free(got);
    free(old);

    /* A foreign file is refused and left untouched. */
    static const char *const foreign[] = {
        "name,score\r\nAda,3\r\n",
        "timestamp,round,player\r\n",
        "\xef\xbb\xbftimestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,"
        "points\r\n",
        "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points,extra\n",
    };
    for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++) {
        puts_file(lf, foreign[i]);
        err = NULL;
        INT_EQ(store_results_append(lf, rows, 1, &err), -1, "foreign file %zu refused", i);
        char *want = xasprintf("%s: not a Quizmill results file (first line differs)", lf);
        STR_EQ(err, want, "foreign file %zu message", i);
        free(want);
        free(err);
        got = get(lf, NULL);
        STR_EQ(got, foreign[i], "foreign file %zu untouched", i);
        free(got);
        INT_EQ(store_results_append(lf, rows, 0, NULL), -1, "foreign file %zu refused with n 0", i);
    }

    /* A folder at path. */
    char *dir = in_dir("csvdir");
    mkdir(dir, 0700);
    err = NULL;
    INT_EQ(store_results_append(dir, rows, 1, &err), -1, "folder at path");
    char *want = xasprintf("%s: cannot read: %s", dir, strerror(EISDIR));
    STR_EQ(err, want, "folder message");
    free(want);
    free(err);
    free(dir);
    INT_EQ(tmp_files(tmpdir), 0, "no tmp left");
    free(lf);
    free(path);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    if (!mkdtemp(tmpdir)) {
        fprintf(stderr, "mkdtemp %s: %s\n", tmpdir, strerror(errno));
        return 1;
    }
    test_atomic();
    test_names();
    test_insert();
    test_scores_roundtrip();
    test_scores_corrupt();
    test_scores_missing_and_dir();
    test_results();
    remove_tree(tmpdir);
    return test_summary();
}
