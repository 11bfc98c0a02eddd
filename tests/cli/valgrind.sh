#!/bin/sh
# valgrind.sh - every scenario (and the built-in one) under valgrind's memcheck with
# --trace, --check and --train --epochs 3: no memory error, no definite or indirect
# leak. Bounded: 3 epochs of --train. SKIP (exit 77) when valgrind is not installed, or when
# ./bpviz is an AddressSanitizer build, which valgrind cannot run (make asan excludes this test).
# Run from the repository root (tests/run.sh does).
cd "$(dirname "$0")/../.." || exit 2

fail() { printf 'valgrind: %s\n' "$*" >&2; exit 1; }

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind: not installed: cannot run (apt-get install valgrind)"
    exit 77
fi
[ -x ./bpviz ] || fail "./bpviz is not built (run make)"
if grep -q __asan_init ./bpviz 2>/dev/null; then
    echo "valgrind: ./bpviz is built with AddressSanitizer (make asan): valgrind cannot run it"
    exit 77
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# 99 marks a memcheck error or a definite/indirect leak; bpviz itself exits 0, 1 or 2,
# and must exit the same way as it does without valgrind.
vg() {
    valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --error-exitcode=99 "$@"
}

# One scenario (or "" for the built-in one): its three runs, the verdict in $tmp/N.msg.
one() { # N FILE
    n=$1; f=$2
    for mode in --trace --check "--train --epochs 3"; do
        # shellcheck disable=SC2086 # mode holds an option and its argument
        vg ./bpviz $mode $f >/dev/null 2>"$tmp/$n.err"
        rc=$?
        name="bpviz $mode ${f:-(built-in)}"
        if [ "$rc" -eq 99 ]; then
            printf '%s: memcheck found errors or leaks:\n%s\n' "$name" "$(cat "$tmp/$n.err")" >"$tmp/$n.msg"
            return
        fi
        # The same status as without valgrind, and every shipped scenario traces (exit 0):
        # a scenario that stopped loading must not pass here as "exit 2, no leak".
        # shellcheck disable=SC2086
        ./bpviz $mode $f >/dev/null 2>&1
        want=$?
        if [ "$rc" -ne "$want" ] || { [ "$mode" = --trace ] && [ "$rc" -ne 0 ]; }; then
            printf '%s: exit status %s under valgrind, %s without:\n%s\n' "$name" "$rc" "$want" \
                "$(tail -n 20 "$tmp/$n.err")" >"$tmp/$n.msg"
            return
        fi
    done
}

# Two scenarios at a time (CI has two cores).
n=0
for f in "" scenarios/*.bp; do
    n=$((n + 1))
    one "$n" "$f" &
    [ $((n % 2)) -eq 0 ] && wait
done
wait
for m in "$tmp"/*.msg; do
    [ -f "$m" ] && fail "$(cat "$m")"
done
echo "valgrind: $((n * 3)) runs clean"
