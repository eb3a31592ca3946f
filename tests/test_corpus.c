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
 * then builds every item at every difficulty and checks that no prompt or
 * choice carries markup: Markdown marks, backquotes, URLs, HTML tags or
 * entities, front-matter keys, "Q:"/"A:" prefixes, citation marks.
 */
#include "article.h"
#include "gen.h"
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

static void check_items(const char *name, const article *a)
{
    for (int d = 0; d < GEN_DIFFICULTY_COUNT; d++) {
        gen_options opt = {(gen_difficulty)d, 0, 0, test_lex()};
        gen_set s = {0};
        gen_build(a, &opt, &s);
        size_t bad = 0;
        for (size_t i = 0; i < s.n; i++) {
            const gen_item *it = &s.items[i];
            const char *m = markup_in(it->prompt);
            for (size_t c = 0; !m && c < it->nchoices; c++)
                m = markup_in(it->choices[c]);
            if (m && bad++ < 5)
                OK(0, "%s/%s: item %s has markup '%s': %s", name,
                   gen_difficulty_name((gen_difficulty)d), it->id, m, it->prompt);
        }
        INT_EQ(bad, 0, "%s/%s: %zu items, none with markup", name,
               gen_difficulty_name((gen_difficulty)d), s.n);
        OK(s.n > 0, "%s/%s: some items", name, gen_difficulty_name((gen_difficulty)d));
        gen_set_release(&s);
    }
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
