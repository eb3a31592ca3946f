/* crowd.c - the phones game's players, phases and scoring (crowd.h). */
#include "crowd.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct crowd {
    const item *items;
    size_t nitems;
    crowd_options opt;
    crowd_phase phase;
    size_t index;      /* the item asked (ASKING, REVEAL) */
    uint64_t q_start;  /* when it was asked */
    crowd_player *p;
    size_t np, cap;
    size_t *order;     /* every player by score, best first (ties: who joined first) */
    size_t answered;   /* answers to the current question */
    size_t counts[ITEM_MAX_CHOICES];
    crowd_event *ev;
    size_t nev, evcap;
    uint64_t version, phase_version;
};

crowd *crowd_new(const item *items, size_t n, const crowd_options *opt)
{
    crowd *c = xcalloc(1, sizeof *c);
    c->items = items;
    c->nitems = n;
    c->opt = *opt;
    if (c->opt.max_players == 0)
        c->opt.max_players = 1;
    c->opt.scoring.practice = false;
    c->phase = CROWD_LOBBY;
    return c;
}

void crowd_free(crowd *c)
{
    if (!c)
        return;
    free(c->p);
    free(c->order);
    free(c->ev);
    free(c);
}

/* ---- names ---- */

/* The code point at s (valid UTF-8) and its length in *len. */
static uint32_t decode(const unsigned char *s, size_t *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    if (s[0] < 0xE0) {
        *len = 2;
        return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    }
    if (s[0] < 0xF0) {
        *len = 3;
        return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    }
    *len = 4;
    return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
           (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); /* bidi overrides */
}

static bool is_blank(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0xFEFF;
}

bool crowd_clean_name(const char *in, char *out)
{
    out[0] = '\0';
    size_t n = strlen(in);
    if (utf8_check(in, n) != n)
        return false;
    const unsigned char *s = (const unsigned char *)in;
    size_t o = 0, chars = 0, keep = 0; /* keep: bytes up to the last non-blank */
    for (size_t i = 0; i < n && chars < CROWD_NAME_CHARS;) {
        size_t len;
        uint32_t cp = decode(s + i, &len);
        if (!is_control(cp) && !(o == 0 && is_blank(cp))) {
            memcpy(out + o, s + i, len);
            o += len;
            chars++;
            if (!is_blank(cp))
                keep = o;
        }
        i += len;
    }
    out[keep] = '\0';
    return keep > 0;
}

/* ---- players ---- */

static void changed(crowd *c)
{
    c->version++;
}

static bool name_taken(const crowd *c, const char *name)
{
    for (size_t i = 0; i < c->np; i++)
        if (strcmp(c->p[i].name, name) == 0)
            return true;
    return false;
}

/* 1 + the players (not removed) with more points. */
static int place_of(const crowd *c, int score)
{
    int r = 1;
    for (size_t i = 0; i < c->np; i++)
        if (!c->p[i].removed && c->p[i].score > score)
            r++;
    return r;
}

crowd_err crowd_join(crowd *c, const char *name, const char *token, uint64_t now,
                     size_t *player)
{
    (void)now;
    if (c->phase == CROWD_DONE)
        return CROWD_ERR_CLOSED;
    char clean[CROWD_NAME_MAX + 1];
    if (!crowd_clean_name(name, clean) || name_taken(c, clean))
        return CROWD_ERR_NAME;
    if (c->np >= c->opt.max_players)
        return CROWD_ERR_FULL;
    if (c->np == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        if (c->cap > c->opt.max_players)
            c->cap = c->opt.max_players;
        c->p = xrealloc(c->p, c->cap * sizeof *c->p);
        c->order = xrealloc(c->order, c->cap * sizeof *c->order);
    }
    crowd_player *p = &c->p[c->np];
    memset(p, 0, sizeof *p);
    memcpy(p->name, clean, strlen(clean) + 1);
    snprintf(p->token, sizeof p->token, "%s", token);
    p->connected = true;
    p->choice = -1;
    p->rank = place_of(c, 0);
    /* a new player's 0 points: last, after those who joined before */
    c->order[c->np] = c->np;
    *player = c->np++;
    changed(c);
    return CROWD_OK;
}

crowd_err crowd_resume(crowd *c, const char *token, size_t *player)
{
    for (size_t i = 0; i < c->np; i++) {
        if (strcmp(c->p[i].token, token) != 0)
            continue;
        if (c->p[i].removed)
            return CROWD_ERR_BANNED;
        c->p[i].connected = true;
        *player = i;
        changed(c);
        return CROWD_OK;
    }
    return CROWD_ERR_TOKEN;
}

static void reveal(crowd *c);

/* Everyone who can answer has: the reveal need not wait. */
static void check_all_in(crowd *c)
{
    if (c->phase == CROWD_ASKING && c->answered > 0 && c->answered >= crowd_connected(c)) {
        size_t waiting = 0;
        for (size_t i = 0; i < c->np; i++)
            if (c->p[i].connected && !c->p[i].removed && c->p[i].choice < 0)
                waiting++;
        if (waiting == 0)
            reveal(c);
    }
}

void crowd_disconnect(crowd *c, size_t player, uint64_t now)
{
    if (player >= c->np || !c->p[player].connected)
        return;
    c->p[player].connected = false;
    c->p[player].away_since = now;
    changed(c);
    check_all_in(c);
}

static int cmp_score(const crowd *c, size_t a, size_t b)
{
    if (c->p[a].score != c->p[b].score)
        return c->p[a].score > c->p[b].score ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* The order by score and every player's place. Insertion sort from the
 * last order: few players change places between two reveals. */
static void rerank(crowd *c)
{
    for (size_t i = 1; i < c->np; i++) {
        size_t v = c->order[i], j = i;
        while (j > 0 && cmp_score(c, c->order[j - 1], v) > 0) {
            c->order[j] = c->order[j - 1];
            j--;
        }
        c->order[j] = v;
    }
    int place = 1, seen = 0, last = 0;
    for (size_t i = 0; i < c->np; i++) {
        crowd_player *p = &c->p[c->order[i]];
        if (p->removed) {
            p->rank = 0;
            continue;
        }
        if (seen == 0 || p->score != last)
            place = seen + 1;
        p->rank = place;
        last = p->score;
        seen++;
    }
}

void crowd_remove(crowd *c, size_t player)
{
    if (player >= c->np || c->p[player].removed)
        return;
    crowd_player *p = &c->p[player];
    if (c->phase == CROWD_ASKING && p->choice >= 0) { /* the answer stays logged, uncounted */
        c->answered--;
        c->counts[p->choice]--;
        p->choice = -1;
    }
    p->removed = true;
    rerank(c);
    changed(c);
    check_all_in(c);
}

void crowd_readmit(crowd *c, size_t player)
{
    if (player >= c->np || !c->p[player].removed)
        return;
    c->p[player].removed = false;
    rerank(c);
    changed(c);
}

/* ---- the game ---- */

static void ask(crowd *c, size_t index, uint64_t now)
{
    c->phase = CROWD_ASKING;
    c->index = index;
    c->q_start = now;
    c->answered = 0;
    memset(c->counts, 0, sizeof c->counts);
    for (size_t i = 0; i < c->np; i++)
        c->p[i].choice = -1;
    c->phase_version++;
    changed(c);
}

void crowd_start(crowd *c, uint64_t now)
{
    if (c->phase != CROWD_LOBBY)
        return;
    if (c->nitems == 0) {
        c->phase = CROWD_DONE;
        c->phase_version++;
        changed(c);
        return;
    }
    ask(c, 0, now);
}

/* Every player's answer (or its absence) scored; the ranks. */
static void reveal(crowd *c)
{
    const round_options *o = &c->opt.scoring;
    for (size_t i = 0; i < c->np; i++) {
        crowd_player *p = &c->p[i];
        if (p->removed)
            continue;
        round_answer_info a;
        memset(&a, 0, sizeof a);
        if (p->choice >= 0) {
            bool right = (size_t)p->choice == c->items[c->index].answer;
            round_score_answer(o, right, p->ms, p->streak, p->score, &a);
            a.chosen = p->choice;
            p->answered++;
            if (right)
                p->right++;
        } else {
            round_score_answer(o, false, o->time_limit_ms, p->streak, p->score, &a);
            a.chosen = ROUND_TIMEOUT;
        }
        a.item = c->index;
        p->score += a.points;
        if (p->score < 0)
            p->score = 0;
        p->streak = a.streak;
        if (p->streak > p->best_streak)
            p->best_streak = p->streak;
        p->last = a;
        p->has_last = true;
    }
    rerank(c);
    c->phase = CROWD_REVEAL;
    c->phase_version++;
    changed(c);
}

void crowd_next(crowd *c, uint64_t now)
{
    if (c->phase != CROWD_REVEAL)
        return;
    if (c->index + 1 >= c->nitems) {
        c->phase = CROWD_DONE;
        c->phase_version++;
        changed(c);
        return;
    }
    ask(c, c->index + 1, now);
}

void crowd_end(crowd *c)
{
    if (c->phase == CROWD_DONE)
        return;
    if (c->phase == CROWD_ASKING)
        reveal(c);
    c->phase = CROWD_DONE;
    c->phase_version++;
    changed(c);
}

void crowd_reveal(crowd *c)
{
    if (c->phase == CROWD_ASKING)
        reveal(c);
}

int64_t crowd_tick(crowd *c, uint64_t now)
{
    uint32_t limit = c->opt.scoring.time_limit_ms;
    if (c->phase != CROWD_ASKING || limit == 0)
        return -1;
    if (now >= c->q_start + limit) {
        reveal(c);
        return -1;
    }
    return (int64_t)(c->q_start + limit - now);
}

crowd_err crowd_answer(crowd *c, size_t player, size_t q, int choice, uint64_t now,
                       int *counted)
{
    *counted = -1;
    if (player >= c->np || c->p[player].removed || c->phase == CROWD_LOBBY ||
        c->phase == CROWD_DONE)
        return CROWD_ERR_NOT_PLAYING;
    size_t number = c->index + 1;
    if (q < number || (q == number && c->phase == CROWD_REVEAL))
        return CROWD_ERR_LATE;
    if (q > number || choice < 0 || (size_t)choice >= c->items[c->index].nchoices)
        return CROWD_ERR_NOT_PLAYING;
    crowd_player *p = &c->p[player];
    if (p->choice >= 0) { /* a second tap: the first one counts */
        *counted = p->choice;
        return CROWD_OK;
    }
    uint32_t limit = c->opt.scoring.time_limit_ms;
    uint64_t ms = now > c->q_start ? now - c->q_start : 0;
    if (limit && ms >= limit)
        return CROWD_ERR_LATE;
    p->choice = choice;
    p->ms = (uint32_t)ms;
    c->answered++;
    c->counts[choice]++;
    /* logged now with the points it will earn (the streak and score before
     * this question are known); applied at the reveal */
    if (c->nev == c->evcap) {
        c->evcap = c->evcap ? c->evcap * 2 : 256;
        c->ev = xrealloc(c->ev, c->evcap * sizeof *c->ev);
    }
    crowd_event *e = &c->ev[c->nev++];
    memset(e, 0, sizeof *e);
    e->player = player;
    e->item = c->index;
    bool right = (size_t)choice == c->items[c->index].answer;
    round_score_answer(&c->opt.scoring, right, p->ms, p->streak, p->score, &e->info);
    e->info.chosen = choice;
    e->info.item = c->index;
    *counted = choice;
    changed(c);
    check_all_in(c);
    return CROWD_OK;
}

/* ---- reading ---- */

crowd_phase crowd_get_phase(const crowd *c)
{
    return c->phase;
}

const item *crowd_current(const crowd *c)
{
    return c->phase == CROWD_ASKING || c->phase == CROWD_REVEAL ? &c->items[c->index] : NULL;
}

size_t crowd_number(const crowd *c)
{
    return c->phase == CROWD_LOBBY ? 0 : c->phase == CROWD_DONE ? c->nitems : c->index + 1;
}

size_t crowd_total(const crowd *c)
{
    return c->nitems;
}

uint32_t crowd_limit_ms(const crowd *c)
{
    return c->opt.scoring.time_limit_ms;
}

uint32_t crowd_ms_left(const crowd *c, uint64_t now)
{
    uint32_t limit = c->opt.scoring.time_limit_ms;
    if (c->phase != CROWD_ASKING)
        return 0;
    if (limit == 0)
        return 0;
    uint64_t used = now > c->q_start ? now - c->q_start : 0;
    return used >= limit ? 0 : (uint32_t)(limit - used);
}

size_t crowd_players(const crowd *c)
{
    return c->np;
}

size_t crowd_active(const crowd *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->np; i++)
        n += !c->p[i].removed;
    return n;
}

size_t crowd_connected(const crowd *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->np; i++)
        n += !c->p[i].removed && c->p[i].connected;
    return n;
}

const crowd_player *crowd_player_get(const crowd *c, size_t player)
{
    return player < c->np ? &c->p[player] : NULL;
}

size_t crowd_answered(const crowd *c)
{
    return c->phase == CROWD_ASKING || c->phase == CROWD_REVEAL ? c->answered : 0;
}

void crowd_counts(const crowd *c, size_t *counts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        counts[i] = i < ITEM_MAX_CHOICES && (c->phase == CROWD_ASKING || c->phase == CROWD_REVEAL)
                        ? c->counts[i]
                        : 0;
}

size_t crowd_top(const crowd *c, size_t *order, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < c->np && k < max; i++)
        if (!c->p[c->order[i]].removed)
            order[k++] = c->order[i];
    return k;
}

size_t crowd_ranked(const crowd *c)
{
    return crowd_active(c);
}

uint64_t crowd_version(const crowd *c)
{
    return c->version;
}

uint64_t crowd_phase_version(const crowd *c)
{
    return c->phase_version;
}

const crowd_event *crowd_events(const crowd *c, size_t *n)
{
    *n = c->nev;
    return c->ev;
}
