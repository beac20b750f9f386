package dev.capscope.core.timeline;

import java.time.Instant;
import java.util.Objects;

/** One record of a recording file: a header first, then changes, tasks that went, and an end. */
public sealed interface TimelineRecord {
    /** The first record: where and when the recording was made. */
    record Header(int schemaVersion, String endpoint, String kernel, String profile, Instant startedAt,
                  String toolVersion) implements TimelineRecord {
        public Header {
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    /** A task's space at a new generation: in full (its first record) or as the delta from its previous record. */
    record Change(boolean full, String task, Instant time, SpaceDelta delta) implements TimelineRecord {
        public Change {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(delta, "delta");
        }
    }

    /** The target stopped listing a task. */
    record Gone(String task, Instant time) implements TimelineRecord {
        public Gone {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(time, "time");
        }
    }

    /** The recorder stopped on purpose (a file without it was cut short). */
    record End(Instant time) implements TimelineRecord {
        public End {
            Objects.requireNonNull(time, "time");
        }
    }
}
