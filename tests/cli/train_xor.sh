#!/bin/sh
# train_xor.sh - `bpviz --train scenarios/xor.bp --epochs 1000` against the
# independent trainer tests/ref/xor_ref.c (built by make into build/ref/xor_ref):
# the CSV has the header "epoch,loss" and one row per epoch 0..1000, and the
# losses of epochs 0, 1, 10, 100 and 1000 agree with the reference to 1e-9
# relative. Run from the repository root (tests/run.sh does).
cd "$(dirname "$0")/../.." || exit 2
. tests/cli/lib.inc
# BPVIZ=path runs another binary than ./bpviz (for trying the test by hand).

fail() { printf 'train_xor: %s\n' "$*" >&2; exit 1; }

[ -x "${BPVIZ:-./bpviz}" ] || fail "${BPVIZ:-./bpviz} is not built (run make)"
ref=build/ref/xor_ref
if [ ! -x "$ref" ]; then
    make -s "$ref" >/dev/null 2>&1 || fail "cannot build $ref"
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

"${BPVIZ:-./bpviz}" --train scenarios/xor.bp --epochs 1000 >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "bpviz --train exited with $rc: $(cat "$tmp/err")"
"$ref" >"$tmp/ref.csv" || fail "$ref failed"

# the shape of bpviz's CSV
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

# the losses against the reference
ref_compare "$tmp/ref.csv" "$tmp/out.csv" >"$tmp/cmp" || fail "$(cat "$tmp/cmp")"

# the network learns XOR: the loss falls from 0.122 to 0.003
awk -F, '$1 == 1000 { exit !($2 < 0.01) }' "$tmp/out.csv" || fail "loss after 1000 epochs is not below 0.01"
echo "train_xor: ok"
