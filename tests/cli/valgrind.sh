#!/bin/sh
# valgrind.sh - every scenario (and the built-in one) under valgrind's memcheck with
# --trace, --check and --train --epochs 3: no memory error, no definite or indirect
# leak. Bounded: 3 epochs of --train. Passes with a note when valgrind is not installed.
# Run from the repository root (tests/run.sh does).
cd "$(dirname "$0")/../.." || exit 2

fail() { printf 'valgrind: %s\n' "$*" >&2; exit 1; }

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind: not installed, skipped (apt-get install valgrind)"
    exit 0
fi
[ -x ./bpviz ] || fail "./bpviz is not built (run make)"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# 99 marks a memcheck error or a definite/indirect leak; bpviz itself exits 0, 1 or 2.
vg() {
    valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --error-exitcode=99 "$@"
}

runs=0
for f in "" scenarios/*.bp; do
    for mode in --trace --check "--train --epochs 3"; do
        # shellcheck disable=SC2086 # mode holds an option and its argument
        vg ./bpviz $mode $f >"$tmp/out" 2>"$tmp/err"
        rc=$?
        name="bpviz $mode ${f:-(built-in)}"
        [ "$rc" -eq 99 ] && fail "$name: memcheck found errors or leaks:
$(cat "$tmp/err")"
        [ "$rc" -le 2 ] || fail "$name: exit status $rc:
$(tail -n 20 "$tmp/err")"
        runs=$((runs + 1))
    done
done
echo "valgrind: $runs runs clean"
