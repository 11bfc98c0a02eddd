/* strbuf.c - appends printf output to a growing string. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void strbuf_add(strbuf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    for (;;) {
        int n = -1;
        if (b->s) {
            va_list ap;
            va_start(ap, fmt);
            n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
            va_end(ap);
            if (n < 0) {
                b->oom = true;
                return;
            }
            if ((size_t)n < b->cap - b->len) {
                b->len += (size_t)n;
                return;
            }
        }
        size_t cap = b->cap * 2 + (n > 0 ? (size_t)n : 0) + 4096;
        char *ns = realloc(b->s, cap);
        if (!ns) {
            b->oom = true;
            return;
        }
        if (!b->s)
            ns[0] = '\0';
        b->s = ns;
        b->cap = cap;
    }
}

char *strbuf_take(strbuf *b)
{
    char *s = b->oom ? NULL : b->s;
    if (b->oom)
        free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = false;
    return s;
}

void strbuf_free(strbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
