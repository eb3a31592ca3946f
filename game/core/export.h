/* export.h - write items in the formats teachers' tools read.
 *
 *   text       a numbered, printable quiz with the answer key at the end
 *   json       an array of {id, topic, section, kind, prompt, choices,
 *              answer, source}; valid JSON, UTF-8 kept as it is
 *   csv        RFC 4180, one row per item: id, topic, section, kind, prompt,
 *              choice_a..choice_e, answer (a letter), source
 *   gift       Moodle's GIFT: "::id::prompt{=right ~wrong ...}", with the
 *              source as general feedback; ~ = # { } : \ escaped
 *   aiken      "prompt / A. choice ... / ANSWER: X", one line each, a blank
 *              line between questions (line breaks inside become spaces)
 *   moodlexml  Moodle XML: a category per topic, multichoice questions with
 *              the source as general feedback; well-formed, XML-escaped
 *
 * Writing never fails here; the caller checks ferror() on the stream.
 */
#ifndef QUIZMILL_EXPORT_H
#define QUIZMILL_EXPORT_H

#include <stdio.h>

#include "item.h"

typedef enum export_format {
    EXPORT_TEXT,
    EXPORT_JSON,
    EXPORT_CSV,
    EXPORT_GIFT,
    EXPORT_AIKEN,
    EXPORT_MOODLEXML,
    EXPORT_FORMAT_COUNT
} export_format;

/* Parses a format name ("text", "json", ...); returns 0, or -1 if unknown. */
int export_format_parse(const char *name, export_format *out);
/* The valid names, comma-separated, for messages. */
const char *export_format_names(void);

/* Writes the items. title heads the text format (and the GIFT/XML
 * comments); note follows it in the text format ("", or e.g. ", seed 42"). */
void export_items(FILE *f, export_format fmt, const item_set *s, const char *title,
                  const char *difficulty, const char *note);

/* RFC 4180 field: quoted when it holds a comma, quote, CR or LF; a text
 * that a spreadsheet would run as a formula is neutralised (csv_put()). */
void export_csv_field(FILE *f, const char *s);
/* JSON string with its quotes. */
void export_json_string(FILE *f, const char *s);

#endif
