#!/bin/sh
# tests/run.sh - runs every test of `make test`: unit binaries given as arguments,
# then tests/cli/*.sh and tests/e2e/*.sh; ends with "N passed, M failed". A test that
# exits 77 cannot run on this machine (a missing tool): SKIP, counted apart.
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
skipped=0
failures=""
run() { # name, command...; exit status 77 means "cannot run here": SKIP, neither passed nor failed
    name=$1; shift
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1)); printf 'PASS %s\n' "$name"
    elif [ "$rc" -eq 77 ]; then
        skipped=$((skipped + 1)); printf 'SKIP %s: %s\n' "$name" "$(printf '%s\n' "$out" | tail -n 1)"
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
[ "$skipped" -gt 0 ] && printf '%d skipped (exit status 77: cannot run on this machine)\n' "$skipped"
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
