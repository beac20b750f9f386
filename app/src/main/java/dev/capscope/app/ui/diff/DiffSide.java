package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;

/** One side of a diff: an open snapshot, or a task of a live target (walked when the diff runs). */
public sealed interface DiffSide {
    String title();

    /** Task name the side is about. */
    String task();

    record OfSnapshot(SnapshotSource source) implements DiffSide {
        @Override
        public String title() {
            return "snapshot " + source.title();
        }

        @Override
        public String task() {
            return source.snapshot().meta().task();
        }

        @Override
        public String toString() {
            return title();
        }
    }

    record OfLive(LiveTarget target, String task) implements DiffSide {
        @Override
        public String title() {
            return "live " + task + " @ " + target.endpoint();
        }

        @Override
        public String toString() {
            return title();
        }
    }
}
