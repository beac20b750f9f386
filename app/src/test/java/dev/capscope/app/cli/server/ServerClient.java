package dev.capscope.app.cli.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The test's own client of the command server, written from the wire's description in docs/cli.md
 * (not from the server's classes): sends a request, collects the frames.
 */
final class ServerClient {
    /** What came back: output, error, the exit code, or "run it yourself" (exit -1). */
    record Answer(String out, String err, int exit, boolean fallback) {
    }

    private ServerClient() {
    }

    static Answer run(Path socket, Path cwd, String... args) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.write(cwd.toString().getBytes(StandardCharsets.UTF_8));
        body.write(0);
        for (String a : args) {
            body.write(a.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(request);
        d.writeBytes("CSR1");
        d.writeInt(body.size());
        body.writeTo(d);
        return exchange(socket, request.toByteArray());
    }

    /** Sends raw bytes (a well-formed request or not) and reads the answer until the server closes. */
    static Answer exchange(Path socket, byte[] request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(ch).write(request);
            return read(new DataInputStream(Channels.newInputStream(ch)));
        }
    }

    private static Answer read(DataInputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        while (true) {
            int kind;
            int length;
            try {
                kind = in.readUnsignedByte();
                length = in.readInt();
            } catch (EOFException e) {
                throw new AssertionError("the server closed the connection without an exit code; output so far: "
                        + out + " / " + err);
            }
            byte[] bytes = in.readNBytes(length);
            switch (kind) {
                case 'o' -> out.write(bytes);
                case 'e' -> err.write(bytes);
                case 'x' -> {
                    if (length != 1) {
                        throw new AssertionError("exit frame of " + length + " bytes");
                    }
                    return new Answer(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                            bytes[0] & 0xff, false);
                }
                case 'f' -> {
                    if (out.size() + err.size() > 0 || length != 0) {
                        throw new AssertionError("'run it yourself' after output, or with a body");
                    }
                    return new Answer("", "", -1, true);
                }
                default -> throw new AssertionError("unknown frame kind " + kind);
            }
        }
    }
}
