#!/bin/sh
# unit_skip.sh - a unit test that cannot run says SKIP, never PASS: cmocka counts a test that calls
# skip() as no failure (exit 0, a PASS to tests/run.sh), so the unit tests skip with tu_skip
# (tests/unit/testutil.h), and a file that does ends main() with tu_exit(), which exits 77 then.
# Checks the sources: no bare skip() outside testutil.h, no tu_skip without tu_exit.
# Run from anywhere (it changes to the repository root).
cd "$(dirname "$0")/../.." || exit 2
failures=0
fail() {
    printf 'unit_skip: %s\n' "$*" >&2
    failures=$((failures + 1))
}

for f in tests/unit/*.c; do
    [ -f "$f" ] || continue
    bare=$(grep -nE '(^|[^_[:alnum:]])skip[[:space:]]*\(' "$f")
    [ -n "$bare" ] && fail "$f calls cmocka's skip(), which passes: use tu_skip (testutil.h):
$bare"
    if grep -qE '(^|[^_[:alnum:]])tu_skip[[:space:]]*\(' "$f" &&
        ! grep -qE 'return[[:space:]]+tu_exit[[:space:]]*\([[:space:]]*cmocka_run_group_tests' "$f"; then
        fail "$f skips with tu_skip but main() does not return tu_exit(cmocka_run_group_tests(...)): a skip would pass"
    fi
done

[ "$failures" -eq 0 ] || { echo "unit_skip: $failures failure(s)" >&2; exit 1; }
echo "unit_skip: ok"
