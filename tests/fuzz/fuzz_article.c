/* fuzz_article.c - article_parse() on arbitrary bytes.
 *
 * FUZZ_ARTICLE_NAME is the file name given to the parser, which picks the
 * reader by it: "fuzz.txt" (by content: plain text, or Markdown or HTML
 * when the bytes look like them), and the targets fuzz_markdown.c
 * ("fuzz.md", libcmark) and fuzz_html.c ("fuzz.html", gumbo) include this
 * file with their own name.
 *
 * On success the tree is walked and its documented invariants checked: at
 * least one topic; every slug non-empty, of [a-z0-9-] and unique; every
 * section with a title and at least one non-empty paragraph; the FAQ topic
 * with pairs (question ending in '?', answer non-empty) and no sections.
 * On failure the error is one line starting with the given name.
 */
#include <stdbool.h>
#include <string.h>

#include "article.h"
#include "fuzz.h"

#ifndef FUZZ_ARTICLE_NAME
#define FUZZ_ARTICLE_NAME "fuzz.txt"
#endif
#define NAME_LEN (sizeof FUZZ_ARTICLE_NAME - 1)

static bool slug_ok(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return false;
    return true;
}

static void check_article(const article *a)
{
    fuzz_check(a->name && strcmp(a->name, FUZZ_ARTICLE_NAME) == 0, "name");
    fuzz_check(a->title != NULL, "title is NULL");
    fuzz_check(a->intro != NULL, "intro is NULL");
    fuzz_check(a->ntopics >= 1 && a->topics, "no topic");
    size_t nfaq_topics = 0;
    for (size_t i = 0; i < a->ntopics; i++) {
        const article_topic *t = &a->topics[i];
        fuzz_check(slug_ok(t->slug), "topic %zu: bad slug '%s'", i, t->slug ? t->slug : "(null)");
        fuzz_check(t->title != NULL, "topic %zu: title is NULL", i);
        fuzz_check(t->line >= 1, "topic %zu: line %d", i, t->line);
        for (size_t j = 0; j < i; j++)
            fuzz_check(strcmp(a->topics[j].slug, t->slug) != 0, "slug '%s' twice", t->slug);
        if (t->is_faq) {
            nfaq_topics++;
            fuzz_check(strcmp(t->slug, "faq") == 0 || strncmp(t->slug, "faq-", 4) == 0,
                       "faq topic slug '%s'", t->slug);
            fuzz_check(t->nsections == 0, "faq topic '%s' has sections", t->slug);
            fuzz_check(t->nfaq >= 1 && t->faq, "faq topic '%s' has no pairs", t->slug);
            for (size_t k = 0; k < t->nfaq; k++) {
                const article_faq *f = &t->faq[k];
                fuzz_check(f->question && *f->question, "faq %zu: empty question", k);
                fuzz_check(f->question[strlen(f->question) - 1] == '?',
                           "faq %zu: question '%s' does not end in '?'", k, f->question);
                fuzz_check(f->answer && *f->answer, "faq %zu: empty answer", k);
                fuzz_check(f->line >= 1, "faq %zu: line %d", k, f->line);
            }
        } else {
            fuzz_check(t->nfaq == 0, "topic '%s' has faq pairs", t->slug);
            fuzz_check(t->nsections >= 1 && t->sections, "topic '%s' has no section", t->slug);
            for (size_t k = 0; k < t->nsections; k++) {
                const article_section *s = &t->sections[k];
                fuzz_check(s->title != NULL, "topic '%s' section %zu: no title", t->slug, k);
                fuzz_check(s->npara >= 1 && s->paras, "topic '%s' section '%s': no text",
                           t->slug, s->title);
                for (size_t p = 0; p < s->npara; p++)
                    fuzz_check(s->paras[p].text && *s->paras[p].text,
                               "topic '%s' section '%s': empty paragraph %zu", t->slug,
                               s->title, p);
            }
        }
    }
    fuzz_check(nfaq_topics <= 1, "%zu faq topics", nfaq_topics);
    for (size_t i = 0; i < a->nwarnings; i++)
        fuzz_check(a->warnings[i] && strncmp(a->warnings[i], FUZZ_ARTICLE_NAME ":", NAME_LEN + 1) == 0 &&
                       !strchr(a->warnings[i], '\n'),
                   "warning %zu: '%s'", i, a->warnings[i] ? a->warnings[i] : "(null)");
    /* The lookups must find every topic by its own slug. */
    for (size_t i = 0; i < a->ntopics; i++)
        fuzz_check(article_find_topic(a, a->topics[i].slug) >= 0, "slug '%s' not found",
                   a->topics[i].slug);
    (void)article_section_count(a);
    (void)article_faq_count(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    article *a = NULL;
    char *err = NULL;
    if (article_parse(FUZZ_ARTICLE_NAME, (const char *)data, size, &a, &err) == 0) {
        fuzz_check(a != NULL && err == NULL, "success without an article");
        check_article(a);
        article_free(a);
    } else {
        fuzz_check(err != NULL, "failure without a message");
        fuzz_check(strncmp(err, FUZZ_ARTICLE_NAME ":", NAME_LEN + 1) == 0 && !strchr(err, '\n'),
                   "bad error '%s'",
                   err);
        free(err);
    }
    return 0;
}
