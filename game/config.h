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
 * leaves defaults behind. Paths in the file (article, font) are kept as
 * written; config_path() resolves them against the config file's folder.
 */
#ifndef QUIZMILL_CONFIG_H
#define QUIZMILL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "article.h"
#include "gen.h"

typedef enum config_theme { THEME_DARK, THEME_LIGHT, THEME_HIGH_CONTRAST } config_theme;

typedef struct config {
    char *file; /* the file read, for messages; "(defaults)" when none */
    char *dir;  /* its folder ("." when none), for relative paths */

    /* [quiz] */
    char *article;         /* path of the article; default "questions/turkmenistan-kazakhstan.txt" */
    int article_line;      /* line where it was set, 0 when default (for "missing article" errors) */
    gen_difficulty difficulty; /* easy | medium | hard; default medium */
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
    double font_scale;     /* 0.5..3.0; default 1.0 */
    config_theme theme;    /* dark | light | high-contrast; default dark */
    char *renderer;        /* auto | software | accelerated; default auto */
    int feedback_seconds;  /* seconds before feedback continues by itself, 0 = wait, 0..120; default 6 */
    bool ask_name;         /* ask the player's name; default true */

    /* [sound] */
    bool sound;            /* default true */
    int volume;            /* 0..100; default 70 */

    /* [event] */
    bool kiosk;            /* default false */
    int idle_timeout;      /* seconds, 10..3600; default 60 */
    char *exit_pin;        /* digits, "" = hold the exit keys instead; default "" */
} config;

/* Fills c with the defaults (c's old strings are not freed). */
void config_defaults(config *c);

/* Loads path into c (defaults first, then the file). Returns 0, or -1 with
 * *err a malloc'd "file:line: message" (line 0 omitted for open errors:
 * "file: cannot open: reason"). On failure c still holds valid values. */
int config_load(config *c, const char *path, char **err);

/* The same on a buffer; name is used in messages and dir for paths. */
int config_parse(config *c, const char *name, const char *dir, const char *buf, size_t len,
                 char **err);

void config_release(config *c);

/* Resolves a path from the config against its folder (absolute paths kept).
 * Returns a malloc'd string. */
char *config_path(const config *c, const char *path);

/* Resolves [topics] include/exclude against the article into mask (a.ntopics
 * flags). Returns 0, or -1 with *err "file:line: unknown topic 'x' (valid:
 * slug, slug, ...)" or "file:line: no topic left after include and exclude". */
int config_topics(const config *c, const article *a, bool *mask, char **err);

/* Writes every setting as an INI file with its comment and current value. */
void config_dump(const config *c, FILE *out);

#endif
