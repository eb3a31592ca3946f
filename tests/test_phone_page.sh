#!/usr/bin/env bash
# test_phone_page.sh - the phone page (web/) in a real browser: headless
# Chromium plays a whole game through it as a 360x640 phone (join with a PIN
# and an accented name, the lobby, a double tap that answers once, a reload
# mid-question that keeps the seat and the score, an answer sent again after
# the socket dropped before its ack, the reveal, the end, Russian), with no
# console error; screenshots of every screen in SHOTS (tests/phone_browser.py).
#
# usage: test_phone_page.sh SOURCE_DIR SHOTS [--game QUIZMILL]
#                           [--server CMD [--start CMD] [--advance CMD]]
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
# Needs chromium and python3-websockets (Debian) for /usr/bin/python3;
# exits 77 (skipped) when either is missing.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 SOURCE_DIR SHOTS [--game QUIZMILL | --server CMD [--start CMD] [--advance CMD]]" >&2
    exit 2
fi
src=$(realpath "$1")
shots=$2
shift 2
py=/usr/bin/python3
if ! command -v chromium >/dev/null; then
    echo "SKIP: chromium is not installed (Debian package chromium)"
    exit 77
fi
if ! "$py" -c 'import websockets' 2>/dev/null; then
    echo "SKIP: $py cannot import websockets (Debian package python3-websockets)"
    exit 77
fi

if [ "${1:-}" = --server ]; then
    exec "$py" "$src/tests/phone_browser.py" --shots "$shots" "$@"
fi
if [ "${1:-}" = --game ]; then # the game headless, host keys by its test feed
    exec "$py" "$src/tests/phone_browser.py" --shots "$shots" --source "$src" "$@"
fi
# The mock: four questions (4, 4, 3 and 4 tiles), each held 1.5 s after the
# answer so the "Answer in" screen can be seen, question 3's answer dropped
# once before its ack.
mock="$py $src/tests/phones_mock.py --web $src/web --port {port} --log {log}"
mock="$mock --choices 4,4,3,4 --hold 1.5 --reveal 2 --start-after 1 --drop-answer 3"
exec "$py" "$src/tests/phone_browser.py" --shots "$shots" --mock --server "$mock" "$@"
