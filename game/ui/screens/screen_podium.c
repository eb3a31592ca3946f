/* screen_podium.c - the end of a match: a podium with the 1st, 2nd and 3rd
 * teams on blocks (badge, name, score; a 4th below), then the high scores
 * with the teams' new entries (app_finish_match() entered them), then the
 * title. Enter or Start goes on. */
#include <stdio.h>

#include "app.h"
#include "i18n.h"
#include "widgets.h"


/* The screen's own state (app_screen_state()), new each time it is entered. */
typedef struct podium_state {
    int view; /* 0 the podium, 1 the high scores */
} podium_state;

static void enter(app *a)
{
    podium_state *st = app_screen_state(a);
    (void)a;
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

static void draw_podium(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->event.mt;
    int mg = ui_px(u, 0.03);
    int tpx = ui_font_px(u, 0.075);
    SDL_Rect title = {mg, mg, u->w - 2 * mg, ui_line_height(u, tpx, true)};
    ui_text_fit(u, _("Final scores"), title, tpx, ui_min_px(u), true, t->text, UI_CENTER, false);
    int hint_y = widget_hint(&a->ui, _("Enter or Start: the high scores"));
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
        char line[96];
        snprintf(line, sizeof line, ngettext("4th: %s, %d point", "4th: %s, %d points", p->score),
                 p->name, p->score);
        bottom -= flh;
        SDL_Rect lb = {mg, bottom, u->w - 2 * mg, flh};
        ui_text_fit(u, line, lb, fpx, fpx, true, t->dim, UI_CENTER, false);
        bottom -= mg / 2;
    }

    /* the blocks: 2nd at the left, 1st in the middle, 3rd at the right */
    int width = u->w - 2 * mg;
    if (width > u->h * 2)
        width = u->h * 2;
    int bw = width / 3 - mg;
    int x0 = (u->w - (bw * 3 + mg * 2)) / 2;
    int npx = ui_font_px(u, 0.05);
    int nlh = ui_line_height(u, npx, true);
    int spx = ui_font_px(u, 0.045);
    int slh = ui_line_height(u, spx, false);
    int avail = bottom - top;
    int badge = avail * 18 / 100;
    int label = badge + nlh + slh + mg / 2; /* badge, name, score above a block */
    int tallest = avail - label;
    static const int place_col[3] = {1, 0, 2};
    static const int place_h[3] = {100, 70, 45}; /* percent of the tallest */
    static const char *const place_name[3] = {N_("1st"), N_("2nd"), N_("3rd")}; /* not team numbers */
    for (int k = 0; k < n && k < 3; k++) {
        int team = (int)order[k];
        const match_player *p = match_player_get(m, (size_t)team);
        int bx = x0 + place_col[k] * (bw + mg);
        int bh = tallest * place_h[k] / 100;
        SDL_Rect block = {bx, bottom - bh, bw, bh};
        SDL_Color c = widget_team_color(team);
        ui_panel(u, block, t->panel_hi, ui_px(u, 0.012));
        SDL_Rect stripe = {bx, block.y, bw, ui_px(u, 0.02)};
        ui_panel(u, stripe, c, stripe.h / 2);
        ui_log(u, block, 0, false, "podium block");
        int ppx = ui_font_px(u, 0.1);
        int plh = ui_line_height(u, ppx, true);
        if (bh >= plh + stripe.h + mg / 2)
            ui_text(u, _(place_name[k]), ppx, true, t->text, bx + bw / 2, block.y + stripe.h + mg / 4,
                    UI_CENTER);
        int y = block.y - label;
        widget_team_badge(&a->ui, team, bx + bw / 2, y + badge / 2, badge);
        y += badge + mg / 4;
        ui_text_fit(u, p->name, (SDL_Rect){bx, y, bw, nlh}, npx, ui_min_px(u), true, t->text,
                    UI_CENTER, false);
        y += nlh;
        char pts[48];
        snprintf(pts, sizeof pts, ngettext("%d point", "%d points", p->score), p->score);
        ui_text_fit(u, pts, (SDL_Rect){bx, y, bw, slh}, spx, ui_min_px(u), false, t->text,
                    UI_CENTER, false);
    }
}

/* Whether high-score row rank was saved by this match (not an earlier
 * match's row with the same name and score). */
static bool from_match(const void *ctx, size_t rank, const store_score *s)
{
    const app *a = ctx;
    (void)s;
    return rank < 32 && ((a->match_rows >> rank) & 1);
}

static void draw_scores(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int mg = ui_px(u, 0.03);
    item_difficulty d = a->cfg.difficulty;
    char head[64];
    snprintf(head, sizeof head, _("High scores (%s)"), i18n_difficulty(d, false));
    int hpx = ui_font_px(u, 0.06);
    SDL_Rect title = {mg, mg, u->w - 2 * mg, ui_line_height(u, hpx, true)};
    ui_text_fit(u, head, title, hpx, ui_min_px(u), true, t->accent, UI_CENTER, false);
    int hint_y = widget_hint(&a->ui, _("Enter or Start: the title screen"));
    int px = ui_font_px(u, 0.045);
    int lh = ui_line_height(u, px, false);
    int y = title.y + title.h + mg / 2;
    int bx = u->w / 6, bw = u->w * 2 / 3;
    size_t n = a->scores.n[d];
    if (n == 0) {
        ui_text(u, _("No scores saved"), px, false, t->dim, u->w / 2, y, UI_CENTER);
        return;
    }
    if ((int)n * lh > hint_y - mg / 2 - y) { /* a small screen: the smallest text */
        px = ui_min_px(u);
        lh = ui_line_height(u, px, false);
    }
    widget_score_rows(&a->ui, &a->scores, a->cfg.difficulty, (SDL_Rect){bx, y, bw, hint_y - mg / 2 - y}, px, STORE_TOP,
                      from_match, a);
}

static void draw(app *a)
{
    podium_state *st = app_screen_state(a);
    if (!a->event.mt)
        return;
    if (st->view == 0)
        draw_podium(a);
    else
        draw_scores(a);
}

const screen screen_podium = {.name = "podium", .enter = enter, .action = on_action, .tick = tick, .draw = draw, .state_size = sizeof(podium_state)};
