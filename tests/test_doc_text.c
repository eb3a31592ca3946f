/* test_doc_text.c - the plain-text reader: what each kind of line becomes
 * (headings, paragraphs, list items, dropped credit lines and captions),
 * checked block by block. */
#include "doc.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>

/* Reads text and returns its blocks as "KIND level|gap|text" lines, kinds
 * H (heading), P (paragraph), I (item, with its list number), and the title
 * first as "T text". */
static char *blocks_of(const char *text)
{
    doc d;
    doc_init(&d, "t.txt");
    char *err = NULL;
    int rc = doc_read_text(&d, text, strlen(text), &err);
    OK(rc == 0, "read: %s", err ? err : "");
    free(err);
    strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "T %s\n", d.title ? d.title : "(none)");
    for (size_t i = 0; i < d.n; i++) {
        const doc_block *b = &d.v[i];
        static const char kinds[] = "HPIQA";
        if (b->kind == DOC_ITEM)
            strbuf_addf(&sb, "I%d %d|%s\n", b->list, b->gap, b->text);
        else if (b->kind == DOC_HEADING && b->level)
            strbuf_addf(&sb, "H%d %d|%s\n", b->level, b->gap, b->text);
        else
            strbuf_addf(&sb, "%c %d|%s\n", kinds[b->kind], b->gap, b->text);
    }
    doc_release(&d);
    return strbuf_detach(&sb);
}

static void expect(const char *name, const char *text, const char *want)
{
    char *got = blocks_of(text);
    STR_EQ(got, want, "%s", name);
    free(got);
}

static void test_headings(void)
{
    expect("heading alone between blank lines", "Title\n\nRivers\n\nA river flows to the sea.\n",
           "T Title\nH 1|Rivers\nP 1|A river flows to the sea.\n");
    expect("a question heading", "Bats\n\nWhat is a bat?\n\nA bat is a mammal that can fly.\n",
           "T Bats\nH 1|What is a bat?\nP 1|A bat is a mammal that can fly.\n");
    expect("heading and sub-heading on consecutive lines (a browser paste)",
           "Title\n\nHistory\nEarly years\n\nThe town was founded in 1203 by fishermen from the "
           "coast.\n",
           "T Title\nH 1|History\nH 0|Early years\nP 1|The town was founded in 1203 by "
           "fishermen from the coast.\n");
    expect("heading directly above its paragraph",
           "Title\n\nClimate\nThe winters are long and the summers are short and very wet.\n",
           "T Title\nH 1|Climate\nP 0|The winters are long and the summers are short and very "
           "wet.\n");
    expect("two blank lines are a gap of two", "Title\n\n\nIntro text here.\n",
           "T Title\nP 2|Intro text here.\n");
    expect("[edit] and citation marks removed",
           "Title\n\nHistory[edit]\n\nIt was built in 1890.[3] It burned in 1901.[citation "
           "needed]\n",
           "T Title\nH 1|History\nP 1|It was built in 1890. It burned in 1901.\n");
}

static void test_outline_numbers(void)
{
    expect("outline numbers give heading levels",
           "Notes\n\n1. Rocks\n\nText one.\n\n1.1 Igneous rocks\n\nText two.\n\n2 Soil\n\n"
           "Text three.\n\n2.1.3 Deep\n\nText four.\n",
           "T Notes\nH1 1|1. Rocks\nP 1|Text one.\nH2 1|1.1 Igneous rocks\nP 1|Text two.\n"
           "H1 1|2 Soil\nP 1|Text three.\nH3 1|2.1.3 Deep\nP 1|Text four.\n");
    expect("a year is no outline number", "Notes\n\n1990s revival\n\nText one.\n",
           "T Notes\nH 1|1990s revival\nP 1|Text one.\n");
}

static void test_pdf_copies(void)
{
    expect("a word hyphenated at a line's end joined again, ligatures as letters",
           "Title\n\nFriction acts be-\ntween two surfaces; an e\xEF\xAC\x83" "cient brake uses it.\n",
           "T Title\nP 1|Friction acts between two surfaces; an efficient brake uses it.\n");
    expect("running heads and feet of a PDF's pages dropped",
           "Title\n\nForces\n\nA force is a push or a pull on an object, and every force has\n"
           "Chapter 4 · Forces   57\nboth a size and a direction that we can draw as an arrow.\n\nFriction\n\nFriction resists sliding.\n"
           "Chapter 4 · Forces   59\nFree to share under CC BY 4.0 · example.org\n\nDrag\n\n"
           "Drag slows things in air.\nChapter 4 · Forces   61\nFree to share under CC BY 4.0 · "
           "example.org\nFree to share under CC BY 4.0 · example.org\n",
           "T Title\nH 1|Forces\nP 1|A force is a push or a pull on an object, and every force "
           "has both a size and a direction that we can draw as an arrow.\nH 1|Friction\nP 1|Friction resists sliding.\nH 1|Drag\nP 1|Drag slows "
           "things in air.\n");
    expect("numbered headings that repeat (outline, heading, summary) stay",
           "Title\n\n4.1 Friction\n\nFriction resists sliding between two surfaces.\n\n4.1 "
           "Friction\n\nMore on friction between surfaces here.\n\n4.1 Friction\n\nAnd a "
           "summary of friction here.\n",
           "T Title\nH2 1|4.1 Friction\nP 1|Friction resists sliding between two surfaces.\n"
           "H2 1|4.1 Friction\nP 1|More on friction between surfaces here.\nH2 1|4.1 Friction\n"
           "P 1|And a summary of friction here.\n");
}

static void test_numbered_over_lists(void)
{
    expect("a numbered heading over a numbered heading and steps",
           "Notes\n\n3. Landforms\n3.1 Waterfalls\nWaterfalls form where hard rock lies on soft "
           "rock. The steps are:\n1. The soft rock is eroded.\n2. The hard rock collapses.\n",
           "T Notes\nH1 1|3. Landforms\nH2 0|3.1 Waterfalls\nP 0|Waterfalls form where hard "
           "rock lies on soft rock. The steps are:\nI1 0|The soft rock is eroded.\nI1 0|The hard "
           "rock collapses.\n");
    expect("a numbered heading over prose and steps",
           "Notes\n\n4. Activity: Model River\nWork in groups of three with a tray of damp "
           "sand.\n1. Fill the tray.\n2. Pour the water.\n",
           "T Notes\nH1 1|4. Activity: Model River\nP 0|Work in groups of three with a tray of "
           "damp sand.\nI1 0|Fill the tray.\nI1 0|Pour the water.\n");
    expect("a heading over a bulleted list",
           "Notes\n\n2.1 Four Processes of Erosion\n- Abrasion: stones scrape the bed.\n- "
           "Attrition: stones knock each other.\n",
           "T Notes\nH2 1|2.1 Four Processes of Erosion\nI1 0|Abrasion: stones scrape the bed.\n"
           "I1 0|Attrition: stones knock each other.\n");
    expect(
        "a heading over one item a line (a glossary)",
        "Notes\n\nGlossary\nAbrasion – erosion caused by stones scraping the bed.\nDelta – a fan "
        "of sediment where a river meets the sea.\nSource – the place where a river begins.\n",
        "T Notes\nH 1|Glossary\nI1 0|Abrasion – erosion caused by stones scraping the bed.\n"
        "I1 0|Delta – a fan of sediment where a river meets the sea.\nI1 0|Source – the place "
        "where a river begins.\n");
}

static void test_dropped_lines(void)
{
    expect("byline, date and read time dropped",
           "Title\nBy Jane Doe\nUpdated March 3, 2025\n6 min read\n\nText of the post.\n",
           "T Title\nP 1|Text of the post.\n");
    expect("credit line and photo caption dropped",
           "Volcanoes\n\nOriginally written by Sam Lee for Science Kids\n\nPhoto: lava at night\n\n"
           "What is a volcano?\n\nA volcano is an opening in the crust.\n",
           "T Volcanoes\nH 1|What is a volcano?\nP 1|A volcano is an opening in the crust.\n");
    expect("a sentence starting with By stays",
           "Title\n\nBy 1900 the town had grown to ten thousand people.\n",
           "T Title\nP 1|By 1900 the town had grown to ten thousand people.\n");
    expect("hatnotes, site lines and tab rows dropped",
           "Hurdy-gurdy\n\nFrom Wikipedia, the free encyclopedia\n\nHistory\n\nMain article: "
           "Organistrum\n\nClassification\tFriction chordophone\n\nThe instrument is old.\n",
           "T Hurdy-gurdy\nH 1|History\nP 1|The instrument is old.\n");
    expect("a long sentence-case caption dropped, a title-case heading kept",
           "Title\n\nTwo elders with an organistrum on the old stone portal, Santiago\n\n"
           "The Long Road From the Old Harbour to the Northern Mountains\n\nText here.\n",
           "T Title\nH 1|The Long Road From the Old Harbour to the Northern Mountains\n"
           "P 1|Text here.\n");
    expect("a caption above its picture's credit dropped with it",
           "Title\n\nGas lamps in Covent Garden, 1890\n\nPhotograph: Hulton Archive\n\n"
           "Gas light was cheaper than oil and much brighter.\n",
           "T Title\nP 1|Gas light was cheaper than oil and much brighter.\n");
    expect(
        "an infobox pasted with tabs goes whole",
        "Title\n\nHurdy-gurdy\nString instrument\nOther names\tvielle\nClassification\tchordophone"
        "\n\nText here.\n",
        "T Title\nP 1|Text here.\n");
    expect("a worksheet's answer lines removed",
           "Title\n\nWhere did the water flow fastest? ..........................\n",
           "T Title\nP 1|Where did the water flow fastest?\n");
    expect("figure caption dropped",
           "Title\n\nFigure 3.2 Layers of soil in a cut bank.\n\nText here.\n",
           "T Title\nP 1|Text here.\n");
}

static void test_lists(void)
{
    expect("bulleted list with a lead-in",
           "Title\n\nThe main exports are:\n- cotton\n- natural gas\n- wheat\n",
           "T Title\nP 1|The main exports are:\nI1 0|cotton\nI1 0|natural gas\nI1 0|wheat\n");
    expect("one item a line, as a browser pastes <li>",
           "Title\n\nNames used today:\n\nvielle à roue (French)\nDrehleier (German)\n"
           "ghironda (Italian)\n",
           "T Title\nP 1|Names used today:\nI1 1|vielle à roue (French)\nI1 0|Drehleier "
           "(German)\nI1 0|ghironda (Italian)\n");
    expect("numbered steps with a wrapped continuation",
           "Title\n\n1. Fill the pot with water\n   up to the line.\n2. Boil it.\n",
           "T Title\nI1 1|Fill the pot with water up to the line.\nI1 0|Boil it.\n");
    expect("two lists get two numbers",
           "Title\n\n• one\n• two\n\nMiddle text here.\n\n• three\n• four\n",
           "T Title\nI1 1|one\nI1 0|two\nP 1|Middle text here.\nI2 1|three\nI2 0|four\n");
}

static void test_paragraphs(void)
{
    expect("hard-wrapped paragraph joined",
           "Title\n\nIn medieval Europe every book was copied by hand, and a single\n"
           "Bible could take a scribe more than a year to finish in the\n"
           "monastery.\n",
           "T Title\nP 1|In medieval Europe every book was copied by hand, and a single Bible "
           "could take a scribe more than a year to finish in the monastery.\n");
    expect("wrapped first line is not a heading",
           "Title\n\nMovable type was first made in China by Bi Sheng around the\n"
           "year 1040, using baked clay.\n",
           "T Title\nP 1|Movable type was first made in China by Bi Sheng around the year "
           "1040, using baked clay.\n");
    expect("question and answer in one block",
           "Title\n\nQ: How long is the river?\nA: About 300 km.\n",
           "T Title\nH 1|Q: How long is the river?\nP 0|A: About 300 km.\n");
    expect("the README's example: FAQ heading, question and answer in one block",
           "Title\n\nFAQ\nCan a volcano wake up?\nYes, a dormant one can.\n",
           "T Title\nH 1|FAQ\nH 0|Can a volcano wake up?\nP 0|Yes, a dormant one can.\n");
    expect("CRLF line ends", "Title\r\n\r\nRivers\r\n\r\nThey flow.\r\n",
           "T Title\nH 1|Rivers\nP 1|They flow.\n");
}

/* 100,000 question lines in one block: read in a loop, not one call deep
 * per line (the stack would overflow), and in linear time. */
static void test_big_block(void)
{
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "Title\n\nIntro.\n\n");
    for (int i = 0; i < 100000; i++)
        strbuf_adds(&sb, "Why?\n");
    doc d;
    doc_init(&d, "t.txt");
    char *err = NULL;
    OK(doc_read_text(&d, sb.buf, sb.len, &err) == 0, "read");
    INT_EQ(d.n, 100001, "the intro and one block per question line");
    doc_release(&d);
    free(err);
    strbuf_release(&sb);
}

static void test_detect(void)
{
    INT_EQ(doc_detect("a.md", "x", 1), DOC_MARKDOWN, "extension .md");
    INT_EQ(doc_detect("a.HTML", "x", 1), DOC_HTML, "extension .HTML");
    INT_EQ(doc_detect("a.txt", "<!DOCTYPE html><html>", 21), DOC_HTML, "doctype");
    INT_EQ(doc_detect("a.txt", "---\ntitle: x\n---\n", 17), DOC_MARKDOWN, "front matter");
    INT_EQ(doc_detect("a.txt", "Title\n\n## Topic\n", 16), DOC_MARKDOWN, "## heading");
    INT_EQ(doc_detect("a.txt", "Title\n\n#hashtag\n", 16), DOC_TEXT, "#hashtag is no heading");
    INT_EQ(doc_detect("a.txt", "Title\n\nText.\n", 13), DOC_TEXT, "plain");
}

static void test_clean(void)
{
    const char *t = "  a\xC2\xA0 b[12]  c.[a] d,[1, 2] e[note 3] f[citation needed]  ";
    char *c = doc_clean(t, strlen(t));
    STR_EQ(c, "a b c. d, e f", "clean");
    free(c);
    t = "arr[0] and m[i] and the list [5, 2, 9, 1] stay";
    c = doc_clean(t, strlen(t));
    STR_EQ(c, t, "code and lists are no citation marks");
    free(c);
    c = doc_clean("the [Smith 2001] and [see below] notes", 38);
    STR_EQ(c, "the [Smith 2001] and [see below] notes", "brackets that are no citation stay");
    free(c);
}

int main(void)
{
    test_headings();
    test_outline_numbers();
    test_numbered_over_lists();
    test_pdf_copies();
    test_dropped_lines();
    test_lists();
    test_paragraphs();
    test_big_block();
    test_detect();
    test_clean();
    return test_summary();
}
