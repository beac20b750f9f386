package dev.capscope.app.ui;

import dev.capscope.app.ui.service.DemoTargetLauncher;
import dev.capscope.app.ui.service.SnapshotService;
import dev.capscope.app.ui.service.TargetConnector;
import dev.capscope.core.target.TargetException;

/**
 * Where the window meets the native bridge and the snapshot format: each method is the one line
 * to change when the implementation lands.
 */
final class BridgeWiring {
    private BridgeWiring() {
    }

    static TargetConnector connector() {
        return uri -> {
            throw new TargetException(TargetException.Code.UNREACHABLE,
                    "this build has no target bridge yet; cannot reach " + uri);
        };
    }

    static DemoTargetLauncher demoLauncher() {
        return DemoTargetLauncher.NONE;
    }

    static SnapshotService snapshots() {
        return new SnapshotService() {
            @Override
            public dev.capscope.core.model.Snapshot read(java.nio.file.Path file) {
                throw new UnsupportedOperationException("this build cannot read snapshots yet");
            }

            @Override
            public void write(dev.capscope.core.model.Snapshot snapshot, java.nio.file.Path file) {
                throw new UnsupportedOperationException("this build cannot write snapshots yet");
            }
        };
    }
}
