#!/bin/sh
# tests/e2e/ui_train.sh - the training view (issue 4): t trains over epochs with a loss chart that
# grows; pausing drops into an exact key-by-key iteration at the trained weights (checked against
# --trace and --train); accuracy curves on Iris; divergence stops training with its message; the
# log-scale toggle; ASCII and NO_COLOR charts; speed keys; batch mode; reset clears the chart.
. "$(dirname "$0")/lib.inc"

TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"; e2e_cleanup' EXIT INT TERM HUP

# The epoch in the status line ("epoch N"), or nothing.
e2e_epoch() { e2e_screen | head -n 1 | sed -n 's/.*epoch \([0-9][0-9]*\).*/\1/p'; }

# The iteration in the status line.
e2e_iteration() { e2e_screen | head -n 1 | sed -n 's/.*iteration \([0-9][0-9]*\).*/\1/p'; }

# The braille dots on screen, in reading order (the chart's curves); perl is in every Debian.
e2e_dots() { e2e_screen | perl -CSD -ne 'print join("", /[\x{2801}-\x{28FF}]/g)'; }

# e2e_training_stopped: waits until the status line's badge no longer says TRAINING.
e2e_training_stopped() {
    i=0
    while [ $i -lt 50 ]; do
        e2e_screen | head -n 1 | grep -qF "TRAINING" || return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# e2e_wait_epoch N [TRIES]: waits until the status line's epoch is above N; 0.1 s per try.
e2e_wait_epoch() {
    tries=${2:-100}
    i=0
    while [ $i -lt "$tries" ]; do
        ep=$(e2e_epoch)
        [ -n "$ep" ] && [ "$ep" -gt "$1" ] && return 0
        e2e_alive || return 1
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# ---- XOR: the chart grows, pause, step (exact), back, resume ----
e2e_start 80 24 -- scenarios/xor.bp
e2e_expect "event 0/29" "xor: opens"
e2e_keys t
e2e_expect "TRAINING" "xor: t starts training"
e2e_expect "mean over the training samples" "xor: t shows the training view with the loss chart"
e2e_wait_epoch 20 || e2e_fail "xor: the epoch count did not pass 20"
e1=$(e2e_epoch)
d1=$(e2e_dots)
sleep 1
e2=$(e2e_epoch)
d2=$(e2e_dots)
[ -n "$e1" ] && [ -n "$e2" ] && [ "$e2" -gt "$e1" ] || e2e_fail "xor: the epoch count did not rise ($e1, then $e2)"
[ -n "$d2" ] || e2e_fail "xor: no braille dots in the chart"
[ "$d1" != "$d2" ] || e2e_fail "xor: the chart did not change between two captures a second apart"
e2e_screen | grep -qF "weights (" || e2e_fail "xor: the compact weights are not shown beside the chart"
e2e_screen | grep -qE '[+-][0-9]\.[0-9][0-9] ' || e2e_fail "xor: no signed weight digits in the compact diagram"

# Pause: the stepper is at the end of an epoch's last iteration.
e2e_keys t
e2e_expect "training stopped" "xor: t pauses"
e2e_training_stopped || e2e_fail "xor: still TRAINING after t"
e2e_settle
ep=$(e2e_epoch)
it=$(e2e_iteration)
[ -n "$ep" ] && [ -n "$it" ] && [ "$it" -eq $((ep * 4)) ] ||
    e2e_fail "xor: paused at iteration $it, not the end of epoch $ep (4 samples per epoch)"
# The mean loss shown is the one --train prints for that epoch (same engine, 6 digits).
want=$(./bpviz --train scenarios/xor.bp --epochs "$ep" | awk -F, -v e="$ep" '$1 == e { printf "%.6g", $2 }')
e2e_screen | head -n 1 | grep -qF "= $want" || e2e_fail "xor: mean loss of epoch $ep is not $want (--train)"

# Step: into the next iteration, its first event at the trained weights, exactly as --trace has it.
e2e_keys Space
e2e_expect "event 0/29" "xor: a stepping key pauses into the next iteration (READY)"
e2e_expect "iteration $((it + 1))" "xor: the next iteration after the pause"
e2e_keys Space
e2e_expect "event 1/29" "xor: Space steps one event"
e2e_expect "numbers" "xor: the formula panel shows the event"
e2e_expect "forward" "xor: the first event is a forward one"
line=$(./bpviz --trace scenarios/xor.bp --iterations $((it + 1)) | sed -n "$((it * 29 + 1))p" | cut -f5)
[ -n "$line" ] || e2e_fail "xor: --trace has no event $((it * 29 + 1))"
e2e_screen | grep -qF -- "$line" || e2e_fail "xor: the stepped event is not --trace's: $line"
# Back: event 0, then into the paused iteration's last event.
e2e_keys Left
e2e_expect "event 0/29" "xor: Left steps back"
e2e_keys Left
e2e_expect "event 29/29" "xor: Left again goes back into the last trained iteration"
e2e_expect "iteration $it " "xor: ... which is iteration $it"
# Resume: training goes on from there.
e2e_keys t
e2e_expect "TRAINING" "xor: t resumes"
e2e_wait_epoch "$ep" || e2e_fail "xor: the epoch count did not pass $ep after resuming"
e2e_keys t
e2e_expect "training stopped" "xor: t pauses again"
e2e_quit

# ---- Iris (document 001): accuracy curves, validation accuracy ----
e2e_start 80 24 -- scenarios/doc001-iris.bp
e2e_expect "event 0/" "iris: opens"
e2e_keys t
e2e_wait_epoch 50 150 || e2e_fail "iris: the epoch count did not pass 50"
e2e_keys t
e2e_expect "training stopped" "iris: t pauses"
e2e_settle
scr=$(e2e_screen)
for w in "accuracy" "⠒⠒⠒ training" "⠂⠂⠂ validation" "training accuracy" "validation accuracy"; do
    echo "$scr" | grep -qF "$w" || e2e_fail "iris: '$w' is not on the screen"
done
echo "$scr" | grep -qE 'validation accuracy +[0-9.]+%' || e2e_fail "iris: no validation accuracy value"
echo "$scr" | grep -qF "100%" || e2e_fail "iris: the accuracy axis is not labelled in percent"
# The accuracy shown is --train's for that epoch.
ep=$(e2e_epoch)
want=$(./bpviz --train scenarios/doc001-iris.bp --epochs "$ep" | awk -F, -v e="$ep" '$1 == e { printf "%.1f%%", $4 * 100 }')
echo "$scr" | grep -qE "validation accuracy +$want" || e2e_fail "iris: validation accuracy of epoch $ep is not $want"
e2e_quit

# 160×50: the same view with room to spare; digits in every weight cell.
e2e_start 160 50 -- scenarios/doc001-iris.bp
e2e_expect "event 0/" "iris 160×50: opens"
e2e_keys t
e2e_wait_epoch 10 || e2e_fail "iris 160×50: the epoch count did not pass 10"
e2e_keys t
e2e_expect "training stopped" "iris 160×50: pauses"
e2e_screen | grep -qE "event list +training" || e2e_fail "iris 160×50: the tab row names the training view"
e2e_screen | grep -qF "too small" && e2e_fail "iris 160×50: too small"
[ "$(e2e_screen | grep -cE '│ *[+-][0-9]\.[0-9][0-9]')" -ge 8 ] || e2e_fail "iris 160×50: weight rows with digits"
e2e_quit

# ---- Divergence: the message, the last finite state kept, t refuses, r resets ----
e2e_start 80 24 -- scenarios/diverge.bp
e2e_expect "event 0/" "diverge: opens"
e2e_keys t
e2e_expect "TRAINING DIVERGED" "diverge: the divergence is shown"
e2e_expect "diverged in epoch 5" "diverge: ... in epoch 5, as --train says"
e2e_training_stopped || e2e_fail "diverge: training did not stop"
[ "$(e2e_epoch)" = 4 ] || e2e_fail "diverge: the state shown is not epoch 4's (the last finite loss)"
e2e_keys t
e2e_settle
e2e_screen | head -n 1 | grep -qF "TRAINING" && e2e_fail "diverge: t trained on after the divergence"
e2e_expect "diverged" "diverge: t repeats the message"
e2e_keys r
e2e_wait_gone "TRAINING DIVERGED" || e2e_fail "diverge: r did not clear the divergence"
e2e_expect "epoch 0" "diverge: r returns to epoch 0"
e2e_expect "t trains: each epoch" "diverge: r clears the chart"
e2e_quit

# The same at the top speed (several epochs per slice): it stops at the same epoch.
e2e_start 80 24 -- scenarios/diverge.bp
e2e_expect "event 0/" "diverge fast: opens"
e2e_keys + + + + + + + + + + + t
e2e_expect "diverged in epoch 5" "diverge fast: in epoch 5 at the top speed too"
e2e_training_stopped || e2e_fail "diverge fast: training did not stop"
[ "$(e2e_epoch)" = 4 ] || e2e_fail "diverge fast: the state shown is not epoch 4's"
e2e_quit

# A loss that overflows inside an epoch: the stepper's own check stops at the iteration (a 1-1
# linear network, η = 10⁶, 40 samples per epoch: |w| grows about 10⁶ times per iteration).
{
    printf '[scenario]\ntitle = overflow inside an epoch\n[network]\nlayers = 1 1\n[layer 1]\n'
    printf 'activation = identity\nbias = none\nweights = 0.5\n[training]\neta = 1000000\n[data]\n'
    i=0
    while [ $i -lt 40 ]; do echo "sample = 1 -> 3"; i=$((i + 1)); done
} > "$TMP/overflow.bp"
e2e_start 80 24 -- "$TMP/overflow.bp"
e2e_expect "event 0/" "overflow: opens"
e2e_keys t
e2e_expect "TRAINING DIVERGED" "overflow: the divergence is shown"
e2e_expect "diverged at iteration 27" "overflow: ... at the iteration whose loss is infinite"
e2e_expect "error of output 1" "overflow: ... names what overflowed"
# The engine's message wraps in the frame wherever its length puts the break.
e2e_expect "last finite" "overflow: the last finite state is kept"
e2e_expect "state is kept" "overflow: the last finite state is kept"
e2e_training_stopped || e2e_fail "overflow: training did not stop"
[ "$(e2e_iteration)" = 26 ] || e2e_fail "overflow: the state shown is not iteration 26's (the last finite one)"
e2e_screen | grep -qi "nan" && e2e_fail "overflow: NaN on screen"
e2e_quit

# ---- The scenario's threshold stops training at the epoch --train stops at, at any speed ----
last=$(./bpviz --train scenarios/adaptive.bp | tail -n 1)
e2e_start 80 24 -- scenarios/adaptive.bp
e2e_expect "event 0/" "threshold: opens"
e2e_keys + + + + + + + + + + + t
e2e_expect "below the scenario's threshold" "threshold: training stops below the threshold"
e2e_training_stopped || e2e_fail "threshold: training did not stop"
want=$(echo "$last" | awk -F, '{ printf "epoch %d · mean C = %.6g", $1, $2 }')
e2e_screen | head -n 1 | grep -qF "$want" || e2e_fail "threshold: not --train's last epoch ($want)"
e2e_screen | grep -qF "(adaptive)" || e2e_fail "threshold: the adaptive η is not marked"
e2e_keys t
e2e_wait_epoch "$(echo "$last" | cut -d, -f1)" || e2e_fail "threshold: t trains on past the threshold"
e2e_quit

# ---- The log-scale toggle changes the axis labels ----
e2e_start 80 24 -- scenarios/xor.bp
e2e_expect "event 0/29" "log: opens"
e2e_keys t
e2e_wait_epoch 30 || e2e_fail "log: the epoch count did not pass 30"
e2e_keys t
e2e_expect "training stopped" "log: paused"
e2e_settle
lin=$(e2e_screen | sed -n '2,22p' | grep -o '^ *[^ ]* *┤' | tr -d ' ')
e2e_keys L
e2e_expect "loss (log scale)" "log: L switches to a log scale"
e2e_settle
log=$(e2e_screen | sed -n '2,22p' | grep -o '^ *[^ ]* *┤' | tr -d ' ')
[ "$lin" != "$log" ] || e2e_fail "log: the axis labels did not change ($lin)"
echo "$log" | grep -q '^10' || e2e_fail "log: labels are not powers of ten: $log"
e2e_keys L
e2e_wait_gone "log scale" || e2e_fail "log: L again returns to the linear scale"
e2e_keys '?'
e2e_expect "bpviz help" "log: help opens"
i=0
while [ $i -lt 12 ] && ! e2e_screen | grep -qF "linear or logarithmic"; do
    e2e_keys Down Down Down Down Down
    e2e_settle
    i=$((i + 1))
done
e2e_screen | grep -qF "linear or logarithmic" || e2e_fail "log: the help lists the log-scale key"
e2e_keys Escape
e2e_wait_gone "bpviz help" || e2e_fail "log: Esc closes the help"
e2e_quit

# ---- ASCII (LANG=C) and NO_COLOR: the chart in ASCII only, no colour ----
e2e_start 80 24 LANG=C LC_ALL=C NO_COLOR=1 -- scenarios/doc001-iris.bp
e2e_expect "event 0/" "ascii: opens"
e2e_keys t
e2e_wait_epoch 20 150 || e2e_fail "ascii: the epoch count did not pass 20"
e2e_keys t
e2e_expect "training stopped" "ascii: paused"
e2e_settle
e2e_screen | LC_ALL=C grep -q '[^ -~]' && e2e_fail "ascii: non-ASCII characters on screen"
e2e_screen | grep -qF "*** mean over the training samples" || e2e_fail "ascii: the loss legend"
e2e_screen | grep -qF "ooo validation" || e2e_fail "ascii: the validation legend"
[ "$(e2e_screen | grep -c '|.*\*')" -ge 3 ] || e2e_fail "ascii: no '*' curve in the chart"
c=$(e2e_sgr_colours)
[ -z "$c" ] || e2e_fail "ascii: colour codes with NO_COLOR: $c"
e2e_quit

# ---- Speed: - down to one epoch per second, + up to as fast as it goes ----
e2e_start 80 24 -- scenarios/xor.bp
e2e_expect "event 0/29" "speed: opens"
e2e_keys t - - - - - - - - - - -
e2e_expect "1 epoch/s" "speed: - slows down to one epoch per second"
e1=$(e2e_epoch)
sleep 2
e2=$(e2e_epoch)
[ $((e2 - e1)) -ge 1 ] && [ $((e2 - e1)) -le 4 ] || e2e_fail "speed: 1 epoch/s ran $((e2 - e1)) epochs in 2 s"
e2e_keys + + + + + + + + + + +
e2e_expect "as fast as it goes" "speed: + up to the top speed"
# Keys stay quick at the top speed: the help opens at once.
e2e_keys '?'
e2e_wait "bpviz help" 10 || e2e_fail "speed: a key took more than a second at the top speed"
e2e_keys Escape
e2e_quit

# ---- Batch mode: the trainer trains; stepping starts per-sample SGD from its weights ----
e2e_start 80 24 -- scenarios/xor-batch.bp
e2e_expect "event 0/29" "batch: opens"
e2e_keys t
e2e_wait_epoch 20 || e2e_fail "batch: the epoch count did not pass 20"
e2e_keys t
e2e_expect "batch training stopped" "batch: t pauses"
e2e_settle
ep=$(e2e_epoch)
want=$(./bpviz --train scenarios/xor-batch.bp --epochs "$ep" | awk -F, -v e="$ep" '$1 == e { printf "%.6g", $2 }')
e2e_screen | head -n 1 | grep -qF "= $want" || e2e_fail "batch: mean loss of epoch $ep is not $want (--train)"
e2e_keys Space
e2e_expect "iteration 1 from epoch $ep" "batch: stepping starts from the batch run's weights"
e2e_expect "event 1/29" "batch: Space steps"
e2e_keys t
e2e_expect "TRAINING" "batch: t resumes the batch run"
e2e_wait_epoch "$ep" || e2e_fail "batch: training did not go on from epoch $ep"
e2e_keys r
e2e_expect "epoch 0" "batch: r resets"
e2e_keys Space
e2e_expect "event 1/29" "batch: Space after r: the first event of the first iteration"
e2e_screen | head -n 1 | grep -qF "from epoch" && e2e_fail "batch: r did not start the stepper at the initial weights"
e2e_quit

exit $E2E_FAILED
