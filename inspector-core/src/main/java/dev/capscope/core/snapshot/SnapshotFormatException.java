package dev.capscope.core.snapshot;

import dev.capscope.core.json.LocatedFormatException;

/**
 * A snapshot file that cannot be read: the message names the file, line, column, the field as a
 * JSON path (e.g. {@code slots[3].selector}), what is wrong and what to do.
 */
public final class SnapshotFormatException extends LocatedFormatException {
    public SnapshotFormatException(String source, int line, int column, String path, String problem, String hint,
                                   Throwable cause) {
        super(source, line, column, path, problem, hint, cause);
    }
}
