/* test_utf8.c - UTF-8 decoding and encoding against Unicode's table of well-formed sequences, display widths, the scenario reader in any locale. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glob.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "err.h"
#include "notation.h"
#include "scenario.h"
#include "testutil.h"
#include "utf8.h"

/* ---- an independent reference: the Unicode Standard's Table 3-7 ---------- */

/* Decodes the well-formed sequence at s (n bytes available): returns its
 * length and sets *cp; returns 0 for an ill-formed one. */
static int ref_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char b = s[0], lo = 0x80, hi = 0xBF;
    int len;
    uint32_t c;
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2;
        c = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        c = b & 0x0Fu;
        lo = b == 0xE0 ? 0xA0 : 0x80; /* E0 80..9F: overlong */
        hi = b == 0xED ? 0x9F : 0xBF; /* ED A0..BF: surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        c = b & 0x07u;
        lo = b == 0xF0 ? 0x90 : 0x80; /* F0 80..8F: overlong */
        hi = b == 0xF4 ? 0x8F : 0xBF; /* F4 90..: above U+10FFFF */
    } else {
        return 0; /* 80..C1 and F5..FF never start a character */
    }
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n || s[i] < lo || s[i] > hi)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = c;
    return len;
}

/* The UTF-8 form of scalar value c (Table 3-6). */
static int ref_encode(uint32_t c, unsigned char *b)
{
    if (c < 0x80) {
        b[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        b[0] = (unsigned char)(0xC0 | (c >> 6));
        b[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (c >> 12));
        b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    b[0] = (unsigned char)(0xF0 | (c >> 18));
    b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* Buffers of exactly 1 to 4 bytes, so that a read past them shows under ASan. */
static unsigned char *exact[UTF8_MAX + 1];

/* utf8_decode of the n bytes at s agrees with the reference: length and
 * code point, or UTF8_INVALID and one byte to skip. */
static void decode_agrees(const unsigned char *s, size_t n)
{
    unsigned char *buf = exact[n];
    memcpy(buf, s, n);
    uint32_t want = 0, got = 0;
    int wl = ref_decode(buf, n, &want);
    int gl = utf8_decode((const char *)buf, n, &got);
    if (wl > 0 && (gl != wl || got != want))
        fail_msg("%02X %02X %02X %02X (n %zu): decoded U+%04X in %d bytes, expected U+%04X in %d", s[0],
                 n > 1 ? s[1] : 0, n > 2 ? s[2] : 0, n > 3 ? s[3] : 0, n, (unsigned)got, gl, (unsigned)want, wl);
    if (wl == 0 && (gl != 1 || got != UTF8_INVALID))
        fail_msg("%02X %02X %02X %02X (n %zu): decoded U+%04X in %d bytes, expected invalid", s[0],
                 n > 1 ? s[1] : 0, n > 2 ? s[2] : 0, n > 3 ? s[3] : 0, n, (unsigned)got, gl);
}

/* Every sequence of one, two and three bytes, and every four-byte sequence
 * for a choice of last bytes (both ends of the continuation range and the
 * bytes just outside it); every prefix too (a character cut short). */
static void test_decode_exhaustive(void **state)
{
    (void)state;
    for (size_t n = 1; n <= UTF8_MAX; n++)
        exact[n] = malloc(n);
    unsigned char s[4];
    for (unsigned a = 0; a < 256; a++) {
        s[0] = (unsigned char)a;
        decode_agrees(s, 1);
        for (unsigned b = 0; b < 256; b++) {
            s[1] = (unsigned char)b;
            decode_agrees(s, 2);
            if (a < 0xC0)
                continue; /* the first byte alone decides */
            for (unsigned c = 0; c < 256; c++) {
                s[2] = (unsigned char)c;
                decode_agrees(s, 3);
                if (a < 0xF0)
                    continue;
                static const unsigned char last[] = {0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xFF};
                for (size_t d = 0; d < sizeof last; d++) {
                    s[3] = last[d];
                    decode_agrees(s, 4);
                }
            }
        }
    }
    for (size_t n = 1; n <= UTF8_MAX; n++)
        free(exact[n]);
}

static void invalid_is(const char *s, size_t n, const char *what)
{
    uint32_t cp = 0;
    int got = utf8_decode(s, n, &cp);
    if (cp != UTF8_INVALID || got != 1)
        fail_msg("%s: U+%04X in %d bytes, expected invalid (one byte)", what, (unsigned)cp, got);
}

/* The classes the scenario reader refuses, by name. */
static void test_decode_invalid(void **state)
{
    (void)state;
    invalid_is("\xC0\x80", 2, "overlong U+0000");
    invalid_is("\xC1\xBF", 2, "overlong U+007F");
    invalid_is("\xE0\x80\xAF", 3, "overlong '/' in three bytes");
    invalid_is("\xF0\x80\x80\xAF", 4, "overlong '/' in four bytes");
    invalid_is("\xED\xA0\x80", 3, "surrogate U+D800");
    invalid_is("\xED\xBF\xBF", 3, "surrogate U+DFFF");
    invalid_is("\xF4\x90\x80\x80", 4, "U+110000");
    invalid_is("\xF5\x80\x80\x80", 4, "lead byte F5");
    invalid_is("\xFF", 1, "byte FF");
    invalid_is("\x80", 1, "stray continuation byte");
    invalid_is("\xE6\x96", 2, "文 cut short by the length");
    invalid_is("\xE6\x96x", 3, "文 cut short by an ASCII byte");
    invalid_is("\xF0\x9F\x98", 3, "U+1F600 cut short");
    invalid_is("\xE6\x96\x87", 2, "文 with only two bytes available");
    /* Not invalid: the edges of each range, and a replacement character written as such. */
    uint32_t cp;
    assert_int_equal(utf8_decode("\xEF\xBF\xBD", 3, &cp), 3);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    assert_int_equal(utf8_decode("\xED\x9F\xBF", 3, &cp), 3);
    assert_int_equal(cp, 0xD7FF);
    assert_int_equal(utf8_decode("\xEE\x80\x80", 3, &cp), 3);
    assert_int_equal(cp, 0xE000);
    assert_int_equal(utf8_decode("\xC2\x80", 2, &cp), 2);
    assert_int_equal(cp, 0x80);
    assert_int_equal(utf8_decode("\0x", 2, &cp), 1); /* a NUL is a character to utf8_decode */
    assert_int_equal(cp, 0);
    cp = 7;
    assert_int_equal(utf8_decode("x", 0, &cp), 0);
    assert_int_equal(cp, 0);
    /* utf8_next stops at the NUL, inside a character too. */
    assert_int_equal(utf8_next("", &cp), 0);
    assert_int_equal(utf8_next("\xE6\x96", &cp), 1);
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(utf8_next("\xE6\0\x87", &cp), 1);
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(utf8_next("δx", &cp), 2);
    assert_int_equal(cp, 0x03B4);
}

/* Every scalar value encodes as Table 3-6 has it and decodes back. */
static void test_encode_round_trip(void **state)
{
    (void)state;
    for (uint32_t c = 0; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        unsigned char want[4];
        char got[UTF8_MAX + 1];
        memset(got, 0x55, sizeof got);
        int wl = ref_encode(c, want);
        int gl = utf8_encode(c, got);
        if (gl != wl || memcmp(got, want, (size_t)wl) || got[gl] != '\0')
            fail_msg("U+%04X encoded in %d bytes, expected %d", (unsigned)c, gl, wl);
        uint32_t back;
        if (utf8_decode(got, (size_t)gl, &back) != gl || back != c)
            fail_msg("U+%04X decodes back as U+%04X", (unsigned)c, (unsigned)back);
    }
    /* No scalar value: nothing written. */
    static const uint32_t bad[] = {0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x110000, 0x7FFFFFFF, UTF8_INVALID};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char out[UTF8_MAX + 1] = "xxxx";
        if (utf8_encode(bad[i], out) != 0 || out[0] != '\0')
            fail_msg("U+%04X encoded as '%s'", (unsigned)bad[i], out);
    }
}

/* ---- widths ---------------------------------------------------------------- */

static void cp_width_is(uint32_t cp, int w)
{
    if (utf8_cp_width(cp) != w)
        fail_msg("U+%04X is %d columns, expected %d", (unsigned)cp, utf8_cp_width(cp), w);
}

static void test_widths(void **state)
{
    (void)state;
    assert_int_equal(utf8_width(""), 0);
    assert_int_equal(utf8_width("w^2_11"), 6);
    for (uint32_t c = 0x20; c < 0x7F; c++)
        cp_width_is(c, 1);
    /* Combining marks and zero-width characters take no column. */
    assert_int_equal(utf8_width("y\xCC\x82"), 1); /* y + combining circumflex */
    assert_int_equal(utf8_width("ŷ"), 1);
    cp_width_is(0x0301, 0);
    cp_width_is(0x20D7, 0); /* combining right arrow above (vectors) */
    cp_width_is(0x200B, 0); /* zero width space */
    cp_width_is(0xFE0F, 0); /* variation selector 16 */
    /* CJK, Hangul, fullwidth forms, CJK punctuation: two columns. */
    assert_int_equal(utf8_width("文档000"), 7);
    assert_int_equal(utf8_width("文档000 §2.4: 2-2-2"), 19); /* § is narrow */
    assert_int_equal(utf8_width("实例运用"), 8);
    assert_int_equal(utf8_width("한글"), 4);
    assert_int_equal(utf8_width("ＡＢ"), 4);
    assert_int_equal(utf8_width("，。（）"), 8);
    cp_width_is(0x20000, 2); /* CJK extension B */
    /* Ambiguous width (wide in CJK legacy encodings) counts one, as glibc's
     * UTF-8 locales and so ncursesw count it: Greek, '·', '…', box drawing,
     * the arrows and marks the viewer draws. */
    assert_int_equal(utf8_width("δηβΔσθ∂∇"), 8);
    assert_int_equal(utf8_width("·…─│┤▶◀⋮✓✗•"), 11);
    cp_width_is(0x2800, 1); /* braille of the chart */
    cp_width_is(0x28FF, 1);
    /* Where the old hand-made table was wrong, Unicode's data win: an emoji
     * outside its one emoji block, a combining ideographic tone mark, a
     * symbol it took for wide, Cyrillic combining marks. */
    cp_width_is(0x1F680, 2); /* rocket: the old table said 1 */
    cp_width_is(0x2705, 2);  /* white heavy check mark: 1 */
    cp_width_is(0x302A, 0);  /* ideographic level tone mark: 2 */
    cp_width_is(0x1F5A5, 1); /* desktop computer (text presentation): 2 */
    cp_width_is(0x0483, 0);  /* combining Cyrillic titlo: 1 */
    /* What the viewer draws as one cell: a control character (a blank), a bad byte ('?'). */
    cp_width_is('\t', 1);
    cp_width_is(0x1B, 1);
    cp_width_is(UTF8_INVALID, 1);
    assert_int_equal(utf8_width("a\xFF" "b"), 3);
    assert_int_equal(utf8_width("\xE6\x96"), 2); /* a bad byte is one column */
    assert_int_equal(utf8_width("\xC0\x80"), 2);
}

/* Each sub- and superscript form notation.c renders is one column, so a
 * rendered formula is as wide as it has characters. */
static void test_formula_widths(void **state)
{
    (void)state;
    static const struct {
        const char *markup, *rendered;
        int width;
    } cs[] = {
        {"x_{0123456789+-=()aeoxhklmnpstiruvj}", "x₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢᵣᵤᵥⱼ", 33},
        {"x^{abcdefghijklmnoprstuvwxyz}", "xᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", 26},
        {"x^{0123456789+-=()TLABDEHKMNWδβθ}", "x⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵀᴸᴬᴮᴰᴱᴴᴷᴹᴺᵂᵟᵝᶿ", 30},
        {"w^2_{11}", "w²₁₁", 4},
        {"δ^{(1)}_1", "δ⁽¹⁾₁", 5},
        {"∂C/∂w^2_{12}", "∂C/∂w²₁₂", 8},
        {"ŷ_2", "ŷ₂", 2},
        {"η_b", "η_b", 3},
        {"a^{l−1}_k", "aˡ⁻¹ₖ", 5},
        {"Δw′ = −η·∂C/∂w′", "Δw′ = −η·∂C/∂w′", 15},
        {"文档000 δ^2_1", "文档000 δ²₁", 11},
    };
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        char out[NOTATION_MAX];
        notation_render(cs[i].markup, true, out, sizeof out);
        if (strcmp(out, cs[i].rendered))
            fail_msg("render('%s') = '%s', expected '%s'", cs[i].markup, out, cs[i].rendered);
        if (utf8_width(out) != cs[i].width)
            fail_msg("'%s' is %d columns, expected %d", out, utf8_width(out), cs[i].width);
    }
}

/* Every character the program ships (the Chinese translation, the
 * scenarios, the sources' literals, notation.c's script forms, the chart's
 * braille) is as wide as glibc's wcwidth says in C.UTF-8: the width
 * ncursesw draws it with, so the viewer's layout and the screen agree. */
static void agree_with_wcwidth(uint32_t cp, const char *where)
{
    int w = wcwidth((wchar_t)cp);
    if (w >= 0 && utf8_cp_width(cp) != w)
        fail_msg("U+%04X (%s): %d columns, glibc's wcwidth says %d", (unsigned)cp, where, utf8_cp_width(cp), w);
}

static int file_cps(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot read %s (run from the repository's root)", path);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    int count = 0;
    uint32_t cp;
    for (const char *s = buf; *s;) {
        int l = utf8_next(s, &cp);
        if (cp >= 0x80 && cp != UTF8_INVALID) {
            agree_with_wcwidth(cp, path);
            count++;
        }
        s += l;
    }
    return count;
}

static void test_agrees_with_ncursesw(void **state)
{
    (void)state;
    char *old = setlocale(LC_CTYPE, NULL);
    char saved[64];
    snprintf(saved, sizeof saved, "%s", old ? old : "C");
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        tu_skip("no C.UTF-8 locale to compare wcwidth with"); /* glibc has C.UTF-8 built in since 2.35 */
    int count = 0;
    static const char *const pats[] = {"po/*.po", "scenarios/*.bp", "src/*/*.c", "src/*.c"};
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++) {
        glob_t g;
        if (glob(pats[i], 0, NULL, &g) != 0)
            fail_msg("no file matches %s (run from the repository's root)", pats[i]);
        for (size_t k = 0; k < g.gl_pathc; k++)
            count += file_cps(g.gl_pathv[k]);
        globfree(&g);
    }
    assert_true(count > 1000); /* the Chinese translation alone has thousands */
    static const char *const marks[] = {"x_{0123456789+-=()aeoxhklmnpstiruvj}", "x^{abcdefghijklmnoprstuvwxyz}",
                                        "x^{0123456789+-=()TLABDEHKMNWδβθ}"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        char out[NOTATION_MAX];
        notation_render(marks[i], true, out, sizeof out);
        uint32_t cp;
        for (const char *s = out; *s;) {
            s += utf8_next(s, &cp);
            agree_with_wcwidth(cp, marks[i]);
        }
    }
    for (uint32_t cp = 0x2800; cp <= 0x28FF; cp++)
        agree_with_wcwidth(cp, "braille");
    setlocale(LC_CTYPE, saved);
}

/* ---- the scenario reader: UTF-8 in any locale -------------------------------- */

static const char SCEN[] = "[scenario]\n"
                           "title = %s\n"
                           "[network]\n"
                           "layers = 1 1\n"
                           "[layer 1]\n"
                           "weights = 0.5\n"
                           "biases = 0\n"
                           "[data]\n"
                           "sample = 1 -> 0\n";

/* Parses SCEN with title; returns the error message ("" when it loads) and
 * sets *title to a copy of the loaded title (caller frees) when title is not NULL. */
static const char *parse_title(const char *t, char **title)
{
    static err e;
    char text[512];
    int len = snprintf(text, sizeof text, SCEN, t);
    err_clear(&e);
    scenario *sc = scenario_parse("t.bp", text, len, &e);
    if (title)
        *title = sc ? strdup(sc->title) : NULL;
    scenario_free(sc);
    return sc ? "" : e.msg;
}

/* The reader is locale-independent: in "C" (what tests and cron jobs often
 * run with) a Chinese title loads and bad UTF-8 is refused at its byte. */
static void test_scenario_any_locale(void **state)
{
    (void)state;
    char *old = setlocale(LC_ALL, NULL);
    char saved[256];
    snprintf(saved, sizeof saved, "%s", old ? old : "C");
    static const char *const locales[] = {"C", "C.UTF-8"};
    for (size_t i = 0; i < 2; i++) {
        if (!setlocale(LC_ALL, locales[i]))
            continue;
        char *title = NULL;
        assert_string_equal(parse_title("文档000 §2.4 ŷ δ⁽¹⁾₁ \xF0\x9F\x98\x80 \xEF\xBF\xBD \xF4\x8F\xBF\xBF", &title), "");
        assert_non_null(title);
        assert_string_equal(title, "文档000 §2.4 ŷ δ⁽¹⁾₁ \xF0\x9F\x98\x80 \xEF\xBF\xBD \xF4\x8F\xBF\xBF");
        assert_int_equal(utf8_width(title), 27); /* the emoji 2, U+FFFD and U+10FFFF 1 */
        free(title);
        /* The column counts bytes: 文档 are six. */
        assert_string_equal(parse_title("文档\xFF", NULL), "t.bp:2:15: invalid UTF-8 (the file must be UTF-8 text)");
        assert_string_equal(parse_title("文档\xE6\x96", NULL),
                            "t.bp:2:15: invalid UTF-8 (the file must be UTF-8 text)");
        assert_string_equal(parse_title("a\xED\xA0\x80", NULL),
                            "t.bp:2:10: invalid UTF-8 (the file must be UTF-8 text)");
        assert_string_equal(parse_title("ab\xF4\x90\x80\x80", NULL),
                            "t.bp:2:11: invalid UTF-8 (the file must be UTF-8 text)");
        assert_string_equal(parse_title("abc\xC0\xAF", NULL), "t.bp:2:12: invalid UTF-8 (the file must be UTF-8 text)");
        /* Widths need no UTF-8 locale either. */
        assert_int_equal(utf8_width("文档000 δ²₁"), 11);
    }
    setlocale(LC_ALL, saved);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_exhaustive),
        cmocka_unit_test(test_decode_invalid),
        cmocka_unit_test(test_encode_round_trip),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_formula_widths),
        cmocka_unit_test(test_agrees_with_ncursesw),
        cmocka_unit_test(test_scenario_any_locale),
    };
    return tu_exit(cmocka_run_group_tests(tests, NULL, NULL));
}
