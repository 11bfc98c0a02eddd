/* xor_ref.c - an independent XOR trainer that tests/cli/train_xor.sh compares
 * `bpviz --train scenarios/xor.bp` with. It shares no code with bpviz.
 *
 * Network: 2 inputs, 2 sigmoid hidden neurons, 1 sigmoid output, a bias per
 * neuron. Per-sample SGD with eta = 0.5 on E = 1/2 (y - t)^2, the samples in the
 * order 00, 01, 10, 11 every epoch. The initial weights are those of
 * scenarios/xor.bp: W1[i][j] from input i to hidden j, W2[i] from hidden i.
 * The loss of an epoch is the mean over the four samples of 1/2 (y - t)^2 at the
 * weights the epoch ends with; epoch 0 is before any training.
 *
 * Prints "epoch,loss" and then one row for each of the epochs 0, 1, 10, 100,
 * 1000, the loss with %.17g. */
#include <math.h>
#include <stdio.h>

static const double X[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
static const double T[4] = {0, 1, 1, 0};

static double W1[2][2] = {{0.5, 0.9}, {0.4, 1.0}};
static double B1[2] = {-0.8, 0.1};
static double W2[2] = {-1.2, 1.1};
static double B2 = -0.3;

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* Output for input x; the hidden activations in h. */
static double forward(const double *x, double *h)
{
    for (int j = 0; j < 2; j++)
        h[j] = sigmoid(W1[0][j] * x[0] + W1[1][j] * x[1] + B1[j]);
    return sigmoid(W2[0] * h[0] + W2[1] * h[1] + B2);
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

static void train_sample(const double *x, double t, double eta)
{
    double h[2];
    double y = forward(x, h);
    double dy = (y - t) * y * (1.0 - y);
    double dh[2];
    for (int j = 0; j < 2; j++) /* with W2 before its update */
        dh[j] = W2[j] * dy * h[j] * (1.0 - h[j]);
    for (int j = 0; j < 2; j++)
        W2[j] -= eta * dy * h[j];
    B2 -= eta * dy;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            W1[i][j] -= eta * dh[j] * x[i];
    for (int j = 0; j < 2; j++)
        B1[j] -= eta * dh[j];
}

int main(void)
{
    const double eta = 0.5;
    printf("epoch,loss\n");
    printf("%d,%.17g\n", 0, epoch_loss());
    for (int epoch = 1; epoch <= 1000; epoch++) {
        for (int s = 0; s < 4; s++)
            train_sample(X[s], T[s], eta);
        if (epoch == 1 || epoch == 10 || epoch == 100 || epoch == 1000)
            printf("%d,%.17g\n", epoch, epoch_loss());
    }
    return 0;
}
