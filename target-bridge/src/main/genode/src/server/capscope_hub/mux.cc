/*
 * \brief  One serial line, many components: the hub's request router
 */

#include <util/string.h>

#include "mux.h"

using namespace Genode;
using namespace Capscope;

namespace {

	enum {
		HEADER      = PROTO_HEADER_SIZE,
		OFF_OP      = PROTO_OFF_OPCODE,
		OFF_ID      = PROTO_OFF_ID,
		OFF_LENGTH  = PROTO_OFF_LENGTH,
	};

	/* a request of our own making: header and a short payload */
	struct Request
	{
		uint8_t bytes[HEADER + 8] { };
		size_t  length = 0;

		Request(uint16_t op, uint32_t id, uint8_t const *payload, size_t n)
		{
			writer w;
			Foc::wr_init(&w, sizeof(bytes));
			size_t const start = Foc::wr_frame_begin(&w, op, id);
			Foc::wr_bytes(&w, payload, n);
			Foc::wr_frame_end(&w, start, Foc::ST_OK);
			length = w.overflow ? 0 : w.len;
			if (length) memcpy(bytes, w.buf, length);
			Foc::wr_free(&w);
		}
	};

	void begin(writer &out, uint16_t op, uint32_t id)
	{
		Foc::wr_frame_begin(&out, op, id);
	}

	void finish(writer &out, size_t start)
	{
		Foc::wr_frame_end(&out, start, Foc::ST_OK);
	}

	/* an error frame as the agent core writes them (docs/protocol.md §4) */
	void error(writer &out, size_t start, uint16_t op, uint32_t id, uint16_t status,
	           char const *msg)
	{
		out.len = start;
		out.overflow = false;
		begin(out, op, id);
		Foc::wr_u32(&out, 0);
		Foc::wr_str(&out, msg);
		Foc::wr_frame_end(&out, start, status);
	}

	/* one task's answer, taken apart */
	struct Answer
	{
		writer w;
		bool   ok = false;

		Answer() : w() { Foc::wr_init(&w, HEADER + PROTO_MAX_RESPONSE_PAYLOAD); }
		~Answer() { Foc::wr_free(&w); }

		uint8_t const *payload() const { return w.buf + HEADER; }
		size_t  payload_length() const { return w.len - HEADER; }

		void check()
		{
			ok = w.len >= HEADER && !w.overflow
			  && Foc::get_u16(w.buf + PROTO_OFF_STATUS) == Foc::ST_OK
			  && Foc::get_u32(w.buf + OFF_LENGTH) == w.len - HEADER;
		}
	};
}


bool Mux::_forward(Task_port &port, uint8_t const *frame, size_t length, writer &out)
{
	size_t const start = out.len;
	if (port.serve(frame, length, out)) {
		if (Foc::get_u16(frame + OFF_OP) == Foc::OP_CAP_MAP)
			_name_servers(port, out, start);
		return true;
	}

	String<160> const msg("task ", port.task_id(), " did not answer: its component is gone or stuck");
	error(out, start, Foc::get_u16(frame + OFF_OP), Foc::get_u32(frame + OFF_ID),
	      Foc::ST_NO_SUCH_TASK, msg.string());
	return false;
}


void Mux::_tasks_answer(uint32_t req_id, writer &out)
{
	size_t const start = out.len;
	begin(out, Foc::OP_TASKS, req_id);
	size_t const count_at = Foc::wr_reserve(&out, 2);

	uint16_t count = 0;
	Request const req(Foc::OP_TASKS, req_id, nullptr, 0);
	for (unsigned i = 0; i < _tasks.count(); i++) {
		Answer a;
		if (!_tasks.at(i)->serve(req.bytes, req.length, a.w))
			continue; /* gone: not listed */
		a.check();
		if (!a.ok || a.payload_length() < 2 || Foc::get_u16(a.payload()) != 1)
			continue;
		Foc::wr_bytes(&out, a.payload() + 2, a.payload_length() - 2);
		count++;
	}
	Foc::wr_put_u16_at(&out, count_at, count);
	finish(out, start);
}


void Mux::_generation_answer(uint8_t const *frame, size_t length, writer &out)
{
	uint32_t const req_id = Foc::get_u32(frame + OFF_ID);
	size_t   const plen   = length - HEADER;
	uint16_t const count  = plen >= 2 ? Foc::get_u16(frame + HEADER) : 0;

	/* what the core refuses (bad length, too many ids), it answers itself */
	if (plen < 2 || count > PROTO_MAX_GENERATION_IDS || plen != 2 + 4*size_t(count)) {
		_own.serve(frame, length, out);
		return;
	}

	size_t const start = out.len;
	begin(out, Foc::OP_GENERATION, req_id);
	size_t const count_at = Foc::wr_reserve(&out, 2);
	uint16_t n = 0;

	auto one = [&] (Task_port &port, uint32_t id) -> bool {
		uint8_t payload[6] = { 1, 0, uint8_t(id), uint8_t(id >> 8), uint8_t(id >> 16), uint8_t(id >> 24) };
		Request const req(Foc::OP_GENERATION, req_id, payload, sizeof(payload));
		Answer a;
		if (!port.serve(req.bytes, req.length, a.w)) return false;
		a.check();
		if (!a.ok || a.payload_length() != 2 + 12) return false;
		Foc::wr_bytes(&out, a.payload() + 2, 12);
		n++;
		return true;
	};

	if (count == 0) {
		for (unsigned i = 0; i < _tasks.count(); i++)
			one(*_tasks.at(i), _tasks.at(i)->task_id());
	} else {
		for (unsigned i = 0; i < count; i++) {
			uint32_t const id = Foc::get_u32(frame + HEADER + 2 + 4*i);
			Task_port *port = _tasks.by_id(id);
			if (!port || !one(*port, id)) {
				String<64> const msg("no task ", id);
				error(out, start, Foc::OP_GENERATION, req_id, Foc::ST_NO_SUCH_TASK, msg.string());
				return;
			}
		}
	}
	Foc::wr_put_u16_at(&out, count_at, n);
	finish(out, start);
}


void Mux::answer(uint8_t const *frame, size_t length, writer &out)
{
	bool const well_formed = length >= HEADER
	                      && Foc::get_u32(frame) == PROTO_MAGIC
	                      && Foc::get_u16(frame + PROTO_OFF_VERSION) == PROTO_VERSION
	                      && Foc::get_u32(frame + OFF_LENGTH) == length - HEADER;
	if (!well_formed) {
		_own.serve(frame, length, out);
		return;
	}

	uint16_t const op   = Foc::get_u16(frame + OFF_OP);
	size_t   const plen = length - HEADER;

	switch (op) {
	case Foc::OP_TASKS:
		if (plen == 0) { _tasks_answer(Foc::get_u32(frame + OFF_ID), out); return; }
		break;
	case Foc::OP_GENERATION:
		_generation_answer(frame, length, out);
		return;
	case Foc::OP_HELLO:
	case Foc::OP_AUTH:
		break;
	default:
		/* every other request names its task first */
		if (plen >= 4) {
			Task_port *port = _tasks.by_id(Foc::get_u32(frame + HEADER));
			if (port && port != &_own) { _forward(*port, frame, length, out); return; }
		}
		break;
	}
	size_t const start = out.len;
	_own.serve(frame, length, out);
	if (op == Foc::OP_CAP_MAP)
		_name_servers(_own, out, start);
}
