/* out.c - checked writes with a sticky error, and files written to a temporary name then renamed. */
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* The first failure wins; errno 0 (a stream error without one) counts as EIO. */
static bool out_fail(out_stream *o, int errnum)
{
    if (!o->errnum)
        o->errnum = errnum ? errnum : EIO;
    return false;
}

void out_init(out_stream *o, FILE *f, const char *name)
{
    o->f = f;
    o->name = name;
    o->errnum = 0;
    o->wrote = false;
}

bool out_vprintf(out_stream *o, const char *fmt, va_list ap)
{
    if (o->errnum)
        return false;
    o->wrote = true;
    errno = 0;
    if (vfprintf(o->f, fmt, ap) < 0 || ferror(o->f))
        return out_fail(o, errno);
    return true;
}

bool out_printf(out_stream *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = out_vprintf(o, fmt, ap);
    va_end(ap);
    return ok;
}

bool out_write(out_stream *o, const void *p, size_t n)
{
    if (o->errnum)
        return false;
    if (n == 0)
        return true;
    o->wrote = true;
    errno = 0;
    if (fwrite(p, 1, n, o->f) != n || ferror(o->f))
        return out_fail(o, errno);
    return true;
}

bool out_puts(out_stream *o, const char *s)
{
    return out_write(o, s, strlen(s));
}

bool out_ok(const out_stream *o)
{
    return o->errnum == 0;
}

bool out_flush(out_stream *o)
{
    if (o->errnum || !o->f)
        return o->errnum == 0;
    errno = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        return out_fail(o, errno);
    return true;
}

bool out_close(out_stream *o)
{
    if (!o->f)
        return o->errnum == 0;
    out_flush(o);
    errno = 0;
    /* Like gnulib's close_stdout: a stream closed from the start is fine if unused. */
    if (fclose(o->f) != 0 && (o->wrote || errno != EBADF))
        out_fail(o, errno);
    o->f = NULL;
    return o->errnum == 0;
}

void out_error(const out_stream *o, err *e)
{
    const char *why = strerror(o->errnum ? o->errnum : EIO);
    if (o->name)
        err_set(e, NULL, 0, 0, _("cannot write %s: %s"), o->name, why);
    else
        err_set(e, NULL, 0, 0, _("write error: %s"), why);
}

/* ---- files replaced through a temporary file ---- */

/* How many out_files may be open at once. */
#define OUT_PENDING_MAX 8

/* The temporary files of open out_files, for out_file_remove_pending: a
 * path is complete before its flag is set, and the flag is cleared before
 * the slot is reused, so a signal handler sees whole paths only. */
static char out_pending[OUT_PENDING_MAX][OUT_PATH_MAX];
static volatile sig_atomic_t out_pending_used[OUT_PENDING_MAX];

void out_file_remove_pending(void)
{
    for (int i = 0; i < OUT_PENDING_MAX; i++)
        if (out_pending_used[i])
            unlink(out_pending[i]);
}

static void out_file_forget(out_file *of)
{
    if (of->slot >= 0)
        out_pending_used[of->slot] = 0;
    of->slot = -1;
}

static bool out_file_refuse(out_file *of, int errnum, err *e)
{
    of->o.errnum = errnum ? errnum : EIO;
    out_error(&of->o, e);
    return false;
}

/* Creates the temporary file beside of->path with the given mode and
 * registers it; signals wait meanwhile, so none can leave it behind
 * unregistered. Returns its descriptor, or -1 with errno set. */
static int out_file_make_tmp(out_file *of, mode_t mode, const struct stat *old)
{
    const char *slash = strrchr(of->path, '/');
    int dirlen = slash ? (int)(slash - of->path) + 1 : 0;
    const char *base = of->path + dirlen;
    /* The base is cut so that ".BASE.XXXXXX" stays within NAME_MAX. */
    int n = snprintf(of->tmp, sizeof of->tmp, "%.*s.%.200s.XXXXXX", dirlen, of->path, base);
    if (n < 0 || (size_t)n >= sizeof of->tmp) {
        of->tmp[0] = '\0';
        errno = ENAMETOOLONG;
        return -1;
    }
    int slot = 0;
    while (slot < OUT_PENDING_MAX && out_pending_used[slot])
        slot++;
    if (slot == OUT_PENDING_MAX) {
        of->tmp[0] = '\0';
        errno = EMFILE;
        return -1;
    }
    sigset_t all, was;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &was);
    int fd = mkstemp(of->tmp);
    int saved = errno;
    if (fd >= 0) {
        memcpy(out_pending[slot], of->tmp, (size_t)n + 1);
        out_pending_used[slot] = 1;
        of->slot = slot;
    }
    sigprocmask(SIG_SETMASK, &was, NULL);
    if (fd < 0) {
        of->tmp[0] = '\0';
        errno = saved;
        return -1;
    }
    /* mkstemp makes 0600; the file gets the mode it would have had. An
     * owner we cannot give (not root) stays ours, as with any new file. */
    if (old && fchown(fd, old->st_uid, old->st_gid) != 0) {
        /* not root: the file is ours */
    }
    if (fchmod(fd, mode) != 0) {
        saved = errno;
        close(fd);
        unlink(of->tmp);
        out_file_forget(of);
        of->tmp[0] = '\0';
        errno = saved;
        return -1;
    }
    return fd;
}

bool out_file_open(out_file *of, const char *path, err *e)
{
    of->slot = -1;
    of->tmp[0] = '\0';
    snprintf(of->shown, sizeof of->shown, "%s", path);
    out_init(&of->o, NULL, of->shown);
    if (strlen(path) >= sizeof of->path)
        return out_file_refuse(of, ENAMETOOLONG, e);
    snprintf(of->path, sizeof of->path, "%s", path);
    /* A symbolic link stays one: the file it names is replaced. */
    struct stat st;
    char real[PATH_MAX];
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real)) {
        if (strlen(real) >= sizeof of->path)
            return out_file_refuse(of, ENAMETOOLONG, e);
        snprintf(of->path, sizeof of->path, "%s", real);
    }
    bool exists = stat(of->path, &st) == 0;
    if (!exists && errno != ENOENT)
        return out_file_refuse(of, errno, e);
    if (exists && S_ISDIR(st.st_mode))
        return out_file_refuse(of, EISDIR, e);
    /* A device or FIFO: nothing to rename over, so written in place; so is
     * anything named under /dev or /proc (/dev/stdout names whatever
     * standard output is, even a regular file, which must not be replaced). */
    if (exists && (!S_ISREG(st.st_mode) || !strncmp(path, "/dev/", 5) || !strncmp(path, "/proc/", 6))) {
        of->o.f = fopen(of->path, "w");
        return of->o.f ? true : out_file_refuse(of, errno, e);
    }
    if (exists && access(of->path, W_OK) != 0)
        return out_file_refuse(of, errno, e); /* as fopen would: a read-only file stays */
    mode_t mode;
    if (exists)
        mode = st.st_mode & 0777;
    else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int fd = out_file_make_tmp(of, mode, exists ? &st : NULL);
    if (fd < 0)
        return out_file_refuse(of, errno, e);
    of->o.f = fdopen(fd, "w");
    if (!of->o.f) {
        int saved = errno;
        close(fd);
        out_file_abort(of);
        return out_file_refuse(of, saved, e);
    }
    return true;
}

bool out_file_commit(out_file *of, bool sync, err *e)
{
    if (out_flush(&of->o) && sync && of->tmp[0] && fsync(fileno(of->o.f)) != 0)
        out_fail(&of->o, errno);
    out_close(&of->o);
    if (out_ok(&of->o) && of->tmp[0] && rename(of->tmp, of->path) != 0)
        out_fail(&of->o, errno);
    if (!out_ok(&of->o)) {
        if (of->tmp[0])
            unlink(of->tmp);
        out_file_forget(of);
        of->tmp[0] = '\0';
        out_error(&of->o, e);
        return false;
    }
    out_file_forget(of);
    of->tmp[0] = '\0';
    return true;
}

void out_file_abort(out_file *of)
{
    if (of->o.f)
        fclose(of->o.f);
    of->o.f = NULL;
    if (of->tmp[0])
        unlink(of->tmp);
    out_file_forget(of);
    of->tmp[0] = '\0';
}
