/* results.c - answers and match events as the store's rows (results.h). */
#include "results.h"

#include <string.h>

size_t results_of_round(const round_play *r, const item *items, size_t from, const char *player,
                        const results_context *ctx, db_answer *out, size_t max)
{
    size_t n;
    const round_answer_info *ans = round_answers(r, &n);
    size_t k = 0;
    for (size_t i = from; i < n && k < max; i++, k++) {
        const round_answer_info *a = &ans[i];
        const item *it = &items[a->item];
        db_answer row = {ctx->round,
                         i,
                         player,
                         ctx->article,
                         it,
                         ctx->difficulty,
                         a->chosen >= 0 ? it->choices[a->chosen] : "",
                         a->correct,
                         a->ms,
                         a->points,
                         ctx->at,
                         player[0] != '\0'};
        out[k] = row;
    }
    return k;
}

static const char *host_action(const match_event *e)
{
    switch (e->kind) {
    case MATCH_EV_SKIP:
        return "host: skip";
    case MATCH_EV_REPLAY:
        return "host: replay";
    case MATCH_EV_PAUSE:
        return "host: pause";
    case MATCH_EV_END:
        return "host: end";
    case MATCH_EV_POINTS:
        return e->info.points >= 0 ? "host: award" : "host: remove";
    case MATCH_EV_ANSWER:
        break;
    }
    return "";
}

size_t results_of_match(const match *m, const item *items, size_t nitems, size_t from,
                        const results_context *ctx, db_answer *out, size_t max)
{
    size_t n;
    const match_event *ev = match_events(m, &n);
    size_t k = 0;
    for (size_t i = from; i < n && k < max && nitems; i++, k++) {
        const match_event *e = &ev[i];
        const item *it = &items[e->item < nitems ? e->item : nitems - 1];
        const match_player *p = e->player >= 0 ? match_player_get(m, (size_t)e->player) : NULL;
        bool answer = e->kind == MATCH_EV_ANSWER;
        const char *chosen = !answer               ? host_action(e)
                             : e->info.chosen >= 0 ? it->choices[e->info.chosen]
                                                   : "";
        /* a team's answers move no one's trainer cards */
        db_answer row = {ctx->round,
                         i,
                         p ? p->name : "host",
                         ctx->article,
                         it,
                         ctx->difficulty,
                         chosen,
                         answer && e->info.correct,
                         answer ? e->info.ms : 0,
                         e->info.points,
                         ctx->at,
                         false};
        out[k] = row;
    }
    return k;
}

size_t results_of_crowd(const crowd *c, const item *items, size_t nitems, size_t from,
                        const results_context *ctx, db_answer *out, size_t max)
{
    size_t n;
    const crowd_event *ev = crowd_events(c, &n);
    size_t k = 0;
    for (size_t i = from; i < n && k < max && nitems; i++, k++) {
        const crowd_event *e = &ev[i];
        const item *it = &items[e->item < nitems ? e->item : nitems - 1];
        const crowd_player *p = crowd_player_get(c, e->player);
        db_answer row = {ctx->round,
                         i,
                         p ? p->name : "",
                         ctx->article,
                         it,
                         ctx->difficulty,
                         e->info.chosen >= 0 ? it->choices[e->info.chosen] : "",
                         e->info.correct,
                         e->info.ms,
                         e->info.points,
                         ctx->at,
                         false};
        out[k] = row;
    }
    return k;
}
