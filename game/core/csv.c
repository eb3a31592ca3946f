/* csv.c - the tolerant CSV reader, the neutralising writer and the terminal
 * escape. Start reading at csv_next(): one record, field by field, from the
 * borrowed bytes into one buffer of NUL-terminated fields. */
#include "csv.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct csv_reader {
    const char *p, *end; /* the bytes not read yet */
    int line;            /* the line p is on, from 1 */
    char sep;
    bool done;    /* at the end, or stopped by a malformed record */
    strbuf text;  /* the record's fields one after the other, each with its NUL */
    size_t *offs; /* where each field starts in text */
    size_t offs_cap;
    char **fields; /* the fields handed out: text.buf + offs[i] */
    size_t fields_cap;
};

#define UTF8_BOM "\xEF\xBB\xBF"

/* ---- the separator ---- */

/* Counts ',', ';' and TAB outside quotes on the first non-empty line (a
 * quoted line break does not end it) and picks the most frequent. A quote
 * toggles: "" inside a quoted field toggles twice, which is right. */
static char detect_separator(const char *p, const char *end)
{
    while (p < end && (*p == '\r' || *p == '\n'))
        p++;
    size_t comma = 0, semi = 0, tab = 0;
    bool quoted = false;
    for (; p < end; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*p == '\r' || *p == '\n')
            break;
        else if (*p == ',')
            comma++;
        else if (*p == ';')
            semi++;
        else if (*p == '\t')
            tab++;
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

/* ---- reading ---- */

csv_reader *csv_open(const char *buf, size_t len)
{
    csv_reader *r = xcalloc(1, sizeof *r);
    r->p = buf;
    r->end = buf ? buf + len : buf;
    if (len >= 3 && memcmp(buf, UTF8_BOM, 3) == 0)
        r->p += 3;
    r->line = 1;
    r->sep = detect_separator(r->p, r->end);
    return r;
}

char csv_separator(const csv_reader *r)
{
    return r->sep;
}

void csv_close(csv_reader *r)
{
    if (!r)
        return;
    strbuf_release(&r->text);
    free(r->offs);
    free(r->fields);
    free(r);
}

/* The length of the line end at p: 2 for CRLF, 1 for LF or a lone CR, else 0. */
static size_t line_end(const char *p, const char *end)
{
    if (p >= end)
        return 0;
    if (*p == '\n')
        return 1;
    if (*p == '\r')
        return (p + 1 < end && p[1] == '\n') ? 2 : 1;
    return 0;
}

/* Stops the reader on a malformed record at line; returns -1. */
static int malformed(csv_reader *r, int line, int *out_line)
{
    r->done = true;
    r->p = r->end;
    if (out_line)
        *out_line = line;
    return -1;
}

/* The rest of a quoted field, after its opening quote, up to and past its
 * closing quote. Returns 0, or -1 when the file ends first or holds a NUL
 * (r->line is then where it stopped). */
static int read_quoted(csv_reader *r)
{
    for (;;) {
        const char *q = r->p;
        while (q < r->end && *q != '"' && *q != '\0') {
            /* a line end inside the field: CRLF counts at its LF */
            if (*q == '\n' || (*q == '\r' && !(q + 1 < r->end && q[1] == '\n')))
                r->line++;
            q++;
        }
        strbuf_add(&r->text, r->p, (size_t)(q - r->p));
        r->p = q;
        if (q >= r->end || *q == '\0')
            return -1;
        if (q + 1 < r->end && q[1] == '"') { /* "" is one quote */
            strbuf_addc(&r->text, '"');
            r->p = q + 2;
            continue;
        }
        r->p = q + 1;
        return 0;
    }
}

int csv_next(csv_reader *r, char ***fields, size_t *n, int *line)
{
    if (r->done)
        return 0;
    for (;;) { /* empty lines */
        size_t e = line_end(r->p, r->end);
        if (!e)
            break;
        r->p += e;
        r->line++;
    }
    if (r->p >= r->end) {
        r->done = true;
        return 0;
    }
    int start = r->line;
    size_t count = 0;
    r->text.len = 0;
    for (;;) { /* one field each time round */
        xgrow((void **)&r->offs, &r->offs_cap, count + 1, sizeof *r->offs);
        r->offs[count++] = r->text.len;
        if (r->p < r->end && *r->p == '"') {
            int open = r->line;
            r->p++;
            if (read_quoted(r) != 0)
                return malformed(r, r->p < r->end ? r->line : open, line);
        }
        /* unquoted, or what follows a closing quote: up to the separator or line end */
        const char *q = r->p;
        while (q < r->end && *q != r->sep && *q != '\r' && *q != '\n' && *q != '\0')
            q++;
        strbuf_add(&r->text, r->p, (size_t)(q - r->p));
        r->p = q;
        if (q < r->end && *q == '\0')
            return malformed(r, r->line, line);
        strbuf_addc(&r->text, '\0');
        if (q < r->end && *q == r->sep) {
            r->p++;
            continue;
        }
        size_t e = line_end(r->p, r->end);
        if (e) {
            r->p += e;
            r->line++;
        }
        break;
    }
    xgrow((void **)&r->fields, &r->fields_cap, count, sizeof *r->fields);
    for (size_t i = 0; i < count; i++)
        r->fields[i] = r->text.buf + r->offs[i];
    *fields = r->fields;
    *n = count;
    if (line)
        *line = start;
    return 1;
}

/* ---- header columns ---- */

/* s without the ASCII spaces around it: *len bytes from the result. */
static const char *trimmed(const char *s, size_t *len)
{
    while (is_space((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    *len = n;
    return s;
}

int csv_column(char *const *header, size_t n, const char *name)
{
    size_t want_len;
    const char *want = trimmed(name, &want_len);
    if (n > INT_MAX)
        n = INT_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *cell = trimmed(header[i], &len);
        if (len == want_len && str_icmp_n(cell, want, len) == 0)
            return (int)i;
    }
    return -1;
}

/* ---- writing ---- */

/* Whether a spreadsheet may take a cell starting with c for a formula. */
static bool formula_lead(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Whether cell is "'"* then a formula lead: the cells csv_put() prefixes
 * with one more "'" (the "'"s first, so csv_unneutral() is its exact
 * inverse). */
static bool needs_prefix(const char *cell)
{
    while (*cell == '\'')
        cell++;
    return formula_lead(*cell);
}

const char *csv_unneutral(const char *cell)
{
    return (cell[0] == '\'' && needs_prefix(cell + 1)) ? cell + 1 : cell;
}

void csv_put(strbuf *sb, const char *cell, bool text)
{
    if (!cell)
        cell = "";
    bool prefix = text && needs_prefix(cell);
    size_t len = strlen(cell);
    bool quote = len && (cell[0] == ' ' || cell[len - 1] == ' ');
    if (!quote)
        quote = cell[strcspn(cell, ",;\t\"\r\n")] != '\0';
    if (!quote) {
        if (prefix)
            strbuf_addc(sb, '\'');
        strbuf_add(sb, cell, len);
        return;
    }
    strbuf_addc(sb, '"');
    if (prefix)
        strbuf_addc(sb, '\'');
    for (const char *q; (q = strchr(cell, '"')); cell = q + 1) {
        strbuf_add(sb, cell, (size_t)(q - cell) + 1);
        strbuf_addc(sb, '"'); /* the quote doubled */
    }
    strbuf_adds(sb, cell);
    strbuf_addc(sb, '"');
}

void csv_end_row(strbuf *sb)
{
    strbuf_add(sb, "\r\n", 2);
}

/* ---- terminal output ---- */

void csv_escape_controls(strbuf *sb, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *q = p;
        while (*q >= 0x20 && *q != 0x7f && !(*q == 0xc2 && q[1] >= 0x80 && q[1] <= 0x9f))
            q++;
        strbuf_add(sb, (const char *)p, (size_t)(q - p));
        if (!*q)
            break;
        if (*q == 0xc2) { /* C1 as UTF-8: the code point is the second byte */
            strbuf_addf(sb, "\\x%02x", q[1]);
            p = q + 2;
        } else {
            strbuf_addf(sb, "\\x%02x", *q);
            p = q + 1;
        }
    }
}

/* ---- the results' timestamps ---- */

void csv_format_time(char *out, size_t size, int64_t at_ms)
{
    time_t t = (time_t)(at_ms / 1000);
    struct tm tm;
    if (!localtime_r(&t, &tm))
        memset(&tm, 0, sizeof tm);
    strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm);
}

/* "2026-11-27T10:15:02", also with a space for the T and without seconds
 * (as spreadsheets write it back), local time: unix seconds, or -1 when it
 * is not one. *other gets the other moment of an hour that happens twice
 * (the clocks going back), else the same. */
int64_t csv_parse_time(const char *s, int64_t *other)
{
    int y, mo, da, h, mi, se = 0, used = 0;
    char sep;
    if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &da, &sep, &h, &mi, &used) != 6 ||
        (sep != 'T' && sep != ' '))
        return -1;
    if (s[used] == ':' && sscanf(s + used + 1, "%2d", &se) != 1)
        return -1;
    if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59 || se > 60)
        return -1;
    time_t t[3];
    for (int dst = -1; dst <= 1; dst++) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = da;
        tm.tm_hour = h;
        tm.tm_min = mi;
        tm.tm_sec = se;
        tm.tm_isdst = dst;
        t[dst + 1] = mktime(&tm);
    }
    if (t[0] == (time_t)-1)
        return -1;
    *other = t[0];
    for (int i = 1; i < 3; i++) {
        struct tm back;
        /* a reading that names the same wall-clock time is the other moment */
        if (t[i] != (time_t)-1 && t[i] != t[0] && localtime_r(&t[i], &back) && back.tm_hour == h &&
            back.tm_min == mi)
            *other = t[i];
    }
    return (int64_t)t[0];
}
