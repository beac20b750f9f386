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
 */
public final class CapscopeHarness {
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

    /** With the real background worker and no snapshot files. */
    public static CapscopeHarness withWorker() {
        return new CapscopeHarness(new FxTaskRunner(), NO_FILES);
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
