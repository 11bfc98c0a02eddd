#!/bin/sh
# tests/e2e/ui_mouse.sh - clicking in the viewer: a neuron opens its value history, a row of the
# event list goes to that event. Clicks are sent as the terminal sends them (X10 mouse reports).
. "$(dirname "$0")/lib.inc"

# Sends a left click at 0-based column X, row Y: press then release.
click() {
    x=$(printf '%03o' $(($1 + 33)))
    y=$(printf '%03o' $(($2 + 33)))
    $TMUX_CMD send-keys -t $SESSION -l "$(printf "\033[M \\$x\\$y")"
    $TMUX_CMD send-keys -t $SESSION -l "$(printf "\033[M#\\$x\\$y")"
}

# Column and row of the first occurrence of a text on the screen (0-based; the column in characters).
where() {
    e2e_screen | awk -v pat="$1" '{ i = index($0, pat); if (i) { printf "%d %d\n", length(substr($0, 1, i - 1)), NR - 1; exit } }'
}

e2e_start 120 40 -- scenarios/doc000.bp
e2e_expect "event 0/35" "the viewer opens"
e2e_keys Enter
e2e_expect "event 35/35" "Enter finishes the iteration"

# A click on the hidden neuron h1 opens its history: the activation, its error term and the
# weights that feed it, at the start of iteration 1 and now.
set -- $(where "h₁       0.533077")
[ -n "$1" ] || e2e_fail "h1 is not on the diagram"
click "$1" "$2"
e2e_expect "h₁: its values and what feeds it" "a click on h1 opens its value history"
e2e_screen | grep -q "start of 1 *0.533077 *0.00678973 *0.1 *0.15 *0.25" ||
    e2e_fail "the history row at the start of iteration 1 (h1, delta, b11, w11, w21)"
e2e_screen | grep -q "now *0.533077 *0.00678973 *0.1 *0.14983 *0.249661" ||
    e2e_fail "the history row now (w11 and w21 updated)"
e2e_keys Escape
e2e_wait_gone "its values and what feeds it" || e2e_fail "Esc closes the value history"

# In the event list, a click on a row goes to that event.
e2e_keys Tab Tab
e2e_expect "iteration 1: 35 events" "Tab twice shows the event list"
set -- $(where "∇₁v₁₁ =")
[ -n "$1" ] || e2e_fail "the event list has no row for the gradient of v11"
click "$1" "$2"
e2e_expect "event 16/35" "a click on the row of event 16 goes to it"
e2e_quit
