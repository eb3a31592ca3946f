#!/usr/bin/env bash
# bench/phones.sh [PLAYERS] [QUESTIONS] [SPREAD_MS] - simulated phones against the real
# game over loopback (bench/phones.py): players, answers sent and counted,
# answer-to-acknowledgement p50/p99, the big screen's frame time during the
# answer burst against the countdown alone, the game's memory.
# The phones are build/bench/quizmill-phones-load (bench/phones_load.c, C,
# one libwebsockets loop; QUIZMILL_PHONES_LOAD=path) when built, else
# Python's (QUIZMILL_PHONES_CLIENT=python forces them), with a note.
# Needs a build (build/quizmill, or QUIZMILL=path) and python3-websockets.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# a thousand sockets on each side: more descriptors than a shell's default
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec /usr/bin/python3 "$here/phones.py" "${1:-100}" "${2:-3}" "${3:-0}"
