#!/bin/sh
# tests/cli/docs.sh - the documentation cannot drift:
#  - the key lists of README.md and man/bpviz.1 are what `bpviz --keys md|man` writes from the key
#    table, and every screen of README.md and docs/*.md is its golden file (scripts/docs.sh
#    --check: `make docs` rewrites them); the markers are there (the check cannot pass by their
#    removal), and the generated lists hold the keys of the table (→ for next, Ctrl-Z, q);
#  - a sample that shows a command's whole output ("$ bpviz ..." opening a fenced block, nothing
#    elided with …) is what the command prints today;
#  - `--keys` refuses other formats and reports a write error, with the exact message and status;
#  - every relative link of README.md, docs/*.md, scenarios/*.md and po/README.md points to a file
#    that exists, and an #anchor into a Markdown file to one of its headings;
#  - README.md stays lean (the issue: what a user needs first, the rest in docs/).
cd "$(dirname "$0")/../.." || exit 2
BPVIZ=${BPVIZ:-./bpviz}

fail() { printf 'docs: %s\n' "$*" >&2; exit 1; }
[ -x "$BPVIZ" ] || fail "$BPVIZ is not built (run make)"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# ---- generated parts are current ----
sh scripts/docs.sh --check 2>"$tmp/check" || fail "generated documentation out of date (run make docs):
$(head -n 40 "$tmp/check")"

grep -q '^<!-- keys:begin' README.md || fail "README.md has no <!-- keys:begin --> marker"
grep -q '^<!-- keys:end -->' README.md || fail "README.md has no <!-- keys:end --> marker"
grep -q '^\.\\" keys:begin' man/bpviz.1 || fail 'man/bpviz.1 has no .\" keys:begin marker'
grep -q '^\.\\" keys:end' man/bpviz.1 || fail 'man/bpviz.1 has no .\" keys:end marker'
n=$(grep -c '^<!-- screen: ' README.md)
[ "$n" -ge 1 ] || fail "README.md shows no screen from tests/e2e/golden"
n=$(grep -c '^<!-- screen: ' docs/screens.md)
[ "$n" -ge 8 ] || fail "docs/screens.md shows $n golden screens, expected at least 8"

# The generated lists are the table's (independently of scripts/docs.sh: read from the files).
sed -n '/^<!-- keys:begin/,/^<!-- keys:end/p' README.md >"$tmp/readme.keys"
for row in '| `→` `l` `Space` `n` | next event: compute one value |' \
    '| `Ctrl-Z` | suspend: back to the shell, fg returns |' \
    '| `q` `Ctrl-C` | quit (the terminal is restored) |' \
    '| *wheel* | scroll the help, or the event list in its view, three lines a notch |' \
    '| **Training** | |'; do
    grep -qxF -- "$row" "$tmp/readme.keys" || fail "README.md's key list lacks the row: $row"
done
sed -n '/^\.\\" keys:begin/,/^\.\\" keys:end/p' man/bpviz.1 >"$tmp/man.keys"
for row in '\fB\[u2192]\fR, \fBl\fR, \fBSpace\fR, \fBn\fR' '\fBq\fR, \fBCtrl\-C\fR' '.SS Views'; do
    grep -qxF -- "$row" "$tmp/man.keys" || fail "man/bpviz.1's key list lacks the line: $row"
done
# Every binding once: 25 keys and 4 gestures.
n=$(grep -c -e '^| `' -e '^| \*[^*]' "$tmp/readme.keys")
[ "$n" -eq 29 ] || fail "README.md's key list has $n rows, the table 29"
n=$(grep -c '^\.TP$' "$tmp/man.keys")
[ "$n" -eq 29 ] || fail "man/bpviz.1's key list has $n entries, the table 29"

# In Chinese the same table, translated.
LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$BPVIZ" --keys md >"$tmp/zh.md" || fail "--keys md failed in zh_CN"
grep -qxF '| `→` `l` `Space` `n` | 下一个事件：计算一个值 |' "$tmp/zh.md" ||
    fail "--keys md in zh_CN: no translated first row: $(sed -n 4p "$tmp/zh.md")"

# ---- --keys: errors ----
out=$(timeout 10 "$BPVIZ" --keys html 2>&1 >/dev/null)
st=$?
[ "$st" -eq 2 ] || fail "--keys html: exit status $st, expected 2"
[ "$out" = "bpviz: --keys takes md or man, not 'html'" ] || fail "--keys html said: $out"
out=$(timeout 10 "$BPVIZ" --keys 2>&1 >/dev/null)
st=$?
[ "$st" -eq 2 ] && [ "$out" = "bpviz: --keys needs a value" ] || fail "--keys alone: status $st, said: $out"
if [ -w /dev/full ]; then
    out=$(LC_ALL=C timeout 10 "$BPVIZ" --keys man 2>&1 >/dev/full)
    st=$?
    [ "$st" -eq 2 ] || fail "--keys man >/dev/full: exit status $st, expected 2"
    [ "$out" = "bpviz: write error: No space left on device" ] || fail "--keys man >/dev/full said: $out"
fi

# ---- sample output ----
# A fenced block that opens with "$ bpviz ..." and holds no "…" (an elided sample) is that
# command's whole output today, run in the repository in a UTF-8 locale.
nsamples=0
for f in README.md docs/*.md; do
    awk -v dir="$tmp/sample.$(basename "$f")" '
        /^```/ { if (code) { code = 0; close(out) } else { code = 1; n++; first = 1 } ; next }
        code && first { first = 0; if ($0 !~ /^\$ bpviz /) { code = 2; next }
                        out = dir "." n; print substr($0, 3) > (out ".cmd"); out = out ".want"; printf "" > out; next }
        code == 1 { print > out }' "$f"
done
for cmd in "$tmp"/sample.*.cmd; do
    [ -f "$cmd" ] || continue
    want=${cmd%.cmd}.want
    grep -q '…' "$want" && continue
    nsamples=$((nsamples + 1))
    (PATH="$PWD:$PATH" LC_ALL=C.UTF-8 timeout 20 sh "$cmd") >"$tmp/got" 2>&1
    cmp -s "$want" "$tmp/got" || fail "the sample \"$(cat "$cmd")\" no longer prints what the docs show:
$(diff "$want" "$tmp/got")"
done
[ "$nsamples" -ge 1 ] || fail "no complete sample output found in the docs (the reader is broken?)"

# ---- relative links ----
# links FILE: "target" per Markdown link [text](target) of FILE, one a line (not in code).
links() {
    awk '/^```/ { code = !code; next } !code {
        line = $0
        while (match(line, /\]\([^) ]+\)/)) {
            print substr(line, RSTART + 2, RLENGTH - 3)
            line = substr(line, RSTART + RLENGTH)
        }
    }' "$1"
}
# anchors FILE: GitHub's anchor of every heading of FILE (lower case, punctuation dropped, blanks to -).
anchors() {
    awk '/^```/ { code = !code; next } !code && /^#+ / {
        h = $0; sub(/^#+ /, "", h); h = tolower(h)
        gsub(/[][!"#$%&'"'"'()*+,.\/:;<=>?@\\^`{|}~]/, "", h)
        gsub(/ /, "-", h)
        print h
    }' "$1"
}
nlinks=0
for f in README.md docs/*.md scenarios/*.md po/README.md; do
    [ -f "$f" ] || continue
    dir=$(dirname "$f")
    for l in $(links "$f"); do
        case $l in http://* | https://* | mailto:*) continue ;; esac
        nlinks=$((nlinks + 1))
        path=${l%%#*}
        anchor=
        case $l in *'#'*) anchor=${l#*#} ;; esac
        target=$f
        [ -n "$path" ] && target=$dir/$path
        [ -e "$target" ] || fail "$f: the link ($l) points to $target, which does not exist"
        if [ -n "$anchor" ]; then
            case $target in *.md) ;; *) continue ;; esac
            anchors "$target" | grep -qxF -- "$anchor" ||
                fail "$f: the link ($l): $target has no heading with the anchor #$anchor"
        fi
    done
done
[ "$nlinks" -ge 10 ] || fail "only $nlinks relative links found: the link reader is broken"

# ---- README.md stays lean ----
size=$(wc -c <README.md)
[ "$size" -le 15360 ] || fail "README.md is $size bytes: keep it to what a user needs first, the rest in docs/"
exit 0
