/* Runs one fidelity probe on l4sim: boots the model, sets up the probe's task
 * the way ned starts an L4Re program (its own task cap at L4_BASE_TASK_CAP and
 * a copy of the kernel factory at L4_BASE_FACTORY_CAP, both mapped RWS by the
 * loader, and the kernel debugger at L4_BASE_DEBUGGER_CAP), enters it and
 * calls fid_run().
 *   fid-<probe> [--identity]   --identity: l4_task_cap_equal as patched by Genode */
#include <stdio.h>
#include <string.h>

#include <l4sim/sim.h>

#include "fid.h"

#define LOADER_TASK_SLOT 0x40u

int main(int argc, char **argv) {
  struct l4sim_config cfg = {.cap_equal_identity = argc > 1 && !strcmp(argv[1], "--identity")};
  if (argc > 1 && !cfg.cap_equal_identity) {
    fprintf(stderr, "usage: %s [--identity]\n", argv[0]);
    return 2;
  }
  if (!l4sim_boot(&cfg)) {
    fprintf(stderr, "%s: l4sim did not boot\n", argv[0]);
    return 1;
  }
  l4_cap_idx_t task = FID_K(LOADER_TASK_SLOT);
  l4_fpage_t utcb = l4_fpage(0xb3000000UL, 12, L4_FPAGE_RW);
  long e = l4_error(l4_factory_create_task(L4_BASE_FACTORY_CAP, task, &utcb));
  if (!e)
    e = l4_error(l4_task_map(task, L4_BASE_TASK_CAP, l4_obj_fpage(task, 0, L4_CAP_FPAGE_RWS),
                             l4_map_obj_control(L4_BASE_TASK_CAP, 0)));
  if (!e)
    e = l4_error(l4_task_map(task, L4_BASE_TASK_CAP,
                             l4_obj_fpage(L4_BASE_FACTORY_CAP, 0, L4_CAP_FPAGE_RWS),
                             l4_map_obj_control(L4_BASE_FACTORY_CAP, 0)));
  /* ned maps the kernel debugger at L4_BASE_DEBUGGER_CAP when the script
   * passes it (caps = { jdb = L4.Env.jdb }), as the recording does. */
  if (!e)
    e = l4_error(l4_task_map(task, L4_BASE_TASK_CAP,
                             l4_obj_fpage(L4_BASE_DEBUGGER_CAP, 0, L4_CAP_FPAGE_RWS),
                             l4_map_obj_control(L4_BASE_DEBUGGER_CAP, 0)));
  if (e || !l4sim_enter_task(l4sim_task_id_of(task))) {
    fprintf(stderr, "%s: could not set up the probe's task (error %ld)\n", argv[0], e);
    l4sim_shutdown();
    return 1;
  }
  fid_run();
  l4sim_shutdown();
  return 0;
}
