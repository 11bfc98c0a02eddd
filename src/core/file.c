/* file.c - opens input files for reading: regular files only, refused before any byte is read. */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* The refusal of a file that exists but is not a regular one. */
static void file_refuse(const char *path, const struct stat *st, err *e)
{
    if (S_ISDIR(st->st_mode))
        err_set(e, path, 0, 0, "%s", strerror(EISDIR));
    else
        err_set(e, path, 0, 0, _("not a regular file"));
}

FILE *file_open_regular(const char *path, long long *size, err *e)
{
    /* stat first: opening a FIFO waits for a writer, and a device may act on open. */
    struct stat st;
    if (stat(path, &st) != 0) {
        err_set(e, path, 0, 0, "%s", strerror(errno));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        file_refuse(path, &st, e);
        return NULL;
    }
    /* O_NONBLOCK: should a FIFO take the file's place before the open, the
     * open still returns at once, and fstat refuses it. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        err_set(e, path, 0, 0, "%s", strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0) {
        err_set(e, path, 0, 0, "%s", strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        file_refuse(path, &st, e);
        close(fd);
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
        err_set(e, path, 0, 0, "%s", strerror(errno));
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        err_set(e, path, 0, 0, "%s", strerror(errno));
        close(fd);
        return NULL;
    }
    if (size)
        *size = (long long)st.st_size;
    return f;
}
