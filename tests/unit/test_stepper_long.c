/* test_stepper_long.c - a long flat-out run: checkpoints get thinned, yet rewinding stays exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "data.h"
#include "net.h"
#include "stepper.h"
#include "testutil.h"

/* XOR's 2-2-1 network with xor.bp's weights. */
static net *long_xor(data_set *d)
{
    const net_spec sp = tu_spec("2 2 1", NET_ACT_SIGMOID, NET_BIAS_NEURON);
    net *n = net_new(&sp, NULL);
    const double w1[] = {0.5, 0.4, 0.9, 1.0}, b1[] = {-0.8, 0.1}, w2[] = {-1.2, 1.1}, b2[] = {-0.3};
    memcpy(n->w[1], w1, sizeof w1);
    memcpy(n->b[1], b1, sizeof b1);
    memcpy(n->w[2], w2, sizeof w2);
    memcpy(n->b[2], b2, sizeof b2);
    memset(d, 0, sizeof *d);
    d->nin = 2;
    d->nout = 1;
    const double x[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, t[4] = {0, 1, 1, 0};
    for (int i = 0; i < 4; i++)
        assert_true(data_append(d, x[i], &t[i], NULL));
    d->ntrain = 4;
    return n;
}

static void test_long_run_rewinds_exactly(void **state)
{
    (void)state;
    data_set d;
    net *n = long_xor(&d);
    const net_hyper h = {.eta_w = 0.5, .eta_b = 0.5, .lr_inc = 1.05, .lr_dec = 0.7, .max_ratio = 1.04};
    stepper *s = stepper_new(n, &d, &h, NULL);
    assert_non_null(s);
    /* 4096 checkpoints of one per 1024 iterations fill at ~4.2 M iterations:
     * 6 M forces a thinning. */
    const long N = 6000000;
    assert_true(stepper_run(s, N, NULL));
    assert_int_equal(stepper_iteration(s), N);
    /* Step back across three iteration boundaries: from the end of N, count
     * steps reach its start, one more the end of N-1, and so on. */
    for (int k = 0; k < 3 * stepper_count(s) + 3; k++)
        assert_true(stepper_prev(s));
    long it = stepper_iteration(s);
    assert_int_equal(it, N - 3);
    assert_int_equal(stepper_pos(s), stepper_count(s));
    /* Independent: the same SGD run directly, to the start of that iteration. */
    net *ref = net_clone(n);
    for (long k = 0; k < it; k++)
        net_train_sample(ref, d.x + (k % 4) * 2, d.t + (k % 4), &h);
    const double *at = stepper_params_at(s, it);
    assert_non_null(at);
    assert_memory_equal(at, ref->params, (size_t)ref->nparams * sizeof(double));
    /* The start of training is never thinned away. */
    assert_non_null(stepper_params_at(s, 0));
    assert_memory_equal(stepper_params_at(s, 0), n->params, (size_t)n->nparams * sizeof(double));
    net_free(ref);
    stepper_free(s);
    net_free(n);
    data_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_run_rewinds_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
