# Where the L4Re tree is. In the tree's pkg/ folder that is ../.. from the package; but a package
# symlinked there from a Capscope checkout resolves ../.. against the checkout (make -C follows
# the link), so then the build directory (O=...) says which source tree it belongs to: its
# generated Makefile names it in a `SRC := ...` line. L4DIR=... on the command line wins.
ifeq ($(wildcard $(L4DIR)/mk/prog.mk),)
  ifneq ($(O),)
    L4DIR := $(shell sed -n 's/^SRC := //p' $(O)/Makefile 2>/dev/null)
  endif
endif
ifeq ($(wildcard $(L4DIR)/mk/prog.mk),)
  $(error capscope-agent: no L4Re tree at '$(L4DIR)'. Build with O=<your L4Re build directory>, or pass L4DIR=<your L4Re src/l4>)
endif
export L4DIR
