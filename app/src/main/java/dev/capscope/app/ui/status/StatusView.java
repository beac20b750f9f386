package dev.capscope.app.ui.status;

import dev.capscope.app.ui.copy.ClipboardText;
import javafx.beans.binding.Bindings;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;

/**
 * The status bar bound to {@link StatusViewModel}: the message, walk progress and a Cancel button
 * (only while something cancellable runs), then profile,
 * source, counts and the last walk's time. Nothing is cut: when the window is too narrow for the
 * message beside the facts, the message takes a line of its own above them and wraps; every item
 * keeps its whole text in a tooltip and the context menu copies the bar's text.
 */
public final class StatusView extends Region {
    /** Room the message needs beside the facts before it moves to a line of its own. */
    static final double MESSAGE_ROOM = 420;
    private static final double GAP = 6;
    private final Label message = new Label();
    private final HBox facts = new HBox(GAP);
    private final List<Label> items = new ArrayList<>();

    public StatusView(StatusViewModel vm) {
        setId("statusBar");
        getStyleClass().add("status-bar");
        message.setId("statusMessage");
        message.getStyleClass().add("status-item");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setMinWidth(0);
        message.setAlignment(Pos.CENTER_LEFT);
        message.setMaxWidth(Double.MAX_VALUE);
        items.add(message);
        ProgressBar progress = new ProgressBar();
        progress.setId("statusProgress");
        progress.setPrefWidth(120);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.progressProperty().isNotEqualTo(0, 1e-9));
        progress.managedProperty().bind(progress.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("statusCancel");
        cancel.getStyleClass().add("small");
        cancel.setOnAction(e -> vm.cancelRunning());
        cancel.visibleProperty().bind(vm.work().runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip cancelTip = new Tooltip();
        cancelTip.textProperty().bind(Bindings.concat("Cancel the ", vm.work().descriptionProperty(), " (Esc)"));
        cancel.setTooltip(cancelTip);
        Label profile = label("profileLabel", vm.profileProperty());
        Label source = label("statusSource", vm.sourceProperty());
        Label counts = label("statusCounts", vm.countsProperty());
        Label time = label("statusWalkTime", vm.walkTimeProperty());
        time.visibleProperty().bind(Bindings.isNotEmpty(vm.walkTimeProperty()));
        time.managedProperty().bind(time.visibleProperty());
        facts.setAlignment(Pos.CENTER_RIGHT);
        facts.getChildren().addAll(progress, cancel, profile, bar(), source, bar(), counts, bar(), time);
        getChildren().addAll(message, facts);
        for (Label l : items) {
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(l.textProperty());
            l.setTooltip(tip);
        }
        MenuItem copy = new MenuItem("Copy status text");
        copy.setId("statusCopy");
        copy.setOnAction(e -> ClipboardText.put(allText()));
        ContextMenu menu = new ContextMenu(copy);
        setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
    }

    /** The message shown now. */
    public String text() {
        return message.getText();
    }

    /** Every non-empty item of the bar, separated by " · " (what "Copy status text" copies). */
    public String allText() {
        return String.join(" · ", items.stream().filter(Label::isVisible).map(Label::getText)
                .filter(t -> t != null && !t.isEmpty()).toList());
    }

    /** Whether the message has a line of its own (the window is too narrow for one line). */
    public boolean twoLines() {
        return twoLines(getWidth() - getInsets().getLeft() - getInsets().getRight());
    }

    private boolean twoLines(double width) {
        return width - facts.prefWidth(-1) - GAP < Math.min(MESSAGE_ROOM, message.prefWidth(-1));
    }

    @Override
    protected double computeMinWidth(double height) {
        return getInsets().getLeft() + facts.minWidth(-1) + getInsets().getRight();
    }

    @Override
    protected double computePrefWidth(double height) {
        return getInsets().getLeft() + message.prefWidth(-1) + GAP + facts.prefWidth(-1) + getInsets().getRight();
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        double w = (width < 0 ? computePrefWidth(-1) : width) - in.getLeft() - in.getRight();
        double factsH = facts.prefHeight(-1);
        double h = twoLines(w) ? message.prefHeight(w) + GAP + factsH
                : Math.max(factsH, message.prefHeight(w - facts.prefWidth(-1) - GAP));
        return in.getTop() + h + in.getBottom();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double x = in.getLeft();
        double y = in.getTop();
        double w = getWidth() - in.getLeft() - in.getRight();
        double h = getHeight() - in.getTop() - in.getBottom();
        double factsW = Math.min(w, facts.prefWidth(-1));
        if (twoLines(w)) {
            double mh = message.prefHeight(w);
            layoutInArea(message, x, y, w, mh, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(facts, x + w - factsW, y + mh + GAP, factsW, h - mh - GAP, 0, HPos.RIGHT, VPos.CENTER);
        } else {
            double mw = w - factsW - GAP;
            layoutInArea(message, x, y, mw, h, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(facts, x + mw + GAP, y, factsW, h, 0, HPos.RIGHT, VPos.CENTER);
        }
    }

    private Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("status-item");
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        items.add(l);
        return l;
    }

    private static Separator bar() {
        return new Separator(Orientation.VERTICAL);
    }
}
