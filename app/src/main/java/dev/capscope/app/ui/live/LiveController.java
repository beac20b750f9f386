package dev.capscope.app.ui.live;

import dev.capscope.app.ui.service.TargetConnector;
import dev.capscope.app.ui.service.WalkService;
import dev.capscope.app.ui.service.WalkService.WalkResult;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.CancellableWork;
import dev.capscope.app.ui.task.Lanes;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Talks to live targets through background tasks: connect, poll generations, walk. One job per
 * target at a time: a tick that finds its target busy is skipped, a walk asked for then waits for
 * the job to end. A failure puts the target in the ERROR state with a message saying what happened
 * and what to do, and closes the connection.
 */
public final class LiveController {
    private static final System.Logger LOG = System.getLogger(LiveController.class.getName());

    /** What the window learns from the controller (on the UI thread). */
    public interface Listener {
        void progress(double fraction, String message);

        void targetFailed(LiveTarget target, String message);

        void unchanged(LiveTarget target, String task, long generation);

        /** A walk was cancelled: the target stays connected, what was shown stays as it was. */
        default void walkCancelled(LiveTarget target, String task) {
        }
    }

    private final TaskRunner runner;
    private final TargetConnector connector;
    private final WalkService walks;
    private final Listener listener;
    private final CancellableWork work;

    /** @param work where a walk can be cancelled (any but a live-refresh poll of a task walked before) */
    public LiveController(TaskRunner runner, TargetConnector connector, WalkService walks, Listener listener,
                          CancellableWork work) {
        this.runner = runner;
        this.connector = connector;
        this.walks = walks;
        this.listener = listener;
        this.work = work;
    }

    /** Connects (or reconnects) a target; {@code onConnected} runs on the UI thread after success. */
    public void connect(LiveTarget t, Runnable onConnected) {
        t.busy(true);
        t.stateProperty().set(LiveTarget.State.CONNECTING);
        listener.progress(-1, "connecting to " + t.endpoint());
        BackgroundTask.wrap("connect " + t.endpoint(), () -> {
                    closeQuietly(t.target());
                    Target target = connector.connect(t.endpoint());
                    t.target(target);
                    return target.info();
                })
                .onSuccess(info -> {
                    t.errorProperty().set("");
                    t.forgetGenerations();
                    applyInfo(t, info);
                    t.stateProperty().set(LiveTarget.State.CONNECTED);
                    t.busy(false);
                    onConnected.run();
                })
                .onFailure(e -> {
                    t.busy(false);
                    fail(t, e);
                })
                .onLane(Lanes.target(t.endpoint()))
                .executeWith(runner);
    }

    /**
     * Walks a task. With {@code onlyIfChanged}, first asks the target for its tasks' generations
     * and walks only if this task's moved since the last applied walk.
     */
    public void walk(LiveTarget t, String task, LayoutProfile chosen, boolean onlyIfChanged,
                     Consumer<WalkResult> onResult) {
        walk(t, task, chosen, onlyIfChanged, r -> null, (r, p) -> onResult.accept(r));
    }

    /**
     * As {@link #walk(LiveTarget, String, LayoutProfile, boolean, Consumer)}, and {@code prepare}
     * runs on the target's lane right after the walk (e.g. building the tree's rows), its
     * result handed to {@code onResult} with the walk's on the UI thread.
     *
     * @return the walk's task (to cancel it), or null when the target is busy or not connected
     */
    public <P> BackgroundTask<?> walk(LiveTarget t, String task, LayoutProfile chosen, boolean onlyIfChanged,
                         Function<WalkResult, P> prepare, BiConsumer<WalkResult, P> onResult) {
        if (t.stateProperty().get() != LiveTarget.State.CONNECTED) {
            return null;
        }
        if (t.busy()) {
            if (!onlyIfChanged) { // asked for: it runs when the target's current job ends, not never
                t.whenFree(() -> walk(t, task, chosen, false, prepare, onResult));
            }
            return null;
        }
        t.busy(true);
        Long known = t.walkedGeneration(task);
        String targetProfile = t.infoProperty().get() == null ? null : t.infoProperty().get().profile();
        BackgroundTask<Polled<P>> job = BackgroundTask.<Polled<P>>wrapWithProgress("walk " + task, progress -> {
                    Target target = t.target();
                    TargetInfo info = null;
                    long g = -1;
                    if (onlyIfChanged && known != null) {
                        info = target.info();
                        g = target.generation(task);
                        if (g == known) {
                            return new Polled<>(info, null, null, g);
                        }
                    }
                    WalkResult r = walks.walk(target, task, chosen, targetProfile, progress);
                    return new Polled<>(info, r, prepare.apply(r), g);
                })
                .onProgress(listener::progress)
                .onSuccess(p -> {
                    if (p.info() != null) {
                        applyInfo(t, p.info());
                    }
                    if (p.result() == null) {
                        listener.unchanged(t, task, p.generation());
                        return;
                    }
                    t.walkedGeneration(task, p.result().space().generation());
                    onResult.accept(p.result(), p.prepared());
                })
                .onFailure(e -> fail(t, e))
                .onCancelled(() -> listener.walkCancelled(t, task))
                .onLane(Lanes.target(t.endpoint()));
        // a poll of a walked task is cheap; a first walk (asked for, or by a live tick) can take long
        if (onlyIfChanged && known != null) {
            job.onFinished(() -> {
                t.busy(false);
                t.freed();
            });
        } else {
            work.started(job, "walk of " + task);
            job.onFinished(() -> {
                t.busy(false);
                work.ended(job);
                t.freed();
            });
        }
        job.executeWith(runner);
        return job;
    }

    private record Polled<P>(TargetInfo info, WalkResult result, P prepared, long generation) {
    }

    private static void applyInfo(LiveTarget t, TargetInfo info) {
        t.infoProperty().set(info);
        if (!t.tasks().equals(info.tasks())) {
            t.tasks().setAll(info.tasks());
        }
    }

    private void fail(LiveTarget t, Throwable e) {
        String msg = describe(t, e);
        t.errorProperty().set(msg);
        t.stateProperty().set(LiveTarget.State.ERROR);
        Target dead = t.target();
        t.target(null);
        runner.run(BackgroundTask.wrap("close " + t.endpoint(), () -> {
            closeQuietly(dead);
            return null;
        }).onLane(Lanes.target(t.endpoint())));
        listener.targetFailed(t, msg);
    }

    /**
     * "What happened. What to do." for a target failure, naming the endpoint once: the bridge's
     * messages start with the endpoint and end with advice of their own, both dropped here.
     */
    public static String describe(LiveTarget t, Throwable e) {
        String what = detail(t.endpoint(), e);
        String at = "Target " + t.endpoint();
        if (e instanceof TargetException te) {
            return switch (te.code()) {
                case UNREACHABLE -> at + " is unreachable: " + what + ". Check that it still runs, then reconnect.";
                case TIMEOUT -> at + " did not answer in time: " + what + ". Reconnect when it is responsive again.";
                case PROTOCOL -> at + " sent an answer that is not valid: " + what
                        + ". Check that the agent speaks protocol v1, then reconnect.";
                default -> at + ": " + what + ". Reconnect to try again.";
            };
        }
        return at + " failed: " + what + ". Reconnect to try again.";
    }

    /** The failure in the bridge's words without the endpoint prefix, the advice suffix and a repeated address. */
    static String detail(String endpoint, Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (m.startsWith(endpoint + ": ")) {
            m = m.substring(endpoint.length() + 2);
        }
        int advice = m.lastIndexOf(" (");
        if (e instanceof TargetException && advice > 0 && m.endsWith(")")) {
            m = m.substring(0, advice);
        }
        String address = endpoint.substring(endpoint.indexOf(':') + 1);
        m = m.replace("cannot connect to " + address + ": ", "cannot connect: ")
                .replace("connecting to " + address + " ", "connecting ")
                .replace("no socket at " + address, "no socket there")
                .replace("nothing listens on " + address, "nothing listens there")
                .replace("permission denied on the socket " + address, "permission denied on the socket")
                .replace(address + " is a ", "the path is a ");
        for (String own : new String[] {": start the target", ": check the path", "; run Capscope", ": start"}) {
            int at = m.indexOf(own); // the socket-path messages' own advice: the banner gives one of its own
            if (at > 0) {
                m = m.substring(0, at);
            }
        }
        while (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        return m.isEmpty() ? "no reason given" : m;
    }

    private static void closeQuietly(Target t) {
        if (t != null) {
            try {
                t.close();
            } catch (RuntimeException e) {
                // closing a dead connection may fail; nothing else to do
                LOG.log(System.Logger.Level.DEBUG, "closing the old connection failed", e);
            }
        }
    }
}
