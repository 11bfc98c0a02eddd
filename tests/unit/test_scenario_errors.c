/* test_scenario_errors.c - every class of bad scenario or CSV input gives its exact "path:line:col: message", never a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "data.h"
#include "err.h"
#include "rng.h"
#include "scenario.h"
#include "testutil.h"

/* The small scenario every case edits (testutil.h shows its lines). */
static const char BASE[] = TU_BASE_SCENARIO;

#define RUN(cs) TU_RUN_CASES(cs)
#define EXPECTED_SECTIONS "(expected scenario, network, layer N, notation, training, init, data or expected)"
#define PLACEHOLDERS "(use $j $k $l $m $u $v $n $s $p $L or $$)"

static void test_sections_and_keys(void **state)
{
    (void)state;
    static const tu_case cs[] = {
        {"", "", ""}, /* the base parses */
        {"[data]", "[datum]", "t.bp:13:2: unknown section [datum] " EXPECTED_SECTIONS},
        {"[layer 2]", "[Layer 2]", "t.bp:9:2: unknown section [Layer 2] " EXPECTED_SECTIONS},
        {"[layer 2]", "[layer two]", "t.bp:9:2: unknown section [layer two] " EXPECTED_SECTIONS},
        {"[data]", "[data", "t.bp:13:1: unterminated section header (missing ']')"},
        {"[data]", "[data] x", "t.bp:13:8: unexpected text after ']'"},
        {"[layer 2]", "[layer 2]]", "t.bp:9:10: unexpected text after ']'"},
        {"[data]", "[data] # a comment", ""},
        {"[network]", "[scenario]", "t.bp:3:1: [scenario] given twice (first on line 1)"},
        {"[layer 2]", "[layer 1]", "t.bp:9:1: [layer 1] given twice (first on line 5)"},
        {"[layer 2]", "[layer 0]", "t.bp:9:2: layer number 0 out of range (1 to 15)"},
        {"[layer 2]", "[layer 16]", "t.bp:9:2: layer number 16 out of range (1 to 15)"},
        {"title = t\n", "title = t\ncolour = red\n", "t.bp:3:1: unknown key 'colour' in [scenario]"},
        {"title = t", "Title = t", "t.bp:2:1: unknown key 'Title' in [scenario]"},
        {"title = t\n", "title = t\n= u\n", "t.bp:3:1: missing key name before '='"},
        {"biases = 0.1 0.1\n", "biases = 0.1 0.1\n= sigmoid\n", "t.bp:9:1: missing key name before '='"},
        /* The value column is just past '=' when the value is left out. */
        {"title = t", "title =", "t.bp:2:8: empty title"},
        {"title = t", "title =   # no title", "t.bp:2:8: empty title"},
        /* An indented line after a matrix continues the matrix. */
        {"biases = 0.1 0.1\n", "biases = 0.1 0.1\n  activation = tanh\n", "t.bp:9:3: 'activation' is not a number"},
        {"[data]\n", "[notation]\nfoo = x\n[data]\n", "t.bp:14:1: unknown key 'foo' in [notation]"},
        {"[data]\n", "[training]\nspeed = 2\n[data]\n", "t.bp:14:1: unknown key 'speed' in [training]"},
        {"[scenario]\n", "title = t\n[scenario]\n", "t.bp:1:1: 'title' is outside any section (start with [scenario])"},
        {"title = t", "title t", "t.bp:2: expected 'key = value', '[section]' or a comment"},
        {"title = t\n", "title = t\n  more title\n",
         "t.bp:3:3: unexpected indented line (only matrices continue on indented lines)"},
        /* A key given twice. */
        {"title = t\n", "title = t\ntitle = u\n", "t.bp:3:1: 'title' given twice in [scenario]"},
        {"biases = 0.1 0.1\n", "biases = 0.1 0.1\nlayout = to-from\nlayout = from-to\n",
         "t.bp:10:1: 'layout' given twice in [layer 1]"},
        {"biases = 0.2 0.2\n", "biases = 0.2 0.2\nweights = 1 2\n", "t.bp:13:1: 'weights' given twice in [layer 2]"},
        /* ... but sample lines and expected values repeat freely. */
        {"", "sample = 1 2 -> 3 4\n[expected]\nC = 1\nC = 2\n", ""},
        /* Comments, CRLF-free variants, blank continuation lines are fine. */
        {"layers = 2 2 2", "layers = 2 2 2 # sizes ; all of them", ""},
        {"weights = 0.1 0.2\n", "weights = 0.1 0.2 # first row\n  # a comment between rows\n", ""},
        {"weights = 0.5 0.6", "weights =\n          0.5 0.6", ""},
        {"weights = 0.5 0.6", "weights = 0.5, 0.6", ""},
    };
    RUN(cs);
}

static void test_numbers(void **state)
{
    (void)state;
    static const tu_case cs[] = {
        {"0.3 0.4", "0.3 x4", "t.bp:7:15: 'x4' is not a number"},
        {"0.3 0.4", "0.3 nan", "t.bp:7:15: 'nan' is not a finite number"},
        {"0.3 0.4", "0.3 -inf", "t.bp:7:15: '-inf' is not a finite number"},
        {"0.3 0.4", "0.3 1e999", "t.bp:7:15: '1e999' is not a finite number"},
        {"0.3 0.4", "0.3 0.4.5", "t.bp:7:15: '0.4.5' is not a number"},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 -> 0 NaN", "t.bp:14:24: 'NaN' is not a finite number"},
        {"sample = 0.05 0.1 -> 0 1", "sample = infinity 0.1 -> 0 1", "t.bp:14:10: 'infinity' is not a finite number"},
        {"biases = 0.2 0.2", "biases = 0.2 INF", "t.bp:12:14: 'INF' is not a finite number"},
        {"", "[expected]\nz^2_1 = abc\n", "t.bp:16:9: 'abc' is not a number"},
        {"", "[expected]\nz^2_1 = 1.364e\n", "t.bp:16:9: '1.364e' is not a number"},
        /* A key that takes one number, given none. */
        {"", "[expected]\nz^2_1 =\n", "t.bp:16:8: missing value"},
        {"", "[expected]\n= 1\n", "t.bp:16:1: missing key name before '='"},
        {"[data]\n", "[training]\neta =\n[data]\n", "t.bp:14:6: missing value"},
        /* FORMAT.md: numbers are decimal, so C's hexadecimal forms are not numbers. */
        {"sample = 0.05 0.1 -> 0 1", "sample = 0x10 0.1 -> 0 1", "t.bp:14:10: '0x10' is not a number"},
        {"0.3 0.4", "0.3 0x1p-2", "t.bp:7:15: '0x1p-2' is not a number"},
        /* Decimal spellings that are fine. */
        {"0.3 0.4", "+.3 4e-1", ""},
        {"sample = 0.05 0.1 -> 0 1", "sample = 1e-400 -0 -> 0 1", ""},
    };
    RUN(cs);
}

#define W2x2(layout, r, c) "t.bp:" #r ":" #c ": layer 1 weights must be 2×2 (" layout
static void test_matrices(void **state)
{
    (void)state;
    static const tu_case cs[] = {
        /* Rows and columns, both layouts. */
        {"          0.3 0.4\n", "",
         W2x2("to-from", 6, 11) ": rows are neurons of this layer, 2 of them; columns 2); got 1×2"},
        {"          0.3 0.4\n", "          0.3 0.4\n          0.5 0.6\n",
         W2x2("to-from", 6, 11) ": rows are neurons of this layer, 2 of them; columns 2); got 3×2"},
        {"weights = 0.1 0.2\n          0.3 0.4", "weights = 0.1 0.2 0.25\n          0.3 0.4 0.45",
         W2x2("to-from", 6, 11) ": rows are neurons of this layer, 2 of them; columns 2); got 2×3"},
        {"weights = 0.1 0.2\n          0.3 0.4", "layout = from-to\nweights = 0.1 0.2 0.25\n          0.3 0.4 0.45",
         W2x2("from-to", 7, 11) ": rows are neurons of the layer before, 2 of them; columns 2); got 2×3"},
        /* 3 inputs, 2 hidden: to-from wants 2 rows of 3, from-to 3 rows of 2. */
        {"layers = 2 2 2", "layers = 3 2 2",
         "t.bp:6:11: layer 1 weights must be 2×3 (to-from: rows are neurons of this layer, 2 of them; columns 3); got 2×2"},
        {"layers = 2 2 2\n[layer 1]\n", "layers = 3 2 2\n[layer 1]\nlayout = from-to\n",
         "t.bp:7:11: layer 1 weights must be 3×2 (from-to: rows are neurons of the layer before, 3 of them; columns 2); "
         "got 2×2"},
        {"[layer 2]\nweights = 0.5 0.6\n", "[layer 2]\nweights =\n",
         "t.bp:10:10: layer 2 weights must be 2×2 (to-from: rows are neurons of this layer, 2 of them; columns 2); got 1×2"},
        /* Ragged rows. */
        {"          0.3 0.4\n", "          0.3 0.4 0.5\n", "t.bp:7:11: this row has 3 numbers but the first row has 2"},
        {"          0.3 0.4\n", "          0.3\n", "t.bp:7:11: this row has 1 number but the first row has 2"},
        {"          0.7 0.8\n", "          0.7 0.8\n          0.9\n",
         "t.bp:12:11: this row has 1 number but the first row has 2"},
        /* A row of commas alone holds no numbers. */
        {"          0.3 0.4\n", "          ,\n", "t.bp:7:11: expected numbers"},
        {"          0.7 0.8\n", "          0.7 0.8\n   , ,\n", "t.bp:12:4: expected numbers"},
        /* Weight names: laid out like the weights, no placeholders. */
        {"biases = 0.2 0.2\n", "biases = 0.2 0.2\nw.names = a b\n   c d\n", ""},
        {"biases = 0.2 0.2\n", "biases = 0.2 0.2\nw.names = a b\n   c d\n   e f\n",
         "t.bp:13:11: layer 2 w.names must be laid out like its weights, 2×2; got 3×2"},
        {"biases = 0.2 0.2\n", "biases = 0.2 0.2\nw.names = a b c\n   d e f\n",
         "t.bp:13:11: layer 2 w.names must be laid out like its weights, 2×2; got 2×3"},
        {"biases = 0.2 0.2\n", "biases = 0.2 0.2\nw.names = a b\n   c\n",
         "t.bp:14:4: this row has 1 name but the first row has 2"},
        {"biases = 0.2 0.2\n", "biases = 0.2 0.2\nw.names = a$j b\n   c d\n",
         "t.bp:13:11: a weight name cannot hold placeholders: 'a$j'"},
        /* Biases. */
        {"biases = 0.1 0.1", "bias = none\nbiases = 0.1 0.1", "t.bp:9:10: layer 1 has bias = none but lists biases"},
        {"biases = 0.1 0.1", "biases = 0.1 0.1 0.1", "t.bp:8:10: layer 1 needs 2 biases (bias = neuron); got 3"},
        {"biases = 0.1 0.1", "biases = 0.1", "t.bp:8:10: layer 1 needs 2 biases (bias = neuron); got 1"},
        {"biases = 0.1 0.1", "bias = shared\nbiases = 0.1 0.1", "t.bp:9:10: layer 1 needs 1 bias (bias = shared); got 2"},
        {"biases = 0.1 0.1", "bias = shared\nbiases = 0.1", ""},
        {"biases = 0.1 0.1", "bias = none", ""},
    };
    RUN(cs);
}

static void test_layers_and_required(void **state)
{
    (void)state;
    static const tu_case cs[] = {
        /* Layer sections that do not agree with [network] layers. */
        {"", "[layer 3]\nweights = 1 2\n", "t.bp:15: there is no layer 3: [network] layers gives 2 computing layers"},
        {"layers = 2 2 2", "layers = 2 2",
         "t.bp:9: there is no layer 2: [network] layers gives 1 computing layer"},
        {"layers = 2 2 2", "layers = 2 2 2 2", "t.bp:14: missing section [layer 3] (its weights are needed)"},
        {"weights = 0.5 0.6\n          0.7 0.8\n", "", "t.bp:9: [layer 2] has no weights (or give [init] random = uniform LO HI)"},
        {"biases = 0.2 0.2\n", "", "t.bp:9: [layer 2] has no biases (bias = neuron needs 2)"},
        /* [init] draws what is not written. */
        {"weights = 0.5 0.6\n          0.7 0.8\nbiases = 0.2 0.2\n", "[init]\nrandom = uniform -1 1\n", ""},
        /* Sizes. */
        {"layers = 2 2 2", "layers = 2", "t.bp:4:10: a network needs at least 2 layers (input and output)"},
        {"layers = 2 2 2", "layers =", "t.bp:4:9: a network needs at least 2 layers (input and output)"},
        {"layers = 2 2 2", "layers = 2 0 2", "t.bp:4:12: a layer holds 1 to 4096 neurons, not 0"},
        {"layers = 2 2 2", "layers = 2 -1 2", "t.bp:4:12: a layer holds 1 to 4096 neurons, not -1"},
        {"layers = 2 2 2", "layers = 2 two 2", "t.bp:4:12: 'two' is not a whole number of neurons"},
        {"layers = 2 2 2", "layers = 2 2.5 2", "t.bp:4:12: '2.5' is not a whole number of neurons"},
        {"layers = 2 2 2", "layers = 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2",
         "t.bp:4:42: too many layers (at most 16, input included)"},
        {"layers = 2 2 2", "layers = 2 5000 2", "t.bp:4:12: a layer holds 1 to 4096 neurons, not 5000"},
        {"layers = 2 2 2", "layers = 2 4097 2", "t.bp:4:12: a layer holds 1 to 4096 neurons, not 4097"},
        {"layers = 2 2 2", "layers = 4096 4096 2", "t.bp:4:10: the network has more than 4000000 parameters"},
        /* Required fields. */
        {"title = t\n", "", "t.bp:1: [scenario] has no title"},
        {"[scenario]\ntitle = t\n", "", "t.bp:12: missing section [scenario] (with a title)"},
        {"layers = 2 2 2\n", "", "t.bp:3: [network] has no 'layers'"},
        {"[network]\nlayers = 2 2 2\n", "", "t.bp:12: missing section [network] (with 'layers')"},
        {"sample = 0.05 0.1 -> 0 1\n", "", "t.bp:13: [data] has no 'sample' and no 'file'"},
        {"[data]\nsample = 0.05 0.1 -> 0 1\n", "", "t.bp:12: missing section [data]"},
        {"sample = 0.05 0.1 -> 0 1\n", "file = x.csv\n", "t.bp:14: a data 'file' needs 'label' (the name of the label column)"},
        {"sample = 0.05 0.1 -> 0 1\n", "sample = 0.05 0.1 -> 0 1\nfile = x.csv\nlabel = y\n",
         "t.bp:15: give either 'sample' lines or a 'file', not both"},
        {"sample = 0.05 0.1 -> 0 1\n", "file = no-such-file.csv\nlabel = y\n", "t.bp:14: no-such-file.csv: No such file or directory"},
        /* Samples with the wrong counts. */
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 -> 0 1",
         "t.bp:14:10: the sample has 1 input and 2 targets; the network takes 2 and gives 2"},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 -> 0",
         "t.bp:14:10: the sample has 2 inputs and 1 target; the network takes 2 and gives 2"},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 -> 0 1\nsample = 1 2 3 -> 4 5",
         "t.bp:15:10: the sample has 3 inputs and 2 targets; the network takes 2 and gives 2"},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 0 1",
         "t.bp:14:10: a sample is written 'x1 x2 … -> t1 t2 …' (missing '->')"},
        {"sample = 0.05 0.1 -> 0 1", "sample =", "t.bp:14:9: a sample is written 'x1 x2 … -> t1 t2 …' (missing '->')"},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 -> 0 -> 1", "t.bp:14:24: '->' given twice in one sample"},
        {"sample = 0.05 0.1 -> 0 1", "sample = -> 0 1",
         "t.bp:14:10: a sample needs inputs before '->' and targets after it"},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 ->",
         "t.bp:14:10: a sample needs inputs before '->' and targets after it"},
    };
    RUN(cs);
}

static void test_names_and_settings(void **state)
{
    (void)state;
    static const tu_case cs[] = {
        {"biases = 0.1 0.1", "biases = 0.1 0.1\nactivation = softmax",
         "t.bp:9:14: unknown activation 'softmax' (expected sigmoid, gsigmoid A B, tanh, relu or identity)"},
        {"layers = 2 2 2", "layers = 2 2 2\nloss = cross-entropy",
         "t.bp:5:8: unknown loss 'cross-entropy' (expected half-sse or mse)"},
        {"biases = 0.1 0.1", "biases = 0.1 0.1\nlayout = rows", "t.bp:9:10: unknown layout 'rows' (expected to-from or from-to)"},
        {"biases = 0.1 0.1", "biases = 0.1 0.1\nbias = always",
         "t.bp:9:8: unknown bias mode 'always' (expected none, neuron or shared)"},
        {"biases = 0.1 0.1", "biases = 0.1 0.1\nbias.frozen = perhaps", "t.bp:9:15: expected yes or no, not 'perhaps'"},
        {"biases = 0.2 0.2", "biases = 0.2 0.2\nactivation = gsigmoid 1",
         "t.bp:13:14: gsigmoid takes two numbers, A and B: 'gsigmoid 1 1'"},
        {"biases = 0.2 0.2", "biases = 0.2 0.2\nactivation = gsigmoid 1 2 3",
         "t.bp:13:14: gsigmoid takes two numbers, A and B: 'gsigmoid 1 1'"},
        {"biases = 0.2 0.2", "biases = 0.2 0.2\nactivation = gsigmoid 1 0", "t.bp:13:14: gsigmoid needs A > 0 and B > 0"},
        {"biases = 0.2 0.2", "biases = 0.2 0.2\nactivation = gsigmoid -1 1", "t.bp:13:14: gsigmoid needs A > 0 and B > 0"},
        {"biases = 0.2 0.2", "biases = 0.2 0.2\nactivation = gsigmoid 1 x", "t.bp:13:25: 'x' is not a number"},
        {"biases = 0.2 0.2", "biases = 0.2 0.2\nactivation = gsigmoid 1.716 0.5", ""},
        {"biases = 0.2 0.2", "biases = 0.2 0.2\nactivation = tanh 2", "t.bp:13:19: tanh takes no parameters"},
        /* Templates. */
        {"biases = 0.1 0.1", "biases = 0.1 0.1\nz = net_$q", "t.bp:9:9: unknown placeholder in 'net_$q' " PLACEHOLDERS},
        {"[data]\n", "[notation]\nx = x_$\n[data]\n", "t.bp:14:7: unknown placeholder in 'x_$' " PLACEHOLDERS},
        {"[data]\n", "[notation]\ngrad = ∂$L/∂$P\n[data]\n",
         "t.bp:14:17: unknown placeholder in '∂$L/∂$P' " PLACEHOLDERS}, /* the column counts bytes: ∂ is 3 */
        {"[data]\n", "[notation]\nx =\n[data]\n", "t.bp:14:4: empty name"},
        {"[data]\n", "[notation]\nx = x_$u$v$$\n[data]\n", ""},
        {"[data]\n", "[notation]\nloss = E_$L\n[data]\n", "t.bp:14:10: the loss's name cannot contain $L (itself)"},
        {"[data]\n", "[notation]\nloss = E$$$L\n[data]\n", "t.bp:14:11: the loss's name cannot contain $L (itself)"},
        {"[data]\n", "[notation]\nloss = E\n[data]\n", ""},
        {"[data]\n", "[notation]\nloss = E$$L\n[data]\n", ""}, /* a literal $ then L */
        {"[data]\n", "[notation]\nloss = $$$$L_$L\n[data]\n", "t.bp:14:14: the loss's name cannot contain $L (itself)"},
        /* Training settings. */
        {"[data]\n", "[training]\nmode = minibatch\n[data]\n", "t.bp:14:8: unknown mode 'minibatch' (expected sgd or batch)"},
        {"[data]\n", "[training]\nadaptive = maybe\n[data]\n", "t.bp:14:12: expected yes or no, not 'maybe'"},
        {"[data]\n", "[training]\neta = 0\n[data]\n", "t.bp:14:7: 0 is out of range (it must be more than 0 and at most 1e+06)"},
        {"[data]\n", "[training]\neta = 0.5 0.6\n[data]\n", "t.bp:14:7: expected one number"},
        {"[data]\n", "[training]\neta = fast\n[data]\n", "t.bp:14:7: 'fast' is not a number"},
        {"[data]\n", "[training]\nmomentum = 1\n[data]\n", "t.bp:14:12: 1 is out of range (0 to 0.999999)"},
        {"[data]\n", "[training]\niterations = 0\n[data]\n", "t.bp:14:14: 0 is out of range (1 to 1000000)"},
        {"[data]\n", "[training]\niterations = 1.5\n[data]\n", "t.bp:14:14: '1.5' is not a whole number"},
        {"[data]\n", "[training]\nthreshold = -1\n[data]\n", "t.bp:14:13: -1 is out of range (0 to 1e+300)"},
        /* Each factor's own bounds: eta.bias may be 0 (frozen biases), adaptive.dec may not. */
        {"[data]\n", "[training]\neta.bias = -0.1\n[data]\n", "t.bp:14:12: -0.1 is out of range (0 to 1e+06)"},
        {"[data]\n", "[training]\neta.bias = 2e6\n[data]\n", "t.bp:14:12: 2e6 is out of range (0 to 1e+06)"},
        {"[data]\n", "[training]\neta.bias = 0.1 0.2\n[data]\n", "t.bp:14:12: expected one number"},
        {"[data]\n", "[training]\neta.bias = 0\n[data]\n", ""},
        {"[data]\n", "[training]\nadaptive.inc = 0.99\n[data]\n", "t.bp:14:16: 0.99 is out of range (1 to 10)"},
        {"[data]\n", "[training]\nadaptive.inc = 10.5\n[data]\n", "t.bp:14:16: 10.5 is out of range (1 to 10)"},
        {"[data]\n", "[training]\nadaptive.inc = 1\n[data]\n", ""},
        {"[data]\n", "[training]\nadaptive.dec = 0\n[data]\n",
         "t.bp:14:16: 0 is out of range (it must be more than 0 and at most 1)"},
        {"[data]\n", "[training]\nadaptive.dec = 1.01\n[data]\n",
         "t.bp:14:16: 1.01 is out of range (it must be more than 0 and at most 1)"},
        {"[data]\n", "[training]\nadaptive.dec = 1\n[data]\n", ""},
        {"[data]\n", "[training]\nadaptive.max_ratio = 0.5\n[data]\n", "t.bp:14:22: 0.5 is out of range (1 to 100)"},
        {"[data]\n", "[training]\nadaptive.max_ratio = 101\n[data]\n", "t.bp:14:22: 101 is out of range (1 to 100)"},
        {"[data]\n", "[training]\nadaptive.max_ratio = 100\n[data]\n", ""},
        /* A whole number too large to hold is out of range, not "not a whole number". */
        {"[data]\n", "[training]\nepochs = 99999999999999999999\n[data]\n",
         "t.bp:14:10: 99999999999999999999 is out of range (0 to 10000000)"},
        {"[data]\n", "[init]\nrandom = normal 0 1\n[data]\n", "t.bp:14:10: expected 'uniform LO HI'"},
        {"[data]\n", "[init]\nrandom = uniform 0\n[data]\n", "t.bp:14:10: uniform takes two numbers: 'uniform LO HI'"},
        {"[data]\n", "[init]\nrandom = uniform 1 0\n[data]\n", "t.bp:14:10: uniform needs LO < HI"},
        {"[data]\n", "[init]\nrandom = uniform 0 x\n[data]\n", "t.bp:14:20: 'x' is not a number"},
        {"[data]\n", "[init]\nseed = -1\n[data]\n", "t.bp:14:8: -1 is out of range (0 to 2147483647)"},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 -> 0 1\nnormalize = zscore",
         "t.bp:15:13: unknown normalisation 'zscore' (expected minmax or none)"},
        {"sample = 0.05 0.1 -> 0 1", "sample = 0.05 0.1 -> 0 1\ntrain = 0", "t.bp:15:9: 0 is out of range (1 to 100000000)"},
    };
    RUN(cs);
}

/* FORMAT.md: "A line holds at most 199 bytes". */
static void test_line_length(void **state)
{
    (void)state;
    char title[1100];
    int bad = 0;
    for (int len = 195; len <= 202; len++) {
        /* "title = " (8 bytes) then x's up to len bytes in all. */
        memset(title, 0, sizeof title);
        memcpy(title, "title = ", 8);
        memset(title + 8, 'x', (size_t)len - 8);
        char *text = tu_base_edit("title = t", title);
        err e;
        const char *got = tu_parse_msg("t.bp", text, (long)strlen(text), &e);
        const char *want = len <= 199 ? "" : "t.bp:2:200: line longer than 199 bytes (split the matrix or use [init])";
        if (strcmp(got, want)) {
            print_error("a line of %d bytes: got '%s', expected '%s'\n", len, got, want);
            bad++;
        }
        free(text);
    }
    /* Far longer: the same message (and no overflow). */
    memset(title, 'y', 1000);
    title[1000] = '\0';
    memcpy(title, "title = ", 8);
    char *text = tu_base_edit("title = t", title);
    err e;
    assert_string_equal(tu_parse_msg("t.bp", text, (long)strlen(text), &e),
                        "t.bp:2:200: line longer than 199 bytes (split the matrix or use [init])");
    free(text);
    assert_int_equal(bad, 0);
}

/* SCENARIO_MAX_SAMPLES and SCENARIO_MAX_EXPECTED. */
static void test_count_limits(void **state)
{
    (void)state;
    const char *head = "[scenario]\ntitle = t\n[network]\nlayers = 1 1\n[layer 1]\nweights = 1\nbiases = 0\n[data]\n";
    const int heads = 8;
    size_t cap = strlen(head) + 100002 * 24 + 64;
    char *text = malloc(cap);
    size_t len = (size_t)sprintf(text, "%s", head);
    for (int i = 0; i < 100001; i++)
        len += (size_t)sprintf(text + len, "sample = %d -> 1\n", i % 10);
    err e;
    char want[128];
    snprintf(want, sizeof want, "t.bp:%d:1: too many samples (at most 100000)", heads + 100001);
    assert_string_equal(tu_parse_msg("t.bp", text, (long)len, &e), want);
    /* 100000 of them are fine. */
    assert_string_equal(tu_parse_msg("t.bp", text, (long)(strrchr(text, 's') - text), &e), "");

    len = (size_t)sprintf(text, "%ssample = 1 -> 1\n[expected]\n", head);
    for (int i = 0; i < 4097; i++)
        len += (size_t)sprintf(text + len, "z^2_1 = %d\n", i);
    snprintf(want, sizeof want, "t.bp:%d:1: too many expected values (at most 4096)", heads + 2 + 4097);
    assert_string_equal(tu_parse_msg("t.bp", text, (long)len, &e), want);
    free(text);

    /* A matrix of more numbers than the parameter limit: the weights line and
     * 1,999,999 rows of two hold exactly 4,000,000; the next row's first number
     * (line 2,000,006, column 2) is the one refused. */
    const char *mhead = "[scenario]\ntitle = t\n[network]\nlayers = 1 1\n[layer 1]\nweights = 0 0\n";
    cap = strlen(mhead) + 2000001 * 6 + 64;
    text = malloc(cap);
    len = (size_t)sprintf(text, "%s", mhead);
    for (int i = 1; i < 2000000; i++)
        len += (size_t)sprintf(text + len, " 0 0\n");
    len += (size_t)sprintf(text + len, " 0 0 0\n");
    snprintf(want, sizeof want, "t.bp:%d:2: too many numbers (more than 4000000)", 6 + 2000000);
    assert_string_equal(tu_parse_msg("t.bp", text, (long)len, &e), want);
    free(text);
}

/* Empty files, blank files, encodings, binary data. */
static void test_encodings(void **state)
{
    (void)state;
    err e;
    assert_string_equal(tu_parse_msg("t.bp", "", 0, &e), "t.bp: empty file");
    assert_int_equal(e.line, 0);
    assert_string_equal(tu_parse_msg("t.bp", "\n\n", 2, &e), "t.bp:2: missing section [scenario] (with a title)");
    assert_string_equal(tu_parse_msg("t.bp", "# only a comment\n", 17, &e), "t.bp:1: missing section [scenario] (with a title)");
    static const tu_case cs[] = {
        {"title = t", "title = t\xff", "t.bp:2:10: invalid UTF-8 (the file must be UTF-8 text)"},
        {"title = t", "title = caf\xe9!", "t.bp:2:12: invalid UTF-8 (the file must be UTF-8 text)"},        /* Latin-1 */
        {"title = t", "title = \xe6\x96", "t.bp:2:9: invalid UTF-8 (the file must be UTF-8 text)"},         /* cut short */
        {"title = t", "title = \xc0\xaf", "t.bp:2:9: invalid UTF-8 (the file must be UTF-8 text)"},         /* overlong */
        {"title = t", "title = \x80", "t.bp:2:9: invalid UTF-8 (the file must be UTF-8 text)"},             /* stray continuation */
        {"0.3 0.4", "0.3 0.4\x01", "t.bp:7:18: control character 0x01 in a text file"},
        {"title = t", "title = t\x1b[31m", "t.bp:2:10: control character 0x1b in a text file"},
        {"title = t", "title = 文档000 §2.4 ŷ", ""},
        {"title = t", "title = t\t(tab)", ""},
    };
    RUN(cs);
    /* NUL bytes: the text is given with its length. */
    char *text = tu_base_edit("title = t", "title = t?x");
    *strchr(text, '?') = '\0';
    const long len = (long)(strlen(text) + 1 + strlen(text + strlen(text) + 1));
    assert_string_equal(tu_parse_msg("t.bp", text, len, &e), "t.bp:2:10: binary data (a NUL byte) in a text file");
    assert_int_equal(e.line, 2);
    assert_int_equal(e.col, 10);
    free(text);
    char nul[1] = {0};
    assert_string_equal(tu_parse_msg("t.bp", nul, 1, &e), "t.bp:1:1: binary data (a NUL byte) in a text file");
    /* Windows line ends and a byte-order mark are accepted. */
    char crlf[2 * sizeof BASE];
    size_t n = 0;
    for (const char *p = BASE; *p; p++) {
        if (*p == '\n')
            crlf[n++] = '\r';
        crlf[n++] = *p;
    }
    crlf[n] = '\0';
    assert_string_equal(tu_parse_msg("t.bp", crlf, (long)n, &e), "");
    char bom[sizeof BASE + 3] = "\xEF\xBB\xBF";
    strcat(bom, BASE);
    assert_string_equal(tu_parse_msg("t.bp", bom, (long)strlen(bom), &e), "");
}

/* Sequences RFC 3629 forbids: UTF-16 surrogates, overlong 3- and 4-byte
 * forms, code points above U+10FFFF. */
static void test_encodings_strict(void **state)
{
    (void)state;
    static const tu_case cs[] = {
        {"title = t", "title = \xed\xa0\x80", "t.bp:2:9: invalid UTF-8 (the file must be UTF-8 text)"},
        {"title = t", "title = \xe0\x80\xaf", "t.bp:2:9: invalid UTF-8 (the file must be UTF-8 text)"},
        {"title = t", "title = \xf0\x80\x80\xaf", "t.bp:2:9: invalid UTF-8 (the file must be UTF-8 text)"},
        {"title = t", "title = \xf4\x90\x80\x80", "t.bp:2:9: invalid UTF-8 (the file must be UTF-8 text)"},
    };
    RUN(cs);
}

/* A message is "t.bp:L: ..." or "t.bp:L:C: ..." with L within the text's lines
 * (or "t.bp: empty file" for no text), and err.line/col agree with it. */
static void well_formed(const char *text, long len, const err *e, const char *what)
{
    if (len == 0) {
        assert_string_equal(e->msg, "t.bp: empty file");
        return;
    }
    int lines = 1;
    for (long i = 0; i < len; i++)
        lines += text[i] == '\n' && i + 1 < len;
    int line, col;
    tu_msg_pos(e->msg, "t.bp", &line, &col);
    if (strncmp(e->msg, "t.bp:", 5) || line < 1 || line > lines || e->line != line || e->col != col)
        fail_msg("%s: badly placed message '%s' (err line %d col %d; the text has %d lines)", what, e->msg, e->line, e->col,
                 lines);
}

static int line_of(const char *text, const char *at)
{
    int line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

/* Parses the first len bytes of doc000 and compares with want ("%d" = the
 * line of the cut, given as cutline). */
static void prefix_is(const char *doc, long len, const char *fmt, int a, int b)
{
    err e;
    char want[512];
    snprintf(want, sizeof want, fmt, a, b);
    const char *got = tu_parse_msg("t.bp", doc, len, &e);
    if (strcmp(got, want))
        fail_msg("doc000 cut at byte %ld: got '%s', expected '%s'", len, got, want);
}

/* Every prefix of document 000's scenario (the frozen copy, fixtures/doc000.bp) parses or fails
 * with a placed message. */
static void test_truncated(void **state)
{
    (void)state;
    long n;
    char *doc = tu_fixture("doc000.bp", &n);
    int ok = 0;
    for (long len = 0; len <= n; len++) {
        err e;
        const char *m = tu_parse_msg("t.bp", doc, len, &e);
        if (!*m) {
            ok++;
            continue;
        }
        char what[64];
        snprintf(what, sizeof what, "doc000 cut at byte %ld", len);
        well_formed(doc, len, &e, what);
    }
    assert_true(ok > 100); /* every cut inside [expected] still parses */
    err e;
    assert_string_equal(tu_parse_msg("t.bp", doc, n, &e), "");
    scenario *sc = scenario_parse("t.bp", doc, n, &e);
    assert_non_null(sc);
    assert_int_equal(sc->nexpect, 32);
    scenario_free(sc);

    /* Specific cuts. */
    const char *p;
    p = strstr(doc, "[network]");
    prefix_is(doc, p - doc, "t.bp:%d: missing section [network] (with 'layers')", line_of(doc, p) - 1, 0);
    prefix_is(doc, p - doc + 10, "t.bp:%d: [network] has no 'layers'", line_of(doc, p), 0);
    p = strstr(doc, "文档");
    prefix_is(doc, p - doc + 1, "t.bp:%d:%d: invalid UTF-8 (the file must be UTF-8 text)", line_of(doc, p), 10);
    p = strstr(doc, "[layer 2]");
    prefix_is(doc, p - doc, "t.bp:%d: missing section [layer 2] (its weights are needed)", line_of(doc, p) - 1, 0);
    p = strstr(doc, "[layer 1]");
    prefix_is(doc, p - doc + 3, "t.bp:%d:%d: unterminated section header (missing ']')", line_of(doc, p), 1);
    p = strstr(p, "0.25 0.30");
    prefix_is(doc, p - doc, "t.bp:%d: missing section [layer 2] (its weights are needed)", line_of(doc, p), 0);
    p = strstr(strstr(doc, "[layer 2]"), "0.50 0.55");
    prefix_is(doc, p - doc,
              "t.bp:%d:%d: layer 2 weights must be 2×2 (from-to: rows are neurons of the layer before, 2 of them; "
              "columns 2); got 1×2",
              line_of(doc, p) - 1, 15);
    p = strstr(doc, "activation  = sigmoid");
    prefix_is(doc, p - doc + 17, "t.bp:%d:%d: unknown activation 'sig' (expected sigmoid, gsigmoid A B, tanh, relu or identity)",
              line_of(doc, p), 15);
    p = strstr(doc, "[data]");
    prefix_is(doc, p - doc, "t.bp:%d: missing section [data]", line_of(doc, p) - 1, 0);
    prefix_is(doc, p - doc + 7, "t.bp:%d: [data] has no 'sample' and no 'file'", line_of(doc, p), 0);
    p = strstr(doc, "-> 0 1");
    prefix_is(doc, p - doc + 4, "t.bp:%d:%d: the sample has 2 inputs and 1 target; the network takes 2 and gives 2",
              line_of(doc, p), 10);
    p = strstr(doc, "1.364e-3");
    prefix_is(doc, p - doc + 6, "t.bp:%d:%d: '1.364e' is not a number", line_of(doc, p), 17); /* ∇ is 3 bytes */
    p = strstr(doc, "\n[expected]") + 1; /* not the one in the opening comment */
    prefix_is(doc, p - doc, "", 0, 0);
    prefix_is(doc, p - doc + 5, "t.bp:%d:%d: unterminated section header (missing ']')", line_of(doc, p), 1);
    free(doc);
}

/* Random bytes and random damage to document 000: never a crash, always a
 * placed message (or a successful parse). */
static void test_garbage(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 0xBADC0DE);
    static const char alphabet[] = "[]=:#; \t\n\rabcxyz0123456789.-e>$_{}^\x80\xc3\xa9\xff";
    char buf[1024];
    int failed = 0;
    for (int rep = 0; rep < 3000; rep++) {
        const long len = 1 + (long)rng_below(&r, sizeof buf - 1);
        for (long i = 0; i < len; i++)
            buf[i] = rep % 2 ? (char)rng_below(&r, 256) : alphabet[rng_below(&r, sizeof alphabet - 1)];
        err e;
        if (*tu_parse_msg("t.bp", buf, len, &e)) {
            well_formed(buf, len, &e, "random bytes");
            failed++;
        }
    }
    assert_true(failed > 2900);
    long n;
    char *doc = tu_fixture("doc000.bp", &n);
    char *copy = malloc((size_t)n + 1);
    for (int rep = 0; rep < 3000; rep++) {
        memcpy(copy, doc, (size_t)n + 1);
        for (int k = 0; k < 1 + rep % 4; k++)
            copy[rng_below(&r, (uint64_t)n)] = rep % 3 ? alphabet[rng_below(&r, sizeof alphabet - 1)]
                                                     : (char)rng_below(&r, 256);
        err e;
        if (*tu_parse_msg("t.bp", copy, n, &e))
            well_formed(copy, n, &e, "damaged doc000");
    }
    free(copy);
    free(doc);
}

/* ---- CSV files ---------------------------------------------------------------- */

static char csv_dir[64];

static int csv_setup(void **state)
{
    (void)state;
    strcpy(csv_dir, "/tmp/bpviz-csv-XXXXXX");
    return mkdtemp(csv_dir) ? 0 : -1;
}

static int csv_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", csv_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes len bytes (-1: strlen) to a file of the temp folder; returns its path. */
static const char *csv_file(const char *name, const char *body, long len)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", csv_dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(body, 1, len < 0 ? strlen(body) : (size_t)len, f);
    fclose(f);
    return path;
}

/* Loads body as a CSV with that label column; want is the message after
 * "path" ("" = loads). Reports a mismatch and returns false. */
static bool csv_is(const char *body, long len, const char *label, int nin, int nout, int train, const char *want)
{
    const char *path = csv_file("t.csv", body, len);
    csv_opts opt;
    memset(&opt, 0, sizeof opt);
    opt.label = (char *)label;
    opt.train_rows = train;
    data_set d;
    memset(&d, 0, sizeof d);
    err e;
    err_clear(&e);
    bool ok = csv_load(path, &opt, nin, nout, &d, &e);
    char full[600];
    snprintf(full, sizeof full, "%s%s", *want ? path : "", want);
    if (!*want) {
        data_free(&d);
        if (!ok)
            print_error("'%s' did not load: %s\n", body, e.msg);
        return ok;
    }
    if (ok) {
        print_error("'%s' loaded; expected '%s'\n", body, full);
        data_free(&d);
        return false;
    }
    assert_int_equal(d.n, 0); /* nothing half loaded */
    assert_null(d.x);
    if (strcmp(e.msg, full)) {
        print_error("csv:\n    got      '%s'\n    expected '%s'\n", e.msg, full);
        return false;
    }
    return true;
}

static void test_csv_errors(void **state)
{
    (void)state;
    int bad = 0;
    bad += !csv_is("a,b,y\n1,2,x\n3,4\n", -1, "y", 2, 2, 0, ":3: 2 fields, but the header has 3");
    bad += !csv_is("a,b,y\n1,2,x\n3,4,x,5\n", -1, "y", 2, 2, 0, ":3: 4 fields, but the header has 3");
    bad += !csv_is("a,b,y\n1,2,x\n3,q,x\n", -1, "y", 2, 2, 0, ":3:3: 'q' in column 'b' is not a number");
    bad += !csv_is("a,b,y\n1,,x\n", -1, "y", 2, 2, 0, ":2:3: '' in column 'b' is not a number");
    bad += !csv_is("a,b,y\n1,nan,2\n", -1, "y", 2, 1, 0, ":2:3: 'nan' in column 'b' is not a finite number");
    bad += !csv_is("a,b,y\n1,2,x\n", -1, "label", 2, 2, 0, ":1: no column named 'label' (the header has: a, b, y)");
    bad += !csv_is("", -1, "y", 2, 2, 0, ": empty file");
    bad += !csv_is("\n\n", -1, "y", 2, 2, 0, ": empty file");
    bad += !csv_is("a,b,y\n", -1, "y", 2, 2, 0, ":1: no data rows after the header");
    bad += !csv_is("a,b,y\n1,2,p\n1,2,q\n1,2,r\n", -1, "y", 2, 2, 0, ":4:5: label 'r' is class 3, but the network has 2 outputs");
    bad += !csv_is("a,b,y\n1,2,p\n1,2,q\n", -1, "y", 2, 3, 0, ":3: 2 classes in column 'y', but the network has 3 outputs");
    bad += !csv_is("a,b,y\n1,2,0.5\n1,2,q\n", -1, "y", 2, 1, 0,
           ":3:5: label 'q' is not a number, but the rows above have numeric labels");
    bad += !csv_is("a,b,y\n1,2,0.5\n", -1, "y", 2, 2, 0, ":2: 1 class in column 'y', but the network has 2 outputs");
    bad += !csv_is("a,b,y\n1,2,p\n1,2,\n", -1, "y", 2, 2, 0, ":3:5: empty label");
    bad += !csv_is("a,b,y\n1,2,p\n1,2,q\n", -1, "y", 2, 2, 5, ": train = 5, but the file has only 2 rows");
    bad += !csv_is("a,y\n1,2\n", -1, "y", 2, 1, 0, ":1: 1 feature column besides 'y', but the network has 2 inputs");
    bad += !csv_is("a,b,c,y\n1,2,3,4\n", -1, "y", 2, 1, 0, ":1: 3 feature columns besides 'y', but the network has 2 inputs");
    /* A NUL byte inside a row is binary data, not the end of the row. */
    bad += !csv_is("a,b,y\n1,2,p\0zzz\n1,2,q\n", 22, "y", 2, 2, 0, ":2: binary data (a NUL byte) in a text file");
    /* Loadable: CRLF, blanks, quotes, blank lines; exactly the classes asked for. */
    bad += !csv_is("a,b,y\r\n1,2,p\r\n\r\n1, 2 ,\"q\"\r\n", -1, "y", 2, 2, 2, "");
    assert_int_equal(bad, 0);
}

/* More classes than CSV_MAX_CLASSES (1024), even when the network has room. */
static void test_csv_too_many_classes(void **state)
{
    (void)state;
    char *body = malloc(1100 * 16);
    size_t len = (size_t)sprintf(body, "a,y\n");
    for (int i = 0; i < 1030; i++)
        len += (size_t)sprintf(body + len, "1,c%d\n", i);
    bool ok = csv_is(body, (long)len, "y", 1, 2000, 0, ":1026:3: too many classes (at most 1024)");
    free(body);
    assert_true(ok);
}

/* The missing file: its path and the system's reason. */
static void test_csv_missing(void **state)
{
    (void)state;
    csv_opts opt;
    memset(&opt, 0, sizeof opt);
    opt.label = (char *)"y";
    data_set d;
    memset(&d, 0, sizeof d);
    err e;
    char path[128];
    snprintf(path, sizeof path, "%s/none.csv", csv_dir);
    assert_false(csv_load(path, &opt, 2, 2, &d, &e));
    char want[200];
    snprintf(want, sizeof want, "%s: No such file or directory", path);
    assert_string_equal(e.msg, want);
    /* From a scenario: relative to the scenario's folder. */
    opt.file = (char *)"none.csv";
    char scen[128];
    snprintf(scen, sizeof scen, "%s/t.bp", csv_dir);
    assert_false(csv_load_for(scen, &opt, 2, 2, &d, &e));
    assert_string_equal(e.msg, want);
}

/* Makes path a file of size bytes, all of them zero, without writing them (sparse). */
static void sparse_file(const char *path, long size)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(truncate(path, (off_t)size), 0);
}

/* SCENARIO_MAX_BYTES: "the whole file at most 16 MiB" (FORMAT.md). A file one
 * byte larger is refused by size; one of exactly that size is read, and then
 * refused for its content (it is all NUL bytes). Nothing is written to disk. */
static void test_scenario_too_large(void **state)
{
    (void)state;
    char path[128], want[256];
    snprintf(path, sizeof path, "%s/big.bp", csv_dir);
    err e;
    sparse_file(path, SCENARIO_MAX_BYTES + 1);
    err_clear(&e);
    assert_null(scenario_load(path, &e));
    snprintf(want, sizeof want, "%s: file larger than 16777216 bytes", path);
    assert_string_equal(e.msg, want);
    assert_int_equal(e.line, 0);
    sparse_file(path, SCENARIO_MAX_BYTES);
    err_clear(&e);
    assert_null(scenario_load(path, &e));
    snprintf(want, sizeof want, "%s:1:1: binary data (a NUL byte) in a text file", path);
    assert_string_equal(e.msg, want);
    assert_int_equal(unlink(path), 0);
}

/* The CSV limits: a file that is no regular file, one over CSV_MAX_BYTES,
 * a line over CSV_LINE_MAX, a header of more than 4096 columns. */
static void test_csv_limits(void **state)
{
    (void)state;
    csv_opts opt;
    memset(&opt, 0, sizeof opt);
    opt.label = (char *)"y";
    data_set d;
    memset(&d, 0, sizeof d);
    err e;
    char want[256];
    /* A directory (a device or fifo alike: "not a regular file") is refused before anything is read. */
    err_clear(&e);
    assert_false(csv_load(csv_dir, &opt, 2, 2, &d, &e));
    snprintf(want, sizeof want, "%s: Is a directory", csv_dir);
    assert_string_equal(e.msg, want);
    assert_int_equal(e.line, 0);
    assert_null(d.x);
    /* Refused by its size alone (a sparse file: nothing on disk, nothing read). */
    char path[128];
    snprintf(path, sizeof path, "%s/big.csv", csv_dir);
    sparse_file(path, CSV_MAX_BYTES + 1);
    err_clear(&e);
    assert_false(csv_load(path, &opt, 2, 2, &d, &e));
    snprintf(want, sizeof want, "%s: file larger than 268435456 bytes", path);
    assert_string_equal(e.msg, want);
    assert_int_equal(e.line, 0);
    assert_null(d.x);
    assert_int_equal(unlink(path), 0);

    int bad = 0;
    /* Line 3 of 70000 bytes, well over CSV_LINE_MAX. */
    const size_t longlen = 70000;
    char *body = malloc(longlen + 64);
    size_t len = (size_t)sprintf(body, "a,b,y\n1,2,p\n");
    memset(body + len, '1', longlen);
    len += longlen;
    len += (size_t)sprintf(body + len, ",2,q\n1,2,r\n");
    bad += !csv_is(body, (long)len, "y", 2, 3, 0, ":3: line longer than 65536 bytes");
    free(body);
    /* A header of 4097 columns (after a blank line, so it is line 2). */
    body = malloc(4097 * 8 + 64);
    len = (size_t)sprintf(body, "\n");
    for (int i = 0; i < 4096; i++)
        len += (size_t)sprintf(body + len, "c%d,", i);
    len += (size_t)sprintf(body + len, "y\n1,2\n");
    bad += !csv_is(body, (long)len, "y", 4096, 1, 0, ":2: more than 4096 columns");
    free(body);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections_and_keys),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_matrices),
        cmocka_unit_test(test_layers_and_required),
        cmocka_unit_test(test_names_and_settings),
        cmocka_unit_test(test_line_length),
        cmocka_unit_test(test_count_limits),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_encodings_strict),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_csv_too_many_classes),
        cmocka_unit_test(test_csv_missing),
        cmocka_unit_test(test_scenario_too_large),
        cmocka_unit_test(test_csv_limits),
    };
    return cmocka_run_group_tests(tests, csv_setup, csv_teardown);
}
