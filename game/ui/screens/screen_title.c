/* screen_title.c - the title: the article, the topics in play, how to start,
 * the high scores. In kiosk mode, after idle_timeout seconds it becomes the
 * attract loop: it cycles the high scores and a sample question with its
 * answer until someone touches it, and M (the mode) does nothing there.
 * Esc (outside kiosk mode) asks "Quit Quizmill?" before quitting: a second
 * Esc, or Yes, quits; No, B or a click beside the buttons goes back. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "hooks.h"
#include "widgets.h"
#include "util.h"

#define ATTRACT_VIEW_MS 8000

static int attract_view(app *a, uint32_t now)
{
    if (!a->cfg.kiosk)
        return 0;
    uint32_t idle_ms = (uint32_t)a->cfg.idle_timeout * 1000u;
    if (now - a->last_input < idle_ms)
        return 0;
    return 1 + (int)(((now - a->last_input - idle_ms) / ATTRACT_VIEW_MS) % 2);
}

/* The screen's own state (app_screen_state()), new each time it is entered. */
typedef struct title_state {
    int shown_view; /* the view on screen: 0 the title, 1 and 2 the attract loop's */
    bool confirm;   /* "Quit Quizmill?" is asked */
    int confirm_sel; /* its button for the keys and the D-pad: CONFIRM_YES or CONFIRM_NO */
} title_state;

enum { CONFIRM_YES, CONFIRM_NO };

static void enter(app *a)
{
    title_state *st = app_screen_state(a);
    st->shown_view = 0;
    st->confirm = false;
    SDL_StopTextInput(); /* SDL starts it by default; only the name box wants it */
}

/* The quit question's Yes and No buttons. */
static void confirm_rects(app *a, SDL_Rect *yes, SDL_Rect *no)
{
    ui *u = &a->ui;
    int px = ui_font_px(u, 0.055);
    int h = ui_line_height(u, px, true) + ui_px(u, 0.04);
    int w = u->w / 4 > h * 3 ? u->w / 4 : h * 3;
    int gap = ui_px(u, 0.05);
    int y = u->h / 2 + ui_px(u, 0.02);
    *yes = (SDL_Rect){u->w / 2 - gap / 2 - w, y, w, h};
    *no = (SDL_Rect){u->w / 2 + gap / 2, y, w, h};
}

static void confirm_action(app *a, title_state *st, const action *act)
{
    SDL_Rect yes, no;
    switch (act->kind) {
    case ACT_PAUSE: /* the second Esc */
        app_go(a, GO_QUIT);
        return;
    case ACT_BACK: st->confirm = false; break;
    case ACT_LEFT:
    case ACT_RIGHT:
    case ACT_UP:
    case ACT_DOWN:
        st->confirm_sel = st->confirm_sel == CONFIRM_YES ? CONFIRM_NO : CONFIRM_YES;
        break;
    case ACT_CONFIRM:
        if (st->confirm_sel == CONFIRM_YES) {
            app_go(a, GO_QUIT);
            return;
        }
        st->confirm = false;
        break;
    case ACT_POINT:
    case ACT_HOVER:
        confirm_rects(a, &yes, &no);
        if (ui_point_in(yes, act->x, act->y)) {
            if (act->kind == ACT_POINT) {
                app_go(a, GO_QUIT);
                return;
            }
            st->confirm_sel = CONFIRM_YES;
        } else if (ui_point_in(no, act->x, act->y)) {
            st->confirm_sel = CONFIRM_NO;
            if (act->kind == ACT_POINT)
                st->confirm = false;
        } else if (act->kind == ACT_POINT) {
            st->confirm = false;
        } else {
            return;
        }
        break;
    default: return;
    }
    if (!st->confirm)
        hooks_trace("quit confirm closed");
    a->dirty = true;
}

static void draw_confirm(app *a, const title_state *st)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    SDL_Rect yes, no;
    confirm_rects(a, &yes, &no);
    int px = ui_font_px(u, 0.08);
    ui_text(u, _("Quit Quizmill?"), px, true, t->text, u->w / 2,
            yes.y - ui_line_height(u, px, true) - ui_px(u, 0.06), UI_CENTER);
    const char *labels[2] = {_("Yes, quit"), _("No, stay")};
    SDL_Rect r[2] = {yes, no};
    for (int i = 0; i < 2; i++) {
        bool sel = i == st->confirm_sel;
        ui_panel(u, r[i], sel ? t->accent : t->panel, r[i].h / 5);
        ui_log(u, r[i], 0, false, "button");
        ui_text_fit(u, labels[i], r[i], ui_font_px(u, 0.055), ui_min_px(u), true,
                    sel ? t->on_badge : t->text, UI_CENTER, true);
    }
    widget_hint(u, _("Esc again or Yes quits \xC2\xB7 B or No goes back"));
}

static void start(app *a)
{
    app_go(a, GO_PLAY);
}

static void on_action(app *a, const action *act)
{
    title_state *st = app_screen_state(a);
    if (st->confirm) {
        confirm_action(a, st, act);
        return;
    }
    if (st->shown_view > 0) {
        st->shown_view = 0; /* the first touch only wakes the screen */
        a->dirty = true;
        return;
    }
    switch (act->kind) {
    case ACT_CONFIRM:
    case ACT_POINT:
    case ACT_CHOICE: /* "press A": the gamepad's, or the key */
        start(a);
        break;
    case ACT_PAUSE:
        if (!a->cfg.kiosk) {
            st->confirm = true;
            st->confirm_sel = CONFIRM_NO;
            hooks_trace("quit confirm");
            a->dirty = true;
        }
        break;
    case ACT_CHAR:
        /* solo, teams, buzzer, phones (when [network] allows it); a kiosk's
         * visitors keep the mode it was set up in */
        if (act->ch == 'M' && !a->cfg.kiosk) {
            config_mode m = a->event.mode;
            m = m == MODE_SOLO    ? MODE_TEAMS
                : m == MODE_TEAMS ? MODE_BUZZER
                : m == MODE_BUZZER && a->cfg.net_enabled ? MODE_PHONES
                                                         : MODE_SOLO;
            a->event.mode = m;
            hooks_trace("mode %s", config_mode_name(m));
            a->dirty = true;
        }
        break;
    default:
        break;
    }
}

static int tick(app *a, uint32_t now)
{
    title_state *st = app_screen_state(a);
    if (a->opt.autoplay) {
        if (a->rounds_played >= a->opt.autoplay) {
            app_go(a, GO_QUIT);
            return 0;
        }
        uint32_t due = a->screen_since + (uint32_t)a->opt.autoplay_delay;
        if ((int32_t)(now - due) >= 0) {
            start(a);
            return 0;
        }
        return (int)(due - now);
    }
    int view = attract_view(a, now);
    if (view != st->shown_view) {
        st->shown_view = view;
        ui_text_flush(&a->ui);
        a->dirty = true;
    }
    if (!a->cfg.kiosk)
        return -1;
    uint32_t idle_ms = (uint32_t)a->cfg.idle_timeout * 1000u;
    uint32_t idle = now - a->last_input;
    if (idle < idle_ms)
        return (int)(idle_ms - idle);
    return (int)(ATTRACT_VIEW_MS - (idle - idle_ms) % ATTRACT_VIEW_MS);
}

static bool is_new_score(const void *ctx, size_t rank, const store_score *s)
{
    const app *a = ctx;
    (void)s;
    return (int)rank == a->new_rank;
}

/* Adds " · fact" to the line of facts in buf. */
static void add_fact(char *buf, size_t size, const char *fact)
{
    size_t n = strlen(buf);
    if (n < size)
        snprintf(buf + n, size - n, " \xC2\xB7 %s", fact);
}

/* The high-score table of the config's difficulty in box; rows as fit. */
static void draw_scores(app *a, SDL_Rect box, int px, int max_rows)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    item_difficulty d = a->cfg.difficulty;
    char head[64];
    snprintf(head, sizeof head, _("High scores (%s)"), i18n_difficulty(d, false));
    int lh = ui_line_height(u, px, false);
    ui_text(u, head, px, true, t->accent, box.x + box.w / 2, box.y, UI_CENTER);
    int y = box.y + lh + lh / 4;
    size_t n = a->scores.n[d];
    if (n == 0) {
        ui_text(u, _("No scores yet: be the first!"), px, false, t->dim, box.x + box.w / 2, y,
                UI_CENTER);
        return;
    }
    widget_score_rows(&a->ui, &a->scores, a->cfg.difficulty, (SDL_Rect){box.x, y, box.w, box.y + box.h - y}, px, max_rows,
                      is_new_score, a);
}

static void draw_sample(app *a)
{
    ui *u = &a->ui;
    /* a different sample each time the view comes round */
    size_t pick = (size_t)(SDL_GetTicks() / (2 * ATTRACT_VIEW_MS)) % (a->quiz.all.n ? a->quiz.all.n : 1);
    for (size_t k = 0; k < a->quiz.all.n; k++) {
        const item *it = &a->quiz.all.items[(pick + k) % a->quiz.all.n];
        if (!a->quiz.mask[it->topic_index])
            continue;
        int m = ui_px(u, 0.04);
        widget_header(&a->ui, _("Sample question"), NULL, _("Press any key to play"));
        int top = m + ui_line_height(u, ui_font_px(u, 0.042), true) + m / 2;
        /* the prompt and its choices, the right one shown */
        SDL_Rect area = {m, top, u->w - 2 * m, u->h - top - m};
        if (area.w > u->h * 2) { /* lines a reader can follow */
            area.x = (u->w - u->h * 2) / 2;
            area.w = u->h * 2;
        }
        choice_layout l;
        widget_choice_layout(u, it->prompt, (const char *const *)it->choices, (int)it->nchoices,
                             area, true, CHOICE_FILL, &l);
        widget_prompt(u, it->prompt, &l);
        for (int i = 0; i < l.n; i++)
            widget_choice(u, l.tiles[i], i, it->choices[i],
                          (size_t)i == it->answer ? CHOICE_RIGHT : CHOICE_DIM, l.px, l.bold);
        return;
    }
}

static void draw(app *a)
{
    title_state *st = app_screen_state(a);
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int m = ui_px(u, 0.04);
    if (st->confirm) {
        draw_confirm(a, st);
        return;
    }
    if (st->shown_view == 2) {
        draw_sample(a);
        return;
    }
    if (st->shown_view == 1) {
        SDL_Rect title = {m, m, u->w - 2 * m, u->h / 6};
        ui_text_fit(u, a->quiz.art->title, title, ui_font_px(u, 0.06), ui_min_px(u), true, t->text,
                    UI_CENTER, true);
        int px = ui_font_px(u, 0.05);
        SDL_Rect box = {u->w / 6, title.y + title.h + m, u->w * 2 / 3, u->h - title.h - 4 * m};
        draw_scores(a, box, px, STORE_TOP);
        widget_hint(&a->ui, _("Press any key or touch the screen to play"));
        return;
    }
    int y = m;
    SDL_Rect title = {m, y, u->w - 2 * m, u->h * 22 / 100};
    ui_text_fit(u, a->quiz.art->title, title, ui_font_px(u, 0.075), ui_min_px(u), true, t->text,
                UI_CENTER, true);
    y += title.h + m / 3;
    char *topics = NULL;
    size_t in_play = 0;
    for (size_t i = 0; i < a->quiz.art->ntopics; i++)
        in_play += a->quiz.mask[i];
    topics = in_play == a->quiz.art->ntopics ? xasprintf(ngettext("All %zu topic", "All %zu topics", in_play), in_play)
                                        : xasprintf(_("Topics: %s"), a->title_topics);
    SDL_Rect tb = {m * 2, y, u->w - 4 * m, u->h * 10 / 100};
    ui_text_fit(u, topics, tb, ui_font_px(u, 0.04), ui_min_px(u), false, t->dim, UI_CENTER,
                true);
    free(topics);
    y += tb.h + m / 4;
    /* a list of facts, each a phrase of its own: "Medium · 10 questions ·
     * 20 s each · practice · teams" */
    char details[256], part[64];
    snprintf(details, sizeof details, "%s", i18n_difficulty(a->cfg.difficulty, true));
    snprintf(part, sizeof part, ngettext("%d question", "%d questions", a->cfg.questions),
             a->cfg.questions);
    add_fact(details, sizeof details, part);
    if (a->cfg.time_limit > 0)
        snprintf(part, sizeof part, _("%d s each"), a->cfg.time_limit);
    else
        snprintf(part, sizeof part, "%s", _("no time limit"));
    add_fact(details, sizeof details, part);
    if (a->cfg.practice)
        add_fact(details, sizeof details, _("practice"));
    if (a->event.mode != MODE_SOLO)
        add_fact(details, sizeof details,
                 a->event.mode == MODE_TEAMS    ? _("teams")
                 : a->event.mode == MODE_BUZZER ? _("buzzer")
                                                : _("phones"));
    int dpx = ui_font_px(u, 0.04);
    ui_text(u, details, dpx, false, t->text, u->w / 2, y, UI_CENTER);
    y += ui_line_height(u, dpx, false) + m / 2;

    int spx = ui_font_px(u, 0.055);
    int sh = ui_line_height(u, spx, true) + m / 2;
    SDL_Rect startr = {u->w / 8, y, u->w * 3 / 4, sh};
    ui_panel(u, startr, t->accent, sh / 4);
    ui_text_fit(u, _("Press Enter, click or press A to start"), (SDL_Rect){startr.x + m / 2, startr.y,
                startr.w - m, startr.h}, spx, ui_min_px(u), true, t->on_badge, UI_CENTER, true);
    y += sh + m / 2;

    int hint_y = u->h - m - ui_line_height(u, ui_min_px(u), false);
    if (a->notice) {
        SDL_Rect nb = {m, hint_y, u->w - 2 * m, ui_line_height(u, ui_min_px(u), false)};
        ui_text_fit(u, a->notice, nb, ui_min_px(u), ui_min_px(u), false, t->warn, UI_CENTER,
                    false);
    } else if (a->cfg.kiosk) {
        widget_hint(&a->ui, _("Esc pauses \xC2\xB7 1-5 or A-E answer"));
    } else {
        widget_hint(&a->ui, _("Esc quits \xC2\xB7 1-5 or A-E answer \xC2\xB7 M: mode "
                              "\xC2\xB7 F11 full screen"));
    }
    int px = ui_min_px(u);
    int lh = ui_line_height(u, px, false);
    int rows = (hint_y - y - m / 2) / lh - 1;
    if (rows > 5)
        rows = 5;
    if (rows >= 1)
        draw_scores(a, (SDL_Rect){u->w / 4, y, u->w / 2, hint_y - y - m / 2}, px, rows);
}

const screen screen_title = {.name = "title", .enter = enter, .action = on_action, .tick = tick, .draw = draw, .state_size = sizeof(title_state)};
