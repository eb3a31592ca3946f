/* report.c - item analysis: read the results CSV, count, write. Start
 * reading at report_parse(). */
#include "report.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv.h"
#include "export.h"
#include "store.h"
#include "text.h"
#include "trainer.h"
#include "util.h"

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

/* An answer that moves a student's trainer card (for the progress table). */
typedef struct practice_row {
    char *player, *item;
    int64_t at; /* unix ms */
    bool correct;
} practice_row;

struct report {
    char *name;
    const item_set *const *known; /* borrowed while rows are added */
    text_map known_ids;
    practice_row *practice;
    size_t npractice, practice_cap;
    size_t rows;
    item_stat *items;
    size_t nitems, cap;
    text_map item_index;
    group_list topics, players;
    text_map rounds;
};

/* ---- counting ---- */

static item_stat *item_for(report *r, const char *id, const char *topic,
                           const item_set *const *known, const text_map *known_ids)
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
        const item *g = &known[*k >> 32]->items[*k & 0xffffffffu];
        it->kind = xstrdup(item_kind_name(g->kind));
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

static int fail(char **err, const char *name, int line, const char *msg)
{
    *err = xasprintf("%s:%d: %s", name, line, msg);
    return -1;
}

report *report_new(const char *name, const item_set *const *known, size_t nknown)
{
    report *r = xcalloc(1, sizeof *r);
    r->name = xstrdup(name);
    r->known = known;
    for (size_t s = 0; s < nknown; s++)
        for (size_t i = 0; known[s] && i < known[s]->n; i++)
            text_map_put(&r->known_ids, known[s]->items[i].id, (s << 32) | i, NULL);
    return r;
}

/* The items table's "a\nb\nc" choices for an item not in the article. */
static void add_stored_choices(item_stat *it, const report_row *row)
{
    if (it->kind || !row->kind)
        return;
    it->kind = xstrdup(row->kind);
    it->prompt = row->prompt ? xstrdup(row->prompt) : NULL;
    for (const char *p = row->choices; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *text = xstrndup(p, n);
        choice_for(it, text);
        free(text);
        p = nl ? nl + 1 : p + n;
    }
}

void report_add(report *r, const report_row *row)
{
    item_stat *it = item_for(r, row->item, row->topic, r->known, &r->known_ids);
    add_stored_choices(it, row);
    it->answered++;
    it->right += row->correct;
    if (row->chosen[0])
        choice_for(it, row->chosen)->picked++;
    else
        it->timeouts++;
    choice_for(it, row->right)->correct = true;
    group_stat *t = group_for(&r->topics, row->topic);
    t->answered++;
    t->right += row->correct;
    t->points += row->points;
    group_stat *p = group_for(&r->players, row->player[0] ? row->player : "(no name)");
    p->answered++;
    p->right += row->correct;
    p->points += row->points;
    text_map_put(&p->rounds, row->round, 0, NULL);
    text_map_put(&r->rounds, row->round, 0, NULL);
    r->rows++;
    if (row->trains && row->player[0]) {
        xgrow((void **)&r->practice, &r->practice_cap, r->npractice + 1, sizeof *r->practice);
        practice_row *pr = &r->practice[r->npractice++];
        pr->player = xstrdup(row->player);
        pr->item = xstrdup(row->item);
        pr->at = row->at;
        pr->correct = row->correct;
    }
}

enum { COL_TIME, COL_ROUND, COL_PLAYER, COL_DIFF, COL_TOPIC, COL_ITEM, COL_CHOSEN, COL_RIGHT,
       COL_CORRECT, COL_MS, COL_POINTS, NCOLS };

static const char *const col_names[NCOLS] = {"timestamp", "round", "player", "difficulty",
                                             "topic", "item", "chosen", "right", "correct",
                                             "ms", "points"};

int report_add_csv(report *r, const char *buf, size_t len, char **err)
{
    *err = NULL;
    const char *name = r->name;
    if (memchr(buf, '\0', len))
        return fail(err, name, 1, "not a results file (binary data)");
    size_t bad = utf8_check(buf, len);
    if (bad < len) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += buf[i] == '\n';
        return fail(err, name, line, "invalid UTF-8");
    }
    csv_reader *c = csv_open(buf, len);
    char **f;
    size_t n;
    int line = 1, got = csv_next(c, &f, &n, &line);
    int at[NCOLS];
    for (int k = 0; k < NCOLS && got > 0; k++)
        if ((at[k] = csv_column(f, n, col_names[k])) < 0)
            got = 0;
    if (got <= 0) {
        csv_close(c);
        return fail(err, name, 1, "not a Quizmill results file (the first line must be its header)");
    }
    size_t ncols = n;
    int rc = 0;
    while ((got = csv_next(c, &f, &n, &line)) > 0) {
        if (n < ncols) {
            char msg[96];
            snprintf(msg, sizeof msg, "%zu fields, expected %zu", n, ncols);
            rc = fail(err, name, line, msg);
            break;
        }
        const char *v[NCOLS];
        for (int k = 0; k < NCOLS; k++)
            v[k] = csv_unneutral(f[at[k]]);
        bool correct = strcmp(v[COL_CORRECT], "1") == 0;
        uint64_t points = 0;
        const char *pts = v[COL_POINTS][0] == '-' ? v[COL_POINTS] + 1 : v[COL_POINTS];
        if ((!correct && strcmp(v[COL_CORRECT], "0") != 0) ||
            parse_whole(pts, 0, 1000000000, &points) != 0 || !v[COL_ITEM][0]) {
            rc = fail(err, name, line, "a malformed row (correct must be 0 or 1, points a number)");
            break;
        }
        report_row row;
        memset(&row, 0, sizeof row);
        int64_t other, when = csv_parse_time(v[COL_TIME], &other);
        row.at = when > 0 ? when * 1000 : 0;
        row.round = v[COL_ROUND];
        row.player = v[COL_PLAYER];
        row.topic = v[COL_TOPIC];
        row.item = v[COL_ITEM];
        row.chosen = v[COL_CHOSEN];
        row.right = v[COL_RIGHT];
        row.correct = correct;
        row.points = v[COL_POINTS][0] == '-' ? -(long long)points : (long long)points;
        /* a CSV does not say which rounds were a team's: every named player
         * but the host counts for the trainer's progress */
        row.trains = strncmp(v[COL_CHOSEN], "host: ", 6) != 0 && strcmp(v[COL_PLAYER], "host") != 0;
        report_add(r, &row);
    }
    if (got < 0 && rc == 0)
        rc = fail(err, name, line, "a quoted field is not closed");
    csv_close(c);
    return rc;
}

int report_parse(const char *name, const char *buf, size_t len, const item_set *const *known,
                 size_t nknown, report **out, char **err)
{
    report *r = report_new(name, known, nknown);
    if (report_add_csv(r, buf, len, err) != 0) {
        report_free(r);
        *out = NULL;
        return -1;
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
    text_map_release(&r->known_ids);
    for (size_t i = 0; i < r->npractice; i++) {
        free(r->practice[i].player);
        free(r->practice[i].item);
    }
    free(r->practice);
    free(r->name);
    free(r);
}

/* ---- writing ---- */

static int percent(size_t part, size_t whole)
{
    return whole ? (int)((part * 100 + whole / 2) / whole) : 0;
}

/* s with control characters as \xNN, in one of four rotating buffers (a
 * printf may show up to four strings at once). */
static const char *esc(const char *s)
{
    static strbuf ring[4];
    static int next;
    strbuf *sb = &ring[next++ % 4];
    sb->len = 0;
    strbuf_add(sb, "", 0);
    csv_escape_controls(sb, s ? s : "");
    return sb->buf;
}

/* ---- progress: each student's answers through the Leitner boxes ---- */

typedef struct progress_day {
    char day[16]; /* "2026-11-27" */
    size_t answered, right, seen, mastered;
} progress_day;

static int cmp_practice(const void *x, const void *y)
{
    const practice_row *a = x, *b = y;
    int c = strcmp(a->player, b->player);
    if (c)
        return c;
    return a->at < b->at ? -1 : a->at > b->at;
}

/* Calls out() for every student and day they played, in order. */
static void each_progress_day(const report *r, void *ctx,
                              void (*out)(void *ctx, const char *player, const progress_day *d))
{
    /* sort a copy of the pointers' order (qsort is not stable: break ties by index) */
    practice_row *v = xmalloc((r->npractice ? r->npractice : 1) * sizeof *v);
    memcpy(v, r->practice, r->npractice * sizeof *v);
    qsort(v, r->npractice, sizeof *v, cmp_practice);
    for (size_t i = 0; i < r->npractice;) {
        size_t j = i;
        while (j < r->npractice && strcmp(v[j].player, v[i].player) == 0)
            j++;
        text_map index = TEXT_MAP_INIT;
        trainer_card *cards = NULL;
        size_t ncards = 0, cap = 0, mastered = 0;
        progress_day d;
        memset(&d, 0, sizeof d);
        for (size_t k = i; k < j; k++) {
            char day[16];
            time_t t = (time_t)(v[k].at / 1000);
            struct tm tm;
            if (v[k].at > 0 && localtime_r(&t, &tm))
                strftime(day, sizeof day, "%Y-%m-%d", &tm);
            else
                snprintf(day, sizeof day, "(no date)");
            if (d.answered && strcmp(day, d.day) != 0) {
                out(ctx, v[i].player, &d);
                memset(&d, 0, sizeof d);
            }
            snprintf(d.day, sizeof d.day, "%s", day);
            bool added;
            size_t *slot = text_map_put(&index, v[k].item, ncards, &added);
            if (added) {
                xgrow((void **)&cards, &cap, ncards + 1, sizeof *cards);
                cards[ncards++] = (trainer_card){0, 0};
            }
            trainer_card *c = &cards[*slot];
            bool was = trainer_mastered(*c);
            *c = trainer_answer(*c, v[k].correct, v[k].at / 1000);
            mastered += (size_t)trainer_mastered(*c) - (size_t)was;
            d.answered++;
            d.right += v[k].correct;
            d.seen = ncards;
            d.mastered = mastered;
        }
        if (d.answered)
            out(ctx, v[i].player, &d);
        text_map_release(&index);
        free(cards);
        i = j;
    }
    free(v);
}

static void text_progress(void *ctx, const char *player, const progress_day *d)
{
    FILE *f = ctx;
    fprintf(f, "  %-20s %s  answered %4zu  right %3d%%  seen %4zu  mastered %4zu\n", esc(player),
            d->day, d->answered, percent(d->right, d->answered), d->seen, d->mastered);
}

void report_write_text(FILE *f, const report *r)
{
    fprintf(f, "Item analysis of %s: %zu answer%s, %zu round%s, %zu player%s\n", esc(r->name),
            r->rows, r->rows == 1 ? "" : "s", r->rounds.n, r->rounds.n == 1 ? "" : "s",
            r->players.n, r->players.n == 1 ? "" : "s");
    fputs("\nItems (answered, share right, then how often each choice was picked;\n"
          "* marks the right choice; a wrong choice nobody picks is a weak one)\n",
          f);
    for (size_t i = 0; i < r->nitems; i++) {
        const item_stat *it = &r->items[i];
        fprintf(f, "\n%s  %s  %s\n", esc(it->id), esc(it->topic),
                it->kind ? esc(it->kind) : "(not in the article)");
        if (it->prompt)
            fprintf(f, "  %s\n", esc(it->prompt));
        fprintf(f, "  answered %zu, right %zu (%d%%)", it->answered, it->right,
                percent(it->right, it->answered));
        if (it->timeouts)
            fprintf(f, ", %zu timed out", it->timeouts);
        fputc('\n', f);
        for (size_t c = 0; c < it->nchoices; c++) {
            const choice_stat *ch = &it->choices[c];
            fprintf(f, "  %c %4zu  %s%s\n", ch->correct ? '*' : ' ', ch->picked, esc(ch->text),
                    !ch->correct && ch->picked == 0 && it->answered >= 5 ? "  (never picked: weak)"
                                                                         : "");
        }
    }
    fputs("\nTopics\n", f);
    for (size_t i = 0; i < r->topics.n; i++) {
        const group_stat *g = &r->topics.v[i];
        fprintf(f, "  %-40s answered %5zu  right %3d%%\n", esc(g->key), g->answered,
                percent(g->right, g->answered));
    }
    fputs("\nPlayers\n", f);
    for (size_t i = 0; i < r->players.n; i++) {
        const group_stat *g = &r->players.v[i];
        fprintf(f, "  %-20s rounds %4zu  answered %5zu  right %3d%%  points %lld\n", esc(g->key),
                g->rounds.n, g->answered, percent(g->right, g->answered), g->points);
    }
    if (r->npractice) {
        fputs("\nProgress of each student, day by day (Leitner boxes: an item is mastered\n"
              "in box 5, after right answers over about five weeks; seen = items answered)\n",
              f);
        each_progress_day(r, f, text_progress);
    }
}

static void put_cell(FILE *f, const char *s)
{
    strbuf sb = STRBUF_INIT;
    csv_put(&sb, s ? s : "", true);
    fwrite(sb.buf ? sb.buf : "", 1, sb.len, f);
    strbuf_release(&sb);
}

static void csv_row(FILE *f, const char *scope, const char *key, const char *topic,
                    long long answered, long long right, long long picked, int correct,
                    long long points, const char *text)
{
    fprintf(f, "%s,", scope);
    put_cell(f, key);
    fputc(',', f);
    put_cell(f, topic);
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
    put_cell(f, text);
    fputs("\r\n", f);
}

static void csv_progress(void *ctx, const char *player, const progress_day *d)
{
    char text[64];
    snprintf(text, sizeof text, "%zu mastered of %zu seen", d->mastered, d->seen);
    csv_row(ctx, "progress", player, d->day, (long long)d->answered, (long long)d->right, -1, 0,
            LLONG_MIN, text);
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
    each_progress_day(r, f, csv_progress);
}
