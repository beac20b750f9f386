package dev.capscope.core.restore;

import dev.capscope.core.diff.SpaceBuilder;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.TaskInfo;

import java.time.Instant;
import java.util.List;

/** Snapshots and target infos around {@link SpaceBuilder} spaces. */
final class RestoreFixtures {
    static final String TASK = "log_client";
    static final String KERNEL = "l4sim (Fiasco.OC model)";

    private RestoreFixtures() {
    }

    /** A component with two threads, three sessions and a receive window. */
    static SpaceBuilder component() {
        return SpaceBuilder.foc19(TASK).thread(1, "ep")
                .session(0x300, 4, "LOG", "init -> log_client", "log_server")
                .session(0x301, 8, "ROM", "config", "init")
                .session(0x302, 12, "Timer", "", "timer")
                .receiveWindow(0x304);
    }

    static Snapshot snapshot(CapSpace space) {
        return new Snapshot(new SnapshotMeta(SnapshotMeta.CURRENT_SCHEMA, "wanted", Instant.parse("2026-01-01T00:00:00Z"),
                "memory:test", space.taskName(), KERNEL, space.profile(), "test"), space);
    }

    static TargetInfo target(boolean restoreAllowed) {
        return new TargetInfo("memory:test", KERNEL, "genode-foc-19", "test", 1, restoreAllowed,
                List.of(new TaskInfo(TASK, 7, 2, 20, 1)));
    }
}
