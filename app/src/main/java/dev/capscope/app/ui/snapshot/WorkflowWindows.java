package dev.capscope.app.ui.snapshot;

import dev.capscope.app.ui.diff.DiffView;
import dev.capscope.app.ui.diff.DiffViewModel;
import dev.capscope.app.ui.restore.RestoreWizardView;
import dev.capscope.app.ui.restore.RestoreWizardViewModel;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Shows a window for each diff and restore wizard the workflow opens (the only place that makes
 * stages for them); closing the window drops its view model.
 */
public final class WorkflowWindows {
    private final SnapshotWorkflow workflow;
    private final Node anchor;

    private final javafx.beans.value.ObservableValue<dev.capscope.app.ui.settings.NumberBase> numbers;

    public WorkflowWindows(SnapshotWorkflow workflow, Node anchor) {
        this(workflow, anchor, new javafx.beans.property.SimpleObjectProperty<>(dev.capscope.app.ui.settings.NumberBase.BOTH));
    }

    /** @param numbers the main window's number base, for the diff windows */
    public WorkflowWindows(SnapshotWorkflow workflow, Node anchor,
                           javafx.beans.value.ObservableValue<dev.capscope.app.ui.settings.NumberBase> numbers) {
        this.workflow = workflow;
        this.anchor = anchor;
        this.numbers = numbers;
        workflow.openDiffs().addListener((ListChangeListener<DiffViewModel>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::showDiff);
            }
        });
        workflow.wizardProperty().addListener((o, a, b) -> {
            if (b != null) showWizard(b);
        });
    }

    private Stage stage(String title, String id) {
        Stage s = new Stage();
        Window owner = anchor.getScene() == null ? null : anchor.getScene().getWindow();
        if (owner != null) s.initOwner(owner);
        s.setTitle(title);
        s.getProperties().put("capscope.window", id);
        return s;
    }

    private void showDiff(DiffViewModel vm) {
        Stage s = stage("Capscope diff", "diff");
        s.titleProperty().bind(vm.titleProperty());
        Scene scene = new Scene(new DiffView(vm, numbers), fit(1440, true), fit(880, false));
        copyStyles(scene);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), vm::reload);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), s::close);
        s.setScene(scene);
        s.setOnHidden(e -> workflow.openDiffs().remove(vm));
        s.show();
    }

    private void showWizard(RestoreWizardViewModel vm) {
        Stage s = stage("Capscope · restore a snapshot", "restore");
        Scene scene = new Scene(new RestoreWizardView(vm, s::close), fit(900, true), fit(620, false));
        copyStyles(scene);
        s.setScene(scene);
        s.setOnHidden(e -> {
            if (workflow.wizardProperty().get() == vm) workflow.wizardProperty().set(null);
        });
        s.show();
    }

    /** A window size that fits the screen (a window larger than the screen breaks headless rendering too). */
    private static double fit(double wanted, boolean width) {
        javafx.geometry.Rectangle2D b = javafx.stage.Screen.getPrimary().getVisualBounds();
        return Math.min(wanted, (width ? b.getWidth() : b.getHeight()) - 40);
    }

    /** The main window's stylesheets, and its theme (the root's "dark" class). */
    private void copyStyles(Scene scene) {
        if (anchor.getScene() != null) {
            scene.getStylesheets().setAll(anchor.getScene().getStylesheets());
            if (anchor.getScene().getRoot().getStyleClass().contains("dark")) scene.getRoot().getStyleClass().add("dark");
        }
    }
}
