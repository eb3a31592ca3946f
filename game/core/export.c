/* export.c - one writer per format. Start reading at export_items(). */
#include "export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

static const char *const names[EXPORT_FORMAT_COUNT] = {"text", "json",  "csv",
                                                       "gift", "aiken", "moodlexml"};

int export_format_parse(const char *name, export_format *out)
{
    for (int i = 0; i < EXPORT_FORMAT_COUNT; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (export_format)i;
            return 0;
        }
    return -1;
}

const char *export_format_names(void)
{
    return "text, json, csv, gift, aiken, moodlexml";
}

/* ---- json and csv ---- */

void export_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static void write_json(FILE *f, const item_set *s)
{
    fputs("[", f);
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        fputs(i ? ",\n  {" : "\n  {", f);
        fputs("\"id\": ", f);
        export_json_string(f, it->id);
        fputs(", \"topic\": ", f);
        export_json_string(f, it->topic);
        fputs(", \"section\": ", f);
        export_json_string(f, it->section);
        fputs(", \"kind\": ", f);
        export_json_string(f, item_kind_name(it->kind));
        fputs(",\n   \"prompt\": ", f);
        export_json_string(f, it->prompt);
        fputs(",\n   \"choices\": [", f);
        for (size_t k = 0; k < it->nchoices; k++) {
            if (k)
                fputs(", ", f);
            export_json_string(f, it->choices[k]);
        }
        fprintf(f, "],\n   \"answer\": %zu,\n   \"source\": ", it->answer);
        export_json_string(f, it->source);
        fputs("}", f);
    }
    fputs(s->n ? "\n]\n" : "]\n", f);
}

void export_csv_field(FILE *f, const char *s)
{
    strbuf sb = STRBUF_INIT;
    csv_put(&sb, s, true);
    fwrite(sb.buf ? sb.buf : "", 1, sb.len, f);
    strbuf_release(&sb);
}

static void write_csv(FILE *f, const item_set *s)
{
    fputs("id,topic,section,kind,prompt", f);
    for (int k = 0; k < ITEM_MAX_CHOICES; k++)
        fprintf(f, ",choice_%c", 'a' + k);
    fputs(",answer,source\r\n", f);
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        const char *fields[] = {it->id, it->topic, it->section, item_kind_name(it->kind),
                                it->prompt};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
            if (k)
                fputc(',', f);
            export_csv_field(f, fields[k]);
        }
        for (size_t k = 0; k < ITEM_MAX_CHOICES; k++) {
            fputc(',', f);
            export_csv_field(f, k < it->nchoices ? it->choices[k] : "");
        }
        fprintf(f, ",%c,", (char)('A' + it->answer));
        export_csv_field(f, it->source);
        fputs("\r\n", f);
    }
}

/* ---- text ---- */

static void write_text(FILE *f, const item_set *s, const char *title, const char *difficulty,
                       const char *note)
{
    fprintf(f, "%s\n", title);
    fprintf(f, "Quiz: %zu question%s, %s%s\n\n", s->n, s->n == 1 ? "" : "s", difficulty, note);
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        fprintf(f, "%zu. %s\n", i + 1, it->prompt);
        for (size_t k = 0; k < it->nchoices; k++)
            fprintf(f, "   %c) %s\n", (char)('A' + k), it->choices[k]);
        fputc('\n', f);
    }
    fputs("Answer key\n\n", f);
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        fprintf(f, "%zu. %c) %s\n   Source (%s): %s\n", i + 1, (char)('A' + it->answer),
                it->choices[it->answer], it->section, it->source);
    }
}

/* ---- GIFT ---- */

/* GIFT text: the special characters escaped, line breaks as spaces. */
static void gift_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (strchr("~=#{}:\\", *s))
            fputc('\\', f);
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
    }
}

static void write_gift(FILE *f, const item_set *s, const char *title)
{
    fputs("// ", f);
    gift_text(f, title);
    fputs("\n// made by quizmill-gen\n\n", f);
    const char *topic = NULL;
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        if (!topic || strcmp(topic, it->topic) != 0) {
            topic = it->topic;
            fprintf(f, "$CATEGORY: $course$/Quizmill/%s\n\n", topic);
        }
        fputs("::", f);
        gift_text(f, it->id);
        fputs("::", f);
        gift_text(f, it->prompt);
        fputs(" {\n", f);
        for (size_t k = 0; k < it->nchoices; k++) {
            fputs(k == it->answer ? "\t=" : "\t~", f);
            gift_text(f, it->choices[k]);
            fputc('\n', f);
        }
        fputs("\t####", f);
        gift_text(f, it->source);
        fputs("\n}\n\n", f);
    }
}

/* ---- Aiken ---- */

static void aiken_line(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void write_aiken(FILE *f, const item_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        aiken_line(f, it->prompt);
        fputc('\n', f);
        for (size_t k = 0; k < it->nchoices; k++) {
            fprintf(f, "%c. ", (char)('A' + k));
            aiken_line(f, it->choices[k]);
            fputc('\n', f);
        }
        fprintf(f, "ANSWER: %c\n\n", (char)('A' + it->answer));
    }
}

/* ---- Moodle XML ---- */

static void xml_text(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default:
            /* XML 1.0 allows no control characters but tab, LF, CR */
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                fputc(' ', f);
            else
                fputc(*p, f);
        }
    }
}

static void xml_element(FILE *f, const char *indent, const char *tag, const char *attrs,
                        const char *text)
{
    fprintf(f, "%s<%s%s><text>", indent, tag, attrs);
    xml_text(f, text);
    fprintf(f, "</text></%s>\n", tag);
}

static void write_moodlexml(FILE *f, const item_set *s, const char *title)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ", f);
    /* "--" may not appear in a comment */
    for (const char *p = title; *p; p++)
        fputc(*p == '-' && p[1] == '-' ? '_' : *p, f);
    fputs(" (quizmill-gen) -->\n<quiz>\n", f);
    const char *topic = NULL;
    for (size_t i = 0; i < s->n; i++) {
        const item *it = &s->items[i];
        if (!topic || strcmp(topic, it->topic) != 0) {
            topic = it->topic;
            fputs("  <question type=\"category\">\n", f);
            char *cat = xasprintf("$course$/Quizmill/%s", topic);
            xml_element(f, "    ", "category", "", cat);
            free(cat);
            fputs("  </question>\n", f);
        }
        fputs("  <question type=\"multichoice\">\n", f);
        xml_element(f, "    ", "name", "", it->id);
        xml_element(f, "    ", "questiontext", " format=\"plain_text\"", it->prompt);
        xml_element(f, "    ", "generalfeedback", " format=\"plain_text\"", it->source);
        fputs("    <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n"
              "    <hidden>0</hidden>\n    <single>true</single>\n"
              "    <shuffleanswers>true</shuffleanswers>\n"
              "    <answernumbering>ABCD</answernumbering>\n",
              f);
        for (size_t k = 0; k < it->nchoices; k++) {
            fprintf(f, "    <answer fraction=\"%d\" format=\"plain_text\"><text>",
                    k == it->answer ? 100 : 0);
            xml_text(f, it->choices[k]);
            fputs("</text></answer>\n", f);
        }
        fputs("  </question>\n", f);
    }
    fputs("</quiz>\n", f);
}

void export_items(FILE *f, export_format fmt, const item_set *s, const char *title,
                  const char *difficulty, const char *note)
{
    switch (fmt) {
    case EXPORT_TEXT: write_text(f, s, title, difficulty, note); break;
    case EXPORT_JSON: write_json(f, s); break;
    case EXPORT_CSV: write_csv(f, s); break;
    case EXPORT_GIFT: write_gift(f, s, title); break;
    case EXPORT_AIKEN: write_aiken(f, s); break;
    case EXPORT_MOODLEXML: write_moodlexml(f, s, title); break;
    default: break;
    }
}
