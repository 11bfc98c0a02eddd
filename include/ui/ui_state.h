/* ui_state.h - what the UI's screens share: the stepper, the view chosen, the current event's highlights. */
#ifndef BPVIZ_UI_STATE_H
#define BPVIZ_UI_STATE_H

#include <stdbool.h>

#include "check.h"
#include "err.h"
#include "scenario.h"
#include "stepper.h"
#include "ui.h"
#include "ui_color.h"

/* The main views, cycled with Tab; t opens the training view. */
typedef enum ui_view { UI_VIEW_DIAGRAM, UI_VIEW_MATRIX, UI_VIEW_EVENTS, UI_VIEW_TRAIN, UI_VIEW_COUNT } ui_view;

/* The three phases a class sees: forward (+ loss), backward (delta + gradient), update. */
typedef enum ui_group { UI_GROUP_START, UI_GROUP_FORWARD, UI_GROUP_BACKWARD, UI_GROUP_UPDATE } ui_group;

/* How the current event touches a value. */
typedef enum ui_mark { UI_MARK_NONE, UI_MARK_READ, UI_MARK_WRITE } ui_mark;

/* Formula detail levels, cycled with f. */
typedef enum ui_detail { UI_DETAIL_ALL, UI_DETAIL_SYMBOLS, UI_DETAIL_NUMBERS, UI_DETAIL_COUNT } ui_detail;

/* Something clickable: a neuron or a parameter. */
typedef enum ui_sel_kind { UI_SEL_NONE, UI_SEL_NEURON, UI_SEL_PARAM, UI_SEL_EVENT } ui_sel_kind;
typedef struct ui_sel {
    ui_sel_kind kind;
    int layer, j;  /* neuron */
    int param;     /* parameter index, or event index for UI_SEL_EVENT */
} ui_sel;

/* Where a clickable thing was drawn in the last frame. */
typedef struct ui_hit {
    int y, x, w;
    ui_sel what;
} ui_hit;
#define UI_HITS_MAX 2048

/* Training speeds: 1, 2, 5 … 1000 epochs per second, then flat out (ui_train.c). */
#define UI_SPEEDS 11

/* A training run over epochs and its chart's points; ui_train.c owns it. */
struct ui_run;

/* The UI's state. */
typedef struct ui_state {
    const scenario *sc;
    stepper *st;
    check_result *checks; /* [sc->nexpect] owned: --check's verdicts and the events they belong to */
    bool quit;
    ui_view view;
    ui_detail detail;
    bool help;            /* the help overlay is shown */
    int help_top;         /* its first line when it scrolls */
    bool prompting;       /* the "go to event" prompt is open */
    char prompt[12];      /* digits typed so far */
    bool training;        /* t: epochs run in time-budgeted slices between keys */
    int speed;            /* 0 .. UI_SPEEDS-1 */
    long train_from;      /* iteration where this run started */
    struct ui_run *run;   /* the training run and its chart (ui_train.h) */
    bool log_scale;       /* the loss chart's axis is logarithmic */
    ui_view back_view;    /* the view a stepping key returns to from the training view */
    char msg[ERR_MSG_MAX + 64]; /* one-line message, "" when none */
    bool msg_error;       /* the message is an error */
    ui_sel sel;           /* mouse selection (value history) */
    int list_top;         /* first event shown in the event list */
    bool list_free;       /* the user scrolled the list: stop following the cursor */
    /* Highlights of the current event: UI_MARK_* per value. */
    unsigned char *mz, *ma, *md;   /* [nunits] z, a, delta */
    unsigned char *mt, *merr;      /* [size of output layer] target, error term */
    unsigned char *mp, *mg;        /* [nparams] parameter value, gradient */
    unsigned char mloss, meta;     /* the loss, a learning rate */
    ui_group group;                /* group of the current event */
    ui_hit hits[UI_HITS_MAX];
    int nhits;
} ui_state;

/* Sets up the state and its stepper; false with e set on failure. */
bool ui_state_init(ui_state *u, const scenario *sc, err *e);
void ui_state_free(ui_state *u);

/* Recomputes the highlights after the cursor moved. */
void ui_state_refresh(ui_state *u);

/* The group of a phase. */
ui_group ui_state_group(step_phase p);

/* The role of a value with mark m in the current group (base when unmarked). */
ui_role ui_state_role(const ui_state *u, unsigned char m, ui_role base);


/* Records a clickable area of the frame being drawn. */
void ui_state_hit(ui_state *u, int y, int x, int w, ui_sel what);

/* Sets the one-line message (printf-like). */
void ui_state_msg(ui_state *u, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Markup name of the symbol of event ev (formula_build's symbol). */
void ui_state_symbol(const ui_state *u, const step_event *ev, char *out, size_t outsz);

#endif
