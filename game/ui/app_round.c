/* app_round.c - a round's and a match's life in the game: dealing (a
 * named student's practice round in the trainer's order), naming and
 * starting them, handing every answer to the store the moment it is
 * given, the high scores, the trainer's progress line and the results
 * export. Start reading at app_start_round(), then app_save_results().
 */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deck.h"
#include "hooks.h"
#include "i18n.h"
#include "results.h"
#include "text.h"
#include "trainer.h"
#include "util.h"

/* The longest a round's end waits for the store to commit (settle()). */
#define SETTLE_MS 3000

/* ---- a round's life ---- */

static round_options scoring(const app *a)
{
    round_options ro = {a->cfg.base_points,  a->cfg.time_bonus,
                        a->cfg.streak_bonus, a->cfg.streak_step,
                        a->cfg.streak_max,   a->cfg.wrong_penalty,
                        a->cfg.practice,     (uint32_t)a->cfg.time_limit * 1000u};
    return ro;
}

/* Tells the player (title screen) and stderr that the store failed; takes
 * msg. writes: a write the store keeps and retries (a full disk fails every
 * answer: stderr hears of it once, when it starts, and again when it is
 * over); else a read or an export. The title screen shows the latest. */
static void store_failed(app *a, char *msg, bool writes)
{
    if (!writes || !a->save.save_failing)
        fprintf(stderr, "warning: %s\n", msg);
    a->save.save_failing = writes;
    free(a->notice);
    a->notice = msg;
}

static void save_failed(app *a, char *msg)
{
    store_failed(a, msg, false);
}

static void write_failed(app *a, char *msg)
{
    store_failed(a, msg, true);
}

/* Waits (briefly) until what was handed to the store is committed, before
 * reading what it wrote: the high scores, the cards, the export. */
static void settle(app *a)
{
    char *err = NULL;
    if (a->save.db && db_sync(a->save.db, SETTLE_MS, &err) != 0)
        write_failed(a, err);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The name the solo round's answers are saved under ("" until a player who
 * played unnamed types one for a high score). */
static const char *solo_player(const app *a)
{
    return a->player[0] ? a->player : (a->opt.autoplay ? "autoplay" : "");
}

/* A named student's trainer cards for the article, by item id. */
typedef struct trainer_cards {
    text_map index; /* item id -> index into v */
    trainer_card *v;
    size_t n, cap;
} trainer_cards;

static void add_card(void *ctx, const char *id, trainer_card c)
{
    trainer_cards *t = ctx;
    xgrow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v);
    t->v[t->n] = c;
    text_map_put(&t->index, id, t->n, NULL);
    t->n++;
}

static void load_cards(app *a, trainer_cards *t)
{
    memset(t, 0, sizeof *t);
    t->index = (text_map)TEXT_MAP_INIT;
    settle(a);
    char *err = NULL;
    if (db_cards(a->save.db, solo_player(a), a->save.article_key, add_card, t, &err) != 0)
        save_failed(a, err);
}

static trainer_card card_of(const trainer_cards *t, const char *id)
{
    const size_t *i = text_map_get(&t->index, id);
    return i ? t->v[*i] : (trainer_card){0, 0};
}

static void free_cards(trainer_cards *t)
{
    text_map_release(&t->index);
    free(t->v);
}

static void update_progress(app *a)
{
    a->progress[0] = '\0';
    if (!a->save.db || !solo_player(a)[0] || a->event.mode != MODE_SOLO || a->event.mt)
        return;
    trainer_cards cards;
    load_cards(a, &cards);
    trainer_progress p = {0, 0, 0, 0, 0};
    int64_t now = (int64_t)time(NULL);
    for (size_t i = 0; i < a->quiz.all.n; i++)
        if (a->quiz.mask[a->quiz.all.items[i].topic_index])
            trainer_count(&p, card_of(&cards, a->quiz.all.items[i].id), now);
    free_cards(&cards);
    snprintf(a->progress, sizeof a->progress,
             _("%s: %u of %u mastered \xC2\xB7 %u due now \xC2\xB7 %u due tomorrow"), solo_player(a),
             p.mastered, p.items, p.due_now, p.due_tomorrow);
}

/* Deals a new deck as quizmill-gen -m MODE does (quiz_deal()); frees the
 * last round or match. */
static void deal(app *a, config_mode mode)
{
    round_free(a->rnd);
    a->rnd = NULL;
    match_free(a->event.mt);
    a->event.mt = NULL;
    item_set_release(&a->deck);
    a->seed = quiz_seed(&a->cfg, a->opt.have_seed, a->opt.seed);
    /* a named student's practice round: what is due first, then new items */
    uint8_t *tier = NULL;
    const item_set *all = &a->quiz.all;
    if (a->cfg.practice && solo_player(a)[0] && a->save.db && mode == MODE_SOLO) {
        tier = xcalloc(all->n ? all->n : 1, 1);
        trainer_cards cards;
        load_cards(a, &cards);
        int64_t now = (int64_t)time(NULL);
        for (size_t i = 0; i < all->n; i++)
            tier[i] = (uint8_t)trainer_tier(card_of(&cards, all->items[i].id), now);
        free_cards(&cards);
    }
    quiz_deal(&a->quiz, a->seed, 0, mode, tier, &a->deck);
    free(tier);
    a->new_rank = -1;
    a->progress[0] = '\0';
    a->round_start = SDL_GetTicks();
    a->rounds_played++;
    a->practising = false;
}

/* Names a new round (or match) and records its start. The name is unique
 * among every game sharing the store: the time and 64 random bits (not the
 * seed, which two games may share). */
static void begin_round(app *a, const char *mode)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(a->round_id, sizeof a->round_id, "%s-%016llx", stamp,
             (unsigned long long)rng_fresh_seed());
    a->saved_answers = 0;
    a->event.saved_events = 0;
    if (a->save.db) {
        db_round r = {a->round_id, mode, a->cfg.difficulty, a->save.article_key, now_ms()};
        char *err = NULL;
        if (db_begin_round(a->save.db, &r, &err) != 0)
            write_failed(a, err);
    }
}

void app_start_round(app *a)
{
    deal(a, MODE_SOLO);
    begin_round(a, "solo");
    round_options ro = scoring(a);
    a->rnd = round_new(a->deck.items, a->deck.n, &ro);
    app_set_screen(a, &screen_question);
}

void app_practise_missed(app *a)
{
    if (!a->rnd)
        return;
    size_t n = round_missed(a->rnd, NULL, 0);
    if (n == 0)
        return;
    size_t *missed = xmalloc(n * sizeof *missed);
    round_missed(a->rnd, missed, n);
    item_set again = {0};
    a->seed = quiz_seed(&a->cfg, false, 0) ^ (uint64_t)a->rounds_played;
    deck_again(&a->deck, missed, n, a->seed, a->cfg.shuffle_choices, &again);
    free(missed);
    round_free(a->rnd);
    item_set_release(&a->deck);
    a->deck = again;
    a->new_rank = -1;
    a->progress[0] = '\0';
    a->round_start = SDL_GetTicks();
    a->rounds_played++;
    a->practising = true;
    begin_round(a, "solo");
    round_options ro = scoring(a);
    a->rnd = round_new(a->deck.items, a->deck.n, &ro);
    hooks_trace("practise %zu missed", a->deck.n);
    app_set_screen(a, &screen_question);
}

/* ---- event mode: a match of teams ---- */

int app_control_of(const action *act)
{
    if (act->device == INPUT_KEYBOARD)
        return act->zone >= 0 ? APP_ZONE_CONTROL(act->zone) : -1;
    return INPUT_IS_PAD(act->device) ? act->device : -1;
}

int app_team_of(const app *a, int control)
{
    if (control < 0)
        return -1;
    for (int i = 0; i < a->event.joined; i++)
        if (a->event.team_control[i] == control)
            return i;
    return -1;
}

void app_control_name(const app *a, int control, char *out, size_t size)
{
    static const char *const zones[] = {N_("Keys Q W E R"), N_("Keys U I O P"), N_("Arrow keys"),
                                        N_("Keypad 1 2 3 4")};
    if (control >= APP_ZONE_CONTROL(0) && control < APP_ZONE_CONTROL(INPUT_ZONES)) {
        snprintf(out, size, "%s", _(zones[control - APP_ZONE_CONTROL(0)]));
    } else if (control >= INPUT_HANDSET_DEVICE(0, 0)) {
        int h = control - INPUT_HANDSET_DEVICE(0, 0), slot = h / 4;
        int n = input_device_number(&a->in, slot); /* 0: pulled out since */
        snprintf(out, size, _("Buzzer %d, handset %d"), n ? n : slot + 1, h % 4 + 1);
    } else if (INPUT_IS_PAD(control)) {
        int n = input_device_number(&a->in, control - INPUT_PAD_DEVICE(0));
        snprintf(out, size, _("Controller %d"), n ? n : control - INPUT_PAD_DEVICE(0) + 1);
    } else {
        snprintf(out, size, "-");
    }
}

void app_new_match(app *a)
{
    match_free(a->event.mt);
    match_options mo;
    memset(&mo, 0, sizeof mo);
    mo.mode = a->event.mode == MODE_BUZZER ? MATCH_BUZZER : MATCH_TEAMS;
    mo.nplayers = (size_t)(a->event.joined >= 2 ? a->event.joined : 2);
    mo.scoring = scoring(a);
    mo.scoring.practice = false; /* no repeats in a match */
    mo.buzz_ms = (uint32_t)a->cfg.buzz_time * 1000u;
    mo.answer_ms = (uint32_t)a->cfg.answer_time * 1000u;
    const char *names[MATCH_MAX_PLAYERS];
    for (int i = 0; i < MATCH_MAX_PLAYERS; i++)
        names[i] = i < CONFIG_TEAMS_MAX ? a->event.team_names[i] : NULL;
    a->event.mt = match_new(a->deck.items, a->deck.n, &mo, names);
    begin_round(a, a->event.mode == MODE_BUZZER ? "buzzer" : "teams");
}

void app_start_match(app *a)
{
    deal(a, a->event.mode == MODE_BUZZER ? MODE_BUZZER : MODE_TEAMS); /* four buttons a team */
    app_new_match(a);
    app_set_screen(a, &screen_match);
}

/* ---- phones: everyone on their own phone ---- */

static void save_rows(app *a, const db_answer *rows, size_t n);
static results_context row_context(const app *a);
static void export_results(app *a);

/* The server's thread wakes the game: one SDL event (thread-safe). */
static void wake(void *user)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = *(const uint32_t *)user;
    SDL_PushEvent(&ev);
}

/* The page's folder: web/ of the source tree beside a build, else the
 * installed data folder's. */
static char *web_dir(void)
{
    char *exe = exe_dir();
    if (exe) {
        char *dir = xasprintf("%s/../web", exe);
        char *index = xasprintf("%s/index.html", dir);
        free(exe);
        FILE *f = fopen(index, "r");
        free(index);
        if (f) {
            fclose(f);
            return dir;
        }
        free(dir);
    }
    char *data = installed_data_dir();
    char *dir = xasprintf("%s/web", data ? data : ".");
    free(data);
    return dir;
}

/* The phones' server stopped (it frees its crowd), or the crowd shown
 * without one freed. */
void app_start_lobby(app *a)
{
    if (!a->event.wake_event)
        a->event.wake_event = SDL_RegisterEvents(1);
    deal(a, MODE_PHONES); /* four choices at most: a phone's four tiles */
    crowd_options co = {(size_t)a->cfg.net_max_players, scoring(a)};
    crowd *c = crowd_new(a->deck.items, a->deck.n, &co);
    char *dir = web_dir();
    net_options no = {a->cfg.net_bind,      a->cfg.net_port, (size_t)a->cfg.net_max_players,
                      dir,                  a->cfg.net_phone_text,
                      wake,                 &a->event.wake_event};
    char *err = NULL;
    a->event.net = net_server_start(&no, c, &err);
    free(dir);
    if (!a->event.net) {
        fprintf(stderr, "warning: %s\n", err);
        free(a->notice);
        a->notice = xasprintf("%c%s", err[0] - 'a' + 'A', err + 1);
        free(err);
        app_set_screen(a, &screen_title);
        return;
    }
    snprintf(a->event.pin, sizeof a->event.pin, "%s", net_server_pin(a->event.net));
    char ip[64];
    net_lan_address(a->cfg.net_bind, ip, sizeof ip);
    snprintf(a->event.join_url, sizeof a->event.join_url,
             strchr(ip, ':') ? "http://[%s]:%d/" : "http://%s:%d/", ip, a->cfg.net_port);
    begin_round(a, "phones");
    a->event.crowd_saved = 0;
    hooks_trace("network listening %d pin %s url %s", a->cfg.net_port,
                net_server_pin(a->event.net), a->event.join_url);
    app_set_screen(a, &screen_lobby);
}

void app_show_crowd(app *a, crowd *c, const char *url, const char *pin)
{
    app_stop_net(a);
    a->event.crowd = c;
    snprintf(a->event.join_url, sizeof a->event.join_url, "%s", url);
    snprintf(a->event.pin, sizeof a->event.pin, "%s", pin);
    a->event.crowd_saved = 0;
    app_set_screen(a, &screen_lobby);
}

crowd *app_crowd_lock(app *a)
{
    return a->event.net ? net_server_lock(a->event.net) : a->event.crowd;
}

void app_crowd_unlock(app *a)
{
    if (a->event.net)
        net_server_unlock(a->event.net);
}

void app_save_crowd(app *a)
{
    if (!a->event.net || !a->save.db)
        return;
    crowd *c = net_server_lock(a->event.net);
    size_t n;
    crowd_events(c, &n);
    if (n > a->event.crowd_saved) {
        db_answer *rows = xcalloc(n - a->event.crowd_saved, sizeof *rows);
        results_context ctx = row_context(a);
        size_t k = results_of_crowd(c, a->deck.items, a->deck.n, a->event.crowd_saved, &ctx,
                                    rows, n - a->event.crowd_saved);
        save_rows(a, rows, k); /* the store copies them */
        free(rows);
        a->event.crowd_saved = n;
    }
    net_server_unlock(a->event.net);
}

void app_stop_net(app *a)
{
    if (a->event.net) {
        net_stats st;
        net_server_stats(a->event.net, &st);
        hooks_trace("network acks %llu p50 %.2f ms p99 %.2f ms max %.2f ms stalled %llu",
                    (unsigned long long)st.acks, st.p50_ms, st.p99_ms, st.max_ms,
                    (unsigned long long)st.stalled);
        net_server_stop(a->event.net); /* before the crowd it reads */
        a->event.net = NULL;
    }
    crowd_free(a->event.crowd);
    a->event.crowd = NULL;
}

void app_finish_crowd(app *a)
{
    app_save_results(a);
    app_stop_net(a);
    if (a->save.export_due)
        export_results(a);
    app_set_screen(a, &screen_title);
}

/* ---- saving ---- */

/* Hands rows to the store (it commits them at once). */
static void save_rows(app *a, const db_answer *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *err = NULL;
        a->save.export_due = true;
        if (db_answer_add(a->save.db, &rows[i], &err) != 0)
            write_failed(a, err);
    }
}

/* The context of the rows made now: this round, this moment. */
static results_context row_context(const app *a)
{
    results_context c = {a->round_id, a->save.article_key, a->cfg.difficulty, now_ms()};
    return c;
}

/* The match's events not yet saved (results_of_match()). */
static void save_match_results(app *a)
{
    size_t n;
    match_events(a->event.mt, &n);
    if (n <= a->event.saved_events || a->deck.n == 0)
        return;
    db_answer *rows = xcalloc(n - a->event.saved_events, sizeof *rows);
    results_context c = row_context(a);
    size_t k = results_of_match(a->event.mt, a->deck.items, a->deck.n, a->event.saved_events, &c, rows,
                                n - a->event.saved_events);
    save_rows(a, rows, k);
    free(rows);
    a->event.saved_events = n;
}

void app_save_results(app *a)
{
    if (!a->save.db)
        return;
    if (a->event.mt)
        save_match_results(a);
    if (a->event.net)
        app_save_crowd(a);
    if (a->rnd) {
        size_t n;
        round_answers(a->rnd, &n);
        if (n > a->saved_answers) {
            db_answer *rows = xcalloc(n - a->saved_answers, sizeof *rows);
            results_context c = row_context(a);
            size_t k = results_of_round(a->rnd, a->deck.items, a->saved_answers, solo_player(a), &c,
                                        rows, n - a->saved_answers);
            save_rows(a, rows, k);
            free(rows);
        }
        a->saved_answers = n;
    }
    hooks_trace("saved round %s answers %zu pending %zu", a->round_id,
                a->rnd       ? a->saved_answers
                : a->event.net ? a->event.crowd_saved
                               : a->event.saved_events,
                db_pending(a->save.db));
    char *err = NULL;
    if (db_pending(a->save.db) && db_flush(a->save.db, &err) != 0)
        write_failed(a, err);
    else if (!db_pending(a->save.db) && a->save.save_failing) {
        fprintf(stderr, "note: the writes that waited are saved now\n");
        a->save.save_failing = false;
        free(a->notice); /* the retry went through */
        a->notice = NULL;
    }
}

/* Has the results CSV rewritten from the store (after a round or match) by
 * the store's writer thread. */
static void export_results(app *a)
{
    if (!a->save.db || !a->save.results_path)
        return;
    char *err = db_export_error(a->save.db); /* the last one's */
    if (err)
        save_failed(a, err);
    db_export_later(a->save.db, a->save.results_path);
    a->save.export_due = false;
}

/* The high-score table as the store holds it now (other games' scores too). */
static void reload_scores(app *a)
{
    char *err = NULL;
    settle(a);
    if (a->save.db && db_scores(a->save.db, &a->scores, &err) != 0)
        save_failed(a, err);
}

/* The place of an entry in the table (the newest of equal ones), or -1. */
static int find_score(const app *a, const char *name, int score, int64_t when)
{
    char clean[STORE_NAME_MAX + 1];
    store_name_clean(clean, name);
    const store_score *t = a->scores.top[a->cfg.difficulty];
    int found = -1; /* the last of equals: the newest */
    for (size_t i = 0; i < a->scores.n[a->cfg.difficulty]; i++)
        if (t[i].score == score && t[i].when == when && strcmp(t[i].name, clean) == 0)
            found = (int)i;
    return found;
}

/* Enters a score in the store's high scores; returns its place or -1. */
static int add_score(app *a, const char *name, int score, int right, int total, int64_t when)
{
    char clean[STORE_NAME_MAX + 1];
    store_name_clean(clean, name);
    if (score <= 0)
        return -1;
    if (a->save.db) {
        db_standing st = {a->round_id, clean, a->cfg.difficulty, score, right, total, when};
        char *err = NULL;
        if (db_standing_add(a->save.db, &st, &err) != 0)
            write_failed(a, err);
        reload_scores(a);
        int r = find_score(a, clean, score, when);
        if (r >= 0 || !db_pending(a->save.db))
            return r;
    }
    /* not in the store (saving off or failing): this session's table */
    store_score s = {{0}, score, right, total, when};
    memcpy(s.name, clean, sizeof s.name);
    return store_scores_insert(&a->scores, a->cfg.difficulty, &s);
}

/* Enters the round's score under the player's name (and gives the round's
 * answers that name when it was typed only now). */
static void enter_score(app *a)
{
    const char *name = a->player[0] ? a->player : a->opt.autoplay ? "autoplay" : _("Player");
    if (a->save.db && a->player[0] && a->saved_answers && a->rnd) {
        char *err = NULL;
        if (db_rename(a->save.db, a->round_id, "", a->player, &err) != 0)
            write_failed(a, err);
    }
    a->new_rank = add_score(a, name, round_score(a->rnd), (int)round_right(a->rnd), (int)a->deck.n,
                            (int64_t)time(NULL));
    a->save.export_due = true; /* the name and the score change the export */
}

/* The trainer's line for a named player: progress over the items in play. */
static void update_progress(app *a);

void app_finish_round(app *a)
{
    app_save_results(a);
    update_progress(a);
    hooks_trace("round %d done score %d rss %ld", a->rounds_played, round_score(a->rnd),
                hooks_rss_kib());
    reload_scores(a);
    /* the missed ones again are practice: no high score */
    int rank = a->practising ? -1
                             : store_scores_rank(&a->scores, a->cfg.difficulty, round_score(a->rnd));
    a->new_rank = -1;
    if (rank >= 0 && !a->player[0] && !a->opt.autoplay) {
        a->name_for_score = true; /* the export follows the name */
        app_set_screen(a, &screen_name);
        return;
    }
    if (rank >= 0)
        enter_score(a);
    /* asked last: the writer does it after the score, and nothing waits on it */
    export_results(a);
    app_set_screen(a, &screen_summary);
}

void app_name_done(app *a)
{
    if (a->name_for_score) {
        a->name_for_score = false;
        enter_score(a);
        update_progress(a);
        export_results(a);
        app_set_screen(a, &screen_summary);
    } else {
        app_start_round(a);
    }
}

void app_finish_match(app *a)
{
    /* the store has every answer and host action; the teams' scores stay
     * out of the students' high scores (a team's, a show ended early or
     * boosted by the host are not a student's round): the podium and its
     * standings are the match's own table */
    app_save_results(a);
    export_results(a);
    app_set_screen(a, &screen_podium);
}

void app_abandon_round(app *a)
{
    app_save_results(a);
    match_free(a->event.mt);
    a->event.mt = NULL;
    app_stop_net(a);
    if (a->name_for_score && a->rnd) {
        /* nobody finished typing a name: the high score still counts, under
         * "Player", and a half-typed name takes no one's answers */
        a->name_for_score = false;
        a->player[0] = '\0';
        enter_score(a);
    }
    if (a->save.export_due)
        export_results(a);
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
        app_go(a, GO_IDLE);
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
