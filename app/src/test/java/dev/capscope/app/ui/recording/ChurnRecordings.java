package dev.capscope.app.ui.recording;

import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import dev.capscope.core.timeline.RecordingWriter;
import dev.capscope.core.timeline.TimelineRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes a recording of the test LOG client where a session opens at every step and every third one closes again. */
public final class ChurnRecordings {
    public static final Instant T0 = Instant.parse("2026-11-29T22:00:00Z");

    private ChurnRecordings() {
    }

    /** Writes {@code moments} moments (the first a full walk); returns the spaces in order. */
    public static List<CapSpace> write(Path file, int moments) throws IOException {
        GenodeSpaceBuilder b = TestSpaces.logClient();
        List<CapSpace> out = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        long generation = 1;
        try (RecordingWriter w = RecordingWriter.create(file,
                new TimelineRecord.Header(1, "test", "l4sim", "genode-foc-19", T0, "test"))) {
            for (int i = 0; i < moments; i++) {
                if (i > 0) {
                    if (i % 3 == 0 && !open.isEmpty()) {
                        b.release(open.remove(0));
                    } else {
                        open.add(b.session("ROM", "init -> log_client -> file " + i, "ram_quota=6K", "init", 6144L));
                    }
                }
                CapSpace s = b.generation(generation++).build();
                w.record(TestSpaces.TASK, s, T0.plusMillis(100L * i));
                out.add(s);
            }
            w.finish(T0.plusMillis(100L * moments));
        }
        return out;
    }
}
