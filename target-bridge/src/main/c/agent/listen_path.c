/* What stands at a Unix socket path before capsim binds it (agent.h,
 * agent_unix_path_problem): only a stale socket of our own user is replaced;
 * anything else gets a sentence saying what it is and what to do, instead of
 * bind's "Address already in use". POSIX only: not part of the portable agent. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent/agent.h"

bool agent_unix_path_problem(const char *path, char *err, size_t errlen) {
  struct stat st;
  if (lstat(path, &st) != 0)
    return false; /* nothing there (or a folder problem bind will name) */
  if (S_ISLNK(st.st_mode))
    snprintf(err, errlen,
             "%s is a symbolic link: capsim neither follows nor replaces one; "
             "give the socket another path or remove the link",
             path);
  else if (S_ISDIR(st.st_mode))
    snprintf(err, errlen, "%s is a directory: give a socket path inside it, e.g. %s/capsim.sock", path,
             path);
  else if (!S_ISSOCK(st.st_mode))
    snprintf(err, errlen,
             "%s is an existing %s, not a socket: capsim replaces only sockets left by a stopped "
             "capsim; give another path or remove it",
             path, S_ISREG(st.st_mode) ? "file" : "special file");
  else if (st.st_uid != geteuid())
    snprintf(err, errlen, "%s is a socket of another user (user id %u, you are %u): give another path",
             path, (unsigned)st.st_uid, (unsigned)geteuid());
  else
    return false;
  return true;
}
