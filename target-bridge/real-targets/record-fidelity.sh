#!/bin/bash
# Record the fidelity goldens on a real Fiasco.OC + L4Re in QEMU (docs/fidelity.md).
#
# Builds target-bridge/src/main/c/fidelity as the L4Re package capscope-fidelity
# in an existing Fiasco.OC + L4Re tree, boots each probe program under ned in
# QEMU twice, keeps the probe's lines (FID ...) of the serial output, drops the
# kernel's "KERNEL: Warning" lines, checks that both runs printed the same, and
# writes target-bridge/src/test/fidelity/<probe>.golden with a header naming
# the kernel and l4re-core commits and the date.
#
# Usage: record-fidelity.sh [probe...]          (default: every fidelity/probe_*.c)
#   ROOT=DIR        a tree laid out as DIR/src/l4 (L4Re), DIR/obj (its build
#                   directory), DIR/fiasco-build (kernel build), DIR/src/fiasco
#   or each of:     L4RE_SRC=.../src/l4  L4RE_OBJ=...  FIASCO_BUILD=...  FIASCO_SRC=...
#   TIMEOUT=240     seconds a boot may take to print the probe's last line
#   GOLDEN_DIR=DIR  where the goldens go (default: this checkout's)
#   WORK=DIR        scratch directory for configs and serial logs (default $ROOT/fidelity)
# Needs qemu-system-x86_64 (TCG is enough; QEMU gets -m 512).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CAPSCOPE_C=$(cd "$HERE/../src/main/c" && pwd)
ROOT=${ROOT:-}
L4RE_SRC=${L4RE_SRC:-${ROOT:+$ROOT/src/l4}}
L4RE_OBJ=${L4RE_OBJ:-${ROOT:+$ROOT/obj}}
FIASCO_BUILD=${FIASCO_BUILD:-${ROOT:+$ROOT/fiasco-build}}
FIASCO_SRC=${FIASCO_SRC:-${ROOT:+$ROOT/src/fiasco}}
TIMEOUT=${TIMEOUT:-240}
GOLDEN_DIR=${GOLDEN_DIR:-$(cd "$HERE/../src/test" && pwd)/fidelity}
WORK=${WORK:-${ROOT:-/tmp}/fidelity}

die() { echo "record-fidelity: $*" >&2; exit 1; }
for v in L4RE_SRC L4RE_OBJ FIASCO_BUILD FIASCO_SRC; do
  [ -n "${!v}" ] && [ -d "${!v}" ] || die "$v is not a directory (set ROOT or $v; see the header of $0)"
done
[ -f "$FIASCO_BUILD/fiasco" ] || die "no kernel at $FIASCO_BUILD/fiasco: build the kernel first"

probes=("$@")
if [ ${#probes[@]} -eq 0 ]; then
  for f in "$CAPSCOPE_C"/fidelity/probe_*.c; do
    p=${f##*/probe_}; probes+=("${p%.c}")
  done
fi
mkdir -p "$WORK" "$GOLDEN_DIR"

# ---- build the package in the tree ----
pkg=$CAPSCOPE_C/fidelity/l4re/pkg/capscope-fidelity
ln -sfn "$pkg" "$L4RE_SRC/pkg/capscope-fidelity"
echo "building capscope-fidelity in $L4RE_OBJ"
# L4DIR given explicitly: the package's relative L4DIR would resolve against the checkout
make -C "$L4RE_SRC/pkg/capscope-fidelity" O="$L4RE_OBJ" L4DIR="$L4RE_SRC" \
  > "$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; die "package build failed (log: $WORK/build.log)"; }

# ---- ned configs and the modules list: one entry per probe ----
{
  echo "modaddr 0x01100000"
  echo "default-kernel fiasco -serial_esc"
  echo "default-bootstrap bootstrap"
  for p in "${probes[@]}"; do
    # the jdb cap lands at L4_BASE_DEBUGGER_CAP: l4_debugger_global_id goes through it
    printf 'local L4 = require("L4");\nL4.default_loader:start({ log = L4.Env.log, caps = { jdb = L4.Env.jdb } },\n  "rom/fid-%s");\n' \
      "$p" > "$WORK/fid-$p.cfg"
    printf '\nentry fid-%s\nkernel fiasco -serial_esc\nroottask moe rom/fid-%s.cfg\n' "$p" "$p"
    printf 'module l4re\nmodule ned\nmodule fid-%s.cfg\nmodule fid-%s\n' "$p" "$p"
  done
} > "$WORK/modules.list"

qemu_pid=""
stop_qemu() {
  if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then kill "$qemu_pid"; fi
  qemu_pid=""
}
trap stop_qemu EXIT

# boot <probe> <run>: serial output into $WORK/<probe>.<run>.serial; 0 once the
# probe's last line is there
boot() {
  local p=$1 run=$2 log=$WORK/$1.$2.serial pidf=$WORK/qemu.pid
  rm -f "$log" "$pidf"
  setsid make -C "$L4RE_OBJ" qemu E="fid-$p" MODULES_LIST="$WORK/modules.list" \
    MODULE_SEARCH_PATH="$WORK:$FIASCO_BUILD" \
    QEMU_OPTIONS="-display none -m 512 -monitor none -pidfile $pidf -serial file:$log" \
    > "$WORK/$p.$run.qemu.log" 2>&1 < /dev/null &
  local make_pid=$! t0; t0=$(date +%s)
  while [ $(( $(date +%s) - t0 )) -lt "$TIMEOUT" ]; do
    [ -z "$qemu_pid" ] && [ -s "$pidf" ] && qemu_pid=$(cat "$pidf")
    if grep -aq "FID end $p " "$log" 2>/dev/null; then
      echo "  $p run $run: done after $(( $(date +%s) - t0 )) s"
      stop_qemu; wait "$make_pid" 2>/dev/null || true
      return 0
    fi
    if ! kill -0 "$make_pid" 2>/dev/null; then break; fi
    sleep 1
  done
  stop_qemu; wait "$make_pid" 2>/dev/null || true
  echo "  $p run $run: no 'FID end' line (see $log and $WORK/$p.$run.qemu.log)"
  return 1
}

# The probe's lines of a serial log: colour codes and carriage returns gone,
# kernel warnings dropped, each line from its "FID " on.
extract() {
  tr -d '\r' < "$1" | sed 's/\x1b\[[0-9;]*m//g' | grep -av 'KERNEL: Warning' |
    grep -ao 'FID .*' | sed 's/[[:space:]]*$//'
}

commit_of() { git -C "$1" log -1 --format='%H (%cd)' --date=short 2>/dev/null || echo unknown; }
kernel=$(commit_of "$FIASCO_SRC")
l4re_core=$(commit_of "$L4RE_SRC/pkg/l4re-core")
mk=$(commit_of "$L4RE_SRC")
# the commit the probe sources come from (modified: they differ from it)
capscope=$(git -C "$CAPSCOPE_C" log -1 --format=%h -- fidelity 2>/dev/null || echo unknown)
if [ -n "$(git -C "$CAPSCOPE_C" status --porcelain -- fidelity 2>/dev/null)" ]; then
  capscope="$capscope (modified)"
fi
qemu_version=$(qemu-system-x86_64 --version | head -1)

failed=0
for p in "${probes[@]}"; do
  echo "probe $p"
  ok=1
  for run in 1 2; do boot "$p" "$run" || ok=0; done
  if [ $ok = 0 ]; then failed=$((failed + 1)); continue; fi
  extract "$WORK/$p.1.serial" > "$WORK/$p.1.lines"
  extract "$WORK/$p.2.serial" > "$WORK/$p.2.lines"
  warnings=$(sed 's/\x1b\[[0-9;]*m//g' "$WORK/$p.1.serial" | grep -ac 'KERNEL: Warning' || true)
  n=$(grep -c "^FID $p\." "$WORK/$p.1.lines" || true)
  if ! head -1 "$WORK/$p.1.lines" | grep -qx "FID begin $p" ||
     ! tail -1 "$WORK/$p.1.lines" | grep -qx "FID end $p $n"; then
    echo "  $p: output incomplete or garbled ($n observation lines; see $WORK/$p.1.lines)"
    failed=$((failed + 1)); continue
  fi
  if ! diff -u "$WORK/$p.1.lines" "$WORK/$p.2.lines" > "$WORK/$p.runs.diff"; then
    echo "  $p: the two runs differ (see $WORK/$p.runs.diff): not written"
    failed=$((failed + 1)); continue
  fi
  {
    echo "# Capscope fidelity golden: probe $p ($n observations)"
    echo "# Recorded on Fiasco.OC amd64 (JDB kernel) + L4Re in $qemu_version (TCG),"
    echo "# the probe started by ned; two boots printed the same lines."
    echo "# fiasco    $kernel"
    echo "# l4re-core $l4re_core"
    echo "# mk        $mk"
    echo "# recorded  $(date -u +%Y-%m-%d) by target-bridge/real-targets/record-fidelity.sh"
    echo "#           probes of Capscope $capscope; $warnings 'KERNEL: Warning' lines filtered per run"
    cat "$WORK/$p.1.lines"
  } > "$GOLDEN_DIR/$p.golden"
  echo "  $p: $n observations, runs agree -> $GOLDEN_DIR/$p.golden"
done
[ $failed = 0 ] || die "$failed probe(s) not recorded"
