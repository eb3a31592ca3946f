/* test_event.c - the event mode played through the real game loop
 * (app_step(), SDL's dummy video driver): a 4-team round with two keyboard
 * zones, a virtual gamepad and a handset of a virtual Buzz! buzzer, with
 * host keys; then a buzzer round with the four handsets of that buzzer.
 * Every input is an SDL event: keys pushed with SDL_PushEvent, buttons of
 * SDL virtual joysticks. The scores are checked in the match, in the results
 * CSV, the host's signs on screen (the layout log), the confirm before the
 * end, and the students' high scores, which no match changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "util.h"

#include "harness.h"

static char tmpdir[] = "/tmp/quizmill-event-XXXXXX";
static app a;

static void steps(int n)
{
    for (int i = 0; i < n; i++)
        app_step(&a, 2);
}

/* Runs the loop for ms milliseconds. */
static void run_for(uint32_t ms)
{
    uint32_t end = SDL_GetTicks() + ms;
    while ((int32_t)(SDL_GetTicks() - end) < 0)
        app_step(&a, 5);
}

static void key(SDL_Keycode sym, Uint16 mod)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    ev.key.keysym.mod = mod;
    SDL_PushEvent(&ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
    steps(4);
}

static void button(SDL_Joystick *j, int b)
{
    SDL_JoystickSetVirtualButton(j, b, SDL_PRESSED);
    steps(4);
    SDL_JoystickSetVirtualButton(j, b, SDL_RELEASED);
    steps(4);
}

static SDL_Joystick *attach(SDL_JoystickType type, int nbuttons, const char *name)
{
    SDL_VirtualJoystickDesc d;
    memset(&d, 0, sizeof d);
    d.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    d.type = type;
    d.naxes = type == SDL_JOYSTICK_TYPE_GAMECONTROLLER ? SDL_CONTROLLER_AXIS_MAX : 0;
    d.nbuttons = (Uint16)nbuttons;
    d.name = name;
    int index = SDL_JoystickAttachVirtualEx(&d);
    OK(index >= 0, "attach %s: %s", name, SDL_GetError());
    if (index < 0)
        return NULL;
    SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(index);
    steps(4);
    SDL_Joystick *j = SDL_JoystickFromInstanceID(id);
    OK(j != NULL, "the game opened %s", name);
    return j;
}

static const SDL_Keycode zone_keys[4][4] = {
    {SDLK_q, SDLK_w, SDLK_e, SDLK_r},
    {SDLK_u, SDLK_i, SDLK_o, SDLK_p},
    {SDLK_LEFT, SDLK_UP, SDLK_DOWN, SDLK_RIGHT},
    {SDLK_KP_1, SDLK_KP_2, SDLK_KP_3, SDLK_KP_4},
};
static const int pad_buttons[4] = {SDL_CONTROLLER_BUTTON_A, SDL_CONTROLLER_BUTTON_B,
                                   SDL_CONTROLLER_BUTTON_X, SDL_CONTROLLER_BUTTON_Y};

static int right_choice(void)
{
    return (int)match_current(a.event.mt)->answer;
}

static int wrong_choice(void)
{
    const item *it = match_current(a.event.mt);
    return (int)((it->answer + 1) % it->nchoices);
}

static int score(size_t team)
{
    return match_player_get(a.event.mt, team)->score;
}

/* The rows of the results CSV of round id: player (3rd field) and points
 * (last field) summed per player name; returns how many rows. */
static int csv_rows(const char *id, const char *const *names, int *sums, int nnames,
                    int *host_rows, char *chosen_seen, size_t chosen_size)
{
    char *text = NULL;
    size_t len = 0;
    if (read_file(a.save.results_path, &text, &len) != 0)
        return -1;
    int rows = 0;
    *host_rows = 0;
    chosen_seen[0] = '\0';
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strstr(line, id))
            continue;
        rows++;
        char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        char *c3 = c2 ? strchr(c2 + 1, ',') : NULL;
        char *last = strrchr(line, ',');
        if (!c3 || !last)
            continue;
        *c3 = '\0';
        const char *player = c2 + 1;
        int points = atoi(last + 1);
        if (strcmp(player, "host") == 0)
            (*host_rows)++;
        for (int i = 0; i < nnames; i++)
            if (strcmp(player, names[i]) == 0)
                sums[i] += points;
        const char *h = strstr(c3 + 1, "host: ");
        if (h) {
            size_t n = strcspn(h, ",");
            size_t used = strlen(chosen_seen);
            snprintf(chosen_seen + used, chosen_size - used, "%.*s;", (int)n, h);
        }
    }
    free(text);
    return rows;
}

/* The results CSV of the round just played (once the store has written
 * it): rows rows, host_rows of them the host's, the host's actions in order
 * (as "host: X;" each), and each player's points summing to want[] (Red,
 * Yellow, Green, Purple). */
static void check_results(const int want[4], int rows, const char *rows_what, int host_rows,
                          const char *host_what, const char *host_actions)
{
    const char *names[4] = {"Red", "Yellow", "Green", "Purple"};
    int sums[4] = {0}, hosts = 0, got = -1;
    char chosen[256];
    /* the export is written by the store's thread: wait for it, up to 10 s */
    uint32_t until = SDL_GetTicks() + 10000;
    for (;;) {
        memset(sums, 0, sizeof sums);
        got = csv_rows(a.round_id, names, sums, 4, &hosts, chosen, sizeof chosen);
        if (got == rows || (int32_t)(SDL_GetTicks() - until) >= 0)
            break;
        run_for(50);
    }
    INT_EQ(got, rows, "%s", rows_what);
    INT_EQ(hosts, host_rows, "%s", host_what);
    STR_EQ(chosen, host_actions, "host actions logged");
    for (int i = 0; i < 4; i++)
        INT_EQ(sums[i], want[i], "%s's points in the results CSV", names[i]);
}

/* Whether the last frame drew text starting with what (the layout log
 * keeps each text's first 39 bytes). */
static bool on_screen(const char *what)
{
    a.dirty = true;
    steps(2);
    for (size_t i = 0; i < a.ui.nboxes; i++)
        if (a.ui.boxes[i].text && strncmp(a.ui.boxes[i].what, what, strlen(what)) == 0)
            return true;
    return false;
}

/* The students' high scores as the store holds them (every write
 * committed first): a digest of every row's name and points. */
static long scores_digest(void)
{
    store_scores t;
    char *err = NULL;
    memset(&t, 0, sizeof t);
    OK(db_sync(a.save.db, 10000, &err) == 0 && db_scores(a.save.db, &t, &err) == 0,
       "the high scores read: %s", err ? err : "");
    free(err);
    long d = 1;
    for (int k = 0; k < ITEM_DIFFICULTY_COUNT; k++)
        for (size_t i = 0; i < t.n[k]; i++)
            d = d * 31 + t.top[k][i].score + (long)strlen(t.top[k][i].name) + 7;
    return d;
}

static void teams_round(SDL_Joystick *pad, SDL_Joystick *buzz)
{
    long solo_scores = scores_digest();
    app_set_screen(&a, &screen_title);
    steps(4);
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_join, "Enter on the title: the join screen (got %s)",
       app_top(&a)->name);
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_join, "no start with no team");
    key(SDLK_w, KMOD_NONE);     /* zone 0 */
    key(SDLK_w, KMOD_NONE);     /* the same zone again: no second team */
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_join, "no start with one team");
    key(SDLK_DOWN, KMOD_NONE);  /* zone 2 */
    button(pad, SDL_CONTROLLER_BUTTON_A);
    button(buzz, 5);            /* handset 2's buzz button */
    INT_EQ(a.event.joined, 4, "four teams joined");
    INT_EQ(a.event.team_control[0], 100, "team 1: keys Q W E R");
    INT_EQ(a.event.team_control[1], 102, "team 2: the arrows");
    INT_EQ(a.event.team_control[2], 2, "team 3: the gamepad");
    INT_EQ(a.event.team_control[3], INPUT_HANDSET_DEVICE(1, 1), "team 4: buzzer handset 2");
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_match && a.event.mt, "Enter: the match");
    if (!a.event.mt)
        return;
    INT_EQ(match_players(a.event.mt), 4, "players");
    INT_EQ(match_total(a.event.mt), 3, "questions");

    /* question 1: teams 1 and 3 right, 2 and 4 wrong; hidden until all */
    int r = right_choice(), w = wrong_choice();
    key(zone_keys[0][r], KMOD_NONE);
    key(zone_keys[2][w], KMOD_NONE);
    key(zone_keys[1][r], KMOD_NONE); /* zone 1 plays for nobody */
    button(pad, pad_buttons[r]);
    OK(match_has_answered(a.event.mt, 0) && match_has_answered(a.event.mt, 1) &&
       match_has_answered(a.event.mt, 2) && !match_has_answered(a.event.mt, 3), "three answered");
    INT_EQ(match_get_phase(a.event.mt), MATCH_ASKING, "hidden until all answered");
    button(buzz, 5 + 1 + w);
    INT_EQ(match_get_phase(a.event.mt), MATCH_REVEAL, "revealed");
    INT_EQ(score(0), 1000, "team 1 right");
    INT_EQ(score(1), 0, "team 2 wrong");
    INT_EQ(score(2), 1000, "team 3 right");
    INT_EQ(score(3), 0, "team 4 wrong");

    /* the host: +1000 to team 2, -1000 from team 1 */
    key(SDLK_2, KMOD_LCTRL);
    OK(on_screen("+1000 points to Yellow"), "the award's sign on screen");
    key(SDLK_1, KMOD_LCTRL | KMOD_LSHIFT);
    OK(on_screen("1000 points taken from Red"), "the removal's sign on screen");
    INT_EQ(score(1), 1000, "awarded by the host");
    INT_EQ(score(0), 0, "removed by the host");
    INT_EQ(match_player_get(a.event.mt, 1)->awarded, 1000, "the award in the host's column");
    INT_EQ(match_player_get(a.event.mt, 1)->earned, 0, "not in the answers' column");
    key(SDLK_RETURN, KMOD_NONE);
    INT_EQ(match_get_phase(a.event.mt), MATCH_REVEAL, "Enter at once does not skip the reveal");
    run_for(450);
    key(SDLK_RETURN, KMOD_NONE);
    INT_EQ(match_number(a.event.mt), 2, "question 2");

    /* question 2 skipped by the host, question 3 replayed then answered */
    key(SDLK_s, KMOD_LCTRL);
    INT_EQ(match_number(a.event.mt), 3, "skipped to question 3");
    OK(on_screen("Question skipped"), "the skip's sign on screen");
    OK(!on_screen("Question 3 of 3"), "the sign over the header");
    run_for(2400);
    OK(!on_screen("Question skipped"), "the sign gone after about 2 s");
    OK(on_screen("Question 3 of 3"), "the header back");
    INT_EQ(match_get_phase(a.event.mt), MATCH_ASKING, "asking");
    r = right_choice();
    w = wrong_choice();
    key(zone_keys[0][w], KMOD_NONE);
    key(SDLK_r, KMOD_LCTRL);
    OK(!match_has_answered(a.event.mt, 0), "a replay forgets the answers");
    key(zone_keys[0][r], KMOD_NONE);
    key(zone_keys[2][r], KMOD_NONE);
    button(pad, pad_buttons[w]);
    button(buzz, 5 + 1 + r);
    INT_EQ(match_get_phase(a.event.mt), MATCH_REVEAL, "question 3 revealed");
    const int want[4] = {1000, 2000, 1000, 1000};
    for (size_t i = 0; i < 4; i++)
        INT_EQ(score(i), want[i], "final score of team %zu", i + 1);

    /* the podium, the high scores, the title */
    run_for(450);
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_podium, "the podium (got %s)", app_top(&a)->name);
    run_for(650);
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_podium, "the high scores");
    OK(scores_digest() == solo_scores, "the students' high scores unchanged by the match");

    /* the results CSV: 8 answers, award, remove, skip, replay */
    check_results(want, 12, "results rows of the team round", 2,
                  "skip and replay rows with the host as player",
                  "host: award;host: remove;host: skip;host: replay;");
    run_for(650);
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_title, "back to the title");
    OK(a.event.mt == NULL, "the match is freed");
}

static void buzzer_round(SDL_Joystick *buzz)
{
    steps(2);
    key(SDLK_m, KMOD_NONE);
    INT_EQ(a.event.mode, MODE_BUZZER, "M on the title: buzzer mode");
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_join, "the join screen");
    for (int h = 0; h < 4; h++)
        button(buzz, h * 5); /* four handsets, four players */
    INT_EQ(a.event.joined, 4, "four handsets joined");
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_match && a.event.mt, "the buzzer match");
    if (!a.event.mt)
        return;

    /* question 1: handset 3 buzzes and is wrong, handset 1 buzzes and is right */
    int r = right_choice(), w = wrong_choice();
    button(buzz, 2 * 5);
    INT_EQ(match_buzzed(a.event.mt), 2, "handset 3 buzzed");
    button(buzz, 0); /* too late */
    INT_EQ(match_buzzed(a.event.mt), 2, "handset 3 still answers");
    button(buzz, 5 * 0 + 1 + r); /* not their turn */
    INT_EQ(match_get_phase(a.event.mt), MATCH_ANSWERING, "only the buzzer answers");
    button(buzz, 2 * 5 + 1 + w);
    OK(match_locked(a.event.mt, 2), "handset 3 locked out");
    INT_EQ(match_get_phase(a.event.mt), MATCH_ASKING, "the others may buzz");
    button(buzz, 2 * 5);
    INT_EQ(match_buzzed(a.event.mt), -1, "a locked player cannot buzz");
    button(buzz, 0);
    INT_EQ(match_buzzed(a.event.mt), 0, "handset 1 buzzed");
    button(buzz, 1 + r);
    INT_EQ(match_get_phase(a.event.mt), MATCH_REVEAL, "right: revealed");
    INT_EQ(score(0), 1000, "handset 1 scores");
    INT_EQ(score(2), 0, "handset 3 nothing");
    run_for(450);
    key(SDLK_RETURN, KMOD_NONE);
    INT_EQ(match_number(a.event.mt), 2, "question 2");

    /* question 2: nobody buzzes within buzz_time (1 s) */
    run_for(1300);
    INT_EQ(match_get_phase(a.event.mt), MATCH_REVEAL, "no buzz in time: revealed");
    run_for(450);
    key(SDLK_RETURN, KMOD_NONE);

    /* question 3: handset 4 buzzes with a colour button; pause; the
     * answer time (1 s) runs out: locked out; then the host ends the match */
    INT_EQ(match_number(a.event.mt), 3, "question 3");
    button(buzz, 3 * 5 + 2);
    INT_EQ(match_buzzed(a.event.mt), 3, "any button buzzes");
    key(SDLK_p, KMOD_LCTRL);
    OK(app_top(&a) == &screen_pause, "Ctrl+P pauses");
    run_for(1300);
    OK(!match_locked(a.event.mt, 3), "the clock stands still in the pause");
    key(SDLK_ESCAPE, KMOD_NONE);
    OK(app_top(&a) == &screen_match, "Esc resumes");
    run_for(1300);
    OK(match_locked(a.event.mt, 3), "no answer in time: locked out");
    /* Ctrl+E asks first, the clock held; Esc says no; Enter says yes */
    button(buzz, 0);
    INT_EQ(match_buzzed(a.event.mt), 0, "handset 1 buzzed");
    key(SDLK_e, KMOD_LCTRL);
    OK(app_top(&a) == &screen_match, "Ctrl+E does not end at once");
    OK(on_screen("End the show now?"), "it asks");
    run_for(1300);
    INT_EQ(match_buzzed(a.event.mt), 0, "the clock held while it asks");
    button(buzz, 1 + r);
    INT_EQ(match_get_phase(a.event.mt), MATCH_ANSWERING, "no answer while it asks");
    key(SDLK_ESCAPE, KMOD_NONE);
    OK(app_top(&a) == &screen_match && !on_screen("End the show now?"), "Esc: the show goes on");
    key(SDLK_e, KMOD_LCTRL);
    key(SDLK_RETURN, KMOD_NONE);
    OK(app_top(&a) == &screen_podium, "Ctrl+E, Enter: the podium");
    const int want[4] = {1000, 0, 0, 0};
    for (size_t i = 0; i < 4; i++)
        INT_EQ(score(i), want[i], "buzzer score of player %zu", i + 1);
    check_results(want, 5, "rows: a wrong answer, a right one, the pause, a timeout, the end", 2,
                  "the pause and the end by the host", "host: pause;host: end;");
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    char *cfg = xasprintf("%s/config.ini", tmpdir);
    FILE *f = fopen(cfg, "w");
    if (!f)
        return 1;
    fprintf(f,
            "[quiz]\narticle = %s/turkmenistan-kazakhstan.txt\nquestions = 3\ntime_limit = 20\n"
            "difficulty = medium\n[scoring]\ntime_bonus = false\nstreak_bonus = false\n"
            "[display]\nfullscreen = false\nwidth = 1280\nheight = 720\nfeedback_seconds = 0\n"
            "ask_name = false\n[sound]\nsound = false\n"
            "[event]\nmode = teams\nbuzz_time = 1\nanswer_time = 1\n",
            QUESTIONS_DIR);
    fclose(f);
    app_options o = {0};
    o.config_path = cfg;
    o.windowed = true;
    o.data_dir = tmpdir;
    o.have_seed = true;
    o.seed = 7;
    int rc = app_init(&a, &o);
    INT_EQ(rc, 0, "app_init");
    a.ui.log_boxes = true; /* on_screen() reads the layout log */
    if (rc == 0) {
        app_set_screen(&a, &screen_title);
        steps(4);
        OK(a.late_started, "gamepads started after the first frame");
        SDL_Joystick *pad = attach(SDL_JOYSTICK_TYPE_GAMECONTROLLER, SDL_CONTROLLER_BUTTON_MAX,
                                   "Virtual pad");
        SDL_Joystick *buzz = attach(SDL_JOYSTICK_TYPE_ARCADE_STICK, 20, "Virtual Buzz");
        if (pad && buzz) {
            teams_round(pad, buzz);
            buzzer_round(buzz);
        }
    }
    app_free(&a);
    free(cfg);
    char *cmd = xasprintf("rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    free(cmd);
    return test_summary();
}
