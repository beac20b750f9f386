/*
 * \brief  The agent core against the l4sys of Genode 25.02's Fiasco.OC port
 *
 * Included before each of the agent core's C files (capscope_agent.mk). The
 * port's l4sys (2019) takes the UTCB area of l4_factory_create_task by value;
 * l4sys since 2024 takes a pointer (in/out), which the core may be written
 * for. Either call compiles here and reaches the port's function.
 */
#ifndef _CAPSCOPE__L4SYS_COMPAT_H_
#define _CAPSCOPE__L4SYS_COMPAT_H_

#include <l4/sys/factory.h>

static inline l4_msgtag_t capscope_create_task_by_value(l4_cap_idx_t factory, l4_cap_idx_t cap,
                                                        l4_fpage_t utcb_area)
{
	return (l4_factory_create_task)(factory, cap, utcb_area);
}

static inline l4_msgtag_t capscope_create_task_by_pointer(l4_cap_idx_t factory, l4_cap_idx_t cap,
                                                          l4_fpage_t *utcb_area)
{
	return (l4_factory_create_task)(factory, cap, *utcb_area);
}

#define l4_factory_create_task(factory, cap, utcb_area) \
	_Generic((utcb_area), l4_fpage_t *: capscope_create_task_by_pointer, \
	                      default:      capscope_create_task_by_value)((factory), (cap), (utcb_area))

#endif
