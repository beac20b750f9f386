package dev.capscope.app.ui.task;

/**
 * Names of the background lanes: each lane is one thread, so the calls on one target stay in
 * order (a target is a single-threaded port) while another target or a file is served beside it.
 */
public final class Lanes {
    /** Reading and writing files (snapshots, recordings, exports). */
    public static final String FILES = "files";

    private Lanes() {
    }

    /** The lane of one target, by its endpoint. */
    public static String target(String endpoint) {
        return "target " + endpoint;
    }
}
