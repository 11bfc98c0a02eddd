#!/bin/sh
# trace_nonfinite.sh - a value that is not finite is reported as what it is, where, and why:
#   - --trace stops at the first event whose value is not finite: the events before it on stdout
#     (numbered, with no nan or inf anywhere), then one line on stderr
#     "bpviz: FILE: NAME is nan|inf|-inf at event N (iteration I, PHASE): REASON", exit status 1;
#   - a generalized sigmoid whose derivative is 0/0 (A = B = 1e-200: A·B underflows to 0) is said to
#     be that, by --trace and by --train, and not "is the learning rate too large?";
#   - a loss that overflows after training began (a linear neuron, η = 10⁶) is a divergence: the
#     iteration is worked out here by the same arithmetic in awk;
#   - --trace that stops before the bad iteration exits 0 and says nothing on stderr;
#   - formulas print negative operands bracketed with the true minus in UTF-8, '-' in ASCII.
# Messages are checked in English. Run from anywhere; needs ./bpviz built (make).
cd "$(dirname "$0")/../.." || exit 2
unset LANGUAGE BPVIZ_SCENARIOS BPVIZ_LOCALEDIR
bpviz=${BPVIZ:-./bpviz} # BPVIZ=path tries another binary
[ -x "$bpviz" ] || { echo "trace_nonfinite: $bpviz is not built (run make)" >&2; exit 1; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() {
    printf 'trace_nonfinite: %s\n' "$*" >&2
    failures=$((failures + 1))
}
# run LOCALE ARGS...: bpviz with a 10 s limit; stdout in $tmp/out, stderr in $tmp/err, status in $rc.
run() {
    loc=$1
    shift
    LC_ALL=$loc timeout 10 "$bpviz" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
# stderr_is WANT WHY: exactly one line on stderr, WANT.
stderr_is() {
    [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ "$(cat "$tmp/err")" = "$1" ] ||
        fail "$2: stderr is '$(cat "$tmp/err")', want '$1'"
}

# ---- A gsigmoid whose derivative is 0/0 ----
# z = 0.5·1 = 0.5, a = 1e-200/(1 + e^(-0.5/1e-200)) = 1e-200 exactly, C = ½(1 - 1e-200)² = 0.5;
# δ = (a - 1)·a(A - a)/(AB) = (a - 1)·0/0: NaN in event 5.
cat >"$tmp/gs.bp" <<'EOF'
[scenario]
title = gsigmoid 0/0
[network]
layers = 1 1
[layer 1]
activation = gsigmoid 1e-200 1e-200
bias = none
weights = 0.5
[training]
eta = 0.5
iterations = 3
epochs = 5
[data]
sample = 1 -> 1
EOF
why="the derivative a(A - a)/(AB) of [layer 1]'s gsigmoid is 0/0 at z = 0.5: A*B = 1e-200*1e-200 underflows to 0 in double precision"
run C.UTF-8 --trace "$tmp/gs.bp"
[ "$rc" -eq 1 ] || fail "gsigmoid --trace: exit status $rc, want 1"
stderr_is "bpviz: $tmp/gs.bp: δ²₁ is nan at event 5 (iteration 1, delta): $why" "gsigmoid --trace"
printf '1\tforward\tz²₁\t0.5\tz²₁ = 0.5·1 = 0.5
2\tforward\ta²₁\t1e-200\ta²₁ = 1e-200/(1 + e^(−0.5/1e-200)) = 1e-200
3\tloss\tC₁\t0.5\tC₁ = ½(1 − 1e-200)² = 0.5
4\tloss\tC\t0.5\tC = 0.5 = 0.5
' >"$tmp/want"
cmp -s "$tmp/out" "$tmp/want" || fail "gsigmoid --trace: stdout is not the four events before the NaN: $(cat "$tmp/out")"

# The same in ASCII (the C locale): the symbol as ASCII, the hyphen for minus.
run C --trace "$tmp/gs.bp"
[ "$rc" -eq 1 ] || fail "gsigmoid --trace (C): exit status $rc, want 1"
stderr_is "bpviz: $tmp/gs.bp: d^2_1 is nan at event 5 (iteration 1, delta): $why" "gsigmoid --trace (C)"
[ "$(sed -n 2p "$tmp/out")" = "$(printf '2\tforward\ta^2_1\t1e-200\ta^2_1 = 1e-200/(1 + e^(-0.5/1e-200)) = 1e-200')" ] ||
    fail "gsigmoid --trace (C): event 2 is '$(sed -n 2p "$tmp/out")'"

# --train: the same diagnosis, the epoch undone; no learning rate blamed.
run C.UTF-8 --train "$tmp/gs.bp"
[ "$rc" -eq 1 ] || fail "gsigmoid --train: exit status $rc, want 1"
stderr_is "bpviz: $tmp/gs.bp: training stopped in epoch 1 at iteration 1: the error term of neuron 1 in [layer 1] is nan: $why" \
    "gsigmoid --train"
grep -q "learning rate" "$tmp/err" && fail "gsigmoid --train blames the learning rate: $(cat "$tmp/err")"
[ "$(cat "$tmp/out")" = "$(printf 'epoch,loss\n0,0.5')" ] || fail "gsigmoid --train: stdout is '$(cat "$tmp/out")'"

# ---- A loss that overflows after training began ----
# One linear neuron, η = 10⁶, samples 1 → 3 and -1 → 2 in turn; each iteration has 7 events (z, a,
# C₁, C, δ, ∂C/∂w, w′): the first whose ½(t − w·x)² is infinite stops --trace at its third event.
cat >"$tmp/of.bp" <<'EOF'
[scenario]
title = overflow
[network]
layers = 1 1
[layer 1]
activation = identity
bias = none
weights = 0.5
[training]
eta = 1000000
iterations = 100
epochs = 3
[data]
sample = 1 -> 3
sample = -1 -> 2
EOF
k=$(awk 'BEGIN {
    w = 0.5; x[0] = 1; t[0] = 3; x[1] = -1; t[1] = 2
    for (k = 0; k < 1000; k++) {
        d = t[k % 2] - w * x[k % 2]
        if (0.5 * d * d > 1.7976931348623157e308) break
        w -= 1e6 * (w * x[k % 2] - t[k % 2]) * x[k % 2]
    }
    print k }')
[ "$k" -gt 10 ] && [ "$k" -lt 1000 ] || fail "overflow: the awk reference finds iteration '$k'"
ev=$((k * 7 + 3))
run C.UTF-8 --trace "$tmp/of.bp"
[ "$rc" -eq 1 ] || fail "overflow --trace: exit status $rc, want 1"
stderr_is "bpviz: $tmp/of.bp: C₁ is inf at event $ev (iteration $((k + 1)), loss): the squared error overflows (is the learning rate too large?)" \
    "overflow --trace"
[ "$(wc -l <"$tmp/out")" -eq $((ev - 1)) ] || fail "overflow --trace: $(wc -l <"$tmp/out") events on stdout, want $((ev - 1))"
awk -F'\t' '$1 != NR { print "line " NR " is event " $1; exit 1 }' "$tmp/out" >"$tmp/seq" || fail "overflow --trace: $(cat "$tmp/seq")"
grep -qi 'nan\|inf\|∞' "$tmp/out" && fail "overflow --trace: a value that is not finite on stdout: $(grep -i 'nan\|inf\|∞' "$tmp/out" | head -n 1)"
# negative operands bracketed, the true minus: iteration 1's update and iteration 2's first event
grep -qF "$(printf '7\tupdate\tw²₁₁′\t2500000.5\tw²₁₁′ = 0.5 − 1e+06·(−2.5) = 2.5e+06')" "$tmp/out" ||
    fail "overflow --trace: event 7 is '$(sed -n 7p "$tmp/out")'"
grep -qF "$(printf '8\tforward\tz²₁\t-2500000.5\tz²₁ = 2.5e+06·(−1) = −2.5e+06')" "$tmp/out" ||
    fail "overflow --trace: event 8 is '$(sed -n 8p "$tmp/out")'"
grep -qF "$(printf '10\tloss\tC₁\t3.12500625e+12\tC₁ = ½(2 − (−2.5e+06))² = 3.12501e+12')" "$tmp/out" ||
    fail "overflow --trace: event 10 is '$(sed -n 10p "$tmp/out")'"
grep -q -- '[+·−] -\|[+·−] −\|· *-' "$tmp/out" && fail "overflow --trace: an operator before a minus: $(grep -- '[+·−] -\|[+·−] −' "$tmp/out" | head -n 1)"
run C --trace "$tmp/of.bp" --iterations 2
grep -qF "$(printf '10\tloss\tC_1\t3.12500625e+12\tC_1 = 1/2(2 - (-2.5e+06))^2 = 3.12501e+12')" "$tmp/out" ||
    fail "overflow --trace (C): event 10 is '$(sed -n 10p "$tmp/out")'"

# Stopping short of the bad iteration: every value finite, exit 0, nothing on stderr.
run C.UTF-8 --trace "$tmp/of.bp" --iterations "$k"
[ "$rc" -eq 0 ] || fail "overflow --trace --iterations $k: exit status $rc, want 0: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "overflow --trace --iterations $k wrote to stderr: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" -eq $((k * 7)) ] || fail "overflow --trace --iterations $k: $(wc -l <"$tmp/out") events, want $((k * 7))"

[ "$failures" -eq 0 ] || exit 1
echo "trace_nonfinite: ok"
