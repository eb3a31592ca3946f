/* screen_pause.c - the pause menu over a round: resume, restart, quit to the
 * title, quit the game. In kiosk mode quitting the game needs the PIN of
 * [event] exit_pin (or, without a PIN, holding Ctrl+Shift+Q for 3 seconds
 * anywhere); a student cannot leave the kiosk. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "widgets.h"

enum { MENU_RESUME, MENU_RESTART, MENU_TITLE, MENU_QUIT, NMENU };

/* The screen's own state (app_screen_state()), new each time it is entered. */
typedef struct pause_state {
    char pin[12];
    bool asking_pin;
    bool pin_wrong;
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
            st->pin[0] = '\0';
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

static void on_action(app *a, const action *act)
{
    pause_state *st = app_screen_state(a);
    int n = nitems(a);
    if (st->asking_pin) {
        size_t len = strlen(st->pin);
        if ((act->kind == ACT_CHOICE || act->kind == ACT_CHAR) && act->ch >= '0' &&
            act->ch <= '9' && len + 1 < sizeof st->pin) {
            st->pin[len] = act->ch;
            st->pin[len + 1] = '\0';
            st->pin_wrong = false;
        } else if (act->kind == ACT_DELETE && len) {
            st->pin[len - 1] = '\0';
        } else if (act->kind == ACT_CONFIRM) {
            if (strcmp(st->pin, a->cfg.exit_pin) == 0) {
                app_go(a, GO_QUIT);
                return;
            }
            st->pin_wrong = true;
            st->pin[0] = '\0';
        } else if (act->kind == ACT_PAUSE || act->kind == ACT_BACK) {
            st->asking_pin = false;
        }
        a->dirty = true;
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
    ui_text(u, _("Paused"), ui_font_px(u, 0.08), true, t->text, u->w / 2, m, UI_CENTER);
    if (st->asking_pin) {
        int px = ui_font_px(u, 0.05);
        ui_text(u, st->pin_wrong ? _("Wrong PIN, try again") : _("Enter the exit PIN, then Enter"), px,
                false, st->pin_wrong ? t->bad : t->text, u->w / 2, u->h / 3, UI_CENTER);
        char stars[16];
        size_t n = strlen(st->pin);
        for (size_t i = 0; i < n && i < sizeof stars - 1; i++)
            stars[i] = '*';
        stars[n < sizeof stars - 1 ? n : sizeof stars - 1] = '\0';
        ui_text(u, n ? stars : "-", ui_font_px(u, 0.08), true, t->accent, u->w / 2, u->h / 2,
                UI_CENTER);
        widget_hint(&a->ui, _("Esc goes back"));
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
