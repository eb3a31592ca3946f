/* i18n.c - the UI's language: which catalogue gettext reads, from the
 * config's [display] language or the system's locale. Start at i18n_init().
 *
 * gettext finds DIR/LANG/LC_MESSAGES/quizmill.mo for the language of the
 * LC_MESSAGES locale, or of LANGUAGE (a list such as "ru:en") when that
 * locale is not "C". A machine without the locale of the language wanted
 * (Debian installs only C.UTF-8 unless told) gets C.UTF-8 for LC_MESSAGES
 * and LC_CTYPE and the language in LANGUAGE: glibc reads the catalogue the
 * same, and messages of other domains (strerror) come out in UTF-8.
 */
#include "i18n.h"

#include <dirent.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

#include "util.h"

#ifndef QUIZMILL_LOCALEDIR
#define QUIZMILL_LOCALEDIR "/usr/share/locale"
#endif

#define CODE_MAX 16   /* "pt_BR", "sr@latin": short */
#define LANGS_MAX 64  /* catalogues listed in one message */

/* A code that can name a folder: letters, digits, '_', '@', '-', not empty,
 * never a path ("..", "/"). */
static bool code_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= CODE_MAX)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '@' || *s == '-'))
            return false;
    return true;
}

static bool has_catalogue(const char *dir, const char *code)
{
    char *p = xasprintf("%s/%s/LC_MESSAGES/%s.mo", dir, code, I18N_DOMAIN);
    struct stat st;
    bool ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
    free(p);
    return ok;
}

#define DIRS_MAX 4

/* The folders that may hold catalogues, in the order they are searched,
 * those that exist: the build tree's "locale" beside the program
 * (build/quizmill, build/locale) or one folder up (the tests in
 * build/tests), the installed LOCALEDIR, and share/locale beside the
 * program's bin (a package installed to another prefix). Returns how many;
 * the caller frees each. */
static size_t search_dirs(char *out[DIRS_MAX])
{
    char *base = SDL_GetBasePath(); /* ends in '/'; works before SDL_Init */
    char *dirs[DIRS_MAX] = {NULL, NULL, xstrdup(QUIZMILL_LOCALEDIR), NULL};
    if (base) {
        dirs[0] = xasprintf("%slocale", base);
        dirs[1] = xasprintf("%s../locale", base);
        dirs[3] = xasprintf("%s../share/locale", base);
        SDL_free(base);
    }
    size_t n = 0;
    for (size_t i = 0; i < DIRS_MAX; i++) {
        struct stat st;
        if (dirs[i] && stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode))
            out[n++] = dirs[i];
        else
            free(dirs[i]);
    }
    return n;
}

/* The folder that holds code's catalogue: localedir when given, else the
 * first of search_dirs() that has it; NULL when none has. Caller frees. */
static char *find_dir(const char *localedir, const char *code)
{
    if (localedir)
        return has_catalogue(localedir, code) ? xstrdup(localedir) : NULL;
    char *dirs[DIRS_MAX], *found = NULL;
    size_t n = search_dirs(dirs);
    for (size_t i = 0; i < n; i++) {
        if (!found && has_catalogue(dirs[i], code))
            found = dirs[i];
        else
            free(dirs[i]);
    }
    return found;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void list_dir(const char *dir, char **codes, size_t *n)
{
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) && *n < LANGS_MAX) {
        if (!code_ok(e->d_name) || strcmp(e->d_name, "en") == 0 ||
            !has_catalogue(dir, e->d_name))
            continue;
        bool seen = false;
        for (size_t i = 0; i < *n && !seen; i++)
            seen = strcmp(codes[i], e->d_name) == 0;
        if (!seen)
            codes[(*n)++] = xstrdup(e->d_name);
    }
    closedir(d);
}

char *i18n_languages(const char *localedir)
{
    char *codes[LANGS_MAX];
    size_t n = 0;
    if (localedir) {
        list_dir(localedir, codes, &n);
    } else {
        char *dirs[DIRS_MAX];
        size_t nd = search_dirs(dirs);
        for (size_t i = 0; i < nd; i++) {
            list_dir(dirs[i], codes, &n);
            free(dirs[i]);
        }
    }
    qsort(codes, n, sizeof codes[0], cmp_str);
    strbuf sb = {0};
    strbuf_adds(&sb, "en");
    for (size_t i = 0; i < n; i++) {
        strbuf_addf(&sb, ", %s", codes[i]);
        free(codes[i]);
    }
    return strbuf_detach(&sb);
}

/* The language a locale name or LANGUAGE list starts with: "ru" of
 * "ru_RU.UTF-8" or "ru:en"; "" for C, POSIX or nothing. */
static void code_of(const char *locale, char out[CODE_MAX])
{
    out[0] = '\0';
    if (!locale || strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0 ||
        strncmp(locale, "C.", 2) == 0)
        return;
    size_t n = strcspn(locale, "_.@:");
    if (n == 0 || n >= CODE_MAX)
        return;
    memcpy(out, locale, n);
    out[n] = '\0';
    if (!code_ok(out))
        out[0] = '\0';
}

/* The system's language from the environment, as setlocale() and gettext
 * read it: LC_ALL, LC_MESSAGES, LANG (the first set), then LANGUAGE when
 * that names no language. */
static void system_code(char out[CODE_MAX])
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    const char *loc = NULL;
    for (size_t i = 0; i < 3 && !loc; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0])
            loc = v;
    }
    code_of(loc, out);
    if (out[0]) {
        const char *lang = getenv("LANGUAGE"); /* "ru:en" before LANG=de_DE */
        char first[CODE_MAX];
        code_of(lang, first);
        if (first[0])
            memcpy(out, first, CODE_MAX);
    }
}

/* Makes gettext read code's catalogue from dir, whether or not the system
 * has a locale for it. */
static void bind(const char *code, const char *dir)
{
    const char *m = setlocale(LC_MESSAGES, "");
    char have[CODE_MAX];
    code_of(m, have);
    if (!m || !have[0] || strcmp(have, code) != 0) {
        /* no locale of that language here: a UTF-8 one that is not "C"
         * (gettext ignores LANGUAGE under "C"), and LANGUAGE names it */
        if (!setlocale(LC_MESSAGES, "C.UTF-8"))
            setlocale(LC_MESSAGES, "");
    }
    /* other domains' messages (strerror) in UTF-8, not "?" for each
     * letter; C.UTF-8 classifies bytes as "C" does */
    setlocale(LC_CTYPE, "C.UTF-8");
    setenv("LANGUAGE", code, 1);
    bindtextdomain(I18N_DOMAIN, dir);
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    textdomain(I18N_DOMAIN); /* also drops the translations gettext cached */
}

/* English: the msgids themselves, whatever the system's locale. */
static void unbind(void)
{
    setlocale(LC_MESSAGES, "C");
    textdomain(I18N_DOMAIN);
}

int i18n_init(const char *language, const char *localedir, char **err)
{
    char code[CODE_MAX];
    bool automatic = !language || strcmp(language, "auto") == 0;
    if (automatic)
        system_code(code);
    else if (code_ok(language))
        snprintf(code, sizeof code, "%s", language);
    else
        code[0] = '\0';
    if ((automatic && !code[0]) || strcmp(code, "en") == 0) {
        unbind();
        return 0;
    }
    char *dir = code[0] ? find_dir(localedir, code) : NULL;
    if (!dir) {
        unbind();
        if (automatic)
            return 0; /* a system language without a catalogue: English */
        char *have = i18n_languages(localedir);
        *err = xasprintf("unknown language '%s' (installed: %s; or auto for the system's)",
                         language, have);
        free(have);
        return -1;
    }
    bind(code, dir);
    free(dir);
    return 0;
}

void i18n_current(char *out, size_t size)
{
    /* the catalogue's own header says its language ("Language: ru\n") */
    static const char header[] = ""; /* the msgid of a catalogue's header */
    const char *h = gettext(header);
    const char *l = h && h[0] ? strstr(h, "Language: ") : NULL;
    if (!l) {
        snprintf(out, size, "en");
        return;
    }
    l += strlen("Language: ");
    snprintf(out, size, "%.*s", (int)strcspn(l, "\n"), l);
}

const char *i18n_difficulty(item_difficulty d, bool capital)
{
    switch (d) {
    case ITEM_EASY: return capital ? _("Easy") : _("easy");
    case ITEM_HARD: return capital ? _("Hard") : _("hard");
    default: return capital ? _("Medium") : _("medium");
    }
}
