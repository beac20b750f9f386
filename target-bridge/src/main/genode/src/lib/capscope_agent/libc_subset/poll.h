/*
 * <poll.h> for Capscope's agent core in a Genode component: agent.h names
 * struct pollfd in the socket server's API (server.c, not built on Genode).
 */
#ifndef _CAPSCOPE_LIBC_SUBSET_POLL_H_
#define _CAPSCOPE_LIBC_SUBSET_POLL_H_

struct pollfd { int fd; short events; short revents; };

#endif
