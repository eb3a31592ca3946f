/* fuzz_config.c - config_parse() on arbitrary bytes, then config_topics()
 * against a small fixed article (parsed once).
 *
 * Checks: a failure leaves a one-line error starting with "config.ini:";
 * a success gives values in their documented ranges, and config_dump()'s
 * output parses back to the same dump (when its lines fit inih's limit).
 */
#include <stdbool.h>
#include <string.h>

#include "article.h"
#include "config.h"
#include "fuzz.h"
#include "quiz.h"

static const char fixed_article[] =
    "Fixed article\n"
    "\n"
    "An introduction.\n"
    "\n"
    "Geography\n"
    "\n"
    "Kazakhstan is the largest landlocked country. Its capital is Astana.\n"
    "\n"
    "History of the Region\n"
    "\n"
    "The Silk Road crossed the region, linking Samarkand, Bukhara, and Merv.\n"
    "\n"
    "Economy\n"
    "\n"
    "Turkmenistan exports natural gas.\n"
    "\n"
    "FAQ\n"
    "\n"
    "What is the capital of Kazakhstan?\n"
    "\n"
    "Astana.\n";

static const article *the_article(void)
{
    static article *a;
    if (!a) {
        char *err = NULL;
        if (article_parse("fixed.txt", fixed_article, sizeof fixed_article - 1, &a, &err) != 0)
            fuzz_fail("the fixed article does not parse: %s", err);
    }
    return a;
}

static void check_err(const char *what, const char *err)
{
    fuzz_check(err != NULL, "%s failed without a message", what);
    fuzz_check(strncmp(err, "config.ini:", 11) == 0, "%s: error without prefix: '%s'", what,
               err);
    fuzz_check(!strchr(err, '\n') && !strchr(err, '\r'), "%s: error of several lines: '%s'",
               what, err);
}

static char *dump(const config *c, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    fuzz_check(f != NULL, "open_memstream");
    config_dump(c, f);
    fclose(f);
    return buf;
}

static size_t longest_line(const char *s)
{
    size_t best = 0;
    while (*s) {
        size_t n = strcspn(s, "\n");
        if (n > best)
            best = n;
        s += n + (s[n] == '\n');
    }
    return best;
}

static void check_values(const config *c)
{
    fuzz_check(c->questions >= 1 && c->questions <= 100, "questions %d", c->questions);
    fuzz_check(c->time_limit >= 0 && c->time_limit <= 600, "time_limit %d", c->time_limit);
    fuzz_check(c->choices == 0 || (c->choices >= 2 && c->choices <= 5), "choices %d",
               c->choices);
    fuzz_check((unsigned)c->difficulty < ITEM_DIFFICULTY_COUNT, "difficulty %d",
               (int)c->difficulty);
    fuzz_check(c->width >= 320 && c->width <= 7680, "width %d", c->width);
    fuzz_check(c->height >= 240 && c->height <= 4320, "height %d", c->height);
    fuzz_check(c->font_scale >= 0.5 && c->font_scale <= 3.0, "font_scale %g", c->font_scale);
    fuzz_check(c->volume >= 0 && c->volume <= 100, "volume %d", c->volume);
    fuzz_check(c->idle_timeout >= 10 && c->idle_timeout <= 3600, "idle_timeout %d",
               c->idle_timeout);
    fuzz_check(c->article && c->include && c->exclude && c->font && c->renderer &&
                   c->exit_pin && c->data_dir && c->results,
               "a NULL string");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    const article *a = the_article();
    config c;
    config_defaults(&c);
    char *err = NULL;
    if (config_parse(&c, "config.ini", ".", (const char *)data, size, &err) != 0) {
        check_err("config_parse", err);
        free(err);
        config_release(&c);
        return 0;
    }
    fuzz_check(err == NULL, "success with a message");
    check_values(&c);

    bool mask[16];
    fuzz_check(a->ntopics <= sizeof mask / sizeof mask[0], "fixed article too big");
    quiz q; /* the pipeline's topic step on the fixed article */
    memset(&q, 0, sizeof q);
    q.cfg = &c;
    q.art = (article *)a;
    q.mask = mask;
    if (quiz_topics(&q, &err) != 0) {
        check_err("quiz_topics", err);
        free(err);
    } else {
        size_t on = 0;
        for (size_t i = 0; i < a->ntopics; i++)
            on += mask[i];
        fuzz_check(on >= 1, "quiz_topics succeeded with no topic");
    }

    /* The dump reads back to the same settings. Known gap (not checked): a
     * value that fits inih's 199-byte line only as "key=value" comes out as
     * 'key = "value"' and may pass the limit. */
    size_t len1 = 0, len2 = 0;
    char *d1 = dump(&c, &len1);
    if (longest_line(d1) > 199) {
        free(d1);
        config_release(&c);
        return 0;
    }
    config c2;
    config_defaults(&c2);
    if (config_parse(&c2, "config.ini", ".", d1, len1, &err) != 0)
        fuzz_fail("the dump does not parse back: %s", err);
    char *d2 = dump(&c2, &len2);
    fuzz_check(len1 == len2 && memcmp(d1, d2, len1) == 0, "the dump changes on a reparse");
    free(d1);
    free(d2);
    config_release(&c2);
    config_release(&c);
    return 0;
}
