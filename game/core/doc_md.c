/* doc_md.c - a Markdown article read into blocks through libcmark. Start
 * reading at doc_read_markdown().
 *
 * A YAML ("---") or TOML ("+++") front matter at the top is cut off first:
 * only its title is read, and the rest of the file goes to cmark, whose line
 * numbers are then shifted by the front matter's lines so that every block
 * still names its line in the file. One that never closes is no front
 * matter: the whole file is read as Markdown, with a warning. HTML blocks
 * are skipped, but for an FAQ written in them (<details>, <dl>), read by
 * the HTML reader.
 *
 * The tree cmark builds is walked once with a cmark_iter, which keeps its
 * place in the tree itself, so markup nested thousands of levels deep costs
 * no stack. Headings, paragraphs (a block quote's too) and list items become
 * blocks; code, HTML blocks, thematic breaks, images, inline HTML and
 * autolinks are dropped; a link keeps its text. CommonMark has no tables, so
 * a pipe table arrives as a paragraph: it is recognised by its rows and
 * dropped with a warning.
 *
 * An item's paragraphs are gathered until something that makes blocks of its
 * own (a nested list, a block quote, a heading) starts inside the item; the
 * item is written out then, so that the blocks stay in the order of the page.
 */
#include "doc.h"

#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- front matter ---- */

/* One line of a buffer: [start, end) without its line ending; next is where
 * the following line starts. Endings are "\n", "\r\n" or "\r", as cmark
 * counts them, so the two agree on line numbers. */
typedef struct src_line {
    size_t start, end, next;
} src_line;

static src_line line_at(const char *buf, size_t len, size_t at)
{
    src_line l = {at, at, at};
    while (l.end < len && buf[l.end] != '\n' && buf[l.end] != '\r')
        l.end++;
    l.next = l.end;
    if (l.end < len) {
        l.next = l.end + 1;
        if (buf[l.end] == '\r' && l.next < len && buf[l.next] == '\n')
            l.next++;
    }
    return l;
}

/* Is the line the marker, maybe followed by blanks? */
static bool is_marker(const char *buf, src_line l, const char *marker)
{
    size_t m = strlen(marker);
    if (l.end - l.start < m || memcmp(buf + l.start, marker, m) != 0)
        return false;
    for (size_t i = l.start + m; i < l.end; i++)
        if (buf[i] != ' ' && buf[i] != '\t')
            return false;
    return true;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = ascii_lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void add_utf8(strbuf *out, unsigned long cp)
{
    if (cp < 0x80) {
        strbuf_addc(out, (char)cp);
    } else if (cp < 0x800) {
        strbuf_addc(out, (char)(0xC0 | cp >> 6));
        strbuf_addc(out, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        strbuf_addc(out, (char)(0xE0 | cp >> 12));
        strbuf_addc(out, (char)(0x80 | (cp >> 6 & 0x3F)));
        strbuf_addc(out, (char)(0x80 | (cp & 0x3F)));
    } else {
        strbuf_addc(out, (char)(0xF0 | cp >> 18));
        strbuf_addc(out, (char)(0x80 | (cp >> 12 & 0x3F)));
        strbuf_addc(out, (char)(0x80 | (cp >> 6 & 0x3F)));
        strbuf_addc(out, (char)(0x80 | (cp & 0x3F)));
    }
}

/* A "\uXXXX" or "\UXXXXXXXX" escape at s[0..n) (s just after the backslash
 * and the letter): appends the character and returns the digits used, or 0
 * when they are not a valid code point (the escape is then kept as text). */
static size_t add_code_point(strbuf *out, const char *s, size_t n, size_t digits)
{
    unsigned long cp = 0;
    if (n < digits)
        return 0;
    for (size_t i = 0; i < digits; i++) {
        int v = hex_value((unsigned char)s[i]);
        if (v < 0)
            return 0;
        cp = cp * 16 + (unsigned long)v;
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0; /* NUL and surrogates would make the text invalid UTF-8 */
    add_utf8(out, cp);
    return digits;
}

/* The backslash escape at s[0..n) (s just after the backslash), the same in
 * YAML double quotes and TOML basic strings; returns the bytes used. */
static size_t add_escape(strbuf *out, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    size_t used = 0;
    if (s[0] == 'u')
        used = add_code_point(out, s + 1, n - 1, 4);
    else if (s[0] == 'U')
        used = add_code_point(out, s + 1, n - 1, 8);
    if (used)
        return used + 1;
    if (s[0] == 'n' || s[0] == 't' || s[0] == 'r' || s[0] == '\n' || s[0] == '\r')
        strbuf_addc(out, ' '); /* white space: the title is one line anyway */
    else if (s[0] == 'u' || s[0] == 'U')
        strbuf_add(out, s - 1, 2);
    else
        strbuf_addc(out, s[0]); /* \" \\ \/ and the rest: the character itself */
    return 1;
}

/* The string quoted at s[0..n) (s just after the opening quote) up to
 * close, or to the end when it never closes. In YAML's single quotes a
 * doubled quote is one quote; escapes are YAML's double quotes' and TOML's
 * basic strings'. */
static void add_quoted(strbuf *out, const char *s, size_t n, const char *close, bool escapes,
                       bool doubled)
{
    size_t m = strlen(close);
    for (size_t i = 0; i < n;) {
        if (escapes && s[i] == '\\') {
            i += 1 + add_escape(out, s + i + 1, n - i - 1);
        } else if (n - i >= m && memcmp(s + i, close, m) == 0) {
            if (!doubled || n - i < 2 * m || memcmp(s + i + m, close, m) != 0)
                return;
            strbuf_add(out, close, m);
            i += 2 * m;
        } else {
            strbuf_addc(out, s[i++]);
        }
    }
}

/* A plain (unquoted) value ends at a comment: '#' at its start or after
 * white space. */
static size_t plain_length(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '#' && (i == 0 || is_space((unsigned char)s[i - 1])))
            return i;
    return n;
}

/* A YAML value at s[0..n): its first line and the indented lines that
 * continue it. */
static void yaml_value(strbuf *out, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (s[0] == '"') {
        add_quoted(out, s + 1, n - 1, "\"", true, false);
    } else if (s[0] == '\'') {
        add_quoted(out, s + 1, n - 1, "'", false, true);
    } else if (s[0] == '|' || s[0] == '>') {
        /* a block scalar: the indicator line says how to fold, the text
         * follows on the indented lines */
        size_t i = 0;
        while (i < n && s[i] != '\n' && s[i] != '\r')
            i++;
        strbuf_add(out, s + i, n - i);
    } else {
        strbuf_add(out, s, plain_length(s, n));
    }
}

/* A TOML value starting at s (the rest of the front matter is s[0..n):
 * multi-line strings may run on). */
static void toml_value(strbuf *out, const char *s, size_t n)
{
    size_t line = 0;
    while (line < n && s[line] != '\n' && s[line] != '\r')
        line++;
    if (n >= 3 && !memcmp(s, "\"\"\"", 3))
        add_quoted(out, s + 3, n - 3, "\"\"\"", true, false);
    else if (n >= 3 && !memcmp(s, "'''", 3))
        add_quoted(out, s + 3, n - 3, "'''", false, false);
    else if (n && s[0] == '"')
        add_quoted(out, s + 1, line - 1, "\"", true, false);
    else if (n && s[0] == '\'')
        add_quoted(out, s + 1, line - 1, "'", false, false);
    else
        strbuf_add(out, s, plain_length(s, line));
}

/* If the line is "title:" (YAML) or "title =" (TOML), returns where its
 * value starts; 0 when it is another line. */
static size_t title_key(const char *buf, src_line l, bool toml)
{
    size_t i = l.start;
    if (toml)
        while (i < l.end && (buf[i] == ' ' || buf[i] == '\t'))
            i++;
    if (l.end - i < 5 || str_icmp_n(buf + i, "title", 5) != 0)
        return 0;
    i += 5;
    while (i < l.end && (buf[i] == ' ' || buf[i] == '\t'))
        i++;
    if (i == l.end || buf[i] != (toml ? '=' : ':'))
        return 0;
    i++;
    if (!toml && i < l.end && buf[i] != ' ' && buf[i] != '\t')
        return 0; /* "title:x" is not a YAML key */
    while (i < l.end && (buf[i] == ' ' || buf[i] == '\t'))
        i++;
    return i;
}

/* The end of the YAML value that starts on line l: the indented or blank
 * lines after it continue it, up to the next key at the margin. */
static size_t yaml_value_end(const char *buf, size_t to, src_line l)
{
    size_t end = l.end;
    for (size_t at = l.next; at < to;) {
        src_line c = line_at(buf, to, at);
        bool blank = c.start == c.end;
        if (!blank && buf[c.start] != ' ' && buf[c.start] != '\t')
            break;
        if (!blank)
            end = c.end;
        at = c.next;
    }
    return end;
}

/* Reads the title key of the front matter buf[from, to), whose first line
 * is line no; the first title key wins, TOML's only before any [table]. */
static void read_title(doc *d, const char *buf, size_t from, size_t to, bool toml, int no)
{
    for (size_t at = from; at < to; no++) {
        src_line l = line_at(buf, to, at);
        at = l.next;
        size_t v = title_key(buf, l, toml);
        if (toml && v == 0) {
            size_t i = l.start;
            while (i < l.end && (buf[i] == ' ' || buf[i] == '\t'))
                i++;
            if (i < l.end && buf[i] == '[')
                return; /* keys from here on belong to a table */
        }
        if (v == 0)
            continue;
        strbuf value = STRBUF_INIT;
        if (toml)
            toml_value(&value, buf + v, to - v);
        else
            yaml_value(&value, buf + v, yaml_value_end(buf, to, l) - v);
        char *title = doc_clean(strbuf_str(&value), value.len);
        strbuf_release(&value);
        if (*title) {
            d->title = title;
            d->title_line = no;
        } else {
            free(title);
        }
        return;
    }
}

/* Finds the front matter: *body is where the Markdown after it starts and
 * *lines the lines it takes (both 0 when there is none, or when it never
 * closes: then with a warning). Returns 0 (err is kept for a failure to
 * come). */
static int front_matter(doc *d, const char *buf, size_t len, size_t *body, int *lines, char **err)
{
    *body = 0;
    *lines = 0;
    src_line first = line_at(buf, len, 0);
    bool toml = is_marker(buf, first, "+++");
    if (!toml && !is_marker(buf, first, "---"))
        return 0;
    const char *open = toml ? "+++" : "---";
    int no = 1;
    for (size_t at = first.next; at < len;) {
        src_line l = line_at(buf, len, at);
        no++;
        if (is_marker(buf, l, open) || (!toml && is_marker(buf, l, "..."))) {
            read_title(d, buf, first.next, l.start, toml, 2);
            *body = l.next;
            *lines = no;
            return 0;
        }
        at = l.next;
    }
    /* a rule drawn at the top of plain notes, or a front matter cut off:
     * read the whole file as Markdown, and say so */
    doc_warn(d, 1, "front matter opened with '%s' is never closed, read as text", open);
    (void)err;
    return 0;
}

/* ---- the walk over cmark's tree ---- */

typedef struct md_reader {
    doc *d;
    bool in_liquid;   /* inside a "{% highlight %}" ... "{% endhighlight %}" run */
    int offset;       /* lines of front matter before the Markdown cmark saw */
    strbuf text;      /* the text of the paragraph or heading being read */
    strbuf row;       /* its current line, raw, for the table test */
    bool pipe_rows;   /* every line so far starts and ends with '|' */
    bool rule_row;    /* a line like |---|---| was seen */
    cmark_node *item; /* the item whose paragraphs item_text gathers, or NULL */
    strbuf item_text;
    int item_line;
    strbuf scratch; /* a link's text, for the autolink test */
} md_reader;

static void sb_clear(strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

static int line_of(const md_reader *r, cmark_node *n)
{
    return cmark_node_get_start_line(n) + r->offset;
}

/* The list's number, taken when its first item is written out, so that a
 * list that gives no block takes none. */
static int list_number(doc *d, cmark_node *list)
{
    intptr_t n = (intptr_t)cmark_node_get_user_data(list);
    if (n == 0) {
        n = doc_new_list(d);
        cmark_node_set_user_data(list, (void *)n);
    }
    return (int)n;
}

/* Writes out the paragraphs gathered for the open item. */
static void item_flush(md_reader *r)
{
    if (!r->item)
        return;
    doc_block *b =
        doc_add(r->d, DOC_ITEM, 0, r->item_line, strbuf_str(&r->item_text), r->item_text.len);
    if (b)
        b->list = list_number(r->d, cmark_node_parent(r->item));
    r->item = NULL;
    sb_clear(&r->item_text);
}

/* ---- tables: CommonMark reads a pipe table as a paragraph ---- */

/* A table's delimiter row: only '|', '-', ':' and blanks, with a pipe and a
 * dash ("|---|:--:|", "---|---"). */
static bool is_rule_row(const char *s, size_t n)
{
    bool pipe = false, dash = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '|')
            pipe = true;
        else if (s[i] == '-')
            dash = true;
        else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t')
            return false;
    }
    return pipe && dash;
}

/* A line ends: is it a table row? A row between pipes ("| a | b |") counts
 * only with its closing pipe too, so that prose such as "|x| is the
 * absolute value of x" stays prose. */
static void row_end(md_reader *r)
{
    const char *s = strbuf_str(&r->row);
    size_t n = r->row.len, i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n - i < 2 || s[i] != '|' || s[n - 1] != '|')
        r->pipe_rows = false;
    if (is_rule_row(s, n))
        r->rule_row = true;
    sb_clear(&r->row);
}

/* ---- inline text ---- */

static void leaf_start(md_reader *r)
{
    sb_clear(&r->text);
    sb_clear(&r->row);
    r->pipe_rows = true;
    r->rule_row = false;
}

static void leaf_add(md_reader *r, const char *s)
{
    if (!s)
        return;
    strbuf_adds(&r->text, s);
    strbuf_adds(&r->row, s);
}

/* Something dropped from the text still stands in its row: a row holding
 * an image is no delimiter row, nor does it start with '|' when the image
 * comes first. */
static void leaf_drop(md_reader *r)
{
    strbuf_addc(&r->row, '.');
}

static void leaf_break(md_reader *r)
{
    strbuf_addc(&r->text, ' ');
    row_end(r);
}

static bool is_scheme_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '-' || c == '.';
}

/* The length of a "scheme://" or "mailto:" at s's start, or 0. */
static size_t scheme_length(const char *s, size_t n)
{
    if (n >= 7 && str_icmp_n(s, "mailto:", 7) == 0)
        return 7;
    size_t i = 0;
    while (i < n && is_scheme_char((unsigned char)s[i]))
        i++;
    if (i > 0 && n - i >= 3 && !memcmp(s + i, "://", 3))
        return i + 3;
    return 0;
}

/* An address with its scheme, a "www." and a final '/' taken off, so that
 * "example.org" and "https://www.example.org/" compare equal. */
static void bare_address(const char **s, size_t *n)
{
    size_t k = scheme_length(*s, *n);
    *s += k;
    *n -= k;
    if (*n >= 4 && str_icmp_n(*s, "www.", 4) == 0) {
        *s += 4;
        *n -= 4;
    }
    if (*n && (*s)[*n - 1] == '/')
        (*n)--;
}

/* Does the text read as an address: a URL, "www.something" or an email? */
static bool looks_like_address(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_space((unsigned char)s[i]))
            return false;
    if (scheme_length(s, n) || (n > 4 && str_icmp_n(s, "www.", 4) == 0))
        return true;
    const char *at = memchr(s, '@', n);
    if (!at || at == s)
        return false;
    const char *dot = memchr(at, '.', n - (size_t)(at - s));
    return dot && dot > at + 1 && dot < s + n - 1;
}

/* An autolink ("<https://...>", "[https://x.org](https://x.org)") says
 * nothing a question could use: its text is its address. */
static bool is_autolink(md_reader *r, cmark_node *link)
{
    sb_clear(&r->scratch);
    cmark_iter *it = cmark_iter_new(link);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        const char *lit = cmark_node_get_literal(n);
        if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) && lit)
            strbuf_adds(&r->scratch, lit);
    }
    cmark_iter_free(it);
    const char *s = strbuf_str(&r->scratch);
    size_t n = r->scratch.len;
    while (n && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    if (n == 0)
        return false;
    if (looks_like_address(s, n))
        return true;
    const char *url = cmark_node_get_url(link);
    if (!url)
        return false;
    size_t un = strlen(url);
    bare_address(&s, &n);
    bare_address(&url, &un);
    return n == un && str_icmp_n(s, url, n) == 0;
}

/* ---- blocks ---- */

/* Removes from sb the marks Markdown dialects add that CommonMark leaves
 * as text: Obsidian's "==highlight==" and callout markers ("[!note]",
 * "[!tip]-"), Hugo's shortcodes ("{{< ref "x" >}}", "{{% notice %}}") and
 * inline Liquid tags, and a heading's trailing attribute ("{#id}",
 * "{.class}"). */
static void strip_dialect(strbuf *sb)
{
    char *t = sb->buf;
    if (!t)
        return;
    size_t w = 0, n = sb->len;
    for (size_t i = 0; i < n;) {
        if (t[i] == '=' && i + 1 < n && t[i + 1] == '=') {
            i += 2;
            continue;
        }
        if (t[i] == '{' && i + 1 < n && (t[i + 1] == '{' || t[i + 1] == '%')) {
            /* a shortcode or a Liquid tag, to its closing "}}" or "%}" */
            const char *end = strstr(t + i + 2, t[i + 1] == '{' ? "}}" : "%}");
            if (end) {
                i = (size_t)(end - t) + 2;
                continue;
            }
        }
        if (t[i] == '{' && i + 1 < n && (t[i + 1] == '#' || t[i + 1] == '.' || t[i + 1] == ':')) {
            const char *end = memchr(t + i, '}', n - i);
            if (end && (size_t)(end - t) + 1 >= n - 1) { /* only at the end */
                i = n;
                continue;
            }
        }
        t[w++] = t[i++];
    }
    t[w] = '\0';
    sb->len = w;
    /* a link whose address was a shortcode, "[text]()" once it is gone:
     * its text */
    for (char *open = strstr(t, "]()"); open; open = strstr(t, "]()")) {
        char *lb = open;
        while (lb > t && *lb != '[')
            lb--;
        if (*lb != '[')
            break;
        memmove(open, open + 3, strlen(open + 3) + 1);
        memmove(lb, lb + 1, strlen(lb + 1) + 1);
        sb->len -= 4;
    }
    /* a callout's marker opens its first paragraph */
    size_t lead = 0;
    while (lead < sb->len && t[lead] == ' ')
        lead++;
    if (sb->len - lead > 2 && t[lead] == '[' && t[lead + 1] == '!') {
        const char *close = memchr(t + lead, ']', sb->len - lead);
        if (close) {
            size_t k = (size_t)(close - t) + 1;
            while (k < sb->len && (t[k] == '-' || t[k] == '+'))
                k++;
            memmove(t, t + k, sb->len - k + 1);
            sb->len -= k;
        }
    }
}

/* Markup of a static-site generator, no prose: a "{% highlight %}" or
 * "{% raw %}" paragraph starts a run of code skipped to its end tag;
 * kramdown attributes ("{:toc}") and footnote definitions ("[^1]: ...")
 * are no text. */
static bool site_markup(md_reader *r, const char *s)
{
    if (r->in_liquid) {
        if (strstr(s, "{% endhighlight") || strstr(s, "{% endraw") || strstr(s, "{%- endraw") ||
            strstr(s, "{% endcapture"))
            r->in_liquid = false;
        return true;
    }
    bool opens = !strncmp(s, "{% highlight", 12) || !strncmp(s, "{% raw", 6) ||
                 !strncmp(s, "{%- raw", 7) || !strncmp(s, "{% capture", 10);
    if (opens) { /* code, to its end tag */
        bool closes = strstr(s, "{% endhighlight") || strstr(s, "{% endraw") ||
                      strstr(s, "{%- endraw") || strstr(s, "{% endcapture");
        r->in_liquid = !closes;
        return true;
    }
    return !strncmp(s, "{:", 2) || !strncmp(s, "[^", 2);
}

static void para_end(md_reader *r, cmark_node *para)
{
    row_end(r);
    if (site_markup(r, strbuf_str(&r->text)))
        return;
    strip_dialect(&r->text);
    if (r->pipe_rows || r->rule_row) {
        doc_warn(r->d, line_of(r, para), "table skipped (tables give no questions)");
        return;
    }
    cmark_node *parent = cmark_node_parent(para);
    if (!parent || cmark_node_get_type(parent) != CMARK_NODE_ITEM) {
        doc_add(r->d, DOC_PARA, 0, line_of(r, para), strbuf_str(&r->text), r->text.len);
        return;
    }
    if (r->item != parent) {
        /* the item's first words, or its words after a nested list */
        item_flush(r);
        r->item = parent;
        r->item_line = line_of(r, cmark_node_first_child(parent) == para ? parent : para);
    } else {
        strbuf_addc(&r->item_text, ' ');
    }
    strbuf_add(&r->item_text, strbuf_str(&r->text), r->text.len);
}

/* An HTML block is skipped, but for an FAQ written in it the way Hugo and
 * Jekyll posts do ("<details><summary>Question?</summary>", "<dl>"): its
 * questions and answers, read by the HTML reader. An answer written as
 * Markdown between the tags follows as a paragraph of the FAQ block. */
static void html_faq(md_reader *r, cmark_node *n)
{
    const char *lit = cmark_node_get_literal(n);
    if (!lit || (!str_icasestr(lit, "<details") && !str_icasestr(lit, "<dt")))
        return;
    doc sub;
    doc_init(&sub, r->d->name);
    char *err = NULL;
    if (doc_read_html(&sub, lit, strlen(lit), &err) == 0) {
        int base = line_of(r, n) - 1;
        for (size_t i = 0; i < sub.n; i++) {
            const doc_block *b = &sub.v[i];
            if (b->kind == DOC_QUESTION || b->kind == DOC_ANSWER)
                doc_add(r->d, b->kind, 0, base + b->line, b->text, strlen(b->text));
        }
    }
    free(err);
    doc_release(&sub);
}

static void on_enter(md_reader *r, cmark_iter *it, cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_LIST:
    case CMARK_NODE_BLOCK_QUOTE:
        item_flush(r); /* what the item said so far comes before these blocks */
        break;
    case CMARK_NODE_HEADING:
        item_flush(r);
        leaf_start(r);
        break;
    case CMARK_NODE_PARAGRAPH:
        leaf_start(r);
        break;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
        leaf_add(r, cmark_node_get_literal(n));
        break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
        leaf_break(r);
        break;
    case CMARK_NODE_LINK:
        if (!is_autolink(r, n))
            break; /* its text is read as the walk goes on */
        /* fall through */
    case CMARK_NODE_IMAGE:
        leaf_drop(r);
        cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* past its text */
        break;
    case CMARK_NODE_HTML_INLINE:
        leaf_drop(r);
        break;
    case CMARK_NODE_HTML_BLOCK:
        html_faq(r, n);
        break;
    default:
        break; /* code blocks, thematic breaks: nothing to read */
    }
}

static bool in_quote(cmark_node *n)
{
    for (cmark_node *p = cmark_node_parent(n); p; p = cmark_node_parent(p))
        if (cmark_node_get_type(p) == CMARK_NODE_BLOCK_QUOTE)
            return true;
    return false;
}

static void on_exit(md_reader *r, cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HEADING:
        /* a heading inside a block quote (a clipper's "> ## Excerpt") is
         * part of the quote's text, not of the outline */
        strip_dialect(&r->text);
        doc_add(r->d, in_quote(n) ? DOC_PARA : DOC_HEADING, cmark_node_get_heading_level(n),
                line_of(r, n), strbuf_str(&r->text), r->text.len);
        break;
    case CMARK_NODE_PARAGRAPH:
        para_end(r, n);
        break;
    case CMARK_NODE_ITEM:
        item_flush(r);
        break;
    default:
        break;
    }
}

/* One pass over the tree; cmark_iter keeps the path down itself, on the
 * heap, so the depth of the markup costs no stack. */
static void walk(md_reader *r, cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER)
            on_enter(r, it, n);
        else
            on_exit(r, n);
    }
    cmark_iter_free(it);
    item_flush(r);
}

int doc_read_markdown(doc *d, const char *buf, size_t len, char **err)
{
    d->levels = true;
    size_t body;
    int lines;
    if (front_matter(d, buf, len, &body, &lines, err) < 0)
        return -1;
    cmark_node *root = cmark_parse_document(buf + body, len - body, CMARK_OPT_DEFAULT);
    if (!root) {
        *err = xasprintf("%s:1: the Markdown parser failed (out of memory)", d->name);
        return -1;
    }
    md_reader r = {.d = d, .offset = lines};
    walk(&r, root);
    cmark_node_free(root);
    strbuf_release(&r.text);
    strbuf_release(&r.row);
    strbuf_release(&r.item_text);
    strbuf_release(&r.scratch);
    return 0;
}
