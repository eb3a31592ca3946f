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
 * phase's clock (a->q_start; a pause moves it on, see app_pop()). */
#include <stdio.h>
#include <string.h>

#include "app.h"

#define INPUT_GRACE_MS 400 /* a double press does not skip the reveal */
#define FRAME_MS 100       /* whole-frame redraws for the countdown, at most 10 a second */

/* What the clock and the picture were made for. */
static match_phase seen_phase;
static size_t seen_number;
static int seen_buzzed;
static size_t seen_events;
static int shown_fill = -1, shown_second = -1, bar_w = 1;

static void restart_clock(app *a, uint32_t now)
{
    a->q_start = now;
    seen_phase = match_get_phase(a->mt);
    seen_number = match_number(a->mt);
    seen_buzzed = match_buzzed(a->mt);
    shown_fill = shown_second = -1;
    a->dirty = true;
}

/* After anything that may have changed the match: saves new events,
 * restarts the clock on a new phase, leaves when the match is over.
 * Returns false when the screen changed. */
static bool sync(app *a, uint32_t now, bool force)
{
    size_t n;
    match_events(a->mt, &n);
    if (n != seen_events) {
        seen_events = n;
        app_save_results(a);
        a->dirty = true;
    }
    if (match_get_phase(a->mt) == MATCH_DONE) {
        app_finish_match(a);
        return false;
    }
    if (force || match_get_phase(a->mt) != seen_phase || match_number(a->mt) != seen_number ||
        match_buzzed(a->mt) != seen_buzzed) {
        if (match_get_phase(a->mt) != seen_phase || match_number(a->mt) != seen_number)
            ui_text_flush(&a->ui);
        restart_clock(a, now);
    }
    return true;
}

static void enter(app *a)
{
    a->selected = -1;
    seen_events = 0;
    restart_clock(a, SDL_GetTicks());
    sync(a, SDL_GetTicks(), true);
}

static bool buzzer(const app *a)
{
    return a->mode == MODE_BUZZER;
}

/* The current phase's time in ms, 0 when it has none. */
static uint32_t phase_limit(const app *a)
{
    switch (match_get_phase(a->mt)) {
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

static void host(app *a, const action *act, uint32_t now)
{
    match *m = a->mt;
    switch (act->ch) {
    case 'S': match_skip(m); break;
    case 'R': match_replay(m); break;
    case 'E': match_end(m); break;
    case 'P': app_push(a, &screen_pause); return;
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
    match *m = a->mt;
    if (act->kind == ACT_HOST) {
        host(a, act, now);
        return;
    }
    if (act->kind == ACT_PAUSE && act->device == 0) {
        app_push(a, &screen_pause); /* Esc: the host's */
        return;
    }
    match_phase ph = match_get_phase(m);
    if (ph == MATCH_REVEAL) {
        if (now - a->screen_since < INPUT_GRACE_MS || now - a->q_start < INPUT_GRACE_MS)
            return;
        bool enter_key = act->kind == ACT_CONFIRM && act->device == 0 && act->zone < 0;
        bool start = act->kind == ACT_PAUSE && act->device >= 2;
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
        if (choice >= 0 && match_answer(m, (size_t)team, choice, ms) == 0)
            a->dirty = true;
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
    if (!sync(a, now, false))
        return 0;
    uint32_t limit = phase_limit(a);
    if (limit == 0)
        return -1;
    uint32_t used = phase_used(a, now);
    if (used >= limit) {
        if (match_get_phase(a->mt) == MATCH_REVEAL)
            match_next(a->mt);
        else
            match_timeout(a->mt);
        sync(a, now, true);
        return 0;
    }
    if (match_get_phase(a->mt) == MATCH_REVEAL)
        return (int)(limit - used);
    /* redraw when the bar's fill moves a pixel or the second changes */
    uint32_t left = limit - used;
    int second = (int)((left + 999) / 1000);
    int fill = (int)((int64_t)bar_w * left / limit);
    if (second != shown_second || fill != shown_fill)
        a->dirty = true;
    int step = (int)(limit / (uint32_t)(bar_w > 0 ? bar_w : 1));
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

/* The status row: each team's badge, name and state. */
static void draw_status(app *a, SDL_Rect area)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->mt;
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
            ui_frame(u, r, app_team_color(a, i), ui_px(u, 0.006) * (buzzing ? 2 : 1), r.h / 6);
        ui_log(u, r, 0, false, "team status");
        int badge = r.h * 70 / 100;
        int pad = r.h / 8;
        app_draw_team_badge(a, i, r.x + pad + badge / 2, r.y + r.h / 2, badge);
        int mark = (done || locked) ? lh : 0;
        if (done)
            ui_check_mark(u, r.x + r.w - pad - mark / 2, r.y + r.h / 2, mark, t->good);
        else if (locked)
            ui_cross_mark(u, r.x + r.w - pad - mark / 2, r.y + r.h / 2, mark, t->bad);
        int tx = r.x + pad * 2 + badge;
        int tw = r.x + r.w - pad - (mark ? mark + pad : 0) - tx;
        if (tw < px)
            continue;
        const char *state = buzzing ? "answers!"
                            : locked ? "locked out"
                            : done   ? "answered"
                            : buzzer(a) ? "may buzz"
                                        : "thinking";
        int ty = r.y + (r.h - 2 * lh) / 2;
        ui_text_fit(u, match_player_get(m, (size_t)i)->name, (SDL_Rect){tx, ty, tw, lh}, px, px,
                    true, t->text, UI_LEFT, false);
        ui_text_fit(u, state, (SDL_Rect){tx, ty + lh, tw, lh}, px, px, false,
                    buzzing ? t->warn : t->dim, UI_LEFT, false);
    }
}

static void draw_question(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->mt;
    const gen_item *it = match_current(m);
    int mg = ui_px(u, 0.03);
    uint32_t now = SDL_GetTicks();
    uint32_t limit = phase_limit(a);
    uint32_t used = phase_used(a, now);
    uint32_t left = limit && used < limit ? limit - used : 0;

    char lefttext[64], centre[32], right[80];
    snprintf(lefttext, sizeof lefttext, "Question %zu of %zu", match_number(m), match_total(m));
    centre[0] = '\0';
    if (limit) {
        shown_second = (int)((left + 999) / 1000);
        snprintf(centre, sizeof centre, "%d s", shown_second);
    }
    if (buzzer(a) && match_buzzed(m) >= 0)
        snprintf(right, sizeof right, "%s answers!",
                 match_player_get(m, (size_t)match_buzzed(m))->name);
    else if (buzzer(a))
        snprintf(right, sizeof right, "Buzz to answer!");
    else {
        size_t done = 0;
        for (size_t i = 0; i < match_players(m); i++)
            done += match_has_answered(m, i);
        snprintf(right, sizeof right, "%zu of %zu answered", done, match_players(m));
    }
    app_draw_header(a, lefttext, limit ? centre : NULL, right);

    int top = header_bottom(a);
    int width = u->w - 2 * mg;
    int x = mg;
    if (width > u->h * 2) {
        x = (u->w - u->h * 2) / 2;
        width = u->h * 2;
    }
    SDL_Rect bar = {x, top, width, ui_px(u, 0.016)};
    bar_w = bar.w;
    if (limit) {
        ui_panel(u, bar, t->panel, bar.h / 2);
        SDL_Rect fill = bar;
        fill.w = (int)((int64_t)bar.w * left / limit);
        shown_fill = fill.w;
        SDL_Color c = left <= 5000 ? t->bad : left <= limit / 2 ? t->warn : t->good;
        if (match_get_phase(m) == MATCH_ANSWERING)
            c = app_team_color(a, match_buzzed(m));
        if (fill.w > 0)
            ui_panel(u, fill, c, bar.h / 2);
        ui_log(u, bar, 0, false, "timer");
    }
    top += bar.h + mg / 2;

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
    SDL_Rect rects[GEN_MAX_CHOICES];
    int cpx;
    int n = app_choice_rects(a, it, area, rects, &cpx);
    for (int i = 0; i < n; i++)
        app_draw_choice(a, rects[i], i, it->choices[i], 0, cpx);
}

static void draw_reveal(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->mt;
    const gen_item *it = match_current(m);
    int mg = ui_px(u, 0.03);
    char lefttext[64];
    snprintf(lefttext, sizeof lefttext, "Question %zu of %zu", match_number(m), match_total(m));
    app_draw_header(a, lefttext, NULL, "Scoreboard");
    int top = header_bottom(a);
    int width = u->w - 2 * mg;
    int x = mg;
    if (width > u->h * 2) {
        x = (u->w - u->h * 2) / 2;
        width = u->h * 2;
    }
    int hint_y = app_draw_hint(a, match_number(m) >= match_total(m)
                                      ? "Enter: the final scores"
                                      : a->cfg.feedback_seconds > 0
                                            ? "Enter: next question (or wait)"
                                            : "Enter: next question");

    /* the question, small, and its right answer */
    int lpx = ui_min_px(u);
    int llh = ui_line_height(u, lpx, true);
    SDL_Rect pb = {x, top, width, llh * 2};
    ui_text_fit(u, it->prompt, pb, lpx, lpx, true, t->dim, UI_CENTER, true);
    top += pb.h + mg / 3;
    int cpx = ui_font_px(u, 0.045);
    int rowh = ui_line_height(u, cpx, false) + mg;
    if (rowh < ui_px(u, 0.1))
        rowh = ui_px(u, 0.1);
    app_draw_choice(a, (SDL_Rect){x, top, width, rowh}, (int)it->answer,
                    it->choices[it->answer], 2, cpx);
    top += rowh + mg / 2;

    /* the scoreboard, best first: team, its choice, its points, its score */
    size_t order[MATCH_MAX_PLAYERS];
    match_ranking(m, order);
    int n = (int)match_players(m);
    int tpx = ui_font_px(u, 0.045);
    int tlh = ui_line_height(u, tpx, true);
    int gap = mg / 3;
    int th = (hint_y - mg / 2 - top - gap * (n - 1)) / n;
    int maxh = tlh + mg;
    if (maxh < ui_px(u, 0.09))
        maxh = ui_px(u, 0.09);
    if (th > maxh)
        th = maxh;
    if (th < tlh) { /* a very small screen: the smallest text */
        tpx = ui_min_px(u);
        tlh = ui_line_height(u, tpx, true);
    }
    for (int k = 0; k < n; k++) {
        int i = (int)order[k];
        const match_player *p = match_player_get(m, (size_t)i);
        SDL_Rect r = {x, top + k * (th + gap), width, th};
        ui_panel(u, r, t->panel, r.h / 6);
        ui_log(u, r, 0, false, "score row");
        int badge = r.h * 75 / 100;
        int pad = mg / 2;
        app_draw_team_badge(a, i, r.x + pad + badge / 2, r.y + r.h / 2, badge);
        int ty = r.y + (r.h - tlh) / 2;
        int col_name = r.x + pad * 2 + badge;
        int col_choice = r.x + r.w * 40 / 100;
        int col_points = r.x + r.w * 72 / 100;
        SDL_Rect nb = {col_name, ty, col_choice - col_name - pad, tlh};
        ui_text_fit(u, p->name, nb, tpx, tpx, true, t->text, UI_LEFT, false);
        round_answer_info res;
        bool has = match_result(m, (size_t)i, &res);
        char pts[32];
        if (has && res.chosen >= 0) {
            app_draw_badge(a, res.chosen, col_choice + badge / 2, r.y + r.h / 2, badge,
                           !res.correct);
            int mk = tlh;
            int mx = col_choice + badge + pad + mk / 2;
            if (res.correct)
                ui_check_mark(u, mx, r.y + r.h / 2, mk, t->good);
            else
                ui_cross_mark(u, mx, r.y + r.h / 2, mk, t->bad);
        } else {
            SDL_Rect cb = {col_choice, ty, col_points - col_choice - pad, tlh};
            ui_text_fit(u, has ? "no answer" : buzzer(a) ? "no buzz" : "-", cb, tpx, tpx, false,
                        t->dim, UI_LEFT, false);
        }
        if (has)
            snprintf(pts, sizeof pts, "%+d", res.points);
        else
            snprintf(pts, sizeof pts, "0");
        SDL_Rect ptb = {col_points, ty, r.w * 12 / 100, tlh};
        ui_text_fit(u, pts, ptb, tpx, tpx, false, has && res.points > 0 ? t->good : t->dim,
                    UI_RIGHT, false);
        char total[32];
        snprintf(total, sizeof total, "%d", p->score);
        int sx = col_points + r.w * 12 / 100 + pad;
        SDL_Rect sb = {sx, ty, r.x + r.w - pad - sx, tlh};
        ui_text_fit(u, total, sb, tpx, tpx, true, t->text, UI_RIGHT, false);
    }
}

static void draw(app *a)
{
    match_phase ph = match_get_phase(a->mt);
    if (ph == MATCH_REVEAL)
        draw_reveal(a);
    else if (ph != MATCH_DONE)
        draw_question(a);
}

const screen screen_match = {"match", enter, on_action, tick, draw, false, NULL};
