TARGET = capscope_demo_log_server
SRC_CC = main.cc
LIBS   = base capscope_agent
