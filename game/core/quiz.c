/* quiz.c - config to article to items to a round (quiz.h). Start reading at
 * quiz_open(). */
#include "quiz.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "util.h"

int quiz_open(quiz *q, const config *c, const char *path, char **err)
{
    memset(q, 0, sizeof *q);
    q->cfg = c;
    q->path = path ? xstrdup(path) : config_article(c);
    char *buf = NULL;
    size_t len = 0;
    if (read_file_max(q->path, ARTICLE_MAX_BYTES, &buf, &len) != 0) {
        const char *why = errno == EFBIG ? ARTICLE_TOO_LARGE : read_file_strerror(errno);
        if (path || c->article_line == 0)
            *err = xasprintf("%s: cannot open article: %s", q->path, why);
        else
            *err = xasprintf("%s:%d: cannot open article '%s': %s", c->file, c->article_line,
                             q->path, why);
        return -1;
    }
    int rc = article_parse(q->path, buf, len, &q->art, err);
    free(buf);
    if (rc != 0)
        return -1;
    q->mask = xcalloc(q->art->ntopics ? q->art->ntopics : 1, sizeof *q->mask);
    for (size_t i = 0; i < q->art->ntopics; i++)
        q->mask[i] = true;
    return 0;
}

/* "file:line", or the file alone for a default. */
static char *where(const config *c, int line)
{
    const char *file = c->file ? c->file : "(defaults)";
    return line > 0 ? xasprintf("%s:%d", file, line) : xstrdup(file);
}

/* Marks (or unmarks) in mask every topic named in list. */
static int apply_topics(const quiz *q, const char *list, int line, bool value, char **err)
{
    const article *a = q->art;
    const char *p = list ? list : "";
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char *name = xstrndup_trimmed(p, n);
        p += n;
        if (*p == ',')
            p++;
        if (!name[0]) {
            free(name);
            continue;
        }
        if (str_icmp(name, "all") == 0) {
            for (size_t i = 0; i < a->ntopics; i++)
                q->mask[i] = value;
            free(name);
            continue;
        }
        long k = article_find_topic(a, name);
        if (k < 0 || (size_t)k >= a->ntopics) {
            strbuf sb = STRBUF_INIT;
            char *at = where(q->cfg, line);
            strbuf_addf(&sb, "%s: unknown topic '%s' (valid: all", at, name);
            for (size_t i = 0; i < a->ntopics; i++)
                strbuf_addf(&sb, ", %s", a->topics[i].slug);
            strbuf_addc(&sb, ')');
            free(at);
            *err = strbuf_detach(&sb);
            free(name);
            return -1;
        }
        q->mask[k] = value;
        free(name);
    }
    return 0;
}

int quiz_topics(quiz *q, char **err)
{
    const config *c = q->cfg;
    *err = NULL;
    for (size_t i = 0; i < q->art->ntopics; i++)
        q->mask[i] = false;
    if (apply_topics(q, c->include, c->include_line, true, err) != 0 ||
        apply_topics(q, c->exclude, c->exclude_line, false, err) != 0)
        return -1;
    for (size_t i = 0; i < q->art->ntopics; i++)
        if (q->mask[i])
            return 0;
    char *at = where(c, c->include_line > c->exclude_line ? c->include_line : c->exclude_line);
    *err = xasprintf("%s: no topic left after include and exclude", at);
    free(at);
    return -1;
}

void quiz_build(quiz *q, const lex *lx)
{
    item_set_release(&q->all);
    gen_options g = {q->cfg->difficulty, q->cfg->choices, 0, lx};
    q->gen = g;
    gen_build(q->art, &q->gen, &q->all);
}

void quiz_close(quiz *q)
{
    item_set_release(&q->all);
    article_free(q->art);
    free(q->mask);
    free(q->path);
    memset(q, 0, sizeof *q);
}

size_t quiz_in_play(const quiz *q)
{
    size_t n = 0;
    for (size_t i = 0; i < q->all.n; i++)
        n += q->mask[q->all.items[i].topic_index];
    return n;
}

uint64_t quiz_seed(const config *c, bool have_seed, uint64_t given)
{
    return have_seed ? given : c->seed ? c->seed : rng_fresh_seed();
}

size_t quiz_deal(const quiz *q, uint64_t seed, size_t count, config_mode mode, const uint8_t *tier,
                 item_set *out)
{
    const config *c = q->cfg;
    deck_options d = {count ? count : (size_t)c->questions,
                      seed,
                      c->shuffle_questions,
                      c->shuffle_choices,
                      q->mask,
                      q->art->ntopics,
                      mode == MODE_SOLO ? 0 : DECK_TEAM_CHOICES,
                      tier};
    return deck_deal(&q->all, &d, out);
}

size_t quiz_dealable(const quiz *q, uint64_t seed, config_mode mode, deck_left_out *why)
{
    /* as quiz_deal() does, with room for every item; the shuffles change
     * only the order */
    deck_options d = {q->all.n ? q->all.n : 1,
                      seed,
                      false,
                      false,
                      q->mask,
                      q->art->ntopics,
                      mode == MODE_SOLO ? 0 : DECK_TEAM_CHOICES,
                      NULL};
    item_set round = {0};
    size_t n = deck_deal_why(&q->all, &d, &round, why);
    item_set_release(&round);
    return n;
}

char *quiz_short_message(const deck_left_out *why, size_t dealt, size_t wanted)
{
    if (dealt >= wanted)
        return NULL;
    strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "only %zu of %zu questions could be made: ", dealt, wanted);
    if (why->in_play <= dealt) {
        strbuf_addf(&sb, "the topics in play give %zu item%s", why->in_play,
                    why->in_play == 1 ? "" : "s");
        return strbuf_detach(&sb);
    }
    strbuf_addf(&sb, "the topics in play give %zu items, but a round asks about each sentence "
                     "once and gives no answer away (",
                why->in_play);
    const char *sep = "";
    if (why->same_source) {
        strbuf_addf(&sb, "%zu share a sentence with another question", why->same_source);
        sep = ", ";
    }
    if (why->same_prompt) {
        strbuf_addf(&sb, "%s%zu repeat another's question", sep, why->same_prompt);
        sep = ", ";
    }
    if (why->gives_away)
        strbuf_addf(&sb, "%s%zu would give another's answer away", sep, why->gives_away);
    strbuf_addc(&sb, ')');
    return strbuf_detach(&sb);
}
