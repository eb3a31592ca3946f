/* fuzz_markdown.c - article_parse() on arbitrary bytes named as Markdown
 * (the libcmark reader, doc_md.c), with fuzz_article.c's checks. */
#define FUZZ_ARTICLE_NAME "fuzz.md"
#include "fuzz_article.c"
