/* doc_text.c - plain text, as typed or as pasted from a browser, read into
 * blocks. Start reading at doc_read_text().
 *
 * Nothing in plain text marks a heading or its level, so this reader only
 * says what each line looks like; article.c decides what is a topic.
 *
 * - The first non-empty line is the title (d->title); the rest of its block
 *   is text.
 * - The text is cut into blocks: runs of non-blank lines. Each block's gap is
 *   the number of blank lines before it.
 * - Credit, byline and date lines are dropped wherever they stand: "By Ann
 *   Lee", "Originally written by ... for ...", "Updated 3 May 2025", "Photo:
 *   ...", "Source: ...", "Figure 3.2 ...", "6 min read", a line that is only
 *   a date; so are an encyclopedia's notes about the page ("From Wikipedia,
 *   ...", "Main article: ...", "This article is about ...") and rows pasted
 *   from a table or an infobox (a line with a tab in it; a block whose rows
 *   are a third or more such lines goes whole, its label lines too); a
 *   caption just above its picture's credit ("Photograph: ...") goes too.
 * - Lines a PDF repeats on every page ("Chapter 4 · Forces   57": a page
 *   number at the start or end, the same words on three lines or more) are
 *   dropped, and a word hyphenated at a line's end is joined again.
 * - A line alone that reads like a picture's caption (more than 8 words in
 *   sentence case, no full stop) is dropped: it is neither a heading nor a
 *   sentence.
 * - A block of one line is a heading when it is heading-shaped (at most 15
 *   words, a letter or digit, not ending in . : ! , ;) or a short question
 *   (at most 15 words ending in '?'); otherwise a paragraph. A heading's
 *   level is 0 (unknown) unless an outline number opens it: "2 History" and
 *   "2. History" are level 1, "2.1 Origins" level 2.
 * - A block of several lines is read line by line:
 *   - a line ending in '?' among its first three, with lines after it, is a
 *     question and the rest its answer ("Q: ...?" / "A: ..." in one block);
 *   - bulleted or numbered lines ("•", "-", "*", "–", "1.", "1)") are list
 *     items; a line after an item that is not one continues it;
 *   - leading heading-shaped lines followed by a prose line are headings
 *     (a browser pastes a heading and its sub-heading on consecutive lines);
 *   - lines that each end a sentence, or that are all short (no line over 80
 *     characters, and on average under 45), are one item a line: a browser
 *     pastes each <li> on a line of its own; a line ending in ':' before them
 *     is their lead-in paragraph;
 *   - anything else is one paragraph wrapped over several lines (joined).
 *   Two short lines alone in a block, both heading-shaped, are a heading and
 *   its sub-heading when the next block is prose, otherwise two items.
 */
#include "doc.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

#define HEADING_MAX_WORDS 15
#define CAPTION_WORDS 8
#define ITEM_SHORT_AVG 45
#define ITEM_SHORT_MAX 80

typedef struct tline {
    const char *s; /* trimmed, not NUL-terminated */
    size_t n;
    int no;
} tline;

typedef struct reader {
    doc *d;
    tline *lines;
    size_t nlines, cap;
} reader;

/* Does a line name a licence or a site, as a page's foot does ("Free to
 * share under CC BY 4.0 · example.org", "© 2024 Press")? */
static bool page_foot(const char *s, size_t n)
{
    static const char *const marks[] = {"cc by", "\xC2\xA9", "copyright", "all rights reserved",
                                        ".org",  ".com",     ".net",      ".edu",
                                        ".gov",  NULL};
    for (size_t k = 0; marks[k]; k++) {
        size_t m = strlen(marks[k]);
        for (size_t i = 0; i + m <= n; i++)
            if (str_icmp_n(s + i, marks[k], m) == 0)
                return true;
    }
    return false;
}

static bool has_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80)
            return true;
    }
    return false;
}

/* Does the line start like a heading or a sentence: an upper-case letter
 * (ASCII, Latin-1, Greek or Cyrillic), a digit or an opening quote? */
static bool starts_upper(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!n)
        return false;
    if ((u[0] >= 'A' && u[0] <= 'Z') || (u[0] >= '0' && u[0] <= '9') || u[0] == '"' ||
        u[0] == '\'' || u[0] == '(')
        return true;
    if (n >= 2 && u[0] >= 0xC3 && u[0] <= 0xD4) {
        unsigned cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
        return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9) ||
               (cp >= 0x400 && cp <= 0x42F);
    }
    return n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x98);
}

static bool heading_shaped(const char *s, size_t n)
{
    if (!n || n > 200 || strchr(".:!,;", s[n - 1]))
        return false;
    if (s[n - 1] == '?')
        return false;
    return doc_count_words(s, n) <= HEADING_MAX_WORDS && has_alnum(s, n);
}

static bool question_shaped(const char *s, size_t n)
{
    return n > 1 && s[n - 1] == '?' && doc_count_words(s, n) <= HEADING_MAX_WORDS &&
           has_alnum(s, n);
}

/* The bullet or number at the start of a list line: its length with the
 * space after it, or 0. */
static size_t bullet_len(const char *s, size_t n)
{
    static const char *const marks[] = {"\xE2\x80\xA2", /* • */
                                        "\xC2\xB7",     /* · */
                                        "\xE2\x96\xAA", /* ▪ */
                                        "\xE2\x80\x93", /* – */
                                        "\xE2\x80\x94", /* — */
                                        "\xE2\x97\x8F", /* ● */
                                        "-",
                                        "*",
                                        "+",
                                        NULL};
    for (size_t k = 0; marks[k]; k++) {
        size_t m = strlen(marks[k]);
        if (n > m + 1 && !memcmp(s, marks[k], m) && (s[m] == ' ' || s[m] == '\t'))
            return m + 1;
    }
    size_t i = 0;
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0 && n > 3 && s[0] >= 'a' && s[0] <= 'h' && s[1] == ')')
        i = 1; /* "a) ..." */
    if (i && i + 2 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
        return i + 2;
    return 0;
}

/* A picture's credit: "Photograph: ...", "Photo by ...", "Image credit: ...". */
static bool photo_credit(const char *s, size_t n)
{
    static const char *const lead[] = {
        "photo", "image", "picture", "illustration", "credit", "\xD0\xA4\xD0\xBE\xD1\x82\xD0\xBE",
        NULL};
    for (size_t k = 0; lead[k]; k++)
        if (n >= strlen(lead[k]) && str_icmp_n(s, lead[k], strlen(lead[k])) == 0 &&
            doc_credit_line(s, n))
            return true;
    return false;
}

static void add_line(reader *r, const char *s, size_t n, int no)
{
    while (n && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    /* citation marks at the end do not count for the line's shape: judged
     * by its last word ("in 1901.[3]" ends a sentence) */
    for (bool more = true; more && n && s[n - 1] == ']';) {
        more = false;
        for (size_t i = n - 1; i-- > 0 && n - i <= 42;)
            if (s[i] == '[') {
                if (doc_citation_at(s, n, i) == n - i) {
                    n = i;
                    while (n && is_space((unsigned char)s[n - 1]))
                        n--;
                    more = true;
                }
                break;
            }
    }
    xgrow((void **)&r->lines, &r->cap, r->nlines + 1, sizeof *r->lines);
    r->lines[r->nlines++] = (tline){s, n, no};
}

static void split_lines(reader *r, const char *buf, size_t len)
{
    int no = 1;
    size_t i = 0;
    while (i <= len) {
        size_t start = i;
        while (i < len && buf[i] != '\n' && buf[i] != '\r')
            i++;
        add_line(r, buf + start, i - start, no);
        if (i >= len)
            break;
        if (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')
            i++;
        i++;
        no++;
    }
}

/* The level an outline number gives a heading: "2 History" and "2. History"
 * 1, "2.1 Origins" 2, "2.1.3 ..." 3; 0 without one. */
static int outline_level(const char *s, size_t n)
{
    int level = 0;
    size_t i = 0;
    for (;;) {
        size_t d = i;
        while (i < n && i - d < 3 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return 0;
        level++;
        if (i < n && s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            i++;
            continue;
        }
        if (i < n && s[i] == '.')
            i++;
        break;
    }
    return i < n && s[i] == ' ' && level <= 6 ? level : 0;
}

/* Lines [a, b) joined by single spaces (doc_add collapses the rest). */
static doc_block *emit(reader *r, doc_kind kind, size_t a, size_t b, int gap, int list)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = a; i < b; i++) {
        const tline *l = &r->lines[i];
        /* a word hyphenated at the line's end, as text copied from a PDF
         * has them ("be-" / "tween"): joined again */
        bool split = sb.len >= 2 && sb.buf[sb.len - 1] == '-' &&
                     ((sb.buf[sb.len - 2] >= 'a' && sb.buf[sb.len - 2] <= 'z') ||
                      (unsigned char)sb.buf[sb.len - 2] >= 0x80) &&
                     l->n &&
                     ((l->s[0] >= 'a' && l->s[0] <= 'z') ||
                      ((unsigned char)l->s[0] >= 0x80 && !starts_upper(l->s, l->n)));
        if (split)
            sb.len--;
        else if (sb.len)
            strbuf_addc(&sb, ' ');
        strbuf_add(&sb, l->s, l->n);
    }
    doc_block *blk = doc_add(r->d, kind, 0, r->lines[a].no, strbuf_str(&sb), sb.len);
    strbuf_release(&sb);
    if (blk) {
        blk->gap = gap;
        blk->list = list;
        if (kind == DOC_HEADING)
            blk->level = outline_level(r->lines[a].s, r->lines[a].n);
    }
    return blk;
}

/* Most words of four letters or more capitalised ("Greens, Browns, and
 * the 30 to 1 Rule")? */
static bool title_case(const char *s, size_t n)
{
    size_t long_words = 0, caps = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && is_space((unsigned char)s[i]))
            i++;
        size_t st = i;
        while (i < n && !is_space((unsigned char)s[i]))
            i++;
        if (i - st >= 4) {
            long_words++;
            caps += starts_upper(s + st, i - st);
        }
    }
    return caps * 3 >= long_words * 2;
}

/* A caption pasted with its picture: a phrase of more than CAPTION_WORDS
 * words in sentence case, without a full stop. Headings are shorter, or
 * written in title case. */
static bool caption_shaped(const char *s, size_t n)
{
    return heading_shaped(s, n) && doc_count_words(s, n) > CAPTION_WORDS && !title_case(s, n) &&
           !bullet_len(s, n) && !(s[0] >= '0' && s[0] <= '9');
}

static bool line_heading(const tline *l)
{
    return heading_shaped(l->s, l->n) && starts_upper(l->s, l->n) && !caption_shaped(l->s, l->n);
}

/* Is the block lines[a, b) one item a line? */
static bool one_item_a_line(const reader *r, size_t a, size_t b)
{
    if (b - a < 2)
        return false;
    size_t total = 0, longest = 0, sentences = 0;
    for (size_t i = a; i < b; i++) {
        const tline *l = &r->lines[i];
        total += l->n;
        if (l->n > longest)
            longest = l->n;
        if (doc_ends_sentence(l->s, l->n) && starts_upper(l->s, l->n))
            sentences++;
    }
    for (size_t i = a; i + 1 < b; i++) { /* "be-" / "tween": one wrapped paragraph */
        const tline *l = &r->lines[i];
        if (l->n >= 2 && l->s[l->n - 1] == '-' && l->s[l->n - 2] != ' ' && r->lines[i + 1].n &&
            r->lines[i + 1].s[0] >= 'a' && r->lines[i + 1].s[0] <= 'z')
            return false;
    }
    if (sentences == b - a && b - a >= 3)
        return true; /* every line a sentence of its own */
    /* hard-wrapped prose: every line but the last near the longest */
    bool wrapped = longest >= 50;
    for (size_t i = a; i + 1 < b && wrapped; i++)
        wrapped = r->lines[i].n * 4 >= longest * 3;
    if (wrapped)
        return false;
    return longest <= ITEM_SHORT_MAX && total / (b - a) < ITEM_SHORT_AVG;
}

static size_t read_lines(reader *r, size_t a, size_t b, int gap, bool next_prose);

/* A block of lines, lines[a, b), after its credit lines were dropped.
 * next_prose: the block after it starts with a prose line. */
static void read_block(reader *r, size_t a, size_t b, int gap, bool next_prose)
{
    /* each step reads the block's first lines and goes on with the rest */
    for (; a < b; gap = 0) {
        size_t rest = read_lines(r, a, b, gap, next_prose);
        if (rest == b || rest <= a)
            return;
        a = rest;
    }
}

/* Reads lines [a, b) or their first part; returns where the rest starts
 * (b when all was read). */
static size_t read_lines(reader *r, size_t a, size_t b, int gap, bool next_prose)
{
    if (b - a == 1) {
        const tline *l = &r->lines[a];
        if (caption_shaped(l->s, l->n) && starts_upper(l->s, l->n)) {
            /* a picture's caption: no heading, no sentence (said, in case
             * it was a long heading after all) */
            doc_warn(r->d, l->no, "line read as a picture's caption, skipped");
            return b;
        }
        bool head = line_heading(l) || question_shaped(l->s, l->n);
        emit(r, head ? DOC_HEADING : DOC_PARA, a, b, gap, 0);
        return b;
    }
    /* a question and its answer in one block */
    for (size_t k = a; k < b && k < a + 3; k++) {
        const tline *l = &r->lines[k];
        if (l->n && l->s[l->n - 1] == '?' && k + 1 < b && !bullet_len(l->s, l->n)) {
            /* headings over it ("FAQ"), then the question: a heading when
             * short, as when it stands alone */
            size_t q = a;
            while (q < k && line_heading(&r->lines[q])) {
                emit(r, DOC_HEADING, q, q + 1, gap, 0);
                gap = 0;
                q++;
            }
            bool head = q == k && question_shaped(l->s, l->n);
            emit(r, head ? DOC_HEADING : DOC_PARA, q, k + 1, gap, 0);
            return k + 1;
        }
        if (l->n && strchr(".!", l->s[l->n - 1]))
            break;
    }
    /* outline-numbered headings on the first lines ("3. Landforms" over
     * "3.1 Waterfalls"): a number followed by a deeper one is a heading,
     * not the first of a list */
    if (b - a >= 2 && line_heading(&r->lines[a])) {
        int l0 = outline_level(r->lines[a].s, r->lines[a].n);
        int l1 = outline_level(r->lines[a + 1].s, r->lines[a + 1].n);
        if (l0 && l1 > l0) {
            emit(r, DOC_HEADING, a, a + 1, gap, 0);
            return a + 1;
        }
        /* "2.1 ..." is never a list's item; "4. Activity" over a line of
         * prose that is no item is a heading */
        const tline *nx = &r->lines[a + 1];
        if (l0 >= 2 || (l0 == 1 && !bullet_len(nx->s, nx->n) && starts_upper(nx->s, nx->n) &&
                        doc_count_words(nx->s, nx->n) > 8)) {
            emit(r, DOC_HEADING, a, a + 1, gap, 0);
            return a + 1;
        }
    }
    /* bulleted or numbered lines */
    size_t bullets = 0;
    for (size_t i = a; i < b; i++)
        bullets += bullet_len(r->lines[i].s, r->lines[i].n) > 0;
    if (bullets >= 2 || (bullets == 1 && b - a == 1)) {
        int list = doc_new_list(r->d);
        size_t i = a;
        if (!bullet_len(r->lines[a].s, r->lines[a].n)) { /* the lead-in */
            while (i < b && !bullet_len(r->lines[i].s, r->lines[i].n))
                i++;
            /* headings over the list ("2.1 Four Processes"), then text */
            while (a < i && line_heading(&r->lines[a])) {
                emit(r, DOC_HEADING, a, a + 1, gap, 0);
                gap = 0;
                a++;
            }
            if (a < i)
                emit(r, DOC_PARA, a, i, gap, 0);
            gap = 0;
        }
        while (i < b) {
            size_t e = i + 1;
            while (e < b && !bullet_len(r->lines[e].s, r->lines[e].n))
                e++;
            tline first = r->lines[i];
            size_t bl = bullet_len(first.s, first.n);
            r->lines[i].s += bl;
            r->lines[i].n -= bl;
            emit(r, DOC_ITEM, i, e, gap, list);
            r->lines[i] = first;
            gap = 0;
            i = e;
        }
        return b;
    }
    /* leading headings: a heading and its sub-heading on consecutive lines;
     * not the first line of a hard-wrapped paragraph (about as long as the
     * block's longest line, or continued by a line in lower case) */
    size_t longest = 0;
    for (size_t i = a; i < b; i++)
        if (r->lines[i].n > longest)
            longest = r->lines[i].n;
    size_t h = a;
    while (h < b && h < a + 3 && line_heading(&r->lines[h]) &&
           !(r->lines[h].n >= 40 && r->lines[h].n * 4 >= longest * 3) &&
           (h + 1 >= b || starts_upper(r->lines[h + 1].s, r->lines[h + 1].n)))
        h++;
    const tline *first_text = &r->lines[h < b ? h : b - 1];
    if (h > a && h < b && !line_heading(first_text) &&
        (doc_count_words(first_text->s, first_text->n) > 8 ||
         doc_ends_sentence(first_text->s, first_text->n) || one_item_a_line(r, h, b))) {
        /* the headings, then the rest as prose */
        for (size_t i = a; i < h; i++) {
            emit(r, DOC_HEADING, i, i + 1, i == a ? gap : 0, 0);
        }
        return h;
    }
    if (h == b && b - a == 2 && next_prose) {
        emit(r, DOC_HEADING, a, a + 1, gap, 0);
        emit(r, DOC_HEADING, a + 1, b, 0, 0);
        return b;
    }
    /* a lead-in line ending in ':' and items after it */
    size_t lead = a;
    for (size_t i = a; i + 1 < b; i++) {
        const tline *l = &r->lines[i];
        if (l->n && l->s[l->n - 1] == ':') {
            lead = i + 1;
            break;
        }
    }
    if (lead > a && one_item_a_line(r, lead, b)) {
        emit(r, DOC_PARA, a, lead, gap, 0);
        gap = 0;
        a = lead;
    }
    if (one_item_a_line(r, a, b)) {
        int list = doc_new_list(r->d);
        for (size_t i = a; i < b; i++) {
            emit(r, DOC_ITEM, i, i + 1, gap, list);
            gap = 0;
        }
        return b;
    }
    emit(r, DOC_PARA, a, b, gap, 0);
    return b;
}

/* The lines a PDF repeats on every page, its running heads and feet
 * ("Chapter 4 · Forces   57", "58   Physics for Everyday Life"): lines of
 * 3 to 14 words with a number at their start or end, whose words without
 * their digits stand on three lines or more, with numbers that differ (page numbers; "4.1 Friction"
 * in a chapter's outline, heading and summary is the same each time). Marks them in run[]. */
static void running_lines(const reader *r, bool *run)
{
    text_map seen = TEXT_MAP_INIT;
    size_t *key_of = xmalloc((r->nlines + 1) * sizeof *key_of);
    size_t *count = xcalloc(r->nlines + 1, sizeof *count);
    uint64_t *digits = xcalloc(r->nlines + 1, sizeof *digits); /* the first line's numbers */
    bool *varied = xcalloc(r->nlines + 1, sizeof *varied);
    strbuf key = STRBUF_INIT, num = STRBUF_INIT;
    for (size_t i = 0; i < r->nlines; i++) {
        const tline *l = &r->lines[i];
        key_of[i] = (size_t)-1;
        /* a page number stands at the line's start or end, beside at
         * least two other words ("Step 3" and "Group 12" are headings); a
         * foot without one names the licence or the site */
        bool numbered = l->n && ((l->s[0] >= '0' && l->s[0] <= '9') ||
                                 (l->s[l->n - 1] >= '0' && l->s[l->n - 1] <= '9'));
        if (!l->n || doc_count_words(l->s, l->n) > 14 || doc_count_words(l->s, l->n) < 3 ||
            (!numbered && !page_foot(l->s, l->n)))
            continue;
        key.len = num.len = 0;
        for (size_t k = 0; k < l->n; k++) {
            char c = l->s[k];
            if (c >= '0' && c <= '9')
                strbuf_addc(&num, c);
            else if (!is_space((unsigned char)c))
                strbuf_addc(&key, (char)ascii_lower((unsigned char)c));
        }
        if (!key.len)
            continue;
        bool added;
        size_t at = *text_map_put(&seen, strbuf_str(&key), i, &added);
        uint64_t h = hash64(num.buf, num.len, 7);
        if (added)
            digits[at] = h;
        else if (digits[at] != h || !numbered)
            varied[at] = true; /* a foot without a number repeats as it is */
        key_of[i] = at;
        count[at]++;
    }
    for (size_t i = 0; i < r->nlines; i++)
        run[i] = key_of[i] != (size_t)-1 && count[key_of[i]] >= 3 && varied[key_of[i]];
    strbuf_release(&key);
    strbuf_release(&num);
    free(varied);
    free(digits);
    free(count);
    free(key_of);
    text_map_release(&seen);
}

int doc_read_text(doc *d, const char *buf, size_t len, char **err)
{
    (void)err;
    reader r = {d, NULL, 0, 0};
    split_lines(&r, buf, len);
    size_t i = 0;
    while (i < r.nlines && !r.lines[i].n)
        i++;
    if (i < r.nlines) { /* the title */
        d->title = doc_clean(r.lines[i].s, r.lines[i].n);
        d->title_line = r.lines[i].no;
        i++;
    }
    /* blocks of non-blank lines, credit lines and running heads dropped */
    int gap = 0;
    size_t *keep = xmalloc((r.nlines + 1) * sizeof *keep);
    bool *run = xcalloc(r.nlines + 1, sizeof *run);
    running_lines(&r, run);
    while (i < r.nlines) {
        if (!r.lines[i].n) {
            gap++;
            i++;
            continue;
        }
        size_t e = i, nk = 0;
        while (e < r.nlines && r.lines[e].n)
            e++;
        /* compact the block's kept lines in place */
        /* a block of rows pasted with tabs is a table or an infobox: all of
         * it goes, its label lines too */
        size_t tabbed = 0;
        for (size_t k = i; k < e; k++)
            tabbed += memchr(r.lines[k].s, '\t', r.lines[k].n) != NULL;
        for (size_t k = i; k < e && tabbed * 3 < (e - i); k++) {
            if (run[k] || doc_credit_line(r.lines[k].s, r.lines[k].n))
                continue;
            /* a caption stands right above its picture's credit */
            if (k + 1 < e && photo_credit(r.lines[k + 1].s, r.lines[k + 1].n) &&
                !doc_ends_sentence(r.lines[k].s, r.lines[k].n))
                continue;
            keep[nk++] = k;
        }
        for (size_t k = 0; k < nk; k++)
            r.lines[i + k] = r.lines[keep[k]];
        /* a caption alone, with its picture's credit in the next block */
        size_t cr = e;
        while (cr < r.nlines && !r.lines[cr].n)
            cr++;
        if (nk == 1 && cr < r.nlines && photo_credit(r.lines[cr].s, r.lines[cr].n) &&
            !doc_ends_sentence(r.lines[i].s, r.lines[i].n))
            nk = 0;
        /* the next block starts with prose: a line that is no heading
         * (credit lines and captions, which are dropped, aside); looked
         * for only from a block that is kept, so each line is passed over
         * once or twice */
        bool next_prose = false;
        if (nk) {
            size_t nx = e;
            while (nx < r.nlines &&
                   (!r.lines[nx].n || doc_credit_line(r.lines[nx].s, r.lines[nx].n) ||
                    (caption_shaped(r.lines[nx].s, r.lines[nx].n) &&
                     (nx + 1 >= r.nlines || !r.lines[nx + 1].n))))
                nx++;
            next_prose = nx < r.nlines && !line_heading(&r.lines[nx]) &&
                         !question_shaped(r.lines[nx].s, r.lines[nx].n);
        }
        if (nk) {
            read_block(&r, i, i + nk, gap, next_prose);
            gap = 0;
        } else if (gap) {
            gap--; /* a dropped line between blank lines leaves one gap, not two */
        }
        i = e;
    }
    free(run);
    free(keep);
    free(r.lines);
    return 0;
}
