/* test_config.c - config: defaults, every value type, every error with its
 * line, hostile bytes, the shipped config.ini, dump round trips, topics. */
#include "config.h"
#include "util.h"

#include "harness.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_DIR TEST_DATA_DIR "/config"
#define SHIPPED QUESTIONS_DIR "/../config.ini"

/* Parses text as "config.ini"; returns the result, *err set on failure. */
static int parse(config *c, const char *text, char **err)
{
    return config_parse(c, "config.ini", ".", text, strlen(text), err);
}

/* The dump of c as a malloc'd string. */
static char *dump(const config *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return xstrdup("");
    config_dump(c, f);
    fclose(f);
    return buf;
}

static void test_defaults(void)
{
    config c;
    config_defaults(&c);
    STR_EQ(c.file, "(defaults)", "file");
    STR_EQ(c.dir, ".", "dir");
    STR_EQ(c.article, "questions/turkmenistan-kazakhstan.txt", "article");
    INT_EQ(c.article_line, 0, "article line");
    INT_EQ(c.difficulty, ITEM_MEDIUM, "difficulty");
    INT_EQ(c.questions, 10, "questions");
    INT_EQ(c.time_limit, 20, "time_limit");
    INT_EQ(c.choices, 0, "choices");
    OK(c.seed == 0, "seed");
    OK(c.shuffle_questions && c.shuffle_choices, "shuffles");
    STR_EQ(c.include, "all", "include");
    STR_EQ(c.exclude, "", "exclude");
    INT_EQ(c.base_points, 1000, "base_points");
    OK(c.time_bonus && c.streak_bonus, "bonuses");
    INT_EQ(c.streak_step, 100, "streak_step");
    INT_EQ(c.streak_max, 500, "streak_max");
    INT_EQ(c.wrong_penalty, 0, "wrong_penalty");
    OK(!c.practice, "practice");
    OK(c.fullscreen, "fullscreen");
    INT_EQ(c.width, 1280, "width");
    INT_EQ(c.height, 720, "height");
    STR_EQ(c.font, "", "font");
    OK(c.font_scale == 1.0, "font_scale");
    INT_EQ(c.theme, THEME_DARK, "theme");
    STR_EQ(c.renderer, "auto", "renderer");
    INT_EQ(c.feedback_seconds, 6, "feedback_seconds");
    OK(c.ask_name, "ask_name");
    OK(c.sound, "sound");
    INT_EQ(c.volume, 70, "volume");
    OK(!c.kiosk, "kiosk");
    INT_EQ(c.idle_timeout, 60, "idle_timeout");
    STR_EQ(c.exit_pin, "", "exit_pin");
    INT_EQ(c.mode, MODE_SOLO, "mode");
    STR_EQ(c.teams, "Red, Yellow, Green, Purple", "teams");
    INT_EQ(c.buzz_time, 10, "buzz_time");
    INT_EQ(c.answer_time, 5, "answer_time");
    STR_EQ(c.data_dir, "", "data folder");
    STR_EQ(c.results, "", "results");
    config_release(&c); /* nothing to free: must not crash */
    config_release(&c);
    STR_EQ(c.article, "questions/turkmenistan-kazakhstan.txt", "release leaves defaults");
}

/* ---- values that parse ---- */

typedef struct good_case {
    const char *text;
    const char *what; /* "key=value" as the dump line would say it, checked in the dump */
} good_case;

static const good_case good_cases[] = {
    {"[quiz]\ndifficulty = easy\n", "difficulty = easy"},
    {"[quiz]\ndifficulty = MEDIUM\n", "difficulty = medium"},
    {"[quiz]\ndifficulty = Hard\n", "difficulty = hard"},
    {"[quiz]\nquestions = 1\n", "questions = 1"},
    {"[quiz]\nquestions = 100\n", "questions = 100"},
    {"[quiz]\nquestions = +7\n", "questions = 7"},
    {"[quiz]\nquestions = \"12\"\n", "questions = 12"},
    {"[quiz]\ntime_limit = 0\n", "time_limit = 0"},
    {"[quiz]\ntime_limit = 600\n", "time_limit = 600"},
    {"[quiz]\nchoices = 0\n", "choices = 0"},
    {"[quiz]\nchoices = 2\n", "choices = 2"},
    {"[quiz]\nchoices = 5\n", "choices = 5"},
    {"[quiz]\nseed = 18446744073709551615\n", "seed = 18446744073709551615"},
    {"[quiz]\nseed = 42\n", "seed = 42"},
    {"[quiz]\nshuffle_questions = false\n", "shuffle_questions = false"},
    {"[quiz]\nshuffle_questions = NO\n", "shuffle_questions = false"},
    {"[quiz]\nshuffle_questions = Off\n", "shuffle_questions = false"},
    {"[quiz]\nshuffle_questions = 0\n", "shuffle_questions = false"},
    {"[scoring]\npractice = TRUE\n", "practice = true"},
    {"[scoring]\npractice = yes\n", "practice = true"},
    {"[scoring]\npractice = ON\n", "practice = true"},
    {"[scoring]\npractice = 1\n", "practice = true"},
    {"[quiz]\narticle = other.md\n", "article = other.md"},
    {"[quiz]\narticle = \"  spaced.txt \"\n", "article = \"  spaced.txt \""},
    {"[quiz]\narticle = a # not a comment\n", "article = a # not a comment"},
    {"[quiz]\narticle = b ; a comment\n", "article = b"},
    {"[quiz]\narticle = \xc3\xbcmlaut.txt\n", "article = \xc3\xbcmlaut.txt"},
    {"[topics]\ninclude = faq, Economic Collaboration\n",
     "include = faq, Economic Collaboration"},
    {"[topics]\nexclude =\n", "exclude = \"\""},
    {"[topics]\nexclude = \"\"\n", "exclude = \"\""},
    {"[display]\nfont = \"\"\n", "font = \"\""},
    {"[display]\nfont = /usr/share/fonts/x.ttf\n", "font = /usr/share/fonts/x.ttf"},
    {"[display]\nfont_scale = 0.5\n", "font_scale = 0.5"},
    {"[display]\nfont_scale = 3\n", "font_scale = 3.0"},
    {"[display]\nfont_scale = 1.25\n", "font_scale = 1.25"},
    {"[display]\nfont_scale = .75\n", "font_scale = 0.75"},
    {"[display]\nfont_scale = 2.\n", "font_scale = 2.0"},
    {"[display]\ntheme = dark\n", "theme = dark"},
    {"[display]\ntheme = LIGHT\n", "theme = light"},
    {"[display]\ntheme = high-contrast\n", "theme = high-contrast"},
    {"[display]\nrenderer = auto\n", "renderer = auto"},
    {"[display]\nrenderer = Software\n", "renderer = software"},
    {"[display]\nrenderer = accelerated\n", "renderer = accelerated"},
    {"[display]\nwidth = 320\nheight = 4320\n", "height = 4320"},
    {"[display]\nwidth = 7680\n", "width = 7680"},
    {"[sound]\nvolume = 0\n", "volume = 0"},
    {"[display]\nlanguage = ru\n", "language = ru"},
    {"[display]\nlanguage = pt_BR\n", "language = pt_BR"},
    {"[display]\nlanguage = sr@latin\n", "language = sr@latin"},
    {"[event]\nexit_pin = 0000\n", "exit_pin = 0000"},
    {"[event]\nexit_pin = 12345678\n", "exit_pin = 12345678"},
    {"[event]\nexit_pin =\n", "exit_pin = \"\""},
    {"[event]\nidle_timeout = 10\n", "idle_timeout = 10"},
    {"[event]\nmode = teams\n", "mode = teams"},
    {"[event]\nmode = BUZZER\n", "mode = buzzer"},
    {"[network]\nenabled = true\n[event]\nmode = phones\n", "mode = phones"},
    {"[network]\nenabled = yes\nport = 9000\nbind = 127.0.0.1\nmax_players = 30\n",
     "port = 9000"},
    {"[network]\nbind = ::1\n", "bind = ::1"},
    {"[network]\nphone_text = on\n", "phone_text = true"},
    {"[event]\nteams = Owls,Bats\n", "teams = Owls,Bats"},
    {"[event]\nteams =  A , B , C , D \n", "teams = A , B , C , D"},
    {"[event]\nbuzz_time = 0\n", "buzz_time = 0"},
    {"[event]\nanswer_time = 120\n", "answer_time = 120"},
    {"[data]\nfolder = /var/lib/quizmill\n", "folder = /var/lib/quizmill"},
    {"[data]\nresults = class-4b.csv\n", "results = class-4b.csv"},
    /* syntax */
    {"[QUIZ]\nQuestions = 11\n", "questions = 11"},
    {"[ quiz ]\nquestions = 12\n", "questions = 12"},
    {"  [quiz]\n\tquestions = 13\n", "questions = 13"},
    {"[quiz]\nquestions: 14\n", "questions = 14"},
    {"[quiz]\nquestions=15", "questions = 15"},
    {"[quiz] ; comment\nquestions = 16 ; sixteen\n", "questions = 16"},
    {"[quiz] # comment\nquestions = 17\n", "questions = 17"},
    {"\xEF\xBB\xBF[quiz]\r\nquestions = 18\r\n", "questions = 18"},
    {"[quiz]\rquestions = 19\r", "questions = 19"},
    {"; only\n# comments\n\n   \n", "questions = 10"},
    {"", "questions = 10"},
    {"[quiz]\nquestions = 5\n[sound]\nvolume = 9\n[quiz]\ntime_limit = 7\n", "time_limit = 7"},
    {"[quiz]\nquestions = 5\nshuffle_choices = no\n", "shuffle_choices = false"},
};

static void test_good(void)
{
    for (size_t i = 0; i < sizeof good_cases / sizeof good_cases[0]; i++) {
        const good_case *g = &good_cases[i];
        config c;
        char *err = NULL;
        int r = parse(&c, g->text, &err);
        INT_EQ(r, 0, "case %zu: %s", i, err ? err : "");
        OK(r != 0 || err == NULL, "case %zu: no message on success", i);
        char *d = dump(&c);
        char *want = xasprintf("\n%s\n", g->what);
        OK(strstr(d, want) != NULL, "case %zu: dump lacks '%s'", i, g->what);
        free(want);
        free(d);
        free(err);
        config_release(&c);
    }
}

static void test_lines_recorded(void)
{
    config c;
    char *err = NULL;
    INT_EQ(parse(&c, "; x\n[quiz]\n\narticle = a.txt\n[topics]\nexclude = faq\ninclude = all\n",
                 &err),
           0, "parse");
    INT_EQ(c.article_line, 4, "article line");
    INT_EQ(c.exclude_line, 6, "exclude line");
    INT_EQ(c.include_line, 7, "include line");
    STR_EQ(c.file, "config.ini", "file");
    config_release(&c);
    INT_EQ(c.article_line, 0, "release resets lines");
    STR_EQ(c.file, "(defaults)", "release resets file");
    free(err);
}

/* ---- errors ---- */

typedef struct bad_case {
    const char *text;
    const char *message; /* the whole message, "config.ini:LINE: ..." */
} bad_case;

static const bad_case bad_cases[] = {
    /* sections and keys */
    {"[quiz]\nquestions = 5\n[quizz]\n",
     "config.ini:3: unknown section [quizz] (did you mean [quiz]?)"},
    {"[nothing-like-it]\n",
     "config.ini:1: unknown section [nothing-like-it] (valid: [quiz], [topics], [scoring], "
     "[display], [sound], [event], [network], [data])"},
    {"[]\n", "config.ini:1: unknown section [] (valid: [quiz], [topics], [scoring], [display], "
             "[sound], [event], [network], [data])"},
    {"[quiz]\n\n\n\n\n\ndificulty = easy\n",
     "config.ini:7: unknown key 'dificulty' in [quiz] (did you mean 'difficulty'?)"},
    {"[quiz]\nvolume = 5\n", "config.ini:2: unknown key 'volume' in [quiz] (it belongs in [sound])"},
    {"[sound]\nzzzzzzzz = 1\n",
     "config.ini:2: unknown key 'zzzzzzzz' in [sound] (valid: sound, volume)"},
    {"questions = 5\n", "config.ini:1: key 'questions' outside any section (put it under [quiz])"},
    {"\n; c\nfoo = 5\n",
     "config.ini:3: key 'foo' outside any section (start with a section such as [quiz])"},
    {"[quiz]\nseed = 1\n\n\n\n\n\n\nseed = 2\n",
     "config.ini:9: duplicate key 'seed' in [quiz] (first set on line 2)"},
    {"[quiz]\nseed = 1\n[sound]\n[quiz]\nSEED = 2\n",
     "config.ini:5: duplicate key 'seed' in [quiz] (first set on line 2)"},
    {"[quiz]\nquestions\n",
     "config.ini:2: line without '=': questions (expected key = value, [section] or ; comment)"},
    {"[quiz]\nquestions 10 ; ten = x\n",
     "config.ini:2: line without '=': questions 10 ; ten = x (expected key = value, [section] or ; "
     "comment)"},
    {"[quiz\nquestions = 5\n", "config.ini:1: section line without ']': [quiz (write [name])"},
    {"[quiz]\n\n  [display ; x]\n",
     "config.ini:3: section line without ']': [display ; x] (write [name])"},
    {"[quiz] extra\n", "config.ini:1: text after [quiz]: 'extra' (put a comment after ';')"},
    {"[quiz]\n=value\n", "config.ini:2: key missing before '=' (expected key = value)"},
    {"[quiz]\n: value\n", "config.ini:2: key missing before '=' (expected key = value)"},
    /* ints */
    {"[quiz]\n\n\n\nquestions = ten\n",
     "config.ini:5: questions must be a whole number from 1 to 100, not 'ten'"},
    {"[quiz]\nquestions = 0\n",
     "config.ini:2: questions must be a whole number from 1 to 100, not '0'"},
    {"[quiz]\nquestions = 101\n",
     "config.ini:2: questions must be a whole number from 1 to 100, not '101'"},
    {"[quiz]\nquestions = -1\n",
     "config.ini:2: questions must be a whole number from 1 to 100, not '-1'"},
    {"[quiz]\nquestions = 99999999999999999999999\n",
     "config.ini:2: questions must be a whole number from 1 to 100, not "
     "'99999999999999999999999'"},
    {"[quiz]\nquestions = 1.5\n",
     "config.ini:2: questions must be a whole number from 1 to 100, not '1.5'"},
    {"[quiz]\nquestions = 10 # ten\n",
     "config.ini:2: questions must be a whole number from 1 to 100, not '10 # ten'"},
    {"[quiz]\nquestions =\n",
     "config.ini:2: questions has no value (must be a whole number from 1 to 100)"},
    {"[quiz]\nquestions = \"\"\n",
     "config.ini:2: questions has no value (must be a whole number from 1 to 100)"},
    {"[quiz]\nquestions = ; nothing\n",
     "config.ini:2: questions has no value (must be a whole number from 1 to 100)"},
    {"[quiz]\nquestions = -\n",
     "config.ini:2: questions must be a whole number from 1 to 100, not '-'"},
    {"[quiz]\ntime_limit = 601\n",
     "config.ini:2: time_limit must be a whole number from 0 to 600 (seconds), not '601'"},
    {"[quiz]\nchoices = 1\n",
     "config.ini:2: choices must be 0 or a whole number from 2 to 5, not '1'"},
    {"[quiz]\nchoices = 6\n",
     "config.ini:2: choices must be 0 or a whole number from 2 to 5, not '6'"},
    {"[scoring]\nbase_points = 0\n",
     "config.ini:2: base_points must be a whole number from 1 to 100000 (points), not '0'"},
    {"[scoring]\nstreak_step = 100001\n",
     "config.ini:2: streak_step must be a whole number from 0 to 100000 (points), not '100001'"},
    {"[scoring]\nstreak_max = 1000001\n",
     "config.ini:2: streak_max must be a whole number from 0 to 1000000 (points), not '1000001'"},
    {"[scoring]\nwrong_penalty = -5\n",
     "config.ini:2: wrong_penalty must be a whole number from 0 to 100000 (points), not '-5'"},
    {"[display]\nwidth = 319\n",
     "config.ini:2: width must be a whole number from 320 to 7680 (pixels), not '319'"},
    {"[display]\nheight = 4321\n",
     "config.ini:2: height must be a whole number from 240 to 4320 (pixels), not '4321'"},
    {"[display]\nfeedback_seconds = 121\n",
     "config.ini:2: feedback_seconds must be a whole number from 0 to 120 (seconds), not '121'"},
    {"[sound]\nvolume = 101\n",
     "config.ini:2: volume must be a whole number from 0 to 100 (percent), not '101'"},
    {"[event]\nidle_timeout = 9\n",
     "config.ini:2: idle_timeout must be a whole number from 10 to 3600 (seconds), not '9'"},
    /* uint64 */
    {"[quiz]\nseed = -1\n",
     "config.ini:2: seed must be a whole number from 0 to 18446744073709551615, not '-1'"},
    {"[quiz]\nseed = 18446744073709551616\n",
     "config.ini:2: seed must be a whole number from 0 to 18446744073709551615, not "
     "'18446744073709551616'"},
    {"[quiz]\nseed = 0x10\n",
     "config.ini:2: seed must be a whole number from 0 to 18446744073709551615, not '0x10'"},
    /* double */
    {"[display]\nfont_scale = 0.49\n",
     "config.ini:2: font_scale must be a number from 0.5 to 3, not '0.49'"},
    {"[display]\nfont_scale = 3.01\n",
     "config.ini:2: font_scale must be a number from 0.5 to 3, not '3.01'"},
    {"[display]\nfont_scale = 1,5\n",
     "config.ini:2: font_scale must be a number from 0.5 to 3, not '1,5'"},
    {"[display]\nfont_scale = nan\n",
     "config.ini:2: font_scale must be a number from 0.5 to 3, not 'nan'"},
    {"[display]\nfont_scale = 1e0\n",
     "config.ini:2: font_scale must be a number from 0.5 to 3, not '1e0'"},
    {"[display]\nfont_scale = .\n",
     "config.ini:2: font_scale must be a number from 0.5 to 3, not '.'"},
    {"[display]\nfont_scale = 1.2.3\n",
     "config.ini:2: font_scale must be a number from 0.5 to 3, not '1.2.3'"},
    /* bool */
    {"[sound]\nsound = maybe\n",
     "config.ini:2: sound must be true or false (also yes/no, on/off, 1/0), not 'maybe'"},
    {"[sound]\nsound = 2\n",
     "config.ini:2: sound must be true or false (also yes/no, on/off, 1/0), not '2'"},
    {"[sound]\nsound =\n",
     "config.ini:2: sound has no value (must be true or false (also yes/no, on/off, 1/0))"},
    /* enums */
    {"[quiz]\ndifficulty = expert\n",
     "config.ini:2: difficulty must be easy, medium or hard, not 'expert'"},
    {"[quiz]\ndifficulty =\n",
     "config.ini:2: difficulty has no value (must be easy, medium or hard)"},
    {"[display]\ntheme = blue\n",
     "config.ini:2: theme must be dark, light or high-contrast, not 'blue'"},
    {"[display]\nrenderer = opengl\n",
     "config.ini:2: renderer must be auto, software or accelerated, not 'opengl'"},
    /* strings */
    {"[quiz]\narticle =\n", "config.ini:2: article has no value (must be a file path)"},
    {"[topics]\ninclude = \"\"\n",
     "config.ini:2: include has no value (must be all or a comma-separated list of topic slugs "
     "or titles)"},
    {"[event]\nmode = duel\n",
     "config.ini:2: mode must be solo, teams, buzzer or phones, not 'duel'"},
    {"[event]\nkiosk = false\nmode = phones\n",
     "config.ini:3: mode = phones needs [network] enabled = true (the phones' server is off unless "
     "the file turns it on)"},
    {"[network]\nport = 0\n", "config.ini:2: port must be a whole number from 1 to 65535, not '0'"},
    {"[network]\nbind = localhost\n",
     "config.ini:2: bind must be an IPv4 or IPv6 address, or empty, not 'localhost'"},
    {"[network]\nmax_players = 1001\n",
     "config.ini:2: max_players must be a whole number from 1 to 1000 (players), not '1001'"},
    {"[event]\nteams = Solo\n",
     "config.ini:2: teams must be 2 to 4 comma-separated names of 1 to 24 bytes, not 'Solo'"},
    {"[event]\nteams = A, B, C, D, E\n",
     "config.ini:2: teams must be 2 to 4 comma-separated names of 1 to 24 bytes, not 'A, B, C, D, "
     "E'"},
    {"[event]\nteams = A,,B\n",
     "config.ini:2: teams must be 2 to 4 comma-separated names of 1 to 24 bytes, not 'A,,B'"},
    {"[event]\nteams = A, Bbbbbbbbbbbbbbbbbbbbbbbbb\n",
     "config.ini:2: teams must be 2 to 4 comma-separated names of 1 to 24 bytes, not 'A, "
     "Bbbbbbbbbbbbbbbbbbbbbbbbb'"},
    {"[event]\nanswer_time = 0\n",
     "config.ini:2: answer_time must be a whole number from 1 to 120 (seconds), not '0'"},
    {"[event]\nbuzz_time = 601\n",
     "config.ini:2: buzz_time must be a whole number from 0 to 600 (seconds), not '601'"},
    {"[event]\nexit_pin = 123\n", "config.ini:2: exit_pin must be 4 to 8 digits, or empty, not '123'"},
    {"[display]\nlanguage = ../ru\n",
     "config.ini:2: language must be auto or a language code such as en or ru, not '../ru'"},
    {"[display]\nlanguage =\n",
     "config.ini:2: language has no value (must be auto or a language code such as en or ru)"},
    {"[event]\nexit_pin = 123456789\n",
     "config.ini:2: exit_pin must be 4 to 8 digits, or empty, not '123456789'"},
    {"[event]\nexit_pin = 12a4\n",
     "config.ini:2: exit_pin must be 4 to 8 digits, or empty, not '12a4'"},
    {"[event]\nexit_pin = -1234\n",
     "config.ini:2: exit_pin must be 4 to 8 digits, or empty, not '-1234'"},
    {"[quiz]\narticle = a\x01" "b\n",
     "config.ini:2: article contains a control character (byte 0x01)"},
    /* bytes */
    {"[quiz]\nquestions = 5\n\nfoo\xff = 1\n",
     "config.ini:4: invalid UTF-8 (byte 0xff at column 4)"},
    {"\xc0\xaf\n", "config.ini:1: invalid UTF-8 (byte 0xc0 at column 1)"},
    {"[quiz]\r\nquestions = 5\r\n\xed\xa0\x80\r\n",
     "config.ini:3: invalid UTF-8 (byte 0xed at column 1)"},
    /* the first error wins: inih's own errors come before later ones */
    {"[quiz]\nno equals here\nquestions = ten\n",
     "config.ini:2: line without '=': no equals here (expected key = value, [section] or ; "
     "comment)"},
    {"[quiz\n\xff\n", "config.ini:1: section line without ']': [quiz (write [name])"},
    {"[quiz]\nquestions = ten\nno equals here\n",
     "config.ini:2: questions must be a whole number from 1 to 100, not 'ten'"},
};

static void test_bad(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *b = &bad_cases[i];
        config c;
        char *err = NULL;
        INT_EQ(parse(&c, b->text, &err), -1, "case %zu", i);
        STR_EQ(err, b->message, "case %zu", i);
        OK(err && !strchr(err, '\n'), "case %zu: one line", i);
        /* On failure the values are the defaults again. */
        INT_EQ(c.questions, 10, "case %zu: defaults after failure", i);
        STR_EQ(c.article, "questions/turkmenistan-kazakhstan.txt", "case %zu", i);
        STR_EQ(c.file, "config.ini", "case %zu: file kept", i);
        free(err);
        config_release(&c);
    }
}

/* Builds "[quiz]\n" + a line of n bytes "x = yyy..." + more. */
static char *long_line(size_t n, const char *before, const char *after)
{
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, before);
    strbuf_adds(&sb, "article = ");
    for (size_t i = strlen("article = "); i < n; i++)
        strbuf_addc(&sb, 'a');
    strbuf_adds(&sb, after);
    return strbuf_detach(&sb);
}

static void test_bytes(void)
{
    config c;
    char *err = NULL;

    /* 199 bytes is the most inih takes; 200 is too long. */
    char *s = long_line(199, "[quiz]\n", "\n");
    INT_EQ(parse(&c, s, &err), 0, "199-byte line: %s", err ? err : "");
    INT_EQ(strlen(c.article), 189, "whole value kept");
    free(s);
    free(err);
    config_release(&c);

    s = long_line(199, "[quiz]\r\n", "\r\n");
    INT_EQ(parse(&c, s, &err), 0, "199 bytes and CRLF: %s", err ? err : "");
    free(s);
    free(err);
    config_release(&c);

    s = long_line(200, "[quiz]\n\n", "\n[sound]\nvolume = 1\n");
    INT_EQ(parse(&c, s, &err), -1, "200-byte line");
    STR_EQ(err, "config.ini:3: line too long (more than 199 bytes)", "200");
    free(s);
    free(err);
    config_release(&c);

    s = long_line(100 * 1024, "; long\n[quiz]\n\n\n\n\n", "");
    INT_EQ(parse(&c, s, &err), -1, "100 KB line");
    STR_EQ(err, "config.ini:7: line too long (more than 199 bytes)", "100 KB");
    free(s);
    free(err);
    config_release(&c);

    /* A long comment is too long all the same: inih would cut it. */
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "[quiz]\n;");
    for (int i = 0; i < 300; i++)
        strbuf_addc(&sb, 'c');
    strbuf_adds(&sb, "\n");
    s = strbuf_detach(&sb);
    INT_EQ(parse(&c, s, &err), -1, "long comment");
    STR_EQ(err, "config.ini:2: line too long (more than 199 bytes)", "long comment");
    free(s);
    free(err);
    config_release(&c);

    /* NUL bytes are errors at their line, not the end of the text. */
    static const char nul1[] = "[quiz]\nquestions = 5\nx\0y\n";
    INT_EQ(config_parse(&c, "config.ini", ".", nul1, sizeof nul1 - 1, &err), -1, "NUL");
    STR_EQ(err, "config.ini:3: NUL byte in config", "NUL line");
    free(err);
    config_release(&c);
    static const char nul2[] = "\0";
    INT_EQ(config_parse(&c, "config.ini", ".", nul2, 1, &err), -1, "lone NUL");
    STR_EQ(err, "config.ini:1: NUL byte in config", "lone NUL line");
    free(err);
    config_release(&c);
    static const char nul3[] = "[quiz]\nquestions = 5\n\0";
    INT_EQ(config_parse(&c, "config.ini", ".", nul3, sizeof nul3 - 1, &err), -1, "final NUL");
    STR_EQ(err, "config.ini:3: NUL byte in config", "final NUL line");
    free(err);
    config_release(&c);

    /* The length counts, not the terminating NUL: a prefix is parsed. */
    INT_EQ(config_parse(&c, "config.ini", ".", "[quiz]\nquestions = 7junk", 20, &err), 0,
           "length respected");
    INT_EQ(c.questions, 7, "prefix value");
    free(err);
    config_release(&c);

    /* NULL buffer with length 0 is an empty file. */
    INT_EQ(config_parse(&c, "config.ini", NULL, NULL, 0, &err), 0, "NULL buffer");
    STR_EQ(c.dir, ".", "NULL dir");
    config_release(&c);

    /* Binary junk: never a crash, always "config.ini:N: " when it fails. */
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    int failed = 0;
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)(round % 97) * 7 + (round % 5);
        char *buf = xmalloc(n + 1);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            /* Mostly INI-ish bytes, sometimes anything. */
            static const char alphabet[] = "[]=;:# \t\r\n\"quizsoundvolume0123456789";
            buf[i] = (x >> 60) < 12 ? alphabet[(x >> 8) % (sizeof alphabet - 1)]
                                    : (char)(x >> 24);
        }
        buf[n] = '\0';
        err = NULL;
        int r = config_parse(&c, "config.ini", ".", buf, n, &err);
        if (r != 0) {
            failed++;
            if (!err || strncmp(err, "config.ini:", 11) != 0 || strchr(err, '\n')) {
                OK(0, "junk %d: bad message '%s'", round, err ? err : "(null)");
            } else {
                char *end;
                long line = strtol(err + 11, &end, 10);
                OK(line >= 1 && *end == ':', "junk %d: line number in '%s'", round, err);
            }
        } else {
            OK(err == NULL, "junk %d: no message on success", round);
        }
        free(err);
        free(buf);
        config_release(&c);
    }
    OK(failed > 1000, "junk mostly fails (%d)", failed);
}

/* ---- files ---- */

static void test_load(void)
{
    config c;
    char *err = NULL;

    INT_EQ(config_load(&c, CONFIG_DIR "/missing.ini", &err), -1, "missing");
    STR_EQ(err, CONFIG_DIR "/missing.ini: cannot read: No such file or directory", "missing");
    STR_EQ(c.article, "questions/turkmenistan-kazakhstan.txt", "defaults after open error");
    free(err);
    config_release(&c);

    INT_EQ(config_load(&c, CONFIG_DIR, &err), -1, "directory");
    STR_EQ(err, CONFIG_DIR ": cannot read: is a folder", "directory");
    free(err);
    config_release(&c);

    /* a FIFO (no writer: it must not wait for one), a device and a file
     * over the size cap: refused at once, with the defaults in place */
    {
        char dir[] = "/tmp/quizmill-config-XXXXXX";
        OK(mkdtemp(dir) != NULL, "mkdtemp");
        char *fifo = xasprintf("%s/config.ini", dir);
        OK(mkfifo(fifo, 0600) == 0, "mkfifo %s", fifo);
        alarm(30); /* a read that blocks is killed, not left hanging */
        INT_EQ(config_load(&c, fifo, &err), -1, "a FIFO");
        alarm(0);
        char *want =
            xasprintf("%s: cannot read: not a regular file (a FIFO, device or socket)", fifo);
        STR_EQ(err, want, "a FIFO");
        free(want);
        free(err);
        config_release(&c);
        /* found as ./config.ini without waiting either (then refused above) */
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd) && chdir(dir) == 0) {
            alarm(30);
            char *found = config_find(NULL);
            alarm(0);
            STR_EQ(found, "config.ini", "config_find() takes a FIFO at ./config.ini");
            free(found);
            OK(chdir(cwd) == 0, "back to %s", cwd);
        }
        unlink(fifo);

        INT_EQ(config_load(&c, "/dev/zero", &err), -1, "/dev/zero");
        STR_EQ(err, "/dev/zero: cannot read: not a regular file (a FIFO, device or socket)",
               "/dev/zero");
        free(err);
        config_release(&c);

        char *big = xasprintf("%s/big.ini", dir);
        FILE *f = fopen(big, "wb");
        OK(f != NULL, "create %s", big);
        if (f) {
            fputs("[quiz]\n", f);
            for (size_t n = 7; n <= CONFIG_MAX_BYTES; n += 17)
                fputs("; a comment line\n", f);
            fclose(f);
        }
        INT_EQ(config_load(&c, big, &err), -1, "a config over 1 MiB");
        want = xasprintf("%s: cannot read: larger than 1 MiB, the limit for a config file", big);
        STR_EQ(err, want, "a config over 1 MiB");
        free(want);
        free(err);
        config_release(&c);
        unlink(big);
        free(big);
        free(fifo);
        rmdir(dir);
    }

    if (geteuid() != 0) { /* root reads everything */
        char path[] = "/tmp/quizmill-config-XXXXXX";
        int fd = mkstemp(path);
        OK(fd >= 0, "mkstemp");
        if (fd >= 0) {
            close(fd);
            chmod(path, 0);
            INT_EQ(config_load(&c, path, &err), -1, "unreadable");
            char *want = xasprintf("%s: cannot read: %s", path, strerror(EACCES));
            STR_EQ(err, want, "unreadable");
            free(want);
            free(err);
            config_release(&c);
            unlink(path);
        }
    }

    INT_EQ(config_load(&c, CONFIG_DIR "/full.ini", &err), 0, "full.ini: %s", err ? err : "");
    STR_EQ(c.dir, CONFIG_DIR, "dir of the file");
    STR_EQ(c.article, "articles/demo.md", "article as written");
    INT_EQ(c.article_line, 9, "article line");
    char *p = config_path(&c, c.article);
    STR_EQ(p, CONFIG_DIR "/articles/demo.md", "article resolved");
    free(p);
    p = config_path(&c, c.font);
    STR_EQ(p, "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "absolute font kept");
    free(p);
    INT_EQ(c.difficulty, ITEM_HARD, "difficulty");
    INT_EQ(c.questions, 25, "questions");
    INT_EQ(c.time_limit, 0, "time_limit");
    INT_EQ(c.choices, 3, "choices");
    OK(c.seed == 12345678901234567890ULL, "seed");
    OK(!c.shuffle_questions && !c.shuffle_choices, "shuffles");
    STR_EQ(c.include, "faq, economic-collaboration", "include");
    STR_EQ(c.exclude, "", "exclude");
    INT_EQ(c.base_points, 500, "base_points");
    OK(!c.time_bonus && !c.streak_bonus, "bonuses");
    INT_EQ(c.streak_step, 50, "streak_step");
    INT_EQ(c.streak_max, 250, "streak_max");
    INT_EQ(c.wrong_penalty, 100, "wrong_penalty");
    OK(c.practice, "practice");
    OK(!c.fullscreen, "fullscreen");
    INT_EQ(c.width, 1024, "width");
    INT_EQ(c.height, 768, "height");
    OK(c.font_scale == 1.5, "font_scale");
    INT_EQ(c.theme, THEME_HIGH_CONTRAST, "theme");
    STR_EQ(c.renderer, "software", "renderer");
    INT_EQ(c.feedback_seconds, 0, "feedback_seconds");
    OK(!c.ask_name, "ask_name");
    OK(!c.sound, "sound");
    INT_EQ(c.volume, 35, "volume");
    OK(c.kiosk, "kiosk");
    INT_EQ(c.idle_timeout, 90, "idle_timeout");
    STR_EQ(c.exit_pin, "2468", "exit_pin");
    config_release(&c);

    /* CRLF, a BOM and the errors of a file keep their lines. */
    INT_EQ(config_load(&c, CONFIG_DIR "/crlf-bom.ini", &err), 0, "crlf-bom: %s",
           err ? err : "");
    INT_EQ(c.volume, 40, "crlf volume");
    STR_EQ(c.exit_pin, "", "quoted empty pin");
    config_release(&c);
    INT_EQ(config_load(&c, CONFIG_DIR "/bad-key.ini", &err), -1, "bad-key");
    STR_EQ(err,
           CONFIG_DIR "/bad-key.ini:7: unknown key 'dificulty' in [quiz] (did you mean "
                      "'difficulty'?)",
           "bad-key");
    free(err);
    config_release(&c);
    INT_EQ(config_load(&c, CONFIG_DIR "/empty.ini", &err), 0, "empty file");
    config_release(&c);
}

static void test_path(void)
{
    config c;
    config_defaults(&c);
    char *p = config_path(&c, "a/b.txt");
    STR_EQ(p, "a/b.txt", "no folder");
    free(p);
    p = config_path(&c, "");
    STR_EQ(p, "", "empty stays empty");
    free(p);
    char *err = NULL;
    config_parse(&c, "x.ini", "/etc/quizmill", "", 0, &err);
    p = config_path(&c, "q.txt");
    STR_EQ(p, "/etc/quizmill/q.txt", "joined");
    free(p);
    p = config_path(&c, "/abs/q.txt");
    STR_EQ(p, "/abs/q.txt", "absolute");
    free(p);
    config_release(&c);
    config_parse(&c, "x.ini", "/", "", 0, &err);
    p = config_path(&c, "q.txt");
    STR_EQ(p, "/q.txt", "root folder");
    free(p);
    config_release(&c);
    INT_EQ(config_load(&c, "tests-no-such-dir/x.ini", &err), -1, "relative missing");
    STR_EQ(c.dir, "tests-no-such-dir", "dir of a relative path");
    p = config_path(&c, "q.txt");
    STR_EQ(p, "tests-no-such-dir/q.txt", "relative dir joined");
    free(p);
    free(err);
    config_release(&c);
}

/* ---- the shipped config.ini and the dump ---- */

static void test_shipped(void)
{
    config c, d;
    char *err = NULL;
    INT_EQ(config_load(&c, SHIPPED, &err), 0, "shipped config.ini: %s", err ? err : "");
    free(err);
    config_defaults(&d);
    char *dc = dump(&c), *dd = dump(&d);
    STR_EQ(dc, dd, "the shipped values are the defaults");
    free(dc);
    free(dd);
    OK(c.article_line > 0, "article set in the file");
    char *p = config_path(&c, c.article);
    struct stat st;
    OK(stat(p, &st) == 0 && S_ISREG(st.st_mode), "article %s exists", p);
    free(p);

    /* Every key is set and commented in it. */
    char *text = NULL;
    size_t len = 0;
    INT_EQ(read_file(SHIPPED, &text, &len), 0, "read");
    char *all = dump(&d);
    for (const char *line = all; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        const char *eq = memchr(line, '=', n);
        if (n && line[0] != ';' && line[0] != '[' && eq) {
            char *key = xstrndup(line, (size_t)(eq - line - 1));
            char *set = xasprintf("\n%s = ", key);
            const char *at = text ? strstr(text, set) : NULL;
            OK(at != NULL, "shipped config.ini sets %s", key);
            /* the line before it is a comment */
            if (at && at > text) {
                const char *prev = at - 1;
                while (prev > text && prev[-1] != '\n')
                    prev--;
                OK(*prev == ';', "%s has a comment above it", key);
            }
            free(set);
            free(key);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(all);
    free(text);
    config_release(&c);
    config_release(&d);
}

static void round_trip(config *c, const char *label)
{
    char *first = dump(c);
    config back;
    char *err = NULL;
    INT_EQ(config_parse(&back, "dump.ini", ".", first, strlen(first), &err), 0, "%s: %s", label,
           err ? err : "");
    char *second = dump(&back);
    STR_EQ(second, first, "%s: dump of the parsed dump", label);
    STR_EQ(back.article, c->article, "%s: article", label);
    STR_EQ(back.include, c->include, "%s: include", label);
    STR_EQ(back.exclude, c->exclude, "%s: exclude", label);
    STR_EQ(back.font, c->font, "%s: font", label);
    STR_EQ(back.exit_pin, c->exit_pin, "%s: exit_pin", label);
    OK(back.font_scale == c->font_scale, "%s: font_scale %.17g", label, back.font_scale);
    OK(back.seed == c->seed, "%s: seed", label);
    free(err);
    free(first);
    free(second);
    config_release(&back);
}

static void test_round_trip(void)
{
    config c;
    char *err = NULL;
    config_defaults(&c);
    round_trip(&c, "defaults");

    INT_EQ(config_load(&c, CONFIG_DIR "/full.ini", &err), 0, "full.ini");
    round_trip(&c, "full.ini");

    /* Values that need quotes or odd digits. */
    static const char *const sets[][3] = {
        {"quiz", "article", "\"  leading and trailing spaces  \""},
        {"topics", "exclude", "\"\"quoted\"\""},
        {"display", "font", ";semicolon.ttf"},
        {"display", "font_scale", "1.234567890123"},
        {"quiz", "seed", "18446744073709551615"},
        {"event", "exit_pin", "00001234"},
    };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        INT_EQ(config_set(&c, sets[i][0], sets[i][1], sets[i][2], &err), 0, "set %s: %s",
               sets[i][1], err ? err : "");
        free(err);
    }
    STR_EQ(c.article, "  leading and trailing spaces  ", "quotes removed");
    STR_EQ(c.exclude, "\"quoted\"", "one pair removed");
    round_trip(&c, "quoted");

    for (int k = 1; k <= 60; k++) {
        char v[32];
        snprintf(v, sizeof v, "%d.%02d", 1 + k / 31, (k * 37) % 100);
        INT_EQ(config_set(&c, "display", "font_scale", v, &err), 0, "font_scale %s", v);
        char *d = dump(&c);
        config back;
        INT_EQ(config_parse(&back, "dump.ini", ".", d, strlen(d), &err), 0, "dump %s", v);
        OK(back.font_scale == c.font_scale, "font_scale %s back", v);
        free(d);
        free(err);
        config_release(&back);
    }
    config_release(&c);
}

static void test_set(void)
{
    config c;
    char *err = NULL;
    config_defaults(&c);
    INT_EQ(config_set(&c, "Quiz", "Questions", "33", &err), 0, "set");
    INT_EQ(c.questions, 33, "set value");
    INT_EQ(config_set(&c, "quiz", "questions", "ten", &err), -1, "bad value");
    STR_EQ(err, "questions must be a whole number from 1 to 100, not 'ten'", "bad value");
    INT_EQ(c.questions, 33, "unchanged");
    free(err);
    INT_EQ(config_set(&c, "quiz", "article", "x\ny", &err), -1, "newline");
    STR_EQ(err, "article contains a control character (byte 0x0a)", "newline");
    free(err);
    INT_EQ(config_set(&c, "sond", "volume", "3", &err), -1, "section");
    STR_EQ(err, "unknown section [sond] (did you mean [sound]?)", "section");
    free(err);
    INT_EQ(config_set(&c, "sound", "volum", "3", &err), -1, "key");
    STR_EQ(err, "unknown key 'volum' in [sound] (did you mean 'volume'?)", "key");
    free(err);
    INT_EQ(config_set(&c, "display", "renderer", "SOFTWARE", NULL), 0, "no err pointer");
    INT_EQ(config_set(&c, "display", "renderer", "x", NULL), -1, "no err pointer, failing");
    STR_EQ(c.renderer, "software", "renderer");
    INT_EQ(config_set(&c, "display", "renderer", "auto", NULL), 0, "back to auto");
    config_release(&c);
}

static void test_team_names(void)
{
    config c;
    char names[CONFIG_TEAMS_MAX][CONFIG_TEAM_NAME_MAX + 1];
    config_defaults(&c);
    INT_EQ(config_team_names(&c, names), 4, "default teams");
    STR_EQ(names[0], "Red", "first");
    STR_EQ(names[3], "Purple", "last");
    char *err = NULL;
    INT_EQ(parse(&c, "[event]\nteams = \"  Night Owls ,Bats\"\n", &err), 0, "%s", err ? err : "");
    free(err);
    INT_EQ(config_team_names(&c, names), 2, "two teams");
    STR_EQ(names[0], "Night Owls", "trimmed");
    STR_EQ(names[1], "Bats", "second");
    STR_EQ(config_mode_name(MODE_BUZZER), "buzzer", "mode name");
    config_release(&c);
}

int main(void)
{
    test_team_names();
    test_defaults();
    test_good();
    test_lines_recorded();
    test_bad();
    test_bytes();
    test_load();
    test_path();
    test_shipped();
    test_round_trip();
    test_set();
    return test_summary();
}
