#!/bin/sh
# run_skip.sh - tests/run.sh's verdicts, on a tree of stand-in tests that pass, fail and skip:
#  - exit 0 is PASS, exit 77 is SKIP (with the test's output under it), anything else FAIL;
#    the last line is "N passed, M failed, K skipped", the status 1 only when something failed;
#  - BPVIZ_NO_SKIP=1 (what .ci/run sets) turns a SKIP into a FAIL that says why;
#  - a test named in BPVIZ_TEST_EXCLUDE is not run, is a SKIP, and no failure even then.
# Run from anywhere (it changes to the repository root).
cd "$(dirname "$0")/../.." || exit 2
unset BPVIZ_NO_SKIP BPVIZ_TEST_EXCLUDE

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() {
    printf 'run_skip: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# The stand-in tree: tests/run.sh as it is, two unit "binaries", three command-line tests.
t=$tmp/tree
mkdir -p "$t/tests/cli" "$t/tests/e2e" "$t/bin"
cp tests/run.sh "$t/tests/run.sh" || exit 2
printf '#!/bin/sh\nexit 0\n' >"$t/bin/u_pass"
printf '#!/bin/sh\necho "u: no tool"\nexit 77\n' >"$t/bin/u_skip"
chmod +x "$t/bin/u_pass" "$t/bin/u_skip"
printf 'echo "a: fine"\nexit 0\n' >"$t/tests/cli/a_pass.sh"
printf 'touch "%s/b.ran"\necho "b: no tool"\nexit 77\n' "$tmp" >"$t/tests/cli/b_skip.sh"
printf 'echo "c: bad"\nexit 1\n' >"$t/tests/cli/c_fail.sh"

# check NAME WANT_STATUS WANT_FILE [ENV=VALUE ...]: runs the stand-in suite, compares.
check() {
    name=$1; want_rc=$2; want=$3; shift 3
    env "$@" sh "$t/tests/run.sh" "$t/bin/u_pass" "$t/bin/u_skip" >"$tmp/out" 2>&1
    rc=$?
    [ "$rc" -eq "$want_rc" ] || fail "$name: exit status $rc, expected $want_rc"
    diff "$want" "$tmp/out" >"$tmp/diff" || fail "$name: output differs (- expected, + got):
$(cat "$tmp/diff")"
}

cat >"$tmp/want1" <<'EOF'
PASS u_pass
SKIP u_skip
    u: no tool
PASS tests/cli/a_pass.sh
SKIP tests/cli/b_skip.sh
    b: no tool
FAIL tests/cli/c_fail.sh
    c: bad
failed: tests/cli/c_fail.sh
2 passed, 1 failed, 2 skipped
EOF
check "default" 1 "$tmp/want1"

rm "$t/tests/cli/c_fail.sh"
cat >"$tmp/want2" <<'EOF'
PASS u_pass
SKIP u_skip
    u: no tool
PASS tests/cli/a_pass.sh
SKIP tests/cli/b_skip.sh
    b: no tool
2 passed, 0 failed, 2 skipped
EOF
check "skips only" 0 "$tmp/want2"

cat >"$tmp/want3" <<'EOF'
PASS u_pass
FAIL u_skip (skipped, and BPVIZ_NO_SKIP=1: everything a test needs must be installed)
    u: no tool
PASS tests/cli/a_pass.sh
FAIL tests/cli/b_skip.sh (skipped, and BPVIZ_NO_SKIP=1: everything a test needs must be installed)
    b: no tool
failed: u_skip tests/cli/b_skip.sh
2 passed, 2 failed, 0 skipped
EOF
check "BPVIZ_NO_SKIP=1" 1 "$tmp/want3" BPVIZ_NO_SKIP=1

rm -f "$tmp/b.ran"
cat >"$tmp/want4" <<'EOF'
PASS u_pass
SKIP u_skip (does not apply to this build: BPVIZ_TEST_EXCLUDE)
PASS tests/cli/a_pass.sh
SKIP tests/cli/b_skip.sh (does not apply to this build: BPVIZ_TEST_EXCLUDE)
2 passed, 0 failed, 2 skipped
EOF
check "BPVIZ_TEST_EXCLUDE" 0 "$tmp/want4" BPVIZ_NO_SKIP=1 "BPVIZ_TEST_EXCLUDE=u_skip tests/cli/b_skip.sh"
[ -e "$tmp/b.ran" ] && fail "BPVIZ_TEST_EXCLUDE: the excluded tests/cli/b_skip.sh was run"

# A name is excluded whole: tests/cli/b_skip.sh does not exclude tests/cli/b_skip.sh.orig or b_skip.sh.
check "BPVIZ_TEST_EXCLUDE, other names" 0 "$tmp/want2" "BPVIZ_TEST_EXCLUDE=skip.sh cli/b_skip.sh u_ski"

[ "$failures" -eq 0 ] || { echo "run_skip: $failures failure(s)" >&2; exit 1; }
echo "run_skip: ok"
