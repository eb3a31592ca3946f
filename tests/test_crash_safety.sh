#!/usr/bin/env bash
# test_crash_safety.sh - the database and the results export survive SIGKILL
# at any moment.
#
# Starts the game headless with autoplay (delay 0, 5 questions a round: it
# commits every answer to quizmill.db as it is given and rewrites the results
# CSV after every round) with QUIZMILL_TRACE=1, again and again on one data
# folder, kills it with SIGKILL after a random 0-400 ms (from its start, or
# every other run from its first trace line), and after every kill
# checks a copy of the database (quizmill.db and its WAL as the kill left
# them: the next game must recover them itself) with sqlite3 and python3:
#   - PRAGMA integrity_check is ok and the database opens (without its
#     tables only when killed during the very first start);
#   - every answer a trace line reported committed (of this run or any
#     earlier one) is there: "trace: committed round CODE answer SEQ" (the
#     writer's) names its key CODE#SEQ; "trace: saved round CODE answers N
#     pending 0" means the round has at least N; a round never has more than
#     one answer beyond the N the game traced handing to the store (the one
#     committed before its trace line was written), and after a run that
#     exited by itself exactly N; the rounds of earlier runs never change;
#     a round no trace line names has at most one answer (killed before its
#     first line); no answer without its key (no row imported again from
#     the folder's own export);
#   - the number of answers never decreases from one check to the next;
#   - results.csv, when present, is whole: the header and rows of 11 fields,
#     CRLF, no torn last row (python's csv); each row is an answer of the
#     database and the rows only grow in number;
#   - the data folder holds nothing but quizmill.db (-wal, -shm, -journal),
#     results.csv, results.csv.imported and fresh "results.csv.tmp-XXXXXX"
#     files the killed games left; the game complained of nothing on stderr;
#   - an old leftover (results.csv.tmp-12345 and scores.txt.tmp-777, dated an
#     hour back, planted before every run) is gone after every run that got
#     as far as its first trace line (the game removes temporary files older
#     than 10 minutes as it starts).
# Kills that landed mid-round (the last "saved round" trace line without a
# "round K done" after it) are counted and must be at least 3. A last run
# plays 2 rounds unkilled: it exits 0, every answer it handed to the store is
# in the database, its results.csv has exactly one row per answer in the
# database, and sqlite3 checks the database in place. Bounded to about 30 s
# of kills (up to 55 s on a busy machine while fewer than 3 kills landed
# mid-round).
#
# Usage: test_crash_safety.sh path/to/quizmill source-dir [iterations]
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 quizmill source-dir [iterations]" >&2
    exit 2
fi
game=$(realpath "$1")
src=$(realpath "$2")
iterations=${3:-80}
budget=30 # seconds for the kill loop
extend=55 # ... and until then while too few kills landed mid-round
command -v sqlite3 >/dev/null || {
    echo "FAIL: needs the sqlite3 command (tools/setup.sh installs it)" >&2
    exit 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qm-crash.XXXXXX")
pid=""
cleanup() {
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy QUIZMILL_TRACE=1
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg-config XDG_DATA_HOME=$tmp/xdg-data
unset LD_PRELOAD
mkdir -p "$HOME" "$tmp/data" "$tmp/logs" "$tmp/snap"
data=$tmp/data
# few questions, so rounds (and exports) come often
printf '[quiz]\narticle = %s\nquestions = 5\n[sound]\nsound = false\n' \
    "$src/questions/turkmenistan-kazakhstan.txt" >"$tmp/config.ini"

failed=0
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }

# check.py STATE DATA SNAP LOG KILLED: checks the data folder after run LOG
# (KILLED: 1 when the game was killed, 0 when it exited); STATE (a JSON
# file) carries what earlier checks saw. Prints the verdict: "mid" (the kill
# landed mid-round), "mid-answers" (mid-round, answers still to give), "end",
# "start" (no answer traced) or "done" (not killed); "started" when the game
# got as far as a trace line, else "-"; the number of fresh temporary files.
# Exits 1 with the problems found instead.
cat >"$tmp/check.py" <<'P'
import collections, csv, io, json, os, re, shutil, subprocess, sys, time

state_path, data, snap, log, killed = sys.argv[1:6]
killed = killed == "1"
HEADER = "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points"
state = {"committed": {}, "handed": {}, "keys": [], "counts": {}, "answers": 0, "rows": 0,
         "whole": 0}
if os.path.exists(state_path):
    state = json.load(open(state_path))
problems = []

# the trace of this run: what the game handed to the store ("saved round
# CODE answers N pending P"), what is committed (pending 0 there: all N; and
# "committed round CODE answer SEQ", from the writer)
saved = re.compile(r"trace: saved round (\S+) answers ([0-9]+) pending ([0-9]+)$")
commit = re.compile(r"trace: committed round (\S+) answer ([0-9]+)$")
done = re.compile(r"trace: round ([0-9]+) done score -?[0-9]+ rss -?[0-9]+$")
committed, handed, keys = state["committed"], state["handed"], set(state["keys"])
mine = set()         # the rounds this run traced
last = None          # the last trace event: ("saved", code, n) or ("done",)
current = None
started = False
with open(log, encoding="utf-8", errors="replace") as f:
    lines = f.read().split("\n")
lines.pop()  # "" after the last line end, or a line the kill cut short
for line in lines:
    m = saved.match(line)
    if m:
        started = True
        current, n, pending = m.group(1), int(m.group(2)), int(m.group(3))
        mine.add(current)
        handed[current] = max(handed.get(current, 0), n)
        if pending == 0:
            committed[current] = max(committed.get(current, 0), n)
        last = ("saved", current, n, pending)
        continue
    m = commit.match(line)
    if m:
        code, seq = m.group(1), int(m.group(2))
        mine.add(code)
        keys.add(f"{code}#{seq}")
        committed[code] = max(committed.get(code, 0), seq + 1)  # the queue commits in order
        continue
    if done.match(line):
        if current is None:
            problems.append(f"trace: a round done before any answer: {line}")
        else:
            state["whole"] = max(state["whole"], handed.get(current, 0))
        last = ("done",)
        continue
    if line.startswith("trace: language "):
        continue  # traced before the data folder is opened (and its temps cleaned)
    if line.startswith("trace: "):
        started = True
        continue
    problems.append(f"the game said: {line[:200]}")

# the folder
leftovers = []
for name in sorted(os.listdir(data)):
    if name in ("quizmill.db", "quizmill.db-wal", "quizmill.db-shm", "quizmill.db-journal",
                "results.csv", "results.csv.imported"):
        continue
    if re.fullmatch(r"results\.csv\.imported\.[0-9]+", name):
        problems.append(f"{name}: the game's own export was imported again")
        continue
    path = os.path.join(data, name)
    if re.fullmatch(r"(results\.csv|scores\.txt)\.tmp-[0-9A-Za-z]+", name):
        age = time.time() - os.lstat(path).st_mtime
        if age > 600 and started:
            problems.append(f"{name}, {age / 60:.0f} minutes old, is still there after a start")
        elif age <= 600:
            leftovers.append(name)
        continue
    problems.append(f"unexpected file {name}")

# a copy of the database as the kill left it, checked by sqlite3
for f in os.listdir(snap):
    os.unlink(os.path.join(snap, f))
db = os.path.join(snap, "quizmill.db")
have_db = os.path.exists(os.path.join(data, "quizmill.db"))
if have_db:
    for suffix in ("", "-wal", "-journal"):
        if os.path.exists(os.path.join(data, "quizmill.db" + suffix)):
            shutil.copyfile(os.path.join(data, "quizmill.db" + suffix), db + suffix)

def sql(*queries):
    """Runs the queries in one sqlite3; their outputs, each a list of rows."""
    args = []
    for i, q in enumerate(queries):
        args += [q, f"SELECT '-- end {i}'"]
    r = subprocess.run(["sqlite3", "-batch", "-bail", db] + args, capture_output=True,
                       text=True, timeout=60)
    if r.returncode != 0:
        problems.append(f"sqlite3 {queries!r}: {r.stderr.strip()[:200]}")
        return [None] * len(queries)
    out, cur = [], []
    for l in r.stdout.splitlines():
        if l == f"-- end {len(out)}":
            out.append(cur)
            cur = []
        else:
            cur.append(l.split("|"))
    return out

answers = 0
keyed = collections.Counter()
per_round = collections.Counter()
if have_db:
    ic, tables = sql("PRAGMA integrity_check",
                     "SELECT count(*) FROM sqlite_master WHERE name = 'answers'")
    if ic is not None and ic != [["ok"]]:
        problems.append(f"integrity_check: {ic[:3]}")
    rows = []
    if tables == [["1"]]:
        rows = sql("SELECT round, item, correct, ms, points, key FROM answers")[0] or []
    elif tables is not None and (committed or not killed):
        # only a kill before the first start made the schema leaves none
        problems.append("the database has no answers table")
    answers = len(rows)
    per_round = collections.Counter(r[0] for r in rows)
    keyed = collections.Counter(tuple(r[:5]) for r in rows)
    unkeyed = sum(1 for r in rows if r[5] == "")
    if unkeyed:
        problems.append(f"{unkeyed} answers without a key (imported again from the export)")
    lost = keys - {r[5] for r in rows}
    if lost:
        problems.append(f"{len(lost)} answers traced committed are missing, e.g. {min(lost)}")
    for code, n in sorted(committed.items()):
        if per_round[code] < n:
            problems.append(f"round {code}: the trace reported {n} answers committed, "
                            f"the database has {per_round[code]}")
    for code in sorted(mine):
        # at most one answer more than the trace shows handed: the one
        # committed before its trace line was written
        if per_round[code] > handed.get(code, 0) + (1 if killed else 0):
            problems.append(f"round {code}: {per_round[code]} answers, the game handed "
                            f"{handed.get(code, 0)} to the store")
        if not killed and per_round[code] != handed.get(code, 0):
            problems.append(f"round {code} (the game exited): {per_round[code]} answers, "
                            f"handed {handed.get(code, 0)}")
    # the rounds of earlier runs never change
    for code, n in sorted(state["counts"].items()):
        if code not in mine and per_round[code] != n:
            problems.append(f"round {code} of an earlier run: {n} answers before, "
                            f"{per_round[code]} now")
    # a round no trace line names: the kill came before its first trace line
    untraced = [c for c in per_round if c not in handed and c not in state["counts"]]
    if len(untraced) > (1 if killed else 0) or any(per_round[c] > 1 for c in untraced):
        problems.append(f"answers of rounds no trace named: {[(c, per_round[c]) for c in untraced][:3]}")
elif committed:
    problems.append("quizmill.db is gone")
if answers < state["answers"]:
    problems.append(f"answers went down from {state['answers']} to {answers}")

# results.csv (and the copy an import keeps) whole
def whole_csv(name):
    try:
        raw = open(os.path.join(data, name), "rb").read()
    except FileNotFoundError:
        return None
    if not raw.endswith(b"\r\n"):
        problems.append(f"{name}: the last row is torn (no CRLF at the end)")
    try:
        recs = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error) as e:
        problems.append(f"{name}: {e}")
        return []
    if not recs or ",".join(recs[0]) != HEADER:
        problems.append(f"{name}: header missing")
    # every row ends in CRLF (not a bare LF); CRLFs inside quoted cells aside
    crlf = raw.count(b"\r\n") - sum(c.count("\r\n") for r in recs for c in r)
    if crlf != len(recs):
        problems.append(f"{name}: {crlf} CRLF row ends for {len(recs)} rows")
    for i, r in enumerate(recs[1:], 2):
        if len(r) != 11 or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}", r[0]) \
                or r[8] not in ("0", "1") or not r[9].isdigit():
            problems.append(f"{name}: row {i} malformed: {r}")
            break
    return recs[1:]

res = whole_csv("results.csv")
whole_csv("results.csv.imported")
nrows = 0
if res is not None:
    nrows = len(res)
    if nrows < state["rows"]:
        problems.append(f"results.csv: went down from {state['rows']} to {nrows} rows")
    if nrows > answers:
        problems.append(f"results.csv: {nrows} rows, the database {answers} answers")
    missing = collections.Counter(tuple([r[1], r[5], r[8], r[9], r[10]]) for r in res if len(r) == 11)
    missing.subtract(keyed)
    lost = [k for k, v in missing.items() if v > 0]
    if lost:
        problems.append(f"results.csv: {len(lost)} rows not in the database, e.g. {lost[0]}")
    if not killed and nrows != answers:
        problems.append(f"results.csv after a whole run: {nrows} rows, the database {answers}")
elif state["rows"]:
    problems.append("results.csv vanished")

if problems:
    print("; ".join(problems[:6]))
    sys.exit(1)
state.update(answers=answers, rows=nrows, keys=sorted(keys), counts=dict(per_round))
json.dump(state, open(state_path, "w"))
whole = state["whole"]
if not killed:
    verdict = "done"
elif last is None:
    verdict = "start"
elif last[0] == "saved" and last[2] < whole:
    verdict = "mid-answers"  # answers of the round still to come
elif last[0] == "saved":
    verdict = "mid"  # answers given, the round not finished (exported, traced done)
else:
    verdict = "end"
print(verdict, "started" if started else "-", len(leftovers))
P

# plant: two old leftovers the game must remove as it starts
plant() {
    touch -d '1 hour ago' "$data/results.csv.tmp-12345" "$data/scores.txt.tmp-777"
}

kills=0
mid=0
midq=0
early=0
planted=0
leftover=0
runs=0
start=$SECONDS
for ((i = 1; i <= iterations; i++)); do
    if [ $((SECONDS - start)) -ge "$budget" ] && { [ "$mid" -ge 3 ] || [ $((SECONDS - start)) -ge "$extend" ]; }; then
        echo "note: time budget reached after $((i - 1)) iterations ($((SECONDS - start)) s)"
        break
    fi
    plant
    log=$tmp/logs/run$i.log
    "$game" -c "$tmp/config.ini" --windowed --autoplay 1000 --autoplay-delay 0 \
        --data-dir "$data" >/dev/null 2>"$log" </dev/null &
    pid=$!
    runs=$((runs + 1))
    # 0-400 ms after the start (odd runs: the game needs some 20-50 ms to
    # start, so a few of those land before the first answer) or after its
    # first trace line (even runs: play, however slow the start is on a busy
    # machine)
    if [ $((i % 2)) -eq 0 ]; then
        for ((w = 0; w < 1000; w++)); do
            [ -s "$log" ] && break
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.01
        done
    fi
    sleep "$(printf '0.%03d' $((RANDOM % 401)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    pid=""
    if [ "$rc" -ne 137 ]; then
        fail "iteration $i: the game exited $rc before the kill: $(grep -v '^trace: ' "$log" | head -c 300)"
        break
    fi
    kills=$((kills + 1))
    if ! verdict=$(timeout 60 python3 "$tmp/check.py" "$tmp/state.json" "$data" "$tmp/snap" "$log" 1); then
        fail "iteration $i (killed after a random sleep): $verdict"
        kept=${TMPDIR:-/tmp}/qm-crash-failed.$$
        cp -a "$tmp" "$kept" 2>/dev/null && echo "the data folder and logs are kept in $kept" >&2
        break
    fi
    read -r where started left <<<"$verdict"
    case "$where" in
    mid) mid=$((mid + 1)) ;;
    mid-answers) mid=$((mid + 1)) midq=$((midq + 1)) ;;
    start) early=$((early + 1)) ;;
    esac
    [ "$started" = started ] && planted=$((planted + 1))
    leftover=$left
done

# a last run after all those kills: it must start, recover the database,
# play and export, and remove old leftovers
if [ "$failed" -eq 0 ]; then
    plant
    log=$tmp/logs/last.log
    timeout -k 5 60 "$game" -c "$tmp/config.ini" --windowed --autoplay 2 --autoplay-delay 0 \
        --data-dir "$data" >/dev/null 2>"$log" </dev/null
    rc=$?
    [ "$rc" -eq 0 ] || fail "the run after the kills: exit $rc: $(grep -v '^trace: ' "$log" | head -c 300)"
    if ! verdict=$(timeout 60 python3 "$tmp/check.py" "$tmp/state.json" "$data" "$tmp/snap" "$log" 0); then
        fail "after the last run: $verdict"
    fi
    ic=$(sqlite3 "$data/quizmill.db" 'PRAGMA integrity_check' 2>&1)
    [ "$ic" = ok ] || fail "integrity_check in place after the last run: $ic"
fi
answers=$(sqlite3 "$data/quizmill.db" 'SELECT count(*) FROM answers' 2>/dev/null)

echo "$runs runs killed: $mid mid-round ($midq with questions still to answer)," \
    "$early before any answer; the old leftovers checked gone after $planted starts;" \
    "$leftover fresh temporary files left by kills; ${answers:-no} answers in the database"
if [ "$failed" -eq 0 ]; then
    [ "$kills" -ge 10 ] || fail "only $kills kills landed"
    [ "$mid" -ge 3 ] || fail "only $mid kills landed mid-round (at least 3 wanted)"
    [ "$planted" -ge 3 ] || fail "only $planted runs got as far as their first trace line"
    [ "${answers:-0}" -ge 1 ] || fail "no answer was ever saved"
fi
[ "$failed" -eq 0 ] && echo "ok" || echo "$failed failed"
[ "$failed" -eq 0 ]
