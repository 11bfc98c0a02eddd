/* err.h - error values returned by the engine, parser and loaders (they never print). */
#ifndef BPVIZ_ERR_H
#define BPVIZ_ERR_H

#include <stddef.h>

/* Longest error message kept, including the "path:line:col: " prefix. */
#define ERR_MSG_MAX 1024

/* An error report. The caller owns it (usually on its stack); modules fill it
 * with err_set() and return a failure code; only main() prints msg. */
typedef struct err {
    char msg[ERR_MSG_MAX]; /* "path:line:col: message", "path:line: message" or "path: message" */
    int line;              /* 1-based line of the error, 0 when none applies */
    int col;               /* 1-based column of the error, 0 when none applies */
} err;

/* Clears e (msg becomes ""). e may be NULL. */
void err_clear(err *e);

/* Formats "path:line:col: fmt..." into e. line <= 0 drops line and column,
 * col <= 0 drops the column, path NULL drops the path. e may be NULL. */
void err_set(err *e, const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
