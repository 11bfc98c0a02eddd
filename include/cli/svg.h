/* svg.h - the loss (and accuracy) chart of a training run as an SVG document, for handouts. */
#ifndef BPVIZ_SVG_H
#define BPVIZ_SVG_H

#include <stdbool.h>

#include "axis.h"
#include "train.h"

/* Builds an SVG chart of n points (epoch order): the loss on the left axis
 * (log scale when log_scale), and, when accuracy is true, the training and
 * validation accuracy on a 0-1 right axis. title is escaped. Returns a
 * malloc'd NUL-terminated document owned by the caller, NULL when memory runs
 * out or n < 1. */
char *svg_chart(const char *title, const train_point *pts, int n, bool accuracy, bool log_scale);

/* The loss axis svg_chart draws for n points (axis.c's, as the terminal chart's). */
void svg_loss_axis(const train_point *pts, int n, bool log_scale, axis *a);

#endif
