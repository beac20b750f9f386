#include "agent/console.h"

#include <l4/sys/vcon.h>

bool console_echo_off(l4_cap_idx_t con) {
  l4_vcon_attr_t attr;
  if (l4_error(l4_vcon_get_attr(con, &attr)) != 0)
    return false;
  attr.l_flags &= ~(l4_umword_t)L4_VCON_ECHO;
  if (l4_error(l4_vcon_set_attr(con, &attr)) != 0)
    return false;
  /* Read it back: a console that ignores the flag still echoes. */
  return l4_error(l4_vcon_get_attr(con, &attr)) == 0 && !(attr.l_flags & L4_VCON_ECHO);
}
