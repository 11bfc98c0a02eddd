#!/bin/sh
# train_diverge.sh - `bpviz --train scenarios/diverge.bp` (a linear 1-2-1 network
# fitting y = 2x + 1 with η = 0.1, too large): training stops with exit status 1
# and one line on stderr that says it diverged, in which epoch, and the last
# finite loss; stdout keeps the CSV up to the last finite state:
#   - the header "epoch,loss", then epochs 0, 1, ... in order, every loss a finite
#     number, fewer rows than the scenario's 100 epochs + 1;
#   - the last row is the epoch before the one stderr names, and its loss is the
#     one stderr gives as "was" (to the 6 digits %g prints);
#   - the loss rose more than a million-fold from epoch 0 to that last row (it
#     diverged, it did not just stop), and the losses of epochs 0 and 1 are those
#     of the linear network computed here by hand (19.2123 and 8.39468).
# The message is checked in English: bpviz runs with LC_ALL=C.
# Run from the repository root (tests/run.sh does).
cd "$(dirname "$0")/../.." || exit 2
LC_ALL=C
export LC_ALL
# BPVIZ=path runs another binary than ./bpviz (for trying the test by hand).

fail() { printf 'train_diverge: %s\n' "$*" >&2; exit 1; }

bpviz=${BPVIZ:-./bpviz}
[ -x "$bpviz" ] || fail "$bpviz is not built (run make)"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

"$bpviz" --train scenarios/diverge.bp >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "exit status $rc, expected 1 (stderr: $(cat "$tmp/err"))"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "expected one line on stderr, got: $(cat "$tmp/err")"
grep -q 'diverged' "$tmp/err" || fail "stderr does not say 'diverged': $(cat "$tmp/err")"

header=$(head -n 1 "$tmp/out.csv" | tr -d '\r')
[ "$header" = "epoch,loss" ] || fail "header is '$header', expected 'epoch,loss'"
awk -F, 'NR > 1 {
        if (NF != 2) { printf "line %d has %d fields: %s\n", NR, NF, $0; bad = 1; exit }
        if ($1 != NR - 2) { printf "line %d is epoch %s, expected %d\n", NR, $1, NR - 2; bad = 1; exit }
        if ($2 !~ /^[0-9][0-9.]*([eE][+-]?[0-9]+)?$/) { printf "line %d: loss %s is not a finite number\n", NR, $2; bad = 1; exit }
    }
    END {
        if (!bad && (NR < 3 || NR >= 102)) { printf "%d epoch rows; expected at least 2 and fewer than 101\n", NR - 1; bad = 1 }
        exit bad
    }' "$tmp/out.csv" >"$tmp/shape" || fail "$(cat "$tmp/shape")"

# the message names the epoch after the last row and gives its loss as the last finite one
last=$(tail -n 1 "$tmp/out.csv")
last_epoch=${last%%,*}
last_loss=${last#*,}
msg_epoch=$(sed -n 's/.*epoch \([0-9][0-9]*\).*/\1/p' "$tmp/err")
[ "$msg_epoch" = "$((last_epoch + 1))" ] ||
    fail "stderr names epoch '$msg_epoch', the last row is epoch $last_epoch: $(cat "$tmp/err")"
was=$(sed -n 's/.*(was \([^)]*\)).*/\1/p' "$tmp/err")
[ -n "$was" ] || fail "stderr gives no last loss ('was ...'): $(cat "$tmp/err")"
awk -v a="$was" -v b="$last_loss" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-5 * b) }' ||
    fail "stderr's last loss $was is not the last row's $last_loss"

# it diverged: up a millionfold from epoch 0
awk -F, -v l="$last_loss" '$1 == 0 { exit !(l > 1e6 * $2) }' "$tmp/out.csv" ||
    fail "the last finite loss $last_loss is not a million times epoch 0's"

# epochs 0 and 1 by hand. Epoch 0: ŷ = 0.4·(0.5x + 0.1) + 0.6·(−0.3x + 0.2) = 0.02x + 0.16,
# E = mean of ½(2x + 1 − ŷ)² over x = 1..4. Epoch 1: four SGD steps of η = 0.1 (see awk).
awk -F, '
    function fwd(x) { h1 = w1 * x + c1; h2 = w2 * x + c2; return v1 * h1 + v2 * h2 + c3 }
    function loss(   s, x, d) { s = 0; for (x = 1; x <= 4; x++) { d = 2 * x + 1 - fwd(x); s += 0.5 * d * d } return s / 4 }
    BEGIN {
        w1 = 0.5; w2 = -0.3; c1 = 0.1; c2 = 0.2; v1 = 0.4; v2 = 0.6; c3 = 0; eta = 0.1
        want[0] = loss()
        for (x = 1; x <= 4; x++) {
            y = fwd(x); g = y - (2 * x + 1)          # dE/dŷ, identity output
            d1 = v1 * g; d2 = v2 * g                  # hidden deltas with v before the update
            v1 -= eta * g * h1; v2 -= eta * g * h2; c3 -= eta * g
            w1 -= eta * d1 * x; c1 -= eta * d1; w2 -= eta * d2 * x; c2 -= eta * d2
        }
        want[1] = loss()
    }
    NR > 1 && ($1 in want) {
        d = $2 - want[$1]; if (d < 0) d = -d
        if (d > 1e-9 * want[$1]) { printf "epoch %s: loss %s, by hand %.17g\n", $1, $2, want[$1]; bad = 1 }
        seen++
    }
    END { if (!bad && seen != 2) { print "no rows for epochs 0 and 1"; bad = 1 } exit bad }' "$tmp/out.csv" >"$tmp/hand" ||
    fail "$(cat "$tmp/hand")"
echo "train_diverge: ok"
