/* ui_color.h - colour roles: one table with a colour and a monochrome column (htop style). */
#ifndef BPVIZ_UI_COLOR_H
#define BPVIZ_UI_COLOR_H

#include <curses.h>
#include <stdbool.h>

/* What a piece of text means; the table in ui_color.c says how it looks. */
typedef enum ui_role {
    UI_ROLE_NORMAL,   /* plain text */
    UI_ROLE_DIM,      /* not yet known, secondary labels */
    UI_ROLE_FRAME,    /* separators and the diagram's connectors */
    UI_ROLE_CAPTION,  /* layer captions, panel labels */
    UI_ROLE_STATUS,   /* the status line */
    UI_ROLE_TITLE,    /* the scenario title in the status line */
    UI_ROLE_FORWARD,  /* phase badge: forward (and loss) */
    UI_ROLE_BACKWARD, /* phase badge: backward (delta, gradient) */
    UI_ROLE_UPDATE,   /* phase badge: update */
    UI_ROLE_WRITE_F,  /* the value the current event computes, forward */
    UI_ROLE_WRITE_B,  /* ... backward */
    UI_ROLE_WRITE_U,  /* ... update */
    UI_ROLE_READ_F,   /* an operand the current event reads, forward */
    UI_ROLE_READ_B,   /* ... backward */
    UI_ROLE_READ_U,   /* ... update */
    UI_ROLE_CHANGED,  /* a parameter already updated in this iteration */
    UI_ROLE_POS,      /* a positive number */
    UI_ROLE_NEG,      /* a negative number */
    UI_ROLE_OK,       /* the document's number matches */
    UI_ROLE_BAD,      /* the document's number differs */
    UI_ROLE_SELECTED, /* the neuron or weight picked with the mouse */
    UI_ROLE_KEY,      /* a key in the hint line and the help */
    UI_ROLE_ERROR,    /* an error message */
    UI_ROLE_CURVE_LOSS,  /* the loss curve of the training chart */
    UI_ROLE_CURVE_TRAIN, /* the training accuracy curve */
    UI_ROLE_CURVE_VAL,   /* the validation accuracy curve (also dotted, so no colour is needed) */
    UI_ROLE_COUNT
} ui_role;

/* Sets up colour pairs after initscr(). mono forces the monochrome column;
 * so do NO_COLOR (set and not empty) and a terminal without colours. */
void ui_color_init(bool mono);


/* The curses attributes of a role. */
attr_t ui_color_attr(ui_role r);

#endif
