/*
 * \brief  Capscope's agent for Genode components on Fiasco.OC
 */

#include <base/attached_ram_dataspace.h>
#include <base/heap.h>
#include <base/log.h>
#include <base/rpc_server.h>
#include <capscope/agent.h>
#include <capscope_session/connection.h>
#include <util/reconstructible.h>

#include "libc_subset.h"
#include "port.h"
#include "session_log.h"
#include "space.h"

namespace Capscope { struct Agent; }

using namespace Genode;


struct Capscope::Agent : Served
{
	enum { STACK_SIZE = 32*1024 };

	Env &_env;

	Heap        _heap    { _env.ram(), _env.rm() };
	Session_log _sessions { _env };
	Space       _space   { _sessions, "" };

	/* the agent's own thread, so it answers while the component is busy */
	Rpc_entrypoint _ep { &_env.pd(), STACK_SIZE, "capscope_agent", Affinity::Location() };

	Attached_ram_dataspace _buffer { _env.ram(), _env.rm(), Session::BUFFER_SIZE };

	Port _port { _space, _buffer.local_addr<char>(), _buffer.size() };

	Capability<Agent_port> _port_cap = _ep.manage(&_port);

	Constructible<Connection> _hub { };

	/*
	 * Served: the agent's port, and what the component's entrypoint serves
	 * (its object pool, keyed by capability id; the lookup waits while the
	 * entrypoint dispatches that very object)
	 */
	bool serves(unsigned id) override
	{
		if (id == unsigned(_port_cap.local_name()))
			return true;
		return _env.ep().rpc_ep().apply(id, [] (Rpc_object_base *obj) { return obj != nullptr; });
	}

	Agent(Env &env) : _env(env)
	{
		_space.served(*this);
		libc_subset_init(_heap);
		_sessions.record_env_sessions();
		_sessions.record_own(_port_cap, "Capscope_agent_port", "capscope agent");
		_sessions.record_own(_buffer.cap(), "Dataspace", "capscope exchange buffer");

		try {
			_hub.construct(_sessions);
			_space.name(_hub->task_name().string());
			unsigned const id = _hub->attach(_port_cap, _buffer.cap());
			_space.task_id(id);
			if (id)
				log("capscope: agent ready as task ", id, " \"", _space.name(), "\", cap map at ",
				    _space.entries());
			else
				warning("capscope: the hub refused the agent's buffer, agent off");
		}
		catch (...) {
			warning("capscope: no Capscope hub to join, agent off");
		}
	}
};


Env &Capscope::start(Env &env)
{
	/* the first call's line marks where start-to-ready is measured from */
	static bool const starting = (log("capscope: agent starting"), true);
	(void)starting;
	static Agent agent(env);
	return agent._sessions;
}
