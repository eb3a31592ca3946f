#!/usr/bin/env python3
"""check-i18n.py - string literals of the UI that may reach the screen
without gettext. Usage: check-i18n.py [--english FILE] SOURCE...

A literal passes when it is an argument of _(), N_() or ngettext(); when it
holds no word (two letters in a row, once printf conversions and escapes are
taken out: "%d", "%zu.", " · %s"); or when the call it is given to only
writes English on purpose (ENGLISH below: stderr, trace lines, the layout
log, file names, SDL hints), the rule at the top of game/ui/i18n.h. The
literals that stay English for another reason are listed in the file given
with --english (po/ENGLISH): a line `PATH: "LITERAL"  # why`. Prints FILE:LINE: "literal" (in CALL) for each other one; exit 1 when
there is any."""
import re
import sys

ENGLISH = {
    # diagnostics: stderr and the logs, English by the rule
    "fprintf", "fputs", "perror", "SDL_LogError", "SDL_Log", "bad_line", "hooks_trace",
    "trace", "usage_error", "write_failed", "save_failed",
    # the layout log of the tests, hints and names for SDL, files and the environment
    "ui_log", "SDL_SetHint", "SDL_GetHint", "getenv", "setenv", "fopen", "open", "strcmp",
    "strncmp", "strstr", "strftime", "find_font", "begin_round", "setlocale", "bindtextdomain",
    "bind_textdomain_codeset", "textdomain", "fscanf", "sscanf", "static_assert",
    "_Static_assert", "print_version", "getopt_long", "strlen", "i18n_init",
}
# error messages made for stderr, then passed on (xasprintf("%s: cannot ...", ...))
ERROR_RE = re.compile(r'^(%s(:%d)?: )?(cannot|not |no |warning|unknown|note)')

CONV = re.compile(r'%[-+ #0-9.*]*(hh|h|ll|l|L|z|j|t)?[a-zA-Z%]')


def wordy(s):
    s = CONV.sub(' ', s)
    s = re.sub(r'\\(x[0-9A-Fa-f]{2}|[0-7]{1,3}|.)', ' ', s)
    return re.search(r'[A-Za-z]{2}', s) is not None


def strip_comments(src):
    """Comments blanked (newlines kept), literals kept; returns the text and
    the lines that carry the English marker."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith('/*', i):
            j = src.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', src[i:j]))
            i = j
        elif src.startswith('//', i):
            j = src.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == '\\' else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def enclosing_call(text, pos):
    """The name before the innermost unclosed '(' left of pos, or '' at
    file level / in an initializer."""
    depth = 0
    i = pos - 1
    while i >= 0:
        c = text[i]
        if c == '"':  # skip a literal backwards
            i -= 1
            while i >= 0 and not (text[i] == '"' and text[i - 1] != '\\'):
                i -= 1
        elif c in ')}':
            depth += 1
        elif c == '(' and depth == 0:
            m = re.search(r'([A-Za-z_][A-Za-z0-9_]*)\s*$', text[:i])
            return m.group(1) if m else ''
        elif c in '({':
            if depth == 0:
                return ''  # an initializer's brace
            depth -= 1
        elif c == ';' and depth == 0:
            return ''
        i -= 1
    return ''


def check(path, allowed):
    src = open(path, encoding='utf-8').read()
    text = strip_comments(src)
    bad = []
    for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"', text):
        lit = m.group(0)[1:-1]
        line = text.count('\n', 0, m.start()) + 1
        before = text[:m.start()].rstrip()
        if before.endswith('#include') or (path, lit) in allowed or not wordy(lit):
            continue
        call = enclosing_call(text, m.start())
        if call in ('_', 'N_', 'ngettext', 'gettext') or call in ENGLISH:
            continue
        if ERROR_RE.match(lit):
            continue
        # designated names of tables (.name = "title") are identifiers, not words
        if re.search(r'\.name\s*=\s*$', before):
            continue
        # a path or file name ("%s/scores.txt"), an environment variable
        # ("LC_ALL"), a long option ({"seed", required_argument, ...})
        bare = CONV.sub('', lit)
        if (' ' not in bare and ('/' in bare or '.' in bare)) or re.fullmatch(r'[A-Z_]+', bare):
            continue
        if re.match(r'\s*,\s*(no|required|optional)_argument', text[m.end():]):
            continue
        bad.append('%s:%d: "%s" (in %s)' % (path, line, lit, call or 'an initializer'))
    return bad


def read_english(path):
    allowed = set()
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^([^#\s][^:]*): "((?:[^"\\]|\\.)*)"', line)
        if m:
            allowed.add((m.group(1), m.group(2)))
    return allowed


def main():
    args = sys.argv[1:]
    allowed = set()
    if args[:1] == ['--english']:
        allowed = read_english(args[1])
        args = args[2:]
    bad = []
    for p in args:
        bad += check(p, allowed)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
