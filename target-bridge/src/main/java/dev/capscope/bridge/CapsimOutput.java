package dev.capscope.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What capsim prints: its stdout lines queued for {@link #awaitLine}, the last lines of its stderr
 * kept for error messages. Each stream is read by a daemon thread of its own.
 */
final class CapsimOutput {
    private static final int STDERR_LINES_KEPT = 40;
    private static final Object EOF = new Object();

    private final BlockingQueue<Object> stdout = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Supplier<String> exit;

    /** @param exit how the process ended (or that it still runs), for messages */
    CapsimOutput(Process process, Supplier<String> exit) {
        this.exit = exit;
        pump(process.getInputStream(), "stdout", stdout::add, () -> stdout.add(EOF));
        pump(process.getErrorStream(), "stderr", this::keepStderr, () -> { });
    }

    /**
     * Waits for the next stdout line that matches; lines before it are dropped. Fails when capsim
     * exits or nothing matches within the timeout.
     */
    String awaitLine(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Object line = left <= 0 ? null : stdout.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException("capsim printed nothing expected within " + timeout.toMillis()
                            + " ms" + stderrSuffix());
                }
                if (line == EOF) {
                    stdout.add(EOF); // later waits fail too
                    throw new IllegalStateException("capsim exited (" + exit.get() + ")" + stderrSuffix());
                }
                if (match.test((String) line)) {
                    return (String) line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for capsim", e);
        }
    }

    private synchronized void keepStderr(String line) {
        if (stderrTail.size() == STDERR_LINES_KEPT) {
            stderrTail.removeFirst();
        }
        stderrTail.addLast(line);
    }

    private synchronized String stderrSuffix() {
        return stderrTail.isEmpty() ? "" : "; its stderr ends with:\n  " + String.join("\n  ", stderrTail);
    }

    private static void pump(InputStream in, String name, Consumer<String> sink, Runnable atEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process went away; atEnd reports it
            } finally {
                atEnd.run();
            }
        }, "capsim-" + name);
        t.setDaemon(true);
        t.start();
    }
}
