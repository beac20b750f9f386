/*
 * \brief  Capscope session: how an instrumented component's agent joins the hub
 *
 * The hub (capscope_hub) owns the serial line Capscope talks over. Each
 * component that runs the agent opens one Capscope session and attaches its
 * agent port and exchange buffer; the hub then forwards every request for
 * that component's task into the buffer and calls the port, which answers in
 * place from the agent's own thread.
 */

#ifndef _INCLUDE__CAPSCOPE_SESSION__CAPSCOPE_SESSION_H_
#define _INCLUDE__CAPSCOPE_SESSION__CAPSCOPE_SESSION_H_

#include <base/rpc.h>
#include <dataspace/capability.h>
#include <session/session.h>

namespace Capscope {

	struct Agent_port;
	struct Session;
	struct Session_client;
}


/*
 * Served by the agent inside the instrumented component
 */
struct Capscope::Agent_port : Genode::Interface
{
	/*
	 * Answer the request frame of `length` bytes at the start of the exchange
	 * buffer with one response frame written over it; returns its length.
	 */
	virtual Genode::size_t serve(Genode::size_t length) = 0;

	/*
	 * Which of the `count` capability ids (u32, little-endian) at the start
	 * of the exchange buffer name RPC objects this component's entrypoints
	 * serve: one byte each (1 yes, 0 no) written over them. Returns how many
	 * were answered. The hub asks this to name the server of a session.
	 */
	virtual Genode::size_t served(Genode::size_t count) = 0;

	GENODE_RPC(Rpc_serve, Genode::size_t, serve, Genode::size_t);
	GENODE_RPC(Rpc_served, Genode::size_t, served, Genode::size_t);
	GENODE_RPC_INTERFACE(Rpc_serve, Rpc_served);
};


struct Capscope::Session : Genode::Session
{
	static const char *service_name() { return "Capscope"; }

	/* the session capability and the hub's session object */
	static constexpr unsigned CAP_QUOTA = 2;
	static constexpr Genode::size_t RAM_QUOTA = 8*1024;

	/* the exchange buffer the agent allocates (one frame each way) */
	static constexpr Genode::size_t BUFFER_SIZE = 128*1024;

	using Client = Session_client;

	virtual ~Session() { }

	/*
	 * Join the hub: requests for this component arrive through `port`, in
	 * `buffer` (BUFFER_SIZE bytes). Returns the task id the hub gives the
	 * component (0 if the buffer cannot be used).
	 */
	virtual unsigned attach(Genode::Capability<Agent_port> port,
	                        Genode::Dataspace_capability buffer) = 0;

	using Task_name = Genode::String<128>;

	/*
	 * The name the hub lists this component under: the session label as the
	 * hub sees it (the component's name in its parent, e.g. "log_client")
	 */
	virtual Task_name task_name() = 0;

	GENODE_RPC(Rpc_attach, unsigned, attach, Genode::Capability<Agent_port>,
	           Genode::Dataspace_capability);
	GENODE_RPC(Rpc_task_name, Task_name, task_name);
	GENODE_RPC_INTERFACE(Rpc_attach, Rpc_task_name);
};

#endif
