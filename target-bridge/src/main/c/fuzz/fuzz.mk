# Fuzzing the agent and the bridge (issue 7). Included by ../Makefile.
#
#   make fuzz          build the libFuzzer targets with clang (-fsanitize=fuzzer,address,
#                      undefined) and run each for FUZZ_SECONDS (default 60); fails on a crash,
#                      whose input is left in $(OUT)/fuzz/artifacts/<target>/
#   make fuzz-corpus   regenerate the seed corpora fuzz/corpus/{agent-frame,armor}
#   make check         (and asan-check) replays every seed and every saved crash through the
#                      same targets built with gcc: test_agent_fuzz_replay, test_armor_fuzz_replay
#
# Targets and their corpora:
#   agent-frame      fuzz/fuzz_agent_frame.c  agent_serve_frame + every op handler, on capsim's
#                                             Genode model  fuzz/corpus/agent-frame
#   armor            fuzz/fuzz_armor.c        the armored serial line decoder   fuzz/corpus/armor
#   bridge-response  bridge/fuzz/fuzz_response.c  libcapbridge's response parsers
#                                             bridge/fuzz/corpus (kept by the bridge's owner)
# A crash found: fix it, then copy the crash file into the target's corpus directory under a
# name saying what it was (e.g. crash-capmap-overread); make check replays it from then on.

FUZZ_SECONDS ?= 60
CLANG ?= clang
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_DIR := $(abspath fuzz)
FUZZ_OUT := $(OUT)/fuzz

AGENT_FUZZ_SRC := fuzz/fuzz_agent_frame.c $(AGENT_PORTABLE_SRC) $(CAPSIM_SRC) $(L4SIM_SRC)
AGENT_FUZZER := $(FUZZ_OUT)/fuzz_agent_frame
ARMOR_FUZZER := $(FUZZ_OUT)/fuzz_armor

$(AGENT_FUZZER): $(AGENT_FUZZ_SRC) $(wildcard protocol/*.h agent/*.h capsim/*.h l4sim/*.h l4sim/include/*/*.h)
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -std=c11 $(FUZZ_FLAGS) -o $@ $(AGENT_FUZZ_SRC)

$(ARMOR_FUZZER): fuzz/fuzz_armor.c agent/armor.c agent/armor.h
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -std=c11 $(FUZZ_FLAGS) -o $@ fuzz/fuzz_armor.c agent/armor.c

# --- replay in make check / asan-check (gcc, no libFuzzer) ------------------------------
AGENT_REPLAY := $(OUT)/bin/test_agent_fuzz_replay
ARMOR_REPLAY := $(OUT)/bin/test_armor_fuzz_replay
ALL_TARGETS += $(AGENT_REPLAY) $(ARMOR_REPLAY)
TESTS += $(AGENT_REPLAY) $(ARMOR_REPLAY)

$(OUT)/obj/fuzz/replay-agent.o: bridge/fuzz/replay.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DCORPUS_DIR='"$(FUZZ_DIR)/corpus/agent-frame"' $(CFLAGS) -c $< -o $@
$(OUT)/obj/fuzz/replay-armor.o: bridge/fuzz/replay.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DCORPUS_DIR='"$(FUZZ_DIR)/corpus/armor"' $(CFLAGS) -c $< -o $@

$(AGENT_REPLAY): $(OUT)/obj/fuzz/replay-agent.o $(OUT)/obj/fuzz/fuzz_agent_frame.o \
                 $(AGENT_PORTABLE_SRC:%.c=$(OUT)/obj/%.o) $(CAPSIM_OBJ) $(OUT)/lib/libl4sim.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^
$(ARMOR_REPLAY): $(OUT)/obj/fuzz/replay-armor.o $(OUT)/obj/fuzz/fuzz_armor.o $(OUT)/obj/agent/armor.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

$(OUT)/bin/gen_corpus: $(OUT)/obj/fuzz/gen_corpus.o $(OUT)/obj/agent/wire.o $(OUT)/obj/agent/armor.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

.PHONY: fuzz fuzz-build fuzz-corpus
fuzz-corpus: $(OUT)/bin/gen_corpus
	$(OUT)/bin/gen_corpus $(FUZZ_DIR)/corpus

fuzz-build: $(AGENT_FUZZER) $(ARMOR_FUZZER) $(BRIDGE_FUZZER)

# Each run: new inputs go to a scratch dir (the committed seeds are only read); a crash
# stops that fuzzer and fails the target after all of them ran. Prints one summary line
# per target: "fuzz <target>: <execs> execs in <s> s, <n> crashes".
fuzz: fuzz-build
	@rc=0; \
	for t in agent-frame:$(AGENT_FUZZER):$(FUZZ_DIR)/corpus/agent-frame:-max_len=9000 \
	         armor:$(ARMOR_FUZZER):$(FUZZ_DIR)/corpus/armor: \
	         bridge-response:$(BRIDGE_FUZZER):$(BRIDGE_CORPUS):; do \
	  name=$${t%%:*}; rest=$${t#*:}; bin=$${rest%%:*}; rest=$${rest#*:}; \
	  seeds=$${rest%%:*}; extra=$${rest#*:}; \
	  work=$(FUZZ_OUT)/work/$$name; art=$(FUZZ_OUT)/artifacts/$$name; \
	  rm -rf $$art; mkdir -p $$work $$art; \
	  $$bin -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$$art/ $$extra $$work $$seeds > $(FUZZ_OUT)/$$name.log 2>&1; frc=$$?; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_OUT)/$$name.log); \
	  secs=$$(sed -n 's/^stat::average_exec_per_sec: *//p' $(FUZZ_OUT)/$$name.log); \
	  crashes=$$(ls $$art | wc -l); \
	  echo "fuzz $$name: $${execs:-?} execs ($${secs:-?}/s) in $(FUZZ_SECONDS) s, $$crashes crashes, exit $$frc"; \
	  if [ $$frc -ne 0 ] || [ $$crashes -ne 0 ]; then \
	    rc=1; tail -n 40 $(FUZZ_OUT)/$$name.log; ls -l $$art; \
	  fi; \
	done; \
	exit $$rc
