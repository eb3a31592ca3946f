/* test_doc_md.c - the Markdown reader: which blocks cmark's tree gives, with
 * their kinds, levels, lines and clean text; front matter titles; tables
 * warned about; markup nested thousands deep read without a crash. */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "harness.h"

/* Reads src as "t.md" into d; returns the reader's result. An error message
 * is kept in *err (NULL when none) for the caller to check and free. */
static int read_md(doc *d, const char *src, char **err)
{
    doc_init(d, "t.md");
    *err = NULL;
    return doc_read_markdown(d, src, strlen(src), err);
}

/* Reads src, which must succeed. */
static void read_ok(doc *d, const char *src)
{
    char *err;
    int rc = read_md(d, src, &err);
    INT_EQ(rc, 0, "reading %s: %s", src, err ? err : "");
    OK(err == NULL, "no error for %s", src);
    free(err);
}

#define BLOCK(d, i, kind_, level_, line_, text_)                                                 \
    do {                                                                                           \
        if ((i) >= (d).n) {                                                                        \
            OK((i) < (d).n, "block %d missing (%zu blocks)", (int)(i), (d).n);                    \
            break;                                                                                 \
        }                                                                                          \
        INT_EQ((d).v[i].kind, kind_, "kind of block %d", (int)(i));                               \
        INT_EQ((d).v[i].level, level_, "level of block %d", (int)(i));                            \
        INT_EQ((d).v[i].line, line_, "line of block %d", (int)(i));                               \
        STR_EQ((d).v[i].text, text_, "text of block %d", (int)(i));                               \
    } while (0)

#define ITEM(d, i, list_, line_, text_)                                                            \
    do {                                                                                           \
        BLOCK(d, i, DOC_ITEM, 0, line_, text_);                                                    \
        if ((i) < (d).n)                                                                           \
            INT_EQ((d).v[i].list, list_, "list of item %d", (int)(i));                            \
    } while (0)

static void test_atx_headings(void)
{
    doc d;
    read_ok(&d, "# One\n## Two\n### Three #\n#### Four\n##### Five\n###### Six\n"
                "####### Seven\n");
    INT_EQ(d.n, 7, "blocks");
    OK(d.levels, "Markdown headings have levels");
    BLOCK(d, 0, DOC_HEADING, 1, 1, "One");
    BLOCK(d, 1, DOC_HEADING, 2, 2, "Two");
    BLOCK(d, 2, DOC_HEADING, 3, 3, "Three");
    BLOCK(d, 3, DOC_HEADING, 4, 4, "Four");
    BLOCK(d, 4, DOC_HEADING, 5, 5, "Five");
    BLOCK(d, 5, DOC_HEADING, 6, 6, "Six");
    BLOCK(d, 6, DOC_PARA, 0, 7, "####### Seven"); /* seven marks make no heading */
    OK(d.title == NULL, "no front matter, no title");
    INT_EQ(d.nwarnings, 0, "warnings");
    doc_release(&d);
}

static void test_setext_headings(void)
{
    doc d;
    read_ok(&d, "The *Title*\n=====\n\nA sub\nheading\n---\n\nSome text.\n");
    INT_EQ(d.n, 3, "blocks");
    BLOCK(d, 0, DOC_HEADING, 1, 1, "The Title");
    BLOCK(d, 1, DOC_HEADING, 2, 4, "A sub heading");
    BLOCK(d, 2, DOC_PARA, 0, 8, "Some text.");
    doc_release(&d);
}

static void test_yaml_front_matter(void)
{
    doc d;
    read_ok(&d, "---\nlayout: post\ntitle: \"Volcanoes: an \\\"Intro\\\"\"\ntags: [a, b]\n---\n"
                "# Head\n\nText here.\n");
    STR_EQ(d.title, "Volcanoes: an \"Intro\"", "double-quoted title");
    INT_EQ(d.title_line, 3, "title line");
    INT_EQ(d.n, 2, "blocks: the front matter gives none");
    BLOCK(d, 0, DOC_HEADING, 1, 6, "Head");
    BLOCK(d, 1, DOC_PARA, 0, 8, "Text here.");
    doc_release(&d);

    read_ok(&d, "---\ntitle: 'It''s a test'\n...\nBody\n");
    STR_EQ(d.title, "It's a test", "single-quoted title, closed by '...'");
    INT_EQ(d.title_line, 2, "title line");
    BLOCK(d, 0, DOC_PARA, 0, 4, "Body");
    doc_release(&d);

    read_ok(&d, "---\ntitle: Plain   title # a comment\nsubtitle: no\n---\n");
    STR_EQ(d.title, "Plain title", "plain title without its comment");
    INT_EQ(d.n, 0, "no blocks after the front matter");
    doc_release(&d);

    read_ok(&d, "---\ntitle: >-\n  Folded over\n  two lines\ndate: 2020\n---\n\nx\n");
    STR_EQ(d.title, "Folded over two lines", "block scalar title");
    BLOCK(d, 0, DOC_PARA, 0, 8, "x");
    doc_release(&d);

    read_ok(&d, "---\nmeta:\n  title: nested\ntitle:\n---\n# H\n");
    OK(d.title == NULL, "a nested key or an empty title is no title");
    BLOCK(d, 0, DOC_HEADING, 1, 6, "H");
    doc_release(&d);
}

static void test_toml_front_matter(void)
{
    doc d;
    read_ok(&d, "+++\ndate = 2021-01-01\ntitle = \"Caf\\u00e9 \\\"society\\\"\"\n"
                "[params]\ntitle = \"not this\"\n+++\n## Section\n\nBody.\n");
    STR_EQ(d.title, "Caf\xC3\xA9 \"society\"", "TOML basic string title");
    INT_EQ(d.title_line, 3, "title line");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(d, 0, DOC_HEADING, 2, 7, "Section");
    BLOCK(d, 1, DOC_PARA, 0, 9, "Body.");
    doc_release(&d);

    read_ok(&d, "+++\n  title='C:\\path'  # literal\n+++\nx\n");
    STR_EQ(d.title, "C:\\path", "TOML literal string title");
    INT_EQ(d.title_line, 2, "title line");
    BLOCK(d, 0, DOC_PARA, 0, 4, "x");
    doc_release(&d);

    read_ok(&d, "+++\n[params]\ntitle = \"in a table\"\n+++\n");
    OK(d.title == NULL, "a table's title is not the page's");
    doc_release(&d);
}

static void test_html_faq(void)
{
    doc d;
    read_ok(&d, "## FAQ\n\n<details>\n<summary>Why wrap a hive?</summary>\n\nIt is not needed.\n\n"
                "</details>\n\n<div>other HTML</div>\n");
    INT_EQ(d.n, 3, "the heading, the question from the HTML block, the answer");
    BLOCK(d, 0, DOC_HEADING, 2, 1, "FAQ");
    BLOCK(d, 1, DOC_QUESTION, 0, 4, "Why wrap a hive?");
    BLOCK(d, 2, DOC_PARA, 0, 6, "It is not needed.");
    doc_release(&d);
}

static void test_unclosed_front_matter(void)
{
    /* no error: the file is read as Markdown, with a warning (plain notes
     * may open with a rule) */
    doc d;
    read_ok(&d, "---\ntitle: x\n\n# Heading\n\nText\n");
    OK(d.title == NULL, "no title from an unclosed front matter");
    INT_EQ(d.nwarnings, 1, "one warning");
    if (d.nwarnings)
        STR_EQ(d.warnings[0], "t.md:1: front matter opened with '---' is never closed, read as text",
               "warning");
    OK(d.n >= 2 && d.v[d.n - 2].kind == DOC_HEADING, "the heading is read");
    doc_release(&d);

    read_ok(&d, "+++\ntitle = \"x\"\n---\n");
    INT_EQ(d.nwarnings, 1, "TOML closed by YAML's marker: a warning");
    if (d.nwarnings)
        STR_EQ(d.warnings[0], "t.md:1: front matter opened with '+++' is never closed, read as text",
               "warning");
    doc_release(&d);

    read_ok(&d, "---");
    INT_EQ(d.nwarnings, 1, "a lone marker: a warning");
    INT_EQ(d.n, 0, "and nothing to read");
    doc_release(&d);

    /* a marker line that is more than the marker opens nothing */
    read_ok(&d, "----\n\ntext\n");
    INT_EQ(d.n, 1, "a thematic break and a paragraph");
    BLOCK(d, 0, DOC_PARA, 0, 3, "text");
    doc_release(&d);
}

static void test_code_skipped(void)
{
    doc d;
    read_ok(&d, "# H\n\n```sh\n# comment\necho hi\n```\n\nAfter.\n\n~~~\n## not either\n~~~\n"
                "\n    # indented code\n    more code\n\nOutro.\n");
    INT_EQ(d.n, 3, "blocks");
    BLOCK(d, 0, DOC_HEADING, 1, 1, "H");
    BLOCK(d, 1, DOC_PARA, 0, 8, "After.");
    BLOCK(d, 2, DOC_PARA, 0, 17, "Outro.");
    doc_release(&d);

    /* an HTML block and a thematic break give nothing either */
    read_ok(&d, "<div>\n# no\n</div>\n\nText.\n\n***\n\nEnd.\n");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(d, 0, DOC_PARA, 0, 5, "Text.");
    BLOCK(d, 1, DOC_PARA, 0, 9, "End.");
    doc_release(&d);
}

static void test_tables(void)
{
    doc d;
    read_ok(&d, "Before.\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\nx | y\n--|--\n1 | 2\n\n"
                "| only | pipes |\n| no | rule |\n\n|x| is the absolute value.\n\nAfter.\n");
    INT_EQ(d.n, 3, "blocks");
    BLOCK(d, 0, DOC_PARA, 0, 1, "Before.");
    BLOCK(d, 1, DOC_PARA, 0, 14, "|x| is the absolute value.");
    BLOCK(d, 2, DOC_PARA, 0, 16, "After.");
    INT_EQ(d.nwarnings, 3, "one warning a table");
    if (d.nwarnings == 3) {
        STR_EQ(d.warnings[0], "t.md:3: table skipped (tables give no questions)", "warning");
        STR_EQ(d.warnings[1], "t.md:7: table skipped (tables give no questions)", "warning");
        STR_EQ(d.warnings[2], "t.md:11: table skipped (tables give no questions)", "warning");
    }
    doc_release(&d);
}

static void test_links_and_images(void)
{
    doc d;
    read_ok(&d, "See [the *docs*](https://x.org/docs \"Docs\") and [ref][r].\n\n"
                "[r]: https://y.org/\n\n"
                "Mail <a@b.co>, <https://x.org>, [https://x.org/a](https://x.org/a), "
                "[www.x.org](http://www.x.org), [x.org](https://x.org/) or [me](mailto:m@x.org).\n\n"
                "A ![alt text](i.png) B [![badge](b.svg)](https://ci.org) C.\n\n"
                "a <span class=\"k\">b</span> c<br>d\n");
    INT_EQ(d.n, 4, "blocks");
    BLOCK(d, 0, DOC_PARA, 0, 1, "See the docs and ref.");
    BLOCK(d, 1, DOC_PARA, 0, 5, "Mail , , , , or me.");
    BLOCK(d, 2, DOC_PARA, 0, 7, "A B C.");
    BLOCK(d, 3, DOC_PARA, 0, 9, "a b cd");
    for (size_t i = 0; i < d.n; i++)
        OK(!strstr(d.v[i].text, "http") && !strstr(d.v[i].text, "png"), "no URL in \"%s\"",
           d.v[i].text);
    doc_release(&d);
}

static void test_inline_marks(void)
{
    doc d;
    read_ok(&d, "*em* **strong** _u_ __s__ ***both*** `code` ``a ` b`` x\\*y &amp; &copy;\n"
                "soft  \nhard\\\nend\n");
    INT_EQ(d.n, 1, "blocks");
    BLOCK(d, 0, DOC_PARA, 0, 1, "em strong u s both code a ` b x*y & \xC2\xA9 soft hard end");
    doc_release(&d);

    read_ok(&d, "## FAQ\n\n**Q: How does it work?**\n\nA: It *just* does.[3]\n");
    INT_EQ(d.n, 3, "blocks");
    BLOCK(d, 0, DOC_HEADING, 2, 1, "FAQ");
    BLOCK(d, 1, DOC_PARA, 0, 3, "Q: How does it work?");
    BLOCK(d, 2, DOC_PARA, 0, 5, "A: It just does.");
    doc_release(&d);
}

static void test_lists(void)
{
    doc d;
    read_ok(&d, "- apple\n- pear\n\n1. one\n2. two\n   - two a\n   - two b\n3. three\n");
    INT_EQ(d.n, 7, "blocks");
    ITEM(d, 0, 1, 1, "apple");
    ITEM(d, 1, 1, 2, "pear");
    ITEM(d, 2, 2, 4, "one");
    ITEM(d, 3, 2, 5, "two");
    ITEM(d, 4, 3, 6, "two a");
    ITEM(d, 5, 3, 7, "two b");
    ITEM(d, 6, 2, 8, "three");
    INT_EQ(d.nlists, 3, "lists");
    doc_release(&d);

    /* a paragraph between two lists of the same kind parts them */
    read_ok(&d, "- a\n\ntext\n\n- b\n");
    INT_EQ(d.n, 3, "blocks");
    ITEM(d, 0, 1, 1, "a");
    BLOCK(d, 1, DOC_PARA, 0, 3, "text");
    ITEM(d, 2, 2, 5, "b");
    doc_release(&d);

    /* an item's paragraphs join; after a nested list they go on as the item */
    read_ok(&d, "* First *para*.\n\n  Second para.\n* Next\n  - inner\n\n  after inner\n"
                "* ![only an image](x.png)\n");
    INT_EQ(d.n, 4, "blocks");
    ITEM(d, 0, 1, 1, "First para. Second para.");
    ITEM(d, 1, 1, 4, "Next");
    ITEM(d, 2, 2, 5, "inner");
    ITEM(d, 3, 1, 7, "after inner");
    INT_EQ(d.nlists, 2, "lists");
    doc_release(&d);

    /* a heading or a block quote inside an item is a block of its own */
    read_ok(&d, "- intro\n  > quoted\n- ## Head\n  body\n");
    INT_EQ(d.n, 4, "blocks");
    ITEM(d, 0, 1, 1, "intro");
    BLOCK(d, 1, DOC_PARA, 0, 2, "quoted");
    BLOCK(d, 2, DOC_HEADING, 2, 3, "Head");
    ITEM(d, 3, 1, 4, "body");
    doc_release(&d);
}

static void test_block_quotes(void)
{
    doc d;
    read_ok(&d, "> Quoted *text*\n> goes on\n>\n> Second.\n> > Inner.\n\n> - quoted item\n\nPlain.\n");
    INT_EQ(d.n, 5, "blocks");
    BLOCK(d, 0, DOC_PARA, 0, 1, "Quoted text goes on");
    BLOCK(d, 1, DOC_PARA, 0, 4, "Second.");
    BLOCK(d, 2, DOC_PARA, 0, 5, "Inner.");
    ITEM(d, 3, 1, 7, "quoted item");
    BLOCK(d, 4, DOC_PARA, 0, 9, "Plain.");
    doc_release(&d);
}

static void test_line_endings(void)
{
    doc d;
    read_ok(&d, "---\r\ntitle: CR LF\r\n---\r\n# T\r\n\r\nPara one\r\nline two\r\n\r\n- i\r\n");
    STR_EQ(d.title, "CR LF", "title");
    INT_EQ(d.title_line, 2, "title line");
    INT_EQ(d.n, 3, "blocks");
    BLOCK(d, 0, DOC_HEADING, 1, 4, "T");
    BLOCK(d, 1, DOC_PARA, 0, 6, "Para one line two");
    ITEM(d, 2, 1, 9, "i");
    doc_release(&d);

    read_ok(&d, "+++\rtitle = 'old Mac'\r+++\r## A\r\rB\r");
    STR_EQ(d.title, "old Mac", "title with CR endings");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(d, 0, DOC_HEADING, 2, 4, "A");
    BLOCK(d, 1, DOC_PARA, 0, 6, "B");
    doc_release(&d);
}

static void test_empty(void)
{
    doc d;
    read_ok(&d, "");
    INT_EQ(d.n, 0, "empty file");
    doc_release(&d);
    read_ok(&d, "---\ntitle: Only\n---\n");
    INT_EQ(d.n, 0, "front matter only");
    STR_EQ(d.title, "Only", "title");
    doc_release(&d);
    read_ok(&d, "```\nnever closed\n\n<!-- nor this\n");
    INT_EQ(d.n, 0, "an open fence takes the rest");
    doc_release(&d);
}

/* pattern repeated n times, then tail */
static char *repeat(const char *pattern, int n, const char *tail)
{
    size_t m = strlen(pattern), t = strlen(tail);
    char *s = malloc(m * (size_t)n + t + 1);
    for (int i = 0; i < n; i++)
        memcpy(s + m * (size_t)i, pattern, m);
    memcpy(s + m * (size_t)n, tail, t + 1);
    return s;
}

static void test_deep_nesting(void)
{
    doc d;
    char *s = repeat("> ", 5000, "deep");
    read_ok(&d, s);
    INT_EQ(d.n, 1, "5000 block quotes");
    BLOCK(d, 0, DOC_PARA, 0, 1, "deep");
    doc_release(&d);
    free(s);

    s = repeat("- ", 5000, "x\n");
    read_ok(&d, s);
    INT_EQ(d.n, 1, "5000 nested lists");
    ITEM(d, 0, 1, 1, "x");
    INT_EQ(d.nlists, 1, "only the list that gives an item is numbered");
    doc_release(&d);
    free(s);

    s = repeat("> 1. ", 5000, "y\n");
    read_ok(&d, s);
    INT_EQ(d.n, 1, "5000 quotes and lists");
    ITEM(d, 0, 1, 1, "y");
    doc_release(&d);
    free(s);

    /* the same depth over many lines, each line one level deeper */
    char *lines = malloc(3000 * 3001 / 2 * 2 + 3000 * 4 + 1), *p = lines;
    for (int i = 0; i < 3000; i++) {
        for (int k = 0; k <= i; k++) {
            *p++ = '>';
            *p++ = ' ';
        }
        memcpy(p, "z\n\n", 3);
        p += 3;
    }
    *p = '\0';
    read_ok(&d, lines);
    INT_EQ(d.n, 3000, "one paragraph a level");
    BLOCK(d, 2999, DOC_PARA, 0, 5999, "z");
    doc_release(&d);
    free(lines);

    /* deep inline markup */
    char *open = repeat("*", 20000, "w"), *both = repeat("*", 20000, "");
    s = malloc(strlen(open) + strlen(both) + 1);
    strcpy(s, open);
    strcat(s, both);
    read_ok(&d, s);
    INT_EQ(d.n, 1, "20000 emphasis marks around a word");
    BLOCK(d, 0, DOC_PARA, 0, 1, "w");
    doc_release(&d);
    free(s);
    free(open);
    free(both);

    s = repeat("[", 20000, "v](u)");
    read_ok(&d, s);
    INT_EQ(d.n, 1, "20000 open brackets");
    doc_release(&d);
    free(s);

    s = repeat("[a](", 5000, "");
    read_ok(&d, s);
    INT_EQ(d.n, 1, "5000 open links");
    doc_release(&d);
    free(s);
}

int main(void)
{
    test_atx_headings();
    test_setext_headings();
    test_yaml_front_matter();
    test_toml_front_matter();
    test_unclosed_front_matter();
    test_html_faq();
    test_code_skipped();
    test_tables();
    test_links_and_images();
    test_inline_marks();
    test_lists();
    test_block_quotes();
    test_line_endings();
    test_empty();
    test_deep_nesting();
    return test_summary();
}
