/* l4sim: message tags, capability indices and flexpages as in l4/sys/types.h. */
#pragma once
#include <l4/sys/compiler.h>
#include <l4/sys/consts.h>
#include <l4/sys/l4int.h>

typedef l4_umword_t l4_cap_idx_t;

/* What l4_error() returns: a 16-bit signed value in current l4sys. */
typedef l4_int16_t l4_ret_t;

/* Message tag: words 0..5, items 6..11, flags 12..15, label 16.. */
typedef struct l4_msgtag_t {
  l4_mword_t raw;
} l4_msgtag_t;

enum l4_msgtag_flags {
  L4_MSGTAG_ERROR = 0x8000,
  L4_MSGTAG_XCPU = 0x4000,
  L4_MSGTAG_TRANSFER_FPU = 0x1000,
  L4_MSGTAG_SCHEDULE = 0x2000,
  L4_MSGTAG_FLAGS = 0xf000,
};

enum l4_msgtag_protocol {
  L4_PROTO_NONE = 0,
  L4_PROTO_IRQ = -1L,
  L4_PROTO_PAGE_FAULT = -2L,
  L4_PROTO_TASK = -11L,
  L4_PROTO_FACTORY = -6L,
  L4_PROTO_DEBUGGER = -13L,
};

L4_INLINE l4_msgtag_t l4_msgtag(long label, unsigned words, unsigned items, unsigned flags) L4_NOTHROW {
  l4_msgtag_t t;
  t.raw = (l4_mword_t)(((l4_umword_t)label << 16) | (words & 0x3f) | ((items & 0x3f) << 6) |
                       (flags & 0xf000));
  return t;
}

L4_INLINE long l4_msgtag_label(l4_msgtag_t t) L4_NOTHROW { return t.raw >> 16; }
L4_INLINE unsigned l4_msgtag_words(l4_msgtag_t t) L4_NOTHROW { return t.raw & 0x3f; }
L4_INLINE unsigned l4_msgtag_items(l4_msgtag_t t) L4_NOTHROW { return (t.raw >> 6) & 0x3f; }
L4_INLINE unsigned l4_msgtag_flags(l4_msgtag_t t) L4_NOTHROW { return t.raw & 0xf000; }
L4_INLINE unsigned l4_msgtag_has_error(l4_msgtag_t t) L4_NOTHROW { return t.raw & L4_MSGTAG_ERROR; }

L4_INLINE unsigned l4_is_invalid_cap(l4_cap_idx_t c) L4_NOTHROW { return c & L4_INVALID_CAP_BIT; }
L4_INLINE unsigned l4_is_valid_cap(l4_cap_idx_t c) L4_NOTHROW { return !(c & L4_INVALID_CAP_BIT); }

/* Flexpage. */
typedef union {
  l4_umword_t raw;
} l4_fpage_t;

/* The real headers' internal helper of the same name. */
L4_INLINE l4_fpage_t __l4_fpage_generic(unsigned long address, unsigned type, unsigned order,
                                        unsigned rights) L4_NOTHROW {
  l4_fpage_t f;
  f.raw = ((l4_umword_t)order << L4_FPAGE_SIZE_SHIFT) | ((l4_umword_t)type << L4_FPAGE_TYPE_SHIFT) |
          ((l4_umword_t)rights << L4_FPAGE_RIGHTS_SHIFT) | (address & L4_FPAGE_ADDR_MASK);
  return f;
}

/* A memory flexpage of 2^order bytes at address. */
L4_INLINE l4_fpage_t l4_fpage(l4_addr_t address, unsigned int order, unsigned char rights) L4_NOTHROW {
  return __l4_fpage_generic(address, L4_FPAGE_MEMORY, order, rights);
}

/* Object flexpage over 2^order caps starting at cap index `obj`. */
L4_INLINE l4_fpage_t l4_obj_fpage(l4_cap_idx_t obj, unsigned order, unsigned char rights) L4_NOTHROW {
  return __l4_fpage_generic(obj, L4_FPAGE_OBJ, order, rights);
}

L4_INLINE unsigned l4_fpage_rights(l4_fpage_t f) L4_NOTHROW {
  return (f.raw & L4_FPAGE_RIGHTS_MASK) >> L4_FPAGE_RIGHTS_SHIFT;
}
L4_INLINE unsigned l4_fpage_type(l4_fpage_t f) L4_NOTHROW {
  return (f.raw & L4_FPAGE_TYPE_MASK) >> L4_FPAGE_TYPE_SHIFT;
}
L4_INLINE unsigned l4_fpage_size(l4_fpage_t f) L4_NOTHROW {
  return (f.raw & L4_FPAGE_SIZE_MASK) >> L4_FPAGE_SIZE_SHIFT;
}
L4_INLINE unsigned long l4_fpage_page(l4_fpage_t f) L4_NOTHROW { return f.raw >> L4_FPAGE_ADDR_SHIFT; }

/* Control word of a map item: destination base | L4_ITEM_MAP | grant. */
L4_INLINE l4_umword_t l4_map_control(l4_umword_t snd_base, unsigned char cache,
                                     unsigned grant) L4_NOTHROW {
  return (snd_base & L4_FPAGE_ADDR_MASK) | ((l4_umword_t)cache << 4) | L4_ITEM_MAP | grant;
}
L4_INLINE l4_umword_t l4_map_obj_control(l4_umword_t snd_base, unsigned grant) L4_NOTHROW {
  return l4_map_control(snd_base, 0, grant);
}
