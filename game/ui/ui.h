/* ui.h - the SDL layer: window, renderer, theme, cached text, shapes and the
 * layout log the screen tests check.
 *
 * Sizes are in output pixels, computed from the output height, so text stays
 * sharp at any resolution. Every piece of text is drawn through ui_text_*,
 * which renders a string once into a texture and reuses it until
 * ui_text_flush() (called when a screen changes or the window resizes). Once
 * the cache holds more than 1 MiB of pixels, each whole frame (ui_end) drops
 * what it did not draw, so a count redrawn at every answer keeps only its
 * current value; at 4096 strings or 16 MiB it starts again.
 *
 * Ownership: ui_open() creates everything, ui_close() frees everything.
 * Failure: ui_open() returns -1 (or UI_FONT_FAILED) with *err malloc'd.
 */
#ifndef QUIZMILL_UI_H
#define QUIZMILL_UI_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>

#include "config.h"

typedef struct ui_theme {
    SDL_Color bg, panel, panel_hi;
    SDL_Color edge; /* drawn round every panel of colour panel or panel_hi */
    SDL_Color text, dim, accent, good, bad, warn; /* text, on bg and on panels */
    SDL_Color on_badge;  /* text on a choice colour */
    SDL_Color choice[5]; /* badge colours, each with its own shape too */
} ui_theme;

/* The colours of a theme (the rules they pass are stated in ui.c). */
void ui_theme_of(config_theme which, ui_theme *t);
/* WCAG 2's contrast ratio of two colours, 1 to 21 (alpha ignored). */
double ui_contrast(SDL_Color a, SDL_Color b);
/* Black or white, whichever reads better on fill. */
SDL_Color ui_ink_on(SDL_Color fill);

typedef enum ui_align { UI_LEFT, UI_CENTER, UI_RIGHT } ui_align;

typedef enum ui_shape { SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_TRIANGLE, SHAPE_DIAMOND, SHAPE_STAR,
                        SHAPE_COUNT } ui_shape;

typedef struct ui_box {
    SDL_Rect r;
    int px;        /* font size for text, 0 for other boxes */
    bool text;
    bool cut;      /* text that did not fit at its smallest size and was
                    * ellipsised (ui_text_fit): a layout failure to test for */
    char what[40]; /* a short label, for test messages */
} ui_box;

typedef struct ui_font_slot {
    int px;
    bool bold;
    TTF_Font *font;
} ui_font_slot;

struct ui_text_entry;

typedef struct ui {
    SDL_Window *win;
    SDL_Renderer *ren;
    int w, h;        /* output size in pixels */
    double font_scale;
    ui_theme theme;
    char *font_path, *bold_path;
    ui_font_slot fonts[24];
    size_t nfonts;
    struct ui_text_entry **cache; /* open hash of rendered strings */
    size_t cache_cap, cache_n;
    size_t cache_bytes;           /* the cached textures' pixels */
    unsigned frame;               /* whole frames ended (ui_end), for the cache */
    ui_box *boxes;                /* what the last frame drew (layout log) */
    size_t nboxes, boxes_cap;
    bool log_boxes;
    bool fullscreen;
    int win_w, win_h; /* the window's size when not fullscreen */
    bool frame_fitted; /* the window and its frame made to fit the display */
    bool direct;    /* the software renderer drawing straight into the window
                     * surface: a frame stays there, parts can be redrawn */
    bool presented; /* a frame has been presented */
} ui;

/* What the window is opened with (the caller takes it from its settings). */
typedef struct ui_options {
    const char *title;
    const char *font;   /* a font file for all text, or NULL: DejaVu Sans found in
                         * assets/, the installed data or the system's folders */
    config_theme theme;
    bool accelerated;   /* ask for the GPU; else the software renderer */
    bool fullscreen;
    int width, height;  /* of the window when not fullscreen */
    double font_scale;  /* every text size times this (1: as designed) */
} ui_options;

/* ui_open()'s answer when o->font cannot be used: *err is only the reason
 * ("No such file or directory", "not a TrueType or OpenType font"), for the
 * caller to name the file and the config's line. */
#define UI_FONT_FAILED (-2)

/* Opens the window, renderer and fonts: 0, UI_FONT_FAILED, or -1 with *err
 * a whole one-line message. */
int ui_open(ui *u, const ui_options *o, char **err);
void ui_close(ui *u);
/* Re-reads the output size; returns true when it changed (text flushed). */
bool ui_resized(ui *u);
/* Fullscreen (the display's size, with or without a window manager) <->
 * a window of the asked size, never larger than the display's usable area;
 * then re-reads the output size. Never fails: SDL's refusal is logged. */
void ui_toggle_fullscreen(ui *u);
/* Saves the current frame as BMP into dir; returns the malloc'd path or
 * NULL with *err. */
char *ui_screenshot(ui *u, const char *dir, char **err);

/* The smallest font size allowed: 1/30 of the output height, times
 * font_scale when that is above 1. */
int ui_min_px(const ui *u);
/* The floor under that: 1/30 of the output height, whatever font_scale.
 * Large print gives way to it, and only to it, where a text would
 * otherwise be cut (ui_text_fit, the choices' layout). */
int ui_floor_px(const ui *u);
/* A size in pixels from a fraction of the output height; ui_font_px() is
 * for text: times font_scale, never below ui_min_px(). Every text size
 * comes from ui_font_px() or ui_min_px(). */
int ui_px(const ui *u, double frac_of_h);
int ui_font_px(const ui *u, double frac_of_h);

void ui_begin(ui *u);                 /* clears to the background, empties the layout log */
void ui_end(ui *u);                   /* presents */
/* Presents only the rectangles r[0..n-1] of what was drawn over the last
 * frame. Only when u->direct (elsewhere the last frame is not kept: draw a
 * whole frame and ui_end() it). */
void ui_end_part(ui *u, const SDL_Rect *r, int n);
void ui_text_flush(ui *u);
void ui_log(ui *u, SDL_Rect r, int px, bool text, const char *what);

void ui_fill(ui *u, SDL_Rect r, SDL_Color c);
void ui_panel(ui *u, SDL_Rect r, SDL_Color c, int radius);
void ui_frame(ui *u, SDL_Rect r, SDL_Color c, int thick, int radius);
void ui_draw_shape(ui *u, ui_shape s, int cx, int cy, int size, SDL_Color c);
void ui_check_mark(ui *u, int cx, int cy, int size, SDL_Color c);
void ui_cross_mark(ui *u, int cx, int cy, int size, SDL_Color c);

/* One line of text at (x, y) (top-left, or top-centre/right by align);
 * returns its width. */
int ui_text(ui *u, const char *s, int px, bool bold, SDL_Color c, int x, int y, ui_align a);
int ui_text_width(ui *u, const char *s, int px, bool bold);
int ui_line_height(ui *u, int px, bool bold);

/* Wraps s to box.w, shrinking from max_px down to min_px until it fits
 * box.h; draws it (vertically centred when vcenter) and returns the size
 * used. When even min_px does not fit, the text is cut with an ellipsis and
 * its last line's box in the layout log is marked cut. A layout that must
 * never cut measures first (ui_text_lines) and passes max_px == min_px. */
int ui_text_fit(ui *u, const char *s, SDL_Rect box, int max_px, int min_px, bool bold,
                SDL_Color c, ui_align a, bool vcenter);
/* s wrapped to box.w at px exactly, its lines lh apart (0:
 * ui_line_height()); what does not fit box.h is cut as ui_text_fit() cuts. */
void ui_text_block(ui *u, const char *s, SDL_Rect box, int px, bool bold, int lh, SDL_Color c,
                   ui_align a, bool vcenter);
/* The font's own line step, without the leading ui_line_height() adds:
 * lines set closer (a tile's), the glyphs of two lines never overlapping. */
int ui_line_height_close(ui *u, int px, bool bold);
/* The height s takes wrapped to width w at px. */
int ui_text_height(ui *u, const char *s, int w, int px, bool bold);
/* The lines s takes wrapped to width w at px (at least 1), as
 * ui_text_fit() wraps it: s fits a box of that width at px when
 * lines * ui_line_height(px) <= its height. */
int ui_text_lines(ui *u, const char *s, int w, int px, bool bold);

bool ui_point_in(SDL_Rect r, int x, int y);

#endif
