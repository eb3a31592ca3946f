/* input.c - one function turns any SDL event into an action. */
#include "input.h"

#include <string.h>

#define BUZZ_BUTTONS 20 /* a Buzz!-style buzzer: four handsets of five buttons */

static action blank(int device)
{
    action a;
    memset(&a, 0, sizeof a);
    a.kind = ACT_NONE;
    a.device = device;
    a.zone = -1;
    a.zone_choice = -1;
    return a;
}

static int slot_of(input *in, SDL_JoystickID id)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if ((in->pads[i] || in->sticks[i]) && in->ids[i] == id)
            return i;
    return -1;
}

static int free_slot(const input *in)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (!in->pads[i] && !in->sticks[i])
            return i;
    return -1;
}

static bool is_buzzer(const input *in, int slot)
{
    return in->sticks[slot] && SDL_JoystickNumButtons(in->sticks[slot]) == BUZZ_BUTTONS;
}

int input_device_number(const input *in, int slot)
{
    if (slot < 0 || slot >= INPUT_MAX_PADS || (!in->pads[slot] && !in->sticks[slot]))
        return 0;
    int n = 0;
    for (int i = 0; i <= slot; i++)
        n += (in->pads[i] || in->sticks[i]) && is_buzzer(in, i) == is_buzzer(in, slot);
    return n;
}

static void device_added(input *in, int index)
{
    SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(index);
    if (slot_of(in, id) >= 0)
        return;
    int slot = free_slot(in);
    if (slot < 0)
        return;
    if (SDL_IsGameController(index)) {
        in->pads[slot] = SDL_GameControllerOpen(index);
        if (!in->pads[slot])
            return;
    } else {
        in->sticks[slot] = SDL_JoystickOpen(index);
        if (!in->sticks[slot])
            return;
    }
    in->ids[slot] = id;
    in->axis_state[slot][0] = in->axis_state[slot][1] = 0;
}

static void device_removed(input *in, SDL_JoystickID id)
{
    int slot = slot_of(in, id);
    if (slot < 0)
        return;
    if (in->pads[slot])
        SDL_GameControllerClose(in->pads[slot]);
    if (in->sticks[slot])
        SDL_JoystickClose(in->sticks[slot]);
    in->pads[slot] = NULL;
    in->sticks[slot] = NULL;
}

void input_close(input *in)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (in->pads[i])
            SDL_GameControllerClose(in->pads[i]);
        if (in->sticks[i])
            SDL_JoystickClose(in->sticks[i]);
    }
    memset(in, 0, sizeof *in);
}

/* An axis past the dead zone sends one move, then nothing until it returns. */
static action axis_move(input *in, int slot, int axis, Sint16 value, int device)
{
    action a = blank(device);
    if (slot < 0 || axis > 1)
        return a;
    int dir = value > 16000 ? 1 : value < -16000 ? -1 : 0;
    if (dir == in->axis_state[slot][axis])
        return a;
    in->axis_state[slot][axis] = (Sint16)dir;
    if (dir == 0)
        return a;
    a.kind = axis == 0 ? (dir < 0 ? ACT_LEFT : ACT_RIGHT) : (dir < 0 ? ACT_UP : ACT_DOWN);
    return a;
}

/* The keyboard zone of a key and its choice there; -1 when in none. */
static int key_zone(SDL_Keycode sym, int *choice)
{
    static const SDL_Keycode zones[INPUT_ZONES][4] = {
        {SDLK_q, SDLK_w, SDLK_e, SDLK_r},
        {SDLK_u, SDLK_i, SDLK_o, SDLK_p},
        {SDLK_LEFT, SDLK_UP, SDLK_DOWN, SDLK_RIGHT},
        {SDLK_KP_1, SDLK_KP_2, SDLK_KP_3, SDLK_KP_4},
    };
    for (int z = 0; z < INPUT_ZONES; z++)
        for (int c = 0; c < 4; c++)
            if (zones[z][c] == sym) {
                *choice = c;
                return z;
            }
    return -1;
}

/* Ctrl+S, R, P, E, 1-4 (Shift with a digit: remove points). */
static action host_key(const SDL_KeyboardEvent *k)
{
    action a = blank(0);
    SDL_Keycode sym = k->keysym.sym;
    Uint16 mod = k->keysym.mod;
    if (!(mod & KMOD_CTRL) || (mod & (KMOD_ALT | KMOD_GUI)) || k->repeat)
        return a;
    if (sym >= SDLK_1 && sym <= SDLK_4) {
        a.kind = ACT_HOST;
        a.ch = (char)('1' + (sym - SDLK_1));
        a.n = mod & KMOD_SHIFT ? -1 : 1;
    } else if (!(mod & KMOD_SHIFT) &&
               (sym == SDLK_s || sym == SDLK_r || sym == SDLK_p || sym == SDLK_e)) {
        a.kind = ACT_HOST;
        a.ch = (char)('A' + (sym - SDLK_a));
        a.n = 1;
    }
    return a;
}

static action key_action(const SDL_KeyboardEvent *k)
{
    action a = blank(0);
    SDL_Keycode sym = k->keysym.sym;
    if (k->keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
        return host_key(k); /* shortcuts are not answers */
    if (k->repeat && sym != SDLK_BACKSPACE && sym != SDLK_UP && sym != SDLK_DOWN &&
        sym != SDLK_LEFT && sym != SDLK_RIGHT)
        return a; /* a held key answers, confirms or pauses once */
    if (sym >= SDLK_1 && sym <= SDLK_5) {
        a.kind = ACT_CHOICE;
        a.n = (int)(sym - SDLK_1);
        a.ch = (char)('1' + a.n);
    } else if (sym >= SDLK_KP_1 && sym <= SDLK_KP_5) {
        a.kind = ACT_CHOICE;
        a.n = (int)(sym - SDLK_KP_1);
        a.ch = (char)('1' + a.n);
    } else if (sym >= SDLK_a && sym <= SDLK_e) {
        a.kind = ACT_CHOICE;
        a.n = (int)(sym - SDLK_a);
        a.ch = (char)('A' + a.n);
    } else if (sym >= SDLK_f && sym <= SDLK_z) {
        a.kind = ACT_CHAR;
        a.ch = (char)('A' + (sym - SDLK_a));
    } else if ((sym >= SDLK_0 && sym <= SDLK_9)) {
        a.kind = ACT_CHAR;
        a.ch = (char)('0' + (sym - SDLK_0));
    } else if (sym >= SDLK_KP_6 && sym <= SDLK_KP_9) {
        a.kind = ACT_CHAR;
        a.ch = (char)('6' + (sym - SDLK_KP_6));
    } else if (sym == SDLK_KP_0) {
        a.kind = ACT_CHAR;
        a.ch = '0';
    } else {
        switch (sym) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            a.kind = ACT_CONFIRM;
            a.ch = '\n';
            break;
        case SDLK_SPACE:
            a.kind = ACT_CONFIRM;
            a.ch = ' ';
            break;
        case SDLK_TAB: a.kind = ACT_TAB; break;
        case SDLK_BACKSPACE:
        case SDLK_DELETE: a.kind = ACT_DELETE; break;
        case SDLK_ESCAPE: a.kind = ACT_PAUSE; break;
        case SDLK_UP: a.kind = ACT_UP; break;
        case SDLK_DOWN: a.kind = ACT_DOWN; break;
        case SDLK_LEFT: a.kind = ACT_LEFT; break;
        case SDLK_RIGHT: a.kind = ACT_RIGHT; break;
        case SDLK_PAGEUP:
        case SDLK_PAGEDOWN:
            a.kind = ACT_PAGE;
            a.n = sym == SDLK_PAGEUP ? -1 : 1;
            break;
        default: break;
        }
    }
    if (!k->repeat)
        a.zone = key_zone(sym, &a.zone_choice);
    return a;
}

/* A button of a Buzz!-style buzzer: each handset a device of its own. */
static action handset_button(int slot, int button)
{
    action a = blank(INPUT_HANDSET_DEVICE(slot, button / 5));
    int b = button % 5;
    if (b == 0) {
        a.kind = ACT_CONFIRM; /* the red buzz button */
    } else {
        a.kind = ACT_CHOICE;
        a.n = b - 1;
        a.ch = (char)('A' + a.n);
        a.zone_choice = a.n;
    }
    return a;
}

action input_map(input *in, const SDL_Event *ev, int w, int h)
{
    action a = blank(0);
    switch (ev->type) {
    case SDL_KEYDOWN:
        return key_action(&ev->key);
    case SDL_TEXTINPUT:
        a.kind = ACT_TEXT;
        SDL_strlcpy(a.text, ev->text.text, sizeof a.text);
        return a;
    case SDL_TEXTEDITING:
        a.kind = ACT_EDIT;
        SDL_strlcpy(a.text, ev->edit.text, sizeof a.text);
        a.n = ev->edit.start;
        return a;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
            return a; /* touch comes as SDL_FINGERDOWN */
        a.kind = ACT_POINT;
        a.x = ev->button.x;
        a.y = ev->button.y;
        a.device = INPUT_POINTER;
        return a;
    case SDL_MOUSEMOTION:
        if (ev->motion.which == SDL_TOUCH_MOUSEID)
            return a;
        a.kind = ACT_HOVER;
        a.x = ev->motion.x;
        a.y = ev->motion.y;
        a.device = INPUT_POINTER;
        return a;
    case SDL_MOUSEWHEEL: {
        int dy = ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -ev->wheel.y : ev->wheel.y;
        if (dy == 0)
            return a;
        a.kind = ACT_PAGE;
        a.n = dy > 0 ? -1 : 1; /* the wheel turned up: back */
        a.device = INPUT_POINTER;
        return a;
    }
    case SDL_FINGERDOWN:
        a.kind = ACT_POINT;
        a.x = (int)(ev->tfinger.x * w);
        a.y = (int)(ev->tfinger.y * h);
        a.device = INPUT_POINTER;
        return a;
    case SDL_CONTROLLERDEVICEADDED:
    case SDL_JOYDEVICEADDED:
        device_added(in, ev->cdevice.which);
        return a;
    case SDL_CONTROLLERDEVICEREMOVED:
    case SDL_JOYDEVICEREMOVED:
        device_removed(in, ev->cdevice.which);
        return a;
    case SDL_CONTROLLERBUTTONDOWN: {
        int slot = slot_of(in, ev->cbutton.which);
        if (slot < 0 || !in->pads[slot])
            return a;
        a.device = INPUT_PAD_DEVICE(slot);
        switch (ev->cbutton.button) {
        case SDL_CONTROLLER_BUTTON_A:
            a.kind = ACT_CONFIRM;
            a.zone_choice = 0;
            break;
        case SDL_CONTROLLER_BUTTON_B:
            a.kind = ACT_BACK;
            a.zone_choice = 1;
            break;
        case SDL_CONTROLLER_BUTTON_X:
            a.kind = ACT_BUTTON;
            a.zone_choice = 2;
            break;
        case SDL_CONTROLLER_BUTTON_Y:
            a.kind = ACT_BUTTON;
            a.zone_choice = 3;
            break;
        case SDL_CONTROLLER_BUTTON_START: a.kind = ACT_PAUSE; break;
        case SDL_CONTROLLER_BUTTON_LEFTSHOULDER:
        case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER:
            a.kind = ACT_PAGE;
            a.n = ev->cbutton.button == SDL_CONTROLLER_BUTTON_LEFTSHOULDER ? -1 : 1;
            break;
        case SDL_CONTROLLER_BUTTON_DPAD_UP: a.kind = ACT_UP; break;
        case SDL_CONTROLLER_BUTTON_DPAD_DOWN: a.kind = ACT_DOWN; break;
        case SDL_CONTROLLER_BUTTON_DPAD_LEFT: a.kind = ACT_LEFT; break;
        case SDL_CONTROLLER_BUTTON_DPAD_RIGHT: a.kind = ACT_RIGHT; break;
        default: break;
        }
        return a;
    }
    case SDL_CONTROLLERAXISMOTION: {
        int slot = slot_of(in, ev->caxis.which);
        if (slot < 0 || !in->pads[slot])
            return a;
        return axis_move(in, slot, ev->caxis.axis, ev->caxis.value, 2 + slot);
    }
    case SDL_JOYBUTTONDOWN: {
        int slot = slot_of(in, ev->jbutton.which);
        if (slot < 0 || !in->sticks[slot])
            return a; /* game controllers send controller events */
        a.device = INPUT_PAD_DEVICE(slot);
        int nbuttons = SDL_JoystickNumButtons(in->sticks[slot]);
        int b = ev->jbutton.button;
        if (is_buzzer(in, slot))
            return handset_button(slot, b);
        if (nbuttons > 2 && b == nbuttons - 1)
            a.kind = ACT_PAUSE;
        else if (b == 0)
            a.kind = ACT_CONFIRM;
        else if (b == 1)
            a.kind = ACT_BACK;
        else if (b < 4)
            a.kind = ACT_BUTTON;
        if (a.kind != ACT_PAUSE && b < 4)
            a.zone_choice = b;
        return a;
    }
    case SDL_JOYHATMOTION: {
        int slot = slot_of(in, ev->jhat.which);
        if (slot < 0 || !in->sticks[slot])
            return a;
        a.device = INPUT_PAD_DEVICE(slot);
        Uint8 v = ev->jhat.value;
        a.kind = v & SDL_HAT_UP      ? ACT_UP
                 : v & SDL_HAT_DOWN  ? ACT_DOWN
                 : v & SDL_HAT_LEFT  ? ACT_LEFT
                 : v & SDL_HAT_RIGHT ? ACT_RIGHT
                                     : ACT_NONE;
        return a;
    }
    case SDL_JOYAXISMOTION: {
        int slot = slot_of(in, ev->jaxis.which);
        if (slot < 0 || !in->sticks[slot])
            return a;
        return axis_move(in, slot, ev->jaxis.axis, ev->jaxis.value, 2 + slot);
    }
    default:
        return a;
    }
}
