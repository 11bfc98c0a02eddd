/* fuzz_chart.c - libFuzzer target: any run's points (NaN, infinities, denormals, 1e308, equal values) give a finished, finite SVG chart; the first byte chooses the options. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "svg.h"

#include "fuzz_target.h"

/* True when an attribute value of doc (coordinates, sizes: everything but the
 * title, which is element text) holds "nan" or "inf" in any case. */
static bool fuzz_chart_nonfinite_attr(const char *doc)
{
    for (const char *q = strstr(doc, "=\""); q; q = strstr(q, "=\"")) {
        q += 2;
        const char *end = strchr(q, '"');
        if (!end)
            return true; /* an attribute left open is broken too */
        for (const char *c = q; c + 3 <= end; c++)
            if (!strncasecmp(c, "nan", 3) || !strncasecmp(c, "inf", 3))
                return true;
        q = end + 1;
    }
    return false;
}

/* Points per input at most: a long run's chart is the same code, only slower. */
#define FUZZ_CHART_MAX_POINTS 512

/* Byte 0: bit 0 accuracy axis, bit 1 log scale, bits 2-7 the title's length.
 * Then the title, then 32 bytes a point: loss, train_acc, val_acc, eta as
 * raw doubles (so every bit pattern is reached). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const bool accuracy = data[0] & 1, log_scale = data[0] & 2;
    size_t tlen = (size_t)(data[0] >> 2);
    if (tlen > size - 1)
        tlen = size - 1;
    char title[64];
    memcpy(title, data + 1, tlen);
    title[tlen] = '\0';
    const uint8_t *p = data + 1 + tlen;
    size_t rest = size - 1 - tlen;
    int n = (int)(rest / 32);
    if (n > FUZZ_CHART_MAX_POINTS)
        n = FUZZ_CHART_MAX_POINTS;
    train_point *pts = malloc((size_t)(n ? n : 1) * sizeof *pts);
    if (!pts)
        return 0;
    for (int i = 0; i < n; i++) {
        double v[4];
        memcpy(v, p + (size_t)i * 32, sizeof v);
        pts[i] = (train_point){.epoch = i, .loss = v[0], .train_acc = v[1], .val_acc = v[2], .eta = v[3]};
    }
    char *doc = svg_chart(title, pts, n, accuracy, log_scale);
    if (n < 1) {
        fuzz_target_expect(doc == NULL, "a chart of no points");
    } else if (doc) {
        size_t len = strlen(doc);
        fuzz_target_expect(strncmp(doc, "<?xml", 5) == 0 || strncmp(doc, "<svg", 4) == 0, "a chart that is not SVG");
        fuzz_target_expect(len >= 7 && strcmp(doc + len - 7, "</svg>\n") == 0, "a chart that is not finished");
        /* A coordinate or label that is not a number would draw nothing or garbage. */
        fuzz_target_expect(!fuzz_chart_nonfinite_attr(doc), "a non-finite number in the chart");
    }
    free(doc);
    free(pts);
    return 0;
}
