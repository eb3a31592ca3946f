#!/usr/bin/env bash
# tools/check-layers.sh - the layers hold: no file of the SDL-free core
# (game/core/) or of the phones' server (game/net/) includes SDL or a header
# of the front end (game/ui/), so both build and are tested without a
# display. CI runs it (ctest: layers).
# Also: no source file over 1,200 lines unless its opening comment says why
# ("long: ...").
# Usage: tools/check-layers.sh [source-dir]
set -u
src=${1:-$(dirname "$0")/..}
cd "$src" || exit 2
rc=0
ui_headers=$(cd game/ui && ls *.h)
for f in game/core/*.c game/core/*.h game/net/*.c game/net/*.h; do
    while IFS= read -r line; do
        inc=$(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^">]+)[">].*/\1/p' <<<"$line")
        [ -n "$inc" ] || continue
        case "$inc" in
        SDL* | SDL2/*) echo "FAIL: $f includes <$inc>: the core and the server are free of SDL" >&2; rc=1 ;;
        esac
        for h in $ui_headers; do
            [ "$inc" = "$h" ] && { echo "FAIL: $f includes \"$inc\", a front-end header (game/ui/)" >&2; rc=1; }
        done
    done <"$f"
done
for f in game/*.c game/core/*.[ch] game/net/*.[ch] game/ui/*.[ch] game/ui/screens/*.c; do
    n=$(wc -l <"$f")
    # the reason is in the file's opening comment
    if [ "$n" -gt 1200 ] && ! awk '{print} /\*\//{exit}' "$f" | grep -q "long:"; then
        echo "FAIL: $f has $n lines (over 1,200 without a 'long:' reason at its top)" >&2
        rc=1
    fi
done
[ "$rc" -eq 0 ] && echo "ok: the core and the server include no SDL and no front-end header; long files say why"
exit "$rc"
