#
# Capscope's agent for Genode 25.02 components on Fiasco.OC (base-foc)
#
# The agent core is the C code capsim and the L4Re agent run too
# (target-bridge/src/main/c/agent of the Capscope checkout this repository
# sits in); the Genode glue beside it gives the core its runtime and the few
# libc functions it calls (no libc is linked). A component links this library
# and `base` (dynamically linked) or `base-foc` (statically linked, ld="no").
#
REQUIRES = foc

CAPSCOPE_C     := $(REP_DIR)/../c
AGENT_CORE_SRC := armor.c auth.c frame.c lease.c ops_mutate.c ops_read.c wire.c

SRC_C  = $(AGENT_CORE_SRC)
SRC_CC = agent.cc libc_subset.cc port.cc session_log.cc space.cc space_kinds.cc space_steady.cc

vpath %.c  $(CAPSCOPE_C)/agent
vpath %.cc $(REP_DIR)/src/lib/capscope_agent

# the libc subset first: the core's <string.h>, <stdio.h>, <stdlib.h>, <poll.h>
INC_DIR += $(REP_DIR)/src/lib/capscope_agent/libc_subset
INC_DIR += $(CAPSCOPE_C) $(REP_DIR)/src/lib/capscope_agent
# base-foc's internal headers: Cap_index, the UTCB's Genode words
INC_DIR += $(BASE_DIR)/../base-foc/src/include $(BASE_DIR)/src/include

CC_C_OPT += -std=c11 -include $(REP_DIR)/src/lib/capscope_agent/l4sys_compat.h

LIBS += syscall-foc
