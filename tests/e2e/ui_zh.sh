#!/bin/sh
# tests/e2e/ui_zh.sh - the viewer in Chinese (LANGUAGE=zh_CN, a UTF-8 locale): document 000 at 80×24,
# 160×50 and 60×16 (stepping, the panel's verdicts, the matrices, the event list, the help), the
# training view (document 000 to its 100 epochs, XOR paused), a scenario whose title and notation are
# Chinese, and resizing to too small and back. Every screen is checked for Chinese labels, and for
# layout: no line wider than the terminal, valid UTF-8 without replacement characters, the formula
# panel's rule exactly as wide as the terminal, every connection's "┤" of a layer in one column, the
# help's frame and the training view's separator straight (a Chinese character is two columns: one
# cut in half or counted as one shifts everything after it).
. "$(dirname "$0")/lib.inc"

unset LANGUAGE BPVIZ_LOCALEDIR
ZH="LANGUAGE=zh_CN"
TMPD=$(mktemp -d) || exit 2
trap 'e2e_cleanup; rm -rf "$TMPD"' EXIT INT TERM HUP

# tmux_width: the pane's width now.
tmux_width() { $TMUX_CMD display-message -p -t $SESSION '#{pane_width}' 2>/dev/null; }

# cols: display columns of the longest line of stdin (wc -L counts a Chinese character as two).
cols() { LC_ALL=C.UTF-8 wc -L; }

# glyph_cols GLYPH: the display columns (from 0) where GLYPH stands on the screen, one per line of
# output, with the row: "ROW COL".
glyph_cols() {
    e2e_screen | {
        row=0
        while IFS= read -r line; do
            rest=$line
            col=0
            while :; do
                case $rest in
                *"$1"*) ;;
                *) break ;;
                esac
                pre=${rest%%"$1"*}
                w=$(printf '%s\n' "$pre" | cols)
                col=$((col + w))
                echo "$row $col"
                col=$((col + 1))
                rest=${rest#*"$1"}
            done
            row=$((row + 1))
        done
    }
}

# zh_layout W H WHAT: the checks every screen must pass.
zh_layout() {
    e2e_settle
    scr=$(e2e_screen)
    n=$(printf '%s\n' "$scr" | wc -l)
    [ "$n" -le "$2" ] || e2e_fail "$3: $n lines on a screen of $2"
    w=$(printf '%s\n' "$scr" | cols)
    [ "$w" -le "$1" ] || e2e_fail "$3: a line of $w columns on a screen of $1"
    printf '%s\n' "$scr" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || e2e_fail "$3: the screen is not valid UTF-8"
    printf '%s\n' "$scr" | grep -q "$(printf '\357\277\275')" && e2e_fail "$3: a replacement character (U+FFFD) on screen"
    # The formula panel's rule ("── title ──── verdict ─") runs from the first to the last column.
    rule=$(printf '%s\n' "$scr" | grep '^── ' | head -n 1)
    if [ -n "$rule" ]; then
        rw=$(printf '%s\n' "$rule" | cols)
        [ "$rw" -eq "$1" ] || e2e_fail "$3: the formula panel's rule is $rw columns wide, not $1: $rule"
        case $rule in *─) ;; *) e2e_fail "$3: the formula panel's rule does not end in ─: $rule" ;; esac
    fi
    return 0
}

# zh_tees MAX WHAT: the connections' "┤" stand in at most MAX columns (one per computing layer);
# narrow screens (below 80 columns) draw no connection labels.
zh_tees() {
    [ "$(tmux_width)" -lt 80 ] && return 0
    c=$(glyph_cols "┤" | awk '{print $2}' | sort -u | wc -l)
    [ "$c" -ge 1 ] && [ "$c" -le "$1" ] || e2e_fail "$2: '┤' in $c different columns (expected 1 to $1): $(glyph_cols "┤" | awk '{print $2}' | sort -u | tr '\n' ' ')"
}

# zh_box WHAT: the help's frame is straight: on every row between ┌ and └ the first and the last frame
# character stand in the same columns as the corners.
zh_box() {
    left=$(glyph_cols "┌" | awk 'NR == 1 {print $2}')
    right=$(glyph_cols "┐" | awk 'NR == 1 {print $2}')
    top=$(glyph_cols "┌" | awk 'NR == 1 {print $1}')
    bottom=$(glyph_cols "└" | awk 'NR == 1 {print $1}')
    if [ -z "$left" ] || [ -z "$right" ] || [ -z "$bottom" ]; then
        e2e_fail "$1: no frame"
        return
    fi
    [ "$(glyph_cols "└" | awk 'NR == 1 {print $2}')" = "$left" ] || e2e_fail "$1: └ not under ┌"
    [ "$(glyph_cols "┘" | awk 'NR == 1 {print $2}')" = "$right" ] || e2e_fail "$1: ┘ not under ┐"
    bad=$(glyph_cols "│" | awk -v t="$top" -v b="$bottom" -v l="$left" -v r="$right" '
        $1 > t && $1 < b { if (!($1 in first)) first[$1] = $2; last[$1] = $2 }
        END { for (row in first) if (first[row] != l || last[row] != r) printf "%s ", row }')
    [ -z "$bad" ] || e2e_fail "$1: the frame is not straight on rows $bad"
    rows=$(glyph_cols "│" | awk -v t="$top" -v b="$bottom" '$1 > t && $1 < b {print $1}' | sort -u | wc -l)
    [ "$rows" -eq $((bottom - top - 1)) ] || e2e_fail "$1: $rows of the $((bottom - top - 1)) rows inside the frame have its │"
}

# zh_separator FROM TO WHAT [COUNT]: COUNT columns (1 unless given) hold "│" on every row FROM…TO
# (the training view's separator; the value history's two sides).
zh_separator() {
    n=$(($2 - $1 + 1))
    c=$(glyph_cols "│" | awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b {print $1, $2}' | sort -u |
        awk -v n="$n" '{count[$2]++} END {k = 0; for (c in count) if (count[c] == n) k++; print k}')
    [ "${c:-0}" -ge "${4:-1}" ] ||
        e2e_fail "$3: ${c:-0} columns hold │ on all rows $1-$2, expected ${4:-1}"
}

# zh_row TEXT: the screen row (from 0) of the first line holding TEXT.
zh_row() { e2e_screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1 | awk '{print $1 - 1}'; }

# zh_click TEXT: a left click on the first character of TEXT (X10 mouse reports, as in ui_mouse.sh).
zh_click() {
    r=$(zh_row "$1")
    [ -n "$r" ] || { e2e_fail "'$1' is not on the screen to click"; return 1; }
    line=$(e2e_screen | sed -n "$((r + 1))p")
    c=$(printf '%s\n' "${line%%"$1"*}" | cols)
    x=$(printf '%03o' $((c + 33)))
    y=$(printf '%03o' $((r + 33)))
    $TMUX_CMD send-keys -t $SESSION -l "$(printf "\033[M \\$x\\$y")"
    $TMUX_CMD send-keys -t $SESSION -l "$(printf "\033[M#\\$x\\$y")"
}

# zh_goto N: the go-to prompt, in Chinese.
zh_goto() {
    e2e_keys g
    e2e_wait "跳到事件（0-" 30 || { e2e_fail "the go-to prompt did not open (in Chinese)"; return 1; }
    e2e_keys "$1" Enter
    e2e_wait_gone "跳到事件（0-" 30 || { e2e_fail "go to event $1: the prompt stays"; return 1; }
    e2e_settle
    # Narrow status lines leave the event counter out; where it shows, it says where we are.
    if e2e_screen | head -n 1 | grep -qF "事件 "; then
        e2e_screen | head -n 1 | grep -qF "事件 $1/" || e2e_fail "go to event $1"
    fi
}

# ---- document 000, stepping, at the sizes the viewer supports ----
walk() { # W H
    tag="doc000 $1×$2"
    e2e_start "$1" "$2" $ZH -- scenarios/doc000.bp
    e2e_expect "事件 0/35" "$tag: opens in Chinese"
    for w in "第 1 次迭代" "就绪" "下一步"; do e2e_expect "$w" "$tag: start screen"; done
    if [ "$2" -ge 24 ]; then
        for w in "输入层" "隐藏层 sigmoid" "输出层 sigmoid" "第 1 次迭代：尚未计算" "按 →（或 Space）计算第一个值"; do
            e2e_expect "$w" "$tag: start screen"
        done
    fi
    e2e_screen | grep -qF "iteration" && e2e_fail "$tag: English 'iteration' on the Chinese screen"
    zh_layout "$1" "$2" "$tag start"
    zh_tees 2 "$tag start"

    e2e_keys Space
    e2e_expect "事件 1/35" "$tag: Space steps"
    for w in "▶ 前向" "前向 · 加权输入" "通式" "记号" "数值" "✓ 文档值 0.1325"; do
        e2e_expect "$w" "$tag: the first event"
    done
    zh_layout "$1" "$2" "$tag event 1"
    zh_tees 2 "$tag event 1"

    zh_goto 14
    for w in "◀ 反向 误差项" "✗ 文档给出 0.02728" "神经元的误差项"; do e2e_expect "$w" "$tag: event 14"; done
    zh_layout "$1" "$2" "$tag event 14"
    zh_tees 2 "$tag event 14"

    zh_goto 28
    for w in "⟳ 更新" "权重更新" "✓ 文档值 0.36051"; do e2e_expect "$w" "$tag: event 28"; done
    zh_layout "$1" "$2" "$tag event 28"

    e2e_keys Tab
    e2e_expect "按文档写法排列的权重矩阵" "$tag: the matrices"
    e2e_expect "层：v₁₁ … v₂₂，行 h₁…，列 ŷ₁…" "$tag: the matrices"
    e2e_expect "当前权重" "$tag: the matrices"
    zh_layout "$1" "$2" "$tag matrices"
    e2e_keys Tab
    e2e_expect "共 35 个事件，已完成 28 个" "$tag: the event list"
    e2e_expect "原为 0.4" "$tag: the event list"
    zh_layout "$1" "$2" "$tag event list"
    e2e_keys Tab Tab
    e2e_wait "事件 28/35" || e2e_fail "$tag: back to the diagram"

    e2e_keys '?'
    e2e_expect "bpviz 帮助：按键与标记" "$tag: help"
    for w in "逐步演示一次迭代" "下一个事件：计算一个值" "Backspace" "Enter" "Space"; do
        e2e_expect "$w" "$tag: help"
    done
    zh_layout "$1" "$2" "$tag help"
    zh_box "$tag help"
    # Scrolled to the end: the marks and the training view's legend.
    e2e_keys PageDown PageDown PageDown PageDown PageDown
    e2e_expect "训练视图" "$tag: help, scrolled"
    zh_layout "$1" "$2" "$tag help scrolled"
    zh_box "$tag help scrolled"
    e2e_keys Escape
    e2e_wait_gone "bpviz 帮助" || e2e_fail "$tag: Esc closes the help"

    # Too small, then back: the message wraps between words or characters, never inside "60×16".
    e2e_resize 50 12
    e2e_expect "终端太小（至少需要 60×16）" "$tag: 50×12 is too small"
    e2e_expect "当前 50×12" "$tag: 50×12"
    zh_layout 50 12 "$tag at 50×12"
    e2e_resize 24 10
    e2e_expect "60×16" "$tag: 24×10, the size whole"
    zh_layout 24 10 "$tag at 24×10"
    e2e_resize "$1" "$2"
    e2e_expect "事件 28/35" "$tag: growing back restores the viewer"
    e2e_wait_gone "终端太小" || e2e_fail "$tag: the too-small screen went away"
    zh_layout "$1" "$2" "$tag after resizing"
    zh_tees 2 "$tag after resizing"
    e2e_quit
}
walk 80 24
walk 160 50
walk 60 16

# ---- a neuron's value history (a click on h1 at the end of iteration 1) ----
e2e_start 120 40 $ZH -- scenarios/doc000.bp
e2e_expect "事件 0/35" "history: opens"
e2e_keys Enter
e2e_expect "事件 35/35" "history: Enter finishes the iteration"
zh_click "h₁       0.533077"
e2e_expect "h₁：它的值和它的输入" "history: a click on h1 opens its value history"
e2e_screen | grep -q "│ 迭代  *h₁  *δh⁽¹⁾₁  *b₁₁  *w₁₁  *w₂₁ │" || e2e_fail "history: the heading row"
e2e_screen | grep -q "│ 第 1 次前  *0.533077  *0.00678973  *0.1  *0.15  *0.25 │" || e2e_fail "history: the row of iteration 1"
e2e_screen | grep -q "│ 当前  *0.533077  *0.00678973  *0.1  *0.14983  *0.249661 │" || e2e_fail "history: the row now"
zh_layout 120 40 "history"
top=$(zh_row "h₁：它的值和它的输入")
bottom=$(zh_row " Esc 关闭 ")
if [ -n "$top" ] && [ -n "$bottom" ]; then
    zh_separator $((top + 1)) $((bottom - 1)) "history: its frame" 2
    tw=$(e2e_screen | sed -n "$((top + 1))p" | cols)
    bw=$(e2e_screen | sed -n "$((bottom + 1))p" | cols)
    [ "$tw" -eq "$bw" ] || e2e_fail "history: its top rule ends at column $tw, its bottom rule at $bw"
else
    e2e_fail "history: no frame (title row ${top:-?}, bottom row ${bottom:-?})"
fi
e2e_keys Escape
e2e_wait_gone "它的值和它的输入" || e2e_fail "history: Esc closes it"
e2e_quit

# ---- the training view: document 000 to the scenario's 100 epochs (2 s at 50 epochs/s) ----
for size in "80 24" "160 50"; do
    set -- $size
    tag="train doc000 $1×$2"
    e2e_start "$1" "$2" $ZH -- scenarios/doc000.bp
    e2e_expect "事件 0/35" "$tag: opens"
    e2e_keys t
    e2e_wait "场景设定的 100 轮已完成" 100 || e2e_fail "$tag: training did not stop at 100 epochs (in Chinese)"
    for w in "第 100 轮" "平均 E = 0.0283497" "轮次" "100（共 100）" "平均损失 E" "速度 (+ -)" "50 轮/秒" "权重（"; do
        e2e_expect "$w" "$tag"
    done
    zh_layout "$1" "$2" "$tag"
    # The view runs from under the status line (and the tabs, 30 rows and more) to above the hint line.
    top=1
    [ "$2" -ge 30 ] && top=2
    zh_separator "$top" $(($2 - 2)) "$tag"
    e2e_quit
done

# XOR: faster, paused by t; the pause message; stepping goes on in Chinese.
e2e_start 80 24 $ZH -- scenarios/xor.bp
e2e_expect "事件 0/" "xor: opens"
# 200 epochs per second: paused after about a second, well before the scenario's 1000 epochs.
e2e_keys + + t
e2e_expect "训练中" "xor: t trains (the badge)"
e2e_expect "训练中：t 暂停" "xor: t trains (the view)"
e2e_expect "200 轮/秒" "xor: + + raises the speed"
# Pause only once an epoch has run (a loaded machine may not have trained one yet).
n=0
until e2e_screen | grep -qE "轮次 +[1-9]"; do
    n=$((n + 1))
    [ $n -lt 100 ] || e2e_fail "xor: no epoch trained within 10 s"
    sleep 0.1
done
e2e_keys t
e2e_expect "轮、第" "xor: t pauses with a message"
e2e_expect "次迭代后暂停" "xor: the pause message"
e2e_wait_gone "训练中" || e2e_fail "xor: the badge still says 训练中"
zh_layout 80 24 "xor paused"
zh_separator 1 22 "xor paused"
e2e_keys L
e2e_expect "损失（对数坐标）" "xor: L makes the axis logarithmic"
zh_layout 80 24 "xor log scale"
e2e_keys Space Space
e2e_expect "事件 1/" "xor: stepping after the pause"
zh_layout 80 24 "xor stepping after training"
zh_tees 2 "xor stepping after training"
e2e_quit

# ---- a scenario whose title and notation are Chinese ----
sed -e 's/^title .*/title  = 异或：中文记号的网络，2-2-1 sigmoid，学习率 η = 0.5，这个标题很长要被截断/' \
    -e 's/^source .*/source = 课堂例题（中文记号）/' \
    -e '/^\[layer 1\]/a z = 净输入^$l_$j\na = 隐藏_$j\ndelta = 误差项^$l_$j' \
    -e '/^\[layer 2\]/a a = 输出_$j\ndelta = 误差项^$l_$j' scenarios/xor.bp >"$TMPD/zh.bp"
printf '\n[notation]\nx    = 输入_$j\nt    = 目标_$j\nloss = 损失\n' >>"$TMPD/zh.bp"
for size in "80 24" "160 50" "60 16"; do
    set -- $size
    tag="Chinese notation $1×$2"
    e2e_start "$1" "$2" $ZH -- "$TMPD/zh.bp"
    e2e_expect "事件 0/29" "$tag: opens"
    e2e_expect " 异或：中文记" "$tag: the title"
    zh_layout "$1" "$2" "$tag start"
    e2e_keys Space Space Space
    e2e_expect "净输入²₂ = w²₂₁·输入₁ + w²₂₂·输入₂ + b²₂" "$tag: the symbols line"
    zh_layout "$1" "$2" "$tag event 3"
    zh_tees 2 "$tag event 3"
    zh_goto 10
    e2e_expect "误差项²₁ = (w³₁₁·误差项³₁)·隐藏₁(1 − 隐藏₁)" "$tag: the hidden delta"
    zh_layout "$1" "$2" "$tag event 10"
    zh_tees 2 "$tag event 10"
    e2e_keys Tab Tab
    e2e_expect "共 29 个事件" "$tag: the event list"
    zh_layout "$1" "$2" "$tag event list"
    e2e_quit
done
# The same in English (no LANGUAGE): the Chinese title and notation, English labels.
e2e_start 80 24 -- "$TMPD/zh.bp"
e2e_expect "event 0/29" "Chinese notation, English UI: opens"
e2e_keys Space Space Space
e2e_expect "净输入²₂ = w²₂₁·输入₁" "Chinese notation, English UI: the symbols line"
zh_layout 80 24 "Chinese notation, English UI"
zh_tees 2 "Chinese notation, English UI"
e2e_quit

exit $E2E_FAILED
