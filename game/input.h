/* input.h - SDL events to actions: keyboard, mouse, touch, gamepads
 * (SDL_GameController) and other joysticks (SDL_Joystick fallback), each
 * action tagged with the device it came from, for the multi-player modes.
 *
 * Keyboard: 1-5 and A-E choose, Enter/Space confirm, Backspace deletes,
 * arrows move, Esc pauses. Gamepad: D-pad or left stick move, A confirms,
 * B goes back (deletes on text entry), Start pauses. Other joysticks: hat or
 * first axes move,
 * button 0 confirms, button 1 goes back, the last button pauses.
 * Devices are opened when plugged in and closed when pulled out.
 */
#ifndef QUIZMILL_INPUT_H
#define QUIZMILL_INPUT_H

#include <SDL.h>
#include <stdbool.h>

#define INPUT_MAX_PADS 8

typedef enum act_kind {
    ACT_NONE,
    ACT_CHOICE,  /* n = 0..4 (keys 1-5 and A-E); ch holds the letter or digit */
    ACT_CHAR,    /* another letter or digit key: ch */
    ACT_DELETE,  /* Backspace, gamepad B on text entry */
    ACT_UP,
    ACT_DOWN,
    ACT_LEFT,
    ACT_RIGHT,
    ACT_CONFIRM, /* Enter, Space, gamepad A */
    ACT_BACK,    /* gamepad B */
    ACT_PAUSE,   /* Esc, gamepad Start */
    ACT_POINT,   /* a click or tap at x, y */
    ACT_HOVER,   /* the pointer moved to x, y */
} act_kind;

typedef struct action {
    act_kind kind;
    int n;
    char ch;
    int x, y;
    int device; /* 0 keyboard, 1 mouse or touch, 2.. a gamepad or joystick */
} action;


typedef struct input {
    SDL_GameController *pads[INPUT_MAX_PADS];
    SDL_Joystick *sticks[INPUT_MAX_PADS];
    SDL_JoystickID ids[INPUT_MAX_PADS];
    Sint16 axis_state[INPUT_MAX_PADS][2]; /* last direction sent per axis: -1, 0, 1 */
} input;

/* Maps one event to an action (kind ACT_NONE when it is not one) and
 * opens or closes devices as they come and go. w, h: the output size, for
 * touch positions. */
action input_map(input *in, const SDL_Event *ev, int w, int h);
void input_close(input *in);

#endif
