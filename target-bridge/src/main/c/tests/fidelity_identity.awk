# Derive the expectations for a kernel with Genode's l4_task_cap_equal patch
# (base-foc patch 0002-FOC-change-l4_task_cap_equal-semantic) from a golden
# recorded on an unpatched Fiasco.OC. The patched call answers 1 when both cap
# indices are identical, the unpatched answer when one is special (bit 10 or 11
# set), 0 when either slot is empty, else whether both name the same object.
# The probe prints after each "equal" line a "same" line with exactly that fact
# (kernel debugger ids): 1 same object, 0 different, -1 a slot empty; no "same"
# line for a special index. Everything else is unchanged.
# Usage: awk -f fidelity_identity.awk probe.golden > genode/probe.golden
function key(line) { sub(/ = -?[0-9]+ #.*$/, "", line); return line }
function operands(line,   f) { split(key(line), f, " "); return f[4] " " f[5] " " f[6] }
function value(line,   m) { match(line, / = -?[0-9]+ #/); return substr(line, RSTART + 3, RLENGTH - 5) + 0 }
function setvalue(line, v,   m) {
  match(line, / = -?[0-9]+ #/)
  return substr(line, 1, RSTART - 1) " = " v " #" substr(line, RSTART + RLENGTH)
}
/^#/ && !body {
  if (!header_done) {
    print "# Expectations for Fiasco.OC with Genode's l4_task_cap_equal patch"
    print "# (genode repos/base-foc/patches/0002-FOC-change-l4_task_cap_equal-semantic.patch):"
    print "# derived by target-bridge/src/main/c/tests/fidelity_identity.awk from the"
    print "# real-kernel golden below; only the 'equal' lines differ. That golden's header:"
    header_done = 1
  }
  print "#  " substr($0, 3)
  next
}
{ body = 1; lines[++n] = $0 }
END {
  for (i = 1; i <= n; i++) {
    l = lines[i]
    split(key(l), f, " ")
    if (f[3] == "equal" && i < n) {
      nx = lines[i + 1]
      split(key(nx), g, " ")
      if (g[3] == "same" && operands(l) == operands(nx) && value(l) >= 0) {
        if (f[5] == f[6]) v = value(l)
        else v = value(nx) == 1 ? 1 : 0
        l = setvalue(l, v)
      }
    }
    print l
  }
}
