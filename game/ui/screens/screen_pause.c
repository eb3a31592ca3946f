/* screen_pause.c - the pause menu over a round: resume, restart, quit to the
 * title, quit the game. In kiosk mode quitting the game needs the PIN of
 * [event] exit_pin (or, without a PIN, holding Ctrl+Shift+Q for 3 seconds
 * anywhere); a student cannot leave the kiosk. The PIN is typed on the
 * keyboard's digits or on an on-screen digit pad (keyboard.h) with a
 * gamepad (D-pad, A presses, B deletes), touch or the mouse; a wrong PIN
 * says so. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "hooks.h"
#include "i18n.h"
#include "keyboard.h"
#include "widgets.h"

enum { MENU_RESUME, MENU_RESTART, MENU_TITLE, MENU_QUIT, NMENU };

/* The screen's own state (app_screen_state()), new each time it is entered. */
typedef struct pause_state {
    char pin[12];
    bool asking_pin;
    bool pin_wrong;
    bool pad;     /* the D-pad moved on the digit pad: its key is shown selected */
    keyboard kb;  /* the digit pad */
} pause_state;

static int nitems(const app *a)
{
    return a->cfg.kiosk && !a->cfg.exit_pin[0] ? NMENU - 1 : NMENU;
}

static const char *label(const app *a, int i)
{
    static const char *const labels[] = {N_("Resume"), N_("Restart the round"),
                                         N_("Quit to the title"), N_("Quit the game")};
    return i == MENU_QUIT && a->cfg.kiosk ? _("Leave the kiosk (PIN)") : _(labels[i]);
}

static void enter(app *a)
{
    pause_state *st = app_screen_state(a);
    a->selected = 0;
    st->asking_pin = false;
    st->pin_wrong = false;
    st->pin[0] = '\0';
}

static SDL_Rect pin_pad_area(app *a);

static void choose(app *a, int entry)
{
    pause_state *st = app_screen_state(a);
    switch (entry) {
    case MENU_RESUME: app_go(a, GO_RESUME); break;
    case MENU_RESTART: app_go(a, GO_RESTART); break;
    case MENU_TITLE: app_go(a, GO_ABANDON); break;
    case MENU_QUIT:
        if (a->cfg.kiosk) {
            st->asking_pin = true;
            st->pin_wrong = false;
            st->pin[0] = '\0';
            st->pad = false;
            kb_init(&st->kb, KB_DIGITS);
            hooks_trace("pin asked");
            if (hooks_tracing()) { /* where each key is, for the tests' clicks */
                SDL_Rect r[KB_MAX_KEYS];
                kb_rects(&st->kb, pin_pad_area(a), r);
                for (int i = 0; i < st->kb.nkeys; i++)
                    hooks_trace("pin key %s at %d %d", kb_key_name(&st->kb, i),
                                r[i].x + r[i].w / 2, r[i].y + r[i].h / 2);
            }
            a->dirty = true;
        } else {
            app_go(a, GO_QUIT);
        }
        break;
    default: break;
    }
}

typedef struct layout {
    SDL_Rect items[NMENU];
    int px;
} layout;

static void make_layout(app *a, layout *l)
{
    ui *u = &a->ui;
    int n = nitems(a);
    l->px = ui_font_px(u, 0.05);
    int h = ui_line_height(u, l->px, true) + ui_px(u, 0.03);
    int gap = ui_px(u, 0.02);
    int w = u->w / 2 > u->h ? u->h : u->w / 2;
    if (w < u->w * 2 / 3 && u->w < u->h * 4 / 3)
        w = u->w * 4 / 5;
    int y = u->h / 2 - (n * h + (n - 1) * gap) / 2 + h / 2;
    for (int i = 0; i < n; i++)
        l->items[i] = (SDL_Rect){(u->w - w) / 2, y + i * (h + gap), w, h};
}

/* The PIN's hint (two lines in large print). */
#define PIN_HINT N_("Digits or the keys above \xC2\xB7 Esc goes back")

/* The digit pad and stars under the title, clear of the hint. */
static SDL_Rect pin_pad_area(app *a)
{
    ui *u = &a->ui;
    int top = u->h * 45 / 100;
    int bottom = widget_hint_top(u, _(PIN_HINT)) - ui_px(u, 0.05);
    int w = u->w * 6 / 10;
    return (SDL_Rect){(u->w - w) / 2, top, w, bottom - top};
}

static void pin_type(pause_state *st, char digit)
{
    size_t len = strlen(st->pin);
    if (len + 1 < sizeof st->pin) {
        st->pin[len] = digit;
        st->pin[len + 1] = '\0';
    }
    st->pin_wrong = false;
}

/* Checks the PIN typed; quits when it is right. false: the screen is gone. */
static bool pin_check(app *a, pause_state *st)
{
    if (strcmp(st->pin, a->cfg.exit_pin) == 0) {
        app_go(a, GO_QUIT);
        return false;
    }
    hooks_trace("pin wrong");
    st->pin_wrong = true;
    st->pin[0] = '\0';
    return true;
}

static void pin_action(app *a, pause_state *st, const action *act)
{
    size_t len = strlen(st->pin);
    int key = -1;
    switch (act->kind) {
    case ACT_CHOICE:
    case ACT_CHAR:
        if (act->ch >= '0' && act->ch <= '9' && act->device == INPUT_KEYBOARD)
            pin_type(st, act->ch);
        break;
    case ACT_DELETE:
        if (len)
            st->pin[len - 1] = '\0';
        break;
    case ACT_BACK: /* gamepad B: deletes, and goes back when nothing is typed */
        if (len)
            st->pin[len - 1] = '\0';
        else
            st->asking_pin = false;
        break;
    case ACT_CONFIRM:
        if (act->device == INPUT_KEYBOARD) {
            if (!pin_check(a, st))
                return;
            break;
        }
        st->pad = true;
        key = st->kb.sel;
        break;
    case ACT_UP:
    case ACT_DOWN:
    case ACT_LEFT:
    case ACT_RIGHT:
        st->pad = true;
        kb_move(&st->kb, act->kind == ACT_LEFT ? -1 : act->kind == ACT_RIGHT ? 1 : 0,
                act->kind == ACT_UP ? -1 : act->kind == ACT_DOWN ? 1 : 0);
        break;
    case ACT_POINT:
        st->pad = false;
        key = kb_hit(&st->kb, pin_pad_area(a), act->x, act->y);
        if (key < 0)
            return;
        st->kb.sel = key;
        break;
    case ACT_PAUSE: st->asking_pin = false; break;
    default: return;
    }
    if (key >= 0) {
        char out[KB_TEXT_MAX];
        switch (kb_press(&st->kb, key, out)) {
        case KB_TYPED: pin_type(st, out[0]); break;
        case KB_ERASE:
            if (len)
                st->pin[len - 1] = '\0';
            break;
        case KB_SUBMIT:
            if (!pin_check(a, st))
                return;
            break;
        case KB_NOTHING: break;
        }
    }
    a->dirty = true;
}

static void on_action(app *a, const action *act)
{
    pause_state *st = app_screen_state(a);
    int n = nitems(a);
    if (st->asking_pin) {
        pin_action(a, st, act);
        return;
    }
    switch (act->kind) {
    case ACT_UP: a->selected = (a->selected + n - 1) % n; break;
    case ACT_DOWN: a->selected = (a->selected + 1) % n; break;
    case ACT_CHOICE:
        if (act->n < n)
            choose(a, act->n);
        return;
    case ACT_CONFIRM: choose(a, a->selected); return;
    case ACT_PAUSE:
    case ACT_BACK: app_go(a, GO_RESUME); return;
    case ACT_POINT:
    case ACT_HOVER: {
        layout l;
        make_layout(a, &l);
        for (int i = 0; i < n; i++)
            if (ui_point_in(l.items[i], act->x, act->y)) {
                if (act->kind == ACT_POINT) {
                    choose(a, i);
                    return;
                }
                a->selected = i;
            }
        break;
    }
    default: return;
    }
    a->dirty = true;
}

static int tick(app *a, uint32_t now)
{
    return app_idle_check(a, now); /* a kiosk left paused resets too */
}

static void draw(app *a)
{
    pause_state *st = app_screen_state(a);
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int m = ui_px(u, 0.04);
    /* opaque: the paused question is not read with its clock stopped, and
     * no text shows through the menu's */
    ui_fill(u, (SDL_Rect){0, 0, u->w, u->h}, t->bg);
    ui_text(u, _("Paused"), ui_font_px(u, 0.08), true, t->text, u->w / 2, m, UI_CENTER);
    if (st->asking_pin) {
        int px = ui_font_px(u, 0.05);
        int y = m + ui_line_height(u, ui_font_px(u, 0.08), true) + m / 2;
        ui_text(u, st->pin_wrong ? _("Wrong PIN, try again") : _("Enter the exit PIN, then OK"),
                px, true, st->pin_wrong ? t->bad : t->text, u->w / 2, y, UI_CENTER);
        y += ui_line_height(u, px, true) + m / 3;
        /* a dot for each digit typed, never the digits */
        char dots[sizeof st->pin * 4];
        size_t n = strlen(st->pin);
        dots[0] = '\0';
        for (size_t i = 0; i < n; i++)
            strcat(dots, i ? " \xE2\x97\x8F" : "\xE2\x97\x8F");
        int spx = ui_font_px(u, 0.06);
        SDL_Rect box = {u->w * 3 / 10, y, u->w * 4 / 10, ui_line_height(u, spx, true) + m / 3};
        ui_panel(u, box, t->panel, box.h / 5);
        ui_frame(u, box, t->accent, ui_px(u, 0.004) > 1 ? ui_px(u, 0.004) : 1, 0);
        if (n)
            ui_text_fit(u, dots, box, spx, ui_min_px(u), true, t->accent, UI_CENTER, true);
        kb_draw(&st->kb, u, pin_pad_area(a), st->pad);
        widget_hint(&a->ui, _(PIN_HINT));
        return;
    }
    layout l;
    make_layout(a, &l);
    for (int i = 0; i < nitems(a); i++) {
        bool sel = i == a->selected;
        ui_panel(u, l.items[i], sel ? t->accent : t->panel, l.items[i].h / 5);
        ui_log(u, l.items[i], 0, false, "menu item");
        char text[64];
        snprintf(text, sizeof text, "%d  %s", i + 1, label(a, i));
        ui_text_fit(u, text, l.items[i], l.px, ui_min_px(u), true, sel ? t->on_badge : t->text,
                    UI_CENTER, true);
    }
    widget_hint(&a->ui, _("Esc or Start resumes \xC2\xB7 arrows and Enter choose"));
}

const screen screen_pause = {.name = "pause", .enter = enter, .action = on_action, .tick = tick, .draw = draw, .overlay = true, .state_size = sizeof(pause_state)};
