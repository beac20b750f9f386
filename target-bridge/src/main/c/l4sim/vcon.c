/* l4sim: a kernel console (Vlog) modelled by a tty; see l4/sys/vcon.h. */
#include <l4/sys/err.h>
#include <l4/sys/vcon.h>
#include <l4sim/sim.h>
#include <termios.h>

#include "kobj.h"

static struct {
  l4_cap_idx_t cap;
  int fd;
} console = {L4_INVALID_CAP, -1};

int l4sim_vcon_bind(l4_cap_idx_t cap, int tty_fd) {
  struct termios tio;
  if (tcgetattr(tty_fd, &tio) != 0)
    return -1;
  tio.c_lflag |= ECHO; /* how Fiasco's console starts */
  if (tcsetattr(tty_fd, TCSANOW, &tio) != 0)
    return -1;
  console.cap = cap;
  console.fd = tty_fd;
  return 0;
}

static bool bound(l4_cap_idx_t vcon, struct termios *tio) {
  return !l4_is_invalid_cap(vcon) && (vcon >> L4_CAP_SHIFT) == (console.cap >> L4_CAP_SHIFT) &&
         console.fd >= 0 && tcgetattr(console.fd, tio) == 0;
}

l4_msgtag_t l4_vcon_get_attr(l4_cap_idx_t vcon, l4_vcon_attr_t *attr) {
  struct termios tio;
  if (!bound(vcon, &tio))
    return l4sim_ipc_fail(L4_IPC_ENOT_EXISTENT);
  attr->i_flags = 0;
  attr->o_flags = 0;
  attr->l_flags = (tio.c_lflag & ECHO) ? L4_VCON_ECHO : 0;
  return l4sim_result(L4_EOK);
}

l4_msgtag_t l4_vcon_set_attr(l4_cap_idx_t vcon, l4_vcon_attr_t const *attr) {
  struct termios tio;
  if (!bound(vcon, &tio))
    return l4sim_ipc_fail(L4_IPC_ENOT_EXISTENT);
  if (attr->l_flags & L4_VCON_ECHO)
    tio.c_lflag |= ECHO;
  else
    tio.c_lflag &= ~(tcflag_t)ECHO;
  return l4sim_result(tcsetattr(console.fd, TCSANOW, &tio) == 0 ? L4_EOK : -L4_EINVAL);
}
