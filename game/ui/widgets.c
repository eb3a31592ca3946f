/* widgets.c - the drawing the screens share (widgets.h). */
#include "widgets.h"

#include <math.h>
#include <stdio.h>


#include "config.h"

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
    snprintf(text, sizeof text, "%d s", secs);
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
