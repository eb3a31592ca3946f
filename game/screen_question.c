/* screen_question.c - the prompt, the choices (letter badge, shape and
 * colour each), the countdown bar with the seconds left, the question
 * number and the score. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"

#define TICK_FROM_MS 5000 /* the countdown ticks during the last seconds */

static int last_second = -1;

static void enter(app *a)
{
    a->q_start = SDL_GetTicks();
    a->selected = -1;
    last_second = -1;
}

static void answer(app *a, int choice, uint32_t now)
{
    uint32_t ms = now - a->q_start;
    if (choice == ROUND_TIMEOUT)
        ms = (uint32_t)a->cfg.time_limit * 1000u;
    if (round_answer(a->rnd, choice, ms, &a->last) != 0)
        return;
    audio_play(&a->snd, a->last.correct ? SOUND_RIGHT : SOUND_WRONG);
    app_set_screen(a, &screen_feedback);
}

/* The areas of the screen, for drawing and for hit-testing. */
typedef struct layout {
    SDL_Rect bar, prompt, choices[GEN_MAX_CHOICES];
    int n, prompt_px, choice_px;
} layout;

static void make_layout(app *a, const gen_item *it, layout *l)
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
    /* the prompt takes what it needs at its largest size, up to 38% */
    l->prompt_px = ui_font_px(u, 0.058);
    int need = ui_text_height(u, it->prompt, width - 2 * m, l->prompt_px, true) + m;
    int maxh = u->h * 38 / 100, minh = ui_line_height(u, ui_min_px(u), true) * 2 + m;
    if (need > maxh)
        need = maxh;
    if (need < minh)
        need = minh;
    l->prompt = (SDL_Rect){x, top, width, need};
    top += need + m / 2;
    SDL_Rect area = {x, top, width, u->h - top - m};
    l->n = app_choice_rects(a, it, area, l->choices, &l->choice_px);
}

static int hit(const layout *l, int x, int y)
{
    for (int i = 0; i < l->n; i++)
        if (ui_point_in(l->choices[i], x, y))
            return i;
    return -1;
}

static void on_action(app *a, const action *act)
{
    const gen_item *it = round_current(a->rnd);
    uint32_t now = SDL_GetTicks();
    layout l;
    int n = (int)it->nchoices;
    switch (act->kind) {
    case ACT_CHOICE:
        if (act->n < n)
            answer(a, act->n, now);
        break;
    case ACT_POINT:
    case ACT_HOVER: {
        make_layout(a, it, &l);
        int i = hit(&l, act->x, act->y);
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
        app_push(a, &screen_pause);
        break;
    default:
        break;
    }
}

static int tick(app *a, uint32_t now)
{
    int wait = app_idle_check(a, now);
    if (wait == 0)
        return 0;
    if (a->opt.autoplay) {
        uint32_t due = a->q_start + (uint32_t)a->opt.autoplay_delay;
        if ((int32_t)(now - due) >= 0) {
            const gen_item *it = round_current(a->rnd);
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
    if (second != last_second) {
        if (left <= TICK_FROM_MS && last_second != -1)
            audio_play(&a->snd, SOUND_TICK);
        last_second = second;
    }
    /* redraw at the rate the bar's pixels change, at most 20 times a second */
    int limit = a->cfg.time_limit * 1000;
    int px_ms = limit / (a->ui.w > 0 ? a->ui.w : 1);
    int step = px_ms < 50 ? 50 : px_ms;
    int to_second = left - (second - 1) * 1000;
    if (to_second < step)
        step = to_second;
    a->dirty = true;
    return wait >= 0 && wait < step ? wait : step;
}

/* With QUIZMILL_TRACE set, tells a test driver where the choices are. */
static void trace(app *a, const gen_item *it, const layout *l)
{
    static const gen_item *traced;
    static int traced_w, traced_h;
    if (!getenv("QUIZMILL_TRACE") ||
        (traced == it && traced_w == a->ui.w && traced_h == a->ui.h))
        return;
    traced = it;
    traced_w = a->ui.w;
    traced_h = a->ui.h;
    fprintf(stderr, "trace: question %zu item %s", round_number(a->rnd), it->id);
    for (int i = 0; i < l->n; i++)
        fprintf(stderr, " %d,%d,%d,%d", l->choices[i].x, l->choices[i].y, l->choices[i].w,
                l->choices[i].h);
    fputc('\n', stderr);
}

static void draw(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    const gen_item *it = round_current(a->rnd);
    layout l;
    make_layout(a, it, &l);
    trace(a, it, &l);
    char left[64], right[64];
    snprintf(left, sizeof left, "Question %zu of %zu", round_number(a->rnd),
             round_planned(a->rnd));
    snprintf(right, sizeof right, "Score %d", round_score(a->rnd));
    int ms = app_time_left(a, SDL_GetTicks());
    char secs[32] = "";
    if (ms >= 0)
        snprintf(secs, sizeof secs, "%d s", (ms + 999) / 1000);
    app_draw_header(a, left, ms >= 0 ? secs : NULL, right);
    if (ms >= 0) {
        int limit = a->cfg.time_limit * 1000;
        ui_panel(u, l.bar, t->panel, l.bar.h / 2);
        SDL_Rect fill = l.bar;
        fill.w = (int)((int64_t)l.bar.w * ms / limit);
        SDL_Color c = ms <= TICK_FROM_MS ? t->bad : ms <= limit / 2 ? t->warn : t->good;
        if (fill.w > 0)
            ui_panel(u, fill, c, l.bar.h / 2);
        ui_log(u, l.bar, 0, false, "timer");
    }
    ui_panel(u, l.prompt, t->panel, ui_px(u, 0.015));
    ui_log(u, l.prompt, 0, false, "prompt panel");
    int m = ui_px(u, 0.03);
    SDL_Rect pb = {l.prompt.x + m, l.prompt.y + m / 2, l.prompt.w - 2 * m, l.prompt.h - m};
    ui_text_fit(u, it->prompt, pb, l.prompt_px, ui_min_px(u), true, t->text, UI_CENTER, true);
    for (int i = 0; i < l.n; i++)
        app_draw_choice(a, l.choices[i], i, it->choices[i], i == a->selected ? 1 : 0,
                        l.choice_px);
}

const screen screen_question = {"question", enter, on_action, tick, draw, false};
