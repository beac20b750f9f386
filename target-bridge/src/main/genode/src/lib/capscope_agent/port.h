/*
 * \brief  The agent's port: serves the agent core on the exchange buffer
 */

#ifndef _CAPSCOPE__PORT_H_
#define _CAPSCOPE__PORT_H_

#include <base/rpc_server.h>
#include <capscope_session/capscope_session.h>

#include "space.h"

namespace Capscope { class Port; }


class Capscope::Port : public Genode::Rpc_object<Agent_port, Port>
{
	private:

		agent  _agent { };
		Space &_space;
		char  *_buffer;
		Genode::size_t const _size;

		/* noncopyable */
		Port(Port const &);
		Port &operator = (Port const &);

	public:

		Port(Space &space, char *buffer, Genode::size_t size);

		/* answer one request frame in `buffer` in place (also the hub's own path) */
		Genode::size_t serve(Genode::size_t length) override;

		/* which ids in `buffer` this component serves (Space::served) */
		Genode::size_t served(Genode::size_t count) override;

		/* answer `frame` into `out` (whose limit bounds the answer) */
		void serve(Genode::uint8_t const *frame, Genode::size_t length, writer &out);
};

#endif
