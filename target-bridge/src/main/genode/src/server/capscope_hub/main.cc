/*
 * \brief  Capscope hub: the serial line to Capscope, for every agent
 *
 * The hub owns one Terminal session (on a PC: pc_uart's COM2, which QEMU
 * puts on a host socket) and speaks Capscope's armored frames over it. The
 * components that run the agent join through a "Capscope" session; the hub
 * lists each as a task (itself first, as task 1) and routes every request to
 * the task it names (mux.h). The hub is walkable like any of them.
 */

#include <base/attached_dataspace.h>
#include <base/component.h>
#include <base/heap.h>
#include <base/log.h>
#include <base/registry.h>
#include <base/session_label.h>
#include <capscope_session/capscope_session.h>
#include <capscope_session/client.h>
#include <foc/native_capability.h>
#include <root/component.h>
#include <terminal_session/connection.h>
#include <util/reconstructible.h>

#include "libc_subset.h"
#include "mux.h"
#include "port.h"
#include "session_log.h"
#include "space.h"

namespace Capscope {

	class Agent_session;
	class Hub_root;
	struct Hub;

	using Agent_sessions = Genode::Registry<Agent_session>;
}

using namespace Genode;
using namespace Capscope;


/*
 * One instrumented component, as the hub sees it
 */
class Capscope::Agent_session : public Rpc_object<Session, Agent_session>, public Task_port
{
	private:

		Env                          &_env;
		Session_label const           _label;
		uint32_t const                _id;
		Agent_sessions::Element       _element;
		Constructible<Agent_port_client>  _port { };
		Constructible<Attached_dataspace> _buffer { };

	public:

		/*
		 * `label` is the session label as the hub sees it, "<component> ->
		 * capscope": the component's name in its parent is what comes before.
		 */
		Agent_session(Env &env, Agent_sessions &registry, Session_label const &label, uint32_t id)
		: _env(env), _label(label.prefix()), _id(id), _element(registry, *this) { }

		bool attached() const { return _buffer.constructed(); }


		/* Capscope session */

		unsigned attach(Capability<Agent_port> port, Dataspace_capability buffer) override
		{
			if (attached() || !port.valid())
				return 0;
			try {
				_buffer.construct(_env.rm(), buffer);
			} catch (...) { return 0; }

			if (_buffer->size() < Session::BUFFER_SIZE) {
				_buffer.destruct();
				return 0;
			}
			_port.construct(port);
			log("capscope-hub: task ", _id, " \"", _label, "\" joined");
			return _id;
		}

		Task_name task_name() override { return Task_name(_label); }

		unsigned cap_id() { return unsigned(cap().local_name()); }


		/* Task_port */

		uint32_t task_id() const override { return _id; }

		bool serve(uint8_t const *frame, size_t length, writer &out) override
		{
			if (!attached() || length > _buffer->size())
				return false;

			memcpy(_buffer->local_addr<char>(), frame, length);
			size_t n = 0;
			try { n = _port->serve(length); } catch (...) { return false; }
			if (n == 0 || n > _buffer->size())
				return false;

			Foc::wr_bytes(&out, _buffer->local_addr<uint8_t>(), n);
			return !out.overflow;
		}

		Name name() const override { return Name(_label); }

		bool served(uint32_t const *ids, unsigned n, uint8_t *yes) override
		{
			if (!attached() || size_t(n) * 4 > _buffer->size())
				return false;
			uint8_t *b = _buffer->local_addr<uint8_t>();
			for (unsigned i = 0; i < n; i++)
				for (unsigned k = 0; k < 4; k++)
					b[4*i + k] = uint8_t(ids[i] >> (8*k));
			size_t answered = 0;
			try { answered = _port->served(n); } catch (...) { return false; }
			if (answered != n)
				return false;
			memcpy(yes, b, n);
			return true;
		}
};


class Capscope::Hub_root : public Root_component<Agent_session>
{
	private:

		Env            &_env;
		Agent_sessions &_registry;
		uint32_t        _next_id = 2; /* 1 is the hub */

	protected:

		Agent_session *_create_session(char const *args) override
		{
			return new (md_alloc())
				Agent_session(_env, _registry, label_from_args(args), _next_id++);
		}

	public:

		Hub_root(Env &env, Allocator &md_alloc, Agent_sessions &registry)
		: Root_component<Agent_session>(env.ep(), md_alloc), _env(env), _registry(registry) { }
};


struct Capscope::Hub : Mux::Tasks, Served
{
	enum { READ_CHUNK = 1024 };

	/*
	 * The hub's own task: its agent core answers in the hub's thread. HELLO
	 * announces every task; anything else the core answers for this one.
	 */
	struct Own_task : Task_port
	{
		Port  &port;
		Space &space;
		unsigned system_tasks = 1;

		Own_task(Port &port, Space &space) : port(port), space(space) { }

		uint32_t task_id() const override { return 1; }

		Name name() const override { return Name(space.name()); }

		bool served(uint32_t const *ids, unsigned n, uint8_t *yes) override
		{
			for (unsigned i = 0; i < n; i++)
				yes[i] = space.served() && space.served()->serves(ids[i]);
			return true;
		}

		bool serve(uint8_t const *frame, size_t length, writer &out) override
		{
			bool const hello = length >= PROTO_HEADER_SIZE && Foc::get_u16(frame + PROTO_OFF_OPCODE) == Foc::OP_HELLO;
			space.system_tasks(hello ? system_tasks : 1);
			port.serve(frame, length, out);
			return true;
		}
	};

	Env &_env;

	Heap        _heap     { _env.ram(), _env.rm() };
	Sliced_heap _md_alloc { _env.ram(), _env.rm() };
	Session_log _sessions { _env };
	Space       _space    { _sessions, "capscope_hub" };
	Space::Steady _steady { };  /* the hub's own task is answered from this copy */
	Port        _port     { _space, nullptr, 0 };
	Own_task    _own      { _port, _space };

	Agent_sessions _registry { };
	Hub_root       _root { _env, _md_alloc, _registry };
	Mux            _mux  { _own, *this };

	Terminal::Connection _terminal { _sessions, "capscope" };
	Signal_handler<Hub>  _read_avail { _env.ep(), *this, &Hub::_handle_read_avail };

	armor_rx _rx { };

	/*
	 * Served: the hub's root and its Capscope sessions. Not from the
	 * entrypoint's object pool: the hub answers inside a signal dispatch of
	 * that entrypoint, whose object a pool lookup would wait for.
	 */
	bool serves(unsigned id) override
	{
		if (id == unsigned(_root.cap().local_name()))
			return true;
		bool found = false;
		_registry.for_each([&] (Agent_session &s) { if (s.cap_id() == id) found = true; });
		return found;
	}

	/* Mux::Tasks: the hub, then the joined agents by id */
	unsigned count() override
	{
		unsigned n = 1;
		_registry.for_each([&] (Agent_session &s) { if (s.attached()) n++; });
		return n;
	}

	Task_port *by_id(uint32_t id) override
	{
		if (id == 1) return &_own;
		Task_port *found = nullptr;
		_registry.for_each([&] (Agent_session &s) {
			if (s.attached() && s.task_id() == id) found = &s; });
		return found;
	}

	Task_port *at(unsigned i) override
	{
		if (i == 0) return &_own;

		/* the i-th lowest id among the joined agents */
		uint32_t last = 1;
		Task_port *port = nullptr;
		for (unsigned k = 0; k < i; k++) {
			port = nullptr;
			uint32_t best = ~0u;
			_registry.for_each([&] (Agent_session &s) {
				if (s.attached() && s.task_id() > last && s.task_id() < best) {
					best = s.task_id(); port = &s; } });
			if (!port) return nullptr;
			last = best;
		}
		return port;
	}

	void _answer(uint8_t const *frame, size_t length)
	{
		_own.system_tasks = count();

		writer out;
		Foc::wr_init(&out, PROTO_HEADER_SIZE + PROTO_MAX_RESPONSE_PAYLOAD);
		_mux.answer(frame, length, out);

		char *line = out.len ? static_cast<char *>(_heap.alloc(Foc::armor_encoded_max(out.len))) : nullptr;
		size_t const n = line ? Foc::armor_encode(out.buf, out.len, line) : 0;
		if (n)
			_terminal.write(line, n);
		if (line)
			_heap.free(line, Foc::armor_encoded_max(out.len));
		Foc::wr_free(&out);
	}

	void _handle_read_avail()
	{
		uint8_t buf[READ_CHUNK];
		while (_terminal.avail()) {
			size_t const n = _terminal.read(buf, sizeof(buf));
			for (size_t off = 0; off < n; ) {
				off += Foc::armor_rx_feed(&_rx, buf + off, n - off);
				if (_rx.ready)
					_answer(_rx.frame, _rx.frame_len);
			}
		}
	}

	Hub(Env &env) : _env(env)
	{
		libc_subset_init(_heap);
		_sessions.record_env_sessions();
		_space.task_id(1);
		_space.steady(_steady);
		_space.served(*this);
		_space.scratch(Foc::MAIN_THREAD_CAP + Foc::TASK_VCPU_CAP);
		Foc::armor_rx_init(&_rx, PROTO_HEADER_SIZE + PROTO_MAX_REQUEST_PAYLOAD);

		_terminal.read_avail_sigh(_read_avail);
		_env.parent().announce(_env.ep().manage(_root));

		static char const ready[] = "capscope-hub: serving armored frames on this line\n";
		_terminal.write(ready, sizeof(ready) - 1);
		log("capscope-hub: ready");
	}
};


void Component::construct(Env &env) { static Capscope::Hub hub(env); }
