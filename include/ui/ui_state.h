/* ui_state.h - what the UI's screens share: the session they show, the view chosen, scrolls and the prompt. */
#ifndef BPVIZ_UI_STATE_H
#define BPVIZ_UI_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "marks.h"
#include "scenario.h"
#include "session.h"
#include "stepper.h"
#include "ui_color.h"
#include "ui_numwidth.h"

/* The main views, cycled with Tab; t opens the training view. */
typedef enum ui_view { UI_VIEW_DIAGRAM, UI_VIEW_MATRIX, UI_VIEW_EVENTS, UI_VIEW_TRAIN, UI_VIEW_COUNT } ui_view;

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

/* The UI's state: the session it shows and acts on, and how it is shown. */
typedef struct ui_state {
    session *s;           /* owned: the scenario, stepper, marks, checks and training run (session.h) */
    ui_numwidth *numw;    /* owned: the number widths of the iteration shown (ui_numwidth.h) */
    bool quit;
    ui_view view;
    ui_view back_view;    /* the view a stepping key returns to from the training view */
    ui_detail detail;
    bool help;            /* the help overlay is shown */
    int help_top;         /* its first line when it scrolls */
    bool prompting;       /* the "go to event" prompt is open */
    char prompt[12];      /* digits typed so far */
    bool log_scale;       /* the loss chart's axis is logarithmic */
    char msg[ERR_MSG_MAX + 64]; /* one-line message, "" when none */
    bool msg_error;       /* the message is an error */
    ui_sel sel;           /* mouse selection (value history) */
    int list_top;         /* first event shown in the event list */
    bool list_free;       /* the user scrolled the list: stop following the cursor */
    ui_hit hits[UI_HITS_MAX];
    int nhits;
} ui_state;

/* Sets up the state and its session on sc (borrowed); false with e set on failure. */
bool ui_state_init(ui_state *u, const scenario *sc, err *e);
void ui_state_free(ui_state *u);

/* The role of a value with mark m (marks.h) in the current event's group (base when unmarked). */
ui_role ui_state_role(const ui_state *u, unsigned char m, ui_role base);

/* Records a clickable area of the frame being drawn. */
void ui_state_hit(ui_state *u, int y, int x, int w, ui_sel what);

/* Sets the one-line message (printf-like). */
void ui_state_msg(ui_state *u, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* After a session action: its message, when it has one, becomes the one-line message. */
void ui_state_take_msg(ui_state *u);

/* Markup name of the symbol of event ev (formula_build's symbol). */
void ui_state_symbol(const ui_state *u, const step_event *ev, char *out, size_t outsz);

#endif
