#!/usr/bin/env bash
# test_bad_inputs.sh - every program against bad input: broken articles,
# configs, command lines and saved files (the database quizmill.db, the
# results export results.csv, and the results.csv and scores.txt of an older
# version, imported once), unreadable and misplaced paths, FIFOs and devices
# where a file belongs (none waited on), a read-only data folder and a full
# disk; where saving is impossible at start-up, each such case runs twice:
# the game refuses to start (exit 1, the message and how to play anyway), and
# with [data] play_without_saving = true it warns and plays.
# Each case of the table below gives the exit status and the first line of
# stderr (exact, or a fixed prefix); none may crash (a signal, status >= 128)
# or hang (each runs under timeout), and where saved files are involved the
# check column makes sure no score or result row is lost: an old file stays
# as it was (a corrupt high-score file set aside under a new name; a foreign
# or read-only results file never rewritten), its rows and scores are in the
# database (checked with the sqlite3 command) and in the export.
#
# Usage: test_bad_inputs.sh path/to/quizmill path/to/quizmill-gen source-dir
#
# As root (CI) the test re-runs itself in a private mount namespace
# (unshare -m) and uses a read-only bind mount for the read-only data folder
# and a 64 KiB tmpfs for the full disk; "Permission denied" cases run as
# nobody (setpriv). Where mounting is not permitted, the read-only folder is
# a folder without write permission for a non-root user, and the full disk is
# simulated by an LD_PRELOAD shim (built here) that makes every write
# (write(), pwrite() and the like, which SQLite uses) and every sync fail with
# ENOSPC for files in one folder. The shim cases run everywhere. (A disk
# that fills during play is test_full_disk.sh's: here only start-up and the
# export.)
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 quizmill quizmill-gen source-dir" >&2
    exit 2
fi
game=$(realpath "$1")
gen=$(realpath "$2")
src=$(realpath "$3")
command -v sqlite3 >/dev/null ||
    { echo "needs the sqlite3 command (tools/setup.sh installs it)" >&2; exit 1; }
if [ "$(id -u)" = 0 ] && [ -z "${QM_BAD_INPUTS_NS:-}" ] &&
    unshare -m --propagation private true 2>/dev/null; then
    QM_BAD_INPUTS_NS=1 exec unshare -m --propagation private bash "$0" "$game" "$gen" "$src"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qm-bad.XXXXXX")
case $tmp in *' '*) echo "the temporary folder '$tmp' has a space in it" >&2; exit 1 ;; esac
mounts=()
cleanup() {
    local m
    for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
    chmod -R u+rwx "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg-config XDG_DATA_HOME=$tmp/xdg-data
unset QUIZMILL_TRACE LD_PRELOAD
mkdir -p "$HOME" "$tmp/work"
cd "$tmp/work" || exit 1
art=$src/questions/turkmenistan-kazakhstan.txt
passed=0
failed=0
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }
note() { echo "note: $*"; }

# ---- what this machine allows ----
root=false
[ "$(id -u)" = 0 ] && root=true
as_nobody=()
if $root && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    chmod 755 "$tmp" "$tmp/work"
fi
can_mount=false
mkdir -p "$tmp/probe"
# QM_BAD_INPUTS_NO_MOUNT=1 tries the fallbacks of a machine that cannot mount
if $root && [ -z "${QM_BAD_INPUTS_NO_MOUNT:-}" ] &&
    mount -t tmpfs -o size=64k tmpfs "$tmp/probe" 2>/dev/null; then
    umount "$tmp/probe"
    can_mount=true
fi
cc=$(command -v cc || command -v gcc || command -v clang || true)

# ---- fixtures ----
A=$tmp/a
mkdir -p "$A"
printf '' >"$A/empty.txt"
printf '\n\n   \n\t\n' >"$A/blank.txt"
python3 - "$A" "$art" <<'P'
import sys
d, art = sys.argv[1], sys.argv[2]
text = open(art, "rb").read()
open(d + "/binary.txt", "wb").write(bytes(range(256)) * 40)
open(d + "/nul.txt", "wb").write(b"Title\n\nHeading\n\nText \0 here.\n")
open(d + "/utf8.txt", "wb").write(b"Title\n\nHeading\n\nBad \xff byte.\n")
open(d + "/cut-utf8.txt", "wb").write(b"Title\n\nHeading\n\nCaf\xc3")
open(d + "/cut-100.txt", "wb").write(text[:100])
open(d + "/cut-4000.txt", "wb").write(text[:4000])
open(d + "/title.txt", "wb").write(b"Just a Title\n")
open(d + "/no-heading.txt", "wb").write(b"Title\n\nOnly an introduction, no heading at all.\n")
open(d + "/deep-only.md", "wb").write(b"# T\n\n#### Deep\n\n##### Deeper\n\nText here.\n")
open(d + "/deep.md", "wb").write(b"# T\n\n## A\n\n### B\n\n#### C\n\nText here is a sentence.\n")
open(d + "/line-10m.txt", "wb").write(b"Title\n\nHeading\n\n" + b"word " * (2 << 20) + b"\n")
open(d + "/line-900k.txt", "wb").write(b"Title\n\nHeading\n\n" + b"x" * 900000 + b"\n")
open(d + "/big-30m.txt", "wb").write(text * (30 * 1024 * 1024 // len(text) + 1))
open(d + "/not-html.html", "wb").write(b"Just some notes\n\nNo markup here at all.\n")
open(d + "/cut.html", "wb").write(b"<!DOCTYPE html><html><head><title>T</title></head><body><h1>T</h1><h2>Rivers</h2><p>The river flows north for three hundred kilometres and ends in a wide delta near the sea.</p><h2>Hills</h2><p>The hills rise to nine hundred metres and are covered in")
open(d + "/deep.html", "wb").write(b"<html><body><h1>T</h1>" + b"<div>" * 200000 + b"<h2>A</h2><p>Text.</p>")
open(d + "/nav-only.html", "wb").write(b"<html><body><nav><ul><li><a href=/>Home</a></li><li><a href=/a>About</a></li></ul></nav><footer>(c) 2025</footer></body></html>")
open(d + "/open-fm.md", "wb").write(b"---\ntitle: Never closed\n\n## Topic\n\nSome text here.\n")
open(d + "/code-only.md", "wb").write(b"```\n# not a heading\nprint(1)\n```\n\n    indented code\n")
open(d + "/cp1251.html", "wb").write(b"<html><head><meta charset=\"x-no-such-charset\"></head><body><h1>T</h1></body></html>")
P
ln -s "$A/nowhere.txt" "$A/dangling.txt"
touch "$A/file"
mkdir "$A/dir"
cp "$art" "$A/locked.txt"
chmod 000 "$A/locked.txt"

C=$tmp/c
mkdir -p "$C"
ini() { # ini NAME LINES...: a config whose first line names the bundled article
    local f=$C/$1
    shift
    { printf '[quiz]\narticle = %s\nquestions = 3\n' "$art"; printf '%b\n' "$@"; } >"$f"
}
printf '' >"$C/empty.ini"
python3 - "$C" <<'P'
import sys
d = sys.argv[1]
open(d + "/binary.ini", "wb").write(bytes(range(256)) * 16)
open(d + "/nul.ini", "wb").write(b"[quiz]\nquestions = 5\0\n")
open(d + "/utf8.ini", "wb").write(b"[quiz]\ndifficulty = \xff\n")
open(d + "/line-900k.ini", "wb").write(b"[quiz]\nquestions = " + b"1" * 900000 + b"\n")
open(d + "/big-30m.ini", "wb").write(b"; a comment line\n" * (30 * 1024 * 1024 // 17))
P
printf '[quiz]\nquest' >"$C/cut-key.ini"
printf '[quiz' >"$C/cut-section.ini"
printf '[quiz.sub]\nquestions = 3\n' >"$C/deep.ini"
printf '[[quiz]]\n' >"$C/double.ini"
printf 'questions = 3\n' >"$C/no-section.ini"
printf '[quiz]\nquestions = 5\nquestions = 6\n' >"$C/dup.ini"
printf '[quiz]\nquestions = 0\n' >"$C/zero.ini"
printf '[quiz]\nquestions = 99999999999999999999\n' >"$C/overflow.ini"
printf '[quiz]\nquestions = ten\n' >"$C/ten.ini"
printf '[scoring]\ntime_bonus = maybe\n' >"$C/bool.ini"
printf '[display]\nfont_scale = nan\n' >"$C/nan.ini"
printf '[quiz]\nseed = -1\n' >"$C/seed.ini"
printf '[display]\nwidth = 1e3\n' >"$C/width.ini"
mkdir "$C/dir.ini"
mkfifo "$C/fifo.ini"
ln -s "$C/nowhere.ini" "$C/dangling.ini"
ini ok.ini
ini font-missing.ini '[display]' 'font = missing.ttf'
ini font-dir.ini '[display]' "font = $A/dir"
ini font-text.ini '[display]' "font = $art"
ini font-dangling.ini '[display]' "font = $A/dangling.txt"
printf '[quiz]\nquestions = 3\narticle = missing.txt\n' >"$C/article-missing.ini"
printf '[quiz]\narticle = %s\n' "$A/big-30m.txt" >"$C/article-big.ini"
ini data-file.ini '[data]' "folder = $A/file"
ini data-file-nosave.ini '[data]' "folder = $A/file" 'play_without_saving = true'
ini nosave.ini '[data]' 'play_without_saving = true'
printf '[quiz]\narticle = %s\n' "$A/locked.txt" >"$C/article-locked.ini"

# saved files: each data folder starts with three high scores and two rows
S=$tmp/s
mkdir -p "$S"
printf 'quizmill-scores 1\nmedium\t9000\t9\t10\t1700000000\tAda\nmedium\t10\t1\t10\t1700000001\tBob\neasy\t500\t1\t3\t1700000002\tCy\n' >"$S/scores.good"
python3 - "$S" <<'P'
import sys
d = sys.argv[1]
h = "timestamp,round,player,difficulty,topic,item,chosen,right,correct,ms,points"
row = "2026-01-01T10:00:00,r1,Ada,medium,faq,0123456789abcdef,Yes,Yes,1,1200,1000"
open(d + "/results.good", "w", newline="").write(h + "\r\n" + row + "\r\n" + row + "\r\n")
open(d + "/results.torn", "w", newline="").write(h + "\r\n" + row)  # no line end
open(d + "/results.foreign", "w", newline="").write("name,score\r\nAda,10\r\n")
open(d + "/results.huge", "wb").write(b"x" * (5 << 20) + b"\n")
open(d + "/results.binary", "wb").write(bytes(range(256)) * 8)
open(d + "/scores.garbage", "w").write("garbage\n")
open(d + "/scores.binary", "wb").write(b"quizmill-scores 1\n\0\0\0")
open(d + "/scores.utf8", "wb").write(b"quizmill-scores 1\nmedium\t5\t1\t1\t1\tB\xffb\n")
open(d + "/scores.cut", "w").write("quizmill-scores 1\nmedium\t9000\t9\t10\t1700000000\tAda\nmedium\t51")
open(d + "/scores.huge", "w").write("quizmill-scores 1\nmedium\t1\t1\t1\t1\t" + "x" * (5 << 20) + "\n")
open(d + "/scores.empty", "w").write("")
# re-saved by a spreadsheet: a BOM, ';' between fields, every field quoted,
# CRLF, a column added (in the middle); a ';' and a '""' inside fields
q = lambda *f: ";".join('"' + x.replace('"', '""') + '"' for x in f) + "\r\n"
open(d + "/results.sheet", "wb").write(("\ufeff"
    + q("timestamp", "round", "player", "class", "difficulty", "topic", "item", "chosen", "right", "correct", "ms", "points")
    + q("2026-01-02T09:30:00", "r7", "Zo\u00eb", "7b", "easy", "rivers; lakes", "fedcba9876543210", "The Amu Darya", "The Amu Darya", "1", "900", "1000")
    + q("2026-01-02T09:30:05", "r7", "Zo\u00eb", "7b", "easy", "hills", "0011223344556677", 'the "high" one', "900 m", "0", "4100", "0")
    ).encode("utf-8"))
# player names a spreadsheet would take for formulas
rows = [h] + [f"2026-01-03T08:00:0{i},r9,{p},medium,faq,00000000000000a{i},Yes,Yes,1,100{i},10{i}"
              for i, p in enumerate(["=SUM(A1)", "+cmd", "-2+3", "@x", '"=HYPERLINK(""http://e.x"",""y"")"'])]
open(d + "/results.formula", "w", newline="").write("\r\n".join(rows) + "\r\n")
P
# data NAME [SCORES [RESULTS]]: a fresh data folder $S/NAME
data() {
    mkdir -p "$S/$1"
    cp "$S/${2:-scores.good}" "$S/$1/scores.txt"
    cp "$S/${3:-results.good}" "$S/$1/results.csv"
}
data ok
data corrupt scores.garbage
data s-binary scores.binary
data s-utf8 scores.utf8
data s-cut scores.cut
data s-huge scores.huge
data s-empty scores.empty
data r-foreign scores.good results.foreign
data r-huge scores.good results.huge
data r-binary scores.good results.binary
data r-torn scores.good results.torn
data r-empty scores.good scores.empty
data s-dir && rm "$S/s-dir/scores.txt" && mkdir "$S/s-dir/scores.txt"
data r-dir && rm "$S/r-dir/results.csv" && mkdir "$S/r-dir/results.csv"
data s-dangling && rm "$S/s-dangling/scores.txt" && ln -s "$S/s-dangling/nowhere" "$S/s-dangling/scores.txt"
data s-stuck scores.garbage && mkdir -p "$S/s-stuck/scores.txt.corrupt/keep"
data s-locked
data r-dir-nosave && rm "$S/r-dir-nosave/results.csv" && mkdir "$S/r-dir-nosave/results.csv"
data r-under
data r-under-nosave
data r-missing
data r-missing-nosave
data r-sheet scores.good results.sheet
data r-formula scores.good results.formula
data r-link && mkdir "$S/link-target" && mv "$S/r-link/results.csv" "$S/link-target/results.csv" &&
    chmod 640 "$S/link-target/results.csv" && ln -s ../link-target/results.csv "$S/r-link/results.csv"
data r-ro
for d in "$S"/*/; do cp -a "$d" "${d%/}.orig"; done
chmod 000 "$S/s-locked/scores.txt" && chmod 777 "$S/s-locked"
chmod 444 "$S/r-ro/results.csv"

# the read-only data folder
data ro
cp -a "$S/ro" "$S/ro.orig"
ro_runner=()
if $can_mount && mount --bind "$S/ro" "$S/ro" && mounts+=("$S/ro") &&
    mount -o remount,bind,ro "$S/ro"; then
    ro_why="Read-only file system"
    note "read-only data folder: a read-only bind mount"
elif [ ${#as_nobody[@]} -gt 0 ] || ! $root; then
    chmod 555 "$S/ro"
    ro_runner=("${as_nobody[@]}")
    ro_why="Permission denied"
    note "read-only data folder: a folder without write permission${as_nobody:+ (run as nobody)}"
else
    ro_why=SKIP
    note "read-only data folder: no way to make one here, case skipped"
fi

# the full disk: a 64 KiB tmpfs filled up, and the ENOSPC shim
data full
cp -a "$S/full" "$S/full.orig"
if $can_mount && mount -t tmpfs -o size=64k tmpfs "$S/full" && mounts+=("$S/full"); then
    cp -a "$S/full.orig/." "$S/full/"
    head -c 1M /dev/zero >"$S/full/filler" 2>/dev/null
    note "full disk: a 64 KiB tmpfs, filled up"
    full_disk=true
else
    note "full disk: mounting not permitted, only the LD_PRELOAD shim cases run"
    full_disk=false
fi
data shim
cp -a "$S/shim" "$S/shim.orig"
mkdir -p "$S/shim-db" # a data folder with room, for an export to the full $S/shim
shim=""
if [ -n "$cc" ]; then
    cat >"$tmp/enospc.c" <<'C'
/* enospc.c - LD_PRELOAD shim: every write (write(), pwrite(), writev() and
 * their kin: SQLite writes with pwrite()) and every sync fail with ENOSPC
 * on files under $QM_ENOSPC_DIR, as on a full disk. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static int under_dir(int fd)
{
    const char *dir = getenv("QM_ENOSPC_DIR");
    char link[64], path[4096];
    if (!dir || !*dir)
        return 0;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return 0;
    path[n] = '\0';
    size_t k = strlen(dir);
    return strncmp(path, dir, k) == 0 && path[k] == '/';
}

/* Fails the call with ENOSPC when fd is under $QM_ENOSPC_DIR, else calls
 * the next definition of fn (libc's, or a sanitizer's). */
#define FULL(fd, fn, ...)                                                   \
    do {                                                                    \
        if (under_dir(fd)) {                                                \
            errno = ENOSPC;                                                 \
            return -1;                                                      \
        }                                                                   \
        __typeof__(&fn) real = (__typeof__(&fn))dlsym(RTLD_NEXT, #fn);      \
        return real(__VA_ARGS__);                                           \
    } while (0)

ssize_t write(int fd, const void *buf, size_t len)
{
    FULL(fd, write, fd, buf, len);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t at)
{
    FULL(fd, pwrite, fd, buf, len, at);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off64_t at)
{
    FULL(fd, pwrite64, fd, buf, len, at);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
    FULL(fd, writev, fd, iov, n);
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t at)
{
    FULL(fd, pwritev, fd, iov, n, at);
}

int fsync(int fd)
{
    FULL(fd, fsync, fd);
}

int fdatasync(int fd)
{
    FULL(fd, fdatasync, fd);
}
C
    if "$cc" -std=c17 -Wall -Wextra -Werror -shared -fPIC -o "$tmp/enospc.so" "$tmp/enospc.c" -ldl \
        2>"$tmp/cc.err"; then
        shim=$tmp/enospc.so
    else
        fail "the ENOSPC shim does not build: $(head -c 300 "$tmp/cc.err")"
    fi
else
    note "no C compiler: the shim cases are skipped"
fi

# ---- checks used by the table's last column ----
same() { cmp -s "$1" "$2" || { echo "$1 changed (expected it untouched)"; return 1; }; }
starts_with() { # FILE ORIG: FILE begins with ORIG's bytes (old rows kept)
    local n
    n=$(stat -c %s "$2")
    head -c "$n" "$1" | cmp -s - "$2" || { echo "$1 lost its old content"; return 1; }
}
sql() { # DIR QUERY: the query's rows on DIR/quizmill.db, fields joined by a space
    [ -f "$1/quizmill.db" ] || { echo "$1/quizmill.db: missing"; return 1; }
    sqlite3 -batch -bail -noheader -list -separator ' ' "$1/quizmill.db" "$2" 2>&1
}
db_is() { # DIR QUERY WANT: the query gives WANT
    local got
    got=$(sql "$1" "$2") || { echo "$got"; return 1; }
    [ "$got" = "$3" ] || { echo "$1/quizmill.db: $2: got '$got', expected '$3'"; return 1; }
}
no_db() { # DIR: no database was made there (an empty file left by a failed open aside)
    [ ! -s "$1/quizmill.db" ] || { echo "$1/quizmill.db: made, expected none"; return 1; }
}
scores_in_db() { # DIR ORIG: every entry of the old high-score file ORIG is in the standings
    python3 - "$1/quizmill.db" "$2" <<'P' || return 1
import sqlite3, sys
have = set(sqlite3.connect(sys.argv[1]).execute(
    "SELECT difficulty, score, right, total, at, player FROM standings"))
old = open(sys.argv[2], encoding="utf-8").read().splitlines()[1:]
lost = [l for l in old if (lambda f: (f[0], int(f[1]), int(f[2]), int(f[3]), int(f[4]), f[5]))(
    l.split("\t")) not in have]
if lost:
    print(f"{sys.argv[1]}: scores lost: {lost}")
    sys.exit(1)
P
}
export_has() { # EXPORT ORIG: every row of the old results file ORIG (read as the game
    # does: BOM, separator, quotes, columns by name) is in EXPORT, its text
    # cells neutralised against formulas (a leading "'") as the export writes them
    python3 - "$1" "$2" <<'P' || return 1
import collections, csv, io, sys
def rows(path):
    text = open(path, encoding="utf-8", newline="").read().removeprefix("\ufeff")
    head = text.split("\n", 1)[0]
    sep = max(",;\t", key=head.count)
    r = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    at = [r[0].index(n) for n in ("timestamp", "round", "player", "difficulty", "topic",
                                  "item", "chosen", "right", "correct", "ms", "points")]
    return [tuple(row[i] for i in at) for row in r[1:] if row]
def neutral(row):
    return tuple("'" + c if 1 <= i <= 7 and c[:1] in ("=", "+", "-", "@", "\t", "\r") else c
                 for i, c in enumerate(row))
have = collections.Counter(rows(sys.argv[1]))
want = collections.Counter(neutral(row) for row in rows(sys.argv[2]))
lost = list((want - have).elements())
if lost:
    print(f"{sys.argv[1]}: rows of {sys.argv[2]} missing: {lost[:2]}")
    sys.exit(1)
P
}
no_formula() { # FILE: no text cell of the export starts as a formula would
    python3 - "$1" <<'P' || return 1
import csv, sys
bad = [c for row in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))
       for c in row[1:8] if c[:1] in ("=", "+", "-", "@")]
if bad:
    print(f"{sys.argv[1]}: cells a spreadsheet takes for formulas: {bad[:3]}")
    sys.exit(1)
P
}
absent() { # PATH: nothing there (not even a dangling link)
    [ ! -e "$1" ] && [ ! -L "$1" ] || { echo "$1: made, expected none"; return 1; }
}
is_link() { # LINK TARGET: LINK is still a symlink to TARGET
    [ -L "$1" ] && [ "$(readlink "$1")" = "$2" ] ||
        { echo "$1: no longer a link to $2 ($(ls -ld "$1"))"; return 1; }
}
mode_is() { # FILE MODE: the file's permissions (octal)
    [ "$(stat -c %a "$1")" = "$2" ] || { echo "$1: mode $(stat -c %a "$1"), expected $2"; return 1; }
}
csv_ok() { # FILE [N]: header and whole rows of 11 fields (N of them)
    python3 - "$1" "${2:-}" <<'P' || return 1
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
bad = [r for r in rows if len(r) != 11]
if not rows or rows[0][0] != "timestamp" or bad or len(rows) < 2:
    print(f"{sys.argv[1]}: not a whole results file ({len(rows)} rows, bad: {bad[:1]})")
    sys.exit(1)
if sys.argv[2] and len(rows) - 1 != int(sys.argv[2]):
    print(f"{sys.argv[1]}: {len(rows) - 1} rows, expected {sys.argv[2]}")
    sys.exit(1)
P
}
one_line() { # the case's stderr is one line (a usage error's "Try ..." hint aside)
    local n
    n=$(grep -vc '^Try ' "$tmp/err")
    [ "$n" -eq 1 ] || { echo "$n lines on stderr, expected one: $(head -c 300 "$tmp/err")"; return 1; }
}
no_tmp() { # DIR: no temporary file (nor the game's write probe) left behind
    local left
    left=$(find "$1" -maxdepth 1 \( -name '*.tmp-*' -o -name '.quizmill-write-*' \) | head -n 3)
    [ -z "$left" ] || { echo "temporary files left: $left"; return 1; }
}

# ---- the table ----
# name | exit status | = exact, ^ prefix, 0 empty stderr | first line of stderr | command | checks
# Commands: gen = quizmill-gen, game = quizmill, play = quizmill --windowed
# --autoplay 1 --autoplay-delay 0; "nobody" runs the rest as user nobody when
# root; "quick" gives it 10 s, not 30, before it counts as hung (cases that
# must fail at once: a FIFO, a device); "ro" as the read-only case needs;
# "shim" with the ENOSPC shim on
# @S@/shim. @A@ @C@ @S@ are the fixture folders, @ART@ the bundled article,
# @RO@ the reason a read-only save fails. Checks are shell, run after the case.
table=$(cat <<'TABLE'
article empty | 1 | = | @A@/empty.txt:1: article is empty | gen -a @A@/empty.txt --check | -
article blank lines only | 1 | = | @A@/blank.txt:1: article is empty | gen -a @A@/blank.txt | -
article binary | 1 | = | @A@/binary.txt:1: NUL byte in text (is this a binary file?) | gen -a @A@/binary.txt | -
article NUL byte | 1 | = | @A@/nul.txt:5: NUL byte in text (is this a binary file?) | gen -a @A@/nul.txt | -
article invalid UTF-8 | 1 | = | @A@/utf8.txt:5: invalid UTF-8 (byte 0xff) | gen -a @A@/utf8.txt | -
article truncated in a UTF-8 sequence | 1 | = | @A@/cut-utf8.txt:5: invalid UTF-8 (byte 0xc3) | gen -a @A@/cut-utf8.txt | -
article truncated to 100 bytes | 1 | = | @A@/cut-100.txt:1: no topic with text (a heading is a short line followed by a paragraph) | gen -a @A@/cut-100.txt | -
article truncated to 4000 bytes still works | 0 | 0 | | gen -a @A@/cut-4000.txt --check | -
article title only | 1 | ^ | @A@/title.txt:1: no topic with text | gen -a @A@/title.txt | -
article without headings | 1 | ^ | @A@/no-heading.txt:1: no topic with text | gen -a @A@/no-heading.txt | -
article only deep headings (a topic with one short sentence) | 1 | ^ | @A@/deep-only.md: no question can be made from the topics in play at any difficulty | gen -a @A@/deep-only.md | -
article deep sections | 0 | 0 | | gen -a @A@/deep.md --list-topics | -
html page that is not HTML | 1 | ^ | @A@/not-html.html:1: no topic with text | gen -a @A@/not-html.html | -
html page cut in the middle | 0 | 0 | | gen -a @A@/cut.html --list-topics | -
html nested 200,000 deep | 1 | ^ | @A@/deep.html: | gen -a @A@/deep.html | -
html page of only navigation | 1 | ^ | @A@/nav-only.html:1: no topic with text | gen -a @A@/nav-only.html | -
html page in an unknown encoding | 1 | ^ | @A@/cp1251.html:1: page encoding 'x-no-such-charset' is not supported | gen -a @A@/cp1251.html | -
markdown front matter never closed: read as text, warned | 0 | ^ | warning: @A@/open-fm.md:1: front matter opened with '---' is never closed, read as text | gen -a @A@/open-fm.md --list-topics | -
markdown of only code | 1 | ^ | @A@/code-only.md:1: no topic with text | gen -a @A@/code-only.md | -
article 900 KB line, no question | 1 | ^ | @A@/line-900k.txt: no question can be made from the topics in play at any difficulty | gen -a @A@/line-900k.txt | -
article 10 MB line | 1 | = | @A@/line-10m.txt: cannot open article: larger than 8 MiB, the limit for an article | gen -a @A@/line-10m.txt | -
article 30 MB | 1 | = | @A@/big-30m.txt: cannot open article: larger than 8 MiB, the limit for an article | gen -a @A@/big-30m.txt --check | -
article 30 MB in the game | 1 | = | @C@/article-big.ini:2: cannot open article '@A@/big-30m.txt': larger than 8 MiB, the limit for an article | play -c @C@/article-big.ini --data-dir @S@/unused | -
article a device (/dev/zero) | 1 | ^ | /dev/zero: cannot open article: | quick gen -a /dev/zero | one_line
article a directory | 1 | = | @A@/dir: cannot open article: is a folder | gen -a @A@/dir | -
article under a file | 1 | = | @A@/file/x.txt: cannot open article: Not a directory | gen -a @A@/file/x.txt | -
article dangling symlink | 1 | = | @A@/dangling.txt: cannot open article: No such file or directory | gen -a @A@/dangling.txt | -
article unreadable | 1 | = | @C@/article-locked.ini:2: cannot open article '@A@/locked.txt': Permission denied | nobody play -c @C@/article-locked.ini --data-dir @S@/unused | -
article missing, from the config | 1 | = | @C@/article-missing.ini:3: cannot open article '@C@/missing.txt': No such file or directory | play -c @C@/article-missing.ini --data-dir @S@/unused | -
config empty file | 0 | 0 | | gen -c @C@/empty.ini -a @ART@ --check | -
config binary | 1 | = | @C@/binary.ini:1: NUL byte in config | gen -c @C@/binary.ini --check | -
config NUL byte | 1 | = | @C@/nul.ini:2: NUL byte in config | play -c @C@/nul.ini | -
config invalid UTF-8 | 1 | = | @C@/utf8.ini:2: invalid UTF-8 (byte 0xff at column 14) | gen -c @C@/utf8.ini --check | -
config 900 KB line | 1 | = | @C@/line-900k.ini:2: line too long (more than 199 bytes) | gen -c @C@/line-900k.ini --check | -
config 30 MB of comments | 1 | = | @C@/big-30m.ini: cannot read: larger than 1 MiB, the limit for a config file | quick gen -c @C@/big-30m.ini -a @ART@ --check | one_line
config truncated in a key | 1 | = | @C@/cut-key.ini:2: line without '=': quest (expected key = value, [section] or ; comment) | gen -c @C@/cut-key.ini | -
config truncated in a section | 1 | = | @C@/cut-section.ini:1: section line without ']': [quiz (write [name]) | play -c @C@/cut-section.ini | -
config dotted (deep) section | 1 | = | @C@/deep.ini:1: unknown section [quiz.sub] (valid: [quiz], [topics], [scoring], [display], [sound], [event], [network], [data]) | gen -c @C@/deep.ini | -
config nested brackets | 1 | = | @C@/double.ini:1: unknown section [[quiz] (did you mean [quiz]?) | gen -c @C@/double.ini | -
config key outside a section | 1 | = | @C@/no-section.ini:1: key 'questions' outside any section (put it under [quiz]) | gen -c @C@/no-section.ini | -
config duplicate key | 1 | = | @C@/dup.ini:3: duplicate key 'questions' in [quiz] (first set on line 2) | play -c @C@/dup.ini | -
config out of range | 1 | = | @C@/zero.ini:2: questions must be a whole number from 1 to 100, not '0' | gen -c @C@/zero.ini | -
config overflowing number | 1 | = | @C@/overflow.ini:2: questions must be a whole number from 1 to 100, not '99999999999999999999' | gen -c @C@/overflow.ini | -
config word for a number | 1 | = | @C@/ten.ini:2: questions must be a whole number from 1 to 100, not 'ten' | gen -c @C@/ten.ini | -
config bad boolean | 1 | = | @C@/bool.ini:2: time_bonus must be true or false (also yes/no, on/off, 1/0), not 'maybe' | gen -c @C@/bool.ini | -
config NaN | 1 | = | @C@/nan.ini:2: font_scale must be a number from 0.5 to 3, not 'nan' | gen -c @C@/nan.ini | -
config negative seed | 1 | = | @C@/seed.ini:2: seed must be a whole number from 0 to 18446744073709551615, not '-1' | play -c @C@/seed.ini | -
config exponent for a whole number | 1 | = | @C@/width.ini:2: width must be a whole number from 320 to 7680 (pixels), not '1e3' | gen -c @C@/width.ini | -
config a directory | 1 | = | @C@/dir.ini: cannot read: is a folder | quick game -c @C@/dir.ini | one_line
config a FIFO without a writer | 1 | = | @C@/fifo.ini: cannot read: not a regular file (a FIFO, device or socket) | quick game -c @C@/fifo.ini | one_line
config a FIFO, quizmill-gen | 1 | = | @C@/fifo.ini: cannot read: not a regular file (a FIFO, device or socket) | quick gen -c @C@/fifo.ini | one_line
config a device (/dev/zero) | 1 | = | /dev/zero: cannot read: not a regular file (a FIFO, device or socket) | quick game -c /dev/zero | one_line
config a device (/dev/null) | 1 | = | /dev/null: cannot read: not a regular file (a FIFO, device or socket) | quick game -c /dev/null | one_line
config under a file | 1 | = | @A@/file/config.ini: cannot read: Not a directory | gen -c @A@/file/config.ini | -
config dangling symlink | 1 | = | @C@/dangling.ini: cannot read: No such file or directory | play -c @C@/dangling.ini | -
config font missing | 1 | = | @C@/font-missing.ini:5: cannot open font '@C@/missing.ttf': No such file or directory | play -c @C@/font-missing.ini --data-dir @S@/unused | -
config font a directory | 1 | = | @C@/font-dir.ini:5: cannot open font '@A@/dir': Is a directory | play -c @C@/font-dir.ini --data-dir @S@/unused | -
config font dangling symlink | 1 | = | @C@/font-dangling.ini:5: cannot open font '@A@/dangling.txt': No such file or directory | play -c @C@/font-dangling.ini --data-dir @S@/unused | -
config font not a font | 1 | = | @C@/font-text.ini:5: cannot open font '@ART@': not a TrueType or OpenType font | play -c @C@/font-text.ini --data-dir @S@/unused | -
config data folder a file | 1 | = | @C@/data-file.ini:5: cannot create the data folder '@A@/file': Not a directory (set [data] play_without_saving = true to play anyway) | quick play -c @C@/data-file.ini | one_line
config data folder a file, playing without saving | 0 | = | warning: @C@/data-file-nosave.ini:5: cannot create the data folder '@A@/file': Not a directory; saving is off | play -c @C@/data-file-nosave.ini | -
game unknown option | 2 | = | quizmill: unknown option '--bogus' | game --bogus | -
game unexpected argument | 2 | = | quizmill: unexpected argument 'extra' | game -c @C@/ok.ini extra | -
game seed not a number | 2 | = | quizmill: --seed needs a whole number from 1 to 18446744073709551615, not 'abc' | game --seed abc | -
game seed 0 | 2 | = | quizmill: --seed needs a whole number from 1 to 18446744073709551615, not '0' | game --seed=0 | -
game seed overflowing | 2 | = | quizmill: --seed needs a whole number from 1 to 18446744073709551615, not '18446744073709551616' | game --seed 18446744073709551616 | -
game seed empty | 2 | = | quizmill: --seed needs a whole number from 1 to 18446744073709551615, not '' | game --seed= | -
game autoplay 0 | 2 | = | quizmill: --autoplay needs a number of rounds from 1 to 1000000, not '0' | game --autoplay 0 | -
game autoplay negative | 2 | = | quizmill: --autoplay needs a number of rounds from 1 to 1000000, not '-3' | game --autoplay=-3 | -
game autoplay without value | 2 | = | quizmill: this option needs a value: '--autoplay' | game --autoplay | -
game autoplay-delay too long | 2 | = | quizmill: --autoplay-delay needs milliseconds from 0 to 60000, not '60001' | game --autoplay 1 --autoplay-delay 60001 | -
game config without value | 2 | = | quizmill: this option needs a value: '-c' | game -c | -
game data-dir without value | 2 | = | quizmill: this option needs a value: '--data-dir' | game --data-dir | -
game data-dir empty | 2 | = | quizmill: --data-dir needs a folder, not '' | quick game -c @C@/ok.ini --data-dir= | one_line
game results empty | 2 | = | quizmill: --results needs a file, not '' | quick game -c @C@/ok.ini --results= | one_line
game config empty | 2 | = | quizmill: --config needs a file, not '' | quick game --config= | one_line
game config missing | 1 | = | @C@/none.ini: cannot read: No such file or directory | play -c @C@/none.ini | -
gen unknown option | 2 | = | quizmill-gen: unknown option '--bogus' | gen --bogus | -
gen count overflowing | 2 | = | quizmill-gen: -n: the count must be a whole number from 1 to 1000, not '99999999999999999999' | gen -n 99999999999999999999 | -
gen seed not a number | 2 | = | quizmill-gen: -s: seed must be a whole number from 0 to 18446744073709551615, not 'x' | gen -c @C@/ok.ini -s x | -
gen config without value | 2 | = | quizmill-gen: option 'c' needs a value | gen -c | -
scores garbage set aside | 0 | = | warning: @S@/corrupt/scores.txt: corrupt high-score file set aside as @S@/corrupt/scores.txt.corrupt: line 1: not "quizmill-scores 1" | play -c @C@/ok.ini --data-dir @S@/corrupt | same @S@/corrupt/scores.txt.corrupt @S@/scores.garbage && absent @S@/corrupt/scores.txt && db_is @S@/corrupt "SELECT rows FROM imports WHERE path LIKE '%/scores.txt'" 0 && starts_with @S@/corrupt/results.csv @S@/results.good && csv_ok @S@/corrupt/results.csv
scores NUL bytes set aside | 0 | = | warning: @S@/s-binary/scores.txt: corrupt high-score file set aside as @S@/s-binary/scores.txt.corrupt: line 2: NUL byte | play -c @C@/ok.ini --data-dir @S@/s-binary | same @S@/s-binary/scores.txt.corrupt @S@/scores.binary && starts_with @S@/s-binary/results.csv @S@/results.good
scores invalid UTF-8 set aside | 0 | = | warning: @S@/s-utf8/scores.txt: corrupt high-score file set aside as @S@/s-utf8/scores.txt.corrupt: line 2: invalid UTF-8 | play -c @C@/ok.ini --data-dir @S@/s-utf8 | same @S@/s-utf8/scores.txt.corrupt @S@/scores.utf8
scores truncated set aside | 0 | = | warning: @S@/s-cut/scores.txt: corrupt high-score file set aside as @S@/s-cut/scores.txt.corrupt: line 3: 2 fields, expected 6 | play -c @C@/ok.ini --data-dir @S@/s-cut | same @S@/s-cut/scores.txt.corrupt @S@/scores.cut
scores 5 MB line set aside | 0 | = | warning: @S@/s-huge/scores.txt: corrupt high-score file set aside as @S@/s-huge/scores.txt.corrupt: larger than 1 MiB, the limit for a high-score file | play -c @C@/ok.ini --data-dir @S@/s-huge | same @S@/s-huge/scores.txt.corrupt @S@/scores.huge
scores empty file set aside | 0 | = | warning: @S@/s-empty/scores.txt: corrupt high-score file set aside as @S@/s-empty/scores.txt.corrupt: empty file | play -c @C@/ok.ini --data-dir @S@/s-empty | -
scores corrupt, cannot be set aside | 0 | ^ | warning: @S@/s-stuck/scores.txt: corrupt high-score file (line 1: not "quizmill-scores 1") cannot be set aside as @S@/s-stuck/scores.txt.corrupt: | play -c @C@/ok.ini --data-dir @S@/s-stuck --seed 7 | same @S@/s-stuck/scores.txt @S@/scores.garbage
scores a directory | 0 | = | warning: @S@/s-dir/scores.txt: cannot read: is a folder | play -c @C@/ok.ini --data-dir @S@/s-dir | starts_with @S@/s-dir/results.csv @S@/results.good && csv_ok @S@/s-dir/results.csv 5 && db_is @S@/s-dir "SELECT count(*) FROM answers" 5 && db_is @S@/s-dir "SELECT count(*) FROM imports WHERE path LIKE '%/scores.txt'" 0 && no_tmp @S@/s-dir
scores dangling symlink (no scores yet) | 0 | 0 | | play -c @C@/ok.ini --data-dir @S@/s-dangling | csv_ok @S@/s-dangling/results.csv && is_link @S@/s-dangling/scores.txt @S@/s-dangling/nowhere
scores unreadable, never overwritten | 0 | = | warning: @S@/s-locked/scores.txt: cannot read: Permission denied | nobody play -c @C@/ok.ini --data-dir @S@/s-locked --seed 3 | chmod 644 @S@/s-locked/scores.txt && same @S@/s-locked/scores.txt @S@/scores.good && db_is @S@/s-locked "SELECT count(*) FROM imports WHERE path LIKE '%/scores.txt'" 0 && db_is @S@/s-locked "SELECT count(*) FROM answers" 5
scores kept through rounds | 0 | 0 | | play -c @C@/ok.ini --data-dir @S@/ok | same @S@/ok/scores.txt @S@/scores.good && scores_in_db @S@/ok @S@/scores.good && same @S@/ok/results.csv.imported @S@/results.good && starts_with @S@/ok/results.csv @S@/results.good && csv_ok @S@/ok/results.csv 5 && db_is @S@/ok "SELECT count(*) FROM imports" 2 && no_tmp @S@/ok
old files imported only once | 0 | 0 | | play -c @C@/ok.ini --data-dir @S@/ok | same @S@/ok/scores.txt @S@/scores.good && same @S@/ok/results.csv.imported @S@/results.good && starts_with @S@/ok/results.csv @S@/results.good && csv_ok @S@/ok/results.csv 8 && db_is @S@/ok "SELECT count(*) FROM answers" 8 && db_is @S@/ok "SELECT count(*) FROM standings WHERE round LIKE 'scores.txt-%'" 3 && no_tmp @S@/ok
results foreign first line | 0 | = | warning: @S@/r-foreign/results.csv:1: not a Quizmill results file (no 'round' column); the results export is not written there | play -c @C@/ok.ini --data-dir @S@/r-foreign | same @S@/r-foreign/results.csv @S@/results.foreign && absent @S@/r-foreign/results.csv.imported && db_is @S@/r-foreign "SELECT count(*) FROM imports WHERE path LIKE '%/results.csv'" 0 && db_is @S@/r-foreign "SELECT count(*) FROM answers" 3 && scores_in_db @S@/r-foreign @S@/scores.good && no_tmp @S@/r-foreign
results 5 MB first line | 0 | = | warning: @S@/r-huge/results.csv:1: not a Quizmill results file (no 'round' column); the results export is not written there | play -c @C@/ok.ini --data-dir @S@/r-huge | same @S@/r-huge/results.csv @S@/results.huge && absent @S@/r-huge/results.csv.imported
results binary | 0 | = | warning: @S@/r-binary/results.csv: not a Quizmill results file (binary data or not UTF-8); the results export is not written there | play -c @C@/ok.ini --data-dir @S@/r-binary | same @S@/r-binary/results.csv @S@/results.binary && absent @S@/r-binary/results.csv.imported
results torn last row | 0 | 0 | | play -c @C@/ok.ini --data-dir @S@/r-torn | same @S@/r-torn/results.csv.imported @S@/results.torn && starts_with @S@/r-torn/results.csv @S@/results.torn && csv_ok @S@/r-torn/results.csv 4
results empty file | 0 | 0 | | play -c @C@/ok.ini --data-dir @S@/r-empty | csv_ok @S@/r-empty/results.csv 3 && no_tmp @S@/r-empty
results re-saved by a spreadsheet | 0 | 0 | | play -c @C@/ok.ini --data-dir @S@/r-sheet | same @S@/r-sheet/results.csv.imported @S@/results.sheet && csv_ok @S@/r-sheet/results.csv 5 && export_has @S@/r-sheet/results.csv @S@/results.sheet && db_is @S@/r-sheet "SELECT rows FROM imports WHERE path LIKE '%/results.csv'" 2 && no_tmp @S@/r-sheet
results player names like formulas | 0 | 0 | | play -c @C@/ok.ini --data-dir @S@/r-formula | same @S@/r-formula/results.csv.imported @S@/results.formula && csv_ok @S@/r-formula/results.csv 8 && export_has @S@/r-formula/results.csv @S@/results.formula && no_formula @S@/r-formula/results.csv && db_is @S@/r-formula "SELECT count(*) FROM answers WHERE substr(player, 1, 1) IN ('=', '+', '-', '@')" 5
results a symlink | 0 | 0 | | play -c @C@/ok.ini --data-dir @S@/r-link | is_link @S@/r-link/results.csv ../link-target/results.csv && mode_is @S@/link-target/results.csv 640 && starts_with @S@/link-target/results.csv @S@/results.good && csv_ok @S@/link-target/results.csv 5 && same @S@/r-link/results.csv.imported @S@/results.good && no_tmp @S@/r-link && no_tmp @S@/link-target
results read-only | 0 | = | warning: @S@/r-ro/results.csv: cannot save: the file is read-only | play -c @C@/ok.ini --data-dir @S@/r-ro | same @S@/r-ro/results.csv @S@/results.good && mode_is @S@/r-ro/results.csv 444 && db_is @S@/r-ro "SELECT count(*) FROM answers" 5 && same @S@/r-ro/results.csv.imported @S@/results.good && no_tmp @S@/r-ro
results a directory | 1 | = | @S@/r-dir/results.csv: cannot write the results export: it is a folder (set [data] play_without_saving = true to play anyway) | quick play -c @C@/ok.ini --data-dir @S@/r-dir | one_line && [ -d @S@/r-dir/results.csv ] && same @S@/r-dir/scores.txt @S@/scores.good && no_tmp @S@/r-dir
results a directory, playing without saving | 0 | = | warning: @S@/r-dir-nosave/results.csv: cannot write the results export: it is a folder; the results CSV is not written | play -c @C@/nosave.ini --data-dir @S@/r-dir-nosave | [ -d @S@/r-dir-nosave/results.csv ] && same @S@/r-dir-nosave/scores.txt @S@/scores.good && no_tmp @S@/r-dir-nosave
results under a file | 1 | = | @A@/file/results.csv: cannot write the results export: @A@/file is not a folder (set [data] play_without_saving = true to play anyway) | quick play -c @C@/ok.ini --data-dir @S@/r-under --results @A@/file/results.csv | one_line && same @S@/r-under/scores.txt @S@/scores.good && same @S@/r-under/results.csv @S@/results.good
results under a file, playing without saving | 0 | = | warning: @A@/file/results.csv: cannot write the results export: @A@/file is not a folder; the results CSV is not written | play -c @C@/nosave.ini --data-dir @S@/r-under-nosave --results @A@/file/results.csv | same @S@/r-under-nosave/scores.txt @S@/scores.good && same @S@/r-under-nosave/results.csv @S@/results.good
results in a missing folder | 1 | = | @S@/nowhere/results.csv: cannot write the results export: no such folder (set [data] play_without_saving = true to play anyway) | quick play -c @C@/ok.ini --data-dir @S@/r-missing --results @S@/nowhere/results.csv | one_line && absent @S@/nowhere && same @S@/r-missing/scores.txt @S@/scores.good
results in a missing folder, playing without saving | 0 | = | warning: @S@/nowhere/results.csv: cannot write the results export: no such folder; the results CSV is not written | play -c @C@/nosave.ini --data-dir @S@/r-missing-nosave --results @S@/nowhere/results.csv | absent @S@/nowhere && same @S@/r-missing-nosave/scores.txt @S@/scores.good
data folder a file | 1 | = | @A@/file: cannot create the data folder: Not a directory (set [data] play_without_saving = true to play anyway) | quick play -c @C@/ok.ini --data-dir @A@/file | one_line
data folder a file, playing without saving | 0 | = | warning: @A@/file: cannot create the data folder: Not a directory; saving is off | play -c @C@/nosave.ini --data-dir @A@/file | same @A@/file /dev/null
data folder under a file | 1 | = | @A@/file/data: cannot create the data folder: Not a directory (set [data] play_without_saving = true to play anyway) | quick play -c @C@/ok.ini --data-dir @A@/file/data | one_line
data folder under a file, playing without saving | 0 | = | warning: @A@/file/data: cannot create the data folder: Not a directory; saving is off | play -c @C@/nosave.ini --data-dir @A@/file/data | same @A@/file /dev/null
data folder read-only | 1 | = | @S@/ro: cannot write in the data folder: @RO@ (set [data] play_without_saving = true to play anyway) | quick ro play -c @C@/ok.ini --data-dir @S@/ro --seed 11 | one_line && same @S@/ro/results.csv @S@/ro.orig/results.csv && same @S@/ro/scores.txt @S@/ro.orig/scores.txt && no_db @S@/ro && no_tmp @S@/ro
data folder read-only, playing without saving | 0 | = | warning: @S@/ro: cannot write in the data folder: @RO@; saving is off | ro play -c @C@/nosave.ini --data-dir @S@/ro --seed 11 | same @S@/ro/results.csv @S@/ro.orig/results.csv && same @S@/ro/scores.txt @S@/ro.orig/scores.txt && no_db @S@/ro && no_tmp @S@/ro
disk full (tmpfs) | 1 | = | @S@/full/quizmill.db: cannot open the database: database or disk is full (set [data] play_without_saving = true to play anyway) | quick full play -c @C@/ok.ini --data-dir @S@/full --seed 11 | one_line && same @S@/full/results.csv @S@/full.orig/results.csv && same @S@/full/scores.txt @S@/full.orig/scores.txt && no_db @S@/full && no_tmp @S@/full
disk full (tmpfs), playing without saving | 0 | = | warning: @S@/full/quizmill.db: cannot open the database: database or disk is full; saving is off | full play -c @C@/nosave.ini --data-dir @S@/full --seed 11 | same @S@/full/results.csv @S@/full.orig/results.csv && same @S@/full/scores.txt @S@/full.orig/scores.txt && no_db @S@/full && no_tmp @S@/full
disk full (ENOSPC shim) | 1 | = | @S@/shim/quizmill.db: cannot open the database: database or disk is full (set [data] play_without_saving = true to play anyway) | quick shim play -c @C@/ok.ini --data-dir @S@/shim --seed 11 | one_line && same @S@/shim/results.csv @S@/shim.orig/results.csv && same @S@/shim/scores.txt @S@/shim.orig/scores.txt && no_db @S@/shim && no_tmp @S@/shim
disk full (ENOSPC shim), playing without saving | 0 | = | warning: @S@/shim/quizmill.db: cannot open the database: database or disk is full; saving is off | shim play -c @C@/nosave.ini --data-dir @S@/shim --seed 11 | same @S@/shim/results.csv @S@/shim.orig/results.csv && same @S@/shim/scores.txt @S@/shim.orig/scores.txt && no_db @S@/shim && no_tmp @S@/shim
results export on a full disk (ENOSPC shim) | 0 | = | warning: @S@/shim/export.csv: cannot save: No space left on device | shim play -c @C@/ok.ini --data-dir @S@/shim-db --results @S@/shim/export.csv --seed 11 | absent @S@/shim/export.csv && no_tmp @S@/shim && db_is @S@/shim-db "SELECT count(*) FROM answers" 3
TABLE
)

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }
subst() {
    local s=$1
    s=${s//@A@/$A}
    s=${s//@C@/$C}
    s=${s//@S@/$S}
    s=${s//@ART@/$art}
    s=${s//@RO@/$ro_why}
    printf '%s' "$s"
}

ncases=0
while IFS='|' read -r name want how msg cmd check; do
    name=$(trim "$name")
    [ -z "$name" ] && continue
    ncases=$((ncases + 1))
    want=$(trim "$want")
    how=$(trim "$how")
    msg=$(subst "$(trim "$msg")")
    cmd=$(subst "$(trim "$cmd")")
    check=$(subst "$(trim "$check")")
    read -ra words <<<"$cmd"
    run=()
    limit=30
    while :; do
        case ${words[0]} in
        nobody)
            if $root && [ ${#as_nobody[@]} -eq 0 ]; then
                note "$name: skipped (cannot switch to nobody)"
                continue 2
            fi
            run+=("${as_nobody[@]}")
            ;;
        ro)
            [ "$ro_why" = SKIP ] && { note "$name: skipped"; continue 2; }
            run+=("${ro_runner[@]}")
            ;;
        full) $full_disk || { note "$name: skipped (no tmpfs)"; continue 2; } ;;
        quick) limit=10 ;; # refused before anything starts: seconds at most, even under load
        shim)
            [ -z "$shim" ] && { note "$name: skipped (no shim)"; continue 2; }
            # (an ASan build wants its runtime first: let the shim go first)
            run+=(env "LD_PRELOAD=$shim" "QM_ENOSPC_DIR=$S/shim"
                "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")
            ;;
        *) break ;;
        esac
        words=("${words[@]:1}")
    done
    case ${words[0]} in
    gen) run+=("$gen") ;;
    game) run+=("$game") ;;
    play) run+=("$game" --windowed --autoplay 1 --autoplay-delay 0) ;;
    *) fail "$name: unknown program '${words[0]}'"; continue ;;
    esac
    run+=("${words[@]:1}")
    start=$(date +%s%N)
    timeout -k 5 "$limit" "${run[@]}" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    first=$(grep -v '^Try ' "$tmp/err" | head -n 1)
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        fail "$name: hung (killed after ${limit} s): ${run[*]}"
        continue
    elif [ "$rc" -ge 128 ]; then
        fail "$name: crashed (signal $((rc - 128))): ${run[*]}: $(head -c 300 "$tmp/err")"
        continue
    elif [ "$rc" -ne "$want" ]; then
        fail "$name: exit $rc, expected $want: ${run[*]}: $(head -c 300 "$tmp/err")"
        continue
    fi
    case $how in
    =) [ "$first" = "$msg" ] || { fail "$name: stderr '$first', expected '$msg'"; continue; } ;;
    ^) [ "${first#"$msg"}" != "$first" ] ||
        { fail "$name: stderr '$first', expected it to start with '$msg'"; continue; } ;;
    0) [ ! -s "$tmp/err" ] || { fail "$name: stderr '$(head -c 300 "$tmp/err")', expected none"; continue; } ;;
    *) fail "$name: bad match kind '$how'"; continue ;;
    esac
    if [ "$check" != - ] && ! out=$(eval "$check" 2>&1); then
        fail "$name: $out"
        continue
    fi
    [ "$ms" -gt 10000 ] && note "$name took $ms ms"
    pass
done <<<"$table"

[ "$ncases" -ge 30 ] || fail "only $ncases cases in the table"
echo "$ncases cases: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
