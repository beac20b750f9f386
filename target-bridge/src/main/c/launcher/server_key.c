/* Which command server a command goes to (see server_key.h). */
#include "launcher/server_key.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static void mix(uint64_t *h, const void *bytes, size_t len) {
  const unsigned char *p = bytes;
  for (size_t i = 0; i < len; i++)
    *h = (*h ^ p[i]) * FNV_PRIME;
}

static void mix_str(uint64_t *h, const char *s) { mix(h, s ? s : "", s ? strlen(s) + 1 : 1); }

static void mix_stat(uint64_t *h, const char *path) {
  struct stat st;
  mix_str(h, path);
  if (stat(path, &st) != 0)
    return;
  int64_t v[4] = {(int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec, (int64_t)st.st_mtim.tv_nsec,
                  (int64_t)st.st_ino};
  mix(h, v, sizeof v);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every file under dir, in name order, to a few levels (lib/, lib/javafx, lib/native). */
static void mix_tree(uint64_t *h, const char *dir, int depth) {
  DIR *d = opendir(dir);
  if (d == NULL)
    return;
  char *names[256];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 256) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    names[n] = strdup(e->d_name);
    if (names[n] != NULL)
      n++;
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], by_name);
  for (int i = 0; i < n; i++) {
    char path[PATH_MAX];
    struct stat st;
    int len = snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (len > 0 && len < (int)sizeof path) {
      mix_stat(h, path);
      if (depth > 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        mix_tree(h, path, depth - 1);
    }
    free(names[i]);
  }
}

/* The java bin/capscope runs: $JAVA_HOME/bin/java if there, else the first java on PATH. */
static int find_java(char *out, size_t cap) {
  const char *jh = getenv("JAVA_HOME");
  if (jh != NULL && *jh != '\0') {
    snprintf(out, cap, "%s/bin/java", jh);
    if (access(out, X_OK) == 0)
      return 0;
  }
  const char *path = getenv("PATH");
  while (path != NULL && *path != '\0') {
    const char *end = strchr(path, ':');
    size_t len = end ? (size_t)(end - path) : strlen(path);
    if (len > 0 && (size_t)snprintf(out, cap, "%.*s/java", (int)len, path) < cap &&
        access(out, X_OK) == 0)
      return 0;
    path = end ? end + 1 : NULL;
  }
  return -1;
}

uint64_t sk_key(const char *home, const char *cwd) {
  uint64_t h = FNV_OFFSET;
  char lib[PATH_MAX + 8], java[PATH_MAX], real[PATH_MAX];
  mix_str(&h, home);
  snprintf(lib, sizeof lib, "%s/lib", home);
  mix_tree(&h, lib, 2);
  if (find_java(java, sizeof java) == 0 && realpath(java, real) != NULL) {
    mix_stat(&h, real);
    char *bin = strrchr(real, '/');
    if (bin != NULL) {
      *bin = '\0';
      char *jhome = strrchr(real, '/');
      if (jhome != NULL) {
        *jhome = '\0';
        char file[PATH_MAX + 16];
        snprintf(file, sizeof file, "%s/release", real);
        mix_stat(&h, file);
        snprintf(file, sizeof file, "%s/lib/modules", real);
        mix_stat(&h, file);
      }
    }
  }
  mix_str(&h, cwd);
  static const char *const vars[] = {
      "LANG",         "LC_ALL",         "LC_CTYPE", "LC_MESSAGES", "TZ", "CAPSCOPE_JAVA_OPTS",
      "CAPSCOPE_CDS", "XDG_CACHE_HOME", "HOME"};
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
    mix_str(&h, getenv(vars[i]));
  return h;
}

static int make_dir(const char *path, mode_t mode) {
  return mkdir(path, mode) == 0 || errno == EEXIST ? 0 : -1;
}

int sk_folder(char *out, size_t cap) {
  const char *runtime = getenv("XDG_RUNTIME_DIR");
  int n;
  if (runtime != NULL && *runtime == '/') {
    n = snprintf(out, cap, "%s/capscope-server", runtime);
  } else {
    const char *cache = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char base[PATH_MAX];
    if (cache != NULL && *cache == '/') {
      snprintf(base, sizeof base, "%s", cache);
    } else if (home != NULL && *home == '/') {
      snprintf(base, sizeof base, "%s/.cache", home);
      if (make_dir(base, 0700) != 0)
        return -1;
    } else {
      return -1;
    }
    if (strlen(base) + 40 >= sizeof base)
      return -1;
    strcat(base, "/capscope");
    if (make_dir(base, 0755) != 0)
      return -1;
    n = snprintf(out, cap, "%s/capscope-server", base);
  }
  if (n < 0 || (size_t)n >= cap || make_dir(out, 0700) != 0)
    return -1;
  struct stat st;
  /* Anyone who could open a socket in it could run commands as this user. */
  if (lstat(out, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077) != 0)
    return -1;
  return 0;
}
