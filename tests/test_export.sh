#!/usr/bin/env bash
# test_export.sh - quizmill-gen's exports for learning platforms, each checked
# against its format's rules: GIFT and Aiken by a strict reader written here
# from the formats' documentation, Moodle XML by xmllint and its structure.
# Usage: test_export.sh path/to/quizmill-gen source-dir
set -u
gen=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
failed=0
passed=0
check() { if "$@"; then passed=$((passed + 1)); else echo "FAIL: $*" >&2; failed=$((failed + 1)); fi; }

command -v xmllint >/dev/null || { echo "FAIL: xmllint is missing (apt-get install libxml2-utils)" >&2; exit 1; }

# The same items in every format: all medium items of the bundled article and
# of a Markdown test article full of characters GIFT and XML must escape.
printf '# Escapes: {braces} & <angles>\n\n## Symbols & Signs\n\nThe ratio is 3:1 in "Zone A" & the tilde ~ marks approximation, e.g. ~5 = five. Hash # and braces {x} appear in code, and so do <tags> and the backslash \\\\ sign.\nCurly braces, square brackets, and angle brackets group things.\n\n## Other Marks\n\nColons, semicolons, and dashes separate clauses in long sentences.\nThe equals sign = means equality and the less-than sign < compares.\n\n## FAQ\n\n**What is a tilde ~ for?**\n\nIt marks approximation: ~5 means about five.\n\n**What does = mean?**\n\nIt means equality {always}.\n\n**Why escape <angles>?**\n\nBecause XML & HTML read them as tags.\n' > "$tmp/escapes.md"

for article in questions/turkmenistan-kazakhstan.txt "$tmp/escapes.md"; do
    "$gen" -a "$article" --all -d medium -f json >"$tmp/items.json" 2>/dev/null || { echo "FAIL: json of $article" >&2; exit 1; }
    for fmt in gift aiken moodlexml; do
        if ! "$gen" -a "$article" --all -d medium -f "$fmt" >"$tmp/out.$fmt" 2>"$tmp/err"; then
            echo "FAIL: -f $fmt on $article: $(cat "$tmp/err")" >&2
            failed=$((failed + 1))
        fi
    done
    check xmllint --noout "$tmp/out.moodlexml"
    check python3 - "$tmp/items.json" "$tmp/out.gift" "$tmp/out.aiken" "$tmp/out.moodlexml" <<'P'
import json, re, sys
import xml.etree.ElementTree as ET
items = json.load(open(sys.argv[1], encoding="utf-8"))
assert items, "no items"

# GIFT: "::title::question {=right ~wrong... ####feedback}", specials escaped.
gift = open(sys.argv[2], encoding="utf-8").read()
def unescape(s):
    return re.sub(r"\\(.)", r"\1", s)
blocks = []
i = 0
lines = [l for l in gift.split("\n") if not l.startswith("//") and not l.startswith("$CATEGORY:")]
text = "\n".join(lines)
# every unescaped { opens an answer block, every unescaped } closes it
pos, n = 0, len(text)
while True:
    m = re.search(r"(?<!\\)\{", text[pos:])
    if not m:
        assert not re.search(r"(?<!\\)[{}]", text[pos:]), "stray brace"
        break
    start = pos + m.start()
    end_m = re.search(r"(?<!\\)\}", text[start + 1:])
    assert end_m, "unclosed answer block"
    end = start + 1 + end_m.start()
    head = text[pos:start].strip()
    body = text[start + 1:end]
    assert not re.search(r"(?<!\\)\{", body), "nested brace"
    blocks.append((head, body))
    pos = end + 1
assert len(blocks) == len(items), f"{len(blocks)} GIFT questions for {len(items)} items"
for (head, body), it in zip(blocks, items):
    m = re.fullmatch(r"::(.*?)(?<!\\)::(.*)", head, re.S)
    assert m, head
    assert unescape(m.group(1)) == it["id"]
    assert unescape(m.group(2)).strip() == it["prompt"], (m.group(2), it["prompt"])
    parts = [p.strip() for p in body.strip().split("\n")]
    answers = [p for p in parts if not p.startswith("####")]
    feedback = [p for p in parts if p.startswith("####")]
    assert len(answers) == len(it["choices"])
    for k, (a, c) in enumerate(zip(answers, it["choices"])):
        assert a[0] == ("=" if k == it["answer"] else "~"), a
        assert unescape(a[1:]) == c, (a, c)
        # every special character inside is escaped
        assert not re.search(r"(?<!\\)[~=#{}:]", a[1:]), a
    assert len(feedback) == 1 and unescape(feedback[0][4:]) == it["source"]

# Aiken: question line, "A. " choices, "ANSWER: X", blank line between.
aiken = open(sys.argv[3], encoding="utf-8").read().strip("\n").split("\n\n")
assert len(aiken) == len(items), f"{len(aiken)} Aiken questions for {len(items)} items"
for q, it in zip(aiken, items):
    ls = q.split("\n")
    assert ls[0] == it["prompt"]
    assert len(ls) == len(it["choices"]) + 2
    for k, c in enumerate(it["choices"]):
        assert ls[1 + k] == f"{chr(65 + k)}. {c}", ls[1 + k]
    assert ls[-1] == f"ANSWER: {chr(65 + it['answer'])}"

# Moodle XML: categories, then multichoice questions with one 100% answer.
root = ET.parse(sys.argv[4]).getroot()
assert root.tag == "quiz"
qs = [q for q in root if q.get("type") == "multichoice"]
cats = [q for q in root if q.get("type") == "category"]
assert len(qs) == len(items) and cats
for q, it in zip(qs, items):
    assert q.find("name/text").text == it["id"]
    assert q.find("questiontext/text").text == it["prompt"]
    assert q.find("generalfeedback/text").text == it["source"]
    assert q.find("single").text == "true"
    ans = q.findall("answer")
    assert [a.find("text").text for a in ans] == it["choices"]
    assert [a.get("fraction") for a in ans] == ["100" if k == it["answer"] else "0" for k in range(len(ans))]
P
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
