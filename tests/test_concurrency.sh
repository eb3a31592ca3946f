#!/usr/bin/env bash
# test_concurrency.sh - several games at once on one data folder lose nothing.
#
# Starts GAMES (4) games headless at the same moment, all on ONE data folder
# (one quizmill.db), each `--autoplay ROUNDS (30) --autoplay-delay 0` with
# QUIZMILL_TRACE=1 and its stderr in a log of its own, and requires every game
# to exit 0 (within 60 s). Then, from the traces and the database (sqlite3):
#   - every answer a game handed to the store is in the database, once:
#     count(*) of answers = the sum over games and rounds of the last
#     "trace: saved round CODE answers N" of that round, and each round has
#     exactly its N answers; every "trace: committed round CODE answer SEQ"
#     (the writer's) names an answer of the database;
#   - no two games used the same round code (the answers are keyed by round
#     code and place, so a shared code silently drops the second game's
#     answers);
#   - rounds has GAMES*ROUNDS rows, exactly the traced codes;
#   - standings (the high scores): every row is a traced round of "autoplay"
#     with the score its "trace: round N done score S" line gave; every round
#     with S > 0 that fewer than 10 other scores (of all games) reach or beat
#     has a row (such a round entered the top-10 table whatever the order of
#     the games); the table the game reads (top 10) is the top 10 of all
#     traced scores;
#   - PRAGMA integrity_check is ok; no row came from importing the folder's
#     own export (a game starting after another one finds results.csv: it
#     must not add those rows again);
#   - results.csv (the export the last game to finish a round wrote) is whole:
#     the header, rows of 11 fields, CRLF; each of its rows is a row of the
#     database's export. It may miss the last answers of another game (two
#     games exporting at once: the older snapshot may be renamed last), so
#     the count is checked on `quizmill-gen --export-results` after all games
#     exit: the header and one row per answer in the database.
# Any other line on a game's stderr than its trace lines and a
# "(kept, retried)" warning fails as well, and so does any file in the data
# folder but quizmill.db (-wal, -shm) and results.csv (a copy
# results.csv.imported would mean a game took another's export for an old
# version's file).
#
# Usage: test_concurrency.sh path/to/quizmill source-dir path/to/quizmill-gen [games [rounds]]
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 quizmill source-dir quizmill-gen [games [rounds]]" >&2
    exit 2
fi
game=$(realpath "$1")
src=$(realpath "$2")
gen=$(realpath "$3")
games=${4:-4}
rounds=${5:-30}
limit=60 # seconds for all games together
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
command -v sqlite3 >/dev/null || fail "needs the sqlite3 command (tools/setup.sh installs it)"
command -v python3 >/dev/null || fail "needs python3"
[ -x "$game" ] || fail "no game at $1"
[ -x "$gen" ] || fail "no quizmill-gen at $3"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qm-concurrency.XXXXXX") || fail "mktemp failed"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy QUIZMILL_TRACE=1
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg-config XDG_DATA_HOME=$tmp/xdg-data
unset LD_PRELOAD
mkdir -p "$HOME" "$tmp/data"
data=$tmp/data
# short rounds (10 questions, no time limit, no feedback pause): many commits
printf '[quiz]\narticle = "%s"\nquestions = 10\ntime_limit = 0\n[display]\nfeedback_seconds = 0\n[sound]\nsound = false\n' \
    "$src/questions/turkmenistan-kazakhstan.txt" >"$tmp/config.ini"

# all games start together; each is bounded by timeout (a hung game fails)
for ((g = 1; g <= games; g++)); do
    timeout -k 5 "$limit" "$game" -c "$tmp/config.ini" --windowed --autoplay "$rounds" \
        --autoplay-delay 0 --data-dir "$data" >/dev/null 2>"$tmp/game$g.log" </dev/null &
    pids+=($!)
done
bad=0
for ((g = 1; g <= games; g++)); do
    wait "${pids[g - 1]}"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
            echo "FAIL: game $g did not finish within $limit s" >&2
        else
            echo "FAIL: game $g exited with status $rc" >&2
        fi
        grep -v '^trace: ' "$tmp/game$g.log" | head -n 5 >&2
        bad=1
    fi
done
pids=()
[ "$bad" -eq 0 ] || fail "not every game ended well"

timeout 60 "$gen" -c "$tmp/config.ini" --data-dir "$data" --export-results "$tmp/export.csv" \
    >/dev/null 2>"$tmp/gen.err" ||
    fail "quizmill-gen --export-results failed: $(head -c 300 "$tmp/gen.err")"

timeout 60 python3 - "$data" "$tmp" "$games" "$rounds" <<'P'
import collections, csv, io, os, re, subprocess, sys

data, tmp, games, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
db = os.path.join(data, "quizmill.db")
HEADER = "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points"
problems = []

def sql(query):
    r = subprocess.run(["sqlite3", "-batch", "-bail", db, query], capture_output=True,
                       text=True, timeout=60)
    if r.returncode != 0:
        print(f"FAIL: sqlite3 {query!r}: {r.stderr.strip()}", file=sys.stderr)
        sys.exit(1)
    return [line.split("|") for line in r.stdout.splitlines()]

# the traces: the last answer count of each round, each round's score
saved = re.compile(r"trace: saved round (\S+) answers ([0-9]+) pending ([0-9]+)$")
done = re.compile(r"trace: round ([0-9]+) done score (-?[0-9]+) rss -?[0-9]+$")
commit = re.compile(r"trace: committed round (\S+) answer ([0-9]+)$")
keys = set()     # "CODE#SEQ" of the answers the writers traced committed
handed = {}      # (game, round code) -> answers handed to the store
owner = {}       # round code -> game
scores = {}      # round code -> final score
shared = []      # (code, game, game): a round code two games used
for g in range(1, games + 1):
    code = None
    ndone = 0
    mine = set()
    with open(os.path.join(tmp, f"game{g}.log"), encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = saved.match(line)
            if m:
                code = m.group(1)
                if code not in mine and code in owner:
                    shared.append((code, owner[code], g))
                mine.add(code)
                owner.setdefault(code, g)
                handed[g, code] = max(handed.get((g, code), 0), int(m.group(2)))
                continue
            m = commit.match(line)
            if m:
                keys.add(f"{m.group(1)}#{m.group(2)}")
                continue
            m = done.match(line)
            if m:
                ndone += 1
                if code is None:
                    problems.append(f"game {g}: round {m.group(1)} done before any answer")
                else:
                    scores[code] = int(m.group(2))
                continue
            if line.startswith("trace: "):
                continue
            if "(kept, retried)" in line:
                print(f"note: game {g}: {line}")
                continue
            problems.append(f"game {g} said: {line[:200]}")
    if ndone != rounds:
        problems.append(f"game {g}: {ndone} rounds done, expected {rounds}")
    if len(mine) != rounds:
        problems.append(f"game {g}: {len(mine)} round codes traced, expected {rounds}")

if shared:
    code, g1, g2 = shared[0]
    problems.append(f"{len(shared)} round codes used by two games, e.g. {code} by games {g1} "
                    f"and {g2}: answers are keyed by round code and place, so the second "
                    "game's answers of that round are dropped")
want = sum(handed.values())
traced = collections.Counter()  # round code -> answers of all games under it
for (g, code), n in handed.items():
    traced[code] += n
integrity = sql("PRAGMA integrity_check")
if integrity != [["ok"]]:
    problems.append(f"integrity_check: {integrity[:5]}")
have = int(sql("SELECT count(*) FROM answers")[0][0])
if have != want:
    problems.append(f"answers: {have} rows in the database, the traces handed {want} to the store")
per_round = {r: int(n) for r, n in sql("SELECT round, count(*) FROM answers GROUP BY round")}
wrong = [(c, n, per_round.get(c, 0)) for c, n in sorted(traced.items()) if per_round.get(c, 0) != n]
for c, n, got in wrong[:5]:
    problems.append(f"round {c} (game {owner[c]}): {got} answers in the database, traced {n}")
stray = sorted(set(per_round) - set(traced))
if stray:
    problems.append(f"answers of rounds no game traced: {stray[:5]}")
lost = keys - {r[0] for r in sql("SELECT key FROM answers")}
if lost:
    problems.append(f"{len(lost)} answers traced committed are not in the database, e.g. {min(lost)}")
imported = sql("SELECT count(*) FROM answers WHERE key IS NULL")[0][0]
if imported != "0":
    problems.append(f"{imported} answers were imported from the folder's own results export")
nrounds = int(sql("SELECT count(*) FROM rounds")[0][0])
if nrounds != games * rounds:
    problems.append(f"rounds: {nrounds} rows, expected {games * rounds}")
codes = {r[0] for r in sql("SELECT code FROM rounds")}
if codes != set(traced):
    problems.append(f"rounds: codes differ from the traced ones: "
                    f"missing {sorted(set(traced) - codes)[:3]}, extra {sorted(codes - set(traced))[:3]}")

# standings: the scores that entered the top-10 table
rows = sql("SELECT round, player, difficulty, score FROM standings")
stand = {}
for rnd, player, diff, score in rows:
    if player != "autoplay" or rnd not in scores or scores[rnd] != int(score) or int(score) <= 0:
        problems.append(f"standings: row {rnd}|{player}|{diff}|{score} is no traced round's score "
                        f"(traced {scores.get(rnd)})")
    stand[rnd] = int(score)
positive = sorted(((s, c) for c, s in scores.items() if s > 0), reverse=True)
must = []
for s, c in positive:
    others = sum(1 for s2, c2 in positive if c2 != c and s2 >= s)
    if others < 10:
        must.append(c)
missing = [c for c in must if c not in stand]
if missing:
    problems.append(f"standings: {len(missing)} rounds that entered the top 10 whatever the order "
                    f"have no row, e.g. {missing[0]} score {scores[missing[0]]}")
top = [int(r[0]) for r in sql("SELECT score FROM standings WHERE score > 0 "
                               "ORDER BY score DESC LIMIT 10")]
if top != [s for s, _ in positive[:10]]:
    problems.append(f"standings: the top 10 is {top}, the traces' best 10 are "
                    f"{[s for s, _ in positive[:10]]}")

# the exports
def read_csv(path, what):
    try:
        raw = open(path, "rb").read()
    except OSError as e:
        problems.append(f"{what}: {e}")
        return []
    if not raw.endswith(b"\r\n"):
        problems.append(f"{what}: does not end in CRLF (torn)")
    body = raw.decode("utf-8", errors="replace")
    lines = body.split("\r\n")[:-1]
    try:
        recs = list(csv.reader(io.StringIO(body, newline="")))
    except csv.Error as e:
        problems.append(f"{what}: {e}")
        return []
    if not recs or ",".join(recs[0]) != HEADER:
        problems.append(f"{what}: no header")
    for i, r in enumerate(recs[1:], 2):
        if len(r) != 11 or r[8] not in ("0", "1") or not r[9].isdigit():
            problems.append(f"{what}: row {i} malformed: {r}")
            break
    return recs[1:]

export = read_csv(os.path.join(tmp, "export.csv"), "quizmill-gen --export-results")
if len(export) != have:
    problems.append(f"quizmill-gen --export-results: {len(export)} rows, the database {have}")
results = read_csv(os.path.join(data, "results.csv"), "results.csv")
left = collections.Counter(map(tuple, export))
left.subtract(collections.Counter(map(tuple, results)))
if any(v < 0 for v in left.values()):
    extra = [k for k, v in left.items() if v < 0]
    problems.append(f"results.csv: {len(extra)} rows that are not in the database, e.g. {list(extra[0])}")
stale = have - len(results)
copies = []
for name in sorted(os.listdir(data)):
    if re.fullmatch(r"results\.csv\.imported(\.[0-9]+)?", name):
        # the game's own export is marked imported when it is written
        problems.append(f"a game imported another's export as an old file: {name}")
    elif name not in ("quizmill.db", "quizmill.db-wal", "quizmill.db-shm", "results.csv"):
        problems.append(f"unexpected file in the data folder: {name}")

if problems:
    for p in problems[:12]:
        print(f"FAIL: {p}", file=sys.stderr)
    sys.exit(1)
print(f"{games} games x {rounds} rounds: {have} answers, {nrounds} rounds, {len(stand)} standings "
      f"({len(must)} required), integrity ok; results.csv {len(results)} rows"
      + (f" ({stale} behind the database: an older snapshot renamed last)" if stale else ""))
P
rc=$?
[ "$rc" -eq 0 ] || fail "the data folder after $games games at once is wrong (see above)"
echo "ok"
