/* notation.h - the document's own symbol names: templates, markup rendering, matching keys. */
#ifndef BPVIZ_NOTATION_H
#define BPVIZ_NOTATION_H

#include <stdbool.h>
#include <stddef.h>

#include "net.h"

/* Longest rendered symbol or formula piece. */
#define NOTATION_MAX 256

/* The symbols a scenario can name. */
typedef enum nt_sym {
    NT_X,     /* input x_j               default x_$j */
    NT_T,     /* target of output j      default y_$j */
    NT_Z,     /* weighted input z^l_j    default z^$l_$j */
    NT_A,     /* activation a^l_j        default a^$l_$j */
    NT_W,     /* weight w^l_jk           default w^$l_{$j$k} */
    NT_B,     /* bias b^l_j              default b^$l_$j (shared: b^$l) */
    NT_DELTA, /* error term delta^l_j    default δ^$l_$j */
    NT_LOSS,  /* the loss                default C */
    NT_ERR,   /* output j's loss share   default $L_$j */
    NT_GRAD,  /* gradient of parameter $p  default ∂$L/∂$p */
    NT_UPD,   /* updated parameter $p    default $p′ */
    NT_ETA,   /* weights' learning rate  default η */
    NT_ETAB,  /* biases' learning rate   default η_b */
    NT_MOM,   /* momentum                default β */
    NT_VEL,   /* velocity of $p          default Δ$p */
    NT_COUNT
} nt_sym;

/* Per-scenario notation. Templates are markup (see notation_render) with
 * placeholders: $j neuron (1-based), $k source neuron (1-based), $l layer
 * number counting the input layer as 1 (Nielsen), $m layer number counting
 * the first computing layer as 1, $n iteration (1-based), $s sample
 * (1-based), $u the neuron counted across all computing layers from 1
 * (document 001's z1…z6; for a weight, its target), $v a weight's source
 * counted the same way (an input counts among the inputs), $p the
 * parameter's own name, $L the loss's name, $$ a dollar.
 * Every string is owned by the notation (free with notation_free). NULL
 * means "use the default". */
typedef struct notation {
    char *global[NT_COUNT];              /* templates of NT_X, NT_T, NT_LOSS, NT_ERR, NT_GRAD, NT_UPD, NT_ETA.. */
    char *layer[NET_MAX_LAYERS][NT_COUNT]; /* per-layer templates of NT_Z, NT_A, NT_W, NT_B, NT_DELTA */
    char **wnames[NET_MAX_LAYERS];       /* explicit weight names in net order [j*size[l-1]+k], or NULL */
} notation;

/* Frees every string of nt and zeroes it. */
void notation_free(notation *nt);

/* Checks that a template only uses known placeholders; returns the 0-based
 * byte offset of the first bad '$', or -1 when fine. */
int notation_check_template(const char *tmpl);

/* Writes the markup name of a symbol into out (always NUL-terminated).
 * l, j, k are 0-based net indices (l = layer, 0 = input); it is the 0-based
 * iteration, s the 0-based sample; param is the parameter's own markup name
 * for NT_GRAD, NT_UPD and NT_VEL (NULL otherwise). */
void notation_symbol(const notation *nt, const net_spec *spec, nt_sym sym, int l, int j, int k,
                     long it, int s, const char *param, char *out, size_t outsz);

/* Markup name of parameter i of a network with that spec (a weight or bias). */
void notation_param(const notation *nt, const net_spec *spec, int i, long it, char *out, size_t outsz);

/* Renders markup for display. Markup: "_x" or "_{..}" subscript, "^x" or
 * "^{..}" superscript. unicode: sub/superscript characters where every
 * character of the group has one, else "_(..)"-free ASCII form; !unicode:
 * plain ASCII ("w^2_11", "delta", "eta", "d") for non-UTF-8 terminals. */
void notation_render(const char *markup, bool unicode, char *out, size_t outsz);

/* The key used to match a document's printed symbol against a markup name:
 * markup rendered to ASCII with braces and blanks dropped ("v_{11}^{(1)}"
 * and "v_11^(1)" both give "v_11^(1)"). */
void notation_key(const char *markup, char *out, size_t outsz);

#endif
