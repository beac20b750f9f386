TARGET   = capscope_hub
SRC_CC   = main.cc mux.cc
LIBS     = base capscope_agent
INC_DIR += $(PRG_DIR) $(REP_DIR)/src/lib/capscope_agent
