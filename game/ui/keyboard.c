/* keyboard.c - the on-screen keyboard: pages of keys built from rows of
 * UTF-8 characters, their place in half-units, pressing and D-pad moving,
 * then pixels and drawing. */
#include "keyboard.h"

#include <string.h>

#include "i18n.h"

#define ROWS_MAX 4

/* Each page: rows of lower-case characters and their capitals, the same
 * number of characters (not bytes) in both. */
typedef struct page_rows {
    const char *lower[ROWS_MAX];
    const char *upper[ROWS_MAX];
} page_rows;

static const page_rows pages[KB_PAGES] = {
    [KB_LATIN] = {{"1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm-."},
                  {"1234567890", "QWERTYUIOP", "ASDFGHJKL'", "ZXCVBNM-."}},
    /* Latin-1: French, German, Spanish, Portuguese, Nordic, Icelandic... */
    [KB_LATIN1] = {{"àáâãäåæçèé", "êëìíîïñòóô", "õöøùúûüýÿß", "ðþ"},
                   {"ÀÁÂÃÄÅÆÇÈÉ", "ÊËÌÍÎÏÑÒÓÔ", "ÕÖØÙÚÛÜÝŸß", "ÐÞ"}},
    /* Latin Extended-A: Polish, Czech, Slovak, Hungarian, Baltic, Turkish,
     * Croatian, Slovenian, Maltese, Latvian; and Romanian's ș ț */
    [KB_LATIN_EXT] = {{"āăąćčďđēėęě", "ğģīįıķĺļľłń", "ņňōőœŕřśşšţ", "ťūůűųźżžșț"},
                      {"ĀĂĄĆČĎĐĒĖĘĚ", "ĞĢĪĮIĶĹĻĽŁŃ", "ŅŇŌŐŒŔŘŚŞŠŢ", "ŤŪŮŰŲŹŻŽȘȚ"}},
    /* Russian ЙЦУКЕН, with the letters Ukrainian and Belarusian add */
    [KB_CYRILLIC] = {{"йцукенгшщзх", "фывапролджэ", "ячсмитьбюё", "ъіїєґў'"},
                     {"ЙЦУКЕНГШЩЗХ", "ФЫВАПРОЛДЖЭ", "ЯЧСМИТЬБЮЁ", "ЪІЇЄҐЎ'"}},
};

/* What a page key is labelled: the first letters of the page. */
static const char *const page_label[KB_PAGES] = {"ABC", "ÀÉÑ", "ĀČŁ", "АБВ"};

/* The length of the UTF-8 character at s (1 for a stray byte, 0 at the end). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    if (!c)
        return 0;
    size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            return 1;
    return n;
}

static kb_key *add(keyboard *k, kb_key_kind kind, int row, int x, int w)
{
    if (k->nkeys >= KB_MAX_KEYS)
        return NULL;
    kb_key *key = &k->keys[k->nkeys++];
    memset(key, 0, sizeof *key);
    key->kind = kind;
    key->row = row;
    key->x = x;
    key->w = w;
    if (k->nrows < row + 1)
        k->nrows = row + 1;
    if (k->width < x + w)
        k->width = x + w;
    return key;
}

/* One row of character keys (2 half-units each) from a UTF-8 string. */
static void add_chars(keyboard *k, int row, const char *s)
{
    for (int x = 0; *s; x += 2) {
        size_t n = char_len(s);
        kb_key *key = add(k, KB_CHAR, row, x, 2);
        if (!key)
            return;
        memcpy(key->text, s, n < KB_TEXT_MAX ? n : KB_TEXT_MAX - 1);
        s += n;
    }
}

/* Builds the keys of the current layout, page and shift. */
static void build(keyboard *k)
{
    k->nkeys = k->nrows = k->width = 0;
    if (k->layout == KB_DIGITS) {
        add_chars(k, 0, "123");
        add_chars(k, 1, "456");
        add_chars(k, 2, "789");
        add(k, KB_DELETE, 3, 0, 2);
        kb_key *zero = add(k, KB_CHAR, 3, 2, 2);
        if (zero)
            strcpy(zero->text, "0");
        add(k, KB_DONE, 3, 4, 2);
    } else {
        const page_rows *p = &pages[k->page];
        int row = 0;
        for (; row < ROWS_MAX && p->lower[row]; row++)
            add_chars(k, row, k->shift ? p->upper[row] : p->lower[row]);
        int x = 0;
        add(k, KB_SHIFT, row, x, 3);
        x += 3;
        for (int pg = 0; pg < KB_PAGES; pg++) {
            if (pg == (int)k->page)
                continue;
            kb_key *key = add(k, KB_PAGE, row, x, 3);
            if (key) {
                key->page = (kb_page)pg;
                strcpy(key->text, page_label[pg]);
            }
            x += 3;
        }
        add(k, KB_SPACE, row, x, 4);
        x += 4;
        add(k, KB_DELETE, row, x, 3);
        x += 3;
        add(k, KB_DONE, row, x, 3);
    }
    if (k->sel >= k->nkeys)
        k->sel = k->nkeys - 1;
    if (k->sel < 0)
        k->sel = 0;
}

void kb_init(keyboard *k, kb_layout layout)
{
    memset(k, 0, sizeof *k);
    k->layout = layout;
    k->page = KB_LATIN;
    build(k);
    /* the D-pad starts on a letter (q), or on 1 of the digit pad */
    k->sel = layout == KB_TEXT ? 10 : 0;
}

/* The first key of kind (and page, for KB_PAGE) on the keyboard, or -1. */
static int find(const keyboard *k, kb_key_kind kind, kb_page page)
{
    for (int i = 0; i < k->nkeys; i++)
        if (k->keys[i].kind == kind && (kind != KB_PAGE || k->keys[i].page == page))
            return i;
    return -1;
}

kb_result kb_press(keyboard *k, int i, char *out)
{
    out[0] = '\0';
    if (i < 0 || i >= k->nkeys)
        return KB_NOTHING;
    const kb_key *key = &k->keys[i];
    switch (key->kind) {
    case KB_CHAR:
        strcpy(out, key->text);
        if (k->shift) { /* one capital, then small letters again */
            k->shift = false;
            build(k);
        }
        return KB_TYPED;
    case KB_SPACE:
        strcpy(out, " ");
        return KB_TYPED;
    case KB_DELETE:
        return KB_ERASE;
    case KB_DONE:
        return KB_SUBMIT;
    case KB_SHIFT:
        k->shift = !k->shift;
        build(k);
        return KB_NOTHING;
    case KB_PAGE: {
        kb_page from = k->page;
        k->page = key->page;
        build(k);
        /* the D-pad stays on the page row, on the key back to where it was */
        int back = find(k, KB_PAGE, from);
        if (back >= 0)
            k->sel = back;
        return KB_NOTHING;
    }
    }
    return KB_NOTHING;
}

/* The row's width in half-units. */
static int row_width(const keyboard *k, int row)
{
    int w = 0;
    for (int i = 0; i < k->nkeys; i++)
        if (k->keys[i].row == row && k->keys[i].x + k->keys[i].w > w)
            w = k->keys[i].x + k->keys[i].w;
    return w;
}

/* Twice a key's centre from the keyboard's left end, in half-units (rows
 * are centred). */
static int centre2(const keyboard *k, int i)
{
    const kb_key *key = &k->keys[i];
    return (k->width - row_width(k, key->row)) + 2 * key->x + key->w;
}

void kb_move(keyboard *k, int dx, int dy)
{
    if (k->nkeys == 0)
        return;
    int cur = k->sel;
    int row = k->keys[cur].row;
    if (dx) {
        int first = -1, last = -1;
        for (int i = 0; i < k->nkeys; i++)
            if (k->keys[i].row == row) {
                if (first < 0)
                    first = i;
                last = i;
            }
        int next = cur + (dx > 0 ? 1 : -1);
        k->sel = next > last ? first : next < first ? last : next;
        return;
    }
    if (!dy)
        return;
    int target = ((row + (dy > 0 ? 1 : -1)) % k->nrows + k->nrows) % k->nrows;
    int c = centre2(k, cur), best = -1, best_d = 0;
    for (int i = 0; i < k->nkeys; i++) {
        if (k->keys[i].row != target)
            continue;
        int d = centre2(k, i) - c;
        d = d < 0 ? -d : d;
        if (best < 0 || d < best_d) {
            best = i;
            best_d = d;
        }
    }
    if (best >= 0)
        k->sel = best;
}

void kb_rects(const keyboard *k, SDL_Rect area, SDL_Rect *out)
{
    if (k->nrows == 0 || k->width == 0)
        return;
    int gap = area.h / 40 > 2 ? area.h / 40 : 2;
    int kh = (area.h - gap * (k->nrows - 1)) / k->nrows;
    int half = area.w / k->width;
    if (half > kh * 65 / 100) /* a character key at most 1.3 times as wide as high */
        half = kh * 65 / 100;
    if (half < 1)
        half = 1;
    int left = area.x + (area.w - half * k->width) / 2;
    int top = area.y + (area.h - (kh * k->nrows + gap * (k->nrows - 1))) / 2;
    for (int i = 0; i < k->nkeys; i++) {
        const kb_key *key = &k->keys[i];
        int off = (k->width - row_width(k, key->row)) * half / 2;
        out[i] = (SDL_Rect){left + off + key->x * half + gap / 2, top + key->row * (kh + gap),
                            key->w * half - gap, kh};
    }
}

int kb_hit(const keyboard *k, SDL_Rect area, int x, int y)
{
    SDL_Rect r[KB_MAX_KEYS];
    kb_rects(k, area, r);
    for (int i = 0; i < k->nkeys; i++)
        if (ui_point_in(r[i], x, y))
            return i;
    return -1;
}

const char *kb_key_name(const keyboard *k, int i)
{
    static const char *const names[] = {
        [KB_SHIFT] = "Shift", [KB_SPACE] = "Space", [KB_DELETE] = "Delete", [KB_DONE] = "Done"};
    if (i < 0 || i >= k->nkeys)
        return "";
    kb_key_kind kind = k->keys[i].kind;
    return kind == KB_CHAR || kind == KB_PAGE ? k->keys[i].text : names[kind];
}

static const char *label(const keyboard *k, const kb_key *key)
{
    switch (key->kind) {
    case KB_CHAR:
    case KB_PAGE:
        return key->text;
    case KB_SHIFT:
        return "\xE2\x87\xA7"; /* ⇧, the sign on keyboards */
    case KB_SPACE:
        return _("Space");
    case KB_DELETE:
        return "\xE2\x8C\xAB"; /* ⌫ */
    case KB_DONE:
        return k->layout == KB_DIGITS ? _("OK") : _("Done");
    }
    return "";
}

void kb_draw(const keyboard *k, ui *u, SDL_Rect area, bool show_sel)
{
    const ui_theme *t = &u->theme;
    SDL_Rect r[KB_MAX_KEYS];
    kb_rects(k, area, r);
    for (int i = 0; i < k->nkeys; i++) {
        const kb_key *key = &k->keys[i];
        bool sel = show_sel && i == k->sel;
        bool on = key->kind == KB_SHIFT && k->shift;
        bool special = key->kind != KB_CHAR;
        SDL_Color fill = sel                    ? t->accent
                         : key->kind == KB_DONE ? t->good
                         : special              ? t->panel_hi
                                                : t->panel;
        SDL_Color ink = sel || key->kind == KB_DONE ? t->on_badge : t->text;
        ui_panel(u, r[i], fill, r[i].h / 6);
        if (on)
            ui_frame(u, r[i], t->accent, r[i].h / 14 > 2 ? r[i].h / 14 : 2, r[i].h / 6);
        ui_log(u, r[i], 0, false, "key");
        /* one line, as large as the key allows (a translated word shrinks) */
        bool word = key->kind == KB_SPACE || key->kind == KB_DONE || key->kind == KB_PAGE;
        int px = word ? r[i].h * 45 / 100 : r[i].h * 55 / 100;
        int room = r[i].w - r[i].w / 6;
        const char *s = label(k, key);
        while (px > ui_min_px(u) && ui_text_width(u, s, px, !word) > room)
            px -= px / 12 > 1 ? px / 12 : 1;
        if (px < ui_min_px(u))
            px = ui_min_px(u);
        int lh = ui_line_height(u, px, !word);
        ui_text(u, s, px, !word, ink, r[i].x + r[i].w / 2, r[i].y + (r[i].h - lh) / 2, UI_CENTER);
    }
}
