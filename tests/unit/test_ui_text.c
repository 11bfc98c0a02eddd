/* test_ui_text.c - wrapping text by display width (ui_text_wrap_len, ui_text_wrap_row) without a
 * terminal: English at blanks, Chinese between characters but never before a closing mark or after
 * an opening one, mixed text, the "late" rule of the formula panel, the ASCII form. Expected rows
 * worked out by hand: a CJK character or fullwidth mark is 3 bytes and 2 columns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "ui_text.h"

/* The rows of s wrapped at w columns, joined with '|' (blanks skipped at breaks, as the viewer does). */
static const char *rows_of(const char *s, int w, bool late)
{
    static char out[1024];
    size_t o = 0;
    out[0] = '\0';
    while (s && *s) {
        char row[256];
        s = ui_text_wrap_row(s, w, late, row, sizeof row);
        if (!s)
            break;
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", o ? "|" : "", row);
        assert_true(o < sizeof out);
    }
    return out;
}

static void rows_are(const char *s, int w, bool late, const char *want)
{
    const char *got = rows_of(s, w, late);
    if (strcmp(got, want))
        fail_msg("\"%s\" at %d columns%s: \"%s\", expected \"%s\"", s, w, late ? " (late)" : "", got, want);
}

static void test_wrap_english(void **state)
{
    (void)state;
    ui_text_init(true);
    /* "the quick " is 10 columns; the break is the last blank that fits. */
    assert_int_equal(ui_text_wrap_len("the quick brown fox", 10, false), 9);
    rows_are("the quick brown fox", 10, false, "the quick|brown fox");
    /* Fits whole: all of it, blanks and all. */
    assert_int_equal(ui_text_wrap_len("short ", 10, false), 6);
    assert_int_equal(ui_text_wrap_len("", 10, false), 0);
    /* No blank: what fits. */
    assert_int_equal(ui_text_wrap_len("abcdefghijkl", 5, false), 5);
    rows_are("abcdefghijkl", 5, false, "abcde|fghij|kl");
    /* Several blanks between words are skipped at the break. */
    rows_are("one   two", 4, false, "one|two");
    /* Late: a blank in the first third of the row does not count (10 columns: at byte 3 or later). */
    assert_int_equal(ui_text_wrap_len("ab cdefghijklmnop", 10, false), 2);
    assert_int_equal(ui_text_wrap_len("ab cdefghijklmnop", 10, true), 10);
    assert_int_equal(ui_text_wrap_len("abcd efghijklmnop", 10, true), 4);
}

static void test_wrap_chinese(void **state)
{
    (void)state;
    ui_text_init(true);
    /* Five characters are 10 columns: the break falls between the fifth and the sixth. */
    const char *s = "反向传播算法的核心是链式法则";
    assert_int_equal(ui_text_wrap_len(s, 10, false), 15);
    assert_int_equal(ui_text_wrap_len(s, 11, false), 15); /* the sixth would need 12 */
    assert_int_equal(ui_text_wrap_len(s, 12, false), 18);
    rows_are(s, 10, false, "反向传播算|法的核心是|链式法则");
    /* A closing mark never starts a row: "，" would be the seventh character at 12 columns, so
     * "子" goes down with it. */
    rows_are("这是一个例子，很好。", 12, false, "这是一个例|子，很好。");
    rows_are("这是一个例子。", 12, false, "这是一个例|子。");
    /* An opening mark never ends a row: "（" goes down with "四". */
    rows_are("一二三（四五）", 8, false, "一二三|（四五）");
    /* Nothing but marks that may not start a row: cut where it stops fitting. */
    rows_are("一，，，，，", 6, false, "一，，|，，，");
    /* Late: the only break, after "一", is in the first third of the row; not late, it is taken. */
    assert_int_equal(ui_text_wrap_len("一二，，，，，", 10, true), 15);
    assert_int_equal(ui_text_wrap_len("一二，，，，，", 10, false), 3);
    /* A row narrower than one wide character: nothing fits, no row. */
    char row[16] = "x";
    assert_null(ui_text_wrap_row("反向", 1, false, row, sizeof row));
    assert_string_equal(row, "");
    assert_int_equal(ui_text_wrap_len("反向", 1, false), 0);
}

static void test_wrap_mixed(void **state)
{
    (void)state;
    ui_text_init(true);
    /* Between a narrow and a wide character is a break too, but not next to a blank. */
    rows_are("误差E对权重w求导", 6, false, "误差E|对权重|w求导");
    rows_are("使用 sigmoid 函数", 10, false, "使用|sigmoid 函|数");
    rows_are("终端太小：需要 60×16", 14, false, "终端太小：需|要 60×16");
}

/* The ASCII form draws each non-ASCII character as one '?': no character is wide, so Chinese
 * has no break between characters and is cut where it stops fitting. */
static void test_wrap_ascii(void **state)
{
    (void)state;
    ui_text_init(false);
    assert_int_equal(ui_text_wrap_len("反向传播算法", 4, false), 12);
    rows_are("反向传播算法", 4, false, "反向传播|算法");
    rows_are("the quick brown fox", 10, false, "the quick|brown fox");
    ui_text_init(true);
}

/* Columns of a row of the text below, counted here: its 2-byte characters (η) are narrow, its
 * 3-byte ones (Chinese, fullwidth marks) wide. */
static int cols(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80)
            w++;
        else if ((*p & 0xE0) == 0xC0)
            w += 1;
        else if ((*p & 0xF0) == 0xE0)
            w += 2;
    return w;
}

static bool starts_with_any(const char *s, const char *const *set)
{
    for (int i = 0; set[i]; i++)
        if (!strncmp(s, set[i], strlen(set[i])))
            return true;
    return false;
}

static bool ends_with_any(const char *s, const char *const *set)
{
    size_t n = strlen(s);
    for (int i = 0; set[i]; i++) {
        size_t m = strlen(set[i]);
        if (n >= m && !strcmp(s + n - m, set[i]))
            return true;
    }
    return false;
}

/* A paragraph of the documents' kind at every width from 4 to 80: every row fits and none is empty,
 * and the rows put back together are the text (less the blanks at the breaks). From 19 columns, the
 * longest stretch without a break ("（Backpropagation）"), no row starts with a closing mark or
 * ends with an opening one. */
static void test_wrap_paragraph(void **state)
{
    (void)state;
    ui_text_init(true);
    static const char *const closing[] = {"，", "。", "、", "；", "：", "！", "？", "）", "》", "」", ",", ".", ")", NULL};
    static const char *const opening[] = {"（", "《", "「", "(", NULL};
    const char *text = "反向传播（Backpropagation）是训练神经网络的核心算法。它根据损失函数 E 对每个权重 w "
                       "的偏导数，沿着梯度的反方向更新参数；学习率 η 决定了每一步的大小，"
                       "一般取 0.5 左右（见《实例运用》）。";
    char squeezed[1024];
    size_t o = 0;
    for (const char *p = text; *p; p++)
        if (*p != ' ')
            squeezed[o++] = *p;
    squeezed[o] = '\0';
    for (int w = 4; w <= 80; w++) {
        char joined[1024];
        o = 0;
        for (const char *s = text; *s;) {
            char row[256];
            const char *next = ui_text_wrap_row(s, w, false, row, sizeof row);
            if (!next || !*row)
                fail_msg("%d columns: no row at \"%s\"", w, s);
            if (cols(row) > w)
                fail_msg("%d columns: row \"%s\" is %d columns", w, row, cols(row));
            if (w >= 19 && s != text && starts_with_any(row, closing))
                fail_msg("%d columns: row \"%s\" starts with a closing mark", w, row);
            if (w >= 19 && *next && ends_with_any(row, opening))
                fail_msg("%d columns: row \"%s\" ends with an opening mark", w, row);
            for (const char *p = row; *p; p++)
                if (*p != ' ')
                    joined[o++] = *p;
            s = next;
        }
        joined[o] = '\0';
        if (strcmp(joined, squeezed))
            fail_msg("%d columns: the rows make \"%s\"", w, joined);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_english),
        cmocka_unit_test(test_wrap_chinese),
        cmocka_unit_test(test_wrap_mixed),
        cmocka_unit_test(test_wrap_ascii),
        cmocka_unit_test(test_wrap_paragraph),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
