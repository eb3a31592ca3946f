/* report.c - item analysis: read the results CSV, count, write. Start
 * reading at report_parse(). */
#include "report.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "store.h"
#include "text.h"
#include "util.h"

enum { COL_TIME, COL_ROUND, COL_PLAYER, COL_DIFF, COL_TOPIC, COL_ITEM, COL_CHOSEN, COL_RIGHT,
       COL_CORRECT, COL_MS, COL_POINTS, NCOLS };

typedef struct choice_stat {
    char *text;
    size_t picked;
    bool correct;
} choice_stat;

typedef struct item_stat {
    char *id, *topic, *kind, *prompt; /* kind and prompt NULL when unknown */
    size_t answered, right, timeouts;
    choice_stat *choices;
    size_t nchoices, cap;
} item_stat;

typedef struct group_stat {
    char *key;
    size_t answered, right;
    long long points;
    text_map rounds; /* players: the rounds they played */
} group_stat;

typedef struct group_list {
    group_stat *v;
    size_t n, cap;
    text_map index;
} group_list;

struct report {
    char *name;
    size_t rows;
    item_stat *items;
    size_t nitems, cap;
    text_map item_index;
    group_list topics, players;
    text_map rounds;
};

/* ---- counting ---- */

static item_stat *item_for(report *r, const char *id, const char *topic,
                           const gen_set *const *known, const text_map *known_ids)
{
    bool added;
    size_t *slot = text_map_put(&r->item_index, id, r->nitems, &added);
    if (!added)
        return &r->items[*slot];
    xgrow((void **)&r->items, &r->cap, r->nitems + 1, sizeof *r->items);
    item_stat *it = &r->items[r->nitems++];
    memset(it, 0, sizeof *it);
    it->id = xstrdup(id);
    it->topic = xstrdup(topic);
    size_t *k = text_map_get(known_ids, id);
    if (k) {
        /* the value packs the set and the item: set * 2^32 + item */
        const gen_item *g = &known[*k >> 32]->items[*k & 0xffffffffu];
        it->kind = xstrdup(gen_kind_name(g->kind));
        it->prompt = xstrdup(g->prompt);
        for (size_t c = 0; c < g->nchoices; c++) {
            xgrow((void **)&it->choices, &it->cap, it->nchoices + 1, sizeof *it->choices);
            it->choices[it->nchoices++] = (choice_stat){xstrdup(g->choices[c]), 0, c == g->answer};
        }
    }
    return it;
}

static choice_stat *choice_for(item_stat *it, const char *text)
{
    for (size_t i = 0; i < it->nchoices; i++)
        if (strcmp(it->choices[i].text, text) == 0)
            return &it->choices[i];
    xgrow((void **)&it->choices, &it->cap, it->nchoices + 1, sizeof *it->choices);
    it->choices[it->nchoices] = (choice_stat){xstrdup(text), 0, false};
    return &it->choices[it->nchoices++];
}

static group_stat *group_for(group_list *g, const char *key)
{
    bool added;
    size_t *slot = text_map_put(&g->index, key, g->n, &added);
    if (!added)
        return &g->v[*slot];
    xgrow((void **)&g->v, &g->cap, g->n + 1, sizeof *g->v);
    group_stat *s = &g->v[g->n++];
    memset(s, 0, sizeof *s);
    s->key = xstrdup(key);
    return s;
}

/* ---- the CSV reader (RFC 4180) ---- */

typedef struct csv {
    const char *p, *end;
    int line;
    strbuf field;
} csv;

static void free_fields(char **f, int n);

/* Reads one record into fields (each malloc'd); returns its field count,
 * 0 at the end, or -1 on a malformed quote (with nothing left allocated). */
static int csv_record(csv *c, char **fields, int max, int *start_line)
{
    if (c->p >= c->end)
        return 0;
    *start_line = c->line;
    int n = 0;
    for (;;) {
        c->field.len = 0;
        if (c->field.buf)
            c->field.buf[0] = '\0';
        if (c->p < c->end && *c->p == '"') {
            c->p++;
            for (;;) {
                if (c->p >= c->end)
                    goto bad; /* unclosed quote */
                if (*c->p == '"') {
                    if (c->p + 1 < c->end && c->p[1] == '"') {
                        strbuf_addc(&c->field, '"');
                        c->p += 2;
                        continue;
                    }
                    c->p++;
                    break;
                }
                if (*c->p == '\n')
                    c->line++;
                strbuf_addc(&c->field, *c->p++);
            }
            if (c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n')
                goto bad; /* text after a closing quote */
        } else {
            const char *s = c->p;
            while (c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n') {
                if (*c->p == '"')
                    goto bad;
                c->p++;
            }
            strbuf_add(&c->field, s, (size_t)(c->p - s));
        }
        if (n < max)
            fields[n] = xstrdup(strbuf_str(&c->field));
        n++;
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        if (c->p < c->end && *c->p == '\r')
            c->p++;
        if (c->p < c->end && *c->p == '\n')
            c->p++;
        c->line++;
        return n;
    }
bad:
    free_fields(fields, n < max ? n : max);
    return -1;
}

static void free_fields(char **f, int n)
{
    for (int i = 0; i < n; i++)
        free(f[i]);
}

static int fail(char **err, const char *name, int line, const char *msg)
{
    *err = xasprintf("%s:%d: %s", name, line, msg);
    return -1;
}

int report_parse(const char *name, const char *buf, size_t len, const gen_set *const *known,
                 size_t nknown, report **out, char **err)
{
    *out = NULL;
    *err = NULL;
    if (memchr(buf, '\0', len))
        return fail(err, name, 1, "not a results file (binary data)");
    size_t bad = utf8_check(buf, len);
    if (bad < len) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += buf[i] == '\n';
        return fail(err, name, line, "invalid UTF-8");
    }
    size_t hlen = strlen(store_results_header);
    if (len < hlen || memcmp(buf, store_results_header, hlen) != 0 ||
        (len > hlen && buf[hlen] != '\r' && buf[hlen] != '\n'))
        return fail(err, name, 1,
                    "not a Quizmill results file (the first line must be its header)");

    text_map known_ids = TEXT_MAP_INIT;
    for (size_t s = 0; s < nknown; s++)
        for (size_t i = 0; known[s] && i < known[s]->n; i++)
            text_map_put(&known_ids, known[s]->items[i].id, (s << 32) | i, NULL);

    report *r = xcalloc(1, sizeof *r);
    r->name = xstrdup(name);
    csv c = {buf, buf + len, 1, STRBUF_INIT};
    char *f[NCOLS + 1];
    int line = 1, n;
    n = csv_record(&c, f, NCOLS + 1, &line); /* the header */
    free_fields(f, n < NCOLS + 1 ? (n < 0 ? 0 : n) : NCOLS + 1);
    int rc = 0;
    while ((n = csv_record(&c, f, NCOLS + 1, &line)) != 0) {
        if (n < 0) {
            rc = fail(err, name, line, "a quoted field is not closed");
            break;
        }
        int kept = n < NCOLS + 1 ? n : NCOLS + 1;
        if (n == 1 && f[0][0] == '\0') { /* a blank line */
            free_fields(f, kept);
            continue;
        }
        if (n != NCOLS) {
            char msg[96];
            snprintf(msg, sizeof msg, "%d fields, expected %d", n, NCOLS);
            free_fields(f, kept);
            rc = fail(err, name, line, msg);
            break;
        }
        bool correct = strcmp(f[COL_CORRECT], "1") == 0;
        uint64_t points = 0;
        const char *pts = f[COL_POINTS][0] == '-' ? f[COL_POINTS] + 1 : f[COL_POINTS];
        if ((!correct && strcmp(f[COL_CORRECT], "0") != 0) ||
            parse_whole(pts, 0, 1000000000, &points) != 0 || !f[COL_ITEM][0]) {
            free_fields(f, kept);
            rc = fail(err, name, line, "a malformed row (correct must be 0 or 1, points a number)");
            break;
        }
        long long signed_points = f[COL_POINTS][0] == '-' ? -(long long)points : (long long)points;
        item_stat *it = item_for(r, f[COL_ITEM], f[COL_TOPIC], known, &known_ids);
        it->answered++;
        it->right += correct;
        if (f[COL_CHOSEN][0])
            choice_for(it, f[COL_CHOSEN])->picked++;
        else
            it->timeouts++;
        choice_for(it, f[COL_RIGHT])->correct = true;
        group_stat *t = group_for(&r->topics, f[COL_TOPIC]);
        t->answered++;
        t->right += correct;
        t->points += signed_points;
        group_stat *p = group_for(&r->players, f[COL_PLAYER][0] ? f[COL_PLAYER] : "(no name)");
        p->answered++;
        p->right += correct;
        p->points += signed_points;
        text_map_put(&p->rounds, f[COL_ROUND], 0, NULL);
        text_map_put(&r->rounds, f[COL_ROUND], 0, NULL);
        r->rows++;
        free_fields(f, kept);
    }
    strbuf_release(&c.field);
    text_map_release(&known_ids);
    if (rc) {
        report_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

static void free_groups(group_list *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->v[i].key);
        text_map_release(&g->v[i].rounds);
    }
    free(g->v);
    text_map_release(&g->index);
}

void report_free(report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nitems; i++) {
        item_stat *it = &r->items[i];
        for (size_t c = 0; c < it->nchoices; c++)
            free(it->choices[c].text);
        free(it->choices);
        free(it->id);
        free(it->topic);
        free(it->kind);
        free(it->prompt);
    }
    free(r->items);
    text_map_release(&r->item_index);
    free_groups(&r->topics);
    free_groups(&r->players);
    text_map_release(&r->rounds);
    free(r->name);
    free(r);
}

/* ---- writing ---- */

static int percent(size_t part, size_t whole)
{
    return whole ? (int)((part * 100 + whole / 2) / whole) : 0;
}

void report_write_text(FILE *f, const report *r)
{
    fprintf(f, "Item analysis of %s: %zu answer%s, %zu round%s, %zu player%s\n", r->name,
            r->rows, r->rows == 1 ? "" : "s", r->rounds.n, r->rounds.n == 1 ? "" : "s",
            r->players.n, r->players.n == 1 ? "" : "s");
    fputs("\nItems (answered, share right, then how often each choice was picked;\n"
          "* marks the right choice; a wrong choice nobody picks is a weak one)\n",
          f);
    for (size_t i = 0; i < r->nitems; i++) {
        const item_stat *it = &r->items[i];
        fprintf(f, "\n%s  %s  %s\n", it->id, it->topic, it->kind ? it->kind : "(not in the article)");
        if (it->prompt)
            fprintf(f, "  %s\n", it->prompt);
        fprintf(f, "  answered %zu, right %zu (%d%%)", it->answered, it->right,
                percent(it->right, it->answered));
        if (it->timeouts)
            fprintf(f, ", %zu timed out", it->timeouts);
        fputc('\n', f);
        for (size_t c = 0; c < it->nchoices; c++) {
            const choice_stat *ch = &it->choices[c];
            fprintf(f, "  %c %4zu  %s%s\n", ch->correct ? '*' : ' ', ch->picked, ch->text,
                    !ch->correct && ch->picked == 0 && it->answered >= 5 ? "  (never picked: weak)"
                                                                         : "");
        }
    }
    fputs("\nTopics\n", f);
    for (size_t i = 0; i < r->topics.n; i++) {
        const group_stat *g = &r->topics.v[i];
        fprintf(f, "  %-40s answered %5zu  right %3d%%\n", g->key, g->answered,
                percent(g->right, g->answered));
    }
    fputs("\nPlayers\n", f);
    for (size_t i = 0; i < r->players.n; i++) {
        const group_stat *g = &r->players.v[i];
        fprintf(f, "  %-20s rounds %4zu  answered %5zu  right %3d%%  points %lld\n", g->key,
                g->rounds.n, g->answered, percent(g->right, g->answered), g->points);
    }
}

static void csv_row(FILE *f, const char *scope, const char *key, const char *topic,
                    long long answered, long long right, long long picked, int correct,
                    long long points, const char *text)
{
    fprintf(f, "%s,", scope);
    export_csv_field(f, key);
    fputc(',', f);
    export_csv_field(f, topic);
    if (answered >= 0)
        fprintf(f, ",%lld,%lld,%.3f,", answered, right, answered ? (double)right / answered : 0.0);
    else
        fputs(",,,,", f);
    if (picked >= 0)
        fprintf(f, "%lld,%d,", picked, correct);
    else
        fputs(",,", f);
    if (points != LLONG_MIN)
        fprintf(f, "%lld,", points);
    else
        fputc(',', f);
    export_csv_field(f, text);
    fputs("\r\n", f);
}

void report_write_csv(FILE *f, const report *r)
{
    fputs("scope,key,topic,answered,right,share_right,picked,correct,points,text\r\n", f);
    for (size_t i = 0; i < r->nitems; i++) {
        const item_stat *it = &r->items[i];
        csv_row(f, "item", it->id, it->topic, (long long)it->answered, (long long)it->right, -1,
                0, LLONG_MIN, it->prompt ? it->prompt : "");
        for (size_t c = 0; c < it->nchoices; c++)
            csv_row(f, "choice", it->id, it->topic, -1, 0, (long long)it->choices[c].picked,
                    it->choices[c].correct, LLONG_MIN, it->choices[c].text);
    }
    for (size_t i = 0; i < r->topics.n; i++) {
        const group_stat *g = &r->topics.v[i];
        csv_row(f, "topic", g->key, g->key, (long long)g->answered, (long long)g->right, -1, 0,
                g->points, "");
    }
    for (size_t i = 0; i < r->players.n; i++) {
        const group_stat *g = &r->players.v[i];
        csv_row(f, "player", g->key, "", (long long)g->answered, (long long)g->right, -1, 0,
                g->points, "");
    }
}
