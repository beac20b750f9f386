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
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/** Filter, grouping, empty slots, live refresh and its interval, profile; bound to the view models. */
final class MainToolBar extends ToolBar {
    final TextField filter = new TextField();

    MainToolBar(MainViewModel vm) {
        setId("mainToolBar");
        filter.setId("filterField");
        filter.setPromptText("Filter: selector, 0x hex, kind, interface, label, badge (Ctrl+F)");
        filter.setPrefColumnCount(18);
        filter.textProperty().bindBidirectional(vm.tree().filterTextProperty());
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) filter.clear();
        });
        Label matches = new Label();
        matches.setId("filterMatches");
        matches.textProperty().bind(Bindings.when(vm.tree().filterTextProperty().isEmpty()).then("")
                .otherwise(Bindings.concat(vm.tree().matchesProperty().asString(), " match(es)")));

        ChoiceBox<Grouping> grouping = new ChoiceBox<>(FXCollections.observableArrayList(Grouping.values()));
        grouping.setId("groupingChoice");
        grouping.valueProperty().bindBidirectional(vm.tree().groupingProperty());
        grouping.setTooltip(new Tooltip("How the component area's cap-map entries are grouped"));

        CheckBox empty = new CheckBox("Empty slots");
        empty.setId("showEmptyToggle");
        empty.selectedProperty().bindBidirectional(vm.tree().showEmptyProperty());

        CheckBox live = new CheckBox("Live");
        live.setId("liveToggle");
        live.selectedProperty().bindBidirectional(vm.liveRefreshProperty());
        live.setTooltip(new Tooltip("Live refresh: walk again when the task's generation changes (Ctrl+L)"));
        ChoiceBox<Integer> interval = new ChoiceBox<>(FXCollections.observableArrayList(250, 500, 1000, 2000, 5000, 10000));
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
        profile.setTooltip(new Tooltip("Layout profile: where core's slots and the cap map are"));

        getItems().addAll(filter, matches, new Separator(), grouping, empty, new Separator(), live, interval,
                refresh, new Separator(), new Label("Profile"), profile);
    }
}
