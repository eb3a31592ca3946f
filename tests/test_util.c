/* test_util.c - util and rng. */
#include "rng.h"
#include "util.h"

#include "harness.h"

#include <stdlib.h>

static void test_utf8(void)
{
    INT_EQ(utf8_check("abc", 3), 3, "ascii");
    INT_EQ(utf8_check("a\xe2\x80\x99z", 5), 5, "right quote");
    INT_EQ(utf8_check("a\xff", 2), 1, "0xff");
    INT_EQ(utf8_check("\xc0\xaf", 2), 0, "overlong");
    INT_EQ(utf8_check("ab\xe2\x80", 4), 2, "truncated");
    INT_EQ(utf8_check("\xed\xa0\x80", 3), 0, "surrogate");
    INT_EQ(utf8_check("\xf4\x90\x80\x80", 4), 0, "above U+10FFFF");
    INT_EQ(utf8_len("a\xe2\x80\x99z"), 3, "code points");
}

static void test_strbuf(void)
{
    strbuf sb = STRBUF_INIT;
    STR_EQ(strbuf_str(&sb), "", "empty");
    for (int i = 0; i < 1000; i++)
        strbuf_addf(&sb, "%d,", i % 10);
    INT_EQ(sb.len, 2000, "length after 1000 appends");
    char *s = strbuf_detach(&sb);
    INT_EQ(s[1998], '9', "content");
    INT_EQ(sb.len, 0, "detached");
    free(s);
}

static void test_strings(void)
{
    INT_EQ(str_icmp("Hello", "hELLO"), 0, "icmp");
    OK(str_icmp("a", "b") < 0, "order");
    OK(str_iendswith("Unique FAQs", "faqs"), "endswith");
    OK(str_icasestr("Unique FAQs", "faq") != NULL, "icasestr");
    OK(str_icasestr("abc", "abd") == NULL, "icasestr miss");
    {
        const char *h = "aXb FAq faQS 1,200 km ÅSA";
        OK(str_icasestr(h, "faq") == h + 4, "icasestr: the first match, either case");
        OK(str_icasestr(h, "Xb") == h + 1, "icasestr: inside a word");
        OK(str_icasestr(h, "1,2") == h + 13, "icasestr: a digit first");
        OK(str_icasestr(h, "Åsa") == h + 22, "icasestr: UTF-8 bytes as they are, ASCII folded");
        OK(str_icasestr(h, "åsa") == NULL, "icasestr: no folding past ASCII");
        OK(str_icasestr(h, "kmx") == NULL, "icasestr: no match at the end");
        OK(str_icasestr(h, "") == h, "icasestr: empty needle");
    }
    INT_EQ(edit_distance("dificulty", "difficulty"), 1, "typo");
    INT_EQ(edit_distance("kitten", "sitting"), 3, "classic");
    OK(hash64("a", 1, 0) != hash64("b", 1, 0), "hash differs");
    /* four at a time equals one at a time, whichever is shortest */
    {
        static const char text[] = "Which section says: the steppe, the Caspian and the Aral?";
        const size_t lens[][4] = {{0, 5, 9, 50}, {50, 9, 5, 0}, {12, 12, 12, 12}, {3, 40, 1, 22}};
        for (size_t t = 0; t < sizeof lens / sizeof *lens; t++) {
            const char *str[4];
            uint64_t out[4];
            for (size_t k = 0; k < 4; k++)
                str[k] = text + k;
            hash64_many(str, lens[t], 4, 99, out);
            int same = 1;
            for (size_t k = 0; k < 4; k++)
                same &= out[k] == hash64(str[k], lens[t][k], 99);
            OK(same, "hash64_many, lengths case %zu", t);
        }
    }
    uint64_t v = 7;
    OK(parse_whole("42", 1, 100, &v) == 0 && v == 42, "whole number");
    OK(parse_whole("18446744073709551615", 0, UINT64_MAX, &v) == 0 && v == UINT64_MAX, "max");
    OK(parse_whole("18446744073709551616", 0, UINT64_MAX, &v) == -1, "overflow");
    OK(parse_whole("0", 1, 100, &v) == -1, "below the range");
    OK(parse_whole("101", 1, 100, &v) == -1, "above the range");
    OK(parse_whole("-5", 0, 100, &v) == -1, "sign");
    OK(parse_whole(" 5", 0, 100, &v) == -1, "space");
    OK(parse_whole("", 0, 100, &v) == -1, "empty");
    OK(parse_whole("5x", 0, 100, &v) == -1, "junk");
}

static void test_rng(void)
{
    rng a, b;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    int same = 1;
    for (int i = 0; i < 100; i++)
        same &= rng_next(&a) == rng_next(&b);
    OK(same, "same seed, same sequence");
    rng_seed(&b, 43);
    OK(rng_next(&a) != rng_next(&b), "other seed, other sequence");

    int counts[5] = {0};
    for (int i = 0; i < 50000; i++)
        counts[rng_below(&a, 5)]++;
    for (int k = 0; k < 5; k++)
        OK(counts[k] > 9000 && counts[k] < 11000, "bucket %d has %d of 50000", k, counts[k]);

    /* rng_below_many is k calls of rng_below; a bound near 2^64 makes
     * rejections likely */
    const uint64_t bounds[] = {1, 7, 1000003, (UINT64_MAX / 3) * 2 + 1};
    for (size_t k = 0; k < sizeof bounds / sizeof *bounds; k++) {
        uint64_t many[64];
        rng_seed(&a, 7 + k);
        rng_seed(&b, 7 + k);
        rng_below_many(&a, bounds[k], many, 64);
        int equal = 1;
        for (int i = 0; i < 64; i++)
            equal &= many[i] == rng_below(&b, bounds[k]) && many[i] < bounds[k];
        OK(equal && rng_next(&a) == rng_next(&b), "rng_below_many below %llu",
           (unsigned long long)bounds[k]);
    }

    int v[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, seen[10] = {0};
    rng_shuffle(&a, v, 10, sizeof v[0]);
    for (int i = 0; i < 10; i++)
        seen[v[i]]++;
    int perm = 1;
    for (int i = 0; i < 10; i++)
        perm &= seen[i] == 1;
    OK(perm, "shuffle is a permutation");
}

int main(void)
{
    test_utf8();
    test_strbuf();
    test_strings();
    test_rng();
    return test_summary();
}
