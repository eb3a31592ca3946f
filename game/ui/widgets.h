/* widgets.h - the drawing the screens share: a choice's badge (letter,
 * colour and shape) and row, the rows' layout, the header's three boxes,
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

/* How a choice row is drawn. */
typedef enum choice_state {
    CHOICE_PLAIN,    /* as asked */
    CHOICE_SELECTED, /* highlighted for keys and gamepads */
    CHOICE_RIGHT,    /* revealed: the right one (a check mark) */
    CHOICE_WRONG     /* revealed: the one picked wrong (a cross, its badge dimmed) */
} choice_state;

/* A choice's badge: its shape in its colour with its letter (A, B, ...). */
void widget_badge(ui *u, int index, int cx, int cy, int size, bool dim);
/* A choice row: panel, badge, text fitted from px down, state's frame and mark. */
void widget_choice(ui *u, SDL_Rect r, int index, const char *text, choice_state state, int px);
/* The rows of an item's choices stacked in area; *px (may be NULL) the
 * text size to start from. Returns the count. */
int widget_choice_rects(ui *u, const item *it, SDL_Rect area, SDL_Rect *out, int *px);

/* The top line's boxes: 0 left, 1 centre, 2 right. */
SDL_Rect widget_header_box(ui *u, int which);
/* The top line: texts at the left, centre and right (each may be NULL). */
void widget_header(ui *u, const char *left, const char *center, const char *right);
/* The bottom hint line; returns its top y. */
int widget_hint(ui *u, const char *hint);

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

#endif
