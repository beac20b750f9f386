#!/bin/sh
# capsim start-up time against scenario size: init plus N-1 children (each with its
# environment sessions, a LOG session and a dataspace), timed from exec to the
# "listening" line. Prints one line per size; the last is the limit (1000 components).
set -eu
CAPSIM=${CAPSIM:?set CAPSIM to the capsim binary}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for n in 100 500 1000; do
  scn="$dir/size-$n.scn"
  {
    echo "component init"
    echo "repeat $((n - 1)) component c{i} parent=init"
    echo "repeat $((n - 1)) session c{i} LOG"
    echo "repeat $((n - 1)) dataspace c{i} 4K"
  } > "$scn"
  start=$(date +%s%N)
  # capsim prints "listening ..." once it serves; "quit" on stdin then ends it.
  first=$( (echo quit) | "$CAPSIM" --scenario "$scn" --listen "unix:$dir/s.sock" 2>/dev/null | head -1)
  end=$(date +%s%N)
  case $first in listening*) ;; *) echo "capsim did not start for $n components" >&2; exit 1 ;; esac
  ms=$(( (end - start) / 1000000 ))
  echo "capsim start-up: $n components, $((n - 1)) sessions, $((n - 1)) dataspaces: $ms ms ($(( ms * 1000 / n )) us per component)"
done
