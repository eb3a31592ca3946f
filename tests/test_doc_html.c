/* test_doc_html.c - the HTML reader: blocks, what is skipped, FAQ markup,
 * JSON-LD, encodings, errors and hostile nesting. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc.h"
#include "harness.h"

static int read_n(doc *d, const char *buf, size_t n, char **err)
{
    doc_init(d, "page.html");
    *err = NULL;
    return doc_read_html(d, buf, n, err);
}

static int read_s(doc *d, const char *html, char **err)
{
    return read_n(d, html, strlen(html), err);
}

/* Block i is kind/level/line/text. */
#define BLOCK(d, i, k, lev, ln, txt)                                                               \
    do {                                                                                           \
        if ((size_t)(i) < (d)->n) {                                                                \
            INT_EQ((d)->v[i].kind, k, "block %d kind", (int)(i));                                  \
            INT_EQ((d)->v[i].level, lev, "block %d level", (int)(i));                              \
            INT_EQ((d)->v[i].line, ln, "block %d line", (int)(i));                                 \
            STR_EQ((d)->v[i].text, txt, "block %d text", (int)(i));                                \
        } else {                                                                                   \
            OK(0, "block %d missing: %zu blocks", (int)(i), (d)->n);                               \
        }                                                                                          \
    } while (0)

#define LIST(d, i, num)                                                                            \
    do {                                                                                           \
        if ((size_t)(i) < (d)->n)                                                                  \
            INT_EQ((d)->v[i].list, num, "block %d list", (int)(i));                                \
    } while (0)

static void test_headings_and_paragraphs(void)
{
    doc d;
    char *err;
    int rc = read_s(&d,
                    "<!DOCTYPE html>\n"                                              /* 1 */
                    "<html><head><meta charset=\"utf-8\"></head>\n"                  /* 2 */
                    "<body>\n"                                                       /* 3 */
                    "<h1>The   Great\n Lakes</h1>\n"                                 /* 4 */
                    "<p>Five lakes <em>share</em> a <a href=\"/b\">basin</a>.</p>\n" /* 6 */
                    "<h2>Geology</h2>\n"                                             /* 7 */
                    "<p>Glaciers &amp; ice\n"                                        /* 8 */
                    "carved them.</p>\n"                                             /* 9 */
                    "<h3>Ice&nbsp;ages</h3><p>Cold.</p>\n"                           /* 10 */
                    "<h6>Deep</h6>\n"                                                /* 11 */
                    "</body></html>\n",
                    &err);
    INT_EQ(rc, 0, "plain page read");
    OK(err == NULL, "no error");
    OK(d.levels, "HTML headings carry levels");
    INT_EQ(d.n, 7, "blocks");
    BLOCK(&d, 0, DOC_HEADING, 1, 4, "The Great Lakes");
    BLOCK(&d, 1, DOC_PARA, 0, 6, "Five lakes share a basin.");
    BLOCK(&d, 2, DOC_HEADING, 2, 7, "Geology");
    BLOCK(&d, 3, DOC_PARA, 0, 8, "Glaciers & ice carved them.");
    BLOCK(&d, 4, DOC_HEADING, 3, 10, "Ice ages");
    BLOCK(&d, 5, DOC_PARA, 0, 10, "Cold.");
    BLOCK(&d, 6, DOC_HEADING, 6, 11, "Deep");
    INT_EQ(d.nwarnings, 0, "no warnings");
    OK(d.title == NULL, "no title");
    doc_release(&d);
}

static void test_title(void)
{
    doc d;
    char *err;
    int rc = read_s(&d,
                    "<html>\n<head>\n<title>\n  Lakes &amp; Rivers  |  Site\n</title>\n</head>\n"
                    "<body><p>x</p><svg><title>icon</title></svg></body></html>",
                    &err);
    INT_EQ(rc, 0, "read");
    STR_EQ(d.title, "Lakes & Rivers | Site", "title cleaned");
    INT_EQ(d.title_line, 3, "title line");
    INT_EQ(d.n, 1, "blocks");
    BLOCK(&d, 0, DOC_PARA, 0, 7, "x");
    doc_release(&d);

    rc = read_s(&d, "<title> </title><p>y</p>", &err);
    INT_EQ(rc, 0, "read");
    OK(d.title == NULL, "an empty title is none");
    doc_release(&d);
}

static void test_main_and_article(void)
{
    doc d;
    char *err;
    /* the first <main>, nothing outside it */
    int rc = read_s(&d,
                    "<body>\n"
                    "<div><p>Before main</p></div>\n"
                    "<main>\n"
                    "<h1>Inside</h1>\n"
                    "<p>Main text.</p>\n"
                    "</main>\n"
                    "<main><p>Second main</p></main>\n"
                    "<p>After main</p>\n"
                    "</body>",
                    &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 2, "only the first main");
    BLOCK(&d, 0, DOC_HEADING, 1, 4, "Inside");
    BLOCK(&d, 1, DOC_PARA, 0, 5, "Main text.");
    doc_release(&d);

    /* exactly one article: only it (an article inside it does not count) */
    rc = read_s(&d,
                "<body><p>Teaser</p>\n"
                "<article><h1>Story</h1><p>Body.</p>"
                "<article><p>Quoted post</p></article></article>\n"
                "<p>More teasers</p></body>",
                &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 3, "the article only");
    BLOCK(&d, 0, DOC_HEADING, 1, 2, "Story");
    BLOCK(&d, 1, DOC_PARA, 0, 2, "Body.");
    BLOCK(&d, 2, DOC_PARA, 0, 2, "Quoted post");
    doc_release(&d);

    /* two articles: the whole body */
    rc = read_s(&d,
                "<body><p>Intro</p><article><h2>A</h2><p>a</p></article>"
                "<article><h2>B</h2><p>b</p></article></body>",
                &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 5, "the whole body");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "Intro");
    BLOCK(&d, 3, DOC_HEADING, 2, 1, "B");
    doc_release(&d);

    /* an article in an aside does not count */
    rc = read_s(&d,
                "<body><p>Out</p><article><p>Real</p></article>"
                "<aside><article><p>Related card</p></article></aside></body>",
                &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 1, "the one real article");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "Real");
    doc_release(&d);
}

static void test_skipped_parts(void)
{
    doc d;
    char *err;
    int rc =
        read_s(&d,
               "<html><head><style>p { color: red }</style>\n"
               "<script>var x = '<p>not text</p>';</script></head>\n"
               "<body>\n"
               "<header><h1>Site name</h1><p>Tagline</p></header>\n"
               "<nav><ul><li>Home</li><li>About</li></ul></nav>\n"
               "<p>Kept <!-- a comment --> text.</p>\n"
               "<aside><p>Side note</p></aside>\n"
               "<noscript><p>Enable JS</p></noscript>\n"
               "<form><p>Search</p><input value=\"q\"><button>Go</button></form>\n"
               "<figure><img src=\"a.png\" alt=\"alt\"><figcaption>Caption</figcaption></figure>\n"
               "<pre>code block</pre>\n"
               "<p>Inline <code>code</code> kept<img src=x alt=\"no\">.</p>\n"
               "<template><p>Template</p></template>\n"
               "<svg><text>Svg</text></svg><iframe src=x>frame</iframe>\n"
               "<select><option>Opt</option></select><textarea>Area</textarea>\n"
               "<video>Video</video><canvas>Canvas</canvas>\n"
               "<footer><p>Copyright</p></footer>\n"
               "</body></html>",
               &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 2, "only the page's text");
    BLOCK(&d, 0, DOC_PARA, 0, 6, "Kept text.");
    BLOCK(&d, 1, DOC_PARA, 0, 12, "Inline code kept.");
    doc_release(&d);

    /* an article's own header and footer are read */
    rc = read_s(&d,
                "<body><header><p>Site</p></header>\n"
                "<article>\n"
                "<header><h1>Post title</h1></header>\n"
                "<p>Post text.</p>\n"
                "<footer><p>Filed under lakes</p></footer>\n"
                "</article></body>",
                &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 3, "blocks");
    BLOCK(&d, 0, DOC_HEADING, 1, 3, "Post title");
    BLOCK(&d, 1, DOC_PARA, 0, 4, "Post text.");
    BLOCK(&d, 2, DOC_PARA, 0, 5, "Filed under lakes");
    doc_release(&d);

    /* hidden things */
    rc = read_s(
        &d,
        "<p hidden>Hidden</p><p aria-hidden=\"true\">Aria</p>"
        "<p aria-hidden=\"false\">Shown</p>"
        "<div role=\"navigation\"><p>Nav</p></div><div role=\"banner\"><p>Banner</p></div>"
        "<div role=\"contentinfo\"><p>Info</p></div><div role=\"complementary\"><p>C</p></div>"
        "<div role=\"search\"><p>S</p></div><div role=\"dialog\"><p>D</p></div>"
        "<p style=\"color:red; display : none\">Styled</p><p role=\"main\">Main role</p>",
        &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "Shown");
    BLOCK(&d, 1, DOC_PARA, 0, 1, "Main role");
    doc_release(&d);
}

/* Footnotes and reviewers' comments exported at the end of a page (Google
 * Docs, Word) open with a link back to their mark: not text of the last
 * section or FAQ answer. A paragraph that merely starts with a link stays. */
static void test_note_blocks(void)
{
    doc d;
    char *err;
    int rc = read_s(&d, "<body><h1>Bins</h1>\n"
                        "<p>Compost takes six months<sup><a href=\"#ftnt1\" id=\"ftnt_ref1\">[1]</a>"
                        "</sup>.</p>\n"
                        "<p><a href=\"#shop\">The shop</a> sells bins.</p>\n"
                        "<hr><div><p><a href=\"#ftnt_ref1\" id=\"ftnt1\">[1]</a> Council audit.</p></div>\n"
                        "<div class=\"c19\"><p><a href=\"#cmnt_ref1\" id=\"cmnt1\">[a]</a>Ask Priya.</p>\n"
                        "<p>_Assigned to Priya Nair_</p></div>\n"
                        "<p><a href=\"#_ftnref2\" name=\"_ftn2\">[2]</a> A Word footnote.</p>\n"
                        "</body>",
                    &err);
    INT_EQ(rc, 0, "notes: read");
    INT_EQ(d.n, 3, "notes: the heading and two paragraphs, no note");
    BLOCK(&d, 1, DOC_PARA, 0, 2, "Compost takes six months.");
    BLOCK(&d, 2, DOC_PARA, 0, 3, "The shop sells bins.");
    doc_release(&d);
}

static void test_class_skipping(void)
{
    doc d;
    char *err;
    int rc =
        read_s(&d,
               "<body>\n"
               "<div class=\"site-header\"><p>Logo</p></div>\n"
               "<div class=\"wrap content-sidebar-wrap\">\n"
               "<h1 class=\"entry-header\">Lakes</h1>\n"
               "<p>The lakes hold a fifth of the fresh water on the surface of the Earth.</p>\n"
               "<div id=\"primary-sidebar\"><p>Popular posts</p></div>\n"
               "<ul class=\"social_share\"><li>Tweet</li></ul>\n"
               "<div class=\"Breadcrumbs\"><p>Home / Lakes</p></div>\n"
               "<div class=\"related-posts\"><p>Rivers</p></div>\n"
               "<div class=\"ad ads\"><p>Buy</p></div>\n"
               "<div class=\"cookie-banner\"><p>Cookies?</p></div>\n"
               "<div class=\"newsletter\"><p>Join</p></div><div class=\"menu\"><p>M</p></div>\n"
               "<div class=\"navbar\"><p>N</p></div><div class=\"subscribe-box\"><p>S</p></div>\n"
               "<div class=\"navigation\"><p>Next</p></div>\n"
               "<div class=\"shared-thoughts\"><p>Not a skip word: kept.</p></div>\n"
               "</div>\n"
               "<div id=\"comments\"><h2>42 comments</h2>\n"
               "<p>A comment far longer than the article, so long that it holds most of the "
               "page's text, and yet it is skipped, because comments never are content.</p></div>\n"
               "</body>",
               &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 3, "blocks");
    BLOCK(&d, 0, DOC_HEADING, 1, 4, "Lakes");
    BLOCK(&d, 1, DOC_PARA, 0, 5,
          "The lakes hold a fifth of the fresh water on the surface of the Earth.");
    BLOCK(&d, 2, DOC_PARA, 0, 15, "Not a skip word: kept.");
    doc_release(&d);

    /* a wrapper with a skip word that holds the content is read; the same
     * word on a small box is not */
    rc = read_s(&d,
                "<body class=\"has-sidebar\">\n"
                "<div class=\"layout has-sidebar\"><p>Most of the text of the page is here.</p>\n"
                "<div class=\"sidebar\"><p>Small</p></div></div>\n"
                "</body>",
                &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 1, "blocks");
    BLOCK(&d, 0, DOC_PARA, 0, 2, "Most of the text of the page is here.");
    doc_release(&d);

    /* a form wrapping the whole page (ASP.NET) is read, its controls not */
    rc = read_s(&d,
                "<body><form id=\"aspnetForm\"><h1>Title</h1><p>Article text.</p>"
                "<div class=\"search\"><input value=\"q\"><button>Go</button></div></form></body>",
                &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(&d, 0, DOC_HEADING, 1, 1, "Title");
    BLOCK(&d, 1, DOC_PARA, 0, 1, "Article text.");
    doc_release(&d);
}

static void test_lists(void)
{
    doc d;
    char *err;
    int rc = read_s(&d,
                    "<p>Lakes:</p>\n"                                            /* 1 */
                    "<ul>\n"                                                     /* 2 */
                    "<li>Superior</li>\n"                                        /* 3 */
                    "<li>Michigan\n"                                             /* 4 */
                    "  <ol><li>Green Bay</li><li>Grand Traverse Bay</li></ol>\n" /* 5 */
                    "  with bays</li>\n"                                         /* 6 */
                    "<li><p>Huron</p><p>third</p></li>\n"                        /* 7 */
                    "</ul>\n"                                                    /* 8 */
                    "<ol><li>One<li>Two</ol>\n"                                  /* 9 */
                    "<li>Lost item</li>\n",                                      /* 10 */
                    &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 10, "blocks");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "Lakes:");
    BLOCK(&d, 1, DOC_ITEM, 0, 3, "Superior");
    BLOCK(&d, 2, DOC_ITEM, 0, 4, "Michigan");
    BLOCK(&d, 3, DOC_ITEM, 0, 5, "Green Bay");
    BLOCK(&d, 4, DOC_ITEM, 0, 5, "Grand Traverse Bay");
    BLOCK(&d, 5, DOC_ITEM, 0, 6, "with bays");
    BLOCK(&d, 6, DOC_ITEM, 0, 7, "Huron third");
    BLOCK(&d, 7, DOC_ITEM, 0, 9, "One");
    BLOCK(&d, 8, DOC_ITEM, 0, 9, "Two");
    BLOCK(&d, 9, DOC_ITEM, 0, 10, "Lost item");
    int outer = d.n > 1 ? d.v[1].list : 0;
    OK(outer > 0, "lists are numbered from 1");
    LIST(&d, 2, outer);
    LIST(&d, 5, outer);
    LIST(&d, 6, outer);
    int inner = d.n > 3 ? d.v[3].list : 0;
    OK(inner != outer && inner > 0, "a nested list has its own number");
    LIST(&d, 4, inner);
    int third = d.n > 7 ? d.v[7].list : 0;
    OK(third != outer && third != inner, "the next list has its own number");
    LIST(&d, 8, third);
    OK(d.n > 9 && d.v[9].list > 0 && d.v[9].list != third, "an item outside a list");
    for (size_t i = 0; i < d.n; i++)
        if (d.v[i].kind != DOC_ITEM)
            INT_EQ(d.v[i].list, 0, "only items have a list, block %zu", i);
    doc_release(&d);
}

static void test_details_faq(void)
{
    doc d;
    char *err;
    int rc = read_s(
        &d,
        "<h2>FAQ</h2>\n"                                                   /* 1 */
        "<details>\n"                                                      /* 2 */
        "<summary><strong>How deep is Lake Superior?</strong></summary>\n" /* 3 */
        "<p>About 406 metres</p>\n"                                        /* 4 */
        "<p>at its deepest.</p>\n"                                         /* 5 */
        "<ul><li>Deepest of the five.</li></ul>\n"                         /* 6 */
        "</details>\n"
        "<details><summary>More about ice</summary>\n"                                /* 8 */
        "<p>Ice covers the lakes in winter.</p></details>\n"                          /* 9 */
        "<details open><summary>Is it fresh water? </summary>Yes, it is.</details>\n" /* 10 */
        "<details><summary>Empty?</summary></details>\n",                             /* 11 */
        &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 8, "blocks (the last question has no answer block)");
    BLOCK(&d, 0, DOC_HEADING, 2, 1, "FAQ");
    BLOCK(&d, 1, DOC_QUESTION, 0, 3, "How deep is Lake Superior?");
    BLOCK(&d, 2, DOC_ANSWER, 0, 4, "About 406 metres at its deepest. Deepest of the five.");
    BLOCK(&d, 3, DOC_PARA, 0, 8, "More about ice");
    BLOCK(&d, 4, DOC_PARA, 0, 9, "Ice covers the lakes in winter.");
    BLOCK(&d, 5, DOC_QUESTION, 0, 10, "Is it fresh water?");
    BLOCK(&d, 6, DOC_ANSWER, 0, 10, "Yes, it is.");
    BLOCK(&d, 7, DOC_QUESTION, 0, 11, "Empty?");
    doc_release(&d);
}

static void test_dl_faq(void)
{
    doc d;
    char *err;
    int rc = read_s(&d,
                    "<dl>\n"                                            /* 1 */
                    "<dt>Why are the lakes cold?</dt>\n"                /* 2 */
                    "<dd>They are deep.</dd>\n"                         /* 3 */
                    "<dd><p>And far north.</p></dd>\n"                  /* 4 */
                    "<div><dt>Are they salty?</dt><dd>No.</dd></div>\n" /* 5 */
                    "<dt>Depth</dt><dd>406 m</dd>\n"                    /* 6 */
                    "</dl>\n",
                    &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 6, "blocks");
    BLOCK(&d, 0, DOC_QUESTION, 0, 2, "Why are the lakes cold?");
    BLOCK(&d, 1, DOC_ANSWER, 0, 3, "They are deep. And far north.");
    BLOCK(&d, 2, DOC_QUESTION, 0, 5, "Are they salty?");
    BLOCK(&d, 3, DOC_ANSWER, 0, 5, "No.");
    BLOCK(&d, 4, DOC_PARA, 0, 6, "Depth");
    BLOCK(&d, 5, DOC_PARA, 0, 6, "406 m");
    doc_release(&d);
}

static void test_inline_text(void)
{
    doc d;
    char *err;
    int rc = read_s(&d,
                    "<div>\n"                                   /* 1 */
                    "Loose <b>bold</b> text<br>after a break\n" /* 2 */
                    "<p>A paragraph with a citation<sup class=\"reference\"><a href=\"#c1\">[1]"
                    "</a></sup>, a footnote<sup><a href=\"#fn2\">2</a></sup>, E = mc<sup>2</sup>"
                    " and &lt;angle&gt; &amp; <abbr>abbr</abbr>.[12]</p>\n" /* 3 */
                    "Tail text<br><br>\n"                                   /* 4 */
                    "<br>New run\n"                                         /* 5 */
                    "<blockquote><p>Quoted.</p>Loose quote</blockquote>\n"  /* 6 */
                    "</div>\n",
                    &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 6, "blocks");
    BLOCK(&d, 0, DOC_PARA, 0, 2, "Loose bold text after a break");
    BLOCK(&d, 1, DOC_PARA, 0, 3,
          "A paragraph with a citation, a footnote, E = mc2 and <angle> & abbr.");
    BLOCK(&d, 2, DOC_PARA, 0, 4, "Tail text");
    BLOCK(&d, 3, DOC_PARA, 0, 5, "New run");
    BLOCK(&d, 4, DOC_PARA, 0, 6, "Quoted.");
    BLOCK(&d, 5, DOC_PARA, 0, 6, "Loose quote");
    doc_release(&d);
}

static void test_json_ld(void)
{
    doc d;
    char *err;
    int rc = read_s(
        &d,
        "<html><head>\n"                          /* 1 */
        "<script type=\"application/ld+json\">\n" /* 2 */
        "{\"@context\": \"https://schema.org\", \"@type\": \"FAQPage\",\n"
        " \"mainEntity\": [\n"
        "  {\"@type\": \"Question\", \"name\": \"What is a lake?\",\n"
        "   \"acceptedAnswer\": {\"@type\": \"Answer\", \"text\": \"A body of water.\"}},\n"
        "  {\"@type\": \"Question\", \"name\": \"No answer?\"}\n"
        " ]}\n"
        "</script>\n"
        "<script type=\"Application/LD+JSON; charset=utf-8\">\n" /* 10 */
        "{\"@graph\": [{\"@type\": \"WebPage\", \"name\": \"Lakes\"},\n"
        " {\"@type\": [\"WebPage\", \"FAQPage\"], \"mainEntity\":\n"
        "  {\"@type\": \"Question\", \"name\": \"Which lake is largest &amp; deepest?\",\n"
        "   \"acceptedAnswer\": [{\"text\": \"<p>Lake <b>Superior</b>.</p><p>By "
        "far&nbsp;so.</p>\"},"
        " {\"text\": \"Second answer\"}]}}]}\n"
        "</script>\n"
        "<script type=\"application/ld+json\">{\"@type\": \"FAQPage\", oops}</script>\n" /* 16 */
        "</head><body>\n"                                                                /* 17 */
        "<h2>FAQ</h2>\n"                                                                 /* 18 */
        "<details><summary>What is a lake?</summary>A body of water.</details>\n"        /* 19 */
        "<script type=\"application/ld+json\">[{\"@type\": \"Article\"},\n"              /* 20 */
        " {\"@type\": \"https://schema.org/FAQPage\", \"mainEntity\": [{\"name\": \"Is it "
        "cold?\", \"acceptedAnswer\": {\"text\": \"Yes\"}}]}]</script>\n"
        "<script type=\"text/javascript\">{\"@type\": \"FAQPage\"}</script>\n"
        "</body></html>\n",
        &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 9, "blocks");
    BLOCK(&d, 0, DOC_HEADING, 2, 18, "FAQ");
    BLOCK(&d, 1, DOC_QUESTION, 0, 19, "What is a lake?");
    BLOCK(&d, 2, DOC_ANSWER, 0, 19, "A body of water.");
    /* then the JSON-LD pairs, in page order, not checked against the page's */
    BLOCK(&d, 3, DOC_QUESTION, 0, 2, "What is a lake?");
    BLOCK(&d, 4, DOC_ANSWER, 0, 2, "A body of water.");
    BLOCK(&d, 5, DOC_QUESTION, 0, 10, "Which lake is largest & deepest?");
    BLOCK(&d, 6, DOC_ANSWER, 0, 10, "Lake Superior. By far so.");
    BLOCK(&d, 7, DOC_QUESTION, 0, 20, "Is it cold?");
    BLOCK(&d, 8, DOC_ANSWER, 0, 20, "Yes");
    INT_EQ(d.nwarnings, 1, "one warning");
    if (d.nwarnings)
        STR_EQ(d.warnings[0], "page.html:16: JSON-LD block is not valid JSON, skipped",
               "bad JSON warned");
    doc_release(&d);

    /* JSON-LD alone: the pairs are the only blocks */
    rc = read_s(&d,
                "<script type=\"application/ld+json\">{\"@type\":\"FAQPage\",\"mainEntity\":"
                "{\"name\":\"Q?\",\"acceptedAnswer\":{\"text\":\"A\"}}}</script>",
                &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(&d, 0, DOC_QUESTION, 0, 1, "Q?");
    BLOCK(&d, 1, DOC_ANSWER, 0, 1, "A");
    doc_release(&d);
}

static void test_windows_1251(void)
{
    doc d;
    char *err;
    /* "Озеро" (lake) and "Вода" (water) in windows-1251 */
    const char page[] =
        "<html><head>\n"
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\n"
        "<title>\xce\xe7\xe5\xf0\xee</title></head>\n"
        "<body><h1>\xce\xe7\xe5\xf0\xee</h1>\n"
        "<p>\xc2\xee\xe4\xe0 &mdash; H2O.</p></body></html>\n";
    int rc = read_n(&d, page, sizeof page - 1, &err);
    INT_EQ(rc, 0, "windows-1251 page read");
    STR_EQ(d.title, "\xd0\x9e\xd0\xb7\xd0\xb5\xd1\x80\xd0\xbe", "title converted");
    INT_EQ(d.title_line, 3, "title line");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(&d, 0, DOC_HEADING, 1, 4, "\xd0\x9e\xd0\xb7\xd0\xb5\xd1\x80\xd0\xbe");
    BLOCK(&d, 1, DOC_PARA, 0, 5, "\xd0\x92\xd0\xbe\xd0\xb4\xd0\xb0 \xe2\x80\x94 H2O.");
    doc_release(&d);

    /* <meta charset> and koi8-r: "Мир" */
    const char koi[] = "<meta charset=KOI8-R><p>\xed\xc9\xd2</p>";
    rc = read_n(&d, koi, sizeof koi - 1, &err);
    INT_EQ(rc, 0, "koi8-r page read");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "\xd0\x9c\xd0\xb8\xd1\x80");
    doc_release(&d);

    /* an XML declaration */
    const char xml[] = "<?xml version=\"1.0\" encoding='ISO-8859-1'?>\n<html><p>caf\xe9</p></html>";
    rc = read_n(&d, xml, sizeof xml - 1, &err);
    INT_EQ(rc, 0, "ISO-8859-1 page read");
    BLOCK(&d, 0, DOC_PARA, 0, 2, "caf\xc3\xa9");
    doc_release(&d);

    /* declared windows-1251 but saved as UTF-8: read as UTF-8 */
    rc = read_s(&d, "<meta charset=\"windows-1251\"><p>\xd0\x9c\xd0\xb8\xd1\x80</p>", &err);
    INT_EQ(rc, 0, "UTF-8 under an old declaration");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "\xd0\x9c\xd0\xb8\xd1\x80");
    doc_release(&d);

    /* a UTF-8 BOM is skipped; a UTF-16 label in a meta means UTF-8 */
    rc = read_s(&d, "\xEF\xBB\xBF<meta charset=utf-16><p>caf\xc3\xa9</p>", &err);
    INT_EQ(rc, 0, "BOM");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "caf\xc3\xa9");
    doc_release(&d);

    /* a UTF-16 BOM */
    const char u16[] = "\xFF\xFE<\0p\0>\0\xe9\0\n\0<\0/\0p\0>\0";
    rc = read_n(&d, u16, sizeof u16 - 1, &err);
    INT_EQ(rc, 0, "UTF-16LE page read");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "\xc3\xa9");
    doc_release(&d);
}

static void test_encoding_errors(void)
{
    doc d;
    char *err;
    int rc = read_s(&d, "<html>\n<head>\n<meta charset=\"x-klingon\">\n</head><p>x</p>", &err);
    INT_EQ(rc, -1, "unknown charset refused");
    STR_EQ(err, "page.html:3: page encoding 'x-klingon' is not supported (save the page as UTF-8)",
           "message");
    free(err);
    doc_release(&d);

    /* undeclared, not UTF-8: windows-1252 */
    const char latin[] = "<p>Caf\xe9 cr\xe8me \x93quoted\x94</p>";
    rc = read_n(&d, latin, sizeof latin - 1, &err);
    INT_EQ(rc, 0, "undeclared Latin-1 read");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "Caf\xc3\xa9 cr\xc3\xa8me \xe2\x80\x9cquoted\xe2\x80\x9d");
    doc_release(&d);

    /* undeclared, and not windows-1252 either */
    const char bad[] = "<p>ok</p>\n<p>\xe9\x81</p>";
    rc = read_n(&d, bad, sizeof bad - 1, &err);
    INT_EQ(rc, -1, "neither UTF-8 nor windows-1252");
    STR_EQ(err, "page.html:2: invalid UTF-8 (byte 0xe9)", "message");
    free(err);
    doc_release(&d);

    /* declared UTF-8 but not */
    rc = read_s(&d, "<meta charset=utf-8>\n\n<p>caf\xe9</p>", &err);
    INT_EQ(rc, -1, "invalid UTF-8 refused");
    STR_EQ(err, "page.html:3: invalid UTF-8 (byte 0xe9)", "message");
    free(err);
    doc_release(&d);

    /* a byte the declared charset does not have */
    const char sjis[] = "<meta charset=\"shift_jis\">\n<p>\x82\xa0 \xff</p>";
    rc = read_n(&d, sjis, sizeof sjis - 1, &err);
    INT_EQ(rc, -1, "bad shift_jis refused");
    STR_EQ(err, "page.html:2: invalid shift_jis (byte 0xff)", "message");
    free(err);
    doc_release(&d);

    /* NUL bytes */
    const char nul[] = "<p>one</p>\r\n<p>t\0wo</p>";
    rc = read_n(&d, nul, sizeof nul - 1, &err);
    INT_EQ(rc, -1, "NUL refused");
    STR_EQ(err, "page.html:2: NUL byte in text (is this a binary file?)", "message");
    free(err);
    doc_release(&d);

    const char nul1252[] = "<meta charset=windows-1252><p>a</p>\n\n<p>\0</p>";
    rc = read_n(&d, nul1252, sizeof nul1252 - 1, &err);
    INT_EQ(rc, -1, "NUL after conversion refused");
    STR_EQ(err, "page.html:3: NUL byte in text (is this a binary file?)", "message");
    free(err);
    doc_release(&d);
}

static void test_tables(void)
{
    doc d;
    char *err;
    int rc = read_s(&d,
                    "<p>Before</p>\n"
                    "<table><tr><td>Lake</td><td>Area</td></tr>\n"
                    "<tr><td><table><tr><td>inner</td></tr></table></td></tr></table>\n"
                    "<p>After</p>\n"
                    "<table>\n<caption>Depths</caption><tr><td>406</td></tr></table>\n",
                    &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "Before");
    BLOCK(&d, 1, DOC_PARA, 0, 4, "After");
    INT_EQ(d.nwarnings, 2, "one warning per table (not for the one inside)");
    if (d.nwarnings == 2) {
        STR_EQ(d.warnings[0], "page.html:2: table skipped (tables give no questions)", "first");
        STR_EQ(d.warnings[1], "page.html:5: table skipped (tables give no questions)", "second");
    }
    doc_release(&d);

    /* an old page laid out in a table: read */
    rc = read_s(&d,
                "<table><tr><td class=\"menu\">Home</td>\n"
                "<td><h1>Old page</h1>Text in a cell.</td></tr></table>",
                &err);
    INT_EQ(rc, 0, "read");
    INT_EQ(d.nwarnings, 0, "no warning for a layout table");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(&d, 0, DOC_HEADING, 1, 2, "Old page");
    BLOCK(&d, 1, DOC_PARA, 0, 2, "Text in a cell.");
    doc_release(&d);
}

/* n copies of s, between head and tail. */
static char *repeat(const char *head, const char *s, size_t n, const char *tail)
{
    size_t hl = strlen(head), sl = strlen(s), tl = strlen(tail);
    char *buf = malloc(hl + sl * n + tl + 1), *p = buf;
    memcpy(p, head, hl);
    p += hl;
    for (size_t i = 0; i < n; i++, p += sl)
        memcpy(p, s, sl);
    memcpy(p, tail, tl + 1);
    return buf;
}

static double seconds_since(clock_t t)
{
    return (double)(clock() - t) / CLOCKS_PER_SEC;
}

static void test_deep_nesting(void)
{
    static const char *const tags[] = {"<div>",    "<b>",      "<span>",      "<font color=red>",
                                       "<svg><g>", "<li><ul>", "<td><table>", NULL};
    for (size_t k = 0; tags[k]; k++) {
        char *page = repeat("<html><body>\n<p>Start</p>\n", tags[k], 100000, "x</body>");
        doc d;
        char *err;
        clock_t t = clock();
        int rc = read_s(&d, page, &err);
        double s = seconds_since(t);
        INT_EQ(rc, -1, "100,000 x %s refused", tags[k]);
        STR_EQ(err, "page.html:3: markup nested deeper than 512 levels", "%s", tags[k]);
        OK(s < 2.0, "%s: refused at once (%.2f s)", tags[k], s);
        INT_EQ(d.n, 0, "no blocks");
        free(err);
        doc_release(&d);
        free(page);
    }

    /* markup the pre-scan misjudges is still refused, after the parse */
    char *odd = repeat("<p>x</p>\n", "<applet id=\"4\"></template>text<template><tt>", 3000, "");
    doc od;
    char *oerr;
    int orc = read_s(&od, odd, &oerr);
    INT_EQ(orc, -1, "odd deep markup refused");
    OK(oerr && strstr(oerr, ": markup nested deeper than 512 levels"), "message: %s",
       oerr ? oerr : "(null)");
    free(oerr);
    doc_release(&od);
    free(odd);

    /* as deep as allowed, and elements that do not nest: read */
    char *page = repeat("", "<div>", 500, "<p>Deep text</p>");
    doc d;
    char *err;
    int rc = read_s(&d, page, &err);
    INT_EQ(rc, 0, "500 levels read");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "Deep text");
    doc_release(&d);
    free(page);

    static const char *const flat[] = {"<p>a",  "<li>a",       "<table>",  "<dd>a", "<option>",
                                       "<h2>a", "<a href=x>a", "<b>a</b>", NULL};
    for (size_t k = 0; flat[k]; k++) {
        page = repeat("", flat[k], 100000, "");
        clock_t t = clock();
        rc = read_s(&d, page, &err);
        double s = seconds_since(t);
        INT_EQ(rc, 0, "100,000 x %s read", flat[k]);
        OK(s < 10.0, "%s: in reasonable time (%.2f s)", flat[k], s);
        doc_release(&d);
        free(page);
    }

    /* unclosed formatting reopened in every paragraph */
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "<p>");
    for (int i = 0; i < 400; i++)
        strbuf_addf(&sb, "<b id=%d>", i);
    for (int i = 0; i < 2000; i++)
        strbuf_adds(&sb, "</p><p>x");
    clock_t t = clock();
    rc = read_s(&d, sb.buf, &err);
    INT_EQ(rc, -1, "formatting reopened 800,000 times refused");
    OK(err && strstr(err, "page.html:1: markup too broken to read") == err, "message: %s",
       err ? err : "(null)");
    OK(seconds_since(t) < 2.0, "refused at once");
    free(err);
    doc_release(&d);
    strbuf_release(&sb);

    /* one forgotten </b>: every later paragraph is bold, that is fine */
    page = repeat("<p><b>bold", "</p><p>x", 20000, "");
    rc = read_s(&d, page, &err);
    INT_EQ(rc, 0, "a forgotten </b> read");
    INT_EQ(d.n, 20001, "blocks");
    doc_release(&d);
    free(page);
}

static void test_odd_input(void)
{
    doc d;
    char *err;
    int rc = read_n(&d, "", 0, &err);
    INT_EQ(rc, 0, "empty file");
    INT_EQ(d.n, 0, "no blocks");
    doc_release(&d);

    rc = read_s(&d, "Just some text\nthat is not HTML at all.\n\nA second line.", &err);
    INT_EQ(rc, 0, "not HTML");
    INT_EQ(d.n, 1, "one run of text");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "Just some text that is not HTML at all. A second line.");
    doc_release(&d);

    rc = read_s(&d, "<html><body><nav><a href=/>Home</a> <a href=/x>About</a></nav></body></html>",
                &err);
    INT_EQ(rc, 0, "only navigation");
    INT_EQ(d.n, 0, "no blocks");
    doc_release(&d);

    rc = read_s(&d, "<html><body><h1>Cut</h1><p>Unfinished <b>sent", &err);
    INT_EQ(rc, 0, "truncated page");
    INT_EQ(d.n, 2, "blocks");
    BLOCK(&d, 1, DOC_PARA, 0, 1, "Unfinished sent");
    doc_release(&d);

    rc = read_s(&d, "<p>tag cut <a href=\"x", &err);
    INT_EQ(rc, 0, "page ending inside a tag");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "tag cut");
    doc_release(&d);

    rc = read_s(&d, "<script>never closed <p>x</p>", &err);
    INT_EQ(rc, 0, "unclosed script");
    INT_EQ(d.n, 0, "no blocks");
    doc_release(&d);

    /* CR and CRLF line ends count as the original's lines */
    rc = read_s(&d, "<p>one</p>\r<p>two</p>\r\n<p>\r\nthree</p>", &err);
    INT_EQ(rc, 0, "CR line ends");
    BLOCK(&d, 0, DOC_PARA, 0, 1, "one");
    BLOCK(&d, 1, DOC_PARA, 0, 2, "two");
    BLOCK(&d, 2, DOC_PARA, 0, 3, "three");
    doc_release(&d);

    /* every byte value, as garbage */
    char junk[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = "<>/=\"'!-?ab pdi\n&#;x"[(x >> 16) % 20];
    }
    rc = read_n(&d, junk, sizeof junk, &err);
    INT_EQ(rc, 0, "markup soup read");
    doc_release(&d);
}

int main(void)
{
    test_note_blocks();
    test_headings_and_paragraphs();
    test_title();
    test_main_and_article();
    test_skipped_parts();
    test_class_skipping();
    test_lists();
    test_details_faq();
    test_dl_faq();
    test_inline_text();
    test_json_ld();
    test_windows_1251();
    test_encoding_errors();
    test_tables();
    test_deep_nesting();
    test_odd_input();
    return test_summary();
}
