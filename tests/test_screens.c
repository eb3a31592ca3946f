/* test_screens.c - every screen rendered headless (SDL's dummy video driver,
 * software renderer) at 1280x720, 1920x1080 and 3840x2160, with the worst
 * cases the bundled article has (the longest prompt, the longest choices, a
 * full review list). Each frame's layout log is checked: every box inside the
 * screen, no two pieces of text overlapping, no text smaller than 1/30 of
 * the screen's height. Screenshots go to screens/ in the test's folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "util.h"

#include "harness.h"
#include "screens_i18n.h"

static char tmpdir[] = "/tmp/quizmill-screens-XXXXXX";

/* The UI's language of this run ("auto" as a user's; "ru" with the checks
 * of screens_i18n.h). */
static const char *run_language = "auto";

static void write_config(const char *path, int w, int h, const char *theme, double scale)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fprintf(f,
            "[quiz]\narticle = %s/turkmenistan-kazakhstan.txt\nquestions = 10\ntime_limit = 20\n"
            "[display]\nfullscreen = false\nwidth = %d\nheight = %d\ntheme = %s\nfont_scale = %.2f\n"
            "language = %s\n[sound]\nsound = false\n",
            QUESTIONS_DIR, w, h, theme, scale, run_language);
    fclose(f);
}

static bool overlap(SDL_Rect a, SDL_Rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Draws the current screen stack and checks its layout log. */
static void check_frame(app *a, const char *name)
{
    ui *u = &a->ui;
    u->log_boxes = true;
    app_draw(a);
    int min_px = ui_min_px(u);
    char where[96];
    snprintf(where, sizeof where, "%dx%d %s", u->w, u->h, name);
    if (i18n_rec.on)
        i18n_check_frame(where);
    OK(u->nboxes > 0, "%s: nothing drawn", where);
    for (size_t i = 0; i < u->nboxes; i++) {
        const ui_box *b = &u->boxes[i];
        OK(b->r.x >= 0 && b->r.y >= 0 && b->r.x + b->r.w <= u->w && b->r.y + b->r.h <= u->h,
           "%s: '%s' at %d,%d %dx%d leaves the screen", where, b->what, b->r.x, b->r.y, b->r.w,
           b->r.h);
        if (!b->text)
            continue;
        OK(b->px >= min_px, "%s: '%s' at %d px, below %d", where, b->what, b->px, min_px);
        for (size_t k = i + 1; k < u->nboxes; k++) {
            const ui_box *c = &u->boxes[k];
            if (c->text)
                OK(!overlap(b->r, c->r), "%s: '%s' overlaps '%s'", where, b->what, c->what);
        }
    }
    /* the picture, for people to look at */
    mkdir("screens", 0755);
    char *path = i18n_rec.on ? xasprintf("screens/%s-%dx%d-%s.bmp", run_language, u->w, u->h, name)
                             : xasprintf("screens/%dx%d-%s.bmp", u->w, u->h, name);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, u->w, u->h, 24, SDL_PIXELFORMAT_RGB24);
    if (s && SDL_RenderReadPixels(u->ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) == 0)
        SDL_SaveBMP(s, path);
    SDL_FreeSurface(s);
    free(path);
}

/* The frame on screen as RGB888, or NULL. */
static SDL_Surface *grab(ui *u)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, u->w, u->h, 32, SDL_PIXELFORMAT_RGB888);
    if (s && SDL_RenderReadPixels(u->ren, NULL, SDL_PIXELFORMAT_RGB888, s->pixels, s->pitch) != 0) {
        SDL_FreeSurface(s);
        s = NULL;
    }
    return s;
}

/* The countdown's partial redraw (only the bar and the seconds), later ms
 * after the last frame, leaves the same picture as a whole frame drawn at
 * the same moment. */
static void check_countdown_part(app *a, uint32_t later, const char *name)
{
    ui *u = &a->ui;
    OK(u->direct, "%dx%d: the software renderer keeps the frame", u->w, u->h);
    if (!u->direct)
        return;
    app_draw(a);
    a->pause_start = SDL_GetTicks(); /* stops the question's clock */
    a->q_start -= later;             /* another second, a shorter bar */
    a->dirty_part = true;
    app_draw_part(a);
    SDL_Surface *part = grab(u);
    app_draw(a);
    SDL_Surface *whole = grab(u);
    int diff = 0;
    for (int y = 0; part && whole && y < u->h; y++)
        for (int x = 0; x < u->w; x++) {
            Uint32 p = ((Uint32 *)((Uint8 *)part->pixels + y * part->pitch))[x];
            Uint32 w = ((Uint32 *)((Uint8 *)whole->pixels + y * whole->pitch))[x];
            diff += (p & 0xffffff) != (w & 0xffffff);
        }
    OK(part && whole, "%dx%d %s: read the frame", u->w, u->h, name);
    INT_EQ(diff, 0, "%dx%d %s: pixels where the countdown's redraw differs from a whole frame",
           u->w, u->h, name);
    SDL_FreeSurface(part);
    SDL_FreeSurface(whole);
    a->pause_start = 0;
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

static size_t choices_len(const item *it)
{
    size_t n = 0;
    for (size_t i = 0; i < it->nchoices; i++)
        n += strlen(it->choices[i]);
    return n;
}

/* The event mode's screens: join, a team question, the reveal with the
 * scoreboard, a buzzer question, the podium and its high scores. Four teams
 * with long names; controls of every kind. */
static void run_event_screens(app *a, const item *long_prompt, const item *long_choices)
{
    char *err = NULL;
    OK(config_set(&a->cfg, "event", "teams",
                  "Red, Blue Whales of the North, Green, WWWWWWWWWWWWWWWWWWWWWWWW", &err) == 0,
       "teams: %s", err ? err : "");
    free(err);
    a->event.nteams = config_team_names(&a->cfg, a->event.team_names);
    a->event.mode = MODE_TEAMS;
    app_set_screen(a, &screen_join);
    check_frame(a, "join-empty");
    const int controls[4] = {100, 102, 2, INPUT_HANDSET_DEVICE(0, 3)};
    for (int i = 0; i < 3; i++)
        a->event.team_control[i] = controls[i];
    a->event.joined = 3;
    a->dirty = true;
    check_frame(a, "join");
    a->event.team_control[3] = controls[3];
    a->event.joined = 4;

    const item *items[3] = {long_prompt, long_choices, long_prompt};
    set_round(a, items, 3);
    round_free(a->rnd);
    a->rnd = NULL;
    app_new_match(a);
    app_set_screen(a, &screen_match);
    match_answer(a->event.mt, 1, 0, 1000);
    match_answer(a->event.mt, 3, 1, 2000);
    a->dirty = true;
    check_frame(a, "team-question");
    check_countdown_part(a, 7300, "team question");
    match_answer(a->event.mt, 0, (int)long_prompt->answer, 3000);
    match_answer(a->event.mt, 2, (int)(long_prompt->answer + 1) % (int)long_prompt->nchoices, 3000);
    match_points(a->event.mt, 2, 12345);
    screen_match.tick(a, SDL_GetTicks());
    check_frame(a, "team-reveal");
    match_next(a->event.mt);
    screen_match.tick(a, SDL_GetTicks());
    check_frame(a, "team-question-long-choices");

    /* buzzer: one team locked out, another answering */
    a->event.mode = MODE_BUZZER;
    app_new_match(a);
    app_set_screen(a, &screen_match);
    match_buzz(a->event.mt, 2);
    match_answer(a->event.mt, 2, (int)(long_prompt->answer + 1) % (int)long_prompt->nchoices, 500);
    match_buzz(a->event.mt, 1);
    screen_match.tick(a, SDL_GetTicks());
    check_frame(a, "buzzer-answering");
    check_countdown_part(a, 2300, "buzzer answering");
    match_answer(a->event.mt, 1, (int)long_prompt->answer, 500);
    screen_match.tick(a, SDL_GetTicks());
    check_frame(a, "buzzer-reveal");

    /* the podium: four teams */
    a->event.mode = MODE_TEAMS;
    app_new_match(a);
    for (size_t i = 0; i < 4; i++)
        match_points(a->event.mt, i, (int)(i + 1) * 1500);
    match_end(a->event.mt);
    app_finish_match(a);
    OK(app_top(a) == &screen_podium, "the podium after the match");
    check_frame(a, "podium");
    action go = {0};
    go.kind = ACT_CONFIRM;
    go.zone = go.zone_choice = -1;
    a->screen_since -= 10000;
    screen_podium.action(a, &go);
    check_frame(a, "podium-scores");

    /* a second match with the same teams and points: only its own rows are
     * marked (equal scores: the older row stays above) */
    memset(&a->scores, 0, sizeof a->scores);
    OK(db_exec(a->save.db, "DELETE FROM standings", NULL) == 0, "high scores cleared");
    for (int round = 0; round < 2; round++) {
        app_new_match(a);
        for (size_t i = 0; i < 4; i++)
            match_points(a->event.mt, i, (int)(i + 1) * 1500);
        match_end(a->event.mt);
        app_finish_match(a);
    }
    INT_EQ(a->scores.n[a->cfg.difficulty], 8, "two matches' rows");
    INT_EQ(a->match_rows, 0xaa, "the second match's rows marked, the first's not");
    a->event.mode = MODE_SOLO;
}

static void run_screens(int w, int h, const char *theme, double scale)
{
    char *cfg = xasprintf("%s/config-%dx%d.ini", tmpdir, w, h);
    write_config(cfg, w, h, theme, scale);
    app_options o = {0};
    o.config_path = cfg;
    o.windowed = true;
    o.data_dir = tmpdir;
    o.have_seed = true;
    o.seed = 11;
    static app a;
    int rc = app_init(&a, &o);
    INT_EQ(rc, 0, "app_init at %dx%d", w, h);
    if (rc != 0) {
        app_free(&a);
        free(cfg);
        return;
    }
    if (strcmp(run_language, "auto") != 0)
        i18n_check_begin(PO_DIR "/quizmill.pot");
    INT_EQ(a.ui.w, w, "window width");
    INT_EQ(a.ui.h, h, "window height");

    /* high scores with long names */
    for (int i = 0; i < STORE_TOP; i++) {
        store_score s = {{0}, 9000 - i * 700, 9 - i % 9, 10, 1700000000};
        snprintf(s.name, sizeof s.name, "%s", i % 2 ? "WWWWWWWWWWWWWWWW" : "Ada");
        store_scores_insert(&a.scores, a.cfg.difficulty, &s);
    }
    app_set_screen(&a, &screen_title);
    check_frame(&a, "title");

    /* the attract loop of kiosk mode: high scores, then a sample question */
    a.cfg.kiosk = true;
    uint32_t now = SDL_GetTicks() + 1000000;
    a.last_input = now - (uint32_t)a.cfg.idle_timeout * 1000u - 10;
    screen_title.tick(&a, now);
    check_frame(&a, "attract-scores");
    a.last_input -= 8000;
    screen_title.tick(&a, now);
    check_frame(&a, "attract-sample");
    a.cfg.kiosk = false;
    a.last_input = now;

    app_set_screen(&a, &screen_name);
    snprintf(a.player, sizeof a.player, "WWWWWWWWWWWW");
    check_frame(&a, "name");

    /* the worst cases: the longest prompt, the longest choices */
    const item *longest_prompt = NULL, *longest_choices = NULL;
    for (size_t i = 0; i < a.quiz.all.n; i++) {
        const item *it = &a.quiz.all.items[i];
        if (!longest_prompt || strlen(it->prompt) > strlen(longest_prompt->prompt))
            longest_prompt = it;
        if (!longest_choices || choices_len(it) > choices_len(longest_choices))
            longest_choices = it;
    }
    const item *pair[2] = {longest_prompt, longest_choices};
    set_round(&a, pair, 2);
    app_set_screen(&a, &screen_question);
    check_frame(&a, "question-long-prompt");
    check_countdown_part(&a, 7300, "question");
    a.selected = 1;
    a.dirty = true;
    check_frame(&a, "question-selected");
    int wrong = (int)((longest_prompt->answer + 1) % longest_prompt->nchoices);
    round_answer(a.rnd, wrong, 5000, &a.last);
    app_set_screen(&a, &screen_feedback);
    check_frame(&a, "feedback-wrong");
    round_next(a.rnd);
    app_set_screen(&a, &screen_question);
    check_frame(&a, "question-long-choices");
    round_answer(a.rnd, (int)longest_choices->answer, 1000, &a.last);
    app_set_screen(&a, &screen_feedback);
    check_frame(&a, "feedback-right");
    app_push(&a, &screen_pause);
    check_frame(&a, "pause");
    app_pop(&a);
    app_push(&a, &screen_idle);
    check_frame(&a, "idle");
    app_pop(&a);

    /* a summary with a long review list: ten items, all missed */
    const item *ten[10];
    for (size_t i = 0; i < 10; i++)
        ten[i] = &a.quiz.all.items[(i * 7) % a.quiz.all.n];
    set_round(&a, ten, 10);
    for (int i = 0; i < 10; i++) {
        const item *it = round_current(a.rnd);
        round_answer(a.rnd, (int)((it->answer + 1) % it->nchoices), 3000, NULL);
        round_next(a.rnd);
    }
    a.new_rank = 2;
    app_set_screen(&a, &screen_summary);
    check_frame(&a, "summary");

    run_event_screens(&a, longest_prompt, longest_choices);

    if (strcmp(run_language, "auto") != 0)
        i18n_check_end();
    app_free(&a);
    free(cfg);
}

/* test_screens: English at five sizes; test_screens LANG: that language at
 * 1024x768 (the smallest screen, where a longer language is cut first) and
 * 1920x1080. */
int main(int argc, char **argv)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    if (argc > 1) {
        run_language = argv[1];
        run_screens(1024, 768, "dark", 1.0);
        run_screens(1920, 1080, "light", 1.0);
        goto done;
    }
    run_screens(1280, 720, "dark", 1.0);
    run_screens(1920, 1080, "light", 1.0);
    run_screens(3840, 2160, "high-contrast", 1.0);
    run_screens(1024, 768, "dark", 1.0); /* 4:3 */
    run_screens(1600, 1200, "dark", 1.6); /* large print */
done:;
    char *cmd = xasprintf("rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    free(cmd);
    return test_summary();
}
