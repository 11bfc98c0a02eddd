#!/bin/sh
# code_rules.sh - keeps the code rules of docs/design.md ("Code rules"): no function over 80 lines
# without a reason, an include graph without cycles, the layers core < cli, ui < main; prints the
# median function length.
#
# 1. Every function defined in src/**/*.c, counted from the first line of its signature to its
#    closing brace, is at most 80 lines, unless the comment block right above it has a line with
#    "Long:" saying why.
# 2. The modules (X.h with X.c) include each other without a cycle: an edge X -> Y when X.h or
#    X.c includes "Y.h", so csv.h needing scenario.h while scenario.c needs csv.h is a cycle even
#    though no header includes itself. And the layers hold: src/core and include/core include
#    only core headers; cli only core and cli; ui only core and ui; only src/main.c and the
#    headers at the top of include/ may include everything.
# 3. Prints "median function length: N lines (M functions)".
cd "$(dirname "$0")/../.." || exit 2

LIMIT=80

# Functions over the limit that a change in progress is splitting, allowed by name until it lands
# (none: the list is for a change in progress, and ends empty).
ALLOW_LONG=""

# Module edges that close a cycle, as "from>to", left out of the graph until they are undone
# (none: the list is for a change in progress, and ends empty).
ALLOW_EDGES=""

# The engine, below the scenario parser: none of these modules includes scenario.h, even
# through another header (a scenario is read into a network; the network never knows the file).
ENGINE="data net notation stepper fault formula train csv rng"

fail=0

# --- 1 and 3: function lengths ----------------------------------------------------------------
# A definition in this code base: a line starting in column 0 that is not a declaration (no ';'
# at its end), then its parameter lines, then '{' alone in column 0 (or ') {' ending the
# signature); it ends at the next '}' in column 0. A one-line definition ("...) { return x; }")
# counts as 1 line.
files=$(find src -name '*.c' | LC_ALL=C sort)
[ -n "$files" ] || { echo "code_rules: no sources under src/" >&2; exit 2; }
# shellcheck disable=SC2086 # the file names have no blanks
awk -v limit="$LIMIT" -v allow=" $ALLOW_LONG " '
function report_end(   len, i, reason) {
    len = FNR - sig + 1
    lens[++nfun] = len
    if (len <= limit) return
    reason = 0
    # the comment block right above the signature
    for (i = sig - 1; i >= 1; i--) {
        if (lines[i] !~ /^[ \t]*(\/\*|\*|\/\/)/ && lines[i] !~ /\*\/[ \t]*$/) break
        if (lines[i] ~ /Long:/) reason = 1
    }
    if (reason) return
    if (index(allow, " " name " ")) { allowed = allowed " " name; return }
    printf "%s:%d: %s is %d lines (over %d) and the comment above it gives no \"Long:\" reason\n", \
        FILENAME, sig, name, len, limit
    bad = 1
}
FNR == 1 { open = 0; sig = 0; split("", lines) }
{ lines[FNR] = $0 }
/^[A-Za-z_]/ && !open && $0 !~ /;[ \t]*$/ {
    sig = FNR; name = $0; sub(/\(.*/, "", name); n = split(name, w, /[ \t*]+/); name = w[n]
}
/^[A-Za-z_][^;]*\)[ \t]*\{.*\}[ \t]*$/ && sig == FNR && !open { lens[++nfun] = 1; sig = 0; next }
/^\{/ && sig && !open { open = 1; next }
/^[A-Za-z_].*\)[ \t]*\{[ \t]*$/ && sig == FNR { open = 1; next }
/^\}/ && open { report_end(); open = 0; sig = 0 }
END {
    # sort the lengths (insertion sort: a few hundred numbers)
    for (i = 2; i <= nfun; i++) {
        v = lens[i]
        for (j = i - 1; j >= 1 && lens[j] > v; j--) lens[j + 1] = lens[j]
        lens[j + 1] = v
    }
    if (nfun == 0) { print "code_rules: found no function definitions"; exit 1 }
    median = nfun % 2 ? lens[(nfun + 1) / 2] : (lens[nfun / 2] + lens[nfun / 2 + 1]) / 2
    printf "median function length: %s lines (%d functions, longest %d)\n", median, nfun, lens[nfun]
    n = split(allowed, a, " ")
    for (i = 1; i <= n; i++) {
        printf "allowed while being split: %s\n", a[i]
        used[a[i]] = 1
    }
    n = split(allow, a, " ")
    for (i = 1; i <= n; i++)
        if (!(a[i] in used))
            printf "note: %s is no longer over %d lines: take it off ALLOW_LONG\n", a[i], limit
    exit bad
}' $files || fail=1

# --- 2: the include graph -----------------------------------------------------------------------
# One line per quoted include: "file header".
incs=$(mktemp) || exit 2
trap 'rm -f "$incs"' EXIT INT TERM
find src include -name '*.[ch]' | LC_ALL=C sort | while read -r f; do
    sed -n 's/^[[:blank:]]*#[[:blank:]]*include[[:blank:]]*"\([^"]*\)".*/\1/p' "$f" | sed "s|^|$f |"
done >"$incs" || exit 2
find include -name '*.h' | LC_ALL=C sort | awk -v allow=" $ALLOW_EDGES " -v engine="$ENGINE" '
function layer(path) {
    if (path ~ /^(src|include)\/core\//) return "core"
    if (path ~ /^(src|include)\/cli\//) return "cli"
    if (path ~ /^(src|include)\/ui\//) return "ui"
    return "main"
}
function module(path,   m) { m = path; sub(/.*\//, "", m); sub(/\.[ch]$/, "", m); return m }
# may a file of layer from include a header of layer to?
function allowed_layer(from, to) {
    return from == to || to == "core" || from == "main"
}
# depth-first search; colour 1 = on the current path, 2 = done
function visit(m,   i, t) {
    colour[m] = 1; stack[++depth] = m
    for (i = 1; i <= nout[m]; i++) {
        t = out[m, i]
        if (colour[t] == 1) { cycle(t); bad = 1 }
        else if (!colour[t]) visit(t)
    }
    colour[m] = 2; depth--
}
# does module m include module t, directly or through others?
function reaches(m, t,   i) {
    if (m == t) return 1
    if (m in reached) return 0
    reached[m] = 1
    for (i = 1; i <= nout[m]; i++) if (reaches(out[m, i], t)) return 1
    return 0
}
function cycle(t,   i, s) {
    for (i = depth; i >= 1 && stack[i] != t; i--) ;
    s = stack[i]
    for (i++; i <= depth; i++) s = s " -> " stack[i]
    printf "include cycle: %s -> %s\n", s, t
}
NR == FNR {
    # the build finds headers by name (-I per layer): two of one name would be ambiguous
    if ((module($0) ".h") in hdr) { printf "%s: a second header of that name\n", $0; bad = 1 }
    hdr[module($0) ".h"] = layer($0); next
}
{
    f = $1; h = $2
    if (h == "config.h") next  # generated by the Makefile into build/: install paths only
    if (!(h in hdr)) {
        printf "%s: includes \"%s\", which is not a header of include/\n", f, h; bad = 1; next
    }
    if (!allowed_layer(layer(f), hdr[h])) {
        printf "%s: a %s file includes \"%s\", a %s header\n", f, layer(f), h, hdr[h]; bad = 1
    }
    a = module(f); b = module(h)
    if (a == b || ((a, b) in seen)) next
    if (index(allow, " " a ">" b " ")) {
        if (!((a, b) in skipped)) printf "allowed until undone: the edge %s -> %s\n", a, b
        skipped[a, b] = 1
        next
    }
    seen[a, b] = 1; out[a, ++nout[a]] = b
    if (!(a in known)) { known[a] = 1; order[++nmod] = a }
}
END {
    for (i = 1; i <= nmod; i++) if (!colour[order[i]]) visit(order[i])
    n = split(engine, e, " ")
    for (i = 1; i <= n; i++) {
        split("", reached)
        if (reaches(e[i], "scenario")) {
            printf "the engine knows the scenario file: %s includes scenario.h%s\n", e[i], \
                ((e[i], "scenario") in seen) ? "" : " (through another header)"
            bad = 1
        }
    }
    exit bad
}' - "$incs" || fail=1

exit "$fail"
