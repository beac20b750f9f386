/* l4sim: error codes with the values of l4/sys/err.h. Calls return them
 * negated in the message-tag label (see l4_error()). */
#pragma once

enum l4_error_code_t {
  L4_EOK = 0,
  L4_EPERM = 1,
  L4_ENOENT = 2,
  L4_ENOMEM = 12,
  L4_EACCESS = 13,
  L4_EFAULT = 14,
  L4_EBUSY = 16,
  L4_EEXIST = 17,
  L4_ENODEV = 19,
  L4_EINVAL = 22,
  L4_ENOSPC = 28,
  L4_ERANGE = 34,
  L4_ENAMETOOLONG = 36,
  L4_ENOSYS = 38,
  L4_EBADPROTO = 39,
  L4_EADDRNOTAVAIL = 99,
  L4_ENOREPLY = 1000,
  L4_EIPC_LO = 2000,
  L4_EIPC_HI = 2031,
};
