/*
 * Which command server a command goes to: one per user, installation, Java runtime, working folder
 * and locale (docs/cli.md, "Command server"). The key hashes what would make a server started
 * earlier run different code or print differently: the installation's files (names, sizes, times),
 * the java the launcher would run and its runtime image, the working folder, the locale and time
 * zone, and the launcher's settings (CAPSCOPE_JAVA_OPTS, CAPSCOPE_CDS, XDG_CACHE_HOME).
 */
#ifndef CAPSCOPE_SERVER_KEY_H
#define CAPSCOPE_SERVER_KEY_H

#include <stddef.h>
#include <stdint.h>

/* The key for installation `home` and working folder `cwd`. */
uint64_t sk_key(const char *home, const char *cwd);

/* The folder holding the servers' sockets, created private if missing; 0, or -1 when it cannot be
 * made or is not the user's alone (then no server is used). */
int sk_folder(char *out, size_t cap);

#endif
