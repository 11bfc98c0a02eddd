/* strbuf.h - a growing, printf-fed string for documents built in memory (the SVG chart). */
#ifndef BPVIZ_STRBUF_H
#define BPVIZ_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

/* The buffer. s is owned by the strbuf until strbuf_take(); after a failed
 * allocation oom stays set and further appends do nothing. */
typedef struct strbuf {
    char *s;    /* NUL-terminated contents (NULL before the first append) */
    size_t len; /* bytes used, without the NUL */
    size_t cap; /* bytes allocated */
    bool oom;   /* an allocation failed */
} strbuf;

/* Appends formatted text. */
void strbuf_add(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Hands the contents to the caller (who frees them) and empties b; NULL
 * after an allocation failure (the contents are then freed). */
char *strbuf_take(strbuf *b);

/* Frees the contents. */
void strbuf_free(strbuf *b);

#endif
