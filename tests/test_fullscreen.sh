#!/usr/bin/env bash
# test_fullscreen.sh - fullscreen on a real X server (Xvfb) at 1024x768 and
# 1920x1080: the game's background reaches all four edges of the screen
# (a root-window screenshot), its output size (the trace's "window WxH")
# is the screen's, F11 makes it a window no larger than the screen and F11
# again fullscreen; --windowed with the default 1280x720 on a 1024x768
# screen opens no larger than the screen.
#
# Usage: test_fullscreen.sh path/to/quizmill source-dir [none|openbox|matchbox] [SHOT-DIR]
#   none (the default): no window manager, as on a bare X kiosk;
#   openbox, matchbox: under that window manager; exit 77 (skipped) when it
#   is not installed.
# Needs Xvfb, xauth, xdotool and ImageMagick. Root-window
# screenshots are left in SHOT-DIR (fullscreen-*.png).
set -u

TOTAL_S=80
DRIVE_S=30 # for each screen size

# ---------------------------------------------------------------- driver --
if [ "${1:-}" = "--drive" ]; then
    game=$2 tmp=$3 wm=$4 sw=$5 sh=$6 shots=$7
    export QUIZMILL_TRACE=1 SDL_VIDEODRIVER=x11 QUIZMILL_NO_DIALOG=1
    unset WAYLAND_DISPLAY
    export SDL_AUDIODRIVER=dummy
    deadline=$((SECONDS + DRIVE_S))
    err="$tmp/game-$sw.err"
    gpid="" wmpid=""
    # shellcheck source=xvfb_lib.sh
    . "$(dirname "$0")/xvfb_lib.sh"
    step="$wm ${sw}x$sh"
    case $wm in
    openbox) openbox >/dev/null 2>&1 & wmpid=$! ;;
    matchbox) matchbox-window-manager -use_titlebar no >/dev/null 2>&1 & wmpid=$! ;;
    esac
    [ -n "$wmpid" ] && sleep 1

    # wait_window N STATE SECS: waits for the Nth trace line "window WxH
    # STATE" (counting from 1), its size into ww, wh
    wait_window() {
        local line
        until_in "$3"
        while :; do
            line=$(grep "^trace: window [0-9]*x[0-9]* $2\$" "$err" | sed -n "$1p")
            if [ -n "$line" ]; then
                line=${line#trace: window }
                line=${line% *}
                ww=${line%x*} wh=${line#*x}
                return 0
            fi
            [ "$SECONDS" -lt "$end" ] || die "no trace 'window WxH $2' number $1 within $3 s"
            alive "waiting for the window to be $2"
            sleep 0.05
        done
    }
    # edges_are_bg SHOT: the theme's background (dark: #14181f) at the
    # corners and the middle of each edge of the screen, retried while the
    # X server catches up
    edges_are_bg() {
        local shot="$tmp/$1.ppm" x y px bad tries=0
        while :; do
            grab "$shot"
            bad=""
            for x in 0 $((sw / 2)) $((sw - 1)); do
                for y in 0 $((sh / 2)) $((sh - 1)); do
                    [ "$x" = $((sw / 2)) ] && [ "$y" = $((sh / 2)) ] && continue
                    px=$(convert "$shot" -format "%[pixel:p{$x,$y}]" info: 2>/dev/null)
                    case $px in
                    "srgb(20,24,31)" | "#14181F" | "#14181f") ;;
                    *) bad="$bad $x,$y=$px" ;;
                    esac
                done
            done
            [ -z "$bad" ] && break
            tries=$((tries + 1))
            [ "$tries" -lt 30 ] || die "$1: not the game's background at the screen's edges:$bad"
            alive "$1"
            sleep 0.2
        done
        convert "$shot" -strip "$shots/fullscreen-$wm-${sw}x$sh-$1.png" 2>/dev/null
    }
    # window_fits WHAT: the X window (xdotool's geometry: where its inside
    # is on the screen, and its size) wholly on the screen, retried while a
    # window manager frames it
    window_fits() {
        local out geo pos gw gh gx gy tries=0
        while :; do
            out=$(xdotool getwindowgeometry "$wid")
            geo=$(sed -n 's/.*Geometry: //p' <<<"$out")
            pos=$(sed -n 's/.*Position: \([-0-9]*,[-0-9]*\).*/\1/p' <<<"$out")
            gw=${geo%x*} gh=${geo#*x} gx=${pos%,*} gy=${pos#*,}
            [ -n "$gw" ] && [ -n "$gx" ] && [ "$gx" -ge 0 ] && [ "$gy" -ge 0 ] &&
                [ $((gx + gw)) -le "$sw" ] && [ $((gy + gh)) -le "$sh" ] && return 0
            tries=$((tries + 1))
            [ "$tries" -lt 20 ] ||
                die "$1: the window is ${geo:-?} at ${pos:-?}, not inside the ${sw}x$sh screen"
            sleep 0.2
        done
    }

    cat >"$tmp/config.ini" <<EOF
[quiz]
article = $tmp/article.txt
[display]
fullscreen = true
theme = dark
[sound]
sound = false
EOF
    "$game" --data-dir "$tmp/data-$sw" -c "$tmp/config.ini" >/dev/null 2>"$err" &
    gpid=$!
    wait_window 1 fullscreen 15
    [ "$ww" = "$sw" ] && [ "$wh" = "$sh" ] ||
        die "fullscreen is laid out for ${ww}x$wh on a ${sw}x$sh screen"
    find_window 10
    edges_are_bg start
    window_fits "fullscreen"

    if [ "$wm" = matchbox ]; then
        # matchbox takes F11 for itself (f11=fullscreen in its kbdconfig)
        # and keeps every window fullscreen: the game has nothing to toggle
        kill "$gpid"
        game_ended 10
    else
        xdotool key F11 || die "xdotool key F11 failed"
        wait_window 1 windowed 10
        [ "$ww" -le "$sw" ] && [ "$wh" -le "$sh" ] || die "F11: a window of ${ww}x$wh"
        [ "$ww" -lt "$sw" ] || [ "$wh" -lt "$sh" ] ||
            die "F11: still ${ww}x$wh, the screen's size"
        window_fits "after F11"
        timeout 5 xdotool windowfocus --sync "$wid" || die "xdotool windowfocus $wid failed"
        xdotool key F11 || die "xdotool key F11 failed"
        wait_window 2 fullscreen 10
        [ "$ww" = "$sw" ] && [ "$wh" = "$sh" ] ||
            die "F11 twice: laid out for ${ww}x$wh on a ${sw}x$sh screen"
        edges_are_bg f11-twice
        kill "$gpid"
        game_ended 10
    fi

    # --windowed: the config's 1280x720, no larger than the screen
    "$game" --windowed --data-dir "$tmp/data-$sw" -c "$tmp/config.ini" >/dev/null 2>"$err" &
    gpid=$!
    wait_window 1 windowed 15
    [ "$ww" -le "$sw" ] && [ "$wh" -le "$sh" ] ||
        die "--windowed opened ${ww}x$wh on a ${sw}x$sh screen"
    find_window 10
    window_fits "--windowed"
    kill "$gpid"
    game_ended 10
    [ -n "$wmpid" ] && kill "$wmpid" 2>/dev/null
    exit 0
fi

# ------------------------------------------------------------------ main --
game=$1 src=$2 wm=${3:-none} shots=${4:-.}
here=$(dirname "$0")
# shellcheck source=xvfb_lib.sh
. "$here/xvfb_lib.sh"
for tool in Xvfb xauth xdotool import convert; do
    command -v "$tool" >/dev/null || fail "$tool is missing"
done
case $wm in
none) ;;
openbox) command -v openbox >/dev/null || { echo "openbox is not installed: skipped"; exit 77; } ;;
matchbox)
    command -v matchbox-window-manager >/dev/null ||
        { echo "matchbox-window-manager is not installed: skipped"; exit 77; } ;;
*) fail "unknown window manager '$wm'" ;;
esac
mkdir -p "$shots" || fail "cannot create $shots"
tmp=$(mktemp -d /tmp/quizmill-fullscreen-XXXXXX) || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
cp "$src/questions/turkmenistan-kazakhstan.txt" "$tmp/article.txt" || fail "no bundled article"
start=$SECONDS
for size in 1024x768 1920x1080; do
    left=$((TOTAL_S - (SECONDS - start)))
    [ "$left" -gt 10 ] || fail "no time left for $size"
    run_in_xvfb "$left" "${size}x24" "$tmp/xvfb-$size.log" \
        bash "$0" --drive "$game" "$tmp" "$wm" "${size%x*}" "${size#*x}" "$shots" || exit 1
done
echo "fullscreen ($wm): 1024x768 and 1920x1080 filled, F11 twice, --windowed fits"
