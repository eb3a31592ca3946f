/* testfeed.h - synthetic joysticks for tests of the real game window.
 *
 * Test-only. When the environment variable QUIZMILL_TEST_JOYSTICKS names a
 * FIFO (or a file that grows), the game reads commands from it, one a line,
 * without ever blocking, and plays them on SDL virtual joysticks. Their
 * events take SDL's real path (SDL_JOYDEVICEADDED, SDL_JOYBUTTONDOWN,
 * SDL_CONTROLLERBUTTONDOWN ...) through input.c like those of a device
 * plugged in: for machines with no /dev/uinput, where no kernel joystick can
 * be made (containers, CI). Unset, nothing of this runs.
 *
 * Commands (joysticks are numbered from 0 in the order attached; the number
 * of a detached one is not reused):
 *   attach buzz    a Buzz!-style buzzer: 20 buttons, four handsets of five
 *                  (button 5h is handset h's red buzz button, 5h+1..5h+4
 *                  its choices A..D)
 *   attach pad     a gamepad (an SDL game controller); its buttons are
 *                  SDL_GameControllerButton numbers: 0 A, 1 B, 2 X, 3 Y,
 *                  6 Start
 *   attach stick   a joystick that is no gamepad: 6 buttons, 2 axes
 *   press J B      button B of joystick J goes down
 *   release J B    ... and up
 *   detach J       joystick J is pulled out
 *   key NAME       a key of the keyboard pressed and released: an SDL key
 *                  name (Return, Delete, Down, Escape), "ctrl+" before it
 *                  for the host's keys (ctrl+e)
 * Blank lines and lines starting with # are skipped. Each line ends with a
 * newline (a last line without one waits for it). A command that changes a
 * joystick ends the call: the lines after it wait for the next call, after
 * SDL has pumped its events, so a press and its release written together
 * still make two events. A bad line prints "PATH:LINE: what is wrong" on
 * stderr and is skipped.
 *
 * A feed reads at most TESTFEED_MAX_BYTES in all; past that it says
 * "PATH: stopped reading: TESTFEED_TOO_LARGE" once and runs nothing more
 * (so /dev/zero or a runaway writer cannot keep the game busy).
 *
 * Ownership: testfeed_open() returns a feed that testfeed_close() frees,
 * with its joysticks. Failure: testfeed_open() returns NULL with errno set
 * when the path cannot be opened or is neither a FIFO nor a regular file
 * (EISDIR for a folder, ENOTSUP for a device or socket: read_file_strerror()
 * words them).
 */
#ifndef QUIZMILL_TESTFEED_H
#define QUIZMILL_TESTFEED_H

#define TESTFEED_ENV "QUIZMILL_TEST_JOYSTICKS"
/* While a feed is on, the loop waits at most this long for events (ms), so
 * that the feed's commands are seen at once. */
#define TESTFEED_WAIT_MS 15
/* The most a feed reads (a test sends some hundred short lines). */
#define TESTFEED_MAX_BYTES ((size_t)1 << 20)
#define TESTFEED_TOO_LARGE "more than 1 MiB, the limit for a test joystick feed"

typedef struct testfeed testfeed;

/* Opens path for reading without blocking (a FIFO needs no writer yet); a
 * device is never opened. */
testfeed *testfeed_open(const char *path);
/* Reads what the feed holds and runs its commands, up to the first that
 * changes a joystick. Needs SDL's joystick subsystem: before it is started,
 * does nothing (the commands wait). Returns the lines run (commands,
 * comments and bad lines; a line too long is dropped, not run). */
int testfeed_poll(testfeed *f);
/* Detaches the feed's joysticks and frees it; NULL is fine. */
void testfeed_close(testfeed *f);

#endif
