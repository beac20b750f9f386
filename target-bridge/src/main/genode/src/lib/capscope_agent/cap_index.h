/*
 * \brief  Reading a component's Cap_index array and kernel slots in place
 *
 * The Genode 25.02 cap-map entry this agent reads (the genode-foc-25 layout
 * profile): an AVL node, the ref count right after it, the 32-bit id at 36.
 */

#ifndef _CAPSCOPE__CAP_INDEX_H_
#define _CAPSCOPE__CAP_INDEX_H_

#include <foc/native_capability.h>
#include <foc/syscall.h>

/* base-internal: Cap_index (Native_capability::Data) */
#include <base/internal/cap_map.h>

namespace Capscope::Cap_index_reader {

	using namespace Genode;

	static_assert(sizeof(Cap_index) == 40, "Cap_index is not Genode 25.02's 40-byte entry");
	static_assert(sizeof(Cap_index::id_t) == 4, "Cap_index ids are not 32 bits wide");

	enum : unsigned {
		THREAD_FIRST  = unsigned(Foc::THREAD_AREA_BASE >> Foc::L4_CAP_SHIFT),
		THREAD_STRIDE = unsigned(Foc::THREAD_AREA_SLOT >> Foc::L4_CAP_SHIFT),
		THREAD_LAST   = THREAD_FIRST + Foc::THREAD_MAX * THREAD_STRIDE - 1,
		PARENT_SEL    = unsigned(Foc::PARENT_CAP >> Foc::L4_CAP_SHIFT),
		TASK_SEL      = unsigned(Foc::L4_BASE_TASK_CAP >> Foc::L4_CAP_SHIFT),
		USER_BASE_SEL = unsigned(Foc::USER_BASE_CAP >> Foc::L4_CAP_SHIFT),
	};

	inline bool kernel_valid(unsigned sel)
	{
		using namespace Foc;
		return l4_msgtag_label(l4_task_cap_valid(L4_BASE_TASK_CAP,
		                                         l4_cap_idx_t(sel) << L4_CAP_SHIFT)) > 0;
	}

	inline Cap_index const &entry_at(void const *entries, unsigned index)
	{
		return static_cast<Cap_index const *>(entries)[index];
	}

	inline unsigned id_of(Cap_index const &e)
	{
		return *reinterpret_cast<Cap_index::id_t const volatile *>(
			reinterpret_cast<char const *>(&e) + 36);
	}

	inline uint8_t ref_count_of(Cap_index const &e)
	{
		return *(reinterpret_cast<uint8_t const volatile *>(&e) + sizeof(Avl_node<Cap_index>));
	}

	/* a Genode id, neither unused (0) nor allocated without badge (~0) */
	inline bool badge(unsigned id) { return id != 0 && id != Cap_index::INVALID_ID; }
}

#endif
