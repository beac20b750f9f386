/*
 * \brief  The serving component of each cap-map entry, across the line
 *
 * A component's agent names itself as the server of the RPC objects its own
 * entrypoints serve. Who serves a session capability a component holds, only
 * the server knows: its entrypoint's object pool is keyed by the very id the
 * client's cap-map entry holds (core hands out one id per RPC object,
 * system-wide). So for every entry of a CAP_MAP answer with a badge and no
 * server yet, the hub asks each other component behind the line whether it
 * serves that id (one call per component and answer) and writes the one that
 * does into the entry. Servers that run no agent (core, init, timer, the UART
 * driver) are not asked: their sessions keep an empty server, "unknown".
 */

#include "mux.h"

using namespace Genode;
using namespace Capscope;

namespace {

	enum { HEADER = PROTO_HEADER_SIZE };

	struct Capmap_head
	{
		uint32_t task; uint64_t generation; uint16_t count; uint16_t next;

		void read(Foc::reader &r)
		{
			task = Foc::rd_u32(&r); generation = Foc::rd_u64(&r);
			count = Foc::rd_u16(&r); next = Foc::rd_u16(&r);
		}
	};

	bool named_badge(agent_capmap_entry const &e)
	{
		return e.raw_id != 0 && e.raw_id != CAPMAP_ID_NO_BADGE && e.sem.server[0] == 0;
	}
}


void Mux::_name_servers(Task_port &asked, writer &out, size_t start)
{
	uint8_t const *frame = out.buf + start;
	size_t const len = out.len - start;
	if (out.overflow || len < HEADER || Foc::get_u16(frame + PROTO_OFF_STATUS) != Foc::ST_OK
	 || Foc::get_u32(frame + PROTO_OFF_LENGTH) != len - HEADER)
		return;

	/* the ids to ask for */
	Foc::reader r;
	Foc::rd_init(&r, frame + HEADER, len - HEADER);
	Capmap_head head { };
	head.read(r);
	unsigned n = 0;
	static agent_capmap_entry e;
	for (unsigned i = 0; i < head.count && n < MAX_IDS; i++) {
		Foc::agent_read_capmap_entry(&r, &e);
		if (named_badge(e)) { _ids[n] = e.raw_id; _server[n] = nullptr; n++; }
	}
	if (n == 0 || !Foc::rd_done(&r))
		return;

	/* one question per other component */
	bool any = false;
	for (unsigned t = 0; t < _tasks.count(); t++) {
		Task_port *port = _tasks.at(t);
		if (!port || port == &asked || !port->served(_ids, n, _yes))
			continue;
		for (unsigned i = 0; i < n; i++)
			if (_yes[i] && !_server[i]) { _server[i] = port; any = true; }
	}
	if (!any)
		return;

	/* the answer again, with the servers */
	writer w;
	Foc::wr_init(&w, HEADER + PROTO_MAX_RESPONSE_PAYLOAD);
	size_t const w_start = Foc::wr_frame_begin(&w, Foc::OP_CAP_MAP, Foc::get_u32(frame + PROTO_OFF_ID));
	Foc::wr_u32(&w, head.task); Foc::wr_u64(&w, head.generation);
	Foc::wr_u16(&w, head.count); Foc::wr_u16(&w, head.next);

	Foc::rd_init(&r, frame + HEADER, len - HEADER);
	head.read(r);
	unsigned k = 0;
	for (unsigned i = 0; i < head.count; i++) {
		Foc::agent_read_capmap_entry(&r, &e);
		if (named_badge(e) && k < n) {
			Task_port *server = _server[k++];
			if (server) {
				copy_cstring(e.sem.server, server->name().string(), sizeof(e.sem.server));
				e.sem.server_task = server->task_id();
				e.flags = uint8_t(e.flags | Foc::CAPMAP_FLAG_SEMANTICS);
			}
		}
		Foc::agent_write_capmap_entry(&w, &e);
	}
	Foc::wr_frame_end(&w, w_start, Foc::ST_OK);

	if (!w.overflow) {
		out.len = start;
		Foc::wr_bytes(&out, w.buf, w.len);
	}
	Foc::wr_free(&w);
}
