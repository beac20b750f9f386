#!/usr/bin/env python3
"""Record a Capscope conversation on a serial line (QEMU's -serial unix:PATH socket).

Usage: serial-record.py LISTEN_SOCKET TARGET_SOCKET TRANSCRIPT

Listens on LISTEN_SOCKET; each client that connects (capscope ... --target
serial:LISTEN_SOCKET) is joined to TARGET_SOCKET, and every byte is passed on
unchanged and appended to TRANSCRIPT, one line per line seen on the wire:

  > @CSCP ...        a line the client sent
  < @CSCP ...        a line the target sent (frames and any other output)
  # client 3 at 12.345 s ... comments: connections, and after every pause of
                     0.3 s or more the bytes each side sent so far (to
                     attribute bytes to the phases of a benchmark)

Lines are cut at '\\n'; a trailing partial line is written when the connection
closes. Runs until killed. The transcript is what CI replays (RecordedSerialTarget).
"""
import os
import selectors
import socket
import sys
import time


def main():
    listen_path, target_path, transcript = sys.argv[1:4]
    if os.path.exists(listen_path):
        os.unlink(listen_path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(listen_path)
    server.listen(1)
    t0 = time.monotonic()
    out = open(transcript, "a", buffering=1)
    clients = 0
    while True:
        conn, _ = server.accept()
        clients += 1
        target = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target.connect(target_path)
        out.write("# client %d at %.3f s\n" % (clients, time.monotonic() - t0))
        pending = {conn: b"", target: b""}
        mark = {conn: ">", target: "<"}
        peer = {conn: target, target: conn}
        sel = selectors.DefaultSelector()
        sel.register(conn, selectors.EVENT_READ)
        sel.register(target, selectors.EVENT_READ)
        open_ = True
        sent = {conn: 0, target: 0}
        last = time.monotonic()
        while open_:
            for key, _ in sel.select():
                s = key.fileobj
                data = s.recv(65536)
                if not data:
                    open_ = False
                    break
                now = time.monotonic()
                if now - last >= 0.3:
                    out.write("# at %.3f s after %.1f s quiet: client sent %d bytes, target %d so far\n"
                              % (now - t0, now - last, sent[conn], sent[target]))
                last = now
                peer[s].sendall(data)
                sent[s] += len(data)
                buf = pending[s] + data
                *lines, pending[s] = buf.split(b"\n")
                for line in lines:
                    out.write(mark[s] + " " + line.decode("latin-1").rstrip("\r") + "\n")
        for s, rest in pending.items():
            if rest:
                out.write(mark[s] + " " + rest.decode("latin-1") + "\n")
        out.write("# client %d gone at %.3f s: %d bytes sent, %d bytes received\n"
                  % (clients, time.monotonic() - t0, sent[conn], sent[target]))
        sel.close()
        conn.close()
        target.close()


if __name__ == "__main__":
    main()
