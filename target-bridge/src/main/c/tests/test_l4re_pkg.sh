#!/bin/sh
# One agent source, two kernels: the shared sources the L4Re package builds
# (l4re/pkg/capscope-agent/server/src/Makefile, AGENT_SHARED_SRC) must be
# exactly the ones this Makefile compiles against l4sim's headers
# (AGENT_PORTABLE_SRC and AGENT_L4RE_SRC); each must compile on its own against l4sim with
# -Werror; and they may use only l4sys names checked against the real headers
# (tests/l4sys-names.txt). Run from target-bridge/src/main/c (make check does).
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# The value of VAR in a Makefile, continuation lines joined, sorted one per line.
list() {
  sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' "$1" |
    sed -n "s/^$2[[:space:]]*[:?]*=[[:space:]]*//p" | tr -s ' \t' '\n' | grep . | sort
}

pkg=l4re/pkg/capscope-agent/server/src/Makefile
l4re=$(list "$pkg" AGENT_SHARED_SRC)
ci=$( (list Makefile AGENT_PORTABLE_SRC; list Makefile AGENT_L4RE_SRC) | sort)
if [ -n "$l4re" ] && [ "$l4re" = "$ci" ]; then
  ok "L4Re package and CI list the same agent sources: $(echo $ci)"
else
  bad "source lists differ: L4Re [$(echo $l4re)] CI [$(echo $ci)]"
fi
grep -q 'include $(L4DIR)/mk/prog.mk' "$pkg" && grep -q '^TARGET' "$pkg" &&
  grep -q '^SRC_C.*$(AGENT_SHARED_SRC)' "$pkg" &&
  grep -q 'include $(L4DIR)/mk/subdir.mk' l4re/pkg/capscope-agent/Makefile &&
  ok "L4Re Makefiles have the prog.mk/subdir.mk form" || bad "L4Re Makefile form"

for f in $ci; do
  if ${CC:-gcc} -std=c11 -Wall -Wextra -Werror -Il4sim/include -I. -fsyntax-only "$f"; then
    ok "$f compiles against l4sim's l4sys headers"
  else
    bad "$f does not compile against l4sim's headers"
  fi
done

# The L4 names used (comments and strings included: a name in a comment is
# still a claim about the API).
used=$(cat $ci agent/agent.h agent/runtime.h protocol/proto.h protocol/header.h agent/wire.h agent/armor.h |
  grep -oE '(^|[^A-Za-z0-9_])(l4|L4)_[A-Za-z0-9_]+' | sed -E 's/^[^lL]//' | sort -u)
allowed=$(grep -v '^#' tests/l4sys-names.txt | sort -u)
unknown=$(printf '%s\n' "$used" | grep -vxF "$allowed" || true)
if [ -z "$unknown" ]; then
  ok "every l4sys name used is a checked real name ($(echo "$used" | wc -l) names)"
else
  bad "names not known to be real l4sys API: $(echo $unknown)"
fi
if grep -n 'l4sim' $ci agent/agent.h agent/runtime.h | grep -v '^[^:]*:[0-9]*:.*\(/\*\|\*\)'; then
  bad "portable sources include or call l4sim"
else
  ok "portable sources do not reach into l4sim"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
