#!/usr/bin/env bash
# tools/doc-screenshots.sh - refresh the guide's pictures from the ones the
# screen test (tests/test_screens.c) takes: run the tests first.
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
