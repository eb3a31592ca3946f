/* test_rules.c - the rules of gen_rules.c, pair by pair, and the lexicon
 * they read (lex.c): the cases are in tests/data/rules/, one rule a line,
 * so a reader can see what each rule lets through and what it stops. */
#include "gen_rules.h"
#include "lex.h"
#include "text.h"
#include "util.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>

#define RULES_DIR TEST_DATA_DIR "/rules"

static int shape_of(const char *s)
{
    return !strcmp(s, "number") ? RULE_NUMBER : !strcmp(s, "name") ? RULE_NAME : RULE_WORD;
}

/* Splits "a | b | c | d" in place into at most n trimmed fields. */
static size_t fields(char *line, char **out, size_t n)
{
    size_t k = 0;
    for (char *p = line; p && k < n;) {
        char *bar = strstr(p, " | ");
        if (bar)
            *bar = '\0';
        while (*p == ' ')
            p++;
        size_t l = strlen(p);
        while (l && (p[l - 1] == ' ' || p[l - 1] == '\n'))
            p[--l] = '\0';
        out[k++] = p;
        p = bar ? bar + 3 : NULL;
    }
    return k;
}

/* A term as the generator sees it: described, then read in a sentence of
 * its own (a word then reads as a noun when it can). */
static void term_of(const char *shape, const char *text, rule_term *t)
{
    rules_describe(test_lex(), text, strlen(text), shape_of(shape), 0, 0, t);
    rules_in_use(test_lex(), text, 0, strlen(text), t);
}

/* Calls fn for each case of a data file: a line of nfields fields split
 * at " | ", comments (#) and blank lines aside; returns how many. */
static size_t each_case(const char *file, size_t nfields, void (*fn)(char **f, void *arg),
                        void *arg)
{
    char *path = xasprintf("%s/%s", RULES_DIR, file), *buf = NULL;
    size_t len = 0, n = 0;
    OK(read_file(path, &buf, &len) == 0, "%s", path);
    for (char *line = buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (*line == '#' || !*line)
            continue;
        char *f[4];
        if (fields(line, f, nfields) != nfields) {
            OK(0, "%s: bad line '%s'", file, line);
            continue;
        }
        fn(f, arg);
        n++;
    }
    free(buf);
    free(path);
    return n;
}

/* A key in a sentence with it in [brackets], as the generator sees it:
 * described with the hints the words around it give, then read in use.
 * Returns the sentence without its brackets (malloc'd), NULL when it has
 * no [term]. */
static char *key_in_sentence(const char *shape_name, const char *bracketed, rule_term *k)
{
    const char *open = strchr(bracketed, '['), *close = strchr(bracketed, ']');
    if (!open || !close || close < open) {
        OK(0, "no [term] in '%s'", bracketed);
        return NULL;
    }
    size_t off = (size_t)(open - bracketed), tl = (size_t)(close - open - 1);
    char *s = xasprintf("%.*s%.*s%s", (int)off, bracketed, (int)tl, open + 1, close + 1);
    int shape = shape_of(shape_name);
    rules_describe(test_lex(), s + off, tl, shape,
                   shape == RULE_NAME     ? rules_name_hint(s, off, tl)
                   : shape == RULE_NUMBER ? rules_number_ranged(s, off, tl)
                                          : 0,
                   shape == RULE_NUMBER ? rules_number_unit(s, off, tl) : 0, k);
    rules_in_use(test_lex(), s, off, tl, k);
    return s;
}

typedef struct terms {
    rule_term *k, *c;
} terms;

/* fit.txt: SHAPE | KEY | CANDIDATE | fit or reject */
static void fit_case(char **f, void *arg)
{
    terms *t = arg;
    term_of(f[0], f[1], t->k);
    term_of(f[0], f[2], t->c);
    int fit = rules_fit(t->k, t->c);
    OK((fit >= 0) == !strcmp(f[3], "fit"), "%s '%s' for '%s': %s expected, rules_fit %d", f[0],
       f[2], f[1], f[3], fit);
}

/* fit-in-use.txt: SHAPE | SENTENCE with [KEY] | CANDIDATE | fit or reject */
static void fit_in_use_case(char **f, void *arg)
{
    terms *t = arg;
    char *s = key_in_sentence(f[0], f[1], t->k);
    if (!s)
        return;
    term_of(f[0], f[2], t->c);
    int fit = rules_fit(t->k, t->c);
    OK((fit >= 0) == !strcmp(f[3], "fit"), "'%s' in '%s': %s expected, rules_fit %d", f[2], s,
       f[3], fit);
    free(s);
}

/* askable.txt: SHAPE | SENTENCE with [TERM] | yes or no */
static void askable_case(char **f, void *arg)
{
    terms *t = arg;
    char *s = key_in_sentence(f[0], f[1], t->k);
    if (!s)
        return;
    OK(rules_askable(t->k) == !strcmp(f[2], "yes"), "'%s': asked %s expected", f[1], f[2]);
    free(s);
}

static void test_cases(void)
{
    terms t = {xmalloc(sizeof *t.k), xmalloc(sizeof *t.c)};
    size_t n = each_case("fit.txt", 4, fit_case, &t);
    OK(n >= 20, "fit.txt has its cases: %zu", n);
    n = each_case("fit-in-use.txt", 4, fit_in_use_case, &t);
    OK(n >= 5, "fit-in-use.txt has its cases: %zu", n);
    n = each_case("askable.txt", 3, askable_case, &t);
    OK(n >= 10, "askable.txt has its cases: %zu", n);
    free(t.k);
    free(t.c);
}

/* The depth of the deepest hypernym synsets a and b share (-1: none),
 * from their sorted hypernym lists; *b_above_a gets how many links up
 * from a b stands when b is one of a's hypernyms (else -1). */
static int meet(const lex *lx, unsigned a, unsigned b, int *b_above_a)
{
    lex_anc x[LEX_MAX_ANC], y[LEX_MAX_ANC];
    size_t nx = lex_ancestors(lx, a, x), ny = lex_ancestors(lx, b, y);
    int best = -1;
    *b_above_a = -1;
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++)
            if (x[i].s == y[j].s) {
                best = x[i].depth > best ? x[i].depth : best;
                if (x[i].s == b)
                    *b_above_a = x[i].dist;
            }
    return best;
}

/* The lexicon: readings, base forms of inflections, senses and kinds. */
static void test_lexicon(void)
{
    const lex *lx = test_lex();
    lex_word w;
    OK(lex_lookup(lx, "Countries", 9, &w) && lex_can_be(&w, 'n', 'p'), "countries: a plural noun");
    OK(w.nsenses > 0, "countries: the senses of 'country'");
    OK(lex_lookup(lx, "geese", 5, &w) && lex_can_be(&w, 'n', 'p') && w.nsenses > 0,
       "geese: plural of goose, by WordNet's exceptions");
    OK(lex_lookup(lx, "running", 7, &w) && lex_can_be(&w, 'v', 'g'), "running: the -ing of run");
    OK(lex_lookup(lx, "silk road", 9, &w) && w.nsenses == 1, "a phrase WordNet knows");
    OK(!lex_lookup(lx, "zzqxv", 5, &w) && w.n == 0, "an unknown word");
    OK(!lex_lookup(lx, "", 0, &w), "an empty word");
    OK(lex_lookup(lx, "Kazakhstan", 10, &w) && w.nsenses && lex_class(lx, w.senses[0]) == 15 &&
           lex_instance(lx, w.senses[0]),
       "Kazakhstan: an instance of a place (noun.location)");
    lex_word a, b;
    OK(lex_lookup(lx, "dog", 3, &a) && lex_lookup(lx, "animal", 6, &b), "dog, animal");
    int up = -1;
    meet(lx, a.senses[0], b.senses[0], &up);
    OK(up > 0, "a dog is an animal: its hypernym %d links up", up);
    OK(lex_lookup(lx, "sparrow", 7, &a) && lex_lookup(lx, "blackbird", 9, &b), "two birds");
    int depth = meet(lx, a.senses[0], b.senses[0], &up);
    OK(depth >= 8, "birds meet deep: %d", depth);
    unsigned wh[8];
    OK(lex_lookup(lx, "Westminster", 11, &a) && a.nsenses &&
           lex_lookup(lx, "England", 7, &b) && b.nsenses,
       "Westminster, England");
    size_t nw = lex_wholes(lx, a.senses[0], wh, 8);
    bool in_england = false;
    for (size_t i = 0; i < nw; i++)
        in_england = in_england || wh[i] == b.senses[0];
    OK(in_england, "Westminster is part of England (by London): %zu wholes", nw);
    OK(lex_class(lx, 4000000000u) == -1 && lex_depth(lx, 4000000000u) == -1,
       "a bad synset number is refused");
    char *err = NULL;
    OK(lex_open("/nonexistent/quizmill.lex", &err) == NULL && err &&
           strstr(err, "cannot open the lexicon"),
       "a missing file: %s", err ? err : "");
    free(err);
    err = NULL;
    OK(lex_open(RULES_DIR "/fit.txt", &err) == NULL && err && strstr(err, "not a quizmill lexicon"),
       "another file: %s", err ? err : "");
    free(err);
}

/* The sentence and title rules that need no lexicon. */
static void test_sentences(void)
{
    OK(rules_summary_title("Summary") && rules_summary_title("In short: what we learned") &&
           rules_summary_title("\xD0\x98\xD1\x82\xD0\xBE\xD0\xB3\xD0\xB8"),
       "summary titles (Итоги too)");
    OK(!rules_summary_title("Building a royal ship") && !rules_summary_title("Shortbread"),
       "no summary titles");
    OK(rules_sentence_ends("It sank in 1628.") && rules_sentence_ends("Did it sink?") &&
           rules_sentence_ends("He said \"stop.\"") &&
           rules_sentence_ends("\xC2\xAB\xD0\x94\xD0\xB0.\xC2\xBB"),
       "sentences end with a stop, a quote after it allowed");
    OK(!rules_sentence_ends("Mount Vesuvius, Italy, AD 79") && !rules_sentence_ends(""),
       "a list line is no sentence");
    OK(rules_lead_in("Two methods were tried:") && !rules_lead_in("It worked."), "lead-ins");
    OK(rules_list_line("Haydn \xE2\x80\x93 concertos (1786) Haydn \xE2\x80\x93 notturni (1790)"),
       "a list pasted as one run");
    OK(rules_plain_sentence("The bins arrived in 2022.") &&
           !rules_plain_sentence("compositor: the worker who set the type.") &&
           !rules_plain_sentence("The data are listed at , with counts.") &&
           !rules_plain_sentence("Share this page with a friend!"),
       "plain sentences");
    OK(rules_question_asks("I am visiting. Do I need a licence?") == RULE_ASK_YESNO &&
           rules_question_asks("When was it built?") == RULE_ASK_WHEN &&
           rules_question_asks("How many masts did she have?") == RULE_ASK_NUMBER &&
           rules_question_asks("Why did she sink?") == RULE_ASK_OTHER,
       "what a question asks");
    OK(rules_same_form("Do all plants form them?", "Does it matter?", "Yes, most do.") &&
           !rules_same_form("Do all plants form them?", "Are truffles fungi?",
                            "No. The cabbage family usually do not.") &&
           rules_same_form("Is it safe?", "Are they wild?", "Yes, in small amounts.") &&
           rules_same_form("Is it safe?", "Can I eat it?", "Yes, in small amounts.") &&
           !rules_same_form("What if I see a rat?", "Who empties the bins?", "Tell the manager."),
       "questions of one form");
    OK(rules_opens_yes_no("Yes. Visitors need one.") && rules_opens_yes_no("Not usually.") &&
           !rules_opens_yes_no("Nothing more."),
       "yes or no openings");
}

int main(void)
{
    test_sentences();
    test_lexicon();
    test_cases();
    return test_summary();
}
