/* gen_main.c - quizmill-gen: print a round, every item, the topics or a check
 * of the config and the article. Start reading at main().
 *
 * Exit status: 0 done, 1 bad input (article or config), 2 bad usage.
 * Errors go to stderr as "file:line: message".
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "config.h"
#include "db.h"
#include "deck.h"
#include "export.h"
#include "gen.h"
#include "quiz.h"
#include "report.h"
#include "rng.h"
#include "text.h"
#include "util.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };
enum mode { MODE_ROUND, MODE_ALL, MODE_TOPICS, MODE_CHECK, MODE_REPORT, MODE_EXPORT };

typedef struct options {
    const char *config;  /* -c; NULL: ./config.ini when present, else defaults */
    const char *article; /* -a, relative to the working folder */
    const char *difficulty;
    const char *topics;
    const char *seed;
    const char *count;
    const char *event_mode; /* -m: solo, teams or buzzer */
    const char *report;     /* --report[=FILE]: NULL for the data folder's database */
    const char *data_dir;   /* --data-dir */
    const char *export_to;  /* --export-results FILE */
    enum mode mode;
    export_format format;
    const lex *lex; /* the lexicon, or NULL when none opens (words are then not asked) */
} options;

static const char usage_text[] =
    "Usage: quizmill-gen [OPTION]...\n"
    "Make multiple-choice questions from an article, as config.ini describes.\n"
    "\n"
    "  -c, --config=FILE      settings (default: ./config.ini, else\n"
    "                         ~/.config/quizmill/config.ini, else the installed one)\n"
    "  -a, --article=FILE     the article (default: [quiz] article of the config)\n"
    "  -d, --difficulty=LEVEL easy, medium or hard\n"
    "  -t, --topics=LIST      comma-separated topic slugs or titles\n"
    "  -s, --seed=N           seed of the round; 0 for a fresh one\n"
    "  -n, --count=N          questions in the round (1 to 1000)\n"
    "  -m, --mode=MODE        deal the round as the game does in MODE: solo, teams,\n"
    "                         buzzer or phones (default: [event] mode of the config)\n"
    "      --all              every item the options allow, not one round\n"
    "  -f, --format=FORMAT    text (printable quiz with answer key), json, csv,\n"
    "                         gift, aiken or moodlexml (for Moodle and others)\n"
    "      --list-topics      one line per topic: slug, title, sections, items\n"
    "      --check            check the config and the article and summarise them\n"
    "      --report[=RESULTS] item analysis and each student's progress: per item,\n"
    "                         topic, player and day (-f csv for a spreadsheet); of\n"
    "                         the data folder's database, or of RESULTS (a database\n"
    "                         or a results CSV)\n"
    "      --data-dir=DIR     the game's data folder (default: [data] folder of the\n"
    "                         config, else ~/.local/share/quizmill)\n"
    "      --export-results=FILE  write every answer in the database to FILE.csv\n"
    "  -h, --help             show this help and exit\n"
    "  -V, --version          show the version and exit\n"
    "\n"
    "Exit status: 0 done, 1 bad article or config, 2 bad usage.\n";

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("quizmill-gen: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'quizmill-gen --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, options *o)
{
    enum { OPT_ALL = 256, OPT_LIST, OPT_CHECK, OPT_REPORT, OPT_DATA_DIR, OPT_EXPORT };
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},
        {"article", required_argument, NULL, 'a'},
        {"difficulty", required_argument, NULL, 'd'},
        {"topics", required_argument, NULL, 't'},
        {"seed", required_argument, NULL, 's'},
        {"count", required_argument, NULL, 'n'},
        {"mode", required_argument, NULL, 'm'},
        {"all", no_argument, NULL, OPT_ALL},
        {"format", required_argument, NULL, 'f'},
        {"list-topics", no_argument, NULL, OPT_LIST},
        {"check", no_argument, NULL, OPT_CHECK},
        {"report", optional_argument, NULL, OPT_REPORT},
        {"data-dir", required_argument, NULL, OPT_DATA_DIR},
        {"export-results", required_argument, NULL, OPT_EXPORT},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":c:a:d:t:s:n:m:f:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': o->config = optarg; break;
        case 'a': o->article = optarg; break;
        case 'd': o->difficulty = optarg; break;
        case 't': o->topics = optarg; break;
        case 's': o->seed = optarg; break;
        case 'n': o->count = optarg; break;
        case 'm': o->event_mode = optarg; break;
        case OPT_ALL: o->mode = MODE_ALL; break;
        case OPT_LIST: o->mode = MODE_TOPICS; break;
        case OPT_CHECK: o->mode = MODE_CHECK; break;
        case OPT_REPORT:
            o->mode = MODE_REPORT;
            o->report = optarg;
            /* "--report FILE" as well as "--report=FILE" (getopt takes only
             * the second form for an optional value) */
            if (!optarg && optind < argc && argv[optind][0] != '-')
                o->report = argv[optind++];
            if (o->report && !o->report[0])
                return usage_error("option '--report' needs a file when given '='");
            break;
        case OPT_DATA_DIR:
            if (!optarg[0])
                return usage_error("option '--data-dir' needs a folder");
            o->data_dir = optarg;
            break;
        case OPT_EXPORT:
            if (!optarg[0])
                return usage_error("option '--export-results' needs a file");
            o->mode = MODE_EXPORT;
            o->export_to = optarg;
            break;
        case 'f':
            if (export_format_parse(optarg, &o->format) != 0)
                return usage_error("unknown format '%s' (valid: %s)", optarg,
                                   export_format_names());
            break;
        case 'h': fputs(usage_text, stdout); exit(0);
        case 'V':
            print_version(stdout, "quizmill-gen");
            exit(0);
        case ':': {
            char opt[2] = {(char)optopt, 0};
            const char *name = optopt ? opt : argv[optind - 1];
            return usage_error("option '%s' needs a value", name);
        }
        default: {
            char opt[2] = {(char)optopt, 0};
            const char *name = optopt ? opt : argv[optind - 1];
            return usage_error("unknown option '%s'", name);
        }
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument '%s'", argv[optind]);
    return 0;
}

/* ---- the work ---- */

/* Resolves -t LIST into mask; an unknown name is a usage error. */
static int topics_from_option(const char *list, const article *a, bool *mask)
{
    memset(mask, 0, a->ntopics * sizeof *mask);
    char *copy = xstrdup(list);
    int rc = 0;
    bool any = false;
    for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
         name = strtok_r(NULL, ",", &save)) {
        while (is_space((unsigned char)*name))
            name++;
        size_t n = strlen(name);
        while (n && is_space((unsigned char)name[n - 1]))
            name[--n] = '\0';
        if (!n)
            continue;
        if (!str_icmp(name, "all")) {
            for (size_t i = 0; i < a->ntopics; i++)
                mask[i] = true;
            any = true;
            continue;
        }
        long t = article_find_topic(a, name);
        if (t < 0) {
            strbuf sb = STRBUF_INIT;
            for (size_t i = 0; i < a->ntopics; i++)
                strbuf_addf(&sb, "%s%s", i ? ", " : "", a->topics[i].slug);
            fprintf(stderr, "quizmill-gen: -t: unknown topic '%s' (valid: %s)\n", name,
                    strbuf_str(&sb));
            strbuf_release(&sb);
            rc = EXIT_USAGE;
            break;
        }
        mask[t] = true;
        any = true;
    }
    if (!rc && !any)
        rc = usage_error("-t: no topic named in '%s'", list);
    free(copy);
    return rc;
}

/* Items per topic and per section (by topic and title) at each
 * difficulty, counted in one pass over the items. */
typedef struct part_counts {
    text_map index;                          /* "topic\x1fsection" -> row */
    size_t (*rows)[ITEM_DIFFICULTY_COUNT];    /* per section row */
    size_t (*topics)[ITEM_DIFFICULTY_COUNT];  /* per topic */
    size_t nrows, cap;
} part_counts;

static void count_parts(const article *a, const item_set *per_level, part_counts *pc)
{
    memset(pc, 0, sizeof *pc);
    pc->topics = xcalloc(a->ntopics + 1, sizeof *pc->topics);
    strbuf key = STRBUF_INIT;
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
        for (size_t i = 0; i < per_level[d].n; i++) {
            const item *it = &per_level[d].items[i];
            if (it->topic_index < a->ntopics)
                pc->topics[it->topic_index][d]++;
            key.len = 0;
            strbuf_addf(&key, "%zu\x1f%s", it->topic_index, it->section);
            bool added = false;
            size_t row = *text_map_put(&pc->index, strbuf_str(&key), pc->nrows, &added);
            if (added) {
                xgrow((void **)&pc->rows, &pc->cap, pc->nrows + 1, sizeof *pc->rows);
                memset(pc->rows[pc->nrows], 0, sizeof *pc->rows);
                pc->nrows++;
            }
            pc->rows[row][d]++;
        }
    }
    strbuf_release(&key);
}

/* The items of one section at each difficulty (sections with the same
 * title in one topic share their count). */
static void section_counts(const part_counts *pc, size_t topic, const char *section,
                           size_t out[ITEM_DIFFICULTY_COUNT])
{
    char *key = xasprintf("%zu\x1f%s", topic, section);
    const size_t *row = text_map_get(&pc->index, key);
    free(key);
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++)
        out[d] = row ? pc->rows[*row][d] : 0;
}

static void release_parts(part_counts *pc)
{
    text_map_release(&pc->index);
    free(pc->rows);
    free(pc->topics);
}

static void print_counts(const size_t n[ITEM_DIFFICULTY_COUNT])
{
    printf("items");
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++)
        printf("%s %s %zu", d ? "," : "", item_difficulty_name((item_difficulty)d), n[d]);
}

/* Why a section gives no item: its sentences' lengths. */
static char *section_why(const article_section *s)
{
    size_t usable = 0, all = 0, lists = 0;
    text_spans ss = TEXT_SPANS_INIT, w = TEXT_SPANS_INIT;
    for (size_t p = 0; p < s->npara; p++) {
        if (s->paras[p].list) {
            lists++;
            continue;
        }
        ss.n = 0;
        text_sentences(s->paras[p].text, &ss);
        for (size_t k = 0; k < ss.n; k++) {
            w.n = 0;
            text_words(s->paras[p].text + ss.v[k].off, ss.v[k].len, &w);
            all++;
            usable += w.n >= GEN_MIN_WORDS && w.n <= GEN_MAX_WORDS;
        }
    }
    text_spans_release(&ss);
    text_spans_release(&w);
    if (!all && lists)
        return xasprintf("it is only a list, and no other list of the article gives wrong "
                         "choices for its items");
    if (!usable)
        return xasprintf("none of its %zu sentence%s has %d to %d words", all,
                         all == 1 ? "" : "s", GEN_MIN_WORDS, GEN_MAX_WORDS);
    return xasprintf("no term of its %zu sentence%s has wrong choices of its kind in the "
                     "article",
                     usable, usable == 1 ? "" : "s");
}

/* The seeds --check deals with to say how many questions a round can have
 * (the config's seed alone when it has one). */
#define CHECK_SEEDS 16

/* --check: what was found (the outline with line numbers and the items
 * each part gives), the warnings, and "ok" or why no round can be played. */
static int print_check(const config *c, const quiz *q, const item_set *per_level, const lex *lx)
{
    const char *article_path = q->path;
    const article *a = q->art;
    const bool *mask = q->mask;
    static const char *const formats[] = {"plain text", "Markdown", "HTML page"};
    printf("config: %s\n", c->file);
    printf("article: %s (%s)\n", article_path, formats[a->format]);
    printf("title: %s\n", a->title);
    printf("outline:\n");
    strbuf why = STRBUF_INIT;
    part_counts pc;
    count_parts(a, per_level, &pc);
    for (size_t i = 0; i < a->ntopics; i++) {
        const article_topic *t = &a->topics[i];
        size_t n[ITEM_DIFFICULTY_COUNT];
        memcpy(n, pc.topics[i], sizeof n);
        if (t->is_faq) {
            printf("  faq \"%s\" (line %d%s): %zu pairs, ", t->title, t->line,
                   mask[i] ? "" : ", not in play", t->nfaq);
            print_counts(n);
            printf("\n");
            for (size_t k = 0; k < t->nfaq; k++)
                printf("    question \"%s\" (line %d)\n", t->faq[k].question, t->faq[k].line);
            if (!n[0] && !n[1] && !n[2])
                strbuf_addf(&why,
                            "  %s:%d: FAQ '%s' gives no item (no answer opens with a number, a "
                            "name or a thing that another of its kind in the article can stand "
                            "in for)\n",
                            a->name, t->line, t->title);
            continue;
        }
        printf("  topic \"%s\" [%s] (line %d%s): %zu section%s, ", t->title, t->slug, t->line,
               mask[i] ? "" : ", not in play", t->nsections, t->nsections == 1 ? "" : "s");
        print_counts(n);
        printf("\n");
        for (size_t k = 0; k < t->nsections; k++) {
            const article_section *s = &t->sections[k];
            section_counts(&pc, i, s->title, n);
            printf("    section \"%s\" (line %d): %zu paragraph%s, ", s->title, s->line, s->npara,
                   s->npara == 1 ? "" : "s");
            print_counts(n);
            printf("\n");
            if (!n[0] && !n[1] && !n[2]) {
                char *w = section_why(s);
                strbuf_addf(&why, "  %s:%d: section '%s' gives no item (%s)\n", a->name, s->line,
                            s->title, w);
                free(w);
            }
        }
    }
    release_parts(&pc);
    size_t in_play = 0;
    for (size_t i = 0; i < a->ntopics; i++)
        in_play += mask[i];
    printf("topics: %zu (%zu in play)\n", a->ntopics, in_play);
    printf("sections: %zu\n", article_section_count(a));
    printf("faq pairs: %zu\n", article_faq_count(a));
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
        const item_set *s = &per_level[d];
        size_t kinds[ITEM_KIND_COUNT] = {0};
        for (size_t i = 0; i < s->n; i++)
            kinds[s->items[i].kind]++;
        printf("items %s: %zu (", item_difficulty_name((item_difficulty)d), s->n);
        for (int k = 0; k < ITEM_KIND_COUNT; k++)
            printf("%s%s %zu", k ? ", " : "", item_kind_name((item_kind)k), kinds[k]);
        printf(")\n");
    }
    /* difficulty is closeness: how near the wrong choices are to the key */
    printf("closeness of wrong choices (gap-fills, lists, swapped FAQ answers; 0 far, 100 "
           "near):");
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
        double cl = gen_mean_closeness(&per_level[d], lx);
        printf("%s %s ", d ? "," : "", item_difficulty_name((item_difficulty)d));
        if (cl < 0)
            printf("-"); /* no gap-fill, list or swapped FAQ item to measure */
        else
            printf("%.0f", cl);
    }
    printf("\n");
    printf("difficulty: %s, %d questions a round, time limit %d s\n",
           item_difficulty_name(c->difficulty), c->questions, c->time_limit);
    /* what a round can deal of the difficulty's items: one question of a
     * sentence, none giving another's answer away (the game's deal) */
    deck_left_out lo;
    size_t dealable = quiz_dealable(q, c->seed ? c->seed : 1, c->mode, &lo);
    size_t least = dealable, most = dealable; /* which items meet first varies by seed */
    for (uint64_t seed = 2; !c->seed && seed <= CHECK_SEEDS; seed++) {
        size_t n = quiz_dealable(q, seed, c->mode, NULL);
        least = n < least ? n : least;
        most = n > most ? n : most;
    }
    printf("a round can deal: %zu of the %zu %s items in play", dealable, lo.in_play,
           item_difficulty_name(c->difficulty));
    if (least != most)
        printf(" (%zu to %zu by seed)", least, most);
    if (dealable < lo.in_play)
        printf(": a round asks about each sentence once and gives no answer away (%zu share a "
               "sentence with another question, %zu repeat another's question, %zu would give "
               "another's answer away)",
               lo.same_source, lo.same_prompt, lo.gives_away);
    printf("\n");
    if (dealable < (size_t)c->questions)
        printf("questions a round: %zu (%d asked for)\n", dealable, c->questions);
    size_t nwhy = 0;
    for (const char *p = strbuf_str(&why); (p = strchr(p, '\n')) != NULL; p++)
        nwhy++;
    printf("warnings: %zu\n", a->nwarnings + nwhy);
    for (size_t i = 0; i < a->nwarnings; i++)
        printf("  %s\n", a->warnings[i]);
    fputs(strbuf_str(&why), stdout);
    strbuf_release(&why);
    gen_options opt = {c->difficulty, c->choices, 0, lx};
    char *empty = gen_empty_message(a, mask, &opt, &per_level[c->difficulty], per_level);
    if (empty) {
        fflush(stdout);
        fprintf(stderr, "%s\n", empty);
        free(empty);
        return EXIT_INPUT;
    }
    printf("ok\n");
    return 0;
}

/* The database of the data folder (--data-dir, [data] folder, the user's). */
static char *db_file(const options *o, const config *c)
{
    char *dir = o->data_dir        ? xstrdup(o->data_dir)
                : c->data_dir[0] ? config_path(c, c->data_dir)
                                  : db_default_folder();
    if (!dir)
        return NULL;
    char *path = xasprintf("%s/%s", dir, DB_FILE);
    free(dir);
    return path;
}

static int open_store(const options *o, const config *c, const char *given, db **out)
{
    char *path = given ? xstrdup(given) : db_file(o, c), *err = NULL;
    if (!path) {
        fprintf(stderr, "quizmill-gen: cannot find the data folder: neither XDG_DATA_HOME nor "
                        "HOME is set (use --data-dir)\n");
        return EXIT_INPUT;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: cannot open the database: %s\n", path, strerror(errno));
        free(path);
        return EXIT_INPUT;
    }
    int rc = db_open_read(path, out, &err);
    free(path);
    if (rc != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return EXIT_INPUT;
    }
    return 0;
}

/* --export-results: every answer of the database as the results CSV. */
static int run_export(const options *o, const config *c)
{
    db *d = NULL;
    int rc = open_store(o, c, NULL, &d);
    if (rc)
        return rc;
    char *err = NULL;
    if (db_export_csv(d, o->export_to, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        rc = EXIT_INPUT;
    }
    db_close(d, NULL);
    return rc;
}

static int add_db_row(void *ctx, const db_row *dr)
{
    report_row row = {dr->at,     dr->round, dr->player, dr->topic, dr->item, dr->chosen,
                      dr->right,  dr->correct, dr->points,
                      strcmp(dr->mode, "solo") == 0 && dr->player[0] != '\0',
                      dr->kind,   dr->prompt, dr->choices};
    report_add(ctx, &row);
    return 0;
}

/* --report: the items of every difficulty give the prompts and choices. */
static int run_report(const options *o, const config *c, const article *a)
{
    char *err = NULL;
    bool from_db = !o->report || db_is_database(o->report);
    char *name = o->report ? xstrdup(o->report) : db_file(o, c);
    db *d = NULL;
    char *buf = NULL;
    size_t len = 0;
    int rc = 0;
    if (from_db) {
        rc = open_store(o, c, o->report, &d);
    } else if (read_file_max(o->report, REPORT_MAX_BYTES, &buf, &len) != 0) {
        fprintf(stderr, "%s: cannot open results: %s\n", o->report, read_file_strerror(errno));
        rc = EXIT_INPUT;
    }
    if (rc) {
        free(name);
        return rc;
    }
    item_set sets[ITEM_DIFFICULTY_COUNT] = {0};
    const item_set *known[ITEM_DIFFICULTY_COUNT];
    for (int k = 0; k < ITEM_DIFFICULTY_COUNT; k++) {
        gen_options g = {(item_difficulty)k, c->choices, 0, o->lex};
        gen_build(a, &g, &sets[k]);
        known[k] = &sets[k];
    }
    report *r = report_new(name ? name : "(database)", known, ITEM_DIFFICULTY_COUNT);
    if (d ? db_each_answer(d, add_db_row, r, &err) : report_add_csv(r, buf, len, &err)) {
        fprintf(stderr, "%s\n", err);
        free(err);
        rc = EXIT_INPUT;
    } else if (o->format == EXPORT_CSV) {
        report_write_csv(stdout, r);
    } else {
        report_write_text(stdout, r);
    }
    report_free(r);
    db_close(d, NULL);
    for (int k = 0; k < ITEM_DIFFICULTY_COUNT; k++)
        item_set_release(&sets[k]);
    free(buf);
    free(name);
    return rc;
}

static int run(const options *o)
{
    int rc = 0;
    char *err = NULL;
    config c;
    config_defaults(&c);

    char *cpath = config_find(o->config);
    int loaded = cpath ? config_load(&c, cpath, &err) : 0;
    free(cpath);
    if (loaded != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        config_release(&c);
        return EXIT_INPUT;
    }

    /* Command-line overrides. */
    if (o->difficulty && config_set(&c, "quiz", "difficulty", o->difficulty, &err) != 0) {
        rc = usage_error("-d: %s", err);
        goto out;
    }
    if (o->seed && config_set(&c, "quiz", "seed", o->seed, &err) != 0) {
        rc = usage_error("-s: %s", err);
        goto out;
    }
    if (o->event_mode && config_set(&c, "event", "mode", o->event_mode, &err) != 0) {
        rc = usage_error("-m: %s", err);
        goto out;
    }
    uint64_t count = (uint64_t)c.questions;
    if (o->count && parse_whole(o->count, 1, 1000, &count) != 0) {
        rc = usage_error("-n: the count must be a whole number from 1 to 1000, not '%s'",
                         o->count);
        goto out;
    }

    if (o->mode == MODE_EXPORT) { /* needs no article */
        rc = run_export(o, &c);
        goto out;
    }

    quiz q;
    if (quiz_open(&q, &c, o->article, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        rc = EXIT_INPUT;
        goto out_quiz;
    }
    const article *a = q.art;
    const char *apath = q.path;
    bool *mask = q.mask;
    if (o->mode != MODE_CHECK)
        for (size_t i = 0; i < a->nwarnings; i++)
            fprintf(stderr, "warning: %s\n", a->warnings[i]);

    if (o->topics)
        rc = topics_from_option(o->topics, a, mask);
    else if (quiz_topics(&q, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        rc = EXIT_INPUT;
    }
    if (rc)
        goto out_quiz;

    if (o->mode == MODE_REPORT) {
        rc = run_report(o, &c, a);
        goto out_quiz;
    }

    const char *level = item_difficulty_name(c.difficulty);
    if (o->mode == MODE_CHECK) {
        item_set per_level[ITEM_DIFFICULTY_COUNT] = {0};
        for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
            gen_options lo = {(item_difficulty)d, c.choices, 0, o->lex};
            gen_build(a, &lo, &per_level[d]);
        }
        /* the config's difficulty lent to the quiz for the deal (not freed twice) */
        q.all = per_level[c.difficulty];
        rc = print_check(&c, &q, per_level, o->lex);
        memset(&q.all, 0, sizeof q.all);
        for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++)
            item_set_release(&per_level[d]);
        goto out_quiz;
    }

    quiz_build(&q, o->lex);
    const item_set *all = &q.all;
    if (o->mode == MODE_TOPICS) {
        size_t *items = xcalloc(a->ntopics, sizeof *items); /* one pass, not one a topic */
        for (size_t i = 0; i < all->n; i++)
            items[all->items[i].topic_index]++;
        for (size_t i = 0; i < a->ntopics; i++) {
            const article_topic *t = &a->topics[i];
            printf("%s\t%s\t%zu\t%zu\n", t->slug, t->title, t->nsections, items[i]);
        }
        free(items);
    } else if (o->mode == MODE_ALL) {
        item_set chosen = {0};
        deck_filter(all, mask, a->ntopics, &chosen);
        export_items(stdout, o->format, &chosen, a->title, level, "");
        item_set_release(&chosen);
    } else {
        /* the game's own deal: the team and buzzer modes four choices at most */
        uint64_t seed = quiz_seed(&c, false, 0);
        item_set round = {0};
        quiz_deal(&q, seed, (size_t)count, c.mode, NULL, &round);
        char note[64];
        snprintf(note, sizeof note, ", seed %llu", (unsigned long long)seed);
        if (round.n == 0) { /* as the game says: an empty quiz is no quiz */
            char *msg = gen_empty_message(a, mask, &q.gen, all, NULL);
            if (msg)
                fprintf(stderr, "%s\n", msg);
            else
                fprintf(stderr, "%s: no question can be made from the topics in play\n", apath);
            free(msg);
            rc = EXIT_INPUT;
        } else {
            export_items(stdout, o->format, &round, a->title, level, note);
        }
        if (round.n < count && round.n > 0) {
            deck_left_out lo;
            quiz_dealable(&q, seed, c.mode, &lo);
            char *why = quiz_short_message(&lo, round.n, (size_t)count);
            fprintf(stderr, "warning: %s\n", why);
            free(why);
        }
        item_set_release(&round);
    }

out_quiz:
    quiz_close(&q);
out:
    free(err);
    config_release(&c);
    return rc;
}

int main(int argc, char **argv)
{
    options o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc;
    char *err = NULL;
    lex *lx = lex_open_default(&err);
    if (!lx) {
        fprintf(stderr, "warning: %s; only names, numbers, sections and FAQ are asked\n", err);
        free(err);
    }
    o.lex = lx;
    rc = run(&o);
    lex_close(lx);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "quizmill-gen: cannot write output: %s\n", strerror(errno));
        return EXIT_INPUT;
    }
    return rc;
}
