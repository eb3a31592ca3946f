/* main.c - quizmill, the game: the command line, then app_run(). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "hooks.h"
#include "i18n.h"
#include "util.h"

static const char *const usage_text = N_(
    "Usage: quizmill [OPTION]...\n"
    "Play a multiple-choice quiz made from an article, as config.ini describes.\n"
    "\n"
    "  -c, --config=FILE      settings (default: ./config.ini, else\n"
    "                         ~/.config/quizmill/config.ini, else the installed one)\n"
    "      --windowed         play in a window, not full screen\n"
    "      --seed=N           seed of every round (the same as quizmill-gen -s N)\n"
    "      --data-dir=DIR     where high scores, results and screenshots go\n"
    "                         (default: the user's data folder)\n"
    "      --results=FILE     the results CSV (default: DIR/results.csv)\n"
    "      --language=CODE    the game's language: auto (the system's), en, ru, ...\n"
    "                         (default: [display] language in the config)\n"
    "      --autoplay=ROUNDS  play ROUNDS rounds with random answers, then exit\n"
    "      --autoplay-delay=MS  wait MS milliseconds between autoplay steps (400)\n"
    "      --no-dialog        say why the game cannot start on stderr only, not also\n"
    "                         in a message box (also QUIZMILL_NO_DIALOG=1)\n"
    "  -h, --help             show this help and exit\n"
    "  -V, --version          show the version and exit\n"
    "\n"
    "Keys: 1-5 or A-E answer, Enter continues, Esc pauses, F11 full screen,\n"
    "F12 screenshot. Exit status: 0 done, 1 bad article, config or data, 2 bad usage.\n");

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "quizmill: %s '%s'\nTry 'quizmill --help' for more information.\n", msg,
            arg);
    return 2;
}

int main(int argc, char **argv)
{
    enum { OPT_WINDOWED = 256, OPT_SEED, OPT_DATA, OPT_RESULTS, OPT_AUTOPLAY, OPT_DELAY,
           OPT_NO_DIALOG, OPT_LANGUAGE };
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},
        {"windowed", no_argument, NULL, OPT_WINDOWED},
        {"seed", required_argument, NULL, OPT_SEED},
        {"data-dir", required_argument, NULL, OPT_DATA},
        {"results", required_argument, NULL, OPT_RESULTS},
        {"language", required_argument, NULL, OPT_LANGUAGE},
        {"autoplay", required_argument, NULL, OPT_AUTOPLAY},
        {"autoplay-delay", required_argument, NULL, OPT_DELAY},
        {"no-dialog", no_argument, NULL, OPT_NO_DIALOG},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    app_options o = {0};
    o.autoplay_delay = 400;
    /* scripts and CI that start the game with a display but nobody to
     * close a message box */
    const char *nd = getenv("QUIZMILL_NO_DIALOG");
    o.no_dialog = nd && nd[0] && strcmp(nd, "0") != 0;
    uint64_t v;
    int c;
    char *err = NULL;
    bool help = false;
    /* --help in the system's language; the config's is set by app_init() */
    i18n_init("auto", NULL, &err);
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":c:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            /* an empty path names no file (and "" would be read as one) */
            if (!optarg[0])
                return usage_error("--config needs a file, not", optarg);
            o.config_path = optarg;
            break;
        case OPT_WINDOWED: o.windowed = true; break;
        case OPT_NO_DIALOG: o.no_dialog = true; break;
        case OPT_SEED:
            if (parse_whole(optarg, 1, UINT64_MAX, &v) != 0)
                return usage_error("--seed needs a whole number from 1 to "
                                   "18446744073709551615, not",
                                   optarg);
            o.have_seed = true;
            o.seed = v;
            break;
        case OPT_DATA:
            if (!optarg[0])
                return usage_error("--data-dir needs a folder, not", optarg);
            o.data_dir = optarg;
            break;
        case OPT_RESULTS:
            if (!optarg[0])
                return usage_error("--results needs a file, not", optarg);
            o.results = optarg;
            break;
        case OPT_LANGUAGE:
            if (!optarg[0])
                return usage_error("--language needs a code such as en or ru, not", optarg);
            o.language = optarg;
            break;
        case OPT_AUTOPLAY:
            if (parse_whole(optarg, 1, 1000000, &v) != 0)
                return usage_error("--autoplay needs a number of rounds from 1 to 1000000, not",
                                   optarg);
            o.autoplay = (int)v;
            break;
        case OPT_DELAY:
            if (parse_whole(optarg, 0, 60000, &v) != 0)
                return usage_error("--autoplay-delay needs milliseconds from 0 to 60000, not",
                                   optarg);
            o.autoplay_delay = (int)v;
            break;
        case 'h': help = true; break;
        case 'V':
            print_version(stdout, "quizmill");
            return 0;
        case ':': return usage_error("this option needs a value:", argv[optind - 1]);
        default: return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument", argv[optind]);
    if (o.language && i18n_init(o.language, NULL, &err) != 0) {
        fprintf(stderr, "quizmill: --language: %s\n", err);
        free(err);
        return 2;
    }
    if (help) { /* after the loop, so --language=ru --help is in Russian */
        fputs(_(usage_text), stdout);
        return 0;
    }

    /* the tests' and benchmarks' seam, from the environment (hooks.h) */
    if (hooks_init(&err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return 1;
    }
    static app a;
    int rc = app_init(&a, &o);
    if (rc == 0)
        rc = app_run(&a);
    app_free(&a);
    hooks_close();
    return rc;
}
