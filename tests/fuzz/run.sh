#!/usr/bin/env bash
# run.sh - build (if needed) and run one libFuzzer target, or all five.
#
#   tests/fuzz/run.sh article|markdown|html|gen|config|all SECONDS [build-dir]
#
# The build folder (default: build-fuzz at the top of the repository) is
# configured with clang and QUIZMILL_FUZZ=ON when it has no CMakeCache.txt.
# The seed corpus and the regression inputs are read, never written: new
# corpus entries go to BUILD/fuzz-work/TARGET/corpus, crash inputs to
# BUILD/fuzz-work/TARGET/ (crash-*, leak-*, timeout-*, oom-*). Exits 1 when a
# target found a crash (its input's path is printed), 2 on a usage or build
# error.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

usage() { echo "usage: $0 article|markdown|html|gen|config|all SECONDS [build-dir]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
target=$1
secs=$2
build=${3:-$root/build-fuzz}
[[ $secs =~ ^[1-9][0-9]*$ ]] || usage
case $target in
  all) targets=(article markdown html gen config) ;;
  article|markdown|html|gen|config) targets=("$target") ;;
  *) usage ;;
esac

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DQUIZMILL_FUZZ=ON \
        -DQUIZMILL_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 2
fi
build=$(cd "$build" && pwd)
if ! grep -q '^QUIZMILL_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  echo "$0: $build is not a fuzz build (configure it with -DCMAKE_C_COMPILER=clang -DQUIZMILL_FUZZ=ON)" >&2
  exit 2
fi
cmake --build "$build" --target "${targets[@]/#/fuzz_}" -j"$(nproc)" >/dev/null || {
  echo "$0: build failed; rerun: cmake --build $build --target ${targets[*]/#/fuzz_}" >&2
  exit 2
}

status=0
for t in "${targets[@]}"; do
  case $t in
    config) max_len=8192 ;;
    gen) max_len=4096 ;; # gen_build is slow on big articles: keep runs fast
    *) max_len=16384 ;;
  esac
  extra=""  # the readers also start from the corpus of real-shaped articles
  case $t in article|markdown|html) extra=$root/tests/data/real ;; esac
  bin=$(find "$build" -type f -name "fuzz_$t" -perm -u+x | head -n 1)
  [ -n "$bin" ] || { echo "$0: fuzz_$t not found in $build" >&2; exit 2; }
  work=$build/fuzz-work/$t
  mkdir -p "$work/corpus"
  rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*
  log=$work/fuzz.log
  echo "== fuzz_$t for ${secs}s (log: $log)"
  # timeout: a hard stop should libFuzzer itself hang past -max_total_time.
  timeout -k 10 $((secs + 120)) "$bin" -max_total_time="$secs" -max_len=$max_len \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -dict="$here/$t.dict" -artifact_prefix="$work/" \
      "$work/corpus" "$here/corpus/$t" "$here/regressions/$t" ${extra:+"$extra"} >"$log" 2>&1
  rc=$?
  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log"
  crashes=$(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null)
  if [ $rc -ne 0 ] || [ -n "$crashes" ]; then
    status=1
    echo "!! fuzz_$t FAILED (exit $rc); last lines of $log:" >&2
    tail -n 40 "$log" >&2
    if [ -n "$crashes" ]; then
      echo "!! crash input(s):" >&2
      echo "$crashes" | sed 's/^/   /' >&2
      echo "   reproduce: $bin <input>   minimise: $bin -minimize_crash=1 -runs=10000 <input>" >&2
    fi
  else
    echo "ok fuzz_$t: $(ls "$work/corpus" | wc -l) new corpus entries in $work/corpus"
  fi
done
exit $status
