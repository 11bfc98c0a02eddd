/* handout.h - one full iteration written out for print: every formula, every number, the verdicts. */
#ifndef BPVIZ_HANDOUT_H
#define BPVIZ_HANDOUT_H

#include "err.h"
#include "scenario.h"

/* Output formats. */
typedef enum handout_format {
    HANDOUT_MD,  /* Markdown with Unicode formulas */
    HANDOUT_TEX  /* a complete LaTeX document (xelatex, xeCJK for Chinese titles) */
} handout_format;

/* Builds the handout of the first `iterations` iterations of sc (digits =
 * significant digits of the numbers). Returns a malloc'd document owned by
 * the caller, or NULL with e set. */
char *handout_build(const scenario *sc, handout_format fmt, long iterations, int digits, err *e);

/* Converts formula markup to LaTeX math (no surrounding $); out is always
 * NUL-terminated. */
void handout_tex_math(const char *markup, char *out, size_t outsz);

#endif
