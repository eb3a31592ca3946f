/* config.h - config.ini: one table of settings with defaults, strict checks.
 *
 * Every setting lives in one table in config.c (section, key, type, default,
 * range, comment); the struct, the defaults, the parser and the dump all come
 * from it. Mistakes are one-line errors "file:line: message" naming what
 * would be valid: unknown section or key (with the nearest valid name), a
 * value of the wrong type or out of range, a line too long, a duplicate key,
 * a missing '=' or ']'. The first error stops the load.
 *
 * Ownership: a config owns its strings; config_release() frees them and
 * leaves defaults behind. The default strings are static: never free or
 * write a string field yourself (change one with config_set()). Paths in the
 * file (article, font) are kept as written; config_path() resolves them
 * against the config file's folder.
 *
 * File syntax (inih): "[section]", "key = value" (or "key: value"), comments
 * starting with ';' or '#' at the start of a line or " ;" after a value.
 * Sections, keys and words ignore ASCII case; indentation is ignored; one
 * pair of double quotes around a value is removed (font = "" is empty). A
 * UTF-8 BOM and CRLF line ends are accepted. A section may appear twice; a
 * key may not.
 */
#ifndef QUIZMILL_CONFIG_H
#define QUIZMILL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "item.h"

typedef enum config_theme { THEME_DARK, THEME_LIGHT, THEME_HIGH_CONTRAST } config_theme;

/* [event] mode: one player, a quiz show for 2 to 4 teams on one screen, or
 * everyone on their own phone ([network]). */
typedef enum config_mode { MODE_SOLO, MODE_TEAMS, MODE_BUZZER, MODE_PHONES } config_mode;

#define CONFIG_TEAMS_MAX 4     /* teams in a match, at most */
#define CONFIG_TEAM_NAME_MAX 24 /* bytes of a team's name, at most */

typedef struct config {
    char *file; /* the file read, for messages; "(defaults)" when none */
    char *dir;  /* its folder ("." when none), for relative paths */

    /* [quiz] */
    char *article;         /* path of the article; default "questions/turkmenistan-kazakhstan.txt" */
    int article_line;      /* line where it was set, 0 when default (for "missing article" errors) */
    item_difficulty difficulty; /* easy | medium | hard; default medium */
    int questions;         /* items per round, 1..100; default 10 */
    int time_limit;        /* seconds per question, 0 = none, 0..600; default 20 */
    int choices;           /* 0 = the difficulty's count, else 2..5; default 0 */
    uint64_t seed;         /* 0 = a fresh seed each round; default 0 */
    bool shuffle_questions; /* default true */
    bool shuffle_choices;  /* default true */

    /* [topics] */
    char *include;         /* "all" or a comma-separated list of slugs or titles; default "all" */
    int include_line;
    char *exclude;         /* comma-separated list; default "" */
    int exclude_line;

    /* [scoring] */
    int base_points;       /* points for a right answer, 1..100000; default 1000 */
    bool time_bonus;       /* default true */
    bool streak_bonus;     /* default true */
    int streak_step;       /* bonus points per consecutive right answer, 0..100000; default 100 */
    int streak_max;        /* cap of the streak bonus, 0..1000000; default 500 */
    int wrong_penalty;     /* points taken for a wrong answer, 0..100000; default 0 */
    bool practice;         /* missed items come back later in the round, no points; default false */

    /* [display] */
    bool fullscreen;       /* default true */
    int width;             /* window width when windowed, 320..7680; default 1280 */
    int height;            /* 240..4320; default 720 */
    char *font;            /* font file; "" = DejaVu Sans (assets/, then system folders) */
    int font_line;         /* line where it was set, 0 when default (for "cannot open font") */
    double font_scale;     /* 0.5..3.0; default 1.0 */
    config_theme theme;    /* dark | light | high-contrast; default dark */
    char *renderer;        /* auto | software | accelerated; default auto */
    int feedback_seconds;  /* seconds before feedback continues by itself, 0 = wait, 0..120; default 6 */
    bool ask_name;         /* ask the player's name; default true */
    char *language;        /* "auto" (the system's) or a catalogue's code ("en", "ru"); default auto */
    int language_line;     /* line where it was set, 0 when default (for "unknown language") */

    /* [sound] */
    bool sound;            /* default true */
    int volume;            /* 0..100; default 70 */

    /* [event] */
    bool kiosk;            /* default false */
    int idle_timeout;      /* seconds, 10..3600; default 60 */
    char *exit_pin;        /* digits, "" = hold the exit keys instead; default "" */
    config_mode mode;      /* solo | teams | buzzer | phones (needs [network] enabled); default solo */
    int mode_line;
    char *teams;           /* 2 to 4 comma-separated team names; default "Red, Blue, Green, Yellow" */
    int buzz_time;         /* buzzer: seconds to buzz, 0 = no limit, 0..600; default 10 */
    int answer_time;       /* buzzer: seconds to answer after a buzz, 1..120; default 5 */

    /* [network] */
    bool net_enabled;      /* the phones' server may run; default false */
    int net_port;          /* 1..65535; default 8080 */
    char *net_bind;        /* an IPv4 or IPv6 address, "" = every interface; default "" */
    int net_max_players;   /* 1..1000; default 1000 */
    bool net_phone_text;   /* the question's text on the phones too; default false */

    /* [data] */
    char *data_dir;        /* "" = the user's data folder; default "" */
    int data_dir_line;
    char *results;         /* "" = results.csv in the data folder; default "" */
    int results_line;
    bool play_without_saving; /* saving fails at start-up: play on (true) or stop; default false */
} config;

/* The config file to read, malloc'd: given when not NULL, else the first of
 * ./config.ini, $XDG_CONFIG_HOME/quizmill/config.ini (~/.config/quizmill/),
 * the installed default (QUIZMILL_DATADIR/config.ini) and, for a build that
 * is not installed, the source tree's (../config.ini from the program's
 * folder) that exists; NULL when none does (the defaults). */
char *config_find(const char *given);

/* The article's path, malloc'd: [quiz] article resolved by config_path();
 * when the article was not set in the file (the default) and is not there,
 * the bundled one in the installed data folder. */
char *config_article(const config *c);

/* Fills c with the defaults (c's old strings are not freed). */
void config_defaults(config *c);

/* The largest config file read (the shipped one, every comment in, is some
 * 7 KB), and the reason given for a larger one. */
#define CONFIG_MAX_BYTES ((size_t)1 << 20)
#define CONFIG_TOO_LARGE "larger than 1 MiB, the limit for a config file"

/* Loads path into c (defaults first, then the file). c must hold no strings
 * of its own (new, or released). Returns 0, or -1 with *err a malloc'd
 * "file:line: message" (line 0 omitted when the file cannot be read: "file:
 * cannot read: reason", e.g. "is a folder", "not a regular file (a FIFO,
 * device or socket)" or CONFIG_TOO_LARGE; see read_file_max()). On failure
 * c holds the defaults, with file and dir set; release it all the same. err
 * may be NULL. */
int config_load(config *c, const char *path, char **err);

/* The same on a buffer; name is used in messages and dir for paths. Any
 * bytes are safe: NUL bytes, invalid UTF-8 and lines over inih's limit are
 * errors at their line. */
int config_parse(config *c, const char *name, const char *dir, const char *buf, size_t len,
                 char **err);

/* Frees c's strings and leaves the defaults (file "(defaults)", dir "."). */
void config_release(config *c);

/* Sets one setting from its text as a file would write it (section and key
 * ignore case), e.g. for a command-line override. The *_line fields are not
 * touched. Returns 0, or -1 with *err (if err is not NULL) a malloc'd message
 * without a file:line prefix, "questions must be a whole number from 1 to
 * 100, not 'ten'"; c is then unchanged. */
int config_set(config *c, const char *section, const char *key, const char *value, char **err);

/* Resolves a path from the config against its folder (absolute paths kept).
 * Returns a malloc'd string. */
char *config_path(const config *c, const char *path);


/* The team names of [event] teams, trimmed, into names (at most
 * CONFIG_TEAMS_MAX); returns how many (2..4 for a loaded config). */
int config_team_names(const config *c, char names[][CONFIG_TEAM_NAME_MAX + 1]);

/* The word of a mode as config.ini writes it: "solo", "teams", "buzzer", "phones". */
const char *config_mode_name(config_mode m);

/* Writes every setting as an INI file with its comment and current value;
 * config_parse() reads the output back to the same values. */
void config_dump(const config *c, FILE *out);

#endif
