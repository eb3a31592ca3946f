#!/usr/bin/env bash
# test_phone_page.sh - the phone page (web/) in a real browser: Chromium,
# Firefox or WebKit (WebKitGTK, the engine of Safari, standing in for it)
# plays a whole game through it as a 360x640 phone (join with a PIN and an
# accented name, the lobby, a double tap that answers once, a reload
# mid-question that keeps the seat and the score, an answer sent again after
# the socket dropped before its ack, the reveal, the end, Russian), with no
# console error; screenshots of every screen in SHOTS (tests/phone_browser.py:
# one scenario, a small driver for each browser).
#
# usage: test_phone_page.sh SOURCE_DIR SHOTS [--browser chromium|firefox|webkit]
#                           [--game QUIZMILL | --server CMD [--start CMD] [--advance CMD]]
#
# With --game QUIZMILL it plays against the game itself, headless in phones
# mode on a free loopback port (tests/phones_common.py starts it and presses
# the host's keys through its test feed).
# Without --server it runs against the protocol's mock (tests/phones_mock.py)
# and also checks what the page sent. With --server CMD it runs against that
# server, e.g. the game: CMD is a shell command in which {port} is a free TCP
# port, and it must print "trace: network listening PORT pin PIN" on stderr
# (the game does with QUIZMILL_TRACE=1, which is set); --start CMD runs once
# the phone is in the lobby (the host starts), --advance CMD after each
# reveal (the host goes on), when the server needs them.
#
# Needs python3-websockets (Debian) for /usr/bin/python3 and the browser:
# chromium (the default); firefox-esr (headless, WebDriver BiDi); or
# webkit2gtk-driver with libwebkit2gtk-4.1-0's MiniBrowser, run on an Xvfb
# of its own (tests/xvfb_run.sh: xvfb, xauth), its languages made by
# localedef (package locales). Exits 77 (skipped) when one is missing.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 SOURCE_DIR SHOTS [--browser chromium|firefox|webkit] [--game QUIZMILL | --server CMD [--start CMD] [--advance CMD]]" >&2
    exit 2
fi
src=$(realpath "$1")
shots=$2
shift 2
browser=chromium
if [ "${1:-}" = --browser ]; then
    browser=${2:?--browser needs chromium, firefox or webkit}
    shift 2
fi
py=/usr/bin/python3
run=("$py" "$src/tests/phone_browser.py" --browser "$browser" --shots "$shots")
case $browser in
chromium) need=chromium pkg=chromium ;;
firefox) need=firefox-esr pkg=firefox-esr ;;
webkit) need=WebKitWebDriver pkg=webkit2gtk-driver
    # MiniBrowser is a GTK window: an X server of its own for this test
    for x in Xvfb xauth; do
        if ! command -v $x >/dev/null; then
            echo "SKIP: $x is not installed (Debian packages xvfb, xauth)"
            exit 77
        fi
    done
    run=(bash "$src/tests/xvfb_run.sh" '-screen 0 1280x1024x24' "${run[@]}") ;;
*) echo "$0: unknown browser $browser (chromium, firefox or webkit)" >&2; exit 2 ;;
esac
if ! command -v $need >/dev/null; then
    echo "SKIP: $need is not installed (Debian package $pkg)"
    exit 77
fi
if ! "$py" -c 'import websockets' 2>/dev/null; then
    echo "SKIP: $py cannot import websockets (Debian package python3-websockets)"
    exit 77
fi

if [ "${1:-}" = --server ]; then
    exec "${run[@]}" "$@"
fi
if [ "${1:-}" = --game ]; then # the game headless, host keys by its test feed
    exec "${run[@]}" --source "$src" "$@"
fi
# The mock: four questions (4, 4, 3 and 4 tiles), each held 1.5 s after the
# answer so the "Answer in" screen can be seen, question 3's answer dropped
# once before its ack.
mock="$py $src/tests/phones_mock.py --web $src/web --port {port} --log {log}"
mock="$mock --choices 4,4,3,4 --hold 1.5 --reveal 2 --start-after 1 --drop-answer 3"
exec "${run[@]}" --mock --server "$mock" "$@"
