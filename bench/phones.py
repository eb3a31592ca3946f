"""bench/phones.py PLAYERS [QUESTIONS] [SPREAD_MS] - simulated phones against
the real game (headless, loopback): PLAYERS phones join, then answer every
question of a round at once, or each at a random moment within SPREAD_MS
(the Python phones: phone i at i/PLAYERS of it).
Prints the players, the answers sent, acknowledged and counted (the results
database), the answer-to-acknowledgement p50 and p99 in ms, the big
screen's frame time (drawing and presenting) while the answers pour in
against the frames just before (the countdown alone), and the game's
memory (VmRSS, VmHWM). After the first question every phone drops and
resumes at once: the time for all to be back, and how many kept their
score.

Phones connect from 127.0.0.2 and on, 30 to an address (the server caps
connections and joins per address). The phones are quizmill-phones-load
(bench/phones_load.c: every phone in one libwebsockets event loop, in C)
when it is built beside the game, else one Python asyncio process; either
runs on the same machine, so its own time is in the latencies. This script
starts the game, presses the host's keys, reads its frames, memory and
results database, and follows the C client's progress lines.
QUIZMILL_PHONES_CLIENT=python uses the Python phones even when the C one is
built. Run by /usr/bin/python3 (Debian's python3-websockets); see
bench/phones.sh.
"""
import asyncio
import os
import json
import queue
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from phones_common import Game, Phone  # noqa: E402


def pct(v, p):
    if not v:
        return float("nan")
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def bench_c(game, load_bin, n, questions, spread_ms):
    """The same steps with quizmill-phones-load for the phones: it joins,
    answers and resumes on its own; this follows its progress lines (their
    times are CLOCK_MONOTONIC, as time.perf_counter()) and presses the
    host's keys between them."""
    mem0 = game.rss()
    out = os.path.join(game.dir, "phones.jsonl")
    proc = subprocess.Popen([load_bin, "-p", str(game.port), "-P", game.pin, "-n", str(n),
                             "-a", "127.0.0.2", "-k", "30", "-s", str(spread_ms), "-S", "7",
                             "-H", "1500", "-r", "1", "-t", "60", "-o", out],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()
    err = []

    def read_out():
        for line in proc.stdout:
            lines.put(line.split())
        lines.put(None)
    threading.Thread(target=read_out, daemon=True).start()
    err_reader = threading.Thread(target=lambda: err.extend(proc.stderr), daemon=True)
    err_reader.start()

    def progress(word, q=None, timeout=90):
        """The client's next line starting with word (for question q)."""
        end = time.time() + timeout
        while True:
            try:
                f = lines.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                raise SystemExit(f"phones.py: the phones' client: no {word!r} line within "
                                 f"{timeout} s")
            if f is None:  # it ended: its one-line error
                proc.wait(timeout=10)
                err_reader.join(timeout=5)
                why = "".join(err).strip() or f"exit status {proc.returncode} before {word!r}"
                raise SystemExit(f"phones.py: the phones' client failed: {why}")
            if f and f[0] == word and (q is None or int(f[1]) == q):
                return f

    try:
        progress("joined")
        while True:
            m = game.wait_line(r"trace: crowd joined (\d+)", timeout=30)
            if int(m.group(1)) >= n:
                break
        idle, burst = [], []
        for q in range(1, questions + 1):
            game.key("Return")
            game.wait_line(rf"trace: crowd question {q}\b", timeout=30)
            t_idle = float(progress("question", q)[2])  # every phone has it
            t0 = float(progress("burst", q)[2])  # after the countdown alone
            t1 = float(progress("acked", q)[2])  # the last ack (the reveal follows)
            game.wait_line(rf"trace: crowd reveal {q} answered (\d+)", timeout=30)
            idle += [ms for t, ms in game.frames if t_idle <= t < t0]
            burst += [ms for t, ms in game.frames if t0 <= t <= t1 + 0.3]
            progress("reveal", q)  # every phone has it (after the resume, if any)
        mem = game.rss()
        game.key("ctrl+e")
        game.key("Return")
        game.wait_line(r"trace: crowd done", timeout=30)
        progress("end")
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode != 0:
        raise SystemExit("phones.py: the phones' client failed: " + ("".join(err).strip()
                         or f"exit status {proc.returncode}"))
    game.key("Return")
    game.key("Return")
    game.wait_line(r"trace: screen title", timeout=30)
    rec = [json.loads(line) for line in open(out)]
    lat, sent, acked, cpu_ms = [], 0, 0, []
    reconnect_s, kept = float("nan"), 0
    for r in rec:
        if r["t"] == "question":
            lat += r["lat_ms"]
            sent += r["sent"]
            acked += r["acked"]
            cpu_ms.append((r["cpu_ms"], (r["done"] - r["burst"]) * 1000, r["send_delay_ms_max"]))
        elif r["t"] == "resume":
            reconnect_s, kept = r["s"], r["kept"]
    total = next(r for r in rec if r["t"] == "end")
    note = (f"phones' client: quizmill-phones-load (C, one libwebsockets event loop), "
            f"{total['cpu_s']:.2f} s of CPU in {total['wall_s']:.1f} s; each question, from the "
            f"first answer to every ack and reveal in: "
            + ", ".join(f"{c:.0f} ms of CPU in {w:.0f} ms (an answer written at most "
                        f"{d:.1f} ms after its tap)" for c, w, d in cpu_ms))
    return sent, acked, lat, idle, burst, mem0, mem, reconnect_s, kept, note


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
    note = "phones' client: Python asyncio (python3-websockets), one process"
    return sent, acked, lat, idle, burst, mem0, mem, reconnect_s, kept, note


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    questions = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    spread_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    game_bin = os.environ.get("QUIZMILL", os.path.join(source, "build", "quizmill"))
    load_bin = os.environ.get("QUIZMILL_PHONES_LOAD", os.path.join(
        os.path.dirname(os.path.abspath(game_bin)), "bench", "quizmill-phones-load"))
    use_c = os.environ.get("QUIZMILL_PHONES_CLIENT", "c") != "python"
    if use_c and not os.access(load_bin, os.X_OK):
        print(f"note: {load_bin} is not built: the phones are Python's (their own time "
              "weighs on the latencies)", flush=True)
        use_c = False
    game = Game(game_bin, os.path.abspath(source), questions=questions, time_limit=60,
                extra_env={"QUIZMILL_TRACE_FRAMES": "1"})
    try:
        game.start_lobby()
        if use_c:
            got = bench_c(game, load_bin, n, questions, spread_ms)
        else:
            got = asyncio.get_event_loop().run_until_complete(bench(game, n, questions, spread_ms))
        sent, acked, lat, idle, burst, mem0, mem, reconnect_s, kept, note = got
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
    print(note)
    mib = lambda m, k: m.get(k, 0) / 1024  # noqa: E731
    print(f"memory no phones: RssAnon {mib(mem0, 'RssAnon'):.1f} MiB RssFile "
          f"{mib(mem0, 'RssFile'):.1f} MiB; {n} phones: RssAnon {mib(mem, 'RssAnon'):.1f} MiB "
          f"RssFile {mib(mem, 'RssFile'):.1f} MiB; per phone (RssAnon) "
          f"{(mem.get('RssAnon', 0) - mem0.get('RssAnon', 0)) / n:.1f} KiB")
    sys.exit(0 if counted == sent and kept == n else 1)


if __name__ == "__main__":
    main()
