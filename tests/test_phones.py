"""test_phones.py - the phones mode end to end: the real game headless on a
free loopback port, five simulated phones over the WebSocket protocol.

Checks: the page's files and nothing else over HTTP; a wrong PIN, and the
wrong-PIN limit per address; garbage JSON ignored; an oversized frame
closed with 1009; five joins (a name with HTML kept as text, a name taken
refused); the host removes a player and lets them back (lobby, Delete);
questions on every phone; a duplicate tap acked with the first choice and
counted once; a reload mid-question resumes with the token (the seat, the
answer and the score kept); an answer after time refused as late; the
reveal with points and ranks; the end with scores; every counted answer in
the results database under its player's name.

Usage: /usr/bin/python3 test_phones.py QUIZMILL SOURCE_DIR
"""
import asyncio
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from phones_common import Game, Phone, check, finish, phones_answers  # noqa: E402


def http_status(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""
    except Exception:
        return None, b""  # the connection refused or dropped


def slowloris(port):
    """A client that starts a request and never finishes it: a socket."""
    import socket
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    s.settimeout(0.2)
    return s


def closed_by_server(s):
    try:
        return s.recv(4096) == b""
    except (BlockingIOError, TimeoutError, OSError) as e:
        return not isinstance(e, (BlockingIOError, TimeoutError))


async def run(game):
    port, pin = game.port, game.pin
    slow = slowloris(port)
    slow_start = asyncio.get_event_loop().time()
    status, body = http_status(port, "/")
    check(status == 200 and b"<" in body, f"GET / serves the page ({status})")
    status, _ = http_status(port, "/../config.ini")
    check(status != 200, f"GET /../config.ini refused ({status})")
    status, _ = http_status(port, "/web/index.html")
    check(status != 200, "nothing but the page's files")

    # a wrong PIN, then the limit per address (from another loopback address)
    bad = Phone(port, "127.0.0.9")
    await bad.connect()
    wrong = "%06d" % ((int(pin) + 1) % 1000000)
    await bad.send({"t": "join", "pin": wrong, "name": "Mallory"})
    e = await bad.expect("error")
    check(e["code"] == "pin", f"a wrong PIN: {e}")
    for _ in range(5):
        await bad.send({"t": "join", "pin": wrong, "name": "Mallory"})
    await bad.send({"t": "join", "pin": pin, "name": "Mallory"})
    codes = [(await bad.expect("error"))["code"] for _ in range(6)]
    check(codes[-1] == "rate" and "rate" in codes, f"wrong PINs limited per address: {codes}")
    await bad.close()

    # garbage is ignored; an oversized frame closes with 1009
    g = Phone(port, "127.0.0.10")
    await g.connect()
    await g.send("{this is not json")
    await g.send('{"t": 5}')
    await g.send('[1,2,3]')
    await g.send({"t": "answer", "q": 1, "c": 0, "id": 1})
    r = await g.expect("refused")
    check(r["code"] == "not_playing", f"garbage ignored, an answer before joining refused: {r}")
    await g.send("x" * 2000)
    for _ in range(50):
        if g.closed_code is not None:
            break
        await asyncio.sleep(0.1)
    check(g.closed_code == 1009, f"an oversized frame closes with 1009 (got {g.closed_code})")

    # a socket without the protocol's subprotocol, or from another origin, is refused
    import websockets
    try:
        ws = await websockets.connect(f"ws://127.0.0.1:{port}/ws", open_timeout=5)
        await ws.close()
        check(False, "a socket without the subprotocol is refused")
    except Exception:
        check(True, "a socket without the subprotocol is refused")
    try:
        ws = await websockets.connect(f"ws://127.0.0.1:{port}/ws", subprotocols=["quizmill"],
                                      origin="http://evil.example", open_timeout=5)
        await ws.close()
        check(False, "another origin is refused")
    except Exception:
        check(True, "another origin is refused")

    # five phones join
    names = ["Ann", "Bob", "Zoë", "<b>Eve</b>", "Dee"]
    phones = [Phone(port, f"127.0.0.{20 + i}") for i in range(5)]
    for p, n in zip(phones, names):
        await p.connect()
        w = await p.join(pin, n)
        check(w["name"] == n and len(w["token"]) == 32, f"{n} joined as player {w['player']}")
    tokens = [p.token for p in phones]
    check(len(set(tokens)) == 5 and all(int(t, 16) >= 0 for t in tokens), "five tokens, all apart")
    dup = Phone(port, "127.0.0.30")
    await dup.connect()
    await dup.send({"t": "join", "pin": pin, "name": " Ann "})
    e = await dup.expect("error")
    check(e["code"] == "name", f"a name taken: {e}")
    await dup.close()
    game.wait_line(r"trace: crowd joined 5")
    lobby = await phones[0].expect("lobby", where=lambda m: m["players"] == 5)
    check(lobby["players"] == 5, "the lobby counts five")
    for p in phones:
        check(all(p.token not in str(m) for q in phones if q is not p for _, m in q.inbox),
              "no token reaches another phone")
        break

    # the host removes the newest (Dee) and lets her back
    game.key("Down")
    game.key("Delete")
    game.wait_line(r"trace: crowd remove player 5")
    await phones[4].expect("removed")
    for _ in range(50):
        if phones[4].closed_code is not None:
            break
        await asyncio.sleep(0.1)
    check(phones[4].closed_code is not None, "a removed phone is closed")
    back = Phone(port, "127.0.0.24")
    await back.connect()
    await back.send({"t": "resume", "token": tokens[4]})
    e = await back.expect("error")
    check(e["code"] == "banned", f"a removed player's token stops working: {e}")
    game.key("Delete")
    game.wait_line(r"trace: crowd readmit player 5")
    await back.send({"t": "resume", "token": tokens[4]})
    w = await back.expect("welcome")
    check(w["name"] == "Dee", "let back in with the same token")
    phones[4] = back

    # question 1
    game.key("Return")
    game.wait_line(r"trace: crowd question 1")
    qs = [await p.expect("question") for p in phones]
    q = qs[0]
    check(q["q"] == 1 and q["of"] == 3 and q["n"] >= 2 and 0 < q["ms_left"] <= q["limit_ms"],
          f"question 1 on every phone: {q}")
    check("prompt" not in q, "no text on the phones (phone_text = false)")
    acked = {}  # (player name, q) -> choice counted
    await phones[0].send({"t": "answer", "q": 1, "c": 0, "id": 1})
    a = await phones[0].expect("ack")
    check(a == {"t": "ack", "q": 1, "id": 1, "c": 0}, f"Ann's answer acked: {a}")
    acked[("Ann", 1)] = 0
    await phones[1].send({"t": "answer", "q": 1, "c": 1, "id": 1})
    await phones[1].send({"t": "answer", "q": 1, "c": 0, "id": 2})
    a1, a2 = await phones[1].expect("ack"), await phones[1].expect("ack")
    check(a1["c"] == 1 and a2["c"] == 1 and a2["id"] == 2, f"a double tap acked, the first counts: {a2}")
    acked[("Bob", 1)] = 1
    n = q["n"]
    await phones[2].send({"t": "answer", "q": 1, "c": 2 % n, "id": 1})
    await phones[2].expect("ack")
    acked[("Zoë", 1)] = 2 % n
    # Zoë reloads: a new socket, resume with her token
    await phones[2].close()
    z = Phone(port, "127.0.0.22")
    await z.connect()
    await z.send({"t": "resume", "token": tokens[2]})
    w = await z.expect("welcome")
    check(w["name"] == "Zoë" and w["token"] == tokens[2], "a reload resumes the same seat")
    sq = await z.expect("question")
    sa = await z.expect("ack")
    check(sq["q"] == 1 and sa["c"] == 2 % n, f"the question and her answer after the reload: {sa}")
    phones[2] = z
    await phones[3].send({"t": "answer", "q": 1, "c": 3 % n, "id": 1})
    await phones[3].expect("ack")
    acked[("<b>Eve</b>", 1)] = 3 % n
    # Dee does not answer: the time runs out
    game.wait_line(r"trace: crowd reveal 1 answered 4", timeout=15)
    revs = [await p.expect("reveal") for p in phones]
    check(all(r["q"] == 1 for r in revs), "the reveal on every phone")
    check(revs[4]["you"] is None, "Dee did not answer: you is null")
    check(all(r["you"] is not None and r["you"]["of"] == 5 for r in revs[:4]),
          "the others' points and ranks of 5")
    right = revs[0]["right"]
    for i in range(4):
        y = revs[i]["you"]
        check(y["correct"] == (y["c"] == right) and (y["points"] > 0) == y["correct"],
              f"{names[i]}: {y}")
    await phones[4].send({"t": "answer", "q": 1, "c": 0, "id": 9})
    r = await phones[4].expect("refused")
    check(r["code"] == "late" and r["id"] == 9, f"an answer after time refused: {r}")
    best = max(range(4), key=lambda i: revs[i]["you"]["score"])
    best_score = revs[best]["you"]["score"]
    check(best_score > 0, f"{names[best]} chose the right answer and scored {best_score}")

    # question 2: the one who scored reloads before answering; everyone
    # answers, the reveal comes at once
    game.key("Return")
    game.wait_line(r"trace: crowd question 2")
    await phones[best].expect("question", where=lambda m: m["q"] == 2)
    await phones[best].close()
    again = Phone(port, f"127.0.0.{20 + best}")
    await again.connect()
    await again.send({"t": "resume", "token": tokens[best]})
    await again.expect("welcome")
    phones[best] = again
    for i, p in enumerate(phones):
        await p.expect("question", where=lambda m: m["q"] == 2)
        await p.send({"t": "answer", "q": 2, "c": i % 2, "id": 1})
        await p.expect("ack")
        acked[(names[i], 2)] = i % 2
    game.wait_line(r"trace: crowd reveal 2 answered 5")
    revs = [await p.expect("reveal", where=lambda m: m["q"] == 2) for p in phones]
    check(revs[best]["you"]["score"] >= best_score,
          f"{names[best]} keeps the score after a reload ({revs[best]['you']['score']})")
    ranks = sorted((r["you"]["score"], r["you"]["rank"]) for r in revs)
    ok = all(r1 == r2 for (s1, r1), (s2, r2) in zip(ranks, ranks[1:]) if s1 == s2)
    check(ok, f"equal scores share a rank: {ranks}")

    # the host ends the game (Ctrl+E, Enter)
    game.key("Return")
    game.wait_line(r"trace: crowd question 3")
    game.key("ctrl+e")
    game.wait_line(r"trace: crowd confirm end")
    game.key("Return")
    game.wait_line(r"trace: crowd done")
    ends = [await p.expect("end") for p in phones]
    check(all(e["of"] == 5 and e["rank"] >= 1 for e in ends), f"the end on every phone: {ends[0]}")
    check(ends[best]["score"] == revs[best]["you"]["score"], "the end's score is the last reveal's")
    closed = closed_by_server(slow)
    while not closed and asyncio.get_event_loop().time() - slow_start < 30:
        await asyncio.sleep(0.5)
        closed = closed_by_server(slow)
    waited = asyncio.get_event_loop().time() - slow_start
    check(closed, f"a request never finished is closed (after {waited:.0f} s)")
    slow.close()
    game.key("Return")
    game.key("Return")
    game.wait_line(r"trace: screen title")
    for p in phones:
        await p.close()
    return acked


def main():
    game_bin, source = sys.argv[1], sys.argv[2]
    game = Game(game_bin, source, questions=3, time_limit=6)
    try:
        game.start_lobby()
        acked = asyncio.get_event_loop().run_until_complete(run(game))
        rc = game.stop()
        check(rc == 0, f"the game quits cleanly on SIGTERM (status {rc}; sanitizers quiet)")
        rows = phones_answers(game)
        check(len(rows) == len(acked), f"every counted answer in the database: {len(rows)} of "
                                       f"{len(acked)}")
        players = {r[0] for r in rows}
        check(players == {n for n, _ in acked}, f"under each player's name: {sorted(players)}")
    finally:
        game.stop()
    finish(game)


if __name__ == "__main__":
    main()
