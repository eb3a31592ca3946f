/* screen_lobby.c - phones join: the join address (this machine's LAN
 * address and the port), its QR code, the game's PIN big, how many have
 * joined and the latest names (a lost phone shows "reconnecting" for the
 * grace period). The host: Enter starts, Up/Down pick a name and Delete
 * removes that player or lets them back, Esc goes back to the title (the
 * server stops). The crowd is read under the server's lock into a
 * snapshot when it changed; drawing reads only the snapshot. */
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "hooks.h"
#include "i18n.h"
#include "widgets.h"

#define LIST_MAX 12
#define QR_MAX 57 /* modules a side, at most (version 10; a join address needs 2 or 3) */

typedef struct lobby_entry {
    size_t player;
    char name[CROWD_NAME_MAX + 1];
    bool connected, removed;
} lobby_entry;

typedef struct lobby_state {
    unsigned char qr[QR_MAX * QR_MAX]; /* 1: dark */
    int qr_size;                       /* 0: none */
    uint64_t version;                  /* the crowd's, when the snapshot was taken */
    size_t players, active;
    lobby_entry list[LIST_MAX]; /* the latest first */
    int nlist;
    int sel; /* in list, -1: none */
} lobby_state;

static void snapshot(app *a, lobby_state *st, bool force)
{
    crowd *c = app_crowd_lock(a);
    uint64_t v = crowd_version(c);
    if (force || v != st->version) {
        st->version = v;
        st->players = crowd_players(c);
        st->active = crowd_active(c);
        st->nlist = 0;
        for (size_t i = st->players; i-- > 0 && st->nlist < LIST_MAX;) {
            const crowd_player *p = crowd_player_get(c, i);
            lobby_entry *e = &st->list[st->nlist++];
            e->player = i;
            snprintf(e->name, sizeof e->name, "%s", p->name);
            e->connected = p->connected;
            e->removed = p->removed;
        }
        if (st->sel >= st->nlist)
            st->sel = st->nlist - 1;
        a->dirty = true;
    }
    app_crowd_unlock(a);
}

static void enter(app *a)
{
    lobby_state *st = app_screen_state(a);
    st->sel = -1;
    QRcode *q = QRcode_encodeString(a->event.join_url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q && q->width <= QR_MAX) {
        st->qr_size = q->width;
        for (int i = 0; i < q->width * q->width; i++)
            st->qr[i] = q->data[i] & 1;
    }
    QRcode_free(q);
    snapshot(a, st, true);
}

static void on_action(app *a, const action *act)
{
    lobby_state *st = app_screen_state(a);
    bool keyboard = act->device == INPUT_KEYBOARD;
    if (!keyboard)
        return; /* the host's keyboard only: a gamepad may be anyone's */
    switch (act->kind) {
    case ACT_CONFIRM:
        if (act->ch == '\n' && st->active > 0) /* Enter, not a stray Space */
            app_go(a, GO_CROWD);
        break;
    case ACT_PAUSE: app_go(a, GO_CROWD_DONE); break;
    case ACT_UP:
        if (st->nlist) {
            st->sel = st->sel <= 0 ? 0 : st->sel - 1;
            a->dirty = true;
        }
        break;
    case ACT_DOWN:
        if (st->nlist) {
            st->sel = st->sel + 1 >= st->nlist ? st->nlist - 1 : st->sel + 1;
            a->dirty = true;
        }
        break;
    case ACT_DELETE:
        if (st->sel >= 0 && st->sel < st->nlist) {
            lobby_entry *e = &st->list[st->sel];
            crowd *c = app_crowd_lock(a);
            if (e->removed)
                crowd_readmit(c, e->player);
            else
                crowd_remove(c, e->player);
            app_crowd_unlock(a);
            hooks_trace("crowd %s player %zu", e->removed ? "readmit" : "remove", e->player + 1);
            snapshot(a, st, true);
        }
        break;
    default: break;
    }
}

static int tick(app *a, uint32_t now)
{
    (void)now;
    lobby_state *st = app_screen_state(a);
    size_t before = st->players;
    snapshot(a, st, false);
    if (st->players != before)
        hooks_trace("crowd joined %zu", st->players);
    app_save_crowd(a);
    return 1000; /* "reconnecting" may change with no event */
}

static void draw_qr(app *a, const lobby_state *st, SDL_Rect box)
{
    ui *u = &a->ui;
    if (!st->qr_size)
        return;
    int side = box.w < box.h ? box.w : box.h;
    int quiet = 4; /* modules of white all round, as the standard asks */
    int mod = side / (st->qr_size + 2 * quiet);
    if (mod < 1)
        mod = 1;
    int full = mod * (st->qr_size + 2 * quiet);
    SDL_Rect bg = {box.x + (box.w - full) / 2, box.y + (box.h - full) / 2, full, full};
    ui_fill(u, bg, (SDL_Color){255, 255, 255, 255});
    SDL_Color black = {0, 0, 0, 255};
    for (int y = 0; y < st->qr_size; y++)
        for (int x = 0; x < st->qr_size; x++)
            if (st->qr[y * st->qr_size + x])
                ui_fill(u, (SDL_Rect){bg.x + (quiet + x) * mod, bg.y + (quiet + y) * mod, mod, mod},
                        black);
    ui_log(u, bg, 0, false, "qr code");
}

static void draw(app *a)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    const lobby_state *st = app_screen_state(a);
    widget_header(u, _("Play on your phone"), NULL, NULL);
    int hint_y = widget_hint(u, _("Enter: start \xC2\xB7 Up/Down and Delete: remove a player or "
                                  "let them back \xC2\xB7 Esc: title"));
    int mg = ui_px(u, 0.03);
    SDL_Rect hb = widget_header_box(u, 0);
    int lpx = ui_font_px(u, 0.04), lh = ui_line_height(u, lpx, false);
    int upx = ui_font_px(u, 0.06), ulh = ui_line_height(u, upx, true);
    /* the join address across the screen's width, under the header */
    int y = hb.y + hb.h + mg / 2;
    int fw = u->w - 2 * mg;
    ui_text_fit(u, _("Open this address on a phone on this network:"), (SDL_Rect){mg, y, fw, lh},
                lpx, ui_min_px(u), false, t->dim, UI_LEFT, false);
    y += lh;
    ui_text_fit(u, a->event.join_url, (SDL_Rect){mg, y, fw, ulh}, upx, ui_min_px(u), true,
                t->accent, UI_LEFT, false);
    y += ulh + mg / 2;
    /* below it: the QR code at the left, as tall as the space, and the
     * PIN, the count and the names at the right */
    int top = y;
    int h = hint_y - mg / 2 - top;
    int qside = h < u->w / 2 - 2 * mg ? h : u->w / 2 - 2 * mg;
    draw_qr(a, st, (SDL_Rect){mg, top, qside, qside});
    int x = mg + qside + mg, w = u->w - x - mg;
    /* the PIN as big as the space left for it allows */
    int ppx = ui_font_px(u, 0.14), plh = ui_line_height(u, ppx, true);
    while (ppx > upx && lh + plh + mg / 2 + ulh > h) {
        ppx--;
        plh = ui_line_height(u, ppx, true);
    }
    ui_text_fit(u, _("Game PIN"), (SDL_Rect){x, y, w, lh}, lpx, ui_min_px(u), false, t->dim,
                UI_LEFT, false);
    y += lh;
    const char *pin = a->event.pin;
    char spaced[16]; /* 123 456: read aloud in two halves */
    snprintf(spaced, sizeof spaced, "%.3s %.3s", pin, pin + 3);
    ui_text_fit(u, spaced, (SDL_Rect){x, y, w, plh}, ppx, ui_min_px(u), true, t->text, UI_LEFT,
                false);
    y += plh + mg / 2;
    char count[96];
    snprintf(count, sizeof count, ngettext("%zu player joined", "%zu players joined", st->active),
             st->active);
    ui_text_fit(u, count, (SDL_Rect){x, y, w, ulh}, upx, ui_min_px(u), true, t->text, UI_LEFT,
                false);
    y += ulh + mg / 4;
    /* the latest names, newest first, as many as fit */
    int npx = ui_min_px(u), nlh = ui_line_height(u, npx, false);
    for (int i = 0; i < st->nlist && y + nlh <= hint_y - mg / 2; i++) {
        const lobby_entry *e = &st->list[i];
        /* the status whole at the right, the name cut before it if need be */
        const char *status = e->removed ? _("removed") : !e->connected ? _("reconnecting") : "";
        int sw = status[0] ? ui_text_width(u, status, npx, false) + mg / 2 : 0;
        SDL_Rect r = {x, y, w, nlh};
        if (i == st->sel) {
            ui_panel(u, r, t->panel_hi, ui_px(u, 0.006));
            ui_frame(u, r, t->accent, ui_px(u, 0.003) + 1, ui_px(u, 0.006));
        }
        ui_text_fit(u, e->name, (SDL_Rect){x + mg / 3, y, w - mg / 3 - sw, nlh}, npx, npx, false,
                    e->removed ? t->dim : t->text, UI_LEFT, true);
        if (status[0])
            ui_text_fit(u, status, (SDL_Rect){x + w - sw, y, sw - mg / 6, nlh}, npx, npx, false,
                        t->dim, UI_RIGHT, true);
        y += nlh;
    }
}

const screen screen_lobby = {
    .name = "lobby",
    .enter = enter,
    .action = on_action,
    .tick = tick,
    .draw = draw,
    .state_size = sizeof(lobby_state),
};
