/* input.h - SDL events to actions: keyboard, mouse, touch, gamepads
 * (SDL_GameController) and other joysticks (SDL_Joystick fallback), each
 * action tagged with the device it came from, for the multi-player modes.
 *
 * Keyboard: 1-5 and A-E choose, Enter/Space confirm, Backspace deletes,
 * arrows move, Esc pauses. While text input is on (SDL_StartTextInput(),
 * the name box), the characters typed also arrive as ACT_TEXT and an input
 * method's composition as ACT_EDIT: a screen that takes text reads those
 * and ignores ACT_CHAR and ACT_CHOICE from the keyboard. Gamepad: D-pad or left stick move, A confirms,
 * B goes back (deletes on text entry), Start pauses. Other joysticks: hat or
 * first axes move,
 * button 0 confirms, button 1 goes back, the last button pauses.
 * Devices are opened when plugged in and closed when pulled out.
 *
 * For the team and buzzer modes every action also says which player's
 * control it is and which choice it makes there (zone_choice, A-D = 0-3):
 * - keyboard zones (zone 0..3): Q W E R, U I O P, the arrows (Left Up Down
 *   Right) and keypad 1 2 3 4 are choices A B C D of zones 0, 1, 2 and 3;
 * - gamepads: A B X Y are choices A B C D (X and Y as ACT_BUTTON);
 * - Buzz!-style buzzers (a joystick with exactly 20 buttons, not a game
 *   controller): four handsets of five buttons; button % 5 == 0 is the red
 *   buzz button (ACT_CONFIRM), 1..4 are choices A..D (ACT_CHOICE); each
 *   handset is a device of its own, INPUT_HANDSET_DEVICE(slot, handset);
 * - other joysticks: buttons 0..3 (not the last) are choices A..D.
 * Ctrl+S, Ctrl+R, Ctrl+P, Ctrl+E and Ctrl(+Shift)+1..4 are the host's keys
 * (ACT_HOST), never a player's.
 */
#ifndef QUIZMILL_INPUT_H
#define QUIZMILL_INPUT_H

#include <SDL.h>
#include <stdbool.h>

#define INPUT_MAX_PADS 8
/* Device ids: the keyboard, the mouse or touch, then the gamepad or
 * joystick in slot s is INPUT_PAD_DEVICE(s), and handset h (0..3) of the
 * Buzz!-style buzzer in slot s is INPUT_HANDSET_DEVICE(s, h). */
#define INPUT_KEYBOARD 0
#define INPUT_POINTER 1
#define INPUT_PAD_DEVICE(slot) (2 + (slot))
#define INPUT_IS_PAD(device) ((device) >= INPUT_PAD_DEVICE(0))
#define INPUT_HANDSET_DEVICE(slot, h) (16 + (slot) * 4 + (h))
#define INPUT_ZONES 4
/* After a screen appears, presses are ignored this long (ms): the press
 * that made it appear, held or doubled, does not also act on it. */
#define INPUT_GRACE_MS 400

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
    ACT_BUTTON,  /* a player's button with no other meaning (gamepad X, Y): see zone_choice */
    ACT_PAGE,    /* a page of a list: n = -1 back (PageUp, wheel up, left shoulder),
                  * +1 on (PageDown, wheel down, right shoulder) */
    ACT_HOST,    /* a host key: ch 'S' skip, 'R' replay, 'P' pause, 'E' end, '1'..'4'
                  * points for that team, n = +1 (Ctrl) or -1 (Ctrl+Shift) */
    ACT_TEXT,    /* text typed while text input is on (SDL_TEXTINPUT): text, UTF-8 */
    ACT_EDIT,    /* an input method's composition (SDL_TEXTEDITING): text, UTF-8, and
                  * n, the cursor in it (characters); "" when it ends */
    ACT_TAB,     /* Tab: accept a suggestion */
} act_kind;

typedef struct action {
    act_kind kind;
    int n;
    char ch;     /* ACT_CONFIRM: ' ' for the Space key, '\n' for Enter */
    char text[SDL_TEXTINPUTEVENT_TEXT_SIZE]; /* ACT_TEXT, ACT_EDIT */
    int x, y;
    int device; /* INPUT_KEYBOARD, INPUT_POINTER, INPUT_PAD_DEVICE() a gamepad or
                 * joystick, INPUT_HANDSET_DEVICE() a Buzz! handset */
    int zone;        /* keyboard zone 0..3 of the key, -1 when none (or a repeat) */
    int zone_choice; /* the choice 0..3 this control makes for its player, -1 when none */
} action;

/* A press that goes on from a screen that only waits to be read (Enter or
 * Space, a click or tap, a choice key, gamepad A or B). */
static inline bool input_goes_on(const action *act)
{
    return act->kind == ACT_CONFIRM || act->kind == ACT_POINT || act->kind == ACT_CHOICE ||
           act->kind == ACT_BACK;
}


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
/* Which one of its kind the device in slot is: 1 for the first, counting in
 * slot order the attached Buzz!-style buzzers apart from the other gamepads
 * and joysticks; 0 when nothing is attached there. Names a device on screen
 * ("Buzzer 1") as its slot alone would not when another kind comes first. */
int input_device_number(const input *in, int slot);

#endif
