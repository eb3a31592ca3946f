#!/usr/bin/python3
"""phones_mock.py - a stand-in for the game's phones server, for tests only.

It is NOT the game: it serves web/ (/, /app.js, /style.css) and speaks the
phones protocol (README "Phones: the protocol") on /ws with a scripted game,
so tests/test_phone_page.sh can drive the phone page in a real browser
without the SDL game. The real server is game/ui's libwebsockets one; the
browser test takes its command as a parameter and runs against either.

The script: a lobby until --start-after seconds after the first join, then
the questions of --choices (one a question: 4 or 3 tiles; the right one
is (q - 1) mod n: A, B, C, D...), each open until every seated player
answered (and --hold seconds more) or --limit seconds passed, a reveal of
--reveal seconds, then the end. Like the game it prints
    trace: network listening PORT pin PIN
on stderr once it listens. --drop-answer Q closes a phone's socket on its
first answer to question Q without counting it (the ack never comes), so
the page must resend it after resuming. --log FILE writes every message a
phone sent, one JSON line each, for the test to count.

Usage: /usr/bin/python3 tests/phones_mock.py --web DIR [--port P] [--pin PIN]
       [--choices 4,4,3] [--limit S] [--hold S] [--reveal S] [--start-after S]
       [--phone-text] [--drop-answer Q] [--log FILE]
Needs python3-websockets (Debian; 10.x): for /usr/bin/python3.
"""
import argparse
import asyncio
import http
import json
import os
import secrets
import sys
import time

import websockets

FILES = {"/": ("index.html", "text/html; charset=utf-8"),
         "/app.js": ("app.js", "text/javascript; charset=utf-8"),
         "/style.css": ("style.css", "text/css; charset=utf-8")}

PROMPTS = ["Which city is the capital of Kazakhstan?",
           "Which sea lies west of Turkmenistan?",
           "Which river forms part of the border?",
           "What did the two countries sign in 2017?"]
CHOICE_TEXT = [["Astana", "Almaty", "Ashgabat", "Tashkent"],
               ["The Black Sea", "The Caspian Sea", "The Aral Sea", "The Red Sea"],
               ["The Volga", "The Danube", "The Amu Darya", "The Ural"],
               ["A treaty on the border", "A football match", "A railway timetable",
                "A film festival"]]


class Player:
    def __init__(self, pid, name):
        self.id = pid
        self.name = name
        self.token = secrets.token_hex(16)
        self.score = 0
        self.answers = {}      # q -> (c, id, points)
        self.ws = None
        self.dropped = set()   # questions whose first answer was dropped


class Game:
    def __init__(self, args):
        self.args = args
        self.pin = args.pin or "%06d" % secrets.randbelow(1000000)
        self.choices = [int(n) for n in args.choices.split(",")]
        self.players = {}      # token -> Player
        self.phase = "lobby"
        self.q = 0
        self.opened = 0.0
        self.last_reveal = None
        self.last_end = None
        self.started = asyncio.Event()
        self.all_in = asyncio.Event()
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None

    # ---- messages ----
    def question_msg(self, p=None):
        n = self.choices[self.q - 1]
        limit = int(self.args.limit * 1000)
        left = max(0, limit - int((time.monotonic() - self.opened) * 1000))
        m = {"t": "question", "q": self.q, "of": len(self.choices), "n": n,
             "ms_left": left, "limit_ms": limit}
        if self.args.phone_text:
            m["prompt"] = PROMPTS[(self.q - 1) % len(PROMPTS)]
            m["choices"] = CHOICE_TEXT[(self.q - 1) % len(CHOICE_TEXT)][:n]
        return m

    def right(self, q):
        return (q - 1) % self.choices[q - 1]

    def ranks(self):
        scores = sorted((p.score for p in self.players.values()), reverse=True)
        return {p.token: scores.index(p.score) + 1 for p in self.players.values()}

    def reveal_msg(self, p, ranks):
        a = p.answers.get(self.q)
        you = {"c": a[0] if a else None, "correct": bool(a and a[0] == self.right(self.q)),
               "points": a[2] if a else 0, "score": p.score, "rank": ranks[p.token],
               "of": len(self.players)}
        return {"t": "reveal", "q": self.q, "right": self.right(self.q), "you": you}

    def end_msg(self, p, ranks):
        return {"t": "end", "score": p.score, "rank": ranks[p.token], "of": len(self.players)}

    def state_msg(self, p):
        """The current phase for a resuming phone: {"t":"state","phase":...}."""
        if self.phase == "lobby":
            m = {"t": "lobby", "players": len(self.players)}
        elif self.phase == "question":
            m = self.question_msg(p)
            a = p.answers.get(self.q)
            if a:
                m["ack"] = {"q": self.q, "c": a[0], "id": a[1]}
        elif self.phase == "reveal":
            m = self.reveal_msg(p, self.ranks())
        else:
            m = self.end_msg(p, self.ranks())
        phase = m.pop("t")
        return dict({"t": "state", "phase": phase}, **m)

    async def send(self, p, m):
        if p.ws is not None:
            try:
                await p.ws.send(json.dumps(m, ensure_ascii=False))
            except websockets.ConnectionClosed:
                pass

    async def broadcast(self, make):
        await asyncio.gather(*(self.send(p, make(p)) for p in list(self.players.values())))

    # ---- the script ----
    async def run(self):
        await self.started.wait()
        await asyncio.sleep(self.args.start_after)
        for q in range(1, len(self.choices) + 1):
            self.phase, self.q, self.opened = "question", q, time.monotonic()
            self.all_in.clear()
            await self.broadcast(self.question_msg)
            try:
                await asyncio.wait_for(self.all_in.wait(), self.args.limit)
                await asyncio.sleep(self.args.hold)
            except asyncio.TimeoutError:
                pass
            self.phase = "reveal"
            ranks = self.ranks()
            await self.broadcast(lambda p: self.reveal_msg(p, ranks))
            await asyncio.sleep(self.args.reveal)
        self.phase = "end"
        ranks = self.ranks()
        await self.broadcast(lambda p: self.end_msg(p, ranks))

    def check_all_in(self):
        if all(self.q in p.answers for p in self.players.values()):
            self.all_in.set()

    # ---- a phone ----
    async def on_answer(self, p, ws, m):
        q, c, aid = m.get("q"), m.get("c"), m.get("id")
        if not all(isinstance(v, int) for v in (q, c, aid)):
            return
        if self.phase != "question" or q != self.q:
            code = "late" if q == self.q or q == self.q - 1 else "not_playing"
            await ws.send(json.dumps({"t": "refused", "q": q, "id": aid, "code": code}))
            return
        if q == self.args.drop_answer and q not in p.dropped:
            p.dropped.add(q)
            await ws.close(1011, "mock: dropped before the ack")
            return
        if q in p.answers:
            old = p.answers[q]
            if old[0] == c:
                await ws.send(json.dumps({"t": "ack", "q": q, "id": aid, "c": c}))
            else:
                await ws.send(json.dumps({"t": "refused", "q": q, "id": aid,
                                          "code": "duplicate"}))
            return
        if not 0 <= c < self.choices[q - 1]:
            return
        t = time.monotonic() - self.opened
        pts = 0
        if c == self.right(q):
            pts = round(1000 * (1 - min(1.0, t / self.args.limit) / 2))
        p.answers[q] = (c, aid, pts)
        p.score += pts
        await ws.send(json.dumps({"t": "ack", "q": q, "id": aid, "c": c}))
        self.check_all_in()

    async def phone(self, ws, path=None):
        me = None
        try:
            async for raw in ws:
                if not isinstance(raw, str):
                    continue
                try:
                    m = json.loads(raw)
                except ValueError:
                    continue
                if not isinstance(m, dict):
                    continue
                if self.log:
                    self.log.write(json.dumps(m, ensure_ascii=False) + "\n")
                    self.log.flush()
                t = m.get("t")
                if t == "join":
                    name = "".join(ch for ch in str(m.get("name", "")) if ch >= " ").strip()
                    if m.get("pin") != self.pin:
                        await ws.send(json.dumps({"t": "error", "code": "pin", "msg": "wrong PIN"}))
                    elif not 1 <= len(name) <= 24:
                        await ws.send(json.dumps({"t": "error", "code": "name",
                                                  "msg": "a name of 1 to 24 characters"}))
                    else:
                        me = Player(len(self.players) + 1, name)
                        me.ws = ws
                        self.players[me.token] = me
                        await ws.send(json.dumps({"t": "welcome", "token": me.token,
                                                  "name": name, "player": me.id},
                                                 ensure_ascii=False))
                        if self.phase == "lobby":
                            await self.broadcast(lambda p: {"t": "lobby",
                                                            "players": len(self.players)})
                        else:
                            await ws.send(json.dumps(self.state_msg(me)))
                        self.started.set()
                elif t == "resume":
                    p = self.players.get(m.get("token"))
                    if p is None:
                        await ws.send(json.dumps({"t": "error", "code": "token",
                                                  "msg": "unknown token"}))
                        continue
                    me, me.ws = p, ws
                    await ws.send(json.dumps({"t": "welcome", "token": p.token, "name": p.name,
                                              "player": p.id}, ensure_ascii=False))
                    await ws.send(json.dumps(self.state_msg(p), ensure_ascii=False))
                elif t == "answer" and me is not None:
                    await self.on_answer(me, ws, m)
        except websockets.ConnectionClosed:
            pass
        finally:
            if me is not None and me.ws is ws:
                me.ws = None

    def http(self, path, headers):
        if path == "/ws":
            return None  # the WebSocket handshake goes on
        path = path.split("?", 1)[0]
        if path in FILES:
            name, ctype = FILES[path]
            with open(os.path.join(self.args.web, name), "rb") as f:
                body = f.read()
            return (http.HTTPStatus.OK, [("Content-Type", ctype), ("Cache-Control", "no-cache"),
                                         ("X-Content-Type-Options", "nosniff")], body)
        return (http.HTTPStatus.NOT_FOUND, [("Content-Type", "text/plain")], b"not found\n")


async def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--web", required=True)
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--pin")
    ap.add_argument("--choices", default="4,4,3")
    ap.add_argument("--limit", type=float, default=20)
    ap.add_argument("--reveal", type=float, default=3)
    ap.add_argument("--start-after", type=float, default=2)
    ap.add_argument("--hold", type=float, default=0)
    ap.add_argument("--phone-text", action="store_true")
    ap.add_argument("--drop-answer", type=int, default=0)
    ap.add_argument("--log")
    args = ap.parse_args()
    game = Game(args)
    server = await websockets.serve(game.phone, args.bind, args.port, subprotocols=["quizmill"],
                                    process_request=game.http, max_size=1024)
    port = server.sockets[0].getsockname()[1]
    print("trace: network listening %d pin %s" % (port, game.pin), file=sys.stderr, flush=True)
    await game.run()
    await asyncio.Future()  # until killed


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
