package dev.capscope.core.timeline;

/** A record that is not what the recording format says; the message names the field. */
public class RecordFormatException extends RuntimeException {
    public RecordFormatException(String message) {
        super(message);
    }
}
