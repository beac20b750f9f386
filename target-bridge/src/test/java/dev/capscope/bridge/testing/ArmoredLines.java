package dev.capscope.bridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * A second, independent implementation of the armored serial framing (docs/protocol.md §6.1),
 * written from the document, so tests can serve a {@code serial:} client from Java and catch a C
 * codec that drifts from the spec. Sends {@code B} (plain base64); receives B, Z and X.
 */
public final class ArmoredLines {
    private static final byte[] MARKER = "@CSCP ".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 4 << 20;

    private ArmoredLines() {
    }

    /** One binary frame as an armored line, ending in '\n'. */
    public static byte[] encode(byte[] frame) {
        String line = "@CSCP B" + Integer.toHexString(frame.length) + " " + crcHex(frame) + " "
                + Base64.getEncoder().encodeToString(frame) + "\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The next valid frame from the stream, skipping noise and dropping broken lines; null at end of
     * stream.
     */
    public static byte[] next(InputStream in) throws IOException {
        while (true) {
            if (!skipToMarker(in)) {
                return null;
            }
            String line = readLine(in);
            if (line == null) {
                return null;
            }
            byte[] frame = decodeLine(line);
            if (frame != null) {
                return frame;
            }
        }
    }

    private static boolean skipToMarker(InputStream in) throws IOException {
        int matched = 0;
        while (matched < MARKER.length) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            matched = b == MARKER[matched] ? matched + 1 : (b == MARKER[0] ? 1 : 0);
        }
        return true;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        while (s.length() < MAX_LINE) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n' || b == '\r') {
                return s.toString();
            }
            s.append((char) b);
        }
        return "";
    }

    /** "<enc><len> <crc> <data>" to the frame, or null when anything does not check out. */
    static byte[] decodeLine(String body) {
        String[] parts = body.split(" ");
        if (parts.length != 3 || parts[0].length() < 2 || parts[1].length() != 8) {
            return null;
        }
        try {
            char enc = parts[0].charAt(0);
            int len = Integer.parseInt(parts[0].substring(1), 16);
            byte[] packed = Base64.getDecoder().decode(parts[2]);
            byte[] frame = switch (enc) {
                case 'B' -> packed;
                case 'Z' -> unpackZeroRuns(packed);
                case 'X' -> unxor(unpackZeroRuns(packed));
                default -> null;
            };
            if (frame == null || frame.length != len || !crcHex(frame).equals(parts[1])) {
                return null;
            }
            return frame;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] unpackZeroRuns(byte[] packed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length * 2);
        for (int i = 0; i < packed.length; i++) {
            if (packed[i] != 0) {
                out.write(packed[i]);
            } else if (i + 1 < packed.length && packed[i + 1] != 0) {
                out.write(new byte[Byte.toUnsignedInt(packed[++i])], 0, Byte.toUnsignedInt(packed[i]));
            } else {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static byte[] unxor(byte[] b) {
        if (b == null) {
            return null;
        }
        for (int i = 24; i < b.length; i++) {
            b[i] ^= b[i - 24];
        }
        return b;
    }

    private static String crcHex(byte[] frame) {
        CRC32 crc = new CRC32();
        crc.update(frame);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
