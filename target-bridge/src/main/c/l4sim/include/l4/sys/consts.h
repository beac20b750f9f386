/* l4sim: constants with the names and values of l4/sys/consts.h. */
#pragma once
#include <l4/sys/l4int.h>

/* Capability indices: selector << L4_CAP_SHIFT; bit 11 marks invalid caps. */
enum l4_cap_consts_t {
  L4_CAP_SHIFT = 12,
  L4_CAP_SIZE = 1UL << L4_CAP_SHIFT,
  L4_CAP_OFFSET = 0,
  L4_INVALID_CAP_BIT = 1UL << (L4_CAP_SHIFT - 1),
};

#define L4_CAP_MASK (~0UL << (L4_CAP_SHIFT - 1))
#define L4_INVALID_CAP (~0UL << (L4_CAP_SHIFT - 1))

/* Default capabilities, set up by the kernel for sigma0 and the root task
 * only. Genode leaves the unused ones empty in components. */
enum l4_default_caps_t {
  L4_BASE_TASK_CAP = 1UL << L4_CAP_SHIFT,
  L4_BASE_FACTORY_CAP = 2UL << L4_CAP_SHIFT,
  L4_BASE_THREAD_CAP = 3UL << L4_CAP_SHIFT,
  L4_BASE_PAGER_CAP = 4UL << L4_CAP_SHIFT,
  L4_BASE_LOG_CAP = 5UL << L4_CAP_SHIFT,
  L4_BASE_ICU_CAP = 6UL << L4_CAP_SHIFT,
  L4_BASE_SCHEDULER_CAP = 7UL << L4_CAP_SHIFT,
  L4_BASE_IOMMU_CAP = 8UL << L4_CAP_SHIFT,
  L4_BASE_DEBUGGER_CAP = 10UL << L4_CAP_SHIFT,
  L4_BASE_ARM_SMCCC_CAP = 11UL << L4_CAP_SHIFT,
  L4_BASE_CAPS_LAST_P1,
};

/* Flexpage layout: rights in bits 0..3, type in 4..5, order in 6..11. */
enum l4_fpage_consts {
  L4_FPAGE_RIGHTS_SHIFT = 0,
  L4_FPAGE_TYPE_SHIFT = 4,
  L4_FPAGE_SIZE_SHIFT = 6,
  L4_FPAGE_ADDR_SHIFT = 12,
  L4_FPAGE_RIGHTS_BITS = 4,
  L4_FPAGE_TYPE_BITS = 2,
  L4_FPAGE_SIZE_BITS = 6,
  L4_FPAGE_RIGHTS_MASK = ((1UL << L4_FPAGE_RIGHTS_BITS) - 1) << L4_FPAGE_RIGHTS_SHIFT,
  L4_FPAGE_TYPE_MASK = ((1UL << L4_FPAGE_TYPE_BITS) - 1) << L4_FPAGE_TYPE_SHIFT,
  L4_FPAGE_SIZE_MASK = ((1UL << L4_FPAGE_SIZE_BITS) - 1) << L4_FPAGE_SIZE_SHIFT,
};

#define L4_FPAGE_ADDR_MASK (~0UL << L4_FPAGE_ADDR_SHIFT)

enum l4_fpage_type {
  L4_FPAGE_SPECIAL = 0,
  L4_FPAGE_MEMORY = 1,
  L4_FPAGE_IO = 2,
  L4_FPAGE_OBJ = 3,
};

/* Memory-style rights; Genode passes L4_FPAGE_RWX (7) for caps = W|S|R. */
enum l4_fpage_rights {
  L4_FPAGE_X = 0x1,
  L4_FPAGE_W = 0x2,
  L4_FPAGE_RO = 0x4,
  L4_FPAGE_RW = 0x6,
  L4_FPAGE_RX = 0x5,
  L4_FPAGE_RWX = 0x7,
};

/* Rights of an object capability mapping. */
enum l4_cap_fpage_rights {
  L4_CAP_FPAGE_R = 0x4,
  L4_CAP_FPAGE_RO = 0x4,
  L4_CAP_FPAGE_D = 0x8,
  L4_CAP_FPAGE_W = 0x1,
  L4_CAP_FPAGE_S = 0x2,
  L4_CAP_FPAGE_RW = 0x5,
  L4_CAP_FPAGE_RS = 0x6,
  L4_CAP_FPAGE_RWS = 0x7,
  L4_CAP_FPAGE_RSD = 0xe,
  L4_CAP_FPAGE_RWSD = 0xf,
};

/* Send item ("snd_base") flags of a map. */
enum l4_msg_item_consts_t {
  L4_ITEM_MAP = 8,
  L4_ITEM_CONT = 1,
  L4_MAP_ITEM_GRANT = 2,
  L4_MAP_ITEM_MAP = 0,
};

/* Unmap flags: object caps are not hierarchical, so without
 * L4_FP_ALL_SPACES an object unmap touches nothing. */
enum l4_unmap_flags_t {
  L4_FP_OTHER_SPACES = 0x0UL,
  L4_FP_ALL_SPACES = 0x80000000UL,
  L4_FP_DELETE_OBJ = 0xc0000000UL,
};
