# mk/fuzz.mk - libFuzzer targets for the scenario parser, the CSV loader, the SVG chart and the handout (`make fuzz FUZZ_SECONDS=N`), and their plain-build replayers for `make test`.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_TARGETS := scenario csv chart handout
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_SAN     := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CORE    := $(CORE_SRC:src/%.c=$(FUZZ_DIR)/%.o) $(CLI_SRC:src/%.c=$(FUZZ_DIR)/%.o)
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
# The replayers: each target's code with a plain main(), built like the rest of bpviz.
REPLAY_DIR   := $(BUILD)/fuzz-replay
REPLAY_BINS  := $(FUZZ_TARGETS:%=$(REPLAY_DIR)/replay_%)
# libFuzzer options per target.
FUZZ_OPTS_scenario := -max_len=16384 -dict=fuzz/scenario.dict
FUZZ_OPTS_csv      := -max_len=131072
FUZZ_OPTS_chart    := -max_len=16384
FUZZ_OPTS_handout  := -max_len=16384 -dict=fuzz/scenario.dict

.PHONY: fuzz fuzz-build fuzz-replay fuzz-regress $(FUZZ_TARGETS:%=fuzz-run-%)
fuzz-build: $(FUZZ_BINS)
fuzz-replay: $(REPLAY_BINS)

# Runs every target FUZZ_SECONDS seconds (in parallel under make -j2); crashes land in $(FUZZ_DIR)/crashes/.
# Only the input folders that exist: libFuzzer stops on a missing one, and git keeps no empty
# folder, so a target without regressions (csv) has no fuzz/regress/ folder in a clone.
fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

$(FUZZ_TARGETS:%=fuzz-run-%): fuzz-run-%: $(FUZZ_DIR)/fuzz_% $(FUZZ_DIR)/seeds-scenarios.stamp
	@mkdir -p $(FUZZ_DIR)/corpus/$* $(FUZZ_DIR)/crashes
	@echo "fuzz $*: $(FUZZ_SECONDS) s (log: $(FUZZ_DIR)/$*.log)"
	@status=0; $(FUZZ_DIR)/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/crashes/$*- $(FUZZ_OPTS_$*) \
	    $(FUZZ_DIR)/corpus/$* $(wildcard fuzz/seeds/$* fuzz/regress/$*) \
	    $(if $(filter scenario handout,$*),$(FUZZ_DIR)/seeds-scenarios) >$(FUZZ_DIR)/$*.log 2>&1 || status=$$?; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/$*.log | tail -n 1); \
	  last=$$(grep -aE '^#[0-9]+' $(FUZZ_DIR)/$*.log | tail -n 1 | sed 's/^#[0-9]* *[A-Z]* *//'); \
	  echo "fuzz $*: $${execs:-?} executions; $$last"; \
	  if [ $$status -ne 0 ]; then echo "fuzz $*: FAILED (exit $$status): see $(FUZZ_DIR)/$*.log and $(FUZZ_DIR)/crashes/"; \
	    grep -a -m 3 -E 'ERROR|SUMMARY|invariant' $(FUZZ_DIR)/$*.log; exit 1; fi

# The document scenarios as seeds (copied: libFuzzer reads every file of a directory).
$(FUZZ_DIR)/seeds-scenarios.stamp: $(wildcard scenarios/*.bp) | $(FUZZ_DIR)
	rm -rf $(FUZZ_DIR)/seeds-scenarios && mkdir -p $(FUZZ_DIR)/seeds-scenarios
	cp scenarios/*.bp $(FUZZ_DIR)/seeds-scenarios/
	touch $@

# Kept after a build (they are intermediate to make): the next `make fuzz` need not recompile them.
.SECONDARY: $(FUZZ_CORE)
# As for the plain build: generated, so a clean clone has none before something makes it.
$(FUZZ_DIR)/core/locate.o: $(BUILD)/config.h
$(FUZZ_DIR)/core/%.o $(FUZZ_DIR)/cli/%.o: | $(FUZZ_DIR)
$(FUZZ_DIR)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(CLI_INC) -std=c11 $(FPFLAGS) $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_target.h $(FUZZ_CORE) | $(FUZZ_DIR)
	$(FUZZ_CC) $(CPPFLAGS) $(CLI_INC) -Ifuzz -std=c11 $(FPFLAGS) $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_CORE) $(CORE_LIBS)

$(REPLAY_DIR)/replay_%: fuzz/fuzz_replay.c fuzz/fuzz_%.c fuzz/fuzz_target.h $(CLI_LIB) $(CORE_LIB) | $(REPLAY_DIR)
	$(CC) $(CPPFLAGS) $(CLI_INC) -Ifuzz $(CFLAGS) $(LDFLAGS) -o $@ fuzz/fuzz_replay.c fuzz/fuzz_$*.c $(CLI_LIB) $(CORE_LIB) $(CORE_LIBS)

# Replays the regression inputs and the seeds (what tests/cli/fuzz_regress.sh runs).
fuzz-regress: $(REPLAY_BINS)
	@for t in $(FUZZ_TARGETS); do \
	  set --; for f in fuzz/regress/$$t/* fuzz/seeds/$$t/*; do [ -f "$$f" ] && set -- "$$@" "$$f"; done; \
	  $(REPLAY_DIR)/replay_$$t "$$@" || exit 1; done

$(FUZZ_DIR) $(REPLAY_DIR):
	mkdir -p $@

-include $(wildcard $(FUZZ_DIR)/core/*.d $(FUZZ_DIR)/cli/*.d)

# Source coverage of what the fuzzers found: the replayers built with clang's
# coverage, run over the corpus, the seeds and the regressions.
LLVM_PROFDATA ?= llvm-profdata
LLVM_COV      ?= llvm-cov
COV_DIR       := $(FUZZ_DIR)/cov
# The sources each target is meant to reach.
FUZZ_COV_scenario := $(addprefix src/core/,scenario.c csv.c notation.c formula.c net.c stepper.c check.c train.c data.c utf8.c)
FUZZ_COV_csv      := $(addprefix src/core/,csv.c data.c rng.c)
FUZZ_COV_chart    := src/cli/svg.c src/core/axis.c
FUZZ_COV_handout  := src/cli/handout.c $(addprefix src/core/,formula.c notation.c check.c out.c utf8.c)
.PHONY: fuzz-cov
fuzz-cov: $(FUZZ_TARGETS:%=$(COV_DIR)/replay_%)
	@for t in $(FUZZ_TARGETS); do \
	  LLVM_PROFILE_FILE=$(COV_DIR)/$$t.profraw $(COV_DIR)/replay_$$t \
	    $$(find $(FUZZ_DIR)/corpus/$$t fuzz/seeds/$$t fuzz/regress/$$t -type f ! -name 'README*' 2>/dev/null) >/dev/null || exit 1; \
	  $(LLVM_PROFDATA) merge -o $(COV_DIR)/$$t.profdata $(COV_DIR)/$$t.profraw || exit 1; \
	  echo "coverage of the $$t corpus:"; \
	  $(LLVM_COV) report $(COV_DIR)/replay_$$t -instr-profile=$(COV_DIR)/$$t.profdata \
	    $$(case $$t in csv) echo $(FUZZ_COV_csv);; chart) echo $(FUZZ_COV_chart);; handout) echo $(FUZZ_COV_handout);; *) echo $(FUZZ_COV_scenario);; esac); done

$(COV_DIR)/replay_%: fuzz/fuzz_replay.c fuzz/fuzz_%.c fuzz/fuzz_target.h $(CORE_SRC) $(CLI_SRC) $(BUILD)/config.h
	@mkdir -p $(COV_DIR)
	$(FUZZ_CC) $(CPPFLAGS) $(CLI_INC) -Ifuzz -std=c11 $(FPFLAGS) -O1 -g -fprofile-instr-generate -fcoverage-mapping -o $@ \
	  fuzz/fuzz_replay.c fuzz/fuzz_$*.c $(CORE_SRC) $(CLI_SRC) $(CORE_LIBS)
