/* input.c - one function turns any SDL event into an action. */
#include "input.h"

#include <string.h>

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
    action a = {ACT_NONE, 0, 0, 0, 0, device};
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

static action key_action(const SDL_KeyboardEvent *k)
{
    action a = {ACT_NONE, 0, 0, 0, 0, 0};
    SDL_Keycode sym = k->keysym.sym;
    if (k->keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
        return a; /* shortcuts are not answers */
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
        case SDLK_SPACE: a.kind = ACT_CONFIRM; break;
        case SDLK_BACKSPACE: a.kind = ACT_DELETE; break;
        case SDLK_ESCAPE: a.kind = ACT_PAUSE; break;
        case SDLK_UP: a.kind = ACT_UP; break;
        case SDLK_DOWN: a.kind = ACT_DOWN; break;
        case SDLK_LEFT: a.kind = ACT_LEFT; break;
        case SDLK_RIGHT: a.kind = ACT_RIGHT; break;
        default: break;
        }
    }
    return a;
}

action input_map(input *in, const SDL_Event *ev, int w, int h)
{
    action a = {ACT_NONE, 0, 0, 0, 0, 0};
    switch (ev->type) {
    case SDL_KEYDOWN:
        return key_action(&ev->key);
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
            return a; /* touch comes as SDL_FINGERDOWN */
        a.kind = ACT_POINT;
        a.x = ev->button.x;
        a.y = ev->button.y;
        a.device = 1;
        return a;
    case SDL_MOUSEMOTION:
        if (ev->motion.which == SDL_TOUCH_MOUSEID)
            return a;
        a.kind = ACT_HOVER;
        a.x = ev->motion.x;
        a.y = ev->motion.y;
        a.device = 1;
        return a;
    case SDL_FINGERDOWN:
        a.kind = ACT_POINT;
        a.x = (int)(ev->tfinger.x * w);
        a.y = (int)(ev->tfinger.y * h);
        a.device = 1;
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
        a.device = 2 + slot;
        switch (ev->cbutton.button) {
        case SDL_CONTROLLER_BUTTON_A: a.kind = ACT_CONFIRM; break;
        case SDL_CONTROLLER_BUTTON_B: a.kind = ACT_BACK; break;
        case SDL_CONTROLLER_BUTTON_START: a.kind = ACT_PAUSE; break;
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
        a.device = 2 + slot;
        int nbuttons = SDL_JoystickNumButtons(in->sticks[slot]);
        if (ev->jbutton.button == 0)
            a.kind = ACT_CONFIRM;
        else if (ev->jbutton.button == 1)
            a.kind = ACT_BACK;
        else if (nbuttons > 2 && ev->jbutton.button == nbuttons - 1)
            a.kind = ACT_PAUSE;
        return a;
    }
    case SDL_JOYHATMOTION: {
        int slot = slot_of(in, ev->jhat.which);
        if (slot < 0 || !in->sticks[slot])
            return a;
        a.device = 2 + slot;
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
