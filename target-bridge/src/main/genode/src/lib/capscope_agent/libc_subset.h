/*
 * \brief  Set-up of the libc subset the agent core uses (libc_subset.cc)
 */

#ifndef _CAPSCOPE__LIBC_SUBSET_H_
#define _CAPSCOPE__LIBC_SUBSET_H_

#include <base/allocator.h>

namespace Capscope {

	/* malloc & co. of the agent core allocate from `alloc` from now on */
	void libc_subset_init(Genode::Allocator &alloc);
}

#endif
