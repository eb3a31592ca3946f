/* screen_feedback.c - right or wrong with a mark and words, the right choice
 * highlighted (and the wrong one chosen, crossed), the points with their time
 * and streak bonus, and the explanation: the passage the item came from and
 * its section. Continues on a key, a click, a button or after
 * feedback_seconds. */
#include <stdio.h>

#include "app.h"
#include "i18n.h"
#include "widgets.h"
#include "util.h"

static void on_action(app *a, const action *act)
{
    if (SDL_GetTicks() - a->screen_since < INPUT_GRACE_MS)
        return;
    if (input_goes_on(act))
        app_go(a, GO_NEXT);
    else if (act->kind == ACT_PAUSE)
        app_go(a, GO_PAUSE);
}

static int tick(app *a, uint32_t now)
{
    uint32_t wait_ms = a->opt.autoplay ? (uint32_t)a->opt.autoplay_delay
                                       : (uint32_t)a->cfg.feedback_seconds * 1000u;
    if (wait_ms == 0 && !a->opt.autoplay)
        return app_idle_check(a, now);
    uint32_t due = a->screen_since + wait_ms;
    if ((int32_t)(now - due) >= 0) {
        app_go(a, GO_NEXT);
        return 0;
    }
    /* redraw once a second for the "continues in" count */
    a->dirty = true;
    uint32_t left = due - now;
    return (int)(left % 1000 ? left % 1000 : 1000);
}

/* A choice row tall enough for its text (within limits: long texts shrink). */
static int row_height(app *a, const char *text, int width, int px)
{
    ui *u = &a->ui;
    int text_w = width - ui_px(u, 0.085) - 4 * ui_px(u, 0.018) - ui_px(u, 0.085);
    int need = ui_text_height(u, text, text_w, px, false) + ui_px(u, 0.03);
    int lo = ui_px(u, 0.11), hi = ui_px(u, 0.22);
    return need < lo ? lo : need > hi ? hi : need;
}

static void draw(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    const item *it = round_current(a->rnd);
    const round_answer_info *r = &a->last;
    int m = ui_px(u, 0.03);
    char left[64], right[64];
    snprintf(left, sizeof left, _("Question %zu of %zu"), round_number(a->rnd),
             round_planned(a->rnd));
    snprintf(right, sizeof right, _("Score %d"), round_score(a->rnd));
    widget_header(&a->ui, left, NULL, right);
    int y = m + ui_line_height(u, ui_font_px(u, 0.042), true) + m / 2;

    /* verdict: a mark and words */
    int vpx = ui_font_px(u, 0.075);
    int vh = ui_line_height(u, vpx, true);
    const char *word = r->correct ? _("Right!") : r->chosen == ROUND_TIMEOUT ? _("Time's up") : _("Not quite");
    SDL_Color vc = r->correct ? t->good : t->bad;
    int ww = ui_text_width(u, word, vpx, true);
    int x0 = u->w / 2 - (ww + vh + m / 2) / 2;
    if (r->correct)
        ui_check_mark(u, x0 + vh / 2, y + vh / 2, vh, vc);
    else
        ui_cross_mark(u, x0 + vh / 2, y + vh / 2, vh, vc);
    ui_log(u, (SDL_Rect){x0, y, vh, vh}, 0, false, "mark");
    ui_text(u, word, vpx, true, vc, x0 + vh + m / 2, y, UI_LEFT);
    y += vh + m / 4;

    /* points and how they were made */
    char pts[160];
    if (r->repeat)
        snprintf(pts, sizeof pts, "%s", _("Practice repeat: no points"));
    else if (r->correct)
        snprintf(pts, sizeof pts,
                 ngettext("+%d point: %d base + %d time bonus + %d streak bonus",
                          "+%d points: %d base + %d time bonus + %d streak bonus", r->points),
                 r->points, r->base, r->time_bonus, r->streak_bonus);
    else if (r->penalty)
        snprintf(pts, sizeof pts, ngettext("-%d point", "-%d points", r->penalty), r->penalty);
    else
        snprintf(pts, sizeof pts, "%s", _("No points this time"));
    int ppx = ui_font_px(u, 0.042);
    SDL_Rect pb = {m, y, u->w - 2 * m, ui_line_height(u, ppx, false)};
    ui_text_fit(u, pts, pb, ppx, ui_min_px(u), false, t->text, UI_CENTER, false);
    y += pb.h;
    if (r->correct && r->streak >= 2) {
        char st[64];
        snprintf(st, sizeof st, _("Streak: %d in a row"), r->streak);
        ui_text(u, st, ui_min_px(u), true, t->warn, u->w / 2, y, UI_CENTER);
        y += ui_line_height(u, ui_min_px(u), true);
    }
    y += m / 2;

    /* the right choice, and the wrong one chosen */
    int width = u->w - 4 * m;
    if (width > u->h * 2)
        width = u->h * 2;
    int x = (u->w - width) / 2;
    int cpx = ui_font_px(u, 0.045);
    int lpx = ui_min_px(u);
    int lh = ui_line_height(u, lpx, false);
    bool show_wrong = !r->correct && r->chosen >= 0;
    int rowh_right = row_height(a, it->choices[it->answer], width, cpx);
    int rowh_wrong = show_wrong ? row_height(a, it->choices[r->chosen], width, cpx) : 0;
    /* the labels go when the explanation would not fit at the smallest size */
    int hint_top = a->ui.h - m - lh;
    int expl = lh + ui_text_height(u, it->source, width - 2 * m, lpx, false) + m;
    int rows = rowh_right + m / 2 + (show_wrong ? rowh_wrong + m / 3 : 0);
    int labels = show_wrong ? 2 * lh : lh;
    bool show_labels = y + labels + rows + expl <= hint_top - m / 2;
    if (show_wrong) {
        if (show_labels) {
            ui_text(u, _("Your answer"), lpx, false, t->dim, x, y, UI_LEFT);
            y += lh;
        }
        widget_choice(&a->ui, (SDL_Rect){x, y, width, rowh_wrong}, r->chosen,
                        it->choices[r->chosen], CHOICE_WRONG, cpx);
        y += rowh_wrong + m / 3;
    }
    if (show_labels) {
        ui_text(u, _("Right answer"), lpx, false, t->dim, x, y, UI_LEFT);
        y += lh;
    }
    widget_choice(&a->ui, (SDL_Rect){x, y, width, rowh_right}, (int)it->answer,
                    it->choices[it->answer], CHOICE_RIGHT, cpx);
    y += rowh_right + m / 2;

    /* the explanation */
    int hint_y = widget_hint(&a->ui, a->cfg.feedback_seconds > 0
                                      ? _("Enter, click or A to continue (or wait)")
                                      : _("Enter, click or A to continue"));
    SDL_Rect eb = {x, y, width, hint_y - y - m / 2};
    int spx = ui_font_px(u, 0.045);
    int need = lh + ui_text_height(u, it->source, width - 2 * m, spx, false) + m;
    if (need < eb.h)
        eb.h = need; /* the panel fits its text when there is room */
    if (eb.h > lh * 2) {
        ui_panel(u, eb, t->panel, ui_px(u, 0.012));
        ui_log(u, eb, 0, false, "explanation panel");
        char *from = xasprintf(_("From \xE2\x80\x9C%s\xE2\x80\x9D"), it->section);
        SDL_Rect fb = {eb.x + m, eb.y + m / 3, eb.w - 2 * m, lh};
        ui_text_fit(u, from, fb, lpx, lpx, true, t->accent, UI_LEFT, false);
        free(from);
        SDL_Rect sb = {eb.x + m, fb.y + lh, eb.w - 2 * m, eb.h - lh - m / 2};
        ui_text_fit(u, it->source, sb, spx, lpx, false, t->text, UI_LEFT, false);
    }
}

const screen screen_feedback = {.name = "feedback", .action = on_action, .tick = tick, .draw = draw};
