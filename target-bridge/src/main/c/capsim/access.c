/* Who may talk to capsim: the shared token (--token, --token-file) and the rule that a
 * TCP listener off loopback needs one (docs/protocol.md §6, docs/reliability.md). */
#include "capsim/access.h"

#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

int access_read_token_file(const char *path, char *out, size_t cap, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  struct stat st;
  if (!f || fstat(fileno(f), &st) != 0) {
    snprintf(err, errlen, "cannot read token file %s", path);
    if (f)
      fclose(f);
    return -1;
  }
  if (st.st_mode & 077) { /* like ssh keys: a secret others can read is no secret */
    snprintf(err, errlen, "token file %s is readable by others (mode %03o): chmod 600 it", path,
             (unsigned)(st.st_mode & 0777));
    fclose(f);
    return -1;
  }
  if (!fgets(out, (int)cap, f))
    out[0] = 0;
  fclose(f);
  out[strcspn(out, "\r\n")] = 0;
  return 0;
}

static bool addr_loopback(const struct sockaddr *sa) {
  if (sa->sa_family == AF_INET)
    return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
  if (sa->sa_family == AF_INET6) {
    const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
    if (IN6_IS_ADDR_LOOPBACK(a))
      return true;
    return IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127;
  }
  return false;
}

bool access_listen_is_local(const char *spec) {
  if (strncmp(spec, "tcp:", 4) != 0)
    return true; /* unix sockets (0600) and pty lines are reachable only on this machine */
  const char *hostport = spec + 4, *colon = strrchr(hostport, ':');
  char host[256];
  if (!colon || (size_t)(colon - hostport) >= sizeof host)
    return false; /* agent_listen refuses it anyway; do not call it local */
  memcpy(host, hostport, (size_t)(colon - hostport));
  host[colon - hostport] = 0;
  if (!host[0])
    return true; /* tcp::PORT means 127.0.0.1 */
  size_t n = strlen(host);
  if (host[0] == '[' && n >= 2 && host[n - 1] == ']') {
    memmove(host, host + 1, n - 2);
    host[n - 2] = 0;
  }
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, NULL, &hints, &res) != 0 || !res)
    return false;
  bool local = true; /* every address the name stands for must be loopback */
  for (struct addrinfo *ai = res; ai; ai = ai->ai_next)
    local = local && addr_loopback(ai->ai_addr);
  freeaddrinfo(res);
  return local;
}
