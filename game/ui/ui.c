/* ui.c - window, theme, text cache, shapes. Start reading at ui_open(). */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hooks.h"
#include "util.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

typedef struct ui_text_entry {
    struct ui_text_entry *next;
    char *s;
    int px;
    bool bold;
    Uint32 rgba;
    SDL_Texture *tex;
    int w, h;
    unsigned frame; /* the last whole frame that drew it */
} ui_text_entry;

/* ---- themes ---- */

static SDL_Color rgb(unsigned v)
{
    return (SDL_Color){(Uint8)(v >> 16), (Uint8)(v >> 8), (Uint8)v, 255};
}

/* Every theme passes WCAG 2's contrast rules (tests/test_contrast.c checks
 * each pair and the rendered pixels): text, dim, accent, good, bad and
 * warn at 4.5:1 or more on bg, panel and panel_hi; on_badge at 4.5:1 on
 * every choice colour; each choice colour at 3:1 on bg, and each panel
 * told from bg at 3:1 by its fill or its edge. Badge colours from the
 * Okabe-Ito palette (colour-blind safe); each badge also has its own shape
 * and letter. */
void ui_theme_of(config_theme which, ui_theme *t)
{
    switch (which) {
    case THEME_LIGHT:
        *t = (ui_theme){.bg = rgb(0xf4f1ea), .panel = rgb(0xffffff), .panel_hi = rgb(0xdde8f5),
                        .edge = rgb(0x6b6b6b), .text = rgb(0x1b1b1b), .dim = rgb(0x555555),
                        .accent = rgb(0x0060a8), .good = rgb(0x146c2e), .bad = rgb(0xb3261e),
                        .warn = rgb(0x865000), .on_badge = rgb(0xffffff),
                        .choice = {rgb(0x0072b2), rgb(0xb35c00), rgb(0x007a5e), rgb(0xa8457a),
                                   rgb(0x5a5a5a)}};
        break;
    case THEME_HIGH_CONTRAST:
        /* black panels on black: their white edge shows them */
        *t = (ui_theme){.bg = rgb(0x000000), .panel = rgb(0x000000), .panel_hi = rgb(0x303000),
                        .edge = rgb(0xffffff), .text = rgb(0xffffff), .dim = rgb(0xffffff),
                        .accent = rgb(0xffff00), .good = rgb(0x00ff66), .bad = rgb(0xff7a7a),
                        .warn = rgb(0xffff00), .on_badge = rgb(0x000000),
                        .choice = {rgb(0x56b4e9), rgb(0xe69f00), rgb(0x00e0a0), rgb(0xff9ad5),
                                   rgb(0xffffff)}};
        break;
    default:
        *t = (ui_theme){.bg = rgb(0x14181f), .panel = rgb(0x222a35), .panel_hi = rgb(0x2f4058),
                        .edge = rgb(0x8c9aae), .text = rgb(0xf2f2f2), .dim = rgb(0xa9b3c1),
                        .accent = rgb(0x56b4e9), .good = rgb(0x3ec46d), .bad = rgb(0xff8a7e),
                        .warn = rgb(0xf0c040), .on_badge = rgb(0x101010),
                        .choice = {rgb(0x56b4e9), rgb(0xe69f00), rgb(0x2ec4a0), rgb(0xe08ac0),
                                   rgb(0xd8d8d8)}};
    }
}

/* WCAG 2's relative luminance of an sRGB colour. */
static double luminance(SDL_Color c)
{
    double v[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

double ui_contrast(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

SDL_Color ui_ink_on(SDL_Color fill)
{
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    return ui_contrast(fill, black) >= ui_contrast(fill, white) ? black : white;
}

/* ---- fonts ---- */

static bool file_exists(const char *p)
{
    int fd = open(p, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    bool yes = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (fd >= 0)
        close(fd);
    return yes;
}

/* Why the font file at p cannot be used (a static string), or NULL. Never
 * waits on a FIFO. */
static const char *font_problem(const char *p)
{
    int fd = open(p, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return strerror(errno);
    struct stat st;
    int e = fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    bool regular = e == 0 && S_ISREG(st.st_mode);
    close(fd);
    if (e)
        return strerror(e);
    return regular ? NULL : "not a regular file (a FIFO, device or socket)";
}

/* DejaVu Sans (file) from assets/ (next to the program's source tree or
 * installed data), else the system folders. */
static char *find_font(const char *file, char **err)
{
    char *base = SDL_GetBasePath();
    const char *dirs[] = {base, "assets", NULL, "/usr/share/fonts/truetype/dejavu",
                          "/usr/share/fonts/dejavu", "/usr/local/share/fonts"};
    char *rel = base ? xasprintf("%s../assets", base) : NULL;
    char *datadir = NULL;
#ifdef QUIZMILL_DATADIR
    datadir = xasprintf("%s/assets", QUIZMILL_DATADIR);
#endif
    dirs[0] = rel;
    dirs[2] = datadir;
    char *found = NULL;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0] && !found; i++) {
        if (!dirs[i])
            continue;
        char *p = xasprintf("%s/%s", dirs[i], file);
        if (file_exists(p))
            found = p;
        else
            free(p);
    }
    free(rel);
    free(datadir);
    SDL_free(base);
    if (!found)
        *err = xasprintf("cannot find font %s (install fonts-dejavu-core or set [display] font)",
                         file);
    return found;
}

static TTF_Font *font(ui *u, int px, bool bold)
{
    for (size_t i = 0; i < u->nfonts; i++)
        if (u->fonts[i].px == px && u->fonts[i].bold == bold)
            return u->fonts[i].font;
    const char *path = bold && u->bold_path ? u->bold_path : u->font_path;
    TTF_Font *f = TTF_OpenFont(path, px);
    if (!f) {
        SDL_LogError(SDL_LOG_CATEGORY_APPLICATION, "cannot open font %s: %s", path,
                     TTF_GetError());
        exit(1);
    }
    if (u->nfonts == sizeof u->fonts / sizeof u->fonts[0]) {
        /* evict the oldest size */
        TTF_CloseFont(u->fonts[0].font);
        memmove(u->fonts, u->fonts + 1, (u->nfonts - 1) * sizeof u->fonts[0]);
        u->nfonts--;
    }
    u->fonts[u->nfonts++] = (ui_font_slot){px, bold, f};
    return f;
}

/* ---- window ---- */

/* The display the window is on (the first without one): whole, or what
 * panels and docks leave (usable). */
static SDL_Rect display_area(SDL_Window *w, bool usable)
{
    int d = w ? SDL_GetWindowDisplayIndex(w) : 0;
    if (d < 0)
        d = 0;
    SDL_Rect r = {0, 0, 0, 0};
    if ((usable ? SDL_GetDisplayUsableBounds(d, &r) : SDL_GetDisplayBounds(d, &r)) != 0 ||
        r.w <= 0 || r.h <= 0) {
        if (usable)
            return display_area(w, false);
        r = (SDL_Rect){0, 0, 0, 0}; /* unknown: no limit */
    }
    return r;
}

/* Shrinks *w x *h, keeping its shape, to fit in area (unless area is
 * unknown): a 1280x720 window asked on a 1024x768 screen is 1024x576. */
static void fit_window(int *w, int *h, SDL_Rect area)
{
    /* the dummy and offscreen drivers' "display" is made up: any size goes */
    const char *d = SDL_GetCurrentVideoDriver();
    if (d && (strcmp(d, "dummy") == 0 || strcmp(d, "offscreen") == 0))
        return;
    if (area.w <= 0 || area.h <= 0 || (*w <= area.w && *h <= area.h))
        return;
    double k = fmin((double)area.w / *w, (double)area.h / *h);
    *w = (int)(*w * k);
    *h = (int)(*h * k);
}

/* Once a window manager has framed the window (its frame's size comes
 * after the window is shown): shrinks it so that the frame fits in area
 * too, and centres it; once for each time the window is windowed, so a
 * size the user drags is left alone. */
static void fit_decorations(ui *u, SDL_Rect area)
{
    int top = 0, left = 0, bottom = 0, right = 0;
    if (area.w <= 0 || SDL_GetWindowBordersSize(u->win, &top, &left, &bottom, &right) != 0 ||
        top + left + bottom + right <= 0)
        return; /* no frame (yet): ui_resized() asks again */
    u->frame_fitted = true;
    SDL_Rect inner = {area.x + left, area.y + top, area.w - left - right, area.h - top - bottom};
    int w = u->win_w, h = u->win_h;
    fit_window(&w, &h, inner);
    if (w == u->win_w && h == u->win_h)
        return;
    u->win_w = w;
    u->win_h = h;
    SDL_SetWindowSize(u->win, w, h);
    SDL_SetWindowPosition(u->win, inner.x + (inner.w - w) / 2, inner.y + (inner.h - h) / 2);
}

int ui_open(ui *u, const ui_options *o, char **err)
{
    memset(u, 0, sizeof *u);
    u->font_scale = o->font_scale > 0 ? o->font_scale : 1.0;
    ui_theme_of(o->theme, &u->theme);
    if (o->font) { /* the config's: used for bold too */
        const char *why = font_problem(o->font);
        if (why) {
            *err = xstrdup(why);
            return UI_FONT_FAILED;
        }
        u->font_path = xstrdup(o->font);
    } else {
        u->font_path = find_font("DejaVuSans.ttf", err);
        if (!u->font_path)
            return -1;
        char *ignore = NULL;
        u->bold_path = find_font("DejaVuSans-Bold.ttf", &ignore);
        free(ignore);
    }
    if (TTF_Init() != 0) {
        *err = xasprintf("cannot start SDL_ttf: %s", TTF_GetError());
        return -1;
    }
    if (o->font) { /* a file that is not a font: say so now */
        TTF_Font *probe = TTF_OpenFont(u->font_path, 12);
        if (!probe) {
            *err = xstrdup("not a TrueType or OpenType font");
            return UI_FONT_FAILED;
        }
        TTF_CloseFont(probe);
    }
    /* auto is the software path: no GPU needed, and where there is none
     * (most classroom PCs and kiosks run Mesa's llvmpipe) OpenGL would cost
     * ~100 MiB and twice the startup; telling llvmpipe from a real GPU would
     * itself need that GL context. A GPU is opt-in: renderer = accelerated. */
    bool software = !o->accelerated;
    if (software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    u->fullscreen = o->fullscreen;
    u->win_w = o->width;
    u->win_h = o->height;
    SDL_Rect usable = display_area(NULL, true), whole = display_area(NULL, false);
    fit_window(&u->win_w, &u->win_h, usable);
    /* fullscreen is a borderless window of the display's size at its
     * corner as well as SDL's fullscreen: a window manager makes it
     * fullscreen, and on a bare X server (a kiosk with no window manager,
     * where nobody answers SDL's fullscreen request) it already is */
    SDL_Rect at = {SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, u->win_w, u->win_h};
    if (u->fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        at = whole;
    }
    u->win = SDL_CreateWindow(o->title, at.x, at.y, at.w, at.h, flags);
    if (!u->win) {
        *err = xasprintf("cannot open a window: %s", SDL_GetError());
        return -1;
    }
    if (!u->fullscreen)
        fit_decorations(u, usable);
    u->ren = SDL_CreateRenderer(u->win, -1, software ? SDL_RENDERER_SOFTWARE : 0);
    if (!u->ren && !software)
        u->ren = SDL_CreateRenderer(u->win, -1, SDL_RENDERER_SOFTWARE);
    if (!u->ren) {
        *err = xasprintf("cannot create a renderer: %s", SDL_GetError());
        return -1;
    }
    SDL_SetRenderDrawBlendMode(u->ren, SDL_BLENDMODE_BLEND);
    /* SDL's software renderer draws into the window surface and presents it
     * with SDL_UpdateWindowSurface(): what was drawn stays, and a part can
     * be pushed to the screen alone (the countdown bar) */
    SDL_RendererInfo info;
    u->direct = SDL_GetRendererInfo(u->ren, &info) == 0 && strcmp(info.name, "software") == 0 &&
                SDL_GetWindowSurface(u->win) != NULL;
    ui_resized(u);
    return 0;
}

#define TEXT_CACHE_MAX 4096            /* strings cached, at most */
#define TEXT_CACHE_BYTES (16u << 20)   /* their pixels (RGBA), about */
#define TEXT_CACHE_KEEP (1u << 20)     /* above this, what a frame left out goes */

static void cache_clear(ui *u)
{
    for (size_t i = 0; i < u->cache_cap; i++) {
        ui_text_entry *e = u->cache[i];
        while (e) {
            ui_text_entry *next = e->next;
            SDL_DestroyTexture(e->tex);
            free(e->s);
            free(e);
            e = next;
        }
        u->cache[i] = NULL;
    }
    u->cache_n = 0;
    u->cache_bytes = 0;
}

/* Drops the entries the frame just drawn did not use: a count redrawn with a
 * new value at every answer leaves its old values behind, and they would
 * otherwise stay until the hard limits above. */
static void cache_trim(ui *u)
{
    for (size_t i = 0; i < u->cache_cap; i++) {
        ui_text_entry **pe = &u->cache[i];
        while (*pe) {
            ui_text_entry *e = *pe;
            if (e->frame == u->frame) {
                pe = &e->next;
                continue;
            }
            *pe = e->next;
            u->cache_bytes -= (size_t)e->w * (size_t)e->h * 4;
            u->cache_n--;
            SDL_DestroyTexture(e->tex);
            free(e->s);
            free(e);
        }
    }
}

void ui_text_flush(ui *u)
{
    cache_clear(u);
}

void ui_close(ui *u)
{
    cache_clear(u);
    free(u->cache);
    for (size_t i = 0; i < u->nfonts; i++)
        TTF_CloseFont(u->fonts[i].font);
    if (u->ren)
        SDL_DestroyRenderer(u->ren);
    if (u->win)
        SDL_DestroyWindow(u->win);
    if (TTF_WasInit())
        TTF_Quit();
    free(u->font_path);
    free(u->bold_path);
    free(u->boxes);
    memset(u, 0, sizeof *u);
}

bool ui_resized(ui *u)
{
    if (!u->fullscreen && !u->frame_fitted)
        fit_decorations(u, display_area(u->win, true));
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(u->ren, &w, &h) != 0 || w <= 0 || h <= 0)
        SDL_GetWindowSize(u->win, &w, &h);
    if (w < 64)
        w = 64;
    if (h < 48)
        h = 48;
    if (w == u->w && h == u->h)
        return false;
    u->w = w;
    u->h = h;
    hooks_trace("window %dx%d %s", w, h, u->fullscreen ? "fullscreen" : "windowed");
    cache_clear(u);
    /* fonts of old sizes are no longer needed */
    for (size_t i = 0; i < u->nfonts; i++)
        TTF_CloseFont(u->fonts[i].font);
    u->nfonts = 0;
    return true;
}

/* Why F11 did nothing on a bare X server: SDL_SetWindowFullscreen() only
 * asks the window manager (_NET_WM_STATE_FULLSCREEN); with none, the X
 * window keeps its size while SDL believes it has the display's, so the
 * frame is laid out for the display and cropped. The window is therefore
 * also moved and sized by hand, which needs no window manager. */
void ui_toggle_fullscreen(ui *u)
{
    u->fullscreen = !u->fullscreen;
    int rc;
    if (u->fullscreen) {
        SDL_Rect b = display_area(u->win, false);
        SDL_SetWindowBordered(u->win, SDL_FALSE);
        SDL_SetWindowSize(u->win, b.w, b.h);
        SDL_SetWindowPosition(u->win, b.x, b.y);
        rc = SDL_SetWindowFullscreen(u->win, SDL_WINDOW_FULLSCREEN_DESKTOP);
    } else {
        rc = SDL_SetWindowFullscreen(u->win, 0);
        u->frame_fitted = false;
        SDL_Rect usable = display_area(u->win, true);
        fit_window(&u->win_w, &u->win_h, usable);
        SDL_SetWindowBordered(u->win, SDL_TRUE);
        SDL_SetWindowSize(u->win, u->win_w, u->win_h);
        SDL_SetWindowPosition(u->win, usable.x + (usable.w - u->win_w) / 2,
                              usable.y + (usable.h - u->win_h) / 2);
        fit_decorations(u, usable);
    }
    if (rc != 0)
        SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "cannot switch full screen: %s",
                    SDL_GetError());
    if (!ui_resized(u)) /* a window manager that keeps it fullscreen */
        hooks_trace("window %dx%d %s", u->w, u->h, u->fullscreen ? "fullscreen" : "windowed");
}

char *ui_screenshot(ui *u, const char *dir, char **err)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, u->w, u->h, 24, SDL_PIXELFORMAT_RGB24);
    if (!s) {
        *err = xasprintf("cannot save a screenshot: %s", SDL_GetError());
        return NULL;
    }
    if (SDL_RenderReadPixels(u->ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) != 0) {
        *err = xasprintf("cannot read the screen: %s", SDL_GetError());
        SDL_FreeSurface(s);
        return NULL;
    }
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    char *path = xasprintf("%s/quizmill-%s-%u.bmp", dir, stamp, (unsigned)(SDL_GetTicks() % 1000));
    if (SDL_SaveBMP(s, path) != 0) {
        *err = xasprintf("%s: cannot save a screenshot: %s", path, SDL_GetError());
        free(path);
        path = NULL;
    }
    SDL_FreeSurface(s);
    return path;
}

/* ---- sizes ---- */

int ui_min_px(const ui *u)
{
    /* font_scale raises the floor too: the smallest text (hints, lists,
     * high scores) is what the back row needs enlarged most */
    double k = u->font_scale > 1.0 ? u->font_scale : 1.0;
    return (int)ceil(u->h * k / 30.0);
}

int ui_floor_px(const ui *u)
{
    return (int)ceil(u->h / 30.0);
}

int ui_px(const ui *u, double frac)
{
    int v = (int)lround(u->h * frac);
    return v < 1 ? 1 : v;
}

int ui_font_px(const ui *u, double frac)
{
    int v = (int)lround(u->h * frac * u->font_scale);
    int lo = ui_min_px(u);
    return v < lo ? lo : v;
}

/* ---- frame and layout log ---- */

void ui_begin(ui *u)
{
    SDL_Color c = u->theme.bg;
    SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, 255);
    SDL_RenderClear(u->ren);
    u->nboxes = 0;
}

void ui_end(ui *u)
{
    SDL_RenderPresent(u->ren);
    if (u->cache_bytes > TEXT_CACHE_KEEP)
        cache_trim(u);
    u->frame++;
    if (!u->presented) {
        u->presented = true;
        hooks_presented(); /* the benchmark's first-frame stamp */
    }
}

void ui_end_part(ui *u, const SDL_Rect *r, int n)
{
    if (!u->direct || n <= 0)
        return;
    SDL_RenderFlush(u->ren); /* the software renderer batches its drawing */
    SDL_UpdateWindowSurfaceRects(u->win, r, n);
}

void ui_log(ui *u, SDL_Rect r, int px, bool text, const char *what)
{
    if (!u->log_boxes)
        return;
    xgrow((void **)&u->boxes, &u->boxes_cap, u->nboxes + 1, sizeof *u->boxes);
    ui_box *b = &u->boxes[u->nboxes++];
    b->r = r;
    b->px = px;
    b->text = text;
    b->cut = false;
    snprintf(b->what, sizeof b->what, "%s", what ? what : "");
}

bool ui_point_in(SDL_Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* ---- shapes ---- */

static void color(ui *u, SDL_Color c)
{
    SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, c.a);
    /* opaque shapes need no blending: the software renderer fills them
     * several times faster */
    SDL_SetRenderDrawBlendMode(u->ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

void ui_fill(ui *u, SDL_Rect r, SDL_Color c)
{
    color(u, c);
    SDL_RenderFillRect(u->ren, &r);
}

/* A filled convex or star-shaped polygon as a fan around (cx, cy). Each
 * triangle goes in its own call: SDL 2.26 takes a batch of two triangles
 * that share an edge for an axis-aligned rectangle on some renderers, which
 * turns a diamond into a house. */
static void fan(ui *u, float cx, float cy, const SDL_FPoint *pts, int n, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(u->ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    for (int i = 0; i < n; i++) {
        SDL_Vertex v[3] = {{{cx, cy}, c, {0, 0}},
                           {pts[i], c, {0, 0}},
                           {pts[(i + 1) % n], c, {0, 0}}};
        SDL_RenderGeometry(u->ren, NULL, v, 3, NULL, 0);
    }
}

static void disc(ui *u, float cx, float cy, float r, SDL_Color c)
{
    SDL_FPoint pts[48];
    for (int i = 0; i < 48; i++) {
        double a = i * 2 * M_PI / 48;
        pts[i] = (SDL_FPoint){cx + (float)(r * cos(a)), cy + (float)(r * sin(a))};
    }
    fan(u, cx, cy, pts, 48, c);
}

static bool same_colour(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* A filled rounded rectangle. */
static void rounded(ui *u, SDL_Rect r, SDL_Color c, int radius)
{
    if (radius * 2 > r.h)
        radius = r.h / 2;
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius <= 1) {
        ui_fill(u, r, c);
        return;
    }
    /* a rounded rectangle as rows: the middle in one rectangle, each row of
     * the quarter-circle corners in its own. The software renderer fills
     * rectangles many times faster than triangles (a frame's panels as
     * triangle fans took most of its time), and rows never overlap, so a
     * translucent panel blends evenly. */
    color(u, c);
    SDL_Rect rows[64];
    int n = 0;
    rows[n++] = (SDL_Rect){r.x, r.y + radius, r.w, r.h - 2 * radius};
    for (int i = 0; i < radius; i++) {
        double dy = radius - i - 0.5;
        int inset = radius - (int)lround(sqrt((double)radius * radius - dy * dy));
        rows[n++] = (SDL_Rect){r.x + inset, r.y + i, r.w - 2 * inset, 1};
        rows[n++] = (SDL_Rect){r.x + inset, r.y + r.h - 1 - i, r.w - 2 * inset, 1};
        if (n >= (int)(sizeof rows / sizeof rows[0]) - 1) {
            SDL_RenderFillRects(u->ren, rows, n);
            n = 0;
        }
    }
    if (n)
        SDL_RenderFillRects(u->ren, rows, n);
}

void ui_panel(ui *u, SDL_Rect r, SDL_Color c, int radius)
{
    const ui_theme *t = &u->theme;
    bool themed = c.a == 255 && (same_colour(c, t->panel) || same_colour(c, t->panel_hi));
    int e = ui_px(u, 0.003);
    if (!themed || t->edge.a == 0 || r.w <= 2 * e || r.h <= 2 * e) {
        rounded(u, r, c, radius);
        return;
    }
    /* a panel of the theme's is told from the background by its edge too */
    rounded(u, r, t->edge, radius);
    rounded(u, (SDL_Rect){r.x + e, r.y + e, r.w - 2 * e, r.h - 2 * e}, c,
            radius > e ? radius - e : 0);
}

void ui_frame(ui *u, SDL_Rect r, SDL_Color c, int thick, int radius)
{
    (void)radius;
    color(u, c);
    for (int i = 0; i < thick; i++) {
        SDL_Rect q = {r.x + i, r.y + i, r.w - 2 * i, r.h - 2 * i};
        if (q.w <= 0 || q.h <= 0)
            break;
        SDL_RenderDrawRect(u->ren, &q);
    }
}

void ui_draw_shape(ui *u, ui_shape s, int cx, int cy, int size, SDL_Color c)
{
    float r = size / 2.0f, x = (float)cx, y = (float)cy;
    SDL_FPoint p[10];
    switch (s) {
    case SHAPE_CIRCLE: disc(u, x, y, r, c); return;
    case SHAPE_SQUARE:
        r *= 0.86f;
        p[0] = (SDL_FPoint){x - r, y - r};
        p[1] = (SDL_FPoint){x + r, y - r};
        p[2] = (SDL_FPoint){x + r, y + r};
        p[3] = (SDL_FPoint){x - r, y + r};
        fan(u, x, y, p, 4, c);
        return;
    case SHAPE_TRIANGLE:
        p[0] = (SDL_FPoint){x, y - r * 1.05f};
        p[1] = (SDL_FPoint){x + r * 1.1f, y + r * 0.85f};
        p[2] = (SDL_FPoint){x - r * 1.1f, y + r * 0.85f};
        fan(u, x, y + r * 0.2f, p, 3, c);
        return;
    case SHAPE_DIAMOND:
        p[0] = (SDL_FPoint){x, y - r * 1.1f};
        p[1] = (SDL_FPoint){x + r * 1.1f, y};
        p[2] = (SDL_FPoint){x, y + r * 1.1f};
        p[3] = (SDL_FPoint){x - r * 1.1f, y};
        fan(u, x, y, p, 4, c);
        return;
    default:
        for (int i = 0; i < 10; i++) {
            double a = -M_PI / 2 + i * M_PI / 5;
            float rr = (i % 2) ? r * 0.5f : r * 1.1f;
            p[i] = (SDL_FPoint){x + (float)(rr * cos(a)), y + (float)(rr * sin(a))};
        }
        fan(u, x, y, p, 10, c);
        return;
    }
}

/* A thick line as a quad. */
static void thick_line(ui *u, float x0, float y0, float x1, float y1, float w, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len <= 0)
        return;
    float nx = -dy / len * w / 2, ny = dx / len * w / 2;
    SDL_FPoint p[4] = {{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny},
                       {x0 - nx, y0 - ny}};
    fan(u, (x0 + x1) / 2, (y0 + y1) / 2, p, 4, c);
    disc(u, x0, y0, w / 2, c);
    disc(u, x1, y1, w / 2, c);
}

void ui_check_mark(ui *u, int cx, int cy, int size, SDL_Color c)
{
    float s = (float)size, w = s * 0.14f;
    thick_line(u, cx - s * 0.35f, cy + s * 0.02f, cx - s * 0.1f, cy + s * 0.28f, w, c);
    thick_line(u, cx - s * 0.1f, cy + s * 0.28f, cx + s * 0.38f, cy - s * 0.3f, w, c);
}

void ui_cross_mark(ui *u, int cx, int cy, int size, SDL_Color c)
{
    float s = (float)size * 0.32f, w = (float)size * 0.14f;
    thick_line(u, cx - s, cy - s, cx + s, cy + s, w, c);
    thick_line(u, cx - s, cy + s, cx + s, cy - s, w, c);
}

/* ---- text ---- */

static Uint32 pack(SDL_Color c)
{
    return (Uint32)c.r << 24 | (Uint32)c.g << 16 | (Uint32)c.b << 8 | c.a;
}

/* The texture of one line of text, rendered once and cached. */
static ui_text_entry *text_entry(ui *u, const char *s, int px, bool bold, SDL_Color c)
{
    Uint32 rgba = pack(c);
    if (!u->cache_cap) {
        u->cache_cap = 256;
        u->cache = xcalloc(u->cache_cap, sizeof *u->cache);
    }
    uint64_t h = hash64(s, strlen(s), (uint64_t)px * 31 + bold) ^ rgba;
    size_t slot = (size_t)(h % u->cache_cap);
    for (ui_text_entry *e = u->cache[slot]; e; e = e->next)
        if (e->px == px && e->bold == bold && e->rgba == rgba && strcmp(e->s, s) == 0) {
            e->frame = u->frame;
            return e;
        }
    /* a runaway screen (a count redrawn at every answer of a thousand
     * phones): start again rather than grow, before the new entry, which
     * the caller uses */
    if (u->cache_n >= TEXT_CACHE_MAX || u->cache_bytes > TEXT_CACHE_BYTES) {
        cache_clear(u);
        slot = (size_t)(h % u->cache_cap);
    }
    ui_text_entry *e = xcalloc(1, sizeof *e);
    e->s = xstrdup(s);
    e->px = px;
    e->bold = bold;
    e->rgba = rgba;
    e->frame = u->frame;
    if (*s) {
        SDL_Surface *surf = TTF_RenderUTF8_Blended(font(u, px, bold), s, c);
        if (surf) {
            e->tex = SDL_CreateTextureFromSurface(u->ren, surf);
            e->w = surf->w;
            e->h = surf->h;
            u->cache_bytes += (size_t)surf->w * (size_t)surf->h * 4;
            SDL_FreeSurface(surf);
        }
    }
    e->next = u->cache[slot];
    u->cache[slot] = e;
    u->cache_n++;
    return e;
}

int ui_text_width(ui *u, const char *s, int px, bool bold)
{
    int w = 0, h = 0;
    if (*s)
        TTF_SizeUTF8(font(u, px, bold), s, &w, &h);
    return w;
}

int ui_line_height(ui *u, int px, bool bold)
{
    /* a little leading: easier to read from afar, and room for glyphs such
     * as '_' that reach below the font's descent */
    TTF_Font *f = font(u, px, bold);
    int skip = TTF_FontLineSkip(f), height = TTF_FontHeight(f);
    return (skip > height ? skip : height) + px / 8;
}

int ui_text(ui *u, const char *s, int px, bool bold, SDL_Color c, int x, int y, ui_align a)
{
    ui_text_entry *e = text_entry(u, s, px, bold, c);
    int w = e->w, h = e->h ? e->h : ui_line_height(u, px, bold);
    if (a == UI_CENTER)
        x -= w / 2;
    else if (a == UI_RIGHT)
        x -= w;
    SDL_Rect r = {x, y, w, h};
    if (e->tex)
        SDL_RenderCopy(u->ren, e->tex, NULL, &r);
    ui_log(u, r, px, true, s);
    return w;
}

typedef struct wrapped {
    char **lines;
    size_t n, cap;
    bool split; /* a word was wider than the line and cut in two */
} wrapped;

static void wrapped_free(wrapped *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->lines[i]);
    free(w->lines);
    memset(w, 0, sizeof *w);
}

static void add_line(wrapped *w, const char *s, size_t n)
{
    xgrow((void **)&w->lines, &w->cap, w->n + 1, sizeof *w->lines);
    w->lines[w->n++] = xstrndup(s, n);
}

/* Greedy word wrap of s to width; a word longer than a line is cut between
 * UTF-8 characters. */
static void wrap(ui *u, const char *s, int width, int px, bool bold, wrapped *out)
{
    TTF_Font *f = font(u, px, bold);
    strbuf line = STRBUF_INIT;
    const char *p = s;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (*p == '\n') {
            add_line(out, strbuf_str(&line), line.len);
            line.len = 0;
            if (line.buf)
                line.buf[0] = '\0';
            p++;
            continue;
        }
        const char *end = p;
        while (*end && *end != ' ' && *end != '\n')
            end++;
        size_t keep = line.len;
        if (line.len)
            strbuf_addc(&line, ' ');
        strbuf_add(&line, p, (size_t)(end - p));
        int w = 0, h = 0;
        TTF_SizeUTF8(f, line.buf, &w, &h);
        if (w > width && keep) {
            add_line(out, line.buf, keep);
            line.len = 0;
            line.buf[0] = '\0';
            continue; /* the word starts the next line */
        }
        if (w > width) {
            /* one word wider than the line: cut it */
            size_t cut = line.len;
            while (cut > 1) {
                do
                    cut--;
                while (cut > 1 && ((unsigned char)line.buf[cut] & 0xC0) == 0x80);
                char save = line.buf[cut];
                line.buf[cut] = '\0';
                TTF_SizeUTF8(f, line.buf, &w, &h);
                line.buf[cut] = save;
                if (w <= width)
                    break;
            }
            add_line(out, line.buf, cut);
            out->split = true;
            size_t consumed = cut - keep;
            line.len = 0;
            line.buf[0] = '\0';
            p += consumed;
            continue;
        }
        p = end;
    }
    if (line.len || out->n == 0)
        add_line(out, strbuf_str(&line), line.len);
    strbuf_release(&line);
}

int ui_text_lines(ui *u, const char *s, int w, int px, bool bold)
{
    wrapped lines = {0};
    wrap(u, s, w, px, bold, &lines);
    int n = (int)lines.n;
    wrapped_free(&lines);
    return n;
}

int ui_text_height(ui *u, const char *s, int w, int px, bool bold)
{
    return ui_text_lines(u, s, w, px, bold) * ui_line_height(u, px, bold);
}

/* Draws lines (wrapped at px) in box, lh apart; those beyond the box are
 * cut, the last kept one ending in an ellipsis, and its box in the layout
 * log marked cut. Frees lines. */
static void draw_lines(ui *u, wrapped *lines, SDL_Rect box, int px, bool bold, int lh,
                       SDL_Color c, ui_align a, bool vcenter)
{
    size_t fit = (size_t)(box.h / lh);
    if (fit < 1)
        fit = 1;
    bool ellipsised = lines->n > fit;
    if (ellipsised) {
        /* still too long at the smallest size: cut with an ellipsis */
        for (size_t i = fit; i < lines->n; i++)
            free(lines->lines[i]);
        lines->n = fit;
        char *last = lines->lines[fit - 1];
        strbuf sb = STRBUF_INIT;
        strbuf_adds(&sb, last);
        strbuf_adds(&sb, "\xE2\x80\xA6");
        while (sb.len > 3 && ui_text_width(u, sb.buf, px, bold) > box.w) {
            size_t cut = sb.len - 3;
            do
                cut--;
            while (cut > 0 && ((unsigned char)sb.buf[cut] & 0xC0) == 0x80);
            sb.len = cut;
            sb.buf[cut] = '\0';
            strbuf_adds(&sb, "\xE2\x80\xA6");
        }
        free(last);
        lines->lines[fit - 1] = strbuf_detach(&sb);
    }
    int total = (int)lines->n * lh;
    int y = box.y + (vcenter && total < box.h ? (box.h - total) / 2 : 0);
    for (size_t i = 0; i < lines->n; i++) {
        int x = a == UI_CENTER ? box.x + box.w / 2 : a == UI_RIGHT ? box.x + box.w : box.x;
        ui_text(u, lines->lines[i], px, bold, c, x, y, a);
        y += lh;
    }
    if (ellipsised && u->log_boxes && u->nboxes)
        u->boxes[u->nboxes - 1].cut = true;
    wrapped_free(lines);
}

int ui_text_fit(ui *u, const char *s, SDL_Rect box, int max_px, int min_px, bool bold,
                SDL_Color c, ui_align a, bool vcenter)
{
    if (min_px < ui_min_px(u))
        min_px = ui_min_px(u);
    if (max_px < min_px)
        max_px = min_px;
    wrapped lines = {0};
    int px = max_px;
    for (;;) {
        wrap(u, s, box.w, px, bold, &lines);
        int lh = ui_line_height(u, px, bold);
        /* whole: every line in the box, and no word cut in two */
        if ((int)lines.n * lh <= box.h && !lines.split)
            break;
        if (px <= min_px) {
            /* large print: smaller than asked, down to the floor, rather
             * than cut */
            if (px <= ui_floor_px(u))
                break;
            min_px = ui_floor_px(u);
        }
        wrapped_free(&lines);
        int step = (px - min_px) / 6;
        px -= step < 1 ? 1 : step;
        if (px < min_px)
            px = min_px;
    }
    draw_lines(u, &lines, box, px, bold, ui_line_height(u, px, bold), c, a, vcenter);
    return px;
}

int ui_line_height_close(ui *u, int px, bool bold)
{
    TTF_Font *f = font(u, px, bold);
    int skip = TTF_FontLineSkip(f), height = TTF_FontHeight(f);
    return skip > height ? skip : height;
}

void ui_text_block(ui *u, const char *s, SDL_Rect box, int px, bool bold, int lh, SDL_Color c,
                   ui_align a, bool vcenter)
{
    wrapped lines = {0};
    wrap(u, s, box.w, px, bold, &lines);
    draw_lines(u, &lines, box, px, bold, lh > 0 ? lh : ui_line_height(u, px, bold), c, a,
               vcenter);
}
