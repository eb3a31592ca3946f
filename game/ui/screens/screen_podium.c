/* screen_podium.c - the end of a match: a podium with the teams of the
 * first three places on blocks (a 4th below), then the match's standings
 * (every team's place, right answers, answer points, the host's points and
 * total), then the title. Enter or Start goes on.
 *
 * Places go by points alone and equal totals share one (match_place():
 * 974 and 974 are both 1st on blocks of the same height, the next is 3rd).
 * Each team's emblem, name and points stand above its block, the place on
 * the block; a name is never cut (it shrinks, then wraps to two lines).
 * The teams' scores are the match's own: they are not in the students'
 * high scores (app_finish_match()). */
#include <stdio.h>

#include "app.h"
#include "i18n.h"
#include "widgets.h"

/* The screen's own state (app_screen_state()), new each time it is entered. */
typedef struct podium_state {
    int view; /* 0 the podium, 1 the standings */
} podium_state;

static void enter(app *a)
{
    podium_state *st = app_screen_state(a);
    st->view = 0;
}

static void on_action(app *a, const action *act)
{
    podium_state *st = app_screen_state(a);
    if (SDL_GetTicks() - a->screen_since < INPUT_GRACE_MS)
        return;
    bool go = (act->kind == ACT_CONFIRM && act->device == INPUT_KEYBOARD && act->zone < 0) ||
              (act->kind == ACT_PAUSE && INPUT_IS_PAD(act->device)) ||
              (act->kind == ACT_PAUSE && act->device == INPUT_KEYBOARD) || act->kind == ACT_POINT;
    if (!go)
        return;
    if (st->view == 0) {
        st->view = 1;
        a->screen_since = SDL_GetTicks();
        ui_text_flush(&a->ui);
        a->dirty = true;
        return;
    }
    app_go(a, GO_ABANDON); /* results are saved; to the title */
}

static int tick(app *a, uint32_t now)
{
    return app_idle_check(a, now); /* a kiosk left alone goes back to its title */
}

/* A place as people say it: "1st", "2nd", ... */
static const char *place_name(int place)
{
    static const char *const names[] = {N_("1st"), N_("2nd"), N_("3rd"), N_("4th")};
    return _(names[place >= 1 && place <= 4 ? place - 1 : 3]);
}

static void draw_podium(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->event.mt;
    int mg = ui_px(u, 0.03);
    int tpx = ui_font_px(u, 0.075);
    SDL_Rect title = {mg, mg, u->w - 2 * mg, ui_line_height(u, tpx, true)};
    ui_text_fit(u, _("Final scores"), title, tpx, ui_min_px(u), true, t->text, UI_CENTER, false);
    int hint_y = widget_hint(&a->ui, _("Enter or Start: the standings"));
    size_t order[MATCH_MAX_PLAYERS];
    match_ranking(m, order);
    int n = (int)match_players(m);
    int top = title.y + title.h + mg;

    /* a 4th team gets a line above the hint */
    int fpx = ui_min_px(u);
    int flh = ui_line_height(u, fpx, true);
    int bottom = hint_y - mg / 2;
    if (n > 3) {
        const match_player *p = match_player_get(m, order[3]);
        char line[128];
        snprintf(line, sizeof line, ngettext("%s: %s, %d point", "%s: %s, %d points", p->score),
                 place_name(match_place(m, order[3])), p->name, p->score);
        bottom -= flh;
        SDL_Rect lb = {mg, bottom, u->w - 2 * mg, flh};
        ui_text_fit(u, line, lb, fpx, fpx, true, t->dim, UI_CENTER, false);
        bottom -= mg / 2;
    }

    /* the blocks: the best in the middle, the next at the left, then the
     * right; a block's height and label are its place's */
    int width = u->w - 2 * mg;
    if (width > u->h * 2)
        width = u->h * 2;
    int bw = width / 3 - mg;
    int x0 = (u->w - (bw * 3 + mg * 2)) / 2;
    int npx = ui_font_px(u, 0.05);
    int minlh = ui_line_height(u, ui_min_px(u), true);
    int nlh = ui_line_height(u, npx, true);
    int nameh = 2 * nlh > 3 * minlh ? 2 * nlh : 3 * minlh; /* a long name wraps */
    int spx = ui_font_px(u, 0.045);
    int slh = ui_line_height(u, spx, false);
    int avail = bottom - top;
    int badge = avail * 16 / 100;
    int label = badge + mg / 4 + nameh + slh + mg / 2; /* emblem, name, points above a block */
    int tallest = avail - label;
    static const int place_col[3] = {1, 0, 2};
    static const int place_h[3] = {100, 70, 45}; /* percent of the tallest, by place */
    for (int k = 0; k < n && k < 3; k++) {
        int team = (int)order[k];
        const match_player *p = match_player_get(m, (size_t)team);
        int place = match_place(m, (size_t)team);
        int bx = x0 + place_col[k] * (bw + mg);
        int bh = tallest * place_h[place <= 3 ? place - 1 : 2] / 100;
        SDL_Rect block = {bx, bottom - bh, bw, bh};
        SDL_Color c = widget_team_color(team);
        ui_panel(u, block, t->panel_hi, ui_px(u, 0.012));
        SDL_Rect stripe = {bx, block.y, bw, ui_px(u, 0.02)};
        ui_panel(u, stripe, c, stripe.h / 2);
        ui_log(u, block, 0, false, "podium block");
        int ppx = ui_font_px(u, 0.1);
        int plh = ui_line_height(u, ppx, true);
        if (bh >= plh + stripe.h + mg / 2)
            ui_text(u, place_name(place), ppx, true, t->text, bx + bw / 2,
                    block.y + stripe.h + mg / 4, UI_CENTER);
        else /* a low block: its place in the space it has */
            ui_text_fit(u, place_name(place),
                        (SDL_Rect){bx, block.y + stripe.h, bw, bh - stripe.h}, ppx, ui_min_px(u),
                        true, t->text, UI_CENTER, true);
        /* above the block: the team's emblem, name and points */
        int y = block.y - label;
        widget_team_badge(&a->ui, team, bx + bw / 2, y + badge / 2, badge);
        y += badge + mg / 4;
        ui_text_fit(u, p->name, (SDL_Rect){bx, y, bw, nameh}, npx, ui_min_px(u), true, t->text,
                    UI_CENTER, true);
        y += nameh;
        char pts[48];
        snprintf(pts, sizeof pts, ngettext("%d point", "%d points", p->score), p->score);
        ui_text_fit(u, pts, (SDL_Rect){bx, y, bw, slh}, spx, ui_min_px(u), false, t->text,
                    UI_CENTER, false);
    }
}

/* The match's standings: place, emblem, name, right answers, answer
 * points + the host's points = total. */
static void draw_standings(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->event.mt;
    int mg = ui_px(u, 0.03);
    int hpx = ui_font_px(u, 0.06);
    SDL_Rect title = {mg, mg, u->w - 2 * mg, ui_line_height(u, hpx, true)};
    ui_text_fit(u, _("Standings of the match"), title, hpx, ui_min_px(u), true, t->accent,
                UI_CENTER, false);
    int hint_y = widget_hint(&a->ui, _("Enter or Start: the title screen"));
    int n = (int)match_players(m);
    int lpx = ui_min_px(u);
    int hlh = ui_line_height(u, lpx, false);
    int x = mg, w = u->w - 2 * mg;
    if (w > u->h * 2) {
        x = (u->w - u->h * 2) / 2;
        w = u->h * 2;
    }
    int y = title.y + title.h + mg;
    int room = (hint_y - mg / 2 - y - hlh) / (n > 0 ? n : 1);
    size_t order[MATCH_MAX_PLAYERS];
    match_ranking(m, order);
    /* each row's texts; the numbers' columns as wide as their widest text
     * or heading, measured (never cut), the name in what they leave, on
     * two lines when it needs them; all at the larger size when the rows
     * fit, else at the smallest */
    char cell[MATCH_MAX_PLAYERS][5][48];
    for (int k = 0; k < n; k++) {
        const match_player *p = match_player_get(m, order[k]);
        snprintf(cell[k][0], sizeof cell[k][0], "%d", match_place(m, order[k]));
        snprintf(cell[k][1], sizeof cell[k][1], _("%zu of %zu"), p->right, match_total(m));
        snprintf(cell[k][2], sizeof cell[k][2], "%d", p->earned);
        snprintf(cell[k][3], sizeof cell[k][3], p->awarded ? "%+d" : "%d", p->awarded);
        snprintf(cell[k][4], sizeof cell[k][4], "%d", p->score);
    }
    const char *head[5] = {NULL, _("Right"), _("Answers"), _("Host"), _("Total")};
    int px = ui_font_px(u, 0.045), lh = 0, rowh = 0, lines = 1, cw[5] = {0}, c[5] = {0};
    int gap = mg / 2, name_x = 0, name_w = 0;
    for (;;) {
        lh = ui_line_height(u, px, true);
        for (int j = 0; j < 5; j++) {
            cw[j] = head[j] ? ui_text_width(u, head[j], lpx, false) : 0;
            for (int k = 0; k < n; k++) {
                int tw = ui_text_width(u, cell[k][j], px, j == 0 || j == 4);
                cw[j] = tw > cw[j] ? tw : cw[j];
            }
        }
        c[0] = x + mg / 4;
        int right_end = x + w - mg / 4;
        for (int j = 4; j >= 1; j--) {
            c[j] = right_end - cw[j];
            right_end = c[j] - gap;
        }
        int e = lh * 9 / 10; /* the emblem */
        name_x = c[0] + cw[0] + gap + e + gap;
        name_w = right_end - name_x;
        lines = 1;
        for (int k = 0; k < n && name_w > 0; k++) {
            int nl = ui_text_lines(u, match_player_get(m, order[k])->name, name_w, px, true);
            lines = nl > lines ? nl : lines;
        }
        if (lines > 2)
            lines = 2; /* at the smallest size a longer name is cut */
        rowh = lines * lh + mg / 2;
        if (rowh <= room || px == lpx)
            break;
        px = lpx;
    }
    ui_text_fit(u, _("Team"), (SDL_Rect){name_x, y, name_w > 0 ? name_w : 1, hlh}, lpx, lpx, false,
                t->dim, UI_LEFT, false);
    for (int j = 1; j < 5; j++)
        ui_text_fit(u, head[j], (SDL_Rect){c[j], y, cw[j], hlh}, lpx, lpx, false, t->dim, UI_RIGHT,
                    false);
    y += hlh + mg / 4;
    for (int k = 0; k < n; k++) {
        int team = (int)order[k];
        const match_player *p = match_player_get(m, (size_t)team);
        SDL_Rect r = {x, y + k * rowh, w, rowh - mg / 4};
        ui_panel(u, r, t->panel, lh / 4);
        ui_log(u, r, 0, false, "standing row");
        int ty = r.y + (r.h - lh) / 2;
        ui_text_fit(u, cell[k][0], (SDL_Rect){c[0], ty, cw[0], lh}, px, px, true, t->text,
                    UI_CENTER, true);
        int e = lh * 9 / 10;
        widget_team_badge(&a->ui, team, c[0] + cw[0] + gap + e / 2, r.y + r.h / 2, e);
        if (name_w > 0)
            ui_text_fit(u, p->name, (SDL_Rect){name_x, r.y + (r.h - lines * lh) / 2, name_w,
                                               lines * lh},
                        px, px, true, t->text, UI_LEFT, true);
        for (int j = 1; j < 5; j++)
            ui_text_fit(u, cell[k][j], (SDL_Rect){c[j], ty, cw[j], lh}, px, px, j == 4,
                        j == 3 && !p->awarded ? t->dim : t->text, UI_RIGHT, true);
    }
}

static void draw(app *a)
{
    podium_state *st = app_screen_state(a);
    if (!a->event.mt)
        return;
    if (st->view == 0)
        draw_podium(a);
    else
        draw_standings(a);
}

const screen screen_podium = {.name = "podium", .enter = enter, .action = on_action, .tick = tick, .draw = draw, .state_size = sizeof(podium_state)};
