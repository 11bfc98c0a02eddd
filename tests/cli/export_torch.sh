#!/bin/sh
# export_torch.sh - `bpviz --export torch` against PyTorch, an oracle nobody here wrote:
#   - every shipped scenario, and the networks in tests/cli/export_torch/ (which use
#     what no shipped one does: the generalized sigmoid, tanh, ReLU, the mse loss,
#     shared and frozen shared biases, η_b apart from η, random weights, momentum
#     together with the adaptive η), is exported; the script runs under
#     /usr/bin/python3 and its lines must be those of `bpviz --trace --digits 17`:
#     the same event numbers, phases and names, and every value within 1e-12
#     relative, |a − b| <= 1e-12·max(|a|, |b|) (so zero matches only zero);
#   - `--export torch --train` for xor, doc001-iris, momentum, xor-batch, adaptive,
#     diverge and the test networks against `bpviz --train`: the same header and
#     rows, the loss within 1e-9 relative, the accuracies as printed, the same exit
#     status (1 where training diverges);
#   - doc000's script, run by its own first line, prints by default exactly what
#     `bpviz --trace | cut -f 1-4` prints;
#   - the largest relative difference per scenario is printed (the record).
# The scripts run in one Python process (runpy, as `python3 SCRIPT` would run
# them) so that PyTorch is imported once, not thirty times.
# Debian's python3-torch installs for /usr/bin/python3, which this test names: a
# python3 earlier on PATH (a pyenv shim) would not see it. Without PyTorch the test
# exits 77 (SKIP). Run from the repository root (tests/run.sh does).
cd "$(dirname "$0")/../.." || exit 2

fail() { printf 'export_torch: %s\n' "$*" >&2; exit 1; }

# BPVIZ=path runs another binary, BPVIZ_PYTHON=path another interpreter (by hand only).
bpviz=${BPVIZ:-./bpviz}
py=${BPVIZ_PYTHON:-/usr/bin/python3}
[ -x "$bpviz" ] || fail "$bpviz is not built (run make)"
if ! "$py" -c 'import torch' >/dev/null 2>&1; then
    echo "export_torch: $py cannot import torch (apt-get install python3-torch): skipped"
    exit 77
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

traced="scenarios/*.bp tests/cli/export_torch/*.bp"
trained="scenarios/xor.bp scenarios/doc001-iris.bp scenarios/momentum.bp scenarios/xor-batch.bp
    scenarios/adaptive.bp scenarios/diverge.bp tests/cli/export_torch/*.bp"

# The scripts and bpviz's own output; the jobs for Python: script, output, arguments.
: >"$tmp/jobs"
for s in $traced; do
    n=$(basename "$s" .bp)
    "$bpviz" --export torch "$s" >"$tmp/$n.py" 2>"$tmp/err" || fail "$n: --export torch failed: $(cat "$tmp/err")"
    "$bpviz" --trace --digits 17 "$s" | cut -f 1-4 >"$tmp/$n.bpviz" || fail "$n: bpviz --trace failed"
    printf '%s\t%s\t--digits\t17\n' "$tmp/$n.py" "$tmp/$n.torch" >>"$tmp/jobs"
done
for s in $trained; do
    n=$(basename "$s" .bp)
    "$bpviz" --export torch --train "$s" >"$tmp/$n-train.py" 2>"$tmp/err" ||
        fail "$n: --export torch --train failed: $(cat "$tmp/err")"
    "$bpviz" --train "$s" >"$tmp/$n-train.bpviz" 2>"$tmp/$n-train.bpviz.err"
    echo $? >"$tmp/$n-train.bpviz.status" # 1 when training diverges (diverge.bp)
    printf '%s\t%s\n' "$tmp/$n-train.py" "$tmp/$n-train.torch" >>"$tmp/jobs"
done

# Every job in one interpreter, each script's exit status kept beside its output;
# an exception stops the test with its traceback.
"$py" - "$tmp/jobs" >"$tmp/run.err" 2>&1 <<'EOF' || fail "$(tail -n 8 "$tmp/run.err")"
import contextlib, runpy, sys, traceback
for job in open(sys.argv[1], encoding="utf-8").read().splitlines():
    script, out, *args = job.split("\t")
    sys.argv = [script] + args
    try:
        with open(out, "w", encoding="utf-8") as f, contextlib.redirect_stdout(f):
            runpy.run_path(script, run_name="__main__")
        status = 0
    except SystemExit as e:
        status = e.code
    except BaseException:
        traceback.print_exc()
        sys.exit("%s %s raised an exception" % (script, " ".join(args)))
    open(out + ".status", "w").write("%d\n" % (status or 0))
EOF

# compare KIND TOL BPVIZ_OUT SCRIPT_OUT: prints the largest relative difference,
# or what differs (and fails). KIND trace: index, phase, name identical, the value
# (column 4) within TOL; KIND train: the CSV header identical, the loss (column 2)
# within TOL, the other columns identical.
compare() {
    "$py" - "$@" <<'EOF'
import math, sys
kind, tol, a_path, b_path = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
a = open(a_path, encoding="utf-8").read().splitlines()
b = open(b_path, encoding="utf-8").read().splitlines()
if len(a) != len(b) or not a:
    sys.exit("%d lines from bpviz, %d from the script" % (len(a), len(b)))
sep, col = ("\t", 3) if kind == "trace" else (",", 1)
worst, where = 0.0, ""
for n, (la, lb) in enumerate(zip(a, b), 1):
    fa, fb = la.split(sep), lb.split(sep)
    if len(fa) != len(fb) or fa[:col] + fa[col + 1:] != fb[:col] + fb[col + 1:] or (kind == "train" and n == 1 and la != lb):
        sys.exit("line %d differs:\n  bpviz:  %s\n  script: %s" % (n, la, lb))
    if kind == "train" and n == 1:
        continue
    x, y = float(fa[col]), float(fb[col])
    if x == y:
        continue
    rel = abs(x - y) / max(abs(x), abs(y)) if math.isfinite(x) and math.isfinite(y) else math.inf
    if rel > worst:
        worst, where = rel, (" (event %s)" % " ".join(fa[:col])) if kind == "trace" else " (epoch %s)" % fa[0]
    if not rel <= tol:
        sys.exit("line %d: bpviz %s, script %s: relative difference %.3g > %g" % (n, fa[col], fb[col], rel, tol))
print("%.3g%s" % (worst, where) if worst else "0 (identical)")
EOF
}

for s in $traced; do
    n=$(basename "$s" .bp)
    [ "$(cat "$tmp/$n.torch.status")" = 0 ] || fail "$n: the trace script exited with $(cat "$tmp/$n.torch.status")"
    worst=$(compare trace 1e-12 "$tmp/$n.bpviz" "$tmp/$n.torch") || fail "$n, --trace: $worst"
    printf 'export_torch: %-16s trace, %5d values: largest relative difference %s\n' "$n" \
        "$(wc -l <"$tmp/$n.bpviz")" "$worst"
done
for s in $trained; do
    n=$(basename "$s" .bp)
    [ "$(cat "$tmp/$n-train.torch.status")" = "$(cat "$tmp/$n-train.bpviz.status")" ] ||
        fail "$n: the training script exited with $(cat "$tmp/$n-train.torch.status"), bpviz --train with $(cat "$tmp/$n-train.bpviz.status")"
    worst=$(compare train 1e-9 "$tmp/$n-train.bpviz" "$tmp/$n-train.torch") || fail "$n, --train: $worst"
    printf 'export_torch: %-16s train, %5d epochs: largest relative difference %s\n' "$n" \
        "$(($(wc -l <"$tmp/$n-train.bpviz") - 2))" "$worst"
done

# As a user runs it: by its first line, with its default of 10 digits.
chmod +x "$tmp/doc000.py"
head -n 1 "$tmp/doc000.py" | grep -qx '#!/usr/bin/python3' || fail "doc000: the script's first line is not #!/usr/bin/python3"
"$bpviz" --trace scenarios/doc000.bp | cut -f 1-4 >"$tmp/doc000.10"
"$tmp/doc000.py" >"$tmp/doc000.out" 2>"$tmp/err" || fail "doc000: the script failed: $(tail -n 3 "$tmp/err")"
cmp -s "$tmp/doc000.out" "$tmp/doc000.10" || fail "doc000: the script's default output is not bpviz --trace's"
echo "export_torch: ok"
