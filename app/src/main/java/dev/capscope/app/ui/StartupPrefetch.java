package dev.capscope.app.ui;

import dev.capscope.app.ui.service.CoreLintService;
import dev.capscope.app.ui.service.DemoTargetLauncher;
import dev.capscope.app.ui.service.TargetConnector;
import dev.capscope.app.ui.service.WalkService;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.Target;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the first frame needs that does not need JavaFX, started before the toolkit so that both
 * run at once (two cores): the demo target (capsim) or the given endpoint, the bridge's native
 * library (JNA, ~250 ms on its first call) with a connection, the profiles, and a first walk of
 * the task the window shows first (loads and warms the walk and lint code; its answer stays in
 * the {@link WalkService}'s generation cache, so the window's own walk of that task costs one
 * GENERATION request if nothing changed). The window's view models then run as usual: the demo
 * launcher is already started, the connector hands out the prepared connection once.
 *
 * <p>One thread, once per app start; failures are left to the normal path, which repeats the step
 * and reports it in the window.
 */
final class StartupPrefetch {
    private static final System.Logger LOG = System.getLogger(StartupPrefetch.class.getName());
    private final DemoTargetLauncher demo;
    private final TargetConnector connector;
    private final CompletableFuture<WalkService> walks = new CompletableFuture<>();
    private final CompletableFuture<Prepared> connection = new CompletableFuture<>();
    private final AtomicBoolean handedOut = new AtomicBoolean();

    private record Prepared(String uri, Target target) {
    }

    private StartupPrefetch(DemoTargetLauncher demo, TargetConnector connector) {
        this.demo = demo;
        this.connector = connector;
    }

    /**
     * Starts preparing in the background.
     *
     * @param endpoint the endpoint to attach to, or null to start the demo target
     */
    static StartupPrefetch start(String endpoint, DemoTargetLauncher demo, TargetConnector connector) {
        StartupPrefetch p = new StartupPrefetch(demo, connector);
        Thread t = new Thread(() -> p.run(endpoint), "capscope-startup");
        t.setDaemon(true);
        t.start();
        return p;
    }

    private void run(String endpoint) {
        WalkService w;
        try {
            w = new WalkService(ProfileRegistry.builtin(), new CoreLintService());
            walks.complete(w);
        } catch (RuntimeException | Error e) {
            walks.completeExceptionally(e);
            connection.completeExceptionally(e);
            return;
        }
        try {
            String uri = endpoint != null ? endpoint : demo.start().orElse(null);
            StartupProbe.mark("target up");
            if (uri == null) {
                connection.completeExceptionally(new IllegalStateException("no demo target"));
                return;
            }
            Target target = connector.connect(uri);
            TargetInfo info = target.info();
            StartupProbe.mark("connected");
            if (!info.tasks().isEmpty()) {
                w.walk(target, info.tasks().get(0).name(), null, info.profile(), BackgroundTask.Progress.NONE);
                StartupProbe.mark("first walk");
            }
            connection.complete(new Prepared(uri, target));
        } catch (Exception | Error e) {
            connection.completeExceptionally(e);
        }
    }

    /** The walk service (profiles loaded on the start-up thread); waits for it. */
    WalkService walks() {
        try {
            return walks.join();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "loading the profiles failed; using the built-in ones", e);
            return new WalkService(ProfileRegistry.builtin(), new CoreLintService());
        }
    }

    /** A connector that hands out the prepared connection for its endpoint once, then connects normally. */
    TargetConnector connector() {
        return uri -> {
            if (!handedOut.get()) {
                try {
                    Prepared p = connection.join();
                    if (p.uri().equals(uri) && handedOut.compareAndSet(false, true)) {
                        return p.target();
                    }
                } catch (RuntimeException e) {
                    // the prefetch failed: connect normally, which reports the failure to the user
                    LOG.log(System.Logger.Level.DEBUG, "start-up prefetch of " + uri + " failed", e);
                }
            }
            return connector.connect(uri);
        };
    }

    /** Closes the prepared connection if nobody took it (e.g. the user attached elsewhere first). */
    void discard() {
        if (handedOut.compareAndSet(false, true)) {
            connection.thenAccept(p -> p.target().close());
        }
    }
}
