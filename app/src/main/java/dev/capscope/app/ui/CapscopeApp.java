package dev.capscope.app.ui;

import dev.capscope.app.ui.main.MainView;
import dev.capscope.app.ui.main.MainViewModel;
import dev.capscope.app.ui.service.CoreLintService;
import dev.capscope.app.ui.service.RecentStore;
import dev.capscope.app.ui.service.WalkService;
import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.task.FxUiTimer;
import dev.capscope.core.profile.ProfileRegistry;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The desktop app (composition root). Parameters: snapshot files are opened; {@code --target URI}
 * attaches; with neither, the demo target (capsim) is started and attached. The Launcher starts
 * it with {@code Application.launch(CapscopeApp.class, args)}.
 *
 * <p>{@code -Dcapscope.startupProbe=true} prints the time from JVM start to the first rendered
 * tree and exits (used to measure start-up).
 */
public class CapscopeApp extends Application {
    private static final System.Logger LOG = System.getLogger(CapscopeApp.class.getName());
    private FxTaskRunner runner;
    private UiContext ctx;
    private Stage stage;

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        runner = new FxTaskRunner();
        ctx = new UiContext(runner, new FxUiTimer(), BridgeWiring.connector(), BridgeWiring.demoLauncher(),
                new WalkService(ProfileRegistry.builtin(), new CoreLintService()), BridgeWiring.snapshots(),
                new FxDialogService(() -> stage), RecentStore.preferences());
        // The demo target must not outlive the app, even when the app is killed.
        UiContext c = ctx;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> c.demo().stop(), "capscope-demo-stop"));
        MainViewModel vm = new MainViewModel(ctx);
        MainView view = new MainView(vm, Platform::exit);
        Scene scene = new Scene(view, 1580, 960);
        scene.getStylesheets().add(stylesheet());
        installDragAndDrop(scene, vm);
        primaryStage.setTitle("Capscope — capability spaces of Genode components on Fiasco.OC");
        primaryStage.setScene(scene);
        primaryStage.show();
        watchFirstTree(vm);
        openParameters(vm, getParameters().getRaw());
    }

    /** The app's stylesheet (also used by tests and the page object). */
    public static String stylesheet() {
        return CapscopeApp.class.getResource("capscope.css").toExternalForm();
    }

    static void openParameters(MainViewModel vm, List<String> raw) {
        List<String> files = new ArrayList<>();
        String target = null;
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            if (a.equals("--target") && i + 1 < raw.size()) {
                target = raw.get(++i);
            } else if (a.startsWith("--target=")) {
                target = a.substring("--target=".length());
            } else if (!a.startsWith("-")) {
                files.add(a);
            }
        }
        files.forEach(f -> vm.openSnapshotFile(Path.of(f)));
        if (target != null) {
            vm.attachTo(target);
        } else if (files.isEmpty()) {
            vm.startDemo();
        }
    }

    private static void installDragAndDrop(Scene scene, MainViewModel vm) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean ok = false;
            if (e.getDragboard().hasFiles()) {
                for (var f : e.getDragboard().getFiles()) {
                    if (Files.isRegularFile(f.toPath())) {
                        vm.openSnapshotFile(f.toPath());
                        ok = true;
                    }
                }
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void watchFirstTree(MainViewModel vm) {
        boolean probe = Boolean.getBoolean("capscope.startupProbe");
        vm.tree().treeProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends dev.capscope.app.ui.model.RowNode> o,
                                dev.capscope.app.ui.model.RowNode a, dev.capscope.app.ui.model.RowNode b) {
                if (b.children().isEmpty()) return;
                vm.tree().treeProperty().removeListener(this);
                // The next pulse renders it; measure after that pulse.
                Platform.runLater(() -> Platform.runLater(() -> {
                    long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                    LOG.log(System.Logger.Level.INFO, "first tree rendered {0} ms after JVM start", ms);
                    if (probe) {
                        System.err.println("capscope: first tree rendered " + ms + " ms after JVM start");
                        Platform.exit();
                    }
                }));
            }
        });
    }

    @Override
    public void stop() {
        if (ctx != null) ctx.demo().stop();
        if (runner != null) runner.close();
    }
}
