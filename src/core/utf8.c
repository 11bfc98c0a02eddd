/* utf8.c - UTF-8 decoding, encoding and display width through GNU libunistring (locale-independent). */
#include "utf8.h"

#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

int utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const uint8_t *u = (const uint8_t *)s;
    ucs4_t uc;
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    /* The strict decoder: it tells a bad sequence from a written U+FFFD,
     * which u8_mbtouc answers for both. A bad sequence is then taken one
     * byte at a time, each a bad character of its own (one '?' in the
     * viewer), whatever length u8_mbtouc would give it. */
    int len = u8_mbtoucr(&uc, u, n);
    if (len > 0) {
        *cp = uc;
        return len;
    }
    *cp = UTF8_INVALID;
    return 1;
}

int utf8_next(const char *s, uint32_t *cp)
{
    return utf8_decode(s, strnlen(s, UTF8_MAX), cp);
}

int utf8_encode(uint32_t cp, char *out)
{
    int n = u8_uctomb((uint8_t *)out, cp, UTF8_MAX);
    if (n < 0)
        n = 0;
    out[n] = '\0';
    return n;
}

int utf8_cp_width(uint32_t cp)
{
    if (cp == UTF8_INVALID)
        return 1;
    /* "UTF-8" is no CJK legacy encoding, so ambiguous characters are narrow. */
    int w = uc_width(cp, "UTF-8");
    return w < 0 ? 1 : w;
}

int utf8_width(const char *s)
{
    /* Not u8_strwidth: it counts a control character 0 columns, while the
     * viewer draws it as a blank of one. */
    int w = 0;
    uint32_t cp;
    for (int n; (n = utf8_next(s, &cp)) > 0; s += n)
        w += utf8_cp_width(cp);
    return w;
}
