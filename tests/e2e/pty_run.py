#!/usr/bin/env python3
# tests/e2e/pty_run.py - runs a command on a fresh pseudo-terminal (a helper of ui_tty.sh, not a test):
# can type keys into it and then close the terminal, and reports how the command ended.
#
#   pty_run.py [--wait-for TEXT] [--keys TEXT] [--close] [--ctty] [--limit SEC] [--stderr FILE] -- CMD ARGS...
#
# The command gets the pty's slave as stdin and stdout (80x24), its stderr goes to FILE. Without
# --ctty it runs in a session of its own with no controlling terminal, so closing the terminal
# sends it no SIGHUP: the terminal simply goes away, as when a remote link drops. Prints lines:
#   status=N | signal=N | alive   how it ended within --limit seconds after the close (or start)
#   elapsed=S                     seconds from the close (or start) to that end
#   cpu=S                         the command's user+system CPU seconds
#   tty_bytes=N                   bytes it wrote to the terminal before the close
#   termios=same|changed          the terminal's modes after it ended, against before (without --close)
#   seen=yes|no                   whether --wait-for's TEXT appeared
import argparse
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time

ap = argparse.ArgumentParser()
ap.add_argument("--wait-for", default=None)
ap.add_argument("--keys", default="")
ap.add_argument("--close", action="store_true")
ap.add_argument("--ctty", action="store_true")
ap.add_argument("--limit", type=float, default=5.0)
ap.add_argument("--stderr", default=os.devnull)
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
if not cmd:
    sys.exit("pty_run.py: no command")

master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
before = termios.tcgetattr(slave)


def child_setup():
    if a.ctty:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)


err = open(a.stderr, "wb")
p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=err, start_new_session=True,
                     preexec_fn=child_setup)
err.close()
out = b""
status = None
usage = None


def reap(block):
    global status, usage
    if status is not None:
        return True
    pid, st, ru = os.wait4(p.pid, 0 if block else os.WNOHANG)
    if pid == 0:
        return False
    status, usage = st, ru
    return True


def drain(seconds):
    """Reads the terminal for up to seconds, or until --wait-for's text shows or the command ends."""
    global out
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        r, _, _ = select.select([master], [], [], 0.05)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            out += chunk
        if a.wait_for and a.wait_for.encode() in out:
            return True
        if reap(False):
            return False
    return False


seen = drain(10.0) if a.wait_for else False
for ch in a.keys:
    os.write(master, ch.encode())
    drain(0.3)
t0 = time.monotonic()
tty_bytes = len(out)
if a.close:
    os.close(master)
else:
    drain(a.limit)
while status is None and time.monotonic() - t0 < a.limit:
    if reap(False):
        break
    time.sleep(0.02)
elapsed = time.monotonic() - t0
if status is None:
    print("alive")
    os.kill(p.pid, signal.SIGKILL)
    reap(True)
elif os.WIFSIGNALED(status):
    print("signal=%d" % os.WTERMSIG(status))
else:
    print("status=%d" % os.WEXITSTATUS(status))
print("elapsed=%.2f" % elapsed)
print("cpu=%.2f" % (usage.ru_utime + usage.ru_stime))
print("tty_bytes=%d" % tty_bytes)
if not a.close:
    print("termios=%s" % ("same" if termios.tcgetattr(slave) == before else "changed"))
print("seen=%s" % ("yes" if seen else "no"))
