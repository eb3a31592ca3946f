#!/usr/bin/env bash
# test_xvfb.sh - the game in a real X window (Xvfb), played by xdotool: the
# title, a typed name, four answers by number key and one by a mouse click at
# the place the game reports (QUIZMILL_TRACE=1), the summary, then quit. The
# results CSV is then checked against `quizmill-gen -f json` with the same
# config and seed. Screenshots of title, name, question, feedback and summary
# are left in SHOT-DIR (xvfb-*.png) for people to look at.
#
# Usage: test_xvfb.sh path/to/quizmill path/to/quizmill-gen source-dir [SHOT-DIR]
#        (SHOT-DIR defaults to the current directory)
# Needs Xvfb, xauth, xdotool, ImageMagick (import) and python3: a
# missing one is a failure, not a skip. The whole test ends within 60 s, even
# when the game hangs.
set -u

SEED=4242
NAME="Tess Müller" # typed with xdotool type: capitals, a space and an accent kept
TOTAL_S=60      # hard limit for the whole test
DRIVE_S=45      # the driver gives up after this many seconds (game killed)
KEYS=(1 2 3 4)  # answers to questions 1-4; question 5 is a click on choice B

# ---------------------------------------------------------------- driver --
# Runs on its own Xvfb (xvfb_run.sh): `test_xvfb.sh --drive GAME TMP SHOTDIR`. Writes what
# went wrong to stderr and exits 1.
if [ "${1:-}" = "--drive" ]; then
    game=$2 tmp=$3 shots=$4
    export QUIZMILL_TRACE=1 SDL_VIDEODRIVER=x11
    unset WAYLAND_DISPLAY SDL_AUDIODRIVER
    deadline=$((SECONDS + DRIVE_S))
    err="$tmp/game.err"
    gpid=""
    # die, alive, until_in, grab, find_window, game_ended
    # shellcheck source=xvfb_lib.sh
    . "$(dirname "$0")/xvfb_lib.sh"

    # wait_trace N SECS: waits for the trace line of question N, into $line
    wait_trace() {
        until_in "$2"
        while :; do
            line=$(grep -m1 "^trace: question $1 item " "$err")
            [ -n "$line" ] && return 0
            [ "$SECONDS" -lt "$end" ] || die "no trace line for question $1 within $2 s"
            alive "waiting for question $1"
            sleep 0.05
        done
    }
    # wait_line LINE SECS: waits for the exact trace line LINE
    wait_line() {
        until_in "$2"
        until grep -qxF -- "$1" "$err"; do
            [ "$SECONDS" -lt "$end" ] || die "no '$1' within $2 s"
            alive "waiting for '$1'"
            sleep 0.05
        done
    }
    # wait_change PREV OUT SECS WHAT: grabs the screen into OUT until it
    # differs from PREV and holds still for 0.1 s
    wait_change() {
        until_in "$3"
        while :; do
            alive "waiting for $4"
            grab "$2"
            if ! cmp -s "$1" "$2"; then
                sleep 0.1
                grab "$2.again"
                cmp -s "$2" "$2.again" && return 0
            fi
            [ "$SECONDS" -lt "$end" ] || die "the screen did not change to $4 within $3 s"
            sleep 0.1
        done
    }
    save() { convert "$1" "$shots/xvfb-$2.png" || die "cannot write $shots/xvfb-$2.png"; }
    key() { xdotool key --clearmodifiers "$@" || die "xdotool key $* failed"; }

    "$game" --windowed --seed "$SEED" --data-dir "$tmp/data" -c "$tmp/config.ini" \
        >"$tmp/game.out" 2>"$err" &
    gpid=$!

    find_window 15

    # title: wait until something is drawn (an empty screen is one colour)
    until_in 10
    while :; do
        alive "waiting for the title"
        grab "$tmp/title.ppm"
        colours=$(identify -format '%k' "$tmp/title.ppm" 2>/dev/null || echo 0)
        if [ "${colours:-0}" -gt 20 ]; then
            sleep 0.1
            grab "$tmp/title2.ppm"
            cmp -s "$tmp/title.ppm" "$tmp/title2.ppm" && break
        fi
        [ "$SECONDS" -lt "$end" ] || die "the title screen was not drawn within 10 s"
        sleep 0.1
    done
    save "$tmp/title.ppm" title

    # name screen: Return, then the letters, then a still screen showing them
    key Return
    wait_change "$tmp/title.ppm" "$tmp/name0.ppm" 10 "the name screen"
    xdotool type --delay 60 "$NAME" || die "xdotool type $NAME failed"
    wait_line "trace: name box $NAME" 10
    wait_change "$tmp/name0.ppm" "$tmp/name.ppm" 10 "the typed name"
    save "$tmp/name.ppm" name
    key Return

    prev="$tmp/name.ppm"
    read -r -a keys <<<"$KEYS_FOR_1_TO_4"
    for q in 1 2 3 4 5; do
        wait_trace "$q" 10
        echo "$line" >>"$tmp/traces"
        wait_change "$prev" "$tmp/q$q.ppm" 10 "question $q"
        [ "$q" -eq 1 ] && save "$tmp/q1.ppm" question
        if [ "$q" -lt 5 ]; then
            key "${keys[$((q - 1))]}"
        else
            # the middle of the 2nd choice's rectangle, from the trace line
            read -r -a f <<<"$line"
            [ "${#f[@]}" -ge 7 ] || die "question 5's trace line has fewer than 2 choices: $line"
            IFS=, read -r x y w h <<<"${f[6]}"
            case "$x$y$w$h" in *[!0-9-]* | "") die "bad rectangle '${f[6]}' in: $line" ;; esac
            cx=$((x + w / 2)) cy=$((y + h / 2))
            echo "question 5: click at $cx,$cy (choice B: $x,$y,$w,$h)" >&2
            xdotool mousemove --window "$wid" "$cx" "$cy" click 1 ||
                die "xdotool mousemove/click failed"
        fi
        wait_change "$tmp/q$q.ppm" "$tmp/f$q.ppm" 10 "feedback $q"
        [ "$q" -eq 1 ] && save "$tmp/f1.ppm" feedback
        sleep 0.5 # feedback ignores input for 400 ms
        key Return
        # left when the next question is shown, or, after the last, when the
        # results file is written (the round ends). Should a Return come too
        # early it is ignored: press it again (on a question it does nothing).
        tries=0
        until_in 10
        while :; do
            if [ "$q" -lt 5 ]; then
                grep -q "^trace: question $((q + 1)) item " "$err" && break
            else
                [ -s "$tmp/data/results.csv" ] && break
            fi
            alive "after feedback $q"
            [ "$SECONDS" -lt "$end" ] || die "Return did not leave the feedback of question $q within 10 s"
            tries=$((tries + 1))
            [ $((tries % 20)) -eq 0 ] && key Return
            sleep 0.1
        done
        prev="$tmp/f$q.ppm"
    done

    # summary (the results file was written when the round ended)
    wait_change "$tmp/f5.ppm" "$tmp/summary.ppm" 10 "the summary"
    save "$tmp/summary.ppm" summary
    sleep 0.6 # the summary ignores input for 500 ms
    key Return
    wait_change "$tmp/summary.ppm" "$tmp/title-again.ppm" 10 "the title after the summary"

    # quit with ctrl+q; close the window, then kill, as fallbacks
    xdotool key ctrl+q
    for step in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
        kill -0 "$gpid" 2>/dev/null || break
        if [ "$step" -eq 20 ]; then
            echo "warning: ctrl+q did not quit within 2 s: closing the window" >&2
            xdotool windowclose "$wid" 2>/dev/null
        fi
        sleep 0.1
    done
    if kill -0 "$gpid" 2>/dev/null; then
        die "the game did not quit on ctrl+q nor on closing its window"
    fi
    game_ended 1
    exit 0
fi

# ------------------------------------------------------------------ main --
if [ $# -lt 3 ]; then
    echo "usage: $0 path/to/quizmill path/to/quizmill-gen source-dir [shot-dir]" >&2
    exit 2
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in Xvfb xauth xdotool import convert identify python3 timeout setsid; do
    command -v "$tool" >/dev/null 2>&1 ||
        fail "'$tool' is missing: install xvfb xauth xdotool imagemagick python3 (bash tools/setup.sh)"
done
game=$(realpath "$1") || fail "no game at $1"
gen=$(realpath "$2") || fail "no quizmill-gen at $2"
src=$(realpath "$3") || fail "no source folder at $3"
shots=$(realpath "${4:-.}") || fail "no screenshot folder at ${4:-.}"
article="$src/questions/turkmenistan-kazakhstan.txt"
[ -x "$game" ] || fail "$game is not a program"
[ -x "$gen" ] || fail "$gen is not a program"
[ -r "$article" ] || fail "cannot read $article"
mkdir -p "$shots" || fail "cannot create $shots"
start=$SECONDS

tmp=$(mktemp -d) || fail "mktemp failed"
pgid=""
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    [ -n "$pgid" ] && kill -KILL -- "-$pgid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
mkdir -p "$tmp/data"
rm -f "$shots"/xvfb-{title,name,question,feedback,summary}.png

cat >"$tmp/config.ini" <<EOF
[quiz]
article = "$article"
questions = 5
time_limit = 0

[display]
fullscreen = false
width = 1280
height = 720
feedback_seconds = 0
ask_name = true

[sound]
sound = false
EOF

timeout 10 "$gen" -c "$tmp/config.ini" -s "$SEED" -f json >"$tmp/round.json" 2>"$tmp/gen.err" ||
    fail "quizmill-gen -c CONFIG -s $SEED -f json failed: $(head -c 500 "$tmp/gen.err")"
python3 - "$tmp/round.json" >"$tmp/nchoices" <<'P' || fail "quizmill-gen's JSON is not a round of 5 items"
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(items) == 5, len(items)
assert all(len(it["choices"]) >= 2 for it in items)
print(" ".join(str(len(it["choices"])) for it in items))
P
# the keys must name a choice of their question
read -r -a nch <"$tmp/nchoices"
for i in 0 1 2 3; do
    [ "${KEYS[$i]}" -le "${nch[$i]}" ] || KEYS[i]=$(( (KEYS[i] - 1) % nch[i] + 1 ))
done

# the driver, in its own process group so that all of it can be killed
setsid env KEYS_FOR_1_TO_4="${KEYS[*]}" "$(dirname "$0")/xvfb_run.sh" '-screen 0 1280x720x24' \
    bash "$0" --drive "$game" "$tmp" "$shots" >"$tmp/drive.out" 2>"$tmp/drive.err" &
pgid=$!
budget=$((TOTAL_S - 5 - (SECONDS - start)))
timed_out=0
while kill -0 "$pgid" 2>/dev/null; do
    if [ $((SECONDS - start)) -ge $((TOTAL_S - 5)) ]; then
        timed_out=1
        kill -TERM -- "-$pgid" 2>/dev/null
        sleep 1
        kill -KILL -- "-$pgid" 2>/dev/null
        break
    fi
    sleep 0.2
done
wait "$pgid" 2>/dev/null
drc=$?
kill -KILL -- "-$pgid" 2>/dev/null # whatever the driver left behind
if [ "$timed_out" -eq 1 ]; then
    cat "$tmp/drive.err" >&2
    [ -f "$tmp/game.err" ] && { echo "--- game stderr ---" >&2; cat "$tmp/game.err" >&2; }
    fail "the game or Xvfb hung: killed after $budget s"
fi
if [ "$drc" -ne 0 ]; then
    cat "$tmp/drive.out" "$tmp/drive.err" >&2
    fail "playing the game under Xvfb failed (status $drc)"
fi

for s in title name question feedback summary; do
    [ -s "$shots/xvfb-$s.png" ] || fail "no screenshot $shots/xvfb-$s.png"
done

python3 - "$tmp/round.json" "$tmp/data/results.csv" "$tmp/traces" "$NAME" "${KEYS[@]}" <<'P' ||
import csv, json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
results, traces, name = sys.argv[2], sys.argv[3], sys.argv[4]
keyed = [int(k) - 1 for k in sys.argv[5:9]]
chosen_idx = keyed + [1]  # question 5: a click on the 2nd choice
errors = []
def check(ok, msg):
    if not ok:
        errors.append(msg)

# the game showed the items quizmill-gen printed, in that order
shown = [line.split()[4] for line in open(traces, encoding="utf-8")]
check(shown == [it["id"] for it in items],
      f"the game showed items {shown}, quizmill-gen printed {[it['id'] for it in items]}")

with open(results, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header = "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points".split(",")
if not rows or rows[0] != header:
    sys.exit(f"results.csv header is {rows[0] if rows else 'missing'}, expected {header}")
rows = [dict(zip(header, r)) for r in rows[1:]]
if len(rows) != 5:
    sys.exit(f"results.csv has {len(rows)} rows, expected 5")
score = 0
for i, (row, it, c) in enumerate(zip(rows, items, chosen_idx), 1):
    how = "clicked" if i == 5 else f"key {c + 1}"
    check(row["item"] == it["id"], f"row {i}: item {row['item']}, expected {it['id']}")
    check(row["topic"] == it["topic"], f"row {i}: topic {row['topic']}, expected {it['topic']}")
    check(row["player"] == name, f"row {i}: player {row['player']!r}, expected {name!r}")
    check(row["difficulty"] == "medium", f"row {i}: difficulty {row['difficulty']}")
    check(row["round"] == rows[0]["round"] and row["round"], f"row {i}: round {row['round']!r}")
    check(row["chosen"] == it["choices"][c],
          f"row {i} ({how}): chosen {row['chosen']!r}, expected {it['choices'][c]!r}")
    check(row["right"] == it["choices"][it["answer"]],
          f"row {i}: right {row['right']!r}, expected {it['choices'][it['answer']]!r}")
    want = c == it["answer"]
    check(row["correct"] in ("0", "1") and (row["correct"] == "1") == want,
          f"row {i} ({how}): correct {row['correct']!r}, expected {int(want)}")
    try:
        pts, ms = int(row["points"]), int(row["ms"])
    except ValueError:
        errors.append(f"row {i}: points {row['points']!r} or ms {row['ms']!r} not a number")
        continue
    check(ms >= 0, f"row {i}: ms {ms}")
    check(pts > 0 if want else pts == 0,
          f"row {i}: {pts} points for a {'right' if want else 'wrong'} answer")
    score += pts
right = sum(c == it["answer"] for it, c in zip(items, chosen_idx))
print(f"{right} of 5 right, {score} points")
if errors:
    sys.exit("results.csv does not match quizmill-gen:\n  " + "\n  ".join(errors))
open(sys.argv[2] + ".score", "w").write(str(score))
P
    fail "results check"

score=$(cat "$tmp/data/results.csv.score")
if [ "$score" -gt 0 ]; then
    # the high scores are the database's standings
    got=$(python3 -c 'import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
print("\n".join(f"{p}\t{s}" for p, s in con.execute("select player, score from standings")))' \
          "$tmp/data/quizmill.db") || fail "cannot read $tmp/data/quizmill.db"
    printf '%s\n' "$got" | grep -qx "$NAME	$score" ||
        fail "the score is $score but the high scores hold no '$NAME' with it: $got"
fi
echo "PASS: game_xvfb in $((SECONDS - start)) s (screenshots: $shots/xvfb-*.png)"
exit 0
