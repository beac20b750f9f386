package dev.capscope.app.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Milestones of the start-up, in milliseconds since the JVM started (the process start time, so
 * the JVM's own start is included). Logged at INFO with the first rendered tree; with
 * {@code -Dcapscope.startupProbe=true} also printed on stderr as one line, and the app exits (see
 * docs/benchmarks.md, "App: tree apply and start-up").
 */
public final class StartupProbe {
    /** System property that makes the app print the start-up line and exit after the first tree. */
    public static final String PROPERTY = "capscope.startupProbe";
    private static final long JVM_START = ProcessHandle.current().info().startInstant()
            .map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
    private static final List<String> MARKS = new ArrayList<>();

    private StartupProbe() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    public static long sinceJvmStart() {
        return System.currentTimeMillis() - JVM_START;
    }

    /** Records a milestone ("toolkit", "capsim", ...) at the current time; any thread. */
    public static void mark(String what) {
        long ms = sinceJvmStart();
        synchronized (MARKS) {
            MARKS.add(what + " " + ms);
        }
    }

    /** The milestones so far, in the order they were reached: "main 180, toolkit 610, ...". */
    public static String marks() {
        synchronized (MARKS) {
            return String.join(", ", MARKS);
        }
    }
}
