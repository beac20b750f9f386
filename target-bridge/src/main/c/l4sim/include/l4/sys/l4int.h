/* l4sim: fixed-size integer types as in l4/sys/l4int.h (amd64). */
#pragma once
#include <stdint.h>

typedef int8_t l4_int8_t;
typedef uint8_t l4_uint8_t;
typedef int16_t l4_int16_t;
typedef uint16_t l4_uint16_t;
typedef int32_t l4_int32_t;
typedef uint32_t l4_uint32_t;
typedef int64_t l4_int64_t;
typedef uint64_t l4_uint64_t;
typedef unsigned long l4_umword_t;
typedef long l4_mword_t;
typedef unsigned long l4_addr_t;

#define L4_MWORD_BITS (sizeof(l4_umword_t) * 8)
