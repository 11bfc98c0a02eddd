#!/bin/sh
# train_iris.sh - `bpviz --train scenarios/doc001-iris.bp` (document 001's Iris
# project: 4-5-3 sigmoid, 300 epochs, 130 train / 20 validation rows):
#   - the CSV has the header "epoch,loss,train_acc,val_acc" and 301 rows, epochs
#     0..300 in order, every loss a finite number, every accuracy k/130 (train)
#     and k/20 (validation) for a whole k;
#   - it learns: the loss at epoch 300 is below a fifth of epoch 0's, and the
#     validation accuracy at epoch 300 is at least 0.9 (three classes: chance is 1/3);
#   - `--svg FILE` writes the same rows and a well-formed SVG chart: it begins with
#     `<?xml`, has one <svg> element that ends the file, every tag closed in order
#     (checked by xmllint too), and three polylines (loss, training and validation
#     accuracy) of 301 points each with increasing x;
#   - `--svg` without `--train` exits 2 with a message and writes no file.
# Run from the repository root (tests/run.sh does). SKIP (exit 77), after every other
# check passed, when xmllint is not installed (Debian: libxml2-utils).
cd "$(dirname "$0")/../.." || exit 2
# BPVIZ=path runs another binary than ./bpviz (for trying the test by hand).

fail() { printf 'train_iris: %s\n' "$*" >&2; exit 1; }

bpviz=${BPVIZ:-./bpviz}
[ -x "$bpviz" ] || fail "$bpviz is not built (run make)"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

"$bpviz" --train scenarios/doc001-iris.bp >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "bpviz --train exited with $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "bpviz --train wrote to stderr: $(cat "$tmp/err")"

header=$(head -n 1 "$tmp/out.csv" | tr -d '\r')
[ "$header" = "epoch,loss,train_acc,val_acc" ] ||
    fail "header is '$header', expected 'epoch,loss,train_acc,val_acc'"

# shape, and accuracies that are fractions of 130 and 20 samples (printed %.6g)
awk -F, 'function frac(v, n,   k) { k = int(v * n + 0.5); d = v - k / n; return (d < 0 ? -d : d) < 1e-5 && k >= 0 && k <= n }
    NR > 1 {
        if (NF != 4) { printf "line %d has %d fields: %s\n", NR, NF, $0; bad = 1; exit }
        if ($1 != NR - 2) { printf "line %d is epoch %s, expected %d\n", NR, $1, NR - 2; bad = 1; exit }
        for (i = 2; i <= 4; i++)
            if ($i !~ /^[0-9.eE+-]+$/) { printf "line %d: field %d (%s) is not a finite number\n", NR, i, $i; bad = 1; exit }
        if (!frac($3, 130)) { printf "epoch %s: train_acc %s is not k/130\n", $1, $3; bad = 1; exit }
        if (!frac($4, 20)) { printf "epoch %s: val_acc %s is not k/20\n", $1, $4; bad = 1; exit }
    }
    END {
        if (!bad && NR != 302) { printf "%d epoch rows, expected 301 (epochs 0..300)\n", NR - 1; bad = 1 }
        exit bad
    }' "$tmp/out.csv" >"$tmp/shape" || fail "$(cat "$tmp/shape")"

# it learns
awk -F, '$1 == 0 { l0 = $2 }
    $1 == 300 {
        if (!($2 < l0 / 5)) { printf "loss at epoch 300 is %s, not below a fifth of epoch 0'\''s %s\n", $2, l0; bad = 1 }
        if (!($4 >= 0.9)) { printf "val_acc at epoch 300 is %s, expected at least 0.9\n", $4; bad = 1 }
    }
    END { exit bad }' "$tmp/out.csv" >"$tmp/learn" || fail "$(cat "$tmp/learn")"

# --svg: the same CSV and a well-formed chart
"$bpviz" --train scenarios/doc001-iris.bp --svg "$tmp/chart.svg" >"$tmp/svg.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "bpviz --train --svg exited with $rc: $(cat "$tmp/err")"
cmp -s "$tmp/out.csv" "$tmp/svg.csv" || fail "--svg changed the CSV on stdout"
[ -s "$tmp/chart.svg" ] || fail "--svg wrote no file"
head -c 5 "$tmp/chart.svg" | grep -q '^<?xml' || fail "the SVG does not begin with <?xml"
# the tags, one per record: every element closed, in order, the root <svg> last
awk 'BEGIN { RS = "<"; depth = 0; roots = 0 }
    NR == 1 { if ($0 != "") { print "text before the first tag"; bad = 1; exit } next }
    {
        end = index($0, ">")
        if (!end) { print "a tag without >: <" substr($0, 1, 40); bad = 1; exit }
        tag = substr($0, 1, end - 1); rest = substr($0, end + 1)
        if (tag ~ /^\?/) { if (NR != 2 || tag !~ /^\?xml /) { print "misplaced <?" tag; bad = 1; exit } next }
        if (rest ~ />/) { print "a stray > after <" tag ">"; bad = 1; exit }
        s = tag rest; gsub(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/, "", s)
        if (s ~ /&/) { print "a bare & in or after <" tag ">"; bad = 1; exit }
        if (tag ~ /^\//) {
            name = substr(tag, 2)
            if (depth == 0 || stack[depth] != name) { print "</" name "> closes <" stack[depth] ">"; bad = 1; exit }
            depth--
            if (depth == 0) { closed = 1; if (rest !~ /^[ \t\n]*$/) { print "content after </svg>"; bad = 1; exit } }
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
    }' "$tmp/chart.svg" >"$tmp/xml" || fail "the SVG is not well-formed: $(cat "$tmp/xml")"
have_xmllint=no
if command -v xmllint >/dev/null 2>&1; then
    have_xmllint=yes
    xmllint --noout "$tmp/chart.svg" 2>"$tmp/xml" || fail "xmllint: $(head -n 3 "$tmp/xml")"
fi
tail -c 8 "$tmp/chart.svg" | tr -d '\n' | grep -q '</svg>$' || fail "the SVG does not end with </svg>"
# three polylines of 301 points, x increasing along each
grep -o '<polyline[^>]*points="[^"]*"' "$tmp/chart.svg" | sed 's/.*points="//; s/"$//' >"$tmp/lines"
awk '{
        n = split($0, p, " ")
        if (n != 301) { printf "polyline %d has %d points, expected 301\n", NR, n; bad = 1; exit }
        for (i = 1; i <= n; i++) {
            if (p[i] !~ /^-?[0-9.]+,-?[0-9.]+$/) { printf "polyline %d: point %s\n", NR, p[i]; bad = 1; exit }
            split(p[i], xy, ",")
            if (i > 1 && !(xy[1] + 0 > px)) { printf "polyline %d: x does not increase at point %d\n", NR, i; bad = 1; exit }
            px = xy[1] + 0
        }
    }
    END { if (!bad && NR != 3) { printf "%d polylines, expected 3\n", NR; bad = 1 } exit bad }' "$tmp/lines" >"$tmp/poly" ||
    fail "$(cat "$tmp/poly")"

# --svg without --train
"$bpviz" --svg "$tmp/no.svg" scenarios/doc001-iris.bp >"$tmp/out2" 2>"$tmp/err2"
rc=$?
[ "$rc" -eq 2 ] || fail "--svg without --train exited with $rc, expected 2"
[ -s "$tmp/err2" ] || fail "--svg without --train said nothing on stderr"
[ -e "$tmp/no.svg" ] && fail "--svg without --train wrote $tmp/no.svg"
if [ "$have_xmllint" = no ]; then
    echo "train_iris: xmllint is not installed: the SVG was not validated by it (apt-get install libxml2-utils)"
    exit 77
fi
echo "train_iris: ok"
