/* capsim's access rules: the shared token and where it is required (capsim/access.c). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

/* First line of FILE (without its newline) into out; refuses a file others can read. */
int access_read_token_file(const char *path, char *out, size_t cap, char *err, size_t errlen);
/* False for a TCP listener on anything but loopback: such a target needs a token. */
bool access_listen_is_local(const char *spec);
