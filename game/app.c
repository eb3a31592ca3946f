/* app.c - set-up, the main loop, the screen stack, a round's life and the
 * drawing shared by screens. Start reading at app_run(). */
#include "app.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "deck.h"
#include "util.h"

#define EXIT_HOLD_MS 3000
#define SIGNAL_POLL_MS 1000

/* ---- set-up ---- */

static int load_article(app *a)
{
    char *path = config_article(&a->cfg);
    char *buf = NULL, *err = NULL;
    size_t len = 0;
    if (read_file_max(path, ARTICLE_MAX_BYTES, &buf, &len) != 0) {
        const char *why = errno == EFBIG ? ARTICLE_TOO_LARGE : strerror(errno);
        if (a->cfg.article_line)
            fprintf(stderr, "%s:%d: cannot open article '%s': %s\n", a->cfg.file,
                    a->cfg.article_line, path, why);
        else
            fprintf(stderr, "%s: cannot open article: %s\n", path, why);
        free(path);
        return 1;
    }
    int rc = article_parse(path, buf, len, &a->art, &err);
    free(buf);
    free(path);
    if (rc != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return 1;
    }
    for (size_t i = 0; i < a->art->nwarnings; i++)
        fprintf(stderr, "warning: %s\n", a->art->warnings[i]);
    a->mask = xcalloc(a->art->ntopics, sizeof *a->mask);
    if (config_topics(&a->cfg, a->art, a->mask, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return 1;
    }
    /* without the lexicon the game still plays: names, numbers, sections, FAQ */
    char *lerr = NULL;
    a->lex = lex_open_default(&lerr);
    if (!a->lex) {
        fprintf(stderr, "warning: %s; only names, numbers, sections and FAQ are asked\n", lerr);
        free(lerr);
    }
    gen_options g = {a->cfg.difficulty, a->cfg.choices, 0, a->lex};
    gen_build(a->art, &g, &a->all);
    strbuf sb = STRBUF_INIT;
    size_t items = 0;
    for (size_t i = 0; i < a->all.n; i++)
        items += a->mask[a->all.items[i].topic_index];
    for (size_t i = 0; i < a->art->ntopics; i++)
        if (a->mask[i])
            strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", a->art->topics[i].title);
    a->title_topics = strbuf_detach(&sb);
    if (items == 0) {
        char *msg = gen_empty_message(a->art, a->mask, &g, &a->all, NULL);
        fprintf(stderr, "%s\n", msg);
        free(msg);
        return 1;
    }
    return 0;
}

static int make_dirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    }
    int rc = mkdir(p, 0755);
    free(p);
    if (rc != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

static int open_data(app *a)
{
    if (a->opt.data_dir) {
        a->data_dir = xstrdup(a->opt.data_dir);
    } else if (a->cfg.data_dir[0]) {
        a->data_dir = config_path(&a->cfg, a->cfg.data_dir);
    } else {
        char *pref = SDL_GetPrefPath("", "quizmill");
        if (!pref) {
            fprintf(stderr, "cannot find a data folder: %s (use --data-dir)\n", SDL_GetError());
            return 1;
        }
        a->data_dir = xstrdup(pref);
        SDL_free(pref);
    }
    size_t n = strlen(a->data_dir);
    while (n > 1 && a->data_dir[n - 1] == '/')
        a->data_dir[--n] = '\0';
    if (make_dirs(a->data_dir) != 0) {
        if (!a->opt.data_dir && a->cfg.data_dir[0] && a->cfg.data_dir_line)
            fprintf(stderr, "%s:%d: cannot create the data folder '%s': %s\n", a->cfg.file,
                    a->cfg.data_dir_line, a->data_dir, strerror(errno));
        else
            fprintf(stderr, "%s: cannot create the data folder: %s\n", a->data_dir,
                    strerror(errno));
        return 1;
    }
    a->scores_path = xasprintf("%s/scores.txt", a->data_dir);
    a->results_path = a->opt.results       ? xstrdup(a->opt.results)
                      : a->cfg.results[0] ? config_path(&a->cfg, a->cfg.results)
                                          : xasprintf("%s/results.csv", a->data_dir);
    char *warning = NULL, *err = NULL;
    /* scores that cannot be read (or a corrupt file that could not be set
     * aside) are never overwritten by this session's table */
    struct stat st;
    if (store_scores_load(a->scores_path, &a->scores, &warning, &err) != 0) {
        a->scores_kept = true;
        fprintf(stderr, "warning: %s (high scores will not be saved)\n", err);
        a->notice = err;
    } else if (warning) {
        a->scores_kept = lstat(a->scores_path, &st) == 0;
        fprintf(stderr, "warning: %s%s\n", warning,
                a->scores_kept ? " (high scores will not be saved)" : "");
        a->notice = warning;
    }
    return 0;
}

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

int app_init(app *a, const app_options *o)
{
    memset(a, 0, sizeof *a);
    a->opt = *o;
    a->new_rank = -1;
    config_defaults(&a->cfg);
    char *cpath = config_find(o->config_path);
    char *err = NULL;
    int loaded = cpath ? config_load(&a->cfg, cpath, &err) : 0;
    free(cpath);
    if (loaded != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return 1;
    }
    int rc = load_article(a);
    if (rc)
        return rc;
    a->mode = a->cfg.mode;
    a->nteams = config_team_names(&a->cfg, a->team_names);
    for (int i = 0; i < CONFIG_TEAMS_MAX; i++)
        a->team_control[i] = -1;
    rng_seed(&a->rng, o->have_seed ? o->seed : rng_fresh_seed());

    /* SIGINT and SIGTERM are ours, not SDL's: SDL would turn them into the
     * quit event a kiosk ignores, and a system shutdown must still stop it */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* gamepads keep working when another window has the focus */
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
    /* gamepads and sound start after the first frame (start_late()): the
     * title is on screen sooner */
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    rc = open_data(a);
    if (rc)
        return rc;
    if (ui_open(&a->ui, &a->cfg, o->windowed, "Quizmill", &err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return 1;
    }
    SDL_ShowCursor(SDL_ENABLE);
    const char *feed = getenv(TESTFEED_ENV);
    if (feed && feed[0] && !(a->feed = testfeed_open(feed))) {
        fprintf(stderr, "%s: cannot open the test joystick feed (%s): %s\n", feed, TESTFEED_ENV,
                strerror(errno));
        return 1;
    }
    return 0;
}

/* What the first frame does not need: gamepads (SDL reports the ones already
 * plugged in as added, as it does for new ones) and sound. Neither fails: a
 * game without them still plays. */
static void start_late(app *a)
{
    if (SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER | SDL_INIT_JOYSTICK) != 0)
        fprintf(stderr, "warning: no gamepads: %s\n", SDL_GetError());
    audio_open(&a->snd, a->cfg.sound && !a->opt.autoplay, a->cfg.volume);
}

void app_free(app *a)
{
    match_free(a->mt);
    round_free(a->rnd);
    gen_set_release(&a->deck);
    gen_set_release(&a->all);
    testfeed_close(a->feed);
    input_close(&a->in);
    audio_close(&a->snd);
    ui_close(&a->ui);
    article_free(a->art);
    lex_close(a->lex);
    free(a->mask);
    free(a->title_topics);
    free(a->data_dir);
    free(a->scores_path);
    free(a->results_path);
    free(a->notice);
    config_release(&a->cfg);
    SDL_Quit();
}

/* ---- screens ---- */

static void entered(app *a)
{
    a->screen_since = SDL_GetTicks();
    a->dirty = true;
    ui_text_flush(&a->ui);
    const screen *s = app_top(a);
    if (s && getenv("QUIZMILL_TRACE"))
        fprintf(stderr, "trace: screen %s\n", s->name);
    if (s && s->enter)
        s->enter(a);
}

void app_set_screen(app *a, const screen *s)
{
    a->pause_start = 0;
    a->depth = 1;
    a->stack[0] = s;
    entered(a);
}

void app_push(app *a, const screen *s)
{
    if (a->depth >= (int)(sizeof a->stack / sizeof a->stack[0]))
        return;
    if (!a->pause_start)
        a->pause_start = SDL_GetTicks();
    a->stack[a->depth++] = s;
    entered(a);
}

void app_pop(app *a)
{
    if (a->depth <= 1)
        return;
    a->depth--;
    if (getenv("QUIZMILL_TRACE"))
        fprintf(stderr, "trace: screen %s\n", a->stack[a->depth - 1]->name);
    if (a->depth == 1 && a->pause_start) {
        /* the question's clock stood still during the pause */
        a->q_start += SDL_GetTicks() - a->pause_start;
        a->pause_start = 0;
    }
    a->screen_since = SDL_GetTicks();
    a->dirty = true;
}

const screen *app_top(const app *a)
{
    return a->depth ? a->stack[a->depth - 1] : NULL;
}

/* ---- a round's life ---- */

static round_options scoring(const app *a)
{
    round_options ro = {a->cfg.base_points, a->cfg.time_bonus, a->cfg.streak_bonus,
                        a->cfg.streak_step, a->cfg.streak_max, a->cfg.wrong_penalty,
                        a->cfg.practice, (uint32_t)a->cfg.time_limit * 1000u};
    return ro;
}

/* Deals a new deck (at most max_choices choices an item, 0 = all) and names
 * the round; frees the last round or match. */
static void deal(app *a, size_t max_choices)
{
    round_free(a->rnd);
    a->rnd = NULL;
    match_free(a->mt);
    a->mt = NULL;
    gen_set_release(&a->deck);
    a->seed = a->opt.have_seed ? a->opt.seed : a->cfg.seed ? a->cfg.seed : rng_fresh_seed();
    deck_options d = {(size_t)a->cfg.questions, a->seed, a->cfg.shuffle_questions,
                      a->cfg.shuffle_choices, a->mask, a->art->ntopics, max_choices};
    deck_deal(&a->all, &d, &a->deck);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(a->round_id, sizeof a->round_id, "%s-%04x", stamp,
             (unsigned)((a->seed ^ (uint64_t)a->rounds_played) & 0xffff));
    a->saved_answers = 0;
    a->saved_events = 0;
    a->new_rank = -1;
    a->round_start = SDL_GetTicks();
    a->rounds_played++;
}

void app_start_round(app *a)
{
    deal(a, 0);
    round_options ro = scoring(a);
    a->rnd = round_new(a->deck.items, a->deck.n, &ro);
    app_set_screen(a, &screen_question);
}

/* ---- event mode: a match of teams ---- */

int app_control_of(const action *act)
{
    if (act->device == 0)
        return act->zone >= 0 ? 100 + act->zone : -1;
    return act->device >= 2 ? act->device : -1;
}

int app_team_of(const app *a, int control)
{
    if (control < 0)
        return -1;
    for (int i = 0; i < a->joined; i++)
        if (a->team_control[i] == control)
            return i;
    return -1;
}

void app_control_name(const app *a, int control, char *out, size_t size)
{
    static const char *const zones[] = {"Keys Q W E R", "Keys U I O P", "Arrow keys",
                                        "Keypad 1 2 3 4"};
    if (control >= 100 && control < 100 + INPUT_ZONES) {
        snprintf(out, size, "%s", zones[control - 100]);
    } else if (control >= INPUT_HANDSET_DEVICE(0, 0)) {
        int h = control - INPUT_HANDSET_DEVICE(0, 0), slot = h / 4;
        int n = input_device_number(&a->in, slot); /* 0: pulled out since */
        snprintf(out, size, "Buzzer %d, handset %d", n ? n : slot + 1, h % 4 + 1);
    } else if (control >= 2) {
        int n = input_device_number(&a->in, control - 2);
        snprintf(out, size, "Controller %d", n ? n : control - 1);
    } else {
        snprintf(out, size, "-");
    }
}

void app_new_match(app *a)
{
    match_free(a->mt);
    match_options mo;
    memset(&mo, 0, sizeof mo);
    mo.mode = a->mode == MODE_BUZZER ? MATCH_BUZZER : MATCH_TEAMS;
    mo.nplayers = (size_t)(a->joined >= 2 ? a->joined : 2);
    mo.scoring = scoring(a);
    mo.scoring.practice = false; /* no repeats in a match */
    mo.buzz_ms = (uint32_t)a->cfg.buzz_time * 1000u;
    mo.answer_ms = (uint32_t)a->cfg.answer_time * 1000u;
    const char *names[MATCH_MAX_PLAYERS];
    for (int i = 0; i < MATCH_MAX_PLAYERS; i++)
        names[i] = i < CONFIG_TEAMS_MAX ? a->team_names[i] : NULL;
    a->mt = match_new(a->deck.items, a->deck.n, &mo, names);
    a->saved_events = 0;
}

void app_start_match(app *a)
{
    deal(a, DECK_TEAM_CHOICES); /* four choice buttons a team */
    app_new_match(a);
    app_set_screen(a, &screen_match);
}

SDL_Color app_team_color(const app *a, int team)
{
    (void)a;
    /* Okabe and Ito's colours for colour-blind eyes: vermillion, blue,
     * bluish green, yellow; each team has its shape and name as well */
    static const SDL_Color c[CONFIG_TEAMS_MAX] = {
        {213, 94, 0, 255}, {0, 114, 178, 255}, {0, 158, 115, 255}, {240, 228, 66, 255}};
    return c[(team < 0 ? 0 : team) % CONFIG_TEAMS_MAX];
}

void app_draw_team_badge(app *a, int team, int cx, int cy, int size)
{
    ui *u = &a->ui;
    static const ui_shape shapes[CONFIG_TEAMS_MAX] = {SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_TRIANGLE,
                                                      SHAPE_DIAMOND};
    ui_shape sh = shapes[team % CONFIG_TEAMS_MAX];
    ui_draw_shape(u, sh, cx, cy, size, app_team_color(a, team));
    char digit[2] = {(char)('1' + team % CONFIG_TEAMS_MAX), 0};
    int px = size * 45 / 100;
    if (px < ui_min_px(u))
        px = ui_min_px(u);
    int lh = ui_line_height(u, px, true);
    int dy = sh == SHAPE_TRIANGLE ? size / 8 : 0;
    SDL_Color ink = team % CONFIG_TEAMS_MAX == 3 ? (SDL_Color){0, 0, 0, 255}
                                                 : (SDL_Color){255, 255, 255, 255};
    ui_text(u, digit, px, true, ink, cx, cy - lh / 2 + dy, UI_CENTER);
}

/* The results CSV rows of the match's events not yet saved: answers with
 * the team's name as the player, host actions as "host: ..." choices. */
static void save_match_results(app *a)
{
    size_t n;
    const match_event *ev = match_events(a->mt, &n);
    if (n <= a->saved_events || a->deck.n == 0)
        return;
    store_result *rows = xcalloc(n - a->saved_events, sizeof *rows);
    int64_t now = (int64_t)time(NULL);
    for (size_t i = a->saved_events; i < n; i++) {
        const match_event *e = &ev[i];
        const gen_item *it = &a->deck.items[e->item < a->deck.n ? e->item : a->deck.n - 1];
        const match_player *p = e->player >= 0 ? match_player_get(a->mt, (size_t)e->player)
                                               : NULL;
        store_result *row = &rows[i - a->saved_events];
        row->when = now;
        row->round_id = a->round_id;
        row->player = p ? p->name : "host";
        row->difficulty = a->cfg.difficulty;
        row->topic = it->topic;
        row->item_id = it->id;
        row->right = it->choices[it->answer];
        row->points = e->info.points;
        switch (e->kind) {
        case MATCH_EV_ANSWER:
            row->chosen = e->info.chosen >= 0 ? it->choices[e->info.chosen] : "";
            row->correct = e->info.correct;
            row->ms = e->info.ms;
            break;
        case MATCH_EV_SKIP: row->chosen = "host: skip"; break;
        case MATCH_EV_REPLAY: row->chosen = "host: replay"; break;
        case MATCH_EV_PAUSE: row->chosen = "host: pause"; break;
        case MATCH_EV_END: row->chosen = "host: end"; break;
        case MATCH_EV_POINTS:
            row->chosen = e->info.points >= 0 ? "host: award" : "host: remove";
            break;
        }
    }
    char *err = NULL;
    if (store_results_append(a->results_path, rows, n - a->saved_events, &err) != 0) {
        fprintf(stderr, "warning: %s\n", err);
        free(a->notice);
        a->notice = err;
    } else {
        a->saved_events = n;
    }
    free(rows);
}

void app_save_results(app *a)
{
    if (a->mt)
        save_match_results(a);
    if (!a->rnd)
        return;
    size_t n;
    const round_answer_info *ans = round_answers(a->rnd, &n);
    if (n <= a->saved_answers)
        return;
    store_result *rows = xcalloc(n - a->saved_answers, sizeof *rows);
    int64_t now = (int64_t)time(NULL);
    const char *player = a->player[0] ? a->player : (a->opt.autoplay ? "autoplay" : "");
    for (size_t i = a->saved_answers; i < n; i++) {
        const round_answer_info *r = &ans[i];
        const gen_item *it = &a->deck.items[r->item];
        store_result *row = &rows[i - a->saved_answers];
        row->when = now;
        row->round_id = a->round_id;
        row->player = player;
        row->difficulty = a->cfg.difficulty;
        row->topic = it->topic;
        row->item_id = it->id;
        row->chosen = r->chosen >= 0 ? it->choices[r->chosen] : "";
        row->right = it->choices[it->answer];
        row->correct = r->correct;
        row->ms = r->ms;
        row->points = r->points;
    }
    char *err = NULL;
    if (store_results_append(a->results_path, rows, n - a->saved_answers, &err) != 0) {
        fprintf(stderr, "warning: %s\n", err);
        free(a->notice);
        a->notice = err;
    } else {
        a->saved_answers = n;
    }
    free(rows);
}

static void save_scores(app *a)
{
    if (a->scores_kept)
        return;
    char *err = NULL;
    if (store_scores_save(a->scores_path, &a->scores, &err) != 0) {
        fprintf(stderr, "warning: %s\n", err);
        free(a->notice);
        a->notice = err;
    }
}

/* Enters the round's score under the player's name. */
static void enter_score(app *a)
{
    store_score s = {{0}, round_score(a->rnd), (int)round_right(a->rnd),
                     (int)a->deck.n, (int64_t)time(NULL)};
    store_name_clean(s.name, a->player[0] ? a->player : a->opt.autoplay ? "autoplay" : "Player");
    a->new_rank = store_scores_insert(&a->scores, a->cfg.difficulty, &s);
    if (a->new_rank >= 0)
        save_scores(a);
}

/* Resident memory in KiB (Linux), or -1: for the soak test's trace. */
static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = -1, rss = -1;
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
        rss = -1;
    fclose(f);
    return rss < 0 ? -1 : rss * (sysconf(_SC_PAGESIZE) / 1024);
}

void app_finish_round(app *a)
{
    app_save_results(a);
    if (getenv("QUIZMILL_TRACE"))
        fprintf(stderr, "trace: round %d done score %d rss %ld\n", a->rounds_played,
                round_score(a->rnd), rss_kib());
    int rank = store_scores_rank(&a->scores, a->cfg.difficulty, round_score(a->rnd));
    a->new_rank = -1;
    if (rank >= 0 && !a->player[0] && !a->opt.autoplay) {
        a->name_for_score = true;
        app_set_screen(a, &screen_name);
        return;
    }
    if (rank >= 0)
        enter_score(a);
    app_set_screen(a, &screen_summary);
}

void app_name_done(app *a)
{
    if (a->name_for_score) {
        a->name_for_score = false;
        enter_score(a);
        app_set_screen(a, &screen_summary);
    } else {
        app_start_round(a);
    }
}

void app_finish_match(app *a)
{
    app_save_results(a);
    size_t n = match_players(a->mt);
    int64_t now = (int64_t)time(NULL);
    a->match_rows = 0;
    _Static_assert(STORE_TOP < 32, "match_rows has a bit per high-score row");
    for (size_t i = 0; i < n && i < CONFIG_TEAMS_MAX; i++) {
        const match_player *p = match_player_get(a->mt, i);
        store_score s = {{0}, p->score, (int)p->right, (int)match_total(a->mt), now};
        store_name_clean(s.name, p->name);
        int r = store_scores_insert(&a->scores, a->cfg.difficulty, &s);
        if (r >= 0) { /* the rows from r on moved down one, the last one out */
            uint32_t above = a->match_rows & ((1u << r) - 1);
            uint32_t below = (a->match_rows & ~((1u << r) - 1)) << 1;
            a->match_rows = (above | below | 1u << r) & ((1u << STORE_TOP) - 1);
        }
    }
    if (a->match_rows) /* at least one entered */
        save_scores(a);
    app_set_screen(a, &screen_podium);
}

void app_abandon_round(app *a)
{
    app_save_results(a);
    match_free(a->mt);
    a->mt = NULL;
    if (a->name_for_score && a->rnd) {
        /* nobody typed a name: the high score still counts */
        a->name_for_score = false;
        enter_score(a);
    }
    round_free(a->rnd);
    a->rnd = NULL;
    if (a->cfg.kiosk)
        a->player[0] = '\0'; /* the next player is someone else */
    app_set_screen(a, &screen_title);
}

int app_idle_check(app *a, uint32_t now)
{
    if (!a->cfg.kiosk || a->opt.autoplay)
        return -1;
    uint32_t idle_ms = (uint32_t)a->cfg.idle_timeout * 1000u;
    uint32_t since = a->last_input > a->screen_since ? a->last_input : a->screen_since;
    uint32_t idle = now - since;
    if (idle >= idle_ms) {
        app_push(a, &screen_idle);
        return 0;
    }
    return (int)(idle_ms - idle);
}

int app_time_left(const app *a, uint32_t now)
{
    if (a->cfg.time_limit <= 0)
        return -1;
    uint32_t limit = (uint32_t)a->cfg.time_limit * 1000u;
    uint32_t base = a->pause_start ? a->pause_start : now;
    uint32_t used = base - a->q_start;
    return used >= limit ? 0 : (int)(limit - used);
}

/* ---- the loop ---- */

void app_draw(app *a)
{
    ui *u = &a->ui;
    ui_begin(u);
    int first = a->depth - 1;
    while (first > 0 && a->stack[first]->overlay)
        first--;
    for (int i = first; i < a->depth; i++) {
        if (a->stack[i]->overlay) {
            SDL_Color dim = u->theme.bg;
            dim.a = 215;
            ui_fill(u, (SDL_Rect){0, 0, u->w, u->h}, dim);
            u->nboxes = 0; /* what lies under an overlay is not checked */
        }
        a->stack[i]->draw(a);
    }
    ui_end(u);
    a->dirty = false;
    a->dirty_part = false;
}

void app_draw_part(app *a)
{
    const screen *s = app_top(a);
    ui *u = &a->ui;
    a->dirty_part = false;
    if (!s || !s->draw_part || !u->direct || !u->presented) {
        app_draw(a);
        return;
    }
    SDL_Rect r[8];
    bool log = u->log_boxes;
    u->log_boxes = false; /* the layout log keeps the whole last frame */
    int n = s->draw_part(a, r, (int)(sizeof r / sizeof r[0]));
    u->log_boxes = log;
    ui_end_part(u, r, n);
}

static bool exit_keys_held(void)
{
    const Uint8 *k = SDL_GetKeyboardState(NULL);
    SDL_Keymod m = SDL_GetModState();
    return k[SDL_SCANCODE_Q] && (m & KMOD_CTRL) && (m & KMOD_SHIFT);
}

static void quit_game(app *a)
{
    app_save_results(a);
    a->quit = true;
}

static void handle(app *a, const SDL_Event *ev)
{
    uint32_t now = SDL_GetTicks();
    switch (ev->type) {
    case SDL_QUIT:
        if (!a->cfg.kiosk)
            quit_game(a);
        return; /* a kiosk leaves only by its configured exit */
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            ev->window.event == SDL_WINDOWEVENT_RESIZED)
            ui_resized(&a->ui);
        a->dirty = true;
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        ui_text_flush(&a->ui);
        a->dirty = true;
        return;
    case SDL_KEYDOWN: {
        SDL_Keycode sym = ev->key.keysym.sym;
        if (a->cfg.kiosk && !a->cfg.exit_pin[0] && exit_keys_held()) {
            if (!a->exit_hold_since)
                a->exit_hold_since = now ? now : 1;
            a->dirty = true;
            return;
        }
        if (sym == SDLK_F11 && !ev->key.repeat) {
            if (!a->cfg.kiosk)
                ui_toggle_fullscreen(&a->ui);
            return;
        }
        if (sym == SDLK_F12 && !ev->key.repeat) {
            char *err = NULL;
            char *path = ui_screenshot(&a->ui, a->data_dir, &err);
            if (path)
                fprintf(stderr, "screenshot saved: %s\n", path);
            else
                fprintf(stderr, "warning: %s\n", err);
            free(path);
            free(err);
            return;
        }
        if (sym == SDLK_q && (ev->key.keysym.mod & KMOD_CTRL) && !a->cfg.kiosk) {
            quit_game(a);
            return;
        }
        break;
    }
    case SDL_KEYUP:
        if (a->exit_hold_since && !exit_keys_held()) {
            a->exit_hold_since = 0;
            a->dirty = true;
        }
        break;
    default:
        break;
    }
    action act = input_map(&a->in, ev, a->ui.w, a->ui.h);
    if (act.kind == ACT_NONE)
        return;
    if (act.kind != ACT_HOVER)
        a->last_input = now;
    const screen *s = app_top(a);
    if (s && s->action)
        s->action(a, &act);
}

static void draw_exit_hold(app *a, uint32_t now)
{
    ui *u = &a->ui;
    int left = (int)(EXIT_HOLD_MS - (now - a->exit_hold_since) + 999) / 1000;
    char msg[64];
    snprintf(msg, sizeof msg, "Keep holding to leave the kiosk: %d", left < 0 ? 0 : left);
    int px = ui_font_px(u, 0.045);
    SDL_Rect r = {u->w / 6, u->h / 2 - px, u->w * 2 / 3, px * 2};
    ui_panel(u, r, u->theme.warn, px / 3);
    ui_text(u, msg, px, true, u->theme.on_badge, u->w / 2, r.y + px / 3, UI_CENTER);
}

bool app_step(app *a, int max_wait)
{
    if (a->quit)
        return false;
    uint32_t now = SDL_GetTicks();
    const screen *s = app_top(a);
    int wait = s->tick ? s->tick(a, now) : -1;
    if (a->quit)
        return false;
    if (app_top(a) != s)
        return true; /* the tick changed screens: tick the new one */
    if (a->exit_hold_since) {
        if (!exit_keys_held()) {
            a->exit_hold_since = 0;
            a->dirty = true;
        } else if (now - a->exit_hold_since >= EXIT_HOLD_MS) {
            quit_game(a);
            return false;
        } else {
            wait = wait < 0 || wait > 100 ? 100 : wait;
            a->dirty = true;
        }
    }
    if (a->dirty) {
        app_draw(a);
        if (a->exit_hold_since) {
            draw_exit_hold(a, now);
            ui_end(&a->ui);
        }
    } else if (a->dirty_part) {
        app_draw_part(a);
    }
    if (!a->late_started && a->ui.presented) {
        a->late_started = true;
        start_late(a);
    }
    if (stop_signal) {
        quit_game(a);
        return false;
    }
    /* a signal does not wake SDL's wait: look at least once a second */
    if (wait < 0 || wait > SIGNAL_POLL_MS)
        wait = SIGNAL_POLL_MS;
    if (max_wait >= 0 && wait > max_wait)
        wait = max_wait;
    if (a->feed && a->late_started) { /* a test's joysticks: their commands at once */
        testfeed_poll(a->feed);
        if (wait > TESTFEED_WAIT_MS)
            wait = TESTFEED_WAIT_MS;
    }
    SDL_Event ev;
    int got = SDL_WaitEventTimeout(&ev, wait);
    if (got) {
        handle(a, &ev);
        while (!a->quit && SDL_PollEvent(&ev))
            handle(a, &ev);
    }
    return !a->quit;
}

int app_run(app *a)
{
    a->last_input = SDL_GetTicks();
    app_set_screen(a, &screen_title);
    while (app_step(a, -1))
        ;
    return 0;
}

/* ---- shared drawing ---- */

void app_draw_badge(app *a, int index, int cx, int cy, int size, bool dim)
{
    ui *u = &a->ui;
    SDL_Color c = u->theme.choice[index % 5];
    if (dim)
        c.a = 110;
    ui_draw_shape(u, (ui_shape)(index % SHAPE_COUNT), cx, cy, size, c);
    char letter[2] = {(char)('A' + index), 0};
    int px = size * 45 / 100;
    if (px < ui_min_px(u))
        px = ui_min_px(u);
    int lh = ui_line_height(u, px, true);
    int dy = index % SHAPE_COUNT == SHAPE_TRIANGLE ? size / 8 : 0;
    ui_text(u, letter, px, true, u->theme.on_badge, cx, cy - lh / 2 + dy, UI_CENTER);
}

void app_draw_choice(app *a, SDL_Rect r, int index, const char *text, int state, int px)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    SDL_Color bg = state == 1 ? t->panel_hi : t->panel;
    int radius = r.h / 6;
    ui_panel(u, r, bg, radius);
    ui_log(u, r, 0, false, "choice");
    int thick = ui_px(u, 0.006);
    if (state == 1)
        ui_frame(u, r, t->accent, thick, radius);
    else if (state == 2)
        ui_frame(u, r, t->good, thick * 2, radius);
    else if (state == 3)
        ui_frame(u, r, t->bad, thick * 2, radius);
    int badge = r.h * 62 / 100;
    int maxbadge = ui_px(u, 0.085);
    if (badge > maxbadge)
        badge = maxbadge;
    int pad = ui_px(u, 0.018);
    app_draw_badge(a, index, r.x + pad + badge / 2, r.y + r.h / 2, badge, state == 3);
    int mark = 0;
    if (state == 2 || state == 3) {
        mark = badge;
        int cx = r.x + r.w - pad - mark / 2, cy = r.y + r.h / 2;
        if (state == 2)
            ui_check_mark(u, cx, cy, mark, t->good);
        else
            ui_cross_mark(u, cx, cy, mark, t->bad);
        mark += pad;
    }
    SDL_Rect box = {r.x + pad * 2 + badge, r.y + pad / 2, r.w - pad * 3 - badge - mark,
                    r.h - pad};
    ui_text_fit(u, text, box, px, ui_min_px(u), false, t->text, UI_LEFT, true);
}

SDL_Rect app_header_box(app *a, int which)
{
    ui *u = &a->ui;
    int m = ui_px(u, 0.03);
    int px = ui_font_px(u, 0.042);
    int lh = ui_line_height(u, px, true);
    /* three boxes side by side; each text shrinks to its own */
    int side = (u->w - 2 * m) * 38 / 100;
    if (which == 0)
        return (SDL_Rect){m, m, side, lh};
    if (which == 2)
        return (SDL_Rect){u->w - m - side, m, side, lh};
    return (SDL_Rect){m + side, m, u->w - 2 * m - 2 * side, lh};
}

void app_draw_header(app *a, const char *left, const char *center, const char *right)
{
    ui *u = &a->ui;
    int px = ui_font_px(u, 0.042);
    SDL_Rect lb = app_header_box(a, 0), cb = app_header_box(a, 1), rb = app_header_box(a, 2);
    if (left)
        ui_text_fit(u, left, lb, px, ui_min_px(u), true, u->theme.dim, UI_LEFT, true);
    if (center)
        ui_text_fit(u, center, cb, px, ui_min_px(u), true, a->ui.theme.text, UI_CENTER, true);
    if (right)
        ui_text_fit(u, right, rb, px, ui_min_px(u), true, u->theme.text, UI_RIGHT, true);
}

int app_draw_score_rows(app *a, SDL_Rect box, int px, int max_rows,
                        bool (*marked)(const app *a, size_t rank, const store_score *s))
{
    ui *u = &a->ui;
    gen_difficulty d = a->cfg.difficulty;
    int lh = ui_line_height(u, px, false);
    int y = box.y, drawn = 0;
    for (size_t i = 0; i < a->scores.n[d] && drawn < max_rows && y + lh <= box.y + box.h; i++) {
        const store_score *s = &a->scores.top[d][i];
        char rank[24], pts[32];
        snprintf(rank, sizeof rank, "%zu.", i + 1);
        snprintf(pts, sizeof pts, "%d", s->score);
        bool mark = marked(a, i, s);
        SDL_Color c = mark ? u->theme.warn : u->theme.text;
        ui_text(u, rank, px, true, c, box.x + box.w * 18 / 100, y, UI_RIGHT);
        SDL_Rect name = {box.x + box.w * 22 / 100, y, box.w * 50 / 100, lh};
        ui_text_fit(u, s->name, name, px, px, mark, c, UI_LEFT, false);
        ui_text(u, pts, px, true, c, box.x + box.w * 92 / 100, y, UI_RIGHT);
        y += lh;
        drawn++;
    }
    return drawn;
}

int app_draw_hint(app *a, const char *hint)
{
    ui *u = &a->ui;
    int m = ui_px(u, 0.03);
    int px = ui_min_px(u);
    int lh = ui_line_height(u, px, false);
    int y = u->h - m - lh;
    SDL_Rect box = {m, y, u->w - 2 * m, lh};
    ui_text_fit(u, hint, box, px, px, false, u->theme.dim, UI_CENTER, false);
    return y;
}

int app_choice_rects(app *a, const gen_item *it, SDL_Rect area, SDL_Rect *out, int *px)
{
    ui *u = &a->ui;
    int n = (int)it->nchoices;
    int gap = ui_px(u, 0.018);
    int rowh = (area.h - gap * (n - 1)) / n;
    int maxh = ui_px(u, 0.16);
    if (rowh > maxh)
        rowh = maxh;
    int total = rowh * n + gap * (n - 1);
    int y = area.y + (area.h - total) / 2;
    for (int i = 0; i < n; i++) {
        out[i] = (SDL_Rect){area.x, y, area.w, rowh};
        y += rowh + gap;
    }
    if (px)
        *px = ui_font_px(u, 0.05);
    return n;
}
