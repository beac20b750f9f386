/*
 * \brief  Capscope demo: a statically linked component, and the cap-map check
 *
 * Runs the agent, holds a Timer session and a LOG session at the demo's
 * log_server, and logs its cap map as Genode's own Cap_index allocator holds
 * it: one "capscope-dump:" line per used entry, first after
 * <config dump_after_ms="..."/> (2 s by default), then every dump_every_ms
 * (0: never again). In between it does nothing, so a walk with Capscope
 * between two equal dumps must show exactly these entries.
 */

#include <base/attached_rom_dataspace.h>
#include <base/component.h>
#include <base/log.h>
#include <capscope/agent.h>
#include <foc/native_capability.h>
#include <foc/syscall.h>
#include <log_session/connection.h>
#include <timer_session/connection.h>

#include <base/internal/cap_alloc.h>

namespace Demo { struct Static; }

using namespace Genode;


struct Demo::Static
{
	Env &env;

	Attached_rom_dataspace config { env, "config" };
	Timer::Connection      timer  { env };
	Log_connection         log_session { env, "demo" };

	Signal_handler<Static> settled { env.ep(), *this, &Static::dump };

	unsigned dumps = 0;

	static bool kernel_valid(addr_t kcap)
	{
		using namespace Foc;
		return l4_msgtag_label(l4_task_cap_valid(L4_BASE_TASK_CAP, kcap)) > 0;
	}

	void dump()
	{
		Cap_index_allocator &alloc = cap_idx_alloc();
		dumps++;
		log("capscope-dump: begin #", dumps, " array=", alloc.kcap_to_idx(0), " entries=",
		    alloc.max_caps(), " entry_size=", sizeof(Cap_index));

		unsigned used = 0;
		for (addr_t i = 0; i < alloc.max_caps(); i++) {
			Cap_index *idx = alloc.kcap_to_idx(i << Foc::L4_CAP_SHIFT);
			if (!idx->used()) continue;
			used++;
			uint8_t const ref = *(reinterpret_cast<uint8_t const *>(idx) + sizeof(Avl_node<Cap_index>));
			log("capscope-dump: index=", Hex(i), " id=", Hex(idx->id()), " ref=", ref,
			    " kvalid=", kernel_valid(i << Foc::L4_CAP_SHIFT) ? 1 : 0);
		}
		log("capscope-dump: end #", dumps, " used=", used);

		uint64_t const every_ms = config.xml().attribute_value("dump_every_ms", uint64_t(0));
		if (every_ms)
			timer.trigger_once(every_ms*1000);
	}

	Static(Env &env) : env(env)
	{
		timer.sigh(settled);
		timer.trigger_once(config.xml().attribute_value("dump_after_ms", uint64_t(2000))*1000);
	}
};


void Component::construct(Genode::Env &env)
{
	static Demo::Static component(Capscope::start(env));
}
