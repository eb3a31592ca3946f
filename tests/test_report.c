/* test_report.c - the item analysis of a results CSV: counts per item,
 * choice, topic and player, the CSV table, and files that are not results. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

#include "harness.h"

static char *render(const report *r, bool csv)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (csv)
        report_write_csv(f, r);
    else
        report_write_text(f, r);
    fclose(f);
    return buf;
}

static void test_counts(void)
{
    char *buf;
    size_t len;
    if (read_file(TEST_DATA_DIR "/report/results.csv", &buf, &len) != 0) {
        OK(0, "cannot read the test results");
        return;
    }
    /* one known item gives its prompt and its never-picked choices */
    item known_item = {"aaaa000000000001", "energy", "Energy", ITEM_CLOZE, "Rich in _____.", 3,
                           {"gas", "oil", "coal"}, 0, "Rich in gas.", 0, 0, NULL};
    item_set set = {&known_item, 1, 1};
    const item_set *known[] = {&set};
    report *r = NULL;
    char *err = NULL;
    INT_EQ(report_parse("results.csv", buf, len, known, 1, &r, &err), 0, "%s", err ? err : "");
    if (r) {
        char *text = render(r, false);
        OK(strstr(text, "7 answers, 3 rounds, 2 players") != NULL, "totals:\n%s", text);
        OK(strstr(text, "Rich in _____.") != NULL, "known prompt");
        OK(strstr(text, "answered 3, right 2 (67%)") != NULL, "item 1 counts");
        OK(strstr(text, "*    2  gas") != NULL, "right choice picked twice");
        OK(strstr(text, "     1  oil") != NULL, "oil once");
        OK(strstr(text, "     0  coal") != NULL, "coal never, listed");
        OK(strstr(text, "answered 2, right 0 (0%), 1 timed out") != NULL, "a timeout");
        OK(strstr(text, "He said \"yes\"") != NULL, "quoted quotes");
        OK(strstr(text, "(not in the article)") != NULL, "unknown items counted");
        OK(strstr(text, "Ada                  rounds    2  answered     4  right  50%  points 1890") !=
               NULL,
           "player Ada with a penalty:\n%s", text);
        OK(strstr(text, "Bo                   rounds    1  answered     3  right  33%  points 970") !=
               NULL,
           "player Bo");
        OK(strstr(text, "energy                                   answered     5  right  40%") !=
               NULL,
           "topic energy");
        free(text);
        char *csv = render(r, true);
        OK(strncmp(csv, "scope,key,topic,answered,right,share_right,picked,correct,points,text\r\n",
                   70) == 0,
           "csv header");
        OK(strstr(csv, "item,aaaa000000000001,energy,3,2,0.667,,,,Rich in _____.\r\n") != NULL,
           "csv item row:\n%s", csv);
        OK(strstr(csv, "choice,aaaa000000000001,energy,,,,0,0,,coal\r\n") != NULL,
           "csv choice row");
        OK(strstr(csv, "choice,aaaa000000000002,energy,,,,1,0,,\"trade, and more\"\r\n") != NULL,
           "csv quoting");
        OK(strstr(csv, "player,Ada,,4,2,0.500,,,1890,\r\n") != NULL, "csv player row");
        free(csv);
        report_free(r);
    }
    free(err);
    free(buf);
}

static void test_bad(void)
{
    static const struct {
        const char *text, *error;
    } cases[] = {
        {"", "r.csv:1: not a Quizmill results file (the first line must be its header)"},
        {"id,topic\r\n1,2\r\n",
         "r.csv:1: not a Quizmill results file (the first line must be its header)"},
        {"timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points\n"
         "a,b,c\n",
         "r.csv:2: 3 fields, expected 11"},
        {"timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points\n"
         "t,r,p,d,x,i,\"open,r,1,5,5\n",
         "r.csv:2: a quoted field is not closed"},
        {"timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points\n"
         "t,r,p,d,x,i,c,r,yes,5,5\n",
         "r.csv:2: a malformed row (correct must be 0 or 1, points a number)"},
        {"timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points\n"
         "t,r,p,d,x,i,c,\xff,1,5,5\n",
         "r.csv:2: invalid UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        report *r = NULL;
        char *err = NULL;
        INT_EQ(report_parse("r.csv", cases[i].text, strlen(cases[i].text), NULL, 0, &r, &err), -1,
               "case %zu", i);
        STR_EQ(err, cases[i].error, "case %zu", i);
        OK(r == NULL, "no report");
        free(err);
    }
    /* a header alone is an empty report, not an error */
    const char *empty = "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,"
                        "points\r\n";
    report *r = NULL;
    char *err = NULL;
    INT_EQ(report_parse("r.csv", empty, strlen(empty), NULL, 0, &r, &err), 0, "header only");
    report_free(r);
    free(err);
}

/* Each student's progress, replayed through the Leitner boxes day by day:
 * right answers on days 0, 1, 4 and 11 take an item through boxes 2, 3, 4
 * and 5 (mastered on day 11); an item always missed is never mastered; a
 * team's rows (trains false) count for no one. */
static void test_progress(void)
{
    report *r = report_new("db", NULL, 0);
    static const int days[] = {0, 1, 4, 11, 32};
    const int64_t t0 = (int64_t)1796000000 * 1000; /* 2026-11-29, local noon or so */
    for (size_t k = 0; k < 5; k++) {
        report_row row = {t0 + (int64_t)days[k] * 86400000, "r1", "Ann", "t", "item1", "gas",
                          "gas", true, 100, true, NULL, NULL, NULL};
        report_add(r, &row);
        report_row wrong = {t0 + (int64_t)days[k] * 86400000 + 1000, "r1", "Ann", "t", "item2",
                            "oil", "gas", false, 0, true, NULL, NULL, NULL};
        report_add(r, &wrong);
    }
    report_row team = {t0, "m1", "Red", "t", "item1", "gas", "gas", true, 100, false, NULL, NULL,
                       NULL};
    report_add(r, &team);
    /* a name with control characters and a formula */
    report_row evil = {t0, "r2", "=cmd\x1b[31m", "t", "item3", "a\x07" "b", "a\x07" "b", true, 5,
                       true, "cloze", "Fill _____.", "a\x07" "b\nc"};
    report_add(r, &evil);
    char *text = render(r, false);
    OK(strstr(text, "Progress") != NULL, "a progress section:\n%s", text);
    const char *prog = strstr(text, "Progress");
    const char *d11 = prog ? strstr(prog, "  Ann  ") : NULL;
    for (int k = 0; d11 && k < 3; k++) /* the fourth of Ann's days: day 11 */
        d11 = strstr(d11 + 1, "  Ann  ");
    OK(d11 && strncmp(strstr(d11, "seen"), "seen    2  mastered    1", 24) == 0,
       "Ann masters one item on day 11:\n%s", text);
    OK(prog && strstr(prog, "seen    2  mastered    0") != NULL && strstr(prog, "seen    2  mastered    0") < d11,
       "and not before:\n%s", text);
    OK(prog && !strstr(prog, "  Red "), "a team has no progress row:\n%s", text);
    OK(!strchr(text, '\x1b') && !strchr(text, '\x07'), "no control character reaches the terminal");
    OK(strstr(text, "=cmd\\x1b[31m") != NULL, "escaped as \\xNN:\n%s", text);
    free(text);
    char *csv = render(r, true);
    OK(strstr(csv, "progress,Ann,") != NULL, "progress rows in the CSV:\n%s", csv);
    OK(strstr(csv, "1 mastered of 2 seen") != NULL, "with what is mastered:\n%s", csv);
    OK(strstr(csv, ",'=cmd") != NULL && !strstr(csv, ",=cmd"), "a formula name neutralised:\n%s",
       csv);
    free(csv);
    report_free(r);
}

int main(void)
{
    test_counts();
    test_bad();
    test_progress();
    return test_summary();
}
