/* widgets.h - the drawing the screens share: a choice's badge (letter,
 * colour and shape), its tile, the layout of a prompt and its choices that
 * keeps every text whole, the header's three boxes,
 * the hint line, the high-score rows, the countdown bar, and a team's
 * colour and badge. Each draws on a ui (ui.h) and knows no screen.
 *
 * Nothing here fails or allocates beyond ui's text cache.
 */
#ifndef QUIZMILL_WIDGETS_H
#define QUIZMILL_WIDGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "item.h"
#include "store.h"
#include "ui.h"

/* How a choice tile is drawn: filled with its choice colour, its shape
 * and letter in a badge, its text in the theme's on_badge. */
typedef enum choice_state {
    CHOICE_PLAIN,    /* as asked */
    CHOICE_SELECTED, /* highlighted for keys and gamepads: a thick ring */
    CHOICE_RIGHT,    /* revealed: the right one, bright, with a check */
    CHOICE_WRONG,    /* revealed: the one picked wrong, dimmed, with a cross */
    CHOICE_DIM       /* revealed: neither right nor picked, dimmed */
} choice_state;

/* A choice's badge: its shape in its colour with its letter (A, B, ...). */
void widget_badge(ui *u, int index, int cx, int cy, int size, bool dim);
/* A choice tile in r with its text at px exactly, bold or not (the layout
 * measured it: widget_choice_layout; a text that does not fit is cut and
 * logged cut). */
void widget_choice(ui *u, SDL_Rect r, int index, const char *text, choice_state state, int px,
                   bool bold);

/* widget_choice() with room pixels at the tile's right end kept free of
 * its text (as widget_choice_layout_room() measured it); returns that free
 * box, as high as the text's, for what the caller draws there. */
SDL_Rect widget_choice_room(ui *u, SDL_Rect r, int index, const char *text, choice_state state,
                            int px, bool bold, int room);

/* Where a question's prompt and choices go, all text whole. */
typedef struct choice_layout {
    SDL_Rect panel;  /* the prompt's panel (w 0 when there is no prompt) */
    SDL_Rect prompt; /* the prompt's text box inside it */
    int prompt_px;
    SDL_Rect tiles[ITEM_MAX_CHOICES];
    int n, cols, px; /* one size for every choice */
    bool bold;       /* their weight: regular when bold does not fit */
    bool fits;       /* everything whole at ui_min_px() or more */
} choice_layout;

/* How widget_choice_layout() places the choices. */
typedef enum choice_fill {
    CHOICE_FILL,  /* tiles grow to share the area (a question screen) */
    CHOICE_TIGHT, /* tiles as tall as their text, at the area's top */
} choice_fill;

/* Lays out prompt (NULL: none) above the n choices texts in area. The
 * choices keep their largest size while the prompt shrinks, then both
 * shrink step by step down to ui_min_px(); choices wrap to as many lines as
 * they need; two columns when every choice fits two lines there, else
 * one. marks: room for a revealed tile's check or cross. When nothing fits
 * at the smallest size, out->fits is false and the smallest sizes are used
 * (the text that does not fit is then cut, and the layout log says so). */
void widget_choice_layout(ui *u, const char *prompt, const char *const *texts, int n,
                          SDL_Rect area, bool marks, choice_fill fill, choice_layout *out);
/* widget_choice_layout() with room pixels at each tile's right end kept
 * free of text (widget_choice_room() draws such a tile). */
void widget_choice_layout_room(ui *u, const char *prompt, const char *const *texts, int n,
                               SDL_Rect area, int room, choice_fill fill, choice_layout *out);
/* Draws the prompt's panel and text as laid out. */
void widget_prompt(ui *u, const char *prompt, const choice_layout *l);
/* The height of a tile of width w that holds text whole at px, bold or
 * not, with room for a check or cross when marks. */
int widget_choice_height(ui *u, const char *text, int w, int px, bool bold, bool marks);

/* The top line's boxes: 0 left, 1 centre, 2 right. */
SDL_Rect widget_header_box(ui *u, int which);
/* The top line: texts at the left, centre and right (each may be NULL). */
void widget_header(ui *u, const char *left, const char *center, const char *right);
/* The bottom hint, wrapped to as many lines as it needs at the smallest
 * size (large print: often two); returns its top y, which the caller keeps
 * its own text above. */
int widget_hint(ui *u, const char *hint);
/* Where widget_hint() would put hint's top, drawing nothing (a layout
 * made before the frame: hit-testing). */
int widget_hint_top(ui *u, const char *hint);

/* The countdown bar in bar: the part left of limit (ms) filled, green, then
 * yellow from half, red for the last five seconds, or in colour when
 * colour is not NULL (a buzzing team's). Returns the fill's width. */
int widget_countdown(ui *u, SDL_Rect bar, uint32_t left, uint32_t limit, const SDL_Color *colour);
/* The seconds left, as the header's centre ("12 s"); returns them. */
int widget_seconds(ui *u, uint32_t left);

/* The high-score rows of one difficulty (rank, name, points) from the top
 * of box, as many as fit and at most max_rows; a row for which marked()
 * is true is drawn highlighted. Returns the rows drawn. */
int widget_score_rows(ui *u, const store_scores *t, item_difficulty d, SDL_Rect box, int px,
                      int max_rows,
                      bool (*marked)(const void *ctx, size_t rank, const store_score *s),
                      const void *ctx);

/* A team's identity, its own and never a choice's: a colour (red, yellow,
 * green, purple: hues apart from every theme's choice colours, blue,
 * orange, bluish green and pink) and an emblem (heart, hexagon, cross,
 * clover: none of the choices' circle, square, triangle, diamond, star).
 * The ink that reads on the team's colour (black or white). */
SDL_Color widget_team_color(int team);
SDL_Color widget_team_ink(int team);
/* The team's emblem in its colour, size wide, with a dark rim that keeps
 * it clear on a light panel; no number (a "3" on a podium's "1st" block
 * would read as a place). */
void widget_team_badge(ui *u, int team, int cx, int cy, int size);

/* A host's yes-or-no question (question, then "Enter: yes · Esc: no") on
 * a panel over the screen, which is veiled so that its text does not show
 * through. */
void widget_confirm(ui *u, const char *question);

#endif
