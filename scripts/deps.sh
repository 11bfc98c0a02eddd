#!/bin/sh
# scripts/deps.sh - installs the Debian packages bpviz needs that this machine lacks.
# Uses sudo when not root; does nothing when everything is there. libcmocka-dev and the
# packages from tmux on are for the tests (a test whose tool is missing is a SKIP, and CI
# fails on a SKIP: tests/run.sh).
# --ci adds what CI also builds with: FANN for `make bench`, clang for the fuzzers,
# and PyTorch (for /usr/bin/python3) for tests/cli/export_torch.sh.
set -e
pkgs="build-essential pkg-config libncurses-dev libinih-dev libunistring-dev libcmocka-dev gettext tmux valgrind man-db locales libxml2-utils"
[ "${1:-}" = "--ci" ] && pkgs="$pkgs libfann-dev clang libclang-rt-14-dev python3-torch"
missing=""
for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "bpviz: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq $missing
