/* step.h - what one event of an SGD iteration is: its phase, its kind, its operands (the stepper makes them). */
#ifndef BPVIZ_STEP_H
#define BPVIZ_STEP_H

/* The phases of an iteration, in order. */
typedef enum step_phase {
    STEP_FORWARD,  /* z and a of every neuron */
    STEP_LOSS,     /* each output's error term, then the loss */
    STEP_DELTA,    /* delta of every output neuron, then hidden layers backwards */
    STEP_GRADIENT, /* dE/dw and dE/db of every parameter */
    STEP_UPDATE,   /* new value of every parameter (frozen biases excepted) */
    STEP_PHASE_COUNT
} step_phase;

/* What an event computes. */
typedef enum step_kind {
    EV_Z,      /* z^l_j = sum_k w^l_jk a^(l-1)_k + b^l_j */
    EV_A,      /* a^l_j = f(z^l_j) */
    EV_ERR,    /* output j's share of the loss */
    EV_LOSS,   /* the loss E of the sample */
    EV_DELTA,  /* delta^l_j */
    EV_GRAD_W, /* dE/dw^l_jk = delta^l_j a^(l-1)_k */
    EV_GRAD_B, /* dE/db^l_j = delta^l_j (shared: sum over j) */
    EV_UPD_W,  /* w <- w - eta dE/dw (with momentum when set) */
    EV_UPD_B,  /* b <- b - eta_b dE/db */
    EV_KIND_COUNT
} step_kind;

/* What an operand of an event is. */
typedef enum step_role {
    OP_X,     /* input x_k (layer 0 activation) */
    OP_Z,     /* z^l_j */
    OP_A,     /* a^l_j */
    OP_T,     /* target t_j */
    OP_W,     /* weight w^l_jk (value before this iteration's update) */
    OP_B,     /* bias b^l_j (j = 0 when shared) */
    OP_ERR,   /* error term of output j */
    OP_DELTA, /* delta^l_j */
    OP_GRAD,  /* gradient of the parameter being updated */
    OP_ETA,   /* learning rate used */
    OP_MOM,   /* momentum beta */
    OP_VEL,   /* previous velocity of the parameter */
    OP_DFDZ,  /* f'(z^l_j) as used */
    OP_DEDA,  /* dE/da^L_j as used */
    OP_ROLE_COUNT
} step_role;

/* One operand: which quantity and the value it had when read. */
typedef struct step_operand {
    step_role role; /* what it is */
    int layer;      /* layer index (0 = input) */
    int j;          /* neuron (target neuron for weights), 0-based */
    int k;          /* source neuron for weights, else 0 */
    double value;   /* value read */
} step_operand;

/* One event. Operands live in the stepper's pool (stepper_operands()):
 * ops[op_first .. op_first+op_count-1]. */
typedef struct step_event {
    step_kind kind;    /* what it computes */
    step_phase phase;  /* which phase it belongs to */
    int layer;         /* layer of the neuron or parameter (the output layer for EV_ERR and EV_LOSS) */
    int j;             /* neuron / target neuron, 0-based (0 for shared bias, loss) */
    int k;             /* source neuron of a weight, else 0 */
    int param;         /* index into net params for grad/update events, else -1 */
    double value;      /* computed value (for updates: the new value) */
    double old;        /* updates: value before; else 0 */
    int op_first;      /* first operand in the pool */
    int op_count;      /* number of operands */
    long iteration;    /* 0-based iteration of the session */
    int sample;        /* index of the sample in the data set */
} step_event;

#endif
