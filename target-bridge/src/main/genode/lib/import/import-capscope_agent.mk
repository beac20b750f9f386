# Components linking the agent see the Fiasco.OC bindings its headers use
include $(call select_from_repositories,lib/import/import-syscall-foc.mk)
