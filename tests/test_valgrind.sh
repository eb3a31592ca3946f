#!/usr/bin/env bash
# test_valgrind.sh - quizmill-gen and one headless round of the game under
# valgrind's memcheck: any memory error (invalid read or write, use of an
# uninitialised value, bad free) or any definitely lost block is a failure.
# Runs quizmill-gen --all -f json and --check on the bundled article, then
# `quizmill --autoplay 1` with the dummy video and audio drivers.
#
# Usage: test_valgrind.sh path/to/quizmill path/to/quizmill-gen source-dir
# Needs valgrind: missing is a failure, not a skip. Takes about 10 s.
set -u

VG_RC=99 # valgrind's exit status when it found an error
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

if [ $# -ne 3 ]; then
    echo "usage: $0 path/to/quizmill path/to/quizmill-gen source-dir" >&2
    exit 2
fi
command -v valgrind >/dev/null 2>&1 || fail "valgrind is missing (apt-get install valgrind)"
game=$(realpath "$1") || fail "no game at $1"
gen=$(realpath "$2") || fail "no quizmill-gen at $2"
src=$(realpath "$3") || fail "no source folder at $3"
article="$src/questions/turkmenistan-kazakhstan.txt"
[ -x "$game" ] || fail "$game is not a program"
[ -x "$gen" ] || fail "$gen is not a program"
[ -r "$article" ] || fail "cannot read $article"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/quizmill-vg.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || fail "cannot enter $tmp"

# vg NAME COMMAND...: runs COMMAND under memcheck; its stdout, stderr and
# valgrind's report in $tmp/NAME.out, .err and .vg
vg() {
    local name=$1 rc
    shift
    timeout 50 valgrind -q --error-exitcode=$VG_RC --leak-check=full \
        --show-leak-kinds=definite --errors-for-leak-kinds=definite \
        --log-file="$tmp/$name.vg" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    [ "$rc" -eq 0 ] && return 0
    echo "--- valgrind ($name) ---" >&2
    head -n 100 "$tmp/$name.vg" >&2
    echo "--- stderr ($name) ---" >&2
    tail -n 20 "$tmp/$name.err" >&2
    [ "$rc" -eq $VG_RC ] && fail "$name: valgrind found memory errors or definite leaks"
    [ "$rc" -eq 124 ] && fail "$name: did not end within 50 s under valgrind"
    fail "$name: exit status $rc"
}

vg gen-json "$gen" -a "$article" --all -f json
[ -s "$tmp/gen-json.out" ] || fail "quizmill-gen --all -f json printed nothing"
vg gen-check "$gen" -a "$article" --check
grep -qx ok "$tmp/gen-check.out" || fail "quizmill-gen --check did not say ok"

printf '[quiz]\narticle = "%s"\nquestions = 10\ntime_limit = 0\n[display]\nfeedback_seconds = 0\n[sound]\nsound = false\n' \
    "$article" >"$tmp/config.ini"
mkdir -p "$tmp/data" || fail "cannot create $tmp/data"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy QUIZMILL_TRACE=1
vg game "$game" -c "$tmp/config.ini" --windowed --autoplay 1 --autoplay-delay 0 \
    --data-dir "$tmp/data"
grep -q '^trace: round 1 done ' "$tmp/game.err" || fail "the game did not finish its round"
rows=$(wc -l <"$tmp/data/results.csv" 2>/dev/null)
[ "${rows:-0}" -eq 11 ] || fail "results.csv has ${rows:-no} lines, expected a header and 10 answers"
echo "PASS: no memory errors, no definite leaks"
exit 0
