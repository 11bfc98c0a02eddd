#!/bin/sh
# setup.sh - the README's first command on what a clone holds: a copy of the tracked files only
# (no build/, no untracked or empty folders), where `LANG=zh_CN.UTF-8 ./run.sh --help` (run from
# another folder) builds everything `make` builds, the translations of every po/*.po included,
# and answers in Chinese at once, without `make test` having run first. scripts/deps.sh is
# replaced by a stub in the copy (the test installs nothing) that must have been called; the
# compiled-in PREFIX points nowhere, so only the copy's own build/locale can speak Chinese.
# Run from anywhere (it changes to the repository root); SKIP (exit 77) without git or outside
# a git checkout (make asan's copy of the tree is not one, and excludes this test).
cd "$(dirname "$0")/../.." || exit 2
unset LANGUAGE LC_ALL LC_MESSAGES BPVIZ_LOCALEDIR BPVIZ_SCENARIOS DESTDIR
# Not part of the outer make's jobs (make test): a make of our own.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

command -v git >/dev/null 2>&1 || { echo "setup: git is not installed: cannot run" >&2; exit 77; }
top=$(git rev-parse --show-toplevel 2>/dev/null)
[ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(pwd -P)" ] ||
    { echo "setup: $(pwd -P) is not a git checkout: cannot tell the tracked files" >&2; exit 77; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() {
    printf 'setup: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# The tracked files as the working tree has them (a clone once they are committed).
ck=$tmp/ck
mkdir -p "$ck" "$tmp/elsewhere"
git ls-files | while IFS= read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done |
    tar -cf - -T - | tar -xf - -C "$ck" || { echo "setup: cannot copy the tracked files" >&2; exit 2; }
[ -e "$ck/build" ] && fail "build/ is tracked"
printf '#!/bin/sh\n# the test'"'"'s stand-in: installs nothing\ntouch "%s/deps.ran"\n' "$tmp" >"$ck/scripts/deps.sh"

cd "$tmp/elsewhere" || exit 2
env LANG=zh_CN.UTF-8 PREFIX="$tmp/nowhere" timeout 900 sh "$ck/run.sh" --help >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "LANG=zh_CN.UTF-8 ./run.sh --help: exit status $rc: $(tail -n 20 "$tmp/err")"
[ -e "$tmp/deps.ran" ] || fail "run.sh did not call scripts/deps.sh"
[ -x "$ck/bpviz" ] || fail "run.sh built no ./bpviz"
for po in "$ck"/po/*.po; do
    lang=$(basename "$po" .po)
    [ -s "$ck/build/locale/$lang/LC_MESSAGES/bpviz.mo" ] ||
        fail "run.sh did not build the $lang translation (build/locale/$lang/LC_MESSAGES/bpviz.mo)"
done
grep -qF "用法：bpviz" "$tmp/out" ||
    fail "LANG=zh_CN.UTF-8 ./run.sh --help is not Chinese: $(head -n 1 "$tmp/out")"
# The default stays English (and the Chinese above came from the catalogue, not a fluke).
env LANG=C.UTF-8 "$ck/bpviz" --help >"$tmp/en" 2>&1
grep -q '^Usage: bpviz' "$tmp/en" || fail "LANG=C.UTF-8 bpviz --help is not English: $(head -n 1 "$tmp/en")"

[ "$failures" -eq 0 ] || { echo "setup: $failures failure(s)" >&2; exit 1; }
echo "setup: ok"
