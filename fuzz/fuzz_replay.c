/* fuzz_replay.c - runs a fuzz target on files (regression inputs, seeds) without libFuzzer, for `make test`. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_target.h"

/* Reads a whole file; NULL when it cannot. */
static unsigned char *fuzz_replay_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    int done = 0;
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        unsigned char *buf = fuzz_replay_read(argv[i], &len);
        if (!buf) {
            fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
            return 2;
        }
        /* An exact-size copy, as libFuzzer passes: reading past it is a bug. */
        unsigned char *exact = malloc(len ? len : 1);
        if (!exact) {
            free(buf);
            return 2;
        }
        for (size_t k = 0; k < len; k++)
            exact[k] = buf[k];
        free(buf);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
        done++;
    }
    printf("%s: %d inputs replayed, no crash\n", argv[0], done);
    return 0;
}
