# statically linked (ld="no"): the agent works without ld.lib.so, and Genode's
# own cap-index allocator (not exported by ld.lib.so) is at hand for the dump
REQUIRES = foc
TARGET   = capscope_demo_static
SRC_CC   = main.cc
LIBS     = base-foc syscall-foc capscope_agent
INC_DIR += $(BASE_DIR)/../base-foc/src/include $(BASE_DIR)/src/include
