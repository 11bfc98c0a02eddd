#!/bin/sh
# install.sh - make install / uninstall into a temporary prefix, from a copy of the tree (the install
# paths are compiled in from PREFIX, so the working ./bpviz and build/ are left alone).
#  - The binary, the man page, the translations and the scenarios (with FORMAT.md and their data)
#    land under PREFIX; the installed bpviz finds scenarios by name from any directory, with the
#    source tree moved away: --check doc003 gives the in-tree result (exit 1, the same DIFF lines),
#    --list lists the installed scenarios with their titles, LANGUAGE=zh_CN finds the installed
#    catalogue.
#  - man -l renders the page (MANWIDTH=80) with its sections, groff finds nothing to warn about.
#  - make uninstall leaves no file under PREFIX; DESTDIR stages an install for another PREFIX.
# Run from anywhere (it changes to the repository root); needs make, a C compiler and man-db
# (SKIP, exit 77, when make, tar, man or groff is not installed).
cd "$(dirname "$0")/../.." || exit 2
unset LANGUAGE LC_ALL BPVIZ_SCENARIOS BPVIZ_LOCALEDIR DESTDIR PREFIX
# Not part of the outer make's jobs (make test): a make of our own.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
LANG=C.UTF-8
export LANG
root=$(pwd)
[ -x ./bpviz ] || { echo "install: ./bpviz is not built (run make)" >&2; exit 1; }
for tool in make tar man groff; do
    command -v "$tool" >/dev/null 2>&1 || { echo "install: $tool is not installed: cannot run (see scripts/deps.sh)" >&2; exit 77; }
done

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() {
    printf 'install: %s\n' "$*" >&2
    failures=$((failures + 1))
}
# The working build must not change.
before=$(ls -l --time-style=full-iso ./bpviz build/config.h 2>/dev/null; cksum ./bpviz)

# A copy of the sources (not the build), built there for the test's PREFIX.
src="$tmp/src"
prefix="$tmp/prefix"
mkdir -p "$src" "$tmp/elsewhere"
tar --exclude=./build --exclude=./.git --exclude=./bpviz -cf - . | tar -C "$src" -xf - ||
    { echo "install: cannot copy the tree" >&2; exit 2; }
if ! make -C "$src" -j2 install PREFIX="$prefix" >"$tmp/make.log" 2>&1; then
    echo "install: make install PREFIX=$prefix failed:" >&2
    tail -n 30 "$tmp/make.log" >&2
    exit 1
fi

# ---- what was installed ----
[ -x "$prefix/bin/bpviz" ] || fail "no executable $prefix/bin/bpviz"
[ -f "$prefix/share/man/man1/bpviz.1" ] || fail "no man page share/man/man1/bpviz.1"
for po in po/*.po; do
    lang=$(basename "$po" .po)
    [ -f "$prefix/share/locale/$lang/LC_MESSAGES/bpviz.mo" ] || fail "no translation share/locale/$lang/LC_MESSAGES/bpviz.mo"
done
[ -f "$prefix/share/locale/zh_CN/LC_MESSAGES/bpviz.mo" ] || fail "the zh_CN catalogue is not installed"
for f in scenarios/*.bp scenarios/FORMAT.md scenarios/README.md scenarios/data/*.csv; do
    cmp -s "$f" "$prefix/share/bpviz/$f" || fail "$f is not installed as share/bpviz/$f"
done

# ---- the installed binary, from another directory, without the source tree ----
mv "$src" "$tmp/src.away"
cd "$tmp/elsewhere" || exit 2
"$prefix/bin/bpviz" --check doc003 >"$tmp/check" 2>"$tmp/check.err"
rc=$?
[ "$rc" -eq 1 ] || fail "installed bpviz --check doc003: exit status $rc, expected 1 (it has DIFFs): $(cat "$tmp/check.err")"
"$root/bpviz" --check "$root/scenarios/doc003.bp" >"$tmp/check.tree" 2>/dev/null
cmp -s "$tmp/check" "$tmp/check.tree" || fail "installed --check doc003 differs from the tree's: $(diff "$tmp/check.tree" "$tmp/check" | head -n 5)"
grep -q '^DIFF	' "$tmp/check" || fail "installed --check doc003 prints no DIFF line"
"$prefix/bin/bpviz" --trace xor >"$tmp/trace" 2>&1 || fail "installed bpviz --trace xor: exit status $?: $(head -n 2 "$tmp/trace")"
"$prefix/bin/bpviz" --check no-such-doc >/dev/null 2>&1
[ $? -eq 2 ] || fail "installed bpviz --check no-such-doc: not exit status 2"

# --list: every installed scenario, with its title.
"$prefix/bin/bpviz" --list >"$tmp/list" 2>"$tmp/list.err" || fail "installed bpviz --list: exit status $?: $(cat "$tmp/list.err")"
for f in "$root"/scenarios/*.bp; do
    name=$(basename "$f" .bp)
    title=$(sed -n 's/^title *= *//p' "$f" | head -n 1 | sed 's/ *$//')
    grep -q "^$name  *" "$tmp/list" || { fail "--list does not list $name"; continue; }
    line=$(grep "^$name " "$tmp/list" | head -n 1)
    case $line in
    *"$title"*) ;;
    *) fail "--list gives '$line' for $name, expected its title '$title'" ;;
    esac
done
n=$(wc -l <"$tmp/list")
m=$(find "$root/scenarios" -maxdepth 1 -name '*.bp' | wc -l)
[ "$n" -eq "$m" ] || fail "--list prints $n lines for $m installed scenarios"

# The translations come from the installed catalogue.
env LANGUAGE=zh_CN "$prefix/bin/bpviz" --help >"$tmp/help" 2>&1
grep -qF "用法：bpviz" "$tmp/help" || fail "installed bpviz with LANGUAGE=zh_CN: --help is not Chinese: $(head -n 1 "$tmp/help")"
env LANGUAGE=zh_CN "$prefix/bin/bpviz" --check no-such-doc >/dev/null 2>"$tmp/err"
grep -qF "没有这个文件" "$tmp/err" || fail "installed bpviz with LANGUAGE=zh_CN: error not Chinese: $(cat "$tmp/err")"
"$prefix/bin/bpviz" --help | grep -q '^Usage: bpviz' || fail "installed bpviz: English is not the default"
cd "$root" || exit 2
mv "$tmp/src.away" "$src"

# ---- the man page ----
MANWIDTH=80 man -l "$prefix/share/man/man1/bpviz.1" >"$tmp/man" 2>"$tmp/man.err" || fail "man -l failed: $(cat "$tmp/man.err")"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS "SCENARIO FILES" EXAMPLES "EXIT STATUS" ENVIRONMENT; do
    grep -qx "$s" "$tmp/man" || fail "the man page has no section $s"
done
for w in "bpviz --check doc000" "--handout" "Tab" "next event: compute one value" "FORMAT.md"; do
    grep -qF -- "$w" "$tmp/man" || fail "the man page does not mention '$w'"
done
sed -n '/^EXIT STATUS$/,/^[A-Z]/p' "$tmp/man" | grep -Eq '^ +2( |$)' || fail "the man page's EXIT STATUS does not list status 2"
w=$(LC_ALL=C.UTF-8 wc -L <"$tmp/man")
[ "$w" -le 80 ] || fail "man page lines of $w columns at MANWIDTH=80"
groff -man -Tutf8 -ww -z "$prefix/share/man/man1/bpviz.1" 2>"$tmp/groff" || fail "groff failed on the man page"
[ -s "$tmp/groff" ] && fail "groff warns about the man page: $(head -n 3 "$tmp/groff")"

# ---- uninstall ----
make -C "$src" uninstall PREFIX="$prefix" >"$tmp/make.log" 2>&1 || fail "make uninstall failed: $(tail -n 5 "$tmp/make.log")"
left=$(find "$prefix" ! -type d)
[ -z "$left" ] || fail "make uninstall left files: $left"

# ---- DESTDIR: staged for PREFIX=/usr, nothing outside the stage ----
make -C "$src" -j2 install DESTDIR="$tmp/stage" PREFIX=/usr >"$tmp/make.log" 2>&1 ||
    fail "make install DESTDIR=... PREFIX=/usr failed: $(tail -n 5 "$tmp/make.log")"
for f in usr/bin/bpviz usr/share/man/man1/bpviz.1 usr/share/locale/zh_CN/LC_MESSAGES/bpviz.mo \
    usr/share/bpviz/scenarios/doc003.bp; do
    [ -f "$tmp/stage/$f" ] || fail "DESTDIR install: no $f"
done
grep -qaF "/usr/share/bpviz" "$tmp/stage/usr/bin/bpviz" || fail "DESTDIR install: the binary does not look in /usr/share/bpviz"
grep -qaF "$tmp/stage" "$tmp/stage/usr/bin/bpviz" && fail "DESTDIR install: the staging folder is compiled into the binary"
make -C "$src" uninstall DESTDIR="$tmp/stage" PREFIX=/usr >/dev/null 2>&1 || fail "make uninstall DESTDIR=... failed"
left=$(find "$tmp/stage" ! -type d)
[ -z "$left" ] || fail "make uninstall DESTDIR=... left files: $left"

after=$(ls -l --time-style=full-iso ./bpviz build/config.h 2>/dev/null; cksum ./bpviz)
[ "$before" = "$after" ] || fail "the working ./bpviz or build/config.h changed"

[ "$failures" -eq 0 ] || { echo "install: $failures failure(s)" >&2; exit 1; }
exit 0
