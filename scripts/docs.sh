#!/bin/sh
# scripts/docs.sh - writes the generated parts of the documentation, so that nothing is written twice:
#   - the key lists of README.md and man/bpviz.1, between the markers
#       <!-- keys:begin ... -->  <!-- keys:end -->   and   .\" keys:begin ...  .\" keys:end
#     from `bpviz --keys md|man`, i.e. from the key table in src/ui/ui_keys.c that also drives the
#     bindings and the help screen;
#   - every screen of README.md and docs/*.md: a fenced block right after a line
#       <!-- screen: tests/e2e/golden/NAME.txt -->
#     is that golden file, which tests/e2e/ui_golden*.sh compare with the real viewer.
# Usage: scripts/docs.sh [--check]
#   (no option)  rewrites the files whose generated parts changed (`make docs`)
#   --check      changes nothing; prints the differences and exits 1 if there are any
#                (tests/cli/docs_generated.sh)
# BPVIZ names the binary (default ./bpviz). Exit status: 0 up to date or rewritten, 1 out of date
# (--check), 2 a marker without its end, a missing golden file, or bpviz failed.
cd "$(dirname "$0")/.." || exit 2
BPVIZ=${BPVIZ:-./bpviz}
check=0
[ "${1:-}" = --check ] && check=1

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM HUP

# The key lists in English with Unicode key names, whatever the caller's locale.
for f in md man; do
    LC_ALL=C.UTF-8 LANGUAGE= "$BPVIZ" --keys "$f" >"$tmp/keys.$f" ||
        { echo "docs.sh: $BPVIZ --keys $f failed" >&2; exit 2; }
done

# render FILE: FILE with its generated parts written anew, on stdout.
render() {
    awk -v keys_md="$tmp/keys.md" -v keys_man="$tmp/keys.man" -v file="$1" '
    function fail(msg) { printf "docs.sh: %s:%d: %s\n", file, NR, msg > "/dev/stderr"; bad = 1; exit 2 }
    function copy(path,   line, r) {
        while ((r = getline line < path) > 0) print line
        if (r < 0) fail("cannot read " path)
        close(path)
    }
    skip == "keys" { if ($0 ~ end_re) { print; skip = "" } ; next }
    skip == "fence" {
        if ($0 ~ /^```/) { print; skip = "" }
        next
    }
    want_fence {
        want_fence = 0
        if ($0 !~ /^```/) fail("a screen marker must be followed by a fenced block")
        print; copy(golden); skip = "fence"; next
    }
    /^<!-- keys:begin/ { print; copy(keys_md); skip = "keys"; end_re = "^<!-- keys:end -->"; start = NR; next }
    /^\.\\" keys:begin/ { print; copy(keys_man); skip = "keys"; end_re = "^\\.\\\\\" keys:end"; start = NR; next }
    /^<!-- screen: [^ ]+ -->$/ {
        print
        golden = $3
        if ((getline probe < golden) < 0) fail("no golden file " golden)
        close(golden)
        want_fence = 1; start = NR; next
    }
    { print }
    END {
        if (bad) exit 2
        if (skip != "" || want_fence) { NR = start; fail("this marker has no end") }
    }' "$1"
}

status=0
for f in README.md man/bpviz.1 docs/*.md; do
    [ -f "$f" ] || continue
    render "$f" >"$tmp/new" || exit 2
    cmp -s "$f" "$tmp/new" && continue
    if [ "$check" = 1 ]; then
        echo "docs.sh: $f is out of date (make docs writes it; - committed, + generated):" >&2
        diff -u "$f" "$tmp/new" | sed '1,2d' >&2
        status=1
    else
        cp "$tmp/new" "$f.tmp" && mv "$f.tmp" "$f" || exit 2
        echo "docs.sh: rewrote $f"
    fi
done
exit $status
