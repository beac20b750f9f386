/* The command server's wire, client side (see client_wire.h). */
#include "launcher/client_wire.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

/* 1 read all, 0 end of stream before the first byte, -1 error or end in the middle */
static int read_all(int fd, void *buf, size_t len) {
  char *p = buf;
  size_t got = 0;
  while (got < len) {
    ssize_t n = read(fd, p + got, len - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
    if (n == 0)
      return got == 0 ? 0 : -1;
    got += (size_t)n;
  }
  return 1;
}

int cw_send_request(int fd, const char *cwd, char *const *args, int nargs) {
  size_t body = 1 + strlen(cwd) + 1;
  for (int i = 0; i < nargs; i++) {
    body += strlen(args[i]) + 1;
    if (body > CW_MAX_REQUEST)
      return -1;
  }
  if (body > CW_MAX_REQUEST)
    return -1;
  char *msg = malloc(8 + body);
  if (msg == NULL)
    return -1;
  memcpy(msg, "CSR1", 4);
  msg[4] = (char)(body >> 24);
  msg[5] = (char)(body >> 16);
  msg[6] = (char)(body >> 8);
  msg[7] = (char)body;
  size_t at = 8;
  msg[at++] = 0; /* flags */
  size_t n = strlen(cwd) + 1;
  memcpy(msg + at, cwd, n);
  at += n;
  for (int i = 0; i < nargs; i++) {
    n = strlen(args[i]) + 1;
    memcpy(msg + at, args[i], n);
    at += n;
  }
  int rc = write_all(fd, msg, at);
  free(msg);
  return rc;
}

int cw_relay(int fd, int out_fd, int err_fd) {
  size_t cap = 1 << 16;
  char *buf = malloc(cap);
  if (buf == NULL)
    return CW_BROKEN;
  int first = 1, result = CW_BROKEN;
  for (;;) {
    unsigned char head[5];
    if (read_all(fd, head, sizeof head) != 1)
      break;
    uint32_t len = (uint32_t)head[1] << 24 | (uint32_t)head[2] << 16 | (uint32_t)head[3] << 8 | head[4];
    if (len > CW_MAX_FRAME)
      break;
    if (len > cap) {
      char *bigger = realloc(buf, len);
      if (bigger == NULL)
        break;
      buf = bigger;
      cap = len;
    }
    if (len > 0 && read_all(fd, buf, len) != 1)
      break;
    if (head[0] == 'o' || head[0] == 'e') {
      /* A reader that went away (a closed pipe) ends the command, as it would end the JVM's. */
      if (write_all(head[0] == 'o' ? out_fd : err_fd, buf, len) != 0)
        break;
    } else if (head[0] == 'x' && len == 1) {
      result = (unsigned char)buf[0];
      break;
    } else if (head[0] == 'f' && len == 0 && first) {
      result = CW_FALLBACK;
      break;
    } else {
      break; /* not this wire */
    }
    first = 0;
  }
  free(buf);
  return result;
}
