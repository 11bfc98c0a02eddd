/* locate.c - scenario lookup by name across the tree, the working directory and the install. */
#include "locate.h"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static bool locate_is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool locate_is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int locate_add(char (*dirs)[LOCATE_PATH_MAX], int n, int max, const char *d)
{
    if (n >= max || !d || !*d || !locate_is_dir(d))
        return n;
    for (int i = 0; i < n; i++)
        if (!strcmp(dirs[i], d))
            return n;
    snprintf(dirs[n], LOCATE_PATH_MAX, "%s", d);
    return n + 1;
}

bool locate_beside_binary(const char *sub, char *out, size_t outsz)
{
    char exe[LOCATE_PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return false;
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return locate_join(exe, sub, "", out, outsz) && locate_is_dir(out);
}

int locate_dirs(char (*dirs)[LOCATE_PATH_MAX], int max)
{
    int n = 0;
    n = locate_add(dirs, n, max, getenv("BPVIZ_SCENARIOS"));
    n = locate_add(dirs, n, max, "scenarios");
    char beside[LOCATE_PATH_MAX];
    if (locate_beside_binary("scenarios", beside, sizeof beside))
        n = locate_add(dirs, n, max, beside);
    n = locate_add(dirs, n, max, BPVIZ_DATADIR "/scenarios");
    return n;
}

bool locate_join(const char *dir, const char *name, const char *suffix, char *out, size_t outsz)
{
    size_t dl = strlen(dir), nl = strlen(name), sl = strlen(suffix);
    if (dl + nl + sl + 2 > outsz)
        return false;
    memcpy(out, dir, dl);
    out[dl] = '/';
    memcpy(out + dl + 1, name, nl);
    memcpy(out + dl + 1 + nl, suffix, sl + 1);
    return true;
}

bool locate_scenario(const char *arg, char *out, size_t outsz)
{
    if (locate_is_file(arg) || strchr(arg, '/')) {
        snprintf(out, outsz, "%s", arg);
        return locate_is_file(arg);
    }
    char dirs[4][LOCATE_PATH_MAX];
    int n = locate_dirs(dirs, 4);
    size_t al = strlen(arg);
    bool has_ext = al > 3 && !strcmp(arg + al - 3, ".bp");
    for (int i = 0; i < n; i++) {
        char p[LOCATE_PATH_MAX * 2];
        if (locate_join(dirs[i], arg, has_ext ? "" : ".bp", p, sizeof p) && locate_is_file(p)) {
            snprintf(out, outsz, "%s", p);
            return true;
        }
    }
    snprintf(out, outsz, "%s", arg);
    /* Something of that name is here but is no scenario file (a directory,
     * a FIFO, a symbolic link loop): loading it says what it is. */
    struct stat st;
    return lstat(arg, &st) == 0;
}
