# Normalise gcc -aux-info output to one prototype per function:
#   <return type> <name>(<parameter types>)
# parameter names dropped, storage class dropped, first declaration of a name
# kept. Only functions whose name starts with l4_ are printed.
# Used by tests/test_l4sys_prototypes.sh (l4sim's headers) and by
# target-bridge/real-targets/extract-l4sys-prototypes.sh (the real l4sys).
function trim(s) { gsub(/^ +| +$/, "", s); gsub(/  +/, " ", s); return s }
{
  line = $0
  if (line !~ /^\/\* .*:(NC|NF|OC|OF) \*\//) next
  defn = line ~ /:(NF|OF) \*\// 
  sub(/^\/\* [^*]*\*\/ /, "", line)
  end = index(line, ");")
  if (!end) next
  line = substr(line, 1, end)
  open = index(line, " (")
  head = substr(line, 1, open - 1)
  params = substr(line, open + 2, length(line) - open - 2)
  sub(/^(static |extern )?(inline )?/, "", head)
  n = split(head, w, " ")
  name = w[n]
  ret = ""
  for (i = 1; i < n; i++) ret = ret (i > 1 ? " " : "") w[i]
  while (substr(name, 1, 1) == "*") { ret = ret " *"; name = substr(name, 2) }
  ret = trim(ret)
  gsub(/ \*/, " *", ret)
  if (name !~ /^l4_/ || seen[name]++) next
  np = split(params, p, ", ")
  out = ""
  for (i = 1; i <= np; i++) {
    t = trim(p[i])
    # a definition names its parameters: drop the name (the last identifier)
    if (defn && t != "void" && t != "...") sub(/[A-Za-z_][A-Za-z0-9_]*$/, "", t)
    t = trim(t)
    gsub(/\* +/, "*", t)
    out = out (i > 1 ? ", " : "") t
  }
  print ret (ret ~ /\*$/ ? "" : " ") name "(" out ")"
}
