/*
 * The command server's wire, client side (docs/cli.md, "Command server").
 * Request: "CSR1", u32 length (big-endian), then a flags byte (0) and NUL-terminated strings: the
 * working folder, then each argument. Answer: frames of a kind byte, a u32 length and the bytes:
 * 'o' standard output, 'e' standard error, 'x' the exit code (one byte), 'f' "run it yourself"
 * (only as the first frame).
 */
#ifndef CAPSCOPE_CLIENT_WIRE_H
#define CAPSCOPE_CLIENT_WIRE_H

#define CW_MAX_REQUEST (1u << 20)
#define CW_MAX_FRAME (1u << 24) /* larger than any write of the server's 64 KiB buffers */
#define CW_FALLBACK (-1)        /* the server did not run the command: run it yourself */
#define CW_BROKEN (-2)          /* the connection ended or broke the wire before an exit code */

/* Sends the request; 0, or -1 when it is too large or could not be written. */
int cw_send_request(int fd, const char *cwd, char *const *args, int nargs);

/* Copies the answer's output and error frames to out_fd and err_fd until the exit frame; returns
 * the exit code (0..255), CW_FALLBACK or CW_BROKEN. */
int cw_relay(int fd, int out_fd, int err_fd);

#endif
