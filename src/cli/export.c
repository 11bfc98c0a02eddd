/* export.c - writes a scenario as a self-contained PyTorch script that recomputes what bpviz shows. */
#include "export.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "formula.h"
#include "i18n.h"
#include "notation.h"
#include "stepper.h"
#include "strbuf.h"
#include "utf8.h"

/* Lines of the script are wrapped before this many columns. */
#define EXPORT_WIDTH 100
/* A weight matrix is drawn with its names in a comment up to this many rows and columns. */
#define EXPORT_NAMES_GRID 8

/* ---- writing: every write checked, the first error kept ---- */

/* The script's destination. Once a write has failed nothing more is
 * written; the caller reports errnum. */
typedef struct exp_w {
    FILE *f;
    int errnum; /* errno of the first failed write, 0 while none has failed */
} exp_w;

static void exp_put(exp_w *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void exp_put(exp_w *w, const char *fmt, ...)
{
    if (w->errnum)
        return;
    va_list ap;
    va_start(ap, fmt);
    errno = 0;
    int r = vfprintf(w->f, fmt, ap);
    va_end(ap);
    if (r < 0)
        w->errnum = errno ? errno : EIO;
}

/* Fixed lines of Python, NULL-terminated. */
static void exp_lines(exp_w *w, const char *const *lines)
{
    for (; *lines; lines++)
        exp_put(w, "%s\n", *lines);
}

/* ---- Python literals ---- */

/* The shortest decimal that reads back as v (Python reads it to the same
 * double): the scenario's 0.15 stays 0.15. With as_float, a whole number
 * gets ".0" so that Python reads a float. */
static void exp_num(double v, bool as_float, char *out, size_t outsz)
{
    if (!isfinite(v)) { /* the parser refuses these; a draw cannot make them */
        snprintf(out, outsz, "float(\"%s\")", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) { /* a whole number as such: 100, not 1e+02 */
        snprintf(out, outsz, "%.0f", v);
    } else {
        for (int p = 1; p <= 17; p++) {
            snprintf(out, outsz, "%.*g", p, v);
            if (strtod(out, NULL) == v)
                break;
        }
    }
    if (as_float && !strpbrk(out, ".e"))
        snprintf(out + strlen(out), outsz - strlen(out), ".0");
}

/* A Python string literal of s (UTF-8 kept; quotes, backslashes and
 * control characters escaped). */
static void exp_pystr(strbuf *b, const char *s)
{
    strbuf_add(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            strbuf_add(b, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            strbuf_add(b, "\\x%02x", *p);
        else
            strbuf_add(b, "%c", *p);
    }
    strbuf_add(b, "\"");
}

/* Text from the scenario inside a comment: control characters (a line
 * break would end the comment) become blanks. */
static void exp_comment_text(exp_w *w, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        exp_put(w, "%c", *p < 0x20 || *p == 0x7f ? ' ' : *p);
}

/* Item i of a list being written: its separator (", ", or "," and a new line
 * indented past the list's "[" at column indent when the item would pass
 * EXPORT_WIDTH), then the item. *col is the current column. */
static void exp_item(exp_w *w, const char *item, int i, int indent, int *col)
{
    const int len = (int)strlen(item);
    if (i > 0 && *col + 2 + len + 2 > EXPORT_WIDTH) {
        exp_put(w, ",\n%*s", indent + 1, "");
        *col = indent + 1;
    } else if (i > 0) {
        exp_put(w, ", ");
        *col += 2;
    }
    exp_put(w, "%s", item);
    *col += len;
}

/* A list of numbers v[0], v[stride], ... (n of them), "[a, b, c]", wrapped. */
static void exp_numbers(exp_w *w, const double *v, int n, size_t stride, bool as_float, int indent, int *col)
{
    char num[40];
    exp_put(w, "[");
    (*col)++;
    for (int i = 0; i < n; i++) {
        exp_num(v[(size_t)i * stride], as_float, num, sizeof num);
        exp_item(w, num, i, indent, col);
    }
    exp_put(w, "]");
}

/* ---- what PyTorch can express ---- */

/* The PyTorch expression of a layer's activation; NULL for one the script
 * has no exact counterpart of. */
static const char *exp_act_expr(const net_layer_spec *ls, char *out, size_t outsz)
{
    char a[40], b[40];
    switch (ls->act) {
    case NET_ACT_SIGMOID: return "sigmoid";
    case NET_ACT_TANH: return "torch.tanh";
    case NET_ACT_RELU: return "torch.relu";
    case NET_ACT_IDENTITY: return "identity";
    case NET_ACT_GSIGMOID:
        exp_num(ls->act_a, true, a, sizeof a);
        exp_num(ls->act_b, true, b, sizeof b);
        snprintf(out, outsz, "gsigmoid(%s, %s)", a, b);
        return out;
    default: return NULL;
    }
}

bool export_torch_check(const scenario *sc, const export_options *o, err *e)
{
    const net_spec *sp = &sc->spec;
    char buf[128];
    for (int l = 1; l < sp->nlayers; l++) {
        if (!exp_act_expr(&sp->layer[l], buf, sizeof buf)) {
            err_set(e, sc->path, 0, 0, _("layer %d: the activation '%s' has no exact PyTorch counterpart; not exported"),
                    l, net_act_name(sp->layer[l].act));
            return false;
        }
        if (sp->layer[l].bias >= NET_BIAS_COUNT) {
            err_set(e, sc->path, 0, 0, _("layer %d: the bias mode '%s' has no exact PyTorch counterpart; not exported"),
                    l, net_bias_name(sp->layer[l].bias));
            return false;
        }
    }
    if (sp->loss >= NET_LOSS_COUNT) {
        err_set(e, sc->path, 0, 0, _("the loss '%s' has no exact PyTorch counterpart; not exported"),
                net_loss_name(sp->loss));
        return false;
    }
    if (sc->mode != TRAIN_MODE_SGD && sc->mode != TRAIN_MODE_BATCH) {
        err_set(e, sc->path, 0, 0, _("the training mode has no exact PyTorch counterpart; not exported"));
        return false;
    }
    if (o->kind == EXPORT_TRACE) {
        err se;
        stepper *st = stepper_new(sc->init, &sc->data, &sc->hyper, &se);
        if (!st) {
            err_set(e, sc->path, 0, 0, "%s", se.msg);
            return false;
        }
        long events = (long)stepper_count(st);
        stepper_free(st);
        if (o->iterations > EXPORT_MAX_EVENTS / events) {
            err_set(e, sc->path, 0, 0,
                    _("%ld iterations of %ld events would be %ld lines; a script traces at most %ld (use fewer "
                      "--iterations)"),
                    o->iterations, events, o->iterations * events, EXPORT_MAX_EVENTS);
            return false;
        }
    }
    return true;
}

/* ---- the names of the events (labels, copied from bpviz) ---- */

/* The names --trace gives the events of each iteration, as Python lists:
 * the distinct ones, and which one each iteration uses (names change with
 * the iteration only when the notation uses $n, with the sample when $s). */
typedef struct exp_names {
    char **list;  /* [nlist] distinct lists, Python text of the list's items (owned) */
    long nlist;
    long *of;     /* [iterations] index into list of each iteration's names (owned) */
    long iterations;
} exp_names;

static void exp_names_free(exp_names *nm)
{
    for (long i = 0; i < nm->nlist; i++)
        free(nm->list[i]);
    free(nm->list);
    free(nm->of);
    memset(nm, 0, sizeof *nm);
}

/* The items of the current iteration's list of names, wrapped, into a new string (NULL: out of memory). */
static char *exp_names_of(const scenario *sc, const stepper *st, bool utf8)
{
    strbuf b = {0};
    int col = 4;
    for (int k = 0; k < stepper_count(st); k++) {
        formula f;
        char sym[NOTATION_MAX];
        formula_build(&sc->nt, &sc->spec, stepper_event(st, k), stepper_operands(st), 6, &f);
        notation_render(f.symbol, utf8, sym, sizeof sym);
        strbuf item = {0};
        exp_pystr(&item, sym);
        if (item.oom) {
            strbuf_free(&b);
            return NULL;
        }
        int width = utf8_width(item.s) + 2;
        if (k > 0 && col + width > EXPORT_WIDTH) {
            strbuf_add(&b, "\n    ");
            col = 4;
        } else if (k > 0) {
            strbuf_add(&b, " ");
        }
        strbuf_add(&b, "%s,", item.s);
        col += width;
        strbuf_free(&item);
    }
    return strbuf_take(&b);
}

/* Runs the stepper over the iterations the script traces and keeps their names. */
static bool exp_names_collect(const scenario *sc, const export_options *o, exp_names *nm, err *e)
{
    memset(nm, 0, sizeof *nm);
    err se;
    stepper *st = stepper_new(sc->init, &sc->data, &sc->hyper, &se);
    if (!st) {
        err_set(e, sc->path, 0, 0, "%s", se.msg);
        return false;
    }
    const long ntrain = data_ntrain(&sc->data);
    nm->iterations = o->iterations;
    nm->of = calloc((size_t)o->iterations, sizeof *nm->of);
    nm->list = calloc((size_t)o->iterations, sizeof *nm->list);
    bool ok = nm->of && nm->list;
    for (long it = 0; ok && it < o->iterations; it++) {
        if (it > 0)
            stepper_next(st);
        stepper_finish_iteration(st);
        char *names = exp_names_of(sc, st, o->utf8);
        if (!names) {
            ok = false;
            break;
        }
        /* The same names as the first iteration, or as the last one on this sample. */
        long same = -1;
        if (it > 0 && !strcmp(names, nm->list[nm->of[0]]))
            same = nm->of[0];
        else if (it >= ntrain && !strcmp(names, nm->list[nm->of[it - ntrain]]))
            same = nm->of[it - ntrain];
        if (same >= 0) {
            nm->of[it] = same;
            free(names);
        } else {
            nm->of[it] = nm->nlist;
            nm->list[nm->nlist++] = names;
        }
    }
    stepper_free(st);
    if (!ok) {
        exp_names_free(nm);
        err_set(e, sc->path, 0, 0, _("out of memory"));
    }
    return ok;
}

/* ---- the fixed parts of the script (Python, a line per string) ---- */

static const char *const exp_py_imports[] = {
    "import argparse",
    "import math",
    "import os",
    "import sys",
    "",
    "import torch",
    "",
    "torch.set_default_dtype(torch.float64)  # bpviz computes in double precision",
    "torch.set_num_threads(1)  # tensors this small: one thread is the fastest",
    NULL,
};

static const char *const exp_py_act_sigmoid[] = {
    "",
    "",
    "def sigmoid(z):",
    "    \"\"\"The logistic function 1/(1 + e^(−z)).\"\"\"",
    "    return torch.sigmoid(z)",
    NULL,
};

static const char *const exp_py_act_gsigmoid[] = {
    "",
    "",
    "def gsigmoid(A, B):",
    "    \"\"\"The generalized sigmoid A/(1 + e^(−z/B)) (document 003).\"\"\"",
    "    return lambda z: A * torch.sigmoid(z / B)",
    NULL,
};

static const char *const exp_py_act_identity[] = {
    "",
    "",
    "def identity(z):",
    "    \"\"\"No activation: f(z) = z (document 004).\"\"\"",
    "    return z",
    NULL,
};

static const char *const exp_py_layer[] = {
    "",
    "",
    "class Layer:",
    "    \"\"\"A computing layer: z = W·a + b from the activations a of the layer before, then f(z).\"\"\"",
    "",
    "    def __init__(self, weights, layout, biases, bias, frozen, activation):",
    "        self.W = torch.tensor(weights, dtype=torch.float64, requires_grad=True)",
    "        # \"to-from\": W[j][k] joins neuron k of the layer before to neuron j of this one.",
    "        # \"from-to\": W[k][j], a row per neuron of the layer before (net = Wᵀ·x + b).",
    "        self.layout = layout",
    "        self.b = None",
    "        if biases is not None:",
    "            self.b = torch.tensor(biases, dtype=torch.float64, requires_grad=True)",
    "        self.bias = bias  # \"none\", \"neuron\" (one per neuron) or \"shared\" (one number for the layer)",
    "        self.frozen = frozen  # a frozen bias is used and differentiated, but never updated",
    "        self.f = activation",
    "        # With momentum, the last change of every parameter (Δw, Δb), zero at the start.",
    "        self.dW = torch.zeros_like(self.W)",
    "        self.db = None if self.b is None else torch.zeros_like(self.b)",
    "",
    "    def weighted_input(self, a):",
    "        \"\"\"z for one sample (a vector) or for one sample per row (a matrix).\"\"\"",
    "        z = a @ self.W.T if self.layout == \"to-from\" else a @ self.W",
    "        return z if self.b is None else z + self.b",
    "",
    "    def in_order(self, m):",
    "        \"\"\"The entries of m (W, or its gradient) in bpviz's order: by neuron j, then by source k.\"\"\"",
    "        return (m if self.layout == \"to-from\" else m.T).reshape(-1).tolist()",
    "",
    "    def parameters(self):",
    "        return [self.W] if self.b is None else [self.W, self.b]",
    NULL,
};

static const char *const exp_py_csv[] = {
    "",
    "",
    "def prepare(rows):",
    "    \"\"\"What bpviz does with the file's rows: targets, min-max scaling, the shuffle.\"\"\"",
    "    if LABELS_ARE_CLASSES:",
    "        # One output per class, in the order the classes first appear in the file (one-hot).",
    "        classes = []",
    "        for _, label in rows:",
    "            if label not in classes:",
    "                classes.append(label)",
    "        targets = [[1.0 if label == c else 0.0 for c in classes] for _, label in rows]",
    "    else:",
    "        classes = []",
    "        targets = [[float(label)] for _, label in rows]",
    "    features = [[float(v) for v in x] for x, _ in rows]",
    "    if NORMALIZE:",
    "        # Each feature scaled to [0, 1] over every row: (v − min)/(max − min), 0 when max = min.",
    "        for k in range(len(features[0])):",
    "            lo = min(f[k] for f in features)",
    "            hi = max(f[k] for f in features)",
    "            for f in features:",
    "                f[k] = (f[k] - lo) / (hi - lo) if hi > lo else 0.0",
    "    X = torch.tensor([features[i] for i in ORDER], dtype=torch.float64)",
    "    T = torch.tensor([targets[i] for i in ORDER], dtype=torch.float64)",
    "    return X, T, len(classes)",
    "",
    "",
    "X, T, NCLASSES = prepare(CSV_ROWS)  # the samples (one per row) and their targets",
    NULL,
};

static const char *const exp_py_algo[] = {
    "",
    "",
    "# ---- the algorithm ----",
    "",
    "",
    "def forward(x):",
    "    \"\"\"The forward pass of one sample x (or of one sample per row): every layer's z and a.",
    "    An error term δ = ∂E/∂z is not the gradient of a leaf tensor, which PyTorch",
    "    drops after backward(): retain_grad() keeps it on each z.\"\"\"",
    "    zs, acts = [], []",
    "    a = x",
    "    for layer in LAYERS:",
    "        z = layer.weighted_input(a)",
    "        if z.requires_grad:",
    "            z.retain_grad()",
    "        a = layer.f(z)",
    "        zs.append(z)",
    "        acts.append(a)",
    "    return zs, acts",
    "",
    "",
    "def error_terms(a, t):",
    "    \"\"\"Each output's share of the loss E of a sample (E is their sum).\"\"\"",
    "    if LOSS == \"mse\":",
    "        return (t - a) ** 2 / a.shape[-1]  # E = (1/n)·Σ(t − a)²",
    "    return 0.5 * (t - a) ** 2  # E = ½·Σ(t − a)²",
    "",
    "",
    "def zero_grad():",
    "    for layer in LAYERS:",
    "        for p in layer.parameters():",
    "            p.grad = None",
    "",
    "",
    "def step(p, dp, eta):",
    "    # bpviz's step (document 000 §2.6.2): Δp ← β·Δp − η·∂E/∂p, then p ← p + Δp;",
    "    # without momentum p ← p − η·∂E/∂p. torch.optim.SGD keeps v ← β·v + ∂E/∂p and",
    "    # steps p ← p − η·v instead: the same path while η stays the same, but rounded",
    "    # differently, and another path once the adaptive rule changes η (its v holds",
    "    # no η). So the step is written out here, as bpviz computes it.",
    "    if MOMENTUM != 0.0:",
    "        dp.copy_(MOMENTUM * dp - eta * p.grad)",
    "        p.add_(dp)",
    "    else:",
    "        p.sub_(eta * p.grad)",
    "",
    "",
    "@torch.no_grad()",
    "def update(eta_w, eta_b):",
    "    \"\"\"Every weight with η, every bias that is not frozen with η_b, from the gradients in .grad.\"\"\"",
    "    for layer in LAYERS:",
    "        step(layer.W, layer.dW, eta_w)",
    "        if layer.b is not None and not layer.frozen:",
    "            step(layer.b, layer.db, eta_b)",
    "",
    "",
    "def sgd_step(x, t, eta_w, eta_b):",
    "    \"\"\"One SGD iteration on sample x with target t: forward, loss, loss.backward(), update.\"\"\"",
    "    zero_grad()",
    "    zs, acts = forward(x)",
    "    terms = error_terms(acts[-1], t)",
    "    loss = terms.sum()",
    "    loss.backward()",
    "    update(eta_w, eta_b)",
    "    return zs, acts, terms, loss",
    "",
    "",
    "@torch.no_grad()",
    "def measure():",
    "    \"\"\"The mean loss over the training samples at the current weights; for classes",
    "    also the fraction of training and of validation samples classified right.\"\"\"",
    "    _, acts = forward(X)  # every sample at once, one per row",
    "    loss = float(error_terms(acts[-1], T).sum(dim=1)[:NTRAIN].sum()) / NTRAIN",
    "    if NCLASSES == 0:",
    "        return loss, None, None",
    "    right = acts[-1].argmax(dim=1) == T.argmax(dim=1)  # the largest output is the class",
    "    train_acc = float(right[:NTRAIN].sum()) / NTRAIN",
    "    nval = len(X) - NTRAIN",
    "    val_acc = float(right[NTRAIN:].sum()) / nval if nval > 0 else math.nan",
    "    return loss, train_acc, val_acc",
    "",
    "",
    "def adapt(eta_w, eta_b, old, new):",
    "    \"\"\"The adaptive learning rate (document 000 §2.6.2), once per epoch, from the mean",
    "    loss before (old) and after it (new): grow while it falls, cut when it rises.\"\"\"",
    "    if not ADAPTIVE or not (math.isfinite(old) and math.isfinite(new)):",
    "        return eta_w, eta_b",
    "    if new < old:",
    "        return eta_w * ADAPTIVE_INC, eta_b * ADAPTIVE_INC",
    "    if new > old * ADAPTIVE_MAX_RATIO:",
    "        return eta_w * ADAPTIVE_DEC, eta_b * ADAPTIVE_DEC",
    "    return eta_w, eta_b",
    NULL,
};

static const char *const exp_py_trace[] = {
    "",
    "",
    "# ---- the trace ----",
    "",
    "",
    "def iteration(x, t, eta_w, eta_b):",
    "    \"\"\"One SGD iteration, and its values in the order of bpviz --trace, as (phase, value).\"\"\"",
    "    zs, acts, terms, loss = sgd_step(x, t, eta_w, eta_b)",
    "    events = []",
    "    for z, a in zip(zs, acts):  # z and a of each neuron, layer by layer",
    "        for zj, aj in zip(z.tolist(), a.tolist()):",
    "            events += [(\"forward\", zj), (\"forward\", aj)]",
    "    events += [(\"loss\", e) for e in terms.tolist()]  # each output's share, then the loss",
    "    events.append((\"loss\", loss.item()))",
    "    for z in reversed(zs):  # δ = ∂E/∂z, the output layer first",
    "        events += [(\"delta\", d) for d in z.grad.tolist()]",
    "    for layer in reversed(LAYERS):  # ∂E/∂w, then ∂E/∂b, the output layer first",
    "        events += [(\"gradient\", g) for g in layer.in_order(layer.W.grad)]",
    "        if layer.b is not None:",
    "            events += [(\"gradient\", g) for g in layer.b.grad.reshape(-1).tolist()]",
    "    for layer in reversed(LAYERS):  # the new values; a frozen bias has none",
    "        events += [(\"update\", w) for w in layer.in_order(layer.W)]",
    "        if layer.b is not None and not layer.frozen:",
    "            events += [(\"update\", b) for b in layer.b.reshape(-1).tolist()]",
    "    return events",
    "",
    "",
    "def main():",
    "    parser = argparse.ArgumentParser(description=\"bpviz --trace, computed with PyTorch.\")",
    "    parser.add_argument(\"--digits\", type=int, default=DIGITS, choices=range(1, 18), metavar=\"N\",",
    "                        help=\"significant digits of the values, at least 10 (1 to 17)\")",
    "    digits = max(10, parser.parse_args().digits)",
    "    sys.stdout.reconfigure(encoding=\"utf-8\")  # the names, as bpviz writes them",
    "    eta_w, eta_b = ETA, ETA_BIAS",
    "    epoch_loss = measure()[0] if ADAPTIVE else 0.0",
    "    index = 0",
    "    for n in range(ITERATIONS):",
    "        i = n % NTRAIN  # the training samples in order, over and over",
    "        events = iteration(X[i], T[i], eta_w, eta_b)",
    "        assert len(events) == len(NAMES[n]), \"the events and their names do not match\"",
    "        for (phase, value), name in zip(events, NAMES[n]):",
    "            index += 1",
    "            value = 0.0 if value == 0 else value  # no \"-0\"",
    "            print(\"%d\\t%s\\t%s\\t%.*g\" % (index, phase, name, digits, value))",
    "        if ADAPTIVE and (n + 1) % NTRAIN == 0:  # the end of an epoch",
    "            now = measure()[0]",
    "            eta_w, eta_b = adapt(eta_w, eta_b, epoch_loss, now)",
    "            epoch_loss = now",
    "    return 0",
    NULL,
};

static const char *const exp_py_train[] = {
    "",
    "",
    "# ---- training ----",
    "",
    "",
    "def epoch(eta_w, eta_b):",
    "    \"\"\"One epoch over the training samples in order.\"\"\"",
    "    if MODE == \"batch\":",
    "        # One step along the mean gradient: each backward() adds its sample's",
    "        # gradient to .grad, and the sum is divided by the number of samples.",
    "        zero_grad()",
    "        for i in range(NTRAIN):",
    "            _, acts = forward(X[i])",
    "            error_terms(acts[-1], T[i]).sum().backward()",
    "        with torch.no_grad():",
    "            for layer in LAYERS:",
    "                for p in layer.parameters():",
    "                    p.grad /= NTRAIN",
    "        update(eta_w, eta_b)",
    "    else:",
    "        for i in range(NTRAIN):  # one update per sample",
    "            sgd_step(X[i], T[i], eta_w, eta_b)",
    "",
    "",
    "def finite():",
    "    return all(bool(torch.isfinite(p).all()) for layer in LAYERS for p in layer.parameters())",
    "",
    "",
    "def row(n, loss, train_acc, val_acc):",
    "    if NCLASSES == 0:",
    "        print(\"%d,%.17g\" % (n, loss))",
    "    else:",
    "        print(\"%d,%.17g,%.6g,%.6g\" % (n, loss, train_acc, val_acc))",
    "",
    "",
    "def main():",
    "    parser = argparse.ArgumentParser(description=\"bpviz --train, computed with PyTorch.\")",
    "    parser.add_argument(\"--epochs\", type=int, default=EPOCHS, metavar=\"N\", help=\"epochs to train\")",
    "    epochs = parser.parse_args().epochs",
    "    print(\"epoch,loss\" if NCLASSES == 0 else \"epoch,loss,train_acc,val_acc\")",
    "    loss, train_acc, val_acc = measure()",
    "    row(0, loss, train_acc, val_acc)",
    "    eta_w, eta_b = ETA, ETA_BIAS",
    "    for n in range(1, epochs + 1):",
    "        if THRESHOLD > 0 and loss < THRESHOLD:",
    "            break  # document 000 step 5: stop below the threshold",
    "        epoch(eta_w, eta_b)",
    "        new, train_acc, val_acc = measure()",
    "        if not math.isfinite(new) or not finite() or (new > 1.0 and new > loss * 1e6):",
    "            sys.stdout.flush()",
    "            print(\"%s: training diverged in epoch %d: the loss is %g (was %g); is the learning rate too large?\"",
    "                  % (os.path.basename(sys.argv[0]), n, new, loss), file=sys.stderr)",
    "            return 1",
    "        eta_w, eta_b = adapt(eta_w, eta_b, loss, new)",
    "        loss = new",
    "        row(n, loss, train_acc, val_acc)",
    "    return 0",
    NULL,
};

static const char *const exp_py_tail[] = {
    "",
    "",
    "if __name__ == \"__main__\":",
    "    sys.exit(main())",
    NULL,
};

static const char *const exp_py_about_trace[] = {
    "#",
    "# The scenario's network, built with PyTorch in float64: the same weights and",
    "# biases (written below as the scenario writes them), activations, loss,",
    "# learning rates and samples. It runs the same SGD iterations as `bpviz --trace`",
    "# and prints every value the same way (event number, phase, name, value,",
    "# tab-separated), so that the two can be compared line by line.",
    "#",
    "# Every value is PyTorch's: z and a are the forward pass's tensors; the",
    "# gradients are the .grad that loss.backward() leaves on the weights and",
    "# biases; an error term δ = ∂E/∂z is kept on each z by retain_grad() (it is not",
    "# the gradient of a leaf tensor); a new weight is what the update step below",
    "# makes. Only the names of the events are bpviz's: labels, copied.",
    "#",
    "# Run it with the Python that has PyTorch (Debian's python3-torch installs it",
    "# for /usr/bin/python3; another python3 earlier on PATH may not see it):",
    "#   /usr/bin/python3 SCRIPT                the values to DIGITS significant digits (below)",
    "#   /usr/bin/python3 SCRIPT --digits 17    to 17, as bpviz --trace --digits 17",
    NULL,
};

static const char *const exp_py_about_train[] = {
    "#",
    "# The scenario's network, built with PyTorch in float64 (the same weights and",
    "# biases, written below as the scenario writes them, activations, loss,",
    "# learning rates, momentum, adaptive rule and samples), trained as",
    "# `bpviz --train` trains it, with loss.backward() for the gradients and the",
    "# update step written out below. It prints the same CSV: epoch,loss (and",
    "# train_acc,val_acc for classes); row 0 is before training, and each loss is",
    "# the mean over the training samples at the end of its epoch.",
    "#",
    "# Run it with the Python that has PyTorch (Debian's python3-torch installs it",
    "# for /usr/bin/python3; another python3 earlier on PATH may not see it):",
    "#   /usr/bin/python3 SCRIPT                EPOCHS epochs (below), as bpviz --train",
    "#   /usr/bin/python3 SCRIPT --epochs 1000  as bpviz --train --epochs 1000",
    NULL,
};

/* ---- the generated parts ---- */

/* A symbol of the scenario's notation, rendered (l, j, k 0-based, iteration 1). */
static void exp_sym(const scenario *sc, nt_sym sym, int l, int j, int k, bool utf8, char *out, size_t outsz)
{
    char markup[NOTATION_MAX];
    notation_symbol(&sc->nt, &sc->spec, sym, l, j, k, 0, 0, NULL, markup, sizeof markup);
    notation_render(markup, utf8, out, outsz);
}

static void exp_header(exp_w *w, const scenario *sc, const export_options *o)
{
    exp_put(w, "#!/usr/bin/python3\n# ");
    exp_comment_text(w, sc->title);
    exp_put(w, " - in PyTorch\n#\n# Written by bpviz %s (bpviz --export torch%s) from ", BPVIZ_VERSION,
            o->kind == EXPORT_TRAIN ? " --train" : "");
    exp_comment_text(w, sc->path);
    if (sc->source && *sc->source) {
        exp_put(w, "\n# (");
        exp_comment_text(w, sc->source);
        exp_put(w, ")");
    }
    exp_put(w, ".\n");
    exp_lines(w, o->kind == EXPORT_TRACE ? exp_py_about_trace : exp_py_about_train);
}

static void exp_settings(exp_w *w, const scenario *sc, const export_options *o)
{
    const net_hyper *h = &sc->hyper;
    char v[40], name[NOTATION_MAX];
    exp_put(w, "\n# ---- the training settings ([training]) ----\n");
    exp_num(h->eta_w, true, v, sizeof v);
    exp_sym(sc, NT_ETA, 0, 0, 0, o->utf8, name, sizeof name);
    exp_put(w, "ETA = %s  # %s, the learning rate of the weights\n", v, name);
    exp_num(h->eta_b, true, v, sizeof v);
    exp_sym(sc, NT_ETAB, 0, 0, 0, o->utf8, name, sizeof name);
    exp_put(w, "ETA_BIAS = %s  # %s, the learning rate of the biases\n", v, name);
    exp_num(h->momentum, true, v, sizeof v);
    exp_sym(sc, NT_MOM, 0, 0, 0, o->utf8, name, sizeof name);
    exp_put(w, "MOMENTUM = %s  # %s: Δp ← β·Δp − η·∂E/∂p, p ← p + Δp (0: plain gradient descent)\n", v, name);
    exp_put(w, "ADAPTIVE = %s  # the adaptive learning rate, once per epoch (document 000 §2.6.2)\n",
            h->adaptive ? "True" : "False");
    exp_num(h->lr_inc, true, v, sizeof v);
    exp_put(w, "ADAPTIVE_INC = %s  # the epoch's mean loss fell: both learning rates times this\n", v);
    exp_num(h->lr_dec, true, v, sizeof v);
    exp_put(w, "ADAPTIVE_DEC = %s  # it rose more than ADAPTIVE_MAX_RATIO times: times this\n", v);
    exp_num(h->max_ratio, true, v, sizeof v);
    exp_put(w, "ADAPTIVE_MAX_RATIO = %s\n", v);
    exp_put(w, "LOSS = \"%s\"  # half-sse: E = ½·Σ(t − a)²; mse: E = (1/n)·Σ(t − a)² over the n outputs\n",
            net_loss_name(sc->spec.loss));
    if (o->kind == EXPORT_TRACE) {
        exp_put(w, "ITERATIONS = %ld  # the iterations traced (one sample each, the training samples in order)\n",
                o->iterations);
        exp_put(w, "DIGITS = %d  # significant digits of the values (bpviz --trace prints 10)\n", o->digits);
    } else {
        exp_put(w, "MODE = \"%s\"  # sgd: an update per sample; batch: one per epoch, along the mean gradient\n",
                sc->mode == TRAIN_MODE_BATCH ? "batch" : "sgd");
        exp_put(w, "EPOCHS = %ld\n", o->epochs);
        exp_num(sc->threshold, true, v, sizeof v);
        exp_put(w, "THRESHOLD = %s  # training stops once the mean loss is below it (0: never)\n", v);
    }
}

/* The names of layer l's neurons (sym NT_X, NT_Z or NT_A), elided in the middle when many. */
static void exp_neurons(exp_w *w, const scenario *sc, nt_sym sym, int l, bool utf8)
{
    const int n = sc->spec.size[l];
    char s[NOTATION_MAX];
    for (int j = 0; j < n; j++) {
        if (n > EXPORT_NAMES_GRID && j > 0 && j < n - 1) {
            if (j == 1)
                exp_put(w, utf8 ? " …" : " ...");
            continue;
        }
        exp_sym(sc, sym, l, j, 0, utf8, s, sizeof s);
        exp_put(w, "%s%s", j ? " " : "", s);
    }
}

/* Layer l's weight names as the scenario lays its matrix out, in a comment;
 * the first and the last when the matrix is large. */
static void exp_weight_names(exp_w *w, const scenario *sc, int l, bool utf8)
{
    const net *n = sc->init;
    const int nin = sc->spec.size[l - 1], nout = sc->spec.size[l];
    const bool from_to = sc->layout[l] == 1;
    const int rows = from_to ? nin : nout, cols = from_to ? nout : nin;
    char s[NOTATION_MAX], m[NOTATION_MAX];
    if (rows > EXPORT_NAMES_GRID || cols > EXPORT_NAMES_GRID) {
        notation_param(&sc->nt, &sc->spec, net_windex(n, l, 0, 0), 0, m, sizeof m);
        notation_render(m, utf8, s, sizeof s);
        exp_put(w, "#     %s %s ", s, utf8 ? "…" : "...");
        notation_param(&sc->nt, &sc->spec, net_windex(n, l, nout - 1, nin - 1), 0, m, sizeof m);
        notation_render(m, utf8, s, sizeof s);
        exp_put(w, "%s (%d rows, %d columns)\n", s, rows, cols);
        return;
    }
    int width = 0;
    for (int i = 0; i < nin * nout; i++) {
        notation_param(&sc->nt, &sc->spec, net_windex(n, l, i / nin, i % nin), 0, m, sizeof m);
        notation_render(m, utf8, s, sizeof s);
        width = utf8_width(s) > width ? utf8_width(s) : width;
    }
    for (int r = 0; r < rows; r++) {
        exp_put(w, "#    ");
        for (int c = 0; c < cols; c++) {
            const int j = from_to ? c : r, k = from_to ? r : c;
            notation_param(&sc->nt, &sc->spec, net_windex(n, l, j, k), 0, m, sizeof m);
            notation_render(m, utf8, s, sizeof s);
            exp_put(w, " %s%*s", s, c + 1 < cols ? width - utf8_width(s) : 0, "");
        }
        exp_put(w, "\n");
    }
}

/* What the comment says of layer l's biases. */
static void exp_bias_comment(exp_w *w, const scenario *sc, int l, bool utf8)
{
    const net_layer_spec *ls = &sc->spec.layer[l];
    char s[NOTATION_MAX];
    if (ls->bias == NET_BIAS_NONE) {
        exp_put(w, "#   no biases\n");
        return;
    }
    exp_put(w, "#   %s ", ls->bias == NET_BIAS_SHARED ? "bias" : "biases");
    if (ls->bias == NET_BIAS_SHARED) {
        exp_sym(sc, NT_B, l, 0, 0, utf8, s, sizeof s);
        exp_put(w, "%s: one number for the layer (its gradient sums the layer's δs)", s);
    } else {
        for (int j = 0; j < sc->spec.size[l]; j++) {
            if (sc->spec.size[l] > EXPORT_NAMES_GRID && j > 0 && j < sc->spec.size[l] - 1) {
                if (j == 1)
                    exp_put(w, utf8 ? " …" : " ...");
                continue;
            }
            exp_sym(sc, NT_B, l, j, 0, utf8, s, sizeof s);
            exp_put(w, "%s%s", j ? " " : "", s);
        }
        exp_put(w, ": one per neuron");
    }
    exp_put(w, "\n%s", ls->bias_frozen ? "#   frozen: used and differentiated, never updated\n" : "");
}

static const char *exp_act_words(net_act act)
{
    switch (act) {
    case NET_ACT_SIGMOID: return "sigmoid 1/(1 + e^(−z))";
    case NET_ACT_GSIGMOID: return "generalized sigmoid A/(1 + e^(−z/B))";
    case NET_ACT_TANH: return "tanh";
    case NET_ACT_RELU: return "ReLU max(0, z)";
    default: return "identity (none)";
    }
}

/* Layer l: a comment in the document's names, then its Layer(...). */
static void exp_layer(exp_w *w, const scenario *sc, int l, bool utf8)
{
    const net *n = sc->init;
    const net_layer_spec *ls = &sc->spec.layer[l];
    const int nin = sc->spec.size[l - 1], nout = sc->spec.size[l];
    const bool from_to = sc->layout[l] == 1;
    char act[128];
    exp_put(w, "\n# layer %d: ", l);
    exp_neurons(w, sc, l == 1 ? NT_X : NT_A, l - 1, utf8);
    exp_put(w, " → ");
    exp_neurons(w, sc, NT_Z, l, utf8);
    exp_put(w, " → ");
    exp_neurons(w, sc, NT_A, l, utf8);
    exp_put(w, "; activation: %s\n", exp_act_words(ls->act));
    exp_put(w, "#   weights in the scenario's layout (%s: a row per neuron of %s):\n",
            from_to ? "from-to" : "to-from", from_to ? "the layer before" : "this layer");
    exp_weight_names(w, sc, l, utf8);
    exp_bias_comment(w, sc, l, utf8);
    exp_put(w, "layer%d = Layer(\n    weights=[\n", l);
    /* net's w[l] is to-from (row j, column k): from-to's row k is its column k. */
    const int rows = from_to ? nin : nout, cols = from_to ? nout : nin;
    for (int r = 0; r < rows; r++) {
        int col = 8;
        exp_put(w, "        ");
        if (from_to)
            exp_numbers(w, n->w[l] + r, cols, (size_t)nin, true, 8, &col);
        else
            exp_numbers(w, n->w[l] + (size_t)r * nin, cols, 1, true, 8, &col);
        exp_put(w, ",\n");
    }
    exp_put(w, "    ],\n    layout=\"%s\",\n    biases=", from_to ? "from-to" : "to-from");
    if (!n->b[l]) {
        exp_put(w, "None");
    } else if (ls->bias == NET_BIAS_SHARED) {
        char v[40];
        exp_num(n->b[l][0], true, v, sizeof v);
        exp_put(w, "%s", v);
    } else {
        int col = 11;
        exp_numbers(w, n->b[l], nout, 1, true, 11, &col);
    }
    exp_put(w, ",\n    bias=\"%s\",\n    frozen=%s,\n    activation=%s,\n)\n", net_bias_name(ls->bias),
            ls->bias_frozen ? "True" : "False", exp_act_expr(ls, act, sizeof act));
}

static void exp_network(exp_w *w, const scenario *sc, bool utf8)
{
    const net_spec *sp = &sc->spec;
    bool used[NET_ACT_COUNT] = {false};
    for (int l = 1; l < sp->nlayers; l++)
        used[sp->layer[l].act] = true;
    exp_put(w, "\n# ---- the network ([network], [layer N]): ");
    for (int l = 0; l < sp->nlayers; l++)
        exp_put(w, "%s%d", l ? "-" : "", sp->size[l]);
    exp_put(w, " ----\n");
    if (used[NET_ACT_SIGMOID])
        exp_lines(w, exp_py_act_sigmoid);
    if (used[NET_ACT_GSIGMOID])
        exp_lines(w, exp_py_act_gsigmoid);
    if (used[NET_ACT_IDENTITY])
        exp_lines(w, exp_py_act_identity);
    exp_lines(w, exp_py_layer);
    exp_put(w, "\n");
    if (sc->init_mode == SCENARIO_INIT_UNIFORM) {
        char lo[40], hi[40];
        exp_num(sc->init_lo, false, lo, sizeof lo);
        exp_num(sc->init_hi, false, hi, sizeof hi);
        exp_put(w, "# The initial weights and biases are bpviz's draw ([init] random = uniform %s %s, seed = %lu),\n"
                   "# written out.\n", lo, hi, sc->init_seed);
    }
    for (int l = 1; l < sp->nlayers; l++)
        exp_layer(w, sc, l, utf8);
    exp_put(w, "\nLAYERS = [");
    for (int l = 1; l < sp->nlayers; l++)
        exp_put(w, "%slayer%d", l > 1 ? ", " : "", l);
    exp_put(w, "]\n");
}

static void exp_data_inline(exp_w *w, const scenario *sc)
{
    const data_set *d = &sc->data;
    exp_put(w, "\n# ---- the data ([data]): the samples in training order, inputs and targets ----\n"
               "SAMPLES = [\n");
    for (int i = 0; i < d->n; i++) {
        int col = 5;
        exp_put(w, "    (");
        exp_numbers(w, d->x + (size_t)i * d->nin, d->nin, 1, true, 5, &col);
        exp_put(w, ", ");
        col += 2;
        exp_numbers(w, d->t + (size_t)i * d->nout, d->nout, 1, true, 5, &col);
        exp_put(w, "),\n");
    }
    exp_put(w, "]\n"
               "X = torch.tensor([x for x, _ in SAMPLES], dtype=torch.float64)  # a sample per row\n"
               "T = torch.tensor([t for _, t in SAMPLES], dtype=torch.float64)  # its targets\n"
               "NTRAIN = %d  # the first NTRAIN samples train, the rest validate\n"
               "NCLASSES = 0  # the targets are numbers, not classes\n", data_ntrain(d));
}

/* The CSV file's rows as read, before scaling and shuffling, and the shuffle's order. */
static bool exp_raw_csv(const scenario *sc, data_set *raw, int **order, err *e)
{
    csv_opts opt = sc->csv;
    opt.normalize = false;
    opt.shuffle = false;
    memset(raw, 0, sizeof *raw);
    raw->nin = sc->data.nin;
    raw->nout = sc->data.nout;
    if (!csv_load_for(sc->path, &opt, sc->data.nin, sc->data.nout, raw, e))
        return false;
    *order = malloc((size_t)raw->n * sizeof **order);
    if (!*order) {
        data_free(raw);
        err_set(e, sc->path, 0, 0, _("out of memory"));
        return false;
    }
    if (sc->csv.shuffle)
        csv_shuffle_order(sc->csv.seed, raw->n, *order);
    else
        for (int i = 0; i < raw->n; i++)
            (*order)[i] = i;
    return true;
}

static void exp_data_csv(exp_w *w, const scenario *sc, const data_set *raw, const int *order)
{
    const data_set *d = &sc->data;
    const bool classes = d->nclasses > 0;
    exp_put(w, "\n# ---- the data ([data]): ");
    exp_comment_text(w, sc->csv.file);
    exp_put(w, " ----\n# Its %d rows as bpviz reads them, in the file's order: the %d features, then the label ", raw->n,
            raw->nin);
    exp_comment_text(w, sc->csv.label);
    exp_put(w, ".\nCSV_ROWS = [\n");
    for (int i = 0; i < raw->n; i++) {
        int col = 5;
        exp_put(w, "    (");
        exp_numbers(w, raw->x + (size_t)i * raw->nin, raw->nin, 1, false, 5, &col);
        if (classes) {
            strbuf b = {0};
            exp_pystr(&b, raw->class_names[data_argmax(raw->t + (size_t)i * raw->nout, raw->nout)]);
            exp_put(w, ", %s),\n", b.s ? b.s : "\"\"");
            strbuf_free(&b);
        } else {
            char v[40];
            exp_num(raw->t[i], false, v, sizeof v);
            exp_put(w, ", %s),\n", v);
        }
    }
    exp_put(w, "]\nLABELS_ARE_CLASSES = %s  # %s\n", classes ? "True" : "False",
            classes ? "a label names a class: one output per class" : "the label is the target");
    exp_put(w, "NORMALIZE = %s  # normalize = %s\n", sc->csv.normalize ? "True" : "False",
            sc->csv.normalize ? "minmax" : "none");
    if (sc->csv.shuffle) {
        exp_put(w, "# shuffle = yes, seed = %lu: bpviz shuffles the rows with its own generator (splitmix64,\n"
                   "# Fisher-Yates), which neither Python nor PyTorch has; this is the order it gives,\n"
                   "# as positions in CSV_ROWS (from 0).\n", sc->csv.seed);
        int col = 9;
        exp_put(w, "ORDER = [");
        for (int i = 0; i < raw->n; i++) {
            char num[16];
            snprintf(num, sizeof num, "%d", order[i]);
            exp_item(w, num, i, 8, &col);
        }
        exp_put(w, "]\n");
    } else {
        exp_put(w, "ORDER = range(%d)  # shuffle = no: the file's order\n", raw->n);
    }
    exp_put(w, "NTRAIN = %d  # the first NTRAIN rows (in that order) train, the other %d validate\n", data_ntrain(d),
            d->n - data_ntrain(d));
    exp_lines(w, exp_py_csv);
}

static void exp_names_write(exp_w *w, const exp_names *nm)
{
    exp_put(w, "\n\n# ---- the names bpviz --trace gives the events (labels, copied: the values are computed above) ----\n");
    for (long i = 0; i < nm->nlist; i++)
        exp_put(w, "EVENTS_%ld = [\n    %s\n]\n", i + 1, nm->list[i]);
    bool one = true;
    for (long it = 0; it < nm->iterations; it++)
        one = one && nm->of[it] == 0;
    if (one) {
        exp_put(w, "NAMES = [EVENTS_1] * %ld  # NAMES[n]: the names of iteration n + 1\n", nm->iterations);
        return;
    }
    exp_put(w, "NAMES = [  # NAMES[n]: the names of iteration n + 1\n   ");
    int col = 3;
    for (long it = 0; it < nm->iterations; it++) {
        char item[40];
        snprintf(item, sizeof item, " EVENTS_%ld,", nm->of[it] + 1);
        if (col + (int)strlen(item) > EXPORT_WIDTH) {
            exp_put(w, "\n   ");
            col = 3;
        }
        exp_put(w, "%s", item);
        col += (int)strlen(item);
    }
    exp_put(w, "\n]\n");
}

export_result export_torch(const scenario *sc, const export_options *o, FILE *out, err *e, int *write_errno)
{
    *write_errno = 0;
    exp_names nm = {0};
    data_set raw = {0};
    int *order = NULL;
    if (!export_torch_check(sc, o, e) || (o->kind == EXPORT_TRACE && !exp_names_collect(sc, o, &nm, e)))
        return EXPORT_REFUSED;
    if (sc->csv.file && !exp_raw_csv(sc, &raw, &order, e)) {
        exp_names_free(&nm);
        return EXPORT_REFUSED;
    }
    exp_w w = {out, 0};
    exp_header(&w, sc, o);
    exp_lines(&w, exp_py_imports);
    exp_settings(&w, sc, o);
    exp_network(&w, sc, o->utf8);
    if (sc->csv.file)
        exp_data_csv(&w, sc, &raw, order);
    else
        exp_data_inline(&w, sc);
    exp_lines(&w, exp_py_algo);
    if (o->kind == EXPORT_TRACE) {
        exp_lines(&w, exp_py_trace);
        exp_names_write(&w, &nm);
    } else {
        exp_lines(&w, exp_py_train);
    }
    exp_lines(&w, exp_py_tail);
    errno = 0;
    if (!w.errnum && (fflush(out) != 0 || ferror(out)))
        w.errnum = errno ? errno : EIO;
    exp_names_free(&nm);
    data_free(&raw);
    free(order);
    *write_errno = w.errnum;
    return w.errnum ? EXPORT_WRITE_FAILED : EXPORT_OK;
}
