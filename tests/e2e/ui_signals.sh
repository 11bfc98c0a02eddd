#!/bin/sh
# tests/e2e/ui_signals.sh - signals give the terminal back: a fatal one restores it and ends
# bpviz by that signal (the shell's 128+n); Ctrl-Z and kill -TSTP stop it, fg brings it back
# whole, with arrow keys still read as arrows.
. "$(dirname "$0")/lib.inc"

ulimit -c 0 2>/dev/null # SIGQUIT dumps core by default: not into the source tree

# sig_flags: the pane's alternate screen, mouse, keypad and cursor flags, as tmux sees them.
sig_flags() {
    $TMUX_CMD display-message -p -t $SESSION \
        'alt=#{alternate_on} mouse=#{mouse_any_flag} keypad=#{keypad_cursor_flag} cursor=#{cursor_flag}' 2>/dev/null
}

# sig_bpviz_pid: bpviz's pid, the one child of the pane's shell.
sig_bpviz_pid() {
    pp=$($TMUX_CMD display-message -p -t $SESSION '#{pane_pid}' 2>/dev/null)
    [ -n "$pp" ] && pgrep -P "$pp"
}

# sig_restored WHAT: the terminal after bpviz ended: modes, screen, mouse, keypad, cursor.
sig_restored() {
    e2e_wait "icanon" 30
    scr=$(e2e_screen)
    echo "$scr" | grep -qE '(^| )icanon( |$)' || e2e_fail "$1: terminal left without icanon"
    echo "$scr" | grep -qE '(^| )echo( |$)' || e2e_fail "$1: terminal left without echo"
    f=$(sig_flags)
    [ "$f" = "alt=0 mouse=0 keypad=0 cursor=1" ] ||
        e2e_fail "$1: terminal left as '$f', expected 'alt=0 mouse=0 keypad=0 cursor=1'"
}

# A fatal signal from outside, while the viewer waits for a key: status 128+n, terminal restored
# (SIGSEGV sent by kill, unlike a real fault, is not left to fault again).
for s in QUIT:131 USR1:138 ALRM:142 TERM:143 INT:130 HUP:129 SEGV:139; do
    sig=${s%:*}
    code=${s#*:}
    e2e_start 80 24 -- scenarios/doc000.bp
    e2e_expect "event 0/35" "SIG$sig: opens"
    e2e_keys Space
    e2e_expect "event 1/35" "SIG$sig: steps"
    f=$(sig_flags)
    [ "$f" = "alt=1 mouse=1 keypad=1 cursor=0" ] || e2e_fail "SIG$sig: the viewer runs with '$f' (the test expects all set)"
    pid=$(sig_bpviz_pid)
    if [ -z "$pid" ]; then
        e2e_fail "SIG$sig: no bpviz process under the pane"
        continue
    fi
    kill -"$sig" "$pid"
    e2e_wait "EXIT=" 50 || e2e_fail "SIG$sig: bpviz did not end"
    e2e_screen | grep -qx "EXIT=$code" || e2e_fail "SIG$sig: exit status is not $code"
    sig_restored "SIG$sig"
done

# A fatal signal in the middle of drawing: XOR's 1000 epochs at 50 a second, a frame for each.
e2e_start 80 24 -- scenarios/xor.bp
e2e_expect "event 0/" "training: opens"
e2e_keys t
e2e_expect "TRAINING" "training: starts"
pid=$(sig_bpviz_pid)
if [ -n "$pid" ]; then
    kill -USR2 "$pid"
    e2e_wait "EXIT=" 50 || e2e_fail "training: SIGUSR2 did not end bpviz"
    e2e_screen | grep -qx "EXIT=140" || e2e_fail "training: exit status is not 140"
    sig_restored "training"
else
    e2e_fail "training: no bpviz process under the pane"
fi

# Job control needs an interactive shell: bpviz is typed into one, as a user would.
E2E_RUN=$((E2E_RUN + 1))
e2e_cleanup
SOCK="bpviz-test-$$-$E2E_RUN"
TMUX_CMD="tmux -L $SOCK -f /dev/null"
$TMUX_CMD new-session -d -s $SESSION -x 80 -y 24 -c "$PWD" \
    "env -u ENV TERM=screen LANG=$LANG PS1='PROMPT\$ ' sh -i"
$TMUX_CMD set-option -t $SESSION remain-on-exit on >/dev/null 2>&1
sh_type() { $TMUX_CMD send-keys -t $SESSION -l "$1" 2>/dev/null; $TMUX_CMD send-keys -t $SESSION Enter 2>/dev/null; }
# sh_modes TAG: the shell prints the terminal's icanon and echo modes, then TAG.
sh_modes() {
    sh_type "stty -a | tr ';' '\\n' | grep -Eo '(^| )-?(icanon|echo)( |\$)' | tr -d ' ' | tr '\\n' ' '; echo $1"
    e2e_wait "icanon echo $1" 30 || e2e_fail "$1: the shell's terminal is not back to icanon echo"
}
e2e_wait "PROMPT\$" 50 || e2e_fail "job control: the shell did not start"
sh_type "$BPVIZ scenarios/doc000.bp"
e2e_expect "event 0/35" "job control: opens"
e2e_keys Space Space Space
e2e_expect "event 3/35" "job control: steps"

# kill -TSTP from outside: the terminal is given back before the stop, and taken again at fg.
pid=$(sig_bpviz_pid)
[ -n "$pid" ] || e2e_fail "TSTP: no bpviz process under the shell"
[ -n "$pid" ] && kill -TSTP "$pid"
i=0
while [ $i -lt 50 ] && [ "$(e2e_screen | grep -c Stopped)" -lt 1 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(e2e_screen | grep -c Stopped)" -ge 1 ] || e2e_fail "TSTP: bpviz did not stop"
f=$(sig_flags)
[ "$f" = "alt=0 mouse=0 keypad=0 cursor=1" ] || e2e_fail "TSTP: the shell got the terminal as '$f'"
sh_modes ":TSTP"
sh_type fg
e2e_expect "event 3/35" "TSTP: fg shows the viewer again"
e2e_settle
f=$(sig_flags)
[ "$f" = "alt=1 mouse=1 keypad=1 cursor=0" ] || e2e_fail "TSTP: after fg the terminal is '$f'"
# Right is one key, the next event; read as ESC [ C, '[' would go back a phase to event 0.
e2e_keys Right
e2e_expect "event 4/35" "TSTP: Right after fg steps once"
e2e_settle
e2e_screen | grep -q "event 4/35" || e2e_fail "TSTP: Right after fg did more than step once"

# Ctrl-Z: raw mode reads it as a key; bpviz stops its job as the terminal's own ^Z would.
e2e_keys C-z
i=0
while [ $i -lt 50 ] && [ "$(e2e_screen | grep -c Stopped)" -lt 2 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(e2e_screen | grep -c Stopped)" -ge 2 ] || e2e_fail "Ctrl-Z: bpviz did not stop"
f=$(sig_flags)
[ "$f" = "alt=0 mouse=0 keypad=0 cursor=1" ] || e2e_fail "Ctrl-Z: the shell got the terminal as '$f'"
sh_modes ":CTRLZ"
sh_type fg
e2e_expect "event 4/35" "Ctrl-Z: fg shows the viewer again"
e2e_settle
f=$(sig_flags)
[ "$f" = "alt=1 mouse=1 keypad=1 cursor=0" ] || e2e_fail "Ctrl-Z: after fg the terminal is '$f'"
e2e_keys Right
e2e_expect "event 5/35" "Ctrl-Z: Right after fg steps once"
e2e_settle
e2e_screen | grep -q "event 5/35" || e2e_fail "Ctrl-Z: Right after fg did more than step once"

# And q still quits cleanly.
e2e_keys q
i=0
while [ $i -lt 50 ] && [ "$(sig_flags)" != "alt=0 mouse=0 keypad=0 cursor=1" ]; do sleep 0.1; i=$((i + 1)); done
[ "$(sig_flags)" = "alt=0 mouse=0 keypad=0 cursor=1" ] || e2e_fail "job control: q did not quit"
sh_type 'echo EXIT=$?'
e2e_wait "EXIT=0" 30 || e2e_fail "job control: exit status is not 0"

exit $E2E_FAILED
