#!/usr/bin/env python3
"""Draw a random, stratified sample of generated items for human judging.

The sample is judged against the rubric in ../shared/QUALITY.md; see
README.md in this folder. Standard library only.

  sample.py [--gen PATH] [--articles FILE...] [--seed N] [--n N] [--out FILE]
  sample.py --summary JUDGED.md [--out FILE]
"""

import argparse
import datetime
import glob
import json
import os
import random
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIFFICULTIES = ("easy", "medium", "hard")
KINDS = ("faq", "cloze", "section", "list", "says")
CODES = ("GRAM", "SEMCLASS", "FORM", "ALSOTRUE", "POLARITY", "CLANG", "GIVEAWAY", "PROMPT")
ADEQUATE = "adequate"
SEP = " \u00b7 "  # " · " between the fields of an item heading


def note(msg):
    print("sample.py: " + msg, file=sys.stderr)


def shown(path):
    """A path as the report shows it: relative to the repository if inside it."""
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith("..") else rel


def default_articles():
    found = [os.path.join(ROOT, "questions", "turkmenistan-kazakhstan.txt")]
    for ext in ("txt", "md", "html"):
        found += sorted(glob.glob(os.path.join(ROOT, "tests", "data", "real", "*." + ext)))
    return found


# ---- drawing ----


def run_gen(gen, config, article, difficulty):
    """(items, None) for one article at one difficulty, or (None, why) if the
    generator refuses it."""
    cmd = [gen, "-a", article, "-d", difficulty, "--all", "-f", "json", "-c", config]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    if r.returncode != 0:
        err = r.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, err[-1] if err else "exit status %d" % r.returncode
    try:
        items = json.loads(r.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return None, "output is not JSON: %s" % e
    good = []
    for it in items:
        try:
            ok = (isinstance(it["id"], str) and isinstance(it["prompt"], str)
                  and isinstance(it["choices"], list)
                  and 0 <= it["answer"] < len(it["choices"]))
        except (KeyError, TypeError):
            ok = False
        if ok:
            good.append(it)
        else:
            note("%s (%s): malformed item skipped: %.120r" % (shown(article), difficulty, it))
    return good, None


def gen_version(gen):
    try:
        r = subprocess.run([gen, "-V"], capture_output=True, timeout=60)
        lines = r.stdout.decode("utf-8", "replace").splitlines()
        return lines[0].strip() if lines else "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def draw(cells, articles, n, seed):
    """Stratified draw without replacement.

    cells maps (article, difficulty, kind) to a list of items. The strata are
    the (difficulty, kind) pairs; the draw goes round-robin over the strata
    and, inside each stratum, round-robin over its articles, so every kind and
    difficulty gets about the same share and each share is spread over the
    articles. Item order inside a cell, and the starting article of each
    stratum, come from random.Random(seed). An id is taken once.
    """
    rng = random.Random(seed)
    queues = {}
    for a in articles:  # fixed order, so the rng calls are reproducible
        for d in DIFFICULTIES:
            for k in KINDS:
                items = list(cells.get((a, d, k), []))
                if items:
                    rng.shuffle(items)
                    queues[(a, d, k)] = items
    strata = []
    for d in DIFFICULTIES:
        for k in KINDS:
            arts = [a for a in articles if (a, d, k) in queues]
            if arts:
                start = rng.randrange(len(arts))
                strata.append([d, k, arts[start:] + arts[:start], 0])
    rng.shuffle(strata)  # which strata get the remainder when n is uneven
    taken, seen = [], set()
    while len(taken) < n and strata:
        for st in list(strata):
            if len(taken) >= n:
                break
            d, k, arts, pos = st
            got = None
            # next article of this stratum that still has an unseen item
            for step in range(len(arts)):
                a = arts[(pos + step) % len(arts)]
                q = queues[(a, d, k)]
                while q and q[0]["id"] in seen:
                    q.pop(0)
                if q:
                    got = (a, d, k, q.pop(0))
                    st[3] = (pos + step + 1) % len(arts)
                    break
            if got is None:
                strata.remove(st)
                continue
            seen.add(got[3]["id"])
            taken.append(got)
    return taken


def one_line(s):
    return " ".join(str(s).split())


def md_text(s):
    """Text for a paragraph or list item, kept readable as plain text: only
    what Markdown would read as block syntax at the start is escaped."""
    s = one_line(s)
    m = re.match(r"\d+([.)])", s)
    if m:
        return s[:m.end() - 1] + "\\" + s[m.end() - 1:]
    if re.match(r"[#>+*=-]", s):
        s = "\\" + s
    return s


def write_sample(out, args, articles, taken, version, counts):
    p = lambda *a: print(*a, file=out)  # noqa: E731
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    p("# Quizmill item sample")
    p()
    p("- command: `%s`" % shlex.join(["python3", shown(os.path.abspath(sys.argv[0]))] + sys.argv[1:]))
    p("- date: %s" % now)
    p("- generator: %s" % version)
    p("- seed %d, %d items asked, %d drawn from %d article%s"
      % (args.seed, args.n, len(taken), len(articles), "" if len(articles) == 1 else "s"))
    p("- drawn per difficulty: " + ", ".join("%s %d" % (d, counts.get(("d", d), 0)) for d in DIFFICULTIES))
    p("- drawn per kind: " + ", ".join("%s %d" % (k, counts.get(("k", k), 0)) for k in KINDS))
    p("- failure codes: " + ", ".join(CODES))
    p()
    p("Judge each item against its article with the rubric in ../shared/QUALITY.md "
      "(beside the repository). Write `verdict: adequate` or one or "
      "more failure codes separated by commas, and a reason for every verdict.")
    for i, (a, d, k, it) in enumerate(taken, 1):
        p()
        p("### %d. %s" % (i, SEP.join([shown(a), d, k, it["id"]])))
        p()
        p(md_text(it["prompt"]))
        p()
        for c, choice in enumerate(it["choices"]):
            mark = " (key)" if c == it["answer"] else ""
            p("- %s) %s%s" % (chr(ord("A") + c), one_line(choice), mark))
        p()
        p("> " + one_line(it.get("source", "")))
        p()
        p("verdict: ")
        p("reason: ")


def cmd_sample(args):
    gen = os.path.abspath(args.gen)
    config = os.path.abspath(args.config)
    if not os.access(gen, os.X_OK):
        note("%s is not an executable; build it with: cmake --build build -j2" % args.gen)
        return 2
    articles = []
    for a in args.articles if args.articles else default_articles():
        a = os.path.abspath(a)
        if a not in articles:
            articles.append(a)
    cells, kept = {}, []
    for a in articles:
        got, refused = 0, []
        for d in DIFFICULTIES:
            items, why = run_gen(gen, config, a, d)
            if items is None:
                refused.append((d, why))
                continue
            for it in items:
                k = it.get("kind")
                if k not in KINDS:
                    note("%s (%s): item %s of unknown kind %r skipped" % (shown(a), d, it["id"], k))
                    continue
                cells.setdefault((a, d, k), []).append(it)
                got += 1
        if len(refused) == len(DIFFICULTIES):
            note("skipping %s: %s" % (shown(a), refused[0][1]))
            continue
        for d, why in refused:
            note("skipping %s at %s: %s" % (shown(a), d, why))
        if got:
            kept.append(a)
        else:
            note("skipping %s: no items" % shown(a))
    if not kept:
        note("no article left to draw from")
        return 1
    taken = draw(cells, kept, args.n, args.seed)
    if len(taken) < args.n:
        note("only %d distinct items available, fewer than --n %d" % (len(taken), args.n))
    # Grouped by article so that a reader reads each article once.
    order = {a: i for i, a in enumerate(kept)}
    taken.sort(key=lambda t: (order[t[0]], DIFFICULTIES.index(t[1]), KINDS.index(t[2])))
    counts = {}
    for a, d, k, _ in taken:
        counts[("d", d)] = counts.get(("d", d), 0) + 1
        counts[("k", k)] = counts.get(("k", k), 0) + 1
    version = gen_version(gen)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            write_sample(f, args, kept, taken, version, counts)
    else:
        write_sample(sys.stdout, args, kept, taken, version, counts)
    return 0


# ---- summary ----

HEAD = re.compile(r"^\s*#{2,4}\s*(\d+)\s*[.)]?\s*(.*?)\s*$")
FIELD = re.compile(r"^[\s>*_`-]*(verdict|reason)[\s*_`]*:(.*)$", re.I)


def parse_judged(text):
    """The items of a judged file: dicts with n, article, difficulty, kind,
    id, verdict (text or None) and reason."""
    items, cur = [], None
    for line in text.splitlines():
        m = HEAD.match(line)
        if m:
            parts = [x.strip() for x in re.split(r"\s*\u00b7\s*", m.group(2))]
            if len(parts) >= 4:
                cur = {"n": int(m.group(1)), "article": SEP.join(parts[:-3]),
                       "difficulty": parts[-3].lower(), "kind": parts[-2].lower(),
                       "id": parts[-1], "verdict": None, "reason": ""}
                items.append(cur)
            continue
        m = FIELD.match(line)
        if m and cur is not None:
            value = m.group(2).strip().strip("*_` ").strip()
            if m.group(1).lower() == "verdict":
                if cur["verdict"] is None or not cur["verdict"]:
                    cur["verdict"] = value
            elif not cur["reason"]:
                cur["reason"] = value
    return items


def classify(verdict):
    """('none'|'adequate'|'fail'|'bad', codes, problem)."""
    if verdict is None or not verdict.strip():
        return "none", [], ""
    bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", verdict)  # "GRAM (a/an)": notes ignored
    words = [w for w in re.split(r"[\s,;/+|]+", bare.strip()) if w]
    codes, bad = [], []
    adequate = False
    for w in words:
        u = w.strip(".()[]*_`'\"").upper()
        if u == ADEQUATE.upper():
            adequate = True
        elif u in CODES:
            if u not in codes:
                codes.append(u)
        elif u:
            bad.append(w)
    if bad:
        return "bad", codes, "unknown word(s): " + ", ".join(bad)
    if adequate and codes:
        return "bad", codes, "both adequate and failure codes"
    if adequate:
        return "adequate", [], ""
    if codes:
        return "fail", codes, ""
    return "none", [], ""


def share_row(name, judged, good):
    pct = "%.0f%%" % (100.0 * good / judged) if judged else "-"
    return "| %s | %d | %d | %s |" % (name, judged, good, pct)


def cmd_summary(args):
    with open(args.summary, encoding="utf-8") as f:
        items = parse_judged(f.read())
    if not items:
        note("%s: no item headings ('### N. ARTICLE \u00b7 DIFFICULTY \u00b7 KIND \u00b7 ID')"
             % args.summary)
        return 1
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    p = lambda *a: print(*a, file=out)  # noqa: E731
    by = {}
    code_n = {c: 0 for c in CODES}
    unjudged, bad, no_reason = [], [], []
    for it in items:
        state, codes, problem = classify(it["verdict"])
        if state == "none":
            unjudged.append(it["n"])
            continue
        if state == "bad":
            bad.append(it["n"])
            note("item %d: verdict %r not counted: %s" % (it["n"], it["verdict"], problem))
            continue
        if not it["reason"]:
            no_reason.append(it["n"])
        good = state == "adequate"
        for key in (("kind", it["kind"]), ("difficulty", it["difficulty"]), ("all", "all")):
            j, g = by.get(key, (0, 0))
            by[key] = (j + 1, g + (1 if good else 0))
        for c in codes:
            code_n[c] += 1
    p("# Summary of %s" % args.summary)
    p()
    p("%d items, %d judged, %d not yet judged, %d with a verdict that could not be read."
      % (len(items), by.get(("all", "all"), (0, 0))[0], len(unjudged), len(bad)))
    for title, field, names in (("kind", "kind", KINDS), ("difficulty", "difficulty", DIFFICULTIES)):
        p()
        p("| %s | judged | adequate | share |" % title)
        p("|---|---:|---:|---:|")
        extra = sorted({k[1] for k in by if k[0] == field} - set(names))
        for name in list(names) + extra:
            j, g = by.get((field, name), (0, 0))
            p(share_row(name, j, g))
    p()
    p("| overall | judged | adequate | share |")
    p("|---|---:|---:|---:|")
    j, g = by.get(("all", "all"), (0, 0))
    p(share_row("all", j, g))
    p()
    p("| failure code | items |")
    p("|---|---:|")
    for c in CODES:
        p("| %s | %d |" % (c, code_n[c]))
    p()
    p("Not yet judged: %d%s" % (len(unjudged), (" (items " + ", ".join(map(str, unjudged)) + ")")
                                if 0 < len(unjudged) <= 40 else ""))
    if bad:
        p("Verdict not readable: items " + ", ".join(map(str, bad)))
    if no_reason:
        p("Verdict without a reason: items " + ", ".join(map(str, no_reason)))
    if out is not sys.stdout:
        out.close()
    return 0


def main():
    ap = argparse.ArgumentParser(
        description="Draw a stratified random sample of quizmill-gen items for human "
                    "judging, or summarise a judged sample.")
    ap.add_argument("--gen", default=os.path.join(ROOT, "build", "quizmill-gen"),
                    help="path of quizmill-gen (default: build/quizmill-gen)")
    ap.add_argument("--config", default=os.path.join(ROOT, "config.ini"),
                    help="config passed to the generator with -c (default: config.ini)")
    ap.add_argument("--articles", nargs="+", metavar="FILE",
                    help="articles to draw from (default: questions/turkmenistan-kazakhstan.txt "
                         "and tests/data/real/*.txt, *.md, *.html)")
    ap.add_argument("--seed", type=int, default=13, help="seed of the draw (default 13)")
    ap.add_argument("--n", type=int, default=160, help="items to draw (default 160)")
    ap.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    ap.add_argument("--summary", metavar="FILE.md",
                    help="summarise a judged sample instead of drawing one")
    args = ap.parse_args()
    if args.n < 1:
        ap.error("--n must be at least 1")
    try:
        if args.summary:
            return cmd_summary(args)
        return cmd_sample(args)
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        return 1
    except OSError as e:
        note(str(e))
        return 1


if __name__ == "__main__":
    sys.exit(main())
