package dev.capscope.app.cli.server;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One command handed over by the launcher's client (docs/cli.md, "Command server"): the client's
 * working folder and the command's arguments.
 *
 * <p>On the wire: the magic {@code CSR1}, a big-endian u32 length (at most {@link #MAX_BODY}), then
 * that many bytes: one flags byte (0; kept for later versions) and NUL-terminated strings, the
 * folder first, then each argument (an argument may be empty).
 */
record ServerRequest(String cwd, List<String> args) {
    static final byte[] MAGIC = "CSR1".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_BODY = 1 << 20;

    /** A request the server cannot use, with the sentence that says why. */
    static final class Malformed extends IOException {
        Malformed(String sentence) {
            super(sentence);
        }
    }

    String[] argv() {
        return args.toArray(String[]::new);
    }

    static ServerRequest read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        int length;
        byte[] body;
        try {
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new Malformed("the request does not start with " + new String(MAGIC, StandardCharsets.US_ASCII)
                        + " (a client of another version, or not a capscope client)");
            }
            length = data.readInt();
            if (length < 2 || length > MAX_BODY) {
                throw new Malformed("the request's length " + Integer.toUnsignedString(length)
                        + " is outside 2.." + MAX_BODY + " bytes");
            }
            body = new byte[length];
            data.readFully(body);
        } catch (EOFException e) {
            throw new Malformed("the request ended early (the client closed the connection)");
        }
        if (body[0] != 0) {
            throw new Malformed("the request's flags byte is 0x" + Integer.toHexString(body[0] & 0xff) + ", not 0");
        }
        if (body[length - 1] != 0) {
            throw new Malformed("the request's last string is not NUL-terminated");
        }
        List<String> strings = new ArrayList<>();
        int start = 1;
        for (int i = 1; i < length; i++) {
            if (body[i] == 0) {
                strings.add(new String(body, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (strings.get(0).isEmpty()) {
            throw new Malformed("the request names no working folder");
        }
        return new ServerRequest(strings.get(0), List.copyOf(strings.subList(1, strings.size())));
    }
}
