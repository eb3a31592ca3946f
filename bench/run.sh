#!/usr/bin/env bash
# run.sh - Quizmill's cost against a floor, on this machine: startup, idle CPU
# (game and X server), memory, frame cost, a peer (tuxmath) and, when
# bench/gen_bench.sh exists, the generator. Prints a table and writes it as
# CSV.
#
#   bench/run.sh [BUILD_DIR [OUT_CSV]]
#       BUILD_DIR  a build with the game and bench/ (default: build-bench)
#       OUT_CSV    the table as CSV (default: BUILD_DIR/bench.csv)
#   Environment: RUNS (startup runs of each program, default 5), IDLE_S
#   (seconds of each idle measure, default 10), QUIZMILL (another game
#   binary, e.g. an older build, to measure instead), NO_PEER=1, NO_GEN=1,
#   NO_STORE=1 (skips bench/store_bench, about 30 s: what db_answer_add costs
#   a frame, how soon an answer is on disk, 1 and 4 games at once, a database
#   of 100,000 answers; its own lines on stderr, in a scratch folder in
#   $TMPDIR, so set TMPDIR to a folder on the disk the game's data is on).
#
# How it measures (everything under `xvfb-run -s '-screen 0 1280x720x24 -noreset'`:
# -noreset, or a program started while the server resets after the last one
# quit cannot open the display):
# - the floor is bench/floor.c: the game's window, renderer and hint with one
#   frame of text, sleeping in SDL_WaitEvent. Every game figure is a ratio to
#   the floor measured in the same run; runs alternate floor, game, peer,
#   floor, game, peer ... and the median of RUNS is reported.
# - startup: the driver sets QUIZMILL_BENCH_FIRST_FRAME=$EPOCHREALTIME right
#   before exec; the program prints "first-frame MS" after its first present
#   (game/ui/first_frame.h: the game, the floor, and tuxmath through the
#   LD_PRELOAD library bench/first_present.c).
# - memory: VmHWM (peak) one second after the first frame, in the startup
#   runs; VmRSS (settled) after the idle measure of the title.
# - idle CPU: utime+stime from /proc/PID/stat of the program and of Xvfb over
#   IDLE_S seconds, starting 2 s after the screen is reached: the floor, the
#   title, a question without a time limit, a question with a 20 s countdown
#   (Enter on the title, ask_name = false), tuxmath at its menu.
# - frame cost: bench/frame_bench.c (headless, software renderer).
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)

# ------------------------------------------------------------- inside X --
# run.sh --inside BUILD TMP: the measures, as raw CSV lines
# (measure,subject,run,value) on stdout.
if [ "${1:-}" = "--inside" ]; then
    build=$2 tmp=$3
    runs=${RUNS:-5} idle_s=${IDLE_S:-10}
    game=${QUIZMILL:-$build/quizmill}
    floor=$build/bench/quizmill-floor
    preload=$build/bench/libquizmill_first_present.so
    font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
    tux=""
    [ -z "${NO_PEER:-}" ] && [ -x /usr/games/tuxmath ] && tux=/usr/games/tuxmath
    export SDL_VIDEODRIVER=x11 QUIZMILL_TRACE=1
    unset WAYLAND_DISPLAY
    xpid=$(pgrep -x -P "$PPID" Xvfb | head -n 1)
    [ -n "$xpid" ] || xpid=$(pgrep -x Xvfb | head -n 1)
    [ -n "$xpid" ] || { echo "run.sh: cannot find the Xvfb process" >&2; exit 1; }
    pid=""

    ticks() { # PID: utime+stime in clock ticks
        local s
        s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
        s=${s##*) }
        # shellcheck disable=SC2086
        set -- $s
        echo $((${12} + ${13}))
    }
    kib() { # PID KEY: a VmXXX line of /proc/PID/status in KiB
        awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null
    }
    # launch ERRFILE CMD...: starts CMD with the exec time stamped; sets pid
    launch() {
        local err=$1
        shift
        (QUIZMILL_BENCH_FIRST_FRAME=$EPOCHREALTIME exec "$@") 2>"$err" >/dev/null </dev/null &
        pid=$!
    }
    # first_frame ERRFILE: waits (without polling while it starts) for the
    # stamp; prints its ms
    first_frame() {
        local end=$((SECONDS + 20))
        sleep 0.7
        until grep -q '^first-frame ' "$1"; do
            kill -0 "$pid" 2>/dev/null || { echo "run.sh: $pid exited: $(tail -n 3 "$1")" >&2; return 1; }
            [ "$SECONDS" -lt "$end" ] || { echo "run.sh: no first frame from $pid" >&2; return 1; }
            sleep 0.1
        done
        sed -n 's/^first-frame //p' "$1" | head -n 1
    }
    stop() {
        kill -TERM "$pid" 2>/dev/null
        for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        pid=""
    }
    trap '[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null' EXIT

    # the game's config: the shipped one, with the article's full path
    config() { # FILE ASK_NAME TIME_LIMIT
        sed -e "s|^article = .*|article = $src/questions/turkmenistan-kazakhstan.txt|" \
            -e "s|^ask_name = .*|ask_name = $2|" -e "s|^time_limit = .*|time_limit = $3|" \
            "$src/config.ini" >"$1"
    }
    config "$tmp/title.ini" true 20
    config "$tmp/question.ini" false 0
    config "$tmp/countdown.ini" false 20
    mkdir -p "$tmp/data" "$tmp/home"
    run_floor() { launch "$tmp/floor.err" "$floor" "$font"; }
    run_game() { # CONFIG
        launch "$tmp/game.err" "$game" -c "$1" --windowed --data-dir "$tmp/data"
    }
    run_tux() {
        HOME=$tmp/home LD_PRELOAD=$preload launch "$tmp/tux.err" "$tux" --windowed --nosound
    }

    # ---- startup and peak memory, alternating ----
    for r in $(seq 1 "$runs"); do
        for who in floor quizmill ${tux:+tuxmath}; do
            case $who in
            floor) run_floor; err=$tmp/floor.err ;;
            quizmill) run_game "$tmp/title.ini"; err=$tmp/game.err ;;
            tuxmath) run_tux; err=$tmp/tux.err ;;
            esac
            ms=$(first_frame "$err") || exit 1
            sleep 1
            echo "startup_ms,$who,$r,$ms"
            echo "peak_kib,$who,$r,$(kib "$pid" VmHWM)"
            stop
        done
    done

    # ---- idle CPU and settled memory ----
    # idle WHO: measures pid and Xvfb for idle_s seconds
    idle() {
        sleep 2
        local g0 x0 t0 g1 x1 t1
        g0=$(ticks "$pid") x0=$(ticks "$xpid") t0=$EPOCHREALTIME
        sleep "$idle_s"
        g1=$(ticks "$pid") x1=$(ticks "$xpid") t1=$EPOCHREALTIME
        local hz
        hz=$(getconf CLK_TCK)
        awk -v w="$1" -v g=$((g1 - g0)) -v x=$((x1 - x0)) -v t0="$t0" -v t1="$t1" -v hz="$hz" \
            'BEGIN { s = t1 - t0; printf "cpu_game_pct,%s,1,%.2f\ncpu_x_pct,%s,1,%.2f\n", w, 100 * g / hz / s, w, 100 * x / hz / s }'
        echo "settled_kib,$1,1,$(kib "$pid" VmRSS)"
        echo "idle_peak_kib,$1,1,$(kib "$pid" VmHWM)"
    }
    # to_question: Enter on the title, then waits for the question screen
    to_question() {
        local wid end=$((SECONDS + 15))
        wid=$(timeout 10 xdotool search --sync --onlyvisible --name '^Quizmill$' | head -n 1)
        [ -n "$wid" ] || { echo "run.sh: no game window" >&2; return 1; }
        xdotool windowfocus --sync "$wid"
        xdotool key Return
        until grep -q '^trace: question 1 ' "$tmp/game.err"; do
            [ "$SECONDS" -lt "$end" ] || { echo "run.sh: no question screen" >&2; return 1; }
            sleep 0.2
        done
    }
    run_floor && first_frame "$tmp/floor.err" >/dev/null && idle floor
    stop
    run_game "$tmp/title.ini" && first_frame "$tmp/game.err" >/dev/null && idle title
    stop
    run_game "$tmp/question.ini" && first_frame "$tmp/game.err" >/dev/null && to_question &&
        idle question
    stop
    run_game "$tmp/countdown.ini" && first_frame "$tmp/game.err" >/dev/null && to_question &&
        idle countdown
    stop
    if [ -n "$tux" ]; then
        run_tux && first_frame "$tmp/tux.err" >/dev/null && idle tuxmath
        stop
    fi
    exit 0
fi

# --------------------------------------------------------------- driver --
build=$(cd "${1:-$src/build-bench}" && pwd) || exit 2
out=${2:-$build/bench.csv}
for f in "$build/quizmill" "$build/bench/quizmill-floor" "$build/bench/quizmill-frame-bench" \
    "$build/bench/libquizmill_first_present.so"; do
    [ -e "$f" ] || { echo "run.sh: no $f (cmake --build $build)" >&2; exit 2; }
done
for tool in xvfb-run xauth xdotool python3 pgrep; do
    command -v "$tool" >/dev/null || { echo "run.sh: needs $tool" >&2; exit 2; }
done
tmp=$(mktemp -d /tmp/quizmill-bench-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

peer="tuxmath"
if [ -n "${NO_PEER:-}" ]; then
    peer="off (NO_PEER)"
elif [ ! -x /usr/games/tuxmath ]; then
    peer="not installed (apt-get install tuxmath)"
fi
echo "run.sh: startup x${RUNS:-5}, idle ${IDLE_S:-10} s each; peer: $peer" >&2
xvfb-run -a -s '-screen 0 1280x720x24 -noreset' bash "$0" --inside "$build" "$tmp" >"$tmp/raw.csv" ||
    { echo "run.sh: the measures under Xvfb failed" >&2; exit 1; }
echo "run.sh: frame cost (headless)" >&2
"$build/bench/quizmill-frame-bench" >"$tmp/frames.csv" || { echo "run.sh: frame bench failed" >&2; exit 1; }
if [ -z "${NO_GEN:-}" ] && [ -f "$here/gen_bench.sh" ]; then
    echo "run.sh: generator (bench/gen_bench.sh)" >&2
    bash "$here/gen_bench.sh" "$build" "$tmp/gen.csv" >&2 || echo "run.sh: gen_bench.sh failed" >&2
fi
[ -z "${NO_STORE:-}" ] && [ -x "$build/bench/store_bench" ] && { echo "run.sh: store (bench/store_bench, its own lines; NO_STORE=1 skips it)" >&2; "$build/bench/store_bench" >&2 || echo "run.sh: store_bench failed" >&2; }

mkdir -p "$(dirname "$out")"
python3 - "$tmp" "$out" <<'EOF'
import csv, math, os, statistics, sys
tmp, out = sys.argv[1], sys.argv[2]
raw = {}
for m, who, run, v in csv.reader(open(os.path.join(tmp, "raw.csv"))):
    if v != "":
        raw.setdefault((m, who), []).append(float(v))
def med(m, who):
    v = raw.get((m, who))
    return statistics.median(v) if v else None
rows = []  # section, measure, subject, value, unit, floor, ratio, goal, met
def row(section, measure, subject, value, unit, floor=None, goal="", met=""):
    ratio = value / floor if value is not None and floor else None
    rows.append([section, measure, subject, value, unit, floor, ratio, goal, met])
MiB = 1024.0
# startup
f = med("startup_ms", "floor")
row("startup", "first frame on screen", "floor", f, "ms", f)
g = med("startup_ms", "quizmill")
row("startup", "first frame on screen", "quizmill", g, "ms", f, "<= 1.3 x floor",
    "yes" if g and f and g <= 1.3 * f else "no")
t = med("startup_ms", "tuxmath")
if t is not None:
    row("startup", "first frame on screen", "tuxmath", t, "ms", f)
# memory
for key, name, subj in (("peak_kib", "peak RSS (VmHWM)", None), ("settled_kib", "settled RSS after idle", None)):
    fl = med(key, "floor")
    fl = fl / MiB if fl else None
    row("memory", name, "floor", fl, "MiB", fl)
    for who in ("quizmill", "tuxmath"):
        v = med(key, who if key == "peak_kib" else {"quizmill": "title", "tuxmath": "tuxmath"}[who])
        if v is None:
            continue
        v /= MiB
        goal = met = ""
        if who == "quizmill":
            goal = "<= floor + 15 MiB and < 30 MiB"
            met = "yes" if fl and v <= fl + 15 and v < 30 else "no"
        row("memory", name, who, v, "MiB", fl, goal, met)
# idle cpu
labels = {"floor": "floor", "title": "quizmill title", "question": "quizmill question, no countdown",
          "countdown": "quizmill question, countdown on", "tuxmath": "tuxmath menu"}
goals = {"title": 1.0, "question": 1.0, "countdown": 5.0}
for who in ("floor", "title", "question", "countdown", "tuxmath"):
    gc, xc = med("cpu_game_pct", who), med("cpu_x_pct", who)
    if gc is None:
        continue
    goal = met = ""
    if who in goals:
        goal = "< %g%% of a core (game + X)" % goals[who]
        met = "yes" if gc + xc < goals[who] else "no"
    row("idle cpu", "program", labels[who], gc, "% core")
    row("idle cpu", "X server", labels[who], xc, "% core")
    row("idle cpu", "program + X server", labels[who], gc + xc, "% core", None, goal, met)
# frame cost
fr = list(csv.DictReader(open(os.path.join(tmp, "frames.csv"))))
names = {"cached": "question frame, text cached", "uncached": "question frame, text not cached",
         "countdown": "countdown step (bar + seconds)"}
base = {}
for r in fr:
    if r["case"] == "cached":
        base[r["size"]] = float(r["median_ms"])
for r in fr:
    v = float(r["median_ms"])
    b = base.get(r["size"])
    # the ratio of a frame row is to the cached frame of its size
    rows.append(["frame cost", names.get(r["case"], r["case"]), "quizmill " + r["size"], v, "ms",
                 None, v / b if b else None, "", ""])
# generator rows (bench/gen_bench.sh)
gp = os.path.join(tmp, "gen.csv")
if os.path.exists(gp):
    gr = list(csv.DictReader(open(gp)))
    by = {}
    for r in gr:
        by.setdefault(int(r["size_bytes"]), []).append(r)
    prev = None
    for size in sorted(by):
        rs = sorted(by[size], key=lambda r: float(r["total_ms"]))
        r = rs[len(rs) // 2]
        t, m = float(r["total_ms"]), float(r["peak_kib"]) / MiB
        goal, met, ratio = "", "", None
        # the goals (issue 13): the bundled article within 50 ms, an article
        # of 120 KB with every check within 1 s; ratio = time / budget
        budget = 50.0 if size < 10000 else 1000.0 if 100000 <= size <= 140000 else None
        if budget:
            goal, ratio = "<= %d ms" % budget, t / budget
            met = "yes" if t <= budget else "no"
        rows.append(["generator", "parse + generate", "%d bytes" % size, t, "ms",
                     None, ratio, goal, met])
        rows.append(["generator", "peak memory", "%d bytes" % size, m, "MiB", None, None, "", ""])
        if prev:
            # growth per 10 times more text: (t2/t1)^(1/log10(s2/s1)); 10 is linear
            d = math.log10(size / prev[0])
            g = (t / prev[1]) ** (1 / d) if prev[1] > 0 else None
            rows.append(["generator", "time growth per 10x text",
                         "%d -> %d bytes" % (prev[0], size), g, "x", None, None,
                         "near 10, <= 15", "" if g is None else ("yes" if g <= 15 else "no")])
            gm = (m / prev[2]) ** (1 / d) if prev[2] > 0 else None
            rows.append(["generator", "memory growth per 10x text",
                         "%d -> %d bytes" % (prev[0], size), gm, "x", None, None, "", ""])
        prev = (size, t, m)
def fmt(v, unit=""):
    if v is None or v == "":
        return ""
    if isinstance(v, str):
        return v
    return "%.2f" % v if abs(v) < 100 else "%.0f" % v
with open(out, "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["section", "measure", "subject", "value", "unit", "floor", "ratio", "goal", "met"])
    for r in rows:
        w.writerow([r[0], r[1], r[2], fmt(r[3]), r[4], fmt(r[5]),
                    "" if r[6] is None else "%.2f" % r[6], r[7], r[8]])
hdr = ["section", "measure", "subject", "value", "unit", "floor", "ratio", "goal", "met"]
table = [hdr] + [[r[0], r[1], r[2], fmt(r[3]), r[4], fmt(r[5]),
                  "" if r[6] is None else "%.2fx" % r[6], r[7], r[8]] for r in rows]
wid = [max(len(t[i]) for t in table) for i in range(len(hdr))]
print("| " + " | ".join(h.ljust(wid[i]) for i, h in enumerate(hdr)) + " |")
print("|" + "|".join("-" * (x + 2) for x in wid) + "|")
for t in table[1:]:
    print("| " + " | ".join(c.ljust(wid[i]) for i, c in enumerate(t)) + " |")
print("\nCSV: " + out, file=sys.stderr)
EOF
