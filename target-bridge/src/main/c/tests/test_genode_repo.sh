#!/bin/sh
# One agent core, three homes: the Genode repository (../genode) builds the
# agent core from the very files CI compiles against l4sim (AGENT_PORTABLE_SRC),
# with no libc: each must compile with only the compiler's freestanding headers
# and the repository's libc subset, and need no C library symbol beyond what
# that subset and Genode base give. The repository has Genode's layout. CI has
# no Genode tree, so the Genode build itself is checked on the real system
# (docs/real-targets.md). Run from target-bridge/src/main/c (make check does).
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

list() {
  sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' "$1" |
    sed -n "s/^$2[[:space:]]*[:?]*=[[:space:]]*//p" | tr -s ' \t' '\n' | grep . | sort
}

repo=../genode
mk=$repo/lib/mk/capscope_agent.mk
genode=$(list "$mk" AGENT_CORE_SRC | sed 's|^|agent/|')
ci=$(list Makefile AGENT_PORTABLE_SRC)
if [ -n "$genode" ] && [ "$genode" = "$ci" ]; then
  ok "Genode library and CI list the same agent sources: $(echo $ci)"
else
  bad "source lists differ: Genode [$(echo $genode)] CI [$(echo $ci)]"
fi

cc=${CC:-gcc}
subset=$repo/src/lib/capscope_agent/libc_subset
# (the Genode build adds l4sys_compat.h for the foc port's older l4sys; l4sim has today's)
freestanding="-nostdinc -ffreestanding -I$($cc -print-file-name=include) -I$subset -Il4sim/include -I."
tmp=$(mktemp -d)
for f in $ci; do
  o=$tmp/$(basename "$f" .c).o
  if $cc -std=c11 -Wall -Wextra -Werror $freestanding -c "$f" -o "$o"; then
    ok "$f compiles without libc headers (Genode's libc subset)"
  else
    bad "$f needs more than the libc subset in $subset"
  fi
done
# What the objects need from outside the agent core: only the subset's
# capscope_* functions, Genode base's mem* and L4 calls.
need=$(nm -u "$tmp"/*.o 2>/dev/null | awk '{print $2}' | sort -u)
defined=$(nm --defined-only "$tmp"/*.o 2>/dev/null | awk '{print $3}' | sort -u)
foreign=$(printf '%s\n' "$need" | grep -vxF "$defined" |
  grep -vE '^(capscope_[a-z]+|memcpy|memmove|memset|memcmp|l4_[a-z_0-9]+|_GLOBAL_OFFSET_TABLE_)$' || true)
if [ -z "$foreign" ]; then
  ok "the agent core needs no libc symbol outside the subset ($(printf '%s\n' "$need" | grep -c '^capscope_') subset functions)"
else
  bad "the agent core needs libc symbols the Genode glue does not give: $(echo $foreign)"
fi
for fn in $(printf '%s\n' "$need" | grep '^capscope_'); do
  grep -q "\"C\" .*$fn(" $repo/src/lib/capscope_agent/libc_subset.cc ||
    bad "$fn is not defined in libc_subset.cc"
done
rm -rf "$tmp"

# Genode's conventions: a library mk, targets, a run script, a README
grep -q '^SRC_C[[:space:]]*=.*$(AGENT_CORE_SRC)' "$mk" && grep -q '^LIBS.*syscall-foc' "$mk" &&
  ok "lib/mk/capscope_agent.mk builds the core plus the glue" || bad "lib/mk/capscope_agent.mk form"
targets=0
for t in $(find $repo/src -name target.mk); do
  grep -q '^TARGET' "$t" && grep -q '^SRC_CC' "$t" && targets=$((targets + 1)) || bad "$t has no TARGET/SRC_CC"
done
[ "$targets" -ge 4 ] && ok "$targets targets (hub and demo components)" || bad "only $targets targets"
run=$repo/run/capscope_demo.run
grep -q '^build {' "$run" && grep -q '^install_config' "$run" && grep -q 'build_boot_image' "$run" &&
  grep -q 'run_genode_until' "$run" && ok "run/capscope_demo.run has the run-script form" ||
  bad "run/capscope_demo.run form"
n=$(grep -c 'binary name="capscope_demo_' "$run")
[ "$n" -ge 3 ] && ok "the demo starts $n components that link the agent" || bad "the demo starts $n agent components"
[ -f $repo/README ] && ok "README" || bad "no README"

# l4sys_compat.h, which the Genode build puts before each core file, against a
# stand-in of the foc port's l4sys (2019: the UTCB area by value): both call forms
# compile warning-free and reach the function with the same fpage.
compat=$repo/src/lib/capscope_agent/l4sys_compat.h
tmp=$(mktemp -d)
mkdir -p "$tmp/l4/sys"
cat > "$tmp/l4/sys/factory.h" <<'H'
#pragma once
typedef unsigned long l4_cap_idx_t;
typedef struct { unsigned long raw; } l4_msgtag_t;
typedef struct { unsigned long raw; } l4_fpage_t;
l4_msgtag_t l4_factory_create_task(l4_cap_idx_t factory, l4_cap_idx_t cap, l4_fpage_t utcb_area);
H
cat > "$tmp/check.c" <<'C'
#include <stdio.h>
#include <l4/sys/factory.h>
static unsigned long seen[2];
static int calls;
l4_msgtag_t (l4_factory_create_task)(l4_cap_idx_t factory, l4_cap_idx_t cap, l4_fpage_t utcb_area) {
  seen[calls++ % 2] = utcb_area.raw + factory + cap;
  return (l4_msgtag_t){0};
}
int main(void) {
  l4_fpage_t area = {0x1234000};
  l4_factory_create_task(2, 3, area);  /* the 2019 form */
  l4_factory_create_task(2, 3, &area); /* today's form, as the core may call it */
  printf("%d calls, %s\n", calls, seen[0] == seen[1] && seen[0] == 0x1234005 ? "same fpage" : "different");
  return !(calls == 2 && seen[0] == seen[1] && seen[0] == 0x1234005);
}
C
if $cc -std=c11 -Wall -Wextra -Werror -I"$tmp" -include "$compat" "$tmp/check.c" -o "$tmp/check" 2> "$tmp/err" &&
    out=$("$tmp/check"); then
  ok "l4sys_compat.h: by value and by pointer reach the 2019 l4sys call alike ($out)"
else
  bad "l4sys_compat.h does not build or call through against the 2019 l4sys form: $(head -3 "$tmp/err") $out"
fi
rm -rf "$tmp"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
