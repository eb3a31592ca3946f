/* screen_summary.c - the round's score, right answers, best streak and time,
 * a new high score's place, and the review of missed items with their right
 * answers. */
#include <stdio.h>

#include "app.h"
#include "i18n.h"
#include "widgets.h"
#include "util.h"

static void on_action(app *a, const action *act)
{
    if (SDL_GetTicks() - a->screen_since < INPUT_GRACE_MS)
        return;
    if (input_goes_on(act) || act->kind == ACT_PAUSE)
        app_go(a, GO_SUMMARY_DONE);
}

static int tick(app *a, uint32_t now)
{
    uint32_t wait_ms = a->opt.autoplay ? (uint32_t)a->opt.autoplay_delay
                       : a->cfg.kiosk  ? (uint32_t)a->cfg.idle_timeout * 1000u
                                       : 0;
    if (!wait_ms && !a->opt.autoplay)
        return -1;
    uint32_t since = a->opt.autoplay ? a->screen_since
                                     : (a->last_input > a->screen_since ? a->last_input
                                                                        : a->screen_since);
    uint32_t due = since + wait_ms;
    if ((int32_t)(now - due) >= 0) {
        app_go(a, GO_SUMMARY_DONE);
        return 0;
    }
    return (int)(due - now);
}

static void draw(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int m = ui_px(u, 0.035);
    int y = m;
    char line[160];
    snprintf(line, sizeof line, ngettext("%d point", "%d points", round_score(a->rnd)),
             round_score(a->rnd));
    int bpx = ui_font_px(u, 0.09);
    ui_text(u, line, bpx, true, t->text, u->w / 2, y, UI_CENTER);
    y += ui_line_height(u, bpx, true);
    uint64_t ms = round_total_ms(a->rnd);
    snprintf(line, sizeof line, _("%zu of %zu right \xC2\xB7 best streak %d \xC2\xB7 %u:%02u"),
             round_right(a->rnd), a->deck.n, round_best_streak(a->rnd),
             (unsigned)(ms / 60000), (unsigned)(ms / 1000 % 60));
    int spx = ui_font_px(u, 0.045);
    SDL_Rect sb = {m, y, u->w - 2 * m, ui_line_height(u, spx, false)};
    ui_text_fit(u, line, sb, spx, ui_min_px(u), false, t->text, UI_CENTER, false);
    y += sb.h;
    if (a->new_rank >= 0) {
        snprintf(line, sizeof line, _("New high score: number %d on the %s table!"), a->new_rank + 1,
                 i18n_difficulty(a->cfg.difficulty, false));
        SDL_Rect hb = {m, y, u->w - 2 * m, ui_line_height(u, spx, true)};
        ui_text_fit(u, line, hb, spx, ui_min_px(u), true, t->warn, UI_CENTER, false);
        y += hb.h;
    }
    if (a->progress[0]) { /* the trainer: "Anna: 23 of 107 mastered ..." */
        SDL_Rect pb = {m, y, u->w - 2 * m, ui_line_height(u, spx, false)};
        ui_text_fit(u, a->progress, pb, spx, ui_min_px(u), false, t->accent, UI_CENTER, false);
        y += pb.h;
    }
    y += m / 2;
    int hint_y = widget_hint(&a->ui, _("Enter, click or A for the title screen"));

    size_t missed[256];
    size_t n = round_missed(a->rnd, missed, sizeof missed / sizeof missed[0]);
    int px = ui_min_px(u);
    int lh = ui_line_height(u, px, false);
    int width = u->w - 2 * m;
    if (width > u->h * 2)
        width = u->h * 2;
    int x = (u->w - width) / 2;
    if (n == 0) {
        ui_text(u, _("No mistakes: well done!"), spx, true, t->good, u->w / 2, y, UI_CENTER);
        return;
    }
    ui_text(u, _("To review"), px, true, t->accent, x, y, UI_LEFT);
    y += lh + m / 4;
    /* each missed item: its prompt on one line, its answer on the next */
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        int need = 2 * lh + m / 3;
        bool last_row = i + 1 < n && y + 2 * need + lh > hint_y;
        if (y + need > hint_y - m / 2 || last_row)
            break;
        const item *it = &a->deck.items[missed[i]];
        SDL_Rect pr = {x, y, width, lh};
        ui_text_fit(u, it->prompt, pr, px, px, false, t->dim, UI_LEFT, false);
        char *ans = xasprintf("\xE2\x86\x92 %s", it->choices[it->answer]);
        SDL_Rect ar = {x + m, y + lh, width - m, lh};
        ui_text_fit(u, ans, ar, px, px, true, t->text, UI_LEFT, false);
        free(ans);
        y += need;
        shown++;
    }
    if (shown < n) {
        snprintf(line, sizeof line,
                 ngettext("and %zu more (all in the results)", "and %zu more (all in the results)",
                          n - shown),
                 n - shown);
        ui_text(u, line, px, false, t->dim, x, y, UI_LEFT);
    }
}

const screen screen_summary = {.name = "summary", .action = on_action, .tick = tick, .draw = draw};
