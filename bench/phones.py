"""bench/phones.py PLAYERS [QUESTIONS] - simulated phones against the real
game (headless, loopback): PLAYERS phones join, then answer every question
of a round at once. Prints the players, the answers sent, acknowledged and
counted (the results database), the answer-to-acknowledgement p50 and p99
in ms, the big screen's frame time (drawing and presenting) while the
answers pour in against the frames just before (the countdown alone), and
the game's memory (VmRSS, VmHWM). After the first question every phone
drops and resumes at once: the time for all to be back, and how many kept
their score.

Phones connect from 127.0.0.2 and on, 30 to an address (the server caps
connections and joins per address). The client is one Python asyncio
process on the same machine: its own time is in the latencies.
Run by /usr/bin/python3 (Debian's python3-websockets); see bench/phones.sh.
"""
import asyncio
import os
import shutil
import sqlite3
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from phones_common import Game, Phone  # noqa: E402


def pct(v, p):
    if not v:
        return float("nan")
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


async def bench(game, n, questions, spread_ms):
    port, pin = game.port, game.pin
    mem0 = game.rss()  # the lobby, the server listening, no phone yet
    phones = [Phone(port, f"127.0.0.{2 + i // 30}") for i in range(n)]
    for k in range(0, n, 50):
        await asyncio.gather(*(p.connect() for p in phones[k:k + 50]))
    for k in range(0, n, 50):
        await asyncio.gather(*(p.join(pin, f"Phone {i + 1}")
                               for i, p in enumerate(phones[k:k + 50], start=k)))
    while True:
        m = game.wait_line(r"trace: crowd joined (\d+)", timeout=30)
        if int(m.group(1)) >= n:
            break
    tokens = [p.token for p in phones]
    reconnect_s, kept = float("nan"), 0
    lat, idle, burst = [], [], []
    sent = acked = 0
    for q in range(1, questions + 1):
        game.key("Return")
        game.wait_line(rf"trace: crowd question {q}\b", timeout=30)
        await asyncio.gather(*(p.expect("question", timeout=30, where=lambda m: m["q"] == q)
                               for p in phones))
        t_idle = time.perf_counter()
        await asyncio.sleep(1.5)  # the countdown alone
        t0 = time.perf_counter()
        idle += [ms for t, ms in game.frames if t_idle <= t < t0]

        async def answer(p, i):
            if spread_ms:  # phone i taps at i/n of the spread
                await asyncio.sleep(spread_ms / 1000 * i / n)
            start = time.perf_counter()
            await p.send({"t": "answer", "q": q, "c": i % 4, "id": q})
            await p.expect("ack", timeout=30, where=lambda m: m["q"] == q)
            return (p.last_ts - start) * 1000

        lat += await asyncio.gather(*(answer(p, i) for i, p in enumerate(phones)))
        sent += n
        acked += n
        game.wait_line(rf"trace: crowd reveal {q} answered (\d+)", timeout=30)
        t1 = time.perf_counter()
        burst += [ms for t, ms in game.frames if t0 <= t <= t1 + 0.3]
        reveals = await asyncio.gather(*(p.expect("reveal", timeout=30) for p in phones))
        if q == 1:  # every phone drops and comes back at once
            scores = [r["you"]["score"] if r["you"] else 0 for r in reveals]
            t_re = time.perf_counter()
            for k in range(0, n, 100):
                await asyncio.gather(*(p.close() for p in phones[k:k + 100]))
            phones = [Phone(port, p.local_ip) for p in phones]
            for k in range(0, n, 100):
                await asyncio.gather(*(p.connect() for p in phones[k:k + 100]))

            async def resume(p, token):
                p.token = token
                await p.send({"t": "resume", "token": token})
                await p.expect("welcome", timeout=30)
                return await p.expect("reveal", timeout=30)
            again = await asyncio.gather(*(resume(p, t) for p, t in zip(phones, tokens)))
            reconnect_s = time.perf_counter() - t_re
            kept = sum(1 for r, sc in zip(again, scores)
                       if (r["you"]["score"] if r["you"] else 0) == sc)
    mem = game.rss()
    game.key("ctrl+e")
    game.key("Return")
    game.wait_line(r"trace: crowd done", timeout=30)
    game.key("Return")
    game.key("Return")
    game.wait_line(r"trace: screen title", timeout=30)
    for k in range(0, n, 100):
        await asyncio.gather(*(p.close() for p in phones[k:k + 100]))
    return sent, acked, lat, idle, burst, mem0, mem, reconnect_s, kept


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    questions = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    spread_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    game_bin = os.environ.get("QUIZMILL", os.path.join(source, "build", "quizmill"))
    game = Game(game_bin, os.path.abspath(source), questions=questions, time_limit=60,
                extra_env={"QUIZMILL_TRACE_FRAMES": "1"})
    try:
        game.start_lobby()
        sent, acked, lat, idle, burst, mem0, mem, reconnect_s, kept = asyncio.get_event_loop().run_until_complete(
            bench(game, n, questions, spread_ms))
        game.stop()
        srv = next((l for l in game.log if "trace: network acks" in l), "")
        db = sqlite3.connect(os.path.join(game.data, "quizmill.db"))
        counted = db.execute("SELECT count(*) FROM answers a JOIN rounds r ON a.round = r.code "
                             "WHERE r.mode = 'phones'").fetchone()[0]
    finally:
        game.stop()
    shutil.rmtree(game.dir, ignore_errors=True)
    med = statistics.median
    print(f"players {n}  spread {spread_ms} ms  answers sent {sent}  acked {acked}  counted {counted}  "
          f"ack p50 {pct(lat, 50):.1f} ms  p99 {pct(lat, 99):.1f} ms  "
          f"frame idle {med(idle) if idle else float('nan'):.2f} ms (max {max(idle, default=0):.2f}, "
          f"{len(idle)} frames)  burst {med(burst) if burst else float('nan'):.2f} ms "
          f"(max {max(burst, default=0):.2f}, {len(burst)} frames)  "
          f"VmRSS {mem.get('VmRSS', 0) / 1024:.1f} MiB  VmHWM {mem.get('VmHWM', 0) / 1024:.1f} MiB  "
          f"all {n} reconnected at once in {reconnect_s:.2f} s, {kept} kept their score")
    print("server side: " + srv.replace("trace: network ", ""))
    mib = lambda m, k: m.get(k, 0) / 1024  # noqa: E731
    print(f"memory no phones: RssAnon {mib(mem0, 'RssAnon'):.1f} MiB RssFile "
          f"{mib(mem0, 'RssFile'):.1f} MiB; {n} phones: RssAnon {mib(mem, 'RssAnon'):.1f} MiB "
          f"RssFile {mib(mem, 'RssFile'):.1f} MiB; per phone (RssAnon) "
          f"{(mem.get('RssAnon', 0) - mem0.get('RssAnon', 0)) / n:.1f} KiB")
    sys.exit(0 if counted == sent and kept == n else 1)


if __name__ == "__main__":
    main()
