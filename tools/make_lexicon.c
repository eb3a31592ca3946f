/* make_lexicon.c - build Quizmill's lexicon file from WordNet, at build time.
 *
 *     make_lexicon OUT
 *
 * Reads the WordNet database through its C library (Debian wordnet-dev,
 * data in wordnet-base; WNSEARCHDIR overrides where it is) and writes OUT:
 * what the generator asks of a word, in a file it can search without
 * loading (game/core/lex.h reads it). Asking the library at run time costs half
 * a millisecond a word; this file answers in microseconds and leaves the
 * game no run-time dependency on WordNet.
 *
 * The file, all text:
 *   line 1   "quizmill-lexicon 2 SYNSETS\n", padded with spaces to 64 bytes
 *   SYNSETS  noun synset records, REC bytes each, in data.noun order:
 *            "PPPPPP QQQQQQ HHHHHH FF K\n": the first two hypernyms
 *            (instance hypernyms included) and the first whole it is part
 *            of (its part holonym: London for Westminster, France for
 *            Paris) as record numbers plus one (000000: none), the
 *            lexicographer file (WordNet's supersense: 18 noun.person, 15
 *            noun.location...), K 'i' for an instance (a named thing)
 *   words    one line per word form, sorted by byte: "FORM\tANALYSES\n",
 *            the analyses space-separated, the likeliest part of speech
 *            first (by how many of its senses are tagged in WordNet's
 *            corpus): POS (n v a r) then an inflection ('-' base, 'p'
 *            plural, 's' third person, 'd' past, 'g' -ing, 'c' comparative),
 *            then "=LEMMA" when the form is inflected, or "#N,N,N" for a
 *            noun lemma: its first three senses' synset records; after a
 *            lemma's analysis, "~WORD" tokens name words of its family
 *            (derivation and pertainym pointers: "~erode" for "erosion",
 *            "~france" for "french").
 *            Multi-word forms have spaces ("silk road").
 * The inflected forms are those WordNet's morphology maps back to a lemma:
 * its exception lists and its suffix rules read in reverse.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wn.h>

#define REC 26

typedef struct entry {
    char *form;
    char pos, infl;
    int weight;  /* tagged senses of the lemma in this part of speech */
    char *lemma; /* NULL: the form is the lemma */
    unsigned ids[3];
    int nids;
    char *kin;   /* a lemma's words of one family ("erode" for "erosion", "France" for
                  * "French"), space-separated, '_' inside a word; NULL: none */
} entry;

static entry *ents;
static size_t nents, capents;
static long *offs; /* noun synset offsets, ascending */
static size_t noffs;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "make_lexicon: out of memory\n");
        exit(1);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    char *d = xrealloc(NULL, strlen(s) + 1);
    return strcpy(d, s);
}

static void add(const char *form, char pos, char infl, int weight, const char *lemma,
                const unsigned *ids, int nids)
{
    if (nents == capents) {
        capents = capents ? capents * 2 : 1 << 16;
        ents = xrealloc(ents, capents * sizeof *ents);
    }
    entry *e = &ents[nents++];
    e->form = xstrdup(form);
    for (char *p = e->form; *p; p++)
        if (*p == '_')
            *p = ' ';
    e->pos = pos;
    e->infl = infl;
    e->weight = weight;
    e->lemma = NULL;
    if (lemma) {
        e->lemma = xstrdup(lemma);
        for (char *p = e->lemma; *p; p++)
            if (*p == '_')
                *p = ' ';
    }
    e->nids = nids;
    for (int i = 0; i < nids; i++)
        e->ids[i] = ids[i];
    e->kin = NULL;
}

/* The words of one family with lemma w (pos) in its first two senses:
 * WordNet's derivation pointers ("erosion" - "erode") and an adjective's
 * pertainym ("French" - "France"), three at most, into a malloc'd
 * space-separated list (NULL when none). */
static char *kin_of(const char *w, int pos, const IndexPtr ix)
{
    char buf[256] = "";
    int n = 0;
    for (int i = 0; i < ix->off_cnt && i < 2 && n < 3; i++) {
        SynsetPtr s = read_synset(pos, (long)ix->offset[i], (char *)w);
        if (!s)
            continue;
        for (int k = 0; k < s->ptrcount && n < 3; k++) {
            if (s->ptrtyp[k] != DERIVATION && s->ptrtyp[k] != PERTPTR)
                continue;
            if (s->pfrm[k] != s->whichword || s->pto[k] <= 0)
                continue;
            SynsetPtr t = read_synset(s->ppos[k], s->ptroff[k], "");
            if (!t)
                continue;
            if (s->pto[k] <= t->wcount) {
                char word[64];
                snprintf(word, sizeof word, "%s", t->words[s->pto[k] - 1]);
                for (char *p = word; *p; p++) {
                    *p = (char)tolower((unsigned char)*p);
                    if (*p == ' ')
                        *p = '_';
                }
                /* "(a)" marks of adjectives' positions are WordNet's, not the word's */
                char *paren = strchr(word, '(');
                if (paren)
                    *paren = '\0';
                char probe[70];
                snprintf(probe, sizeof probe, " %s ", word);
                char have[260];
                snprintf(have, sizeof have, " %s ", buf);
                if (*word && strcmp(word, w) != 0 && !strstr(have, probe) &&
                    strlen(buf) + strlen(word) + 2 < sizeof buf) {
                    if (*buf)
                        strcat(buf, " ");
                    strcat(buf, word);
                    n++;
                }
            }
            free_synset(t);
        }
        free_synset(s);
    }
    return *buf ? xstrdup(buf) : NULL;
}

static unsigned record_of(long off)
{
    size_t lo = 0, hi = noffs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (offs[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == noffs || offs[lo] != off) {
        fprintf(stderr, "make_lexicon: no noun synset at %ld\n", off);
        exit(1);
    }
    return (unsigned)lo;
}

static FILE *open_db(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "make_lexicon: cannot open %s\n", path);
        exit(1);
    }
    return f;
}

/* Is w all lower-case letters (a single plain word the suffix rules fit)? */
static int plain_word(const char *w)
{
    if (!*w)
        return 0;
    for (; *w; w++)
        if (!islower((unsigned char)*w))
            return 0;
    return 1;
}

static int ends(const char *w, const char *suf)
{
    size_t n = strlen(w), m = strlen(suf);
    return n >= m && strcmp(w + n - m, suf) == 0;
}

/* form = w without its last cut bytes, then add */
static void inflect(const char *w, size_t cut, const char *add_, char pos, char infl, int weight)
{
    char buf[256];
    size_t n = strlen(w);
    if (n < cut || n - cut + strlen(add_) + 1 > sizeof buf)
        return;
    memcpy(buf, w, n - cut);
    strcpy(buf + n - cut, add_);
    add(buf, pos, infl, weight, w, NULL, 0);
}

/* The forms WordNet's morphology (morph.c's suffix rules) maps to w. */
static void regular_forms(const char *w, int pos, int weight)
{
    if (!plain_word(w) || strlen(w) < 2)
        return;
    if (pos == NOUN) {
        inflect(w, 0, "s", 'n', 'p', weight);
        if (ends(w, "s") || ends(w, "x") || ends(w, "z") || ends(w, "ch") || ends(w, "sh"))
            inflect(w, 0, "es", 'n', 'p', weight);
        if (ends(w, "man"))
            inflect(w, 2, "en", 'n', 'p', weight);
        if (ends(w, "y"))
            inflect(w, 1, "ies", 'n', 'p', weight);
    } else if (pos == VERB) {
        inflect(w, 0, "s", 'v', 's', weight);
        if (ends(w, "y"))
            inflect(w, 1, "ies", 'v', 's', weight);
        inflect(w, 0, "es", 'v', 's', weight);
        if (ends(w, "e")) {
            inflect(w, 1, "ed", 'v', 'd', weight);
            inflect(w, 1, "ing", 'v', 'g', weight);
        }
        inflect(w, 0, "ed", 'v', 'd', weight);
        inflect(w, 0, "ing", 'v', 'g', weight);
    } else if (pos == ADJ) {
        inflect(w, 0, "er", 'a', 'c', weight);
        inflect(w, 0, "est", 'a', 'c', weight);
        if (ends(w, "e")) {
            inflect(w, 1, "er", 'a', 'c', weight);
            inflect(w, 1, "est", 'a', 'c', weight);
        }
    }
}

static void read_pos_index(const char *dir, int pos, const char *file, char posc)
{
    FILE *f = open_db(dir, file);
    char line[16384];
    long at = 0;
    while (fgets(line, sizeof line, f)) {
        long here = at;
        at = ftell(f);
        if (line[0] == ' ')
            continue; /* the licence */
        IndexPtr ix = parse_index(here, pos, line);
        if (!ix)
            continue;
        unsigned ids[3];
        int nids = 0;
        if (pos == NOUN)
            for (int i = 0; i < ix->off_cnt && nids < 3; i++)
                ids[nids++] = record_of((long)ix->offset[i]);
        int weight = ix->tagged_cnt * 100 + ix->off_cnt;
        add(ix->wd, posc, '-', weight, NULL, ids, nids);
        if (pos == NOUN || pos == VERB || pos == ADJ)
            ents[nents - 1].kin = kin_of(ix->wd, pos, ix);
        regular_forms(ix->wd, pos, weight);
        free_index(ix);
    }
    fclose(f);
}

/* The weight of lemma as a posc in the sorted base entries ents[0..nbase). */
static int weight_of(const char *lemma, char posc, size_t nbase)
{
    char key[256];
    snprintf(key, sizeof key, "%s", lemma);
    for (char *p = key; *p; p++)
        if (*p == '_')
            *p = ' ';
    size_t lo = 0, hi = nbase;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(ents[mid].form, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < nbase && strcmp(ents[lo].form, key) == 0; lo++)
        if (ents[lo].pos == posc && !ents[lo].lemma)
            return ents[lo].weight;
    return 0;
}

static void read_exceptions(const char *dir, const char *file, char posc, size_t nbase)
{
    FILE *f = open_db(dir, file);
    char form[256], lemma[256];
    while (fscanf(f, "%255s %255s%*[^\n]", form, lemma) == 2) {
        char infl = posc == 'n' ? 'p' : posc == 'a' ? 'c' : 'd';
        if (posc == 'v' && ends(form, "ing"))
            infl = 'g';
        else if (posc == 'v' && ends(form, "s") && !ends(form, "ss"))
            infl = 's';
        add(form, posc, infl, weight_of(lemma, posc, nbase), lemma, NULL, 0);
    }
    fclose(f);
}

static int cmp_entry(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int c = strcmp(a->form, b->form);
    if (c)
        return c;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    if (a->pos != b->pos)
        return a->pos - b->pos;
    if (a->infl != b->infl)
        return a->infl - b->infl;
    return strcmp(a->lemma ? a->lemma : "", b->lemma ? b->lemma : "");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_lexicon OUT\n");
        return 2;
    }
    if (wninit() != 0) {
        fprintf(stderr, "make_lexicon: cannot open the WordNet database\n");
        return 1;
    }
    const char *dir = SetSearchdir();
    /* the noun synsets, in file order */
    FILE *dn = open_db(dir, "data.noun");
    char line[65536];
    long at = 0;
    size_t capoffs = 0;
    while (fgets(line, sizeof line, dn)) {
        long here = at;
        at = ftell(dn);
        if (line[0] == ' ')
            continue;
        if (noffs == capoffs) {
            capoffs = capoffs ? capoffs * 2 : 1 << 16;
            offs = xrealloc(offs, capoffs * sizeof *offs);
        }
        offs[noffs++] = here;
    }
    fclose(dn);

    FILE *out = fopen(argv[1], "w");
    if (!out) {
        fprintf(stderr, "make_lexicon: cannot write %s\n", argv[1]);
        return 1;
    }
    char head[65];
    snprintf(head, sizeof head, "quizmill-lexicon 2 %zu", noffs);
    fprintf(out, "%-63s\n", head);
    for (size_t i = 0; i < noffs; i++) {
        SynsetPtr s = read_synset(NOUN, offs[i], NULL);
        if (!s) {
            fprintf(stderr, "make_lexicon: cannot read noun synset %ld\n", offs[i]);
            return 1;
        }
        unsigned par[2] = {0, 0}, whole = 0;
        int np = 0, inst = 0;
        for (int k = 0; k < s->ptrcount; k++) {
            if (s->ppos[k] != NOUN)
                continue;
            if ((s->ptrtyp[k] == HYPERPTR || s->ptrtyp[k] == INSTANCE) && np < 2) {
                par[np++] = record_of(s->ptroff[k]) + 1;
                inst |= s->ptrtyp[k] == INSTANCE;
            } else if (s->ptrtyp[k] == ISPARTPTR && !whole) {
                whole = record_of(s->ptroff[k]) + 1;
            }
        }
        fprintf(out, "%06u %06u %06u %02d %c\n", par[0], par[1], whole, s->fnum,
                inst ? 'i' : '-');
        free_synset(s);
    }
    read_pos_index(dir, NOUN, "index.noun", 'n');
    read_pos_index(dir, VERB, "index.verb", 'v');
    read_pos_index(dir, ADJ, "index.adj", 'a');
    read_pos_index(dir, ADV, "index.adv", 'r');
    qsort(ents, nents, sizeof *ents, cmp_entry); /* the lemmas' weights, by search */
    size_t nbase = nents;
    read_exceptions(dir, "noun.exc", 'n', nbase);
    read_exceptions(dir, "verb.exc", 'v', nbase);
    read_exceptions(dir, "adj.exc", 'a', nbase);
    qsort(ents, nents, sizeof *ents, cmp_entry);
    for (size_t i = 0; i < nents;) {
        size_t j = i;
        fputs(ents[i].form, out);
        fputc('\t', out);
        for (; j < nents && strcmp(ents[j].form, ents[i].form) == 0; j++) {
            const entry *e = &ents[j];
            /* the same analysis twice (a rule and an exception agree) once */
            int dup = 0;
            for (size_t k = i; k < j && !dup; k++)
                dup = ents[k].pos == e->pos && ents[k].infl == e->infl &&
                      !strcmp(ents[k].lemma ? ents[k].lemma : "", e->lemma ? e->lemma : "");
            if (dup)
                continue;
            if (j > i)
                fputc(' ', out);
            fprintf(out, "%c%c", e->pos, e->infl);
            if (e->lemma) {
                fputc('=', out);
                for (const char *p = e->lemma; *p; p++)
                    fputc(*p == ' ' ? '_' : *p, out);
            }
            for (int k = 0; k < e->nids; k++)
                fprintf(out, "%c%u", k ? ',' : '#', e->ids[k]);
            if (e->kin) /* " ~erode ~erosive" */
                for (const char *p = e->kin; *p;) {
                    size_t l = strcspn(p, " ");
                    fprintf(out, " ~%.*s", (int)l, p);
                    p += l + (p[l] == ' ');
                }
        }
        fputc('\n', out);
        i = j;
    }
    if (fclose(out) != 0) {
        fprintf(stderr, "make_lexicon: cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
