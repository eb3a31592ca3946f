/* test_article.c - the article parser: the bundled article's exact shape,
 * data files compared with saved dumps (tests/data/parse/NAME.expected), and
 * bad inputs that must give a clear error or a documented result. */
#include "article.h"
#include "util.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>

static void dump(strbuf *sb, const article *a)
{
    strbuf_addf(sb, "title: %s\nmarkdown: %d\nintro: %s\n", a->title, a->markdown, a->intro);
    for (size_t i = 0; i < a->ntopics; i++) {
        const article_topic *t = &a->topics[i];
        strbuf_addf(sb, "topic %s | %s | line %d%s\n", t->slug, t->title, t->line,
                    t->is_faq ? " | faq" : "");
        for (size_t k = 0; k < t->nsections; k++) {
            const article_section *s = &t->sections[k];
            strbuf_addf(sb, "  section %s | line %d\n", s->title, s->line);
            for (size_t j = 0; j < s->npara; j++)
                strbuf_addf(sb, "    para %d: %s\n", s->paras[j].line, s->paras[j].text);
        }
        for (size_t k = 0; k < t->nfaq; k++)
            strbuf_addf(sb, "  q %d: %s\n    a: %s\n", t->faq[k].line, t->faq[k].question,
                        t->faq[k].answer);
    }
    for (size_t i = 0; i < a->nwarnings; i++)
        strbuf_addf(sb, "warning: %s\n", a->warnings[i]);
}

static article *parse_file(const char *path, const char *name, char **err)
{
    char *buf;
    size_t len;
    if (read_file(path, &buf, &len) != 0) {
        *err = xasprintf("%s: cannot read", path);
        return NULL;
    }
    article *a = NULL;
    article_parse(name, buf, len, &a, err);
    free(buf);
    return a;
}

/* Parses TEST_DATA_DIR/parse/NAME and compares its dump with NAME.expected.
 * With QUIZMILL_UPDATE_EXPECTED=1 in the environment it rewrites the file. */
static void check_dump(const char *name)
{
    char *path = xasprintf("%s/parse/%s", TEST_DATA_DIR, name);
    char *exp_path = xasprintf("%s.expected", path);
    char *err = NULL;
    article *a = parse_file(path, name, &err);
    OK(a != NULL, "%s: %s", name, err ? err : "");
    if (a) {
        strbuf sb = STRBUF_INIT;
        dump(&sb, a);
        if (getenv("QUIZMILL_UPDATE_EXPECTED")) {
            FILE *f = fopen(exp_path, "wb");
            if (f) {
                fputs(strbuf_str(&sb), f);
                fclose(f);
            }
        }
        char *want = NULL;
        size_t wlen;
        OK(read_file(exp_path, &want, &wlen) == 0, "%s missing", exp_path);
        if (want)
            STR_EQ(strbuf_str(&sb), want, "dump of %s", name);
        free(want);
        strbuf_release(&sb);
        article_free(a);
    }
    free(err);
    free(path);
    free(exp_path);
}

static void test_bundled(void)
{
    static const char *const slugs[] = {
        "the-historical-ties-between-turkmenistan-and-kazakhstan",
        "the-significance-of-strengthening-their-strategic-partnership",
        "economic-collaboration",
        "political-cooperation",
        "cultural-exchanges",
        "challenges-and-opportunities",
        "the-enduring-friendship",
        "the-road-ahead",
        "faq",
    };
    static const size_t nsec[] = {1, 1, 3, 2, 2, 2, 1, 1, 0};
    char *err = NULL;
    article *a = parse_file(QUESTIONS_DIR "/turkmenistan-kazakhstan.txt", "tk.txt", &err);
    OK(a != NULL, "bundled article: %s", err ? err : "");
    free(err);
    if (!a)
        return;
    STR_EQ(a->title, "Turkmenistan and Kazakhstan aim to strengthen strategic partnership",
           "title");
    OK(!a->markdown, "plain text");
    OK(strncmp(a->intro, "Turkmenistan and Kazakhstan, two neighboring", 44) == 0, "intro");
    INT_EQ(a->ntopics, 9, "topics");
    for (size_t i = 0; i < 9 && i < a->ntopics; i++) {
        STR_EQ(a->topics[i].slug, slugs[i], "topic %zu", i);
        INT_EQ(a->topics[i].nsections, nsec[i], "sections of %s", slugs[i]);
    }
    INT_EQ(article_section_count(a), 13, "sections with text");
    INT_EQ(article_faq_count(a), 5, "FAQ pairs");
    INT_EQ(a->nwarnings, 0, "no warnings");
    if (a->ntopics == 9) {
        const article_topic *faq = &a->topics[8];
        OK(faq->is_faq, "faq topic");
        STR_EQ(faq->title, "Unique FAQs", "faq title");
        STR_EQ(faq->faq[0].question,
               "What are the key areas of economic cooperation between Turkmenistan and "
               "Kazakhstan?",
               "first question");
        STR_EQ(faq->faq[2].answer,
               "Bureaucratic hurdles, regulatory issues, and occasional disputes are some of the "
               "challenges that both nations must overcome to solidify their partnership.",
               "third answer as written");
        STR_EQ(a->topics[2].sections[1].title, "Energy Cooperation", "group section");
        INT_EQ(a->topics[2].sections[1].line, 21, "section line");
    }
    OK(article_find_topic(a, "ECONOMIC-COLLABORATION") == 2, "find by slug, any case");
    OK(article_find_topic(a, "  the road ahead ") == 7, "find by title, trimmed");
    OK(article_find_topic(a, "energy") == -1, "unknown topic");
    article_free(a);
}

/* The same text with CRLF endings and a BOM parses to the same tree. */
static void test_line_endings(void)
{
    char *buf;
    size_t len;
    if (read_file(QUESTIONS_DIR "/turkmenistan-kazakhstan.txt", &buf, &len) != 0) {
        OK(0, "cannot read bundled article");
        return;
    }
    strbuf crlf = STRBUF_INIT, cr = STRBUF_INIT;
    strbuf_adds(&crlf, "\xEF\xBB\xBF");
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n') {
            strbuf_adds(&crlf, "\r\n");
            strbuf_addc(&cr, '\r');
        } else {
            strbuf_addc(&crlf, buf[i]);
            strbuf_addc(&cr, buf[i]);
        }
    }
    article *a, *b, *c;
    char *err;
    article_parse("lf", buf, len, &a, &err);
    article_parse("crlf", crlf.buf, crlf.len, &b, &err);
    article_parse("cr", cr.buf, cr.len, &c, &err);
    OK(a && b && c, "all parse");
    if (a && b && c) {
        strbuf da = STRBUF_INIT, db = STRBUF_INIT, dc = STRBUF_INIT;
        dump(&da, a);
        dump(&db, b);
        dump(&dc, c);
        STR_EQ(db.buf, da.buf, "CRLF and BOM");
        STR_EQ(dc.buf, da.buf, "lone CR");
        strbuf_release(&da);
        strbuf_release(&db);
        strbuf_release(&dc);
    }
    article_free(a);
    article_free(b);
    article_free(c);
    strbuf_release(&crlf);
    strbuf_release(&cr);
    free(buf);
}

typedef struct bad_case {
    const char *what;
    const char *text;
    size_t len;         /* 0: strlen(text) */
    const char *error;  /* expected error, or NULL when it must parse */
} bad_case;

static void test_bad_inputs(void)
{
    static const bad_case cases[] = {
        {"empty", "", 0, "t.txt:1: article is empty"},
        {"whitespace only", " \n\t\n  \r\n", 0, "t.txt:1: article is empty"},
        {"binary", "\x7f" "ELF\x02\x01\x01\0\0\0", 10, "t.txt:1: NUL byte in text (is this a binary file?)"},
        {"NUL on line 3", "Title\n\nHead\0ing\n", 16, "t.txt:3: NUL byte in text (is this a binary file?)"},
        {"invalid UTF-8", "Title\n\nHeading\n\nBad \xff byte.\n", 0, "t.txt:5: invalid UTF-8 (byte 0xff)"},
        {"truncated UTF-8", "Title\n\nHeading\n\nCut \xe2\x80", 0, "t.txt:5: invalid UTF-8 (byte 0xe2)"},
        {"title only", "Just a title\n", 0,
         "t.txt:1: no topic with text (a heading is a short line followed by a paragraph)"},
        {"headings without text", "Title\n\nOne\n\nTwo\n\nThree\n", 0,
         "t.txt:1: no topic with text (a heading is a short line followed by a paragraph)"},
        {"FAQ without answers", "Title\n\nFAQ\n\nWhy?\n\nHow?\n", 0,
         "t.txt:1: no topic with text (a heading is a short line followed by a paragraph)"},
        {"only an FAQ", "Title\n\nFAQ\n\nWhy?\n\nBecause.\n", 0, NULL},
        {"markdown without text", "# T\n\n## A\n\n## B\n", 0,
         "t.txt:1: no topic with text (topics are the headings below the title, such as '##' "
         "or <h2>, each with text under it)"},
        {"markdown without title", "## Topic\n\nSome text.\n", 0, NULL},
        {"long heading is text", "Title\n\nOne two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen\n\nReal Heading\n\nText.\n", 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_case *c = &cases[i];
        article *a = NULL;
        char *err = NULL;
        size_t len = c->len ? c->len : strlen(c->text);
        int rc = article_parse("t.txt", c->text, len, &a, &err);
        if (c->error) {
            INT_EQ(rc, -1, "%s", c->what);
            OK(a == NULL, "%s: no article on error", c->what);
            STR_EQ(err, c->error, "%s", c->what);
        } else {
            INT_EQ(rc, 0, "%s: %s", c->what, err ? err : "");
            OK(a && a->ntopics >= 1, "%s: has a topic", c->what);
        }
        article_free(a);
        free(err);
    }
}

/* A multi-megabyte single line; ten thousand sections. */
static void test_big_inputs(void)
{
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "Title\n\nHeading\n\n");
    for (int i = 0; i < 400000; i++)
        strbuf_adds(&sb, "word more. ");
    strbuf_addc(&sb, '\n');
    article *a = NULL;
    char *err = NULL;
    OK(article_parse("big", sb.buf, sb.len, &a, &err) == 0, "one 4 MB line: %s", err ? err : "");
    OK(a && a->topics[0].sections[0].npara == 1, "one paragraph");
    article_free(a);
    free(err);

    /* the same line as the title only */
    strbuf_release(&sb);
    for (int i = 0; i < 400000; i++)
        strbuf_adds(&sb, "title words ");
    err = NULL;
    OK(article_parse("big", sb.buf, sb.len, &a, &err) == -1, "a title line of 4 MB alone");
    OK(err && strstr(err, "big:1: no topic with text") == err, "its error: %s", err ? err : "");
    free(err);

    strbuf_release(&sb);
    strbuf_adds(&sb, "Title\n\n");
    for (int i = 0; i < 10000; i++)
        strbuf_addf(&sb, "Group %d\n\nSection %d\n\nText %d.\n\n", i, i, i);
    err = NULL;
    OK(article_parse("many", sb.buf, sb.len, &a, &err) == 0, "10000 groups: %s", err ? err : "");
    if (a) {
        INT_EQ(a->ntopics, 10000, "ten thousand topics");
        INT_EQ(article_section_count(a), 10000, "ten thousand sections");
        STR_EQ(a->topics[9999].slug, "group-9999", "last slug");
    }
    article_free(a);
    free(err);

    /* ten thousand topics whose titles differ only in marks, so all have
     * the slug "same": slugs stay unique (equal titles would be side-box
     * labels, not topics) */
    strbuf_release(&sb);
    strbuf_adds(&sb, "Title\n\n");
    static const char marks[] = "#$%&()*+<=>@^~";
    for (int i = 0; i < 10000; i++) {
        strbuf_adds(&sb, "Same ");
        for (int k = 0, v = i; k < 4; k++, v /= 14)
            strbuf_addc(&sb, marks[v % 14]);
        strbuf_adds(&sb, "\n\nText.\n\n");
    }
    err = NULL;
    OK(article_parse("same", sb.buf, sb.len, &a, &err) == 0, "same titles");
    if (a) {
        STR_EQ(a->topics[0].slug, "same", "first");
        STR_EQ(a->topics[9999].slug, "same-10000", "last");
    }
    article_free(a);
    free(err);
    strbuf_release(&sb);
}

/* Inputs whose cost grew with the square of their size in a first version
 * of the readers: each must simply finish (CTest's timeout is the bound). */
static void test_linear_inputs(void)
{
    strbuf sb = STRBUF_INIT;
    article *a = NULL;
    char *err = NULL;

    /* an FAQ of 50,000 pairs */
    strbuf_adds(&sb, "Title\n\nTopic\n\nSome text of the topic here.\n\nFAQ\n\n");
    for (int i = 0; i < 50000; i++)
        strbuf_addf(&sb, "Question number %d?\n\nAnswer number %d.\n\n", i, i);
    OK(article_parse("faq.txt", sb.buf, sb.len, &a, &err) == 0, "50,000 pairs: %s",
       err ? err : "");
    INT_EQ(a ? article_faq_count(a) : 0, 50000, "every pair");
    article_free(a);
    free(err);

    /* 100,000 Markdown headings without text, then one with text */
    strbuf_release(&sb);
    strbuf_adds(&sb, "# T\n\n");
    for (int i = 0; i < 100000; i++)
        strbuf_adds(&sb, "## Empty\n\n");
    strbuf_adds(&sb, "## Full\n\nText here.\n");
    a = NULL;
    err = NULL;
    OK(article_parse("empty.md", sb.buf, sb.len, &a, &err) == 0, "100,000 empty headings: %s",
       err ? err : "");
    INT_EQ(a ? a->ntopics : 0, 1, "one topic");
    INT_EQ(a ? a->nwarnings : 0, 100000, "a warning each, once");
    article_free(a);
    free(err);

    /* 4 MB of short lines (format detection looks at every line) */
    strbuf_release(&sb);
    strbuf_adds(&sb, "Title\n\nTopic\n\n");
    for (int i = 0; i < 700000; i++)
        strbuf_adds(&sb, "a b.\n");
    a = NULL;
    err = NULL;
    OK(article_parse("lines.txt", sb.buf, sb.len, &a, &err) == 0, "short lines: %s",
       err ? err : "");
    article_free(a);
    free(err);

    /* 200,000 bylines, each between blank lines */
    strbuf_release(&sb);
    strbuf_adds(&sb, "Title\n\nTopic\n\nText of the topic here.\n\n");
    for (int i = 0; i < 200000; i++)
        strbuf_adds(&sb, "By Ann\n\n");
    a = NULL;
    err = NULL;
    OK(article_parse("by.txt", sb.buf, sb.len, &a, &err) == 0, "bylines: %s", err ? err : "");
    article_free(a);
    free(err);
    strbuf_release(&sb);
}

/* A question the markup names, ending in the full-width '？' of Chinese or
 * Japanese text: kept with one '?' (readers and builder agree on what a
 * question mark is). */
static void test_fullwidth_question(void)
{
    const char *page = "<html><body><h1>Bees</h1><h2>Life</h2><p>Bees live in hives.</p>"
                       "<details><summary>Do bees sleep\xEF\xBC\x9F</summary><p>Yes, at night.</p>"
                       "</details></body></html>";
    article *a = NULL;
    char *err = NULL;
    OK(article_parse("fw.html", page, strlen(page), &a, &err) == 0, "%s", err ? err : "");
    INT_EQ(a ? article_faq_count(a) : 0, 1, "one pair");
    for (size_t i = 0; a && i < a->ntopics; i++)
        if (a->topics[i].is_faq)
            STR_EQ(a->topics[i].faq[0].question, "Do bees sleep?", "one '?'");
    article_free(a);
    free(err);
}

static void test_slugs(void)
{
    static const char *const cases[][2] = {
        {"Economic Collaboration", "economic-collaboration"},
        {"  --Trade & Energy: 2024!  ", "trade-energy-2024"},
        {"Ça va, Économie", "ca-va-economie"},
        {"Straße", "strasse"},
        {"FAQ", "faq"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = article_slug(cases[i][0]);
        STR_EQ(s, cases[i][1], "slug of '%s'", cases[i][0]);
        free(s);
    }
    char *a = article_slug("Тема"), *b = article_slug("Тема"), *c = article_slug("Другая");
    OK(strncmp(a, "topic-", 6) == 0 && strlen(a) == 14, "non-ASCII slug '%s'", a);
    STR_EQ(a, b, "stable");
    OK(strcmp(a, c) != 0, "distinct for distinct headings");
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    test_bundled();
    test_line_endings();
    test_bad_inputs();
    test_big_inputs();
    test_linear_inputs();
    test_fullwidth_question();
    test_slugs();
    check_dump("markdown.md");
    check_dump("crlf.txt");
    check_dump("bom.txt");
    check_dump("faq-variants.txt");
    check_dump("groups.txt");
    check_dump("furniture.md");
    check_dump("furniture.txt");
    return test_summary();
}
