/* ui_numwidth.h - the widths of the numbers of the iteration shown, measured once per iteration for the views' columns. */
#ifndef BPVIZ_UI_NUMWIDTH_H
#define BPVIZ_UI_NUMWIDTH_H

#include "session.h"

/* Kinds of numbers, measured apart: a column of weights need not be as wide as the gradients. */
typedef enum ui_numkind {
    UI_NUM_UNIT,  /* inputs, z, a, delta */
    UI_NUM_PARAM, /* weights and biases, before and after the update */
    UI_NUM_OUT,   /* targets, error terms, the loss */
    UI_NUM_GRAD,  /* gradients */
    UI_NUM_ALL,   /* any of them */
    UI_NUM_KINDS
} ui_numkind;

/* The widths measured so far. Opaque; its owner frees it (ui_numwidth_free). */
typedef struct ui_numwidth ui_numwidth;

/* An empty cache; NULL when memory runs out. */
ui_numwidth *ui_numwidth_new(void);
void ui_numwidth_free(ui_numwidth *c);

/* Widest number of that kind with that many digits in the session's current iteration. Kept per
 * iteration (so columns do not jump while stepping) and per stepper (session_generation). */
int ui_numwidth_get(ui_numwidth *c, const session *s, int digits, ui_numkind kind);

#endif
