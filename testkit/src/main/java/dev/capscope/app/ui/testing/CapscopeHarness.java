package dev.capscope.app.ui.testing;

import dev.capscope.app.ui.CapscopeApp;
import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.main.MainView;
import dev.capscope.app.ui.main.MainViewModel;
import dev.capscope.app.ui.service.CoreLintService;
import dev.capscope.app.ui.service.DemoTargetLauncher;
import dev.capscope.app.ui.service.RecentStore;
import dev.capscope.app.ui.service.SnapshotService;
import dev.capscope.app.ui.service.TargetConnector;
import dev.capscope.app.ui.service.WalkService;
import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The main window wired for tests: targets come from {@link #targets} (endpoint -> supplier, so a
 * reconnect can get a fresh one), time from a {@link ManualTimer}, dialogs from a
 * {@link FakeDialogService}; background work runs on the real worker thread.
 *
 * <p>For a user's script: {@link #forFiles()}, then {@link #show(Stage)} in {@code @Start};
 * {@link #openSnapshot(Path)} opens a snapshot file, {@link #startCapsim(String)} starts the
 * simulated target and attaches, {@link #attach(String)} attaches to a running agent;
 * {@link #close()} in {@code @AfterEach} stops what the harness started.
 */
public final class CapscopeHarness implements AutoCloseable {
    public final Map<String, Supplier<Target>> targets = new ConcurrentHashMap<>();
    public final ManualTimer timer = new ManualTimer();
    public final FakeDialogService dialogs = new FakeDialogService();
    public final TaskRunner runner;
    public final MainViewModel vm;
    public MainView view;

    public CapscopeHarness(TaskRunner runner, SnapshotService snapshots) {
        this.runner = runner;
        TargetConnector connector = uri -> {
            Supplier<Target> s = targets.get(uri);
            if (s == null) {
                throw new TargetException(TargetException.Code.UNREACHABLE, "nothing listens at " + uri);
            }
            return s.get();
        };
        UiContext ctx = new UiContext(runner, timer, connector, DemoTargetLauncher.NONE,
                new WalkService(ProfileRegistry.builtin(), new CoreLintService()), snapshots, dialogs,
                RecentStore.inMemory());
        vm = new MainViewModel(ctx);
    }

    private final java.util.List<dev.capscope.bridge.CapsimProcess> started = new java.util.ArrayList<>();

    /** With the real background worker and no snapshot files. */
    public static CapscopeHarness withWorker() {
        return new CapscopeHarness(new FxTaskRunner(), NO_FILES);
    }

    /** With the real background worker and the real snapshot reader and writer (a user's script). */
    public static CapscopeHarness forFiles() {
        return new CapscopeHarness(new FxTaskRunner(), SnapshotFiles.REAL);
    }

    /** Opens a snapshot file as File > Open would (any thread; wait with {@code CapscopePage.waitForTree()}). */
    public CapscopeHarness openSnapshot(Path file) {
        javafx.application.Platform.runLater(() -> vm.openSnapshotFile(file));
        return this;
    }

    /** Attaches to a running agent or capsim at {@code uri} through the native bridge, as Target > Attach does. */
    public CapscopeHarness attach(String uri) {
        useBridge(uri);
        javafx.application.Platform.runLater(() -> vm.attachTo(uri));
        return this;
    }

    /**
     * Starts capsim on a scenario (a name from samples/scenarios such as "default" or "log-client",
     * or a file), read-only and without churn, and attaches to it; {@link #close()} stops it.
     * Finds capsim through {@code -Dcapscope.home} (an installed Capscope folder).
     *
     * @return the endpoint it listens at
     */
    public String startCapsim(String scenario) {
        dev.capscope.bridge.CapsimProcess p = dev.capscope.bridge.CapsimProcess.start(
                dev.capscope.bridge.CapsimProcess.Options.of(dev.capscope.bridge.CapsimProcess.findScenario(scenario)),
                java.time.Duration.ofSeconds(20));
        started.add(p);
        attach(p.uri());
        return p.uri();
    }

    /** Stops the background worker and every capsim this harness started. */
    @Override
    public void close() {
        if (runner instanceof FxTaskRunner f) f.close();
        started.forEach(dev.capscope.bridge.CapsimProcess::close);
        started.clear();
    }

    /**
     * Lets the window reach a real agent or capsim at {@code uri} through the native bridge (each
     * connect, also a reconnect, opens a new connection); returns the uri.
     */
    public String useBridge(String uri) {
        targets.put(uri, () -> dev.capscope.bridge.BridgeTarget.connect(uri, dev.capscope.bridge.BridgeTarget.DEFAULT_TIMEOUT));
        return uri;
    }

    /** Builds the window into a stage (call on the FX thread, e.g. from a TestFX {@code @Start}). */
    public CapscopeHarness show(Stage stage) {
        return show(stage, 1240, 760);
    }

    /** Builds the window at a given size (e.g. 1024 x 700, the smallest screen Capscope supports). */
    public CapscopeHarness show(Stage stage, double width, double height) {
        view = new MainView(vm, stage::close);
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(CapscopeApp.stylesheet());
        stage.setScene(scene);
        stage.show();
        return this;
    }

    public static final SnapshotService NO_FILES = new SnapshotService() {
        @Override
        public Snapshot read(Path file) {
            throw new UnsupportedOperationException("no snapshot files in this test");
        }

        @Override
        public void write(Snapshot snapshot, Path file) {
            throw new UnsupportedOperationException("no snapshot files in this test");
        }
    };
}
