# libcapbridge: the host side of the agent protocol, loaded by the JVM through JNA.
# Included by ../Makefile; adds the library to ALL_TARGETS and its native tests to TESTS
# (so `make check` and `make asan-check` run them too).
#
#   $(LIBDIR)/libcapbridge.so     the library (Maven puts LIBDIR at target/classes/linux-x86-64,
#                                 where JNA finds it on the classpath and in the jar)
#   $(OUT)/bin/test_bridge_parse  response parsers against hostile payloads
#   $(OUT)/bin/test_bridge_client the client against a scripted fake agent (timeouts, garbage)

BRIDGE_SRC := bridge/capbridge.c bridge/cb_parse.c bridge/cb_error.c bridge/cb_transport.c \
              bridge/cb_framing.c
# Position-independent objects of their own, so the .so never picks up non-PIC objects.
BRIDGE_OBJ := $(BRIDGE_SRC:bridge/%.c=$(OUT)/obj/bridge-pic/%.o)
BRIDGE_LIB := $(LIBDIR)/libcapbridge.so
BRIDGE_TESTS := $(OUT)/bin/test_bridge_parse $(OUT)/bin/test_bridge_client

ALL_TARGETS += $(BRIDGE_LIB) $(BRIDGE_TESTS)
TESTS += $(BRIDGE_TESTS)

$(BRIDGE_OBJ): $(OUT)/obj/bridge-pic/%.o: bridge/%.c
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

.PHONY: bridge
bridge: $(BRIDGE_LIB)
