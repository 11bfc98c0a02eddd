#!/bin/sh
# tests/e2e/ui_keys_help.sh - the help screen (?) lists exactly the keys and mouse rows that
# `bpviz --keys md` writes for the README (and the man page, tests/cli/docs_generated.sh): the same
# sections, the same key names in the same order, the same sentences (cut with … where the
# box is narrow), and no row that the table does not have. In English and in Chinese, at 120×40,
# scrolling the help to its end.
. "$(dirname "$0")/lib.inc"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"; e2e_cleanup' EXIT INT TERM HUP

# want LANG: the rows --keys md writes in that language, one a line: "H<TAB>title" for a section,
# "K<TAB>names joined by a blank<TAB>sentence" for a key or a gesture (Markdown escapes undone).
want() {
    LANG=$1 LC_ALL= LANGUAGE= "$BPVIZ" --keys md | awk '
    function unescape(s,   out, i, c) {
        out = ""
        for (i = 1; i <= length(s); i++) {
            c = substr(s, i, 1)
            if (c == "\\") { i++; c = substr(s, i, 1) }
            out = out c
        }
        return out
    }
    NR <= 2 { next }
    /^\| \*\*/ { t = $0; sub(/^\| \*\*/, "", t); sub(/\*\* \| \|$/, "", t); print "H\t" unescape(t); next }
    {
        row = substr($0, 3, length($0) - 4)        # without "| " and " |"
        split(row, cell, / \| /)
        k = cell[1]; names = ""
        if (k ~ /^\*/) names = substr(k, 2, length(k) - 2)
        else while (match(k, /`[^`]+`/)) {
            names = names (names == "" ? "" : " ") substr(k, RSTART + 1, RLENGTH - 2)
            k = substr(k, RSTART + RLENGTH)
        }
        print "K\t" unescape(names) "\t" unescape(cell[2])
    }'
}

# seen: the help box's rows from the first section to the marks' heading, on every screen
# captured (in $tmp/screens), each once, in order: "H<TAB>title" or "K<TAB>names<TAB>sentence".
seen() {
    awk -v first="$1" -v marks="$2" '
    {
        i = index($0, "│"); if (!i) next
        line = substr($0, i + length("│"))
        j = index(line, "│"); if (!j) next
        line = substr(line, 1, j - 1)
        sub(/ +$/, "", line)
        if (line ~ /^ [^ ]/) {                   # a heading
            t = substr(line, 2)
            if (t == first) on = 1
            if (t == marks) on = 0
            if (on && !(("H\t" t) in done)) { done["H\t" t] = 1; print "H\t" t }
            next
        }
        if (!on || line !~ /^   [^ ]/) next
        line = substr(line, 4)
        k = index(line, "   ")
        names = substr(line, 1, k - 1); text = substr(line, k); sub(/^ +/, "", text)
        r = "K\t" names "\t" text
        if (!(r in done)) { done[r] = 1; print r }
    }' "$tmp/screens"
}

check_lang() { # LANG TITLE FIRST-SECTION MARKS-HEADING END-TEXT
    want "$1" >"$tmp/want"
    [ -s "$tmp/want" ] || { e2e_fail "$1: bpviz --keys md wrote nothing"; return; }
    e2e_start 120 40 LANG="$1" -- scenarios/doc000.bp
    e2e_expect "35" "$1: opens"
    e2e_keys '?'
    e2e_expect "$2" "$1: ? opens the help"
    e2e_settle
    e2e_screen >"$tmp/screens"
    i=0
    while [ $i -lt 10 ] && ! e2e_screen | grep -qF "$5"; do
        e2e_keys PageDown
        e2e_settle
        e2e_screen >>"$tmp/screens"
        i=$((i + 1))
    done
    e2e_screen | grep -qF "$5" || e2e_fail "$1: the help does not scroll to its end"
    seen "$3" "$4" >"$tmp/seen"
    # Row by row: a sentence the box cut ends in … and is the start of the table's.
    if ! awk -F '\t' 'NR == FNR { w[FNR] = $0; n = FNR; next }
        {
            m = FNR
            if (m > n) { printf "the help has a row the key table has not: %s\n", $0; bad = 1; next }
            split(w[m], a, "\t")
            if ($1 != a[1] || $2 != a[2]) { printf "row %d: help \"%s\", table \"%s\"\n", m, $0, w[m]; bad = 1; next }
            if ($1 == "H" || $3 == a[3]) next
            cut = $3; ell = "…"
            if (substr(cut, length(cut) - length(ell) + 1) == ell) {
                cut = substr(cut, 1, length(cut) - length(ell))
                if (cut != "" && index(a[3], cut) == 1) next
            }
            printf "row %d: help \"%s\", table \"%s\"\n", m, $3, a[3]; bad = 1
        }
        END { if (FNR < n) { printf "the help lacks the key table'"'"'s rows from %d on: %s\n", FNR + 1, w[FNR + 1]; bad = 1 }
              exit bad }' "$tmp/want" "$tmp/seen" >"$tmp/diff"; then
        e2e_fail "$1: the help screen and bpviz --keys differ: $(cat "$tmp/diff")"
    fi
    # Cannot pass vacuously: the table has 25 bindings and 4 gestures in 4 sections.
    [ "$(grep -c '^K' "$tmp/seen")" -ge 29 ] || e2e_fail "$1: only $(grep -c '^K' "$tmp/seen") key rows read"
    [ "$(grep -c '^H' "$tmp/seen")" -eq 4 ] || e2e_fail "$1: $(grep -c '^H' "$tmp/seen") sections read, not 4"
    e2e_keys Escape
    e2e_wait_gone "$2" || e2e_fail "$1: Esc closes the help"
    e2e_quit
}

check_lang C.UTF-8 "bpviz help" "Stepping through an iteration" "What the marks mean" "a bar to the scale"
check_lang zh_CN.UTF-8 "bpviz 帮助" "逐步演示一次迭代" "标记的含义" "训练视图"
exit $E2E_FAILED
