#!/bin/sh
# tests/e2e/ui_golden_docs.sh - the further screens docs/screens.md shows, checked whole against
# tests/e2e/golden/*.txt as ui_golden.sh checks document 000's: XOR trained to its 1000 epochs in
# the C locale (ASCII), and diverge.bp stopped by its divergence. Both are deterministic: up to 100
# epochs per second every epoch is a point of the chart. UPDATE_GOLDEN=1 rewrites them (review
# the diff, then `make docs` copies them into the documentation).
. "$(dirname "$0")/lib.inc"

GOLDEN=tests/e2e/golden

check() { # NAME: compares the screen with $GOLDEN/NAME.txt
    e2e_settle
    got=$(e2e_screen)
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        printf '%s\n' "$got" >"$GOLDEN/$1.txt"
        return
    fi
    if [ ! -f "$GOLDEN/$1.txt" ]; then
        e2e_fail "golden $1: $GOLDEN/$1.txt is missing (run with UPDATE_GOLDEN=1)"
        return
    fi
    if [ "$got" != "$(cat "$GOLDEN/$1.txt")" ]; then
        echo "golden $1 differs (- golden, + screen):" >&2
        printf '%s\n' "$got" | diff "$GOLDEN/$1.txt" - >&2
        E2E_FAILED=1
    fi
}

# XOR in the C locale: ASCII throughout, the chart in '*', the weights as sign and digits. 100
# epochs per second ('+' once from 50): 1000 epochs in about ten seconds.
e2e_start 80 24 LANG=C -- scenarios/xor.bp
e2e_expect "event 0/" "golden xor C: opens"
e2e_keys + t
e2e_wait "1000 epochs are done" 400 || e2e_fail "golden xor C: training did not stop at 1000 epochs"
check "xor-C-80x24-train-1000"
e2e_quit

# diverge.bp: the loss is not finite in epoch 5; epoch 4's weights are kept, framed message.
e2e_start 80 24 -- scenarios/diverge.bp
e2e_expect "event 0/" "golden diverge: opens"
e2e_keys t
e2e_wait "DIVERGED" 100 || e2e_fail "golden diverge: training did not stop by divergence"
check "diverge-80x24-train-5"
e2e_quit
exit $E2E_FAILED
