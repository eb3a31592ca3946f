/* article.c - the outline of an article: title, topics, sections, FAQ.
 * Start reading at article_parse().
 *
 * A reader (doc_text.c, doc_md.c, doc_html.c) turns the file into a flat
 * list of blocks; this file holds the rules that turn blocks into the
 * outline a reader of the page sees. The rules, in the order they apply:
 *
 * Title. The first heading, when it is a level-1 heading ('#', <h1>) and
 * nothing but text comes before it, is the title (unless there are several
 * and the front matter names one: then they are topics); otherwise the
 * title the format names apart from the headings (front matter's title,
 * <title>); in plain text the first non-empty line.
 *
 * Skipped everywhere: back matter ("References", "Notes", "See also",
 * "External links", "Further reading", "Bibliography", "Sources",
 * "Citations", "Footnotes", "Related articles/posts", "Comments", "Share
 * this", "About the author" and their Russian names) with everything under
 * it: up to the next heading at its level or higher when levels are known,
 * to the end of a plain text (or an FAQ heading after it); headings with no
 * text under them (with a warning).
 *
 * Heading levels known (Markdown, HTML): topics are the headings at the
 * highest level present below the title (back matter, lead matter and the
 * FAQ's heading not counted). Inside a topic, sections are the
 * headings at the next level present in it; the topic's own text before its
 * first sub-heading is a section titled like the topic, and a topic with no
 * sub-heading is one such section. Deeper headings fold into their section:
 * their text joins it, the heading line is dropped.
 *
 * Plain text whose headings carry outline numbers ("1 History", "1.1
 * Origins", "2. Climate"; two in three at least) is read like Markdown, the
 * numbers giving the levels and a heading without one being a topic.
 *
 * Other plain text (no levels): a heading followed directly by another
 * heading opens a group, a topic whose sections are the headings after it
 * until two blank lines in a row, the next heading that opens a group, an
 * FAQ heading or back matter. An article that never leaves two blank lines
 * in a row (a browser paste) shows neither levels nor where a group ends:
 * there a group holds only the sub-heading directly under its heading, and
 * the headings after it are topics of their own. A paste thus gets more
 * topics, never one topic swallowing others. Every other heading is a topic
 * with one section of its title. A heading that occurs twice or more with
 * the same words, or is named like a side box ("Link to Learning", "Note",
 * "Try it"), is a box's label, not a topic: the label, the box's own title
 * line after it and their text join the section they stand in.
 *
 * Lead matter ("Learning objectives", "Contents", "In this article") is
 * skipped up to the next heading. A title ending in " - Wikipedia" (a
 * clipped page's tab title) loses that ending.
 *
 * Page furniture ("Advertisement", "Back to top", "Was this helpful?") and
 * credit, byline and date lines (doc_credit_line) are dropped in every
 * format, and a callout's label ("Tip: ", "Note: ") taken off its text.
 *
 * Lists: a list whose items are all short (at most LIST_ITEM_WORDS words,
 * none ending a sentence) is one paragraph marked as a list, its items
 * joined by "; "; other items are paragraphs each.
 *
 * FAQ: a heading with "FAQ", "Frequently asked questions", or named
 * "Questions", "Common questions", "Questions and answers", "Q&A" (any
 * case), or the Russian names, opens the FAQ block at any level. It ends at the next
 * heading at its level or higher (levels known), or at a heading that is no
 * question and is followed by text (plain text). Inside it a heading or
 * paragraph ending in '?' ("Q:", "Question:", a number allowed) is a
 * question, and the text up to the next question its answer ("A:"
 * allowed). Pairs the markup names (<details>, <dl>, FAQPage JSON-LD) join
 * the same block; a pair whose question is already there is not added
 * twice. All pairs make one topic with the slug "faq", where its first pair
 * stands.
 *
 * Documented results for odd input (not errors): a question with no answer
 * is skipped with a warning; duplicate slugs get "-2", "-3"...; a heading
 * with no ASCII letter or digit gets the slug "topic-" and 8 hex digits of
 * its hash.
  *
 * long: the outline rules below read one list of blocks in order and share
 * its state; they are one unit.
 */
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

#define GROUP_MAX_PASTED 1
#define LIST_ITEM_WORDS 12
#define NONE ((size_t)-1)

typedef struct builder {
    const doc *d;
    article *a;
    size_t topic;   /* current topic (not the FAQ), NONE before the first */
    size_t section; /* current section of that topic, NONE when none yet */
    size_t faq;     /* the FAQ topic, NONE until one is opened */
    /* levels known (Markdown, HTML, numbered plain text): walk_levels */
    bool levels;
    int topic_level;   /* headings at this level or higher make topics */
    int section_level; /* of the current topic; 0 until its first sub-heading */
    /* plain text */
    bool in_group, blank_convention;
    int group_sections;
    /* FAQ block */
    bool in_faq;
    int faq_level;
    bool have_q;
    text_map questions; /* the FAQ's questions so far, normalised */
    bool *warned;       /* per topic: its heading was named in a warning */
    char *q;
    int q_line;
    strbuf ans;
    /* back matter being skipped, and at which level it ends */
    bool skipping;
    int skip_level;
    strbuf intro;
} builder;

/* ---- small text tests ---- */

static bool is_alnum_ascii(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}


/* Does the heading equal one of names, ignoring case and a final ':'? */
static bool heading_is(const char *s, const char *const *names)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ':' || is_space((unsigned char)s[n - 1])))
        n--;
    for (size_t k = 0; names[k]; k++)
        if (strlen(names[k]) == n && str_icmp_n(s, names[k], n) == 0)
            return true;
    return false;
}

static bool is_faq_heading(const char *s)
{
    static const char *const ru[] = {
        "\xD1\x87\xD0\xB0\xD1\x81\xD1\x82\xD0\xBE \xD0\xB7\xD0\xB0\xD0\xB4\xD0\xB0\xD0\xB2\xD0"
        "\xB0\xD0\xB5\xD0\xBC\xD1\x8B\xD0\xB5 \xD0\xB2\xD0\xBE\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81"
        "\xD1\x8B", /* часто задаваемые вопросы */
        "\xD0\x92\xD0\xBE\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81\xD1\x8B \xD0\xB8 \xD0\xBE\xD1\x82\xD0"
        "\xB2\xD0\xB5\xD1\x82\xD1\x8B", /* Вопросы и ответы */
        "\xD0\xA7\xD0\xB0\xD1\x81\xD1\x82\xD0\xBE \xD0\xB7\xD0\xB0\xD0\xB4\xD0\xB0\xD0\xB2\xD0"
        "\xB0\xD0\xB5\xD0\xBC\xD1\x8B\xD0\xB5 \xD0\xB2\xD0\xBE\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81"
        "\xD1\x8B", /* Часто задаваемые вопросы */
        NULL};
    static const char *const names[] = {"questions and answers",
                                        "common questions",
                                        "questions",
                                        "q&a",
                                        "q & a",
                                        "your questions answered",
                                        NULL};
    if (str_icasestr(s, "frequently asked questions") || heading_is(s, names))
        return true;
    for (size_t k = 0; ru[k]; k++)
        if (strstr(s, ru[k]))
            return true;
    for (const char *p = s; (p = str_icasestr(p, "faq")) != NULL; p++)
        /* "FAQ" as a word or a word's start ("FAQs"), not inside another word */
        if (p == s || !is_alnum_ascii((unsigned char)p[-1]))
            return true;
    return false;
}

static bool is_back_matter(const char *s)
{
    static const char *const names[] = {
        "references",
        "reference",
        "notes",
        "notes and references",
        "footnotes",
        "citations",
        "sources",
        "works cited",
        "bibliography",
        "see also",
        "external links",
        "further reading",
        "related articles",
        "related posts",
        "related reading",
        "related stories",
        "you may also like",
        "read more",
        "more from this author",
        "comments",
        "leave a comment",
        "leave a reply",
        "share this",
        "share this article",
        "share this post",
        "about the author",
        "about the authors",
        "recommended",
        "contact us",
        "contact",
        "get in touch",

        "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x87\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x8F",
        "\xD0\x9B\xD0\xB8\xD1\x82\xD0\xB5\xD1\x80\xD0\xB0\xD1\x82\xD1\x83\xD1\x80\xD0\xB0",
        "\xD0\xA1\xD1\x81\xD1\x8B\xD0\xBB\xD0\xBA\xD0\xB8",
        "\xD0\xA1\xD0\xBC. \xD1\x82\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5",
        "\xD0\x98\xD1\x81\xD1\x82\xD0\xBE\xD1\x87\xD0\xBD\xD0\xB8\xD0\xBA\xD0\xB8",
        NULL}; /* Примечания, Литература, Ссылки, См. также, Источники */
    return heading_is(s, names);
}

/* What stands before an article's text proper: skipped up to the next
 * heading. */
static bool is_lead_matter(const char *s)
{
    static const char *const names[] = {"learning objectives",
                                        "learning outcomes",
                                        "objectives",
                                        "contents",
                                        "table of contents",
                                        "on this page",
                                        "in this article",
                                        "in this section",
                                        "jump to",
                                        NULL};
    return heading_is(s, names);
}

/* The labels of side boxes in textbooks and lessons. */
static bool is_box_label(const char *s)
{
    static const char *const names[] = {"note",
                                        "tip",
                                        "tips",
                                        "warning",
                                        "caution",
                                        "important",
                                        "example",
                                        "try it",
                                        "try this",
                                        "think about it",
                                        "everyday connection",
                                        "career connection",
                                        "link to learning",
                                        "visual connection",
                                        "evolution connection",
                                        "scientific method connection",
                                        "check your understanding",
                                        "key idea",
                                        "remember",
                                        NULL};
    return heading_is(s, names);
}

/* Removes a prefix like "Q:" / "Question:" / "A." (any case) from s. */
static const char *skip_prefix(const char *s, const char *const *prefixes)
{
    for (size_t i = 0; prefixes[i]; i++) {
        size_t m = strlen(prefixes[i]);
        if (strlen(s) > m && str_icmp_n(s, prefixes[i], m) == 0) {
            const char *p = s + m;
            if (*p == ':' || *p == '.' || *p == ')') {
                p++;
                while (is_space((unsigned char)*p))
                    p++;
                return p;
            }
        }
    }
    return s;
}

/* The question in s without numbering, "Q:" and surrounding bold marks, or
 * NULL when s is no question. */
static char *as_question(const char *s)
{
    static const char *const qprefix[] = {"question", "q",
                                          "\xD0\x92\xD0\xBE\xD0\xBF\xD1\x80"
                                          "\xD0\xBE\xD1\x81",
                                          NULL}; /* Вопрос */
    if (!doc_ends_question(s))
        return NULL;
    const char *q = s;
    while (*q == '*' || *q == '_')
        q++;
    const char *d = q;
    while (*d >= '0' && *d <= '9')
        d++;
    if (d != q && (*d == '.' || *d == ')'))
        q = d + 1;
    while (is_space((unsigned char)*q))
        q++;
    q = skip_prefix(q, qprefix);
    /* a question in quotes or emphasis ends at its '?' */
    while (*q == '"' || *q == '\'' || *q == '(')
        q++;
    size_t n = strlen(q);
    while (n && strchr("\"')*_", q[n - 1]))
        n--;
    if (n > 3 && !memcmp(q + n - 3, FULLWIDTH_QUESTION, 3)) /* kept as '?' */
        return xasprintf("%.*s?", (int)(n - 3), q);
    if (n < 2 || q[n - 1] != '?')
        return NULL;
    return xstrndup(q, n);
}

static const char *answer_start(const char *s)
{
    static const char *const aprefix[] = {"answer", "a",
                                          "\xD0\x9E\xD1\x82\xD0\xB2\xD0\xB5"
                                          "\xD1\x82",
                                          NULL}; /* Ответ */
    return skip_prefix(s, aprefix);
}

/* ---- growing arrays without stored capacities ---- */

/* Makes room for element n of *p, doubling at powers of two. */
static void grow_for(void **p, size_t n, size_t elem)
{
    if (n == 0 || (n & (n - 1)) == 0)
        *p = xrealloc(*p, (n ? 2 * n : 1) * elem);
}

/* ---- building the tree ---- */

static void warn(builder *b, int lineno, const char *fmt, ...) QUIZMILL_PRINTF(3, 4);
static void warn(builder *b, int lineno, const char *fmt, ...)
{
    article *a = b->a;
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    grow_for((void **)&a->warnings, a->nwarnings, sizeof *a->warnings);
    a->warnings[a->nwarnings++] = xasprintf("%s:%d: %s", b->d->name, lineno, msg);
    free(msg);
}

static article_topic *cur_topic(builder *b)
{
    return b->topic == NONE ? NULL : &b->a->topics[b->topic];
}

/* Ends the current section; one left without text is dropped. */
static void close_section(builder *b)
{
    article_topic *t = cur_topic(b);
    if (t && b->section != NONE) {
        article_section *s = &t->sections[b->section];
        if (s->npara == 0) {
            warn(b, s->line, "heading '%s' has no text, skipped", s->title);
            if (s->line == t->line)
                b->warned[b->topic] = true;
            free(s->title);
            t->nsections--;
        }
    }
    b->section = NONE;
}

static size_t add_topic(builder *b, const char *title, int lineno, bool faq)
{
    article *a = b->a;
    grow_for((void **)&b->warned, a->ntopics, sizeof *b->warned);
    b->warned[a->ntopics] = false;
    grow_for((void **)&a->topics, a->ntopics, sizeof *a->topics);
    article_topic *t = &a->topics[a->ntopics];
    memset(t, 0, sizeof *t);
    t->title = xstrdup(title);
    t->line = lineno;
    t->is_faq = faq;
    return a->ntopics++;
}

static void new_topic(builder *b, const char *title, int lineno)
{
    close_section(b);
    b->topic = add_topic(b, title, lineno, false);
    b->section = NONE;
    b->section_level = 0;
}

static void new_section(builder *b, const char *title, int lineno)
{
    close_section(b);
    article_topic *t = cur_topic(b);
    grow_for((void **)&t->sections, t->nsections, sizeof *t->sections);
    article_section *s = &t->sections[t->nsections];
    memset(s, 0, sizeof *s);
    s->title = xstrdup(title);
    s->line = lineno;
    b->section = t->nsections++;
}

/* A line of a page's furniture, not of its text: "Advertisement", "Back to
 * top", "Was this helpful?", "312 out of 340 found this helpful". */
static bool is_junk(const char *s)
{
    static const char *const names[] = {"advertisement",
                                        "sponsored",
                                        "sponsored content",
                                        "ad",
                                        "back to top",
                                        "\xE2\x86\x91 back to top",
                                        "top",
                                        "print",
                                        "share",
                                        "reply",
                                        "read more",
                                        "continue reading",
                                        "skip to content",
                                        "skip to main content",
                                        "was this helpful?",
                                        "print this page",
                                        "print page",
                                        "email this page",
                                        "was this article helpful?",
                                        "was this page helpful?",
                                        "loading...",
                                        NULL};
    if (heading_is(s, names))
        return true;
    const char *p = s;
    while (*p >= '0' && *p <= '9')
        p++;
    return p > s && str_icasestr(p, " found this helpful") && doc_count_words(s, strlen(s)) <= 8;
}

/* "Tip: Power tools..." reads "Power tools...": a callout's label is no
 * part of its sentence. */
static const char *without_label(const char *s)
{
    static const char *const labels[] = {"note",      "tip",      "warning", "caution",
                                         "important", "remember", "hint",    NULL};
    for (size_t k = 0; labels[k]; k++) {
        size_t m = strlen(labels[k]);
        if (str_icmp_n(s, labels[k], m) == 0 && s[m] == ':' && s[m + 1] == ' ' && s[m + 2])
            return s + m + 2;
    }
    return s;
}

/* A paragraph for the current section; before the first topic, intro. */
static void add_para(builder *b, const char *text, int lineno, bool list)
{
    if (is_junk(text))
        return;
    text = without_label(text);
    article_topic *t = cur_topic(b);
    if (!t) {
        if (b->intro.len)
            strbuf_adds(&b->intro, "\n\n");
        strbuf_adds(&b->intro, text);
        return;
    }
    if (b->section == NONE)
        new_section(b, t->title, t->line); /* the topic's own text */
    article_section *s = &t->sections[b->section];
    grow_for((void **)&s->paras, s->npara, sizeof *s->paras);
    s->paras[s->npara++] = (article_para){xstrdup(text), lineno, list};
}

/* ---- the FAQ block ---- */

/* Is q (by its normal form) a question of the FAQ already? Adds it when
 * not. */
static bool faq_has(builder *b, const char *q)
{
    char *nq = text_normalize(q, strlen(q));
    bool added = false;
    text_map_put(&b->questions, nq, 0, &added);
    free(nq);
    return !added;
}

/* Ends the pending question: kept with its answer, or skipped. */
static void flush_question(builder *b)
{
    if (!b->have_q)
        return;
    b->have_q = false;
    char *answer = strbuf_detach(&b->ans);
    if (!*answer) {
        warn(b, b->q_line, "question '%s' has no answer, skipped", b->q);
    } else if (!faq_has(b, b->q)) {
        if (b->faq == NONE)
            b->faq = add_topic(b, "Frequently asked questions", b->q_line, true);
        article_topic *t = &b->a->topics[b->faq];
        grow_for((void **)&t->faq, t->nfaq, sizeof *t->faq);
        t->faq[t->nfaq++] = (article_faq){b->q, answer, b->q_line};
        b->q = NULL;
        return;
    }
    free(answer);
    free(b->q);
    b->q = NULL;
}

static void ask(builder *b, char *q, int lineno)
{
    flush_question(b);
    b->q = q;
    b->q_line = lineno;
    b->have_q = true;
}

static void answer(builder *b, const char *text)
{
    if (!b->have_q)
        return;
    const char *t = b->ans.len ? text : answer_start(text);
    if (!*t)
        return;
    if (b->ans.len)
        strbuf_addc(&b->ans, ' ');
    strbuf_adds(&b->ans, t);
}

static void open_faq(builder *b, const char *title, int lineno, int level)
{
    close_section(b);
    flush_question(b);
    if (b->faq == NONE)
        b->faq = add_topic(b, title, lineno, true);
    b->in_faq = true;
    b->faq_level = level;
}

static void close_faq(builder *b)
{
    flush_question(b);
    b->in_faq = false;
}

/* A block inside the FAQ block (after the checks for its end). */
static void faq_block(builder *b, const doc_block *k)
{
    char *q = k->kind == DOC_ANSWER ? NULL : as_question(k->text);
    if (q) {
        ask(b, q, k->line);
        return;
    }
    /* "Q: ...? A: ..." in one paragraph (Markdown joins the two lines) */
    const char *mark = k->kind == DOC_ANSWER ? NULL : strchr(k->text, '?');
    if (mark && answer_start(mark + 1 + (mark[1] == ' ')) != mark + 1 + (mark[1] == ' ')) {
        char *head = xstrndup(k->text, (size_t)(mark - k->text) + 1);
        q = as_question(head);
        free(head);
        if (q) {
            ask(b, q, k->line);
            answer(b, mark + 1 + (mark[1] == ' '));
            return;
        }
    }
    if (b->have_q) {
        answer(b, k->text);
        return;
    }
    /* text before the first question of an FAQ block ("Here are the
     * questions we hear most") answers nothing: dropped */
}

/* A pair the markup names (DOC_QUESTION, then DOC_ANSWERs). */
static void marked_pair(builder *b, const doc_block *k)
{
    if (k->kind == DOC_QUESTION) {
        char *q = as_question(k->text);
        ask(b, q ? q : xasprintf("%s?", k->text), k->line);
    } else {
        answer(b, k->text);
    }
}

/* ---- lists ---- */

/* Blocks [i, e) are the items of one list: one list paragraph when every
 * item is short, else a paragraph each. Returns e. */
static size_t list_items(builder *b, size_t i)
{
    const doc *d = b->d;
    size_t e = i + 1;
    while (e < d->n && d->v[e].kind == DOC_ITEM && d->v[e].list == d->v[i].list)
        e++;
    bool short_items = e - i >= 2;
    for (size_t k = i; k < e && short_items; k++) {
        const char *t = d->v[k].text;
        size_t n = strlen(t);
        short_items = doc_count_words(t, n) <= LIST_ITEM_WORDS && !doc_ends_sentence(t, n);
    }
    if (!short_items || (b->in_faq)) {
        for (size_t k = i; k < e; k++) {
            if (b->in_faq)
                faq_block(b, &d->v[k]);
            else
                add_para(b, d->v[k].text, d->v[k].line, false);
        }
        return e;
    }
    strbuf sb = STRBUF_INIT;
    for (size_t k = i; k < e; k++) {
        if (sb.len)
            strbuf_adds(&sb, "; ");
        strbuf_adds(&sb, d->v[k].text);
    }
    add_para(b, strbuf_str(&sb), d->v[i].line, true);
    strbuf_release(&sb);
    return e;
}

/* ---- the walks ---- */

/* Does block k start back matter: a heading, or a line of a few words
 * ("Share this:"), named like it? */
static bool starts_back_matter(const doc_block *k)
{
    if (k->kind == DOC_HEADING)
        return is_back_matter(k->text);
    return k->kind == DOC_PARA && doc_count_words(k->text, strlen(k->text)) <= 4 &&
           is_back_matter(k->text);
}

/* Starts skipping back matter at block k (closing the FAQ block). */
static void skip_back_matter(builder *b, const doc_block *k)
{
    if (b->in_faq)
        close_faq(b);
    flush_question(b);
    b->skipping = true;
    b->in_group = false;
    b->skip_level = k->kind == DOC_HEADING ? k->level : 6; /* 6: to the next heading */
    warn(b, k->line, "'%s' skipped (back matter gives no questions)", k->text);
}

/* Skipping back matter: does block i end it? */
static bool ends_skip(builder *b, size_t i)
{
    const doc_block *k = &b->d->v[i];
    if (k->kind != DOC_HEADING || is_back_matter(k->text))
        return false;
    if (b->levels) /* an unnumbered heading of numbered plain text: a topic */
        return (k->level ? k->level : b->topic_level) <= b->skip_level;
    /* plain text: back matter under a heading runs to the end (a blog's
     * comments, an encyclopedia's references and links) unless an FAQ
     * follows; under a line ("Share this:") to the next heading */
    return b->skip_level == 6 || is_faq_heading(k->text);
}

/* What both walks do first with block i: skip back matter, take the
 * pairs the markup names, start skipping at back matter. True when that
 * used the block up. */
static bool common_block(builder *b, size_t i)
{
    const doc_block *k = &b->d->v[i];
    /* pairs the markup names (JSON-LD comes last, after any back matter) */
    if (k->kind == DOC_QUESTION || k->kind == DOC_ANSWER) {
        marked_pair(b, k);
        return true;
    }
    if (b->skipping && !ends_skip(b, i))
        return true;
    b->skipping = false;
    if ((k->kind == DOC_HEADING || k->kind == DOC_PARA) && is_junk(k->text))
        return true; /* furniture, as a heading too ("Advertisement") */
    if (k->kind == DOC_PARA && doc_credit_line(k->text, strlen(k->text)))
        return true; /* a page's byline or date ("Published May 3, 2024") */
    if (k->kind == DOC_PARA && k->text[0] == '[' &&
        doc_citation_at(k->text, strlen(k->text), 0) > 0)
        return true; /* a footnote ("[1] Figures from the council") */
    if (starts_back_matter(k)) {
        skip_back_matter(b, k);
        return true;
    }
    return false;
}

/* Does heading k end the FAQ block? One at its level or higher; in
 * numbered plain text an unnumbered one only when it is no question. */
static bool ends_faq(const builder *b, const doc_block *k)
{
    if (k->level == 0)
        return !doc_ends_question(k->text);
    return k->level <= b->faq_level;
}

static void walk_levels(builder *b, size_t start)
{
    const doc *d = b->d;
    /* topics: the highest level among headings that can be topics (not
     * back matter, lead matter, the FAQ or furniture: one stray "#
     * References" must not make every "##" a section) */
    b->levels = true;
    b->topic_level = 7;
    for (size_t i = start; i < d->n; i++) {
        const doc_block *k = &d->v[i];
        if (k->kind == DOC_HEADING && k->level && k->level < b->topic_level &&
            !is_back_matter(k->text) && !is_lead_matter(k->text) && !is_faq_heading(k->text) &&
            !is_junk(k->text))
            b->topic_level = k->level;
    }
    if (b->topic_level == 7)
        b->topic_level = 1;
    for (size_t i = start; i < d->n;) {
        const doc_block *k = &d->v[i];
        if (common_block(b, i)) {
            i++;
            continue;
        }
        if (b->in_faq && !(k->kind == DOC_HEADING && ends_faq(b, k))) {
            if (k->kind == DOC_ITEM)
                i = list_items(b, i);
            else
                faq_block(b, &d->v[i++]);
            continue;
        }
        if (b->in_faq)
            close_faq(b);
        if (k->kind == DOC_ITEM) {
            i = list_items(b, i);
            continue;
        }
        if (k->kind == DOC_PARA) {
            flush_question(b);
            add_para(b, k->text, k->line, false);
            i++;
            continue;
        }
        flush_question(b);
        /* a heading (an unnumbered one in numbered plain text: a topic) */
        int level = k->level ? k->level : b->topic_level;
        if (is_faq_heading(k->text)) {
            open_faq(b, k->text, k->line, level);
        } else if (k->level == 0 && is_box_label(k->text)) {
            /* a side box's label in numbered plain text: its text stays in
             * the section */
        } else if (is_lead_matter(k->text)) {
            b->skipping = true;
            b->skip_level = 6; /* up to the next heading */
        } else if (level <= b->topic_level || b->topic == NONE) {
            new_topic(b, k->text, k->line);
        } else {
            if (b->section_level == 0 || level < b->section_level)
                b->section_level = level;
            if (level <= b->section_level)
                new_section(b, k->text, k->line);
            /* deeper: folds into the section */
        }
        i++;
    }
}

/* A heading's words and where it stands, sorted to find repeats. */
typedef struct heading_at {
    const char *text;
    size_t i;
} heading_at;

static int by_heading_text(const void *x, const void *y)
{
    const heading_at *a = x, *b = y;
    int c = str_icmp(a->text, b->text);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Marks the side-box labels: headings (no questions, FAQ or back matter)
 * whose words occur as another heading too. Sorted, so linear after the
 * sort however many headings there are. */
static void mark_labels(const doc *d, size_t start, bool *label)
{
    heading_at *h = xmalloc((d->n + 1) * sizeof *h);
    size_t n = 0;
    for (size_t i = start; i < d->n; i++) {
        const doc_block *k = &d->v[i];
        /* a numbered heading repeated is a chapter summary's, no label */
        if (k->kind == DOC_HEADING && !doc_ends_question(k->text) && !is_faq_heading(k->text) &&
            !is_back_matter(k->text) && k->level == 0)
            h[n++] = (heading_at){k->text, i};
    }
    qsort(h, n, sizeof *h, by_heading_text);
    for (size_t r = 0; r < n;) {
        size_t e = r + 1;
        while (e < n && str_icmp(h[e].text, h[r].text) == 0)
            e++;
        for (size_t k = r; e - r >= 2 && k < e; k++)
            label[h[k].i] = true;
        r = e;
    }
    free(h);
}

static bool is_heading(const doc *d, size_t i)
{
    return i < d->n && d->v[i].kind == DOC_HEADING;
}

static void walk_plain(builder *b, size_t start)
{
    const doc *d = b->d;
    /* side-box labels: headings that occur twice or more */
    bool *label = xcalloc(d->n + 1, sizeof *label);
    mark_labels(d, start, label);
    /* blank lines after the title and before the first heading say nothing
     * of groups */
    size_t first = start;
    while (first < d->n && d->v[first].kind != DOC_HEADING)
        first++;
    for (size_t i = first + 1; i < d->n; i++)
        if (d->v[i].gap >= 2)
            b->blank_convention = true;
    for (size_t i = start; i < d->n;) {
        const doc_block *k = &d->v[i];
        if (common_block(b, i)) {
            i++;
            continue;
        }
        bool heading = k->kind == DOC_HEADING;
        bool followed_by_text = i + 1 < d->n && !is_heading(d, i + 1);
        if (b->in_faq) {
            /* a heading that is no question and has text after it ends it */
            bool ends = heading && !doc_ends_question(k->text) && followed_by_text;
            if (!ends) {
                if (k->kind == DOC_ITEM)
                    i = list_items(b, i);
                else
                    faq_block(b, &d->v[i++]);
                continue;
            }
            close_faq(b);
        }
        if (k->gap >= 2)
            b->in_group = false;
        if (!heading) {
            if (k->kind == DOC_ITEM)
                i = list_items(b, i);
            else
                add_para(b, k->text, k->line, false);
            if (k->kind != DOC_ITEM)
                i++;
            continue;
        }
        if (label[i] || is_box_label(k->text)) {
            /* a side box: its label and its own title line fold away */
            if (is_heading(d, i + 1) && !label[i + 1] && i + 2 < d->n && !is_heading(d, i + 2))
                i++;
            i++;
            continue;
        }
        if (is_faq_heading(k->text)) {
            open_faq(b, k->text, k->line, 0);
            b->in_group = false;
            i++;
            continue;
        }
        if (is_lead_matter(k->text)) {
            /* a list of contents: its lines may be headings of their own
             * ("On this page" over the questions the page answers); the
             * text proper starts at the first heading with prose under it */
            i++;
            while (i < d->n && !(is_heading(d, i) && i + 1 < d->n && d->v[i + 1].kind == DOC_PARA))
                i++;
            continue;
        }
        bool opens_group = is_heading(d, i + 1) && d->v[i + 1].gap < 2 && !label[i + 1] &&
                           !is_box_label(d->v[i + 1].text) && !is_lead_matter(d->v[i + 1].text) &&
                           !is_faq_heading(d->v[i + 1].text) && !is_back_matter(d->v[i + 1].text);
        if (opens_group) {
            new_topic(b, k->text, k->line);
            b->in_group = true;
            b->group_sections = 0;
        } else if (b->in_group && (b->blank_convention || b->group_sections < GROUP_MAX_PASTED)) {
            new_section(b, k->text, k->line);
            b->group_sections++;
        } else {
            new_topic(b, k->text, k->line);
            new_section(b, k->text, k->line);
            b->in_group = false;
        }
        i++;
    }
    free(label);
}

/* Plain text whose headings carry outline numbers ("1 History", "1.1
 * Origins"), two in three at least: the numbers give the levels, and a
 * heading without one is a topic. Questions, the FAQ and back matter are
 * not counted. */
static bool numbered_outline(const doc *d, size_t start)
{
    size_t numbered = 0, total = 0;
    for (size_t i = start; i < d->n; i++) {
        const doc_block *k = &d->v[i];
        if (k->kind != DOC_HEADING || doc_ends_question(k->text) || is_faq_heading(k->text) ||
            is_back_matter(k->text) || is_lead_matter(k->text) || is_box_label(k->text))
            continue;
        total++;
        numbered += k->level > 0;
    }
    /* a glossary or an activity without a number among numbered headings */
    return numbered >= 2 && numbered * 3 >= total * 2;
}

/* Drops topics left without text (a group heading whose sections all had
 * none, a heading with nothing under it), with a warning. */
static void drop_empty_topics(builder *b)
{
    article *a = b->a;
    size_t w = 0;
    for (size_t i = 0; i < a->ntopics; i++) {
        article_topic *t = &a->topics[i];
        if (t->nsections == 0 && t->nfaq == 0) {
            if (t->is_faq)
                warn(b, t->line, "FAQ block '%s' has no question with an answer, skipped",
                     t->title);
            else if (!b->warned[i]) /* its own section was not named already */
                warn(b, t->line, "heading '%s' has no text, skipped", t->title);
            free(t->title);
            free(t->sections);
            free(t->faq);
            continue;
        }
        a->topics[w++] = *t;
    }
    a->ntopics = w;
}

/* Warnings in file order (a topic's is added when it is dropped at the
 * end): sorted by line, stable (equal lines keep their order). */
typedef struct wline {
    int line;
    size_t at;
    char *w;
} wline;

static int by_line(const void *x, const void *y)
{
    const wline *a = x, *b = y;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return (a->at > b->at) - (a->at < b->at);
}

static void sort_warnings(article *a, size_t skip)
{
    wline *v = xmalloc((a->nwarnings + 1) * sizeof *v);
    for (size_t i = 0; i < a->nwarnings; i++)
        v[i] = (wline){atoi(a->warnings[i] + skip), i, a->warnings[i]};
    qsort(v, a->nwarnings, sizeof *v, by_line);
    for (size_t i = 0; i < a->nwarnings; i++)
        a->warnings[i] = v[i].w;
    free(v);
}

/* Builds a's outline from d's blocks. */
static void build(const doc *d, article *a)
{
    builder b = {0};
    b.d = d;
    b.a = a;
    b.topic = b.section = b.faq = NONE;
    size_t start = 0;
    /* the title: a level-1 heading before any other heading */
    size_t first = 0;
    while (first < d->n && d->v[first].kind != DOC_HEADING)
        first++;
    /* several level-1 headings are the article's topics ("# Collecting
     * nectar", "# Making honey" under a front matter's title) */
    size_t h1 = 0;
    for (size_t i = 0; i < d->n && h1 < 2; i++)
        h1 += d->v[i].kind == DOC_HEADING && d->v[i].level == 1;
    if (d->levels && first < d->n && d->v[first].level == 1 && !(h1 > 1 && d->title)) {
        a->title = xstrdup(d->v[first].text);
        for (size_t i = 0; i < first; i++)
            if (d->v[i].kind == DOC_PARA || d->v[i].kind == DOC_ITEM)
                add_para(&b, d->v[i].text, d->v[i].line, false);
        start = first + 1;
    } else if (d->title) {
        a->title = xstrdup(d->title);
    } else if (first < d->n) {
        a->title = xstrdup(d->v[first].text); /* and a topic too */
    } else {
        a->title = xstrdup(d->n ? d->v[0].text : d->name);
    }
    static const char *const site_ends[] = {" - Wikipedia", " \xE2\x80\x93 Wikipedia",
                                            " \xE2\x80\x94 Wikipedia", NULL};
    for (size_t k = 0; site_ends[k]; k++)
        if (str_iendswith(a->title, site_ends[k]) && strlen(a->title) > strlen(site_ends[k]))
            a->title[strlen(a->title) - strlen(site_ends[k])] = '\0';
    if (d->levels || numbered_outline(d, start))
        walk_levels(&b, start);
    else
        walk_plain(&b, start);
    if (b.in_faq)
        close_faq(&b);
    flush_question(&b);
    close_section(&b);
    strbuf_release(&b.ans);
    text_map_release(&b.questions);
    drop_empty_topics(&b);
    free(b.warned);
    sort_warnings(a, strlen(d->name) + 1);
    a->intro = strbuf_detach(&b.intro);
}

/* ---- unique slugs ---- */

/* An open-addressing set of slugs; each entry also remembers the next
 * suffix to try for a repeated base, so ten thousand topics with one title
 * take linear time. */
typedef struct slug_entry {
    const char *slug;
    int next; /* next "-N" to try when this slug is wanted again as a base */
} slug_entry;

typedef struct slugset {
    slug_entry *slot;
    size_t cap;
} slugset;

static slug_entry *slugset_find(slugset *set, const char *s)
{
    size_t mask = set->cap - 1;
    size_t i = (size_t)hash64(s, strlen(s), 0) & mask;
    while (set->slot[i].slug && strcmp(set->slot[i].slug, s) != 0)
        i = (i + 1) & mask;
    return &set->slot[i];
}

static void assign_slugs(article *a)
{
    slugset set = {NULL, 16};
    while (set.cap < a->ntopics * 4)
        set.cap *= 2;
    set.slot = xcalloc(set.cap, sizeof *set.slot);
    for (size_t i = 0; i < a->ntopics; i++) {
        article_topic *t = &a->topics[i];
        char *slug = t->is_faq ? xstrdup("faq") : article_slug(t->title);
        slug_entry *e = slugset_find(&set, slug);
        if (e->slug) {
            slug_entry *base = e;
            char *base_slug = slug;
            slug = NULL;
            do {
                free(slug);
                slug = xasprintf("%s-%d", base_slug, base->next++);
                e = slugset_find(&set, slug);
            } while (e->slug);
            free(base_slug);
        }
        e->slug = slug;
        e->next = 2;
        t->slug = slug;
    }
    free(set.slot);
}

/* Latin-1 letters to ASCII, for slugs: U+00C0..U+00FF. */
static const char *latin1_ascii(unsigned cp)
{
    static const char *const map[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
    return (cp >= 0xC0 && cp <= 0xFF) ? map[cp - 0xC0] : "";
}

char *article_slug(const char *heading)
{
    strbuf sb = STRBUF_INIT;
    bool dash = false;
    const unsigned char *s = (const unsigned char *)heading;
    while (*s) {
        const char *add = NULL;
        char one[2] = {0, 0};
        if (is_alnum_ascii(*s)) {
            one[0] = (char)ascii_lower(*s);
            add = one;
            s++;
        } else if (*s == 0xC3 && s[1] >= 0x80 && s[1] <= 0xBF) {
            add = latin1_ascii(0xC0 + (s[1] - 0x80));
            s += 2;
        } else {
            s++;
            while (*s && (*s & 0xC0) == 0x80)
                s++;
        }
        if (add && *add) {
            if (dash && sb.len)
                strbuf_addc(&sb, '-');
            dash = false;
            strbuf_adds(&sb, add);
        } else {
            dash = true;
        }
    }
    if (!sb.len) {
        uint64_t h = hash64(heading, strlen(heading), 0);
        strbuf_addf(&sb, "topic-%08lx", (unsigned long)(h & 0xffffffffUL));
    }
    return strbuf_detach(&sb);
}

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space((unsigned char)s[i]))
            return false;
    return true;
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

/* The line number of byte off, counting LF, CRLF and lone CR endings. */
static int line_of_offset(const char *buf, size_t len, size_t off)
{
    int no = 1;
    for (size_t i = 0; i < off; i++) {
        if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n')))
            no++;
    }
    return no;
}

/* ---- public ---- */

static int fail(char **err, const char *name, int lineno, const char *msg)
{
    *err = xasprintf("%s:%d: %s", name, lineno, msg);
    return -1;
}

static void free_topic(article_topic *t)
{
    for (size_t i = 0; i < t->nsections; i++) {
        for (size_t k = 0; k < t->sections[i].npara; k++)
            free(t->sections[i].paras[k].text);
        free(t->sections[i].paras);
        free(t->sections[i].title);
    }
    free(t->sections);
    for (size_t i = 0; i < t->nfaq; i++) {
        free(t->faq[i].question);
        free(t->faq[i].answer);
    }
    free(t->faq);
    free(t->title);
    free(t->slug);
}

static const char *no_topic_hint(doc_format f)
{
    if (f == DOC_TEXT)
        return "no topic with text (a heading is a short line followed by a paragraph)";
    return "no topic with text (topics are the headings below the title, such as '##' or "
           "<h2>, each with text under it)";
}

int article_parse(const char *name, const char *buf, size_t len, article **out, char **err)
{
    *out = NULL;
    *err = NULL;
    doc_format format = doc_detect(name, buf, len);
    if (format != DOC_HTML) { /* the HTML reader converts its declared encoding first */
        const char *nul = memchr(buf, '\0', len);
        if (nul)
            return fail(err, name, line_of_offset(buf, len, (size_t)(nul - buf)),
                        "NUL byte in text (is this a binary file?)");
        size_t bad = utf8_check(buf, len);
        if (bad < len) {
            char msg[64];
            snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02x)", (unsigned char)buf[bad]);
            return fail(err, name, line_of_offset(buf, len, bad), msg);
        }
        if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
            buf += 3;
            len -= 3;
        }
    }
    if (is_blank(buf, len))
        return fail(err, name, 1, "article is empty");

    doc d;
    doc_init(&d, name);
    int rc = format == DOC_HTML       ? doc_read_html(&d, buf, len, err)
             : format == DOC_MARKDOWN ? doc_read_markdown(&d, buf, len, err)
                                      : doc_read_text(&d, buf, len, err);
    if (rc != 0) {
        doc_release(&d);
        return -1;
    }
    article *a = xcalloc(1, sizeof *a);
    a->name = xstrdup(name);
    a->format = format;
    a->markdown = format == DOC_MARKDOWN;
    /* the reader's warnings first: build() sorts them with its own */
    for (size_t i = 0; i < d.nwarnings; i++) {
        grow_for((void **)&a->warnings, a->nwarnings, sizeof *a->warnings);
        a->warnings[a->nwarnings++] = d.warnings[i];
    }
    d.nwarnings = 0;
    build(&d, a);
    doc_release(&d);
    if (a->ntopics == 0) {
        article_free(a);
        return fail(err, name, 1, no_topic_hint(format));
    }
    assign_slugs(a);
    *out = a;
    return 0;
}

void article_free(article *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->ntopics; i++)
        free_topic(&a->topics[i]);
    free(a->topics);
    for (size_t i = 0; i < a->nwarnings; i++)
        free(a->warnings[i]);
    free(a->warnings);
    free(a->name);
    free(a->title);
    free(a->intro);
    free(a);
}

size_t article_section_count(const article *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->ntopics; i++)
        n += a->topics[i].nsections;
    return n;
}

size_t article_faq_count(const article *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->ntopics; i++)
        n += a->topics[i].nfaq;
    return n;
}

long article_find_topic(const article *a, const char *name)
{
    size_t n = strlen(name);
    trim(&name, &n);
    if (!n)
        return -1;
    for (size_t i = 0; i < a->ntopics; i++) {
        const article_topic *t = &a->topics[i];
        if ((strlen(t->slug) == n && str_icmp_n(t->slug, name, n) == 0) ||
            (strlen(t->title) == n && str_icmp_n(t->title, name, n) == 0))
            return (long)i;
    }
    return -1;
}
