/* test_corpus.c - the articles of tests/data/real/, each written in the
 * shape one kind of real source arrives in (a browser paste, a clipped or
 * published Markdown file, a saved web page...), read as their readers see
 * them.
 *
 * For every NAME.txt, NAME.md or NAME.html there is NAME.outline, written by
 * hand before the reader ran: the title, each topic and its sections, and
 * the FAQ's pair count. The test checks that the outline found equals it
 * (for plain text, where a paste hides heading levels: the same headings in
 * the same order, and no topic swallowing another; see article.c),
 * then builds every item at every difficulty and checks, as guards (the
 * judgment is a reading, tests/quality/), what can be checked without
 * reading:
 *   - no prompt or choice carries markup: Markdown marks, backquotes, URLs,
 *     HTML tags or entities, front-matter keys, "Q:"/"A:" prefixes,
 *     citation marks;
 *   - a word's wrong choices can be read, by WordNet, as the same part of
 *     speech and inflection as the key;
 *   - "a _____" and "an _____" agree with every choice;
 *   - a number's wrong choices are numbers of its shape;
 *   - a section item's key title repeating a word of the quote has a wrong
 *     title that repeats one too;
 *   - a dealt round of 10 has 10 questions (an article of 1,000 words or
 *     more; shorter ones as many as their sentences allow, 5 at least), no
 *     two from one sentence, none whose answer another writes out.
 */
#include "article.h"
#include "deck.h"
#include "gen.h"
#include "text.h"
#include "util.h"

#include "harness.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define REAL_DIR TEST_DATA_DIR "/real"

/* The outline in the .outline format (comments and blank lines aside). */
static void outline_of(const article *a, strbuf *sb)
{
    strbuf_addf(sb, "title: %s\n", a->title);
    for (size_t i = 0; i < a->ntopics; i++) {
        const article_topic *t = &a->topics[i];
        if (t->is_faq) {
            strbuf_addf(sb, "faq: %zu\n", t->nfaq);
            continue;
        }
        strbuf_addf(sb, "topic: %s\n", t->title);
        for (size_t k = 0; k < t->nsections; k++)
            strbuf_addf(sb, "  section: %s\n", t->sections[k].title);
    }
}

/* The expected outline without comment lines, trailing spaces and blank
 * lines. */
static char *expected_outline(const char *text)
{
    strbuf sb = STRBUF_INIT;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        size_t m = n;
        while (m && (p[m - 1] == ' ' || p[m - 1] == '\r' || p[m - 1] == '\t'))
            m--;
        if (m && p[0] != '#') {
            strbuf_add(&sb, p, m);
            strbuf_addc(&sb, '\n');
        }
        p += n + (e != NULL);
    }
    return strbuf_detach(&sb);
}

/* The first piece of markup in s, or NULL. The blank of a cloze item is
 * no markup: it is read as a space. */
static const char *markup_in(const char *text)
{
    static char s[4096];
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof s;) {
        if (!strncmp(p, GEN_BLANK, strlen(GEN_BLANK))) {
            s[n++] = ' ';
            p += strlen(GEN_BLANK);
        } else {
            s[n++] = *p++;
        }
    }
    s[n] = '\0';
    static const char *const marks[] = {"**",   "__",    "`",      "](",   "http://", "https://",
                                        "www.", "&amp;", "&nbsp;", "&lt;", "&gt;",    "&#",
                                        "<!--", "-->",   "{{",     "}}",   "\\_",     NULL};
    for (size_t k = 0; marks[k]; k++)
        if (strstr(s, marks[k]))
            return marks[k];
    /* a tag: '<' then a letter or '/' then, before a space or '>', letters */
    for (const char *p = s; (p = strchr(p, '<')) != NULL; p++) {
        const char *q = p + 1 + (p[1] == '/');
        const char *t = q;
        while ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9'))
            t++;
        if (t > q && (*t == '>' || *t == ' ' || (*t == '/' && t[1] == '>')))
            return "<tag>";
    }
    /* a heading mark: '#' at a word's start, not before a digit (#1) */
    for (const char *p = s; (p = strchr(p, '#')) != NULL; p++)
        if ((p == s || p[-1] == ' ') && !(p[1] >= '0' && p[1] <= '9'))
            return "#";
    /* prefixes and keys at the start */
    static const char *const starts[] = {
        "Q:",    "A:",    "Q.", "A.", "Question:", "Answer:", "title:", "layout:",
        "date:", "tags:", "> ", "- ", "* ",        "---",     NULL};
    for (size_t k = 0; starts[k]; k++)
        if (!strncmp(s, starts[k], strlen(starts[k])))
            return starts[k];
    /* a citation mark [12] */
    for (const char *p = s; (p = strchr(p, '[')) != NULL; p++) {
        const char *q = p + 1;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q > p + 1 && *q == ']')
            return "[n]";
    }
    return NULL;
}

/* An outline as lines: "title: ...", "topic: ...", "  section: ...",
 * "faq: N". */
typedef struct oline {
    char kind; /* 'i' title, 't' topic, 's' section, 'f' faq */
    char *text;
} oline;

static size_t parse_outline(const char *text, oline **out)
{
    size_t n = 0, cap = 0;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char kind = 0;
        size_t skip = 0;
        if (!strncmp(p, "title: ", 7))
            kind = 'i', skip = 7;
        else if (!strncmp(p, "topic: ", 7))
            kind = 't', skip = 7;
        else if (!strncmp(p, "  section: ", 11))
            kind = 's', skip = 11;
        else if (!strncmp(p, "faq: ", 5))
            kind = 'f', skip = 5;
        if (kind) {
            xgrow((void **)out, &cap, n + 1, sizeof **out);
            (*out)[n++] = (oline){kind, xstrndup(p + skip, len - skip)};
        }
        p += len + (e != NULL);
    }
    return n;
}

static void free_outline(oline *o, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(o[i].text);
    free(o);
}

/* The headings in order, a topic's own section (titled like it) once: what
 * a reader sees of the outline when nothing shows the levels. */
static char *flat_of(const oline *o, size_t n)
{
    strbuf sb = STRBUF_INIT;
    const char *topic = "";
    for (size_t i = 0; i < n; i++) {
        if (o[i].kind == 't')
            topic = o[i].text;
        if (o[i].kind == 's' && !strcmp(o[i].text, topic))
            continue;
        strbuf_addf(&sb, "%c %s\n", o[i].kind == 's' ? 't' : o[i].kind, o[i].text);
    }
    return strbuf_detach(&sb);
}

/* Index of the expected topic that holds heading text, or -1; *is_topic
 * says whether it is that topic's own heading. */
static long expected_topic(const oline *o, size_t n, const char *text, bool *is_topic)
{
    long topic = -1;
    for (size_t i = 0; i < n; i++) {
        if (o[i].kind == 't')
            topic = (long)i;
        if ((o[i].kind == 't' || o[i].kind == 's') && !strcmp(o[i].text, text)) {
            *is_topic = o[i].kind == 't';
            return topic;
        }
    }
    return -1;
}

/* Plain text shows no heading levels, so where a paste cannot tell a
 * sub-heading from a heading the reader makes more topics (article.c).
 * What must hold: every heading found in order and nothing else (the flat
 * outlines are equal), and no topic found swallows a topic of the page (each
 * section found belongs, on the page, to the topic it was found under). */
static void check_plain_outline(const char *file, const char *got, const char *want)
{
    oline *g = NULL, *w = NULL;
    size_t ng = parse_outline(got, &g), nw = parse_outline(want, &w);
    char *fg = flat_of(g, ng), *fw = flat_of(w, nw);
    STR_EQ(fg, fw, "%s: every heading, in order, and no other", file);
    const char *topic = NULL;
    for (size_t i = 0; i < ng; i++) {
        if (g[i].kind == 't')
            topic = g[i].text;
        if (g[i].kind != 's' || !topic || !strcmp(g[i].text, topic))
            continue;
        bool t_top = false, s_top = false;
        long pt = expected_topic(w, nw, topic, &t_top);
        long ps = expected_topic(w, nw, g[i].text, &s_top);
        OK(pt == ps && !s_top, "%s: section '%s' found under '%s' belongs elsewhere on the page",
           file, g[i].text, topic);
    }
    free(fg);
    free(fw);
    free_outline(g, ng);
    free_outline(w, nw);
}

/* Can the last word of b be read as the last word of a is (a part of
 * speech and inflection in common, by WordNet)? Words WordNet does not
 * know are not judged here. */
static bool same_reading(const char *a, const char *b)
{
    const char *la = strrchr(a, ' '), *lb = strrchr(b, ' ');
    la = la ? la + 1 : a;
    lb = lb ? lb + 1 : b;
    lex_word x, y;
    if (!lex_lookup(test_lex(), la, strlen(la), &x) || !lex_lookup(test_lex(), lb, strlen(lb), &y))
        return true;
    for (size_t i = 0; i < x.n; i++)
        for (size_t j = 0; j < y.n; j++)
            if (x.r[i].pos == y.r[j].pos && x.r[i].infl == y.r[j].infl)
                return true;
    return false;
}

/* Does "a"/"an" (an: true) agree with the word w, by its first letter
 * ("an hour", "a university" and "a one-off" allowed both ways)? */
static bool article_agrees(bool an, const char *w)
{
    char f = (char)ascii_lower((unsigned char)w[0]);
    if (f >= '0' && f <= '9')
        return true;
    bool vowel = strchr("aeiou", f) != NULL;
    return an ? vowel || f == 'h' : !vowel || f == 'u' || f == 'o';
}

/* The number's shape: digits before the point (4 for a year), decimals,
 * thousands commas. */
static void num_shape(const char *n, int *whole, int *dec, bool *comma)
{
    *whole = *dec = 0;
    *comma = false;
    bool frac = false;
    for (; *n; n++) {
        if (*n >= '0' && *n <= '9')
            (frac ? (*dec)++ : (*whole)++);
        else if (*n == '.')
            frac = true;
        else if (*n == ',')
            *comma = true;
    }
}

static void check_guards(const char *name, const item *it, text_stemmer *st)
{
    const char *key = it->choices[it->answer];
    if (it->kind == ITEM_CLOZE) {
        const char *b = strstr(it->prompt, GEN_BLANK);
        bool an = b && b - it->prompt >= 3 && !strncmp(b - 3, "an ", 3);
        bool a1 = b && !an && b - it->prompt >= 2 && !strncmp(b - 2, "a ", 2) &&
                  (b - it->prompt == 2 || b[-3] == ' ');
        bool number = text_is_number(key, strlen(key));
        bool word = !number && !text_is_capitalised(key, strlen(key));
        int kw, kd, cw, cd;
        bool kc, cc;
        num_shape(key, &kw, &kd, &kc);
        for (size_t k = 0; k < it->nchoices; k++) {
            const char *c = it->choices[k];
            if (an || a1)
                OK(article_agrees(an, c), "%s: '%s' after '%s' in %s", name, c, an ? "an" : "a",
                   it->id);
            if (k == it->answer)
                continue;
            if (word)
                OK(same_reading(key, c), "%s: '%s' not read as '%s' is (WordNet) in %s", name, c,
                   key, it->id);
            if (number) {
                num_shape(c, &cw, &cd, &cc);
                OK(text_is_number(c, strlen(c)) && cd == kd && cc == kc &&
                       (kw == 4) == (cw == 4),
                   "%s: '%s' is no number of the shape of '%s' in %s", name, c, key, it->id);
            }
        }
    }
    if (it->kind == ITEM_SECTION) {
        text_stems q = TEXT_STEMS_INIT, c = TEXT_STEMS_INIT;
        text_stems_of(st, it->source, &q);
        text_stems_of(st, key, &c);
        if (text_stems_meet(&c, &q)) {
            bool other = false;
            for (size_t k = 0; k < it->nchoices && !other; k++) {
                text_stems_of(st, it->choices[k], &c);
                other = k != it->answer && text_stems_meet(&c, &q);
            }
            OK(other, "%s: only the key '%s' repeats a word of the quote in %s", name, key, it->id);
        }
        text_stems_release(&q);
        text_stems_release(&c);
    }
}

/* Does text hold word (whole words, any case)? */
static bool writes_out(const char *text, const char *word)
{
    return strlen(word) >= 3 && text_contains_word(text, word);
}

static size_t count_words(const char *s)
{
    return doc_count_words(s, strlen(s));
}

/* Rounds of 10 as the game deals them. */
static void check_rounds(const char *name, const article *a, const item_set *s, item_difficulty d)
{
    size_t words = 0;
    for (size_t t = 0; t < a->ntopics; t++) {
        for (size_t k = 0; k < a->topics[t].nsections; k++)
            for (size_t p = 0; p < a->topics[t].sections[k].npara; p++)
                words += count_words(a->topics[t].sections[k].paras[p].text);
        for (size_t q = 0; q < a->topics[t].nfaq; q++)
            words += count_words(a->topics[t].faq[q].question) +
                     count_words(a->topics[t].faq[q].answer);
    }
    for (uint64_t seed = 1; seed <= 3; seed++) {
        deck_options o = {.count = 10, .seed = seed, .shuffle_questions = true,
                          .shuffle_choices = true};
        item_set r = {0};
        size_t n = deck_deal(s, &o, &r);
        if (words >= 1000)
            INT_EQ(n, 10, "%s/%s: a round of 10 (%zu words)", name, item_difficulty_name(d), words);
        else
            OK(n >= 5, "%s/%s: a round of %zu (%zu words)", name, item_difficulty_name(d), n, words);
        for (size_t i = 0; i < r.n; i++)
            for (size_t j = 0; j < r.n; j++) {
                if (i == j)
                    continue;
                const item *x = &r.items[i], *y = &r.items[j];
                OK(i > j || x->source_key != y->source_key, "%s: two items of one sentence: %s, %s",
                   name, x->id, y->id);
                if (x->kind == ITEM_CLOZE)
                    OK(!writes_out(y->prompt, x->choices[x->answer]),
                       "%s: %s writes out the answer of %s", name, y->id, x->id);
            }
        item_set_release(&r);
    }
}

static void check_items(const char *name, const article *a)
{
    text_stemmer *st = text_stemmer_new();
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
        gen_options opt = {(item_difficulty)d, 0, 0, test_lex()};
        item_set s = {0};
        gen_build(a, &opt, &s);
        size_t bad = 0;
        for (size_t i = 0; i < s.n; i++) {
            const item *it = &s.items[i];
            const char *m = markup_in(it->prompt);
            for (size_t c = 0; !m && c < it->nchoices; c++)
                m = markup_in(it->choices[c]);
            if (m && bad++ < 5)
                OK(0, "%s/%s: item %s has markup '%s': %s", name,
                   item_difficulty_name((item_difficulty)d), it->id, m, it->prompt);
        }
        INT_EQ(bad, 0, "%s/%s: %zu items, none with markup", name,
               item_difficulty_name((item_difficulty)d), s.n);
        OK(s.n > 0, "%s/%s: some items", name, item_difficulty_name((item_difficulty)d));
        for (size_t i = 0; i < s.n; i++)
            check_guards(name, &s.items[i], st);
        check_rounds(name, a, &s, (item_difficulty)d);
        item_set_release(&s);
    }
    text_stemmer_free(st);
}

static void check_article(const char *file)
{
    char *path = xasprintf("%s/%s", REAL_DIR, file);
    const char *dot = strrchr(file, '.');
    char *base = xstrndup(file, (size_t)(dot - file));
    char *opath = xasprintf("%s/%s.outline", REAL_DIR, base);
    char *buf = NULL, *want_text = NULL, *err = NULL;
    size_t len = 0, wlen = 0;
    OK(read_file(path, &buf, &len) == 0, "%s: cannot read", path);
    OK(read_file(opath, &want_text, &wlen) == 0, "%s: no outline beside it", opath);
    article *a = NULL;
    if (buf && want_text) {
        OK(article_parse(file, buf, len, &a, &err) == 0, "%s: %s", file, err ? err : "");
        if (a) {
            strbuf got = STRBUF_INIT;
            outline_of(a, &got);
            char *want = expected_outline(want_text);
            if (a->format == DOC_TEXT && strcmp(strbuf_str(&got), want) != 0)
                check_plain_outline(file, strbuf_str(&got), want);
            else
                STR_EQ(strbuf_str(&got), want, "outline of %s", file);
            if (getenv("QUIZMILL_SHOW_OUTLINE"))
                fprintf(stderr, "== %s\n%s", file, strbuf_str(&got));
            free(want);
            strbuf_release(&got);
            check_items(file, a);
        }
    }
    article_free(a);
    free(err);
    free(buf);
    free(want_text);
    free(opath);
    free(base);
    free(path);
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int main(void)
{
    DIR *dir = opendir(REAL_DIR);
    OK(dir != NULL, "%s: cannot open", REAL_DIR);
    if (!dir)
        return test_summary();
    char **files = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        if (!str_iendswith(e->d_name, ".txt") && !str_iendswith(e->d_name, ".md") &&
            !str_iendswith(e->d_name, ".html"))
            continue;
        xgrow((void **)&files, &cap, n + 1, sizeof *files);
        files[n++] = xstrdup(e->d_name);
    }
    closedir(dir);
    qsort(files, n, sizeof *files, by_name);
    OK(n >= 10, "%zu articles in the corpus, at least 10 wanted", n);
    for (size_t i = 0; i < n; i++) {
        check_article(files[i]);
        free(files[i]);
    }
    free(files);
    return test_summary();
}
