#!/bin/sh
# tests/run.sh - runs every test of `make test`: unit binaries given as arguments,
# then tests/cli/*.sh and tests/e2e/*.sh; ends with "N passed, M failed, K skipped".
# A test that cannot run here (a tool it needs is not installed) exits 77 and is a SKIP, never a
# PASS. BPVIZ_NO_SKIP=1 (.ci/run sets it: CI installs every tool) makes such a SKIP a failure.
# BPVIZ_TEST_EXCLUDE lists tests (by the name printed here) that do not apply to the build being
# tested (make asan: valgrind cannot run an ASan binary): not run, reported SKIP, never a failure.
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
skipped=0
failures=""
# indent: the test's output under its verdict line.
indent() { [ -n "$1" ] && printf '%s\n' "$1" | sed 's/^/    /'; }
run() { # name, command...
    name=$1; shift
    case " $BPVIZ_TEST_EXCLUDE " in
    *" $name "*)
        skipped=$((skipped + 1))
        printf 'SKIP %s (does not apply to this build: BPVIZ_TEST_EXCLUDE)\n' "$name"
        return ;;
    esac
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1)); printf 'PASS %s\n' "$name"
    elif [ "$rc" -eq 77 ] && [ "${BPVIZ_NO_SKIP:-}" != 1 ]; then
        skipped=$((skipped + 1)); printf 'SKIP %s\n' "$name"; indent "$out"
    else
        failed=$((failed + 1)); failures="$failures $name"
        if [ "$rc" -eq 77 ]; then
            printf 'FAIL %s (skipped, and BPVIZ_NO_SKIP=1: everything a test needs must be installed)\n' "$name"
        else
            printf 'FAIL %s\n' "$name"
        fi
        indent "$out"
    fi
}
for t in "$@"; do run "$(basename "$t")" "$t"; done
for t in tests/cli/*.sh tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    run "$t" sh "$t"
done
[ -n "$failures" ] && printf 'failed:%s\n' "$failures"
printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
[ "$failed" -eq 0 ]
