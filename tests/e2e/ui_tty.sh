#!/bin/sh
# tests/e2e/ui_tty.sh - the viewer on a pseudo-terminal of its own (tests/e2e/pty_run.py): a TERM
# that cannot work is refused before the terminal is touched, and a terminal that goes away
# ends the viewer (status 2, or by SIGHUP when one comes) instead of spinning on it.
cd "$(dirname "$0")/../.." || exit 2
BPVIZ=${BPVIZ:-./bpviz}
[ -x "$BPVIZ" ] || { echo "$BPVIZ not built" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: cannot make a pty" >&2; exit 77; }
export LANG=C.UTF-8
unset LC_ALL LANGUAGE LC_MESSAGES LC_CTYPE
failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM HUP

fail() { echo "FAIL: $1" >&2; failed=1; }

# run ARGS...: pty_run.py's report in $tmp/report, bpviz's stderr in $tmp/err.
run() { timeout 30 python3 -S tests/e2e/pty_run.py --stderr "$tmp/err" "$@" >"$tmp/report" 2>&1; }

# expect WHAT LINE: the report has LINE.
expect() { grep -qx "$2" "$tmp/report" || fail "$1: expected '$2' in: $(tr '\n' ' ' <"$tmp/report")"; }

# expect_err WHAT TEXT: bpviz's stderr is exactly the line TEXT.
expect_err() {
    printf '%s\n' "$2" | cmp -s - "$tmp/err" || fail "$1: stderr is '$(cat "$tmp/err")', expected '$2'"
}

# TERM unusable: one line, status 2, and nothing written to the terminal nor its modes changed.
tail="(set TERM, or try --trace or --check for text output)"
run -- env TERM=dumb "$BPVIZ" scenarios/doc000.bp
expect "TERM=dumb" "status=2"
expect "TERM=dumb" "tty_bytes=0"
expect "TERM=dumb" "termios=same"
expect_err "TERM=dumb" "bpviz: the terminal 'dumb' cannot show the viewer: it cannot move the cursor $tail"

# In Chinese too (tests/cli/i18n.sh checks every message has a translation; this one is shown).
run -- env TERM=dumb LANGUAGE=zh_CN "$BPVIZ" scenarios/doc000.bp
expect "TERM=dumb, zh_CN" "status=2"
expect_err "TERM=dumb, zh_CN" "bpviz: 终端“dumb”无法显示查看器：它不能移动光标（请设置 TERM；要文本输出请用 --trace 或 --check）"

run -- env TERM=no-such-terminal "$BPVIZ" scenarios/doc000.bp
expect "unknown TERM" "status=2"
expect "unknown TERM" "tty_bytes=0"
expect "unknown TERM" "termios=same"
expect_err "unknown TERM" "bpviz: the terminal type 'no-such-terminal' is unknown here: terminfo has no entry for it $tail"

for how in "-u TERM" "TERM="; do
    run -- env $how "$BPVIZ" scenarios/doc000.bp
    expect "env $how" "status=2"
    expect "env $how" "tty_bytes=0"
    expect "env $how" "termios=same"
    expect_err "env $how" "bpviz: TERM is not set: the viewer cannot tell what the terminal can do $tail"
done

# A usable one: the viewer draws (so the checks above are not passing by accident).
run --wait-for "event 0/35" --keys q -- env TERM=screen "$BPVIZ" scenarios/doc000.bp
expect "TERM=screen" "seen=yes"
expect "TERM=screen" "status=0"
expect "TERM=screen" "termios=same"

# The terminal closed under a viewer waiting for a key, with no controlling terminal and so no
# SIGHUP: getch fails for ever. bpviz must end at once, without burning the CPU meanwhile.
lost="bpviz: the terminal went away"
run --wait-for "event 0/35" --close --limit 5 -- env TERM=screen "$BPVIZ" scenarios/doc000.bp
expect "lost, waiting" "seen=yes"
expect "lost, waiting" "status=2"
expect_err "lost, waiting" "$lost"
cpu=$(sed -n 's/^cpu=//p' "$tmp/report")
awk -v c="${cpu:-9}" 'BEGIN { exit !(c < 1.0) }' || fail "lost, waiting: bpviz used ${cpu:-?} s of CPU"

# The same while training: getch waits with a timeout there, so ERR is also the ordinary tick.
run --wait-for "event 0/35" --keys t --close --limit 5 -- env TERM=screen "$BPVIZ" scenarios/doc000.bp
expect "lost, training" "status=2"
expect_err "lost, training" "$lost"

# Under nohup (SIGHUP ignored, and left ignored) the hangup of a controlling terminal is no signal either.
run --ctty --wait-for "event 0/35" --close --limit 5 -- \
    sh -c 'trap "" HUP; exec env TERM=screen "$0" scenarios/doc000.bp' "$BPVIZ"
expect "lost, nohup" "status=2"
expect_err "lost, nohup" "$lost"

# With a controlling terminal the hangup is SIGHUP: bpviz ends by it, as by any fatal signal.
run --ctty --wait-for "event 0/35" --close --limit 5 -- env TERM=screen "$BPVIZ" scenarios/doc000.bp
expect "hangup" "signal=1"

exit $failed
