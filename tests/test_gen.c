/* test_gen.c - the generator's rules, re-checked from the article text.
 *
 * Every rule of gen.h is checked on the bundled article and on the test
 * articles in tests/data/articles, at every difficulty, without trusting the
 * generator: distractors are looked up in the article's own text here.
 * Set QUIZMILL_DUMP=1 to print the items (a teacher's read-through).
 */
#include "article.h"
#include "gen.h"
#include "text.h"
#include "util.h"

#include "harness.h"

#include <stdlib.h>
#include <time.h>

/* ---- helpers independent of the generator ---- */

/* Lower case, one space for white space, ’ as ', no end punctuation. */
static char *norm(const char *s)
{
    return text_normalize(s, strlen(s));
}

static void add_norm(strbuf *sb, const char *s)
{
    char *n = norm(s);
    strbuf_adds(sb, n);
    strbuf_adds(sb, "\n");
    free(n);
}

/* All the article's text, normalised, one paragraph a line. */
static char *article_text(const article *a)
{
    strbuf sb = STRBUF_INIT;
    add_norm(&sb, a->intro ? a->intro : "");
    for (size_t t = 0; t < a->ntopics; t++) {
        const article_topic *tp = &a->topics[t];
        for (size_t s = 0; s < tp->nsections; s++)
            for (size_t p = 0; p < tp->sections[s].npara; p++)
                add_norm(&sb, tp->sections[s].paras[p].text);
        for (size_t q = 0; q < tp->nfaq; q++) {
            add_norm(&sb, tp->faq[q].question);
            add_norm(&sb, tp->faq[q].answer);
        }
    }
    return strbuf_detach(&sb);
}

static char *section_text(const article_section *s)
{
    strbuf sb = STRBUF_INIT;
    for (size_t p = 0; p < s->npara; p++)
        add_norm(&sb, s->paras[p].text);
    return strbuf_detach(&sb);
}

static const article_section *find_section(const article *a, size_t topic, const char *title)
{
    const article_topic *tp = &a->topics[topic];
    for (size_t s = 0; s < tp->nsections; s++)
        if (strcmp(tp->sections[s].title, title) == 0)
            return &tp->sections[s];
    return NULL;
}

static char *replace_blank(const char *prompt, const char *with)
{
    const char *b = strstr(prompt, GEN_BLANK);
    return xasprintf("%.*s%s%s", (int)(b - prompt), prompt, with, b + strlen(GEN_BLANK));
}

static bool is_hex16(const char *s)
{
    if (strlen(s) != 16)
        return false;
    for (size_t i = 0; i < 16; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

static void dump(const item_set *s, const char *name)
{
    if (!getenv("QUIZMILL_DUMP"))
        return;
    printf("==== %s: %zu items\n", name, s->n);
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        printf("[%s | %s | %s] %s\n", item_kind_name(it->kind), it->topic, it->section, it->prompt);
        for (size_t k = 0; k < it->nchoices; k++)
            printf("   %c %s\n", k == it->answer ? '*' : '-', it->choices[k]);
    }
}

/* Checks every rule on every item (or on every step-th one). */
static void check_rules(const article *a, const item_set *s, const gen_options *opt,
                        const char *name, size_t step)
{
    char *all = article_text(a);
    size_t want = gen_choice_count(opt);
    size_t pos[ITEM_MAX_CHOICES] = {0};
    text_map ids = TEXT_MAP_INIT, pa = TEXT_MAP_INIT;
    int bad = 0; /* stop printing after a few failures */
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        /* fewer choices than asked rather than none, never fewer than three */
        size_t least = want < GEN_MIN_CHOICES ? want : GEN_MIN_CHOICES;
        OK(it->nchoices <= want && it->nchoices >= least, "%s: item %zu has %zu choices of %zu",
           name, i, it->nchoices, want);
        OK(it->answer < it->nchoices, "%s: item %zu answer index", name, i);
        if (it->answer >= it->nchoices || it->nchoices > want)
            continue;
        if (it->nchoices == want)
            pos[it->answer]++;
        OK(is_hex16(it->id), "%s: id '%s'", name, it->id);
        bool added;
        text_map_put(&ids, it->id, 0, &added);
        OK(added, "%s: duplicate id %s", name, it->id);
        char *key = xasprintf("%s\x1f%s", it->prompt, it->choices[it->answer]);
        text_map_put(&pa, key, 0, &added);
        OK(added, "%s: duplicate prompt+answer %s", name, it->prompt);
        free(key);
        OK(it->topic_index < a->ntopics && strcmp(a->topics[it->topic_index].slug, it->topic) == 0,
           "%s: topic slug of item %zu", name, i);
        if (i % step != 0 || bad > 5)
            continue;
        const char *ans = it->choices[it->answer];
        char *nans = norm(ans);
        /* distinct, similar length */
        for (size_t k = 0; k < it->nchoices; k++) {
            char *nk = norm(it->choices[k]);
            for (size_t j = k + 1; j < it->nchoices; j++) {
                char *nj = norm(it->choices[j]);
                /* an FAQ item's swapped answers differ in one term by design */
                bool dup = strcmp(nk, nj) == 0 || (it->kind != ITEM_FAQ && text_near_duplicate(nk, nj));
                OK(!dup, "%s: choices '%s' and '%s' alike in '%s'", name, it->choices[k],
                   it->choices[j], it->prompt);
                bad += dup;
                free(nj);
            }
            if (k != it->answer) {
                size_t lk = strlen(nk), la = strlen(nans);
                OK(2 * lk >= la && 2 * la >= lk, "%s: length of '%s' vs '%s'", name,
                   it->choices[k], ans);
            }
            free(nk);
        }
        /* kind rules, against the article's text */
        if (it->kind == ITEM_FAQ && strncmp(it->prompt, "Which question does this answer: \"", 34) == 0) {
            /* the answer's opening quoted; its question right, the topic's
             * other questions wrong */
            const article_topic *tp = &a->topics[it->topic_index];
            size_t q = 0;
            while (q < tp->nfaq && strcmp(tp->faq[q].question, ans) != 0)
                q++;
            OK(q < tp->nfaq, "%s: key '%s' is a question of the FAQ", name, ans);
            if (q < tp->nfaq) {
                const char *quote = it->prompt + 34;
                size_t lq = strlen(quote) >= 2 ? strlen(quote) - 2 : 0; /* less '"?' */
                OK(strncmp(tp->faq[q].answer, quote, lq) == 0, "%s: '%s' opens the answer to '%s'",
                   name, it->prompt, ans);
                STR_EQ(it->source, tp->faq[q].answer, "%s: faq source", name);
            }
            for (size_t k = 0; k < it->nchoices; k++) {
                bool is_q = false;
                for (size_t j = 0; j < tp->nfaq; j++)
                    is_q = is_q || strcmp(tp->faq[j].question, it->choices[k]) == 0;
                OK(is_q, "%s: faq choice '%s' is a question of the FAQ", name, it->choices[k]);
            }
        } else if (it->kind == ITEM_FAQ) {
            /* the key opens the answer as written; each wrong choice is the
             * key with one span swapped for a term found elsewhere in the
             * article, not in the answer */
            const article_topic *tp = &a->topics[it->topic_index];
            size_t q = 0;
            while (q < tp->nfaq && strcmp(tp->faq[q].question, it->prompt) != 0)
                q++;
            OK(q < tp->nfaq && strncmp(tp->faq[q].answer, ans, strlen(ans)) == 0,
               "%s: faq key opens the answer to '%s'", name, it->prompt);
            STR_EQ(it->source, q < tp->nfaq ? tp->faq[q].answer : "", "%s: faq source", name);
            for (size_t k = 0; k < it->nchoices && q < tp->nfaq; k++) {
                if (k == it->answer)
                    continue;
                const char *d = it->choices[k];
                size_t ld = strlen(d), la = strlen(ans), pre = 0, post = 0;
                while (pre < ld && pre < la && d[pre] == ans[pre])
                    pre++;
                while (post < ld - pre && post < la - pre && d[ld - 1 - post] == ans[la - 1 - post])
                    post++;
                /* back to word edges: the swapped span is whole words */
                while (pre > 0 && d[pre - 1] != ' ')
                    pre--;
                while (post > 0 && d[ld - post] != ' ' && !strchr(".,;:!?", d[ld - post]))
                    post--;
                char *in = xstrndup(d + pre, ld - pre - post);
                char *nin = norm(in);
                OK(*nin && strstr(all, nin) != NULL, "%s: swapped-in '%s' is the article's", name,
                   in);
                OK(!text_contains_word(tp->faq[q].answer, in),
                   "%s: swapped-in '%s' already in the answer", name, in);
                free(nin);
                free(in);
            }
        } else if (it->kind == ITEM_CLOZE) {
            const char *b = strstr(it->prompt, GEN_BLANK);
            OK(b && !strstr(b + 1, GEN_BLANK), "%s: one blank in '%s'", name, it->prompt);
            if (!b) {
                free(nans);
                continue;
            }
            char *filled = replace_blank(it->prompt, ans);
            STR_EQ(filled, it->source, "%s: cloze answer restores the source", name);
            free(filled);
            bool num = text_is_number(ans, strlen(ans));
            for (size_t k = 0; k < it->nchoices; k++) {
                if (k == it->answer)
                    continue;
                const char *d = it->choices[k];
                char *f = replace_blank(it->prompt, d);
                char *nf = norm(f);
                bool found = strstr(all, nf) != NULL;
                OK(!found, "%s: distractor '%s' makes a sentence of the article: %s", name, d, f);
                bad += found;
                OK(!text_contains_word(it->source, d), "%s: distractor '%s' already in '%s'",
                   name, d, it->source);
                OK(text_is_number(d, strlen(d)) == num, "%s: '%s' not of the kind of '%s'", name,
                   d, ans);
                free(nf);
                free(f);
            }
        } else if (it->kind == ITEM_SECTION) {
            const char *q = strchr(it->prompt, '"'), *e = strrchr(it->prompt, '"');
            OK(q && e > q && strncmp(it->prompt, "Which section says: ", 20) == 0,
               "%s: section prompt '%s'", name, it->prompt);
            char *sn = q && e > q ? text_normalize(q + 1, (size_t)(e - q - 1)) : xstrdup("");
            size_t holders = 0;
            const char *holder = NULL;
            for (size_t t = 0; t < a->ntopics; t++)
                for (size_t x = 0; x < a->topics[t].nsections; x++) {
                    char *st = section_text(&a->topics[t].sections[x]);
                    if (strstr(st, sn)) {
                        holders++;
                        holder = a->topics[t].sections[x].title;
                    }
                    free(st);
                }
            INT_EQ(holders, 1, "%s: sections holding '%s'", name, sn);
            OK(holder && strcmp(holder, ans) == 0, "%s: section answer '%s'", name, ans);
            for (size_t k = 0; k < it->nchoices; k++) {
                bool title = false;
                for (size_t t = 0; t < a->ntopics; t++)
                    for (size_t x = 0; x < a->topics[t].nsections; x++)
                        title = title || strcmp(a->topics[t].sections[x].title,
                                                it->choices[k]) == 0;
                OK(title, "%s: '%s' is a section title", name, it->choices[k]);
            }
            /* the heading over the quote's own holds it too: no wrong choice */
            const article_topic *tp = &a->topics[it->topic_index];
            if (tp->nsections > 1 && strcmp(tp->sections[0].title, tp->title) == 0 &&
                strcmp(ans, tp->title) != 0)
                for (size_t k = 0; k < it->nchoices; k++)
                    OK(strcmp(it->choices[k], tp->title) != 0,
                       "%s: the heading '%s' over '%s' offered as wrong", name, tp->title, ans);
            /* no give-away: a key repeating a word of the quote (by stem) has
             * a wrong choice that repeats one too (here any; the generator
             * asks more: the same word or one not common in the article) */
            text_stemmer *st = text_stemmer_new();
            text_stems sq = TEXT_STEMS_INIT, sc = TEXT_STEMS_INIT;
            text_stems_of(st, it->source, &sq);
            text_stems_of(st, ans, &sc);
            if (text_stems_meet(&sc, &sq)) {
                bool other = false;
                for (size_t k = 0; k < it->nchoices && !other; k++) {
                    text_stems_of(st, it->choices[k], &sc);
                    other = k != it->answer && text_stems_meet(&sc, &sq);
                }
                OK(other, "%s: only the key '%s' repeats a word of '%s'", name, ans, it->source);
            }
            text_stems_release(&sq);
            text_stems_release(&sc);
            text_stemmer_free(st);
            free(sn);
        } else if (it->kind == ITEM_SAYS) {
            /* the key a sentence of the named section only; the others
             * sentences of other sections, not of this one */
            const article_section *sec = find_section(a, it->topic_index, it->section);
            OK(sec != NULL, "%s: says section '%s' exists", name, it->section);
            OK(strstr(it->prompt, it->section) != NULL, "%s: says prompt names the section", name);
            STR_EQ(ans, it->source, "%s: says key is its source", name);
            if (sec) {
                char *st = section_text(sec);
                for (size_t k = 0; k < it->nchoices; k++) {
                    char *nk = norm(it->choices[k]);
                    bool here = strstr(st, nk) != NULL, anywhere = strstr(all, nk) != NULL;
                    OK(here == (k == it->answer), "%s: '%s' %s in '%s'", name, it->choices[k],
                       here ? "is" : "is not", sec->title);
                    OK(anywhere, "%s: '%s' is a sentence of the article", name, it->choices[k]);
                    free(nk);
                }
                free(st);
            }
        } else if (it->kind == ITEM_LIST) {
            const article_section *sec = find_section(a, it->topic_index, it->section);
            OK(sec != NULL, "%s: list section '%s' exists", name, it->section);
            OK(strstr(it->prompt, it->section) != NULL, "%s: list prompt names the section", name);
            if (sec) {
                char *st = section_text(sec);
                OK(text_contains_word(st, nans), "%s: '%s' named in '%s'", name, ans, sec->title);
                for (size_t k = 0; k < it->nchoices; k++) {
                    if (k == it->answer)
                        continue;
                    char *nd = norm(it->choices[k]);
                    bool in = text_contains_word(st, nd);
                    OK(!in, "%s: distractor '%s' occurs in '%s'", name, nd, sec->title);
                    bad += in;
                    free(nd);
                }
                free(st);
            }
        }
        free(nans);
    }
    /* answer positions balanced (over the items with every choice asked) */
    size_t full = 0;
    for (size_t i = 0; i < s->n; i++)
        full += s->items[i].nchoices == want;
    for (size_t k = 0; k < want && full > 0; k++) {
        double expect = (double)full / (double)want;
        OK((double)pos[k] >= expect - 1.0 && (double)pos[k] <= expect + 1.0,
           "%s: answer at position %zu %zu times of %zu", name, k, pos[k], full);
    }
    text_map_release(&ids);
    text_map_release(&pa);
    free(all);
}

static article *load(const char *path)
{
    char *buf, *err;
    size_t len;
    article *a = NULL;
    if (read_file(path, &buf, &len) != 0) {
        OK(0, "cannot read %s", path);
        return NULL;
    }
    if (article_parse(path, buf, len, &a, &err) != 0) {
        OK(0, "cannot parse %s: %s", path, err);
        free(err);
        a = NULL;
    }
    free(buf);
    return a;
}

static void count_kinds(const item_set *s, size_t *per)
{
    memset(per, 0, ITEM_KIND_COUNT * sizeof *per);
    for (size_t i = 0; i < s->n; i++)
        per[s->items[i].kind]++;
}

/* The kinds an article must give (bits 1 << GEN_*). */
#define ALL_KINDS ((1u << ITEM_KIND_COUNT) - 1)

/* All difficulties: rules, the kinds in `kinds` present, at least
 * min_items; with names, cloze items on numbers and on multi-word names.
 * Returns each difficulty's mean closeness in closeness (when not NULL). */
static void check_article(const char *path, unsigned kinds, size_t min_items, bool names,
                          double *closeness)
{
    article *a = load(path);
    if (!a)
        return;
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
        gen_options opt = {(item_difficulty)d, 0, 0, test_lex()};
        item_set s = {0};
        gen_build(a, &opt, &s);
        char *name = xasprintf("%s/%s", path, item_difficulty_name((item_difficulty)d));
        dump(&s, name);
        check_rules(a, &s, &opt, name, 1);
        size_t per[ITEM_KIND_COUNT];
        count_kinds(&s, per);
        double close = gen_mean_closeness(&s, test_lex());
        printf("%s: %zu items (faq %zu, cloze %zu, section %zu, list %zu, says %zu), "
               "closeness %.2f\n",
               name, s.n, per[ITEM_FAQ], per[ITEM_CLOZE], per[ITEM_SECTION], per[ITEM_LIST],
               per[ITEM_SAYS], close);
        for (int k = 0; k < ITEM_KIND_COUNT; k++)
            if (kinds & (1u << k))
                OK(per[k] > 0, "%s: no %s item", name, item_kind_name((item_kind)k));
        OK(s.n >= min_items, "%s: %zu items", name, s.n);
        if (closeness)
            closeness[d] = close;
        /* cloze on names, numbers and multi-word terms */
        bool num = false, multi = false, cap = false;
        for (size_t i = 0; i < s.n; i++) {
            const item *it = &s.items[i];
            const char *ans = it->choices[it->answer];
            if (it->kind != ITEM_CLOZE)
                continue;
            num = num || text_is_number(ans, strlen(ans));
            multi = multi || strchr(ans, ' ');
            cap = cap || text_is_capitalised(ans, strlen(ans));
        }
        if (names)
            OK(multi && cap, "%s: cloze on multi-word names", name);
        /* numbers take only numbers of their shape (years, decimals,
         * thousands): the test articles have enough for three choices */
        if (names)
            OK(num, "%s: cloze on numbers", name);
        for (size_t i = 0; i < s.n; i++) { /* and every number's choices share its shape */
            const item *it = &s.items[i];
            const char *ans = it->choices[it->answer];
            if (it->kind != ITEM_CLOZE || !text_is_number(ans, strlen(ans)))
                continue;
            bool year = strlen(ans) == 4 && !strpbrk(ans, ".,") && ans[0] >= '1' && ans[0] <= '2';
            for (size_t c = 0; c < it->nchoices; c++) {
                const char *o = it->choices[c];
                OK((strchr(o, '.') != NULL) == (strchr(ans, '.') != NULL) &&
                       (strchr(o, ',') != NULL) == (strchr(ans, ',') != NULL),
                   "%s: '%s' offered for the number '%s'", name, o, ans);
                if (year)
                    OK(strlen(o) == 4, "%s: '%s' offered for the year '%s'", name, o, ans);
            }
        }
        /* same input, same items */
        item_set again = {0};
        gen_build(a, &opt, &again);
        INT_EQ(again.n, s.n, "%s: rebuilt count", name);
        for (size_t i = 0; i < s.n && i < again.n; i++)
            if (strcmp(s.items[i].id, again.items[i].id) != 0) {
                OK(0, "%s: id of item %zu differs on rebuild", name, i);
                break;
            }
        item_set_release(&again);
        item_set_release(&s);
        free(name);
    }
    /* other choice counts */
    for (int n = 2; n <= ITEM_MAX_CHOICES; n++) {
        gen_options opt = {ITEM_MEDIUM, n, 0, test_lex()};
        item_set s = {0};
        gen_build(a, &opt, &s);
        char *name = xasprintf("%s/choices=%d", path, n);
        check_rules(a, &s, &opt, name, 1);
        free(name);
        item_set_release(&s);
    }
    article_free(a);
}

/* The items of s equal those gen_build() makes with opt and `threads`
 * workers: the split of the sections among workers must not show. */
static void check_threads(const article *a, const item_set *s, gen_options opt, int threads,
                          const char *name)
{
    item_set t = {0};
    opt.threads = threads;
    gen_build(a, &opt, &t);
    OK(t.n == s->n, "%s: %d workers make %zu items, not %zu", name, threads, t.n, s->n);
    size_t bad = 0;
    for (size_t i = 0; i < s->n && i < t.n; i++) {
        const item *x = &s->items[i], *y = &t.items[i];
        bool same = strcmp(x->id, y->id) == 0 && strcmp(x->prompt, y->prompt) == 0 &&
                    strcmp(x->source, y->source) == 0 && x->answer == y->answer &&
                    x->nchoices == y->nchoices;
        for (size_t k = 0; same && k < x->nchoices; k++)
            same = strcmp(x->choices[k], y->choices[k]) == 0;
        bad += !same;
    }
    OK(bad == 0, "%s: %zu items differ with %d workers", name, bad, threads);
    item_set_release(&t);
}

/* The bundled article is written in abstract nouns (cooperation,
 * stability, prosperity) that WordNet cannot tell apart safely, so it gives
 * section items only: every section at least one, at every difficulty. */
static void test_bundled(void)
{
    check_article(QUESTIONS_DIR "/turkmenistan-kazakhstan.txt", 1u << ITEM_SECTION, 15, false,
                  NULL);
    article *a = load(QUESTIONS_DIR "/turkmenistan-kazakhstan.txt");
    if (!a)
        return;
    gen_options opt = {ITEM_MEDIUM, 0, 0, test_lex()};
    item_set s = {0};
    gen_build(a, &opt, &s);
    INT_EQ(article_section_count(a), 13, "sections of the bundled article");
    INT_EQ(article_faq_count(a), 5, "FAQ pairs of the bundled article");
    /* most sections give an item (a sentence repeating its section's
     * heading gives none unless a wrong choice repeats the same word) */
    size_t giving = 0;
    for (size_t t = 0; t < a->ntopics; t++) {
        const article_topic *tp = &a->topics[t];
        for (size_t x = 0; x < tp->nsections; x++) {
            size_t n = 0;
            for (size_t i = 0; i < s.n; i++)
                n += s.items[i].topic_index == t &&
                     strcmp(s.items[i].section, tp->sections[x].title) == 0;
            giving += n > 0;
        }
    }
    OK(giving >= 9, "%zu of 13 sections give items", giving);
    /* split among workers (the FAQ topic at the end goes with the last) */
    for (int w = 2; w <= 14; w += 3)
        check_threads(a, &s, opt, w, "bundled");
    item_set_release(&s);
    article_free(a);
}

/* An article with every kind but FAQ (it has none; the hand-built ones
 * below have): difficulty is closeness (easy < medium < hard by
 * gen_mean_closeness), and workers change nothing. */
static void test_every_kind(void)
{
    const char *path = TEST_DATA_DIR "/real/encyclopedia-paste.txt";
    double close[ITEM_DIFFICULTY_COUNT] = {0};
    check_article(path, ALL_KINDS & ~(1u << ITEM_FAQ), 100, true, close);
    OK(close[ITEM_EASY] < close[ITEM_MEDIUM], "closeness easy %.2f < medium %.2f", close[ITEM_EASY],
       close[ITEM_MEDIUM]);
    OK(close[ITEM_MEDIUM] < close[ITEM_HARD], "closeness medium %.2f < hard %.2f",
       close[ITEM_MEDIUM], close[ITEM_HARD]);
    article *a = load(path);
    if (!a)
        return;
    gen_options opt = {ITEM_HARD, 0, 0, test_lex()};
    item_set s = {0};
    gen_build(a, &opt, &s);
    for (int w = 2; w <= 8; w += 3)
        check_threads(a, &s, opt, w, "encyclopedia");
    item_set_release(&s);
    article_free(a);
}

/* ---- hand-built articles for odd input ---- */

static article *new_article(size_t ntopics)
{
    article *a = xcalloc(1, sizeof *a);
    a->name = xstrdup("hand");
    a->title = xstrdup("Hand-built");
    a->intro = xstrdup("");
    a->ntopics = ntopics;
    a->topics = xcalloc(ntopics, sizeof *a->topics);
    return a;
}

static void set_topic(article_topic *tp, const char *title, size_t nsec, const char *const *titles,
                      const char *const *texts)
{
    tp->title = xstrdup(title);
    tp->slug = article_slug(title);
    tp->nsections = nsec;
    tp->sections = xcalloc(nsec ? nsec : 1, sizeof *tp->sections);
    for (size_t s = 0; s < nsec; s++) {
        tp->sections[s].title = xstrdup(titles[s]);
        tp->sections[s].npara = 1;
        tp->sections[s].paras = xcalloc(1, sizeof *tp->sections[s].paras);
        tp->sections[s].paras[0].text = xstrdup(texts[s]);
    }
}

static void set_faq(article_topic *tp, size_t n, const char *const *qa)
{
    tp->title = xstrdup("FAQ");
    tp->slug = xstrdup("faq");
    tp->is_faq = true;
    tp->nfaq = n;
    tp->faq = xcalloc(n, sizeof *tp->faq);
    for (size_t i = 0; i < n; i++) {
        tp->faq[i].question = xstrdup(qa[2 * i]);
        tp->faq[i].answer = xstrdup(qa[2 * i + 1]);
    }
}

static void build_all(const article *a, const char *name)
{
    for (int d = 0; d < ITEM_DIFFICULTY_COUNT; d++) {
        gen_options opt = {(item_difficulty)d, 0, 0, test_lex()};
        item_set s = {0};
        gen_build(a, &opt, &s);
        check_rules(a, &s, &opt, name, 1);
        dump(&s, name);
        item_set_release(&s);
    }
}

static void test_odd_input(void)
{
    /* questions of one form ("What..."): an answer is asked for among them */
    static const char *const qa[] = {
        "What does the test feed to the program?",
        "Odd input, such as empty files, long lines and broken text.",
        "What happens to long lines?",
        "They are split at spaces, and the test makes sure that nothing breaks.",
        "What happens to empty files?",
        "They get a clear error, and the engineers see it in the report.",
        "What do the engineers read?",
        "The report of every failed test, one line for each file.",
    };
    /* only an FAQ: no term to swap, so each item asks which question an
     * answer answers, with the other questions wrong */
    article *a = new_article(1);
    set_faq(&a->topics[0], 4, qa);
    item_set s = {0};
    gen_options opt = {ITEM_MEDIUM, 0, 0, test_lex()};
    gen_build(a, &opt, &s);
    OK(s.n >= 2, "FAQ-only article gives items: %zu", s.n);
    check_rules(a, &s, &opt, "faq-only", 1);
    for (size_t i = 0; i < s.n; i++)
        OK(strncmp(s.items[i].prompt, "Which question does this answer: ", 33) == 0,
           "faq-only item %zu asks for the question: %s", i, s.items[i].prompt);
    item_set_release(&s);
    opt.choices = 5;
    gen_build(a, &opt, &s);
    for (size_t i = 0; i < s.n; i++)
        OK(s.items[i].nchoices >= 3 && s.items[i].nchoices <= 4,
           "item %zu: 4 questions for 5 choices give %zu (fewer, not padded)", i,
           s.items[i].nchoices);
    item_set_release(&s);
    article_free(a);

    /* an FAQ of two pairs has no two wrong questions, and no term to swap */
    a = new_article(1);
    set_faq(&a->topics[0], 2, qa);
    opt.choices = 0;
    gen_build(a, &opt, &s);
    INT_EQ(s.n, 0, "2 FAQ pairs: no item (dropped, not padded)");
    item_set_release(&s);
    article_free(a);

    /* answers that name a place and a year the question asks for: the
     * wrong choices swap that one term for another of its kind from the
     * sections (countries for a country, years near the year) */
    static const char *const fox_titles[] = {"Counting foxes", "Later counts"};
    static const char *const fox_texts[] = {
        "Foresters counted red foxes in Sweden, Finland and Denmark in the cold winter of 1930.",
        "Later counts were made in 1938 and again in 1941, each time over the same forests."};
    static const char *const fox_qa[] = {
        "Where did the foxes of the study live?",
        "The foxes of the study lived mostly in Norway, far from the coast.",
        "When was the first survey made?",
        "The first survey was made in 1935 by the national forest service.",
    };
    a = new_article(2);
    set_topic(&a->topics[0], "Foxes", 2, fox_titles, fox_texts);
    set_faq(&a->topics[1], 2, fox_qa);
    gen_build(a, &opt, &s);
    check_rules(a, &s, &opt, "fox-faq", 1);
    size_t swaps = 0;
    for (size_t i = 0; i < s.n; i++) {
        const item *it = &s.items[i];
        if (it->kind != ITEM_FAQ)
            continue;
        swaps++;
        const char *key = it->choices[it->answer];
        bool where = strstr(it->prompt, "Where") != NULL;
        OK(strstr(key, where ? "Norway" : "1935") != NULL, "fox key '%s'", key);
        for (size_t k = 0; k < it->nchoices; k++) {
            if (k == it->answer)
                continue;
            const char *d = it->choices[k];
            bool ok = where ? strstr(d, "Sweden") || strstr(d, "Finland") || strstr(d, "Denmark")
                            : strstr(d, "1930") || strstr(d, "1938") || strstr(d, "1941");
            OK(ok, "fox wrong choice '%s' swaps in a term of the sections", d);
        }
    }
    INT_EQ(swaps, 2, "both FAQ pairs give a swapped item");
    item_set_release(&s);
    article_free(a);

    /* long answers: each choice is the answer's first clause that keeps
     * eight words, within 100 characters, never cut inside a word */
    static const char *const long_qa[] = {
        "Where did the foxes of the study live?",
        "The foxes of the study lived mostly in Norway, far from the coast, in old forests that "
        "the national forest service had kept for a hundred years and more.",
        "When was the first survey made?",
        "The first survey was made in 1935 by the national forest service; its notes were kept "
        "in the archive of the service until the war and then lost.",
    };
    a = new_article(2);
    set_topic(&a->topics[0], "Foxes", 2, fox_titles, fox_texts);
    set_faq(&a->topics[1], 2, long_qa);
    gen_build(a, &opt, &s);
    check_rules(a, &s, &opt, "fox-faq-long", 1);
    swaps = 0;
    for (size_t i = 0; i < s.n; i++) {
        const item *it = &s.items[i];
        if (it->kind != ITEM_FAQ)
            continue;
        swaps++;
        const char *key = it->choices[it->answer];
        const char *want = strstr(it->prompt, "Where")
                               ? "The foxes of the study lived mostly in Norway, far from the coast"
                               : "The first survey was made in 1935 by the national forest service";
        STR_EQ(key, want, "long FAQ answer: its first clause");
        for (size_t k = 0; k < it->nchoices; k++)
            OK(strlen(it->choices[k]) <= 100, "FAQ choice '%s' within 100 characters",
               it->choices[k]);
    }
    INT_EQ(swaps, 2, "both long FAQ pairs give a swapped item");
    item_set_release(&s);
    article_free(a);

    /* one topic, one section: no section items */
    static const char *const t1[] = {"Only"};
    static const char *const x1[] = {
        "The Red Fox lives in Northern Europe, Central Asia, and North America. It weighs 3.5 "
        "kilograms and runs 1,200 metres. Kazakhstan’s foxes are pale."};
    a = new_article(1);
    set_topic(&a->topics[0], "Only", 1, t1, x1);
    opt = (gen_options){ITEM_EASY, 0, 0, test_lex()};
    gen_build(a, &opt, &s);
    for (size_t i = 0; i < s.n; i++)
        OK(s.items[i].kind != ITEM_SECTION, "section item in a one-section article");
    check_rules(a, &s, &opt, "one-section", 1);
    item_set_release(&s);
    article_free(a);

    /* odd sections: one word, no terms, a very long sentence, UTF-8 */
    strbuf lng = STRBUF_INIT;
    for (int i = 0; i < 80; i++)
        strbuf_addf(&lng, "word%d and ", i);
    strbuf_adds(&lng, "the end.");
    const char *titles[] = {"Tiny", "Termless", "Long", "Unicode", "Numbers"};
    const char *texts[] = {
        "Yes.",
        "it is so. and then it was not so at all, was it?",
        lng.buf,
        "Ōsaka’s “bright” markets sell yuzu, sansho, and wasabi — every day. Émile Zola wrote "
        "about Les Halles in Paris.",
        "Prices rose by 3.5 percent in 1999, by 4.2 percent in 2001 and by 12.75 percent in "
        "2008. About 1,200 firms, 3,400 farms, and 560 shops closed. Mr. J. R. Smith, e.g. a "
        "clerk, counted them in No. 5 Main St. in Leeds.",
    };
    a = new_article(3);
    set_topic(&a->topics[0], "Odd One", 2, titles, texts);
    set_topic(&a->topics[1], "Odd Two", 3, titles + 2, texts + 2);
    set_faq(&a->topics[2], 4, qa);
    build_all(a, "odd");
    article_free(a);
    strbuf_release(&lng);
}

static void test_text(void)
{
    text_spans sp = TEXT_SPANS_INIT;
    const char *s = "Mr. Smith paid 3.5 dollars, e.g. for tea. J. R. Tolkien wrote it! Did he? Yes.";
    text_sentences(s, &sp);
    INT_EQ(sp.n, 4, "sentences");
    if (sp.n == 4) {
        INT_EQ(sp.v[0].len, strlen("Mr. Smith paid 3.5 dollars, e.g. for tea."), "first sentence");
        INT_EQ(strncmp(s + sp.v[1].off, "J. R. Tolkien", 13), 0, "initials kept");
    }
    sp.n = 0;
    const char *e = "These include bureaucratic hurdles, regulatory issues, and occasional disputes.";
    INT_EQ(text_enumerations(e, strlen(e), &sp, 0), 1, "one enumeration");
    INT_EQ(sp.n, 3, "three items");
    if (sp.n == 3)
        INT_EQ(strncmp(e + sp.v[0].off, "bureaucratic hurdles", sp.v[0].len), 0, "first item");
    sp.n = 0;
    const char *e2 = "As they work together, Turkmenistan and Kazakhstan grow.";
    INT_EQ(text_enumerations(e2, strlen(e2), &sp, 0), 0, "opening clause is no list");
    sp.n = 0;
    const char *e3 = "They sold art, music or books to him.";
    INT_EQ(text_enumerations(e3, strlen(e3), &sp, 0), 1, "an 'or' list");
    sp.n = 0;
    const char *nm = "Both were part of the Silk Road in Central Asia and Kazakhstan’s plains.";
    text_names(nm, strlen(nm), &sp);
    INT_EQ(sp.n, 3, "names");
    if (sp.n == 3) {
        INT_EQ(sp.v[0].len, strlen("Silk Road"), "Silk Road");
        INT_EQ(sp.v[2].len, strlen("Kazakhstan"), "possessive left out");
    }
    sp.n = 0;
    text_words("1,200 and 3.5 well-known Kazakhstan’s", 39, &sp);
    INT_EQ(sp.n, 5, "words with numbers, hyphen and apostrophe");
    text_spans_release(&sp);
    char *n = text_normalize("  Silk   ROAD’s. ", 17);
    STR_EQ(n, "silk road's", "normalised");
    free(n);
    OK(text_near_duplicate("Central Asia", "Central Asian"), "near duplicate");
    OK(!text_near_duplicate("art", "partners"), "not near duplicate");
    OK(text_contains_word("Kazakhstan’s plains", "kazakhstan"), "word before possessive");
    OK(!text_contains_word("partnership", "art"), "inside a word");
    OK(text_overlap("a b c", "b c d") > 0.49 && text_overlap("a b c", "b c d") < 0.51, "jaccard");
    for (size_t i = 0; i + 1 < 4; i++) {
        static const char *const words[] = {"and", "the", "which", "yours"};
        OK(text_is_stopword(words[i], strlen(words[i])), "stopword %s", words[i]);
    }
    OK(!text_is_stopword("energy", 6), "not a stopword");

    /* the histogram bound against its definition: the larger excess either
     * way over 16 four-bit counts (extremes and random pairs) */
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    int hist_ok = 1;
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t ha = i % 7 == 0 ? ~0ULL : x, hb = i % 11 == 0 ? 0 : x * 0xff51afd7ed558ccdULL;
        if (i % 3 == 0)
            hb = ha ^ (x & 0x1111111111111111ULL);
        size_t pa = 0, pb = 0;
        for (int k = 0; k < 64; k += 4) {
            unsigned ca = (unsigned)(ha >> k) & 15, cb = (unsigned)(hb >> k) & 15;
            pa += ca > cb ? ca - cb : 0;
            pb += cb > ca ? cb - ca : 0;
        }
        hist_ok &= text_hist_bound(ha, hb) == (pa > pb ? pa : pb);
    }
    OK(hist_ok, "text_hist_bound is the larger excess");

    /* a span's normal form read off the normalised whole, as the list check
     * reads its word n-grams, equals the span normalised on its own */
    static const char *const paras[] = {
        "  “Silk   Road’s” caravans\u00a0crossed\tthe Kyzylkum, e.g. to Merv... and Bukhara!",
        "Kazakhstan’s 1,200 km border; “Caspian” Sea: oil, gas and grain.",
        "One",
    };
    for (size_t p = 0; p < sizeof paras / sizeof *paras; p++) {
        const char *t = paras[p];
        size_t len = strlen(t), *at = xmalloc((len + 1) * sizeof *at);
        char *whole = xmalloc(len + 1), *one = xmalloc(len + 1);
        text_normalize_map(whole, t, len, at);
        sp.n = 0;
        text_words(t, len, &sp);
        OK(sp.n > 0, "words of paragraph %zu", p);
        for (size_t i = 0; i < sp.n; i++)
            for (size_t k = i; k < sp.n; k++) {
                size_t a0 = sp.v[i].off, e0 = sp.v[k].off + sp.v[k].len;
                size_t a = at[a0] + (whole[at[a0]] == ' '), z = at[e0];
                while (z > a && strchr(".,;:!?\" ", whole[z - 1]))
                    z--;
                size_t l = text_normalize_to(one, t + a0, e0 - a0);
                OK(l == z - a && memcmp(one, whole + a, l) == 0,
                   "span %zu..%zu of paragraph %zu: '%s' vs '%.*s'", i, k, p, one,
                   (int)(z - a), whole + a);
            }
        free(at);
        free(whole);
        free(one);
    }
    text_spans_release(&sp);
}

/* A synthetic large article: 2000 sections of varied words. */
static void test_large(void)
{
    static const char *const nouns[] = {"river", "market", "harbour", "bridge", "valley",
                                        "forest", "engine", "library", "garden", "tower",
                                        "railway", "canal", "school", "factory", "museum"};
    static const char *const adjs[] = {"old", "busy", "quiet", "northern", "ancient", "modern",
                                       "narrow", "famous", "wooden", "coastal"};
    static const char *const names[] = {"Port Arven", "Lake Dorrow", "Mount Keller",
                                        "Saint Ivo", "Green Hollow", "New Tarrow", "Cape Lune"};
    size_t ntopics = 200, per = 10;
    article *a = new_article(ntopics);
    char **titles = xcalloc(per, sizeof *titles), **texts = xcalloc(per, sizeof *texts);
    uint64_t x = 12345;
    size_t bytes = 0;
    for (size_t t = 0; t < ntopics; t++) {
        for (size_t s = 0; s < per; s++) {
            strbuf sb = STRBUF_INIT;
            for (int k = 0; k < 6; k++) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                unsigned r = (unsigned)(x >> 33);
                strbuf_addf(&sb,
                            "The %s %s%u near %s held %u visitors, %s%u, %s%u, and %s%u in "
                            "year %u. ",
                            adjs[r % 10], nouns[(r >> 4) % 15], (r >> 8) % 97, names[(r >> 3) % 7],
                            (r >> 5) % 5000, nouns[(r >> 6) % 15], (r >> 9) % 89,
                            nouns[(r >> 10) % 15], (r >> 12) % 83, nouns[(r >> 14) % 15],
                            (r >> 16) % 79, 1800 + (r >> 7) % 220);
            }
            texts[s] = strbuf_detach(&sb);
            bytes += strlen(texts[s]);
            titles[s] = xasprintf("Section %zu of part %zu", s + 1, t + 1);
        }
        char *tt = xasprintf("Part %zu", t + 1);
        set_topic(&a->topics[t], tt, per, (const char *const *)titles,
                  (const char *const *)texts);
        free(tt);
        for (size_t s = 0; s < per; s++) {
            free(titles[s]);
            free(texts[s]);
        }
    }
    free(titles);
    free(texts);
    gen_options opt = {ITEM_MEDIUM, 0, 0, test_lex()};
    item_set s = {0};
    clock_t t0 = clock();
    gen_build(a, &opt, &s);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    printf("large: %zu bytes, %zu sections, %zu items in %.2f s\n", bytes, ntopics * per, s.n,
           secs);
    OK(s.n > 1000, "large article gives items: %zu", s.n);
    check_rules(a, &s, &opt, "large", 97);
    check_threads(a, &s, opt, 1, "large");
    check_threads(a, &s, opt, 3, "large");
    check_threads(a, &s, opt, 8, "large");
    item_set_release(&s);
    article_free(a);
}

int main(void)
{
    test_text();
    test_bundled();
    test_every_kind();
    check_article(TEST_DATA_DIR "/articles/great-lakes.txt",
                  1u << ITEM_SECTION | 1u << ITEM_SAYS | 1u << ITEM_CLOZE, 30, false, NULL);
    check_article(TEST_DATA_DIR "/articles/coffee.md", 1u << ITEM_SECTION | 1u << ITEM_SAYS, 20,
                  false, NULL);
    test_odd_input();
    test_large();
    return test_summary();
}
