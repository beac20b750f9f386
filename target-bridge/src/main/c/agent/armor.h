/* Armored framing for serial lines (docs/protocol.md §6.1).
 *
 * A serial console also carries the kernel's and other programs' output, and
 * the kernel debugger reacts to ESC. So each binary frame travels as one line
 * of printable ASCII:
 *
 *   @CSCP <enc><len-hex> <crc32-hex8> <base64>\n
 *
 * `len` and `crc32` (IEEE) are those of the binary frame; `enc` says how the
 * base64 bytes unpack: 'B' as they are, 'Z' zero runs (00 n = n zero bytes),
 * 'X' zero runs after XOR with the byte 24 back (CAP_INFOS records are 24
 * bytes: neighbouring records differ in few bytes). The receiver finds
 * markers anywhere in the byte stream, ignores everything else, and drops a
 * frame whose line breaks off, holds a foreign byte, or fails its checksum.
 *
 * Plain C with no OS calls: the same file serves capsim, the L4Re agent and
 * libcapbridge. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARMOR_MARKER "@CSCP "
#define ARMOR_MARKER_LEN 6
#define ARMOR_STRIDE 24

uint32_t armor_crc32(const uint8_t *p, size_t n);

/* Upper bound of armor_encode's output for a frame of n bytes. */
size_t armor_encoded_max(size_t n);
/* Encode one frame as a line (ending in '\n') into out, which holds at
 * least armor_encoded_max(n) bytes. Returns the line's length, 0 if out of
 * memory. */
size_t armor_encode(const uint8_t *frame, size_t n, char *out);

/* Receiver state: feed bytes as they come, take frames as they complete. */
struct armor_rx {
  size_t max_frame; /* longer frames are dropped */
  unsigned marker;  /* bytes of the marker matched so far */
  bool in_line;     /* inside a frame line, after the marker */
  char *line;       /* the line after the marker */
  size_t line_len, line_cap;
  uint8_t *frame; /* a decoded frame, valid while `ready` */
  size_t frame_len;
  bool ready;
  unsigned long frames, dropped; /* counters for diagnostics and tests */
};

void armor_rx_init(struct armor_rx *rx, size_t max_frame);
void armor_rx_free(struct armor_rx *rx);
/* Forget a partial line (e.g. after reopening the line). */
void armor_rx_reset(struct armor_rx *rx);
/* Consume bytes until a frame is complete (then rx->ready is set and the
 * frame is in rx->frame until the next call) or the input is used up.
 * Returns how many bytes were consumed. */
size_t armor_rx_feed(struct armor_rx *rx, const uint8_t *p, size_t n);
