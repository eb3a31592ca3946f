/* screen_name.c - the player's name as people write it: typed through
 * SDL's text input (any script, capitals and spaces kept, an input
 * method's composition shown underlined), or picked on the on-screen
 * keyboard below the box (keyboard.h) with a gamepad, touch or the mouse.
 *
 * The box starts empty for each player. The last player's name, when
 * there is one (not in kiosk mode, where each player is someone else), is
 * offered greyed in the empty box: Tab, or a tap on the box, takes it;
 * typing anything replaces it. A name is at most NAME_CHARS characters:
 * the box shrinks its text to fit, and when even the smallest size is too
 * narrow it shows the end of the name after a "…", never cutting silently.
 * The caret blinks twice a second: the screen redraws no more often. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "hooks.h"
#include "i18n.h"
#include "keyboard.h"
#include "util.h"
#include "widgets.h"

#define NAME_CHARS 24
#define BLINK_MS 500

_Static_assert(NAME_CHARS * 4 <= STORE_NAME_MAX, "a name of NAME_CHARS characters is saved whole");

/* The screen's own state (app_screen_state()), new each time it is entered. */
typedef struct name_state {
    char text[STORE_NAME_MAX + 1];
    char compose[SDL_TEXTEDITINGEVENT_TEXT_SIZE]; /* an input method's text, not yet typed */
    char suggestion[STORE_NAME_MAX + 1];          /* the last player's name, or "" */
    keyboard kb;
    bool pad; /* the last move was the D-pad or arrows: the key is shown selected */
    bool caret_on;
    uint32_t blink_from;
} name_state;

typedef struct layout {
    SDL_Rect name, keys;
    int px;
} layout;

/* The hint under the keys, in buf. */
static const char *hint_text(const name_state *st, char *buf, size_t size)
{
    if (utf8_len(st->text) >= NAME_CHARS)
        snprintf(buf, size,
                 ngettext("A name has at most %d character", "A name has at most %d characters",
                          NAME_CHARS),
                 NAME_CHARS);
    else if (st->pad)
        snprintf(buf, size, "%s",
                 _("D-pad and A pick the keys \xC2\xB7 B deletes \xC2\xB7 Done when done"));
    else if (!st->text[0] && st->suggestion[0])
        snprintf(buf, size, "%s",
                 _("Tab or a tap on the box takes the grey name \xC2\xB7 Enter when done"));
    else
        snprintf(buf, size, "%s",
                 _("Type your name or pick the keys \xC2\xB7 Enter or Done when done"));
    return buf;
}

static void make_layout(app *a, layout *l)
{
    ui *u = &a->ui;
    int m = ui_px(u, 0.04);
    int top = m + ui_line_height(u, ui_font_px(u, 0.05), true) + m / 2;
    l->px = ui_font_px(u, 0.06);
    int nh = ui_line_height(u, l->px, true) + m / 2;
    int width = u->w - 2 * m;
    if (width > u->h * 16 / 10)
        width = u->h * 16 / 10;
    int x = (u->w - width) / 2;
    l->name = (SDL_Rect){x, top, width, nh};
    top += nh + m / 2;
    /* clear of the hint, which wraps to two lines in large print */
    char hint[160];
    int bottom = widget_hint_top(u, hint_text(app_screen_state(a), hint, sizeof hint)) - m / 2;
    l->keys = (SDL_Rect){x, top, width, bottom - top};
}

/* Where each key is, for the tests' clicks (when tracing). */
static void trace_keys(app *a, const name_state *st)
{
    if (!hooks_tracing())
        return;
    layout l;
    make_layout(a, &l);
    SDL_Rect r[KB_MAX_KEYS];
    kb_rects(&st->kb, l.keys, r);
    for (int i = 0; i < st->kb.nkeys; i++)
        hooks_trace("name key %s at %d %d", kb_key_name(&st->kb, i), r[i].x + r[i].w / 2,
                    r[i].y + r[i].h / 2);
}

static void enter(app *a)
{
    name_state *st = app_screen_state(a);
    kb_init(&st->kb, KB_TEXT);
    st->text[0] = st->compose[0] = '\0';
    st->suggestion[0] = '\0';
    if (!a->cfg.kiosk && !a->name_for_score && a->player[0] && strcmp(a->player, "Player") != 0)
        snprintf(st->suggestion, sizeof st->suggestion, "%s", a->player);
    st->caret_on = true;
    st->blink_from = SDL_GetTicks();
    layout l;
    make_layout(a, &l);
    SDL_SetTextInputRect(&l.name); /* an input method's window goes below the box */
    SDL_StartTextInput();
    trace_keys(a, st);
    hooks_trace("name box %s", st->text);
}

/* Appends typed text, one character at a time, up to NAME_CHARS; control
 * characters are dropped, and a name does not start with a space. */
static void type_text(name_state *st, const char *s)
{
    size_t len = strlen(st->text);
    size_t chars = utf8_len(st->text);
    while (*s) {
        unsigned char c = (unsigned char)*s;
        size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        if (utf8_check(s, n) != n) { /* not a whole character: skip the byte */
            s++;
            continue;
        }
        bool skip = c < 0x20 || c == 0x7f || (c == ' ' && len == 0);
        if (!skip && chars < NAME_CHARS && len + n <= STORE_NAME_MAX) {
            memcpy(st->text + len, s, n);
            len += n;
            chars++;
            st->text[len] = '\0';
        }
        s += n;
    }
}

/* Removes the last character (all its bytes). */
static void erase(name_state *st)
{
    size_t len = strlen(st->text);
    while (len > 0 && ((unsigned char)st->text[len - 1] & 0xc0) == 0x80)
        len--;
    if (len > 0)
        len--;
    st->text[len] = '\0';
}

static void take_suggestion(name_state *st)
{
    if (st->text[0] || !st->suggestion[0])
        return;
    type_text(st, st->suggestion);
}

static void submit(app *a)
{
    name_state *st = app_screen_state(a);
    size_t n = strlen(st->text);
    while (n && st->text[n - 1] == ' ')
        st->text[--n] = '\0';
    snprintf(a->player, sizeof a->player, "%s", n ? st->text : _("Player"));
    hooks_trace("name %s", a->player);
    SDL_StopTextInput();
    app_go(a, GO_NAME_DONE);
}

/* A key of the on-screen keyboard pressed; false when the screen is gone. */
static bool press_key(app *a, int i)
{
    name_state *st = app_screen_state(a);
    char out[KB_TEXT_MAX];
    switch (kb_press(&st->kb, i, out)) {
    case KB_TYPED:
        type_text(st, out);
        break;
    case KB_ERASE:
        erase(st);
        break;
    case KB_SUBMIT:
        submit(a);
        return false;
    case KB_NOTHING:
        trace_keys(a, st);
        break;
    }
    return true;
}

static void on_action(app *a, const action *act)
{
    name_state *st = app_screen_state(a);
    bool typed = act->device == INPUT_KEYBOARD;
    switch (act->kind) {
    case ACT_TEXT:
        type_text(st, act->text);
        st->compose[0] = '\0';
        break;
    case ACT_EDIT:
        snprintf(st->compose, sizeof st->compose, "%s", act->text);
        break;
    case ACT_DELETE:
    case ACT_BACK:
        if (!st->compose[0]) /* while composing, the input method erases */
            erase(st);
        break;
    case ACT_TAB:
        take_suggestion(st);
        break;
    case ACT_CONFIRM:
        if (typed) {
            /* Space comes as text; Enter while composing is the input method's */
            if (act->ch == '\n' && !st->compose[0])
                submit(a);
            return;
        }
        st->pad = true;
        if (!press_key(a, st->kb.sel))
            return;
        break;
    case ACT_LEFT:
    case ACT_RIGHT:
    case ACT_UP:
    case ACT_DOWN:
        if (st->compose[0])
            return; /* an input method's own keys */
        st->pad = true;
        kb_move(&st->kb,
                act->kind == ACT_LEFT    ? -1
                : act->kind == ACT_RIGHT ? 1
                                         : 0,
                act->kind == ACT_UP     ? -1
                : act->kind == ACT_DOWN ? 1
                                        : 0);
        break;
    case ACT_POINT: {
        layout l;
        make_layout(a, &l);
        st->pad = false;
        if (ui_point_in(l.name, act->x, act->y)) {
            take_suggestion(st);
            break;
        }
        int i = kb_hit(&st->kb, l.keys, act->x, act->y);
        if (i < 0)
            return;
        st->kb.sel = i;
        if (!press_key(a, i))
            return;
        break;
    }
    case ACT_PAUSE:
        if (!a->name_for_score) {
            SDL_StopTextInput();
            app_go(a, GO_TITLE);
        } else {
            submit(a);
        }
        return;
    default: /* letters and digits as keys: they come as ACT_TEXT */
        return;
    }
    hooks_trace("name box %s", st->text);
    st->caret_on = true; /* the caret shows at once after a change */
    st->blink_from = SDL_GetTicks();
    a->dirty = true;
}

static int tick(app *a, uint32_t now)
{
    name_state *st = app_screen_state(a);
    int idle = app_idle_check(a, now);
    if (app_top(a) != &screen_name)
        return idle;
    uint32_t since = now - st->blink_from;
    bool on = (since / BLINK_MS) % 2 == 0;
    if (on != st->caret_on) {
        st->caret_on = on;
        a->dirty = true;
    }
    int wait = (int)(BLINK_MS - since % BLINK_MS);
    return idle >= 0 && idle < wait ? idle : wait;
}

/* The name, the composition (underlined) and the caret in box: shrunk to
 * fit, or its end shown after an ellipsis. */
static void draw_name(app *a, name_state *st, SDL_Rect box, int max_px)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    const char *shown = st->text;
    bool greyed = !st->text[0] && !st->compose[0] && st->suggestion[0];
    const char *main_text = greyed ? st->suggestion : shown;
    int caret_w = ui_px(u, 0.005) > 2 ? ui_px(u, 0.005) : 2;
    int px = max_px, wt = 0, wc = 0;
    for (;; px -= px / 12 > 1 ? px / 12 : 1) {
        wt = main_text[0] ? ui_text_width(u, main_text, px, true) : 0;
        wc = st->compose[0] ? ui_text_width(u, st->compose, px, true) : 0;
        if (wt + wc + 2 * caret_w <= box.w || px <= ui_min_px(u))
            break;
    }
    if (px < ui_min_px(u))
        px = ui_min_px(u);
    const char *from = main_text;
    bool cut = false;
    while (wt + wc + 2 * caret_w > box.w && *from) {
        /* the smallest size is too wide: drop characters from the front */
        from++;
        while (((unsigned char)*from & 0xc0) == 0x80)
            from++;
        char tmp[STORE_NAME_MAX + 8];
        snprintf(tmp, sizeof tmp, "\xE2\x80\xA6%.*s", STORE_NAME_MAX, from);
        wt = ui_text_width(u, tmp, px, true);
        cut = true;
    }
    char drawn[STORE_NAME_MAX + 8];
    snprintf(drawn, sizeof drawn, "%s%.*s", cut ? "\xE2\x80\xA6" : "", STORE_NAME_MAX, from);
    int lh = ui_line_height(u, px, true);
    int y = box.y + (box.h - lh) / 2;
    int x = box.x + (box.w - wt - wc - 2 * caret_w) / 2;
    int caret_x = x;
    if (greyed) {
        caret_x = x;
        ui_text(u, drawn, px, true, t->dim, x + 2 * caret_w, y, UI_LEFT);
    } else {
        if (drawn[0])
            x += ui_text(u, drawn, px, true, t->text, x, y, UI_LEFT);
        if (st->compose[0]) {
            int w = ui_text(u, st->compose, px, true, t->accent, x, y, UI_LEFT);
            ui_fill(u, (SDL_Rect){x, y + lh - caret_w, w, caret_w}, t->accent);
            x += w;
        }
        caret_x = x + caret_w / 2;
    }
    if (st->caret_on)
        ui_fill(u, (SDL_Rect){caret_x, y + lh / 10, caret_w, lh * 8 / 10}, t->accent);
}

static void draw(app *a)
{
    name_state *st = app_screen_state(a);
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int m = ui_px(u, 0.04);
    layout l;
    make_layout(a, &l);
    ui_text(u, a->name_for_score ? _("New high score! Your name?") : _("Your name?"),
            ui_font_px(u, 0.05), true, t->text, u->w / 2, m, UI_CENTER);
    ui_panel(u, l.name, t->panel, l.name.h / 5);
    ui_frame(u, l.name, t->accent, ui_px(u, 0.004), 0);
    SDL_Rect nb = {l.name.x + m / 2, l.name.y, l.name.w - m, l.name.h};
    draw_name(a, st, nb, l.px);
    kb_draw(&st->kb, u, l.keys, st->pad);
    char hint[160];
    widget_hint(u, hint_text(st, hint, sizeof hint));
}

const screen screen_name = {.name = "name",
                            .enter = enter,
                            .action = on_action,
                            .tick = tick,
                            .draw = draw,
                            .state_size = sizeof(name_state)};
