/* ui_term.h - the terminal's lifecycle around curses: TERM checked first, signals that give the terminal back, Ctrl-Z and fg, a terminal that went away. */
#ifndef BPVIZ_UI_TERM_H
#define BPVIZ_UI_TERM_H

#include <stdbool.h>

#include "err.h"

/* Before curses starts: false with e set when TERM is unset, names no known
 * terminal, or one that cannot move the cursor. Reads the terminfo entry
 * only; nothing is written to the terminal. */
bool ui_term_check(err *e);

/* Installs the handlers of the fatal signals, SIGTSTP and SIGCONT (none over
 * a signal ignored at start, as nohup leaves SIGHUP) and holds those signals
 * until ui_term_ready. Called before newterm, so curses installs none of its
 * own. */
void ui_term_install(void);

/* After curses' setup (newterm, raw, keypad, curs_set, mousemask): records
 * the terminal modes of both sides and the escape sequences that leave and
 * re-enter the screen, then lets the signals in. From here a fatal signal
 * restores the terminal and ends the program by that same signal (status
 * 128+n), and SIGTSTP restores it before the stop and re-enters on SIGCONT.
 * mouse: mousemask enabled some events. */
void ui_term_ready(bool mouse);

/* Before endwin: holds the signals again, so none lands half-way. */
void ui_term_hold(void);

/* After endwin: the dispositions from before ui_term_install, and the signal
 * mask; a signal held meanwhile then takes its ordinary course. */
void ui_term_uninstall(void);

/* Ctrl-Z: stops the job as the terminal's own ^Z would. Nothing when SIGTSTP
 * was ignored at start. */
void ui_term_suspend(void);

/* True once after a stop and continue (or any SIGCONT): the terminal modes
 * are back, the screen must be repainted whole. */
bool ui_term_resumed(void);

/* Given every getch result: true when the terminal went away without a
 * SIGHUP (hung up, or reads failing for ever), so the loop must end instead
 * of spinning on ERR. */
bool ui_term_lost(int ch);

#endif
