/* l4sim: the attribute calls of l4/sys/vcon.h (real names and types). On
 * Fiasco the kernel console is a Vlog object; l4sim models it by a tty that
 * l4sim_vcon_bind() puts behind a cap: L4_VCON_ECHO is the tty's ECHO flag.
 * A console starts with echo on, as Fiasco's does. */
#pragma once
#include <l4/sys/compiler.h>
#include <l4/sys/ipc.h>
#include <l4/sys/types.h>

typedef struct l4_vcon_attr_t {
  l4_umword_t i_flags; /* input flags */
  l4_umword_t o_flags; /* output flags */
  l4_umword_t l_flags; /* local flags */
} l4_vcon_attr_t;

enum L4_vcon_l_flags {
  L4_VCON_ICANON = 000002,
  L4_VCON_ECHO = 000010,
};

L4_BEGIN_DECLS

l4_msgtag_t l4_vcon_set_attr(l4_cap_idx_t vcon, l4_vcon_attr_t const *attr) L4_NOTHROW;
l4_msgtag_t l4_vcon_get_attr(l4_cap_idx_t vcon, l4_vcon_attr_t *attr) L4_NOTHROW;

L4_END_DECLS
