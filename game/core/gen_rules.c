/* gen_rules.c - the rules a wrong choice must pass.
 *
 * A multiple-choice item is only as good as its wrong choices. Each must
 * read well in place of the key, be the same kind of thing, be plainly
 * wrong by the article and still tempt a reader who skimmed. The generator
 * (gen.c) proves "wrong by the article" with its own checks (a filled-in
 * sentence the article does not hold; a listed thing its section does not
 * name). The rules here decide the rest, term by term:
 *
 * What may be asked for.
 *   - A number, unless it is one end of a range ("between 8 and 10",
 *     "70-60 BC": a wrong end could fall outside the other) or a bound or
 *     a round figure ("by 1517", "around 20", "over 250": a later year, a
 *     nearby figure may be as true).
 *   - A name (a capitalised run) only when its kind is known: WordNet
 *     knows the name (Kazakhstan: a place) or its head word (the Caspian
 *     *Sea*, a *University*), or the words around it tell (after
 *     "near", "across", "throughout": a place; after a title such as "Dr"
 *     or before "said": a person; "in" or "from" may as well come before
 *     a firm, so they do not tell). A name used as a modifier ("the
 *     Central Asian region") is not asked for: its wrong choices would
 *     have to be modifiers too.
 *   - A word or phrase only when WordNet reads its head word (the last
 *     word, or the whole phrase when WordNet knows it: "silk road") as a
 *     noun of a concrete class: animals, artifacts, body parts, food,
 *     places, natural objects, plants, amounts, substances, times. Not
 *     people by their role ("students", "engineers": one person is often
 *     several), not a title before a name ("the philosopher Posidonius"),
 *     not the head of a compound ("carbon monoxide", "house sparrow"), not
 *     a unit after a number ("4 millimetres": another unit is ten or a
 *     thousand times off).
 *     Verbs, adjectives, adverbs and abstract nouns are not asked for:
 *     their wrong choices are too often also right ("enhancement" for
 *     "enrichment"), or ungrammatical.
 *
 * Grammar: the wrong choice must read as the key reads in its sentence.
 *   - The key's reading comes from its use: a word before a noun reads as
 *     an adjective ("in _____ sectors"), else as a noun when it can be one,
 *     with its number ("countries" plural). A wrong choice must allow the
 *     same reading: same part of speech and inflection.
 *   - Names take names, numbers numbers, words words; a phrase takes
 *     phrases of about its length (one word more or less).
 *   - a/an agreement is the generator's (it knows the word before the blank).
 *
 * Same kind of thing.
 *   - Numbers: years with years (four digits from 1000 to 2099 with no
 *     unit after them); the same decimals and thousands marks and currency
 *     sign; and the same word after it (its unit: "percent", "km",
 *     "million", "degrees Celsius", a month for a day of it), so a share
 *     never stands for a count. Plausible: a year within 30 years of the
 *     key's, an amount within a factor of two. The key's order among the
 *     other numbers of its sentence holds (a machine shown in 1893 was not
 *     built in 1945), and no end of a range stands for a single number.
 *   - Names: the same kind (person, place, group, other thing), and a
 *     place the same whole as the key among the sentence's other places
 *     (WordNet's part holonyms): "the National Library of France in ___"
 *     takes places of France, "___ in Sicily" places of Sicily, "in ___
 *     at Westminster" places Westminster is part of. A single
 *     capitalised plural ("Wednesdays", "Europeans") or a word that is also
 *     an adjective ("German") is no name of a known kind: never asked for,
 *     never a wrong choice for a name.
 *   - Nouns (and names WordNet knows): the first senses must be of the
 *     same lexicographer class (WordNet's coarse kinds: animal, artifact,
 *     location, person...), and the key's commonest sense must share with
 *     one of the candidate's first two a hypernym at most four links above
 *     the key (or at depth 10 or more: animals and plants sit deep), at
 *     depth 6 or more (below "instrumentality": a computer and a shoebox
 *     meet at 5, a length and a weight too), 7 for people (a painter and a
 *     composer meet at 6), 8 for places and plants (a city and a country
 *     meet at 6, countries of two continents at 7), 9 for animals (a dog
 *     and a chick meet at 8: a mammal for a mammal, a bird for a bird). A name WordNet knows never stands
 *     for one it does not know, nor the other way round. So "blackbird"
 *     stands for "sparrow"; "insects" does not for "farmers", nor "art" for
 *     "hurdles".
 *
 * One right answer.
 *   - No synonym, hypernym or hyponym of the key (WordNet: either sense is
 *     the other's or its ancestor): "organizations" is no wrong choice for
 *     "institutions", nor "nations" for "countries".
 *   - No wrong choice with the key's head word ("regional stability" for
 *     "political stability" may well be true too).
 *
 *   - No word the article itself gives as another name for the key ("the
 *     hull (pericarp)", "the pericarp, the hard outer hull": gen.c reads
 *     these pairs), and, for "which of these is named", no synonym of a
 *     thing the section names ("fiddle" where it names the violin).
 *
 * Difficulty is closeness. rules_fit() scores how close a fair wrong
 * choice is: for nouns and names the depth of the deepest hypernym both
 * share (a close kind), for numbers how near the values are. The generator
 * picks the farthest fair choices for easy, the middle for medium and the
 * closest for hard.
 *
 * Which sentences make prompts (the functions after the term rules).
 *   - A sentence, not a fragment: no lead-in ending in ':' (rules_lead_in),
 *     no list pasted as one run (rules_list_line), no reply to a heading's
 *     question ("Yes, but in June rather than April.": rules_opens_yes_no),
 *     no gap-fill about "he" or "she" who the sentence does not name
 *     (rules_about_someone); a
 *     quote for "which section says" starts with a capital and is no
 *     instruction (rules_instruction: "Work in groups of three" only fits
 *     an activity's heading).
 *   - A sentence offered as a choice ("which of these does <section>
 *     say?") is a plain one (rules_plain_sentence: a capital first, a full
 *     stop last, no gap where a link was, no "Term: definition" line, no
 *     folded box's label), of about the key's length
 *     (rules_alike_in_length) and mood (instructions with instructions).
 *     Under a heading that asks a question (rules_asks) no such item is
 *     made: the one sentence that answers it would stand out.
 *   - Section titles as choices: of about the key's length, questions with
 *     questions.
 *   - The key must not be the only choice to repeat a word of the prompt
 *     (gen.c compares the words by their stems): when it does, every wrong
 *     choice must repeat the same word, and of several shared words a
 *     distinctive one (not common in the article), or the item is dropped.
 *     A name whose kin word is in its sentence ("English" for England) is
 *     not blanked (rules_kin_word).
 *
 * FAQ items.
 *   - Swapped answers only when the question asks for a term
 *     (rules_question_asks, rules_slot_answers): when (a year, a number, a
 *     time), where (a place), who (a person), how many (a number), what (a
 *     thing); the term is not a word of the question, and every wrong choice
 *     swaps that same term, so no choice shares more with the others.
 *   - Otherwise "which question does this answer?": the other questions of
 *     its form (rules_same_form, rules_opens_yes_no: an instruction is no
 *     answer to a yes/no question, "usually do not" none to "Are ...?"),
 *     each asking about something the answer names.
 */
#include "gen_rules.h"

#include <math.h>
#include <string.h>

#include "doc.h"
#include "text.h"
#include "util.h"

#define CD_SAME_CLASS 5  /* common hypernym depth enough within one class */

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The word before s[off] (skipping spaces), lower case, into w (cap n). */
static size_t word_before(const char *s, size_t off, char *w, size_t n)
{
    size_t e = off;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > 0 && (is_alpha((unsigned char)s[b - 1]) || s[b - 1] == '.'))
        b--;
    size_t l = e - b;
    if (l && s[b + l - 1] == '.')
        l--; /* "Dr." */
    if (!l || l >= n)
        return 0;
    for (size_t i = 0; i < l; i++)
        w[i] = (char)ascii_lower((unsigned char)s[b + i]);
    w[l] = '\0';
    return l;
}

/* The word after s[end] (skipping spaces), into w as written. */
static size_t word_after(const char *s, size_t end, char *w, size_t n)
{
    size_t b = end;
    while (s[b] == ' ')
        b++;
    size_t e = b;
    while (s[e] && (is_alpha((unsigned char)s[e]) || s[e] == '-'))
        e++;
    size_t l = e - b;
    if (!l || l >= n)
        return 0;
    memcpy(w, s + b, l);
    w[l] = '\0';
    return l;
}

static bool in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return true;
    return false;
}

static const char *const place_before[] = {"near", "across", "throughout", NULL};
static const char *const person_before[] = {
    "mr", "mrs", "ms", "dr", "prof", "professor", "president", "king", "queen", "sir",
    "saint", "prince", "princess", "emperor", "general", "minister", "pope", "lord",
    "lady", "captain", "senator", "chancellor", "inventor", "engineer", "author", NULL};
static const char *const person_after[] = {"said", "says", "wrote", "argued", "himself",
                                           "herself", "who", "founded", "invented", NULL};

uint8_t rules_name_hint(const char *s, size_t off, size_t len)
{
    char w[32];
    if (word_before(s, off, w, sizeof w)) {
        if (in_list(w, person_before))
            return RULE_PERSON;
        if (in_list(w, place_before))
            return RULE_PLACE;
    }
    if (word_after(s, off + len, w, sizeof w)) {
        for (char *p = w; *p; p++)
            *p = (char)ascii_lower((unsigned char)*p);
        if (in_list(w, person_after))
            return RULE_PERSON;
    }
    return RULE_UNKNOWN;
}

/* Words that follow a year: "1905 года", "в 1891 году". */
static const char *const year_words[] = {"\xD0\xB3\xD0\xBE\xD0\xB4",
                                         "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0",
                                         "\xD0\xB3\xD0\xBE\xD0\xB4\xD1\x83",
                                         "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0\xD1\x85",
                                         "\xD0\xB3\xD0\xBE\xD0\xB4\xD1\x8B",
                                         "\xD0\xB3", NULL};
static const char *const months[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december", NULL};
/* Unit words that need the next word too: "degrees Celsius", "square metres". */
static const char *const unit_firsts[] = {"degrees", "degree", "square", "cubic", "per", NULL};

uint32_t rules_number_unit(const char *s, size_t off, size_t len)
{
    size_t e = off + len;
    if (s[e] == '%')
        return (uint32_t)hash64("percent", 7, 0);
    char w[32];
    size_t l = word_after(s, e, w, sizeof w);
    if (l && (s[e] == ' ' || s[e] == '\xc2')) { /* "1 September": a day of a month */
        char low[32];
        for (size_t i = 0; i <= l; i++)
            low[i] = (char)ascii_lower((unsigned char)w[i]);
        if (in_list(low, months))
            return (uint32_t)hash64("month", 5, 0) | 1;
        if (in_list(low, unit_firsts)) { /* and the word after it */
            size_t b = e;
            while (s[b] == ' ')
                b++;
            char w2[32];
            size_t l2 = word_after(s, b + l, w2, sizeof w2);
            uint64_t h = hash64(low, l, 0);
            for (size_t i = 0; i < l2; i++)
                w2[i] = (char)ascii_lower((unsigned char)w2[i]);
            return (uint32_t)hash64(w2, l2, h) | 1;
        }
    }
    /* "12," or "12-year" have none; nor "1517 Martin", "1991 the"; nor a
     * year by the word for it ("1905 года") */
    if (!l || (s[e] != ' ' && s[e] != '\xc2') || text_is_capitalised(w, l) ||
        text_is_stopword(w, l) || in_list(w, year_words))
        return 0;
    for (size_t i = 0; i < l; i++)
        w[i] = (char)ascii_lower((unsigned char)w[i]);
    if (strcmp(w, "per") == 0 && strncmp(s + e, " per cent", 9) == 0)
        return (uint32_t)hash64("percent", 7, 0);
    return (uint32_t)hash64(w, l, 0) | 1;
}

/* The kind of thing a noun class names, for names. */
static uint8_t entity_of_class(int cls)
{
    switch (cls) {
    case 18:
        return RULE_PERSON;
    case 15:
    case 17: /* noun.object: seas, rivers, mountains */
        return RULE_PLACE;
    case 14:
        return RULE_GROUP;
    case -1:
        return RULE_UNKNOWN;
    default:
        return RULE_THING;
    }
}

static void take_senses(const lex *lx, rule_term *t)
{
    t->nsenses = t->head.nsenses < 2 ? t->head.nsenses : 2;
    for (size_t i = 0; i < t->nsenses; i++) {
        t->nanc[i] = (uint8_t)lex_ancestors(lx, t->head.senses[i], t->anc[i]);
        t->nwholes[i] = (uint8_t)lex_wholes(lx, t->head.senses[i], t->wholes[i], 8);
    }
    t->cls = t->nsenses ? lex_class(lx, t->head.senses[0]) : -1;
}

/* The number's shape: digits, decimals, thousands marks, a year. */
static void number_of(const char *s, size_t n, rule_term *t)
{
    bool frac = false;
    long v = 0;
    double scale = 0.1;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            if (frac) {
                t->decimals++;
                t->value += (ch - '0') * scale;
                scale /= 10;
            } else {
                t->digits++;
                v = v < 100000 ? v * 10 + (ch - '0') : v;
                t->value = t->value < 1e9 ? t->value * 10 + (ch - '0') : t->value;
            }
        } else if (ch == '.') {
            frac = true;
        } else if (ch == ',') {
            t->comma = true;
        }
    }
    t->lead0 = n > 1 && s[0] == '0';
    /* "1520 millimetres" is no year: a year has no unit after it */
    t->year = t->digits == 4 && !t->comma && !frac && v >= 1000 && v <= 2099 && !t->unit;
}

void rules_describe(const lex *lx, const char *text, size_t len, int shape, uint8_t hint,
                    uint32_t unit, rule_term *out)
{
    memset(out, 0, sizeof *out);
    out->shape = (uint8_t)shape;
    out->cls = -1;
    text_spans w = TEXT_SPANS_INIT;
    text_words(text, len, &w);
    out->nwords = (uint8_t)(w.n < 255 ? w.n : 255);
    if (shape == RULE_NUMBER) {
        out->unit = unit;
        out->ranged = hint != 0;
        number_of(text, len, out);
        text_spans_release(&w);
        return;
    }
    /* the whole phrase when WordNet knows it, else its last word */
    bool whole = lex_lookup(lx, text, len, &out->head);
    if (!whole && w.n > 1) {
        const text_span *h = &w.v[w.n - 1];
        lex_lookup(lx, text + h->off, h->len, &out->head);
    }
    text_spans_release(&w);
    out->known = out->head.n > 0;
    take_senses(lx, out);
    if (out->head.n) {
        out->pos = out->head.r[0].pos;
        out->infl = out->head.r[0].infl;
        if (out->nwords > 1 && lex_can_be(&out->head, 'n', '?')) {
            out->pos = 'n';
            for (size_t i = 0; i < out->head.n; i++)
                if (out->head.r[i].pos == 'n') {
                    out->infl = out->head.r[i].infl;
                    break;
                }
        }
    }
    if (shape == RULE_NAME) {
        out->entity = out->nsenses ? entity_of_class(out->cls) : RULE_UNKNOWN;
        if (out->entity == RULE_UNKNOWN)
            out->entity = hint;
        /* "German", "Europeans": a people's adjective or its plural */
        if (out->nwords == 1 && (lex_can_be(&out->head, 'a', '?') || out->infl == 'p'))
            out->entity = RULE_UNKNOWN;
    }
}

/* Is the word w (as written) likeliest a noun, and no stop word? */
static bool noun_word(const lex *lx, const char *w, size_t l)
{
    lex_word x;
    return !text_is_stopword(w, l) && lex_lookup(lx, w, l, &x) && x.r[0].pos == 'n';
}

static bool in_range(const char *s, size_t off, size_t len);

uint8_t rules_number_ranged(const char *s, size_t off, size_t len)
{
    return in_range(s, off, len);
}

/* Is the number at s[off..off+len) one end of a range: "8 and 10",
 * "from 1914 to 1918", "70–60 BC"? A wrong end could fall outside the
 * other and make nonsense. */
static bool in_range(const char *s, size_t off, size_t len)
{
    static const char *const joins[] = {" and ", " to ", " or ", "\xE2\x80\x93", "-",
                                        " \xD0\xBF\xD0\xBE ", " \xD0\xB8 ", NULL}; /* по, и */
    size_t e = off + len;
    for (const char *const *j = joins; *j; j++) {
        size_t lj = strlen(*j);
        if (strncmp(s + e, *j, lj) == 0 && s[e + lj] >= '0' && s[e + lj] <= '9')
            return true;
        if (off >= lj + 1 && strncmp(s + off - lj, *j, lj) == 0 && s[off - lj - 1] >= '0' &&
            s[off - lj - 1] <= '9')
            return true;
    }
    return false;
}

static const char *const loose_before[] = {"by", "before", "after", "since", "until", "till",
                                           "around", "about", "circa", "c", "approximately",
                                           "nearly", "almost", "over", "under", NULL};

/* The currency sign right before s[off], or 0. */
static char prefix_of(const char *s, size_t off)
{
    if (off >= 1 && s[off - 1] == '$')
        return '$';
    if (off >= 2 && !memcmp(s + off - 2, "\xc2\xa3", 2))
        return '\xa3';
    if (off >= 3 && !memcmp(s + off - 3, "\xe2\x82\xac", 3))
        return '\xac';
    return 0;
}

/* The key's sentence's other numbers of its kind (year or not, the same
 * currency), for rules_fit() to keep the key's order among them. */
static void other_numbers(const char *s, size_t off, rule_term *key)
{
    text_spans w = TEXT_SPANS_INIT;
    text_words(s, strlen(s), &w);
    key->nother = 0;
    for (size_t i = 0; i < w.n && key->nother < 6; i++) {
        if (w.v[i].off == off || !text_is_number(s + w.v[i].off, w.v[i].len))
            continue;
        rule_term o;
        memset(&o, 0, sizeof o);
        o.unit = rules_number_unit(s, w.v[i].off, w.v[i].len);
        number_of(s + w.v[i].off, w.v[i].len, &o);
        /* beside a year, a year's shape is a year whatever follows it */
        bool year = o.year || (key->year && o.digits == 4 && !o.comma && !o.decimals &&
                               o.value >= 1000 && o.value <= 2099);
        if (year == key->year && prefix_of(s, w.v[i].off) == key->prefix)
            key->other[key->nother++] = o.value;
    }
    text_spans_release(&w);
}

static bool has_sense(const unsigned *v, size_t n, unsigned s)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == s)
            return true;
    return false;
}

/* The places named in sentence s (but the key at [off, off+len)) that the
 * key is part of or holds, by WordNet's part holonyms, into key->anchor. */
static void place_anchors(const lex *lx, const char *s, size_t off, size_t len, rule_term *key)
{
    key->nanchor = 0;
    if (!key->nsenses)
        return;
    text_spans names = TEXT_SPANS_INIT;
    text_names(s, strlen(s), &names);
    for (size_t i = 0; i < names.n && key->nanchor < 3; i++) {
        if (names.v[i].off < off + len && names.v[i].off + names.v[i].len > off)
            continue; /* the key itself */
        lex_word w;
        const char *nm = s + names.v[i].off;
        size_t nl = names.v[i].len;
        if (!lex_lookup(lx, nm, nl, &w) || !w.nsenses) {
            /* "the National Library of France": its last word */
            const char *sp = nm + nl;
            while (sp > nm && sp[-1] != ' ')
                sp--;
            if (sp == nm || !lex_lookup(lx, sp, (size_t)(nm + nl - sp), &w))
                continue;
        }
        for (size_t a = 0; a < w.nsenses && a < 2 && key->nanchor < 3; a++) {
            struct rule_anchor *an = &key->anchor[key->nanchor];
            an->s = w.senses[a];
            an->nwholes = (uint8_t)lex_wholes(lx, an->s, an->wholes, 8);
            bool part = false, holds = false;
            for (size_t k = 0; k < key->nsenses; k++) {
                part = part || has_sense(key->wholes[k], key->nwholes[k], an->s);
                holds = holds || has_sense(an->wholes, an->nwholes, key->head.senses[k]);
            }
            if (part || holds) {
                an->holds = holds;
                key->nanchor++;
                break;
            }
        }
    }
    text_spans_release(&names);
}

void rules_in_use(const lex *lx, const char *s, size_t off, size_t len, rule_term *key)
{
    if (key->shape == RULE_NUMBER) {
        /* "by 1517", "around 20": a bound or a round figure, which a later
         * or a nearby wrong choice may fit as well */
        char before[16];
        size_t lb = word_before(s, off - (off && s[off - 1] == '$'), before, sizeof before);
        key->ranged = in_range(s, off, len) || (lb && in_list(before, loose_before));
        key->prefix = prefix_of(s, off);
        other_numbers(s, off, key);
        return;
    }
    char after[48], before[48];
    size_t la = word_after(s, off + len, after, sizeof after);
    bool before_noun = la && !text_is_capitalised(after, la) && noun_word(lx, after, la);
    if (key->shape == RULE_NAME) {
        if (before_noun) /* "the Central Asian region": a modifier */
            key->entity = RULE_UNKNOWN;
        else if (key->entity == RULE_PLACE)
            place_anchors(lx, s, off, len, key);
        return;
    }
    if (key->shape != RULE_WORD || !key->head.n)
        return;
    /* a title before a name ("the philosopher Posidonius": he may have
     * been a mathematician too), the head of a compound ("carbon
     * monoxide", "house sparrow": the compound gives it away), or a unit
     * after a number ("4 millimetres": another unit is ten or a thousand
     * times off) */
    size_t lb = word_before(s, off, before, sizeof before);
    size_t nb = off;
    while (nb > 0 && s[nb - 1] == ' ')
        nb--;
    bool after_number = nb > 0 && nb < off && s[nb - 1] >= '0' && s[nb - 1] <= '9';
    if ((la && text_is_capitalised(after, la) && s[off + len] == ' ') ||
        (lb && s[off - 1] == ' ' && noun_word(lx, before, lb)) || after_number) {
        key->unfit = true;
        return;
    }
    if (key->nwords == 1 && before_noun && lex_can_be(&key->head, 'a', '?')) {
        key->pos = 'a';
        key->infl = '-';
        return;
    }
    if (lex_can_be(&key->head, 'n', '?')) {
        key->pos = 'n';
        bool plural = lex_can_be(&key->head, 'n', 'p'), single = lex_can_be(&key->head, 'n', '-');
        key->infl = plural && single ? '?' : plural ? 'p' : '-';
    }
}

/* Is a noun class one of things, places, people, times and amounts, whose
 * members are plainly told apart? Abstract classes (acts, attributes,
 * states, feelings...) hold near-synonyms that WordNet keeps apart:
 * "enhancement" would be a wrong choice for "enrichment". */
static bool concrete(int cls)
{
    switch (cls) {
    case 5:  /* animal */
    case 6:  /* artifact */
    case 8:  /* body */
    case 13: /* food */
    case 15: /* location */
    case 17: /* object */
    case 18: /* person */
    case 20: /* plant */
    case 23: /* quantity */
    case 27: /* substance */
    case 28: /* time */
        return true;
    default:
        return false;
    }
}

bool rules_askable(const rule_term *key)
{
    switch (key->shape) {
    case RULE_NUMBER:
        return !key->ranged;
    case RULE_NAME:
        return key->entity != RULE_UNKNOWN;
    default:
        /* people by role ("adults", "students", "engineers") are left out:
         * one person is often several, so a wrong role may be true too */
        return key->known && !key->unfit && key->pos == 'n' && key->nsenses > 0 &&
               concrete(key->cls) && key->cls != 18;
    }
}

/* The least depth of the deepest hypernym a noun of class cls must share
 * with a wrong choice: 6 (a length and a weight meet at 5, a computer and a
 * shoebox at 5); people 7 (a painter and a composer meet at 6); places and
 * plants 8 (a city and a country meet at 6, countries of two continents at
 * 7); animals 9 (a dog and a chick meet at 8, "vertebrate"). */
static int min_common_depth(int cls)
{
    switch (cls) {
    case 5: /* animals: below "vertebrate" (a dog and a chick meet at 8) */
        return 9;
    case 20: /* plants */
    case 15: /* places */
        return 8;
    case 18: /* people */
        return 7;
    default:
        return 6;
    }
}

/* How close two noun readings are: -1 when either sense is the other's
 * (synonym, hypernym, hyponym) or they share no kind; else 0..100. The
 * key's commonest sense meets the candidate's first two. */
static int noun_closeness(const rule_term *k, const rule_term *c)
{
    int best = -1;
    if (!k->nsenses || k->cls < 0 || k->cls != c->cls)
        return -1;
    for (size_t j = 0; j < c->nsenses; j++) {
        /* both hypernym lists are sorted: walk them side by side */
        const lex_anc *x = k->anc[0], *y = c->anc[j];
        size_t a = 0, b = 0;
        while (a < k->nanc[0] && b < c->nanc[j]) {
            if (x[a].s < y[b].s) {
                a++;
            } else if (x[a].s > y[b].s) {
                b++;
            } else {
                if (x[a].dist == 0 || y[b].dist == 0)
                    return -1; /* the same sense, or one a kind of the other */
                /* a kind near the key: at most four links up from it, or
                 * deep in a deep tree (cows and horses meet six links up,
                 * at "ungulate", depth 11) */
                if (x[a].depth > best && (x[a].dist <= 4 || x[a].depth >= 10))
                    best = x[a].depth;
                a++;
                b++;
            }
        }
    }
    if (best < min_common_depth(k->cls))
        return -1;
    int score = best * 10;
    return score > 100 ? 100 : score;
}

bool rules_same(const rule_term *a, const rule_term *b)
{
    for (size_t i = 0; i < a->head.nsenses && i < 2; i++)
        for (size_t j = 0; j < b->head.nsenses && j < 2; j++)
            if (a->head.senses[i] == b->head.senses[j])
                return true;
    return false;
}

int rules_fit(const rule_term *key, const rule_term *cand)
{
    if (key->shape != cand->shape)
        return -1;
    if (key->shape == RULE_NUMBER) {
        if (key->year != cand->year || key->decimals != cand->decimals ||
            key->comma != cand->comma || key->lead0 != cand->lead0 ||
            key->digits > cand->digits + 1 ||
            cand->digits > key->digits + 1)
            return -1;
        if ((!key->year && key->unit != cand->unit) || cand->ranged)
            return -1;
        /* the key's order among its sentence's other numbers holds: no
         * machine "shown in 1893" built in 1945 */
        for (size_t i = 0; i < key->nother; i++) {
            double o = key->other[i];
            if (cand->value == o || (key->value < o) != (cand->value < o))
                return -1;
        }
        /* plausible: a year within 30 of the key's, an amount less than
         * twice or half of it; nearer values are closer (100 the same) */
        double lo = key->value < cand->value ? key->value : cand->value;
        double hi = key->value < cand->value ? cand->value : key->value;
        if (key->year)
            return hi - lo > 30 ? -1 : (int)(100 - 3 * (hi - lo));
        if (hi >= 2 * lo)
            return -1;
        return (int)(100 * (2 - hi / (lo > 0 ? lo : 1)));
    }
    if (key->nwords > cand->nwords + 1 || cand->nwords > key->nwords + 1)
        return -1;
    if (key->shape == RULE_NAME) {
        if (key->entity == RULE_UNKNOWN || key->entity != cand->entity)
            return -1;
        /* the sentence's places hold the wrong place as they hold the key
         * ("___ in Sicily": a place of Sicily; "in ___ at Westminster": a
         * place Westminster is part of) */
        for (size_t i = 0; i < key->nanchor; i++) {
            const struct rule_anchor *an = &key->anchor[i];
            bool same = false;
            for (size_t k = 0; k < cand->nsenses && !same; k++)
                same = an->holds ? has_sense(an->wholes, an->nwholes, cand->head.senses[k])
                                 : has_sense(cand->wholes[k], cand->nwholes[k], an->s);
            if (!same)
                return -1;
        }
        /* WordNet knows both, or neither (their kinds from the words around) */
        if (key->nsenses && cand->nsenses)
            return noun_closeness(key, cand);
        return key->nsenses || cand->nsenses ? -1 : 40;
    }
    /* words: the candidate likeliest reads as the key reads ("stable" is
     * an adjective first, no wrong choice for "hurdles") */
    if (!cand->known || cand->head.r[0].pos != key->pos ||
        !lex_can_be(&cand->head, key->pos, key->infl ? key->infl : '?'))
        return -1;
    if (key->pos == 'n' && key->infl == '?' && !lex_can_be(&cand->head, 'n', '?'))
        return -1;
    if (key->pos != 'n')
        return key->pos == 'a' ? 50 : -1;
    if (!cand->nsenses || !key->nsenses)
        return -1;
    return noun_closeness(key, cand);
}

/* ---- sentences, titles and questions ---- */


/* A sentence that only leads into a list ("Two methods were tried:") says
 * nothing alone. */
bool rules_lead_in(const char *text)
{
    size_t n = strlen(text);
    while (n && text[n - 1] == ' ')
        n--;
    return n && text[n - 1] == ':';
}


/* Lines of a list pasted as one run ("Haydn – five concertos (1786) Haydn
 * – notturni (1790)"): two dashes between words or more. */
bool rules_list_line(const char *text)
{
    size_t dashes = 0;
    for (const char *p = strstr(text, " \xE2\x80\x93 "); p; p = strstr(p + 1, " \xE2\x80\x93 "))
        dashes++;
    return dashes >= 2;
}

/* A folded box's label (gen_rules.h). */
bool rules_box_label(const char *t)
{
    return strstr(t, "expand)") != NULL;
}

/* Is the sentence a plain one, fit to stand among others as a choice: a
 * capital (or a digit or quote) first, a full stop last, no gap where a
 * link was (" ,"), no "Term - definition" or "Term: definition" opening,
 * no label of a folded box ("click to expand")? */
bool rules_plain_sentence(const char *t)
{
    size_t n = strlen(t);
    if (!n || t[n - 1] != '.' || strstr(t, " ,") || strstr(t, " .") || rules_box_label(t))
        return false;
    unsigned char f = (unsigned char)t[0];
    if (f >= 'a' && f <= 'z')
        return false;
    /* a definition's dash or colon among the first five words */
    size_t words = 0;
    for (size_t i = 0; i < n && words < 5; i++) {
        if (t[i] == ' ')
            words++;
        if (t[i] == ':' || !strncmp(t + i, " \xE2\x80\x93 ", 5) ||
            !strncmp(t + i, " \xE2\x80\x94 ", 5) || !strncmp(t + i, " - ", 3))
            return false;
    }
    return true;
}


/* Does the sentence open with "He" or "She" (or "His", "Her")? Alone, as a
 * gap-fill, it does not say who. */
bool rules_about_someone(const char *t)
{
    static const char *const words[] = {"He ", "She ", "His ", "Her ", NULL};
    for (const char *const *w = words; *w; w++)
        if (!strncmp(t, *w, strlen(*w)))
            return true;
    return false;
}


/* Is the sentence an instruction ("Prop one end of the tray on a book.",
 * "Tell the site manager."): a verb's base form first, then a word that
 * starts what it acts on? Among statements it would stand out. */
bool rules_instruction(const lex *lx, const char *t)
{
    static const char *const objects[] = {"the", "a", "an", "your", "one", "two", "it", "them",
                                          "any", "all", "some", "each", "every", "out", "up",
                                          "off", "in", "on", "this", "that", "these", "those",
                                          "yourself", "down", "back", "to", NULL};
    char w1[32] = "", w2[16] = "";
    if (sscanf(t, "%31[A-Za-z] %15[A-Za-z]", w1, w2) != 2)
        return false;
    for (char *p = w2; *p; p++)
        *p = (char)ascii_lower((unsigned char)*p);
    bool obj = false;
    for (const char *const *o = objects; *o && !obj; o++)
        obj = !strcmp(w2, *o);
    lex_word w;
    return obj && lex_lookup(lx, w1, strlen(w1), &w) && lex_can_be(&w, 'v', '-');
}


/* Does a choice of `words` words sit beside one of n words without
 * standing out: at most half as long again, or two words apart? */
bool rules_alike_in_length(size_t words, size_t n)
{
    size_t lo = n < words ? n : words, hi = n < words ? words : n;
    return hi <= lo + 2 || 2 * hi <= 3 * lo;
}


/* Is the title a question ("What goes in the bins?")? */
bool rules_asks(const char *title)
{
    size_t n = strlen(title);
    return n && doc_ends_question(title);
}


/* Does the prompt hold a capitalised word that starts as the name does
 * (three letters or more: "English" for England, "Spanish" for Spain)?
 * It would point at the name. */
bool rules_kin_word(const char *name, const char *prompt)
{
    text_spans ws = TEXT_SPANS_INIT;
    text_words(prompt, strlen(prompt), &ws);
    bool kin = false;
    size_t ln = strcspn(name, " ");
    for (size_t i = 0; i < ws.n && !kin; i++) {
        const char *p = prompt + ws.v[i].off;
        size_t l = ws.v[i].len, k = 0;
        if (!text_is_capitalised(p, l))
            continue;
        while (k < l && k < ln && ascii_lower((unsigned char)p[k]) == ascii_lower((unsigned char)name[k]))
            k++;
        kin = k >= 3;
    }
    text_spans_release(&ws);
    return kin;
}


bool rules_summary_title(const char *title)
{
    static const char *const words[] = {
        "summary", "conclusion", "conclusions", "recap", "overview", "takeaways",
        "in short", "key points", "wrapping up", "in brief",
        "\xD0\xB7\xD0\xB0\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5", /* заключение */
        "\xD0\xB8\xD1\x82\xD0\xBE\xD0\xB3\xD0\xB8",                                         /* итоги */
        "\xD0\xB2\xD1\x8B\xD0\xB2\xD0\xBE\xD0\xB4\xD1\x8B",                                 /* выводы */
        NULL};
    char low[96];
    size_t n = strlen(title), k = 0;
    for (size_t i = 0; i < n && k + 2 < sizeof low; i++) {
        unsigned char ch = (unsigned char)title[i];
        /* lower case: ASCII, and Cyrillic capitals of the 0xD0 0x90-0xAF row */
        if (ch == 0xD0 && i + 1 < n && (unsigned char)title[i + 1] >= 0x90 &&
            (unsigned char)title[i + 1] <= 0xAF) {
            unsigned char c2 = (unsigned char)title[++i];
            if (c2 < 0xA0) {
                low[k++] = (char)0xD0;
                low[k++] = (char)(c2 + 0x20);
            } else {
                low[k++] = (char)0xD1;
                low[k++] = (char)(c2 - 0x20);
            }
            continue;
        }
        low[k++] = (char)ascii_lower(ch);
    }
    low[k] = '\0';
    for (const char *const *w = words; *w; w++)
        if (text_contains_word(low, *w))
            return true;
    return false;
}

bool rules_sentence_ends(const char *t)
{
    size_t n = strlen(t);
    while (n && strchr(" \"')]", t[n - 1]))
        n--;
    /* a closing quote of three bytes (", ») before the stop is allowed */
    if (n >= 2 && (unsigned char)t[n - 1] == 0xBB && (unsigned char)t[n - 2] == 0xC2)
        n -= 2;
    else if (n >= 3 && (unsigned char)t[n - 1] == 0x9D && (unsigned char)t[n - 2] == 0x80 &&
             (unsigned char)t[n - 3] == 0xE2)
        n -= 3;
    return n && strchr(".!?", t[n - 1]);
}

/* What the question asks for (gen_rules.h). */
int rules_question_asks(const char *q)
{
    static const char *const aux[] = {"is", "are", "can", "could", "do", "does", "did", "will",
                                      "would", "should", "shall", "may", "might", "must", "has",
                                      "have", "had", "was", "were", NULL};
    static const char *const amounts[] = {"many", "much", "long", "old", "far", "often", "big",
                                          "tall", "large", "heavy", "deep", "high", "hot", "cold",
                                          NULL};
    /* the question proper: "I am visiting. Do I need a licence?" asks "Do" */
    for (const char *p = q; (p = strpbrk(p, ".!?")) != NULL; p++)
        if (p[1] == ' ' && p[2])
            q = p + 2;
    char w1[16] = "", w2[16] = "";
    sscanf(q, "%15[A-Za-z] %15[A-Za-z]", w1, w2);
    for (char *p = w1; *p; p++)
        *p = (char)ascii_lower((unsigned char)*p);
    for (char *p = w2; *p; p++)
        *p = (char)ascii_lower((unsigned char)*p);
    for (const char *const *a = aux; *a; a++)
        if (!strcmp(w1, *a))
            return RULE_ASK_YESNO;
    if (!strcmp(w1, "who") || !strcmp(w1, "whom"))
        return RULE_ASK_WHO;
    if (!strcmp(w1, "where"))
        return RULE_ASK_WHERE;
    if (!strcmp(w1, "when"))
        return RULE_ASK_WHEN;
    if (!strcmp(w1, "how"))
        for (const char *const *a = amounts; *a; a++)
            if (!strcmp(w2, *a))
                return RULE_ASK_NUMBER;
    if (!strcmp(w1, "what") || !strcmp(w1, "which"))
        return RULE_ASK_WHAT;
    return RULE_ASK_OTHER;
}


/* Is the slot (described in key) what the question asks for? "When": a
 * year, a number or a time; "where": a place; "who": a person; "how
 * many/long/old...": a number; "what/which": a number, a name or a thing.
 * Questions of why and how, and yes/no questions, take no swaps: a swapped
 * reason or example is too often still true. */
bool rules_slot_answers(int asks, const rule_term *key)
{
    bool place = key->entity == RULE_PLACE || key->cls == 15;
    bool person = key->entity == RULE_PERSON || key->cls == 18;
    switch (asks) {
    case RULE_ASK_WHO:
        return person;
    case RULE_ASK_WHERE:
        return place;
    case RULE_ASK_WHEN:
        return key->shape == RULE_NUMBER || key->cls == 28;
    case RULE_ASK_NUMBER:
        return key->shape == RULE_NUMBER;
    case RULE_ASK_WHAT:
        return true;
    default:
        return false;
    }
}


/* Does the answer open with a yes or a no ("Yes,", "No.", "Not usually",
 * "Да", "Нет")? */
bool rules_opens_yes_no(const char *a)
{
    static const char *const words[] = {"yes", "no", "not", "\xD0\xB4\xD0\xB0",
                                        "\xD0\xBD\xD0\xB5\xD1\x82", NULL};
    for (const char *const *w = words; *w; w++) {
        size_t l = strlen(*w);
        bool same = true;
        for (size_t i = 0; i < l && same; i++)
            same = a[i] && (a[i] == (*w)[i] || ascii_lower((unsigned char)a[i]) == (*w)[i] ||
                            (i == 1 && (unsigned char)a[0] == 0xD0 &&
                             (unsigned char)a[1] + 0x20 == (unsigned char)(*w)[1]));
        if (same && (a[l] == '\0' || strchr(" .,!;", a[l])))
            return true;
    }
    return false;
}


/* Does text hold one of the words of the space-separated list? */
static bool echoes(const char *text, const char *list)
{
    char w[16];
    for (const char *p = list; sscanf(p, "%15s", w) == 1; p += strlen(w) + (p[strlen(w)] == ' '))
        if (text_contains_word(text, w))
            return true;
    return false;
}

/* Of one form (gen_rules.h): the same first word, one verb's forms, or
 * yes/no questions when the answer echoes no verb of a's. */
bool rules_same_form(const char *a, const char *b, const char *answer)
{
    bool ya = rules_question_asks(a) == RULE_ASK_YESNO, yb = rules_question_asks(b) == RULE_ASK_YESNO;
    if (ya != yb)
        return false;
    for (const char *p = a; (p = strpbrk(p, ".!?")) != NULL; p++)
        if (p[1] == ' ' && p[2])
            a = p + 2;
    for (const char *p = b; (p = strpbrk(p, ".!?")) != NULL; p++)
        if (p[1] == ' ' && p[2])
            b = p + 2;
    /* the first word, "do"/"does"/"did" and "is"/"are"/"was"/"were" as one:
     * "usually do not" answers "Do all plants...?", not "Are truffles...?" */
    static const char *const groups[] = {"do does did", "is are was were", "can could",
                                         "will would", "has have had", "should shall", NULL};
    /* the first words as written (any script), ASCII letters lowered */
    char fa[32] = "", fb[32] = "";
    size_t la = strcspn(a, " ,?"), lb = strcspn(b, " ,?");
    if (la >= sizeof fa || lb >= sizeof fb)
        return false;
    for (size_t i = 0; i < la; i++)
        fa[i] = (char)ascii_lower((unsigned char)a[i]);
    for (size_t i = 0; i < lb; i++)
        fb[i] = (char)ascii_lower((unsigned char)b[i]);
    if (!strcmp(fa, fb))
        return true;
    for (const char *const *g = groups; *g; g++)
        if (text_contains_word(*g, fa))
            return text_contains_word(*g, fb) ||
                   /* yes/no questions mix when the answer echoes no verb of a's */
                   (ya && !echoes(answer, *g));
    return ya && !text_contains_word(answer, fa);
}

