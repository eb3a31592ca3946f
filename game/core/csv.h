/* csv.h - CSV in and out: a tolerant reader for files a spreadsheet has
 * re-saved, a writer that keeps formulas out of our cells, and an escape
 * for printing untrusted text on a terminal.
 *
 * Reading (RFC 4180, and what LibreOffice and Excel write besides):
 *   - a UTF-8 byte order mark at the start is skipped;
 *   - lines end in LF, CRLF or a lone CR (old Mac exports), mixed freely
 *     in one file; empty lines are skipped (a line of separators only is a
 *     record of empty fields, as a spreadsheet meant it);
 *   - a field that starts with '"' is quoted: "" inside it is one quote, and
 *     separators and line breaks inside it are kept as they are (bytes, not
 *     changed to LF); text after its closing quote is kept as it is, and a
 *     quote inside an unquoted field is an ordinary character;
 *   - the separator is found once, on the header (the first record): ',',
 *     ';' or TAB, whichever occurs most outside quotes; ties go to ',' and
 *     then ';', and a header with none of them reads as ','.
 * Fields are bytes as in the file: UTF-8 is not checked (util.h's
 * utf8_check() does that).
 *
 * Failure: csv_next() returns -1 on a quoted field not closed before the end
 * of the file, with the line its opening quote is on, and on a NUL byte (a
 * UTF-16 file, or not text at all), with its line. The reader then stops:
 * later calls return 0. Lines count from 1, CRLF as one line end, line
 * breaks inside quoted fields included.
 *
 * Writing: csv_put() writes one cell; the caller writes the separator
 * between cells (',' for files of ours) and csv_end_row() after the last.
 * Text cells are neutralised against formula injection as OWASP advises (a
 * leading "'"), so a spreadsheet never runs a player's name or an article's
 * words as a formula; csv_unneutral() undoes it when we read such a file
 * back. Every text cell written by csv_put() reads back equal through
 * csv_next() and csv_unneutral(), with any of the three separators. (A row
 * of one empty cell is an empty line, which the reader skips.)
 *
 * Ownership: a csv_reader borrows the caller's bytes until csv_close() and
 * owns the fields it hands out. Memory never runs out here (util.h: the
 * program exits), so nothing else fails.
 */
#ifndef QUIZMILL_CSV_H
#define QUIZMILL_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef struct csv_reader csv_reader;

/* A reader of buf[0..len) (no NUL needed; buf may be NULL when len is 0).
 * buf is borrowed until csv_close(); never returns NULL. */
csv_reader *csv_open(const char *buf, size_t len);

/* The next record: *fields gets its *n fields (at least one), each
 * NUL-terminated; the array and the strings belong to the reader and last
 * until the next csv_next() or csv_close() (the caller may change them in
 * place). *line (line may be NULL) gets the line the record starts on.
 * Returns 1, 0 at the end, or -1 on a malformed record with *line the line
 * at fault (see Failure above). */
int csv_next(csv_reader *r, char ***fields, size_t *n, int *line);

/* The separator found on the header: ',', ';' or '\t'. */
char csv_separator(const csv_reader *r);

/* Frees the reader and its fields (not buf); r may be NULL. */
void csv_close(csv_reader *r);

/* The index of the header column called name, ignoring ASCII case and
 * spaces around either, so a file with columns added or moved is still read
 * by name; the first such column, or -1 when there is none. */
int csv_column(char *const *header, size_t n, const char *name);

/* A text cell of a file we exported, as it was before csv_put() neutralised
 * it: when cell is one or more "'" followed by '=', '+', '-', '@', TAB or
 * CR, the cell after its first "'" (a pointer into cell); otherwise cell
 * itself. Only for text cells: "'-3" in a numeric column is not ours. */
const char *csv_unneutral(const char *cell);

/* Appends one cell (no separator) to sb. When text is true and the cell
 * starts with '=', '+', '-', '@', TAB or CR (after any "'"s, so that
 * csv_unneutral() gives back a cell that itself starts "'="), a "'" is put
 * first. Then the cell is quoted, inner quotes doubled, when it holds ',',
 * ';', TAB, '"', CR or LF, or starts or ends with a space. Numbers we format
 * ourselves pass text false and are written as they are. cell NULL writes
 * an empty cell. */
void csv_put(strbuf *sb, const char *cell, bool text);

/* Ends a row: appends "\r\n" (RFC 4180's line end, which Excel expects). */
void csv_end_row(strbuf *sb);

/* Appends s for printing on a terminal: C0 controls (TAB and LF too), DEL
 * and the C1 controls U+0080..U+009F (as UTF-8, C2 80..C2 9F) become
 * "\xNN" (two lowercase hex digits of the code point, so U+0085 is
 * "\x85"); every other byte is copied as it is. */
void csv_escape_controls(strbuf *sb, const char *s);

/* The results CSV's timestamps: local time as "2026-11-27T10:15:02" from
 * unix ms; and back, also with a space for the T and without seconds (as
 * spreadsheets write it back): unix seconds, or -1 when s is not one.
 * *other gets the other moment of an hour that happens twice (the clocks
 * going back), else the same. */
void csv_format_time(char *out, size_t size, int64_t at_ms);
int64_t csv_parse_time(const char *s, int64_t *other);

#endif
