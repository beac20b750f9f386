#!/bin/sh
# The command line as a whole process, side by side with the everyday baseline: `capscope walk` of
# the largest task of the demo scenario gui-stack (init -> desktop, 549 valid caps) against
# `lsof -p` of a process holding 4096 open files. `capscope walk` is timed twice: as users run it
# (handed to the resident command server, docs/cli.md) and in a JVM of its own
# (CAPSCOPE_SERVER=0); plus `capscope --version` (the floor of a JVM of its own: shell launcher,
# one JVM, picocli, no target). Runs alternate (the order rotates every round), each timed by
# /usr/bin/time; prints every run, the medians and the ratios. The served walk's CPU column is the
# client's alone; the server's CPU per walk is read from /proc and printed apart. The bench's
# command servers are its own (a private XDG_RUNTIME_DIR) and stopped at the end.
#
#   app/scripts/cli-bench.sh [N] [CAPSCOPE_HOME]     (defaults: 15 rounds, app/target/capscope)
#
# Needs: /usr/bin/time (apt-get install time), lsof (apt-get install lsof), bash (to open the
# 4096 files). The first round is a warm-up (it also records the command line's class archive when
# there is none yet, and starts the command server) and is not counted. CAPSCOPE_CDS=0 measures
# without the archive.
# CAPSCOPE_BEFORE=DIR adds a fourth column: `capscope walk` of another build's app folder (an
# older checkout's app/target/capscope), in the same rounds, with a class-archive cache of its own
# (older launchers removed every other archive of their mode, this build's included).
set -e
n=${1:-15}
home=${2:-$(dirname "$0")/../target/capscope}
missing=""
[ -x /usr/bin/time ] || missing="$missing time"
command -v lsof >/dev/null 2>&1 || missing="$missing lsof"
command -v bash >/dev/null 2>&1 || missing="$missing bash"
if [ -n "$missing" ]; then
  echo "cli-bench needs:$missing (sudo apt-get install -y$missing)" >&2
  exit 2
fi
[ -x "$home/bin/capscope" ] || { echo "no $home/bin/capscope: run mvn -B -q package -DskipTests first" >&2; exit 2; }
home=$(cd "$home" && pwd -P)

dir=$(mktemp -d)
capsim_pid="" holder_pid=""
cleanup() {
  pkill -f "CommandServer $dir/run" 2>/dev/null
  [ -n "$capsim_pid" ] && kill "$capsim_pid" 2>/dev/null
  [ -n "$holder_pid" ] && kill "$holder_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

# The target: capsim on a Unix socket (stdin from a pipe we never write, so it keeps serving).
mkfifo "$dir/capsim.in"
"$home/bin/capsim" --scenario "$home/samples/scenarios/gui-stack.scn" --listen "unix:$dir/capsim.sock" \
  < "$dir/capsim.in" > "$dir/capsim.out" 2> "$dir/capsim.err" &
capsim_pid=$!
exec 3> "$dir/capsim.in"
i=0
until grep -q '^listening' "$dir/capsim.out" 2>/dev/null; do
  i=$((i + 1)); [ "$i" -lt 200 ] || { echo "capsim did not start: $(cat "$dir/capsim.err")" >&2; exit 2; }
  sleep 0.05
done

# The baseline's subject: a process with 4096 open files (/dev/null opened 4096 times).
bash -c 'ulimit -n 8192 2>/dev/null || true; for ((k = 0; k < 4096; k++)); do exec {fd}</dev/null; done; exec sleep 100000' &
holder_pid=$!
i=0
until [ "$(ls /proc/$holder_pid/fd 2>/dev/null | wc -l)" -ge 4096 ]; do
  i=$((i + 1)); [ "$i" -lt 200 ] || { echo "could not open 4096 files (ulimit -n is $(ulimit -n))" >&2; exit 2; }
  sleep 0.05
done
fds=$(ls /proc/$holder_pid/fd | wc -l)

timed() { # timed NAME COMMAND...: runs COMMAND once, appends its wall seconds to $dir/NAME, its CPU
  name=$1 #                         seconds (user + system, all threads) to $dir/NAME.cpu
  shift
  /usr/bin/time -f '%e %U %S' -o "$dir/t" "$@" > "$dir/out" 2>&1 || { echo "$name failed: $(tail -3 "$dir/out")" >&2; exit 2; }
  read -r wall user sys < "$dir/t"
  echo "$wall" >> "$dir/$name"
  awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f\n", u + s }' >> "$dir/$name.cpu"
}
mkdir -m 700 "$dir/run"
export XDG_RUNTIME_DIR="$dir/run"
run_one() {
  case "$1" in
    walk) timed walk "$home/bin/capscope" walk --target "unix:$dir/capsim.sock" --task "init -> desktop" ;;
    alone) timed alone env CAPSCOPE_SERVER=0 "$home/bin/capscope" walk --target "unix:$dir/capsim.sock" --task "init -> desktop" ;;
    baseline) timed baseline lsof -p "$holder_pid" ;;
    version) timed version "$home/bin/capscope" --version ;;
    before) timed before env XDG_CACHE_HOME="$dir/before-cache" "$CAPSCOPE_BEFORE/bin/capscope" walk --target "unix:$dir/capsim.sock" --task "init -> desktop" ;;
  esac
}

echo "capscope walk (gui-stack, init -> desktop) vs lsof -p (process with $fds open fds); $n rounds"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
extra=""
[ -n "$CAPSCOPE_BEFORE" ] && extra=before
for what in walk alone baseline version $extra; do run_one "$what"; done
rm -f "$dir/walk" "$dir/alone" "$dir/baseline" "$dir/version" "$dir/before" "$dir"/*.cpu
server_pid=$(pgrep -f "CommandServer $dir/run" | head -1)
server_ticks() { [ -n "$server_pid" ] && awk '{ print $14 + $15 }' "/proc/$server_pid/stat" 2>/dev/null || echo 0; }
ticks_before=$(server_ticks)
round=0
while [ "$round" -lt "$n" ]; do
  round=$((round + 1))
  case $((round % 3)) in
    0) order="walk alone baseline version $extra" ;;
    1) order="baseline $extra version alone walk" ;;
    *) order="version walk $extra baseline alone" ;;
  esac
  for what in $order; do run_one "$what"; done
  printf 'round %2d: walk %s s (cpu %s)  alone %s s (cpu %s)  lsof %s s (cpu %s)  version %s s (cpu %s)%s\n' "$round" \
    "$(tail -1 "$dir/walk")" "$(tail -1 "$dir/walk.cpu")" "$(tail -1 "$dir/alone")" "$(tail -1 "$dir/alone.cpu")" \
    "$(tail -1 "$dir/baseline")" "$(tail -1 "$dir/baseline.cpu")" \
    "$(tail -1 "$dir/version")" "$(tail -1 "$dir/version.cpu")" \
    "${extra:+  before: walk $(tail -1 "$dir/before") s (cpu $(tail -1 "$dir/before.cpu"))}"
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ticks_after=$(server_ticks)
w=$(median "$dir/walk") a=$(median "$dir/alone") l=$(median "$dir/baseline") v=$(median "$dir/version")
echo "median: capscope walk $w s (served), in a JVM of its own $a s, lsof -p $l s, capscope --version $v s"
[ -n "$extra" ] && echo "median of the other build ($CAPSCOPE_BEFORE): capscope walk $(median "$dir/before") s"
# CPU time (user + system of all threads) is what the load inflates least: the wall time of a
# process on a busy machine is mostly waiting for a core.
echo "median CPU: capscope walk $(median "$dir/walk.cpu") s (the client), in a JVM of its own $(median "$dir/alone.cpu") s," \
  "lsof -p $(median "$dir/baseline.cpu") s, capscope --version $(median "$dir/version.cpu") s${extra:+, other build's walk $(median "$dir/before.cpu") s}"
if [ -n "$server_pid" ]; then
  awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$n" -v pid="$server_pid" \
    'BEGIN { printf "command server CPU: %.3f s per served walk (mean of %d, pid %s)\n", t / hz / n, n, pid }'
else
  echo "command server: none was running (every walk ran in a JVM of its own)"
fi
awk -v w="$w" -v a="$a" -v l="$l" 'BEGIN {
  printf "ratio: capscope walk takes %.2fx the time of lsof -p (%s)\n", w / l, w <= l ? "no slower" : "slower"
  printf "ratio: in a JVM of its own it takes %.2fx the time of lsof -p (%s)\n", a / l, a <= l ? "no slower" : "slower" }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
