package dev.capscope.core.timeline;

/** A recording header of a format major this Capscope does not know: a newer Capscope wrote it. */
public final class NewerRecordingException extends RecordFormatException {
    private final int major;

    public NewerRecordingException(int major) {
        super("the recording format version " + major + " is newer than this Capscope reads ("
                + RecordingFile.SCHEMA_VERSION + "); open it with a newer Capscope");
        this.major = major;
    }

    /** The same, naming the file: "rec.caprec: the recording format version 2 is newer ...". */
    public NewerRecordingException(String source, NewerRecordingException cause) {
        super(source + ": " + cause.getMessage());
        this.major = cause.major;
    }

    public int major() {
        return major;
    }
}
