/* test_fault.c - the engine's diagnosis of a value that is not finite (fault.c), through the stepper
 * (stepper_fault, stepper_run's message) and the trainer (train_epoch's message): a generalized sigmoid
 * whose derivative is 0/0 or ∞/∞ is reported as that and not as a learning rate too large; an overflow
 * after training began is a divergence (the learning rate is suspected), one with the initial weights is
 * the data's or the weights' size; an input that is not finite is the data's. The fault found is the
 * quantity of the stepper's first event whose value is not finite. Messages are checked in English. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "data.h"
#include "fault.h"
#include "scenario.h"
#include "stepper.h"
#include "testutil.h"
#include "train.h"

static scenario *parse(const char *text)
{
    err e;
    scenario *sc = scenario_parse("fault.bp", text, (long)strlen(text), &e);
    if (!sc)
        fail_msg("%s", e.msg);
    return sc;
}

/* The first event of the current iteration whose value is not finite (-1: none). */
static int first_nonfinite(stepper *s)
{
    for (int i = 0; i < stepper_count(s); i++)
        if (!isfinite(stepper_event(s, i)->value))
            return i;
    return -1;
}

/* stepper_fault names the quantity of the first non-finite event of the current iteration. */
static void fault_matches_event(stepper *s, const fault *f)
{
    const int i = first_nonfinite(s);
    assert_true(i >= 0);
    const step_event *ev = stepper_event(s, i);
    if (f->kind != ev->kind || f->layer != ev->layer || f->j != ev->j || f->k != ev->k)
        fail_msg("fault at kind %d layer %d j %d k %d, first non-finite event %d is kind %d layer %d j %d k %d",
                 f->kind, f->layer, f->j, f->k, i + 1, ev->kind, ev->layer, ev->j, ev->k);
    assert_true(isnan(f->value) ? isnan(ev->value) : f->value == ev->value);
}

/* stepper_run on a scenario: fails with exactly that message. */
static void run_says(const scenario *sc, const data_set *d, long run, const char *want)
{
    err e;
    err_clear(&e);
    stepper *s = stepper_new(sc->init, d, &sc->hyper, &e);
    assert_non_null(s);
    assert_false(stepper_run(s, run, &e));
    assert_string_equal(e.msg, want);
    stepper_free(s);
}

/* gsigmoid A = B = 1e-200: z = 0.5, a = A (e^(-z/B) = 0), f′ = a(A − a)/(AB) = 0/0: A·B underflows. */
static const char tiny_gsigmoid[] = "[scenario]\ntitle = t\n[network]\nlayers = 1 1\n"
                                    "[layer 1]\nactivation = gsigmoid 1e-200 1e-200\nbias = none\nweights = 0.5\n"
                                    "[training]\neta = 0.5\n[data]\nsample = 1 -> 1\n";

static void test_derivative_zero_over_zero(void **state)
{
    (void)state;
    scenario *sc = parse(tiny_gsigmoid);
    err e;
    stepper *s = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    assert_non_null(s);
    assert_true(stepper_finish_iteration(s));
    fault f;
    assert_true(stepper_fault(s, &f));
    assert_int_equal(f.cause, FAULT_DERIVATIVE);
    assert_int_equal(f.kind, EV_DELTA);
    assert_int_equal(f.layer, 1);
    assert_true(isnan(f.value));
    assert_true(f.num == 0.0 && f.den == 0.0);
    assert_true(f.z == 0.5 && f.a == 1e-200);
    fault_matches_event(s, &f);
    assert_false(fault_diverged(&f, true));
    assert_false(fault_diverged(&f, false)); /* not the learning rate's, however late */
    char why[512];
    fault_reason(&f, &sc->spec, true, why, sizeof why);
    assert_string_equal(why, "the derivative a(A - a)/(AB) of [layer 1]'s gsigmoid is 0/0 at z = 0.5: "
                             "A*B = 1e-200*1e-200 underflows to 0 in double precision");
    stepper_free(s);
    run_says(sc, &sc->data, 10,
             "training stopped at iteration 1: the error term of neuron 1 in [layer 1] is nan: the derivative "
             "a(A - a)/(AB) of [layer 1]'s gsigmoid is 0/0 at z = 0.5: A*B = 1e-200*1e-200 underflows to 0 in "
             "double precision");
    /* --train: the same diagnosis, not "is the learning rate too large?" */
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    assert_false(train_epoch(t, &p, &e));
    assert_string_equal(e.msg, "training stopped in epoch 1 at iteration 1: the error term of neuron 1 in [layer 1] "
                               "is nan: the derivative a(A - a)/(AB) of [layer 1]'s gsigmoid is 0/0 at z = 0.5: "
                               "A*B = 1e-200*1e-200 underflows to 0 in double precision");
    assert_null(strstr(e.msg, "learning rate"));
    assert_int_equal(t->epoch, 0);
    assert_true(t->n->params[0] == 0.5); /* the epoch is undone */
    train_free(t);
    scenario_free(sc);
}

/* A hidden gsigmoid with A = B = 1e200: z = 0.5, a = A/(1 + e^(-5e-201)) = 5e199, read by the output
 * through a weight of 1e-200 (its z is 0.5, its loss finite); the hidden δ's f′ = a(A − a)/(AB) is
 * ∞/∞: 2.5e399 and A·B = 1e400 both overflow. Full-batch mode, so --train's message has no iteration. */
static const char huge_gsigmoid[] = "[scenario]\ntitle = t\n[network]\nlayers = 1 1 1\n"
                                    "[layer 1]\nactivation = gsigmoid 1e200 1e200\nbias = none\nweights = 0.5\n"
                                    "[layer 2]\nbias = none\nweights = 1e-200\n"
                                    "[training]\neta = 0.5\nmode = batch\n[data]\nsample = 1 -> 1\n";

static void test_derivative_inf_over_inf(void **state)
{
    (void)state;
    scenario *sc = parse(huge_gsigmoid);
    err e;
    stepper *s = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    assert_non_null(s);
    assert_true(stepper_finish_iteration(s));
    fault f;
    assert_true(stepper_fault(s, &f));
    assert_int_equal(f.cause, FAULT_DERIVATIVE);
    assert_int_equal(f.kind, EV_DELTA);
    assert_int_equal(f.layer, 1);
    assert_true(isinf(f.num) && isinf(f.den));
    fault_matches_event(s, &f);
    char why[512];
    fault_reason(&f, &sc->spec, true, why, sizeof why);
    assert_string_equal(why, "the derivative a(A - a)/(AB) of [layer 1]'s gsigmoid is inf/inf at z = 0.5: "
                             "A*B = 1e+200*1e+200 overflows in double precision");
    stepper_free(s);
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    assert_false(train_epoch(t, &p, &e));
    assert_string_equal(e.msg, "training stopped in epoch 1: the error term of neuron 1 in [layer 1] is nan: the "
                               "derivative a(A - a)/(AB) of [layer 1]'s gsigmoid is inf/inf at z = 0.5: "
                               "A*B = 1e+200*1e+200 overflows in double precision");
    train_free(t);
    scenario_free(sc);
}

/* One linear neuron, η = 10⁶, samples 1 → 3 and -1 → 2 in turn: |w| grows about 10⁶-fold per step
 * until ½(t − w·x)² overflows. The iteration is found here by the same arithmetic in plain doubles. */
static const char overflow_net[] = "[scenario]\ntitle = t\n[network]\nlayers = 1 1\n"
                                   "[layer 1]\nactivation = identity\nbias = none\nweights = 0.5\n"
                                   "[training]\neta = 1000000\n[data]\nsample = 1 -> 3\nsample = -1 -> 2\n";

static void test_overflow_diverges(void **state)
{
    (void)state;
    const double xs[2] = {1, -1}, ts[2] = {3, 2};
    double w = 0.5;
    long k = 0;
    for (;; k++) {
        const double x = xs[k % 2], t = ts[k % 2], d = t - w * x;
        if (!isfinite(0.5 * d * d))
            break;
        w -= 1e6 * (w * x - t) * x;
        assert_true(k < 1000);
    }
    assert_true(k > 10);
    scenario *sc = parse(overflow_net);
    char want[256];
    snprintf(want, sizeof want,
             "training diverged at iteration %ld: the error of output 1 overflows (is the learning rate too large?)",
             k + 1);
    run_says(sc, &sc->data, 1000, want);
    /* The iteration itself, stepped to: the first non-finite event is that error. */
    err e;
    stepper *s = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    assert_non_null(s);
    assert_true(stepper_run(s, k - 1, &e)); /* to the end of iteration k (1-based): all finite */
    assert_true(stepper_next(s));       /* into iteration k + 1 */
    assert_int_equal(stepper_iteration(s), k);
    fault f;
    assert_true(stepper_fault(s, &f));
    assert_int_equal(f.cause, FAULT_OVERFLOW);
    assert_int_equal(f.kind, EV_ERR);
    assert_true(fault_diverged(&f, false));
    fault_matches_event(s, &f);
    char why[256];
    fault_reason(&f, &sc->spec, false, why, sizeof why);
    assert_string_equal(why, "the squared error overflows (is the learning rate too large?)");
    stepper_free(s);
    scenario_free(sc);
}

/* x = 1e300 and w = 1e10: z = 1e310 overflows in the first forward pass, before any learning. */
static const char big_data[] = "[scenario]\ntitle = t\n[network]\nlayers = 1 1\n"
                               "[layer 1]\nactivation = identity\nbias = none\nweights = 1e10\n"
                               "[training]\neta = 0.1\n[data]\nsample = 1e300 -> 1\n";

static void test_overflow_before_learning(void **state)
{
    (void)state;
    scenario *sc = parse(big_data);
    run_says(sc, &sc->data, 5,
             "training stopped at iteration 1: the weighted input of neuron 1 in [layer 1] overflows: the data or the "
             "initial weights are too large for double precision");
    err e;
    trainer *t = train_new(sc->init, &sc->data, &sc->hyper, sc->mode, &e);
    assert_non_null(t);
    train_point p;
    assert_false(train_epoch(t, &p, &e));
    assert_string_equal(e.msg, "training stopped in epoch 1 at iteration 1: the weighted input of neuron 1 in [layer 1] "
                               "overflows: the data or the initial weights are too large for double precision");
    train_free(t);
    scenario_free(sc);
}

/* An input that is not finite (the parser refuses one, a data set built by hand does not). */
static void test_nan_input(void **state)
{
    (void)state;
    scenario *sc = parse(overflow_net);
    data_set d;
    memset(&d, 0, sizeof d);
    d.nin = d.nout = 1;
    err e;
    const double x = NAN, t = 1;
    assert_true(data_append(&d, &x, &t, &e));
    stepper *s = stepper_new(sc->init, &d, &sc->hyper, &e);
    assert_non_null(s);
    assert_true(stepper_finish_iteration(s));
    fault f;
    assert_true(stepper_fault(s, &f));
    assert_int_equal(f.cause, FAULT_DATA);
    assert_int_equal(f.kind, EV_Z);
    assert_int_equal(f.index, 0);
    fault_matches_event(s, &f);
    stepper_free(s);
    run_says(sc, &d, 3,
             "training stopped at iteration 1: the weighted input of neuron 1 in [layer 1] is nan: input 1 of the "
             "sample is nan");
    data_free(&d);
    scenario_free(sc);
}

/* An update that overflows in the first step: the learning rate is the suspect even then. x = 1e153,
 * w = 1: z = 1e153, ½z² = 5e305 and ∂C/∂w = z·x = 1e306 are finite, w − 10⁶·1e306 is not. */
static const char huge_eta[] = "[scenario]\ntitle = t\n[network]\nlayers = 1 1\n"
                               "[layer 1]\nactivation = identity\nbias = neuron\nweights = 1\nbiases = 0\n"
                               "[training]\neta = 1000000\n[data]\nsample = 1e153 -> 0\n";

static void test_update_overflow(void **state)
{
    (void)state;
    scenario *sc = parse(huge_eta);
    run_says(sc, &sc->data, 5,
             "training diverged at iteration 1: the update of [layer 1]'s weight to neuron 1 from neuron 1 overflows "
             "(is the learning rate too large?)");
    scenario_free(sc);
}

/* Every value finite: stepper_fault finds nothing and says so. */
static void test_all_finite(void **state)
{
    (void)state;
    scenario *sc = parse(overflow_net);
    err e;
    stepper *s = stepper_new(sc->init, &sc->data, &sc->hyper, &e);
    assert_non_null(s);
    assert_true(stepper_finish_iteration(s));
    fault f;
    assert_false(stepper_fault(s, &f));
    assert_int_equal(f.cause, FAULT_NONE);
    assert_int_equal(first_nonfinite(s), -1);
    stepper_free(s);
    scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derivative_zero_over_zero),
        cmocka_unit_test(test_derivative_inf_over_inf),
        cmocka_unit_test(test_overflow_diverges),
        cmocka_unit_test(test_overflow_before_learning),
        cmocka_unit_test(test_nan_input),
        cmocka_unit_test(test_update_overflow),
        cmocka_unit_test(test_all_finite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
