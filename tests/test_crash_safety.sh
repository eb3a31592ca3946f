#!/usr/bin/env bash
# test_crash_safety.sh - the saved files survive SIGKILL at any moment.
#
# Starts the game headless with autoplay (delay 0: it saves the results CSV
# after every round and the high scores whenever one enters the table) again
# and again, kills it with SIGKILL after a random 0-300 ms, and after every
# kill checks, strictly (python3):
#   - scores.txt, when present, is whole: "quizmill-scores 1" then entries of
#     six tab-separated fields the game would load back;
#   - results.csv, when present, is whole: the header and complete rows of 11
#     fields ending in CRLF, never a torn last row;
#   - both files only grow: each starts with what the previous check saw
#     (results) or keeps every better entry (scores, a top-10 table);
#   - no other file than a leftover "NAME.tmp-PID" of the killed process
#     exists, and the next run does not trip over it.
# Kills that left a temporary file (so landed during a save) are counted and
# must happen at least once. Bounded to about 30 s.
#
# Usage: test_crash_safety.sh path/to/quizmill source-dir [iterations]
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 quizmill source-dir [iterations]" >&2
    exit 2
fi
game=$(realpath "$1")
src=$(realpath "$2")
iterations=${3:-60}
budget=30 # seconds for the kill loop
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qm-crash.XXXXXX")
pid=""
cleanup() {
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg-config XDG_DATA_HOME=$tmp/xdg-data
unset QUIZMILL_TRACE LD_PRELOAD
mkdir -p "$HOME" "$tmp/data"
data=$tmp/data
# few questions, so rounds (and saves) come often
printf '[quiz]\narticle = %s/questions/turkmenistan-kazakhstan.txt\nquestions = 3\n' "$src" \
    >"$tmp/config.ini"

failed=0
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }

# check.py PREV-DIR DATA-DIR PID: validates the data folder against the copy
# of the previous check; prints "tmp" when process PID left a temporary file. Exit 1 on
# the first problem, with why.
cat >"$tmp/check.py" <<'P'
import os, re, sys, csv, io
prev, data, pid = sys.argv[1], sys.argv[2], sys.argv[3]
HEADER = "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points"
problems = []
left_tmp = []
for name in sorted(os.listdir(data)):
    if name in ("scores.txt", "results.csv"):
        continue
    if re.fullmatch(r"(scores\.txt|results\.csv)\.tmp-[0-9]+", name):
        if name.endswith(f".tmp-{pid}"):
            left_tmp.append(name)  # left by the process just killed
        continue
    problems.append(f"unexpected file {name}")

def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None

# scores.txt: strictly what the game writes
scores = read(os.path.join(data, "scores.txt"))
entries = []
if scores is not None:
    try:
        text = scores.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("scores.txt: invalid UTF-8")
        text = ""
    if not text.endswith("\n"):
        problems.append("scores.txt: no line end at the end (torn)")
    lines = text.split("\n")[:-1]
    if not lines or lines[0] != "quizmill-scores 1":
        problems.append(f"scores.txt: first line {lines[:1]}")
    per = {}
    for i, line in enumerate(lines[1:], 2):
        f = line.split("\t")
        ok = (len(f) == 6 and f[0] in ("easy", "medium", "hard")
              and all(re.fullmatch(r"[0-9]+", x) for x in f[1:5])
              and int(f[2]) <= int(f[3]) and 1 <= len(f[5].encode()) <= 16
              and not any(ord(c) < 32 or ord(c) == 127 for c in f[5]))
        if not ok:
            problems.append(f"scores.txt:{i}: malformed entry {line!r}")
            continue
        per.setdefault(f[0], []).append(int(f[1]))
        entries.append(line)
    for d, v in per.items():
        if len(v) > 10 or v != sorted(v, reverse=True):
            problems.append(f"scores.txt: {d} table not a sorted top 10: {v}")
    old = read(os.path.join(prev, "scores.txt"))
    if old is not None:
        # a top-10 table: an old entry may only fall off below 10 better ones
        new_scores = {}
        for e in entries:
            f = e.split("\t")
            new_scores.setdefault(f[0], []).append(int(f[1]))
        for line in old.decode("utf-8").split("\n")[1:-1]:
            f = line.split("\t")
            if line in entries:
                continue
            better = [s for s in new_scores.get(f[0], []) if s >= int(f[1])]
            if len(better) < 10:
                problems.append(f"scores.txt: entry lost: {line!r}")
elif read(os.path.join(prev, "scores.txt")) is not None:
    problems.append("scores.txt: vanished")

# results.csv: header, whole CRLF rows of 11 fields, old bytes kept
res = read(os.path.join(data, "results.csv"))
old = read(os.path.join(prev, "results.csv"))
if res is not None:
    if old is not None and not res.startswith(old):
        problems.append(f"results.csv: old content changed or lost ({len(old)} -> {len(res)} bytes)")
    if not res.endswith(b"\r\n"):
        problems.append("results.csv: the last row is torn (no CRLF at the end)")
    try:
        rows = list(csv.reader(io.StringIO(res.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error) as e:
        problems.append(f"results.csv: {e}")
        rows = []
    if not rows or ",".join(rows[0]) != HEADER:
        problems.append("results.csv: header missing")
    for i, r in enumerate(rows[1:], 2):
        if len(r) != 11 or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}", r[0]) \
                or r[8] not in ("0", "1") or not r[9].isdigit():
            problems.append(f"results.csv: row {i} malformed: {r}")
            break
elif old is not None:
    problems.append("results.csv: vanished")

if problems:
    print("; ".join(problems[:5]))
    sys.exit(1)
print("tmp" if left_tmp else "clean")
P

mkdir -p "$tmp/prev"
kills=0
left=0
exited=0
runs=0
start=$SECONDS
for ((i = 1; i <= iterations; i++)); do
    if [ $((SECONDS - start)) -ge "$budget" ]; then
        echo "note: time budget of $budget s reached after $((i - 1)) iterations"
        break
    fi
    "$game" -c "$tmp/config.ini" --windowed --autoplay 1000 --autoplay-delay 0 \
        --data-dir "$data" >/dev/null 2>"$tmp/err" </dev/null &
    pid=$!
    runs=$((runs + 1))
    # 0-300 ms; the game needs some 20-50 ms to start, so a few kills land
    # before the first save and most during rounds
    sleep "$(printf '0.%03d' $((RANDOM % 301)))"
    if kill -KILL "$pid" 2>/dev/null; then
        kills=$((kills + 1))
    fi
    wait "$pid" 2>/dev/null
    rc=$?
    killed=$pid
    pid=""
    if [ "$rc" -ne 137 ]; then
        exited=$((exited + 1))
        [ "$rc" -eq 0 ] || { fail "iteration $i: the game exited $rc, not killed: $(head -c 300 "$tmp/err")"; break; }
    fi
    if grep -q . "$tmp/err"; then
        fail "iteration $i: the game complained: $(head -n 2 "$tmp/err")"
        break
    fi
    if ! verdict=$(timeout 20 python3 "$tmp/check.py" "$tmp/prev" "$data" "$killed"); then
        fail "iteration $i (killed after a random sleep): $verdict"
        cp -a "$data" "$tmp/../qm-crash-failed.$$" 2>/dev/null &&
            echo "the data folder is kept in ${TMPDIR:-/tmp}/qm-crash-failed.$$" >&2
        break
    fi
    [ "$verdict" = tmp ] && left=$((left + 1))
    rm -rf "$tmp/prev"
    mkdir -p "$tmp/prev"
    for f in scores.txt results.csv; do
        [ -e "$data/$f" ] && cp "$data/$f" "$tmp/prev/"
    done
done

# a last run after all those kills: it must start, play and save, ignoring
# (or replacing) any leftover temporary file
timeout -k 5 60 "$game" -c "$tmp/config.ini" --windowed --autoplay 2 --autoplay-delay 0 \
    --data-dir "$data" >/dev/null 2>"$tmp/err" </dev/null
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] ||
    fail "the run after the kills: exit $rc: $(head -c 300 "$tmp/err")"
if ! verdict=$(python3 "$tmp/check.py" "$tmp/prev" "$data" 0); then
    fail "after the last run: $verdict"
fi
rows=$(($(wc -l <"$data/results.csv" 2>/dev/null || echo 1) - 1))

echo "$runs runs, $kills killed, $exited exited by themselves; $left kills left a temporary file" \
    "(landed during a save); results.csv has $rows rows"
[ "$kills" -ge 10 ] || fail "only $kills kills landed"
[ "$left" -ge 1 ] || fail "no kill landed during a save (no temporary file was ever left)"
[ "$rows" -ge 1 ] || fail "no result row was ever saved"
[ "$failed" -eq 0 ] && echo "ok" || echo "$failed failed"
[ "$failed" -eq 0 ]
