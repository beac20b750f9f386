#!/bin/bash
# Capscope's agent on a real Fiasco.OC + L4Re system in QEMU (docs/real-targets.md).
#
#   l4re.sh start   build the capscope-agent package into your L4Re tree, boot the ned
#                   script of docs/real-targets.md (the agent, and hello beside it) in QEMU
#                   (software emulation), wait for the agent's ready line; the last line
#                   printed is the endpoint, serial:PATH
#   l4re.sh stop    end the QEMU this script started
#
# Your trees (nothing is fetched):
#   L4RE_SRC      the L4Re source tree (its src/l4: mk/, pkg/l4re-core, ...)
#   L4RE_OBJ      its configured build directory (amd64), built once with `make`
#   FIASCO_BUILD  a Fiasco build directory holding the kernel image `fiasco` (JDB on for kinds)
# Optional:
#   RUN_DIR       where the config, the serial socket and logs go (default $L4RE_OBJ/capscope-run)
#   QEMU_MEM      guest memory in MiB (default 512; with QEMU's 128 nothing boots, silently)
#   BOOT_TIMEOUT  seconds to wait for the ready line (default 300)
#   AGENT_ARGS    extra agent arguments (e.g. --print-dump: the kernel's object dump as hex lines)
#   KERNEL_OBJECTS=0  start the agent without --kernel-objects: what it reports without the
#                 kernel's object dump (its own task only, no kinds, no object ids)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
pkg=$(cd "$here/../src/main/c/l4re/pkg/capscope-agent" && pwd)
cmd=${1:-}

fail() { echo "l4re.sh: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

need_env() {
  [ -n "${L4RE_SRC:-}" ] && [ -f "$L4RE_SRC/mk/prog.mk" ] ||
    fail "set L4RE_SRC to your L4Re source tree (the directory with mk/prog.mk and pkg/)"
  [ -n "${L4RE_OBJ:-}" ] && [ -d "$L4RE_OBJ/bin" ] ||
    fail "set L4RE_OBJ to a built L4Re build directory (the one with bin/; run make there first)"
  [ -n "${FIASCO_BUILD:-}" ] && [ -f "$FIASCO_BUILD/fiasco" ] ||
    fail "set FIASCO_BUILD to a Fiasco build directory that holds the kernel image 'fiasco'"
  RUN_DIR=${RUN_DIR:-$L4RE_OBJ/capscope-run}
  mkdir -p "$RUN_DIR"
  PIDFILE=$RUN_DIR/qemu.pid
  SOCK=$RUN_DIR/serial.sock
  SERLOG=$RUN_DIR/serial.log
}

stop() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    echo "stopped QEMU (pid $pid)"
  fi
  rm -f "$PIDFILE"
}

build() {
  # The package stays in this checkout; the tree gets a symlink to it.
  if [ -e "$L4RE_SRC/pkg/capscope-agent" ] && [ ! -L "$L4RE_SRC/pkg/capscope-agent" ]; then
    fail "$L4RE_SRC/pkg/capscope-agent exists and is not a symlink; move it away first"
  fi
  ln -sfn "$pkg" "$L4RE_SRC/pkg/capscope-agent"
  local t0; t0=$(now)
  # The documented command (docs/real-targets.md §1).
  if ! make -C "$L4RE_SRC/pkg/capscope-agent" O="$L4RE_OBJ" L4DIR="$L4RE_SRC" > "$RUN_DIR/agent-build.log" 2>&1; then
    tail -20 "$RUN_DIR/agent-build.log" >&2
    fail "building the agent failed (whole log: $RUN_DIR/agent-build.log)"
  fi
  local bin
  bin=$(ls "$L4RE_OBJ"/bin/*/l4f/capscope-agent 2>/dev/null | head -1)
  [ -n "$bin" ] || fail "the build left no bin/*/l4f/capscope-agent in $L4RE_OBJ"
  echo "agent built in $(since "$t0") s: $bin"
}

configure() {
  local objects=--kernel-objects
  [ "${KERNEL_OBJECTS:-1}" = 0 ] && objects=
  # The ned script and the modules.list entry of docs/real-targets.md.
  cat > "$RUN_DIR/capscope.cfg" <<CFG
local L4 = require("L4");
L4.default_loader:start({ log = L4.Env.log, caps = { jdb = L4.Env.jdb } },
                        "rom/capscope-agent $objects ${AGENT_ARGS:-}");
L4.default_loader:start({ log = { "hello", "g" }, caps = { jdb = L4.Env.jdb } },
                        "rom/hello");
CFG
  cat > "$RUN_DIR/modules.list" <<'LIST'
modaddr 0x01100000

entry capscope
kernel fiasco -serial_esc -jdb_cmd=E+
roottask moe rom/capscope.cfg
module l4re
module ned
module capscope.cfg
module capscope-agent
module hello
LIST
}

boot() {
  rm -f "$SOCK" "$SERLOG"
  local opts="-nographic -m ${QEMU_MEM:-512} -monitor none -pidfile $PIDFILE"
  opts="$opts -chardev socket,id=ser0,path=$SOCK,server=on,wait=off,logfile=$SERLOG -serial chardev:ser0"
  local t0; t0=$(now)
  setsid make -C "$L4RE_OBJ" qemu E=capscope MODULES_LIST="$RUN_DIR/modules.list" \
    MODULE_SEARCH_PATH="$RUN_DIR:$FIASCO_BUILD" QEMU_OPTIONS="$opts" \
    > "$RUN_DIR/qemu.log" 2>&1 < /dev/null &
  local limit=${BOOT_TIMEOUT:-300}
  for _ in $(seq 1 $((limit * 5))); do
    if grep -q 'capscope-agent: serving armored frames' "$SERLOG" 2>/dev/null; then
      grep 'capscope-agent: ' "$SERLOG" | grep -v ' kdump ' || true
      echo "agent ready $(since "$t0") s after QEMU started (pid $(cat "$PIDFILE"))"
      echo "serial:$SOCK"
      return 0
    fi
    if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      tail -20 "$SERLOG" "$RUN_DIR/qemu.log" >&2 || true
      fail "QEMU ended before the agent was ready"
    fi
    sleep 0.2
  done
  tail -20 "$SERLOG" >&2 || true
  stop
  fail "no ready line after $limit s (serial output: $SERLOG, QEMU: $RUN_DIR/qemu.log)"
}

case $cmd in
  start) need_env; stop; build; configure; boot ;;
  stop) need_env; stop ;;
  *) echo "usage: $0 start|stop   (with L4RE_SRC, L4RE_OBJ, FIASCO_BUILD set)" >&2; exit 2 ;;
esac
