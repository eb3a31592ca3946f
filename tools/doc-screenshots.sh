#!/usr/bin/env bash
# tools/doc-screenshots.sh - refresh the guide's pictures and the gallery of
# every screen from the ones the screen tests take: run them first
#   ctest --test-dir build -R 'test_screens|screens_ru'
# docs/images/ holds the guide's pictures (1280x720, English); docs/gallery/
# every screen at 1024x768 and 1920x1080 in English and Russian, with an
# index (docs/gallery/README.md) to look through them.
set -euo pipefail
cd "$(dirname "$0")/.."
shots=${1:-build/tests/screens}
out=docs/images
[ -d "$shots" ] || { echo "no $shots: run ctest --test-dir build -R test_screens first" >&2; exit 1; }
mkdir -p "$out"
for f in title name question-long-prompt feedback-wrong summary attract-sample; do
    convert "$shots/1280x720-$f.bmp" -strip "$out/$f.png"
done
convert "$shots/1920x1080-question-long-choices.bmp" -resize 1280x720 -colors 96 -strip \
    "$out/question-light.png"
echo "updated $out"

# the phones mode's big screen for the README and the teachers' guide:
# docs/screens/bigscreen-SCREEN-SIZE.png (the lobby in Russian too)
for size in 1024x768 1920x1080; do
    for f in lobby crowd-question crowd-reveal crowd-podium; do
        convert "$shots/$size-$f.bmp" +dither -colors 96 -strip -define png:compression-level=9 \
            "docs/screens/bigscreen-${f#crowd-}-$size.png"
    done
done
[ -f "$shots/ru-1024x768-lobby.bmp" ] &&
    convert "$shots/ru-1024x768-lobby.bmp" +dither -colors 96 -strip \
        -define png:compression-level=9 docs/screens/bigscreen-lobby-ru-1024x768.png
echo "updated docs/screens/bigscreen-*.png"

# the gallery: each screen the test draws, by size and language
screens=(title attract-sample name question-long-prompt question-long-choices question-selected
         feedback-right feedback-wrong summary summary-missed-p1 summary-missed-p2
         summary-practice pause idle join team-question team-question-long-choices team-reveal
         buzzer-answering buzzer-reveal team-pause podium podium-tie podium-scores
         lobby lobby-1000 crowd-question crowd-reveal crowd-reveal-long-choices crowd-podium
         crowd-top10)
gallery=docs/gallery
mkdir -p "$gallery"
index="$gallery/README.md"
{
    echo "# Every screen at 1024x768 and 1920x1080, in English and Russian"
    echo
    echo "Made by \`tools/doc-screenshots.sh\` from the screen tests"
    echo "(\`ctest --test-dir build -R 'test_screens|screens_ru'\`): the same article,"
    echo "seed and settings each time. 1024x768 is drawn in the dark theme, 1920x1080"
    echo "in the light one."
    echo
    echo "| screen | English 1024x768 | English 1920x1080 | Russian 1024x768 | Russian 1920x1080 |"
    echo "|---|---|---|---|---|"
} >"$index"
for s in "${screens[@]}"; do
    row="| $s |"
    for src in "1024x768-$s:en-1024x768-$s" "1920x1080-$s:en-1920x1080-$s" \
               "ru-1024x768-$s:ru-1024x768-$s" "ru-1920x1080-$s:ru-1920x1080-$s"; do
        from="$shots/${src%%:*}.bmp" to="${src#*:}.png"
        if [ -f "$from" ]; then
            convert "$from" +dither -colors 128 -strip -define png:compression-level=9 "$gallery/$to"
            row="$row [view]($to) |"
        else
            row="$row (not drawn) |"
        fi
    done
    echo "$row" >>"$index"
done
echo "updated $gallery"
