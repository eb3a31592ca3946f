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
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WHEN 1795774502 /* 2026-11-27T10:15:02 UTC */
/* A watchdog for the loads that could block (a FIFO without a writer): the
 * test is killed by SIGALRM instead of hanging the suite. */
#define HANG_LIMIT_S 30

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
    char *got = test_slurp(path, NULL);
    STR_EQ(got, "hello\n", "saved contents");
    free(got);
    INT_EQ(tmp_files(tmpdir), 0, "no tmp left after success");

    INT_EQ(store_write_atomic(path, "bye", 3, &err), 0, "overwrite");
    got = test_slurp(path, NULL);
    STR_EQ(got, "bye", "overwritten contents");
    free(got);

    INT_EQ(store_write_atomic(path, "", 0, NULL), 0, "empty save");
    size_t len = 99;
    free(test_slurp(path, &len));
    INT_EQ(len, 0, "empty file");
    OK(test_exists(path), "empty file exists");

    /* A tmp named with our PID (as Quizmill 0.1 named them, so a save of
     * a process with the same PID, another container's PID 1, would have
     * taken it over) is neither used nor removed: the save picks its own
     * name. store_clean_temps() removes it once it is old. */
    char *stale = xasprintf("%s.tmp-%ld", path, (long)getpid());
    puts_file(stale, "junk junk junk");
    INT_EQ(store_write_atomic(path, "fresh", 5, &err), 0, "save beside a PID tmp");
    got = test_slurp(path, NULL);
    STR_EQ(got, "fresh", "fresh contents");
    free(got);
    got = test_slurp(stale, NULL);
    STR_EQ(got, "junk junk junk", "the PID tmp is not ours: left as it is");
    free(got);
    unlink(stale);
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
    OK(test_exists(sub), "folder still there");
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
        got = test_slurp(file, NULL);
        STR_EQ(got, "old", "old file untouched");
        free(got);
        INT_EQ(tmp_files(ro), 0, "no tmp in the unwritable folder");
        chmod(ro, 0700);
        free(file);
        free(ro);
    }
    free(path);
}

/* Whether path is a symlink reading want. */
static bool is_link_to(const char *path, const char *want)
{
    char buf[PATH_MAX];
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return false;
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0)
        return false;
    buf[n] = '\0';
    return strcmp(buf, want) == 0;
}

/* The permission bits of path (-1 when it is missing). */
static int mode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* Saves through symlinks: the file at the end changes, the links stay. */
static void test_atomic_links(void)
{
    char *err = NULL;
    char *real = in_dir("real.txt");
    char *link = in_dir("link.txt");
    puts_file(real, "old");
    OK(symlink("real.txt", link) == 0, "symlink %s: %s", link, strerror(errno));
    INT_EQ(store_write_atomic(link, "through the link", 16, &err), 0, "save through a link: %s",
           err ? err : "");
    OK(is_link_to(link, "real.txt"), "the link is still a link to real.txt");
    char *got = test_slurp(real, NULL);
    STR_EQ(got, "through the link", "the target has the new contents");
    free(got);
    INT_EQ(tmp_files(tmpdir), 0, "no tmp left after a save through a link");

    /* a chain, the last link absolute, the file in another folder: the
     * temporary file goes beside the file (a rename across folders could
     * fail; one across file systems would) */
    char *far_dir = in_dir("far");
    char *far = in_dir("far/target.txt");
    char *hop1 = in_dir("hop1"), *hop2 = in_dir("hop2");
    mkdir(far_dir, 0700);
    puts_file(far, "far old");
    OK(symlink(far, hop2) == 0, "symlink hop2 (absolute)");
    OK(symlink("hop2", hop1) == 0, "symlink hop1 -> hop2");
    INT_EQ(store_write_atomic(hop1, "far new", 7, &err), 0, "save through a chain: %s",
           err ? err : "");
    got = test_slurp(far, NULL);
    STR_EQ(got, "far new", "the end of the chain has the new contents");
    free(got);
    OK(is_link_to(hop1, "hop2") && is_link_to(hop2, far), "both links of the chain stay");
    INT_EQ(tmp_files(tmpdir) + tmp_files(far_dir), 0, "no tmp left beside the link or the file");

    /* a relative link out of a subfolder: read from the link's folder */
    char *up = in_dir("far/up.txt");
    OK(symlink("../real.txt", up) == 0, "symlink far/up.txt -> ../real.txt");
    INT_EQ(store_write_atomic(up, "up", 2, &err), 0, "save through ../: %s", err ? err : "");
    got = test_slurp(real, NULL);
    STR_EQ(got, "up", "a relative link is read from its own folder");
    free(got);
    OK(is_link_to(up, "../real.txt"), "the ../ link stays");

    /* a dangling link: the save makes the file it names */
    char *dangling = in_dir("dangling.txt");
    char *named = in_dir("named.txt");
    OK(symlink("named.txt", dangling) == 0, "symlink dangling.txt -> named.txt");
    INT_EQ(store_write_atomic(dangling, "made", 4, &err), 0, "save through a dangling link: %s",
           err ? err : "");
    OK(is_link_to(dangling, "named.txt"), "the dangling link stays a link");
    got = test_slurp(named, NULL);
    STR_EQ(got, "made", "the file it named now exists with the new contents");
    free(got);

    /* a loop fails, and leaves nothing */
    char *loop_a = in_dir("loop-a"), *loop_b = in_dir("loop-b");
    OK(symlink("loop-b", loop_a) == 0 && symlink("loop-a", loop_b) == 0, "a symlink loop");
    INT_EQ(store_write_atomic(loop_a, "x", 1, &err), -1, "a symlink loop fails");
    char *want = xasprintf("%s: cannot save: %s", loop_a, strerror(ELOOP));
    STR_EQ(err, want, "loop message");
    free(want);
    free(err);
    err = NULL;
    OK(is_link_to(loop_a, "loop-b") && is_link_to(loop_b, "loop-a"), "the loop left alone");
    INT_EQ(tmp_files(tmpdir), 0, "no tmp left after a loop");

    const char *const gone[] = {link, real, hop1, hop2, far, up, dangling, named, loop_a, loop_b};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        unlink(gone[i]);
    rmdir(far_dir);
    free(real);
    free(link);
    free(far_dir);
    free(far);
    free(hop1);
    free(hop2);
    free(up);
    free(dangling);
    free(named);
    free(loop_a);
    free(loop_b);
}

/* Permission bits: kept on a replace, umask for a new file, a file without
 * write bits refused (root included: the check is on the bits). */
static void test_atomic_modes(void)
{
    char *err = NULL;
    char *path = in_dir("mode.txt");
    puts_file(path, "old");
    chmod(path, 0640);
    INT_EQ(store_write_atomic(path, "new", 3, &err), 0, "save over a 0640 file");
    INT_EQ(mode_of(path), 0640, "0640 kept");
    chmod(path, 0604);
    INT_EQ(store_write_atomic(path, "newer", 5, &err), 0, "save over a 0604 file");
    INT_EQ(mode_of(path), 0604, "0604 kept");
    unlink(path);

    mode_t old_mask = umask(022);
    INT_EQ(store_write_atomic(path, "x", 1, &err), 0, "a new file, umask 022");
    INT_EQ(mode_of(path), 0644, "a new file gets 0644 under umask 022");
    unlink(path);
    umask(027);
    INT_EQ(store_write_atomic(path, "x", 1, &err), 0, "a new file, umask 027");
    INT_EQ(mode_of(path), 0640, "a new file gets 0640 under umask 027");
    umask(old_mask);

    /* read-only: refused, bytes and mode untouched, nothing left */
    puts_file(path, "keep me");
    chmod(path, 0444);
    INT_EQ(store_write_atomic(path, "lost", 4, &err), -1, "a 0444 file is not replaced");
    char *want = xasprintf("%s: cannot save: the file is read-only", path);
    STR_EQ(err, want, "read-only message");
    free(want);
    free(err);
    err = NULL;
    char *got = test_slurp(path, NULL);
    STR_EQ(got, "keep me", "the read-only file keeps its bytes");
    free(got);
    INT_EQ(mode_of(path), 0444, "and its mode");
    INT_EQ(tmp_files(tmpdir), 0, "no tmp left after a read-only refusal");

    /* the same through a link: the message names the path as given */
    char *link = in_dir("mode-link.txt");
    OK(symlink("mode.txt", link) == 0, "symlink to the read-only file");
    INT_EQ(store_write_atomic(link, "lost", 4, &err), -1, "read-only through a link");
    want = xasprintf("%s: cannot save: the file is read-only", link);
    STR_EQ(err, want, "read-only through a link: message");
    free(want);
    free(err);
    err = NULL;

    /* saving the scores table obeys it too */
    store_scores t;
    memset(&t, 0, sizeof t);
    INT_EQ(store_scores_save(path, &t, NULL), -1, "store_scores_save refuses a 0444 file");
    got = test_slurp(path, NULL);
    STR_EQ(got, "keep me", "still untouched");
    free(got);
    chmod(path, 0644);
    unlink(link);
    unlink(path);
    free(link);
    free(path);
}

/* Sets path's modification time to age seconds ago, the file itself when
 * it is a symlink. */
static void age(const char *path, time_t seconds)
{
    struct timespec ts[2];
    ts[0].tv_sec = ts[1].tv_sec = time(NULL) - seconds;
    ts[0].tv_nsec = ts[1].tv_nsec = 0;
    OK(utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW) == 0, "utimensat %s: %s", path,
       strerror(errno));
}

static void test_clean_temps(void)
{
    char *dir = in_dir("temps");
    mkdir(dir, 0700);
    char *path = xasprintf("%s/scores.txt", dir);
    puts_file(path, "quizmill-scores 1\n");
    const long hour = 3600;
    static const struct {
        const char *name; /* beside scores.txt */
        long age;         /* seconds */
        bool stays;
    } files[] = {
        {"scores.txt.tmp-4711", 3600, false},   /* an old PID name */
        {"scores.txt.tmp-a8ZkQ0", 3600, false}, /* an old mkstemp name */
        {"scores.txt.tmp-B7y2Pq", 0, true},     /* a live save's, seconds old */
        {"scores.txt.tmp-C7y2Pq", 300, true},   /* 5 minutes: under the limit */
        {"scores.txt.tmp-", 3600, true},        /* no suffix: not ours */
        {"scores.txt.tmp-ab.cd", 3600, true},   /* not letters and digits */
        {"scores.txt.corrupt", 3600, true},     /* another file of ours */
        {"results.csv.tmp-4711", 3600, true},   /* another file's temporary */
        {"xscores.txt.tmp-4711", 3600, true},   /* a longer name */
    };
    size_t n = sizeof files / sizeof files[0];
    for (size_t i = 0; i < n; i++) {
        char *p = xasprintf("%s/%s", dir, files[i].name);
        puts_file(p, "junk");
        if (files[i].age)
            age(p, files[i].age);
        free(p);
    }
    /* an old symlink named like a temporary file, to a file that must stay,
     * and an old folder: neither is removed nor followed */
    char *victim = xasprintf("%s/victim.txt", dir);
    char *link = xasprintf("%s/scores.txt.tmp-L1nk00", dir);
    char *folder = xasprintf("%s/scores.txt.tmp-D1r000", dir);
    puts_file(victim, "precious");
    age(victim, hour);
    OK(symlink("victim.txt", link) == 0, "symlink a temporary-looking link");
    age(link, hour);
    mkdir(folder, 0700);
    age(folder, hour);

    store_clean_temps(path);
    for (size_t i = 0; i < n; i++) {
        char *p = xasprintf("%s/%s", dir, files[i].name);
        OK(test_exists(p) == files[i].stays, "%s: %s", files[i].name,
           files[i].stays ? "must stay" : "must be removed");
        free(p);
    }
    OK(is_link_to(link, "victim.txt"), "a temporary-looking symlink stays");
    char *got = test_slurp(victim, NULL);
    STR_EQ(got, "precious", "what it points to stays, untouched");
    free(got);
    OK(test_exists(folder), "a temporary-looking folder stays");
    OK(test_exists(path), "the file itself stays");

    /* through a symlink: the temporary files beside the file it leads to
     * go too (saves make them there) */
    char *link_path = in_dir("scores-link.txt");
    OK(symlink(path, link_path) == 0, "symlink to scores.txt");
    char *old_tmp = xasprintf("%s.tmp-Old123", path);
    char *beside_link = xasprintf("%s.tmp-Old456", link_path);
    puts_file(old_tmp, "junk");
    puts_file(beside_link, "junk");
    age(old_tmp, hour);
    age(beside_link, hour);
    store_clean_temps(link_path);
    OK(!test_exists(old_tmp), "an old tmp beside the link's file is removed");
    OK(!test_exists(beside_link), "an old tmp beside the link is removed");

    /* store_scores_load() cleans before it reads */
    puts_file(old_tmp, "junk");
    age(old_tmp, hour);
    store_scores t;
    char *warn = NULL, *err = NULL;
    INT_EQ(store_scores_load(path, &t, &warn, &err), 0, "load");
    OK(warn == NULL && err == NULL, "load: no message");
    OK(!test_exists(old_tmp), "store_scores_load() removed the old tmp");

    store_clean_temps("/nonexistent-quizmill/scores.txt"); /* nothing to do, nothing breaks */
    store_clean_temps("");

    remove_tree(dir);
    unlink(link_path);
    free(link_path);
    free(old_tmp);
    free(beside_link);
    free(victim);
    free(link);
    free(folder);
    free(path);
    free(dir);
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
    /* the cut at STORE_NAME_MAX bytes falls on a character's boundary */
    char in[4 * STORE_NAME_MAX], want[4 * STORE_NAME_MAX];
    in[0] = want[0] = '\0';
    for (int i = 0; i <= STORE_NAME_MAX / 2; i++)
        strcat(in, "\xc3\xa9");
    for (int i = 0; i < STORE_NAME_MAX / 2; i++)
        strcat(want, "\xc3\xa9");
    name_case(in, want, "e-acute cut to STORE_NAME_MAX / 2 of them");
    memset(want, 'a', STORE_NAME_MAX - 1);
    want[STORE_NAME_MAX - 1] = '\0';
    snprintf(in, sizeof in, "%s\xc3\xa9", want);
    name_case(in, want, "two-byte char at the last byte dropped");
    snprintf(in, sizeof in, "%s   z", want);
    name_case(in, want, "trailing spaces after the cut trimmed");
    want[STORE_NAME_MAX - 3] = '\0';
    snprintf(in, sizeof in, "%s\xf0\x9f\x98\x80", want);
    name_case(in, want, "emoji past the end dropped");
    want[STORE_NAME_MAX - 4] = '\0';
    snprintf(in, sizeof in, "%s\xf0\x9f\x98\x80", want);
    name_case(in, in, "emoji ending at the last byte kept");
    in[0] = want[0] = '\0';
    for (int i = 0; i <= STORE_NAME_MAX / 3; i++)
        strcat(in, "\xe2\x82\xac");
    for (int i = 0; i < STORE_NAME_MAX / 3; i++)
        strcat(want, "\xe2\x82\xac");
    name_case(in, want, "euro signs cut to whole ones");
    name_case("Zo\xc3\xab Anna Maria", "Zo\xc3\xab Anna Maria", "accents, case and spaces kept");
    name_case("\xd0\x90\xd0\xbb\xd1\x91\xd0\xbd\xd0\xb0", "\xd0\x90\xd0\xbb\xd1\x91\xd0\xbd\xd0\xb0",
              "Cyrillic kept");
    name_case("abc\xe2\x82", "abc??", "truncated sequence: bytes replaced");
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
    INT_EQ(store_scores_rank(&t, ITEM_EASY, 0), -1, "0 never enters");
    INT_EQ(store_scores_rank(&t, ITEM_EASY, -3), -1, "negative never enters");
    INT_EQ(store_scores_rank(&t, ITEM_EASY, 1), 0, "first place in an empty table");
    INT_EQ(store_scores_rank(&t, ITEM_DIFFICULTY_COUNT, 10), -1, "bad difficulty");

    store_score s = entry("first500", 500, 1);
    INT_EQ(store_scores_insert(&t, ITEM_EASY, &s), 0, "500 first");
    s = entry("700", 700, 2);
    INT_EQ(store_scores_insert(&t, ITEM_EASY, &s), 0, "700 on top");
    s = entry("second500", 500, 3);
    INT_EQ(store_scores_rank(&t, ITEM_EASY, 500), 2, "a tie ranks below the older entry");
    INT_EQ(store_scores_insert(&t, ITEM_EASY, &s), 2, "second 500 below the first");
    s = entry("900", 900, 4);
    INT_EQ(store_scores_insert(&t, ITEM_EASY, &s), 0, "900 on top");
    s = entry("zero", 0, 5);
    INT_EQ(store_scores_insert(&t, ITEM_EASY, &s), -1, "0 not inserted");
    INT_EQ(t.n[ITEM_EASY], 4, "four entries");
    STR_EQ(t.top[ITEM_EASY][0].name, "900", "order 0");
    STR_EQ(t.top[ITEM_EASY][1].name, "700", "order 1");
    STR_EQ(t.top[ITEM_EASY][2].name, "first500", "order 2: older tie above");
    STR_EQ(t.top[ITEM_EASY][3].name, "second500", "order 3");
    INT_EQ(t.n[ITEM_MEDIUM] + t.n[ITEM_HARD], 0, "other difficulties untouched");
    INT_EQ(store_scores_rank(&t, ITEM_EASY, 600), 2, "rank of 600");

    for (int i = 0; i < 6; i++) {
        s = entry("filler", 100 + i, 10 + i);
        OK(store_scores_insert(&t, ITEM_EASY, &s) >= 0, "filler %d enters", i);
    }
    INT_EQ(t.n[ITEM_EASY], STORE_TOP, "table full");
    INT_EQ(t.top[ITEM_EASY][STORE_TOP - 1].score, 100, "lowest last");
    INT_EQ(store_scores_rank(&t, ITEM_EASY, 100), -1, "tie with the last: no room");
    INT_EQ(store_scores_rank(&t, ITEM_EASY, 99), -1, "below the last: no room");
    INT_EQ(store_scores_rank(&t, ITEM_EASY, 101), 9, "above the last: last place");
    s = entry("top", 1000, 20);
    INT_EQ(store_scores_insert(&t, ITEM_EASY, &s), 0, "new best into a full table");
    INT_EQ(t.n[ITEM_EASY], STORE_TOP, "still full");
    INT_EQ(t.top[ITEM_EASY][STORE_TOP - 1].score, 101, "the lowest fell off");
    s = entry("last", 102, 21);
    INT_EQ(store_scores_insert(&t, ITEM_EASY, &s), 9, "tie with 102 goes below it, last place");
    INT_EQ(t.top[ITEM_EASY][8].when, 12, "older 102 stays above");
    STR_EQ(t.top[ITEM_EASY][9].name, "last", "newer 102 last");

    /* Names are cleaned on insert, including one cut mid-character. */
    memset(&s, 0, sizeof s);
    s.score = 50;
    memset(s.name, 'a', STORE_NAME_MAX);
    s.name[STORE_NAME_MAX] = '\xc3'; /* STORE_NAME_MAX + 1 bytes, no NUL */
    INT_EQ(store_scores_insert(&t, ITEM_HARD, &s), 0, "hard entry");
    INT_EQ(strlen(t.top[ITEM_HARD][0].name), STORE_NAME_MAX, "unterminated name cut");
    s = entry("\t\n", 40, 0);
    store_scores_insert(&t, ITEM_HARD, &s);
    STR_EQ(t.top[ITEM_HARD][1].name, "Player", "blank name becomes Player");
    s = entry("Jo\tAnn", 30, 0);
    store_scores_insert(&t, ITEM_HARD, &s);
    STR_EQ(t.top[ITEM_HARD][2].name, "Jo Ann", "tab replaced");
}

static bool same_scores(const store_scores *a, const store_scores *b)
{
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
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
    store_scores_insert(&t, ITEM_EASY, &s);
    s = entry("M\xc3\xa4rta", 3000, WHEN + 1);
    s.right = 10;
    s.total = 10;
    store_scores_insert(&t, ITEM_HARD, &s);
    s = entry("Ken", 800, -5);
    store_scores_insert(&t, ITEM_HARD, &s);
    INT_EQ(store_scores_save(path, &t, &err), 0, "save");
    INT_EQ(tmp_files(tmpdir), 0, "no tmp after save");
    char *text = test_slurp(path, NULL);
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
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++)
        for (int i = 0; i < STORE_TOP + 3; i++) {
            s = entry("p", 10 * (i % 5 + 1) + d, i);
            snprintf(s.name, sizeof s.name, "p%d-%d", d, i);
            store_scores_insert(&t, (item_difficulty)d, &s);
        }
    INT_EQ(store_scores_save(path, &t, &err), 0, "save full");
    INT_EQ(store_scores_load(path, &u, &warn, &err), 0, "load full");
    OK(warn == NULL, "full: no warning");
    OK(same_scores(&t, &u), "full round trip");

    /* Saving sorts and cleans a table filled by hand, and skips bad entries. */
    memset(&t, 0, sizeof t);
    t.top[ITEM_MEDIUM][0] = entry("low", 10, 1);
    t.top[ITEM_MEDIUM][1] = entry("hi\tgh", 90, 2);
    t.top[ITEM_MEDIUM][2] = entry("neg", -4, 3);
    t.top[ITEM_MEDIUM][3] = entry("mid", 50, 4);
    t.n[ITEM_MEDIUM] = 4;
    INT_EQ(store_scores_save(path, &t, &err), 0, "save unsorted");
    text = test_slurp(path, NULL);
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
    INT_EQ(u.n[ITEM_EASY], 1, "data: easy");
    INT_EQ(u.n[ITEM_MEDIUM], 3, "data: medium");
    INT_EQ(u.n[ITEM_HARD], 1, "data: hard");
    STR_EQ(u.top[ITEM_MEDIUM][0].name, "Linus T", "data: best first");
    STR_EQ(u.top[ITEM_MEDIUM][1].name, "Grace", "data: tie in file order");
    STR_EQ(u.top[ITEM_MEDIUM][2].name, "Ken", "data: tie in file order 2");
    STR_EQ(u.top[ITEM_HARD][0].name, "M\xc3\xa4rta \xc3\x98", "data: UTF-8 name");
    INT_EQ(u.top[ITEM_EASY][0].when, 1795774502, "data: time");

    /* CRLF line ends and no final line end are accepted. */
    puts_file(path, "quizmill-scores 1\r\nhard\t7\t1\t2\t3\tZed\r\neasy\t5\t0\t0\t0\tY");
    INT_EQ(store_scores_load(path, &u, &warn, &err), 0, "CRLF loads");
    OK(warn == NULL, "CRLF: no warning");
    INT_EQ(u.n[ITEM_HARD], 1, "CRLF: hard entry");
    STR_EQ(u.top[ITEM_HARD][0].name, "Zed", "CRLF: name without CR");
    STR_EQ(u.top[ITEM_EASY][0].name, "Y", "no final line end: last entry read");
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
    OK(!test_exists(path), "%s: file moved away", what);
    size_t got_len = 0;
    char *got = test_slurp(aside, &got_len);
    OK(test_exists(aside) && got_len == len && memcmp(got, data, len) == 0,
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
    CORRUPT(MAGIC "easy\t5\t1\t2\t0\t\n", "line 2: name of 0 bytes, expected 1 to 96",
            "empty name");
    _Static_assert(STORE_NAME_MAX == 96, "the long name below is 97 bytes");
    CORRUPT(MAGIC "easy\t5\t1\t2\t0\t"
                  "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
                  "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrs\n",
            "line 2: name of 97 bytes, expected 1 to 96", "long name");
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

    /* The size cap: a file of STORE_SCORES_MAX_BYTES is read (and found
     * corrupt by its contents), one byte more is set aside unparsed. */
    size_t cap = STORE_SCORES_MAX_BYTES;
    char *huge = xmalloc(cap + 1);
    memcpy(huge, MAGIC, strlen(MAGIC));
    memset(huge + strlen(MAGIC), 'x', cap + 1 - strlen(MAGIC));
    corrupt_case(huge, cap, "line 2: 1 fields, expected 6", "exactly the size cap");
    corrupt_case(huge, cap + 1, STORE_SCORES_TOO_LARGE, "one byte over the size cap");
    STR_EQ(STORE_SCORES_TOO_LARGE, "larger than 1 MiB, the limit for a high-score file",
           "the cap's reason names it");
    free(huge);

    /* A second corrupt file replaces the older .corrupt (checked above: each
     * case compares the .corrupt bytes with its own data). Warning may be NULL. */
    char *path = in_dir("hs.txt");
    puts_file(path, "garbage");
    store_scores t;
    char *err = NULL;
    INT_EQ(store_scores_load(path, &t, NULL, &err), 0, "corrupt with warning NULL");
    OK(!test_exists(path), "set aside with warning NULL");
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
    OK(!test_exists(aside), "missing: nothing set aside");
    free(aside);
    free(path);

    path = in_dir("dir.txt");
    mkdir(path, 0700);
    memset(&t, 0xff, sizeof t);
    INT_EQ(store_scores_load(path, &t, &warn, &err), -1, "a folder at path fails");
    char *want = xasprintf("%s: cannot read: is a folder", path);
    STR_EQ(err, want, "folder message");
    free(want);
    OK(warn == NULL, "folder: no warning");
    OK(t.n[0] == 0 && t.n[1] == 0 && t.n[2] == 0, "folder: empty table");
    OK(test_exists(path), "folder left alone");
    free(err);
    err = NULL;
    INT_EQ(store_scores_save(path, &t, &err), -1, "saving over a folder fails");
    OK(starts_with(err, path), "save error names the path");
    free(err);
    INT_EQ(tmp_files(tmpdir), 0, "no tmp after failed save");
    free(path);
}

/* A FIFO or a device at the scores path: refused at once with a reason,
 * never waited on, never set aside (it is no file of ours to move). */
static void test_scores_special(void)
{
    char *fifo = in_dir("fifo-scores.txt");
    char *aside = in_dir("fifo-scores.txt.corrupt");
    OK(mkfifo(fifo, 0600) == 0, "mkfifo %s: %s", fifo, strerror(errno));
    store_scores t;
    memset(&t, 0xff, sizeof t);
    char *warn = NULL, *err = NULL;
    alarm(HANG_LIMIT_S);
    INT_EQ(store_scores_load(fifo, &t, &warn, &err), -1, "a FIFO at the scores path fails");
    alarm(0);
    char *want = xasprintf("%s: cannot read: not a regular file (a FIFO, device or socket)", fifo);
    STR_EQ(err, want, "FIFO message");
    free(want);
    free(err);
    OK(warn == NULL, "FIFO: no warning");
    OK(t.n[0] == 0 && t.n[1] == 0 && t.n[2] == 0, "FIFO: empty table");
    struct stat st;
    OK(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode), "the FIFO left in place");
    OK(!test_exists(aside), "FIFO: nothing set aside");
    unlink(fifo);

    if (stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode)) {
        err = NULL;
        alarm(HANG_LIMIT_S);
        INT_EQ(store_scores_load("/dev/null", &t, &warn, &err), -1, "/dev/null fails");
        alarm(0);
        STR_EQ(err, "/dev/null: cannot read: not a regular file (a FIFO, device or socket)",
               "/dev/null message");
        free(err);
        OK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode), "/dev/null left alone");
    } else {
        printf("skipped: /dev/null is no character device here\n");
    }
    free(aside);
    free(fifo);
}

/* ---- results CSV ---- */

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    if (!mkdtemp(tmpdir)) {
        fprintf(stderr, "mkdtemp %s: %s\n", tmpdir, strerror(errno));
        return 1;
    }
    test_atomic();
    test_atomic_links();
    test_atomic_modes();
    test_clean_temps();
    test_names();
    test_insert();
    test_scores_roundtrip();
    test_scores_corrupt();
    test_scores_missing_and_dir();
    test_scores_special();
    remove_tree(tmpdir);
    return test_summary();
}
