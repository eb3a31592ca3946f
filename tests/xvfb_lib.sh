# shellcheck shell=bash disable=SC2154 # gpid, err, deadline, tmp: the caller's
# xvfb_lib.sh - shell functions shared by the tests of the game in a real X
# window (test_xvfb.sh, test_event_xvfb.sh, test_kiosk.sh source it).
#
# Inside xvfb-run (the drivers), they use the caller's variables: gpid (the
# game's process), err (its stderr file), deadline (the SECONDS at which the
# driver gives up), tmp (a scratch folder) and, when set, step (what is being
# done, for messages). A test may define its own die and alive after
# sourcing this file.

# die MESSAGE...: says what failed, stops the game, shows the end of its
# stderr and exits 1
die() {
    echo "FAIL${step:+ ($step)}: $*" >&2
    if [ -n "${gpid:-}" ] && kill -0 "$gpid" 2>/dev/null; then
        kill "$gpid" 2>/dev/null
        sleep 0.3
        kill -9 "$gpid" 2>/dev/null
    fi
    echo "--- game stderr ---" >&2
    tail -n 60 "$err" >&2 2>/dev/null
    exit 1
}

# alive WHAT: dies when the game has exited (while doing WHAT)
alive() { kill -0 "$gpid" 2>/dev/null || die "the game exited early ($1)"; }

# until_in SECS: sets end to SECS from now, but never past the deadline
until_in() {
    end=$((SECONDS + $1))
    [ "$end" -le "$deadline" ] || end=$deadline
}

# grab FILE: the whole screen into FILE, as PPM (quick to write and compare)
grab() {
    import -window root "ppm:$1" 2>>"$tmp/import.err" ||
        die "import -window root failed: $(tail -n 2 "$tmp/import.err")"
}

# find_window SECS: the game's visible window (named Quizmill) into wid,
# focused for xdotool's keys (windowfocus works without a window manager;
# the polling is ours: xdotool search --sync would wait forever)
find_window() {
    local stop=$((SECONDS + $1))
    wid=""
    while [ -z "$wid" ]; do
        alive "waiting for its window"
        wid=$(xdotool search --onlyvisible --name '^Quizmill$' 2>/dev/null | head -n 1)
        [ -n "$wid" ] && break
        [ "$SECONDS" -lt "$stop" ] || die "no visible window named Quizmill within $1 s"
        sleep 0.1
    done
    timeout 5 xdotool windowfocus --sync "$wid" || die "xdotool windowfocus $wid failed"
}

# game_ended SECS: waits up to SECS for the game to end; dies unless it
# ends with status 0
game_ended() {
    local stop=$((SECONDS + $1)) rc
    while kill -0 "$gpid" 2>/dev/null; do
        [ "$SECONDS" -lt "$stop" ] || die "the game did not end within $1 s"
        sleep 0.1
    done
    wait "$gpid"
    rc=$?
    gpid=""
    [ "$rc" -eq 0 ] || die "the game exited with status $rc"
}

# Outside xvfb-run (the tests' main parts):

# fail MESSAGE...: says what failed and exits 1
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# run_in_xvfb TOTAL_S SCREEN LOG COMMAND...: runs COMMAND (the driver) on a
# fresh Xvfb server with a screen of SCREEN (WxHxDEPTH), its stderr into LOG
# (xvfb_run.sh: a display number the server picks, no reset). timeout puts
# the server, the driver and the game in one process group and kills them
# all after TOTAL_S seconds. Returns 0, or shows LOG and a FAIL line and
# returns 1.
run_in_xvfb() {
    local total=$1 screen=$2 log=$3 rc
    shift 3
    timeout -k 2 "$total" "$(dirname "${BASH_SOURCE[0]}")/xvfb_run.sh" "-screen 0 $screen" "$@" 2>"$log"
    rc=$?
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        cat "$log" >&2
        echo "FAIL: the test did not end within $total s" >&2
        return 1
    fi
    if [ "$rc" -ne 0 ]; then
        cat "$log" >&2
        grep -q '^FAIL' "$log" || echo "FAIL: the driver ended with status $rc" >&2
        return 1
    fi
    return 0
}
