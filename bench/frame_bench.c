/* frame_bench.c - what one frame of the question screen costs with the
 * software renderer, headless (SDL's dummy video driver, so nothing reaches
 * a screen: this is the drawing alone). Start reading at main().
 *
 *   quizmill-frame-bench [WxH]...   (default: 1920x1080 3840x2160)
 *
 * For each size it opens the game (app_init) on the bundled article with a
 * 20 s countdown, starts a round and times, per frame:
 *   cached    a whole frame, text textures kept from the frame before
 *   uncached  a whole frame after ui_text_flush(): every string rendered
 *             again by SDL_ttf (what a game without a text cache would pay)
 *   countdown a countdown step (app_draw_part: the bar and the seconds)
 * Prints one CSV line per case: size,case,frames,median_ms,min_ms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "util.h"

#ifndef QUESTIONS_DIR
#define QUESTIONS_DIR "questions"
#endif

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

enum { CASE_CACHED, CASE_UNCACHED, CASE_COUNTDOWN };

/* Times frames of one case for about budget_ms (10 to 400 frames). */
static void run_case(app *a, int kind, const char *label, double budget_ms)
{
    enum { MAX_FRAMES = 400 };
    static double ms[MAX_FRAMES];
    double freq = (double)SDL_GetPerformanceFrequency(), spent = 0;
    int n = 0;
    app_draw(a); /* warm: fonts open, the frame on screen */
    while (n < MAX_FRAMES && (n < 10 || spent < budget_ms)) {
        Uint64 t0 = SDL_GetPerformanceCounter();
        if (kind == CASE_UNCACHED)
            ui_text_flush(&a->ui);
        if (kind == CASE_COUNTDOWN) {
            a->q_start -= 50; /* the clock moves on: a new bar width each time */
            a->dirty_part = true;
            app_draw_part(a);
        } else {
            app_draw(a);
        }
        Uint64 t1 = SDL_GetPerformanceCounter();
        ms[n] = (double)(t1 - t0) * 1000.0 / freq;
        spent += ms[n++];
        if (kind == CASE_COUNTDOWN && app_time_left(a, SDL_GetTicks()) < 2000)
            a->q_start = SDL_GetTicks(); /* keep away from the timeout */
    }
    qsort(ms, (size_t)n, sizeof ms[0], cmp_double);
    printf("%dx%d,%s,%d,%.3f,%.3f\n", a->ui.w, a->ui.h, label, n, ms[n / 2], ms[0]);
    fflush(stdout);
}

static int bench_size(int w, int h, const char *dir)
{
    char *cfg = xasprintf("%s/config-%dx%d.ini", dir, w, h);
    FILE *f = fopen(cfg, "w");
    if (!f) {
        perror(cfg);
        return 1;
    }
    fprintf(f,
            "[quiz]\narticle = %s/turkmenistan-kazakhstan.txt\ntime_limit = 20\n"
            "[display]\nfullscreen = false\nwidth = %d\nheight = %d\nrenderer = software\n"
            "[sound]\nsound = false\n",
            QUESTIONS_DIR, w, h);
    fclose(f);
    app_options o = {0};
    o.config_path = cfg;
    o.windowed = true;
    o.data_dir = dir;
    o.have_seed = true;
    o.seed = 7;
    static app a;
    int rc = app_init(&a, &o);
    if (rc == 0) {
        app_start_round(&a);
        run_case(&a, CASE_CACHED, "cached", 1500);
        run_case(&a, CASE_UNCACHED, "uncached", 3000);
        if (a.ui.direct)
            run_case(&a, CASE_COUNTDOWN, "countdown", 500);
    }
    app_free(&a);
    remove(cfg);
    free(cfg);
    return rc;
}

int main(int argc, char **argv)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    char dir[] = "/tmp/quizmill-frame-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    const char *defaults[] = {"1920x1080", "3840x2160"};
    int nsizes = argc > 1 ? argc - 1 : 2;
    int rc = 0;
    puts("size,case,frames,median_ms,min_ms");
    for (int i = 0; i < nsizes && rc == 0; i++) {
        const char *arg = argc > 1 ? argv[i + 1] : defaults[i];
        int w = 0, h = 0;
        if (sscanf(arg, "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
            fprintf(stderr, "quizmill-frame-bench: bad size '%s' (want WxH)\n", arg);
            rc = 2;
            break;
        }
        rc = bench_size(w, h, dir);
    }
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(cmd);
    return rc;
}
