/* err.c - formatting of "path:line:col: message" error reports. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

void err_clear(err *e)
{
    if (!e)
        return;
    e->msg[0] = '\0';
    e->line = 0;
    e->col = 0;
}

void err_set(err *e, const char *path, int line, int col, const char *fmt, ...)
{
    if (!e)
        return;
    size_t n = 0;
    int w;
    if (path && line > 0 && col > 0)
        w = snprintf(e->msg, sizeof e->msg, "%s:%d:%d: ", path, line, col);
    else if (path && line > 0)
        w = snprintf(e->msg, sizeof e->msg, "%s:%d: ", path, line);
    else if (path)
        w = snprintf(e->msg, sizeof e->msg, "%s: ", path);
    else
        w = 0, e->msg[0] = '\0';
    if (w > 0)
        n = (size_t)w < sizeof e->msg ? (size_t)w : sizeof e->msg - 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg + n, sizeof e->msg - n, fmt, ap);
    va_end(ap);
    e->line = line > 0 ? line : 0;
    e->col = line > 0 && col > 0 ? col : 0;
}
