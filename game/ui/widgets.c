/* widgets.c - the drawing the screens share (widgets.h). */
#include "widgets.h"

#include <stdio.h>

#include "config.h"
#include "i18n.h"

/* The last seconds in red. */
#define COUNTDOWN_RED_MS 5000

void widget_badge(ui *u, int index, int cx, int cy, int size, bool dim)
{
    SDL_Color c = u->theme.choice[index % 5];
    if (dim)
        c.a = 110;
    ui_draw_shape(u, (ui_shape)(index % SHAPE_COUNT), cx, cy, size, c);
    char letter[2] = {(char)('A' + index), 0};
    int px = size * 45 / 100;
    if (px < ui_min_px(u))
        px = ui_min_px(u);
    int lh = ui_line_height(u, px, true);
    int dy = index % SHAPE_COUNT == SHAPE_TRIANGLE ? size / 8 : 0;
    ui_text(u, letter, px, true, u->theme.on_badge, cx, cy - lh / 2 + dy, UI_CENTER);
}

void widget_choice(ui *u, SDL_Rect r, int index, const char *text, choice_state state, int px)
{
    const ui_theme *t = &u->theme;
    SDL_Color bg = state == CHOICE_SELECTED ? t->panel_hi : t->panel;
    int radius = r.h / 6;
    ui_panel(u, r, bg, radius);
    ui_log(u, r, 0, false, "choice");
    int thick = ui_px(u, 0.006);
    if (state == CHOICE_SELECTED)
        ui_frame(u, r, t->accent, thick, radius);
    else if (state == CHOICE_RIGHT)
        ui_frame(u, r, t->good, thick * 2, radius);
    else if (state == CHOICE_WRONG)
        ui_frame(u, r, t->bad, thick * 2, radius);
    int badge = r.h * 62 / 100;
    int maxbadge = ui_px(u, 0.085);
    if (badge > maxbadge)
        badge = maxbadge;
    int pad = ui_px(u, 0.018);
    widget_badge(u, index, r.x + pad + badge / 2, r.y + r.h / 2, badge, state == CHOICE_WRONG);
    int mark = 0;
    if (state == CHOICE_RIGHT || state == CHOICE_WRONG) {
        mark = badge;
        int cx = r.x + r.w - pad - mark / 2, cy = r.y + r.h / 2;
        if (state == CHOICE_RIGHT)
            ui_check_mark(u, cx, cy, mark, t->good);
        else
            ui_cross_mark(u, cx, cy, mark, t->bad);
        mark += pad;
    }
    SDL_Rect box = {r.x + pad * 2 + badge, r.y + pad / 2, r.w - pad * 3 - badge - mark, r.h - pad};
    ui_text_fit(u, text, box, px, ui_min_px(u), false, t->text, UI_LEFT, true);
}

int widget_choice_rects(ui *u, const item *it, SDL_Rect area, SDL_Rect *out, int *px)
{
    int n = (int)it->nchoices;
    int gap = ui_px(u, 0.018);
    int rowh = (area.h - gap * (n - 1)) / n;
    int maxh = ui_px(u, 0.16);
    if (rowh > maxh)
        rowh = maxh;
    int total = rowh * n + gap * (n - 1);
    int y = area.y + (area.h - total) / 2;
    for (int i = 0; i < n; i++) {
        out[i] = (SDL_Rect){area.x, y, area.w, rowh};
        y += rowh + gap;
    }
    if (px)
        *px = ui_font_px(u, 0.05);
    return n;
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

int widget_hint(ui *u, const char *hint)
{
    int m = ui_px(u, 0.03);
    int px = ui_min_px(u);
    int lh = ui_line_height(u, px, false);
    int y = u->h - m - lh;
    SDL_Rect box = {m, y, u->w - 2 * m, lh};
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
        SDL_Rect name = {box.x + box.w * 22 / 100, y, box.w * 50 / 100, lh};
        ui_text_fit(u, s->name, name, px, px, mark, c, UI_LEFT, false);
        ui_text(u, pts, px, true, c, box.x + box.w * 92 / 100, y, UI_RIGHT);
        y += lh;
        drawn++;
    }
    return drawn;
}

SDL_Color widget_team_color(int team)
{
    /* Okabe and Ito's colours for colour-blind eyes: vermillion, blue,
     * bluish green, yellow; each team has its shape and name as well */
    static const SDL_Color c[CONFIG_TEAMS_MAX] = {
        {213, 94, 0, 255}, {0, 114, 178, 255}, {0, 158, 115, 255}, {240, 228, 66, 255}};
    return c[(team < 0 ? 0 : team) % CONFIG_TEAMS_MAX];
}

void widget_team_badge(ui *u, int team, int cx, int cy, int size)
{
    static const ui_shape shapes[CONFIG_TEAMS_MAX] = {SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_TRIANGLE,
                                                      SHAPE_DIAMOND};
    ui_shape sh = shapes[team % CONFIG_TEAMS_MAX];
    ui_draw_shape(u, sh, cx, cy, size, widget_team_color(team));
    char digit[2] = {(char)('1' + team % CONFIG_TEAMS_MAX), 0};
    int px = size * 45 / 100;
    if (px < ui_min_px(u))
        px = ui_min_px(u);
    int lh = ui_line_height(u, px, true);
    int dy = sh == SHAPE_TRIANGLE ? size / 8 : 0;
    SDL_Color ink =
        team % CONFIG_TEAMS_MAX == 3 ? (SDL_Color){0, 0, 0, 255} : (SDL_Color){255, 255, 255, 255};
    ui_text(u, digit, px, true, ink, cx, cy - lh / 2 + dy, UI_CENTER);
}
