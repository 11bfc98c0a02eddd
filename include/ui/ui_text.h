/* ui_text.h - drawing text by display width: clipping, glyphs with ASCII fallbacks, numbers, symbol names. */
#ifndef BPVIZ_UI_TEXT_H
#define BPVIZ_UI_TEXT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui_color.h"

/* Glyphs with a Unicode and an ASCII form. */
typedef enum ui_glyph {
    UI_G_HLINE,    /* ─ - */
    UI_G_VLINE,    /* │ | */
    UI_G_TEE,      /* ┤ | : a connection entering a neuron */
    UI_G_ARROW_R,  /* ▶ > : forward direction */
    UI_G_ARROW_L,  /* ◀ < : backward direction */
    UI_G_CYCLE,    /* ⟳ * : update */
    UI_G_WRITE,    /* ▶ > : marks the value computed now */
    UI_G_READ,     /* ▷ + : marks a value read now */
    UI_G_CHANGED,  /* • * : a parameter updated in this iteration */
    UI_G_VDOTS,    /* ⋮ : : elided rows */
    UI_G_HDOTS,    /* … ... */
    UI_G_OK,       /* ✓ ok */
    UI_G_BAD,      /* ✗ x */
    UI_G_UNKNOWN,  /* · . : value not computed yet */
    UI_G_SEP,      /* · | : separator in the status line */
    UI_G_COUNT
} ui_glyph;

/* Chooses Unicode or ASCII for everything drawn from now on. */
void ui_text_init(bool unicode);
bool ui_text_unicode(void);

/* The glyph in the current form. */
const char *ui_text_glyph(ui_glyph g);

/* Display width of s as it will be drawn (non-ASCII shown as '?' in ASCII form). */
int ui_text_width(const char *s);

/* Draws s at (y, x), at most maxw columns, with attributes a; returns the
 * columns drawn. Text that does not fit is cut at a character boundary. */
int ui_text_put(int y, int x, int maxw, const char *s, attr_t a);

/* Same, cut with "…" when it does not fit. */
int ui_text_put_ellipsis(int y, int x, int maxw, const char *s, attr_t a);

/* Draws s right-aligned so that it ends just before column xend. */
int ui_text_put_right(int y, int xend, int maxw, const char *s, attr_t a);

/* Fills w columns with blanks; draws a horizontal rule of w columns. */
void ui_text_fill(int y, int x, int w, attr_t a);
void ui_text_hline(int y, int x, int w, attr_t a);

/* Copies the prefix of s that fits in maxw columns into out; returns its width. */
int ui_text_cut(const char *s, int maxw, char *out, size_t outsz);

/* Where a row of wrapped text ends: the bytes of s that go on a row of at most w columns, ending
 * before the last blank that fits or, in text without blanks such as Chinese, between two characters
 * one of which is wide (never before a closing mark like "，" or after an opening one like "（");
 * when late, only such a break in the last two thirds of the row counts. Blanks after the break are
 * the caller's to skip. All of s when it fits; else what fits when there is no break. */
size_t ui_text_wrap_len(const char *s, int w, bool late);

/* The next row of s wrapped at w columns (ui_text_wrap_len), copied into row
 * (cut to rowsz - 1 bytes). Returns where the following row starts, blanks
 * skipped; NULL when nothing fits (row is then empty). */
const char *ui_text_wrap_row(const char *s, int w, bool late, char *row, size_t rowsz);

/* A number with that many significant digits (formula_num's form). */
char *ui_text_num(double v, int digits, char *out, size_t outsz);

/* The role of a number by its sign (positive orange, negative blue). */
ui_role ui_text_sign_role(double v);

/* Renders notation markup for display in the current form. */
void ui_text_render(const char *markup, char *out, size_t outsz);

#endif
