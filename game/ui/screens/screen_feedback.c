/* screen_feedback.c - right or wrong with a mark and words, the right choice
 * highlighted (and the wrong one chosen, crossed), the points with their time
 * and streak bonus, and the explanation: the passage the item came from and
 * its section. Continues on a key, a click, a button or after
 * feedback_seconds. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

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

/* v with its thousands grouped ("1,180"), by the locale's separator where
 * it has one. */
static const char *grouped(char *buf, size_t n, int v)
{
    const struct lconv *lc = localeconv();
    const char *sep = lc && lc->thousands_sep && *lc->thousands_sep ? lc->thousands_sep : ",";
    char digits[16];
    snprintf(digits, sizeof digits, "%d", v < 0 ? -v : v);
    size_t len = strlen(digits), k = 0;
    if (v < 0 && k + 1 < n)
        buf[k++] = '-';
    for (size_t i = 0; i < len && k + 1 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            for (const char *p = sep; *p && k + 1 < n; p++)
                buf[k++] = *p;
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    return buf;
}

/* The points of the answer, as the scoring made them (round.c): the
 * headline ("+680 points") in head, how they were made in how ("500 for
 * the answer + 150 of 500 for speed + 30 for the streak"), or "" when there
 * is nothing to explain. With a time bonus, base_points is split: half for
 * the answer, up to half for speed. */
static void points_text(const app *a, const round_answer_info *r, char *head, size_t hn,
                        char *how, size_t wn)
{
    char p[24], b[24], t[24], most[24], st[24];
    how[0] = '\0';
    if (r->repeat) {
        snprintf(head, hn, "%s", _("Practice repeat: no points"));
        return;
    }
    if (!r->correct) {
        if (r->penalty)
            snprintf(head, hn, ngettext("-%s point", "-%s points", r->penalty),
                     grouped(p, sizeof p, r->penalty));
        else
            snprintf(head, hn, "%s", _("No points this time"));
        return;
    }
    snprintf(head, hn, ngettext("+%s point", "+%s points", r->points),
             grouped(p, sizeof p, r->points));
    bool timed = a->cfg.time_bonus && a->cfg.time_limit > 0;
    bool streak = r->streak_bonus > 0;
    grouped(b, sizeof b, r->base);
    grouped(t, sizeof t, r->time_bonus);
    grouped(most, sizeof most, a->cfg.base_points / 2);
    grouped(st, sizeof st, r->streak_bonus);
    if (timed && streak)
        snprintf(how, wn, _("%s for the answer + %s of %s for speed + %s for the streak"), b, t,
                 most, st);
    else if (timed)
        snprintf(how, wn, _("%s for the answer + %s of %s for speed"), b, t, most);
    else if (streak)
        snprintf(how, wn, _("%s for the answer + %s for the streak"), b, st);
}

/* The sizes to try for the two tiles, largest first. */
#define TILE_SIZES 8
/* The verdict's and the points' text (of the output height), and smaller
 * when the answers and the explanation need the room. */
#define VERDICT 0.075
#define VERDICT_SMALL 0.05
#define POINTS 0.05
#define POINTS_SMALL 0.036

/* The height of the verdict, the points and the streak (as draw() lays
 * them out below the header). */
static int top_block(app *a, const char *head, const char *how, int width, bool small)
{
    ui *u = &a->ui;
    const round_answer_info *r = &a->last;
    int m = ui_px(u, 0.03), lpx = ui_min_px(u);
    int h = ui_line_height(u, ui_font_px(u, small ? VERDICT_SMALL : VERDICT), true) + m / 4;
    h += ui_text_height(u, head, width, ui_font_px(u, small ? POINTS_SMALL : POINTS), true);
    if (*how)
        h += ui_text_height(u, how, width, lpx, false);
    if (r->correct && r->streak >= 2)
        h += ui_line_height(u, lpx, true);
    return h + m / 2;
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
    int width = u->w - 4 * m;
    if (width > u->h * 2)
        width = u->h * 2;
    int x = (u->w - width) / 2;

    /* the wrong choice picked and the right one, as tiles of one size, as
     * large as leaves the explanation room at its smallest; the labels go
     * first, then the verdict and the points get smaller, before the tiles
     * shrink to the smallest size */
    char head[96], how[256];
    points_text(a, r, head, sizeof head, how, sizeof how);
    int lpx = ui_min_px(u);
    int hint_y = widget_hint(&a->ui, a->cfg.feedback_seconds > 0
                                         ? _("Enter, click or A to continue (or wait)")
                                         : _("Enter, click or A to continue"));
    int bottom = hint_y - m / 2;
    int lh = ui_line_height(u, lpx, false);
    /* a label's line and the room a tile's ring takes above the tile */
    int lstep = lh + ui_px(u, 0.012);
    bool show_wrong = !r->correct && r->chosen >= 0;
    const char *wrong_text = show_wrong ? it->choices[r->chosen] : NULL;
    const char *right_text = it->choices[it->answer];
    char *from = xasprintf(_("From \xE2\x80\x9C%s\xE2\x80\x9D"), it->section);
    int from_h = ui_text_height(u, from, width - 2 * m, lpx, true);
    int expl_least = from_h + ui_text_height(u, it->source, width - 2 * m, lpx, false) + m;
    int cpx = ui_font_px(u, 0.045);
    int px = lpx, hw = 0, hr = 0, gap = m / 2;
    bool bold = false, labels = false, found = false, compact = false;
    for (int pass = 0; pass < 6 && !found; pass++) {
        bool b = pass % 2 == 0;
        bool lab = pass < 2;
        bool small = pass >= 4;
        int below = y + top_block(a, head, how, width, small);
        int size = cpx;
        for (int k = 0; k < TILE_SIZES && !found; k++) {
            int w_h = show_wrong ? widget_choice_height(u, wrong_text, width, size, b, true) : 0;
            int r_h = widget_choice_height(u, right_text, width, size, b, true);
            int need = r_h + gap + (show_wrong ? w_h + gap : 0) +
                       (lab ? (show_wrong ? 2 : 1) * lstep : 0);
            if (below + need + expl_least <= bottom) {
                found = true;
                px = size;
                bold = b;
                labels = lab;
                compact = small;
                hw = w_h;
                hr = r_h;
            }
            if (size <= lpx)
                break;
            size = size * 9 / 10 > lpx ? size * 9 / 10 : lpx;
        }
    }
    if (!found) { /* the smallest: what does not fit is cut (and logged so) */
        compact = true;
        hw = show_wrong ? widget_choice_height(u, wrong_text, width, lpx, false, true) : 0;
        hr = widget_choice_height(u, right_text, width, lpx, false, true);
    }
    /* all of it in the middle of the room the header and the hint leave */
    int spx = ui_font_px(u, 0.045);
    int used = top_block(a, head, how, width, compact) + hr + gap + (show_wrong ? hw + gap : 0) +
               (labels ? (show_wrong ? 2 : 1) * lstep : 0);
    int expl = from_h + ui_text_height(u, it->source, width - 2 * m, spx, false) + m;
    if (y + used + expl < bottom)
        y += (bottom - y - used - expl) / 2;

    /* verdict: a mark and words */
    int vpx = ui_font_px(u, compact ? VERDICT_SMALL : VERDICT);
    int vh = ui_line_height(u, vpx, true);
    const char *word = r->correct                  ? _("Right!")
                       : r->chosen == ROUND_TIMEOUT ? _("Time's up")
                                                    : _("Not quite");
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

    /* the points, and how the scoring made them */
    int ppx = ui_font_px(u, compact ? POINTS_SMALL : POINTS);
    SDL_Rect hb = {x, y, width, ui_text_height(u, head, width, ppx, true)};
    ui_text_fit(u, head, hb, ppx, ppx, true, r->correct ? t->good : t->text, UI_CENTER, false);
    y += hb.h;
    if (*how) {
        SDL_Rect wb = {x, y, width, ui_text_height(u, how, width, lpx, false)};
        ui_text_fit(u, how, wb, lpx, lpx, false, t->text, UI_CENTER, false);
        y += wb.h;
    }
    if (r->correct && r->streak >= 2) {
        char st[64];
        snprintf(st, sizeof st, ngettext("Streak: %d in a row", "Streak: %d in a row", r->streak),
                 r->streak);
        ui_text(u, st, lpx, true, t->warn, u->w / 2, y, UI_CENTER);
        y += ui_line_height(u, lpx, true);
    }
    y += m / 2;

    if (show_wrong) {
        if (labels) {
            ui_text(u, _("Your answer"), lpx, false, t->dim, x, y, UI_LEFT);
            y += lstep;
        }
        widget_choice(&a->ui, (SDL_Rect){x, y, width, hw}, r->chosen, wrong_text, CHOICE_WRONG,
                      px, bold);
        y += hw + gap;
    }
    if (labels) {
        ui_text(u, _("Right answer"), lpx, false, t->dim, x, y, UI_LEFT);
        y += lstep;
    }
    widget_choice(&a->ui, (SDL_Rect){x, y, width, hr}, (int)it->answer, right_text, CHOICE_RIGHT,
                  px, bold);
    y += hr + gap;

    /* the explanation: the passage the item came from, as large as fits */
    SDL_Rect eb = {x, y, width, bottom - y};
    int need = from_h + ui_text_height(u, it->source, width - 2 * m, spx, false) + m;
    if (need < eb.h)
        eb.h = need; /* the panel fits its text when there is room */
    if (eb.h > lh * 2) {
        ui_panel(u, eb, t->panel, ui_px(u, 0.012));
        ui_log(u, eb, 0, false, "explanation panel");
        SDL_Rect fb = {eb.x + m, eb.y + m / 3, eb.w - 2 * m, from_h};
        ui_text_fit(u, from, fb, lpx, lpx, true, t->accent, UI_LEFT, false);
        SDL_Rect sb = {eb.x + m, fb.y + from_h, eb.w - 2 * m, eb.h - from_h - m / 2};
        ui_text_fit(u, it->source, sb, spx, lpx, false, t->text, UI_LEFT, false);
    }
    free(from);
}

const screen screen_feedback = {.name = "feedback", .action = on_action, .tick = tick, .draw = draw};
