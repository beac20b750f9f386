/*
 * \brief  A steady view of a component's capability space (the hub's own task)
 *
 * The hub answers its own task while it serves the line: its signal proxy's
 * call into its entrypoint, and the hub's own calls to the Terminal, hold a
 * receive window (4 entries without badge) and extra references for their
 * duration. Read live, the hub's space moved between the requests of one walk
 * and the walk was torn. A steady Space answers from a copy of the whole
 * state instead, retaken only when the lasting part changes: the entries with
 * a badge (index and id), the kernel validity of every selector that is not a
 * receive window or a free entry of the cap map, and the session log. Its
 * generation is that part's fingerprint, so it still moves whenever a
 * capability comes or goes; ref counts and receive windows are shown as they
 * were when the copy was taken.
 */

#include "cap_index.h"
#include "space.h"

using namespace Genode;
using namespace Capscope;
using namespace Capscope::Cap_index_reader;


void Space::steady(Steady &copy)
{
	copy.taken = false;
	_steady = &copy;
}


uint64_t Space::_lasting()
{
	uint32_t valid_crc = 0, map_crc = 0;
	uint8_t chunk[512];
	size_t n = 0;

	auto flush = [&] (uint32_t &crc) {
		if (n) crc = Foc::armor_crc32(chunk, n) ^ (crc * 31 + 7);
		n = 0;
	};

	for (unsigned s = 0; s < Space_layout::SELECTORS; s++) {
		bool const in_map = s >= USER_BASE_SEL && s < Space_layout::CAP_MAP_ENTRIES;
		if (in_map && !(_entries && badge(id_of(entry_at(_entries, s)))))
			continue; /* receive window or free entry: moves with calls in flight */
		if (!kernel_valid(s))
			continue;
		chunk[n++] = uint8_t(s); chunk[n++] = uint8_t(s >> 8);
		if (n + 2 > sizeof(chunk)) flush(valid_crc);
	}
	flush(valid_crc);

	for (unsigned i = 0; _entries && i < Space_layout::CAP_MAP_ENTRIES; i++) {
		uint32_t const id = id_of(entry_at(_entries, i));
		if (!badge(id))
			continue;
		chunk[n++] = uint8_t(i);        chunk[n++] = uint8_t(i >> 8);
		chunk[n++] = uint8_t(id);       chunk[n++] = uint8_t(id >> 8);
		chunk[n++] = uint8_t(id >> 16); chunk[n++] = uint8_t(id >> 24);
		if (n + 6 > sizeof(chunk)) flush(map_crc);
	}
	flush(map_crc);

	uint32_t const meaning = uint32_t(_sessions.changes());
	/* 63 bits: clients keep generations as signed 64-bit numbers */
	uint64_t const g = (uint64_t(valid_crc >> 1) << 32) | (map_crc ^ meaning);
	return g ? g : 1;
}


void Space::_take(uint64_t lasting)
{
	Steady &c = *_steady;
	for (unsigned s = 0; s < Space_layout::SELECTORS; s++) {
		uint8_t const bit = uint8_t(1u << (s % 8));
		c.valid[s / 8] = uint8_t(kernel_valid(s) ? (c.valid[s / 8] | bit) : (c.valid[s / 8] & ~bit));
	}
	for (unsigned i = 0; i < Space_layout::CAP_MAP_ENTRIES; i++) {
		c.id[i]  = _entries ? id_of(entry_at(_entries, i)) : 0;
		c.ref[i] = _entries ? ref_count_of(entry_at(_entries, i)) : 0;
	}
	c.lasting = lasting;
	c.taken   = true;
}


/* validity for the agent core, for a task without a task cap: the copy's */
int Space::_mapped(void *ctx, agent_task_info const *, unsigned sel)
{
	Space &s = _self(ctx);
	return s._steady ? (s._valid(sel) ? 1 : 0) : -1;
}
