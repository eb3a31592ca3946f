/* config.c - config.ini: one settings table makes the defaults, the parser
 * and the dump. Start reading at the table `settings` below, then
 * config_parse().
 *
 * The file is read by inih (Debian's build: 200-byte lines, handler without
 * a line number) through our own line reader, config_read_line(), which
 * counts lines and rejects what inih would silently mis-parse: NUL bytes,
 * invalid UTF-8, lines longer than inih's buffer, unknown sections. It also
 * strips the indentation of every line so inih never sees a "continuation
 * line". inih itself reports lines without '=' and section lines without
 * ']' only as a line number; config_parse() turns those into messages.
  *
 * long: the settings table (one entry per setting, with its comment for the
 * dump) is most of the file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <ini.h>

#include "util.h"

typedef enum setting_type {
    SET_INT,    /* int field, min..max (and check, when set) */
    SET_BOOL,   /* bool field: true/false, yes/no, on/off, 1/0 in any case */
    SET_ENUM,   /* enum field through get/set: index of a word in words */
    SET_WORD,   /* char * field holding one of words (stored lowercase) */
    SET_STRING, /* char * field; "" only when empty_ok (and check, when set) */
    SET_DOUBLE, /* double field, dmin..dmax */
    SET_U64,    /* uint64_t field, any value */
} setting_type;

typedef struct setting {
    const char *section;
    const char *key;
    setting_type type;
    size_t field;      /* offsetof the value in struct config */
    size_t line_field; /* offsetof an int that gets the line it was set on; 0 = none */
    const char *def;   /* the default, written as in the file */
    long long min, max;
    double dmin, dmax;
    const char *unit;          /* SET_INT: shown after the range, e.g. "seconds" */
    const char *const *words;  /* SET_ENUM, SET_WORD: NULL-terminated, in enum order */
    int (*get)(const config *c);  /* SET_ENUM */
    void (*set)(config *c, int v); /* SET_ENUM */
    bool empty_ok;             /* SET_STRING */
    bool (*check)(const void *value); /* extra rule on the parsed int or string */
    const char *what;          /* valid values for messages; NULL = made from the type */
    const char *comment;       /* lines separated by '\n', without "; " */
} setting;

static const char *const theme_words[] = {"dark", "light", "high-contrast", NULL};
static const char *const renderer_words[] = {"auto", "software", "accelerated", NULL};
static const char *const mode_words[] = {"solo", "teams", "buzzer", "phones", NULL};

static int get_mode(const config *c)
{
    return (int)c->mode;
}

static void set_mode(config *c, int v)
{
    c->mode = v == 1 ? MODE_TEAMS : v == 2 ? MODE_BUZZER : v == 3 ? MODE_PHONES : MODE_SOLO;
}

const char *config_mode_name(config_mode m)
{
    return (unsigned)m < 4 ? mode_words[m] : mode_words[0];
}

/* Splits a comma-separated list of names, trimmed; returns how many there
 * are (also past max, which are not stored), or -1 when one is empty or
 * longer than CONFIG_TEAM_NAME_MAX. */
static int split_names(const char *s, char names[][CONFIG_TEAM_NAME_MAX + 1], int max)
{
    int n = 0;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        const char *b = s;
        while (len && is_space((unsigned char)*b)) {
            b++;
            len--;
        }
        while (len && is_space((unsigned char)b[len - 1]))
            len--;
        if (len == 0 || len > CONFIG_TEAM_NAME_MAX)
            return -1;
        if (n < max) {
            memcpy(names[n], b, len);
            names[n][len] = '\0';
        }
        n++;
        if (!comma)
            return n;
        s = comma + 1;
    }
}

static bool check_teams(const void *value)
{
    int n = split_names(value, NULL, 0);
    return n >= 2 && n <= CONFIG_TEAMS_MAX;
}

int config_team_names(const config *c, char names[][CONFIG_TEAM_NAME_MAX + 1])
{
    int n = split_names(c->teams ? c->teams : "", names, CONFIG_TEAMS_MAX);
    return n < 0 ? 0 : n > CONFIG_TEAMS_MAX ? CONFIG_TEAMS_MAX : n;
}

static int get_difficulty(const config *c)
{
    return (int)c->difficulty;
}

static void set_difficulty(config *c, int v)
{
    c->difficulty = v == 0 ? ITEM_EASY : v == 2 ? ITEM_HARD : ITEM_MEDIUM;
}

static int get_theme(const config *c)
{
    return (int)c->theme;
}

static void set_theme(config *c, int v)
{
    c->theme = v == 1 ? THEME_LIGHT : v == 2 ? THEME_HIGH_CONTRAST : THEME_DARK;
}

static bool check_choices(const void *value)
{
    return *(const int *)value != 1;
}

/* "auto" or a language code that can name a folder ("ru", "pt_BR"); which
 * are installed only the front end knows (i18n_init). */
static bool check_language(const void *value)
{
    const char *s = value;
    size_t n = strlen(s);
    if (n == 0 || n > 15)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '@' || *s == '-'))
            return false;
    return true;
}

static bool check_pin(const void *value)
{
    const char *s = value;
    size_t n = strlen(s);
    if (n == 0)
        return true;
    if (n < 4 || n > 8)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* An IPv4 or IPv6 address in numbers (no host names: the game never looks
 * one up), or empty. */
static bool check_bind(const void *value)
{
    const char *s = value;
    if (!*s)
        return true;
    unsigned char buf[16];
    return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

#define F(name) offsetof(config, name)

/* Every setting, in file order. Sections appear in the order of their first
 * setting. */
static const setting settings[] = {
    /* [quiz] */
    {.section = "quiz", .key = "article", .type = SET_STRING, .field = F(article),
     .line_field = F(article_line), .def = "questions/turkmenistan-kazakhstan.txt",
     .what = "a file path",
     .comment = "The article the questions are made from (plain text, Markdown or a\n"
                "saved web page). A relative path is relative to the folder of this file."},
    {.section = "quiz", .key = "difficulty", .type = SET_ENUM, .field = F(difficulty),
     .def = "medium", .words = item_difficulty_words, .get = get_difficulty, .set = set_difficulty,
     .comment = "easy: 3 choices, the fair wrong answers farthest from the right one;\n"
                "medium: 4 choices, those in between; hard: 4 choices, the closest."},
    {.section = "quiz", .key = "questions", .type = SET_INT, .field = F(questions), .def = "10",
     .min = 1, .max = 100, .comment = "Questions in one round."},
    {.section = "quiz", .key = "time_limit", .type = SET_INT, .field = F(time_limit),
     .def = "20", .min = 0, .max = 600, .unit = "seconds",
     .comment = "Time to answer each question, in seconds; 0 = no limit."},
    {.section = "quiz", .key = "choices", .type = SET_INT, .field = F(choices), .def = "0",
     .min = 0, .max = 5, .check = check_choices, .what = "0 or a whole number from 2 to 5",
     .comment = "Choices per question; 0 = the difficulty's count (easy 3, medium and hard 4).\n"
                "The teams and buzzer modes ask 4 at most (a team has four choice buttons):\n"
                "a question of 5 loses the wrong choice that shares the fewest words with\n"
                "the right one (the same in quizmill-gen with such a config)."},
    {.section = "quiz", .key = "seed", .type = SET_U64, .field = F(seed), .def = "0",
     .what = "a whole number from 0 to 18446744073709551615",
     .comment = "Seed of the random order; 0 = a new seed for every round.\n"
                "The same seed and article give the same rounds."},
    {.section = "quiz", .key = "shuffle_questions", .type = SET_BOOL,
     .field = F(shuffle_questions), .def = "true",
     .comment = "Ask the questions in random order (false: in article order)."},
    {.section = "quiz", .key = "shuffle_choices", .type = SET_BOOL, .field = F(shuffle_choices),
     .def = "true", .comment = "Put the choices of each question in random order."},

    /* [topics] */
    {.section = "topics", .key = "include", .type = SET_STRING, .field = F(include),
     .line_field = F(include_line), .def = "all",
     .what = "all or a comma-separated list of topic slugs or titles",
     .comment = "Topics to ask about: all, or a comma-separated list of topic slugs\n"
                "or titles (any case), e.g. economic-collaboration, faq."},
    {.section = "topics", .key = "exclude", .type = SET_STRING, .field = F(exclude),
     .line_field = F(exclude_line), .def = "", .empty_ok = true,
     .what = "a comma-separated list of topic slugs or titles, or empty",
     .comment = "Topics never asked about, even when included; empty = none."},

    /* [scoring] */
    {.section = "scoring", .key = "base_points", .type = SET_INT, .field = F(base_points),
     .def = "1000", .min = 1, .max = 100000, .unit = "points",
     .comment = "Points for a right answer."},
    {.section = "scoring", .key = "time_bonus", .type = SET_BOOL, .field = F(time_bonus),
     .def = "true", .comment = "Give extra points for answering quickly (with a time limit)."},
    {.section = "scoring", .key = "streak_bonus", .type = SET_BOOL, .field = F(streak_bonus),
     .def = "true", .comment = "Give extra points for right answers in a row."},
    {.section = "scoring", .key = "streak_step", .type = SET_INT, .field = F(streak_step),
     .def = "100", .min = 0, .max = 100000, .unit = "points",
     .comment = "Bonus points added for each right answer in a row."},
    {.section = "scoring", .key = "streak_max", .type = SET_INT, .field = F(streak_max),
     .def = "500", .min = 0, .max = 1000000, .unit = "points",
     .comment = "Largest streak bonus for one answer."},
    {.section = "scoring", .key = "wrong_penalty", .type = SET_INT, .field = F(wrong_penalty),
     .def = "0", .min = 0, .max = 100000, .unit = "points",
     .comment = "Points taken away for a wrong answer."},
    {.section = "scoring", .key = "practice", .type = SET_BOOL, .field = F(practice),
     .def = "false",
     .comment = "Practice: missed questions come back later in the round; no points."},

    /* [display] */
    {.section = "display", .key = "fullscreen", .type = SET_BOOL, .field = F(fullscreen),
     .def = "true", .comment = "Fill the screen, with or without a window manager (false: a window of\n"
                               "width x height, made smaller to fit a smaller screen)."},
    {.section = "display", .key = "width", .type = SET_INT, .field = F(width), .def = "1280",
     .min = 320, .max = 7680, .unit = "pixels", .comment = "Window width when not fullscreen."},
    {.section = "display", .key = "height", .type = SET_INT, .field = F(height), .def = "720",
     .min = 240, .max = 4320, .unit = "pixels", .comment = "Window height when not fullscreen."},
    {.section = "display", .key = "font", .type = SET_STRING, .field = F(font),
     .line_field = F(font_line), .def = "",
     .empty_ok = true, .what = "a font file path, or empty",
     .comment = "Font file (TrueType); empty = DejaVu Sans (from assets/, then the\n"
                "system folders). A relative path is relative to the folder of this file."},
    {.section = "display", .key = "font_scale", .type = SET_DOUBLE, .field = F(font_scale),
     .def = "1.0", .dmin = 0.5, .dmax = 3.0,
     .comment = "Text size factor for all text, the smallest too (hints, lists, high\n"
                "scores): 1.5 for the back of a large room."},
    {.section = "display", .key = "theme", .type = SET_ENUM, .field = F(theme), .def = "dark",
     .words = theme_words, .get = get_theme, .set = set_theme,
     .comment = "Colours: dark, light, or high-contrast for bright rooms and weak eyes."},
    {.section = "display", .key = "renderer", .type = SET_WORD, .field = F(renderer),
     .def = "auto", .words = renderer_words,
     .comment = "auto = software (a quiz's still screens need no graphics card; without\n"
                "one, OpenGL is emulated at ~6x the memory and ~2x the startup time);\n"
                "software = SDL's software renderer with no framebuffer acceleration:\n"
                "starts fastest and uses least memory; accelerated = the graphics card\n"
                "(OpenGL), e.g. for a 4K screen on a slow processor."},
    {.section = "display", .key = "feedback_seconds", .type = SET_INT,
     .field = F(feedback_seconds), .def = "6", .min = 0, .max = 120, .unit = "seconds",
     .comment = "Seconds the feedback after an answer stays before the game goes on;\n"
                "0 = wait for a key or a click."},
    {.section = "display", .key = "ask_name", .type = SET_BOOL, .field = F(ask_name),
     .def = "true", .comment = "Ask the player's name before a round."},
    {.section = "display", .key = "language", .type = SET_STRING, .field = F(language),
     .line_field = F(language_line), .def = "auto", .check = check_language,
     .what = "auto or a language code such as en or ru",
     .comment = "Language of the game's words: auto = the system's (LANG), or a code:\n"
                "en, ru (the installed ones; quizmill --language=xx lists them).\n"
                "The questions stay in the article's language."},

    /* [sound] */
    {.section = "sound", .key = "sound", .type = SET_BOOL, .field = F(sound), .def = "true",
     .comment = "Play sounds."},
    {.section = "sound", .key = "volume", .type = SET_INT, .field = F(volume), .def = "70",
     .min = 0, .max = 100, .unit = "percent", .comment = "Sound volume in percent."},

    /* [event] */
    {.section = "event", .key = "kiosk", .type = SET_BOOL, .field = F(kiosk), .def = "false",
     .comment = "Kiosk mode for a stand at an event: the game never quits by itself\n"
                "and returns to its title screen when nobody plays."},
    {.section = "event", .key = "idle_timeout", .type = SET_INT, .field = F(idle_timeout),
     .def = "60", .min = 10, .max = 3600, .unit = "seconds",
     .comment = "Seconds without input before a kiosk returns to its title screen."},
    {.section = "event", .key = "exit_pin", .type = SET_STRING, .field = F(exit_pin), .def = "",
     .empty_ok = true, .check = check_pin, .what = "4 to 8 digits, or empty",
     .comment = "PIN that leaves kiosk mode; empty = hold the exit keys instead\n"
                "(Ctrl+Shift+Q for 3 seconds)."},
    {.section = "event", .key = "mode", .type = SET_ENUM, .field = F(mode), .def = "solo",
     .line_field = F(mode_line), .words = mode_words, .get = get_mode, .set = set_mode,
     .comment = "solo: one player; teams: 2 to 4 teams on one screen, each answers every\n"
                "question on its own gamepad, buzzer or keyboard zone (Q W E R, U I O P,\n"
                "the arrows, keypad 1-4), answers hidden until all are in; buzzer: the\n"
                "first to buzz answers, a wrong answer locks that team out of the question;\n"
                "phones: everyone answers on their own phone over the local network (needs\n"
                "[network] enabled = true). The title screen changes it too (M)."},
    {.section = "event", .key = "teams", .type = SET_STRING, .field = F(teams),
     .def = "Red, Yellow, Green, Purple", .check = check_teams,
     .what = "2 to 4 comma-separated names of 1 to 24 bytes",
     .comment = "The teams of the teams and buzzer modes, in the order they join: each\n"
                "has its own colour and emblem too, never a choice's (1st red heart,\n"
                "2nd yellow hexagon, 3rd green cross, 4th purple clover)."},
    {.section = "event", .key = "buzz_time", .type = SET_INT, .field = F(buzz_time),
     .def = "10", .min = 0, .max = 600, .unit = "seconds",
     .comment = "Buzzer mode: seconds to buzz before the question is revealed; 0 = no limit."},
    {.section = "event", .key = "answer_time", .type = SET_INT, .field = F(answer_time),
     .def = "5", .min = 1, .max = 120, .unit = "seconds",
     .comment = "Buzzer mode: seconds to answer after a buzz."},

    /* [network] */
    {.section = "network", .key = "enabled", .type = SET_BOOL, .field = F(net_enabled),
     .def = "false",
     .comment = "Everyone plays from their phone ([event] mode = phones): the game serves\n"
                "a page and a WebSocket on this machine's local network (plain HTTP, no\n"
                "internet needed). Off unless set here."},
    {.section = "network", .key = "port", .type = SET_INT, .field = F(net_port), .def = "8080",
     .min = 1, .max = 65535, .comment = "The port the phones connect to (http://ADDRESS:PORT/)."},
    {.section = "network", .key = "bind", .type = SET_STRING, .field = F(net_bind), .def = "",
     .empty_ok = true, .check = check_bind, .what = "an IPv4 or IPv6 address, or empty",
     .comment = "The address to listen on; empty = every interface of this machine;\n"
                "127.0.0.1 = this machine only (tests)."},
    {.section = "network", .key = "max_players", .type = SET_INT, .field = F(net_max_players),
     .def = "1000", .min = 1, .max = 1000, .unit = "players",
     .comment = "Players who may join one game."},
    {.section = "network", .key = "phone_text", .type = SET_BOOL, .field = F(net_phone_text),
     .def = "false",
     .comment = "Show the question and the choices' text on the phones too (else only the\n"
                "big screen has them and the phones show the coloured tiles)."},

    /* [data] */
    {.section = "data", .key = "folder", .type = SET_STRING, .field = F(data_dir),
     .line_field = F(data_dir_line), .def = "", .empty_ok = true,
     .what = "a folder path, or empty",
     .comment = "Where high scores, results and screenshots are saved; empty = the\n"
                "user's data folder (~/.local/share/quizmill). --data-dir overrides it."},
    {.section = "data", .key = "results", .type = SET_STRING, .field = F(results),
     .line_field = F(results_line), .def = "", .empty_ok = true,
     .what = "a file path, or empty",
     .comment = "The results CSV for teachers' spreadsheets (one row per answer): an\n"
                "export of the database (quizmill.db in the data folder), rewritten after\n"
                "every round and never read back; empty = results.csv in the data folder.\n"
                "--results overrides it."},
    {.section = "data", .key = "play_without_saving", .type = SET_BOOL,
     .field = F(play_without_saving), .def = "false",
     .comment = "When the data folder, the database or the results CSV cannot be written\n"
                "at start-up: false = the game does not start and says why; true = it\n"
                "plays with saving off and says so on the title screen."},
};

#undef F

#define NSETTINGS (sizeof settings / sizeof settings[0])

static char default_file[] = "(defaults)";
static char default_dir[] = ".";

/* ---- field access ---- */

static void *field(config *c, const setting *s)
{
    return (char *)c + s->field;
}

static const void *cfield(const config *c, const setting *s)
{
    return (const char *)c + s->field;
}

static bool is_string(const setting *s)
{
    return s->type == SET_STRING || s->type == SET_WORD;
}

/* Replaces a string field, freeing the old value unless it is the static
 * default. */
static void set_string(config *c, const setting *s, char *value)
{
    char **slot = field(c, s);
    if (*slot && *slot != s->def)
        free(*slot);
    *slot = value;
}

/* ---- names and messages ---- */

static bool section_known(const char *name)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (str_icmp(settings[i].section, name) == 0)
            return true;
    return false;
}

static const char *section_canonical(const char *name)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (str_icmp(settings[i].section, name) == 0)
            return settings[i].section;
    return NULL;
}

/* True when settings[i] is the first setting of its section. */
static bool section_starts(size_t i)
{
    return i == 0 || strcmp(settings[i - 1].section, settings[i].section) != 0;
}

static bool is_close(const char *wrong, const char *right, size_t d)
{
    size_t n = strlen(wrong), m = strlen(right);
    size_t longest = n > m ? n : m;
    return d * 3 <= longest;
}

static char *unknown_section_message(const char *name)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < NSETTINGS; i++) {
        if (!section_starts(i))
            continue;
        size_t d = edit_distance(name, settings[i].section);
        if (d < best_d) {
            best_d = d;
            best = settings[i].section;
        }
    }
    if (best && is_close(name, best, best_d))
        return xasprintf("unknown section [%s] (did you mean [%s]?)", name, best);
    strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "unknown section [%s] (valid: ", name);
    bool first = true;
    for (size_t i = 0; i < NSETTINGS; i++) {
        if (!section_starts(i))
            continue;
        strbuf_addf(&sb, "%s[%s]", first ? "" : ", ", settings[i].section);
        first = false;
    }
    strbuf_addc(&sb, ')');
    return strbuf_detach(&sb);
}

static char *unknown_key_message(const char *section, const char *key)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (str_icmp(settings[i].key, key) == 0)
            return xasprintf("unknown key '%s' in [%s] (it belongs in [%s])", key, section,
                             settings[i].section);
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < NSETTINGS; i++) {
        if (strcmp(settings[i].section, section) != 0)
            continue;
        size_t d = edit_distance(key, settings[i].key);
        if (d < best_d) {
            best_d = d;
            best = settings[i].key;
        }
    }
    if (best && is_close(key, best, best_d))
        return xasprintf("unknown key '%s' in [%s] (did you mean '%s'?)", key, section, best);
    strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "unknown key '%s' in [%s] (valid: ", key, section);
    bool first = true;
    for (size_t i = 0; i < NSETTINGS; i++) {
        if (strcmp(settings[i].section, section) != 0)
            continue;
        strbuf_addf(&sb, "%s%s", first ? "" : ", ", settings[i].key);
        first = false;
    }
    strbuf_addc(&sb, ')');
    return strbuf_detach(&sb);
}

/* "easy, medium or hard" */
static void add_word_list(strbuf *sb, const char *const *words)
{
    for (size_t i = 0; words[i]; i++) {
        if (i > 0)
            strbuf_adds(sb, words[i + 1] ? ", " : " or ");
        strbuf_adds(sb, words[i]);
    }
}

/* What a setting accepts, for messages and the dump (malloc'd). */
static char *setting_what(const setting *s)
{
    if (s->what)
        return xstrdup(s->what);
    strbuf sb = STRBUF_INIT;
    switch (s->type) {
    case SET_INT:
        strbuf_addf(&sb, "a whole number from %lld to %lld", s->min, s->max);
        if (s->unit)
            strbuf_addf(&sb, " (%s)", s->unit);
        break;
    case SET_BOOL:
        strbuf_adds(&sb, "true or false (also yes/no, on/off, 1/0)");
        break;
    case SET_ENUM:
    case SET_WORD:
        add_word_list(&sb, s->words);
        break;
    case SET_DOUBLE:
        strbuf_addf(&sb, "a number from %g to %g", s->dmin, s->dmax);
        break;
    case SET_U64:
        strbuf_adds(&sb, "a whole number from 0 to 18446744073709551615");
        break;
    case SET_STRING:
        strbuf_adds(&sb, s->empty_ok ? "text, or empty" : "text");
        break;
    }
    return strbuf_detach(&sb);
}

static char *bad_value(const setting *s, const char *value)
{
    char *what = setting_what(s);
    char *msg = xasprintf("%s must be %s, not '%s'", s->key, what, value);
    free(what);
    return msg;
}

/* ---- value parsers (no locale, no errno) ---- */

/* Optional sign and decimal digits; huge values saturate. */
static bool parse_ll(const char *v, long long *out)
{
    bool neg = false;
    if (*v == '+' || *v == '-')
        neg = *v++ == '-';
    if (!*v)
        return false;
    long long n = 0;
    for (; *v; v++) {
        if (*v < '0' || *v > '9')
            return false;
        if (n < LLONG_MAX / 10 - 10)
            n = n * 10 + (*v - '0');
    }
    *out = neg ? -n : n;
    return true;
}

static bool parse_u64(const char *v, uint64_t *out)
{
    if (*v == '+')
        v++;
    if (!*v)
        return false;
    uint64_t n = 0;
    for (; *v; v++) {
        if (*v < '0' || *v > '9')
            return false;
        unsigned d = (unsigned)(*v - '0');
        if (n > (UINT64_MAX - d) / 10)
            return false;
        n = n * 10 + d;
    }
    *out = n;
    return true;
}

/* [+-]digits[.digits] or [+-].digits, computed as mantissa / 10^k so that
 * short decimals come out exactly as strtod would make them. Significant
 * digits past the 15th are dropped: 15 digits are exact in a double, so the
 * division rounds once and format_double() always finds a text that reads
 * back to the same value. */
static bool parse_double(const char *v, double *out)
{
    bool neg = false;
    if (*v == '+' || *v == '-')
        neg = *v++ == '-';
    uint64_t m = 0;
    int scale = 0, digits = 0;
    bool dot = false;
    for (; *v; v++) {
        if (*v == '.' && !dot) {
            dot = true;
            continue;
        }
        if (*v < '0' || *v > '9')
            return false;
        digits++;
        if (m < 100000000000000ULL) { /* at most 15 digits */
            m = m * 10 + (uint64_t)(*v - '0');
            if (dot)
                scale--;
        } else if (!dot) {
            scale++;
        }
    }
    if (!digits)
        return false;
    double d = (double)m;
    for (; scale > 0; scale--)
        d *= 10;
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    while (scale < 0) {
        int k = -scale > 22 ? 22 : -scale;
        d /= pow10[k];
        scale += k;
    }
    *out = neg ? -d : d;
    return true;
}

static int parse_bool(const char *v)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (str_icmp(v, yes[i]) == 0)
            return 1;
        if (str_icmp(v, no[i]) == 0)
            return 0;
    }
    return -1;
}

static int parse_word(const char *const *words, const char *v)
{
    for (int i = 0; words[i]; i++)
        if (str_icmp(words[i], v) == 0)
            return i;
    return -1;
}

/* Sets s in c from text as written after '=' (already trimmed by inih).
 * Returns NULL, or a malloc'd message without the "file:line: " prefix. */
static char *setting_apply(config *c, const setting *s, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)text[i];
        if ((b < 0x20 && b != '\t') || b == 0x7f)
            return xasprintf("%s contains a control character (byte 0x%02x)", s->key, b);
    }
    /* One pair of double quotes around the value is removed: font = "" */
    char *v = (n >= 2 && text[0] == '"' && text[n - 1] == '"') ? xstrndup(text + 1, n - 2)
                                                              : xstrdup(text);
    char *msg = NULL;
    if (!*v && !(s->type == SET_STRING && s->empty_ok)) {
        char *what = setting_what(s);
        msg = xasprintf("%s has no value (must be %s)", s->key, what);
        free(what);
        free(v);
        return msg;
    }
    switch (s->type) {
    case SET_INT: {
        long long x;
        if (!parse_ll(v, &x) || x < s->min || x > s->max) {
            msg = bad_value(s, v);
            break;
        }
        int i = (int)x;
        if (s->check && !s->check(&i)) {
            msg = bad_value(s, v);
            break;
        }
        *(int *)field(c, s) = i;
        break;
    }
    case SET_BOOL: {
        int b = parse_bool(v);
        if (b < 0)
            msg = bad_value(s, v);
        else
            *(bool *)field(c, s) = b == 1;
        break;
    }
    case SET_ENUM: {
        int w = parse_word(s->words, v);
        if (w < 0)
            msg = bad_value(s, v);
        else
            s->set(c, w);
        break;
    }
    case SET_WORD: {
        int w = parse_word(s->words, v);
        if (w < 0)
            msg = bad_value(s, v);
        else
            set_string(c, s, xstrdup(s->words[w]));
        break;
    }
    case SET_STRING:
        if (s->check && !s->check(v)) {
            msg = bad_value(s, v);
            break;
        }
        set_string(c, s, v);
        v = NULL;
        break;
    case SET_DOUBLE: {
        double d;
        if (!parse_double(v, &d) || !(d >= s->dmin && d <= s->dmax))
            msg = bad_value(s, v);
        else
            *(double *)field(c, s) = d;
        break;
    }
    case SET_U64: {
        uint64_t u;
        if (!parse_u64(v, &u))
            msg = bad_value(s, v);
        else
            *(uint64_t *)field(c, s) = u;
        break;
    }
    }
    free(v);
    return msg;
}

static const setting *find_setting(const char *section, const char *key)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (str_icmp(settings[i].section, section) == 0 && str_icmp(settings[i].key, key) == 0)
            return &settings[i];
    return NULL;
}

/* ---- defaults and release ---- */

/* Sets every setting to its default; strings become the static defaults,
 * whatever the fields held before (nothing is freed). */
static void set_defaults(config *c)
{
    for (size_t i = 0; i < NSETTINGS; i++) {
        const setting *s = &settings[i];
        if (s->line_field)
            *(int *)((char *)c + s->line_field) = 0;
        if (is_string(s)) {
            *(char **)field(c, s) = (char *)s->def;
            continue;
        }
        char *msg = setting_apply(c, s, s->def);
        if (msg) { /* a broken table: caught by the tests */
            fprintf(stderr, "quizmill: bad default: %s\n", msg);
            abort();
        }
    }
}

/* Frees the strings of the settings and sets the defaults. */
static void reset_settings(config *c)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (is_string(&settings[i]))
            set_string(c, &settings[i], (char *)settings[i].def);
    set_defaults(c);
}

/* Whether path can be opened for reading. Non-blocking: a FIFO found here
 * must not wait for a writer (config_load() then refuses it with a reason). */
static bool readable(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd >= 0)
        close(fd);
    return fd >= 0;
}

char *config_find(const char *given)
{
    if (given)
        return xstrdup(given);
    char *candidates[4] = {xstrdup("config.ini"), NULL, NULL, NULL};
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/')
        candidates[1] = xasprintf("%s/quizmill/config.ini", xdg);
    else if (home && *home)
        candidates[1] = xasprintf("%s/.config/quizmill/config.ini", home);
    char *data = installed_data_dir();
    if (data)
        candidates[2] = xasprintf("%s/config.ini", data);
    free(data);
    /* a build that is not installed: the source tree beside it */
    char *dir = exe_dir();
    if (dir)
        candidates[3] = xasprintf("%s/../config.ini", dir);
    free(dir);
    char *found = NULL;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        if (!found && candidates[i] && readable(candidates[i]))
            found = candidates[i];
        else
            free(candidates[i]);
    }
    return found;
}

char *config_article(const config *c)
{
    char *path = config_path(c, c->article);
    char *data = NULL;
    if (c->article_line == 0 && !readable(path) && c->article[0] != '/' &&
        (data = installed_data_dir()) != NULL) {
        char *bundled = xasprintf("%s/%s", data, c->article);
        free(data);
        if (readable(bundled)) {
            free(path);
            return bundled;
        }
        free(bundled);
    }
    return path;
}

void config_defaults(config *c)
{
    c->file = default_file;
    c->dir = default_dir;
    set_defaults(c);
}

void config_release(config *c)
{
    reset_settings(c);
    if (c->file != default_file)
        free(c->file);
    if (c->dir != default_dir)
        free(c->dir);
    c->file = default_file;
    c->dir = default_dir;
}

int config_set(config *c, const char *section, const char *key, const char *value, char **err)
{
    if (err)
        *err = NULL;
    const char *canon = section ? section_canonical(section) : NULL;
    char *msg = NULL;
    const setting *s = NULL;
    if (!canon)
        msg = unknown_section_message(section ? section : "");
    else if (!(s = find_setting(canon, key ? key : "")))
        msg = unknown_key_message(canon, key ? key : "");
    else
        msg = setting_apply(c, s, value ? value : "");
    if (!msg)
        return 0;
    if (err)
        *err = msg;
    else
        free(msg);
    return -1;
}

/* ---- parsing ---- */

typedef struct parse_state {
    config *c;
    const char *buf;
    size_t len;
    size_t pos;
    int line;      /* lines handed to inih so far (or being rejected) */
    char *msg;     /* first error found by the reader or the handler */
    int msg_line;
    int set_line[NSETTINGS]; /* line where each setting was set, 0 = not yet */
} parse_state;

static void parse_fail(parse_state *ps, char *msg)
{
    if (ps->msg) {
        free(msg);
        return;
    }
    ps->msg = msg;
    ps->msg_line = ps->line;
}

/* Splits off the line at *pos: its bytes without the line end ("\n", "\r\n"
 * or "\r"). Returns false at the end of the buffer. */
static bool next_line(const char *buf, size_t len, size_t *pos, const char **start, size_t *n)
{
    if (*pos >= len)
        return false;
    const char *p = buf + *pos;
    size_t rest = len - *pos, k = 0;
    while (k < rest && p[k] != '\n' && p[k] != '\r')
        k++;
    size_t next = k;
    if (next < rest)
        next += (p[next] == '\r' && next + 1 < rest && p[next + 1] == '\n') ? 2 : 1;
    *start = p;
    *n = k;
    *pos += next;
    return true;
}

/* What inih's find_chars_or_comment() does: the first of chars, or of an
 * inline ';' comment after whitespace, or the end. */
static const char *find_chars_or_comment(const char *s, const char *chars)
{
    bool was_space = false;
    while (*s && !strchr(chars, *s) && !(was_space && *s == ';')) {
        was_space = is_space((unsigned char)*s);
        s++;
    }
    return s;
}

/* Checks a "[section]" line the way inih will read it. Lines without ']'
 * are left to inih, which reports them. */
static void check_section_line(parse_state *ps, const char *line)
{
    const char *end = find_chars_or_comment(line + 1, "]");
    if (*end != ']')
        return;
    char *name;
    name = xstrndup_trimmed(line + 1, (size_t)(end - line - 1));
    if (!section_known(name)) {
        parse_fail(ps, unknown_section_message(name));
    } else {
        const char *after = end + 1;
        while (is_space((unsigned char)*after))
            after++;
        if (*after && *after != ';' && *after != '#')
            parse_fail(ps, xasprintf("text after [%s]: '%s' (put a comment after ';')", name,
                                     after));
    }
    free(name);
}

/* The ini_reader: hands inih one line at a time, without its indentation,
 * and stops at the first problem (inih then returns at once). */
static char *config_read_line(char *str, int num, void *stream)
{
    parse_state *ps = stream;
    const char *p;
    size_t n;
    if (ps->msg || !next_line(ps->buf, ps->len, &ps->pos, &p, &n))
        return NULL;
    ps->line++;
    if (ps->line == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    const char *nul = memchr(p, '\0', n);
    if (nul) {
        parse_fail(ps, xstrdup("NUL byte in config"));
        return NULL;
    }
    size_t bad = utf8_check(p, n);
    if (bad < n) {
        parse_fail(ps, xasprintf("invalid UTF-8 (byte 0x%02x at column %zu)",
                                 (unsigned char)p[bad], bad + 1));
        return NULL;
    }
    if (num < 2 || n > (size_t)num - 1) {
        parse_fail(ps, xasprintf("line too long (more than %d bytes)", num - 1));
        return NULL;
    }
    while (n && (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\v')) {
        p++;
        n--;
    }
    memcpy(str, p, n);
    str[n] = '\0';
    if (str[0] == '[') {
        check_section_line(ps, str);
        if (ps->msg)
            return NULL;
    }
    return str;
}

/* The inih handler (named so as not to clash with inih's ini_handler type). */
static int config_on_pair(void *user, const char *section, const char *key, const char *value)
{
    parse_state *ps = user;
    if (ps->msg)
        return 0;
    char *sec;
    sec = xstrndup_trimmed(section, strlen(section));
    const char *canon = section_canonical(sec);
    const setting *s = NULL;
    if (!*key) {
        parse_fail(ps, xstrdup("key missing before '=' (expected key = value)"));
    } else if (!*sec) {
        const setting *home = NULL;
        for (size_t i = 0; i < NSETTINGS && !home; i++)
            if (str_icmp(settings[i].key, key) == 0)
                home = &settings[i];
        if (home)
            parse_fail(ps, xasprintf("key '%s' outside any section (put it under [%s])", key,
                                     home->section));
        else
            parse_fail(ps, xasprintf("key '%s' outside any section (start with a section "
                                     "such as [%s])",
                                     key, settings[0].section));
    } else if (!canon) {
        parse_fail(ps, unknown_section_message(sec));
    } else if (!(s = find_setting(canon, key))) {
        parse_fail(ps, unknown_key_message(canon, key));
    } else {
        size_t i = (size_t)(s - settings);
        if (ps->set_line[i]) {
            parse_fail(ps, xasprintf("duplicate key '%s' in [%s] (first set on line %d)", s->key,
                                     s->section, ps->set_line[i]));
        } else {
            char *msg = setting_apply(ps->c, s, value ? value : "");
            if (msg) {
                parse_fail(ps, msg);
            } else {
                ps->set_line[i] = ps->line;
                if (s->line_field)
                    *(int *)((char *)ps->c + s->line_field) = ps->line;
            }
        }
    }
    free(sec);
    return ps->msg ? 0 : 1;
}

/* The message for a line inih rejected without calling us. */
static char *structure_message(const char *buf, size_t len, int line)
{
    size_t pos = 0;
    const char *p = "";
    size_t n = 0;
    for (int i = 0; i < line; i++)
        if (!next_line(buf, len, &pos, &p, &n))
            break;
    if (line == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    char *text;
    text = xstrndup_trimmed(p, n);
    char *msg;
    if (text[0] == '[')
        msg = xasprintf("section line without ']': %s (write [name])", text);
    else
        msg = xasprintf("line without '=': %s (expected key = value, [section] or ; comment)",
                        text);
    free(text);
    return msg;
}

int config_parse(config *c, const char *name, const char *dir, const char *buf, size_t len,
                 char **err)
{
    if (err)
        *err = NULL;
    config_defaults(c);
    c->file = xstrdup(name ? name : "(config)");
    c->dir = xstrdup(dir && *dir ? dir : ".");

    parse_state ps = {.c = c, .buf = buf ? buf : "", .len = buf ? len : 0};
    int e = ini_parse_stream(config_read_line, &ps, config_on_pair, &ps);
    char *msg = NULL;
    int line = 0;
    if (ps.msg && (e <= 0 || e >= ps.msg_line)) {
        msg = ps.msg;
        line = ps.msg_line;
        ps.msg = NULL;
    } else if (e > 0) {
        msg = structure_message(ps.buf, ps.len, e);
        line = e;
    } else if (e < 0) {
        msg = xstrdup("out of memory in the INI parser");
    }
    free(ps.msg);
    if (!msg && c->mode == MODE_PHONES && !c->net_enabled) {
        msg = xstrdup("mode = phones needs [network] enabled = true (the phones' server is off "
                      "unless the file turns it on)");
        line = c->mode_line;
    }
    if (!msg)
        return 0;
    reset_settings(c);
    if (err)
        *err = line > 0 ? xasprintf("%s:%d: %s", c->file, line, msg)
                        : xasprintf("%s: %s", c->file, msg);
    free(msg);
    return -1;
}

/* The folder of a path: "." without a '/', "/" for a file at the root. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

int config_load(config *c, const char *path, char **err)
{
    if (err)
        *err = NULL;
    if (!path)
        path = "";
    char *dir = dir_of(path);
    char *buf;
    size_t len;
    if (read_file_max(path, CONFIG_MAX_BYTES, &buf, &len) != 0) {
        int e = errno;
        config_defaults(c);
        c->file = xstrdup(path);
        c->dir = dir;
        if (err)
            *err = xasprintf("%s: cannot read: %s", path,
                             e == EFBIG ? CONFIG_TOO_LARGE : read_file_strerror(e));
        return -1;
    }
    int r = config_parse(c, path, dir, buf, len, err);
    free(dir);
    free(buf);
    return r;
}

char *config_path(const config *c, const char *path)
{
    if (!path || !*path)
        return xstrdup("");
    if (path[0] == '/')
        return xstrdup(path);
    const char *dir = c && c->dir && *c->dir ? c->dir : ".";
    if (strcmp(dir, ".") == 0)
        return xstrdup(path);
    size_t n = strlen(dir);
    return xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", path);
}

/* ---- dump ---- */

/* The shortest decimal that reads back as d, always with a '.'. */
static void format_double(double d, char *out, size_t size)
{
    for (int p = 1; p <= 17; p++) {
        snprintf(out, size, "%.*g", p, d);
        for (char *q = out; *q; q++)
            if (*q == ',')
                *q = '.'; /* a locale's decimal comma */
        double back;
        if (parse_double(out, &back) && back == d)
            break;
    }
    if (!strchr(out, '.') && !strchr(out, 'e') && strlen(out) + 3 <= size)
        strcat(out, ".0");
}

/* The value of s in c as the file would say it (malloc'd). */
static char *setting_text(const config *c, const setting *s)
{
    switch (s->type) {
    case SET_INT:
        return xasprintf("%d", *(const int *)cfield(c, s));
    case SET_BOOL:
        return xstrdup(*(const bool *)cfield(c, s) ? "true" : "false");
    case SET_ENUM: {
        int v = s->get(c);
        int n = 0;
        while (s->words[n])
            n++;
        return xstrdup(v >= 0 && v < n ? s->words[v] : s->def);
    }
    case SET_DOUBLE: {
        char tmp[64];
        format_double(*(const double *)cfield(c, s), tmp, sizeof tmp);
        return xstrdup(tmp);
    }
    case SET_U64:
        return xasprintf("%" PRIu64, *(const uint64_t *)cfield(c, s));
    case SET_WORD:
    case SET_STRING: {
        const char *v = *(char *const *)cfield(c, s);
        if (!v)
            v = "";
        size_t n = strlen(v);
        /* Quote what inih would trim or what would lose its own quotes. */
        bool quote = n == 0 || is_space((unsigned char)v[0]) ||
                     is_space((unsigned char)v[n - 1]) || v[0] == ';' ||
                     (n >= 2 && v[0] == '"' && v[n - 1] == '"');
        return quote ? xasprintf("\"%s\"", v) : xstrdup(v);
    }
    }
    return xstrdup("");
}

static void dump_comment(FILE *out, const char *text)
{
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) : strlen(text);
        fprintf(out, "; %.*s\n", (int)n, text);
        text += n;
        if (*text == '\n')
            text++;
    }
}

void config_dump(const config *c, FILE *out)
{
    fputs("; Quizmill settings. Comments start with ';' or '#' at the start of a line,\n"
          "; or with ' ;' after a value. Keys and words ignore case; a value may be\n"
          "; written in double quotes (\"\" = empty). Lines hold at most 199 bytes.\n",
          out);
    for (size_t i = 0; i < NSETTINGS; i++) {
        const setting *s = &settings[i];
        if (section_starts(i))
            fprintf(out, "\n[%s]\n", s->section);
        fputc('\n', out);
        dump_comment(out, s->comment);
        char *what = setting_what(s);
        const char *def = *s->def ? s->def : "\"\"";
        fprintf(out, "; %s; default %s\n", what, def);
        free(what);
        char *value = setting_text(c, s);
        /* Keep the line within inih's limit when the value is long. */
        if (strlen(s->key) + 3 + strlen(value) > 199)
            fprintf(out, "%s=%s\n", s->key, value);
        else
            fprintf(out, "%s = %s\n", s->key, value);
        free(value);
    }
}
