#!/bin/sh
# run.sh - the first command on a fresh Debian machine: install what is missing, build, open bpviz.
# Arguments go to bpviz (default: document 000's worked example).
set -e
cd "$(dirname "$0")"
sh scripts/deps.sh
make -j2 bpviz >/dev/null
exec ./bpviz "$@"
