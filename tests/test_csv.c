/* test_csv.c - the CSV reader on files as spreadsheets re-save them
 * (tests/data/csv), the writer's quoting and formula neutralising, a round
 * trip through both, and the terminal escape. */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

#include "harness.h"

/* A file's records, each one line "LINE: field|field|...", or "ERR LINE". */
static char *dump_buf(const char *buf, size_t len, char *sep)
{
    strbuf out = STRBUF_INIT;
    csv_reader *r = csv_open(buf, len);
    char **f;
    size_t n;
    int line = 0, rc;
    while ((rc = csv_next(r, &f, &n, &line)) == 1) {
        strbuf_addf(&out, "%d: ", line);
        for (size_t i = 0; i < n; i++) {
            if (i)
                strbuf_addc(&out, '|');
            strbuf_adds(&out, f[i]);
        }
        strbuf_addc(&out, '\n');
    }
    if (rc < 0)
        strbuf_addf(&out, "ERR %d\n", line);
    OK(csv_next(r, &f, &n, &line) == 0, "the reader stays at its end");
    if (sep)
        *sep = csv_separator(r);
    csv_close(r);
    return strbuf_detach(&out);
}

static char *dump_file(const char *name, char *sep)
{
    char path[512];
    snprintf(path, sizeof path, "%s/csv/%s", TEST_DATA_DIR, name);
    char *buf;
    size_t len;
    if (read_file(path, &buf, &len) != 0) {
        OK(0, "cannot read %s", path);
        return xstrdup("");
    }
    char *out = dump_buf(buf, len, sep);
    free(buf);
    return out;
}

static char *dump_str(const char *s, char *sep)
{
    return dump_buf(s, strlen(s), sep);
}

/* ---- files as spreadsheets write them ---- */

static void test_files(void)
{
    char sep;
    char *d;

    /* Excel "CSV UTF-8" in a German locale: BOM, ';', CRLF, quotes only
     * where needed, a decimal comma */
    d = dump_file("excel_bom_semicolon.csv", &sep);
    INT_EQ(sep, ';', "excel separator");
    STR_EQ(d,
           "1: Frage|Antwort|Punkte|Notiz\n"
           "2: Wie heißt die Hauptstadt?|Berlin|3,5|\n"
           "3: Zwei; getrennt|Er sagte \"ja\"|-2|'=SUMME(A1)\n",
           "excel file");
    free(d);

    /* LibreOffice with "quote all text cells": every field quoted, and a
     * comma inside the quoted header that must not count */
    d = dump_file("libreoffice_quoted.csv", &sep);
    INT_EQ(sep, ';', "libreoffice separator");
    STR_EQ(d,
           "1: question|answer, long|points\n"
           "2: What is 2+2?|four; or 4|4\n"
           "3: He said \"hi\"||-1\n"
           "4: '=1+2|x|0\n",
           "libreoffice file");
    free(d);

    d = dump_file("mac_cr.csv", &sep);
    INT_EQ(sep, ',', "mac separator");
    STR_EQ(d, "1: player|score\n2: Ada|10\n3: Bo|7\n", "lone CR line ends");
    free(d);

    /* LF, CRLF, CR and blank lines of each in one file, no final line end */
    d = dump_file("mixed_endings.csv", NULL);
    STR_EQ(d, "1: id|text\n2: 1|one\n4: 2|two\n5: 3|three\n8: 4|four\n",
           "mixed line ends, blank lines skipped, lines counted");
    free(d);

    d = dump_file("tabs.tsv", &sep);
    INT_EQ(sep, '\t', "tab separator");
    STR_EQ(d, "1: name|score|note\n2: Ada|10|a\tquoted tab\n3: Bo|7|plain, with comma\n",
           "tab-separated");
    free(d);

    d = dump_file("multiline.csv", NULL);
    STR_EQ(d,
           "1: id|prompt|answer\n"
           "2: 1|First line\nsecond, with comma|yes\n"
           "4: 2|Three\nlines\nhere|no\n"
           "7: 3|plain|maybe\n",
           "quoted line breaks and separators; records start on the right lines");
    free(d);

    /* the quote opened on line 5 is never closed: records before it, then
     * the error at line 5, then the end */
    d = dump_file("unclosed.csv", NULL);
    STR_EQ(d, "1: id|prompt\n2: 1|fine\n3: 2|also\nfine\nERR 5\n", "unclosed quote");
    free(d);

    d = dump_file("empty.csv", &sep);
    STR_EQ(d, "", "empty file");
    INT_EQ(sep, ',', "empty file separator");
    free(d);

    d = dump_file("header_only.csv", &sep);
    INT_EQ(sep, ';', "header-only separator");
    STR_EQ(d, "1: player|score\n", "header only");
    free(d);
}

/* A file with a column added and the others moved, read by name. */
static void test_columns(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/csv/added_column.csv", TEST_DATA_DIR);
    char *buf;
    size_t len;
    if (read_file(path, &buf, &len) != 0) {
        OK(0, "cannot read %s", path);
        return;
    }
    csv_reader *r = csv_open(buf, len);
    char **f;
    size_t n;
    OK(csv_next(r, &f, &n, NULL) == 1, "header");
    INT_EQ(n, 5, "header columns");
    int player = csv_column(f, n, "player"), answer = csv_column(f, n, "Answer");
    int points = csv_column(f, n, " points "), missing = csv_column(f, n, "topic");
    INT_EQ(player, 1, "' Player ' found as player");
    INT_EQ(answer, 2, "ANSWER found as Answer");
    INT_EQ(points, 4, "Points after the added column");
    INT_EQ(missing, -1, "no topic column");
    INT_EQ(csv_column(f, n, "play"), -1, "a prefix is not a match");
    const char *want[][3] = {{"Ada", "Paris", "100"}, {"Bo", "Rome", "0"}};
    for (int row = 0; row < 2; row++) {
        OK(csv_next(r, &f, &n, NULL) == 1, "row %d", row);
        if (n != 5 || player < 0 || answer < 0 || points < 0) {
            OK(0, "row %d has %zu fields", row, n);
            continue;
        }
        STR_EQ(f[player], want[row][0], "row %d player", row);
        STR_EQ(f[answer], want[row][1], "row %d answer", row);
        STR_EQ(f[points], want[row][2], "row %d points", row);
    }
    OK(csv_next(r, &f, &n, NULL) == 0, "end");
    csv_close(r);
    free(buf);

    char *hdr[] = {"a", "B", "b", "\t c \r"};
    INT_EQ(csv_column(hdr, 4, "b"), 1, "the first match wins");
    INT_EQ(csv_column(hdr, 4, "C"), 3, "tabs and CR around are spaces");
    INT_EQ(csv_column(hdr, 0, "a"), -1, "no columns");
    INT_EQ(csv_column(hdr, 4, ""), -1, "an empty name matches no column here");
}

/* ---- the reader's edges, from strings ---- */

static void test_reader_edges(void)
{
    char sep;
    char *d;

    d = dump_str("a,b;c\n1,2;3\n", &sep);
    INT_EQ(sep, ',', "one ',' and one ';': ',' wins the tie");
    STR_EQ(d, "1: a|b;c\n2: 1|2;3\n", "tie");
    free(d);
    d = dump_str("a;b\tc\n", &sep);
    INT_EQ(sep, ';', "';' wins a tie with TAB");
    free(d);
    d = dump_str("a\tb\tc;d\n", &sep);
    INT_EQ(sep, '\t', "two tabs beat one ';'");
    free(d);
    d = dump_str("single\nx\n", &sep);
    INT_EQ(sep, ',', "no separator at all: ','");
    STR_EQ(d, "1: single\n2: x\n", "one column");
    free(d);
    d = dump_str("\n\r\n\"x;y;z\",a,b\n", &sep);
    INT_EQ(sep, ',', "the header is the first non-empty line; quoted ';' not counted");
    STR_EQ(d, "3: x;y;z|a|b\n", "leading blank lines");
    free(d);

    d = dump_str("a,b,\n,,\n", NULL);
    STR_EQ(d, "1: a|b|\n2: ||\n", "empty fields at the end; a row of separators is a record");
    free(d);
    d = dump_str("a,\"\"\n\"\"\n", NULL);
    STR_EQ(d, "1: a|\n2: \n", "quoted empty fields; a line \"\" is not blank");
    free(d);
    d = dump_str("x,ab\"c\"d,\"q\"tail,\"\"\"\"\n", NULL);
    STR_EQ(d, "1: x|ab\"c\"d|qtail|\"\n", "quotes mid-field are kept; text after a closing quote");
    free(d);
    d = dump_str("h\n\"a\r\nb\rc\"\nnext\n", NULL);
    STR_EQ(d, "1: h\n2: a\r\nb\rc\n5: next\n", "line breaks in quotes kept as they are, counted");
    free(d);
    d = dump_str("h\r\r\nx\r", NULL);
    STR_EQ(d, "1: h\n3: x\n", "CR then CRLF is two line ends");
    free(d);
    d = dump_str("\xef\xbb\xbf", &sep);
    STR_EQ(d, "", "a BOM only");
    free(d);
    d = dump_str("\xef\xbb\xbf\xef\xbb\xbfx\n", NULL);
    STR_EQ(d, "1: \xef\xbb\xbfx\n", "only one BOM is skipped");
    free(d);
    d = dump_str("a,b\n\"open", NULL);
    STR_EQ(d, "1: a|b\nERR 2\n", "unclosed at the very end");
    free(d);
    d = dump_str("a,b\n1,\"x\n\ny\n", NULL);
    STR_EQ(d, "1: a|b\nERR 2\n", "unclosed: the line of the opening quote");
    free(d);
    d = dump_str("a,\"b\"\"", NULL);
    STR_EQ(d, "ERR 1\n", "a doubled quote does not close");
    free(d);

    /* a NUL byte (UTF-16, binary): malformed at its line */
    d = dump_buf("a,b\nc,\0d\n", 9, NULL);
    STR_EQ(d, "1: a|b\nERR 2\n", "NUL in a field");
    free(d);
    d = dump_buf("a,b\n\"x\n\0\"\n", 10, NULL);
    STR_EQ(d, "1: a|b\nERR 3\n", "NUL in a quoted field: its own line");
    free(d);

    /* len is respected: nothing past it is read (no NUL needed) */
    d = dump_buf("a,b\nc,dXYZ", 7, NULL);
    STR_EQ(d, "1: a|b\n2: c|d\n", "only len bytes");
    free(d);
    d = dump_buf("\"ab\"", 3, NULL);
    STR_EQ(d, "ERR 1\n", "a closing quote past len is not seen");
    free(d);
    d = dump_buf(NULL, 0, &sep);
    STR_EQ(d, "", "NULL, 0");
    free(d);
    csv_close(NULL);

    /* fields can be changed in place and last until the next call */
    csv_reader *r = csv_open("x,yy\nz\n", 7);
    char **f;
    size_t n;
    int line = -7;
    INT_EQ(csv_next(r, &f, &n, &line), 1, "first");
    INT_EQ(line, 1, "first line");
    f[1][0] = 'Y';
    STR_EQ(f[1], "Yy", "changed in place");
    INT_EQ(csv_next(r, &f, &n, &line), 1, "second");
    INT_EQ(n, 1, "one field");
    STR_EQ(f[0], "z", "second record");
    INT_EQ(csv_next(r, &f, &n, &line), 0, "end");
    csv_close(r);
}

/* ---- writing ---- */

static char *put(const char *cell, bool text)
{
    strbuf sb = STRBUF_INIT;
    csv_put(&sb, cell, text);
    return strbuf_detach(&sb);
}

static void test_put(void)
{
    static const struct {
        const char *cell;
        bool text;
        const char *want;
    } cases[] = {
        {"plain", true, "plain"},
        {"", true, ""},
        {NULL, true, ""},
        {"a,b", true, "\"a,b\""},
        {"a;b", true, "\"a;b\""},
        {"say \"hi\"", true, "\"say \"\"hi\"\"\""},
        {"\"", true, "\"\"\"\""},
        {"two\nlines", true, "\"two\nlines\""},
        {"cr\rhere", true, "\"cr\rhere\""},
        {" lead", true, "\" lead\""},
        {"trail ", true, "\"trail \""},
        {"in side", true, "in side"},
        {"=1+2", true, "'=1+2"},
        {"+33 1 23", true, "'+33 1 23"},
        {"-2", true, "'-2"},
        {"@SUM(A1)", true, "'@SUM(A1)"},
        {"\tx", true, "\"'\tx\""},
        {"\rx", true, "\"'\rx\""},
        {"=HYPERLINK(\"http://x\",\"a\")", true, "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""},
        {"'=x", true, "''=x"},
        {"'plain", true, "'plain"},
        {"a=b", true, "a=b"},
        {"-2", false, "-2"},
        {"3.5", false, "3.5"},
        {"-1.25e3", false, "-1.25e3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = put(cases[i].cell, cases[i].text);
        STR_EQ(got, cases[i].want, "csv_put case %zu", i);
        free(got);
    }
    strbuf sb = STRBUF_INIT;
    csv_put(&sb, "a", true);
    strbuf_addc(&sb, ',');
    csv_put(&sb, "7", false);
    csv_end_row(&sb);
    STR_EQ(strbuf_str(&sb), "a,7\r\n", "a row");
    strbuf_release(&sb);

    STR_EQ(csv_unneutral("'=1"), "=1", "unneutral =");
    STR_EQ(csv_unneutral("'+1"), "+1", "unneutral +");
    STR_EQ(csv_unneutral("'-1"), "-1", "unneutral -");
    STR_EQ(csv_unneutral("'@x"), "@x", "unneutral @");
    STR_EQ(csv_unneutral("'\tx"), "\tx", "unneutral TAB");
    STR_EQ(csv_unneutral("'\rx"), "\rx", "unneutral CR");
    STR_EQ(csv_unneutral("''=x"), "'=x", "one quote off");
    STR_EQ(csv_unneutral("'plain"), "'plain", "an apostrophe of the text stays");
    STR_EQ(csv_unneutral("'"), "'", "a lone quote stays");
    STR_EQ(csv_unneutral("''"), "''", "quotes only stay");
    STR_EQ(csv_unneutral("=x"), "=x", "not neutralised: unchanged");
    STR_EQ(csv_unneutral(""), "", "empty");
}

/* Every cell written and read back equal, with each separator; every
 * text cell in the file starts with no formula character. */
static void test_round_trip(void)
{
    static const char *const cells[] = {
        "header",
        "",
        "plain",
        "a,b",
        "semi;colon",
        "tab\tinside",
        "say \"hi\"",
        "\"",
        "\"\"",
        "'",
        "two\nlines",
        "crlf\r\nend",
        "cr\rhere",
        "\r\n",
        " lead",
        "trail ",
        " ",
        "=SUM(A1:A9)",
        "=cmd|' /C calc'!A0",
        "+1",
        "-1",
        "@SUM(A1)",
        "\tlead tab",
        "\rlead cr",
        "'=already",
        "''+twice",
        "'''-thrice",
        "'plain",
        "=a,\"b\"\n;c",
        "ünïcödé €",
        "bom \xef\xbb\xbf inside",
    };
    const size_t ncells = sizeof cells / sizeof *cells;
    const char *numbers[] = {"-3", "+4", "0.5"};
    const char seps[] = {',', ';', '\t'};
    for (size_t s = 0; s < 3; s++) {
        /* row 1: a header of plain names; row 2: every text cell then the
         * numbers; row 3: each text cell alone (but the empty one) */
        strbuf sb = STRBUF_INIT;
        csv_put(&sb, "text", true);
        strbuf_addc(&sb, seps[s]);
        csv_put(&sb, "more", true);
        csv_end_row(&sb);
        for (size_t i = 0; i < ncells; i++) {
            csv_put(&sb, cells[i], true);
            strbuf_addc(&sb, seps[s]);
        }
        for (size_t i = 0; i < 3; i++) {
            if (i)
                strbuf_addc(&sb, seps[s]);
            csv_put(&sb, numbers[i], false);
        }
        csv_end_row(&sb);
        for (size_t i = 0; i < ncells; i++) {
            if (!cells[i][0])
                continue;
            csv_put(&sb, cells[i], true);
            csv_end_row(&sb);
        }

        csv_reader *r = csv_open(sb.buf, sb.len);
        INT_EQ(csv_separator(r), seps[s], "detected separator %zu", s);
        char **f;
        size_t n;
        INT_EQ(csv_next(r, &f, &n, NULL), 1, "header %zu", s);
        INT_EQ(n, 2, "header fields %zu", s);
        INT_EQ(csv_next(r, &f, &n, NULL), 1, "row %zu", s);
        INT_EQ(n, ncells + 3, "row fields %zu", s);
        if (n == ncells + 3) {
            for (size_t i = 0; i < ncells; i++) {
                OK(!f[i][0] || (f[i][0] != '=' && f[i][0] != '+' && f[i][0] != '-' &&
                                f[i][0] != '@' && f[i][0] != '\t' && f[i][0] != '\r'),
                   "cell %zu starts with a formula character: \"%s\"", i, f[i]);
                STR_EQ(csv_unneutral(f[i]), cells[i], "sep %zu cell %zu", s, i);
            }
            for (size_t i = 0; i < 3; i++)
                STR_EQ(f[ncells + i], numbers[i], "sep %zu number %zu as written", s, i);
        }
        for (size_t i = 0; i < ncells; i++) {
            if (!cells[i][0])
                continue;
            if (csv_next(r, &f, &n, NULL) != 1 || n != 1) {
                OK(0, "sep %zu alone %zu: not one field", s, i);
                continue;
            }
            STR_EQ(csv_unneutral(f[0]), cells[i], "sep %zu alone %zu", s, i);
        }
        OK(csv_next(r, &f, &n, NULL) == 0, "sep %zu: nothing more", s);
        csv_close(r);
        strbuf_release(&sb);
    }
}

/* ---- the terminal escape ---- */

static char *escape(const char *s)
{
    strbuf sb = STRBUF_INIT;
    csv_escape_controls(&sb, s);
    return strbuf_detach(&sb);
}

static void test_escape(void)
{
    static const struct {
        const char *in, *want, *what;
    } cases[] = {
        {"a\x1b[31mred\x07!\x7f|\xc2\x85|\xc2\x9b[2J|\xc2\x80\xc2\x9f",
         "a\\x1b[31mred\\x07!\\x7f|\\x85|\\x9b[2J|\\x80\\x9f",
         "ESC, BEL, DEL, NEL (U+0085), CSI (U+009B) and the C1 edges"},
        {"tab\there\nnew\r\x01\x1f ~", "tab\\x09here\\x0anew\\x0d\\x01\\x1f ~",
         "TAB, LF, CR and the C0 edges"},
        /* U+00A0 (C2 A0), U+00BF, "é", "€" (E2 82 AC holds 0x82 but
         * is no C1), a backslash: all as they are */
        {"\xc2\xa0\xc2\xbf\xc3\xa9\xe2\x82\xac\\x41", "\xc2\xa0\xc2\xbf\xc3\xa9\xe2\x82\xac\\x41",
         "printable UTF-8 unchanged"},
        {"end\xc2", "end\xc2", "a cut C2 at the end is copied, nothing read past"},
        {"", "", "empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = escape(cases[i].in);
        STR_EQ(got, cases[i].want, "%s", cases[i].what);
        free(got);
    }
}

int main(void)
{
    test_files();
    test_columns();
    test_reader_edges();
    test_put();
    test_round_trip();
    test_escape();
    return test_summary();
}
