/* report.h - item analysis of the game's results CSV, for teachers.
 *
 * Reads the rows the game wrote (store.h: one row per answer) and sums them
 * up per item (how many answered, the share right, how often each choice was
 * picked: a wrong choice nobody picks is a weak one), per topic and per
 * player. Items are matched by id with a generated set, so the report can
 * show each item's prompt and every choice, picked or not; rows of items
 * not in the set are still counted, with the choices seen in the file.
 *
 * Ownership: a report owns everything in it; free with report_free().
 * Failure: report_parse() returns -1 with *err "name:line: what failed".
 */
#ifndef QUIZMILL_REPORT_H
#define QUIZMILL_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "gen.h"

typedef struct report report;

/* Parses len bytes of a results CSV (its header must be the game's). The
 * items of known (may be NULL) give prompts and choices; they are borrowed
 * only during the call. */
int report_parse(const char *name, const char *buf, size_t len, const gen_set *const *known,
                 size_t nknown, report **out, char **err);
void report_free(report *r);

/* Writes the report as text for people, or as one CSV table with the
 * columns scope,key,topic,answered,right,share_right,picked,correct,points,text
 * (scope: item, choice, topic or player). */
void report_write_text(FILE *f, const report *r);
void report_write_csv(FILE *f, const report *r);

#endif
