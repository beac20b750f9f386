/*
 * Fuzz target for the armored serial framing decoder (agent/armor.c), which both capsim's
 * pty and libcapbridge's serial transport run on bytes from a line anyone can write to.
 *
 * Input: byte 0 picks how the stream is cut into reads (1..256 bytes a read: a decoder must
 * not depend on read boundaries), the rest is what arrived on the line. Every decoded frame
 * must fit the receiver's limit and survive encode -> decode unchanged.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent/armor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FRAME 4096 /* small, so that the over-long-line path is reachable */

static void must(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "fuzz_armor: %s\n", what);
    abort();
  }
}

/* The encoder's line must decode to the same frame, in one read. */
static void round_trip(const uint8_t *frame, size_t n) {
  char *line = malloc(armor_encoded_max(n));
  size_t len = armor_encode(frame, n, line);
  must(len > 0 && len <= armor_encoded_max(n), "encoded length");
  struct armor_rx rx;
  armor_rx_init(&rx, MAX_FRAME);
  size_t used = armor_rx_feed(&rx, (const uint8_t *)line, len);
  must(rx.ready, "own line not decoded");
  must(used == len, "own line not consumed whole");
  must(rx.frame_len == n && memcmp(rx.frame, frame, n) == 0, "round trip changed the frame");
  armor_rx_free(&rx);
  free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  size_t chunk = (size_t)data[0] + 1;
  const uint8_t *p = data + 1;
  size_t n = size - 1;
  struct armor_rx rx;
  armor_rx_init(&rx, MAX_FRAME);
  while (n > 0) {
    size_t take = n < chunk ? n : chunk;
    size_t off = 0;
    while (off < take) {
      size_t used = armor_rx_feed(&rx, p + off, take - off);
      must(used <= take - off, "consumed more than fed");
      if (rx.ready) {
        must(rx.frame_len <= MAX_FRAME, "frame over the limit");
        uint8_t *copy = malloc(rx.frame_len ? rx.frame_len : 1);
        memcpy(copy, rx.frame, rx.frame_len);
        round_trip(copy, rx.frame_len);
        free(copy);
      } else {
        must(used > 0, "no progress without a frame");
      }
      off += used;
    }
    p += take;
    n -= take;
  }
  armor_rx_free(&rx);
  return 0;
}
