/* keyboard.h - an on-screen keyboard for gamepads, touch and the mouse:
 * its keys (pages of letters, a shift key, a digit pad), where they stand
 * in a rectangle, which key a point falls on, moving between keys with a
 * D-pad, pressing one, and drawing it. It knows nothing of the game: the
 * caller keeps the keyboard in its own state and decides what a typed
 * character, Delete or Done means.
 *
 * Layouts:
 * - KB_TEXT: pages of rows of characters (Latin with digits, the accented
 *   letters of Latin-1, those of Latin Extended-A a European class needs,
 *   Cyrillic), and a last row with Shift, a key for each other page, Space,
 *   Delete and Done. Shift gives the capitals of the next letter only.
 * - KB_DIGITS: 1-9, then Delete, 0, OK (the kiosk's exit PIN).
 *
 * Positions are in half-units of a character key's width, so the layout
 * and navigation are exact and testable without a window; kb_rects() turns
 * them into pixels. Nothing is allocated: a keyboard is a plain value.
 */
#ifndef QUIZMILL_KEYBOARD_H
#define QUIZMILL_KEYBOARD_H

#include <SDL.h>
#include <stdbool.h>

#include "ui.h"

#define KB_MAX_KEYS 64
#define KB_TEXT_MAX 8 /* bytes of a key's character or label, with the NUL */

typedef enum kb_layout { KB_TEXT, KB_DIGITS } kb_layout;
typedef enum kb_page { KB_LATIN, KB_LATIN1, KB_LATIN_EXT, KB_CYRILLIC, KB_PAGES } kb_page;
typedef enum kb_key_kind { KB_CHAR, KB_SHIFT, KB_PAGE, KB_SPACE, KB_DELETE, KB_DONE } kb_key_kind;

typedef struct kb_key {
    kb_key_kind kind;
    int row;
    int x, w;               /* from the row's left end and wide, in half-units */
    char text[KB_TEXT_MAX]; /* KB_CHAR: the character (UTF-8); KB_PAGE: its label */
    kb_page page;           /* KB_PAGE: the page it opens */
} kb_key;

typedef struct keyboard {
    kb_layout layout;
    kb_page page;
    bool shift;
    int sel; /* the key the D-pad is on */
    int nkeys;
    int nrows;
    int width; /* the widest row, in half-units */
    kb_key keys[KB_MAX_KEYS];
} keyboard;

/* What a press did for the caller. */
typedef enum kb_result {
    KB_NOTHING, /* shift or a page changed the keyboard itself (redraw it) */
    KB_TYPED,   /* out holds one character (UTF-8; " " for Space) */
    KB_ERASE,   /* Delete */
    KB_SUBMIT,  /* Done or OK */
} kb_result;

void kb_init(keyboard *k, kb_layout layout);
/* Presses key i (out: KB_TEXT_MAX bytes); -1 or past the end does nothing. */
kb_result kb_press(keyboard *k, int i, char *out);
/* Moves the selection: dx -1/+1 along the row (wrapping), dy -1/+1 to the
 * row above or below (wrapping), onto the key nearest below the old one's
 * centre. */
void kb_move(keyboard *k, int dx, int dy);
/* The keys' rectangles when the keyboard fills area (out: nkeys rects);
 * the rows are centred, keys at most about 1.3 times as wide as high. */
void kb_rects(const keyboard *k, SDL_Rect area, SDL_Rect *out);
/* The key at (x, y) when drawn in area, or -1. */
int kb_hit(const keyboard *k, SDL_Rect area, int x, int y);
/* Key i for the tests' traces: its character, a page key's label, or
 * Shift, Space, Delete, Done (ASCII, never translated). */
const char *kb_key_name(const keyboard *k, int i);
/* Draws it in area; show_sel: the selected key highlighted (for the D-pad). */
void kb_draw(const keyboard *k, ui *u, SDL_Rect area, bool show_sel);

#endif
