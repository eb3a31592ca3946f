/* i18n.h - the UI's words through gettext: _("text") for a string shown to
 * a player, teacher or host, N_("text") for one kept in a table and
 * translated where it is drawn, ngettext(one, many, n) for a count.
 *
 * Until the catalogue is bound (i18n_init() in i18n.c), gettext() returns
 * its argument, so English needs nothing installed. Core messages (config
 * and article errors, stderr) stay in English: they name files and lines
 * for the teacher's search engine.
 */
#ifndef QUIZMILL_I18N_H
#define QUIZMILL_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
