"""phones_common.py - what the phones protocol test and bench share: the game
started headless in phones mode on a free loopback port (its trace gives
the PIN), host keys through the test feed, and a simulated phone speaking
the protocol of game/net/README.md over python3-websockets.

Run by /usr/bin/python3 (Debian's python3-websockets).
"""
import asyncio
import json
import os
import queue
import re
import socket
import sqlite3
import shutil
import subprocess
import tempfile
import sys
import threading
import time

import websockets


failures = []  # what check() found false, for finish()


def check(cond, what):
    """Prints "ok" or "FAIL" and what was checked; a failure is kept."""
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def phones_answers(game):
    """(player, chosen) of every answer of a phones round in the game's
    results database."""
    db = sqlite3.connect(os.path.join(game.data, "quizmill.db"))
    try:
        return db.execute("SELECT a.player, a.chosen FROM answers a JOIN rounds r "
                          "ON a.round = r.code WHERE r.mode = 'phones'").fetchall()
    finally:
        db.close()


def finish(game):
    """A test's end: exits 1 with the failures and the game's last lines
    (its folder kept), else removes the game's folder and says so."""
    if failures:
        print(f"{len(failures)} failed (the game's folder: {game.dir})")
        print("\n".join(game.log[-30:]))
        sys.exit(1)
    shutil.rmtree(game.dir, ignore_errors=True)
    print("all passed")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Game:
    """The real game, headless (SDL dummy driver), in phones mode."""

    def __init__(self, game, source, questions=3, time_limit=8, extra_env=None, max_players=1000):
        self.dir = tempfile.mkdtemp(prefix="quizmill-phones-")
        self.port = free_port()
        self.data = os.path.join(self.dir, "data")
        cfg = os.path.join(self.dir, "config.ini")
        with open(cfg, "w") as f:
            f.write(f"""[quiz]
article = {source}/questions/turkmenistan-kazakhstan.txt
questions = {questions}
time_limit = {time_limit}
seed = 7
[display]
fullscreen = false
ask_name = false
[sound]
sound = false
[event]
mode = phones
[network]
enabled = true
port = {self.port}
bind = 127.0.0.1
max_players = {max_players}
""")
        self.feed = os.path.join(self.dir, "feed")
        os.mkfifo(self.feed)
        env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                   QUIZMILL_TRACE="1", QUIZMILL_TEST_JOYSTICKS=self.feed, QUIZMILL_NO_DIALOG="1")
        env.update(extra_env or {})
        self.proc = subprocess.Popen([game, "--config", cfg, "--data-dir", self.data, "--windowed"],
                                     stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env,
                                     text=True, errors="replace")
        self.lines = queue.Queue()
        self.log = []
        self.frames = []  # (time.perf_counter(), ms) of each "trace: frame MS"
        threading.Thread(target=self._read, daemon=True).start()
        self.feed_fd = os.open(self.feed, os.O_WRONLY)
        self.pin = None

    def _read(self):
        for line in self.proc.stderr:
            line = line.rstrip("\n")
            if line.startswith("trace: frame "):
                self.frames.append((time.perf_counter(), float(line.split()[2])))
                continue
            self.log.append(line)
            self.lines.put(line)

    def wait_line(self, pattern, timeout=10.0):
        """The first line from now on matching pattern (a regex): its match."""
        end = time.time() + timeout
        rx = re.compile(pattern)
        while time.time() < end:
            try:
                line = self.lines.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                break
            m = rx.search(line)
            if m:
                return m
        raise AssertionError(f"no line matching {pattern!r} within {timeout} s; "
                             f"last lines: {self.log[-8:]}")

    def key(self, name):
        os.write(self.feed_fd, f"key {name}\n".encode())

    def start_lobby(self):
        self.wait_line(r"trace: screen title")
        self.key("Return")
        m = self.wait_line(r"trace: network listening (\d+) pin (\d{6})")
        assert int(m.group(1)) == self.port, m.group(0)
        self.pin = m.group(2)
        self.wait_line(r"trace: screen lobby")

    def rss(self):
        """VmRSS, VmHWM, RssAnon and RssFile of the game in KiB."""
        out = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:", "RssAnon:", "RssFile:")):
                    k, v = line.split(":")
                    out[k] = int(v.split()[0])
        return out

    def stop(self):
        """Stops the game as a system shutdown would (SIGTERM); its exit status."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.feed_fd >= 0:
            os.close(self.feed_fd)
            self.feed_fd = -1
        time.sleep(0.2)  # the last lines of stderr
        return self.proc.returncode


class Phone:
    """One phone: a WebSocket to ws://127.0.0.1:PORT/ws, messages kept in
    order, taken by type."""

    def __init__(self, port, local_ip="127.0.0.1"):
        self.port = port
        self.local_ip = local_ip
        self.ws = None
        self.inbox = []
        self.token = None
        self.closed_code = None
        self._got = None

    async def connect(self):
        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/ws", subprotocols=["quizmill"], max_size=1 << 20,
            local_addr=(self.local_ip, 0), ping_interval=None, open_timeout=20)
        self._got = asyncio.Event()
        self._task = asyncio.ensure_future(self._pump())

    async def _pump(self):
        try:
            async for m in self.ws:
                self.inbox.append((time.perf_counter(), json.loads(m)))
                self._got.set()
        except websockets.ConnectionClosed as e:
            self.closed_code = e.code
        self.closed_code = self.closed_code or (self.ws.close_code or 1000)
        self._got.set()

    async def send(self, obj):
        await self.ws.send(obj if isinstance(obj, (str, bytes)) else json.dumps(obj))

    async def expect(self, t, timeout=10.0, where=None):
        """The first message of type t not yet taken (and matching where)."""
        end = time.time() + timeout
        while True:
            for i, (ts, m) in enumerate(self.inbox):
                if m.get("t") == t and (where is None or where(m)):
                    del self.inbox[i]
                    self.last_ts = ts  # when it arrived (time.perf_counter())
                    return m
            left = end - time.time()
            if left <= 0 or (self.closed_code is not None and not self.inbox):
                raise AssertionError(f"no {t!r} message (closed {self.closed_code}); "
                                     f"inbox {[m for _, m in self.inbox][-5:]}")
            self._got.clear()
            try:
                await asyncio.wait_for(self._got.wait(), timeout=min(left, 0.5))
            except asyncio.TimeoutError:
                pass

    def take_all(self, t):
        got = [m for _, m in self.inbox if m.get("t") == t]
        self.inbox = [(ts, m) for ts, m in self.inbox if m.get("t") != t]
        return got

    async def join(self, pin, name):
        await self.send({"t": "join", "pin": pin, "name": name})
        w = await self.expect("welcome")
        self.token = w["token"]
        return w

    async def close(self):
        """Closes the socket; one the server closed first (the game back at
        its title stops its server) is closed already, and that is fine."""
        if self.ws:
            try:
                await self.ws.close()
            except websockets.ConnectionClosed:
                pass
