#!/bin/sh
# i18n.sh - the Simplified Chinese catalogue is complete and in use.
#  1. The template is extracted afresh from src/*.c src/*/*.c (xgettext with mk/i18n.mk's keywords and
#     ngettext) into a temporary file: every msgid must be in po/zh_CN.po, translated and not
#     fuzzy (msgcmp, msgfmt --statistics), and po/bpviz.pot must be up to date (make pot).
#  2. msgfmt --check: printf formats of every translation agree with their msgid (the same
#     directives in the same order); key names (Enter, Tab, Space, Esc ...) stay as they are;
#     labels drawn in fixed-width slots of the viewer fit them (a Chinese character is two columns).
#  3. At run time: LANGUAGE=zh_CN with a UTF-8 LC_CTYPE gives Chinese --help, Chinese option,
#     lookup and scenario errors (from build/locale beside the binary, and from $BPVIZ_LOCALEDIR);
#     English stays the default; LANG=zh_CN.UTF-8 itself (the locale built with localedef when
#     it is not installed).
# Run from anywhere (it changes to the repository root); needs ./bpviz built (make). SKIP (exit 77)
# when gettext's tools are missing, or, after every other check passed, when no zh_CN.UTF-8
# locale can be had (Debian package 'locales').
cd "$(dirname "$0")/../.." || exit 2
unset LANGUAGE LC_ALL LC_MESSAGES BPVIZ_LOCALEDIR BPVIZ_SCENARIOS
bpviz=./bpviz
po=po/zh_CN.po
[ -x "$bpviz" ] || { echo "i18n: $bpviz is not built (run make)" >&2; exit 1; }
[ -f "$po" ] || { echo "i18n: $po is missing" >&2; exit 1; }
for tool in xgettext msgfmt msgcmp gettext wc; do
    command -v "$tool" >/dev/null 2>&1 || { echo "i18n: $tool is not installed: cannot run (Debian: gettext)" >&2; exit 77; }
done

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() {
    printf 'i18n: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# ---- 1. the catalogue against the current sources ----
# The keywords mk/i18n.mk passes (_ and N_ today), plus ngettext's two forms explicitly.
keywords=$(grep -o -- '--keyword=[^ ]*' mk/i18n.mk | sort -u)
[ -n "$keywords" ] || fail "no --keyword options found in mk/i18n.mk"
# shellcheck disable=SC2086 # word splitting of the keyword list and the sources is meant
xgettext --from-code=UTF-8 --language=C $keywords --keyword=ngettext:1,2 --add-comments=TRANSLATORS \
    --package-name=bpviz -o "$tmp/bpviz.pot" $(ls src/*.c src/*/*.c | LC_ALL=C sort) 2>"$tmp/xgettext.err" ||
    fail "xgettext failed: $(cat "$tmp/xgettext.err")"
total=$(msgfmt --statistics -o /dev/null "$tmp/bpviz.pot" 2>&1 | sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p')
[ "${total:-0}" -gt 100 ] || fail "the fresh template has ${total:-no} messages (expected hundreds)"

# Every msgid of the sources is in zh_CN.po, translated, not fuzzy.
if ! msgcmp "$po" "$tmp/bpviz.pot" >"$tmp/msgcmp" 2>&1; then
    fail "$po does not cover the sources (run make pot, then translate):"
    grep -v 'warning: this message is not used' "$tmp/msgcmp" | head -n 40 >&2
fi
stats=$(msgfmt --check --statistics -o "$tmp/bpviz.mo" "$po" 2>&1) || fail "msgfmt --check $po failed: $stats"
case $stats in
*fuzzy* | *untranslated*) fail "$po: $stats" ;;
esac
translated=$(printf '%s\n' "$stats" | sed -n 's/^\([0-9][0-9]*\) translated message.*/\1/p' | tail -n 1)
[ "${translated:-0}" -ge "${total:-1}" ] || fail "$po translates ${translated:-0} of the $total messages"

# The template in the tree is the one `make pot` writes from these sources.
if [ -f po/bpviz.pot ]; then
    msgcmp --use-untranslated po/bpviz.pot "$tmp/bpviz.pot" >"$tmp/potcmp" 2>&1 ||
        fail "po/bpviz.pot is out of date (run make pot): $(grep -v 'not used' "$tmp/potcmp" | head -n 5)"
else
    fail "po/bpviz.pot is missing (run make pot)"
fi

# ---- 2. what the translations must keep ----
mkdir -p "$tmp/locale/zh_CN/LC_MESSAGES"
cp "$tmp/bpviz.mo" "$tmp/locale/zh_CN/LC_MESSAGES/bpviz.mo"
# zh MSGID: the translation, as the program gets it.
zh() { TEXTDOMAINDIR="$tmp/locale" LANGUAGE=zh_CN LC_ALL=C.UTF-8 gettext -d bpviz -- "$1"; }
# cols TEXT: display columns (wc -L counts a Chinese character as two in a UTF-8 locale).
cols() { printf '%s\n' "$1" | LC_ALL=C.UTF-8 wc -L; }

for key in Enter Tab Space Esc Backspace Shift-Tab PgUp PgDn Home End; do
    got=$(zh "$key")
    [ "$got" = "$key" ] || fail "the key name '$key' is translated as '$got': key names stay as they are"
done
[ "$(zh 'next')" != next ] || fail "zh_CN.mo does not translate 'next' (is the catalogue compiled?)"
# fits MAXCOLS MSGID...: each translation takes at most MAXCOLS columns (a slot of the viewer).
fits() {
    max=$1
    shift
    for id in "$@"; do
        t=$(zh "$id")
        [ "$(cols "$t")" -le "$max" ] || fail "'$id' -> '$t' takes $(cols "$t") columns; the viewer has $max"
    done
}
fits 10 next back phase finish "go to" reset view formula train speed log help quit pause # hint line
fits 8 rule symbols numbers                                  # the formula panel's labels
fits 8 forward loss delta gradient update                     # the event list's phase column
fits 12 TRAINING FORWARD BACKWARD UPDATE READY                # status line badge
fits 12 iteration now "$(printf 'start of %%ld')"             # value history's label column
fits 12 "train acc" "val acc" speed mode epoch                # training view's short labels
fits 16 diagram "weight matrices" "event list" training       # the tabs
# The history's row label with a four-digit iteration still fits its 12 columns.
t=$(zh 'start of %ld' | sed 's/%ld/1000/')
[ "$(cols "$t")" -le 12 ] || fail "'start of 1000' -> '$t' is wider than 12 columns"

# ---- 3. at run time ----
zh_run() { env LANGUAGE=zh_CN LANG=C.UTF-8 "$bpviz" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?; }
has() { grep -qF -- "$2" "$1"; }

# --help in Chinese, from build/locale beside the in-tree binary.
zh_run --help
[ "$rc" -eq 0 ] || fail "LANGUAGE=zh_CN bpviz --help: exit status $rc"
for w in "用法：bpviz" "反向传播" "退出状态" "--handout" "--list"; do
    has "$tmp/out" "$w" || fail "LANGUAGE=zh_CN bpviz --help lacks '$w': $(head -n 3 "$tmp/out")"
done
has "$tmp/out" "Usage:" && fail "LANGUAGE=zh_CN bpviz --help is still English"
# Every line of the help fits an 80-column terminal.
w=$(LC_ALL=C.UTF-8 wc -L <"$tmp/out")
[ "$w" -le 80 ] || fail "LANGUAGE=zh_CN bpviz --help has a line of $w columns"

# Errors in Chinese: a bad option value, an unknown option, an unknown scenario, a malformed file.
zh_run --format pdf doc000
[ "$rc" -eq 2 ] || fail "zh: --format pdf: exit status $rc, expected 2"
has "$tmp/err" "bpviz: --format 只接受 md 或 tex，而不是“pdf”" || fail "zh: --format pdf: stderr is '$(cat "$tmp/err")'"
zh_run --no-such-option
[ "$rc" -eq 2 ] || fail "zh: unknown option: exit status $rc, expected 2"
has "$tmp/err" "请尝试执行“bpviz --help”来获取更多信息。" || fail "zh: unknown option: stderr is '$(cat "$tmp/err")'"
zh_run --check no-such-scenario
[ "$rc" -eq 2 ] || fail "zh: unknown scenario: exit status $rc, expected 2"
[ "$(cat "$tmp/err")" = "bpviz: no-such-scenario: 没有这个文件，也没有这个名称的场景（见 bpviz --list）" ] ||
    fail "zh: unknown scenario: stderr is '$(cat "$tmp/err")'"
# A scenario error: its position stays, the message is Chinese, and the English plural ending the
# msgid passes as an argument ("layer%s") leaves no stray "s".
cat >"$tmp/bad.bp" <<'EOF'
[scenario]
title = 中文标题
[network]
layers = 2 1
[layer 1]
weights = 1 2
[layer 2]
weights = 1
[data]
sample = 1 2 -> 1
EOF
zh_run --check "$tmp/bad.bp"
[ "$rc" -eq 2 ] || fail "zh: malformed scenario: exit status $rc, expected 2"
[ "$(cat "$tmp/err")" = "bpviz: $tmp/bad.bp:7: 没有第 2 层：[network] 的 layers 只给出 1 个计算层" ] ||
    fail "zh: malformed scenario: stderr is '$(cat "$tmp/err")'"

# $BPVIZ_LOCALEDIR wins over build/locale: an empty folder there means English.
mkdir -p "$tmp/empty"
env BPVIZ_LOCALEDIR="$tmp/empty" LANGUAGE=zh_CN LANG=C.UTF-8 "$bpviz" --help >"$tmp/out" 2>&1
has "$tmp/out" "Usage: bpviz" || fail "BPVIZ_LOCALEDIR=(empty) LANGUAGE=zh_CN: not English: $(head -n 1 "$tmp/out")"
env BPVIZ_LOCALEDIR="$tmp/locale" LANGUAGE=zh_CN LANG=C.UTF-8 "$bpviz" --help >"$tmp/out" 2>&1
has "$tmp/out" "用法：bpviz" || fail "BPVIZ_LOCALEDIR=(fresh catalogue): not Chinese: $(head -n 1 "$tmp/out")"

# English stays the default: no LANGUAGE, or the C locale (where gettext ignores LANGUAGE).
env LANG=C.UTF-8 "$bpviz" --help >"$tmp/out" 2>&1
has "$tmp/out" "Usage: bpviz" || fail "LANG=C.UTF-8: --help is not English: $(head -n 1 "$tmp/out")"
env LC_ALL=C LANGUAGE=zh_CN "$bpviz" --help >"$tmp/out" 2>&1
has "$tmp/out" "Usage: bpviz" || fail "LC_ALL=C LANGUAGE=zh_CN: --help is not English: $(head -n 1 "$tmp/out")"

# LANG=zh_CN.UTF-8 itself: built into a private LOCPATH when the locale sources are there
# (Debian package 'locales'); a system that has zh_CN.UTF-8 installed is used as it is.
locpath=""
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
    locpath=system
elif command -v localedef >/dev/null 2>&1 && [ -f /usr/share/i18n/locales/zh_CN ] && mkdir -p "$tmp/loc" &&
    localedef -i zh_CN -f UTF-8 "$tmp/loc/zh_CN.UTF-8" >/dev/null 2>&1; then
    locpath="$tmp/loc"
fi
if [ -n "$locpath" ]; then
    if [ "$locpath" = system ]; then
        env LANG=zh_CN.UTF-8 "$bpviz" --help >"$tmp/out" 2>&1
    else
        env LOCPATH="$locpath" LANG=zh_CN.UTF-8 "$bpviz" --help >"$tmp/out" 2>&1
    fi
    has "$tmp/out" "用法：bpviz" || fail "LANG=zh_CN.UTF-8: --help is not Chinese: $(head -n 1 "$tmp/out")"
fi

[ "$failures" -eq 0 ] || { echo "i18n: $failures failure(s)" >&2; exit 1; }
if [ -z "$locpath" ]; then
    echo "i18n: no zh_CN.UTF-8 locale and no locale sources to build it: LANG=zh_CN.UTF-8 not tried (apt-get install locales)" >&2
    exit 77
fi
exit 0
