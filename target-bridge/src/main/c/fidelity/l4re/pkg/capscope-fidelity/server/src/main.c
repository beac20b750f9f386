/* A fidelity probe as an L4Re program (compiled only in an L4Re tree): checks
 * that ned put the factory where the probe expects it, then runs the probe.
 * Its output goes to the program's log, i.e. the serial console. */
#include <stdio.h>

#include <l4/re/env.h>

#include "fid.h"

int main(void) {
  l4re_env_t *env = l4re_env();
  if ((env->factory >> L4_CAP_SHIFT) != (FID_FACTORY >> L4_CAP_SHIFT))
    printf("FID warning: the environment's factory is at 0x%lx, not 0x%lx\n",
           (unsigned long)(env->factory >> L4_CAP_SHIFT), (unsigned long)(FID_FACTORY >> L4_CAP_SHIFT));
  fid_run();
  return 0;
}
