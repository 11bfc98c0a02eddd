# Makefile - builds ./bpviz, its tests and benchmarks. `make`, `make test`, `make clean`.

CC       ?= cc
PREFIX   ?= /usr/local
VERSION  := 0.1.0
BUILD    := build

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Werror
CPPFLAGS += -Iinclude -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DBPVIZ_VERSION=\"$(VERSION)\" \
            -DBPVIZ_LOCALEDIR=\"$(PREFIX)/share/locale\" -DBPVIZ_DATADIR=\"$(PREFIX)/share/bpviz\"
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 $(WARN)

NCURSES_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags ncursesw 2>/dev/null))
NCURSES_LIBS   := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
INIH_LIBS      := $(shell pkg-config --libs inih 2>/dev/null || echo -linih)
CMOCKA_LIBS    := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

# The engine, parser and loaders: no ncurses, unit-tested on their own.
CORE_SRC := $(filter-out src/main.c src/ui%.c,$(wildcard src/*.c))
UI_SRC   := $(wildcard src/ui*.c)
CORE_OBJ := $(CORE_SRC:src/%.c=$(BUILD)/%.o)
UI_OBJ   := $(UI_SRC:src/%.c=$(BUILD)/%.o)
CORE_LIB := $(BUILD)/libbpcore.a

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Independent reference programs the command-line tests compare bpviz with.
REF_SRC  := $(wildcard tests/ref/*.c)
REF_BIN  := $(REF_SRC:tests/ref/%.c=$(BUILD)/ref/%)

.PHONY: all test unit e2e cli clean
all: bpviz

bpviz: $(BUILD)/main.o $(BUILD)/scenario_default.o $(UI_OBJ) $(CORE_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(NCURSES_LIBS) $(INIH_LIBS) -lm

# The built-in scenario: scenarios/doc000.bp as bytes in the binary.
$(BUILD)/scenario_default.c: scenarios/doc000.bp | $(BUILD)
	{ echo '/* generated from $< by the Makefile */'; \
	  echo '#include "scenario_default.h"'; \
	  echo 'static const unsigned char scenario_default_bytes[] = {'; \
	  od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0};'; \
	  echo 'const char *const scenario_default_text = (const char *)scenario_default_bytes;'; \
	  echo 'const long scenario_default_len = (long)sizeof scenario_default_bytes - 1;'; } > $@

$(BUILD)/scenario_default.o: $(BUILD)/scenario_default.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(CORE_LIB): $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/ui%.o: src/ui%.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(NCURSES_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/main.o: src/main.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(NCURSES_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(CORE_LIB) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) -o $@ $< $(CORE_LIB) $(CMOCKA_LIBS) $(INIH_LIBS) -lm

$(BUILD)/ref/%: tests/ref/%.c | $(BUILD)/ref
	$(CC) $(CFLAGS) -o $@ $< -lm

$(BUILD) $(BUILD)/tests $(BUILD)/ref:
	mkdir -p $@

# make test: unit tests (cmocka), command-line tests, end-to-end tmux tests.
test: bpviz $(UNIT_BIN) $(REF_BIN)
	@sh tests/run.sh $(UNIT_BIN)

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do $$t; done

clean:
	rm -rf $(BUILD) bpviz

-include $(wildcard $(BUILD)/*.d)

# Further targets (bench, fuzz, asan, install …) live in their own fragments.
-include $(wildcard mk/*.mk)
