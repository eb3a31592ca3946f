/* screen_idle.c - kiosk mode: an idle player is warned with a countdown
 * and, when nobody answers, the round ends and the title returns. */
#include <stdio.h>

#include "app.h"
#include "i18n.h"

#define WARN_MS 10000

static void on_action(app *a, const action *act)
{
    if (act->kind != ACT_HOVER)
        app_go(a, GO_RESUME);
}

static int tick(app *a, uint32_t now)
{
    uint32_t since = now - a->screen_since;
    if (since >= WARN_MS) {
        app_go(a, GO_ABANDON);
        return 0;
    }
    a->dirty = true;
    uint32_t left = WARN_MS - since;
    return (int)(left % 1000 ? left % 1000 : 1000);
}

static void draw(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int left = (int)((WARN_MS - (SDL_GetTicks() - a->screen_since) + 999) / 1000);
    if (left < 0)
        left = 0;
    char msg[96];
    snprintf(msg, sizeof msg, _("Resetting in %d s, press any key"), left);
    int px = ui_font_px(u, 0.06);
    ui_text(u, _("Still there?"), ui_font_px(u, 0.08), true, t->warn, u->w / 2, u->h / 3,
            UI_CENTER);
    SDL_Rect box = {u->w / 10, u->h / 2, u->w * 8 / 10, ui_line_height(u, px, false) * 2};
    ui_text_fit(u, msg, box, px, ui_min_px(u), false, t->text, UI_CENTER, false);
}

const screen screen_idle = {.name = "idle", .action = on_action, .tick = tick, .draw = draw, .overlay = true};
