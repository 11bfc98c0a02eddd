/* test_ui_keys.c - the viewer's key table (ui_keys.c) without a terminal: no key bound twice, every
 * action bound once with a help line, the hint line's words and keys distinct in each context it is
 * drawn in, keys named as the help screen writes them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "ui_keys.h"
#include "ui_text.h"

/* The hint line's contexts (ui_keys_draw_hints draws one of them). */
static const unsigned contexts[] = {UI_HINT_STEP, UI_HINT_TRAINING, UI_HINT_PAUSED};

/* The number of keys of binding b (they end at the first 0); fails when a key follows a 0, which
 * the lookup would never see. */
static int keys_of(const ui_binding *b)
{
    int n = 0;
    while (n < UI_KEYS_PER_ACTION && b->keys[n])
        n++;
    for (int k = n; k < UI_KEYS_PER_ACTION; k++)
        if (b->keys[k])
            fail_msg("binding of action %d: key %d after the end of its keys", b->act, b->keys[k]);
    return n;
}

/* No key is bound twice, anywhere in the table: ui_keys_action would find only the first. */
static void test_keys_unique(void **state)
{
    (void)state;
    int n;
    const ui_binding *t = ui_keys_table(&n);
    assert_true(n > 0);
    int keys = 0;
    for (int i = 0; i < n; i++) {
        const int ki = keys_of(&t[i]);
        if (ki == 0)
            fail_msg("action %d has no key", t[i].act);
        keys += ki;
        for (int a = 0; a < ki; a++) {
            for (int b = a + 1; b < ki; b++)
                if (t[i].keys[a] == t[i].keys[b])
                    fail_msg("action %d lists key %d twice", t[i].act, t[i].keys[a]);
            for (int j = i + 1; j < n; j++)
                for (int b = 0; b < keys_of(&t[j]); b++)
                    if (t[i].keys[a] == t[j].keys[b])
                        fail_msg("key %d is bound to actions %d and %d", t[i].keys[a], t[i].act, t[j].act);
        }
    }
    assert_true(keys >= UI_ACT_COUNT - 1);
}

/* Every action but UI_ACT_NONE has exactly one binding, with a help line in a section that has a title. */
static void test_actions_helped(void **state)
{
    (void)state;
    int n;
    const ui_binding *t = ui_keys_table(&n);
    int count[UI_ACT_COUNT] = {0}, per_section[UI_SEC_COUNT] = {0};
    for (int i = 0; i < n; i++) {
        if (t[i].act <= UI_ACT_NONE || t[i].act >= UI_ACT_COUNT)
            fail_msg("binding %d: action %d is not one of ui_action", i, t[i].act);
        count[t[i].act]++;
        if (!t[i].help || !*t[i].help)
            fail_msg("action %d has no help line", t[i].act);
        if (t[i].section >= UI_SEC_COUNT)
            fail_msg("action %d: section %d is not one of ui_keys_section", t[i].act, t[i].section);
        per_section[t[i].section]++;
    }
    for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++)
        if (count[a] != 1)
            fail_msg("action %d has %d bindings, expected 1", a, count[a]);
    for (int s = 0; s < UI_SEC_COUNT; s++) {
        if (!*ui_keys_section_title((ui_keys_section)s))
            fail_msg("help section %d has no title", s);
        if (per_section[s] == 0)
            fail_msg("help section %d (%s) is empty", s, ui_keys_section_title((ui_keys_section)s));
    }
    assert_string_equal(ui_keys_section_title(UI_SEC_COUNT), "");
}

/* ui_keys_action finds each key's own binding; keys not in the table do nothing. */
static void test_action_lookup(void **state)
{
    (void)state;
    int n;
    const ui_binding *t = ui_keys_table(&n);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < keys_of(&t[i]); k++)
            if (ui_keys_action(t[i].keys[k]) != t[i].act)
                fail_msg("key %d: action %d, expected %d", t[i].keys[k], ui_keys_action(t[i].keys[k]), t[i].act);
    /* The go-to prompt's digits, a letter and a function key nobody bound. */
    const int unbound[] = {'0', '5', '9', 'x', 'Q', KEY_F(2), KEY_IC, 0};
    for (size_t i = 0; i < sizeof unbound / sizeof unbound[0]; i++)
        assert_int_equal(ui_keys_action(unbound[i]), UI_ACT_NONE);
    /* The ones the viewer's loop and the help ask for by key. */
    assert_int_equal(ui_keys_action('q'), UI_ACT_QUIT);
    assert_int_equal(ui_keys_action(3), UI_ACT_QUIT); /* Ctrl-C */
    assert_int_equal(ui_keys_action(26), UI_ACT_SUSPEND); /* Ctrl-Z */
    assert_int_equal(ui_keys_action(' '), UI_ACT_NEXT);
    assert_int_equal(ui_keys_action('\t'), UI_ACT_VIEW);
}

/* The name the hint line writes for binding b: hint_keys, or its first key's name. */
static void hint_keys(const ui_binding *b, char *out, size_t outsz)
{
    if (b->hint_keys)
        snprintf(out, outsz, "%s", b->hint_keys);
    else
        ui_keys_name(b->keys[0], out, outsz);
}

/* A hint has contexts and contexts a hint; in each context the hint line shows distinct words and
 * distinct keys, and every key a hint_keys string names is bound (its first one to the hint's own action). */
static void test_hints(void **state)
{
    (void)state;
    int n;
    const ui_binding *t = ui_keys_table(&n);
    for (int uni = 0; uni < 2; uni++) {
        ui_text_init(uni);
        for (int i = 0; i < n; i++) {
            if (!t[i].hint != !t[i].when || (t[i].when & ~UI_HINT_ALL))
                fail_msg("action %d: hint '%s' with contexts %#x", t[i].act, t[i].hint ? t[i].hint : "(none)",
                         t[i].when);
            if (t[i].hint && !*t[i].hint)
                fail_msg("action %d: an empty hint", t[i].act);
            if (!t[i].hint_keys)
                continue;
            char copy[64];
            snprintf(copy, sizeof copy, "%s", t[i].hint_keys);
            int word = 0;
            for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " "), word++) {
                ui_action found = UI_ACT_NONE;
                for (int j = 0; j < n && found == UI_ACT_NONE; j++)
                    for (int k = 0; k < keys_of(&t[j]); k++) {
                        char name[32];
                        ui_keys_name(t[j].keys[k], name, sizeof name);
                        if (!strcmp(name, tok))
                            found = t[j].act;
                    }
                if (found == UI_ACT_NONE || (word == 0 && found != t[i].act))
                    fail_msg("action %d: hint keys '%s' name '%s', bound to action %d", t[i].act, t[i].hint_keys,
                             tok, found);
            }
        }
        for (size_t c = 0; c < sizeof contexts / sizeof contexts[0]; c++) {
            int shown = 0;
            for (int i = 0; i < n; i++) {
                if (!t[i].hint || !(t[i].when & contexts[c]))
                    continue;
                shown++;
                char ki[64];
                hint_keys(&t[i], ki, sizeof ki);
                for (int j = i + 1; j < n; j++) {
                    if (!t[j].hint || !(t[j].when & contexts[c]))
                        continue;
                    char kj[64];
                    hint_keys(&t[j], kj, sizeof kj);
                    if (!strcmp(t[i].hint, t[j].hint) || !strcmp(ki, kj))
                        fail_msg("context %#x: hints '%s %s' and '%s %s'", contexts[c], ki, t[i].hint, kj, t[j].hint);
                }
            }
            assert_true(shown >= 3); /* something to read in each context: quit, help, reset at least */
        }
    }
    ui_text_init(true);
}

/* The binding of action act. */
static const ui_binding *binding(ui_action act)
{
    int n;
    const ui_binding *t = ui_keys_table(&n);
    for (int i = 0; i < n; i++)
        if (t[i].act == act)
            return &t[i];
    fail_msg("action %d is not in the table", act);
    return NULL;
}

/* The help screen's key column, in both forms, from the table as it is (ui_keys.c). */
static void names_are(ui_action act, const char *unicode, const char *ascii)
{
    char out[128];
    ui_text_init(true);
    ui_keys_names(binding(act), out, sizeof out);
    if (strcmp(out, unicode))
        fail_msg("action %d: keys '%s', expected '%s'", act, out, unicode);
    ui_text_init(false);
    ui_keys_names(binding(act), out, sizeof out);
    if (strcmp(out, ascii))
        fail_msg("action %d: keys (ASCII) '%s', expected '%s'", act, out, ascii);
    ui_text_init(true);
}

/* Names as the help writes them, and no two keys of the table that read alike (Enter and its
 * twins, KEY_ENTER and '\r', are left out of the help rather than listed as a second "Enter"). */
static void test_key_names(void **state)
{
    (void)state;
    names_are(UI_ACT_NEXT, "→ l Space n", "Right l Space n");
    names_are(UI_ACT_PREV, "← h p Backspace", "Left h p Backspace");
    names_are(UI_ACT_FINISH, "Enter", "Enter");
    names_are(UI_ACT_UP, "↑ k", "Up k");
    names_are(UI_ACT_VIEW_BACK, "Shift-Tab", "Shift-Tab");
    names_are(UI_ACT_PAGE_DOWN, "PgDn", "PgDn");
    names_are(UI_ACT_CANCEL, "Esc", "Esc");
    names_are(UI_ACT_HELP, "? F1", "? F1");
    names_are(UI_ACT_REDRAW, "Ctrl-L", "Ctrl-L");
    names_are(UI_ACT_QUIT, "q Ctrl-C", "q Ctrl-C");
    char out[8];
    ui_keys_name(1000, out, sizeof out);
    assert_string_equal(out, "#1000");
    /* A buffer too short for the names: whole names only, still terminated. */
    ui_keys_names(binding(UI_ACT_NEXT), out, 6);
    assert_string_equal(out, "→ l");

    int n;
    const ui_binding *t = ui_keys_table(&n);

    for (int uni = 0; uni < 2; uni++) {
        ui_text_init(uni);
        for (int i = 0; i < n; i++)
            for (int a = 0; a < keys_of(&t[i]); a++) {
                char na[32];
                ui_keys_name(t[i].keys[a], na, sizeof na);
                if (!*na && t[i].act != UI_ACT_FINISH)
                    fail_msg("key %d of action %d has no name", t[i].keys[a], t[i].act);
                for (int j = i; j < n; j++)
                    for (int b = j == i ? a + 1 : 0; b < keys_of(&t[j]); b++) {
                        char nb[32];
                        ui_keys_name(t[j].keys[b], nb, sizeof nb);
                        if (*na && !strcmp(na, nb))
                            fail_msg("keys %d and %d are both named '%s'", t[i].keys[a], t[j].keys[b], na);
                    }
            }
    }
    ui_text_init(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_unique),
        cmocka_unit_test(test_actions_helped),
        cmocka_unit_test(test_action_lookup),
        cmocka_unit_test(test_hints),
        cmocka_unit_test(test_key_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
