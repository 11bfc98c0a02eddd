#!/bin/sh
# errors.sh - the command line's errors and informational options: exit statuses,
# one exact line on stderr for a missing or malformed file, nothing on stdout.
# Run from anywhere (it changes to the repository root); needs ./bpviz built.
cd "$(dirname "$0")/../.." || exit 2
LC_ALL=C
export LC_ALL
unset BPVIZ_SCENARIOS

bpviz=./bpviz
[ -x "$bpviz" ] || { echo "errors: $bpviz is not built (run make)" >&2; exit 1; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() {
    printf 'errors: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# run ARGS...: runs bpviz, keeping status, stdout and stderr.
run() {
    "$bpviz" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
}

# expect_error STATUS 'STDERR LINE' ARGS...: that status, exactly that one
# line on stderr, nothing on stdout.
expect_error() {
    want_rc=$1 want_err=$2
    shift 2
    run "$@"
    [ "$rc" -eq "$want_rc" ] || fail "bpviz $*: exit status $rc, expected $want_rc"
    [ -s "$tmp/out" ] && fail "bpviz $*: wrote to stdout: $(head -c 200 "$tmp/out")"
    lines=$(wc -l <"$tmp/err")
    [ "$lines" -eq 1 ] || fail "bpviz $*: $lines lines on stderr, expected 1: $(cat "$tmp/err")"
    got=$(cat "$tmp/err")
    [ "$got" = "$want_err" ] || fail "bpviz $*: stderr is '$got', expected '$want_err'"
}

# ---- a missing file -------------------------------------------------------
expect_error 2 "bpviz: $tmp/nofile.bp: No such file or directory" --trace "$tmp/nofile.bp"
expect_error 2 "bpviz: $tmp/nofile.bp: No such file or directory" --check "$tmp/nofile.bp"
expect_error 2 "bpviz: $tmp/nofile.bp: No such file or directory" --train "$tmp/nofile.bp"
expect_error 2 "bpviz: $tmp/nofile.bp: No such file or directory" "$tmp/nofile.bp"
# A bare name is also looked up among the scenarios by name.
expect_error 2 "bpviz: no-such-scenario-here: no such file, nor a scenario of that name (see bpviz --list)" \
    --trace no-such-scenario-here
mkdir "$tmp/dir"
expect_error 2 "bpviz: $tmp/dir: Is a directory" --trace "$tmp/dir"

# ---- malformed files: path:line:col: message -------------------------------
printf '[scenario]\ntitle = t\ncolour = red\n' >"$tmp/key.bp"
for mode in --trace --check --train ""; do
    # shellcheck disable=SC2086 # an empty mode is no argument
    expect_error 2 "bpviz: $tmp/key.bp:3:1: unknown key 'colour' in [scenario]" $mode "$tmp/key.bp"
done
cat >"$tmp/matrix.bp" <<'EOF'
[scenario]
title = t
[network]
layers = 2 2 1
[layer 1]
weights = 0.1 0.2
          0.3 0.4 0.5
EOF
expect_error 2 "bpviz: $tmp/matrix.bp:7:11: this row has 3 numbers but the first row has 2" --trace "$tmp/matrix.bp"
printf '[scenario]\ntitle = t\n[network]\nlayers = 2 2 1\n[layer 1]\nweights = 0.1 nan\n' >"$tmp/nan.bp"
expect_error 2 "bpviz: $tmp/nan.bp:6:15: 'nan' is not a finite number" --check "$tmp/nan.bp"
printf '[scenario]\ntitle t\n' >"$tmp/syntax.bp"
expect_error 2 "bpviz: $tmp/syntax.bp:2: expected 'key = value', '[section]' or a comment" --trace "$tmp/syntax.bp"
printf '[scenario]\ntitle = t\n' >"$tmp/short.bp"
expect_error 2 "bpviz: $tmp/short.bp:2: missing section [network] (with 'layers')" --trace "$tmp/short.bp"
: >"$tmp/empty.bp"
expect_error 2 "bpviz: $tmp/empty.bp: empty file" --trace "$tmp/empty.bp"
printf '[scenario]\ntitle = t\001\n' >"$tmp/ctrl.bp"
expect_error 2 "bpviz: $tmp/ctrl.bp:2:10: control character 0x01 in a text file" --trace "$tmp/ctrl.bp"

# ---- bad options ------------------------------------------------------------
expect_error 2 "bpviz: --iterations takes a whole number from 1 to 1000000, not '0'" --trace --iterations 0 scenarios/doc000.bp
expect_error 2 "bpviz: --iterations takes a whole number from 1 to 1000000, not '-1'" --trace --iterations -1
expect_error 2 "bpviz: --iterations takes a whole number from 1 to 1000000, not '3x'" --trace --iterations 3x
# --epochs has the bound of a scenario's [training] epochs (0 to 10000000).
expect_error 2 "bpviz: --epochs takes a whole number from 0 to 10000000, not '-1'" --train --epochs -1
expect_error 2 "bpviz: --epochs takes a whole number from 0 to 10000000, not '10000001'" \
    --train --epochs 10000001 scenarios/xor.bp
expect_error 2 "bpviz: --digits takes a whole number from 1 to 17, not '0'" --trace --digits 0
expect_error 2 "bpviz: --digits takes a whole number from 1 to 17, not '18'" --trace --digits 18 scenarios/doc000.bp
expect_error 2 "bpviz: one scenario file at a time (got 2)" --trace "$tmp/key.bp" "$tmp/key.bp"

# ---- options that go with another --------------------------------------------
expect_error 2 "bpviz: --svg goes with --train" --trace --svg "$tmp/chart.svg" scenarios/xor.bp
expect_error 2 "bpviz: --svg goes with --train" --svg "$tmp/chart.svg" scenarios/xor.bp
expect_error 2 "bpviz: --log goes with --svg" --train --log scenarios/xor.bp
expect_error 2 "bpviz: --log goes with --svg" --trace --log scenarios/xor.bp
expect_error 2 "bpviz: --format goes with --handout" --trace --format tex scenarios/doc000.bp
expect_error 2 "bpviz: --format goes with --handout" --format md scenarios/doc000.bp
[ -e "$tmp/chart.svg" ] && fail "a refused --svg still wrote $tmp/chart.svg"

# ---- unknown options and missing values: bpviz's own words, not getopt's -------
expect_error 2 "bpviz: unknown option '--frobnicate'; try 'bpviz --help' for more information" --frobnicate
expect_error 2 "bpviz: unknown option '--frobnicate'; try 'bpviz --help' for more information" \
    --trace --frobnicate=3 scenarios/doc000.bp
expect_error 2 "bpviz: unknown option '-x'; try 'bpviz --help' for more information" -x scenarios/doc000.bp
expect_error 2 "bpviz: ambiguous option '--tr' (could be: --trace --train)" --tr scenarios/doc000.bp
expect_error 2 "bpviz: --iterations needs a value" --trace --iterations
expect_error 2 "bpviz: --epochs needs a value" --train scenarios/xor.bp --epochs
expect_error 2 "bpviz: --svg needs a value" --train --svg
# An abbreviation is named in full.
expect_error 2 "bpviz: --epochs needs a value" --train --ep
expect_error 2 "bpviz: --trace takes no value" --trace=1 scenarios/doc000.bp

# ---- an SVG that cannot be written fails before training: no CSV on stdout ------
expect_error 2 "bpviz: cannot write $tmp/nodir/x.svg: No such file or directory" \
    --train --svg "$tmp/nodir/x.svg" scenarios/xor.bp
expect_error 2 "bpviz: cannot write $tmp/dir: Is a directory" --train --svg "$tmp/dir" scenarios/xor.bp
# ... and one that can is written, with the CSV on stdout.
run --train --epochs 5 --svg "$tmp/xor.svg" --log scenarios/xor.bp
[ "$rc" -eq 0 ] || fail "bpviz --train --svg --log: exit status $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "bpviz --train --svg --log wrote to stderr: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" -eq 7 ] || fail "bpviz --train --epochs 5: not a header and 6 rows: $(cat "$tmp/out")"
grep -q '<svg' "$tmp/xor.svg" 2>/dev/null || fail "bpviz --train --svg $tmp/xor.svg wrote no SVG"

# ---- --help and --version ----------------------------------------------------
for opt in --help -h; do
    run $opt
    [ "$rc" -eq 0 ] || fail "bpviz $opt: exit status $rc, expected 0"
    [ -s "$tmp/err" ] && fail "bpviz $opt: wrote to stderr: $(cat "$tmp/err")"
    for word in --trace --check --train --iterations --epochs --help --version; do
        grep -q -- "$word" "$tmp/out" || fail "bpviz $opt does not mention $word"
    done
    head -n 1 "$tmp/out" | grep -q '^Usage: bpviz' || fail "bpviz $opt: the first line is not a usage line"
done
for opt in --version -V; do
    run $opt
    [ "$rc" -eq 0 ] || fail "bpviz $opt: exit status $rc, expected 0"
    [ -s "$tmp/err" ] && fail "bpviz $opt: wrote to stderr: $(cat "$tmp/err")"
    [ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "bpviz $opt: not one line: $(cat "$tmp/out")"
    grep -Eq '^bpviz [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out" || fail "bpviz $opt printed '$(cat "$tmp/out")'"
done
# The version is the Makefile's.
ver=$(sed -n 's/^VERSION *:= *//p' Makefile)
[ -z "$ver" ] || grep -qx "bpviz $ver" "$tmp/out" || fail "bpviz --version does not say $ver"

# ---- and a good run stays quiet on stderr -------------------------------------
run --trace scenarios/doc000.bp
[ "$rc" -eq 0 ] || fail "bpviz --trace scenarios/doc000.bp: exit status $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "bpviz --trace scenarios/doc000.bp wrote to stderr: $(cat "$tmp/err")"

if [ "$failures" -ne 0 ]; then
    echo "errors: $failures failure(s)" >&2
    exit 1
fi
echo "errors: ok"
