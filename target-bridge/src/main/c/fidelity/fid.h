/* Fidelity probes: sequences of object-capability operations on the calling
 * task (and on a task it creates), written against the l4sys C API only, so
 * the same source runs on Fiasco.OC (as an L4Re program) and on l4sim. Each
 * observation prints one line:
 *
 *   FID <probe>.<nnn> <operation> = <result> # <semantic>
 *
 * Lines recorded on the real kernel are the golden files; CI runs the probes
 * on l4sim and compares the text before " # " line by line.
 *
 * The probe starts with the caps an L4Re program started by ned has: its own
 * task at L4_BASE_TASK_CAP and a kernel factory at L4_BASE_FACTORY_CAP, both
 * with rights RWS, and (passed by the ned script) the kernel debugger at
 * L4_BASE_DEBUGGER_CAP. It works on selectors from FID_BASE on, which are
 * empty there. */
#pragma once
#include <l4/sys/consts.h>
#include <l4/sys/debugger.h>
#include <l4/sys/err.h>
#include <l4/sys/factory.h>
#include <l4/sys/ipc.h>
#include <l4/sys/task.h>
#include <l4/sys/types.h>

#define FID_ME L4_BASE_TASK_CAP
#define FID_FACTORY L4_BASE_FACTORY_CAP
#define FID_K(sel) ((l4_cap_idx_t)(sel) << L4_CAP_SHIFT)
/* First selector a probe uses, and the slots fid_equal() borrows. */
#define FID_BASE 0x800u
#define FID_SCRATCH 0xfe0u
/* A probe creates its objects with labels from here (distinct per object). */
#define FID_LABEL 0x1000u

#define FID_R L4_CAP_FPAGE_R
#define FID_W L4_CAP_FPAGE_W
#define FID_S L4_CAP_FPAGE_S
#define FID_D L4_CAP_FPAGE_D

/* The probe's entry point: each probe source defines it. */
void fid_run(void);

/* Start/end of a probe's output; fid_end prints the observation count. */
void fid_begin(const char *probe);
void fid_end(void);
/* The semantic the following observations probe (named in a mismatch). */
void fid_sem(const char *semantic);

/* Rights 0..15 as text: "RWSD", "R", "-" for none. */
const char *fid_rights(unsigned rights);

/* Print "<op> = <value>"; returns value. */
long fid_obs(long value, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* l4_error() of tag, printed as the result of the operation named. */
long fid_rc(l4_msgtag_t tag, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Observations on the slot(s) of a task: `task` is a cap in the calling
 * task's space, `tname` how lines name it. */
long fid_valid(l4_cap_idx_t task, const char *tname, unsigned long sel);
/* Several slots in one line: "valid me 0x800..0x803 = 1101". */
void fid_valid_range(l4_cap_idx_t task, const char *tname, unsigned long first, unsigned n);
/* l4_task_cap_equal of two slots, followed by whether they name the same
 * object by the kernel debugger's global ids ("same": 1 same, 0 different,
 * -1 a slot is empty; for a task other than the caller's both slots are first
 * copied, R only, to FID_SCRATCH). The pair is what the expectations of
 * Genode's patched l4_task_cap_equal are derived from (docs/fidelity.md). */
long fid_equal(l4_cap_idx_t task, const char *tname, unsigned long a, unsigned long b);
/* The same for raw cap indices (invalid bit, low bits); "same" is printed
 * only when neither is special (bit 10 or 11 set). */
long fid_equal_raw(l4_cap_idx_t task, const char *tname, l4_cap_idx_t a, const char *aname,
                   l4_cap_idx_t b, const char *bname);

/* Operations, each printing its result code. */
long fid_gate(unsigned long sel); /* unbound IPC gate with a fresh label */
long fid_irq(unsigned long sel);
long fid_thread(unsigned long sel);
long fid_task(unsigned long sel);
long fid_map(l4_cap_idx_t dst, const char *dname, l4_cap_idx_t src, const char *sname,
             unsigned long from, unsigned order, unsigned rights, unsigned long to, int grant);
/* Shorthand: map within the caller's own task. */
long fid_map_me(unsigned long from, unsigned order, unsigned rights, unsigned long to, int grant);
long fid_unmap(l4_cap_idx_t task, const char *tname, unsigned long sel, unsigned order, unsigned rights,
               l4_umword_t mask);
long fid_delete(l4_cap_idx_t task, const char *tname, unsigned long sel);
/* Clean-up between groups, quietly (no line): fid_release deletes the
 * object if the slot holds D, else empties the slot; fid_drop only empties
 * the slot (l4_task_release_cap). */
void fid_release(l4_cap_idx_t task, unsigned long sel);
void fid_drop(l4_cap_idx_t task, unsigned long sel);
