# mk/bench.mk - `make bench`: the engine against FANN 2.2 and a plain C loop, then the UI's frame times; `make bench-build` only compiles (CI).
BENCH_DIR  := $(BUILD)/bench
BENCH_CORE := bench/bench_util.c bench/bench_plain.c bench/bench_fann.c bench/bench_work.c
BENCH_OBJ  := $(BENCH_CORE:bench/%.c=$(BENCH_DIR)/%.o)
BENCH_BIN  := $(BENCH_DIR)/bench_engine
BENCH_UI   := $(BENCH_DIR)/bench_ui
BENCH_FRM  := $(BENCH_DIR)/bench_frame
# FANN in double precision: Debian's libfann-dev.
FANN_LIBS  := -ldoublefann

.PHONY: bench bench-build bench-engine bench-ui
bench-build: $(BENCH_BIN) $(BENCH_UI) $(BENCH_FRM)

# The engine first (its last line: "worst engine/FANN time ratio: R"), then the UI.
bench: bench-build bpviz
	@$(BENCH_FRM) scenarios/doc001-iris.bp
	@$(BENCH_UI) ./bpviz scenarios/doc001-iris.bp $(wildcard scenarios/*.bp)
	@$(BENCH_BIN)

bench-engine: $(BENCH_BIN)
	$(BENCH_BIN)

bench-ui: $(BENCH_UI) $(BENCH_FRM) bpviz
	$(BENCH_FRM) scenarios/doc001-iris.bp
	$(BENCH_UI) ./bpviz scenarios/doc001-iris.bp $(wildcard scenarios/*.bp)

$(BENCH_DIR)/%.o: bench/%.c | $(BENCH_DIR)
	$(CC) $(CPPFLAGS) $(CLI_INC) -Ibench $(CFLAGS) -DBENCH_CFLAGS='"$(CFLAGS)"' -MMD -MP -c -o $@ $<

$(BENCH_BIN): $(BENCH_DIR)/bench_main.o $(BENCH_OBJ) $(CLI_LIB) $(CORE_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(FANN_LIBS) $(CORE_LIBS)

$(BENCH_UI): $(BENCH_DIR)/bench_ui.o $(BENCH_DIR)/bench_util.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lutil

# The frame benchmark draws with ui.o's ui_draw_frame, so it needs ncurses' flags.
$(BENCH_DIR)/bench_frame.o: bench/bench_frame.c | $(BENCH_DIR)
	$(CC) $(CPPFLAGS) $(UI_INC) $(NCURSES_CFLAGS) -Ibench $(CFLAGS) -MMD -MP -c -o $@ $<

$(BENCH_FRM): $(BENCH_DIR)/bench_frame.o $(BENCH_DIR)/bench_util.o $(UI_OBJ) $(CLI_LIB) $(CORE_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(NCURSES_LIBS) $(CORE_LIBS)

$(BENCH_DIR):
	mkdir -p $@

-include $(wildcard $(BENCH_DIR)/*.d)
