#!/bin/sh
# tests/e2e/ui_bad_utf8.sh - text that is not UTF-8 (a Latin-1 class name from a CSV file, which
# the loader keeps as bytes) is drawn with a '?' per bad byte, one column each as measured, and
# the characters after it stay on the screen (ncurses took a bad lead byte and the next one for
# one broken character and drew a blank).
. "$(dirname "$0")/lib.inc"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"; e2e_cleanup' EXIT INT TERM
printf 'a,b,y\n1,2,p\n2,1,p\n3,3,caf\351x\n' >"$tmp/w.csv"
printf '[scenario]\ntitle = latin\n[network]\nlayers = 2 2 2\n[init]\nrandom = uniform -0.5 0.5\n[data]\nfile = w.csv\nlabel = y\ntrain = 2\n' >"$tmp/w.bp"

e2e_start 200 40 -- "$tmp/w.bp"
e2e_expect "event 0/" "opens"
e2e_expect "w.csv:4: warning: class 'caf?x' is only in the validation rows (train = 2): the network never learns it" \
    "the bad byte is a '?' and the x after it is drawn"
e2e_quit
exit $E2E_FAILED
