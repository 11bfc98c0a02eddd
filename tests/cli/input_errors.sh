#!/bin/sh
# input_errors.sh - input that could be misread or could hang is refused at once:
# FIFOs, directories and symbolic link loops (as scenario, by bare name, as
# [data] file, in --list), an empty 'file =', CR-only line endings, decimal
# commas, [layer2], an unindented matrix row. Each: the exact line on stderr,
# nothing on stdout, exit status 2, within a timeout (a hang fails). Then
# `--check` of a value "after N" updates against an awk computation.
# Run from anywhere (it changes to the repository root); needs ./bpviz built.
cd "$(dirname "$0")/../.." || exit 2
LC_ALL=C
export LC_ALL
unset BPVIZ_SCENARIOS

bpviz=$(pwd)/bpviz
[ -x "$bpviz" ] || { echo "input_errors: $bpviz is not built (run make)" >&2; exit 1; }
command -v timeout >/dev/null || { echo "input_errors: no timeout(1) to catch a hang" >&2; exit 77; }
command -v mkfifo >/dev/null || { echo "input_errors: no mkfifo(1)" >&2; exit 77; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() {
    printf 'input_errors: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# run ARGS...: runs bpviz in $tmp for at most 10 s, keeping status, stdout and stderr.
run() {
    (cd "$tmp" && timeout 10 "$bpviz" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null)
    rc=$?
}

# expect_error 'STDERR LINE' ARGS...: status 2, exactly that one line on stderr,
# nothing on stdout (status 124 is a hang that timeout stopped).
expect_error() {
    want_err=$1
    shift
    run "$@"
    [ "$rc" -eq 124 ] && { fail "bpviz $*: hangs (stopped after 10 s)"; return; }
    [ "$rc" -eq 2 ] || fail "bpviz $*: exit status $rc, expected 2"
    [ -s "$tmp/out" ] && fail "bpviz $*: wrote to stdout: $(head -c 200 "$tmp/out")"
    got=$(cat "$tmp/err")
    [ "$got" = "$want_err" ] || fail "bpviz $*: stderr is '$got', expected '$want_err'"
}

# A valid 2-1 scenario up to its [data] section (lines 1-9), for the [data] cases.
head_bp='[scenario]
title = t
[network]
layers = 2 1
[layer 1]
weights = 0.5 -0.5
biases = 0
[training]
[data]'

# ---- files that are no regular file ------------------------------------------
mkfifo "$tmp/fifo.bp" "$tmp/data.csv" || exit 2
for mode in --trace --check --train --handout; do
    expect_error "bpviz: $tmp/fifo.bp: not a regular file" $mode "$tmp/fifo.bp"
done
# By bare name: what it is, not "no such file, nor a scenario of that name".
expect_error "bpviz: fifo.bp: not a regular file" --trace fifo.bp
mkdir "$tmp/lessons"
expect_error "bpviz: lessons: Is a directory" --trace lessons
ln -s loop-b "$tmp/loop-a" && ln -s loop-a "$tmp/loop-b"
expect_error "bpviz: loop-a: Too many levels of symbolic links" --check loop-a
expect_error "bpviz: $tmp/loop-a: Too many levels of symbolic links" --check "$tmp/loop-a"
# A name that is nothing at all still says so.
expect_error "bpviz: nothing-here: no such file, nor a scenario of that name (see bpviz --list)" --trace nothing-here
# As the [data] file: refused at the line that names it.
printf '%s\nfile = data.csv\nlabel = y\n' "$head_bp" >"$tmp/csvfifo.bp"
expect_error "bpviz: $tmp/csvfifo.bp:10: $tmp/data.csv: not a regular file" --train "$tmp/csvfifo.bp"
printf '%s\nfile = lessons\nlabel = y\n' "$head_bp" >"$tmp/csvdir.bp"
expect_error "bpviz: $tmp/csvdir.bp:10: $tmp/lessons: Is a directory" --trace "$tmp/csvdir.bp"
printf '%s\nfile =\nlabel = y\n' "$head_bp" >"$tmp/nofile.bp"
expect_error "bpviz: $tmp/nofile.bp:10:7: 'file =' names no file (write the CSV file's path after '=')" \
    --trace "$tmp/nofile.bp"

# --list: a FIFO named *.bp is listed as refused, the others by title, no hang.
mkdir "$tmp/list"
mkfifo "$tmp/list/b-fifo.bp" || exit 2
printf '%s\nsample = 1 0 -> 1\n' "$head_bp" >"$tmp/list/a-good.bp"
mkdir "$tmp/list/c-dir.bp"
(cd "$tmp" && BPVIZ_SCENARIOS="$tmp/list" timeout 10 "$bpviz" --list >"$tmp/out" 2>"$tmp/err" </dev/null)
rc=$?
printf '%-16s %s\n' a-good t b-fifo "$tmp/list/b-fifo.bp: not a regular file" c-dir "$tmp/list/c-dir.bp: Is a directory" \
    >"$tmp/want"
if [ "$rc" -eq 124 ]; then
    fail "bpviz --list: hangs on a FIFO (stopped after 10 s)"
else
    [ "$rc" -eq 0 ] || fail "bpviz --list: exit status $rc, expected 0 ($(cat "$tmp/err"))"
    cmp -s "$tmp/want" "$tmp/out" || fail "bpviz --list: printed '$(cat "$tmp/out")', expected '$(cat "$tmp/want")'"
fi

# ---- text that would be misread ----------------------------------------------
printf '[scenario]\rtitle = t\r[network]\rlayers = 2 1\r' >"$tmp/mac.bp"
expect_error "bpviz: $tmp/mac.bp:1:11: a carriage return without a line feed (CR-only line endings?): save the file with LF or CR LF line endings" \
    --trace "$tmp/mac.bp"
# The issue's two examples: a 2-1 layer's weights and a sample with a decimal comma.
sed 's/^weights = .*/weights = 0,5/' >"$tmp/wcomma.bp" <<EOF
$head_bp
sample = 1 0 -> 1
EOF
expect_error "bpviz: $tmp/wcomma.bp:6:11: '0,5': decimal comma? write 0.5; separate numbers with blanks or ', '" \
    --trace "$tmp/wcomma.bp"
printf '%s\nsample = 0,5 -> 1\n' "$head_bp" >"$tmp/scomma.bp"
expect_error "bpviz: $tmp/scomma.bp:10:10: '0,5': decimal comma? write 0.5; separate numbers with blanks or ', '" \
    --check "$tmp/scomma.bp"
printf '%s\nsample = 1 0 -> 1\n' "$head_bp" | sed 's/^\[layer 1\]/[layer1]/' >"$tmp/layer1.bp"
expect_error "bpviz: $tmp/layer1.bp:5:2: unknown section [layer1]; did you mean [layer 1]?" --trace "$tmp/layer1.bp"
printf '[scenario]\ntitle = t\n[network]\nlayers = 2 2 1\n[layer 1]\nweights = 0.1 0.2\n0.3 0.4\n' >"$tmp/row.bp"
expect_error "bpviz: $tmp/row.bp:7:1: this line is not indented: rows of 'weights' continue on lines that start with blanks" \
    --trace "$tmp/row.bp"

# ---- --check "after N" ------------------------------------------------------------
# The network above (w = (0.5, -0.5), b = 0, sigmoid, η = 0.5) on x = (1, 0.25),
# t = 1: its loss after 0, 1 and 3000 updates and w1 after 3000, by awk.
ref=$(awk 'BEGIN {
    w1 = 0.5; w2 = -0.5; b = 0; x1 = 1; x2 = 0.25; t = 1; eta = 0.5
    for (n = 0; n <= 3000; n++) {
        a = 1 / (1 + exp(-(w1 * x1 + w2 * x2 + b)))
        if (n == 0 || n == 1 || n == 3000) printf "%.17g ", 0.5 * (t - a) ^ 2
        d = (a - t) * a * (1 - a)
        w1 -= eta * d * x1; w2 -= eta * d * x2; b -= eta * d
        if (n + 1 == 3000) w3000 = w1
    }
    printf "%.17g\n", w3000
}')
set -- $ref
E0=$1 E1=$2 E3000=$3 W3000=$4
cat >"$tmp/after.bp" <<EOF
$head_bp
sample = 1 0.25 -> 1
[expected]
C after 3000 = $(printf '%.4e' "$E3000")
C after 0 = $(printf '%.6f' "$E0")
C after 1 = $(printf '%.6f' "$E1")
w^2_{11}′ after 3000 = $(printf '%.6f' "$W3000")
EOF
run --check --ascii "$tmp/after.bp"
[ "$rc" -eq 0 ] || fail "--check after N: exit status $rc, expected 0 ($(cat "$tmp/err"))"
cut -f1-3 "$tmp/out" >"$tmp/got"
printf 'ok\t%s\t%s\n' \
    "C (after 3000 updates: iteration 3001)" "$(printf '%.4e' "$E3000")" \
    "C (after 0 updates: iteration 1)" "$(printf '%.6f' "$E0")" \
    "C (after 1 update: iteration 2)" "$(printf '%.6f' "$E1")" \
    "w^2_11' (after 3000 updates: iteration 3000)" "$(printf '%.6f' "$W3000")" >"$tmp/want"
cmp -s "$tmp/want" "$tmp/got" || fail "--check after N: got
$(cat "$tmp/out")
expected
$(cat "$tmp/want")"
# The computed column (10 digits) agrees with awk's values.
cut -f4 "$tmp/out" | awk -v ref="$E3000 $E0 $E1 $W3000" '
    BEGIN { split(ref, r, " ") }
    { d = $1 - r[NR]; if (d < 0) d = -d; m = r[NR] < 0 ? -r[NR] : r[NR]
      if (d > 1e-9 * m) { printf "row %d: bpviz %s, awk %s\n", NR, $1, r[NR]; bad = 1 } }
    END { exit bad }' || fail "--check after N: computed values differ from awk's"

[ "$failures" -eq 0 ] || { echo "input_errors: $failures failure(s)" >&2; exit 1; }
echo "input_errors: ok"
