#!/bin/bash
# xvfb_run.sh - runs a command on a fresh Xvfb server of its own, as
# xvfb-run does, without xvfb-run's two races under parallel tests:
#  - `xvfb-run -a` picks the display number by looking for a free lock file,
#    so two tests starting together can pick the same number, and one then
#    drives the other's server until it vanishes ("unable to open display");
#    here the server picks its own free number and writes it (-displayfd);
#  - without -noreset the server resets whenever its last client leaves, which
#    drops what a short-lived client set (xmodmap's keys) and refuses the
#    connections that arrive during the reset; here it never resets.
#
# Usage: xvfb_run.sh 'SERVER ARGS' COMMAND [ARG...]
#   SERVER ARGS: what Xvfb gets besides the display, e.g. '-screen 0 1024x768x24'
# Exit status: the command's, or 1 (with a line on stderr) when the server
# does not start within 20 s. The server is stopped when the command ends;
# the caller's `timeout` (a process group) covers a command that hangs.
set -u
[ $# -ge 2 ] || { echo "usage: xvfb_run.sh 'SERVER ARGS' COMMAND [ARG...]" >&2; exit 2; }
server_args=$1
shift
dir=$(mktemp -d "${TMPDIR:-/tmp}/xvfb_run.XXXXXX") || { echo "xvfb_run.sh: mktemp failed" >&2; exit 1; }
xpid=""
cleanup() {
    if [ -n "$xpid" ]; then
        kill "$xpid" 2>/dev/null
        wait "$xpid" 2>/dev/null
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# a cookie of our own, so that no other local user's client can connect
export XAUTHORITY="$dir/Xauthority"
cookie=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
xauth -q -f "$XAUTHORITY" add ":0" . "$cookie" 2>/dev/null # the file must exist for -auth
mkfifo "$dir/displayfd" || { echo "xvfb_run.sh: mkfifo failed" >&2; exit 1; }
# shellcheck disable=SC2086 # the server's arguments are words on purpose
Xvfb -displayfd 3 -auth "$XAUTHORITY" -nolisten tcp -noreset $server_args \
    3>"$dir/displayfd" >"$dir/xvfb.log" 2>&1 &
xpid=$!
# the server writes its display number and a newline once it takes clients
num=""
if ! read -r -t 20 num <"$dir/displayfd" || [ -z "$num" ]; then
    echo "xvfb_run.sh: Xvfb did not start within 20 s: $(tail -n 3 "$dir/xvfb.log" | tr '\n' ' ')" >&2
    exit 1
fi
xauth -q -f "$XAUTHORITY" remove ":0" 2>/dev/null
xauth -q -f "$XAUTHORITY" add ":$num" . "$cookie" ||
    { echo "xvfb_run.sh: xauth cannot add the cookie for :$num" >&2; exit 1; }
export DISPLAY=":$num"
"$@"
