/* xor_ref.c - an independent XOR trainer that the command-line tests compare
 * `bpviz --train` with (tests/cli/train_xor.sh on scenarios/xor.bp,
 * train_xor_batch.sh on scenarios/xor-batch.bp, train_momentum.sh on
 * scenarios/momentum.bp and momentum-off.bp). It shares no code with bpviz.
 *
 * Network: 2 inputs, 2 sigmoid hidden neurons, 1 sigmoid output, a bias per
 * neuron, E = 1/2 (y - t)^2 per sample. The initial weights are those of
 * scenarios/xor.bp (the other XOR scenarios copy them): W1[i][j] from input i
 * to hidden j, W2[i] from hidden i. The loss of an epoch is the mean over the
 * four samples of 1/2 (y - t)^2 at the weights the epoch ends with; epoch 0 is
 * before any training.
 *
 * Usage: xor_ref [MODE [ETA [BETA]]]
 *   MODE  sgd (default): per-sample SGD, the samples in the order 00, 01, 10,
 *         11 every epoch, each step from the weights the last one left;
 *         batch: one step per epoch along the MEAN of the four samples'
 *         gradients, all taken at the weights the epoch starts with.
 *   ETA   learning rate of weights and biases (default 0.5).
 *   BETA  classical momentum (default 0): every parameter p keeps its last
 *         change v; a step is v = BETA*v - ETA*g, p = p + v (document 000
 *         §2.6.2). The velocities start at 0 and carry over from sample to
 *         sample and epoch to epoch.
 *
 * Prints "epoch,loss" and then one row for each of the epochs 0, 1, 10, 100,
 * 1000, the loss with %.17g. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double X[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
static const double T[4] = {0, 1, 1, 0};

/* The parameters and, alongside, their velocities and gradients. */
typedef struct params {
    double W1[2][2];
    double B1[2];
    double W2[2];
    double B2;
} params;

static params P = {{{0.5, 0.9}, {0.4, 1.0}}, {-0.8, 0.1}, {-1.2, 1.1}, -0.3};
static params V; /* velocities, all 0 at the start */

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* Output for input x; the hidden activations in h. */
static double forward(const double *x, double *h)
{
    for (int j = 0; j < 2; j++)
        h[j] = sigmoid(P.W1[0][j] * x[0] + P.W1[1][j] * x[1] + P.B1[j]);
    return sigmoid(P.W2[0] * h[0] + P.W2[1] * h[1] + P.B2);
}

static double epoch_loss(void)
{
    double sum = 0.0, h[2];
    for (int s = 0; s < 4; s++) {
        double y = forward(X[s], h);
        sum += 0.5 * (y - T[s]) * (y - T[s]);
    }
    return sum / 4.0;
}

/* dE/dp of sample (x, t) at the current parameters, added (times scale) to g. */
static void add_gradient(const double *x, double t, double scale, params *g)
{
    double h[2];
    double y = forward(x, h);
    double dy = (y - t) * y * (1.0 - y);
    for (int j = 0; j < 2; j++) {
        double dh = P.W2[j] * dy * h[j] * (1.0 - h[j]); /* W2 before any update */
        g->W2[j] += scale * dy * h[j];
        g->B1[j] += scale * dh;
        for (int i = 0; i < 2; i++)
            g->W1[i][j] += scale * dh * x[i];
    }
    g->B2 += scale * dy;
}

/* p <- p + v with v = beta*v - eta*g, for every parameter. */
static void step(double *p, double *v, double g, double eta, double beta)
{
    *v = beta * *v - eta * g;
    *p += *v;
}

static void apply(const params *g, double eta, double beta)
{
    for (int j = 0; j < 2; j++) {
        for (int i = 0; i < 2; i++)
            step(&P.W1[i][j], &V.W1[i][j], g->W1[i][j], eta, beta);
        step(&P.B1[j], &V.B1[j], g->B1[j], eta, beta);
        step(&P.W2[j], &V.W2[j], g->W2[j], eta, beta);
    }
    step(&P.B2, &V.B2, g->B2, eta, beta);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "sgd";
    const double eta = argc > 2 ? strtod(argv[2], NULL) : 0.5;
    const double beta = argc > 3 ? strtod(argv[3], NULL) : 0.0;
    const int batch = strcmp(mode, "batch") == 0;
    if (!batch && strcmp(mode, "sgd") != 0) {
        fprintf(stderr, "usage: xor_ref [sgd|batch [ETA [BETA]]]\n");
        return 2;
    }
    printf("epoch,loss\n");
    printf("%d,%.17g\n", 0, epoch_loss());
    for (int epoch = 1; epoch <= 1000; epoch++) {
        if (batch) {
            params g;
            memset(&g, 0, sizeof g);
            for (int s = 0; s < 4; s++)
                add_gradient(X[s], T[s], 0.25, &g); /* the mean of the four */
            apply(&g, eta, beta);
        } else {
            for (int s = 0; s < 4; s++) {
                params g;
                memset(&g, 0, sizeof g);
                add_gradient(X[s], T[s], 1.0, &g);
                apply(&g, eta, beta);
            }
        }
        if (epoch == 1 || epoch == 10 || epoch == 100 || epoch == 1000)
            printf("%d,%.17g\n", epoch, epoch_loss());
    }
    return 0;
}
