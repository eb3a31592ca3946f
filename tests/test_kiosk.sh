#!/usr/bin/env bash
# test_kiosk.sh - kiosk mode ([event] kiosk = true) in a real X window
# (Xvfb), driven by xdotool, followed through QUIZMILL_TRACE=1:
#   0. control: without kiosk, M on the title changes the mode (traced), and
#      a window-close request (WM_DELETE_WINDOW, as a window manager's close
#      button sends) ends the game with status 0, which shows that the close
#      request of step (a) reaches SDL;
#   a. with kiosk: the close request, Alt+F4, Ctrl+Q and Esc held for 2 s
#      on the title leave the game running, its window mapped, on the title;
#      M changes no mode;
#   b. Esc during a question opens the pause menu; 4 does nothing (the menu
#      has no way out without a PIN), Down x3 wraps back to Resume (3 items);
#   c. nobody answers: after idle_timeout (10 s) the idle overlay, after its
#      10 s countdown the title;
#   d. holding Ctrl+Shift+Q for 3 s quits with status 0 (not after 1.5 s).
# Then with exit_pin = 2468: holding Ctrl+Shift+Q does not quit; Esc, 4
# (leave the kiosk), 1111 Enter: still running, the PIN said wrong; on the
# on-screen digit pad with a gamepad (the synthetic joystick feed,
# testfeed.h), 1 2 OK: wrong again; by mouse clicks (where each key is comes
# from the trace), 1 2 OK: wrong again; 2 4 6 8 OK: exit status 0.
#
# Usage: test_kiosk.sh path/to/quizmill source-dir
# Needs Xvfb, xauth, xdotool and python3 (ctypes and libX11 send
# the close request): a missing one is a failure, not a skip. The whole test
# ends within 90 s, even when the game hangs.
set -u

TOTAL_S=88      # hard limit for the whole test (Xvfb and all on it killed)
DRIVE_S=80      # the driver gives up after this many seconds (game killed)
IDLE_S=10       # [event] idle_timeout
WARN_S=10       # the idle overlay's countdown (screen_idle.c)
PIN=2468
# find_window, run_in_xvfb (the driver below has its own die and alive)
# shellcheck source=xvfb_lib.sh
. "$(dirname "$0")/xvfb_lib.sh"

# ---------------------------------------------------------------- driver --
# Runs on its own Xvfb (xvfb_run.sh): `test_kiosk.sh --drive GAME TMP`. Writes what went
# wrong to stderr and exits 1.
if [ "${1:-}" = "--drive" ]; then
    game=$2 tmp=$3
    export QUIZMILL_TRACE=1 SDL_VIDEODRIVER=x11
    unset WAYLAND_DISPLAY
    deadline=$((SECONDS + DRIVE_S))
    gpid="" err="" wid=""
    step="start"

    now_ms() { date +%s%3N; }
    kill_game() {
        if [ -n "$gpid" ] && kill -0 "$gpid" 2>/dev/null; then
            kill "$gpid" 2>/dev/null
            sleep 0.3
            kill -9 "$gpid" 2>/dev/null
            wait "$gpid" 2>/dev/null
        fi
        gpid=""
    }
    die() {
        echo "FAIL ($step): $*" >&2
        kill_game
        if [ -n "$err" ]; then
            echo "--- game stderr ($err) ---" >&2
            tail -n 40 "$err" >&2 2>/dev/null
        fi
        exit 1
    }
    trap 'kill_game' EXIT
    # bounded SECS: the end of a wait of SECS, never past the deadline
    bounded() {
        end=$((SECONDS + $1))
        [ "$end" -le "$deadline" ] || end=$deadline
    }
    alive() { kill -0 "$gpid" 2>/dev/null || die "the game exited ($1)"; }
    nscreens() { grep -c '^trace: screen ' "$err"; }
    last_screen() { grep '^trace: screen ' "$err" | tail -n 1 | cut -d' ' -f3; }
    # wait_screen NAME SECS FROM: waits for `trace: screen NAME` among the
    # screen lines after the first FROM ones
    wait_screen() {
        bounded "$2"
        while :; do
            grep '^trace: screen ' "$err" | tail -n "+$(($3 + 1))" | grep -qx "trace: screen $1" &&
                return 0
            alive "waiting for screen $1"
            [ "$SECONDS" -lt "$end" ] || return 1
            sleep 0.1
        done
    }
    # wait_exit SECS: waits for the game to end; its exit status in $rc
    wait_exit() {
        bounded "$1"
        while kill -0 "$gpid" 2>/dev/null; do
            [ "$SECONDS" -lt "$end" ] || return 1
            sleep 0.1
        done
        wait "$gpid"
        rc=$?
        gpid=""
        return 0
    }
    # start NAME KIOSK PIN: writes a config, starts the game, waits for the
    # title and its window, focuses it
    start() {
        local cfg="$tmp/$1.ini"
        err="$tmp/$1.err"
        cat >"$cfg" <<EOF
[quiz]
article = $article
questions = 10
time_limit = 0
[display]
fullscreen = false
width = 1280
height = 720
renderer = software
ask_name = false
[sound]
sound = false
[event]
kiosk = $2
idle_timeout = $IDLE_S
exit_pin = "$3"
EOF
        mkdir -p "$tmp/data-$1"
        mkfifo "$tmp/$1.joysticks" || die "mkfifo failed"
        QUIZMILL_TEST_JOYSTICKS="$tmp/$1.joysticks" \
            "$game" --config "$cfg" --windowed --data-dir "$tmp/data-$1" 2>"$err" &
        gpid=$!
        # the synthetic gamepad's feed: read and write, never blocks
        exec 3<>"$tmp/$1.joysticks"
        wait_screen title 10 0 || die "no title screen within 10 s"
        find_window 10
        printf 'attach pad\n' >&3 # joystick 0
        sleep 0.3
    }
    # pad BUTTON...: presses and releases each button of the gamepad (0 A,
    # 1 B, 11-14 D-pad up down left right)
    pad() {
        for b in "$@"; do
            printf 'press 0 %s\nrelease 0 %s\n' "$b" "$b" >&3
            sleep 0.15
        done
    }
    # close_request: what a window manager's close button sends
    close_request() {
        python3 - "$wid" <<'PY' || die "could not send WM_DELETE_WINDOW"
import ctypes, sys
x = ctypes.CDLL("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("l", ctypes.c_long * 5)]
class XEvent(ctypes.Union):
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                         ctypes.POINTER(XEvent)]
x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
x.XCloseDisplay.argtypes = [ctypes.c_void_p]
d = x.XOpenDisplay(None)
if not d:
    sys.exit("cannot open the display")
ev = XEvent()
ev.xclient.type = 33  # ClientMessage
ev.xclient.send_event = 1
ev.xclient.display = d
ev.xclient.window = int(sys.argv[1])
ev.xclient.message_type = x.XInternAtom(d, b"WM_PROTOCOLS", 0)
ev.xclient.format = 32
ev.xclient.l[0] = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
ev.xclient.l[1] = 0  # CurrentTime
ok = x.XSendEvent(d, int(sys.argv[1]), 0, 0, ctypes.byref(ev))
x.XSync(d, 0)
x.XCloseDisplay(d)
sys.exit(0 if ok else "XSendEvent failed")
PY
    }
    # still_there WHAT SCREEN: after WHAT, the game runs, its window is
    # mapped and its screen is still SCREEN
    still_there() {
        sleep 1
        alive "after $1"
        xwininfo -id "$wid" 2>/dev/null | grep -q 'Map State: IsViewable' ||
            die "after $1 the window is gone or unmapped"
        [ "$(last_screen)" = "$2" ] || die "after $1 the screen is $(last_screen), not $2"
    }

    # 0. control: the close request quits a game that is not a kiosk
    step="control, kiosk = false"
    start control false ""
    xdotool key m
    bounded 10
    until grep -qx 'trace: mode teams' "$err"; do
        alive "waiting for M to change the mode"
        [ "$SECONDS" -lt "$end" ] || die "M on the title changed no mode without kiosk"
        sleep 0.1
    done
    close_request
    wait_exit 10 || die "WM_DELETE_WINDOW did not end a non-kiosk game within 10 s:" \
        "the close request does not reach SDL, so the kiosk checks would prove nothing"
    [ "$rc" -eq 0 ] || die "the non-kiosk game ended with status $rc after a close request"

    # a. nothing a player can do to a window closes a kiosk
    step="a: close requests"
    start kiosk true ""
    close_request
    still_there "a window-close request (WM_DELETE_WINDOW)" title
    xdotool key alt+F4
    still_there "Alt+F4" title
    xdotool key ctrl+q
    still_there "Ctrl+Q" title
    xdotool keydown Escape
    sleep 2
    xdotool keyup Escape
    still_there "Esc held for 2 s" title
    xdotool key m
    still_there "M" title
    ! grep -q '^trace: mode ' "$err" || die "M changed the mode in kiosk mode"

    # b. the pause menu has no way out
    step="b: pause menu"
    n=$(nscreens)
    xdotool key Return
    if ! wait_screen question 2 "$n"; then
        xdotool key Return # the title's attract mode: the first key only wakes it
        wait_screen question 10 "$n" || die "Return on the title did not start a round"
    fi
    grep -q '^trace: question 1 item ' "$err" || die "no trace line for question 1"
    n=$(nscreens)
    xdotool key Escape
    wait_screen pause 10 "$n" || die "Esc during a question did not open the pause menu"
    n=$(nscreens)
    xdotool key 4
    still_there "4 in the pause menu" pause
    [ "$(nscreens)" -eq "$n" ] || die "4 in the pause menu changed the screen"
    xdotool key Down Down Down Return
    wait_screen question 10 "$n" ||
        die "Down x3, Return in the pause menu did not resume (more than 3 items?)"
    resumed=$(now_ms)

    # c. nobody plays: the idle overlay, then the title
    step="c: idle reset"
    n=$(nscreens)
    wait_screen idle $((IDLE_S + 8)) "$n" || die "no idle overlay within $((IDLE_S + 8)) s"
    idle_at=$(now_ms)
    [ $((idle_at - resumed)) -ge $((IDLE_S * 1000 - 1500)) ] ||
        die "the idle overlay came after $((idle_at - resumed)) ms, before idle_timeout"
    n=$(nscreens)
    wait_screen title $((WARN_S + 8)) "$n" || die "no title within $((WARN_S + 8)) s of the overlay"
    title_at=$(now_ms)
    [ $((title_at - idle_at)) -ge $((WARN_S * 1000 - 1500)) ] ||
        die "the title came $((title_at - idle_at)) ms after the overlay, before its countdown"
    [ "$(nscreens)" -eq $((n + 1)) ] ||
        die "unexpected screens after the idle overlay: $(tail -n 5 "$err" | tr '\n' ' ')"

    # d. the exit keys, held 3 s
    step="d: Ctrl+Shift+Q held"
    xdotool keydown ctrl+shift+q
    sleep 1.5
    if ! kill -0 "$gpid" 2>/dev/null; then
        xdotool keyup ctrl+shift+q
        die "the game quit after Ctrl+Shift+Q was held for only 1.5 s"
    fi
    sleep 2
    xdotool keyup ctrl+shift+q
    wait_exit 10 || die "still running 10 s after Ctrl+Shift+Q was held for 3.5 s"
    [ "$rc" -eq 0 ] || die "exit status $rc after Ctrl+Shift+Q, expected 0"

    # e. with a PIN: only the PIN leaves
    step="e: exit_pin = $PIN"
    start pin true "$PIN"
    xdotool keydown ctrl+shift+q
    sleep 3.5
    xdotool keyup ctrl+shift+q
    still_there "Ctrl+Shift+Q held with a PIN set" title
    n=$(nscreens)
    xdotool key Return
    wait_screen question 10 "$n" || die "Return on the title did not start a round"
    n=$(nscreens)
    xdotool key Escape
    wait_screen pause 10 "$n" || die "Esc during a question did not open the pause menu"
    n=$(nscreens)
    xdotool key 4
    still_there "4 (leave the kiosk) in the pause menu" pause
    grep -q '^trace: pin asked$' "$err" || die "4 did not ask for the PIN"
    xdotool key 1 1 1 1 Return
    still_there "the wrong PIN 1111" pause
    [ "$(nscreens)" -eq "$n" ] || die "the wrong PIN changed the screen"
    [ "$(grep -c '^trace: pin wrong$' "$err")" -eq 1 ] || die "the wrong PIN 1111 was not said wrong"
    # click KEY: a click on the digit pad's KEY, where the trace says it is
    click() {
        local at
        at=$(grep "^trace: pin key $1 at " "$err" | tail -n 1 | awk '{print $(NF-1), $NF}')
        [ -n "$at" ] || die "no trace of where the pin key $1 is"
        # shellcheck disable=SC2086 # x and y
        xdotool mousemove --window "$wid" $at click 1
        sleep 0.1
    }
    # the gamepad on the digit pad: A on 1, right, A on 2, down x3 to 0,
    # right to OK, A
    pad 0 14 0 12 12 12 14 0
    still_there "the wrong PIN 12 by gamepad" pause
    [ "$(grep -c '^trace: pin wrong$' "$err")" -eq 2 ] || die "the wrong PIN 12 by gamepad was not said wrong"
    click 1
    click 2
    click Done
    still_there "the wrong PIN 12 clicked" pause
    [ "$(grep -c '^trace: pin wrong$' "$err")" -eq 3 ] || die "the wrong PIN 12 clicked was not said wrong"
    click 2
    click 4
    click 6
    click 8
    click Done
    wait_exit 10 || die "still running 10 s after the right PIN clicked on the digit pad"
    [ "$rc" -eq 0 ] || die "exit status $rc after the right PIN, expected 0"
    exit 0
fi

# ------------------------------------------------------------------ main --
if [ $# -ne 2 ]; then
    echo "usage: test_kiosk.sh path/to/quizmill source-dir" >&2
    exit 2
fi
missing=""
for tool in Xvfb xauth xdotool xwininfo python3 timeout mkfifo; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    echo "FAIL: missing tools:$missing (apt-get install xvfb xauth xdotool x11-utils python3)" >&2
    exit 1
fi
game=$(realpath "$1") || exit 1
src=$(realpath "$2") || exit 1
export article="$src/questions/turkmenistan-kazakhstan.txt"
[ -x "$game" ] || { echo "FAIL: $game is not an executable" >&2; exit 1; }
[ -f "$article" ] || { echo "FAIL: no bundled article at $article" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quizmill-kiosk.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

start_s=$SECONDS
run_in_xvfb "$TOTAL_S" 1280x720x24 "$tmp/driver.err" bash "$0" --drive "$game" "$tmp" || exit 1
echo "kiosk test passed in $((SECONDS - start_s)) s"
exit 0
