/* ui_color.c - the colour role table and its monochrome column, chosen once at start. */
#include "ui_color.h"

#include <stdlib.h>

/* One role: colours for 8-colour and 256-colour terminals, attributes with
 * colour, and the monochrome attributes. -1 is the terminal's default colour.
 * Blue and orange (not red and green) carry sign, for colour-blind viewers;
 * every meaning is also carried by a glyph, bold, underline or reverse. */
typedef struct ui_color_row {
    short fg8, bg8;
    short fg256, bg256;
    attr_t attr;
    attr_t mono;
} ui_color_row;

static const ui_color_row ui_color_table[UI_ROLE_COUNT] = {
    /*                  fg8            bg8          fg256 bg256  colour attrs             mono attrs */
    [UI_ROLE_NORMAL]   = {-1,           -1,           -1,  -1, A_NORMAL,                A_NORMAL},
    [UI_ROLE_DIM]      = {-1,           -1,           244, -1, A_DIM,                   A_DIM},
    [UI_ROLE_FRAME]    = {COLOR_CYAN,   -1,           67,  -1, A_NORMAL,                A_NORMAL},
    [UI_ROLE_CAPTION]  = {-1,           -1,           -1,  -1, A_BOLD,                  A_BOLD},
    [UI_ROLE_STATUS]   = {COLOR_WHITE,  COLOR_BLUE,   255, 24, A_NORMAL,                A_REVERSE},
    [UI_ROLE_TITLE]    = {COLOR_WHITE,  COLOR_BLUE,   255, 24, A_BOLD,                  A_REVERSE | A_BOLD},
    [UI_ROLE_FORWARD]  = {COLOR_BLACK,  COLOR_CYAN,   16,  81, A_BOLD,                  A_BOLD},
    [UI_ROLE_BACKWARD] = {COLOR_BLACK,  COLOR_MAGENTA,16, 213, A_BOLD,                  A_BOLD},
    [UI_ROLE_UPDATE]   = {COLOR_BLACK,  COLOR_YELLOW, 16, 221, A_BOLD,                  A_BOLD},
    [UI_ROLE_WRITE_F]  = {COLOR_BLACK,  COLOR_CYAN,   16,  81, A_BOLD,                  A_REVERSE | A_BOLD},
    [UI_ROLE_WRITE_B]  = {COLOR_BLACK,  COLOR_MAGENTA,16, 213, A_BOLD,                  A_REVERSE | A_BOLD},
    [UI_ROLE_WRITE_U]  = {COLOR_BLACK,  COLOR_YELLOW, 16, 221, A_BOLD,                  A_REVERSE | A_BOLD},
    [UI_ROLE_READ_F]   = {COLOR_CYAN,   -1,           81,  -1, A_BOLD | A_UNDERLINE,    A_UNDERLINE},
    [UI_ROLE_READ_B]   = {COLOR_MAGENTA,-1,           213, -1, A_BOLD | A_UNDERLINE,    A_UNDERLINE},
    [UI_ROLE_READ_U]   = {COLOR_YELLOW, -1,           221, -1, A_BOLD | A_UNDERLINE,    A_UNDERLINE},
    [UI_ROLE_CHANGED]  = {-1,           -1,           -1,  -1, A_BOLD,                  A_BOLD},
    [UI_ROLE_POS]      = {COLOR_YELLOW, -1,           215, -1, A_NORMAL,                A_NORMAL},
    [UI_ROLE_NEG]      = {COLOR_BLUE,   -1,           75,  -1, A_BOLD,                  A_NORMAL},
    [UI_ROLE_OK]       = {COLOR_BLUE,   -1,           75,  -1, A_BOLD,                  A_BOLD},
    [UI_ROLE_BAD]      = {COLOR_YELLOW, -1,           208, -1, A_BOLD | A_REVERSE,      A_BOLD | A_REVERSE},
    [UI_ROLE_SELECTED] = {COLOR_WHITE,  COLOR_BLUE,   255, 25, A_BOLD,                  A_STANDOUT | A_UNDERLINE},
    [UI_ROLE_KEY]      = {COLOR_BLACK,  COLOR_CYAN,   16, 117, A_NORMAL,                A_REVERSE},
    [UI_ROLE_ERROR]    = {COLOR_WHITE,  COLOR_RED,    255, 124, A_BOLD,                 A_REVERSE | A_BOLD},
    [UI_ROLE_CURVE_LOSS]  = {COLOR_CYAN, -1,          81,  -1, A_BOLD,                  A_BOLD},
    [UI_ROLE_CURVE_TRAIN] = {COLOR_YELLOW, -1,        215, -1, A_NORMAL,                A_NORMAL},
    [UI_ROLE_CURVE_VAL]   = {COLOR_MAGENTA, -1,       213, -1, A_BOLD,                  A_NORMAL},
};

static bool ui_color_is_mono = true;
static attr_t ui_color_attrs[UI_ROLE_COUNT];

void ui_color_init(bool mono)
{
    const char *nc = getenv("NO_COLOR");
    ui_color_is_mono = mono || (nc && *nc) || !has_colors() || start_color() == ERR;
    if (!ui_color_is_mono && COLORS < 8)
        ui_color_is_mono = true;
    if (ui_color_is_mono) {
        for (int r = 0; r < UI_ROLE_COUNT; r++)
            ui_color_attrs[r] = ui_color_table[r].mono;
        return;
    }
    /* Keep the terminal's own background: calmer on a projector. */
    bool dflt = use_default_colors() == OK;
    bool c256 = COLORS >= 256 && COLOR_PAIRS > UI_ROLE_COUNT;
    for (int r = 0; r < UI_ROLE_COUNT; r++) {
        const ui_color_row *row = &ui_color_table[r];
        short fg = c256 ? row->fg256 : row->fg8, bg = c256 ? row->bg256 : row->bg8;
        if (!dflt) {
            fg = fg < 0 ? COLOR_WHITE : fg;
            bg = bg < 0 ? COLOR_BLACK : bg;
        }
        if (fg < 0 && bg < 0) {
            ui_color_attrs[r] = row->attr;
            continue;
        }
        init_pair((short)(r + 1), fg, bg);
        ui_color_attrs[r] = row->attr | COLOR_PAIR(r + 1);
    }
}


attr_t ui_color_attr(ui_role r) { return r < UI_ROLE_COUNT ? ui_color_attrs[r] : A_NORMAL; }
