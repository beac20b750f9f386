/* capsim's listeners: a Unix socket, TCP, or a pseudo-terminal standing for a
 * serial line (agent_listen). */
/* posix_openpt, grantpt, unlockpt, ptsname */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <termios.h>

#include "agent/armor.h"
#include "agent/conn.h"

void conn_set_nonblock(int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0)
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
  fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static int listen_unix(struct agent *a, const char *path, char *err, size_t errlen) {
  struct sockaddr_un sa;
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  if (strlen(path) == 0 || strlen(path) >= sizeof sa.sun_path) {
    snprintf(err, errlen, "unix socket path empty or longer than %zu bytes", sizeof sa.sun_path - 1);
    return -1;
  }
  strcpy(sa.sun_path, path);
  if (agent_unix_path_problem(path, err, errlen))
    return -1;
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) {
    snprintf(err, errlen, "socket: %s", strerror(errno));
    return -1;
  }
  /* A socket left behind by a dead capsim is replaced; a live one is not. */
  struct stat st;
  if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode)) {
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
      snprintf(err, errlen, "%s is in use by another server", path);
      close(fd);
      return -1;
    }
    unlink(path);
  }
  mode_t old = umask(0177); /* the socket is born 0600 */
  int rc = bind(fd, (struct sockaddr *)&sa, sizeof sa);
  umask(old);
  if (rc != 0 || listen(fd, 64) != 0) {
    snprintf(err, errlen, "bind/listen %s: %s", path, strerror(errno));
    close(fd);
    return -1;
  }
  snprintf(a->unix_path, sizeof a->unix_path, "%s", path);
  snprintf(a->uri, sizeof a->uri, "unix:%s", path);
  return fd;
}

static int listen_tcp(struct agent *a, const char *hostport, char *err, size_t errlen) {
  char host[256];
  const char *colon = strrchr(hostport, ':');
  if (!colon || (size_t)(colon - hostport) >= sizeof host || !colon[1]) {
    snprintf(err, errlen, "expected tcp:HOST:PORT");
    return -1;
  }
  memcpy(host, hostport, (size_t)(colon - hostport));
  host[colon - hostport] = 0;
  if (!host[0]) /* "tcp::PORT": loopback, never every interface by accident */
    strcpy(host, "127.0.0.1");
  if (host[0] == '[' && host[strlen(host) - 1] == ']') {
    memmove(host, host + 1, strlen(host));
    host[strlen(host) - 1] = 0;
  }
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  int gai = getaddrinfo(host, colon + 1, &hints, &res);
  if (gai != 0) {
    snprintf(err, errlen, "tcp %s: %s", hostport, gai_strerror(gai));
    return -1;
  }
  int fd = socket(res->ai_family, SOCK_STREAM, 0);
  int one = 1;
  if (fd >= 0)
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 64) != 0) {
    snprintf(err, errlen, "bind/listen %s: %s", hostport, strerror(errno));
    if (fd >= 0)
      close(fd);
    freeaddrinfo(res);
    return -1;
  }
  freeaddrinfo(res);
  struct sockaddr_storage ss;
  socklen_t sl = sizeof ss;
  getsockname(fd, (struct sockaddr *)&ss, &sl);
  char addr[INET6_ADDRSTRLEN] = "?";
  unsigned port = 0;
  if (ss.ss_family == AF_INET) {
    struct sockaddr_in *in = (struct sockaddr_in *)&ss;
    inet_ntop(AF_INET, &in->sin_addr, addr, sizeof addr);
    port = ntohs(in->sin_port);
    snprintf(a->uri, sizeof a->uri, "tcp:%s:%u", addr, port);
  } else {
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
    inet_ntop(AF_INET6, &in6->sin6_addr, addr, sizeof addr);
    port = ntohs(in6->sin6_port);
    snprintf(a->uri, sizeof a->uri, "tcp:[%s]:%u", addr, port);
  }
  return fd;
}

/* A pseudo-terminal in raw mode; one client at a time speaks on it. */
static int listen_pty(struct agent *a, const char *link, char *err, size_t errlen) {
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  const char *slave = m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0 ? ptsname(m) : NULL;
  int s = slave ? open(slave, O_RDWR | O_NOCTTY) : -1;
  struct termios tio;
  if (s < 0 || tcgetattr(s, &tio) != 0) {
    snprintf(err, errlen, "pty: %s", strerror(errno));
    if (m >= 0)
      close(m);
    return -1;
  }
  cfmakeraw(&tio);
  tcsetattr(s, TCSANOW, &tio);
  unlink(link);
  if (strlen(link) >= sizeof a->pty_link || symlink(slave, link) != 0) {
    snprintf(err, errlen, "pty: cannot link %s to %s: %s", link, slave, strerror(errno));
    close(s);
    close(m);
    return -1;
  }
  conn_set_nonblock(m);
  fcntl(s, F_SETFD, FD_CLOEXEC);
  struct conn *c = conn_new(m);
  if (!c) {
    snprintf(err, errlen, "out of memory");
    unlink(link);
    close(s);
    close(m);
    return -1;
  }
  c->line = true;
  c->peer.client = AGENT_LINE_CLIENT;
  c->peer.authed = true; /* a serial line is physical access: no token on it */
  c->arx = malloc(sizeof *c->arx);
  if (c->arx)
    armor_rx_init(c->arx, IN_CAP);
  a->conns[0] = c;
  a->pty_slave_fd = s;
  snprintf(a->pty_link, sizeof a->pty_link, "%s", link);
  snprintf(a->uri, sizeof a->uri, "serial:%s", link);
  return 0;
}

int agent_listen(struct agent *a, struct agent_runtime *rt, const char *spec, char *err, size_t errlen) {
  memset(a, 0, sizeof *a);
  a->rt = rt;
  a->idle_timeout_ms = AGENT_DEFAULT_IDLE_TIMEOUT_MS;
  a->listen_fd = -1;
  a->pty_slave_fd = -1;
  int fd;
  if (!strncmp(spec, "pty:", 4))
    return listen_pty(a, spec + 4, err, errlen);
  if (!strncmp(spec, "unix:", 5))
    fd = listen_unix(a, spec + 5, err, errlen);
  else if (!strncmp(spec, "tcp:", 4))
    fd = listen_tcp(a, spec + 4, err, errlen);
  else {
    snprintf(err, errlen, "listen address must be unix:PATH, tcp:HOST:PORT or pty:PATH");
    return -1;
  }
  if (fd < 0)
    return -1;
  conn_set_nonblock(fd);
  a->listen_fd = fd;
  return 0;
}
