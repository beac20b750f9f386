package dev.capscope.app.ui;

import dev.capscope.app.cli.GuiArguments;
import dev.capscope.app.ui.main.FirstFrame;
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

import java.nio.file.Files;
import java.util.List;

/**
 * The desktop app (composition root). Parameters: snapshot files are opened; {@code --target URI}
 * attaches; with neither, the demo target (capsim) is started and attached. The Launcher starts
 * it with {@code Application.launch(CapscopeApp.class, args)}.
 *
 * <p>Start-up: {@link #launchWindow} starts the demo target (or connects to {@code --target}),
 * loads the bridge and walks the first task on a background thread ({@link StartupPrefetch})
 * while the JavaFX toolkit starts and the stage is built. The first rendered tree is logged at
 * DEBUG with its milestones (a normal start prints nothing); {@code -Dcapscope.startupProbe=true} prints that line on stderr and
 * exits (used to measure start-up, see docs/benchmarks.md).
 */
public class CapscopeApp extends Application {
    private static final System.Logger LOG = System.getLogger(CapscopeApp.class.getName());
    /** Started by {@link #launchWindow} before the toolkit; null when launched otherwise. */
    private static volatile StartupPrefetch prefetch;
    private static volatile dev.capscope.app.ui.service.DemoTargetLauncher demo;
    /** The arguments as {@link #launchWindow} parsed them (parsed once); null when launched otherwise. */
    private static volatile GuiArguments arguments;
    private FxTaskRunner runner;
    private UiContext ctx;
    private Stage stage;

    /**
     * Opens the window (blocks until it closes). When the window will attach (the demo target or
     * {@code --target}), the target, the bridge and the first walk are prepared in the background
     * while JavaFX starts.
     */
    public static void launchWindow(String[] args) {
        StartupProbe.mark("main");
        GuiArguments p = GuiArguments.parse(List.of(args));
        arguments = p;
        demo = BridgeWiring.demoLauncher();
        // The demo target must not outlive the app, even when the app is killed or the window
        // cannot open (the prefetch may have started capsim before the toolkit failed).
        dev.capscope.app.ui.service.DemoTargetLauncher d = demo;
        Runtime.getRuntime().addShutdownHook(new Thread(d::stop, "capscope-demo-stop"));
        if ((p.target() != null || p.files().isEmpty())
                && !"false".equals(System.getProperty("capscope.startupPrefetch"))) {
            prefetch = StartupPrefetch.start(p.target(), demo, BridgeWiring.connector());
        }
        Application.launch(CapscopeApp.class, args);
    }

    @Override
    public void start(Stage primaryStage) {
        StartupProbe.mark("toolkit");
        this.stage = primaryStage;
        runner = new FxTaskRunner();
        StartupPrefetch pre = prefetch;
        ctx = new UiContext(runner, new FxUiTimer(),
                pre != null ? pre.connector() : BridgeWiring.connector(),
                demo != null ? demo : BridgeWiring.demoLauncher(),
                pre != null ? pre.walks() : new WalkService(ProfileRegistry.builtin(), new CoreLintService()),
                BridgeWiring.snapshots(), new FxDialogService(() -> stage), RecentStore.preferences());
        if (demo == null) {
            // launched without launchWindow: the demo target must not outlive the app either
            UiContext c = ctx;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> c.demo().stop(), "capscope-demo-stop"));
        }
        MainViewModel vm = new MainViewModel(ctx);
        // attach (or start the demo) first: the worker connects and walks while the view is built
        GuiArguments parsed = arguments;
        openParameters(vm, parsed != null ? parsed : GuiArguments.parse(getParameters().getRaw()));
        MainView view = new MainView(vm, Platform::exit);
        // 1580 x 960, or the screen's usable area if smaller (no part of the window off screen)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1580, screen.getWidth()), Math.min(960, screen.getHeight()));
        scene.getStylesheets().add(stylesheet());
        installDragAndDrop(scene, vm);
        watchFirstTree(vm, scene, primaryStage);
        // what is shown goes in the title, as a document would (the status bar may be too narrow for it)
        primaryStage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String source = vm.status().sourceProperty().get();
            return source == null || source.equals("no source")
                    ? "Capscope — capability spaces of Genode components on Fiasco.OC" : "Capscope — " + source;
        }, vm.status().sourceProperty()));
        primaryStage.setScene(scene);
        if (pre != null) {
            showWhenFirstTreeOrAfter(primaryStage, vm, javafx.util.Duration.millis(SHOW_WAIT_MILLIS));
        } else {
            show(primaryStage);
        }
    }

    /**
     * When the window attaches at start, it is shown once the first tree is in it (or an error, or
     * after this long): one CSS/layout/render pass for window and tree instead of one for an empty
     * window and another for the tree a moment later. The FX thread is not blocked meanwhile.
     */
    static final long SHOW_WAIT_MILLIS = 1500;

    private static void showWhenFirstTreeOrAfter(Stage stage, MainViewModel vm, javafx.util.Duration wait) {
        Runnable showOnce = () -> {
            if (!stage.isShowing()) show(stage);
        };
        // The wait starts once the window is styled (styleAhead): counted from before, a slow styling
        // would use it up and show the window empty just before the tree arrives.
        javafx.animation.PauseTransition timeout = new javafx.animation.PauseTransition(wait);
        timeout.setOnFinished(e -> showOnce.run());
        Platform.runLater(() -> {
            // Also when the prefetch has already walked: skipped, the first layout (with the rows) put
            // a 1024x700 window's split divider 2 px higher than it has always been.
            styleAhead(stage);
            timeout.play();
        });
        // The first frame settles from inside the tree's change notification, before the tree view's
        // own listener has made its rows: shown right there, the window would be laid out with an
        // empty tree and again, with the rows, in the next pulse. Shown after the notification, the
        // show's one CSS/layout pass has the rows in it.
        vm.firstFrame().stateProperty().addListener((o, a, b) -> {
            if (b != FirstFrame.State.WAITING) Platform.runLater(showOnce);
        });
    }

    /**
     * Styles and lays out the window at its size while the first walk is still under way, so that
     * the show (once the tree is in) only styles the tree's rows: the FX thread would otherwise wait
     * idle for the walk and then do all of the window's CSS (the largest share of the start) after it.
     */
    private static void styleAhead(Stage stage) {
        if (stage.isShowing()) return;
        Scene scene = stage.getScene();
        javafx.scene.Parent root = scene.getRoot();
        root.resize(scene.getWidth(), scene.getHeight());
        root.applyCss();
        root.layout();
        StartupProbe.mark("styled");
    }

    private static void show(Stage stage) {
        stage.show();
        StartupProbe.mark("stage shown");
    }

    /** The app's stylesheet (also used by tests and the page object). */
    public static String stylesheet() {
        return CapscopeApp.class.getResource("capscope.css").toExternalForm();
    }

    static void openParameters(MainViewModel vm, GuiArguments p) {
        p.files().forEach(vm::openSnapshotFile);
        if (p.target() != null) {
            vm.attachTo(p.target());
        } else if (p.files().isEmpty()) {
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

    /**
     * Logs (and with the probe, prints and exits on) the first pulse that lays out a shown window
     * with a tree in it; the render thread draws that pulse right after.
     */
    private void watchFirstTree(MainViewModel vm, Scene scene, Stage stage) {
        boolean probe = StartupProbe.enabled();
        boolean[] applied = {false};
        vm.tree().treeProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends dev.capscope.app.ui.model.RowNode> o,
                                dev.capscope.app.ui.model.RowNode a, dev.capscope.app.ui.model.RowNode b) {
                if (b.children().isEmpty()) return;
                vm.tree().treeProperty().removeListener(this);
                StartupProbe.mark("tree applied");
                applied[0] = true;
            }
        });
        Runnable[] pulse = new Runnable[1];
        pulse[0] = () -> {
            if (!applied[0] || !stage.isShowing()) return;
            scene.removePostLayoutPulseListener(pulse[0]);
            long ms = StartupProbe.sinceJvmStart();
            String line = "first tree rendered after " + ms + " ms (since JVM start; milestones: "
                    + StartupProbe.marks() + "; CPU: " + StartupProbe.cpu().replace("this thread", "FX thread") + ")";
            Platform.runLater(() -> {
                LOG.log(System.Logger.Level.DEBUG, line);
                if (probe) {
                    StartupProbe.finish(line); // the command line prints it once the window is gone
                    Platform.exit();
                }
            });
        };
        scene.addPostLayoutPulseListener(pulse[0]);
    }

    @Override
    public void stop() {
        if (prefetch != null) prefetch.discard();
        if (ctx != null) ctx.demo().stop();
        if (runner != null) runner.close();
    }
}
