package dev.capscope.core.json;

/**
 * The versions of every JSON document Capscope writes or reads, each described by a JSON Schema in
 * docs/schema/. A version is "MAJOR.MINOR": the minor moves when fields are added (scripts keep
 * working), the major when a field is removed, renamed or changes its type or meaning. Every
 * document carries its version in the top-level field {@value #FIELD}.
 */
public final class SchemaVersions {
    public static final String FIELD = "schemaVersion";

    /** Snapshot files; 1.0 is the format before the field existed (no schemaVersion, meta.schema 1). */
    public static final String SNAPSHOT = "1.1";
    public static final String DIFF = "1.0";
    public static final String LINT = "1.0";
    public static final String TARGETS = "1.0";
    public static final String RESTORE = "1.1";
    public static final String MIGRATE = "1.0";
    /** {@code capscope objects --json}: kernel objects and their holders across tasks. */
    public static final String OBJECTS = "1.0";
    /** {@code capscope timeline --json}: the moments of a recording. */
    public static final String TIMELINE = "1.0";
    /**
     * Recording files ({@code capscope record}), one record per line. Their header carries the major as
     * the integer {@code "schemaVersion": 1} (RecordingFile.SCHEMA_VERSION), as every recording has since
     * the first; added fields need no mark, readers skip what they do not know.
     */
    public static final String RECORDING = "1.0";
    /** The window's "Copy as JSON" of tree and diff rows (the clipboard). */
    public static final String COPY = "1.0";
    /** The window's File > Export the view as .json. */
    public static final String VIEW_EXPORT = "1.0";

    private SchemaVersions() {
    }

    /** The major of "MAJOR.MINOR", or -1 when the text is not such a version. */
    public static int major(String version) {
        return part(version, 0);
    }

    /** The minor of "MAJOR.MINOR", or -1 when the text is not such a version. */
    public static int minor(String version) {
        return part(version, 1);
    }

    private static int part(String version, int index) {
        if (version == null || !version.matches("(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})")) {
            return -1;
        }
        return Integer.parseInt(version.split("\\.")[index]);
    }
}
