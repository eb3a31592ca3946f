/* screen_match.c - a match of 2 to 4 teams on one screen (match.h is the
 * engine): the question with a status row of the teams and a countdown bar,
 * then the reveal with the scoreboard, question after question.
 *
 * teams:  each team answers on its own control (app_control_of()); the
 *         status row shows who has answered, never what; time_limit.
 * buzzer: any button of a team buzzes (buzz_time to do it); the team that
 *         buzzed answers with its choice buttons (answer_time).
 * reveal: the right answer, each team's choice and points, the scores;
 *         Enter (or Start) goes on, or feedback_seconds do.
 * host:   Ctrl+S skip, Ctrl+R replay, Ctrl+1..4 award base_points to a team,
 *         Ctrl+Shift+1..4 remove them, Ctrl+P or Esc pause, Ctrl+E end. Each
 *         lands in the results CSV with the answers (app_save_results()).
 *
 * Every change of the match's phase, question or buzzing team restarts the
 * phase's clock (a->q_start; a pause moves it on, see app_pop()). While the
 * countdown runs only its bar and seconds change: tick() asks for a partial
 * redraw (draw_part) when the bar's fill has moved a pixel or the second has
 * changed, at most every FRAME_MS, as screen_question.c does.
 *
 * With QUIZMILL_TRACE set, each new phase ("trace: match question N asking",
 * "answering team T", "reveal") and each hidden answer ("trace: match
 * question N answered team T") is written to stderr for test drivers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "widgets.h"
#include "hooks.h"

#define FRAME_MS 33        /* the countdown moves at most 30 times a second */

/* The screen's own state (app_screen_state()), new each time it is entered. */
typedef struct match_state {
    /* what the clock and the picture were made for */
    match_phase seen_phase;
    size_t seen_number;
    int seen_buzzed;
    size_t seen_events;
    int shown_fill, shown_second;
} match_state;

static void trace(const app *a, const char *what, int team)
{
    if (team >= 0)
        hooks_trace("match question %zu %s team %d", match_number(a->event.mt), what, team + 1);
    else
        hooks_trace("match question %zu %s", match_number(a->event.mt), what);
}

static void restart_clock(app *a, uint32_t now)
{
    match_state *st = app_screen_state(a);
    a->q_start = now;
    st->seen_phase = match_get_phase(a->event.mt);
    st->seen_number = match_number(a->event.mt);
    st->seen_buzzed = match_buzzed(a->event.mt);
    st->shown_fill = st->shown_second = -1;
    a->dirty = true;
    static const char *const names[] = {"asking", "answering", "reveal", "done"};
    trace(a, names[st->seen_phase], st->seen_phase == MATCH_ANSWERING ? st->seen_buzzed : -1);
}

/* After anything that may have changed the match: saves new events,
 * restarts the clock on a new phase, leaves when the match is over.
 * Returns false when the screen changed. */
static bool sync(app *a, uint32_t now, bool force)
{
    match_state *st = app_screen_state(a);
    size_t n;
    match_events(a->event.mt, &n);
    if (n != st->seen_events) {
        st->seen_events = n;
        app_save_results(a);
        a->dirty = true;
    }
    if (match_get_phase(a->event.mt) == MATCH_DONE) {
        app_go(a, GO_MATCH_DONE);
        return false;
    }
    if (force || match_get_phase(a->event.mt) != st->seen_phase || match_number(a->event.mt) != st->seen_number ||
        match_buzzed(a->event.mt) != st->seen_buzzed) {
        if (match_get_phase(a->event.mt) != st->seen_phase || match_number(a->event.mt) != st->seen_number)
            ui_text_flush(&a->ui);
        restart_clock(a, now);
    }
    return true;
}

static void enter(app *a)
{
    match_state *st = app_screen_state(a);
    a->selected = -1;
    st->seen_events = 0;
    sync(a, SDL_GetTicks(), true);
}

static bool buzzer(const app *a)
{
    return a->event.mode == MODE_BUZZER;
}

/* The current phase's time in ms, 0 when it has none. */
static uint32_t phase_limit(const app *a)
{
    switch (match_get_phase(a->event.mt)) {
    case MATCH_ASKING:
        return (uint32_t)(buzzer(a) ? a->cfg.buzz_time : a->cfg.time_limit) * 1000u;
    case MATCH_ANSWERING: return (uint32_t)a->cfg.answer_time * 1000u;
    case MATCH_REVEAL: return (uint32_t)a->cfg.feedback_seconds * 1000u;
    default: return 0;
    }
}

static uint32_t phase_used(const app *a, uint32_t now)
{
    uint32_t base = a->pause_start ? a->pause_start : now;
    return base - a->q_start;
}

/* The host's pause (Ctrl+P or Esc), logged like the host's other keys. */
static void host_pause(app *a, uint32_t now)
{
    match_pause(a->event.mt);
    if (sync(a, now, false))
        app_go(a, GO_PAUSE);
}

static void host(app *a, const action *act, uint32_t now)
{
    match *m = a->event.mt;
    switch (act->ch) {
    case 'S': match_skip(m); break;
    case 'R': match_replay(m); break;
    case 'E': match_end(m); break;
    case 'P': host_pause(a, now); return;
    default: {
        size_t team = (size_t)(act->ch - '1');
        if (act->ch >= '1' && act->ch <= '4' && team < match_players(m))
            match_points(m, team, act->n * a->cfg.base_points);
        break;
    }
    }
    sync(a, now, act->ch == 'R' || act->ch == 'S');
}

static void on_action(app *a, const action *act)
{
    uint32_t now = SDL_GetTicks();
    match *m = a->event.mt;
    if (act->kind == ACT_HOST) {
        host(a, act, now);
        return;
    }
    if (act->kind == ACT_PAUSE && act->device == INPUT_KEYBOARD) {
        host_pause(a, now); /* Esc: the host's */
        return;
    }
    match_phase ph = match_get_phase(m);
    if (ph == MATCH_REVEAL) {
        if (now - a->screen_since < INPUT_GRACE_MS || now - a->q_start < INPUT_GRACE_MS)
            return;
        bool enter_key = act->kind == ACT_CONFIRM && act->device == INPUT_KEYBOARD && act->zone < 0;
        bool start = act->kind == ACT_PAUSE && INPUT_IS_PAD(act->device);
        if (enter_key || start) {
            match_next(m);
            sync(a, now, true);
        }
        return;
    }
    int team = app_team_of(a, app_control_of(act));
    if (team < 0 || act->kind == ACT_HOVER || act->kind == ACT_POINT)
        return;
    int choice = act->zone_choice;
    uint32_t ms = phase_used(a, now);
    if (!buzzer(a)) {
        if (choice >= 0 && match_answer(m, (size_t)team, choice, ms) == 0) {
            trace(a, "answered", team);
            a->dirty = true;
        }
    } else if (ph == MATCH_ASKING) {
        if (match_buzz(m, (size_t)team) == 0)
            audio_play(&a->snd, SOUND_TICK);
    } else if (ph == MATCH_ANSWERING && match_buzzed(m) == team && choice >= 0) {
        match_answer(m, (size_t)team, choice, ms);
    }
    if (match_get_phase(m) == MATCH_REVEAL && ph != MATCH_REVEAL) {
        round_answer_info r;
        bool right = false;
        for (size_t i = 0; i < match_players(m); i++)
            right |= match_result(m, i, &r) && r.correct;
        audio_play(&a->snd, right ? SOUND_RIGHT : SOUND_WRONG);
    }
    sync(a, now, false);
}

static int tick_match(app *a, uint32_t now);
static SDL_Rect bar_rect(app *a);

/* A kiosk left alone mid-match warns, then goes back to its title. */
static int tick(app *a, uint32_t now)
{
    int idle = app_idle_check(a, now);
    if (idle == 0)
        return 0;
    int wait = tick_match(a, now);
    if (idle < 0)
        return wait;
    return wait < 0 || idle < wait ? idle : wait;
}

static int tick_match(app *a, uint32_t now)
{
    match_state *st = app_screen_state(a);
    if (!sync(a, now, false))
        return 0;
    uint32_t limit = phase_limit(a);
    if (limit == 0)
        return -1;
    uint32_t used = phase_used(a, now);
    if (used >= limit) {
        if (match_get_phase(a->event.mt) == MATCH_REVEAL)
            match_next(a->event.mt);
        else
            match_timeout(a->event.mt);
        sync(a, now, true);
        return 0;
    }
    if (match_get_phase(a->event.mt) == MATCH_REVEAL)
        return (int)(limit - used);
    /* redraw the countdown when the bar's fill moves a pixel or the
     * second changes */
    int bar_w = bar_rect(a).w;
    if (bar_w < 1)
        bar_w = 1;
    uint32_t left = limit - used;
    int second = (int)((left + 999) / 1000);
    int fill = (int)((int64_t)bar_w * left / limit);
    if (second != st->shown_second || fill != st->shown_fill)
        a->dirty_part = true;
    int step = (int)((limit + (uint32_t)bar_w - 1) / (uint32_t)bar_w);
    if (step < FRAME_MS)
        step = FRAME_MS;
    int to_second = (int)left - (second - 1) * 1000;
    return to_second < step ? to_second : step;
}

/* ---- drawing ---- */

static int header_bottom(app *a)
{
    ui *u = &a->ui;
    int m = ui_px(u, 0.03);
    return m + ui_line_height(u, ui_font_px(u, 0.042), true) + m / 2;
}

/* The column the question and the scoreboard take: the screen less its
 * margins, at most twice as wide as high. */
static void column(app *a, int *x, int *width)
{
    ui *u = &a->ui;
    int mg = ui_px(u, 0.03);
    *width = u->w - 2 * mg;
    *x = mg;
    if (*width > u->h * 2) {
        *x = (u->w - u->h * 2) / 2;
        *width = u->h * 2;
    }
}

/* The countdown bar under the header. */
static SDL_Rect bar_rect(app *a)
{
    int x, width;
    column(a, &x, &width);
    return (SDL_Rect){x, header_bottom(a), width, ui_px(&a->ui, 0.016)};
}

/* The countdown: the bar with left of limit ms and, when secs, the seconds
 * in the header's centre; both over the background. */
static void draw_countdown(app *a, uint32_t left, uint32_t limit, bool secs)
{
    match_state *st = app_screen_state(a);
    if (secs)
        st->shown_second = widget_seconds(&a->ui, left);
    /* a buzzing team's answer runs in its colour */
    SDL_Color team = widget_team_color(match_buzzed(a->event.mt));
    bool answering = match_get_phase(a->event.mt) == MATCH_ANSWERING;
    st->shown_fill = widget_countdown(&a->ui, bar_rect(a), left, limit, answering ? &team : NULL);
}

/* The ms left of the current phase's limit (0 when none); *limit gets it. */
static uint32_t time_left(const app *a, uint32_t *limit)
{
    *limit = phase_limit(a);
    uint32_t used = phase_used(a, SDL_GetTicks());
    return *limit && used < *limit ? *limit - used : 0;
}

/* Redraws the bar (and the seconds when they changed) over the last frame. */
static int draw_part(app *a, SDL_Rect *out, int max)
{
    match_state *st = app_screen_state(a);
    ui *u = &a->ui;
    match_phase ph = match_get_phase(a->event.mt);
    uint32_t limit;
    uint32_t left = time_left(a, &limit);
    if ((ph != MATCH_ASKING && ph != MATCH_ANSWERING) || limit == 0 || max < 2)
        return 0;
    int n = 0;
    out[n] = bar_rect(a);
    ui_fill(u, out[n++], u->theme.bg);
    bool secs = (int)((left + 999) / 1000) != st->shown_second;
    if (secs) {
        out[n] = widget_header_box(&a->ui, 1);
        ui_fill(u, out[n++], u->theme.bg);
    }
    draw_countdown(a, left, limit, secs);
    return n;
}

/* The status row: each team's badge, name and state (a check mark when it
 * has answered, a cross when locked out, after the state: the name keeps
 * the cell's whole width). */
static void draw_status(app *a, SDL_Rect area)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->event.mt;
    int n = (int)match_players(m);
    int gap = ui_px(u, 0.015);
    int cw = (area.w - gap * (n - 1)) / n;
    int px = ui_min_px(u);
    int lh = ui_line_height(u, px, true);
    for (int i = 0; i < n; i++) {
        SDL_Rect r = {area.x + i * (cw + gap), area.y, cw, area.h};
        bool buzzing = buzzer(a) && match_buzzed(m) == i;
        bool locked = buzzer(a) && match_locked(m, (size_t)i);
        bool done = !buzzer(a) && match_has_answered(m, (size_t)i);
        ui_panel(u, r, buzzing ? t->panel_hi : t->panel, r.h / 6);
        if (buzzing || done)
            ui_frame(u, r, widget_team_color(i), ui_px(u, 0.006) * (buzzing ? 2 : 1), r.h / 6);
        ui_log(u, r, 0, false, "team status");
        int badge = r.h * 56 / 100;
        int pad = r.h / 5; /* clear of the frame */
        widget_team_badge(&a->ui, i, r.x + pad + badge / 2, r.y + r.h / 2, badge);
        int tx = r.x + pad + badge + pad / 2;
        int tw = r.x + r.w - pad / 2 - tx;
        if (tw < px)
            continue;
        const char *state = buzzing ? _("answers!")
                            : locked ? _("locked out")
                            : done   ? _("answered")
                            : buzzer(a) ? _("may buzz")
                                        : _("thinking");
        int ty = r.y + (r.h - 2 * lh) / 2;
        ui_text_fit(u, match_player_get(m, (size_t)i)->name, (SDL_Rect){tx, ty, tw, lh}, px, px,
                    true, t->text, UI_LEFT, false);
        ui_text_fit(u, state, (SDL_Rect){tx, ty + lh, tw, lh}, px, px, false,
                    buzzing ? t->warn : t->dim, UI_LEFT, false);
        /* the mark after the state, where it fits */
        int mark = lh * 8 / 10, sw = ui_text_width(u, state, px, false);
        int mx = tx + sw + mark / 3 + mark / 2, my = ty + lh + lh / 2;
        if ((done || locked) && mx + mark / 2 <= tx + tw) {
            if (done)
                ui_check_mark(u, mx, my, mark, t->good);
            else
                ui_cross_mark(u, mx, my, mark, t->bad);
        }
    }
}

static void draw_question(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->event.mt;
    const item *it = match_current(m);
    int mg = ui_px(u, 0.03);
    uint32_t limit;
    uint32_t left = time_left(a, &limit);

    char lefttext[64], right[80];
    snprintf(lefttext, sizeof lefttext, _("Question %zu of %zu"), match_number(m), match_total(m));
    if (buzzer(a) && match_buzzed(m) >= 0)
        snprintf(right, sizeof right, _("%s answers!"),
                 match_player_get(m, (size_t)match_buzzed(m))->name);
    else if (buzzer(a))
        snprintf(right, sizeof right, "%s", _("Buzz to answer!"));
    else {
        size_t done = 0;
        for (size_t i = 0; i < match_players(m); i++)
            done += match_has_answered(m, i);
        snprintf(right, sizeof right, _("%zu of %zu answered"), done, match_players(m));
    }
    widget_header(&a->ui, lefttext, NULL, right);
    if (limit)
        draw_countdown(a, left, limit, true);

    int x, width;
    column(a, &x, &width);
    SDL_Rect bar = bar_rect(a);
    int top = bar.y + bar.h + mg / 2;

    /* the status row at the bottom */
    int slh = ui_line_height(u, ui_min_px(u), true);
    int sh = 2 * slh + slh / 2;
    SDL_Rect status = {x, u->h - mg - sh, width, sh};
    draw_status(a, status);

    /* the prompt: what it needs, up to 30% */
    int ppx = ui_font_px(u, 0.055);
    int need = ui_text_height(u, it->prompt, width - 2 * mg, ppx, true) + mg;
    int maxh = u->h * 30 / 100, minh = ui_line_height(u, ui_min_px(u), true) * 2 + mg;
    need = need > maxh ? maxh : need < minh ? minh : need;
    SDL_Rect prompt = {x, top, width, need};
    ui_panel(u, prompt, t->panel, ui_px(u, 0.015));
    ui_log(u, prompt, 0, false, "prompt panel");
    SDL_Rect pb = {prompt.x + mg, prompt.y + mg / 2, prompt.w - 2 * mg, prompt.h - mg};
    ui_text_fit(u, it->prompt, pb, ppx, ui_min_px(u), true, t->text, UI_CENTER, true);
    top += need + mg / 2;

    SDL_Rect area = {x, top, width, status.y - mg / 2 - top};
    SDL_Rect rects[ITEM_MAX_CHOICES];
    int cpx;
    int n = widget_choice_rects(&a->ui, it, area, rects, &cpx);
    for (int i = 0; i < n; i++)
        widget_choice(&a->ui, rects[i], i, it->choices[i], CHOICE_PLAIN, cpx);
}

/* Where the parts of a scoreboard row r start: the team's name, its choice,
 * its points for the question (points_w wide) and its total. */
typedef struct columns {
    int name, choice, points, points_w, total;
} columns;

static columns score_columns(SDL_Rect r, int badge, int pad)
{
    columns c;
    c.name = r.x + pad * 2 + badge;
    c.choice = r.x + r.w * 40 / 100;
    c.points = r.x + r.w * 72 / 100;
    c.points_w = r.w * 12 / 100;
    c.total = c.points + c.points_w + pad;
    return c;
}

static void draw_reveal(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->event.mt;
    const item *it = match_current(m);
    int mg = ui_px(u, 0.03);
    char lefttext[64];
    snprintf(lefttext, sizeof lefttext, _("Question %zu of %zu"), match_number(m), match_total(m));
    widget_header(&a->ui, lefttext, NULL, _("Scoreboard"));
    int top = header_bottom(a);
    int x, width;
    column(a, &x, &width);
    int hint_y = widget_hint(&a->ui, match_number(m) >= match_total(m)
                                      ? _("Enter: the final scores")
                                      : a->cfg.feedback_seconds > 0
                                            ? _("Enter: next question (or wait)")
                                            : _("Enter: next question"));
    int n = (int)match_players(m);
    int gap = mg / 3;
    int lpx = ui_min_px(u);
    int llh = ui_line_height(u, lpx, true);
    int hlh = ui_line_height(u, lpx, false);
    int cpx = ui_font_px(u, 0.045);
    int rowh = ui_line_height(u, cpx, false) + mg;
    if (rowh < ui_px(u, 0.1))
        rowh = ui_px(u, 0.1);

    /* the question, small: up to three lines, as long as each team keeps a
     * row of the smallest text at least */
    int below = gap + rowh + mg / 2 + hlh + gap + n * llh + gap * (n - 1);
    int ph = ui_text_height(u, it->prompt, width, lpx, true);
    if (ph > 3 * llh)
        ph = 3 * llh;
    while (ph > llh && top + ph + below > hint_y - mg / 2)
        ph -= llh;
    if (ph < llh)
        ph = llh;
    SDL_Rect pb = {x, top, width, ph};
    ui_text_fit(u, it->prompt, pb, lpx, lpx, true, t->dim, UI_CENTER, true);
    top += pb.h + gap;

    /* its right answer */
    widget_choice(&a->ui, (SDL_Rect){x, top, width, rowh}, (int)it->answer,
                    it->choices[it->answer], CHOICE_RIGHT, cpx);
    top += rowh + mg / 2;

    /* the scoreboard, best first: team, its choice, its points, its score */
    size_t order[MATCH_MAX_PLAYERS];
    match_ranking(m, order);
    int tpx = ui_font_px(u, 0.045);
    int tlh = ui_line_height(u, tpx, true);
    int th = (hint_y - mg / 2 - top - hlh - gap - gap * (n - 1)) / n;
    int maxh = tlh + mg;
    if (maxh < ui_px(u, 0.09))
        maxh = ui_px(u, 0.09);
    if (th > maxh)
        th = maxh;
    if (th < tlh) { /* a very small screen: the smallest text */
        tpx = ui_min_px(u);
        tlh = ui_line_height(u, tpx, true);
    }
    int badge = th * 75 / 100;
    int pad = mg / 2;

    /* the columns' names */
    columns c = score_columns((SDL_Rect){x, top, width, th}, badge, pad);
    ui_text_fit(u, _("Team"), (SDL_Rect){c.name, top, c.choice - c.name - pad, hlh}, lpx, lpx, false,
                t->dim, UI_LEFT, false);
    ui_text_fit(u, _("Answer"), (SDL_Rect){c.choice, top, c.points - c.choice - pad, hlh}, lpx, lpx,
                false, t->dim, UI_LEFT, false);
    ui_text_fit(u, _("Points"), (SDL_Rect){c.points, top, c.points_w, hlh}, lpx, lpx, false, t->dim,
                UI_RIGHT, false);
    ui_text_fit(u, _("Total"), (SDL_Rect){c.total, top, x + width - pad - c.total, hlh}, lpx, lpx,
                false, t->dim, UI_RIGHT, false);
    top += hlh + gap;

    for (int k = 0; k < n; k++) {
        int i = (int)order[k];
        const match_player *p = match_player_get(m, (size_t)i);
        SDL_Rect r = {x, top + k * (th + gap), width, th};
        ui_panel(u, r, t->panel, r.h / 6);
        ui_log(u, r, 0, false, "score row");
        widget_team_badge(&a->ui, i, r.x + pad + badge / 2, r.y + r.h / 2, badge);
        int ty = r.y + (r.h - tlh) / 2;
        c = score_columns(r, badge, pad);
        SDL_Rect nb = {c.name, ty, c.choice - c.name - pad, tlh};
        /* names and numbers shrink to fit (large print) before they are cut */
        ui_text_fit(u, p->name, nb, tpx, lpx, true, t->text, UI_LEFT, true);
        round_answer_info res;
        bool has = match_result(m, (size_t)i, &res);
        char pts[32];
        if (has && res.chosen >= 0) {
            widget_badge(&a->ui, res.chosen, c.choice + badge / 2, r.y + r.h / 2, badge, !res.correct);
            int mk = tlh;
            int mx = c.choice + badge + pad + mk / 2;
            if (res.correct)
                ui_check_mark(u, mx, r.y + r.h / 2, mk, t->good);
            else
                ui_cross_mark(u, mx, r.y + r.h / 2, mk, t->bad);
        } else {
            SDL_Rect cb = {c.choice, ty, c.points - c.choice - pad, tlh};
            ui_text_fit(u, has ? _("no answer") : buzzer(a) ? _("no buzz") : "-", cb, tpx, tpx, false,
                        t->dim, UI_LEFT, false);
        }
        if (has)
            snprintf(pts, sizeof pts, "%+d", res.points);
        else
            snprintf(pts, sizeof pts, "0");
        SDL_Rect ptb = {c.points, ty, c.points_w, tlh};
        ui_text_fit(u, pts, ptb, tpx, lpx, false, has && res.points > 0 ? t->good : t->dim,
                    UI_RIGHT, true);
        char total[32];
        snprintf(total, sizeof total, "%d", p->score);
        SDL_Rect sb = {c.total, ty, r.x + r.w - pad - c.total, tlh};
        ui_text_fit(u, total, sb, tpx, lpx, true, t->text, UI_RIGHT, true);
    }
}

static void draw(app *a)
{
    match_phase ph = match_get_phase(a->event.mt);
    if (ph == MATCH_REVEAL)
        draw_reveal(a);
    else if (ph != MATCH_DONE)
        draw_question(a);
}

const screen screen_match = {.name = "match", .enter = enter, .action = on_action, .tick = tick, .draw = draw, .draw_part = draw_part, .state_size = sizeof(match_state)};
