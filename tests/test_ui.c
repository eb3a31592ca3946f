/* test_ui.c - the SDL layer's text cache, headless (SDL's dummy driver, the
 * software renderer).
 *
 * A screen's text is rendered once and reused frame after frame; a count
 * redrawn with a new value at every frame (the answers coming in from a
 * thousand phones) must not pile up: past 1 MiB of cached pixels, each whole
 * frame drops what it did not draw, so the cache holds about 1 MiB plus one
 * frame's text, and what every frame draws is never rendered again. Renders
 * are counted through -Wl,--wrap=TTF_RenderUTF8_Blended.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ui.h"
#include "util.h"

#include "harness.h"

static int renders;

SDL_Surface *__real_TTF_RenderUTF8_Blended(TTF_Font *font, const char *text, SDL_Color fg);
SDL_Surface *__wrap_TTF_RenderUTF8_Blended(TTF_Font *font, const char *text, SDL_Color fg);
SDL_Surface *__wrap_TTF_RenderUTF8_Blended(TTF_Font *font, const char *text, SDL_Color fg)
{
    renders++;
    return __real_TTF_RenderUTF8_Blended(font, text, fg);
}

/* one whole frame: a fixed title and the count n */
static void frame(ui *u, int n, int px)
{
    ui_begin(u);
    ui_text(u, "Answers so far", px, true, u->theme.text, 20, 20, UI_LEFT);
    char count[64];
    snprintf(count, sizeof count, "%d of 1000 answered", n);
    ui_text(u, count, px, true, u->theme.text, 20, 20 + 2 * px, UI_LEFT);
    ui_end(u);
}

/* a thousand counts at the size frac of the window's height */
static void check_counts(ui *u, double frac)
{
    ui_text_flush(u);
    int px = ui_font_px(u, frac);
    frame(u, 0, px);
    size_t one = u->cache_bytes; /* the title and one count */
    OK(one > 0 && one < (1u << 20), "px %d: one frame's text is %zu bytes", px, one);
    size_t most = 0, most_n = 0;
    renders = 0;
    for (int n = 1; n <= 1000; n++) {
        frame(u, n, px);
        if (u->cache_bytes > most)
            most = u->cache_bytes;
        if (u->cache_n > most_n)
            most_n = u->cache_n;
    }
    /* the title was never rendered again, each count once */
    OK(renders == 1000, "px %d: %d renders for 1000 new counts", px, renders);
    /* 1 MiB, then one frame's text beyond it at most */
    OK(most <= (1u << 20) + one, "px %d: the cache grew to %zu bytes, one frame's text is %zu",
       px, most, one);
    OK(u->cache_bytes <= (1u << 20), "px %d: %zu bytes cached after the last frame", px,
       u->cache_bytes);
    /* without the trim, a thousand counts would have stayed */
    OK(most_n < 1000, "px %d: %zu strings cached at most", px, most_n);
    printf("px %d: one frame %zu bytes; the cache at most %zu bytes and %zu strings\n", px, one,
           most, most_n);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    ui u = {0};
    ui_options o = {.title = "test_ui", .theme = THEME_DARK, .width = 1920, .height = 1080,
                    .font_scale = 1.0};
    char *err = NULL;
    int rc = ui_open(&u, &o, &err);
    OK(rc == 0, "ui_open: %s", err ? err : "?");
    if (rc != 0) {
        free(err);
        return test_summary();
    }
    check_counts(&u, 0.09); /* the crowd's big count: two frames pass 1 MiB */
    check_counts(&u, 0.03); /* small text: a few dozen counts fit under it */
    /* below the limit nothing is dropped: what a screen shows now and then
     * (an overlay) is not rendered again */
    OK(u.cache_n > 2, "%zu strings cached with small text", u.cache_n);
    ui_close(&u);
    return test_summary();
}
