/* screen_summary.c - the round's score, right answers, best streak and time,
 * a new high score's place, the trainer's line, and the review of EVERY
 * missed item: its question, the player's own answer (marked wrong), the
 * right one and, where the page has room, the sentence it was made from.
 * The review is cut into pages that fit whole (measured, never cut);
 * Up/Down, PageUp/PageDown, the wheel, a gamepad's D-pad or shoulders and
 * the page buttons turn them. Below: "Play again", "Practise the missed
 * ones" (only when some were missed; its score enters no high-score
 * table) and the title screen, chosen with Left/Right and Enter, a click,
 * a tap or gamepad A. Start reading at draw(). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "util.h"
#include "widgets.h"

#define REVIEW_MAX 256 /* missed items listed: more than a round asks */

enum { BTN_AGAIN, BTN_PRACTISE, BTN_TITLE, NBTN };

/* The screen's own state: the pages as the last frame laid them out, the
 * page shown and the button chosen. */
typedef struct summary_state {
    size_t missed[REVIEW_MAX];
    size_t nmissed;
    size_t page_first[REVIEW_MAX + 1]; /* first entry of each page; [npages] = nmissed */
    bool with_source[REVIEW_MAX];      /* the entry's source sentence fits its page */
    int npages, page;
    int selected; /* a BTN_*; BTN_TITLE at first: Enter goes on as it always did */
    bool chosen;  /* the pointer or keys chose a button (drawn highlighted) */
    SDL_Rect button[NBTN];
    SDL_Rect prev, next; /* the page buttons (w 0 when there is one page) */
} summary_state;

static bool button_shown(const summary_state *st, int b)
{
    return b != BTN_PRACTISE || st->nmissed > 0;
}

static const char *button_label(int b)
{
    static const char *const labels[NBTN] = {N_("Play again"), N_("Practise the missed ones"),
                                             N_("Title screen")};
    return _(labels[b]);
}

static void enter(app *a)
{
    summary_state *st = app_screen_state(a);
    st->nmissed = a->rnd ? round_missed(a->rnd, st->missed, REVIEW_MAX) : 0;
    if (st->nmissed > REVIEW_MAX)
        st->nmissed = REVIEW_MAX;
    st->selected = BTN_TITLE;
    st->npages = 1;
}

static void press(app *a, int b)
{
    switch (b) {
    case BTN_AGAIN: app_go(a, GO_PLAY_AGAIN); break;
    case BTN_PRACTISE: app_go(a, GO_PRACTISE_MISSED); break;
    default: app_go(a, GO_SUMMARY_DONE); break;
    }
}

static void turn(app *a, summary_state *st, int by)
{
    int p = st->page + by;
    if (p >= 0 && p < st->npages && p != st->page) {
        st->page = p;
        a->dirty = true;
    }
}

static void move_selection(app *a, summary_state *st, int by)
{
    int b = st->selected;
    do
        b = (b + by + NBTN) % NBTN;
    while (!button_shown(st, b));
    st->selected = b;
    st->chosen = true;
    a->dirty = true;
}

static void on_action(app *a, const action *act)
{
    summary_state *st = app_screen_state(a);
    if (act->kind != ACT_HOVER && SDL_GetTicks() - a->screen_since < INPUT_GRACE_MS)
        return;
    switch (act->kind) {
    case ACT_UP: turn(a, st, -1); break;
    case ACT_DOWN: turn(a, st, 1); break;
    case ACT_PAGE: turn(a, st, act->n < 0 ? -1 : 1); break;
    case ACT_LEFT: move_selection(a, st, -1); break;
    case ACT_RIGHT: move_selection(a, st, 1); break;
    case ACT_CONFIRM: press(a, st->selected); break;
    case ACT_PAUSE:
    case ACT_BACK: app_go(a, GO_SUMMARY_DONE); break;
    case ACT_POINT:
    case ACT_HOVER:
        if (act->kind == ACT_POINT && ui_point_in(st->prev, act->x, act->y)) {
            turn(a, st, -1);
            break;
        }
        if (act->kind == ACT_POINT && ui_point_in(st->next, act->x, act->y)) {
            turn(a, st, 1);
            break;
        }
        for (int b = 0; b < NBTN; b++) {
            if (!button_shown(st, b) || !ui_point_in(st->button[b], act->x, act->y))
                continue;
            if (act->kind == ACT_POINT) {
                press(a, b);
                return;
            }
            if (st->selected != b || !st->chosen) {
                st->selected = b;
                st->chosen = true;
                a->dirty = true;
            }
        }
        break;
    default: break;
    }
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

/* ---- the review list ---- */

/* What one missed item shows, each a whole sentence for the translator. */
typedef struct entry_text {
    char *question, *yours, *right, *source; /* malloc'd; source NULL when none */
} entry_text;

static void entry_make(const app *a, size_t number, size_t idx, entry_text *e)
{
    const item *it = &a->deck.items[idx];
    int chosen = ROUND_TIMEOUT;
    size_t n;
    const round_answer_info *ans = round_answers(a->rnd, &n);
    for (size_t i = 0; i < n; i++)
        if (ans[i].item == idx && !ans[i].repeat) {
            chosen = ans[i].chosen;
            break;
        }
    e->question = xasprintf(_("%zu. %s"), number, it->prompt);
    if (chosen >= 0 && (size_t)chosen < it->nchoices)
        e->yours = xasprintf(_("Your answer: %s"), it->choices[chosen]);
    else
        e->yours = xstrdup(_("Your answer: none (the time ran out)"));
    e->right = xasprintf(_("Right answer: %s"), it->choices[it->answer]);
    /* the sentence, unless it is the right answer itself (a "says" item's) */
    bool own = it->source && it->source[0] && strcmp(it->source, it->choices[it->answer]) != 0;
    e->source = own ? xasprintf(_("From the text: %s"), it->source) : NULL;
}

static void entry_free(entry_text *e)
{
    free(e->question);
    free(e->yours);
    free(e->right);
    free(e->source);
}

/* The list's geometry: the text size, the width, the marks' indent. */
typedef struct list_geom {
    int px, lh, gap, x, w, indent;
} list_geom;

/* Heights of an entry's parts wrapped to the list. */
static void entry_heights(ui *u, const list_geom *g, const entry_text *e, int *plain,
                          int *source)
{
    int tw = g->w - g->indent;
    *plain = ui_text_height(u, e->question, g->w, g->px, true) +
             ui_text_height(u, e->yours, tw, g->px, false) +
             ui_text_height(u, e->right, tw, g->px, true);
    *source = e->source ? ui_text_height(u, e->source, tw, g->px, false) : 0;
}

/* Cuts the list into pages of height h: as many whole entries as fit,
 * then the source sentences of the page's entries, in order, while the
 * page has room left. */
static void paginate(app *a, summary_state *st, const list_geom *g, int h)
{
    ui *u = &a->ui;
    int plain[REVIEW_MAX], source[REVIEW_MAX];
    for (size_t i = 0; i < st->nmissed; i++) {
        entry_text e;
        entry_make(a, i + 1, st->missed[i], &e);
        entry_heights(u, g, &e, &plain[i], &source[i]);
        entry_free(&e);
    }
    st->npages = 0;
    size_t i = 0;
    do {
        size_t first = i;
        int used = 0;
        /* an entry taller than a page still has one of its own */
        while (i < st->nmissed && (i == first || used + g->gap + plain[i] <= h)) {
            used += (i == first ? 0 : g->gap) + plain[i];
            i++;
        }
        for (size_t k = first; k < i; k++) {
            st->with_source[k] = source[k] && used + source[k] <= h;
            used += st->with_source[k] ? source[k] : 0;
        }
        st->page_first[st->npages++] = first;
    } while (i < st->nmissed);
    st->page_first[st->npages] = st->nmissed;
    if (st->page >= st->npages)
        st->page = st->npages - 1;
}

/* One entry from y; returns its height. */
static int draw_entry(app *a, const list_geom *g, const entry_text *e, bool source, int y)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int top = y, tw = g->w - g->indent, tx = g->x + g->indent;
    int h = ui_text_height(u, e->question, g->w, g->px, true);
    ui_text_fit(u, e->question, (SDL_Rect){g->x, y, g->w, h}, g->px, g->px, true, t->text,
                UI_LEFT, false);
    y += h;
    int mark = g->lh / 2;
    h = ui_text_height(u, e->yours, tw, g->px, false);
    ui_cross_mark(u, g->x + g->indent / 2, y + g->lh / 2, mark, t->bad);
    ui_text_fit(u, e->yours, (SDL_Rect){tx, y, tw, h}, g->px, g->px, false, t->bad, UI_LEFT,
                false);
    y += h;
    h = ui_text_height(u, e->right, tw, g->px, true);
    ui_check_mark(u, g->x + g->indent / 2, y + g->lh / 2, mark, t->good);
    ui_text_fit(u, e->right, (SDL_Rect){tx, y, tw, h}, g->px, g->px, true, t->good, UI_LEFT,
                false);
    y += h;
    if (source && e->source) {
        h = ui_text_height(u, e->source, tw, g->px, false);
        ui_text_fit(u, e->source, (SDL_Rect){tx, y, tw, h}, g->px, g->px, false, t->dim, UI_LEFT,
                    false);
        y += h;
    }
    return y - top;
}

/* A button: a panel with its label, highlighted when selected. */
static void draw_button(ui *u, SDL_Rect r, const char *label, int px, bool sel, const char *what)
{
    const ui_theme *t = &u->theme;
    ui_panel(u, r, sel ? t->accent : t->panel, r.h / 5);
    ui_log(u, r, 0, false, what);
    ui_text_fit(u, label, r, px, px, true, sel ? t->on_badge : t->text, UI_CENTER, true);
}

/* The buttons in a row centred above bottom; returns the row's top. */
static int draw_buttons(app *a, summary_state *st, int m, int bottom)
{
    ui *u = &a->ui;
    int px = ui_font_px(u, 0.042), pad = ui_px(u, 0.025), gap = ui_px(u, 0.02);
    int shown = 0, total;
    for (;;) { /* the largest size at which the row fits the width */
        total = 0;
        shown = 0;
        for (int b = 0; b < NBTN; b++)
            if (button_shown(st, b)) {
                total += ui_text_width(u, button_label(b), px, true) + 2 * pad;
                shown++;
            }
        total += (shown - 1) * gap;
        if (total <= u->w - 2 * m || px <= ui_min_px(u))
            break;
        px--;
    }
    int h = ui_line_height(u, px, true) + pad;
    int x = (u->w - total) / 2, y = bottom - h;
    for (int b = 0; b < NBTN; b++) {
        st->button[b] = (SDL_Rect){0, 0, 0, 0};
        if (!button_shown(st, b))
            continue;
        int w = ui_text_width(u, button_label(b), px, true) + 2 * pad;
        st->button[b] = (SDL_Rect){x, y, w, h};
        draw_button(u, st->button[b], button_label(b), px, b == st->selected,
                    b == BTN_TITLE ? "title button" : "action button");
        x += w + gap;
    }
    return y;
}

/* The hint: how to page and choose, and what the selected button does. */
static void draw_hint(app *a, summary_state *st)
{
    char *hint;
    if (st->selected == BTN_PRACTISE && st->chosen)
        hint = xasprintf(ngettext("A round of the %zu missed question; its score is not in the "
                                  "high scores",
                                  "A round of the %zu missed questions; its score is not in the "
                                  "high scores",
                                  st->nmissed),
                         st->nmissed);
    else if (st->npages > 1)
        hint = xstrdup(_("Up, Down or the wheel: pages \xC2\xB7 Left, Right, Enter: choose"));
    else
        hint = xstrdup(_("Left, Right and Enter, a click or a tap choose"));
    widget_hint(&a->ui, hint);
    free(hint);
}

static void draw(app *a)
{
    summary_state *st = app_screen_state(a);
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int m = ui_px(u, 0.035);
    int y = m;
    char line[256];
    int score = round_score(a->rnd);
    snprintf(line, sizeof line, ngettext("%d point", "%d points", score), score);
    int bpx = ui_font_px(u, 0.08);
    ui_text(u, line, bpx, true, t->text, u->w / 2, y, UI_CENTER);
    y += ui_line_height(u, bpx, true);
    uint64_t ms = round_total_ms(a->rnd);
    snprintf(line, sizeof line,
             _("%zu of %zu right \xC2\xB7 best streak %d \xC2\xB7 %u:%02u"),
             round_right(a->rnd), a->deck.n, round_best_streak(a->rnd),
             (unsigned)(ms / 60000), (unsigned)(ms / 1000 % 60));
    int spx = ui_font_px(u, 0.042);
    SDL_Rect sb = {m, y, u->w - 2 * m, ui_line_height(u, spx, false)};
    ui_text_fit(u, line, sb, spx, ui_min_px(u), false, t->text, UI_CENTER, false);
    y += sb.h;
    const char *note = NULL;
    if (a->practising) {
        note = _("Practice of the missed questions: not in the high scores");
    } else if (a->new_rank >= 0) {
        snprintf(line, sizeof line, _("New high score: number %d on the %s table!"),
                 a->new_rank + 1, item_difficulty_name(a->cfg.difficulty));
        note = line;
    }
    if (note) {
        SDL_Rect hb = {m, y, u->w - 2 * m, ui_line_height(u, spx, true)};
        ui_text_fit(u, note, hb, spx, ui_min_px(u), true, t->warn, UI_CENTER, false);
        y += hb.h;
    }
    if (a->progress[0]) { /* the trainer: "Anna: 23 of 107 mastered ..." */
        SDL_Rect pb = {m, y, u->w - 2 * m, ui_line_height(u, spx, false)};
        ui_text_fit(u, a->progress, pb, spx, ui_min_px(u), false, t->accent, UI_CENTER, false);
        y += pb.h;
    }
    y += m / 2;
    int hint_y = u->h - ui_px(u, 0.03) - ui_line_height(u, ui_min_px(u), false);
    int buttons_y = draw_buttons(a, st, m, hint_y - m / 3);

    list_geom g;
    g.px = ui_font_px(u, 0.036);
    g.lh = ui_line_height(u, g.px, false);
    g.gap = g.lh / 2;
    g.w = u->w - 2 * m;
    if (g.w > u->h * 2)
        g.w = u->h * 2;
    g.x = (u->w - g.w) / 2;
    g.indent = g.lh * 3 / 2;
    st->prev = st->next = (SDL_Rect){0, 0, 0, 0};
    if (st->nmissed == 0) {
        ui_text(u, _("No mistakes: well done!"), spx, true, t->good, u->w / 2, y, UI_CENTER);
        draw_hint(a, st);
        return;
    }
    /* the heading line: "To review" and the page buttons */
    int hpx = ui_min_px(u);
    int hh = ui_line_height(u, hpx, true) + ui_px(u, 0.015);
    snprintf(line, sizeof line, ngettext("To review: %zu question", "To review: %zu questions",
                                         st->nmissed),
             st->nmissed);
    ui_text(u, line, hpx, true, t->accent, g.x, y + (hh - ui_line_height(u, hpx, true)) / 2,
            UI_LEFT);
    int list_y = y + hh + m / 3;
    int list_h = buttons_y - m / 2 - list_y;
    /* the largest size at which every entry fits a page of its own */
    for (size_t i = 0; i < st->nmissed && g.px > ui_min_px(u); i++) {
        entry_text e;
        entry_make(a, i + 1, st->missed[i], &e);
        int plain, source;
        entry_heights(u, &g, &e, &plain, &source);
        entry_free(&e);
        if (plain > list_h) {
            g.px--;
            g.lh = ui_line_height(u, g.px, false);
            g.gap = g.lh / 2;
            g.indent = g.lh * 3 / 2;
            i--; /* measure it again */
        }
    }
    paginate(a, st, &g, list_h);
    if (st->npages > 1) {
        const char *pl = _("\xE2\x97\x80 Previous"), *nl = _("Next \xE2\x96\xB6");
        int pad = ui_px(u, 0.02);
        int pw = ui_text_width(u, pl, hpx, true) + 2 * pad;
        int nw = ui_text_width(u, nl, hpx, true) + 2 * pad;
        st->next = (SDL_Rect){g.x + g.w - nw, y, nw, hh};
        snprintf(line, sizeof line, _("Page %d of %d"), st->page + 1, st->npages);
        int lw = ui_text_width(u, line, hpx, false);
        int gap = ui_px(u, 0.015);
        int lx = st->next.x - gap - lw;
        st->prev = (SDL_Rect){lx - gap - pw, y, pw, hh};
        ui_text(u, line, hpx, false, t->text, lx, y + (hh - ui_line_height(u, hpx, false)) / 2,
                UI_LEFT);
        if (st->page > 0)
            draw_button(u, st->prev, pl, hpx, false, "page button");
        if (st->page + 1 < st->npages)
            draw_button(u, st->next, nl, hpx, false, "page button");
    }
    y = list_y;
    for (size_t i = st->page_first[st->page]; i < st->page_first[st->page + 1]; i++) {
        entry_text e;
        entry_make(a, i + 1, st->missed[i], &e);
        y += draw_entry(a, &g, &e, st->with_source[i], y) + g.gap;
        entry_free(&e);
    }
    draw_hint(a, st); /* after the pages are known */
}

const screen screen_summary = {.name = "summary",
                               .enter = enter,
                               .action = on_action,
                               .tick = tick,
                               .draw = draw,
                               .state_size = sizeof(summary_state)};
