#!/bin/sh
# train_momentum.sh - momentum against plain SGD (document 000 §2.6.2 1)):
# scenarios/momentum.bp (β = 0.9) and momentum-off.bp (β = 0) train the same XOR
# network from the same weights with the same η = 0.5.
#   - `bpviz --train` on each: header "epoch,loss", 301 rows (epochs 0..300), the
#     same loss at epoch 0 (same weights, same data);
#   - momentum clearly converges faster: its loss is below a tenth of the plain
#     one's at epoch 100 and below a thirtieth at epoch 300 (0.0030 against 0.115,
#     0.00058 against 0.064), and below 0.01 from some epoch under 100 while the
#     plain one is not below 0.01 by epoch 300;
#   - both curves (run with --epochs 1000) agree to 1e-9 relative at epochs 0, 1,
#     10, 100, 1000 with the independent trainer tests/ref/xor_ref.c
#     (`xor_ref sgd 0.5 0.9` and `xor_ref sgd 0.5 0`);
#   - momentum-off.bp is xor.bp: the same 301 rows as `--train xor.bp --epochs 300`.
# Run from the repository root (tests/run.sh does).
cd "$(dirname "$0")/../.." || exit 2
. tests/cli/lib.inc
# BPVIZ=path runs another binary than ./bpviz (for trying the test by hand).

fail() { printf 'train_momentum: %s\n' "$*" >&2; exit 1; }

bpviz=${BPVIZ:-./bpviz}
[ -x "$bpviz" ] || fail "$bpviz is not built (run make)"
ref=build/ref/xor_ref
if [ ! -x "$ref" ]; then
    make -s "$ref" >/dev/null 2>&1 || fail "cannot build $ref"
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

for s in momentum momentum-off; do
    "$bpviz" --train "scenarios/$s.bp" >"$tmp/$s.csv" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 0 ] || fail "bpviz --train scenarios/$s.bp exited with $rc: $(cat "$tmp/err")"
    header=$(head -n 1 "$tmp/$s.csv" | tr -d '\r')
    [ "$header" = "epoch,loss" ] || fail "$s: header is '$header', expected 'epoch,loss'"
    awk -F, 'NR > 1 {
            if (NF != 2 || $1 != NR - 2 || $2 !~ /^[0-9.eE+-]+$/) { printf "line %d: %s\n", NR, $0; bad = 1; exit }
        }
        END { if (!bad && NR != 302) { printf "%d epoch rows, expected 301\n", NR - 1; bad = 1 } exit bad }' \
        "$tmp/$s.csv" >"$tmp/shape" || fail "$s: $(cat "$tmp/shape")"
done

# the contrast
awk -F, '
    FNR == 1 { next }
    NR == FNR { m[$1] = $2 + 0; next }
    { p[$1] = $2 + 0 }
    END {
        if (m[0] != p[0]) { printf "epoch 0: momentum %.17g, plain %.17g; the same start was expected\n", m[0], p[0]; exit 1 }
        if (!(m[100] * 10 < p[100])) { printf "epoch 100: momentum %g is not below a tenth of plain %g\n", m[100], p[100]; exit 1 }
        if (!(m[300] * 30 < p[300])) { printf "epoch 300: momentum %g is not below a thirtieth of plain %g\n", m[300], p[300]; exit 1 }
        fm = -1; fp = -1
        for (e = 0; e <= 300; e++) {
            if (fm < 0 && m[e] < 0.01) fm = e
            if (fp < 0 && p[e] < 0.01) fp = e
        }
        if (fm < 0 || fm >= 100) { printf "momentum: loss below 0.01 first at epoch %d, expected before 100\n", fm; exit 1 }
        if (fp >= 0) { printf "plain SGD: loss below 0.01 already at epoch %d\n", fp; exit 1 }
    }' "$tmp/momentum.csv" "$tmp/momentum-off.csv" >"$tmp/contrast" || fail "$(cat "$tmp/contrast")"

# both curves against the reference
for s in momentum momentum-off; do
    beta=0.9
    [ "$s" = momentum-off ] && beta=0
    "$bpviz" --train "scenarios/$s.bp" --epochs 1000 >"$tmp/$s-1000.csv" 2>"$tmp/err" ||
        fail "bpviz --train scenarios/$s.bp --epochs 1000 failed: $(cat "$tmp/err")"
    "$ref" sgd 0.5 "$beta" >"$tmp/ref.csv" || fail "$ref sgd 0.5 $beta failed"
    ref_compare "$tmp/ref.csv" "$tmp/$s-1000.csv" >"$tmp/cmp" || fail "$s.bp against xor_ref sgd 0.5 $beta: $(cat "$tmp/cmp")"
done

# the plain twin is xor.bp
"$bpviz" --train scenarios/xor.bp --epochs 300 >"$tmp/xor.csv" 2>"$tmp/err" || fail "bpviz --train xor.bp failed"
cmp -s "$tmp/xor.csv" "$tmp/momentum-off.csv" || fail "momentum-off.bp does not train as xor.bp does"
echo "train_momentum: ok"
