/* utf8.h - one UTF-8 character decoded or encoded, and terminal display widths, on GNU libunistring. */
#ifndef BPVIZ_UTF8_H
#define BPVIZ_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of one UTF-8 character at most. */
#define UTF8_MAX 4

/* The code point utf8_decode reports for an ill-formed sequence. It is no
 * Unicode scalar value, so a U+FFFD written in the text is told apart from
 * a bad byte. */
#define UTF8_INVALID 0xFFFFFFFFu

/* Decodes the character at s, reading at most n bytes, whatever the locale.
 * Returns its length in bytes (1 to UTF8_MAX) and sets *cp to its code point.
 * An ill-formed sequence (a stray continuation byte, an overlong form, a
 * UTF-16 surrogate, a code point above U+10FFFF, a character cut short at
 * n) sets *cp to UTF8_INVALID and returns 1: each of its bytes is then one
 * bad character of its own. n == 0 returns 0 with *cp 0. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* utf8_decode for a NUL-terminated string: never reads past the NUL, and
 * returns 0 at it. */
int utf8_next(const char *s, uint32_t *cp);

/* Writes the UTF-8 form of cp to out (UTF8_MAX + 1 bytes), NUL-terminated.
 * Returns its length; 0, with out "", when cp is no Unicode scalar value
 * (a surrogate, above U+10FFFF). */
int utf8_encode(uint32_t cp, char *out);

/* Terminal columns of cp: 0 for combining marks and other zero-width
 * characters, 2 for East Asian wide and fullwidth ones, 1 otherwise.
 * Ambiguous-width characters (Greek letters, '·', '…', box drawing) count
 * 1, as in glibc's UTF-8 locales; so do control characters and
 * UTF8_INVALID, each of which the viewer draws as one cell (a blank, a '?'). */
int utf8_cp_width(uint32_t cp);

/* Terminal columns of the NUL-terminated UTF-8 string s: the sum of
 * utf8_cp_width over its characters (a bad byte counts 1). */
int utf8_width(const char *s);

#endif
