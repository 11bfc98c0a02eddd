/* ui_formula.h - the formula panel: the rule, the rule in the document's symbols, the numbers, the verdict. */
#ifndef BPVIZ_UI_FORMULA_H
#define BPVIZ_UI_FORMULA_H

#include "ui_state.h"

/* Rows the panel takes on a screen of that many lines (its rule line included). */
int ui_formula_height(int lines);

/* Draws the panel in rows y .. y+h-1, w columns wide. */
void ui_formula_draw(ui_state *u, int y, int h, int w);

/* Short untranslated description of an event kind ("weighted input"). */
const char *ui_formula_kind(step_kind k);

#endif
