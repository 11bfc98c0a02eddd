/* ui_keys.h - the one key table (tig style): the bindings, the help screen, the hint line, and the
 * README's and the man page's key lists (ui_keydoc.h). */
#ifndef BPVIZ_UI_KEYS_H
#define BPVIZ_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_state.h"

/* What a key does. */
typedef enum ui_action {
    UI_ACT_NONE,
    UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_NEXT_PHASE, UI_ACT_PREV_PHASE, UI_ACT_FINISH,
    UI_ACT_RESET, UI_ACT_GOTO,
    UI_ACT_TRAIN, UI_ACT_FASTER, UI_ACT_SLOWER, UI_ACT_LOG,
    UI_ACT_VIEW, UI_ACT_VIEW_BACK, UI_ACT_DETAIL,
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_HOME, UI_ACT_END,
    UI_ACT_CANCEL, UI_ACT_HELP, UI_ACT_REDRAW, UI_ACT_SUSPEND, UI_ACT_QUIT,
    UI_ACT_COUNT
} ui_action;

/* Sections of the help screen. */
typedef enum ui_keys_section { UI_SEC_STEP, UI_SEC_VIEW, UI_SEC_TRAIN, UI_SEC_OTHER, UI_SEC_COUNT } ui_keys_section;

#define UI_KEYS_PER_ACTION 5

/* When a hint is on the hint line: stepping through an iteration, while
 * training runs, in the training view while it is paused. */
#define UI_HINT_STEP 1u
#define UI_HINT_TRAINING 2u
#define UI_HINT_PAUSED 4u
#define UI_HINT_ALL (UI_HINT_STEP | UI_HINT_TRAINING | UI_HINT_PAUSED)

/* One row of the table. keys end at the first 0. hint: the hint line's word
 * (NULL: not on the hint line); hint_keys: how the hint line writes the keys
 * (NULL: the first key's name); when: UI_HINT_* contexts of the hint;
 * help: the help screen's sentence. */
typedef struct ui_binding {
    ui_action act;
    ui_keys_section section;
    int keys[UI_KEYS_PER_ACTION];
    const char *hint;
    const char *hint_keys;
    unsigned when;
    const char *help;
} ui_binding;

/* The table and its length. */
const ui_binding *ui_keys_table(int *n);

/* What the mouse does, listed after the keys of its section (in the help
 * screen, the README and the man page alike). name: the gesture ("click");
 * help: the sentence. Both untranslated (N_). */
typedef struct ui_mouse_row {
    ui_keys_section section;
    const char *name;
    const char *help;
} ui_mouse_row;

/* The mouse rows and their number. */
const ui_mouse_row *ui_keys_mouse(int *n);

/* The action of a key (UI_ACT_NONE when unbound). */
ui_action ui_keys_action(int key);

/* A key's name as the help and hint line write it ("→", "Space", "q"). */
void ui_keys_name(int key, char *out, size_t outsz);

/* Every key of a binding joined with " ", into out. */
void ui_keys_names(const ui_binding *b, char *out, size_t outsz);

/* Untranslated title of a help section. */
const char *ui_keys_section_title(ui_keys_section s);

/* Draws the hint line at row y: the bindings that have a hint, as many as fit. */
void ui_keys_draw_hints(const ui_state *u, int y, int w);

#endif
