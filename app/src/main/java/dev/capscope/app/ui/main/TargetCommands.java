package dev.capscope.app.ui.main;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.live.LiveController;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SourceRef;
import dev.capscope.app.ui.sources.SourcesViewModel;
import dev.capscope.app.ui.status.StatusViewModel;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.bridge.AddressSecrets;

/** Target menu commands: attach (remembering the endpoint), start the demo target, reconnect. */
final class TargetCommands {
    private final UiContext ctx;
    private final SourcesViewModel sources;
    private final StatusViewModel status;
    private final LiveController live;
    private final ShownSource shown;
    private final FirstFrame firstFrame;

    TargetCommands(UiContext ctx, SourcesViewModel sources, StatusViewModel status, LiveController live,
                   ShownSource shown, FirstFrame firstFrame) {
        this.ctx = ctx;
        this.sources = sources;
        this.status = status;
        this.live = live;
        this.shown = shown;
        this.firstFrame = firstFrame;
    }

    /** @param remember false for the demo target: its private socket is gone after exit, so it is no recent endpoint */
    void attachTo(String uri, boolean remember) {
        String endpoint = uri.trim();
        if (endpoint.isEmpty()) {
            return;
        }
        if (remember) {
            ctx.recent().rememberEndpoint(AddressSecrets.withoutToken(endpoint)); // no token in a file
        }
        LiveTarget existing = sources.findTarget(endpoint);
        LiveTarget t = existing != null ? existing : new LiveTarget(endpoint);
        if (existing == null) {
            if (!remember) t.title("demo target (capsim)");
            t.stateProperty().addListener((o, a, b) -> shown.updateError());
            t.errorProperty().addListener((o, a, b) -> shown.updateError());
            sources.targets().add(t);
        }
        live.connect(t, () -> {
            status.idle("Attached to " + AddressSecrets.withoutToken(endpoint) + " (" + t.infoProperty().get().kernel() + ")");
            sources.selectTask(t, null);
        });
    }

    /** Starts the demo target (capsim) and attaches to it. */
    void startDemo() {
        status.busy(-1, "starting the demo target (capsim)");
        BackgroundTask.wrap("start demo target", () -> ctx.demo().start())
                .onSuccess(uri -> uri.ifPresentOrElse(u -> attachTo(u, false),
                        () -> status.idle("No demo target in this installation: attach (Ctrl+T) or open a snapshot (Ctrl+O)")))
                .onFailure(e -> {
                    status.idle("The demo target did not start");
                    firstFrame.settle(FirstFrame.State.DEMO_FAILED);
                    ctx.dialogs().showError("Demo target", "The demo target (capsim) did not start: " + e.getMessage(),
                            "Attach to another target (Ctrl+T) or open a snapshot (Ctrl+O).");
                })
                .executeWith(ctx.runner());
    }

    /** Reconnects the target of the shown task (or the first target in error). */
    void reconnect() {
        SourceRef on = shown.get();
        LiveTarget t = on instanceof SourceRef.TaskRef r ? r.target()
                : sources.targets().stream().filter(x -> x.stateProperty().get() == LiveTarget.State.ERROR)
                .findFirst().orElse(null);
        if (t == null) {
            return;
        }
        live.connect(t, () -> {
            status.idle("Reconnected to " + AddressSecrets.withoutToken(t.endpoint()));
            if (shown.get() instanceof SourceRef.TaskRef r && r.target() == t) {
                shown.walk(false, true);
            } else {
                sources.selectTask(t, null);
            }
        });
    }
}
