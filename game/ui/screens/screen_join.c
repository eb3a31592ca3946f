/* screen_join.c - the teams join: one slot per team of [event] teams, each
 * with its colour, emblem and name. A control that presses anything (a
 * keyboard zone's key, a gamepad or joystick button, a Buzz! handset's
 * button) takes the next free slot; Enter on the keyboard or Start on a
 * gamepad begins the match once two teams or more have joined; Esc goes
 * back to the title. With QUIZMILL_TRACE set, each join is written to
 * stderr ("trace: join team N control C") for test drivers. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "hooks.h"
#include "i18n.h"
#include "widgets.h"

static void enter(app *a)
{
    a->event.joined = 0;
    for (int i = 0; i < CONFIG_TEAMS_MAX; i++)
        a->event.team_control[i] = -1;
}

static void begin(app *a)
{
    if (a->event.joined >= 2)
        app_go(a, GO_MATCH);
}

static void on_action(app *a, const action *act)
{
    if (act->kind == ACT_HOVER || act->kind == ACT_POINT || act->kind == ACT_HOST)
        return;
    if (act->device == INPUT_KEYBOARD && act->zone < 0) {
        if (act->kind == ACT_CONFIRM)
            begin(a);
        else if (act->kind == ACT_PAUSE)
            app_go(a, GO_TITLE);
        return;
    }
    int control = app_control_of(act);
    if (act->kind == ACT_PAUSE && INPUT_IS_PAD(act->device) && a->event.joined >= 2) {
        begin(a); /* Start */
        return;
    }
    if (control < 0 || app_team_of(a, control) >= 0 || a->event.joined >= a->event.nteams)
        return;
    a->event.team_control[a->event.joined++] = control;
    a->dirty = true;
    hooks_trace("join team %d control %d", a->event.joined, control);
}

static int tick(app *a, uint32_t now)
{
    return app_idle_check(a, now); /* a kiosk left alone goes back to its title */
}

static void draw(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int m = ui_px(u, 0.03);
    widget_header(&a->ui, a->event.mode == MODE_BUZZER ? _("Buzzer quiz") : _("Team quiz"),
                  _("Join"), a->event.joined >= 2 ? _("Ready") : _("2 teams or more"));
    int top = m + ui_line_height(u, ui_font_px(u, 0.042), true) + m;

    /* the big call */
    int cpx = ui_font_px(u, 0.07);
    SDL_Rect call = {m, top, u->w - 2 * m, ui_line_height(u, cpx, true)};
    ui_text_fit(u, _("Press any button to join"), call, cpx, ui_min_px(u), true, t->text,
                UI_CENTER, false);
    top += call.h + m;

    /* the slots side by side */
    /* from the bottom up: the hint and the keys' note, each on as many
     * lines as it needs at the smallest size (more in large print) */
    const char *hint = a->event.joined >= 2 ? _("Enter or Start: begin \xC2\xB7 Esc: back")
                                            : _("Enter or Start begins with 2 teams \xC2\xB7 Esc: back");
    const char *zones = _("Keyboard teams: Q W E R \xC2\xB7 U I O P \xC2\xB7 the arrows \xC2\xB7 keypad "
                          "1 2 3 4 (choices A B C D). Gamepads: A B X Y. Buzz! handsets: the colours.");
    int hint_y = widget_hint(&a->ui, hint);
    int zones_h = ui_text_lines(u, zones, u->w - 2 * m, ui_min_px(u), false) *
                  ui_line_height(u, ui_min_px(u), false);
    int bottom = hint_y - m / 2 - zones_h - m / 2;
    int n = a->event.nteams;
    int gap = m / 2;
    int width = u->w - 2 * m;
    int sw = (width - gap * (n - 1)) / n;
    int sh = bottom - top;
    for (int i = 0; i < n; i++) {
        SDL_Rect r = {m + i * (sw + gap), top, sw, sh};
        bool in = i < a->event.joined;
        ui_panel(u, r, in ? t->panel_hi : t->panel, ui_px(u, 0.015));
        if (in)
            ui_frame(u, r, widget_team_color(i), ui_px(u, 0.008), ui_px(u, 0.015));
        ui_log(u, r, 0, false, "slot");
        int badge = sw * 45 / 100;
        if (badge > sh * 35 / 100)
            badge = sh * 35 / 100;
        char what[64];
        if (in)
            app_control_name(a, a->event.team_control[i], what, sizeof what);
        else
            snprintf(what, sizeof what, "%s", i == a->event.joined ? _("Press any button") : _("Free"));
        /* badge, name and control, together in the middle of the slot */
        int npx = ui_font_px(u, 0.055);
        int nh = ui_line_height(u, npx, true);
        int inner = r.w - 2 * (m / 3);
        int content = badge + m / 2 + nh + m / 3 + ui_text_height(u, what, inner, ui_min_px(u), in);
        int y = r.y + (r.h - content) / 2;
        if (y < r.y + m / 2)
            y = r.y + m / 2;
        widget_team_badge(&a->ui, i, r.x + r.w / 2, y + badge / 2, badge);
        y += badge + m / 2;
        SDL_Rect nb = {r.x + m / 3, y, inner, nh};
        ui_text_fit(u, a->event.team_names[i], nb, npx, ui_min_px(u), true, t->text, UI_CENTER, false);
        y += nb.h + m / 3;
        SDL_Rect wb = {r.x + m / 3, y, inner, r.y + r.h - y - m / 3};
        if (wb.h >= ui_line_height(u, ui_min_px(u), false))
            ui_text_fit(u, what, wb, ui_min_px(u), ui_min_px(u), in, in ? t->text : t->dim,
                        UI_CENTER, false);
    }

    SDL_Rect zb = {m, bottom + m / 2, u->w - 2 * m, zones_h};
    ui_text_fit(u, zones, zb, ui_min_px(u), ui_min_px(u), false, t->dim, UI_CENTER, true);
}

const screen screen_join = {.name = "join", .enter = enter, .action = on_action, .tick = tick, .draw = draw};
