#!/bin/sh
# output_memory.sh - batch output is streamed, not built in memory: under a 32 MiB cap on
# virtual memory (ulimit -v), --train of 2 000 000 XOR epochs without --svg (which kept a
# 40-byte point per epoch: 80 MB) and a handout of over 32 MB (which was built whole as one
# string) both run to the end, with the output they give without the cap. The cap cannot
# hold either old way. Exit 77 (skipped) under AddressSanitizer, which reserves terabytes of
# address space, or when the shell cannot set the cap.
# Run from anywhere (it changes to the repository root); needs ./bpviz built (make).
cd "$(dirname "$0")/../.." || exit 2
LC_ALL=C
export LC_ALL
unset LANGUAGE BPVIZ_SCENARIOS BPVIZ_LOCALEDIR
bpviz=./bpviz
[ -x "$bpviz" ] || { echo "output_memory: $bpviz is not built (run make)" >&2; exit 1; }
if grep -q __asan_init "$bpviz" 2>/dev/null; then
    echo "output_memory: ./bpviz is built with AddressSanitizer, skipped"
    exit 77
fi
(ulimit -v 32768) 2>/dev/null || { echo "output_memory: ulimit -v is not available, skipped"; exit 77; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() {
    printf 'output_memory: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# capped FILE ARGS...: bpviz ARGS under the cap, stdout to FILE; sets rc.
capped() {
    out=$1
    shift
    (ulimit -v 32768 && exec timeout 300 "$bpviz" "$@") >"$out" 2>"$tmp/err" </dev/null
    rc=$?
}

# --train without --svg: a row per epoch as it comes, O(1) memory. The last row is the
# same as that of a run without the cap (the same computation).
capped "$tmp/train" --train --epochs 2000000 scenarios/xor.bp
[ "$rc" -eq 0 ] || fail "--train --epochs 2000000 under 32 MiB: exit status $rc: $(cat "$tmp/err")"
rows=$(wc -l <"$tmp/train")
[ "$rows" -eq 2000002 ] || fail "--train --epochs 2000000 under 32 MiB: $rows lines, expected 2000002"
tail -n 1 "$tmp/train" >"$tmp/train.last"
timeout 300 "$bpviz" --train --epochs 2000000 scenarios/xor.bp 2>/dev/null | tail -n 1 >"$tmp/train.free"
cmp -s "$tmp/train.last" "$tmp/train.free" ||
    fail "--train under the cap ends '$(cat "$tmp/train.last")', without it '$(cat "$tmp/train.free")'"

# --handout of a 1-100-100-1 network (random weights), 12 iterations: over 32 MB of
# Markdown, so it cannot have been held whole under the cap.
cat >"$tmp/wide.bp" <<'EOF'
[scenario]
title = a wide network for a long handout

[network]
layers = 1 100 100 1

[init]
random = uniform -0.1 0.1

[data]
sample = 0.5 -> 1
EOF
capped "$tmp/handout" --handout --iterations 12 "$tmp/wide.bp"
[ "$rc" -eq 0 ] || fail "--handout --iterations 12 under 32 MiB: exit status $rc: $(cat "$tmp/err")"
size=$(wc -c <"$tmp/handout")
[ "$size" -gt 33554432 ] || fail "the handout is $size bytes, not over the 32 MiB cap: the test proves nothing"
timeout 300 "$bpviz" --handout --iterations 12 "$tmp/wide.bp" 2>/dev/null | cmp -s - "$tmp/handout" ||
    fail "the handout under the cap differs from the one without it"
grep -qxF '## Iteration 12 (sample 1)' "$tmp/handout" || fail "the capped handout lacks iteration 12"

[ "$failures" -eq 0 ] || { echo "output_memory: $failures failure(s)" >&2; exit 1; }
echo "output_memory: all checks passed"
