package dev.capscope.core.snapshot;

import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import dev.capscope.core.testing.Spaces;

import java.time.Instant;

/** The small snapshot behind src/test/resources/golden/small.json and small.txt. */
final class GoldenSnapshot {
    private GoldenSnapshot() {
    }

    static Snapshot small() {
        GenodeSpaceBuilder b = Spaces.typical("genode-foc-19", "golden", 2);
        b.duplicate(0x302); // one object at two selectors: appears once in the objects table
        b.session("ROM", "init -> golden -> \"odd\" label\nwith newline", null, "core", null);
        b.rawEntry(0x400, 0x1234, 0, new Semantics(null, "", null, null, 0L));
        return b.generation(5).snapshot("small", Instant.parse("2026-01-31T12:00:00.123456789Z"),
                "tcp:127.0.0.1:4711", "l4sim (Fiasco.OC model)", "capscope test");
    }
}
