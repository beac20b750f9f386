package dev.capscope.app.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Milestones of the start-up, in milliseconds since the JVM started (the JVM's own start time,
 * {@code RuntimeMXBean.getStartTime()}, read once the first tree is on screen; the launcher
 * script before it is not counted). Logged at INFO with the first rendered tree; with
 * {@code -Dcapscope.startupProbe=true} also printed on stderr as one line, and the app exits (see
 * docs/benchmarks.md, "App: tree apply and start-up").
 */
public final class StartupProbe {
    /** System property that makes the app print the start-up line and exit after the first tree. */
    public static final String PROPERTY = "capscope.startupProbe";
    private static final long FIRST_SEEN = System.currentTimeMillis();
    private static final long NANO_BASE = System.nanoTime();
    private static final List<String> MARKS = new ArrayList<>();
    private static volatile long jvmStart;
    private static volatile String result;

    private StartupProbe() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Now, in ms since the JVM started (the management bean is loaded on the first call only). */
    public static long sinceJvmStart() {
        long now = System.currentTimeMillis();
        return now - jvmStart();
    }

    private static long jvmStart() {
        if (jvmStart == 0) {
            jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        }
        return jvmStart;
    }

    /**
     * CPU time so far, for the probe's line: the whole JVM's and the calling thread's (the FX
     * thread's when called there), "process 2140 ms, this thread 910 ms". Unlike the wall time it
     * hardly changes with the machine's load, so start-ups can be compared on a busy machine.
     */
    public static String cpu() {
        long thread = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        String process = "?";
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            process = Long.toString(os.getProcessCpuTime() / 1_000_000);
        }
        return "process " + process + " ms, this thread " + thread + " ms";
    }

    /** The probe's one line, once the first tree is on screen. */
    public static void finish(String line) {
        result = line;
    }

    /** The probe's line, or null before (or without) a finished probe. */
    public static String result() {
        return result;
    }

    /** Records a milestone ("toolkit", "capsim", ...) at the current time; any thread. */
    public static void mark(String what) {
        long at = (System.nanoTime() - NANO_BASE) / 1_000_000;
        synchronized (MARKS) {
            MARKS.add(what + " " + at);
        }
    }

    /** The milestones so far, in ms since the JVM started, in the order reached: "main 180, toolkit 610, ...". */
    public static String marks() {
        long offset = FIRST_SEEN - jvmStart();
        List<String> out = new ArrayList<>();
        synchronized (MARKS) {
            for (String m : MARKS) {
                int sp = m.lastIndexOf(' ');
                out.add(m.substring(0, sp + 1) + (Long.parseLong(m.substring(sp + 1)) + offset));
            }
        }
        return String.join(", ", out);
    }
}
