/* widgets.c - the drawing the screens share (widgets.h). */
#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


#include "config.h"
#include "i18n.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* The last seconds in red. */
#define COUNTDOWN_RED_MS 5000

void widget_badge(ui *u, int index, int cx, int cy, int size, bool dim)
{
    SDL_Color c = u->theme.choice[index % 5], ink = u->theme.on_badge;
    if (dim) {
        c.a = 110;
        /* on_badge is for the whole colour: on the faded one (over a
         * panel) black or white, whichever reads (on_badge was 2:1 to 3:1) */
        SDL_Color p = u->theme.panel, m = {(Uint8)((c.r * c.a + p.r * (255 - c.a)) / 255),
                                           (Uint8)((c.g * c.a + p.g * (255 - c.a)) / 255),
                                           (Uint8)((c.b * c.a + p.b * (255 - c.a)) / 255), 255};
        ink = ui_ink_on(m);
    }
    ui_draw_shape(u, (ui_shape)(index % SHAPE_COUNT), cx, cy, size, c);
    char letter[2] = {(char)('A' + index), 0};
    int px = size * 45 / 100;
    if (px < ui_min_px(u))
        px = ui_min_px(u);
    int lh = ui_line_height(u, px, true);
    int dy = index % SHAPE_COUNT == SHAPE_TRIANGLE ? size / 8 : 0;
    ui_text(u, letter, px, true, ink, cx, cy - lh / 2 + dy, UI_CENTER);
}

/* ---- choice tiles ---- */

/* A tile's parts as fractions of the output height: the badge, the inner
 * padding, the gap between tiles (room for the selected tile's ring), the
 * ring's bands and the tallest a tile grows. */
#define TILE_BADGE 0.068
#define TILE_PAD 0.018
#define TILE_VPAD 0.008 /* above and below the text, together */
#define TILE_LIP 0.006  /* the darker bottom edge */
#define TILE_GAP 0.016
#define TILE_RING 0.008
#define PANEL_VPAD 0.02 /* the prompt's panel, above and below its text */
#define TILE_MAX_ROW 0.15  /* one column */
#define TILE_MAX_CELL 0.22 /* two columns */
/* Sizes tried, largest first: each this fraction of the one before. */
#define SIZE_STEP 0.92
#define PROMPT_MAX 0.058
#define CHOICE_MAX 0.05
/* Two columns first when every choice takes at most this many lines
 * there; else one column, else two columns of longer tiles (long texts
 * fill half-width lines better than a second, short line of a whole one). */
#define GRID_LINES 2

static int tile_badge(ui *u, SDL_Rect r)
{
    int badge = ui_px(u, TILE_BADGE), pad = ui_px(u, TILE_VPAD) + ui_px(u, TILE_LIP);
    return r.h - pad < badge ? r.h - pad : badge;
}

/* The text's box in tile r (the layout measures with it, widget_choice
 * draws in it), room pixels at the right end kept free of it. */
static SDL_Rect tile_text_box(ui *u, SDL_Rect r, int badge, bool mark, int room)
{
    int pad = ui_px(u, TILE_PAD);
    int right = mark ? badge * 8 / 10 + pad * 2 : pad;
    if (room > 0)
        right += room + pad;
    int vpad = ui_px(u, TILE_VPAD);
    return (SDL_Rect){r.x + pad * 2 + badge, r.y + vpad / 2, r.w - pad * 3 - badge - right + pad,
                      r.h - vpad - ui_px(u, TILE_LIP)};
}

/* How much of the tile's height is not text. */
static int tile_extra(ui *u)
{
    return ui_px(u, TILE_VPAD) + ui_px(u, TILE_LIP);
}

static SDL_Color mix(SDL_Color a, SDL_Color b, int pct_b)
{
    SDL_Color c;
    c.r = (Uint8)((a.r * (100 - pct_b) + b.r * pct_b) / 100);
    c.g = (Uint8)((a.g * (100 - pct_b) + b.g * pct_b) / 100);
    c.b = (Uint8)((a.b * (100 - pct_b) + b.b * pct_b) / 100);
    c.a = 255;
    return c;
}

/* WCAG's relative luminance of an sRGB colour, 0 to 1. */
static double luminance(SDL_Color c)
{
    double v[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : SDL_pow((v[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double contrast(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Of two inks, the one that reads better on fill. */
static SDL_Color ink_on(SDL_Color fill, SDL_Color a, SDL_Color b)
{
    return contrast(fill, a) >= contrast(fill, b) ? a : b;
}

static SDL_Rect grow(SDL_Rect r, int by)
{
    return (SDL_Rect){r.x - by, r.y - by, r.w + 2 * by, r.h + 2 * by};
}

void widget_choice(ui *u, SDL_Rect r, int index, const char *text, choice_state state, int px,
                   bool bold)
{
    widget_choice_room(u, r, index, text, state, px, bold, 0);
}

SDL_Rect widget_choice_room(ui *u, SDL_Rect r, int index, const char *text, choice_state state,
                            int px, bool bold, int room)
{
    const ui_theme *t = &u->theme;
    SDL_Color fill = t->choice[index % 5];
    bool dim = state == CHOICE_WRONG || state == CHOICE_DIM;
    if (dim) /* toward the background: what was not right steps back */
        fill = mix(fill, t->bg, 62);
    SDL_Color ink = dim ? ink_on(fill, t->on_badge, t->text) : t->on_badge;
    int radius = ui_px(u, 0.016);
    int ring = ui_px(u, TILE_RING);
    if (ring < 2)
        ring = 2;
    if (state == CHOICE_SELECTED || state == CHOICE_RIGHT) {
        /* a thick ring in the text's colour (the right one's in green),
         * set off from the tile by a thin band of background; within the
         * gap to the next tile */
        SDL_Color rc = state == CHOICE_RIGHT ? t->good : t->text;
        int band = ring / 2 > 1 ? ring / 2 : 1;
        ui_panel(u, grow(r, ring + band), rc, radius + ring + band);
        ui_panel(u, grow(r, band), t->bg, radius + band);
    }
    /* a darker edge at the bottom: the tile stands up from the screen */
    int lip = ui_px(u, TILE_LIP);
    SDL_Color edge = mix(fill, (SDL_Color){0, 0, 0, 255}, 35);
    ui_panel(u, r, edge, radius);
    ui_panel(u, (SDL_Rect){r.x, r.y, r.w, r.h - lip}, fill, radius);
    ui_log(u, r, 0, false, "choice");

    /* the badge: the shape in the ink, the letter in the tile's colour */
    int badge = tile_badge(u, r);
    int pad = ui_px(u, TILE_PAD);
    int bx = r.x + pad + badge / 2, by = r.y + (r.h - lip) / 2;
    ui_shape shape = (ui_shape)(index % SHAPE_COUNT);
    ui_draw_shape(u, shape, bx, by, badge, ink);
    char letter[2] = {(char)('A' + index), 0};
    int lpx = badge * 45 / 100;
    if (lpx < ui_min_px(u))
        lpx = ui_min_px(u);
    int llh = ui_line_height(u, lpx, true);
    int dy = shape == SHAPE_TRIANGLE ? badge / 8 : 0;
    ui_text(u, letter, lpx, true, fill, bx, by - llh / 2 + dy, UI_CENTER);

    bool mark = state == CHOICE_RIGHT || state == CHOICE_WRONG;
    if (mark) {
        /* a check or a cross in a disc, outlined in the ink */
        int size = badge * 8 / 10;
        int cx = r.x + r.w - pad - size / 2;
        SDL_Color disc = state == CHOICE_RIGHT ? t->good : t->bad;
        ui_draw_shape(u, SHAPE_CIRCLE, cx, by, size + ring * 2, ink);
        ui_draw_shape(u, SHAPE_CIRCLE, cx, by, size, disc);
        if (state == CHOICE_RIGHT)
            ui_check_mark(u, cx, by, size * 8 / 10, t->on_badge);
        else
            ui_cross_mark(u, cx, by, size * 8 / 10, t->on_badge);
        ui_log(u, (SDL_Rect){cx - size / 2, by - size / 2, size, size}, 0, false, "mark");
    }
    SDL_Rect box = tile_text_box(u, r, badge, mark, room);
    ui_text_block(u, text, box, px, bold, ui_line_height_close(u, px, bold), ink, UI_LEFT, true);
    if (room <= 0)
        return (SDL_Rect){r.x + r.w - pad, box.y, 0, box.h};
    return (SDL_Rect){r.x + r.w - pad - room, box.y, room, box.h};
}

/* Sizes from px down to lo in steps of SIZE_STEP (lo last) into out: how
 * many. */
static int size_steps(int px, int lo, int *out, int cap)
{
    int n = 0;
    double v = px;
    while (n < cap - 1 && px > lo) {
        out[n++] = px;
        v *= SIZE_STEP;
        int next = (int)(v + 0.5);
        px = next < px ? next : px - 1;
    }
    out[n++] = lo;
    return n;
}

/* The text sizes to try, largest first, down to the smallest allowed
 * (ui_min_px), then at large print on down to the floor under it
 * (ui_floor_px). */
static int size_ladder(ui *u, int *out, int cap)
{
    int lo = ui_min_px(u), floor_px = ui_floor_px(u);
    int n = size_steps(ui_font_px(u, PROMPT_MAX), lo, out, cap);
    if (floor_px < lo && n < cap) /* from the smallest again, which is out[n - 1] */
        n += size_steps(lo, floor_px, out + n - 1, cap - n + 1) - 1;
    return n;
}

/* The height a tile needs for text_lines lines at px (at least the badge's). */
static int tile_need(ui *u, int text_lines, int px, bool bold)
{
    int need = text_lines * ui_line_height_close(u, px, bold) + tile_extra(u);
    int least = ui_px(u, TILE_BADGE) + tile_extra(u);
    return need > least ? need : least;
}

/* The prompt panel's height at px in width w: its text and vpad. */
static int panel_need(ui *u, const char *prompt, int w, int px, int vpad)
{
    int m = ui_px(u, 0.03);
    return ui_text_height(u, prompt, w - 2 * m, px, true) + vpad;
}

/* How the tiles are arranged: columns, and whether every row is as tall
 * as the tallest (the look of a grid) or each as its own tallest tile. */
typedef struct tile_form {
    int cols;
    bool uniform;
    int max_lines; /* in two columns: take them only up to this (0: any) */
} tile_form;

/* In order of preference: a grid of short choices, one column of even
 * rows, a grid of longer ones, then rows each as tall as they need. */
static const tile_form forms[] = {
    {2, true, GRID_LINES}, {1, true, 0}, {2, true, 0}, {1, false, 0}, {2, false, 0}};

/* The rows' heights (rowh[], returns their count) of n choices that take
 * lines[i] lines at px in form f, or 0 when f does not take them. */
static int form_rows(ui *u, const int *lines, int n, tile_form f, int px, bool bold, int *rowh)
{
    int rows = (n + f.cols - 1) / f.cols, most = 0;
    for (int r = 0; r < rows; r++)
        rowh[r] = 0;
    for (int i = 0; i < n; i++) {
        if (lines[i] > most)
            most = lines[i];
        int h = tile_need(u, lines[i], px, bold);
        if (h > rowh[i / f.cols])
            rowh[i / f.cols] = h;
    }
    if (f.max_lines && most > f.max_lines)
        return 0;
    if (f.uniform) {
        int h = 0;
        for (int r = 0; r < rows; r++)
            h = rowh[r] > h ? rowh[r] : h;
        for (int r = 0; r < rows; r++)
            rowh[r] = h;
    }
    return rows;
}

static void layout(ui *u, const char *prompt, const char *const *texts, int n, SDL_Rect area,
                   bool marks, int room, choice_fill fill, choice_layout *out);

static int rows_total(const int *rowh, int rows, int gap)
{
    int t = rows > 0 ? (rows - 1) * gap : 0;
    for (int r = 0; r < rows; r++)
        t += rowh[r];
    return t;
}

void widget_choice_layout(ui *u, const char *prompt, const char *const *texts, int n,
                          SDL_Rect area, bool marks, choice_fill fill, choice_layout *out)
{
    layout(u, prompt, texts, n, area, marks, 0, fill, out);
}

void widget_choice_layout_room(ui *u, const char *prompt, const char *const *texts, int n,
                               SDL_Rect area, int room, choice_fill fill, choice_layout *out)
{
    layout(u, prompt, texts, n, area, false, room, fill, out);
}

static void layout(ui *u, const char *prompt, const char *const *texts, int n, SDL_Rect area,
                   bool marks, int room, choice_fill fill, choice_layout *out)
{
    memset(out, 0, sizeof *out);
    if (n > ITEM_MAX_CHOICES)
        n = ITEM_MAX_CHOICES;
    if (n < 1)
        return;
    out->n = n;
    int m = ui_px(u, 0.03);
    int gap = ui_px(u, TILE_GAP);
    int badge = ui_px(u, TILE_BADGE);
    int sizes[24];
    int ns = size_ladder(u, sizes, 24);
    int cmax = ui_font_px(u, CHOICE_MAX);
    SDL_Rect probe = {0, 0, area.w, badge + tile_extra(u)};
    int col_text = tile_text_box(u, probe, badge, marks, room).w;
    probe.w = (area.w - gap) / 2;
    int grid_text = tile_text_box(u, probe, badge, marks, room).w;

    /* the largest choice size that fits (bold, else regular: narrower),
     * and with it the largest prompt size not below it; at last with the
     * gaps and the prompt's margins halved */
    int best_c = -1, best_p = -1, rows = 0;
    int rowh[ITEM_MAX_CHOICES];
    tile_form form = forms[1];
    bool bold = true;
    int vpad = ui_px(u, PANEL_VPAD);
    int gap0 = gap, vpad0 = vpad;
    /* passes 0-3 at the sizes allowed; at large print passes 4-7 go on to
     * the floor under them (ui_floor_px) before anything is cut */
    int npass = ui_floor_px(u) < ui_min_px(u) ? 8 : 4;
    for (int pass = 0; pass < npass && best_c < 0; pass++) {
        bold = pass % 2 == 0;
        gap = pass % 4 >= 2 ? gap0 / 2 : gap0;
        vpad = pass % 4 >= 2 ? vpad0 / 2 : vpad0;
        for (int ci = 0; ci < ns && best_c < 0; ci++) {
            int cpx = sizes[ci];
            if (cpx > cmax && ci + 1 < ns)
                continue;
            if (pass < 4 && cpx < ui_min_px(u))
                break;
            /* the lines of each choice in one column and in two */
            int lines[2][ITEM_MAX_CHOICES];
            for (int i = 0; i < n; i++) {
                lines[0][i] = ui_text_lines(u, texts[i], col_text, cpx, bold);
                lines[1][i] = n > 1 ? ui_text_lines(u, texts[i], grid_text, cpx, bold) : 0;
            }
            for (size_t fi = 0; fi < sizeof forms / sizeof forms[0] && best_c < 0; fi++) {
                tile_form f = forms[fi];
                if (f.cols == 2 && n < 2)
                    continue;
                int rh[ITEM_MAX_CHOICES];
                int nr = form_rows(u, lines[f.cols - 1], n, f, cpx, bold, rh);
                if (nr == 0)
                    continue;
                int left = area.h - rows_total(rh, nr, gap);
                if (left < 0)
                    continue;
                if (!prompt) {
                    best_c = ci;
                } else {
                    left -= gap; /* between the prompt and the tiles */
                    for (int pi = 0; pi <= ci; pi++)
                        if (panel_need(u, prompt, area.w, sizes[pi], vpad) <= left) {
                            best_c = ci;
                            best_p = pi;
                            break;
                        }
                }
                if (best_c >= 0) {
                    form = f;
                    rows = nr;
                    memcpy(rowh, rh, sizeof rh);
                }
            }
        }
    }
    out->fits = best_c >= 0;
    if (!out->fits) {
        /* the smallest sizes, in one column, the tiles sharing the area:
         * what does not fit is cut (and logged so) */
        best_c = best_p = ns - 1;
        form = forms[1];
        rows = n;
        int pl = prompt ? ui_line_height(u, sizes[best_p], true) + vpad + gap : 0;
        int h = (area.h - pl - (n - 1) * gap) / n;
        int least = ui_px(u, TILE_BADGE) + tile_extra(u);
        /* the choices whole when the prompt's first line leaves them room:
         * the prompt, then, is what is cut (large print, a long quote) */
        int lines[ITEM_MAX_CHOICES], need[ITEM_MAX_CHOICES];
        for (int i = 0; i < n; i++)
            lines[i] = ui_text_lines(u, texts[i], col_text, sizes[best_c], false);
        bool whole = form_rows(u, lines, n, (tile_form){1, false, 0}, sizes[best_c], false, need) ==
                         n &&
                     rows_total(need, n, gap) + pl <= area.h;
        for (int r = 0; r < rows; r++)
            rowh[r] = whole ? need[r] : h < least ? least : h;
    }
    out->bold = bold;
    out->px = sizes[best_c];
    out->cols = form.cols;
    int tiles_h = rows_total(rowh, rows, gap);
    int top = area.y;
    if (prompt) {
        out->prompt_px = sizes[best_p];
        int ph = panel_need(u, prompt, area.w, out->prompt_px, vpad);
        if (!out->fits) { /* what the tiles leave, at least a line */
            int least = ui_line_height(u, out->prompt_px, true) + vpad;
            int left = area.h - tiles_h - gap;
            ph = left > least ? left : least;
        }
        out->panel = (SDL_Rect){area.x, top, area.w, ph};
    }
    int spare = area.h - tiles_h - (prompt ? out->panel.h + gap : 0);
    if (spare < 0)
        spare = 0;
    if (fill == CHOICE_FILL && spare > 0) {
        /* the tiles grow first, each row as much, up to a size that still
         * looks like a tile; the prompt's panel takes the rest */
        int cap = ui_px(u, form.cols == 2 ? TILE_MAX_CELL : TILE_MAX_ROW);
        int tallest = 0;
        for (int r = 0; r < rows; r++)
            tallest = rowh[r] > tallest ? rowh[r] : tallest;
        int more = spare / rows;
        if (tallest + more > cap)
            more = cap > tallest ? cap - tallest : 0;
        for (int r = 0; r < rows; r++)
            rowh[r] += more;
        spare -= more * rows;
        tiles_h = rows_total(rowh, rows, gap);
        if (prompt) {
            out->panel.h += spare;
            spare = 0;
        }
    }
    if (prompt) {
        out->prompt = (SDL_Rect){out->panel.x + m, out->panel.y + vpad / 2, out->panel.w - 2 * m,
                                 out->panel.h - vpad};
        top += out->panel.h + gap;
    }
    if (fill == CHOICE_FILL)
        top += spare / 2; /* what is left, above and below the tiles */
    int cw = form.cols == 2 ? (area.w - gap) / 2 : area.w;
    int y = top;
    for (int i = 0; i < n; i++) {
        int row = i / form.cols, col = i % form.cols;
        int x = area.x + col * (cw + gap);
        if (form.cols == 2 && i == n - 1 && n % 2) /* the odd one out, centred */
            x = area.x + (area.w - cw) / 2;
        out->tiles[i] = (SDL_Rect){x, y, cw, rowh[row]};
        if (col == form.cols - 1 || i == n - 1)
            y += rowh[row] + gap;
    }
}

int widget_choice_height(ui *u, const char *text, int w, int px, bool bold, bool marks)
{
    int badge = ui_px(u, TILE_BADGE);
    SDL_Rect probe = {0, 0, w, badge + tile_extra(u)};
    return tile_need(u, ui_text_lines(u, text, tile_text_box(u, probe, badge, marks, 0).w, px, bold),
                     px, bold);
}

void widget_prompt(ui *u, const char *prompt, const choice_layout *l)
{
    if (!prompt || l->panel.w <= 0)
        return;
    ui_panel(u, l->panel, u->theme.panel, ui_px(u, 0.015));
    ui_log(u, l->panel, 0, false, "prompt panel");
    ui_text_fit(u, prompt, l->prompt, l->prompt_px, l->prompt_px, true, u->theme.text, UI_CENTER,
                true);
}

SDL_Rect widget_header_box(ui *u, int which)
{
    int m = ui_px(u, 0.03);
    int px = ui_font_px(u, 0.042);
    int lh = ui_line_height(u, px, true);
    /* three boxes side by side; each text shrinks to its own */
    int side = (u->w - 2 * m) * 38 / 100;
    if (which == 0)
        return (SDL_Rect){m, m, side, lh};
    if (which == 2)
        return (SDL_Rect){u->w - m - side, m, side, lh};
    return (SDL_Rect){m + side, m, u->w - 2 * m - 2 * side, lh};
}

void widget_header(ui *u, const char *left, const char *center, const char *right)
{
    int px = ui_font_px(u, 0.042);
    SDL_Rect lb = widget_header_box(u, 0), cb = widget_header_box(u, 1),
             rb = widget_header_box(u, 2);
    if (left)
        ui_text_fit(u, left, lb, px, ui_min_px(u), true, u->theme.dim, UI_LEFT, true);
    if (center)
        ui_text_fit(u, center, cb, px, ui_min_px(u), true, u->theme.text, UI_CENTER, true);
    if (right)
        ui_text_fit(u, right, rb, px, ui_min_px(u), true, u->theme.text, UI_RIGHT, true);
}

int widget_hint_top(ui *u, const char *hint)
{
    int m = ui_px(u, 0.03);
    int px = ui_min_px(u);
    return u->h - m - ui_text_lines(u, hint, u->w - 2 * m, px, false) * ui_line_height(u, px, false);
}

int widget_hint(ui *u, const char *hint)
{
    int m = ui_px(u, 0.03);
    int px = ui_min_px(u);
    int lh = ui_line_height(u, px, false);
    int w = u->w - 2 * m;
    int lines = ui_text_lines(u, hint, w, px, false); /* large print: often two */
    int y = u->h - m - lines * lh;
    SDL_Rect box = {m, y, w, lines * lh};
    ui_text_fit(u, hint, box, px, px, false, u->theme.dim, UI_CENTER, false);
    return y;
}

int widget_countdown(ui *u, SDL_Rect bar, uint32_t left, uint32_t limit, const SDL_Color *colour)
{
    const ui_theme *t = &u->theme;
    ui_panel(u, bar, t->panel, bar.h / 2);
    SDL_Rect fill = bar;
    fill.w = limit ? (int)((int64_t)bar.w * left / limit) : 0;
    SDL_Color c = colour                     ? *colour
                  : left <= COUNTDOWN_RED_MS ? t->bad
                  : left <= limit / 2        ? t->warn
                                             : t->good;
    if (fill.w > 0)
        ui_panel(u, fill, c, bar.h / 2);
    ui_log(u, bar, 0, false, "timer");
    return fill.w;
}

int widget_seconds(ui *u, uint32_t left)
{
    int secs = (int)((left + 999) / 1000);
    char text[32];
    snprintf(text, sizeof text, _("%d s"), secs);
    widget_header(u, NULL, text, NULL);
    return secs;
}

int widget_score_rows(ui *u, const store_scores *t, item_difficulty d, SDL_Rect box, int px,
                      int max_rows,
                      bool (*marked)(const void *ctx, size_t rank, const store_score *s),
                      const void *ctx)
{
    int lh = ui_line_height(u, px, false);
    int y = box.y, drawn = 0;
    for (size_t i = 0; i < t->n[d] && drawn < max_rows && y + lh <= box.y + box.h; i++) {
        const store_score *s = &t->top[d][i];
        char rank[24], pts[32];
        snprintf(rank, sizeof rank, "%zu.", i + 1);
        snprintf(pts, sizeof pts, "%d", s->score);
        bool mark = marked(ctx, i, s);
        SDL_Color c = mark ? u->theme.warn : u->theme.text;
        ui_text(u, rank, px, true, c, box.x + box.w * 18 / 100, y, UI_RIGHT);
        /* the points whole; the name in what they leave at its left,
         * smaller down to the smallest size, then cut */
        int right = box.x + box.w * 92 / 100;
        int pts_x = right - ui_text_width(u, pts, px, true);
        int name_x = box.x + box.w * 22 / 100;
        int gap = ui_line_height(u, px, false) / 3;
        SDL_Rect name = {name_x, y, pts_x - gap - name_x, lh};
        if (name.w > 0)
            ui_text_fit(u, s->name, name, px, ui_min_px(u), mark, c, UI_LEFT, true);
        ui_text(u, pts, px, true, c, right, y, UI_RIGHT);
        y += lh;
        drawn++;
    }
    return drawn;
}

/* Red, yellow, green and purple: hue 0, 52, 110 and 268, each at least 30
 * degrees from a choice colour of any theme (blue ~200, orange ~35, bluish
 * green ~165, pink ~325) and named by the colour they are. */
static const SDL_Color team_colors[CONFIG_TEAMS_MAX] = {
    {220, 38, 38, 255}, {242, 206, 0, 255}, {63, 165, 53, 255}, {142, 68, 240, 255}};

SDL_Color widget_team_color(int team)
{
    return team_colors[(team < 0 ? 0 : team) % CONFIG_TEAMS_MAX];
}

SDL_Color widget_team_ink(int team)
{
    SDL_Color c = widget_team_color(team);
    /* relative luminance, roughly: black on the light ones, white on the dark */
    int y = (c.r * 2126 + c.g * 7152 + c.b * 722) / 10000;
    return y > 140 ? (SDL_Color){16, 16, 16, 255} : (SDL_Color){255, 255, 255, 255};
}

/* The emblem's outline: n points around (cx, cy), radius r(angle) * r. */
static void emblem_points(int team, float cx, float cy, float r, SDL_FPoint *p, int n)
{
    for (int i = 0; i < n; i++) {
        double t = i * 2 * M_PI / n, k;
        double x, y;
        switch (team % CONFIG_TEAMS_MAX) {
        case 0: /* a heart: the classic curve, scaled to the box */
            x = 16 * pow(sin(t), 3);
            y = -(13 * cos(t) - 5 * cos(2 * t) - 2 * cos(3 * t) - cos(4 * t));
            p[i] = (SDL_FPoint){cx + (float)(x / 17.0 * r), cy + (float)((y + 2.5) / 16.0 * r)};
            continue;
        case 1: /* a hexagon, flat at the top */
            k = 0.92 / cos(fmod(t + M_PI / 6, M_PI / 3) - M_PI / 6);
            break;
        case 2: { /* a cross of four equal arms (a plus) */
            double c = fabs(cos(t)), s = fabs(sin(t));
            double arm = 0.36; /* half an arm's width */
            double lo = c > s ? s : c, hi = c > s ? c : s;
            k = 0.95 * (lo > arm * hi ? arm / lo : 1.0 / hi);
            break;
        }
        default: /* a clover of four round leaves */
            k = 0.55 + 0.45 * sqrt(fabs(cos(2 * t)));
            break;
        }
        p[i] = (SDL_FPoint){cx + (float)(k * r * cos(t - M_PI / 2)),
                            cy + (float)(k * r * sin(t - M_PI / 2))};
    }
}

/* A filled star-shaped polygon as a fan of single triangles (as ui.c draws
 * its shapes: one triangle a call). */
static void emblem_fill(ui *u, float cx, float cy, const SDL_FPoint *p, int n, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(u->ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    for (int i = 0; i < n; i++) {
        SDL_Vertex v[3] = {{{cx, cy}, c, {0, 0}}, {p[i], c, {0, 0}}, {p[(i + 1) % n], c, {0, 0}}};
        SDL_RenderGeometry(u->ren, NULL, v, 3, NULL, 0);
    }
}

void widget_team_badge(ui *u, int team, int cx, int cy, int size)
{
    enum { N = 96 };
    SDL_FPoint p[N];
    float r = size / 2.0f, x = (float)cx, y = (float)cy;
    float rim = size / 14.0f < 1.5f ? 1.5f : size / 14.0f;
    /* the fan's centre: inside the heart's dip as well */
    float fy = team % CONFIG_TEAMS_MAX == 0 ? y + r * 0.1f : y;
    emblem_points(team, x, y, r + rim, p, N);
    emblem_fill(u, x, fy, p, N, (SDL_Color){16, 16, 16, 255});
    emblem_points(team, x, y, r, p, N);
    emblem_fill(u, x, fy, p, N, widget_team_color(team));
    ui_log(u, (SDL_Rect){cx - size / 2, cy - size / 2, size, size}, 0, false, "team emblem");
}

void widget_confirm(ui *u, const char *question)
{
    const ui_theme *t = &u->theme;
    SDL_Color veil = t->bg;
    veil.a = 235;
    ui_fill(u, (SDL_Rect){0, 0, u->w, u->h}, veil);
    int w = u->w * 70 / 100, px = ui_font_px(u, 0.07), hpx = ui_font_px(u, 0.045);
    int lh = ui_line_height(u, px, true), hlh = ui_line_height(u, hpx, false);
    int mg = ui_px(u, 0.04);
    SDL_Rect box = {(u->w - w) / 2, 0, w, 2 * lh + hlh + 3 * mg};
    box.y = (u->h - box.h) / 2;
    ui_panel(u, box, t->panel, mg);
    ui_frame(u, box, t->warn, ui_px(u, 0.006), mg);
    ui_log(u, box, 0, false, "confirm end");
    ui_text_fit(u, question, (SDL_Rect){box.x + mg, box.y + mg, box.w - 2 * mg, 2 * lh}, px,
                ui_min_px(u), true, t->text, UI_CENTER, true);
    ui_text_fit(u, _("Enter: yes \xC2\xB7 Esc: no"),
                (SDL_Rect){box.x + mg, box.y + 2 * mg + 2 * lh, box.w - 2 * mg, hlh}, hpx,
                ui_min_px(u), false, t->dim, UI_CENTER, true);
}
