#!/bin/sh
# fuzz_regress.sh - replays every input the fuzzers ever crashed or hung on
# (fuzz/regress/TARGET/) and the seed inputs (fuzz/seeds/TARGET/) through the
# fuzz targets built like bpviz itself (no libFuzzer; make fuzz-replay): each
# must neither crash nor take more than 60 s. Run from the repository root.
cd "$(dirname "$0")/../.." || exit 2

fail() { printf 'fuzz_regress: %s\n' "$*" >&2; exit 1; }

make -s fuzz-replay >/dev/null 2>&1 || fail "cannot build the replayers (make fuzz-replay)"
dir=build/fuzz-replay

for t in scenario csv chart handout; do
    bin=$dir/replay_$t
    [ -x "$bin" ] || fail "$bin is missing"
    # The handout target also takes every shipped scenario (they are its seeds in make fuzz).
    extra=""; [ "$t" = handout ] && extra="scenarios/*.bp"
    for f in fuzz/regress/$t/* fuzz/seeds/$t/* $extra; do
        [ -f "$f" ] || continue
        case $f in */README*) continue ;; esac
        timeout 60 "$bin" "$f" >/dev/null 2>"${TMPDIR:-/tmp}/fuzz_regress.$$"
        rc=$?
        err=$(tail -n 30 "${TMPDIR:-/tmp}/fuzz_regress.$$")
        rm -f "${TMPDIR:-/tmp}/fuzz_regress.$$"
        [ "$rc" -eq 124 ] && fail "$t: $f: still hangs (killed after 60 s)"
        [ "$rc" -eq 0 ] || fail "$t: $f: exit status $rc
$err"
    done
done
echo "fuzz_regress: ok"
