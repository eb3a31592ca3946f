#!/usr/bin/python3
"""phone_browser.py - the phone page in a real browser (headless Chromium).

Starts a phones server (the game, or tests/phones_mock.py), opens its page
in headless Chromium at 360x640 as a phone (touch, mobile viewport) and
plays a whole game through it the way a student would: types the PIN and
the name "Zoë Ana" (a wrong PIN first), sees the lobby, gets a question, taps a tile twice and
another once (one answer sent), sees "Answer in", the reveal, reloads the
page in the middle of the next question and keeps its seat and score (the
resume token in localStorage), answers, and sees the end. No console error
or uncaught exception may appear. Screenshots of every screen go to the
shots folder (360x640, and the question at 768x1024), and the end screen
once more in Russian.

Chromium is driven through its DevTools protocol over a WebSocket with
python3-websockets, the library tests/phones_mock.py uses too: no
chromedriver or selenium, and the protocol gives what a W3C WebDriver does
not, directly: console messages and exceptions as events, touch input,
device metrics, screenshots and the language override.

The server is a shell command (--server), run with {port} replaced by a
free TCP port and {log} by a file in the shots folder; it must print
    trace: network listening PORT pin PIN
on stderr (the game does with QUIZMILL_TRACE=1). --start runs a shell
command once the page shows the lobby (the host starting the game), and
--advance one after each reveal (the host going on), when the server
needs them. --mock also checks the mock's log of what the page sent (one
answer for a double tap, the answer sent again after the mock dropped the
socket before its ack: the mock runs with --drop-answer 3).

--game QUIZMILL --source DIR plays against the game itself instead: headless
in phones mode on a free port, four questions of 20 s, started by
tests/phones_common.py (test_phones.py's), the host's Enter through the
game's test feed.

Usage: phone_browser.py --shots DIR (--game QUIZMILL --source DIR |
       --server CMD [--start CMD] [--advance CMD] [--mock]) [--timeout S]
Exit status 0 when every check passed; 1 with "FAIL: ..." lines otherwise;
77 when Chromium is not installed.
"""
import argparse
import asyncio
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websockets

NAME = "Zoë Ana"
PHONE = (360, 640)
TABLET = (768, 1024)


class Fail(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cdp:
    """One DevTools session: commands by id, events kept in lists."""

    def __init__(self, ws):
        self.ws = ws
        self.next = 0
        self.calls = {}
        self.errors = []       # console errors, warnings and exceptions, as text
        self.loaded = asyncio.Event()
        self.reader = asyncio.ensure_future(self.read())

    async def read(self):
        async for raw in self.ws:
            m = json.loads(raw)
            if "id" in m:
                fut = self.calls.pop(m["id"], None)
                if fut and not fut.done():
                    fut.set_result(m)
                continue
            method, p = m.get("method"), m.get("params", {})
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning",
                                                                         "assert"):
                args = " ".join(str(a.get("value", a.get("description", "")))
                                for a in p.get("args", []))
                self.errors.append("console.%s: %s" % (p["type"], args))
            elif method == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                self.errors.append("exception: %s %s" % (
                    d.get("text", ""), d.get("exception", {}).get("description", "")))
            elif method == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error",
                                                                                  "warning"):
                e = p["entry"]
                self.errors.append("log %s (%s): %s %s" % (e["level"], e.get("source"),
                                                           e.get("text"), e.get("url", "")))
            elif method == "Page.loadEventFired":
                self.loaded.set()

    async def call(self, method, **params):
        self.next += 1
        fut = asyncio.get_running_loop().create_future()
        self.calls[self.next] = fut
        await self.ws.send(json.dumps({"id": self.next, "method": method, "params": params}))
        m = await asyncio.wait_for(fut, 30)
        if "error" in m:
            raise Fail("%s: %s" % (method, m["error"].get("message")))
        return m.get("result", {})

    async def js(self, expr):
        r = await self.call("Runtime.evaluate", expression=expr, returnByValue=True,
                            awaitPromise=True)
        if "exceptionDetails" in r:
            raise Fail("evaluating %s: %s" % (expr, r["exceptionDetails"].get("text")))
        return r.get("result", {}).get("value")


class Phone:
    def __init__(self, cdp, shots, timeout):
        self.cdp = cdp
        self.shots = shots
        self.timeout = timeout

    async def size(self, w, h):
        await self.cdp.call("Emulation.setDeviceMetricsOverride", width=w, height=h,
                            deviceScaleFactor=1, mobile=True)

    async def wait(self, expr, what, timeout=None):
        """Polls expr in the page until it is true (up to timeout s)."""
        end = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < end:
            try:
                if await self.cdp.js(expr):
                    return
            except Fail:
                pass  # the page is between documents (a reload)
            await asyncio.sleep(0.1)
        state = await self.cdp.js("document.body ? document.body.getAttribute('data-screen') + "
                                  "': ' + document.body.innerText.replace(/\\s+/g, ' ') : '-'")
        raise Fail("waited %g s for %s; the page shows %s" % (timeout or self.timeout, what,
                                                               state))

    async def screen(self, name, timeout=None):
        await self.wait("document.body.getAttribute('data-screen') === %s" % json.dumps(name),
                        "the %s screen" % name, timeout)

    async def text(self, sel):
        return await self.cdp.js("(document.querySelector(%s) || {}).textContent" %
                                 json.dumps(sel))

    async def tap(self, sel):
        """A finger's tap in the middle of the element."""
        xy = await self.cdp.js("(() => { const e = document.querySelector(%s); if (!e) return null;"
                               " const r = e.getBoundingClientRect();"
                               " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
                               % json.dumps(sel))
        if not xy:
            raise Fail("nothing to tap at %s" % sel)
        await self.cdp.call("Input.dispatchTouchEvent", type="touchStart",
                            touchPoints=[{"x": xy[0], "y": xy[1]}])
        await self.cdp.call("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])

    async def shot(self, name):
        await asyncio.sleep(0.4)  # transitions and the countdown's first ticks
        r = await self.cdp.call("Page.captureScreenshot", format="png")
        path = os.path.join(self.shots, "phone-%s.png" % name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(r["data"]))
        print("screenshot: %s" % path)


async def play(args, port, pin, devtools, host):
    with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % devtools) as r:
        targets = json.load(r)
    page = next(t for t in targets if t.get("type") == "page")
    async with websockets.connect(page["webSocketDebuggerUrl"], max_size=None) as ws:
        cdp = Cdp(ws)
        ph = Phone(cdp, args.shots, args.timeout)
        for domain in ("Page", "Runtime", "Log"):
            await cdp.call(domain + ".enable")
        await cdp.call("Network.enable")
        await cdp.call("Network.setUserAgentOverride",
                       userAgent="Mozilla/5.0 (Linux; Android 14) Quizmill test phone",
                       acceptLanguage="en-US")
        await ph.size(*PHONE)
        await cdp.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
        url = "http://127.0.0.1:%d/" % port

        # join
        await cdp.call("Page.navigate", url=url)
        await ph.screen("join")
        # a wrong PIN first: refused with the page's own words
        await ph.tap("#pin")
        await cdp.call("Input.insertText", text="111111" if pin != "111111" else "222222")
        await ph.tap("#name")
        await cdp.call("Input.insertText", text=NAME)
        await ph.tap("#join-button")
        await ph.wait("document.querySelector('#join-error').textContent === "
                      "'Wrong PIN. Check the big screen.'", "the wrong PIN's message")
        await ph.shot("join-wrong-pin")
        await cdp.js("document.querySelector('#pin').value = ''; "
                     "document.querySelector('#name').value = ''")
        await ph.tap("#pin")
        await cdp.call("Input.insertText", text=pin)
        await ph.tap("#name")
        await cdp.call("Input.insertText", text=NAME)
        got = await cdp.js("[document.querySelector('#pin').value, "
                           "document.querySelector('#name').value]")
        if got != [pin, NAME]:
            raise Fail("typed %s, the fields hold %s" % ([pin, NAME], got))
        await ph.shot("join")
        await ph.tap("#join-button")

        # the lobby
        await ph.screen("lobby")
        lobby = await cdp.js("document.querySelector('#s-lobby').innerText")
        if "You're in!" not in lobby or not re.search(r"\b1 player\b", lobby) or NAME not in lobby:
            raise Fail("the lobby says %r" % lobby)
        token = await cdp.js("localStorage.getItem('quizmill.token')")
        if not token or not re.fullmatch(r"[0-9a-f]{32}", token):
            raise Fail("no resume token in localStorage after joining: %r" % token)
        await ph.shot("lobby")
        host("start")

        # question 1: tap A twice and B once, quickly: one answer
        await ph.screen("question", args.timeout + 20)
        n = await cdp.js("document.querySelectorAll('#tiles .tile').length")
        if n not in (3, 4):
            raise Fail("question 1 has %r tiles" % n)
        await ph.shot("question")
        await ph.size(*TABLET)
        await ph.shot("question-768x1024")
        await ph.size(*PHONE)
        await ph.tap("#tiles .tile:nth-child(1)")
        await ph.tap("#tiles .tile:nth-child(1)")
        await ph.tap("#tiles .tile:nth-child(2)")
        await ph.wait("document.querySelector('#a-title').textContent === 'Answer in'",
                      "'Answer in' after the tap")
        await ph.shot("answered")
        await ph.screen("reveal", args.timeout + 30)
        verdict = await ph.text("#r-verdict")
        score1 = int(await ph.text("#r-score"))
        print("question 1: %s, score %d, %s" % (verdict, score1, await ph.text("#r-rank")))
        await ph.shot("reveal")
        host("advance")

        # question 2: reload before answering; the same seat comes back
        await ph.wait("document.body.getAttribute('data-screen') === 'question' && "
                      "/ 2 /.test(document.querySelector('#q-num').textContent)",
                      "question 2", args.timeout + 20)
        cdp.loaded.clear()
        await cdp.call("Page.reload")
        await asyncio.wait_for(cdp.loaded.wait(), 10)
        await ph.wait("document.body.getAttribute('data-screen') === 'question' && "
                      "/ 2 /.test(document.querySelector('#q-num').textContent)",
                      "question 2 again after the reload")
        after = await cdp.js("[localStorage.getItem('quizmill.token'), "
                             "document.querySelector('#me').textContent]")
        if after != [token, NAME]:
            raise Fail("after the reload: token and name %s, expected %s" % (after, [token, NAME]))
        if str(score1) not in (await ph.text("#bar-score") or ""):
            raise Fail("after the reload the bar shows %r, not the score %d"
                       % (await ph.text("#bar-score"), score1))
        await ph.tap("#tiles .tile:nth-child(2)")
        await ph.screen("reveal", args.timeout + 30)
        score2 = int(await ph.text("#r-score"))
        rank = await ph.text("#r-rank")
        print("question 2 after a reload: %s, score %d, %s" % (await ph.text("#r-verdict"),
                                                             score2, rank))
        if score2 < score1:
            raise Fail("the score went from %d to %d over the reload" % (score1, score2))
        if not rank.endswith(" of 1"):
            raise Fail("after the reload the reveal says %r: a second seat?" % rank)
        if args.mock and not (score2 > score1):
            raise Fail("the right answer to question 2 earned nothing: %d then %d"
                       % (score1, score2))
        host("advance")

        # the last questions (the mock drops the socket on question 3's answer)
        last = score2
        while True:
            await ph.wait("['question', 'end'].includes(document.body.getAttribute('data-screen'))",
                          "the next question or the end", args.timeout + 20)
            if await cdp.js("document.body.getAttribute('data-screen')") == "end":
                break
            qn = await ph.text("#q-num")
            n = await cdp.js("document.querySelectorAll('#tiles .tile').length")
            if n == 3:
                await ph.shot("question-3")
            # three tiles: C (the mock's right one); four: A (the mock's wrong one)
            await ph.tap("#tiles .tile:nth-child(%d)" % (3 if n == 3 else 1))
            await ph.wait("document.querySelector('#a-title').textContent === 'Answer in' || "
                          "document.body.getAttribute('data-screen') === 'reveal'",
                          "'Answer in' (or the reveal) after the tap", args.timeout + 10)
            await ph.screen("reveal", args.timeout + 30)
            last = int(await ph.text("#r-score"))
            verdict = await ph.text("#r-verdict")
            print("%s: %s, score %d" % (qn, verdict, last))
            if args.mock and qn.startswith("Question 3 ") and verdict != "Right!":
                raise Fail("%s: the answer sent again after the dropped socket was not "
                           "counted: %r" % (qn, verdict))
            if verdict == "Wrong":
                await ph.shot("reveal-wrong")
            host("advance")

        # the end
        await ph.screen("end")
        end_score = int(await ph.text("#e-score"))
        end_rank = await ph.text("#e-rank")
        print("end: score %d, %s" % (end_score, end_rank))
        if end_score != last or end_rank != "Rank 1 of 1":
            raise Fail("the end says %d, %r; the last reveal said %d" % (end_score, end_rank, last))
        await ph.shot("end")

        # the same seat in Russian (navigator.language from Accept-Language)
        await cdp.call("Network.setUserAgentOverride",
                       userAgent="Mozilla/5.0 (Linux; Android 14) Quizmill test phone",
                       acceptLanguage="ru-RU,ru")
        cdp.loaded.clear()
        await cdp.call("Page.reload")
        await asyncio.wait_for(cdp.loaded.wait(), 10)
        await ph.screen("end")
        ru = await cdp.js("document.querySelector('#s-end').innerText")
        if "Игра окончена" not in ru or "Место 1 из 1" not in ru:
            raise Fail("the end in Russian says %r" % ru)
        await ph.shot("end-ru")

        await asyncio.sleep(0.5)
        if cdp.errors:
            raise Fail("the console:\n  " + "\n  ".join(cdp.errors))
        cdp.reader.cancel()


def check_mock_log(path):
    """What the page sent: one answer a question, except question 3's,
    sent twice with the same id (the mock dropped the socket before its ack)."""
    sent = [json.loads(line) for line in open(path, encoding="utf-8")]
    answers = {}
    for m in sent:
        if m.get("t") == "answer":
            answers.setdefault(m["q"], []).append((m["c"], m["id"]))
    print("answers sent: %s" % answers)
    if len(answers.get(1, [])) != 1:
        raise Fail("a double tap on question 1 sent %s" % answers.get(1))
    if len(answers.get(2, [])) != 1:
        raise Fail("question 2 sent %s" % answers.get(2))
    a3 = answers.get(3, [])
    if len(a3) != 2 or a3[0] != a3[1]:
        raise Fail("question 3's answer, dropped before its ack, was sent as %s "
                   "(expected twice, the same)" % a3)
    joins = [m for m in sent if m.get("t") == "join"]
    resumes = [m for m in sent if m.get("t") == "resume"]
    if len(joins) != 2 or len(resumes) < 3:
        raise Fail("%d joins and %d resumes (expected 2 joins, the wrong PIN and the right "
                   "one, and a resume after each reload and the drop)" % (len(joins),
                                                                          len(resumes)))


def start_server(args, port, log, procs):
    """Runs --server; its port and PIN from its trace line."""
    cmd = args.server.replace("{port}", str(port)).replace("{log}", log)
    env = dict(os.environ, QUIZMILL_TRACE="1")
    srv_err = open(os.path.join(args.shots, "server.err"), "w+", encoding="utf-8")
    srv = subprocess.Popen(cmd, shell=True, stderr=srv_err, env=env, start_new_session=True)
    procs.append(srv)
    pin = None
    end = time.monotonic() + 30
    while time.monotonic() < end and pin is None:
        srv_err.seek(0)
        m = re.search(r"^trace: network listening (\d+) pin (\d{6})$", srv_err.read(), re.M)
        if m:
            port, pin = int(m.group(1)), m.group(2)
        elif srv.poll() is not None:
            raise Fail("the server stopped (status %s): %s" % (srv.returncode,
                                                             srv_err.read()[-500:]))
        else:
            time.sleep(0.1)
    if pin is None:
        raise Fail("the server printed no 'trace: network listening PORT pin PIN' in 30 s")
    print("server: port %d, pin %s" % (port, pin))
    return port, pin


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server")
    ap.add_argument("--game", help="the quizmill program, played headless instead of --server")
    ap.add_argument("--source", help="the source folder (with --game)")
    ap.add_argument("--shots", required=True)
    ap.add_argument("--start")
    ap.add_argument("--advance")
    ap.add_argument("--mock", action="store_true")
    ap.add_argument("--timeout", type=float, default=10)
    args = ap.parse_args()
    browser = shutil.which("chromium")
    if not browser:
        print("SKIP: chromium is not installed (Debian package chromium)")
        return 77
    os.makedirs(args.shots, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="quizmill-phone-")
    port = free_port()
    log = os.path.join(args.shots, "phones.log")
    if os.path.exists(log):
        os.remove(log)
    procs = []
    stop = []
    rc = 1
    try:
        if args.game:
            # the game itself, headless, its host keys through the test feed
            # (tests/phones_common.py, shared with test_phones.py)
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            from phones_common import Game
            game = Game(os.path.abspath(args.game), os.path.abspath(args.source), questions=4,
                        time_limit=20)
            stop.append(game.stop)
            game.start_lobby()
            port, pin = game.port, game.pin
            print("game: port %d, pin %s" % (port, pin))
            host = lambda what: game.key("Return")  # noqa: E731 start, next question
        else:
            port, pin = start_server(args, port, log, procs)

            def host(what):
                cmd = args.start if what == "start" else args.advance
                if cmd:
                    subprocess.run(cmd, shell=True, check=True)

        # the browser
        br_err = open(os.path.join(tmp, "chromium.err"), "w+", encoding="utf-8")
        br = subprocess.Popen([browser, "--headless=new", "--no-sandbox", "--disable-gpu",
                               "--disable-dev-shm-usage", "--no-first-run",
                               "--no-default-browser-check", "--disable-extensions",
                               "--hide-scrollbars", "--remote-debugging-port=0",
                               "--remote-allow-origins=*", "--user-data-dir=" + tmp + "/profile",
                               "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=br_err, start_new_session=True)
        procs.append(br)
        devtools = None
        end = time.monotonic() + 30
        while time.monotonic() < end and devtools is None:
            br_err.seek(0)
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", br_err.read())
            if m:
                devtools = int(m.group(1))
            elif br.poll() is not None:
                raise Fail("chromium stopped (status %s): %s" % (br.returncode,
                                                               br_err.read()[-800:]))
            else:
                time.sleep(0.1)
        if devtools is None:
            raise Fail("chromium opened no DevTools port in 30 s")

        asyncio.run(play(args, port, pin, devtools, host))
        if args.mock:
            check_mock_log(log)
        print("1 passed, 0 failed")
        rc = 0
    except (Fail, AssertionError, subprocess.CalledProcessError, asyncio.TimeoutError) as e:
        print("FAIL: %s" % (e or type(e).__name__), file=sys.stderr)
        if args.game and "game" in locals():
            print("the game's last lines:\n  " + "\n  ".join(game.log[-15:]), file=sys.stderr)
    finally:
        for f in stop:
            f()
        for p in reversed(procs):
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
