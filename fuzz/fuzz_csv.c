/* fuzz_csv.c - libFuzzer target: any bytes as a CSV data set must load or fail with a message; the first 4 bytes choose the options. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"

#include "fuzz_target.h"

/* Label column names byte 2 chooses from (bits 2-4). */
static const char *const fuzz_csv_labels[8] = {"species", "digit", "label", "y", "class", "", "p0", "a b"};

/* The input file: csv_load takes a path (an in-memory entry point would spare this). */
static char fuzz_csv_path[64];

static void fuzz_csv_cleanup(void) { unlink(fuzz_csv_path); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    if (!fuzz_csv_path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(fuzz_csv_path, sizeof fuzz_csv_path, "%.32s/bpviz-fuzz-%ld.csv", dir && *dir ? dir : "/tmp",
                 (long)getpid());
        atexit(fuzz_csv_cleanup);
    }
    FILE *f = fopen(fuzz_csv_path, "wb");
    if (!f)
        return 0;
    size_t wrote = fwrite(data + 4, 1, size - 4, f);
    if (fclose(f) != 0 || wrote != size - 4)
        return 0;
    csv_opts opt;
    memset(&opt, 0, sizeof opt);
    opt.file = fuzz_csv_path;
    opt.label = (char *)fuzz_csv_labels[(data[2] >> 2) & 7];
    opt.normalize = data[2] & 1;
    opt.shuffle = data[2] & 2;
    opt.seed = data[2] >> 5;
    opt.train_rows = data[3];
    const int nin = data[0], nout = data[1];
    data_set d = {.nin = nin, .nout = nout};
    err e;
    err_clear(&e);
    if (csv_load(fuzz_csv_path, &opt, nin, nout, &d, &e)) {
        fuzz_target_expect(d.n > 0 && d.nin == nin && d.nout == nout, "a loaded set of the wrong shape");
        fuzz_target_expect(d.ntrain >= 1, "no training rows");
        for (long i = 0; i < (long)d.n * nin; i++) {
            fuzz_target_expect(d.x[i] == d.x[i], "a NaN feature");
            fuzz_target_expect(!opt.normalize || (d.x[i] >= 0.0 && d.x[i] <= 1.0), "a min-max feature outside [0, 1]");
        }
        fuzz_target_expect(d.nwarnings == 0 || d.ntrain < d.n, "a validation warning without validation rows");
        for (int i = 0; i < d.nwarnings; i++)
            fuzz_target_expect(strstr(d.warnings[i].msg, ": warning: ") != NULL, "a warning without 'warning:'");
        data_free(&d);
    } else {
        fuzz_target_expect(e.msg[0] != '\0', "a failed load without a message");
        fuzz_target_expect(d.n == 0 && d.x == NULL, "a failed load left data behind");
    }
    return 0;
}
