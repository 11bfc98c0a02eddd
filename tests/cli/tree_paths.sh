#!/bin/sh
# tree_paths.sh - no tracked file names a place on one particular machine: no absolute path into
# a workspace or a home folder (/work, /home, /root, /Users, /mnt, /media, /srv, file:// URLs of
# them included) and not this checkout's own absolute path. Documents are cited by file name, as
# the scenarios' `source =` does. System paths every machine has (/usr, /dev, /proc, /tmp, /etc)
# are not places of one machine and are allowed.
# Run from anywhere (it changes to the repository root); SKIP (exit 77) without git or outside a
# git checkout.
cd "$(dirname "$0")/../.." || exit 2
command -v git >/dev/null 2>&1 || { echo "tree_paths: git is not installed: cannot run" >&2; exit 77; }
top=$(git rev-parse --show-toplevel 2>/dev/null)
here=$(pwd -P)
[ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$here" ] ||
    { echo "tree_paths: $here is not a git checkout: cannot tell the tracked files" >&2; exit 77; }

# A path starts the text or follows a character that cannot end a relative path's component
# (so scenarios/root/x or a/home/b are not flagged).
found=$(git grep -n -I -E '(^|[^A-Za-z0-9_.~-])/(work|home|root|Users|mnt|media|srv)/' -- .)
[ "$here" != / ] && found="$found$(git grep -n -I -F "$here/" -- . | sed '1s/^/\n/')"
if [ -n "$found" ]; then
    printf 'tree_paths: tracked files name absolute paths of one machine (cite documents by file name):\n%s\n' \
        "$found" >&2
    exit 1
fi
echo "tree_paths: ok"
