/*
 * \brief  One serial line, many components: the hub's request router
 *
 * Every instrumented component answers for its own task only. The hub hands
 * each request to the task it names (VALIDITY, CAP_INFOS, THREADS, CAP_MAP,
 * mutations: the u32 task opening their payload) and composes the answers
 * that span tasks (TASKS, GENERATION) from one answer per task. HELLO, AUTH,
 * malformed frames and unknown tasks go to the hub's own agent core, which
 * answers them like any agent does. A CAP_MAP answer gets the serving
 * component of each entry its own component does not serve, where another
 * component behind the line says it serves it (servers.cc).
 */

#ifndef _CAPSCOPE_HUB__MUX_H_
#define _CAPSCOPE_HUB__MUX_H_

#include <base/stdint.h>
#include <util/interface.h>
#include <util/string.h>

#include "core.h"

namespace Capscope {

	struct Task_port;
	class  Mux;
}


struct Capscope::Task_port : Genode::Interface
{
	virtual Genode::uint32_t task_id() const = 0;

	/* append the answer to `frame` to `out`; false if the task did not answer */
	virtual bool serve(Genode::uint8_t const *frame, Genode::size_t length, writer &out) = 0;

	using Name = Genode::String<AGENT_NAME_MAX>;

	virtual Name name() const = 0;

	/*
	 * Which of the `n` capability ids this task's component serves: `yes[i]`
	 * set for each (Agent_port::served); false if the task did not answer
	 */
	virtual bool served(Genode::uint32_t const *ids, unsigned n, Genode::uint8_t *yes) = 0;
};


class Capscope::Mux
{
	public:

		/* the tasks, ascending by id; the hub's own first */
		struct Tasks : Genode::Interface
		{
			virtual unsigned count() = 0;
			virtual Task_port *at(unsigned i) = 0;   /* i < count() */
			virtual Task_port *by_id(Genode::uint32_t id) = 0;
		};

	private:

		Task_port &_own;
		Tasks     &_tasks;

		/* a CAP_MAP answer's ids without a server, and who serves them (servers.cc) */
		enum { MAX_IDS = PROTO_LAST_CAPMAP_INDEX + 1 };
		Genode::uint32_t _ids[MAX_IDS] { };
		Genode::uint8_t  _yes[MAX_IDS] { };
		Task_port       *_server[MAX_IDS] { };

		void _name_servers(Task_port &asked, writer &out, Genode::size_t start);

		void _tasks_answer(Genode::uint32_t req_id, writer &out);
		void _generation_answer(Genode::uint8_t const *frame, Genode::size_t length, writer &out);
		bool _forward(Task_port &, Genode::uint8_t const *frame, Genode::size_t length, writer &out);

	public:

		Mux(Task_port &own, Tasks &tasks) : _own(own), _tasks(tasks) { }

		/* append the answer to one request frame to `out` */
		void answer(Genode::uint8_t const *frame, Genode::size_t length, writer &out);
};

#endif
