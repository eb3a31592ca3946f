/* article.h - parse a plain-text or Markdown article into topics, sections
 * and FAQ pairs. Start reading at article_parse().
 *
 * The parser never opens files: it takes a buffer and a length, and the file
 * name only for messages. The result is a read-only tree owned by the caller
 * and freed with article_free().
 *
 * Plain-text shape (the bundled article):
 *   - the first non-empty line is the title; paragraphs before the first
 *     heading are the introduction (no topic, no items);
 *   - a heading is one line alone between blank lines, at most 15 words,
 *     not ending in '.', '?', ':', '!', ',' or ';';
 *   - a heading followed directly (one blank line) by another heading opens a
 *     group: the headings after it, each with its paragraphs, are the group's
 *     sections, until two or more blank lines or the next group heading;
 *   - a heading with paragraphs outside a group is a topic with one section
 *     of the same title.
 * Markdown shape (chosen when a line starts with "# " or "## "): '#' is the
 * title, '##' a topic, '###' a section; a '##' with paragraphs and no '###'
 * is a topic with one section; deeper headings are kept as text. Inline
 * emphasis, code marks, links and list bullets are stripped from the text.
 * FAQ block (both shapes): a heading containing "FAQ" or "Frequently Asked
 * Questions" (any case) opens it; a line ending in '?' (bold markers, a "Q:"
 * prefix or a Markdown heading mark allowed) is a question and the paragraph
 * after it is its answer ("A:" prefix allowed; later paragraphs before the
 * next question are added to it). It is one topic with the slug "faq". In
 * plain text it ends at a heading-shaped line that is not a question and is
 * followed by text; in Markdown at the next '#' or '##'.
 *
 * Documented results for odd input (not errors): a heading with no text is
 * skipped with a warning; paragraphs after a group closed by blank lines are
 * added to its last section; a question with no answer is skipped with a
 * warning; duplicate slugs get "-2", "-3"...; a heading with no ASCII letter
 * or digit gets the slug "topic-" followed by 8 hex digits of its hash.
 */
#ifndef QUIZMILL_ARTICLE_H
#define QUIZMILL_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

/* The largest article the programs read (8 MiB, over a million words; the
 * bundled one is 6 KB). Making every item is linear in the article's size
 * but not free: about 1 s per MiB and 50 bytes of memory per byte of text
 * (bench/gen_bench.sh), so a bigger file would keep a teacher waiting. Larger
 * files are refused with ARTICLE_TOO_LARGE as the reason (read_file_max()
 * gives EFBIG). */
#define ARTICLE_MAX_BYTES ((size_t)8 << 20)
#define ARTICLE_TOO_LARGE "larger than 8 MiB, the limit for an article"

typedef struct article_para {
    char *text; /* one paragraph, its lines joined by single spaces, trimmed */
    int line;   /* line of its first row in the file (1-based) */
} article_para;

typedef struct article_section {
    char *title; /* its heading; a one-section topic's section has the topic's */
    int line;    /* line of the heading */
    size_t npara;
    article_para *paras; /* at least one: sections without text are skipped */
} article_section;

typedef struct article_faq {
    char *question; /* as written, without "Q:" or bold marks, ending in '?' */
    char *answer;   /* as written, without "A:" */
    int line;       /* line of the question */
} article_faq;

typedef struct article_topic {
    char *slug;  /* lowercase ASCII, digits and '-', unique in the article */
    char *title; /* heading as written */
    int line;
    bool is_faq;
    size_t nsections; /* 0 for the FAQ topic */
    article_section *sections;
    size_t nfaq; /* only in the FAQ topic, at least 1 there */
    article_faq *faq;
} article_topic;

typedef struct article {
    char *name;  /* file name given to article_parse, for messages */
    char *title; /* first non-empty line (Markdown: the '#' heading) */
    char *intro; /* paragraphs before the first heading joined by "\n\n"; may be "" */
    bool markdown;
    size_t ntopics; /* at least 1 */
    article_topic *topics;
    size_t nwarnings;
    char **warnings; /* "name:line: message" for skipped parts, in file order */
} article;

/* Parses len bytes of buf (NUL bytes are an error, not an end). On success
 * returns 0 and sets *out (free with article_free). On failure returns -1 and
 * sets *err to a malloc'd one-line message "name:line: what failed" (free it):
 * invalid UTF-8, a NUL byte, an empty article, or no topic with text. A UTF-8
 * BOM and CRLF or CR line endings are accepted. */
int article_parse(const char *name, const char *buf, size_t len, article **out, char **err);

void article_free(article *a);

/* Number of sections with text over all topics, and of FAQ pairs. */
size_t article_section_count(const article *a);
size_t article_faq_count(const article *a);

/* Finds a topic by slug or by title, both ignoring ASCII case and spaces at
 * the ends. Returns its index or -1. */
long article_find_topic(const article *a, const char *name);

/* Writes the slug of a heading into a malloc'd string (never empty). */
char *article_slug(const char *heading);

#endif
