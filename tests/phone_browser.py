#!/usr/bin/python3
"""phone_browser.py - the phone page in a real browser: Chromium, Firefox or
WebKit (WebKitGTK, Safari's engine).

Starts a phones server (the game, or tests/phones_mock.py), opens its page
in a browser at 360x640 as a phone and plays a whole game through it the
way a student would: types the PIN and the name "Zoë Ana" (a wrong PIN
first), sees the lobby, gets a question, taps a tile twice and another once
(one answer sent), sees "Answer in", the reveal, reloads the page in the
middle of the next question and keeps its seat and score (the resume token
in localStorage), answers, and sees the end. No console error or uncaught
exception may appear. Screenshots of every screen go to the shots folder
(360x640, and the question at 768x1024), and the end screen once more in
Russian.

The scenario (play()) is written once; each browser is a small driver with
the same few methods (open, js, pointer_tap, type_into, reload, size, png,
set_language, errors, close), all over the browser's own remote protocol
with python3-websockets or urllib, no chromedriver, geckodriver or selenium:
  chromium  the DevTools protocol over a WebSocket: touch input, a mobile
            viewport, the language by Accept-Language, console messages
            and exceptions as events.
  firefox   firefox-esr's built-in WebDriver BiDi (--remote-debugging-port)
            over a WebSocket: touch pointer actions, browsingContext
            viewport and screenshots, emulation.setLocaleOverride for the
            language (navigator.language follows it), log.entryAdded for
            console errors and exceptions.
  webkit    WebKitWebDriver (webkit2gtk-driver), W3C WebDriver over HTTP,
            driving WebKitGTK's MiniBrowser full screen (so the viewport is
            the window's size) on the X display the caller gives (Xvfb, see
            test_phone_page.sh). WebKitGTK is Safari's engine, not Safari.
            Its fallbacks: a mouse click for a tap (WebKitGTK's WebDriver
            makes a touch pointer a mouse); the language is the browser
            process's locale (made with localedef), so Russian is a second
            MiniBrowser started in ru_RU with the seat's localStorage copied
            over; console errors, uncaught exceptions, failed loads and CSP
            violations are caught by hooks the driver puts into the page
            after each load (W3C WebDriver has no console), so an error
            while app.js first runs shows only as the page not working.

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

Usage: phone_browser.py --shots DIR [--browser chromium|firefox|webkit]
       (--game QUIZMILL --source DIR |
        --server CMD [--start CMD] [--advance CMD] [--mock]) [--timeout S]
Exit status 0 when every check passed; 1 with "FAIL: ..." lines otherwise;
77 when the browser is not installed (chromium; firefox-esr;
webkit2gtk-driver and libwebkit2gtk-4.1-0's MiniBrowser, with a DISPLAY).
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
import urllib.error
import urllib.request

import websockets

NAME = "Zoë Ana"
PHONE = (360, 640)
TABLET = (768, 1024)
UA = "Mozilla/5.0 (Linux; Android 14) Quizmill test phone"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"


class Fail(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn(cmd, err_path, env=None):
    """A browser or driver in a process group of its own, stderr to a file."""
    err = open(err_path, "w+", encoding="utf-8", errors="replace")
    p = subprocess.Popen(cmd, stdout=err, stderr=err, env=env, start_new_session=True)
    return p, err


def wait_line(p, err, pattern, what, timeout=30):
    """Waits for a line matching pattern in a process's output; its match."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        err.seek(0)
        m = re.search(pattern, err.read())
        if m:
            return m
        if p.poll() is not None:
            err.seek(0)
            raise Fail("%s stopped (status %s): %s" % (what, p.returncode, err.read()[-800:]))
        time.sleep(0.1)
    raise Fail("%s printed no %r in %d s" % (what, pattern, timeout))


def stop_process(p):
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


class Driver:
    """What the scenario needs of a browser. Subclasses give launch, open,
    js, pointer_tap, type_into, reload, size, png, set_language, close and
    keep console errors in self.errors; the rest is common."""

    name = "?"
    tap_kind = "touch"

    def __init__(self, tmp, timeout):
        self.tmp = tmp
        self.timeout = timeout
        self.errors = []       # console errors, warnings and exceptions, as text
        self.procs = []

    @staticmethod
    def missing():
        """Why this browser cannot run here (a SKIP line), or None."""
        return None

    async def wait(self, expr, what, timeout=None):
        """Polls expr in the page until it is true (up to timeout s)."""
        end = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < end:
            try:
                if await self.js(expr):
                    return
            except Fail:
                pass  # the page is between documents (a reload)
            await asyncio.sleep(0.1)
        state = await self.js("document.body ? document.body.getAttribute('data-screen') + "
                              "': ' + document.body.innerText.replace(/\\s+/g, ' ') : '-'")
        raise Fail("waited %g s for %s; the page shows %s" % (timeout or self.timeout, what,
                                                               state))

    async def screen(self, name, timeout=None):
        await self.wait("document.body.getAttribute('data-screen') === %s" % json.dumps(name),
                        "the %s screen" % name, timeout)

    async def text(self, sel):
        return await self.js("(document.querySelector(%s) || {}).textContent" % json.dumps(sel))

    async def center(self, sel):
        xy = await self.js("(() => { const e = document.querySelector(%s); if (!e) return null;"
                           " const r = e.getBoundingClientRect();"
                           " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
                           % json.dumps(sel))
        if not xy:
            raise Fail("nothing to tap at %s" % sel)
        return xy

    async def tap(self, sel):
        """A finger's tap in the middle of the element (a click where the
        driver has no touch)."""
        x, y = await self.center(sel)
        await self.pointer_tap(x, y)

    async def shot(self, shots, name):
        await asyncio.sleep(0.4)  # transitions and the countdown's first ticks
        path = os.path.join(shots, "phone-%s.png" % name)
        with open(path, "wb") as f:
            f.write(await self.png())
        print("screenshot: %s" % path)

    async def close(self):
        for p in reversed(self.procs):
            stop_process(p)


# ---- Chromium: the DevTools protocol ----

class Chromium(Driver):
    name = "chromium"

    @staticmethod
    def missing():
        if not shutil.which("chromium"):
            return "chromium is not installed (Debian package chromium)"
        return None

    async def launch(self):
        p, err = spawn([shutil.which("chromium"), "--headless=new", "--no-sandbox",
                        "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--no-default-browser-check", "--disable-extensions",
                        "--hide-scrollbars", "--remote-debugging-port=0",
                        "--remote-allow-origins=*",
                        "--user-data-dir=" + os.path.join(self.tmp, "chromium"), "about:blank"],
                       os.path.join(self.tmp, "chromium.err"))
        self.procs.append(p)
        port = int(wait_line(p, err, r"DevTools listening on ws://127\.0\.0\.1:(\d+)/",
                             "chromium").group(1))
        with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port) as r:
            targets = json.load(r)
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = await websockets.connect(page["webSocketDebuggerUrl"], max_size=None)
        self.next = 0
        self.calls = {}
        self.loaded = asyncio.Event()
        self.reader = asyncio.ensure_future(self.read())
        for domain in ("Page", "Runtime", "Log", "Network"):
            await self.call(domain + ".enable")
        await self.set_language("en-US")
        await self.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)

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

    async def open(self, url):
        self.loaded.clear()
        await self.call("Page.navigate", url=url)
        await asyncio.wait_for(self.loaded.wait(), 30)

    async def reload(self):
        self.loaded.clear()
        await self.call("Page.reload")
        await asyncio.wait_for(self.loaded.wait(), 30)

    async def size(self, w, h):
        await self.call("Emulation.setDeviceMetricsOverride", width=w, height=h,
                        deviceScaleFactor=1, mobile=True)

    async def pointer_tap(self, x, y):
        await self.call("Input.dispatchTouchEvent", type="touchStart",
                        touchPoints=[{"x": x, "y": y}])
        await self.call("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])

    async def type_into(self, sel, text):
        await self.tap(sel)
        await self.call("Input.insertText", text=text)

    async def png(self):
        r = await self.call("Page.captureScreenshot", format="png")
        return base64.b64decode(r["data"])

    async def set_language(self, tag):
        """navigator.language and Accept-Language, from the next load on."""
        await self.call("Network.setUserAgentOverride", userAgent=UA,
                        acceptLanguage="%s,%s" % (tag, tag.split("-")[0]))

    async def close(self):
        if getattr(self, "ws", None):
            self.reader.cancel()
            await self.ws.close()
        await super().close()


# ---- Firefox: WebDriver BiDi ----

# Prefs for a test profile that talks to no one but the page: no updates,
# telemetry, studies, remote settings, captive portal or connectivity probes.
FIREFOX_PREFS = {
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "app.shield.optoutstudies.enabled": False,
    "browser.aboutwelcome.enabled": False,
    "browser.newtabpage.enabled": False,
    "browser.region.network.url": "",
    "browser.region.update.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.topsites.contile.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "media.gmp-manager.url": "",
    "messaging-system.rsexperimentloader.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "services.settings.server": "http://127.0.0.1:9/v1",
    "toolkit.telemetry.server": "",
    "toolkit.telemetry.enabled": False,
}


class Firefox(Driver):
    name = "firefox"

    @staticmethod
    def missing():
        if not shutil.which("firefox-esr"):
            return "firefox-esr is not installed (Debian package firefox-esr)"
        return None

    async def launch(self):
        profile = os.path.join(self.tmp, "firefox")
        os.makedirs(profile)
        with open(os.path.join(profile, "user.js"), "w", encoding="utf-8") as f:
            for k, v in FIREFOX_PREFS.items():
                f.write("user_pref(%s, %s);\n" % (json.dumps(k), json.dumps(v)))
        p, err = spawn([shutil.which("firefox-esr"), "--headless", "--no-remote",
                        "--profile", profile, "--remote-debugging-port=0", "about:blank"],
                       os.path.join(self.tmp, "firefox.err"),
                       env=dict(os.environ, MOZ_CRASHREPORTER_DISABLE="1"))
        self.procs.append(p)
        port = int(wait_line(p, err, r"WebDriver BiDi listening on ws://127\.0\.0\.1:(\d+)",
                             "firefox-esr", 60).group(1))
        self.ws = await websockets.connect("ws://127.0.0.1:%d/session" % port, max_size=None)
        self.next = 0
        self.calls = {}
        self.reader = asyncio.ensure_future(self.read())
        await self.call("session.new", capabilities={})
        tree = await self.call("browsingContext.getTree", maxDepth=0)
        self.ctx = tree["contexts"][0]["context"]
        await self.call("session.subscribe", events=["log.entryAdded"])
        await self.set_language("en-US")

    async def read(self):
        async for raw in self.ws:
            m = json.loads(raw)
            if m.get("type") in ("success", "error") and "id" in m:
                fut = self.calls.pop(m["id"], None)
                if fut and not fut.done():
                    fut.set_result(m)
            elif m.get("method") == "log.entryAdded":
                e = m["params"]
                if e.get("level") in ("error", "warn"):
                    where = (e.get("stackTrace") or {}).get("callFrames") or [{}]
                    self.errors.append("%s %s: %s (%s:%s)" % (
                        e.get("type"), e.get("level"), e.get("text"), where[0].get("url", ""),
                        where[0].get("lineNumber", "")))

    async def call(self, method, **params):
        self.next += 1
        fut = asyncio.get_running_loop().create_future()
        self.calls[self.next] = fut
        await self.ws.send(json.dumps({"id": self.next, "method": method, "params": params}))
        m = await asyncio.wait_for(fut, 60)
        if m["type"] == "error":
            raise Fail("%s: %s: %s" % (method, m.get("error"), m.get("message")))
        return m.get("result", {})

    async def js(self, expr):
        # the value crosses as JSON text: BiDi's own serialisation of arrays
        # and objects is typed, JSON.stringify's is what the scenario wants
        r = await self.call("script.evaluate",
                            expression="(async () => JSON.stringify(await (%s)))()" % expr,
                            target={"context": self.ctx}, awaitPromise=True,
                            resultOwnership="none")
        if r.get("type") == "exception":
            raise Fail("evaluating %s: %s" % (expr, r["exceptionDetails"].get("text")))
        v = r.get("result", {})
        return json.loads(v["value"]) if v.get("type") == "string" else None

    async def open(self, url):
        await self.call("browsingContext.navigate", context=self.ctx, url=url, wait="complete")

    async def reload(self):
        await self.call("browsingContext.reload", context=self.ctx, wait="complete")

    async def size(self, w, h):
        await self.call("browsingContext.setViewport", context=self.ctx,
                        viewport={"width": w, "height": h}, devicePixelRatio=1)

    async def pointer_tap(self, x, y):
        await self.call("input.performActions", context=self.ctx, actions=[{
            "type": "pointer", "id": "finger", "parameters": {"pointerType": "touch"},
            "actions": [{"type": "pointerMove", "x": round(x), "y": round(y)},
                        {"type": "pointerDown", "button": 0},
                        {"type": "pointerUp", "button": 0}]}])
        await self.call("input.releaseActions", context=self.ctx)

    async def type_into(self, sel, text):
        await self.tap(sel)
        keys = []
        for ch in text:
            keys += [{"type": "keyDown", "value": ch}, {"type": "keyUp", "value": ch}]
        await self.call("input.performActions", context=self.ctx,
                        actions=[{"type": "key", "id": "keyboard", "actions": keys}])

    async def png(self):
        r = await self.call("browsingContext.captureScreenshot", context=self.ctx)
        return base64.b64decode(r["data"])

    async def set_language(self, tag):
        """navigator.language(s), Intl and Accept-Language, from the next load on."""
        await self.call("emulation.setLocaleOverride", locale=tag, contexts=[self.ctx])

    async def close(self):
        if getattr(self, "ws", None):
            try:
                await asyncio.wait_for(self.call("session.end"), 10)
            except (Fail, asyncio.TimeoutError, websockets.ConnectionClosed):
                pass
            self.reader.cancel()
            await self.ws.close()
        await super().close()


# ---- WebKit: WebKitWebDriver (W3C WebDriver) and WebKitGTK's MiniBrowser ----

# Put into the page after each load: console errors and warnings, uncaught
# exceptions, unhandled rejections, failed loads and CSP violations, kept in
# window.__quizmillErrors for the driver to collect.
WEBKIT_HOOKS = r"""
if (!window.__quizmillErrors) {
  const errs = window.__quizmillErrors = [];
  addEventListener('error', e => errs.push(e.target && e.target !== window
      ? 'failed to load ' + (e.target.src || e.target.href || e.target.tagName)
      : 'exception: ' + e.message + ' (' + e.filename + ':' + e.lineno + ')'), true);
  addEventListener('unhandledrejection', e => errs.push('unhandled rejection: ' + e.reason));
  addEventListener('securitypolicyviolation',
                   e => errs.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
  for (const k of ['error', 'warn', 'assert']) {
    const f = console[k];
    console[k] = function () {
      const a = Array.from(arguments);
      if (k !== 'assert' || !a[0]) errs.push('console.' + k + ': ' + a.join(' '));
      return f.apply(console, arguments);
    };
  }
}
"""


class WebKit(Driver):
    name = "webkit"
    tap_kind = "click"

    @staticmethod
    def missing():
        if not shutil.which("WebKitWebDriver"):
            return "WebKitWebDriver is not installed (Debian package webkit2gtk-driver)"
        if not os.access(MINIBROWSER, os.X_OK):
            return "%s is missing (Debian package libwebkit2gtk-4.1-0)" % MINIBROWSER
        if not os.environ.get("DISPLAY"):
            return "WebKitGTK needs an X display (run under tests/xvfb_run.sh)"
        return None

    def locale(self, tag):
        """An environment whose locale is tag's (ru-RU: ru_RU.UTF-8), compiled
        with localedef into the temporary folder; None when it cannot be."""
        name = tag.replace("-", "_") + ".UTF-8"
        path = os.path.join(self.tmp, "locale")
        if not os.path.isdir(os.path.join(path, name)):
            os.makedirs(path, exist_ok=True)
            r = subprocess.run(["localedef", "-i", tag.replace("-", "_"), "-f", "UTF-8",
                                os.path.join(path, name)], capture_output=True, text=True)
            if r.returncode != 0 and not os.path.isdir(os.path.join(path, name)):
                print("note: localedef %s: %s" % (name, r.stderr.strip()[-200:]))
                return None
        env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
        env.update(LOCPATH=path, LC_ALL=name, LANG=name)
        env.pop("LANGUAGE", None)
        return env

    def req(self, method, path, body=None, timeout=60):
        data = json.dumps(body).encode() if body is not None else None
        r = urllib.request.Request(self.base + path, data=data, method=method,
                                   headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(r, timeout=timeout) as f:
                return json.load(f).get("value")
        except urllib.error.HTTPError as e:
            v = json.load(e).get("value", {})
            raise Fail("webdriver %s %s: %s: %s" % (method, path, v.get("error"),
                                                     v.get("message")))

    def cmd(self, method, path, body=None):
        return self.req(method, "/session/%s%s" % (self.sid, path), body)

    async def launch(self, tag="en-US"):
        env = self.locale(tag) or dict(os.environ)
        port = free_port()
        p, err = spawn(["WebKitWebDriver", "--port=%d" % port],
                       os.path.join(self.tmp, "webkit-%s.err" % tag), env=env)
        self.procs.append(p)
        self.driver = p
        self.base = "http://127.0.0.1:%d" % port
        end = time.monotonic() + 30
        while True:
            try:
                if self.req("GET", "/status", timeout=5).get("ready"):
                    break
            except (OSError, Fail):
                pass
            if p.poll() is not None or time.monotonic() > end:
                err.seek(0)
                raise Fail("WebKitWebDriver did not start: %s" % err.read()[-500:])
            time.sleep(0.2)
        s = self.req("POST", "/session", {"capabilities": {"alwaysMatch": {
            "webkitgtk:browserOptions": {"binary": MINIBROWSER,
                                         "args": ["--automation", "--full-screen"]}}}})
        self.sid = s["sessionId"]
        self.cmd("POST", "/timeouts", {"pageLoad": 30000, "script": 30000})

    def hook(self):
        self.cmd("POST", "/execute/sync", {"script": WEBKIT_HOOKS, "args": []})

    def collect(self):
        try:
            got = self.cmd("POST", "/execute/sync", {
                "script": "return window.__quizmillErrors ? "
                          "window.__quizmillErrors.splice(0) : []", "args": []})
            self.errors += got or []
        except Fail as e:
            self.errors.append("collecting the page's errors: %s" % e)

    async def js(self, expr):
        r = self.cmd("POST", "/execute/async", {
            "script": "const done = arguments[0]; Promise.resolve().then(() => (%s))"
                      ".then(v => done({v: v}), e => done({e: String(e)}));" % expr,
            "args": []})
        if not isinstance(r, dict) or "e" in r:
            raise Fail("evaluating %s: %s" % (expr, r and r.get("e")))
        return r.get("v")

    async def open(self, url):
        self.cmd("POST", "/url", {"url": url})
        self.hook()

    async def reload(self):
        self.collect()
        self.cmd("POST", "/refresh", {})
        self.hook()

    async def size(self, w, h):
        self.cmd("POST", "/window/rect", {"width": w, "height": h})
        got = await self.js("[innerWidth, innerHeight]")
        if got != [w, h]:
            raise Fail("the viewport is %s after asking for %dx%d" % (got, w, h))

    async def pointer_tap(self, x, y):
        # WebKitGTK's WebDriver turns a touch pointer into a mouse: a click
        self.cmd("POST", "/actions", {"actions": [{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "x": round(x), "y": round(y),
                         "origin": "viewport"},
                        {"type": "pointerDown", "button": 0},
                        {"type": "pointerUp", "button": 0}]}]})
        self.cmd("DELETE", "/actions")

    async def type_into(self, sel, text):
        await self.tap(sel)
        el = self.cmd("POST", "/element", {"using": "css selector", "value": sel})
        eid = next(iter(el.values()))
        self.cmd("POST", "/element/%s/value" % eid, {"text": text})

    async def png(self):
        return base64.b64decode(self.cmd("GET", "/screenshot"))

    async def set_language(self, tag):
        """A new MiniBrowser in tag's locale, the page's localStorage (the
        seat) copied over; the caller reloads."""
        if not self.locale(tag):
            return "no %s locale for WebKitGTK (localedef failed)" % tag
        self.collect()
        url = await self.js("location.href")
        w, h = await self.js("[innerWidth, innerHeight]")
        kept = await self.js("Object.fromEntries(Object.keys(localStorage)"
                             ".map(k => [k, localStorage.getItem(k)]))")
        await self.end_session()
        await self.launch(tag)
        await self.size(w, h)
        self.cmd("POST", "/url", {"url": url})
        self.cmd("POST", "/execute/sync", {
            "script": "localStorage.clear(); const kept = arguments[0];"
                      " for (const k in kept) localStorage.setItem(k, kept[k]);",
            "args": [kept]})
        print("note: webkit: %s is a second MiniBrowser started in that locale, the seat's "
              "localStorage copied over (WebKitGTK takes the language from its process)" % tag)
        return None

    async def end_session(self):
        try:
            self.req("DELETE", "/session/%s" % self.sid, timeout=15)
        except (OSError, Fail):
            pass
        stop_process(self.driver)

    async def close(self):
        if getattr(self, "sid", None):
            self.collect()
            await self.end_session()
        await super().close()


DRIVERS = {d.name: d for d in (Chromium, Firefox, WebKit)}


async def play(args, br, port, pin, host):
    """The scenario: one student's whole game, the same in every browser."""
    shots = args.shots
    await br.size(*PHONE)
    url = "http://127.0.0.1:%d/" % port

    # join
    await br.open(url)
    await br.screen("join")
    # a wrong PIN first: refused with the page's own words
    await br.type_into("#pin", "111111" if pin != "111111" else "222222")
    await br.type_into("#name", NAME)
    await br.tap("#join-button")
    await br.wait("document.querySelector('#join-error').textContent === "
                  "'Wrong PIN. Check the big screen.'", "the wrong PIN's message")
    await br.shot(shots, "join-wrong-pin")
    await br.js("(document.querySelector('#pin').value = '', "
                "document.querySelector('#name').value = '')")
    await br.type_into("#pin", pin)
    await br.type_into("#name", NAME)
    got = await br.js("[document.querySelector('#pin').value, "
                      "document.querySelector('#name').value]")
    if got != [pin, NAME]:
        raise Fail("typed %s, the fields hold %s" % ([pin, NAME], got))
    await br.shot(shots, "join")
    await br.tap("#join-button")

    # the lobby
    await br.screen("lobby")
    lobby = await br.js("document.querySelector('#s-lobby').innerText")
    if "You're in!" not in lobby or not re.search(r"\b1 player\b", lobby) or NAME not in lobby:
        raise Fail("the lobby says %r" % lobby)
    token = await br.js("localStorage.getItem('quizmill.token')")
    if not token or not re.fullmatch(r"[0-9a-f]{32}", token):
        raise Fail("no resume token in localStorage after joining: %r" % token)
    await br.shot(shots, "lobby")
    host("start")

    # question 1: tap A twice and B once, quickly: one answer
    await br.screen("question", args.timeout + 20)
    n = await br.js("document.querySelectorAll('#tiles .tile').length")
    if n not in (3, 4):
        raise Fail("question 1 has %r tiles" % n)
    await check_layout(br, "question 1")
    await br.shot(shots, "question")
    await br.size(*TABLET)
    await check_layout(br, "question 1 at 768x1024")
    await br.shot(shots, "question-768x1024")
    await br.size(*PHONE)
    await br.tap("#tiles .tile:nth-child(1)")
    await br.tap("#tiles .tile:nth-child(1)")
    await br.tap("#tiles .tile:nth-child(2)")
    await br.wait("document.querySelector('#a-title').textContent === 'Answer in'",
                  "'Answer in' after the %s" % br.tap_kind)
    # the second tap lands on the answered screen: a double click there must
    # not select a word (it did in WebKit, "Quizmill" in the bar)
    picked = await br.js("String(getSelection())")
    if picked:
        raise Fail("the double %s selected the text %r" % (br.tap_kind, picked))
    await br.shot(shots, "answered")
    await br.screen("reveal", args.timeout + 30)
    verdict = await br.text("#r-verdict")
    score1 = int(await br.text("#r-score"))
    print("question 1: %s, score %d, %s" % (verdict, score1, await br.text("#r-rank")))
    await br.shot(shots, "reveal")
    host("advance")

    # question 2: reload before answering; the same seat comes back
    await br.wait("document.body.getAttribute('data-screen') === 'question' && "
                  "/ 2 /.test(document.querySelector('#q-num').textContent)",
                  "question 2", args.timeout + 20)
    await br.reload()
    await br.wait("document.body.getAttribute('data-screen') === 'question' && "
                  "/ 2 /.test(document.querySelector('#q-num').textContent)",
                  "question 2 again after the reload")
    after = await br.js("[localStorage.getItem('quizmill.token'), "
                        "document.querySelector('#me').textContent]")
    if after != [token, NAME]:
        raise Fail("after the reload: token and name %s, expected %s" % (after, [token, NAME]))
    if str(score1) not in (await br.text("#bar-score") or ""):
        raise Fail("after the reload the bar shows %r, not the score %d"
                   % (await br.text("#bar-score"), score1))
    await br.tap("#tiles .tile:nth-child(2)")
    await br.screen("reveal", args.timeout + 30)
    score2 = int(await br.text("#r-score"))
    rank = await br.text("#r-rank")
    print("question 2 after a reload: %s, score %d, %s" % (await br.text("#r-verdict"),
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
        await br.wait("['question', 'end'].includes(document.body.getAttribute('data-screen'))",
                      "the next question or the end", args.timeout + 20)
        if await br.js("document.body.getAttribute('data-screen')") == "end":
            break
        qn = await br.text("#q-num")
        n = await br.js("document.querySelectorAll('#tiles .tile').length")
        if n == 3:
            await check_layout(br, qn)
            await br.shot(shots, "question-3")
        # three tiles: C (the mock's right one); four: A (the mock's wrong one)
        await br.tap("#tiles .tile:nth-child(%d)" % (3 if n == 3 else 1))
        await br.wait("document.querySelector('#a-title').textContent === 'Answer in' || "
                      "document.body.getAttribute('data-screen') === 'reveal'",
                      "'Answer in' (or the reveal) after the %s" % br.tap_kind,
                      args.timeout + 10)
        await br.screen("reveal", args.timeout + 30)
        last = int(await br.text("#r-score"))
        verdict = await br.text("#r-verdict")
        print("%s: %s, score %d" % (qn, verdict, last))
        if args.mock and qn.startswith("Question 3 ") and verdict != "Right!":
            raise Fail("%s: the answer sent again after the dropped socket was not "
                       "counted: %r" % (qn, verdict))
        if verdict == "Wrong":
            await br.shot(shots, "reveal-wrong")
        host("advance")

    # the end
    await br.screen("end")
    end_score = int(await br.text("#e-score"))
    end_rank = await br.text("#e-rank")
    print("end: score %d, %s" % (end_score, end_rank))
    if end_score != last or end_rank != "Rank 1 of 1":
        raise Fail("the end says %d, %r; the last reveal said %d" % (end_score, end_rank, last))
    await br.shot(shots, "end")

    # the same seat in Russian (the page picks its words by navigator.language)
    note = await br.set_language("ru-RU")
    if note:
        print("note: %s: no Russian screenshot: %s" % (br.name, note))
    else:
        await br.reload()
        await br.screen("end")
        ru = await br.js("document.querySelector('#s-end').innerText")
        if "Игра окончена" not in ru or "Место 1 из 1" not in ru:
            raise Fail("the end in Russian says %r" % ru)
        await br.shot(shots, "end-ru")

    await asyncio.sleep(0.5)
    if br.name == "webkit":
        br.collect()
    if br.errors:
        raise Fail("the console:\n  " + "\n  ".join(br.errors))


async def check_layout(br, what):
    """The tiles fill the screen below the countdown, none cut off or
    overlapping, each at least 120 px each way at 360x640; nothing wider
    than the viewport (no sideways scroll)."""
    got = await br.js("""(() => {
        const tiles = Array.from(document.querySelectorAll('#tiles .tile'))
            .map(t => t.getBoundingClientRect())
            .map(r => [Math.round(r.left), Math.round(r.top), Math.round(r.right),
                       Math.round(r.bottom)]);
        return {tiles: tiles, w: innerWidth, h: innerHeight,
                sw: document.documentElement.scrollWidth};
    })()""")
    w, h = got["w"], got["h"]
    if got["sw"] > w:
        raise Fail("%s: the page is %d px wide in a %d px viewport" % (what, got["sw"], w))
    small = min(w, h) / 3
    for i, (l, t, r, b) in enumerate(got["tiles"]):
        if l < 0 or t < 0 or r > w or b > h:
            raise Fail("%s: tile %d at %s is cut off by the %dx%d viewport"
                       % (what, i + 1, [l, t, r, b], w, h))
        if r - l < small or b - t < small:
            raise Fail("%s: tile %d is %dx%d, small for a %dx%d screen"
                       % (what, i + 1, r - l, b - t, w, h))
        for j, (l2, t2, r2, b2) in enumerate(got["tiles"][:i]):
            if l < r2 and l2 < r and t < b2 and t2 < b:
                raise Fail("%s: tiles %d and %d overlap" % (what, j + 1, i + 1))


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
    m = wait_line(srv, srv_err, r"(?m)^trace: network listening (\d+) pin (\d{6})$",
                  "the server")
    port, pin = int(m.group(1)), m.group(2)
    print("server: port %d, pin %s" % (port, pin))
    return port, pin


async def run(args, port, pin, host, tmp):
    br = DRIVERS[args.browser](tmp, args.timeout)
    try:
        await br.launch()
        await play(args, br, port, pin, host)
    finally:
        await br.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--browser", choices=sorted(DRIVERS), default="chromium")
    ap.add_argument("--server")
    ap.add_argument("--game", help="the quizmill program, played headless instead of --server")
    ap.add_argument("--source", help="the source folder (with --game)")
    ap.add_argument("--shots", required=True)
    ap.add_argument("--start")
    ap.add_argument("--advance")
    ap.add_argument("--mock", action="store_true")
    ap.add_argument("--timeout", type=float, default=10)
    args = ap.parse_args()
    why = DRIVERS[args.browser].missing()
    if why:
        print("SKIP: %s" % why)
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
    t0 = time.monotonic()
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
            def host(what):
                # the host goes on from what the big screen shows: Enter
                # before it has drawn the reveal (the phone can see it up to
                # 50 ms sooner) means "reveal now", which is then done
                if what == "advance":
                    game.wait_line(r"trace: crowd reveal \d+", timeout=30)
                game.key("Return")  # start, next question
        else:
            port, pin = start_server(args, port, log, procs)

            def host(what):
                cmd = args.start if what == "start" else args.advance
                if cmd:
                    subprocess.run(cmd, shell=True, check=True)

        print("browser: %s" % args.browser)
        asyncio.run(run(args, port, pin, host, tmp))
        if args.mock:
            check_mock_log(log)
        print("%s: the whole game in %.1f s" % (args.browser, time.monotonic() - t0))
        print("1 passed, 0 failed")
        rc = 0
    except (Fail, AssertionError, subprocess.CalledProcessError, asyncio.TimeoutError) as e:
        print("FAIL: %s: %s" % (args.browser, e or type(e).__name__), file=sys.stderr)
        if args.game and "game" in locals():
            print("the game's last lines:\n  " + "\n  ".join(game.log[-15:]), file=sys.stderr)
    finally:
        for f in stop:
            f()
        for p in reversed(procs):
            stop_process(p)
        shutil.rmtree(tmp, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
