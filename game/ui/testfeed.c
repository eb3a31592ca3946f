/* testfeed.c - a line protocol on SDL virtual joysticks, for tests (see
 * testfeed.h). Start reading at testfeed_poll(). */
#include "testfeed.h"

#include <SDL.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"
#include "util.h"

#define LINE_MAX_BYTES 256
#define FEED_MAX_STICKS INPUT_MAX_PADS /* what input.c can open at once */
#define BUZZ_BUTTONS 20

struct testfeed {
    char *path;
    int fd;
    char buf[LINE_MAX_BYTES];
    size_t len;                            /* bytes in buf not yet run */
    size_t total;                          /* bytes read in all (TESTFEED_MAX_BYTES at most) */
    bool stopped;                          /* the limit was reached (and said) */
    bool skipping;                         /* dropping the rest of a line that was too long */
    int line;                              /* number of the last line taken */
    SDL_Joystick *sticks[FEED_MAX_STICKS]; /* NULL once detached */
    int nsticks;
};

static void bad_line(const testfeed *f, const char *fmt, ...) QUIZMILL_PRINTF(2, 3);

static void bad_line(const testfeed *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: ", f->path, f->line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* 0 when st is a FIFO or a regular file, else -1 with errno EISDIR or
 * ENOTSUP (as read_file_max() sets them). */
static int feed_kind(const struct stat *st)
{
    if (S_ISFIFO(st->st_mode) || S_ISREG(st->st_mode))
        return 0;
    errno = S_ISDIR(st->st_mode) ? EISDIR : ENOTSUP;
    return -1;
}

testfeed *testfeed_open(const char *path)
{
    /* stat first: a device is never opened; fstat again after the open, in
     * case another file took the name in between */
    struct stat st;
    if (stat(path, &st) != 0 || feed_kind(&st) != 0)
        return NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) != 0 || feed_kind(&st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return NULL;
    }
    testfeed *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    f->fd = fd;
    return f;
}

/* The device index of an attached joystick, or -1. */
static int device_index(SDL_Joystick *j)
{
    SDL_JoystickID id = SDL_JoystickInstanceID(j);
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        if (SDL_JoystickGetDeviceInstanceID(i) == id)
            return i;
    return -1;
}

static void detach(SDL_Joystick *j)
{
    int index = device_index(j);
    SDL_JoystickClose(j);
    if (index >= 0)
        SDL_JoystickDetachVirtual(index);
}

void testfeed_close(testfeed *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->nsticks; i++)
        if (f->sticks[i])
            detach(f->sticks[i]);
    close(f->fd);
    free(f->path);
    free(f);
}

/* Attaches a virtual joystick of that kind; returns whether it did. */
static bool attach(testfeed *f, const char *kind)
{
    SDL_VirtualJoystickDesc d;
    memset(&d, 0, sizeof d);
    d.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    if (kind && strcmp(kind, "buzz") == 0) {
        d.type = SDL_JOYSTICK_TYPE_UNKNOWN;
        d.nbuttons = BUZZ_BUTTONS;
        d.name = "Buzz (test feed)";
    } else if (kind && strcmp(kind, "pad") == 0) {
        d.type = SDL_JOYSTICK_TYPE_GAMECONTROLLER;
        d.naxes = SDL_CONTROLLER_AXIS_MAX;
        d.nbuttons = SDL_CONTROLLER_BUTTON_MAX;
        d.name = "Gamepad (test feed)";
    } else if (kind && strcmp(kind, "stick") == 0) {
        d.type = SDL_JOYSTICK_TYPE_UNKNOWN;
        d.naxes = 2;
        d.nbuttons = 6;
        d.name = "Joystick (test feed)";
    } else {
        bad_line(f, "attach needs buzz, pad or stick, not '%s'", kind ? kind : "");
        return false;
    }
    if (f->nsticks >= FEED_MAX_STICKS) {
        bad_line(f, "cannot attach more than %d joysticks", FEED_MAX_STICKS);
        return false;
    }
    int index = SDL_JoystickAttachVirtualEx(&d);
    SDL_Joystick *j = index >= 0 ? SDL_JoystickOpen(index) : NULL;
    if (!j) {
        bad_line(f, "cannot attach a virtual %s: %s", kind, SDL_GetError());
        if (index >= 0)
            SDL_JoystickDetachVirtual(index);
        return false;
    }
    f->sticks[f->nsticks++] = j;
    return true;
}

/* Parses s as the number of an attached joystick; NULL with an error
 * printed when it is none. */
static SDL_Joystick *stick_of(testfeed *f, const char *s)
{
    uint64_t v;
    if (!s || parse_whole(s, 0, 9999, &v) != 0) {
        bad_line(f, "'%s' is not a joystick number", s ? s : "");
        return NULL;
    }
    if ((int)v >= f->nsticks) {
        bad_line(f, "no joystick %d (%d attached)", (int)v, f->nsticks);
        return NULL;
    }
    if (!f->sticks[v])
        bad_line(f, "joystick %d was detached", (int)v);
    return f->sticks[v];
}

/* Sets a button of joystick number js; returns whether it did. */
static bool set_button(testfeed *f, const char *js, const char *bs, Uint8 state)
{
    SDL_Joystick *j = stick_of(f, js);
    if (!j)
        return false;
    int nbuttons = SDL_JoystickNumButtons(j);
    uint64_t b;
    if (!bs || parse_whole(bs, 0, 255, &b) != 0 || (int)b >= nbuttons) {
        bad_line(f, "joystick %s has no button '%s' (buttons 0 to %d)", js, bs ? bs : "",
                 nbuttons - 1);
        return false;
    }
    if (SDL_JoystickSetVirtualButton(j, (int)b, state) != 0) {
        bad_line(f, "cannot set button %d of joystick %s: %s", (int)b, js, SDL_GetError());
        return false;
    }
    return true;
}

/* Detaches joystick number js; returns whether it did. */
static bool detach_number(testfeed *f, const char *js)
{
    SDL_Joystick *j = stick_of(f, js);
    if (!j)
        return false;
    detach(j);
    for (int i = 0; i < f->nsticks; i++)
        if (f->sticks[i] == j)
            f->sticks[i] = NULL;
    return true;
}

/* A key pressed and released on the keyboard: an SDL key name ("Return",
 * "Delete", "Down", "Escape"), "ctrl+" before it for the host's keys. */
static bool key(testfeed *f, const char *name)
{
    SDL_Keymod mod = KMOD_NONE;
    if (strncmp(name, "ctrl+", 5) == 0) {
        mod = KMOD_LCTRL;
        name += 5;
    }
    SDL_Keycode sym = SDL_GetKeyFromName(name);
    if (sym == SDLK_UNKNOWN) {
        bad_line(f, "no key named '%s'", name);
        return false;
    }
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    ev.key.keysym.mod = (Uint16)mod;
    SDL_PushEvent(&ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
    return true;
}

enum { CMD_ATTACH, CMD_DETACH, CMD_PRESS, CMD_RELEASE, CMD_KEY, NCOMMANDS };

static const struct command {
    const char *name;
    int nargs;
    const char *args; /* what the arguments are, for errors */
} commands[NCOMMANDS] = {
    [CMD_ATTACH] = {"attach", 1, "buzz, pad or stick"},
    [CMD_DETACH] = {"detach", 1, "a joystick number"},
    [CMD_PRESS] = {"press", 2, "a joystick number and a button number"},
    [CMD_RELEASE] = {"release", 2, "a joystick number and a button number"},
    [CMD_KEY] = {"key", 1, "a key name (Return, Delete, ctrl+e)"},
};

/* Runs one line (NUL-terminated, no newline); returns whether it changed a
 * joystick. */
static bool run(testfeed *f, char *line)
{
    char *save = NULL;
    char *word = strtok_r(line, " \t\r", &save);
    if (!word || word[0] == '#')
        return false;
    int c = 0;
    while (c < NCOMMANDS && strcmp(word, commands[c].name) != 0)
        c++;
    if (c == NCOMMANDS) {
        bad_line(f, "unknown command '%s' (attach, detach, press, release or key)", word);
        return false;
    }
    char *arg[3] = {NULL, NULL, NULL};
    int n = 0;
    while (n < 3 && (arg[n] = strtok_r(NULL, " \t\r", &save)) != NULL)
        n++;
    if (n != commands[c].nargs) {
        bad_line(f, "'%s' takes %s", word, commands[c].args);
        return false;
    }
    switch (c) {
    case CMD_ATTACH: return attach(f, arg[0]);
    case CMD_DETACH: return detach_number(f, arg[0]);
    case CMD_KEY: return key(f, arg[0]);
    default: return set_button(f, arg[0], arg[1], c == CMD_PRESS ? SDL_PRESSED : SDL_RELEASED);
    }
}

/* Takes the next whole line out of the buffer into out (NUL-terminated);
 * returns false when the buffer holds none. A line too long for the buffer
 * is reported and dropped. */
static bool next_line(testfeed *f, char *out)
{
    for (;;) {
        char *nl = memchr(f->buf, '\n', f->len);
        if (nl) {
            size_t n = (size_t)(nl - f->buf);
            bool drop = f->skipping;
            if (!drop) {
                memcpy(out, f->buf, n);
                out[n] = '\0';
            }
            memmove(f->buf, nl + 1, f->len - n - 1);
            f->len -= n + 1;
            f->skipping = false;
            if (drop)
                continue; /* the end of a long line, already counted */
            f->line++;
            return true;
        }
        if (f->len == sizeof f->buf) {
            if (!f->skipping) {
                f->line++;
                bad_line(f, "line longer than %d bytes", LINE_MAX_BYTES - 1);
            }
            f->skipping = true;
            f->len = 0;
        }
        size_t room = sizeof f->buf - f->len;
        if (room > TESTFEED_MAX_BYTES - f->total)
            room = TESTFEED_MAX_BYTES - f->total;
        if (room == 0) {
            if (!f->stopped)
                fprintf(stderr, "%s: stopped reading: %s\n", f->path, TESTFEED_TOO_LARGE);
            f->stopped = true;
            return false;
        }
        ssize_t got = read(f->fd, f->buf + f->len, room);
        if (got <= 0)
            return false; /* nothing yet (EAGAIN), or no writer (0) */
        f->len += (size_t)got;
        f->total += (size_t)got;
    }
}

int testfeed_poll(testfeed *f)
{
    if (!f || !SDL_WasInit(SDL_INIT_JOYSTICK))
        return 0;
    char line[LINE_MAX_BYTES];
    int ran = 0;
    while (next_line(f, line)) {
        ran++;
        if (run(f, line))
            break; /* SDL pumps this change's events before the next */
    }
    return ran;
}
