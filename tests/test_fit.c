/* test_fit.c - every item of the bundled article and of every article in
 * tests/data/real/ (each difficulty, every item as quizmill-gen --all makes
 * them) drawn in the solo question, its feedback (a wrong answer: both
 * tiles and the explanation), the team question and its reveal (the right
 * answer above the scoreboard), the phones' question and reveal on the
 * big screen (the counts and the top 10), at 1024x768 and 1920x1080, headless (SDL's
 * dummy video driver). Fails, naming the article, the item and the box,
 * when a text was cut with an ellipsis (ui_box.cut) or drawn below the
 * smallest size (ui_min_px).
 *
 * QUIZMILL_FIT_SHOTS=dir saves the frames of the items that fail there as
 * BMP, or of the item QUIZMILL_FIT_ITEM=id names (for people to look at;
 * slower: the frames are then drawn whole). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "quiz.h"
#include "util.h"

#include "harness.h"

static char tmpdir[] = "/tmp/quizmill-fit-XXXXXX";
static const char *shots, *shot_item;
static size_t frames;

static void write_config(const char *path, int w, int h)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fprintf(f,
            "[quiz]\narticle = %s/turkmenistan-kazakhstan.txt\nquestions = 10\ntime_limit = 20\n"
            "[display]\nfullscreen = false\nwidth = %d\nheight = %d\n"
            "[sound]\nsound = false\n",
            QUESTIONS_DIR, w, h);
    fclose(f);
}

/* Draws the screen stack and checks every text box of the frame. */
static void check(app *a, const char *art, const char *diff, const item *it,
                  const char *layout)
{
    ui *u = &a->ui;
    u->log_boxes = true;
    app_draw(a);
    frames++;
    int min_px = ui_min_px(u);
    bool bad = false;
    for (size_t i = 0; i < u->nboxes; i++) {
        const ui_box *b = &u->boxes[i];
        if (!b->text)
            continue;
        /* a player's name in the crowd's top 10 may be cut (its column) */
        bool name = !strncmp(layout, "crowd", 5) && !strncmp(b->what, "Pla", 3);
        bad |= (b->cut && !name) || b->px < min_px;
        OK(!b->cut || name, "%dx%d %s: %s %s item %s: '%s' is cut", u->w, u->h, layout, art, diff,
           it->id, b->what);
        OK(b->px >= min_px, "%dx%d %s: %s %s item %s: '%s' at %d px, below %d", u->w, u->h, layout,
           art, diff, it->id, b->what, b->px, min_px);
    }
    if (shots && (shot_item ? !strcmp(shot_item, it->id) : bad)) {
        char *path = xasprintf("%s/%dx%d-%s-%s-%s.bmp", shots, u->w, u->h, layout, diff, it->id);
        char *err = NULL;
        char *p = ui_screenshot(u, shots, &err);
        if (p)
            rename(p, path);
        free(p);
        free(err);
        free(path);
    }
}

/* Copies items into the app's deck. */
static void set_deck(app *a, const item *items, size_t n)
{
    round_free(a->rnd);
    a->rnd = NULL;
    item_set_release(&a->deck);
    a->deck.items = xcalloc(n ? n : 1, sizeof *a->deck.items);
    a->deck.cap = n ? n : 1;
    for (size_t i = 0; i < n; i++)
        item_copy(&a->deck.items[a->deck.n++], &items[i]);
}

/* Every item as a solo question, then its feedback after a wrong answer. */
static void run_solo(app *a, const char *art, const char *diff, const item_set *all)
{
    set_deck(a, all->items, all->n);
    round_options ro = {a->cfg.base_points, true, true, 100, 500, 0, false, 20000};
    a->rnd = round_new(a->deck.items, a->deck.n, &ro);
    for (size_t k = 0; k < a->deck.n; k++) {
        const item *it = round_current(a->rnd);
        app_set_screen(a, &screen_question);
        check(a, art, diff, it, "question");
        int wrong = (int)((it->answer + 1) % it->nchoices);
        round_answer(a->rnd, wrong, 4000, &a->last);
        app_set_screen(a, &screen_feedback);
        check(a, art, diff, it, "feedback");
        round_next(a->rnd);
    }
}

/* Every item as a team question (four choices at most, as a team's
 * handset deals them). */
static void run_team(app *a, const char *art, const char *diff, quiz *q)
{
    item_set dealt = {0};
    size_t n = quiz_deal(q, 7, quiz_in_play(q), MODE_TEAMS, NULL, &dealt);
    set_deck(a, dealt.items, n);
    item_set_release(&dealt);
    a->event.mode = MODE_TEAMS;
    a->event.joined = 4;
    app_new_match(a);
    app_set_screen(a, &screen_match);
    for (size_t k = 0; k < n; k++) {
        const item *it = match_current(a->event.mt);
        if (!it)
            break;
        a->dirty = true;
        check(a, art, diff, it, "team");
        /* the reveal: the right answer and the scoreboard */
        for (size_t t = 0; t < 4; t++)
            match_answer(a->event.mt, t, (int)((it->answer + t) % it->nchoices), 2000);
        OK(match_get_phase(a->event.mt) == MATCH_REVEAL, "the reveal after four answers");
        check(a, art, diff, it, "team-reveal");
        match_next(a->event.mt);
    }
    app_set_screen(a, &screen_title);
    match_free(a->event.mt);
    a->event.mt = NULL;
    a->event.mode = MODE_SOLO;
}

/* Every item in the phones' layout (four choices at most, as a phone's
 * four tiles deal them): the big screen's question, then its reveal (the
 * counts and the top 10), driven through the crowd with no server. */
static void run_crowd(app *a, const char *art, const char *diff, quiz *q)
{
    item_set dealt = {0};
    size_t n = quiz_deal(q, 7, quiz_in_play(q), MODE_PHONES, NULL, &dealt);
    set_deck(a, dealt.items, n);
    item_set_release(&dealt);
    if (!n)
        return;
    crowd_options co = {100, {a->cfg.base_points, true, true, 100, 500, 0, false, 20000}};
    crowd *c = crowd_new(a->deck.items, a->deck.n, &co);
    for (size_t i = 0; i < 12; i++) {
        char name[32], token[CROWD_TOKEN_HEX + 1];
        snprintf(name, sizeof name, "Player %zu", i + 1);
        snprintf(token, sizeof token, "%032zx", i + 1);
        size_t who;
        crowd_join(c, name, token, 0, &who);
    }
    app_show_crowd(a, c, "http://192.168.1.20:8080/", "123456");
    crowd_start(c, net_server_now());
    app_set_screen(a, &screen_crowd);
    for (size_t k = 0; k < n; k++) {
        const item *it = crowd_current(c);
        if (!it)
            break;
        screen_crowd.tick(a, SDL_GetTicks());
        check(a, art, diff, it, "crowd");
        int counted;
        for (size_t p = 0; p < 12; p++)
            crowd_answer(c, p, k + 1, (int)(p % it->nchoices), net_server_now(), &counted);
        OK(crowd_get_phase(c) == CROWD_REVEAL, "the reveal after every answer");
        screen_crowd.tick(a, SDL_GetTicks());
        check(a, art, diff, it, "crowd-reveal");
        crowd_next(c, net_server_now());
    }
    app_set_screen(a, &screen_title);
    app_finish_crowd(a);
}

static void run_article(app *a, const char *path)
{
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    static const char *const diffs[] = {"easy", "medium", "hard"};
    for (size_t d = 0; d < 3; d++) {
        char *err = NULL;
        OK(config_set(&a->cfg, "quiz", "difficulty", diffs[d], &err) == 0, "difficulty: %s",
           err ? err : "");
        free(err);
        err = NULL;
        quiz q;
        if (quiz_open(&q, &a->cfg, path, &err) != 0) {
            OK(0, "%s: %s", path, err ? err : "");
            free(err);
            return;
        }
        quiz_build(&q, a->lex);
        run_solo(a, name, diffs[d], &q.all);
        run_team(a, name, diffs[d], &q);
        run_crowd(a, name, diffs[d], &q);
        quiz_close(&q);
    }
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void run_size(int w, int h)
{
    char *cfg = xasprintf("%s/config-%dx%d.ini", tmpdir, w, h);
    write_config(cfg, w, h);
    app_options o = {0};
    o.config_path = cfg;
    o.windowed = true;
    o.data_dir = tmpdir;
    o.have_seed = true;
    o.seed = 3;
    static app a;
    int rc = app_init(&a, &o);
    INT_EQ(rc, 0, "app_init at %dx%d", w, h);
    if (rc != 0) {
        free(cfg);
        return;
    }
    INT_EQ(a.ui.w, w, "window width");
    INT_EQ(a.ui.h, h, "window height");
    char *err = NULL;
    OK(config_set(&a.cfg, "event", "teams", "Red, Blue, Green, Yellow", &err) ==
           0,
       "teams: %s", err ? err : "");
    free(err);
    a.event.nteams = config_team_names(&a.cfg, a.event.team_names);
    /* the layout log is what is checked: drawing clipped to one pixel
     * keeps the software renderer from filling millions of pixels a frame
     * (the test takes a third of the time) */
    if (!shots)
        SDL_RenderSetClipRect(a.ui.ren, &(SDL_Rect){0, 0, 1, 1});

    run_article(&a, QUESTIONS_DIR "/turkmenistan-kazakhstan.txt");
    DIR *dir = opendir(TEST_DATA_DIR "/real");
    OK(dir != NULL, "cannot open %s", TEST_DATA_DIR "/real");
    char *names[256];
    size_t n = 0;
    for (struct dirent *e; dir && (e = readdir(dir)) && n < 256;) {
        const char *dot = strrchr(e->d_name, '.');
        if (e->d_name[0] == '.' || !dot || !strcmp(dot, ".outline"))
            continue;
        names[n++] = xasprintf("%s/real/%s", TEST_DATA_DIR, e->d_name);
    }
    if (dir)
        closedir(dir);
    qsort(names, n, sizeof *names, by_name);
    OK(n >= 10, "the real-article corpus: %zu articles", n);
    for (size_t i = 0; i < n; i++) {
        run_article(&a, names[i]);
        free(names[i]);
    }
    app_free(&a);
    free(cfg);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    shots = getenv("QUIZMILL_FIT_SHOTS");
    shot_item = getenv("QUIZMILL_FIT_ITEM");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_size(1024, 768);
    run_size(1920, 1080);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%zu frames in %.1f s\n", frames,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    char *cmd = xasprintf("rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    free(cmd);
    return test_summary();
}
