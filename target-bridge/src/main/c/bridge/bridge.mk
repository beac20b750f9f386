# libcapbridge: the host side of the agent protocol, loaded by the JVM through JNA.
# Included by ../Makefile; adds the library to ALL_TARGETS and its native tests to TESTS
# (so `make check` and `make asan-check` run them too).
#
#   $(LIBDIR)/libcapbridge.so     the library (Maven puts LIBDIR at target/classes/linux-x86-64,
#                                 where JNA finds it on the classpath and in the jar)
#   $(OUT)/bin/test_bridge_parse  response parsers against hostile payloads
#   $(OUT)/bin/test_bridge_client the client against a scripted fake agent (timeouts, garbage)
#   $(OUT)/bin/test_console_model the client against capsim behind a kernel-console model

# agent/armor.c is the armored-line codec both ends run (one source, compiled for each).
BRIDGE_SRC := bridge/capbridge.c bridge/cb_exchange.c bridge/cb_read_calls.c bridge/cb_mutate_calls.c \
              bridge/cb_walk_announce.c bridge/cb_parse.c bridge/cb_parse_frame.c bridge/cb_error.c bridge/cb_transport.c \
              bridge/cb_framing.c bridge/cb_armor.c bridge/cb_auth.c bridge/cb_pipeline.c agent/armor.c
# Position-independent objects of their own, so the .so never picks up non-PIC objects.
BRIDGE_OBJ := $(BRIDGE_SRC:%.c=$(OUT)/obj/bridge-pic/%.o)
BRIDGE_LIB := $(LIBDIR)/libcapbridge.so
BRIDGE_TESTS := $(OUT)/bin/test_bridge_parse $(OUT)/bin/test_bridge_client $(OUT)/bin/test_console_model

ALL_TARGETS += $(BRIDGE_LIB) $(BRIDGE_TESTS)
TESTS += $(BRIDGE_TESTS)

$(BRIDGE_OBJ): $(OUT)/obj/bridge-pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c $< -o $@

# -z defs: an unresolved symbol fails the build here, not the JVM at load time.
$(BRIDGE_LIB): $(BRIDGE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -shared -pthread -Wl,-z,defs -Wl,-soname,libcapbridge.so -o $@ $^

$(OUT)/bin/test_bridge_parse: $(OUT)/obj/bridge/tests/test_bridge_parse.o $(BRIDGE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -pthread -o $@ $^

$(OUT)/bin/test_bridge_client: $(OUT)/obj/bridge/tests/test_bridge_client.o $(BRIDGE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -pthread -o $@ $^

# libcapbridge against capsim behind a model of the kernel console (echo, kernel lines, a
# small input buffer).
$(OUT)/bin/test_console_model: $(OUT)/obj/bridge/tests/test_console_model.o $(OUT)/obj/tests/spawn.o \
                               $(HARNESS_OBJ) $(BRIDGE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -pthread -o $@ $^

.PHONY: bridge
bridge: $(BRIDGE_LIB)

# Fuzzing the response parsers (issue 7). The seed corpus (and every crash found, saved there
# as a regression input) is replayed in `make check` / `asan-check` by a plain gcc build;
# `make bridge-fuzz-run` runs libFuzzer for FUZZ_SECONDS (needs clang: apt-get install clang).
BRIDGE_CORPUS := $(abspath bridge/fuzz/corpus)
BRIDGE_REPLAY := $(OUT)/bin/test_bridge_fuzz_replay
ALL_TARGETS += $(BRIDGE_REPLAY)
TESTS += $(BRIDGE_REPLAY)

$(OUT)/obj/bridge/fuzz/replay.o: CPPFLAGS += -DCORPUS_DIR='"$(BRIDGE_CORPUS)"'

$(BRIDGE_REPLAY): $(OUT)/obj/bridge/fuzz/replay.o $(OUT)/obj/bridge/fuzz/fuzz_response.o $(BRIDGE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -pthread -o $@ $^

CLANG ?= clang
FUZZ_SECONDS ?= 60
BRIDGE_FUZZER := $(OUT)/fuzz/fuzz_bridge_response

$(BRIDGE_FUZZER): bridge/fuzz/fuzz_response.c $(BRIDGE_SRC)
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $^ -pthread

.PHONY: bridge-fuzz bridge-fuzz-run
bridge-fuzz: $(BRIDGE_FUZZER)

# New inputs go to a scratch copy; copy crashes (crash-*) into bridge/fuzz/corpus to keep them.
bridge-fuzz-run: $(BRIDGE_FUZZER)
	@mkdir -p $(OUT)/fuzz/work
	cp -n $(BRIDGE_CORPUS)/* $(OUT)/fuzz/work/ 2>/dev/null || true
	cd $(OUT)/fuzz && ./fuzz_bridge_response -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 work
