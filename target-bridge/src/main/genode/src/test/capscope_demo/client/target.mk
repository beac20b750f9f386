TARGET = capscope_demo_client
SRC_CC = main.cc
LIBS   = base capscope_agent
