package dev.capscope.app.ui.main;

import dev.capscope.app.ui.model.Grouping;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * Filter, grouping, empty slots, live refresh and its interval, profile; bound to the view models.
 * A box rather than a ToolBar: on a narrow window the filter field gives way instead of controls
 * disappearing behind an overflow button.
 */
final class MainToolBar extends javafx.scene.layout.HBox {
    final TextField filter = new TextField();

    MainToolBar(MainViewModel vm, MainView view) {
        super(6);
        setId("mainToolBar");
        getStyleClass().add("main-tool-bar");
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        filter.setId("filterField");
        filter.setPromptText("Find: selector, 0x…, kind, label…");
        dev.capscope.app.ui.copy.HoverTooltip.set(filter, "Filter and find (Ctrl+F): a selector or kcap (515, 0x203), a badge, a kind, "
                + "an interface, a label, a server, lint text, or obj:ID for the holders of a kernel object.\n"
                + "Enter / Shift+Enter (F3 / Shift+F3): next / previous match. Down: into the tree. Esc: clear.");
        filter.setPrefColumnCount(16);
        filter.setMinWidth(130);
        filter.setMaxWidth(340);
        javafx.scene.layout.HBox.setHgrow(filter, javafx.scene.layout.Priority.SOMETIMES);
        filter.textProperty().bindBidirectional(vm.tree().filterTextProperty());
        filter.setOnKeyPressed(e -> {
            switch (e.getCode()) {
                case ESCAPE -> filter.clear();
                case ENTER -> view.findNext(!e.isShiftDown());
                case DOWN -> view.focusTree();
                default -> { return; }
            }
            e.consume();
        });
        Label matches = new Label();
        matches.setId("filterMatches");
        matches.setMinWidth(Region.USE_PREF_SIZE);
        matches.textProperty().bind(Bindings.createStringBinding(() -> {
            if (vm.tree().filterTextProperty().get().isBlank()) return "";
            int n = vm.tree().matchesProperty().get();
            int at = vm.tree().findPositionProperty().get();
            return at > 0 ? at + " of " + n : n + (n == 1 ? " match" : " matches");
        }, vm.tree().filterTextProperty(), vm.tree().matchesProperty(), vm.tree().findPositionProperty()));

        ChoiceBox<Grouping> grouping = new FittedChoiceBox<>(FXCollections.observableArrayList(Grouping.values()));
        grouping.setId("groupingChoice");
        grouping.valueProperty().bindBidirectional(vm.tree().groupingProperty());
        dev.capscope.app.ui.copy.HoverTooltip.set(grouping, "How the component area's cap-map entries are grouped");

        CheckBox empty = new CheckBox("Empty slots");
        empty.setId("showEmptyToggle");
        empty.selectedProperty().bindBidirectional(vm.tree().showEmptyProperty());

        CheckBox live = new CheckBox("Live");
        live.setId("liveToggle");
        live.selectedProperty().bindBidirectional(vm.liveRefreshProperty());
        dev.capscope.app.ui.copy.HoverTooltip.set(live, "Live refresh: walk again when the task's generation changes (Ctrl+L)");
        ChoiceBox<Integer> interval = new FittedChoiceBox<>(FXCollections.observableArrayList(250, 500, 1000, 2000, 5000, 10000));
        interval.setId("intervalChoice");
        interval.setConverter(new StringConverter<>() {
            public String toString(Integer ms) { return ms == null ? "" : ms < 1000 ? ms + " ms" : ms / 1000 + " s"; }
            public Integer fromString(String s) { return null; }
        });
        interval.setValue(vm.intervalMillisProperty().get());
        interval.valueProperty().addListener((o, a, b) -> { if (b != null) vm.intervalMillisProperty().set(b); });
        // live refresh and refresh walk a live task: nothing to do with a snapshot or nothing shown
        live.disableProperty().bind(vm.liveShownProperty().not());
        interval.disableProperty().bind(live.selectedProperty().not().or(vm.liveShownProperty().not()));

        Button refresh = new Button("Refresh");
        refresh.setId("refreshButton");
        refresh.setOnAction(e -> vm.refresh());
        refresh.setTooltip(new Tooltip("Walk the shown task again now (F5)"));
        refresh.disableProperty().bind(vm.liveShownProperty().not());

        ComboBox<String> profile = new ComboBox<>(vm.profile().choices());
        profile.setId("profileChoice");
        profile.valueProperty().bindBidirectional(vm.profile().choiceProperty());
        dev.capscope.app.ui.copy.HoverTooltip.set(profile, "Layout profile: where core's slots and the cap map are "
                + "(auto-detect guesses it from the space; the status bar says which and how sure)");
        profile.setPrefWidth(150);

        for (javafx.scene.control.Control c : new javafx.scene.control.Control[]{grouping, empty, live, interval, refresh, profile}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(filter, matches, bar(), grouping, empty, bar(), live, interval,
                refresh, bar(), profile);
    }

    private static Separator bar() {
        return new Separator(javafx.geometry.Orientation.VERTICAL);
    }
}
