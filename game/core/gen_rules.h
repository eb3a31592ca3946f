/* gen_rules.h - which terms may be asked for, and which wrong choices are
 * fair for them: the generator's rules, apart from its machinery.
 *
 * gen_rules.c states the rules in prose at its top. The generator describes
 * each term once (rules_describe), the key once more as it stands in its
 * sentence (rules_in_use), and asks rules_fit for each candidate. With no
 * lexicon (NULL) words are never asked for and never fit; names and numbers
 * still go by their shape and the words around them.
 *
 * Nothing here allocates or fails; a rule_term is plain data.
 */
#ifndef QUIZMILL_GEN_RULES_H
#define QUIZMILL_GEN_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lex.h"

/* What kind of term: a word or phrase, a name (capitalised), a number. */
enum { RULE_WORD, RULE_NAME, RULE_NUMBER };

/* The kind of thing a name names. */
enum { RULE_UNKNOWN, RULE_PERSON, RULE_PLACE, RULE_GROUP, RULE_THING };

typedef struct rule_term {
    uint8_t shape;  /* RULE_WORD, RULE_NAME or RULE_NUMBER */
    uint8_t entity; /* names: RULE_PERSON...; RULE_UNKNOWN if neither WordNet nor the words
                     * around it tell */
    char pos, infl; /* the head word's reading ('n' and 'p' for "countries"); 0: unknown */
    bool known;     /* WordNet knows the head word (or the whole name) */
    bool unfit;     /* rules_in_use: its place in the sentence rules it out */
    uint8_t nwords;
    int cls;        /* the lexicographer file of the head's first noun sense, or -1 */
    size_t nsenses; /* the head's first noun senses (at most 2) */
    uint8_t nanc[2];
    lex_anc anc[2][LEX_MAX_ANC]; /* each sense's hypernyms, itself included */
    lex_word head;  /* every reading of the head word */
    uint8_t nwholes[2];
    unsigned wholes[2][8]; /* what each of the first two senses is part of (London, England) */
    uint8_t nanchor; /* rules_in_use: places of the sentence the key is part of, or holds */
    struct rule_anchor {
        unsigned s;        /* the place's sense */
        uint8_t holds;     /* 0: the key is part of it ("Syracuse in Sicily"); 1: it is
                            * part of the key ("in England at Westminster") */
        uint8_t nwholes;
        unsigned wholes[8];
    } anchor[3];
    double value;   /* numbers: the value (at most 1e9) */
    /* numbers */
    uint8_t digits, decimals;
    bool comma, year;
    bool lead0;     /* "07": a leading zero */
    bool ranged;    /* one end of a range ("8 and 10", "1914-18") */
    char prefix;    /* '$', '\xa3' (of "£"), '\xac' (of "€") before it, else 0 */
    uint8_t nother; /* rules_in_use: the sentence's other numbers of its kind */
    double other[6];
    uint32_t unit;  /* hash of the word after the number ("percent", "km"), 0: none */
} rule_term;

/* What the words around the term s[off..off+len) say of it: for a name,
 * RULE_PLACE after "in", "from"...; RULE_PERSON after a title ("Dr") or
 * before "said"; else RULE_UNKNOWN. */
uint8_t rules_name_hint(const char *s, size_t off, size_t len);
/* For a number: hash of the word right after it (its unit: "percent",
 * "km", "degrees Celsius", a month's name as "month"), 0 if none. */
uint32_t rules_number_unit(const char *s, size_t off, size_t len);
/* For a number: 1 when it is one end of a range ("8 and 10"), else 0 (a
 * hint for rules_describe()). */
uint8_t rules_number_ranged(const char *s, size_t off, size_t len);

/* Describes the term text[0..len): shape is RULE_WORD, RULE_NAME or
 * RULE_NUMBER as the generator found it; hint (rules_name_hint() for a
 * name, rules_number_ranged() for a number) and unit from the functions
 * above (0 when not known). */
void rules_describe(const lex *lx, const char *text, size_t len, int shape, uint8_t hint,
                    uint32_t unit, rule_term *out);

/* Refines the key's reading from its use in sentence s at [off, off+len):
 * "in _____ sectors" wants an adjective, "the _____" a noun. */
void rules_in_use(const lex *lx, const char *s, size_t off, size_t len, rule_term *key);

/* May the key be asked for (blanked, or listed)? Words only when WordNet
 * reads them as nouns; names when their kind is known; numbers always. */
bool rules_askable(const rule_term *key);

/* Do a and b name one thing by WordNet (one of the first two senses of
 * each the same synset: "fiddle" and "violin")? */
bool rules_same(const rule_term *a, const rule_term *b);

/* Is cand a fair wrong choice for key? -1 if not; else its closeness to
 * the key, 0 (far) to 100 (as close as a wrong choice gets), which ranks
 * the wrong choices by difficulty. */
int rules_fit(const rule_term *key, const rule_term *cand);

/* Is the title a summary's ("Summary", "In short", "Conclusion", "Итоги")?
 * Its sentences restate the others: no item asks for them, none is a wrong
 * choice, and its title is no wrong section. */
bool rules_summary_title(const char *title);

/* Does the sentence end as one does: '.', '!' or '?' (a closing quote or
 * bracket after it allowed)? "Mount Vesuvius, Italy, AD 79" does not. */
bool rules_sentence_ends(const char *t);

/* What an FAQ question asks for, by its first words (rules_question_asks). */
enum {
    RULE_ASK_OTHER,
    RULE_ASK_YESNO,
    RULE_ASK_WHO,
    RULE_ASK_WHERE,
    RULE_ASK_WHEN,
    RULE_ASK_NUMBER,
    RULE_ASK_WHAT
};

/* A sentence that only leads into a list ("Two methods were tried:") says
 * nothing alone. */
bool rules_lead_in(const char *text);

/* Lines of a list pasted as one run ("Haydn – five concertos (1786) Haydn
 * – notturni (1790)"): two dashes between words or more. */
bool rules_list_line(const char *text);

/* Is the sentence a plain one, fit to stand among others as a choice: a
 * capital (or a digit or quote) first, a full stop last, no gap where a
 * link was (" ,"), no "Term - definition" or "Term: definition" opening,
 * no label of a folded box ("click to expand")? */
bool rules_plain_sentence(const char *t);

/* Does the text hold a folded box's label ("Memory trick (click to
 * expand)")? No quote or choice carries one. */
bool rules_box_label(const char *t);

/* Does the sentence open with "He" or "She" (or "His", "Her")? Alone, as a
 * gap-fill, it does not say who. */
bool rules_about_someone(const char *t);

/* Is the sentence an instruction ("Prop one end of the tray on a book.",
 * "Tell the site manager."): a verb's base form first, then a word that
 * starts what it acts on? Among statements it would stand out. */
bool rules_instruction(const lex *lx, const char *t);

/* Does a choice of `words` words sit beside one of n words without
 * standing out: at most half as long again, or two words apart? */
bool rules_alike_in_length(size_t words, size_t n);

/* Is the title a question ("What goes in the bins?")? */
bool rules_asks(const char *title);

/* Does the prompt hold a capitalised word that starts as the name does
 * (three letters or more: "English" for England, "Spanish" for Spain)?
 * It would point at the name. */
bool rules_kin_word(const char *name, const char *prompt);

/* What the question asks for, by the first words of its last sentence ("I
 * am visiting. Do I need a licence?" asks "Do"): RULE_ASK_*. */
int rules_question_asks(const char *q);

/* Is the slot (described in key) what the question asks for? "When": a
 * year, a number or a time; "where": a place; "who": a person; "how
 * many/long/old...": a number; "what/which": a number, a name or a thing.
 * Questions of why and how, and yes/no questions, take no swaps: a swapped
 * reason or example is too often still true. */
bool rules_slot_answers(int asks, const rule_term *key);

/* Does the answer open with a yes or a no ("Yes,", "No.", "Not usually",
 * "Да", "Нет")? */
bool rules_opens_yes_no(const char *a);

/* Are questions a and b of one form for answer, the answer to a: opening
 * with the same word ("What if ...?" and "What is ...?", "Do ...?" and
 * "Does ...?", "Is ...?" and "Are ...?"), or both yes/no questions when
 * the answer echoes no verb of a's? An answer fits its own form: an
 * instruction no yes/no question, a definition no "why", "usually do not"
 * no "Are ...?". */
bool rules_same_form(const char *a, const char *b, const char *answer);

#endif
