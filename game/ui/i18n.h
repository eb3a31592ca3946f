/* i18n.h - the UI's words through gettext: _("text") for a string shown to
 * a player, teacher or host, N_("text") for one kept in a table and
 * translated where it is drawn, ngettext(one, many, n) for a count.
 *
 * The rule, for every file of game/ui and game/main.c:
 * - translated: everything drawn on screen, and --help (a user reads it in
 *   their terminal). A sentence stays whole, with printf placeholders, so a
 *   translator can reorder it; a count goes through ngettext.
 * - English: stderr (errors, warnings, notes, trace lines), file contents
 *   (results CSV, database rows) and the core's messages: they name files
 *   and lines for the teacher's search engine and the tests' greps. Such
 *   a message shown on screen (a file or database error on the title
 *   screen) stays English, framed by a translated sentence where the UI
 *   makes one ("Saving is off: %s"). The C library's own words in them
 *   (strerror) follow the language, as in any program.
 *
 * Until i18n_init() binds the catalogue, gettext() returns its argument, so
 * English needs nothing installed. The catalogues are po/LANG.po compiled to
 * LOCALEDIR/LANG/LC_MESSAGES/quizmill.mo (po/README.md).
 */
#ifndef QUIZMILL_I18N_H
#define QUIZMILL_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#include "item.h"

#define _(s) gettext(s)
#define N_(s) (s)

/* The gettext domain, the name of the catalogues. */
#define I18N_DOMAIN "quizmill"

/* Sets the language of the UI's words. language: "auto" (the system's:
 * LC_ALL, LC_MESSAGES or LANG, then LANGUAGE as gettext reads it), "en"
 * (the built-in English), or the code of an installed catalogue ("ru").
 * localedir: where catalogues are, or NULL for the build tree (the folder
 * "locale" beside the program, or one up) then the installed LOCALEDIR, then
 * share/locale beside the program's folder.
 * A language whose system locale is missing (a Debian machine often has only
 * C.UTF-8) still works: LC_MESSAGES and LC_CTYPE become C.UTF-8 and
 * LANGUAGE names the language. Only LC_MESSAGES and LC_CTYPE ever change:
 * LC_NUMERIC and the rest stay "C", so numbers in files do not change.
 * Can be called again (main() sets the system's for --help, app_init() the
 * config's). An "auto" whose language has no catalogue is English, not an
 * error. Returns 0, or -1 with *err (caller frees) when language is not
 * "auto" and has no catalogue: the message lists the installed languages. */
int i18n_init(const char *language, const char *localedir, char **err);

/* The installed languages, "en" first, then each code with a catalogue in
 * localedir (or the folders i18n_init() searches when NULL), sorted, without
 * repeats, comma-separated ("en, ru"). Never NULL; caller frees. */
char *i18n_languages(const char *localedir);

/* The code in use after i18n_init() into out: "en" or the Language of the
 * catalogue read ("ru"). */
void i18n_current(char *out, size_t size);

/* A difficulty's word in the UI's language ("easy", "medium", "hard"), with
 * a capital letter to start a line when capital is true. */
const char *i18n_difficulty(item_difficulty d, bool capital);

#endif
