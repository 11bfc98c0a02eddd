#!/bin/sh
# run.sh - the first command on a fresh Debian machine: install what is missing, build, open bpviz.
# Arguments go to bpviz (default: document 000's worked example).
set -e
cd "$(dirname "$0")"
sh scripts/deps.sh
# All of `make` (the translations too), not just the binary: LANG=zh_CN.UTF-8 ./run.sh speaks Chinese.
make -j2 >/dev/null
exec ./bpviz "$@"
