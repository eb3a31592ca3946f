/* hooks.c - the tests' and benchmarks' seam (hooks.h). */
#include "hooks.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "first_frame.h"
#include "testfeed.h"
#include "util.h"

static bool tracing, frames;
static testfeed *feed;

int hooks_init(char **err)
{
    const char *t = getenv("QUIZMILL_TRACE");
    tracing = t && t[0];
    const char *f = getenv("QUIZMILL_TRACE_FRAMES");
    frames = f && f[0];
    const char *path = getenv(TESTFEED_ENV);
    if (path && path[0] && !(feed = testfeed_open(path))) {
        *err = xasprintf("%s: cannot open the test joystick feed (%s): %s", path, TESTFEED_ENV,
                         read_file_strerror(errno));
        return -1;
    }
    return 0;
}

void hooks_close(void)
{
    testfeed_close(feed);
    feed = NULL;
}

bool hooks_tracing(void)
{
    return tracing;
}

void hooks_trace(const char *fmt, ...)
{
    if (!tracing)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *line = xvasprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "trace: %s\n", line); /* one write a line: threads trace too */
    free(line);
}

bool hooks_frames(void)
{
    return frames;
}

void hooks_frame(double ms)
{
    if (frames)
        fprintf(stderr, "trace: frame %.3f\n", ms);
}

long hooks_rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = -1, rss = -1;
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
        rss = -1;
    fclose(f);
    return rss < 0 ? -1 : rss * (sysconf(_SC_PAGESIZE) / 1024);
}

int hooks_poll(bool started, int wait)
{
    if (!feed || !started)
        return wait;
    testfeed_poll(feed);
    return wait > TESTFEED_WAIT_MS ? TESTFEED_WAIT_MS : wait;
}

void hooks_presented(void)
{
    first_frame_report();
}
