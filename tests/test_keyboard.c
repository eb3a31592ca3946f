/* test_keyboard.c - the on-screen keyboard (keyboard.h) without a window:
 * every page's rows and capitals, Shift for one capital, page keys, the
 * digit pad, D-pad moves (wrapping, onto the nearest key), the rectangles
 * (inside the area, not overlapping) and hit-testing at each key's centre
 * and in the gaps. */
#include <stdio.h>
#include <string.h>

#include "keyboard.h"
#include "util.h"

#include "harness.h"

static int find_key(const keyboard *k, const char *name)
{
    for (int i = 0; i < k->nkeys; i++)
        if (strcmp(kb_key_name(k, i), name) == 0)
            return i;
    return -1;
}

static void test_pages(void)
{
    keyboard k;
    kb_init(&k, KB_TEXT);
    INT_EQ(k.page, KB_LATIN, "starts on the Latin page");
    STR_EQ(kb_key_name(&k, k.sel), "q", "the D-pad starts on q");
    INT_EQ(k.nrows, 5, "four rows of characters and the control row");
    INT_EQ(k.width, 22, "the widest row: 11 keys");
    const char *controls[] = {"Shift", "Space", "Delete", "Done"};
    for (size_t i = 0; i < 4; i++)
        OK(find_key(&k, controls[i]) >= 0, "the key %s", controls[i]);
    /* every page: each lower-case key's capital at the same place */
    const char *page_keys[KB_PAGES] = {"ABC", "ÀÉÑ", "ĀČŁ", "АБВ"};
    for (int p = 0; p < KB_PAGES; p++) {
        kb_init(&k, KB_TEXT);
        char out[KB_TEXT_MAX];
        if (p != KB_LATIN)
            INT_EQ(kb_press(&k, find_key(&k, page_keys[p]), out), KB_NOTHING, "page %d", p);
        INT_EQ(k.page, p, "page key %s", page_keys[p]);
        OK(find_key(&k, page_keys[p]) < 0, "page %d has no key to itself", p);
        keyboard up = k;
        kb_press(&up, find_key(&up, "Shift"), out);
        OK(up.shift, "page %d: shifted", p);
        INT_EQ(up.nkeys, k.nkeys, "page %d: as many keys shifted", p);
        for (int i = 0; i < k.nkeys; i++) {
            OK(k.keys[i].x == up.keys[i].x && k.keys[i].row == up.keys[i].row,
               "page %d key %d: in place shifted", p, i);
            if (k.keys[i].kind == KB_CHAR) {
                size_t n = strlen(k.keys[i].text);
                OK(n > 0 && utf8_check(k.keys[i].text, n) == n && utf8_len(k.keys[i].text) == 1,
                   "page %d key %d: one character", p, i);
                n = strlen(up.keys[i].text);
                OK(n > 0 && utf8_check(up.keys[i].text, n) == n && utf8_len(up.keys[i].text) == 1,
                   "page %d key %d shifted: one character", p, i);
            }
        }
    }
}

static void test_typing(void)
{
    keyboard k;
    char out[KB_TEXT_MAX];
    kb_init(&k, KB_TEXT);
    INT_EQ(kb_press(&k, find_key(&k, "z"), out), KB_TYPED, "z");
    STR_EQ(out, "z", "z typed");
    kb_press(&k, find_key(&k, "Shift"), out);
    INT_EQ(kb_press(&k, find_key(&k, "Z"), out), KB_TYPED, "Shift z");
    STR_EQ(out, "Z", "a capital");
    OK(!k.shift, "Shift is for one letter");
    OK(find_key(&k, "o") >= 0, "small letters again");
    INT_EQ(kb_press(&k, find_key(&k, "Space"), out), KB_TYPED, "Space");
    STR_EQ(out, " ", "Space types a space");
    INT_EQ(kb_press(&k, find_key(&k, "Delete"), out), KB_ERASE, "Delete");
    INT_EQ(kb_press(&k, find_key(&k, "Done"), out), KB_SUBMIT, "Done");
    INT_EQ(kb_press(&k, -1, out), KB_NOTHING, "no key");
    INT_EQ(kb_press(&k, k.nkeys, out), KB_NOTHING, "past the last key");
    /* accented and Cyrillic letters */
    kb_press(&k, find_key(&k, "ÀÉÑ"), out);
    INT_EQ(kb_press(&k, find_key(&k, "ë"), out), KB_TYPED, "ë");
    STR_EQ(out, "ë", "ë typed whole");
    kb_press(&k, find_key(&k, "Shift"), out);
    kb_press(&k, find_key(&k, "Ö"), out);
    STR_EQ(out, "Ö", "Ö");
    kb_press(&k, find_key(&k, "ĀČŁ"), out);
    kb_press(&k, find_key(&k, "ł"), out);
    STR_EQ(out, "ł", "ł");
    kb_press(&k, find_key(&k, "АБВ"), out);
    kb_press(&k, find_key(&k, "ё"), out);
    STR_EQ(out, "ё", "ё");
    /* after a page key the D-pad is on the key back */
    int back = find_key(&k, "ABC");
    kb_press(&k, back, out);
    STR_EQ(kb_key_name(&k, k.sel), "АБВ", "the D-pad on the key back to Cyrillic");
}

static void test_digits(void)
{
    keyboard k;
    char out[KB_TEXT_MAX];
    kb_init(&k, KB_DIGITS);
    INT_EQ(k.nkeys, 12, "twelve keys");
    INT_EQ(k.nrows, 4, "four rows");
    STR_EQ(kb_key_name(&k, k.sel), "1", "starts on 1");
    for (char d = '0'; d <= '9'; d++) {
        char name[2] = {d, '\0'};
        INT_EQ(kb_press(&k, find_key(&k, name), out), KB_TYPED, "digit %c", d);
        STR_EQ(out, name, "digit %c typed", d);
    }
    INT_EQ(kb_press(&k, find_key(&k, "Delete"), out), KB_ERASE, "Delete");
    INT_EQ(kb_press(&k, find_key(&k, "Done"), out), KB_SUBMIT, "OK");
}

static void test_moves(void)
{
    keyboard k;
    kb_init(&k, KB_DIGITS);
    kb_move(&k, 0, 1);
    STR_EQ(kb_key_name(&k, k.sel), "4", "down from 1");
    kb_move(&k, 1, 0);
    STR_EQ(kb_key_name(&k, k.sel), "5", "right from 4");
    kb_move(&k, 0, 1);
    kb_move(&k, 0, 1);
    STR_EQ(kb_key_name(&k, k.sel), "0", "down twice from 5");
    kb_move(&k, 0, 1);
    STR_EQ(kb_key_name(&k, k.sel), "2", "down from 0 wraps to the top");
    kb_move(&k, -1, 0);
    kb_move(&k, -1, 0);
    STR_EQ(kb_key_name(&k, k.sel), "3", "left twice from 2 wraps in the row");
    kb_move(&k, 0, -1);
    STR_EQ(kb_key_name(&k, k.sel), "Done", "up from 3 wraps to OK");

    kb_init(&k, KB_TEXT);
    kb_move(&k, 0, 1);
    STR_EQ(kb_key_name(&k, k.sel), "a", "down from q");
    kb_move(&k, 0, 1);
    STR_EQ(kb_key_name(&k, k.sel), "z", "down from a (the shorter row is centred)");
    kb_move(&k, 0, 1);
    STR_EQ(kb_key_name(&k, k.sel), "Shift", "down from z: as near Shift as the next, the left one");
    for (int i = 0; i < 4; i++)
        kb_move(&k, 1, 0);
    STR_EQ(kb_key_name(&k, k.sel), "Space", "right along the control row");
    kb_move(&k, 0, 1);
    STR_EQ(kb_key_name(&k, k.sel), "7", "down from Space wraps to the digit above it");
    for (int i = 0; i < 20; i++) { /* every move keeps a key selected */
        kb_move(&k, i % 3 - 1, i % 2 ? 1 : -1);
        OK(k.sel >= 0 && k.sel < k.nkeys, "move %d: a key", i);
    }
}

static void test_rects(void)
{
    const SDL_Rect areas[] = {{40, 200, 944, 500}, {0, 0, 1920, 700}, {300, 300, 400, 300}};
    for (int layout = KB_TEXT; layout <= KB_DIGITS; layout++)
        for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++) {
            keyboard k;
            kb_init(&k, (kb_layout)layout);
            SDL_Rect r[KB_MAX_KEYS];
            kb_rects(&k, areas[a], r);
            for (int i = 0; i < k.nkeys; i++) {
                SDL_Rect in;
                OK(SDL_IntersectRect(&r[i], &areas[a], &in) && SDL_RectEquals(&in, &r[i]),
                   "layout %d area %zu key %d inside", layout, a, i);
                OK(r[i].w > 0 && r[i].h > 0, "layout %d area %zu key %d not empty", layout, a, i);
                for (int j = 0; j < i; j++)
                    OK(!SDL_HasIntersection(&r[i], &r[j]),
                       "layout %d area %zu keys %d and %d apart", layout, a, j, i);
                INT_EQ(kb_hit(&k, areas[a], r[i].x + r[i].w / 2, r[i].y + r[i].h / 2), i,
                       "layout %d area %zu: the centre of key %d", layout, a, i);
            }
            INT_EQ(kb_hit(&k, areas[a], areas[a].x - 1, areas[a].y), -1, "left of the area");
            /* the gap between the first two keys hits nothing */
            INT_EQ(kb_hit(&k, areas[a], r[0].x + r[0].w, r[0].y + r[0].h / 2), -1,
                   "layout %d area %zu: between keys", layout, a);
        }
}

int main(void)
{
    test_pages();
    test_typing();
    test_digits();
    test_moves();
    test_rects();
    return test_summary();
}
