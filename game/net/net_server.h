/* net_server.h - the phones' server: the page's files over HTTP and one
 * WebSocket per phone (the protocol of game/net/README.md), on
 * libwebsockets, its event loop on a thread of its own. The crowd (crowd.h)
 * lives under the server's mutex: a phone's join or answer is handled and
 * acknowledged on the server's thread at once, never waiting for the
 * game's frame; the game reads and drives the crowd between
 * net_server_lock() and net_server_unlock(), which tells every phone
 * about what it changed (a phase, a removal).
 *
 * Security (README: what it protects against and what not): a 6-digit PIN
 * per game and 128-bit tokens, both from getrandom(); wrong PINs limited
 * per address; a cap on connections (max_players + NET_SPARE_CONNECTIONS,
 * NET_ADDR_CONNECTIONS per address) and joins (NET_ADDR_JOINS per address);
 * frames over NET_MAX_FRAME bytes close the connection (1009); a rate
 * limit per connection; a phone that reads nothing is dropped; the host's
 * actions come only from the game (no message makes a phone the host).
 *
 * Ownership: net_server_start() takes the crowd (freed by
 * net_server_stop()). Failure: net_server_start() returns NULL with *err
 * a malloc'd "what failed: why" (e.g. "cannot listen on port 8080: ...").
 */
#ifndef QUIZMILL_NET_SERVER_H
#define QUIZMILL_NET_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crowd.h"

#define NET_MAX_FRAME 1024         /* bytes of a phone's message, at most */
#define NET_SPARE_CONNECTIONS 64   /* WebSockets beyond max_players (reloads) */
#define NET_ADDR_CONNECTIONS 40    /* WebSockets from one address at once */
#define NET_ADDR_JOINS 40          /* players joined from one address per game */
#define NET_PIN_TRIES 5            /* wrong PINs from one address per minute */
#define NET_RATE_PER_S 10          /* messages a second from one phone (burst 20) */
#define NET_IDLE_S 60              /* a WebSocket silent this long is closed */
#define NET_STALL_S 15             /* one that takes no write this long, too */

typedef struct net_options {
    const char *bind;    /* an address, or "" / NULL for every interface */
    int port;            /* 1..65535 */
    size_t max_players;  /* the crowd's: connections are capped from it */
    const char *web_dir; /* the page's folder (index.html, app.js, style.css) */
    bool phone_text;     /* questions' text on the phones too */
    /* Called from the server's thread when the crowd changed (joins,
     * answers): the game redraws. At most one call until the game next
     * locks the crowd. May be NULL. */
    void (*wake)(void *user);
    void *user;
} net_options;

typedef struct net_server net_server;

net_server *net_server_start(const net_options *o, crowd *c, char **err);
/* Closes every connection, stops the thread, frees the crowd. NULL is ok. */
void net_server_stop(net_server *s);

const char *net_server_pin(const net_server *s); /* 6 digits */
int net_server_port(const net_server *s);
/* Milliseconds on the server's steady clock: every time given to the crowd. */
uint64_t net_server_now(void);

/* The crowd, locked for the game (hold it briefly: the phones wait). */
crowd *net_server_lock(net_server *s);
/* Unlocks; when the game changed the crowd, every phone is told. */
void net_server_unlock(net_server *s);

/* Acks' latency on the server: from an answer's first bytes read off its
 * socket to its ack written to the socket (the kernel's buffers and the
 * phone's own time are not in it), since the start; and the phones dropped
 * because their socket took nothing for NET_STALL_S while a write waited.
 * Any thread. */
typedef struct net_stats {
    uint64_t acks;
    double p50_ms, p99_ms, max_ms; /* p50 and p99 to 0.05 ms below 100 ms */
    uint64_t stalled;
} net_stats;
void net_server_stats(net_server *s, net_stats *out);

/* The address phones reach this machine at, for the join address: bind
 * when it names one, else the first LAN IPv4 address of an interface that
 * is up (getifaddrs), else 127.0.0.1. Into out (64 bytes are enough). */
void net_lan_address(const char *bind, char *out, size_t size);

/* Random bytes from getrandom(); 0, or -1 when the system has none. */
int net_random(void *buf, size_t n);

#endif
