/* fuzz_gen.c - gen_build() on articles parsed from arbitrary bytes.
 *
 * The first byte picks the options: difficulty = b % 3, choices = one of
 * 0, 2, 3, 4, 5 from (b / 3) % 5. The rest is the article. Every item is
 * checked cheaply against the rules of gen.h: the asked number of choices,
 * the answer among them, choices pairwise distinct once normalised, no empty
 * strings, a known kind and topic, a 16-hex-digit id.
 */
#include <stdbool.h>
#include <string.h>

#include "article.h"
#include "fuzz.h"
#include "gen.h"
#include "text.h"

static bool nonempty(const char *s)
{
    return s && *s;
}

static bool id_ok(const char *id)
{
    for (size_t i = 0; i < 16; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')))
            return false;
    return id[16] == '\0';
}

static void check_item(const article *a, const gen_options *opt, const item *it, size_t i)
{
    size_t want = gen_choice_count(opt);
    fuzz_check(want >= 2 && want <= ITEM_MAX_CHOICES, "gen_choice_count %zu", want);
    if (opt->choices)
        fuzz_check(want == (size_t)opt->choices, "asked %d choices, count says %zu",
                   opt->choices, want);
    /* fewer choices than asked rather than none, but three at least */
    fuzz_check(it->nchoices <= want &&
                   it->nchoices >= (want < GEN_MIN_CHOICES ? want : GEN_MIN_CHOICES),
               "item %zu: %zu choices, asked %zu", i, it->nchoices, want);
    fuzz_check(it->answer < it->nchoices, "item %zu: answer %zu of %zu", i, it->answer,
               it->nchoices);
    fuzz_check((unsigned)it->kind < ITEM_KIND_COUNT, "item %zu: kind %d", i, (int)it->kind);
    fuzz_check(id_ok(it->id), "item %zu: bad id", i);
    fuzz_check(nonempty(it->prompt), "item %zu: empty prompt", i);
    fuzz_check(nonempty(it->source), "item %zu: empty source", i);
    fuzz_check(nonempty(it->topic), "item %zu: empty topic", i);
    fuzz_check(it->section != NULL, "item %zu: no section", i);
    fuzz_check(it->topic_index < a->ntopics, "item %zu: topic index %zu", i, it->topic_index);
    fuzz_check(strcmp(it->topic, a->topics[it->topic_index].slug) == 0,
               "item %zu: topic '%s' is not topic %zu", i, it->topic, it->topic_index);
    if (it->kind == ITEM_CLOZE)
        fuzz_check(strstr(it->prompt, GEN_BLANK) != NULL, "item %zu: cloze without blank", i);
    char *norm[ITEM_MAX_CHOICES] = {0};
    for (size_t c = 0; c < it->nchoices; c++) {
        fuzz_check(nonempty(it->choices[c]), "item %zu: empty choice %zu", i, c);
        norm[c] = text_normalize(it->choices[c], strlen(it->choices[c]));
        for (size_t d = 0; d < c; d++)
            fuzz_check(strcmp(norm[c], norm[d]) != 0, "item %zu: choices '%s' and '%s' alike",
                       i, it->choices[d], it->choices[c]);
    }
    for (size_t c = 0; c < it->nchoices; c++)
        free(norm[c]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int choice_counts[] = {0, 2, 3, 4, 5};
    if (size < 1 || size > FUZZ_MAX_INPUT)
        return 0;
    gen_options opt = {
        .difficulty = (item_difficulty)(data[0] % 3),
        .choices = choice_counts[(data[0] / 3) % 5],
        .threads = 1 + (data[0] / 15) % 3, /* the split among workers must not matter */
    };
    article *a = NULL;
    char *err = NULL;
    if (article_parse("fuzz.txt", (const char *)data + 1, size - 1, &a, &err) != 0) {
        free(err);
        return 0;
    }
    item_set set = {0};
    gen_build(a, &opt, &set);
    for (size_t i = 0; i < set.n; i++)
        check_item(a, &opt, &set.items[i], i);
    if (set.n > 0) { /* the copy must be deep and complete */
        item copy;
        item_copy(&copy, &set.items[set.n - 1]);
        check_item(a, &opt, &copy, set.n - 1);
        item_release(&copy);
    }
    (void)gen_mean_closeness(&set, NULL);
    item_set_release(&set);
    article_free(a);
    return 0;
}
