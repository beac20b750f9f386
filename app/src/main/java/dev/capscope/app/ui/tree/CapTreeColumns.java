package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.copy.SpanningTitleCell;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.settings.NumberBase;
import dev.capscope.app.ui.settings.ViewSettings;
import javafx.collections.SetChangeListener;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;

import java.util.function.Supplier;

/** Makes the cap-space tree's columns from their {@link TreeColumn} specs, shown or hidden by the settings. */
final class CapTreeColumns {
    private CapTreeColumns() {
    }

    static TreeTableColumn<Row, Row> column(TreeColumn spec, ViewSettings settings, Supplier<NumberBase> numbers) {
        TreeTableColumn<Row, Row> c = new TreeTableColumn<>(spec.title());
        c.setId(spec.id());
        c.setPrefWidth(spec.width());
        c.setMinWidth(spec.minWidth());
        c.setCellValueFactory(p -> p.getValue().valueProperty());
        if (spec == TreeColumn.SELECTOR) {
            // group titles run on over the empty cells beside them instead of ending in "…"
            c.setCellFactory(col -> new SpanningTitleCell<>(r -> !r.isSelector(), r -> spec.text(r, numbers.get())));
        } else c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                String text = empty || r == null ? null : spec.text(r, numbers.get());
                setText(text);
                {
                    // long roles and meanings ("LOG 'init -> launcher -> launcher' @init -> terminal_log")
                    // end in "…" on narrow windows: the whole text on hover (made on the first hover,
                    // then only updated); Copy cell copies it
                    dev.capscope.app.ui.copy.HoverTooltip.set(this, text);
                }
            }
        });
        c.setComparator(spec.order());
        c.setVisible(!settings.hiddenColumns().contains(spec.id()));
        c.visibleProperty().addListener((o, a, b) -> {
            if (b) settings.hiddenColumns().remove(spec.id()); else settings.hiddenColumns().add(spec.id());
        });
        settings.hiddenColumns().addListener((SetChangeListener<String>) ch -> c.setVisible(
                !settings.hiddenColumns().contains(spec.id())));
        return c;
    }
}
