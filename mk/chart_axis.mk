# mk/chart_axis.mk - tests/unit/test_chart_axis.c compares the terminal chart's value axis with the SVG's, so it links ui_chart.o and what that calls (and ncurses) besides the core library.
CHART_AXIS_UI := $(BUILD)/ui/ui_chart.o $(BUILD)/ui/ui_text.o $(BUILD)/ui/ui_color.o

$(BUILD)/tests/test_chart_axis: tests/unit/test_chart_axis.c tests/unit/testutil.h $(TESTUTIL_OBJ) $(CHART_AXIS_UI) $(CLI_LIB) $(CORE_LIB) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CLI_INC) -Iinclude/ui $(NCURSES_CFLAGS) -Itests/unit $(CFLAGS) -o $@ $< $(TESTUTIL_OBJ) $(CHART_AXIS_UI) $(CLI_LIB) $(CORE_LIB) $(CMOCKA_LIBS) $(NCURSES_LIBS) $(CORE_LIBS)
