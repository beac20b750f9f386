/* The kernel debugger's object dump, read into a per-task view.
 *
 * JDB-enabled Fiasco kernels (2023+) answer one debugger-object operation,
 * "object infos" (opcode 16; l4sys names it l4_debugger_query_obj_infos),
 * by writing 64-byte records into kernel-user memory: for every kernel
 * object one record (its type, debug id, type-specific fields such as an IPC
 * gate's label) followed by one record per capability slot naming it (the
 * holding space's debug id and name, the cap index, the slot's rights). The
 * records come in pages (the caller passes how many to skip).
 *
 * This file only parses records (little-endian bytes, layout of the kernel's
 * src/jabi/jdb_obj_info.cpp); issuing the call is the runtime's business.
 * So it builds and is tested anywhere, also on recorded real dumps. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KDUMP_RECORD_SIZE 64
#define KDUMP_NAME_MAX 16

struct kdump_obj {
  uint64_t id;       /* debug id (what l4_debugger_global_id returns) */
  uint64_t label;    /* IPC gate label; 0 for other kinds */
  uint32_t mappings; /* slots naming it, all spaces */
  uint8_t kind;      /* wire kind, docs/protocol.md CAP_INFOS (0 unknown) */
  bool kernel;       /* the kernel's own space */
};

struct kdump_map {
  uint64_t holder; /* debug id of the space holding the slot */
  uint32_t sel;    /* cap index in that space */
  uint32_t obj;    /* index into objs */
  uint8_t rights;  /* W 1, S 2, R 4, D 8 */
};

struct kdump_space {
  uint64_t id;
  char name[KDUMP_NAME_MAX + 1]; /* as named for the debugger; may be empty */
  uint32_t first_map, nmaps;     /* its slots, maps[first_map..], by selector */
};

struct kdump {
  struct kdump_obj *objs;
  struct kdump_map *maps;
  struct kdump_space *spaces;
  size_t nobjs, nmaps, nspaces;
  size_t cap_objs, cap_maps, cap_spaces;
  size_t records; /* records fed so far */
  bool bad;       /* a mapping record before any object, or out of memory */
};

void kdump_init(struct kdump *d);
void kdump_free(struct kdump *d);
/* Forget the records of the last dump, keep the memory. */
void kdump_reset(struct kdump *d);
/* Append `count` records (one page of the dump, in kernel order). */
void kdump_feed(struct kdump *d, const uint8_t *records, size_t count);
/* After the last page: index the slots by space and selector and list the
 * spaces (Task objects other than the kernel's that hold at least one slot,
 * in debug-id order). False if the dump was inconsistent. */
bool kdump_finish(struct kdump *d);

const struct kdump_space *kdump_space(const struct kdump *d, uint64_t id);
/* The slot `sel` of space `holder`, or NULL when it is empty. */
const struct kdump_map *kdump_slot(const struct kdump *d, uint64_t holder, unsigned sel);
/* A checksum of a space's slots 0..last (selector, object, rights): equal
 * while nothing in them changed. */
uint32_t kdump_space_crc(const struct kdump *d, uint64_t holder, unsigned last);
