/*
 * \brief  Capscope demo: a LOG server that runs Capscope's agent
 *
 * Serves LOG sessions and writes what its clients log into its own log,
 * prefixed with the client's label. Each session is an RPC object of this
 * component, so its cap map holds the session caps it hands out.
 */

#include <base/component.h>
#include <base/heap.h>
#include <base/log.h>
#include <base/session_label.h>
#include <capscope/agent.h>
#include <log_session/log_session.h>
#include <root/component.h>

namespace Demo {

	using namespace Genode;

	struct Log_session_component;
	struct Log_root;
}


struct Demo::Log_session_component : Rpc_object<Log_session>
{
	Session_label const label;

	Log_session_component(Session_label const &label) : label(label) { }

	void write(String const &text) override
	{
		if (!text.valid_string()) return;
		log("[", label, "] ", Cstring(text.string()));
	}
};


struct Demo::Log_root : Root_component<Log_session_component>
{
	Log_session_component *_create_session(char const *args) override
	{
		return new (md_alloc()) Log_session_component(label_from_args(args));
	}

	Log_root(Env &env, Allocator &md_alloc)
	: Root_component<Log_session_component>(env.ep(), md_alloc) { }
};


void Component::construct(Genode::Env &component_env)
{
	Genode::Env &env = Capscope::start(component_env);

	static Genode::Sliced_heap md_alloc { env.ram(), env.rm() };
	static Demo::Log_root root { env, md_alloc };
	env.parent().announce(env.ep().manage(root));
}
