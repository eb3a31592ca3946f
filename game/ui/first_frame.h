/* first_frame.h - the startup stamp bench/run.sh reads.
 *
 * When the environment variable QUIZMILL_BENCH_FIRST_FRAME is set, the
 * first call of first_frame_report() (right after the first present) prints
 * "first-frame MS" to stderr: the milliseconds from the exec to now.
 *
 *   QUIZMILL_BENCH_FIRST_FRAME=1.5e9...  the wall-clock time of the exec in
 *       seconds, as bash's $EPOCHREALTIME gives it just before `exec`
 *       (what bench/run.sh does: microsecond resolution)
 *   any other value (e.g. 1)             from the process start in
 *       /proc/self/stat (10 ms resolution)
 *
 * Header only: the game (ui.c) and the floor program (bench/floor.c) include
 * the same code, so both are measured the same way. Linux; needs
 * _POSIX_C_SOURCE >= 199309L for clock_gettime().
 */
#ifndef QUIZMILL_FIRST_FRAME_H
#define QUIZMILL_FIRST_FRAME_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Milliseconds since the process started, from /proc/self/stat, or -1. */
static double first_frame_since_start(void)
{
    FILE *f = fopen("/proc/self/stat", "r");
    if (!f)
        return -1;
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')'); /* the command name may hold spaces */
    if (!p)
        return -1;
    /* fields after the name: state is field 3, starttime field 22 */
    unsigned long long start = 0;
    for (int field = 2; field < 22 && p; field++)
        p = strchr(p + 1, ' ');
    if (!p || sscanf(p + 1, "%llu", &start) != 1)
        return -1;
    struct timespec now;
#ifdef CLOCK_BOOTTIME
    clock_gettime(CLOCK_BOOTTIME, &now); /* the clock starttime counts on */
#else
    clock_gettime(CLOCK_MONOTONIC, &now);
#endif
    double hz = (double)sysconf(_SC_CLK_TCK);
    return (now.tv_sec + now.tv_nsec / 1e9 - start / hz) * 1000.0;
}

static void first_frame_report(void)
{
    static int done;
    const char *t0 = getenv("QUIZMILL_BENCH_FIRST_FRAME");
    if (done || !t0 || !*t0)
        return;
    done = 1;
    double ms;
    char *end = NULL;
    double exec_s = strtod(t0, &end);
    if (end && *end == '\0' && exec_s > 1e8) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        ms = (now.tv_sec - exec_s + now.tv_nsec / 1e9) * 1000.0;
    } else {
        ms = first_frame_since_start();
    }
    fprintf(stderr, "first-frame %.1f\n", ms);
    fflush(stderr);
}

#endif
