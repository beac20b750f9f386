/*
 * \brief  Client side of the Capscope session
 */

#ifndef _INCLUDE__CAPSCOPE_SESSION__CLIENT_H_
#define _INCLUDE__CAPSCOPE_SESSION__CLIENT_H_

#include <base/rpc_client.h>
#include <capscope_session/capscope_session.h>

namespace Capscope { struct Agent_port_client; }


struct Capscope::Agent_port_client : Genode::Rpc_client<Agent_port>
{
	explicit Agent_port_client(Genode::Capability<Agent_port> cap)
	: Genode::Rpc_client<Agent_port>(cap) { }

	Genode::size_t serve(Genode::size_t length) override {
		return call<Rpc_serve>(length); }

	Genode::size_t served(Genode::size_t count) override {
		return call<Rpc_served>(count); }
};


struct Capscope::Session_client : Genode::Rpc_client<Session>
{
	explicit Session_client(Genode::Capability<Session> cap)
	: Genode::Rpc_client<Session>(cap) { }

	unsigned attach(Genode::Capability<Agent_port> port,
	                Genode::Dataspace_capability buffer) override {
		return call<Rpc_attach>(port, buffer); }

	Task_name task_name() override { return call<Rpc_task_name>(); }
};

#endif
