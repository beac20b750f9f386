#!/bin/bash
# Capscope's Genode demo on Fiasco.OC, booted in QEMU (TCG), walkable over its serial line.
#
# Usage: genode.sh start|stop
#   GENODE_DIR    a Genode 25.02 tree with the foc and grub2 ports prepared
#                 (./tool/ports/prepare_port foc grub2)
#   GENODE_BUILD  an x86_64 build directory of that tree (./tool/create_builddir x86_64)
#   STATE         where this script keeps its logs and pids (default: $GENODE_BUILD/var/capscope)
#   TIMEOUT       seconds to wait for the agents (default: 600; the first build takes longer)
#
# start: adds this checkout's Genode repository (target-bridge/src/main/genode) to
#   $GENODE_BUILD/etc/build.conf once, builds and boots its run/capscope_demo with
#   KERNEL=foc BOARD=pc, waits until the hub and the three demo components' agents are ready
#   (and, if this checkout's capscope is built, until `capscope targets` lists all four), and
#   prints serial:PATH as its last line: the Unix socket of QEMU's COM2.
# stop: ends the QEMU and the build/run processes start started.
# Nothing is fetched: the Genode tree, its ports and the tool chain must be in place.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CHECKOUT=$(cd "$HERE/../.." && pwd)
REPO=$CHECKOUT/target-bridge/src/main/genode
cmd=${1:-}

: "${GENODE_BUILD:?set GENODE_BUILD to an x86_64 build directory of a Genode 25.02 tree}"
STATE=${STATE:-$GENODE_BUILD/var/capscope}
RUNLOG=$STATE/run.log
TIMES=$STATE/run.times      # the same lines, each with the host time it arrived
PIDFILE=$STATE/run.pid
QEMU_PIDFILE=$STATE/qemu.pid
SOCK=$GENODE_BUILD/var/run/capscope_demo.com2.sock
TIMEOUT=${TIMEOUT:-600}

stop() {
  local pid
  for f in "$QEMU_PIDFILE" "$PIDFILE"; do
    pid=$(cat "$f" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      if [ "$f" = "$PIDFILE" ]; then kill -- "-$pid" 2>/dev/null || kill "$pid"; else kill "$pid"; fi
      echo "stopped $(basename "$f" .pid) (pid $pid)"
    fi
    rm -f "$f"
  done
}

case $cmd in
  stop) [ -d "$STATE" ] && stop; exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

: "${GENODE_DIR:?set GENODE_DIR to a Genode 25.02 tree with the foc port prepared}"
[ -f "$GENODE_DIR/tool/create_builddir" ] || { echo "GENODE_DIR=$GENODE_DIR is not a Genode tree" >&2; exit 2; }
[ -f "$GENODE_BUILD/etc/build.conf" ] || {
  echo "GENODE_BUILD=$GENODE_BUILD has no etc/build.conf: create it with $GENODE_DIR/tool/create_builddir x86_64" >&2; exit 2; }
ls "$GENODE_DIR"/contrib/foc-* >/dev/null 2>&1 || {
  echo "the foc port is not prepared in $GENODE_DIR: run ./tool/ports/prepare_port foc grub2 there" >&2; exit 2; }

mkdir -p "$STATE"
stop >/dev/null

if ! grep -qF "$REPO" "$GENODE_BUILD/etc/build.conf"; then
  printf '\n# Capscope agent for Genode (added by %s)\nREPOSITORIES += %s\n' "$0" "$REPO" \
    >> "$GENODE_BUILD/etc/build.conf"
  echo "added $REPO to $GENODE_BUILD/etc/build.conf"
fi

t0=$(date +%s.%N)
since() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

rm -f "$SOCK" "$RUNLOG" "$TIMES"
export GENODE_BUILD RUNLOG TIMES
CAPSCOPE_QEMU_PIDFILE=$QEMU_PIDFILE setsid bash -c \
  'make -C "$GENODE_BUILD" run/capscope_demo KERNEL=foc BOARD=pc 2>&1 < /dev/null | tee "$RUNLOG" |
   perl -MTime::HiRes=time -ne '"'"'$|=1; printf "%.3f %s", time, $_'"'"' > "$TIMES"' \
  < /dev/null > /dev/null 2>&1 &
echo $! > "$PIDFILE"
echo "building and booting run/capscope_demo (log: $RUNLOG)"

capscope=$CHECKOUT/app/target/capscope/bin/capscope
booted=""
spawned=""
for _ in $(seq 1 "$TIMEOUT"); do
  if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "the build or the boot ended early; the end of $RUNLOG:" >&2; tail -25 "$RUNLOG" >&2; exit 1
  fi
  if [ -z "$spawned" ] && grep -qs '^spawn qemu' "$RUNLOG"; then
    spawned=$(since)
    echo "built; QEMU started $spawned s after start"
  fi
  if [ -z "$booted" ] && grep -qs 'capscope-demo: serial:' "$RUNLOG"; then
    booted=$(since)
    echo "hub and agents ready, static component's cap map logged: $booted s after start"
  fi
  if [ -n "$booted" ]; then
    if [ ! -x "$capscope" ]; then
      echo "($capscope not built: not asking the agents myself)"; break
    fi
    if tasks=$("$capscope" targets --target "serial:$SOCK" 2>/dev/null) \
        && [ "$(printf '%s\n' "$tasks" | grep -cE 'capscope_hub|log_server|log_client|static_check')" = 4 ]; then
      printf '%s\n' "$tasks"
      echo "all four tasks answer: $(since) s after start"
      break
    fi
  fi
  sleep 1
done
[ -n "$booted" ] || { echo "no agents after $TIMEOUT s; see $RUNLOG" >&2; stop; exit 1; }
# boot figures from the arrival times of COM1's lines
perl -ne '
  ($t, $l) = /^(\S+) (.*)/ or next;
  $l =~ s/\e\[[0-9;]*[A-Za-z]//g;    # GRUB draws its menu with cursor moves
  $boot //= $t if $l =~ /Booting .Genode on Fiasco.OC/;
  $kernel //= $t if $l =~ /Welcome to (Fiasco|L4)/i;
  $hub //= $t if $l =~ /capscope-hub: ready/;
  $start{$1} //= $t if $l =~ /^\[init -> (\S+)\] capscope: agent starting/;
  push @agents, sprintf("%s %.1f s", $1, $t - $boot) if $boot && $l =~ /capscope: agent ready as task \d+ "([^"]+)"/;
  push @own, sprintf("%s %.0f ms", $1, 1000 * ($t - $start{$1})) if $l =~ /capscope: agent ready as task \d+ "([^"]+)"/ && $start{$1};
  END { printf "boot: GRUB entry -> hub ready %.1f s; agents ready (s after the GRUB entry): %s\n",
        $hub - $boot, join(", ", @agents) if $boot && $hub;
        printf "agent start to ready (COM1 arrival times): %s\n", join(", ", @own) if @own }' "$TIMES"
echo "serial:$SOCK"
