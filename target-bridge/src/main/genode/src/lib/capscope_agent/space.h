/*
 * \brief  A Genode component's own capability space, for the agent core
 *
 * The agent core (agent/ops_read.c) probes validity with l4_task_cap_valid on
 * the task cap it is given (here the component's own, L4_BASE_TASK_CAP) and
 * asks its runtime (agent/runtime.h) for what a kernel cannot tell. This is
 * that runtime on Genode 25.02/base-foc:
 *
 *  - cap map: Genode's own Cap_index array (40-byte entries: id at 36,
 *    ref count at 32; kcap = index << 12), read in place;
 *  - threads: the thread area (gate, pager, irq, vcpu, vcpu-irq per thread),
 *    names from the Thread objects Genode files in each thread's UTCB;
 *  - meaning: the Parent at PARENT_CAP, thread gates, the sessions the
 *    Session_log saw opened, and this component as the server of the RPC
 *    objects its entrypoints serve (served.h); kinds where Genode fixes them
 *    (space_kinds.cc);
 *  - generation: a checksum of validity, cap map and threads, so an
 *    unchanged component costs a walk one GENERATION request.
 *
 * A steady Space (the hub's own task, space_steady.cc) answers from a copy
 * of that state taken when its lasting part last changed.
 */

#ifndef _CAPSCOPE__SPACE_H_
#define _CAPSCOPE__SPACE_H_

#include <base/env.h>
#include <util/string.h>

#include "core.h"
#include "served.h"
#include "session_log.h"

namespace Capscope { class Space; }

namespace Capscope::Space_layout {

	enum : unsigned {
		CAP_MAP_ENTRIES = PROTO_LAST_CAPMAP_INDEX + 1,
		SELECTORS       = PROTO_LAST_SELECTOR + 1,
		VALID_BYTES     = (SELECTORS + 7) / 8,
	};
}


class Capscope::Space
{
	public:

		using Name = Genode::String<AGENT_NAME_MAX>;

		/*
		 * A component's capability state at one moment (space_steady.cc):
		 * what a steady Space answers from until its lasting part changes
		 */
		struct Steady
		{
			bool             taken;
			Genode::uint64_t lasting;   /* fingerprint of the lasting part */
			Genode::uint8_t  valid[Space_layout::VALID_BYTES];
			Genode::uint32_t id[Space_layout::CAP_MAP_ENTRIES];
			Genode::uint8_t  ref[Space_layout::CAP_MAP_ENTRIES];
		};

	private:

		Session_log   &_sessions;
		Name           _name;
		Genode::uint32_t _task_id = 0;
		unsigned       _system_tasks = 1;    /* what HELLO reports: the hub's count */
		void const    *_entries = nullptr;   /* Cap_index array, entry 0 */
		Genode::addr_t _utcb_area = 0;       /* UTCB of thread 0 */
		agent_runtime  _rt { };
		Steady        *_steady = nullptr;    /* set: answer from the copy */
		Served        *_served = nullptr;    /* this component's RPC objects */

		/* the state the answers are made of: live, or the steady copy */
		bool             _valid(unsigned sel) const;
		Genode::uint32_t _id(unsigned index) const;
		Genode::uint8_t  _ref(unsigned index) const;

		Genode::uint64_t _lasting();
		void             _take(Genode::uint64_t lasting);
		static int       _mapped(void *, agent_task_info const *, unsigned);

		Genode::uint64_t _generation();
		unsigned _threads(agent_thread_info *out, unsigned max);
		bool _entry(unsigned index, agent_capmap_entry &out);
		bool _rpc_object(unsigned index, unsigned id);
		bool _kind(unsigned sel, agent_obj_info &out);
		bool _task(agent_task_info &out);

		/* agent_runtime callbacks */
		static Space &_self(void *ctx) { return *static_cast<Space *>(ctx); }
		static void     _enter(void *) { }
		static bool     _obj_info(void *, agent_task_info const *, unsigned, agent_obj_info *);
		static unsigned _task_count(void *);
		static bool     _task_at(void *, unsigned, agent_task_info *);
		static bool     _task_by_id(void *, Genode::uint32_t, agent_task_info *);
		static bool     _task_by_name(void *, char const *, agent_task_info *);
		static unsigned _thread_list(void *, Genode::uint32_t, agent_thread_info *, unsigned);
		static bool     _capmap_get(void *, Genode::uint32_t, Genode::uint16_t, agent_capmap_entry *);
		static agent_result _create_session(void *, Genode::uint32_t, Genode::uint16_t,
		                                    agent_semantics const *, Genode::uint16_t *,
		                                    Genode::uint32_t *);
		static agent_result _set_capmap(void *, Genode::uint32_t, agent_capmap_entry const *);
		static agent_result _clear_capmap(void *, Genode::uint32_t, Genode::uint16_t);
		static void     _changed(void *, Genode::uint32_t) { }

	public:

		/*
		 * Must be constructed on a thread of the component (it finds the
		 * Cap_index array and the UTCB area from that thread's own entries).
		 */
		Space(Session_log &sessions, Name const &name);

		void task_id(Genode::uint32_t id) { _task_id = id; }

		/* a free selector for HELLO's equality probe (agent/ops_read.c) */
		void scratch(Foc::l4_cap_idx_t kcap);
		Genode::uint32_t task_id() const { return _task_id; }
		Name name() const { return _name; }
		void name(Name const &name) { _name = name; }

		/* number of tasks HELLO announces (the hub's registry) */
		void system_tasks(unsigned n) { _system_tasks = n; }

		agent_runtime &runtime() { return _rt; }

		/*
		 * Answer from a copy of the state, retaken whenever its lasting part
		 * (entries with a badge, kernel slots outside receive windows and free
		 * entries, the sessions) changes; the generation is that part's. For
		 * the hub, whose own calls on the line move its receive windows and
		 * ref counts while it answers.
		 */
		void steady(Steady &copy);

		/* who tells which RPC objects this component serves */
		void served(Served &served) { _served = &served; }
		Served *served() { return _served; }

		/* where the agent found the Cap_index array (nullptr: nowhere) */
		void const *entries() const { return _entries; }

		/* the selector a capability's Cap_index entry is at (kcap >> 12), or -1 */
		long selector(Genode::Native_capability const &) const;
};

#endif
