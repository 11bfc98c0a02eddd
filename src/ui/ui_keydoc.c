/* ui_keydoc.c - the key table as Markdown (README.md) or roff (man/bpviz.1), so no key list is written twice. */
#include "ui_keydoc.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui_keys.h"
#include "ui_text.h"

bool ui_keydoc_format_of(const char *name, ui_keydoc_format *f)
{
    if (!strcmp(name, "md"))
        *f = UI_KEYDOC_MD;
    else if (!strcmp(name, "man"))
        *f = UI_KEYDOC_MAN;
    else
        return false;
    return true;
}

/* s with Markdown's inline syntax escaped (a table cell: | too). */
static void ui_keydoc_md_text(out_stream *to, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_|<[]", *s))
            out_printf(to, "\\%c", *s);
        else
            out_printf(to, "%c", *s);
    }
}

/* s as roff text: the backslash as \e, a hyphen as the minus \- when minus is set (key names),
 * every character past ASCII as \[uXXXX], which groff draws in any output. */
static void ui_keydoc_roff_text(out_stream *to, const char *s, bool minus)
{
    const unsigned char *p = (const unsigned char *)s;
    if (*p == '.' || *p == '\'')
        out_puts(to, "\\&"); /* not a control line */
    while (*p) {
        if (*p < 0x80) {
            if (*p == '\\')
                out_puts(to, "\\e");
            else if (*p == '-' && minus)
                out_puts(to, "\\-");
            else
                out_printf(to, "%c", *p);
            p++;
            continue;
        }
        int n = (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 1;
        unsigned long cp = n == 2 ? *p & 0x1Fu : n == 3 ? *p & 0x0Fu : *p & 0x07u;
        int i = 1;
        for (; i < n && (p[i] & 0xC0) == 0x80; i++)
            cp = cp << 6 | (p[i] & 0x3Fu);
        if (n == 1 || i < n) { /* not UTF-8: the key table and the catalogues are, so this is a bug */
            out_puts(to, "?");
            p++;
            continue;
        }
        out_printf(to, "\\[u%04lX]", cp);
        p += n;
    }
}

/* A key's name as a Markdown code span, preceded by a blank unless first. */
static void ui_keydoc_md_key(out_stream *to, const char *name, bool first)
{
    const char *tick = strchr(name, '`') ? "`` " : "`";
    const char *end = strchr(name, '`') ? " ``" : "`";
    out_printf(to, "%s%s", first ? "" : " ", tick);
    for (const char *c = name; *c; c++) {
        if (*c == '|')
            out_puts(to, "\\");
        out_printf(to, "%c", *c);
    }
    out_puts(to, end);
}

/* A key's name in bold roff, preceded by ", " unless first. */
static void ui_keydoc_roff_key(out_stream *to, const char *name, bool first)
{
    out_puts(to, first ? "\\fB" : ", \\fB");
    ui_keydoc_roff_text(to, name, true);
    out_puts(to, "\\fR");
}

/* One row: a binding's keys (keys; NULL: the one gesture name, a mouse row) and its help
 * sentence (already translated). */
static void ui_keydoc_row(out_stream *to, ui_keydoc_format f, const int *keys, const char *name, const char *help)
{
    if (f == UI_KEYDOC_MD)
        out_puts(to, "| ");
    else
        out_puts(to, ".TP\n");
    if (!keys) { /* a gesture, not a key: in italics */
        out_puts(to, f == UI_KEYDOC_MD ? "*" : "\\fI");
        if (f == UI_KEYDOC_MD)
            ui_keydoc_md_text(to, name);
        else
            ui_keydoc_roff_text(to, name, true);
        out_puts(to, f == UI_KEYDOC_MD ? "*" : "\\fR");
    }
    bool first = true;
    for (int k = 0; keys && k < UI_KEYS_PER_ACTION && keys[k]; k++) {
        char buf[32];
        ui_keys_name(keys[k], buf, sizeof buf);
        if (!buf[0])
            continue; /* another name of a key already listed (Enter's \r) */
        if (f == UI_KEYDOC_MD)
            ui_keydoc_md_key(to, buf, first);
        else
            ui_keydoc_roff_key(to, buf, first);
        first = false;
    }
    if (f == UI_KEYDOC_MD) {
        out_puts(to, " | ");
        ui_keydoc_md_text(to, help);
        out_puts(to, " |\n");
    } else {
        out_puts(to, "\n");
        ui_keydoc_roff_text(to, help, false);
        out_puts(to, "\n");
    }
}

void ui_keydoc_write(out_stream *to, ui_keydoc_format f)
{
    ui_text_init(true);
    int nb, nm;
    const ui_binding *t = ui_keys_table(&nb);
    const ui_mouse_row *m = ui_keys_mouse(&nm);
    if (f == UI_KEYDOC_MD)
        out_printf(to, "| %s | %s |\n|---|---|\n", _("keys"), _("action"));
    for (int s = 0; s < UI_SEC_COUNT; s++) {
        const char *title = _(ui_keys_section_title((ui_keys_section)s));
        if (f == UI_KEYDOC_MD) {
            out_puts(to, "| **");
            ui_keydoc_md_text(to, title);
            out_puts(to, "** | |\n");
        } else {
            out_puts(to, ".SS ");
            ui_keydoc_roff_text(to, title, false);
            out_puts(to, "\n");
        }
        for (int i = 0; i < nb; i++)
            if (t[i].section == (ui_keys_section)s)
                ui_keydoc_row(to, f, t[i].keys, NULL, _(t[i].help));
        for (int i = 0; i < nm; i++)
            if (m[i].section == (ui_keys_section)s)
                ui_keydoc_row(to, f, NULL, _(m[i].name), _(m[i].help));
    }
}
