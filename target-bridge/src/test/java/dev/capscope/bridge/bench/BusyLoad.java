package dev.capscope.bridge.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The load a developer machine usually carries: one busy process per core (a shell spinning in an
 * empty loop), started for a benchmark and stopped with it. {@link #none()} stands for an idle run.
 */
final class BusyLoad implements AutoCloseable {
    private final List<Process> spinners;

    private BusyLoad(List<Process> spinners) {
        this.spinners = spinners;
    }

    static BusyLoad none() {
        return new BusyLoad(List.of());
    }

    static BusyLoad start(int processes) throws IOException {
        List<Process> started = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                started.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
        } catch (IOException e) {
            started.forEach(Process::destroyForcibly);
            throw e;
        }
        return new BusyLoad(started);
    }

    /** One line for the report: under load or not, with the load average when the line is written. */
    String describe() throws IOException {
        String loadavg = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        String[] f = loadavg.split(" ");
        String avg = f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : loadavg;
        return (spinners.isEmpty() ? "no added load" : "under load: " + spinners.size() + " busy processes (one per core)")
                + "; load average " + avg + " on " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    @Override
    public void close() {
        for (Process p : spinners) {
            p.destroyForcibly();
        }
    }
}
