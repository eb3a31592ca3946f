#!/usr/bin/env bash
# test_names.sh - names as people write them, in a real X window (Xvfb)
# driven by xdotool, followed through QUIZMILL_TRACE=1 ("trace: name box
# TEXT" after every change of the name box, "trace: name NAME" when it is
# done):
#   a. "Zoë" typed, Backspace removes the whole "ë", then "ë Anna Maria":
#      the box holds "Zoë Anna Maria" (capitals, the accent and the spaces
#      kept; Space is a space, not Enter); Enter starts the round;
#   b. the round is played to its end (1, then Enter on the feedback), and
#      the database (players and answers) holds exactly "Zoë Anna Maria";
#   c. the next player's box is empty; Tab takes the last name offered in
#      grey; Backspace x14 empties it; "Алёна" types in Cyrillic; Esc goes
#      back to the title;
#   d. at most 24 characters typed; the name box's on-screen keyboard by mouse (where each key is comes
#      from the trace): q, Shift w gives W, Delete, the accented page's é,
#      Shift É, the Cyrillic page's ж;
#   f. by a gamepad (the game's synthetic joystick feed, testfeed.h): A on
#      the title, the D-pad and A on the on-screen keys type "wa", B deletes
#      the "a", Start goes back to the title;
#   e. Esc on the title asks "Quit Quizmill?" (the game runs on); Enter (No
#      is selected) goes back; Esc twice quits with status 0.
# Screenshots (PNG) into the folder given, at the screen size given.
# (xdotool type binds a letter missing from the X keymap to a spare keycode
# alone, and X then reads it unshifted as the small letter: "Ö" would come
# as "ö" from any program. Capitals here are ones the keymap has.)
#
# Usage: test_names.sh path/to/quizmill source-dir shots-dir [WxH]
# Needs Xvfb, xauth, xdotool, xmodmap, sqlite3 and ImageMagick's import: a
# missing one is a failure, not a skip. Ends within 90 s even when the game
# hangs.
set -u

TOTAL_S=88
DRIVE_S=80
# find_window, run_in_xvfb, die, alive, until_in, game_ended
# shellcheck source=xvfb_lib.sh
. "$(dirname "$0")/xvfb_lib.sh"

NAME="Zoë Anna Maria"
CYR="Алёна"

# ---------------------------------------------------------------- driver --
if [ "${1:-}" = "--drive" ]; then
    game=$2 tmp=$3 shots=$4 size=$5
    export QUIZMILL_TRACE=1 SDL_VIDEODRIVER=x11
    unset WAYLAND_DISPLAY
    deadline=$((SECONDS + DRIVE_S))
    gpid="" err="$tmp/game.err" wid="" step="start"
    trap '[ -n "$gpid" ] && kill "$gpid" 2>/dev/null' EXIT

    # expect LINE SECS: waits for the exact trace line LINE after the mark
    mark=0
    expect() {
        until_in "$2"
        while ! tail -n "+$((mark + 1))" "$err" | grep -qxF -- "$1"; do
            alive "waiting for '$1'"
            [ "$SECONDS" -lt "$end" ] || die "no '$1' within $2 s"
            sleep 0.1
        done
    }
    # expect_key NAME SECS: waits for where the key NAME is, after the mark
    expect_key() {
        until_in "$2"
        while ! tail -n "+$((mark + 1))" "$err" | grep -qF -- "trace: name key $1 at "; do
            alive "waiting for the key $1"
            [ "$SECONDS" -lt "$end" ] || die "no key $1 within $2 s"
            sleep 0.1
        done
    }
    # set_mark: later expects look only at lines from now on
    set_mark() { mark=$(wc -l <"$err"); }
    shot() { import -window root -strip "$shots/$size-$1.png" 2>/dev/null || die "import failed"; }
    key() { xdotool key --window "$wid" "$@"; }

    w=${size%x*} h=${size#*x}
    cat >"$tmp/game.ini" <<EOF
[quiz]
article = $article
questions = 3
time_limit = 0
[display]
fullscreen = false
width = $w
height = $h
renderer = software
ask_name = true
[sound]
sound = false
EOF
    # The letters typed here that the X keymap lacks, each bound to a free
    # keycode for the whole run: left to itself xdotool binds such a letter to
    # a scratch keycode and rebinds it for the next, and a loaded game can
    # read a key after the rebinding ("Алёна" came as "Аёёна").
    free=($(xmodmap -pke | awk 'NF == 3 {print $2}' | tail -n 8))
    [ ${#free[@]} -eq 8 ] || die "no 8 free keycodes in the X keymap"
    i=0
    for pair in "ediaeresis Ediaeresis" "adiaeresis Adiaeresis" "odiaeresis Odiaeresis" \
                "udiaeresis Udiaeresis" "Cyrillic_a Cyrillic_A" "Cyrillic_el Cyrillic_EL" \
                "Cyrillic_io Cyrillic_IO" "Cyrillic_en Cyrillic_EN"; do
        xmodmap -e "keycode ${free[$i]} = $pair" || die "xmodmap cannot bind $pair"
        i=$((i + 1))
    done
    mkfifo "$tmp/joysticks" || die "mkfifo failed"
    QUIZMILL_TEST_JOYSTICKS="$tmp/joysticks" \
        "$game" --config "$tmp/game.ini" --windowed --data-dir "$tmp/data" 2>"$err" &
    gpid=$!
    # read and write: never blocks, and the game never sees the feed end
    exec 3<>"$tmp/joysticks"
    feed() { printf '%s\n' "$@" >&3 || die "cannot write to the joystick feed"; }
    tap() { feed "press 0 $1" "release 0 $1"; sleep 0.15; }
    expect "trace: screen title" 10
    find_window 10
    feed "attach pad" # joystick 0; its buttons: 0 A, 1 B, 6 Start, 11-14 D-pad up down left right

    step="a: typing"
    set_mark
    key Return
    expect "trace: screen name" 10
    expect "trace: name box " 5
    set_mark
    xdotool type --delay 80 "Zoë"
    expect "trace: name box Zoë" 10
    set_mark
    key BackSpace
    expect "trace: name box Zo" 10
    set_mark
    xdotool type --delay 80 "ë Anna Maria"
    expect "trace: name box $NAME" 10
    sleep 0.3
    shot name-typed
    set_mark
    key Return
    expect "trace: name $NAME" 10

    step="b: the round"
    for q in 1 2 3; do
        expect "trace: screen question" 10
        set_mark
        key 1
        expect "trace: screen feedback" 10
        set_mark
        sleep 0.5 # the feedback ignores presses for INPUT_GRACE_MS
        key Return
    done
    expect "trace: screen summary" 10
    db="$tmp/data/quizmill.db"
    players=$(sqlite3 "$db" "SELECT name FROM players ORDER BY name;")
    [ "$players" = "$NAME" ] || die "players in the database: '$players', expected '$NAME'"
    answered=$(sqlite3 "$db" "SELECT DISTINCT player FROM answers;")
    [ "$answered" = "$NAME" ] || die "answers saved under '$answered', expected '$NAME'"

    step="c: the next player"
    set_mark
    sleep 0.5
    key Return
    expect "trace: screen title" 10
    set_mark
    key Return
    expect "trace: screen name" 10
    expect "trace: name box " 5
    sleep 0.3
    shot name-suggestion
    set_mark
    key Tab
    expect "trace: name box $NAME" 10
    for _ in $(seq 14); do key BackSpace; done
    set_mark
    key BackSpace
    expect "trace: name box " 10
    set_mark
    xdotool type --delay 80 "$CYR"
    expect "trace: name box $CYR" 10
    sleep 0.3
    shot name-cyrillic

    step="d: the on-screen keyboard by mouse"
    for _ in 1 2 3 4; do key BackSpace; done
    set_mark
    key BackSpace
    expect "trace: name box " 10
    # at most 24 characters: the rest is not typed, and the name fits the box
    set_mark
    xdotool type --delay 40 "WWWWWWWWWWMMMMMMMMMMäöüzzz"
    expect "trace: name box WWWWWWWWWWMMMMMMMMMMäöüz" 10
    sleep 0.8
    shot name-24-characters
    for _ in $(seq 23); do key BackSpace; done
    set_mark
    key BackSpace
    expect "trace: name box " 10
    # click NAME: a click on the key NAME, where the trace says it is
    click() {
        local at
        at=$(grep "^trace: name key $1 at " "$err" | tail -n 1 | awk '{print $(NF-1), $NF}')
        [ -n "$at" ] || die "no trace of where the key $1 is"
        # shellcheck disable=SC2086 # x and y
        xdotool mousemove --window "$wid" $at click 1
    }
    set_mark
    click q
    expect "trace: name box q" 10
    set_mark
    click Shift
    click w
    expect "trace: name box qW" 10
    set_mark
    click Delete
    click Delete
    expect "trace: name box " 10
    set_mark
    click ÀÉÑ # the accented letters' page
    expect_key é 10
    click é
    expect "trace: name box é" 10
    set_mark
    click Shift
    expect_key É 10
    sleep 0.3
    shot name-accents-shift
    click É
    expect "trace: name box éÉ" 10
    set_mark
    click АБВ
    expect_key ж 10
    click ж
    expect "trace: name box éÉж" 10
    set_mark
    key Escape
    expect "trace: screen title" 10

    step="f: the on-screen keyboard by gamepad"
    sleep 0.5 # past the title's grace
    set_mark
    tap 0 # A on the title starts
    expect "trace: screen name" 10
    expect "trace: name box " 5
    set_mark
    tap 14 # right: from q to w
    tap 0  # A presses it
    expect "trace: name box w" 10
    set_mark
    tap 13 # left: back to q
    tap 12 # down: a
    tap 0
    expect "trace: name box wa" 10
    set_mark
    tap 1 # B deletes
    expect "trace: name box w" 10
    sleep 0.3
    shot name-gamepad
    set_mark
    tap 6 # Start: back to the title
    expect "trace: screen title" 10

    step="e: quit asks first"
    set_mark
    key Escape
    expect "trace: quit confirm" 10
    sleep 0.3
    shot quit-confirm
    alive "after one Esc on the title"
    set_mark
    key Return
    expect "trace: quit confirm closed" 10
    sleep 1
    alive "after No in the quit question"
    key Escape
    expect "trace: quit confirm" 10
    sleep 0.5
    key Escape
    game_ended 10
    exit 0
fi

# ------------------------------------------------------------------ main --
if [ $# -lt 3 ]; then
    echo "usage: test_names.sh path/to/quizmill source-dir shots-dir [WxH]" >&2
    exit 2
fi
missing=""
for tool in Xvfb xauth xdotool xmodmap sqlite3 import timeout mkfifo; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -z "$missing" ] || fail "missing tools:$missing (apt-get install xvfb xauth xdotool x11-xserver-utils sqlite3 imagemagick)"
game=$(realpath "$1") || exit 1
src=$(realpath "$2") || exit 1
mkdir -p "$3" || exit 1
shots=$(realpath "$3") || exit 1
size=${4:-1024x768}
export article="$src/questions/turkmenistan-kazakhstan.txt"
[ -x "$game" ] || fail "$game is not an executable"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quizmill-names.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

start_s=$SECONDS
run_in_xvfb "$TOTAL_S" "${size}x24" "$tmp/driver.err" bash "$0" --drive "$game" "$tmp" "$shots" "$size" || exit 1
echo "names test passed in $((SECONDS - start_s)) s"
exit 0
