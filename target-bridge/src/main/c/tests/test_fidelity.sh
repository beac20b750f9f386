#!/bin/sh
# Replays the fidelity probes (fidelity/probe_*.c, built against l4sim as
# fid-<probe> next to this script) against the goldens recorded on Fiasco.OC
# (target-bridge/src/test/fidelity/<probe>.golden), line by line, in both
# l4_task_cap_equal modes: unpatched (the l4re profile) against the recorded
# lines, Genode's identity patch (--identity, the genode-* profiles) against
# genode/<probe>.golden, which must be what tests/fidelity_identity.awk derives
# from the recorded golden. Run from target-bridge/src/main/c (make check does).
bin=$(cd "$(dirname "$0")" && pwd)
golden=${FIDELITY_GOLDEN:-../../test/fidelity}
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# compare <golden> <actual> <label>: prints one message per differing line
compare() {
  awk -v label="$3" '
    function key(l) { sub(/ # .*$/, "", l); return l }
    function sem(l) { return index(l, " # ") ? substr(l, index(l, " # ") + 3) : "" }
    function op(l,   k) { k = key(l); sub(/^FID [^ ]* /, "", k); sub(/ = -?[0-9]+$/, "", k); return k }
    function val(l,   k) { k = key(l); sub(/^.* = /, "", k); return k }
    FNR == NR { if ($0 !~ /^#/ && $0 != "") { g[++ng] = $0; gl[ng] = FNR }; next }
    /^FID / { a[++na] = $0 }
    END {
      bad = 0
      for (i = 1; i <= ng || i <= na; i++) {
        if (i > na) { printf "  %s line %d: l4sim stopped before \"%s\"\n", label, gl[i], key(g[i]); bad++; break }
        if (i > ng) { printf "  %s: l4sim printed more lines than the golden, from \"%s\"\n", label, key(a[i]); bad++; break }
        if (key(g[i]) == key(a[i])) continue
        bad++
        if (bad <= 25) {
          if (op(g[i]) == op(a[i]))
            printf "  %s line %d: %s: Fiasco.OC gave %s, l4sim gave %s -- %s\n", label, gl[i], op(g[i]), val(g[i]), val(a[i]), sem(g[i])
          else
            printf "  %s line %d: expected \"%s\", l4sim printed \"%s\" -- %s\n", label, gl[i], key(g[i]), key(a[i]), sem(g[i])
        }
      }
      if (bad > 25) printf "  %s: %d more differing lines\n", label, bad - 25
      printf "  %s: %d observations, %d differ\n", label, ng - 2, bad
      exit bad > 0
    }' "$1" "$2"
}

probes=$(ls "$bin" | sed -n 's/^fid-//p' | sort)
[ -n "$probes" ] || bad "no probe binaries (fid-*) next to $0"
total=0
for p in $probes; do
  g=$golden/$p.golden
  if [ ! -f "$g" ]; then
    bad "$p: no golden $g: record it on Fiasco.OC (target-bridge/real-targets/record-fidelity.sh $p)"
    continue
  fi
  total=$((total + $(grep -c "^FID $p\." "$g")))
  "$bin/fid-$p" > "$tmp/$p.out" 2>&1 || echo "  fid-$p exited with status $?"
  if compare "$g" "$tmp/$p.out" "$p.golden"; then
    ok "$p: l4sim (unpatched l4_task_cap_equal) matches every line recorded on Fiasco.OC"
  else
    bad "$p: l4sim differs from Fiasco.OC (lines above: operation, both results, semantic)"
  fi
  gg=$golden/genode/$p.golden
  awk -f tests/fidelity_identity.awk "$g" > "$tmp/$p.identity"
  if [ -f "$gg" ] && cmp -s "$gg" "$tmp/$p.identity"; then
    ok "$p: genode/$p.golden is the identity-patch derivation of $p.golden"
  else
    bad "$p: genode/$p.golden is missing or stale: regenerate it with awk -f tests/fidelity_identity.awk $g > $gg"
  fi
  "$bin/fid-$p" --identity > "$tmp/$p.idout" 2>&1 || echo "  fid-$p --identity exited with status $?"
  if compare "$tmp/$p.identity" "$tmp/$p.idout" "genode/$p.golden"; then
    ok "$p: l4sim with Genode's l4_task_cap_equal matches the patched expectations"
  else
    bad "$p: l4sim --identity differs from the patched expectations"
  fi
done
echo "fidelity: $total observations recorded on Fiasco.OC"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
