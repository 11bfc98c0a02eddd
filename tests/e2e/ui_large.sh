#!/bin/sh
# tests/e2e/ui_large.sh - a network too large to measure its numbers one by one (320-320-2: about
# 207,000 events per iteration): the viewer opens it, shows the first weight before and after the
# update exactly as --trace computes it (never clipped), steps into the next iteration and back.
. "$(dirname "$0")/lib.inc"

dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"; e2e_cleanup' EXIT INT TERM HUP

# Four rows of 320 inputs with two classes, values from a fixed formula.
awk 'BEGIN {
    for (k = 1; k <= 320; k++) printf "x%d,", k; print "label";
    for (r = 1; r <= 4; r++) {
        for (k = 1; k <= 320; k++) printf "%.3f,", ((k * 37 + r * 101) % 1000) / 1000;
        print (r % 2 ? "odd" : "even");
    }
}' >"$dir/large.csv"
cat >"$dir/large.bp" <<'EOF'
[scenario]
title = large 320-320-2 (e2e)
[network]
layers = 320 320 2
[layer 1]
activation = sigmoid
bias = neuron
[layer 2]
activation = sigmoid
bias = neuron
[init]
random = uniform -0.05 0.05
seed = 7
[training]
eta = 0.1
iterations = 1
[data]
file = large.csv
label = label
EOF

# What --trace computes for the first weight's update: "w²₁₁′ = OLD − η·(G) = NEW".
line=$($BPVIZ --trace "$dir/large.bp" | awk -F'\t' '$3 == "w²₁₁′" { print $5; exit }')
old=$(printf '%s\n' "$line" | sed 's/^[^=]*= \([^ ]*\) .*/\1/')
new=$(printf '%s\n' "$line" | sed 's/.*= //')
[ -n "$old" ] && [ -n "$new" ] || { echo "FAIL: --trace has no update of w²₁₁ ($line)" >&2; exit 1; }

# Formulas write minus as U+2212 (a negative weight bracketed where it is a factor); the matrices, as %g.
new4=$(awk -v v="$(printf '%s' "$new" | sed 's/−/-/')" 'BEGIN { printf "%.4g", v }')

e2e_start 160 50 -- "$dir/large.bp"
e2e_expect "event 0/" "large: opens"
count=$(e2e_screen | sed -n 's/.*event 0\/\([0-9][0-9]*\).*/\1/p' | head -n 1)
[ "${count:-0}" -gt 100000 ] || e2e_fail "large: $count events per iteration, want more than 100,000 (the measured-by-span path)"
# The first event sums the first weight times x₁: its numbers line shows the weight as --trace does.
e2e_keys Space
e2e_expect "event 1/$count" "large: the first event"
e2e_expect "($old)·" "large: z²₁'s numbers show w²₁₁ = $old (--trace)"
e2e_keys Enter
e2e_expect "event $count/$count" "large: Enter finishes the iteration"
# The weight matrices (4 digits) show the updated weight.
e2e_keys Tab
e2e_expect "weights now" "large: the weight matrices view"
e2e_screen | grep "a²₁ │" | grep -qF -- " $new4•" || e2e_fail "large: updated w²₁₁ is not shown as $new4 (--trace: $new)"
e2e_keys BTab
e2e_keys Space Space
e2e_expect "iteration 2" "large: into the second iteration"
e2e_expect "($new)·" "large: iteration 2 sums with the updated w²₁₁ = $new"
e2e_keys Left Left
e2e_expect "event $count/$count" "large: back to the end of the first iteration"
e2e_expect "iteration 1" "large: the first iteration again"
e2e_quit
exit $E2E_FAILED
