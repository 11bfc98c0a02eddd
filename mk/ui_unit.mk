# mk/ui_unit.mk - unit tests of the viewer's pure logic (tests/unit/test_ui_*.c: key table, text wrapping): they see the core and ui headers and link the ui objects that logic lives in, with ncurses but no terminal (no initscr).
UI_UNIT_OBJ := $(BUILD)/ui/ui_keys.o $(BUILD)/ui/ui_text.o $(BUILD)/ui/ui_color.o

$(BUILD)/tests/test_ui_%: tests/unit/test_ui_%.c tests/unit/testutil.h $(TESTUTIL_OBJ) $(UI_UNIT_OBJ) $(CORE_LIB) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(UI_INC) $(NCURSES_CFLAGS) -Itests/unit $(CFLAGS) -o $@ $< $(TESTUTIL_OBJ) $(UI_UNIT_OBJ) $(CORE_LIB) $(CMOCKA_LIBS) $(NCURSES_LIBS) $(CORE_LIBS)
