/* article.h - read an article (plain text, Markdown or a saved web page)
 * into a title, topics, sections and FAQ pairs. Start reading at
 * article_parse().
 *
 * The parser never opens files: it takes a buffer and a length, and the file
 * name for messages and for the format (.md/.markdown: Markdown through
 * libcmark; .html/.htm: a saved web page through gumbo; anything else by its
 * content: an HTML page, Markdown when it opens with front matter or has a
 * "# " or "## " heading, else plain text). The readers are doc_*.c; the
 * rules that turn what they read into topics and sections are stated at the
 * top of article.c. The result is a read-only tree owned by the caller and
 * freed with article_free().
 */
#ifndef QUIZMILL_ARTICLE_H
#define QUIZMILL_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

/* The largest article the programs read (8 MiB, over a million words; the
 * bundled one is 6 KB). Making every item is linear in the article's size
 * but not free: about 1 s per MiB with every rule of gen_rules.c (a 6 MB
 * article 5 s on the build machine) and 50 bytes of memory per byte of text
 * (bench/gen_bench.sh), so a bigger file would keep a teacher waiting. Larger
 * files are refused with ARTICLE_TOO_LARGE as the reason (read_file_max()
 * gives EFBIG). */
#define ARTICLE_MAX_BYTES ((size_t)8 << 20)
#define ARTICLE_TOO_LARGE "larger than 8 MiB, the limit for an article"

typedef struct article_para {
    char *text; /* one paragraph, its lines joined by single spaces, trimmed */
    int line;   /* line of its first row in the file (1-based) */
    bool list;  /* the short items of one list, joined by "; " */
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
    char *title; /* see article.c: a level-1 heading, front matter, <title> or the first line */
    char *intro; /* paragraphs before the first heading joined by "\n\n"; may be "" */
    doc_format format; /* the reader that read it */
    bool markdown;     /* format == DOC_MARKDOWN */
    size_t ntopics; /* at least 1 */
    article_topic *topics;
    size_t nwarnings;
    char **warnings; /* "name:line: message" for skipped parts, in file order */
} article;

/* Parses len bytes of buf (NUL bytes are an error, not an end). On success
 * returns 0 and sets *out (free with article_free). On failure returns -1 and
 * sets *err to a malloc'd one-line message "name:line: what failed" (free it):
 * invalid UTF-8, a NUL byte, an empty article, a page in an encoding iconv
 * does not know, markup nested too deep, or no topic with text. A UTF-8 BOM and CRLF or CR line endings are
 * accepted. */
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
