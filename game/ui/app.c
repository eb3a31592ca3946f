/* app.c - set-up (the article, the data folder and its store, the window),
 * the main loop, the screen stack and the flow from screen to screen
 * (app_go()). A round's and a match's life, with their saving, is
 * app_round.c's. Start reading at app_run(), then app_go(). */
#include "app.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gen.h"
#include "hooks.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

#define EXIT_HOLD_MS 3000
#define SIGNAL_POLL_MS 1000
/* The largest old results CSV copied aside before the first export. */
#define IMPORT_KEEP_MAX ((size_t)256 << 20)

/* ---- set-up ---- */

static int cannot_start(app *a, char *msg, const char *fix);
static int cannot_start_box(app *a, char *msg, const char *fix);

/* Reads the article and makes its items: 0, or 1 with *msg (malloc'd) the
 * reason the game cannot start. */
static int load_article(app *a, char **msg)
{
    char *err = NULL;
    if (quiz_open(&a->quiz, &a->cfg, NULL, &err) != 0 || quiz_topics(&a->quiz, &err) != 0) {
        *msg = err;
        return 1;
    }
    const article *art = a->quiz.art;
    for (size_t i = 0; i < art->nwarnings; i++)
        fprintf(stderr, "warning: %s\n", art->warnings[i]);
    /* the store knows the article by its title (its file may move) */
    a->save.article_key = xstrdup(art->title && art->title[0] ? art->title : a->quiz.path);
    /* without the lexicon the game still plays: names, numbers, sections, FAQ */
    char *lerr = NULL;
    a->lex = lex_open_default(&lerr);
    if (!a->lex) {
        fprintf(stderr, "warning: %s; only names, numbers, sections and FAQ are asked\n", lerr);
        free(lerr);
    }
    quiz_build(&a->quiz, a->lex);
    /* fewer questions than a round asks for: say why, on stderr and the
     * title (a later saving problem takes the title's line) */
    deck_left_out why;
    size_t can = quiz_dealable(&a->quiz, a->cfg.seed ? a->cfg.seed : 1, a->cfg.mode, &why);
    char *few = can ? quiz_short_message(&why, can, (size_t)a->cfg.questions) : NULL;
    if (few) {
        fprintf(stderr, "warning: %s\n", few);
        free(a->notice);
        a->notice = xasprintf("%c%s", few[0] - 'a' + 'A', few + 1);
        free(few);
    }
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < art->ntopics; i++)
        if (a->quiz.mask[i])
            strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", art->topics[i].title);
    a->title_topics = strbuf_detach(&sb);
    if (quiz_in_play(&a->quiz) == 0) {
        *msg = gen_empty_message(art, a->quiz.mask, &a->quiz.gen, &a->quiz.all, NULL);
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

/* A problem with saving at start-up: with [data] play_without_saving the
 * game plays on and the title screen says why nothing is saved; else it
 * does not start. Takes msg. */
static int saving_problem(app *a, char *msg, bool export_only)
{
    if (!a->cfg.play_without_saving) {
        fprintf(stderr, "%s (set [data] play_without_saving = true to play anyway)\n", msg);
        /* app_init() shows it in a message box too, then stops */
        free(a->save.startup_error);
        a->save.startup_error = msg;
        return 0;
    }
    /* only the export off: the database still saves every answer */
    const char *off = export_only ? "the results CSV is not written" : "saving is off";
    fprintf(stderr, "warning: %s; %s\n", msg, off);
    free(a->notice); /* msg names a file: English, as the log says it */
    a->notice = export_only ? xasprintf(_("The results CSV is not written: %s"), msg)
                            : xasprintf(_("Saving is off: %s"), msg);
    free(msg);
    return 0;
}

/* The results export must land in an existing folder, and not on a folder. */
static char *check_export(const app *a)
{
    const char *p = a->save.results_path;
    struct stat st;
    if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
        return xasprintf("%s: cannot write the results export: it is a folder", p);
    char *dir = xstrdup(p);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    const char *folder = slash ? dir : ".";
    int rc = stat(folder, &st);
    char *msg = NULL;
    if (rc != 0 && errno == ENOENT)
        msg = xasprintf("%s: cannot write the results export: no such folder", p);
    else if (rc != 0)
        msg = xasprintf("%s: cannot write the results export: %s", p, strerror(errno));
    else if (!S_ISDIR(st.st_mode))
        msg = xasprintf("%s: cannot write the results export: %s is not a folder", p, folder);
    free(dir);
    return msg;
}

/* Imports what an older version saved (results.csv, scores.txt) once; the
 * files stay where they are (results.csv is from now on the export, so its
 * old bytes are kept beside it as results.csv.imported). */
static void import_old(app *a)
{
    char *err = NULL;
    size_t rows = 0;
    int rc;
    struct stat st;
    if (a->save.results_path && stat(a->save.results_path, &st) == 0 && !db_imported(a->save.db, a->save.results_path)) {
        /* its bytes are kept aside first (results.csv.imported, or .2 and on
         * when that exists), then imported: a file is marked imported only
         * once its copy is safe, so no export can replace an uncopied one */
        char *keep = xasprintf("%s.imported", a->save.results_path);
        for (int k = 2; lstat(keep, &st) == 0 && k < 100; k++) {
            free(keep);
            keep = xasprintf("%s.imported.%d", a->save.results_path, k);
        }
        char *buf = NULL;
        size_t len = 0;
        bool kept = false;
        if (lstat(keep, &st) == 0)
            err = xasprintf("%s: cannot keep a copy: it exists", keep);
        else if (read_file_max(a->save.results_path, IMPORT_KEEP_MAX, &buf, &len) != 0)
            err = xasprintf("%s: cannot keep a copy: %s", a->save.results_path,
                            read_file_strerror(errno));
        else
            kept = store_write_atomic(keep, buf, len, &err) == 0;
        free(buf);
        if (!kept) {
            fprintf(stderr, "warning: %s; the results export is not written over %s\n", err,
                    a->save.results_path);
        } else if ((rc = db_import_results(a->save.db, a->save.results_path, &rows, &err)) < 0) {
            /* not ours: never overwritten by the export, and no copy needed */
            unlink(keep);
            fprintf(stderr, "warning: %s; the results export is not written there\n", err);
        } else if (rc == 1) {
            unlink(keep); /* another game imported it, or it is one's export */
        }
        if (err) {
            free(a->notice);
            a->notice = err;
            err = NULL;
            free(a->save.results_path);
            a->save.results_path = NULL;
        }
        free(keep);
    }
    char *scores = xasprintf("%s/scores.txt", a->save.data_dir), *warning = NULL;
    if (lstat(scores, &st) == 0 && !db_imported(a->save.db, scores) &&
        db_import_scores(a->save.db, scores, &rows, &warning, &err) != 0)
        warning = err;
    if (warning) {
        fprintf(stderr, "warning: %s\n", warning);
        free(a->notice);
        a->notice = warning;
    }
    free(scores);
}

/* The trace of what is on disk, for the crash and concurrency tests (the
 * writer thread calls it). */
static void trace_commit(void *ctx, const char *round, size_t seq)
{
    (void)ctx;
    hooks_trace("committed round %s answer %zu", round, seq);
}

static int open_data(app *a)
{
    if (a->opt.data_dir) {
        a->save.data_dir = xstrdup(a->opt.data_dir);
    } else if (a->cfg.data_dir[0]) {
        a->save.data_dir = config_path(&a->cfg, a->cfg.data_dir);
    } else if (!(a->save.data_dir = db_default_folder())) {
        return cannot_start(a,
                            xstrdup("cannot find a data folder: neither XDG_DATA_HOME nor HOME "
                                    "is set (use --data-dir)"),
                            _("Start the game with --data-dir DIR, or set [data] folder in the "
                              "configuration file."));
    }
    size_t n = strlen(a->save.data_dir);
    while (n > 1 && a->save.data_dir[n - 1] == '/')
        a->save.data_dir[--n] = '\0';
    a->save.results_path = a->opt.results       ? xstrdup(a->opt.results)
                      : a->cfg.results[0] ? config_path(&a->cfg, a->cfg.results)
                                          : xasprintf("%s/results.csv", a->save.data_dir);
    if (make_dirs(a->save.data_dir) != 0) {
        char *msg;
        if (!a->opt.data_dir && a->cfg.data_dir[0] && a->cfg.data_dir_line)
            msg = xasprintf("%s:%d: cannot create the data folder '%s': %s", a->cfg.file,
                            a->cfg.data_dir_line, a->save.data_dir, strerror(errno));
        else
            msg = xasprintf("%s: cannot create the data folder: %s", a->save.data_dir,
                            strerror(errno));
        free(a->save.results_path);
        a->save.results_path = NULL;
        return saving_problem(a, msg, false);
    }
    char *bad = check_export(a);
    if (bad) {
        free(a->save.results_path);
        a->save.results_path = NULL;
        if (!a->opt.results && a->cfg.results[0] && a->cfg.results_line) {
            char *m = xasprintf("%s:%d: %s", a->cfg.file, a->cfg.results_line, bad);
            free(bad);
            bad = m;
        }
        saving_problem(a, bad, true);
        if (a->save.startup_error)
            return 0; /* nothing is written in a game that does not start */
    } else {
        store_clean_temps(a->save.results_path);
    }
    /* a folder that cannot take a new file fails here with the system's
     * reason ("Permission denied", "Read-only file system") */
    char *probe = xasprintf("%s/.quizmill-write-XXXXXX", a->save.data_dir);
    int fd = mkstemp(probe);
    if (fd < 0) {
        char *msg = xasprintf("%s: cannot write in the data folder: %s", a->save.data_dir,
                              strerror(errno));
        free(probe);
        free(a->save.results_path);
        a->save.results_path = NULL;
        return saving_problem(a, msg, false);
    }
    close(fd);
    unlink(probe);
    free(probe);
    char *dbpath = xasprintf("%s/%s", a->save.data_dir, DB_FILE), *err = NULL;
    int rc = db_open(dbpath, &a->save.db, &err);
    free(dbpath);
    if (rc != 0) {
        free(a->save.results_path);
        a->save.results_path = NULL;
        return saving_problem(a, err, false);
    }
    if (hooks_tracing())
        db_on_commit(a->save.db, trace_commit, NULL);
    char *old_scores = xasprintf("%s/scores.txt", a->save.data_dir);
    store_clean_temps(old_scores); /* left by versions before the database */
    free(old_scores);
    db_import_unsaved(a->save.db); /* what a last close could not save */
    import_old(a);
    if (db_scores(a->save.db, &a->scores, &err) != 0) {
        fprintf(stderr, "warning: %s\n", err);
        free(a->notice);
        a->notice = err;
    }
    return 0;
}

static volatile sig_atomic_t stop_signal;

/* msg, a blank line and fix, broken at spaces into lines of about 70
 * characters: SDL's message box on X draws each line as it comes, and a
 * long one would make the box wider than a small screen. Malloc'd. */
static char *wrap_lines(const char *msg, const char *fix)
{
    enum { WIDTH = 70 };
    char *s = xasprintf("%s\n\n%s", msg, fix);
    size_t col = 0;
    char *last_space = NULL;
    for (char *p = s; *p; p++) {
        if (*p == '\n') {
            col = 0;
            last_space = NULL;
            continue;
        }
        if (*p == ' ')
            last_space = p;
        if ((*p & 0xc0) != 0x80) /* a character, not a UTF-8 continuation */
            col++;
        if (col > WIDTH && last_space) {
            *last_space = '\n';
            col = 0;
            for (char *q = last_space + 1; q <= p; q++)
                col += (*q & 0xc0) != 0x80;
            last_space = NULL;
        }
    }
    return s;
}

/* Why the game cannot start: msg, one line ("file:line: what failed"), on
 * stderr, and with what to do about it (fix) in a message box, for a
 * teacher who started the game from a menu or on a projector and has no
 * terminal to read. The box waits for Enter, Esc or a click on OK; it
 * needs no window manager. No box in autoplay, with --no-dialog
 * (QUIZMILL_NO_DIALOG), or where SDL has no display to show it on (no X
 * server, the dummy and offscreen drivers): stderr alone, so no test or
 * script waits on it. Takes msg; returns the exit status, 1. */
static int cannot_start(app *a, char *msg, const char *fix)
{
    fprintf(stderr, "%s\n", msg);
    return cannot_start_box(a, msg, fix);
}

/* cannot_start() for a msg already on stderr. */
static int cannot_start_box(app *a, char *msg, const char *fix)
{
    /* before SDL is up: only where there is a desktop to show it on (SDL
     * would try Wayland and complain on stderr in a bare terminal) */
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    bool desktop = (x && x[0]) || (wl && wl[0]);
    bool box = !a->opt.autoplay && !a->opt.no_dialog &&
               (SDL_WasInit(SDL_INIT_VIDEO) ||
                (desktop && SDL_InitSubSystem(SDL_INIT_VIDEO) == 0));
    const char *driver = box ? SDL_GetCurrentVideoDriver() : NULL;
    if (driver && strcmp(driver, "dummy") != 0 && strcmp(driver, "offscreen") != 0) {
        /* a signal stops the game while the box waits (SDL's loop does not
         * look at ours) */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        char *text = wrap_lines(msg, fix);
        hooks_trace("startup error shown");
        if (SDL_ShowSimpleMessageBox(SDL_MESSAGEBOX_ERROR, _("Quizmill cannot start"), text,
                                     NULL) != 0)
            fprintf(stderr, "warning: cannot show the error in a window: %s\n", SDL_GetError());
        free(text);
    }
    free(msg);
    return 1;
}

static void on_signal(int sig)
{
    stop_signal = sig;
}

/* What to do about each kind of start-up error, for the message box
 * (translated where it is shown). */
static const char *const fix_config = N_("Correct that line of the configuration file, or delete "
                                    "the line to use the default setting.");
static const char *const fix_article =
    N_("Check [quiz] article in the configuration file: a relative path is read from the "
       "folder the configuration file is in, so a copied configuration file needs the "
       "article beside it or a full path.");
static const char *const fix_font = N_("Correct [display] font in the configuration file, or leave "
                                  "it empty to use DejaVu Sans.");
static const char *const fix_saving = N_("Fix the folder or the configuration file, or set [data] "
                                    "play_without_saving = true to play without saving.");
static const char *const fix_display =
    N_("Start the game on a desktop, or check that the graphics work.");

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
    if (loaded != 0)
        return cannot_start(a, err, _(fix_config));
    /* the language first: the messages below are shown in it */
    if (!o->language && i18n_init(a->cfg.language, NULL, &err) != 0) {
        char *msg = a->cfg.language_line > 0
                        ? xasprintf("%s:%d: %s", a->cfg.file, a->cfg.language_line, err)
                        : xasprintf("%s: %s", a->cfg.file, err);
        free(err);
        return cannot_start(a, msg, _(fix_config));
    }
    char lang[16];
    i18n_current(lang, sizeof lang);
    hooks_trace("language %s", lang);
    if (load_article(a, &err) != 0) {
        /* an article that opens but gives no question: the message says
         * what to change */
        bool opened = a->quiz.art != NULL;
        return cannot_start(a, err, opened ? _("Change what the message names in the configuration file or "
                                       "the article, then start the game again.")
                                     : _(fix_article));
    }
    a->event.mode = a->cfg.mode;
    a->event.nteams = config_team_names(&a->cfg, a->event.team_names);
    for (int i = 0; i < CONFIG_TEAMS_MAX; i++)
        a->event.team_control[i] = -1;
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
    if (SDL_Init(SDL_INIT_VIDEO) != 0) { /* no box either: stderr alone */
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    int rc = open_data(a);
    if (rc)
        return rc;
    if (a->save.startup_error) { /* before the game's window: only the box */
        char *msg = a->save.startup_error;
        a->save.startup_error = NULL;
        return cannot_start_box(a, msg, _(fix_saving)); /* on stderr already */
    }
    char *font = a->cfg.font && a->cfg.font[0] ? config_path(&a->cfg, a->cfg.font) : NULL;
    ui_options uo = {"Quizmill",          font,
                     a->cfg.theme,        strcmp(a->cfg.renderer, "accelerated") == 0,
                     a->cfg.fullscreen && !o->windowed,
                     a->cfg.width,        a->cfg.height,
                     a->cfg.font_scale};
    rc = ui_open(&a->ui, &uo, &err);
    if (rc == UI_FONT_FAILED) { /* named with the config's line */
        char *msg = a->cfg.font_line > 0 ? xasprintf("%s:%d: cannot open font '%s': %s",
                                                     a->cfg.file, a->cfg.font_line, font, err)
                                         : xasprintf("%s: cannot open font '%s': %s",
                                                     a->cfg.file, font, err);
        free(err);
        err = NULL;
        ui_close(&a->ui);
        rc = cannot_start(a, msg, _(fix_font));
    } else if (rc != 0) {
        ui_close(&a->ui);
        rc = cannot_start(a, err, _(fix_display));
        err = NULL;
    }
    free(font);
    free(err);
    if (rc != 0)
        return 1;
    SDL_ShowCursor(SDL_ENABLE);
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
    app_stop_net(a); /* before the deck its crowd reads */
    match_free(a->event.mt);
    round_free(a->rnd);
    item_set_release(&a->deck);
    quiz_close(&a->quiz);
    for (int i = 0; i < a->depth; i++)
        free(a->states[i]);
    input_close(&a->in);
    audio_close(&a->snd);
    ui_close(&a->ui);
    lex_close(a->lex);
    free(a->title_topics);
    char *err = NULL;
    if (a->save.db && a->save.export_due && a->save.results_path) /* quit mid-round */
        db_export_later(a->save.db, a->save.results_path);
    db_close(a->save.db, &err);
    if (err) { /* writes that could not be saved, or the last export */
        fprintf(stderr, "warning: %s\n", err);
        free(err);
    }
    free(a->save.data_dir);
    free(a->save.startup_error);
    free(a->save.article_key);
    free(a->save.results_path);
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
    if (s)
        hooks_trace("screen %s", s->name);
    if (s && s->enter)
        s->enter(a);
}

/* A screen's own state, zeroed, for as long as it is on the stack. */
static void *new_state(const screen *s)
{
    return s->state_size ? xcalloc(1, s->state_size) : NULL;
}

static void drop_states(app *a, int from)
{
    for (int i = from; i < a->depth; i++) {
        free(a->states[i]);
        a->states[i] = NULL;
    }
}

void app_set_screen(app *a, const screen *s)
{
    a->pause_start = 0;
    drop_states(a, 0);
    a->depth = 1;
    a->stack[0] = s;
    a->states[0] = new_state(s);
    entered(a);
}

void app_push(app *a, const screen *s)
{
    if (a->depth >= (int)(sizeof a->stack / sizeof a->stack[0]))
        return;
    if (!a->pause_start)
        a->pause_start = SDL_GetTicks();
    a->states[a->depth] = new_state(s);
    a->stack[a->depth++] = s;
    entered(a);
}

void *app_screen_state(const app *a)
{
    int i = a->drawing > 0 ? a->drawing - 1 : a->depth - 1;
    return i >= 0 ? a->states[i] : NULL;
}

void app_pop(app *a)
{
    if (a->depth <= 1)
        return;
    drop_states(a, a->depth - 1);
    a->depth--;
    hooks_trace("screen %s", a->stack[a->depth - 1]->name);
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

/* ---- the flow from screen to screen ---- */

/* The title's start: teams join first, else a name is asked, else play. */
static void play(app *a)
{
    if (a->event.mode == MODE_PHONES && !a->opt.autoplay) {
        app_start_lobby(a);
    } else if (a->event.mode != MODE_SOLO && !a->opt.autoplay) {
        a->event.joined = 0;
        for (int i = 0; i < CONFIG_TEAMS_MAX; i++)
            a->event.team_control[i] = -1;
        app_set_screen(a, &screen_join);
    } else if (a->cfg.ask_name && !a->opt.autoplay) {
        a->name_for_score = false;
        app_set_screen(a, &screen_name);
    } else {
        app_start_round(a);
    }
}

/* The summary left: autoplay's next round or its end; else the title. */
static void leave_summary(app *a)
{
    if (a->opt.autoplay) {
        if (a->rounds_played >= a->opt.autoplay)
            a->quit = true;
        else
            app_start_round(a);
        return;
    }
    if (a->cfg.kiosk)
        a->player[0] = '\0';
    round_free(a->rnd);
    a->rnd = NULL;
    app_set_screen(a, &screen_title);
}

void app_go(app *a, outcome o)
{
    switch (o) {
    case GO_PLAY: play(a); break;
    case GO_TITLE: app_set_screen(a, &screen_title); break;
    case GO_NAME_DONE: app_name_done(a); break;
    case GO_ANSWERED: app_set_screen(a, &screen_feedback); break;
    case GO_NEXT:
        round_next(a->rnd);
        if (round_get_state(a->rnd) == ROUND_DONE)
            app_finish_round(a);
        else
            app_set_screen(a, &screen_question);
        break;
    case GO_SUMMARY_DONE: leave_summary(a); break;
    case GO_PLAY_AGAIN: app_start_round(a); break;
    case GO_PRACTISE_MISSED: app_practise_missed(a); break;
    case GO_PAUSE: app_push(a, &screen_pause); break;
    case GO_RESUME: app_pop(a); break;
    case GO_RESTART:
        app_save_results(a);
        if (a->event.mt)
            app_start_match(a); /* the same teams, new questions */
        else
            app_start_round(a);
        break;
    case GO_ABANDON: app_abandon_round(a); break;
    case GO_IDLE: app_push(a, &screen_idle); break;
    case GO_MATCH: app_start_match(a); break;
    case GO_MATCH_DONE: app_finish_match(a); break;
    case GO_CROWD:
        if (a->event.net || a->event.crowd) {
            crowd_start(app_crowd_lock(a), net_server_now());
            app_crowd_unlock(a);
            app_set_screen(a, &screen_crowd);
        }
        break;
    case GO_CROWD_DONE: app_finish_crowd(a); break;
    case GO_QUIT:
        app_save_results(a);
        a->quit = true;
        break;
    }
}

/* ---- the loop ---- */

/* A screen whose clock an overlay stops: under the pause menu or the idle
 * warning it is not drawn at all, so nobody pauses to think. */
static bool hidden_when_covered(const screen *s)
{
    return s == &screen_question || s == &screen_match;
}

void app_overlay_panel(app *a, SDL_Rect r)
{
    ui *u = &a->ui;
    int radius = ui_px(u, 0.02);
    ui_panel(u, r, u->theme.bg, radius);
    ui_frame(u, r, u->theme.dim, ui_px(u, 0.004) + 1, radius);
}

void app_draw(app *a)
{
    ui *u = &a->ui;
    ui_begin(u);
    int first = a->depth - 1;
    while (first > 0 && a->stack[first]->overlay)
        first--;
    for (int i = first; i < a->depth; i++) {
        if (i < a->depth - 1 && hidden_when_covered(a->stack[i]))
            continue; /* only the background under the overlay */
        if (a->stack[i]->overlay) {
            /* nearly the background: what lies under it is a shadow, and
             * the overlay's text sits on its own solid panel */
            SDL_Color dim = u->theme.bg;
            dim.a = 242;
            ui_fill(u, (SDL_Rect){0, 0, u->w, u->h}, dim);
            u->nboxes = 0; /* what lies under an overlay is not checked */
        }
        a->drawing = i + 1; /* app_screen_state() gives this screen's */
        a->stack[i]->draw(a);
        a->drawing = 0;
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
    app_go(a, GO_QUIT);
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
        /* a size, and a window manager's frame (it comes with a move) */
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
            if (!a->cfg.kiosk) {
                ui_toggle_fullscreen(&a->ui); /* lays out for the new size too */
                a->dirty = true;
            }
            return;
        }
        if (sym == SDLK_F12 && !ev->key.repeat) {
            char *err = NULL;
            char *path = ui_screenshot(&a->ui, a->save.data_dir, &err);
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

/* The kiosk's exit keys held: the screen dimmed and a band across its top,
 * clear of every button (they stand lower on each screen), opaque, the
 * theme's text on its panel colour with a warning-coloured edge, so it
 * reads in every theme. */
static void draw_exit_hold(app *a, uint32_t now)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int left = (int)(EXIT_HOLD_MS - (now - a->exit_hold_since) + 999) / 1000;
    if (left < 0)
        left = 0;
    char msg[128];
    snprintf(msg, sizeof msg,
             ngettext("Keep holding to leave the kiosk: %d second",
                      "Keep holding to leave the kiosk: %d seconds", left),
             left);
    int px = ui_font_px(u, 0.045);
    int edge = ui_px(u, 0.006) > 2 ? ui_px(u, 0.006) : 2;
    int h = ui_line_height(u, px, true) + 2 * ui_px(u, 0.02) + edge;
    SDL_Color dim = t->bg; /* dimmed, as under an overlay: no half-hidden text stands out */
    dim.a = 215;
    ui_fill(u, (SDL_Rect){0, 0, u->w, u->h}, dim);
    SDL_Rect band = {0, 0, u->w, h};
    ui_fill(u, band, t->panel);
    ui_fill(u, (SDL_Rect){0, h - edge, u->w, edge}, t->warn);
    SDL_Rect box = {ui_px(u, 0.04), 0, u->w - 2 * ui_px(u, 0.04), h - edge};
    ui_text_fit(u, msg, box, px, ui_min_px(u), true, t->text, UI_CENTER, true);
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
    uint64_t t0 = hooks_frames() ? SDL_GetPerformanceCounter() : 0;
    if (a->dirty) {
        app_draw(a);
        if (a->exit_hold_since) {
            draw_exit_hold(a, now);
            ui_end(&a->ui);
        }
    } else if (a->dirty_part) {
        app_draw_part(a);
    } else {
        t0 = 0;
    }
    if (t0)
        hooks_frame((double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
                    (double)SDL_GetPerformanceFrequency());
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
    wait = hooks_poll(a->late_started, wait); /* a test's joysticks, when fed */
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
