#!/bin/sh
# Start-up to the first rendered tree on the demo target, measured N times under Xvfb.
#
#   app/scripts/startup-bench.sh [N] [CAPSCOPE_HOME]     (defaults: 7, app/target/capscope)
#   CAPSCOPE_BEFORE=DIR app/scripts/startup-bench.sh N   (also another build's app folder, same rounds)
#
# Each run starts bin/capscope with -Dcapscope.startupProbe=true: the app starts capsim, attaches,
# prints "first tree rendered after N ms (since JVM start; milestones: ...)" and exits. Prints
# every run with CPU times (the whole run's user + system from /usr/bin/time, and the JVM's and the
# FX thread's up to the first tree as the probe prints them: unlike the wall time they hardly grow
# with the machine's load), then the medians and the load average before and after. With CAPSCOPE_BEFORE the two builds alternate in every round. Needs xvfb-run and
# /usr/bin/time (apt-get install xvfb libgtk-3-0 time). The first run of a build with AppCDS on
# records its class archive, or on Java 24+ its ahead-of-time cache (slower, reported apart);
# CAPSCOPE_CDS=0 measures without it. The window runs on the Java the launcher picks (the newest
# one unless JAVA_HOME is set: set JAVA_HOME to compare Javas).
set -e
n=${1:-7}
home=${2:-$(dirname "$0")/../target/capscope}
before=${CAPSCOPE_BEFORE:-}
[ -x "$home/bin/capscope" ] || { echo "no $home/bin/capscope: run mvn -B -q package -DskipTests first" >&2; exit 2; }
[ -z "$before" ] || [ -x "$before/bin/capscope" ] || { echo "no $before/bin/capscope" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# one_run NAME HOME: one start, prints its line, appends "ms cpu" to $work/NAME
one_run() {
  XDG_CACHE_HOME="$work/cache-$1" CAPSCOPE_JAVA_OPTS="-Dcapscope.startupProbe=true $CAPSCOPE_JAVA_OPTS" \
    /usr/bin/time -o "$work/time" -f '%U %S' xvfb-run -a -s "-screen 0 1600x1000x24" "$2/bin/capscope" > "$work/out" 2>&1 || true
  line=$(grep -m1 'first tree rendered' "$work/out" || true)
  ms=$(echo "$line" | sed -n 's/.*rendered[^0-9]*\([0-9][0-9]*\) ms.*/\1/p')
  # the CPU of xvfb-run's shell and Xvfb is included; the app's JVM is almost all of it
  cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/time")
  # the app's own CPU up to the first tree (JVM process, FX thread), when the build prints it
  jvm=$(echo "$line" | sed -n 's/.*CPU: process \([0-9][0-9]*\) ms.*/\1/p')
  fx=$(echo "$line" | sed -n 's/.*FX thread \([0-9][0-9]*\) ms.*/\1/p')
  # when the rest of the window (details, sources, map: added after the first tree) was laid out
  whole=$(echo "$line" | sed -n 's/.*whole window \([0-9][0-9]*\).*/\1/p')
  echo "$1 run: ${line:-no probe line} [whole run incl. Xvfb: cpu ${cpu} ms]"
  [ -z "$ms" ] || echo "$ms $cpu ${jvm:--} ${fx:--} ${whole:--}" >> "$work/$1"
}

# Each build keeps its class archive in its own cache folder for the run (the launcher keeps one
# archive per mode and would otherwise replace one build's with the other's at every start).
for name in this ${before:+before}; do
  [ "$name" = this ] && b=$home || b=$before
  if [ "${CAPSCOPE_CDS:-1}" != 0 ]; then
    printf 'recording the class archive of %s (first start, not counted): ' "$b"
    XDG_CACHE_HOME="$work/cache-$name" CAPSCOPE_JAVA_OPTS="-Dcapscope.startupProbe=true $CAPSCOPE_JAVA_OPTS" \
      xvfb-run -a -s "-screen 0 1600x1000x24" "$b/bin/capscope" 2>&1 | grep -o 'first tree rendered[^(]*' || echo "no probe line"
  fi
done
i=0
while [ "$i" -lt "$n" ]; do
  i=$((i + 1))
  if [ -n "$before" ] && [ $((i % 2)) = 0 ]; then one_run before "$before"; fi
  one_run this "$home"
  if [ -n "$before" ] && [ $((i % 2)) = 1 ]; then one_run before "$before"; fi
done
for name in this before; do
  [ -f "$work/$name" ] || continue
  for col in 1 2 3 4 5; do
    case $col in 1) what='first tree rendered (wall)' ;; 2) what='CPU of the whole run (user+sys, incl. Xvfb)' ;;
      3) what='CPU of the JVM up to the first tree' ;; 4) what='CPU of the FX thread up to the first tree' ;;
      5) what='whole window laid out (the rest added after the first tree)' ;; esac
    cut -d' ' -f$col "$work/$name" | grep -v '^-$' | sort -n | awk -v what="$name: $what" '
      { v[NR] = $1 } END { if (NR == 0) exit 0; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
      printf "%s: median %d ms, min %d ms, max %d ms over %d runs\n", what, m, v[1], v[NR], NR }'
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
