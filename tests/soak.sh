#!/usr/bin/env bash
# soak.sh - many headless rounds in one run of the game: it must finish them
# all and its memory must not grow. Runs `quizmill --autoplay ROUNDS
# --autoplay-delay 0` with the dummy video and audio drivers, a fast config
# (10 questions, no time limit, no sound, no feedback pause), QUIZMILL_TRACE=1
# and a fresh data folder, and reads the resident memory the game traces after
# each round. Fails unless the game exits 0, traces ROUNDS rounds and leaves a
# results.csv of a header and ROUNDS*10 answers, or when the resident memory
# after the last round is more than SOAK_MAX_GROWTH% (5) above the one after round
# min(100, ROUNDS/2) (the baseline: start-up and the first rounds' caches
# settle before it; a fall is no failure). Prints the curve every 10% of the
# rounds and the time a round takes near the baseline and at the end (the
# results CSV is rewritten whole every round, so late rounds cost more).
#
# Usage: soak.sh ROUNDS [CSV-OUT]
#        CSV-OUT gets "round,rss_kib,ms" lines (ms: the round's wall time).
# Environment: QUIZMILL, the game (default build/quizmill of this source tree);
# SOAK_MAX_GROWTH, the growth allowed in percent (default 5). The sanitizer
# build allows more: ASan's allocator keeps the freed buffers of the results
# file, which grows every round (LeakSanitizer finds leaks there instead).
set -u

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: [QUIZMILL=path/to/quizmill] $0 ROUNDS [csv-out]" >&2
    exit 2
fi
src=$(realpath "$(dirname "$0")/..") || fail "cannot find the source folder"
game=${QUIZMILL:-$src/build/quizmill}
rounds=$1
max_growth=${SOAK_MAX_GROWTH:-5}
case "$max_growth" in '' | *[!0-9]*) fail "SOAK_MAX_GROWTH must be a whole number, not '$max_growth'" ;; esac
csv_out=${2:-}
case "$rounds" in '' | *[!0-9]*) fail "ROUNDS must be a whole number, not '$rounds'" ;; esac
[ "$rounds" -ge 2 ] || fail "ROUNDS must be at least 2"
[ -x "$game" ] || fail "no game at $game (set QUIZMILL)"
game=$(realpath "$game")
article="$src/questions/turkmenistan-kazakhstan.txt"
[ -r "$article" ] || fail "cannot read $article"
[ -n "${EPOCHREALTIME:-}" ] || fail "needs bash 5 (EPOCHREALTIME)"
if [ -n "$csv_out" ]; then
    touch "$csv_out" 2>/dev/null || fail "cannot write $csv_out"
    csv_out=$(realpath "$csv_out")
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/quizmill-soak.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data" || fail "cannot create $tmp/data"
printf '[quiz]\narticle = "%s"\nquestions = 10\ntime_limit = 0\n[display]\nfeedback_seconds = 0\n[sound]\nsound = false\n' \
    "$article" >"$tmp/config.ini"

# the game's stderr, each line stamped with the time it arrived
start=$EPOCHREALTIME
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy QUIZMILL_TRACE=1 \
    "$game" -c "$tmp/config.ini" --windowed --autoplay "$rounds" --autoplay-delay 0 \
    --data-dir "$tmp/data" 2>&1 >"$tmp/game.out" |
    while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$tmp/trace"
rc=${PIPESTATUS[0]}
end=$EPOCHREALTIME
if [ "$rc" -ne 0 ]; then
    grep -v ' trace: ' "$tmp/trace" | tail -n 40 >&2
    fail "the game exited with status $rc"
fi

# round,rss_kib,ms (ms from the end of the previous round, or from the start)
awk -v t0="$start" '$2 == "trace:" && $3 == "round" && $5 == "done" {
        printf "%d,%d,%.1f\n", $4, $9, ($1 - t0) * 1000; t0 = $1 }' \
    "$tmp/trace" >"$tmp/rss.csv"
got=$(wc -l <"$tmp/rss.csv")
[ "$got" -eq "$rounds" ] || fail "$got round trace lines, expected $rounds"
awk -F, -v n="$rounds" '$1 != NR || $2 <= 0 { exit 1 } END { exit NR != n }' "$tmp/rss.csv" ||
    fail "the round trace lines are not rounds 1 to $rounds with a resident size"
rows=$(wc -l <"$tmp/data/results.csv" 2>/dev/null)
[ "${rows:-0}" -eq $((rounds * 10 + 1)) ] ||
    fail "results.csv has ${rows:-no} lines, expected $((rounds * 10 + 1)) (a header and 10 a round)"
if [ -n "$csv_out" ]; then
    { echo "round,rss_kib,ms"; cat "$tmp/rss.csv"; } >"$csv_out" || fail "cannot write $csv_out"
fi

base=$((rounds / 2))
[ "$base" -le 100 ] || base=100
awk -F, -v n="$rounds" -v base="$base" -v secs="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" '
    { rss[$1] = $2; ms[$1] = $3 }
    END {
        printf "soak: %d rounds in %.1f s, resident memory (KiB) after round:\n", n, secs
        for (k = 1; k <= 10; k++) {
            r = int(n * k / 10); if (r < 1) r = 1
            if (r != last) printf "  %6d  %8d\n", r, rss[r]
            last = r
        }
        # a round'"'"'s time: the mean of 10 rounds up to the baseline, and of the last 10
        lo = base - 9; if (lo < 1) lo = 1
        for (r = lo; r <= base; r++) { tb += ms[r]; nb++ }
        for (r = n - 9; r <= n; r++) if (r >= 1) { te += ms[r]; ne++ }
        printf "soak: a round takes %.1f ms around round %d, %.1f ms at round %d\n",
               tb / nb, base, te / ne, n
        growth = (rss[n] - rss[base]) * 100.0 / rss[base]
        printf "soak: round %d %d KiB, round %d %d KiB (%+.1f%%)\n", base, rss[base], n, rss[n], growth
        exit growth > max
    }' max="$max_growth" "$tmp/rss.csv" ||
    fail "resident memory grew by more than $max_growth% between round $base and round $rounds"
echo "PASS: soak of $rounds rounds"
exit 0
