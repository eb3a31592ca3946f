#!/usr/bin/env bash
# test_event_xvfb.sh - the event mode in a real X window (Xvfb, 1920x1080):
#   a. a 4-team round: two teams on keyboard zones (Q W E R and U I O P,
#      pressed by xdotool), a gamepad and a joystick; the host pauses (Esc),
#      takes points away (Ctrl+Shift+1), awards them (Ctrl+2) and skips the
#      last question (Ctrl+S), each with its sign on screen;
#   b. a buzzer round (M on the title) with a Buzz! buzzer's four handsets:
#      a wrong answer locks a player out and another buzzes after it; at the
#      last question the host's Ctrl+E asks first (Esc: no, the show goes
#      on), then Ctrl+E and Enter end it.
# The joysticks are SDL virtual joysticks driven through the game's test
# feed (QUIZMILL_TEST_JOYSTICKS, game/ui/testfeed.h): their events take SDL's
# real joystick path. The config asks for 5 choices; the event modes deal
# 4 (one per choice button), in the game and in quizmill-gen alike. The
# results CSV is checked row by row, and each team's points, against
# quizmill-gen's answer key for the same config and seed. The game is
# followed through QUIZMILL_TRACE=1. Screenshots (event-*.png) of each
# round's join screen, a question, the scoreboard (and after the host's
# award), the end's question, the podium and the standings are left in
# SHOT-DIR for people to look at.
#
# Usage: test_event_xvfb.sh path/to/quizmill path/to/quizmill-gen source-dir [SHOT-DIR]
# Skips (exit 77) when Xvfb or xdotool is missing; ImageMagick (import,
# convert, identify), xauth and python3 are needed. The whole test ends
# within 80 s, even when the game hangs.
set -u
# die, alive, until_in, grab, find_window, game_ended, fail, run_in_xvfb
# shellcheck source=xvfb_lib.sh
. "$(dirname "$0")/xvfb_lib.sh"

SEED=2721 # its 4 questions: the first 3 of 4 choices (one a team button each)
TOTAL_S=80      # hard limit for the whole test (Xvfb and all on it killed)
DRIVE_S=70      # the driver gives up after this many seconds (game killed)
TEAMS="Red Pandas, Yellow Jackets, Green Geckos, Purple Owls"
# the teams round, a word a question, a letter a team (1 Q W E R keys,
# 2 U I O P keys, 3 the gamepad, 4 the joystick): R right, W wrong
TEAM_PLAN="WWRR RWRW RWRR"
# the buzzer round, a word a question: the handsets that buzz, in order,
# each with its answer
BUZZ_PLAN="3W,1R 2R 4W,2R"

# ---------------------------------------------------------------- driver --
# Runs on its own Xvfb (xvfb_run.sh): `test_event_xvfb.sh --drive GAME TMP SHOTDIR`, with
# ANSWERS (the right choice of each question, 0-3) in the environment.
# Writes what went wrong to stderr and exits 1.
# shellcheck disable=SC2317 # its functions are called (some through play)
if [ "${1:-}" = "--drive" ]; then
    game=$2 tmp=$3 shots=$4
    export QUIZMILL_TRACE=1 SDL_VIDEODRIVER=x11 QUIZMILL_TEST_JOYSTICKS="$tmp/joysticks"
    unset WAYLAND_DISPLAY SDL_AUDIODRIVER
    read -r -a answers <<<"$ANSWERS"
    deadline=$((SECONDS + DRIVE_S))
    err="$tmp/game.err"
    gpid="" seen=0 step="start"

    # expect LINE SECS: waits for the game's stderr line LINE after the
    # lines already consumed, and consumes up to it
    expect() {
        until_in "$2"
        local n
        while :; do
            n=$(tail -n "+$((seen + 1))" "$err" | grep -n -m1 -x -F -- "$1" | cut -d: -f1)
            if [ -n "$n" ]; then
                seen=$((seen + n))
                return 0
            fi
            alive "waiting for '$1'"
            [ "$SECONDS" -lt "$end" ] || die "no '$1' within $2 s"
            sleep 0.05
        done
    }
    # shot NAME: the screen as it is now (after the last change was drawn)
    shot() {
        sleep 0.3
        grab "$tmp/$1.ppm"
        convert "$tmp/$1.ppm" "$shots/event-$1.png" || die "cannot write $shots/event-$1.png"
    }
    # still_shot NAME: the screen once it holds still for 0.2 s
    still_shot() {
        until_in 5
        grab "$tmp/$1.ppm"
        while :; do
            sleep 0.2
            grab "$tmp/$1.again.ppm"
            cmp -s "$tmp/$1.ppm" "$tmp/$1.again.ppm" && break
            mv "$tmp/$1.again.ppm" "$tmp/$1.ppm"
            [ "$SECONDS" -lt "$end" ] || die "the screen did not hold still for $1"
        done
        convert "$tmp/$1.ppm" "$shots/event-$1.png" || die "cannot write $shots/event-$1.png"
    }
    key() { xdotool key --clearmodifiers "$@" || die "xdotool key $* failed"; }
    feed() { printf '%s\n' "$@" >&3 || die "cannot write to the joystick feed"; }
    tap() { feed "press $1 $2" "release $1 $2"; }
    # the choice of question q (1-based) that is right (R) or wrong (W)
    pick() {
        local r=${answers[$(($1 - 1))]}
        if [ "$2" = R ]; then echo "$r"; else echo $(((r + 1) % 4)); fi
    }
    zone0=(q w e r) zone1=(u i o p)
    # team_answer Q TEAM R|W: team 1-4 answers question Q
    team_answer() {
        local c
        c=$(pick "$1" "$3")
        case $2 in
        1) key "${zone0[$c]}" ;;
        2) key "${zone1[$c]}" ;;
        3) tap 0 "$c" ;; # gamepad: A B X Y are buttons 0 1 2 3
        4) tap 1 "$c" ;; # joystick: buttons 0-3
        esac
        expect "trace: match question $1 answered team $2" 5
    }
    # teams_question Q PLAN-WORD: the four teams answer question Q
    teams_question() {
        if [ "$1" -eq 2 ]; then # the host's pause, logged
            key Escape
            expect "trace: screen pause" 5
            key Escape
            expect "trace: screen match" 5
        fi
        # teams 3 and 1 first: the question with two answers in
        team_answer "$1" 3 "${2:2:1}"
        team_answer "$1" 1 "${2:0:1}"
        [ "$1" -eq 1 ] && shot team-question
        team_answer "$1" 2 "${2:1:1}"
        team_answer "$1" 4 "${2:3:1}"
        expect "trace: match question $1 reveal" 5
        [ "$1" -eq 2 ] && still_shot scoreboard
        if [ "$1" -eq 3 ]; then # the host takes 1000 points from team 1
            key ctrl+shift+1
            expect "trace: match sign 1000 points taken from Red Pandas" 5
            key ctrl+2 # and gives 1000 to team 2
            expect "trace: match sign +1000 points to Yellow Jackets" 5
            shot scoreboard-award
            until_in 5
            # committed to the database the moment the host acts
            until python3 -c 'import sqlite3, sys
n = sqlite3.connect(sys.argv[1]).execute("select count(*) from answers where chosen = ?",
                                        ("host: remove",)).fetchone()[0]
sys.exit(0 if n else 1)' "$tmp/data/quizmill.db" 2>/dev/null; do
                alive "waiting for the host's remove"
                [ "$SECONDS" -lt "$end" ] || die "Ctrl+Shift+1 was not logged within 5 s"
                sleep 0.05
            done
        fi
    }
    # buzzer_question Q PLAN-WORD: the handsets buzz and answer in turn
    buzzer_question() {
        local turn h rw
        IFS=, read -r -a turns <<<"$2"
        for turn in "${turns[@]}"; do
            h=${turn:0:1} rw=${turn:1:1}
            tap 2 $(((h - 1) * 5)) # buzz
            expect "trace: match question $1 answering team $h" 5
            [ "$1" -eq 1 ] && [ "$rw" = R ] && shot buzzer-question
            tap 2 $(((h - 1) * 5 + 1 + $(pick "$1" "$rw")))
            if [ "$rw" = R ]; then
                expect "trace: match question $1 reveal" 5
            else
                expect "trace: match question $1 asking" 5 # locked out, the others may buzz
                tap 2 $(((h - 1) * 5)) # a locked-out handset cannot buzz again
            fi
        done
        [ "$1" -eq 1 ] && still_shot buzzer-scoreboard
    }
    # the last question of each round: the teams' is skipped, the buzzer's
    # ended by the host, who says no first
    last_teams() {
        key ctrl+s
        expect "trace: match sign Question skipped" 5
    }
    last_buzzer() {
        key ctrl+e
        expect "trace: match confirm end" 5
        shot confirm-end
        key Escape
        expect "trace: match confirm no" 5
        grep -q -x -F "trace: screen podium" <(tail -n "+$((seen + 1))" "$err") &&
            die "the first Ctrl+E ended the show"
        key ctrl+e
        expect "trace: match confirm end" 5
        key Return
    }
    # play NAME PLAN QUESTION-FN LAST-FN: from the full join screen (its
    # picture NAME-join) through three questions and the host's end of the
    # fourth (LAST-FN) to the podium (NAME-podium), its standings
    # (NAME-standings) and back to the title
    play() {
        local q
        still_shot "$1join"
        key Return
        expect "trace: screen match" 5
        read -r -a plan <<<"$2"
        for q in 1 2 3; do
            step="${1:-teams-}question $q"
            expect "trace: match question $q asking" 5
            "$3" "$q" "${plan[$((q - 1))]}"
            sleep 0.5 # the reveal ignores input for 400 ms
            key Return
        done
        step="${1:-teams-}question 4"
        expect "trace: match question 4 asking" 5
        "$4"
        step="${1:-teams-}podium"
        expect "trace: screen podium" 5
        still_shot "$1podium"
        sleep 0.4 # the podium ignores input for 600 ms
        key Return
        sleep 0.3
        still_shot "$1standings"
        sleep 0.4 # the high scores too
        key Return
        expect "trace: screen title" 5
    }

    mkfifo "$tmp/joysticks" || die "mkfifo failed"
    : >"$err"
    "$game" --windowed --seed "$SEED" --data-dir "$tmp/data" -c "$tmp/config.ini" \
        >"$tmp/game.out" 2>"$err" &
    gpid=$!
    # read and write: never blocks, and the game never sees the feed end
    exec 3<>"$tmp/joysticks"

    step="window"
    expect "trace: screen title" 15
    find_window 15
    feed "attach pad" "attach stick" "attach buzz" # joysticks 0, 1, 2

    step="teams: join"
    key Return
    expect "trace: screen join" 5
    key q
    expect "trace: join team 1 control 100" 5
    key u
    expect "trace: join team 2 control 101" 5
    tap 0 0
    expect "trace: join team 3 control 2" 5
    tap 1 0
    expect "trace: join team 4 control 3" 5
    play "" "$TEAM_PLAN" teams_question last_teams

    step="buzzer-join"
    key m # the title's mode: buzzer
    sleep 0.2
    key Return
    expect "trace: screen join" 5
    for h in 0 1 2 3; do
        tap 2 $((h * 5)) # each handset's red buzz button
        expect "trace: join team $((h + 1)) control $((16 + 2 * 4 + h))" 5
    done
    play buzzer- "$BUZZ_PLAN" buzzer_question last_buzzer

    step="quit"
    grep -v -e '^trace: ' -e '^warning: no gamepads' "$err" >"$tmp/unexpected"
    [ -s "$tmp/unexpected" ] && die "unexpected lines on stderr: $(head -n 5 "$tmp/unexpected")"
    xdotool key ctrl+q
    game_ended 5
    exit 0
fi

# ------------------------------------------------------------------ main --
[ $# -ge 3 ] || { echo "usage: $0 path/to/quizmill path/to/quizmill-gen source-dir [shot-dir]" >&2; exit 2; }
for tool in Xvfb xdotool; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: '$tool' is missing (install xvfb xdotool: bash tools/setup.sh)"
        exit 77
    fi
done
for tool in xauth import convert identify python3 timeout mkfifo; do
    command -v "$tool" >/dev/null 2>&1 ||
        fail "'$tool' is missing: install xauth imagemagick python3 (bash tools/setup.sh)"
done
# the programs, the article, the screenshots' folder, a scratch folder
{ game=$(realpath "$1") && gen=$(realpath "$2") && src=$(realpath "$3") &&
    [ -x "$game" ] && [ -x "$gen" ]; } || fail "no programs at $1 and $2"
article="$src/questions/turkmenistan-kazakhstan.txt"
shots=$(realpath -m "${4:-.}")
[ -r "$article" ] || fail "cannot read $article"
{ mkdir -p "$shots" && rm -f "$shots"/event-*.png; } || fail "cannot use $shots for screenshots"
{ tmp=$(mktemp -d) && mkdir "$tmp/data"; } || fail "no scratch folder"
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS

cat >"$tmp/config.ini" <<EOF
[quiz]
article = "$article"
questions = 4
difficulty = medium
choices = 5
time_limit = 30

[scoring]
time_bonus = false
streak_bonus = false

[display]
fullscreen = false
width = 1920
height = 1080
feedback_seconds = 0
ask_name = false

[sound]
sound = false

[event]
mode = teams
teams = $TEAMS
buzz_time = 30
answer_time = 20
EOF

timeout 10 "$gen" -c "$tmp/config.ini" -s "$SEED" -f json >"$tmp/round.json" 2>"$tmp/gen.err" ||
    fail "quizmill-gen -c CONFIG -s $SEED -f json failed: $(head -c 500 "$tmp/gen.err")"
right=$(python3 - "$tmp/round.json" <<'P'
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(items) == 4, f"{len(items)} items, expected 4"
for it in items[:3]:  # the 4th is skipped or ended, never answered
    assert len(it["choices"]) == 4, f"item {it['id']}: {len(it['choices'])} choices, expected 4 in teams mode"
print(" ".join(str(it["answer"]) for it in items))
P
) || fail "quizmill-gen's JSON is not a round of 4 items of 4 choices"

export ANSWERS="$right"
run_in_xvfb "$TOTAL_S" 1920x1080x24 "$tmp/drive.err" \
    bash "$0" --drive "$game" "$tmp" "$shots" || fail "playing the event mode under Xvfb failed"

for s in join team-question scoreboard scoreboard-award podium standings buzzer-join \
    buzzer-question buzzer-scoreboard confirm-end buzzer-podium buzzer-standings; do
    f="$shots/event-$s.png"
    [ -s "$f" ] || fail "no screenshot $f"
    size=$(identify -format '%wx%h' "$f" 2>/dev/null)
    [ "$size" = 1920x1080 ] || fail "$f is $size, not 1920x1080"
    colours=$(identify -format '%k' "$f" 2>/dev/null || echo 0)
    [ "${colours:-0}" -gt 20 ] || fail "$f is almost blank ($colours colours)"
done

python3 - "$tmp/round.json" "$tmp/data/results.csv" "$TEAMS" "$TEAM_PLAN" "$BUZZ_PLAN" <<'P' ||
import csv, json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
names = [n.strip() for n in sys.argv[3].split(",")]
team_plan, buzz_plan = sys.argv[4].split(), sys.argv[5].split()
by_id = {it["id"]: it for it in items}

def letter(it, rw):
    return it["answer"] if rw == "R" else (it["answer"] + 1) % 4

def answer(q, team, rw):
    it = items[q]
    c = letter(it, rw)
    right = c == it["answer"]
    return (names[team], it["id"], it["choices"][c], "1" if right else "0", 1000 if right else 0)

def host(q, player, what, points):
    return (player, items[q]["id"], "host: " + what, "0", points)

# the rows each round should give, in order
teams = []
for q, word in enumerate(team_plan):
    if q == 1:
        teams.append(host(q, "host", "pause", 0))
    teams += [answer(q, t, word[t]) for t in range(4)]  # scored in team order at the reveal
teams.append(host(2, names[0], "remove", -1000))
teams.append(host(2, names[1], "award", 1000))
teams.append(host(3, "host", "skip", 0))
buzzer = []
for q, word in enumerate(buzz_plan):
    for turn in word.split(","):
        buzzer.append(answer(q, int(turn[0]) - 1, turn[1]))
buzzer.append(host(3, "host", "end", 0))

with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header = "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points".split(",")
if not rows or rows[0] != header:
    sys.exit(f"results.csv header is {rows[0] if rows else 'missing'}, expected {header}")
rows = [dict(zip(header, r)) for r in rows[1:]]
rounds = []
for r in rows:
    if not rounds or rounds[-1][0] != r["round"]:
        rounds.append((r["round"], []))
    rounds[-1][1].append(r)
if len(rounds) != 2:
    sys.exit(f"results.csv has {len(rounds)} rounds, expected 2 (teams, buzzer)")

errors = []
for (rid, got), want, what in zip(rounds, (teams, buzzer), ("teams", "buzzer")):
    seen = [(r["player"], r["item"], r["chosen"],
             r["correct"] if not r["chosen"].startswith("host: ") else "0", int(r["points"]))
            for r in got]
    if seen != want:
        errors.append(f"{what} round {rid}: rows\n    " + "\n    ".join(map(str, seen)) +
                      "\n  expected\n    " + "\n    ".join(map(str, want)))
    for r in got:
        it = by_id.get(r["item"])
        if not it or r["right"] != it["choices"][it["answer"]]:
            errors.append(f"{what}: row {r}: item or right choice not quizmill-gen's")
    sums = {n: 0 for n in names}
    for r in got:
        if r["player"] in sums:
            sums[r["player"]] += int(r["points"])
    expect = {n: sum(p for pl, _, _, _, p in want if pl == n) for n in names}
    print(f"{what}: " + ", ".join(f"{n} {sums[n]}" for n in names))
    if sums != expect:
        errors.append(f"{what}: points per team {sums}, expected {expect}")
if errors:
    sys.exit("results.csv does not match quizmill-gen's answer key:\n  " + "\n  ".join(errors))
P
    fail "results check"

echo "PASS: game_event_xvfb in $((SECONDS - start)) s (screenshots: $shots/event-*.png)"
exit 0
