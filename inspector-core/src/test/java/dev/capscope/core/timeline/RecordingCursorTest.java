package dev.capscope.core.timeline;

import dev.capscope.core.model.CapSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordingCursorTest {
    @TempDir
    Path tmp;

    @Test
    void jumpsInAnyOrderGiveTheRecordedSpacesAndMarksFollowOneSelector() throws IOException {
        Path file = tmp.resolve("c.caprec");
        Churn a = new Churn("a", 5, 4);
        Churn b = new Churn("b", 6, 2);
        List<CapSpace> written = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-29T22:00:00Z");
        try (RecordingWriter w = RecordingWriter.create(file,
                new TimelineRecord.Header(1, "e", "k", "genode-foc-19", t0, "t"))) {
            written.add(a.space());
            w.record("a", a.space(), t0);
            written.add(b.space());
            w.record("b", b.space(), t0);
            for (int i = 1; i <= 120; i++) {
                boolean onA = i % 4 != 0;
                CapSpace s = onA ? a.step() : b.step();
                w.record(onA ? "a" : "b", s, t0.plusMillis(i));
                written.add(s);
            }
            w.finish(t0.plusSeconds(1));
        }
        Recording r = Recording.read(file);
        RecordingCursor cursor = new RecordingCursor(r);
        Random random = new Random(3);
        for (int k = 0; k < 200; k++) {
            int i = k < written.size() ? k : random.nextInt(written.size());
            assertEquals(written.get(i), cursor.spaceAt(i), "moment " + i);
        }
        int selector = 0x305;
        boolean was = false;
        List<RecordingCursor.Mark> expected = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            if (!written.get(i).taskName().equals("a")) continue;
            boolean is = written.get(i).isValid(selector);
            if (is != was) expected.add(new RecordingCursor.Mark(i, is));
            was = is;
        }
        org.junit.jupiter.api.Assertions.assertTrue(expected.size() >= 2, "the selector comes and goes: " + expected);
        assertEquals(expected, cursor.marks("a", selector));
    }
}
