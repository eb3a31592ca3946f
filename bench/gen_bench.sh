#!/bin/bash
# gen_bench.sh - parse + generate (medium) of the bundled article (6 KB) and
# of synthesised articles of 120 KB and 600 KB, against the goals: the
# bundled article within 50 ms, 120 KB within 1 s (every check in).
#
#   bench/gen_bench.sh BUILD_DIR [OUT_CSV]
#
# BUILD_DIR holds bench/gen_bench (cmake --build BUILD_DIR). The 6 KB row is
# the bundled article; the others are synthesised by gen_bench. Each run is a
# fresh process (peak memory is per process). Small sizes take the median of
# RUNS (default 3) runs by total time, sizes of 30 MB or more of BIG_RUNS
# (default 1). Prints a table with the growth factor per 10 times more text
# against the previous row ((t2/t1)^(1/log10(s2/s1)); 10 is linear) and the
# ratio of the time to its goal, and writes every run to OUT_CSV (default
# BUILD_DIR/bench/results/gen.csv). SIZES overrides the synthesised sizes in
# bytes ("120000 600000"; larger ones still run, with no goal).
set -euo pipefail

build=${1:?usage: gen_bench.sh BUILD_DIR [OUT_CSV]}
out=${2:-$build/bench/results/gen.csv}
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/bench/gen_bench
article=$here/../questions/turkmenistan-kazakhstan.txt
runs=${RUNS:-3}
big_runs=${BIG_RUNS:-1}
sizes=${SIZES:-120000 600000}

[ -x "$bin" ] || { echo "gen_bench.sh: no $bin (build first)" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
echo "size_bytes,parse_ms,gen_ms,total_ms,peak_kib,items,topics,digest" >"$out"

# median line (by total_ms) of n runs of gen_bench ARGS
median() {
    local n=$1
    shift
    local lines=()
    for ((i = 0; i < n; i++)); do
        lines+=("$("$bin" "$@")")
        echo "${lines[-1]}" >>"$out"
    done
    printf '%s\n' "${lines[@]}" | sort -t, -k4,4g | sed -n "$(((n + 1) / 2))p"
}

rows=()
rows+=("$(median "$runs" -f "$article")")
for s in $sizes; do
    if [ "$s" -ge 30000000 ]; then n=$big_runs; else n=$runs; fi
    rows+=("$(median "$n" "$s")")
done

printf '%s\n' "${rows[@]}" | awk -F, '
BEGIN {
    printf "%12s %10s %10s %10s %10s %9s %8s %8s %8s %10s\n",
           "bytes", "parse_ms", "gen_ms", "total_ms", "peak_kib", "items", "topics",
           "time/10x", "mem/10x", "time/goal"
}
{
    tg = "-"; mg = "-"
    if (NR > 1) {
        d = log($1 / s) / log(10)
        if (t > 0) tg = sprintf("%.1f", ($4 / t) ^ (1 / d))
        if (m > 0) mg = sprintf("%.1f", ($5 / m) ^ (1 / d))
    }
    goal = ($1 < 10000) ? 50 : ($1 >= 100000 && $1 <= 140000) ? 1000 : 0
    gr = goal ? sprintf("%.3f", $4 / goal) : "-"
    printf "%12d %10.1f %10.1f %10.1f %10d %9d %8d %8s %8s %10s\n", $1, $2, $3, $4, $5, $6, $7, tg, mg, gr
    s = $1; t = $4; m = $5
}'
echo "runs written to $out"
