package dev.capscope.app.cli.server;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The server's answer to one request, as frames on the connection: a kind byte, a big-endian u32
 * length, the bytes. {@code o} standard output, {@code e} standard error, {@code x} the exit code
 * (one byte), {@code f} "run it yourself" (nothing was run; only ever the first frame).
 * Output and error share the connection, so the client writes them in the order they happened.
 */
final class Frames {
    static final byte OUT = 'o';
    static final byte ERR = 'e';
    static final byte EXIT = 'x';
    static final byte FALLBACK = 'f';

    private final OutputStream connection;

    Frames(OutputStream connection) {
        this.connection = connection;
    }

    synchronized void send(byte kind, byte[] bytes, int offset, int length) throws IOException {
        byte[] header = {kind, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        connection.write(header);
        connection.write(bytes, offset, length);
        connection.flush();
    }

    void exit(int code) throws IOException {
        send(EXIT, new byte[] {(byte) code}, 0, 1);
    }

    void fallback() throws IOException {
        send(FALLBACK, new byte[0], 0, 0);
    }

    /** A stream whose every write (the command's writers buffer) becomes one frame of this kind. */
    OutputStream stream(byte kind) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                send(kind, new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    send(kind, b, off, len);
                }
            }
        };
    }
}
