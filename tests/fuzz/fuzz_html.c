/* fuzz_html.c - article_parse() on arbitrary bytes named as a saved web
 * page (the gumbo reader, doc_html.c), with fuzz_article.c's checks. */
#define FUZZ_ARTICLE_NAME "fuzz.html"
#include "fuzz_article.c"
