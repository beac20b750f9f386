package dev.capscope.app.ui;

import dev.capscope.app.ui.service.DemoTargetLauncher;
import dev.capscope.app.ui.service.SnapshotService;
import dev.capscope.app.ui.service.TargetConnector;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the window meets the native bridge, capsim and the snapshot format (one line each). */
final class BridgeWiring {
    /** The demo target: the default scenario with gentle churn, so the live view moves; restore allowed. */
    static final String DEMO_SCENARIO = "default";
    static final double DEMO_CHURN_PER_SECOND = 0.5;

    private BridgeWiring() {
    }

    static TargetConnector connector() {
        return uri -> BridgeTarget.connect(uri, BridgeTarget.DEFAULT_TIMEOUT);
    }

    static DemoTargetLauncher demoLauncher() {
        return new DemoTargetLauncher() {
            private CapsimProcess capsim;

            @Override
            public synchronized Optional<String> start() {
                if (capsim == null || !capsim.isAlive()) {
                    CapsimProcess.Options options = CapsimProcess.Options.of(CapsimProcess.findScenario(DEMO_SCENARIO))
                            .churn(DEMO_CHURN_PER_SECOND, 1).allowRestore(true);
                    capsim = CapsimProcess.start(options, Duration.ofSeconds(10));
                }
                return Optional.of(capsim.uri());
            }

            @Override
            public synchronized void stop() {
                if (capsim != null) {
                    capsim.close();
                    capsim = null;
                }
            }
        };
    }

    static SnapshotService snapshots() {
        return new SnapshotService() {
            @Override
            public Snapshot read(Path file) {
                return SnapshotReader.read(file);
            }

            @Override
            public void write(Snapshot snapshot, Path file) throws Exception {
                SnapshotWriter.write(snapshot, file);
            }
        };
    }
}
