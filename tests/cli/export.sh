#!/bin/sh
# export.sh - `bpviz --export torch` on the command line, without PyTorch (export_torch.sh
# runs the scripts): the script goes to stdout and starts with #!/usr/bin/python3;
# bad usage, what a script cannot hold and a failed write each give their one line
# on stderr, exit status 2 and nothing on stdout; `--trace --digits N` above 10
# widens the value column to N digits (the full precision the comparison needs).
# Run from the repository root (tests/run.sh does).
cd "$(dirname "$0")/../.." || exit 2

fail() { printf 'export: %s\n' "$*" >&2; exit 1; }

bpviz=${BPVIZ:-./bpviz}
[ -x "$bpviz" ] || fail "$bpviz is not built (run make)"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8 LANGUAGE=

# expect_error STATUS MESSAGE ARGS...: exactly that status, that one line on stderr, nothing on stdout.
expect_error() {
    want_rc=$1 want_msg=$2
    shift 2
    timeout 20 "$bpviz" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq "$want_rc" ] || fail "bpviz $*: exit status $rc, expected $want_rc ($(cat "$tmp/err"))"
    [ "$(cat "$tmp/err")" = "$want_msg" ] || fail "bpviz $*: stderr '$(cat "$tmp/err")', expected '$want_msg'"
    [ ! -s "$tmp/out" ] || fail "bpviz $*: wrote to stdout: $(head -c 200 "$tmp/out")"
}

expect_error 2 "bpviz: --export needs a value" --export
expect_error 2 "bpviz: --export takes torch, not 'onnx'" --export onnx scenarios/doc000.bp
msg="bpviz: --export goes alone or with --train (not with --trace, --check, --handout or --svg)"
expect_error 2 "$msg" --export torch --trace scenarios/doc000.bp
expect_error 2 "$msg" --export torch --check scenarios/doc000.bp
expect_error 2 "$msg" --export torch --handout scenarios/doc000.bp
expect_error 2 "$msg" --export torch --train --svg "$tmp/x.svg" scenarios/doc000.bp
[ ! -e "$tmp/x.svg" ] || fail "--export torch --train --svg wrote the chart"
# doc000 has 35 events an iteration: 28571 iterations are 999985 lines, 28572 too many.
expect_error 2 "bpviz: scenarios/doc000.bp: 28572 iterations of 35 events would be 1000020 lines; a script traces at most 1000000 (use fewer --iterations)" \
    --export torch --iterations 28572 scenarios/doc000.bp

# A full disk: the error once, status 2 (trace and training scripts; digits's is 600 KB).
for args in "scenarios/doc000.bp" "--train scenarios/digits.bp" "scenarios/digits.bp"; do
    # shellcheck disable=SC2086
    timeout 20 "$bpviz" --export torch $args >/dev/full 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 2 ] || fail "--export torch $args >/dev/full: exit status $rc, expected 2"
    [ "$(cat "$tmp/err")" = "bpviz: write error: No space left on device" ] ||
        fail "--export torch $args >/dev/full: stderr '$(cat "$tmp/err")'"
done

# The script on stdout, status 0; the largest limit still exports.
timeout 20 "$bpviz" --export torch scenarios/doc000.bp >"$tmp/doc000.py" 2>"$tmp/err" ||
    fail "--export torch doc000 failed: $(cat "$tmp/err")"
[ ! -s "$tmp/err" ] || fail "--export torch doc000 wrote to stderr: $(cat "$tmp/err")"
[ "$(head -n 1 "$tmp/doc000.py")" = "#!/usr/bin/python3" ] || fail "the script's first line is $(head -n 1 "$tmp/doc000.py")"
grep -q '^ITERATIONS = 1  #' "$tmp/doc000.py" || fail "the trace script of doc000 does not run 1 iteration"
timeout 60 "$bpviz" --export torch --iterations 28571 scenarios/doc000.bp >"$tmp/big.py" 2>"$tmp/err" ||
    fail "--export torch --iterations 28571 doc000 failed: $(cat "$tmp/err")"
grep -q '^ITERATIONS = 28571  #' "$tmp/big.py" || fail "--iterations 28571 is not the script's ITERATIONS"
"$bpviz" --export torch --train --epochs 7 scenarios/xor.bp | grep -q '^EPOCHS = 7$' ||
    fail "--export torch --train --epochs 7: the script's EPOCHS is not 7"
"$bpviz" --export torch --digits 17 scenarios/doc000.bp | grep -q '^DIGITS = 17  #' ||
    fail "--export torch --digits 17: the script's DIGITS is not 17"
"$bpviz" --export torch --ascii scenarios/doc000.bp | grep -q '"net_11", "h_1",' ||
    fail "--export torch --ascii: the names are not --trace --ascii's"

# --trace's value column: 10 digits, or --digits N when N is more. net₁₁ =
# 0.15·0.05 + 0.25·0.1 + 0.1, summed in that order (awk computes in double too).
want=$(awk 'BEGIN { printf "%.17g", 0.15 * 0.05 + 0.25 * 0.1 + 0.1 }')
[ "$want" = 0.13250000000000001 ] || fail "awk's double arithmetic gives $want"
got=$("$bpviz" --trace --digits 17 scenarios/doc000.bp | sed -n 1p | cut -f 4)
[ "$got" = "$want" ] || fail "--trace --digits 17: net_11 is $got, expected $want"
got=$("$bpviz" --trace --digits 6 scenarios/doc000.bp | sed -n 2p | cut -f 4)
[ "$got" = 0.5330766224 ] || fail "--trace --digits 6: h_1 is $got, expected the 10 digits 0.5330766224"
echo "export: ok"
