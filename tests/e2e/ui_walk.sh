#!/bin/sh
# tests/e2e/ui_walk.sh - walks one SGD iteration of document 000 in the viewer at 80×24 and 160×50:
# known numbers on screen, exact rewind, the help, resizing, quitting with the terminal restored.
. "$(dirname "$0")/lib.inc"

walk() { # W H
    e2e_start "$1" "$2" -- scenarios/doc000.bp
    e2e_expect "event 0/35" "$1×$2: the viewer opens before the first event"
    e2e_expect "READY" "$1×$2: the phase badge says READY"

    # The first forward value, in the formula panel and the status.
    e2e_keys Space
    e2e_expect "event 1/35" "$1×$2: Space steps one event"
    e2e_expect "0.1325" "$1×$2: first forward value net11"
    e2e_expect "FORWARD" "$1×$2: forward phase badge"
    e2e_screen | grep -qF "net₁₁ = 0.15·0.05 + 0.25·0.1 + 0.1 = 0.1325" ||
        e2e_fail "$1×$2: the numbers line of net11"
    e2e_screen | grep -qF "✓ document: 0.1325" || e2e_fail "$1×$2: the verdict of net11"

    # The output deltas (events 12 and 13).
    e2e_goto 12
    e2e_expect "BACKWARD" "$1×$2: backward phase badge"
    e2e_expect "= 0.14814" "$1×$2: output delta 1"
    e2e_keys Right
    e2e_expect "event 13/35" "$1×$2: Right steps"
    e2e_expect "= −0.071062" "$1×$2: output delta 2 (the formula's true minus)"

    # The first update: v11 becomes 0.360515, in the panel and in the diagram.
    e2e_goto 28
    e2e_expect "UPDATE" "$1×$2: update phase badge"
    e2e_expect "v₁₁⁽¹⁾ = 0.4 − 0.5·0.0789702 = 0.360515" "$1×$2: the update of v11"
    e2e_screen | grep -qE "v₁₁ +0\.3605" || e2e_fail "$1×$2: the diagram shows the new v11"

    # Stepping back restores the screen exactly: K forward, K back.
    e2e_goto 9
    before=$(e2e_screen)
    e2e_keys Space Space Space Space Space Space Space
    e2e_expect "event 16/35" "$1×$2: seven steps forward"
    e2e_keys Left Left Left Left Left Left Left
    e2e_expect "event 9/35" "$1×$2: seven steps back"
    e2e_settle
    after=$(e2e_screen)
    [ "$before" = "$after" ] || { e2e_fail "$1×$2: stepping back did not restore the screen"; 
        printf '%s\n' "$before" > /tmp/bpviz-e2e-before.txt; printf '%s\n' "$after" > /tmp/bpviz-e2e-after.txt; }

    # Across an iteration: finish, into iteration 2, and back to the end of iteration 1.
    e2e_keys Enter
    e2e_expect "event 35/35" "$1×$2: Enter finishes the iteration"
    e2e_settle
    end1=$(e2e_screen)
    e2e_keys Space
    e2e_expect "iteration 2" "$1×$2: the next event goes into iteration 2"
    e2e_keys Space Space Left Left Left
    e2e_expect "event 35/35" "$1×$2: back into iteration 1"
    e2e_settle
    [ "$end1" = "$(e2e_screen)" ] || e2e_fail "$1×$2: rewinding into iteration 1 did not restore its last screen"

    # Phase keys: [ back to the end of the previous phase.
    e2e_keys r
    e2e_expect "event 0/35" "$1×$2: r resets"
    e2e_keys ']'
    e2e_expect "event 8/35" "$1×$2: ] goes to the end of the forward phase"

    # The views.
    e2e_keys Tab
    e2e_expect "as the document writes them" "$1×$2: Tab shows the weight matrices"
    e2e_keys Tab
    e2e_expect "35 events, 8 done" "$1×$2: Tab again shows the event list"
    e2e_keys Tab
    e2e_expect "mean over the training samples" "$1×$2: Tab again shows the training view"
    e2e_expect "epoch 0" "$1×$2: the training view before any training"
    e2e_keys Tab
    e2e_expect "hidden" "$1×$2: Tab again is back at the diagram"
    e2e_expect "event 8/35" "$1×$2: the diagram's status line again"

    # The help overlay lists every key, and goes away.
    e2e_keys '?'
    e2e_expect "bpviz help" "$1×$2: ? opens the help"
    seen=$(e2e_screen)
    # On a short screen the help scrolls: page down until its last line shows.
    i=0
    while [ $i -lt 12 ] && ! e2e_screen | grep -qF "the number matches"; do
        e2e_keys Down Down Down Down Down
        e2e_settle
        seen="$seen
$(e2e_screen)"
        i=$((i + 1))
    done
    e2e_expect "the number matches" "$1×$2: the help scrolls to its end"
    for w in "next event" "previous event" "finish the iteration" "reset to the initial weights" \
        "go to event number" "start or stop training" "formula detail" "quit" "click"; do
        echo "$seen" | grep -qF "$w" || e2e_fail "$1×$2: the help lists '$w'"
    done
    e2e_keys Escape
    e2e_wait_gone "bpviz help" || e2e_fail "$1×$2: Esc closes the help"

    # Too small, then back.
    e2e_resize 30 8
    e2e_expect "too small" "$1×$2: a 30×8 terminal shows the too-small screen"
    e2e_resize "$1" "$2"
    e2e_expect "event 8/35" "$1×$2: growing back restores the viewer"
    e2e_wait_gone "too small" || e2e_fail "$1×$2: the too-small screen went away"

    e2e_quit
}

walk 80 24
walk 160 50
exit $E2E_FAILED
