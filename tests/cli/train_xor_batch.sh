#!/bin/sh
# train_xor_batch.sh - `bpviz --train scenarios/xor-batch.bp` (full batch: one
# step per epoch along the MEAN gradient of the four samples, η = 2) against the
# independent trainer tests/ref/xor_ref.c run as `xor_ref batch 2`: the CSV has
# the header "epoch,loss" and one row per epoch 0..1000, and the losses of epochs
# 0, 1, 10, 100 and 1000 agree with the reference to 1e-9 relative. The
# reference's per-sample curve (`xor_ref sgd 2`) is different at every epoch but
# 0, so a bpviz that ignored `mode = batch`, or stepped along the summed instead
# of the mean gradient, fails here. Run from the repository root (tests/run.sh does).
cd "$(dirname "$0")/../.." || exit 2
. tests/cli/lib.inc
# BPVIZ=path runs another binary than ./bpviz (for trying the test by hand).

fail() { printf 'train_xor_batch: %s\n' "$*" >&2; exit 1; }

[ -x "${BPVIZ:-./bpviz}" ] || fail "${BPVIZ:-./bpviz} is not built (run make)"
ref=build/ref/xor_ref
if [ ! -x "$ref" ]; then
    make -s "$ref" >/dev/null 2>&1 || fail "cannot build $ref"
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

"${BPVIZ:-./bpviz}" --train scenarios/xor-batch.bp >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "bpviz --train exited with $rc: $(cat "$tmp/err")"
"$ref" batch 2 >"$tmp/ref.csv" || fail "$ref batch 2 failed"
"$ref" sgd 2 >"$tmp/sgd.csv" || fail "$ref sgd 2 failed"
"$ref" batch 8 >"$tmp/sum.csv" || fail "$ref batch 8 failed" # the summed gradient with η = 2

# the shape of bpviz's CSV (the scenario's epochs = 1000)
header=$(head -n 1 "$tmp/out.csv" | tr -d '\r')
[ "$header" = "epoch,loss" ] || fail "header is '$header', expected 'epoch,loss'"
awk -F, 'NR > 1 {
        if (NF != 2) { printf "line %d has %d fields: %s\n", NR, NF, $0; bad = 1; exit }
        if ($1 != NR - 2) { printf "line %d is epoch %s, expected %d\n", NR, $1, NR - 2; bad = 1; exit }
        if ($2 !~ /^[0-9.eE+-]+$/) { printf "line %d: loss %s is not a number\n", NR, $2; bad = 1; exit }
    }
    END {
        if (!bad && NR != 1002) { printf "%d epoch rows, expected 1001 (epochs 0..1000)\n", NR - 1; bad = 1 }
        exit bad
    }' "$tmp/out.csv" >"$tmp/shape" || fail "$(cat "$tmp/shape")"

ref_compare "$tmp/ref.csv" "$tmp/out.csv" >"$tmp/cmp" || fail "$(cat "$tmp/cmp")"

# the reference's other curves really differ (else the comparison above would
# not tell the modes apart): at epochs 1, 10, 100, 1000 by more than 1e-6 relative
for other in sgd sum; do
    awk -F, 'FNR == 1 || $1 == 0 { next }
        NR == FNR { a[$1] = $2; next }
        { d = $2 - a[$1]; if (d < 0) d = -d; if (d <= 1e-6 * $2) { print "epoch " $1 " same"; bad = 1 } }
        END { exit bad }' "$tmp/ref.csv" "$tmp/$other.csv" >"$tmp/diff" ||
        fail "the reference's $other curve equals its batch curve: $(cat "$tmp/diff")"
done

# the network learns XOR in batch mode too: 0.122 at epoch 0, below 0.005 at 1000
awk -F, '$1 == 1000 { exit !($2 < 0.005) }' "$tmp/out.csv" || fail "loss after 1000 epochs is not below 0.005"
echo "train_xor_batch: ok"
