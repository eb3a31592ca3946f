#!/usr/bin/env bash
# tools/test-all.sh - every test, as CI runs them (after tools/setup.sh):
#   1. the test suite on the normal build (build/), then bench/phones.sh at
#      50 players (every answer counted, or it fails);
#   2. the same suite built with AddressSanitizer and UBSan (build-asan/);
#   3. the generator's tests and benchmark on 2, 3 and 8 workers built with
#      ThreadSanitizer (build-tsan/): any data race fails (the generator, the store);
#   4. each libFuzzer target for FUZZ_SECONDS (30 by default), built with
#      clang (build-fuzz/);
#   5. the .deb built, installed with apt, run and removed (needs root; skipped
#      with a note otherwise).
# Environment: QUIZMILL_WERROR=ON for -Werror, FUZZ_SECONDS, SKIP_ASAN=1,
# SKIP_TSAN=1, SKIP_FUZZ=1, SKIP_PACKAGE=1, SKIP_BENCH=1 to leave a step out on a slow
# machine.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
werror=${QUIZMILL_WERROR:-OFF}
suites=0
step() { printf '\n=== %s\n' "$*"; suites=$((suites + 1)); }

step "tests: normal build"
ctest --test-dir build --output-on-failure -j"$jobs"

if [ "${SKIP_BENCH:-0}" != 1 ]; then
    step "bench: 50 simulated phones answer a round (bench/phones.sh; the README's table is 100, 300, 1000)"
    bash bench/phones.sh 50
fi

if [ "${SKIP_ASAN:-0}" != 1 ]; then
    step "tests: AddressSanitizer + UBSan build"
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUIZMILL_SANITIZE=ON \
        -DQUIZMILL_WERROR="$werror" >/dev/null
    cmake --build build-asan -j"$jobs" >/dev/null
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
fi

if [ "${SKIP_TSAN:-0}" != 1 ]; then
    step "tests: ThreadSanitizer build of the generator (workers side by side) and the store (its writer thread)"
    cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUIZMILL_TSAN=ON \
        -DQUIZMILL_WERROR="$werror" >/dev/null
    cmake --build build-tsan -j"$jobs" --target test_gen gen_bench test_db >/dev/null
    export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
    build-tsan/tests/test_gen | tail -n 1
    (cd build-tsan/tests && ./test_db | tail -n 1)
    for t in 2 3 8; do build-tsan/bench/gen_bench -t "$t" 300000 >/dev/null; done
    unset TSAN_OPTIONS
fi

if [ "${SKIP_FUZZ:-0}" != 1 ]; then
    step "fuzzing: each target ${FUZZ_SECONDS:-30} s"
    bash tests/fuzz/run.sh all "${FUZZ_SECONDS:-30}" build-fuzz
fi

if [ "${SKIP_PACKAGE:-0}" != 1 ]; then
    step "package: build, install with apt, run, remove"
    if [ "$(id -u)" -eq 0 ]; then
        bash tests/test_package.sh build
    else
        echo "skipped: installing the .deb needs root (run as root, or SKIP_PACKAGE=1)"
    fi
fi
printf '\n=== every suite passed\n%d passed, 0 failed\n' "$suites"
