/* app.h - the game's state and its screens. Start reading at main() in
 * main.c, then app_run() in app.c.
 *
 * The game is a stack of screens. Each screen is a table of callbacks with
 * its own state (screen.state_size: allocated when it is entered, freed
 * when it leaves; no screen keeps state in statics). A screen reports an
 * outcome (app_go()), and app_go() in app.c holds the whole flow from
 * screen to screen in one switch. An overlay (pause, the idle warning) is
 * pushed on top and drawn over the screen below it. Input arrives as
 * actions, already mapped from keys, mouse, touch and gamepads (input.c),
 * each with the device it came from.
 *
 * The loop redraws only when something changed (app.dirty) and otherwise
 * sleeps in SDL_WaitEventTimeout until the next timer a screen asked for.
 * When only a small part moves (the countdown), the screen sets
 * app.dirty_part and redraws just that part (screen.draw_part).
 */
#ifndef QUIZMILL_APP_H
#define QUIZMILL_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "article.h"
#include "audio.h"
#include "config.h"
#include "crowd.h"
#include "db.h"
#include "input.h"
#include "item.h"
#include "lex.h"
#include "match.h"
#include "net_server.h"
#include "quiz.h"
#include "rng.h"
#include "round.h"
#include "store.h"
#include "ui.h"

typedef struct app app;

typedef struct screen {
    const char *name;
    void (*enter)(app *a);
    void (*action)(app *a, const action *act);
    /* Advances the screen's timers at now (ms); returns the ms until it
     * wants to run again, or -1 when only input can change it. Sets
     * a->dirty when the picture changed. */
    int (*tick)(app *a, uint32_t now);
    void (*draw)(app *a);
    bool overlay;
    /* Optional: redraws only what changed over the last frame (a->dirty_part)
     * and stores the changed rectangles in out (at most max); returns how
     * many. Called only when the frame stays (ui.direct); elsewhere the whole
     * screen is drawn. */
    int (*draw_part)(app *a, SDL_Rect *out, int max);
    /* Bytes of the screen's own state: allocated zeroed when it is entered
     * (set or pushed), freed when it leaves the stack; app_screen_state()
     * gives it to the screen's callbacks. 0: none. */
    size_t state_size;
} screen;

extern const screen screen_title, screen_name, screen_question, screen_feedback, screen_summary,
    screen_pause, screen_idle, screen_join, screen_match, screen_podium, screen_lobby, screen_crowd;

typedef struct app_options {
    const char *config_path;
    bool windowed;
    bool have_seed;
    uint64_t seed;
    const char *data_dir;
    const char *results;
    const char *language;  /* --language, already set by main(); NULL = the config's */
    int autoplay;          /* rounds; 0 = off */
    int autoplay_delay;    /* ms between autoplay actions */
    bool no_dialog;        /* a start-up error on stderr only, never in a
                            * message box (--no-dialog, QUIZMILL_NO_DIALOG) */
} app_options;

/* Where the game saves (app_round.c hands it every answer). */
typedef struct app_saving {
    char *data_dir;
    db *db;             /* the store of record (db.h), NULL when saving is off */
    char *results_path; /* the CSV export rewritten after every round, NULL: none */
    char *article_key;  /* the article's name in the store: its title */
    char *startup_error; /* saving cannot work and the config requires it */
    bool export_due;    /* answers saved since the results CSV was last written */
    bool save_failing;  /* the store is retrying writes that failed (said once) */
} app_saving;

/* Event mode: teams on one screen (screen_join, screen_match, screen_podium). */
typedef struct app_event {
    config_mode mode;  /* the mode the title starts: the config's, or changed there */
    int nteams;        /* teams in the config: slots on the join screen */
    char team_names[CONFIG_TEAMS_MAX][CONFIG_TEAM_NAME_MAX + 1];
    int team_control[CONFIG_TEAMS_MAX]; /* app_control_of() of each team, -1 when free */
    int joined;        /* teams that have joined, in slot order */
    match *mt;         /* the match in play, or NULL */
    size_t saved_events; /* events of the match already handed to the store */
    /* phones: the server (it owns the crowd: net_server_lock()), NULL when
     * no phones game runs; the address the phones open */
    net_server *net;
    crowd *crowd;      /* phones shown with no server (app_show_crowd), owned; else NULL */
    char join_url[80];
    char pin[8];       /* the game's PIN, 6 digits */
    size_t crowd_saved; /* answers of the crowd already handed to the store */
    uint32_t wake_event; /* the SDL event the server's thread wakes the game with */
} app_event;

struct app {
    ui ui;
    audio snd;
    input in;
    config cfg;
    app_options opt;
    quiz quiz;     /* the article, the topics in play and every item (quiz.h) */
    lex *lex;      /* the lexicon the generator read (NULL: none found) */
    char *title_topics; /* titles of the topics in play, joined */
    app_saving save;    /* the data folder and its store */
    store_scores scores; /* the high scores, read from the store */
    char *notice;  /* a one-line warning shown on the title screen, or NULL */
    char progress[128 + STORE_NAME_MAX]; /* the trainer's line for the summary ("" when none) */

    /* the round_play */
    item_set deck;
    round_play *rnd;
    uint64_t seed;
    char round_id[64];
    uint32_t q_start;      /* when the current question appeared */
    uint32_t pause_start;  /* when a pause began, 0 when not paused */
    uint32_t round_start;
    round_answer_info last;
    size_t saved_answers;  /* answers of this round already handed to the store */
    int selected;          /* highlighted choice or button for keys and gamepads */
    char player[STORE_NAME_MAX + 1];
    bool name_for_score;   /* the name screen was opened for a new high score */
    int new_rank;          /* place in the high scores, -1 when none */
    int rounds_played;
    bool practising;       /* the round is the last one's missed items again
                            * (app_practise_missed()): no high score */

    /* screens */
    const screen *stack[4];
    void *states[4];  /* each screen's own state (screen.state_size), or NULL */
    int depth;
    int drawing;      /* 1 + the stack index being drawn, 0 when not drawing */
    uint32_t screen_since; /* when the top screen was entered */
    bool dirty;
    bool dirty_part; /* only what draw_part draws changed */
    bool quit;
    uint32_t last_input;
    rng rng;

    /* kiosk exit: keys held since, 0 when not held */
    uint32_t exit_hold_since;
    bool late_started; /* gamepads and sound started (after the first frame) */

    app_event event;   /* teams on one screen; a->deck holds the match's items */
};

/* Sets up everything from the options; returns 0 or an exit status with
 * the error printed. */
int app_init(app *a, const app_options *o);
/* Runs until the player quits (or autoplay ends); returns the exit status. */
int app_run(app *a);
void app_free(app *a);
/* One turn of the loop: ticks the top screen, draws what changed, waits up
 * to max_wait ms (or what the screen asks for when max_wait < 0) for events
 * and handles them. Returns false when the game is over. app_run() is
 * app_set_screen(title) and app_step() until false; tests drive it. */
bool app_step(app *a, int max_wait);
/* Draws the screen stack and presents it (the loop calls it when dirty). */
void app_draw(app *a);
/* The overlays' look (pause, idle warning, PIN): a solid panel of the
 * background's colour, framed, for the overlay's text to sit on over the
 * dimmed screen below. */
void app_overlay_panel(app *a, SDL_Rect r);
/* Redraws and presents only the changed part of the top screen (the loop
 * calls it when dirty_part); the whole stack where that cannot be done. */
void app_draw_part(app *a);

/* What a screen reports when it is done with; app_go() decides what comes
 * next. The whole flow from screen to screen is app_go()'s switch. */
typedef enum outcome {
    GO_PLAY,         /* title: start (teams join, a name is asked, or a round) */
    GO_TITLE,        /* back to the title (the join or name screen left) */
    GO_NAME_DONE,    /* the name is typed: the round, or the pending high score */
    GO_ANSWERED,     /* a question answered or timed out: its feedback */
    GO_NEXT,         /* feedback seen: the next question, or the round's end */
    GO_SUMMARY_DONE, /* the summary left: the title, or autoplay's next round */
    GO_PLAY_AGAIN,   /* the summary: a new round of the same settings, same player */
    GO_PRACTISE_MISSED, /* the summary: a round of exactly the missed items, in a new
                         * order; its score enters no high-score table */
    GO_PAUSE,        /* the pause menu over the round or match */
    GO_RESUME,       /* the pause menu or the idle warning closed */
    GO_RESTART,      /* the pause menu: the round or match again, new questions */
    GO_ABANDON,      /* to the title from a round or match (pause, idle, podium) */
    GO_IDLE,         /* kiosk: nobody played for idle_timeout: the warning */
    GO_MATCH,        /* the teams joined: the match */
    GO_MATCH_DONE,   /* the match is over: the podium */
    GO_CROWD,        /* phones: the host starts the game from the lobby */
    GO_CROWD_DONE,   /* phones: the game is over and seen (or the lobby left): the title */
    GO_QUIT          /* leave the game */
} outcome;

/* Carries out what a screen reported. */
void app_go(app *a, outcome o);

/* Screen changes (app_go() carries them out; tests set a screen directly). */
void app_set_screen(app *a, const screen *s);
void app_push(app *a, const screen *s);
void app_pop(app *a);
const screen *app_top(const app *a);
/* The state of the screen whose callback runs: the one being drawn, else
 * the top one (NULL when its state_size is 0). */
void *app_screen_state(const app *a);

/* Round life: deal and start; record the round's answers; leave to title.
 * app_save_results() hands every answer not yet saved to the store, which
 * commits it at once (call it right after each answer: the row is stamped
 * with the time of the call); a write that fails is kept and retried, and
 * the title screen says so. */
void app_start_round(app *a);
/* A round of the finished round's missed items (round_missed()), each once,
 * in a new order, for the same player; nothing happens when none was
 * missed. Its score enters no high-score table. */
void app_practise_missed(app *a);
void app_save_results(app *a);
void app_finish_round(app *a);
void app_abandon_round(app *a);
/* The name screen is done: enter a pending high score, or start the round. */
void app_name_done(app *a);
/* Event mode. A player's control: APP_ZONE_CONTROL(zone) for a keyboard
 * zone, the device id (input.h) for a gamepad, joystick or handset; -1 for
 * anything else (the mouse, keys outside the zones). Zones are numbered
 * past every device id. */
#define APP_ZONE_CONTROL(zone) (100 + (zone))
int app_control_of(const action *act);
/* The team playing on a control, or -1. */
int app_team_of(const app *a, int control);
/* Deals a round for the joined teams and starts the match (screen_match). */
void app_start_match(app *a);
/* A new match over a->deck for the joined teams (no screen change). */
void app_new_match(app *a);
/* The match is over: results saved (the teams' scores are not entered in
 * the students' high scores), the podium. */
void app_finish_match(app *a);
/* Phones: deals a round, starts the server with a new PIN and shows the
 * lobby; when the server cannot start, the title says why. */
void app_start_lobby(app *a);
/* Phones: the lobby and the crowd screens over a crowd with no server (a
 * preview; the screen tests draw every phase this way, driving c through
 * crowd.h): takes c, which must be over a->deck's items (the deck outlives
 * it), and shows url and pin as the join address and PIN. Nothing is saved
 * (no phone played); app_finish_crowd() frees c. */
void app_show_crowd(app *a, crowd *c, const char *url, const char *pin);
/* Phones: the crowd, locked (the server's, or app_show_crowd()'s), and
 * unlocked again, telling the phones what changed. NULL when no phones
 * game runs. */
crowd *app_crowd_lock(app *a);
void app_crowd_unlock(app *a);
/* Phones: the crowd's answers not yet saved, handed to the store (the
 * screens call it whenever the crowd changed). */
void app_save_crowd(app *a);
/* Phones: results saved, the server stopped, the title. */
void app_finish_crowd(app *a);
/* Stops the phones' server (when one runs) after tracing its acks' latency
 * ("network acks N p50 MS p99 MS max MS", QUIZMILL_TRACE), which frees its
 * crowd, and frees a crowd app_show_crowd() gave. */
void app_stop_net(app *a);
/* What a control is, for people: "Keys Q W E R", "Controller 1", "Buzzer 1,
 * handset 2"; devices are numbered among the attached ones of their kind. */
void app_control_name(const app *a, int control, char *out, size_t size);

/* Kiosk mode: after idle_timeout seconds without input (counted from the
 * later of the last input and the screen's start) pushes the idle warning
 * and returns 0; else returns the ms until then, or -1 outside kiosk mode. */
int app_idle_check(app *a, uint32_t now);
/* Ms left on the current question, or -1 when there is no time limit. */
int app_time_left(const app *a, uint32_t now);

#endif
