#!/usr/bin/env bash
# test_po.sh - the UI's catalogues keep up with the code: every .c file of
# game/ui is in po/POTFILES (or po/POTFILES.skip); no wordy string literal of
# them escapes gettext (tools/check-i18n.py, with po/ENGLISH's exceptions);
# po/quizmill.pot holds exactly what xgettext finds now; each language of
# po/LINGUAS translates all of it, none fuzzy, and passes msgfmt --check; the
# game in that language says so ("trace: language ru") and --help is in it.
# When it fails after a change of words: cmake --build build --target
# update-po, then translate what po/LANG.po marks untranslated or fuzzy.
# Usage: test_po.sh source-dir quizmill
set -euo pipefail
src=$(realpath "$1")
game=$(realpath "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
list() { grep -v '^#' "$1" | sed '/^$/d'; }

# every UI source is listed, and every listed file exists
for f in game/main.c $(find game/ui -name '*.c' | sort); do
    list po/POTFILES | grep -qx "$f" || list po/POTFILES.skip | grep -qx "$f" ||
        fail "$f is in neither po/POTFILES nor po/POTFILES.skip"
done
for f in $(list po/POTFILES); do [ -f "$f" ] || fail "po/POTFILES names $f, which is missing"; done

# no on-screen words outside gettext
out=$(python3 tools/check-i18n.py --english po/ENGLISH $(list po/POTFILES)) ||
    fail "string literals not translated (wrap them in _() or list them in po/ENGLISH):
$out"

# the template is up to date: the same msgids both ways
xgettext --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --from-code=UTF-8 \
    --add-comments=TRANSLATORS: -o "$tmp/now.pot" $(list po/POTFILES)
msgcmp --use-untranslated "$tmp/now.pot" po/quizmill.pot 2>"$tmp/err" ||
    fail "po/quizmill.pot lacks words the code has now (cmake --build build --target update-po): $(head -5 "$tmp/err")"
msgcmp --use-untranslated po/quizmill.pot "$tmp/now.pot" 2>"$tmp/err" ||
    fail "po/quizmill.pot has words the code no longer has (update-po): $(head -5 "$tmp/err")"

n=0
for lang in $(list po/LINGUAS); do
    po=po/$lang.po
    [ -f "$po" ] || fail "po/LINGUAS names $lang, but $po is missing"
    # every msgid of the code translated (msgcmp without --use-untranslated)
    msgcmp "$po" "$tmp/now.pot" 2>"$tmp/err" ||
        fail "$po does not translate everything: $(head -5 "$tmp/err")"
    stats=$(msgfmt --check --statistics -o "$tmp/$lang.mo" "$po" 2>&1) || fail "msgfmt --check $po: $stats"
    grep -Eq 'untranslated|fuzzy' <<<"$stats" && fail "$po: $stats"
    grep -q '^"Language: '"$lang"'\\n"$' "$po" || fail "$po does not say Language: $lang"
    grep -q '^"Plural-Forms: nplurals=' "$po" || fail "$po has no Plural-Forms"
    # the game runs in it from the build tree, even without the system locale
    help=$(LANG=C.UTF-8 LC_ALL= LANGUAGE= "$game" --language="$lang" --help)
    [ "$(head -n 1 <<<"$help")" != "Usage: quizmill [OPTION]..." ] ||
        fail "quizmill --language=$lang --help is in English"
    n=$((n + 1))
done
[ "$n" -ge 1 ] || fail "po/LINGUAS names no language"

# the language the game takes: the config's, else the system's (LANG), a
# missing system locale or none at all still giving the catalogue
play() { # play ENV [ARG...]: the language the game traced (ENV: LANG=x or -u LANG)
    local e=$1
    shift
    env -u LANG $e QUIZMILL_TRACE=1 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy LC_ALL= \
        LC_MESSAGES= LANGUAGE= "$game" -c "$src/config.ini" --data-dir "$tmp/data" --windowed \
        --autoplay 1 --autoplay-delay 0 "$@" 2>&1 >/dev/null | sed -n 's/^trace: language //p' |
        head -n 1
}
if list po/LINGUAS | grep -qx ru; then
    [ "$(play LANG=ru_RU.UTF-8)" = ru ] || fail "LANG=ru_RU.UTF-8 (locale not installed) did not give ru"
    [ "$(play LANG=C)" = en ] || fail "LANG=C did not give en"
    [ "$(play LANG=de_DE.UTF-8)" = en ] || fail "LANG=de_DE.UTF-8 (no catalogue) did not give en"
    [ "$(play "-u LANG")" = en ] || fail "no LANG did not give en"
    [ "$(play LANG=C --language=ru)" = ru ] || fail "--language=ru under LANG=C did not give ru"
    [ "$(play LANG=ru_RU.UTF-8 --language=en)" = en ] || fail "--language=en did not win over LANG"
    sed 's/^language = auto$/language = ru/' "$src/config.ini" >"$tmp/ru.ini"
    sed -i "s|^article = questions/|article = $src/questions/|" "$tmp/ru.ini"
    got=$(env QUIZMILL_TRACE=1 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy LANG=C "$game" -c "$tmp/ru.ini" \
          --data-dir "$tmp/data" --windowed --autoplay 1 --autoplay-delay 0 2>&1 >/dev/null |
          sed -n 's/^trace: language //p')
    [ "$got" = ru ] || fail "[display] language = ru gave '$got'"
    sed 's/^language = ru$/language = xx/' "$tmp/ru.ini" >"$tmp/xx.ini"
    out=$(SDL_VIDEODRIVER=dummy "$game" -c "$tmp/xx.ini" --data-dir "$tmp/data" --windowed 2>&1) &&
        fail "language = xx was accepted"
    grep -q "xx.ini:[0-9]*: unknown language 'xx' (installed: en, ru" <<<"$out" ||
        fail "language = xx: $out"
fi

# Russian plural forms as a Russian reader expects them (1, 2-4, 5-20, 21, 22, 111)
if [ -f po/ru.po ]; then
    cat >"$tmp/pl.c" <<'C'
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
    (void)argc;
    setlocale(LC_MESSAGES, "C.UTF-8");
    setenv("LANGUAGE", "ru", 1);
    bindtextdomain("quizmill", argv[1]);
    bind_textdomain_codeset("quizmill", "UTF-8");
    textdomain("quizmill");
    int ns[] = {1, 2, 4, 5, 11, 12, 20, 21, 22, 25, 111, 1000};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        printf(ngettext("%d point", "%d points", ns[i]), ns[i]);
        printf("\n");
    }
    return 0;
}
C
    mkdir -p "$tmp/loc/ru/LC_MESSAGES"
    cp "$tmp/ru.mo" "$tmp/loc/ru/LC_MESSAGES/quizmill.mo"
    cc -o "$tmp/pl" "$tmp/pl.c" || fail "cannot build the plural check"
    got=$("$tmp/pl" "$tmp/loc" | tr '\n' '|')
    want="1 очко|2 очка|4 очка|5 очков|11 очков|12 очков|20 очков|21 очко|22 очка|25 очков|111 очков|1000 очков|"
    [ "$got" = "$want" ] || fail "Russian plurals: got $got, want $want"
fi
echo "1 passed, 0 failed"
