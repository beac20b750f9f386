package dev.capscope.core.timeline;

import dev.capscope.core.model.CapSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingRoundTripTest {
    private static final Instant T0 = Instant.parse("2026-11-29T22:00:00Z");

    @TempDir
    Path tmp;

    /** Records two tasks under churn; returns the spaces in record order. */
    private List<CapSpace> record(Path file, int changes) throws IOException {
        Churn a = new Churn("a", 1, 10);
        Churn b = new Churn("b", 2, 3);
        List<CapSpace> written = new ArrayList<>();
        try (RecordingWriter w = RecordingWriter.create(file, header())) {
            written.add(a.space());
            w.record("a", a.space(), T0);
            written.add(b.space());
            w.record("b", b.space(), T0);
            for (int i = 1; i <= changes; i++) {
                CapSpace s = i % 3 == 0 ? b.step() : a.step();
                w.record(i % 3 == 0 ? "b" : "a", s, T0.plusMillis(i));
                written.add(s);
            }
            w.finish(T0.plusSeconds(60));
        }
        return written;
    }

    private static TimelineRecord.Header header() {
        return new TimelineRecord.Header(1, "unix:/tmp/x.sock", "l4sim", "genode-foc-19", T0, "capscope test");
    }

    @Test
    void everyMomentReplaysToTheSpaceThatWasRecorded() throws IOException {
        Path file = tmp.resolve("r.caprec");
        List<CapSpace> written = record(file, 300);
        Recording r = Recording.read(file);
        assertTrue(r.complete(), r.damage());
        assertEquals(written.size(), r.moments().size());
        for (Moment m : r.moments()) {
            assertEquals(written.get(m.index()), r.spaceAt(m.index()), "moment " + m.index());
        }
        Moment m = r.atGeneration("b", written.get(8).generation());
        assertEquals("b", m.task());
        assertEquals(written.get(m.index()), r.snapshot(m, "t").space());
        assertEquals(written.get(6), r.spaceAt(r.atTime("a", T0.plusMillis(5)).index()), "change 5 is record 6");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.atGeneration("a", 100_000));
        assertTrue(e.getMessage().contains("was not recorded at generation 100000"), e.getMessage());
    }

    @Test
    void aFileCutAtAnyByteReadsUpToItsLastCompleteRecord() throws IOException {
        Path file = tmp.resolve("r.caprec");
        record(file, 40);
        byte[] all = Files.readAllBytes(file);
        List<Integer> lineEnds = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lineEnds.add(i + 1);
            }
        }
        Random random = new Random(19);
        for (int k = 0; k < 200; k++) {
            int cut = k < 10 ? lineEnds.get(0) + k : random.nextInt(all.length);
            byte[] part = Arrays.copyOf(all, cut);
            int complete = (int) lineEnds.stream().filter(end -> end <= cut).count();
            if (complete == 0) {
                RecordFormatException ex = assertThrows(RecordFormatException.class, () -> Recording.parse("cut", part));
                assertTrue(ex.getMessage().contains("not a Capscope recording"), ex.getMessage());
                continue;
            }
            Recording r = Recording.parse("cut", part);
            int records = complete - 1; // the header is no moment; the end record neither
            boolean endIncluded = complete == lineEnds.size();
            assertEquals(endIncluded ? records - 1 : records, r.moments().size(), "cut at byte " + cut);
            assertEquals(endIncluded, r.complete(), "cut at byte " + cut);
            assertEquals(lineEnds.get(complete - 1).longValue(), r.validBytes());
            if (!r.moments().isEmpty()) {
                assertNotNull(r.spaceAt(r.moments().size() - 1));
            }
        }
    }

    @Test
    void aDamagedByteStopsReadingAtItsRecordAndSaysWhere() throws IOException {
        Path file = tmp.resolve("r.caprec");
        record(file, 10);
        byte[] all = Files.readAllBytes(file);
        int secondLine = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('\n') + 1;
        int thirdLine = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('\n', secondLine) + 1;
        all[thirdLine + 20] ^= 0x01;
        Recording r = Recording.parse("flipped", all);
        assertEquals(1, r.moments().size());
        assertFalse(r.complete());
        assertTrue(r.damage().contains("line 3 (byte " + thirdLine + ")"), r.damage());
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path file = tmp.resolve("r.caprec");
        Files.writeString(file, "keep me");
        IOException e = assertThrows(IOException.class, () -> RecordingWriter.create(file, header()));
        assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        assertEquals("keep me", Files.readString(file));
    }
}
