/* ui_names.h - rendered symbol names of the scenario's quantities, and number widths, for the views. */
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

/* Kinds of numbers, measured apart: a column of weights need not be as wide as the gradients. */
typedef enum ui_numkind {
    UI_NUM_UNIT,  /* inputs, z, a, delta */
    UI_NUM_PARAM, /* weights and biases, before and after the update */
    UI_NUM_OUT,   /* targets, error terms, the loss */
    UI_NUM_GRAD,  /* gradients */
    UI_NUM_ALL,   /* any of them */
    UI_NUM_KINDS
} ui_numkind;

/* Widest number of that kind with that many digits in the current iteration
 * (kept per iteration, so columns do not jump while stepping). */
int ui_names_num_width(const ui_state *u, int digits, ui_numkind kind);

/* Forgets the measured widths (the stepper was replaced). */
void ui_names_forget(void);

#endif
