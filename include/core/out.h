/* out.h - checked output: streams that keep their first error, files replaced whole or not at all. */
#ifndef BPVIZ_OUT_H
#define BPVIZ_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"

/* Longest path of a file written through out_file. */
#define OUT_PATH_MAX 4096

/* A stream whose every write is checked. The first failure is kept (its
 * errno in errnum) and later writes are dropped, so a caller may write a
 * whole document and look once at the end, or stop early with out_ok(). */
typedef struct out_stream {
    FILE *f;          /* the stream: borrowed from out_init's caller, owned by an out_file */
    const char *name; /* the file's name in messages, NULL for standard output (borrowed) */
    int errnum;       /* errno of the first failed write, flush or close; 0 while none failed */
    bool wrote;       /* something was handed to f */
} out_stream;

/* Starts checked writing to f (borrowed; out_close closes it). name is the
 * file's path for messages, NULL for standard output. */
void out_init(out_stream *o, FILE *f, const char *name);

/* Writes formatted text / n bytes / a string (no newline added). false when
 * this or an earlier write failed (nothing is written after a failure). */
bool out_printf(out_stream *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool out_vprintf(out_stream *o, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
bool out_write(out_stream *o, const void *p, size_t n);
bool out_puts(out_stream *o, const char *s);

/* True while no write has failed. */
bool out_ok(const out_stream *o);

/* Pushes buffered bytes to the system; false when that or an earlier write failed. */
bool out_flush(out_stream *o);

/* Flushes and closes o->f (also after a failure); true when every write and
 * the close succeeded. Closing a standard output that was closed before
 * bpviz started (EBADF) is no error when nothing was written to it. */
bool out_close(out_stream *o);

/* Puts o's failure into e: "write error: REASON" for standard output,
 * "cannot write NAME: REASON" for a named file. */
void out_error(const out_stream *o, err *e);

/* A file being replaced: the contents go to a temporary file beside it,
 * which becomes the file only when everything was written (rename), so a
 * full disk, a failed write or a signal leaves the old file as it was and no
 * partial one. An out_file must not be copied while open (o.name points into
 * it). A target that exists and is not a regular file (a FIFO, a terminal),
 * or is named under /dev or /proc (/dev/stdout), is written in place: there
 * is nothing to rename over. A hard link to the old file keeps the old
 * contents. */
typedef struct out_file {
    out_stream o;                    /* write the contents through this; o.f is owned until commit or abort */
    char path[OUT_PATH_MAX];   /* the file replaced: the path given, or the file a symbolic link names */
    char shown[OUT_PATH_MAX];  /* the path as given, for messages */
    char tmp[OUT_PATH_MAX];    /* the temporary file beside path; "" when written in place */
    int slot;                  /* its entry among the temporary files out_file_remove_pending removes, -1 none */
} out_file;

/* Creates the temporary file for path (so a path that cannot be written
 * fails now, before any work): in path's directory, named .NAME.XXXXXX, with
 * the mode the file has or, for a new one, 0666 less the umask (as fopen).
 * false with e set ("cannot write PATH: REASON"). */
bool out_file_open(out_file *of, const char *path, err *e);

/* Finishes the file: flushes, with sync also fsync(2)s it, closes it and
 * renames it over the target. false with e set when anything failed; the
 * temporary file is then removed and the target is as it was. */
bool out_file_commit(out_file *of, bool sync, err *e);

/* Gives up: closes and removes the temporary file; the target is untouched. */
void out_file_abort(out_file *of);

/* Removes every temporary file of an open out_file. Async-signal-safe: for
 * a signal handler, before the program ends. */
void out_file_remove_pending(void);

#endif
