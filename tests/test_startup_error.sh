#!/usr/bin/env bash
# test_startup_error.sh - a game that cannot start says why in a window a
# teacher sees, as well as on stderr: a copied config.ini whose relative
# article path does not resolve, started on a bare X server (Xvfb, no window
# manager), shows a message box titled "Quizmill cannot start" that fits on
# the 1024x768 screen and closes on Enter; the game then exits with status
# 1 and its stderr has the one line "config.ini:N: cannot open article".
# Then: a bad key closes with Esc, a data folder that cannot be made with
# Enter (its line once on stderr); with QUIZMILL_NO_DIALOG=1, --no-dialog,
# --autoplay or SDL's dummy driver the game exits at once, stderr only.
#
# Usage: test_startup_error.sh path/to/quizmill [SHOT-DIR]
# Needs Xvfb, xauth, xdotool and ImageMagick. The box's picture is
# left in SHOT-DIR (startup-error.png).
set -u

TOTAL_S=60
DRIVE_S=45

# ---------------------------------------------------------------- driver --
if [ "${1:-}" = "--drive" ]; then
    game=$2 tmp=$3 shots=$4
    export QUIZMILL_TRACE=1 SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy
    unset WAYLAND_DISPLAY QUIZMILL_NO_DIALOG
    deadline=$((SECONDS + DRIVE_S))
    err="$tmp/game.err"
    gpid=""
    # shellcheck source=xvfb_lib.sh
    . "$(dirname "$0")/xvfb_lib.sh"

    # find_box SECS: the message box's window into box. xdotool 3's search
    # --name reads only a STRING WM_NAME, and SDL's box sets a UTF8_STRING
    # one in a UTF-8 locale: every window is asked its name instead.
    find_box() {
        local w
        until_in "$1"
        box=""
        while :; do
            alive "waiting for the message box"
            for w in $(xdotool search --onlyvisible --classname '' 2>/dev/null); do
                [ "$(xdotool getwindowname "$w" 2>/dev/null)" = "Quizmill cannot start" ] &&
                    box=$w && return 0
            done
            [ "$SECONDS" -lt "$end" ] ||
                die "no window named 'Quizmill cannot start' within $1 s"
            sleep 0.2
        done
    }
    # closes_with KEY: KEY on the box ends the game with status 1
    closes_with() {
        local rc
        timeout 5 xdotool windowfocus --sync "$box" || die "xdotool windowfocus $box failed"
        xdotool key "$1" || die "xdotool key $1 failed"
        until_in 10
        while kill -0 "$gpid" 2>/dev/null; do
            [ "$SECONDS" -lt "$end" ] || die "$1 did not close the message box within 10 s"
            sleep 0.1
        done
        wait "$gpid"
        rc=$?
        gpid=""
        [ "$rc" -eq 1 ] || die "exit status $rc after the message box, not 1"
    }

    # a copied config whose article path is relative to its old folder
    step="bad article path"
    "$game" -c "$tmp/copy/config.ini" --data-dir "$tmp/data" >/dev/null 2>"$err" &
    gpid=$!
    find_box 15
    geo=$(xdotool getwindowgeometry "$box" | sed -n 's/.*Geometry: //p')
    [ "${geo%x*}" -le 1024 ] && [ "${geo#*x}" -le 768 ] ||
        die "the message box is $geo, larger than the 1024x768 screen"
    sleep 0.3 # drawn: its first Expose comes with the map
    grab "$tmp/box.ppm"
    convert "$tmp/box.ppm" -strip "$shots/startup-error.png" 2>/dev/null
    closes_with Return
    grep -q "^$tmp/copy/config.ini:[0-9]*: cannot open article '$tmp/copy/questions/x.txt': " "$err" ||
        die "stderr has no 'config.ini:N: cannot open article' line"
    grep -q "^trace: startup error shown" "$err" || die "no trace of the message box"

    step="bad key, Esc"
    "$game" -c "$tmp/badkey.ini" --data-dir "$tmp/data" >/dev/null 2>"$err" &
    gpid=$!
    find_box 15
    closes_with Escape
    grep -q "badkey.ini:2: unknown key 'dificulty' in \[quiz\]" "$err" ||
        die "stderr has no 'badkey.ini:2: unknown key' line"

    step="data folder under a file"
    : >"$tmp/afile"
    "$game" -c "$tmp/good.ini" --data-dir "$tmp/afile/data" >/dev/null 2>"$err" &
    gpid=$!
    find_box 15
    closes_with Return
    [ "$(grep -c "cannot create the data folder" "$err")" = 1 ] ||
        die "stderr has not one 'cannot create the data folder' line"

    # no box: stderr only, at once
    for how in env flag autoplay dummy; do
        step="no box ($how)"
        case $how in
        env) QUIZMILL_NO_DIALOG=1 "$game" -c "$tmp/copy/config.ini" --data-dir "$tmp/data" \
            >/dev/null 2>"$err" & ;;
        flag) "$game" --no-dialog -c "$tmp/copy/config.ini" --data-dir "$tmp/data" \
            >/dev/null 2>"$err" & ;;
        autoplay) "$game" --autoplay 1 -c "$tmp/copy/config.ini" --data-dir "$tmp/data" \
            >/dev/null 2>"$err" & ;;
        dummy) SDL_VIDEODRIVER=dummy "$game" -c "$tmp/copy/config.ini" --data-dir "$tmp/data" \
            >/dev/null 2>"$err" & ;;
        esac
        gpid=$!
        until_in 10
        while kill -0 "$gpid" 2>/dev/null; do
            [ "$SECONDS" -lt "$end" ] || die "still running after 10 s (a message box?)"
            sleep 0.1
        done
        wait "$gpid"
        rc=$?
        gpid=""
        [ "$rc" -eq 1 ] || die "exit status $rc, not 1"
        grep -q "cannot open article" "$err" || die "stderr has no 'cannot open article' line"
        ! grep -q "^trace: startup error shown" "$err" || die "a message box was shown"
    done
    exit 0
fi

# ------------------------------------------------------------------ main --
game=$1 shots=${2:-.}
here=$(dirname "$0")
# shellcheck source=xvfb_lib.sh
. "$here/xvfb_lib.sh"
for tool in Xvfb xauth xdotool import convert; do
    command -v "$tool" >/dev/null || fail "$tool is missing"
done
mkdir -p "$shots" || fail "cannot create $shots"
tmp=$(mktemp -d /tmp/quizmill-starterr-XXXXXX) || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/copy"
printf '[quiz]\narticle = questions/x.txt\n[sound]\nsound = false\n' >"$tmp/copy/config.ini"
printf '[quiz]\ndificulty = easy\n' >"$tmp/badkey.ini"
cp "$here/../questions/turkmenistan-kazakhstan.txt" "$tmp/article.txt" || fail "no bundled article"
printf '[quiz]\narticle = %s/article.txt\n[sound]\nsound = false\n' "$tmp" >"$tmp/good.ini"
run_in_xvfb "$TOTAL_S" "1024x768x24" "$tmp/xvfb.log" \
    bash "$0" --drive "$game" "$tmp" "$shots" || exit 1
echo "start-up errors: a message box on a bare X server (Enter, Esc), stderr only without one"
