/*
 * \brief  Object kinds, where Genode on Fiasco.OC knows them
 *
 * Genode's kernel has a debugger, but core maps no debugger capability into
 * components, so no component can ask the kernel what a slot names. What
 * Genode itself fixes is known without asking:
 *
 *  - 0x1: the component's Task (core maps the task's own capability there);
 *  - a thread's slots: gate (an IPC gate core bound to the thread), pager
 *    (core's pager object: an IPC gate), irq (an Irq_sender core created and
 *    attached to the thread); the vCPU slots stay unknown;
 *  - the parent at 0xb, the sessions the session log saw, the agent's own RPC
 *    objects and every capability whose RPC object this component serves:
 *    RPC capabilities, which core makes as IPC gates labelled with the id.
 *
 * Everything else (signal contexts, the signal source's semaphore, received
 * capabilities nobody recorded) stays "kind unknown". Rights, kernel object
 * ids and mapping counts are never known here.
 */

#include "cap_index.h"
#include "space.h"

using namespace Genode;
using namespace Capscope;
using namespace Capscope::Cap_index_reader;


bool Space::_rpc_object(unsigned index, unsigned id)
{
	if (!badge(id)) return false;
	if (index == PARENT_SEL) return true;
	if (_served && _served->serves(id)) return true;

	Session_log::Record rec { };
	return _entries && _sessions.lookup(&entry_at(_entries, index), id, rec);
}


bool Space::_kind(unsigned sel, agent_obj_info &out)
{
	out = agent_obj_info { };
	out.global_id        = PROTO_UNKNOWN_ID;
	out.rights           = PROTO_RIGHTS_UNKNOWN;
	out.mappings_unknown = true;
	out.label_unknown    = true;

	if (sel == TASK_SEL) {
		out.kind = Foc::KIND_TASK;
		return true;
	}
	if (sel >= THREAD_FIRST && sel <= THREAD_LAST) {
		switch ((sel - THREAD_FIRST) % THREAD_STRIDE) {
		case 0: /* gate */
		case 1: /* pager */ out.kind = Foc::KIND_IPC_GATE;   return true;
		case 2: /* irq */   out.kind = Foc::KIND_IRQ_SENDER; return true;
		default:            return false;
		}
	}
	if (sel >= Space_layout::CAP_MAP_ENTRIES && sel != PARENT_SEL)
		return false;

	unsigned const id = _id(sel);
	if (!_rpc_object(sel, id))
		return false;
	out.kind          = Foc::KIND_IPC_GATE;
	out.label         = id;
	out.label_unknown = false;
	return true;
}


bool Space::_obj_info(void *ctx, agent_task_info const *task, unsigned sel,
                      agent_obj_info *out)
{
	return task && task->id == _self(ctx)._task_id && _self(ctx)._kind(sel, *out);
}
