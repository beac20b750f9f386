#!/bin/bash
# Record what the running Genode demo (genode.sh start) answers over its serial line, as the
# fixtures Capscope's tests replay (samples/recorded/). Uses this checkout's capscope (build it
# first: mvn -B -q package -DskipTests) through serial-record.py, which keeps the transcript.
#
# Usage: genode-record.sh OUTDIR      (GENODE_DIR, GENODE_BUILD, STATE as for genode.sh)
# Writes into OUTDIR: transcript.txt (every line on the wire), targets.json, walk-TASK.json for
# every task, objects-shared.json (objects --shared), log_client-1..3.json (snapshots 4 s apart), static_check.json with the two
# static-check-dump-N.txt it lies between (the component's own Cap_index dumps), com1.log (the
# boot and Genode log), bench.txt (SerialWalkBench), versions.txt.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CHECKOUT=$(cd "$HERE/../.." && pwd)
OUT=${1:?usage: $0 OUTDIR}
: "${GENODE_DIR:?}" "${GENODE_BUILD:?}"
STATE=${STATE:-$GENODE_BUILD/var/capscope}
RUNLOG=$STATE/run.log
SOCK=$GENODE_BUILD/var/run/capscope_demo.com2.sock
C=$CHECKOUT/app/target/capscope/bin/capscope
[ -x "$C" ] || { echo "build capscope first: mvn -B -q package -DskipTests" >&2; exit 2; }
[ -S "$SOCK" ] || { echo "no serial socket $SOCK: start the demo with genode.sh start" >&2; exit 2; }
mkdir -p "$OUT"
REC=/tmp/capscope-genode-com2.sock   # the endpoint the snapshots name
rm -f "$OUT/transcript.txt" "$REC"   # a socket left by an earlier proxy would pass the wait below
python3 "$HERE/serial-record.py" "$REC" "$SOCK" "$OUT/transcript.txt" &
proxy=$!
trap 'kill $proxy 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -S "$REC" ] && break; sleep 0.1; done
T="serial:$REC"

# label the transcript's next client section (replay_serial TRANSCRIPT SOCKET LABEL replays it)
run() { echo "# run: $1" >> "$OUT/transcript.txt"; }

dumps() { grep -ac 'capscope-dump: end #' "$RUNLOG" || true; }
# the lines of dump #N from the run log, without Genode's colour codes
dump_lines() { sed -n "/capscope-dump: begin #$1 /,/capscope-dump: end #$1 /p" "$RUNLOG" | tr -d '\r' | sed 's/\x1b\[[0-9;]*m//g'; }

run targets
"$C" targets --target "$T" --json > "$OUT/targets.json"
tasks=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join(t["name"] for t in d["tasks"]))' "$OUT/targets.json")
while read -r t; do
  run "walk $t"
  "$C" walk --target "$T" --task "$t" --json > "$OUT/walk-$t.json"
done <<< "$tasks"

run "objects --shared"
"$C" objects --target "$T" --shared --json > "$OUT/objects-shared.json" || true   # exit 1: findings

for i in 1 2 3; do
  run "snapshot log_client-$i"
  "$C" snapshot --target "$T" --task log_client -o "$OUT/log_client-$i.json"
  [ "$i" = 3 ] || sleep 4
done

# static_check between two of its own dumps
n=$(dumps)
while [ "$(dumps)" = "$n" ]; do sleep 0.5; done
n=$(dumps)
run "snapshot static_check"
"$C" snapshot --target "$T" --task static_check -o "$OUT/static_check.json"
while [ "$(dumps)" = "$n" ]; do sleep 0.5; done
dump_lines "$n" > "$OUT/static-check-dump-$n.txt"
dump_lines $((n + 1)) > "$OUT/static-check-dump-$((n + 1)).txt"

run bench
(cd "$CHECKOUT" && mvn -B -q -o -pl target-bridge -am -Pserial-bench -Dcapscope.serial="$T" -DskipTests verify) \
  2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(serial:|[a-z_]+ +[0-9]+ valid)' > "$OUT/bench.txt" || true

tr -d '\r' < "$RUNLOG" | sed 's/\x1b\[[0-9;]*m//g' | sed -n '/^spawn qemu/,$p' > "$OUT/com1.log"
{
  echo "capscope $(git -C "$CHECKOUT" rev-parse HEAD)"
  echo "genode $(git -C "$GENODE_DIR" describe --tags --always) $(git -C "$GENODE_DIR" rev-parse HEAD)"
  echo "foc port $(cat "$GENODE_DIR/repos/base-foc/ports/foc.hash")"
  sed -n 's/^REV(\(.*\)) *:= */\1 /p' "$GENODE_DIR/repos/base-foc/ports/foc.port"
  echo "toolchain $(gcc --version | head -1)"
  echo "qemu $(qemu-system-x86_64 --version | head -1)"
  echo "recorded $(date -u +%FT%TZ)"
} > "$OUT/versions.txt"
echo "recorded into $OUT: $(ls "$OUT" | tr '\n' ' ')"
