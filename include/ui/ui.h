/* ui.h - the interactive ncurses front end: only reads engine state. */
#ifndef BPVIZ_UI_H
#define BPVIZ_UI_H

#include <stdbool.h>

#include "err.h"
#include "scenario.h"

/* Options from the command line. */
typedef struct ui_options {
    bool mono;  /* --mono: the monochrome column of the colour table (also NO_COLOR, no colours) */
    bool ascii; /* force the ASCII form of formulas even in a UTF-8 locale */
} ui_options;

struct ui_state;

/* Draws one whole frame of u into the ncurses screen (stdscr), without the
 * refresh: what the input loop does after every key. Also used by the
 * frame-time benchmark. */
void ui_draw_frame(struct ui_state *u);

/* Runs the UI on sc until the user quits. sc is borrowed. Returns 0 on a
 * normal quit; 2 with e set when the terminal cannot be used (no tty, TERM
 * unset, unknown or unable to move the cursor) or went away. Always
 * restores the terminal; a fatal signal restores it and ends the program
 * by that signal (ui_term.h). */
int ui_run(const scenario *sc, const ui_options *opt, err *e);

#endif
