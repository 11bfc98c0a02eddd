#!/bin/sh
# handout.sh - bpviz --handout of document 000: the updated weights, the document's wrong numbers
# flagged (E, ŷ₂, δ and ∇w) and its right ones marked, a check table that agrees with --check;
# --format tex: a LaTeX document with every formula in math and no bare '_' or '$' outside it
# (every shipped scenario); --iterations; a bad --format exits 2; the Chinese handout.
# Run from anywhere (it changes to the repository root); needs ./bpviz built (make).
cd "$(dirname "$0")/../.." || exit 2
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE BPVIZ_SCENARIOS BPVIZ_LOCALEDIR
bpviz=./bpviz
[ -x "$bpviz" ] || { echo "handout: $bpviz is not built (run make)" >&2; exit 1; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() {
    printf 'handout: %s\n' "$*" >&2
    failures=$((failures + 1))
}
# has FILE TEXT [WHY]: FILE holds the line fragment TEXT (fixed string).
has() { grep -qF -- "$2" "$1" || fail "${3:-$1} lacks '$2'"; }
hasnt() { grep -qF -- "$2" "$1" && fail "${3:-$1} has '$2'"; }

# ---- Markdown (the default) ----
"$bpviz" --handout doc000 >"$tmp/md" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "--handout doc000: exit status $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "--handout doc000 wrote to stderr: $(cat "$tmp/err")"
"$bpviz" --handout --format md doc000 >"$tmp/md2" 2>&1
cmp -s "$tmp/md" "$tmp/md2" || fail "--format md differs from the default"
md="$tmp/md"

# The network, the sample, the phases, every event numbered 1 … 35.
has "$md" "# 文档000 §2.4: 2-2-2 sigmoid network" "markdown title"
has "$md" "Network: 2-2-2; layer 1: sigmoid, bias neuron (frozen)" "markdown intro"
has "$md" "Input x = (0.05, 0.1), target y = (0, 1)." "markdown intro"
for h in "## Iteration 1 (sample 1)" "### Forward pass" "### Loss" "### Error terms δ (backward pass)" \
    "### Gradients" "### Updates" "## Checking the document's numbers"; do
    grep -qxF -- "$h" "$md" || fail "markdown lacks the heading '$h'"
done
n=$(grep -c '^[0-9][0-9]*\. ' "$md")
[ "$n" -eq 35 ] || fail "markdown: $n numbered events, expected 35"
grep -q '^35\. w₂₂⁽¹⁾ = w₂₂ − η·∇₁w₂₂' "$md" || fail "markdown: event 35 is not w₂₂'s update"

# Forward values and the updated weights, with the numbers filled in.
has "$md" "net₁₁ = 0.15·0.05 + 0.25·0.1 + 0.1 = 0.1325 — ✓ document prints 0.1325"
has "$md" "v₁₁⁽¹⁾ = 0.4 − 0.5·0.0789702 = 0.360515 — ✓ document prints 0.36051"
has "$md" "w₁₁⁽¹⁾ = 0.15 − 0.5·0.000339486 = 0.14983 — ✓ document prints 0.14983"
has "$md" "w₂₂⁽¹⁾ = 0.3 − 0.5·0.000870381 = 0.299565 — ✓ document prints 0.29956"
# The document's wrong numbers, flagged where they occur…
has "$md" "E = 0.220379 + 0.0525836 = 0.272962 — ✗ document prints 0.2796"
has "$md" "ŷ₂ = 1/(1 + e^(−0.734103)) = 0.675705 — ✗ document prints 0.6575 — ✓ document prints 0.6757"
has "$md" "∇₁w₁₁ = 0.05·0.00678973 = 0.000339486 — ✗ document prints 1.364e-3"
has "$md" "δh⁽¹⁾₁ = (0.4·0.14814 + 0.45·(−0.071062))·0.533077·(1 − 0.533077) = 0.00678973 — ✗ document prints 0.02728"
has "$md" "∇₁v₂₁ = 0.534943·0.14814 = 0.0792467 — ≈ document prints 0.07924"
# …and in the closing table, with the right value.
has "$md" "| symbol | document prints | computed | verdict |"
for row in "| E | 0.2796 | 0.272962 | WRONG |" "| ŷ₂ | 0.6575 | 0.675705 | WRONG |" \
    "| ŷ₂ | 0.6757 | 0.675705 | right |" "| δ⁽¹⁾₂ | -0.007106 | -0.071062 | WRONG |" \
    "| δh⁽¹⁾₁ | 0.02728 | 0.00678973 | WRONG |" "| ∇₁w₁₁ | 1.364e-3 | 0.000339486 | WRONG |" \
    "| ∇₁w₂₂ | 3.500e-3 | 0.000870381 | WRONG |" "| ∇₁v₂₁ | 0.07924 | 0.0792467 | last digit off by one (rounding) |" \
    "| v₁₁⁽¹⁾ | 0.36051 | 0.360515 | right |" "| w₁₁⁽¹⁾ | 0.14983 | 0.14983 | right |" \
    "| net₁₁ | 0.1325 | 0.1325 | right |"; do
    grep -qxF -- "$row" "$md" || fail "markdown table lacks the row '$row'"
done
# The table and its summary agree with --check: one row per printed number, WRONG for each DIFF.
"$bpviz" --check doc000 >"$tmp/check" 2>/dev/null
total=$(wc -l <"$tmp/check")
diffs=$(grep -c '^DIFF' "$tmp/check")
rows=$(grep -c '^| [^s-]' "$md")
wrong=$(grep -c '| WRONG |$' "$md")
[ "$rows" -eq "$total" ] || fail "markdown table: $rows rows, --check prints $total numbers"
[ "$wrong" -eq "$diffs" ] || fail "markdown table: $wrong WRONG, --check finds $diffs DIFF"
has "$md" "$total printed numbers, $diffs wrong." "markdown summary"

# --iterations 2: a second iteration; the document's numbers are checked in the first only.
"$bpviz" --handout --iterations 2 doc000 >"$tmp/md3" 2>&1 || fail "--iterations 2: exit status $?"
grep -qxF "## Iteration 2 (sample 1)" "$tmp/md3" || fail "--iterations 2 has no iteration 2"
n=$(grep -c '^[0-9][0-9]*\. ' "$tmp/md3")
[ "$n" -eq 70 ] || fail "--iterations 2: $n numbered events, expected 70"
a=$(grep -c 'document prints' "$md")
b=$(grep -c 'document prints' "$tmp/md3")
[ "$a" -eq "$b" ] || fail "--iterations 2 marks $b lines with the document's numbers, one iteration $a"

# ---- LaTeX ----
"$bpviz" --handout --format tex doc000 >"$tmp/tex" 2>"$tmp/err" || fail "--format tex: exit status $?: $(cat "$tmp/err")"
tex="$tmp/tex"
[ "$(head -n 1 "$tex")" = '\documentclass[11pt]{article}' ] || fail "tex: first line is '$(head -n 1 "$tex")'"
has "$tex" '\usepackage{xeCJK}' tex
has "$tex" '\usepackage{amsmath,amssymb}' tex
[ "$(grep -c '^\\begin{document}$' "$tex")" -eq 1 ] || fail "tex: not one \\begin{document}"
[ "$(tail -n 1 "$tex")" = '\end{document}' ] || fail "tex: last line is '$(tail -n 1 "$tex")'"
has "$tex" '\section*{文档000 §2.4: 2-2-2 sigmoid network, one SGD step (biases frozen)}' tex
# Text escaped outside math (the source file name has an underscore)…
has "$tex" 'Source: 000\_d7663b1214c669e4.txt §2.4 实例运用' tex
# …formulas in math: symbols, subscripts, operators, the numbers; the verdicts as math marks.
has "$tex" '\item $\mathrm{net}_{11} = w_{11}\cdot x_1 + w_{21}\cdot x_2 + b_{11}$\\' tex
has "$tex" '$\mathrm{net}_{11} = 0.15\cdot 0.05 + 0.25\cdot 0.1 + 0.1 = 0.1325$ \quad $\checkmark$ document prints 0.1325' tex
has "$tex" '$E = 0.220379 + 0.0525836 = 0.272962$ \quad $\times$ document prints 0.2796' tex
has "$tex" '$v_{11}^{(1)} = 0.4 - 0.5\cdot 0.0789702 = 0.360515$ \quad $\checkmark$ document prints 0.36051' tex
has "$tex" '$\nabla _{1}v_{21} = 0.534943\cdot 0.14814 = 0.0792467$ \quad $\approx$ document prints 0.07924' tex
has "$tex" '$E$ & 0.2796 & 0.272962 & WRONG\\' "tex table"
has "$tex" '$w_{11}^{(1)}$ & 0.14983 & 0.14983 & right\\' "tex table"
n=$(grep -c '^\\item ' "$tex")
[ "$n" -eq 35 ] || fail "tex: $n \\item, expected 35"
[ "$(grep -c '^\\begin{enumerate}$' "$tex")" -eq "$(grep -c '^\\end{enumerate}$' "$tex")" ] ||
    fail "tex: \\begin{enumerate} and \\end{enumerate} do not pair"
[ "$(grep -c '^\\begin{tabular}' "$tex")" -eq 1 ] && [ "$(grep -c '^\\end{tabular}$' "$tex")" -eq 1 ] ||
    fail "tex: not one tabular"
hasnt "$tex" '✓' tex
hasnt "$tex" '✗' tex

# tex_lint FILE: every '$' pairs up on its line, and outside math no bare '_', '^', '#', '%' or '&'
# (tables excepted for '&'), and braces balance on every line.
tex_lint() {
    LC_ALL=C awk -v f="$2" '
    {
        line = $0
        gsub(/\\\\/, "", line)               # \\ line breaks
        gsub(/\\[$_#%&{}]/, "", line)        # escaped specials
        if (gsub(/\$/, "$", line) % 2) { printf "%s:%d: odd number of $: %s\n", f, NR, $0; bad++ }
        out = line
        while (match(out, /\$[^$]*\$/)) out = substr(out, 1, RSTART - 1) substr(out, RSTART + RLENGTH)
        if (out ~ /[_^#%]/) { printf "%s:%d: special character outside math: %s\n", f, NR, $0; bad++ }
        if (!intab && out ~ /&/) { printf "%s:%d: & outside a table: %s\n", f, NR, $0; bad++ }
        if ($0 ~ /^\\begin\{tabular\}/) intab = 1
        if ($0 ~ /^\\end\{tabular\}/) intab = 0
        o = gsub(/\{/, "{", line); c = gsub(/\}/, "}", line)
        if (o != c) { printf "%s:%d: unbalanced braces: %s\n", f, NR, $0; bad++ }
    }
    END { exit bad ? 1 : 0 }' "$1"
}
tex_lint "$tex" doc000.tex >"$tmp/lint" || fail "tex: $(cat "$tmp/lint")"
for f in scenarios/*.bp; do
    name=$(basename "$f" .bp)
    if ! "$bpviz" --handout --format tex "$f" >"$tmp/$name.tex" 2>"$tmp/err"; then
        fail "--handout --format tex $f: $(cat "$tmp/err")"
        continue
    fi
    tex_lint "$tmp/$name.tex" "$name.tex" >"$tmp/lint" || fail "tex: $(head -n 5 "$tmp/lint")"
done

# ---- a bad --format: exit 2, one line on stderr, nothing on stdout ----
"$bpviz" --handout --format pdf doc000 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] || fail "--format pdf: exit status $rc, expected 2"
[ -s "$tmp/out" ] && fail "--format pdf wrote to stdout"
[ "$(cat "$tmp/err")" = "bpviz: --format takes md or tex, not 'pdf'" ] || fail "--format pdf: stderr is '$(cat "$tmp/err")'"
"$bpviz" --handout --format >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "--format without a value: exit status $rc, expected 2"

# ---- the Chinese handout (catalogue from build/locale) ----
LANGUAGE=zh_CN "$bpviz" --handout doc000 >"$tmp/zh" 2>&1 || fail "LANGUAGE=zh_CN --handout: exit status $?"
for w in "## 第 1 次迭代（样本 1）" "### 前向传播" "### 误差项 δ（反向传播）" "## 核对文档中的数值" \
    "| 符号 | 文档给出 | 计算值 | 结论 |" "| E | 0.2796 | 0.272962 | 错误 |" "| w₁₁⁽¹⁾ | 0.14983 | 0.14983 | 正确 |" \
    "E = 0.220379 + 0.0525836 = 0.272962 — ✗ 文档给出 0.2796"; do
    has "$tmp/zh" "$w" "the Chinese handout"
done
LANGUAGE=zh_CN "$bpviz" --handout --format tex doc000 >"$tmp/zh.tex" 2>&1 || fail "LANGUAGE=zh_CN --format tex: exit status $?"
has "$tmp/zh.tex" '\subsection*{误差项 δ（反向传播）}' "the Chinese LaTeX handout"
tex_lint "$tmp/zh.tex" zh.tex >"$tmp/lint" || fail "tex: $(head -n 5 "$tmp/lint")"

[ "$failures" -eq 0 ] || { echo "handout: $failures failure(s)" >&2; exit 1; }
exit 0
