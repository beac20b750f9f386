package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;

import java.nio.file.Path;

/** Opens two snapshot files in the window and the diff of them, as the sources list would. */
public final class SnapshotFileDiffs {
    private SnapshotFileDiffs() {
    }

    /** The diff the window shows and the two snapshot sources it compares. */
    public record Opened(DiffViewModel diff, SnapshotSource before, SnapshotSource after) {
    }

    /** The diff of {@code a} (before) and {@code b} (after), once the window shows it. */
    public static Opened open(CapscopePage page, CapscopeHarness h, Path a, Path b) {
        page.interact(() -> {
            h.vm.openSnapshotFile(a);
            h.vm.openSnapshotFile(b);
        });
        page.waitUntil(() -> h.vm.sources().snapshots().size() == 2);
        SnapshotSource sa = source(page, h, a);
        SnapshotSource sb = source(page, h, b);
        page.interact(() -> h.vm.workflow().openDiff(new DiffSide.OfSnapshot(sa), new DiffSide.OfSnapshot(sb)));
        page.waitForDiff();
        return new Opened(page.fx(() -> h.vm.workflow().openDiffs().get(0)), sa, sb);
    }

    private static SnapshotSource source(CapscopePage page, CapscopeHarness h, Path file) {
        return page.fx(() -> h.vm.sources().snapshots().stream().filter(s -> s.file().equals(file)).findFirst()
                .orElseThrow());
    }
}
