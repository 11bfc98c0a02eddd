#!/bin/sh
# csv_input.sh - what a user sees of the CSV loader: a class found only in the
# validation rows is one warning line on stderr ("bpviz: path:line: warning: ...")
# for --train, --trace and --check, which still run (exit 0); --train without
# validation rows prints no val_acc column (no "nan"); quoted fields with commas
# load; a hex number, a quote left open and a range too wide to scale fail with
# exactly one line and exit 2. Run from anywhere; needs ./bpviz built.
cd "$(dirname "$0")/../.." || exit 2
LC_ALL=C
export LC_ALL
unset LANGUAGE

bpviz=${BPVIZ:-./bpviz}
[ -x "$bpviz" ] || { echo "csv_input: $bpviz is not built (run make)" >&2; exit 1; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() {
    printf 'csv_input: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# run ARGS...: bpviz with a time limit; status in rc, output in $tmp/out and $tmp/err.
run() {
    timeout 20 "$bpviz" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
}

# scenario NAME TRAIN: a 2-3-3 network on $tmp/NAME.csv, min-max, "train = TRAIN" unless empty.
scenario() {
    {
        printf '[scenario]\ntitle = csv input\n[network]\nlayers = 2 3 3\n'
        printf '[init]\nrandom = uniform -0.5 0.5\nseed = 5\n[training]\neta = 0.5\nepochs = 3\n'
        printf '[data]\nfile = %s.csv\nlabel = species\nnormalize = minmax\n' "$1"
        [ -n "$2" ] && printf 'train = %s\n' "$2"
    } >"$tmp/$1.bp"
}

# Quoted names and labels with commas and doubled quotes; "tiger, ""big""" only
# on lines 6 and 7, after the 4 training rows.
printf '%s\n' 'length,"width, in cm",species' '1,2,"cat, small"' '2,"3",dog' \
    '3,1,"cat, small"' '4,4,dog' '5,2,"tiger, ""big"""' '6,5,"tiger, ""big"""' >"$tmp/zoo.csv"
scenario zoo 4
warning="bpviz: $tmp/zoo.csv:6: warning: class 'tiger, \"big\"' is only in the validation rows (train = 4): the network never learns it"

for mode in --train --trace --check; do
    run "$mode" "$tmp/zoo.bp"
    [ "$rc" -eq 0 ] || fail "$mode: exit status $rc, expected 0: $(cat "$tmp/err")"
    first=$(head -n 1 "$tmp/err")
    [ "$first" = "$warning" ] || fail "$mode: the first line on stderr is '$first', expected '$warning'"
    n=$(grep -c 'warning' "$tmp/err")
    [ "$n" -eq 1 ] || fail "$mode: $n warning lines on stderr, expected 1"
done
# --check has nothing to compare: its own note follows the warning.
[ "$(sed -n 2p "$tmp/err")" = "bpviz: $tmp/zoo.bp: the scenario has no [expected] values to check" ] ||
    fail "--check: second line on stderr: '$(sed -n 2p "$tmp/err")'"
[ "$(wc -l <"$tmp/err")" -eq 2 ] || fail "--check: $(wc -l <"$tmp/err") lines on stderr, expected 2"

# --train with validation rows: four columns, accuracies in quarters (train) and halves (validation).
run --train "$tmp/zoo.bp"
[ "$(head -n 1 "$tmp/out")" = "epoch,loss,train_acc,val_acc" ] || fail "zoo: header '$(head -n 1 "$tmp/out")'"
# frac(v, n): v is k/n for a whole k (printed with %.6g).
frac='function frac(v, n,   k, d) { k = int(v * n + 0.5); d = v - k / n; return (d < 0 ? -d : d) < 1e-5 && k >= 0 && k <= n }'
awk -F, "$frac"'
    NR > 1 {
        if (NF != 4 || $1 != NR - 2) { print "row " NR ": " $0; bad = 1 }
        if (!frac($3, 4) || !frac($4, 2)) { print "row " NR " accuracies: " $0; bad = 1 }
    }
    END { if (NR != 5) { print NR - 1 " rows, expected 4 (epochs 0..3)"; bad = 1 } exit bad }' "$tmp/out" >"$tmp/shape" ||
    fail "zoo --train: $(cat "$tmp/shape")"

# No validation rows: no val_acc column (it used to be "nan"), nothing on stderr.
# (No quotes here: only the val_acc column is at stake.)
scenario all ""
printf 'a,b,species\n1,2,cat\n2,3,dog\n3,1,cat\n4,4,dog\n5,2,tiger\n6,5,tiger\n' >"$tmp/all.csv"
run --train "$tmp/all.bp"
[ "$rc" -eq 0 ] || fail "all rows train: exit status $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "all rows train: stderr: $(cat "$tmp/err")"
[ "$(head -n 1 "$tmp/out")" = "epoch,loss,train_acc" ] ||
    fail "all rows train: header '$(head -n 1 "$tmp/out")', expected 'epoch,loss,train_acc'"
grep -qi 'nan' "$tmp/out" && fail "all rows train: 'nan' in the CSV: $(grep -i nan "$tmp/out" | head -n 1)"
awk -F, "$frac"'
    NR > 1 && (NF != 3 || !frac($3, 6)) { print "row " NR ": " $0; bad = 1 }
    END { if (NR != 5) { print NR - 1 " rows, expected 4"; bad = 1 } exit bad }' "$tmp/out" >"$tmp/shape" ||
    fail "all rows train: $(cat "$tmp/shape")"
# train = 6 of 6 rows is the same: no validation set.
scenario six 6
cp "$tmp/all.csv" "$tmp/six.csv"
run --train "$tmp/six.bp"
[ "$rc" -eq 0 ] && [ "$(head -n 1 "$tmp/out")" = "epoch,loss,train_acc" ] && [ ! -s "$tmp/err" ] ||
    fail "train = 6 of 6: status $rc, header '$(head -n 1 "$tmp/out")', stderr '$(cat "$tmp/err")'"

# expect_error NAME 'LINE': $tmp/NAME.bp fails --train with exactly that line, exit 2, no stdout.
expect_error() {
    run --train "$tmp/$1.bp"
    [ "$rc" -eq 2 ] || fail "$1: exit status $rc, expected 2"
    [ -s "$tmp/out" ] && fail "$1: wrote to stdout: $(head -c 200 "$tmp/out")"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$1: $(wc -l <"$tmp/err") lines on stderr, expected 1: $(cat "$tmp/err")"
    [ "$(cat "$tmp/err")" = "$2" ] || fail "$1: stderr '$(cat "$tmp/err")', expected '$2'"
}
printf 'a,b,species\n1,2,p\n0x1A,3,q\n4,5,r\n' >"$tmp/hex.csv"
scenario hex ""
expect_error hex "bpviz: $tmp/hex.csv:3:1: '0x1A' in column 'a' is not a number"
printf 'a,b,species\n1,2,p\n2,3,"q\n4,5,r"\n' >"$tmp/open.csv"
scenario open ""
expect_error open "bpviz: $tmp/open.csv:3:5: the quoted field has no closing '\"' on its line (a field cannot span lines)"
printf 'a,b,species\n1,1e308,p\n2,-1e308,q\n3,0,r\n' >"$tmp/wide.csv"
scenario wide ""
expect_error wide "bpviz: $tmp/wide.csv:3: column 'b' goes from -1e+308 (line 3) to 1e+308 (line 2): too wide a range to scale to [0, 1] (normalize = minmax)"

[ "$failures" -eq 0 ] || exit 1
echo "csv_input: ok"
