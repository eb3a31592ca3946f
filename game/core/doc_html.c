/* doc_html.c - a web page saved by a browser ("Save page as", .html/.htm)
 * read into blocks through gumbo. Start reading at doc_read_html().
 *
 * Encoding. The bytes are checked before anything else. A UTF-8 byte order
 * mark makes the page UTF-8 (the mark is skipped), a UTF-16 one UTF-16.
 * Otherwise the first 4096 bytes are searched for a declared charset: an XML
 * declaration's encoding, or the first <meta charset="..."> or <meta
 * http-equiv="Content-Type" content="...; charset=...">. UTF-8 is read as it
 * is (so is a UTF-16 label in a <meta>, as browsers do: a page whose <meta>
 * reads as ASCII is not UTF-16). Any other charset is converted to UTF-8 with
 * iconv, under the names browsers give the common labels (iso-8859-1, latin1
 * and us-ascii are windows-1252, shift_jis windows-31j, gb2312 GB18030,
 * euc-kr windows-949); a charset iconv does not know is refused. Two
 * fallbacks: a page declared in another charset whose bytes are nevertheless
 * valid UTF-8 with some non-ASCII letters is read as UTF-8 (a browser that
 * saves a page as UTF-8 may keep its old declaration, and text in a
 * single-byte charset is practically never valid UTF-8); a page that declares
 * nothing and is not valid UTF-8 is read as windows-1252 (the browsers'
 * default for Western pages; it reads ISO-8859-1 too), and refused as invalid
 * UTF-8 when it is not that either. After the conversion a NUL byte or
 * invalid UTF-8 is refused with the plain-text reader's messages. Conversion
 * keeps the lines, so line numbers are the original's.
 *
 * Depth. gumbo parses deep markup without recursion, but not at any price:
 * 100,000 nested <div> take it 15 seconds (each new element scans its stack
 * of open elements), and gumbo_destroy_output() frees the tree recursively,
 * so a million nested <span> overflow the C stack. So a linear pre-scan,
 * prescan(), first follows the parser's stack of open elements with a small
 * model of HTML tree building (implied end tags of p, li, dd, dt, td, tr,
 * options and headings, scopes, void and raw-text elements, SVG and MathML
 * with their self-closing tags, select, frameset, and the list of active
 * formatting elements the parser reopens in every new paragraph). A page
 * nested deeper than DEPTH_MAX (512) levels is refused at once, and so is
 * markup that makes the parser reopen unclosed formatting tags over and over
 * ("<p><b id=1>...<b id=900>" then thousands of paragraphs: each would get
 * 900 new elements). Real pages stay under about 100 levels (the 11,000 HTML
 * files of a Debian system under 35); at 512 the stack scans add at most
 * about two seconds to the parse of the largest article (ARTICLE_MAX_BYTES of
 * "<li>"). The model can be wrong on very odd markup, so it errs on the deep
 * side, also counts tags in raw text roughly (a wrong guess about where a
 * <script> ends cannot hide deep markup), and the tree's real depth is
 * checked again after the parse; gumbo allocates from a pool that frees a
 * tree too deep for gumbo_destroy_output() block by block.
 *
 * What is read. When the body has a <main>, only the first <main>; else when
 * it has exactly one <article> (not counting articles inside another one or
 * inside skipped parts), only that; else the whole body. h1..h6 give
 * DOC_HEADING with their level, p DOC_PARA (but a <p class="title"> before
 * any text, a word processor's Title, names the document like <title>), li DOC_ITEM (each ul, ol or menu
 * numbers its own list; a nested list is a list of its own, not part of its
 * item's text), a block quote its paragraphs. Text standing directly in a
 * div, section, table cell and the like gives a DOC_PARA per run between
 * blocks, and two <br> in a row end such a run; inside a paragraph, heading
 * or item a nested block is just a space. A <dt> ending in '?' (closing
 * quotes and the like aside) gives DOC_QUESTION and its <dd>s one DOC_ANSWER;
 * other dt and dd are paragraphs. A <summary> ending in '?' gives DOC_QUESTION
 * and the rest of its <details> one DOC_ANSWER (blocks joined by spaces);
 * another summary and its content are read as usual. A <br> is a space; a
 * <sup> holding a citation ("[1]", or a link to a footnote "#...") is
 * dropped; link text is kept, URLs never. A block's line is its element's
 * start line (for loose text and answers, the line of the first letter).
 *
 * Skipped with everything inside: script, style, noscript, template, svg,
 * math, iframe, object, embed, canvas, nav, aside, form controls (button,
 * input, select, textarea), img, picture, video, audio, figure, pre, dialog
 * and search; header and footer, except inside an article, main or section
 * (there they are that part's own: an article's <header> holds its <h1>);
 * elements with the hidden attribute, aria-hidden="true", a style with
 * display:none or visibility:hidden, a class that hides (sr-only,
 * visually-hidden, screen-reader-text, hidden, d-none), or role navigation, banner, contentinfo,
 * complementary, search, dialog or alertdialog; elements other than headings
 * whose class or id holds one of the words (split on '-', '_' and spaces, any
 * case) comment, comments, nav, navbar, navigation, menu, breadcrumb(s),
 * sidebar, share, sharing, social, related, advert, advertisement, ads,
 * cookie(s), newsletter, subscribe, ad, promo, author, byline, bio,
 * pagination, toc, feedback, rating, vote, contact, cta, and header or footer (again only outside
 * an article, main or section). A <table> is skipped with a warning ("tables
 * give no questions"), unless it holds a heading or most of the page's text:
 * then it lays out an old page and its cells are read. Guards against
 * skipping the page itself: an element skipped for its class or id (but for
 * the comment words), a <form> (ASP.NET pages wrap the whole body in one) and
 * a header or footer are read after all when they hold more than half of the
 * page's paragraph text (all text, when there is no <p>), not counting what
 * is skipped in any case: only the content's wrapper does, as with
 * class="content-sidebar-wrap" or "has-sidebar".
 *
 * FAQPage JSON-LD: every <script type="application/ld+json"> anywhere in the
 * page is parsed with cJSON. Each object in it whose "@type" is, or lists,
 * "FAQPage" gives, for every item of its mainEntity (an object or a list)
 * with a "name" and an acceptedAnswer (the first, when a list) with a
 * "text", a DOC_QUESTION and a DOC_ANSWER, markup reduced to text. They come
 * after the page's own blocks, at the script's line, and are not checked
 * against the visible pairs (article.c drops repeats). A script that is not
 * JSON is skipped with a warning.
 *
 * The title is the first <title>, its text cleaned. The DOM is walked with
 * explicit stacks, never recursion.
  *
 * long: saved pages come in many shapes (encodings, site chrome, FAQ
 * markup, JSON-LD, footnotes); each rule is short and they share one walk
 * over gumbo's tree, so they stay together.
 */
#include "doc.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <gumbo.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHARSET_SCAN 4096
#define DEPTH_MAX 512
/* the rough count of tags in raw text (script, style...) may go further:
 * scripts hold markup in strings that need not balance */
#define RAW_NESTING_MAX (4 * DEPTH_MAX)
/* reopened formatting elements allowed before they must stay below the
 * number of tags in the page */
#define REOPEN_FREE 100000

/* ---- small helpers ---- */

static int line_at(const char *s, size_t n, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off && i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
            line++;
    return line;
}

static bool is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(int c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* The first case-insensitive match of needle in s[from..to), or to. */
static size_t find_ci(const char *s, size_t from, size_t to, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = from; i + m <= to; i++)
        if (str_icmp_n(s + i, needle, m) == 0)
            return i;
    return to;
}

static bool eq_ci(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && str_icmp_n(s, word, n) == 0;
}

static uint64_t fnv(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (uint64_t)ascii_lower((unsigned char)s[i]);
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* ---- the encoding ---- */

static bool is_charset_char(int c)
{
    return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '+';
}

/* Reads a charset name after "charset" or "encoding" at s[i]: spaces, '=',
 * spaces or a quote, the name. Returns its length (0 when none). */
static size_t charset_value(const char *s, size_t n, size_t i, size_t *start)
{
    while (i < n && is_space((unsigned char)s[i]))
        i++;
    if (i >= n || s[i] != '=')
        return 0;
    i++;
    while (i < n && (is_space((unsigned char)s[i]) || s[i] == '"' || s[i] == '\''))
        i++;
    size_t b = i;
    while (i < n && i - b < 40 && is_charset_char((unsigned char)s[i]))
        i++;
    *start = b;
    return i - b;
}

/* The declared charset in the first CHARSET_SCAN bytes: its name is
 * s[*at..*at+len), len 0 when none. */
static size_t declared_charset(const char *s, size_t n, size_t *at)
{
    size_t lim = n < CHARSET_SCAN ? n : CHARSET_SCAN;
    size_t i = 0;
    while (i < lim && is_space((unsigned char)s[i]))
        i++;
    if (lim - i >= 5 && str_icmp_n(s + i, "<?xml", 5) == 0) {
        size_t end = i;
        while (end < lim && s[end] != '>')
            end++;
        size_t e = find_ci(s, i, end, "encoding");
        if (e < end) {
            size_t len = charset_value(s, end, e + 8, at);
            if (len)
                return len;
        }
    }
    for (size_t m = find_ci(s, 0, lim, "<meta"); m < lim; m = find_ci(s, m + 5, lim, "<meta")) {
        size_t end = m + 5;
        while (end < n && s[end] != '>' && s[end] != '<')
            end++;
        for (size_t c = find_ci(s, m, end, "charset"); c < end;
             c = find_ci(s, c + 7, end, "charset")) {
            size_t len = charset_value(s, end, c + 7, at);
            if (len)
                return len;
        }
    }
    return 0;
}

typedef enum { CS_UTF8, CS_CONVERT } cs_kind;

/* What a declared label means: UTF-8, or the name to give iconv. */
static cs_kind charset_meaning(const char *label, const char **iconv_name)
{
    static const char *const utf8[] = {"utf-8",
                                       "utf8",
                                       "unicode-1-1-utf-8",
                                       "unicode11utf8",
                                       "unicode20utf8",
                                       "x-unicode20utf8",
                                       "utf-16",
                                       "utf-16le",
                                       "utf-16be",
                                       "unicode",
                                       "ucs-2",
                                       "csunicode",
                                       "iso-10646-ucs-2",
                                       "unicodefeff",
                                       "unicodefffe",
                                       NULL};
    static const struct {
        const char *label, *name;
    } alias[] = {
        {"us-ascii", "WINDOWS-1252"},
        {"ascii", "WINDOWS-1252"},
        {"ansi_x3.4-1968", "WINDOWS-1252"},
        {"iso-8859-1", "WINDOWS-1252"},
        {"iso8859-1", "WINDOWS-1252"},
        {"iso_8859-1", "WINDOWS-1252"},
        {"iso88591", "WINDOWS-1252"},
        {"latin1", "WINDOWS-1252"},
        {"l1", "WINDOWS-1252"},
        {"cp819", "WINDOWS-1252"},
        {"ibm819", "WINDOWS-1252"},
        {"x-cp1252", "WINDOWS-1252"},
        {"iso-8859-9", "WINDOWS-1254"},
        {"latin5", "WINDOWS-1254"},
        {"iso-8859-11", "CP874"},
        {"tis-620", "CP874"},
        {"shift_jis", "CP932"},
        {"shift-jis", "CP932"},
        {"sjis", "CP932"},
        {"x-sjis", "CP932"},
        {"ms_kanji", "CP932"},
        {"windows-31j", "CP932"},
        {"csshiftjis", "CP932"},
        {"gb2312", "GB18030"},
        {"gbk", "GB18030"},
        {"x-gbk", "GB18030"},
        {"gb_2312-80", "GB18030"},
        {"euc-kr", "CP949"},
        {"ks_c_5601-1987", "CP949"},
        {"windows-949", "CP949"},
        {"x-mac-cyrillic", "MACCYRILLIC"},
        {"x-mac-roman", "MACINTOSH"},
    };
    for (size_t i = 0; utf8[i]; i++)
        if (!str_icmp(label, utf8[i]))
            return CS_UTF8;
    *iconv_name = label;
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (!str_icmp(label, alias[i].label))
            *iconv_name = alias[i].name;
    return CS_CONVERT;
}

/* Converts s[0..n) with cd into a malloc'd NUL-terminated buffer. Returns 0,
 * or -1 with *bad the offset of the byte that does not convert. */
static int convert(iconv_t cd, const char *s, size_t n, char **out, size_t *outn, size_t *bad)
{
    size_t cap = n + n / 2 + 16;
    char *buf = xmalloc(cap);
    char *in = (char *)s, *op = buf;
    size_t il = n, ol = cap - 1;
    for (int flushing = 0;;) {
        size_t r = flushing ? iconv(cd, NULL, NULL, &op, &ol) : iconv(cd, &in, &il, &op, &ol);
        if (r != (size_t)-1) {
            if (flushing)
                break;
            flushing = 1;
            continue;
        }
        if (errno != E2BIG) {
            *bad = (size_t)(in - s);
            free(buf);
            return -1;
        }
        size_t used = (size_t)(op - buf);
        cap *= 2;
        buf = xrealloc(buf, cap);
        op = buf + used;
        ol = cap - 1 - used;
    }
    *op = '\0';
    *out = buf;
    *outn = (size_t)(op - buf);
    return 0;
}

static int fail(doc *d, char **err, int line, const char *msg)
{
    *err = xasprintf("%s:%d: %s", d->name, line, msg);
    return -1;
}

static bool has_high_byte(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

/* The page as UTF-8 (malloc'd, NUL-terminated, no BOM) in *out. */
static int decode(doc *d, const char *buf, size_t len, char **out, size_t *outn, char **err)
{
    const char *from = NULL; /* iconv's name; NULL: as it is */
    char label[48] = "";
    size_t skip = 0, at = 0;
    int decl_line = 1;
    bool fallback = false;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        skip = 3;
    } else if (len >= 2 && !memcmp(buf, "\xFF\xFE", 2)) {
        skip = 2;
        from = "UTF-16LE";
        strcpy(label, "UTF-16LE");
    } else if (len >= 2 && !memcmp(buf, "\xFE\xFF", 2)) {
        skip = 2;
        from = "UTF-16BE";
        strcpy(label, "UTF-16BE");
    } else {
        size_t n = declared_charset(buf, len, &at);
        if (n) {
            memcpy(label, buf + at, n);
            label[n] = '\0';
            decl_line = line_at(buf, len, at);
            if (charset_meaning(label, &from) == CS_CONVERT && utf8_check(buf, len) == len &&
                has_high_byte(buf, len))
                from = NULL; /* saved as UTF-8 under its old declaration */
        } else if (utf8_check(buf, len) < len) {
            from = "WINDOWS-1252";
            fallback = true;
        }
    }
    char *text;
    size_t n;
    if (!from) {
        n = len - skip;
        text = xmalloc(n + 1);
        memcpy(text, buf + skip, n);
        text[n] = '\0';
    } else {
        iconv_t cd = iconv_open("UTF-8", from);
        if (cd == (iconv_t)-1) {
            char msg[128];
            snprintf(msg, sizeof msg,
                     "page encoding '%s' is not supported (save the page as UTF-8)", label);
            return fail(d, err, decl_line, msg);
        }
        size_t bad = 0;
        int rc = convert(cd, buf + skip, len - skip, &text, &n, &bad);
        iconv_close(cd);
        if (rc != 0) {
            char msg[96];
            size_t at_byte = fallback ? utf8_check(buf, len) : skip + bad;
            if (at_byte >= len) /* iconv failed past the end: name the last byte */
                at_byte = len - 1;
            snprintf(msg, sizeof msg, "invalid %s (byte 0x%02x)", fallback ? "UTF-8" : label,
                     (unsigned char)buf[at_byte]);
            return fail(d, err, line_at(buf, len, at_byte), msg);
        }
    }
    const char *nul = memchr(text, '\0', n);
    size_t bad = nul ? (size_t)(nul - text) : utf8_check(text, n);
    if (bad < n) {
        char msg[64];
        if (nul)
            snprintf(msg, sizeof msg, "NUL byte in text (is this a binary file?)");
        else
            snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02x)", (unsigned char)text[bad]);
        int line = line_at(text, n, bad);
        free(text);
        return fail(d, err, line, msg);
    }
    if (n >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) { /* a BOM the conversion gave */
        memmove(text, text + 3, n - 3 + 1);
        n -= 3;
    }
    *out = text;
    *outn = n;
    return 0;
}

/* ---- the depth pre-scan ----
 *
 * A small model of the HTML tree builder: the stack of open elements and the
 * list of active formatting elements, fed by a tokenizer that knows tags,
 * attributes, comments and raw text. It errs on the deep side. */

#define MARKER GUMBO_TAG_LAST

typedef struct ps_el {
    GumboTag tag;
    uint64_t name;    /* hash of the lower-case name (tells unknown tags apart) */
    long act;         /* its entry in the active formatting list, or -1 */
    unsigned char ns; /* NS_HTML, NS_SVG or NS_MATHML */
} ps_el;

enum { NS_HTML, NS_SVG, NS_MATHML };

typedef struct ps_act {
    GumboTag tag; /* MARKER for a scope marker */
    uint64_t name, attrs;
    long pos; /* index in the stack, -1 when closed */
} ps_act;

typedef struct pscan {
    ps_el *st;
    size_t nst, cst;
    ps_act *af;
    size_t naf, caf;
    bool maybe_closed;         /* some active entry may be closed: reopen before text */
    bool frameset_off;         /* the parser's frameset-ok flag is off: <frameset> is ignored */
    bool form_open;            /* the parser's form element pointer is set */
    size_t nselect, nframeset; /* select and frameset elements open */
    size_t reopened, tags;
    int line;
    int fail; /* 0, 1 too deep, 2 reopened too often */
    int fail_line;
} pscan;

static bool is_heading_tag(GumboTag t)
{
    return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
           t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

static bool is_formatting(GumboTag t)
{
    static const bool set[GUMBO_TAG_LAST + 1] = {
        [GUMBO_TAG_A] = true,     [GUMBO_TAG_B] = true,      [GUMBO_TAG_BIG] = true,
        [GUMBO_TAG_CODE] = true,  [GUMBO_TAG_EM] = true,     [GUMBO_TAG_FONT] = true,
        [GUMBO_TAG_I] = true,     [GUMBO_TAG_NOBR] = true,   [GUMBO_TAG_S] = true,
        [GUMBO_TAG_SMALL] = true, [GUMBO_TAG_STRIKE] = true, [GUMBO_TAG_STRONG] = true,
        [GUMBO_TAG_TT] = true,    [GUMBO_TAG_U] = true};
    return (unsigned)t <= GUMBO_TAG_LAST && set[t];
}

/* The parser's "special" elements (an end tag does not close past them). */
static bool is_special(GumboTag t)
{
    static const bool set[GUMBO_TAG_LAST + 1] = {
        [GUMBO_TAG_ADDRESS] = true,    [GUMBO_TAG_APPLET] = true,    [GUMBO_TAG_AREA] = true,
        [GUMBO_TAG_ARTICLE] = true,    [GUMBO_TAG_ASIDE] = true,     [GUMBO_TAG_BASE] = true,
        [GUMBO_TAG_BASEFONT] = true,   [GUMBO_TAG_BGSOUND] = true,   [GUMBO_TAG_BLOCKQUOTE] = true,
        [GUMBO_TAG_BODY] = true,       [GUMBO_TAG_BR] = true,        [GUMBO_TAG_BUTTON] = true,
        [GUMBO_TAG_CAPTION] = true,    [GUMBO_TAG_CENTER] = true,    [GUMBO_TAG_COL] = true,
        [GUMBO_TAG_COLGROUP] = true,   [GUMBO_TAG_DD] = true,        [GUMBO_TAG_DETAILS] = true,
        [GUMBO_TAG_DIR] = true,        [GUMBO_TAG_DIV] = true,       [GUMBO_TAG_DL] = true,
        [GUMBO_TAG_DT] = true,         [GUMBO_TAG_EMBED] = true,     [GUMBO_TAG_FIELDSET] = true,
        [GUMBO_TAG_FIGCAPTION] = true, [GUMBO_TAG_FIGURE] = true,    [GUMBO_TAG_FOOTER] = true,
        [GUMBO_TAG_FORM] = true,       [GUMBO_TAG_FRAME] = true,     [GUMBO_TAG_FRAMESET] = true,
        [GUMBO_TAG_H1] = true,         [GUMBO_TAG_H2] = true,        [GUMBO_TAG_H3] = true,
        [GUMBO_TAG_H4] = true,         [GUMBO_TAG_H5] = true,        [GUMBO_TAG_H6] = true,
        [GUMBO_TAG_HEAD] = true,       [GUMBO_TAG_HEADER] = true,    [GUMBO_TAG_HGROUP] = true,
        [GUMBO_TAG_HR] = true,         [GUMBO_TAG_HTML] = true,      [GUMBO_TAG_IFRAME] = true,
        [GUMBO_TAG_IMG] = true,        [GUMBO_TAG_INPUT] = true,     [GUMBO_TAG_ISINDEX] = true,
        [GUMBO_TAG_LI] = true,         [GUMBO_TAG_LINK] = true,      [GUMBO_TAG_LISTING] = true,
        [GUMBO_TAG_MAIN] = true,       [GUMBO_TAG_MARQUEE] = true,   [GUMBO_TAG_MENU] = true,
        [GUMBO_TAG_MENUITEM] = true,   [GUMBO_TAG_META] = true,      [GUMBO_TAG_NAV] = true,
        [GUMBO_TAG_NOEMBED] = true,    [GUMBO_TAG_NOFRAMES] = true,  [GUMBO_TAG_NOSCRIPT] = true,
        [GUMBO_TAG_OBJECT] = true,     [GUMBO_TAG_OL] = true,        [GUMBO_TAG_P] = true,
        [GUMBO_TAG_PARAM] = true,      [GUMBO_TAG_PLAINTEXT] = true, [GUMBO_TAG_PRE] = true,
        [GUMBO_TAG_SCRIPT] = true,     [GUMBO_TAG_SECTION] = true,   [GUMBO_TAG_SELECT] = true,
        [GUMBO_TAG_SOURCE] = true,     [GUMBO_TAG_STYLE] = true,     [GUMBO_TAG_SUMMARY] = true,
        [GUMBO_TAG_TABLE] = true,      [GUMBO_TAG_TBODY] = true,     [GUMBO_TAG_TD] = true,
        [GUMBO_TAG_TEMPLATE] = true,   [GUMBO_TAG_TEXTAREA] = true,  [GUMBO_TAG_TFOOT] = true,
        [GUMBO_TAG_TH] = true,         [GUMBO_TAG_THEAD] = true,     [GUMBO_TAG_TITLE] = true,
        [GUMBO_TAG_TR] = true,         [GUMBO_TAG_TRACK] = true,     [GUMBO_TAG_UL] = true,
        [GUMBO_TAG_WBR] = true,        [GUMBO_TAG_XMP] = true};
    return (unsigned)t <= GUMBO_TAG_LAST && set[t];
}

static bool is_void(GumboTag t)
{
    static const bool set[GUMBO_TAG_LAST + 1] = {
        [GUMBO_TAG_AREA] = true,     [GUMBO_TAG_BASE] = true,     [GUMBO_TAG_BASEFONT] = true,
        [GUMBO_TAG_BGSOUND] = true,  [GUMBO_TAG_BR] = true,       [GUMBO_TAG_COL] = true,
        [GUMBO_TAG_COLGROUP] = true, [GUMBO_TAG_EMBED] = true,    [GUMBO_TAG_FRAME] = true,
        [GUMBO_TAG_HR] = true,       [GUMBO_TAG_IMAGE] = true,    [GUMBO_TAG_IMG] = true,
        [GUMBO_TAG_INPUT] = true,    [GUMBO_TAG_ISINDEX] = true,  [GUMBO_TAG_KEYGEN] = true,
        [GUMBO_TAG_LINK] = true,     [GUMBO_TAG_MENUITEM] = true, [GUMBO_TAG_META] = true,
        [GUMBO_TAG_PARAM] = true,    [GUMBO_TAG_SOURCE] = true,   [GUMBO_TAG_TRACK] = true,
        [GUMBO_TAG_WBR] = true};
    return (unsigned)t <= GUMBO_TAG_LAST && set[t];
}

/* Start tags that close an open p first. */
static bool closes_p(GumboTag t)
{
    static const bool set[GUMBO_TAG_LAST + 1] = {
        [GUMBO_TAG_ADDRESS] = true,    [GUMBO_TAG_ARTICLE] = true,    [GUMBO_TAG_ASIDE] = true,
        [GUMBO_TAG_BLOCKQUOTE] = true, [GUMBO_TAG_CENTER] = true,     [GUMBO_TAG_DETAILS] = true,
        [GUMBO_TAG_DIR] = true,        [GUMBO_TAG_DIV] = true,        [GUMBO_TAG_DL] = true,
        [GUMBO_TAG_FIELDSET] = true,   [GUMBO_TAG_FIGCAPTION] = true, [GUMBO_TAG_FIGURE] = true,
        [GUMBO_TAG_FOOTER] = true,     [GUMBO_TAG_HEADER] = true,     [GUMBO_TAG_HGROUP] = true,
        [GUMBO_TAG_MAIN] = true,       [GUMBO_TAG_MENU] = true,       [GUMBO_TAG_NAV] = true,
        [GUMBO_TAG_OL] = true,         [GUMBO_TAG_P] = true,          [GUMBO_TAG_SECTION] = true,
        [GUMBO_TAG_SUMMARY] = true,    [GUMBO_TAG_UL] = true,         [GUMBO_TAG_PRE] = true,
        [GUMBO_TAG_LISTING] = true,    [GUMBO_TAG_FORM] = true,       [GUMBO_TAG_LI] = true,
        [GUMBO_TAG_DD] = true,         [GUMBO_TAG_DT] = true,         [GUMBO_TAG_PLAINTEXT] = true,
        [GUMBO_TAG_TABLE] = true,      [GUMBO_TAG_HR] = true,         [GUMBO_TAG_XMP] = true,
        [GUMBO_TAG_H1] = true,         [GUMBO_TAG_H2] = true,         [GUMBO_TAG_H3] = true,
        [GUMBO_TAG_H4] = true,         [GUMBO_TAG_H5] = true,         [GUMBO_TAG_H6] = true};
    return (unsigned)t <= GUMBO_TAG_LAST && set[t];
}

/* End tags that close their element when it is in scope (the others stop
 * at any special element). */
static bool ends_in_scope(GumboTag t)
{
    static const bool set[GUMBO_TAG_LAST + 1] = {
        [GUMBO_TAG_ADDRESS] = true,    [GUMBO_TAG_ARTICLE] = true,  [GUMBO_TAG_ASIDE] = true,
        [GUMBO_TAG_BLOCKQUOTE] = true, [GUMBO_TAG_BUTTON] = true,   [GUMBO_TAG_CENTER] = true,
        [GUMBO_TAG_DETAILS] = true,    [GUMBO_TAG_DIR] = true,      [GUMBO_TAG_DIV] = true,
        [GUMBO_TAG_DL] = true,         [GUMBO_TAG_FIELDSET] = true, [GUMBO_TAG_FIGCAPTION] = true,
        [GUMBO_TAG_FIGURE] = true,     [GUMBO_TAG_FOOTER] = true,   [GUMBO_TAG_HEADER] = true,
        [GUMBO_TAG_HGROUP] = true,     [GUMBO_TAG_LISTING] = true,  [GUMBO_TAG_MAIN] = true,
        [GUMBO_TAG_MENU] = true,       [GUMBO_TAG_NAV] = true,      [GUMBO_TAG_OL] = true,
        [GUMBO_TAG_PRE] = true,        [GUMBO_TAG_SECTION] = true,  [GUMBO_TAG_SUMMARY] = true,
        [GUMBO_TAG_UL] = true,         [GUMBO_TAG_DD] = true,       [GUMBO_TAG_DT] = true,
        [GUMBO_TAG_APPLET] = true,     [GUMBO_TAG_MARQUEE] = true,  [GUMBO_TAG_OBJECT] = true};
    return (unsigned)t <= GUMBO_TAG_LAST && set[t];
}

/* Start tags that leave foreign content (SVG, MathML) for HTML. */
static bool breaks_out(GumboTag t)
{
    static const bool set[GUMBO_TAG_LAST + 1] = {
        [GUMBO_TAG_B] = true,       [GUMBO_TAG_BIG] = true,  [GUMBO_TAG_BLOCKQUOTE] = true,
        [GUMBO_TAG_BODY] = true,    [GUMBO_TAG_BR] = true,   [GUMBO_TAG_CENTER] = true,
        [GUMBO_TAG_CODE] = true,    [GUMBO_TAG_DD] = true,   [GUMBO_TAG_DIV] = true,
        [GUMBO_TAG_DL] = true,      [GUMBO_TAG_DT] = true,   [GUMBO_TAG_EM] = true,
        [GUMBO_TAG_EMBED] = true,   [GUMBO_TAG_H1] = true,   [GUMBO_TAG_H2] = true,
        [GUMBO_TAG_H3] = true,      [GUMBO_TAG_H4] = true,   [GUMBO_TAG_H5] = true,
        [GUMBO_TAG_H6] = true,      [GUMBO_TAG_HEAD] = true, [GUMBO_TAG_HR] = true,
        [GUMBO_TAG_I] = true,       [GUMBO_TAG_IMG] = true,  [GUMBO_TAG_LI] = true,
        [GUMBO_TAG_LISTING] = true, [GUMBO_TAG_MENU] = true, [GUMBO_TAG_META] = true,
        [GUMBO_TAG_NOBR] = true,    [GUMBO_TAG_OL] = true,   [GUMBO_TAG_P] = true,
        [GUMBO_TAG_PRE] = true,     [GUMBO_TAG_RUBY] = true, [GUMBO_TAG_S] = true,
        [GUMBO_TAG_SMALL] = true,   [GUMBO_TAG_SPAN] = true, [GUMBO_TAG_STRONG] = true,
        [GUMBO_TAG_STRIKE] = true,  [GUMBO_TAG_SUB] = true,  [GUMBO_TAG_SUP] = true,
        [GUMBO_TAG_TABLE] = true,   [GUMBO_TAG_TT] = true,   [GUMBO_TAG_U] = true,
        [GUMBO_TAG_UL] = true,      [GUMBO_TAG_VAR] = true,  [GUMBO_TAG_FONT] = true};
    return (unsigned)t <= GUMBO_TAG_LAST && set[t];
}

/* Elements whose content the tokenizer reads as raw text. */
static bool is_raw_text(GumboTag t)
{
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_XMP ||
           t == GUMBO_TAG_IFRAME || t == GUMBO_TAG_NOEMBED || t == GUMBO_TAG_NOFRAMES ||
           t == GUMBO_TAG_TEXTAREA || t == GUMBO_TAG_TITLE;
}

/* Elements that put a marker in the active formatting list. */
static bool is_marker_element(GumboTag t)
{
    return t == GUMBO_TAG_APPLET || t == GUMBO_TAG_MARQUEE || t == GUMBO_TAG_OBJECT ||
           t == GUMBO_TAG_TEMPLATE || t == GUMBO_TAG_TD || t == GUMBO_TAG_TH ||
           t == GUMBO_TAG_CAPTION;
}

static bool is_mathml_text_point(const ps_el *e)
{
    return e->ns == NS_MATHML &&
           (e->tag == GUMBO_TAG_MI || e->tag == GUMBO_TAG_MO || e->tag == GUMBO_TAG_MN ||
            e->tag == GUMBO_TAG_MS || e->tag == GUMBO_TAG_MTEXT);
}

/* Foreign elements whose content is HTML again. (MathML annotation-xml is
 * one only with some encodings: taken as foreign, the side where the model
 * counts more.) */
static bool is_integration_point(const ps_el *e)
{
    return is_mathml_text_point(e) ||
           (e->ns == NS_SVG && (e->tag == GUMBO_TAG_FOREIGNOBJECT || e->tag == GUMBO_TAG_DESC ||
                                e->tag == GUMBO_TAG_TITLE));
}

enum { SCOPE_DEFAULT, SCOPE_BUTTON, SCOPE_LIST, SCOPE_TABLE };

static bool is_boundary(const ps_el *e, int scope)
{
    if (e->ns)
        return scope != SCOPE_TABLE && (is_integration_point(e) ||
                                        (e->ns == NS_MATHML && e->tag == GUMBO_TAG_ANNOTATION_XML));
    switch (e->tag) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TEMPLATE:
        return true;
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_OBJECT:
        return scope != SCOPE_TABLE;
    case GUMBO_TAG_BUTTON:
        return scope == SCOPE_BUTTON;
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
        return scope == SCOPE_LIST;
    default:
        return false;
    }
}

static bool ps_is(const ps_el *e, GumboTag tag, uint64_t name)
{
    if (tag == GUMBO_TAG_UNKNOWN)
        return e->tag == GUMBO_TAG_UNKNOWN && e->name == name;
    return !e->ns && e->tag == tag;
}

static bool ps_in_foreign(const pscan *p)
{
    return p->nst && p->st[p->nst - 1].ns && !is_integration_point(&p->st[p->nst - 1]);
}

/* The index of the nearest open tag (any heading for H1 with heading set)
 * in scope, or -1. */
static long ps_scope(const pscan *p, GumboTag tag, int scope, bool any_heading)
{
    for (size_t k = p->nst; k-- > 0;) {
        const ps_el *e = &p->st[k];
        if (!e->ns && (e->tag == tag || (any_heading && is_heading_tag(e->tag))))
            return (long)k;
        if (is_boundary(e, scope))
            return -1;
    }
    return -1;
}

static void ps_fail(pscan *p, int why)
{
    if (!p->fail) {
        p->fail = why;
        p->fail_line = p->line;
    }
}

static void ps_act_remove(pscan *p, size_t i)
{
    if (p->af[i].pos >= 0)
        p->st[p->af[i].pos].act = -1;
    memmove(p->af + i, p->af + i + 1, (p->naf - i - 1) * sizeof *p->af);
    p->naf--;
    for (size_t j = i; j < p->naf; j++)
        if (p->af[j].pos >= 0)
            p->st[p->af[j].pos].act = (long)j;
}

static void ps_clear_to_marker(pscan *p)
{
    while (p->naf) {
        ps_act *a = &p->af[--p->naf];
        if (a->pos >= 0)
            p->st[a->pos].act = -1;
        if (a->tag == MARKER)
            break;
    }
    p->maybe_closed = true;
}

static size_t ps_segment(const pscan *p)
{
    size_t i = p->naf;
    while (i && p->af[i - 1].tag != MARKER)
        i--;
    return i;
}

/* Keeps the counts of open select and frameset elements. */
static void ps_count(pscan *p, const ps_el *e, int d)
{
    if (!e->ns && e->tag == GUMBO_TAG_SELECT)
        p->nselect += (size_t)d;
    if (!e->ns && e->tag == GUMBO_TAG_FRAMESET)
        p->nframeset += (size_t)d;
}

static void ps_pop(pscan *p)
{
    ps_el e = p->st[--p->nst];
    ps_count(p, &e, -1);
    if (e.act >= 0) {
        p->af[e.act].pos = -1;
        p->maybe_closed = true;
    }
    if (!e.ns && is_marker_element(e.tag))
        ps_clear_to_marker(p);
}

static void ps_pop_to(pscan *p, long k)
{
    while (k >= 0 && p->nst > (size_t)k)
        ps_pop(p);
}

/* Takes the element at k out of the stack (the elements above stay). */
static void ps_splice(pscan *p, size_t k)
{
    if (p->st[k].act >= 0)
        p->af[p->st[k].act].pos = -1;
    ps_count(p, &p->st[k], -1);
    memmove(p->st + k, p->st + k + 1, (p->nst - k - 1) * sizeof *p->st);
    p->nst--;
    for (size_t j = k; j < p->nst; j++)
        if (p->st[j].act >= 0)
            p->af[p->st[j].act].pos = (long)j;
}

static long ps_push(pscan *p, GumboTag tag, uint64_t name, unsigned char ns)
{
    if (p->nst >= DEPTH_MAX) {
        ps_fail(p, 1);
        return -1;
    }
    xgrow((void **)&p->st, &p->cst, p->nst + 1, sizeof *p->st);
    p->st[p->nst] = (ps_el){tag, name, -1, ns};
    ps_count(p, &p->st[p->nst], 1);
    return (long)p->nst++;
}

static void ps_add_act(pscan *p, ps_act a)
{
    if (p->naf >= 8 * DEPTH_MAX) {
        ps_fail(p, 1);
        return;
    }
    xgrow((void **)&p->af, &p->caf, p->naf + 1, sizeof *p->af);
    p->af[p->naf++] = a;
}

/* Reopens the closed entries of the active formatting list (as the parser
 * does before text and most start tags). */
static void ps_reopen(pscan *p)
{
    if (!p->maybe_closed)
        return;
    p->maybe_closed = false;
    for (size_t i = ps_segment(p); i < p->naf && !p->fail; i++) {
        if (p->af[i].pos >= 0)
            continue;
        long k = ps_push(p, p->af[i].tag, p->af[i].name, NS_HTML);
        if (k < 0)
            return;
        p->st[k].act = (long)i;
        p->af[i].pos = k;
        p->reopened++;
    }
    if (p->reopened > REOPEN_FREE && p->reopened > p->tags)
        ps_fail(p, 2);
}

static void ps_push_formatting(pscan *p, GumboTag tag, uint64_t name, uint64_t attrs)
{
    size_t same = 0, first = 0;
    for (size_t i = ps_segment(p); i < p->naf; i++) {
        const ps_act *a = &p->af[i];
        if (a->tag == tag && a->name == name && a->attrs == attrs && same++ == 0)
            first = i;
    }
    if (same >= 3) /* "Noah's Ark": at most three alike */
        ps_act_remove(p, first);
    long k = ps_push(p, tag, name, NS_HTML);
    if (k < 0)
        return;
    ps_add_act(p, (ps_act){tag, name, attrs, k});
    if (!p->fail)
        p->st[k].act = (long)p->naf - 1;
}

/* "Any other end tag": closes the nearest match unless a special element
 * stands between. */
static void ps_end_other(pscan *p, GumboTag tag, uint64_t name)
{
    for (size_t k = p->nst; k-- > 0;) {
        const ps_el *e = &p->st[k];
        if (ps_is(e, tag, name)) {
            ps_pop_to(p, (long)k);
            return;
        }
        if (!e->ns && is_special(e->tag))
            return;
    }
}

/* The end of a formatting element (the adoption agency, roughly: the
 * element leaves the stack; when no special element is above it, everything
 * above it closes too). */
static void ps_end_formatting(pscan *p, GumboTag tag, uint64_t name)
{
    long i = -1;
    for (size_t j = p->naf, seg = ps_segment(p); j-- > seg;)
        if (p->af[j].tag == tag && p->af[j].name == name) {
            i = (long)j;
            break;
        }
    if (i < 0) {
        ps_end_other(p, tag, name);
        return;
    }
    long pos = p->af[i].pos;
    if (pos < 0) {
        ps_act_remove(p, (size_t)i);
        return;
    }
    for (size_t k = p->nst; k-- > (size_t)pos + 1;)
        if (is_boundary(&p->st[k], SCOPE_DEFAULT))
            return;
    bool special = false;
    for (size_t k = (size_t)pos + 1; k < p->nst && !special; k++)
        special = !p->st[k].ns && is_special(p->st[k].tag);
    ps_act_remove(p, (size_t)i);
    if (special)
        ps_splice(p, (size_t)pos);
    else
        ps_pop_to(p, pos);
}

static void ps_close_p(pscan *p)
{
    ps_pop_to(p, ps_scope(p, GUMBO_TAG_P, SCOPE_BUTTON, false));
}

static bool is_table_part(GumboTag t)
{
    return t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD ||
           t == GUMBO_TAG_TFOOT || t == GUMBO_TAG_TR || t == GUMBO_TAG_TD || t == GUMBO_TAG_TH ||
           t == GUMBO_TAG_CAPTION;
}

/* Is the parser in a table, not in a cell (elements opened there are
 * foster-parented and leave the mode as it is)? */
static bool ps_table_mode(const pscan *p)
{
    for (size_t k = p->nst; k-- > 0;) {
        const ps_el *e = &p->st[k];
        if (e->ns)
            continue;
        switch (e->tag) {
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_TBODY:
        case GUMBO_TAG_THEAD:
        case GUMBO_TAG_TFOOT:
        case GUMBO_TAG_TR:
            return true;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_HTML:
            return false;
        default:
            break;
        }
    }
    return false;
}

/* Makes the top of the stack a table body (the parser implies <tbody>). */
static void ps_table_body(pscan *p, long table)
{
    GumboTag t = p->st[p->nst - 1].tag;
    if (t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TFOOT)
        return;
    ps_pop_to(p, table + 1);
    ps_push(p, GUMBO_TAG_TBODY, 0, NS_HTML);
}

/* A start tag. font_attrs: a <font> with color, face or size (it leaves
 * SVG and MathML). Returns true when the tokenizer reads raw text next. */
static bool ps_start(pscan *p, GumboTag tag, uint64_t name, uint64_t attrs, bool self_closing,
                     bool font_attrs)
{
    p->tags++;
    const ps_el *top = p->nst ? &p->st[p->nst - 1] : NULL;
    if (top && is_mathml_text_point(top) &&
        (tag == GUMBO_TAG_MGLYPH || tag == GUMBO_TAG_MALIGNMARK)) {
        if (!self_closing)
            ps_push(p, tag, name, NS_MATHML);
        return false;
    }
    if (ps_in_foreign(p)) {
        if (!breaks_out(tag) || (tag == GUMBO_TAG_FONT && !font_attrs)) {
            unsigned char ns = top->ns;
            if (tag == GUMBO_TAG_SVG)
                ns = NS_SVG;
            if (!self_closing)
                ps_push(p, tag, name, ns);
            return false;
        }
        while (ps_in_foreign(p))
            ps_pop(p);
    }
    long k;
    if (p->nselect) {
        /* in a select the parser ignores most tags; the model keeps them
         * (counting too much) but lets none of them close anything */
        if (tag == GUMBO_TAG_SELECT) {
            ps_pop_to(p, ps_scope(p, GUMBO_TAG_SELECT, SCOPE_TABLE, false));
            return false;
        }
        if (tag == GUMBO_TAG_INPUT || tag == GUMBO_TAG_KEYGEN || tag == GUMBO_TAG_TEXTAREA ||
            (is_table_part(tag) && ps_scope(p, GUMBO_TAG_TABLE, SCOPE_TABLE, false) >= 0)) {
            ps_pop_to(p, ps_scope(p, GUMBO_TAG_SELECT, SCOPE_TABLE, false));
        } else if (tag != GUMBO_TAG_OPTION && tag != GUMBO_TAG_OPTGROUP &&
                   tag != GUMBO_TAG_SCRIPT && tag != GUMBO_TAG_TEMPLATE) {
            /* never foreign (no SVG in a select), never a table part */
            if (!is_void(tag) && !is_table_part(tag))
                ps_push(p, tag, name, NS_HTML);
            return false;
        }
    }
    switch (tag) {
    case GUMBO_TAG_BODY:
        p->frameset_off = true;
        return false;
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
        return false;
    case GUMBO_TAG_FRAMESET: /* replaces the body, or is ignored */
        if (!p->frameset_off && !p->nframeset)
            ps_pop_to(p, 0);
        if (!p->frameset_off || p->nframeset)
            ps_push(p, tag, name, NS_HTML);
        return false;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_IMAGE:
        p->frameset_off = true;
        break;
    default:
        break;
    }
    switch (tag) {
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
        ps_reopen(p);
        if (!self_closing)
            ps_push(p, tag, name, tag == GUMBO_TAG_SVG ? NS_SVG : NS_MATHML);
        return false;
    case GUMBO_TAG_BUTTON:
        ps_pop_to(p, ps_scope(p, GUMBO_TAG_BUTTON, SCOPE_DEFAULT, false));
        ps_reopen(p);
        ps_push(p, tag, name, NS_HTML);
        return false;
    case GUMBO_TAG_A: /* an open <a> is closed first */
        for (size_t j = p->naf, seg = ps_segment(p); j-- > seg;)
            if (p->af[j].tag == GUMBO_TAG_A) {
                ps_end_formatting(p, GUMBO_TAG_A, p->af[j].name);
                for (size_t m = p->naf, seg2 = ps_segment(p); m-- > seg2;)
                    if (p->af[m].tag == GUMBO_TAG_A) {
                        if (p->af[m].pos >= 0)
                            ps_splice(p, (size_t)p->af[m].pos);
                        ps_act_remove(p, m);
                        break;
                    }
                break;
            }
        ps_reopen(p);
        ps_push_formatting(p, tag, name, attrs);
        return false;
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_OBJECT:
        ps_reopen(p);
        if (ps_push(p, tag, name, NS_HTML) >= 0)
            ps_add_act(p, (ps_act){MARKER, 0, 0, -1});
        return false;
    case GUMBO_TAG_TEMPLATE:
        if (ps_push(p, tag, name, NS_HTML) >= 0)
            ps_add_act(p, (ps_act){MARKER, 0, 0, -1});
        return false;
    case GUMBO_TAG_CAPTION:
        if ((k = ps_scope(p, GUMBO_TAG_TABLE, SCOPE_TABLE, false)) < 0)
            return false;
        ps_pop_to(p, k + 1);
        if (ps_push(p, tag, name, NS_HTML) >= 0)
            ps_add_act(p, (ps_act){MARKER, 0, 0, -1});
        return false;
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
        if ((k = ps_scope(p, GUMBO_TAG_TABLE, SCOPE_TABLE, false)) < 0)
            return false;
        ps_pop_to(p, k + 1);
        ps_push(p, tag, name, NS_HTML);
        return false;
    case GUMBO_TAG_TR:
        if ((k = ps_scope(p, GUMBO_TAG_TABLE, SCOPE_TABLE, false)) < 0)
            return false;
        ps_pop_to(p, ps_scope(p, GUMBO_TAG_TR, SCOPE_TABLE, false));
        ps_table_body(p, k);
        ps_push(p, tag, name, NS_HTML);
        return false;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
        if ((k = ps_scope(p, GUMBO_TAG_TABLE, SCOPE_TABLE, false)) < 0)
            return false;
        ps_pop_to(p, ps_scope(p, GUMBO_TAG_TD, SCOPE_TABLE, false));
        ps_pop_to(p, ps_scope(p, GUMBO_TAG_TH, SCOPE_TABLE, false));
        if (p->st[p->nst - 1].tag != GUMBO_TAG_TR) {
            long tr = ps_scope(p, GUMBO_TAG_TR, SCOPE_TABLE, false);
            if (tr >= 0) {
                ps_pop_to(p, tr + 1);
            } else {
                ps_table_body(p, k);
                ps_push(p, GUMBO_TAG_TR, 0, NS_HTML);
            }
        }
        if (ps_push(p, tag, name, NS_HTML) >= 0)
            ps_add_act(p, (ps_act){MARKER, 0, 0, -1});
        return false;
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
        if (p->nst && p->st[p->nst - 1].tag == GUMBO_TAG_OPTION)
            ps_pop(p);
        if (tag == GUMBO_TAG_OPTGROUP && p->nst && p->st[p->nst - 1].tag == GUMBO_TAG_OPTGROUP)
            ps_pop(p);
        ps_reopen(p);
        ps_push(p, tag, name, NS_HTML);
        return false;
    default:
        break;
    }
    if (is_void(tag) || (is_raw_text(tag) && (tag == GUMBO_TAG_NOFRAMES || !p->nframeset))) {
        if (closes_p(tag))
            ps_close_p(p);
        if (tag != GUMBO_TAG_HR && tag != GUMBO_TAG_SCRIPT && tag != GUMBO_TAG_STYLE &&
            tag != GUMBO_TAG_TITLE)
            ps_reopen(p);
        return is_raw_text(tag);
    }
    if (is_formatting(tag)) {
        ps_reopen(p);
        ps_push_formatting(p, tag, name, attrs);
        return false;
    }
    if (!closes_p(tag)) {
        ps_reopen(p);
        ps_push(p, tag, name, NS_HTML);
        return false;
    }
    if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) {
        for (size_t j = p->nst; j-- > 0;) {
            const ps_el *e = &p->st[j];
            bool match = !e->ns &&
                         (tag == GUMBO_TAG_LI ? e->tag == GUMBO_TAG_LI
                                              : (e->tag == GUMBO_TAG_DD || e->tag == GUMBO_TAG_DT));
            if (match) {
                ps_pop_to(p, (long)j);
                break;
            }
            if (!e->ns && is_special(e->tag) && e->tag != GUMBO_TAG_ADDRESS &&
                e->tag != GUMBO_TAG_DIV && e->tag != GUMBO_TAG_P)
                break;
        }
    }
    if (tag == GUMBO_TAG_FORM) { /* a form inside a form is ignored */
        bool in_template = false;
        for (size_t j = 0; j < p->nst && !in_template; j++)
            in_template = !p->st[j].ns && p->st[j].tag == GUMBO_TAG_TEMPLATE;
        if (p->form_open && !in_template)
            return false;
        p->form_open = !in_template;
    }
    if (tag == GUMBO_TAG_TABLE && ps_table_mode(p)) /* a table in a table closes it */
        ps_pop_to(p, ps_scope(p, GUMBO_TAG_TABLE, SCOPE_TABLE, false));
    ps_close_p(p);
    if (is_heading_tag(tag) && p->nst && is_heading_tag(p->st[p->nst - 1].tag) &&
        !p->st[p->nst - 1].ns)
        ps_pop(p);
    ps_push(p, tag, name, NS_HTML);
    return tag == GUMBO_TAG_PLAINTEXT && !p->nframeset;
}

static void ps_end(pscan *p, GumboTag tag, uint64_t name)
{
    for (size_t k = p->nst; k-- > 0 && p->st[k].ns;)
        if (p->st[k].tag == tag && p->st[k].name == name) {
            ps_pop_to(p, (long)k);
            return;
        }
    if (p->nselect && tag != GUMBO_TAG_TEMPLATE) { /* other end tags are ignored */
        if (is_table_part(tag) && ps_scope(p, tag, SCOPE_TABLE, false) >= 0) {
            ps_pop_to(p, ps_scope(p, GUMBO_TAG_SELECT, SCOPE_TABLE, false));
        } else {
            if (tag == GUMBO_TAG_SELECT)
                ps_pop_to(p, ps_scope(p, GUMBO_TAG_SELECT, SCOPE_TABLE, false));
            else if ((tag == GUMBO_TAG_OPTION || tag == GUMBO_TAG_OPTGROUP) &&
                     p->st[p->nst - 1].tag == tag && !p->st[p->nst - 1].ns)
                ps_pop(p);
            return;
        }
    }
    switch (tag) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HEAD:
        return;
    case GUMBO_TAG_BR:
        ps_reopen(p);
        return;
    case GUMBO_TAG_FORM: { /* takes the form out, what is inside stays open */
        long k = ps_scope(p, GUMBO_TAG_FORM, SCOPE_DEFAULT, false);
        p->form_open = false;
        if (k >= 0)
            ps_splice(p, (size_t)k);
        return;
    }
    case GUMBO_TAG_TEMPLATE: /* any open template, in scope or not */
        for (size_t k = p->nst; k-- > 0;)
            if (!p->st[k].ns && p->st[k].tag == GUMBO_TAG_TEMPLATE) {
                ps_pop_to(p, (long)k);
                break;
            }
        return;
    case GUMBO_TAG_P:
        ps_close_p(p);
        return;
    case GUMBO_TAG_LI:
        ps_pop_to(p, ps_scope(p, tag, SCOPE_LIST, false));
        return;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
        ps_pop_to(p, ps_scope(p, tag, SCOPE_DEFAULT, true));
        return;
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_OBJECT: /* gumbo's scope */
        ps_pop_to(p, ps_scope(p, tag, SCOPE_TABLE, false));
        return;
    default:
        break;
    }
    if (is_formatting(tag))
        ps_end_formatting(p, tag, name);
    else if (ends_in_scope(tag))
        ps_pop_to(p, ps_scope(p, tag, SCOPE_DEFAULT, false));
    else
        ps_end_other(p, tag, name);
}

static void ps_lines(pscan *p, const char *s, size_t n, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
            p->line++;
}

/* The end of a tag's attributes from s[j]: the index after its '>', or n
 * when the page ends inside the tag. */
static size_t scan_attributes(const char *s, size_t n, size_t j, bool *self_closing,
                              bool *font_attrs)
{
    for (;;) {
        while (j < n && is_space((unsigned char)s[j]))
            j++;
        if (j >= n)
            return n;
        if (s[j] == '>')
            return j + 1;
        if (s[j] == '/') {
            if (j + 1 < n && s[j + 1] == '>') {
                *self_closing = true;
                return j + 2;
            }
            j++;
            continue;
        }
        size_t a = j++;
        while (j < n && !is_space((unsigned char)s[j]) && s[j] != '/' && s[j] != '>' && s[j] != '=')
            j++;
        if (eq_ci(s + a, j - a, "color") || eq_ci(s + a, j - a, "face") ||
            eq_ci(s + a, j - a, "size"))
            *font_attrs = true;
        while (j < n && is_space((unsigned char)s[j]))
            j++;
        if (j < n && s[j] == '=') {
            j++;
            while (j < n && is_space((unsigned char)s[j]))
                j++;
            if (j < n && (s[j] == '"' || s[j] == '\'')) {
                const char *q = memchr(s + j + 1, s[j], n - j - 1);
                if (!q)
                    return n;
                j = (size_t)(q - s) + 1;
            } else {
                while (j < n && !is_space((unsigned char)s[j]) && s[j] != '>')
                    j++;
            }
        }
    }
}

/* Raw text is text only as long as the model is right about the parser's
 * state. So that a wrong guess cannot hide deep markup, tags in raw text
 * are counted roughly too: s[c] follows a '<'; a known element's start tag
 * adds one to *open, its end tag takes one (unknown names, as in the
 * "i<n" of a script, count nothing). Returns true when *open grew. */
static bool raw_tag_nesting(const char *s, size_t n, size_t c, size_t *open)
{
    bool end = c < n && s[c] == '/';
    if (end)
        c++;
    else if (c + 1 < n && s[c] == '\\' && s[c + 1] == '/') /* "<\/a>" in a script's string */
        end = true, c += 2;
    size_t b = c;
    while (c < n && c - b < 16 && is_alnum((unsigned char)s[c]))
        c++;
    if (c == b || c - b >= 16 ||
        (c < n && !is_space((unsigned char)s[c]) && s[c] != '>' && s[c] != '/' && s[c] != '\\'))
        return false;
    char low[16];
    for (size_t k = b; k < c; k++)
        low[k - b] = (char)ascii_lower((unsigned char)s[k]);
    GumboTag t = gumbo_tagn_enum(low, (unsigned)(c - b));
    if (t == GUMBO_TAG_UNKNOWN || is_void(t))
        return false;
    if (end) {
        if (*open)
            --*open;
        return false;
    }
    ++*open;
    return true;
}

/* The index after the next '>' from i (or n). */
static size_t past_gt(const char *s, size_t n, size_t i)
{
    const char *gt = i < n ? memchr(s + i, '>', n - i) : NULL;
    return gt ? (size_t)(gt - s) + 1 : n;
}

/* Runs the model over the page (p zeroed). */
static void prescan_run(pscan *pp, const char *s, size_t n)
{
    pscan p = *pp;
    p.line = 1;
    size_t i = 0;
    while (i < n && !p.fail) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t t = lt ? (size_t)(lt - s) : n;
        if (t > i) {
            if (!ps_in_foreign(&p))
                ps_reopen(&p);
            for (size_t k = i; k < t && !p.frameset_off; k++)
                p.frameset_off = !is_space((unsigned char)s[k]);
            ps_lines(&p, s, n, i, t);
        }
        if (t >= n)
            break;
        i = t;
        size_t j = i + 1, e;
        if (j < n && (s[j] == '!' || s[j] == '?')) {
            if (n - j >= 3 && s[j] == '!' && s[j + 1] == '-' && s[j + 2] == '-') {
                size_t c = j + 1;
                while (c + 3 <= n && memcmp(s + c, "-->", 3) != 0)
                    c++;
                e = c + 3 <= n ? c + 3 : n;
            } else {
                e = past_gt(s, n, j);
            }
            ps_lines(&p, s, n, i, e);
            i = e;
            continue;
        }
        bool end = j < n && s[j] == '/';
        if (end)
            j++;
        if (j >= n || !is_alpha((unsigned char)s[j])) {
            e = end ? past_gt(s, n, j) : i + 1; /* "</>", "</ bogus>", or a lone '<' */
            if (!end && !ps_in_foreign(&p))
                ps_reopen(&p);
            ps_lines(&p, s, n, i, e);
            i = e;
            continue;
        }
        size_t name = j;
        while (j < n && !is_space((unsigned char)s[j]) && s[j] != '/' && s[j] != '>')
            j++;
        size_t name_len = j - name, attrs = j;
        bool self_closing = false, font_attrs = false;
        e = scan_attributes(s, n, j, &self_closing, &font_attrs);
        if (e >= n && (e == 0 || s[e - 1] != '>'))
            break; /* the page ends inside the tag: the parser drops it */
        char low[24];
        GumboTag tag = GUMBO_TAG_UNKNOWN;
        if (name_len < sizeof low) {
            for (size_t k = 0; k < name_len; k++)
                low[k] = (char)ascii_lower((unsigned char)s[name + k]);
            tag = gumbo_tagn_enum(low, (unsigned)name_len);
        }
        uint64_t h = fnv(s + name, name_len, 0xcbf29ce484222325ULL);
        bool raw = false;
        if (end)
            ps_end(&p, tag, h);
        else
            raw = ps_start(&p, tag, h, fnv(s + attrs, e - attrs, 0xcbf29ce484222325ULL),
                           self_closing, font_attrs);
        ps_lines(&p, s, n, i, e);
        i = e;
        if (raw) {
            /* raw text up to the matching end tag (plaintext: to the end) */
            size_t c = i, open = 0;
            while (c < n) {
                const char *q = memchr(s + c, '<', n - c);
                if (!q) {
                    c = n;
                    break;
                }
                c = (size_t)(q - s);
                size_t after = c + 2 + name_len;
                if (tag != GUMBO_TAG_PLAINTEXT && after <= n && s[c + 1] == '/' &&
                    str_icmp_n(s + c + 2, s + name, name_len) == 0 &&
                    (after == n || is_space((unsigned char)s[after]) || s[after] == '/' ||
                     s[after] == '>'))
                    break;
                c++;
                if (!raw_tag_nesting(s, n, c, &open))
                    continue;
                if (p.nst + open > RAW_NESTING_MAX) {
                    p.line += line_at(s + i, c - i, c - i) - 1;
                    ps_fail(&p, 1);
                    break;
                }
            }
            if (p.fail)
                break;
            e = c < n ? past_gt(s, n, c) : n;
            ps_lines(&p, s, n, i, e);
            i = e;
        }
    }
    *pp = p;
}

/* Checks the page's nesting before gumbo builds it. Returns 0, or 1 (too
 * deep) or 2 (formatting reopened too often) with *line. */
static int prescan(const char *s, size_t n, int *line)
{
    pscan p = {0};
    prescan_run(&p, s, n);
    free(p.st);
    free(p.af);
    *line = p.fail_line;
    return p.fail;
}

/* ---- the parse ----
 *
 * gumbo allocates through a pool that knows every block, so that a tree
 * too deep for gumbo_destroy_output()'s recursion (should the pre-scan
 * ever be wrong) is freed block by block instead. */

typedef union pool_block {
    struct {
        union pool_block *prev, *next;
    } link;
    max_align_t align;
} pool_block;

typedef struct pool {
    pool_block *head;
} pool;

static void *pool_alloc(void *userdata, size_t n)
{
    pool *p = userdata;
    pool_block *b = xmalloc(sizeof *b + n);
    b->link.prev = NULL;
    b->link.next = p->head;
    if (p->head)
        p->head->link.prev = b;
    p->head = b;
    return b + 1;
}

static void pool_free(void *userdata, void *ptr)
{
    if (!ptr)
        return;
    pool *p = userdata;
    pool_block *b = (pool_block *)ptr - 1;
    if (b->link.prev)
        b->link.prev->link.next = b->link.next;
    else
        p->head = b->link.next;
    if (b->link.next)
        b->link.next->link.prev = b->link.prev;
    free(b);
}

static void pool_release(pool *p)
{
    while (p->head) {
        pool_block *b = p->head;
        p->head = b->link.next;
        free(b);
    }
}

typedef struct page {
    pool pool;
    GumboOptions opt;
    GumboOutput *out;
} page;

static GumboVector *children(GumboNode *n);

/* The depth of the deepest element under the body (the body's children
 * are at 1; template contents count), and its line. */
static size_t tree_depth(GumboNode *document, int *line)
{
    typedef struct {
        GumboNode *n;
        unsigned next;
    } dframe;
    dframe *st = NULL;
    size_t nst = 0, cst = 0, deepest = 0;
    xgrow((void **)&st, &cst, 1, sizeof *st);
    st[nst++] = (dframe){document, 0};
    *line = 1;
    while (nst) {
        dframe *f = &st[nst - 1];
        GumboVector *ch = children(f->n);
        if (!ch || f->next >= ch->length) {
            nst--;
            continue;
        }
        GumboNode *c = ch->data[f->next++];
        if (c->type != GUMBO_NODE_ELEMENT && c->type != GUMBO_NODE_TEMPLATE)
            continue;
        if (nst > deepest) { /* document, html, body: the body's children have nst 3 */
            deepest = nst;
            *line = (int)c->v.element.start_pos.line;
        }
        xgrow((void **)&st, &cst, nst + 1, sizeof *st);
        st[nst++] = (dframe){c, 0};
    }
    free(st);
    return deepest > 2 ? deepest - 2 : 0;
}

/* Parses s[0..n) into pg->out when the pre-scan lets it. Returns 0, or
 * 1 (nested too deep) or 2 (formatting reopened too often) with *line. */
static int page_parse(page *pg, const char *s, size_t n, int *line)
{
    memset(pg, 0, sizeof *pg);
    int why = prescan(s, n, line);
    if (why)
        return why;
    pg->opt = kGumboDefaultOptions;
    pg->opt.max_errors = 0;
    pg->opt.allocator = pool_alloc;
    pg->opt.deallocator = pool_free;
    pg->opt.userdata = &pg->pool;
    pg->out = gumbo_parse_with_options(&pg->opt, s, n);
    if (tree_depth(pg->out->document, line) > DEPTH_MAX) { /* the pre-scan guessed low */
        pool_release(&pg->pool);
        pg->out = NULL;
        return 1;
    }
    return 0;
}

static void page_free(page *pg)
{
    if (pg->out)
        gumbo_destroy_output(&pg->opt, pg->out);
    pool_release(&pg->pool);
    pg->out = NULL;
}

/* ---- the tree ---- */

/* The children of an element, a template's contents or the document. */
static GumboVector *children(GumboNode *n)
{
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return &n->v.element.children;
    if (n->type == GUMBO_NODE_DOCUMENT)
        return &n->v.document.children;
    return NULL;
}

static bool is_tag(const GumboNode *n, GumboTag tag)
{
    return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag &&
           n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

static const char *attr(const GumboNode *n, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

static int line_of(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return (int)n->v.element.start_pos.line;
    if (n->type == GUMBO_NODE_DOCUMENT)
        return 1;
    return (int)n->v.text.start_pos.line;
}

/* Does the unknown element n have this name? */
static bool unknown_named(const GumboNode *n, const char *name)
{
    if (n->v.element.tag != GUMBO_TAG_UNKNOWN)
        return false;
    GumboStringPiece t = n->v.element.original_tag;
    if (!t.data || !t.length)
        return false;
    gumbo_tag_from_original_text(&t);
    return eq_ci(t.data, t.length, name);
}

/* A frame of the explicit stacks that walk the tree. */
typedef struct visit_frame {
    GumboNode *n;
    unsigned next;
} visit_frame;

/* Elements that start a block of their own. */
static bool is_block_tag(GumboTag t)
{
    static const bool set[GUMBO_TAG_LAST + 1] = {
        [GUMBO_TAG_DIV] = true,      [GUMBO_TAG_SECTION] = true,    [GUMBO_TAG_ARTICLE] = true,
        [GUMBO_TAG_MAIN] = true,     [GUMBO_TAG_BLOCKQUOTE] = true, [GUMBO_TAG_CENTER] = true,
        [GUMBO_TAG_ADDRESS] = true,  [GUMBO_TAG_HGROUP] = true,     [GUMBO_TAG_FIELDSET] = true,
        [GUMBO_TAG_TABLE] = true,    [GUMBO_TAG_TBODY] = true,      [GUMBO_TAG_THEAD] = true,
        [GUMBO_TAG_TFOOT] = true,    [GUMBO_TAG_TR] = true,         [GUMBO_TAG_TD] = true,
        [GUMBO_TAG_TH] = true,       [GUMBO_TAG_FORM] = true,       [GUMBO_TAG_HEADER] = true,
        [GUMBO_TAG_FOOTER] = true,   [GUMBO_TAG_BODY] = true,       [GUMBO_TAG_HTML] = true,
        [GUMBO_TAG_HR] = true,       [GUMBO_TAG_MARQUEE] = true,    [GUMBO_TAG_MULTICOL] = true,
        [GUMBO_TAG_COLGROUP] = true, [GUMBO_TAG_COL] = true};
    return (unsigned)t <= GUMBO_TAG_LAST && set[t];
}

/* Elements that end a run of text. */
static bool is_blockish(GumboTag t)
{
    return is_block_tag(t) || is_heading_tag(t) || t == GUMBO_TAG_P || t == GUMBO_TAG_LI ||
           t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DL || t == GUMBO_TAG_DT ||
           t == GUMBO_TAG_DD || t == GUMBO_TAG_DETAILS || t == GUMBO_TAG_SUMMARY ||
           t == GUMBO_TAG_MENU || t == GUMBO_TAG_CAPTION;
}

/* The text of n's subtree into sb: block elements and <br> are spaces,
 * script, style and template are left out. Stops after max nodes. */
static void subtree_text(GumboNode *n, strbuf *sb, size_t max)
{
    visit_frame *st = NULL;
    size_t nst = 0, cst = 0, seen = 0;
    xgrow((void **)&st, &cst, 1, sizeof *st);
    st[nst++] = (visit_frame){n, 0};
    while (nst && seen < max) {
        visit_frame *f = &st[nst - 1];
        GumboVector *ch = children(f->n);
        if (!ch || f->next >= ch->length) {
            if (f->n->type == GUMBO_NODE_ELEMENT && is_blockish(f->n->v.element.tag))
                strbuf_addc(sb, ' ');
            nst--;
            continue;
        }
        GumboNode *c = ch->data[f->next++];
        seen++;
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
            c->type == GUMBO_NODE_CDATA) {
            strbuf_adds(sb, c->v.text.text);
        } else if (c->type == GUMBO_NODE_ELEMENT) {
            GumboTag t = c->v.element.tag;
            if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT)
                continue;
            if (t == GUMBO_TAG_BR) {
                strbuf_addc(sb, ' ');
                continue;
            }
            xgrow((void **)&st, &cst, nst + 1, sizeof *st);
            st[nst++] = (visit_frame){c, 0};
        }
    }
    free(st);
}

/* Does the element's class name word (whole, any case)? */
static bool class_word(const GumboNode *n, const char *word)
{
    const char *v = attr(n, "class");
    size_t m = strlen(word);
    for (const char *p = v; p && *p;) {
        while (*p && is_space((unsigned char)*p))
            p++;
        const char *w = p;
        while (*p && !is_space((unsigned char)*p))
            p++;
        if ((size_t)(p - w) == m && str_icmp_n(w, word, m) == 0)
            return true;
    }
    return false;
}

/* The first element with tag under root (HTML namespace, not in template
 * contents, nor inside an element stop() refuses), or NULL. Also counts
 * them, not looking into one found, when count is given. */
static GumboNode *find_tag(GumboNode *root, GumboTag tag, size_t *count,
                           bool (*stop)(const GumboNode *))
{
    visit_frame *st = NULL;
    size_t nst = 0, cst = 0;
    GumboNode *first = NULL;
    xgrow((void **)&st, &cst, 1, sizeof *st);
    st[nst++] = (visit_frame){root, 0};
    while (nst) {
        visit_frame *f = &st[nst - 1];
        GumboVector *ch = children(f->n);
        if (!ch || f->next >= ch->length) {
            nst--;
            continue;
        }
        GumboNode *c = ch->data[f->next++];
        if (c->type != GUMBO_NODE_ELEMENT || (stop && stop(c)))
            continue;
        if (is_tag(c, tag)) {
            if (!first)
                first = c;
            if (!count)
                break;
            ++*count;
            continue;
        }
        xgrow((void **)&st, &cst, nst + 1, sizeof *st);
        st[nst++] = (visit_frame){c, 0};
    }
    free(st);
    return first;
}

/* ---- what is skipped ---- */

/* Does the space-separated attribute value hold one of words as a whole
 * word (also split on '-' and '_')? Sets *strong for the comment words. */
static bool has_skip_word(const char *v, bool scoped, bool *strong)
{
    static const char *const words[] = {
        "nav",    "navbar",  "navigation", "menu",      "breadcrumb", "breadcrumbs",   "sidebar",
        "share",  "sharing", "social",     "related",   "advert",     "advertisement", "ads",
        "cookie", "cookies", "newsletter", "subscribe", "ad",       "promo",         "author",
        "byline", "bio",     "pagination", "toc",       "feedback",   "rating",        "vote",
        "contact", "cta",    NULL};
    bool found = false;
    for (const char *p = v; *p;) {
        while (*p && (is_space((unsigned char)*p) || *p == '-' || *p == '_'))
            p++;
        const char *w = p;
        while (*p && !is_space((unsigned char)*p) && *p != '-' && *p != '_')
            p++;
        size_t n = (size_t)(p - w);
        if (!n)
            continue;
        if (eq_ci(w, n, "comment") || eq_ci(w, n, "comments")) {
            *strong = true;
            return true;
        }
        if (!scoped && (eq_ci(w, n, "header") || eq_ci(w, n, "footer")))
            found = true;
        for (size_t k = 0; words[k] && !found; k++)
            found = eq_ci(w, n, words[k]);
    }
    return found;
}

/* Hidden by an attribute, an ARIA role or an inline style? */
static bool is_hidden(const GumboNode *n)
{
    if (attr(n, "hidden"))
        return true;
    const char *v = attr(n, "aria-hidden");
    if (v && !str_icmp(v, "true"))
        return true;
    if ((v = attr(n, "role"))) {
        static const char *const roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                            "search",     "dialog", "alertdialog", NULL};
        while (is_space((unsigned char)*v))
            v++;
        size_t len = 0;
        while (v[len] && !is_space((unsigned char)v[len]))
            len++;
        for (size_t k = 0; roles[k]; k++)
            if (eq_ci(v, len, roles[k]))
                return true;
    }
    if ((v = attr(n, "style"))) {
        char packed[128];
        size_t m = 0;
        for (; *v && m + 1 < sizeof packed; v++)
            if (!is_space((unsigned char)*v))
                packed[m++] = (char)ascii_lower((unsigned char)*v);
        packed[m] = '\0';
        if (strstr(packed, "display:none") || strstr(packed, "visibility:hidden"))
            return true;
    }
    /* the usual classes that hide a thing from sight (kept for screen
     * readers: "Main content" headings, skip links) */
    if ((v = attr(n, "class"))) {
        static const char *const hidden[] = {"sr-only", "visually-hidden", "visuallyhidden",
                                             "screen-reader-text", "hidden", "d-none",
                                             "is-hidden", "u-hidden", NULL};
        for (const char *p = v; *p;) {
            while (*p && is_space((unsigned char)*p))
                p++;
            const char *w = p;
            while (*p && !is_space((unsigned char)*p))
                p++;
            for (size_t k = 0; hidden[k]; k++)
                if (eq_ci(w, (size_t)(p - w), hidden[k]))
                    return true;
        }
    }
    return false;
}

/* Elements skipped with everything inside, whatever their attributes. */
static bool skipped_tag(const GumboNode *n)
{
    static const bool set[GUMBO_TAG_LAST + 1] = {
        [GUMBO_TAG_HEAD] = true,     [GUMBO_TAG_TITLE] = true,    [GUMBO_TAG_META] = true,
        [GUMBO_TAG_LINK] = true,     [GUMBO_TAG_BASE] = true,     [GUMBO_TAG_SCRIPT] = true,
        [GUMBO_TAG_STYLE] = true,    [GUMBO_TAG_NOSCRIPT] = true, [GUMBO_TAG_TEMPLATE] = true,
        [GUMBO_TAG_SVG] = true,      [GUMBO_TAG_MATH] = true,     [GUMBO_TAG_IFRAME] = true,
        [GUMBO_TAG_OBJECT] = true,   [GUMBO_TAG_EMBED] = true,    [GUMBO_TAG_APPLET] = true,
        [GUMBO_TAG_CANVAS] = true,   [GUMBO_TAG_NAV] = true,      [GUMBO_TAG_ASIDE] = true,
        [GUMBO_TAG_BUTTON] = true,   [GUMBO_TAG_INPUT] = true,    [GUMBO_TAG_SELECT] = true,
        [GUMBO_TAG_OPTION] = true,   [GUMBO_TAG_OPTGROUP] = true, [GUMBO_TAG_DATALIST] = true,
        [GUMBO_TAG_TEXTAREA] = true, [GUMBO_TAG_KEYGEN] = true,   [GUMBO_TAG_IMG] = true,
        [GUMBO_TAG_IMAGE] = true,    [GUMBO_TAG_MAP] = true,      [GUMBO_TAG_AREA] = true,
        [GUMBO_TAG_VIDEO] = true,    [GUMBO_TAG_AUDIO] = true,    [GUMBO_TAG_SOURCE] = true,
        [GUMBO_TAG_TRACK] = true,    [GUMBO_TAG_FIGURE] = true,   [GUMBO_TAG_PRE] = true,
        [GUMBO_TAG_LISTING] = true,  [GUMBO_TAG_XMP] = true,      [GUMBO_TAG_PLAINTEXT] = true,
        [GUMBO_TAG_FRAMESET] = true, [GUMBO_TAG_FRAME] = true,    [GUMBO_TAG_NOFRAMES] = true,
        [GUMBO_TAG_NOEMBED] = true,  [GUMBO_TAG_PARAM] = true,    [GUMBO_TAG_PROGRESS] = true,
        [GUMBO_TAG_METER] = true};
    GumboTag t = n->v.element.tag;
    if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
        return true;
    if (t == GUMBO_TAG_UNKNOWN)
        return unknown_named(n, "dialog") || unknown_named(n, "search") ||
               unknown_named(n, "picture");
    return (unsigned)t <= GUMBO_TAG_LAST && set[t];
}

/* Skipped for good, for choosing the part of the page to read. */
static bool never_content(const GumboNode *n)
{
    return skipped_tag(n) || is_hidden(n);
}

/* The first element inside n (white space skipped), or NULL. */
static const GumboNode *first_element(const GumboNode *n)
{
    const GumboVector *kids = &n->v.element.children;
    for (unsigned i = 0; i < kids->length; i++) {
        const GumboNode *k = kids->data[i];
        if (k->type == GUMBO_NODE_ELEMENT)
            return k;
        if (k->type == GUMBO_NODE_TEXT)
            return NULL; /* text comes first */
    }
    return NULL;
}

/* A footnote or a reviewer's comment at the end of a page: a block that
 * opens (at most two levels down) with a link back to its mark in the
 * text, "#ftnt_ref1", "#cmnt_ref1" (Google Docs), "#_ftnref1" (Word),
 * "#cite_ref-3" (wikis). Its text belongs to no section. */
static bool note_block(const GumboNode *n)
{
    GumboTag t = n->v.element.tag;
    if (t != GUMBO_TAG_DIV && t != GUMBO_TAG_P && t != GUMBO_TAG_LI)
        return false;
    const GumboNode *k = n;
    for (int depth = 0; depth < 3 && k; depth++) {
        k = first_element(k);
        if (k && k->v.element.tag == GUMBO_TAG_A) {
            const char *h = attr(k, "href");
            return h && h[0] == '#' && (strstr(h, "ref") || strstr(h, "REF"));
        }
    }
    return false;
}

/* Skipped whatever it holds: by its tag, as hidden, as comments, or as a
 * footnote. */
static bool skipped_for_good(const GumboNode *n)
{
    if (never_content(n) || note_block(n))
        return true; /* note_block: skipped() skips it too */
    bool strong = false;
    const char *v = attr(n, "class");
    if (v)
        has_skip_word(v, true, &strong);
    if (!strong && (v = attr(n, "id")))
        has_skip_word(v, true, &strong);
    return strong && !is_heading_tag(n->v.element.tag);
}

/* ---- the walk ---- */

enum {
    RUN_DT = 100, /* a <dt>: a question or a paragraph, known at its end */
    RUN_SUMMARY   /* a <summary>: the same */
};

enum {
    EXIT_NONE,    /* inline: nothing */
    EXIT_BLOCK,   /* a block: a boundary */
    EXIT_LEAF,    /* a paragraph, heading, item...: its block */
    EXIT_SUBLIST, /* a list inside an item: back to the item */
    EXIT_DL,
    EXIT_DETAILS
};

typedef struct frame {
    GumboNode *n;
    unsigned next;
    unsigned char exit;
    bool scoped;       /* inside article/main/section */
    bool summary_seen; /* details: its summary read */
    int dl_question;   /* dl: the last dt was a question */
    int list;          /* the list number for li inside */
    long dl;           /* frame of the nearest dl, -1 */
    /* the run state to restore at the end (EXIT_LEAF, EXIT_SUBLIST) */
    int s_kind, s_level, s_list;
    bool s_leaf;
} frame;

typedef struct walker {
    doc *d;
    /* measures of the elements under the root, by pre-order number */
    uint32_t *size, *prose, *text;
    unsigned char *heading;
    size_t nel, cel, idx;
    uint32_t total;
    bool total_is_prose;
    /* the run of text being gathered */
    strbuf run;
    int kind, level, list, line;
    bool leaf, after_br;
    /* an answer being gathered */
    bool cap;
    strbuf ans;
    int ans_line;
    size_t cap_owner;
    frame *fr;
    size_t nfr, cfr;
} walker;

static void new_element(walker *w)
{
    if (w->nel == w->cel) {
        w->cel = w->cel ? 2 * w->cel : 256;
        w->size = xrealloc(w->size, w->cel * sizeof *w->size);
        w->prose = xrealloc(w->prose, w->cel * sizeof *w->prose);
        w->text = xrealloc(w->text, w->cel * sizeof *w->text);
        w->heading = xrealloc(w->heading, w->cel);
    }
    w->size[w->nel] = 1;
    w->prose[w->nel] = w->text[w->nel] = 0;
    w->heading[w->nel] = 0;
    w->nel++;
}

/* Pre-order numbers, subtree sizes and the text each element holds (in <p>
 * and in all), and whether it holds a heading: one pass, no recursion. */
static void measure(walker *w, GumboNode *root)
{
    typedef struct {
        GumboNode *n;
        unsigned next;
        size_t idx;
    } mframe;
    mframe *st = NULL;
    size_t nst = 0, cst = 0, pdepth = 0;
    xgrow((void **)&st, &cst, 1, sizeof *st);
    new_element(w);
    st[nst++] = (mframe){root, 0, 0};
    while (nst) {
        mframe *f = &st[nst - 1];
        GumboVector *ch = children(f->n);
        if (f->next < ch->length) {
            GumboNode *c = ch->data[f->next++];
            if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) {
                GumboTag pt = f->n->v.element.tag;
                if (f->n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
                    pt != GUMBO_TAG_SCRIPT && pt != GUMBO_TAG_STYLE && pt != GUMBO_TAG_NOSCRIPT &&
                    pt != GUMBO_TAG_TEXTAREA) {
                    uint32_t add = (uint32_t)strlen(c->v.text.text); /* pages are < 4 GiB */
                    w->text[f->idx] += add;
                    if (pdepth)
                        w->prose[f->idx] += add;
                }
            } else if (c->type == GUMBO_NODE_TEMPLATE) {
                new_element(w);
            } else if (c->type == GUMBO_NODE_ELEMENT) {
                new_element(w);
                if (is_tag(c, GUMBO_TAG_P))
                    pdepth++;
                xgrow((void **)&st, &cst, nst + 1, sizeof *st);
                st[nst++] = (mframe){c, 0, w->nel - 1};
            }
            continue;
        }
        size_t i = f->idx;
        w->size[i] = (uint32_t)(w->nel - i);
        if (is_heading_tag(f->n->v.element.tag) &&
            f->n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML)
            w->heading[i] = 1;
        if (is_tag(f->n, GUMBO_TAG_P))
            pdepth--;
        nst--;
        if (nst && !skipped_for_good(f->n)) { /* what is skipped anyway counts for nothing */
            size_t up = st[nst - 1].idx;
            w->text[up] += w->text[i];
            w->prose[up] += w->prose[i];
            w->heading[up] |= w->heading[i];
        }
    }
    free(st);
    w->total_is_prose = w->prose[0] > 0;
    w->total = w->total_is_prose ? w->prose[0] : w->text[0];
}

/* Does the element numbered i hold more than half of the page's text? */
static bool holds_content(const walker *w, size_t i)
{
    uint32_t m = w->total_is_prose ? w->prose[i] : w->text[i];
    return w->total > 0 && (uint64_t)m * 2 > w->total;
}

/* Is the element numbered i skipped (with all inside)? Warns for tables. */
static bool skipped(walker *w, const GumboNode *n, size_t i, bool scoped)
{
    if (skipped_tag(n) || is_hidden(n) || note_block(n))
        return true;
    GumboTag t = n->v.element.tag;
    if ((t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FOOTER) && !scoped)
        return !holds_content(w, i);
    if (t == GUMBO_TAG_FORM)
        return !holds_content(w, i);
    if (t == GUMBO_TAG_TABLE && !w->heading[i] && !holds_content(w, i)) {
        doc_warn(w->d, line_of(n), "table skipped (tables give no questions)");
        return true;
    }
    if (is_heading_tag(t))
        return false;
    bool strong = false, hit = false;
    const char *v = attr(n, "class");
    if (v)
        hit = has_skip_word(v, scoped, &strong);
    if (!strong && (v = attr(n, "id")))
        hit = has_skip_word(v, scoped, &strong) || hit;
    return hit && (strong || !holds_content(w, i));
}

/* A <sup> that is a citation mark: "[1]", or a link to a footnote. */
static bool is_citation_sup(GumboNode *n)
{
    strbuf sb = STRBUF_INIT;
    subtree_text(n, &sb, 64);
    char *t = doc_clean(sb.buf ? sb.buf : "", sb.len);
    size_t len = strlen(t);
    bool cite = len == 0 || (len <= 40 && t[0] == '[' && t[len - 1] == ']');
    strbuf_release(&sb);
    free(t);
    if (cite)
        return true;
    GumboVector *ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) {
        GumboNode *c = ch->data[i];
        if (is_tag(c, GUMBO_TAG_A)) {
            const char *href = attr(c, "href");
            if (href && href[0] == '#')
                return true;
        }
    }
    return false;
}


static void emit(walker *w, int kind, int level, int list, int line, const char *s, size_t n)
{
    doc_block *b =
        doc_add(w->d, (doc_kind)kind, kind == DOC_HEADING ? level : 0, line > 0 ? line : 1, s, n);
    if (b && kind == DOC_ITEM)
        b->list = list;
}

static void clear_run(walker *w)
{
    w->run.len = 0;
    if (w->run.buf)
        w->run.buf[0] = '\0';
    w->line = 0;
    w->after_br = false;
}

/* Emits the run as a block of its kind. */
static void flush(walker *w)
{
    if (w->run.len)
        emit(w, w->kind >= RUN_DT ? DOC_PARA : w->kind, w->level, w->list, w->line, w->run.buf,
             w->run.len);
    clear_run(w);
}

static void end_capture(walker *w)
{
    if (w->ans.len)
        emit(w, DOC_ANSWER, 0, 0, w->ans_line, w->ans.buf, w->ans.len);
    w->ans.len = 0;
    w->ans_line = 0;
    w->cap = false;
}

static void start_capture(walker *w, size_t owner)
{
    flush(w);
    w->cap = true;
    w->cap_owner = owner;
    w->ans.len = 0;
    w->ans_line = 0;
}

/* The edge of a block: a space inside a paragraph or an answer, else the
 * end of the run. */
static void boundary(walker *w)
{
    if (w->cap)
        strbuf_addc(&w->ans, ' ');
    else if (w->leaf)
        strbuf_addc(&w->run, ' ');
    else
        flush(w);
}

/* The line of a text node's first letter (the node may start with the
 * end of the line before). */
static int text_line(const GumboNode *c)
{
    int line = (int)c->v.text.start_pos.line;
    const char *s = c->v.text.original_text.data;
    size_t n = c->v.text.original_text.length;
    for (size_t i = 0; s && i < n && is_space((unsigned char)s[i]); i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
            line++;
    return line;
}

static void add_text(walker *w, const GumboNode *c)
{
    const char *s = c->v.text.text;
    bool blank = c->type == GUMBO_NODE_WHITESPACE;
    if (w->cap) {
        strbuf_adds(&w->ans, s);
        if (!blank && !w->ans_line)
            w->ans_line = text_line(c);
        return;
    }
    strbuf_adds(&w->run, s);
    if (!blank) {
        if (!w->line)
            w->line = text_line(c);
        w->after_br = false;
    }
}

static frame *push_frame(walker *w, GumboNode *n, unsigned char exit)
{
    xgrow((void **)&w->fr, &w->cfr, w->nfr + 1, sizeof *w->fr);
    frame *f = &w->fr[w->nfr];
    if (w->nfr) {
        *f = w->fr[w->nfr - 1];
    } else {
        memset(f, 0, sizeof *f);
        f->dl = -1;
    }
    f->n = n;
    f->next = 0;
    f->exit = exit;
    f->summary_seen = false;
    w->nfr++;
    return f;
}

/* Starts the block of a paragraph, heading, item, dt or summary. */
static void open_leaf(walker *w, GumboNode *n, int kind, int level, int list)
{
    flush(w);
    frame *f = push_frame(w, n, EXIT_LEAF);
    f->s_kind = w->kind;
    f->s_level = w->level;
    f->s_list = w->list;
    f->s_leaf = w->leaf;
    w->leaf = true;
    w->kind = kind;
    w->level = level;
    w->list = list;
    w->line = line_of(n);
}

/* Ends the block of a leaf (its frame f is already popped). A <dt> or
 * <summary> ending in '?' is a question: a summary's answer is the rest of
 * its <details>, a dt's the <dd>s after it. */
static void close_leaf(walker *w, const frame *f)
{
    int kind = w->kind;
    bool q = false;
    if (kind == RUN_DT || kind == RUN_SUMMARY) {
        char *t = doc_clean(w->run.buf ? w->run.buf : "", w->run.len);
        q = doc_ends_question(t);
        emit(w, q ? DOC_QUESTION : DOC_PARA, 0, 0, w->line, t, strlen(t));
        free(t);
        clear_run(w);
        if (kind == RUN_DT && f->dl >= 0)
            w->fr[f->dl].dl_question = q;
    } else {
        flush(w);
    }
    w->kind = f->s_kind;
    w->level = f->s_level;
    w->list = f->s_list;
    w->leaf = f->s_leaf;
    if (kind == RUN_SUMMARY && q) /* the details is the frame on top now */
        start_capture(w, w->nfr - 1);
}

static int heading_level(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_H1:
        return 1;
    case GUMBO_TAG_H2:
        return 2;
    case GUMBO_TAG_H3:
        return 3;
    case GUMBO_TAG_H4:
        return 4;
    case GUMBO_TAG_H5:
        return 5;
    default:
        return 6;
    }
}

/* Enters the element c (its pre-order number is w->idx). */
static void enter(walker *w, GumboNode *c)
{
    size_t my = w->idx++;
    size_t parent = w->nfr - 1;
    frame *pf = &w->fr[parent];
    if (skipped(w, c, my, pf->scoped)) {
        w->idx = my + w->size[my];
        return;
    }
    GumboTag t = c->v.element.tag;
    if (t == GUMBO_TAG_BR) {
        if (w->cap)
            strbuf_addc(&w->ans, ' ');
        else if (!w->leaf && w->after_br)
            flush(w);
        else {
            strbuf_addc(&w->run, ' ');
            w->after_br = !w->leaf;
        }
        return;
    }
    if (t == GUMBO_TAG_WBR)
        return;
    if (t == GUMBO_TAG_SUP && is_citation_sup(c)) {
        w->idx = my + w->size[my];
        return;
    }
    /* a word processor's Title paragraph (Google Docs writes <p
     * class="title">) before any text: the document's title, named apart
     * from its headings like <title> */
    if (t == GUMBO_TAG_P && w->d->n == 0 && !w->leaf && class_word(c, "title")) {
        strbuf sb = STRBUF_INIT;
        subtree_text(c, &sb, 1000);
        char *title = doc_clean(strbuf_str(&sb), sb.len);
        strbuf_release(&sb);
        if (*title) {
            free(w->d->title);
            w->d->title = title;
            w->d->title_line = line_of(c);
        } else {
            free(title);
        }
        w->idx = my + w->size[my];
        return;
    }
    bool leaf_tag = t == GUMBO_TAG_P || is_heading_tag(t) || t == GUMBO_TAG_LI ||
                    t == GUMBO_TAG_DT || t == GUMBO_TAG_DD || t == GUMBO_TAG_SUMMARY ||
                    t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_FIGCAPTION || t == GUMBO_TAG_LEGEND;
    bool list_tag =
        t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_MENU || t == GUMBO_TAG_DIR;
    bool scoped =
        pf->scoped || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_SECTION;
    frame *f;
    /* a dt of the dl whose answer is being gathered ends the answer */
    if (w->cap && t == GUMBO_TAG_DT && pf->dl >= 0 && (size_t)pf->dl == w->cap_owner)
        end_capture(w);
    if (w->cap || (w->leaf && !(list_tag && w->kind == DOC_ITEM))) {
        /* inside an answer or a paragraph: blocks are spaces */
        bool block =
            leaf_tag || list_tag || is_block_tag(t) || t == GUMBO_TAG_DL || t == GUMBO_TAG_DETAILS;
        if (block)
            boundary(w);
        f = push_frame(w, c, block ? EXIT_BLOCK : EXIT_NONE);
        f->scoped = scoped;
        if (t == GUMBO_TAG_DL) {
            f->dl = (long)w->nfr - 1;
            f->dl_question = 0;
        }
        return;
    }
    if (list_tag) {
        frame saved = {0};
        bool sub = w->leaf;
        if (sub) { /* a list inside an item: the item's text so far, then the list */
            flush(w);
            saved.s_kind = w->kind;
            saved.s_level = w->level;
            saved.s_list = w->list;
            w->leaf = false;
            w->kind = DOC_PARA;
        } else {
            flush(w);
        }
        f = push_frame(w, c, sub ? EXIT_SUBLIST : EXIT_BLOCK);
        f->scoped = scoped;
        f->list = doc_new_list(w->d);
        if (sub) {
            f->s_kind = saved.s_kind;
            f->s_level = saved.s_level;
            f->s_list = saved.s_list;
            f->s_leaf = true;
        }
        return;
    }
    if (t == GUMBO_TAG_DL || t == GUMBO_TAG_DETAILS) {
        flush(w);
        f = push_frame(w, c, t == GUMBO_TAG_DL ? EXIT_DL : EXIT_DETAILS);
        f->scoped = scoped;
        if (t == GUMBO_TAG_DL) {
            f->dl = (long)w->nfr - 1;
            f->dl_question = 0;
        }
        return;
    }
    if (leaf_tag) {
        int kind = DOC_PARA, level = 0, list = 0;
        if (is_heading_tag(t)) {
            kind = DOC_HEADING;
            level = heading_level(t);
        } else if (t == GUMBO_TAG_LI) {
            kind = DOC_ITEM;
            list = pf->list;
            if (!list) /* an item outside a list: its siblings share a number */
                list = pf->list = doc_new_list(w->d);
        } else if (t == GUMBO_TAG_DT && pf->dl >= 0) {
            kind = RUN_DT;
        } else if (t == GUMBO_TAG_DD && pf->dl >= 0 && w->fr[pf->dl].dl_question) {
            start_capture(w, (size_t)pf->dl);
            f = push_frame(w, c, EXIT_BLOCK);
            f->scoped = scoped;
            return;
        } else if (t == GUMBO_TAG_SUMMARY && is_tag(pf->n, GUMBO_TAG_DETAILS) &&
                   !pf->summary_seen) {
            pf->summary_seen = true;
            kind = RUN_SUMMARY;
        }
        open_leaf(w, c, kind, level, list);
        w->fr[w->nfr - 1].scoped = scoped;
        return;
    }
    if (is_block_tag(t)) {
        boundary(w);
        f = push_frame(w, c, EXIT_BLOCK);
        f->scoped = scoped;
        return;
    }
    f = push_frame(w, c, EXIT_NONE);
    f->scoped = scoped;
}

static void leave(walker *w)
{
    frame f = w->fr[--w->nfr];
    switch (f.exit) {
    case EXIT_BLOCK:
        boundary(w);
        break;
    case EXIT_LEAF:
        close_leaf(w, &f);
        break;
    case EXIT_SUBLIST:
        flush(w);
        w->kind = f.s_kind;
        w->level = f.s_level;
        w->list = f.s_list;
        w->leaf = true;
        w->line = 0;
        break;
    case EXIT_DL:
    case EXIT_DETAILS:
        if (w->cap && w->cap_owner == w->nfr)
            end_capture(w);
        boundary(w);
        break;
    default:
        break;
    }
}

static void walk(walker *w, GumboNode *root)
{
    measure(w, root);
    w->kind = DOC_PARA;
    w->idx = 1;
    frame *f = push_frame(w, root, EXIT_BLOCK);
    f->scoped = is_tag(root, GUMBO_TAG_MAIN) || is_tag(root, GUMBO_TAG_ARTICLE);
    while (w->nfr) {
        f = &w->fr[w->nfr - 1];
        GumboVector *ch = &f->n->v.element.children;
        if (f->next >= ch->length) {
            leave(w);
            continue;
        }
        GumboNode *c = ch->data[f->next++];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
            c->type == GUMBO_NODE_CDATA)
            add_text(w, c);
        else if (c->type == GUMBO_NODE_TEMPLATE)
            w->idx++;
        else if (c->type == GUMBO_NODE_ELEMENT)
            enter(w, c);
    }
    if (w->cap)
        end_capture(w);
    flush(w);
}

/* The part of the page to read: the first <main>, the only <article>, or
 * the body. */
static GumboNode *content_root(GumboOutput *out)
{
    GumboNode *body = NULL;
    GumboVector *ch = &out->root->v.element.children;
    for (unsigned i = 0; i < ch->length && !body; i++)
        if (is_tag(ch->data[i], GUMBO_TAG_BODY))
            body = ch->data[i];
    if (!body)
        return NULL;
    GumboNode *main = find_tag(body, GUMBO_TAG_MAIN, NULL, never_content);
    if (main)
        return main;
    size_t articles = 0;
    GumboNode *art = find_tag(body, GUMBO_TAG_ARTICLE, &articles, never_content);
    return articles == 1 ? art : body;
}

static void read_title(doc *d, GumboOutput *out)
{
    GumboNode *t = find_tag(out->document, GUMBO_TAG_TITLE, NULL, NULL);
    if (!t)
        return;
    strbuf sb = STRBUF_INIT;
    GumboVector *ch = &t->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE)
            strbuf_adds(&sb, c->v.text.text);
    }
    char *title = doc_clean(sb.buf ? sb.buf : "", sb.len);
    strbuf_release(&sb);
    if (*title) {
        d->title = title;
        d->title_line = line_of(t);
    } else {
        free(title);
    }
}

/* ---- FAQPage JSON-LD ---- */

/* Markup in a JSON-LD string reduced to text (malloc'd, clean). */
static char *markup_text(const char *s)
{
    size_t n = strlen(s);
    if (!memchr(s, '<', n) && !memchr(s, '&', n))
        return doc_clean(s, n);
    int line;
    page pg;
    if (page_parse(&pg, s, n, &line) != 0) { /* too deep for gumbo: drop the tags */
        strbuf sb = STRBUF_INIT;
        bool in_tag = false;
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '<' && i + 1 < n && (is_alpha((unsigned char)s[i + 1]) || s[i + 1] == '/'))
                in_tag = true;
            else if (in_tag && s[i] == '>')
                in_tag = false, strbuf_addc(&sb, ' ');
            else if (!in_tag)
                strbuf_addc(&sb, s[i]);
        }
        char *t = doc_clean(sb.buf ? sb.buf : "", sb.len);
        strbuf_release(&sb);
        return t;
    }
    strbuf sb = STRBUF_INIT;
    subtree_text(pg.out->root, &sb, SIZE_MAX);
    page_free(&pg);
    char *t = doc_clean(sb.buf ? sb.buf : "", sb.len);
    strbuf_release(&sb);
    return t;
}

/* "FAQPage", or a URL ending in "/FAQPage". */
static bool names_type(const char *v, const char *type)
{
    size_t n = strlen(v), m = strlen(type);
    return n >= m && !strcmp(v + n - m, type) && (n == m || v[n - m - 1] == '/');
}

/* Is "@type" type, or a list holding it? */
static bool type_is(const cJSON *obj, const char *type)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(obj, "@type");
    if (cJSON_IsString(t))
        return names_type(t->valuestring, type);
    const cJSON *e;
    cJSON_ArrayForEach(e, t) if (cJSON_IsString(e) && names_type(e->valuestring, type)) return true;
    return false;
}

static const char *string_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void faq_question(doc *d, const cJSON *q, int line)
{
    if (!cJSON_IsObject(q))
        return;
    const char *name = string_of(q, "name");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(q, "acceptedAnswer");
    if (cJSON_IsArray(a))
        a = cJSON_GetArrayItem(a, 0);
    const char *text = cJSON_IsObject(a) ? string_of(a, "text") : NULL;
    if (!name || !text)
        return;
    char *qt = markup_text(name), *at = markup_text(text);
    if (*qt && *at) {
        doc_add(d, DOC_QUESTION, 0, line, qt, strlen(qt));
        doc_add(d, DOC_ANSWER, 0, line, at, strlen(at));
    }
    free(qt);
    free(at);
}

/* Every FAQPage object in the JSON tree (without recursion). */
static void faq_pages(doc *d, const cJSON *root, int line)
{
    const cJSON **st = NULL;
    size_t nst = 0, cst = 0;
    xgrow((void **)&st, &cst, 1, sizeof *st);
    st[nst++] = root;
    while (nst) {
        const cJSON *j = st[--nst];
        if (cJSON_IsObject(j) && type_is(j, "FAQPage")) {
            const cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "mainEntity"), *q;
            if (cJSON_IsArray(m)) {
                cJSON_ArrayForEach(q, m) faq_question(d, q, line);
            } else {
                faq_question(d, m, line);
            }
            continue;
        }
        if (!cJSON_IsObject(j) && !cJSON_IsArray(j))
            continue;
        /* children pushed last first, so they come out in order */
        size_t first = nst;
        for (const cJSON *c = j->child; c; c = c->next) {
            if (!cJSON_IsObject(c) && !cJSON_IsArray(c))
                continue;
            xgrow((void **)&st, &cst, nst + 1, sizeof *st);
            st[nst++] = c;
        }
        for (size_t a = first, b = nst; a + 1 < b; a++, b--) {
            const cJSON *tmp = st[a];
            st[a] = st[b - 1];
            st[b - 1] = tmp;
        }
    }
    free(st);
}

static bool is_ld_json(const GumboNode *n)
{
    const char *type = attr(n, "type");
    if (!type)
        return false;
    while (is_space((unsigned char)*type))
        type++;
    size_t len = strlen("application/ld+json");
    if (str_icmp_n(type, "application/ld+json", len) != 0)
        return false;
    const char *rest = type + len;
    while (is_space((unsigned char)*rest))
        rest++;
    return !*rest || *rest == ';';
}

static void read_json_ld(doc *d, GumboOutput *out)
{
    visit_frame *st = NULL;
    size_t nst = 0, cst = 0;
    xgrow((void **)&st, &cst, 1, sizeof *st);
    st[nst++] = (visit_frame){out->document, 0};
    while (nst) {
        visit_frame *f = &st[nst - 1];
        GumboVector *ch = children(f->n);
        if (!ch || f->next >= ch->length) {
            nst--;
            continue;
        }
        GumboNode *c = ch->data[f->next++];
        if (c->type != GUMBO_NODE_ELEMENT)
            continue;
        if (!is_tag(c, GUMBO_TAG_SCRIPT)) {
            xgrow((void **)&st, &cst, nst + 1, sizeof *st);
            st[nst++] = (visit_frame){c, 0};
            continue;
        }
        if (!is_ld_json(c))
            continue;
        strbuf sb = STRBUF_INIT;
        GumboVector *sc = &c->v.element.children;
        for (unsigned i = 0; i < sc->length; i++) {
            const GumboNode *t = sc->data[i];
            if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_WHITESPACE ||
                t->type == GUMBO_NODE_CDATA)
                strbuf_adds(&sb, t->v.text.text);
        }
        cJSON *json = cJSON_ParseWithLength(sb.buf ? sb.buf : "", sb.len);
        if (!json)
            doc_warn(d, line_of(c), "JSON-LD block is not valid JSON, skipped");
        else
            faq_pages(d, json, line_of(c));
        cJSON_Delete(json);
        strbuf_release(&sb);
    }
    free(st);
}

/* ---- public ---- */

int doc_read_html(doc *d, const char *buf, size_t len, char **err)
{
    d->levels = true;
    char *text;
    size_t n;
    if (decode(d, buf, len, &text, &n, err) != 0)
        return -1;
    int line;
    page pg;
    int why = page_parse(&pg, text, n, &line);
    if (why) {
        free(text);
        if (why == 1)
            *err =
                xasprintf("%s:%d: markup nested deeper than %d levels", d->name, line, DEPTH_MAX);
        else
            *err = xasprintf("%s:%d: markup too broken to read (unclosed formatting tags "
                             "reopened over and over)",
                             d->name, line);
        return -1;
    }
    GumboOutput *out = pg.out;
    read_title(d, out);
    GumboNode *root = content_root(out);
    if (root) {
        walker w = {0};
        w.d = d;
        walk(&w, root);
        strbuf_release(&w.run);
        strbuf_release(&w.ans);
        free(w.fr);
        free(w.size);
        free(w.prose);
        free(w.text);
        free(w.heading);
    }
    read_json_ld(d, out);
    page_free(&pg);
    free(text);
    return 0;
}
