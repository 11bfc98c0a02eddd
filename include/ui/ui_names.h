/* ui_names.h - rendered symbol names of the scenario's quantities, and their widths, for the views. */
#ifndef BPVIZ_UI_NAMES_H
#define BPVIZ_UI_NAMES_H

#include <stddef.h>

#include "notation.h"
#include "ui_state.h"

/* The rendered name of symbol sym of neuron (l, j) (k for weights) at the cursor's iteration. */
void ui_names_symbol(const ui_state *u, nt_sym sym, int l, int j, int k, char *out, size_t outsz);

/* The rendered name of parameter i. */
void ui_names_param(const ui_state *u, int i, char *out, size_t outsz);

/* The rendered name of the activation of neuron (l, j): x for the input layer. */
void ui_names_unit(const ui_state *u, int l, int j, char *out, size_t outsz);

/* Widest rendered name of sym over the neurons (and sources) of layer l. */
int ui_names_width(const ui_state *u, nt_sym sym, int l);

/* Widest rendered name of the parameters of layer l (weights and biases). */
int ui_names_param_width(const ui_state *u, int l);

#endif
