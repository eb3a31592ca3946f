/* phones_load.c - quizmill-phones-load: many simulated phones in one
 * libwebsockets client context, one thread, one event loop (bench/phones.py
 * drives the game around it; the protocol is game/net/README.md).
 *
 * Every phone connects to ws://127.0.0.1:PORT/ws from its own loopback
 * source address (lws_client_connect_info.iface: PER_ADDR phones to an
 * address from FIRST_ADDR on, as the server caps connections per address)
 * and joins as "Phone N". Then, question after question: once every phone
 * has the question, the client waits HOLD ms (the big screen's countdown
 * alone, for the bench's idle frames), then each phone answers at once
 * (spread 0) or at a random moment within SPREAD ms; the time from the
 * answer's write to its ack's arrival is kept per answer (CLOCK_MONOTONIC).
 * After the reveal of question RESUME_AFTER every phone closes its socket
 * and, once all are closed, connects again and resumes with its token: the
 * time until every phone has its reveal back, and how many kept their
 * score. After the last question it waits for every phone's "end".
 *
 * Progress goes to stdout, one line an event, with CLOCK_MONOTONIC seconds
 * (Python's time.perf_counter() on Linux), for the bench to follow:
 *   joined N T | question Q T | burst Q T | acked Q T | resumed Q SECONDS KEPT
 *   | reveal Q T | end N T
 * Results go to OUT as JSON lines (see write_question() and main()).
 * Each phase has a timeout; any failure (a phone refused or dropped, a
 * phase not done in time, an answer with no ack) ends the program with
 * one line on stderr and status 1, after writing what it has to OUT.
 *
 * Start reading at main(), then on_phone(), on_message() and advance().
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <libwebsockets.h>

#define RX_MAX 4096      /* one message from the server, reassembled */
#define INFLIGHT_MAX 64  /* connections being opened at once */
#define TICK_MS 100      /* deadlines and keepalives are checked this often */
#define PING_S 20.0      /* the protocol's keepalive */
#define CLOSE_WAIT_S 5.0 /* closing every socket at the end */

enum { SEND_JOIN = 1, SEND_RESUME = 2, SEND_ANSWER = 4, SEND_PING = 8, SEND_CLOSE = 16 };
typedef enum { LINK_IDLE, LINK_CONNECTING, LINK_OPEN, LINK_CLOSED } link_state;
typedef enum {
    PH_JOIN,     /* connecting and joining */
    PH_QUESTION, /* waiting for every phone to have question q */
    PH_HOLD,     /* every phone has it; the countdown alone for HOLD ms */
    PH_ANSWER,   /* answers going out; waiting for acks and reveals */
    PH_DROP,     /* every socket closing */
    PH_RESUME,   /* every phone connecting again and resuming */
    PH_END,      /* the last reveal seen: waiting for "end" */
    PH_CLOSE,    /* closing every socket, then done */
    PH_DONE
} phase;
static const char *const phase_names[] = {
    "joining",  "waiting for a question", "holding", "answering", "dropping",
    "resuming", "waiting for the end",    "closing", "done"};

struct load;

typedef struct phone {
    struct load *ld;
    int idx;
    struct lws *wsi;
    link_state link;
    unsigned pending; /* SEND_* to write when writable */
    char token[40];
    int seen_q; /* the last question number received */
    int nchoices;
    int answer_q, choice; /* the answer to send, or sent */
    int sent_q;           /* the question of the answer written last */
    bool answered;        /* acked or refused for answer_q */
    int reveal_q;         /* the last reveal received */
    int score;            /* from that reveal */
    bool back;            /* resumed and has its reveal again */
    bool ended;
    double tap, sent, last_send; /* monotonic seconds */
    lws_sorted_usec_list_t sul;  /* its tap within the spread */
    size_t len;
    char rx[RX_MAX + 1];
} phone;

typedef struct load {
    /* options */
    int port, n, per_addr, spread_ms, hold_ms, resume_after, timeout_s;
    const char *pin, *out_path;
    uint32_t first_addr; /* host order */
    uint64_t rng;
    /* state */
    struct lws_context *ctx;
    phone *ph;
    phase ph_now;
    double deadline, t_phase, t_start;
    int q, of; /* the question being played, of how many */
    int next_connect, inflight, open, joined, got_q, answered, acked, refused, reveals, closed,
        back, kept, ends;
    double burst_t, last_ack_t, send_delay_max, cpu_burst0;
    double *lat; /* this question's latencies, ms */
    int nlat;
    int total_sent, total_acked, total_refused, total_noack;
    double resume_s, t_drop;
    int resume_kept;
    bool stop, failed;
    char why[512];
    FILE *out;
    lws_sorted_usec_list_t sul_tick, sul_hold;
} load;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* splitmix64: the seed's spread and choices, the same run after run */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static int rng_below(uint64_t *s, int n)
{
    return n > 0 ? (int)(rng_next(s) % (uint64_t)n) : 0;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fprintf(stderr, "quizmill-phones-load: out of memory\n");
        exit(1);
    }
    return p;
}

/* The first failure ends the loop; later ones are its consequences. */
__attribute__((format(printf, 2, 3))) static void fail(load *ld, const char *fmt, ...)
{
    if (ld->failed)
        return;
    ld->failed = true;
    ld->stop = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ld->why, sizeof ld->why, fmt, ap);
    va_end(ap);
    if (ld->ctx)
        lws_cancel_service(ld->ctx);
}

static void addr_of(const load *ld, int idx, char *buf, size_t size)
{
    struct in_addr a = {htonl(ld->first_addr + (uint32_t)(idx / ld->per_addr))};
    inet_ntop(AF_INET, &a, buf, (socklen_t)size);
}

static void progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void progress(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}

static void enter(load *ld, phase p)
{
    ld->ph_now = p;
    ld->t_phase = now_s();
    ld->deadline = ld->t_phase + (p == PH_CLOSE ? CLOSE_WAIT_S : ld->timeout_s);
}

static void want(phone *ph, unsigned what)
{
    ph->pending |= what;
    if (ph->wsi && ph->link == LINK_OPEN)
        lws_callback_on_writable(ph->wsi);
}

/* ---- connections ---- */

/* Opens connections for phones not yet connected, INFLIGHT_MAX at a time. */
static void pump_connects(load *ld)
{
    while (!ld->stop && ld->inflight < INFLIGHT_MAX && ld->next_connect < ld->n) {
        phone *ph = &ld->ph[ld->next_connect++];
        char addr[INET_ADDRSTRLEN];
        addr_of(ld, ph->idx, addr, sizeof addr);
        struct lws_client_connect_info ci;
        memset(&ci, 0, sizeof ci);
        ci.context = ld->ctx;
        ci.address = "127.0.0.1";
        ci.port = ld->port;
        ci.path = "/ws";
        ci.host = "127.0.0.1";
        ci.protocol = "quizmill";
        ci.iface = addr; /* copied by lws into the new connection's headers */
        ci.opaque_user_data = ph;
        ci.pwsi = &ph->wsi;
        ph->link = LINK_CONNECTING;
        ph->len = 0;
        ld->inflight++;
        if (!lws_client_connect_via_info(&ci) && ph->link == LINK_CONNECTING) {
            ld->inflight--;
            ph->link = LINK_CLOSED;
            ph->wsi = NULL;
            fail(ld, "phone %d (%s): cannot open a connection to port %d", ph->idx + 1, addr,
                 ld->port);
        }
    }
}

/* Every phone's socket closes (a close frame, then the server's). */
static void close_all(load *ld)
{
    for (int i = 0; i < ld->n; i++) {
        phone *ph = &ld->ph[i];
        lws_sul_cancel(&ph->sul);
        ph->pending = 0;
        if (ph->link == LINK_OPEN)
            want(ph, SEND_CLOSE);
    }
}

/* ---- the rounds' steps ---- */

static void write_question(load *ld)
{
    int noack = ld->n - ld->answered;
    ld->total_sent += ld->n;
    ld->total_acked += ld->acked;
    ld->total_refused += ld->refused;
    ld->total_noack += noack;
    fprintf(ld->out,
            "{\"t\":\"question\",\"q\":%d,\"of\":%d,\"sent\":%d,\"acked\":%d,\"refused\":%d,"
            "\"noack\":%d,\"spread_ms\":%d,\"burst\":%.6f,\"last_ack\":%.6f,\"done\":%.6f,"
            "\"send_delay_ms_max\":%.3f,\"cpu_ms\":%.1f,\"lat_ms\":[",
            ld->q, ld->of, ld->n, ld->acked, ld->refused, noack, ld->spread_ms, ld->burst_t,
            ld->last_ack_t, now_s(), ld->send_delay_max * 1000, (cpu_s() - ld->cpu_burst0) * 1000);
    for (int i = 0; i < ld->nlat; i++)
        fprintf(ld->out, "%s%.3f", i ? "," : "", ld->lat[i]);
    fprintf(ld->out, "]}\n");
    fflush(ld->out);
}

static void on_tap(lws_sorted_usec_list_t *sul)
{
    phone *ph = lws_container_of(sul, phone, sul);
    want(ph, SEND_ANSWER);
}

/* The hold is over: every phone taps now or within the spread. */
static void on_hold(lws_sorted_usec_list_t *sul)
{
    load *ld = lws_container_of(sul, load, sul_hold);
    if (ld->ph_now != PH_HOLD)
        return;
    enter(ld, PH_ANSWER);
    ld->burst_t = now_s();
    ld->cpu_burst0 = cpu_s();
    progress("burst %d %.6f\n", ld->q, ld->burst_t);
    for (int i = 0; i < ld->n; i++) {
        phone *ph = &ld->ph[i];
        ph->answer_q = ld->q;
        ph->answered = false;
        ph->choice = rng_below(&ld->rng, ph->nchoices);
        if (ld->spread_ms <= 0) {
            ph->tap = ld->burst_t;
            want(ph, SEND_ANSWER);
        } else {
            int us = rng_below(&ld->rng, ld->spread_ms * 1000);
            ph->tap = ld->burst_t + us / 1e6;
            lws_sul_schedule(ld->ctx, 0, &ph->sul, on_tap, us);
        }
    }
}

/* The question is over for every phone (and the resume done if asked). */
static void next_question(load *ld)
{
    progress("reveal %d %.6f\n", ld->q, now_s());
    if (ld->of > 0 && ld->q >= ld->of) {
        enter(ld, PH_END);
        return;
    }
    ld->q++;
    ld->got_q = ld->answered = ld->acked = ld->refused = ld->reveals = 0;
    enter(ld, PH_QUESTION);
}

/* Moves on when the phase's counts are complete; called after each event. */
static void advance(load *ld)
{
    if (ld->stop)
        return;
    switch (ld->ph_now) {
    case PH_JOIN:
        if (ld->joined == ld->n) {
            progress("joined %d %.6f\n", ld->n, now_s());
            fprintf(ld->out, "{\"t\":\"joined\",\"phones\":%d,\"s\":%.3f}\n", ld->n,
                    now_s() - ld->t_start);
            enter(ld, PH_QUESTION);
            advance(ld); /* a question may have come with the last welcome */
        }
        break;
    case PH_QUESTION:
        if (ld->got_q == ld->n) {
            progress("question %d %.6f\n", ld->q, now_s());
            enter(ld, PH_HOLD);
            ld->nlat = 0;
            ld->send_delay_max = 0;
            lws_sul_schedule(ld->ctx, 0, &ld->sul_hold, on_hold,
                             (lws_usec_t)ld->hold_ms * LWS_US_PER_MS);
        }
        break;
    case PH_HOLD:
        break;
    case PH_ANSWER:
        if (ld->answered == ld->n && ld->reveals == ld->n) {
            progress("acked %d %.6f\n", ld->q, ld->last_ack_t);
            write_question(ld);
            if (ld->q == ld->resume_after) {
                enter(ld, PH_DROP);
                ld->t_drop = ld->t_phase;
                ld->closed = 0;
                close_all(ld);
            } else {
                next_question(ld);
            }
        }
        break;
    case PH_DROP:
        if (ld->closed == ld->n) {
            enter(ld, PH_RESUME);
            ld->back = ld->kept = 0;
            ld->next_connect = 0;
            for (int i = 0; i < ld->n; i++)
                ld->ph[i].back = false;
            pump_connects(ld);
        }
        break;
    case PH_RESUME:
        if (ld->back == ld->n) {
            ld->resume_s = now_s() - ld->t_drop;
            ld->resume_kept = ld->kept;
            progress("resumed %d %.3f %d\n", ld->q, ld->resume_s, ld->kept);
            fprintf(ld->out, "{\"t\":\"resume\",\"q\":%d,\"s\":%.3f,\"kept\":%d,\"of\":%d}\n",
                    ld->q, ld->resume_s, ld->kept, ld->n);
            next_question(ld);
        }
        break;
    case PH_END:
        if (ld->ends == ld->n) {
            progress("end %d %.6f\n", ld->n, now_s());
            enter(ld, PH_CLOSE);
            close_all(ld);
            advance(ld);
        }
        break;
    case PH_CLOSE:
        if (ld->open == 0 && ld->inflight == 0) {
            ld->ph_now = PH_DONE;
            ld->stop = true;
        }
        break;
    case PH_DONE:
        break;
    }
}

/* ---- messages ---- */

static int num(const cJSON *o, const char *key, int dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valueint : dflt;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void on_answered(load *ld, phone *ph, bool acked, double t)
{
    ph->answered = true;
    ld->answered++;
    if (!acked) {
        ld->refused++;
        return;
    }
    ld->acked++;
    ld->last_ack_t = t;
    if (ld->nlat < ld->n)
        ld->lat[ld->nlat++] = (t - ph->sent) * 1000;
}

static void on_message(load *ld, phone *ph, const char *text, double t)
{
    cJSON *m = cJSON_Parse(text);
    if (!m) {
        fail(ld, "phone %d: a message that is not JSON: %.60s", ph->idx + 1, text);
        return;
    }
    const char *type = str(m, "t");
    int q = num(m, "q", -1);
    if (strcmp(type, "welcome") == 0) {
        const char *tok = str(m, "token");
        if (ld->ph_now == PH_JOIN && !ph->token[0]) {
            snprintf(ph->token, sizeof ph->token, "%s", tok);
            ld->joined++;
        }
    } else if (strcmp(type, "question") == 0) {
        if (q > ph->seen_q) {
            ph->seen_q = q;
            ph->nchoices = num(m, "n", 4);
            if (q == ld->q && (ld->ph_now == PH_QUESTION || ld->ph_now == PH_JOIN))
                ld->got_q++;
        }
        if (ld->of <= 0)
            ld->of = num(m, "of", 0);
    } else if (strcmp(type, "ack") == 0 || strcmp(type, "refused") == 0) {
        /* an ack with id 0 repeats a counted answer after a resume */
        if (num(m, "id", -1) != 0 && q == ph->answer_q && ph->sent_q == q && !ph->answered &&
            ld->ph_now == PH_ANSWER)
            on_answered(ld, ph, type[0] == 'a', t);
        if (type[0] == 'r' && ph->answered)
            fail(ld, "question %d: phone %d's answer refused (%s)", q, ph->idx + 1, str(m, "code"));
    } else if (strcmp(type, "reveal") == 0) {
        const cJSON *you = cJSON_GetObjectItemCaseSensitive(m, "you");
        int score = cJSON_IsObject(you) ? num(you, "score", 0) : 0;
        if (ld->ph_now == PH_RESUME) {
            if (q == ld->q && !ph->back) {
                ph->back = true;
                ld->back++;
                ld->kept += score == ph->score;
            }
        } else if (q > ph->reveal_q) {
            ph->reveal_q = q;
            ph->score = score;
            if (q == ld->q)
                ld->reveals++;
        }
    } else if (strcmp(type, "end") == 0) {
        if (!ph->ended) {
            ph->ended = true;
            ld->ends++;
        }
    } else if (strcmp(type, "error") == 0) {
        fail(ld, "phone %d: the server refused it while %s: %s (%s)", ph->idx + 1,
             phase_names[ld->ph_now], str(m, "code"), str(m, "msg"));
    } else if (strcmp(type, "removed") == 0) {
        fail(ld, "phone %d: removed by the host", ph->idx + 1);
    } /* lobby and anything new: nothing to do */
    cJSON_Delete(m);
    advance(ld);
}

/* One message a writable callback; more pending asks for another. */
static int on_writable(load *ld, phone *ph)
{
    unsigned char buf[LWS_PRE + 256];
    char *p = (char *)buf + LWS_PRE;
    size_t room = sizeof buf - LWS_PRE;
    int len = 0;
    bool answer = false;
    if (ph->pending & SEND_CLOSE) {
        ph->pending = 0;
        lws_close_reason(ph->wsi, LWS_CLOSE_STATUS_NORMAL, NULL, 0);
        return -1;
    }
    if (ph->pending & SEND_JOIN) {
        ph->pending &= ~(unsigned)SEND_JOIN;
        len = snprintf(p, room, "{\"t\":\"join\",\"pin\":\"%s\",\"name\":\"Phone %d\"}", ld->pin,
                       ph->idx + 1);
    } else if (ph->pending & SEND_RESUME) {
        ph->pending &= ~(unsigned)SEND_RESUME;
        len = snprintf(p, room, "{\"t\":\"resume\",\"token\":\"%s\"}", ph->token);
    } else if (ph->pending & SEND_ANSWER) {
        ph->pending &= ~(unsigned)SEND_ANSWER;
        answer = true;
        len = snprintf(p, room, "{\"t\":\"answer\",\"q\":%d,\"c\":%d,\"id\":%d}", ph->answer_q,
                       ph->choice, ph->answer_q);
    } else if (ph->pending & SEND_PING) {
        ph->pending &= ~(unsigned)SEND_PING;
        len = snprintf(p, room, "{\"t\":\"ping\"}");
    } else {
        return 0;
    }
    double t = now_s();
    if (answer) {
        ph->sent = t;
        ph->sent_q = ph->answer_q;
        if (t - ph->tap > ld->send_delay_max)
            ld->send_delay_max = t - ph->tap;
    }
    ph->last_send = t;
    if (lws_write(ph->wsi, (unsigned char *)p, (size_t)len, LWS_WRITE_TEXT) < len) {
        fail(ld, "phone %d: cannot write to its socket", ph->idx + 1);
        return -1;
    }
    if (ph->pending)
        lws_callback_on_writable(ph->wsi);
    return 0;
}

static int on_phone(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                    size_t len)
{
    (void)user;
    phone *ph = lws_get_opaque_user_data(wsi);
    if (!ph)
        return 0;
    load *ld = ph->ld;
    switch (reason) {
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        if (ph->link == LINK_CONNECTING) {
            char addr[INET_ADDRSTRLEN];
            addr_of(ld, ph->idx, addr, sizeof addr);
            ph->link = LINK_CLOSED;
            ph->wsi = NULL;
            ld->inflight--;
            fail(ld, "phone %d (%s): cannot connect while %s: %s", ph->idx + 1, addr,
                 phase_names[ld->ph_now], in ? (const char *)in : "no reason given");
        }
        return 0;
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        ph->wsi = wsi;
        ph->link = LINK_OPEN;
        ph->len = 0;
        ld->inflight--;
        ld->open++;
        want(ph, ld->ph_now == PH_RESUME ? SEND_RESUME : SEND_JOIN);
        pump_connects(ld);
        return 0;
    case LWS_CALLBACK_CLIENT_RECEIVE: {
        double t = now_s();
        if (ph->len + len > RX_MAX) {
            fail(ld, "phone %d: a message over %d bytes", ph->idx + 1, RX_MAX);
            return -1;
        }
        memcpy(ph->rx + ph->len, in, len);
        ph->len += len;
        if (!lws_is_final_fragment(wsi))
            return 0;
        ph->rx[ph->len] = '\0';
        ph->len = 0;
        on_message(ld, ph, ph->rx, t);
        return 0;
    }
    case LWS_CALLBACK_CLIENT_WRITEABLE:
        return on_writable(ld, ph);
    case LWS_CALLBACK_CLIENT_CLOSED:
        if (ph->link != LINK_OPEN)
            return 0;
        ph->link = LINK_CLOSED;
        ph->wsi = NULL;
        ld->open--;
        if (ld->ph_now == PH_DROP) {
            ld->closed++;
        } else if (ld->ph_now != PH_CLOSE && !(ld->ph_now == PH_END && ph->ended)) {
            char addr[INET_ADDRSTRLEN];
            addr_of(ld, ph->idx, addr, sizeof addr);
            fail(ld, "phone %d (%s): the server closed its socket while %s", ph->idx + 1, addr,
                 phase_names[ld->ph_now]);
        }
        advance(ld);
        return 0;
    default:
        return 0;
    }
}

static const struct lws_protocols phone_protocols[] = {
    {"quizmill", on_phone, 0, RX_MAX, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

/* ---- deadlines and keepalives ---- */

static void on_tick(lws_sorted_usec_list_t *sul)
{
    load *ld = lws_container_of(sul, load, sul_tick);
    double t = now_s();
    if (t > ld->deadline && !ld->stop) {
        int s = ld->timeout_s;
        switch (ld->ph_now) {
        case PH_JOIN:
            fail(ld, "%d of %d phones joined within %d s", ld->joined, ld->n, s);
            break;
        case PH_QUESTION:
            fail(ld, "question %d: %d of %d phones got it within %d s", ld->q, ld->got_q, ld->n, s);
            break;
        case PH_ANSWER:
            if (ld->answered < ld->n)
                fail(ld, "question %d: %d of %d answers got no ack within %d s", ld->q,
                     ld->n - ld->answered, ld->n, s);
            else
                fail(ld, "question %d: %d of %d phones got its reveal within %d s", ld->q,
                     ld->reveals, ld->n, s);
            break;
        case PH_DROP:
            fail(ld, "%d of %d sockets closed within %d s", ld->closed, ld->n, s);
            break;
        case PH_RESUME:
            fail(ld, "%d of %d phones resumed within %d s", ld->back, ld->n, s);
            break;
        case PH_END:
            fail(ld, "%d of %d phones got the end within %d s", ld->ends, ld->n, s);
            break;
        case PH_CLOSE: /* the server's close frames are late: the sockets go anyway */
            ld->ph_now = PH_DONE;
            ld->stop = true;
            break;
        default:
            break;
        }
    }
    /* a silent socket is closed by the server after 60 s: ping, but never
     * while answers are going out */
    if (ld->ph_now != PH_ANSWER && ld->ph_now != PH_HOLD)
        for (int i = 0; i < ld->n; i++) {
            phone *ph = &ld->ph[i];
            if (ph->link == LINK_OPEN && t - ph->last_send > PING_S)
                want(ph, SEND_PING);
        }
    if (!ld->stop)
        lws_sul_schedule(ld->ctx, 0, &ld->sul_tick, on_tick, TICK_MS * LWS_US_PER_MS);
}

/* ---- main ---- */

static void usage(FILE *f)
{
    fprintf(f, "usage: quizmill-phones-load -p PORT -P PIN -n PHONES -o OUT [-a FIRST_ADDR]\n"
               "         [-k PER_ADDR] [-s SPREAD_MS] [-S SEED] [-H HOLD_MS] [-r RESUME_AFTER]\n"
               "         [-t TIMEOUT_S]\n"
               "  simulated phones against a Quizmill game in phones mode on 127.0.0.1:PORT\n"
               "  -a  the first phone's source address (127.0.0.2); -k phones an address (30)\n"
               "  -s  each answer at a random moment within this many ms (0: all at once)\n"
               "  -S  the random seed (1); -H ms between every phone having a question and\n"
               "      the first answer (1500); -r the question after whose reveal every phone\n"
               "      drops and resumes (1; 0: never); -t seconds a phase may take (60)\n");
}

static bool int_arg(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

int main(int argc, char **argv)
{
    load ld;
    memset(&ld, 0, sizeof ld);
    ld.per_addr = 30;
    ld.hold_ms = 1500;
    ld.resume_after = 1;
    ld.timeout_s = 60;
    ld.first_addr = 0x7f000002u;
    ld.q = 1;
    int seed = 1;
    int c;
    while ((c = getopt(argc, argv, "p:P:n:a:k:s:S:H:r:t:o:h")) != -1) {
        bool ok = true;
        struct in_addr a;
        switch (c) {
        case 'p':
            ok = int_arg(optarg, 1, 65535, &ld.port);
            break;
        case 'P':
            ld.pin = optarg;
            ok = strlen(optarg) == 6 && strspn(optarg, "0123456789") == 6;
            break;
        case 'n':
            ok = int_arg(optarg, 1, 100000, &ld.n);
            break;
        case 'a':
            ok = inet_pton(AF_INET, optarg, &a) == 1;
            ld.first_addr = ntohl(a.s_addr);
            break;
        case 'k':
            ok = int_arg(optarg, 1, 1000, &ld.per_addr);
            break;
        case 's':
            ok = int_arg(optarg, 0, 600000, &ld.spread_ms);
            break;
        case 'S':
            ok = int_arg(optarg, 0, 2147483647, &seed);
            break;
        case 'H':
            ok = int_arg(optarg, 0, 600000, &ld.hold_ms);
            break;
        case 'r':
            ok = int_arg(optarg, 0, 1000, &ld.resume_after);
            break;
        case 't':
            ok = int_arg(optarg, 1, 3600, &ld.timeout_s);
            break;
        case 'o':
            ld.out_path = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
        if (!ok) {
            fprintf(stderr, "quizmill-phones-load: -%c %s: not a valid value\n", c, optarg);
            return 2;
        }
    }
    if (!ld.port || !ld.pin || !ld.n || !ld.out_path || optind != argc) {
        usage(stderr);
        return 2;
    }
    if ((uint64_t)ld.first_addr + (uint64_t)((ld.n - 1) / ld.per_addr) > 0x7fffffffu) {
        fprintf(stderr,
                "quizmill-phones-load: %d phones at %d an address run past 127.255.255.255\n", ld.n,
                ld.per_addr);
        return 2;
    }
    ld.rng = (uint64_t)seed;
    ld.out = fopen(ld.out_path, "w");
    if (!ld.out) {
        fprintf(stderr, "quizmill-phones-load: cannot write %s: %s\n", ld.out_path,
                strerror(errno));
        return 1;
    }
    ld.ph = xcalloc((size_t)ld.n, sizeof *ld.ph);
    ld.lat = xcalloc((size_t)ld.n, sizeof *ld.lat);
    for (int i = 0; i < ld.n; i++) {
        ld.ph[i].ld = &ld;
        ld.ph[i].idx = i;
    }

    /* a socket a phone, beyond a shell's default 1024 descriptors */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    lws_set_log_level(LLL_ERR, NULL);
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = CONTEXT_PORT_NO_LISTEN;
    info.protocols = phone_protocols;
    info.fd_limit_per_thread = (unsigned)ld.n + 64;
    info.options = LWS_SERVER_OPTION_DISABLE_IPV6; /* the source addresses are IPv4 */
    ld.ctx = lws_create_context(&info);
    if (!ld.ctx) {
        fprintf(stderr, "quizmill-phones-load: cannot create the libwebsockets context\n");
        return 1;
    }
    ld.t_start = now_s();
    enter(&ld, PH_JOIN);
    lws_sul_schedule(ld.ctx, 0, &ld.sul_tick, on_tick, TICK_MS * LWS_US_PER_MS);
    pump_connects(&ld);
    while (!ld.stop)
        if (lws_service(ld.ctx, 0) < 0) {
            fail(&ld, "the event loop stopped while %s", phase_names[ld.ph_now]);
            break;
        }
    for (int i = 0; i < ld.n; i++)
        lws_sul_cancel(&ld.ph[i].sul);
    lws_sul_cancel(&ld.sul_tick);
    lws_sul_cancel(&ld.sul_hold);
    lws_context_destroy(ld.ctx);

    if (ld.failed && ld.ph_now == PH_ANSWER)
        write_question(&ld); /* the question it failed in, as far as it went */
    if (!ld.failed && ld.total_acked < ld.total_sent)
        fail(&ld, "%d of %d answers got no ack (%d of them refused)",
             ld.total_sent - ld.total_acked, ld.total_sent, ld.total_refused);
    fprintf(ld.out,
            "{\"t\":\"end\",\"phones\":%d,\"ends\":%d,\"sent\":%d,\"acked\":%d,"
            "\"refused\":%d,\"noack\":%d,\"cpu_s\":%.3f,\"wall_s\":%.3f}\n",
            ld.n, ld.ends, ld.total_sent, ld.total_acked, ld.total_refused, ld.total_noack, cpu_s(),
            now_s() - ld.t_start);
    fprintf(ld.out, "{\"t\":\"tokens\",\"tokens\":[");
    for (int i = 0; i < ld.n; i++)
        fprintf(ld.out, "%s\"%s\"", i ? "," : "", ld.ph[i].token);
    fprintf(ld.out, "]}\n");
    if (ld.failed) {
        char msg[sizeof ld.why];
        snprintf(msg, sizeof msg, "%s", ld.why);
        for (char *m = msg; *m; m++)
            if (*m == '"' || *m == '\\' || (unsigned char)*m < 0x20)
                *m = '\'';
        fprintf(ld.out, "{\"t\":\"error\",\"msg\":\"%s\"}\n", msg);
    }
    bool written = fclose(ld.out) == 0;
    free(ld.ph);
    free(ld.lat);
    if (ld.failed) {
        fprintf(stderr, "quizmill-phones-load: %s\n", ld.why);
        return 1;
    }
    if (!written) {
        fprintf(stderr, "quizmill-phones-load: cannot write %s\n", ld.out_path);
        return 1;
    }
    return 0;
}
