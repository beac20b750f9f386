/*
 * Writes the seed corpora of the agent and armor fuzz targets (make fuzz-corpus):
 * valid request frames of every opcode against fuzz_agent_frame's system (tasks 1 init,
 * 2 timer, 3 client; the l4re one has task 1 hello), pipelined sequences, the broken
 * headers the agent must answer, and armored lines with line noise around them.
 *   gen_corpus DIR   (writes the files of DIR/agent-frame and DIR/armor)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "agent/armor.h"
#include "protocol/proto.h"
#include "agent/wire.h"

static char dir[4096];
static struct writer w; /* the input being built */

static void begin(uint8_t mode) {
  w.len = 0;
  w.overflow = false;
  wr_u8(&w, mode);
}

/* One request frame: header, then the payload written by the caller, length patched. */
static size_t hdr(uint16_t op, uint32_t id) { return wr_frame_begin(&w, op, id); }
static void end(size_t start) { wr_frame_end(&w, start, ST_OK); }

static void save(const char *sub, const char *name, const uint8_t *p, size_t n) {
  char path[8192];
  snprintf(path, sizeof path, "%s/%s", dir, sub);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
    fprintf(stderr, "gen_corpus: %s: %s\n", path, strerror(errno));
    exit(1);
  }
}
static void put(const char *name) { save("agent-frame", name, w.buf, w.len); }

static void hello(uint32_t id) {
  size_t s = hdr(OP_HELLO, id);
  wr_u16(&w, 1);
  wr_str(&w, "fuzz");
  end(s);
}
static void tasks(uint32_t id) { end(hdr(OP_TASKS, id)); }
static void auth(uint32_t id, const char *token) {
  size_t s = hdr(OP_AUTH, id);
  wr_str(&w, token);
  end(s);
}
static void unmap(uint32_t id) {
  size_t s = hdr(OP_UNMAP, id);
  wr_u32(&w, 3);
  wr_u16(&w, 0x300);
  wr_u8(&w, 0);
  wr_u8(&w, 0);
  end(s);
}
static void range(uint16_t op, uint32_t id, uint32_t task, uint16_t first, uint16_t last) {
  size_t s = hdr(op, id);
  wr_u32(&w, task);
  wr_u16(&w, first);
  wr_u16(&w, last);
  end(s);
}
static void threads(uint32_t id, uint32_t task) {
  size_t s = hdr(OP_THREADS, id);
  wr_u32(&w, task);
  end(s);
}
static void generation(uint32_t id, uint16_t count) {
  size_t s = hdr(OP_GENERATION, id);
  wr_u16(&w, count);
  for (uint16_t i = 0; i < count; i++)
    wr_u32(&w, 1u + i % 3u);
  end(s);
}
static void capmap_entry(uint16_t index, uint16_t raw, uint8_t flags) {
  wr_u16(&w, index);
  wr_u16(&w, raw);
  wr_u8(&w, 1);
  wr_u8(&w, flags);
  wr_u32(&w, 2);
  wr_u64(&w, 8192);
  wr_str(&w, "Timer");
  wr_str(&w, "client");
  wr_str(&w, "ram_quota=8K");
  wr_str(&w, "timer");
}

static void agent_corpus(void) {
  for (uint8_t mode = 0; mode < 2; mode++) {
    char name[64];
    begin(mode);
    hello(1);
    snprintf(name, sizeof name, "hello-m%u", mode);
    put(name);
  }
  begin(0);
  tasks(2);
  put("tasks");
  begin(0);
  generation(3, 0);
  put("generation-all");
  begin(0);
  generation(3, 3);
  put("generation-3");
  begin(0);
  range(OP_VALIDITY, 4, 3, 0, PROTO_LAST_SELECTOR);
  put("validity-full");
  begin(0);
  range(OP_VALIDITY, 4, 3, 0x300, 0x30f);
  put("validity-part");
  begin(0);
  range(OP_CAP_INFOS, 5, 3, 0, PROTO_LAST_SELECTOR);
  put("cap-infos");
  begin(0);
  threads(6, 3);
  put("threads");
  begin(0);
  range(OP_CAP_MAP, 7, 3, 0, PROTO_LAST_CAPMAP_INDEX);
  put("cap-map");
  /* a whole walk, pipelined, as the bridge sends it */
  begin(0);
  hello(1);
  tasks(2);
  generation(3, 0);
  for (uint32_t t = 1; t <= 3; t++) {
    range(OP_VALIDITY, 10 * t, t, 0, PROTO_LAST_SELECTOR);
    range(OP_CAP_INFOS, 10 * t + 1, t, 0, PROTO_LAST_SELECTOR);
    threads(10 * t + 2, t);
    range(OP_CAP_MAP, 10 * t + 3, t, 0, PROTO_LAST_CAPMAP_INDEX);
  }
  put("walk-pipelined");
  begin(2);
  hello(1);
  tasks(2);
  range(OP_CAP_INFOS, 3, 1, 0, PROTO_LAST_SELECTOR);
  range(OP_CAP_MAP, 4, 1, 0, PROTO_LAST_CAPMAP_INDEX);
  put("walk-l4re");

  /* mutations, each with restore allowed and the lease held (mode 5) and refused (mode 0) */
  for (uint8_t m = 0; m < 2; m++) {
    uint8_t mode = m ? 5 : 0;
    char name[64];
#define PUT(what) (snprintf(name, sizeof name, "%s-m%u", what, m), put(name))
    size_t s;
    begin(mode);
    s = hdr(OP_UNMAP, 20);
    wr_u32(&w, 3);
    wr_u16(&w, 0x300);
    wr_u8(&w, 0);
    wr_u8(&w, 0);
    end(s);
    PUT("unmap");
    begin(mode);
    s = hdr(OP_UNMAP, 20);
    wr_u32(&w, 3);
    wr_u16(&w, 0x300);
    wr_u8(&w, 2);
    wr_u8(&w, 1);
    end(s);
    PUT("unmap-delete-order2");
    begin(mode);
    s = hdr(OP_MAP_COPY, 21);
    wr_u32(&w, 3);
    wr_u32(&w, 0);
    wr_u16(&w, 0x300);
    wr_u16(&w, 0x400);
    wr_u8(&w, 0);
    wr_u8(&w, 7);
    wr_u8(&w, 0);
    wr_u8(&w, 0);
    end(s);
    PUT("map-copy");
    begin(mode);
    s = hdr(OP_MAP_COPY, 21);
    wr_u32(&w, 3);
    wr_u32(&w, 1);
    wr_u16(&w, 0x300);
    wr_u16(&w, 0x500);
    wr_u8(&w, 2);
    wr_u8(&w, 15);
    wr_u8(&w, 1);
    wr_u8(&w, 0);
    end(s);
    PUT("map-grant-order2");
    begin(mode);
    s = hdr(OP_CREATE_SESSION, 22);
    wr_u32(&w, 3);
    wr_u16(&w, 0x310);
    wr_u64(&w, 8192);
    wr_str(&w, "LOG");
    wr_str(&w, "client");
    wr_str(&w, "ram_quota=8K");
    wr_str(&w, "");
    end(s);
    PUT("create-session");
    begin(mode);
    s = hdr(OP_CREATE_SESSION, 22);
    wr_u32(&w, 3);
    wr_u16(&w, 0x311);
    wr_u64(&w, 0);
    wr_str(&w, "Timer");
    wr_str(&w, "t");
    wr_str(&w, "");
    wr_str(&w, "timer");
    end(s);
    PUT("create-session-server");
    for (uint8_t kind = 1; kind <= 4; kind++) {
      char what[32];
      snprintf(what, sizeof what, "create-object-k%u", kind);
      begin(mode);
      s = hdr(OP_CREATE_OBJECT, 23);
      wr_u32(&w, 3);
      wr_u16(&w, 0x320);
      wr_u8(&w, kind);
      wr_u8(&w, 0);
      wr_u64(&w, 0x44);
      end(s);
      PUT(what);
    }
    begin(mode);
    s = hdr(OP_SET_CAPMAP_ENTRY, 24);
    wr_u32(&w, 3);
    capmap_entry(0x330, 0x44, 6);
    end(s);
    PUT("set-capmap-entry");
    begin(mode);
    s = hdr(OP_SET_CAPMAP_ENTRY, 24);
    wr_u32(&w, 3);
    capmap_entry(0x334, 0xFFFF, 1);
    end(s);
    PUT("set-capmap-window");
    begin(mode);
    s = hdr(OP_CLEAR_CAPMAP_ENTRY, 25);
    wr_u32(&w, 3);
    wr_u16(&w, 0x300);
    end(s);
    PUT("clear-capmap-entry");
    begin(mode);
    s = hdr(OP_CLOSE_SESSION, 26);
    wr_u32(&w, 3);
    wr_u16(&w, 0x300);
    end(s);
    PUT("close-session");
#undef PUT
  }
  /* the lease itself: without it a mutation is refused; acquire (a wrong and a right generation
   * cannot be known here, so both kinds of answer come from the fuzzer), release */
  begin(1);
  {
    size_t s = hdr(OP_UNMAP, 40);
    wr_u32(&w, 3);
    wr_u16(&w, 0x300);
    wr_u8(&w, 0);
    wr_u8(&w, 0);
    end(s);
  }
  {
    size_t s = hdr(OP_LEASE_ACQUIRE, 41);
    wr_u32(&w, 3);
    wr_u64(&w, 0);
    wr_u32(&w, 0);
    end(s);
  }
  {
    size_t s = hdr(OP_LEASE_ACQUIRE, 42);
    wr_u32(&w, 3);
    wr_u64(&w, 0);
    wr_u32(&w, 600001);
    end(s);
  }
  {
    size_t s = hdr(OP_LEASE_RELEASE, 43);
    end(s);
  }
  put("lease-without");
  begin(5);
  {
    size_t s = hdr(OP_LEASE_ACQUIRE, 44);
    wr_u32(&w, 2);
    wr_u64(&w, 1);
    wr_u32(&w, 10);
    end(s);
  }
  {
    size_t s = hdr(OP_UNMAP, 45);
    wr_u32(&w, 2);
    wr_u16(&w, 0x300);
    wr_u8(&w, 0);
    wr_u8(&w, 0);
    end(s);
  }
  {
    size_t s = hdr(OP_LEASE_RELEASE, 46);
    end(s);
  }
  {
    size_t s = hdr(OP_UNMAP, 47);
    wr_u32(&w, 3);
    wr_u16(&w, 0x300);
    wr_u8(&w, 0);
    wr_u8(&w, 0);
    end(s);
  }
  put("lease-held");
  /* a restore-like sequence under the lease: unmap, re-create, fix the cap map, close, walk */
  begin(5);
  {
    size_t s = hdr(OP_UNMAP, 30);
    wr_u32(&w, 3);
    wr_u16(&w, 0x300);
    wr_u8(&w, 0);
    wr_u8(&w, 0);
    end(s);
  }
  {
    size_t s = hdr(OP_CREATE_SESSION, 31);
    wr_u32(&w, 3);
    wr_u16(&w, 0x300);
    wr_u64(&w, 4096);
    wr_str(&w, "LOG");
    wr_str(&w, "client");
    wr_str(&w, "");
    wr_str(&w, "");
    end(s);
  }
  {
    size_t s = hdr(OP_SET_CAPMAP_ENTRY, 32);
    wr_u32(&w, 3);
    capmap_entry(0x300, 0x48, 6);
    end(s);
  }
  {
    size_t s = hdr(OP_CLOSE_SESSION, 35);
    wr_u32(&w, 3);
    wr_u16(&w, 0x300);
    end(s);
  }
  range(OP_CAP_INFOS, 33, 3, 0, PROTO_LAST_SELECTOR);
  range(OP_CAP_MAP, 34, 3, 0, PROTO_LAST_CAPMAP_INDEX);
  put("restore-sequence");

  /* broken headers and payloads */
  begin(0);
  {
    size_t s = hdr(OP_HELLO, 1);
    wr_u16(&w, 1);
    end(s);
    w.buf[1] = 'X';
  }
  put("bad-magic");
  begin(0);
  {
    size_t s = hdr(OP_HELLO, 1);
    wr_u16(&w, 1);
    wr_str(&w, "x");
    end(s);
    w.buf[5] = 2;
  }
  put("bad-version");
  begin(0);
  {
    size_t s = hdr(OP_TASKS, 1);
    end(s);
    wr_put_u32_at(&w, s + PROTO_OFF_LENGTH, PROTO_MAX_REQUEST_PAYLOAD + 1);
  }
  put("too-large");
  begin(0);
  {
    size_t s = hdr(0x7f, 1);
    end(s);
  }
  tasks(2);
  put("unknown-opcode");
  begin(0);
  {
    size_t s = hdr(OP_VALIDITY, 1);
    wr_u32(&w, 3);
    wr_u16(&w, 0);
    end(s);
  }
  tasks(2);
  put("short-payload");
  begin(0);
  range(OP_VALIDITY, 1, 3, 0, PROTO_LAST_SELECTOR + 1);
  range(OP_CAP_INFOS, 2, 3, 10, 5);
  put("bad-range");
  begin(0);
  generation(1, PROTO_MAX_GENERATION_IDS + 1);
  put("generation-over-limit");
  begin(0);
  range(OP_VALIDITY, 1, 99, 0, 10);
  put("no-such-task");
  begin(0);
  hello(1);
  w.len -= 3;
  put("truncated");
  /* capsim's hooks (mode bit 3; bit 4: mutations-fail): the token gate, injected faults */
  begin(8);
  tasks(1);
  put("capsim-no-auth");
  begin(8);
  auth(1, "wrong");
  tasks(2);
  put("capsim-wrong-token");
  begin(8 | 4 | 1);
  auth(1, "fuzz-token");
  unmap(2);
  tasks(3);
  unmap(4);
  put("capsim-drops-last-op");
  begin(8 | 16 | 4 | 1);
  auth(1, "fuzz-token");
  unmap(2);
  put("capsim-mutations-fail");
}

static void armor_line(const uint8_t *frame, size_t n) {
  char *line = malloc(armor_encoded_max(n));
  size_t len = armor_encode(frame, n, line);
  wr_bytes(&w, line, len);
  free(line);
}

static void armor_corpus(void) {
  /* frames to armor: HELLO, TASKS, CAP_INFOS requests as the bridge sends them */
  size_t at[4];
  begin(0);
  at[0] = w.len;
  hello(1);
  at[1] = w.len;
  tasks(2);
  at[2] = w.len;
  range(OP_CAP_INFOS, 3, 3, 0, PROTO_LAST_SELECTOR);
  at[3] = w.len;
  struct writer frames;
  wr_init(&frames, 1 << 20);
  wr_bytes(&frames, w.buf, w.len);
  uint8_t chunks[] = {255, 0, 6, 63};
  for (unsigned i = 0; i < sizeof chunks; i++) {
    char name[32];
    begin(chunks[i]);
    if (i >= 2) {
      static const char noise[] = "boot: log line\r\n\x1b[0m@CS";
      wr_bytes(&w, noise, sizeof noise - 1);
    } /* noise, a false start */
    for (int f = 0; f < 3; f++)
      armor_line(frames.buf + at[f], at[f + 1] - at[f]);
    if (i == 3) { /* a frame with a broken checksum, then a good one */
      size_t bad = w.len;
      armor_line(frames.buf + at[2], at[3] - at[2]);
      w.buf[bad + 10] = w.buf[bad + 10] == '0' ? '1' : '0';
      armor_line(frames.buf + at[2], at[3] - at[2]);
    }
    snprintf(name, sizeof name, "lines-%u", i);
    save("armor", name, w.buf, w.len);
  }
  /* a frame with long zero runs (Z/X packing) */
  uint8_t zeros[600] = {1};
  zeros[599] = 2;
  begin(0);
  armor_line(zeros, sizeof zeros);
  save("armor", "zero-runs", w.buf, w.len);
  wr_free(&frames);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: gen_corpus DIR\n");
    return 2;
  }
  snprintf(dir, sizeof dir, "%s", argv[1]);
  mkdir(dir, 0755);
  wr_init(&w, 1 << 20);
  agent_corpus();
  armor_corpus();
  wr_free(&w);
  return 0;
}
