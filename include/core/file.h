/* file.h - opens input files (scenarios, CSV data) for reading, refusing anything but a regular file. */
#ifndef BPVIZ_FILE_H
#define BPVIZ_FILE_H

#include <stdio.h>

#include "err.h"

/* Opens path for reading ("rb") if it is a regular file. A FIFO, device or
 * socket is refused before it is opened ("path: not a regular file"), so that
 * nothing waits for a writer or reads for ever; a directory gives "path: Is a
 * directory"; a failed open gives strerror ("path: No such file or
 * directory", "path: Too many levels of symbolic links"). On success *size
 * (when size is not NULL) gets the file's size in bytes. Returns NULL with e
 * set on failure; the caller closes the result with fclose. */
FILE *file_open_regular(const char *path, long long *size, err *e);

#endif
