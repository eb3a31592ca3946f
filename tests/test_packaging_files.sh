#!/usr/bin/env bash
# test_packaging_files.sh - checks the files that packaging/ installs: the
# desktop entry, the AppStream metainfo, the icons and the man pages.
#
# usage: test_packaging_files.sh QUIZMILL QUIZMILL_GEN SOURCE_DIR
#
# Validators (Debian packages): desktop-file-validate (desktop-file-utils),
# appstreamcli (appstream), man (man-db), groff (groff-base),
# xmllint (libxml2-utils), python3 (python3). A missing one fails the test.
set -u

if [ $# -ne 3 ]; then
    echo "usage: $0 QUIZMILL QUIZMILL_GEN SOURCE_DIR" >&2
    exit 2
fi
game=$1
gen=$2
src=$3
pkg=$src/packaging

export LC_ALL=C.UTF-8 MANWIDTH=80
unset MANPAGER PAGER MANOPT

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() {
    echo "ok: $*"
}

# ---- the validators ----
missing=""
need() { # need TOOL PACKAGE
    command -v "$1" >/dev/null 2>&1 || missing="$missing  $1 (Debian package $2)\n"
}
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
need man man-db
need groff groff-base
need xmllint libxml2-utils
need python3 python3
if [ -n "$missing" ]; then
    printf 'FAIL: validators missing, install them:\n%b' "$missing" >&2
    exit 1
fi
for f in "$game" "$gen"; do
    if [ ! -x "$f" ]; then
        echo "FAIL: $f is not an executable program" >&2
        exit 1
    fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

desktop=$pkg/quizmill.desktop
metainfo=$pkg/io.github.quizmill.Quizmill.metainfo.xml
svg=$pkg/icons/quizmill.svg
sizes="16 32 48 64 128 256"

for f in "$desktop" "$metainfo" "$svg" "$pkg/man/quizmill.6" "$pkg/man/quizmill-gen.1"; do
    [ -f "$f" ] || fail "$f is missing"
done

# ---- desktop entry: no error and no warning (hints are allowed) ----
if [ -f "$desktop" ]; then
    out=$(desktop-file-validate "$desktop" 2>&1)
    rc=$?
    if [ $rc -ne 0 ] || printf '%s\n' "$out" | grep -Eq ': (error|warning):'; then
        fail "desktop-file-validate $desktop (exit $rc):"
        printf '%s\n' "$out" >&2
    else
        pass "desktop-file-validate $desktop"
    fi
fi

# ---- AppStream: no error and no warning (infos and pedantic notes allowed) ----
check_appstream() { # check_appstream WHAT COMMAND...
    local what=$1 out rc
    shift
    out=$("$@" 2>&1)
    rc=$?
    if [ $rc -ne 0 ] || printf '%s\n' "$out" | grep -Eq '^ *[EW]: '; then
        fail "$what (exit $rc):"
        printf '%s\n' "$out" >&2
    else
        pass "$what"
        printf '%s\n' "$out" | grep -E '^ *[IP]: ' | sed 's/^ */  note: /'
    fi
}
if [ -f "$metainfo" ]; then
    check_appstream "appstreamcli validate $metainfo" \
        appstreamcli validate --no-net --pedantic "$metainfo"
    # The installed layout: the metainfo, its launchable desktop file and the
    # icons together.
    root=$tmp/root/usr/share
    mkdir -p "$root/applications" "$root/metainfo" "$root/icons/hicolor/scalable/apps"
    cp "$metainfo" "$root/metainfo/"
    [ -f "$desktop" ] && cp "$desktop" "$root/applications/"
    [ -f "$svg" ] && cp "$svg" "$root/icons/hicolor/scalable/apps/"
    for n in $sizes; do
        png=$pkg/icons/hicolor/${n}x$n/apps/quizmill.png
        if [ -f "$png" ]; then
            mkdir -p "$root/icons/hicolor/${n}x$n/apps"
            cp "$png" "$root/icons/hicolor/${n}x$n/apps/"
        fi
    done
    check_appstream "appstreamcli validate-tree (installed layout)" \
        appstreamcli validate-tree --no-net --pedantic "$tmp/root"
fi

# ---- man pages: render with no warning ----
for page in "$pkg/man/quizmill.6" "$pkg/man/quizmill-gen.1"; do
    [ -f "$page" ] || continue
    # man-db drops the formatter's warnings when its stderr is a pipe, so
    # they go to a file.
    man -l --warnings=w "$page" >/dev/null 2>"$tmp/man.err"
    rc=$?
    out=$(cat "$tmp/man.err")
    if [ $rc -ne 0 ] || [ -n "$out" ]; then
        fail "man -l --warnings $page (exit $rc):"
        printf '%s\n' "$out" >&2
    else
        pass "man -l --warnings $page"
    fi
    out=$(groff -man -ww -z "$page" 2>&1)
    rc=$?
    if [ $rc -ne 0 ] || [ -n "$out" ]; then
        fail "groff -man -ww -z $page (exit $rc):"
        printf '%s\n' "$out" >&2
    else
        pass "groff -man -ww -z $page"
    fi
done

# ---- man pages: OPTIONS lists exactly the options of --help ----
# The help's option lines ("  -c, --config=FILE  text") and the man page's
# OPTIONS tags ("-c FILE, --config=FILE"), rendered on one long line each,
# are turned into the same form and compared both ways.
compare_options() { # compare_options PROGRAM PAGE
    local prog=$1 page=$2 name
    name=$(basename "$page")
    if ! "$prog" --help >"$tmp/help.txt" 2>&1; then
        fail "$prog --help failed"
        return
    fi
    groff -man -Tascii -P-c -P-b -P-u -P-o -rLL=3000n -rHY=0 "$page" \
        >"$tmp/page.txt" 2>/dev/null
    python3 - "$tmp/help.txt" "$tmp/page.txt" "$prog" "$name" <<'PY'
import re, sys
help_path, page_path, prog, name = sys.argv[1:]

def tag(short, long, arg):
    if arg and arg.startswith("["):         # an optional value: --report[=RESULTS]
        return f"{long}{arg}"
    arg = arg[1:] if arg else arg
    if short and arg:
        return f"{short} {arg}, {long}={arg}"
    if short:
        return f"{short}, {long}"
    return f"{long}={arg}" if arg else long

helped = []
for line in open(help_path, encoding="utf-8"):
    m = re.match(r"^\s+(?:(-[A-Za-z0-9]), )?(--[A-Za-z0-9-]+)(\[=\S+\]|=\S+)?", line)
    if m:
        helped.append(tag(*m.groups()))
if not helped:
    print(f"FAIL: no option found in {prog} --help", file=sys.stderr)
    sys.exit(1)

text = open(page_path, encoding="utf-8").read().splitlines()
try:
    start = text.index("OPTIONS") + 1
except ValueError:
    print(f"FAIL: {name} has no OPTIONS section", file=sys.stderr)
    sys.exit(1)
documented = []
for line in text[start:]:
    if re.match(r"^[A-Z]", line):          # the next section
        break
    m = re.match(r"^ {7}(-\S.*?)(?: {2,}|$)", line)  # a paragraph tag
    if m:
        documented.append(m.group(1).strip())

rc = 0
for t in helped:
    if t not in documented:
        print(f"FAIL: {name}: OPTIONS lacks '{t}' (from {prog} --help)", file=sys.stderr)
        rc = 1
for t in documented:
    if t not in helped:
        print(f"FAIL: {name}: OPTIONS has '{t}', which {prog} --help does not", file=sys.stderr)
        rc = 1
if rc == 0:
    print(f"ok: {name} documents the {len(helped)} options of {prog} --help")
sys.exit(rc)
PY
    [ $? -eq 0 ] || failures=$((failures + 1))
}
[ -f "$pkg/man/quizmill.6" ] && compare_options "$game" "$pkg/man/quizmill.6"
[ -f "$pkg/man/quizmill-gen.1" ] && compare_options "$gen" "$pkg/man/quizmill-gen.1"

# ---- icons: a well-formed SVG, and PNGs of their stated sizes ----
if [ -f "$svg" ]; then
    if out=$(xmllint --noout "$svg" 2>&1) &&
        [ "$(xmllint --xpath 'local-name(/*)' "$svg" 2>/dev/null)" = svg ]; then
        pass "xmllint $svg"
    else
        fail "$svg is not a well-formed SVG document:"
        printf '%s\n' "$out" >&2
    fi
fi
for n in $sizes; do
    png=$pkg/icons/hicolor/${n}x$n/apps/quizmill.png
    if [ ! -f "$png" ]; then
        fail "$png is missing"
        continue
    fi
    got=$(python3 - "$png" <<'PY'
import struct, sys
with open(sys.argv[1], "rb") as f:
    head = f.read(24)
if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
    print("not a PNG file")
else:
    w, h = struct.unpack(">II", head[16:24])
    print(f"{w}x{h}")
PY
)
    if [ "$got" = "${n}x$n" ]; then
        pass "$png is ${n}x$n"
    else
        fail "$png: expected a ${n}x$n PNG, found: $got"
    fi
done

if [ $failures -ne 0 ]; then
    echo "$failures packaging check(s) failed" >&2
    exit 1
fi
echo "all packaging checks passed"
