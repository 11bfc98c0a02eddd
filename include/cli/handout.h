/* handout.h - one full iteration written out for print: every formula, every number, the verdicts. */
#ifndef BPVIZ_HANDOUT_H
#define BPVIZ_HANDOUT_H

#include <stdbool.h>

#include "err.h"
#include "out.h"
#include "scenario.h"

/* Output formats. */
typedef enum handout_format {
    HANDOUT_MD,  /* Markdown with Unicode formulas */
    HANDOUT_TEX  /* a complete LaTeX document (xelatex, xeCJK for Chinese titles) */
} handout_format;

/* Writes the handout of the first `iterations` iterations of sc (digits =
 * significant digits of the numbers) to o as it is made, so memory does not
 * grow with the document. Returns false with e set when the scenario cannot
 * be run or a write to o failed (then e is out_error's message and o keeps
 * the error); o stays open: the caller flushes and closes it. */
bool handout_write(out_stream *o, const scenario *sc, handout_format fmt, long iterations, int digits, err *e);

/* Converts formula markup to LaTeX math (no surrounding $); out is always
 * NUL-terminated. */
void handout_tex_math(const char *markup, char *out, size_t outsz);

#endif
