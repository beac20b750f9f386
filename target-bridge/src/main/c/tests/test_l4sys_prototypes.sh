#!/bin/sh
# Signatures, not just names: every function l4sim declares under its real
# l4sys name (l4sim/include/l4/sys/*.h) must exist in the real l4sys headers
# with the same prototype -- return type and parameter types, typedef names
# and pointer-ness included. The real prototypes are in
# tests/l4sys-prototypes.txt, extracted from kernkonzept/l4re-core by
# target-bridge/real-targets/extract-l4sys-prototypes.sh; both sides are
# normalised by tests/aux_prototypes.awk from gcc -aux-info.
# Run from target-bridge/src/main/c (make check does).
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
list=tests/l4sys-prototypes.txt

if ! grep -q '^# l4re-core [0-9a-f]\{40\}' "$list"; then
  bad "$list names no l4re-core commit"
fi
for h in l4sim/include/l4/sys/*.h; do echo "#include <l4/sys/${h##*/}>"; done > "$tmp/all.c"
if ! ${CC:-gcc} -std=c11 -Il4sim/include -fsyntax-only -aux-info "$tmp/aux" "$tmp/all.c"; then
  bad "l4sim's l4sys headers do not compile"
fi
grep 'l4sim/include/l4/sys/' "$tmp/aux" | awk -f tests/aux_prototypes.awk > "$tmp/sim"
n=0
while IFS= read -r proto; do
  name=$(printf '%s\n' "$proto" | sed -E 's/^.*[ *]([A-Za-z0-9_]+)\(.*$/\1/')
  real=$(grep -v '^#' "$list" | grep -E "[ *]$name\(" | head -1)
  n=$((n + 1))
  if [ -z "$real" ]; then
    bad "l4sim declares $name, which the real l4sys headers do not have: $proto"
  elif [ "$real" != "$proto" ]; then
    bad "$name: l4sim has '$proto', real l4sys has '$real'"
  fi
done < "$tmp/sim"
if [ "$n" -gt 0 ] && [ "$fail" -eq 0 ]; then
  ok "all $n functions l4sim declares under l4/sys have the real l4sys prototypes"
elif [ "$n" -eq 0 ]; then
  bad "no prototypes found in l4sim's headers"
fi

# The check itself notices the drift it was made for: l4sim's old by-value
# l4_factory_create_task, normalised the same way, differs from the list.
printf '%s\n' '#include <l4/sys/types.h>' \
  'l4_msgtag_t l4_factory_create_task(l4_cap_idx_t f, l4_cap_idx_t t, l4_fpage_t u);' > "$tmp/old.c"
${CC:-gcc} -std=c11 -Il4sim/include -fsyntax-only -aux-info "$tmp/oldaux" "$tmp/old.c"
old=$(grep 'old.c' "$tmp/oldaux" | awk -f tests/aux_prototypes.awk)
real=$(grep -E '[ *]l4_factory_create_task\(' "$list")
if [ -n "$old" ] && [ -n "$real" ] && [ "$old" != "$real" ]; then
  ok "a by-value l4_factory_create_task ('$old') would fail against '$real'"
else
  bad "the comparison does not tell a by-value l4_factory_create_task from the real one"
fi

# The names the agent's portable sources use that are functions must be in
# the list too (test_l4re_pkg.sh checks names; this checks they were extracted).
missing=""
for name in $(sed '/^# named in comments only/,$d' tests/l4sys-names.txt | grep '^l4_[a-z0-9_]*$' | grep -v '_t$'); do
  grep -qE "[ *]$name\(" "$list" || missing="$missing $name"
done
if [ -z "$missing" ]; then
  ok "every l4sys function the agent uses has its real prototype in $list"
else
  bad "functions the agent uses but $list lacks:$missing"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
