/* test_input.c - input_map(): SDL events to actions. Keyboard, mouse and
 * touch events are made by hand; gamepads and a Buzz!-style 20-button
 * buzzer are SDL virtual joysticks (SDL_JoystickAttachVirtualEx), so their
 * events come from SDL itself, through the joystick and game-controller
 * layers, exactly as a real device's would. Runs on SDL's dummy video
 * driver: no window, no screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

#include "harness.h"

#define W 1280
#define H 720

static input in;

/* ---- keyboard, mouse, touch: hand-made events ---- */

static action key(SDL_Keycode sym, Uint16 mod)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    ev.key.keysym.mod = mod;
    return input_map(&in, &ev, W, H);
}

static void test_keyboard(void)
{
    for (int i = 0; i < 5; i++) {
        action a = key(SDLK_1 + i, KMOD_NONE);
        INT_EQ(a.kind, ACT_CHOICE, "key %d", i + 1);
        INT_EQ(a.n, i, "key %d", i + 1);
        INT_EQ(a.ch, '1' + i, "key %d", i + 1);
        INT_EQ(a.device, 0, "key %d", i + 1);
        a = key(SDLK_KP_1 + i, KMOD_NONE);
        INT_EQ(a.kind, ACT_CHOICE, "keypad %d", i + 1);
        INT_EQ(a.n, i, "keypad %d", i + 1);
        INT_EQ(a.ch, '1' + i, "keypad %d", i + 1);
        a = key(SDLK_a + i, KMOD_NONE);
        INT_EQ(a.kind, ACT_CHOICE, "key %c", 'A' + i);
        INT_EQ(a.n, i, "key %c", 'A' + i);
        INT_EQ(a.ch, 'A' + i, "key %c", 'A' + i);
        a = key(SDLK_a + i, KMOD_LSHIFT);
        INT_EQ(a.kind, ACT_CHOICE, "shift+%c", 'A' + i);
        INT_EQ(a.n, i, "shift+%c", 'A' + i);
    }
    for (SDL_Keycode k = SDLK_f; k <= SDLK_z; k++) {
        action a = key(k, KMOD_NONE);
        INT_EQ(a.kind, ACT_CHAR, "key %c", (char)k);
        INT_EQ(a.ch, 'A' + (k - SDLK_a), "key %c", (char)k);
        INT_EQ(a.device, 0, "key %c", (char)k);
    }
    const SDL_Keycode digits[] = {SDLK_0, SDLK_6, SDLK_7, SDLK_8, SDLK_9};
    const char dch[] = {'0', '6', '7', '8', '9'};
    const SDL_Keycode kp[] = {SDLK_KP_0, SDLK_KP_6, SDLK_KP_7, SDLK_KP_8, SDLK_KP_9};
    for (int i = 0; i < 5; i++) {
        action a = key(digits[i], KMOD_NONE);
        INT_EQ(a.kind, ACT_CHAR, "key %c", dch[i]);
        INT_EQ(a.ch, dch[i], "key %c", dch[i]);
        a = key(kp[i], KMOD_NONE);
        INT_EQ(a.kind, ACT_CHAR, "keypad %c", dch[i]);
        INT_EQ(a.ch, dch[i], "keypad %c", dch[i]);
    }
    static const struct {
        SDL_Keycode sym;
        act_kind kind;
        const char *name;
    } named[] = {
        {SDLK_RETURN, ACT_CONFIRM, "Enter"},    {SDLK_SPACE, ACT_CONFIRM, "Space"},
        {SDLK_KP_ENTER, ACT_CONFIRM, "keypad Enter"}, {SDLK_BACKSPACE, ACT_DELETE, "Backspace"},
        {SDLK_ESCAPE, ACT_PAUSE, "Esc"},        {SDLK_UP, ACT_UP, "Up"},
        {SDLK_DOWN, ACT_DOWN, "Down"},          {SDLK_LEFT, ACT_LEFT, "Left"},
        {SDLK_RIGHT, ACT_RIGHT, "Right"},       {SDLK_TAB, ACT_TAB, "Tab"},
        {SDLK_PAGEUP, ACT_PAGE, "PageUp"},      {SDLK_PAGEDOWN, ACT_PAGE, "PageDown"},
        {SDLK_F1, ACT_NONE, "F1"},              {SDLK_LSHIFT, ACT_NONE, "Shift"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        action a = key(named[i].sym, KMOD_NONE);
        INT_EQ(a.kind, named[i].kind, "%s", named[i].name);
        INT_EQ(a.device, 0, "%s", named[i].name);
    }
    /* shortcuts are not answers; with Ctrl, S R P E and 1-4 are the host's */
    action h = key(SDLK_1, KMOD_LCTRL);
    INT_EQ(h.kind, ACT_HOST, "Ctrl+1");
    INT_EQ(h.ch, '1', "Ctrl+1");
    INT_EQ(h.n, 1, "Ctrl+1 awards");
    INT_EQ(h.zone, -1, "Ctrl+1 is no player's");
    h = key(SDLK_4, KMOD_RCTRL | KMOD_LSHIFT);
    INT_EQ(h.kind, ACT_HOST, "right Ctrl+Shift+4");
    INT_EQ(h.ch, '4', "Ctrl+Shift+4");
    INT_EQ(h.n, -1, "Ctrl+Shift+4 removes");
    const SDL_Keycode host[] = {SDLK_s, SDLK_r, SDLK_p, SDLK_e};
    for (size_t i = 0; i < 4; i++) {
        h = key(host[i], KMOD_LCTRL);
        INT_EQ(h.kind, ACT_HOST, "Ctrl+%s", SDL_GetKeyName(host[i]));
        INT_EQ(h.ch, "SRPE"[i], "Ctrl+%s", SDL_GetKeyName(host[i]));
        INT_EQ(key(host[i], KMOD_LCTRL | KMOD_LSHIFT).kind, ACT_NONE, "Ctrl+Shift+%s",
               SDL_GetKeyName(host[i]));
        INT_EQ(key(host[i], KMOD_LCTRL | KMOD_LALT).kind, ACT_NONE, "Ctrl+Alt+%s",
               SDL_GetKeyName(host[i]));
    }
    INT_EQ(key(SDLK_PAGEUP, KMOD_NONE).n, -1, "PageUp: a page back");
    INT_EQ(key(SDLK_PAGEDOWN, KMOD_NONE).n, 1, "PageDown: a page on");
    SDL_Event wheel;
    memset(&wheel, 0, sizeof wheel);
    wheel.type = SDL_MOUSEWHEEL;
    wheel.wheel.y = 1;
    action w = input_map(&in, &wheel, 1280, 720);
    OK(w.kind == ACT_PAGE && w.n == -1 && w.device == INPUT_POINTER, "wheel up: a page back");
    wheel.wheel.y = -2;
    w = input_map(&in, &wheel, 1280, 720);
    OK(w.kind == ACT_PAGE && w.n == 1, "wheel down: a page on");
    INT_EQ(key(SDLK_5, KMOD_LCTRL).kind, ACT_NONE, "Ctrl+5");
    INT_EQ(key(SDLK_w, KMOD_LCTRL).kind, ACT_NONE, "Ctrl+W");
    INT_EQ(key(SDLK_a, KMOD_LALT).kind, ACT_NONE, "Alt+A");
    INT_EQ(key(SDLK_q, KMOD_LCTRL | KMOD_LSHIFT).kind, ACT_NONE, "Ctrl+Shift+Q");
    INT_EQ(key(SDLK_F4, KMOD_LALT).kind, ACT_NONE, "Alt+F4");
    /* Num Lock and Caps Lock do not count as shortcuts */
    INT_EQ(key(SDLK_KP_2, KMOD_NUM).kind, ACT_CHOICE, "keypad 2 with Num Lock");
    INT_EQ(key(SDLK_b, KMOD_CAPS).kind, ACT_CHOICE, "B with Caps Lock");

    /* keyboard zones: Q W E R, U I O P, the arrows, keypad 1-4 */
    static const SDL_Keycode zones[4][4] = {
        {SDLK_q, SDLK_w, SDLK_e, SDLK_r},
        {SDLK_u, SDLK_i, SDLK_o, SDLK_p},
        {SDLK_LEFT, SDLK_UP, SDLK_DOWN, SDLK_RIGHT},
        {SDLK_KP_1, SDLK_KP_2, SDLK_KP_3, SDLK_KP_4},
    };
    for (int z = 0; z < 4; z++)
        for (int c = 0; c < 4; c++) {
            action a = key(zones[z][c], KMOD_NONE);
            OK(a.kind != ACT_NONE, "zone %d key %s is an action", z, SDL_GetKeyName(zones[z][c]));
            INT_EQ(a.zone, z, "zone of %s", SDL_GetKeyName(zones[z][c]));
            INT_EQ(a.zone_choice, c, "choice of %s", SDL_GetKeyName(zones[z][c]));
            INT_EQ(a.device, 0, "device of %s", SDL_GetKeyName(zones[z][c]));
        }
    INT_EQ(key(SDLK_e, KMOD_NONE).kind, ACT_CHOICE, "E still chooses E alone");
    INT_EQ(key(SDLK_q, KMOD_NONE).kind, ACT_CHAR, "Q still types Q");
    const SDL_Keycode outside[] = {SDLK_1, SDLK_a, SDLK_t, SDLK_RETURN, SDLK_KP_5, SDLK_ESCAPE};
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        action a = key(outside[i], KMOD_NONE);
        INT_EQ(a.zone, -1, "%s in no zone", SDL_GetKeyName(outside[i]));
        INT_EQ(a.zone_choice, -1, "%s chooses nothing", SDL_GetKeyName(outside[i]));
    }

    /* A held key repeats: an answer, Enter or Esc must not fire again and
     * again (it would answer, skip the feedback, answer the next question...
     * or open and close the pause menu), but arrows and Backspace may. */
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.repeat = 1;
    const SDL_Keycode once[] = {SDLK_1, SDLK_a, SDLK_g, SDLK_RETURN, SDLK_SPACE, SDLK_ESCAPE};
    for (size_t i = 0; i < sizeof once / sizeof once[0]; i++) {
        ev.key.keysym.sym = once[i];
        INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "repeated %s",
               SDL_GetKeyName(once[i]));
    }
    ev.key.keysym.sym = SDLK_DOWN;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_DOWN, "repeated Down");
    INT_EQ(input_map(&in, &ev, W, H).zone, -1, "a repeated arrow answers for no zone");
    ev.key.keysym.sym = SDLK_BACKSPACE;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_DELETE, "repeated Backspace");

    /* key releases are not actions */
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYUP;
    ev.key.keysym.sym = SDLK_1;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "key up");
    /* Enter and Space both confirm, told apart by ch (the name box types a space) */
    INT_EQ(key(SDLK_RETURN, KMOD_NONE).ch, '\n', "Enter's ch");
    INT_EQ(key(SDLK_SPACE, KMOD_NONE).ch, ' ', "Space's ch");
    /* text input: the characters as typed, UTF-8, any script */
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTINPUT;
    strcpy(ev.text.text, "\xc3\xab"); /* e with diaeresis */
    action t = input_map(&in, &ev, W, H);
    INT_EQ(t.kind, ACT_TEXT, "text input");
    STR_EQ(t.text, "\xc3\xab", "text input's text");
    INT_EQ(t.device, INPUT_KEYBOARD, "text input's device");
    /* an input method's composition, with its cursor */
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTEDITING;
    strcpy(ev.edit.text, "\xe6\x9d\x8e"); /* a CJK character */
    ev.edit.start = 1;
    t = input_map(&in, &ev, W, H);
    INT_EQ(t.kind, ACT_EDIT, "text editing");
    STR_EQ(t.text, "\xe6\x9d\x8e", "text editing's text");
    INT_EQ(t.n, 1, "text editing's cursor");
}

static void test_pointer(void)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.which = 0;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.state = SDL_PRESSED;
    ev.button.clicks = 1;
    ev.button.x = 321;
    ev.button.y = 654;
    action a = input_map(&in, &ev, W, H);
    INT_EQ(a.kind, ACT_POINT, "left click");
    INT_EQ(a.x, 321, "left click");
    INT_EQ(a.y, 654, "left click");
    INT_EQ(a.device, 1, "left click");

    ev.button.button = SDL_BUTTON_RIGHT;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "right click");
    ev.button.button = SDL_BUTTON_MIDDLE;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "middle click");

    /* a tap also comes as a mouse click: only the SDL_FINGERDOWN counts */
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.which = SDL_TOUCH_MOUSEID;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "touch-made click");

    ev.type = SDL_MOUSEBUTTONUP;
    ev.button.which = 0;
    ev.button.state = SDL_RELEASED;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "button release");

    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEMOTION;
    ev.motion.which = 0;
    ev.motion.x = 100;
    ev.motion.y = 200;
    ev.motion.xrel = 3;
    a = input_map(&in, &ev, W, H);
    INT_EQ(a.kind, ACT_HOVER, "mouse motion");
    INT_EQ(a.x, 100, "mouse motion");
    INT_EQ(a.y, 200, "mouse motion");
    INT_EQ(a.device, 1, "mouse motion");
    ev.motion.which = SDL_TOUCH_MOUSEID;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "touch-made motion");

    memset(&ev, 0, sizeof ev);
    ev.type = SDL_FINGERDOWN;
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 0;
    ev.tfinger.x = 0.25f;
    ev.tfinger.y = 0.5f;
    ev.tfinger.pressure = 1.0f;
    a = input_map(&in, &ev, W, H);
    INT_EQ(a.kind, ACT_POINT, "finger down");
    INT_EQ(a.x, W / 4, "finger down at 0.25 of %d", W);
    INT_EQ(a.y, H / 2, "finger down at 0.5 of %d", H);
    INT_EQ(a.device, 1, "finger down");
    a = input_map(&in, &ev, 1920, 1080);
    INT_EQ(a.x, 480, "finger down, 1920 wide");
    INT_EQ(a.y, 540, "finger down, 1080 high");
    ev.type = SDL_FINGERUP;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "finger up");
    ev.type = SDL_FINGERMOTION;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "finger motion");
}

/* ---- gamepads and joysticks: SDL virtual joysticks ---- */

#define MAXACT 32

typedef struct got {
    action a[MAXACT];
    int n;
    int added, removed; /* device events seen */
} got;

/* Lets SDL read the virtual devices, then maps every queued event. */
static got pump(void)
{
    got g;
    memset(&g, 0, sizeof g);
    SDL_JoystickUpdate();
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        if (ev.type == SDL_JOYDEVICEADDED || ev.type == SDL_CONTROLLERDEVICEADDED)
            g.added++;
        if (ev.type == SDL_JOYDEVICEREMOVED || ev.type == SDL_CONTROLLERDEVICEREMOVED)
            g.removed++;
        action a = input_map(&in, &ev, W, H);
        if (a.kind != ACT_NONE && g.n < MAXACT)
            g.a[g.n++] = a;
    }
    return g;
}

static const char *kind_name(act_kind k)
{
    static const char *const names[] = {"NONE", "CHOICE", "CHAR",    "DELETE", "UP",
                                        "DOWN", "LEFT",   "RIGHT",   "CONFIRM", "BACK",
                                        "PAUSE", "POINT", "HOVER", "BUTTON", "PAGE", "HOST"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

/* Checks that g holds exactly one action, of kind `kind` from `device`. */
static void expect_one(const got *g, act_kind kind, int device, const char *what)
{
    INT_EQ(g->n, 1, "%s: actions (first: %s)", what, g->n ? kind_name(g->a[0].kind) : "-");
    if (g->n >= 1) {
        OK(g->a[0].kind == kind, "%s: got %s, expected %s", what, kind_name(g->a[0].kind),
           kind_name(kind));
        INT_EQ(g->a[0].device, device, "%s: device", what);
    }
}

static void expect_none(const got *g, const char *what)
{
    INT_EQ(g->n, 0, "%s: actions (first: %s)", what, g->n ? kind_name(g->a[0].kind) : "-");
}

/* Presses and releases a button of the virtual joystick j. */
static void press(SDL_Joystick *j, int button, act_kind kind, int device, const char *what)
{
    OK(SDL_JoystickSetVirtualButton(j, button, SDL_PRESSED) == 0, "%s: %s", what,
       SDL_GetError());
    got g = pump();
    expect_one(&g, kind, device, what);
    OK(SDL_JoystickSetVirtualButton(j, button, SDL_RELEASED) == 0, "%s: %s", what,
       SDL_GetError());
    g = pump();
    char buf[96];
    snprintf(buf, sizeof buf, "%s released", what);
    expect_none(&g, buf);
}

static void set_axis(SDL_Joystick *j, int axis, Sint16 value)
{
    OK(SDL_JoystickSetVirtualAxis(j, axis, value) == 0, "axis %d: %s", axis, SDL_GetError());
}

/* The device index of the joystick with this instance id. */
static int index_of(SDL_JoystickID id)
{
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        if (SDL_JoystickGetDeviceInstanceID(i) == id)
            return i;
    return -1;
}

/* Attaches a virtual device and lets input_map open it; returns the
 * handle through which the test drives it (SDL's own, refcounted). */
static SDL_Joystick *attach(const SDL_VirtualJoystickDesc *d, SDL_JoystickID *id)
{
    int index = SDL_JoystickAttachVirtualEx(d);
    OK(index >= 0, "attach %s: %s", d->name, SDL_GetError());
    if (index < 0)
        return NULL;
    *id = SDL_JoystickGetDeviceInstanceID(index);
    got g = pump();
    OK(g.added >= 1, "attach %s: no device-added event", d->name);
    expect_none(&g, "attach");
    SDL_Joystick *j = SDL_JoystickFromInstanceID(*id);
    OK(j != NULL, "attach %s: input_map did not open it", d->name);
    return j;
}

static void detach(SDL_JoystickID id, const char *name)
{
    int index = index_of(id);
    OK(index >= 0, "detach %s: not attached", name);
    if (index >= 0)
        OK(SDL_JoystickDetachVirtual(index) == 0, "detach %s: %s", name, SDL_GetError());
    got g = pump();
    OK(g.removed >= 1, "detach %s: no device-removed event", name);
    expect_none(&g, "detach");
}

static SDL_VirtualJoystickDesc pad_desc(const char *name)
{
    SDL_VirtualJoystickDesc d;
    memset(&d, 0, sizeof d);
    d.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    d.type = SDL_JOYSTICK_TYPE_GAMECONTROLLER;
    d.naxes = SDL_CONTROLLER_AXIS_MAX;
    d.nbuttons = SDL_CONTROLLER_BUTTON_MAX;
    d.name = name;
    return d;
}

static void test_gamepads(void)
{
    SDL_VirtualJoystickDesc d1 = pad_desc("Virtual pad one"), d2 = pad_desc("Virtual pad two");
    SDL_JoystickID id1 = -1, id2 = -1;
    SDL_Joystick *p1 = attach(&d1, &id1);
    if (!p1)
        return;
    int i1 = index_of(id1);
    OK(SDL_IsGameController(i1), "the virtual pad is a game controller");
    OK(SDL_GameControllerFromInstanceID(id1) != NULL, "input_map opened it as a game controller");
    SDL_Joystick *p2 = attach(&d2, &id2);
    if (!p2)
        return;
    OK(id1 != id2, "two pads, two instance ids");

    /* device ids: 2 + the slot, the first pad in the first slot */
    const int dev1 = 2, dev2 = 3;
    press(p1, SDL_CONTROLLER_BUTTON_A, ACT_CONFIRM, dev1, "pad 1 A");
    press(p2, SDL_CONTROLLER_BUTTON_A, ACT_CONFIRM, dev2, "pad 2 A");
    press(p1, SDL_CONTROLLER_BUTTON_B, ACT_BACK, dev1, "pad 1 B");
    press(p1, SDL_CONTROLLER_BUTTON_START, ACT_PAUSE, dev1, "pad 1 Start");
    press(p2, SDL_CONTROLLER_BUTTON_START, ACT_PAUSE, dev2, "pad 2 Start");
    press(p1, SDL_CONTROLLER_BUTTON_DPAD_UP, ACT_UP, dev1, "pad 1 D-pad up");
    press(p1, SDL_CONTROLLER_BUTTON_DPAD_DOWN, ACT_DOWN, dev1, "pad 1 D-pad down");
    press(p1, SDL_CONTROLLER_BUTTON_DPAD_LEFT, ACT_LEFT, dev1, "pad 1 D-pad left");
    press(p2, SDL_CONTROLLER_BUTTON_DPAD_RIGHT, ACT_RIGHT, dev2, "pad 2 D-pad right");

    /* A B X Y are choices A B C D in the team modes */
    static const int abxy[4] = {SDL_CONTROLLER_BUTTON_A, SDL_CONTROLLER_BUTTON_B,
                                SDL_CONTROLLER_BUTTON_X, SDL_CONTROLLER_BUTTON_Y};
    for (int c = 0; c < 4; c++) {
        SDL_JoystickSetVirtualButton(p2, abxy[c], SDL_PRESSED);
        got g = pump();
        expect_one(&g, c == 0 ? ACT_CONFIRM : c == 1 ? ACT_BACK : ACT_BUTTON, dev2, "ABXY");
        if (g.n)
            INT_EQ(g.a[0].zone_choice, c, "pad 2 button %d chooses %c", c, 'A' + c);
        SDL_JoystickSetVirtualButton(p2, abxy[c], SDL_RELEASED);
        pump();
    }
    press(p1, SDL_CONTROLLER_BUTTON_X, ACT_BUTTON, dev1, "pad 1 X");

    /* the shoulders turn a list's pages (the summary's) */
    press(p1, SDL_CONTROLLER_BUTTON_LEFTSHOULDER, ACT_PAGE, dev1, "pad 1 LB");
    press(p1, SDL_CONTROLLER_BUTTON_RIGHTSHOULDER, ACT_PAGE, dev1, "pad 1 RB");

    /* buttons with no meaning: nothing, and no joystick-level double */
    OK(SDL_JoystickSetVirtualButton(p1, SDL_CONTROLLER_BUTTON_LEFTSTICK, SDL_PRESSED) == 0,
       "left stick button");
    got g = pump();
    expect_none(&g, "pad 1 left stick button");
    SDL_JoystickSetVirtualButton(p1, SDL_CONTROLLER_BUTTON_LEFTSTICK, SDL_RELEASED);
    pump();

    /* the left stick: one move past the dead zone, nothing more until it
     * returns to the middle */
    set_axis(p1, SDL_CONTROLLER_AXIS_LEFTX, 8000);
    g = pump();
    expect_none(&g, "left stick a little right (inside the dead zone)");
    set_axis(p1, SDL_CONTROLLER_AXIS_LEFTX, 30000);
    g = pump();
    expect_one(&g, ACT_RIGHT, dev1, "left stick right");
    set_axis(p1, SDL_CONTROLLER_AXIS_LEFTX, 32767);
    g = pump();
    expect_none(&g, "left stick further right");
    set_axis(p1, SDL_CONTROLLER_AXIS_LEFTX, 20000);
    g = pump();
    expect_none(&g, "left stick still right");
    set_axis(p1, SDL_CONTROLLER_AXIS_LEFTX, 0);
    g = pump();
    expect_none(&g, "left stick back in the middle");
    set_axis(p1, SDL_CONTROLLER_AXIS_LEFTX, 30000);
    g = pump();
    expect_one(&g, ACT_RIGHT, dev1, "left stick right again");
    set_axis(p1, SDL_CONTROLLER_AXIS_LEFTX, -32768);
    g = pump();
    expect_one(&g, ACT_LEFT, dev1, "left stick right to left");
    set_axis(p1, SDL_CONTROLLER_AXIS_LEFTX, 0);
    pump();
    set_axis(p2, SDL_CONTROLLER_AXIS_LEFTY, -30000);
    g = pump();
    expect_one(&g, ACT_UP, dev2, "pad 2 left stick up");
    set_axis(p2, SDL_CONTROLLER_AXIS_LEFTY, 0);
    pump();
    set_axis(p2, SDL_CONTROLLER_AXIS_LEFTY, 30000);
    g = pump();
    expect_one(&g, ACT_DOWN, dev2, "pad 2 left stick down");
    set_axis(p2, SDL_CONTROLLER_AXIS_LEFTY, 0);
    pump();
    /* the right stick and the triggers do not move the selection */
    set_axis(p1, SDL_CONTROLLER_AXIS_RIGHTX, 32767);
    set_axis(p1, SDL_CONTROLLER_AXIS_TRIGGERLEFT, 32767);
    g = pump();
    expect_none(&g, "right stick and left trigger");
    set_axis(p1, SDL_CONTROLLER_AXIS_RIGHTX, 0);
    set_axis(p1, SDL_CONTROLLER_AXIS_TRIGGERLEFT, 0);
    pump();

    /* pad 1 pulled out: pad 2 keeps its device id, a new pad takes the
     * free slot */
    detach(id1, "pad 1");
    OK(SDL_GameControllerFromInstanceID(id1) == NULL, "pad 1 closed");
    press(p2, SDL_CONTROLLER_BUTTON_A, ACT_CONFIRM, dev2, "pad 2 A after pad 1 left");
    SDL_VirtualJoystickDesc d3 = pad_desc("Virtual pad three");
    SDL_JoystickID id3 = -1;
    SDL_Joystick *p3 = attach(&d3, &id3);
    if (p3) {
        press(p3, SDL_CONTROLLER_BUTTON_A, ACT_CONFIRM, dev1, "pad 3 A, in pad 1's slot");
        detach(id3, "pad 3");
    }
    detach(id2, "pad 2");
    OK(SDL_GameControllerFromInstanceID(id2) == NULL, "pad 2 closed");
    INT_EQ(SDL_NumJoysticks(), 0, "no joystick left");
}

/* A Buzz!-style buzzer: 20 buttons and a hat, not a game controller. */
static void test_buzzer(void)
{
    SDL_VirtualJoystickDesc d;
    memset(&d, 0, sizeof d);
    d.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    d.type = SDL_JOYSTICK_TYPE_ARCADE_STICK;
    d.naxes = 2;
    d.nbuttons = 20;
    d.nhats = 1;
    d.name = "Virtual buzzer";
    SDL_JoystickID id = -1;
    SDL_Joystick *j = attach(&d, &id);
    if (!j)
        return;
    int index = index_of(id);
    OK(!SDL_IsGameController(index), "the buzzer is not a game controller");
    OK(SDL_GameControllerFromInstanceID(id) == NULL, "not opened as a game controller");
    INT_EQ(SDL_JoystickNumButtons(j), 20, "buttons");

    /* four handsets of five buttons, each a device of its own: the red buzz
     * button confirms, the four colours choose A-D */
    const int dev = 2;
    for (int b = 0; b < 20; b++) {
        int hs = b / 5, c = b % 5;
        char what[48];
        snprintf(what, sizeof what, "buzzer button %d (handset %d)", b, hs + 1);
        OK(SDL_JoystickSetVirtualButton(j, b, SDL_PRESSED) == 0, "button %d", b);
        got g = pump();
        expect_one(&g, c == 0 ? ACT_CONFIRM : ACT_CHOICE, INPUT_HANDSET_DEVICE(0, hs), what);
        if (g.n && c > 0) {
            INT_EQ(g.a[0].n, c - 1, "%s", what);
            INT_EQ(g.a[0].zone_choice, c - 1, "%s", what);
        } else if (g.n) {
            INT_EQ(g.a[0].zone_choice, -1, "%s: the buzz button chooses nothing", what);
        }
        SDL_JoystickSetVirtualButton(j, b, SDL_RELEASED);
        g = pump();
        expect_none(&g, "released");
    }

    static const struct {
        Uint8 hat;
        act_kind kind;
        const char *name;
    } hats[] = {
        {SDL_HAT_UP, ACT_UP, "hat up"},
        {SDL_HAT_DOWN, ACT_DOWN, "hat down"},
        {SDL_HAT_LEFT, ACT_LEFT, "hat left"},
        {SDL_HAT_RIGHT, ACT_RIGHT, "hat right"},
    };
    for (size_t i = 0; i < sizeof hats / sizeof hats[0]; i++) {
        OK(SDL_JoystickSetVirtualHat(j, 0, hats[i].hat) == 0, "%s", hats[i].name);
        got g = pump();
        expect_one(&g, hats[i].kind, dev, hats[i].name);
        SDL_JoystickSetVirtualHat(j, 0, SDL_HAT_CENTERED);
        g = pump();
        expect_none(&g, "hat centred");
    }

    /* its first two axes move like a stick */
    set_axis(j, 0, 32767);
    got g = pump();
    expect_one(&g, ACT_RIGHT, dev, "buzzer axis 0 right");
    set_axis(j, 0, 0);
    g = pump();
    expect_none(&g, "buzzer axis 0 back");

    /* pulled out while a button is held: closed, and any later event from
     * it is nothing */
    SDL_JoystickSetVirtualButton(j, 0, SDL_PRESSED);
    detach(id, "buzzer");
    OK(SDL_JoystickFromInstanceID(id) == NULL, "the buzzer is closed");
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_JOYBUTTONDOWN;
    ev.jbutton.which = id;
    ev.jbutton.button = 0;
    ev.jbutton.state = SDL_PRESSED;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "button 0 from the unplugged buzzer");
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_JOYHATMOTION;
    ev.jhat.which = id;
    ev.jhat.value = SDL_HAT_UP;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "hat from the unplugged buzzer");
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_JOYAXISMOTION;
    ev.jaxis.which = id;
    ev.jaxis.value = 32767;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "axis from the unplugged buzzer");
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_CONTROLLERBUTTONDOWN;
    ev.cbutton.which = id;
    ev.cbutton.button = SDL_CONTROLLER_BUTTON_A;
    INT_EQ(input_map(&in, &ev, W, H).kind, ACT_NONE, "controller event with its id");
}

/* Another joystick (a generic USB buzzer or arcade stick): button 0
 * confirms, 1 goes back, the last pauses; 0-3 are choices A-D for a team. */
static void test_joystick(void)
{
    SDL_VirtualJoystickDesc d;
    memset(&d, 0, sizeof d);
    d.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    d.type = SDL_JOYSTICK_TYPE_ARCADE_STICK;
    d.nbuttons = 6;
    d.name = "Virtual stick";
    SDL_JoystickID id = -1;
    SDL_Joystick *j = attach(&d, &id);
    if (!j)
        return;
    press(j, 0, ACT_CONFIRM, 2, "stick button 0");
    press(j, 1, ACT_BACK, 2, "stick button 1");
    press(j, 2, ACT_BUTTON, 2, "stick button 2");
    press(j, 3, ACT_BUTTON, 2, "stick button 3");
    press(j, 5, ACT_PAUSE, 2, "stick button 5 (the last)");
    SDL_JoystickSetVirtualButton(j, 4, SDL_PRESSED);
    got g = pump();
    expect_none(&g, "stick button 4");
    SDL_JoystickSetVirtualButton(j, 4, SDL_RELEASED);
    pump();
    SDL_JoystickSetVirtualButton(j, 3, SDL_PRESSED);
    g = pump();
    if (g.n)
        INT_EQ(g.a[0].zone_choice, 3, "stick button 3 chooses D");
    SDL_JoystickSetVirtualButton(j, 3, SDL_RELEASED);
    pump();
    detach(id, "stick");
}

/* Devices are numbered among the attached ones of their kind: a buzzer
 * after a gamepad is buzzer 1, not the second device. */
static void test_device_numbers(void)
{
    SDL_VirtualJoystickDesc pd = pad_desc("Virtual pad for numbers"), bd;
    memset(&bd, 0, sizeof bd);
    bd.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    bd.type = SDL_JOYSTICK_TYPE_ARCADE_STICK;
    bd.nbuttons = 20;
    bd.name = "Virtual buzzer for numbers";
    SDL_JoystickID pid = -1, b1 = -1, b2 = -1;
    if (!attach(&pd, &pid) || !attach(&bd, &b1) || !attach(&bd, &b2))
        return;
    INT_EQ(input_device_number(&in, 0), 1, "the pad in slot 0: controller 1");
    INT_EQ(input_device_number(&in, 1), 1, "the buzzer in slot 1: buzzer 1");
    INT_EQ(input_device_number(&in, 2), 2, "the buzzer in slot 2: buzzer 2");
    INT_EQ(input_device_number(&in, 3), 0, "an empty slot");
    INT_EQ(input_device_number(&in, -1), 0, "no slot");
    detach(b1, "buzzer 1");
    INT_EQ(input_device_number(&in, 2), 1, "buzzer 2 alone: buzzer 1");
    detach(pid, "the pad");
    detach(b2, "buzzer 2");
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_JOYSTICK | SDL_INIT_GAMECONTROLLER) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        ; /* whatever SDL queued at start */
    test_keyboard();
    test_pointer();
    test_gamepads();
    test_buzzer();
    test_joystick();
    test_device_numbers();
    input_close(&in);
    SDL_Quit();
    return test_summary();
}
