# The fidelity probes (fidelity/probe_*.c) built against l4sim, one binary per
# probe, and their replay against the golden files recorded on Fiasco.OC
# (tests/test_fidelity.sh, docs/fidelity.md). Included by the Makefile.
FID_PROBES := $(patsubst fidelity/probe_%.c,%,$(wildcard fidelity/probe_*.c))
FID_BINS := $(FID_PROBES:%=$(OUT)/bin/fid-%)
FID_COMMON_OBJ := $(OUT)/obj/fidelity/fid.o $(OUT)/obj/fidelity/host_l4sim.o

$(OUT)/bin/fid-%: $(OUT)/obj/fidelity/probe_%.o $(FID_COMMON_OBJ) $(OUT)/lib/libl4sim.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

$(OUT)/bin/test_fidelity: tests/test_fidelity.sh $(FID_BINS)
	@mkdir -p $(dir $@)
	cp $< $@ && chmod +x $@

TESTS += $(OUT)/bin/test_fidelity
ALL_TARGETS += $(FID_BINS)

# l4sim's prototypes against the real l4sys headers' (tests/l4sys-prototypes.txt).
$(OUT)/bin/test_l4sys_prototypes: tests/test_l4sys_prototypes.sh tests/aux_prototypes.awk tests/l4sys-prototypes.txt
	@mkdir -p $(dir $@)
	cp $< $@ && chmod +x $@

TESTS += $(OUT)/bin/test_l4sys_prototypes
