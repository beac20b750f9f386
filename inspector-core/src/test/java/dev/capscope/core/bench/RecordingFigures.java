package dev.capscope.core.bench;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import dev.capscope.core.timeline.Moment;
import dev.capscope.core.timeline.Recording;
import dev.capscope.core.timeline.RecordingWriter;
import dev.capscope.core.timeline.TimelineRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Figures for a 10,000-change recording of a GUI-stack-sized component (about 550 caps): bytes per
 * change, time to read the file, and time to extract a moment (the last one: the longest replay).
 * Prints; asserts nothing. Run: {@code java -cp <test classpath> dev.capscope.core.bench.RecordingFigures [CHANGES]}.
 */
public final class RecordingFigures {
    private RecordingFigures() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(ProfileRegistry.builtin().get("genode-foc-19"), "desktop", 7, 1000);
        b.thread("main", "running");
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            open.add(b.dataspace("window-buffer " + i, 262144, "core"));
        }
        Random random = new Random(7);
        Path file = Files.createTempFile("capscope-figures", ".caprec");
        Files.delete(file);
        Instant t0 = Instant.parse("2026-11-29T22:00:00Z");
        long generation = 1;
        long fullBytes;
        try (RecordingWriter w = RecordingWriter.create(file,
                new TimelineRecord.Header(1, "bench", "l4sim", "genode-foc-19", t0, "bench"))) {
            w.record("desktop", b.generation(generation).build(), t0);
            fullBytes = w.bytes();
            for (int i = 1; i <= changes; i++) {
                if (random.nextBoolean() && !open.isEmpty()) {
                    b.release(open.remove(random.nextInt(open.size())));
                } else {
                    open.add(b.session("LOG", "desktop -> log " + i, "ram_quota=8K, cap_quota=3", "log_server", 8192L));
                }
                CapSpace s = b.generation(++generation).build();
                w.record("desktop", s, t0.plusMillis(100L * i));
            }
            w.finish(t0.plusMillis(100L * changes + 1));
        }
        long size = Files.size(file);
        System.out.printf("recording: %d changes, %d bytes; first full walk %d bytes; %.1f bytes per change%n",
                changes, size, fullBytes, (size - fullBytes) / (double) changes);
        for (int round = 0; round < 5; round++) {
            long t = System.nanoTime();
            Recording r = Recording.read(file);
            long read = System.nanoTime() - t;
            t = System.nanoTime();
            Moment last = r.moments().get(r.moments().size() - 1);
            r.snapshot(last, "bench");
            long extractLast = System.nanoTime() - t;
            t = System.nanoTime();
            r.snapshot(r.moments().get(r.moments().size() / 2), "bench");
            long extractMiddle = System.nanoTime() - t;
            System.out.printf("round %d: read %.1f ms, extract last moment %.1f ms, middle %.1f ms%n", round,
                    read / 1e6, extractLast / 1e6, extractMiddle / 1e6);
        }
        Files.delete(file);
    }
}
