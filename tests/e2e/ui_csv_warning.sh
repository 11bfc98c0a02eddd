#!/bin/sh
# tests/e2e/ui_csv_warning.sh - the viewer shows the data loader's warning (a class
# found only in the validation rows) on its message line when it opens, and the
# first key clears it, as any message.
. "$(dirname "$0")/lib.inc"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"; e2e_cleanup' EXIT INT TERM
printf 'a,b,y\n1,2,p\n2,1,p\n3,3,q\n' >"$tmp/w.csv"
printf '[scenario]\ntitle = warned\n[network]\nlayers = 2 2 2\n[init]\nrandom = uniform -0.5 0.5\n[data]\nfile = w.csv\nlabel = y\ntrain = 2\n' >"$tmp/w.bp"

e2e_start 200 40 -- "$tmp/w.bp"
e2e_expect "event 0/" "opens"
e2e_expect "w.csv:4: warning: class 'q' is only in the validation rows (train = 2): the network never learns it" \
    "the warning is on the message line"
e2e_keys Space
e2e_expect "event 1/" "steps"
e2e_wait_gone "warning:" || e2e_fail "the warning stays after a key"
e2e_quit
exit $E2E_FAILED
