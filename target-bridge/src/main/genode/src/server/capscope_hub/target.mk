TARGET   = capscope_hub
SRC_CC   = main.cc mux.cc servers.cc
LIBS     = base capscope_agent
# the agent's glue and the agent core it wraps (the hub answers its own task with it)
INC_DIR += $(PRG_DIR) $(REP_DIR)/src/lib/capscope_agent $(REP_DIR)/src/lib/capscope_agent/libc_subset
INC_DIR += $(REP_DIR)/../c
INC_DIR += $(BASE_DIR)/../base-foc/src/include $(BASE_DIR)/src/include
