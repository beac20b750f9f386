/*
 * \brief  A Genode component's own capability space, for the agent core
 */

#include <base/thread.h>
#include <foc/native_capability.h>
#include <foc/native_thread.h>
#include <foc/syscall.h>

/* base-internal: the UTCB's Genode words */
#include <base/internal/native_utcb.h>

#include "cap_index.h"
#include "space.h"

using namespace Genode;
using namespace Capscope;
using namespace Capscope::Cap_index_reader;

static constexpr unsigned CAP_MAP_ENTRIES = Space_layout::CAP_MAP_ENTRIES;


Space::Space(Session_log &sessions, Name const &name)
:
	_sessions(sessions), _name(name)
{
	using namespace Foc;

	/*
	 * Genode files, in each thread's UTCB, the Cap_index of the thread's gate
	 * and its Thread object. The gate's selector (MAIN_THREAD_CAP for the main
	 * thread) gives where the array starts and which UTCB is thread 0's.
	 */
	l4_utcb_t       *utcb = l4_utcb();
	l4_thread_regs_t *tcr = l4_utcb_tcr_u(utcb);

	Cap_index const *own = reinterpret_cast<Cap_index const *>(tcr->user[UTCB_TCR_BADGE]);
	Thread *thread       = reinterpret_cast<Thread *>(tcr->user[UTCB_TCR_THREAD_OBJ]);
	l4_cap_idx_t const kcap = thread ? thread->native_thread().kcap : MAIN_THREAD_CAP;
	unsigned const sel = unsigned(kcap >> L4_CAP_SHIFT);

	if (own && sel >= THREAD_FIRST && sel < CAP_MAP_ENTRIES) {
		_entries   = own - sel;
		_utcb_area = addr_t(utcb) - ((sel - THREAD_FIRST) / THREAD_STRIDE) * L4_UTCB_OFFSET;
	} else {
		warning("capscope: no Cap_index for this thread's gate, the cap map stays empty");
	}

	_rt.ctx             = this;
	_rt.kernel          = "Fiasco.OC (Genode 25.02 base-foc)";
	_rt.profile         = "genode-foc-25";
	_rt.version         = "capscope-agent 0.1 (Genode) / agent protocol 1";
	_rt.restore_allowed = false;
	_rt.simulated       = false;
	_rt.debugger_cap    = L4_INVALID_CAP;  /* Genode maps no debugger cap (DEBUG_CAP stays empty) */
	_rt.factory_cap     = L4_INVALID_CAP;
	_rt.scratch_cap     = L4_INVALID_CAP;
	_rt.obj_info        = _obj_info;      /* kinds where Genode fixes them (space_kinds.cc) */
	_rt.mapped          = _mapped;        /* a steady Space's task has no task cap */
	_rt.enter           = _enter;
	_rt.task_count      = _task_count;
	_rt.task_at         = _task_at;
	_rt.task_by_id      = _task_by_id;
	_rt.task_by_name    = _task_by_name;
	_rt.threads         = _thread_list;
	_rt.capmap_get      = _capmap_get;
	_rt.create_session  = _create_session;
	_rt.set_capmap      = _set_capmap;
	_rt.clear_capmap    = _clear_capmap;
	_rt.changed         = _changed;
}


void Space::scratch(Foc::l4_cap_idx_t kcap) { _rt.scratch_cap = kcap; }


long Space::selector(Native_capability const &cap) const
{
	Cap_index const *e = cap.data();
	if (!_entries || !e) return -1;
	long const i = e - static_cast<Cap_index const *>(_entries);
	return (i >= 0 && i < long(CAP_MAP_ENTRIES)) ? i : -1;
}


bool Space::_valid(unsigned sel) const
{
	if (_steady)
		return sel < Space_layout::SELECTORS && (_steady->valid[sel / 8] >> (sel % 8)) & 1;
	return kernel_valid(sel);
}


uint32_t Space::_id(unsigned index) const
{
	if (_steady) return _steady->id[index];
	return _entries ? id_of(entry_at(_entries, index)) : 0;
}


uint8_t Space::_ref(unsigned index) const
{
	if (_steady) return _steady->ref[index];
	return _entries ? ref_count_of(entry_at(_entries, index)) : 0;
}


uint64_t Space::_generation()
{
	if (_steady) {
		uint64_t const lasting = _lasting();
		if (!_steady->taken || lasting != _steady->lasting)
			_take(lasting);
		return _steady->lasting;
	}

	uint8_t bits[(PROTO_LAST_SELECTOR + 8) / 8] { };
	for (unsigned s = 0; s <= PROTO_LAST_SELECTOR; s++)
		if (kernel_valid(s))
			bits[s / 8] = uint8_t(bits[s / 8] | (1u << (s % 8)));

	/* ids and ref counts, in chunks so that nothing is copied twice */
	uint32_t map_crc = 0;
	if (_entries) {
		uint8_t chunk[5 * 256];
		for (unsigned i = 0; i < CAP_MAP_ENTRIES; i += 256) {
			size_t n = 0;
			for (unsigned k = i; k < i + 256; k++) {
				Cap_index const &e = entry_at(_entries, k);
				uint32_t const id = id_of(e);
				chunk[n++] = uint8_t(id);       chunk[n++] = uint8_t(id >> 8);
				chunk[n++] = uint8_t(id >> 16); chunk[n++] = uint8_t(id >> 24);
				chunk[n++] = ref_count_of(e);
			}
			map_crc ^= Foc::armor_crc32(chunk, n) + i;
		}
	}
	uint32_t const meaning = uint32_t(_sessions.changes());
	/* 63 bits: clients keep generations as signed 64-bit numbers */
	uint64_t const g = (uint64_t(Foc::armor_crc32(bits, sizeof(bits)) >> 1) << 32) | (map_crc ^ meaning);
	return g ? g : 1;
}


bool Space::_task(agent_task_info &out)
{
	out = agent_task_info { };
	out.id         = _task_id;
	out.parent_id  = 0;
	copy_cstring(out.name, _name.string(), sizeof(out.name));
	/* a steady Space answers validity from its copy (_mapped) */
	out.task_cap   = _steady ? Foc::l4_cap_idx_t(Foc::L4_INVALID_CAP) : Foc::l4_cap_idx_t(Foc::L4_BASE_TASK_CAP);
	out.kernel_id  = ~0UL;
	out.generation = _generation();
	out.thread_count = uint16_t(_threads(nullptr, 0));
	return true;
}


unsigned Space::_threads(agent_thread_info *out, unsigned max)
{
	unsigned n = 0;
	for (unsigned i = 0; i < Foc::THREAD_MAX; i++) {
		unsigned const first = THREAD_FIRST + i * THREAD_STRIDE;
		bool any = false;
		for (unsigned k = 0; k < 3 && !any; k++) /* gate, pager, irq */
			any = _valid(first + k);
		if (!any) continue;

		if (out && n < max) {
			agent_thread_info &t = out[n];
			t = agent_thread_info { };
			t.index     = uint16_t(i);
			t.first_sel = uint16_t(first);
			t.slots     = uint8_t(THREAD_STRIDE);
			t.state     = 0;

			/* the Thread object Genode filed in the thread's UTCB */
			Thread *thread = nullptr;
			if (_utcb_area) {
				Foc::l4_utcb_t *u = reinterpret_cast<Foc::l4_utcb_t *>(_utcb_area + i * Foc::L4_UTCB_OFFSET);
				thread = reinterpret_cast<Thread *>(Foc::l4_utcb_tcr_u(u)->user[Foc::UTCB_TCR_THREAD_OBJ]);
			}
			Thread::Name const name = thread ? thread->name() : Thread::Name(i == 0 ? "main" : "");
			copy_cstring(t.name, name.string(), sizeof(t.name));
		}
		n++;
	}
	return n;
}


static void fill(agent_semantics &s, char const *iface, char const *label,
                 char const *args = "", uint64_t quota = 0)
{
	copy_cstring(s.iface, iface, sizeof(s.iface));
	copy_cstring(s.label, label, sizeof(s.label));
	copy_cstring(s.args,  args,  sizeof(s.args));
	s.quota = quota;
}


bool Space::_entry(unsigned index, agent_capmap_entry &out)
{
	if (!_entries || index >= CAP_MAP_ENTRIES)
		return false;

	Cap_index const &e = entry_at(_entries, index);
	unsigned const id  = _id(index);
	if (id == 0)  /* unused */
		return false;

	out = agent_capmap_entry { };
	out.index   = uint16_t(index);
	out.raw_id  = (id == Cap_index::INVALID_ID) ? CAPMAP_ID_NO_BADGE : id;
	out.ref_cnt = _ref(index);

	/* what Genode knows about the entry */
	Session_log::Record rec { };
	if (index == PARENT_SEL) {
		fill(out.sem, "Parent", _name.string());
	} else if (index >= THREAD_FIRST && index < THREAD_FIRST + Foc::THREAD_MAX * THREAD_STRIDE
	        && (index - THREAD_FIRST) % THREAD_STRIDE == 0) {
		agent_thread_info threads[Foc::THREAD_MAX];
		unsigned const n = _threads(threads, Foc::THREAD_MAX);
		unsigned const wanted = (index - THREAD_FIRST) / THREAD_STRIDE;
		for (unsigned i = 0; i < n; i++)
			if (threads[i].index == wanted) {
				String<AGENT_LABEL_MAX> const label(_name, " -> ", Cstring(threads[i].name));
				fill(out.sem, "Thread", label.string());
			}
	} else if (_sessions.lookup(&e, id, rec)) {
		String<AGENT_LABEL_MAX> const label = rec.label.length() > 1
			? String<AGENT_LABEL_MAX>(_name, " -> ", rec.label) : String<AGENT_LABEL_MAX>(_name);
		fill(out.sem, rec.service.string(), label.string(), rec.args.string(), rec.ram_quota);
		if (rec.client_id.value != ~0UL)
			out.flags = uint8_t(out.flags | Foc::CAPMAP_FLAG_SESSION);
	}
	/* the server, if it is this component (the hub names the others) */
	if (badge(id) && _served && _served->serves(id)) {
		copy_cstring(out.sem.server, _name.string(), sizeof(out.sem.server));
		out.sem.server_task = _task_id;
	}
	if (out.sem.iface[0] || out.sem.server[0])
		out.flags = uint8_t(out.flags | Foc::CAPMAP_FLAG_SEMANTICS);
	return true;
}


/*
 * agent_runtime callbacks
 */

unsigned Space::_task_count(void *ctx) { return _self(ctx)._system_tasks; }

bool Space::_task_at(void *ctx, unsigned i, agent_task_info *out)
{
	return i == 0 && _self(ctx)._task(*out);
}

bool Space::_task_by_id(void *ctx, uint32_t id, agent_task_info *out)
{
	return id == _self(ctx)._task_id && _self(ctx)._task(*out);
}

bool Space::_task_by_name(void *ctx, char const *name, agent_task_info *out)
{
	return _self(ctx)._name == Name(name) && _self(ctx)._task(*out);
}

unsigned Space::_thread_list(void *ctx, uint32_t task, agent_thread_info *out, unsigned max)
{
	return task == _self(ctx)._task_id ? _self(ctx)._threads(out, max) : 0;
}

bool Space::_capmap_get(void *ctx, uint32_t task, uint16_t index, agent_capmap_entry *out)
{
	return task == _self(ctx)._task_id && _self(ctx)._entry(index, *out);
}


/*
 * Read-only: Genode's cap map and ref counts belong to the component's own
 * Capability_map; an agent changing them from the side would break them.
 */
static agent_result refused()
{
	agent_result r { };
	r.status = Foc::ST_REFUSED;
	copy_cstring(r.message, PROTO_REFUSED_TEXT, sizeof(r.message));
	return r;
}

agent_result Space::_create_session(void *, uint32_t, uint16_t, agent_semantics const *,
                                    uint16_t *, uint32_t *) { return refused(); }

agent_result Space::_set_capmap(void *, uint32_t, agent_capmap_entry const *) { return refused(); }

agent_result Space::_clear_capmap(void *, uint32_t, uint16_t) { return refused(); }
