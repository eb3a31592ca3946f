/* screen_name.c - the player's name, arcade style: a grid of on-screen keys
 * for mouse, touch and gamepad (D-pad moves, A presses), and typing on a
 * keyboard (letters, digits, Backspace, Enter). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "widgets.h"

#define COLS 10
static const char *const keys[] = {
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q",
    "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "0", "1", "2", "3", "4", "5", "6", "7",
    /* TRANSLATORS: keys of the on-screen keyboard, about three letters wide:
       keep them short (a symbol such as ␣ or ⌫ will do) */
    "8", "9", "-", N_("Space"), N_("Delete"), N_("OK"),
};
#define NKEYS ((int)(sizeof keys / sizeof keys[0]))
#define KEY_SPACE 37
#define KEY_DELETE 38
#define KEY_OK 39

static void enter(app *a)
{
    a->selected = 0;
}

static void type(app *a, char c)
{
    size_t n = strlen(a->player);
    if (n < 12 && n < STORE_NAME_MAX) {
        a->player[n] = c;
        a->player[n + 1] = '\0';
    }
    a->dirty = true;
}

static void press(app *a, int key)
{
    size_t n = strlen(a->player);
    if (key == KEY_OK) {
        while (n && a->player[n - 1] == ' ')
            a->player[--n] = '\0';
        if (!n)
            /* TRANSLATORS: the name of a player who typed none (high scores) */
            snprintf(a->player, sizeof a->player, "%s", _("Player"));
        app_go(a, GO_NAME_DONE);
        return;
    }
    if (key == KEY_DELETE) {
        if (n)
            a->player[n - 1] = '\0';
        a->dirty = true;
    } else if (key == KEY_SPACE) {
        if (n)
            type(a, ' ');
    } else if (key >= 0 && key < NKEYS) {
        type(a, keys[key][0]);
    }
}

typedef struct layout {
    SDL_Rect name, keys[NKEYS];
    int px;
} layout;

static void make_layout(app *a, layout *l)
{
    ui *u = &a->ui;
    int m = ui_px(u, 0.04);
    int hpx = ui_font_px(u, 0.05);
    int top = m + ui_line_height(u, hpx, true) + m / 2;
    l->px = ui_font_px(u, 0.05);
    int nh = ui_line_height(u, l->px, true) + m / 2;
    int width = u->w - 2 * m;
    if (width > u->h * 16 / 10)
        width = u->h * 16 / 10;
    int x = (u->w - width) / 2;
    l->name = (SDL_Rect){x, top, width, nh};
    top += nh + m;
    int hint = ui_line_height(u, ui_min_px(u), false) + m;
    int rows = (NKEYS + COLS - 1) / COLS;
    int gap = ui_px(u, 0.012);
    int kh = (u->h - top - hint - gap * (rows - 1)) / rows;
    int kw = (width - gap * (COLS - 1)) / COLS;
    if (kh > kw * 12 / 10)
        kh = kw * 12 / 10;
    for (int i = 0; i < NKEYS; i++) {
        int r = i / COLS, c = i % COLS;
        l->keys[i] = (SDL_Rect){x + c * (kw + gap), top + r * (kh + gap), kw, kh};
    }
    /* the last row: Space, Delete and OK are wider */
    int last = (NKEYS - 1) / COLS;
    int y = top + last * (kh + gap);
    int first = last * COLS;
    int nlast = NKEYS - first;
    int unit = (width - gap * (nlast - 1)) / (nlast + 5);
    int cx = x;
    for (int i = first; i < NKEYS; i++) {
        int w = i >= KEY_SPACE ? unit * 8 / 3 : unit;
        if (i == NKEYS - 1)
            w = x + width - cx;
        l->keys[i] = (SDL_Rect){cx, y, w, kh};
        cx += w + gap;
    }
}

static void on_action(app *a, const action *act)
{
    int row = a->selected / COLS, col = a->selected % COLS;
    int rows = (NKEYS + COLS - 1) / COLS;
    switch (act->kind) {
    case ACT_CHOICE:
    case ACT_CHAR:
        type(a, act->ch);
        break;
    case ACT_DELETE:
    case ACT_BACK:
        press(a, KEY_DELETE);
        break;
    case ACT_CONFIRM:
        press(a, act->device == INPUT_KEYBOARD ? KEY_OK : a->selected);
        break;
    case ACT_LEFT: a->selected = a->selected > 0 ? a->selected - 1 : NKEYS - 1; break;
    case ACT_RIGHT: a->selected = (a->selected + 1) % NKEYS; break;
    case ACT_UP:
        row = (row + rows - 1) % rows;
        a->selected = row * COLS + col < NKEYS ? row * COLS + col : NKEYS - 1;
        break;
    case ACT_DOWN:
        row = (row + 1) % rows;
        a->selected = row * COLS + col < NKEYS ? row * COLS + col : NKEYS - 1;
        break;
    case ACT_POINT: {
        layout l;
        make_layout(a, &l);
        for (int i = 0; i < NKEYS; i++)
            if (ui_point_in(l.keys[i], act->x, act->y)) {
                a->selected = i;
                press(a, i);
                return;
            }
        break;
    }
    case ACT_PAUSE:
        if (!a->name_for_score)
            app_go(a, GO_TITLE);
        else
            press(a, KEY_OK);
        return;
    default:
        return;
    }
    a->dirty = true;
}

static int tick(app *a, uint32_t now)
{
    return app_idle_check(a, now);
}

static void draw(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int m = ui_px(u, 0.04);
    layout l;
    make_layout(a, &l);
    ui_text(u, a->name_for_score ? _("New high score! Your name?") : _("Your name?"),
            ui_font_px(u, 0.05), true, t->text, u->w / 2, m, UI_CENTER);
    ui_panel(u, l.name, t->panel, l.name.h / 5);
    ui_frame(u, l.name, t->accent, ui_px(u, 0.004), 0);
    char shown[STORE_NAME_MAX + 8];
    snprintf(shown, sizeof shown, "%s_", a->player);
    SDL_Rect nb = {l.name.x + m / 2, l.name.y, l.name.w - m, l.name.h};
    ui_text_fit(u, shown, nb, l.px, ui_min_px(u), true, t->text, UI_CENTER, true);
    for (int i = 0; i < NKEYS; i++) {
        bool sel = i == a->selected;
        ui_panel(u, l.keys[i], sel ? t->accent : t->panel, l.keys[i].h / 6);
        ui_log(u, l.keys[i], 0, false, "key");
        int px = ui_font_px(u, 0.045);
        SDL_Rect kb = {l.keys[i].x + 2, l.keys[i].y, l.keys[i].w - 4, l.keys[i].h};
        ui_text_fit(u, _(keys[i]), kb, px, ui_min_px(u), true, sel ? t->on_badge : t->text,
                    UI_CENTER, true);
    }
    widget_hint(&a->ui, _("Type or pick letters \xC2\xB7 Enter or OK when done"));
}

const screen screen_name = {.name = "name", .enter = enter, .action = on_action, .tick = tick, .draw = draw};
