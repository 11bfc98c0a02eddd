#!/bin/sh
# tests/e2e/ui_golden.sh - the layout, checked whole: screens of document 000 at fixed sizes and
# events compared with tests/e2e/golden/*.txt. UPDATE_GOLDEN=1 rewrites them (review the diff).
. "$(dirname "$0")/lib.inc"

GOLDEN=tests/e2e/golden

check() { # NAME: compares the screen with $GOLDEN/NAME.txt
    e2e_settle
    got=$(e2e_screen)
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        printf '%s\n' "$got" > "$GOLDEN/$1.txt"
        return
    fi
    if [ ! -f "$GOLDEN/$1.txt" ]; then
        e2e_fail "golden $1: $GOLDEN/$1.txt is missing (run with UPDATE_GOLDEN=1)"
        return
    fi
    if [ "$got" != "$(cat "$GOLDEN/$1.txt")" ]; then
        printf '%s\n' "$got" > "/tmp/bpviz-golden-$1.txt"
        echo "golden $1 differs:" >&2
        diff "$GOLDEN/$1.txt" "/tmp/bpviz-golden-$1.txt" >&2
        E2E_FAILED=1
    fi
}

for size in "80 24" "160 50"; do
    set -- $size
    tag="doc000-$1x$2"
    e2e_start "$1" "$2" -- scenarios/doc000.bp
    e2e_expect "event 0/35" "golden $tag: opens"
    check "$tag-start"
    e2e_goto 14
    check "$tag-e14-hidden-delta"
    e2e_goto 28
    check "$tag-e28-update"
    e2e_keys Tab
    e2e_expect "as the document writes them" "golden $tag: matrices"
    check "$tag-e28-matrices"
    e2e_keys Tab
    e2e_expect "28 done" "golden $tag: event list"
    check "$tag-e28-events"
    e2e_quit
done
# The training view, stopped by the scenario's epochs (a deterministic screen: up to 100 epochs per
# second every epoch is measured): document 000 at 50 epochs/s, Iris at 100.
for size in "80 24" "160 50"; do
    set -- $size
    e2e_start "$1" "$2" -- scenarios/doc000.bp
    e2e_expect "event 0/35" "golden doc000 $1x$2: opens"
    e2e_keys t
    e2e_wait "100 epochs are done" 100 || e2e_fail "golden doc000 $1x$2: training did not stop at 100 epochs"
    check "doc000-$1x$2-train-100"
    e2e_quit
done
e2e_start 80 24 -- scenarios/doc001-iris.bp
e2e_expect "event 0/" "golden iris: opens"
e2e_keys + t
e2e_wait "300 epochs are done" 150 || e2e_fail "golden iris: training did not stop at 300 epochs"
check "doc001-iris-80x24-train-300"
e2e_quit
exit $E2E_FAILED
