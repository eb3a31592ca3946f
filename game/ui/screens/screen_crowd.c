/* screen_crowd.c - the big screen of a phones game, from the first
 * question to the end: the question (prompt, choices, countdown, "N of M
 * answered"), its reveal (the right answer, how many chose each choice as
 * bars, the top 10, equal scores sharing a place), and at the end a podium
 * of the first three places, then the top 10. The host's keys: Enter
 * closes a question early, goes on from a reveal and through the end;
 * Ctrl+E or Esc asks "End the game now?" (Enter ends, Esc goes on).
 *
 * The crowd is read under the server's lock into a snapshot when it
 * changed (the server's thread wakes the loop on every join and answer);
 * drawing reads only the snapshot, so a frame never holds up a phone.
 * With QUIZMILL_TRACE: "crowd question N", "crowd reveal N answered A",
 * "crowd connected C of A" (A players, C of them connected, the others
 * reconnecting), "crowd done", "crowd confirm end". */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "hooks.h"
#include "i18n.h"
#include "widgets.h"

#define TOP_N 10

typedef struct crowd_row {
    char name[CROWD_NAME_MAX + 1];
    int score, rank;
} crowd_row;

typedef struct crowd_state {
    uint64_t version;
    crowd_phase phase;
    size_t number, total, answered, connected, active;
    uint32_t limit;
    uint64_t q_end; /* net_server_now() when time is up */
    const item *it; /* in a->deck */
    size_t counts[ITEM_MAX_CHOICES];
    crowd_row top[TOP_N];
    int ntop;
    bool confirm_end;
    int end_view; /* 0 the podium, 1 the top 10 */
    uint32_t countdown_at; /* SDL ticks of the countdown's last redraw */
    uint32_t read_at;      /* SDL ticks of the last read of the crowd */
    bool behind;           /* a read was put off: tick() comes back for it */
} crowd_state;

/* Reads what the screen shows (crowd locked by the caller). */
static void read_crowd(app *a, crowd_state *st, const crowd *c)
{
    crowd_phase was = st->phase;
    size_t was_number = st->number, was_connected = st->connected, was_active = st->active;
    st->version = crowd_version(c);
    st->phase = crowd_get_phase(c);
    st->number = crowd_number(c);
    st->total = crowd_total(c);
    st->answered = crowd_answered(c);
    st->connected = crowd_connected(c);
    st->active = crowd_active(c);
    if (st->connected != was_connected || st->active != was_active)
        hooks_trace("crowd connected %zu of %zu", st->connected, st->active);
    st->limit = crowd_limit_ms(c);
    uint64_t now = net_server_now();
    st->q_end = now + crowd_ms_left(c, now);
    st->it = crowd_current(c);
    crowd_counts(c, st->counts, ITEM_MAX_CHOICES);
    size_t order[TOP_N];
    st->ntop = (int)crowd_top(c, order, TOP_N);
    for (int i = 0; i < st->ntop; i++) {
        const crowd_player *p = crowd_player_get(c, order[i]);
        snprintf(st->top[i].name, sizeof st->top[i].name, "%s", p->name);
        st->top[i].score = p->score;
        st->top[i].rank = p->rank;
    }
    if (st->phase != was || st->number != was_number) {
        if (st->phase == CROWD_ASKING)
            hooks_trace("crowd question %zu", st->number);
        else if (st->phase == CROWD_REVEAL)
            hooks_trace("crowd reveal %zu answered %zu", st->number, st->answered);
        else if (st->phase == CROWD_DONE)
            hooks_trace("crowd done");
        ui_text_flush(&a->ui);
    }
    a->dirty = true;
}

/* The crowd is read (and the screen redrawn) at most every READ_MS: a
 * thousand phones answering within a second wake the game at each answer,
 * and 20 pictures a second show the count as well as 1,000 would. */
#define READ_MS 50

static void sync(app *a, bool force)
{
    crowd_state *st = app_screen_state(a);
    uint32_t t = SDL_GetTicks();
    if (!force && a->event.net && t - st->read_at < READ_MS) { /* phones wake it */
        st->behind = true;
        return;
    }
    st->read_at = t;
    st->behind = false;
    crowd *c = app_crowd_lock(a);
    crowd_tick(c, net_server_now()); /* time up: the reveal */
    if (force || crowd_version(c) != st->version)
        read_crowd(a, st, c);
    app_crowd_unlock(a);
}

static void enter(app *a)
{
    crowd_state *st = app_screen_state(a);
    st->phase = CROWD_LOBBY;
    sync(a, true);
}

/* A host's action on the crowd: the reveal now, the next question, the end. */
static void host(app *a, void (*act)(crowd *c, uint64_t now))
{
    crowd *c = app_crowd_lock(a);
    act(c, net_server_now());
    app_crowd_unlock(a);
    sync(a, true);
}

static void reveal_now(crowd *c, uint64_t now)
{
    (void)now;
    crowd_reveal(c);
}

static void end_now(crowd *c, uint64_t now)
{
    (void)now;
    crowd_end(c);
}

static void on_action(app *a, const action *act)
{
    crowd_state *st = app_screen_state(a);
    if (act->device != INPUT_KEYBOARD)
        return; /* the host's keyboard only */
    if (st->confirm_end) {
        if (act->kind == ACT_CONFIRM && act->ch == '\n') {
            st->confirm_end = false;
            host(a, end_now);
        } else if (act->kind == ACT_PAUSE) {
            st->confirm_end = false;
            a->dirty = true;
            hooks_trace("crowd confirm no");
        }
        return;
    }
    if ((act->kind == ACT_HOST && act->ch == 'E') || act->kind == ACT_PAUSE) {
        if (st->phase == CROWD_DONE) {
            app_go(a, GO_CROWD_DONE);
            return;
        }
        st->confirm_end = true;
        a->dirty = true;
        hooks_trace("crowd confirm end");
        return;
    }
    if (act->kind != ACT_CONFIRM || act->ch != '\n' ||
        SDL_GetTicks() - a->screen_since < INPUT_GRACE_MS)
        return;
    switch (st->phase) {
    case CROWD_ASKING: host(a, reveal_now); break;
    case CROWD_REVEAL: host(a, crowd_next); break;
    case CROWD_DONE:
        if (st->end_view == 0) {
            st->end_view = 1;
            a->dirty = true;
        } else {
            app_go(a, GO_CROWD_DONE);
        }
        break;
    case CROWD_LOBBY: break;
    }
}

#define COUNTDOWN_MS 200 /* the countdown's bar moves five times a second */

static int tick(app *a, uint32_t now)
{
    crowd_state *st = app_screen_state(a);
    sync(a, false);
    app_save_crowd(a);
    int wait = 1000;
    if (st->phase == CROWD_ASKING && st->limit) {
        uint32_t since = now - st->countdown_at;
        if (a->dirty || since >= COUNTDOWN_MS) {
            a->dirty = true;
            st->countdown_at = now;
            wait = COUNTDOWN_MS;
        } else {
            wait = (int)(COUNTDOWN_MS - since);
        }
    }
    if (st->behind) { /* back for the read put off */
        uint32_t since = SDL_GetTicks() - st->read_at;
        int left = since >= READ_MS ? 1 : (int)(READ_MS - since);
        wait = left < wait ? left : wait;
    }
    return wait;
}

/* ---- drawing ---- */

static uint32_t ms_left(const crowd_state *st)
{
    uint64_t now = net_server_now();
    return st->phase == CROWD_ASKING && st->q_end > now ? (uint32_t)(st->q_end - now) : 0;
}

static void header(app *a, const crowd_state *st)
{
    char left[64], right[96];
    snprintf(left, sizeof left, _("Question %zu of %zu"), st->number, st->total);
    snprintf(right, sizeof right, _("%zu of %zu answered"), st->answered, st->connected);
    widget_header(&a->ui, left, NULL, right);
    if (st->phase == CROWD_ASKING && st->limit)
        widget_seconds(&a->ui, ms_left(st));
}

static void draw_question(app *a, const crowd_state *st)
{
    ui *u = &a->ui;
    header(a, st);
    int hint_y = widget_hint(u, _("Enter: close the question \xC2\xB7 Ctrl+E: end the game"));
    int mg = ui_px(u, 0.03);
    SDL_Rect hb = widget_header_box(u, 0);
    int bar_h = st->limit ? ui_px(u, 0.02) : 0;
    SDL_Rect area = {mg, hb.y + hb.h + mg / 2, u->w - 2 * mg, hint_y - mg - bar_h - hb.y - hb.h - mg};
    choice_layout l;
    widget_choice_layout(u, st->it->prompt, (const char *const *)st->it->choices,
                         (int)st->it->nchoices, area, false, CHOICE_FILL, &l);
    widget_prompt(u, st->it->prompt, &l);
    for (int i = 0; i < l.n; i++)
        widget_choice(u, l.tiles[i], i, st->it->choices[i], CHOICE_PLAIN, l.px, l.bold);
    if (st->limit)
        widget_countdown(u, (SDL_Rect){mg, hint_y - mg / 2 - bar_h, u->w - 2 * mg, bar_h},
                         ms_left(st), st->limit, NULL);
}

/* The top rows in box: place, name, points; as many of them as fit at
 * the smallest size (a name too long for its column is cut, the place and
 * the points never). */
static void draw_top(app *a, const crowd_state *st, SDL_Rect box, int rows)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int minlh = ui_line_height(u, ui_min_px(u), true);
    int fit = box.h / minlh;
    int n = st->ntop < rows ? st->ntop : rows;
    if (n > fit)
        n = fit;
    if (n <= 0)
        return;
    int lh = box.h / (n > 5 ? n : 5);
    int px = ui_font_px(u, 0.05);
    while (px > ui_min_px(u) && ui_line_height(u, px, true) > lh)
        px--;
    int numw, ptsw;
    for (;; px--) { /* one size for the list: every name whole if it can be */
        numw = ui_text_width(u, "10.", px, true) + ui_px(u, 0.01);
        ptsw = 0;
        for (int i = 0; i < n; i++) {
            char pts[32];
            snprintf(pts, sizeof pts, "%d", st->top[i].score);
            int pw = ui_text_width(u, pts, px, true) + ui_px(u, 0.01);
            ptsw = pw > ptsw ? pw : ptsw;
        }
        bool fits = true;
        for (int i = 0; i < n && fits; i++)
            fits = ui_text_width(u, st->top[i].name, px, true) <= box.w - numw - ptsw;
        if (fits || px <= ui_min_px(u))
            break;
    }
    for (int i = 0; i < n; i++) {
        const crowd_row *r = &st->top[i];
        int y = box.y + i * lh;
        char place[16], pts[32];
        snprintf(place, sizeof place, "%d.", r->rank);
        snprintf(pts, sizeof pts, "%d", r->score);
        ui_text_fit(u, place, (SDL_Rect){box.x, y, numw, lh}, px, px, true, t->dim, UI_LEFT, true);
        ui_text_fit(u, r->name, (SDL_Rect){box.x + numw, y, box.w - numw - ptsw, lh}, px, px,
                    true, t->text, UI_LEFT, true);
        ui_text_fit(u, pts, (SDL_Rect){box.x + box.w - ptsw, y, ptsw, lh}, px, px, true,
                    t->accent, UI_RIGHT, true);
    }
}

/* The reveal: at the left the question and its choices, the right one
 * marked, each tile with how many chose it (the number and a bar along the
 * tile's foot); at the right the top 10, as tall as the screen allows. */
static void draw_reveal(app *a, const crowd_state *st)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    header(a, st);
    int hint_y = widget_hint(u, _("Enter: next \xC2\xB7 Ctrl+E: end the game"));
    int mg = ui_px(u, 0.03);
    SDL_Rect hb = widget_header_box(u, 0);
    int top = hb.y + hb.h + mg / 2;
    int h = hint_y - mg / 2 - top;
    int cpx = ui_font_px(u, 0.05);
    int cw = ui_text_width(u, "0000", cpx, true) + mg / 3;
    const char *prompt = NULL;
    choice_layout l;
    int lw = 0;
    /* the choices whole first: the prompt shrinks, then goes (the question
     * was seen), then the choices take more of the width from the top 10 */
    static const struct { int share; bool prompt; } tries[] = {
        {58, true}, {58, false}, {66, false}, {74, false}, {100, false}};
    for (size_t k = 0; k < sizeof tries / sizeof *tries; k++) {
        lw = (u->w - 3 * mg) * tries[k].share / 100;
        prompt = tries[k].prompt ? st->it->prompt : NULL;
        SDL_Rect area = {mg, top, lw - cw, h};
        widget_choice_layout(u, prompt, (const char *const *)st->it->choices,
                             (int)st->it->nchoices, area, true, CHOICE_FILL, &l);
        if (l.fits)
            break;
    }
    if (lw == (u->w - 3 * mg)) /* no room for the top 10 on this reveal: the choices whole */
        lw = u->w - 2 * mg;
    int rw = u->w - 3 * mg - lw;
    if (prompt)
        widget_prompt(u, prompt, &l);
    size_t most = 1;
    for (int i = 0; i < l.n; i++)
        if (st->counts[i] > most)
            most = st->counts[i];
    for (int i = 0; i < l.n; i++) {
        bool right = (size_t)i == st->it->answer;
        SDL_Rect tile = l.tiles[i];
        widget_choice(u, tile, i, st->it->choices[i], right ? CHOICE_RIGHT : CHOICE_DIM, l.px,
                      l.bold);
        char cnt[24];
        snprintf(cnt, sizeof cnt, "%zu", st->counts[i]);
        ui_text_fit(u, cnt, (SDL_Rect){tile.x + tile.w, tile.y, cw, tile.h}, cpx, ui_min_px(u),
                    true, t->text, UI_RIGHT, true);
        int foot = ui_px(u, 0.008) + 1, inset = ui_px(u, 0.012);
        int full = tile.w - 2 * inset;
        int len = (int)((long long)full * (long long)st->counts[i] / (long long)most);
        SDL_Rect bar = {tile.x + inset, tile.y + tile.h - inset / 2 - foot, len > 1 ? len : 1,
                        foot};
        ui_fill(u, bar, t->text);
        ui_log(u, bar, 0, false, "count bar");
    }
    if (rw > 0)
        draw_top(a, st, (SDL_Rect){2 * mg + lw, top, rw, h}, TOP_N);
}

static const char *place_name(int place)
{
    static const char *const names[] = {N_("1st"), N_("2nd"), N_("3rd")};
    return place >= 1 && place <= 3 ? _(names[place - 1]) : "";
}

static void draw_end(app *a, const crowd_state *st)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int mg = ui_px(u, 0.03);
    int tpx = ui_font_px(u, 0.075);
    SDL_Rect title = {mg, mg, u->w - 2 * mg, ui_line_height(u, tpx, true)};
    ui_text_fit(u, _("Final scores"), title, tpx, ui_min_px(u), true, t->text, UI_CENTER, false);
    int hint_y = widget_hint(u, st->end_view == 0 ? _("Enter: the top 10")
                                                   : _("Enter: back to the title"));
    int top = title.y + title.h + mg, bottom = hint_y - mg;
    if (st->end_view == 1) {
        draw_top(a, st, (SDL_Rect){u->w / 6, top, u->w * 2 / 3, bottom - top}, TOP_N);
        return;
    }
    /* the podium: the best in the middle, the next left, then right;
     * equal scores share a place and a block's height */
    int bw = (u->w - 4 * mg) / 3;
    static const int col_of[3] = {1, 0, 2};
    static const int height_of[3] = {100, 70, 45};
    int npx = ui_font_px(u, 0.05), nlh = ui_line_height(u, npx, true);
    int minlh = ui_line_height(u, ui_min_px(u), true);
    int nameh = 2 * nlh > 3 * minlh ? 2 * nlh : 3 * minlh; /* a name of 2 or 3 lines above */
    int tallest = (bottom - top) - nameh - nlh - mg;
    for (int k = 0; k < st->ntop && k < 3; k++) {
        const crowd_row *r = &st->top[k];
        int place = r->rank <= 3 ? r->rank : 3;
        int bh = tallest * height_of[place - 1] / 100;
        int bx = mg + col_of[k] * (bw + mg);
        SDL_Rect block = {bx, bottom - bh, bw, bh};
        ui_panel(u, block, t->panel_hi, ui_px(u, 0.012));
        ui_log(u, block, 0, false, "podium block");
        ui_text_fit(u, place_name(r->rank), (SDL_Rect){bx, block.y, bw, bh < nlh * 2 ? bh : nlh * 2},
                    ui_font_px(u, 0.1), ui_min_px(u), true, t->text, UI_CENTER, true);
        ui_text_fit(u, r->name, (SDL_Rect){bx, block.y - nlh - nameh, bw, nameh}, npx,
                    ui_min_px(u), true, t->text, UI_CENTER, true);
        char pts[48];
        snprintf(pts, sizeof pts, ngettext("%d point", "%d points", r->score), r->score);
        ui_text_fit(u, pts, (SDL_Rect){bx, block.y - nlh, bw, nlh}, npx, ui_min_px(u), false,
                    t->accent, UI_CENTER, true);
    }
}

static void draw(app *a)
{
    const crowd_state *st = app_screen_state(a);
    if (st->phase == CROWD_ASKING && st->it)
        draw_question(a, st);
    else if (st->phase == CROWD_REVEAL && st->it)
        draw_reveal(a, st);
    else if (st->phase == CROWD_DONE)
        draw_end(a, st);
    if (st->confirm_end)
        widget_confirm(&a->ui, _("End the game now?"));
}

const screen screen_crowd = {
    .name = "crowd",
    .enter = enter,
    .action = on_action,
    .tick = tick,
    .draw = draw,
    .state_size = sizeof(crowd_state),
};
