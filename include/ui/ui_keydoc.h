/* ui_keydoc.h - the key table written out as the README's (Markdown) and the man page's (roff) key lists. */
#ifndef BPVIZ_UI_KEYDOC_H
#define BPVIZ_UI_KEYDOC_H

#include <stdbool.h>

#include "out.h"

/* The two forms `bpviz --keys` writes. */
typedef enum ui_keydoc_format {
    UI_KEYDOC_MD,  /* a Markdown table, for README.md */
    UI_KEYDOC_MAN, /* roff, for the KEYS section of man/bpviz.1 */
} ui_keydoc_format;

/* The format named "md" or "man" into *f; false (f untouched) for any other name. */
bool ui_keydoc_format_of(const char *name, ui_keydoc_format *f);

/* Writes every binding of the key table (ui_keys.h) and every mouse row, section by section in
 * the help screen's order and words (translated in the current locale), to to. Key names are
 * written in Unicode (→, not Right) whatever the locale: the documents are UTF-8; roff gets them as
 * escapes. Sets ui_text's Unicode mode (the viewer must not run after it). A write error stays in
 * to, for its close to report (out.h). */
void ui_keydoc_write(out_stream *to, ui_keydoc_format f);

#endif
