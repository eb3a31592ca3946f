/* test_contrast.c - every theme passes WCAG 2's contrast rules, as colour
 * pairs and on rendered pixels.
 *
 * The table: in each theme, text, dim, accent, good, bad and warn at 4.5:1
 * or more on bg, panel and panel_hi; on_badge at 4.5:1 on every choice
 * colour; each choice colour at 3:1 on bg (the full-colour answer tiles);
 * each panel told from bg at 3:1 by its fill or its edge; each team's
 * number at 4.5:1 on its colour.
 *
 * The pixels: the title, a question (plain and with a choice selected),
 * the feedback (right and wrong) and the summary, drawn headless (SDL's
 * dummy driver, the software renderer) at 1280x720 in each theme, read
 * back, and every text box of the layout log measured: its background is
 * the commonest colour in the box, its text the pixel farthest from that
 * (a glyph's solid core); the two must be 4.5:1 apart. Font scale 1.6 at
 * 1024x768 as well: the smallest text is bigger than without it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "util.h"
#include "widgets.h"

#include "harness.h"

static char tmpdir[] = "/tmp/quizmill-contrast-XXXXXX";

static const struct {
    config_theme theme;
    const char *name;
} themes[] = {{THEME_DARK, "dark"}, {THEME_LIGHT, "light"}, {THEME_HIGH_CONTRAST, "high-contrast"}};

static void pair(const char *theme, const char *what, SDL_Color fg, SDL_Color bg, double need)
{
    double r = ui_contrast(fg, bg);
    OK(r >= need, "%s: %s is %.2f:1, below %.1f:1 (#%02x%02x%02x on #%02x%02x%02x)", theme, what, r,
       need, fg.r, fg.g, fg.b, bg.r, bg.g, bg.b);
}

static void check_table(void)
{
    /* the formula itself: black on white is 21:1, a colour on itself 1:1 */
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {119, 119, 119, 255};
    OK(ui_contrast(black, white) > 20.99 && ui_contrast(black, white) < 21.01, "black on white");
    OK(ui_contrast(grey, grey) == 1.0, "a colour on itself");
    OK(ui_contrast(grey, white) > 4.47 && ui_contrast(grey, white) < 4.49, "#777 on white 4.48");

    for (size_t k = 0; k < sizeof themes / sizeof themes[0]; k++) {
        ui_theme t;
        ui_theme_of(themes[k].theme, &t);
        const char *n = themes[k].name;
        const struct {
            const char *name;
            SDL_Color c;
        } texts[] = {{"text", t.text}, {"dim", t.dim}, {"accent", t.accent},
                     {"good", t.good}, {"bad", t.bad}, {"warn", t.warn}},
          grounds[] = {{"bg", t.bg}, {"panel", t.panel}, {"panel_hi", t.panel_hi}};
        char what[64];
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
            for (size_t g = 0; g < sizeof grounds / sizeof grounds[0]; g++) {
                snprintf(what, sizeof what, "%s on %s", texts[i].name, grounds[g].name);
                pair(n, what, texts[i].c, grounds[g].c, 4.5);
            }
        for (int i = 0; i < 5; i++) {
            snprintf(what, sizeof what, "on_badge on choice %c", 'A' + i);
            pair(n, what, t.on_badge, t.choice[i], 4.5);
            snprintf(what, sizeof what, "choice %c on bg", 'A' + i);
            pair(n, what, t.choice[i], t.bg, 3.0);
        }
        for (size_t g = 1; g < 3; g++) {
            double fill = ui_contrast(grounds[g].c, t.bg), edge = ui_contrast(t.edge, t.bg);
            OK(fill >= 3.0 || edge >= 3.0, "%s: %s on bg: fill %.2f:1, edge %.2f:1, below 3:1", n,
               grounds[g].name, fill, edge);
        }
        for (int team = 0; team < CONFIG_TEAMS_MAX; team++) {
            SDL_Color c = widget_team_color(team);
            snprintf(what, sizeof what, "team %d's number on its colour", team + 1);
            pair(n, what, ui_ink_on(c), c, 4.5);
        }
    }
}

/* ---- rendered pixels ---- */

static Uint32 pixel(const SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x] & 0xffffff;
}

static SDL_Color colour(Uint32 p)
{
    return (SDL_Color){(Uint8)(p >> 16), (Uint8)(p >> 8), (Uint8)p, 255};
}

static int cmp_u32(const void *a, const void *b)
{
    Uint32 x = *(const Uint32 *)a, y = *(const Uint32 *)b;
    return x < y ? -1 : x > y;
}

static int boxes_checked;

/* The frame on screen, each text box of its layout log measured. */
static void check_pixels(app *a, const char *theme, const char *which)
{
    ui *u = &a->ui;
    u->log_boxes = true;
    app_draw(a);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, u->w, u->h, 32, SDL_PIXELFORMAT_RGB888);
    OK(s && SDL_RenderReadPixels(u->ren, NULL, SDL_PIXELFORMAT_RGB888, s->pixels, s->pitch) == 0,
       "%s %s: read the frame", theme, which);
    int texts = 0;
    for (size_t i = 0; s && i < u->nboxes; i++) {
        const ui_box *b = &u->boxes[i];
        SDL_Rect r = b->r;
        SDL_Rect screen_r = {0, 0, u->w, u->h};
        if (!b->text || !SDL_IntersectRect(&r, &screen_r, &r) || r.w < 2 || r.h < 2)
            continue;
        size_t n = (size_t)r.w * (size_t)r.h, k = 0;
        Uint32 *px = xcalloc(n, sizeof *px);
        for (int y = r.y; y < r.y + r.h; y++)
            for (int x = r.x; x < r.x + r.w; x++)
                px[k++] = pixel(s, x, y);
        qsort(px, n, sizeof *px, cmp_u32);
        Uint32 bg = px[0];
        size_t best = 0;
        for (size_t j = 0; j < n;) {
            size_t e = j;
            while (e < n && px[e] == px[j])
                e++;
            if (e - j > best) {
                best = e - j;
                bg = px[j];
            }
            j = e;
        }
        double most = 1.0;
        Uint32 ink = bg;
        for (size_t j = 0; j < n; j++) {
            double c = ui_contrast(colour(px[j]), colour(bg));
            if (c > most) {
                most = c;
                ink = px[j];
            }
        }
        free(px);
        texts++;
        OK(most >= 4.5, "%s %s: '%s' is %.2f:1 (#%06x on #%06x), below 4.5:1", theme, which,
           b->what, most, (unsigned)ink, (unsigned)bg);
    }
    OK(texts > 0, "%s %s: no text measured", theme, which);
    boxes_checked += texts;
    SDL_FreeSurface(s);
}

/* Replaces the round with one over the given items (copied). */
static void set_round(app *a, const item *const *items, size_t n)
{
    round_free(a->rnd);
    item_set_release(&a->deck);
    a->deck.items = xcalloc(n, sizeof *a->deck.items);
    a->deck.cap = n;
    for (size_t i = 0; i < n; i++)
        item_copy(&a->deck.items[a->deck.n++], items[i]);
    round_options ro = {1000, true, true, 100, 500, 0, false, 20000};
    a->rnd = round_new(a->deck.items, a->deck.n, &ro);
}

static void run_theme(const char *theme, int w, int h, double scale)
{
    char *cfg = xasprintf("%s/config-%s.ini", tmpdir, theme);
    FILE *f = fopen(cfg, "w");
    if (!f) {
        perror(cfg);
        exit(1);
    }
    fprintf(f,
            "[quiz]\narticle = %s/turkmenistan-kazakhstan.txt\nquestions = 10\n"
            "[display]\nfullscreen = false\nwidth = %d\nheight = %d\ntheme = %s\n"
            "font_scale = %.2f\n[sound]\nsound = false\n",
            QUESTIONS_DIR, w, h, theme, scale);
    fclose(f);
    app_options o = {0};
    o.config_path = cfg;
    o.windowed = true;
    o.no_dialog = true;
    o.data_dir = tmpdir;
    o.have_seed = true;
    o.seed = 7;
    static app a;
    int rc = app_init(&a, &o);
    INT_EQ(rc, 0, "app_init in %s", theme);
    if (rc != 0) {
        app_free(&a);
        free(cfg);
        return;
    }
    char name[64];
    snprintf(name, sizeof name, "%s %dx%d x%.1f", theme, w, h, scale);
    if (scale > 1.0)
        OK(ui_min_px(&a.ui) >= (int)(h * scale / 30), "%s: the smallest text %d px, not scaled",
           name, ui_min_px(&a.ui));
    for (int i = 0; i < STORE_TOP; i++) {
        store_score sc = {{0}, 9000 - i * 700, 9 - i % 9, 10, 1700000000};
        snprintf(sc.name, sizeof sc.name, "Player %d", i + 1);
        store_scores_insert(&a.scores, a.cfg.difficulty, &sc);
    }
    app_set_screen(&a, &screen_title);
    check_pixels(&a, name, "title");

    const item *two[2] = {&a.quiz.all.items[0], &a.quiz.all.items[1]};
    set_round(&a, two, 2);
    app_set_screen(&a, &screen_question);
    check_pixels(&a, name, "question");
    a.selected = 1;
    a.dirty = true;
    check_pixels(&a, name, "question-selected");
    const item *it = round_current(a.rnd);
    round_answer(a.rnd, (int)((it->answer + 1) % it->nchoices), 5000, &a.last);
    app_set_screen(&a, &screen_feedback);
    check_pixels(&a, name, "feedback-wrong");
    round_next(a.rnd);
    it = round_current(a.rnd);
    round_answer(a.rnd, (int)it->answer, 1000, &a.last);
    app_set_screen(&a, &screen_feedback);
    check_pixels(&a, name, "feedback-right");

    const item *six[6];
    for (size_t i = 0; i < 6; i++)
        six[i] = &a.quiz.all.items[(i * 5) % a.quiz.all.n];
    set_round(&a, six, 6);
    for (int i = 0; i < 6; i++) {
        it = round_current(a.rnd);
        round_answer(a.rnd, (int)((it->answer + (i % 2)) % it->nchoices), 3000, NULL);
        round_next(a.rnd);
    }
    a.new_rank = 1;
    app_set_screen(&a, &screen_summary);
    check_pixels(&a, name, "summary");
    app_free(&a);
    free(cfg);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    check_table();
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    for (size_t k = 0; k < sizeof themes / sizeof themes[0]; k++)
        run_theme(themes[k].name, 1280, 720, 1.0);
    run_theme("dark", 1024, 768, 1.6);
    OK(boxes_checked > 60, "only %d text boxes measured", boxes_checked);
    printf("%d text boxes measured\n", boxes_checked);
    char *cmd = xasprintf("rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    free(cmd);
    return test_summary();
}
