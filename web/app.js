/* app.js - the phone page of Quizmill's phones mode (issue 17).
 *
 * Start reading at start(), at the bottom. The page is a small state
 * machine over one WebSocket to the game (ws://HOST:PORT/ws, subprotocol
 * "quizmill", one JSON object a text frame; the protocol is in the README,
 * "Phones: the protocol"). It shows one screen at a time: join, connecting,
 * lobby, question, answered, reveal, end, message (refused, removed, ...),
 * with a "Reconnecting..." strip over it while the socket is down.
 *
 * Never lose a player: the resume token the game gives on joining is kept
 * in localStorage, so a reload, a locked phone or a lost Wi-Fi comes back to
 * the same seat (the socket reconnects with a growing delay and resumes).
 * A tap locks the tiles at once, so a double tap cannot answer twice; the
 * answer is kept (with its id) until the game acknowledges it and is sent
 * again when the socket comes back before the ack.
 *
 * Every text from the game (names, prompts, choices) is set with
 * textContent, never parsed as HTML. Every word of the page is in WORDS. */
(function () {
    "use strict";

    /* ---- the words: one table per language, chosen by navigator.language ---- */

    function plural_en(n, one, many) {
        return n === 1 ? one : many;
    }
    /* Russian plurals: 1 игрок, 2 игрока, 5 игроков, 21 игрок. */
    function plural_ru(n, one, few, many) {
        var m10 = n % 10, m100 = n % 100;
        if (m10 === 1 && m100 !== 11) return one;
        if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
        return many;
    }

    var WORDS = {
        en: {
            join_title: "Join the game",
            pin_label: "Game PIN",
            name_label: "Your name",
            join: "Join",
            joining: "Joining…",
            connecting: "Connecting…",
            in: "You're in!",
            players: function (n) { return n + " " + plural_en(n, "player", "players"); },
            look_up: "Watch the big screen: the game starts soon.",
            question_of: function (q, of) { return "Question " + q + " of " + of; },
            seconds: function (s) { return s + " s"; },
            sending: "Sending your answer…",
            answer_in: "Answer in",
            waiting: "Waiting for the others",
            time_up: "Time is up",
            right: "Right!",
            wrong: "Wrong",
            no_answer: "No answer",
            points: function (p) { return "+" + p + " " + plural_en(p, "point", "points"); },
            score: "Score",
            rank: function (r, n) { return "Rank " + r + " of " + n; },
            right_answer: "Right answer:",
            end_title: "Game over",
            thanks: "Thanks for playing!",
            reconnecting: "Reconnecting…",
            refused: "Answer not counted",
            refused_late: "Too late: the time was up.",
            refused_duplicate: "You have already answered this question.",
            refused_not_playing: "No question is open right now.",
            removed_title: "Removed",
            removed: "The host removed you from the game.",
            try_again: "Try again",
            join_again: "Join again",
            err_pin: "Wrong PIN. Check the big screen.",
            err_pin_format: "The PIN is 6 digits.",
            err_name: "Type a name of 1 to 24 characters.",
            err_full: "The game is full.",
            err_banned: "The host removed you from this game.",
            err_token: "Your seat has expired. Join again.",
            err_rate: "Too many tries. Wait a moment and try again.",
            err_late: "Too late to join this game.",
            err_closed: "The game is closed.",
            err_other: "Something went wrong. Try again.",
            err_unreachable: "Cannot reach the game. Is this phone on the same network?"
        },
        ru: {
            join_title: "Вход в игру",
            pin_label: "PIN игры",
            name_label: "Ваше имя",
            join: "Войти",
            joining: "Входим…",
            connecting: "Подключение…",
            in: "Вы в игре!",
            players: function (n) { return n + " " + plural_ru(n, "игрок", "игрока", "игроков"); },
            look_up: "Смотрите на большой экран: игра скоро начнётся.",
            question_of: function (q, of) { return "Вопрос " + q + " из " + of; },
            seconds: function (s) { return s + " с"; },
            sending: "Ответ отправляется…",
            answer_in: "Ответ принят",
            waiting: "Ждём остальных",
            time_up: "Время вышло",
            right: "Верно!",
            wrong: "Неверно",
            no_answer: "Нет ответа",
            points: function (p) { return "+" + p + " " + plural_ru(p, "очко", "очка", "очков"); },
            score: "Счёт",
            rank: function (r, n) { return "Место " + r + " из " + n; },
            right_answer: "Правильный ответ:",
            end_title: "Игра окончена",
            thanks: "Спасибо за игру!",
            reconnecting: "Переподключение…",
            refused: "Ответ не засчитан",
            refused_late: "Поздно: время вышло.",
            refused_duplicate: "Вы уже ответили на этот вопрос.",
            refused_not_playing: "Сейчас нет открытого вопроса.",
            removed_title: "Удалён",
            removed: "Ведущий удалил вас из игры.",
            try_again: "Попробовать снова",
            join_again: "Войти снова",
            err_pin: "Неверный PIN. Посмотрите на большой экран.",
            err_pin_format: "PIN состоит из 6 цифр.",
            err_name: "Введите имя от 1 до 24 символов.",
            err_full: "В игре нет мест.",
            err_banned: "Ведущий удалил вас из этой игры.",
            err_token: "Ваше место больше не действует. Войдите снова.",
            err_rate: "Слишком много попыток. Подождите немного.",
            err_late: "Войти в эту игру уже поздно.",
            err_closed: "Игра закрыта.",
            err_other: "Что-то пошло не так. Попробуйте снова.",
            err_unreachable: "Игра недоступна. Телефон в той же сети?"
        }
    };

    function pick_language() {
        var langs = navigator.languages && navigator.languages.length ? navigator.languages
                                                                        : [navigator.language || "en"];
        for (var i = 0; i < langs.length; i++) {
            var code = String(langs[i]).toLowerCase().split("-")[0];
            if (WORDS[code]) return code;
        }
        return "en";
    }
    var LANG = pick_language();
    var W = WORDS[LANG];

    /* ---- the choices: the game's dark theme (game/ui/ui.c ui_theme_of) ---- */

    var CHOICES = [
        {letter: "A", colour: "#56b4e9", shape: "circle"},
        {letter: "B", colour: "#e69f00", shape: "square"},
        {letter: "C", colour: "#2ec4a0", shape: "triangle"},
        {letter: "D", colour: "#e08ac0", shape: "diamond"},
        {letter: "E", colour: "#d8d8d8", shape: "star"}
    ];
    var SVG = "http://www.w3.org/2000/svg";
    var SHAPES = {
        triangle: "50,6 96,92 4,92",
        diamond: "50,2 98,50 50,98 2,50",
        star: "50,4 61,38 97,38 68,59 79,94 50,73 21,94 32,59 3,38 39,38"
    };

    /* A choice's badge: its shape in the badge colour with its letter in the
     * choice's colour, as the big screen draws it. */
    function badge(index) {
        var c = CHOICES[index];
        var svg = document.createElementNS(SVG, "svg");
        svg.setAttribute("viewBox", "0 0 100 100");
        svg.setAttribute("class", "badge");
        svg.setAttribute("aria-hidden", "true");
        var s;
        if (c.shape === "circle") {
            s = document.createElementNS(SVG, "circle");
            s.setAttribute("cx", "50");
            s.setAttribute("cy", "50");
            s.setAttribute("r", "46");
        } else if (c.shape === "square") {
            s = document.createElementNS(SVG, "rect");
            s.setAttribute("x", "8");
            s.setAttribute("y", "8");
            s.setAttribute("width", "84");
            s.setAttribute("height", "84");
        } else {
            s = document.createElementNS(SVG, "polygon");
            s.setAttribute("points", SHAPES[c.shape]);
        }
        s.setAttribute("class", "shape");
        svg.appendChild(s);
        var t = document.createElementNS(SVG, "text");
        t.setAttribute("x", "50");
        t.setAttribute("y", c.shape === "triangle" ? "72" : "52");
        t.setAttribute("text-anchor", "middle");
        t.setAttribute("dominant-baseline", "central");
        t.setAttribute("fill", c.colour);
        t.setAttribute("class", "letter");
        t.textContent = c.letter;
        svg.appendChild(t);
        return svg;
    }

    /* A badge on its choice's colour, for the answered and reveal screens. */
    function chip(index) {
        var el = document.createElement("span");
        el.className = "chip";
        el.style.backgroundColor = CHOICES[index].colour;
        el.appendChild(badge(index));
        return el;
    }

    /* ---- small helpers ---- */

    function $(id) {
        return document.getElementById(id);
    }
    function set_text(id, text) {
        $(id).textContent = text;
    }
    function is_int(v, lo, hi) {
        return typeof v === "number" && Math.floor(v) === v && v >= lo && v <= hi;
    }
    function str(v) {
        return typeof v === "string" ? v : "";
    }
    var store = {
        get: function (k) {
            try { return window.localStorage.getItem("quizmill." + k); } catch (e) { return null; }
        },
        set: function (k, v) {
            try {
                if (v === null) window.localStorage.removeItem("quizmill." + k);
                else window.localStorage.setItem("quizmill." + k, v);
            } catch (e) { /* private mode: the seat lasts as long as the page */ }
        }
    };

    /* The name as the game takes it: control characters removed, trimmed,
     * composed (NFC), at most 24 characters (code points). */
    function clean_name(s) {
        s = String(s).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "");
        if (s.normalize) s = s.normalize("NFC");
        s = s.trim();
        return Array.from(s).slice(0, 24).join("");
    }

    /* ---- state ---- */

    var ws = null;             /* the socket, open or opening; null when down */
    var ws_up = false;         /* open */
    var token = null;          /* the resume token (32 hex), kept in localStorage */
    var join_req = null;       /* {pin, name} to send once the socket is open */
    var removed = false;       /* the host removed us: no reconnecting until asked */
    var retry_timer = 0, retry_n = 0;
    var ping_timer = 0;
    var phase = "join";        /* the screen shown */
    var question = null;       /* the open question's message */
    var pending = null;        /* {q, c, id, acked}: our answer to question.q */
    var tick_timer = 0;
    var deadline = 0;          /* Date.now() when the open question's time is up */
    var score = null;

    var TOKEN_RE = /^[0-9a-fA-F]{32}$/;

    function save_pending() {
        store.set("pending", pending ? JSON.stringify(pending) : null);
    }
    function load_pending() {
        try {
            var p = JSON.parse(store.get("pending") || "null");
            if (p && is_int(p.q, 1, 1e6) && is_int(p.c, 0, 4) && is_int(p.id, 1, 1e9))
                return {q: p.q, c: p.c, id: p.id, acked: !!p.acked};
        } catch (e) { /* a bad entry is dropped */ }
        return null;
    }
    function next_id() {
        var n = parseInt(store.get("id") || "0", 10);
        n = (isFinite(n) && n > 0 && n < 1e9 ? n : 0) + 1;
        store.set("id", String(n));
        return n;
    }

    /* ---- screens ---- */

    function show(name) {
        phase = name;
        var screens = document.querySelectorAll(".screen");
        for (var i = 0; i < screens.length; i++) screens[i].hidden = screens[i].id !== "s-" + name;
        document.body.setAttribute("data-screen", name);
        if (name !== "question") stop_tick();
    }

    function show_me(name) {
        set_text("me", name || "");
    }
    /* The score in the bar, kept with the seat so a reload shows it at once. */
    function show_score(s) {
        score = is_int(s, -1e9, 1e9) ? s : null;
        store.set("score", score === null ? null : String(score));
        set_text("bar-score", score === null ? "" : W.score + " " + score);
    }

    function show_join(error) {
        join_req = null;
        show("join");
        set_text("join-error", error || "");
        var b = $("join-button");
        b.disabled = false;
        b.textContent = W.join;
        var pin = $("pin");
        if (!pin.value) pin.focus();
    }

    function show_message(title, text, button, action) {
        show("message");
        set_text("m-title", title);
        set_text("m-text", text);
        var b = $("m-button");
        b.hidden = !button;
        b.textContent = button || "";
        b.onclick = action || null;
    }

    function show_lobby(m) {
        show("lobby");
        set_text("lobby-name", store.get("name") || "");
        set_text("lobby-players", is_int(m.players, 0, 1e6) ? W.players(m.players) : "");
    }

    function stop_tick() {
        if (tick_timer) clearInterval(tick_timer);
        tick_timer = 0;
    }

    function tick() {
        var left = Math.max(0, deadline - Date.now());
        set_text("q-secs", W.seconds(Math.ceil(left / 1000)));
        if (left <= 0) {
            stop_tick();
            if (phase === "question") lock_tiles(W.time_up);
        }
    }

    function lock_tiles(note) {
        var tiles = $("tiles").children;
        for (var i = 0; i < tiles.length; i++) tiles[i].disabled = true;
        if (note) set_text("q-secs", note);
    }

    function show_question(m) {
        question = m;
        show("question");
        set_text("q-num", W.question_of(m.q, m.of));
        var prompt = $("q-prompt");
        prompt.hidden = typeof m.prompt !== "string" || !m.prompt;
        prompt.textContent = str(m.prompt);

        var tiles = $("tiles");
        while (tiles.firstChild) tiles.removeChild(tiles.firstChild);
        tiles.className = "tiles n" + m.n + (Array.isArray(m.choices) ? " with-text" : "");
        for (var i = 0; i < m.n; i++) {
            var b = document.createElement("button");
            b.type = "button";
            b.className = "tile";
            b.style.backgroundColor = CHOICES[i].colour;
            b.setAttribute("data-c", String(i));
            b.appendChild(badge(i));
            var label = Array.isArray(m.choices) ? str(m.choices[i]) : "";
            b.setAttribute("aria-label", CHOICES[i].letter + (label ? ": " + label : ""));
            if (label) {
                var t = document.createElement("span");
                t.className = "tile-text";
                t.textContent = label;
                b.appendChild(t);
            }
            b.addEventListener("click", on_tap);
            tiles.appendChild(b);
        }

        /* the countdown: the bar empties over the time left */
        var limit = is_int(m.limit_ms, 1, 36e5) ? m.limit_ms : 0;
        var left = is_int(m.ms_left, 0, 36e5) ? m.ms_left : 0;
        deadline = Date.now() + left;
        var bar = $("q-bar");
        bar.style.transition = "none";
        bar.style.transform = "scaleX(" + (limit ? Math.min(1, left / limit) : 0) + ")";
        void bar.offsetWidth; /* start the transition from here */
        bar.style.transition = "transform " + left + "ms linear";
        bar.style.transform = "scaleX(0)";
        stop_tick();
        if (limit) {
            tick_timer = setInterval(tick, 250);
            tick();
        } else {
            set_text("q-secs", "");
        }
    }

    function show_answered() {
        show("answered");
        var box = $("a-badge");
        while (box.firstChild) box.removeChild(box.firstChild);
        box.appendChild(chip(pending.c));
        var label = question && Array.isArray(question.choices) ? str(question.choices[pending.c]) : "";
        set_text("a-text", label);
        set_text("a-title", pending.acked ? W.answer_in : W.sending);
        set_text("a-note", pending.acked ? W.waiting : "");
    }

    function show_reveal(m) {
        show("reveal");
        /* you: null, or with "c": null, when we did not answer */
        var you = m.you && typeof m.you === "object" ? m.you : null;
        var answered = you && is_int(you.c, 0, CHOICES.length - 1);
        var right = answered && you.correct === true;
        var verdict = $("r-verdict");
        verdict.className = "verdict " + (answered ? (right ? "good" : "bad") : "none");
        verdict.textContent = answered ? (right ? W.right : W.wrong) : W.no_answer;
        var pts = answered && is_int(you.points, 0, 1e9) ? you.points : 0;
        set_text("r-points", right ? W.points(pts) : "");
        var s = you && is_int(you.score, -1e9, 1e9) ? you.score : score;
        set_text("r-score", is_int(s, -1e9, 1e9) ? String(s) : "");
        show_score(s);
        set_text("r-rank", you && is_int(you.rank, 1, 1e6) && is_int(you.of, 1, 1e6)
                               ? W.rank(you.rank, you.of) : "");
        var box = $("r-right");
        while (box.firstChild) box.removeChild(box.firstChild);
        if (is_int(m.right, 0, CHOICES.length - 1)) {
            box.appendChild(chip(m.right));
            var label = question && question.q === m.q && Array.isArray(question.choices)
                            ? str(question.choices[m.right]) : "";
            if (label) {
                var t = document.createElement("span");
                t.textContent = label;
                box.appendChild(t);
            }
        }
    }

    function show_end(m) {
        show("end");
        var s = is_int(m.score, -1e9, 1e9) ? m.score : score;
        set_text("e-score", is_int(s, -1e9, 1e9) ? String(s) : "");
        show_score(s);
        set_text("e-rank", is_int(m.rank, 1, 1e6) && is_int(m.of, 1, 1e6) ? W.rank(m.rank, m.of) : "");
    }

    /* ---- answering ---- */

    function on_tap(ev) {
        if (phase !== "question" || !question || pending) return;
        var c = parseInt(ev.currentTarget.getAttribute("data-c"), 10);
        lock_tiles(null); /* at once: a second tap finds the tiles disabled */
        pending = {q: question.q, c: c, id: next_id(), acked: false};
        save_pending();
        send_answer();
        show_answered();
    }

    function send_answer() {
        if (pending && !pending.acked)
            send({t: "answer", q: pending.q, c: pending.c, id: pending.id});
    }

    /* ---- the socket ---- */

    function ws_url() {
        return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    }

    function send(obj) {
        if (ws && ws_up) ws.send(JSON.stringify(obj));
    }

    /* We keep a connection while we hold a seat or are joining. */
    function wanted() {
        return !removed && (token !== null || join_req !== null);
    }

    function connect() {
        if (ws) return;
        clearTimeout(retry_timer);
        retry_timer = 0;
        var sock;
        try {
            sock = new WebSocket(ws_url(), "quizmill");
        } catch (e) {
            lost();
            return;
        }
        ws = sock;
        sock.onopen = function () {
            if (sock !== ws) return;
            ws_up = true;
            if (token) send({t: "resume", token: token});
            else if (join_req) send({t: "join", pin: join_req.pin, name: join_req.name});
            clearInterval(ping_timer);
            ping_timer = setInterval(function () { send({t: "ping"}); }, 20000);
        };
        sock.onmessage = function (ev) {
            if (sock !== ws || typeof ev.data !== "string") return;
            var m;
            try { m = JSON.parse(ev.data); } catch (e) { return; }
            if (m && typeof m === "object" && typeof m.t === "string") {
                retry_n = 0; /* the game talks to us: the next loss starts over */
                $("reconnecting").hidden = true;
                handle(m);
            }
        };
        sock.onclose = function () {
            if (sock !== ws) return;
            ws = null;
            ws_up = false;
            clearInterval(ping_timer);
            lost();
        };
        sock.onerror = function () { /* onclose follows */ };
    }

    /* The socket is down: try again after 0.5, 1, 2, 4, 8, 8... s (with a
     * little jitter, so a room of phones does not come back in step). */
    function lost() {
        if (!wanted()) {
            $("reconnecting").hidden = true;
            if (phase === "join" || phase === "connecting") {
                if (phase === "connecting") show_join(W.err_unreachable);
            }
            return;
        }
        if (phase === "join" && join_req && retry_n >= 2) {
            show_join(W.err_unreachable); /* never joined: say so rather than spin */
            return;
        }
        $("reconnecting").hidden = false;
        var delay = Math.min(8000, 500 * Math.pow(2, retry_n)) + Math.floor(Math.random() * 400);
        retry_n++;
        clearTimeout(retry_timer);
        retry_timer = setTimeout(connect, delay);
    }

    /* Back now rather than at the next retry: the phone woke up or its
     * network came back. */
    function wake() {
        if (!ws && wanted()) connect();
        else if (ws_up) send({t: "ping"});
    }

    /* ---- the game's messages ---- */

    function handle(m) {
        switch (m.t) {
        case "welcome": on_welcome(m); break;
        case "error": on_error(m); break;
        case "lobby": question = null; show_lobby(m); break;
        case "question": on_question(m, null); break;
        case "ack": on_ack(m); break;
        case "refused": on_refused(m); break;
        case "reveal": on_reveal(m); break;
        case "end": on_end(m); break;
        case "state": on_state(m); break;
        case "removed": on_removed(); break;
        default: break; /* pong and whatever a newer game sends */
        }
    }

    function on_welcome(m) {
        if (typeof m.token === "string" && TOKEN_RE.test(m.token)) {
            if (m.token !== token) show_score(null); /* a new seat */
            token = m.token;
            store.set("token", token);
        }
        if (typeof m.name === "string") {
            store.set("name", m.name);
            show_me(m.name);
        }
        join_req = null;
        /* a phase message (lobby, question, state...) follows */
    }

    function on_error(m) {
        var code = str(m.code);
        var text = W["err_" + code] || str(m.msg) || W.err_other;
        if (code === "token") {
            token = null;
            store.set("token", null);
            pending = null;
            save_pending();
            show_me("");
            show_score(null);
        }
        if (code === "banned") {
            on_removed();
            return;
        }
        if (phase === "join" || phase === "connecting" || code === "token" || !token) {
            show_join(text); /* the socket stays: the next try goes over it */
            return;
        }
        if (code === "closed") show_message(W.err_closed, "", null, null);
        /* rate and others mid-game: nothing to show, the game goes on */
    }

    /* The question, or (in a resume's state) the question with our answer
     * already counted: ack {q, c, id} or c alone. */
    function on_question(m, ack) {
        if (!is_int(m.q, 1, 1e6) || !is_int(m.n, 2, CHOICES.length)) return;
        if (!is_int(m.of, m.q, 1e6)) m.of = m.q;
        if (pending && pending.q !== m.q) {
            pending = null;
            save_pending();
        }
        if (ack && is_int(ack.c, 0, m.n - 1)) {
            pending = {q: m.q, c: ack.c, id: is_int(ack.id, 1, 1e9) ? ack.id : 0, acked: true};
            save_pending();
        }
        question = m;
        if (pending) {
            show_answered();
            send_answer(); /* sent again: the socket went down before the ack */
        } else {
            show_question(m);
        }
    }

    function on_ack(m) {
        if (!is_int(m.q, 1, 1e6) || !is_int(m.c, 0, CHOICES.length - 1)) return;
        if (!pending || pending.q !== m.q) {
            if (!question || question.q !== m.q) return;
            pending = {q: m.q, c: m.c, id: is_int(m.id, 1, 1e9) ? m.id : 0, acked: true};
        }
        pending.acked = true;
        pending.c = m.c; /* the one the game counted */
        save_pending();
        if (phase === "answered" || phase === "question") show_answered();
    }

    function on_refused(m) {
        var code = str(m.code);
        if (pending && m.q === pending.q && code === "duplicate") {
            /* the game holds an answer of ours already */
            pending.acked = true;
            save_pending();
            if (phase === "answered") show_answered();
            return;
        }
        if (pending && m.q === pending.q) {
            pending = null;
            save_pending();
        }
        show_message(W.refused, W["refused_" + code] || W.err_other, null, null);
    }

    function on_reveal(m) {
        pending = null;
        save_pending();
        show_reveal(m);
    }

    function on_end(m) {
        pending = null;
        save_pending();
        question = null;
        show_end(m);
    }

    /* A resume's state: the current phase as one of the other messages.
     * Taken in the forms {"t":"state","phase":"question",...fields},
     * {"t":"state","state":{"t":"question",...}} (or "msg"), with our own
     * answer as "ack" ({"q","c","id"}) beside or inside it. */
    function on_state(m) {
        var inner = null;
        if (m.state && typeof m.state === "object") inner = m.state;
        else if (m.msg && typeof m.msg === "object") inner = m.msg;
        else if (typeof m.phase === "string") {
            inner = {};
            for (var k in m) if (Object.prototype.hasOwnProperty.call(m, k)) inner[k] = m[k];
            inner.t = m.phase;
        }
        if (!inner || typeof inner.t !== "string" || inner.t === "state") return;
        var ack = m.ack && typeof m.ack === "object" ? m.ack
                  : inner.ack && typeof inner.ack === "object" ? inner.ack : null;
        if (inner.t === "question") on_question(inner, ack);
        else handle(inner);
    }

    function on_removed() {
        removed = true;
        pending = null;
        save_pending();
        question = null;
        $("reconnecting").hidden = true;
        if (ws) {
            var s = ws;
            ws = null;
            ws_up = false;
            s.close();
        }
        show_message(W.removed_title, W.removed, W.try_again, function () {
            removed = false;
            show("connecting");
            connect();
        });
    }

    /* ---- joining ---- */

    function on_join(ev) {
        ev.preventDefault();
        var pin = $("pin").value.replace(/\D/g, "");
        var name = clean_name($("name").value);
        if (pin.length !== 6) {
            set_text("join-error", W.err_pin_format);
            $("pin").focus();
            return;
        }
        if (!name) {
            set_text("join-error", W.err_name);
            $("name").focus();
            return;
        }
        set_text("join-error", "");
        $("name").value = name;
        store.set("name", name);
        var b = $("join-button");
        b.disabled = true;
        b.textContent = W.joining;
        join_req = {pin: pin, name: name};
        retry_n = 0;
        if (ws_up) send({t: "join", pin: pin, name: name});
        else connect();
    }

    /* ---- start ---- */

    function start() {
        document.documentElement.lang = LANG;
        var words = document.querySelectorAll("[data-w]");
        for (var i = 0; i < words.length; i++) {
            var w = W[words[i].getAttribute("data-w")];
            if (typeof w === "string") words[i].textContent = w;
        }

        $("pin").addEventListener("input", function () {
            var v = this.value.replace(/\D/g, "").slice(0, 6);
            if (v !== this.value) this.value = v;
        });
        $("join-form").addEventListener("submit", on_join);
        document.addEventListener("visibilitychange", function () {
            if (!document.hidden) wake();
        });
        window.addEventListener("online", wake);
        window.addEventListener("pageshow", function (ev) {
            if (ev.persisted) wake(); /* back from the back-forward cache */
        });

        /* the PIN in the address (from the big screen's QR code) */
        var pin = /[?&#]pin=(\d{6})\b/.exec(location.search + location.hash);
        if (pin) $("pin").value = pin[1];
        $("name").value = store.get("name") || "";

        var t = store.get("token");
        pending = load_pending();
        if (t && TOKEN_RE.test(t)) {
            token = t;
            show_me(store.get("name") || "");
            show_score(parseInt(store.get("score"), 10));
            show("connecting");
            connect();
        } else {
            show_join("");
        }
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
})();
