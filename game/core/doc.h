/* doc.h - an article read into a flat list of blocks, whatever its format.
 *
 * Three readers turn a file into the same list of blocks: doc_read_text()
 * (plain text as pasted from a browser), doc_read_markdown() (CommonMark
 * through libcmark) and doc_read_html() (a saved web page through gumbo).
 * article.c then builds the outline (title, topics, sections, FAQ) from the
 * blocks alone, so the rules of what a reader sees live in one place and the
 * readers only say what is on the page.
 *
 * Every block's text is clean: no markup, entities decoded, white space
 * collapsed to single spaces, trimmed, citation marks such as "[12]" and
 * "[edit]" removed, never empty (doc_add drops a block that ends up empty).
 *
 * Ownership: a doc owns its blocks, strings and warnings; doc_release()
 * frees them. Readers never open files and never print. On bad input a
 * reader returns -1 and sets *err to a malloc'd one-line message
 * "name:line: what failed" (the caller frees it); the doc is then released
 * by the caller as usual.
 */
#ifndef QUIZMILL_DOC_H
#define QUIZMILL_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

typedef enum doc_kind {
    DOC_HEADING,  /* a heading; level says how deep */
    DOC_PARA,     /* a paragraph of prose (a block quote's paragraphs too) */
    DOC_ITEM,     /* one item of a list; items of one list share `list` */
    DOC_QUESTION, /* an FAQ question the markup marks as one (<summary>, <dt> of an FAQ, JSON-LD) */
    DOC_ANSWER    /* the answer to the DOC_QUESTION just before it */
} doc_kind;

typedef struct doc_block {
    doc_kind kind;
    int level; /* DOC_HEADING: 1..6 as the format marks it; 0 in plain text (unknown) */
    int line;  /* 1-based line of the file where the block starts */
    int gap;   /* plain text: blank lines before the block; 0 in the other formats */
    int list;  /* DOC_ITEM: a number from 1 shared by the items of one list */
    char *text;
} doc_block;

typedef struct doc {
    char *name; /* file name, for messages */
    doc_block *v;
    size_t n, cap;
    char *title;    /* the title the format names apart from the headings: YAML/TOML
                     * front matter's title, an HTML page's <title>; NULL when none */
    int title_line; /* its line */
    bool levels;    /* headings carry real levels (Markdown, HTML) */
    int nlists;     /* lists numbered so far (doc_new_list) */
    char **warnings; /* "name:line: message", in file order */
    size_t nwarnings, wcap;
} doc;

/* A zeroed doc named name (copied). */
void doc_init(doc *d, const char *name);
void doc_release(doc *d);

/* Appends a block with the text s[0..n), cleaned as said above; a block
 * whose clean text is empty is not added. Returns the block or NULL; the
 * pointer lasts until the next doc_add (the list grows). */
doc_block *doc_add(doc *d, doc_kind kind, int level, int line, const char *s, size_t n);
/* A new list number for DOC_ITEM blocks. */
int doc_new_list(doc *d);
void doc_warn(doc *d, int line, const char *fmt, ...) QUIZMILL_PRINTF(3, 4);

/* Cleans s[0..n) into a malloc'd string: white space (ASCII, no-break space,
 * line and paragraph separators) collapsed to single spaces and trimmed,
 * citation marks ("[12]", "[a]", "[note 3]", "[citation needed]", "[edit]")
 * and a worksheet's answer lines ("....", "……", "____") removed. */
char *doc_clean(const char *s, size_t n);

/* The length of the citation mark starting at s[i] == '[' ("[12]", "[a]",
 * "[note 3]", "[citation needed]", "[edit]", "[1, 2]", "[^1]"), or 0. */
size_t doc_citation_at(const char *s, size_t n, size_t i);

/* Does s[0..n) end a sentence: '.', '!' or '?', also before a closing
 * quote or bracket? */
bool doc_ends_sentence(const char *s, size_t n);

/* Does s end in a question mark ('?' or the full-width U+FF1F of Chinese
 * and Japanese text), also before closing quotes, brackets or bold marks? */
#define FULLWIDTH_QUESTION "\xEF\xBC\x9F"
bool doc_ends_question(const char *s);

/* The words of s[0..n): runs of bytes other than ASCII white space. */
size_t doc_count_words(const char *s, size_t n);

/* A credit, byline or date line, in any format never text: "By Ann Lee",
 * "Originally written by ... for ...", "Updated 3 May 2025", "Photo: ...",
 * "Source: ...", "Figure 3.2 ...", "6 min read", "Tagged bees, honey", an
 * encyclopedia's notes about the page ("Main article: ...", "From
 * Wikipedia, ..."), a row pasted with tabs, a line that is only a date. */
bool doc_credit_line(const char *s, size_t n);

/* The format of a file, from its name's extension and its first bytes. */
typedef enum doc_format { DOC_TEXT, DOC_MARKDOWN, DOC_HTML } doc_format;
doc_format doc_detect(const char *name, const char *buf, size_t len);

/* The readers. buf[0..len) is valid UTF-8 without NUL bytes and without a
 * BOM (article_parse checks), except for doc_read_html, which converts a
 * page declared in another encoding itself (iconv) or refuses it. */
int doc_read_text(doc *d, const char *buf, size_t len, char **err);
int doc_read_markdown(doc *d, const char *buf, size_t len, char **err);
int doc_read_html(doc *d, const char *buf, size_t len, char **err);

#endif
