#!/bin/sh
# output.sh - output is never lost or silently cut. Every command-line mode whose standard
# output is a full device (/dev/full) or a closed pipe (SIGPIPE ignored, so writes fail with
# EPIPE) says "bpviz: write error: REASON" and exits 2, and a long run stops at once. The
# --svg chart replaces its file whole or not at all: a file size limit (a full disk, SIGXFSZ
# ignored or not), a broken standard output, Ctrl-C, SIGTERM, SIGHUP and SIGPIPE leave the old
# chart byte for byte and no temporary file beside it. Needs /dev/full and env(1)'s
# --default-signal (coreutils 8.31), else exit 77. Memory: tests/cli/output_memory.sh.
# Run from anywhere (it changes to the repository root); needs ./bpviz built (make).
cd "$(dirname "$0")/../.." || exit 2
LC_ALL=C
export LC_ALL
unset LANGUAGE BPVIZ_SCENARIOS BPVIZ_LOCALEDIR
bpviz=./bpviz
[ -x "$bpviz" ] || { echo "output: $bpviz is not built (run make)" >&2; exit 1; }
[ -c /dev/full ] || { echo "output: no /dev/full here, skipped"; exit 77; }
env --default-signal=INT true 2>/dev/null || { echo "output: env has no --default-signal, skipped"; exit 77; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() {
    printf 'output: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# expect WHAT STATUS 'STDERR': the last run's status and its stderr, exactly.
expect() {
    [ "$rc" -eq "$2" ] || fail "$1: exit status $rc, expected $2 (stderr: $(head -c 300 "$tmp/err"))"
    got=$(cat "$tmp/err")
    [ "$got" = "$3" ] || fail "$1: stderr is '$got', expected '$3'"
}

# ---- every mode, standard output on a full device ---------------------------------------
nospace="bpviz: write error: No space left on device"
full() {
    timeout 60 "$bpviz" "$@" >/dev/full 2>"$tmp/err" </dev/null
    rc=$?
    expect "bpviz $* >/dev/full" 2 "$nospace"
}
full --train scenarios/xor.bp
full --train --epochs 2 scenarios/xor.bp # three rows: only the final flush can fail
full --trace scenarios/doc000.bp
full --trace --iterations 3 scenarios/xor.bp
full --check scenarios/doc000.bp # its DIFFs would be exit status 1: a lost report is 2
full --handout scenarios/doc000.bp
full --handout --format tex --iterations 2 scenarios/doc003.bp
full --list
full --help
full -h
full --version
full -V
# The message is translated like any other.
LANGUAGE=zh_CN LC_ALL=C.UTF-8 timeout 60 "$bpviz" --version >/dev/full 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] || fail "--version >/dev/full in Chinese: exit status $rc"
grep -q '^bpviz: 写入错误: ' "$tmp/err" || fail "--version >/dev/full in Chinese: stderr is '$(cat "$tmp/err")'"
# Nothing written, nothing lost: no scenario values to check is still exit 0.
timeout 60 "$bpviz" --check scenarios/xor.bp >/dev/full 2>"$tmp/err"
rc=$?
expect "--check xor (no [expected]) >/dev/full" 0 "bpviz: scenarios/xor.bp: the scenario has no [expected] values to check"

# A chart is not written when the CSV was lost: no file, no temporary file.
mkdir "$tmp/f"
timeout 60 "$bpviz" --train --epochs 20 --svg "$tmp/f/new.svg" scenarios/xor.bp >/dev/full 2>"$tmp/err"
rc=$?
expect "--train --svg >/dev/full" 2 "$nospace"
[ -z "$(ls -A "$tmp/f")" ] || fail "--train --svg >/dev/full left: $(ls -A "$tmp/f")"

# ---- a closed pipe, SIGPIPE ignored: EPIPE, exit 2, and the run stops ---------------------
# pipe ARGS...: bpviz's stdout into `head -c1`, which leaves at once; the rest fails with EPIPE.
pipe() {
    start=$(date +%s)
    (
        trap '' PIPE
        timeout 30 "$bpviz" "$@" 2>"$tmp/err" </dev/null
        echo $? >"$tmp/rc"
    ) | head -c1 >/dev/null
    rc=$(cat "$tmp/rc")
    expect "bpviz $* | head -c1" 2 "bpviz: write error: Broken pipe"
    # Each of these runs well over 10 s when it does not stop at the broken pipe.
    [ $(($(date +%s) - start)) -lt 10 ] || fail "bpviz $* | head -c1 went on for $(($(date +%s) - start)) s"
}
pipe --train --epochs 10000000 scenarios/xor.bp
pipe --trace --iterations 1000000 scenarios/doc000.bp
pipe --handout --iterations 1000000 scenarios/xor.bp

# ---- the --svg chart: replaced whole, or left as it was -------------------------------------
mkdir "$tmp/svg"
chart="$tmp/svg/prev.svg"
printf '<svg>the old chart</svg>\n' >"$tmp/orig.svg"
# old_kept WHAT: the old chart byte for byte, and nothing else in its folder.
old_kept() {
    cmp -s "$chart" "$tmp/orig.svg" || fail "$1: the old chart changed ($(wc -c <"$chart") bytes now)"
    left=$(ls -A "$tmp/svg" | grep -vx 'prev.svg')
    [ -z "$left" ] || fail "$1: left $left beside the chart"
    rm -f "$tmp/svg/".prev.svg.* # so that one failure does not fail every check after it
}
cp "$tmp/orig.svg" "$chart"

# A full disk (a file size limit; SIGXFSZ ignored, so the write fails with EFBIG).
# The 300 epochs of XOR make a chart of over 5 KB; the limit is 1 or 2 KiB.
(
    ulimit -f 2 && trap '' XFSZ && exec "$bpviz" --train --epochs 300 --svg "$chart" scenarios/xor.bp
) >/dev/null 2>"$tmp/err"
rc=$?
expect "--svg over a file size limit" 2 "bpviz: cannot write $chart: File too large"
old_kept "--svg over a file size limit"
# The same with SIGXFSZ at its default: killed by it, still no trace.
(
    ulimit -f 2 && exec env --default-signal=XFSZ "$bpviz" --train --epochs 300 --svg "$chart" scenarios/xor.bp
) >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -gt 128 ] && [ "$(kill -l $((rc - 128)))" = XFSZ ] || fail "--svg over a file size limit, SIGXFSZ at default: exit status $rc"
old_kept "--svg over a file size limit, SIGXFSZ at default"

# Standard output broken (SIGPIPE ignored): exit 2, no chart of the cut run.
(
    trap '' PIPE
    timeout 30 "$bpviz" --train --epochs 10000000 --svg "$chart" scenarios/xor.bp 2>"$tmp/err"
    echo $? >"$tmp/rc"
) | head -c1 >/dev/null
rc=$(cat "$tmp/rc")
expect "--train --svg | head -c1" 2 "bpviz: write error: Broken pipe"
old_kept "--train --svg | head -c1"
# SIGPIPE at its default: killed by it, no trace either.
(
    timeout 30 env --default-signal=PIPE "$bpviz" --train --epochs 10000000 --svg "$chart" scenarios/xor.bp 2>"$tmp/err"
    echo $? >"$tmp/rc"
) | head -c1 >/dev/null
rc=$(cat "$tmp/rc")
[ "$rc" -gt 128 ] && [ "$(kill -l $((rc - 128)))" = PIPE ] || fail "--train --svg | head -c1, SIGPIPE at default: exit status $rc"
old_kept "--train --svg | head -c1, SIGPIPE at default"

# Ctrl-C, SIGTERM, SIGHUP during a long run, once its temporary file exists (the signals at
# their default in the child: a shell starts background jobs with SIGINT ignored).
for sig in INT TERM HUP; do
    env --default-signal="$sig" timeout 30 "$bpviz" --train --epochs 10000000 --svg "$chart" \
        scenarios/xor.bp >/dev/null 2>"$tmp/err" &
    pid=$!
    n=0
    while [ -z "$(ls -A "$tmp/svg" | grep -v -x 'prev.svg')" ] && [ "$n" -lt 100 ]; do
        sleep 0.1
        n=$((n + 1))
    done
    [ "$n" -lt 100 ] || fail "SIG$sig: no temporary file beside the chart after 10 s"
    sleep 0.2
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    # timeout passes the signal on and dies by it when its child did.
    [ "$rc" -gt 128 ] && [ "$(kill -l $((rc - 128)))" = "$sig" ] || fail "SIG$sig: exit status $rc, not killed by it"
    [ -s "$tmp/err" ] && fail "SIG$sig: stderr: $(cat "$tmp/err")"
    old_kept "SIG$sig during --train --svg"
done

# And a run that finishes replaces it, keeping its mode; a new chart gets 0666 less the umask.
chmod 640 "$chart"
timeout 60 "$bpviz" --train --epochs 300 --svg "$chart" scenarios/xor.bp >/dev/null 2>"$tmp/err"
rc=$?
expect "--train --svg" 0 ""
grep -q '</svg>' "$chart" || fail "--train --svg: the chart is not a whole SVG"
[ "$(stat -c %a "$chart")" = 640 ] || fail "--train --svg: the chart's mode became $(stat -c %a "$chart")"
[ -z "$(ls -A "$tmp/svg" | grep -vx 'prev.svg')" ] || fail "--train --svg left: $(ls -A "$tmp/svg")"
(umask 027 && exec timeout 60 "$bpviz" --train --epochs 3 --svg "$tmp/svg/new.svg" scenarios/xor.bp >/dev/null)
[ "$(stat -c %a "$tmp/svg/new.svg")" = 640 ] || fail "a new chart under umask 027: mode $(stat -c %a "$tmp/svg/new.svg")"

[ "$failures" -eq 0 ] || { echo "output: $failures failure(s)" >&2; exit 1; }
echo "output: all checks passed"
