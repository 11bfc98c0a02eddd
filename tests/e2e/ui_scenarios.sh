#!/bin/sh
# tests/e2e/ui_scenarios.sh - opens every scenario in scenarios/ at 80×24 and 160×50, walks one
# whole iteration forward and a few events back, checks every frame is laid out, and quits cleanly.
. "$(dirname "$0")/lib.inc"

for f in scenarios/*.bp; do
    # Every shipped scenario must load: one that does not is a failure, not a skip.
    if ! err=$(./bpviz --trace "$f" 2>&1 >/dev/null); then
        e2e_fail "$f does not load: $err"
        continue
    fi
    for size in "80 24" "160 50"; do
        set -- $size
        e2e_start "$1" "$2" -- "$f"
        e2e_expect "event 0/" "$f $1×$2: opens before the first event"
        e2e_expect "iteration 1" "$f $1×$2: the status line names the iteration"
        count=$(e2e_screen | sed -n 's/.*event 0\/\([0-9][0-9]*\).*/\1/p' | head -n 1)
        [ -n "$count" ] || { e2e_fail "$f $1×$2: no event count in the status line"; continue; }
        e2e_keys Space
        e2e_expect "event 1/$count" "$f $1×$2: the first event"
        e2e_expect "numbers" "$f $1×$2: the formula panel shows the numbers line"
        e2e_keys Enter
        e2e_expect "event $count/$count" "$f $1×$2: Enter finishes the iteration"
        e2e_expect "UPDATE" "$f $1×$2: the last phase is the update"
        e2e_keys Left Left Left
        back=$((count - 3))
        e2e_expect "event $back/$count" "$f $1×$2: three steps back"
        e2e_screen | grep -qF "too small" && e2e_fail "$f $1×$2: 'too small' at a supported size"
        e2e_quit
    done
done
exit $E2E_FAILED
