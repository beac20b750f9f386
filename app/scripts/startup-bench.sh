#!/bin/sh
# Start-up to the first rendered tree on the demo target, measured N times under Xvfb.
#
#   app/scripts/startup-bench.sh [N] [CAPSCOPE_HOME]     (defaults: 7, app/target/capscope)
#
# Each run starts bin/capscope with -Dcapscope.startupProbe=true: the app starts capsim, attaches,
# prints "first tree rendered after N ms (since JVM start; milestones: ...)" and exits. Prints
# every run, then the median and the load average. Needs xvfb-run (apt-get install xvfb
# libgtk-3-0). The first run with AppCDS on records the class archive (slower, reported apart);
# CAPSCOPE_CDS=0 in the environment measures without it.
set -e
n=${1:-7}
home=${2:-$(dirname "$0")/../target/capscope}
[ -x "$home/bin/capscope" ] || { echo "no $home/bin/capscope: run mvn -B -q package -DskipTests first" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [ "${CAPSCOPE_CDS:-1}" != 0 ] && ! ls "${XDG_CACHE_HOME:-$HOME/.cache}"/capscope/capscope-gui-*.jsa >/dev/null 2>&1; then
  printf 'recording the class archive (first start): '
  CAPSCOPE_JAVA_OPTS="-Dcapscope.startupProbe=true" xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$home/bin/capscope" 2>&1 | grep -o 'first tree rendered[^(]*' || echo "no probe line"
fi
i=0
while [ "$i" -lt "$n" ]; do
  i=$((i + 1))
  line=$(CAPSCOPE_JAVA_OPTS="-Dcapscope.startupProbe=true" xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$home/bin/capscope" 2>&1 | grep -m1 'first tree rendered' || true)
  echo "run $i: ${line:-no probe line}"
  echo "$line" | sed -n 's/.*rendered[^0-9]*\([0-9][0-9]*\) ms.*/\1/p' >> "$out"
done
sort -n "$out" | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
  printf "first tree rendered: median %d ms, min %d ms, max %d ms over %d runs\n", m, v[1], v[NR], NR }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
