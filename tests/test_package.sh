#!/usr/bin/env bash
# test_package.sh - the .deb as a user gets it: build it with CPack, install
# it with apt on this machine (root), run the installed programs from another
# folder, then remove it. Also checks the TGZ's contents. Run by .ci/run.
# Usage: test_package.sh build-dir
set -euo pipefail
build=$(realpath "$1")
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "installing the package needs root"
command -v apt-get >/dev/null || fail "apt-get is missing"

cd "$build"
rm -f quizmill_*.deb quizmill-*.tar.gz
cpack -G DEB >/dev/null || fail "cpack -G DEB"
cpack -G TGZ >/dev/null || fail "cpack -G TGZ"
deb=$(ls quizmill_*.deb | head -n 1)
tgz=$(ls quizmill-*.tar.gz | head -n 1)
[ -n "$deb" ] && [ -n "$tgz" ] || fail "no package was made"

# the package's metadata and files
info=$(dpkg-deb --info "$deb")
for dep in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libinih1 libcmark0.30.2 libgumbo1 libcjson1 \
           libstemmer0d libsqlite3-0 fonts-dejavu-core; do
    grep -q "Depends:.*$dep" <<<"$info" || fail "$deb does not depend on $dep"
done
# and every shared library the programs load comes from a package it
# depends on (a library added to the build without its package fails here)
for bin in quizmill quizmill-gen; do
    for lib in $(objdump -p "$build/$bin" | awk '/NEEDED/ {print $2}'); do
        path=$(ldconfig -p | awk -v l="$lib" '$1 == l {print $NF; exit}' || true)
        [ -n "$path" ] || fail "$bin needs $lib, which ldconfig does not know"
        pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | cut -d: -f1 || true)
        [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1 || true)
        [ -n "$pkg" ] || fail "$bin needs $lib ($path), which no package owns"
        case "$pkg" in libc6 | libgcc-s1 | libstdc++6) continue ;; esac
        grep -q "Depends:.*\b$pkg\b" <<<"$info" || fail "$deb does not depend on $pkg ($bin needs $lib)"
    done
done
files=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for f in ./usr/bin/quizmill ./usr/bin/quizmill-gen ./usr/share/quizmill/config.ini \
    ./usr/share/quizmill/quizmill.lex \
    ./usr/share/quizmill/questions/turkmenistan-kazakhstan.txt \
    ./usr/share/applications/quizmill.desktop \
    ./usr/share/metainfo/io.github.quizmill.Quizmill.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/quizmill.svg \
    ./usr/share/icons/hicolor/48x48/apps/quizmill.png \
    ./usr/share/man/man6/quizmill.6 ./usr/share/man/man1/quizmill-gen.1 \
    ./usr/share/locale/ru/LC_MESSAGES/quizmill.mo \
    ./usr/share/quizmill/web/index.html ./usr/share/quizmill/web/app.js \
    ./usr/share/quizmill/web/style.css; do
    grep -qx "$f" <<<"$files" || fail "$deb lacks $f"
done
listing=$(tar -tzf "$tgz")
grep -q '/bin/quizmill$' <<<"$listing" || fail "$tgz lacks bin/quizmill"

# install with apt as a user would, run from elsewhere, remove
dpkg -s quizmill >/dev/null 2>&1 && apt-get remove -y -qq quizmill >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null ||
    fail "apt-get install ./$deb"
trap 'apt-get remove -y -qq quizmill >/dev/null 2>&1 || true; rm -rf "$home"' EXIT
home=$(mktemp -d)
cd "$home"
out=$(HOME="$home" XDG_CONFIG_HOME= /usr/bin/quizmill-gen --check) || fail "installed quizmill-gen --check: $out"
grep -q '^config: /usr/share/quizmill/config.ini$' <<<"$out" || fail "--check did not use the installed config: $out"
grep -q '^topics: 9' <<<"$out" || fail "--check: $out"
# the installed lexicon is found (no warning that words are not asked)
lexout=$(HOME="$home" XDG_CONFIG_HOME= /usr/bin/quizmill-gen --check 2>&1 >/dev/null)
grep -q 'lexicon' <<<"$lexout" && fail "installed quizmill-gen has no lexicon: $lexout"
HOME="$home" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout 60 /usr/bin/quizmill --windowed \
    --autoplay 1 --autoplay-delay 0 2>"$home/err" || fail "installed autoplay round: $(tail -3 "$home/err")"
[ -s "$home/.local/share/quizmill/results.csv" ] || fail "the installed game saved no results"
[ "$(wc -l <"$home/.local/share/quizmill/results.csv")" -eq 11 ] || fail "results: not 10 rows"
man -w quizmill >/dev/null 2>&1 || fail "man quizmill is not found"
# the installed catalogue is found, with or without the system's locale
help=$(LANG=C /usr/bin/quizmill --language=ru --help) || fail "installed quizmill --language=ru --help"
grep -q '^Использование: quizmill' <<<"$help" || fail "installed game not in Russian: $(head -n 1 <<<"$help")"
apt-get remove -y -qq quizmill >/dev/null || fail "apt-get remove quizmill"
[ ! -e /usr/bin/quizmill ] || fail "/usr/bin/quizmill is left after removal"
echo "1 passed, 0 failed"
