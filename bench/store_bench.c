/* store_bench.c - what the store of record (game/core/db.c: SQLite, WAL,
 * synchronous=FULL; writes queued and committed by a writer thread with its
 * own connection) costs a frame, how soon an answer is on disk, and what a
 * database of 100,000 answers weighs. Start reading at main().
 *
 *   store_bench [-k] [FOLDER]
 *       FOLDER  where to make the scratch folder quizmill-store-bench-XXXXXX
 *               (default: $TMPDIR, else /tmp); name a folder on the disk the
 *               game's data lives on to measure that disk
 *       -k      keep the scratch folder (its path is printed)
 *
 * Measures, in one run (about 30 s, 20 of them the paced games):
 * 1. what a frame pays: the time db_answer_add() takes to return, as the
 *    game calls it (a database opened with db_open(), rounds of 10 begun
 *    with db_begin_round(), an item built by hand: 4 choices of ~60 bytes,
 *    prompt ~120, source ~200; schedule on for a named player), 2,000
 *    answers given every 2 ms: p50, p90, p99, max against the goal
 *    p99 < 5 ms (a frame never waits for the disk). A call over 1 ms is
 *    explained by the calling thread's context switches during it
 *    (getrusage RUSAGE_THREAD): "blocked" (it slept: the queue's mutex held
 *    by the writer, or a page fault's I/O), "preempted" (a busy machine), or
 *    "neither" (it ran that long, or a VM's host did not run it).
 * 2. how soon an answer is on disk, same run: from the call of
 *    db_answer_add() to its commit hook (db_on_commit(), called on the
 *    writer thread once the transaction holding it is committed); then
 *    db_sync() and the check that the database holds every answer and every
 *    hook was called.
 * 3. several games at once: 1, then 4 forked processes each open the same
 *    (new) database and give 1,000 answers in their own rounds, back to
 *    back; then 4 games each giving 1,000 answers at the same instants every
 *    20 ms (answering together rather than back to back). For each: the
 *    answers/s until every game's db_sync() returned, the frame cost and the
 *    time to disk (pooled, and each game's p99/max), and the check that
 *    every answer of every game is in the database.
 * 4. a database of 100,000 answers (10,000 rounds of 10, 200 distinct
 *    items, 50 players, a standing per round), given back to back (the
 *    queue kept under 10,000 writes; the writer batches what is queued)
 *    until db_sync() returns: the fill time, the size of quizmill.db plus
 *    -wal, bytes per answer, db_export_csv() of every answer (time and CSV
 *    size), db_scores(), and the size after db_close() (checkpointed).
 *
 * Prints one line per figure, ready for a README. Exit status 0; 1 when an
 * answer is missing, a commit hook was not called or a write fails; 2 on bad
 * usage.
 */
#define _GNU_SOURCE       /* RUSAGE_THREAD, MAP_ANONYMOUS */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "util.h"

#define FRAME_ANSWERS 2000
#define FRAME_PACE_MS 2.0 /* part 1: an answer every FRAME_PACE_MS */
#define ROUND_LEN 10
#define WRITERS_MAX 4
#define WRITER_ANSWERS 1000
#ifndef PACE_MS
#define PACE_MS 20 /* the paced games: an answer each every PACE_MS */
#endif
#ifndef PACED_ANSWERS
#define PACED_ANSWERS 1000
#endif
_Static_assert(PACED_ANSWERS <= WRITER_ANSWERS, "the shared arrays hold WRITER_ANSWERS a game");
#define FILL_ANSWERS 100000
#define FILL_ITEMS 200
#define FILL_PLAYERS 50
#define FILL_QUEUE 10000 /* the fill waits while more writes are queued */
#define SYNC_MS 60000    /* db_sync()'s time-out */
#define GOAL_P99_MS 5.0
#define FRAME_MS (1000.0 / 60) /* one frame at 60 Hz */
#define SLOW_MS 1.0            /* a call this slow is explained: blocked or preempted */
#define ARTICLE "Turkmenistan and Kazakhstan"
#define BASE_AT 1785000000000LL /* unix ms: answers' time stamps start here */

static int failures; /* writes that failed, answers missing: the exit status */

/* ---- time and figures ---- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct quantiles {
    size_t n;
    double p50, p90, p99, max;
    size_t over_goal, over_frame; /* samples over GOAL_P99_MS, over FRAME_MS */
} quantiles;

/* Nearest-rank quantiles of n samples (sorts v); all 0 when n is 0. */
static quantiles quantiles_of(double *v, size_t n)
{
    quantiles q = {0};
    q.n = n;
    if (n == 0)
        return q;
    qsort(v, n, sizeof *v, cmp_double);
    for (size_t i = 0; i < n; i++) {
        q.over_goal += v[i] > GOAL_P99_MS;
        q.over_frame += v[i] > FRAME_MS;
    }
#define RANK(p) v[(size_t)ceil((p) * (double)n) - 1]
    q.p50 = RANK(0.50);
    q.p90 = RANK(0.90);
    q.p99 = RANK(0.99);
#undef RANK
    q.max = v[n - 1];
    return q;
}

static double mb(double bytes)
{
    return bytes / 1e6;
}

static long long file_size(const char *dir, const char *name)
{
    char *p = xasprintf("%s/%s", dir, name);
    struct stat st;
    long long n = stat(p, &st) == 0 ? (long long)st.st_size : 0;
    free(p);
    return n;
}

static const char *fs_name(const char *dir)
{
    struct statfs s;
    if (statfs(dir, &s) != 0)
        return "unknown file system";
    switch ((unsigned long)s.f_type) {
    case 0xEF53UL:
        return "ext4";
    case 0x01021994UL:
        return "tmpfs: fsync costs nothing here, name a folder on a disk";
    case 0x58465342UL:
        return "xfs";
    case 0x9123683EUL:
        return "btrfs";
    case 0x794C7630UL:
        return "overlayfs";
    case 0x6969UL:
        return "nfs";
    case 0x65735546UL:
        return "fuse";
    case 0x4D44UL:
        return "vfat";
    default:
        return "another file system";
    }
}

/* ---- the items, built by hand to the sizes the generator's have ---- */

static const char *const filler_words[] = {
    "the",     "river", "basin",      "of",     "steppe", "trade", "along",   "northern", "caravan",
    "routes",  "which", "linked",     "oasis",  "towns",  "with",  "Caspian", "ports",    "during",
    "century", "and",   "irrigation", "canals", "cotton", "grain", "market",  "herders"};

/* A text of exactly len bytes starting with head, padded with words. */
static char *text_of(const char *head, size_t len, unsigned seed)
{
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, head);
    size_t nw = sizeof filler_words / sizeof *filler_words;
    for (unsigned k = seed; sb.len < len; k = k * 1103515245u + 12345u) {
        strbuf_addc(&sb, ' ');
        strbuf_adds(&sb, filler_words[(k >> 16) % nw]);
    }
    sb.buf[len] = '\0';
    sb.len = len;
    if (sb.buf[len - 1] == ' ')
        sb.buf[len - 1] = '.';
    return strbuf_detach(&sb);
}

static void item_make(item *it, unsigned i)
{
    memset(it, 0, sizeof *it);
    snprintf(it->id, sizeof it->id, "%016llx",
             (unsigned long long)hash64(&i, sizeof i, 0x9e3779b97f4a7c15ULL));
    it->topic = xasprintf("topic-%02u", i % 24);
    it->section = xasprintf("Section %u of the article", i % 24);
    it->kind = ITEM_CLOZE;
    char head[64];
    snprintf(head, sizeof head, "In item %u, _____", i);
    it->prompt = text_of(head, 120, i);
    it->nchoices = 4;
    for (unsigned c = 0; c < 4; c++) {
        snprintf(head, sizeof head, "Choice %u of %u:", c, i);
        it->choices[c] = text_of(head, 58 + c * 2, i * 4 + c);
    }
    it->answer = i % 4;
    snprintf(head, sizeof head, "Source sentence %u:", i);
    it->source = text_of(head, 200, i + 7);
}

static void item_free(item *it)
{
    free(it->topic);
    free(it->section);
    free(it->prompt);
    for (size_t c = 0; c < it->nchoices; c++)
        free(it->choices[c]);
    free(it->source);
}

static item items[FILL_ITEMS];

/* ---- writing as the game does ---- */

static db *open_or_die(const char *path)
{
    db *d;
    char *err;
    if (db_open(path, &d, &err) != 0) {
        fprintf(stderr, "store_bench: %s\n", err);
        free(err);
        exit(1);
    }
    return d;
}

static void close_checked(db *d)
{
    char *err = NULL;
    size_t lost = db_close(d, &err);
    if (lost) {
        fprintf(stderr, "store_bench: %zu writes lost at close: %s\n", lost, err ? err : "");
        failures++;
    }
    free(err);
}

/* Waits until everything queued on d is committed. */
static void sync_checked(db *d)
{
    char *err = NULL;
    if (db_sync(d, SYNC_MS, &err) != 0) {
        fprintf(stderr, "store_bench: %s\n", err);
        failures++;
    }
    free(err);
}

static void begin_round(db *d, const char *code, int64_t at)
{
    db_round r = {code, "solo", ITEM_MEDIUM, ARTICLE, at};
    char *err = NULL;
    if (db_begin_round(d, &r, &err) != 0) {
        fprintf(stderr, "store_bench: %s\n", err);
        failures++;
    }
    free(err);
}

/* Why a call was slow, from the thread's context switches during it. */
enum { SLOW_NOT, SLOW_BLOCKED, SLOW_PREEMPTED, SLOW_RAN };

static void switches(long *vol, long *invol)
{
    struct rusage ru;
    getrusage(RUSAGE_THREAD, &ru);
    *vol = ru.ru_nvcsw;
    *invol = ru.ru_nivcsw;
}

/* Adds answer seq of round code as the game does: *called gets the moment
 * of the call (now_ms()), *slow (may be NULL) why it took over SLOW_MS: the
 * thread slept (blocked: the queue's mutex, a page fault's I/O), was
 * preempted, or neither (it ran, or the machine did not run it: a VM's
 * steal). Returns how long db_answer_add() took (ms). */
static double add_answer(db *d, const char *code, size_t seq, const char *player,
                         const item *it, unsigned k, int64_t at, double *called,
                         unsigned char *slow)
{
    size_t pick = (it->answer + (k % 3 == 0)) % it->nchoices; /* two in three right */
    db_answer a = {
        .round = code,
        .seq = seq,
        .player = player,
        .article = ARTICLE,
        .item = it,
        .difficulty = ITEM_MEDIUM,
        .chosen = it->choices[pick],
        .correct = pick == it->answer,
        .ms = 1500 + k % 9000,
        .points = pick == it->answer ? 100 + (int)(k % 50) : 0,
        .at = at,
        .schedule = true,
    };
    char *err = NULL;
    long vol0 = 0, invol0 = 0, vol1 = 0, invol1 = 0;
    if (slow)
        switches(&vol0, &invol0);
    double t0 = now_ms();
    int rc = db_answer_add(d, &a, &err);
    double t = now_ms() - t0;
    if (slow) {
        switches(&vol1, &invol1);
        *slow = t <= SLOW_MS      ? SLOW_NOT
                : vol1 > vol0     ? SLOW_BLOCKED
                : invol1 > invol0 ? SLOW_PREEMPTED
                                  : SLOW_RAN;
    }
    if (rc != 0) { /* an earlier write is failing: this one is queued all the same */
        fprintf(stderr, "store_bench: %s\n", err);
        failures++;
    }
    free(err);
    if (called)
        *called = t0;
    return t;
}

/* Sleeps until t (now_ms()'s clock). */
static void sleep_until(double t)
{
    struct timespec ts = {(time_t)(t / 1e3), (long)(fmod(t, 1e3) * 1e6)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

/* One game's answers as timed: answer i is the seq (i % ROUND_LEN) of the
 * round "PREFIX-(i / ROUND_LEN)". */
typedef struct timing {
    double *called;      /* when db_answer_add() was called (now_ms()) */
    double *cost;        /* how long it took to return (ms) */
    double *commit;      /* when its commit hook ran; 0 until then */
    unsigned char *slow; /* SLOW_*: why the call took over SLOW_MS */
    size_t n;
} timing;

/* The commit hook (on the writer thread): stamps the answer's commit. The
 * caller reads the stamps after db_sync(), whose mutex orders them. */
static void on_commit(void *ctx, const char *round, size_t seq)
{
    timing *t = ctx;
    const char *dash = strrchr(round, '-');
    if (!dash)
        return;
    size_t i = (size_t)strtoul(dash + 1, NULL, 10) * ROUND_LEN + seq;
    if (i < t->n && t->commit[i] == 0)
        t->commit[i] = now_ms();
}

/* Gives t->n answers in rounds of ROUND_LEN on d; with pace > 0 answer i is
 * given at start + i * pace (ms), else at once. Returns the longest queue
 * (db_pending()) seen after an answer. */
static size_t give_answers(db *d, const char *prefix, const char *player, timing *t, double start,
                           double pace)
{
    char code[64] = "";
    size_t longest = 0;
    for (size_t i = 0; i < t->n; i++) {
        int64_t at = BASE_AT + (int64_t)i * 4000;
        if (pace > 0)
            sleep_until(start + (double)i * pace);
        if (i % ROUND_LEN == 0) {
            snprintf(code, sizeof code, "%s-%05zu", prefix, i / ROUND_LEN);
            begin_round(d, code, at);
        }
        t->cost[i] = add_answer(d, code, i % ROUND_LEN, player, &items[(i * 7) % FILL_ITEMS],
                                (unsigned)i, at, &t->called[i], &t->slow[i]);
        size_t q = db_pending(d);
        longest = q > longest ? q : longest;
    }
    return longest;
}

/* The frame cost and the time to disk of answers [from, from + n) of t;
 * *unhooked gets the answers whose hook never ran, slow[SLOW_*] (may be
 * NULL) the calls over SLOW_MS by why. */
static void figures_of(const timing *t, size_t from, size_t n, quantiles *cost, quantiles *disk,
                       size_t *unhooked, size_t slow[4])
{
    if (slow)
        memset(slow, 0, 4 * sizeof *slow);
    double *c = xmalloc((n ? n : 1) * sizeof *c), *k = xmalloc((n ? n : 1) * sizeof *k);
    size_t nk = 0;
    for (size_t i = from; i < from + n; i++) {
        c[i - from] = t->cost[i];
        if (slow)
            slow[t->slow[i]]++;
        if (t->commit[i] > 0)
            k[nk++] = t->commit[i] - t->called[i];
    }
    *cost = quantiles_of(c, n);
    *disk = quantiles_of(k, nk);
    *unhooked = n - nk;
    free(c);
    free(k);
}

/* "N over 1 ms: why" for a frame cost line. */
static const char *slow_text(char *buf, size_t size, const size_t slow[4])
{
    size_t n = slow[SLOW_BLOCKED] + slow[SLOW_PREEMPTED] + slow[SLOW_RAN];
    if (n == 0)
        snprintf(buf, size, "none over %g ms", SLOW_MS);
    else
        snprintf(buf, size,
                 "%zu over %g ms: %zu blocked (mutex or I/O), %zu preempted, %zu neither", n,
                 SLOW_MS, slow[SLOW_BLOCKED], slow[SLOW_PREEMPTED], slow[SLOW_RAN]);
    return buf;
}

/* ---- 1 and 2. one game: what a frame pays, how soon it is on disk ---- */

static void one_game(const char *dir)
{
    char *path = xasprintf("%s/frame.db", dir);
    db *d = open_or_die(path);
    timing t = {xcalloc(FRAME_ANSWERS, sizeof(double)), xcalloc(FRAME_ANSWERS, sizeof(double)),
                xcalloc(FRAME_ANSWERS, sizeof(double)), xcalloc(FRAME_ANSWERS, 1), FRAME_ANSWERS};
    db_on_commit(d, on_commit, &t);
    size_t longest = give_answers(d, "solo", "Ada", &t, now_ms(), FRAME_PACE_MS);
    double s0 = now_ms();
    sync_checked(d);
    double sync_ms = now_ms() - s0;
    db_on_commit(d, NULL, NULL);
    size_t count = db_count_answers(d);
    close_checked(d);

    quantiles cost, disk;
    size_t unhooked, slow[4];
    char why[160];
    figures_of(&t, 0, FRAME_ANSWERS, &cost, &disk, &unhooked, slow);
    printf("frame cost, db_answer_add returning (%d answers every %g ms, schedule on, named "
           "player): p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.2f ms; %zu over %g ms, %zu "
           "over a frame; %s\n",
           FRAME_ANSWERS, FRAME_PACE_MS, cost.p50, cost.p90, cost.p99, cost.max, cost.over_goal,
           GOAL_P99_MS, cost.over_frame, slow_text(why, sizeof why, slow));
    printf("goal p99 < %g ms: %s\n", GOAL_P99_MS, cost.p99 < GOAL_P99_MS ? "met" : "NOT met");
    printf("time to disk, db_answer_add to its commit hook (same %d answers): p50 %.2f ms, "
           "p99 %.2f ms, max %.2f ms; %zu over a frame; at most %zu writes queued or being "
           "written\n",
           FRAME_ANSWERS, disk.p50, disk.p99, disk.max, disk.over_frame, longest);
    bool exact = count == FRAME_ANSWERS && unhooked == 0;
    printf("saved %zu of %d answers (db_sync after the last: %.1f ms)%s\n", count, FRAME_ANSWERS,
           sync_ms, exact ? ", none missing, every commit hook called" : "");
    if (!exact) {
        printf("MISSING: %zu answers not in the database, %zu commit hooks not called\n",
               count < FRAME_ANSWERS ? FRAME_ANSWERS - count : 0, unhooked);
        failures++;
    }
    free(t.called);
    free(t.cost);
    free(t.commit);
    free(t.slow);
    free(path);
}

/* ---- 3. several games at once ---- */

typedef struct shared {
    double start, end[WRITERS_MAX];
    double called[WRITERS_MAX * WRITER_ANSWERS], cost[WRITERS_MAX * WRITER_ANSWERS],
        commit[WRITERS_MAX * WRITER_ANSWERS];
    unsigned char slow[WRITERS_MAX * WRITER_ANSWERS];
} shared;

typedef struct tally {
    size_t per[WRITERS_MAX], other;
} tally;

static int tally_row(void *ctx, const db_row *r)
{
    tally *t = ctx;
    unsigned w;
    if (sscanf(r->player, "Writer %u", &w) == 1 && w < WRITERS_MAX)
        t->per[w]++;
    else
        t->other++;
    return 0;
}

/* One forked game: gives per answers, waits for their commit, exits. */
static void game_process(const char *path, int w, size_t per, double pace, shared *sh, int ready,
                         int go)
{
    db *d = open_or_die(path);
    timing t = {sh->called + (size_t)w * per, sh->cost + (size_t)w * per,
                sh->commit + (size_t)w * per, sh->slow + (size_t)w * per, per};
    db_on_commit(d, on_commit, &t);
    char prefix[32], player[32], c = 1;
    snprintf(prefix, sizeof prefix, "w%d", w);
    snprintf(player, sizeof player, "Writer %d", w);
    if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 0)
        _exit(1); /* go: the parent closed its end */
    give_answers(d, prefix, player, &t, sh->start, pace);
    sync_checked(d);
    sh->end[w] = now_ms();
    db_on_commit(d, NULL, NULL);
    close_checked(d);
    _exit(failures ? 1 : 0);
}

/* n processes each give per answers to one new database, back to back
 * (pace 0) or all at the same instants every pace ms; prints the rate, the
 * frame cost and the time to disk, and checks every answer is there. */
static void games(const char *dir, int n, size_t per, double pace)
{
    char *path = xasprintf("%s/games-%d%s.db", dir, n, pace > 0 ? "-paced" : "");
    /* created and migrated before they start; closed, so no thread is
     * running when the parent forks */
    close_checked(open_or_die(path));
    shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int ready[2], go[2];
    if (sh == MAP_FAILED || pipe(ready) != 0 || pipe(go) != 0) {
        fprintf(stderr, "store_bench: %s\n", strerror(errno));
        exit(1);
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid[WRITERS_MAX];
    for (int w = 0; w < n; w++) {
        pid[w] = fork();
        if (pid[w] < 0) {
            fprintf(stderr, "store_bench: fork: %s\n", strerror(errno));
            exit(1);
        }
        if (pid[w] == 0) {
            close(ready[0]);
            close(go[1]);
            game_process(path, w, per, pace, sh, ready[1], go[0]);
        }
    }
    close(ready[1]);
    close(go[0]);
    char c;
    for (int w = 0; w < n; w++)
        if (read(ready[0], &c, 1) != 1) {
            fprintf(stderr, "store_bench: a game did not start\n");
            exit(1);
        }
    double t0 = now_ms();
    sh->start = t0 + 5; /* the paced games' first answer */
    close(go[1]);
    int bad = 0;
    for (int w = 0; w < n; w++) {
        int st;
        if (waitpid(pid[w], &st, 0) != pid[w] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            bad++;
    }
    close(ready[0]);
    double t1 = t0;
    for (int w = 0; w < n; w++)
        t1 = sh->end[w] > t1 ? sh->end[w] : t1;

    /* every answer of every game is there */
    db *d = open_or_die(path);
    tally t = {{0}, 0};
    char *err = NULL;
    if (db_each_answer(d, tally_row, &t, &err) != 0) {
        fprintf(stderr, "store_bench: %s\n", err);
        failures++;
    }
    free(err);
    size_t count = db_count_answers(d), total = (size_t)n * per;
    close_checked(d);
    size_t missing = 0;
    for (int w = 0; w < n; w++)
        missing += t.per[w] < per ? per - t.per[w] : 0;

    char what[96];
    if (pace > 0)
        snprintf(what, sizeof what, "%d game%s answering at the same instant every %g ms", n,
                 n == 1 ? "" : "s", pace);
    else
        snprintf(what, sizeof what, "%d game%s back to back", n, n == 1 ? "" : "s");
    timing all = {sh->called, sh->cost, sh->commit, sh->slow, total};
    quantiles cost, disk, gc[WRITERS_MAX], gd[WRITERS_MAX];
    size_t unhooked, gu, slow[4];
    figures_of(&all, 0, total, &cost, &disk, &unhooked, slow);
    char each_cost[256] = "", each_disk[256] = "";
    for (int w = 0; w < n && n > 1; w++) {
        figures_of(&all, (size_t)w * per, per, &gc[w], &gd[w], &gu, NULL);
        size_t lc = strlen(each_cost), ld = strlen(each_disk);
        const char *sep = w ? ", " : "; each game p99/max ";
        snprintf(each_cost + lc, sizeof each_cost - lc, "%s%.3f/%.2f", sep, gc[w].p99, gc[w].max);
        snprintf(each_disk + ld, sizeof each_disk - ld, "%s%.1f/%.1f", sep, gd[w].p99, gd[w].max);
    }
    if (n > 1) {
        strcat(each_cost, " ms");
        strcat(each_disk, " ms");
    }
    bool exact = missing == 0 && t.other == 0 && count == total && unhooked == 0;
    printf("answers per second, %s: %.0f answers/s (%d x %zu answers given and committed in "
           "%.2f s; saved %zu of %zu%s)\n",
           what, (double)total / ((t1 - t0) / 1e3), n, per, (t1 - t0) / 1e3, count, total,
           exact ? ", none missing, every commit hook called" : "");
    char why[160];
    printf("frame cost, %s: p99 %.3f ms, max %.2f ms%s; %s\n", what, cost.p99, cost.max, each_cost,
           slow_text(why, sizeof why, slow));
    printf("time to disk, %s: p99 %.1f ms, max %.1f ms%s\n", what, disk.p99, disk.max, each_disk);
    if (!exact || bad) {
        printf("MISSING: %zu answers missing, %zu unexpected, %zu commit hooks not called, %d "
               "game%s failed\n",
               missing, t.other, unhooked, bad, bad == 1 ? "" : "s");
        failures++;
    }
    munmap(sh, sizeof *sh);
    free(path);
}

/* ---- 4. a database of 100,000 answers ---- */

static char fill_players[FILL_PLAYERS][32];

static void fill(const char *dir)
{
    char *path = xasprintf("%s/%s", dir, DB_FILE);
    db *d = open_or_die(path);
    for (int p = 0; p < FILL_PLAYERS; p++)
        snprintf(fill_players[p], sizeof fill_players[p], "Student %02d", p);
    size_t rounds = FILL_ANSWERS / ROUND_LEN;
    double t0 = now_ms();
    for (size_t r = 0; r < rounds; r++) {
        char code[64];
        snprintf(code, sizeof code, "fill-%06zu", r);
        const char *player = fill_players[r % FILL_PLAYERS];
        int64_t at = BASE_AT + (int64_t)r * 60000;
        while (db_pending(d) > FILL_QUEUE)
            sleep_until(now_ms() + 1);
        begin_round(d, code, at);
        int score = 0, right = 0;
        for (size_t k = 0; k < ROUND_LEN; k++) {
            unsigned n = (unsigned)(r * ROUND_LEN + k);
            const item *it = &items[(r * 13 + k * 17) % FILL_ITEMS];
            add_answer(d, code, k, player, it, n, at + (int64_t)k * 5000, NULL, NULL);
            if (n % 3) { /* add_answer's choice: two in three right */
                right++;
                score += 100 + (int)(n % 50);
            }
        }
        db_standing s = {code, player, ITEM_MEDIUM, score, right, ROUND_LEN, at / 1000};
        char *err = NULL;
        if (db_standing_add(d, &s, &err) != 0) {
            fprintf(stderr, "store_bench: %s\n", err);
            failures++;
        }
        free(err);
    }
    sync_checked(d);
    double fill_s = (now_ms() - t0) / 1e3;
    size_t count = db_count_answers(d);
    printf("fill %d answers (%zu rounds of %d, %d players, %d items, a standing per round; "
           "back to back, at most %d writes queued, until db_sync): %.1f s, %.0f answers/s\n",
           FILL_ANSWERS, rounds, ROUND_LEN, FILL_PLAYERS, FILL_ITEMS, FILL_QUEUE, fill_s,
           FILL_ANSWERS / fill_s);
    if (count != FILL_ANSWERS) {
        printf("MISSING: the database holds %zu answers, not %d\n", count, FILL_ANSWERS);
        failures++;
    }

    long long db_bytes = file_size(dir, DB_FILE), wal = file_size(dir, DB_FILE "-wal");
    printf("database size after %d answers: %.1f MB (quizmill.db %.1f MB + wal %.1f MB), "
           "%.0f bytes per answer\n",
           FILL_ANSWERS, mb((double)(db_bytes + wal)), mb((double)db_bytes), mb((double)wal),
           (double)(db_bytes + wal) / FILL_ANSWERS);

    char *csv = xasprintf("%s/results.csv", dir), *err = NULL;
    double e0 = now_ms();
    if (db_export_csv(d, csv, &err) != 0) {
        fprintf(stderr, "store_bench: %s\n", err);
        failures++;
    }
    double export_ms = now_ms() - e0;
    free(err);
    printf("export %d answers to CSV (db_export_csv): %.2f s, %.1f MB\n", FILL_ANSWERS,
           export_ms / 1e3, mb((double)file_size(dir, "results.csv")));

    store_scores table;
    err = NULL;
    double s0 = now_ms();
    if (db_scores(d, &table, &err) != 0) {
        fprintf(stderr, "store_bench: %s\n", err);
        failures++;
    }
    double scores_ms = now_ms() - s0;
    free(err);
    printf("high-score table (db_scores) over %zu standings, %d answers: %.2f ms\n", rounds,
           FILL_ANSWERS, scores_ms);

    close_checked(d);
    printf("database size after close (checkpointed): quizmill.db %.1f MB, %.0f bytes per "
           "answer\n",
           mb((double)file_size(dir, DB_FILE)), (double)file_size(dir, DB_FILE) / FILL_ANSWERS);
    free(csv);
    free(path);
}

/* ---- the scratch folder ---- */

static int remove_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static int usage(void)
{
    fputs("usage: store_bench [-k] [FOLDER]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    bool keep = false;
    int i = 1;
    if (i < argc && strcmp(argv[i], "-k") == 0) {
        keep = true;
        i++;
    }
    if (argc - i > 1 || (i < argc && argv[i][0] == '-'))
        return usage();
    const char *parent = i < argc ? argv[i] : getenv("TMPDIR");
    if (!parent || !parent[0])
        parent = "/tmp";
    char *dir = xasprintf("%s/quizmill-store-bench-XXXXXX", parent);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "store_bench: cannot make a folder in '%s': %s\n", parent, strerror(errno));
        return 1;
    }
    for (unsigned k = 0; k < FILL_ITEMS; k++)
        item_make(&items[k], k);
    printf("store_bench: %s (%s), SQLite WAL, synchronous=FULL, writes queued to a writer "
           "thread\n",
           dir, fs_name(dir));

    one_game(dir);
    games(dir, 1, WRITER_ANSWERS, 0);
    games(dir, WRITERS_MAX, WRITER_ANSWERS, 0);
    games(dir, WRITERS_MAX, PACED_ANSWERS, PACE_MS);
    fill(dir);

    for (unsigned k = 0; k < FILL_ITEMS; k++)
        item_free(&items[k]);
    if (keep)
        printf("kept %s\n", dir);
    else if (nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
        fprintf(stderr, "store_bench: cannot remove '%s': %s\n", dir, strerror(errno));
    free(dir);
    if (failures)
        printf("FAILED: %d write%s failed or answers missing\n", failures,
               failures == 1 ? "" : "s");
    return failures ? 1 : 0;
}
