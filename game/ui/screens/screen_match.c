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
 *         lands in the results CSV with the answers (app_save_results()),
 *         and each but the pause (whose screen says it) shows a sign over
 *         the header for SIGN_MS ("+1000 points to Red", "Question
 *         skipped"), clear of the question and its choices. Ctrl+E asks
 *         first ("End the show now? Enter: yes, Esc: no") with the clock
 *         held while it asks.
 * teams:  each team's cell under the choices reminds it of its keys: the
 *         keys in a row and under each the badge of the choice it makes.
 * buzzer: the team that buzzed takes the cell row, big, in its colour with
 *         its emblem and its seconds; a wrong answer stays marked on its
 *         choice ("Red: wrong"), dimmed and struck through, for the others.
 *
 * Every change of the match's phase, question or buzzing team restarts the
 * phase's clock (a->q_start; a pause moves it on, see app_pop()). While the
 * countdown runs only its bar and seconds change: tick() asks for a partial
 * redraw (draw_part) when the bar's fill has moved a pixel or the second has
 * changed, at most every FRAME_MS, as screen_question.c does.
 *
 * With QUIZMILL_TRACE set, each new phase ("trace: match question N asking",
 * "answering team T", "reveal"), each hidden answer ("trace: match
 * question N answered team T"), each host's sign ("trace: match sign
 * Question skipped") and the end's question ("trace: match confirm end",
 * then "trace: match confirm no" when the host says no) are written to
 * stderr for test drivers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "hooks.h"
#include "i18n.h"
#include "widgets.h"

#define FRAME_MS 33        /* the countdown moves at most 30 times a second */
#define SIGN_MS 2200       /* a host's action stays on screen this long */

/* The screen's own state (app_screen_state()), new each time it is entered. */
typedef struct match_state {
    /* what the clock and the picture were made for */
    match_phase seen_phase;
    size_t seen_number;
    int seen_buzzed;
    size_t seen_events;
    int shown_fill, shown_second;
    /* the host's last action, shown over the header until sign_until */
    char sign[128];
    int sign_team; /* in that team's colour; -1: the theme's accent */
    uint32_t sign_until;
    bool confirm_end; /* Ctrl+E asked "End the show now?"; the clock is held */
    bool no_keys; /* the last question drawn without the teams' key reminders:
                   * with them its prompt and choices did not fit whole */
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

/* Shows the host's action over the header for SIGN_MS, in team's colour
 * (-1: the accent). */
static void show_sign(app *a, uint32_t now, int team, const char *text)
{
    match_state *st = app_screen_state(a);
    snprintf(st->sign, sizeof st->sign, "%s", text);
    st->sign_team = team;
    st->sign_until = now + SIGN_MS;
    a->dirty = true;
    hooks_trace("match sign %s", text);
}

/* Whether a sign is on screen now. */
static bool sign_on(const app *a)
{
    const match_state *st = app_screen_state(a);
    return st->sign[0] && (int32_t)(SDL_GetTicks() - st->sign_until) < 0;
}

/* Ctrl+E: asks before it ends, the clock held meanwhile (as a pause holds
 * it: a->pause_start). */
static void ask_end(app *a, uint32_t now)
{
    match_state *st = app_screen_state(a);
    if (st->confirm_end)
        return;
    st->confirm_end = true;
    if (!a->pause_start)
        a->pause_start = now ? now : 1;
    a->dirty = true;
    hooks_trace("match confirm end");
}

/* The host's answer to "End the show now?". */
static void answer_end(app *a, uint32_t now, bool yes)
{
    match_state *st = app_screen_state(a);
    st->confirm_end = false;
    if (a->pause_start) {
        a->q_start += now - a->pause_start;
        a->pause_start = 0;
    }
    a->dirty = true;
    if (yes) {
        match_end(a->event.mt);
        sync(a, now, false); /* to the podium */
        return;
    }
    hooks_trace("match confirm no");
}

static void host_points(app *a, uint32_t now, size_t team, int delta)
{
    match *m = a->event.mt;
    const char *name = match_player_get(m, team)->name;
    int done = match_points(m, team, delta);
    char text[128];
    if (done > 0)
        snprintf(text, sizeof text, ngettext("+%d point to %s", "+%d points to %s", done), done,
                 name);
    else if (done < 0)
        snprintf(text, sizeof text,
                 ngettext("%d point taken from %s", "%d points taken from %s", -done), -done,
                 name);
    else
        snprintf(text, sizeof text, _("%s has no points to take"), name);
    show_sign(a, now, (int)team, text);
}

static void host(app *a, const action *act, uint32_t now)
{
    match *m = a->event.mt;
    switch (act->ch) {
    case 'S':
        show_sign(a, now, -1, _("Question skipped"));
        match_skip(m);
        break;
    case 'R':
        show_sign(a, now, -1, _("The question again, from the start"));
        match_replay(m);
        break;
    case 'E': ask_end(a, now); return;
    case 'P': host_pause(a, now); return;
    default: {
        size_t team = (size_t)(act->ch - '1');
        if (act->ch >= '1' && act->ch <= '4' && team < match_players(m))
            host_points(a, now, team, act->n * a->cfg.base_points);
        break;
    }
    }
    sync(a, now, act->ch == 'R' || act->ch == 'S');
}

static void on_action(app *a, const action *act)
{
    uint32_t now = SDL_GetTicks();
    match *m = a->event.mt;
    match_state *st = app_screen_state(a);
    if (st->confirm_end) { /* only the host's answer counts */
        bool keyboard = act->device == INPUT_KEYBOARD && act->zone < 0;
        if (keyboard && act->kind == ACT_CONFIRM)
            answer_end(a, now, true);
        else if (keyboard && (act->kind == ACT_PAUSE || act->kind == ACT_BACK))
            answer_end(a, now, false);
        return;
    }
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

/* The sooner of two waits (-1: none). */
static int sooner(int x, int y)
{
    return x < 0 ? y : y < 0 ? x : x < y ? x : y;
}

/* The ms until the host's sign goes, -1 when none; clears it when due. */
static int sign_wait(app *a, uint32_t now)
{
    match_state *st = app_screen_state(a);
    if (!st->sign[0])
        return -1;
    if ((int32_t)(now - st->sign_until) >= 0) {
        st->sign[0] = '\0';
        a->dirty = true;
        return -1;
    }
    return (int)(st->sign_until - now);
}

/* A kiosk left alone mid-match warns, then goes back to its title. */
static int tick(app *a, uint32_t now)
{
    int idle = app_idle_check(a, now);
    if (idle == 0)
        return 0;
    int wait = tick_match(a, now);
    if (app_top(a) != &screen_match)
        return 0; /* the match ended: the podium */
    return sooner(sooner(wait, sign_wait(a, now)), idle);
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

static SDL_Rect draw_banner_seconds(app *a, uint32_t left);

/* Redraws the bar (and the seconds when they changed) over the last frame. */
static int draw_part(app *a, SDL_Rect *out, int max)
{
    match_state *st = app_screen_state(a);
    ui *u = &a->ui;
    match_phase ph = match_get_phase(a->event.mt);
    uint32_t limit;
    uint32_t left = time_left(a, &limit);
    if ((ph != MATCH_ASKING && ph != MATCH_ANSWERING) || limit == 0 || max < 3 ||
        st->confirm_end)
        return 0;
    int n = 0;
    out[n] = bar_rect(a);
    ui_fill(u, out[n++], u->theme.bg);
    bool secs = (int)((left + 999) / 1000) != st->shown_second;
    bool sign = sign_on(a);
    if (secs && !sign) {
        out[n] = widget_header_box(&a->ui, 1);
        ui_fill(u, out[n++], u->theme.bg);
    }
    draw_countdown(a, left, limit, secs && !sign);
    if (secs && sign)
        st->shown_second = (int)((left + 999) / 1000); /* under the sign */
    if (secs && ph == MATCH_ANSWERING && buzzer(a)) { /* the banner's seconds */
        out[n++] = draw_banner_seconds(a, left);
    }
    return n;
}

/* A team's cell in the row under the choices, at the smallest text (lines
 * lh high): its emblem (badge wide) beside its name (name_w wide from
 * name_x, the cell's left 0; one line, or two), then its keys. */
typedef struct cell_form {
    int lh, pad, badge, name_x, name_w, name_lines;
} cell_form;

/* The teams' cells in a row width wide: the names take two lines when one
 * does not fit one. */
static cell_form cell_form_of(app *a, int width)
{
    ui *u = &a->ui;
    match *m = a->event.mt;
    int n = (int)match_players(m);
    int px = ui_min_px(u);
    cell_form f;
    f.lh = ui_line_height(u, px, true);
    f.pad = f.lh / 4;
    int cw = (width - ui_px(u, 0.015) * (n - 1)) / (n > 0 ? n : 1);
    f.badge = f.lh; /* the emblem stays small: the name gets the width */
    f.name_x = f.pad + ui_px(u, 0.006) + f.badge + f.pad;
    f.name_w = cw - f.pad - f.name_x;
    f.name_lines = 1;
    for (int i = 0; i < n; i++)
        if (ui_text_width(u, match_player_get(m, (size_t)i)->name, px, true) > f.name_w)
            f.name_lines = 2;
    return f;
}

static bool control_keys(const app *a, int control, const char *keys[4]);

/* Whether a team has keys or buttons to remind it of (draw_keys()). */
static bool any_keys(app *a)
{
    const char *keys[4];
    for (size_t i = 0; i < match_players(a->event.mt); i++)
        if ((int)i < a->event.joined && control_keys(a, a->event.team_control[i], keys))
            return true;
    return false;
}

/* The height of the row of teams' cells under the choices: the names' one
 * or two lines, the keys and the keys' choices (when a team has any), at
 * the smallest size, and a margin. */
static int status_height(app *a, bool keys)
{
    int x, width;
    column(a, &x, &width);
    cell_form f = cell_form_of(a, width);
    return (f.name_lines + (keys && any_keys(a) ? 2 : 0)) * f.lh + f.lh / 2;
}

/* The keys or buttons of a control (app_control_of()), one label a choice
 * A..D (input.c's zones and buttons); false when it has none. */
static bool control_keys(const app *a, int control, const char *keys[4])
{
    static const char *const zones[INPUT_ZONES][4] = {
        {"Q", "W", "E", "R"},
        {"U", "I", "O", "P"},
        {"\xE2\x86\x90", "\xE2\x86\x91", "\xE2\x86\x93", "\xE2\x86\x92"},
        {"1", "2", "3", "4"}};
    static const char *const pad[4] = {"A", "B", "X", "Y"};
    static const char *const stick[4] = {"1", "2", "3", "4"};
    const char *const *k = NULL;
    if (control >= APP_ZONE_CONTROL(0) && control < APP_ZONE_CONTROL(INPUT_ZONES))
        k = zones[control - APP_ZONE_CONTROL(0)];
    else if (control >= INPUT_HANDSET_DEVICE(0, 0))
        k = NULL; /* a handset's buttons are coloured: drawn as dots */
    else if (INPUT_IS_PAD(control) && control - INPUT_PAD_DEVICE(0) < INPUT_MAX_PADS)
        k = a->in.pads[control - INPUT_PAD_DEVICE(0)] ? pad : stick;
    else
        return false;
    for (int i = 0; i < 4; i++)
        keys[i] = k ? k[i] : NULL;
    return true;
}

/* A team's key reminder in box (two lines): its keys in a row and under
 * each the badge of the choice it makes; a Buzz! handset's buttons as dots
 * of their colours. */
static void draw_keys(app *a, int team, SDL_Rect box, int nchoices)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    const char *keys[4];
    int control = team < a->event.joined ? a->event.team_control[team] : -1;
    if (!control_keys(a, control, keys))
        return;
    int px = ui_min_px(u);
    int lh = box.h / 2;
    int n = nchoices < 4 ? nchoices : 4;
    int step = box.w / 4;
    if (step > lh * 2)
        step = lh * 2;
    /* each key and its choice's badge within its step, a gap apart; when
     * the badges' letters do not fit (large print), the keys alone, in
     * the order of the choices; when the keys do not either, nothing */
    int gap = lh / 12;
    int widest = 0, letters = 0;
    for (int c = 0; c < n; c++) {
        int w = keys[c] ? ui_text_width(u, keys[c], px, true) : lh * 6 / 10;
        widest = w > widest ? w : widest;
        char letter[2] = {(char)('A' + c), 0};
        w = ui_text_width(u, letter, px, true);
        letters = w > letters ? w : letters;
    }
    if (widest + gap > step)
        return;
    int bsize = lh * 85 / 100;
    if (bsize > step - gap)
        bsize = step - gap;
    bool badges = letters + gap <= step && letters <= bsize;
    static const SDL_Color handset[4] = {
        {0, 90, 230, 255}, {255, 128, 0, 255}, {0, 170, 60, 255}, {250, 220, 0, 255}};
    for (int c = 0; c < n; c++) {
        int cx = box.x + step * c + step / 2;
        if (keys[c])
            ui_text(u, keys[c], px, true, t->text, cx, box.y + (lh - ui_line_height(u, px, true)) / 2,
                    UI_CENTER);
        else
            ui_draw_shape(u, SHAPE_CIRCLE, cx, box.y + lh / 2, lh * 6 / 10, handset[c]);
        if (badges)
            widget_badge(u, c, cx, box.y + lh + lh / 2, bsize, false);
    }
    ui_log(u, (SDL_Rect){box.x, box.y, step * n, box.h}, 0, false, "team keys");
}

/* The status row: each team's emblem (a check mark on it when the team has
 * answered, a cross when locked out), its name and its keys with the
 * choices they make. The header says how many answered. */
static void draw_status(app *a, SDL_Rect area)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->event.mt;
    int n = (int)match_players(m);
    int gap = ui_px(u, 0.015);
    int cw = (area.w - gap * (n - 1)) / n;
    int px = ui_min_px(u);
    cell_form f = cell_form_of(a, area.w);
    int lh = f.lh;
    const item *it = match_current(m);
    for (int i = 0; i < n; i++) {
        SDL_Rect r = {area.x + i * (cw + gap), area.y, cw, area.h};
        bool locked = buzzer(a) && match_locked(m, (size_t)i);
        bool done = !buzzer(a) && match_has_answered(m, (size_t)i);
        ui_panel(u, r, done ? t->panel_hi : t->panel, r.h / 8);
        if (done)
            ui_frame(u, r, widget_team_color(i), ui_px(u, 0.006), r.h / 8);
        ui_log(u, r, 0, false, "team status");
        int pad = f.pad;
        int badge = f.badge; /* beside the name, above the keys */
        int top = r.y + pad;
        int bx = r.x + pad + ui_px(u, 0.006), by = top + f.name_lines * lh / 2;
        widget_team_badge(&a->ui, i, bx + badge / 2, by, badge);
        if (done)
            ui_check_mark(u, bx + badge / 2, by, badge * 8 / 10, widget_team_ink(i));
        else if (locked)
            ui_cross_mark(u, bx + badge / 2, by, badge, widget_team_ink(i));
        /* the name on one line, or two when one team's needs them; cut
         * only when two are too few (the scoreboard and the podium show
         * it whole) */
        SDL_Rect nb = {r.x + f.name_x, top, f.name_w, f.name_lines * lh};
        if (nb.w >= px)
            ui_text_fit(u, match_player_get(m, (size_t)i)->name, nb, px, px, true,
                        locked ? t->dim : t->text, UI_LEFT, true);
        SDL_Rect keys = {bx, top + f.name_lines * lh + pad / 2, r.x + r.w - pad - bx, 2 * lh};
        if (keys.y + keys.h <= r.y + r.h && it)
            draw_keys(a, i, keys, (int)it->nchoices);
    }
}

/* The ms left of the current phase as the banner shows it ("12 s"). */
static void seconds_text(uint32_t left, char *out, size_t size)
{
    int secs = (int)((left + 999) / 1000);
    snprintf(out, size, ngettext("%d second", "%d seconds", secs), secs);
}

/* Where the buzzing team's seconds stand in the banner over area. */
static SDL_Rect banner_seconds_box(app *a, SDL_Rect area)
{
    (void)a;
    int w = area.w * 24 / 100;
    int pad = area.h / 6;
    return (SDL_Rect){area.x + area.w - pad - w, area.y + pad, w, area.h - 2 * pad};
}

/* buzzer: the team that buzzed, across the screen in its colour: its
 * emblem, "Red answers!" and its seconds. */
static void draw_banner(app *a, SDL_Rect area, uint32_t left)
{
    ui *u = &a->ui;
    int team = match_buzzed(a->event.mt);
    SDL_Color c = widget_team_color(team), ink = widget_team_ink(team);
    ui_panel(u, area, c, area.h / 6);
    ui_log(u, area, 0, false, "buzz banner");
    int pad = area.h / 6;
    int badge = area.h - 2 * pad;
    /* the emblem on a disc of the ink, so a yellow one stands out of yellow */
    ui_draw_shape(u, SHAPE_CIRCLE, area.x + pad + badge / 2, area.y + area.h / 2, badge, ink);
    widget_team_badge(u, team, area.x + pad + badge / 2, area.y + area.h / 2, badge * 75 / 100);
    SDL_Rect secs = banner_seconds_box(a, area);
    int tx = area.x + 2 * pad + badge;
    SDL_Rect tb = {tx, area.y + pad / 2, secs.x - pad - tx, area.h - pad};
    char text[96];
    snprintf(text, sizeof text, _("%s answers!"), match_player_get(a->event.mt, (size_t)team)->name);
    ui_text_fit(u, text, tb, ui_font_px(u, 0.06), ui_min_px(u), true, ink, UI_LEFT, true);
    char st[48];
    seconds_text(left, st, sizeof st);
    ui_text_fit(u, st, secs, ui_font_px(u, 0.05), ui_min_px(u), true, ink, UI_RIGHT, true);
}

/* The row under the choices, with the teams' key reminders unless the
 * last question drawn left them out (match_state's no_keys). */
static SDL_Rect status_rect_keys(app *a, bool keys)
{
    ui *u = &a->ui;
    int x, width;
    column(a, &x, &width);
    int sh = status_height(a, keys);
    return (SDL_Rect){x, u->h - ui_px(u, 0.03) - sh, width, sh};
}

static SDL_Rect status_rect(app *a)
{
    const match_state *st = app_screen_state(a);
    return status_rect_keys(a, !st->no_keys);
}

/* Redraws the banner's seconds (draw_part); returns where. */
static SDL_Rect draw_banner_seconds(app *a, uint32_t left)
{
    ui *u = &a->ui;
    int team = match_buzzed(a->event.mt);
    SDL_Rect box = banner_seconds_box(a, status_rect(a));
    ui_fill(u, box, widget_team_color(team));
    char st[48];
    seconds_text(left, st, sizeof st);
    ui_text_fit(u, st, box, ui_font_px(u, 0.05), ui_min_px(u), true, widget_team_ink(team),
                UI_RIGHT, true);
    return box;
}

/* buzzer: a wrong answer's pill, "Red: wrong" with the team's emblem
 * crossed out, at the smallest size: its label and width. A label wider
 * than cap is "Wrong" (the emblem and colour say whose). */
static int wrong_pill(app *a, int team, int cap, char *text, size_t size)
{
    ui *u = &a->ui;
    int px = ui_min_px(u);
    int lh = ui_line_height(u, px, true);
    int pad = lh / 3;
    snprintf(text, size, _("%s: wrong"), match_player_get(a->event.mt, (size_t)team)->name);
    int w = ui_text_width(u, text, px, true) + lh + 3 * pad;
    if (w > cap) {
        snprintf(text, size, "%s", _("Wrong"));
        w = ui_text_width(u, text, px, true) + lh + 3 * pad;
    }
    return w;
}

/* buzzer: the room each choice tile keeps at its right end for the wrong
 * answers' pills, from the first question on (the choices do not move when
 * one is marked): the widest pill, at most a quarter of the area's width. */
static int wrong_room(app *a, int area_w)
{
    if (!buzzer(a))
        return 0;
    char text[96];
    int room = 0;
    for (size_t p = 0; p < match_players(a->event.mt); p++) {
        int w = wrong_pill(a, (int)p, area_w / 4, text, sizeof text);
        room = w > room ? w : room;
    }
    return room;
}

/* buzzer: each wrong answer of this question stays on its choice for the
 * others: the choice dimmed, its text struck through, and in the room its
 * tile keeps free (free[c]) "Red: wrong" in the team's colour, one pill
 * under another; when they do not fit there, one pill of the teams'
 * crossed-out emblems. */
static void draw_wrong_marks(app *a, const SDL_Rect *rects, const SDL_Rect *free_box, int n)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    match *m = a->event.mt;
    if (!buzzer(a))
        return;
    int px = ui_min_px(u);
    int lh = ui_line_height(u, px, true);
    int pad = lh / 3;
    int ph = lh + pad, gap = pad / 2;
    for (int c = 0; c < n; c++) {
        int teams[MATCH_MAX_PLAYERS], k = 0;
        for (size_t p = 0; p < match_players(m); p++) {
            round_answer_info r;
            if (match_locked(m, p) && match_result(m, p, &r) && r.chosen == c && !r.correct)
                teams[k++] = (int)p;
        }
        if (k == 0)
            continue;
        SDL_Rect tile = rects[c], fb = free_box[c];
        SDL_Color veil = t->bg;
        veil.a = 170;
        ui_panel(u, tile, veil, tile.h / 6);
        int sx = tile.x + tile.h / 4;
        SDL_Rect strike = {sx, tile.y + tile.h / 2 - ui_px(u, 0.004), fb.x - pad - sx,
                           ui_px(u, 0.008)};
        ui_fill(u, strike, t->bad);
        /* the pills may take the tile's face, above and below its text */
        int face_y = tile.y + 1, face_h = fb.h + 2 * (fb.y - tile.y) - 2;
        int each = (face_h - (k - 1) * gap) / k;
        if (each >= lh) { /* a pill each, one under another */
            if (ph > each)
                ph = each;
            int y = face_y + (face_h - k * ph - (k - 1) * gap) / 2;
            for (int j = 0; j < k; j++, y += ph + gap) {
                int team = teams[j];
                char text[96];
                int w = wrong_pill(a, team, fb.w, text, sizeof text);
                if (w > fb.w)
                    w = fb.w;
                SDL_Rect pill = {fb.x + fb.w - w, y, w, ph};
                ui_panel(u, pill, widget_team_color(team), pill.h / 2);
                int ex = pill.x + pad + lh / 2, ey = pill.y + pill.h / 2;
                widget_team_badge(u, team, ex, ey, lh * 8 / 10);
                ui_cross_mark(u, ex, ey, lh * 8 / 10, widget_team_ink(team));
                SDL_Rect tb = {pill.x + lh + 2 * pad, pill.y + (pill.h - lh) / 2,
                               pill.w - lh - 3 * pad, lh};
                ui_text_fit(u, text, tb, px, px, true, widget_team_ink(team), UI_LEFT, false);
            }
            continue;
        }
        /* too many for the tile's height: their emblems in one pill */
        int w = k * (lh + pad) + pad;
        if (w > fb.w)
            w = fb.w;
        if (ph > face_h)
            ph = face_h;
        SDL_Rect pill = {fb.x + fb.w - w, face_y + (face_h - ph) / 2, w, ph};
        ui_panel(u, pill, t->bad, pill.h / 2);
        for (int j = 0; j < k; j++) {
            int ex = pill.x + pad + lh / 2 + j * (lh + pad), ey = pill.y + pill.h / 2;
            widget_team_badge(u, teams[j], ex, ey, lh * 8 / 10);
            ui_cross_mark(u, ex, ey, lh * 8 / 10, widget_team_ink(teams[j]));
        }
    }
}

/* The host's sign over the header: in the team's colour for points, the
 * accent for the rest. */
static void draw_sign(app *a)
{
    match_state *st = app_screen_state(a);
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int mg = ui_px(u, 0.03);
    int lh = ui_line_height(u, ui_font_px(u, 0.042), true);
    SDL_Rect r = {mg, mg / 3, u->w - 2 * mg, lh + mg * 2 / 3};
    SDL_Color bg = st->sign_team >= 0 ? widget_team_color(st->sign_team) : t->accent;
    SDL_Color ink = st->sign_team >= 0 ? widget_team_ink(st->sign_team) : t->on_badge;
    ui_panel(u, r, bg, r.h / 2);
    ui_log(u, r, 0, false, "host sign");
    int pad = r.h / 6;
    int tx = r.x + r.h;
    if (st->sign_team >= 0) {
        int e = r.h - 2 * pad;
        ui_draw_shape(u, SHAPE_CIRCLE, r.x + r.h / 2, r.y + r.h / 2, e, ink);
        widget_team_badge(u, st->sign_team, r.x + r.h / 2, r.y + r.h / 2, e * 75 / 100);
    }
    SDL_Rect tb = {tx, r.y + pad / 2, r.w - 2 * r.h, r.h - pad};
    ui_text_fit(u, st->sign, tb, ui_font_px(u, 0.042), ui_min_px(u), true, ink, UI_CENTER, true);
}

static void draw_question(app *a)
{
    ui *u = &a->ui;
    match *m = a->event.mt;
    const item *it = match_current(m);
    int mg = ui_px(u, 0.03);
    uint32_t limit;
    uint32_t left = time_left(a, &limit);

    char lefttext[64], right[80];
    snprintf(lefttext, sizeof lefttext, _("Question %zu of %zu"), match_number(m), match_total(m));
    if (buzzer(a) && match_buzzed(m) >= 0)
        right[0] = '\0'; /* the banner says who, big */
    else if (buzzer(a))
        snprintf(right, sizeof right, "%s", _("Buzz to answer!"));
    else {
        size_t done = 0;
        for (size_t i = 0; i < match_players(m); i++)
            done += match_has_answered(m, i);
        snprintf(right, sizeof right, _("%zu of %zu answered"), done, match_players(m));
    }
    bool sign = sign_on(a);
    if (!sign)
        widget_header(&a->ui, lefttext, NULL, right);
    if (limit)
        draw_countdown(a, left, limit, !sign);

    int x, width;
    column(a, &x, &width);
    SDL_Rect bar = bar_rect(a);
    int top = bar.y + bar.h + mg / 2;

    /* the prompt and the choices share what the teams' row at the bottom
     * leaves, all whole; when they do not fit (large print), the row
     * leaves out the key reminders for them */
    match_state *st = app_screen_state(a);
    int room = wrong_room(a, width); /* buzzer: the wrong answers' marks */
    choice_layout l;
    SDL_Rect status;
    for (int keys = 1; keys >= 0; keys--) {
        status = status_rect_keys(a, keys);
        SDL_Rect area = {x, top, width, status.y - mg / 2 - top};
        widget_choice_layout_room(u, it->prompt, (const char *const *)it->choices,
                                  (int)it->nchoices, area, room, CHOICE_FILL, &l);
        st->no_keys = !keys;
        if (l.fits || !any_keys(a))
            break;
    }

    /* the teams' row at the bottom, or the team that buzzed */
    if (buzzer(a) && match_get_phase(m) == MATCH_ANSWERING && match_buzzed(m) >= 0)
        draw_banner(a, status, left);
    else
        draw_status(a, status);
    widget_prompt(u, it->prompt, &l);
    SDL_Rect free_box[ITEM_MAX_CHOICES];
    for (int i = 0; i < l.n; i++)
        free_box[i] = widget_choice_room(u, l.tiles[i], i, it->choices[i], CHOICE_PLAIN, l.px,
                                         l.bold, room);
    draw_wrong_marks(a, l.tiles, free_box, l.n);
}

/* Where the parts of a scoreboard row start and how wide they are: the
 * team's place, emblem and name, its choice and that question's points,
 * the points of all its answers, the host's points, and its total (which
 * is those two added). Each number's column is as wide as its widest
 * number at npx, or its heading, measured: a number is never cut; the name
 * takes what they leave. */
typedef struct columns {
    int place, badge, name, choice, choice_w;
    int earned, earned_w, host, host_w, total, total_w;
    int npx;       /* the numbers' size */
    bool show_pts; /* that question's points beside the choice (else only in Answers) */
} columns;

static int wider(int x, int y)
{
    return x > y ? x : y;
}

/* A team's three numbers as the scoreboard writes them: its answers'
 * points, the host's and its total. */
static void score_texts(const match_player *p, char out[3][32])
{
    snprintf(out[0], 32, "%d", p->earned);
    if (p->awarded)
        snprintf(out[1], 32, "%+d", p->awarded);
    else
        snprintf(out[1], 32, "0");
    snprintf(out[2], 32, "%d", p->score);
}

/* The widest number of column which (0 answers, 1 host, 2 total) at px,
 * at least that of four digits, so that the columns stay put while scores
 * grow. */
static int number_width(app *a, int which, int px, bool bold)
{
    ui *u = &a->ui;
    match *m = a->event.mt;
    int w = ui_text_width(u, "0000", px, bold);
    for (size_t i = 0; i < match_players(m); i++) {
        char t[3][32];
        score_texts(match_player_get(m, i), t);
        w = wider(w, ui_text_width(u, t[which], px, bold));
    }
    return w;
}

/* What the scoreboard says of a team without a choice. */
static const char *no_choice(const app *a, bool has)
{
    return has ? _("no answer") : buzzer(a) ? _("no buzz") : "-";
}

/* The columns of a scoreboard x..x+w whose rows' text is tpx (lines tlh
 * high) with emblems badge wide: the numbers at tpx, smaller down to the
 * smallest size while the name would get less than a short name's room. */
static columns score_columns(app *a, int x, int w, int badge, int pad, int tpx, int tlh)
{
    ui *u = &a->ui;
    match *m = a->event.mt;
    int lpx = ui_min_px(u);
    columns c;
    c.place = x + pad;
    c.badge = x + wider(w * 6 / 100, pad + ui_text_width(u, "4", tpx, true) + pad / 2);
    c.name = c.badge + badge + pad;
    /* this question: the choice's badge, a check or a cross and the
     * points, or why there is none; without the points (they are in the
     * Answers) when the name would get too little room */
    int least_name = ui_text_width(u, "MMMMMMMM", lpx, true);
    for (int pass = 0; pass < 2; pass++) {
        c.show_pts = pass == 0;
        int cw = ui_text_width(u, _("This question"), lpx, false);
        for (size_t i = 0; i < match_players(m); i++) {
            round_answer_info res;
            bool has = match_result(m, i, &res);
            int need = ui_text_width(u, no_choice(a, has), lpx, false);
            if (has && res.chosen >= 0) {
                need = badge + pad + tlh + pad;
                if (res.points != 0 && c.show_pts) {
                    char pts[32];
                    snprintf(pts, sizeof pts, "%+d", res.points);
                    need += ui_text_width(u, pts, lpx, false);
                }
            }
            cw = wider(cw, need);
        }
        c.choice_w = cw;
        for (c.npx = tpx;;) {
            c.total_w =
                wider(ui_text_width(u, _("Total"), lpx, false), number_width(a, 2, c.npx, true));
            c.host_w =
                wider(ui_text_width(u, _("Host"), lpx, false), number_width(a, 1, c.npx, false));
            c.earned_w = wider(ui_text_width(u, _("Answers"), lpx, false),
                               number_width(a, 0, c.npx, false));
            c.total = x + w - pad - c.total_w;
            c.host = c.total - pad - c.host_w;
            c.earned = c.host - pad - c.earned_w;
            c.choice = c.earned - pad - c.choice_w;
            if (c.choice - pad - c.name >= least_name || c.npx <= lpx)
                break;
            int step = (c.npx - lpx) / 4;
            c.npx -= step < 1 ? 1 : step;
        }
        if (c.choice - pad - c.name >= least_name)
            break;
    }
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
    if (!sign_on(a))
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
    int ring = ui_px(u, 0.012); /* the right answer's ring, above it */
    /* the scoreboard keeps its heading and a row of the smallest text for
     * each team; the question and its right answer share the rest */
    int board = hlh + gap + n * llh + (n - 1) * gap;
    int room = hint_y - mg / 2 - top - gap - ring - mg / 2 - board;

    /* the right answer's tile holds its text whole, bold and large while
     * that takes at most a quarter of the screen and leaves the question
     * a line, smaller and regular when it must */
    int cpx = ui_font_px(u, 0.045);
    bool cbold = true;
    const char *key = it->choices[it->answer];
    int rowh = widget_choice_height(u, key, width, cpx, cbold, true);
    while ((rowh > u->h / 4 || rowh > room - llh) && (cbold || cpx > lpx)) {
        if (!cbold)
            cpx = cpx * 9 / 10 > lpx ? cpx * 9 / 10 : lpx;
        cbold = !cbold;
        rowh = widget_choice_height(u, key, width, cpx, cbold, true);
    }
    if (rowh > room - llh && room - llh > llh)
        rowh = room - llh; /* not even at the smallest size: it is cut */

    /* the question, small, whole while it fits what is left */
    int ph = ui_text_height(u, it->prompt, width, lpx, true);
    while (ph > llh && ph > room - rowh)
        ph -= llh;
    SDL_Rect pb = {x, top, width, ph};
    ui_text_fit(u, it->prompt, pb, lpx, lpx, true, t->dim, UI_CENTER, true);
    top += pb.h + gap + ring;

    /* its right answer */
    widget_choice(&a->ui, (SDL_Rect){x, top, width, rowh}, (int)it->answer, key, CHOICE_RIGHT,
                  cpx, cbold);
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
        tpx = lpx;
        tlh = llh;
    }
    int badge = th * 75 / 100;
    int pad = mg / 2;

    /* the columns' names; Answers + Host = Total */
    columns c = score_columns(a, x, width, badge, pad, tpx, tlh);
    ui_text_fit(u, _("Team"), (SDL_Rect){c.badge, top, c.choice - c.badge - pad, hlh}, lpx, lpx,
                false, t->dim, UI_LEFT, false);
    ui_text_fit(u, _("This question"), (SDL_Rect){c.choice, top, c.choice_w, hlh}, lpx, lpx,
                false, t->dim, UI_LEFT, false);
    ui_text_fit(u, _("Answers"), (SDL_Rect){c.earned, top, c.earned_w, hlh}, lpx, lpx, false,
                t->dim, UI_RIGHT, false);
    ui_text_fit(u, _("Host"), (SDL_Rect){c.host, top, c.host_w, hlh}, lpx, lpx, false, t->dim,
                UI_RIGHT, false);
    ui_text_fit(u, _("Total"), (SDL_Rect){c.total, top, c.total_w, hlh}, lpx, lpx, false, t->dim,
                UI_RIGHT, false);
    top += hlh + gap;

    for (int k = 0; k < n; k++) {
        int i = (int)order[k];
        const match_player *p = match_player_get(m, (size_t)i);
        SDL_Rect r = {x, top + k * (th + gap), width, th};
        ui_panel(u, r, t->panel, r.h / 6);
        ui_log(u, r, 0, false, "score row");
        int ty = r.y + (r.h - tlh) / 2;
        /* the place: equal totals share it */
        char place[16];
        snprintf(place, sizeof place, "%d", match_place(m, (size_t)i));
        ui_text_fit(u, place, (SDL_Rect){c.place, ty, c.badge - c.place - pad / 2, tlh}, tpx, lpx,
                    true, t->text, UI_CENTER, true);
        widget_team_badge(&a->ui, i, c.badge + badge / 2, r.y + r.h / 2, badge);
        SDL_Rect nb = {c.name, r.y, c.choice - c.name - pad, r.h};
        /* a name shrinks to fit (large print), then wraps, before it is cut */
        ui_text_fit(u, p->name, nb, tpx, lpx, true, t->text, UI_LEFT, true);
        round_answer_info res;
        bool has = match_result(m, (size_t)i, &res);
        int cx = c.choice;
        if (has && res.chosen >= 0) {
            widget_badge(&a->ui, res.chosen, cx + badge / 2, r.y + r.h / 2, badge, !res.correct);
            int mk = tlh;
            int mx = cx + badge + pad + mk / 2;
            if (res.correct)
                ui_check_mark(u, mx, r.y + r.h / 2, mk, t->good);
            else
                ui_cross_mark(u, mx, r.y + r.h / 2, mk, t->bad);
            cx = mx + mk / 2 + pad;
            /* that question's points, inside the Answers column's sum */
            if (res.points != 0 && c.show_pts) {
                char pts[32];
                snprintf(pts, sizeof pts, "%+d", res.points);
                SDL_Rect ptb = {cx, ty, c.choice + c.choice_w - cx, tlh};
                ui_text_fit(u, pts, ptb, lpx, lpx, false, res.points > 0 ? t->good : t->bad,
                            UI_LEFT, true);
            }
        } else {
            SDL_Rect cb = {cx, ty, c.choice_w, tlh};
            ui_text_fit(u, no_choice(a, has), cb, lpx, lpx, false, t->dim, UI_LEFT, true);
        }
        char num[3][32];
        score_texts(p, num);
        ui_text_fit(u, num[0], (SDL_Rect){c.earned, ty, c.earned_w, tlh}, c.npx, c.npx, false,
                    t->text, UI_RIGHT, true);
        ui_text_fit(u, num[1], (SDL_Rect){c.host, ty, c.host_w, tlh}, c.npx, c.npx, false,
                    p->awarded ? t->text : t->dim, UI_RIGHT, true);
        ui_text_fit(u, num[2], (SDL_Rect){c.total, ty, c.total_w, tlh}, c.npx, c.npx, true,
                    t->text, UI_RIGHT, true);
    }
}

static void draw(app *a)
{
    match_state *st = app_screen_state(a);
    match_phase ph = match_get_phase(a->event.mt);
    if (ph == MATCH_REVEAL)
        draw_reveal(a);
    else if (ph != MATCH_DONE)
        draw_question(a);
    if (sign_on(a))
        draw_sign(a);
    if (st->confirm_end)
        widget_confirm(&a->ui, _("End the show now?"));
}

const screen screen_match = {.name = "match", .enter = enter, .action = on_action, .tick = tick, .draw = draw, .draw_part = draw_part, .state_size = sizeof(match_state)};
