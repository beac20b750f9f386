package dev.capscope.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real target's recorded serial conversation as a live target: {@code replay_serial} (native
 * test tool, target-bridge/src/main/c/tests/replay_serial.c) listens on a Unix socket like QEMU's
 * serial socket and answers each request with what the real system answered to it in the
 * transcript section {@code # run: SECTION}. Closing this ends the process (its stdin closes).
 */
final class RecordedSerialTarget implements AutoCloseable {
    private final Process process;
    private final Path socket;

    private RecordedSerialTarget(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    static RecordedSerialTarget start(Path transcript, String section, Path dir) throws IOException {
        Path socket = dir.resolve("replay-" + Math.abs(section.hashCode()) + ".sock");
        Process p = new ProcessBuilder(binary().toString(), transcript.toString(), socket.toString(), section)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the tool is ready or gone
        if (line == null || !line.startsWith("replay: listening")) {
            p.destroy();
            throw new IllegalStateException("replay_serial did not start: " + line);
        }
        return new RecordedSerialTarget(p, socket);
    }

    String uri() {
        return "serial:" + socket;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
    }

    private static Path binary() {
        String nativeDir = System.getProperty("capscope.native.dir", "../target-bridge/target/native");
        Path p = Path.of(nativeDir, "bin", "replay_serial");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " not built (mvn -pl target-bridge -am package builds it)");
        }
        return p;
    }
}
