package dev.capscope.bridge.reliability;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100 clients, each with its own connection, walk tasks of the init scenario for 30 s
 * ({@code -Dcapscope.load.seconds}): no walk fails, and capsim's open fds and resident memory
 * after all have gone are back near where they were before (fds exactly, RSS within 16 MiB:
 * glibc keeps some freed heap). Figures go to stdout and target/reliability/load.txt.
 */
class ConcurrentClientsLoadTest {
    private static final int CLIENTS = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long RSS_BOUND_KIB = 16 * 1024;

    @Test
    void hundredClientsWalkWithoutFailuresOrGrowth() throws Exception {
        long seconds = Long.getLong("capscope.load.seconds", 30);
        try (CapsimProcess capsim = CapsimProcess.start(Scenarios.options("init"), TIMEOUT)) {
            long pid = capsim.pid();
            int fdsBefore = ProcProbe.openFds(pid); // idle: listener, stdio, signal pipe
            List<String> tasks;
            LayoutProfile profile;
            try (BridgeTarget warm = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
                profile = Scenarios.profile(warm);
                tasks = warm.taskRecords().stream().map(TaskRecord::name).toList();
                for (String t : tasks) {
                    new Walker(warm).walk(t, profile);
                }
            }
            // The warm-up connection is gone once capsim has seen the close (bounded wait).
            assertTrue(ProcProbe.await(() -> ProcProbe.openFds(pid) <= fdsBefore, Duration.ofSeconds(5)));
            long rssBefore = ProcProbe.rssKib(pid);

            AtomicLong walks = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch connected = new CountDownLatch(CLIENTS);
            CountDownLatch done = new CountDownLatch(CLIENTS);
            long[] peakFds = {0};
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String task = tasks.get(i % tasks.size());
                int client = i;
                Thread t = new Thread(() -> {
                    try (BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
                        connected.countDown();
                        connected.await();
                        Walker walker = new Walker(target);
                        while (System.nanoTime() < end) {
                            if (walker.walk(task, profile).slots().size() < 3) {
                                failures.add("client " + client + ": short walk of " + task);
                            }
                            walks.incrementAndGet();
                        }
                    } catch (RuntimeException | InterruptedException e) {
                        failures.add("client " + client + ": " + e);
                        connected.countDown();
                    } finally {
                        done.countDown();
                    }
                }, "load-client-" + i);
                threads.add(t);
                t.start();
            }
            connected.await(30, TimeUnit.SECONDS);
            peakFds[0] = ProcProbe.openFds(pid);
            long t0 = System.nanoTime();
            assertTrue(done.await(seconds + 60, TimeUnit.SECONDS), "clients did not finish");
            double elapsed = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
            // The agent notices the closed connections on its next poll: wait for that, bounded.
            boolean fdsBack = ProcProbe.await(() -> ProcProbe.openFds(pid) <= fdsBefore, Duration.ofSeconds(10));
            int fdsAfter = ProcProbe.openFds(pid);
            long rssAfter = ProcProbe.rssKib(pid);

            String figures = String.format(
                    "clients %d, %d s: %d walks (%.0f walks/s), %d failures; capsim fds before %d, with clients %d,"
                            + " after %d; VmRSS before %d KiB, after %d KiB (%+d KiB)",
                    CLIENTS, seconds, walks.get(), walks.get() / elapsed, failures.size(), fdsBefore, peakFds[0],
                    fdsAfter, rssBefore, rssAfter, rssAfter - rssBefore);
            System.out.println("[reliability] " + figures);
            record(figures);

            assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(5, failures.size())), figures);
            assertTrue(capsim.isAlive(), figures);
            assertTrue(peakFds[0] >= fdsBefore + CLIENTS, "not all clients were connected at once: " + figures);
            assertTrue(walks.get() >= CLIENTS, figures);
            assertTrue(fdsBack, "capsim's fds did not return to the baseline: " + figures);
            assertTrue(rssAfter - rssBefore <= RSS_BOUND_KIB, "capsim's RSS grew: " + figures);
        }
    }

    private static void record(String figures) {
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("load.txt"), figures + System.lineSeparator());
        } catch (IOException e) {
            System.out.println("[reliability] could not record figures: " + e);
        }
    }
}
