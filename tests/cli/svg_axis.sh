#!/bin/sh
# svg_axis.sh - `bpviz --train --svg` on losses at the edges of double precision
# ends, exits 0 and writes a well-formed chart whose value axis is the one
# worked out by hand below (axis.c's rule: steps of 1, 2 or 5 times a power of
# ten, at most 5 intervals, a linear axis from 0; a log axis on whole decades):
#   - a perfect fit (loss 0 at every epoch) with --log: nothing can be drawn on
#     a log scale, the axis falls back to 10^-1 .. 10^0 ("0.1", "1"), the loss
#     line has no points (the old code multiplied 0 by 10 for ever);
#   - the same fit on a linear axis: 0 .. 1 by 0.2;
#   - a loss of 1.62e308 (½·(1.8e154)²), linear: 1.62e308 / 5 rounds up to a
#     step of 5e307; the next tick, 2e308, is beyond DBL_MAX, so the ticks are
#     0, 5e+307, 1e+308, 1.5e+308 and the axis ends at DBL_MAX (the old code
#     rounded the axis to inf and stepped towards it for ever);
#   - the same with --log: decades 10^308 .. 10^309, labelled "1e+308" and
#     "1e+309" from the exponent (10^309 itself is inf as a double);
#   - a loss of 4.94e-324, the least denormal (½·(3.2e-162)² rounds to it),
#     linear: the step 1e-324 is below the denormals, its multiples round to 0
#     or to 4.94e-324, so the ticks are "0" and "5e-324" (the old code's step
#     underflowed to 0 and wrote "nan" coordinates).
# Every run is under `timeout` (20 s; BPVIZ_TIMEOUT overrides, to try the old
# code quickly) and, outside ASan, a 2 GB address-space limit, so a runaway
# loop fails the test instead of eating the machine.
# Run from the repository root (tests/run.sh does); LC_ALL=C.
cd "$(dirname "$0")/../.." || exit 2
LC_ALL=C
export LC_ALL

fail() { printf 'svg_axis: %s\n' "$*" >&2; exit 1; }

# BPVIZ=path runs another binary than ./bpviz.
bpviz=${BPVIZ:-./bpviz}
[ -x "$bpviz" ] || fail "$bpviz is not built (run make)"
command -v timeout >/dev/null 2>&1 || { echo "svg_axis: SKIP: no timeout(1)" >&2; exit 77; }
limit=${BPVIZ_TIMEOUT:-20}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# scenario NAME WEIGHT SAMPLE...: a 1-1 identity network without bias, η tiny
# so that three epochs leave the loss where it starts.
scenario() {
    name=$1 w=$2
    shift 2
    {
        printf '[scenario]\ntitle = %s\n[network]\nlayers = 1 1\n' "$name"
        printf '[layer 1]\nactivation = identity\nbias = none\nweights = %s\n' "$w"
        printf '[training]\neta = 1e-300\nepochs = 3\n[data]\n'
        for s in "$@"; do printf 'sample = %s\n' "$s"; done
    } >"$tmp/$name.bp"
}
scenario perfect 1 "1 -> 1" "2 -> 2"
scenario huge 1.8e154 "1 -> 0"
scenario tiny 3.2e-162 "1 -> 0"

# well_formed FILE: the tags, one per record: every element closed, in order, the root <svg> last.
well_formed() {
    head -c 5 "$1" | grep -q '^<?xml' || { echo "it does not begin with <?xml"; return 1; }
    awk 'BEGIN { RS = "<"; depth = 0; roots = 0 }
        NR == 1 { if ($0 != "") { print "text before the first tag"; bad = 1; exit } next }
        {
            end = index($0, ">")
            if (!end) { print "a tag without >: <" substr($0, 1, 40); bad = 1; exit }
            tag = substr($0, 1, end - 1); rest = substr($0, end + 1)
            if (tag ~ /^\?/) { if (NR != 2) { print "misplaced <?" tag; bad = 1; exit } next }
            if (rest ~ />/) { print "a stray > after <" tag ">"; bad = 1; exit }
            if (tag ~ /^\//) {
                name = substr(tag, 2)
                if (depth == 0 || stack[depth] != name) { print "</" name "> closes <" stack[depth] ">"; bad = 1; exit }
                depth--
                if (depth == 0) closed = 1
                next
            }
            split(tag, w, /[ \t\n\/]/); name = w[1]
            if (depth == 0) { roots++; if (name != "svg" || closed) { print "root element <" name ">"; bad = 1; exit } }
            if (tag ~ /\/$/) next
            stack[++depth] = name
        }
        END {
            if (bad) exit 1
            if (depth != 0) { print "<" stack[depth] "> is never closed"; exit 1 }
            if (roots != 1 || !closed) { print roots " root elements"; exit 1 }
        }' "$1" || return 1
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout "$1" 2>&1 | head -n 3
        xmllint --noout "$1" 2>/dev/null || return 1
    fi
    return 0
}

# check WHAT SCENARIO LOSS LABELS [--log]: runs --train --svg, expects exit 0,
# every CSV loss equal to LOSS, a well-formed SVG without nan/inf, and the value
# axis labels (bottom to top, blank-separated) equal to LABELS.
check() {
    what=$1 sc=$2 loss=$3 labels=$4
    shift 4
    rm -f "$tmp/out.svg"
    (
        [ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 2000000 2>/dev/null
        exec timeout "$limit" "$bpviz" --train --svg "$tmp/out.svg" "$@" "$tmp/$sc.bp"
    ) >"$tmp/out.csv" 2>"$tmp/err"
    rc=$?
    [ "$rc" -ne 124 ] || fail "$what: bpviz did not end within $limit s (hung)"
    [ "$rc" -eq 0 ] || fail "$what: exit status $rc, expected 0: $(head -c 300 "$tmp/err")"
    [ -s "$tmp/err" ] && fail "$what: wrote to stderr: $(head -c 300 "$tmp/err")"
    got=$(awk -F, 'NR > 1 { printf "%s ", $2 }' "$tmp/out.csv")
    [ "$got" = "$loss $loss $loss $loss " ] ||
        fail "$what: the CSV's losses are '$got', expected $loss at epochs 0-3 (the scenario is not what this test needs)"
    [ -s "$tmp/out.svg" ] || fail "$what: no SVG written"
    msg=$(well_formed "$tmp/out.svg") || fail "$what: the SVG is not well-formed: $msg"
    grep -qi 'nan\|inf' "$tmp/out.svg" && fail "$what: the SVG has a non-finite number: $(grep -i -m 1 'nan\|inf' "$tmp/out.svg")"
    # the value axis: each label right-aligned left of the plot, on its grid line; bottom first
    axis=$(grep -o 'y1="[^"]*" y2="[^"]*" stroke="#eee"/><text x="[0-9]*" y="[^"]*" text-anchor="end">[^<]*<' "$tmp/out.svg" |
        sed 's/^y1="\([^"]*\)".*>\([^<]*\)<$/\1 \2/' | sort -k1,1nr | awk '{ printf "%s%s", (NR > 1 ? " " : ""), $2 }')
    [ "$axis" = "$labels" ] || fail "$what: value axis labels '$axis', expected '$labels'"
    # every grid line inside the plot (y from 50 at the top to 420 at the bottom)
    grep -o 'y1="[^"]*" y2="[^"]*" stroke="#eee"' "$tmp/out.svg" |
        awk -F'"' '{ if ($2 < 50 || $2 > 420) { print "grid line at y = " $2; bad = 1 } } END { exit bad }' >"$tmp/grid" ||
        fail "$what: $(cat "$tmp/grid")"
}

check "perfect fit, log scale" perfect 0 "0.1 1" --log
# nothing to draw on a log scale: the loss line is empty
grep -q '<polyline fill="none" stroke="#0060b0" stroke-width="2" points=""/>' "$tmp/out.svg" ||
    fail "perfect fit, log scale: the loss line has points: $(grep -m 1 'polyline' "$tmp/out.svg")"
check "perfect fit, linear" perfect 0 "0 0.2 0.4 0.6 0.8 1"
check "loss 1.62e308, linear" huge 1.62e+308 "0 5e+307 1e+308 1.5e+308"
# the loss sits at 1.62e308 / DBL_MAX = 0.9012 of the height: y = 50 + 370 * (1 - 0.9012) = 86.6
grep -q 'stroke="#0060b0" stroke-width="2" points="80.0,86.6 296.7,86.6 513.3,86.6 730.0,86.6 "' "$tmp/out.svg" ||
    fail "loss 1.62e308, linear: the loss line is not at y = 86.6: $(grep -m 1 'stroke="#0060b0" stroke-width="2"' "$tmp/out.svg")"
check "loss 1.62e308, log scale" huge 1.62e+308 "1e+308 1e+309" --log
check "loss 4.94e-324, linear" tiny 4.9406564584124654e-324 "0 5e-324"
exit 0
