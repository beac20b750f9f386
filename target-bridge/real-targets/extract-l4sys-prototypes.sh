#!/bin/bash
# Extract the real l4sys prototypes of every function l4sim declares under
# l4/sys and every l4sys function the agent calls (its portable sources and
# the L4Re package), from a built L4Re tree, into
# target-bridge/src/main/c/tests/l4sys-prototypes.txt. make check compares
# l4sim's prototypes with that list (tests/test_l4sys_prototypes.sh).
#
# Usage: extract-l4sys-prototypes.sh
#   ROOT=DIR or L4RE_SRC=.../src/l4 and L4RE_OBJ=... as for record-fidelity.sh
#   (the compiler flags are taken from a verbose build of the capscope-fidelity
#   package, so the headers are read exactly as an L4Re program sees them).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
C=$(cd "$HERE/../src/main/c" && pwd)
ROOT=${ROOT:-}
L4RE_SRC=${L4RE_SRC:-${ROOT:+$ROOT/src/l4}}
L4RE_OBJ=${L4RE_OBJ:-${ROOT:+$ROOT/obj}}
OUT=${OUT:-$C/tests/l4sys-prototypes.txt}
die() { echo "extract-l4sys-prototypes: $*" >&2; exit 1; }
for v in L4RE_SRC L4RE_OBJ; do
  [ -n "${!v}" ] && [ -d "${!v}" ] || die "$v is not a directory (set ROOT or $v)"
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The compile command of fidelity/fid.c in the L4Re build, made verbose.
ln -sfn "$C/fidelity/l4re/pkg/capscope-fidelity" "$L4RE_SRC/pkg/capscope-fidelity"
find "$L4RE_OBJ" -path '*capscope-fidelity*' -name 'fid.o' -delete 2>/dev/null || true
make -C "$L4RE_SRC/pkg/capscope-fidelity" O="$L4RE_OBJ" L4DIR="$L4RE_SRC" V=1 > "$tmp/build.log" 2>&1 ||
  { tail -20 "$tmp/build.log"; die "package build failed"; }
cmd=$(grep -E ' -c .*fidelity/fid\.c' "$tmp/build.log" | head -1 || true)
[ -n "$cmd" ] || die "no compile command for fid.c in the verbose build log"

# Every l4sys header l4sim has, plus the ones the agent's L4Re glue includes.
{
  for h in "$C"/l4sim/include/l4/sys/*.h; do echo "#include <l4/sys/${h##*/}>"; done
  grep -h '#include <l4/sys/' "$C"/l4re/pkg/capscope-agent/server/src/*.c || true
} | sort -u > "$tmp/all.c"
# Rerun the compiler with the same flags on that file: syntax only, -aux-info
# (the build's include paths are absolute; the dependency and output options go).
flags=$(printf '%s\n' "$cmd" | sed -E 's/ -c / /; s/ -MD / /; s/ -MP / /; s/ -MF [^ ]+//; s/ -o [^ ]+//; s# [^ ]*fidelity/fid\.c##')
(cd "$tmp" && eval "$flags -fsyntax-only -aux-info $tmp/aux $tmp/all.c") ||
  die "the real headers did not compile with the package's flags"

# The names: l4sim's l4/sys functions and the l4sys functions the agent uses.
grep -v vcon "$tmp/all.c" > "$tmp/sim.c"
gcc -std=c11 -I"$C/l4sim/include" -fsyntax-only -aux-info "$tmp/simaux" "$tmp/sim.c"
{
  grep 'l4sim/include/l4/sys/' "$tmp/simaux" | awk -f "$C/tests/aux_prototypes.awk" | sed -E 's/^.*[ *]([A-Za-z0-9_]+)\(.*$/\1/'
  sed '/^# named in comments only/,$d' "$C/tests/l4sys-names.txt" | grep '^l4_[a-z0-9_]*$' | grep -v '_t$'
} | sort -u > "$tmp/names"
awk -f "$C/tests/aux_prototypes.awk" "$tmp/aux" > "$tmp/real"
# the L4Re glue's calls, those of them that are l4sys functions (not l4util, ...)
for n in $(cat "$C"/l4re/pkg/capscope-agent/server/src/*.c | grep -oE '\bl4_[a-z0-9_]+\(' | tr -d '(' | sort -u); do
  if grep -qE "[ *]$n\(" "$tmp/real"; then echo "$n"; fi
done >> "$tmp/names"
sort -u -o "$tmp/names" "$tmp/names"
core=$(git -C "$L4RE_SRC/pkg/l4re-core" log -1 --format='%H %cd' --date=short)
{
  echo "# Real l4sys prototypes (kernkonzept/l4re-core, C view of the headers, amd64), of every"
  echo "# function l4sim declares under l4/sys and every l4sys function the agent calls."
  echo "# Extracted by target-bridge/real-targets/extract-l4sys-prototypes.sh from gcc -aux-info,"
  echo "# normalised by tests/aux_prototypes.awk; compared with l4sim by tests/test_l4sys_prototypes.sh."
  echo "# l4re-core $core"
  while read -r n; do
    p=$(grep -E "[ *]$n\(" "$tmp/real" | head -1 || true)
    if [ -n "$p" ]; then echo "$p"; else echo "# not in the real headers: $n"; fi
  done < "$tmp/names"
} > "$OUT"
echo "wrote $OUT ($(grep -vc '^#' "$OUT") prototypes; $(grep -c '^# not in' "$OUT") names not found)"
