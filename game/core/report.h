/* report.h - item analysis of the game's results CSV, for teachers.
 *
 * Reads the rows the game saved (one per answer: from the database through
 * report_add(), or from its results CSV) and sums them up per item (how many answered, the share right, how often each choice was
 * picked: a wrong choice nobody picks is a weak one), per topic and per
 * player. Items are matched by id with a generated set, so the report can
 * show each item's prompt and every choice, picked or not; rows of items
 * not in the set are still counted, with the choices seen in the file. Per
 * student it shows progress over time: answers, share right, and how many
 * items are mastered (trainer.h) at the end of each day they played.
 *
 * Ownership: a report owns everything in it; free with report_free().
 * Failure: report_parse() returns -1 with *err "name:line: what failed".
 */
#ifndef QUIZMILL_REPORT_H
#define QUIZMILL_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "item.h"

typedef struct report report;

/* The largest results CSV a report reads. */
#define REPORT_MAX_BYTES ((size_t)256 << 20)

/* One answer, as the game saved it. Strings are copied. */
typedef struct report_row {
    int64_t at;  /* unix ms, 0 when unknown */
    const char *round, *player, *topic, *item, *chosen, *right;
    bool correct;
    long long points;
    bool trains;  /* a solo student's answer: it moves their trainer card */
    const char *kind, *prompt, *choices; /* the item as stored (choices joined by
                                          * LF), or NULL: for items not in the
                                          * article given */
} report_row;

/* An empty report; the items of known (may be NULL) give prompts and
 * choices and stay borrowed until the last row is added. */
report *report_new(const char *name, const item_set *const *known, size_t nknown);
void report_add(report *r, const report_row *row);
/* Adds the rows of a results CSV: the game's export, also as a spreadsheet
 * re-saved it (csv.h: BOM, ';' or tab, quoted fields, columns found by
 * their header names). Returns 0, or -1 with *err "name:line: why" (rows
 * before the bad line stay added). */
int report_add_csv(report *r, const char *buf, size_t len, char **err);

/* report_new() and report_add_csv() in one: a report of one CSV, or -1 and
 * no report. */
int report_parse(const char *name, const char *buf, size_t len, const item_set *const *known,
                 size_t nknown, report **out, char **err);
void report_free(report *r);

/* Writes the report as text for people (control characters escaped as
 * \xNN), or as one CSV table with the columns
 * scope,key,topic,answered,right,share_right,picked,correct,points,text
 * (scope: item, choice, topic, player, or progress: key the student, topic
 * the day, text "N mastered of M seen"; text cells neutralised against
 * spreadsheet formulas). Progress replays each student's answers through
 * trainer.h's boxes day by day. */
void report_write_text(FILE *f, const report *r);
void report_write_csv(FILE *f, const report *r);

#endif
