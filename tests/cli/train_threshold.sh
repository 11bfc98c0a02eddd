#!/bin/sh
# train_threshold.sh - the stopping threshold (document 000 §2.3.2 步骤5): stop when
# the epoch's mean loss is below the threshold e). scenarios/adaptive.bp has
# epochs = 1000 and threshold = 0.001:
#   - `bpviz --train` exits 0 and prints fewer rows than epochs + 1 = 1001, epochs
#     0..N in order; the last loss is below 0.001 and every earlier one is not;
#   - the rows are exactly the first N + 1 rows of the same scenario trained with
#     the threshold removed (a temporary copy): stopping changes nothing before it;
#   - with the threshold above the loss at epoch 0 (a copy with threshold = 1),
#     only row 0 is printed; with --epochs 50 (fewer than the threshold needs),
#     all 51 rows are printed and the last is still above 0.001.
# Run from the repository root (tests/run.sh does).
cd "$(dirname "$0")/../.." || exit 2
# BPVIZ=path runs another binary than ./bpviz (for trying the test by hand).

fail() { printf 'train_threshold: %s\n' "$*" >&2; exit 1; }

bpviz=${BPVIZ:-./bpviz}
[ -x "$bpviz" ] || fail "$bpviz is not built (run make)"
src=scenarios/adaptive.bp
grep -q '^threshold *= *0.001 ' "$src" || fail "$src has no 'threshold = 0.001' line"
grep -q '^epochs *= *1000 ' "$src" || fail "$src has no 'epochs = 1000' line"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

train() { # OUT ARGS...: bpviz --train ARGS into OUT, which must exit 0
    out=$1; shift
    "$bpviz" --train "$@" >"$out" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 0 ] || fail "bpviz --train $* exited with $rc: $(cat "$tmp/err")"
}
rows() { echo $(($(wc -l <"$1") - 1)); }

train "$tmp/stop.csv" "$src"
n=$(rows "$tmp/stop.csv")
if [ "$n" -lt 2 ] || [ "$n" -ge 1001 ]; then
    fail "$n rows: expected an early stop (at least 2, fewer than 1001)"
fi
awk -F, -v n="$n" 'NR > 1 {
        if ($1 != NR - 2) { printf "line %d is epoch %s, expected %d\n", NR, $1, NR - 2; bad = 1; exit }
        if (NR - 1 < n && $2 < 0.001) { printf "epoch %s: loss %s is already below the threshold 0.001\n", $1, $2; bad = 1; exit }
        if (NR - 1 == n && !($2 < 0.001)) { printf "the last row, epoch %s, has loss %s: not below 0.001\n", $1, $2; bad = 1; exit }
    }
    END { exit bad }' "$tmp/stop.csv" >"$tmp/check" || fail "$(cat "$tmp/check")"

# the same run without the threshold: the stopped CSV is its beginning
sed 's/^threshold *=.*$//' "$src" >"$tmp/nothreshold.bp"
grep -q '^threshold' "$tmp/nothreshold.bp" && fail "could not remove the threshold"
train "$tmp/full.csv" "$tmp/nothreshold.bp"
[ "$(rows "$tmp/full.csv")" -eq 1001 ] || fail "without the threshold: $(rows "$tmp/full.csv") rows, expected 1001"
head -n "$((n + 1))" "$tmp/full.csv" | cmp -s - "$tmp/stop.csv" ||
    fail "the stopped run's rows differ from the first $n rows of the run without threshold"

# a threshold above the starting loss: only epoch 0
sed 's/^threshold *=.*$/threshold = 1/' "$src" >"$tmp/high.bp"
train "$tmp/high.csv" "$tmp/high.bp"
[ "$(rows "$tmp/high.csv")" -eq 1 ] || fail "threshold = 1: $(rows "$tmp/high.csv") rows, expected only epoch 0"
awk -F, 'NR == 2 { exit !($1 == 0 && $2 < 1) }' "$tmp/high.csv" || fail "threshold = 1: the row is not epoch 0 below 1"

# the epochs run out first
train "$tmp/short.csv" "$src" --epochs 50
[ "$(rows "$tmp/short.csv")" -eq 51 ] || fail "--epochs 50: $(rows "$tmp/short.csv") rows, expected 51"
awk -F, 'END { exit !($1 == 50 && $2 >= 0.001) }' "$tmp/short.csv" || fail "--epochs 50: the last row is not epoch 50 above 0.001"
echo "train_threshold: ok"
