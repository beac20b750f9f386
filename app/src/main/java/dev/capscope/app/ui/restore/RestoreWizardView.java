package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.restore.RestoreWizardViewModel.Step;
import dev.capscope.app.ui.sources.SnapshotSource;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The restore wizard's pages and buttons, bound to {@link RestoreWizardViewModel}; one page shows per step. */
public final class RestoreWizardView extends BorderPane {

    public RestoreWizardView(RestoreWizardViewModel vm, Runnable close) {
        setId("restoreWizard");
        getStyleClass().add("restore-wizard");
        Label title = new Label();
        title.setId("restoreStepTitle");
        title.getStyleClass().add("wizard-title");
        title.textProperty().bind(vm.stepProperty().map(s -> "Restore · step " + s.title()));
        title.setMaxWidth(Double.MAX_VALUE);
        setTop(title);

        StackPane pages = new StackPane(
                page(vm, Step.CHOOSE, choosePage(vm)),
                page(vm, Step.PLAN, planPage(vm)),
                page(vm, Step.CONFIRM, confirmPage(vm)),
                page(vm, Step.APPLY, applyPage(vm)),
                page(vm, Step.RESULT, resultPage(vm)));
        pages.setPadding(new Insets(10));
        setCenter(pages);

        Button back = button("restoreBackButton", "◂ Back", vm::back);
        back.disableProperty().bind(vm.busyProperty().or(vm.stepProperty().isEqualTo(Step.CHOOSE))
                .or(vm.stepProperty().isEqualTo(Step.APPLY)));
        // after apply there is no going back to the spent plan: the button starts a new restore
        back.textProperty().bind(javafx.beans.binding.Bindings.when(vm.stepProperty().isEqualTo(Step.RESULT))
                .then("◂ New restore").otherwise("◂ Back"));
        Button preflight = button("restorePreflightButton", "Preflight and plan ▸", vm::preflight);
        preflight.disableProperty().bind(vm.canPreflightBinding().not());
        visibleOn(preflight, vm, Step.CHOOSE);
        Button cancel = button("restoreCancelButton", "Cancel preflight", vm::cancelPreflight);
        cancel.visibleProperty().bind(vm.busyProperty().and(vm.stepProperty().isEqualTo(Step.CHOOSE)));
        cancel.managedProperty().bind(cancel.visibleProperty());
        Button next = button("restoreNextButton", "Next ▸", vm::next);
        next.disableProperty().bind(vm.applicableProperty().not());
        visibleOn(next, vm, Step.PLAN);
        Button apply = button("restoreApplyButton", "Apply restore", vm::apply);
        apply.disableProperty().bind(vm.canApplyBinding().not());
        apply.setDefaultButton(false);
        visibleOn(apply, vm, Step.CONFIRM);
        Button closeButton = button("restoreCloseButton", "Close", close);
        closeButton.disableProperty().bind(vm.stepProperty().isEqualTo(Step.APPLY));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        // the keyboard starts where the step's decision is: Next on the plan, the confirmation
        // check box on the confirm step (not Close), Close on the result
        vm.stepProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(() -> {
            Node focus = switch (b) {
                case PLAN -> next;
                case CONFIRM -> lookup("#restoreConfirmCheck");
                case RESULT -> closeButton;
                default -> null;
            };
            if (focus != null && !focus.isDisabled()) focus.requestFocus();
        }));
        HBox buttons = new HBox(8, back, grow, cancel, preflight, next, apply, closeButton);
        buttons.setPadding(new Insets(8, 10, 10, 10));
        buttons.setAlignment(Pos.CENTER_RIGHT);
        setBottom(buttons);
    }

    private static Node page(RestoreWizardViewModel vm, Step step, Region content) {
        content.visibleProperty().bind(vm.stepProperty().isEqualTo(step));
        return content;
    }

    private static void visibleOn(Button b, RestoreWizardViewModel vm, Step step) {
        b.visibleProperty().bind(vm.stepProperty().isEqualTo(step));
        b.managedProperty().bind(b.visibleProperty());
    }

    private static Region choosePage(RestoreWizardViewModel vm) {
        ComboBox<SnapshotSource> snap = new ComboBox<>(vm.snapshots());
        snap.setId("restoreSnapshotChoice");
        snap.setPrefWidth(640);
        snap.setConverter(new StringConverter<>() {
            public String toString(SnapshotSource s) {
                return s == null ? "" : s.title() + "  (task " + s.snapshot().meta().task() + ", taken "
                        + s.snapshot().meta().takenAt() + ")";
            }
            public SnapshotSource fromString(String s) { return null; }
        });
        snap.valueProperty().bindBidirectional(vm.snapshotProperty());
        ComboBox<TaskChoice> task = new ComboBox<>(vm.tasks());
        task.setId("restoreTaskChoice");
        task.setPrefWidth(640);
        task.valueProperty().bindBidirectional(vm.taskProperty());
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(10);
        g.addRow(0, new Label("Snapshot to restore"), snap);
        g.addRow(1, new Label("Live task to restore onto"), task);
        Label reason = new Label();
        reason.setId("restoreDisabledReason");
        reason.getStyleClass().add("wizard-warning");
        reason.setWrapText(true);
        reason.textProperty().bind(vm.disabledReasonProperty());
        reason.visibleProperty().bind(vm.disabledReasonProperty().isNotEmpty());
        Label info = new Label("The next step is a dry run: Capscope walks the task, checks the preflight (profile, kernel,"
                + " restore allowed, core area) and plans the operations. Nothing is changed before you confirm.");
        info.setWrapText(true);
        return new VBox(14, g, reason, info);
    }

    private static Region planPage(RestoreWizardViewModel vm) {
        Label verdict = new Label();
        verdict.setId("restoreVerdict");
        verdict.setWrapText(true);
        verdict.getStyleClass().add("wizard-verdict");
        verdict.textProperty().bind(vm.verdictProperty());
        ListView<String> refusals = new ListView<>(vm.refusals());
        refusals.setId("restoreRefusals");
        refusals.setPrefHeight(90);
        refusals.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.refusals()));
        refusals.managedProperty().bind(refusals.visibleProperty());
        ListView<String> steps = new ListView<>(vm.planSteps());
        steps.setId("restorePlanList");
        steps.getStyleClass().add("plan-list");
        steps.setPlaceholder(new Label("No operations"));
        steps.setCellFactory(l -> wrapping(l));
        refusals.setCellFactory(l -> wrapping(l));
        VBox.setVgrow(steps, Priority.ALWAYS);
        return new VBox(8, verdict, refusals, new Label("Plan (ordered operations):"), steps);
    }

    /** A list cell whose long line (a session label, a reason) wraps at the list's width. */
    private static javafx.scene.control.ListCell<String> wrapping(ListView<String> list) {
        javafx.scene.control.ListCell<String> c = new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        c.setWrapText(true);
        c.prefWidthProperty().bind(list.widthProperty().subtract(24));
        c.setMaxWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        return c;
    }

    private static Region confirmPage(RestoreWizardViewModel vm) {
        Label warn = new Label("Applying changes the live task. Review the plan (Back) before you confirm.");
        warn.getStyleClass().add("wizard-warning");
        warn.setWrapText(true);
        CheckBox confirm = new CheckBox();
        confirm.setId("restoreConfirmCheck");
        confirm.setWrapText(true);
        confirm.setMnemonicParsing(false); // task names have underscores ("init -> log_client")
        confirm.textProperty().bind(vm.confirmTextProperty());
        confirm.selectedProperty().bindBidirectional(vm.confirmedProperty());
        ListView<String> steps = new ListView<>(vm.planSteps());
        steps.getStyleClass().add("plan-list");
        steps.setCellFactory(l -> wrapping(l));
        VBox.setVgrow(steps, Priority.ALWAYS);
        return new VBox(12, warn, confirm, steps);
    }

    private static Region applyPage(RestoreWizardViewModel vm) {
        ProgressBar bar = new ProgressBar();
        bar.setId("restoreProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label msg = new Label();
        msg.setId("restoreProgressMessage");
        msg.textProperty().bind(vm.progressMessageProperty());
        ListView<String> log = new ListView<>(vm.progressLog());
        log.setId("restoreProgressLog");
        log.getStyleClass().add("plan-list");
        VBox.setVgrow(log, Priority.ALWAYS);
        return new VBox(8, bar, msg, log);
    }

    private static Region resultPage(RestoreWizardViewModel vm) {
        Label outcome = new Label();
        outcome.setId("restoreOutcome");
        outcome.getStyleClass().add("wizard-outcome");
        outcome.textProperty().bind(vm.outcomeProperty());
        vm.outcomeProperty().addListener((o, a, b) -> {
            outcome.getStyleClass().removeAll("outcome-ok", "outcome-rolled-back", "outcome-failed");
            outcome.getStyleClass().add("RESTORED_VERIFIED".equals(b) ? "outcome-ok"
                    : "ROLLED_BACK".equals(b) ? "outcome-rolled-back" : "outcome-failed");
        });
        Label text = new Label();
        text.setId("restoreResultText");
        text.setWrapText(true);
        text.textProperty().bind(vm.resultTextProperty());
        Label rollback = new Label();
        rollback.setId("restoreRollbackText");
        rollback.getStyleClass().add("plan-text");
        rollback.setWrapText(true);
        rollback.textProperty().bind(vm.rollbackTextProperty());
        rollback.visibleProperty().bind(vm.rollbackTextProperty().isNotEmpty());
        rollback.managedProperty().bind(rollback.visibleProperty());
        // the log below grows; these keep their full (wrapped, multi-line) height instead of "…"
        text.setMinHeight(Region.USE_PREF_SIZE);
        rollback.setMinHeight(Region.USE_PREF_SIZE);
        ListView<String> log = new ListView<>(vm.progressLog());
        log.getStyleClass().add("plan-list");
        log.setMinHeight(80);
        VBox.setVgrow(log, Priority.ALWAYS);
        return new VBox(10, outcome, text, rollback, new Label("What ran:"), log);
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
