#!/bin/sh
# tests/e2e/ui_terminal.sh - colour and its absence (NO_COLOR, --mono), the ASCII form in a
# non-UTF-8 locale, training started and stopped, and Ctrl-C restoring the terminal.
. "$(dirname "$0")/lib.inc"

# With colours: the terminal gets colour escapes (so the checks below mean something).
e2e_start 80 24 -- scenarios/doc000.bp
e2e_expect "event 0/35" "colour: opens"
e2e_keys Space
e2e_expect "event 1/35" "colour: steps"
e2e_settle
[ -n "$(e2e_sgr_colours)" ] || e2e_fail "colour: no colour escape sequences at all on a colour terminal"
e2e_quit

# NO_COLOR and --mono: attributes only, no colour escape sequence anywhere.
for how in "NO_COLOR=1 --" "-- --mono"; do
    e2e_start 80 24 $how scenarios/doc000.bp
    e2e_expect "event 0/35" "mono ($how): opens"
    e2e_keys Space
    e2e_expect "event 1/35" "mono ($how): steps"
    e2e_settle
    c=$(e2e_sgr_colours)
    [ -z "$c" ] || e2e_fail "mono ($how): colour codes on screen: $c"
    # The current value is still set apart: reverse video (7) or bold (1).
    e2e_screen_e | grep -q "$(printf '\033')\[[0-9;]*7[;m]" || e2e_fail "mono ($how): no reverse video for the current value"
    e2e_quit
done

# A non-UTF-8 locale: the ASCII form, nothing but ASCII on screen.
e2e_start 80 24 LANG=C LC_ALL=C -- scenarios/doc000.bp
e2e_expect "event 0/35" "ascii: opens"
e2e_keys Space
e2e_expect "net_11 = 0.15" "ascii: formulas in ASCII"
e2e_settle
e2e_screen | LC_ALL=C grep -q '[^ -~]' && e2e_fail "ascii: non-ASCII characters on screen in the C locale"
e2e_quit

# --ascii in a UTF-8 locale.
e2e_start 80 24 -- --ascii scenarios/doc000.bp
e2e_expect "event 0/35" "--ascii: opens"
e2e_keys Space
e2e_expect "net_11 = 0.15" "--ascii: formulas in ASCII"
e2e_quit

# Training: t runs epochs, t stops, stepping goes on from there. At the default
# 50 epochs per second, document 000's 100 epochs (of one sample) take two seconds.
e2e_start 80 24 -- scenarios/doc000.bp
e2e_expect "event 0/35" "train: opens"
e2e_keys t
e2e_expect "TRAINING" "train: t starts training"
e2e_wait "iteration 5" 100 || true
it=$(e2e_screen | sed -n 's/.*iteration \([0-9][0-9]*\).*/\1/p' | head -n 1)
[ -n "$it" ] && [ "$it" -gt 2 ] || e2e_fail "train: iterations did not advance (at ${it:-?})"
e2e_keys t
e2e_expect "training stopped" "train: t stops training"
e2e_wait_gone "TRAINING" || e2e_fail "train: the badge still says TRAINING"
# Training stops at the end of an iteration: the next key enters the next one, then its first event.
e2e_keys Space Space
e2e_expect "event 1/35" "train: stepping goes on after training"
e2e_quit

# Ctrl-C quits cleanly too, from the help overlay even.
e2e_start 80 24 -- scenarios/doc000.bp
e2e_expect "event 0/35" "ctrl-c: opens"
e2e_keys '?'
e2e_expect "bpviz help" "ctrl-c: help open"
e2e_keys C-c
e2e_wait "EXIT=" 50 || e2e_fail "ctrl-c: did not quit"
e2e_wait "icanon" 30
e2e_screen | grep -qF "EXIT=0" || e2e_fail "ctrl-c: exit status not 0"
e2e_screen | grep -qE '(^| )icanon( |$)' || e2e_fail "ctrl-c: terminal not restored"

# No argument: the built-in scenario, document 000's example.
e2e_start 80 24 --
e2e_expect "event 0/35" "no argument: the built-in scenario opens"
e2e_expect "2-2-2" "no argument: it is document 000's example"
e2e_quit

exit $E2E_FAILED
