/* test_testfeed.c - the test joystick feed (testfeed.h) on its own: the
 * commands of a growing file become SDL virtual joysticks and their events,
 * one change a call; a line not yet ended waits; bad lines are reported as
 * "FILE:LINE: ..." and skipped. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "testfeed.h"
#include "util.h"

#include "harness.h"

static char feed_path[] = "/tmp/quizmill-feed-XXXXXX";
static char err_path[] = "/tmp/quizmill-feed-err-XXXXXX";

static void append(const char *text)
{
    FILE *f = fopen(feed_path, "a");
    OK(f != NULL, "append to %s", feed_path);
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

/* The type of the next event SDL has (after pumping), 0 when none; the
 * event goes to *out. (Not SDL_PollEvent(): its end-of-poll marker would
 * hide the events queued after it.) */
static Uint32 next_event(SDL_Event *out)
{
    SDL_PumpEvents();
    return SDL_PeepEvents(out, 1, SDL_GETEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) == 1 ? out->type : 0;
}

/* Drops the events SDL has. */
static void drain(void)
{
    SDL_Event ev;
    while (next_event(&ev))
        ;
}

/* Whether SDL has an event of that type (others are dropped); it goes to
 * *out. */
static bool find_event(Uint32 type, SDL_Event *out)
{
    Uint32 got;
    while ((got = next_event(out)) != 0)
        if (got == type)
            return true;
    return false;
}

static void test_commands(testfeed *f)
{
    INT_EQ(testfeed_poll(f), 0, "an empty feed");
    append("attach buzz\nattach pad\n");
    INT_EQ(testfeed_poll(f), 1, "one change a call: the buzzer");
    INT_EQ(SDL_NumJoysticks(), 1, "the buzzer attached");
    SDL_Event ev;
    INT_EQ(next_event(&ev), SDL_JOYDEVICEADDED, "the buzzer comes as a device added");
    INT_EQ(testfeed_poll(f), 1, "then the gamepad");
    INT_EQ(SDL_NumJoysticks(), 2, "two joysticks");
    OK(!SDL_IsGameController(0), "the buzzer is no gamepad");
    OK(SDL_IsGameController(1), "the pad is a gamepad");
    SDL_Joystick *buzz = SDL_JoystickFromInstanceID(SDL_JoystickGetDeviceInstanceID(0));
    OK(buzz && SDL_JoystickNumButtons(buzz) == 20, "the buzzer has 20 buttons");
    SDL_GameController *pad = SDL_GameControllerOpen(1); /* as input.c does */
    OK(pad != NULL, "the pad opens as a game controller: %s", SDL_GetError());
    drain();

    /* a press and its release written together: two events */
    append("press 0 7\nrelease 0 7\n");
    INT_EQ(testfeed_poll(f), 1, "the press");
    OK(find_event(SDL_JOYBUTTONDOWN, &ev), "button down");
    INT_EQ(ev.jbutton.button, 7, "button 7");
    INT_EQ(ev.jbutton.which, SDL_JoystickGetDeviceInstanceID(0), "of the buzzer");
    INT_EQ(testfeed_poll(f), 1, "the release");
    OK(find_event(SDL_JOYBUTTONUP, &ev), "button up");

    /* a line not yet ended waits for its end */
    append("press 1 0");
    INT_EQ(testfeed_poll(f), 0, "half a line");
    append("\n");
    INT_EQ(testfeed_poll(f), 1, "the whole line");
    OK(find_event(SDL_CONTROLLERBUTTONDOWN, &ev), "a game controller's button");
    INT_EQ(ev.cbutton.button, SDL_CONTROLLER_BUTTON_A, "the pad's A");
    SDL_GameControllerClose(pad);
}

/* Polls the feed with stderr going to a file; returns what it wrote there
 * (malloc'd) and the lines run in *ran. */
static char *poll_errors(testfeed *f, int *ran)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    OK(freopen(err_path, "w", stderr) != NULL, "stderr to %s", err_path);
    *ran = testfeed_poll(f);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    char *got = NULL;
    size_t len = 0;
    OK(read_file(err_path, &got, &len) == 0, "read %s", err_path);
    return got;
}

static void test_bad_lines(testfeed *f)
{
    char long_line[301];
    memset(long_line, 'x', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = '\0';
    /* lines 6 to 16 (test_commands() wrote 1 to 5) */
    append("bogus\npress 5 1\npress 0 99\nattach wheel\nattach\npress 0\n");
    append(long_line);
    append("\n# a comment\n\n   \ndetach 1\n");
    int ran;
    char *got = poll_errors(f, &ran);
    INT_EQ(ran, 10, "bad lines skipped up to the detach (the long one dropped, not run)");
    INT_EQ(SDL_NumJoysticks(), 1, "the pad detached");
    static const char *const errors[] = {
        "6: unknown command 'bogus' (attach, detach, press, release or key)",
        "7: no joystick 5 (2 attached)",
        "8: joystick 0 has no button '99' (buttons 0 to 19)",
        "9: attach needs buzz, pad or stick, not 'wheel'",
        "10: 'attach' takes buzz, pad or stick",
        "11: 'press' takes a joystick number and a button number",
        "12: line longer than 255 bytes",
    };
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        strbuf_addf(&sb, "%s:%s\n", feed_path, errors[i]);
    char *want = strbuf_detach(&sb);
    STR_EQ(got, want, "the errors, one line each with the file and line");
    free(got);
    free(want);

    append("press 1 0\n");
    got = poll_errors(f, &ran);
    want = xasprintf("%s:17: joystick 1 was detached\n", feed_path);
    STR_EQ(got, want, "a detached joystick keeps its number");
    free(got);
    free(want);
}

/* Only FIFOs and regular files are feeds (a device is never opened), and a
 * feed stops after TESTFEED_MAX_BYTES. */
static void test_limits(void)
{
    errno = 0;
    OK(testfeed_open("/tmp") == NULL && errno == EISDIR, "a folder: EISDIR (%s)", strerror(errno));
    errno = 0;
    OK(testfeed_open("/dev/zero") == NULL && errno == ENOTSUP, "a device: ENOTSUP (%s)",
       strerror(errno));

    /* a FIFO opens without a writer and polls without waiting */
    char *fifo = xasprintf("%s.fifo", feed_path);
    OK(mkfifo(fifo, 0600) == 0, "mkfifo %s", fifo);
    alarm(30); /* a poll that blocks is killed, not left hanging */
    testfeed *f = testfeed_open(fifo);
    OK(f != NULL, "a FIFO without a writer opens");
    INT_EQ(testfeed_poll(f), 0, "and has nothing yet");
    alarm(0);
    testfeed_close(f);
    unlink(fifo);
    free(fifo);

    /* 1 MiB of 64-byte comment lines is read whole; then it stops, says so
     * once, and runs nothing more */
    FILE *t = fopen(feed_path, "w");
    OK(t != NULL, "rewrite %s", feed_path);
    if (!t)
        return;
    char line[65];
    memset(line, 'x', 63);
    line[0] = '#';
    line[63] = '\n';
    line[64] = '\0';
    for (size_t n = 0; n < TESTFEED_MAX_BYTES / 64 + 10; n++)
        fputs(line, t);
    fclose(t);
    f = testfeed_open(feed_path);
    OK(f != NULL, "open the big feed");
    if (!f)
        return;
    int ran;
    char *got = poll_errors(f, &ran);
    INT_EQ(ran, (int)(TESTFEED_MAX_BYTES / 64), "the lines within the limit run");
    char *want = xasprintf("%s: stopped reading: %s\n", feed_path, TESTFEED_TOO_LARGE);
    STR_EQ(got, want, "the limit said");
    free(got);
    free(want);
    append("attach stick\n");
    got = poll_errors(f, &ran);
    INT_EQ(ran, 0, "nothing more runs");
    STR_EQ(got, "", "the limit said only once");
    free(got);
    INT_EQ(SDL_NumJoysticks(), 0, "no joystick attached past the limit");
    testfeed_close(f);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    int fd = mkstemp(feed_path);
    int efd = mkstemp(err_path);
    if (fd < 0 || efd < 0) {
        perror("mkstemp");
        return 1;
    }
    close(fd);
    close(efd);
    errno = 0;
    OK(testfeed_open("/nonexistent/feed") == NULL && errno == ENOENT, "a missing feed: ENOENT");
    testfeed *f = testfeed_open(feed_path);
    OK(f != NULL, "open %s", feed_path);
    append("attach stick\n");
    INT_EQ(testfeed_poll(f), 0, "nothing before SDL's joysticks start");
    if (SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_JOYSTICK | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    /* the line kept for later, then a detach of it */
    INT_EQ(testfeed_poll(f), 1, "the waiting line");
    INT_EQ(SDL_NumJoysticks(), 1, "the stick attached");
    append("detach 0\n");
    INT_EQ(testfeed_poll(f), 1, "detach");
    INT_EQ(SDL_NumJoysticks(), 0, "the stick detached");
    drain();
    testfeed_close(f);

    /* a new feed over the emptied file: its lines count from 1 */
    FILE *t = fopen(feed_path, "w");
    if (t)
        fclose(t);
    f = testfeed_open(feed_path);
    OK(f != NULL, "open %s again", feed_path);
    if (f) {
        test_commands(f);
        test_bad_lines(f);
    }
    testfeed_close(f);
    INT_EQ(SDL_NumJoysticks(), 0, "closing the feed detaches its joysticks");
    test_limits();
    SDL_Quit();
    unlink(feed_path);
    unlink(err_path);
    return test_summary();
}
