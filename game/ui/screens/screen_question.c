/* screen_question.c - the prompt, the choices (letter badge, shape and
 * colour each), the countdown bar with the seconds left, the question
 * number and the score.
 *
 * While the countdown runs only the bar and the seconds change: tick() asks
 * for a partial redraw (draw_part) when the bar's fill has moved by a pixel
 * or the second has changed, at most every FRAME_MS. The rest of the picture
 * stays on screen from the last whole frame. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "i18n.h"
#include "widgets.h"
#include "hooks.h"

#define TICK_FROM_MS 5000 /* the countdown ticks during the last seconds */
#define FRAME_MS 33       /* the countdown moves at most 30 times a second */

/* The areas of the screen, for drawing and for hit-testing: the bar, and
 * the prompt and choice tiles (widget_choice_layout: every text whole). */
typedef struct layout {
    SDL_Rect bar;
    choice_layout c;
} layout;

/* The screen's own state (app_screen_state()), new each time it is entered. */
typedef struct question_state {
    int last_second;
    /* what the countdown on screen shows, to redraw only when it changes */
    int shown_fill, shown_second;
    /* the layout of the current question, made once per question and size */
    layout cached;
    const item *cached_item;
    int cached_w, cached_h;
    /* the question whose choices the trace last told (hooks.h) */
    const item *traced;
    int traced_w, traced_h;
} question_state;

static void enter(app *a)
{
    question_state *st = app_screen_state(a);
    a->q_start = SDL_GetTicks();
    a->selected = -1;
    st->last_second = -1;
    st->cached_item = NULL;
    st->shown_fill = st->shown_second = -1;
}

static void answer(app *a, int choice, uint32_t now)
{
    uint32_t ms = now - a->q_start;
    if (choice == ROUND_TIMEOUT)
        ms = (uint32_t)a->cfg.time_limit * 1000u;
    if (round_answer(a->rnd, choice, ms, &a->last) != 0)
        return;
    app_save_results(a); /* committed now, stamped with this moment */
    audio_play(&a->snd, a->last.correct ? SOUND_RIGHT : SOUND_WRONG);
    app_go(a, GO_ANSWERED);
}

static void make_layout(app *a, const item *it, layout *l)
{
    ui *u = &a->ui;
    int m = ui_px(u, 0.03);
    int hpx = ui_font_px(u, 0.042);
    int top = m + ui_line_height(u, hpx, true) + m / 2;
    int width = u->w - 2 * m;
    /* keep lines readable on very wide screens */
    int maxw = u->h * 2;
    int x = m;
    if (width > maxw) {
        x = (u->w - maxw) / 2;
        width = maxw;
    }
    l->bar = (SDL_Rect){x, top, width, ui_px(u, 0.016)};
    top += l->bar.h + m / 2;
    /* the prompt and the choices share the rest */
    SDL_Rect area = {x, top, width, u->h - top - m};
    widget_choice_layout(u, it->prompt, (const char *const *)it->choices, (int)it->nchoices, area,
                         false, CHOICE_FILL, &l->c);
}

static const layout *get_layout(app *a, const item *it)
{
    question_state *st = app_screen_state(a);
    if (st->cached_item != it || st->cached_w != a->ui.w || st->cached_h != a->ui.h) {
        make_layout(a, it, &st->cached);
        st->cached_item = it;
        st->cached_w = a->ui.w;
        st->cached_h = a->ui.h;
    }
    return &st->cached;
}

static int hit(const layout *l, int x, int y)
{
    for (int i = 0; i < l->c.n; i++)
        if (ui_point_in(l->c.tiles[i], x, y))
            return i;
    return -1;
}

static void on_action(app *a, const action *act)
{
    const item *it = round_current(a->rnd);
    uint32_t now = SDL_GetTicks();
    int n = (int)it->nchoices;
    switch (act->kind) {
    case ACT_CHOICE:
        if (act->n < n)
            answer(a, act->n, now);
        break;
    case ACT_POINT:
    case ACT_HOVER: {
        int i = hit(get_layout(a, it), act->x, act->y);
        if (act->kind == ACT_POINT && i >= 0) {
            answer(a, i, now);
        } else if (i != a->selected && act->kind == ACT_HOVER) {
            a->selected = i;
            a->dirty = true;
        }
        break;
    }
    case ACT_UP:
    case ACT_LEFT:
        a->selected = a->selected <= 0 ? n - 1 : a->selected - 1;
        a->dirty = true;
        break;
    case ACT_DOWN:
    case ACT_RIGHT:
        a->selected = a->selected < 0 || a->selected >= n - 1 ? 0 : a->selected + 1;
        a->dirty = true;
        break;
    case ACT_CONFIRM:
        if (a->selected >= 0 && a->selected < n)
            answer(a, a->selected, now);
        break;
    case ACT_PAUSE:
        app_go(a, GO_PAUSE);
        break;
    default:
        break;
    }
}

static int tick(app *a, uint32_t now)
{
    question_state *st = app_screen_state(a);
    int wait = app_idle_check(a, now);
    if (wait == 0)
        return 0;
    if (a->opt.autoplay) {
        uint32_t due = a->q_start + (uint32_t)a->opt.autoplay_delay;
        if ((int32_t)(now - due) >= 0) {
            const item *it = round_current(a->rnd);
            answer(a, (int)rng_below(&a->rng, it->nchoices), now);
            return 0;
        }
        wait = (int)(due - now);
    }
    int left = app_time_left(a, now);
    if (left < 0)
        return wait;
    if (left == 0) {
        answer(a, ROUND_TIMEOUT, now);
        return 0;
    }
    int second = (left + 999) / 1000;
    if (second != st->last_second) {
        if (left <= TICK_FROM_MS && st->last_second != -1)
            audio_play(&a->snd, SOUND_TICK);
        st->last_second = second;
    }
    /* redraw at the rate the bar's pixels change, at most every FRAME_MS,
     * and when the seconds change */
    int limit = a->cfg.time_limit * 1000;
    const layout *l = get_layout(a, round_current(a->rnd));
    int bar_w = l->bar.w > 0 ? l->bar.w : 1;
    int px_ms = (limit + bar_w - 1) / bar_w;
    int step = px_ms < FRAME_MS ? FRAME_MS : px_ms;
    int to_second = left - (second - 1) * 1000;
    if (to_second < step)
        step = to_second;
    if (second != st->shown_second || (int)((int64_t)bar_w * left / limit) != st->shown_fill)
        a->dirty_part = true;
    return wait >= 0 && wait < step ? wait : step;
}

/* The countdown bar with ms left, and (when secs) the seconds in the
 * header's centre; both over the background. */
static void draw_countdown(app *a, const layout *l, int ms, bool secs)
{
    question_state *st = app_screen_state(a);
    if (secs)
        st->shown_second = widget_seconds(&a->ui, (uint32_t)ms);
    st->shown_fill =
        widget_countdown(&a->ui, l->bar, (uint32_t)ms, (uint32_t)a->cfg.time_limit * 1000u, NULL);
}

/* Redraws the bar (and the seconds when they changed) over the last frame. */
static int draw_part(app *a, SDL_Rect *out, int max)
{
    question_state *st = app_screen_state(a);
    ui *u = &a->ui;
    int ms = app_time_left(a, SDL_GetTicks());
    if (ms < 0 || max < 2)
        return 0;
    const layout *l = get_layout(a, round_current(a->rnd));
    int n = 0;
    out[n++] = l->bar;
    ui_fill(u, l->bar, u->theme.bg);
    bool secs = (ms + 999) / 1000 != st->shown_second;
    if (secs) {
        SDL_Rect cb = widget_header_box(&a->ui, 1);
        ui_fill(u, cb, u->theme.bg);
        out[n++] = cb;
    }
    draw_countdown(a, l, ms, secs);
    return n;
}

/* With QUIZMILL_TRACE set, tells a test driver where the choices are. */
static void trace(app *a, const item *it, const layout *l)
{
    question_state *st = app_screen_state(a);
    if (!hooks_tracing() || (st->traced == it && st->traced_w == a->ui.w && st->traced_h == a->ui.h))
        return;
    st->traced = it;
    st->traced_w = a->ui.w;
    st->traced_h = a->ui.h;
    strbuf boxes = STRBUF_INIT;
    for (int i = 0; i < l->c.n; i++)
        strbuf_addf(&boxes, " %d,%d,%d,%d", l->c.tiles[i].x, l->c.tiles[i].y, l->c.tiles[i].w,
                    l->c.tiles[i].h);
    hooks_trace("question %zu item %s%s", round_number(a->rnd), it->id, strbuf_str(&boxes));
    strbuf_release(&boxes);
}

static void draw(app *a)
{
    ui *u = &a->ui;
    const item *it = round_current(a->rnd);
    const layout *lp = get_layout(a, it);
    layout l = *lp;
    trace(a, it, &l);
    char left[64], right[64];
    snprintf(left, sizeof left, _("Question %zu of %zu"), round_number(a->rnd),
             round_planned(a->rnd));
    snprintf(right, sizeof right, _("Score %d"), round_score(a->rnd));
    widget_header(&a->ui, left, NULL, right);
    int ms = app_time_left(a, SDL_GetTicks());
    if (ms >= 0)
        draw_countdown(a, &l, ms, true);
    widget_prompt(u, it->prompt, &l.c);
    for (int i = 0; i < l.c.n; i++)
        widget_choice(u, l.c.tiles[i], i, it->choices[i],
                      i == a->selected ? CHOICE_SELECTED : CHOICE_PLAIN, l.c.px, l.c.bold);
}

const screen screen_question = {.name = "question", .enter = enter, .action = on_action, .tick = tick, .draw = draw, .draw_part = draw_part, .state_size = sizeof(question_state)};
