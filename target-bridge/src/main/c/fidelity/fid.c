/* Output and operation helpers of the fidelity probes (see fid.h). */
#include "fid.h"

#include <stdarg.h>
#include <stdio.h>

static const char *probe_name = "?";
static const char *semantic = "";
static unsigned seq;
static unsigned long next_label = FID_LABEL;

void fid_begin(const char *probe) {
  probe_name = probe;
  seq = 0;
  printf("FID begin %s\n", probe);
  fflush(stdout);
}

void fid_end(void) {
  printf("FID end %s %u\n", probe_name, seq);
  fflush(stdout);
}

void fid_sem(const char *s) { semantic = s; }

const char *fid_rights(unsigned r) {
  static const char *names[16] = {"-", "W",  "S",  "WS",  "R",  "RW",  "RS",  "RWS",
                                  "D", "WD", "SD", "WSD", "RD", "RWD", "RSD", "RWSD"};
  return names[r & 15];
}

static long vobs(long value, const char *fmt, va_list ap) {
  char op[160];
  vsnprintf(op, sizeof op, fmt, ap);
  printf("FID %s.%03u %s = %ld # %s\n", probe_name, ++seq, op, value, semantic);
  fflush(stdout);
  return value;
}

long fid_obs(long value, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vobs(value, fmt, ap);
  va_end(ap);
  return value;
}

long fid_rc(l4_msgtag_t tag, const char *fmt, ...) {
  long v = l4_error(tag);
  va_list ap;
  va_start(ap, fmt);
  vobs(v, fmt, ap);
  va_end(ap);
  return v;
}

long fid_valid(l4_cap_idx_t task, const char *tname, unsigned long sel) {
  return fid_rc(l4_task_cap_valid(task, FID_K(sel)), "valid %s 0x%lx", tname, sel);
}

void fid_valid_range(l4_cap_idx_t task, const char *tname, unsigned long first, unsigned n) {
  char bits[65];
  long value = 0;
  if (n > 64)
    n = 64;
  for (unsigned i = 0; i < n; i++) {
    long v = l4_error(l4_task_cap_valid(task, FID_K(first + i)));
    bits[i] = v == 1 ? '1' : v == 0 ? '0' : 'e';
    if (v == 1)
      value++;
  }
  bits[n] = 0;
  fid_obs(value, "valid %s 0x%lx..0x%lx %s", tname, first, first + n - 1, bits);
}

static long same_ids(unsigned long a, unsigned long b) {
  unsigned long ia = l4_debugger_global_id(FID_K(a));
  unsigned long ib = l4_debugger_global_id(FID_K(b));
  if (ia == ~0UL || ib == ~0UL)
    return -1;
  return ia == ib;
}

static long same(l4_cap_idx_t task, unsigned long a, unsigned long b) {
  if (task == FID_ME)
    return same_ids(a, b);
  /* Only the caller's own slots can be asked for their object's id. */
  unsigned long sa = FID_SCRATCH, sb = FID_SCRATCH + 1;
  l4_task_map(FID_ME, task, l4_obj_fpage(FID_K(a), 0, FID_R), l4_map_obj_control(FID_K(sa), 0));
  l4_task_map(FID_ME, task, l4_obj_fpage(FID_K(b), 0, FID_R), l4_map_obj_control(FID_K(sb), 0));
  long v = same_ids(sa, sb);
  fid_release(FID_ME, sa);
  fid_release(FID_ME, sb);
  return v;
}

long fid_equal_raw(l4_cap_idx_t task, const char *tname, l4_cap_idx_t a, const char *aname,
                   l4_cap_idx_t b, const char *bname) {
  long v = fid_rc(l4_task_cap_equal(task, a, b), "equal %s %s %s", tname, aname, bname);
  /* Bits 10 and 11 mark a special index: it names no slot, so no "same". */
  if (!((a | b) & 0xc00UL))
    fid_obs(same(task, a >> L4_CAP_SHIFT, b >> L4_CAP_SHIFT), "same %s %s %s", tname, aname, bname);
  return v;
}

long fid_equal(l4_cap_idx_t task, const char *tname, unsigned long a, unsigned long b) {
  char an[24], bn[24];
  snprintf(an, sizeof an, "0x%lx", a);
  snprintf(bn, sizeof bn, "0x%lx", b);
  return fid_equal_raw(task, tname, FID_K(a), an, FID_K(b), bn);
}

long fid_gate(unsigned long sel) {
  return fid_rc(l4_factory_create_gate(FID_FACTORY, FID_K(sel), L4_INVALID_CAP, next_label += 4),
                "create gate 0x%lx", sel);
}

long fid_irq(unsigned long sel) {
  return fid_rc(l4_factory_create_irq(FID_FACTORY, FID_K(sel)), "create irq 0x%lx", sel);
}

long fid_thread(unsigned long sel) {
  return fid_rc(l4_factory_create_thread(FID_FACTORY, FID_K(sel)), "create thread 0x%lx", sel);
}

long fid_task(unsigned long sel) {
  /* The new task's UTCB area: one page at an address free in both worlds. */
  l4_fpage_t utcb = l4_fpage(0xb3000000UL, 12, L4_FPAGE_RW);
  return fid_rc(l4_factory_create_task(FID_FACTORY, FID_K(sel), &utcb), "create task 0x%lx", sel);
}

long fid_map(l4_cap_idx_t dst, const char *dname, l4_cap_idx_t src, const char *sname,
             unsigned long from, unsigned order, unsigned rights, unsigned long to, int grant) {
  return fid_rc(l4_task_map(dst, src, l4_obj_fpage(FID_K(from), order, (unsigned char)rights),
                            l4_map_obj_control(FID_K(to), grant ? L4_MAP_ITEM_GRANT : 0)),
                "%s %s:0x%lx/%u %s -> %s:0x%lx", grant ? "grant" : "map", sname, from, order,
                fid_rights(rights), dname, to);
}

long fid_map_me(unsigned long from, unsigned order, unsigned rights, unsigned long to, int grant) {
  return fid_map(FID_ME, "me", FID_ME, "me", from, order, rights, to, grant);
}

static const char *mask_name(l4_umword_t mask) {
  if ((mask & L4_FP_DELETE_OBJ) == L4_FP_DELETE_OBJ)
    return "delete_obj";
  if (mask & L4_FP_ALL_SPACES)
    return "all_spaces";
  return "other_spaces";
}

long fid_unmap(l4_cap_idx_t task, const char *tname, unsigned long sel, unsigned order, unsigned rights,
               l4_umword_t mask) {
  return fid_rc(l4_task_unmap(task, l4_obj_fpage(FID_K(sel), order, (unsigned char)rights), mask),
                "unmap %s 0x%lx/%u %s %s", tname, sel, order, fid_rights(rights), mask_name(mask));
}

long fid_delete(l4_cap_idx_t task, const char *tname, unsigned long sel) {
  return fid_rc(l4_task_delete_obj(task, FID_K(sel)), "delete_obj %s 0x%lx", tname, sel);
}

void fid_release(l4_cap_idx_t task, unsigned long sel) { l4_task_delete_obj(task, FID_K(sel)); }

void fid_drop(l4_cap_idx_t task, unsigned long sel) { l4_task_release_cap(task, FID_K(sel)); }
