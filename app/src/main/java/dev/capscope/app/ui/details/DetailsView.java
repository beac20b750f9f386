package dev.capscope.app.ui.details;

import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.PropertySheet;

import java.util.Optional;

/** Details pane: a heading and a read-only ControlsFX PropertySheet bound to {@link DetailsViewModel}. */
public final class DetailsView extends BorderPane {
    private final PropertySheet sheet = new PropertySheet();

    public DetailsView(DetailsViewModel vm) {
        setId("detailsPane");
        getStyleClass().add("details-pane");
        Label heading = new Label();
        heading.setId("detailsHeading");
        heading.getStyleClass().add("pane-heading");
        heading.textProperty().bind(vm.headingProperty());
        sheet.setId("detailsSheet");
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        setTop(heading);
        setCenter(sheet);
        vm.items().addListener((ListChangeListener<DetailItem>) c -> refill(vm));
        refill(vm);
    }

    private void refill(DetailsViewModel vm) {
        sheet.getItems().setAll(vm.items().stream().map(Item::new).toList());
    }

    /** Read-only adapter of a {@link DetailItem}. */
    private record Item(DetailItem d) implements PropertySheet.Item {
        @Override public Class<?> getType() { return String.class; }
        @Override public String getCategory() { return d.category(); }
        @Override public String getName() { return d.name(); }
        @Override public String getDescription() { return d.description().isEmpty() ? d.value() : d.description(); }
        @Override public Object getValue() { return d.value(); }
        @Override public void setValue(Object value) { }
        @Override public boolean isEditable() { return false; }
        @Override public Optional<ObservableValue<? extends Object>> getObservableValue() { return Optional.empty(); }
    }
}
