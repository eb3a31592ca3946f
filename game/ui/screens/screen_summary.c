/* screen_summary.c - the round's score, right answers, best streak and time,
 * a new high score's place, the trainer's line, and the review of EVERY
 * missed item: its question, the player's own answer (marked wrong), the
 * right one and, where the page has room, the sentence it was made from.
 * The review is cut into pages measured with the height the screen leaves
 * it (never cut, never off the screen): whole entries at the largest size
 * at which each fits a page; an entry taller than a page at the smallest
 * size goes on over the next pages, line by line. When the score leaves
 * too little room, it has the first page to itself and the list the whole
 * height of the others. Up/Down, PageUp/PageDown, the wheel, a gamepad's
 * D-pad or shoulders and the page buttons turn them. Below: "Play again", "Practise the missed
 * ones" (only when some were missed; its score enters no high-score
 * table) and the title screen, in one row or, when that is too wide even
 * at the smallest size, in rows; chosen with Left/Right and Enter, a click,
 * a tap or gamepad A. Start reading at draw(). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "util.h"
#include "widgets.h"

#define REVIEW_MAX 256 /* missed items listed: more than a round asks */
#define PAGES_MAX 1024 /* review pages: an entry taller than a page takes several */

enum { BTN_AGAIN, BTN_PRACTISE, BTN_TITLE, NBTN };

/* The screen's own state: the pages as the last frame laid them out, the
 * page shown and the button chosen. */
typedef struct summary_state {
    size_t missed[REVIEW_MAX];
    size_t nmissed;
    size_t page_first[PAGES_MAX + 1]; /* first review line of each page; [npages] = all */
    bool with_source[REVIEW_MAX];     /* the entry's source sentence fits its page */
    int npages, page;
    bool header_page; /* the score has page 1 to itself: no room for it above the list */
    int selected;     /* a BTN_*; BTN_TITLE at first: Enter goes on as it always did */
    bool chosen;      /* the pointer or keys chose a button (drawn highlighted) */
    SDL_Rect button[NBTN];
    SDL_Rect prev, next; /* the page buttons (w 0 when there is one page) */
} summary_state;

static bool button_shown(const summary_state *st, int b)
{
    return b != BTN_PRACTISE || st->nmissed > 0;
}

static const char *button_label(int b)
{
    static const char *const labels[NBTN] = {N_("Play again"), N_("Practise the missed ones"),
                                             N_("Title screen")};
    return _(labels[b]);
}

static void enter(app *a)
{
    summary_state *st = app_screen_state(a);
    st->nmissed = a->rnd ? round_missed(a->rnd, st->missed, REVIEW_MAX) : 0;
    if (st->nmissed > REVIEW_MAX)
        st->nmissed = REVIEW_MAX;
    st->selected = BTN_TITLE;
    st->npages = 1;
}

static void press(app *a, int b)
{
    switch (b) {
    case BTN_AGAIN:
        app_go(a, GO_PLAY_AGAIN);
        break;
    case BTN_PRACTISE:
        app_go(a, GO_PRACTISE_MISSED);
        break;
    default:
        app_go(a, GO_SUMMARY_DONE);
        break;
    }
}

static void turn(app *a, summary_state *st, int by)
{
    int p = st->page + by;
    if (p >= 0 && p < st->npages && p != st->page) {
        st->page = p;
        a->dirty = true;
    }
}

static void move_selection(app *a, summary_state *st, int by)
{
    int b = st->selected;
    do
        b = (b + by + NBTN) % NBTN;
    while (!button_shown(st, b));
    st->selected = b;
    st->chosen = true;
    a->dirty = true;
}

static void on_action(app *a, const action *act)
{
    summary_state *st = app_screen_state(a);
    if (act->kind != ACT_HOVER && SDL_GetTicks() - a->screen_since < INPUT_GRACE_MS)
        return;
    switch (act->kind) {
    case ACT_UP:
        turn(a, st, -1);
        break;
    case ACT_DOWN:
        turn(a, st, 1);
        break;
    case ACT_PAGE:
        turn(a, st, act->n < 0 ? -1 : 1);
        break;
    case ACT_LEFT:
        move_selection(a, st, -1);
        break;
    case ACT_RIGHT:
        move_selection(a, st, 1);
        break;
    case ACT_CONFIRM:
        press(a, st->selected);
        break;
    case ACT_PAUSE:
    case ACT_BACK:
        app_go(a, GO_SUMMARY_DONE);
        break;
    case ACT_POINT:
    case ACT_HOVER:
        if (act->kind == ACT_POINT && ui_point_in(st->prev, act->x, act->y)) {
            turn(a, st, -1);
            break;
        }
        if (act->kind == ACT_POINT && ui_point_in(st->next, act->x, act->y)) {
            turn(a, st, 1);
            break;
        }
        for (int b = 0; b < NBTN; b++) {
            if (!button_shown(st, b) || !ui_point_in(st->button[b], act->x, act->y))
                continue;
            if (act->kind == ACT_POINT) {
                press(a, b);
                return;
            }
            if (st->selected != b || !st->chosen) {
                st->selected = b;
                st->chosen = true;
                a->dirty = true;
            }
        }
        break;
    default:
        break;
    }
}

static int tick(app *a, uint32_t now)
{
    uint32_t wait_ms = a->opt.autoplay ? (uint32_t)a->opt.autoplay_delay
                       : a->cfg.kiosk  ? (uint32_t)a->cfg.idle_timeout * 1000u
                                       : 0;
    if (!wait_ms && !a->opt.autoplay)
        return -1;
    uint32_t since = a->opt.autoplay
                         ? a->screen_since
                         : (a->last_input > a->screen_since ? a->last_input : a->screen_since);
    uint32_t due = since + wait_ms;
    if ((int32_t)(now - due) >= 0) {
        app_go(a, GO_SUMMARY_DONE);
        return 0;
    }
    return (int)(due - now);
}

/* ---- the review list ---- */

/* What one missed item shows, each a whole sentence for the translator. */
typedef struct entry_text {
    char *question, *yours, *right, *source; /* malloc'd; source NULL when none */
} entry_text;

static void entry_make(const app *a, size_t number, size_t idx, entry_text *e)
{
    const item *it = &a->deck.items[idx];
    int chosen = ROUND_TIMEOUT;
    size_t n;
    const round_answer_info *ans = round_answers(a->rnd, &n);
    for (size_t i = 0; i < n; i++)
        if (ans[i].item == idx && !ans[i].repeat) {
            chosen = ans[i].chosen;
            break;
        }
    e->question = xasprintf(_("%zu. %s"), number, it->prompt);
    if (chosen >= 0 && (size_t)chosen < it->nchoices)
        e->yours = xasprintf(_("Your answer: %s"), it->choices[chosen]);
    else
        e->yours = xstrdup(_("Your answer: none (the time ran out)"));
    e->right = xasprintf(_("Right answer: %s"), it->choices[it->answer]);
    /* the sentence, unless it is the right answer itself (a "says" item's) */
    bool own = it->source && it->source[0] && strcmp(it->source, it->choices[it->answer]) != 0;
    e->source = own ? xasprintf(_("From the text: %s"), it->source) : NULL;
}

static void entry_free(entry_text *e)
{
    free(e->question);
    free(e->yours);
    free(e->right);
    free(e->source);
}

/* The list's geometry: the text size, its line height, the gap between
 * entries, the list's left edge and width, the marks' indent. */
typedef struct list_geom {
    int px, lh, gap, x, w, indent;
} list_geom;

static void geom_size(ui *u, list_geom *g, int px)
{
    g->px = px;
    g->lh = ui_line_height(u, px, false);
    g->gap = g->lh / 2;
    g->indent = g->lh * 3 / 2;
}

enum { PART_QUESTION, PART_YOURS, PART_RIGHT, PART_SOURCE };

/* One line of the review as wrapped to the list. */
typedef struct review_line {
    char *text; /* malloc'd */
    int entry, part, h;
    bool first; /* the part's first line: its mark goes here */
} review_line;

/* The whole review wrapped at one size: each entry's lines in order, its
 * source sentence's last. Built and freed within a frame. */
typedef struct review {
    review_line *line;
    size_t n, cap;
    size_t first[REVIEW_MAX + 1]; /* each entry's first line; [nmissed] = n */
    size_t source[REVIEW_MAX];    /* each entry's first source line (its end when none) */
} review;

static void review_free(review *rv)
{
    for (size_t i = 0; i < rv->n; i++)
        free(rv->line[i].text);
    free(rv->line);
    rv->line = NULL;
    rv->n = rv->cap = 0;
}

static void review_add(review *rv, const char *s, size_t len, int entry, int part, int h,
                       bool first)
{
    xgrow((void **)&rv->line, &rv->cap, rv->n + 1, sizeof *rv->line);
    rv->line[rv->n++] = (review_line){xstrndup(s, len), entry, part, h, first};
}

/* The width of s[0..len) at px. */
static int span_width(ui *u, const char *s, size_t len, int px, bool bold)
{
    char *t = xstrndup(s, len);
    int w = ui_text_width(u, t, px, bold);
    free(t);
    return w;
}

/* Greedy word wrap of s to width w, each line added to rv: as many words
 * as fit, a word wider than a line cut between UTF-8 characters. Each line
 * is drawn on its own, so a page may end between two lines of a part. */
static void review_wrap(ui *u, review *rv, const char *s, int w, int px, bool bold, int entry,
                        int part)
{
    int h = ui_line_height(u, px, bold);
    bool first = true;
    const char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\n')
            p++;
        if (!*p)
            break;
        size_t len = 0; /* the line is p[0..len) */
        for (;;) {
            const char *end = p + len;
            while (*end == ' ')
                end++;
            if (!*end || *end == '\n')
                break;
            while (*end && *end != ' ' && *end != '\n')
                end++;
            if (span_width(u, p, (size_t)(end - p), px, bold) <= w) {
                len = (size_t)(end - p);
                continue;
            }
            if (len)
                break; /* the word starts the next line */
            /* one word wider than the line: as many characters as fit, one at least */
            size_t cut = (size_t)(end - p);
            while (cut > 1) {
                do
                    cut--;
                while (cut > 1 && ((unsigned char)p[cut] & 0xC0) == 0x80);
                if (span_width(u, p, cut, px, bold) <= w)
                    break;
            }
            len = cut;
            break;
        }
        review_add(rv, p, len, entry, part, h, first);
        first = false;
        p += len;
    }
    if (first) /* nothing to show: still a line, for its mark */
        review_add(rv, "", 0, entry, part, h, true);
}

static void review_build(app *a, const summary_state *st, const list_geom *g, review *rv)
{
    ui *u = &a->ui;
    int tw = g->w - g->indent;
    for (size_t i = 0; i < st->nmissed; i++) {
        entry_text e;
        entry_make(a, i + 1, st->missed[i], &e);
        rv->first[i] = rv->n;
        review_wrap(u, rv, e.question, g->w, g->px, true, (int)i, PART_QUESTION);
        review_wrap(u, rv, e.yours, tw, g->px, false, (int)i, PART_YOURS);
        review_wrap(u, rv, e.right, tw, g->px, true, (int)i, PART_RIGHT);
        rv->source[i] = rv->n;
        if (e.source)
            review_wrap(u, rv, e.source, tw, g->px, false, (int)i, PART_SOURCE);
        entry_free(&e);
    }
    rv->first[st->nmissed] = rv->n;
}

/* The height of lines [from, to). */
static int lines_height(const review *rv, size_t from, size_t to)
{
    int h = 0;
    for (size_t i = from; i < to; i++)
        h += rv->line[i].h;
    return h;
}

/* The tallest entry, its source sentence left out. */
static int review_tallest(const review *rv, size_t nmissed)
{
    int most = 0;
    for (size_t i = 0; i < nmissed; i++) {
        int h = lines_height(rv, rv->first[i], rv->source[i]);
        most = h > most ? h : most;
    }
    return most;
}

/* Wraps the review at the largest size, from the list's own down to the
 * smallest, at which every entry fits a page of height h. */
static void review_fit(app *a, const summary_state *st, list_geom *g, int h, review *rv)
{
    ui *u = &a->ui;
    for (int px = ui_font_px(u, 0.036);; px--) {
        review_free(rv);
        geom_size(u, g, px);
        review_build(a, st, g, rv);
        if (px <= ui_min_px(u) || review_tallest(rv, st->nmissed) <= h)
            return;
    }
}

/* Cuts the review into pages of height h: as many whole entries as fit;
 * an entry taller than a page starts one and fills it line by line, going
 * on over the next. Then the source sentences of the entries that end on
 * the page, in order, while it has room. With header_page, the first page
 * is the score's, without entries. */
static void paginate(summary_state *st, const review *rv, const list_geom *g, int h,
                     bool header_page)
{
    size_t n = rv->n, i = 0, nmissed = st->nmissed;
    memset(st->with_source, 0, sizeof st->with_source);
    st->npages = 0;
    if (header_page)
        st->page_first[st->npages++] = 0;
    do {
        size_t first = i;
        int used = 0;
        while (i < n) {
            int e = rv->line[i].entry;
            size_t end = rv->source[e];
            int gap = i == first ? 0 : g->gap;
            int rest = lines_height(rv, i, end);
            if (used + gap + rest <= h || st->npages + 1 >= PAGES_MAX) {
                /* (past PAGES_MAX pages the last takes the rest: never seen) */
                used += gap + rest;
                i = rv->first[e + 1];
                continue;
            }
            if (i != first)
                break;
            /* taller than a page even at the smallest size: it fills this
             * page line by line (one line at least) and goes on on the next */
            while (i < end && (i == first || used + rv->line[i].h <= h))
                used += rv->line[i++].h;
            if (i == end)
                i = rv->first[e + 1];
            break;
        }
        for (size_t e = first < n ? (size_t)rv->line[first].entry : nmissed;
             e < nmissed && rv->first[e + 1] <= i; e++) {
            if (rv->source[e] <= first || rv->source[e] == rv->first[e + 1])
                continue; /* ended on an earlier page, or has no sentence */
            int sh = lines_height(rv, rv->source[e], rv->first[e + 1]);
            st->with_source[e] = used + sh <= h;
            used += st->with_source[e] ? sh : 0;
        }
        st->page_first[st->npages++] = first;
    } while (i < n);
    st->page_first[st->npages] = n;
}

/* The page's lines from y. */
static void draw_page(app *a, const summary_state *st, const review *rv, const list_geom *g, int y)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    size_t from = st->page_first[st->page], to = st->page_first[st->page + 1];
    for (size_t i = from; i < to; i++) {
        const review_line *l = &rv->line[i];
        if (l->part == PART_SOURCE && !st->with_source[l->entry])
            continue;
        if (i == rv->first[l->entry] && i != from)
            y += g->gap;
        int x = g->x + (l->part == PART_QUESTION ? 0 : g->indent);
        int mx = g->x + g->indent / 2, my = y + g->lh / 2, mark = g->lh / 2;
        SDL_Color c = t->text;
        bool bold = l->part == PART_QUESTION;
        if (l->part == PART_YOURS) {
            c = t->bad;
            if (l->first)
                ui_cross_mark(u, mx, my, mark, t->bad);
        } else if (l->part == PART_RIGHT) {
            c = t->good;
            bold = true;
            if (l->first)
                ui_check_mark(u, mx, my, mark, t->good);
        } else if (l->part == PART_SOURCE) {
            c = t->dim;
        }
        ui_text(u, l->text, g->px, bold, c, x, y, UI_LEFT);
        y += l->h;
    }
}

/* ---- the buttons, the hint, the header ---- */

/* A button: a panel with its label, highlighted when selected. */
static void draw_button(ui *u, SDL_Rect r, const char *label, int px, bool sel, const char *what)
{
    const ui_theme *t = &u->theme;
    ui_panel(u, r, sel ? t->accent : t->panel, r.h / 5);
    ui_log(u, r, 0, false, what);
    ui_text_fit(u, label, r, px, px, true, sel ? t->on_badge : t->text, UI_CENTER, true);
}

/* Places the shown buttons centred above bottom: in one row at the largest
 * size at which it fits the width (down to the smallest); else, at the
 * smallest size, in rows filled in order, a label wider than the screen
 * wrapped inside its button. Sets st->button and *px; returns the top. */
static int place_buttons(ui *u, summary_state *st, int m, int bottom, int *px)
{
    int pad = ui_px(u, 0.025), gap = ui_px(u, 0.02), avail = u->w - 2 * m;
    int size = ui_font_px(u, 0.042);
    for (;; size--) {
        int total = -gap;
        for (int b = 0; b < NBTN; b++)
            if (button_shown(st, b))
                total += ui_text_width(u, button_label(b), size, true) + 2 * pad + gap;
        if (total <= avail || size <= ui_min_px(u))
            break;
    }
    *px = size;
    int w[NBTN] = {0}, h[NBTN] = {0}, row[NBTN] = {0};
    int nrows = 0, used = 0;
    for (int b = 0; b < NBTN; b++) {
        st->button[b] = (SDL_Rect){0, 0, 0, 0};
        if (!button_shown(st, b))
            continue;
        w[b] = ui_text_width(u, button_label(b), size, true) + 2 * pad;
        w[b] = w[b] < avail ? w[b] : avail;
        h[b] = ui_text_height(u, button_label(b), w[b] - 2 * pad, size, true) + pad;
        if (nrows == 0 || used + gap + w[b] > avail) {
            nrows++;
            used = w[b];
        } else {
            used += gap + w[b];
        }
        row[b] = nrows - 1;
    }
    int row_w[NBTN] = {0}, row_h[NBTN] = {0}, total_h = -gap;
    for (int b = 0; b < NBTN; b++)
        if (button_shown(st, b)) {
            row_w[row[b]] += (row_w[row[b]] ? gap : 0) + w[b];
            row_h[row[b]] = h[b] > row_h[row[b]] ? h[b] : row_h[row[b]];
        }
    for (int r = 0; r < nrows; r++)
        total_h += row_h[r] + gap;
    int top = bottom - total_h, y = top, x = 0, r = -1;
    for (int b = 0; b < NBTN; b++) {
        if (!button_shown(st, b))
            continue;
        if (row[b] != r) {
            if (r >= 0)
                y += row_h[r] + gap;
            r = row[b];
            x = (u->w - row_w[r]) / 2;
        }
        st->button[b] = (SDL_Rect){x, y, w[b], row_h[r]};
        x += w[b] + gap;
    }
    return top;
}

static void draw_buttons(ui *u, const summary_state *st, int px)
{
    for (int b = 0; b < NBTN; b++)
        if (button_shown(st, b))
            draw_button(u, st->button[b], button_label(b), px, b == st->selected,
                        b == BTN_TITLE ? "title button" : "action button");
}

/* The hints: 0 what practice does, 1 how to page and choose, 2 how to
 * choose. Malloc'd. */
static char *hint_text(const summary_state *st, int which)
{
    if (which == 0)
        return xasprintf(ngettext("A round of the %zu missed question; its score is not in the "
                                  "high scores",
                                  "A round of the %zu missed questions; its score is not in the "
                                  "high scores",
                                  st->nmissed),
                         st->nmissed);
    if (which == 1)
        return xstrdup(_("Up, Down or the wheel: pages \xC2\xB7 Left, Right, Enter: choose"));
    return xstrdup(_("Left, Right and Enter, a click or a tap choose"));
}

/* The hint's height wrapped to the screen at the smallest size. */
static int hint_height(ui *u, const char *s)
{
    return ui_text_height(u, s, u->w - 2 * ui_px(u, 0.03), ui_min_px(u), false);
}

/* The top of the room the hint has at the bottom: as tall as the tallest
 * hint this screen may show, so nothing moves when the selection does. */
static int hint_top(ui *u, const summary_state *st)
{
    int most = 0;
    for (int k = st->nmissed ? 0 : 1; k < 3; k++) {
        char *s = hint_text(st, k);
        int h = hint_height(u, s);
        most = h > most ? h : most;
        free(s);
    }
    return u->h - ui_px(u, 0.03) - most;
}

/* The hint: what the selected button does, or how to page and choose. */
static void draw_hint(app *a, const summary_state *st)
{
    ui *u = &a->ui;
    int which = st->selected == BTN_PRACTISE && st->chosen ? 0 : st->npages > 1 ? 1 : 2;
    char *s = hint_text(st, which);
    int m = ui_px(u, 0.03), h = hint_height(u, s);
    SDL_Rect box = {m, u->h - m - h, u->w - 2 * m, h};
    ui_text_fit(u, s, box, ui_min_px(u), ui_min_px(u), false, u->theme.dim, UI_CENTER, false);
    free(s);
}

/* A centred line of the header from y at px, wrapped at the smallest size
 * when wider than the screen; returns its height. Draws only when draw. */
static int header_line(ui *u, const char *s, int y, int m, int px, bool bold, SDL_Color c,
                       bool draw)
{
    int w = u->w - 2 * m;
    int h = ui_text_width(u, s, px, bold) <= w ? ui_line_height(u, px, bold)
                                               : ui_text_height(u, s, w, ui_min_px(u), bold);
    if (draw)
        ui_text_fit(u, s, (SDL_Rect){m, y, w, h}, px, ui_min_px(u), bold, c, UI_CENTER, false);
    return h;
}

/* The score (at score_px), the right answers, streak and time, a note
 * (practice, a new high score) and the trainer's line, from the top;
 * returns the bottom. Draws only when draw. */
static int header(app *a, int m, int score_px, bool draw)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    char line[256];
    int y = m, spx = ui_font_px(u, 0.042);
    int score = round_score(a->rnd);
    snprintf(line, sizeof line, ngettext("%d point", "%d points", score), score);
    y += header_line(u, line, y, m, score_px, true, t->text, draw);
    uint64_t ms = round_total_ms(a->rnd);
    snprintf(line, sizeof line, _("%zu of %zu right \xC2\xB7 best streak %d \xC2\xB7 %u:%02u"),
             round_right(a->rnd), a->deck.n, round_best_streak(a->rnd), (unsigned)(ms / 60000),
             (unsigned)(ms / 1000 % 60));
    y += header_line(u, line, y, m, spx, false, t->text, draw);
    const char *note = NULL;
    if (a->practising) {
        note = _("Practice of the missed questions: not in the high scores");
    } else if (a->new_rank >= 0) {
        snprintf(line, sizeof line, _("New high score: number %d on the %s table!"),
                 a->new_rank + 1, i18n_difficulty(a->cfg.difficulty, false));
        note = line;
    }
    if (note)
        y += header_line(u, note, y, m, spx, true, t->warn, draw);
    if (a->progress[0]) /* the trainer: "Anna: 23 of 107 mastered ..." */
        y += header_line(u, a->progress, y, m, spx, false, t->accent, draw);
    return y + m / 2;
}

/* ---- the review's heading: "To review", the page buttons ---- */

typedef struct heading {
    SDL_Rect title, label, prev, next; /* w 0: not shown */
    int h;
} heading;

/* Places the heading from y: the title (when given) at the left and the
 * page buttons (when nav) at the right in one row, or in two when one is
 * too narrow; the page label (measured with label) goes under the page
 * buttons when even they are too wide for a row. */
static void place_heading(ui *u, const list_geom *g, int y, const char *title, const char *label,
                          bool nav, heading *hd)
{
    int px = ui_min_px(u), pad = ui_px(u, 0.02), gap = ui_px(u, 0.015);
    int row = ui_line_height(u, px, true) + gap, top = y;
    memset(hd, 0, sizeof *hd);
    int pw = ui_text_width(u, _("\xE2\x97\x80 Previous"), px, true) + 2 * pad;
    int nw = ui_text_width(u, _("Next \xE2\x96\xB6"), px, true) + 2 * pad;
    int lw = ui_text_width(u, label, px, false);
    int nav_w = nav ? pw + gap + lw + gap + nw : 0;
    if (title) {
        int tw = ui_text_width(u, title, px, true);
        if (nav && tw + 2 * gap + nav_w <= g->w) {
            hd->title = (SDL_Rect){g->x, y, tw, row};
        } else {
            hd->title = (SDL_Rect){g->x, y, g->w, ui_text_height(u, title, g->w, px, true) + gap};
            y += hd->title.h;
        }
    }
    if (nav && nav_w <= g->w) {
        int x = g->x + g->w - nav_w;
        hd->prev = (SDL_Rect){x, y, pw, row};
        hd->label = (SDL_Rect){x + pw + gap, y, lw, row};
        hd->next = (SDL_Rect){x + pw + gap + lw + gap, y, nw, row};
        y += row;
    } else if (nav) {
        hd->prev = (SDL_Rect){g->x, y, pw, row};
        hd->next = (SDL_Rect){g->x + g->w - nw, y, nw, row};
        hd->label = (SDL_Rect){g->x, y + row, g->w, row};
        y += 2 * row;
    }
    hd->h = y - top;
}

static void draw_heading(app *a, summary_state *st, const heading *hd, const char *title)
{
    ui *u = &a->ui;
    const ui_theme *t = &u->theme;
    int px = ui_min_px(u);
    if (hd->title.w)
        ui_text_fit(u, title, hd->title, px, px, true, t->accent, UI_LEFT, true);
    st->prev = hd->prev;
    st->next = hd->next;
    if (!hd->label.w)
        return;
    char label[64];
    snprintf(label, sizeof label, _("Page %d of %d"), st->page + 1, st->npages);
    ui_text(u, label, px, false, t->text, hd->label.x + hd->label.w,
            hd->label.y + (hd->label.h - ui_line_height(u, px, false)) / 2, UI_RIGHT);
    if (st->page > 0)
        draw_button(u, hd->prev, _("\xE2\x97\x80 Previous"), px, false, "page button");
    if (st->page + 1 < st->npages)
        draw_button(u, hd->next, _("Next \xE2\x96\xB6"), px, false, "page button");
}

/* Lays the screen out from the bottom up: the hint, the buttons; then the
 * header, the heading and as much of the list as the rest holds. */
static void draw(app *a)
{
    summary_state *st = app_screen_state(a);
    ui *u = &a->ui;
    int m = ui_px(u, 0.035), bpx;
    int buttons_y = place_buttons(u, st, m, hint_top(u, st) - m / 3, &bpx);
    int list_bottom = buttons_y - m / 2;
    int score_px = ui_font_px(u, 0.08);
    int header_end = header(a, m, score_px, false);
    st->prev = st->next = (SDL_Rect){0, 0, 0, 0};
    if (st->nmissed == 0) {
        const char *well = _("No mistakes: well done!");
        int spx = ui_font_px(u, 0.042);
        /* the score smaller when the screen is short of room */
        while (score_px > ui_min_px(u) &&
               header_end + header_line(u, well, 0, m, spx, true, u->theme.good, false) >
                   list_bottom)
            header_end = header(a, m, --score_px, false);
        header(a, m, score_px, true);
        header_line(u, well, header_end, m, spx, true, u->theme.good, true);
        st->npages = 1;
        st->page = 0;
        draw_buttons(u, st, bpx);
        draw_hint(a, st);
        return;
    }
    list_geom g;
    g.w = u->w - 2 * m;
    if (g.w > u->h * 2)
        g.w = u->h * 2;
    g.x = (u->w - g.w) / 2;
    char title[128], label[64];
    snprintf(title, sizeof title,
             ngettext("To review: %zu question", "To review: %zu questions", st->nmissed),
             st->nmissed);
    /* the widest label a page may have: the layout must not depend on it */
    snprintf(label, sizeof label, _("Page %d of %d"), 888, 888);
    int gap = m / 3;
    heading hd;
    review rv = {0};
    /* the score, the heading and the list on every page */
    place_heading(u, &g, header_end, title, label, false, &hd);
    int h = list_bottom - (header_end + hd.h + gap);
    review_fit(a, st, &g, h, &rv);
    paginate(st, &rv, &g, h, false);
    if (st->npages > 1) {
        place_heading(u, &g, header_end, title, label, true, &hd);
        h = list_bottom - (header_end + hd.h + gap);
        review_fit(a, st, &g, h, &rv);
        paginate(st, &rv, &g, h, false);
    }
    /* too little room for the longest entry (or three lines) under the
     * score: the score has the first page, the list all the height of the
     * others */
    st->header_page = review_tallest(&rv, st->nmissed) > h || h < 3 * g.lh;
    if (st->header_page) {
        place_heading(u, &g, m, NULL, label, true, &hd);
        h = list_bottom - (m + hd.h + gap);
        review_fit(a, st, &g, h, &rv);
        paginate(st, &rv, &g, h, true);
    }
    if (st->page >= st->npages) /* only now: the trials above have fewer pages */
        st->page = st->npages - 1;
    if (st->header_page) {
        if (st->page == 0) {
            place_heading(u, &g, header_end, title, label, true, &hd);
            while (score_px > ui_min_px(u) && header_end + hd.h > list_bottom) {
                header_end = header(a, m, --score_px, false);
                place_heading(u, &g, header_end, title, label, true, &hd);
            }
        }
    }
    int top = st->header_page && st->page > 0 ? m : header_end;
    if (top == header_end)
        header(a, m, score_px, true);
    draw_heading(a, st, &hd, title);
    if (!st->header_page || st->page > 0)
        draw_page(a, st, &rv, &g, top + hd.h + gap);
    review_free(&rv);
    draw_buttons(u, st, bpx);
    draw_hint(a, st); /* after the pages are known */
}

const screen screen_summary = {.name = "summary",
                               .enter = enter,
                               .action = on_action,
                               .tick = tick,
                               .draw = draw,
                               .state_size = sizeof(summary_state)};
