/*
 * \brief  The agent's port: serves the agent core on the exchange buffer
 */

#include <util/string.h>

#include "port.h"

using namespace Genode;
using namespace Capscope;


Port::Port(Space &space, char *buffer, size_t size)
:
	_buffer(buffer), _size(size)
{
	_agent.rt           = &space.runtime();
	_agent.listen_fd    = -1;
	_agent.pty_slave_fd = -1;
	_agent.max_response = size > PROTO_HEADER_SIZE ? size - PROTO_HEADER_SIZE : 0;
}


void Port::serve(uint8_t const *frame, size_t length, writer &out)
{
	Foc::agent_serve_frame(&_agent, frame, length, &out);
}


size_t Port::serve(size_t length)
{
	/* the answer is built aside and then copied over the request */
	writer out;
	Foc::wr_init(&out, _size);
	serve(reinterpret_cast<uint8_t const *>(_buffer), min(length, _size), out);

	size_t const n = out.overflow ? 0 : min(out.len, _size);
	if (n)
		memcpy(_buffer, out.buf, n);
	Foc::wr_free(&out);
	return n;
}
