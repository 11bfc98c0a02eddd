#!/bin/sh
# fuzz_setup.sh - `make fuzz` works on what a clone holds: in a copy of the tracked files only
# (git keeps no empty folder: no fuzz/regress/csv/ there), `make -j2 fuzz FUZZ_SECONDS=3` builds
# both libFuzzer targets, runs each, exits 0, and reports executions for each (libFuzzer stops
# at once on an input folder that does not exist).
# Run from anywhere (it changes to the repository root); SKIP (exit 77) when clang with its
# libFuzzer and sanitizer runtimes (Debian: clang libclang-rt-14-dev; scripts/deps.sh --ci) or git
# is not installed, or outside a git checkout (make asan's copy is not one, and excludes this test).
cd "$(dirname "$0")/../.." || exit 2
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
fcc=${FUZZ_CC:-clang}

command -v git >/dev/null 2>&1 || { echo "fuzz_setup: git is not installed: cannot run" >&2; exit 77; }
top=$(git rev-parse --show-toplevel 2>/dev/null)
[ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(pwd -P)" ] ||
    { echo "fuzz_setup: $(pwd -P) is not a git checkout: cannot tell the tracked files" >&2; exit 77; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# What mk/fuzz.mk links with: can this compiler make a fuzzer at all?
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$tmp/probe.c"
if ! "$fcc" -fsanitize=fuzzer,address,undefined -o "$tmp/probe" "$tmp/probe.c" >"$tmp/probe.err" 2>&1; then
    echo "fuzz_setup: $fcc cannot build a libFuzzer target: cannot run (apt-get install clang libclang-rt-14-dev):" >&2
    head -n 3 "$tmp/probe.err" >&2
    exit 77
fi

fail() { printf 'fuzz_setup: %s\n' "$*" >&2; exit 1; }

ck=$tmp/ck
mkdir -p "$ck"
git ls-files | while IFS= read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done |
    tar -cf - -T - | tar -xf - -C "$ck" || { echo "fuzz_setup: cannot copy the tracked files" >&2; exit 2; }

timeout 900 make -C "$ck" -j2 fuzz FUZZ_SECONDS=3 >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail "make fuzz FUZZ_SECONDS=3 in a copy of the tracked files: exit status $rc:
$(grep -v '^clang\|^rm ' "$tmp/out" | tail -n 15)
$(tail -n 3 "$ck"/build/fuzz/*.log 2>/dev/null)"
for t in scenario csv; do
    n=$(sed -n "s/^fuzz $t: \\([0-9][0-9]*\\) executions;.*/\\1/p" "$tmp/out")
    [ -n "$n" ] && [ "$n" -gt 0 ] || fail "make fuzz: no executions reported for the $t target:
$(grep "^fuzz $t" "$tmp/out")"
done
echo "fuzz_setup: ok"
