/* hooks.h - what the shipped game carries for its tests and benchmarks,
 * behind one seam. main() calls hooks_init() once, from the environment;
 * the rest of the game only calls the functions below, and with none of
 * the variables set they do nothing. The Xvfb tests, the soak and the
 * benchmarks run the real binary, so these ship; nothing else in the game
 * reads a test variable.
 *
 *   QUIZMILL_TRACE              hooks_trace() lines "trace: ..." on stderr:
 *                               screens, questions with their choices'
 *                               boxes, commits, rounds with memory
 *   QUIZMILL_TEST_JOYSTICKS     a feed of synthetic joysticks (testfeed.h),
 *                               polled by hooks_poll()
 *   QUIZMILL_BENCH_FIRST_FRAME  "first-frame MS" after the first present
 *                               (first_frame.h), by hooks_presented()
 *   QUIZMILL_TRACE_FRAMES       "trace: frame MS" after each frame
 *                               drawn: its drawing and presenting time
 *                               (bench/phones.sh), by hooks_frame()
 *
 * State: process-wide, set once by hooks_init(), freed by hooks_close().
 * Failure: hooks_init() returns -1 with *err "PATH: cannot open the test
 * joystick feed (QUIZMILL_TEST_JOYSTICKS): why".
 */
#ifndef QUIZMILL_HOOKS_H
#define QUIZMILL_HOOKS_H

#include <stdbool.h>

int hooks_init(char **err);
void hooks_close(void);

bool hooks_tracing(void);
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
/* Prints "trace: " and the line when tracing (a newline is added). */
void hooks_trace(const char *fmt, ...);
/* The game's resident memory in KiB (Linux), or -1: for the soak's trace. */
long hooks_rss_kib(void);

/* Whether frames are traced, and the trace of one (ms to draw and present). */
bool hooks_frames(void);
void hooks_frame(double ms);

/* Runs what the joystick feed holds once joysticks run (started); returns
 * wait, shortened while a feed is on so its commands are seen at once. */
int hooks_poll(bool started, int wait);

/* After each present: the first one prints the benchmark's stamp. */
void hooks_presented(void);

#endif
