/* screen_idle.c - kiosk mode: an idle player is warned with a countdown
 * and, when nobody answers, the round ends and the title returns with the
 * kiosk's settings as it was set up (the mode of the config). */
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
        a->event.mode = a->cfg.mode; /* the next visitor finds the kiosk as set up */
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
    snprintf(msg, sizeof msg, ngettext("Resetting in %d second, press any key",
                                       "Resetting in %d seconds, press any key", left),
             left);
    int px = ui_font_px(u, 0.06), tpx = ui_font_px(u, 0.08);
    SDL_Rect box = {u->w / 10, u->h / 2, u->w * 8 / 10, ui_line_height(u, px, false) * 2};
    /* the overlay's own panel behind its text (app_overlay_panel()) */
    int pad = ui_px(u, 0.04);
    int top = u->h / 3 - pad;
    app_overlay_panel(a, (SDL_Rect){box.x - pad, top, box.w + 2 * pad,
                                    box.y + box.h + pad - top});
    ui_text(u, _("Still there?"), tpx, true, t->warn, u->w / 2, u->h / 3, UI_CENTER);
    ui_text_fit(u, msg, box, px, ui_min_px(u), false, t->text, UI_CENTER, false);
}

const screen screen_idle = {.name = "idle", .action = on_action, .tick = tick, .draw = draw, .overlay = true};
