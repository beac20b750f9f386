package dev.capscope.app.ui.details;

import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.PropertySheet;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;

/**
 * Details pane: a heading and a read-only ControlsFX PropertySheet bound to {@link DetailsViewModel},
 * every line visible at once; a line's tooltip names its category and explains it.
 */
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
        // One flat list in the view model's order (grouped by category already): the CATEGORY mode's
        // accordion shows one category at a time, hiding most of what is known.
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        setTop(heading);
        setCenter(sheet);
        vm.items().addListener((ListChangeListener<DetailItem>) c -> refill(vm));
        refill(vm);
    }

    /**
     * Replaces the sheet's items only when the set of properties changed; otherwise updates the
     * values in place (rebuilding a PropertySheet creates an editor per line, too slow per refresh).
     */
    private void refill(DetailsViewModel vm) {
        List<DetailItem> next = vm.items();
        List<PropertySheet.Item> cur = sheet.getItems();
        boolean same = cur.size() == next.size();
        for (int i = 0; same && i < next.size(); i++) {
            Item it = (Item) cur.get(i);
            same = it.category.equals(next.get(i).category()) && it.name.equals(next.get(i).name());
        }
        if (same) {
            for (int i = 0; i < next.size(); i++) {
                ((Item) cur.get(i)).value.set(next.get(i).value());
            }
        } else {
            sheet.getItems().setAll(next.stream().map(Item::new).toList());
        }
    }

    /** Read-only adapter of a {@link DetailItem}; the value is observable so it updates in place. */
    private static final class Item implements PropertySheet.Item {
        final String category;
        final String name;
        final String description;
        final SimpleStringProperty value;

        Item(DetailItem d) {
            category = d.category();
            name = d.name();
            description = d.description();
            value = new SimpleStringProperty(d.value());
        }

        @Override public Class<?> getType() { return String.class; }
        @Override public String getCategory() { return category; }
        @Override public String getName() { return name; }
        @Override public String getDescription() {
            return category + " · " + name + ": " + (description.isEmpty() ? value.get() : description);
        }
        @Override public Object getValue() { return value.get(); }
        @Override public void setValue(Object v) { }
        @Override public boolean isEditable() { return false; }
        @Override public Optional<ObservableValue<? extends Object>> getObservableValue() { return Optional.of(value); }
    }
}
