/* Armored serial framing: encoder and resynchronising decoder (armor.h). */
#include "agent/armor.h"

#include <stdlib.h>
#include <string.h>

/* A line longer than this many bytes per frame byte (plus slack) is noise. */
#define LINE_SLACK 64

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char hex[] = "0123456789abcdef";

uint32_t armor_crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

size_t armor_encoded_max(size_t n) {
  /* marker, enc, up to 16 hex digits, space, 8 hex, space, base64, '\n' */
  return ARMOR_MARKER_LEN + 1 + 16 + 1 + 8 + 1 + 4 * ((n + 2) / 3) + 1;
}

/* Zero runs: a zero byte is followed by how many zeros it stands for. */
static size_t pack_zeros(const uint8_t *in, size_t n, size_t stride, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    uint8_t b = stride && i >= stride ? (uint8_t)(in[i] ^ in[i - stride]) : in[i];
    if (b) {
      out[o++] = b;
      i++;
      continue;
    }
    size_t run = 0;
    while (i < n && run < 255 &&
           (stride && i >= stride ? (uint8_t)(in[i] ^ in[i - stride]) : in[i]) == 0) {
      run++;
      i++;
    }
    out[o++] = 0;
    out[o++] = (uint8_t)run;
  }
  return o;
}

/* Inverse of pack_zeros; false unless it yields exactly n bytes. */
static bool unpack_zeros(const uint8_t *in, size_t len, size_t stride, uint8_t *out, size_t n) {
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    if (in[i]) {
      if (o >= n)
        return false;
      out[o++] = in[i];
      continue;
    }
    if (++i >= len || in[i] == 0 || in[i] > n - o)
      return false;
    memset(out + o, 0, in[i]);
    o += in[i];
  }
  if (o != n)
    return false;
  if (stride)
    for (size_t i = stride; i < n; i++)
      out[i] ^= out[i - stride];
  return true;
}

static size_t put_hex(char *out, uint64_t v, int digits) {
  if (digits == 0) { /* as few as needed */
    digits = 1;
    while (digits < 16 && (v >> (4 * digits)))
      digits++;
  }
  for (int i = 0; i < digits; i++)
    out[i] = hex[(v >> (4 * (digits - 1 - i))) & 15];
  return (size_t)digits;
}

size_t armor_encode(const uint8_t *frame, size_t n, char *out) {
  uint8_t *z = malloc(2 * n + 2), *x = malloc(2 * n + 2);
  if (!z || !x) {
    free(z);
    free(x);
    return 0;
  }
  size_t zl = pack_zeros(frame, n, 0, z), xl = pack_zeros(frame, n, ARMOR_STRIDE, x);
  char enc = 'B';
  const uint8_t *data = frame;
  size_t dl = n;
  if (zl < dl) {
    enc = 'Z';
    data = z;
    dl = zl;
  }
  if (xl < dl) {
    enc = 'X';
    data = x;
    dl = xl;
  }
  size_t o = 0;
  memcpy(out, ARMOR_MARKER, ARMOR_MARKER_LEN);
  o += ARMOR_MARKER_LEN;
  out[o++] = enc;
  o += put_hex(out + o, n, 0);
  out[o++] = ' ';
  o += put_hex(out + o, armor_crc32(frame, n), 8);
  out[o++] = ' ';
  for (size_t i = 0; i < dl; i += 3) {
    uint32_t v = (uint32_t)data[i] << 16;
    if (i + 1 < dl)
      v |= (uint32_t)data[i + 1] << 8;
    if (i + 2 < dl)
      v |= data[i + 2];
    out[o++] = b64[(v >> 18) & 63];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = i + 1 < dl ? b64[(v >> 6) & 63] : '=';
    out[o++] = i + 2 < dl ? b64[v & 63] : '=';
  }
  out[o++] = '\n';
  free(z);
  free(x);
  return o;
}

/* ---- receiving ---------------------------------------------------------- */

void armor_rx_init(struct armor_rx *rx, size_t max_frame) {
  memset(rx, 0, sizeof *rx);
  rx->max_frame = max_frame;
}

void armor_rx_free(struct armor_rx *rx) {
  free(rx->line);
  free(rx->frame);
  rx->line = NULL;
  rx->frame = NULL;
  rx->line_cap = 0;
}

void armor_rx_reset(struct armor_rx *rx) {
  rx->marker = 0;
  rx->in_line = false;
  rx->line_len = 0;
  rx->ready = false;
}

static int b64_value(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Parse "<hex>" up to `end`; false on anything else or overflow. */
static bool parse_hex(const char *p, const char *end, uint64_t *v) {
  if (p == end || end - p > 16)
    return false;
  *v = 0;
  for (; p < end; p++) {
    int h = hex_value(*p);
    if (h < 0)
      return false;
    *v = *v << 4 | (uint64_t)h;
  }
  return true;
}

/* Decode the completed line into rx->frame. */
static bool decode_line(struct armor_rx *rx) {
  if (rx->line_len == 0) /* "@CSCP \n": rx->line may still be NULL (fuzz: armor) */
    return false;
  const char *l = rx->line, *end = l + rx->line_len;
  const char *sp1 = memchr(l, ' ', rx->line_len);
  if (!sp1 || sp1 == l)
    return false;
  const char *sp2 = memchr(sp1 + 1, ' ', (size_t)(end - sp1 - 1));
  char enc = l[0];
  uint64_t n, crc;
  if (!sp2 || (enc != 'B' && enc != 'Z' && enc != 'X') || !parse_hex(l + 1, sp1, &n) ||
      sp2 - sp1 - 1 != 8 || !parse_hex(sp1 + 1, sp2, &crc) || n == 0 || n > rx->max_frame)
    return false;
  const char *d = sp2 + 1;
  size_t dlen = (size_t)(end - d);
  if (dlen == 0 || dlen % 4)
    return false;
  size_t raw_max = dlen / 4 * 3;
  uint8_t *raw = malloc(raw_max);
  uint8_t *frame = realloc(rx->frame, (size_t)n);
  if (!raw || !frame) {
    free(raw);
    if (frame)
      rx->frame = frame;
    return false;
  }
  rx->frame = frame;
  size_t rl = 0;
  bool ok = true;
  for (size_t i = 0; i < dlen && ok; i += 4) {
    int v[4];
    for (int k = 0; k < 4; k++)
      v[k] = d[i + k] == '=' ? -2 : b64_value(d[i + k]);
    bool last = i + 4 == dlen;
    /* '=' only as padding at the very end */
    if (v[0] < 0 || v[1] < 0 || v[2] == -1 || v[3] == -1 || (v[2] == -2 && v[3] != -2) ||
        (!last && (v[2] < 0 || v[3] < 0))) {
      ok = false;
      break;
    }
    uint32_t w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)(v[2] < 0 ? 0 : v[2]) << 6 |
                 (uint32_t)(v[3] < 0 ? 0 : v[3]);
    raw[rl++] = (uint8_t)(w >> 16);
    if (v[2] >= 0)
      raw[rl++] = (uint8_t)(w >> 8);
    if (v[3] >= 0)
      raw[rl++] = (uint8_t)w;
  }
  if (ok) {
    if (enc == 'B')
      ok = rl == n && (memcpy(frame, raw, rl), true);
    else
      ok = unpack_zeros(raw, rl, enc == 'X' ? ARMOR_STRIDE : 0, frame, (size_t)n);
  }
  free(raw);
  if (!ok || armor_crc32(frame, (size_t)n) != (uint32_t)crc)
    return false;
  rx->frame_len = (size_t)n;
  return true;
}

static bool line_char(char c) { return b64_value(c) >= 0 || c == '=' || c == ' '; }

size_t armor_rx_feed(struct armor_rx *rx, const uint8_t *p, size_t n) {
  rx->ready = false;
  for (size_t i = 0; i < n; i++) {
    char c = (char)p[i];
    if (!rx->in_line) {
      if (c == ARMOR_MARKER[rx->marker]) {
        if (++rx->marker == ARMOR_MARKER_LEN) {
          rx->in_line = true;
          rx->line_len = 0;
          rx->marker = 0;
        }
      } else {
        rx->marker = c == ARMOR_MARKER[0] ? 1 : 0;
      }
      continue;
    }
    if (c == '\n' || c == '\r') {
      rx->in_line = false;
      if (decode_line(rx)) {
        rx->ready = true;
        rx->frames++;
        return i + 1;
      }
      rx->dropped++;
      continue;
    }
    /* A foreign byte breaks the frame; '@' may start the next one. */
    size_t limit = rx->max_frame + rx->max_frame / 3 + LINE_SLACK;
    if (!line_char(c) || rx->line_len >= limit) {
      rx->in_line = false;
      rx->dropped++;
      rx->marker = c == ARMOR_MARKER[0] ? 1 : 0;
      continue;
    }
    if (rx->line_len == rx->line_cap) {
      size_t cap = rx->line_cap ? rx->line_cap * 2 : 4096;
      char *l = realloc(rx->line, cap);
      if (!l) {
        rx->in_line = false;
        rx->dropped++;
        continue;
      }
      rx->line = l;
      rx->line_cap = cap;
    }
    rx->line[rx->line_len++] = c;
  }
  return n;
}
