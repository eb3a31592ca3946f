#!/usr/bin/env bash
# test_cli.sh - quizmill-gen as a user runs it: outputs, exit status and the
# exact error messages. Usage: test_cli.sh path/to/quizmill-gen source-dir
set -u
gen=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
passed=0
failed=0

fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

# expect STATUS "STDERR-LINE-OR-EMPTY" -- ARGS...: runs quizmill-gen, checks
# the exit status and, when given, the first line of stderr exactly.
expect() {
    local want=$1 msg=$2
    shift 3
    "$gen" "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    local first
    first=$(grep -v '^Try ' "$tmp/err" | head -n 1)
    if [ "$rc" -ne "$want" ]; then
        fail "quizmill-gen $*: exit $rc, expected $want ($(head -c 300 "$tmp/err"))"
    elif [ -n "$msg" ] && [ "$first" != "$msg" ]; then
        fail "quizmill-gen $*: stderr '$first', expected '$msg'"
    else
        pass
    fi
}

# --list-topics: exactly the bundled article's topics, in order
expect 0 "" -- --list-topics
cut -f1 "$tmp/out" >"$tmp/slugs"
cat >"$tmp/want" <<'T'
the-historical-ties-between-turkmenistan-and-kazakhstan
the-significance-of-strengthening-their-strategic-partnership
economic-collaboration
political-cooperation
cultural-exchanges
challenges-and-opportunities
the-enduring-friendship
the-road-ahead
faq
T
if diff -u "$tmp/want" "$tmp/slugs" >&2; then pass; else fail "topic slugs differ"; fi
awk -F'\t' 'NF != 4 || $4 !~ /^[0-9]+$/ { bad = 1 } { sum += $4 } END { exit bad || sum < 20 }' "$tmp/out" &&
    pass || fail "--list-topics lines must be slug, title, sections, items (20 items at least)"

# --all -f json -d medium: valid JSON, at least 20 items, every rule we can see here
expect 0 "" -- --all -f json -d medium
cp "$tmp/out" "$tmp/all.json"
python3 - "$tmp/all.json" <<'P' && pass || fail "json check"
import json, sys, re
items = json.load(open(sys.argv[1], encoding="utf-8"))
def norm(s):
    return re.sub(r"[\s.,;:!?]+$", "", re.sub(r"\s+", " ", s.strip().lower()))
assert len(items) >= 20, f"only {len(items)} items"
assert len({i["id"] for i in items}) == len(items), "ids are not unique"
keys = {"id", "topic", "section", "kind", "prompt", "choices", "answer", "source"}
for it in items:
    assert set(it) == keys, it.keys()
    assert re.fullmatch(r"[0-9a-f]{16}", it["id"]), it["id"]
    assert it["kind"] in ("faq", "cloze", "section", "list", "says"), it["kind"]
    n = len(it["choices"])
    assert 3 <= n <= 4, it  # medium asks 4; fewer (3 at least) rather than none
    assert 0 <= it["answer"] < n, it
    assert len({norm(c) for c in it["choices"]}) == n, it["choices"]
    assert it["source"], it
assert "Kazakhstan\u2019s" in open(sys.argv[1], encoding="utf-8").read(), "UTF-8 kept"
P

# same seed, same round; another seed, another round
expect 0 "" -- -s 42 -f json
cp "$tmp/out" "$tmp/a.json"
expect 0 "" -- -s 42 -f json
cmp -s "$tmp/a.json" "$tmp/out" && pass || fail "seed 42 twice gave two rounds"
expect 0 "" -- -s 43 -f json
cmp -s "$tmp/a.json" "$tmp/out" && fail "seeds 42 and 43 gave the same round" || pass
python3 -c "import json,sys; assert len(json.load(open(sys.argv[1]))) == 10" "$tmp/a.json" &&
    pass || fail "a round of the default config has 10 items"

# text: a numbered quiz with its answer key
expect 0 "" -- -s 5 -n 3 -f text
grep -q '^3\. ' "$tmp/out" && grep -q '^Answer key' "$tmp/out" && grep -q '^   C) ' "$tmp/out" &&
    pass || fail "text format"
grep -q 'seed 5' "$tmp/out" && pass || fail "text names its seed"

# csv: header and one row per item
expect 0 "" -- -s 5 -n 4 -f csv
head -n 1 "$tmp/out" | grep -q '^id,topic,section,kind,prompt,choice_a' && pass || fail "csv header"
[ "$(python3 -c "import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline='')))))" "$tmp/out")" = 5 ] &&
    pass || fail "csv rows"

# topics and difficulty from the command line
expect 0 "" -- --all -f json -a tests/data/real/tool-library-readme.md -t faq
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d and all(i['kind']=='faq' and i['topic']=='faq' for i in d)" "$tmp/out" &&
    pass || fail "-t faq gives only FAQ items"
expect 0 "" -- --all -f json -t "Economic Collaboration, POLITICAL-COOPERATION"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert {i['topic'] for i in d} == {'economic-collaboration','political-cooperation'}" "$tmp/out" &&
    pass || fail "-t by title and slug"
expect 0 "" -- --all -f json -d easy
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d and all(len(i['choices'])==3 for i in d)" "$tmp/out" &&
    pass || fail "easy has 3 choices"

# -m: a round dealt as the team and buzzer modes do (4 choices at most), the
# same items and order as solo with 5 choices
printf '[quiz]\nchoices = 5\narticle = %s\n' "$PWD/questions/turkmenistan-kazakhstan.txt" >"$tmp/five.ini"
for m in solo teams buzzer; do
    expect 0 "" -- -c "$tmp/five.ini" -m "$m" -s 7 -n 6 -f json
    cp "$tmp/out" "$tmp/round-$m.json"
done
python3 - "$tmp" <<'PY' && pass || fail "-m: solo 5 choices, teams and buzzer 4 of them"
import json, sys
d = {m: json.load(open(f"{sys.argv[1]}/round-{m}.json")) for m in ("solo", "teams", "buzzer")}
assert len(d["solo"]) == 6 and all(3 <= len(i["choices"]) <= 5 for i in d["solo"])
assert any(len(i["choices"]) == 5 for i in d["solo"])
for m in ("teams", "buzzer"):
    assert [i["id"] for i in d[m]] == [i["id"] for i in d["solo"]], m
    for s, t in zip(d["solo"], d[m]):
        want = min(4, len(s["choices"]))
        assert len(t["choices"]) == want and set(t["choices"]) <= set(s["choices"]), (m, t)
        assert t["choices"][t["answer"]] == s["choices"][s["answer"]], (m, t)
PY
expect 2 "quizmill-gen: -m: mode must be solo, teams, buzzer or phones, not 'duo'" -- -m duo

# --check
expect 0 "" -- --check
grep -q '^topics: 9' "$tmp/out" && grep -q '^sections: 13' "$tmp/out" && grep -q '^faq pairs: 5' "$tmp/out" &&
    grep -q '^ok' "$tmp/out" && pass || fail "--check summary"
# what a round can really deal, and why fewer than the items (one question a sentence)
grep -Eq '^a round can deal: [0-9]+ of the [0-9]+ medium items in play.*share a sentence' "$tmp/out" &&
    pass || fail "--check: what a round can deal ($(grep 'round can' "$tmp/out"))"
can=$(sed -n 's/^a round can deal: \([0-9]*\) of.*/\1/p' "$tmp/out")
"$gen" -n 100 -s 1 >/dev/null 2>"$tmp/err100"
grep -q "^warning: only $can of 100 questions could be made: the topics in play give [0-9]* items, but a round asks about each sentence once" "$tmp/err100" &&
    pass || fail "-n 100 says why fewer ($(cat "$tmp/err100")), --check said $can"
# the outline: 9 topics (the FAQ one of them) with their lines, 13 sections, 5 questions
[ "$(grep -c '^  topic "' "$tmp/out")" = 8 ] && [ "$(grep -c '^    section "' "$tmp/out")" = 13 ] &&
    [ "$(grep -c '^    question "' "$tmp/out")" = 5 ] &&
    grep -q '^  topic "Economic Collaboration" \[economic-collaboration\] (line 15): 3 sections' "$tmp/out" &&
    grep -q '^    section "Energy Cooperation" (line 21): 1 paragraph, items easy' "$tmp/out" &&
    grep -q '^  faq "Unique FAQs" (line 68): 5 pairs' "$tmp/out" && pass || fail "--check outline"
# no question at the configured difficulty: one line saying what to change, not ok
printf 'Title\n\nTopic\n\nToo short.\n' > "$tmp/short.txt"
expect 1 "$tmp/short.txt: no question can be made from the topics in play at any difficulty (questions need sentences of 5 to 60 words under headings, or FAQ answers with a number, a name or a thing to swap: quizmill-gen --check shows what was found)" -- -a "$tmp/short.txt" --check
grep -q '^ok' "$tmp/out" && fail "--check said ok with no question" || pass
grep -q "short.txt:3: section 'Topic' gives no item (none of its 1 sentence has 5 to 60 words)" "$tmp/out" &&
    pass || fail "--check names the part that gives no item"

# help and version
expect 0 "" -- --help
grep -q '^Usage: quizmill-gen' "$tmp/out" && pass || fail "--help"
expect 0 "" -- -V
grep -Eq '^quizmill-gen \(Quizmill\) [0-9]+\.[0-9]+' "$tmp/out" && grep -q '^License MIT' "$tmp/out" && pass || fail "--version"

# bad usage: exit 2
expect 2 "quizmill-gen: unknown option '--bogus'" -- --bogus
expect 2 "quizmill-gen: unknown format 'xml' (valid: text, json, csv, gift, aiken, moodlexml)" -- -f xml
expect 2 "quizmill-gen: option 'n' needs a value" -- -n
expect 2 "quizmill-gen: -n: the count must be a whole number from 1 to 1000, not 'ten'" -- -n ten
expect 2 "quizmill-gen: -n: the count must be a whole number from 1 to 1000, not '0'" -- -n 0
expect 2 "quizmill-gen: unexpected argument 'extra'" -- extra
expect 2 "" -- -d impossible
expect 2 "" -- -s -5
expect 2 "quizmill-gen: -t: unknown topic 'energy' (valid: the-historical-ties-between-turkmenistan-and-kazakhstan, the-significance-of-strengthening-their-strategic-partnership, economic-collaboration, political-cooperation, cultural-exchanges, challenges-and-opportunities, the-enduring-friendship, the-road-ahead, faq)" -- -t energy

# bad input: exit 1 with file:line
expect 1 "nowhere.txt: cannot open article: No such file or directory" -- -a nowhere.txt
expect 1 "questions: cannot open article: is a folder" -- -a questions
printf '' >"$tmp/empty.txt"
expect 1 "$tmp/empty.txt:1: article is empty" -- -a "$tmp/empty.txt"
printf 'Title\n\nHeading\n\nBad \377 byte.\n' >"$tmp/bad.txt"
expect 1 "$tmp/bad.txt:5: invalid UTF-8 (byte 0xff)" -- -a "$tmp/bad.txt"
head -c 3000 /bin/sh >"$tmp/binary.txt"
expect 1 "" -- -a "$tmp/binary.txt"
printf '[quiz]\ndificulty = easy\n' >"$tmp/typo.ini"
expect 1 "$tmp/typo.ini:2: unknown key 'dificulty' in [quiz] (did you mean 'difficulty'?)" -- -c "$tmp/typo.ini"
printf '[quiz]\narticle = missing.txt\n' >"$tmp/missing.ini"
expect 1 "$tmp/missing.ini:2: cannot open article '$tmp/missing.txt': No such file or directory" -- -c "$tmp/missing.ini"
printf '[quiz]\narticle = %s/questions/turkmenistan-kazakhstan.txt\n[topics]\ninclude = faq, nope\n' "$src" >"$tmp/topic.ini"
expect 1 "" -- -c "$tmp/topic.ini"
grep -q "^$tmp/topic.ini:4: unknown topic 'nope' (valid: " "$tmp/err" && pass || fail "unknown topic in config: $(cat "$tmp/err")"
expect 1 "$tmp/none.ini: cannot read: No such file or directory" -- -c "$tmp/none.ini"
expect 1 "" -- -c "$tmp/topic.ini" --check

# --report: item analysis of a results CSV
expect 0 "" -- --report tests/data/report/results.csv
grep -q '^Item analysis of tests/data/report/results.csv: 7 answers, 3 rounds, 2 players' "$tmp/out" &&
    pass || fail "--report totals"
expect 0 "" -- --report tests/data/report/results.csv -f csv
head -n 1 "$tmp/out" | grep -q '^scope,key,topic,answered,right,share_right,picked,correct,points,text' &&
    pass || fail "--report -f csv header"
expect 1 "questions/turkmenistan-kazakhstan.txt:1: not a Quizmill results file (the first line must be its header)" -- --report questions/turkmenistan-kazakhstan.txt
expect 1 "nowhere.csv: cannot open results: No such file or directory" -- --report nowhere.csv

# the team and buzzer modes deal 4 choices at most, as the game does there;
# the same seed solo keeps 5, and the 4 are 5 less one wrong choice
for mode in solo teams buzzer; do
    printf '[quiz]\narticle = %s/questions/turkmenistan-kazakhstan.txt\nchoices = 5\n[event]\nmode = %s\n' \
        "$src" "$mode" >"$tmp/$mode.ini"
    expect 0 "" -- -c "$tmp/$mode.ini" -s 77 -n 8 -f json
    cp "$tmp/out" "$tmp/$mode.json"
done
python3 - "$tmp/solo.json" "$tmp/teams.json" "$tmp/buzzer.json" <<'P' && pass || fail "4 choices in teams mode"
import json, sys
solo, teams, buzzer = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:4])
assert teams == buzzer, "teams and buzzer deal alike"
assert [it["id"] for it in solo] == [it["id"] for it in teams], "the same items"
for s, t in zip(solo, teams):
    # five asked; an item made with fewer (three at least) keeps them
    n = len(s["choices"])
    assert 3 <= n <= 5 and len(t["choices"]) == min(4, n), (s["id"], s["choices"], t["choices"])
    assert set(t["choices"]) <= set(s["choices"]), (s["choices"], t["choices"])
    assert t["choices"][t["answer"]] == s["choices"][s["answer"]], "the same right answer"
P

# another article in the same shape works as well (no special case)
for f in "$src"/tests/data/parse/markdown.md "$src"/tests/data/parse/faq-variants.txt; do
    expect 0 "" -- -a "$f" --list-topics
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
