/* screens_i18n.h - the checks of a translated run of test_screens: every
 * string the UI renders (TTF_RenderUTF8_Blended, wrapped at link time with
 * -Wl,--wrap) is recorded; after each frame none of the game's own words
 * may be cut with an ellipsis or broken inside a word (a cut inside an article's sentence or a
 * team's name is the layout's, checked in English as much), and none may be
 * English words of po/quizmill.pot that the catalogue translates (a string
 * drawn without gettext, or a sentence glued from pieces). Include after harness.h, in the one file of the test. */
#ifndef QUIZMILL_SCREENS_I18N_H
#define QUIZMILL_SCREENS_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "util.h"

SDL_Surface *__real_TTF_RenderUTF8_Blended(TTF_Font *font, const char *text, SDL_Color fg);
SDL_Surface *__wrap_TTF_RenderUTF8_Blended(TTF_Font *font, const char *text, SDL_Color fg);

typedef struct i18n_check {
    bool on;
    char **drawn; /* rendered since the last frame's check */
    size_t ndrawn, capdrawn;
    char **english; /* msgids whose translation differs from them */
    size_t nenglish, capenglish;
    char **words; /* the translations (each plural form) */
    size_t nwords, capwords;
} i18n_check;

static i18n_check i18n_rec;

SDL_Surface *__wrap_TTF_RenderUTF8_Blended(TTF_Font *font, const char *text, SDL_Color fg)
{
    if (i18n_rec.on) {
        xgrow((void **)&i18n_rec.drawn, &i18n_rec.capdrawn, i18n_rec.ndrawn + 1,
              sizeof *i18n_rec.drawn);
        i18n_rec.drawn[i18n_rec.ndrawn++] = xstrdup(text);
    }
    return __real_TTF_RenderUTF8_Blended(font, text, fg);
}

/* A C string literal's bytes (the part between quotes) unescaped onto sb. */
static void i18n_unquote(strbuf *sb, const char *p)
{
    const char *q = strchr(p, '"');
    if (!q)
        return;
    for (q++; *q && *q != '"'; q++) {
        if (*q == '\\' && q[1]) {
            q++;
            strbuf_addc(sb, *q == 'n' ? '\n' : *q == 't' ? '\t' : *q);
        } else {
            strbuf_addc(sb, *q);
        }
    }
}

static void i18n_add(char ***list, size_t *n, size_t *cap, const char *s)
{
    xgrow((void **)list, cap, *n + 1, sizeof **list);
    (*list)[(*n)++] = xstrdup(s);
}

static void i18n_add_msgid(strbuf *id, strbuf *plural)
{
    if (!id->len)
        return;
    const char *one = strbuf_str(id);
    const char *tr = plural->len ? ngettext(one, strbuf_str(plural), 5) : gettext(one);
    const char *en = plural->len ? strbuf_str(plural) : one;
    if (strcmp(tr, en) == 0)
        return; /* the same in both languages: not English to look for */
    for (int k = 0; k < (plural->len ? 2 : 1); k++)
        i18n_add(&i18n_rec.english, &i18n_rec.nenglish, &i18n_rec.capenglish,
                 k ? strbuf_str(plural) : one);
    const int counts[3] = {1, 2, 5}; /* a form each in Russian */
    for (int k = 0; k < (plural->len ? 3 : 1); k++)
        i18n_add(&i18n_rec.words, &i18n_rec.nwords, &i18n_rec.capwords,
                 plural->len ? ngettext(one, strbuf_str(plural), counts[k]) : tr);
}

/* Reads the msgids of the template (after the catalogue is bound) and starts
 * recording what is rendered. */
static void i18n_check_begin(const char *pot)
{
    char *text = test_slurp(pot, NULL);
    OK(text[0] != '\0', "read %s", pot);
    strbuf id = STRBUF_INIT, plural = STRBUF_INIT;
    strbuf *cur = NULL;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (strncmp(line, "msgid_plural ", 13) == 0) {
            cur = &plural;
            i18n_unquote(cur, line);
        } else if (strncmp(line, "msgid ", 6) == 0) {
            i18n_add_msgid(&id, &plural);
            strbuf_release(&id);
            strbuf_release(&plural);
            cur = &id;
            i18n_unquote(cur, line);
        } else if (line[0] == '"' && cur) {
            i18n_unquote(cur, line);
        } else {
            cur = NULL;
        }
        line = nl ? nl + 1 : NULL;
    }
    i18n_add_msgid(&id, &plural);
    strbuf_release(&id);
    strbuf_release(&plural);
    free(text);
    OK(i18n_rec.nenglish > 50, "%zu English msgids with a translation", i18n_rec.nenglish);
    i18n_rec.on = true;
}

/* The start of a msgid up to its first conversion or line end. */
static size_t i18n_head(const char *m)
{
    return strcspn(m, "%\n");
}

/* Whether a rendered line s is English words of msgid m: all of m (or a
 * first line of it, wrapped) when m has no conversions; else m's words
 * before its first conversion, when they are long enough to be no accident
 * of the article's English. */
static bool i18n_is_english(const char *s, const char *m)
{
    size_t head = i18n_head(m), n = strlen(s);
    if (m[head] == '\0') /* no conversion, one line */
        return strcmp(s, m) == 0 || (n >= 12 && strncmp(m, s, n) == 0);
    if (head >= 6 && strncmp(s, m, head) == 0)
        return true;
    return false;
}

/* Whether s, cut with an ellipsis, was cut inside the game's own words: the
 * part kept is a start of a translation shorter than its words before the
 * first conversion (a cut in a "%s" argument is the argument's). */
static bool i18n_cut_words(const char *s)
{
    const char *dots = strstr(s, "\xE2\x80\xA6");
    if (!dots)
        return false;
    size_t n = (size_t)(dots - s);
    while (n && s[n - 1] == ' ')
        n--;
    if (n == 0)
        return true;
    for (size_t k = 0; k < i18n_rec.nwords; k++) {
        const char *w = i18n_rec.words[k];
        if (n < i18n_head(w) && strncmp(w, s, n) == 0)
            return true;
    }
    return false;
}

/* Whether s is a line of the game's words broken inside a word (a word
 * wider than its box is cut between letters): a start of a translation
 * that ends where the translation goes on with the same word. */
static bool i18n_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool i18n_broken_word(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || !i18n_letter((unsigned char)s[n - 1]))
        return false;
    for (size_t k = 0; k < i18n_rec.nwords; k++)
        if (strcmp(i18n_rec.words[k], s) == 0)
            return false; /* whole words of their own ("Ответ", not "Ответили") */
    for (size_t k = 0; k < i18n_rec.nwords; k++) {
        const char *w = i18n_rec.words[k];
        if (n < i18n_head(w) && strncmp(w, s, n) == 0 && i18n_letter((unsigned char)w[n]))
            return true;
    }
    return false;
}

/* Checks what was rendered since the last call, then forgets it. */
static void i18n_check_frame(const char *where)
{
    for (size_t i = 0; i < i18n_rec.ndrawn; i++) {
        const char *s = i18n_rec.drawn[i];
        OK(!i18n_cut_words(s), "%s: the game's words cut with an ellipsis: '%s'", where, s);
        OK(!i18n_broken_word(s), "%s: the game's words broken inside a word: '%s'", where, s);
        for (size_t k = 0; k < i18n_rec.nenglish; k++)
            OK(!i18n_is_english(s, i18n_rec.english[k]), "%s: English on screen: '%s' (msgid '%s')",
               where, s, i18n_rec.english[k]);
        free(i18n_rec.drawn[i]);
    }
    i18n_rec.ndrawn = 0;
}

static void i18n_check_end(void)
{
    i18n_check_frame("end");
    i18n_rec.on = false;
    free(i18n_rec.drawn);
    for (size_t k = 0; k < i18n_rec.nenglish; k++)
        free(i18n_rec.english[k]);
    free(i18n_rec.english);
    for (size_t k = 0; k < i18n_rec.nwords; k++)
        free(i18n_rec.words[k]);
    free(i18n_rec.words);
    memset(&i18n_rec, 0, sizeof i18n_rec);
}

#endif
