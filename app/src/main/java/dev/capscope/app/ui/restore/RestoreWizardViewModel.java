package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.service.DialogService;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.Lanes;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.restore.RestoreOutcome;
import dev.capscope.core.restore.RestorePlan;
import dev.capscope.core.restore.RestoreResult;
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
    private BackgroundTask<RestoreService.Session> preflightJob;
    /** The lane of the target the session was prepared on: its apply runs there too. */
    private String sessionLane = Lanes.FILES;

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
        disabledReason.set(RestoreTexts.disabledReason(snapshot.get(), task.get()));
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Step 1 -> 2: the dry run on the target's lane (walk, preflight, plan). Changes nothing; cancellable. */
    public void preflight() {
        updateReason();
        if (!canPreflight.get()) return;
        TaskChoice t = task.get();
        var wanted = snapshot.get().snapshot();
        var target = t.target().target();
        LayoutProfile profile = profiles.apply(wanted.meta().profile());
        busy.set(true);
        verdict.set("running the preflight on " + t + " …");
        String lane = Lanes.target(t.target().endpoint());
        BackgroundTask<RestoreService.Session> job = BackgroundTask.wrapWithProgress("restore preflight",
                p -> service.prepare(target, profile, wanted, t.task(), p.cancellation()));
        job.onSuccess(session -> {
                    sessionLane = lane;
                    showPlan(session);
                })
                .onFailure(e -> dialogs.showError("Restore preflight failed", "The preflight of " + t + " failed: "
                        + RestoreTexts.message(e), "Check that the target still runs, reconnect (Ctrl+R), then start the restore again."))
                .onCancelled(() -> verdict.set("Preflight of " + t + " cancelled; nothing was planned or changed."))
                .onFinished(() -> {
                    busy.set(false);
                    preflightJob = null;
                })
                .onLane(lane);
        preflightJob = job;
        job.executeWith(runner);
    }

    /** Stops a running preflight (between two target calls); the wizard stays on its first step. */
    public void cancelPreflight() {
        if (preflightJob != null) {
            verdict.set("cancelling the preflight …");
            preflightJob.cancel();
        }
    }

    private void showPlan(RestoreService.Session s) {
        session = s;
        RestorePlan plan = s.prepared().plan();
        planText.set(plan.render(s.prepared().before().space()));
        refusals.setAll(plan.refusals().stream().map(r -> r.reason() + ": " + r.message()).toList());
        planSteps.setAll(RestoreTexts.planLines(plan, s.prepared().before().space()));
        verdict.set(RestoreTexts.verdict(plan));
        applicable.set(!plan.isRefused());
        confirmText.set(RestoreTexts.confirmText(s));
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

    /** Step 3 -> 4 -> 5: applies the confirmed plan on the target's lane, verifies, rolls back on failure. */
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
        BackgroundTask.<RestoreResult>wrapWithProgress("restore", p -> service.apply(s, new RestoreProgress(p, lines)))
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
                            + " stopped: " + RestoreTexts.message(e) + ". The task may now be in neither state.");
                })
                .onFinished(() -> {
                    busy.set(false);
                    afterApply.run();
                })
                .onLane(sessionLane)
                .executeWith(runner);
    }

    private void showResult(RestoreResult r, RestoreService.Session s) {
        result.set(r);
        progress.set(1);
        outcome.set(r.outcome().name());
        resultText.set(RestoreTexts.result(r));
        rollbackText.set(RestoreTexts.rollback(r));
        step.set(Step.RESULT);
        if (r.outcome() == RestoreOutcome.FAILED) {
            failed(s, RestoreTexts.notUndone(s, r));
        }
    }

    /** A FAILED restore: what happened and what to do, on the result page and in one error dialog. */
    private void failed(RestoreService.Session s, String otherwise) {
        RestoreTexts.Failure f = RestoreTexts.failure(s, result.get(), otherwise);
        resultText.set(f.what() + "\n\nWhat to do: " + f.todo()
                + (result.get() == null ? "" : "\n\nDetails: " + result.get().summary()));
        dialogs.showError("Restore failed", f.what(), f.todo());
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
