package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.service.DialogService;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.restore.PlannedStep;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreOutcome;
import dev.capscope.core.restore.RestorePlan;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.restore.RestoreStage;
import dev.capscope.core.target.RestoreOperation;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Function;

/**
 * The restore wizard: pick a snapshot and a live task -> preflight and plan (the dry run, reason
 * codes for refusals) -> explicit confirmation -> apply with progress -> the verified result, or
 * the rollback when verification failed. Disabled, with the reason, when the target is read-only.
 * Nothing is changed on the target before {@link #apply()} after the confirmation step.
 */
public final class RestoreWizardViewModel {
    public enum Step {
        CHOOSE("1 of 5 · Choose snapshot and target task"),
        PLAN("2 of 5 · Preflight and plan (dry run, nothing changed yet)"),
        CONFIRM("3 of 5 · Confirm"),
        APPLY("4 of 5 · Applying"),
        RESULT("5 of 5 · Result");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final TaskRunner runner;
    private final DialogService dialogs;
    private final RestoreService service;
    private final Function<String, LayoutProfile> profiles;
    private final Runnable afterApply;
    private final ObservableList<SnapshotSource> snapshots = FXCollections.observableArrayList();
    private final ObservableList<TaskChoice> tasks = FXCollections.observableArrayList();
    private final ObjectProperty<SnapshotSource> snapshot = new SimpleObjectProperty<>();
    private final ObjectProperty<TaskChoice> task = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.CHOOSE);
    private final ReadOnlyStringWrapper disabledReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> refusals = FXCollections.observableArrayList();
    private final ObservableList<String> planSteps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper applicable = new ReadOnlyBooleanWrapper();
    private final BooleanProperty confirmed = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper confirmText = new ReadOnlyStringWrapper("");
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper("");
    private final ObservableList<String> progressLog = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RestoreResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rollbackText = new ReadOnlyStringWrapper("");
    private final BooleanBinding canPreflight;
    private final BooleanBinding canApply;
    private RestoreService.Session session;

    public RestoreWizardViewModel(TaskRunner runner, DialogService dialogs, RestoreService service,
                                  Function<String, LayoutProfile> profiles, Runnable afterApply) {
        this.runner = runner;
        this.dialogs = dialogs;
        this.service = service;
        this.profiles = profiles;
        this.afterApply = afterApply;
        task.addListener((o, a, b) -> updateReason());
        snapshot.addListener((o, a, b) -> updateReason());
        canPreflight = Bindings.createBooleanBinding(() -> step.get() == Step.CHOOSE && !busy.get()
                        && snapshot.get() != null && task.get() != null && disabledReason.get().isEmpty(),
                step, busy, snapshot, task, disabledReason);
        canApply = Bindings.createBooleanBinding(() -> step.get() == Step.CONFIRM && confirmed.get() && !busy.get()
                && applicable.get(), step, confirmed, busy, applicable);
        updateReason();
    }

    /** Why the restore cannot start now ("" when it can): no choice yet, target not connected, or read-only. */
    private void updateReason() {
        TaskChoice t = task.get();
        if (snapshot.get() == null) {
            disabledReason.set("Pick the snapshot to restore (open or take one first).");
        } else if (t == null) {
            disabledReason.set("Pick the live task to restore onto (attach to a target first, Ctrl+T).");
        } else if (t.target().stateProperty().get() != LiveTarget.State.CONNECTED || t.target().infoProperty().get() == null) {
            disabledReason.set("Target " + t.target().endpoint() + " is not connected: reconnect it (Ctrl+R), then try again.");
        } else if (!t.target().infoProperty().get().restoreAllowed()) {
            disabledReason.set("Restore is disabled: target " + t.target().endpoint() + " is read-only (TARGET_READ_ONLY): its"
                    + " agent does not serve changes. Start the target with restore allowed (capsim --allow-restore), "
                    + "reconnect, and try again.");
        } else {
            disabledReason.set("");
        }
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Step 1 -> 2: the dry run on the worker (walk, preflight, plan). Changes nothing. */
    public void preflight() {
        updateReason();
        if (!canPreflight.get()) return;
        TaskChoice t = task.get();
        var wanted = snapshot.get().snapshot();
        var target = t.target().target();
        LayoutProfile profile = profiles.apply(wanted.meta().profile());
        busy.set(true);
        verdict.set("running the preflight on " + t + " …");
        BackgroundTask.wrap("restore preflight", () -> service.prepare(target, profile, wanted, t.task()))
                .onSuccess(this::showPlan)
                .onFailure(e -> dialogs.showError("Restore preflight failed", "The preflight of " + t + " failed: "
                        + message(e), "Check that the target still runs, reconnect (Ctrl+R), then start the restore again."))
                .onFinished(() -> busy.set(false))
                .executeWith(runner);
    }

    private void showPlan(RestoreService.Session s) {
        session = s;
        RestorePlan plan = s.prepared().plan();
        planText.set(plan.render(s.prepared().before().space()));
        refusals.setAll(plan.refusals().stream().map(r -> r.reason() + ": " + r.message()).toList());
        int n = 1;
        List<String> lines = new java.util.ArrayList<>();
        for (PlannedStep st : plan.steps()) {
            lines.add(String.format("%3d. [%s] %s", n++, st.phase().title(),
                    dev.capscope.core.restore.PlanLines.describe(st, s.prepared().before().space(), plan)));
        }
        plan.sideEffects().forEach(e -> lines.add("side effect: " + e));
        planSteps.setAll(lines);
        if (plan.isRefused()) {
            verdict.set("Refused by the preflight (" + plan.primaryRefusal().orElseThrow().reason()
                    + "): nothing can be changed. Fix what the reasons say, then start again.");
        } else if (plan.isNoOp()) {
            verdict.set("Preflight passed: no operation is planned. Next checks it with a fresh walk of the task"
                    + " against the snapshot (nothing is changed).");
        } else {
            verdict.set("Preflight passed: " + plan.steps().size() + " operation(s), in this order. Nothing has been changed yet.");
        }
        applicable.set(!plan.isRefused());
        confirmText.set(plan.isNoOp() ? "Check task '" + s.prepared().task() + "' at " + s.prepared().target().endpoint()
                + " against the snapshot with a fresh walk; nothing will be changed."
                : "I have reviewed the plan" + (plan.sideEffects().isEmpty() ? "" : " and its side effects")
                + ": apply " + plan.steps().size() + " operation(s) to task '" + s.prepared().task() + "' at "
                + s.prepared().target().endpoint() + ". If verification fails, the task is rolled back to how it is now.");
        confirmed.set(false);
        step.set(Step.PLAN);
    }

    /** Step 2 -> 3 (any plan that was not refused: an empty one is still verified). */
    public void next() {
        if (step.get() == Step.PLAN && applicable.get()) {
            step.set(Step.CONFIRM);
        }
    }

    public void back() {
        switch (step.get()) {
            case PLAN -> step.set(Step.CHOOSE);
            case CONFIRM -> step.set(Step.PLAN);
            case RESULT -> {
                session = null;
                step.set(Step.CHOOSE);
            }
            default -> { }
        }
        confirmed.set(false);
        updateReason(); // the target may have gone (or come back) meanwhile
    }

    /** Step 3 -> 4 -> 5: applies the confirmed plan on the worker, verifies, rolls back on failure. */
    public void apply() {
        if (!canApply.get() || session == null) return;
        RestoreService.Session s = session;
        busy.set(true);
        progressLog.clear();
        progress.set(0);
        result.set(null);
        outcome.set("");
        rollbackText.set("");
        step.set(Step.APPLY);
        List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        BackgroundTask.<RestoreResult>wrapWithProgress("restore", p -> service.apply(s, new Listener(p, lines)))
                .onProgress((f, m) -> {
                    progress.set(f);
                    progressMessage.set(m);
                    if (m != null && (progressLog.isEmpty() || !progressLog.get(progressLog.size() - 1).equals(m))) {
                        progressLog.add(m);
                    }
                })
                .onSuccess(r -> {
                    synchronized (lines) {
                        progressLog.setAll(lines); // every step (progress updates may be coalesced)
                    }
                    showResult(r, s);
                })
                .onFailure(e -> {
                    step.set(Step.RESULT);
                    outcome.set("FAILED");
                    failed(s, "The restore of task '" + s.prepared().task() + "' at " + s.prepared().target().endpoint()
                            + " stopped: " + message(e) + ". The task may now be in neither state.");
                })
                .onFinished(() -> {
                    busy.set(false);
                    afterApply.run();
                })
                .executeWith(runner);
    }

    private void showResult(RestoreResult r, RestoreService.Session s) {
        result.set(r);
        progress.set(1);
        outcome.set(r.outcome().name());
        StringBuilder b = new StringBuilder(r.summary());
        if (!r.badgeTranslations().isEmpty()) {
            b.append("\nRe-created sessions got new badges:");
            r.badgeTranslations().forEach((was, now) -> b.append("\n  badge ").append(was).append(" -> ").append(now));
        }
        if (r.outcome() == RestoreOutcome.RESTORED_VERIFIED) {
            b.append("\nVerified: walking the task again shows it equals the snapshot (identities aside).");
        } else if (r.outcome() == RestoreOutcome.ROLLED_BACK) {
            b.append("\nThe task is as it was before the restore. What to do: compare it with the snapshot (Ctrl+D)"
                    + " to see what did not take, then restore again; if it keeps failing, the target does not"
                    + " perform the operations it acknowledges.");
        }
        resultText.set(b.toString());
        rollbackText.set(r.rollbackPlan() == null ? "" : "Rollback (" + r.code() + "): the target was put back with\n"
                + r.rollbackPlan().render());
        step.set(Step.RESULT);
        if (r.outcome() == RestoreOutcome.FAILED) {
            failed(s, "The restore of task '" + s.prepared().task() + "' at " + s.prepared().target().endpoint()
                    + " failed and could not be undone: " + r.summary() + ". " + r.appliedSteps() + " of "
                    + r.plan().steps().size() + " operation(s) had been applied; the task may now be in neither state.");
        }
    }

    /**
     * A FAILED restore: what happened and what to do, on the result page and in one error dialog. When
     * the target stopped answering (connection broken or timed out) that is said first: the usual
     * cause is a target that exited or crashed, and reconnecting alone will not help.
     */
    private void failed(RestoreService.Session s, String otherwise) {
        String task = s.prepared().task();
        String endpoint = s.prepared().target().endpoint();
        String what;
        String todo;
        var gone = s.watch().lost();
        if (gone.isPresent()) {
            RestoreResult r = result.get();
            String progressSoFar = r == null ? "" : " " + r.appliedSteps() + " of " + r.plan().steps().size()
                    + " operation(s) had been applied and the rollback could not run, so the task may be half restored.";
            what = "The target at " + endpoint + " stopped answering during the restore of task '" + task + "' ("
                    + gone.get().code() + ": " + message(gone.get()) + ")." + progressSoFar;
            todo = "Restart the target if it exited (or find out why it stopped answering), reconnect (Ctrl+R), compare"
                    + " the task with the snapshot (Ctrl+D), then restore again.";
        } else {
            what = otherwise;
            todo = "Reconnect the target (Ctrl+R), compare the task with the snapshot (Ctrl+D), and restore again or"
                    + " restart the task.";
        }
        resultText.set(what + "\n\nWhat to do: " + todo + (result.get() == null ? "" : "\n\nDetails: " + result.get().summary()));
        dialogs.showError("Restore failed", what, todo);
    }

    /** Restore progress from the runner's thread, as fractions and one line per operation. */
    private record Listener(BackgroundTask.Progress p, List<String> lines) implements RestoreListener {
        @Override
        public void stage(RestoreStage stage) {
            double f = switch (stage) {
                case WALK_BEFORE -> 0.02;
                case APPLY -> 0.05;
                case VERIFY -> 0.8;
                case ROLLBACK -> 0.85;
                case ROLLBACK_VERIFY -> 0.95;
            };
            String m = stage.name().toLowerCase().replace('_', ' ');
            synchronized (lines) { // the runner announces ROLLBACK twice (deciding, then applying): one line
                if (lines.isEmpty() || !lines.get(lines.size() - 1).equals(m)) lines.add(m);
            }
            p.update(f, m);
        }

        @Override
        public void step(RestoreStage stage, int index, int total, RestoreOperation operation) {
            double base = stage == RestoreStage.ROLLBACK ? 0.85 : 0.05;
            double span = stage == RestoreStage.ROLLBACK ? 0.1 : 0.75;
            String m = stage.name().toLowerCase() + " [" + index + "/" + total + "] " + operation.describe();
            lines.add(m);
            p.update(base + span * index / Math.max(1, total), m);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Fills the choices: open snapshots, and the tasks of every connected target. */
    public void offer(List<SnapshotSource> snaps, List<TaskChoice> choices, SnapshotSource preferredSnapshot,
                      TaskChoice preferredTask) {
        snapshots.setAll(snaps);
        tasks.setAll(choices);
        snapshot.set(preferredSnapshot != null ? preferredSnapshot : snaps.isEmpty() ? null : snaps.get(snaps.size() - 1));
        TaskChoice t = preferredTask;
        if (t == null && snapshot.get() != null) {
            String want = snapshot.get().snapshot().meta().task();
            t = choices.stream().filter(c -> c.task().equals(want)).findFirst().orElse(null);
        }
        task.set(t != null ? t : choices.isEmpty() ? null : choices.get(0));
    }

    // ---- state ---------------------------------------------------------------------------------

    public ObservableList<SnapshotSource> snapshots() { return snapshots; }
    public ObservableList<TaskChoice> tasks() { return tasks; }
    public ObjectProperty<SnapshotSource> snapshotProperty() { return snapshot; }
    public ObjectProperty<TaskChoice> taskProperty() { return task; }
    public ReadOnlyObjectProperty<Step> stepProperty() { return step.getReadOnlyProperty(); }
    public ReadOnlyStringProperty disabledReasonProperty() { return disabledReason.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public BooleanBinding canPreflightBinding() { return canPreflight; }
    public BooleanBinding canApplyBinding() { return canApply; }
    public ReadOnlyBooleanProperty applicableProperty() { return applicable.getReadOnlyProperty(); }
    public ObservableList<String> refusals() { return refusals; }
    public ObservableList<String> planSteps() { return planSteps; }
    public ReadOnlyStringProperty verdictProperty() { return verdict.getReadOnlyProperty(); }
    public ReadOnlyStringProperty planTextProperty() { return planText.getReadOnlyProperty(); }
    public BooleanProperty confirmedProperty() { return confirmed; }
    public ReadOnlyStringProperty confirmTextProperty() { return confirmText.getReadOnlyProperty(); }
    public DoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty progressMessageProperty() { return progressMessage.getReadOnlyProperty(); }
    public ObservableList<String> progressLog() { return progressLog; }
    public ReadOnlyObjectProperty<RestoreResult> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyStringProperty outcomeProperty() { return outcome.getReadOnlyProperty(); }
    public ReadOnlyStringProperty resultTextProperty() { return resultText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rollbackTextProperty() { return rollbackText.getReadOnlyProperty(); }

}
