#!/bin/sh
# tests/run.sh - runs every test of `make test`: unit binaries given as arguments,
# then tests/cli/*.sh and tests/e2e/*.sh; ends with "N passed, M failed" (and "K skipped":
# a test that cannot run here exits 77).
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
skipped=0
failures=""
run() { # name, command...
    name=$1; shift
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1)); printf 'PASS %s\n' "$name"
    elif [ "$rc" -eq 77 ]; then
        skipped=$((skipped + 1)); printf 'SKIP %s\n%s\n' "$name" "$out" | sed 's/^/    /;1s/^    //'
    else
        failed=$((failed + 1)); failures="$failures $name"
        printf 'FAIL %s\n%s\n' "$name" "$out" | sed 's/^/    /;1s/^    //'
    fi
}
for t in "$@"; do run "$(basename "$t")" "$t"; done
for t in tests/cli/*.sh tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    run "$t" sh "$t"
done
[ -n "$failures" ] && printf 'failed:%s\n' "$failures"
if [ "$skipped" -gt 0 ]; then
    printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
else
    printf '%d passed, %d failed\n' "$passed" "$failed"
fi
[ "$failed" -eq 0 ]
