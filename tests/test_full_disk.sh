#!/usr/bin/env bash
# test_full_disk.sh - a full disk loses no committed answer and crashes nothing.
#
# Needs root and a tmpfs mount (else prints "skipped: cannot mount a tmpfs"
# and exits 77). The data folder is a tiny tmpfs (1 MiB: the database's
# write-ahead log fills it after some 25-100 of the run's 400 answers, SQLite
# checkpointing only every 1000 pages), always unmounted at the end. Three
# games, each with QUIZMILL_TRACE=1:
#   1. `--autoplay 40 --autoplay-delay 0` on the small disk: exits 0 (no
#      crash, no hang), warns on stderr that writes are "(kept, retried)" (or
#      that the disk is full), says nothing a full disk does not explain
#      (results.csv cannot be saved; at exit, the writes lost); it traced some
#      answers committed before the disk filled; results.csv, when there, is
#      whole (header, rows of 11 fields, CRLF) and no temporary file is left.
#      A copy of the database (and its WAL) checked by sqlite3: integrity ok,
#      every answer the trace reported committed is there ("committed round
#      CODE answer SEQ": the key CODE#SEQ; "saved round CODE answers N
#      pending 0": the round has at least N answers).
#   2. The disk grown (mount -o remount,size=4m), one round: exits 0 without
#      a warning; in place, integrity ok, every answer traced committed by
#      both runs is there, the count of answers grew by exactly this round's
#      and results.csv holds one row per answer.
#   3. A slower game (`--autoplay 2 --autoplay-delay 60`); once it has
#      committed an answer, the disk is filled by a file; once it warns that
#      writes are kept and retried, the file is removed: its retries must then
#      commit its whole queue, so every answer it traced handing to the store
#      (pending or not) is in the database, and it reports no write lost.
# Between checks, the count of answers never goes down.
#
# Usage: test_full_disk.sh path/to/quizmill source-dir
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 quizmill source-dir" >&2
    exit 2
fi
game=$(realpath "$1")
src=$(realpath "$2")
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
skip() {
    echo "skipped: $*"
    exit 77
}
command -v sqlite3 >/dev/null || fail "needs the sqlite3 command (tools/setup.sh installs it)"
[ "$(id -u)" -eq 0 ] || skip "cannot mount a tmpfs (not root)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qm-fulldisk.XXXXXX") || fail "mktemp failed"
mnt=$tmp/data
gpid=""
cleanup() {
    [ -n "$gpid" ] && kill -KILL "$gpid" 2>/dev/null && wait "$gpid" 2>/dev/null
    if mountpoint -q "$mnt" 2>/dev/null; then
        umount "$mnt" 2>/dev/null || umount -l "$mnt"
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
mkdir -p "$mnt" "$tmp/home" "$tmp/snap"
mount -t tmpfs -o size=1m,mode=0755 qm-fulldisk "$mnt" 2>"$tmp/mount.err" ||
    skip "cannot mount a tmpfs ($(head -n 1 "$tmp/mount.err"))"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy QUIZMILL_TRACE=1
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg-config XDG_DATA_HOME=$tmp/xdg-data
unset LD_PRELOAD
printf '[quiz]\narticle = "%s"\nquestions = 10\ntime_limit = 0\n[display]\nfeedback_seconds = 0\n[sound]\nsound = false\n' \
    "$src/questions/turkmenistan-kazakhstan.txt" >"$tmp/config.ini"

# check.py MODE DB LOG... : MODE "committed" checks that every answer the
# LOGs traced committed (a "saved round CODE answers N pending 0" line: the
# round's first N; "committed round CODE answer SEQ": the answer CODE#SEQ)
# is in DB; "all" that every answer they traced handed to the store at all
# is. Checks integrity too, and prints the number of answers in DB and of
# those the LOGs traced.
cat >"$tmp/check.py" <<'P'
import collections, re, subprocess, sys
mode, db, logs = sys.argv[1], sys.argv[2], sys.argv[3:]
saved = re.compile(r"trace: saved round (\S+) answers ([0-9]+) pending ([0-9]+)$")
commit = re.compile(r"trace: committed round (\S+) answer ([0-9]+)$")
want = {}
keys = set()
for log in logs:
    for line in open(log, encoding="utf-8", errors="replace"):
        m = saved.match(line.rstrip("\n"))
        if m and (mode == "all" or m.group(3) == "0"):
            want[m.group(1)] = max(want.get(m.group(1), 0), int(m.group(2)))
        m = commit.match(line.rstrip("\n"))
        if m:
            keys.add(f"{m.group(1)}#{m.group(2)}")
            want[m.group(1)] = max(want.get(m.group(1), 0), int(m.group(2)) + 1)
def sql(q):
    r = subprocess.run(["sqlite3", "-batch", "-bail", db, q], capture_output=True, text=True,
                       timeout=60)
    if r.returncode != 0:
        print(f"sqlite3 {q!r}: {r.stderr.strip()[:300]}")
        sys.exit(1)
    return [l.split("|") for l in r.stdout.splitlines()]
problems = []
ic = sql("PRAGMA integrity_check")
if ic != [["ok"]]:
    problems.append(f"integrity_check: {ic[:3]}")
have = collections.Counter({r: int(n) for r, n in sql("SELECT round, count(*) FROM answers GROUP BY round")})
short = [(c, n, have[c]) for c, n in sorted(want.items()) if have[c] < n]
lost = keys - {r[0] for r in sql("SELECT key FROM answers")}
if lost:
    problems.append(f"{len(lost)} answers traced committed are missing, e.g. {min(lost)}")
if short:
    c, n, h = short[0]
    problems.append(f"{len(short)} rounds lost answers the trace reported "
                    f"{'committed' if mode != 'all' else 'handed to the store'}: "
                    f"round {c}: traced {n}, the database has {h}")
if problems:
    print("; ".join(problems))
    sys.exit(1)
print(sum(have.values()), sum(want.values()))
P

# results_whole FILE: results.csv is whole, when present
results_whole() {
    [ -e "$1" ] || return 0
    python3 - "$1" <<'P'
import csv, io, sys
raw = open(sys.argv[1], "rb").read()
HEADER = "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points"
recs = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
ok = raw.endswith(b"\r\n") and recs and ",".join(recs[0]) == HEADER and \
    all(len(r) == 11 and r[8] in ("0", "1") for r in recs[1:])
if not ok:
    print(f"{sys.argv[1]} is not whole ({len(raw)} bytes, {len(recs)} rows)")
    sys.exit(1)
print(len(recs) - 1)
P
}

run_game() { # LOG ARGS...: the game on the small disk, bounded
    local log=$1
    shift
    timeout -k 5 60 "$game" -c "$tmp/config.ini" --windowed --data-dir "$mnt" "$@" \
        >/dev/null 2>"$log" </dev/null
}

# 1. the disk fills mid-run
run_game "$tmp/run1.log" --autoplay 40 --autoplay-delay 0
rc=$?
[ "$rc" -eq 0 ] || fail "run 1 (disk filling): exit $rc: $(grep -v '^trace: ' "$tmp/run1.log" | tail -n 3)"
grep -q -e '(kept, retried)' -e 'disk is full' "$tmp/run1.log" ||
    fail "run 1: no warning that writes are kept and retried: $(grep -v '^trace: ' "$tmp/run1.log" | head -n 3)"
grep -q -e ' pending 0$' -e '^trace: committed round ' "$tmp/run1.log" ||
    fail "run 1: no answer committed before the disk filled (the tmpfs is too small)"
# anything but the trace and what a full disk explains fails
other=$(grep -v -e '^trace: ' -e '(kept, retried)' -e 'disk is full' -e 'No space left on device' \
    -e '^note: the writes that waited are saved now$' -e '\.unsaved-' "$tmp/run1.log" | head -n 3)
[ -z "$other" ] || fail "run 1 said: $other"
rows=$(results_whole "$mnt/results.csv") || fail "run 1: $rows"
leftover=$(find "$mnt" -name '*.tmp-*' | head -n 3)
[ -z "$leftover" ] || fail "run 1 left temporary files: $leftover"
for f in quizmill.db quizmill.db-wal; do
    [ -e "$mnt/$f" ] && cp "$mnt/$f" "$tmp/snap/"
done
out=$(timeout 60 python3 "$tmp/check.py" committed "$tmp/snap/quizmill.db" "$tmp/run1.log") ||
    fail "after run 1 (a copy of the database): $out"
read -r count1 committed1 <<<"$out"
retried1=$(grep -c '(kept, retried)' "$tmp/run1.log")
# at exit, what could not be saved ("cannot save N writes: ...", no "yet")
lost1=$(grep -v '(kept, retried)' "$tmp/run1.log" | grep -o 'cannot save [0-9]* writes\?' | tail -n 1)

# 2. more space: one more round
mount -o remount,size=4m "$mnt" || fail "cannot grow the tmpfs"
run_game "$tmp/run2.log" --autoplay 1 --autoplay-delay 0
rc=$?
[ "$rc" -eq 0 ] || fail "run 2 (space again): exit $rc: $(grep -v '^trace: ' "$tmp/run2.log" | tail -n 3)"
other=$(grep -v '^trace: ' "$tmp/run2.log" | head -n 3)
[ -z "$other" ] || fail "run 2 (space again) warned: $other"
out=$(timeout 60 python3 "$tmp/check.py" committed "$mnt/quizmill.db" "$tmp/run1.log" "$tmp/run2.log") ||
    fail "after run 2: $out"
read -r count2 _ <<<"$out"
# all it handed to the store is committed by its exit (no warning)
round2=$(awk '/^trace: saved round / { n = $6 } END { print n + 0 }' "$tmp/run2.log")
[ "$count2" -ge "$count1" ] || fail "answers went down from $count1 to $count2"
[ "$count2" -eq $((count1 + round2)) ] ||
    fail "after run 2: $count2 answers, expected $count1 + the $round2 of its round"
rows=$(results_whole "$mnt/results.csv") || fail "run 2: $rows"
[ "$rows" -eq "$count2" ] || fail "after run 2: results.csv has $rows rows, the database $count2"

# 3. a game that started with space; the disk filled under it (a file),
# then freed while it runs: its queue must go through
: >"$tmp/run3.log"
"$game" -c "$tmp/config.ini" --windowed --data-dir "$mnt" --autoplay 2 --autoplay-delay 60 \
    >/dev/null 2>"$tmp/run3.log" </dev/null &
gpid=$!
# wait_trace PATTERN SECS: until the game's trace has a line matching PATTERN
wait_trace() {
    local stop=$((SECONDS + $2))
    until grep -q -e "$1" "$tmp/run3.log"; do
        kill -0 "$gpid" 2>/dev/null || break
        [ "$SECONDS" -lt "$stop" ] || break
        sleep 0.05
    done
    grep -q -e "$1" "$tmp/run3.log"
}
wait_trace '^trace: committed round \| pending 0$' 30 ||
    fail "run 3: no answer committed: $(grep -v '^trace: ' "$tmp/run3.log" | head -n 2)"
mkdir -p "$mnt/filler"
dd if=/dev/zero of="$mnt/filler/zeros" bs=4k 2>/dev/null # until the disk is full
wait_trace '(kept, retried)\|disk is full' 30 ||
    fail "run 3: no warning that writes are kept on the full disk: $(grep -v '^trace: ' "$tmp/run3.log" | head -n 2)"
rm -rf "$mnt/filler"
stop=$((SECONDS + 60))
while kill -0 "$gpid" 2>/dev/null && [ "$SECONDS" -lt "$stop" ]; do sleep 0.1; done
kill -0 "$gpid" 2>/dev/null && fail "run 3 did not end within 60 s"
wait "$gpid"
rc=$?
gpid=""
[ "$rc" -eq 0 ] || fail "run 3 (space freed mid-run): exit $rc: $(grep -v '^trace: ' "$tmp/run3.log" | tail -n 3)"
lost3=$(grep -e 'lost' -e 'cannot save [0-9]* writes\?: ' "$tmp/run3.log" | head -n 2)
[ -z "$lost3" ] || fail "run 3 lost writes though the space came back: $lost3"
other=$(grep -v -e '^trace: ' -e '(kept, retried)' -e 'disk is full' -e 'No space left on device' \
    -e '^note: the writes that waited are saved now$' "$tmp/run3.log" | head -n 3)
[ -z "$other" ] || fail "run 3 said: $other"
# the game says once that the waiting writes went through
grep -q '^note: the writes that waited are saved now$' "$tmp/run3.log" ||
    fail "run 3: the game did not say that the waiting writes are saved"
# and a full disk is one warning on stderr, not one per answer
n=$(grep -c '(kept, retried)' "$tmp/run3.log")
[ "$n" -le 3 ] || fail "run 3: $n warnings about the same full disk (said once is enough)"
out=$(timeout 60 python3 "$tmp/check.py" all "$mnt/quizmill.db" "$tmp/run3.log") ||
    fail "after run 3: $out"
out=$(timeout 60 python3 "$tmp/check.py" committed "$mnt/quizmill.db" "$tmp/run1.log" "$tmp/run2.log" \
    "$tmp/run3.log") || fail "after run 3: $out"
read -r count3 _ <<<"$out"
[ "$count3" -ge "$count2" ] || fail "answers went down from $count2 to $count3"
rows=$(results_whole "$mnt/results.csv") || fail "run 3: $rows"

echo "run 1: $committed1 answers traced committed before the disk filled, $retried1 warnings" \
    "'(kept, retried)'${lost1:+, at exit \"$lost1\"}; the database has $count1"
echo "run 2: $count2 answers after one more round on a bigger disk; run 3: $count3 after the" \
    "disk freed mid-run (its queue committed)"
echo "ok"
