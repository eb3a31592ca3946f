/* doc.c - the block list the readers fill, its text cleaning and the
 * format detection. Start reading at doc_add(). */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void doc_init(doc *d, const char *name)
{
    memset(d, 0, sizeof *d);
    d->name = xstrdup(name);
}

void doc_release(doc *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].text);
    free(d->v);
    for (size_t i = 0; i < d->nwarnings; i++)
        free(d->warnings[i]);
    free(d->warnings);
    free(d->title);
    free(d->name);
    memset(d, 0, sizeof *d);
}

/* The length of the white space at s[i] (0 when none): ASCII white space,
 * U+00A0 no-break space, U+2028/U+2029 separators, U+2000..U+200B spaces,
 * U+202F and U+3000. */
static size_t space_at(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (is_space(u[i]))
        return 1;
    if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xA0)
        return 2;
    if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
        ((u[i + 2] >= 0x80 && u[i + 2] <= 0x8B) || u[i + 2] == 0xA8 || u[i + 2] == 0xA9 ||
         u[i + 2] == 0xAF))
        return 3;
    if (u[i] == 0xE3 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x80)
        return 3;
    return 0;
}

size_t doc_citation_at(const char *s, size_t n, size_t i)
{
    static const char *const words[] = {
        "citation needed", "edit",   "clarification needed", "who?",        "when?",
        "dubious",         "update", "better source needed", "page needed", NULL};
    size_t close = i + 1;
    while (close < n && close - i <= 40 && s[close] != ']' && s[close] != '[')
        close++;
    if (close >= n || s[close] != ']' || close == i + 1)
        return 0;
    const char *in = s + i + 1;
    size_t m = close - i - 1;
    for (size_t k = 0; words[k]; k++)
        if (strlen(words[k]) == m && str_icmp_n(in, words[k], m) == 0)
            return m + 2;
    if (in[0] == '^')
        return m + 2; /* a Markdown footnote's mark, "[^1]" */
    /* "[12]", "[1, 2]", "[12-14]", "[a]", "[note 3]", "[nb 1]" */
    size_t j = 0;
    if (m >= 5 && str_icmp_n(in, "note ", 5) == 0)
        j = 5;
    else if (m >= 3 && str_icmp_n(in, "nb ", 3) == 0)
        j = 3;
    if (j == 0 && m == 1 && in[0] >= 'a' && in[0] <= 'z')
        return 3;
    bool digit = false;
    for (; j < m; j++) {
        char c = in[j];
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c != ',' && c != ' ' && c != '-')
            return 0;
    }
    return digit ? m + 2 : 0;
}

char *doc_clean(const char *s, size_t n)
{
    char *out = xmalloc(n + 1), *o = out;
    bool space = false;
    for (size_t i = 0; i < n;) {
        size_t sp = space_at(s, n, i);
        if (sp) {
            space = true;
            i += sp;
            continue;
        }
        /* a PDF's ligatures (U+FB00..U+FB04) as their letters */
        if ((unsigned char)s[i] == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xAC &&
            (unsigned char)s[i + 2] >= 0x80 && (unsigned char)s[i + 2] <= 0x84) {
            static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl"};
            if (space && o > out)
                *o++ = ' ';
            space = false;
            const char *l = lig[(unsigned char)s[i + 2] - 0x80];
            size_t ln = strlen(l); /* 2 or 3 bytes for 3: fits */
            memcpy(o, l, ln);
            o += ln;
            i += 3;
            continue;
        }
        /* a worksheet's answer line: "....." "………" "_____" */
        size_t fill = 0;
        while (i + fill < n && (s[i + fill] == '.' || s[i + fill] == '_'))
            fill++;
        if (fill >= 4) {
            space = true;
            i += fill;
            continue;
        }
        if ((unsigned char)s[i] == 0xE2 && i + 5 < n &&
            !memcmp(s + i, "\xE2\x80\xA6\xE2\x80\xA6", 6)) {
            while (i + 2 < n && !memcmp(s + i, "\xE2\x80\xA6", 3))
                i += 3;
            space = true;
            continue;
        }
        /* a citation mark is written right after its word or full stop,
         * never after a space ("[5, 2, 9]" is a list, "x [1]" a formula) */
        if (s[i] == '[' && i > 0 && !space) {
            size_t c = doc_citation_at(s, n, i);
            /* a letter note ("[a]") only after punctuation: "m[i]" is code */
            if (c == 3 && s[i + 1] >= 'a' && s[i + 1] <= 'z' && !strchr(".,;:)\"'", s[i - 1]))
                c = 0;
            if (c == 3 && s[i + 1] == '0')
                c = 0; /* "arr[0]": indexes start at 0, notes at 1 */
            if (c) {
                i += c;
                continue;
            }
        }
        if (space && o > out)
            *o++ = ' ';
        space = false;
        *o++ = s[i++];
    }
    *o = '\0';
    return out;
}

doc_block *doc_add(doc *d, doc_kind kind, int level, int line, const char *s, size_t n)
{
    char *text = doc_clean(s, n);
    if (!*text) {
        free(text);
        return NULL;
    }
    xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
    doc_block *b = &d->v[d->n++];
    *b = (doc_block){kind, level, line, 0, 0, text};
    return b;
}

int doc_new_list(doc *d)
{
    return ++d->nlists;
}

void doc_warn(doc *d, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    xgrow((void **)&d->warnings, &d->wcap, d->nwarnings + 1, sizeof *d->warnings);
    d->warnings[d->nwarnings++] = xasprintf("%s:%d: %s", d->name, line, msg);
    free(msg);
}

/* "<html" anywhere in buf[0..len), any case (len bounds the search: buf
 * need not end in a NUL). */
static bool holds_html_tag(const char *buf, size_t len)
{
    for (size_t i = 0; i + 5 <= len; i++)
        if (buf[i] == '<' && str_icmp_n(buf + i, "<html", 5) == 0)
            return true;
    return false;
}

/* Ends a sentence: '.', '!', '?', or one of them before a closing quote or
 * bracket. */
bool doc_ends_sentence(const char *s, size_t n)
{
    while (n && (s[n - 1] == '"' || s[n - 1] == ')' || s[n - 1] == '\''))
        n--;
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        n -= 3; /* ” ’ */
    return n && strchr(".!?", s[n - 1]);
}

bool doc_ends_question(const char *s)
{
    size_t n = strlen(s);
    while (n && strchr("\"')*", s[n - 1]))
        n--;
    return (n && s[n - 1] == '?') || (n >= 3 && !memcmp(s + n - 3, FULLWIDTH_QUESTION, 3));
}

/* ---- credit, byline and date lines ---- */

size_t doc_count_words(const char *s, size_t n)
{
    size_t words = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = is_space((unsigned char)s[i]);
        if (!sp && !in)
            words++;
        in = !sp;
    }
    return words;
}

static bool prefix_is(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    return n >= m && str_icmp_n(s, p, m) == 0;
}

static bool suffix_is(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    return n >= m && str_icmp_n(s + n - m, p, m) == 0;
}

/* A line that is only a date: "March 3, 2025", "3 March 2025", "2025-03-03",
 * "03/03/2025", optionally with a weekday or a time. */
static bool date_line(const char *s, size_t n)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                         "aug", "sep", "oct", "nov", "dec", NULL};
    if (doc_count_words(s, n) > 6)
        return false;
    size_t digits = 0, letters = 0;
    bool month = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            letters++;
            if (i == 0 ||
                !((s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= 'A' && s[i - 1] <= 'Z')))
                for (size_t k = 0; months[k]; k++)
                    if (prefix_is(s + i, n - i, months[k]))
                        month = true;
        } else if (c >= 0x80)
            return false;
    }
    if (digits >= 6 && letters == 0)
        return true; /* 2025-03-03, 03/03/2025 */
    return month && digits >= 4 && letters <= 20;
}

bool doc_credit_line(const char *s, size_t n)
{
    static const char *const colon[] = {"photo:",
                                        "photos:",
                                        "image:",
                                        "images:",
                                        "credit:",
                                        "image credit",
                                        "photo credit",
                                        "picture credit",
                                        "picture:",
                                        "illustration credit",
                                        "credits:",
                                        "source:",
                                        "illustration:",
                                        "caption:",
                                        "author:",
                                        "authors:",
                                        "photograph:",
                                        "video:",
                                        "\xD0\xA4\xD0\xBE\xD1\x82\xD0\xBE:",         /* Фото: */
                                        "\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80:", /* Автор: */
                                        "\xD0\x98\xD1\x81\xD1\x82\xD0\xBE\xD1\x87\xD0\xBD\xD0"
                                        "\xB8\xD0\xBA:", /* Источник: */
                                        NULL};
    static const char *const lead[] = {"written by ",
                                       "originally written by ",
                                       "originally published",
                                       "by ",
                                       "updated ",
                                       "last updated",
                                       "published ",
                                       "posted ",
                                       "posted on",
                                       "photo by ",
                                       "photograph by ",
                                       "image by ",
                                       "image courtesy",
                                       "courtesy of ",
                                       "reviewed by ",
                                       "fact checked by ",
                                       "fact-checked by ",
                                       "edited by ",
                                       "illustrated by ",
                                       "story by ",
                                       "words by ",
                                       "report by ",
                                       NULL};
    static const char *const hatnote[] = {"main article:",
                                          "main articles:",
                                          "further information:",
                                          "see also:",
                                          "this article is about",
                                          "for other uses",
                                          "not to be confused with",
                                          "from wikipedia",
                                          "from the free encyclopedia",
                                          "jump to navigation",
                                          "jump to search",
                                          "coordinates:",
                                          "listen to this article",
                                          NULL};
    if (memchr(s, '\t', n))
        return true; /* a row of a table or an infobox, pasted with tabs */
    for (size_t k = 0; hatnote[k]; k++)
        if (prefix_is(s, n, hatnote[k]))
            return true;
    size_t words = doc_count_words(s, n);
    if (words > 24)
        return false;
    for (size_t k = 0; colon[k]; k++)
        if (prefix_is(s, n, colon[k]))
            return true;
    bool end_dot = n && s[n - 1] == '.';
    for (size_t k = 0; lead[k]; k++) {
        if (!prefix_is(s, n, lead[k]))
            continue;
        /* "By 1900 the town had grown." is a sentence */
        if (!strcmp(lead[k], "by ") && (end_dot || words > 8))
            return false;
        if (!end_dot || words <= 12)
            return true;
    }
    if ((prefix_is(s, n, "figure ") || prefix_is(s, n, "fig. ") || prefix_is(s, n, "fig ")) &&
        n > 7) {
        const char *p = memchr(s, ' ', n);
        if (p && p + 1 < s + n && p[1] >= '0' && p[1] <= '9')
            return true;
    }
    if (suffix_is(s, n, "min read") || suffix_is(s, n, "minute read") ||
        suffix_is(s, n, "minutes read") || prefix_is(s, n, "read time") ||
        prefix_is(s, n, "reading time"))
        return words <= 6;
    return date_line(s, n);
}

/* Does the text start, after white space and a BOM, with one of the marks
 * of an HTML page? */
static bool looks_html(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && is_space((unsigned char)buf[i]))
        i++;
    static const char *const marks[] = {"<!doctype html", "<html", "<!--", "<?xml",
                                        "<head",          "<body", NULL};
    for (size_t k = 0; marks[k]; k++) {
        size_t m = strlen(marks[k]);
        if (len - i >= m && str_icmp_n(buf + i, marks[k], m) == 0)
            return k != 2 && k != 3 ? true : holds_html_tag(buf, len);
    }
    return false;
}

/* Markdown by its content: front matter first, or an ATX heading "# " or
 * "## " at the start of a line. */
static bool looks_markdown(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        i = 3;
    if (len - i >= 4 && (!memcmp(buf + i, "---\n", 4) || !memcmp(buf + i, "---\r", 4) ||
                         !memcmp(buf + i, "+++\n", 4) || !memcmp(buf + i, "+++\r", 4)))
        return true;
    for (size_t at = i; at < len;) {
        size_t s = at;
        while (s < len && (buf[s] == ' ' || buf[s] == '\t') && s - at < 4)
            s++;
        size_t h = s;
        while (h < len && buf[h] == '#')
            h++;
        if (h > s && h - s <= 2 && h < len && (buf[h] == ' ' || buf[h] == '\t'))
            return true;
        while (at < len && buf[at] != '\n' && buf[at] != '\r') /* to the line's end */
            at++;
        at++;
    }
    return false;
}

doc_format doc_detect(const char *name, const char *buf, size_t len)
{
    if (str_iendswith(name, ".html") || str_iendswith(name, ".htm") ||
        str_iendswith(name, ".xhtml"))
        return DOC_HTML;
    if (str_iendswith(name, ".md") || str_iendswith(name, ".markdown") ||
        str_iendswith(name, ".mdown") || str_iendswith(name, ".mkd"))
        return DOC_MARKDOWN;
    if (looks_html(buf, len))
        return DOC_HTML;
    return looks_markdown(buf, len) ? DOC_MARKDOWN : DOC_TEXT;
}
