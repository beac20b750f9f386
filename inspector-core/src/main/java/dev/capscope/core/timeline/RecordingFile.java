package dev.capscope.core.timeline;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The recording file's framing. One record per line: compact JSON, a tab, the CRC-32 of the JSON's
 * bytes as 8 hex digits, a newline. A line counts only when all of it is there and its checksum
 * matches, so a file cut at any byte (a crash, a full disk) reads up to its last complete record.
 */
public final class RecordingFile {
    public static final String FORMAT = "capscope-recording";
    public static final int SCHEMA_VERSION = 1;

    private RecordingFile() {
    }

    /** The bytes of one framed line. */
    public static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return (json + '\t' + crcHex(body) + '\n').getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The JSON of a framed line (without its newline), or null when the line is damaged: no tab,
     * a malformed or wrong checksum.
     */
    public static String unframe(byte[] line, int from, int to) {
        int tab = -1;
        for (int i = to - 1; i >= from; i--) {
            if (line[i] == '\t') {
                tab = i;
                break;
            }
        }
        if (tab < 0 || to - tab - 1 != 8) {
            return null;
        }
        String crc = new String(line, tab + 1, 8, StandardCharsets.US_ASCII);
        CRC32 c = new CRC32();
        c.update(line, from, tab - from);
        if (!crc.equals(String.format("%08x", c.getValue()))) {
            return null;
        }
        return new String(line, from, tab - from, StandardCharsets.UTF_8);
    }

    private static String crcHex(byte[] body) {
        CRC32 c = new CRC32();
        c.update(body);
        return String.format("%08x", c.getValue());
    }
}
