/* net_server.c - the phones' server on libwebsockets (net_server.h).
 *
 * One thread runs lws_service(); every callback below runs on it. The game
 * thread only locks the crowd and, when it changed something, wakes the
 * loop with lws_cancel_service(): the loop then (EVENT_WAIT_CANCELLED)
 * asks for a write on every phone whose picture is out of date. A phone's
 * own replies (welcome, ack, refused, error) wait in a short queue of its
 * own; what the game shows (lobby, question, reveal, end) is never queued
 * but written from the crowd when the phone can take it, so a slow phone
 * gets the latest state and nothing piles up. A 300 ms timer reveals a
 * question whose time is up and sends the lobby's count.
 *
 * Start reading at net_server_start(), then on_ws() and on_message().
 */
#define _DEFAULT_SOURCE /* IFF_UP, IFF_LOOPBACK (net/if.h) */
#include "net_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <libwebsockets.h>

#include "util.h"

#define QUEUE_MAX 16        /* replies waiting for one phone; more: it reads nothing */
#define ADDR_SLOTS 4096     /* addresses remembered per game */
#define TIMER_MS 300
#define RATE_BURST (2 * NET_RATE_PER_S)
#define RATE_DROPS_MAX 200  /* messages over the rate before the phone is dropped */
#define PIN_WINDOW_MS 60000
#define HIST_FINE 2000      /* acks' latency: 50 us steps to 100 ms, */
#define HIST_COARSE 1000    /* then 10 ms steps to 10 s */

typedef struct addr_slot {
    char ip[48];
    int conns, joins, wrong;
    uint64_t wrong_since;
} addr_slot;

/* One phone's WebSocket (lws's per-session data, zeroed by lws). */
typedef struct conn {
    struct lws *wsi;
    struct conn *prev, *next;
    int addr;      /* slot in addrs, -1 */
    long player;   /* the crowd's player, -1 before join or resume */
    bool counted;  /* in the connection counts */
    char buf[NET_MAX_FRAME + 1];
    size_t len;
    char *out[QUEUE_MAX];
    uint64_t out_us[QUEUE_MAX]; /* an ack's answer received (us), else 0 */
    int nout;
    uint64_t sent_phase; /* crowd_phase_version() last shown; UINT64_MAX: none */
    size_t sent_players; /* the lobby's count last shown */
    bool sent_removed;
    bool closing;        /* close once the queue is written */
    double tokens;
    uint64_t t_last, last_rate_error;
    int drops;
    uint64_t t_first; /* us: the current message's first fragment received */
    uint64_t want_since; /* us: a write asked for and not yet given, else 0 */
} conn;

struct net_server {
    struct lws_context *ctx;
    pthread_t thread;
    atomic_bool stopping;
    atomic_bool wake_pending;
    pthread_mutex_t mu;
    crowd *c;
    uint64_t lock_version;
    char pin[7];
    int port;
    net_options opt;
    char *bind, *web_dir;
    size_t max_conns;
    /* the server's thread only */
    conn *conns;
    size_t nconns;
    conn **seat;   /* player -> connection */
    size_t nseat;
    addr_slot *addrs;
    lws_sorted_usec_list_t sul;
    uint64_t timer_phase;
    size_t timer_players;
    struct lws_protocols protocols[3];
    struct lws_http_mount mount;
    struct lws_protocol_vhost_options headers[3];
    /* acks' latency on the server: a frame's receipt to its ack written */
    pthread_mutex_t stats_mu;
    uint32_t hist[HIST_FINE + HIST_COARSE];
    uint64_t nacks, max_us;
    uint64_t stalled; /* phones dropped for reading nothing */
};

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void record_ack(net_server *s, uint64_t us)
{
    size_t b = us < 100000 ? us / 50 : HIST_FINE + (us - 100000) / 10000;
    if (b >= HIST_FINE + HIST_COARSE)
        b = HIST_FINE + HIST_COARSE - 1;
    pthread_mutex_lock(&s->stats_mu);
    s->hist[b]++;
    s->nacks++;
    if (us > s->max_us)
        s->max_us = us;
    pthread_mutex_unlock(&s->stats_mu);
}

/* The upper edge of bucket b in microseconds. */
static double bucket_us(size_t b)
{
    return b < HIST_FINE ? (double)(b + 1) * 50 : 100000.0 + (double)(b - HIST_FINE + 1) * 10000;
}

void net_server_stats(net_server *s, net_stats *out)
{
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&s->stats_mu);
    out->acks = s->nacks;
    out->stalled = s->stalled;
    out->max_ms = (double)s->max_us / 1000.0;
    uint64_t want50 = (s->nacks + 1) / 2, want99 = s->nacks - s->nacks / 100, seen = 0;
    for (size_t b = 0; b < HIST_FINE + HIST_COARSE && seen < s->nacks; b++) {
        if (!s->hist[b])
            continue;
        seen += s->hist[b];
        if (out->p50_ms == 0 && seen >= want50)
            out->p50_ms = bucket_us(b) / 1000.0;
        if (out->p99_ms == 0 && seen >= want99)
            out->p99_ms = bucket_us(b) / 1000.0;
    }
    pthread_mutex_unlock(&s->stats_mu);
}

uint64_t net_server_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int net_random(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += got;
        n -= (size_t)got;
    }
    return 0;
}

void net_lan_address(const char *bind, char *out, size_t size)
{
    if (bind && bind[0] && strcmp(bind, "0.0.0.0") != 0 && strcmp(bind, "::") != 0) {
        snprintf(out, size, "%s", bind);
        return;
    }
    snprintf(out, size, "127.0.0.1");
    struct ifaddrs *list;
    if (getifaddrs(&list) != 0)
        return;
    for (struct ifaddrs *i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP) ||
            (i->ifa_flags & IFF_LOOPBACK))
            continue;
        const struct sockaddr_in *sin = (const struct sockaddr_in *)(const void *)i->ifa_addr;
        char ip[INET_ADDRSTRLEN];
        if (inet_ntop(AF_INET, &sin->sin_addr, ip, sizeof ip)) {
            snprintf(out, size, "%s", ip);
            break;
        }
    }
    freeifaddrs(list);
}

static void wake_game(net_server *s)
{
    if (s->opt.wake && !atomic_exchange(&s->wake_pending, true))
        s->opt.wake(s->opt.user);
}

/* ---- addresses: connections, joins and wrong PINs per address ---- */

static int addr_find(net_server *s, const char *ip)
{
    uint32_t h = 2166136261u;
    for (const char *p = ip; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (size_t i = 0; i < ADDR_SLOTS; i++) {
        addr_slot *a = &s->addrs[(h + i) % ADDR_SLOTS];
        if (!a->ip[0]) {
            snprintf(a->ip, sizeof a->ip, "%s", ip);
            return (int)((h + i) % ADDR_SLOTS);
        }
        if (strcmp(a->ip, ip) == 0)
            return (int)((h + i) % ADDR_SLOTS);
    }
    return -1; /* every slot taken: refused */
}

/* ---- sending ---- */

static char *print(cJSON *o)
{
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!s) { /* as util.h's allocations do */
        fputs("quizmill: out of memory\n", stderr);
        exit(3);
    }
    return s;
}

/* Asks lws for a write on cn, noting since when one waits: on_timer drops
 * a phone whose socket has taken nothing for NET_STALL_S while one waited
 * (it reads nothing and keeps the idle timeout away with its pings). */
static void want_write(conn *cn)
{
    if (!cn->want_since)
        cn->want_since = now_us();
    lws_callback_on_writable(cn->wsi);
}

/* Queues a reply; false when the phone has not read the last QUEUE_MAX. */
static bool queue(conn *cn, char *msg)
{
    if (cn->nout >= QUEUE_MAX) {
        free(msg);
        return false;
    }
    cn->out_us[cn->nout] = 0;
    cn->out[cn->nout++] = msg;
    want_write(cn);
    return true;
}

static bool queue_error(conn *cn, const char *code, const char *msg)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "t", "error");
    cJSON_AddStringToObject(o, "code", code);
    cJSON_AddStringToObject(o, "msg", msg);
    return queue(cn, print(o));
}

static int write_text(struct lws *wsi, const char *msg)
{
    size_t n = strlen(msg);
    unsigned char *buf = xmalloc(LWS_PRE + n);
    memcpy(buf + LWS_PRE, msg, n);
    int w = lws_write(wsi, buf + LWS_PRE, n, LWS_WRITE_TEXT);
    free(buf);
    return w < (int)n ? -1 : 0;
}

static cJSON *you_of(const crowd *c, const crowd_player *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "c", p->last.chosen);
    cJSON_AddBoolToObject(o, "correct", p->last.correct);
    cJSON_AddNumberToObject(o, "points", p->last.points);
    cJSON_AddNumberToObject(o, "score", p->score);
    cJSON_AddNumberToObject(o, "rank", p->rank);
    cJSON_AddNumberToObject(o, "of", (double)crowd_ranked(c));
    return o;
}

/* What the phone should show now, when it has not seen it (crowd locked):
 * a malloc'd message or NULL. A question the player already answered also
 * queues its ack (after a reload). */
static char *state_message(net_server *s, conn *cn, bool lobby_count)
{
    const crowd *c = s->c;
    const crowd_player *p = crowd_player_get(c, (size_t)cn->player);
    if (!p)
        return NULL;
    if (p->removed) {
        if (cn->sent_removed)
            return NULL;
        cn->sent_removed = true;
        cn->closing = true;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "t", "removed");
        return print(o);
    }
    crowd_phase ph = crowd_get_phase(c);
    uint64_t pv = crowd_phase_version(c);
    bool new_phase = pv != cn->sent_phase;
    if (!new_phase && !(ph == CROWD_LOBBY && lobby_count && crowd_players(c) != cn->sent_players))
        return NULL;
    cn->sent_phase = pv;
    cJSON *o = cJSON_CreateObject();
    size_t q = crowd_number(c);
    const item *it = crowd_current(c);
    switch (ph) {
    case CROWD_LOBBY:
        cJSON_AddStringToObject(o, "t", "lobby");
        cJSON_AddNumberToObject(o, "players", (double)crowd_active(c));
        cn->sent_players = crowd_players(c);
        break;
    case CROWD_ASKING:
        cJSON_AddStringToObject(o, "t", "question");
        cJSON_AddNumberToObject(o, "q", (double)q);
        cJSON_AddNumberToObject(o, "of", (double)crowd_total(c));
        cJSON_AddNumberToObject(o, "n", (double)it->nchoices);
        cJSON_AddNumberToObject(o, "ms_left", crowd_ms_left(c, net_server_now()));
        cJSON_AddNumberToObject(o, "limit_ms", crowd_limit_ms(c));
        if (s->opt.phone_text) {
            cJSON_AddStringToObject(o, "prompt", it->prompt);
            cJSON *ch = cJSON_AddArrayToObject(o, "choices");
            for (size_t i = 0; i < it->nchoices; i++)
                cJSON_AddItemToArray(ch, cJSON_CreateString(it->choices[i]));
        }
        if (p->choice >= 0) {
            cJSON *ack = cJSON_CreateObject();
            cJSON_AddStringToObject(ack, "t", "ack");
            cJSON_AddNumberToObject(ack, "q", (double)q);
            cJSON_AddNumberToObject(ack, "id", 0);
            cJSON_AddNumberToObject(ack, "c", p->choice);
            queue(cn, print(ack));
        }
        break;
    case CROWD_REVEAL:
        cJSON_AddStringToObject(o, "t", "reveal");
        cJSON_AddNumberToObject(o, "q", (double)q);
        cJSON_AddNumberToObject(o, "right", (double)it->answer);
        if (p->has_last && p->last.chosen >= 0)
            cJSON_AddItemToObject(o, "you", you_of(c, p));
        else
            cJSON_AddNullToObject(o, "you");
        break;
    case CROWD_DONE:
        cJSON_AddStringToObject(o, "t", "end");
        cJSON_AddNumberToObject(o, "score", p->score);
        cJSON_AddNumberToObject(o, "rank", p->rank);
        cJSON_AddNumberToObject(o, "of", (double)crowd_ranked(c));
        break;
    }
    return print(o);
}

/* Asks for a write on every phone whose picture is out of date. */
static void scan(net_server *s, bool lobby_count)
{
    pthread_mutex_lock(&s->mu);
    uint64_t pv = crowd_phase_version(s->c);
    bool lobby = crowd_get_phase(s->c) == CROWD_LOBBY;
    size_t np = crowd_players(s->c);
    for (conn *cn = s->conns; cn; cn = cn->next) {
        if (cn->player < 0)
            continue;
        const crowd_player *p = crowd_player_get(s->c, (size_t)cn->player);
        if (cn->sent_phase != pv || (p && p->removed && !cn->sent_removed) ||
            (lobby && lobby_count && cn->sent_players != np))
            want_write(cn);
    }
    pthread_mutex_unlock(&s->mu);
}

static int on_writable(net_server *s, conn *cn)
{
    cn->want_since = 0;
    if (cn->nout > 0) {
        char *msg = cn->out[0];
        uint64_t received = cn->out_us[0];
        memmove(cn->out, cn->out + 1, (size_t)(cn->nout - 1) * sizeof *cn->out);
        memmove(cn->out_us, cn->out_us + 1, (size_t)(cn->nout - 1) * sizeof *cn->out_us);
        cn->nout--;
        int rc = write_text(cn->wsi, msg);
        free(msg);
        if (rc)
            return -1;
        if (received) {
            uint64_t t = now_us();
            record_ack(s, t > received ? t - received : 0);
        }
        want_write(cn); /* the rest, and the state */
        return 0;
    }
    if (cn->player >= 0) {
        pthread_mutex_lock(&s->mu);
        char *msg = state_message(s, cn, true);
        pthread_mutex_unlock(&s->mu);
        if (msg) {
            int rc = write_text(cn->wsi, msg);
            free(msg);
            if (rc)
                return -1;
            if (cn->nout > 0 || cn->closing)
                want_write(cn);
            return 0;
        }
    }
    if (cn->closing) {
        lws_close_reason(cn->wsi, LWS_CLOSE_STATUS_NORMAL, NULL, 0);
        return -1;
    }
    return 0;
}

/* ---- receiving ---- */

static void welcome(net_server *s, conn *cn, const crowd_player *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "t", "welcome");
    cJSON_AddStringToObject(o, "token", p->token);
    cJSON_AddStringToObject(o, "name", p->name);
    cJSON_AddNumberToObject(o, "player", (double)cn->player + 1);
    queue(cn, print(o));
    cn->sent_phase = UINT64_MAX; /* then the phase itself */
    cn->sent_removed = false;
    (void)s;
}

/* The player now plays on this connection; another one of theirs closes. */
static void take_seat(net_server *s, conn *cn, size_t player)
{
    if (player >= s->nseat) {
        size_t n = s->nseat ? s->nseat : 64;
        while (n <= player)
            n *= 2;
        s->seat = xrealloc(s->seat, n * sizeof *s->seat);
        memset(s->seat + s->nseat, 0, (n - s->nseat) * sizeof *s->seat);
        s->nseat = n;
    }
    conn *old = s->seat[player];
    if (old && old != cn) {
        old->player = -1;
        old->closing = true;
        want_write(old);
    }
    s->seat[player] = cn;
    cn->player = (long)player;
}

static const char *err_code(crowd_err e)
{
    switch (e) {
    case CROWD_ERR_NAME: return "name";
    case CROWD_ERR_FULL: return "full";
    case CROWD_ERR_BANNED: return "banned";
    case CROWD_ERR_TOKEN: return "token";
    case CROWD_ERR_CLOSED: return "closed";
    case CROWD_ERR_LATE: return "late";
    case CROWD_ERR_NOT_PLAYING: return "not_playing";
    case CROWD_OK: break;
    }
    return "closed";
}

static const char *err_text(crowd_err e)
{
    switch (e) {
    case CROWD_ERR_NAME: return "choose another name";
    case CROWD_ERR_FULL: return "the game is full";
    case CROWD_ERR_BANNED: return "the host removed you";
    case CROWD_ERR_TOKEN: return "that seat is gone: join again";
    case CROWD_ERR_CLOSED: return "the game is over";
    default: return "not now";
    }
}

static bool pin_ok(const char *a, const char *b)
{
    unsigned d = strlen(a) != 6;
    for (size_t i = 0; i < 6 && a[i]; i++)
        d |= (unsigned)(a[i] ^ b[i]);
    return d == 0;
}

static bool on_join(net_server *s, conn *cn, const cJSON *msg, uint64_t now)
{
    if (cn->player >= 0)
        return true; /* already in: nothing changes */
    addr_slot *a = cn->addr >= 0 ? &s->addrs[cn->addr] : NULL;
    if (a && a->wrong >= NET_PIN_TRIES && now - a->wrong_since < PIN_WINDOW_MS)
        return queue_error(cn, "rate", "too many wrong PINs: wait a minute");
    const cJSON *pin = cJSON_GetObjectItemCaseSensitive(msg, "pin");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(msg, "name");
    if (!cJSON_IsString(pin) || !pin_ok(pin->valuestring, s->pin)) {
        if (a) {
            if (now - a->wrong_since >= PIN_WINDOW_MS) {
                a->wrong = 0;
                a->wrong_since = now;
            }
            a->wrong++;
        }
        return queue_error(cn, "pin", "wrong PIN");
    }
    if (!cJSON_IsString(name))
        return queue_error(cn, "name", "a name is needed");
    if (a && a->joins >= NET_ADDR_JOINS)
        return queue_error(cn, "full", "too many players from this address");
    unsigned char raw[16];
    char token[CROWD_TOKEN_HEX + 1];
    if (net_random(raw, sizeof raw) != 0)
        return queue_error(cn, "closed", "no random source");
    for (int i = 0; i < 16; i++)
        snprintf(token + 2 * i, 3, "%02x", raw[i]);
    pthread_mutex_lock(&s->mu);
    size_t player;
    crowd_err e = crowd_join(s->c, name->valuestring, token, now, &player);
    if (e == CROWD_OK) {
        take_seat(s, cn, player);
        welcome(s, cn, crowd_player_get(s->c, player));
        if (a)
            a->joins++;
    }
    pthread_mutex_unlock(&s->mu);
    if (e != CROWD_OK)
        return queue_error(cn, err_code(e), err_text(e));
    wake_game(s);
    return true;
}

static bool on_resume(net_server *s, conn *cn, const cJSON *msg)
{
    const cJSON *tok = cJSON_GetObjectItemCaseSensitive(msg, "token");
    if (!cJSON_IsString(tok) || strlen(tok->valuestring) != CROWD_TOKEN_HEX)
        return queue_error(cn, "token", err_text(CROWD_ERR_TOKEN));
    pthread_mutex_lock(&s->mu);
    size_t player;
    crowd_err e = crowd_resume(s->c, tok->valuestring, &player);
    if (e == CROWD_OK) {
        if (cn->player >= 0 && (size_t)cn->player != player) {
            s->seat[cn->player] = NULL; /* another player on this phone before: gone */
            crowd_disconnect(s->c, (size_t)cn->player, net_server_now());
        }
        take_seat(s, cn, player);
        welcome(s, cn, crowd_player_get(s->c, player));
    }
    pthread_mutex_unlock(&s->mu);
    if (e != CROWD_OK)
        return queue_error(cn, err_code(e), err_text(e));
    wake_game(s);
    return true;
}

static bool on_answer(net_server *s, conn *cn, const cJSON *msg, uint64_t now,
                      uint64_t received)
{
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(msg, "q");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(msg, "c");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
    double idv = cJSON_IsNumber(id) ? id->valuedouble : 0;
    if (!(idv >= 0 && idv <= 1e15))
        idv = 0;
    int counted = -1;
    crowd_err e = CROWD_ERR_NOT_PLAYING;
    if (cn->player >= 0 && cJSON_IsNumber(q) && cJSON_IsNumber(c) && q->valuedouble >= 1 &&
        q->valuedouble <= 1e6 && c->valuedouble >= 0 && c->valuedouble < 16) {
        pthread_mutex_lock(&s->mu);
        e = crowd_answer(s->c, (size_t)cn->player, (size_t)q->valuedouble, (int)c->valuedouble,
                         now, &counted);
        pthread_mutex_unlock(&s->mu);
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "t", e == CROWD_OK ? "ack" : "refused");
    cJSON_AddNumberToObject(o, "q", cJSON_IsNumber(q) ? q->valuedouble : 0);
    cJSON_AddNumberToObject(o, "id", idv);
    if (e == CROWD_OK)
        cJSON_AddNumberToObject(o, "c", counted);
    else
        cJSON_AddStringToObject(o, "code", err_code(e));
    bool ok = queue(cn, print(o));
    if (ok && e == CROWD_OK)
        cn->out_us[cn->nout - 1] = received;
    if (e == CROWD_OK)
        wake_game(s);
    return ok;
}

/* Within the rate? Over it: dropped, an error at most once a second. */
static bool rate_ok(conn *cn, uint64_t now)
{
    if (cn->t_last == 0) {
        cn->tokens = RATE_BURST;
    } else {
        cn->tokens += (double)(now - cn->t_last) * NET_RATE_PER_S / 1000.0;
        if (cn->tokens > RATE_BURST)
            cn->tokens = RATE_BURST;
    }
    cn->t_last = now;
    if (cn->tokens >= 1) {
        cn->tokens -= 1;
        return true;
    }
    cn->drops++;
    if (now - cn->last_rate_error >= 1000) {
        cn->last_rate_error = now;
        queue_error(cn, "rate", "too many messages");
    }
    return false;
}

/* One whole message from a phone; false: close the connection. */
static bool on_message(net_server *s, conn *cn, uint64_t received)
{
    uint64_t now = net_server_now();
    if (!rate_ok(cn, now))
        return cn->drops < RATE_DROPS_MAX;
    cJSON *msg = cJSON_ParseWithLength(cn->buf, cn->len);
    const cJSON *t = msg ? cJSON_GetObjectItemCaseSensitive(msg, "t") : NULL;
    bool ok = true;
    if (!cJSON_IsString(t))
        ok = true; /* garbage: ignored (it costs its sender the rate) */
    else if (strcmp(t->valuestring, "join") == 0)
        ok = on_join(s, cn, msg, now);
    else if (strcmp(t->valuestring, "resume") == 0)
        ok = on_resume(s, cn, msg);
    else if (strcmp(t->valuestring, "answer") == 0)
        ok = on_answer(s, cn, msg, now, received);
    cJSON_Delete(msg); /* "ping" and anything else: only the idle timeout moves */
    return ok;
}

/* ---- the callbacks ---- */

static net_server *server_of(struct lws *wsi)
{
    return lws_context_user(lws_get_context(wsi));
}

static void on_timer(lws_sorted_usec_list_t *sul)
{
    net_server *s = lws_container_of(sul, net_server, sul);
    pthread_mutex_lock(&s->mu);
    crowd_tick(s->c, net_server_now());
    uint64_t pv = crowd_phase_version(s->c);
    size_t np = crowd_players(s->c);
    pthread_mutex_unlock(&s->mu);
    uint64_t stall = now_us() - (uint64_t)NET_STALL_S * 1000000u;
    for (conn *cn = s->conns; cn; cn = cn->next)
        if (cn->want_since && cn->want_since < stall) {
            /* its socket is full: what is written to it would wait in
             * the kernel; it keeps its seat, as any dropped phone */
            cn->want_since = 0;
            pthread_mutex_lock(&s->stats_mu);
            s->stalled++;
            pthread_mutex_unlock(&s->stats_mu);
            lws_set_timeout(cn->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        }
    if (pv != s->timer_phase || np != s->timer_players) {
        if (pv != s->timer_phase)
            wake_game(s);
        s->timer_phase = pv;
        s->timer_players = np;
        scan(s, true);
    }
    lws_sul_schedule(s->ctx, 0, &s->sul, on_timer, TIMER_MS * LWS_US_PER_MS);
}

static bool header_is(struct lws *wsi, enum lws_token_indexes h, char *buf, int size)
{
    return lws_hdr_copy(wsi, buf, size, h) > 0;
}

/* A browser's page from elsewhere may not open a phone's socket: the
 * Origin, when sent, names this host. */
static bool origin_ok(struct lws *wsi)
{
    char origin[256], host[256];
    if (!header_is(wsi, WSI_TOKEN_ORIGIN, origin, sizeof origin))
        return true; /* not a browser */
    if (!header_is(wsi, WSI_TOKEN_HOST, host, sizeof host))
        return false;
    const char *o = strstr(origin, "://");
    return o && strcmp(o + 3, host) == 0;
}

static int on_ws(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                 size_t len)
{
    net_server *s = lws_get_context(wsi) ? server_of(wsi) : NULL;
    conn *cn = user;
    switch (reason) {
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: {
        char uri[64], ip[48];
        if (lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) <= 0 || strcmp(uri, "/ws") != 0)
            return 1;
        if (!origin_ok(wsi) || s->nconns >= s->max_conns)
            return 1;
        lws_get_peer_simple(wsi, ip, sizeof ip);
        int a = addr_find(s, ip);
        if (a < 0 || s->addrs[a].conns >= NET_ADDR_CONNECTIONS)
            return 1;
        return 0;
    }
    case LWS_CALLBACK_ESTABLISHED: {
        char ip[48];
        lws_get_peer_simple(wsi, ip, sizeof ip);
        cn->wsi = wsi;
        cn->player = -1;
        cn->addr = addr_find(s, ip);
        cn->sent_phase = UINT64_MAX;
        cn->counted = true;
        if (cn->addr >= 0)
            s->addrs[cn->addr].conns++;
        cn->next = s->conns;
        if (s->conns)
            s->conns->prev = cn;
        s->conns = cn;
        s->nconns++;
        lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, NET_IDLE_S);
        return 0;
    }
    case LWS_CALLBACK_RECEIVE:
        if (cn->len == 0)
            cn->t_first = now_us(); /* the message's first bytes read */
        if (lws_frame_is_binary(wsi)) { /* the protocol is text */
            static const char why[] = "text frames only";
            lws_close_reason(wsi, LWS_CLOSE_STATUS_UNACCEPTABLE_OPCODE, (unsigned char *)why,
                             sizeof why - 1);
            return -1;
        }
        if (cn->len + len + lws_remaining_packet_payload(wsi) > NET_MAX_FRAME) {
            static const char why[] = "message too large";
            lws_close_reason(wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, (unsigned char *)why,
                             sizeof why - 1);
            return -1;
        }
        memcpy(cn->buf + cn->len, in, len);
        cn->len += len;
        if (!lws_is_final_fragment(wsi))
            return 0;
        cn->buf[cn->len] = '\0';
        lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, NET_IDLE_S);
        bool ok = on_message(s, cn, cn->t_first);
        cn->len = 0;
        return ok ? 0 : -1;
    case LWS_CALLBACK_SERVER_WRITEABLE:
        return on_writable(s, cn);
    case LWS_CALLBACK_CLOSED:
        if (!cn->counted)
            return 0;
        cn->counted = false;
        if (cn->prev)
            cn->prev->next = cn->next;
        else
            s->conns = cn->next;
        if (cn->next)
            cn->next->prev = cn->prev;
        s->nconns--;
        if (cn->addr >= 0)
            s->addrs[cn->addr].conns--;
        for (int i = 0; i < cn->nout; i++)
            free(cn->out[i]);
        cn->nout = 0;
        if (cn->player >= 0 && (size_t)cn->player < s->nseat && s->seat[cn->player] == cn) {
            s->seat[cn->player] = NULL;
            pthread_mutex_lock(&s->mu);
            crowd_disconnect(s->c, (size_t)cn->player, net_server_now());
            pthread_mutex_unlock(&s->mu);
            wake_game(s);
        }
        return 0;
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        if (s && !atomic_load(&s->stopping))
            scan(s, true);
        return 0;
    default:
        return 0;
    }
}

/* Plain HTTP: the page's three files, nothing else. */
static int on_http(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                   size_t len)
{
    if (reason == LWS_CALLBACK_FILTER_HTTP_CONNECTION) {
        static const char *const files[] = {"/", "/index.html", "/app.js", "/style.css"};
        for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
            if (strcmp(in, files[i]) == 0)
                return 0;
        return 1;
    }
    if (reason == LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION)
        return 1; /* a WebSocket without the "quizmill" subprotocol */
    return lws_callback_http_dummy(wsi, reason, user, in, len);
}

static void *service(void *arg)
{
    net_server *s = arg;
    while (!atomic_load(&s->stopping))
        if (lws_service(s->ctx, 0) < 0)
            break;
    return NULL;
}

static void random_pin(char *out)
{
    uint32_t v = 0;
    do {
        if (net_random(&v, sizeof v) != 0)
            v = (uint32_t)net_server_now() * 2654435761u; /* no random source: still a PIN */
    } while (v >= 4294000000u); /* a multiple of 10^6: every PIN as likely */
    snprintf(out, 7, "%06u", v % 1000000u);
}

net_server *net_server_start(const net_options *o, crowd *c, char **err)
{
    *err = NULL;
    net_server *s = xcalloc(1, sizeof *s);
    s->opt = *o;
    s->bind = xstrdup(o->bind ? o->bind : "");
    s->web_dir = xstrdup(o->web_dir ? o->web_dir : ".");
    s->c = c;
    s->port = o->port;
    s->max_conns = (o->max_players ? o->max_players : 1) + NET_SPARE_CONNECTIONS;
    pthread_mutex_init(&s->mu, NULL);
    pthread_mutex_init(&s->stats_mu, NULL);
    atomic_init(&s->stopping, false);
    atomic_init(&s->wake_pending, false);
    s->addrs = xcalloc(ADDR_SLOTS, sizeof *s->addrs);
    random_pin(s->pin);
    s->timer_phase = crowd_phase_version(c);

    /* a thousand phones need more descriptors than a desktop's default 1024 */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max && rl.rlim_cur < 8192) {
        rl.rlim_cur = rl.rlim_max < 8192 ? rl.rlim_max : 8192;
        setrlimit(RLIMIT_NOFILE, &rl);
    }

    s->protocols[0] = (struct lws_protocols){"http", on_http, 0, 0, 0, NULL, 0};
    s->protocols[1] =
        (struct lws_protocols){"quizmill", on_ws, sizeof(conn), NET_MAX_FRAME, 0, NULL, 0};
    s->mount.mountpoint = "/";
    s->mount.mountpoint_len = 1;
    s->mount.origin = s->web_dir;
    s->mount.def = "index.html";
    s->mount.origin_protocol = LWSMPRO_FILE;
    s->mount.cache_max_age = 0;
    /* the page's own files only, and nobody frames it */
    s->headers[0] = (struct lws_protocol_vhost_options){
        &s->headers[1], NULL, "content-security-policy:",
        "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; frame-ancestors 'none'"};
    s->headers[1] =
        (struct lws_protocol_vhost_options){&s->headers[2], NULL, "x-content-type-options:",
                                            "nosniff"};
    s->headers[2] = (struct lws_protocol_vhost_options){NULL, NULL, "referrer-policy:",
                                                        "no-referrer"};

    lws_set_log_level(LLL_ERR, NULL);
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = o->port;
    info.iface = s->bind[0] ? s->bind : NULL;
    info.protocols = s->protocols;
    info.mounts = &s->mount;
    info.headers = &s->headers[0];
    info.user = s;
    info.timeout_secs = 10;      /* a request's headers, a file's sending */
    info.keepalive_timeout = 5;
    info.timeout_secs_ah_idle = 10;
    info.fd_limit_per_thread = (unsigned)(s->max_conns + 256);
    info.options = LWS_SERVER_OPTION_VALIDATE_UTF8;
    info.vhost_name = "quizmill";
    s->ctx = lws_create_context(&info);
    if (!s->ctx) {
        *err = xasprintf("cannot listen on %s port %d: the port is in use or the address is "
                         "not this machine's",
                         s->bind[0] ? s->bind : "every interface", o->port);
        s->c = NULL;
        net_server_stop(s);
        return NULL;
    }
    lws_sul_schedule(s->ctx, 0, &s->sul, on_timer, TIMER_MS * LWS_US_PER_MS);
    if (pthread_create(&s->thread, NULL, service, s) != 0) {
        *err = xasprintf("cannot start the phones' server: %s", strerror(errno));
        lws_context_destroy(s->ctx);
        s->ctx = NULL;
        s->c = NULL;
        net_server_stop(s);
        return NULL;
    }
    return s;
}

void net_server_stop(net_server *s)
{
    if (!s)
        return;
    if (s->ctx) {
        atomic_store(&s->stopping, true);
        lws_cancel_service(s->ctx);
        pthread_join(s->thread, NULL);
        lws_context_destroy(s->ctx); /* closes every connection (CLOSED) */
    }
    crowd_free(s->c);
    free(s->seat);
    free(s->addrs);
    free(s->bind);
    free(s->web_dir);
    pthread_mutex_destroy(&s->mu);
    pthread_mutex_destroy(&s->stats_mu);
    free(s);
}

const char *net_server_pin(const net_server *s)
{
    return s->pin;
}

int net_server_port(const net_server *s)
{
    return s->port;
}

crowd *net_server_lock(net_server *s)
{
    pthread_mutex_lock(&s->mu);
    atomic_store(&s->wake_pending, false);
    s->lock_version = crowd_version(s->c);
    return s->c;
}

void net_server_unlock(net_server *s)
{
    bool changed = crowd_version(s->c) != s->lock_version;
    pthread_mutex_unlock(&s->mu);
    if (changed)
        lws_cancel_service(s->ctx);
}
