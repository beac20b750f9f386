/*
 * \brief  The agent's port: serves the agent core on the exchange buffer
 */

#include <util/string.h>

#include "port.h"

using namespace Genode;
using namespace Capscope;


Port::Port(Space &space, char *buffer, size_t size)
:
	_space(space), _buffer(buffer), _size(size)
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


size_t Port::served(size_t count)
{
	Served *served = _space.served();
	size_t const n = min(count, _size / 4);
	uint8_t *b = reinterpret_cast<uint8_t *>(_buffer);
	for (size_t i = 0; i < n; i++) {
		unsigned const id = unsigned(b[4*i]) | unsigned(b[4*i + 1]) << 8
		                  | unsigned(b[4*i + 2]) << 16 | unsigned(b[4*i + 3]) << 24;
		/* byte i lies at or before the id i still to read: in place is safe */
		b[i] = served && served->serves(id) ? 1 : 0;
	}
	return n;
}
