/* ui_text.c - width-aware text drawing, glyph table with ASCII forms, number and symbol formatting. */
#include "ui_text.h"

#include <stdio.h>
#include <string.h>

#include "formula.h"
#include "notation.h"
#include "utf8.h"

static bool ui_text_uni = true;

/* Unicode form, ASCII form. */
static const char *const ui_text_glyphs[UI_G_COUNT][2] = {
    [UI_G_HLINE] = {"─", "-"},   [UI_G_VLINE] = {"│", "|"},    [UI_G_TEE] = {"┤", "|"},
    [UI_G_ARROW_R] = {"▶", ">"}, [UI_G_ARROW_L] = {"◀", "<"},  [UI_G_CYCLE] = {"⟳", "*"},
    [UI_G_WRITE] = {"▶", ">"},   [UI_G_READ] = {"▷", "+"},     [UI_G_CHANGED] = {"•", "*"},
    [UI_G_VDOTS] = {"⋮", ":"},   [UI_G_HDOTS] = {"…", "..."},  [UI_G_OK] = {"✓", "ok"},
    [UI_G_BAD] = {"✗", "x"},     [UI_G_UNKNOWN] = {"·", "."},
    [UI_G_SEP] = {"·", "|"},
};

void ui_text_init(bool unicode) { ui_text_uni = unicode; }

bool ui_text_unicode(void) { return ui_text_uni; }

const char *ui_text_glyph(ui_glyph g) { return g < UI_G_COUNT ? ui_text_glyphs[g][ui_text_uni ? 0 : 1] : ""; }

/* Columns one character takes as drawn: in ASCII every character is one
 * cell (a '?' when not ASCII). */
static int ui_text_cpw(uint32_t cp) { return ui_text_uni ? utf8_cp_width(cp) : 1; }

int ui_text_width(const char *s)
{
    int w = 0;
    uint32_t cp;
    for (int n; (n = utf8_next(s, &cp)) > 0; s += n)
        w += ui_text_cpw(cp);
    return w;
}

int ui_text_cut(const char *s, int maxw, char *out, size_t outsz)
{
    int w = 0;
    size_t o = 0;
    uint32_t cp;
    for (int n; (n = utf8_next(s, &cp)) > 0; s += n) {
        int cw = ui_text_cpw(cp);
        if (w + cw > maxw || o + (size_t)n + 1 > outsz)
            break;
        /* A bad byte drawn as is would be ncurses' guess (often two cells); it is counted one, a '?'. */
        if ((!ui_text_uni && cp >= 0x80) || cp == UTF8_INVALID) {
            out[o++] = '?';
        } else if (cp < 0x20) {
            out[o++] = ui_text_uni ? ' ' : '?'; /* a control character would move the cursor */
        } else {
            memcpy(out + o, s, (size_t)n);
            o += (size_t)n;
        }
        w += cw;
    }
    if (outsz)
        out[o] = '\0';
    return w;
}

/* CJK punctuation that must not start a row (closing marks) or end one (opening marks). */
static bool ui_text_no_start(unsigned c)
{
    static const unsigned closing[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF09,
                                       0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0xFF3D, 0xFF5D,
                                       0x2019, 0x201D, 0x2026, 0x00B7, 0x30FC};
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (c == closing[i])
            return true;
    return c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == ']' || c == '!' || c == '?';
}

static bool ui_text_no_end(unsigned c)
{
    return c == 0xFF08 || c == 0x3008 || c == 0x300A || c == 0x300C || c == 0x300E || c == 0x3010 ||
           c == 0x3014 || c == 0x3016 || c == 0xFF3B || c == 0xFF5B || c == 0x2018 || c == 0x201C || c == '(' ||
           c == '[';
}

size_t ui_text_wrap_len(const char *s, int w, bool late)
{
    size_t len = 0, blank = 0, cjk = 0;
    int cw = 0;
    unsigned prev = 0;
    int prevw = 0;
    while (s[len]) {
        uint32_t c;
        int n = utf8_next(s + len, &c);
        int chw = ui_text_cpw(c);
        /* Text without blanks (Chinese) may break between two characters when one is wide. */
        if (len > 0 && (prevw == 2 || chw == 2) && c != ' ' && prev != ' ' && !ui_text_no_start(c) &&
            !ui_text_no_end(prev))
            cjk = len;
        if (cw + chw > w)
            break;
        if (c == ' ')
            blank = len;
        cw += chw;
        len += (size_t)n;
        prev = c;
        prevw = chw;
    }
    if (!s[len])
        return len;
    /* After a blank (or between wide characters), in the last two thirds of the row when late. */
    size_t min = late ? len / 3 : 0;
    size_t best = blank > cjk ? blank : cjk;
    return best > min ? best : len;
}

const char *ui_text_wrap_row(const char *s, int w, bool late, char *row, size_t rowsz)
{
    size_t len = ui_text_wrap_len(s, w, late);
    if (len >= rowsz)
        len = rowsz - 1;
    memcpy(row, s, len);
    row[len] = '\0';
    if (len == 0)
        return NULL;
    s += len;
    while (*s == ' ')
        s++;
    return s;
}

int ui_text_put(int y, int x, int maxw, const char *s, attr_t a)
{
    if (maxw <= 0 || y < 0 || x < 0 || y >= LINES || x >= COLS)
        return 0;
    if (x + maxw > COLS)
        maxw = COLS - x;
    char buf[1024];
    int w = ui_text_cut(s, maxw, buf, sizeof buf);
    attrset(a);
    /* ncurses splits multibyte characters by itself in a UTF-8 locale. */
    mvaddstr(y, x, buf);
    attrset(A_NORMAL);
    return w;
}

int ui_text_put_ellipsis(int y, int x, int maxw, const char *s, attr_t a)
{
    if (ui_text_width(s) <= maxw)
        return ui_text_put(y, x, maxw, s, a);
    const char *dots = ui_text_glyph(UI_G_HDOTS);
    int dw = ui_text_width(dots);
    if (maxw <= dw)
        return ui_text_put(y, x, maxw, s, a);
    int w = ui_text_put(y, x, maxw - dw, s, a);
    return w + ui_text_put(y, x + w, dw, dots, a);
}

int ui_text_put_right(int y, int xend, int maxw, const char *s, attr_t a)
{
    int w = ui_text_width(s);
    if (w > maxw)
        w = maxw;
    return ui_text_put(y, xend - w, w, s, a);
}

void ui_text_fill(int y, int x, int w, attr_t a)
{
    if (y < 0 || y >= LINES || x < 0)
        return;
    if (x + w > COLS)
        w = COLS - x;
    if (w <= 0)
        return;
    attrset(a);
    mvhline(y, x, ' ', w);
    attrset(A_NORMAL);
}

void ui_text_hline(int y, int x, int w, attr_t a)
{
    const char *g = ui_text_glyph(UI_G_HLINE);
    for (int i = 0; i < w; i++)
        ui_text_put(y, x + i, 1, g, a);
}

char *ui_text_num(double v, int digits, char *out, size_t outsz)
{
    return formula_num(v, digits, out, outsz);
}

ui_role ui_text_sign_role(double v) { return v < 0 ? UI_ROLE_NEG : v > 0 ? UI_ROLE_POS : UI_ROLE_NORMAL; }

void ui_text_render(const char *markup, char *out, size_t outsz)
{
    notation_render(markup, ui_text_uni, out, outsz);
}
