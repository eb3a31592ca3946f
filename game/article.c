/* article.c - the article parser. Start reading at article_parse().
 *
 * The text is cut into lines, the lines into blocks (runs of non-blank
 * lines, or a Markdown heading line on its own), and the blocks are walked
 * once by a small state machine that knows whether it is in a group, in a
 * topic or in the FAQ block. Everything is linear in the size of the input.
 */
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define HEADING_MAX_WORDS 15

typedef struct line {
    const char *s; /* trimmed, not NUL-terminated */
    size_t n;
    int no;
} line;

typedef struct block {
    size_t first, count; /* lines[first .. first+count) */
    int gap;             /* blank lines before it */
    int md_level;        /* Markdown heading level (1..6), 0 when not a heading line */
} block;

typedef struct parser {
    const char *name;
    line *lines;
    size_t nlines, lines_cap;
    block *blocks;
    size_t nblocks, blocks_cap;
    article *a;
    size_t topics_cap, warnings_cap;
    /* state of the walk */
    article_topic *topic;     /* current topic, NULL before the first heading */
    article_section *section; /* current section of that topic */
    size_t sections_cap, paras_cap, faq_cap;
    bool in_group;
    bool in_faq;
    article_faq pending; /* a question waiting for its answer */
    bool have_pending;
    strbuf intro;
} parser;

/* ---- small text helpers ---- */

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space((unsigned char)s[i]))
            return false;
    return true;
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

static bool is_alnum_ascii(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static size_t count_words(const char *s, size_t n)
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

/* A line that may be a heading: short, no sentence punctuation at its end,
 * and some letter or digit in it. */
static bool heading_shaped(const char *s, size_t n)
{
    if (!n || n > 300)
        return false;
    char last = s[n - 1];
    if (strchr(".?:!,;", last))
        return false;
    if (count_words(s, n) > HEADING_MAX_WORDS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (is_alnum_ascii((unsigned char)s[i]) || ((unsigned char)s[i] & 0x80))
            return true;
    return false;
}

static bool is_faq_heading(const char *s)
{
    if (str_icasestr(s, "frequently asked questions"))
        return true;
    for (const char *p = s; (p = str_icasestr(p, "faq")) != NULL; p++) {
        /* "FAQ" as a word or a word's start ("FAQs"), not inside another word */
        if (p == s || !is_alnum_ascii((unsigned char)p[-1]))
            return true;
    }
    return false;
}

/* Removes a prefix like "Q:" / "Question:" / "A." (any case) from s. */
static const char *skip_prefix(const char *s, const char *const *prefixes)
{
    for (size_t i = 0; prefixes[i]; i++) {
        size_t m = strlen(prefixes[i]);
        if (strlen(s) > m && str_icmp_n(s, prefixes[i], m) == 0) {
            const char *p = s + m;
            if (*p == ':' || *p == '.' || *p == ')') {
                p++;
                while (is_space((unsigned char)*p))
                    p++;
                return p;
            }
        }
    }
    return s;
}

/* Copies s without emphasis and code marks and with links reduced to their
 * text (Markdown), or just without leading/trailing bold marks (plain). */
static char *clean_inline(const char *s, size_t n, bool markdown)
{
    strbuf sb = STRBUF_INIT;
    if (!markdown) {
        while (n >= 2 && (!strncmp(s, "**", 2) || !strncmp(s, "__", 2)) &&
               (!strncmp(s + n - 2, "**", 2) || !strncmp(s + n - 2, "__", 2))) {
            s += 2;
            n -= 4;
            if (n > (size_t)-8) /* underflow guard for "***" */
                n = 0;
            trim(&s, &n);
        }
        strbuf_add(&sb, s, n);
        return strbuf_detach(&sb);
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!>", s[i + 1])) {
            strbuf_addc(&sb, s[++i]);
        } else if (c == '*' || c == '`') {
            continue;
        } else if (c == '_' && (i == 0 || i + 1 == n || !is_alnum_ascii((unsigned char)s[i - 1]) ||
                                !is_alnum_ascii((unsigned char)s[i + 1]))) {
            continue;
        } else if (c == '!' && i + 1 < n && s[i + 1] == '[') {
            continue;
        } else if (c == '[') {
            /* [text](url) -> text; a lone '[' stays */
            size_t close = i + 1;
            while (close < n && s[close] != ']')
                close++;
            if (close + 1 < n && s[close + 1] == '(') {
                size_t end = close + 2;
                while (end < n && s[end] != ')')
                    end++;
                if (end < n) {
                    char *inner = clean_inline(s + i + 1, close - i - 1, true);
                    strbuf_adds(&sb, inner);
                    free(inner);
                    i = end;
                    continue;
                }
            }
            strbuf_addc(&sb, c);
        } else {
            strbuf_addc(&sb, c);
        }
    }
    char *out = strbuf_detach(&sb);
    size_t len = strlen(out);
    const char *p = out;
    trim(&p, &len);
    char *t = xstrndup(p, len);
    free(out);
    return t;
}

/* Joins the lines of a block with single spaces, collapsing whitespace. */
static char *join_lines(parser *p, size_t first, size_t count)
{
    size_t room = 1;
    for (size_t i = first; i < first + count; i++)
        room += p->lines[i].n + 1;
    char *out = xmalloc(room), *o = out;
    bool space = false;
    for (size_t i = first; i < first + count; i++) {
        const line *l = &p->lines[i];
        if (o > out)
            space = true;
        for (size_t k = 0; k < l->n; k++) {
            char c = l->s[k];
            if (is_space((unsigned char)c)) {
                space = true;
                continue;
            }
            if (space && o > out)
                *o++ = ' ';
            space = false;
            *o++ = c;
        }
    }
    *o = '\0';
    return out;
}

/* The text of one line, cleaned for its shape. */
static char *line_text(parser *p, const line *l)
{
    const char *s = l->s;
    size_t n = l->n;
    if (p->a->markdown) {
        while (n && *s == '#') {
            s++;
            n--;
        }
        while (n && s[n - 1] == '#')
            n--;
        trim(&s, &n);
    }
    return clean_inline(s, n, p->a->markdown);
}

/* ---- building the tree ---- */

static void warn(parser *p, int lineno, const char *fmt, ...) QUIZMILL_PRINTF(3, 4);
static void warn(parser *p, int lineno, const char *fmt, ...)
{
    article *a = p->a;
    xgrow((void **)&a->warnings, &p->warnings_cap, a->nwarnings + 1, sizeof *a->warnings);
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    msg[0] = '\0';
    if (n > 0)
        vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    a->warnings[a->nwarnings++] = xasprintf("%s:%d: %s", p->name, lineno, msg);
    free(msg);
}

static void close_topic(parser *p);

static article_topic *new_topic(parser *p, char *title, int lineno, bool faq)
{
    close_topic(p);
    article *a = p->a;
    xgrow((void **)&a->topics, &p->topics_cap, a->ntopics + 1, sizeof *a->topics);
    article_topic *t = &a->topics[a->ntopics++];
    memset(t, 0, sizeof *t);
    t->title = title;
    t->line = lineno;
    t->is_faq = faq;
    p->topic = t;
    p->section = NULL;
    p->sections_cap = p->faq_cap = 0;
    return t;
}

static void close_section(parser *p)
{
    article_section *s = p->section;
    if (s && s->npara == 0) {
        warn(p, s->line, "heading '%s' has no text, skipped", s->title);
        free(s->title);
        p->topic->nsections--;
    }
    p->section = NULL;
    p->paras_cap = 0;
}

static void new_section(parser *p, char *title, int lineno)
{
    close_section(p);
    article_topic *t = p->topic;
    xgrow((void **)&t->sections, &p->sections_cap, t->nsections + 1, sizeof *t->sections);
    article_section *s = &t->sections[t->nsections++];
    memset(s, 0, sizeof *s);
    s->title = title;
    s->line = lineno;
    p->section = s;
}

static void add_para(parser *p, char *text, int lineno)
{
    if (!*text) {
        free(text);
        return;
    }
    if (!p->section) {
        if (p->intro.len)
            strbuf_adds(&p->intro, "\n\n");
        strbuf_adds(&p->intro, text);
        free(text);
        return;
    }
    article_section *s = p->section;
    xgrow((void **)&s->paras, &p->paras_cap, s->npara + 1, sizeof *s->paras);
    s->paras[s->npara].text = text;
    s->paras[s->npara].line = lineno;
    s->npara++;
}

static void drop_pending(parser *p)
{
    if (p->have_pending) {
        warn(p, p->pending.line, "question '%s' has no answer, skipped", p->pending.question);
        free(p->pending.question);
        p->have_pending = false;
    }
}

static void add_faq(parser *p, char *answer)
{
    article_topic *t = p->topic;
    if (!*answer) {
        free(answer);
        drop_pending(p);
        return;
    }
    xgrow((void **)&t->faq, &p->faq_cap, t->nfaq + 1, sizeof *t->faq);
    t->faq[t->nfaq] = p->pending;
    t->faq[t->nfaq].answer = answer;
    t->nfaq++;
    p->have_pending = false;
}

static void free_topic(article_topic *t)
{
    for (size_t i = 0; i < t->nsections; i++) {
        for (size_t k = 0; k < t->sections[i].npara; k++)
            free(t->sections[i].paras[k].text);
        free(t->sections[i].paras);
        free(t->sections[i].title);
    }
    free(t->sections);
    for (size_t i = 0; i < t->nfaq; i++) {
        free(t->faq[i].question);
        free(t->faq[i].answer);
    }
    free(t->faq);
    free(t->title);
    free(t->slug);
}

/* Ends the current topic; a topic left without text is dropped. */
static void close_topic(parser *p)
{
    article_topic *t = p->topic;
    if (!t)
        return;
    if (t->is_faq)
        drop_pending(p);
    else
        close_section(p);
    if (t->nsections == 0 && t->nfaq == 0) {
        if (t->is_faq)
            warn(p, t->line, "FAQ block '%s' has no question with an answer, skipped", t->title);
        else if (p->sections_cap == 0)
            warn(p, t->line, "heading '%s' has no text, skipped", t->title);
        free_topic(t);
        p->a->ntopics--;
    }
    p->topic = NULL;
    p->section = NULL;
    p->in_faq = false;
    p->in_group = false;
}

/* The FAQ topic: a second FAQ block adds to the first one. */
static void open_faq(parser *p, char *title, int lineno)
{
    close_topic(p);
    article *a = p->a;
    for (size_t i = 0; i < a->ntopics; i++) {
        if (a->topics[i].is_faq) {
            /* Reopen: move it to the end is not needed, keep its place. */
            free(title);
            p->topic = &a->topics[i];
            p->faq_cap = a->topics[i].nfaq;
            p->in_faq = true;
            return;
        }
    }
    new_topic(p, title, lineno, true);
    p->in_faq = true;
}

/* A block's text as a question, or NULL when it is not one. Sets *rest to
 * the index of the first line after the question (an answer in the same
 * block, as in "Q: ...?\nA: ..."). */
static char *as_question(parser *p, const block *b, size_t *rest)
{
    static const char *const qprefix[] = {"question", "q", NULL};
    for (size_t k = 0; k < b->count; k++) {
        char *t = line_text(p, &p->lines[b->first + k]);
        /* strip list numbering "1." / "1)" */
        const char *q = t;
        while (*q >= '0' && *q <= '9')
            q++;
        q = (q != t && (*q == '.' || *q == ')')) ? q + 1 : t;
        while (is_space((unsigned char)*q))
            q++;
        q = skip_prefix(q, qprefix);
        size_t n = strlen(q);
        if (n && q[n - 1] == '?') {
            if (k == 0) {
                *rest = k + 1;
                char *out = clean_inline(q, n, false);
                free(t);
                return out;
            }
            /* a question wrapped over several lines: its lines cleaned one
             * by one, as tested above (so it ends in '?' too), joined by
             * single spaces */
            strbuf sb = STRBUF_INIT;
            for (size_t j = 0; j <= k; j++) {
                char *lt = j == k ? t : line_text(p, &p->lines[b->first + j]);
                bool space = sb.len > 0;
                for (const char *c = lt; *c; c++) {
                    if (is_space((unsigned char)*c)) {
                        space = true;
                        continue;
                    }
                    if (space && sb.len)
                        strbuf_addc(&sb, ' ');
                    space = false;
                    strbuf_addc(&sb, *c);
                }
                free(lt);
            }
            char *out = strbuf_detach(&sb);
            const char *o = skip_prefix(out, qprefix);
            char *res = xstrdup(o);
            free(out);
            *rest = k + 1;
            return res;
        }
        free(t);
        if (k >= 2)
            break;
    }
    return NULL;
}

static char *block_text(parser *p, size_t first, size_t count)
{
    if (!count)
        return xstrdup("");
    if (p->a->markdown) {
        strbuf sb = STRBUF_INIT;
        for (size_t i = first; i < first + count; i++) {
            char *t = line_text(p, &p->lines[i]);
            if (*t) {
                if (sb.len)
                    strbuf_addc(&sb, ' ');
                strbuf_adds(&sb, t);
            }
            free(t);
        }
        return strbuf_detach(&sb);
    }
    return join_lines(p, first, count);
}

static char *answer_text(parser *p, size_t first, size_t count)
{
    static const char *const aprefix[] = {"answer", "a", NULL};
    char *t = block_text(p, first, count);
    char *out = xstrdup(skip_prefix(t, aprefix));
    free(t);
    return out;
}

/* One block inside the FAQ block. Returns false when the block ends the FAQ
 * and must be handled as ordinary text. */
static bool faq_block(parser *p, size_t bi)
{
    const block *b = &p->blocks[bi];
    const line *first = &p->lines[b->first];
    if (p->a->markdown && b->md_level && b->md_level <= 2) {
        return false;
    }
    size_t rest = 0;
    char *q = as_question(p, b, &rest);
    if (q) {
        drop_pending(p);
        p->pending.question = q;
        p->pending.answer = NULL;
        p->pending.line = first->no;
        p->have_pending = true;
        if (rest < b->count)
            add_faq(p, answer_text(p, b->first + rest, b->count - rest));
        return true;
    }
    if (p->have_pending) {
        add_faq(p, answer_text(p, b->first, b->count));
        return true;
    }
    /* Plain text: a heading-shaped line followed by text ends the block. */
    bool heading = b->count == 1 && heading_shaped(first->s, first->n);
    bool next_text = bi + 1 < p->nblocks;
    if (!p->a->markdown && heading && next_text)
        return false;
    /* Otherwise more text for the last answer. */
    article_topic *t = p->topic;
    char *more = block_text(p, b->first, b->count);
    if (t->nfaq && *more) {
        article_faq *f = &t->faq[t->nfaq - 1];
        char *joined = xasprintf("%s %s", f->answer, more);
        free(f->answer);
        f->answer = joined;
    }
    free(more);
    return true;
}

static bool block_is_heading(parser *p, size_t bi)
{
    if (bi >= p->nblocks)
        return false;
    const block *b = &p->blocks[bi];
    if (p->a->markdown)
        return b->md_level >= 1 && b->md_level <= 3;
    const line *l = &p->lines[b->first];
    return b->count == 1 && heading_shaped(l->s, l->n);
}

static void walk_plain(parser *p, size_t start)
{
    for (size_t bi = start; bi < p->nblocks; bi++) {
        const block *b = &p->blocks[bi];
        const line *l = &p->lines[b->first];
        if (p->in_faq && faq_block(p, bi))
            continue;
        if (p->in_faq)
            close_topic(p);
        if (!block_is_heading(p, bi)) {
            if (b->gap >= 2)
                p->in_group = false;
            add_para(p, block_text(p, b->first, b->count), l->no);
            continue;
        }
        char *title = line_text(p, l);
        if (is_faq_heading(title)) {
            open_faq(p, title, l->no);
            continue;
        }
        bool next_heading = block_is_heading(p, bi + 1) && p->blocks[bi + 1].gap < 2;
        if (next_heading) {
            char *nt = line_text(p, &p->lines[p->blocks[bi + 1].first]);
            if (is_faq_heading(nt))
                next_heading = false;
            free(nt);
        }
        if (p->in_group && b->gap < 2 && !next_heading) {
            new_section(p, title, l->no);
        } else if (next_heading) {
            new_topic(p, title, l->no, false);
            p->in_group = true;
        } else {
            new_topic(p, title, l->no, false);
            new_section(p, xstrdup(title), l->no);
            p->in_group = false;
        }
    }
    close_topic(p);
}

static void walk_markdown(parser *p, size_t start)
{
    for (size_t bi = start; bi < p->nblocks; bi++) {
        const block *b = &p->blocks[bi];
        const line *l = &p->lines[b->first];
        if (p->in_faq && faq_block(p, bi))
            continue;
        if (p->in_faq)
            close_topic(p);
        if (b->md_level == 0 || b->md_level > 3) {
            /* text; deeper headings are kept as text */
            if (p->topic && !p->section && !p->topic->is_faq)
                new_section(p, xstrdup(p->topic->title), p->topic->line);
            add_para(p, block_text(p, b->first, b->count), l->no);
            continue;
        }
        char *title = line_text(p, l);
        if (!*title) {
            free(title);
            continue;
        }
        if (is_faq_heading(title) && b->md_level <= 2) {
            open_faq(p, title, l->no);
            continue;
        }
        if (b->md_level <= 2 || !p->topic) {
            /* '#' after the title is treated like '##' */
            new_topic(p, title, l->no, false);
            if (b->md_level == 3)
                new_section(p, xstrdup(title), l->no);
        } else {
            new_section(p, title, l->no);
        }
    }
    close_topic(p);
}

/* ---- lines and blocks ---- */

/* The line number of byte off, counting LF, CRLF and lone CR endings. */
static int line_of_offset(const char *buf, size_t len, size_t off)
{
    int no = 1;
    for (size_t i = 0; i < off; i++) {
        if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n')))
            no++;
    }
    return no;
}

static int md_heading_level(const char *s, size_t n)
{
    int level = 0;
    while ((size_t)level < n && s[level] == '#')
        level++;
    if (level < 1 || level > 6)
        return 0;
    if ((size_t)level < n && s[level] != ' ' && s[level] != '\t')
        return 0;
    return level;
}

static void split_lines(parser *p, const char *buf, size_t len)
{
    int no = 1;
    size_t i = 0;
    while (i <= len) {
        size_t start = i;
        while (i < len && buf[i] != '\n' && buf[i] != '\r')
            i++;
        const char *s = buf + start;
        size_t n = i - start;
        trim(&s, &n);
        xgrow((void **)&p->lines, &p->lines_cap, p->nlines + 1, sizeof *p->lines);
        p->lines[p->nlines++] = (line){s, n, no};
        if (i >= len)
            break;
        if (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')
            i++;
        i++;
        no++;
    }
}

static bool detect_markdown(parser *p)
{
    for (size_t i = 0; i < p->nlines; i++) {
        const line *l = &p->lines[i];
        int level = md_heading_level(l->s, l->n);
        if (level == 1 || level == 2)
            return true;
    }
    return false;
}

static void add_block(parser *p, size_t first, size_t count, int gap, int level)
{
    xgrow((void **)&p->blocks, &p->blocks_cap, p->nblocks + 1, sizeof *p->blocks);
    p->blocks[p->nblocks++] = (block){first, count, gap, level};
}

/* strspn() within s[0..n): lines are not NUL-terminated (the last one ends
 * the caller's buffer). */
static size_t span_of(const char *s, size_t n, const char *set)
{
    size_t i = 0;
    while (i < n && s[i] && strchr(set, s[i]))
        i++;
    return i;
}

static void split_blocks(parser *p)
{
    bool md = p->a->markdown;
    bool fence = false;
    int gap = 0;
    size_t start = 0, count = 0;
    for (size_t i = 0; i < p->nlines; i++) {
        const line *l = &p->lines[i];
        if (md && l->n >= 3 && (!strncmp(l->s, "```", 3) || !strncmp(l->s, "~~~", 3))) {
            fence = !fence; /* code is not prose: skipped */
            continue;
        }
        if (fence)
            continue;
        bool blank = is_blank(l->s, l->n);
        int level = md ? md_heading_level(l->s, l->n) : 0;
        bool md_skip = md && !blank &&
                       (l->s[0] == '|' || (l->n >= 3 && span_of(l->s, l->n, "-*_= ") == l->n) ||
                        (l->n >= 4 && !strncmp(l->s, "<!--", 4)));
        bool md_item = md && !blank && !level &&
                       ((l->n >= 2 && strchr("-*+", l->s[0]) && l->s[1] == ' ') ||
                        (l->n >= 3 && l->s[0] >= '0' && l->s[0] <= '9' &&
                         span_of(l->s, l->n, "0123456789") < l->n &&
                         strchr(".)", l->s[span_of(l->s, l->n, "0123456789")])));
        if (blank || level || md_skip || md_item) {
            if (count)
                add_block(p, start, count, gap, 0);
            if (count || level || md_item)
                gap = 0;
            count = 0;
        }
        if (blank) {
            gap++;
            continue;
        }
        if (md_skip)
            continue;
        if (level) {
            add_block(p, i, 1, gap, level);
            gap = 0;
            continue;
        }
        if (md_item) {
            /* a list item is a paragraph of its own, without its bullet */
            const char *s = l->s;
            size_t n = l->n;
            size_t digits = span_of(s, n, "0123456789");
            size_t skip = digits ? digits + 1 : 1;
            p->lines[i].s = s + skip;
            p->lines[i].n = n - skip;
            trim(&p->lines[i].s, &p->lines[i].n);
            add_block(p, i, 1, gap, 0);
            gap = 0;
            continue;
        }
        if (!count)
            start = i;
        if (md && l->s[0] == '>') {
            p->lines[i].s++;
            p->lines[i].n--;
            trim(&p->lines[i].s, &p->lines[i].n);
        }
        count++;
    }
    if (count)
        add_block(p, start, count, gap, 0);
}

/* ---- unique slugs ---- */

/* An open-addressing set of slugs; each entry also remembers the next
 * suffix to try for a repeated base, so ten thousand topics with one title
 * take linear time. */
typedef struct slug_entry {
    const char *slug;
    int next; /* next "-N" to try when this slug is wanted again as a base */
} slug_entry;

typedef struct slugset {
    slug_entry *slot;
    size_t cap;
} slugset;

static slug_entry *slugset_find(slugset *set, const char *s)
{
    size_t mask = set->cap - 1;
    size_t i = (size_t)hash64(s, strlen(s), 0) & mask;
    while (set->slot[i].slug && strcmp(set->slot[i].slug, s) != 0)
        i = (i + 1) & mask;
    return &set->slot[i];
}

static void assign_slugs(article *a)
{
    slugset set = {NULL, 16};
    while (set.cap < a->ntopics * 4)
        set.cap *= 2;
    set.slot = xcalloc(set.cap, sizeof *set.slot);
    for (size_t i = 0; i < a->ntopics; i++) {
        article_topic *t = &a->topics[i];
        char *slug = t->is_faq ? xstrdup("faq") : article_slug(t->title);
        slug_entry *e = slugset_find(&set, slug);
        if (e->slug) {
            slug_entry *base = e;
            char *base_slug = slug;
            slug = NULL;
            do {
                free(slug);
                slug = xasprintf("%s-%d", base_slug, base->next++);
                e = slugset_find(&set, slug);
            } while (e->slug);
            free(base_slug);
        }
        e->slug = slug;
        e->next = 2;
        t->slug = slug;
    }
    free(set.slot);
}

/* Latin-1 letters to ASCII, for slugs: U+00C0..U+00FF. */
static const char *latin1_ascii(unsigned cp)
{
    static const char *const map[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e",  "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u",  "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e",  "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u",  "u", "u", "y", "th", "y"};
    return (cp >= 0xC0 && cp <= 0xFF) ? map[cp - 0xC0] : "";
}

char *article_slug(const char *heading)
{
    strbuf sb = STRBUF_INIT;
    bool dash = false;
    const unsigned char *s = (const unsigned char *)heading;
    while (*s) {
        const char *add = NULL;
        char one[2] = {0, 0};
        if (is_alnum_ascii(*s)) {
            one[0] = (char)ascii_lower(*s);
            add = one;
            s++;
        } else if (*s == 0xC3 && s[1] >= 0x80 && s[1] <= 0xBF) {
            add = latin1_ascii(0xC0 + (s[1] - 0x80));
            s += 2;
        } else {
            s++;
            while (*s && (*s & 0xC0) == 0x80)
                s++;
        }
        if (add && *add) {
            if (dash && sb.len)
                strbuf_addc(&sb, '-');
            dash = false;
            strbuf_adds(&sb, add);
        } else {
            dash = true;
        }
    }
    if (!sb.len) {
        uint64_t h = hash64(heading, strlen(heading), 0);
        strbuf_addf(&sb, "topic-%08lx", (unsigned long)(h & 0xffffffffUL));
    }
    return strbuf_detach(&sb);
}

/* ---- public ---- */

static int fail(char **err, const char *name, int lineno, const char *msg)
{
    *err = xasprintf("%s:%d: %s", name, lineno, msg);
    return -1;
}

int article_parse(const char *name, const char *buf, size_t len, article **out, char **err)
{
    *out = NULL;
    *err = NULL;
    const char *nul = memchr(buf, '\0', len);
    if (nul)
        return fail(err, name, line_of_offset(buf, len, (size_t)(nul - buf)),
                    "NUL byte in text (is this a binary file?)");
    size_t bad = utf8_check(buf, len);
    if (bad < len) {
        char msg[64];
        snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02x)", (unsigned char)buf[bad]);
        return fail(err, name, line_of_offset(buf, len, bad), msg);
    }
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        buf += 3;
        len -= 3;
    }
    if (is_blank(buf, len))
        return fail(err, name, 1, "article is empty");

    parser p = {0};
    p.name = name;
    p.a = xcalloc(1, sizeof *p.a);
    p.a->name = xstrdup(name);
    split_lines(&p, buf, len);
    p.a->markdown = detect_markdown(&p);
    split_blocks(&p);
    if (p.nblocks == 0) { /* nothing but code fences, rules or comments */
        free(p.lines);
        article_free(p.a);
        return fail(err, name, 1,
                    "no topic with text (a heading is a short line alone between blank lines, "
                    "followed by a paragraph)");
    }

    /* The title: the '#' heading in Markdown when it comes first, else the
     * first non-empty line; the rest of its block is introduction. */
    size_t start = 1;
    const block *b0 = &p.blocks[0];
    p.a->title = line_text(&p, &p.lines[b0->first]);
    if (p.a->markdown && b0->md_level >= 2)
        start = 0; /* no '#' title: the first heading is also a topic */
    else if (b0->count > 1)
        add_para(&p, block_text(&p, b0->first + 1, b0->count - 1), p.lines[b0->first + 1].no);
    if (p.a->markdown)
        walk_markdown(&p, start);
    else
        walk_plain(&p, start);
    p.a->intro = strbuf_detach(&p.intro);
    free(p.lines);
    free(p.blocks);

    if (p.a->ntopics == 0) {
        article_free(p.a);
        return fail(err, name, 1,
                    "no topic with text (a heading is a short line alone between blank lines, "
                    "followed by a paragraph)");
    }
    assign_slugs(p.a);
    *out = p.a;
    return 0;
}

void article_free(article *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->ntopics; i++)
        free_topic(&a->topics[i]);
    free(a->topics);
    for (size_t i = 0; i < a->nwarnings; i++)
        free(a->warnings[i]);
    free(a->warnings);
    free(a->name);
    free(a->title);
    free(a->intro);
    free(a);
}

size_t article_section_count(const article *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->ntopics; i++)
        n += a->topics[i].nsections;
    return n;
}

size_t article_faq_count(const article *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->ntopics; i++)
        n += a->topics[i].nfaq;
    return n;
}

long article_find_topic(const article *a, const char *name)
{
    size_t n = strlen(name);
    trim(&name, &n);
    if (!n)
        return -1;
    for (size_t i = 0; i < a->ntopics; i++) {
        const article_topic *t = &a->topics[i];
        if ((strlen(t->slug) == n && str_icmp_n(t->slug, name, n) == 0) ||
            (strlen(t->title) == n && str_icmp_n(t->title, name, n) == 0))
            return (long)i;
    }
    return -1;
}
