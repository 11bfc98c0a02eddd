# mk/asan.mk - `make asan`: the whole `make test` (unit, command-line, tmux end-to-end) and the fuzz regressions on an AddressSanitizer + UBSan build of a copy of the tree, so ./bpviz and build/ stay as they are.
# -O2 as the normal build: GCC warns differently at -O1 (tests/unit/test_csv.c format-truncation), and -Werror stays.
ASAN_DIR     := $(BUILD)/asan
ASAN_CC      ?= $(CC)
ASAN_CFLAGS  := -O2 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
ASAN_LDFLAGS := -fsanitize=address,undefined
# Leaks are errors; UB stops the program with a stack.
ASAN_ENV     := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86:strict_string_checks=1:detect_stack_use_after_return=1 \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Tests that do not apply to this build (tests/run.sh reports them SKIP, never a failure): valgrind
# cannot run an ASan binary; setup.sh and fuzz_setup.sh build a copy of the tracked files their own
# way, tree_paths.sh reads the tracked files, and the copy here is not a git checkout;
# output_memory.sh caps the address space (ulimit -v), where ASan reserves terabytes of shadow.
ASAN_EXCLUDE := tests/cli/valgrind.sh tests/cli/setup.sh tests/cli/fuzz_setup.sh tests/cli/tree_paths.sh \
                tests/cli/output_memory.sh

.PHONY: asan asan-tree
# The copy: tracked and untracked files, not what .gitignore names (build/, bpviz).
asan-tree:
	rm -rf $(ASAN_DIR)/tree && mkdir -p $(ASAN_DIR)/tree
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git ls-files -co --exclude-standard | while IFS= read -r f; do \
	    [ -f "$$f" ] && printf '%s\n' "$$f"; done | tar -cf - -T - | tar -xf - -C $(ASAN_DIR)/tree; \
	else \
	  tar -cf - --exclude=./$(BUILD) --exclude=./bpviz . | tar -xf - -C $(ASAN_DIR)/tree; \
	fi

asan: asan-tree
	@echo "make asan: building and testing in $(ASAN_DIR)/tree with $(ASAN_CFLAGS)"
	$(ASAN_ENV) BPVIZ_TEST_EXCLUDE='$(ASAN_EXCLUDE)' CC='$(ASAN_CC)' CFLAGS='$(ASAN_CFLAGS)' LDFLAGS='$(ASAN_LDFLAGS)' \
	  $(MAKE) -k -C $(ASAN_DIR)/tree test fuzz-regress
	@echo "make asan: clean (the sanitizers found nothing)"
